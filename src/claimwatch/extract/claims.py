"""From quantities to claims: evidence clause, subject, period, speaker, said_on.

A quantity the numbers stage judged worth a claim becomes a Claim here. The
dependency parse of its sentence gives the clause that states it (the evidence)
and the measured thing (the subject); the time expressions of the sentence give
the period it covers and, when attached to a speech verb, the day it was said; the
quote or attribution whose content holds it gives the speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from ..lexicon.claims import (
    BASELINE_BEFORE,
    BASELINE_FIGURE_BEFORE,
    BASELINE_FIGURE_OF,
    BASELINE_IN_TIME,
    BASELINE_PHRASE_BEFORE,
    BASELINE_TIME_THEN_FIGURE,
    BOUNDARY_DAY_BEFORE,
    CARRY_PERIOD_SENTENCES,
    CHANGE_NOUNS,
    CLAUSE_BREAK_DEPS,
    CONFIDENCE_BY_WORTH,
    EVENT_DAY,
    HEADLINE_ATTRIBUTION,
    LEAD_PERIOD_SENTENCES,
    LEAD_SENTENCES,
    MARKET_FIGURE_BEFORE,
    NO_CARRY_TIME,
    OWN_FRAME_BEFORE,
    POSSESSOR_SEARCH_ARCS,
    PRESENT_AUX_VERB_TAGS,
    PRESENT_MARKER,
    PRESENT_TAGS,
    ROLLING_WINDOW,
    SAID_ON_MAX_DAYS,
    SENTENCE_END,
    SPEECH_LEMMAS,
    SUBJECT_DEPS,
    SUBJECT_MAX_TOKENS,
    SUBJECT_PREPS,
    TRIM_LEADING,
    UNPARSED_DISCOUNT,
    VAGUE_SPEAKER_WORDS,
    WORTHINESS_FLOOR,
)
from ..lexicon.speech import ORG_DESCRIPTION_NOUNS, ORG_HEADS, RESOLVABLE_ORG_HEADS
from ..model import Claim, Document, Person, Quantity, Quote, Span, TimeExpression
from ..spans import SortedSpans
from .budget import check_budget
from .nlp import ParsedSentence


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
    def quote_index(self) -> SortedSpans[Quote]:
        return SortedSpans(self.quotes, lambda x: x.start, lambda x: x.end)

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
class _DocumentFrame:
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


def build_claims(inp: ClaimInputs) -> list[Claim]:
    """Every claim of one document, in text order, restatements linked to their first mention."""
    hanging = _hanging_on_speech(inp)
    said_on_times = _said_on_times(inp, hanging)
    dated = sorted((t for t in inp.times if id(t) in said_on_times), key=lambda t: t.start)
    lead = _lead(inp)
    frame = _DocumentFrame(
        said_on_times=said_on_times,
        speech_times=_speech_times(inp, hanging),
        said_on_by_speaker=_said_on_by_speaker(inp, said_on_times),
        report_said_on=dated[0].period_start if dated else None,
        report_said_on_sentence=_sentence_text(inp, dated[0].start) if dated else "",
        report_said_on_speaker=_speaker_in_sentence(inp, dated[0].start) if dated else None,
        lead_speakers=_lead_speakers(inp, lead),
        person_names={p.name for p in inp.people},
        lead_source=_lead_source(inp, lead),
    )
    first_body = lead[0].start if lead else len(inp.text)
    claims: list[Claim] = []
    headline_claims: set[int] = set()  # indices of claims in a headline that credits a source
    for q, worth in sorted(zip(inp.quantities, inp.worthiness, strict=True), key=lambda p: p[0].start):
        check_budget("claims")
        if worth < WORTHINESS_FLOOR:
            continue
        s_idx = inp.sentence_at(q.start)
        if s_idx is None:
            continue
        sentence = inp.sentences[s_idx]
        parsed = inp.parsed_for(sentence)
        tokens = _tokens_in(parsed, q.start, q.end) if parsed else []
        start, end = _evidence_span(inp.doc.text, sentence, parsed, tokens, q)
        in_sentence = inp.times_in(sentence)
        candidates = [
            t for t in in_sentence
            if id(t) not in frame.said_on_times | frame.speech_times
            and (t.period_start is not None or t.period_end is not None)
        ]  # fmt: skip
        quote = _source_of(inp, frame, q, sentence, tokens, candidates)
        period = _period_of(inp, frame, q, s_idx, tokens, in_sentence, candidates, (start, end))
        said_on = _said_on_of(frame, quote.speaker if quote else None, in_sentence)
        if sentence.start < first_body and HEADLINE_ATTRIBUTION.search(sentence.text):
            headline_claims.add(len(claims))
        claims.append(
            Claim(
                doc=inp.doc.id,
                start=start,
                end=end,
                evidence=inp.doc.text[start:end],
                kind=q.kind,
                value=q.value,
                value_high=q.value_high,
                unit=q.unit,
                subject=_subject(parsed, tokens, q),
                speaker=quote.speaker if quote else None,
                speaker_role=quote.speaker_role if quote else None,
                period_start=period.period_start if period else None,
                period_end=period.period_end if period else None,
                period_text=period.text if period else None,
                said_on=said_on,
                confidence=_confidence(worth, parsed is not None),
                hedge=q.hedge,
                quantity_start=q.start,
                quantity_end=q.end,
                persian_reading=period.persian_reading if period else False,
                is_baseline=period.is_baseline if period else False,
            )
        )
    return _link_restatements(_headline_speakers(claims, headline_claims))


def _source_of(
    inp: ClaimInputs,
    frame: _DocumentFrame,
    q: Quantity,
    sentence: Span,
    tokens: list[Any],
    candidates: list[TimeExpression],
) -> Quote | None:
    """The quote or attribution a figure is credited to: the one holding it, its own
    sentence's, the paragraph's speaker, or the lead's source of a single-source report."""
    quote = _quote_for(inp, q) or _attribution_in_sentence(inp, sentence, q)
    if quote is None:
        stated = [t for t in candidates if not _is_baseline_time(inp.text, t)]
        if _is_background(stated, frame.report_period):
            # an unattributed figure for an earlier period than the report's is the outlet's
            # background ("In 2022, trade grew..."): from here on the lead's source is silent
            frame.lead_source = None
        else:
            quote = (
                _possessor_source(inp, frame, tokens)
                or _attribution_earlier_in_paragraph(inp, q)
                or frame.lead_source
            )
    if quote is not None and _is_vague_speaker(quote.speaker):
        return None  # attributed to an unnamed source: no speaker, and no fallback either
    if MARKET_FIGURE_BEFORE.search(inp.text[max(0, q.start - 50) : q.start]):
        return None  # "below the market estimate of 5.2%": the market's figure, no one's statement
    return quote


def _possessor_source(inp: ClaimInputs, frame: _DocumentFrame, tokens: list[Any]) -> Quote | None:
    """A body's own figures ("the carmaker's net income quadrupled", "Apple's revenue"):
    credited to that body when it speaks in the report; a bare description ("the
    company's") is the first body that spoke."""
    if not tokens:
        return None
    bodies = [x for x in inp.attribution_index.items if x.speaker not in frame.person_names]
    if not bodies:
        return None
    node = tokens[0]
    for _ in range(POSSESSOR_SEARCH_ARCS):
        # the owner of the node itself, or of the subject of the verb it hangs on
        near = [*node.children, *(g for c in node.children if c.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        owner = next((c for c in near if c.dep_ == "poss"), None)
        if owner is not None:
            if owner.lower_ in ORG_DESCRIPTION_NOUNS | RESOLVABLE_ORG_HEADS:
                return min(bodies, key=lambda x: x.cue_start)  # type: ignore[arg-type,return-value]
            if owner.pos_ == "PROPN":
                named = [x for x in bodies if owner.text in (x.speaker or "").split()]
                return min(named, key=lambda x: x.cue_start) if named else None  # type: ignore[arg-type,return-value]
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _period_of(
    inp: ClaimInputs,
    frame: _DocumentFrame,
    q: Quantity,
    s_idx: int,
    tokens: list[Any],
    in_sentence: list[TimeExpression],
    candidates: list[TimeExpression],
    clause: tuple[int, int],
) -> TimeExpression | None:
    """The period a figure covers: its sentence's own, else the one just stated or the
    lead's; records the periods later figures may inherit."""
    published = inp.doc.published
    period = _pick_period(inp.text, candidates, q, published, clause)
    if period is not None and _is_baseline_quantity(inp.text, q):
        last = frame.last_period
        period = _same_window_earlier(period, last[1] if last is not None and s_idx - last[0] <= 1 else frame.lead_period)
    unresolved = _nearest_unresolved_frame(in_sentence, q)
    if unresolved is not None and (period is None or unresolved < _distance(period, q)):
        # the figure's nearest frame is one the text leaves open ("over the past five
        # years" with no date to count from): a farther date is not its period
        period = None
    present = _present_marker_distance(inp.text, inp.sentences[s_idx], q)
    now_stated = present is not None and (period is None or present < _distance(period, q))
    if now_stated:
        # "now"/"today" beside the figure: it states the present, not a stated period
        period = None
    if period is not None:
        # an event's day ("killed on Friday") frames its own sentence only
        if (
            not _is_baseline_time(inp.text, period)
            and not _is_baseline_quantity(inp.text, q)
            and period.period_start != period.period_end
            # "since 2004", "by the end of 2025": open frames belong to their own sentence
            and period.period_start is not None
            and period.period_end is not None
        ):
            if not _is_background([period], frame.report_period):
                # an aside on an earlier year than the report's ("exports, which totalled
                # $12.5 billion in 2022, have...") does not frame the figures after it
                frame.last_period = (s_idx, period)
            if frame.lead_period is None and s_idx < LEAD_PERIOD_SENTENCES:
                frame.lead_period = period
            if frame.report_period is None and s_idx < LEAD_SENTENCES:
                frame.report_period = period
        return period
    if any(t.type == "DURATION" or NO_CARRY_TIME.search(t.text) or _is_open_frame(t) for t in in_sentence):
        return None  # a rolling window or "since X" in the sentence is the figure's own frame
    coming = None if now_stated else _coming_event_before(inp, s_idx)
    if coming is not None and (frame.last_period is None or frame.last_period[0] < s_idx - 1):
        period = coming  # "The forum will take place from August 22-28. Over 800 guests will attend"
    elif frame.last_period is not None and s_idx - frame.last_period[0] <= CARRY_PERIOD_SENTENCES:
        period = frame.last_period[1]  # a figure that names no period continues the one just stated
    else:
        period = frame.lead_period  # else the period the lead sentence states: what the report is about
    if period is not None and (
        (_states_the_present(tokens) and _is_over(period, published))
        or (now_stated and not (published and period.period_start and period.period_start > published))
    ):
        # a present state ("the IRGC is one of eight branches") is not in a period that
        # is over, and what holds "now" is in none but a budget year to come
        return None
    return period


def _said_on_of(frame: _DocumentFrame, speaker: str | None, in_sentence: list[TimeExpression]) -> date | None:
    """The day the figure was said: a statement date in its sentence, else its speaker's
    dated statement, else (for the lead's sources) the report's statement date."""
    if speaker is None:
        return None  # a statement date belongs to a speaker: none without one
    said_times = [t for t in in_sentence if id(t) in frame.said_on_times]
    if said_times:
        return said_times[0].period_start
    # a lead source's figures come from the release the report is about, unless a person
    # is speaking and the dated statement is another person's
    other_person_dated = speaker in frame.person_names and bool(set(frame.said_on_by_speaker) & frame.person_names)
    # a body's figures do not take the day a person from elsewhere spoke
    other_body = (
        speaker not in frame.person_names
        and frame.report_said_on_speaker in frame.person_names
        and not _names_in(speaker, frame.report_said_on_sentence)
    )
    fallback = None
    if not other_person_dated and not other_body and speaker in frame.lead_speakers:
        fallback = frame.report_said_on
    return frame.said_on_by_speaker.get(speaker, fallback)


# ---- sentences and tokens ------------------------------------------------------


def _tokens_in(parsed: ParsedSentence, start: int, end: int) -> list[Any]:
    lo, hi = start - parsed.span.start, end - parsed.span.start
    return [t for t in parsed.doc if t.idx < hi and t.idx + len(t.text) > lo]


def _root_of(tokens: list[Any]) -> Any | None:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0] if tokens else None


# ---- evidence --------------------------------------------------------------------


def _evidence_span(
    text: str, sentence: Span, parsed: ParsedSentence | None, tokens: list[Any], q: Quantity
) -> tuple[int, int]:
    """The clause that states the quantity: the subtree of its nearest non-speech
    verb, without sibling clauses that do not hold it; the sentence as a fallback."""
    root = _root_of(tokens)
    if parsed is None or root is None:
        return sentence.start, sentence.end
    clause = None
    conjunct = None  # "a threefold increase in X, [a twofold rise in Y]": the conjunct alone
    node = root
    if root.pos_ in ("VERB", "AUX") and root.lemma_.lower() not in SPEECH_LEMMAS:
        clause = root
    while clause is None and node.head.i != node.i:
        if node.dep_ == "conj" and node.pos_ in ("NOUN", "PROPN", "NUM") and conjunct is None:
            conjunct = node
        head = node.head
        if head.lemma_.lower() in SPEECH_LEMMAS:
            break
        if head.pos_ in ("VERB", "AUX"):
            clause = head
            break
        node = head
    top = conjunct if conjunct is not None else (clause if clause is not None else node)
    keep = _clause_tokens(top, {t.i for t in tokens})
    lo = min(keep)
    hi = max(keep)
    doc = parsed.doc
    # never cut through the quantity itself
    lo = min(lo, min(t.i for t in tokens))
    hi = max(hi, max(t.i for t in tokens))
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ in ("cc", "mark")):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space or doc[hi].dep_ == "cc"):
        hi -= 1
    start = parsed.span.start + doc[lo].idx
    end = parsed.span.start + doc[hi].idx + len(doc[hi].text)
    return start, end


def _clause_tokens(top: Any, quantity_ids: set[int]) -> set[int]:
    """Token ids of ``top``'s subtree, minus child clauses that hold no part of the quantity."""
    keep: set[int] = set()
    stack = [top]
    while stack:
        node = stack.pop()
        keep.add(node.i)
        for child in node.children:
            if child.dep_ in CLAUSE_BREAK_DEPS and not _subtree_holds(child, quantity_ids):
                continue
            stack.append(child)
    return keep


def _subtree_holds(node: Any, token_ids: set[int]) -> bool:
    """Whether any of ``token_ids`` is in ``node``'s subtree.

    A subtree lies within its edges, so most children are ruled out in constant time;
    otherwise each candidate walks up to its root (depth, not sentence length): the
    whole check stays linear where materialising every child's subtree was quadratic
    per quantity and cubic per sentence.
    """
    lo, hi = node.left_edge.i, node.right_edge.i
    doc = node.doc
    for i in token_ids:
        if lo <= i <= hi and (i == node.i or node.is_ancestor(doc[i])):
            return True
    return False


# ---- subject ---------------------------------------------------------------------


def _subject(parsed: ParsedSentence | None, tokens: list[Any], q: Quantity) -> str | None:
    """The measured thing, as a short phrase of the sentence."""
    root = _root_of(tokens)
    if parsed is None or root is None:
        return q.unit if q.kind == "count" else None
    qids = {t.i for t in tokens}
    if root.pos_ in ("VERB", "AUX"):  # "exports tripled", "output doubled"
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in qids), None)
        if subj is not None and subj.pos_ != "PRON":
            return _phrase(subj, qids)
    # the noun the number attaches to: "a threefold increase", "81 percent increase"
    noun = root
    while noun.dep_ in ("nummod", "amod", "compound", "quantmod", "npadvmod", "nmod") and noun.head.i != noun.i:
        noun = noun.head
    if noun.lemma_.lower() in CHANGE_NOUNS or noun.i in qids:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in SUBJECT_PREPS:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return _phrase(obj, qids)
    if q.kind == "count" and noun.pos_ in ("NOUN", "PROPN") and noun.i not in qids:
        return _phrase(noun, qids)
    # the subject of the clause: "exports ... tripled", "the budget stands at $7 billion"
    node = root
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    if node.pos_ in ("VERB", "AUX"):
        for dep in SUBJECT_DEPS:
            subj = next((c for c in node.children if c.dep_ == dep and c.i not in qids), None)
            if subj is not None and subj.pos_ != "PRON":
                return _phrase(subj, qids)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "on", "in", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase(obj, qids)
    return q.unit if q.kind == "count" else None


def _phrase(head: Any, exclude: set[int]) -> str | None:
    """``head``'s subtree without relative clauses, appositions and the quantity itself."""
    ids: set[int] = set()
    stack = [head]
    while stack:
        node = stack.pop()
        if node.i in exclude:
            continue
        ids.add(node.i)
        for child in node.children:
            if child.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "cc") and child.i > head.i:
                continue
            stack.append(child)
    doc = head.doc
    ordered = sorted(ids)
    # the phrase must be contiguous: keep the run around the head
    run = [head.i]
    for i in range(head.i - 1, -1, -1):
        if i in ids:
            run.insert(0, i)
        else:
            break
    for i in range(head.i + 1, len(doc)):
        if i in ids:
            run.append(i)
        else:
            break
    ordered = run[:SUBJECT_MAX_TOKENS] if len(run) > SUBJECT_MAX_TOKENS and run[0] == head.i else run
    if len(ordered) > SUBJECT_MAX_TOKENS:
        pos = ordered.index(head.i)
        lo = max(0, pos - SUBJECT_MAX_TOKENS // 2)
        ordered = ordered[lo : lo + SUBJECT_MAX_TOKENS]
    while ordered and doc[ordered[0]].lower_ in TRIM_LEADING:
        ordered = ordered[1:]
    if not ordered:
        return None
    span = doc[ordered[0] : ordered[-1] + 1]
    return span.text.strip() or None


# ---- time --------------------------------------------------------------------------


def _hanging_on_speech(inp: ClaimInputs) -> dict[int, tuple[ParsedSentence, bool]]:
    """For each time expression of a parsed sentence (by id): that sentence, and whether
    the time hangs on a speech verb or on a cue the quotes stage found."""
    result: dict[int, tuple[ParsedSentence, bool]] = {}
    cue_starts = sorted({x.cue_start for x in inp.quotes if x.cue_start is not None})
    for t in inp.times:
        s_idx = inp.sentence_at(t.start)
        parsed = inp.parsed_for(inp.sentences[s_idx]) if s_idx is not None else None
        if parsed is None:
            continue
        lo, hi = bisect_left(cue_starts, parsed.span.start), bisect_left(cue_starts, parsed.span.end)
        cues_here = {c - parsed.span.start for c in cue_starts[lo:hi]}  # spaCy offsets are per sentence
        attached = any(_attached_to_speech(tok, cues_here) for tok in _tokens_in(parsed, t.start, t.end))
        result[id(t)] = (parsed, attached)
    return result


def _said_on_times(inp: ClaimInputs, hanging: dict[int, tuple[ParsedSentence, bool]]) -> set[int]:
    """ids of time expressions that date a statement: a day near publication attached to
    a speech verb ("noted on Saturday", "said on Monday") or to an attribution."""
    result: set[int] = set()
    by_sentence: dict[int, list[tuple[bool, TimeExpression]]] = {}
    published = inp.doc.published
    for t in inp.times:
        if t.type != "DATE" or t.period_start is None or t.period_start != t.period_end:
            continue
        if published is not None and not (
            timedelta(0) <= published - t.period_start <= timedelta(days=SAID_ON_MAX_DAYS)
        ):
            continue
        if id(t) not in hanging:
            continue
        parsed, attached = hanging[id(t)]
        # without a publication date, only a date hanging on the speech verb itself is safe;
        # a day inside the reported words ("killed early on Friday, he said") is the event's
        if attached or (
            published is not None
            and _sentence_attributed(inp, parsed)
            and not _inside_quote(inp, t)
        ):
            result.add(id(t))
            by_sentence.setdefault(parsed.span.start, []).append((attached, t))
    # a sentence whose speech verb carries its own day: the other days date events
    for dated in by_sentence.values():
        if any(a for a, _ in dated):
            result -= {id(t) for a, t in dated if not a}
    return result


def _inside_quote(inp: ClaimInputs, t: TimeExpression) -> bool:
    return any(t.end <= x.end for x in inp.quote_index.containing(t.start))


def _sentence_text(inp: ClaimInputs, offset: int) -> str:
    s_idx = inp.sentence_at(offset)
    return inp.sentences[s_idx].text if s_idx is not None else ""


def _speaker_in_sentence(inp: ClaimInputs, offset: int) -> str | None:
    s_idx = inp.sentence_at(offset)
    if s_idx is None:
        return None
    sent = inp.sentences[s_idx]
    return next((x.speaker for x in inp.attributions_cued_in(sent.start, sent.end)), None)


def _names_in(speaker: str, sentence: str) -> bool:
    """Most of the speaker's name words are in the sentence (the body or its officer)."""
    words = [w for w in speaker.split() if w[:1].isupper() and len(w) > 2]
    present = set(re.findall(r"\w+", sentence))
    return bool(words) and 2 * sum(w in present for w in words) >= len(words)


def _speech_times(inp: ClaimInputs, hanging: dict[int, tuple[ParsedSentence, bool]]) -> set[int]:
    """ids of time expressions hanging on a speech verb ("told FNA in July 2010"): they
    date a statement, however far from publication, not the period of a figure."""
    return {id(t) for t in inp.times if hanging.get(id(t), (None, False))[1] and not _inside_quote(inp, t)}


def _said_on_by_speaker(inp: ClaimInputs, said_on_times: set[int]) -> dict[str, date]:
    """The day each speaker spoke, from the first of their cues dated in its sentence: a
    quote later in the article ("..., he added") was said at the same occasion. A dated
    speech sentence without a cue ("Speaking on Wednesday, General Sadeqi called on...")
    dates the people it names."""
    dated = [t for t in inp.times if id(t) in said_on_times and t.period_start is not None]
    events: list[tuple[int, str, Span]] = []  # (position, speaker, sentence)
    cue_sentences: set[int] = set()
    for q in inp.quotes:
        if not q.speaker or q.cue_start is None:
            continue
        s_idx = inp.sentence_at(q.cue_start)
        if s_idx is not None:
            events.append((q.cue_start, q.speaker, inp.sentences[s_idx]))
            cue_sentences.add(s_idx)
    speakers = {q.speaker for q in inp.quotes if q.speaker and " " in q.speaker}
    for t in dated:
        s_idx = inp.sentence_at(t.start)
        if s_idx is None or s_idx in cue_sentences:
            continue
        sent = inp.sentences[s_idx]
        for speaker in speakers:
            found = re.search(rf"\b{re.escape(speaker.split()[-1])}\b", inp.text[sent.start : sent.end])
            if found:
                events.append((sent.start + found.start(), speaker, sent))
    result: dict[str, date] = {}
    dated_ids = {id(t) for t in dated}
    for _, speaker, sent in sorted(events, key=lambda e: e[0]):
        if speaker in result:
            continue
        for t in inp.times_in(sent):
            if id(t) in dated_ids and t.period_start is not None:
                result[speaker] = t.period_start
                break
    return result


def _attached_to_speech(tok: Any, cue_starts: set[int]) -> bool:
    """The token hangs (within three arcs, no other verb between) on a speech verb or on
    the cue the quotes stage found ("the data showed on Thursday"); ``cue_starts`` are
    offsets within the token's sentence."""
    node = tok
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in SPEECH_LEMMAS or node.idx in cue_starts:
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False


def _sentence_attributed(inp: ClaimInputs, parsed: ParsedSentence) -> bool:
    """The sentence itself carries a speech cue with a speaker (an attribution)."""
    return bool(inp.attributions_cued_in(parsed.span.start, parsed.span.end))


def _is_baseline_time(text: str, t: TimeExpression) -> bool:
    """A time a change is measured against: "compared to last year", "from a year earlier",
    "the same period last year", "over the previous fiscal"."""
    before = text[max(0, t.start - 80) : t.start]
    if t.is_baseline or BASELINE_IN_TIME.search(t.text):
        # "recorded 34,074 cases during the same period last year": a figure stated for
        # the earlier period itself, not compared with it
        return not OWN_FRAME_BEFORE.search(before)
    return bool(
        BASELINE_BEFORE.search(before[-40:])
        or BASELINE_FIGURE_BEFORE.search(before)
        or BASELINE_PHRASE_BEFORE.search(before)
    )


def _is_baseline_quantity(text: str, q: Quantity) -> bool:
    """The figure is itself the baseline: "up from Rs715 billion", "as against 38,190 cases",
    "compared to the exports of Rs 517 million"."""
    before = text[max(0, q.start - 60) : q.start]
    return bool(BASELINE_BEFORE.search(before[-40:]) or BASELINE_FIGURE_OF.search(before))


def _distance(t: TimeExpression, q: Quantity) -> int:
    """Characters between a time and a figure; a time after the figure in its sentence is
    likelier its period than one before it, so distances before it count three times."""
    return t.start - q.end if t.start >= q.end else (q.start - t.end) * 3 + 2


def _states_the_present(tokens: list[Any]) -> bool:
    """The figure's verb is in the present ("the IRGC is one of eight branches", "Iran is
    pumping 3.2 million barrels", "50 countries have shown interest"): a state of now,
    which a period stated for other figures does not frame."""
    if not tokens:
        return False
    verb = next((t for t in [tokens[0], *tokens[0].ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if verb.tag_ in PRESENT_TAGS:
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ in PRESENT_AUX_VERB_TAGS and any(a.tag_ in PRESENT_TAGS for a in aux)


def _same_window_earlier(period: TimeExpression, frame: TimeExpression | None) -> TimeExpression:
    """ "rose to 108 from 61 last year" after "from January to July this year": the
    baseline's "last year" is the same window a year earlier, not the whole year."""
    if frame is None or frame.period_start is None or frame.period_end is None:
        return period
    start, end = period.period_start, period.period_end
    whole_year = start is not None and end is not None and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    partial = frame.period_start.year == frame.period_end.year and (frame.period_end - frame.period_start).days < 360
    if not (whole_year and partial and start is not None and frame.period_start.year == start.year + 1):
        return period
    try:
        earlier = (frame.period_start.replace(year=start.year), frame.period_end.replace(year=start.year))
    except ValueError:  # 29 February
        return period
    return replace(period, period_start=earlier[0], period_end=earlier[1])


def _coming_event_before(inp: ClaimInputs, s_idx: int) -> TimeExpression | None:
    """A period still to come that the sentence before states without a figure of its
    own (an event's dates): the figures that follow are about that event."""
    if s_idx == 0 or inp.doc.published is None:
        return None
    prev = inp.sentences[s_idx - 1]
    if any(prev.start <= q.start < prev.end for q in inp.quantities):
        return None
    for t in inp.times:
        if prev.start <= t.start < prev.end and t.period_start is not None and t.period_end is not None:
            if t.period_start > inp.doc.published and t.period_start != t.period_end:
                return t
    return None


def _is_over(period: TimeExpression, published: date | None) -> bool:
    """The period ended before publication (or, undated, is taken to have)."""
    return published is None or (period.period_end is not None and period.period_end < published)


def _is_open_frame(t: TimeExpression) -> bool:
    """A duration or rolling window ("over the past five years", "the past year") the text
    gives no date to count from."""
    return t.period_start is None and t.period_end is None and (t.type == "DURATION" or bool(ROLLING_WINDOW.search(t.text)))


def _nearest_unresolved_frame(times: Sequence[TimeExpression], q: Quantity) -> int | None:
    """Distance (as ``_distance`` counts it) to the nearest duration of the sentence that
    could not be anchored to dates, or None."""
    open_frames = [t for t in times if _is_open_frame(t)]
    return min((_distance(t, q) for t in open_frames), default=None)


def _present_marker_distance(text: str, sentence: Span, q: Quantity) -> int | None:
    """Distance (as ``_distance`` counts it) from the figure to the nearest "now",
    "today" or "currently" of its sentence, or None."""
    best: int | None = None
    for m in PRESENT_MARKER.finditer(text, sentence.start, sentence.end):
        d = m.start() - q.end if m.start() >= q.end else (q.start - m.end()) * 3 + 2
        best = d if best is None else min(best, d)
    return best


def _pick_period(
    text: str, times: list[TimeExpression], q: Quantity, published: date | None, clause: tuple[int, int]
) -> TimeExpression | None:
    """The period a figure covers: the nearest time of its sentence, a baseline time
    only for a figure that is itself the baseline, and a day just before publication
    (when it was announced) only for counts of events."""
    if not times:
        return None
    baseline_q = _is_baseline_quantity(text, q)

    def rank(t: TimeExpression) -> tuple[int, int]:
        penalty = 0
        if _is_baseline_time(text, t) != baseline_q and not (
            t.end <= q.start and BASELINE_TIME_THEN_FIGURE.match(text[t.end : q.start])
        ):
            penalty += 2
        if q.kind != "count" and published is not None and t.period_start == t.period_end and (
            t.period_start is not None and timedelta(0) <= published - t.period_start <= timedelta(days=SAID_ON_MAX_DAYS)
        ) and not EVENT_DAY.search(t.text):
            # the day a figure was announced, not the period an aggregate covers
            penalty += 2
        if t.period_start == t.period_end and BOUNDARY_DAY_BEFORE.search(text[max(0, t.start - 20) : t.start]):
            penalty += 2  # "(which began March 31)": the bound of another period
        if not (clause[0] <= t.start and t.end <= clause[1]):
            penalty += 1  # a time in another clause of the sentence frames that clause first
        return penalty, _distance(t, q)

    best = min(times, key=rank)
    if rank(best)[0] >= 2:
        return None if not baseline_q else best
    return best


# ---- speaker, confidence, restatements ----------------------------------------------


def _quote_for(inp: ClaimInputs, q: Quantity) -> Quote | None:
    """The innermost quote or attribution whose content holds the quantity."""
    holding = [x for x in inp.quote_index.containing(q.start) if q.end <= x.end]
    if not holding:
        return None
    return min(holding, key=lambda x: x.end - x.start)


def _attribution_in_sentence(inp: ClaimInputs, sentence: Span, q: Quantity) -> Quote | None:
    """For a figure outside every quote: the attribution of its own sentence ("..., the
    agency said"), the one whose cue is nearest the figure."""
    same = inp.attributions_cued_in(sentence.start, sentence.end)
    return min(same, key=lambda x: abs((x.cue_start or 0) - q.start)) if same else None


def _attribution_earlier_in_paragraph(inp: ClaimInputs, q: Quantity) -> Quote | None:
    """The latest attribution earlier in the figure's paragraph: a speaker keeps the floor
    until the paragraph ends."""
    paragraph_start = inp.text.rfind("\n", 0, q.start)
    earlier = inp.attributions_cued_in(paragraph_start + 1, q.start)
    return max(earlier, key=lambda x: x.cue_start or 0) if earlier else None


def _lead(inp: ClaimInputs) -> list[Span]:
    """The lead: the first sentences of the body, after any headline (a line with no
    closing punctuation)."""
    body = [s for s in inp.sentences if s.text.rstrip().endswith(SENTENCE_END)]
    return body[:LEAD_SENTENCES]


def _lead_speakers(inp: ClaimInputs, lead: list[Span]) -> set[str]:
    """Speakers of the attributions in the lead sentences: the report's own sources."""
    if not lead:
        return set()
    return {x.speaker for x in inp.quotes if x.speaker and x.cue_start is not None and x.cue_start < lead[-1].end}


def _is_institution(name: str) -> bool:
    """A ministry, agency, company... rather than a person, by its head words."""
    return bool(set(name.lower().replace(",", " ").split()) & ORG_HEADS)


def _lead_source(inp: ClaimInputs, lead: list[Span]) -> Quote | None:
    """An institution cited in the lead of a data report ("..., the Bureau of Statistics said")
    is the source of the report's unattributed figures. An article that quotes anyone else
    is not a single-source data report: its unattributed figures stay the outlet's."""
    if not lead:
        return None
    found = None
    for x in sorted(inp.quotes, key=lambda x: x.cue_start if x.cue_start is not None else x.start):
        if x.cue_start is None or x.cue_start >= lead[-1].end:
            break
        if x.speaker and _is_institution(x.speaker):
            found = x
            break
    if found is None:
        return None
    others = {x.speaker for x in inp.quotes if x.speaker and x.speaker != found.speaker}
    return None if any(not _is_vague_speaker(s) for s in others) else found


def _is_background(times: Sequence[TimeExpression], report_period: TimeExpression | None) -> bool:
    """Every period a sentence names ends before the report's own period starts."""
    if report_period is None or report_period.period_start is None:
        return False
    ends = [t.period_end or t.period_start for t in times]
    return bool(ends) and all(e is not None and e < report_period.period_start for e in ends)


def _confidence(worth: float, parsed: bool) -> float:
    """Probability that the claim is a real claim, from a table of precision measured per
    worthiness band (smoothed, see ``CONFIDENCE_BY_WORTH``); a sentence the parser did
    not see gives a rougher evidence clause, so it is discounted."""
    prob = next((p for floor, p in CONFIDENCE_BY_WORTH if worth >= floor), CONFIDENCE_BY_WORTH[-1][1])
    if not parsed:
        prob *= UNPARSED_DISCOUNT
    return round(max(0.0, min(1.0, prob)), 3)


def _headline_speakers(claims: list[Claim], headline: set[int]) -> list[Claim]:
    """A headline figure credited to a source ("Arms exporter's order portfolio exceeds
    $52bn - General Director") that the body restates with a named speaker ("exceeds $52
    billion, director general Ivan Petrov said") is that speaker's claim."""
    out = list(claims)
    for i in sorted(headline):
        c = out[i]
        if c.speaker is not None:
            continue
        same = next(
            (b for b in out[i + 1 :] if b.speaker is not None and (b.kind, b.value, b.value_high, b.unit) == (c.kind, c.value, c.value_high, c.unit)),
            None,
        )
        if same is not None:
            out[i] = replace(c, speaker=same.speaker, speaker_role=same.speaker_role, said_on=same.said_on)
    return out


def _link_restatements(claims: list[Claim]) -> list[Claim]:
    """The same figure restated in one article (lead, then a quote) is two mentions of one claim."""
    first: dict[tuple[str, float, float | None, str], int] = {}
    out: list[Claim] = []
    for i, c in enumerate(claims):
        key = (c.kind, c.value, c.value_high, c.unit)
        if key in first:
            c = replace(c, restates=first[key])
        else:
            first[key] = i
        out.append(c)
    return out


def _is_vague_speaker(speaker: str | None) -> bool:
    """An unnamed source: a generic head with no proper word before it ("Analysts",
    "budget documents", "the government" but not "Iranian government"), or a phrase
    with a number ("over 800 members of 35 delegations")."""
    if not speaker:
        return False
    words = [w for w in speaker.replace(",", " ").split() if w.lower() not in TRIM_LEADING]
    if not words or any(ch.isdigit() for ch in speaker):
        return True
    head, modifiers = words[-1], words[:-1]
    return head.lower() in VAGUE_SPEAKER_WORDS and not any(w[0].isupper() for w in modifiers)
