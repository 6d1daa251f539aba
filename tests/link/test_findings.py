"""``claimwatch check`` families over texts written for these tests: headline_body,
cross_outlet, arithmetic, calendar glosses, window conflicts, copy groups, severities."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from claimwatch.errors import InputError
from claimwatch.link.consistency import calendar_glosses
from claimwatch.link.findings import at_least, check
from claimwatch.link.readings import measured_wholes, qualifier_class, wholes_clash, window_months
from claimwatch.link.stories import Story, StoryPassage
from claimwatch.model import Claim, Document
from tests.records import claim, document


def at(doc: Document, evidence: str, figure: str, kind: Any, value: float, unit: str, **fields: Any) -> Claim:
    """A claim of ``doc`` over ``evidence`` whose quantity is ``figure`` inside it."""
    start = doc.text.index(evidence)
    q = doc.text.index(figure, start)
    return claim(doc.id, start, evidence, kind, value, unit, quantity_start=q, quantity_end=q + len(figure), **fields)


def headed(doc_id: str, headline: str, body: str, **fields: Any) -> Document:
    return document(doc_id, f"{headline}\n\n{body}", title=headline, **fields)


def story(*docs: Document) -> Story:
    return Story("s", "a story", tuple(StoryPassage(d.id, 0, len(d.text)) for d in docs))


def spans_hold(findings: list[Any], docs: list[Document]) -> None:
    texts = {d.id: d.text for d in docs}
    for f in findings:
        for e in f.evidence:
            assert texts[e.doc][e.start : e.end] == e.text


# ---------------------------------------------------------------------------
# readings
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "months"), [
    ("ferry trips have tripled over the past 31 months", 31),
    ("ferry trips tripled in three years", 36),
    ("the count rose to 90 harbours in the past year", 12),
    ("ferry trips tripled last year", None),
    ("ferry trips tripled in recent years", None),
])  # fmt: skip
def test_window_months(text: str, months: float | None) -> None:
    c = claim("a", 0, text, "multiplier", 3, "x")
    found = window_months(c)
    assert found == months if months is None else found == pytest.approx(months)


def test_qualifier_from_hedge_or_headline_verb() -> None:
    doc = headed("h", "Grain Sales Surpass $2B", "Sales were almost $2 billion.")
    head = at(doc, "Grain Sales Surpass $2B", "$2B", "amount", 2e9, "USD")
    body = at(doc, "Sales were almost $2 billion", "$2 billion", "amount", 2e9, "USD", hedge="almost")
    assert qualifier_class(head, doc.text) == "gt"
    assert qualifier_class(body, doc.text) == "near"
    assert qualifier_class(replace(head, quantity_start=0), doc.text) is None


def test_measured_wholes_clash_but_not_a_container_and_its_part() -> None:
    assert wholes_clash(measured_wholes("the mill industry grew"), measured_wholes("mill exports grew"))
    assert not wholes_clash(measured_wholes("the mill industry grew"), measured_wholes("mill output grew"))
    assert not wholes_clash(measured_wholes("grew by a quarter"), measured_wholes("mill exports grew"))


# ---------------------------------------------------------------------------
# headline_body
# ---------------------------------------------------------------------------
def test_headline_floor_against_body_hedge() -> None:
    doc = headed("h", "Valley Grain Sales Surpass $2B",
                 "The valley cooperative sold approximately $2 billion of grain last season, its chair said.")
    head = at(doc, "Valley Grain Sales Surpass $2B", "$2B", "amount", 2e9, "USD")
    body = at(doc, "sold approximately $2 billion of grain", "$2 billion", "amount", 2e9, "USD", hedge="approximately")
    found = check([head, body], [doc])
    assert [(f.type, f.severity, f.docs) for f in found] == [("headline_body", "low", ("h",))]
    assert "approximately" in found[0].explanation
    spans_hold(found, [doc])


def test_headline_window_and_measured_whole_and_range_end() -> None:
    trips = headed("t", "Ferry trips tripled in three years",
                   "Ferry trips across the bay have tripled over the past 31 months, the port said.")
    mill = headed("m", "Mill industry grew 12.5% last season", "The mill's exports grew by 12.5% last season.")
    bakery = headed("b", "Bakery orders grow 5-fold", "Bakery orders rose by 300% to 400% in two years.")
    claims = [
        at(trips, "Ferry trips tripled in three years", "tripled", "multiplier", 3, "x"),
        at(trips, "Ferry trips across the bay have tripled over the past 31 months", "tripled", "multiplier", 3, "x"),
        at(mill, "Mill industry grew 12.5%", "12.5%", "percent_change", 12.5, "%"),
        at(mill, "The mill's exports grew by 12.5%", "12.5%", "percent_change", 12.5, "%"),
        at(bakery, "Bakery orders grow 5-fold", "5-fold", "multiplier", 5, "x"),
        at(bakery, "Bakery orders rose by 300% to 400%", "300%", "percent_change", 300, "%"),
        at(bakery, "Bakery orders rose by 300% to 400%", "400%", "percent_change", 400, "%"),
    ]
    found = {f.docs[0]: f for f in check(claims, [trips, mill, bakery])}
    assert {d: f.type for d, f in found.items()} == {"t": "headline_body", "m": "headline_body", "b": "headline_body"}
    assert "31 months" in found["t"].explanation and found["t"].severity == "medium"
    assert "industry" in found["m"].explanation and "exports" in found["m"].explanation
    assert "range" in found["b"].explanation and found["b"].severity == "low"


def test_headline_that_agrees_with_its_body_is_no_finding() -> None:
    doc = headed("h", "Harbour traffic doubled in two years",
                 "Traffic through the harbour doubled over the past two years, the port office said.")
    claims = [at(doc, "Harbour traffic doubled in two years", "doubled", "multiplier", 2, "x"),
              at(doc, "Traffic through the harbour doubled over the past two years", "doubled", "multiplier", 2, "x")]
    assert check(claims, [doc]) == []


# ---------------------------------------------------------------------------
# cross_outlet
# ---------------------------------------------------------------------------
def test_relays_of_one_story_differ_by_rounding_qualifier_and_window() -> None:
    a = document("a", "Mills ground about 12.9 million tonnes. Exports were more than $1 billion. "
                      "Mills shipped to 85 ports over the past 10 years.", outlet="Valley Post")
    b = document("b", "Mills ground 13.07 million tonnes. Exports were almost $1 billion. "
                      "Mills shipped to 85 ports in the past year.", outlet="Harbour Times")
    claims = [
        at(a, "Mills ground about 12.9 million tonnes", "12.9 million", "count", 12.9e6, "tonnes", hedge="about"),
        at(b, "Mills ground 13.07 million tonnes", "13.07 million", "count", 13.07e6, "tonnes"),
        at(a, "Exports were more than $1 billion", "$1 billion", "amount", 1e9, "USD", hedge="more than"),
        at(b, "Exports were almost $1 billion", "$1 billion", "amount", 1e9, "USD", hedge="almost"),
        at(a, "Mills shipped to 85 ports over the past 10 years", "85", "count", 85, "ports"),
        at(b, "Mills shipped to 85 ports in the past year", "85", "count", 85, "ports"),
    ]
    found = check(claims, [a, b], [story(a, b)])
    assert {f.type for f in found} == {"cross_outlet"}
    assert sorted(f.severity for f in found) == ["low", "medium", "medium"]
    assert all(f.docs == ("a", "b") and f.story == "a story" for f in found)
    spans_hold(found, [a, b])
    # the same outlet printing two versions is not a relay difference
    same = replace(b, outlet="Valley Post")
    assert check(claims, [a, same], [story(a, same)]) == []
    # and without a story the relays are not compared
    assert check(claims, [a, b]) == []


# ---------------------------------------------------------------------------
# arithmetic
# ---------------------------------------------------------------------------
def test_share_and_change_against_the_figures_beside_them() -> None:
    doc = document("w", "The mill cut 3,000 of its 12,000 jobs, about 10%. The dairy cut 3,000 of its 12,000 jobs, or 25%. "
                        "Sales rose 40% from $2 billion to $3 billion. Rents rose 50% from $2 billion to $3 billion.")
    claims = [
        at(doc, "The mill cut 3,000 of its 12,000 jobs, about 10%", "10%", "percent_share", 10, "%", hedge="about"),
        at(doc, "The dairy cut 3,000 of its 12,000 jobs, or 25%", "25%", "percent_share", 25, "%"),
        at(doc, "Sales rose 40% from $2 billion to $3 billion", "40%", "percent_change", 40, "%"),
        at(doc, "Rents rose 50% from $2 billion to $3 billion", "50%", "percent_change", 50, "%"),
    ]
    found = check(claims, [doc])
    assert [(f.type, f.evidence[0].text[:9]) for f in found] == [("arithmetic", "The mill "), ("arithmetic", "Sales ros")]
    assert "25.0%" in found[0].explanation and "+50.0%" in found[1].explanation
    assert found[0].severity == "high"
    spans_hold(found, [doc])


# ---------------------------------------------------------------------------
# calendar glosses, window conflicts, copies, severities
# ---------------------------------------------------------------------------
def test_calendar_gloss_of_a_persian_year() -> None:
    wrong = "The 1403 budget (March 2023 - March 2024) was approved."
    right = "Output in 1401 (March 21, 2022-2023) rose."
    found = calendar_glosses("g", wrong)
    assert len(found) == 1 and found[0].severity == "high"
    assert [e.text for e in found[0].evidence] == ["1403", "(March 2023 - March 2024)"]
    assert calendar_glosses("g", right) == []


def test_one_speakers_windows_up_to_the_statement_conflict() -> None:
    a = document("a", "Sales of the guild have quadrupled since August 2031, Tarn Velo said.", outlet="Valley Post")
    b = document("b", "Sales of the guild have tripled over the past 35 months, Tarn Velo said.", outlet="Harbour Times")
    claims = [
        at(a, "Sales of the guild have quadrupled since August 2031", "quadrupled", "multiplier", 4, "x",
           subject="sales of the guild", speaker="Tarn Velo", period_text="since August 2031",
           period_start="2031-08-01", period_end="2034-07-20", said_on="2034-07-20"),
        at(b, "Sales of the guild have tripled over the past 35 months", "tripled", "multiplier", 3, "x",
           subject="sales of the guild", speaker="Tarn Velo"),
    ]
    found = [f for f in check(claims, [a, b]) if f.type == "conflict"]
    assert len(found) == 1 and found[0].severity == "high"
    assert "35 months" in found[0].explanation
    # a window of another length is another stretch of time
    shorter = replace(claims[1], evidence=claims[1].evidence)
    other = document("b", b.text.replace("35 months", "12 months"), outlet="Harbour Times")
    assert [f for f in check([claims[0], replace(shorter, evidence=other.text[: len(shorter.evidence)])], [a, other])
            if f.type == "conflict"] == []


def test_copies_are_checked_once_and_named_with_their_original() -> None:
    text = "Valley Grain Sales Surpass $2B\n\nThe cooperative sold approximately $2 billion of grain."
    original = document("o", text, title="Valley Grain Sales Surpass $2B")
    copy = replace(document("c", text, title="Valley Grain Sales Surpass $2B"), copy_of="o")
    claims = []
    for d in (original, copy):
        claims += [at(d, "Valley Grain Sales Surpass $2B", "$2B", "amount", 2e9, "USD"),
                   at(d, "sold approximately $2 billion", "$2 billion", "amount", 2e9, "USD", hedge="approximately")]
    found = check(claims, [original, copy], [story(original, copy)])
    assert len(found) == 1
    assert found[0].docs == ("o", "c") and found[0].copies == ("c",)


def test_min_severity_filters_and_rejects_unknown_levels() -> None:
    doc = headed("h", "Valley Grain Sales Surpass $2B", "The cooperative sold approximately $2 billion of grain.")
    claims = [at(doc, "Valley Grain Sales Surpass $2B", "$2B", "amount", 2e9, "USD"),
              at(doc, "sold approximately $2 billion", "$2 billion", "amount", 2e9, "USD", hedge="approximately")]
    assert len(check(claims, [doc], min_severity="low")) == 1
    assert check(claims, [doc], min_severity="medium") == []
    with pytest.raises(InputError):
        at_least([], "urgent")
