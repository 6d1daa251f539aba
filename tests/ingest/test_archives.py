"""Archives for ``batch`` named by URL: fsspec's filesystems (``file://``, ``memory://``) read
like local paths, ``http(s)://`` through the guarded fetcher against a real server on
127.0.0.1; an input that cannot be read is one failure naming its URL, and the inputs
after it are still read."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimwatch.ingest import IngestLimits
from claimwatch.ingest.archives import is_archive_url, iter_archive
from claimwatch.model import Article, IngestFailure
from tests.web import Reply, Site, hang

RECORDS = [
    {"id": "mill-1", "text": "The mill shipped 420 tonnes of flour in May, its manager said.", "title": None,
     "outlet": "Valley Ledger", "published": "2024-06-02"},
    {"id": "mill-2", "text": "Flour prices rose 3 percent after the river froze.", "title": "Flour climbs",
     "outlet": None, "published": None},
    {"id": "mill-3", "text": "Two bakeries closed, the council said on Monday.", "title": None, "outlet": "Hill Post",
     "published": "2024-06-03"},
]  # fmt: skip
JSONL = "".join(json.dumps(r) + "\n" for r in RECORDS)
LIMITS = IngestLimits(url_timeout_s=2.0, allow_addresses=("127.0.0.1",))


def _parquet_bytes(records: list[dict[str, str | None]]) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(records), sink)
    return sink.getvalue()


def _read(*inputs: str | Path, limits: IngestLimits = LIMITS) -> list[Article | IngestFailure]:
    return [item for given in inputs for item in iter_archive(given, limits)]


def _fields(items: list[Article | IngestFailure]) -> list[tuple[object, ...]]:
    return [(a.id, a.raw, a.title, a.outlet, a.published) for a in items if isinstance(a, Article)]


@pytest.fixture()
def memory() -> Iterator[fsspec.AbstractFileSystem]:
    fs = fsspec.filesystem("memory")
    fs.pipe("/archive/part-1.jsonl", JSONL[: JSONL.index("\n") + 1].encode())
    fs.pipe("/archive/part-2.parquet", _parquet_bytes(RECORDS[1:]))
    fs.pipe("/archive/notes.txt", b"not an archive")
    yield fs
    fs.rm("/archive", recursive=True)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with Site() as s:
        s.routes["/archive.jsonl"] = Reply(body=JSONL, content_type="application/x-ndjson")
        s.routes["/archive.parquet"] = Reply(body=_parquet_bytes(RECORDS), content_type="application/vnd.apache.parquet")
        s.routes["/slow.jsonl"] = hang(4)
        yield s


def test_urls_are_told_from_paths() -> None:
    assert is_archive_url("memory://a/b.jsonl") and is_archive_url("s3://bucket/x.parquet")
    assert not is_archive_url("archive/x.jsonl") and not is_archive_url("/tmp/a:b.jsonl")


def test_a_file_url_reads_like_its_path(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    path.write_text(JSONL, encoding="utf-8")
    by_url = _read(path.as_uri())
    assert _fields(by_url) == _fields(_read(path)) and len(by_url) == 3
    assert [a.source for a in by_url] == [f"{path.as_uri()}:{n}" for n in (1, 2, 3)]


def test_a_memory_folder_gives_its_archives_in_order(memory: fsspec.AbstractFileSystem) -> None:
    items = _read("memory://archive")
    assert _fields(items) == _fields(_read("memory://archive/part-1.jsonl", "memory://archive/part-2.parquet"))
    assert [a.id for a in items] == ["mill-1", "mill-2", "mill-3"]
    assert [a.source for a in items] == ["memory:///archive/part-1.jsonl:1", "memory:///archive/part-2.parquet:1",
                                         "memory:///archive/part-2.parquet:2"]  # fmt: skip
    assert _fields(_read("memory://archive/*.parquet")) == _fields(items)[1:]


def test_http_archives_are_downloaded_jsonl_and_parquet(site: Site) -> None:
    from_jsonl = _read(site.url("/archive.jsonl"))
    assert _fields(from_jsonl) == _fields(_read(site.url("/archive.parquet"))) != []
    assert [a.source for a in from_jsonl] == [site.url("/archive.jsonl") + f":{n}" for n in (1, 2, 3)]


def test_an_unreadable_url_is_one_failure_naming_it_and_the_rest_is_read(site: Site) -> None:
    items = _read(site.url("/missing.jsonl"), site.url("/slow.jsonl"), "memory://nowhere/x.jsonl",
                  "nosuchscheme://x/y.jsonl", site.url("/archive.jsonl"))  # fmt: skip
    failures = {f.source: f.reason for f in items if isinstance(f, IngestFailure)}
    assert failures[site.url("/missing.jsonl")] == "cannot read: HTTP 404 Not Found"
    assert "timed out" in failures[site.url("/slow.jsonl")]
    assert failures["memory://nowhere/x.jsonl"] == "cannot read: no such file or directory"
    assert "nosuchscheme" in failures["nosuchscheme://x/y.jsonl"]
    assert [a.id for a in items if isinstance(a, Article)] == ["mill-1", "mill-2", "mill-3"]


def test_http_archives_keep_the_address_guard(site: Site) -> None:
    (failure,) = _read(site.url("/archive.jsonl"), limits=IngestLimits())
    assert isinstance(failure, IngestFailure) and "refused" in failure.reason and "loopback" in failure.reason


def test_a_folder_without_archives_and_an_archive_over_the_cap_are_named(memory: fsspec.AbstractFileSystem) -> None:
    memory.pipe("/other/readme.txt", b"nothing here")
    try:
        (empty,) = _read("memory://other")
        assert isinstance(empty, IngestFailure) and empty.reason == "no .jsonl or .parquet file there"
    finally:
        memory.rm("/other", recursive=True)
    (big,) = _read("memory://archive/part-1.jsonl", limits=IngestLimits(max_jsonl_bytes=10))
    assert isinstance(big, IngestFailure) and big.reason.startswith("file too large")
