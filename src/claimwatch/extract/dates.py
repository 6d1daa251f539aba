"""Time expressions in news text, normalized against the publication date.

``find_times`` runs the rule patterns of ``lexicon/dates.py`` over a whole
document, keeps the longest non-overlapping matches, joins "between X and Y" /
"X to Y" into ranges, and resolves each expression in reading order to a
TimeML-like ``value`` and a Gregorian interval (``period_start``/``period_end``).

Three things need more than the expression itself:

* the publication date (news convention: "on Saturday" is the latest Saturday on
  or before it; "last year" is the year before it). Without it, relative
  expressions stay unresolved: value None, no interval.
* the document's calendar (``TimeContext``): in an Iranian context "last year"
  means the previous Persian year, and fiscal years start on a known day.
* the discourse: "a year earlier", "the quarter", "the previous year" refer to
  the period the text was just talking about, not to the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from ..model import TimeExpression
from .calendars import (
    Period,
    add_months,
    century_period,
    day_period,
    decade_period,
    fiscal_start_year,
    fiscal_year_bounds,
    fiscal_year_containing,
    half_period,
    interval_period,
    month_period,
    persian_month_bounds,
    persian_year_bounds,
    persian_year_of,
    quarter_period,
    season_period,
    shift_period_years,
    week_period,
    weekend_period,
    year_period,
)
from .lexicon import dates as lex

CalendarName = Literal["gregorian", "persian", "fiscal"]


@dataclass(frozen=True)
class TimeContext:
    """What the document says about its calendar.

    ``persian``: an Iranian context, where "last year"/"this year" mean Persian
    years. ``fiscal_start``: (month, day) on which the document's fiscal years start.
    """

    persian: bool = False
    fiscal_start: tuple[int, int] | None = None


# --- pattern compilation ---------------------------------------------------


def _alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first so that prefixes do not win."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"[^\S\n]{1,2}") for w in items)


def _month_alternation() -> str:
    names = []
    for name in sorted(lex.MONTHS, key=len, reverse=True):
        names.append(re.escape(name) + (r"\.?" if name in lex.MONTH_ABBREVIATIONS else ""))
    return "(?-i:" + "|".join(names) + ")"


def _build_slots() -> dict[str, str]:
    spoken_tail = _alternation(lex.SPOKEN_YEAR_TENS)
    spoken_units = _alternation(lex.SPOKEN_YEAR_UNITS)
    slots = {
        "SP": r"[^\S\n]{1,2}",
        "MONTH": _month_alternation(),
        "WD": "(?-i:" + _alternation(lex.WEEKDAYS) + ")",
        "PMONTH": "(?-i:" + _alternation(lex.PERSIAN_MONTHS) + ")",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"(?:1[89]\d\d|20\d\d)",
        "PYEAR": r"(?:1[34]\d\d)",
        "COUNT": r"(?:\d{1,3}|" + _alternation(lex.COUNT_WORDS) + ")",
        "UNIT": _alternation(lex.UNITS),
        "UNITS_PL": _alternation([u for u in lex.UNITS if u.endswith("s")]),
        "SEASON": _alternation(lex.SEASONS),
        "HEDGE": lex.HEDGE,
        "REF": _alternation(lex.REF_WORDS),
        "DAYWORD": _alternation(lex.DAY_WORDS),
        "EARLIER": _alternation(lex.YEAR_EARLIER_PHRASES),
        "DECADEW": r"(?:the{SP})?(?:" + _alternation(lex.DECADE_WORDS) + ")",
        "SPOKEN": r"(?:" + _alternation(lex.SPOKEN_CENTURIES) + r")[- ](?:" + spoken_tail + r")(?:[- ](?:"
        + spoken_units + "))?",
    }
    # Composite slots are themselves templates over the basic ones.
    slots["YEARISH"] = lex.YEARISH
    slots["ENDED"] = lex.ENDED_TAIL
    return slots


def _expand(template: str, slots: dict[str, str]) -> str:
    for _ in range(4):  # composite slots hold further slots
        template = re.sub(r"\{([A-Z_]+)\}", lambda m: slots[m.group(1)], template)
    return template.replace("{{", "{").replace("}}", "}")


def _compile_rules() -> list[tuple[str, re.Pattern[str]]]:
    slots = _build_slots()
    return [(name, re.compile(_expand(template, slots), re.IGNORECASE)) for name, template in lex.RULE_PATTERNS]


def _compile_plain(template: str) -> re.Pattern[str]:
    return re.compile(_expand(template, _build_slots()), re.IGNORECASE)


_RULES = _compile_rules()
_RULE_ORDER = {name: i for i, (name, _) in enumerate(_RULES)}
_RANGE_CONNECTOR = _compile_plain(lex.RANGE_CONNECTOR)
_RANGE_OPENER = _compile_plain(lex.RANGE_OPENER)
_TRIGGER_TOKEN = re.compile(lex.TRIGGER_TOKEN)
_ALL_CLASSES = frozenset(c for classes in lex.RULE_TRIGGERS.values() for c in classes)
_OPEN_END_BEFORE = _compile_plain(lex.OPEN_END_BEFORE)
_OPEN_START_BEFORE = _compile_plain(lex.OPEN_START_BEFORE)
_WORD = re.compile(r"[A-Za-z%]+|\S")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n")
_FUTURE_CUE = re.compile(r"\b(?:" + _alternation(lex.FUTURE_CUES) + r")\b", re.IGNORECASE)
_TO_DATE_CUE = re.compile(r"\b(?:" + _alternation(lex.TO_DATE_CUES) + r")\b", re.IGNORECASE)
_BASELINE_CUE = re.compile(r"(?:^|\b)(?P<cue>" + _alternation(lex.BASELINE_CUES) + r")[^\S\n]{1,2}"
                           r"(?:(?:the|that|those)[^\S\n]{1,2}(?:of[^\S\n]{1,2})?)?$", re.IGNORECASE)


# --- context detection -------------------------------------------------------

_IRAN_WEAK = re.compile(r"\b(?:" + _alternation(lex.IRAN_CUES) + r")\b")
_IRAN_STRONG = re.compile(r"\b(?:" + _alternation(lex.IRAN_STRONG_CUES) + r")\b")
_INDIA = re.compile(r"(?:\b(?:" + _alternation(lex.INDIA_CUES) + r")\b|₹)")
_PAKISTAN = re.compile(r"\b(?:" + _alternation(lex.PAKISTAN_CUES) + r")\b")
_FISCAL_ENDING = _compile_plain(
    r"\b" + lex.FISCAL_WORDS + r"[^\S\n]{1,2}(?:ending|ended|that ended|which ended|ends|to)[^\S\n]{1,2}"
    r"(?:on[^\S\n]{1,2})?(?P<mon>{MONTH})[^\S\n]{1,2}(?P<d>{DAY})\b"
)
_FISCAL_STARTING = _compile_plain(
    r"\b" + lex.FISCAL_WORDS + r"[^\S\n]{1,2}(?:\([^\S\n]?)?(?:starting|started|beginning|begins|began|"
    r"which began|which begins|that began|that begins|from)[^\S\n]{1,2}(?:on[^\S\n]{1,2})?(?P<mon>{MONTH})"
    r"[^\S\n]{1,2}(?P<d>{DAY})\b"
)
_FISCAL_PAIR = _compile_plain(r"\b" + lex.FISCAL_WORDS + r"[^\S\n]{1,2}{YEAR}\s?[-–/]\s?\d{2}\b")


def detect_time_context(text: str) -> TimeContext:
    """Guess the document's calendar from cue words (see ``lexicon/dates.py``).

    Iranian context: one strong cue (IRNA, "Persian calendar", a Persian month) or
    several mentions of Iran/Tehran. Fiscal start: stated ("fiscal year ending
    June 30" -> July 1), or implied by "financial year 2023-24" with Indian
    (April 1) or Pakistani (July 1) cues.
    """
    strong = _IRAN_STRONG.search(text) is not None
    persian = strong or len(_IRAN_WEAK.findall(text)) >= lex.IRAN_CUE_THRESHOLD
    fiscal_start: tuple[int, int] | None = None
    ending = _FISCAL_ENDING.search(text)
    if ending:
        end_day = date(2001, _month_number(ending.group("mon")), _day_number(ending.group("d")))
        next_day = end_day + timedelta(days=1)
        fiscal_start = (next_day.month, next_day.day)
    else:
        starting = _FISCAL_STARTING.search(text)
        if starting:
            fiscal_start = (_month_number(starting.group("mon")), _day_number(starting.group("d")))
        elif _FISCAL_PAIR.search(text):
            india, pakistan = len(_INDIA.findall(text)), len(_PAKISTAN.findall(text))
            if pakistan > india:
                fiscal_start = lex.COUNTRY_FISCAL_START["pakistan"]
            elif india:
                fiscal_start = lex.COUNTRY_FISCAL_START["india"]
    if persian and fiscal_start is not None and fiscal_start[0] == 3 and fiscal_start[1] >= 20:
        fiscal_start = None  # Iranian fiscal years are Persian years; handled by the persian flag
    return TimeContext(persian=persian, fiscal_start=fiscal_start)


def _month_number(word: str) -> int:
    return lex.MONTHS[word.rstrip(".").strip().capitalize() if word[:1].isupper() else word.rstrip(".")]


def _day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]


# --- candidates --------------------------------------------------------------


@dataclass
class _Cand:
    start: int
    end: int
    rule: str
    match: re.Match[str]


@dataclass
class _Res:
    """A resolved expression before it becomes a TimeExpression."""

    type: Literal["DATE", "DURATION", "TIME", "SET"]
    value: str | None
    period: Period | None = None
    calendar: CalendarName = "gregorian"
    persian_reading: bool = False
    year_explicit: bool = False  # the text names the year: usable as an anchor
    anchor: bool = True  # may be the referent of "a year earlier" / "the quarter"
    shift: int | None = None  # relative offset (0 = current period) when relative


def _build_trigger_table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    cased: dict[str, tuple[str, ...]] = {}
    for name in lex.MONTHS:
        cased[name] = ("month",)
    for name in lex.WEEKDAYS:
        cased[name] = ("weekday",)
    for name in lex.PERSIAN_MONTHS:
        cased[name] = ("pmonth",)
    lower: dict[str, tuple[str, ...]] = {}
    for cls, words in lex.TRIGGER_WORDS.items():
        for word in words:
            lower[word] = (*lower.get(word, ()), cls)
    return cased, lower


_CASED_TRIGGERS, _LOWER_TRIGGERS = _build_trigger_table()
_QH_TOKEN = re.compile(r"[QH][1-4]\d*|FY\d*")


def _trigger_classes(token: str) -> tuple[str, ...]:
    """The trigger classes of one word token."""
    classes = _CASED_TRIGGERS.get(token)
    if classes is not None:
        return classes
    first = token[0]
    if first.isdigit() or first in "'’":
        if token[-1] == "s":
            return ("decade",) if token.strip("'’s").endswith("0") else ()
        if len(token) == 4 and "1300" <= token <= "2099":
            return ("year4",)
        return ()
    if first in "QHF" and _QH_TOKEN.fullmatch(token):
        return ("qh",)
    return _LOWER_TRIGGERS.get(token.lower(), ())


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per trigger class, the merged spans of text around its triggers."""
    out: dict[str, list[tuple[int, int]]] = {cls: [] for cls in _ALL_CLASSES}
    for m in _TRIGGER_TOKEN.finditer(text):
        classes = _trigger_classes(m.group(0))
        if not classes:
            continue
        start = max(0, m.start() - lex.TRIGGER_WINDOW_BEFORE)
        end = min(len(text), m.end() + lex.TRIGGER_WINDOW_AFTER)
        for cls in classes:
            spans = out[cls]
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _detect(text: str) -> list[_Cand]:
    found: list[_Cand] = []
    seen: set[tuple[int, int, str]] = set()
    windows = _windows(text)
    for name, pattern in _RULES:
        classes = lex.RULE_TRIGGERS[name]
        spans = windows[classes[0]] if len(classes) == 1 else _merge([s for c in classes for s in windows[c]])
        for w_start, w_end in spans:
            for m in pattern.finditer(text, w_start, w_end):
                key = (m.start(), m.end(), name)
                if m.end() > m.start() and key not in seen:
                    seen.add(key)
                    found.append(_Cand(m.start(), m.end(), name, m))
    # Longest first; on equal length the earlier rule; then keep non-overlapping.
    found.sort(key=lambda c: (-(c.end - c.start), _RULE_ORDER[c.rule], c.start))
    taken: list[_Cand] = []
    occupied: list[tuple[int, int]] = []
    for cand in found:
        if any(cand.start < e and s < cand.end for s, e in occupied):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    taken.sort(key=lambda c: c.start)
    return taken


def _sentence_bounds(text: str, pos: int, breaks: list[int]) -> tuple[int, int]:
    import bisect

    i = bisect.bisect_right(breaks, pos)
    start = breaks[i - 1] if i > 0 else 0
    end = breaks[i] if i < len(breaks) else len(text)
    return start, end


# --- the resolver --------------------------------------------------------------


class _Resolver:
    """Resolves candidates in reading order, remembering the period under discussion."""

    def __init__(self, text: str, published: date | None, context: TimeContext) -> None:
        self.text = text
        self.pub = published
        self.ctx = context
        self.anchor: _Res | None = None  # last absolute period the text discussed
        self.breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text)]

    # ----- helpers
    def sentence(self, pos: int) -> str:
        s, e = _sentence_bounds(self.text, pos, self.breaks)
        return self.text[s:e]

    def previous_word(self, pos: int) -> str:
        words = _WORD.findall(self.text[max(0, pos - 30) : pos])
        return words[-1].lower() if words else ""

    def next_word(self, pos: int) -> str:
        m = _WORD.search(self.text, pos, min(len(self.text), pos + 30))
        return m.group(0) if m else ""

    def future_statement(self, pos: int) -> bool:
        return _FUTURE_CUE.search(self.sentence(pos)) is not None

    def open_if_ongoing(self, res: _Res, pos: int) -> _Res:
        """A current period still running at publication is read "to date" unless the
        sentence looks ahead (forecast, target, budget)."""
        if self.pub is None or res.period is None or res.type != "DATE":
            return res
        p = res.period
        if p.start is not None and p.end is not None and p.start <= self.pub < p.end:
            sentence = self.sentence(pos)
            if _TO_DATE_CUE.search(sentence) or not _FUTURE_CUE.search(sentence):
                return replace(res, period=Period(p.start, None, p.value))
        return res

    def year_calendar(self, shift: int) -> _Res | None:
        """The year ``shift`` years from the publication year, in the document's calendar."""
        if self.pub is None:
            return None
        if self.ctx.persian:
            py = persian_year_of(self.pub) + shift
            return self.persian_year(py, reading=True)
        year = self.pub.year + shift
        return _Res("DATE", str(year), year_period(year), shift=shift)

    def persian_year(self, py: int, reading: bool = False) -> _Res:
        start, end = persian_year_bounds(py)
        return _Res(
            "DATE", f"{start.isoformat()}/{end.isoformat()}", Period(start, end, f"{start}/{end}"),
            calendar="persian", persian_reading=reading, year_explicit=not reading,
        )

    def fiscal_year(self, label: int | None, start_year: int | None = None) -> _Res:
        """A fiscal year by label (named after its end year) or by its start year."""
        if self.ctx.persian:
            year = start_year if start_year is not None else label
            assert year is not None
            return replace(self.persian_year(persian_year_of(date(year, 6, 1))), calendar="fiscal")
        fs = self.ctx.fiscal_start
        value_year = label if label is not None else (start_year + 1 if start_year is not None else None)
        if fs is None:
            if label is None and start_year is not None:
                return _Res("DATE", f"{start_year}/{start_year + 1}", None, calendar="fiscal", year_explicit=True)
            return _Res("DATE", str(value_year), None, calendar="fiscal", year_explicit=True)
        if start_year is None:
            assert label is not None
            start_year = fiscal_start_year(label, *fs)
        start, end = fiscal_year_bounds(start_year, *fs)
        return _Res("DATE", f"{start}/{end}", Period(start, end, f"{start}/{end}"), calendar="fiscal",
                    year_explicit=True)

    def fiscal_relative(self, shift: int) -> _Res | None:
        if self.pub is None:
            return None
        if self.ctx.persian:
            return replace(self.persian_year(persian_year_of(self.pub) + shift, reading=True), calendar="fiscal")
        fs = self.ctx.fiscal_start
        if fs is None:
            year = self.pub.year + shift
            return _Res("DATE", str(year), None, calendar="fiscal", shift=shift)
        start, _ = fiscal_year_containing(self.pub, *fs)
        s, e = fiscal_year_bounds(start.year + shift, *fs)
        return _Res("DATE", f"{s}/{e}", Period(s, e, f"{s}/{e}"), calendar="fiscal", shift=shift)

    def guess_year_for_month(self, month: int, pos: int, shift: str | None) -> int | None:
        """The year of a month named without one."""
        if self.pub is None:
            hint = self.sentence_year(pos)
            return hint
        if shift in ("last", "this past"):
            return self.pub.year if month < self.pub.month else self.pub.year - 1
        if shift in ("next", "this coming"):
            return self.pub.year if month > self.pub.month else self.pub.year + 1
        if shift == "this":
            return self.pub.year
        return self.nearest_year(month, 28 if month == 2 else 30) if month != self.pub.month else self.pub.year

    def sentence_year(self, pos: int) -> int | None:
        """An explicit year named in the same sentence (used only without a publication date)."""
        s, e = _sentence_bounds(self.text, pos, self.breaks)
        years = [int(m.group(0)) for m in re.finditer(r"(?<![\d,.$])\b(?:1[89]\d\d|20\d\d)\b(?![,.]\d)", self.text[s:e])]
        return years[0] if len(set(years)) == 1 else None

    def quarter_year(self, q: int, pos: int) -> int | None:
        """The year of a quarter named without one ("the third quarter")."""
        if self.pub is None:
            if self.anchor is not None and self.anchor.period is not None and self.anchor.year_explicit:
                if self.anchor.period.start is not None and self.anchor.calendar == "gregorian":
                    return self.anchor.period.start.year
            return self.sentence_year(pos)
        pub_q = (self.pub.month - 1) // 3 + 1
        if pub_q == 1 and q == 4:
            return self.pub.year - 1  # "the fourth quarter" in January is last year's
        return self.pub.year

    def yearish(self, m: re.Match[str], pos: int) -> tuple[int | None, bool, str | None]:
        """Read the {YEARISH} groups: (year, explicit?, calendar-hint)."""
        gd = m.groupdict()
        if gd.get("y"):
            return int(gd["y"]), True, None
        rel = (gd.get("yrel") or "").lower()
        if not rel:
            return None, False, None
        fis = (gd.get("yfis") or "").lower() or None
        rel_word = re.sub(r"^the[^\S\n]+", "", rel)
        shift = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "the": 0}.get(rel_word, 0)
        if rel_word == "the" and self.anchor is not None and self.anchor.period is not None:
            start = self.anchor.period.start
            return (start.year if start else None), False, fis
        if self.pub is None:
            return None, False, fis
        return self.pub.year + shift, False, fis

    # ----- dispatch
    def resolve(self, cand: _Cand, year_hint: int | None = None) -> _Res | None:
        handler = getattr(self, "_r_" + cand.rule)
        res: _Res | None = handler(cand.match, cand.start, year_hint)
        return res


    # ----- rule resolvers: one per rule name in lexicon.RULE_PATTERNS -----------
    # Each takes the match, its start offset and an optional year hint (from the
    # other end of a range) and returns a resolution or None (not a time expression).

    def _r_iso_date(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        try:
            d = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        return _Res("DATE", d.isoformat(), day_period(d), year_explicit=True)

    def _day_of_month(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        month = _month_number(m["mon"])
        day = _day_number(m["d"])
        explicit = bool(m["y"])
        if m["y"]:
            year: int | None = int(m["y"])
        elif m["yrel"] and self.pub is not None:
            year = self.pub.year + lex.SHIFT_WORDS.get(m["yrel"].lower(), 0)
        elif hint is not None:
            year, explicit = hint, True
        elif self.pub is not None:
            year = self.nearest_year(month, day)
        else:
            year = self.sentence_year(pos)
        if year is None:
            return _Res("DATE", None, None, anchor=False)
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return _Res("DATE", d.isoformat(), day_period(d), year_explicit=explicit, anchor=explicit)

    def nearest_year(self, month: int, day: int) -> int:
        """The year of a month/day named without one: news reports the recent past,
        so the latest occurrence on or before publication, unless the date falls
        within the next ``FORWARD_DAYS`` (announcements of coming events)."""
        assert self.pub is not None
        for year in (self.pub.year, self.pub.year - 1):
            try:
                candidate = date(year, month, min(day, 28) if month == 2 else day)
            except ValueError:
                continue
            if candidate <= self.pub:
                ahead_year = year + 1
                try:
                    ahead = date(ahead_year, month, min(day, 28) if month == 2 else day)
                except ValueError:
                    return year
                return ahead_year if (ahead - self.pub).days <= lex.FORWARD_DAYS else year
        return self.pub.year

    _r_mdy = _day_of_month
    _r_dmy = _day_of_month

    def _r_range_day(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        month = _month_number(m["mon"])
        year = int(m["y"]) if m["y"] else hint if hint is not None else (
            self.nearest_year(month, 1) if self.pub else self.sentence_year(pos))
        if year is None:
            return _Res("DATE", None, None, anchor=False)
        try:
            start, end = date(year, month, _day_number(m["d1"])), date(year, month, _day_number(m["d2"]))
        except ValueError:
            return None
        if end < start:
            return None
        return _Res("DATE", interval_period(start, end).value, interval_period(start, end), year_explicit=bool(m["y"]))

    def _r_month_year(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        p = month_period(int(m["y"]), _month_number(m["mon"]))
        return _Res("DATE", p.value, p, year_explicit=True)

    def _r_month_rel(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        year = self.pub.year + lex.SHIFT_WORDS.get(m["yrel"].lower(), 0)
        p = month_period(year, _month_number(m["mon"]))
        return _Res("DATE", p.value, p)

    def _r_month_alone(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        word = m["mon"]
        shift = (m["shift"] or "").lower()
        shift = re.sub(r"\s+", " ", shift)
        if len(word.rstrip(".")) <= 3 and not word.endswith(".") and word != "May":
            return None  # "Mar", "Jan" without a full stop alone are too often names
        if word == "May" and not shift and self.previous_word(m.start("mon")) not in lex.MAY_PRECEDERS:
            return None
        if not shift and self.previous_word(m.start("mon")) in ("the", "a"):
            return None  # "the March (rally)" reads as a name more often than a date
        month = _month_number(word)
        year_shift = shift if shift in ("last", "next", "this", "this past", "this coming") else None
        if hint is not None:
            year: int | None = hint
        else:
            year = self.guess_year_for_month(month, pos, year_shift)
        if year is None:
            return _Res("DATE", None, None, anchor=False)
        p = month_period(year, month)
        if self.pub is not None and hint is None and year_shift is None:
            return self.open_if_ongoing(_Res("DATE", p.value, p, shift=0), pos) if (
                p.start is not None and p.start <= self.pub <= (p.end or self.pub)) else _Res("DATE", p.value, p)
        return _Res("DATE", p.value, p, year_explicit=hint is not None)

    def _r_month_range(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        m1, m2 = _month_number(m["m1"]), _month_number(m["m2"])
        if m["y"] and m["y2"]:
            # "July-December (2023-24)": months of a split (fiscal) year
            y1 = int(m["y"])
            start_year = y1 if m1 >= (self.ctx.fiscal_start or (m1, 1))[0] else y1 + 1
        elif m["y"]:
            start_year = int(m["y"])
        elif hint is not None:
            start_year = hint
        elif self.pub is not None:
            start_year = self.pub.year if m1 <= self.pub.month else self.pub.year - 1
        else:
            start_year_opt = self.sentence_year(pos)
            if start_year_opt is None:
                return _Res("DATE", None, None, anchor=False)
            start_year = start_year_opt
        end_year = start_year if m2 >= m1 else start_year + 1
        start = month_period(start_year, m1).start
        end = month_period(end_year, m2).end
        p = interval_period(start, end)
        return _Res("DATE", p.value, p, year_explicit=bool(m["y"]))

    def _r_persian_rel(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        if self.pub is None:
            return _Res("DATE", None, None, calendar="persian", anchor=False)
        shift = lex.SHIFT_WORDS.get(m["shift"].lower(), 0)
        res = replace(self.persian_year(persian_year_of(self.pub) + shift), year_explicit=False, shift=shift)
        return self.open_if_ongoing(res, pos) if shift == 0 else res

    def _r_persian_year(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        return self.persian_year(int(m["py"]))

    def _r_persian_bare(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        if not self.ctx.persian:
            return None
        before = self.previous_word(m.start())
        after = self.next_word(m.end("py"))
        if before not in lex.PERSIAN_YEAR_PRECEDERS and not m.group(0)[len(m["py"]):].strip():
            if before not in ("(", ","):
                return None
        if after and after[0].islower() and after.lower() not in lex.PERSIAN_YEAR_FOLLOWERS:
            return None
        return self.persian_year(int(m["py"]))

    def _r_persian_month(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        start, end = persian_month_bounds(int(m["py"]), lex.PERSIAN_MONTHS[m["pm"]])
        p = interval_period(start, end)
        return _Res("DATE", p.value, p, calendar="persian", year_explicit=True)

    def _r_persian_day(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        month = lex.PERSIAN_MONTHS[m["pm"]]
        if m["py"]:
            py = int(m["py"])
        elif self.pub is not None:
            py = persian_year_of(self.pub)
        else:
            return _Res("DATE", None, None, calendar="persian", anchor=False)
        start, _ = persian_month_bounds(py, month)
        d = start + timedelta(days=_day_number(m["d"]) - 1)
        return _Res("DATE", d.isoformat(), day_period(d), calendar="persian", year_explicit=bool(m["py"]))

    def _r_fiscal_ending(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        month, day = _month_number(m["mon"]), _day_number(m["d"])
        if not m["y"]:
            return None  # only states the calendar; detect_time_context reads it
        end = date(int(m["y"]), month, day)
        start = add_months(end, -12) + timedelta(days=1)
        p = interval_period(start, end)
        return _Res("DATE", p.value, p, calendar="fiscal", year_explicit=True)

    def _r_fiscal(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        text = m.group(0).lower()
        if m["y"]:
            y = int(m["y"])
            if m["y2"]:
                return self.fiscal_year(None, start_year=y)
            return self.fiscal_year(y)
        if "year" not in text and not m["shift"]:
            return None  # "fiscal" alone is an adjective ("fiscal policy")
        if "year" not in text and self.next_word(m.end()).lower() not in ("", ",", ".", ";", ")", "and"):
            return None  # "the previous fiscal deficit"
        shift_word = (m["shift"] or "").lower()
        if not shift_word:
            if self.anchor is not None and self.anchor.calendar in ("fiscal", "persian"):
                return replace(self.anchor, year_explicit=False)
            return None
        shift = lex.SHIFT_WORDS.get(shift_word, -1 if shift_word == "latest" else 0)
        if shift_word in ("previous", "prior", "following") and self.anchor is not None \
                and self.anchor.calendar in ("fiscal", "persian") and self.anchor.period is not None:
            return self.shifted_anchor(shift)
        res = self.fiscal_relative(shift)
        if res is None:
            return _Res("DATE", None, None, calendar="fiscal", anchor=False)
        return self.open_if_ongoing(res, pos) if shift == 0 else res

    def _r_fy(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        y = _expand_year(m["y"])
        if m["y2"]:
            return self.fiscal_year(None, start_year=y)
        return self.fiscal_year(y)

    def quarter(self, q: int, year: int | None, explicit: bool, fiscal: bool = False) -> _Res:
        if year is None:
            return _Res("DATE", None, None, anchor=False)
        fs = self.ctx.fiscal_start
        if fiscal and fs is not None and fs != (1, 1):
            fy_start, _ = fiscal_year_bounds(fiscal_start_year(year, *fs), *fs)
            start = add_months(fy_start, 3 * (q - 1))
            end = add_months(start, 3) - timedelta(days=1)
            return _Res("DATE", f"{year:04d}-Q{q}", Period(start, end, f"{year:04d}-Q{q}"), calendar="fiscal",
                        year_explicit=explicit)
        p = quarter_period(year, q)
        return _Res("DATE", p.value, p, year_explicit=explicit)

    def _r_quarter_q(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        q = int(m["q"])
        if m["y"]:
            return self.quarter(q, _expand_year(m["y"]), True, fiscal="FY" in m.group(0))
        return self.quarter(q, hint if hint is not None else self.quarter_year(q, pos), hint is not None)

    def _r_quarter_yq(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        return self.quarter(int(m["q"]), int(m["y"]), True)

    def _r_quarter_ord(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        q = lex.ORDINALS[m["ord"].lower()]
        det = (m["det"] or "").lower()
        fiscal = bool(m["fis"]) or bool(m["yfis"] and m["yfis"].lower() in ("fiscal", "financial"))
        if m["y0"]:
            return self.quarter(q, int(m["y0"]), True, fiscal)
        year, explicit, _ = self.yearish(m, pos)
        if year is not None:
            return self.quarter(q, year, explicit, fiscal)
        if det.startswith(("next", "last", "this")) and "year" in det and self.pub is not None:
            shift = lex.SHIFT_WORDS[det.split()[0]]
            return self.quarter(q, self.pub.year + shift, False, fiscal)
        if hint is not None:
            return self.quarter(q, hint, True, fiscal)
        return self.quarter(q, self.quarter_year(q, pos), False, fiscal)

    def _r_quarter_rel(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        det = (m["det"] or "").lower()
        shift = re.sub(r"\s+", " ", (m["shift"] or "").lower())
        if m["y0"]:
            # "the 1988 quarter": the quarter under discussion, in that year
            if self.anchor is not None and self.anchor.period is not None and re.search(r"-Q\d", self.anchor.value or ""):
                q = int((self.anchor.value or "")[-1])
                return self.quarter(q, int(m["y0"]), True)
            return None
        if det in ("last", "next") and not shift:
            shift = det
        anchor_q = self.anchor if (self.anchor is not None and re.search(r"-Q\d$", self.anchor.value or "")) else None
        if shift in ("", "latest", "recent", "most recent", "same", "fiscal") or (shift == "" and det in ("this", "that")):
            if anchor_q is not None:
                return replace(anchor_q, year_explicit=False)
            if self.pub is None:
                return _Res("DATE", None, None, anchor=False)
            if shift in ("latest", "recent", "most recent"):
                return self.quarter_containing(add_months(self.pub, -3))
            return self.quarter_containing(self.pub) if det == "this" else (
                self.quarter_containing(add_months(self.pub, -3)))
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        step = {"last": -1, "past": -1, "previous": -1, "current": 0, "next": 1, "coming": 1}.get(shift, 0)
        return self.quarter_containing(add_months(self.pub, 3 * step))

    def quarter_containing(self, d: date) -> _Res:
        return self.quarter((d.month - 1) // 3 + 1, d.year, False)

    def _r_half(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        half = 1 if m["ord"].lower() == "first" else 2
        year, explicit, fis = self.yearish(m, pos)
        if year is None and hint is not None:
            year, explicit = hint, True
        if year is None:
            if self.anchor is not None and self.anchor.period is not None and self.anchor.period.start:
                year = self.anchor.period.start.year
            elif self.pub is not None and not m["yrel"]:
                year = self.pub.year
        if year is None:
            return _Res("DATE", None, None, anchor=False)
        if fis in ("fiscal", "financial"):
            fy = self.fiscal_relative(0) if (m["yrel"] or "").lower().endswith("current") else self.fiscal_relative(
                year - (self.pub.year if self.pub else year))
            if fy is not None and fy.period is not None and fy.period.start is not None:
                start = fy.period.start if half == 1 else add_months(fy.period.start, 6)
                end = add_months(start, 6) - timedelta(days=1)
                p = interval_period(start, end)
                return _Res("DATE", p.value, p, calendar="fiscal")
        p = half_period(year, half)
        return _Res("DATE", p.value, p, year_explicit=explicit)

    def _r_half_h(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        half = int(m["h"])
        if m["y"]:
            year: int | None = _expand_year(m["y"])
        else:
            year = hint if hint is not None else (self.pub.year if self.pub else self.sentence_year(pos))
        if year is None:
            return _Res("DATE", None, None, anchor=False)
        p = half_period(year, half)
        return _Res("DATE", p.value, p, year_explicit=bool(m["y"]))

    def _r_months_of(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        n = _count(m["n"]) if m["n"] else 1
        if n is None or not 1 <= n <= 12:
            return None
        year, explicit, _ = self.yearish(m, pos)
        if year is None:
            return _Res("DATE", None, None, anchor=False)
        year_start = date(year, 1, 1)
        if (m["yfis"] or "").lower() in ("fiscal", "financial"):
            fy = self.fiscal_relative(year - self.pub.year) if self.pub else None
            if fy is not None and fy.period is not None and fy.period.start is not None:
                year_start = fy.period.start
        if m["which"].lower() == "first":
            start, end = year_start, add_months(year_start, n) - timedelta(days=1)
        else:
            end = add_months(year_start, 12) - timedelta(days=1)
            start = add_months(year_start, 12 - n)
        if n == 6:
            p = half_period(year, 1 if m["which"].lower() == "first" else 2) if year_start.month == 1 else interval_period(start, end)
        else:
            p = interval_period(start, end)
        return _Res("DATE", p.value, p, year_explicit=explicit)

    def _r_to_date(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        unit = (m["unit"] or m["unit2"] or "year").lower()
        if unit == "month":
            start = date(self.pub.year, self.pub.month, 1)
            value = f"{self.pub.year:04d}-{self.pub.month:02d}"
        elif self.ctx.persian:
            start = persian_year_bounds(persian_year_of(self.pub))[0]
            value = interval_period(start, self.pub).value
        else:
            start = date(self.pub.year, 1, 1)
            value = str(self.pub.year)
        # open end: the figures run up to publication, not to the end of the year
        return _Res("DATE", value, Period(start, None, value), calendar="persian" if self.ctx.persian and unit == "year" else "gregorian")

    def shifted_anchor(self, years: int) -> _Res | None:
        """The period under discussion moved by ``years``; it does not become the new
        anchor (a second "a year earlier" still means a year before the same period)."""
        assert self.anchor is not None and self.anchor.period is not None
        p = shift_period_years(self.anchor.period, years)
        if self.anchor.calendar == "persian" and self.anchor.period.start is not None:
            py = persian_year_of(self.anchor.period.start) + years
            return replace(self.persian_year(py), year_explicit=False, persian_reading=self.anchor.persian_reading,
                           anchor=False)
        return _Res("DATE", p.value, p, calendar=self.anchor.calendar, year_explicit=False, anchor=False)

    def _r_earlier(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        phrase = re.sub(r"\s+", " ", m.group(0).lower())
        whole_year = phrase.endswith(("year", "fiscal", "fiscal year", "financial year")) and "period" not in phrase
        a = self.anchor
        if a is not None and a.period is not None and a.period.start is not None:
            if whole_year:
                if a.calendar in ("fiscal", "persian"):
                    return self.shifted_anchor(-1)
                p = year_period(a.period.start.year - 1)
                return _Res("DATE", p.value, p, year_explicit=False)
            return self.shifted_anchor(-1)
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        if "fiscal" in phrase or "financial" in phrase:
            return self.fiscal_relative(-1)
        return self.year_calendar(-1)

    def _r_ago(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        unit = lex.UNITS[m["unit"].lower()]
        n = _count(m["n"])
        direction = -1 if m["dir"].lower() in ("ago", "earlier", "before") else 1
        if n is None:
            return _Res("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None, anchor=False)
        if m["dir"].lower() in ("earlier", "before", "later") and self.anchor is not None and \
                self.anchor.period is not None and self.anchor.period.start is not None and unit in ("Y", "DE"):
            return self.shifted_anchor(direction * n * (10 if unit == "DE" else 1))
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        if unit == "D":
            return _Res("DATE", *_pair(day_period(self.pub + timedelta(days=direction * n))))
        if unit == "W":
            return _Res("DATE", *_pair(week_period(self.pub + timedelta(weeks=direction * n))))
        if unit == "M":
            d = add_months(self.pub, direction * n)
            return _Res("DATE", *_pair(month_period(d.year, d.month)))
        if unit == "Q":
            return self.quarter_containing(add_months(self.pub, 3 * direction * n))
        years = n * (10 if unit == "DE" else 1)
        return _Res("DATE", *_pair(year_period(self.pub.year + direction * years)))

    def _duration(self, m: re.Match[str], n: int | None, unit: str) -> _Res:
        shift = m["shift"].lower()
        letter = "Y" if unit == "DE" else ("M" if unit == "Q" else unit)
        amount = None if n is None else n * (10 if unit == "DE" else 3 if unit == "Q" else 1)
        value = f"P{amount if amount is not None else 'X'}{letter}"
        if amount is None or self.pub is None:
            return _Res("DURATION", value, None, anchor=False)
        forward = shift in ("next", "coming", "first")
        if shift == "first":
            return _Res("DURATION", value, None, anchor=False)
        step = {"D": ("days", amount), "W": ("weeks", amount)}.get(letter)
        if step is not None:
            delta = timedelta(**{step[0]: step[1]})
            start, end = (self.pub, self.pub + delta) if forward else (self.pub - delta + timedelta(days=1), self.pub)
        else:
            months = amount * (12 if letter == "Y" else 1)
            if forward:
                start, end = self.pub, add_months(self.pub, months) - timedelta(days=1)
            else:
                start, end = add_months(self.pub, -months) + timedelta(days=1), self.pub
        return _Res("DURATION", value, Period(start, end, value), anchor=False)

    def _r_duration(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        unit = lex.UNITS[m["unit"].lower()]
        n = _count(m["n"]) if m["n"] else None
        if m["n"] is None and m["shift"].lower() in ("past", "recent"):
            return _Res("DATE", "PAST_REF", None, anchor=False)  # "the past years", "recent months"
        if m["n"] is None and m["shift"].lower() in ("next", "coming"):
            return _Res("DATE", "FUTURE_REF", None, anchor=False)
        return self._duration(m, n, unit)

    def _r_duration_sing(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        unit = m["unit"].lower()
        if unit == "century":
            return self._duration(m, 100, "Y")
        return self._duration(m, 1, "DE")

    def _r_rel_unit(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        shift_word = re.sub(r"\s+", " ", m["shift"].lower())
        unit = m["unit"].lower()
        part = (m["part"] or "").lower()
        if shift_word == "following":
            if self.anchor is not None and self.anchor.period is not None and unit == "year":
                return self.shifted_anchor(1)
            return _Res("DATE", None, None, anchor=False) if self.pub is None else None
        shift = lex.SHIFT_WORDS.get(shift_word, 0)
        if shift_word == "past" and unit == "year" and self.anchor is None:
            shift = -1
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False, calendar="persian" if self.ctx.persian and unit == "year" else "gregorian")
        if unit == "year":
            res = self.year_calendar(shift)
            assert res is not None
        elif unit == "month":
            d = add_months(self.pub, shift)
            res = _Res("DATE", *_pair(month_period(d.year, d.month)), shift=shift)
        elif unit == "week":
            res = _Res("DATE", *_pair(week_period(self.pub + timedelta(weeks=shift))), shift=shift)
        elif unit == "weekend":
            res = _Res("DATE", *_pair(weekend_period(self.pub + timedelta(weeks=shift))), shift=shift)
        elif unit == "decade":
            first = (self.pub.year // 10 + shift) * 10
            res = _Res("DATE", *_pair(decade_period(first)), shift=shift)
        else:
            res = _Res("DATE", *_pair(century_period(self.pub.year // 100 + 1 + shift)), shift=shift)
        res = replace(res, year_explicit=False)
        if shift == 0 and not part.startswith(("early", "earlier", "the beginning", "the start")):
            res = self.open_if_ongoing(res, pos)
        return res

    def _r_the_year(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        unit = m["unit"].lower()
        nxt = self.next_word(m.end()).lower()
        if nxt in ("of", "in", "when", "that", "after", "before", "ended", "ending", "following", "earlier", "ago"):
            return None  # "the year of ...", "the year when ..." carry their own anchor
        a = self.anchor
        if a is not None and a.period is not None and a.period.start is not None:
            if unit == "year":
                if a.calendar != "gregorian":
                    return replace(a, year_explicit=False)
                return _Res("DATE", *_pair(year_period(a.period.start.year)))
            if unit == "month" and re.fullmatch(r"\d{4}-\d\d", a.value or ""):
                return replace(a, year_explicit=False)
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        if unit == "year":
            return self.year_calendar(0)
        if unit == "month":
            return _Res("DATE", *_pair(month_period(self.pub.year, self.pub.month)))
        return _Res("DATE", *_pair(week_period(self.pub)))

    def _r_year_end(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        return _Res("DATE", *_pair(year_period(self.pub.year)), anchor=False)

    def _r_season(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        words = re.findall(r"[a-z]+", m.group(0).lower())
        code = lex.SEASONS[m["season"].lower()]
        if m["season"].lower() == "fall" and not (set(words) & {"last", "next", "this", "the", "early", "late"}):
            return None
        if m["y"]:
            year = int(m["y"]) if m["y"].isdigit() else _spoken_year(m["y"])
            if year is None:
                return None
            return _Res("DATE", *_pair(season_period(year, code)), year_explicit=True)
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        year = self.pub.year
        if "last" in words or ("past" in words and "this" in words):
            year = year - 1 if season_period(year, code).start > self.pub else year  # type: ignore[operator]
            if "last" in words and season_period(year, code).end >= self.pub:  # type: ignore[operator]
                year -= 1
        elif "next" in words or "coming" in words:
            year = year + 1 if season_period(year, code).start <= self.pub else year  # type: ignore[operator]
        return _Res("DATE", *_pair(season_period(year, code)))

    def _r_decade(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        if m["dec"]:
            first = int(m["dec"])
        elif m["dec2"]:
            century = (self.pub.year // 100 * 100) if self.pub else 1900
            first = century + int(m["dec2"])
            if self.pub and first > self.pub.year:
                first -= 100
        else:
            word = re.sub(r"^the\s+", "", m["decw"].lower())
            century = (self.pub.year // 100 * 100) if self.pub else 1900
            first = century + 10 * lex.DECADE_WORDS[word]
            if self.pub and first > self.pub.year:
                first -= 100
        return _Res("DATE", *_pair(decade_period(first)), year_explicit=True)

    def _r_century(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        n = int(m["c"])
        if not 1 <= n <= 21:
            return None
        return _Res("DATE", *_pair(century_period(n)), anchor=False)

    def _r_spoken_year(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        year = _spoken_year(m["spoken"])
        if year is None:
            return None
        return _Res("DATE", *_pair(year_period(year)), year_explicit=True)

    def _r_year_range(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        y1, y2 = int(m["y1"]), int(m["y2"])
        joiner = re.search(r"\s?(-|–|to|and|through)\s?", m.group(0)[m.end("y1") - m.start():])
        if joiner and joiner.group(1) == "and" and not m.group(0).lower().startswith("between"):
            return None
        if y2 <= y1:
            return None
        p = interval_period(date(y1, 1, 1), date(y2, 12, 31))
        return _Res("DATE", p.value, p, year_explicit=True)

    def _r_year_pair(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        y1, y2 = int(m["y1"]), int(m["y2"])
        if (y1 + 1) % 100 != y2:
            return None
        return self.fiscal_year(None, start_year=y1)

    def _r_year(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        y_start = m.start("y")
        before = self.text[max(0, y_start - 4) : y_start].rstrip()
        if before.endswith(lex.NOT_YEAR_PRECEDERS):
            return None
        nxt = self.next_word(m.end())
        if nxt.lower() in lex.NOT_YEAR_FOLLOWERS:
            return None
        year = int(m["y"])
        return _Res("DATE", *_pair(year_period(year)), year_explicit=True)

    def _r_weekday(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        target = lex.WEEKDAYS[m["wd"]]
        shift = re.sub(r"\s+", " ", (m["shift"] or "").lower())
        back = (self.pub.weekday() - target) % 7
        if shift in ("next", "this coming", "the following"):
            ahead = (target - self.pub.weekday()) % 7 or 7
            d = self.pub + timedelta(days=ahead)
        elif shift in ("last", "this past", "the previous"):
            d = self.pub - timedelta(days=back or 7)
        elif back and self.will_before(m.start("wd")):
            d = self.pub + timedelta(days=(target - self.pub.weekday()) % 7)
        else:
            d = self.pub - timedelta(days=back)
        return _Res("DATE", d.isoformat(), day_period(d), anchor=False)

    def will_before(self, pos: int) -> bool:
        """A future auxiliary shortly before the weekday ("will meet on Monday")."""
        window = self.text[max(0, pos - 60) : pos]
        sentence_start = max(window.rfind(". "), window.rfind("\n"))
        window = window[sentence_start + 1 :]
        return re.search(r"\b(?:will|would|'ll|is to|are to|to be held|scheduled|due|plans? to|expected to)\b",
                         window, re.I) is not None

    def _r_weekend(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        shift = m["shift"].lower()
        step = -1 if shift == "last" else 1 if shift == "next" else 0
        base = self.pub + timedelta(weeks=step)
        if step == 0 and self.pub.weekday() < 5 and not self.will_before(m.start()):
            base = self.pub - timedelta(weeks=1)  # "the weekend" in a weekday report is the one just past
        return _Res("DATE", *_pair(weekend_period(base)), anchor=False)

    def _r_dayword(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        if self.pub is None:
            return _Res("DATE", None, None, anchor=False)
        offset = lex.DAY_WORDS[re.sub(r"\s+", " ", m["dw"].lower())]
        d = self.pub + timedelta(days=offset)
        return _Res("DATE", d.isoformat(), day_period(d), anchor=False)

    def _r_ref(self, m: re.Match[str], pos: int, hint: int | None) -> _Res | None:
        word = re.sub(r"\s+", " ", m["ref"].lower())
        if word in lex.REF_ADJECTIVES:
            nxt = self.next_word(m.end()).lower()
            if nxt in lex.REF_ADJECTIVE_BLOCKERS:
                return None
        if word == "so far" and self.previous_word(m.start()) in ("and",):
            return None
        return _Res("DATE", lex.REF_WORDS[word], None, anchor=False)


def _pair(period: Period) -> tuple[str, Period]:
    return period.value, period


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w.isdigit():
        return int(w)
    return lex.COUNT_WORDS.get(w)


def _expand_year(text: str) -> int:
    """A two- or four-digit year; two digits are read in 1950..2049."""
    y = int(text)
    if len(text) <= 2:
        return 2000 + y if y < 50 else 1900 + y
    return y


def _spoken_year(text: str) -> int | None:
    """ "nineteen ninety-six" -> 1996."""
    words = re.split(r"[\s-]+", text.lower())
    if len(words) < 2 or words[0] not in lex.SPOKEN_CENTURIES:
        return None
    year = lex.SPOKEN_CENTURIES[words[0]] * 100
    rest = 0
    for w in words[1:]:
        if w in lex.SPOKEN_YEAR_TENS:
            rest += lex.SPOKEN_YEAR_TENS[w]
        elif w in lex.SPOKEN_YEAR_UNITS:
            rest += lex.SPOKEN_YEAR_UNITS[w]
        else:
            return None
    return year + rest if rest < 100 else None


# --- public API -------------------------------------------------------------------


def find_times(text: str, published: date | None, context: TimeContext | None = None) -> list[TimeExpression]:
    """All time expressions in ``text``, normalized; offsets index ``text``.

    ``published`` anchors relative expressions; without it they get value None and
    no interval. ``context`` defaults to ``detect_time_context(text)``.
    """
    ctx = context if context is not None else detect_time_context(text)
    cands = _detect(text)
    resolver = _Resolver(text, published, ctx)
    out: list[TimeExpression] = []
    i = 0
    while i < len(cands):
        cand = cands[i]
        merged = _try_range(text, cands, i, resolver)
        if merged is not None:
            expr, consumed = merged
            out.append(expr)
            i += consumed
            continue
        res = resolver.resolve(cand)
        if res is not None:
            start, res = _open_interval(text, cand.start, res)
            out.append(_to_expression(text, start, cand.end, res, resolver))
            if res.anchor and res.period is not None and res.type == "DATE":
                resolver.anchor = res
        i += 1
    return out


def _try_range(text: str, cands: list[_Cand], i: int, resolver: _Resolver) -> tuple[TimeExpression, int] | None:
    """Join "X to Y", "between X and Y", "from X until Y" into one interval."""
    if i + 1 >= len(cands):
        return None
    left, right = cands[i], cands[i + 1]
    if left.rule in _NO_RANGE_RULES or right.rule in _NO_RANGE_RULES:
        return None
    gap = text[left.end : right.start]
    conn = _RANGE_CONNECTOR.match(gap)
    if not conn:
        return None
    opener = _RANGE_OPENER.search(text[max(0, left.start - 16) : left.start])
    if gap.strip().lower() == lex.RANGE_AND_NEEDS_OPENER and not (opener and opener.group(0).lower().startswith("between")):
        return None
    right_res = resolver.resolve(right)
    if right_res is None or right_res.period is None:
        return None
    hint = right_res.period.start.year if right_res.period.start else None
    left_res = resolver.resolve(left, year_hint=hint)
    if left_res is None or left_res.period is None or left_res.period.start is None:
        return None
    start_date = left_res.period.start
    end_date = right_res.period.end
    if end_date is not None and end_date < start_date:
        return None
    begin = left.start - (len(opener.group(0)) if opener else 0)
    value = f"{start_date.isoformat()}/{end_date.isoformat() if end_date else '..'}"
    res = _Res("DATE", value, Period(start_date, end_date, value),
               calendar=right_res.calendar if right_res.calendar != "gregorian" else left_res.calendar,
               persian_reading=right_res.persian_reading or left_res.persian_reading,
               year_explicit=left_res.year_explicit or right_res.year_explicit)
    expr = _to_expression(text, begin, right.end, res, resolver)
    resolver.anchor = res
    return expr, 2


def _open_interval(text: str, start: int, res: _Res) -> tuple[int, _Res]:
    """ "until 2026" -> (.., 2026-12-31); "after 2026" -> (2027-01-01, ..): the preposition
    joins the expression, the value stays that of the date itself."""
    if res.type != "DATE" or res.period is None or res.period.start is None or res.period.end is None:
        return start, res
    before = text[max(0, start - 12) : start]
    m = _OPEN_END_BEFORE.search(before)
    if m:
        return start - len(m.group(0)), replace(res, period=Period(None, res.period.end, res.period.value), anchor=False)
    m = _OPEN_START_BEFORE.search(before)
    if m:
        following = res.period.end + timedelta(days=1)
        return start - len(m.group(0)), replace(res, period=Period(following, None, res.period.value), anchor=False)
    return start, res


_NO_RANGE_RULES = frozenset({"ref", "duration", "duration_sing", "ago", "earlier", "dayword", "weekend", "the_year"})


def _to_expression(text: str, start: int, end: int, res: _Res, resolver: _Resolver) -> TimeExpression:
    period = res.period
    return TimeExpression(
        start=start,
        end=end,
        text=text[start:end],
        type=res.type,
        value=res.value,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        calendar=res.calendar,
        persian_reading=res.persian_reading,
        is_baseline=_is_baseline(text, start),
    )


def _is_baseline(text: str, start: int) -> bool:
    """True when a comparison cue ("compared to", "than", "versus") introduces the expression."""
    before = text[max(0, start - 40) : start]
    m = _BASELINE_CUE.search(before)
    if not m:
        return False
    cue = m.group("cue").lower()
    if cue in lex.BASELINE_WEAK_CUES:
        # "up 5% from a year earlier" is a baseline; "from March to June" is a range
        # (ranges are merged before this check, so only relative pasts remain here).
        tail = text[start : start + 40].lower()
        return bool(re.match(r"(?:the[^\S\n]+)?(?:a[^\S\n]+year|last|year|the[^\S\n]+same|the[^\S\n]+previous|"
                             r"the[^\S\n]+corresponding|the[^\S\n]+year)", tail)) and cue == "from"
    return True


__all__ = ["TimeContext", "detect_time_context", "find_times", "add_months", "day_period", "decade_period",
           "half_period", "month_period", "quarter_period", "season_period", "shift_period_years",
           "week_period", "persian_month_bounds"]
