"""Writes with --allow-writes: a token for the API, a session and CSRF token for forms,
uploads limited in size and type; adding articles runs as a job with progress."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from claimwatch.settings import Settings
from claimwatch.web.app import WebOptions, build_app
from claimwatch.web.security import Unauthorized

from .conftest import TOKEN, serving

ARTICLE = ("The river authority said on 3 March 2031 that barge traffic rose 12 percent in 2030, "
           "its director Ona Petrauskaite told reporters.")  # fmt: skip
AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def writable(store_copy: Path) -> Iterator[str]:
    settings = replace(Settings(db=store_copy), max_bytes=4096)
    with serving(WebOptions(db=store_copy, allow_writes=True, token=TOKEN, settings=settings)) as url:
        yield url


def _finished(http: httpx.Client, job_link: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = http.get(job_link).json()["job"]
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError("the add job did not finish")


def test_writes_need_a_real_token(store_copy: Path) -> None:
    for token in (None, "", "short"):
        with pytest.raises(Unauthorized):
            build_app(WebOptions(db=store_copy, allow_writes=True, token=token))


def test_the_api_adds_an_article_with_the_token(writable: str) -> None:
    with httpx.Client(base_url=writable, timeout=30) as http:
        body = {"articles": [{"id": "river", "text": ARTICLE, "outlet": "River News", "published": "2031-03-04"}]}
        assert http.post("/api/docs", json=body).status_code == 401
        assert http.post("/api/docs", json=body, headers={"authorization": "Bearer wrong"}).status_code == 401
        response = http.post("/api/docs", json=body, headers=AUTH)
        assert response.status_code == 202
        job = _finished(http, response.json()["job"]["api"])
        assert job["state"] == "done" and job["added"] == ["river"] and job["processed"] == 1
        # the server's cached listings see the new document at once
        assert "river" in {d["id"] for d in http.get("/api/docs").json()["documents"]}
        claims = http.get("/api/claims", params={"doc": "river"}).json()["claims"]
        assert any(c["value"] == 12 and c["kind"] == "percent_change" for c in claims)


def test_uploads_are_limited_in_type_and_size(writable: str) -> None:
    with httpx.Client(base_url=writable, timeout=30) as http:
        page = http.get("/login")
        assert page.status_code == 200
        assert http.post("/login", data={"token": "wrong"}).status_code == 401
        assert http.post("/login", data={"token": TOKEN}).status_code == 303
        csrf = re.search(r'name="csrf" value="([^"]+)"', http.get("/add").text)
        assert csrf is not None
        form = {"csrf": csrf.group(1)}
        exe = http.post("/add", data=form, files={"files": ("tool.exe", b"MZ", "application/octet-stream")})
        assert exe.status_code == 415
        big = http.post("/add", data=form, files={"files": ("big.txt", b"word " * 2000, "text/plain")})
        assert big.status_code == 413
        assert http.post("/add", data=form).status_code == 400  # nothing to add


def test_a_form_needs_its_session_csrf_token_and_origin(writable: str) -> None:
    with httpx.Client(base_url=writable, timeout=30) as http:
        assert http.post("/add", data={"text": ARTICLE}).status_code == 401  # no session
        http.post("/login", data={"token": TOKEN})
        assert http.post("/add", data={"text": ARTICLE}).status_code == 403  # no CSRF token
        assert http.post("/add", data={"text": ARTICLE, "csrf": "0" * 64}).status_code == 403
        csrf = re.search(r'name="csrf" value="([^"]+)"', http.get("/add").text)
        assert csrf is not None
        foreign = http.post("/add", data={"text": ARTICLE, "csrf": csrf.group(1)}, headers={"origin": "http://evil.example"})
        assert foreign.status_code == 403
        response = http.post("/add", data={"text": ARTICLE, "title": "Barges", "csrf": csrf.group(1)},
                             files={"files": ("more.txt", ARTICLE.replace("12 percent", "9 percent").encode(), "text/plain")})  # fmt: skip
        assert response.status_code == 303 and response.headers["location"].startswith("/jobs/")
        assert "<progress" in http.get(response.headers["location"]).text
        job = _finished(http, "/api" + response.headers["location"])
        assert job["state"] == "done" and len(job["added"]) == 2


def test_speakers_merge_and_split_from_the_page(writable: str) -> None:
    with httpx.Client(base_url=writable, timeout=30) as http:
        speakers = http.get("/api/speakers").json()["speakers"]
        varga = next(s for s in speakers if s["name"] == "Ilse Varga")
        other = next(s for s in speakers if s["id"] != varga["id"])
        http.post("/login", data={"token": TOKEN})
        page = http.get(varga["link"]).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf is not None and 'name="decision"' in page
        merged = http.post(varga["link"], data={"decision": "merge", "other": other["name"], "csrf": csrf.group(1)})
        assert merged.status_code == 303
        person = http.get("/api" + merged.headers["location"]).json()["speaker"]
        assert {"Ilse Varga", other["name"]} <= set(person["aliases"]) | {person["name"]}
        split = http.post("/api/speakers/split", json={"a": "Ilse Varga", "b": other["name"]}, headers=AUTH)
        assert split.status_code == 200
        after = {s["name"]: s for s in http.get("/api/speakers").json()["speakers"]}
        assert "Ilse Varga" in after and other["name"] in after
