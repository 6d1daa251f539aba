"""The web app in headless Chromium (Playwright driving the system's /usr/bin/chromium):
a reader filters the claims by speaker, opens a document at a claim and sees its
evidence marked, opens a timeline chart, a talking-point cell and a finding. Nothing is
fetched from another host. Screenshots go to test-artifacts/web/ (gitignored)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..chromium import launched_chromium, skip_without_chromium
from .conftest import HOSTILE_CLAIM

ARTIFACTS = Path(os.environ.get("CLAIMWATCH_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts")) / "web"

skip_without_chromium()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launched_chromium()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    elsewhere: list[str] = []
    errors: list[str] = []

    def only_this_server(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    page.close()
    assert elsewhere == [], f"the app fetched {elsewhere}"
    assert errors == [], f"the page logged errors: {errors}"


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_filter_by_speaker_then_open_the_evidence(page: Any, base_url: str) -> None:
    page.goto(base_url + "/claims")
    total = int(page.locator("#total").inner_text())
    _shot(page, "claims")
    page.fill("input[name=speaker]", "Ilse Varga")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/claims?*speaker=Ilse+Varga*")
    assert int(page.locator("#total").inner_text()) == 1 < total
    assert page.locator("table.claims tbody tr").count() == 1
    _shot(page, "claims-by-speaker")
    page.click("table.claims a.evidence")
    page.wait_for_url("**/doc/hostile#claim-1")
    target = page.locator(".seg.target")
    assert "".join(target.all_inner_texts()) == HOSTILE_CLAIM
    assert target.first.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert "speaker: Ilse Varga" in page.locator("#span-info").inner_text()
    # the article's markup is text on the page, never run
    assert page.evaluate("() => window.hacked === undefined")
    assert "<script>window.hacked = 1</script>" in page.locator("#text").inner_text()
    _shot(page, "document-at-claim")


def test_selecting_a_span_shows_its_values(page: Any, base_url: str) -> None:
    page.goto(base_url + "/doc/s01")
    page.locator("#text .seg.date").first.click()
    assert page.locator("#span-info").inner_text().startswith("date ")
    page.locator("#text .seg.claim").first.click()
    assert "claim 1: multiplier" in page.locator("#span-info").inner_text()


def test_open_a_timeline_chart(page: Any, base_url: str) -> None:
    page.goto(base_url + "/timeline")
    page.locator("ul.subjects a").first.click()
    page.wait_for_url("**/timeline?subject=*")
    chart = page.locator("figure.chart svg").first
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    assert chart.locator("circle").count() >= 2
    _shot(page, "timeline")
    page.locator("table a").first.click()
    page.wait_for_url("**/doc/*#claim-*")
    assert page.locator(".seg.target").count() >= 1


def test_open_a_talking_point_cell(page: Any, base_url: str) -> None:
    page.goto(base_url + "/talking-points")
    _shot(page, "talking-points")
    page.locator("table.matrix a.cell").first.click()
    page.wait_for_url("**/talking-points/*?outlet=*")
    occurrences = page.locator("section.occurrence")
    assert occurrences.count() >= 1
    assert page.locator("blockquote.canonical").inner_text().strip()
    _shot(page, "talking-point-cell")


def test_open_a_finding_with_its_evidence(page: Any, base_url: str) -> None:
    page.goto(base_url + "/findings")
    page.locator("section.finding h2 a").first.click()
    page.wait_for_url("**/findings/*")
    passages = page.locator("blockquote.passage")
    assert passages.count() >= 1 and passages.locator("mark").first.inner_text().strip()
    _shot(page, "finding")
    passages.locator("footer a").first.click()
    page.wait_for_url("**/doc/*?start=*#passage")
    assert page.locator(".seg.passage").count() >= 1
    _shot(page, "finding-passage")
