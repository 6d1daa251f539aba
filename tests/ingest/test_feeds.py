"""What a source lists: RSS, Atom, sitemaps (plain, gzipped, indexes) and list pages, read
from bytes; canonical URLs; links that are never fetched."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from claimwatch.ingest.feeds import ListingError, canonical_url, page_canonical, read_listing

BASE = "https://news.example.org/world/feed.xml"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example World</title>
<item><title>Exports tripled</title><link>https://news.example.org/world/exports-tripled-minister?utm_source=rss&amp;utm_medium=feed</link>
<pubDate>Mon, 10 Jun 2024 08:00:00 GMT</pubDate></item>
<item><title>Relative</title><link>/world/budget-rises-nine-percent</link></item>
<item><title>Script</title><link>javascript:alert(1)</link></item>
<item><title>Twice</title><link>https://NEWS.example.org:443/world/exports-tripled-minister#comments</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title>
<entry><title>Output up</title><link href="https://news.example.org/a/output-up-six-percent"/>
<id>tag:1</id><updated>2024-06-11T09:30:00Z</updated><published>2024-06-11T09:00:00Z</published></entry>
</feed>"""

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example.org/a/first-story-here</loc><lastmod>2024-06-01</lastmod>
<news:news><news:publication_date>2024-05-31</news:publication_date><news:title>First</news:title></news:news></url>
<url><loc>ftp://news.example.org/file</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example.org/sitemap-2024-05.xml</loc><lastmod>2024-05-31</lastmod></sitemap>
<sitemap><loc>https://news.example.org/sitemap-2024-06.xml</loc><lastmod>2024-06-30</lastmod></sitemap>
</sitemapindex>"""

PAGE = b"""<html><head><title>World news</title></head><body>
<nav><a href="/tag/economy">Economy</a> <a href="/category/world">World</a> <a href="/page/2">Next</a>
<a href="/login">Sign in</a> <a href="/about">About</a></nav>
<a href="/world/2024/06/10/exports-tripled-minister-says">Exports tripled, minister says</a>
<a href="/world/story/4471233">Budget up</a>
<a href="https://elsewhere.example.com/a/some-other-story-here">Elsewhere</a>
<a href="/files/annual-report-2024.pdf">PDF</a> <a href="mailto:desk@example.org">Mail</a>
<a href="javascript:void(0)">JS</a> <a href="#top">Top</a>
</body></html>"""


def test_rss_links_are_canonical_unique_and_resolved() -> None:
    listing = read_listing(RSS, "application/rss+xml", BASE)
    assert listing.kind == "feed" and listing.title == "Example World"
    urls = [lk.url for lk in listing.links]
    assert urls == [
        "https://news.example.org/world/exports-tripled-minister",  # tracking parameters dropped, repeat merged
        "https://news.example.org/world/budget-rises-nine-percent",  # relative link resolved
    ]
    first = listing.links[0]
    assert first.published == date(2024, 6, 10) and first.title == "Exports tripled" and first.updated
    assert listing.refused == (("javascript:alert(1)", "not an http(s) link"),)


def test_atom_entries() -> None:
    listing = read_listing(ATOM, "application/atom+xml", BASE)
    assert listing.kind == "feed"
    (link,) = listing.links
    assert link.url == "https://news.example.org/a/output-up-six-percent" and link.updated == "2024-06-11T09:30:00Z"


def test_sitemap_plain_and_gzipped() -> None:
    for body in (SITEMAP, gzip.compress(SITEMAP)):
        listing = read_listing(body, "application/xml", "https://news.example.org/sitemap.xml")
        assert listing.kind == "sitemap"
        (link,) = listing.links
        assert (link.url, link.updated, link.published, link.title) == (
            "https://news.example.org/a/first-story-here", "2024-06-01", date(2024, 5, 31), "First"
        )  # fmt: skip
        assert listing.refused == (("ftp://news.example.org/file", "not an http(s) link"),)


def test_sitemap_index_lists_newest_sitemaps_first() -> None:
    listing = read_listing(INDEX, "text/xml", "https://news.example.org/sitemap.xml")
    assert listing.kind == "sitemap-index"
    assert [lk.url for lk in listing.links][0].endswith("sitemap-2024-06.xml")


def test_sitemap_with_entities_is_not_expanded() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
            b'<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/a/b-c-d&lol2;&ext;</loc>'
            b"</url></urlset>")  # fmt: skip
    listing = read_listing(bomb, "application/xml", "https://x.example/sitemap.xml")
    assert all("root:" not in lk.url and "lollol" not in lk.url for lk in listing.links)


def test_list_page_keeps_article_links_on_its_host() -> None:
    listing = read_listing(PAGE, "text/html; charset=utf-8", "https://news.example.org/world/")
    assert listing.kind == "page"
    assert [lk.url for lk in listing.links] == [
        "https://news.example.org/world/2024/06/10/exports-tripled-minister-says",
        "https://news.example.org/world/story/4471233",
    ]
    assert listing.links[0].title == "Exports tripled, minister says"
    assert ("javascript:void(0)", "not an http(s) link") in listing.refused


def test_something_else_is_a_listing_error() -> None:
    with pytest.raises(ListingError):
        read_listing(b'{"items": []}', "application/json", BASE)
    with pytest.raises(ListingError):
        read_listing(gzip.compress(b"x" * 5000), "application/gzip", BASE, max_bytes=1000)


@pytest.mark.parametrize(
    "given, expected",
    [
        ("HTTP://News.Example.ORG:80/a/b?utm_campaign=x&id=7#top", "http://news.example.org/a/b?id=7"),
        ("https://news.example.org", "https://news.example.org/"),
        ("mailto:desk@example.org", None),
        ("file:///etc/passwd", None),
        ("http://news.example.org:99999/", None),
        ("", None),
    ],
)
def test_canonical_url(given: str, expected: str | None) -> None:
    assert canonical_url(given) == expected


def test_page_canonical_only_on_its_own_host() -> None:
    own = '<html><head><link rel="canonical" href="/world/exports-tripled?ref=home"></head><body></body></html>'
    assert page_canonical(own, "https://news.example.org/x/123") == "https://news.example.org/world/exports-tripled"
    other = '<html><head><link rel="canonical" href="https://rival.example.com/world/theirs"></head></html>'
    assert page_canonical(other, "https://news.example.org/x/123") is None
    og = '<html><head><meta property="og:url" content="https://www.news.example.org/a/b"></head></html>'
    assert page_canonical(og, "https://news.example.org/a/b?x=1") == "https://www.news.example.org/a/b"


def test_a_body_that_is_a_url_is_never_fetched_by_the_feed_reader() -> None:
    from tests.web import Reply, Site

    with Site() as site:
        site.routes["/feed"] = Reply(body="<rss/>")
        with pytest.raises(ListingError):
            read_listing(site.url("/feed").encode(), "text/plain", site.url("/list"))
        assert not site.asked()
