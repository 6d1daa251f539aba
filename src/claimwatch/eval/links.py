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

The gate (``claimwatch eval gate``) scores every links gold file present.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path

from ..calendars import parse_iso_date
from ..link.stories import Story, link_corpus
from ..link.talking_points import TalkingPoint
from ..model import Article, Document

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
class LinkScores:
    talking_points: PairScore
    stories: PairScore
    points: tuple[TalkingPoint, ...] = field(default=(), repr=False)
    story_list: tuple[Story, ...] = field(default=(), repr=False)


# ---------------------------------------------------------------------------
# Loading the shared corpus
# ---------------------------------------------------------------------------
def _document(article: Article) -> Document:
    """The stored document of an article, via the project's text module when it works."""
    try:
        from ..text import build_document

        document = build_document(article)
        return document
    except Exception:  # noqa: BLE001 - fall back to the raw text: offsets stay valid for gold lookup
        return Document(id=article.id, text=article.raw, content_hash="", source=article.source,
                        published=article.published)


def load_seed_documents(folder: Path) -> list[Document]:
    """Seed articles: one ``*.txt`` per document, id = file name."""
    return [
        _document(Article(id=path.name, raw=path.read_text(encoding="utf-8"), fmt="txt", source=str(path)))
        for path in sorted(folder.glob("*.txt"))
    ]


def load_jsonl_documents(path: Path) -> list[Document]:
    """Articles of a JSONL file with ``id``, ``url``, ``published``, ``text``."""
    documents = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        article = Article(
            id=row["id"], raw=row["text"], fmt="jsonl", source=f"{path}:{line_no}",
            url=row.get("url"), published=parse_iso_date(row.get("published")),
        )
        document = _document(article)
        if document.outlet is None and row.get("outlet"):
            # the sample corpus names its outlet; the shared corpus does not
            document = replace(document, outlet=row["outlet"])
        documents.append(document)
    return documents


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


def score_talking_points(gold_points: list[dict], points: Sequence[TalkingPoint], texts: dict[str, str]) -> PairScore:
    """Occurrence-pair precision/recall/F1 (see module docstring)."""
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
    return _score(_cluster_pairs(system_clusters), _cluster_pairs(gold_clusters))


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = _overlap(a, b)
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter else 0.0


def score_stories(gold_stories: list[dict], stories: Sequence[Story], texts: dict[str, str]) -> PairScore:
    """Passage-pair precision/recall/F1 (see module docstring)."""
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
    return _score(_cluster_pairs(system_clusters), _cluster_pairs(gold_clusters))


def score_links(gold_links: Path, docs: list[Document]) -> LinkScores:
    """Run both linkers over ``docs`` and score them against a gold links file."""
    gold = json.loads(gold_links.read_text(encoding="utf-8"))
    texts = {d.id: d.text for d in docs}
    points, stories = link_corpus(docs)
    return LinkScores(
        talking_points=score_talking_points(gold.get("talking_points", []), points, texts),
        stories=score_stories(gold.get("stories", []), stories, texts),
        points=tuple(points),
        story_list=tuple(stories),
    )
