"""The watch against real outlets on 127.0.0.1 and a real store: feeds that change between
polls, validators, failing and misbehaving sources, canonical URLs, versions, the address
guard on feed items, sitemaps and list pages."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from claimwatch import exports
from claimwatch.errors import InputError, NotFound
from claimwatch.service import watch
from claimwatch.store import Store
from claimwatch.watch_records import parse_utc_iso
from tests.service.watch_site import (
    DRONES,
    PORTS,
    PORTS_REVISED,
    WHEAT,
    atom,
    open_store,
    options,
    rss,
    settings_for,
)
from tests.web import Reply, Site, conditional, hang, truncated

FEED = "application/rss+xml"


pytestmark = pytest.mark.usefixtures("model_loaded")


def _cycle(tmp_path: Path, **kw: object) -> watch.CycleReport:
    settings = settings_for(tmp_path)
    with open_store(settings) as store:
        return watch.Watcher(settings, options(**kw)).cycle(store, force=True)


def _add(tmp_path: Path, name: str, url: str, every: str = "30m") -> None:
    with open_store(settings_for(tmp_path)) as store:
        watch.add_source(store, name, url, every)


def _db(tmp_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(settings_for(tmp_path).db)


# ---- sources ---------------------------------------------------------------------------------


def test_sources_add_list_remove(tmp_path: Path) -> None:
    with open_store(settings_for(tmp_path)) as store:
        watch.add_source(store, "valley", "https://valley.example/rss", "30m")
        watch.add_source(store, "harbour", "https://harbour.example/sitemap.xml", "6h")
        with pytest.raises(InputError, match="exists already"):
            watch.add_source(store, "valley", "https://other.example/rss", "1h")
        with pytest.raises(InputError, match="not an http"):
            watch.add_source(store, "ftp", "ftp://valley.example/rss", "1h")
        with pytest.raises(InputError, match="not an interval"):
            watch.add_source(store, "soon", "https://valley.example/x", "every now and then")
        with pytest.raises(InputError, match="source name"):
            watch.add_source(store, "two words", "https://valley.example/x", "1h")
        rows = exports.sources_view(watch.list_sources(store)).records
        assert [(r["name"], r["every"]) for r in rows] == [("harbour", "6h"), ("valley", "30m")]
        watch.remove_source(store, "harbour")
        with pytest.raises(NotFound):
            watch.remove_source(store, "harbour")
        assert [s.name for s in watch.list_sources(store)] == ["valley"]


@pytest.mark.parametrize("text, seconds", [("90s", 90), ("30m", 1800), ("6h", 21600), ("1d", 86400), ("45", 45),
                                           ("1.5h", 5400)])  # fmt: skip
def test_parse_every(text: str, seconds: int) -> None:
    assert watch.parse_every(text) == seconds


def test_sources_listing_on_a_store_without_watch_tables(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db, writer=True):
        pass
    con = sqlite3.connect(db)
    con.execute("DROP TABLE sources")
    con.commit()
    with Store(db) as store:  # a reader never creates tables
        assert watch.list_sources(store) == []


# ---- polling ----------------------------------------------------------------------------------


def test_feed_that_changes_between_polls(tmp_path: Path, site: Site) -> None:
    site.routes["/a/ports-record-exports"] = Reply(body=PORTS)
    site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)
    site.routes["/feed"] = Reply(body=atom([(site.url("/a/ports-record-exports"), "2024-05-02T08:00:00Z"),
                                            (site.url("/a/wheat-harvest-falls"), "2024-05-03T08:00:00Z")]),
                                 content_type="application/atom+xml")  # fmt: skip
    _add(tmp_path, "valley", site.url("/feed"))
    first = _cycle(tmp_path)
    (polled,) = first.sources
    assert polled.status == "ok" and polled.new_links == 2 and len(polled.stored) == 2 and not polled.failures

    # the outlet revises one article and publishes a new one
    site.routes["/a/ports-record-exports"] = Reply(body=PORTS_REVISED)
    site.routes["/a/drone-exports-triple"] = Reply(body=DRONES)
    site.routes["/feed"] = Reply(body=atom([(site.url("/a/ports-record-exports"), "2024-05-04T10:00:00Z"),
                                            (site.url("/a/wheat-harvest-falls"), "2024-05-03T08:00:00Z"),
                                            (site.url("/a/drone-exports-triple"), "2024-06-09T08:00:00Z")]),
                                 content_type="application/atom+xml")  # fmt: skip
    second = _cycle(tmp_path).sources[0]
    ports = site.url("/a/ports-record-exports")
    assert second.new_links == 1 and second.updated_links == 1
    assert second.stored == [site.url("/a/drone-exports-triple")] and second.versions == [ports]
    assert len(site.asked("/a/wheat-harvest-falls")) == 1  # unchanged links are not fetched again

    con = _db(tmp_path)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    versions = con.execute(
        "SELECT version, content_hash, text FROM document_versions WHERE doc_id = ? ORDER BY version", (ports,)
    ).fetchall()
    assert [v[0] for v in versions] == [1, 2] and "6 percent" in versions[0][2] and "9 percent" in versions[1][2]
    # the store stays consistent: documents and its claims are the latest version's
    current_hash, text = con.execute("SELECT content_hash, text FROM documents WHERE id = ?", (ports,)).fetchone()
    assert current_hash == versions[-1][1] and "9 percent" in text
    values = {r[0] for r in con.execute("SELECT value FROM claims WHERE doc_id = ?", (ports,))}
    assert 9 in values and 6 not in values
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    with Store(settings_for(tmp_path).db) as store:
        listed = watch.document_versions(store, ports)
    assert [v.version for v in listed] == [1, 2] and listed[0].claims >= 2


def test_publication_date_comes_from_the_page_then_the_feed(tmp_path: Path, site: Site) -> None:
    site.routes["/a/ports-record-exports"] = Reply(body=PORTS)  # the page says 2024-05-02
    site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)  # the page gives no date
    site.routes["/rss"] = Reply(body=rss([(site.url("/a/ports-record-exports"), "Wed, 01 May 2024 10:00:00 GMT"),
                                          (site.url("/a/wheat-harvest-falls"), "Fri, 03 May 2024 06:00:00 GMT")]),
                                content_type=FEED)  # fmt: skip
    _add(tmp_path, "valley", site.url("/rss"))
    _cycle(tmp_path)
    published = dict(_db(tmp_path).execute("SELECT id, published FROM documents").fetchall())
    assert published[site.url("/a/ports-record-exports")] == "2024-05-02"
    assert published[site.url("/a/wheat-harvest-falls")] == "2024-05-03"
    assert date.today().isoformat() not in published.values()


def test_etag_and_last_modified_make_the_next_poll_conditional(tmp_path: Path, site: Site) -> None:
    site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)
    feed = Reply(body=rss([(site.url("/a/wheat-harvest-falls"), "")]), content_type=FEED)
    site.routes["/rss"] = conditional(feed, etag='"feed-1"', last_modified="Mon, 03 Jun 2024 10:00:00 GMT")
    _add(tmp_path, "valley", site.url("/rss"))
    assert _cycle(tmp_path).sources[0].status == "ok"
    again = _cycle(tmp_path).sources[0]
    assert again.status == "not modified" and again.new_links == 0
    asked = site.asked("/rss")[-1].headers
    assert asked["if-none-match"] == '"feed-1"' and asked["if-modified-since"] == "Mon, 03 Jun 2024 10:00:00 GMT"
    status = _db(tmp_path).execute(
        "SELECT status, bytes, error FROM fetch_log WHERE purpose = 'source' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert status == (304, 0, None)


def test_a_failing_source_never_stops_the_others(tmp_path: Path, site: Site) -> None:
    site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)
    site.routes["/good"] = Reply(body=rss([(site.url("/a/wheat-harvest-falls"), "")]), content_type=FEED)
    site.routes["/broken"] = Reply(500, "oops")
    site.routes["/hanging"] = hang(2)
    site.routes["/json"] = Reply(body='{"not": "a feed"}', content_type="application/json")
    for name in ("broken", "hanging", "missing", "json", "good"):
        _add(tmp_path, name, site.url(f"/{name}"), "10m")
    with Site() as other:  # a host of its own: its 429 makes the watch wait for that host only
        other.routes["/busy"] = Reply(429, "slow down", headers={"Retry-After": "600"})
        _add(tmp_path, "busy", other.url("/busy"), "10m")
        report = _cycle(tmp_path, timeout_s=0.3)
    by_name = {s.name: s for s in report.sources}
    assert by_name["good"].status == "ok" and len(by_name["good"].stored) == 1
    assert by_name["broken"].status == "HTTP 500 Internal Server Error"
    assert by_name["busy"].status.startswith("HTTP 429")
    assert by_name["hanging"].status == "timed out after 0.3s"
    assert by_name["missing"].status == "HTTP 404 Not Found"
    assert by_name["json"].status.startswith("unreadable: not a feed")
    assert report.failed
    with Store(settings_for(tmp_path).db) as store:
        sources = {s.name: s for s in store.sources()}
    for name in ("broken", "hanging", "missing", "json"):  # backing off: twice the interval after one failure
        s = sources[name]
        assert s.failures == 1
        assert parse_utc_iso(s.next_poll_at) - parse_utc_iso(s.last_poll_at or "") == pytest.approx(1200, abs=1)
    busy = sources["busy"]
    assert parse_utc_iso(busy.next_poll_at) - parse_utc_iso(busy.last_poll_at or "") == pytest.approx(1200, abs=1)
    assert sources["good"].failures == 0
    log = _db(tmp_path).execute(
        "SELECT source, status, bytes, elapsed_ms, error FROM fetch_log WHERE purpose = 'source'"
    ).fetchall()
    logged = {r[0]: r for r in log}
    assert logged["broken"][1] == 500 and logged["broken"][4] == "HTTP 500 Internal Server Error"
    assert logged["hanging"][1] is None and logged["hanging"][4] == "timed out after 0.3s"
    assert logged["good"][1] == 200 and logged["good"][2] > 0 and logged["good"][4] is None
    assert all(r[3] >= 0 for r in log)


def test_retry_after_longer_than_the_backoff_is_honoured(tmp_path: Path, site: Site) -> None:
    site.routes["/busy"] = Reply(503, "later", headers={"Retry-After": "7200"})
    _add(tmp_path, "busy", site.url("/busy"), "10m")
    _cycle(tmp_path)
    with Store(settings_for(tmp_path).db) as store:
        (busy,) = store.sources()
    assert parse_utc_iso(busy.next_poll_at) - parse_utc_iso(busy.last_poll_at or "") == pytest.approx(7200, abs=1)


def test_failing_articles_are_retried_then_given_up(tmp_path: Path, site: Site) -> None:
    site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)
    site.routes["/a/flaky-story-here"] = Reply(502, "bad gateway")
    site.routes["/a/cut-short-story"] = truncated(5000, b"<html><body><p>Exports rose")
    site.routes["/a/empty-page-story"] = Reply(body="<html><body><nav>Home</nav></body></html>")
    links = ["/a/wheat-harvest-falls", "/a/flaky-story-here", "/a/cut-short-story", "/a/gone-story-here",
             "/a/empty-page-story"]  # fmt: skip
    site.routes["/rss"] = Reply(body=rss([(site.url(p), "") for p in links]), content_type=FEED)
    _add(tmp_path, "valley", site.url("/rss"))
    first = _cycle(tmp_path).sources[0]
    assert len(first.stored) == 1
    reasons = {f.source.rsplit("/", 1)[-1]: f.reason for f in first.failures}
    assert reasons["flaky-story-here"] == "HTTP 502 Bad Gateway"
    assert reasons["cut-short-story"].startswith("truncated body")
    assert reasons["gone-story-here"] == "HTTP 404 Not Found"
    assert "no main text" in reasons["empty-page-story"]
    for _ in range(2):
        _cycle(tmp_path)
    states = dict(_db(tmp_path).execute("SELECT url, state || ':' || attempts FROM source_items").fetchall())
    assert states[site.url("/a/flaky-story-here")] == "failed:3"  # transient: three attempts
    assert states[site.url("/a/cut-short-story")] == "failed:3"
    assert states[site.url("/a/gone-story-here")] == "failed:1"  # permanent: one
    assert len(site.asked("/a/gone-story-here")) == 1 and len(site.asked("/a/flaky-story-here")) == 3


def test_same_article_through_two_links_is_one_document(tmp_path: Path, site: Site) -> None:
    ports = site.url("/a/ports-record-exports")
    site.routes["/a/ports-record-exports"] = Reply(body=PORTS)
    site.routes["/go/ports"] = Reply(302, headers={"Location": "/a/ports-record-exports?utm_source=newsletter"})
    site.routes["/amp/ports-record-exports"] = Reply(body=PORTS.replace("<head>", f'<head><link rel="canonical" href="{ports}">'))
    site.routes["/rss"] = Reply(body=rss([(f"{ports}?utm_source=rss&amp;utm_medium=feed", ""), (site.url("/go/ports"), ""),
                                          (site.url("/amp/ports-record-exports"), ""), (f"{ports}#comments", "")]),
                                content_type=FEED)  # fmt: skip
    _add(tmp_path, "valley", site.url("/rss"))
    polled = _cycle(tmp_path).sources[0]
    assert polled.new_links == 3  # the fragment-only repeat is the same canonical link
    assert polled.stored == [ports] and polled.unchanged == 2
    con = _db(tmp_path)
    assert con.execute("SELECT id FROM documents").fetchall() == [(ports,)]
    assert {r[0] for r in con.execute("SELECT doc_id FROM source_items")} == {ports}


def test_feed_item_pointing_at_a_private_address_is_refused(tmp_path: Path, site: Site) -> None:
    with Site("127.0.0.2") as internal:
        internal.routes["/a/admin-console-page"] = Reply(body=WHEAT)
        site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)
        site.routes["/rss"] = Reply(body=rss([(site.url("/a/wheat-harvest-falls"), ""),
                                              (internal.url("/a/admin-console-page"), ""),
                                              ("file:///etc/passwd", "")]), content_type=FEED)  # fmt: skip
        _add(tmp_path, "valley", site.url("/rss"))
        polled = _cycle(tmp_path).sources[0]
        assert not internal.asked()
    assert len(polled.stored) == 1
    (failure,) = polled.failures
    assert failure.source == internal.url("/a/admin-console-page")
    assert "127.0.0.2 is a loopback address" in failure.reason
    states = dict(_db(tmp_path).execute("SELECT listed_url, state FROM source_items").fetchall())
    assert states[internal.url("/a/admin-console-page")] == "refused"
    assert [state for url, state in states.items() if url.startswith("file:")] == ["refused"]


def test_without_the_allow_option_the_watch_is_refused(tmp_path: Path, site: Site) -> None:
    site.routes["/rss"] = Reply(body=rss([]), content_type=FEED)
    _add(tmp_path, "valley", site.url("/rss"))
    polled = _cycle(tmp_path, allow_addresses=()).sources[0]
    assert polled.status.startswith("refused: 127.0.0.1 is a loopback address") and not site.asked()


def test_robots_txt_keeps_the_watch_out(tmp_path: Path, site: Site) -> None:
    site.routes["/robots.txt"] = Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/wheat-harvest-falls"] = Reply(body=WHEAT)
    site.routes["/a/drone-exports-triple"] = Reply(body=DRONES)
    site.routes["/rss"] = Reply(body=rss([(site.url("/private/wheat-harvest-falls"), ""),
                                          (site.url("/a/drone-exports-triple"), "")]), content_type=FEED)  # fmt: skip
    _add(tmp_path, "valley", site.url("/rss"))
    polled = _cycle(tmp_path).sources[0]
    assert len(polled.stored) == 1 and "disallowed by" in polled.failures[0].reason
    assert not site.asked("/private/wheat-harvest-falls")


def test_sitemap_and_list_page_sources(tmp_path: Path, site: Site) -> None:
    site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)
    site.routes["/world/2024/drone-exports-triple"] = Reply(body=DRONES)
    site.routes["/sitemap-news.xml"] = Reply(
        body='<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url('/a/wheat-harvest-falls')}</loc><lastmod>2024-05-03</lastmod></url></urlset>",
        content_type="application/xml",
    )
    site.routes["/sitemap.xml"] = Reply(
        body='<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/sitemap-news.xml')}</loc></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    site.routes["/world/"] = Reply(
        body='<html><body><a href="/tag/world">World</a><a href="/world/2024/drone-exports-triple">Drones</a></body></html>'
    )
    _add(tmp_path, "map", site.url("/sitemap.xml"))
    _add(tmp_path, "front", site.url("/world/"))
    report = {s.name: s for s in _cycle(tmp_path).sources}
    assert report["map"].stored == [site.url("/a/wheat-harvest-falls")]
    assert report["front"].stored == [site.url("/world/2024/drone-exports-triple")]
    kinds = dict(_db(tmp_path).execute("SELECT name, kind FROM sources").fetchall())
    assert kinds == {"map": "sitemap-index", "front": "page"}


def test_only_due_sources_are_polled_and_the_limit_leaves_the_rest_pending(tmp_path: Path, site: Site) -> None:
    pages = [f"/a/story-number-{i}-here" for i in range(3)]
    for p in pages:
        site.routes[p] = Reply(body=WHEAT.replace("8 percent", f"{8 + pages.index(p)} percent"))
    site.routes["/rss"] = Reply(body=rss([(site.url(p), "") for p in pages]), content_type=FEED)
    _add(tmp_path, "valley", site.url("/rss"))
    settings = settings_for(tmp_path)
    with open_store(settings) as store:
        watcher = watch.Watcher(settings, options(max_items_per_poll=2))
        first = watcher.cycle(store)
        assert len(first.sources[0].stored) == 2 and first.sources[0].deferred == 1
        assert watcher.cycle(store).sources == []  # not due again for 30 minutes
        assert len(watcher.cycle(store, force=True).sources[0].stored) == 1


def test_the_loop_skips_a_cycle_while_another_process_writes(tmp_path: Path, site: Site) -> None:
    site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)
    site.routes["/rss"] = Reply(body=rss([(site.url("/a/wheat-harvest-falls"), "")]), content_type=FEED)
    _add(tmp_path, "valley", site.url("/rss"), "1h")
    settings = settings_for(tmp_path)
    reports: list[watch.CycleReport] = []
    slept: list[float] = []
    holder = open_store(settings)  # another writer: the first cycle must wait for it

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        holder.close()

    watch.run_forever(settings, options(), reports.append, sleep=sleep, cycles=2)
    busy, ran = reports
    assert busy.busy and "another claimwatch process is writing" in busy.busy and busy.failed
    assert len(ran.sources[0].stored) == 1 and not ran.failed
    assert slept == [5.0]  # a short wait after a busy store; none after the last cycle
