"""Time expressions: detection, TimeML values and intervals, contexts, and real-corpus checks."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.extract.dates.detect import TimeContext, detect_time_context, find_times
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


def test_an_explicit_running_year_is_to_date_only_with_a_to_date_cue() -> None:
    assert span(one("Orders for 2023 already amount to $1 billion.", "2023", date(2023, 9, 26))) == (
        date(2023, 1, 1), None)
    assert span(one("Orders rose 5% in 2023.", "2023", date(2023, 9, 26))) == (date(2023, 1, 1), date(2023, 12, 31))
    assert span(one("Orders for 2022 already amount to $1 billion.", "2022", date(2023, 9, 26))) == (
        date(2022, 1, 1), date(2022, 12, 31))


def test_march_to_march_in_an_iranian_context_is_a_persian_year() -> None:
    text = "Exports rose to $1 billion from March 2022 to March 2023."
    assert span(one(text, "March 2022", AUG, IRAN)) == (date(2022, 3, 21), date(2023, 3, 20))
    assert span(one(text, "March 2022", AUG, GREG)) == (date(2022, 3, 1), date(2023, 3, 31))


def test_persian_year_that_ended_and_since_then() -> None:
    text = "Output averaged 2.5 million bpd in the Iranian year that ended in March and has risen since then."
    times = {t.text: t for t in find_times(text, date(2023, 10, 23), IRAN)}
    assert span(times["the Iranian year that ended in March"]) == (date(2022, 3, 21), date(2023, 3, 20))
    assert span(times["since then"]) == (date(2023, 3, 21), None)


@pytest.mark.parametrize(
    ("phrase", "bounds"),
    [
        ("the Iranian year that ended on March 20, 2024", (date(2023, 3, 21), date(2024, 3, 19))),
        ("the Iranian year that ended on March 21, 2023", (date(2022, 3, 21), date(2023, 3, 20))),
        ("the Iranian year that ended on March 19, 2024", (date(2023, 3, 21), date(2024, 3, 19))),
    ],
)
def test_persian_year_that_ended_on_its_new_years_day(phrase: str, bounds: tuple[date, date]) -> None:
    # outlets print the end as Nowruz itself (the next year's first day) or the day before
    text = f"Exports tripled in {phrase}, the minister said."
    assert span(one(text, phrase, date(2023, 10, 23), IRAN)) == bounds


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


# --- third round: general gaps seen on unseen text --------------------------------------


def detected(text: str, phrase: str, published: date) -> TimeExpression:
    """The expression containing ``phrase``, with the calendar detected from the text."""
    return one(text, phrase, published, detect_time_context(text))


@pytest.mark.parametrize(
    ("text", "phrase", "start", "end"),
    [
        ("Egypt's deficit narrowed in the fiscal year 2024/25, Cairo said.", "2024/25", date(2024, 7, 1),
         date(2025, 6, 30)),
        ("Japan's exports rose in FY2023/24, Tokyo said.", "FY2023/24", date(2023, 4, 1), date(2024, 3, 31)),
        ("India's imports climbed in 2023/2024, New Delhi said.", "2023/2024", date(2023, 4, 1),
         date(2024, 3, 31)),
        ("British tax receipts rose in 2022/23 as wages grew.", "2022/23", date(2022, 4, 1), date(2023, 3, 31)),
        ("Australian miners shipped more ore in the 2023/24 fiscal year.", "2023/24", date(2023, 7, 1),
         date(2024, 6, 30)),
        ("Revenue grew in fiscal 2023/24, which ended on June 30, the firm said.", "fiscal 2023/24",
         date(2023, 7, 1), date(2024, 6, 30)),
        ("Pakistan's levy rose in the financial year 2023-24.", "2023-24", date(2023, 7, 1), date(2024, 6, 30)),
        ("Orders fell in fiscal 2024, which ended in September, the firm said.", "fiscal 2024",
         date(2023, 10, 1), date(2024, 9, 30)),
    ],
)
def test_split_fiscal_years(text: str, phrase: str, start: date, end: date) -> None:
    t = detected(text, phrase, date(2025, 8, 1))
    assert t.calendar == "fiscal"
    assert span(t) == (start, end)


def test_stated_fiscal_end_joins_the_expression() -> None:
    t = detected("Revenue grew in fiscal 2023/24, which ended on June 30, the firm said.", "2023/24",
                 date(2024, 9, 1))
    assert t.text.endswith("June 30")  # the day states the calendar, it is not a period of its own


def test_split_fiscal_year_without_a_known_calendar_has_no_interval() -> None:
    t = detected("Spending in the fiscal year 2024/25 will rise.", "2024/25", date(2024, 6, 1))
    assert span(t) == (None, None)
    assert not [x for x in find_times("Plans for 2023/25 were shelved.", date(2024, 6, 1), GREG)
                if x.calendar == "fiscal"]  # not consecutive years


@pytest.mark.parametrize(
    ("text", "phrase", "published", "start", "end"),
    [
        ("Retail sales rose 2% in the three months to August.", "three months to August", date(2024, 9, 20),
         date(2024, 6, 1), date(2024, 8, 31)),
        ("Retail sales rose 2% in the three months to August.", "three months to August", date(2024, 8, 15),
         date(2023, 6, 1), date(2023, 8, 31)),  # August 2024 is not over yet: the last completed one
        ("Fuel prices rose in the week to October 13.", "week to October 13", date(2024, 10, 17),
         date(2024, 10, 7), date(2024, 10, 13)),
        ("Rents rose 4% in the 12 months to March.", "12 months to March", date(2024, 4, 20), date(2023, 4, 1),
         date(2024, 3, 31)),
        ("Profit doubled in the six months ended Sept. 30.", "six months ended Sept. 30", date(2024, 11, 2),
         date(2024, 4, 1), date(2024, 9, 30)),
        ("Output grew in the two weeks to May 14, 2022.", "two weeks to May 14, 2022", date(2024, 1, 1),
         date(2022, 5, 1), date(2022, 5, 14)),
    ],
)
def test_rolling_windows_ending_at_a_month_or_day(text: str, phrase: str, published: date, start: date,
                                                   end: date) -> None:
    t = one(text, phrase, published)
    assert t.type == "DATE"
    assert span(t) == (start, end)


def test_previous_window_is_the_one_before_the_window_discussed() -> None:
    text = "Sales rose 2% in the three months to August, after a 1% fall in the previous three-month period."
    t = one(text, "previous three-month period", date(2024, 9, 20))
    assert span(t) == (date(2024, 3, 1), date(2024, 5, 31))
    text = "Prices rose in the two weeks to October 13, faster than in the preceding two weeks."
    assert span(one(text, "preceding two weeks", date(2024, 10, 17))) == (date(2024, 9, 16), date(2024, 9, 29))
    text = "Prices rose in the week to October 13, faster than in the preceding two years."
    assert one(text, "preceding two years", date(2024, 10, 17)).type == "DURATION"  # not a like window
    # with no window before it, "the preceding three months" is only a length
    assert one("Costs in the preceding three months rose.", "preceding three months").type == "DURATION"


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Output rose 3% in the January-March quarter, the agency said.", date(2024, 5, 10), "2024-Q1"),
        ("Output rose 3% in the January-March quarter, the agency said.", date(2024, 2, 10), "2023-Q1"),
        ("Output is forecast to rise in the January-March quarter.", date(2024, 11, 10), "2025-Q1"),
        ("Steel output rose in the July-September quarter.", date(2024, 10, 30), "2024-Q3"),
    ],
)
def test_named_month_quarters(text: str, published: date, value: str) -> None:
    assert one(text, "quarter", published).value == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Profit rose 5% in the third quarter, the company said.", date(2025, 5, 14), "2024-Q3"),
        ("Profit rose 5% in the second quarter, the company said.", date(2025, 5, 14), "2025-Q2"),
        ("Profit will rise 5% in the third quarter, the company said.", date(2025, 5, 14), "2025-Q3"),
        ("Profit rose 5% in the fourth quarter, the company said.", date(2025, 1, 20), "2024-Q4"),
    ],
)
def test_a_quarter_without_a_year_is_the_latest_begun_unless_looking_ahead(text: str, published: date, value: str) -> None:
    assert one(text, "quarter", published).value == value


def test_parts_of_the_year_in_a_forecast_are_of_the_current_year() -> None:
    pub = date(2024, 11, 10)
    past = "Sales fell in 2023. Growth recovered in the second half of the year."
    assert one(past, "second half", pub).value == "2023-H2"  # the year under discussion
    future = "Sales fell in 2023. Growth is expected to pick up in the second half of the year."
    assert one(future, "second half", pub).value == "2024-H2"
    nine = one("Exports rose 6% in the first nine months of the year.", "nine months", pub)
    assert span(nine) == (date(2024, 1, 1), date(2024, 9, 30))


def test_comparison_periods_are_not_what_the_text_goes_on_about() -> None:
    pub = date(2024, 8, 10)
    text = ("Profit rose in the second quarter of 2024, compared with the fourth quarter of 2019. "
            "In the quarter, margins widened.")
    times = find_times(text, pub, GREG)
    assert [t.value for t in times if t.text.lower() == "the quarter"] == ["2024-Q2"]
    text = "Sales rose 3% in 2024, up from 2019. In the year, costs fell."
    assert one(text, "the year", date(2025, 2, 10)).value == "2024"
    text = "Sales rose 5% in the three months to June. Over the quarter, costs fell."
    assert span(one(text, "the quarter", pub)) == (date(2024, 4, 1), date(2024, 6, 30))


def test_same_period_of_another_year() -> None:
    text = "Sales rose 5% in the first half of 2024, compared with the same period of 2023."
    t = one(text, "same period of 2023", date(2024, 8, 10))
    assert span(t) == (date(2023, 1, 1), date(2023, 6, 30))
    assert t.is_baseline
    text = "Revenue rose in the three months to August, against the same period in 2022."
    assert span(one(text, "same period in 2022", date(2024, 9, 20))) == (date(2022, 6, 1), date(2022, 8, 31))
    assert span(one("Imports matched the same period of 2021.", "2021", date(2024, 9, 20))) == (
        date(2021, 1, 1), date(2021, 12, 31))  # nothing under discussion: the whole year


@pytest.mark.parametrize(
    "text",
    [
        "Imports rose in the year 1404, the customs office said.",
        "A budget for the year 1404 was approved.",
        "The budget for the year 1404, which begins on March 21, 2025, was approved.",
        "Imports will rise in 1404, the customs office said.",
    ],
)
def test_persian_years_outside_an_iranian_context(text: str) -> None:
    t = one(text, "1404", date(2025, 1, 10))
    assert t.calendar == "persian"
    assert span(t) == (date(2025, 3, 21), date(2026, 3, 20))


def test_counts_between_1300_and_1499_are_not_persian_years() -> None:
    times = find_times("The firm employs 1400 workers in 1450 villages.", date(2025, 1, 10), GREG)
    assert not [t for t in times if t.calendar == "persian"]


def test_deadlines_in_expectations_are_the_next_such_month() -> None:
    pub = date(2024, 11, 10)
    t = one("The company expects to finish the plant by the end of March.", "March", pub)
    assert span(t) == (None, date(2025, 3, 31))
    t = one("The plant had doubled its output by the end of March.", "March", pub)
    assert span(t) == (None, date(2024, 3, 31))
    assert one("The new tariff will take effect on April 1.", "April 1", pub).value == "2025-04-01"


def test_dated_clauses_are_open_intervals() -> None:
    pub = date(2024, 8, 10)
    t = one("Prices rose 8% before the subsidy was cut on July 1.", "July 1", pub)
    assert t.text == "before the subsidy was cut on July 1"
    assert span(t) == (None, date(2024, 6, 30))
    t = one("Some 40 people have died since the rains began on January 12.", "January 12", pub)
    assert t.text == "since the rains began on January 12"
    assert span(t) == (date(2024, 1, 12), None)
    t = one("Rates have risen since the war began in February 2022.", "February 2022", pub)
    assert span(t) == (date(2022, 2, 1), None)
    # a speech verb dates the statement, not a clause
    t = one("Nothing changed since the minister said on July 1 that prices would rise.", "July 1", pub)
    assert span(t) == (date(2024, 7, 1), date(2024, 7, 1))


def test_possessive_day_events_are_that_day() -> None:
    pub = date(2024, 2, 10)  # a Saturday
    t = one("Stocks fell 3% in Thursday's session.", "Thursday", pub)
    assert t.text == "Thursday's session" and t.type == "DATE"
    assert span(t) == (date(2024, 2, 8), date(2024, 2, 8))
    t = one("Friday's quake killed 200 people.", "Friday", pub)
    assert t.text == "Friday's quake" and span(t) == (date(2024, 2, 9), date(2024, 2, 9))
    assert one("Officials met on Friday.", "Friday", pub).text == "Friday"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(1, 12),
       st.integers(1, 12))
def test_month_window_property(published: date, months: int, month: int) -> None:
    name = MONTH_NAMES[month - 1]
    t = one(f"Sales rose in the {months} months to {name}.", f"to {name}", published)
    assert t.period_start is not None and t.period_end is not None
    assert t.period_end <= published  # a window already over
    assert t.period_end.month == month and (t.period_end + timedelta(days=1)).day == 1
    assert t.period_start.day == 1
    covered = (t.period_end.year * 12 + t.period_end.month) - (t.period_start.year * 12 + t.period_start.month) + 1
    assert covered == months


def test_fiscal_year_ending_a_month_sets_the_fiscal_calendar() -> None:
    text = "The group raised its forecast for the fiscal year ending March 2025. Sales rose 4% in the first half."
    context = detect_time_context(text)
    assert context.fiscal_start == (4, 1)
    times = {t.text: t for t in find_times(text, date(2024, 11, 8), context)}
    assert span(times["the fiscal year ending March 2025"]) == (date(2024, 4, 1), date(2025, 3, 31))
    assert span(times["the first half"]) == (date(2024, 4, 1), date(2024, 9, 30))


def test_as_much_as_in_a_year_is_a_baseline_and_not_the_discussed_period() -> None:
    text = "Visitors spent $9 billion in the first quarter of 2025, twice as much as in the first quarter of 2019."
    times = find_times(text, date(2025, 4, 20))
    assert [t.is_baseline for t in times] == [False, True]


def test_a_year_in_an_event_name_is_not_a_period() -> None:
    found = find_times("Exhibitors at the Navy-2024 show and the Expo-2020 site met in 2023.", date(2024, 5, 1))
    assert [t.text for t in found] == ["2023"]


def test_a_window_of_years_in_short_form() -> None:
    [window] = find_times("In the period 1998-02 the fleet shrank.", date(2004, 1, 1))
    assert (window.period_start, window.period_end) == (date(1998, 1, 1), date(2002, 12, 31))
    # a split year stays one fiscal year
    [fiscal] = find_times("Revenue in the financial year 2021-22 rose.", date(2023, 1, 1))
    assert fiscal.value != "2021-01-01/2022-12-31"


def test_two_windows_compared_make_the_first_the_baseline() -> None:
    first, second = find_times("Imports grew 40 percent between 1994-98 and 1999-2003.", date(2004, 3, 1))
    assert first.is_baseline and not second.is_baseline
    assert (second.period_start, second.period_end) == (date(1999, 1, 1), date(2003, 12, 31))


def test_during_the_past_year_is_the_previous_year_of_the_source_calendar() -> None:
    text = "Exports of the state arsenal tripled during the past Iranian year; output doubled during the past year."
    ctx = detect_time_context(text)
    past = [t for t in find_times(text, date(2023, 6, 11), ctx) if t.text == "the past year"]
    assert [(t.period_start, t.period_end) for t in past] == [(date(2022, 3, 21), date(2023, 3, 20))]
    rolling = find_times("Prices rose over the past year.", date(2023, 6, 11))
    assert [(t.period_start, t.period_end) for t in rolling] == [(None, None)]


def test_a_bracketed_gloss_restates_the_time_before_it() -> None:
    text = "Officials said the Iranian year 1399 (March 2020 to March 2021) was hard. The 1400 budget (March 2021 - March 2022) grew."
    found = find_times(text, date(2022, 6, 1), detect_time_context(text))
    glosses = [t.text for t in found if t.glosses_previous]
    assert glosses == ["March 2020 to March 2021", "March 2021 - March 2022"]
    assert not any(t.glosses_previous for t in find_times("Sales rose in 2021 (and in 2022).", date(2023, 1, 1)))


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("India's defence exports reached Rs 21,083 crore in 2023-24.", (date(2023, 4, 1), date(2024, 3, 31))),
        ("Pakistan's exports reached $1.2 billion in 2023-24.", (date(2023, 7, 1), date(2024, 6, 30))),
        ("India's wheat output reached 112 million tonnes in the 2023-24 crop year.", None),
        ("Exports reached $3 billion in 2023-24.", None),
    ],
)
def test_a_bare_year_pair_is_a_south_asian_fiscal_year(text: str, bounds: tuple[date, date] | None) -> None:
    found = one(text, "2023-24", date(2024, 5, 14), context=detect_time_context(text))
    assert (span(found) if found.period_start else None) == bounds
