"""Calendar arithmetic: Persian (solar hijri) years and fiscal years as Gregorian intervals.

Persian leap years follow an astronomical rule that no short arithmetic formula
gets right for every year, so every conversion goes through the maintained
``jdatetime`` library instead of hand-written leap rules.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import jdatetime

# jdatetime supports Persian years 1..9377; news never needs more than this window,
# and bounding it keeps bad input (a count read as a year) from raising deep inside.
PERSIAN_YEAR_MIN = 1200
PERSIAN_YEAR_MAX = 1600


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
