"""Quotes, reported speech and speakers on short texts written for these tests."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.extract import nlp as nlp_mod
from claimwatch.extract.quotes import find_direct_quotes, find_quotes, is_speech_candidate
from claimwatch.model import Person, Quote

_DIGIT = re.compile(r"\d")


@pytest.fixture(scope="module")
def nlp() -> Any:
    return nlp_mod.load_model()


def run(text: str, nlp: Any) -> tuple[list[Quote], list[Person]]:
    """Extract as the pipeline does: parse only sentences with digits or speech."""
    sentences = nlp_mod.split_sentences(text)
    selected = [s for s in sentences if _DIGIT.search(s.text) or is_speech_candidate(s.text)]
    parsed = list(nlp_mod.parse_sentences(nlp, selected))
    return find_quotes(text, sentences, parsed)


def covering(quotes: list[Quote], words: str, text: str) -> Quote:
    at = text.index(words)
    hits = [q for q in quotes if q.start <= at < q.end]
    assert hits, f"no quote covers {words!r}: {[q.text for q in quotes]}"
    return hits[0]


def test_speech_candidate() -> None:
    assert is_speech_candidate("The minister said exports rose.")
    assert is_speech_candidate("Exports rose, according to the agency.")
    assert is_speech_candidate("“We are ready,” he added.")
    assert not is_speech_candidate("The factory opened in a northern town.")


def test_direct_quote_with_trailing_attribution_and_pronoun(nlp: Any) -> None:
    text = (
        "Deputy Trade Minister Brigadier General Karim Tavassoli Nejad visited the port on Monday.\n\n"
        "“Our shipments will double within two years,” Tavassoli Nejad told reporters.\n\n"
        "“Nobody can stop this growth now,” he added."
    )
    quotes, people = run(text, nlp)
    first = covering(quotes, "Our shipments", text)
    second = covering(quotes, "Nobody can stop", text)
    assert first.kind == "direct" and first.text.startswith("Our shipments will double")
    assert first.speaker == "Karim Tavassoli Nejad"
    assert first.speaker_title == "Brigadier General"
    assert first.speaker_role == "Deputy Trade Minister"
    assert text[first.speaker_start : first.speaker_end] == "Tavassoli Nejad"  # type: ignore[misc]
    assert second.speaker == "Karim Tavassoli Nejad"
    assert text[second.speaker_start : second.speaker_end] == "he"  # type: ignore[misc]
    person = next(p for p in people if p.name == "Karim Tavassoli Nejad")
    assert len(person.mentions) >= 2


def test_colon_attribution_and_multi_paragraph_quote(nlp: Any) -> None:
    text = (
        "Farmer union leader Lucia Bramante spoke after the vote. Bramante said: “The harvest was poor.\n\n"
        "“Prices for seed went up by a third and we could not pay.”\n\n"
        "The ministry did not comment."
    )
    quotes, _ = run(text, nlp)
    q = covering(quotes, "The harvest was poor", text)
    assert q.kind == "direct"
    assert "Prices for seed" in q.text  # the quote reopens in the next paragraph
    assert q.speaker == "Lucia Bramante"
    assert all(text[x.start : x.end] == x.text for x in quotes)


def test_reported_speech_content_and_speaker(nlp: Any) -> None:
    text = "Finance Minister Olga Petrenko said on Tuesday that tax revenue rose by 12 percent last year."
    quotes, _ = run(text, nlp)
    q = covering(quotes, "tax revenue", text)
    assert q.kind == "reported"
    assert q.text == "tax revenue rose by 12 percent last year"
    assert q.cue == "said"
    assert q.speaker == "Olga Petrenko"
    assert q.speaker_role == "Finance Minister"


def test_according_to_and_parenthetical_cue(nlp: Any) -> None:
    text = (
        "Wheat imports fell sharply in the spring, according to the national statistics bureau.\n\n"
        "Retail Association chair Tomas Varga met bankers in the capital. "
        "Consumer spending will recover by winter, the chair emphasized."
    )
    quotes, _ = run(text, nlp)
    a = covering(quotes, "Wheat imports", text)
    assert a.cue is not None and a.cue.lower() == "according to"
    assert a.speaker is not None and "statistics bureau" in a.speaker
    b = covering(quotes, "Consumer spending", text)
    assert b.kind == "reported" and "emphasized" not in b.text
    assert b.speaker == "Tomas Varga"


def test_role_and_rank_coreference(nlp: Any) -> None:
    text = (
        "Iranian Defense Minister Brigadier General Mohsen Rahimpour said the navy received new boats. "
        "Local officials praised the plan.\n\n"
        "The defense minister said the boats would patrol the gulf from next month.\n\n"
        "The general added that 30 more boats were on order."
    )
    quotes, people = run(text, nlp)
    for words in ("the boats would patrol", "30 more boats"):
        assert covering(quotes, words, text).speaker == "Mohsen Rahimpour"
    person = next(p for p in people if p.name == "Mohsen Rahimpour")
    assert person.title == "Brigadier General"
    assert person.role == "Defense Minister"


def test_unnamed_speaker_is_none_and_org_speaker_kept(nlp: Any) -> None:
    text = (
        "“The bridge shook for a full minute and then the lights went out,” said a shopkeeper near the river.\n\n"
        "The water authority said in a statement that supply would resume on Friday."
    )
    quotes, _ = run(text, nlp)
    assert covering(quotes, "The bridge shook", text).speaker is None
    org = covering(quotes, "supply would resume", text)
    assert org.speaker == "water authority"


def test_short_scare_quote_is_not_a_quote(nlp: Any) -> None:
    text = "The company called the result a “turning point” for its plants in the north."
    quotes, _ = run(text, nlp)
    assert quotes == []


_WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "ten", "rose", "said"]), min_size=1, max_size=6)


@given(before=_WORDS, inside=_WORDS, after=_WORDS, marks=st.sampled_from([("“", "”"), ('"', '"'), ("‘", "’")]))
def test_direct_quote_spans_property(before: list[str], inside: list[str], after: list[str], marks: tuple[str, str]) -> None:
    text = " ".join(before) + " " + marks[0] + " ".join(inside) + marks[1] + " " + " ".join(after)
    spans = find_direct_quotes(text)
    assert [text[a:b] for a, b in spans] == [" ".join(inside)]


@given(st.text(alphabet="ab “”\"‘’\n.,", max_size=60))
def test_direct_quote_spans_are_ordered_and_inside(text: str) -> None:
    spans = find_direct_quotes(text)
    for i, (a, b) in enumerate(spans):
        assert 0 < a <= b <= len(text)
        if i + 1 < len(spans):
            assert b <= spans[i + 1][0]


# ---- second round: descriptions, parse errors and data cues -------------------------


def test_agency_description_resolves_to_named_body(nlp: Any) -> None:
    text = (
        "Grain exports reached 4 million tonnes this season, the state farm export agency said on Monday.\n\n"
        "Lina Okafor, head of the Northern Grain Marketing Administration (NGMA), spoke at the same event.\n\n"
        "The agency also said it would open 12 new depots."
    )
    quotes, _ = run(text, nlp)
    assert covering(quotes, "Grain exports reached", text).speaker == "Northern Grain Marketing Administration"
    assert covering(quotes, "it would open 12", text).speaker == "Northern Grain Marketing Administration"


def test_description_with_modifier_resolves_cataphorically(nlp: Any) -> None:
    text = (
        "The port authority has approved 3 new berths, according to a federal agency on Friday.\n\n"
        "The Coastal Works Planning Agency said in a statement that the berths cost $40 million."
    )
    quotes, _ = run(text, nlp)
    assert covering(quotes, "approved 3 new berths", text).speaker == "Coastal Works Planning Agency"


def test_data_cue_after_comma_and_topic_word(nlp: Any) -> None:
    text = (
        "Tea exports rose 4.1% in May, the data of the Lanka Tea Export Board showed on Friday.\n\n"
        "Imports of fertiliser fell 2%, the board said."
    )
    quotes, _ = run(text, nlp)
    assert covering(quotes, "Tea exports rose", text).speaker == "Lanka Tea Export Board"


def test_customs_data_names_the_customs_body_not_the_country(nlp: Any) -> None:
    text = (
        "Peru's customs data showed on Monday that copper shipments grew 6 percent in April.\n\n"
        "The National Customs Administration publishes the figures every month."
    )
    quotes, _ = run(text, nlp)
    assert covering(quotes, "copper shipments grew", text).speaker == "National Customs Administration"


def test_listed_places_are_not_the_speaker(nlp: Any) -> None:
    text = (
        "The Bureau of Disease Control (BDC) counted 900 cases in May.\n\n"
        "Most cases came from North Ridge (310), East Valley (205), and Lake District (120) and the BDC "
        "noted there were 42 deaths in June."
    )
    quotes, _ = run(text, nlp)
    assert covering(quotes, "there were 42 deaths", text).speaker == "Bureau of Disease Control"


def test_name_glued_to_next_word_is_the_known_person(nlp: Any) -> None:
    text = (
        "A total of 5,000 flu cases were reported in June, said Health Minister Tomas Varga.\n\n"
        "According to Varga Northfield recorded the most cases with 1,200 cases.\n\n"
        "He said 40 clinics were open."
    )
    quotes, people = run(text, nlp)
    assert covering(quotes, "the most cases", text).speaker == "Tomas Varga"
    assert covering(quotes, "40 clinics were open", text).speaker == "Tomas Varga"
    assert [p.name for p in people] == ["Tomas Varga"]


def test_the_report_after_a_report_by(nlp: Any) -> None:
    text = (
        "Navy spending rose for the first time in a decade, a report by the Baltic Security Studies "
        "Institute (BSSI) found.\n\n"
        "Spending reached $3 billion in 2022, the report said."
    )
    quotes, _ = run(text, nlp)
    assert covering(quotes, "Spending reached", text).speaker == "Baltic Security Studies Institute"


def test_put_at_and_posted_are_cues(nlp: Any) -> None:
    text = (
        "Harbor Foods posted record quarterly results on Tuesday with revenue of $2.1 billion.\n\n"
        "Election official Mara Quist put the turnout at 61.5 percent for the capital."
    )
    quotes, _ = run(text, nlp)
    assert covering(quotes, "revenue of $2.1 billion", text).speaker == "Harbor Foods"
    assert covering(quotes, "61.5 percent", text).speaker == "Mara Quist"


def test_time_words_and_clitics_are_not_part_of_the_speaker(nlp: Any) -> None:
    text = (
        "Last year NORDA said that exports fell 3%.\n\n"
        "The Nordic Ordnance Research and Development Agency (NORDA) is in Oslo."
    )
    quotes, _ = run(text, nlp)
    quote = covering(quotes, "exports fell 3%", text)
    assert quote.speaker == "Nordic Ordnance Research and Development Agency"
    assert text[quote.speaker_start : quote.speaker_end] == "NORDA"  # type: ignore[misc]


def test_trailing_name_before_cue_is_the_speaker_when_the_parse_hangs_it_elsewhere(nlp: Any) -> None:
    text = (
        "Chile's copper exports touched a record $52 billion in 2024, an increase of 9 per cent "
        "over the previous year, Mining Minister Aurora Williams said on Monday."
    )
    quotes, _ = run(text, nlp)
    assert [q.speaker for q in quotes if q.cue_start is not None] == ["Aurora Williams"]


def test_a_bare_body_description_refers_back_to_the_body_that_spoke(nlp: Any) -> None:
    text = (
        "The Reserve Bank of Fiji raised its policy rate to 4 percent on Tuesday, the Reserve Bank of Fiji said.\n\n"
        "Private credit grew 2.1 percent in May, the regulator said."
    )
    quotes, _ = run(text, nlp)
    regulator = [q for q in quotes if q.cue_start is not None and q.cue_start > text.index("Private")]
    assert [q.speaker for q in regulator] == ["Reserve Bank of Fiji"]


def test_data_compiled_by_a_body_names_that_body(nlp: Any) -> None:
    text = "Rice purchases are up 8 per cent, according to data compiled by the Grain Marketing Board."
    quotes, _ = run(text, nlp)
    assert [q.speaker for q in quotes if q.cue_start is not None] == ["Grain Marketing Board"]


def test_a_colon_line_opens_reported_speech_over_the_list_below(nlp: Any) -> None:
    text = "The minister told lawmakers:\n\n  • exports grew 12%\n  • 40 firms joined\n\nThe session ended at noon."
    quotes, _ = run(text, nlp)
    listed = covering(quotes, "40 firms", text)
    assert listed.kind == "reported" and listed.speaker is not None
    assert "session ended" not in listed.text


def test_a_bodys_act_is_found_only_on_request_and_never_as_speech(nlp: Any) -> None:
    text = "The Reserve Bank of Ruritania lifted its key rate by 25 basis points to 5.5 percent on Tuesday."
    sentences = nlp_mod.split_sentences(text)
    parsed = list(nlp_mod.parse_sentences(nlp, sentences))
    assert find_quotes(text, sentences, parsed)[0] == []
    acts = find_quotes(text, sentences, parsed, with_acts=True)[0]
    assert [(q.kind, q.speaker) for q in acts] == [("act", "Reserve Bank of Ruritania")]
    assert "5.5 percent" in acts[0].text and "Tuesday" not in acts[0].text


def test_added_with_a_noun_object_is_not_speech(nlp: Any) -> None:
    text = "Employers added 38,000 jobs during the month, well below the 95,000 economists had forecast."
    quotes, _ = run(text, nlp)
    assert not [q for q in quotes if q.speaker == "Employers"]
    text = "Exports rose 4 percent in May, the minister added."
    quotes, _ = run(text, nlp)
    assert covering(quotes, "4 percent", text).speaker == "minister"
