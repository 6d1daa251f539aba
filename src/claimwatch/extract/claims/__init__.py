"""From quantities to claims: evidence clause, subject, speaker, period, said_on.

A quantity the numbers stage judged worth a claim becomes a Claim here. The dependency
parse of its sentence gives the clause that states it (``evidence``); the named rule
tables of ``sources``, ``periods`` and ``said_on`` decide who it is credited to, which
period it covers and when it was said, reading a ``DocumentFrame`` of the report so far.
Every claim records the rules that decided its fields (``Claim.rules``).
"""

from __future__ import annotations

from dataclasses import replace

from ...lexicon.claims import HEADLINE_ATTRIBUTION, WORTHINESS_FLOOR
from ...model import Claim
from ..budget import check_budget
from ..numbers import as_claim
from .confidence import confidence_of
from .context import ClaimInputs, DocumentFrame, Figure, tokens_in
from .evidence import evidence_span, subject_of
from .periods import period_of
from .said_on import (
    hanging_on_speech,
    said_on_by_speaker,
    said_on_of,
    said_on_times,
    sentence_text,
    speaker_in_sentence,
    speech_times,
)
from .sources import (
    credited_headlines,
    is_vague_speaker,
    lead_sentences,
    lead_source,
    lead_speakers,
    source_of,
)

__all__ = ["ClaimInputs", "build_claims", "is_vague_speaker"]


def build_claims(inp: ClaimInputs) -> list[Claim]:
    """Every claim of one document, in text order, restatements linked to their first mention."""
    frame = _document_frame(inp)
    lead = lead_sentences(inp)
    first_body = lead[0].start if lead else len(inp.text)
    claims: list[Claim] = []
    headline_claims: set[int] = set()  # indices of claims in a headline that credits a source
    for q, worth in sorted(zip(inp.quantities, inp.worthiness, strict=True), key=lambda p: p[0].start):
        check_budget("claims")
        if worth < WORTHINESS_FLOOR:
            continue
        q = as_claim(q)  # measures and rates are counts of their unit; a drop is negative
        s_idx = inp.sentence_at(q.start)
        if s_idx is None:
            continue
        sentence = inp.sentences[s_idx]
        parsed = inp.parsed_for(sentence)
        tokens = tokens_in(parsed, q.start, q.end) if parsed else []
        start, end = evidence_span(inp.doc.text, sentence, parsed, tokens, q)
        f = Figure(inp, frame, q, s_idx, parsed, tokens, (start, end))
        quote = source_of(f)
        speaker = quote.speaker if quote else None
        said_on = said_on_of(f, speaker)
        f.notes["said_on"] = said_on
        period = period_of(f)
        if sentence.start < first_body and HEADLINE_ATTRIBUTION.search(sentence.text):
            headline_claims.add(len(claims))
        speaker_rules = tuple(("speaker", r) for r in quote.rules) if quote else ()
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
                subject=subject_of(parsed, tokens, q),
                speaker=speaker,
                speaker_role=quote.speaker_role if quote else None,
                period_start=period.period_start if period else None,
                period_end=period.period_end if period else None,
                period_text=period.text if period else None,
                said_on=said_on,
                confidence=0.0,  # set below, from what decided the fields
                hedge=q.hedge,
                quantity_start=q.start,
                quantity_end=q.end,
                persian_reading=period.persian_reading if period else False,
                is_baseline=period.is_baseline if period else False,
                rules=tuple(("value", r) for r in q.rules) + f.trace.frozen() + speaker_rules,
                worthiness=worth,
            )
        )
        claims[-1] = replace(claims[-1], confidence=confidence_of(claims[-1]))
    return _link_restatements(credited_headlines(claims, headline_claims))


def _document_frame(inp: ClaimInputs) -> DocumentFrame:
    hanging = hanging_on_speech(inp)
    dating = said_on_times(inp, hanging)
    dated = sorted((t for t in inp.times if id(t) in dating), key=lambda t: t.start)
    lead = lead_sentences(inp)
    return DocumentFrame(
        said_on_times=dating,
        speech_times=speech_times(inp, hanging),
        said_on_by_speaker=said_on_by_speaker(inp, dating),
        report_said_on=dated[0].period_start if dated else None,
        report_said_on_sentence=sentence_text(inp, dated[0].start) if dated else "",
        report_said_on_speaker=speaker_in_sentence(inp, dated[0].start) if dated else None,
        lead_speakers=lead_speakers(inp, lead),
        person_names={p.name for p in inp.people},
        lead_source=lead_source(inp, lead),
    )


def _link_restatements(claims: list[Claim]) -> list[Claim]:
    """The same figure restated in one article (lead, then a quote) is two mentions of one claim."""
    first: dict[tuple[str, float, float | None, str], str] = {}
    out: list[Claim] = []
    for c in claims:
        key = (c.kind, c.value, c.value_high, c.unit)
        if key in first:
            c = replace(c, restates=first[key])
        else:
            first[key] = c.id
        out.append(c)
    return out
