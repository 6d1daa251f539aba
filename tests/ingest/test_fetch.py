"""Fetching by URL against a real HTTP server on 127.0.0.1: pages, slow and huge responses."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch.cli import app
from claimwatch.ingest.fetch import fetch_article
from claimwatch.model import Article, IngestFailure

PAGE = """<html><head><title>Ports report record exports</title>
<meta property="og:site_name" content="Harbour Daily"></head><body><article>
<h1>Ports report record exports</h1>
<p>Container exports through the northern ports rose 14 percent in 2023 to 2.1 million units,
the port authority said on Tuesday.</p>
<p>The authority said it expects another 6 percent rise this year as two new berths open.</p>
</article></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/article.html":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/slow":
            time.sleep(3)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the body streams past the limit
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(800):  # about 50 MB if nobody stops reading
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_html_page(server: str) -> None:
    got = fetch_article(f"{server}/article.html", timeout_s=5, max_bytes=1_000_000)
    assert isinstance(got, Article) and got.fmt == "html" and "14 percent" in got.raw


def test_slow_url_times_out(server: str) -> None:
    started = time.monotonic()
    got = fetch_article(f"{server}/slow", timeout_s=0.5, max_bytes=1_000_000)
    assert isinstance(got, IngestFailure) and "timed out" in got.reason
    assert time.monotonic() - started < 2.5


def test_huge_page_is_refused_while_streaming(server: str) -> None:
    got = fetch_article(f"{server}/huge", timeout_s=10, max_bytes=2_000_000)
    assert isinstance(got, IngestFailure) and "too large" in got.reason


def test_missing_page(server: str) -> None:
    got = fetch_article(f"{server}/nope", timeout_s=5, max_bytes=1_000_000)
    assert isinstance(got, IngestFailure) and "404" in got.reason


def test_add_urls_and_files_together(server: str, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Wheat output fell 8 percent to 4.2 million tonnes last year, the ministry said.\n")
    db = tmp_path / "urls.db"
    res = CliRunner().invoke(app, ["--db", str(db), "add", f"{server}/article.html", f"{server}/nope", str(note)])
    assert res.exit_code == 1  # one input was skipped
    assert "/nope: HTTP 404" in res.output
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT id, outlet FROM documents").fetchall())
    assert set(rows) == {f"{server}/article.html", "note.txt"}
    text = con.execute("SELECT text FROM documents WHERE id = ?", (f"{server}/article.html",)).fetchone()[0]
    assert "rose 14 percent" in text and "<p>" not in text
    kinds = {r[0] for r in con.execute("SELECT kind FROM claims")}
    assert "percent_change" in kinds
