"""Stories: reports of the same event across outlets.

A document is one *unit*, or two when a closing passage recaps an earlier event
("Weeks ago, the chief of staff said ...", "In comments in November 2023, ...",
see ``RECAP_CUE`` in the links lexicon): the head (the news of the day) and the recap tail are linked
separately. Units of different documents are linked when they report the same
event, judged by

* TF-IDF cosine of their content words (IDF over all units), with sentences of
  widely recycled boilerplate (talking points seen in ``BOILERPLATE_DOCS`` or more
  documents) left out, because background lines repeat across unrelated events;
* shared specific figures (numbers with their unit word: "1,644", "551 million"),
  which independent reports of one announcement repeat: the more figures two
  units share, the lower the cosine they need (``STORY_COSINE_BY_SHARED_FIGURES``);
* names compared by their transliteration skeleton ("Sadeghi"/"Sadeqi");
* shared talking points: two units sharing ``SHARED_POINTS`` recycled sentences
  are copies of one wire text;
* optionally shared speakers from the extraction (a bonus only).

Linked units form stories (connected components); a document whose head and tail
both join one story contributes the whole document.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer

from ..lexicon import links as lex
from ..model import Document
from .aliases import skeleton
from .talking_points import (
    TalkingPoint,
    TalkingPointIndex,
    content_stems,
    normalize,
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


def story_terms(text: str) -> tuple[str, ...]:
    """What a passage is about: content stems plus transliteration-proof name keys.

    Capitalized words (names of people, places, bodies) are also keyed by the
    phonetic skeleton of ``aliases``, so "Sadeghi" in one outlet and "Sadeqi" in
    another share a term, as the same name in one spelling would.
    """
    names = tuple("@" + skeleton(m.group(0).lower()) for m in _NAME_WORD.finditer(text))
    return content_stems(normalize(text)) + tuple(n for n in names if len(n) > 2)


def _figures(text: str) -> frozenset[str]:
    found = set()
    for m in lex.FIGURE.finditer(text):
        found.add(normalize(m.group(0)))
    return frozenset(found)


def _units(document: Document, boilerplate: list[tuple[int, int]], speakers: frozenset[str]) -> list[_Unit]:
    sentences = [s for s in sentence_spans(document) if len(s.text.split()) >= 3]
    if not sentences:
        return []
    cut = None
    for index, sentence in enumerate(sentences):
        if index >= max(1, int(len(sentences) * lex.RECAP_MIN_SHARE)) and lex.RECAP_CUE.match(sentence.text):
            cut = sentence.start
            break
    bounds = [(0, len(document.text), "whole")] if cut is None else [(0, cut, "head"), (cut, len(document.text), "tail")]
    units = []
    for start, end, part in bounds:
        kept = [
            s.text for s in sentences
            if start <= s.start < end and not any(s.start < b_end and b_start < s.end for b_start, b_end in boilerplate)
        ]
        text = " ".join(kept)
        units.append(_Unit(document.id, start, end, part, story_terms(text), _figures(text), speakers))
    return units


def _boilerplate(points: Sequence[TalkingPoint]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for point in points:
        if len(point.docs) >= lex.BOILERPLATE_DOCS:
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
        if len(point.docs) >= lex.BOILERPLATE_DOCS:
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


def link_corpus(documents: Sequence[Document]) -> tuple[list[TalkingPoint], list[Story]]:
    """Talking points and stories of a set of documents, in one call.

    The talking points are found first (one ``TalkingPointIndex`` over all the
    documents) and then feed the story linker as boilerplate and copy evidence.
    """
    index = TalkingPointIndex()
    index.add(documents)
    points = index.talking_points()
    return points, find_stories(documents, points)


def find_stories(
    documents: Sequence[Document],
    points: Sequence[TalkingPoint] = (),
    speakers: Mapping[str, frozenset[str]] | None = None,
) -> list[Story]:
    """Group documents (or recap passages) that report the same event; ``speakers`` (document
    id -> names quoted in it), when given, adds a bonus for a shared speaker."""
    boilerplate = _boilerplate(points)
    speakers = speakers or {}
    units = [u for d in documents for u in _units(d, boilerplate.get(d.id, []), speakers.get(d.id, frozenset()))]
    if len(units) < 2 or not any(u.stems for u in units):  # nothing to compare (no vocabulary to fit)
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
    texts = {d.id: d.text for d in documents}
    stories = [
        _story([units[i] for i in members], texts, matrix[members])
        for members in groups.values()
        if len({units[i].doc for i in members}) >= 2
    ]
    stories.sort(key=lambda s: (s.passages[0].doc, s.passages[0].start))
    return stories


def _same_event(a: _Unit, b: _Unit, cosine: float, shared_points: int) -> bool:
    if shared_points >= lex.SHARED_POINTS:
        return True
    if a.speakers & b.speakers:
        cosine += lex.SPEAKER_BONUS
    thresholds = lex.STORY_COSINE_BY_SHARED_FIGURES
    shared_figures = min(len(a.figures & b.figures), len(thresholds) - 1)
    return cosine >= thresholds[shared_figures]


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
    shared = [w for w, n in counts.most_common() if n >= 2 and not w[0].isdigit()][:lex.LABEL_WORDS]
    speakers = sorted(set.intersection(*(set(u.speakers) for u in members))) if members else []
    return "; ".join(filter(None, [", ".join(speakers), " ".join(shared)]))


def _identity(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tokens



