"""Fetching by URL against real HTTP servers on loopback addresses: the address guard,
redirects, deadlines on headers and body, size caps, truncated bodies, charsets,
conditional requests. Every test that needs the server lifts the guard for 127.0.0.1
only, and the guard's own tests show the same fetch refused without that."""

from __future__ import annotations

import gzip
import ipaddress
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch.cli import app
from claimwatch.ingest.decode import decode_body
from claimwatch.ingest.fetch import (
    FetchPolicy,
    address_refusal,
    fetch,
    fetch_article,
    parse_networks,
    send_json,
)
from claimwatch.model import Article, IngestFailure
from tests.web import Reply, Site, conditional, endless, hang, trickle_headers, truncated

PAGE = """<html><head><title>Ports report record exports</title>
<meta property="og:site_name" content="Harbour Daily"></head><body><article>
<h1>Ports report record exports</h1>
<p>Container exports through the northern ports rose 14 percent in 2023 to 2.1 million units,
the port authority said on Tuesday.</p>
<p>The authority said it expects another 6 percent rise this year as two new berths open.</p>
</article></body></html>"""

LOCAL = ("127.0.0.1",)
QUICK = FetchPolicy(timeout_s=2.0, max_bytes=1_000_000, allow_addresses=LOCAL)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with Site() as s:
        s.routes["/article.html"] = Reply(body=PAGE)
        s.routes["/hang"] = hang(3)
        s.routes["/trickle"] = trickle_headers(4)
        s.routes["/huge"] = endless(b"<p>" + b"x" * 65536 + b"</p>", 800)
        s.routes["/declared-huge"] = Reply(body=b"x" * 3000)
        s.routes["/bomb"] = Reply(body=gzip.compress(b"<p>" + b"0" * 5_000_000), headers={"Content-Encoding": "gzip"})
        s.routes["/cut"] = truncated(1000, b"<html><body><p>the first hundred bytes")
        s.routes["/gone"] = Reply(410, "gone")
        s.routes["/broken"] = Reply(500, "oops")
        s.routes["/busy"] = Reply(429, "slow down", headers={"Retry-After": "120"})
        s.routes["/loop-a"] = Reply(302, headers={"Location": "/loop-b"})
        s.routes["/loop-b"] = Reply(302, headers={"Location": "/loop-a"})
        for i in range(8):
            s.routes[f"/hop{i}"] = Reply(302, headers={"Location": f"/hop{i + 1}"})
        s.routes["/hop8"] = Reply(body=PAGE)
        s.routes["/to-article"] = Reply(301, headers={"Location": "/article.html"})
        s.routes["/to-file"] = Reply(302, headers={"Location": "file:///etc/passwd"})
        s.routes["/etag"] = conditional(Reply(body=PAGE), etag='"v1"', last_modified="Mon, 03 Jun 2024 10:00:00 GMT")
        yield s


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[Site]:
    """A server on 127.0.0.2: loopback, but not an address the tests allow."""
    with Site("127.0.0.2") as s:
        s.routes["/secret"] = Reply(body="internal only")
        yield s


# ---- the address guard --------------------------------------------------------------------


@pytest.mark.parametrize(
    "address, reason",
    [
        ("127.0.0.1", "loopback"), ("::1", "loopback"), ("0.0.0.0", "unspecified"), ("10.1.2.3", "private"),
        ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"), ("100.100.100.200", "metadata"), ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"), ("100.64.0.1", "public"),
        ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("240.0.0.1", "reserved"),
    ],
)  # fmt: skip
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    refusal = address_refusal(ipaddress.ip_address(address))
    assert refusal is not None and reason in refusal


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is None


def test_guard_is_on_by_default_and_the_option_lifts_it(site: Site) -> None:
    refused = fetch(site.url("/article.html"), FetchPolicy(timeout_s=2))
    assert refused.error_kind == "refused" and "127.0.0.1 is a loopback address" in (refused.error or "")
    assert "--allow-address 127.0.0.1" in (refused.error or "")
    assert not site.asked("/article.html")  # refused before connecting: nothing was sent
    allowed = fetch(site.url("/article.html"), QUICK)
    assert allowed.ok and b"14 percent" in allowed.body and site.asked("/article.html")


@pytest.mark.parametrize(
    "url",
    ["http://localhost:{port}/article.html", "http://[::1]:{port}/article.html", "http://0.0.0.0:{port}/article.html",
     "http://2130706433:{port}/article.html", "http://0x7f000001:{port}/article.html", "http://127.1:{port}/article.html"],
)  # fmt: skip
def test_loopback_in_any_spelling_is_refused_by_default(site: Site, url: str) -> None:
    got = fetch(url.format(port=site.port), FetchPolicy(timeout_s=2))
    assert got.error_kind in ("refused", "network") and not got.ok
    if got.error_kind == "network":  # a spelling the URL parser rejects never reaches a socket either
        assert "refused" not in (got.error or "")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/", "javascript:alert(1)"])
def test_other_schemes_are_refused(url: str) -> None:
    got = fetch(url, QUICK)
    assert got.error_kind == "refused" and "only http and https" in (got.error or "")


def test_a_redirect_to_a_refused_address_is_refused_at_that_hop(site: Site, elsewhere: Site) -> None:
    site.routes["/to-internal"] = Reply(302, headers={"Location": elsewhere.url("/secret")})
    got = fetch(site.url("/to-internal"), QUICK)
    assert got.error_kind == "refused" and "127.0.0.2 is a loopback address" in (got.error or "")
    assert got.redirects == (elsewhere.url("/secret"),)
    assert not elsewhere.asked()  # the hop was checked before connecting


def test_a_redirect_to_another_scheme_is_refused(site: Site) -> None:
    got = fetch(site.url("/to-file"), QUICK)
    assert got.error_kind == "refused" and "'file'" in (got.error or "")


def test_allowing_a_network_lets_its_addresses_through(elsewhere: Site) -> None:
    got = fetch(elsewhere.url("/secret"), FetchPolicy(timeout_s=2, allow_addresses=("127.0.0.0/8",)))
    assert got.ok and got.body == b"internal only"


def test_bad_allow_option_is_an_input_error() -> None:
    from claimwatch.errors import InputError

    with pytest.raises(InputError, match="not an IP address"):
        parse_networks(["localhost"])
    assert parse_networks(["127.0.0.1, 10.0.0.0/8", "[::1]"])[2] == ipaddress.ip_network("::1/128")


# ---- redirects ------------------------------------------------------------------------------


def test_redirects_are_followed_and_recorded(site: Site) -> None:
    got = fetch(site.url("/to-article"), QUICK)
    assert got.ok and got.final_url == site.url("/article.html") and got.redirects == (site.url("/article.html"),)


def test_redirect_loop_is_named(site: Site) -> None:
    got = fetch(site.url("/loop-a"), QUICK)
    assert got.error_kind == "redirects" and "redirect loop" in (got.error or "")


def test_redirect_cap(site: Site) -> None:
    got = fetch(site.url("/hop0"), QUICK)
    assert got.error_kind == "redirects" and "too many redirects (limit 5)" in (got.error or "")
    assert fetch(site.url("/hop0"), FetchPolicy(timeout_s=2, max_redirects=8, allow_addresses=LOCAL)).ok


# ---- time and size --------------------------------------------------------------------------


def test_a_hanging_server_times_out(site: Site) -> None:
    got = fetch(site.url("/hang"), FetchPolicy(timeout_s=0.3, allow_addresses=LOCAL))
    assert got.error_kind == "timeout" and "timed out after 0.3s" in (got.error or "")


def test_the_deadline_covers_headers_trickled_a_byte_at_a_time(site: Site) -> None:
    # each byte comes well within any per-read timeout; only a deadline on the whole
    # exchange stops it (without one the page arrives after 4 s and the fetch succeeds)
    got = fetch(site.url("/trickle"), FetchPolicy(timeout_s=0.5, allow_addresses=LOCAL))
    assert got.error_kind == "timeout" and got.status is None


def test_huge_streamed_body_is_refused(site: Site) -> None:
    got = fetch(site.url("/huge"), FetchPolicy(timeout_s=5, max_bytes=2_000_000, allow_addresses=LOCAL))
    assert got.error_kind == "too_large" and got.size > 2_000_000


def test_declared_length_over_the_cap_is_refused_before_reading(site: Site) -> None:
    got = fetch(site.url("/declared-huge"), FetchPolicy(timeout_s=2, max_bytes=1000, allow_addresses=LOCAL))
    assert got.error_kind == "too_large" and "3000 bytes" in (got.error or "") and got.size == 0


def test_gzip_bomb_is_capped_after_decompression(site: Site) -> None:
    got = fetch(site.url("/bomb"), FetchPolicy(timeout_s=5, max_bytes=1_000_000, allow_addresses=LOCAL))
    assert got.error_kind == "too_large" and got.size <= 1_000_001


def test_truncated_body_is_an_error(site: Site) -> None:
    got = fetch(site.url("/cut"), QUICK)
    assert got.error_kind == "truncated" and got.status == 200 and not got.body


# ---- statuses and validators ----------------------------------------------------------------


@pytest.mark.parametrize("path, status, transient", [("/gone", 410, False), ("/broken", 500, True), ("/busy", 429, True),
                                                     ("/nope", 404, False)])  # fmt: skip
def test_http_errors_carry_status_and_whether_to_retry(site: Site, path: str, status: int, transient: bool) -> None:
    got = fetch(site.url(path), QUICK)
    assert got.status == status and got.error_kind == "http" and str(status) in (got.error or "")
    assert got.transient is transient


def test_retry_after_is_read(site: Site) -> None:
    assert fetch(site.url("/busy"), QUICK).retry_after_s == 120


def test_conditional_get_with_etag_and_last_modified(site: Site) -> None:
    first = fetch(site.url("/etag"), QUICK)
    assert first.ok and first.etag == '"v1"' and first.last_modified
    again = fetch(site.url("/etag"), QUICK, etag=first.etag)
    assert again.not_modified and again.body == b"" and site.asked("/etag")[-1].headers["if-none-match"] == '"v1"'
    since = fetch(site.url("/etag"), QUICK, last_modified=first.last_modified)
    assert since.not_modified and site.asked("/etag")[-1].headers["if-modified-since"] == first.last_modified


def test_user_agent_names_the_program(site: Site) -> None:
    fetch(site.url("/article.html"), QUICK)
    assert site.asked("/article.html")[-1].headers["user-agent"].startswith("claimwatch/")


def test_webhook_post_is_bounded_and_not_redirected(site: Site) -> None:
    site.routes["/hook"] = Reply(204, b"")
    site.routes["/hook-moved"] = Reply(307, headers={"Location": "/hook"})
    sent = send_json(site.url("/hook"), b'{"a": 1}', timeout_s=2, headers={"Idempotency-Key": "k1"})
    assert sent.error is None and site.asked("/hook")[-1].body == b'{"a": 1}'
    assert site.asked("/hook")[-1].headers["idempotency-key"] == "k1"
    moved = send_json(site.url("/hook-moved"), b"{}", timeout_s=2, headers={})
    assert moved.error_kind == "http" and moved.status == 307 and len(site.asked("/hook")) == 1


# ---- charsets --------------------------------------------------------------------------------

CURLY = "“Exports rose 14 percent,” the minister said — a record."


@pytest.mark.parametrize(
    "body, content_type",
    [
        (CURLY.encode("cp1252"), "text/html; charset=utf-8"),  # declared UTF-8, sent in cp1252
        (CURLY.encode("utf-8"), "text/html; charset=iso-8859-1"),  # declared Latin-1, sent in UTF-8
        (CURLY.encode("cp1252"), "text/html; charset=x-no-such-charset"),  # unknown label
        (CURLY.encode("cp1252"), "text/html; charset=iso-8859-1"),  # Latin-1 label means cp1252
        (b'<?xml version="1.0" encoding="windows-1252"?>' + CURLY.encode("cp1252"), "application/xml"),
    ],
)
def test_wrong_or_unknown_charsets_still_decode(body: bytes, content_type: str) -> None:
    assert CURLY in decode_body(body, content_type)


def test_meta_charset_of_a_legacy_page() -> None:
    text = "Экспорт вырос на 14 процентов, заявил министр."
    html = b'<html><head><meta charset="windows-1251"></head><body><p>' + text.encode("cp1251") + b"</p></body></html>"
    assert text in decode_body(html, "text/html")


def test_binary_body_is_refused(site: Site) -> None:
    site.routes["/image"] = Reply(body=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, content_type="text/html")
    got = fetch_article(site.url("/image"), timeout_s=2, max_bytes=100_000, allow_addresses=LOCAL)
    assert isinstance(got, IngestFailure) and "binary" in got.reason


# ---- claimwatch add URL ------------------------------------------------------------------------


def test_fetch_article_is_guarded_by_default(site: Site) -> None:
    refused = fetch_article(site.url("/article.html"), timeout_s=2, max_bytes=1_000_000)
    assert isinstance(refused, IngestFailure) and "refused" in refused.reason
    got = fetch_article(site.url("/article.html"), timeout_s=2, max_bytes=1_000_000, allow_addresses=LOCAL)
    assert isinstance(got, Article) and got.fmt == "html" and "14 percent" in got.raw


def test_add_urls_and_files_together(site: Site, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Wheat output fell 8 percent to 4.2 million tonnes last year, the ministry said.\n")
    db = tmp_path / "urls.db"
    args = ["--db", str(db), "add", site.url("/article.html"), site.url("/nope"), str(note)]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1 and "127.0.0.1 is a loopback address" in refused.output
    res = CliRunner().invoke(app, [*args, "--allow-address", "127.0.0.1"])
    assert res.exit_code == 1  # one input was skipped
    assert "/nope: HTTP 404" in res.output
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT id, outlet FROM documents").fetchall())
    assert set(rows) == {site.url("/article.html"), "note.txt"}
    text = con.execute("SELECT text FROM documents WHERE id = ?", (site.url("/article.html"),)).fetchone()[0]
    assert "rose 14 percent" in text and "<p>" not in text
    kinds = {r[0] for r in con.execute("SELECT kind FROM claims")}
    assert "percent_change" in kinds


# ---- names, answers and proxies -------------------------------------------------------------


def _resolver(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Answer lookups of made-up names from ``answers`` (any other name: the real resolver);
    returns the names asked, in order."""
    import socket

    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host: str, port: int, *args: object, **kw: object) -> list[tuple[object, ...]]:
        if host in answers:
            asked.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in answers[host]]
        return real(host, port, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_a_name_is_resolved_once_and_the_checked_address_is_used(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _resolver(monkeypatch, {"harbour-daily.test": ["127.0.0.1"]})
    got = fetch(f"http://harbour-daily.test:{site.port}/article.html", QUICK)
    assert got.ok and asked == ["harbour-daily.test"]  # no second lookup that could answer differently
    assert site.asked("/article.html")[-1].headers["host"] == f"harbour-daily.test:{site.port}"


def test_a_name_with_one_refused_answer_is_refused(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    _resolver(monkeypatch, {"mixed.test": ["127.0.0.1", "127.0.0.2"]})
    got = fetch(f"http://mixed.test:{site.port}/article.html", QUICK)
    assert got.error_kind == "refused" and "127.0.0.2" in (got.error or "")


def test_environment_proxies_are_not_used(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    with Site() as proxy:
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.setenv(name, proxy.url("/"))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        assert fetch(site.url("/article.html"), QUICK).ok
        assert not proxy.asked()
