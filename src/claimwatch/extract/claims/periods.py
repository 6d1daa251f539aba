"""Which period a figure covers, as ordered tables of named rules.

A figure's own period comes first (``OWN_PERIOD``, a chain of revisions): the nearest
time of its sentence, adjusted when the figure is itself a baseline, dropped when an
open window ("over the past five years") or "now" is nearer. A figure with no period of
its own may inherit one (``INHERITED_PERIOD``, first match): none when its sentence
states its own open frame, an event announced just before, the period just stated, or
the lead's. ``INHERITED_VETOES`` drop an inherited period that cannot hold (a present
state in a period that is over).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from ...lexicon.claims import (
    BASELINE_BEFORE,
    BASELINE_FIGURE_BEFORE,
    BASELINE_FIGURE_OF,
    BASELINE_IN_TIME,
    BASELINE_PHRASE_BEFORE,
    BASELINE_TIME_THEN_FIGURE,
    BOUNDARY_DAY_BEFORE,
    CARRY_PERIOD_SENTENCES,
    EVENT_DAY,
    LEAD_PERIOD_SENTENCES,
    LEAD_SENTENCES,
    NO_CARRY_TIME,
    OWN_FRAME_BEFORE,
    PRESENT_AUX_VERB_TAGS,
    PRESENT_MARKER,
    PRESENT_TAGS,
    RECORD_BEFORE_SINCE,
    ROLLING_WINDOW,
    SAID_ON_MAX_DAYS,
    YEARS_BEFORE_ANOTHER,
)
from ...model import Quantity, Span, TimeExpression
from ..rules import KEEP, Adjustments, FirstMatch, Rule
from .context import ClaimInputs, Figure, is_background

# A time that opens a period still running: "since 2021", "since the start of the year".
SINCE_START = re.compile(r"\s*since\b", re.IGNORECASE)

# A season's TimeML value: "2024-WI", "2023-SU".
SEASON_VALUE = re.compile(r"-(?:SP|SU|FA|WI)$")

# A rule's outcome "no period" (distinct from "this rule does not apply").
NO_PERIOD = TimeExpression(start=0, end=0, text="", type="DATE", value=None)


class _PeriodFacts:
    """What the period rules of one figure read, computed once."""

    def __init__(self, f: Figure) -> None:
        self.f = f

    @cached_property
    def baseline_figure(self) -> bool:
        return _is_baseline_quantity(self.f.text, self.f.q)

    @cached_property
    def present_distance(self) -> int | None:
        # "...38,190 cases," he said here today: the day of the statement around a quote is
        # not the present of the figure inside it
        f = self.f
        inside = [x for x in f.inp.quote_index.containing(f.q.start) if f.q.end <= x.end and x.kind != "act"]
        if inside:
            quote = min(inside, key=lambda x: x.end - x.start)
            within = Span(max(f.sentence.start, quote.start), min(f.sentence.end, quote.end), "")
            return _present_marker_distance(f.text, within, f.q)
        return _present_marker_distance(f.text, f.sentence, f.q)


def _facts(f: Figure) -> _PeriodFacts:
    facts = f.notes.get("period")
    if not isinstance(facts, _PeriodFacts):
        facts = f.notes["period"] = _PeriodFacts(f)
    return facts


# ---- the figure's own period ---------------------------------------------------------


def _nearest_time_in_sentence(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    picked = _pick_period(f.text, f.candidates, f.q, f.inp.doc.published, f.clause)
    return picked if picked is not None else KEEP


def _years_before_another(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    # "Three years earlier, sales stood at 40,000 units": counted from another figure's year
    return None if current is not None and YEARS_BEFORE_ANOTHER.match(current.text) else KEEP


def _season_names_no_dates(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    # "last winter", "the summer": a season whose bounds the text does not state
    return None if current is not None and _is_season(current) else KEEP


def _baseline_same_window(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    """A baseline's "last year" after "from February to June this year" is the same
    window a year earlier."""
    if current is None or not _facts(f).baseline_figure:
        return KEEP
    last = f.frame.last_period
    frame = last[1] if last is not None and f.s_idx - last[0] <= 1 else f.frame.lead_period
    earlier = _same_window_earlier(current, frame)
    return earlier if earlier is not current else KEEP


def _open_window_nearer(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    """The figure's nearest frame is one the text leaves open ("over the past five years"
    with no date to count from): a farther date is not its period."""
    unresolved = _nearest_unresolved_frame(f.in_sentence, f.q)
    if current is not None and unresolved is not None and unresolved < _distance(current, f.q):
        return None
    return KEEP


def _now_nearer(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    # "now"/"today" beside the figure: it states the present, not a stated period
    present = _facts(f).present_distance
    if current is not None and present is not None and present < _distance(current, f.q):
        return None
    return KEEP


def _since_until_statement(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    """"doubled since the new board took over in May 2019": the period runs
    from then until the statement (the day it was said, else the report's date)."""
    if current is None or current.period_start is None or current.period_end is not None:
        return KEEP
    if not SINCE_START.match(current.text):
        return KEEP
    doc = f.inp.doc
    until = f.notes.get("said_on") or doc.dateline_date or doc.published
    if until is None or until < current.period_start:
        return KEEP
    return replace(current, period_end=until)


def _since_a_record(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    """"its highest level since 2008": 2008 is when the level was last seen, not the
    start of a period the figure covers."""
    if current is None or not SINCE_START.match(current.text):
        return KEEP
    before = f.text[max(f.sentence.start, current.start - 60) : current.start]
    return None if RECORD_BEFORE_SINCE.search(before) else KEEP


OWN_PERIOD: Adjustments[Figure, TimeExpression] = Adjustments(
    "period_own",
    "period",
    [
        Rule("period_own.nearest_time_in_sentence", "the nearest dated time of the sentence, in the figure's clause first", _nearest_time_in_sentence),
        Rule("period_own.years_before_another", "'two years earlier': counted from another figure's year", _years_before_another),
        Rule("period_own.season_names_no_dates", "a season ('last winter') states no calendar bounds", _season_names_no_dates),
        Rule("period_own.baseline_same_window", "a baseline's 'last year' is the report's window a year earlier", _baseline_same_window),
        Rule("period_own.open_window_nearer", "an open window nearer the figure than any date", _open_window_nearer),
        Rule("period_own.now_nearer", "'now'/'today' nearer the figure: the present, no period", _now_nearer),
        Rule("period_own.since_a_record", "'the highest since 2008': when a level was last seen, no period", _since_a_record),
        Rule("period_own.since_until_statement", "'since August 2021': until the report's date", _since_until_statement),
    ],
    doc="the period the figure's own sentence states",
)


# ---- a period inherited from the report ------------------------------------------------


def _own_open_frame(f: Figure) -> TimeExpression | None:
    # a rolling window, "since X" or years counted back from another figure ("two years
    # earlier") in the sentence is the figure's own frame
    if any(
        t.type == "DURATION" or NO_CARRY_TIME.search(t.text) or _is_open_frame(t) or YEARS_BEFORE_ANOTHER.match(t.text)
        for t in f.in_sentence
    ):
        return NO_PERIOD
    return None


def _coming_event(f: Figure) -> TimeExpression | None:
    """"The fair runs from May 3-9. Some 600 firms will exhibit": an
    event still to come, dated in the sentence before, frames the figures after it."""
    if _facts(f).present_distance is not None:
        return None
    last = f.frame.last_period
    if last is not None and last[0] >= f.s_idx - 1:
        return None
    return _coming_event_before(f.inp, f.s_idx)


def _period_just_stated(f: Figure) -> TimeExpression | None:
    # a figure that names no period continues the one just stated
    last = f.frame.last_period
    return last[1] if last is not None and f.s_idx - last[0] <= CARRY_PERIOD_SENTENCES else None


def _lead_period(f: Figure) -> TimeExpression | None:
    # the period the lead sentence states: what the report is about
    return f.frame.lead_period


INHERITED_PERIOD: FirstMatch[Figure, TimeExpression] = FirstMatch(
    "period_inherited",
    "period",
    [
        Rule("period_inherited.own_open_frame", "a rolling window or 'since X' in the sentence: no other period", _own_open_frame),
        Rule("period_inherited.coming_event", "an event still to come, dated in the sentence before", _coming_event),
        Rule("period_inherited.just_stated", "the period stated in the sentences just before", _period_just_stated),
        Rule("period_inherited.lead_period", "the period the lead states", _lead_period),
    ],
    doc="the period a figure without its own inherits",
)


def _present_state_in_past_period(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    # a present state ("the navy is one of five services") is not in a period that is over
    if current is not None and _states_the_present(f.tokens) and _is_over(current, f.inp.doc.published):
        return None
    return KEEP


def _aim_in_past_period(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    # an aim ("plans to raise output by 50 percent", "a commitment to allocate 2 percent")
    # is not in a period that is over
    if current is not None and _states_an_aim(f.tokens) and _is_over(current, f.inp.doc.published):
        return None
    return KEEP


def _now_only_in_coming_budget(f: Figure, current: TimeExpression | None) -> TimeExpression | None:
    # what holds "now" is in no period but a budget year to come
    published = f.inp.doc.published
    if current is None or _facts(f).present_distance is None:
        return KEEP
    if published and current.period_start and current.period_start > published:
        return KEEP
    return None


INHERITED_VETOES: Adjustments[Figure, TimeExpression] = Adjustments(
    "period_veto",
    "period",
    [
        Rule("period_veto.present_state_in_past_period", "a present state is not in a period that is over", _present_state_in_past_period),
        Rule("period_veto.now_only_in_coming_budget", "what holds now is in no period but one to come", _now_only_in_coming_budget),
        Rule("period_veto.aim_in_past_period", "an aim ('to raise output by 50%') is not in a period that is over", _aim_in_past_period),
    ],
    doc="inherited periods that cannot hold",
)


def period_of(f: Figure) -> TimeExpression | None:
    """The period a figure covers: its sentence's own, else one inherited (see module
    docstring); records the periods later figures may inherit."""
    period = OWN_PERIOD.revise(f, None, f.trace)
    if period is not None:
        _remember(f, period)
        return period
    inherited = INHERITED_PERIOD.decide(f, f.trace)
    if inherited is None or inherited is NO_PERIOD:
        return None
    return INHERITED_VETOES.revise(f, inherited, f.trace)


def _remember(f: Figure, period: TimeExpression) -> None:
    """Keep a figure's own period for the figures after it: the latest period stated
    (not an event's day, not an open frame), the lead's, and the report's."""
    if (
        is_baseline_time(f.text, period)
        or _facts(f).baseline_figure
        or period.period_start == period.period_end
        # "since 2004", "by the end of 2025": open frames belong to their own sentence
        or period.period_start is None
        or period.period_end is None
        or SINCE_START.match(period.text)
    ):
        return
    frame = f.frame
    if not is_background([period], frame.report_period):
        # an aside on an earlier year than the report's ("exports, which totalled
        # $7.4 billion in 2021, have...") does not frame the figures after it
        frame.last_period = (f.s_idx, period)
    if frame.lead_period is None and f.s_idx < LEAD_PERIOD_SENTENCES:
        frame.lead_period = period
    if frame.report_period is None and f.s_idx < LEAD_SENTENCES:
        frame.report_period = period


def is_baseline_time(text: str, t: TimeExpression) -> bool:
    """A time a change is measured against: "compared to last year", "from a year earlier",
    "the same period last year", "over the previous fiscal"."""
    before = text[max(0, t.start - 80) : t.start]
    if t.is_baseline or BASELINE_IN_TIME.search(t.text):
        # "counted 21,310 cases in the same period last year": a figure stated for
        # the earlier period itself, not compared with it
        return not OWN_FRAME_BEFORE.search(before)
    return bool(
        BASELINE_BEFORE.search(before[-40:])
        or BASELINE_FIGURE_BEFORE.search(before)
        or BASELINE_PHRASE_BEFORE.search(before)
    )


def _is_baseline_quantity(text: str, q: Quantity) -> bool:
    """The figure is itself the baseline: "up from Rs715 billion", "as against 38,190 cases",
    "compared to the sales of Rs 902 million"."""
    before = text[max(0, q.start - 60) : q.start]
    return bool(BASELINE_BEFORE.search(before[-40:]) or BASELINE_FIGURE_OF.search(before))


def _distance(t: TimeExpression, q: Quantity) -> int:
    """Characters between a time and a figure; a time after the figure in its sentence is
    likelier its period than one before it, so distances before it count three times."""
    return t.start - q.end if t.start >= q.end else (q.start - t.end) * 3 + 2


def _states_the_present(tokens: list[Any]) -> bool:
    """The figure's verb is in the present ("the navy is one of five services", "the mine is
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


def _states_an_aim(tokens: list[Any]) -> bool:
    """The figure's verb is an infinitive ("to raise output by 50 percent", "to allocate 2
    percent of GDP"): what someone means to do, not what a period saw."""
    if not tokens:
        return False
    verb = next((t for t in [tokens[0], *tokens[0].ancestors] if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _same_window_earlier(period: TimeExpression, frame: TimeExpression | None) -> TimeExpression:
    """ "rose to 108 from 61 last year" after "from February to June this year": the
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
    """A duration or rolling window ("over the last four years", "the past year") the text
    gives no date to count from, or a season (its own frame, without stated bounds)."""
    if _is_season(t):
        return True
    return t.period_start is None and t.period_end is None and (t.type == "DURATION" or bool(ROLLING_WINDOW.search(t.text)))


def _is_season(t: TimeExpression) -> bool:
    return bool(t.value and SEASON_VALUE.search(t.value))


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
        if is_baseline_time(text, t) != baseline_q and not (
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
