"""Article -> Document: the stored text, its hash, metadata and excluded spans.

For plain text and JSONL the stored text is the article as given with only line
endings normalized, so character offsets stay stable. Metadata lines, datelines
and page chrome stay in the text but are listed in ``Document.excluded`` so that
extraction skips them, and what they say (publication date, outlet) fills the
document's metadata. For HTML the stored text is the main text found by
trafilatura, which runs in a child process bounded in time.

Metadata priority: what the input states (JSONL fields, HTML metadata) wins over
what is read from the text; the outlet named by a URL host wins over an agency
named in the text (the publisher, not the wire it quotes).
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from .calendars import as_date
from .errors import InputError
from .ingest.files import IngestLimits
from .lexicon import chrome
from .model import Article, Document, IngestFailure, Span

# ---------------------------------------------------------------------------
# Text basics
# ---------------------------------------------------------------------------


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    """Hex sha256 of the stored text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_RELATIVE_AGO = re.compile(r"\b\d+\s+(?:second|minute|hour|day|week|month)s?\s+ago\b", re.I)
_TIME_OF_DAY = re.compile(r"(?:\s*[-\u2013,@|]\s*|\s+(?:at\s+)?)\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?.*$", re.I)
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b", re.I)
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[A-Za-z])|(?<=[A-Za-z])(?=\d)")


def parse_date_text(value: str) -> date | None:
    """Parse a date written in a metadata line ("02March 2023 - 09:15", "Jan 09 2023 | 4:10 PM IST").

    Needs day, month and year; times, weekdays and "20 minutes ago" are ignored.
    Returns None when no full date can be read.
    """
    iso = _ISO_DATE.search(value)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    cleaned = value.split("|")[0]
    cleaned = _RELATIVE_AGO.sub(" ", cleaned)
    cleaned = chrome.POSTED_BY.sub("", cleaned)
    cleaned = _TIME_OF_DAY.sub("", cleaned)
    cleaned = _ORDINAL.sub(r"\1", cleaned)
    cleaned = _DIGIT_LETTER.sub(" ", cleaned).strip(" ,-\u2013")
    if not cleaned or not re.search(r"\d{4}", cleaned):
        return None
    return _dateparser_parse(cleaned)


@lru_cache(maxsize=1024)
def _dateparser_parse(text: str) -> date | None:
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed is not None else None


_DATE_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_DATE_WORDS = frozenset(chrome.MONTHS) | frozenset(chrome.WEEKDAYS) | frozenset(chrome.DATE_LINE_FILLER)


def is_date_only_line(line: str) -> bool:
    """True for a header line that holds only a date/time ("Monday 4 March 2024 - 09:30")."""
    core = chrome.POSTED_BY.sub("", line)
    tokens = _DATE_TOKEN.findall(core)
    if not tokens or len(tokens) > 14:
        return False
    if not all(t.isdigit() or t.lower() in _DATE_WORDS for t in tokens):
        return False
    has_month = any(t.lower() in chrome.MONTHS for t in tokens)
    has_year = any(t.isdigit() and len(t) == 4 for t in tokens)
    return (has_month and has_year) or bool(_ISO_DATE.search(core))


# ---------------------------------------------------------------------------
# Outlets
# ---------------------------------------------------------------------------


def url_host(url: str | None) -> str | None:
    """The lower-cased host of a URL without "www.", or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", host):
        return None
    return host[4:] if host.startswith("www.") else host


def outlet_from_url(url: str | None, outlets: Mapping[str, str] | None = None) -> str | None:
    """The outlet publishing at ``url``: the name the user's configuration gives its host
    (or a parent domain), else the host name itself."""
    host = url_host(url)
    if host is None:
        return None
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = (outlets or {}).get(".".join(labels[i:]))
        if name:
            return name
    while len(labels) > 2 and labels[0] in chrome.HOST_PREFIXES_IGNORED:
        labels = labels[1:]
    return ".".join(labels)


def _agency_outlet(agency: str) -> str | None:
    """The outlet named in a dateline's parentheses ("Tasnim", "UrduPoint News / Sputnik - 20th ...")."""
    name = re.split(r"\s[-\u2013\u2014]\s|/|,", agency)[0].strip()
    known = chrome.AGENCY_NAMES.get(name.lower())
    if known:
        return known
    words = name.lower().split()
    if words and any(w in chrome.OUTLET_WORDS for w in words) and len(words) <= 5:
        return name
    return None


def _source_outlet(value: str) -> str | None:
    """An outlet from a "Source: ..." line when it names one outlet ("Tehran Times")."""
    value = value.strip().rstrip(".")
    if not value or "," in value or ";" in value or not value[0].isalpha():
        return None
    if not re.fullmatch(r"[^\W\d_][\w&.'\u2019 -]{0,50}", value) or len(value.split()) > 5:
        return None
    return chrome.AGENCY_NAMES.get(value.lower(), value)


# ---------------------------------------------------------------------------
# Metadata and chrome detection on plain text
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DetectedMetadata:
    """What the text itself says about the article, and which spans are not prose."""

    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    excluded: tuple[Span, ...] = ()
    dateline_day: tuple[int, int] | None = None  # (month, day) the dateline names


@dataclass
class _Segment:
    """A line (or the rest of a line after a leading date marker), whitespace-stripped."""

    start: int
    end: int
    text: str
    line_no: int
    excluded: bool = False


@dataclass
class _Findings:
    spans: list[tuple[int, int]] = field(default_factory=list)
    published: list[tuple[int, date]] = field(default_factory=list)  # (priority, date); lower wins
    outlet: list[tuple[int, str]] = field(default_factory=list)
    dateline_day: tuple[int, int] | None = None


# Priorities of published-date evidence (lower wins).
_PUB_EXPLICIT, _PUB_MARKER, _PUB_HEADER_LINE, _PUB_DATELINE = 0, 1, 2, 3
# Priorities of outlet evidence in the text (lower wins).
_OUT_SOURCE, _OUT_DATELINE, _OUT_SIGNOFF = 0, 1, 2

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_SHARE_RUN = re.compile(
    "^(?:" + "|".join(sorted((re.escape(w) for w in chrome.SHARE_WORDS), key=len, reverse=True)) + "){2,}$"
)


def _segments(text: str, findings: _Findings) -> list[_Segment]:
    """Split text into stripped line segments; handle a leading ``date YYYY-MM-DD`` marker."""
    segments: list[_Segment] = []
    pos = 0
    for line_no, line in enumerate(text.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line_no == 0:
            marker = chrome.LEADING_DATE_MARKER.match(line)
            if marker:
                findings.spans.append((marker.start("marker"), marker.end("marker")))
                published = as_date(marker.group("value"))
                if published:
                    findings.published.append((_PUB_MARKER, published))
                start = marker.end("marker")
        stripped = text[start:end]
        lead = len(stripped) - len(stripped.lstrip())
        trail = len(stripped) - len(stripped.rstrip())
        if end - trail > start + lead:
            segments.append(_Segment(start + lead, end - trail, text[start + lead : end - trail], line_no))
    return segments





def _core(line: str) -> str:
    """A line without list bullets around it, for matching whole-line patterns."""
    return line.strip().lstrip(chrome.BULLET_CHARS + " \t").strip()


def _latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for ch in letters if ord(ch) < 0x250) / len(letters)


def _classify_line(seg: _Segment, findings: _Findings, in_header: bool, mostly_latin: bool) -> bool:
    """Decide whether one line is metadata/chrome; record what it says. True = exclude."""
    line = seg.text
    core = _core(line)
    if not any(ch.isalnum() for ch in line):
        return True  # a line of only symbols/whitespace
    for pattern in chrome.PUBLISHED_LINE_PATTERNS:
        m = pattern.match(core)
        if m:
            published = parse_date_text(m.group("value"))
            if published:
                findings.published.append((_PUB_EXPLICIT, published))
                return True
    if any(p.match(core) for p in chrome.UPDATED_LINE_PATTERNS):
        return True
    lowered = core.lower().rstrip(":!").strip()
    if lowered in chrome.CHROME_PHRASES:
        return True
    if any(p.match(core) for p in chrome.CHROME_LINE_PATTERNS):
        return True
    if _SHARE_RUN.match(re.sub(r"[\s|/,]+", "", lowered)):
        return True
    words = core.split()
    if (
        chrome.BREADCRUMB_SEPARATORS.search(core)
        and len(words) <= 12
        and not _SENTENCE_END.search(core)
        and not any(ch.isdigit() for ch in core)  # "exports > 5 percent" is a comparison, not navigation
    ):
        return True
    source = chrome.SOURCE_LINE.match(core)
    if source and len(source.group("value").split()) <= 8 and not source.group("value").rstrip().endswith("."):
        outlet = _source_outlet(source.group("value"))
        if outlet:
            findings.outlet.append((_OUT_SOURCE, outlet))
        return True
    if len(words) <= chrome.CAPTION_MAX_WORDS and any(p.search(core) for p in chrome.CAPTION_PATTERNS):
        return True
    if mostly_latin and _latin_share(core) < 0.5:
        return True  # footer text in another script on an English page
    if is_date_only_line(core):
        if in_header:
            published = parse_date_text(core)
            if published:
                findings.published.append((_PUB_HEADER_LINE, published))
        return True
    return False


def _is_body_paragraph(seg: _Segment) -> bool:
    """Prose rather than a headline: long, or ending like a sentence."""
    return len(seg.text.split()) >= 20 or bool(_SENTENCE_END.search(seg.text))


def _find_dateline(segments: list[_Segment], findings: _Findings) -> None:
    """Find a dateline at the start of the first body paragraphs (``TEHRAN (Tasnim) -``)."""
    for seg in segments:
        if seg.line_no >= chrome.HEADER_LINES:
            return
        if seg.excluded or not _is_body_paragraph(seg):
            continue
        m = (
            chrome.DATELINE_BRACKETED.match(seg.text)
            or chrome.DATELINE_SLASHED_AGENCY.match(seg.text)
            or chrome.DATELINE.match(seg.text)
            or chrome.DATELINE_TITLE_CASE.match(seg.text)
            or chrome.DATELINE_PLACE_AGENCY.match(seg.text)
        )
        if m and len(seg.text[m.end() :].split()) >= chrome.DATELINE_MIN_BODY_WORDS:
            sep = m.group("sep").strip()
            # Without a dash/colon, only a date or agency makes caps words a dateline.
            if sep or m.groupdict().get("agency") or m.groupdict().get("date"):
                _record_dateline(seg, m, findings)
                return
        # Only the lead paragraph (the first prose) may carry a dateline.
        if len(seg.text.split()) >= 20:
            return


def _record_dateline(seg: _Segment, m: re.Match[str], findings: _Findings) -> None:
    """Exclude a dateline and keep the outlet/date it names."""
    end = seg.start + len(m.group(0).rstrip())
    findings.spans.append((seg.start, end))
    place, agency, when = m.group("place"), m.groupdict().get("agency"), m.groupdict().get("date")
    if when:
        findings.dateline_day = _month_day(when)
    if agency:
        outlet = _agency_outlet(agency)
        if outlet:
            findings.outlet.append((_OUT_DATELINE, outlet))
        if when is None:
            when = agency if re.search(r"\d{4}", agency) else None
    else:
        known = chrome.AGENCY_NAMES.get(place.lower())
        if known:
            findings.outlet.append((_OUT_DATELINE, known))
    if when:
        published = parse_date_text(when)
        if published:
            findings.published.append((_PUB_DATELINE, published))


def _month_day(when: str) -> tuple[int, int] | None:
    """(month, day) of a dateline date written without a year ("August 14", "8 Nov")."""
    m = re.search(r"(?:(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})|(?P<day2>\d{1,2})\s+(?P<mon2>[A-Za-z]{3,9}))", when)
    if not m:
        return None
    name = (m.group("mon") or m.group("mon2")).lower()
    month = next((i + 1 for i, full in enumerate(_MONTH_NAMES) if name == full or name == full[:3] or name == "sept" and i == 8), None)
    day = int(m.group("day") or m.group("day2"))
    return (month, day) if month and 1 <= day <= 31 else None


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")  # fmt: skip


def dateline_date(day: tuple[int, int] | None, published: date | None) -> date | None:
    """The date a dateline's month and day name: in the publication year, or the year before
    when that would be after publication (a report dated 30 December, published 2 January)."""
    if day is None or published is None:
        return None
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, *day)
        except ValueError:
            return None
        if candidate <= published:
            return candidate
    return None


def _find_title(segments: list[_Segment]) -> _Segment | None:
    """The headline: the first short line without final punctuation before the body starts."""
    if len(segments) < 2:
        return None
    for seg in segments:
        if seg.line_no >= chrome.HEADER_LINES or _is_body_paragraph(seg):
            return None
        if seg.excluded:
            continue
        words = seg.text.split()
        if 3 <= len(words) <= 30 and not re.search(r"[.,;:!]$", seg.text):
            return seg
    return None


def _find_signoff(text: str, segments: list[_Segment], findings: _Findings) -> None:
    """A wire sign-off ending the last paragraph: "... prevention. — Bernama"."""
    if not segments or segments[-1].excluded:
        return
    last = segments[-1]
    credit = chrome.INPUTS_CREDIT.search(last.text)
    if credit:
        # "(With Agency Inputs)": a credit, not prose (and never a speaker)
        open_at = last.text.rfind("(", 0, credit.start("value") + 1)
        start = open_at if open_at >= credit.start() else credit.start("value")
        findings.spans.append((last.start + start, last.start + len(last.text)))
        return
    m = chrome.TRAILING_SIGNOFF.search(last.text)
    if not m:
        return
    value = m.group("value")
    known = chrome.AGENCY_NAMES.get(value.lower())
    if known is None and not any(w in chrome.OUTLET_WORDS for w in value.lower().split()):
        return
    findings.spans.append((last.start + m.start("dash"), last.start + m.end("value")))
    findings.outlet.append((_OUT_SIGNOFF, known or value))


def detect_metadata(text: str) -> DetectedMetadata:
    """Find metadata lines, datelines and chrome in a stored text.

    Every excluded span is a whole (stripped) line, a leading date marker, a
    dateline or a trailing sign-off; ``text[s.start:s.end] == s.text`` holds.
    """
    findings = _Findings()
    segments = _segments(text, findings)
    mostly_latin = _latin_share(text) >= 0.8
    for seg in segments:
        seg.excluded = _classify_line(seg, findings, seg.line_no < chrome.HEADER_LINES, mostly_latin)
        if seg.excluded:
            findings.spans.append((seg.start, seg.end))
    _find_dateline(segments, findings)
    title_seg = _find_title(segments)
    if title_seg is not None:
        # A repeated headline (page title and article heading) is read once.
        for seg in segments:
            if seg is not title_seg and not seg.excluded and seg.line_no < chrome.HEADER_LINES:
                if seg.text == title_seg.text:
                    seg.excluded = True
                    findings.spans.append((seg.start, seg.end))
    _find_signoff(text, segments, findings)
    published = min(findings.published, key=lambda p: p[0])[1] if findings.published else None
    outlet = min(findings.outlet, key=lambda p: p[0])[1] if findings.outlet else None
    return DetectedMetadata(
        title=title_seg.text if title_seg else None,
        outlet=outlet,
        published=published,
        excluded=_merge_spans(text, findings.spans),
        dateline_day=findings.dateline_day,
    )


def _merge_spans(text: str, spans: list[tuple[int, int]]) -> tuple[Span, ...]:
    """Sorted, non-overlapping spans (overlapping or touching ones merged)."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(Span(s, e, text[s:e]) for s, e in merged)


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlContent:
    """What trafilatura found in a page."""

    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None


def _html_worker(conn: Any, html: str, url: str | None) -> None:
    """Child-process body: extract main text and metadata, send a dict (or an error string)."""
    try:
        conn.send(_extract_html_now(html, url))
    except BaseException as exc:  # anything, so the parent gets a reason instead of silence
        conn.send(f"html extraction failed: {type(exc).__name__}: {exc}")
    finally:
        conn.close()


def _extract_html_now(html: str, url: str | None) -> dict[str, Any]:
    """Run trafilatura in this process (no time bound)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    if result is None:
        return {"text": ""}
    data = result if isinstance(result, dict) else result.as_dict()
    return {key: data.get(key) for key in ("text", "title", "date", "sitename", "hostname")}


def extract_html(html: str, url: str | None, limits: IngestLimits) -> HtmlContent:
    """Main text, title, date and site name of an HTML page, bounded in size and time.

    trafilatura has no time limit as a library, so it runs in a child process that
    is killed after ``limits.html_timeout_s``. Raises ``InputError`` with the reason.
    """
    size = len(html.encode("utf-8"))
    if size > limits.max_bytes:
        raise InputError(f"html too large: {size} bytes (limit {limits.max_bytes})")
    import trafilatura  # noqa: F401  (imported before forking so children start warm)

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx: Any = mp.get_context(method)
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_html_worker, args=(child, html, url), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(limits.html_timeout_s):
            raise InputError(f"html extraction timed out after {limits.html_timeout_s:g}s")
        try:
            data = parent.recv()
        except EOFError:
            raise InputError("html extraction failed: worker exited without a result") from None
    finally:
        parent.close()
        if proc.is_alive():
            proc.terminate()
            proc.join(1.0)
            if proc.is_alive():
                proc.kill()
        proc.join()
    if isinstance(data, str):
        raise InputError(data)
    text = normalize_newlines(data.get("text") or "")
    if not text.strip():
        raise InputError("html: no main text found")
    return HtmlContent(
        text=text,
        title=(data.get("title") or None),
        published=as_date(data["date"]) if data.get("date") else None,
        outlet=(data.get("sitename") or None),
    )


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


def build_document(
    article: Article, limits: IngestLimits | None = None, outlets: Mapping[str, str] | None = None
) -> Document:
    """Build the stored Document of an article (see module docstring).

    Raises ``InputError`` when an HTML page is too large, times out or has no
    main text. ``limits`` bounds HTML extraction (default ``IngestLimits()``);
    ``outlets`` names outlets by URL host (the user's configuration).
    """
    limits = limits or IngestLimits()
    title, outlet, published = None, None, None
    if article.fmt == "html":
        page = extract_html(article.raw, article.url, limits)
        stored = page.text
        title, outlet, published = page.title, page.outlet, page.published
    else:
        stored = normalize_newlines(article.raw)
    if not stored.strip():
        raise InputError("empty text")
    found = detect_metadata(stored)
    if article.fmt == "html" and not _unexcluded_text(stored, found.excluded).strip():
        # trafilatura falls back to navigation text on pages with no article
        raise InputError("html: no main text found")
    return Document(
        id=article.id,
        text=stored,
        content_hash=content_hash(stored),
        source=article.source,
        url=article.url,
        title=article.title or title or found.title,
        outlet=article.outlet or outlet or (outlet_from_url(article.url, outlets) if article.url else None) or found.outlet,
        published=article.published or published or found.published,
        excluded=found.excluded,
        dateline_date=dateline_date(found.dateline_day, article.published or published or found.published),
    )


def _unexcluded_text(text: str, spans: tuple[Span, ...]) -> str:
    """The text outside the excluded spans, concatenated."""
    parts, pos = [], 0
    for span in spans:
        parts.append(text[pos : span.start])
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


def try_build_document(article: Article, limits: IngestLimits | None = None) -> Document | IngestFailure:
    """``build_document`` that returns an ``IngestFailure`` instead of raising ``InputError``."""
    try:
        return build_document(article, limits)
    except InputError as exc:
        return IngestFailure(article.source, str(exc))
