"""The rule framework: first match, revisions, traces, ablation, and the extractor's tables."""

from __future__ import annotations

from datetime import date

import pytest

from claimwatch.extract import rules
from claimwatch.extract.pipeline import Extractor
from claimwatch.extract.rules import KEEP, Adjustments, FirstMatch, Rule, Trace, ablated
from claimwatch.model import Document

_SMALL = FirstMatch(
    "test_small",
    "size",
    [
        Rule("test_small.tiny", "below 3", lambda n: "tiny" if n < 3 else None),
        Rule("test_small.small", "below 10", lambda n: "small" if n < 10 else None),
    ],
)
_ROUNDING = Adjustments(
    "test_round",
    "size",
    [
        Rule("test_round.even", "odd numbers go up", lambda n, cur: cur + 1 if cur % 2 else KEEP),
        Rule("test_round.cap", "at most 8", lambda n, cur: 8 if cur > 8 else KEEP),
    ],
)


def test_first_match_decides_and_traces() -> None:
    trace = Trace()
    assert _SMALL.decide(1, trace) == "tiny" and trace.frozen() == (("size", "test_small.tiny"),)
    assert _SMALL.decide(5) == "small" and _SMALL.decide(50) is None


def test_adjustments_revise_in_turn() -> None:
    trace = Trace()
    assert _ROUNDING.revise(None, 9, trace) == 8
    assert trace.frozen() == (("size", "test_round.even"), ("size", "test_round.cap"))
    assert _ROUNDING.revise(None, 4) == 4


def test_an_ablated_rule_does_not_fire() -> None:
    with ablated(["test_small.tiny"]):
        assert _SMALL.decide(1) == "small"
    assert _SMALL.decide(1) == "tiny"
    with pytest.raises(KeyError, match="no rule named"):
        with ablated(["test_small.nonexistent"]):
            pass


def test_rule_names_belong_to_their_table() -> None:
    with pytest.raises(ValueError, match="must be named"):
        FirstMatch("test_bad", "x", [Rule("other.rule", "", lambda n: n)])


def test_the_extractor_registers_its_tables() -> None:
    names = rules.all_rules()
    for prefix in ("speaker.", "source.", "period_own.", "period_inherited.", "said_on."):
        assert any(n.startswith(prefix) for n in names), prefix


def test_claims_record_the_rules_behind_each_field(extractor: Extractor) -> None:
    text = "Exports of the shipyard doubled in 2023, the trade minister, Lena Ortiz, said on Monday."
    doc = Document(id="t", text=text, content_hash="h", source="test", published=date(2024, 3, 13))
    [claim] = extractor.extract(doc).claims
    fields = {f for f, _ in claim.rules}
    assert {"speaker", "period", "said_on"} <= fields
    assert ("said_on", "said_on.dated_in_sentence") in claim.rules
    # switched off, the next rule decides; with it too, the claim has no statement date
    with ablated(["said_on.dated_in_sentence"]):
        [again] = extractor.extract(doc).claims
    with ablated(["said_on.dated_in_sentence", "said_on.speakers_statement"]):
        [neither] = extractor.extract(doc).claims
    assert claim.said_on == again.said_on == date(2024, 3, 11) and neither.said_on is None
    assert ("said_on", "said_on.speakers_statement") in again.rules


def test_components_name_only_typed_layers() -> None:
    from claimwatch.extract.pipeline import COMPONENTS, LAYERS, Component, check_components

    check_components(COMPONENTS)
    assert {"sentences", "quantities", "times", "parsed", "quotes", "claims"} <= LAYERS
    bad = Component("bad", ("sentences",), ("speakers_table",), lambda s, n: None)
    with pytest.raises(ValueError, match="DocState does not have"):
        check_components([*COMPONENTS, bad])
