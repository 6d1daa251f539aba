"""Stories: the reports of one event across outlets.

An event is one announcement, speech, report or incident; a story is every report
of it, however many outlets relay it. A later article that recaps an earlier event
is not a report of that event: its recap passage is linked, not the whole document.

**Units.** A document is cut into its *head* (the news of the day) and *recap
passages*: each sentence after the lead that opens with a look back at an earlier
occasion ("Weeks ago, ...", "In June, ...", see ``RECAP_CUE``) starts a recap that
runs to the next one. Each unit carries

* its terms: content stems and transliteration-proof name keys ("Sadeghi" and
  "Sadeqi" share one), without sentences of widely recycled boilerplate;
* its specific figures as written ("1,644", "551 million") and its *facts*: the
  claims inside it as (kind, value, unit), so that "tripled" is a fact too;
* who spoke (the surname keys of its claims' speakers) and when (their ``said_on``;
  for a head, also the document's publication date).

**Candidates** come from blocking, never from all pairs: units sharing a MinHash
band of their terms, a specific figure, a fact, a speaker or a speaker's day are
candidates, each unit paired with at most ``CANDIDATES_PER_KEY`` earlier units of
each block (units enter in date order, so the nearest in time are kept).

**One event** (``_same_event``): two units of different documents that share
``SHARED_POINTS`` recycled sentences are one wire text. Otherwise they are told
apart by the occasion — statements dated more than ``SAID_DAYS`` apart, reports
published more than ``PUBLISHED_DAYS`` apart, or the same speaker's figure for the
same thing for two different periods (two annual announcements: a *series*) — and
joined when their TF-IDF cosine reaches a threshold that falls with every figure or
fact they share and with a shared speaker.

Linked units form stories (connected components). A recap passage of at least
``RECAP_REPORT_SENTENCES`` sentences, in its own words, retells the event and joins
its story as a passage; a shorter one, or one pasting in sentences the reports carry
(shared talking points), is kept as one of the story's ``recaps``: a later article
recalls the event, it does not report it. An event the corpus knows only from
recaps has those as its passages. A document whose head and recaps all join one
story contributes the whole document. Exact copies (``Document.copy_of``) are linked once and share their
original's stories. Stories of one speaker's figure for the same measure and
successive periods share a ``series``; a single report that belongs to a series is a
story too, so the series shows.

Every story has a readable label: the earliest report's headline, else its main
claim as "Speaker: figure, subject (period)", else its earliest lead sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..lexicon import links as lex
from ..lexicon import speech
from ..model import Claim, Document
from .aliases import parse_name, skeleton
from .labels import claim_label, headline, measured_subject
from .subjects import normalize_subject, subject_key
from .talking_points import (
    TalkingPoint,
    TalkingPointIndex,
    _minhashes,
    content_stems,
    normalize,
    row_cosines,
    sentence_spans,
)

_NAME_WORD = re.compile(r"\b[A-Z][a-z\u2019'-]+(?:-[A-Z][a-z]+)*")


@dataclass(frozen=True)
class StoryPassage:
    doc: str
    start: int
    end: int  # whole document: 0 .. len(text)


@dataclass(frozen=True)
class Story:
    id: str  # stable: hash of the sorted passages
    label: str  # readable: the earliest headline, else "Speaker: figure, subject (period)"
    passages: tuple[StoryPassage, ...]
    recaps: tuple[StoryPassage, ...] = ()  # short looks back at the event in later articles
    series: str | None = None  # id shared by the stories of one series (annual announcements)
    when: date | None = None  # the event's date: its statements' said_on, else the first report's

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({p.doc for p in self.passages}))


@dataclass(frozen=True)
class _Fact:
    kind: str
    value: float
    unit: str
    speaker: str | None  # surname key
    subject: str  # subject key, "" when unknown
    period: tuple[date, date] | None


@dataclass
class _Unit:
    index: int
    doc: str
    start: int
    end: int
    part: str  # "whole" | "head" | "recap"
    sentences: int
    terms: tuple[str, ...]
    figures: frozenset[str]
    facts: tuple[_Fact, ...]
    speakers: frozenset[str]
    said: frozenset[date]
    published: date | None  # heads only: the document's date
    lead: str = ""  # first sentence, for labels
    claims: tuple[Claim, ...] = field(default=(), repr=False)

    @property
    def fact_keys(self) -> frozenset[tuple[object, ...]]:
        """A speaker's figures for a stated period: (speaker, kind, value, unit, period).
        A bare "tripled" is said of many things, and one speaker says it of many years."""
        return frozenset((f.speaker, f.kind, f.value, f.unit, f.period) for f in self.facts
                         if f.speaker and f.period is not None)  # fmt: skip

    @property
    def when(self) -> date | None:
        return min(self.said) if self.said else self.published


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------
def story_terms(text: str) -> tuple[str, ...]:
    """What a passage is about: content stems plus transliteration-proof name keys.

    Capitalized words (names of people, places, bodies) are also keyed by the
    phonetic skeleton of ``aliases``, so "Sadeghi" in one outlet and "Sadeqi" in
    another share a term, as the same name in one spelling would.
    """
    names = tuple("@" + skeleton(m.group(0).lower()) for m in _NAME_WORD.finditer(text))
    return content_stems(normalize(text)) + tuple(n for n in names if len(n) > 2)


def _figures(text: str) -> frozenset[str]:
    return frozenset(normalize(m.group(0)) for m in lex.FIGURE.finditer(text))


def speaker_key(name: str | None) -> str | None:
    """A person who spoke, as a surname key (one key for every form of the name); None for
    a description ("the defense minister") or a body ("the Defence Ministry"), which
    outlets name too differently to tell two occasions apart."""
    if not name:
        return None
    words = [w.strip(".,'’").lower() for w in name.split()]
    if any(w in speech.ORG_HEADS or w in speech.BODY_NAME_ENDINGS for w in words):
        return None
    if not all(w[:1].isupper() for w in name.split() if w.isalpha() and len(w) > 3):
        return None
    return parse_name(name).surname_key or None


def _fold_unit(unit: str) -> str:
    text = unit.strip().lower()
    return text[:-1] if len(text) > 3 and text.endswith("s") else text


def _fact(c: Claim) -> _Fact:
    start, end = c.period_start, c.period_end
    period = None
    if start is not None or end is not None:
        start, end = start or end, end or start
        assert start is not None and end is not None
        period = (min(start, end), max(start, end))
    return _Fact(c.kind, round(c.value, 6), _fold_unit(c.unit or ""), speaker_key(c.speaker),
                 subject_key(c.subject, c.evidence), period)  # fmt: skip


def _cuts(sentences: Sequence[tuple[int, str]], lead: int) -> list[int]:
    """Offsets where recap passages start: sentences after the lead opening with a look back."""
    cuts = []
    for index, (start, text) in enumerate(sentences):
        if index >= lead and lex.RECAP_CUE.match(text):
            cuts.append(start)
    return cuts


def _units(
    document: Document, boilerplate: Sequence[tuple[int, int]], claims: Sequence[Claim], first_index: int
) -> list[_Unit]:
    sentences = [s for s in sentence_spans(document) if len(s.text.split()) >= 3]
    if not sentences:
        return []
    lead = max(lex.RECAP_MIN_LEAD, int(len(sentences) * lex.RECAP_MIN_SHARE))
    cuts = _cuts([(s.start, s.text) for s in sentences], lead)
    edges = [0, *cuts, len(document.text)]
    units: list[_Unit] = []
    for n, (start, end) in enumerate(zip(edges, edges[1:], strict=False)):
        part = "whole" if not cuts else ("head" if n == 0 else "recap")
        inside = [s for s in sentences if start <= s.start < end]
        kept = [s.text for s in inside if not any(s.start < b_end and b_start < s.end for b_start, b_end in boilerplate)]
        text = " ".join(kept)
        own = tuple(c for c in claims if start <= c.start < end)
        facts = tuple(_fact(c) for c in own)
        units.append(_Unit(
            index=first_index + len(units), doc=document.id, start=start, end=end, part=part, sentences=len(inside),
            terms=story_terms(text), figures=_figures(text), facts=facts,
            speakers=frozenset(f.speaker for f in facts if f.speaker),
            said=frozenset(c.said_on for c in own if c.said_on is not None),
            published=document.published if part != "recap" else None,
            lead=inside[0].text if inside else "", claims=own,
        ))  # fmt: skip
    return units


def _boilerplate(points: Sequence[TalkingPoint]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for point in points:
        if len(point.docs) >= lex.BOILERPLATE_DOCS:
            for occ in point.occurrences:
                spans[occ.doc].append((occ.start, occ.end))
    return spans


def _shared_points(points: Sequence[TalkingPoint], units: Sequence[_Unit]) -> Counter[tuple[int, int]]:
    """How many talking points each pair of units (of different documents) shares."""
    by_doc: dict[str, list[_Unit]] = defaultdict(list)
    for unit in units:
        by_doc[unit.doc].append(unit)
    shared: Counter[tuple[int, int]] = Counter()
    for point in points:
        if len(point.docs) >= lex.BOILERPLATE_DOCS:
            continue  # background recycled across events says nothing about the event
        holders = sorted({u.index for occ in point.occurrences for u in by_doc.get(occ.doc, [])
                          if u.start <= occ.start < u.end})  # fmt: skip
        for i, a in enumerate(holders):
            for b in holders[i + 1 :]:
                if units[a].doc != units[b].doc:
                    shared[(a, b)] += 1
    return shared


# ---------------------------------------------------------------------------
# Candidate pairs: blocking
# ---------------------------------------------------------------------------
def _block_keys(unit: _Unit, bands: Sequence[int]) -> list[tuple[object, ...]]:
    keys: list[tuple[object, ...]] = [("band", i, b) for i, b in enumerate(bands)]
    keys += [("figure", f) for f in unit.figures]
    keys += [("fact", *k) for k in unit.fact_keys]
    keys += [("speaker", s) for s in unit.speakers]
    keys += [("day", s, d) for s in unit.speakers for d in unit.said]
    return keys


def _band_hashes(units: Sequence[_Unit]) -> list[list[int]]:
    minhashes = _minhashes([set(u.terms) for u in units], seed=lex.STORY_SEED)
    rows = lex.STORY_ROWS
    out = []
    for m in minhashes:
        values = np.asarray(m.hashvalues, dtype="<u8")
        out.append([
            int.from_bytes(hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=8).digest(),
                           "little", signed=True)
            for i in range(lex.STORY_BANDS)
        ])  # fmt: skip
    return out


def candidate_pairs(units: Sequence[_Unit]) -> set[tuple[int, int]]:
    """Pairs of units of different documents that share a block (see module docstring)."""
    order = sorted(units, key=lambda u: (u.when or date.max, u.doc, u.start))
    bands = _band_hashes(order)
    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for unit, unit_bands in zip(order, bands, strict=True):
        for key in _block_keys(unit, unit_bands):
            bucket = buckets[key]
            for other in bucket[-lex.CANDIDATES_PER_KEY :]:
                if units[other].doc != unit.doc:
                    pairs.add((min(other, unit.index), max(other, unit.index)))
            bucket.append(unit.index)
    return pairs


# ---------------------------------------------------------------------------
# One event?
# ---------------------------------------------------------------------------
def _apart(a: Iterable[date], b: Iterable[date], days: int) -> bool:
    """Both sides dated, and no date of one within ``days`` of a date of the other."""
    left, right = list(a), list(b)
    return bool(left and right) and all(abs((x - y).days) > days for x in left for y in right)


def _periods_overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def series_apart(a: _Unit, b: _Unit) -> bool:
    """The same speaker's figures for the same measure, for periods that never overlap:
    two announcements of a series, not one event."""
    pairs = 0
    for fa in a.facts:
        if fa.period is None or not fa.speaker or not fa.subject:
            continue
        for fb in b.facts:
            if fb.period is None or fb.speaker != fa.speaker or fb.subject != fa.subject or fb.kind != fa.kind:
                continue
            if _periods_overlap(fa.period, fb.period):
                return False
            pairs += 1
    return pairs > 0


def _same_day(a: _Unit, b: _Unit) -> bool:
    """Said on the same occasion: statement dates within ``SAID_DAYS``, else (neither
    dated) published the same day."""
    if a.said and b.said:
        return not _apart(a.said, b.said, lex.SAID_DAYS)
    return a.published is not None and a.published == b.published


def _same_event(a: _Unit, b: _Unit, cosine: float, shared_points: int) -> bool:
    if shared_points >= lex.SHARED_POINTS:
        return True
    if _apart(a.said, b.said, lex.SAID_DAYS) or series_apart(a, b):
        return False
    if not (a.said and b.said) and a.published and b.published and _apart([a.published], [b.published], lex.PUBLISHED_DAYS):
        return False
    thresholds = lex.STORY_COSINE_BY_SHARED_FIGURES
    shared = len(a.figures & b.figures) + len(a.fact_keys & b.fact_keys)
    same_day = _same_day(a, b)
    if a.speakers & b.speakers:
        # a minister speaks often: who spoke counts with when, or with what was said
        if same_day or shared:
            cosine += lex.SPEAKER_BONUS
    if same_day:
        cosine += lex.DAY_BONUS
    return cosine >= thresholds[min(shared, len(thresholds) - 1)]


# ---------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------
def link_corpus(documents: Sequence[Document], claims: Sequence[Claim] = ()) -> tuple[list[TalkingPoint], list[Story]]:
    """Talking points and stories of a set of documents (and their claims), in one call.

    The talking points are found first (one ``TalkingPointIndex`` over all the
    documents) and then feed the story linker as boilerplate and copy evidence.
    """
    index = TalkingPointIndex()
    index.add(documents)
    points = index.talking_points()
    return points, find_stories(documents, points, claims)


def find_stories(
    documents: Sequence[Document], points: Sequence[TalkingPoint] = (), claims: Sequence[Claim] = ()
) -> list[Story]:
    """Group the reports (documents or passages) of one event; see the module docstring.
    ``claims`` are the documents' claims as the store reads them back (who spoke, when,
    which figures); without them the linker reads the text alone."""
    originals, copies = split_copies(documents)
    boilerplate = _boilerplate(points)
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.doc].append(c)
    units: list[_Unit] = []
    for d in originals:
        units += _units(d, boilerplate.get(d.id, []), sorted(by_doc.get(d.id, []), key=lambda c: c.start), len(units))
    unit_count = Counter(u.doc for u in units)
    if len(units) < 2 or not any(u.terms for u in units):  # nothing to compare (no vocabulary to fit)
        return []
    matrix = TfidfVectorizer(analyzer=_identity, sublinear_tf=True).fit_transform([u.terms for u in units])
    shared = _shared_points(points, units)
    pairs = sorted(candidate_pairs(units) | set(shared))
    parent = list(range(len(units)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if pairs:
        left = np.fromiter((a for a, _ in pairs), dtype=np.int64, count=len(pairs))
        right = np.fromiter((b for _, b in pairs), dtype=np.int64, count=len(pairs))
        cosines = row_cosines(matrix, left, right)  # a block at a time: memory stays flat
        for (a, b), cosine in zip(pairs, cosines, strict=True):
            if _same_event(units[a], units[b], float(cosine), shared[(a, b)]):
                parent[find(b)] = find(a)
    groups: dict[int, list[_Unit]] = defaultdict(list)
    for unit in units:
        groups[find(unit.index)].append(unit)
    docs = {d.id: d for d in documents}
    recycled = {i for pair, n in shared.items() if n for i in pair}
    stories = [_story(members, docs, unit_count, copies, recycled) for members in groups.values()]
    stories = _with_series(stories, groups, docs, copies)
    stories.sort(key=lambda s: (s.passages[0].doc, s.passages[0].start))
    return stories


def split_copies(documents: Sequence[Document]) -> tuple[list[Document], dict[str, list[str]]]:
    """The documents that are not exact copies of another one given, and each one's copies."""
    ids = {d.id for d in documents}
    originals, copies = [], defaultdict(list)
    for d in documents:
        if d.copy_of and d.copy_of != d.id and d.copy_of in ids:
            copies[d.copy_of].append(d.id)
        else:
            originals.append(d)
    return originals, dict(copies)


def _reports(unit: _Unit, recycled: Collection[int] = ()) -> bool:
    """Whether a unit reports its event: a head, or a recap that retells it — long enough,
    and in its own words (a recap pasting in sentences that other reports carry is
    recycled background, ``recycled`` being the units holding a shared talking point)."""
    if unit.part != "recap":
        return True
    return unit.sentences >= lex.RECAP_REPORT_SENTENCES and unit.index not in recycled


def _story_parts(
    members: Sequence[_Unit], docs: Mapping[str, Document], unit_count: Mapping[str, int], recycled: Collection[int]
) -> tuple[list[StoryPassage], list[StoryPassage]]:
    """Passages (reports) and recaps (short looks back) of one group of units; a document
    all of whose units are in the group is one whole-document passage."""
    by_doc: dict[str, list[_Unit]] = defaultdict(list)
    for unit in members:
        by_doc[unit.doc].append(unit)
    # an event the corpus knows only from looks back at it: those passages are its story
    only_recaps = not any(_reports(u, recycled) for u in members)
    passages: list[StoryPassage] = []
    recaps: list[StoryPassage] = []
    for doc, units in sorted(by_doc.items()):
        if len(units) == unit_count[doc] and any(u.part != "recap" for u in units):
            passages.append(StoryPassage(doc, 0, len(docs[doc].text)))
            continue
        for u in units:
            (passages if only_recaps or _reports(u, recycled) else recaps).append(StoryPassage(doc, u.start, u.end))
    return passages, recaps


def _story(
    members: list[_Unit], docs: Mapping[str, Document], unit_count: Mapping[str, int], copies: Mapping[str, list[str]],
    recycled: Collection[int] = (),
) -> Story:
    passages, recaps = _story_parts(members, docs, unit_count, recycled)
    passages = _with_copies(passages, copies)
    recaps = [r for r in _with_copies(recaps, copies) if r.doc not in {p.doc for p in passages}]
    key = "|".join(f"{p.doc}:{p.start}-{p.end}" for p in passages)
    dates = sorted(d for u in members if _reports(u, recycled) for d in (u.said or ({u.published} if u.published else set())))
    return Story(
        id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        label=_label([u for u in members if _reports(u, recycled)] or members, docs),
        passages=tuple(passages),
        recaps=tuple(recaps),
        when=dates[0] if dates else None,
    )


def _with_copies(passages: list[StoryPassage], copies: Mapping[str, list[str]]) -> list[StoryPassage]:
    out = list(passages)
    for p in passages:
        out += [StoryPassage(c, p.start, p.end) for c in copies.get(p.doc, [])]
    return sorted(set(out), key=lambda p: (p.doc, p.start))


# ---------------------------------------------------------------------------
# Series
# ---------------------------------------------------------------------------
def _series_keys(members: Sequence[_Unit]) -> set[tuple[str, str, str, str]]:
    return {(f.speaker, f.subject, f.kind, f.unit) for u in members for f in u.facts
            if f.speaker and f.subject and f.period is not None}  # fmt: skip


def _with_series(
    stories: list[Story], groups: Mapping[int, list[_Unit]], docs: Mapping[str, Document],
    copies: Mapping[str, list[str]],
) -> list[Story]:
    """Stories of several reports, or of one report that later articles recall or that
    belongs to a series; stories of one speaker's figure for one measure over different
    periods share a series id."""
    members_of = list(groups.values())
    by_key: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for index, members in enumerate(members_of):
        for key in _series_keys(members):
            by_key[key].append(index)
    parent = list(range(len(members_of)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for key, indexes in by_key.items():
        if len(indexes) > lex.MAX_SERIES_STORIES:
            continue  # a measure everyone gives figures for says nothing of one series
        for a, b in zip(indexes, indexes[1:], strict=False):
            if _distinct_periods(members_of[a], members_of[b], key):
                parent[find(b)] = find(a)
    series_members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(members_of)):
        series_members[find(index)].append(index)
    out = []
    for index, story in enumerate(stories):
        group = series_members[find(index)]
        series = None
        if len(group) > 1:
            series = hashlib.sha1("|".join(sorted(stories[i].id for i in group)).encode()).hexdigest()[:16]
        if len({p.doc for p in story.passages}) >= 2 or story.recaps or series is not None:
            out.append(Story(story.id, story.label, story.passages, story.recaps, series, story.when))
    return out


def _distinct_periods(a: Sequence[_Unit], b: Sequence[_Unit], key: tuple[str, str, str, str]) -> bool:
    def periods(members: Sequence[_Unit]) -> set[tuple[date, date]]:
        return {f.period for u in members for f in u.facts if f.period is not None
                and (f.speaker, f.subject, f.kind, f.unit) == key}  # fmt: skip

    mine, theirs = periods(a), periods(b)
    return bool(mine and theirs) and mine.isdisjoint(theirs)


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------
def _label(members: Sequence[_Unit], docs: Mapping[str, Document]) -> str:
    """The earliest report's headline; else its main claim; else its lead sentence."""
    reports = sorted(filter(_reports, members), key=lambda u: (u.when or date.max, u.doc, u.start)) or list(members)
    for unit in reports:
        if unit.part != "recap":
            title = headline(docs[unit.doc])
            if title:
                return title
    claims = [c for u in reports for c in u.claims if c.restates is None]
    lengths = {u.doc: max(len(docs[u.doc].text), 1) for u in reports}

    def reach(c: Claim) -> int:
        """How many reports state this figure, to a rounding (12.9 and 13.073 billion)."""
        return len({o.doc for o in claims if o.kind == c.kind and o.unit == c.unit
                    and abs(o.value - c.value) <= 0.05 * max(abs(o.value), abs(c.value))})  # fmt: skip

    # the main claim: the figure most reports carry, one that names what it measures,
    # said by someone, early in its report
    ranked = sorted(claims, key=lambda c: (-reach(c), not normalize_subject(measured_subject(c), "").has_measure,
                                           not c.speaker, c.start / lengths[c.doc], c.doc))  # fmt: skip
    if ranked:
        return claim_label(ranked[0])
    return _shorten(reports[0].lead)


def _shorten(text: str) -> str:
    words = " ".join(text.split()).split(" ")
    return " ".join(words[: lex.LABEL_WORDS]) + (" …" if len(words) > lex.LABEL_WORDS else "")


def _identity(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tokens
