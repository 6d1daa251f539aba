"""Watching outlets: sources polled on a schedule, their new articles stored as documents,
alerts raised and delivered.

One cycle (``Watcher.cycle``): every due source is fetched (a conditional GET when it
sent an ETag or Last-Modified before), the links it lists are remembered, and the links
not yet fetched, or marked updated by the source, are fetched, built, extracted and
stored, each in one transaction with its link's state and the alerts its claims raise.
An article whose text changed is stored as the next version of its document (the
earlier text stays in ``document_versions``); an unchanged one is left alone. Then
findings are checked for finding alerts, and queued alerts are delivered.

What survives anything: a failing source, page or alert is recorded with its reason and
the cycle goes on; a transient failure (timeout, 5xx, 429) is retried by a later poll
with a growing backoff; a process killed at any point leaves every link either stored
with its document or still pending, so the next run fetches what is missing and stores
nothing twice. ``run_forever`` opens the store for each cycle and closes it while it
sleeps, so other commands can write between cycles.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import InputError, NotFound, StoreError
from ..extract.pipeline import Extractor
from ..ingest import feeds
from ..ingest.fetch import FetchPolicy, FetchResult, article_from_result
from ..ingest.polite import Politeness
from ..model import Document, IngestFailure, IngestReport
from ..settings import Settings
from ..store import Store
from ..watch_records import (
    DocumentVersion,
    FetchRecord,
    ItemState,
    Source,
    SourceItem,
    parse_utc_iso,
    utc_iso,
)
from . import alerts, links, runs

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.I)
_UNIT_S = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"


def parse_every(text: str) -> int:
    """A polling interval as written on the command line ("30m", "1h", "90s", "2d") in seconds."""
    m = _DURATION.match(text or "")
    if not m:
        raise InputError(f"not an interval: {text!r} (write e.g. 90s, 30m, 6h or 1d)")
    seconds = float(m.group(1)) * _UNIT_S[(m.group(2) or "s").lower()]
    if seconds < 1:
        raise InputError(f"interval too short: {text!r} (at least 1s)")
    return int(seconds)


@dataclass(frozen=True)
class WatchOptions:
    """How the watch fetches: the fetch rules of every request, pacing per host, and how
    much one poll may take on."""

    fetch: FetchPolicy = FetchPolicy()
    host_interval_s: float = 1.0  # between two requests to one host (robots.txt Crawl-delay may raise it)
    max_items_per_poll: int = 50  # links fetched per source per poll; the rest wait for the next
    max_item_attempts: int = 3  # transient failures of one link before it is given up
    max_backoff_s: float = 86400.0
    max_child_sitemaps: int = 3  # of a sitemap index, the newest ones read per poll
    alert_timeout_s: float = 30.0


@dataclass
class SourceReport:
    """What one poll of one source did."""

    name: str
    status: str = "ok"
    new_links: int = 0
    updated_links: int = 0
    stored: list[str] = field(default_factory=list)  # documents stored for the first time
    versions: list[str] = field(default_factory=list)  # documents stored as a new version
    unchanged: int = 0
    deferred: int = 0  # links left for a later poll (host backing off, poll limit)
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status not in ("ok", "not modified") and not self.deferred_poll

    @property
    def deferred_poll(self) -> bool:
        """The host asked us to wait (an earlier 429 or 503): not asked this time, not a failure."""
        return self.status.startswith("deferred:")


@dataclass
class CycleReport:
    sources: list[SourceReport] = field(default_factory=list)
    alerts: alerts.DeliveryReport = field(default_factory=alerts.DeliveryReport)
    queued_alerts: int = 0
    busy: str | None = None  # the store was held by another writer: nothing done

    @property
    def failed(self) -> bool:
        return bool(
            self.busy or self.alerts.failures or any(s.failed or s.failures for s in self.sources)
        )


def watch_options(
    settings: Settings,
    *,
    allow_addresses: tuple[str, ...] = (),
    timeout_s: float = 20.0,
    host_interval_s: float = 1.0,
    max_items_per_poll: int = 50,
) -> WatchOptions:
    """The options of a watch run: the settings' limits and allowed addresses plus the
    run's own (checked here, so a bad address fails before anything is fetched)."""
    policy = FetchPolicy(
        timeout_s=timeout_s, max_bytes=settings.max_bytes,
        allow_addresses=(*settings.allow_addresses, *allow_addresses),
    )  # fmt: skip
    policy.networks()
    if timeout_s <= 0 or host_interval_s < 0 or max_items_per_poll < 1:
        raise InputError("--timeout must be positive, --host-interval not negative, --max-items at least 1")
    return WatchOptions(fetch=policy, host_interval_s=host_interval_s, max_items_per_poll=max_items_per_poll)


# ---- sources ----------------------------------------------------------------------------


def add_source(store: Store, name: str, url: str, every: str, *, now: float | None = None) -> Source:
    """Watch a feed, sitemap or list page; due at once."""
    name = name.strip()
    if not re.fullmatch(r"[\w.-]{1,64}", name):
        raise InputError(f"a source name is 1-64 letters, digits, '.', '-' or '_': {name!r}")
    canonical = feeds.canonical_url(url)
    if canonical is None:
        raise InputError(f"not an http(s) URL: {url!r}")
    if store.sources(name):
        raise InputError(f"a source named {name!r} exists already (claimwatch sources remove {name})")
    stamp = utc_iso(time.time() if now is None else now)
    source = Source(name=name, url=url.strip(), every_s=parse_every(every), added_at=stamp, next_poll_at=stamp)
    store.add_source(source)
    return source


def remove_source(store: Store, name: str) -> None:
    """Stop watching a source (its documents stay; its links are forgotten)."""
    if not store.remove_source(name):
        raise NotFound(f"no source named {name!r}")


def list_sources(store: Store) -> list[Source]:
    return store.sources()


def fetch_history(store: Store, source: str | None = None, limit: int = 50) -> list[FetchRecord]:
    if source is not None and not store.sources(source):
        raise NotFound(f"no source named {source!r}")
    return store.fetch_log(source, limit)


def document_versions(store: Store, doc_id: str) -> list[DocumentVersion]:
    """Every text a watched document has had; a document never re-fetched has none listed."""
    store.document(doc_id)  # NotFound for an unknown id
    return store.versions(doc_id)


def source_items(store: Store, source: str, state: str | None = None) -> list[SourceItem]:
    """A source's links and what became of each."""
    if not store.sources(source):
        raise NotFound(f"no source named {source!r}")
    return store.source_items(source, state)


# ---- polling ----------------------------------------------------------------------------


class Watcher:
    """One process's watch: its politeness state and its loaded extractor, kept across cycles."""

    def __init__(
        self, settings: Settings, options: WatchOptions, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.settings = settings
        self.options = options
        self.clock = clock
        self._extractor: Extractor | None = None
        self._store: Store | None = None
        self._source: str | None = None
        self.politeness = Politeness(options.fetch, min_interval_s=options.host_interval_s, record=self._record)

    def _record(self, got: FetchResult, purpose: str) -> None:
        if self._store is None:
            return
        self._store.log_fetch(
            FetchRecord(
                at=utc_iso(self.clock()), purpose=purpose, url=got.url, bytes=got.size,
                elapsed_ms=int(got.elapsed_s * 1000), source=self._source,
                final_url=got.final_url if got.final_url != got.url else None, status=got.status, error=got.error,
            )
        )  # fmt: skip

    @contextmanager
    def _on(self, store: Store, source: str | None) -> Iterator[None]:
        self._store, self._source = store, source
        try:
            yield
        finally:
            self._store, self._source = None, None

    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(self.settings.model, self.settings.time_budget_s)
        return self._extractor

    def cycle(self, store: Store, *, force: bool = False) -> CycleReport:
        """Poll every due source (every source with ``force``), then check findings and
        deliver queued alerts."""
        report = CycleReport()
        now = self.clock()
        due = store.sources() if force else store.due_sources(utc_iso(now))
        stored: list[str] = []
        for source in due:
            with self._on(store, source.name):
                try:
                    polled = self.poll(store, source)
                except (KeyboardInterrupt, SystemExit):
                    raise
                except Exception as exc:  # one source's surprise never stops the others
                    polled = SourceReport(source.name, status=f"poll failed: {type(exc).__name__}: {exc}")
                    self._reschedule(store, source, polled.status, failed=True)
            report.sources.append(polled)
            stored += polled.stored + polled.versions
        if stored and self.settings.link_on_add:
            links.update_index(store, stored)
        report.queued_alerts = alerts.queue_finding_alerts(store, now=self.clock())
        report.alerts = alerts.deliver_pending(store, timeout_s=self.options.alert_timeout_s, clock=self.clock)
        return report

    def poll(self, store: Store, source: Source) -> SourceReport:
        """Fetch one source, remember what it lists, fetch the links that are due."""
        report = SourceReport(source.name)
        got = self.politeness.fetch(
            source.url, "source", etag=source.etag, last_modified=source.last_modified, accept=FEED_ACCEPT
        )
        kind = source.kind
        if got.not_modified:
            report.status = "not modified"
        elif not got.ok:
            report.status = got.error or f"HTTP {got.status}"
        else:
            try:
                listing = feeds.read_listing(got.body, got.content_type, got.final_url, max_bytes=self.options.fetch.max_bytes)
            except InputError as exc:
                report.status = f"unreadable: {exc}"
            else:
                kind = listing.kind
                self._remember(store, source, listing, report)
        failed = report.failed
        source = replace(source, kind=kind)
        if got.ok:  # validators of what was read; kept as they were otherwise
            source = replace(source, etag=got.etag, last_modified=got.last_modified)
        self._fetch_items(store, source, report)
        self._reschedule(store, source, report.status, failed=failed, new=report.new_links, retry_after=got.retry_after_s)
        return report

    def _reschedule(
        self, store: Store, source: Source, status: str, *, failed: bool, new: int = 0, retry_after: float | None = None
    ) -> None:
        now = self.clock()
        failures = source.failures + 1 if failed else 0
        wait = float(source.every_s)
        if failed:  # back off: twice the interval per failure in a row, as long as asked at least
            wait = min(source.every_s * 2.0**failures, max(self.options.max_backoff_s, source.every_s))
            wait = max(wait, retry_after or 0.0)
        store.record_poll(
            replace(source, last_poll_at=utc_iso(now), last_status=status, last_new=new, failures=failures,
                    next_poll_at=utc_iso(now + wait))
        )  # fmt: skip

    def _remember(self, store: Store, source: Source, listing: feeds.Listing, report: SourceReport) -> None:
        if listing.kind == "sitemap-index":
            listing = self._read_child_sitemaps(listing, report)
        now = utc_iso(self.clock())
        items = [
            SourceItem(source.name, lk.url, lk.listed_url, now, title=lk.title, published=lk.published, updated=lk.updated)
            for lk in listing.links
        ]
        for given, reason in listing.refused:
            items.append(SourceItem(source.name, given, given, now, state="refused", last_error=reason))
        new, report.updated_links = store.add_source_items(items)
        report.new_links = len(new)
        for given, reason in listing.refused:
            if given in new:  # logged when first listed, not at every poll that lists it again
                self._record(FetchResult(given, given, error=f"refused: {reason}", error_kind="refused"), "article")

    def _read_child_sitemaps(self, index: feeds.Listing, report: SourceReport) -> feeds.Listing:
        """The article links of the newest sitemaps a sitemap index names."""
        found: list[feeds.ListedLink] = []
        refused = list(index.refused)
        for child in index.links[: self.options.max_child_sitemaps]:
            got = self.politeness.fetch(child.listed_url, "sitemap", accept=FEED_ACCEPT)
            if not got.ok:
                report.failures.append(IngestFailure(child.listed_url, got.error or f"HTTP {got.status}"))
                continue
            try:
                listing = feeds.read_listing(got.body, got.content_type, got.final_url, max_bytes=self.options.fetch.max_bytes)
            except InputError as exc:
                report.failures.append(IngestFailure(child.listed_url, str(exc)))
                continue
            if listing.kind == "sitemap":
                found += listing.links
                refused += listing.refused
        return feeds.Listing("sitemap-index", tuple(found), tuple(refused))

    def _fetch_items(self, store: Store, source: Source, report: SourceReport) -> None:
        pending = store.source_items(source.name, "pending")
        report.deferred += max(0, len(pending) - self.options.max_items_per_poll)
        for item in pending[: self.options.max_items_per_poll]:
            self._fetch_item(store, source, item, report)

    def _fetch_item(self, store: Store, source: Source, item: SourceItem, report: SourceReport) -> None:
        again = item.doc_id is not None  # a link fetched before that the source marks updated
        got = self.politeness.fetch(
            item.listed_url, "article", etag=item.etag if again else None,
            last_modified=item.last_modified if again else None, accept=PAGE_ACCEPT,
        )  # fmt: skip
        if got.error_kind in ("deferred", "robots_unreadable"):  # not asked: no attempt counted
            report.deferred += 1
            if got.error_kind == "robots_unreadable":
                report.failures.append(IngestFailure(item.listed_url, got.error or ""))
            return
        if got.not_modified:
            report.unchanged += 1
            store.finish_item(replace(item, state="done", last_error=None))
            return
        item = replace(item, attempts=item.attempts + 1, etag=got.etag, last_modified=got.last_modified)
        article = article_from_result(got, doc_id=item.url)
        if isinstance(article, IngestFailure):
            refused = got.error_kind in ("refused", "robots")
            self._item_failed(store, item, article.reason, report, transient=got.transient, refused=refused)
            return
        doc_url = self._document_url(article.raw, got, item) if article.fmt == "html" else item.url
        built = runs.build(replace(article, id=doc_url, url=doc_url, source=item.listed_url), self.settings)
        if isinstance(built, IngestFailure):
            self._item_failed(store, item, built.reason, report)
            return
        if built.published is None and item.published is not None:
            built = replace(built, published=item.published)  # the page gives no date: the source's
        self._store_document(store, source, item, built, article.raw, report)

    @staticmethod
    def _document_url(html: str, got: FetchResult, item: SourceItem) -> str:
        """The document's id and URL: the canonical URL the page declares on its own host,
        else the canonical form of the URL it was fetched from (after redirects)."""
        final = feeds.canonical_url(got.final_url) or item.url
        return feeds.page_canonical(html, got.final_url) or final

    def _store_document(
        self, store: Store, source: Source, item: SourceItem, doc: Document, raw: str, report: SourceReport
    ) -> None:
        ingest_report = IngestReport()
        placed = runs.RunDocuments(store).place(doc, ingest_report)
        if placed is None:  # the same text is stored under this id, or the same article under another
            repeat = ingest_report.duplicates[0].of if ingest_report.duplicates else doc.id
            report.unchanged += 1
            store.finish_item(replace(item, state="done", last_error=None, doc_id=repeat))
            return
        try:
            extraction = self.extractor().extract(placed)
        except Exception as exc:  # one document's failure never stops the poll
            self._item_failed(store, item, runs.failure_reason(exc), report)
            return
        version = store.next_version(placed.id)
        rules = [r for r in store.alert_rules() if r.kind == "claim"]
        now = self.clock()
        deliveries = alerts.claim_deliveries(rules, placed, extraction, source=source.name, version=version, now=now)
        done = replace(item, state="done", last_error=None, doc_id=placed.id)
        store.save_version(placed, raw, extraction, stored_at=utc_iso(now), item=done, deliveries=deliveries)
        (report.versions if version > 1 else report.stored).append(placed.id)

    def _item_failed(
        self, store: Store, item: SourceItem, reason: str, report: SourceReport, *, transient: bool = False,
        refused: bool = False,
    ) -> None:  # fmt: skip
        state: ItemState = "refused" if refused else "failed"
        if transient and item.attempts < self.options.max_item_attempts:
            state = "pending"
        store.finish_item(replace(item, state=state, last_error=reason))
        report.failures.append(IngestFailure(item.listed_url, reason))


# ---- running ----------------------------------------------------------------------------


def run_once(settings: Settings, options: WatchOptions, *, force: bool = False) -> CycleReport:
    """One cycle: poll what is due, deliver alerts, return (for cron and systemd timers)."""
    with Store(settings.db, writer=True) as store:
        return Watcher(settings, options).cycle(store, force=force)


def run_forever(
    settings: Settings,
    options: WatchOptions,
    on_cycle: Callable[[CycleReport], None],
    *,
    max_sleep_s: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
    cycles: int | None = None,
) -> None:
    """Poll in a loop until interrupted (Ctrl-C, or SIGTERM, which ends it the same way).

    The store is opened for each cycle and closed while the loop sleeps until the next
    source is due (at most ``max_sleep_s``: sources added meanwhile are picked up). When
    another process holds the store for writing, the cycle is skipped and reported.
    """
    watcher = Watcher(settings, options)
    previous = _interrupt_on_sigterm()
    try:
        done = 0
        while cycles is None or done < cycles:
            wait = max_sleep_s
            try:
                with Store(settings.db, writer=True) as store:
                    report = watcher.cycle(store)
                    wait = _seconds_until_due(store.next_poll_at(), watcher.clock(), max_sleep_s)
            except StoreError as exc:
                report = CycleReport(busy=str(exc))
                wait = min(max_sleep_s, 5.0)
            on_cycle(report)
            done += 1
            if cycles is None or done < cycles:
                sleep(wait)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _seconds_until_due(next_poll_at: str | None, now: float, max_sleep_s: float) -> float:
    if next_poll_at is None:
        return max_sleep_s
    return min(max(parse_utc_iso(next_poll_at) - now, 0.2), max_sleep_s)


def _interrupt_on_sigterm() -> Any:
    """Make SIGTERM raise KeyboardInterrupt (the main thread only can set handlers)."""

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:
        return None
