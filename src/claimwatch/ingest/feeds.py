"""What a watched source lists: the article links of an RSS/Atom feed, a sitemap (or
sitemap index) or an HTML list page, each under its canonical URL.

* Feeds are read by feedparser, always from bytes already fetched under the fetch rules
  (given a string that looks like a URL, feedparser would fetch it itself, unguarded).
* Sitemaps are read by lxml with entities, DTDs and network access off; a gzipped
  sitemap is unpacked with the same size cap as any body.
* A list page's links are kept when they stay on the page's host and look like articles:
  not navigation (tags, categories, pagination), not login or feed pages, not files.
* Canonical URLs (courlan): lower-case scheme and host, default ports and fragments
  dropped, tracking parameters (utm_*, fbclid...) removed, so the same article reached
  through two links is one document. A page may name its own canonical URL
  (``<link rel="canonical">``), which counts only on the page's own host.
"""

from __future__ import annotations

import calendar
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from ..errors import InputError

ListingKind = Literal["feed", "sitemap", "sitemap-index", "page"]

MAX_LINKS = 1000  # per listing: a page with more is cut, newest-first where dates are known
SITEMAP_NS_TAGS = ("urlset", "sitemapindex")
_SKIP_EXTENSIONS = re.compile(
    r"\.(?:pdf|jpe?g|png|gif|webp|svg|mp[34]|mov|avi|zip|gz|rar|docx?|xlsx?|pptx?|css|js|json|xml|rss|atom|ico)$", re.I
)
_ARTICLE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}", re.I)  # three or more hyphenated words
_ARTICLE_ID = re.compile(r"\d{4,}")  # a numeric id or a date in the path


class ListingError(InputError):
    """A source body that is no feed, sitemap or HTML page."""


@dataclass(frozen=True)
class ListedLink:
    """One article a source lists. ``updated`` is the source's own stamp of its last
    change (feed ``updated``, sitemap ``lastmod``), compared as text between polls."""

    url: str  # canonical
    listed_url: str  # as the source gave it (resolved against the source's URL)
    title: str | None = None
    published: date | None = None
    updated: str | None = None


@dataclass(frozen=True)
class Listing:
    kind: ListingKind
    links: tuple[ListedLink, ...]
    refused: tuple[tuple[str, str], ...] = ()  # (link as given, reason) for links never fetched
    title: str | None = None


# ---- canonical URLs ---------------------------------------------------------------------


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of an http(s) URL (resolved against ``base``), or None for any
    other scheme or a URL with no host."""
    import courlan

    url = (url or "").strip()
    if not url:
        return None
    absolute = urljoin(base, url) if base else url
    try:
        parts = urlsplit(absolute)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        normalized = courlan.normalize_url(absolute)
    except (ValueError, TypeError):
        return None
    parts = urlsplit(normalized)
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def same_host(a: str, b: str) -> bool:
    def host(u: str) -> str:
        h = (urlsplit(u).hostname or "").lower()
        return h[4:] if h.startswith("www.") else h

    return host(a) == host(b) != ""


def page_canonical(html: str, page_url: str) -> str | None:
    """The canonical URL a page declares for itself (``<link rel="canonical">``, else
    ``og:url``), when it is on the page's own host; a page cannot claim another site's
    article."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html[:2_000_000])
    except (ValueError, lxml.etree.ParserError):
        return None
    candidates = tree.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href')
    candidates += tree.xpath('//meta[@property="og:url"]/@content')
    for href in candidates:
        url = canonical_url(str(href), page_url)
        if url and same_host(url, page_url):
            return url
    return None


# ---- reading a listing ------------------------------------------------------------------


def gunzip(body: bytes, max_bytes: int) -> bytes:
    """Unpack a gzip file (a ``sitemap.xml.gz``) with the output capped."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = unpacker.decompress(body, max_bytes + 1)
    if len(out) > max_bytes:
        raise ListingError(f"gzip body unpacks to over {max_bytes} bytes (limit {max_bytes})")
    if not unpacker.eof:
        raise ListingError("truncated gzip body")
    return out


def read_listing(body: bytes, content_type: str, url: str, *, max_bytes: int = 10 * 1024 * 1024) -> Listing:
    """The links a fetched source body lists; ListingError when it is none of a feed,
    a sitemap or an HTML page."""
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body, max_bytes)
    head = body[:2048].lstrip().lower()
    root = _xml_root_name(body)
    if root in SITEMAP_NS_TAGS:
        return _read_sitemap(body, url)
    looks_html = b"<html" in head or b"<!doctype html" in head or "html" in content_type.lower()
    if root in ("rss", "feed", "rdf") or not looks_html:
        listing = _read_feed(body, content_type, url)
        if listing is not None:
            return listing
        if not looks_html:
            raise ListingError("not a feed, a sitemap or an HTML page")
    return _read_page(body, content_type, url)


def _canonical_or_refused(given: str, base: str, refused: list[tuple[str, str]]) -> str | None:
    """The canonical URL of a listed link, or None after noting why it is never fetched."""
    canonical = canonical_url(given, base)
    if canonical is None:
        refused.append((given, "not an http(s) link"))
    return canonical


def _xml_root_name(body: bytes) -> str | None:
    """The local name of an XML document's root element, from its first bytes."""
    text = body[:4096].decode("utf-8", errors="replace")
    text = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", text, flags=re.S)
    m = re.search(r"<\s*([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)", text)
    return m.group(2).lower() if m else None


def _struct_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC).date()
    except (TypeError, ValueError, OverflowError):
        return None


def _read_feed(body: bytes, content_type: str, url: str) -> Listing | None:
    import feedparser

    # bytes, never a string: feedparser fetches a string that looks like a URL by itself
    parsed = feedparser.parse(bytes(body), response_headers={"content-location": url, "content-type": content_type})
    if not parsed.get("version") and not parsed.entries:
        return None
    links: list[ListedLink] = []
    refused: list[tuple[str, str]] = []
    for entry in parsed.entries:
        given = entry.get("link") or next((lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None)
        if not given:
            continue
        canonical = _canonical_or_refused(given, url, refused)
        if canonical is None:
            continue
        # dict.get: feedparser's own get maps a missing "updated" to "published" with a warning
        updated = dict.get(entry, "updated") or dict.get(entry, "published")
        links.append(
            ListedLink(
                url=canonical,
                listed_url=urljoin(url, given),
                title=(entry.get("title") or None),
                published=_struct_date(entry.get("published_parsed")),
                updated=str(updated) if updated else None,
            )
        )
    return Listing("feed", _unique(links), tuple(refused), title=parsed.feed.get("title") or None)


def _read_sitemap(body: bytes, url: str) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ListingError(f"sitemap is not well-formed XML: {exc}") from exc
    if root is None:
        raise ListingError("empty sitemap")
    kind: ListingKind = "sitemap-index" if etree.QName(root).localname == "sitemapindex" else "sitemap"
    child = "sitemap" if kind == "sitemap-index" else "url"
    links: list[ListedLink] = []
    refused: list[tuple[str, str]] = []
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname != child:
            continue
        fields = {etree.QName(el).localname: (el.text or "").strip() for el in node.iter() if isinstance(el.tag, str)}
        given = fields.get("loc")
        if not given:
            continue
        canonical = _canonical_or_refused(given, url, refused)
        if canonical is None:
            continue
        published = fields.get("publication_date") or None
        links.append(
            ListedLink(
                url=canonical,
                listed_url=urljoin(url, given),
                title=fields.get("title") or None,
                published=_iso_day(published),
                updated=fields.get("lastmod") or published,
            )
        )
    if kind == "sitemap-index":  # the newest sitemaps first: news sitemaps are the recent ones
        links.sort(key=lambda lk: lk.updated or "", reverse=True)
    return Listing(kind, _unique(links), tuple(refused))


def _iso_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _read_page(body: bytes, content_type: str, url: str) -> Listing:
    import courlan
    import lxml.html

    from .decode import DecodeError, decode_body

    try:
        html = decode_body(body, content_type)
        tree = lxml.html.document_fromstring(html)
    except (DecodeError, ValueError, lxml.etree.ParserError) as exc:
        raise ListingError(f"not a readable HTML page: {exc}") from exc
    page = canonical_url(url)
    links: list[ListedLink] = []
    refused: list[tuple[str, str]] = []
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        canonical = canonical_url(href, url)
        if canonical is None:
            if re.match(r"[a-z][a-z0-9+.-]*:", href, re.I) and not href.lower().startswith(("mailto:", "tel:")):
                refused.append((href, "not an http(s) link"))
            continue
        if canonical == page or not same_host(canonical, url) or not _looks_like_article(canonical):
            continue
        if courlan.is_navigation_page(canonical) or courlan.is_not_crawlable(canonical):
            continue
        title = " ".join(anchor.text_content().split()) or None
        links.append(ListedLink(url=canonical, listed_url=urljoin(url, href), title=title))
    return Listing("page", _unique(links), tuple(refused))


def _looks_like_article(url: str) -> bool:
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if not last or _SKIP_EXTENSIONS.search(last):
        return False
    return bool(_ARTICLE_SLUG.search(last) or _ARTICLE_ID.search(path))


def _unique(links: list[ListedLink]) -> tuple[ListedLink, ...]:
    seen: dict[str, ListedLink] = {}
    for link in links:
        seen.setdefault(link.url, link)
    return tuple(seen.values())[:MAX_LINKS]
