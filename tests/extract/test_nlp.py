"""The extraction model's attribute ruler: the lookup version sets exactly what spaCy's does."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from claimwatch.extract import nlp as nlp_mod
from claimwatch.extract.nlp import FastAttributeRuler, compile_attribute_rules

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]

# Made-up sentences that reach the model's special rules: contractions, "n't", object
# pronouns, expletive "there", "gets"/"got", runs of spaces, "nothin'", "y'all".
SENTENCES = [
    "It ain't over, and y'all know it.",
    "There is nothin' left, she told me on Friday.",
    "He gets paid 12 percent more than he got in 2023.",
    "We didn't see them  \n  at the port; they'd gone.",
    "Give it to him, not to us: I'll do what you did.",
    "Exports rose   3.4% in the first quarter, the ministry said.",
]

WORDS = (
    "the a it me you him her us them there is are was were 's 're n't ai nt y' all nothin' "
    "gets got do does did have has had to that which what said told rose fell 12 3.4 % , . "
    "exports port minister Friday she he we they I ' \" ( ) -"
).split()


@pytest.fixture(scope="module")
def stock() -> Any:
    return nlp_mod.load_model()


@pytest.fixture(scope="module")
def fast() -> Any:
    return nlp_mod.load_extraction_model()


def _annotations(doc: Any) -> tuple[list[list[int]], list[str]]:
    return doc.to_array(ATTRS).tolist(), [str(t.morph) for t in doc]


def test_extraction_model_swaps_only_the_attribute_ruler(stock: Any, fast: Any) -> None:
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert not isinstance(stock.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert nlp_mod.load_extraction_model() is fast  # loaded once per process


@pytest.mark.parametrize("text", SENTENCES)
def test_same_annotations_as_spacy(stock: Any, fast: Any, text: str) -> None:
    assert _annotations(fast(text)) == _annotations(stock(text))


@settings(max_examples=40)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_same_annotations_on_any_word_sequence(stock: Any, fast: Any, words: list[str]) -> None:
    text = " ".join(words)
    assert _annotations(fast(text)) == _annotations(stock(text))


# ---- the rule compiler, on rules written here (no trained model needed) ------------------


def _rulers(patterns: list[dict[str, Any]]) -> tuple[Any, Any]:
    """A blank pipeline with spaCy's attribute ruler, and the same with the lookup one."""
    stock = spacy.blank("en")
    stock.add_pipe("attribute_ruler").add_patterns(patterns)
    rules = compile_attribute_rules(stock.get_pipe("attribute_ruler"))
    assert rules is not None
    fast = FastAttributeRuler()
    fast.rules = rules
    return stock, fast


RULES: list[dict[str, Any]] = [
    {"patterns": [[{"LOWER": {"IN": ["rose", "fell"]}}]], "attrs": {"POS": "VERB", "LEMMA": "move"}},
    {"patterns": [[{"LOWER": "rose"}]], "attrs": {"LEMMA": "rise"}},  # later rule wins
    {"patterns": [[{"ORTH": {"REGEX": "^[0-9]+%?$"}}]], "attrs": {"POS": "NUM"}},
    {"patterns": [[{"LOWER": "per"}, {"LOWER": "cent"}]], "attrs": {"POS": "NOUN"}, "index": -1},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_SPACE": False}]], "attrs": {"MORPH": "Foo=Yes"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"TEXT": "The"}], [{"TEXT": "A"}]], "attrs": {"POS": "DET"}},
]


@settings(max_examples=60)
@given(st.lists(st.sampled_from("The the A a rose fell per cent 12 12% ,  \n".split(" ")), max_size=12))
def test_compiled_rules_match_like_the_matcher(words: list[str]) -> None:
    stock, fast = _rulers(RULES)
    text = " ".join(words)
    assert _annotations(fast(stock.make_doc(text))) == _annotations(stock(text))


def test_later_rule_and_sequence_index() -> None:
    stock, fast = _rulers(RULES)
    doc = fast(stock.make_doc("Exports rose 12 per cent"))
    assert [t.lemma_ for t in doc][1] == "rise"
    assert [t.pos_ for t in doc] == ["", "VERB", "NUM", "", "NOUN"]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "rose", "OP": "+"}],  # quantifiers: only the Matcher
        [{"POS": "VERB"}],  # an attribute the compiler does not read
        [{"LENGTH": {">=": 3}}],
    ],
)
def test_unsupported_rules_keep_spacy_ruler(pattern: list[dict[str, Any]]) -> None:
    blank = spacy.blank("en")
    blank.add_pipe("attribute_ruler").add_patterns([{"patterns": [pattern], "attrs": {"LEMMA": "x"}}])
    assert compile_attribute_rules(blank.get_pipe("attribute_ruler")) is None


def test_an_over_long_run_is_cut_into_bounded_sentences() -> None:
    # a list with no full stops: pieces end after a comma, each within the cap, and
    # together they cover the run (offsets into the text, text equal to the slice)
    text = "Shipments: " + ", ".join(f"{i} tonnes to port {i}" for i in range(400)) + "."
    spans = nlp_mod.split_sentences(text)
    assert len(spans) > 1
    assert all(len(s.text) <= nlp_mod.MAX_SENTENCE_CHARS for s in spans)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert all(s.text.endswith(",") for s in spans[:-1])
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "")


def test_a_run_without_spaces_is_still_cut() -> None:
    text = "x" * (3 * nlp_mod.MAX_SENTENCE_CHARS + 5)
    assert [len(s.text) for s in nlp_mod.split_sentences(text)] == [nlp_mod.MAX_SENTENCE_CHARS] * 3 + [5]


@given(st.text(alphabet=st.sampled_from("ab ,;.\n"), max_size=4000))
@settings(max_examples=60, deadline=None)
def test_sentences_are_bounded_slices_of_any_text(text: str) -> None:
    spans = nlp_mod.split_sentences(text)
    assert all(0 < len(s.text) <= nlp_mod.MAX_SENTENCE_CHARS and text[s.start : s.end] == s.text for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
