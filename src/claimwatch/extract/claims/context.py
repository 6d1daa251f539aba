"""What the claim rules read: the document's layers with lookups, the frame of the report
read so far, and one figure with everything its rules ask about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ...model import Document, Person, Quantity, Quote, Span, TimeExpression
from ...spans import SortedSpans
from ..nlp import ParsedSentence
from ..rules import Trace


@dataclass(frozen=True)
class ClaimInputs:
    doc: Document
    text: str
    sentences: Sequence[Span]
    parsed: Sequence[ParsedSentence]
    quantities: Sequence[Quantity]
    worthiness: Sequence[float]
    times: Sequence[TimeExpression]
    quotes: Sequence[Quote]
    people: Sequence[Person]
    acts: Sequence[Quote] = ()  # a body's own acts stating a figure (``Quote.kind == "act"``)

    # Lookups built once per document (a frozen dataclass keeps cached values in its
    # __dict__): every per-figure question is a binary search, not a scan.
    @cached_property
    def sentence_index(self) -> SortedSpans[Span]:
        return SortedSpans(self.sentences, lambda s: s.start, lambda s: s.end)

    @cached_property
    def parsed_by_start(self) -> dict[int, ParsedSentence]:
        return {p.span.start: p for p in self.parsed}

    @cached_property
    def time_index(self) -> SortedSpans[TimeExpression]:
        return SortedSpans(self.times, lambda t: t.start, lambda t: t.end)

    @cached_property
    def organisation_names(self) -> frozenset[str]:
        """Names the recognizer tagged as organisations anywhere in the parsed sentences."""
        return frozenset(e.text for p in self.parsed for e in p.doc.ents if e.label_ == "ORG")

    @cached_property
    def quote_index(self) -> SortedSpans[Quote]:
        return SortedSpans([*self.quotes, *self.acts], lambda x: x.start, lambda x: x.end)

    @cached_property
    def attribution_index(self) -> SortedSpans[Quote]:
        """Quotes with a speaker and a cue, by cue position."""
        cued = [x for x in self.quotes if x.speaker and x.cue_start is not None]
        return SortedSpans(cued, lambda x: x.cue_start or 0, lambda x: (x.cue_start or 0) + 1)

    def sentence_at(self, offset: int) -> int | None:
        return self.sentence_index.first_containing(offset)

    def parsed_for(self, sentence: Span) -> ParsedSentence | None:
        return self.parsed_by_start.get(sentence.start)

    def times_in(self, sentence: Span) -> list[TimeExpression]:
        return self.time_index.starting_in(sentence.start, sentence.end)

    def attributions_cued_in(self, lo: int, hi: int) -> list[Quote]:
        return self.attribution_index.starting_in(lo, hi)


@dataclass
class DocumentFrame:
    """What the claims read so far say about the whole report: the sources and periods
    that later figures without their own inherit."""

    said_on_times: set[int]  # ids of times that date a statement
    speech_times: set[int]  # ids of times hanging on a speech verb
    said_on_by_speaker: dict[str, date]
    report_said_on: date | None  # the first statement date of the report
    report_said_on_sentence: str  # the sentence that dates it
    report_said_on_speaker: str | None  # and who spoke there
    lead_speakers: set[str]  # speakers of the lead's attributions
    person_names: set[str]
    lead_source: Quote | None  # the source of a single-source report, until an aside silences it
    last_period: tuple[int, TimeExpression] | None = None  # (sentence, latest non-baseline period)
    lead_period: TimeExpression | None = None  # the period the lead sentence states
    report_period: TimeExpression | None = None  # the first closed period of the lead sentences


@dataclass
class Figure:
    """One figure of the document and what its rules read: its sentence, parse, evidence
    clause and the times of its sentence. ``trace`` collects the rules that fire."""

    inp: ClaimInputs
    frame: DocumentFrame
    q: Quantity
    s_idx: int
    parsed: ParsedSentence | None
    tokens: list[Any]  # the figure's tokens in the parse (empty when unparsed)
    clause: tuple[int, int]  # the evidence span
    trace: Trace = field(default_factory=Trace)
    notes: dict[str, Any] = field(default_factory=dict)  # what one table's rules compute once

    @property
    def sentence(self) -> Span:
        return self.inp.sentences[self.s_idx]

    @property
    def text(self) -> str:
        return self.inp.text

    @cached_property
    def in_sentence(self) -> list[TimeExpression]:
        return self.inp.times_in(self.sentence)

    @cached_property
    def candidates(self) -> list[TimeExpression]:
        """The sentence's times that may be the figure's period: dated, and not a
        statement's date."""
        skip = self.frame.said_on_times | self.frame.speech_times
        return [
            t for t in self.in_sentence
            if id(t) not in skip and (t.period_start is not None or t.period_end is not None)
            and not t.glosses_previous  # the label it restates is the period
        ]  # fmt: skip


def tokens_in(parsed: ParsedSentence, start: int, end: int) -> list[Any]:
    lo, hi = start - parsed.span.start, end - parsed.span.start
    return [t for t in parsed.doc if t.idx < hi and t.idx + len(t.text) > lo]


def root_of(tokens: list[Any]) -> Any | None:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0] if tokens else None


def is_background(times: Sequence[TimeExpression], report_period: TimeExpression | None) -> bool:
    """Every period a sentence names ends before the report's own period starts."""
    if report_period is None or report_period.period_start is None:
        return False
    ends = [t.period_end or t.period_start for t in times]
    return bool(ends) and all(e is not None and e < report_period.period_start for e in ends)
