"""Fetching articles by URL: bounded in time and size, every failure a clear reason.

A URL given to ``claimwatch add`` is fetched with httpx: the whole request (connect,
headers and body) must finish within ``timeout_s``, and a body larger than
``max_bytes`` is refused while streaming, so a 50 MB page or a server that never
answers costs at most the limits. HTML pages become ``html`` articles (main text
extracted by the text stage), plain text becomes ``txt``.
"""

from __future__ import annotations

import time

import httpx

from ..model import Article, IngestFailure

URL_PREFIXES = ("http://", "https://")
USER_AGENT = "claimwatch/0.1 (+news claim tracking)"


def is_url(value: str) -> bool:
    return value.lower().startswith(URL_PREFIXES)


def fetch_article(url: str, *, timeout_s: float, max_bytes: int) -> Article | IngestFailure:
    """One URL as an Article, or the reason it could not be had."""
    deadline = time.monotonic() + timeout_s
    try:
        with httpx.Client(timeout=timeout_s, follow_redirects=True, headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    return IngestFailure(url, f"HTTP {response.status_code} {response.reason_phrase}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    return IngestFailure(url, f"too large: {int(declared)} bytes (limit {max_bytes})")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        return IngestFailure(url, f"too large: over {max_bytes} bytes (limit {max_bytes})")
                    if time.monotonic() > deadline:
                        return IngestFailure(url, f"timed out after {timeout_s:g}s")
                content_type = response.headers.get("content-type", "")
                encoding = response.encoding or "utf-8"
    except httpx.TimeoutException:
        return IngestFailure(url, f"timed out after {timeout_s:g}s")
    except httpx.HTTPError as exc:
        return IngestFailure(url, f"fetch failed: {type(exc).__name__}: {exc}")
    try:
        text = bytes(body).decode(encoding)
    except (LookupError, UnicodeDecodeError):
        text = bytes(body).decode("utf-8", errors="replace")
    if not text.strip():
        return IngestFailure(url, "empty response")
    if content_type.startswith("text/plain"):
        return Article(id=url, raw=text, fmt="txt", source=url, url=url)
    return Article(id=url, raw=text, fmt="html", source=url, url=url)
