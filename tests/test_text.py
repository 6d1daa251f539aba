"""Tests for claimwatch.text: stored text, hashing, metadata/chrome detection, HTML."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.errors import InputError
from claimwatch.ingest.files import IngestLimits, iter_articles
from claimwatch.model import Article, Document, IngestFailure
from claimwatch.text import (
    build_document,
    content_hash,
    detect_metadata,
    is_date_only_line,
    normalize_newlines,
    outlet_from_url,
    parse_date_text,
    try_build_document,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _doc(name: str) -> Document:
    items = list(iter_articles([FIXTURES / name], IngestLimits()))
    assert len(items) == 1 and isinstance(items[0], Article)
    return build_document(items[0])


def _excluded_texts(doc: Document) -> list[str]:
    return [s.text for s in doc.excluded]


def _assert_offsets(doc: Document) -> None:
    for s in doc.excluded:
        assert doc.text[s.start : s.end] == s.text
    ends = [(s.start, s.end) for s in doc.excluded]
    assert ends == sorted(ends)
    assert all(a[1] < b[0] for a, b in zip(ends, ends[1:], strict=False))


# ---- stored text and hash ------------------------------------------------------


def test_stored_text_normalizes_only_line_endings() -> None:
    doc = _doc("business_style.txt")
    raw = (FIXTURES / "business_style.txt").read_bytes().decode("utf-8")
    assert "\r" in raw and "\r" not in doc.text
    assert doc.text == raw.replace("\r\n", "\n")
    assert doc.content_hash == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_same_content_same_hash_across_line_endings() -> None:
    a = build_document(Article(id="a", raw="One.\r\nTwo 5 percent.\r\n", fmt="txt", source="a"))
    b = build_document(Article(id="b", raw="One.\nTwo 5 percent.\n", fmt="txt", source="b"))
    c = build_document(Article(id="c", raw="One.\nTwo 6 percent.\n", fmt="txt", source="c"))
    assert a.content_hash == b.content_hash != c.content_hash


@given(st.text())
def test_normalize_newlines_properties(text: str) -> None:
    out = normalize_newlines(text)
    assert "\r" not in out
    assert normalize_newlines(out) == out
    if "\r" not in text:
        assert out == text


def test_content_hash_is_hex_sha256() -> None:
    assert content_hash("abc") == hashlib.sha256(b"abc").hexdigest()


# ---- metadata detection on look-alike fixtures -------------------------------------


def test_leading_date_marker_and_bare_dateline() -> None:
    doc = _doc("tehran_style.txt")
    assert doc.published == date(2021, 3, 4)
    assert _excluded_texts(doc) == ["date 2021-03-04", "TEHRAN-"]
    assert doc.outlet is None  # a bare place dateline names no outlet
    assert doc.title is None  # the first line is prose, not a headline
    _assert_offsets(doc)


def test_agency_dateline_repeated_headline_and_story_lists() -> None:
    doc = _doc("agency_dateline.txt")
    assert doc.outlet == "Tasnim"
    assert doc.title == "Canal Tolls Rise as Traffic Recovers"
    excluded = _excluded_texts(doc)
    assert excluded == ["Canal Tolls Rise as Traffic Recovers", "ISFAHAN (Tasnim) –", "Top Economy stories", "Top Stories"]
    # the first headline stays readable; only its repeat is excluded
    assert doc.excluded[0].start > doc.text.index("Canal")
    _assert_offsets(doc)


def test_header_metadata_lines_and_page_chrome() -> None:
    doc = _doc("header_meta.txt")
    assert doc.published == date(2023, 3, 2)  # the publish date, not the update date
    assert doc.title == "Farm Output Climbs in Northern Provinces"
    assert _excluded_texts(doc) == [
        "Updated in: 3 May 2024 - 10:11",
        "most visited",
        "world << World",
        "News ID: 55501",
        "Publish Date: 02March 2023 - 09:15",
        "Share",
        "Print",
        "* * *",
        "your comment",
    ]
    _assert_offsets(doc)


def test_business_page_read_time_updates_and_wire_dateline() -> None:
    doc = _doc("business_style.txt")
    assert doc.published == date(2023, 1, 9)
    assert doc.outlet == "Reuters"
    assert doc.title == "Glassworks report record quarter"
    excluded = _excluded_texts(doc)
    assert "2 min read Last Updated : Jan 09 2023 | 4:10 PM IST" in excluded
    assert "NEW DELHI, Jan 9 (Reuters) -" in excluded
    assert "First Published: Jan 09 2023 | 4:02 PM IST" in excluded
    body = doc.extraction_text()
    assert "quarterly revenue rose 14 percent" in body
    _assert_offsets(doc)


def test_trailing_source_line_names_the_outlet() -> None:
    doc = _doc("source_signoff.txt")
    assert doc.outlet == "Valley Courier"
    assert _excluded_texts(doc) == ["Source: Valley Courier"]
    assert doc.title == "Bridge repairs finished ahead of schedule"


def test_prose_is_never_excluded() -> None:
    doc = _doc("plain_no_meta.txt")
    assert doc.excluded == ()
    assert doc.title is None and doc.outlet is None and doc.published is None


@pytest.mark.parametrize(
    "text",
    [
        "SIPRI—the institute in Stockholm—said spending rose 3 percent last year, a sharp change from before.",
        "Share prices rose 4 percent on Monday after the bank said profits doubled in the quarter.",
        "Print runs of the newspaper fell by 12 percent in 2022, the publisher said in its report.",
        "Source: the finance ministry said on Sunday that revenue rose by 8 percent in the year.",
        "Growth > 5 percent in three regions",
    ],
)
def test_sentences_that_start_like_chrome_are_kept(text: str) -> None:
    assert detect_metadata(text).excluded == ()


def test_headline_with_colon_is_not_a_dateline() -> None:
    text = "US: Inflation eases to 5 percent in March\n\nConsumer prices rose 5 percent in March from a year earlier, officials said."
    found = detect_metadata(text)
    assert found.excluded == ()
    assert found.title == "US: Inflation eases to 5 percent in March"


def test_captions_footers_and_codes() -> None:
    text = (
        "A crane at the harbour on Monday. Photo: City Archive\n"
        "The port said cargo volumes rose 6 percent this year, led by grain and timber shipments.\n"
        "PrintEmailFacebookTwitterCopy Link\n"
        "XYZ/4402\n"
        "Follow us on Telegram\n"
        "- بدون نظر\n"
    )
    found = detect_metadata(text)
    assert [s.text for s in found.excluded] == [
        "A crane at the harbour on Monday. Photo: City Archive",
        "PrintEmailFacebookTwitterCopy Link",
        "XYZ/4402",
        "Follow us on Telegram",
        "- بدون نظر",
    ]


def test_date_only_header_line_gives_published() -> None:
    text = "Wednesday 8 March 2023 - 11:20\n\nFerry Fares Cut Again\n\nThe ferry company said fares would fall 10 percent from April, its second cut this year."
    found = detect_metadata(text)
    assert found.published == date(2023, 3, 8)
    assert found.excluded[0].text == "Wednesday 8 March 2023 - 11:20"
    assert found.title == "Ferry Fares Cut Again"


def test_trailing_agency_signoff() -> None:
    text = "The health ministry said cases fell 20 percent in May compared with April. — Bernama"
    found = detect_metadata(text)
    assert found.outlet == "Bernama"
    assert [s.text for s in found.excluded] == ["— Bernama"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    " date 2020-01-02 CAIRO- Officials said 5 people",
                    "Share",
                    "Publish Date: 3June 2021 - 10:00",
                    "TEHRAN (Tasnim) – The minister said exports rose 7 percent in the year to March.",
                    "Source: Some Paper",
                    "—",
                    "",
                    "Top Stories",
                    "Headline Words Here Now",
                ]
            ),
            st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
        ),
        max_size=12,
    )
)
def test_excluded_spans_always_match_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    found = detect_metadata(text)
    for s in found.excluded:
        assert text[s.start : s.end] == s.text
        assert s.text.strip() == s.text and s.text
    starts = [(s.start, s.end) for s in found.excluded]
    assert starts == sorted(starts)


# ---- dates and outlets --------------------------------------------------------------

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]


@settings(deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.booleans(), st.booleans())
def test_parse_date_text_reads_metadata_styles(d: date, glued: bool, with_time: bool) -> None:
    month = _MONTH_NAMES[d.month - 1]
    text = f"{d.day}{'' if glued else ' '}{month} {d.year}" + (" - 14:37" if with_time else "")
    assert parse_date_text(text) == d
    assert parse_date_text(f"{month[:3]} {d.day:02d} {d.year} | 5:05 PM IST") == d


@pytest.mark.parametrize("text", ["yesterday", "June 3", "20 minutes ago", "no date here"])
def test_parse_date_text_needs_a_full_date(text: str) -> None:
    assert parse_date_text(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tuesday 20 February 2024 - 08:04", True),
        ("Sep, 26, 2023 Posted by Some Writer", True),
        ("15 minutes ago Fri 4th June 2021 | 04:20 PM", True),
        ("March 2023 exports rose", False),
        ("The 2023 budget", False),
    ],
)
def test_is_date_only_line(line: str, expected: bool) -> None:
    assert is_date_only_line(line) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.harbourtimes.example/news/1/x", "Harbour Times"),  # from the configuration
        ("https://en.harbourtimes.example/news/1", "Harbour Times"),  # a sub-domain of a configured host
        ("https://www.other-post.example/2024/x", "other-post.example"),  # else the host name
        ("https://news.unknown-daily.example.org/a", "unknown-daily.example.org"),
        ("not a url", None),
    ],
)
def test_outlet_from_url(url: str, expected: str | None) -> None:
    assert outlet_from_url(url, {"harbourtimes.example": "Harbour Times"}) == expected


def test_outlet_names_come_from_the_user_configuration(tmp_path: Path) -> None:
    from claimwatch.config import load_config

    path = tmp_path / "claimwatch.toml"
    path.write_text('[outlets]\n"www.Harbourtimes.example" = "Harbour Times"\n', encoding="utf-8")
    assert load_config(path).outlets == {"harbourtimes.example": "Harbour Times"}
    path.write_text("[outlets]\nbad = 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="must map host names"):
        load_config(path)


def test_jsonl_metadata_wins_over_detected() -> None:
    items = [i for i in iter_articles([FIXTURES / "articles.jsonl"], IngestLimits()) if isinstance(i, Article)]
    docs = {a.id: build_document(a) for a in items}
    assert docs["a1"].outlet == "tehrantimes.com"  # from the URL, not "Source: Some Wire"
    assert docs["a1"].published == date(2023, 5, 2)
    assert docs["a7"].outlet == "Given Outlet" and docs["a7"].title == "Given title"
    assert "PORTO (Lusa) -" in _excluded_texts(docs["a7"])
    assert docs["a9"].outlet == "example-gazette.org"


# ---- HTML ---------------------------------------------------------------------------------


def test_html_main_text_and_metadata() -> None:
    doc = _doc("page.html")
    assert "exports of widgets rose by 12 percent" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.title == "Widget exports climb"
    assert doc.outlet == "The Example Herald"
    assert doc.published == date(2022, 4, 5)
    assert "LISBON –" in _excluded_texts(doc)
    assert doc.content_hash == content_hash(doc.text)
    _assert_offsets(doc)


def _big_html() -> str:
    para = "<p>" + "The board said output rose by several percent this season. " * 20 + "</p>"
    return "<html><body><article>" + "<div>" * 200 + para * 3000 + "</div>" * 200 + "</article></body></html>"


def test_html_timeout_becomes_failure() -> None:
    article = Article(id="slow.html", raw=_big_html(), fmt="html", source="slow.html")
    result = try_build_document(article, IngestLimits(html_timeout_s=0.05))
    assert isinstance(result, IngestFailure)
    assert result.reason == "html extraction timed out after 0.05s"
    assert result.source == "slow.html"


def test_html_over_size_becomes_failure() -> None:
    raw = (FIXTURES / "page.html").read_text(encoding="utf-8")
    article = Article(id="p.html", raw=raw, fmt="html", source="p.html")
    with pytest.raises(InputError, match="too large"):
        build_document(article, IngestLimits(max_bytes=100))


def test_html_without_main_text_is_failure() -> None:
    article = Article(id="e.html", raw="<html><body><nav>Home</nav></body></html>", fmt="html", source="e.html")
    result = try_build_document(article)
    assert isinstance(result, IngestFailure) and "no main text" in result.reason


# ---- real seeds (skipped when ../shared is absent) -------------------------------------------


def test_real_seeds_metadata_and_no_claim_excluded() -> None:
    seeds = SHARED / "corpus" / "seeds"
    gold_path = SHARED / "gold" / "seeds.jsonl"
    if not seeds.is_dir() or not gold_path.is_file():
        pytest.skip("shared corpus not available")
    gold = {g["doc"]: g for g in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())}
    for item in iter_articles([seeds], IngestLimits()):
        assert isinstance(item, Article)
        doc = build_document(item)
        expected = gold[doc.id]
        assert (doc.published.isoformat() if doc.published else None) == expected["published"]
        _assert_offsets(doc)
        for claim in expected["claims"] + expected.get("quotes", []):
            at = doc.text.find(claim["evidence"])
            assert at >= 0
            end = at + len(claim["evidence"])
            assert not any(s.start < end and at < s.end for s in doc.excluded)


def test_title_case_dateline_with_date_and_agency_is_excluded() -> None:
    from claimwatch.text import detect_metadata

    found = detect_metadata("Lagos, March 4 (LDN): Nigeria's cocoa exports rose 12 percent in the first quarter of the year.")
    assert [s.text for s in found.excluded] == ["Lagos, March 4 (LDN):"]
    prose = detect_metadata("Lagos is a large city where many people live and work every day of the year, officials said.")
    assert prose.excluded == ()


@pytest.mark.parametrize(
    ("lead", "excluded", "day", "outlet"),
    [
        ("Lima, APN -- The fisheries minister said catches rose by a fifth over the past year in the south.",
         "Lima, APN --", None, None),
        ("HARBOUR CITY /North Province/, March 3. /NRA/. The port handled more cargo than ever before this year, officials said.",
         "HARBOUR CITY /North Province/, March 3. /NRA/.", (3, 3), None),
        ("ngo(Oslo, 4 May 2022) The number of people helped rose to a record this year, according to new figures.",
         "ngo(Oslo, 4 May 2022)", (5, 4), None),
    ],
)  # fmt: skip
def test_wire_datelines_are_read_and_excluded(lead: str, excluded: str, day: tuple[int, int] | None, outlet: str | None) -> None:
    found = detect_metadata(lead)
    assert [s.text for s in found.excluded] == [excluded]
    assert found.dateline_day == day


def test_a_dateline_day_takes_the_publication_year() -> None:
    from claimwatch.text import dateline_date

    assert dateline_date((3, 3), date(2024, 3, 5)) == date(2024, 3, 3)
    assert dateline_date((12, 30), date(2024, 1, 2)) == date(2023, 12, 30)
    assert dateline_date((2, 30), date(2024, 3, 5)) is None and dateline_date((3, 3), None) is None


def test_an_agency_inputs_credit_is_not_prose() -> None:
    text = "Exports rose to a record in the year, the ministry said in a statement. (With inputs from agencies)"
    assert [s.text for s in detect_metadata(text).excluded] == ["(With inputs from agencies)"]
