"""Renderers: CSV cells a spreadsheet can open safely, numbers written out, terminal text."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from claimwatch.exports import csv_cell, plain_number, terminal_text


def test_csv_cells_neutralise_formulas_but_not_negative_numbers() -> None:
    for dangerous in ("=1+1", "+33 1 2345", "-A1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(dangerous) == "'" + dangerous
    assert csv_cell(-3.0) == "-3" and csv_cell(-3) == "-3"
    assert csv_cell("plain words") == "plain words"


def test_csv_cells_hold_json_for_nested_values_and_no_python_reprs() -> None:
    assert json.loads(csv_cell(["d16:1-2:count", "d17:3-4:count"])) == ["d16:1-2:count", "d17:3-4:count"]
    assert json.loads(csv_cell({"doc": "a"})) == {"doc": "a"}
    assert csv_cell(None) == "" and csv_cell(True) == "true"


@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False))
def test_numbers_are_never_in_scientific_notation(value: float) -> None:
    text = plain_number(value)
    assert "e" not in text.lower()
    assert float(text) == value


def test_terminal_text_is_not_markup_and_has_no_escape_codes() -> None:
    text = terminal_text("a [/red] b \x1b[31mc\x1b[0m\x07 d\nnext")
    assert text.plain == "a [/red] b [31mc[0m d\nnext"
    assert terminal_text(1.5e-05).plain == "0.000015"
