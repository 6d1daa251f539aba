"""Archives of articles for ``batch``: JSONL and Parquet files named by a local path or by
a URL, one at a time, each as Articles or the reason it could not be read.

A URL of any filesystem fsspec knows (``file://``, ``memory://``, and ``s3://``, ``gs://``
and the like when their fsspec package is installed) is read through fsspec: a file, a
folder (its ``.jsonl`` and ``.parquet`` files, sorted) or a glob. ``http://`` and
``https://`` URLs go through the guarded fetcher of ``fetch.py`` instead, so an archive
download keeps the rules every fetch follows: non-public addresses refused unless allowed,
one deadline for the whole download, a cap on its size.

An input that cannot be read (no such file, HTTP 404, a timeout, an unknown scheme, a
filesystem whose package is not installed) is one ``IngestFailure`` naming the URL; the
other inputs are read as usual.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from ..model import Article, IngestFailure
from .fetch import FetchPolicy, fetch
from .files import IngestLimits, iter_articles, jsonl_article, jsonl_lines

ARCHIVE_SUFFIXES = (".jsonl", ".parquet")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_GLOB = re.compile(r"[*?\[]")


def is_archive_url(value: str) -> bool:
    """A URL (``scheme://...``) rather than a local path."""
    return bool(_SCHEME.match(value))


def iter_archive(given: str | Path, limits: IngestLimits) -> Iterator[Article | IngestFailure]:
    """The Articles of one input of ``batch``: a JSONL or Parquet file or a folder of them,
    by local path or URL."""
    name = str(given)
    if is_archive_url(name):
        if urlsplit(name).scheme.lower() in ("http", "https"):
            yield from _download(name, limits)
        else:
            yield from _fsspec_archives(name, limits)
    elif name.endswith(".parquet"):
        path = Path(name)
        try:
            with path.open("rb") as fh:
                yield from parquet_articles(fh, name, path.name)
        except OSError as exc:
            yield IngestFailure(name, f"cannot read: {exc.strerror or exc}")
    else:
        yield from iter_articles([Path(name)], limits)


def parquet_articles(fh: IO[bytes], source: str, file_name: str) -> Iterator[Article | IngestFailure]:
    """The rows of a Parquet file whose columns are the JSONL fields (``id``, ``text``,
    ``url``, ``title``, ``outlet``, ``published``), each read as its JSONL line would be."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(fh)
    except (OSError, ValueError) as exc:
        yield IngestFailure(source, f"cannot read Parquet: {exc}")
        return
    for n, record in enumerate(table.to_pylist(), start=1):
        record = {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in record.items()}
        yield jsonl_article(json.dumps(record, default=str).encode(), file_name, n, f"{source}:{n}")


def _articles_of(fh: IO[bytes], source: str, limits: IngestLimits) -> Iterator[Article | IngestFailure]:
    file_name = urlsplit(source).path.rsplit("/", 1)[-1] or source
    if file_name.endswith(".parquet"):
        yield from parquet_articles(fh, source, file_name)
    else:
        yield from jsonl_lines(fh, source, file_name, limits)


def _download(url: str, limits: IngestLimits) -> Iterator[Article | IngestFailure]:
    policy = FetchPolicy(timeout_s=limits.url_timeout_s, max_bytes=limits.max_jsonl_bytes, allow_addresses=limits.allow_addresses)
    got = fetch(url, policy, accept="application/x-ndjson, application/jsonl, application/vnd.apache.parquet, */*")
    if got.error:
        yield IngestFailure(url, f"cannot read: {got.error}")
    elif not got.ok:
        yield IngestFailure(url, f"cannot read: HTTP {got.status}")
    else:
        yield from _articles_of(io.BytesIO(got.body), url, limits)


def _fsspec_archives(url: str, limits: IngestLimits) -> Iterator[Article | IngestFailure]:
    try:
        fs, files = _fsspec_files(url)
    except Exception as exc:  # an unknown scheme, a missing package, a refused listing
        yield IngestFailure(url, f"cannot read: {_reason(exc)}")
        return
    if not files:
        yield IngestFailure(url, "no .jsonl or .parquet file there")
        return
    for path in files:
        source = fs.unstrip_protocol(path) if len(files) > 1 else url
        try:
            size = fs.size(path)
            if size is not None and size > limits.max_jsonl_bytes:
                yield IngestFailure(source, f"file too large: {size} bytes (limit {limits.max_jsonl_bytes})")
                continue
            with fs.open(path, "rb") as fh:
                yield from _articles_of(fh, source, limits)
        except Exception as exc:  # any filesystem's own error for this file, named by its URL
            yield IngestFailure(source, f"cannot read: {_reason(exc)}")


def _fsspec_files(url: str) -> tuple[Any, list[str]]:
    """The filesystem of ``url`` and the archive files it names: itself, the archives of
    a folder (sorted), or the matches of a glob (sorted)."""
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(url)
    if _GLOB.search(path):
        matches = sorted(fs.glob(path))
    elif fs.isdir(path):
        matches = sorted(fs.find(path))
    else:
        return fs, [path]
    return fs, [p for p in matches if p.endswith(ARCHIVE_SUFFIXES)]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, ImportError):
        return f"this filesystem needs a package that is not installed ({exc})"
    return f"{type(exc).__name__}: {exc}"
