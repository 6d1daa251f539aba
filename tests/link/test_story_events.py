"""Stories as events: who spoke, when, which figures for which period; readable labels;
series of annual announcements; copies (texts written for these tests)."""

from __future__ import annotations

from dataclasses import replace

from claimwatch.link.labels import claim_label, figure
from claimwatch.link.stories import find_stories
from claimwatch.model import Claim, Document
from tests.records import claim, document

HARVEST_2031 = (
    "Minister Tarn Velo said on Monday that the valley's grain exports reached 4.2 million tonnes in 2031.\n\n"
    "Velo told the assembly of growers that the new river port had carried most of the shipments.\n\n"
    "He thanked the cooperatives of the upper terraces for their work through a dry summer."
)
HARVEST_2031_RELAY = (
    "Grain exports from the valley reached 4.2 million tonnes in 2031, Minister Tarn Velo told growers on Monday.\n\n"
    "Most of the shipments left through the new river port, Velo said at the assembly.\n\n"
    "The upper terraces had a dry summer, cooperative leaders added."
)
HARVEST_2032 = (
    "Minister Tarn Velo said on Tuesday that the valley's grain exports reached 4.9 million tonnes in 2032.\n\n"
    "Velo told the assembly of growers that the new river port had carried most of the shipments.\n\n"
    "He thanked the cooperatives of the upper terraces for their work through a wet spring."
)


def exports_claim(doc: Document, value: float, year: int, said_on: str) -> Claim:
    evidence = next(s for s in doc.text.split("\n\n") if "million tonnes" in s)
    start = doc.text.index(evidence)
    return claim(doc.id, start, evidence, "count", value, "tonnes", "the valley's grain exports",
                 speaker="Tarn Velo", period_start=f"{year}-01-01", period_end=f"{year}-12-31",
                 period_text=str(year), said_on=said_on)  # fmt: skip


def corpus() -> tuple[list[Document], list[Claim]]:
    a = document("a", HARVEST_2031, published="2032-01-12", outlet="Valley Post")
    b = document("b", HARVEST_2031_RELAY, published="2032-01-12", outlet="Harbour Times")
    c = document("c", HARVEST_2032, published="2033-01-11", outlet="Valley Post")
    claims = [exports_claim(a, 4.2e6, 2031, "2032-01-12"), exports_claim(b, 4.2e6, 2031, "2032-01-12"),
              exports_claim(c, 4.9e6, 2032, "2033-01-11")]
    return [a, b, c], claims


def test_two_annual_announcements_are_two_stories_of_one_series() -> None:
    docs, claims = corpus()
    stories = find_stories(docs, (), claims)
    assert [s.docs for s in stories] == [("a", "b"), ("c",)]
    assert stories[0].series is not None and stories[0].series == stories[1].series
    assert stories[0].when is not None and stories[0].when.isoformat() == "2032-01-12"


def test_one_statement_dated_apart_is_another_occasion() -> None:
    docs, claims = corpus()
    later = replace(docs[1], published=None)
    moved = [replace(claims[1], said_on=claims[1].said_on.replace(year=2032, month=6) if claims[1].said_on else None)]
    stories = find_stories([docs[0], later], (), [claims[0], *moved])
    assert all(s.docs != ("a", "b") for s in stories)


def test_labels_are_readable_a_headline_or_the_main_claim() -> None:
    docs, claims = corpus()
    titled = replace(docs[0], title="Valley grain exports hit a record")
    labels = [s.label for s in find_stories([titled, *docs[1:]], (), claims)]
    assert labels[0] == "Valley grain exports hit a record"
    # without a headline: "Speaker: figure, subject (period)"
    assert labels[1] == "Tarn Velo: 4.9 million tonnes, the valley's grain exports (2032)"
    assert claim_label(claims[0]) == "Tarn Velo: 4.2 million tonnes, the valley's grain exports (2031)"


def test_figures_as_a_reader_writes_them() -> None:
    assert figure("multiplier", 4, 5, "x") == "4–5x"
    assert figure("percent_change", 81, None, "%") == "+81%"
    assert figure("amount", 1.2e9, None, "USD") == "1.2 billion USD"
    assert figure("percent_share", 36, None, "%") == "36%"


def test_an_exact_copy_shares_its_originals_story() -> None:
    docs, claims = corpus()
    copy = replace(document("a2", HARVEST_2031, published="2032-01-13", outlet="Lake Courier"), copy_of="a")
    stories = find_stories([*docs, copy], (), claims)
    assert stories[0].docs == ("a", "a2", "b")
