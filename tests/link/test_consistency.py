"""Consistency checks over small claim dicts written for these tests, plus the sample corpus."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.link.consistency import (
    calendar_errors,
    check,
    compatible_values,
    rounding_half_unit,
    timeline,
    value_interval,
)
from claimwatch.link.stories import Story, StoryPassage
from tests.records import claim, document

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "claimwatch" / "samples"


YEAR_A = {"period_start": "2031-01-01", "period_end": "2031-12-31"}
YEAR_B = {"period_start": "2030-01-01", "period_end": "2030-12-31"}
DOCS = [document("a", "", outlet="Valley Post"), document("b", "", outlet="Harbour Times"),
        document("c", "", outlet="Valley Post")]


def test_conflict_between_incompatible_values_same_period() -> None:
    a = claim("a", 10, "Gondor's arms exports grew 64 percent", "percent_change", 64, "%", "Gondor's arms exports", **YEAR_A)
    b = claim("b", 40, "Gondor's defence exports rose 46 percent", "percent_change", 46, "%", "defence exports of Gondor", **YEAR_A)
    found = check([a, b], DOCS)
    conflicts = [f for f in found if f.type == "conflict"]
    assert len(conflicts) == 1
    assert set(conflicts[0].claims) == {a.id, b.id}
    assert {e.doc for e in conflicts[0].evidence} == {"a", "b"}
    assert {e.text for e in conflicts[0].evidence} == {a.evidence, b.evidence}


def test_no_conflict_across_periods_scopes_or_kinds() -> None:
    a = claim("a", 0, "arms exports grew 64 percent", "percent_change", 64, "%", "arms exports", **YEAR_A)
    other_year = claim("b", 0, "arms exports grew 46 percent", "percent_change", 46, "%", "arms exports", **YEAR_B)
    other_country = claim("b", 50, "Turkish arms exports grew 46 percent", "percent_change", 46, "%",
                          "Turkish arms exports", **YEAR_A)
    other_kind = claim("b", 90, "a 46 percent share of arms exports", "percent_share", 46, "%", "arms exports", **YEAR_A)
    mine = claim("a", 60, "Gondor's arms exports grew", "percent_change", 64, "%", "Gondor's arms exports", **YEAR_A)
    assert check([a, other_year], DOCS) == []
    assert check([mine, other_country], DOCS) == []
    assert check([a, other_kind], DOCS) == []


def test_hedge_and_rounding_tolerance() -> None:
    some = claim("a", 0, "exports of arms reached some one billion dollars", "amount", 1e9, "USD", "exports of arms",
                 hedge="some", **YEAR_A)
    about = claim("b", 0, "arms exports were about $1.2bn", "amount", 1.2e9, "USD", "arms exports", hedge="about", **YEAR_A)
    exact = claim("b", 50, "arms exports were $2.5bn", "amount", 2.5e9, "USD", "arms exports", **YEAR_A)
    assert [f for f in check([some, about], DOCS) if f.type == "conflict"] == []
    assert len([f for f in check([some, exact], DOCS) if f.type == "conflict"]) == 1
    floor = claim("b", 90, "more than 50 buyers", "count", 50, "buyers", "arms buyers exports", hedge="more than", **YEAR_A)
    many = claim("a", 90, "73 buyers", "count", 73, "buyers", "arms buyers exports", **YEAR_A)
    assert check([floor, many], DOCS) == []


def test_restatement_in_one_document_is_not_a_conflict() -> None:
    first = claim("a", 0, "arms exports grew 64 percent", "percent_change", 64, "%", "arms exports", **YEAR_A)
    again = claim("c", 0, "exports rose by 46 percent", "percent_change", 46, "%", "arms exports",
                  restates=first.id, **YEAR_A)
    assert [f for f in check([first, again], DOCS) if f.type == "conflict"] == []


def test_same_speech_without_period_conflicts_and_drifts() -> None:
    speaker = {"speaker": "Arvid Tollan", "said_on": "2031-05-03"}
    a = claim("a", 0, "military production rose by 64 percent", "percent_change", 64, "%", "military production",
              **speaker)
    b = claim("b", 0, "military production grew by 46 percent", "percent_change", 46, "%", "military production",
              period_start="2030-03-21", period_end="2031-03-20", **speaker)
    found = check([a, b], DOCS)
    assert {f.type for f in found} == {"conflict", "cross_outlet"}
    drift = next(f for f in found if f.type == "cross_outlet")
    assert "Valley Post" in drift.explanation and "Harbour Times" in drift.explanation
    # a different speaker with no period cannot be placed in time: no finding
    c = replace(a, speaker="Maren Olsvik", quantity_end=1)
    assert check([c, b], DOCS) == []
    # same outlet: a conflict may remain, but no drift between outlets
    same_outlet = [document("a", "", outlet="Valley Post"), document("b", "", outlet="Valley Post")]
    assert all(f.type != "cross_outlet" for f in check([a, b], same_outlet))


def test_story_links_statements_without_dates() -> None:
    a = claim("a", 0, "the minister said output fell 12 percent", "percent_change", -12, "%", "oil output",
              speaker="Arvid Tollan")
    b = claim("b", 0, "the minister said oil output fell 21 percent", "percent_change", -21, "%", "oil output",
              speaker="Arvid Tollan")
    assert check([a, b], DOCS) == []
    story = [Story("st1", "", (StoryPassage("a", 0, 0), StoryPassage("b", 0, 0)))]
    assert {f.type for f in check([a, b], DOCS, story)} == {"conflict", "cross_outlet"}


def test_series_baseline_mismatch_and_consistent_baseline() -> None:
    tripled = claim("a", 0, "arms exports tripled in 2031", "multiplier", 3, "x", "arms exports", **YEAR_A)
    now = claim("a", 40, "arms exports reached $1.2 billion in 2031", "amount", 1.2e9, "USD", "arms exports", **YEAR_A)
    before_bad = claim("b", 0, "arms exports were $800 million in 2030", "amount", 8e8, "USD", "arms exports", **YEAR_B)
    before_ok = claim("b", 0, "arms exports were $400 million in 2030", "amount", 4e8, "USD", "arms exports", **YEAR_B)
    bad = [f for f in check([tripled, now, before_bad], DOCS) if f.type == "series"]
    assert len(bad) == 1 and set(bad[0].claims) == {tripled.id, now.id, before_bad.id}
    assert "1.50x" in bad[0].explanation
    assert [f for f in check([tripled, now, before_ok], DOCS) if f.type == "series"] == []
    up25 = claim("a", 80, "arms exports rose 25 percent", "percent_change", 25, "%", "arms exports", **YEAR_A)
    five = claim("a", 120, "arms exports of $5.5bn", "amount", 5.5e9, "USD", "arms exports", **YEAR_A)
    four = claim("a", 160, "arms exports of $4.4bn", "amount", 4.4e9, "USD", "arms exports", **YEAR_B)
    assert [f for f in check([up25, five, four], DOCS) if f.type == "series"] == []


def test_change_amount_is_not_a_level() -> None:
    level = claim("a", 0, "a defence budget of Rs2,150 billion", "amount", 2.15e12, "PKR", "defence budget", **YEAR_A)
    rise = claim("b", 0, "a Rs318 billion rise in the defence budget", "amount", 3.18e11, "PKR", "defence budget",
                 **YEAR_A)
    rise = replace(rise, quantity_start=2, quantity_end=15)  # the quantity "Rs318 billion" inside the evidence
    assert check([level, rise], DOCS) == []


CAL_TEXT = (
    "Output grew in the Iranian year 1402, which began on March 21, 2022, officials said. "
    "In the year 1401, which ended on March 20, 2023, sales were flat. "
    "The years 1389 and 1390, which ended on 20 March 2011, were weaker. "
    "Iranian year 1403 started on 20 March 2024."
)


def test_calendar_errors_found_with_both_spans() -> None:
    found = calendar_errors("t", CAL_TEXT)
    assert len(found) == 1
    year, stated = found[0].evidence
    assert year.text == "1402" and CAL_TEXT[year.start : year.end] == "1402"
    assert stated.text == CAL_TEXT[stated.start : stated.end] == "began on March 21, 2022"
    assert "2023-03-21" in found[0].explanation
    via_check = check([], [document("t", CAL_TEXT)])
    assert [f.type for f in via_check] == ["calendar_error"]


def test_timeline_series_sorted() -> None:
    pts = [
        claim("a", 0, "arms exports were $1bn", "amount", 1e9, "USD", "arms exports", speaker="Tollan", **YEAR_A),
        claim("b", 0, "arms exports were $0.8bn", "amount", 8e8, "USD", "defence exports", speaker="Olsvik", **YEAR_B),
        claim("b", 30, "wheat output rose", "amount", 5e6, "USD", "wheat output", speaker="Olsvik", **YEAR_B),
        claim("b", 60, "arms exports were $1bn", "amount", 1e9, "USD", "arms exports", restates="a:0-23:amount"),
    ]
    points = timeline(pts, "arms exports")
    assert [p.doc for p in points] == ["b", "a"]
    assert [p.series for p in points] == ["Olsvik", "Tollan"]
    assert all(p.subject_key == "defense exports" for p in points)


@given(st.floats(min_value=-1e13, max_value=1e13, allow_nan=False), st.sampled_from([None, "about", "more than", "up to"]))
def test_value_interval_contains_value(value: float, hedge: str | None) -> None:
    low, high = value_interval(value, None, hedge)
    assert low <= value <= high
    assert compatible_values((low, high), (value, value))
    if hedge is None and value != 0:
        assert high - low <= abs(value) * 0.2 * (1 + 1e-9)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=4))
def test_rounding_half_unit_of_last_digit(mantissa: int, zeros: int) -> None:
    if mantissa % 10 == 0:
        mantissa += 1
    assert math.isclose(rounding_half_unit(mantissa * 10**zeros), 0.5 * 10**zeros)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from claimwatch.service import queries, runs
    from claimwatch.settings import Settings
    from claimwatch.store import Store

    db = tmp_path_factory.mktemp("consistency") / "samples.db"
    settings = Settings(db=db)
    with Store(db, writer=True) as store:
        runs.add_paths(store, [SAMPLES / "corpus.jsonl"], settings)
    with Store(db) as store:
        yield queries.claims(store), queries.documents(store)


def test_sample_corpus_conflict_and_calendar_error(sample_store: Any) -> None:
    claims, documents = sample_store
    texts = {d.id: d.text for d in documents}
    found = check(claims, documents)
    for f in found:
        for e in f.evidence:
            assert texts[e.doc][e.start : e.end] == e.text
    conflicts = [f for f in found if f.type == "conflict" and {e.doc for e in f.evidence} == {"s01", "s02"}]
    assert any({"64 percent", "46 percent"} <= {t for e in f.evidence for t in ("64 percent", "46 percent") if t in e.text}
               for f in conflicts)
    calendar = [f for f in found if f.type == "calendar_error"]
    assert [e.doc for f in calendar for e in f.evidence] == ["s05", "s05"]
    assert calendar[0].evidence[0].text == "1402"


def test_calendar_error_in_evidence_without_text() -> None:
    ev = "sales grew 9 percent in the Iranian year 1402, which started on 21 March 2022"
    c = claim("z", 100, ev, "percent_change", 9, "%", "sales", period_start="2023-03-21", period_end="2024-03-19")
    found = [f for f in check([c], [document("z", "")]) if f.type == "calendar_error"]
    assert len(found) == 1
    year = found[0].evidence[0]
    assert year.start == 100 + ev.index("1402") and year.text == "1402"
    assert found[0].claims == (c.id,)


def _all_pairs_in_blocks(items: Any) -> set[frozenset[str]]:
    """The reference: every two claims of a block (periods starting within
    PERIOD_BLOCK_YEARS of each other; or one speaker and measure), as ids."""
    from itertools import combinations

    from claimwatch.lexicon import subjects as lex
    from claimwatch.link.consistency import _speaker_block

    pairs: set[frozenset[str]] = set()
    for a, b in combinations(items, 2):
        heads_a = {t for t in a.subject.tokens if t in lex.MEASURES}
        heads_b = {t for t in b.subject.tokens if t in lex.MEASURES}
        if not heads_a or not heads_b or (a.kind, a.unit) != (b.kind, b.unit):
            continue
        if (a.period is not None and b.period is not None and a.subject.key == b.subject.key
                and abs(a.period[0].year - b.period[0].year) <= lex.PERIOD_BLOCK_YEARS):  # fmt: skip
            pairs.add(frozenset((a.id, b.id)))
        speaker = _speaker_block(a)
        if speaker and speaker == _speaker_block(b) and heads_a & heads_b:
            pairs.add(frozenset((a.id, b.id)))
    return pairs


def _reports(n: int, value: Any, **fields: Any) -> list[Any]:
    """``n`` reports of one measure, one a document; ``value(i)`` is the i-th figure."""
    return [
        claim(f"r{i:04d}", 0, f"Gondor's inflation was {value(i)} percent", "percent_change", value(i), "%",
              "Gondor's inflation", **fields)
        for i in range(n)
    ]  # fmt: skip


def test_blocks_no_larger_than_the_window_give_every_pair() -> None:
    from claimwatch.link.consistency import _blocks, _claims

    years = ["2028", "2029", "2030", "2031", "2033", "2035"]
    speakers = ["Aragorn Elessar", "Faramir Hurin", None]
    raw = [
        claim(f"d{i}", 0, f"Gondor's inflation was {i} percent", "percent_change", i, "%", "Gondor's inflation",
              speaker=speakers[i % 3], period_start=f"{years[i % 6]}-01-01", period_end=f"{years[i % 6]}-12-31")
        for i in range(40)
    ] + [
        claim(f"e{i}", 0, f"Faramir said inflation was {i} percent", "percent_change", i, "%", "inflation",
              speaker="Faramir Hurin", said_on=f"2031-0{1 + i % 9}-01")
        for i in range(12)
    ]  # fmt: skip
    items = _claims(raw, {}, {}, {})
    found = {frozenset((a.id, b.id)) for a, b in _blocks(items)}
    assert found == _all_pairs_in_blocks(items) and len(found) > 100


def test_a_huge_block_costs_linear_time_and_still_reports_the_odd_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimwatch.link.consistency import _blocks, _claims

    monkeypatch.setattr("claimwatch.lexicon.subjects.BLOCK_NEIGHBOURS", 8)
    # 300 reports of one measure and year: one in the middle says 9 percent, all others 5
    raw = _reports(300, lambda i: 9 if i == 150 else 5, period_start="2031-01-01", period_end="2031-12-31",
                   said_on="2031-06-01")  # fmt: skip
    pairs = list(_blocks(_claims(raw, {}, {}, {})))
    assert len(pairs) <= 300 * 8  # not 300 * 299 / 2
    conflicts = [f for f in check(raw) if f.type == "conflict"]
    odd = raw[150].id
    assert conflicts and all(odd in f.claims for f in conflicts)
    assert {e.text for f in conflicts for e in f.evidence} == {raw[150].evidence, raw[0].evidence}
