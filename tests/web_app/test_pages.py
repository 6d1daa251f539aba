"""The HTML pages over a real server: every stored string escaped, spans marked from
Python offsets, one error page, the guard's headers and refusals."""

from __future__ import annotations

import re
from html import unescape

import httpx
import pytest

from .conftest import HOSTILE_CLAIM, HOSTILE_TEXT

PAGES = ["/claims", "/claims?speaker=Karimabadi&sort=value", "/docs", "/doc/hostile", "/speakers", "/timeline",
         "/talking-points", "/stories", "/findings", "/claims?q=percent&kind=percent_change&page=1"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_its_security_headers(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff" and response.headers["x-frame-options"] == "DENY"
    assert "<script>" not in response.text  # scripts come from /static only


def test_an_article_with_markup_renders_as_text(client: httpx.Client) -> None:
    page = client.get("/doc/hostile").text
    assert "<script>window.hacked" not in page and "&lt;script&gt;window.hacked = 1&lt;/script&gt;" in page
    assert "<b>Port</b>" not in page and "&lt;b&gt;Port&lt;/b&gt;" in page
    listing = client.get("/claims", params={"speaker": "Varga"}).text
    assert "<script>alert(1)" not in listing
    text = re.search(r'<article id="text" class="text">(.*?)</article>', page, re.S)
    assert text is not None
    # the marked text is the stored text, cut into pieces and nothing else
    assert unescape(re.sub(r"<[^>]+>", "", text.group(1))) == HOSTILE_TEXT


def test_a_claims_span_is_marked_and_deep_linked(client: httpx.Client) -> None:
    page = client.get("/doc/hostile").text
    assert '<a class="anchor" id="claim-1"></a>' in page
    marked = re.search(r'<span class="seg ([a-z ]+)" data-refs="([^"]*)" title="([^"]*)">([^<]*)</span>', page)
    assert marked is not None
    segments = re.findall(r'<span class="seg [^"]*claim[^"]*" data-refs="[^"]*claim-1[^"]*" title="([^"]*)">([^<]*)</span>', page)
    assert "".join(unescape(text) for _, text in segments) == HOSTILE_CLAIM
    assert "percent change 7 %" in unescape(segments[0][0]) and "speaker: Ilse Varga" in unescape(segments[0][0])


def test_a_passage_link_marks_the_passage(client: httpx.Client) -> None:
    start = HOSTILE_TEXT.index("40 ships")
    page = client.get("/doc/hostile", params={"start": start, "end": start + 8}).text
    assert '<a class="anchor" id="passage"></a>' in page and "seg passage" in page
    assert client.get("/doc/hostile", params={"start": 5, "end": 99999}).status_code == 400


def test_a_claim_link_goes_to_its_span(client: httpx.Client) -> None:
    claim = client.get("/api/claims", params={"speaker": "Varga"}).json()["claims"][0]
    response = client.get(f"/claim/{claim['id']}")
    assert response.status_code == 303 and response.headers["location"] == "/doc/hostile#claim-1"


def test_the_claims_page_filters_and_pages(client: httpx.Client) -> None:
    page = client.get("/claims", params={"kind": "amount", "per_page": 3}).text
    assert 'rel="next"' in page and page.count('class="evidence"') == 3
    assert re.search(r'<option value="amount" selected>', page)


def test_a_timeline_page_draws_its_charts_inline(client: httpx.Client) -> None:
    subject = client.get("/api/subjects").json()["subjects"][0]["subject"]
    page = client.get("/timeline", params={"subject": subject}).text
    assert "<svg" in page and ("<polyline" in page or "<circle" in page)
    svg = client.get("/timeline.svg", params={"subject": subject})
    assert svg.headers["content-type"].startswith("image/svg+xml") and svg.text.startswith("<svg")


def test_errors_are_a_page_for_browsers(client: httpx.Client) -> None:
    response = client.get("/doc/nothing-here")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "Error 404" in response.text and "nothing-here" in response.text
    assert client.get("/doc/<script>x").text.count("<script>") == 0


def test_a_read_only_server_refuses_writes(client: httpx.Client) -> None:
    assert client.get("/add").status_code == 404
    assert client.post("/api/docs", json={"articles": [{"text": "x"}]}).status_code == 403
    assert client.post("/add", data={"text": "x"}).status_code == 403
    assert client.post("/api/speakers/merge", json={"a": "x", "b": "y"}).status_code == 403


def test_another_host_name_is_refused(base_url: str) -> None:
    # a page of another site whose name was rebound to 127.0.0.1 sends its own Host
    response = httpx.get(base_url + "/api/claims", headers={"host": "attacker.example"})
    assert response.status_code == 421 and response.json()["ok"] is False


def test_a_body_over_the_limit_is_refused_unread(client: httpx.Client) -> None:
    response = client.post("/api/docs", content=b"x" * (11 * 1024 * 1024), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["status"] == 413


def test_a_claims_page_kept_for_its_query_shows_the_rows_its_api_twin_lists(client: httpx.Client) -> None:
    # the page's data and rendered rows are kept per query: asked again, the same page
    path = "/claims?sort=value&per_page=7&page=2"
    first, again = client.get(path).text, client.get(path).text
    assert first == again
    listed = client.get("/api" + path).json()["claims"]
    rows = re.findall(r'<a class="evidence" href="([^"]+)">', first)
    assert rows == [c["link"] for c in listed] and len(rows) == 7
    other = client.get("/claims?sort=value&per_page=7&page=3").text
    assert re.findall(r'<a class="evidence" href="([^"]+)">', other) != rows
