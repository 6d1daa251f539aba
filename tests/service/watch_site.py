"""Made-up outlets for the watch tests: articles with figures every stage reads, and
feeds, sitemaps and list pages that list them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from claimwatch.service import watch
from claimwatch.settings import Settings
from claimwatch.store import Store

LOCAL = ("127.0.0.1",)


def article(title: str, body: str, *, published: str | None = None, site_name: str = "Valley Post",
            canonical: str | None = None) -> str:  # fmt: skip
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f'<html><head><title>{title}</title><meta property="og:site_name" content="{site_name}">{meta}{link}'
            f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>")  # fmt: skip


PORTS = article(
    "Ports report record exports",
    "Container exports through the northern ports rose 14 percent in 2023 to 2.1 million units, "
    "port authority chief Ana Ruiz said on Tuesday.\n\n"
    "The authority expects another 6 percent rise this year as two new berths open, Ruiz said.",
    published="2024-05-02",
)
PORTS_REVISED = article(
    "Ports report record exports",
    "Container exports through the northern ports rose 14 percent in 2023 to 2.1 million units, "
    "port authority chief Ana Ruiz said on Tuesday.\n\n"
    "The authority now expects a 9 percent rise this year as three new berths open, Ruiz said.",
    published="2024-05-02",
)
WHEAT = article(
    "Wheat harvest falls",
    "Wheat output fell 8 percent to 4.2 million tonnes last year, Agriculture Minister Omar Haddad said on Monday.",
)
DRONES = article(
    "Drone exports triple",
    "Exports of drones tripled last year to some $1.2 billion, Defence Minister Lena Ortiz said on Saturday.",
    published="2024-06-09",
)


def rss(items: list[tuple[str, str]], title: str = "Valley Post") -> str:
    """An RSS feed of (link, pubDate-or-empty) items."""
    body = "".join(
        f"<item><title>item {i}</title><link>{link}</link>{f'<pubDate>{date}</pubDate>' if date else ''}</item>"
        for i, (link, date) in enumerate(items)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'


def atom(entries: list[tuple[str, str]]) -> str:
    """An Atom feed of (link, updated) entries."""
    body = "".join(
        f'<entry><title>entry {i}</title><id>tag:{i}</id><link href="{link}"/><updated>{updated}</updated></entry>'
        for i, (link, updated) in enumerate(entries)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>{body}</feed>'


def settings_for(tmp_path: Path) -> Settings:
    return replace(Settings(), db=tmp_path / "watch.db", link_on_add=True)


def options(**kw: object) -> watch.WatchOptions:
    base = dict(allow_addresses=LOCAL, timeout_s=2.0, host_interval_s=0.0)
    base.update(kw)
    return watch.watch_options(Settings(), **base)  # type: ignore[arg-type]


def open_store(settings: Settings) -> Store:
    return Store(settings.db, writer=True)
