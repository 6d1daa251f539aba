"""Subject keys: one key for one measured thing (phrases written for these tests)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimwatch.link.subjects import (
    dominant_scope,
    group_subjects,
    key_matches,
    lemma,
    normalize_subject,
    subject_key,
)
from tests.records import claim


def test_defense_export_wordings_share_one_key() -> None:
    wordings = [
        "exports of military defense products",
        "export of defense products",
        "arms exports",
        "defence exports",
        "military exports",
        "the agency's sales of weapons abroad",
        "value of exported defence items",
    ]
    keys = {subject_key(w, "") for w in wordings}
    assert keys == {"defense exports"}


def test_country_goes_to_scope_not_key() -> None:
    a = normalize_subject("Ruritania's arms exports")  # unknown country: stays a modifier word
    b = normalize_subject("Turkish defence exports")
    c = normalize_subject("India's defence exports")
    assert b.key == c.key == "defense exports"
    assert (b.scope, c.scope) == ("turkey", "india")
    assert "ruritania" in a.key  # unknown names are not silently dropped


def test_different_measures_get_different_keys() -> None:
    assert subject_key("military production") != subject_key("military exports")
    assert subject_key("output of civilian goods made in arms plants") == subject_key("production of civilian goods")
    assert subject_key("the defence budget") == subject_key("defence allocation")


def test_evidence_fills_in_a_vague_subject() -> None:
    key = subject_key("figure", "exports of military equipment rose 35 percent in the first half")
    assert key == "defense exports"
    assert subject_key(None, "") == ""


def test_two_way_trade_is_trade() -> None:
    assert subject_key("total goods imports", "total goods imports and exports grew 2 percent") == "trade"


def test_group_subjects_merges_wordings() -> None:
    claims = [
        claim("a", 0, "Gondor's arms exports hit $3bn", "amount", 3e9, "USD", "arms exports", quantity_start=1,
              quantity_end=2),
        claim("b", 0, "exports of defence products", "amount", 1, "USD", "exports of defence products",
              quantity_start=1, quantity_end=2),
        claim("c", 0, "wheat output rose", "amount", 1, "USD", "wheat output", quantity_start=1, quantity_end=2),
    ]
    groups = group_subjects(claims)
    assert groups[0].key == "defense exports"
    assert set(groups[0].claims) == {"a:1-2:amount", "b:1-2:amount"}
    assert groups[0].subjects == ("arms exports", "exports of defence products")
    assert any(g.key == "wheat production" for g in groups)


def test_key_matches_query() -> None:
    assert key_matches("defense exports", "arms exports")
    assert key_matches("defense exports", "exports")
    assert not key_matches("defense production", "arms exports")


def test_dominant_scope() -> None:
    assert dominant_scope(["Turkish exporters said Turkey sold more.", "Iran was mentioned once."]) == "turkey"
    assert dominant_scope(["Nothing national here."]) is None


def test_lemma() -> None:
    assert lemma("factories") == "factory"
    assert lemma("contracts") == "contract"
    assert lemma("gas") == "gas"
    assert lemma("countries") == "country"


WORDS = st.sampled_from(["the", "arms", "defence", "exports", "of", "military", "products", "oil", "output",
                         "budget", "its", "Iranian", "civilian", "goods", "total", "value"])


@given(st.lists(WORDS, min_size=1, max_size=8))
def test_key_ignores_case_and_apostrophe_style(words: list[str]) -> None:
    phrase = " ".join(words)
    assert subject_key(phrase) == subject_key(phrase.upper()) == subject_key(phrase.replace("'", "\u2019"))
    key = subject_key(phrase)
    assert not {"the", "its", "of", "total", "value"} & set(key.split())
    assert normalize_subject(key).key == key  # a key is its own normal form
