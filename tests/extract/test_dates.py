"""Time expressions: detection, TimeML values and intervals, contexts, and real-corpus checks."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.extract.dates import TimeContext, detect_time_context, find_times
from claimwatch.model import TimeExpression

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
PUB = date(2023, 6, 11)  # a Sunday
GREG = TimeContext(persian=False)
IRAN = TimeContext(persian=True)
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]  # fmt: skip
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def one(text: str, phrase: str, published: date | None = PUB, context: TimeContext = GREG) -> TimeExpression:
    """The expression whose text contains ``phrase``."""
    found = [t for t in find_times(text, published, context) if phrase in t.text]
    assert found, f"{phrase!r} not found in {[t.text for t in find_times(text, published, context)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "start", "end"),
    [
        ("The deal was signed on June 10, 2023 in Rome.", "June 10, 2023", "2023-06-10", "2023-06-10", "2023-06-10"),
        ("Talks began 10 June 2023 in Oslo.", "10 June 2023", "2023-06-10", "2023-06-10", "2023-06-10"),
        ("The plant opened on May 27.", "May 27", "2023-05-27", "2023-05-27", "2023-05-27"),
        ("Filed 2023-06-11 by the clerk.", "2023-06-11", "2023-06-11", "2023-06-11", "2023-06-11"),
        ("Prices peaked on 15November 2023, traders said.", "15November 2023", "2023-11-15", "2023-11-15",
         "2023-11-15"),
        ("Output fell in 2022, the agency said.", "2022", "2022", "2022-01-01", "2022-12-31"),
        ("Sales rose in the first half of 2023.", "first half of 2023", "2023-H1", "2023-01-01", "2023-06-30"),
        ("Revenue for H1 2023 was flat.", "H1 2023", "2023-H1", "2023-01-01", "2023-06-30"),
        ("Exports grew between March and December 2022.", "March and December 2022", "2022-03-01/2022-12-31",
         "2022-03-01", "2022-12-31"),
        ("Jobs grew between 2015 and 2019 overall.", "2015 and 2019", "2015-01-01/2019-12-31", "2015-01-01",
         "2019-12-31"),
        ("Imports fell last year, the office said.", "last year", "2022", "2022-01-01", "2022-12-31"),
        ("The fleet will grow next year.", "next year", "2024", "2024-01-01", "2024-12-31"),
        ("Rents rose in March.", "March", "2023-03", "2023-03-01", "2023-03-31"),
        ("A survey was published yesterday.", "yesterday", "2023-06-10", "2023-06-10", "2023-06-10"),
        ("The firm hired staff last month.", "last month", "2023-05", "2023-05-01", "2023-05-31"),
        ("The trend began in the 1990s.", "1990s", "199", "1990-01-01", "1999-12-31"),
        ("The mine closed a decade ago.", "a decade ago", "2013", "2013-01-01", "2013-12-31"),
        ("Profit in the third quarter of 2022 fell.", "third quarter of 2022", "2022-Q3", "2022-07-01",
         "2022-09-30"),
        ("Sales from August 22-28 doubled.", "August 22-28", "2023-08-22/2023-08-28", "2023-08-22", "2023-08-28"),
    ],
)
def test_explicit_and_relative_forms(text: str, phrase: str, value: str, start: str, end: str) -> None:
    t = one(text, phrase)
    assert t.type == "DATE"
    assert t.value == value
    assert (str(t.period_start), str(t.period_end)) == (start, end)


def test_weekday_is_latest_on_or_before_publication() -> None:
    t = one("The minister said on Saturday that output rose.", "Saturday")
    assert t.value == "2023-06-10"
    assert one("Officials met on Sunday.", "Sunday").value == "2023-06-11"  # the publication day itself
    assert one("Talks will resume next Monday.", "Monday").value == "2023-06-12"


def test_persian_forms() -> None:
    text = "In the past Persian calendar year, which ended on March 20, exports tripled."
    t = one(text, "Persian calendar year", context=IRAN)
    assert t.text.endswith("March 20")
    assert (t.period_start, t.period_end) == (date(2022, 3, 21), date(2023, 3, 20))
    assert t.calendar == "persian" and not t.persian_reading
    t = one("Output rose in the Iranian year 1401.", "1401", context=IRAN)
    assert (t.period_start, t.period_end) == (date(2022, 3, 21), date(2023, 3, 20))
    t = one("Exports rose last year, the general said.", "last year", context=IRAN)
    assert t.persian_reading and (t.period_start, t.period_end) == (date(2022, 3, 21), date(2023, 3, 20))
    t = one("Exports rose in the current Iranian year.", "current Iranian year", published=date(2023, 11, 15))
    assert t.period_start == date(2023, 3, 21)
    t = one("Sales in Khordad 1400 rose.", "Khordad 1400")
    assert (t.period_start, t.period_end) == (date(2021, 5, 22), date(2021, 6, 21))


def test_fiscal_years() -> None:
    india = TimeContext(fiscal_start=(4, 1))
    t = one("Exports reached Rs 100 crore in the financial year 2023-24.", "2023-24", context=india)
    assert (t.period_start, t.period_end) == (date(2023, 4, 1), date(2024, 3, 31))
    assert t.calendar == "fiscal"
    t = one("Sales in FY24 rose.", "FY24", context=india)
    assert (t.period_start, t.period_end) == (date(2023, 4, 1), date(2024, 3, 31))
    t = one("Spending in fiscal 2024 rose.", "fiscal 2024", context=TimeContext(fiscal_start=(10, 1)))
    assert (t.period_start, t.period_end) == (date(2023, 10, 1), date(2024, 9, 30))
    text = "Spending in the fiscal year 2024-25 rose by 10 per cent over the previous fiscal."
    t = one(text, "previous fiscal", context=TimeContext(fiscal_start=(7, 1)))
    assert (t.period_start, t.period_end) == (date(2023, 7, 1), date(2024, 6, 30))


def test_detect_time_context() -> None:
    assert detect_time_context("Tehran said on Monday, IRNA reported.").persian
    assert not detect_time_context("Paris said on Monday that Iran was mentioned.").persian
    assert detect_time_context("The fiscal year ending June 30 closed well.").fiscal_start == (7, 1)
    assert detect_time_context("India spent Rs 5 crore in the financial year 2023-24.").fiscal_start == (4, 1)
    assert detect_time_context("Pakistan's budget for fiscal year 2024-25 in Islamabad.").fiscal_start == (7, 1)
    assert detect_time_context("Rates rose in 2023.").fiscal_start is None


def test_durations_and_baselines() -> None:
    t = one("Sales rose over the past two years.", "past two years")
    assert t.type == "DURATION" and t.value == "P2Y"
    assert t.period_start is None and t.period_end is None  # a rolling window, not a calendar period
    t = one("Prices rose 8% over the past year.", "past year")
    assert t.value == "2022" and t.period_start is None and t.period_end is None
    t = one("Deliveries were up compared to the last two years.", "last two years")
    assert t.is_baseline
    t = one("Imports in the past 33 months grew.", "33 months")
    assert t.value == "P33M" and not t.is_baseline


def test_anaphoric_year_earlier_follows_the_discussed_period() -> None:
    text = "Profit in the third quarter of 2022 rose 5% from a year earlier."
    t = one(text, "a year earlier")
    assert t.value == "2021-Q3" and t.is_baseline


def test_without_publication_date_relative_expressions_stay_unresolved() -> None:
    times = find_times("On Saturday the minister said exports rose last year and in 2021.", None, GREG)
    by_text = {t.text: t for t in times}
    assert by_text["Saturday"].value is None and by_text["Saturday"].period_start is None
    assert by_text["last year"].value is None
    assert by_text["2021"].value == "2021"


def test_open_intervals() -> None:
    assert one("Loans run until 2026.", "2026").period_start is None
    t = one("Growth resumes after 2026.", "2026")
    assert t.period_start == date(2027, 1, 1) and t.period_end is None


def test_not_dates() -> None:
    texts = ["You may go now or never.", "They march on.", "The army has 2000 troops.", "It cost $2019."]
    for text in texts:
        assert not [t for t in find_times(text, PUB, GREG) if t.value not in (None, "PRESENT_REF")]


def test_blanked_runs_are_ignored() -> None:
    text = "June" + " " * 20 + "10, 2023 was busy. Sales rose in 2022."
    values = [t.value for t in find_times(text, PUB, GREG)]
    assert "2023-06-10" not in values and "2022" in values


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)), st.sampled_from(["mdy", "dmy", "iso"]))
def test_explicit_dates_round_trip(d: date, style: str) -> None:
    month = MONTH_NAMES[d.month - 1]
    written = {"mdy": f"{month} {d.day}, {d.year}", "dmy": f"{d.day} {month} {d.year}", "iso": d.isoformat()}[style]
    text = f"The report was released on {written} in the capital."
    times = find_times(text, None, GREG)
    assert [(t.text, t.value) for t in times] == [(written, d.isoformat())]
    assert text[times[0].start : times[0].end] == written


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 6))
def test_weekday_property(pub: date, weekday: int) -> None:
    t = one(f"The ministry said on {WEEKDAY_NAMES[weekday]} that output rose.", WEEKDAY_NAMES[weekday], published=pub)
    assert t.period_start is not None
    assert t.period_start.weekday() == weekday
    assert pub - timedelta(days=6) <= t.period_start <= pub


@pytest.mark.skipif(not (SHARED / "corpus" / "seeds").is_dir(), reason="/work/shared not available")
def test_seed_article_periods() -> None:
    seed = next((SHARED / "corpus" / "seeds").glob("000_*.txt"))
    gold = [json.loads(line) for line in (SHARED / "gold" / "seeds.jsonl").read_text().splitlines() if line.strip()]
    doc = next(g for g in gold if g["doc"] == seed.name)
    published = date.fromisoformat(doc["published"])
    times = find_times(seed.read_text(encoding="utf-8"), published)
    resolved = {(str(t.period_start), str(t.period_end)) for t in times}
    said = {str(t.period_start) for t in times if t.period_start == t.period_end}
    for claim in doc["claims"]:
        if claim["period_start"]:
            assert (claim["period_start"], claim["period_end"]) in resolved
        if claim["said_on"]:
            assert claim["said_on"] in said


# --- second round: forms met in news about Iranian, fiscal and anaphoric periods ------

AUG = date(2023, 8, 27)  # in the sixth Persian month (Shahrivar) of 1402


def span(t: TimeExpression) -> tuple[date | None, date | None]:
    return t.period_start, t.period_end


def test_persian_months_of_the_current_iranian_year() -> None:
    pub = date(2023, 11, 14)
    text = "Shipments reached $2 billion in the first six months of the current Iranian year."
    assert span(one(text, "first six months", pub, IRAN)) == (date(2023, 3, 21), date(2023, 9, 22))
    text = "Revenue doubled in the first half of the Iranian year, the minister said."
    assert span(one(text, "first half", pub, IRAN)) == (date(2023, 3, 21), date(2023, 9, 22))
    # with no period under discussion, "the year" in an Iranian context is the Persian year
    text = "Output rose in the first half of the year."
    assert span(one(text, "first half", pub, IRAN)) == (date(2023, 3, 21), date(2023, 9, 22))
    text = "Tests of 9 systems took place in the first five months of the Iranian year 1402."
    assert span(one(text, "first five months", None, IRAN)) == (date(2023, 3, 21), date(2023, 8, 22))


def test_gregorian_months_of_a_year_keep_their_values() -> None:
    assert one("Sales fell in the first six months of 2022.", "first six months").value == "2022-H1"
    t = one("Sales fell in the first seven months of 2022.", "first seven months")
    assert span(t) == (date(2022, 1, 1), date(2022, 7, 31))


def test_month_ending_and_persian_months() -> None:
    text = ("Prices rose 40 percent in the month ending August 22, the fifth month of the current Iranian year, "
            "from 43 percent a month earlier. Rents climbed 30 percent in Mordad.")
    times = {t.text: t for t in find_times(text, AUG, IRAN)}
    mordad = (date(2023, 7, 23), date(2023, 8, 22))
    assert span(times["the month ending August 22"]) == mordad
    assert span(times["the fifth month of the current Iranian year"]) == mordad
    assert span(times["a month earlier"]) == (date(2023, 6, 22), date(2023, 7, 22))
    assert span(times["Mordad"]) == mordad
    # outside an Iranian context the month ending a day is the month back from it
    t = one("Sales rose in the month ended June 5.", "month ended June 5")
    assert span(t) == (date(2023, 5, 6), date(2023, 6, 5))


def test_persian_month_names_that_are_also_names_need_a_preposition() -> None:
    assert not [t for t in find_times("Mehr News reported the figure.", AUG, IRAN) if "Mehr" in t.text]
    assert span(one("Sales fell in Mehr.", "Mehr", date(2023, 11, 1), IRAN)) == (date(2023, 9, 23), date(2023, 10, 22))


def test_anaphoric_years_follow_the_period_discussed() -> None:
    text = "Sales tripled in the Iranian year 1401. Output rose 20 percent in the same year."
    assert span(one(text, "the same year", AUG, IRAN)) == (date(2022, 3, 21), date(2023, 3, 20))
    text = "Output stood at 2 million barrels in the Iranian year 1398 but fell the next year."
    assert span(one(text, "the next year", AUG, IRAN)) == (date(2020, 3, 20), date(2021, 3, 20))
    text = "Exports were $5 billion in 2019, and imports doubled that year."
    assert one(text, "that year").value == "2019"
    # without a past period under discussion, "next year" stays relative to publication
    assert one("The fleet will grow the next year.", "next year").value == "2024"


def test_previous_fiscal_year_is_before_the_year_under_discussion() -> None:
    pakistan = TimeContext(fiscal_start=(7, 1))
    text = ("The budget for the fiscal year 2024-25 is Rs2,100 billion, up from Rs1,800 billion for the fiscal "
            "year 2023-24. Its share fell compared to the previous year.")
    assert span(one(text, "previous year", date(2024, 6, 13), pakistan)) == (date(2023, 7, 1), date(2024, 6, 30))
    assert one("Exports rose 30 per cent over the previous fiscal.", "previous fiscal",
               context=TimeContext(fiscal_start=(4, 1))).is_baseline
    assert not one("Exports rose over the past two years.", "past two years").is_baseline


def test_this_year_in_a_fiscal_sentence_is_the_fiscal_year() -> None:
    pakistan = TimeContext(fiscal_start=(7, 1))
    text = "Inflation should fall to 12 percent in the next fiscal year from 24 percent this year."
    assert span(one(text, "this year", date(2024, 6, 12), pakistan)) == (date(2023, 7, 1), date(2024, 6, 30))


def test_this_year_whole_or_to_date() -> None:
    # mid-year tallies run to date; year-end totals and forecasts cover the year
    assert span(one("Cases rose to 500 this year.", "this year")) == (date(2023, 1, 1), None)
    assert span(one("Sales this year totaled $9 billion.", "this year", date(2023, 12, 28))) == (
        date(2023, 1, 1), date(2023, 12, 31))
    assert span(one("Sales could reach $9 billion this year.", "this year")) == (date(2023, 1, 1), date(2023, 12, 31))
    assert span(one("So far this year sales rose 5%.", "this year", date(2023, 12, 28))) == (date(2023, 1, 1), None)


def test_march_to_march_in_an_iranian_context_is_a_persian_year() -> None:
    text = "Exports rose to $1 billion from March 2022 to March 2023."
    assert span(one(text, "March 2022", AUG, IRAN)) == (date(2022, 3, 21), date(2023, 3, 20))
    assert span(one(text, "March 2022", AUG, GREG)) == (date(2022, 3, 1), date(2023, 3, 31))


def test_persian_year_that_ended_and_since_then() -> None:
    text = "Output averaged 2.5 million bpd in the Iranian year that ended in March and has risen since then."
    times = {t.text: t for t in find_times(text, date(2023, 10, 23), IRAN)}
    assert span(times["the Iranian year that ended in March"]) == (date(2022, 3, 21), date(2023, 3, 20))
    assert span(times["since then"]) == (date(2023, 3, 21), None)


def test_open_intervals_with_since_by_and_before_the_end_of() -> None:
    assert span(one("Contracts signed since March 21 rose.", "March 21", date(2023, 11, 14))) == (
        date(2023, 3, 21), None)
    assert span(one("Output would reach 2 million by the end of 2024.", "2024")) == (None, date(2024, 12, 31))
    t = one("Inflation should fall by the end of the Iranian year 1402.", "1402", AUG, IRAN)
    assert span(t) == (None, date(2024, 3, 19))
    assert span(one("Two lines will open before the end of the current year.", "current year", AUG, IRAN)) == (
        None, date(2024, 3, 19))


def test_possessive_weekday_is_the_day_of_the_event() -> None:
    t = one("Rescuers searched for survivors after Friday's quake.", "Friday", date(2025, 3, 30))
    assert span(t) == (date(2025, 3, 28), date(2025, 3, 28))


def test_detect_persian_context_from_a_year_counted_from_march_21() -> None:
    text = "Trade grew from March 21 to June 21. Exports from March 21 to July 22 rose."
    assert detect_time_context(text).persian
    assert not detect_time_context("Trade grew from March 21 to June 21.").persian


@given(st.integers(1380, 1420), st.integers(1, 12))
def test_persian_month_with_year_property(py: int, month: int) -> None:
    names = ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey",
             "Bahman", "Esfand"]
    t = one(f"Output rose in {names[month - 1]} {py}, the agency said.", str(py), None, IRAN)
    assert t.period_start is not None and t.period_end is not None
    assert 28 <= (t.period_end - t.period_start).days <= 30
    assert t.period_start.year in (py + 621, py + 622)


def test_comparison_year_does_not_replace_the_period_under_discussion() -> None:
    text = ("Cases from January 1 to May 31 this year rose 50% over 2022. "
            "Deaths were 90, against 60 in the same period last year.")
    t = one(text, "the same period last year")
    assert span(t) == (date(2022, 1, 1), date(2022, 5, 31))
