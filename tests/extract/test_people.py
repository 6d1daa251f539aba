"""People within one document: names, titles, roles, coreference (texts written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.extract import nlp as nlp_mod
from claimwatch.extract.people import PeopleIndex, find_acronym_expansion, name_tokens, split_title
from claimwatch.model import Span


@pytest.fixture(scope="module")
def nlp() -> Any:
    return nlp_mod.load_model()


def index_of(text: str, nlp: Any, parse_all: bool = True) -> PeopleIndex:
    index = PeopleIndex(text)
    sentences = nlp_mod.split_sentences(text)
    if parse_all:
        for ps in nlp_mod.parse_sentences(nlp, sentences):
            index.add_parsed(ps)
    else:
        for sent in sentences:
            index.add_unparsed(sent)
    return index


def test_split_title_strips_stacked_titles() -> None:
    assert split_title(["Brigadier", "General", "Ashtiani"]) == ("Brigadier General", 2)
    assert split_title(["Brig.", "Gen.", "Ashtiani"]) == ("Brigadier General", 2)
    assert split_title(["Datuk", "Seri", "Dr", "Amran", "Ghazali"]) == ("Datuk Seri", 3)
    assert split_title(["Mr.", "Holt"]) == (None, 1)  # courtesy title: stripped, not kept
    assert split_title(["General"]) == (None, 0)  # a title alone is not stripped


def test_name_tokens_drop_titles_and_possessives() -> None:
    assert name_tokens("Major General Ali Karimi's") == ["ali", "karimi"]


def test_fullest_name_title_and_role_from_parsed_text(nlp: Any) -> None:
    text = (
        "Iranian Defense Minister Mohammad Reza Farzin opened the fair. "
        "Brigadier General Farzin toured the stands."
    )
    people = index_of(text, nlp).people()
    farzin = [p for p in people if "Farzin" in p.name]
    assert len(farzin) == 1
    assert farzin[0].name == "Mohammad Reza Farzin"
    assert farzin[0].role == "Defense Minister"
    assert farzin[0].title == "Brigadier General"
    assert len(farzin[0].mentions) == 2


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Energy Minister Prince Abdulrahman bin Turki told a news conference that output rose 5 percent.", "Abdulrahman bin Turki"),
        ("Saudi Energy Minister Prince Sultan bin Fahd told a news conference on Sunday that output rose 5 percent.", "Sultan bin Fahd"),
        ("Commission President Ingrid van der Linden said spending rose 5 percent.", "Ingrid van der Linden"),
        ("Dutch Prime Minister Pieter van den Broek said spending rose 5 percent.", "Pieter van den Broek"),
        ("The board named Anna Holm as Managing Director in May.", "Anna Holm"),
    ],
)
def test_a_name_runs_on_over_its_lowercase_particles(nlp: Any, text: str, name: str) -> None:
    # the recognizer often ends a name at "bin" / "van der", or starts a second one there
    assert [p.name for p in index_of(text, nlp).people()] == [name]


def test_unparsed_introduction_reads_role_and_rank() -> None:
    text = "Army Ground Force Commander Brigadier General Kamran Heidari inspected units near the border."
    index = index_of(text, None, parse_all=False)
    (person,) = index.people()
    assert person.name == "Kamran Heidari"
    assert person.title == "Brigadier General"
    assert person.role == "Army Ground Force Commander"


def test_spelling_variants_are_one_person() -> None:
    index = PeopleIndex("x" * 40)
    a = index.add_person("Yosef Galant", frozenset({"yosef", "galant"}), Span(0, 5, "xxxxx"))
    b = index.add_person("Gallant", frozenset({"gallant"}), Span(10, 15, "xxxxx"))
    c = index.add_person("Tamar Ronen", frozenset({"tamar", "ronen"}), Span(20, 25, "xxxxx"))
    assert a is b and a is not c
    assert index.most_recent(30) is c
    assert index.most_recent(12) is a


def test_acronym_expansion() -> None:
    text = "Data came from the European Grain Trade Council (EGTC) on Monday."
    assert find_acronym_expansion(text, "EGTC") == "European Grain Trade Council"
    assert find_acronym_expansion("The Office of Budget Review (OBR) said", "OBR") == "Office of Budget Review"
    assert find_acronym_expansion(text, "XYZ") is None


@given(st.lists(st.sampled_from(["Ali", "Reza", "Nasser", "Hosseini", "Amiri"]), min_size=1, max_size=3, unique=True))
def test_name_subset_finds_the_same_person(words: list[str]) -> None:
    index = PeopleIndex("")
    full = ["Ali", "Reza", "Nasser", "Hosseini", "Amiri"]
    rec = index.add_person(" ".join(full), frozenset(w.lower() for w in full), Span(0, 0, ""))
    assert index.find_by_name(frozenset(w.lower() for w in words)) is rec
