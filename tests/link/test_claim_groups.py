"""Story-level claim groups and boilerplate flags, on small records written here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.link.claim_groups import (
    ClaimGroup,
    boilerplate_claims,
    group_of,
    group_story_claims,
    keys_agree,
    same_figure,
    significant_digits,
    with_boilerplate,
)
from claimwatch.link.consistency import value_interval
from claimwatch.link.stories import Story, StoryPassage
from claimwatch.link.talking_points import Occurrence, TalkingPoint
from claimwatch.model import Claim

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "claimwatch" / "samples"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def claim(
    doc: str,
    start: int,
    kind: str,
    value: float,
    unit: str,
    subject: str | None = None,
    *,
    value_high: float | None = None,
    hedge: str | None = None,
    restates: str | None = None,
    period: tuple[str, str] | None = None,
    speaker: str | None = None,
    said_on: str | None = None,
    length: int = 30,
) -> Claim:
    """A claim over ``start .. start + length``; its id follows the store's doc:start-end:kind form."""
    return Claim(
        doc=doc, start=start, end=start + length, evidence=f"{subject or 'it'} was {value}", kind=kind,  # type: ignore[arg-type]
        value=float(value), value_high=value_high, unit=unit, subject=subject, speaker=speaker,
        period_start=date.fromisoformat(period[0]) if period else None,
        period_end=date.fromisoformat(period[1]) if period else None,
        said_on=date.fromisoformat(said_on) if said_on else None, confidence=0.9, hedge=hedge, restates=restates,
        quantity_start=start, quantity_end=start + length,
    )  # fmt: skip


def story(sid: str, *passages: tuple[str, int, int]) -> Story:
    return Story(id=sid, label="", passages=tuple(StoryPassage(d, s, e) for d, s, e in passages))


def group_with(groups: list[ClaimGroup], claim_id: str) -> ClaimGroup:
    return next(g for g in groups if claim_id in g.claims)


ONE_STORY = [story("st1", ("a", 0, 1000), ("b", 0, 800))]
YEAR = ("2023-03-21", "2024-03-19")


def test_two_outlets_same_figure_form_one_group_with_two_sources() -> None:
    a = claim(
        "a", 100, "multiplier", 3, "x", "the ministry's defense exports", period=YEAR, speaker="Ali Rezaei"
    )
    b = claim("b", 40, "multiplier", 3, "x", "exports of defense goods", period=YEAR, said_on="2024-05-02")
    groups = group_story_claims([a, b], ONE_STORY, outlets={"a": "Daily One", "b": "Wire Two"})
    assert len(groups) == 1
    g = groups[0]
    assert g.story == "st1" and g.multi_source
    assert set(g.claims) == {a.id, b.id}
    assert g.sources == ("a", "b") and g.outlets == ("Daily One", "Wire Two")
    assert (g.kind, g.value, g.unit, g.speaker) == ("multiplier", 3.0, "x", "Ali Rezaei")
    assert (g.period_start, g.period_end, g.said_on) == (*map(date.fromisoformat, YEAR), date(2024, 5, 2))


def test_different_values_stay_two_groups() -> None:
    a = claim("a", 100, "percent_change", 64, "%", "military production")
    b = claim("b", 40, "percent_change", 46, "%", "military production")
    groups = group_story_claims([a, b], ONE_STORY)
    assert len(groups) == 2
    assert all(len(g.sources) == 1 for g in groups)


def test_same_value_different_story_or_no_story_stays_apart() -> None:
    a = claim("a", 100, "multiplier", 3, "x", "defense exports")
    b = claim("b", 40, "multiplier", 3, "x", "defense exports")
    two_stories = [story("s1", ("a", 0, 500), ("c", 0, 500)), story("s2", ("b", 0, 500), ("d", 0, 500))]
    assert len(group_story_claims([a, b], two_stories)) == 2
    assert len(group_story_claims([a, b], [])) == 2
    # the claim of document a lies after the story's passage (a recap tail of another event)
    tail = [story("s3", ("a", 0, 90), ("b", 0, 800))]
    assert group_with(group_story_claims([a, b], tail), a.id).story is None


def test_restatement_in_one_document_joins_its_first_mention() -> None:
    first = claim("a", 100, "multiplier", 3, "x", "defense exports")
    again = claim("a", 600, "multiplier", 3, "x", "our exports", restates=first.id)
    other = claim("b", 40, "multiplier", 3, "x", "defense exports")
    groups = group_story_claims([again, other, first], ONE_STORY)
    assert len(groups) == 1
    assert groups[0].claims[0] in (first.id, other.id) and set(groups[0].claims) == {
        first.id, again.id, other.id}  # fmt: skip
    # outside any story the restatement still joins, and nothing else does
    alone = group_story_claims([again, other, first], [])
    assert sorted(len(g.claims) for g in alone) == [1, 2]
    assert group_of(alone)[again.id] == group_of(alone)[first.id] != group_of(alone)[other.id]


def test_broken_restates_links_are_ignored() -> None:
    loop_a = claim("a", 100, "count", 14, "contracts", "export contracts", restates="a:300-330:count")
    loop_b = claim("a", 300, "count", 14, "contracts", "export contracts", restates=loop_a.id)
    dangling = claim("a", 500, "count", 9, "lines", "production lines", restates="zz:1-2:count")
    groups = group_story_claims([loop_a, loop_b, dangling], [])
    assert sorted(c for g in groups for c in g.claims) == sorted([loop_a.id, loop_b.id, dangling.id])
    assert group_with(groups, dangling.id).claims == (dangling.id,)


def test_rounding_and_hedges_join_but_do_not_chain() -> None:
    precise = claim("a", 100, "amount", 1.23e9, "USD", "defense exports")
    rounded = claim("b", 40, "amount", 1.2e9, "USD", "defense exports", hedge="about")
    assert len(group_story_claims([precise, rounded], ONE_STORY)) == 1
    group = group_story_claims([precise, rounded], ONE_STORY)[0]
    assert group.value == 1.23e9  # the most precise member speaks for the group
    # two different round figures of one precision are two figures
    nine = claim("a", 100, "count", 9e6, "barrels per day", "oil production")
    ten = claim("b", 40, "count", 10e6, "barrels per day", "oil production")
    assert len(group_story_claims([nine, ten], ONE_STORY)) == 2
    # "at least" is a bound for consistency, but two bounded counts are not one claim
    dead = claim("a", 100, "count", 1644, "people", "people killed", hedge="at least")
    missing = claim("b", 40, "count", 139, "people", "people missing", hedge="at least")
    assert len(group_story_claims([dead, missing], ONE_STORY)) == 2


def test_subject_keys_and_periods_must_agree() -> None:
    exports = claim("a", 100, "percent_change", 20, "%", "defense exports")
    budget = claim("b", 40, "percent_change", 20, "%", "defense budget")
    assert len(group_story_claims([exports, budget], ONE_STORY)) == 2
    bare = claim("b", 40, "percent_change", 20, "%", "exports")
    assert len(group_story_claims([exports, bare], ONE_STORY)) == 1
    later = claim("b", 40, "percent_change", 20, "%", "defense exports", period=("2024-01-01", "2024-12-31"))
    earlier = replace(exports, period_start=date(2022, 1, 1), period_end=date(2022, 12, 31))
    assert len(group_story_claims([earlier, later], ONE_STORY)) == 2
    # without a subject on one side only the identical figure identifies the claim
    unknown = claim("b", 40, "percent_change", 19.5, "%", None)
    assert len(group_story_claims([exports, unknown], ONE_STORY)) == 2
    assert len(group_story_claims([exports, replace(unknown, value=20.0)], ONE_STORY)) == 1


def test_specific_figure_joins_across_wordings() -> None:
    deaths = claim("a", 100, "count", 1644, "deaths", "earthquake death toll")
    people = claim("b", 40, "count", 1644, "people", "people dead")
    assert len(group_story_claims([deaths, people], ONE_STORY)) == 1
    round_a = claim("a", 100, "count", 50, "countries", "buyers")
    round_b = claim("b", 40, "count", 50, "firms", "suppliers")
    assert len(group_story_claims([round_a, round_b], ONE_STORY)) == 2


def test_repeat_without_restates_link_joins_a_confirmed_group_only() -> None:
    head = claim("a", 10, "count", 551e6, "voters", "voters")
    body = claim("a", 400, "count", 551e6, "voters", "voters")
    other = claim("b", 40, "count", 551e6, "voters", "voters")
    assert len(group_story_claims([head, body, other], ONE_STORY)) == 1
    # no other outlet confirms it: two unlinked mentions of one report stay apart
    assert len(group_story_claims([head, body], ONE_STORY)) == 2


def test_group_ids_are_stable_and_every_claim_in_one_group() -> None:
    claims = [
        claim("a", 100, "multiplier", 3, "x", "defense exports"),
        claim("b", 40, "multiplier", 3, "x", "defense exports"),
        claim("a", 300, "percent_share", 40, "%", "civilian output"),
    ]
    first = group_story_claims(claims, ONE_STORY)
    second = group_story_claims(list(reversed(claims)), ONE_STORY)
    assert [g.id for g in first] == [g.id for g in second]
    assert sorted(c for g in first for c in g.claims) == sorted(c.id for c in claims)
    marked = with_boilerplate(first, {claims[2].id})
    lone = next(g for g in marked if claims[2].id in g.claims)
    assert lone.boilerplate == (claims[2].id,) and lone.all_boilerplate
    assert not any(g.boilerplate for g in marked if g is not lone)


def point(*occurrences: tuple[str, int, int]) -> TalkingPoint:
    return TalkingPoint(
        id="tp", text="", occurrences=tuple(Occurrence(d, s, e, "") for d, s, e in occurrences)
    )


def test_claim_inside_talking_point_occurrence_is_flagged() -> None:
    inside = claim("a", 120, "count", 50, "countries", "interested buyers")
    before = claim("a", 10, "count", 7, "lines", "production lines")
    elsewhere = claim("c", 120, "count", 50, "countries", "interested buyers")
    touching = claim("a", 70, "count", 3, "plants", "plants", length=30)  # ends where the occurrence starts
    points = [point(("a", 100, 200), ("b", 5, 90))]
    assert boilerplate_claims([inside, before, elsewhere, touching], points) == {inside.id}
    # a sentence recycled inside one document only is not boilerplate
    assert boilerplate_claims([inside], [point(("a", 100, 200), ("a", 400, 500))]) == set()


@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 60)), max_size=6),
    st.integers(0, 350), st.integers(1, 60),
)  # fmt: skip
def test_boilerplate_overlap_matches_brute_force(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    points = [point(("a", s, s + n), ("b", 0, 1)) for s, n in spans]
    c = claim("a", start, "count", 1, "x", length=length)
    expected = any(s < start + length and start < s + n for s, n in spans)
    assert (c.id in boilerplate_claims([c], points)) == expected


@given(st.integers(1, 10**6), st.integers(0, 6))
def test_significant_digits_ignore_trailing_zeros(mantissa: int, zeros: int) -> None:
    digits = len(str(mantissa).rstrip("0"))
    assert significant_digits(mantissa * 10**zeros) == digits


@given(st.floats(0.01, 1e12, allow_nan=False), st.sampled_from([None, "about", "nearly", "some"]))
def test_same_figure_is_reflexive_and_symmetric(value: float, hedge: str | None) -> None:
    a = (value, None)
    b = (round(value, 1), None)
    ia, ib = value_interval(*a, hedge), value_interval(*b, None)
    assert same_figure(a, ia, a, ia)
    assert same_figure(a, ia, b, ib) == same_figure(b, ib, a, ia)


@given(
    st.lists(
        st.sampled_from(["defense", "exports", "budget", "arms", "sales"]),
        min_size=1,
        max_size=3,
        unique=True,
    )
)
def test_keys_agree_with_their_own_head(words: list[str]) -> None:
    key = " ".join(words)
    assert keys_agree(key, key)
    assert keys_agree(words[-1], key)


# ---------------------------------------------------------------------------
# The real pipeline over the sample corpus
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[list[Claim], list[Any], list[Any], dict[str, Any]]]:
    from claimwatch.service import links, queries, runs
    from claimwatch.settings import Settings
    from claimwatch.store import Store

    db = tmp_path_factory.mktemp("claim_groups") / "samples.db"
    with Store(db, writer=True) as store:
        runs.add_paths(store, [SAMPLES / "corpus.jsonl"], Settings(db=db))
    with Store(db) as store:
        outlets = {d.id: d.outlet for d in queries.documents(store)}
        yield queries.claims(store), links.stories(store), links.talking_points(store), outlets


def test_sample_corpus_tripling_is_one_claim_with_several_sources(sample_run: Any) -> None:
    claims, stories, points, outlets = sample_run
    groups = group_story_claims(claims, stories, outlets=outlets)
    assert sorted(c for g in groups for c in g.claims) == sorted(c.id for c in claims)
    tripled = [
        g for g in groups if g.kind == "multiplier" and g.value == 3 and {"s01", "s02"} <= set(g.sources)
    ]
    assert len(tripled) == 1
    assert tripled[0].story is not None and len(tripled[0].outlets) >= 2
    # the conflicting production growth figures of the same two reports stay apart
    by_id = {c.id: c for c in claims}
    for g in groups:
        values = {by_id[c].value for c in g.claims}
        assert len(values) == 1 or g.kind != "percent_change"
    flagged = boilerplate_claims(claims, points)
    assert flagged and flagged <= set(by_id)
    for claim_id in flagged:
        c = by_id[claim_id]
        assert any(
            o.doc == c.doc and o.start < c.end and c.start < o.end
            for p in points
            for o in p.occurrences
        )


# ---------------------------------------------------------------------------
# Gold: claims of one story with one figure, reported by different outlets
# ---------------------------------------------------------------------------
def _gold(name: str) -> tuple[list[Claim], list[Story]]:
    texts = {json.loads(line)["id"]: json.loads(line)["text"]
             for line in (SHARED / "corpus" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line}  # fmt: skip
    claims = []
    for line in (SHARED / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = texts.get(record["doc"], "")
        for index, c in enumerate(record["claims"]):
            start = text.find(c["evidence"])
            if start >= 0:
                # a distinct id per gold claim: doc:index-index:kind
                claims.append(Claim(
                    doc=record["doc"], start=start, end=start + len(c["evidence"]), evidence=c["evidence"],
                    kind=c["kind"], value=float(c["value"]), value_high=c.get("value_high"), unit=c["unit"],
                    subject=c.get("subject"), speaker=c.get("speaker"),
                    period_start=date.fromisoformat(c["period_start"]) if c.get("period_start") else None,
                    period_end=date.fromisoformat(c["period_end"]) if c.get("period_end") else None,
                    quantity_start=index, quantity_end=index,
                ))  # fmt: skip
    stories = []
    for index, s in enumerate(json.loads((SHARED / "gold" / f"{name}.links.json").read_text())["stories"]):
        passages = []
        for p in s["passages"]:
            text = texts[p["doc"]]
            start = text.find(p["evidence"]) if p.get("evidence") else 0
            end = start + len(p["evidence"]) if p.get("evidence") else len(text)
            passages.append(StoryPassage(p["doc"], start, end))
        stories.append(Story(f"g{index}", "", tuple(passages)))
    return claims, stories


def test_gold_dev_story_claims_group_precisely() -> None:
    if not (SHARED / "gold" / "dev.links.json").exists():
        pytest.skip("shared gold not available")
    claims, stories = _gold("dev")
    groups = group_story_claims(claims, stories)
    by_id = {c.id: c for c in claims}
    story_of = {}
    for s in stories:
        for p in s.passages:
            for c in claims:
                if c.doc == p.doc and p.start < c.end and c.start < p.end:
                    story_of[c.id] = s.id

    def gold_key(c: Claim) -> tuple[Any, ...]:
        return (story_of.get(c.id), c.kind, float(c.value), c.value_high, c.unit.lower())

    gold_pairs = {frozenset((a.id, b.id)) for a, b in combinations(claims, 2)
                  if a.doc != b.doc and a.id in story_of and gold_key(a) == gold_key(b)}  # fmt: skip
    predicted = {frozenset(pair) for g in groups for pair in combinations(g.claims, 2)
                 if by_id[pair[0]].doc != by_id[pair[1]].doc}  # fmt: skip
    hits = len(predicted & gold_pairs)
    # measured: P=1.000, R=0.846 (gold has no restates links, so repeated mentions in one report miss)
    assert gold_pairs and hits / len(predicted) >= 0.9 and hits / len(gold_pairs) >= 0.75
