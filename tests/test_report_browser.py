"""The HTML report in headless Chromium (Playwright with the system's /usr/bin/chromium):
labels that do not overlap, legends that are not cut, a page that does not overflow,
tables that sort and search offline, links that open the passage they cite — measured
from element boxes, not by eye. Screenshots are written next to the report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimwatch.service import links, runs
from claimwatch.settings import Settings
from claimwatch.store import Store

from .chromium import launched_chromium, skip_without_chromium

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "claimwatch" / "samples"

skip_without_chromium()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    db = folder / "samples.db"
    with Store(db, writer=True) as store:
        runs.add_paths(store, [SAMPLES / "corpus.jsonl"], Settings(db=db))
    with Store(db) as store:
        html = links.report_html(store)
    path = folder / "report.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launched_chromium()


@pytest.fixture
def page(browser: Any, report: Path) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    remote: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(report.as_uri())
    yield page
    assert remote == [], f"the report fetched {remote}"
    page.close()


BOXES = """svg => {
  const frame = svg.getBoundingClientRect();
  return {frame: [frame.left, frame.top, frame.right, frame.bottom],
          texts: Array.from(svg.querySelectorAll('text')).map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, box: [r.left, r.top, r.right, r.bottom]};})};
}"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_chart_labels_never_overlap_and_legends_are_never_cut(page: Any, report: Path) -> None:
    charts = page.locator("h3[id^=chart-] + div.scroll svg")
    assert charts.count() >= 2
    for index in range(charts.count()):
        svg = charts.nth(index)
        svg.scroll_into_view_if_needed()
        measured = svg.evaluate(BOXES)
        left, top, right, bottom = measured["frame"]
        texts = measured["texts"]
        assert texts
        for t in texts:
            x0, y0, x1, y1 = t["box"]
            assert left - 0.5 <= x0 and x1 <= right + 0.5 and top - 0.5 <= y0 and y1 <= bottom + 0.5, (
                f"chart {index + 1}: {t['text']!r} is cut at {t['box']} (chart {measured['frame']})")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                assert not _overlap(a["box"], b["box"]), f"chart {index + 1}: {a['text']!r} overlaps {b['text']!r}"
    page.locator("#charts").scroll_into_view_if_needed()
    page.screenshot(path=str(report.with_name("charts.png")))


@pytest.mark.parametrize("width", [1280, 800])
def test_the_page_never_overflows_sideways(page: Any, report: Path, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    scroll_width, client_width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll_width <= client_width
    matrix = page.locator("#spread-matrix")
    box = matrix.locator("xpath=..").bounding_box()  # its scrolling frame
    assert box is not None and box["x"] + box["width"] <= client_width + 0.5
    page.screenshot(path=str(report.with_name(f"top-{width}.png")))


def _column(page: Any, table: str, col: int) -> list[str]:
    return page.eval_on_selector_all(
        f"#{table} tbody tr:not([hidden])", f"rows => rows.map(r => r.cells[{col}].getAttribute('data-sort'))")


def test_tables_sort_by_clicking_a_header_and_search_offline(page: Any) -> None:
    header = page.locator("#claims-table thead th", has_text="value")
    header.click()
    values = [float(v) for v in _column(page, "claims-table", 2)]
    assert values == sorted(values) and len(set(values)) > 3
    header.click()
    values = [float(v) for v in _column(page, "claims-table", 2)]
    assert values == sorted(values, reverse=True)
    total = page.locator("#claims-table tbody tr").count()
    page.fill('input[data-table="claims-table"]', "Karimabadi")
    visible = page.locator("#claims-table tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all("Karimabadi" in visible.nth(i).inner_text() for i in range(visible.count()))


def test_a_finding_links_to_its_passage_in_the_document(page: Any) -> None:
    link = page.locator(".finding blockquote a[href^='#p-']").first
    target = link.get_attribute("href")[1:]
    assert page.locator(f"[id='{target}']").count() == 1
    link.click()
    page.wait_for_function(f"document.getElementById('{target}').closest('details').open")
    marked = page.locator(".doc-text mark.current")
    assert marked.count() >= 1 and marked.first.is_visible()
    assert page.evaluate("location.hash") == f"#{target}"


def test_navigation_lists_every_section(page: Any) -> None:
    names = page.eval_on_selector_all("nav.toc a", "links => links.map(a => a.getAttribute('href'))")
    assert names == ["#findings", "#charts", "#speakers", "#talking-points", "#stories", "#claims", "#quotes", "#documents"]
    for anchor in names:
        assert page.locator(anchor).count() == 1
