"""Properties of the number, money, multiplier and date parsers on any string: no
exception, offsets inside the text with the text between them equal to what the record
holds, values finite and bounded; and round trips where a figure has one written form.

The strings are drawn from pieces that steer into the parsers' rules (digits in every
grouping, scales, currencies, percent and multiplier words, fractions, months, years,
Persian digits, marks of direction) mixed with arbitrary text."""

from __future__ import annotations

import math
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.extract.dates.detect import find_times
from claimwatch.extract.numbers.numerals import fractions, multiplier_words, numerals, parse_words, ratios
from claimwatch.extract.numbers.quantities import find_quantities
from claimwatch.extract.pipeline import Extractor
from claimwatch.lexicon.numbers import MAX_FIGURE
from claimwatch.model import Document

PIECES = (
    "1", "12", "1,200", "1.5", "0.25", "3,5", "2031", "1402", "9" * 30, "9" * 400, "-4", "+7", "10 1/2", "½", "3/4",
    "$", "US$", "€", "£", "Rs", "₹", "N", "rials", "dollars", "billion", "bn", "million", "m", "trillion", "lakh",
    "crore", "thousand", "percent", "per cent", "%", "pc", "percentage points", "basis points", "times", "fold",
    "-fold", "tripled", "doubled", "twice", "half", "a third", "two-thirds", "twenty-five", "a hundred and six",
    "one point five", "point", "and", "or", "to", "between", "from", "by", "rose", "fell", "up", "down", "about",
    "nearly", "more than", "January", "March 21", "2023-06-10", "last year", "fiscal", "FY2024", "Q3", "1402",
    "this week", "since", "until", "(", ")", "\u2013", "\u2014", ",", ".", ";", "\n", "\u06f1\u06f2", "\u0661\u0662",
    "\u200f", "\u200e", "\u202e", "\ufffd", "\x00", "\x1b[2J", '"', "\u201c", "'s", "per day", "barrels", "tonnes",
    "ships", "people", "the ministry said", "he said",
)  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map(" ".join)
published = st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))


def _inside(text: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text)


@settings(max_examples=300)
@given(texts)
def test_numerals_never_raise_and_stay_inside_the_text(text: str) -> None:
    for start, end, value, _ in numerals(text):
        assert _inside(text, start, end) and start < end
        assert isinstance(value, float) and not math.isnan(value)


@settings(max_examples=300)
@given(texts)
def test_quantities_hold_their_evidence_and_finite_bounded_values(text: str) -> None:
    for q in find_quantities(text):
        assert _inside(text, q.start, q.end) and q.text == text[q.start : q.end]
        for v in (q.value, q.value_high):
            assert v is None or (math.isfinite(v) and abs(v) <= MAX_FIGURE)


@settings(max_examples=200)
@given(texts)
def test_multipliers_fractions_and_ratios_stay_inside_the_text(text: str) -> None:
    for reading in (*multiplier_words(text), *fractions(text), *ratios(text)):
        assert _inside(text, reading.start, reading.end)
        assert math.isfinite(reading.value)


@settings(max_examples=300)
@given(st.text(max_size=80))
def test_number_words_never_raise(raw: str) -> None:
    value = parse_words(raw)
    assert value is None or (math.isfinite(value) and value >= 0)


@settings(max_examples=300)
@given(texts, published)
def test_dates_hold_their_evidence_and_ordered_bounds(text: str, pub: date | None) -> None:
    for t in find_times(text, pub):
        assert _inside(text, t.start, t.end) and t.text == text[t.start : t.end]
        if t.period_start and t.period_end:
            assert t.period_start <= t.period_end


@settings(max_examples=60)
@given(st.integers(min_value=1, max_value=999_999), st.sampled_from([("million", 1e6), ("billion", 1e9)]))
def test_grouped_money_round_trips(n: int, scale: tuple[str, float]) -> None:
    word, factor = scale
    text = f"The ministry said revenue reached ${n:,} {word} in 2031."
    (q,) = [q for q in find_quantities(text) if q.kind == "amount"]
    assert (q.value, q.unit) == (n * factor, "USD")
    assert q.text == text[q.start : q.end] and q.text.startswith("$")


@settings(max_examples=40)
@given(st.integers(min_value=2, max_value=9))
def test_fold_multipliers_round_trip(n: int) -> None:
    text = f"Exports rose {n}-fold in 2031, the ministry said."
    (q,) = [q for q in find_quantities(text) if q.kind == "multiplier"]
    assert q.value == n and q.text == text[q.start : q.end]


@settings(max_examples=40)
@given(st.integers(min_value=10**22, max_value=10**600))
def test_absurd_figures_are_not_read(n: int) -> None:
    text = f"The deficit reached ${n} in 2031, the auditor said."
    assert [q for q in find_quantities(text) if q.kind == "amount"] == []


@settings(max_examples=40)
@given(texts, published)
def test_whole_extraction_keeps_every_offset_on_its_evidence(extractor: Extractor, text: str, pub: date | None) -> None:
    document = Document(id="p", text=text, content_hash="h", source="test", published=pub)
    ex = extractor.extract(document)
    for c in ex.claims:
        assert text[c.start : c.end] == c.evidence
        assert math.isfinite(c.value)
    for quote in ex.quotes:
        assert _inside(text, quote.start, quote.end)
    for q in ex.quantities:
        assert text[q.start : q.end] == q.text
    for t in ex.times:
        assert text[t.start : t.end] == t.text
