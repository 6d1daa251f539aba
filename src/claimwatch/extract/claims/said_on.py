"""When a figure was said, as an ordered table of named rules.

The times that date statements are found first for the whole document
(``said_on_times``: a day near publication hanging on a speech verb or in an attributed
sentence; ``said_on_by_speaker``: the day each speaker spoke). A figure then takes, by
``SAID_ON_RULES``: nothing without a speaker, a statement date of its own sentence, its
speaker's dated statement, or, for the lead's sources, the report's statement date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta
from typing import Any

from ...lexicon.claims import SAID_ON_MAX_DAYS, SPEECH_LEMMAS
from ...model import Span, TimeExpression
from ..nlp import ParsedSentence
from ..rules import FirstMatch, Rule
from .context import ClaimInputs, Figure, tokens_in

# A rule's outcome "no date" (distinct from "this rule does not apply").
NO_DATE = date.min


def _no_speaker(f: Figure) -> date | None:
    # a statement date belongs to a speaker: none without one
    return NO_DATE if f.notes.get("speaker") is None else None


def _dated_in_sentence(f: Figure) -> date | None:
    said = [t for t in f.in_sentence if id(t) in f.frame.said_on_times]
    return said[0].period_start if said else None


def _speakers_statement(f: Figure) -> date | None:
    # a quote later in the article ("..., he added") was said at the same occasion
    return f.frame.said_on_by_speaker.get(f.notes["speaker"])


def _report_date_for_lead_source(f: Figure) -> date | None:
    """A lead source's figures come from the release the report is about, unless a person
    is speaking and the dated statement is another person's, or a body speaks and the
    dated statement is a person's from elsewhere."""
    frame, speaker = f.frame, f.notes["speaker"]
    if speaker not in frame.lead_speakers:
        return None
    if speaker in frame.person_names and set(frame.said_on_by_speaker) & frame.person_names:
        return None
    if (
        speaker not in frame.person_names
        and frame.report_said_on_speaker in frame.person_names
        and not _names_in(speaker, frame.report_said_on_sentence)
    ):
        return None
    return frame.report_said_on


def _dateline_day_for_lead_source(f: Figure) -> date | None:
    """"TOKYO, Nov 8 (Reuters) - X said ...": the day the dateline names dates what the
    lead's sources said for the report."""
    if f.notes["speaker"] not in f.frame.lead_speakers:
        return None
    return f.inp.doc.dateline_date


SAID_ON_RULES: FirstMatch[Figure, date] = FirstMatch(
    "said_on",
    "said_on",
    [
        Rule("said_on.no_speaker", "no speaker, no statement date", _no_speaker),
        Rule("said_on.dated_in_sentence", "a statement date in the figure's sentence ('said on Monday')", _dated_in_sentence),
        Rule("said_on.speakers_statement", "the day the figure's speaker spoke elsewhere in the report", _speakers_statement),
        Rule("said_on.report_date_for_lead_source", "the report's statement date, for the lead's sources", _report_date_for_lead_source),
        Rule("said_on.dateline_day_for_lead_source", "the dateline's day, for the lead's sources", _dateline_day_for_lead_source),
    ],
    doc="the day a figure was said",
)


def said_on_of(f: Figure, speaker: str | None) -> date | None:
    f.notes["speaker"] = speaker
    found = SAID_ON_RULES.decide(f, f.trace)
    return None if found is None or found is NO_DATE else found


def hanging_on_speech(inp: ClaimInputs) -> dict[int, tuple[ParsedSentence, bool]]:
    """For each time expression of a parsed sentence (by id): that sentence, and whether
    the time hangs on a speech verb or on a cue the quotes stage found."""
    result: dict[int, tuple[ParsedSentence, bool]] = {}
    cue_starts = sorted({x.cue_start for x in (*inp.quotes, *inp.acts) if x.cue_start is not None})
    for t in inp.times:
        s_idx = inp.sentence_at(t.start)
        parsed = inp.parsed_for(inp.sentences[s_idx]) if s_idx is not None else None
        if parsed is None:
            continue
        lo, hi = bisect_left(cue_starts, parsed.span.start), bisect_left(cue_starts, parsed.span.end)
        cues_here = {c - parsed.span.start for c in cue_starts[lo:hi]}  # spaCy offsets are per sentence
        toks = tokens_in(parsed, t.start, t.end)
        attached = any(_attached_to_speech(tok, cues_here) for tok in toks) or (bool(toks) and _right_after_cue(toks[0], cues_here))
        result[id(t)] = (parsed, attached)
    return result


def said_on_times(inp: ClaimInputs, hanging: dict[int, tuple[ParsedSentence, bool]]) -> set[int]:
    """ids of time expressions that date a statement: a day near publication attached to
    a speech verb ("noted on Saturday", "said on Monday") or to an attribution."""
    result: set[int] = set()
    by_sentence: dict[int, list[tuple[bool, TimeExpression]]] = {}
    published = inp.doc.published
    for t in inp.times:
        if t.type != "DATE" or t.period_start is None or t.period_start != t.period_end:
            continue
        if id(t) not in hanging:
            continue
        parsed, attached = hanging[id(t)]
        if published is not None and not (
            timedelta(0) <= published - t.period_start <= timedelta(days=SAID_ON_MAX_DAYS)
        ):
            # a date written out on the speech verb ("said on May 3") dates the statement
            # however long before publication; a bare weekday that far off does not
            if not (attached and t.period_start <= published and any(ch.isdigit() for ch in t.text)):
                continue
        # without a publication date, only a date hanging on the speech verb itself is safe;
        # a day inside the reported words ("killed early on Friday, he said") is the event's
        if attached or (
            published is not None
            and _sentence_attributed(inp, parsed)
            and not inside_quote(inp, t)
        ):
            result.add(id(t))
            by_sentence.setdefault(parsed.span.start, []).append((attached, t))
    # a sentence whose speech verb carries its own day: the other days date events
    for dated in by_sentence.values():
        if any(a for a, _ in dated):
            result -= {id(t) for a, t in dated if not a}
    return result


def inside_quote(inp: ClaimInputs, t: TimeExpression) -> bool:
    return any(t.end <= x.end for x in inp.quote_index.containing(t.start))


def sentence_text(inp: ClaimInputs, offset: int) -> str:
    s_idx = inp.sentence_at(offset)
    return inp.sentences[s_idx].text if s_idx is not None else ""


def speaker_in_sentence(inp: ClaimInputs, offset: int) -> str | None:
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


def speech_times(inp: ClaimInputs, hanging: dict[int, tuple[ParsedSentence, bool]]) -> set[int]:
    """ids of time expressions hanging on a speech verb ("told FNA in July 2010"): they
    date a statement, however far from publication, not the period of a figure."""
    return {id(t) for t in inp.times if hanging.get(id(t), (None, False))[1] and not inside_quote(inp, t)}


def said_on_by_speaker(inp: ClaimInputs, said_on_times: set[int]) -> dict[str, date]:
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


def _right_after_cue(first: Any, cue_starts: set[int]) -> bool:
    """"X said on Thursday its profit rose": a time right after a speech verb dates the
    statement, whatever clause the parser hung it on."""
    doc = first.doc
    i = first.i - 1
    if i >= 0 and doc[i].pos_ == "ADP":
        i -= 1
    return i >= 0 and (doc[i].lemma_.lower() in SPEECH_LEMMAS or doc[i].idx in cue_starts) and doc[i].pos_ in ("VERB", "AUX")


def _sentence_attributed(inp: ClaimInputs, parsed: ParsedSentence) -> bool:
    """The sentence itself carries a speech cue with a speaker (an attribution)."""
    return bool(inp.attributions_cued_in(parsed.span.start, parsed.span.end))
