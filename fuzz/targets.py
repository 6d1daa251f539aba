"""Fuzz targets: bytes in, one stage run, its contract checked.

Each target takes the fuzzer's bytes and feeds one stage as a user's input would reach
it: ``decode`` (bytes of a file), ``txt`` / ``html`` / ``jsonl`` (a file of that format
through the ingest and text stages), ``extract`` (a document's text through the whole
extraction pipeline). A target may end in the stage's domain errors (a skip with a
reason); any other exception, or a broken contract (an offset off its evidence, an
infinite value, a reason that is not one line), is a crash. ``fuzz/run.py`` drives them
under atheris; ``tests/test_fuzz_regressions.py`` replays every input kept in
``tests/fixtures/fuzz/`` through the same functions.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from claimwatch.errors import ClaimwatchError
from claimwatch.ingest import IngestLimits, iter_articles
from claimwatch.ingest.decode import DecodeError, decode_with_note
from claimwatch.lexicon.numbers import MAX_FIGURE
from claimwatch.model import Article, Document, IngestFailure
from claimwatch.text import build_document

# Small bounds: a fuzz input is never meant to be large, and a slow input shows as a
# budget skip rather than a hang.
LIMITS = IngestLimits(max_bytes=256 * 1024, html_timeout_s=5.0)
EXTRACT_BUDGET_S = 20.0


def _check_reason(reason: str) -> None:
    assert reason.strip() and "\n" not in reason and "Traceback" not in reason, repr(reason)


def _check_document(doc: Document) -> None:
    for span in doc.excluded:
        assert 0 <= span.start <= span.end <= len(doc.text) and doc.text[span.start : span.end] == span.text


def decode(data: bytes) -> None:
    try:
        text, note = decode_with_note(data)
    except DecodeError as exc:
        _check_reason(str(exc))
        return
    assert isinstance(text, str) and "\x00" not in text
    if note is not None:
        _check_reason(note)


def _through_ingest(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for item in iter_articles([path], LIMITS):
            if isinstance(item, IngestFailure):
                _check_reason(item.reason)
                continue
            assert isinstance(item, Article) and item.id
            try:
                _check_document(build_document(item, LIMITS))
            except ClaimwatchError as exc:
                _check_reason(str(exc))


def txt(data: bytes) -> None:
    _through_ingest(data, ".txt")


def html(data: bytes) -> None:
    _through_ingest(data, ".html")


def jsonl(data: bytes) -> None:
    _through_ingest(data, ".jsonl")


_extractor: Any = None


def _get_extractor() -> Any:
    global _extractor
    if _extractor is None:
        from claimwatch.extract.pipeline import Extractor

        _extractor = Extractor(budget_s=EXTRACT_BUDGET_S)
    return _extractor


def extract(data: bytes) -> None:
    # the first two bytes choose a publication date (or none), the rest is the text
    published = date(2000, 1, 1) + timedelta(days=int.from_bytes(data[:2], "big") % 20000) if data[:1] > b"\x7f" else None
    text = data[2:].decode("utf-8", errors="replace")
    doc = Document(id="fuzz", text=text, content_hash="fuzz", source="fuzz", published=published)
    try:
        ex = _get_extractor().extract(doc)
    except ClaimwatchError as exc:  # a document past its time budget: skipped with a reason
        _check_reason(str(exc))
        return
    for c in ex.claims:
        assert text[c.start : c.end] == c.evidence, (c.start, c.end, c.evidence)
        for v in (c.value, c.value_high):
            assert v is None or (math.isfinite(v) and abs(v) <= MAX_FIGURE), v
    for q in ex.quantities:
        assert text[q.start : q.end] == q.text
    for t in ex.times:
        assert text[t.start : t.end] == t.text
    for quote in ex.quotes:
        assert text[quote.start : quote.end] == quote.text
    json.dumps([c.value for c in ex.claims], allow_nan=False)


TARGETS: dict[str, Callable[[bytes], None]] = {"decode": decode, "txt": txt, "html": html, "jsonl": jsonl, "extract": extract}
