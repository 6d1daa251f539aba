"""Fetching as a well-behaved crawler: robots.txt, one request at a time per host, and
backing off when a host says it is overloaded.

* robots.txt is read with the standard library's ``urllib.robotparser`` after being
  fetched under the same rules as everything else (``fetch.fetch``: address guard,
  deadline, size cap). Following RFC 9309: a robots.txt that is missing (any 4xx) allows
  everything; one that cannot be had (5xx, timeout) disallows everything until it is
  asked for again a few minutes later. Rules are kept for ``robots_ttl_s`` per origin.
* Requests to one host are spaced by ``min_interval_s``, or by the host's
  ``Crawl-delay`` when that is longer (at most a minute).
* A 429 or 503 answer stops requests to that host for its Retry-After (or a minute);
  meanwhile ``fetch`` answers "deferred" without sending anything.

Every request made here, robots.txt included, is handed to ``record`` with its purpose.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from .decode import DecodeError, decode_body
from .fetch import ROBOTS_AGENT, FetchPolicy, FetchResult, fetch, guard_refusal

Recorder = Callable[[FetchResult, str], None]

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
MAX_CRAWL_DELAY_S = 60.0
DEFAULT_BACKOFF_S = 60.0
FAILED_ROBOTS_TTL_S = 300.0  # ask again soon for a robots.txt that could not be read


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"


class Politeness:
    """robots.txt rules, per-host pacing and per-host backoff for one process."""

    def __init__(
        self,
        policy: FetchPolicy,
        *,
        min_interval_s: float = 1.0,
        robots_ttl_s: float = 3600.0,
        record: Recorder | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy
        self.min_interval_s = min_interval_s
        self.robots_ttl_s = robots_ttl_s
        self.record = record or (lambda result, purpose: None)
        self.clock = clock
        self.sleep = sleep
        self._robots: dict[str, tuple[float, RobotFileParser | None, FetchResult | None]] = {}
        self._crawl_delays: dict[str, float] = {}
        self._next_slot: dict[str, float] = {}
        self._blocked_until: dict[str, tuple[float, str]] = {}

    # ---- robots.txt -------------------------------------------------------------------

    def robots_refusal(self, url: str) -> FetchResult | None:
        """None when robots.txt lets us fetch ``url``; else a result saying why not: the
        rules forbid it (``robots``), the origin is refused by the address guard
        (``refused``), or robots.txt could not be read just now (``robots_unreadable``,
        worth trying again later)."""
        origin = _origin(url)
        rules, failure = self._rules(origin)
        if failure is not None:
            if failure.error_kind == "refused":
                return FetchResult(url, url, error=failure.error, error_kind="refused")
            why = failure.error or f"HTTP {failure.status}"
            return FetchResult(url, url, error=f"{origin}/robots.txt could not be read ({why}); nothing fetched there for now",
                               error_kind="robots_unreadable")  # fmt: skip
        if rules is not None and not rules.can_fetch(ROBOTS_AGENT, url):
            return FetchResult(url, url, error=f"refused: disallowed by {origin}/robots.txt", error_kind="robots")
        return None

    def _rules(self, origin: str) -> tuple[RobotFileParser | None, FetchResult | None]:
        cached = self._robots.get(origin)
        if cached is not None:
            read_at, rules, failure = cached
            ttl = self.robots_ttl_s if failure is None else min(self.robots_ttl_s, FAILED_ROBOTS_TTL_S)
            if self.clock() - read_at < ttl:
                return rules, failure
        rules, failure = self._read_robots(origin)
        self._robots[origin] = (self.clock(), rules, failure)
        return rules, failure

    def _read_robots(self, origin: str) -> tuple[RobotFileParser | None, FetchResult | None]:
        """(rules, None) when robots.txt was read; (None, None) when there is none (allow
        all); (None, the failed fetch) when it could not be had (disallow all for now)."""
        got = self._request(f"{origin}/robots.txt", "robots", replace(self.policy, max_bytes=ROBOTS_MAX_BYTES))
        if got.status is not None and 400 <= got.status < 500 and got.status != 429:
            return None, None
        if not got.ok:
            return None, got
        try:
            text = decode_body(got.body, got.content_type)
        except DecodeError:
            text = got.body.decode("utf-8", errors="replace")
        rules = RobotFileParser()
        rules.parse(text.splitlines())
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay:
            self._crawl_delays[urlsplit(origin).netloc] = min(float(delay), MAX_CRAWL_DELAY_S)
        return rules, None

    # ---- pacing and backoff ---------------------------------------------------------------

    def backing_off(self, url: str) -> str | None:
        """Why requests to this URL's host are paused now, or None."""
        host = urlsplit(url).netloc.lower()
        until, why = self._blocked_until.get(host, (0.0, ""))
        left = until - self.clock()
        return f"{host} asked us to wait ({why}); {left:.0f}s left" if left > 0 else None

    def _wait_turn(self, host: str) -> None:
        left = self._next_slot.get(host, 0.0) - self.clock()
        if left > 0:
            self.sleep(left)
        interval = max(self.min_interval_s, self._crawl_delays.get(host, 0.0))
        self._next_slot[host] = self.clock() + interval

    def _request(
        self,
        url: str,
        purpose: str,
        policy: FetchPolicy,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> FetchResult:
        host = urlsplit(url).netloc.lower()
        self._wait_turn(host)
        got = fetch(url, policy, etag=etag, last_modified=last_modified, accept=accept)
        self.record(got, purpose)
        if got.status in (429, 503):
            wait = got.retry_after_s if got.retry_after_s is not None else DEFAULT_BACKOFF_S
            self._blocked_until[host] = (self.clock() + wait, f"HTTP {got.status}")
        return got

    # ---- the one entry point --------------------------------------------------------------

    def fetch(
        self,
        url: str,
        purpose: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> FetchResult:
        """Fetch ``url`` if robots.txt allows it and its host is not backing us off.

        A refusal (address guard, robots.txt) is recorded like a fetch: it answers the
        user's question "why was this not fetched?". A deferral sends nothing and is not
        recorded.
        """
        waiting = self.backing_off(url)
        if waiting:
            return FetchResult(url, url, error=f"deferred: {waiting}", error_kind="deferred")
        guarded = guard_refusal(url, self.policy)
        if guarded:  # refused before robots.txt is asked for: nothing is sent there at all
            got = FetchResult(url, url, error=guarded, error_kind="refused")
            self.record(got, purpose)
            return got
        refusal = self.robots_refusal(url)
        if refusal is not None:
            if refusal.error_kind != "robots_unreadable":  # that request, to robots.txt, is recorded
                self.record(refusal, purpose)
            return refusal
        return self._request(url, purpose, self.policy, etag=etag, last_modified=last_modified, accept=accept)
