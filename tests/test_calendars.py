"""Persian and fiscal calendar conversions (via jdatetime, never hand-written leap rules)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.calendars import (
    CalendarFrame,
    Res,
    TimeContext,
    add_months,
    fiscal_start_year,
    fiscal_year_bounds,
    fiscal_year_containing,
    is_persian_month_end,
    persian_is_leap,
    persian_month_bounds,
    persian_months_span,
    persian_year_bounds,
    persian_year_of,
    quarter_period,
    shift_period_years,
    shift_persian_months,
    week_period,
)


@pytest.mark.parametrize(
    ("py", "start", "end"),
    [
        (1401, date(2022, 3, 21), date(2023, 3, 20)),
        (1402, date(2023, 3, 21), date(2024, 3, 19)),  # 2024 is a Gregorian leap year
        (1403, date(2024, 3, 20), date(2025, 3, 20)),  # Persian leap year: 366 days
        (1399, date(2020, 3, 20), date(2021, 3, 20)),
        (1390, date(2011, 3, 21), date(2012, 3, 19)),
    ],
)
def test_persian_year_bounds(py: int, start: date, end: date) -> None:
    assert persian_year_bounds(py) == (start, end)


def test_leap_years_have_366_days() -> None:
    for py in (1399, 1403):
        s, e = persian_year_bounds(py)
        assert persian_is_leap(py)
        assert (e - s).days + 1 == 366
    assert not persian_is_leap(1402)


@pytest.mark.parametrize(
    ("day", "py"),
    [(date(2023, 3, 20), 1401), (date(2023, 3, 21), 1402), (date(2025, 3, 20), 1403), (date(2025, 3, 21), 1404)],
)
def test_year_of_around_nowruz(day: date, py: int) -> None:
    assert persian_year_of(day) == py


def test_persian_month_bounds() -> None:
    assert persian_month_bounds(1400, 3) == (date(2021, 5, 22), date(2021, 6, 21))
    assert persian_month_bounds(1403, 12)[1] == date(2025, 3, 20)


def test_out_of_range_year_is_rejected() -> None:
    with pytest.raises(ValueError):
        persian_year_bounds(25)


@given(st.integers(min_value=1300, max_value=1500))
def test_persian_years_tile_the_calendar(py: int) -> None:
    start, end = persian_year_bounds(py)
    assert persian_year_of(start) == py
    assert persian_year_of(end) == py
    assert persian_year_of(end + timedelta(days=1)) == py + 1
    assert persian_year_bounds(py + 1)[0] == end + timedelta(days=1)
    assert 365 <= (end - start).days + 1 <= 366


@given(st.dates(min_value=date(1925, 1, 1), max_value=date(2100, 12, 31)))
def test_round_trip_day_lies_in_its_year(d: date) -> None:
    start, end = persian_year_bounds(persian_year_of(d))
    assert start <= d <= end


def test_fiscal_years() -> None:
    assert fiscal_year_bounds(2023, 4, 1) == (date(2023, 4, 1), date(2024, 3, 31))
    assert fiscal_year_bounds(2024, 7) == (date(2024, 7, 1), date(2025, 6, 30))
    assert fiscal_year_bounds(2023, 1) == (date(2023, 1, 1), date(2023, 12, 31))
    assert fiscal_start_year(2024, 4, 1) == 2023
    assert fiscal_year_containing(date(2024, 2, 1), 4, 1) == (date(2023, 4, 1), date(2024, 3, 31))


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 1, 1)), st.integers(1, 12), st.integers(1, 28))
def test_fiscal_year_contains_its_days(d: date, month: int, day: int) -> None:
    start, end = fiscal_year_containing(d, month, day)
    assert start <= d <= end
    assert 365 <= (end - start).days + 1 <= 366


def test_period_helpers() -> None:
    assert quarter_period(2023, 3).value == "2023-Q3"
    assert shift_period_years(quarter_period(2023, 3), -1).value == "2022-Q3"
    assert week_period(date(2023, 6, 10)).value == "2023-W23"


def test_persian_months_span_and_shift() -> None:
    assert persian_months_span(1402, 1, 6) == (date(2023, 3, 21), date(2023, 9, 22))
    mordad = persian_month_bounds(1402, 5)
    assert shift_persian_months(*mordad, -1) == persian_month_bounds(1402, 4)
    assert shift_persian_months(*mordad, -12) == persian_month_bounds(1401, 5)
    assert shift_persian_months(date(2023, 7, 1), date(2023, 7, 31), -1) is None  # not whole Persian months


@given(st.integers(1300, 1500), st.integers(1, 12), st.integers(-30, 30))
def test_shift_persian_months_property(py: int, month: int, months: int) -> None:
    start, end = persian_month_bounds(py, month)
    assert is_persian_month_end(end)
    moved = shift_persian_months(start, end, months)
    assert moved is not None
    index = py * 12 + month - 1 + months
    assert moved == persian_month_bounds(index // 12, index % 12 + 1)


# --- windows and the period under discussion (CalendarFrame) ----------------------------


def _frame(published: date | None = date(2024, 9, 20)) -> CalendarFrame:
    return CalendarFrame("", published, TimeContext())


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(1, 8))
def test_week_windows_end_on_the_stated_day_property(end: date, weeks: int) -> None:
    p = _frame().window_ending(end, weeks, "W", day_given=True)
    assert p.end == end
    assert p.start is not None and (end - p.start).days + 1 == 7 * weeks


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(1, 24))
def test_previous_window_abuts_the_anchor_property(day: date, months: int) -> None:
    frame = _frame()
    end = add_months(date(day.year, day.month, 1), 1) - timedelta(days=1)  # "the N months to <month>"
    window = frame.window_ending(end, months, "M", day_given=False)
    frame.anchor = Res("DATE", window.value, window)
    before = frame.previous_window(None, None)
    assert before is not None and before.period is not None and window.start is not None
    assert before.period.end == window.start - timedelta(days=1)
    assert before.period.start is not None and before.period.start.day == 1
    assert frame.quarter_like(before) == (months == 3)


def test_latest_completed_and_next_month() -> None:
    frame = _frame(date(2024, 9, 20))
    assert frame.completed_year_of(8, None) == 2024
    assert frame.completed_year_of(9, None) == 2023  # September 2024 is not over
    assert frame.next_year_of(9, None) == 2024
    assert frame.next_year_of(3, 31) == 2025
    assert _frame(None).completed_year_of(8, None) is None
