"""Calendar arithmetic and periods in a document's calendar.

Persian (solar hijri) years and months and fiscal years as Gregorian intervals;
Persian leap years follow an astronomical rule that no short arithmetic formula
gets right for every year, so every conversion goes through the maintained
``jdatetime`` library instead of hand-written leap rules.

``CalendarFrame`` (at the end) builds periods in the document's calendar
(``TimeContext``) relative to the publication date or to the period the text is
discussing; ``extract.dates.resolve.Resolver`` builds on it, one handler per rule.
The ISO date helpers every stage uses (``parse_iso_date``, ``as_date``, ``iso``) are
here too, once.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Literal

import jdatetime

from .lexicon import dates as lex

# jdatetime supports Persian years 1..9377; news never needs more than this window,
# and bounding it keeps bad input (a count read as a year) from raising deep inside.
PERSIAN_YEAR_MIN = 1200
PERSIAN_YEAR_MAX = 1600


def parse_iso_date(value: Any) -> date | None:
    """Parse an ISO date (``2023-06-11``) or datetime; None/"" give None.

    Raises ValueError with the offending value for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a string")
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO date (YYYY-MM-DD)") from None


def as_date(value: Any) -> date | None:
    """A date from a date or an ISO string (a record field), else None; never raises."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def iso(value: Any) -> str | None:
    """The ISO form of a date (or of an ISO string), None for no date."""
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None


def _check_persian_year(py: int) -> None:
    if not PERSIAN_YEAR_MIN <= py <= PERSIAN_YEAR_MAX:
        raise ValueError(f"Persian year out of range: {py}")


def persian_year_bounds(py: int) -> tuple[date, date]:
    """First and last Gregorian day of Persian year ``py`` (1401 -> 2022-03-21..2023-03-20)."""
    _check_persian_year(py)
    first = jdatetime.date(py, 1, 1).togregorian()
    next_first = jdatetime.date(py + 1, 1, 1).togregorian()
    return first, next_first - timedelta(days=1)


def persian_year_of(d: date) -> int:
    """The Persian year that contains the Gregorian day ``d``."""
    return int(jdatetime.date.fromgregorian(date=d).year)


def persian_month_bounds(py: int, month: int) -> tuple[date, date]:
    """First and last Gregorian day of Persian month ``month`` (1 = Farvardin) of year ``py``."""
    _check_persian_year(py)
    if not 1 <= month <= 12:
        raise ValueError(f"Persian month out of range: {month}")
    first = jdatetime.date(py, month, 1).togregorian()
    if month == 12:
        following = jdatetime.date(py + 1, 1, 1).togregorian()
    else:
        following = jdatetime.date(py, month + 1, 1).togregorian()
    return first, following - timedelta(days=1)


def persian_is_leap(py: int) -> bool:
    """True when Persian year ``py`` has 366 days (Esfand has 30 days)."""
    _check_persian_year(py)
    return bool(jdatetime.date(py, 1, 1).isleap())


def fiscal_year_bounds(label_year_start: int, start_month: int, start_day: int = 1) -> tuple[date, date]:
    """The fiscal year that starts on ``start_month``/``start_day`` of ``label_year_start``.

    ``label_year_start`` is the calendar year in which the fiscal year begins, so
    India's "2023-24" is ``fiscal_year_bounds(2023, 4, 1)`` -> 2023-04-01..2024-03-31.
    The end is the day before the same month/day one year later.
    """
    start_day = min(start_day, calendar.monthrange(label_year_start, start_month)[1])
    first = date(label_year_start, start_month, start_day)
    if start_month == 1 and start_day == 1:
        return first, date(label_year_start, 12, 31)
    next_day = min(start_day, calendar.monthrange(label_year_start + 1, start_month)[1])
    return first, date(label_year_start + 1, start_month, next_day) - timedelta(days=1)


def fiscal_start_year(label_year: int, start_month: int, start_day: int = 1) -> int:
    """The calendar year in which fiscal year ``label_year`` starts.

    Fiscal years are named after the calendar year in which they end ("fiscal
    2024", "FY24"), except when they start on 1 January.
    """
    if start_month == 1 and start_day == 1:
        return label_year
    return label_year - 1


def fiscal_year_containing(d: date, start_month: int, start_day: int = 1) -> tuple[date, date]:
    """Bounds of the fiscal year (starting ``start_month``/``start_day``) that contains ``d``."""
    year = d.year if (d.month, d.day) >= (start_month, start_day) else d.year - 1
    return fiscal_year_bounds(year, start_month, start_day)


# --- Gregorian periods with their TimeML values -------------------------------


@dataclass(frozen=True)
class Period:
    """A Gregorian interval and its TimeML value; ``end`` None = open ("to date", "after 2026")."""

    start: date | None
    end: date | None
    value: str


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months (day clipped to the month's length)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def day_period(d: date) -> Period:
    """One day."""
    return Period(d, d, d.isoformat())


def month_period(year: int, month: int) -> Period:
    """A calendar month ("2023-06")."""
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), f"{year:04d}-{month:02d}")


def quarter_period(year: int, quarter: int) -> Period:
    """A calendar quarter ("2023-Q3")."""
    first = month_period(year, 3 * quarter - 2)
    last = month_period(year, 3 * quarter)
    return Period(first.start, last.end, f"{year:04d}-Q{quarter}")


def half_period(year: int, half: int) -> Period:
    """A calendar half-year ("2023-H1")."""
    first = month_period(year, 6 * half - 5)
    last = month_period(year, 6 * half)
    return Period(first.start, last.end, f"{year:04d}-H{half}")


def year_period(year: int) -> Period:
    """A calendar year ("2023")."""
    return Period(date(year, 1, 1), date(year, 12, 31), f"{year:04d}")


def week_period(d: date) -> Period:
    """The ISO week (Monday..Sunday) containing ``d`` ("2023-W23")."""
    iso = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Period(monday, monday + timedelta(days=6), f"{iso.year:04d}-W{iso.week:02d}")


def weekend_period(d: date) -> Period:
    """The weekend (Saturday, Sunday) of the ISO week containing ``d`` ("2023-W23-WE")."""
    week = week_period(d)
    assert week.start is not None
    return Period(week.start + timedelta(days=5), week.start + timedelta(days=6), week.value + "-WE")


# Season months (northern hemisphere, meteorological): winter is Dec of the year before.
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def season_period(year: int, season: str) -> Period:
    """A season by TimeML code (SP, SU, FA, WI) of ``year`` ("2023-SU")."""
    first, last = _SEASON_MONTHS[season]
    start_year = year - 1 if season == "WI" else year
    return Period(month_period(start_year, first).start, month_period(year, last).end, f"{year:04d}-{season}")


def decade_period(first_year: int) -> Period:
    """A decade by its first year ("1990" -> value "199")."""
    return Period(date(first_year, 1, 1), date(first_year + 9, 12, 31), f"{first_year // 10:03d}")


def century_period(number: int) -> Period:
    """The ``number``-th century, TimeML-style value of its hundreds ("20th" -> "19")."""
    first = (number - 1) * 100
    return Period(date(max(first, 1), 1, 1), date(first + 99, 12, 31), f"{number - 1:02d}")


def interval_period(start: date | None, end: date | None) -> Period:
    """An arbitrary interval whose value is the ISO 8601 interval "start/end"."""
    left = start.isoformat() if start else ".."
    right = end.isoformat() if end else ".."
    return Period(start, end, f"{left}/{right}")


def shift_period_years(period: Period, years: int) -> Period:
    """The same period ``years`` years earlier/later, keeping its granularity."""
    value = period.value
    m = re.fullmatch(r"(\d{4})(.*)", value)
    if m and "/" not in value:
        new_value = f"{int(m.group(1)) + years:04d}{m.group(2)}"
    else:
        new_value = ""
    start = add_months(period.start, 12 * years) if period.start else None
    end = add_months(period.end, 12 * years) if period.end else None
    if period.end is not None and end is not None and period.end.month == 2 and period.end.day >= 28:
        end = date(end.year, 3, 1) - timedelta(days=1)  # keep "end of February" across leap years
    if re.fullmatch(r"\d{4}-W\d\d", value) and start is not None:
        return week_period(start)
    if not new_value:
        return interval_period(start, end)
    return Period(start, end, new_value)


# --- Persian sub-year periods ---------------------------------------------------


def persian_months_span(py: int, first: int, last: int) -> tuple[date, date]:
    """First day of Persian month ``first`` to last day of month ``last`` of year ``py``
    ("the first six months of 1402" -> months 1..6 -> 2023-03-21..2023-09-22)."""
    return persian_month_bounds(py, first)[0], persian_month_bounds(py, last)[1]


def persian_month_of(d: date) -> tuple[int, int]:
    """(Persian year, Persian month) of the Gregorian day ``d``."""
    j = jdatetime.date.fromgregorian(date=d)
    return int(j.year), int(j.month)


def is_persian_month_start(d: date) -> bool:
    """True when ``d`` is the first day of a Persian month."""
    return int(jdatetime.date.fromgregorian(date=d).day) == 1


def is_persian_month_end(d: date) -> bool:
    """True when ``d`` is the last day of a Persian month."""
    return is_persian_month_start(d + timedelta(days=1))


def shift_persian_months(start: date, end: date, months: int) -> tuple[date, date] | None:
    """A period made of whole Persian months moved by ``months`` Persian months.

    "a month earlier" after Mordad is Tir; "a year earlier" after the first half of
    1402 is the first half of 1401. None when the period is not whole Persian months.
    """
    if not (is_persian_month_start(start) and is_persian_month_end(end)):
        return None
    (y1, m1), (y2, m2) = persian_month_of(start), persian_month_of(end)

    def moved(y: int, m: int) -> tuple[int, int]:
        index = y * 12 + (m - 1) + months
        return index // 12, index % 12 + 1

    (ny1, nm1), (ny2, nm2) = moved(y1, m1), moved(y2, m2)
    return persian_month_bounds(ny1, nm1)[0], persian_month_bounds(ny2, nm2)[1]

# --- periods in the document's calendar, and the period under discussion -----------

CalendarName = Literal["gregorian", "persian", "fiscal"]


@dataclass(frozen=True)
class TimeContext:
    """What the document says about its calendar.

    ``persian``: an Iranian context, where "last year"/"this year" mean Persian
    years. ``fiscal_start``: (month, day) on which the document's fiscal years start.
    """

    persian: bool = False
    fiscal_start: tuple[int, int] | None = None


@dataclass
class Res:
    """A resolved expression before it becomes a TimeExpression."""

    type: Literal["DATE", "DURATION", "TIME", "SET"]
    value: str | None
    period: Period | None = None
    calendar: CalendarName = "gregorian"
    persian_reading: bool = False
    year_explicit: bool = False  # the text names the year: usable as an anchor
    anchor: bool = True  # may be the referent of "a year earlier" / "the quarter"
    shift: int | None = None  # relative offset (0 = current period) when relative


def pair(period: Period) -> tuple[str, Period]:
    """(value, period): the two first fields of a ``Res``."""
    return period.value, period


def _cue_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    items = sorted(set(words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in items) + r")\b", re.IGNORECASE)


_WORD = re.compile(r"[A-Za-z%]+|\S")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n")
_FUTURE_CUE = _cue_pattern(lex.FUTURE_CUES)
_DEADLINE_CUE = _cue_pattern(lex.DEADLINE_CUES)
_TO_DATE_CUE = _cue_pattern(lex.TO_DATE_CUES)


class CalendarFrame:
    """Periods in the document's calendar (Gregorian, Persian, fiscal), the publication
    date, and the period the text is discussing (the anchor of "a year earlier", "the
    same year", "the second half of the year"). ``Resolver`` adds one handler per rule."""

    def __init__(self, text: str, published: date | None, context: TimeContext) -> None:
        self.text = text
        self.pub = published
        self.ctx = context
        self.anchor: Res | None = None  # last absolute period the text discussed
        self.breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text)]

    # ----- helpers
    def sentence(self, pos: int) -> str:
        s, e = sentence_bounds(self.text, pos, self.breaks)
        return self.text[s:e]

    def previous_word(self, pos: int) -> str:
        words = _WORD.findall(self.text[max(0, pos - 30) : pos])
        return words[-1].lower() if words else ""

    def next_word(self, pos: int) -> str:
        m = _WORD.search(self.text, pos, min(len(self.text), pos + 30))
        return m.group(0) if m else ""

    def future_statement(self, pos: int) -> bool:
        return _FUTURE_CUE.search(self.sentence(pos)) is not None

    def to_date_statement(self, pos: int) -> bool:
        return _TO_DATE_CUE.search(self.sentence(pos)) is not None

    def open_if_ongoing(self, res: Res, pos: int) -> Res:
        """A current period still running at publication is read "to date" unless the
        sentence looks ahead (forecast, target, budget)."""
        if self.pub is None or res.period is None or res.type != "DATE":
            return res
        p = res.period
        if p.start is not None and p.end is not None and p.start <= self.pub < p.end:
            sentence = self.sentence(pos)
            if _TO_DATE_CUE.search(sentence):
                return replace(res, period=Period(p.start, None, p.value))
            if (p.end - self.pub).days <= lex.PERIOD_NEARLY_OVER_DAYS and (p.end - p.start).days > 60:
                return res  # a year-end report: "exports this year totaled" covers the year
            if not _FUTURE_CUE.search(sentence):
                return replace(res, period=Period(p.start, None, p.value))
        return res

    def year_calendar(self, shift: int) -> Res | None:
        """The year ``shift`` years from the publication year, in the document's calendar."""
        if self.pub is None:
            return None
        if self.ctx.persian:
            py = persian_year_of(self.pub) + shift
            return self.persian_year(py, reading=True)
        year = self.pub.year + shift
        return Res("DATE", str(year), year_period(year), shift=shift)

    def persian_year(self, py: int, reading: bool = False) -> Res:
        start, end = persian_year_bounds(py)
        return Res(
            "DATE", f"{start.isoformat()}/{end.isoformat()}", Period(start, end, f"{start}/{end}"),
            calendar="persian", persian_reading=reading, year_explicit=not reading,
        )

    def fiscal_year(self, label: int | None, start_year: int | None = None) -> Res:
        """A fiscal year by label (named after its end year) or by its start year."""
        if self.ctx.persian:
            year = start_year if start_year is not None else label
            assert year is not None
            return replace(self.persian_year(persian_year_of(date(year, 6, 1))), calendar="fiscal")
        fs = self.ctx.fiscal_start
        value_year = label if label is not None else (start_year + 1 if start_year is not None else None)
        if fs is None:
            if label is None and start_year is not None:
                return Res("DATE", f"{start_year}/{start_year + 1}", None, calendar="fiscal", year_explicit=True)
            return Res("DATE", str(value_year), None, calendar="fiscal", year_explicit=True)
        if start_year is None:
            assert label is not None
            start_year = fiscal_start_year(label, *fs)
        start, end = fiscal_year_bounds(start_year, *fs)
        return Res("DATE", f"{start}/{end}", Period(start, end, f"{start}/{end}"), calendar="fiscal",
                    year_explicit=True)

    def fiscal_relative(self, shift: int) -> Res | None:
        if self.pub is None:
            return None
        if self.ctx.persian:
            return replace(self.persian_year(persian_year_of(self.pub) + shift, reading=True), calendar="fiscal")
        fs = self.ctx.fiscal_start
        if fs is None:
            year = self.pub.year + shift
            return Res("DATE", str(year), None, calendar="fiscal", shift=shift)
        start, _ = fiscal_year_containing(self.pub, *fs)
        s, e = fiscal_year_bounds(start.year + shift, *fs)
        return Res("DATE", f"{s}/{e}", Period(s, e, f"{s}/{e}"), calendar="fiscal", shift=shift)

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
        s, e = sentence_bounds(self.text, pos, self.breaks)
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
        if q > pub_q and not self.future_statement(pos):
            # news reports quarters that have begun: "the third quarter" in May is last
            # year's, unless the sentence looks ahead ("expects growth in the third quarter")
            return self.pub.year - 1
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

    def month_like(self, res: Res | None) -> bool:
        """A resolved period that is one month (calendar or Persian)."""
        if res is None or res.period is None or res.period.start is None or res.period.end is None:
            return False
        return 27 <= (res.period.end - res.period.start).days <= 31

    def quarter_like(self, res: Res | None) -> bool:
        """A resolved period that a later "the quarter" can mean: a quarter, or any three
        whole months ("the three months to August", "the July-September period")."""
        if res is None or res.period is None:
            return False
        if re.search(r"-Q\d$", res.value or ""):
            return True
        p = res.period
        if p.start is None or p.end is None or p.start.day != 1 or (p.end + timedelta(days=1)).day != 1:
            return False
        return (p.end.year * 12 + p.end.month) - (p.start.year * 12 + p.start.month) == 2

    def shifted_months(self, months: int) -> Res:
        """The month under discussion moved by ``months`` (a Persian month stays Persian)."""
        a = self.anchor
        assert a is not None and a.period is not None and a.period.start is not None and a.period.end is not None
        if a.calendar == "persian":
            moved = shift_persian_months(a.period.start, a.period.end, months)
            if moved is not None:
                return Res("DATE", *pair(interval_period(*moved)), calendar="persian", anchor=False)
        d = add_months(a.period.start, months)
        return Res("DATE", *pair(month_period(d.year, d.month)), anchor=False)

    def anchor_in_past(self) -> bool:
        """The period under discussion ended before publication (a story told about the past)."""
        a = self.anchor
        if a is None or a.period is None or a.period.end is None:
            return False
        return self.pub is None or a.period.end < self.pub

    def consider_anchor(self, res: Res) -> None:
        """Make ``res`` the period under discussion, unless it is just the comparison year
        of the current one ("Rs2,100bn in 2024-25, up from Rs1,800bn in 2023-24"): a later
        "the previous year" still means the year before the year the text is about."""
        if not res.anchor or res.period is None or res.type != "DATE":
            return
        a = self.anchor
        if a is not None and a.period is not None and a.period.start is not None and a.year_explicit:
            before = self.shifted_anchor(-1)
            b, r = (before.period if before is not None else None), res.period
            # the year before, as such or as the whole year around it ("in 2021")
            if b is not None and b.start is not None and b.end is not None and r.start is not None and \
                    r.end is not None and r.start <= b.start and b.end <= r.end and (r.end - r.start).days <= 366:
                return
        self.anchor = res

    def persian_years_between(self, left: Res, right: Res) -> Res | None:
        """ "from March 2019 to March 2020" in an Iranian context: whole Persian years."""
        if not self.ctx.persian or left.period is None or right.period is None:
            return None
        if not (re.fullmatch(r"\d{4}-03", left.value or "") and re.fullmatch(r"\d{4}-03", right.value or "")):
            return None
        first = persian_year_of(date(int(left.value[:4]), 3, 25))  # type: ignore[index]
        last = persian_year_of(date(int(right.value[:4]), 3, 15))  # type: ignore[index]
        if last < first:
            return None
        start, end = persian_year_bounds(first)[0], persian_year_bounds(last)[1]
        return Res("DATE", *pair(interval_period(start, end)), calendar="persian", year_explicit=True)

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


    def quarter(self, q: int, year: int | None, explicit: bool, fiscal: bool = False) -> Res:
        if year is None:
            return Res("DATE", None, None, anchor=False)
        fs = self.ctx.fiscal_start
        if fiscal and fs is not None and fs != (1, 1):
            fy_start, _ = fiscal_year_bounds(fiscal_start_year(year, *fs), *fs)
            start = add_months(fy_start, 3 * (q - 1))
            end = add_months(start, 3) - timedelta(days=1)
            return Res("DATE", f"{year:04d}-Q{q}", Period(start, end, f"{year:04d}-Q{q}"), calendar="fiscal",
                        year_explicit=explicit)
        p = quarter_period(year, q)
        return Res("DATE", p.value, p, year_explicit=explicit)

    def quarter_containing(self, d: date) -> Res:
        return self.quarter((d.month - 1) // 3 + 1, d.year, False)

    def year_frame(self, m: re.Match[str], hint: int | None, pos: int | None = None) -> Res | None:
        """The year a {YEARISH} phrase names, in its calendar: "2023", "the Iranian year
        1402", "the current fiscal year", "the year" (the one under discussion; but in a
        forecast, "expected to pick up in the second half of the year", a year under
        discussion that is already over gives way to the current one)."""
        frame = self._year_frame(m, hint)
        rel = (m.groupdict().get("yrel") or "the").lower()
        if frame is not None and frame.period is not None and frame.period.end is not None and pos is not None \
                and self.pub is not None and not m.groupdict().get("y") and rel == "the" and \
                frame.period.end < self.pub and self.deadline_before(pos):
            return self.year_calendar(0)
        return frame

    def _year_frame(self, m: re.Match[str], hint: int | None) -> Res | None:
        gd = m.groupdict()
        fis = (gd.get("yfis") or "").lower()
        if gd.get("ypy"):
            return self.persian_year(int(gd["ypy"]))
        if gd.get("y"):
            y = int(gd["y"])
            if gd.get("y2"):
                return self.fiscal_year(None, start_year=y)
            return self.fiscal_year(y) if fis in ("fiscal", "financial") else Res(
                "DATE", *pair(year_period(y)), year_explicit=True)
        rel = re.sub(r"^the[^\S\n]+", "", (gd.get("yrel") or "").lower())
        if not rel:  # "the second half": of the year under discussion, else the current one
            if hint is not None:
                return Res("DATE", *pair(year_period(hint)), year_explicit=True)
            return self.anchor_year() or self.year_calendar(0)
        shift = lex.SHIFT_WORDS.get(rel, 0)
        if fis in ("iranian", "persian"):
            anchor_year = self.anchor_year() if rel == "the" else None
            if anchor_year is not None and anchor_year.calendar == "persian":
                return anchor_year
            return None if self.pub is None else self.persian_year(persian_year_of(self.pub) + shift, reading=True)
        if rel == "the":
            return self.anchor_year() or self.year_calendar(0)
        if fis in ("fiscal", "financial"):
            return self.fiscal_relative(shift)
        return self.year_calendar(shift)

    def anchor_year(self) -> Res | None:
        """The whole year (in its calendar) that contains the period under discussion."""
        a = self.anchor
        if a is None or a.period is None or a.period.start is None:
            return None
        if a.calendar == "persian":
            return replace(self.persian_year(persian_year_of(a.period.start)), year_explicit=False,
                           persian_reading=a.persian_reading)
        if a.calendar == "fiscal" and self.ctx.fiscal_start is not None:
            s, e = fiscal_year_containing(a.period.start, *self.ctx.fiscal_start)
            return Res("DATE", f"{s}/{e}", Period(s, e, f"{s}/{e}"), calendar="fiscal")
        return Res("DATE", *pair(year_period(a.period.start.year)))

    def months_of_frame(self, frame: Res, first: int, last: int) -> Res:
        """Months ``first``..``last`` (1-based) of the year ``frame``: Persian months of a
        Persian year, calendar quarters/halves of a Gregorian one, else months from its start."""
        assert frame.period is not None and frame.period.start is not None
        start_day = frame.period.start
        if frame.calendar in ("persian", "fiscal") and is_persian_month_start(start_day) and start_day.month == 3:
            py = persian_year_of(start_day)
            s, e = persian_months_span(py, first, last)
            return Res("DATE", *pair(interval_period(s, e)), calendar="persian",
                       persian_reading=frame.persian_reading, year_explicit=frame.year_explicit)
        year = start_day.year
        if start_day.month == 1 and start_day.day == 1:
            if (first, last) in ((1, 6), (7, 12)):
                return Res("DATE", *pair(half_period(year, last // 6)), year_explicit=frame.year_explicit)
            if first == last:
                return Res("DATE", *pair(month_period(year, first)), year_explicit=frame.year_explicit)
        s = add_months(start_day, first - 1)
        e = add_months(start_day, last) - timedelta(days=1)
        return Res("DATE", *pair(interval_period(s, e)), calendar=frame.calendar, year_explicit=frame.year_explicit)

    def shifted_anchor(self, years: int) -> Res | None:
        """The period under discussion moved by ``years``; it does not become the new
        anchor (a second "a year earlier" still means a year before the same period)."""
        assert self.anchor is not None and self.anchor.period is not None
        p = shift_period_years(self.anchor.period, years)
        a = self.anchor.period
        if self.anchor.calendar in ("persian", "fiscal") and a.start is not None and a.end is not None:
            moved = shift_persian_months(a.start, a.end, 12 * years) if (a.end - a.start).days < 300 else None
            if moved is not None:  # a Persian month or half: the same months of another year
                return Res("DATE", *pair(interval_period(*moved)), calendar="persian", anchor=False,
                           persian_reading=self.anchor.persian_reading)
        if self.anchor.calendar == "persian" and self.anchor.period.start is not None:
            py = persian_year_of(self.anchor.period.start) + years
            return replace(self.persian_year(py), year_explicit=False, persian_reading=self.anchor.persian_reading,
                           anchor=False)
        return Res("DATE", p.value, p, calendar=self.anchor.calendar, year_explicit=False, anchor=False)

    def deadline_before(self, pos: int) -> bool:
        """A future or expectation cue shortly before, in the sentence ("expects to finish by
        ..."); a cue further back belongs to another clause ("will offer ... shares issued July 1")."""
        start, _ = sentence_bounds(self.text, pos, self.breaks)
        start = max(start, pos - lex.DEADLINE_CUE_REACH)
        return self.pub is not None and _DEADLINE_CUE.search(self.text, start, pos) is not None

    def next_year_of(self, month: int, day: int | None) -> int:
        """The year of the first such month (or day) that has not ended at publication."""
        assert self.pub is not None
        for year in (self.pub.year, self.pub.year + 1):
            last = calendar.monthrange(year, month)[1]
            if date(year, month, min(day or last, last)) >= self.pub:
                return year
        return self.pub.year + 1

    def completed_year_of(self, month: int, day: int | None) -> int | None:
        """The year of the latest such month (or day) that has ended by publication: data
        "for the three months to August" describe a period already over."""
        if self.pub is None:
            return None
        for year in (self.pub.year, self.pub.year - 1):
            last = calendar.monthrange(year, month)[1]
            if date(year, month, min(day or last, last)) <= self.pub:
                return year
        return self.pub.year - 1

    def window_ending(self, end: date, count: int, unit: str, day_given: bool) -> Period:
        """The ``count`` ``unit``s ("W", "M", "Q", "Y") ending on ``end``: whole months when
        no day is named ("the three months to August" = June 1 .. August 31)."""
        if unit == "W":
            return interval_period(end - timedelta(days=7 * count - 1), end)
        months = count * {"M": 1, "Q": 3, "Y": 12}[unit]
        if day_given and (end + timedelta(days=1)).day != 1:  # a month's last day: whole months
            return interval_period(add_months(end, -months) + timedelta(days=1), end)
        first = add_months(date(end.year, end.month, 1), 1 - months)
        return interval_period(first, end)

    def previous_window(self, count: int | None, unit: str | None) -> Res | None:
        """The window just before the period under discussion, ``count`` ``unit``s long (by
        default as long as it): "the previous three-month period"."""
        a = self.anchor
        if a is None or a.period is None or a.period.start is None or a.period.end is None:
            return None
        start, end = a.period.start, a.period.end
        if count is None or unit is None:
            whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
            if not whole_months:
                length = end - start
                p = interval_period(start - length - timedelta(days=1), start - timedelta(days=1))
                return Res("DATE", p.value, p, anchor=False)
            count, unit = (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1, "M"
        if unit == "W":
            p = interval_period(start - timedelta(days=7 * count), start - timedelta(days=1))
        else:
            months = count * {"M": 1, "Q": 3, "Y": 12}[unit]
            p = interval_period(add_months(start, -months), start - timedelta(days=1))
        return Res("DATE", p.value, p, anchor=False)

    def anchor_lasts(self, count: int, unit: str) -> bool:
        """The period under discussion is about ``count`` ``unit``s long: a like window before
        it ("the preceding two weeks") is then the one just before, not a rolling length."""
        a = self.anchor
        if a is None or a.period is None or a.period.start is None or a.period.end is None:
            return False
        days = (a.period.end - a.period.start).days + 1
        per_unit = {"D": 1, "W": 7, "M": 30.4, "Q": 91.3, "Y": 365.25}.get(unit)
        return per_unit is not None and abs(days - count * per_unit) <= max(3.0, 0.04 * days)

    def anchor_moved_to_year(self, year: int) -> Res:
        """The period under discussion in another year: "the same period of 2023". Without
        one, the year itself."""
        a = self.anchor
        if a is None or a.period is None or a.period.start is None or a.calendar == "persian":
            return Res("DATE", *pair(year_period(year)), year_explicit=True, anchor=False)
        end = a.period.end or self.pub  # "so far this year": to the same day
        own_year = a.period.end.year if a.calendar == "fiscal" and a.period.end else a.period.start.year
        moved = shift_period_years(Period(a.period.start, end, a.period.value if a.period.end else ""),
                                   year - own_year)
        return Res("DATE", moved.value, moved, calendar=a.calendar, year_explicit=True, anchor=False)

    def will_before(self, pos: int) -> bool:
        """A future auxiliary shortly before the weekday ("will meet on Monday")."""
        window = self.text[max(0, pos - 60) : pos]
        sentence_start = max(window.rfind(". "), window.rfind("\n"))
        window = window[sentence_start + 1 :]
        return re.search(r"\b(?:will|would|'ll|is to|are to|to be held|scheduled|due|plans? to|expected to)\b",
                         window, re.I) is not None


def sentence_bounds(text: str, pos: int, breaks: list[int]) -> tuple[int, int]:
    """Start and end offsets of the sentence around ``pos`` (``breaks``: sentence ends)."""
    i = bisect.bisect_right(breaks, pos)
    start = breaks[i - 1] if i > 0 else 0
    end = breaks[i] if i < len(breaks) else len(text)
    return start, end
