"""Claim-stage attribution: period, said_on, speaker and confidence on short made-up texts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.extract import claims as claims_stage
from claimwatch.extract.pipeline import Extractor
from claimwatch.model import Claim

from .conftest import claims_of


def _claims(extractor: Extractor, text: str, published: date | None = date(2024, 3, 10)) -> list[Claim]:
    return claims_of(extractor, text, published)


def _claim(claims: list[Claim], value: float) -> Claim:
    found = [c for c in claims if c.value == value]
    assert found, f"no claim with value {value}: {[c.value for c in claims]}"
    return found[0]


def test_event_day_is_period_and_speech_day_is_said_on(extractor: Extractor) -> None:
    # published Sunday 2024-03-10: Friday is the storm's day, Saturday the statement's
    text = (
        "At least 12 people were killed when a storm hit the coast early on Friday, "
        "the mayor, Anna Berg, said on Saturday."
    )
    c = _claim(_claims(extractor, text), 12)
    assert c.period_start == date(2024, 3, 8) == c.period_end
    assert c.said_on == date(2024, 3, 9)
    assert c.speaker is not None and "Berg" in c.speaker


def test_unnamed_source_has_no_speaker_and_no_said_on(extractor: Extractor) -> None:
    text = "Car exports rose 12 percent in 2023, analysts said on Friday."
    c = _claim(_claims(extractor, text), 12)
    assert c.speaker is None
    assert c.said_on is None
    assert c.period_start == date(2023, 1, 1)


def test_present_marker_beats_a_past_time(extractor: Extractor) -> None:
    text = "The mill now employs 4,500 workers, compared with 2,000 workers five years ago, its owner Ravi Nair said."
    claims = _claims(extractor, text)
    assert _claim(claims, 4500).period_start is None
    assert _claim(claims, 2000).period_start is not None


def test_previous_year_is_a_baseline_not_the_period(extractor: Extractor) -> None:
    text = "Sales of the cooperative rose 8 percent over the previous year to $3 billion in 2022."
    c = _claim(_claims(extractor, text), 8)
    assert (c.period_start, c.period_end) == (date(2022, 1, 1), date(2022, 12, 31))


def test_lead_period_frames_later_unframed_figures(extractor: Extractor) -> None:
    text = (
        "The city council approved a budget of $2 billion for 2025 on Monday.\n\n"
        "The harbour project is a separate item.\n\n"
        "Schools will receive $400 million."
    )
    c = _claim(_claims(extractor, text), 400_000_000)
    assert c.period_start == date(2025, 1, 1)


def test_statement_date_of_one_person_does_not_date_another(extractor: Extractor) -> None:
    text = (
        "Exports of tea reached 90,000 tonnes in 2023, the trade minister, Lena Okafor, said on Friday.\n\n"
        "A farm leader, Tomas Reyes, said 4,000 growers had joined the scheme."
    )
    claims = _claims(extractor, text)
    assert _claim(claims, 90_000).said_on == date(2024, 3, 8)
    later = _claim(claims, 4000)
    assert later.speaker is not None and "Reyes" in later.speaker
    assert later.said_on is None


@pytest.mark.parametrize(
    ("speaker", "vague"),
    [
        ("Analysts", True),
        ("budget documents", True),
        ("the government", True),
        ("Over 800 members of 35 delegations", True),
        ("Iranian government", False),
        ("ruling junta", False),
        ("Anna Berg", False),
        (None, False),
    ],
)
def test_vague_speaker(speaker: str | None, vague: bool) -> None:
    assert claims_stage.is_vague_speaker(speaker) is vague


@given(st.text(min_size=1, max_size=30), st.integers(min_value=0, max_value=9))
def test_any_speaker_with_a_digit_is_vague(name: str, digit: int) -> None:
    assert claims_stage.is_vague_speaker(f"{name}{digit}")


def test_confidence_reads_what_decided_the_fields() -> None:
    from claimwatch.extract.claims.confidence import features, probability

    sure = Claim(doc="d", start=0, end=5, evidence="x", kind="amount", value=1.0, value_high=None, unit="USD",
                 speaker="Ana Ruiz", said_on=date(2024, 1, 2), period_start=date(2023, 1, 1), period_end=date(2023, 12, 31),
                 rules=(("speaker", "speaker.named_person"), ("period", "period_own.nearest_time_in_sentence")),
                 worthiness=0.9)  # fmt: skip
    unsure = replace(sure, speaker=None, said_on=None, rules=(("period", "period_inherited.lead_period"),))
    assert features(unsure)["no_speaker"] == 1.0 and "no_speaker" not in features(sure)
    assert features(sure)["rule:speaker.named_person"] == 1.0
    weights = {"bias": 0.5, "no_speaker": -1.0, "rule:period_inherited.lead_period": -0.5}
    assert probability(features(unsure), weights) < probability(features(sure), weights) < 1.0
    # a rule the weights do not know counts for nothing
    assert probability({"bias": 1.0, "rule:speaker.new_rule": 1.0}, weights) == probability({"bias": 1.0}, weights)


@given(st.dictionaries(st.text(max_size=8), st.floats(min_value=-50, max_value=50), max_size=6))
def test_confidence_is_a_probability(weights: dict[str, float]) -> None:
    from claimwatch.extract.claims.confidence import probability

    assert 0.0 <= probability({"bias": 1.0, "worthiness": 0.7}, weights) <= 1.0


def test_possessive_event_day_is_the_period_of_a_percent(extractor: Extractor) -> None:
    # published Saturday 2024-03-09: "Friday's session" is the day the fall happened
    text = "Shares of the carmaker fell 3 percent in Friday's session after the results."
    c = _claim(_claims(extractor, text, published=date(2024, 3, 9)), -3)
    assert c.period_start == date(2024, 3, 8) == c.period_end
    plain = "Shares of the carmaker fell 3 percent, the exchange said on Friday."
    assert _claim(_claims(extractor, plain, published=date(2024, 3, 9)), -3).period_start is None


def test_time_of_a_comparison_figure_dates_that_figure_only(extractor: Extractor) -> None:
    text = ("Cotton exports were recorded at $800 million in December 2023, "
            "as against $520 million in October 2022, the bureau said.")
    claims = _claims(extractor, text, published=date(2024, 1, 20))
    assert _claim(claims, 800e6).period_start == date(2023, 12, 1)
    assert _claim(claims, 520e6).period_start == date(2022, 10, 1)


def test_comparison_with_a_named_baseline_figure_dates_that_figure_only(extractor: Extractor) -> None:
    text = (
        "Tea exports reached Rs. 912 million in March 2024, compared to the exports of "
        "Rs. 640 million in January 2023, the statistics bureau reported."
    )
    claims = _claims(extractor, text, published=date(2024, 4, 20))
    assert _claim(claims, 912e6).period_start == date(2024, 3, 1)
    assert _claim(claims, 640e6).period_start == date(2023, 1, 1)


def test_times_as_much_as_a_year_is_a_baseline(extractor: Extractor) -> None:
    text = "The port plans to spend $3 billion in 2026, twice as much as in 2025, its director Lena Holt said."
    c = _claim(_claims(extractor, text), 2)
    assert c.period_start == date(2026, 1, 1)


def test_open_duration_next_to_a_figure_leaves_its_period_unset(extractor: Extractor) -> None:
    text = "Grain sales, which reached $4 billion in 2022, have doubled over the past decade."
    claims = _claims(extractor, text, published=None)
    assert _claim(claims, 4e9).period_start == date(2022, 1, 1)
    assert _claim(claims, 2).period_start is None


def test_background_on_an_earlier_year_is_the_outlet_s_not_the_lead_source_s(extractor: Extractor) -> None:
    text = (
        "Steel output rose 6 percent to 80 million tonnes in 2024, the national steel "
        "association said on Tuesday.\n\n"
        "Exports of steel pipes rose 9 percent.\n\n"
        "In 2021, output had fallen 4 percent after the floods.\n\n"
        "Imports of scrap rose 3 percent."
    )
    claims = _claims(extractor, text, published=date(2025, 2, 5))
    assert _claim(claims, 6).speaker is not None
    assert _claim(claims, 9).speaker == _claim(claims, 6).speaker  # the lead's source goes on
    assert _claim(claims, -4).speaker is None  # an aside on an earlier year
    assert _claim(claims, 3).speaker is None  # ...after which the lead's source is silent
    assert _claim(claims, 3).period_start == date(2024, 1, 1)  # the report's year, not 2021


def test_report_date_dates_the_lead_source_only(extractor: Extractor) -> None:
    text = (
        "Rail freight rose 7 percent in 2024, the transport ministry said on Tuesday.\n\n"
        "New lines opened in the north and the east.\n\n"
        "Ports also reported busy months.\n\n"
        "According to the drivers' union, 300 trains were cancelled."
    )
    claims = _claims(extractor, text, published=date(2025, 1, 9))
    assert _claim(claims, 7).said_on == date(2025, 1, 7)
    union = _claim(claims, 300)
    assert union.speaker is not None and union.said_on is None  # another source, undated


def test_a_dated_speech_occasion_dates_the_speaker_it_names(extractor: Extractor) -> None:
    text = (
        "The navy's commander, Admiral Tomas Ferreira, says patrol boat numbers have doubled.\n\n"
        "Speaking on Wednesday to cadets in Porto, Ferreira praised the shipyards."
    )
    c = _claim(_claims(extractor, text, published=date(2025, 6, 13)), 2)
    assert c.speaker is not None and "Ferreira" in c.speaker
    assert c.said_on == date(2025, 6, 11)


def test_a_present_state_is_not_framed_by_a_period_that_is_over(extractor: Extractor) -> None:
    text = (
        "The coast guard seized 14 boats in 2024, its commander, Vice Admiral Ines Moreau, said.\n\n"
        "The fleet is one of five regional fleets and has 3,000 sailors."
    )
    claims = _claims(extractor, text, published=date(2025, 2, 1))
    assert _claim(claims, 14).period_start == date(2024, 1, 1)
    assert _claim(claims, 3000).period_start is None


def test_a_budget_year_still_to_come_frames_present_allocations(extractor: Extractor) -> None:
    text = (
        "The cabinet proposed a defence budget of $9 billion for 2026 on Friday.\n\n"
        "Of this, $2 billion is allocated for salaries."
    )
    claims = _claims(extractor, text, published=date(2025, 6, 14))
    assert _claim(claims, 2e9).period_start == date(2026, 1, 1)


def test_an_unanchored_rolling_window_leaves_the_period_unset(extractor: Extractor) -> None:
    text = (
        "Inflation eased to 31 percent in the month ending May 21, the statistics centre said.\n\n"
        "The currency has lost about 15 percent of its value over the past year."
    )
    claims = _claims(extractor, text, published=date(2025, 5, 25))
    assert _claim(claims, 31).period_start is not None
    assert _claim(claims, -15).period_start is None


def test_a_day_bounding_another_period_is_not_a_figure_s_period(extractor: Extractor) -> None:
    text = "The city council approved $3 billion for the year 2025 (which began January 1) for roads."
    c = _claim(_claims(extractor, text, published=date(2025, 6, 1)), 3e9)
    assert (c.period_start, c.period_end) == (date(2025, 1, 1), date(2025, 12, 31))


def test_a_comparison_with_a_named_earlier_period_is_a_baseline(extractor: Extractor) -> None:
    text = (
        "Orders for 2025 already amount to $4 billion, a 40% increase compared to the entire year of 2024, "
        "the minister, Paulo Reis, said."
    )
    claims = _claims(extractor, text, published=date(2025, 9, 1))
    assert _claim(claims, 4e9).period_start == date(2025, 1, 1)
    assert _claim(claims, 40).period_start == date(2025, 1, 1)


def test_a_figure_after_a_baseline_time_and_when_is_dated_by_it(extractor: Extractor) -> None:
    text = "Turnout hit 71 percent, up from the last election in 2019, when 64 percent voted."
    assert _claim(_claims(extractor, text), 64).period_start == date(2019, 1, 1)


def test_a_time_hanging_on_the_speech_verb_dates_the_statement_not_the_figure(extractor: Extractor) -> None:
    text = "The company employs 9,000 people in 14 countries, its founder, Mara Lind, told reporters in May 2019."
    c = _claim(_claims(extractor, text, published=date(2024, 3, 1)), 9000)
    assert c.period_start is None


def test_a_figure_stated_during_the_same_period_last_year_takes_that_period(extractor: Extractor) -> None:
    text = (
        "The agency recorded 5,100 measles cases from January 1 to June 30 this year, the ministry said.\n\n"
        "It recorded 2,300 cases during the same period last year."
    )
    c = _claim(_claims(extractor, text, published=date(2024, 7, 10)), 2300)
    assert c.period_start == date(2023, 1, 1)


def test_already_reads_a_running_year_to_date(extractor: Extractor) -> None:
    text = "Arms export licences for 2025 already amount to $2 billion, the minister, Rui Costa, said."
    c = _claim(_claims(extractor, text, published=date(2025, 9, 20)), 2e9)
    assert (c.period_start, c.period_end) == (date(2025, 1, 1), None)


def test_increase_over_a_figure_makes_its_time_the_baseline(extractor: Extractor) -> None:
    text = (
        "The board proposed a budget of $900 million for 2026, a 12% increase over the "
        "allocation of $800 million for 2025."
    )
    claims = _claims(extractor, text, published=date(2025, 11, 2))
    assert _claim(claims, 12).period_start == date(2026, 1, 1)
    assert _claim(claims, 800e6).period_start == date(2025, 1, 1)


def test_last_year_of_a_baseline_figure_is_the_same_window(extractor: Extractor) -> None:
    text = (
        "A total of 9,000 measles cases were reported from January to June this year, the ministry said.\n\n"
        "Deaths rose to 40 from 25 last year."
    )
    c = _claim(_claims(extractor, text, published=date(2024, 7, 5)), 25)
    assert (c.period_start, c.period_end) == (date(2023, 1, 1), date(2023, 6, 30))


def test_a_market_estimate_is_no_one_s_statement(extractor: Extractor) -> None:
    text = (
        "Retail sales rose 0.6% in May, the national statistics agency said on Friday.\n\n"
        "The figure was above the market estimate of 0.4%."
    )
    claims = _claims(extractor, text, published=date(2025, 6, 14))
    assert _claim(claims, 0.6).speaker is not None
    assert _claim(claims, 0.4).speaker is None


def test_a_headline_credited_after_a_dash_takes_the_body_speaker(extractor: Extractor) -> None:
    text = (
        "Shipyard Order Book Exceeds $30Bln - Chief Executive\n\n"
        "The order book of the state shipyard exceeds $30 billion, chief executive Marta Ilves said on Friday."
    )
    claims = [c for c in _claims(extractor, text, published=date(2025, 6, 14)) if c.value == 30e9]
    assert len(claims) == 2 and claims[0].speaker == claims[1].speaker is not None
    plain = (
        "Shipyard Order Book Exceeds $30Bln\n\n"
        "The order book of the state shipyard exceeds $30 billion, chief executive Marta Ilves said on Friday."
    )
    first = [c for c in _claims(extractor, plain, published=date(2025, 6, 14)) if c.value == 30e9][0]
    assert first.speaker is None


def test_a_body_s_own_figures_are_credited_to_it(extractor: Extractor) -> None:
    text = (
        "Nordvik Shipping Corp said on Tuesday its revenue rose 5% in the third quarter.\n\n"
        "The company's net profit doubled to $80 million.\n\n"
        "\u201cDemand was strong,\u201d chief executive Ola Brenna told reporters."
    )
    claims = _claims(extractor, text, published=date(2024, 11, 7))
    assert _claim(claims, 2).speaker == _claim(claims, 5).speaker is not None


def test_a_body_s_figures_do_not_take_the_day_another_person_spoke(extractor: Extractor) -> None:
    text = (
        "Wheat purchases are up 9 per cent, according to data compiled by the Grain Marketing Board.\n\n"
        "Farm Minister Lena Sokol announced on Monday that output rose 4 per cent."
    )
    claims = _claims(extractor, text, published=date(2025, 5, 25))
    assert _claim(claims, 9).speaker is not None and _claim(claims, 9).said_on is None
    assert _claim(claims, 4).said_on == date(2025, 5, 19)


def test_an_event_to_come_frames_the_counts_that_follow(extractor: Extractor) -> None:
    text = (
        "The trade fair will take place from June 10-14 in Porto, the organisers said on Monday.\n\n"
        "Over 600 companies from 30 countries have confirmed their plans to attend."
    )
    claims = _claims(extractor, text, published=date(2025, 5, 28))
    assert (_claim(claims, 600).period_start, _claim(claims, 600).period_end) == (date(2025, 6, 10), date(2025, 6, 14))


def test_every_figure_of_a_crowded_sentence_becomes_a_claim(extractor: Extractor) -> None:
    # a sentence of hundreds of figures (a table flattened into prose): each is a claim,
    # each evidence is its slice of the text
    text = "Exports reached " + ", ".join(f"${i} million" for i in range(1, 301)) + " in 2023, the ministry said."
    claims = _claims(extractor, text)
    assert [c.value for c in claims] == [i * 1e6 for i in range(1, 301)]
    assert all(text[c.start : c.end] == c.evidence for c in claims)


def test_since_runs_until_the_statement(extractor: Extractor) -> None:
    # published Sunday 2024-03-10; the statement was made on Friday 2024-03-08
    text = "Ridership has doubled since the new line opened in May 2021, the transit chief, Ada Lind, said on Friday."
    c = _claim(_claims(extractor, text), 2)
    assert (c.period_start, c.period_end) == (date(2021, 5, 1), date(2024, 3, 8))
    assert ("period", "period_own.since_until_statement") in c.rules


def test_since_after_a_record_is_no_period(extractor: Extractor) -> None:
    text = "The regional bank lifted its deposit rate to 6.25%, its highest level since 2011, the governor said."
    c = _claim(_claims(extractor, text), 6.25)
    assert (c.period_start, c.period_end) == (None, None)
    assert ("period", "period_own.since_a_record") in c.rules
    plain = _claim(_claims(extractor, "Tourist arrivals have doubled since 2011, the governor said."), 2)
    assert plain.period_start == date(2011, 1, 1)


def test_a_time_dating_the_baseline_is_not_the_new_figure_s_period(extractor: Extractor) -> None:
    text = "Turnout was 58.4 percent, the election board said, down from 63 percent at the previous vote in 2020."
    claims = _claims(extractor, text)
    assert (_claim(claims, 58.4).period_start, _claim(claims, 58.4).period_end) == (None, None)
    assert _claim(claims, 63).period_start == date(2020, 1, 1)


@pytest.mark.parametrize(
    ("text", "value", "period"),
    [
        ("Sales for the fiscal year ended June 30 rose 9 percent, the chain said.", 9, (date(2022, 7, 1), date(2023, 6, 30))),
        ("Freight volumes rose 4 percent in the financial year to March, the port said.", 4, (date(2022, 4, 1), date(2023, 3, 31))),
        ("Net income for the fiscal quarter ended Dec. 31 rose 6%, the firm said.", 6, (date(2023, 10, 1), date(2023, 12, 31))),
    ],
)
def test_a_fiscal_year_stated_as_over_is_the_latest_one_before_publication(
    extractor: Extractor, text: str, value: float, period: tuple[date, date]
) -> None:
    # published 2024-03-10: the June year that ended last is 2023's; March 2024 is not over
    c = _claim(_claims(extractor, text), value)
    assert (c.period_start, c.period_end) == period


def test_a_season_is_its_own_frame_without_dates(extractor: Extractor) -> None:
    text = "Rail ridership was 12 percent higher last winter, the operator said. Fares rose 3% in 2023."
    c = _claim(_claims(extractor, text), 12)
    assert (c.period_start, c.period_end) == (None, None)
    assert ("period", "period_own.season_names_no_dates") in c.rules


def test_expectation_of_a_named_subject_is_their_claim(extractor: Extractor) -> None:
    text = "Farm Minister Joe Bloggs expects the wheat harvest to reach 31 million tonnes this season."
    assert _claim(_claims(extractor, text), 31_000_000).speaker == "Joe Bloggs"


def test_expectation_of_an_unnamed_body_stays_in_the_outer_speakers_words(extractor: Extractor) -> None:
    text = "Analyst Jane Roe said the government expected inflation to fall to 8 percent next year."
    assert _claim(_claims(extractor, text), 8).speaker == "Jane Roe"


def test_a_bodys_own_act_credits_its_figure_to_the_body(extractor: Extractor) -> None:
    text = (
        "The Central Bank of Nigeria raised its monetary policy rate by 50 basis points to 21.5 percent "
        "on Tuesday.\n\nThe bank cut its lending rate to 4 percent, Governor Ada Obi said.\n\n"
        "Nigeria sold 12 fighter jets to Chad in 2021."
    )
    claims = _claims(extractor, text)  # published Sunday 2024-03-10
    assert _claim(claims, 21.5).speaker == "Central Bank of Nigeria"
    assert _claim(claims, 21.5).said_on == date(2024, 3, 5)  # the act was announced on Tuesday
    assert _claim(claims, 4).speaker == "Ada Obi"  # speech about the act is the speaker's
    assert _claim(claims, 12).speaker is None  # a country's act states nothing


def test_a_company_description_owns_the_figures_of_the_company_that_spoke(extractor: Extractor) -> None:
    text = (
        "Zenko Motor Corp said on Thursday its operating profit rose 7% to 1.2 trillion yen.\n\n"
        "The carmaker's net income in the quarter quadrupled to 412 billion yen.\n\n"
        "Hybrid sales rose 30%, chief financial officer Hiro Tana told reporters."
    )
    assert _claim(_claims(extractor, text), 412_000_000_000).speaker == "Zenko Motor Corp"


def test_a_full_name_spelled_two_ways_is_one_speaker_under_its_first_spelling(extractor: Extractor) -> None:
    text = (
        "Ministry spokesman Reza-Ali Karimzadei said on Sunday that exports reached $1.2 billion in 2023.\n\n"
        "Karimzadei said 14 countries had signed new contracts.\n\n"
        "General Reza Ali Karimzadie told reporters that output had quadrupled since 2019."
    )
    claims = _claims(extractor, text)
    assert {c.speaker for c in claims if c.value in (1_200_000_000, 14, 4)} == {"Reza-Ali Karimzadei"}


def test_a_name_the_recognizer_cut_short_is_the_whole_name(extractor: Extractor) -> None:
    text = "Exports rose 5 percent in 2023, Trade Minister Dewi Sartika Wulandari said on Monday."
    assert _claim(_claims(extractor, text), 5).speaker == "Dewi Sartika Wulandari"


def test_a_directive_credits_the_figure_in_its_infinitive(extractor: Extractor) -> None:
    text = "Alliance chief Marta Lind on Monday urged member states to raise defence spending to 3 percent of output."
    assert _claim(_claims(extractor, text), 3).speaker == "Marta Lind"


def test_a_commitment_credits_the_figure_in_its_infinitive(extractor: Extractor) -> None:
    text = "Mensah thanked supporters and promised to create 200,000 jobs within two years."
    assert _claim(_claims(extractor, text), 200_000).speaker == "Mensah"


def test_a_trailing_cue_after_an_apposition_credits_the_named_person(extractor: Extractor) -> None:
    # the parser hangs "announced" on the role noun as if it were a relative clause
    text = "The ruling party's candidate won 512,300 votes, the election officer, Professor Jane Okoro, announced on Sunday."
    assert _claim(_claims(extractor, text), 512_300).speaker == "Jane Okoro"


def test_a_participle_of_a_speech_verb_is_read(extractor: Extractor) -> None:
    text = "The minister described output as strong, recalling that a plant with a capacity of 90,000 barrels a day opened in March."
    assert _claim(_claims(extractor, text), 90_000).speaker == "minister"


def test_this_shows_inside_an_attribution_keeps_its_source(extractor: Extractor) -> None:
    text = (
        "According to data from the Export Promotion Directorate of the Ministry of Industry, this shows "
        "that machinery exports, which totalled $3.5 billion in 2022, have doubled over the past decade."
    )
    assert _claim(_claims(extractor, text), 3_500_000_000).speaker == "Export Promotion Directorate of Ministry of Industry"


def test_a_described_speaker_is_the_person_the_next_statement_names(extractor: Extractor) -> None:
    text = (
        "The government spokesman said on Monday that the budget for defence will go up by 128 percent over five years. "
        "Tom Odegaard added that the security budget rose 86 percent between 2013 and 2016."
    )
    assert _claim(_claims(extractor, text), 128).speaker == "Tom Odegaard"


def test_a_described_speaker_stays_described_when_the_next_speaker_was_named_before(extractor: Extractor) -> None:
    text = (
        "Tom Odegaard opened the session. The government spokesman said on Monday that the budget will go up by "
        "128 percent. Odegaard added that the security budget rose 86 percent."
    )
    assert _claim(_claims(extractor, text), 128).speaker != "Tom Odegaard"


def test_a_speaker_parsed_as_an_apposition_of_the_figure_is_found(extractor: Extractor) -> None:
    text = (
        "The share of the armed forces in the draft budget stands at 2,000 trillion rials, a member of the "
        "budget committee said.\n\nReza Karimi told reporters on Wednesday that the allocation was 34 percent higher."
    )
    assert _claim(_claims(extractor, text), 2_000_000_000_000_000).speaker == "Reza Karimi"


@pytest.mark.parametrize(
    "text",
    [
        "Exports rose 12 percent in 2023, Defence Minister Tomas Varga was quoted as saying by the state news agency.",
        "Defence Minister Tomas Varga hailed a 12 percent rise in exports in 2023.",
        "Defence Minister Tomas Varga highlighted a 12 percent rise in exports in 2023.",
    ],
)
def test_figures_a_person_is_quoted_on_or_hails_are_his(extractor: Extractor, text: str) -> None:
    assert _claim(_claims(extractor, text), 12).speaker == "Tomas Varga"


def test_an_outlet_citing_a_person_relays_that_person(extractor: Extractor) -> None:
    text = (
        "Ruritania has increased its arms exports by 300% in the past two years, state-run news agency RNA "
        "reported on Wednesday, citing Defence Minister Tomas Varga."
    )
    assert _claim(_claims(extractor, text), 300).speaker == "Tomas Varga"


def test_a_speaker_is_written_as_printed(extractor: Extractor) -> None:
    text = "Exports rose 12 percent in 2023, the state-run Ruritanian News Agency said."
    assert _claim(_claims(extractor, text), 12).speaker == "state-run Ruritanian News Agency"


def test_a_day_right_after_the_cue_dates_the_statement(extractor: Extractor) -> None:
    # the parser hangs "on Thursday" on "rose"; it still dates the statement
    text = "Zenko Motor said on Thursday its net profit rose 12 percent to 310 billion yen in the quarter ended June 30."
    claim = _claim(_claims(extractor, text, published=date(2024, 8, 2)), 12)
    assert claim.said_on == date(2024, 8, 1)
    assert claim.period_start == date(2024, 4, 1)


def test_based_on_a_document_reads_like_according_to(extractor: Extractor) -> None:
    claims = _claims(extractor, "Based on figures from the Ruritanian Export Agency, exports rose 12 percent in 2023.")
    assert _claim(claims, 12).speaker == "Ruritanian Export Agency"
    assert _claim(_claims(extractor, "The plan, based on 3 percent growth, costs 4 billion dollars."), 3).speaker is None


def test_a_baseline_figure_after_the_corresponding_period_is_dated_by_it(extractor: Extractor) -> None:
    # "here today" dates the statement around the quote, not the figure inside it
    text = (
        "A total of 52,000 cases were reported from January to July this year, the ministry said.\n\n"
        "\u201cThis is a drastic increase compared to the corresponding period in 2024 which recorded 38,190 "
        "cases,\u201d the minister said in a statement here today."
    )
    older = _claim(_claims(extractor, text, published=date(2025, 8, 2)), 38_190)
    assert (older.period_start, older.period_end) == (date(2024, 1, 1), date(2024, 7, 31))


def test_an_aim_does_not_inherit_a_period_that_is_over(extractor: Extractor) -> None:
    text = (
        "Ruritania's arms exports reached $300 million in 2023, the ministry said. "
        "The ministry plans to raise the output of engines by about 50 percent."
    )
    claims = _claims(extractor, text)
    assert _claim(claims, 300_000_000).period_start == date(2023, 1, 1)
    aim = _claim(claims, 50)
    assert (aim.period_start, aim.period_end) == (None, None)


def test_years_counted_back_from_another_figure_leave_the_period_open(extractor: Extractor) -> None:
    text = (
        "Ruritania's arms exports reached $300 million in 2023, the ministry said. "
        "Two years earlier, that number was $120 million. A year earlier it was $150 million."
    )
    claims = _claims(extractor, text)
    assert _claim(claims, 300_000_000).period_start == date(2023, 1, 1)
    older = _claim(claims, 120_000_000)
    assert (older.period_start, older.period_end) == (None, None)


def test_a_period_carries_to_the_same_sources_next_paragraph(extractor: Extractor) -> None:
    text = (
        "Arms exports rose to $300 million in 2023, the ministry said.\n\n"
        "Sales of drones rose 40 percent, the ministry said."
    )
    assert _claim(_claims(extractor, text), 40).period_start == date(2023, 1, 1)


def test_a_companys_share_price_is_not_its_statement(extractor: Extractor) -> None:
    text = (
        "Zenko Motor Corp said on Tuesday its net profit rose 12 percent in the quarter. "
        "The carmaker's shares fell 2.5 percent in Tokyo trading."
    )
    claims = _claims(extractor, text)
    assert _claim(claims, 12).speaker == "Zenko Motor Corp"
    assert _claim(claims, -2.5).speaker is None


def test_an_unissued_statement_is_the_acting_bodys(extractor: Extractor) -> None:
    text = (
        "Flu cases doubled this winter, the health ministry said on Monday. "
        "The ministry has allocated 3 million euros for vaccines, according to a statement."
    )
    assert _claim(_claims(extractor, text), 3_000_000).speaker == "health ministry"


def test_what_economists_expect_is_no_ones_statement(extractor: Extractor) -> None:
    text = (
        "Consumer prices rose 2.6 percent in February, the statistics office said on Wednesday. "
        "The central bank meets on April 3, when economists expect a 25 basis point cut."
    )
    claims = _claims(extractor, text)
    assert _claim(claims, 2.6).speaker == "statistics office"
    assert _claim(claims, -25).speaker is None


def test_a_company_description_is_the_company_named_before(extractor: Extractor) -> None:
    text = (
        "Osprey Air Ltd on Thursday posted a net profit of 412 million rand. "
        "Revenue climbed 22 percent to 9.8 billion rand, the carrier said."
    )
    assert _claim(_claims(extractor, text), 22).speaker == "Osprey Air Ltd"


def test_a_description_with_another_topic_is_another_body(extractor: Extractor) -> None:
    text = (
        "Floods have displaced 40,000 people, said a spokesman for the Department of Disaster Management.\n\n"
        "According to the meteorological department, rainfall was 64% above normal in the first week of July."
    )
    assert _claim(_claims(extractor, text), 64).speaker == "meteorological department"


def test_a_description_then_an_acronym_is_the_acronyms_body(extractor: Extractor) -> None:
    text = "The UN children's agency UNICEF said about 16,000 of those displaced were children."
    assert _claim(_claims(extractor, text), 16000).speaker == "UNICEF"


def test_a_name_after_of_a_role_is_where_the_role_is_held(extractor: Extractor) -> None:
    text = (
        "Copper output at the mine will fall about 15% this year, the chief executive of operator "
        'Minera Cordillera said on Thursday. "We are in a transition year," Luis Ferrer told reporters.'
    )
    assert _claim(_claims(extractor, text), -15).speaker == "Luis Ferrer"


def test_a_wire_headline_credit_without_a_space_after_the_dash(extractor: Extractor) -> None:
    text = (
        "Copper output at Andes mine to fall 15% this year -CEO\n\n"
        "Copper production at the mine will fall about 15% this year, chief executive Luis Ferrer said on Thursday."
    )
    headline = [c for c in _claims(extractor, text) if c.start < text.index("\n")]
    assert headline and headline[0].speaker == "Luis Ferrer"


def test_a_written_date_on_the_speech_verb_dates_the_statement_weeks_before(extractor: Extractor) -> None:
    # published 2024-03-10: "on February 12" is four weeks earlier, "on Monday" would be
    # read within the days before publication
    text = "Exports rose 12 percent, the minister said on February 12."
    assert _claim(_claims(extractor, text), 12).said_on == date(2024, 2, 12)
