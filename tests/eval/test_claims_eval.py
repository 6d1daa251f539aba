"""The gold scorer: matching rules, field accuracy, floors."""

from __future__ import annotations

from claimwatch.eval.claims import below_floors, default_same_speaker, score_claims

TEXT = "Minister Ana Ruiz said exports doubled in 2023 and reached $4 billion."


def _sys(kind, value, start, end, **kw):
    base = {"kind": kind, "value": value, "value_high": None, "start": start, "end": end, "unit": "x",
            "speaker": None, "period_start": None, "period_end": None, "said_on": None, "doc": "d"}  # fmt: skip
    return {**base, **kw}


def _gold(evidence, kind, value, **kw):
    base = {"evidence": evidence, "kind": kind, "value": value, "value_high": None, "speaker": None,
            "period_start": None, "period_end": None, "said_on": None}  # fmt: skip
    return {**base, **kw}


def test_match_needs_kind_value_and_overlap():
    gold = [{"doc": "d", "claims": [_gold("exports doubled in 2023", "multiplier", 2),
                                    _gold("reached $4 billion", "amount", 4e9)]}]  # fmt: skip
    s = TEXT.index("exports")
    system = {"d": [_sys("multiplier", 2, s, s + 15), _sys("amount", 4e9, 0, 5), _sys("count", 2023, 40, 44)]}
    score = score_claims(gold, system, {"d": TEXT})
    assert (score.true_positives, score.false_positives, score.false_negatives) == (1, 2, 1)
    assert 0 < score.f1 < 1


def test_field_accuracy_and_speaker_aliases():
    s = TEXT.index("exports")
    gold = [{"doc": "d", "claims": [_gold("exports doubled", "multiplier", 2, speaker="Ana Ruiz",
                                          period_start="2023-01-01", period_end="2023-12-31")]}]  # fmt: skip
    system = {"d": [_sys("multiplier", 2, s, s + 15, speaker="Minister Ana Ruiz", period_start="2023-01-01",
                         period_end="2023-12-31", said_on="2024-01-01")]}  # fmt: skip
    score = score_claims(gold, system, {"d": TEXT})
    assert score.speaker.accuracy == 1.0 and score.period.accuracy == 1.0 and score.said_on.accuracy == 0.0


def test_same_speaker():
    assert default_same_speaker("Mohammad Reza Ashtiani", "Mohammad-Reza Ashtiani")
    assert default_same_speaker(None, None)
    assert not default_same_speaker("Ana Ruiz", None)
    assert not default_same_speaker("Ana Ruiz", "Ana Lopez")


def test_missing_document_counts_as_misses():
    gold = [{"doc": "zz", "claims": [_gold("x", "count", 1)]}]
    score = score_claims(gold, {}, {})
    assert score.false_negatives == 1 and score.docs_missing == ["zz"]


def test_floors():
    assert below_floors("g", {"f1": 0.8}, {"g": {"f1": 0.9}})
    assert not below_floors("g", {"f1": 0.95}, {"g": {"f1": 0.9}})
    assert not below_floors("other", {"f1": 0.1}, {"g": {"f1": 0.9}})
