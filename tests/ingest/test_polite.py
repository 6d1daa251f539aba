"""Crawling manners against a real server on 127.0.0.1: robots.txt (RFC 9309 readings),
pacing per host, and backing off after 429. Pacing is checked through the sleeps it asks
for (an injected clock), never by timing the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimwatch.ingest.fetch import FetchPolicy, FetchResult
from claimwatch.ingest.polite import Politeness
from tests.web import Reply, Site

POLICY = FetchPolicy(timeout_s=2, allow_addresses=("127.0.0.1",))


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        s.routes["/open/story-one-here"] = Reply(body="<p>one</p>")
        s.routes["/private/story-two-here"] = Reply(body="<p>two</p>")
        yield s


def _polite(**kw: object) -> tuple[Politeness, list[tuple[str, str]]]:
    log: list[tuple[str, str]] = []

    def record(got: FetchResult, purpose: str) -> None:
        log.append((purpose, got.error or str(got.status)))

    return Politeness(POLICY, min_interval_s=0, record=record, **kw), log  # type: ignore[arg-type]


def test_robots_disallow_is_respected_and_recorded(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    polite, log = _polite()
    assert polite.fetch(site.url("/open/story-one-here"), "article").ok
    refused = polite.fetch(site.url("/private/story-two-here"), "article")
    assert refused.error_kind == "robots" and "disallowed by" in (refused.error or "")
    assert not site.asked("/private/story-two-here")
    assert len(site.asked("/robots.txt")) == 1  # read once per origin
    assert ("article", refused.error) in log and ("robots", "200") in log


def test_rules_for_our_agent_win(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(
        body="User-agent: *\nDisallow:\n\nUser-agent: claimwatch\nDisallow: /open/\n", content_type="text/plain"
    )
    polite, _ = _polite()
    assert polite.fetch(site.url("/open/story-one-here"), "article").error_kind == "robots"


def test_missing_robots_allows_everything(site: Site) -> None:
    polite, _ = _polite()  # no /robots.txt route: 404
    assert polite.fetch(site.url("/private/story-two-here"), "article").ok


def test_unreadable_robots_defers_everything(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(503, "down")
    polite, _ = _polite()
    got = polite.fetch(site.url("/open/story-one-here"), "article")
    assert got.error_kind == "robots_unreadable" and got.transient and "robots.txt could not be read" in (got.error or "")
    assert not site.asked("/open/story-one-here")


def test_requests_to_one_host_are_spaced_and_crawl_delay_counts(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(body="User-agent: *\nCrawl-delay: 7\n", content_type="text/plain")
    now = [1000.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    polite = Politeness(POLICY, min_interval_s=2.0, clock=lambda: now[0], sleep=sleep)
    polite.fetch(site.url("/open/story-one-here"), "article")
    polite.fetch(site.url("/private/story-two-here"), "article")
    # robots.txt, then the first page 2 s later (min interval), then the second page 7 s
    # after the first (its Crawl-delay)
    assert slept == [2.0, 7.0]


def test_429_backs_off_the_host_without_sending(site: Site) -> None:
    site.routes["/busy/story-three-here"] = Reply(429, "slow down", headers={"Retry-After": "30"})
    polite, _ = _polite()
    first = polite.fetch(site.url("/busy/story-three-here"), "article")
    assert first.status == 429 and first.transient
    later = polite.fetch(site.url("/open/story-one-here"), "article")
    assert later.error_kind == "deferred" and "HTTP 429" in (later.error or "")
    assert not site.asked("/open/story-one-here")


def test_guard_refuses_before_robots_is_asked() -> None:
    with Site("127.0.0.2") as other:
        polite, log = _polite()
        got = polite.fetch(other.url("/open/story-one-here"), "article")
        assert got.error_kind == "refused" and not other.asked()
        assert log == [("article", got.error)]
