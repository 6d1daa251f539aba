"""From quantities to claims: evidence clause, subject, period, speaker, said_on.

A quantity the numbers stage judged worth a claim becomes a Claim here. The
dependency parse of its sentence gives the clause that states it (the evidence)
and the measured thing (the subject); the time expressions of the sentence give
the period it covers and, when attached to a speech verb, the day it was said; the
quote or attribution whose content holds it gives the speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ..model import Claim, Document, Person, Quantity, Quote, Span, TimeExpression
from .lexicon.claims import (
    BASELINE_BEFORE,
    BASELINE_IN_TIME,
    CARRY_PERIOD_SENTENCES,
    CHANGE_NOUNS,
    CLAUSE_BREAK_DEPS,
    LEAD_SENTENCES,
    NO_CARRY_TIME,
    SAID_ON_MAX_DAYS,
    SPEECH_LEMMAS,
    SUBJECT_DEPS,
    SUBJECT_MAX_TOKENS,
    SUBJECT_PREPS,
    TRIM_LEADING,
    WORTHINESS_FLOOR,
)
from .lexicon.speech import ORG_HEADS
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


def build_claims(inp: ClaimInputs) -> list[Claim]:
    """Every claim of one document, in text order, restatements linked to their first mention."""
    claims: list[Claim] = []
    said_on_times = _said_on_times(inp)
    said_on_by_speaker = _said_on_by_speaker(inp, said_on_times)
    lead_source = _lead_source(inp)
    dated = sorted((t for t in inp.times if id(t) in said_on_times), key=lambda t: t.start)
    report_said_on = dated[0].period_start if dated else None
    last_period: tuple[int, TimeExpression] | None = None  # (sentence, latest non-baseline period)
    for q, worth in sorted(zip(inp.quantities, inp.worthiness, strict=True), key=lambda p: p[0].start):
        if worth < WORTHINESS_FLOOR:
            continue
        s_idx = _sentence_index(inp.sentences, q.start)
        if s_idx is None:
            continue
        sentence = inp.sentences[s_idx]
        parsed = _parsed_for(inp.parsed, sentence)
        tokens = _tokens_in(parsed, q.start, q.end) if parsed else []
        start, end = _evidence_span(inp.doc.text, sentence, parsed, tokens, q)
        quote = (
            _quote_for(inp.quotes, q)
            or _attribution_nearby(inp.text, inp.quotes, sentence, q)
            or lead_source
        )
        speaker = quote.speaker if quote else None

        in_sentence = [t for t in inp.times if sentence.start <= t.start < sentence.end]
        said_times = [t for t in in_sentence if id(t) in said_on_times]
        said_on = said_times[0].period_start if said_times else None
        if speaker is not None and said_on is None:
            # the speaker's own dated statement, else the one statement date the report gives
            said_on = said_on_by_speaker.get(speaker, report_said_on)
        candidates = [
            t for t in in_sentence
            if id(t) not in said_on_times and (t.period_start is not None or t.period_end is not None)
        ]  # fmt: skip
        period = _pick_period(inp.text, candidates, q, inp.doc.published)
        if period is not None:
            if not _is_baseline_time(inp.text, period) and not _is_baseline_quantity(inp.text, q):
                last_period = (s_idx, period)
        elif (
            last_period is not None
            and s_idx - last_period[0] <= CARRY_PERIOD_SENTENCES
            # a rolling window or "since X" in the sentence is the figure's own frame
            and not any(t.type == "DURATION" or NO_CARRY_TIME.search(t.text) for t in in_sentence)
        ):
            # a figure that names no period continues the one just stated
            period = last_period[1]
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
                speaker=speaker,
                speaker_role=quote.speaker_role if quote else None,
                period_start=period.period_start if period else None,
                period_end=period.period_end if period else None,
                period_text=period.text if period else None,
                said_on=said_on,
                confidence=_confidence(worth, parsed is not None, quote),
                hedge=q.hedge,
                quantity_start=q.start,
                quantity_end=q.end,
                persian_reading=period.persian_reading if period else False,
                is_baseline=period.is_baseline if period else False,
            )
        )
    return _link_restatements(claims)


# ---- sentences and tokens ------------------------------------------------------


def _sentence_index(sentences: Sequence[Span], offset: int) -> int | None:
    for i, s in enumerate(sentences):
        if s.start <= offset < s.end:
            return i
    return None


def _parsed_for(parsed: Sequence[ParsedSentence], sentence: Span) -> ParsedSentence | None:
    for p in parsed:
        if p.span.start == sentence.start:
            return p
    return None


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
            sub = {t.i for t in child.subtree}
            if child.dep_ in CLAUSE_BREAK_DEPS and not (sub & quantity_ids):
                continue
            stack.append(child)
    return keep


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


def _said_on_times(inp: ClaimInputs) -> set[int]:
    """ids of time expressions that date a statement: a day near publication attached to
    a speech verb ("noted on Saturday", "said on Monday") or to an attribution."""
    result: set[int] = set()
    published = inp.doc.published
    for t in inp.times:
        if t.type != "DATE" or t.period_start is None or t.period_start != t.period_end:
            continue
        if published is not None and not (
            timedelta(0) <= published - t.period_start <= timedelta(days=SAID_ON_MAX_DAYS)
        ):
            continue
        s_idx = _sentence_index(inp.sentences, t.start)
        parsed = _parsed_for(inp.parsed, inp.sentences[s_idx]) if s_idx is not None else None
        if parsed is None:
            continue
        toks = _tokens_in(parsed, t.start, t.end)
        attached = any(_attached_to_speech(tok) for tok in toks)
        # without a publication date, only a date hanging on the speech verb itself is safe
        if attached or (published is not None and _sentence_attributed(parsed, inp.quotes)):
            result.add(id(t))
    return result


def _said_on_by_speaker(inp: ClaimInputs, said_on_times: set[int]) -> dict[str, date]:
    """The day each speaker spoke, from the first of their cues dated in its sentence: a
    quote later in the article ("..., he added") was said at the same occasion."""
    dated = [t for t in inp.times if id(t) in said_on_times and t.period_start is not None]
    result: dict[str, date] = {}
    for q in sorted(inp.quotes, key=lambda x: x.cue_start if x.cue_start is not None else x.start):
        if not q.speaker or q.speaker in result or q.cue_start is None:
            continue
        s_idx = _sentence_index(inp.sentences, q.cue_start)
        if s_idx is None:
            continue
        sent = inp.sentences[s_idx]
        for t in dated:
            if sent.start <= t.start < sent.end and t.period_start is not None:
                result[q.speaker] = t.period_start
                break
    return result


def _attached_to_speech(tok: Any) -> bool:
    node = tok
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in SPEECH_LEMMAS:
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False


def _sentence_attributed(parsed: ParsedSentence, quotes: Sequence[Quote]) -> bool:
    """The sentence itself carries a speech cue with a speaker (an attribution)."""
    for q in quotes:
        if q.cue_start is not None and parsed.span.start <= q.cue_start < parsed.span.end and q.speaker:
            return True
    return False


def _is_baseline_time(text: str, t: TimeExpression) -> bool:
    """A time a change is measured against: "compared to last year", "from a year earlier",
    "the same period last year", "over the previous fiscal"."""
    if t.is_baseline or BASELINE_IN_TIME.search(t.text):
        return True
    return bool(BASELINE_BEFORE.search(text[max(0, t.start - 40) : t.start]))


def _is_baseline_quantity(text: str, q: Quantity) -> bool:
    """The figure is itself the baseline: "up from Rs715 billion", "as against 38,190 cases"."""
    return bool(BASELINE_BEFORE.search(text[max(0, q.start - 40) : q.start]))


def _pick_period(
    text: str, times: list[TimeExpression], q: Quantity, published: date | None
) -> TimeExpression | None:
    """The period a figure covers: the nearest time of its sentence, a baseline time
    only for a figure that is itself the baseline, and a day just before publication
    (when it was announced) only for counts of events."""
    if not times:
        return None
    baseline_q = _is_baseline_quantity(text, q)

    def rank(t: TimeExpression) -> tuple[int, int]:
        penalty = 0
        if _is_baseline_time(text, t) != baseline_q:
            penalty += 2
        if q.kind != "count" and published is not None and t.period_start == t.period_end and (
            t.period_start is not None and timedelta(0) <= published - t.period_start <= timedelta(days=SAID_ON_MAX_DAYS)
        ):
            # the day a figure was announced, not the period an aggregate covers
            penalty += 2
        # a time after the figure in its sentence is likelier its period than one before it
        distance = t.start - q.end if t.start >= q.end else (q.start - t.end) * 3 + 2
        return penalty, distance

    best = min(times, key=rank)
    if rank(best)[0] >= 2:
        return None if not baseline_q else best
    return best


# ---- speaker, confidence, restatements ----------------------------------------------


def _quote_for(quotes: Sequence[Quote], q: Quantity) -> Quote | None:
    """The innermost quote or attribution whose content holds the quantity."""
    holding = [x for x in quotes if x.start <= q.start and q.end <= x.end]
    if not holding:
        return None
    return min(holding, key=lambda x: x.end - x.start)


def _attribution_nearby(text: str, quotes: Sequence[Quote], sentence: Span, q: Quantity) -> Quote | None:
    """For a figure outside every quote: the attribution of its own sentence ("..., the
    agency said"), else the latest attribution earlier in the same paragraph."""
    attributed = [x for x in quotes if x.speaker and x.cue_start is not None]
    same = [x for x in attributed if sentence.start <= x.cue_start < sentence.end]  # type: ignore[operator]
    if same:
        return min(same, key=lambda x: abs(x.cue_start - q.start))  # type: ignore[operator]
    paragraph_start = text.rfind("\n", 0, q.start)
    earlier = [x for x in attributed if paragraph_start < x.cue_start < q.start]  # type: ignore[operator]
    return max(earlier, key=lambda x: x.cue_start) if earlier else None  # type: ignore[arg-type,return-value]


def _lead_source(inp: ClaimInputs) -> Quote | None:
    """An institution cited in the lead of a data report ("..., the Bureau of Statistics said")
    is the source of the report's unattributed figures."""
    lead = inp.sentences[:LEAD_SENTENCES]
    if not lead:
        return None
    for x in sorted(inp.quotes, key=lambda x: x.cue_start if x.cue_start is not None else x.start):
        if x.cue_start is None or x.cue_start >= lead[-1].end:
            break
        if x.speaker and set(x.speaker.lower().replace(",", " ").split()) & ORG_HEADS:
            return x
    return None


def _confidence(worth: float, parsed: bool, quote: Quote | None) -> float:
    score = worth * (1.0 if parsed else 0.85)
    if quote is not None and quote.speaker:
        score = min(1.0, score + 0.03)
    return round(max(0.0, min(1.0, score)), 3)


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
