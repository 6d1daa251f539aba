"""CQE scorer: units compared by meaning and one-to-one matching, on sentences written for
these tests (scores and floors are in the gate)."""

from __future__ import annotations

import json
from pathlib import Path

from claimwatch.eval.cqe import (
    CqeScore,
    GoldQuantity,
    currency_matches,
    parse_gold_value,
    same_unit,
    score_file,
    score_sentence,
)
from claimwatch.extract.numbers import find_quantities
from claimwatch.model import Quantity


def _first(text: str) -> Quantity:
    return find_quantities(text)[0]


def test_gold_values_and_ranges_parse() -> None:
    assert parse_gold_value("48200000") == (48200000.0, None)
    assert parse_gold_value("8-10") == (8.0, 10.0)
    assert parse_gold_value("about ten") is None


def test_currency_names_match_their_codes_current_or_withdrawn() -> None:
    assert currency_matches("dollar", "USD") and not currency_matches("dollar", "CAD")
    assert currency_matches("canadian dollar", "CAD")
    assert currency_matches("mark", "DEM") and currency_matches("finnish markka", "FIM")
    assert currency_matches("bitcoin", "XBT")
    assert not currency_matches("mark", "FIM")


def test_units_compare_by_meaning() -> None:
    assert same_unit(_first("The ferry reached 40 km/h."), "kilometre per hour")
    assert not same_unit(_first("The ferry reached 40 km/h."), "mile per hour")
    assert same_unit(_first("A 45-year-old fisherman was rescued."), "year of age")
    assert same_unit(_first("The index fell 12 points."), "point")
    assert same_unit(_first("The stall sold 30 carpets."), "carpet")


def test_each_gold_quantity_is_credited_once() -> None:
    score = CqeScore()
    gold = [GoldQuantity(5.0, None, "dollar"), GoldQuantity(5.0, None, "dollar")]
    score_sentence("The ticket cost $5.", gold, score, listed=True)
    assert (score.value.tp, score.value.fp, score.value.fn) == (1, 0, 1)
    assert score.misses


def test_every_third_sentence_is_blind(tmp_path: Path) -> None:
    items = [{"text": f"The stall sold {n} carpets.", "quantities": [{"value": str(n), "normalized_unit": "carpet"}]} for n in range(2, 8)]
    path = tmp_path / "set.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    parts = score_file(path)
    assert (parts["seen"].sentences, parts["blind"].sentences, parts["all"].sentences) == (4, 2, 6)
    assert parts["all"].value_unit.f1 == 1.0
