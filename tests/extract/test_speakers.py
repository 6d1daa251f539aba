"""What a speaker mention refers to: the named rules of extract/speakers.py and the
attribution patterns that feed them, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimwatch.extract.pipeline import Extractor
from claimwatch.model import Claim, Document

from .conftest import claims_of


def _claims(extractor: Extractor, text: str, published: date | None = date(2024, 5, 10)) -> list[Claim]:
    return claims_of(extractor, text, published)


def _speaker(extractor: Extractor, text: str, value: float) -> str | None:
    found = [c for c in _claims(extractor, text) if c.value == value]
    assert found, f"no claim with value {value}"
    return found[0].speaker


# (what the pattern is, a text written for it, the figure, who it is credited to)
SPEAKER_CASES = [
    (
        "quoted_as_saying_credits_the_quoted_person",
        (
            "Farm Minister Olga Brandt visited the port on Monday. The state broadcaster on Tuesday quoted "
            "Brandt as saying that grain shipments had increased by 35% in the past year."
        ),
        35,
        "Olga Brandt",
    ),
    (
        "a_relative_pronoun_speaks_for_its_antecedent",
        "The newspaper quoted a senior treasury official who said tax receipts exceeded $420 million last year.",
        420e6,
        "senior treasury official",
    ),
    (
        "a_described_unnamed_source_is_the_speaker",
        "Rail freight fell 14 percent in April, a senior transport official said.",
        -14,
        "senior transport official",
    ),
    (
        "details_provided_by_credit_the_provider",
        (
            "Trade Minister Ana Ruiz opened the fair on Monday. Coffee exports reached $3.1 billion in 2023, "
            "according to details provided by Ruiz."
        ),
        3.1e9,
        "Ana Ruiz",
    ),
    (
        "his_account_is_the_account_of_the_last_speaker",
        (
            "Deputy Mayor Tomas Hale briefed the council on Friday. Hale said ridership had risen 9.5 percent, "
            "according to his account of the transit board's findings."
        ),
        9.5,
        "Tomas Hale",
    ),
    (
        "of_two_subjects_the_one_next_to_the_verb_speaks",
        "Output at the mill rose fivefold in two years, First Deputy Director of the state company Ivan Sorokin said.",
        5,
        "Ivan Sorokin",
    ),
    (
        "a_role_of_the_same_domain_refers_to_the_minister",
        (
            "Fisheries Minister Rear Admiral Paulo Mendes said catches had doubled over the past year. "
            "The fisheries chief noted that the fleet now has 240 trawlers."
        ),
        240,
        "Paulo Mendes",
    ),
    (
        "a_body_s_name_after_its_lower_case_description",
        "The number of flood victims rose to 57, the civil protection agency DPC said.",
        57,
        "DPC",
    ),
    (
        "a_body_revising_its_own_forecast_states_the_figure",
        "The Asian Lending Bank lowered its regional growth forecast to 4.2% for next year.",
        4.2,
        "Asian Lending Bank",
    ),
    (
        "a_pledge_of_an_amount_is_the_pledger_s_statement",
        "Governor Rosa Kemp pledged 80 million dollars for flood defences.",
        80e6,
        "Rosa Kemp",
    ),
]


@pytest.mark.parametrize(
    ("pattern", "text", "value", "speaker"), SPEAKER_CASES, ids=[c[0] for c in SPEAKER_CASES]
)
def test_speaker_patterns(
    extractor: Extractor, pattern: str, text: str, value: float, speaker: str | None
) -> None:
    assert _speaker(extractor, text, value) == speaker


def test_a_country_as_subject_is_no_person(extractor: Extractor) -> None:
    from claimwatch.lexicon.places import is_country

    text = "Chile says copper output up 6% as new mines open"
    doc = Document(id="t", text=text, content_hash="h", source="test", published=date(2024, 5, 10))
    extraction = extractor.extract(doc)
    assert [q.speaker for q in extraction.quotes] == ["Chile"]
    assert "Chile" not in [p.name for p in extraction.people]
    assert is_country("Chile") and is_country("Iran's") and not is_country("Karimov")


def test_an_outlet_descriptor_is_not_part_of_the_name(extractor: Extractor) -> None:
    text = "Shipments rose 12% in March, the Meridian news agency said on Thursday, citing customs data."
    assert _speaker(extractor, text, 12) == "Meridian"


def test_what_analysts_had_expected_is_no_ones_statement(extractor: Extractor) -> None:
    text = "The carmaker earned $2 billion in the quarter. Analysts had expected net income of $1.8 billion."
    assert _speaker(extractor, text, 1.8e9) is None


def test_the_dateline_day_dates_the_lead_statement(extractor: Extractor) -> None:
    text = "PORTVILLE, March 3 (NRA) - Port throughput rose 18% last year, the harbour authority said in a report."
    doc = Document(
        id="t",
        text=text,
        content_hash="h",
        source="test",
        published=date(2024, 3, 5),
        dateline_date=date(2024, 3, 3),
    )
    [claim] = [c for c in extractor.extract(doc).claims if c.value == 18]
    assert claim.said_on == date(2024, 3, 3)
    assert ("said_on", "said_on.dateline_day_for_lead_source") in claim.rules


def test_a_relayed_report_credits_its_body_despite_its_own_people(extractor: Extractor) -> None:
    text = (
        "Global shipments of grain rose 9 per cent in 2023, according to new data published today by the "
        "International Grain Monitoring Council (IGMC).\n\nThe five largest exporters were Brazil (21 per cent) "
        "and Canada (14 per cent).\n\n"
        "'Demand from Asia drove the rise,' said Dr Lena Voss, Director of the IGMC Trade Programme."
    )
    claims = _claims(extractor, text)
    shares = [c for c in claims if c.value in (21, 14)]
    assert shares and {c.speaker for c in shares} == {"International Grain Monitoring Council"}


def test_a_person_of_another_body_keeps_the_report_many_voiced(extractor: Extractor) -> None:
    text = (
        "Global shipments of grain rose 9 per cent in 2023, according to new data published today by the "
        "International Grain Monitoring Council (IGMC).\n\nThe five largest exporters were Brazil (21 per cent) "
        "and Canada (14 per cent).\n\n"
        "'Demand from Asia drove the rise,' said Farm Minister Paulo Reis."
    )
    shares = [c for c in _claims(extractor, text) if c.value in (21, 14)]
    assert shares and {c.speaker for c in shares} == {None}


def test_the_items_of_a_list_belong_to_whoever_opened_it(extractor: Extractor) -> None:
    text = (
        "Transport Minister Karin Holm told parliament on Tuesday:\n\n"
        "  • 42 bridges were repaired in the past year\n"
        "  • 1,300 km of road were resurfaced\n"
        "  - rail freight grew 8%\n\n"
        "Critics said the figures were incomplete."
    )
    claims = _claims(extractor, text)
    assert {c.value: c.speaker for c in claims} == {42: "Karin Holm", 1300: "Karin Holm", 8: "Karin Holm"}


def test_the_company_is_the_body_that_reported(extractor: Extractor) -> None:
    text = (
        "Norvik Petrochemicals reported a net profit of $1.2 billion for the third quarter. "
        "Revenue rose 4 percent to $9 billion, the company said."
    )
    assert _speaker(extractor, text, 4) == "Norvik Petrochemicals"


def test_the_company_is_the_business_named_before_even_when_it_did_not_speak(extractor: Extractor) -> None:
    text = "Operating profit at Harlow Shipping rose 11% to 640 million euros in the third quarter, the company said."
    assert _speaker(extractor, text, 11) == "Harlow Shipping"


def test_it_said_is_the_body_named_before_never_a_person(extractor: Extractor) -> None:
    text = (
        "Chief executive Rowan Pike said Calder Holdings had a strong summer. "
        "The group now expects annual sales of $2.4 billion, it said."
    )
    assert _speaker(extractor, text, 2_400_000_000) == "Calder Holdings"


def test_a_named_body_beside_its_description(extractor: Extractor) -> None:
    text = "Hotel occupancy averaged 71 percent in 2023, according to figures from the consultancy Harbour Travel Data."
    assert _speaker(extractor, text, 71) == "Harbour Travel Data"


def test_a_lead_role_is_the_one_person_the_report_then_names(extractor: Extractor) -> None:
    text = (
        "The Norlandic fisheries minister said that cod landings rose by 27 percent last year.\n\n"
        "Admiral Petra Voss spoke at a meeting with harbour managers on Friday."
    )
    assert _speaker(extractor, text, 27) == "Petra Voss"


def test_a_lead_role_stays_a_role_when_the_report_names_two_people(extractor: Extractor) -> None:
    text = (
        "The Norlandic fisheries minister said that cod landings rose by 27 percent last year.\n\n"
        "Petra Voss and Jonas Eberl attended the meeting on Friday."
    )
    assert _speaker(extractor, text, 27) == "Norlandic fisheries minister"
