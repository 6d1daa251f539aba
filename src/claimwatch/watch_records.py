"""Typed records of watching outlets: sources, the links they list, the fetch log,
document versions, alert rules and their deliveries.

They flow ingest -> store -> service like the records of ``model.py``; the store writes
and reads them (tables documented in ``store.py``). Times are ISO 8601 strings in UTC
with milliseconds, so they sort as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal

ItemState = Literal["pending", "done", "failed", "refused"]
AlertKind = Literal["claim", "finding"]
Channel = Literal["webhook", "exec", "file"]
DeliveryState = Literal["pending", "sent", "failed", "baseline"]


def utc_iso(ts: float) -> str:
    """A POSIX time as the ISO UTC text every watch table stores."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")


def parse_utc_iso(value: str) -> float:
    return datetime.fromisoformat(value).timestamp()


@dataclass(frozen=True)
class Source:
    """A watched outlet: an RSS/Atom feed, a sitemap or a list page."""

    name: str
    url: str
    every_s: int
    added_at: str
    next_poll_at: str
    kind: str | None = None  # feed | sitemap | sitemap-index | page, once polled
    last_poll_at: str | None = None
    last_status: str | None = None  # "ok", "not modified", or why the last poll failed
    last_new: int = 0  # links first seen in the last poll
    failures: int = 0  # failed polls in a row
    etag: str | None = None
    last_modified: str | None = None
    items: dict[str, int] = field(default_factory=dict)  # links by state


@dataclass(frozen=True)
class SourceItem:
    """One article link a source listed, and what became of it."""

    source: str
    url: str  # canonical
    listed_url: str
    first_seen: str
    state: ItemState = "pending"
    title: str | None = None
    published: date | None = None  # the source's date for it
    updated: str | None = None  # the source's stamp of its last change
    attempts: int = 0
    last_error: str | None = None
    doc_id: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchRecord:
    """One request the watch made (or a link it refused to request)."""

    at: str
    purpose: str  # source | article | robots | sitemap
    url: str
    bytes: int
    elapsed_ms: int
    source: str | None = None
    final_url: str | None = None
    status: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class DocumentVersion:
    doc_id: str
    version: int
    content_hash: str
    stored_at: str
    claims: int  # how many claims were read from this version
    url: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class AlertRule:
    """What an alert matches (None matches anything) and where it is delivered."""

    kind: AlertKind
    channel: Channel
    target: str  # webhook URL, command line, or file path
    subject: str | None = None  # words that must all be in the subject or the evidence
    speaker: str | None = None  # part of the speaker's name
    outlet: str | None = None  # part of the outlet's name
    finding_type: str | None = None  # a `check` finding type
    id: int | None = None
    created_at: str | None = None


@dataclass(frozen=True)
class Delivery:
    """One alert for one matched claim or finding. ``key`` says what matched; ``id`` is
    sent with the alert so a receiver can recognise a repeat."""

    rule_id: int
    key: str
    id: str
    payload: str  # the JSON delivered
    created_at: str
    state: DeliveryState = "pending"
    attempts: int = 0
    last_error: str | None = None
    sent_at: str | None = None


@dataclass(frozen=True)
class ClaimRef:
    """What alert matching needs of a stored claim."""

    id: str
    doc: str
    subject: str | None
    speaker: str | None
    evidence: str
    outlet: str | None
    url: str | None
