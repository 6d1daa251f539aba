"""The gold scorer: matching, restatements, strict speaker names, the blind split, calibration, floors."""

from __future__ import annotations

from pathlib import Path

from claimwatch.eval.claims import is_blind, reliability, score_claims, split_blind
from claimwatch.eval.floors import Floors, gold_digests
from claimwatch.eval.metrics import Counts, f1_of, show
from claimwatch.eval.names import same_speaker

TEXT = "Minister Ana Ruiz said exports doubled in 2023 and reached $4 billion. Exports doubled, she said."


def _sys(kind, value, start, end, **kw):
    base = {"kind": kind, "value": value, "value_high": None, "start": start, "end": end, "unit": "x",
            "speaker": None, "period_start": None, "period_end": None, "said_on": None, "doc": "d",
            "evidence": TEXT[start:end], "confidence": 0.9}  # fmt: skip
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
    c = score.counts
    assert (c.tp, c.fp, c.fn) == (1, 2, 1)
    assert c.f1 is not None and 0 < c.f1 < 1


def test_a_restatement_in_alt_evidence_is_neither_true_nor_false():
    second = TEXT.index("Exports doubled,")
    gold = [{"doc": "d", "claims": [_gold("exports doubled in 2023", "multiplier", 2, alt_evidence=["Exports doubled"])]}]
    s = TEXT.index("exports")
    system = {"d": [_sys("multiplier", 2, s, s + 15), _sys("multiplier", 2, second, second + 15)]}
    score = score_claims(gold, system, {"d": TEXT})
    assert (score.counts.tp, score.counts.fp, score.restatements) == (1, 0, 1)


def test_field_accuracy_and_speaker_forms():
    s = TEXT.index("exports")
    gold = [{"doc": "d", "claims": [_gold("exports doubled", "multiplier", 2, speaker="Ana Ruiz",
                                          period_start="2023-01-01", period_end="2023-12-31")]}]  # fmt: skip
    system = {"d": [_sys("multiplier", 2, s, s + 15, speaker="Minister Ana Ruiz", period_start="2023-01-01",
                         period_end="2023-12-31", said_on="2024-01-01")]}  # fmt: skip
    score = score_claims(gold, system, {"d": TEXT})
    assert (score.speaker.value, score.period.value, score.said_on.value) == (1.0, 1.0, 0.0)
    assert score.calibration == [(0.9, False)]
    assert score.error_kinds == {"said_on spurious": 1}


def test_wrong_fields_are_counted_by_kind():
    s = TEXT.index("exports")
    gold = [{"doc": "d", "claims": [_gold("exports doubled", "multiplier", 2, speaker="Ana Ruiz", said_on="2024-01-02"),
                                    _gold("reached $4 billion", "amount", 4e9, period_start="2023-01-01")]}]  # fmt: skip
    at = TEXT.index("reached")
    system = {"d": [_sys("multiplier", 2, s, s + 15, said_on="2024-01-01"),
                    _sys("amount", 4e9, at, at + 18, speaker="Ana Ruiz", period_start="2022-01-01")]}  # fmt: skip
    score = score_claims(gold, system, {"d": TEXT})
    assert score.error_kinds == {"speaker missed": 1, "said_on wrong": 1, "speaker spurious": 1, "period wrong": 1}


def test_speaker_names_are_strict():
    assert same_speaker("Mohammad Reza Ashtiani", "Mohammad-Reza Ashtiani")
    assert same_speaker("Mohammad Reza Ashtiani", "Ashtiani")  # the surname
    assert not same_speaker("Mohammad Reza Ashtiani", "Mohammad")  # a lone given name
    assert not same_speaker("Mohammad Reza Ashtiani", "Reza")
    assert same_speaker("Iran's Defense Ministry", "Defense Ministry")
    assert not same_speaker("Iran's Defense Ministry", "ministry")  # a common noun
    assert same_speaker("senior government official (unnamed)", "a senior government official")
    assert same_speaker("Haluk Görgun", "Haluk Görgün")  # accents folded
    assert same_speaker("Ali Bagheri", "Ali Baqeri", ["Ali Baqeri"])  # variants only through speaker_alt
    assert not same_speaker("Ali Bagheri", "Ali Baqeri")
    assert same_speaker(None, "Rajnath Singh", ["Rajnath Singh"])  # the likely source of a null gold
    assert same_speaker(None, None) and not same_speaker("Ana Ruiz", None) and not same_speaker(None, "Ana Ruiz")
    assert not same_speaker("Ana Ruiz", "Ana Lopez")


def test_missing_document_counts_as_misses():
    score = score_claims([{"doc": "zz", "claims": [_gold("x", "count", 1)]}], {}, {})
    assert score.counts.fn == 1 and score.docs_missing == ["zz"]


def test_every_third_document_is_blind():
    records = [{"doc": f"d{i}"} for i in range(1, 8)]
    seen, blind = split_blind(records)
    assert [r["doc"] for r in blind] == ["d3", "d6"] and len(seen) == 5
    assert is_blind(2) and not is_blind(0)


def test_empty_ratios_are_undefined_not_perfect():
    assert Counts(0, 0, 5).precision is None and Counts(0, 0, 5).f1 == 0.0
    assert Counts().f1 is None and show(None) == "n/a"
    assert f1_of(0.5, 0.5) == 0.5


def test_reliability_table():
    ece, table = reliability([(0.95, True), (0.95, False), (0.15, False)])
    assert abs(ece - (2 / 3 * 0.45 + 1 / 3 * 0.15)) < 1e-9
    assert [b.claims for b in table if b.claims] == [1, 2]


def test_floors_fail_below_missing_and_on_changed_gold(tmp_path: Path):
    floors = Floors({"claims.dev.all": {"f1": 0.9, "speaker_accuracy": 0.8}}, {"shared/dev.jsonl": "aaaa"})
    assert floors.below({"claims.dev.all": {"f1": 0.8, "speaker_accuracy": None}}) == [
        "claims.dev.all.f1: 0.8000 < floor 0.900",
        "claims.dev.all.speaker_accuracy: not measured (floor 0.800)",
    ]
    assert not floors.below({"claims.dev.all": {"f1": 0.95, "speaker_accuracy": 0.85}})
    assert floors.changed_gold({"shared/dev.jsonl": "bbbb", "shared/new.jsonl": "cccc"}) == [
        "gold input shared/dev.jsonl changed since pinning (aaaa -> bbbb): re-pin on purpose",
        "gold input shared/new.jsonl is not pinned yet: run `claimwatch eval pin` to accept it",
    ]


def test_pinning_raises_never_lowers_unless_asked(tmp_path: Path):
    floors = Floors({"s": {"f1": 0.9}})
    raised, changes = floors.pinned({"s": {"f1": 0.9567, "recall": None}}, {})
    assert raised.floors == {"s": {"f1": 0.956}} and changes == ["s.f1: 0.9 -> 0.956"]
    kept, _ = floors.pinned({"s": {"f1": 0.5}}, {})
    assert kept.floors == {"s": {"f1": 0.9}}
    lowered, changes = floors.pinned({"s": {"f1": 0.5}}, {}, lower=["s.f1"])
    assert lowered.floors == {"s": {"f1": 0.5}} and "LOWERED" in changes[0]
    path = tmp_path / "floors.json"
    lowered.save(path)
    assert Floors.load(path).floors == {"s": {"f1": 0.5}}


def test_gold_digests_cover_the_sample_gold():
    assert {"gold.jsonl", "holdout.gold.jsonl", "gold.links.json"} <= set(gold_digests(None))


def test_an_error_rate_is_a_ceiling():
    floors = Floors({"calibration": {"expected_calibration_error": 0.1}})
    assert floors.below({"calibration": {"expected_calibration_error": 0.2}}) == [
        "calibration.expected_calibration_error: 0.2000 > ceiling 0.100"
    ]
    better, _ = floors.pinned({"calibration": {"expected_calibration_error": 0.0512}}, {})
    assert better.floors["calibration"]["expected_calibration_error"] == 0.052
    kept, _ = floors.pinned({"calibration": {"expected_calibration_error": 0.3}}, {})
    assert kept.floors["calibration"]["expected_calibration_error"] == 0.1


def test_an_equivalent_in_another_currency_is_no_false_positive():
    text = "The plan allocated 900 billion rupees ($11 billion) to the navy."
    gold = [{"doc": "d", "claims": [_gold("allocated 900 billion rupees ($11 billion) to the navy", "amount", 9e11,
                                          equivalent=[{"value": 11e9, "unit": "USD"}])]}]  # fmt: skip
    s = text.index("900")
    dollars = text.index("$11")
    system = {"d": [_sys("amount", 9e11, s, s + 19, unit="INR"), _sys("amount", 11e9, dollars, dollars + 11, unit="USD")]}
    score = score_claims(gold, system, {"d": text})
    assert (score.counts.tp, score.counts.fp, score.restatements) == (1, 0, 1)
