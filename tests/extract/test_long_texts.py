"""A document longer than the model's ``max_length`` is extracted, never refused by spaCy
(E088): the model only ever sees one sentence at a time, each cut to a bounded length."""

from __future__ import annotations

import pytest

from claimwatch.extract.nlp import MAX_SENTENCE_CHARS, split_sentences
from claimwatch.extract.pipeline import Extractor
from claimwatch.model import Document


def test_every_sentence_piece_is_bounded_whatever_the_punctuation() -> None:
    text = "Cargo rose 3 percent in 2031, the port said. " + "x" * 25_000 + " " + "word, " * 5_000
    pieces = split_sentences(text)
    assert all(len(p.text) <= MAX_SENTENCE_CHARS and text[p.start : p.end] == p.text for p in pieces)


def test_a_text_longer_than_the_models_max_length_is_extracted(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractor.nlp, "max_length", 4 * MAX_SENTENCE_CHARS)
    sentence = "Ferry traffic rose 12 percent in 2031, the harbour master said. "
    text = sentence * 200 + "y" * (6 * MAX_SENTENCE_CHARS)
    assert len(text) > extractor.nlp.max_length
    ex = extractor.extract(Document(id="long", text=text, content_hash="h", source="test"))
    assert len([c for c in ex.claims if c.value == 12]) >= 150
    assert all(text[c.start : c.end] == c.evidence for c in ex.claims)
