"""Read inputs into ``Article`` records: files, directories, .txt/.html/.jsonl.

Every input either becomes an ``Article`` or an ``IngestFailure`` with a reason a
user can act on; one bad file or JSONL line never stops the others. Sizes are
checked before a file is read, and bytes are decoded by ``decode.decode_bytes``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Protocol

from ..calendars import parse_iso_date
from ..model import Article, IngestFailure
from .decode import DecodeError, decode_with_note
from .decode import decode_bytes as decode_bytes  # where callers have imported it from
from .fetch import fetch_article, is_url

Fmt = Literal["txt", "html", "jsonl"]

# Extension -> format. Anything else in a directory is skipped silently.
SUPPORTED_EXTENSIONS: dict[str, Fmt] = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

@dataclass(frozen=True)
class IngestLimits:
    """Bounds on what one input may cost.

    ``max_bytes`` bounds one article (a .txt/.html file, or one JSONL line);
    ``max_jsonl_bytes`` bounds a whole JSONL file, which holds many articles;
    ``html_timeout_s`` bounds main-text extraction of one HTML page.
    """

    max_bytes: int = 10 * 1024 * 1024
    html_timeout_s: float = 10.0
    max_jsonl_bytes: int = 1024 * 1024 * 1024
    url_timeout_s: float = 20.0  # the whole fetch of one URL
    # addresses or networks URL fetching may reach although they are not public
    # ("127.0.0.1", "10.0.0.0/8"); empty: only public addresses (see ingest/fetch.py)
    allow_addresses: tuple[str, ...] = ()


def _read_limited(path: Path, limit: int) -> bytes:
    """Read a file that was checked to be at most ``limit`` bytes; fail if it grew."""
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise DecodeError(f"file too large (over the limit of {limit} bytes)")
    return data


def _iter_inputs(paths: Sequence[Path]) -> Iterator[tuple[Path, str, bool] | IngestFailure]:
    """Yield (file, document id, explicitly named) for every path given, and a failure
    for every directory that cannot be read (its files are not silently missing).

    Directories are walked recursively in sorted order (hidden entries skipped,
    symlinked directories not followed, so a link loop cannot recurse forever).
    """
    for given in paths:
        if given.is_dir():
            found: list[tuple[str, Path]] = []
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(given, followlinks=False, onerror=unreadable.append):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_EXTENSIONS:
                        continue
                    full = Path(root) / name
                    found.append((full.relative_to(given).as_posix(), full))
            for error in unreadable:
                where = printable_name(str(error.filename or given))
                yield IngestFailure(where, f"directory not read: {_os_reason(error).removeprefix('cannot read: ')}")
            for rel, full in sorted(found):
                yield full, rel, False
        else:
            yield given, given.name, True


def printable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as surrogates) shown
    as ``\\xNN`` escapes, so the name can be stored, printed and compared."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def iter_articles(
    paths: Sequence[Path | str], limits: IngestLimits | None = None
) -> Iterator[Article | IngestFailure]:
    """Read files and directories into Articles, yielding a failure for each bad input.

    Only .txt/.html/.htm/.jsonl files are read; other files inside a directory are
    skipped, an explicitly named unsupported file is a failure. The id of a file is
    its name, or its path relative to the directory given (posix); a JSONL line
    uses its ``id`` or ``<file name>:<line number>``.
    """
    limits = limits or IngestLimits()
    for given in paths:
        if isinstance(given, str) and is_url(given):
            yield fetch_article(
                given, timeout_s=limits.url_timeout_s, max_bytes=limits.max_bytes, allow_addresses=limits.allow_addresses
            )
        else:
            yield from _iter_path_articles(Path(given), limits)


def _iter_path_articles(given: Path, limits: IngestLimits) -> Iterator[Article | IngestFailure]:
    for item in _iter_inputs([given]):
        if isinstance(item, IngestFailure):
            yield item
            continue
        path, doc_id, explicit = item
        source = printable_name(str(path))
        if source != str(path):
            doc_id = printable_name(doc_id)
        fmt = SUPPORTED_EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            if explicit:
                if not path.exists():
                    yield IngestFailure(source, "no such file or directory")
                else:
                    yield IngestFailure(
                        source,
                        f"unsupported file type {path.suffix or '(none)'!r}; expected .txt, .html, .htm or .jsonl",
                    )
            continue
        if fmt == "jsonl":
            yield from _iter_jsonl(path, limits)
            continue
        try:
            article = _read_file_article(path, doc_id, fmt, limits)
            if source != str(path):
                note = f"file name is not valid UTF-8: stored as {doc_id}"
                article = replace(article, source=source, notes=(note, *article.notes))
            yield article
        except (DecodeError, OSError) as exc:
            yield IngestFailure(source, _os_reason(exc))


def _os_reason(exc: BaseException) -> str:
    """A short user-facing reason for a read failure."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return str(exc)


def _read_file_article(path: Path, doc_id: str, fmt: Fmt, limits: IngestLimits) -> Article:
    """Read one .txt/.html file into an Article (raises DecodeError/OSError)."""
    size = path.stat().st_size
    if not path.is_file():
        raise DecodeError("not a regular file")
    if size > limits.max_bytes:
        raise DecodeError(f"file too large: {size} bytes (limit {limits.max_bytes})")
    text, note = decode_with_note(_read_limited(path, limits.max_bytes))
    if not text.strip():
        raise DecodeError("empty file (no text)")
    return Article(id=doc_id, raw=text, fmt=fmt, source=str(path), notes=(note,) if note else ())


def _iter_jsonl(path: Path, limits: IngestLimits) -> Iterator[Article | IngestFailure]:
    """One Article per JSONL line; a bad line is a failure ``file:line`` and reading goes on."""
    source = printable_name(str(path))
    try:
        size = path.stat().st_size
        if size > limits.max_jsonl_bytes:
            yield IngestFailure(source, f"file too large: {size} bytes (limit {limits.max_jsonl_bytes})")
            return
        fh = path.open("rb")
    except OSError as exc:
        yield IngestFailure(source, _os_reason(exc))
        return
    with fh:
        yield from jsonl_lines(fh, source, printable_name(path.name), limits)


class LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def jsonl_lines(fh: LineReader, source: str, file_name: str, limits: IngestLimits) -> Iterator[Article | IngestFailure]:
    """The Articles of an open JSONL file, line by line (a local file, a download, a file
    of another filesystem); a bad line is a failure ``source:line`` and reading goes on."""
    produced = 0
    line_no = 0
    while True:
        try:
            raw_line = fh.readline(limits.max_bytes + 2)
        except OSError as exc:
            yield IngestFailure(source, _os_reason(exc))
            return
        if not raw_line:
            break
        line_no += 1
        line_source = f"{source}:{line_no}"
        content_len = len(raw_line) - (1 if raw_line.endswith(b"\n") else 0)
        if content_len > limits.max_bytes:
            # Skip the rest of an over-long line without holding it in memory.
            while raw_line and not raw_line.endswith(b"\n"):
                raw_line = fh.readline(1 << 20)
            yield IngestFailure(line_source, f"line too large (limit {limits.max_bytes} bytes)")
            continue
        if not raw_line.strip():
            continue
        produced += 1
        yield jsonl_article(raw_line, file_name, line_no, line_source)
    if produced == 0:
        yield IngestFailure(source, "empty file (no JSON lines)")


def jsonl_article(raw_line: bytes, file_name: str, line_no: int, line_source: str) -> Article | IngestFailure:
    """Parse one JSONL line into an Article, or a failure naming ``file:line``."""
    try:
        line, note = decode_with_note(raw_line)
    except DecodeError as exc:
        return IngestFailure(line_source, str(exc))
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestFailure(line_source, f"invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return IngestFailure(line_source, f"invalid record: expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        return IngestFailure(line_source, "missing or non-string 'text' field")
    if not text.strip():
        return IngestFailure(line_source, "empty text")
    try:
        published = parse_iso_date(record.get("published"))
    except ValueError as exc:
        return IngestFailure(line_source, f"invalid 'published' date: {exc}")
    raw_id = record.get("id")
    doc_id = str(raw_id).strip() if raw_id not in (None, "") else f"{file_name}:{line_no}"
    return Article(
        id=doc_id,
        raw=text,
        fmt="jsonl",
        source=line_source,
        url=_opt_str(record.get("url")),
        title=_opt_str(record.get("title")),
        outlet=_opt_str(record.get("outlet")),
        published=published,
        notes=(note,) if note else (),
    )


def _opt_str(value: Any) -> str | None:
    """A stripped non-empty string, or None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
