"""The JSON API against a real server: filters and pages as the library answers them,
one error shape on every route, CSV cells a spreadsheet will not run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import pytest

from claimwatch import exports
from claimwatch.service import queries
from claimwatch.store import Store

from .conftest import HOSTILE_CLAIM


def test_claims_are_paginated_on_the_server_in_the_librarys_order(client: httpx.Client, store_path: Path) -> None:
    with Store(store_path) as store:
        expected = [c.id for c in queries.claims(store, queries.ClaimFilter(sort="value"))]
    seen: list[str] = []
    url: str | None = "/claims?sort=value&per_page=40"
    pages = 0
    while url:
        body = client.get("/api" + url).json()
        assert body["ok"] and body["total"] == len(expected) and body["per_page"] == 40
        seen += [c["id"] for c in body["claims"]]
        url = body["links"].get("next")
        pages += 1
    assert seen == expected and pages == body["pages"] > 1


@pytest.mark.parametrize("params", [
    {"speaker": "Karimabadi"}, {"kind": "amount"}, {"subject": "exports"}, {"min_confidence": "0.8"},
    {"since": "2023-01-01", "until": "2023-12-31"}, {"outlet": "herald"}, {"speaker": "Karimabadi", "kind": "multiplier"},
])  # fmt: skip
def test_each_filter_selects_what_the_cli_selects(client: httpx.Client, store_path: Path, params: dict[str, str]) -> None:
    typed = {k: (float(v) if k == "min_confidence" else queries.date.fromisoformat(v) if k in ("since", "until") else v)
             for k, v in params.items()}  # fmt: skip
    with Store(store_path) as store:
        expected = [c.id for c in queries.claims(store, queries.ClaimFilter(**typed))]
    body = client.get("/api/claims", params={**params, "per_page": 500}).json()
    assert expected, f"the sample store has no claim for {params}"
    assert [c["id"] for c in body["claims"]] == expected and body["total"] == len(expected)


def test_full_text_search_finds_words_by_their_start(client: httpx.Client) -> None:
    body = client.get("/api/claims", params={"q": "traf varg"}).json()
    assert {c["doc"] for c in body["claims"]} == {"hostile"}
    assert client.get("/api/claims", params={"q": '"unbalanced (*'}).status_code == 200


def test_every_claim_links_to_its_numbered_span(client: httpx.Client) -> None:
    claim = client.get("/api/claims", params={"q": "traffic rose"}).json()["claims"][0]
    assert claim["link"] == f"/doc/hostile#claim-{claim['number']}"
    doc = client.get("/api/docs/hostile").json()
    numbered = doc["claims"][claim["number"] - 1]
    assert numbered["evidence"] == HOSTILE_CLAIM == doc["document"]["text"][numbered["start"] : numbered["end"]]


def test_csv_of_a_query_is_every_claim_with_formulas_neutralised(client: httpx.Client, store_path: Path) -> None:
    response = client.get("/api/claims.csv", params={"speaker": "Varga"})
    assert response.headers["content-type"].startswith("text/csv") and response.headers["x-total-count"] == "1"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 1
    assert rows[0]["subject"] == "'=HYPERLINK(\"x\") traffic" and rows[0]["outlet"] == "'=Harbour Weekly"
    with Store(store_path) as store:
        claims = queries.claims(store, queries.ClaimFilter(speaker="Varga"))
        view = exports.claims_view(claims, queries.documents_by_id(store))
    assert response.text == exports.to_csv(view.records, list(view.records[0]))


def test_csv_is_cut_at_the_row_cap_and_says_so(store_path: Path) -> None:
    from claimwatch.service.explore import ReadLimits
    from claimwatch.web.app import WebOptions

    from .conftest import serving

    with serving(WebOptions(db=store_path, limits=ReadLimits(max_rows=5))) as url:
        response = httpx.get(url + "/api/claims.csv")
    assert response.status_code == 200 and len(response.text.strip().splitlines()) == 1 + 5
    assert int(response.headers["x-total-count"]) > 5 and response.headers["x-truncated"].startswith("the first 5")


def test_every_listing_has_its_records(client: httpx.Client) -> None:
    docs = client.get("/api/docs").json()
    assert docs["total"] == len(docs["documents"]) >= 10 and all(d["link"].startswith("/doc/") for d in docs["documents"])
    speakers = client.get("/api/speakers").json()["speakers"]
    assert any("Varga" in s["name"] for s in speakers)
    matrix = client.get("/api/talking-points").json()
    assert matrix["talking_points"] and len(matrix["cells"]) == len(matrix["outlets"]) * len(matrix["talking_points"])
    stories = client.get("/api/stories").json()["stories"]
    assert stories and all(len(s["passages"]) >= 2 for s in stories)
    findings = client.get("/api/findings").json()
    assert findings["findings"] and sum(findings["counts"].values()) == len(findings["findings"])
    first = findings["findings"][0]
    one = client.get(first["link"].replace("/findings/", "/api/findings/")).json()
    assert one["finding"]["id"] == first["id"] and one["evidence"]


def test_one_talking_point_cell_marks_the_differences(client: httpx.Client) -> None:
    cell = next(c for c in client.get("/api/talking-points").json()["cells"] if c["link"])
    body = client.get("/api" + cell["link"]).json()
    assert body["outlet"] == cell["outlet"] and len(body["occurrences"]) == cell["occurrences"]
    for o in body["occurrences"]:
        rebuilt = "".join(part["text"] for part in o["diff"] if part["op"] != "dropped")
        assert rebuilt.split() == o["evidence"].split()


def test_a_timeline_has_points_per_series(client: httpx.Client) -> None:
    subject = client.get("/api/subjects").json()["subjects"][0]["subject"]
    for by in ("speaker", "outlet"):
        body = client.get("/api/timeline", params={"subject": subject, "by": by}).json()
        assert body["points"] and body["by"] == by


@pytest.mark.parametrize(("path", "status"), [
    ("/api/docs/no-such-doc", 404), ("/api/claims?per_page=0", 400), ("/api/claims?since=yesterday", 400),
    ("/api/claims?kind=guess", 400), ("/api/claims?min_confidence=nan", 400), ("/api/speakers/nobody", 404),
    ("/api/findings/none", 404), ("/api/talking-points/none", 404), ("/api/no-such-route", 404),
    ("/api/jobs/none", 404), ("/api/claims?since=2024-01-01&until=2023-01-01", 400),
])  # fmt: skip
def test_one_error_shape_everywhere(client: httpx.Client, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["error"]


def test_the_openapi_document_names_every_api_route(client: httpx.Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/claims", "/api/claims.csv", "/api/docs", "/api/docs/{doc_id}", "/api/speakers",
                 "/api/talking-points", "/api/stories", "/api/findings"):  # fmt: skip
        assert path in paths
    assert "post" in paths["/api/docs"]
    assert not any(p.startswith("/claims") or p.startswith("/doc/") for p in paths)
