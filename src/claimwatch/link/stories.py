"""Stories: reports of the same event across outlets.

A document is one *unit*, or two when a closing passage recaps an earlier event
("Weeks ago, the chief of staff said ...", "In comments in November 2023, ...",
see ``RECAP_CUE``): the head (the news of the day) and the recap tail are linked
separately. Units of different documents are linked when they report the same
event, judged by

* TF-IDF cosine of their content words (IDF over all units), with sentences of
  widely recycled boilerplate (talking points seen in ``BOILERPLATE_DOCS`` or more
  documents) left out, because background lines repeat across unrelated events;
* shared specific figures (numbers with their unit word: "1,644", "551 million"),
  which independent reports of one announcement repeat;
* shared talking points: two units sharing ``SHARED_POINTS`` recycled sentences
  are copies of one wire text;
* optionally shared speakers / said_on dates from the extraction (a bonus only).

Linked units form stories (connected components); a document whose head and tail
both join one story contributes the whole document.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer

from .talking_points import LinkDocument, TalkingPoint, content_stems, normalize

# ---------------------------------------------------------------------------
# Tunables (rules as data), tuned on the shared gold links.
# ---------------------------------------------------------------------------
STORY_COSINE = 0.33  # unit text similarity that alone makes a link
FIGURE_COSINE = 0.15  # weaker text similarity that suffices with shared figures
MIN_SHARED_FIGURES = 2
SHARED_POINTS = 2
BOILERPLATE_DOCS = 3
SPEAKER_BONUS = 0.05
# A recap passage starts with a look back at an earlier occasion; only looked for
# after the first RECAP_MIN_SHARE of the document, where closing background sits.
RECAP_CUE = re.compile(
    r"^(?:(?:Weeks|Days|Months|Years)\s+ago|Earlier\s+(?:this|last)\s+(?:week|month|year)"
    r"|Last\s+(?:week|month|year)|In\s+(?:comments|remarks|an\s+interview|a\s+statement)\s+(?:in|on|last)\s"
    r"|In\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4},)",
)
RECAP_MIN_SHARE = 0.4
# A specific figure: a number with a decimal part, thousands separator, percent or
# scale word ("1,644", "7.7", "40%", "551 million"); bare integers are too often
# years, days or counts of anything.
FIGURE = re.compile(
    r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+\.\d+\b"
    r"|\b\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b|million\b|billion\b|trillion\b|crore\b|lakh\b)",
    re.I,
)
LABEL_WORDS = 6


@dataclass(frozen=True)
class StoryPassage:
    doc: str
    start: int
    end: int  # whole document: 0 .. len(text)


@dataclass(frozen=True)
class Story:
    id: str  # stable: hash of the sorted passages
    label: str  # short description: speakers (when known) + key words
    passages: tuple[StoryPassage, ...]

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({p.doc for p in self.passages}))


@dataclass(frozen=True)
class _Unit:
    doc: str
    start: int
    end: int
    part: str  # "whole" | "head" | "tail"
    stems: tuple[str, ...]
    figures: frozenset[str]
    speakers: frozenset[str]


def _figures(text: str) -> frozenset[str]:
    found = set()
    for m in FIGURE.finditer(text):
        found.add(normalize(m.group(0)))
    return frozenset(found)


def _units(document: LinkDocument, boilerplate: list[tuple[int, int]]) -> list[_Unit]:
    sentences = [s for s in document.sentence_spans() if len(s.text.split()) >= 3]
    if not sentences:
        return []
    cut = None
    for index, sentence in enumerate(sentences):
        if index >= max(1, int(len(sentences) * RECAP_MIN_SHARE)) and RECAP_CUE.match(sentence.text):
            cut = sentence.start
            break
    bounds = [(0, len(document.text), "whole")] if cut is None else [(0, cut, "head"), (cut, len(document.text), "tail")]
    speakers = frozenset(document.speakers)
    units = []
    for start, end, part in bounds:
        kept = [
            s.text for s in sentences
            if start <= s.start < end and not any(s.start < b_end and b_start < s.end for b_start, b_end in boilerplate)
        ]
        text = " ".join(kept)
        units.append(_Unit(document.doc, start, end, part, content_stems(normalize(text)), _figures(text), speakers))
    return units


def _boilerplate(points: Sequence[TalkingPoint]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for point in points:
        if len(point.docs) >= BOILERPLATE_DOCS:
            for occ in point.occurrences:
                spans[occ.doc].append((occ.start, occ.end))
    return spans


def _shared_points(points: Sequence[TalkingPoint], units: list[_Unit]) -> Counter[tuple[int, int]]:
    """How many talking points each pair of units (of different documents) shares."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        by_doc[unit.doc].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for point in points:
        if len(point.docs) >= BOILERPLATE_DOCS:
            continue  # background recycled across events says nothing about the event
        holders = set()
        for occ in point.occurrences:
            for index in by_doc.get(occ.doc, []):
                if units[index].start <= occ.start < units[index].end:
                    holders.add(index)
        for a in holders:
            for b in holders:
                if a < b and units[a].doc != units[b].doc:
                    shared[(a, b)] += 1
    return shared


def find_stories(documents: Sequence[LinkDocument], points: Sequence[TalkingPoint] = ()) -> list[Story]:
    """Group documents (or recap passages) that report the same event."""
    boilerplate = _boilerplate(points)
    units = [u for d in documents for u in _units(d, boilerplate.get(d.doc, []))]
    if len(units) < 2:
        return []
    matrix = TfidfVectorizer(analyzer=_identity, sublinear_tf=True).fit_transform([u.stems for u in units])
    cosines = (matrix @ matrix.T).toarray()
    shared = _shared_points(points, units)
    parent = list(range(len(units)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in range(len(units)):
        for b in range(a + 1, len(units)):
            if units[a].doc == units[b].doc:
                continue
            if _same_event(units[a], units[b], float(cosines[a, b]), shared[(a, b)]):
                parent[find(b)] = find(a)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(units)):
        groups[find(index)].append(index)
    texts = {d.doc: d.text for d in documents}
    stories = [
        _story([units[i] for i in members], texts, matrix[members])
        for members in groups.values()
        if len({units[i].doc for i in members}) >= 2
    ]
    stories.sort(key=lambda s: (s.passages[0].doc, s.passages[0].start))
    return stories


def _same_event(a: _Unit, b: _Unit, cosine: float, shared_points: int) -> bool:
    if shared_points >= SHARED_POINTS:
        return True
    if a.speakers & b.speakers:
        cosine += SPEAKER_BONUS
    if cosine >= STORY_COSINE:
        return True
    return cosine >= FIGURE_COSINE and len(a.figures & b.figures) >= MIN_SHARED_FIGURES


def _story(members: list[_Unit], texts: dict[str, str], vectors: object) -> Story:
    by_doc: dict[str, list[_Unit]] = defaultdict(list)
    for unit in members:
        by_doc[unit.doc].append(unit)
    passages = []
    for doc, units in sorted(by_doc.items()):
        parts = {u.part for u in units}
        if parts == {"head", "tail"}:
            passages.append(StoryPassage(doc, 0, len(texts[doc])))
        else:
            passages.extend(StoryPassage(doc, u.start, u.end) for u in units)
    key = "|".join(f"{p.doc}:{p.start}-{p.end}" for p in passages)
    return Story(id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], label=_label(members), passages=tuple(passages))


def _label(members: list[_Unit]) -> str:
    """Speakers when known, then the content words the passages share most."""
    counts: Counter[str] = Counter()
    for unit in members:
        counts.update(set(unit.stems))
    shared = [w for w, n in counts.most_common() if n >= 2 and not w[0].isdigit()][:LABEL_WORDS]
    speakers = sorted(set.intersection(*(set(u.speakers) for u in members))) if members else []
    return "; ".join(filter(None, [", ".join(speakers), " ".join(shared)]))


def _identity(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tokens



