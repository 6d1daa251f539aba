"""Score cross-document links (talking points, stories) against gold links files.

Gold: ``NAME.links.json`` with ``talking_points`` (each: ``occurrences`` of ``doc`` +
``evidence``) and ``stories`` (each: ``passages`` of ``doc`` + ``evidence``, where a
null evidence is the whole document and otherwise the passage *starts* at that text).

**Talking points — occurrence-pair F1.** Every gold occurrence is located in its
document (``evidence`` is a substring of the stored text). A system occurrence is
mapped to the gold occurrence of the same document it overlaps most (by characters);
an unmapped one stays itself. A *pair* is two occurrences, in different documents,
of the same cluster, identified by what they are mapped to, so two system sentences
that together make one gold occurrence count once. Precision = system pairs that
are gold pairs / system pairs; recall = gold pairs found / gold pairs.

**Stories — passage-pair F1.** A gold passage is ``(doc, start, end)``: the whole
document, or from the evidence to the end of the document. System and gold passages
of one document are matched one-to-one, greedily by character-span Jaccard (any
overlap qualifies; so a system whole-document passage stands for a gold passage of
that document unless a closer system passage exists). A pair is two passages of
different documents in the same story; precision and recall as above.

**Seen and blind parts.** Every third gold cluster of a file (talking point or story,
in file order: the 3rd, 6th, ...) is *blind*, as every third document of a claims gold
file is: rules are written from the errors of the seen part only, and only those
errors are listed. A document is blind when it appears in blind clusters only, or,
appearing in no gold cluster, when it is every third such document in corpus order. A
pair (gold or system) is in the blind part when either of its members is blind: a
member of a blind gold cluster, or an unmatched passage of a blind document.

The gate (``claimwatch eval gate``, ``gate.score_links``) scores every links gold file present, over
the documents and claims the eval store holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..link.stories import Story
from ..link.talking_points import TalkingPoint
from .claims import is_blind

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"

Key = tuple[str, int, int]  # (doc, start, end)
Pair = tuple[Key, Key]


@dataclass(frozen=True)
class PairScore:
    true_positives: int
    system: int
    gold: int
    missed: tuple[Pair, ...] = ()
    false: tuple[Pair, ...] = ()

    @property
    def precision(self) -> float:
        return self.true_positives / self.system if self.system else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class PartScores:
    """One link type scored on the seen and blind parts of a gold file, and on all of it."""

    seen: PairScore
    blind: PairScore
    all: PairScore

    def parts(self) -> tuple[tuple[str, PairScore], ...]:
        return (("seen", self.seen), ("blind", self.blind), ("all", self.all))


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------
def _locate(text: str, evidence: str) -> tuple[int, int]:
    start = text.find(evidence)
    if start < 0:
        raise ValueError(f"gold evidence not found: {evidence[:60]!r}")
    return start, start + len(evidence)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _pair(a: Key, b: Key) -> Pair:
    return (a, b) if a <= b else (b, a)


def _cluster_pairs(clusters: Iterable[Sequence[Key]]) -> set[Pair]:
    pairs: set[Pair] = set()
    for members in clusters:
        for a, b in combinations(sorted(set(members)), 2):
            if a[0] != b[0]:
                pairs.add(_pair(a, b))
    return pairs


def _score(system: set[Pair], gold: set[Pair]) -> PairScore:
    return PairScore(
        true_positives=len(system & gold), system=len(system), gold=len(gold),
        missed=tuple(sorted(gold - system)), false=tuple(sorted(system - gold)),
    )


def blind_members(gold_clusters: Sequence[Sequence[Key]], doc_order: Sequence[str]) -> tuple[set[Key], set[str]]:
    """The gold keys of the blind clusters, and the blind documents (see module docstring)."""
    blind_keys: set[Key] = set()
    seen_docs: set[str] = set()
    blind_docs: set[str] = set()
    for position, members in enumerate(gold_clusters):
        if is_blind(position):
            blind_keys.update(members)
            blind_docs.update(k[0] for k in members)
        else:
            seen_docs.update(k[0] for k in members)
    blind_docs -= seen_docs
    clustered = seen_docs | {k[0] for members in gold_clusters for k in members}
    unclustered = [d for d in doc_order if d not in clustered]
    blind_docs.update(d for i, d in enumerate(unclustered) if is_blind(i))
    return blind_keys, blind_docs


def _parts(
    system: set[Pair], gold: set[Pair], gold_clusters: Sequence[Sequence[Key]], doc_order: Sequence[str]
) -> PartScores:
    blind_keys, blind_docs = blind_members(gold_clusters, doc_order)
    gold_keys = {k for members in gold_clusters for k in members}

    def blind_key(key: Key) -> bool:
        return key in blind_keys or (key not in gold_keys and key[0] in blind_docs)

    def blind_pair(pair: Pair) -> bool:
        return blind_key(pair[0]) or blind_key(pair[1])

    return PartScores(
        seen=_score({p for p in system if not blind_pair(p)}, {p for p in gold if not blind_pair(p)}),
        blind=_score({p for p in system if blind_pair(p)}, {p for p in gold if blind_pair(p)}),
        all=_score(system, gold),
    )


def score_talking_points(gold_points: list[dict], points: Sequence[TalkingPoint], texts: dict[str, str]) -> PartScores:
    """Occurrence-pair precision/recall/F1, seen and blind (see module docstring)."""
    gold_clusters: list[list[Key]] = []
    gold_by_doc: dict[str, list[Key]] = {}
    for point in gold_points:
        members = []
        for occ in point["occurrences"]:
            start, end = _locate(texts[occ["doc"]], occ["evidence"])
            key = (occ["doc"], start, end)
            members.append(key)
            gold_by_doc.setdefault(occ["doc"], []).append(key)
        gold_clusters.append(members)

    def mapped(doc: str, start: int, end: int) -> Key:
        best = max(gold_by_doc.get(doc, []), key=lambda g: _overlap((start, end), (g[1], g[2])), default=None)
        if best is not None and _overlap((start, end), (best[1], best[2])) > 0:
            return best
        return (doc, start, end)

    system_clusters = [[mapped(o.doc, o.start, o.end) for o in p.occurrences] for p in points]
    return _parts(_cluster_pairs(system_clusters), _cluster_pairs(gold_clusters), gold_clusters, list(texts))


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = _overlap(a, b)
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter else 0.0


def score_stories(gold_stories: list[dict], stories: Sequence[Story], texts: dict[str, str]) -> PartScores:
    """Passage-pair precision/recall/F1, seen and blind (see module docstring)."""
    gold_clusters: list[list[Key]] = []
    for story in gold_stories:
        members = []
        for passage in story["passages"]:
            text = texts[passage["doc"]]
            start = 0 if passage.get("evidence") is None else _locate(text, passage["evidence"])[0]
            members.append((passage["doc"], start, len(text)))
        gold_clusters.append(members)
    system_keys = [(p.doc, p.start, p.end) for s in stories for p in s.passages]
    gold_keys = [k for members in gold_clusters for k in members]
    # one-to-one matching per document, best span Jaccard first
    candidates = sorted(
        ((_jaccard((s[1], s[2]), (g[1], g[2])), s, g) for s in set(system_keys) for g in set(gold_keys) if s[0] == g[0]),
        reverse=True,
    )
    assigned: dict[Key, Key] = {}
    used: set[Key] = set()
    for score, s, g in candidates:
        if score > 0 and s not in assigned and g not in used:
            assigned[s] = g
            used.add(g)
    system_clusters = [[assigned.get((p.doc, p.start, p.end), (p.doc, p.start, p.end)) for p in s.passages] for s in stories]
    return _parts(_cluster_pairs(system_clusters), _cluster_pairs(gold_clusters), gold_clusters, list(texts))
