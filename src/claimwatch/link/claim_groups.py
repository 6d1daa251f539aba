"""Story-level claim groups: one claim, many sources; and boilerplate flags.

Several outlets reporting one event repeat its figures ("exports tripled"); each
report yields its own claim record, but they are one claim with several sources.
``group_story_claims`` folds such claims into a ``ClaimGroup``:

* within one document, a restatement (``restates``: the id of the first mention)
  always joins its first mention's group — the extractor already decided they
  are the same claim;
* across documents, first mentions join when they lie inside passages of the
  same story (``claimwatch.link.stories``) and state the same figure: same kind
  and unit, values within rounding and hedge tolerance (``consistency.value_interval``,
  but a bound such as "at least" read as its number, and two round figures of one
  precision, 9 and 10 million, kept apart), subject keys that agree when both are
  known (a bare "exports" agrees with "defense exports") and the identical figure
  when either is unknown, and periods that overlap when both are known. A
  *specific* figure ("1,644", "551 million") stated identically joins whatever
  the wording of its subject or count noun. Every member must agree with every
  other, so tolerances do not chain (100 ~ 104 ~ 108); a document contributes one
  first mention, plus any unlinked repeat of a figure other outlets confirm.

Claims outside any story stay singletons, grouped only with their in-document
restatements.

``boilerplate_claims`` marks claims stated inside recycled talking points
(background lines many outlets paste in): such a figure is not news of the day.

Input records are ``Claim`` records, the ``Story`` records of ``claimwatch.link.stories``
and the ``TalkingPoint`` records of ``claimwatch.link.talking_points``. Nothing here
reads the store.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ..lexicon import subjects as subjects_lex
from ..model import Claim
from .consistency import claim_period, value_interval
from .stories import Story
from .subjects import subject_key as default_subject_key
from .talking_points import TalkingPoint

# figures with this many significant digits are specific enough that one stated
# exactly twice in one story is one claim, whatever words surround it
SPECIFIC_DIGITS = 3

SubjectKeyFn = Callable[[str | None, str | None], str]


@dataclass(frozen=True)
class ClaimGroup:
    """One claim as reported by one or more sources.

    The figure fields describe the group: the value of its most precise member
    (narrowest tolerance interval), the subject wording with the fullest key, the
    speaker most members name, the first known period and the earliest said_on.
    """

    id: str  # stable: hash of the sorted member claim ids
    story: str | None  # story id, None for claims outside any story
    kind: str
    value: float
    value_high: float | None
    unit: str
    subject: str | None
    speaker: str | None
    period_start: date | None
    period_end: date | None
    said_on: date | None
    claims: tuple[str, ...]  # member claim ids, first mentions first, in document order
    sources: tuple[str, ...]  # documents, sorted
    outlets: tuple[str, ...] = ()  # distinct outlets of the sources, when known
    subject_key: str = ""
    boilerplate: tuple[str, ...] = ()  # member ids stated inside recycled talking points

    @property
    def multi_source(self) -> bool:
        """Whether more than one document states this claim."""
        return len(self.sources) > 1

    @property
    def all_boilerplate(self) -> bool:
        """Whether every member is stated inside a talking point."""
        return bool(self.claims) and len(self.boilerplate) == len(self.claims)


# ---------------------------------------------------------------------------
# Claim view
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Item:
    claim: Claim
    order: int  # position in (doc, start) order: breaks ties deterministically
    id: str
    doc: str
    start: int
    end: int
    kind: str
    unit: str  # folded for comparison
    stated: tuple[float, float | None]  # value and value_high as written
    interval: tuple[float, float]
    key: str
    period: tuple[date, date] | None


def _fold_unit(unit: str | None) -> str:
    """Compare units case-blind and count nouns singular ("Countries" = "country")."""
    text = (unit or "").strip().lower()
    if len(text) > 3 and text.endswith("ies"):
        return text[:-3] + "y"
    if len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
        return text[:-1]
    return text


def _identity_interval(value: float, high: float | None, hedge: str | None) -> tuple[float, float]:
    """The values a figure may have been rounded from, for telling whether two reports
    state one figure. Unlike a consistency check, a bound ("at least 139", "more than
    1.7 million") is read as its number: open-ended intervals would make any two
    bounded counts of one story the same claim."""
    words = (hedge or "").lower().strip()
    bound = words in subjects_lex.LOWER_BOUND_HEDGES or words in subjects_lex.UPPER_BOUND_HEDGES
    return value_interval(value, high, None if bound else words or None)


def _items(claims: Sequence[Claim], subject_key: SubjectKeyFn) -> list[_Item]:
    ordered = sorted(claims, key=lambda c: (c.doc, c.start, c.end))
    return [
        _Item(
            claim=c, order=order, id=c.id, doc=c.doc, start=c.start, end=c.end, kind=c.kind,
            unit=_fold_unit(c.unit), stated=(c.value, c.value_high),
            interval=_identity_interval(c.value, c.value_high, c.hedge),
            key=subject_key(c.subject, c.evidence) or "", period=claim_period(c),
        )
        for order, c in enumerate(ordered)
    ]  # fmt: skip


# ---------------------------------------------------------------------------
# Agreement
# ---------------------------------------------------------------------------
def keys_agree(a: str, b: str) -> bool:
    """Subject keys that may name one thing: equal, or one a single word found in the
    other ("exports" within "defense exports": inside one story they name one thing)."""
    if a == b:
        return True
    short, long_ = sorted((a.split(), b.split()), key=len)
    return len(short) == 1 and short[0] in long_


def significant_digits(value: float) -> int:
    """How many significant digits a stated figure has (1,644 -> 4; 551 million -> 3; 3 -> 1)."""
    if value == 0 or not math.isfinite(value):
        return 0
    # 15 significant digits drop float noise (1.2000000000000002e9 -> 1.2e9)
    return len(Decimal(f"{abs(value):.15g}").normalize().as_tuple().digits)


def _periods_agree(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def _agree(a: _Item, b: _Item) -> bool:
    """Whether two claims of one story state the same figure.

    Kind and period (when both known) must always agree. Then, in order:

    * the same *specific* figure (``SPECIFIC_DIGITS`` significant digits or more,
      as "1,644" or "551 million") stated exactly is one claim whatever the
      wording: outlets call the counted thing "deaths" or "people", the measure
      "budget" or "spending";
    * otherwise units must agree, and the values within rounding and hedge
      tolerance when both subject keys are known and agree, or exactly when
      either key is unknown (without a subject only the identical figure
      identifies the claim: 6% and 5.8% in one story are two figures).
    """
    if a.kind != b.kind or not _periods_agree(a.period, b.period):
        return False
    if (
        a.stated == b.stated
        and min(significant_digits(v) for v in a.stated if v is not None) >= SPECIFIC_DIGITS
    ):
        return a.unit == b.unit or a.kind == "count"
    if a.unit != b.unit:
        return False
    if a.key and b.key:
        return keys_agree(a.key, b.key) and same_figure(a.stated, a.interval, b.stated, b.interval)
    return a.stated == b.stated


def same_figure(
    a: tuple[float, float | None],
    a_interval: tuple[float, float],
    b: tuple[float, float | None],
    b_interval: tuple[float, float],
) -> bool:
    """Whether two stated figures (value, value_high) can be one figure reported twice.

    The finer figure (more significant digits) must lie within the coarser one's
    rounding and hedge interval ("1.2 billion" ~ "1.23 billion"). Two figures of
    one precision must each lie within the other's: "9 million" and "10 million"
    are two figures, though a consistency check would let them stand together.
    """
    if a == b:
        return True
    a_in_b = all(b_interval[0] <= v <= b_interval[1] for v in a if v is not None)
    b_in_a = all(a_interval[0] <= v <= a_interval[1] for v in b if v is not None)
    digits_a, digits_b = significant_digits(a[0]), significant_digits(b[0])
    if digits_a == digits_b:
        return a_in_b and b_in_a
    return b_in_a if digits_a < digits_b else a_in_b


# ---------------------------------------------------------------------------
# Stories and restatements
# ---------------------------------------------------------------------------
def _story_passages(stories: Iterable[Story]) -> dict[str, list[tuple[int, int, str]]]:
    """Document id -> (start, end, story id) of every story passage in it."""
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for story in stories:
        for passage in story.passages:
            by_doc[passage.doc].append((passage.start, passage.end, story.id))
    for passages in by_doc.values():
        passages.sort()
    return by_doc


def _story_of(item: _Item, passages: Sequence[tuple[int, int, str]]) -> str | None:
    """The story whose passage holds most of the claim's evidence (the start when it is empty)."""
    best, best_overlap = None, -1
    for start, end, sid in passages:
        if item.end > item.start:
            overlap = min(end, item.end) - max(start, item.start)
            if overlap > 0 and overlap > best_overlap:
                best, best_overlap = sid, overlap
        elif start <= item.start < end and best is None:
            best = sid
    return best


def _first_mentions(items: Sequence[_Item]) -> dict[str, str]:
    """Claim id -> id of its first mention in its document (itself when it is one).

    Follows ``restates`` chains; a target that is missing or in another document
    ends the chain there; a cycle resolves to its earliest member.
    """
    by_id = {i.id: i for i in items}
    root: dict[str, str] = {}
    for item in items:
        chain = [item]
        while True:
            target = chain[-1].claim.restates
            nxt = by_id.get(str(target)) if target else None
            if nxt is None or nxt.doc != item.doc:
                root[item.id] = chain[-1].id
                break
            if nxt in chain:
                # a cycle has no first mention: its earliest member stands in for it,
                # the same one whichever member the walk started from
                cycle = chain[chain.index(nxt) :]
                root[item.id] = min(cycle, key=lambda i: i.order).id
                break
            chain.append(nxt)
    return root


# ---------------------------------------------------------------------------
# Grouping
# ---------------------------------------------------------------------------
def group_story_claims(
    claims: Sequence[Claim],
    stories: Sequence[Story],
    *,
    subject_key: SubjectKeyFn = default_subject_key,
    outlets: Mapping[str, str | None] | None = None,
) -> list[ClaimGroup]:
    """Group claims that state the same figure for one story, across outlets.

    ``subject_key(subject, evidence)`` names what a claim
    measures ("" when unknown). ``outlets`` maps document ids to outlet names.
    Every claim lands in exactly one group; groups come in document order of
    their first member.
    """
    items = _items(claims, subject_key)
    first_of = _first_mentions(items)
    passages = _story_passages(stories)

    # clusters of first mentions: story id -> list of member lists
    clusters: list[tuple[str | None, list[_Item]]] = []
    open_by_story: dict[str, list[int]] = defaultdict(list)
    for item in items:
        if first_of[item.id] != item.id:
            continue
        story = _story_of(item, passages.get(item.doc, ()))
        target = None
        if story is not None:
            target = _best_cluster(item, [(i, clusters[i][1]) for i in open_by_story[story]])
        if target is None:
            clusters.append((story, [item]))
            if story is not None:
                open_by_story[story].append(len(clusters) - 1)
        else:
            clusters[target][1].append(item)

    clusters = _absorb_repeats(clusters)

    restatements: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        if first_of[item.id] != item.id:
            restatements[first_of[item.id]].append(item)

    groups = []
    for story, roots in clusters:
        members = list(roots) + [r for root in roots for r in restatements[root.id]]
        groups.append(_group(story, roots, members, outlets or {}))
    position = {c.id: (c.doc, c.start) for c in claims}
    groups.sort(key=lambda g: (*position[g.claims[0]], g.id))
    return groups


def _best_cluster(item: _Item, candidates: Sequence[tuple[int, list[_Item]]]) -> int | None:
    """The open cluster the claim agrees with entirely, preferring the same subject key."""
    best: tuple[int, int, int] | None = None
    for index, members in candidates:
        if any(m.doc == item.doc for m in members) or not all(_agree(item, m) for m in members):
            continue
        same_key = sum(1 for m in members if m.key and m.key == item.key)
        rank = (-same_key, -len(members), index)
        if best is None or rank < best:
            best = rank
    return None if best is None else best[2]


def _absorb_repeats(clusters: list[tuple[str | None, list[_Item]]]) -> list[tuple[str | None, list[_Item]]]:
    """Fold a lone first mention into a multi-source cluster of its story that it agrees
    with entirely, even though its document is already there: a figure stated twice in
    one report without a ``restates`` link (headline and body) is still the story's claim.
    Only clusters other documents confirm absorb, so two figures of one report are never
    joined on their own."""
    multi = [
        i
        for i, (story, items) in enumerate(clusters)
        if story is not None and len({m.doc for m in items}) > 1
    ]
    absorbed: set[int] = set()
    for index, (story, items) in enumerate(clusters):
        if story is None or len(items) != 1 or index in multi:
            continue
        item = items[0]
        fits = [
            (-sum(1 for m in clusters[j][1] if m.key and m.key == item.key), j)
            for j in multi
            if clusters[j][0] == story and all(_agree(item, m) for m in clusters[j][1])
        ]
        if fits:
            clusters[min(fits)[1]][1].append(item)
            absorbed.add(index)
    return [c for i, c in enumerate(clusters) if i not in absorbed]


def _group(
    story: str | None, roots: list[_Item], members: list[_Item], outlets: Mapping[str, str | None]
) -> ClaimGroup:
    precise = min(roots, key=lambda i: (i.interval[1] - i.interval[0], i.order)).claim
    worded = max(members, key=lambda i: (len(i.key.split()), bool(i.claim.subject), -i.order))
    speakers = Counter(i.claim.speaker for i in members if i.claim.speaker)
    speaker = None
    if speakers:
        top = max(speakers.values())
        speaker = next(i.claim.speaker for i in members if i.claim.speaker and speakers[i.claim.speaker] == top)
    dated = next((i.claim for i in members if i.period is not None), None)
    said = sorted(i.claim.said_on for i in members if i.claim.said_on is not None)
    docs = sorted({i.doc for i in members})
    ids = tuple(i.id for i in members)
    return ClaimGroup(
        id=_group_id(ids),
        story=story,
        kind=precise.kind,
        value=precise.value,
        value_high=precise.value_high,
        unit=precise.unit or "",
        subject=worded.claim.subject or next((i.claim.subject for i in members if i.claim.subject), None),
        speaker=speaker,
        period_start=dated.period_start if dated else None,
        period_end=dated.period_end if dated else None,
        said_on=said[0] if said else None,
        claims=ids,
        sources=tuple(docs),
        outlets=_outlets(docs, outlets),
        subject_key=worded.key,
    )


def _outlets(docs: Iterable[str], outlets: Mapping[str, str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(o for o in (outlets.get(d) for d in docs) if o))


def _group_id(claim_ids: Iterable[str]) -> str:
    return hashlib.sha1("|".join(sorted(claim_ids)).encode("utf-8")).hexdigest()[:16]


def group_of(groups: Iterable[ClaimGroup]) -> dict[str, str]:
    """Claim id -> id of its group."""
    return {claim: g.id for g in groups for claim in g.claims}


# ---------------------------------------------------------------------------
# Boilerplate
# ---------------------------------------------------------------------------
def boilerplate_claims(claims: Iterable[Claim], talking_points: Iterable[TalkingPoint], *, min_docs: int = 2) -> set[str]:
    """Ids of claims whose evidence span overlaps an occurrence of a talking point.

    Overlap is by offsets in the same document (``[start, end)`` sharing at least
    one character). Talking points seen in fewer than ``min_docs`` documents are
    not boilerplate.
    """
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for point in talking_points:
        if len(point.docs) < min_docs:
            continue
        for occ in point.occurrences:
            spans[occ.doc].append((occ.start, occ.end))
    merged = {doc: _merge(found) for doc, found in spans.items()}
    flagged = set()
    for c in claims:
        intervals = merged.get(c.doc)
        if intervals and _overlaps(intervals, c.start, c.end):
            flagged.add(c.id)
    return flagged


def with_boilerplate(groups: Iterable[ClaimGroup], boilerplate: Iterable[str]) -> list[ClaimGroup]:
    """The groups with ``boilerplate`` set to their members among the flagged claim ids."""
    flagged = set(boilerplate)
    return [replace(g, boilerplate=tuple(c for c in g.claims if c in flagged)) for g in groups]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint intervals covering the same characters."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _overlaps(intervals: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    # the last interval starting before the claim's end is the only one that can
    # reach into it, since merged intervals are disjoint and sorted
    index = bisect_right(intervals, (end, -1)) - 1
    if index < 0:
        return False
    i_start, i_end = intervals[index]
    if end <= start:  # an empty span: inside or not
        return i_start <= start < i_end
    return i_start < end and start < i_end
