"""Extraction of large archives on Dask (dask.distributed), into partitioned Parquet.

``run_batch`` reads JSONL or Parquet inputs in order and cuts them into partitions of a
few hundred articles (one task each, so the engine's per-task overhead is negligible).
A worker process loads the spaCy model once and keeps it, with its parse cache, for
every partition it runs. A partition writes one Parquet file per store table (the
store's own rows, TABLE_COLUMNS) under ``OUT/<table>/part-NNNNN.parquet`` and then a
marker ``OUT/_done/part-NNNNN.json`` with its report: a re-run skips every partition
that has its marker. A task that fails is retried once by the scheduler and then
reported by number, never dropped silently.

When every partition is done, recycled sentences are found across the whole archive by
MinHash LSH banding expressed as a group-by on band hashes (link/band_groups.py): each
partition writes its sentences' band rows to ``OUT/bands/``, the cluster groups them by
band key, and the groups of recycled sentences go to ``OUT/recycled.parquet``.

``load_batch`` adds the finished partitions to a store as ``add`` would have: the same
decisions on wire copies and duplicates (service.runs), one transaction per partition,
then the talking-point index.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest.archives import iter_archive
from ..link.band_groups import BAND_COLUMNS, RecycledSentence, band_rows, bucket_pairs, recycled_groups
from ..model import Article, IngestFailure, IngestReport
from ..settings import Settings
from ..store import TABLE_COLUMNS, Store, document_from_row, document_row, extraction_rows
from . import links
from .runs import BATCH_DOCS, RunDocuments, build, extract_docs, ingest_limits

# Articles per task: large enough that scheduling costs nothing next to extraction.
PARTITION_ARTICLES = 200
TABLES = tuple(TABLE_COLUMNS)
DONE = "_done"
BANDS = "bands"  # LSH band rows of each partition's sentences (link/band_groups.py)
RECYCLED = "recycled.parquet"  # groups of recycled sentences across the whole archive


@dataclass
class BatchReport:
    partitions: int = 0
    skipped: list[int] = field(default_factory=list)  # finished by an earlier run
    done: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)  # partition -> error, after its retry
    documents: int = 0
    failures: list[IngestFailure] = field(default_factory=list)  # articles that could not be read or extracted
    recycled: int | None = None  # groups of recycled sentences found (None: not run, a partition failed)


# ---- inputs ---------------------------------------------------------------------------------


def iter_inputs(paths: Sequence[str | Path], settings: Settings) -> Iterator[Article | IngestFailure]:
    """Articles of JSONL files (and folders of them, as ``add`` reads them) and of
    Parquet files with the JSONL fields as columns (``id``, ``text``, ``url``, ``title``,
    ``outlet``, ``published``), in the order given; each a local path or a URL
    (ingest/archives.py: fsspec's filesystems, and http(s) through the guarded fetcher)."""
    limits = ingest_limits(settings)
    for path in paths:
        yield from iter_archive(path, limits)


def partitions(items: Iterator[Article | IngestFailure], size: int) -> Iterator[tuple[list[Article], list[IngestFailure]]]:
    """Consecutive partitions of ``size`` inputs (an unreadable one counts where it stood,
    so a partition's number names the same inputs on every run)."""
    articles: list[Article] = []
    failures: list[IngestFailure] = []
    for item in items:
        (failures if isinstance(item, IngestFailure) else articles).append(item)  # type: ignore[arg-type]
        if len(articles) + len(failures) >= size:
            yield articles, failures
            articles, failures = [], []
    if articles or failures:
        yield articles, failures


# ---- one partition, on a worker -------------------------------------------------------------

_worker_extractors: dict[tuple[str, float], Any] = {}
# one extraction at a time per process: workers run as threads when processes=False
_worker_lock = threading.Lock()


def _extractor(model: str, budget_s: float) -> Any:
    from ..extract.pipeline import Extractor

    key = (model, budget_s)
    if key not in _worker_extractors:
        _worker_extractors[key] = Extractor(model, budget_s)
    return _worker_extractors[key]


def extract_partition(
    number: int, articles: list[Article], out: str, settings: Settings
) -> dict[str, Any]:
    """Extract one partition and write its Parquet files and marker; its report."""
    failures: list[tuple[str, str]] = []
    docs = []
    for article in articles:
        built = build(article, settings)
        if isinstance(built, IngestFailure):
            failures.append((built.source, built.reason))
        else:
            docs.append((built, article.raw))
    tables: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    added_at = datetime.now(UTC).isoformat(timespec="seconds")
    with _worker_lock:
        extractor = _extractor(settings.model, settings.time_budget_s)
        for i in range(0, len(docs), BATCH_DOCS):
            chunk = docs[i : i + BATCH_DOCS]
            for (doc, raw), result in zip(chunk, extract_docs(extractor, [d for d, _ in chunk]), strict=True):
                if isinstance(result, str):
                    failures.append((doc.source, result))
                    continue
                tables["documents"].append(document_row(doc, raw, added_at, result.pipeline_version))
                for table, rows in extraction_rows([(doc.id, result)]).items():
                    tables[table] += rows
    base = Path(out)
    for table, rows in tables.items():
        _write_parquet(base / table / f"part-{number:05d}.parquet", TABLE_COLUMNS[table], rows)
    stored = {row[0] for row in tables["documents"]}
    bands = band_rows(doc for doc, _ in docs if doc.id in stored)
    _write_parquet(base / BANDS / f"part-{number:05d}.parquet", BAND_COLUMNS, bands)
    report = {"partition": number, "documents": len(tables["documents"]), "failures": failures}
    _write_atomically(base / DONE / f"part-{number:05d}.json", json.dumps(report).encode())
    return report


def _write_parquet(path: Path, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({name: pa.array([r[i] for r in rows]) for i, name in enumerate(columns)})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# ---- the run ---------------------------------------------------------------------------------


def _filesystem(out: str | Path) -> tuple[Any, str]:
    """The filesystem of a batch output folder (a local path, or a URL fsspec reads) and
    the folder's path on it."""
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(str(out))
    return fs, root.rstrip("/")


def finished(out: str | Path) -> dict[int, dict[str, Any]]:
    """Reports of the partitions an earlier run finished, by number."""
    fs, root = _filesystem(out)
    done = {}
    for marker in sorted(fs.glob(f"{root}/{DONE}/part-*.json")):
        report = json.loads(fs.cat_file(marker))
        done[int(report["partition"])] = report
    return done


def run_batch(
    inputs: Sequence[str | Path],
    out: Path,
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_articles: int = PARTITION_ARTICLES,
    processes: bool = True,
) -> BatchReport:
    """Extract every input on a Dask cluster: the one at ``scheduler``, or a local one of
    ``workers`` single-threaded worker processes (threads with ``processes=False``)."""
    from distributed import Client, LocalCluster, as_completed

    if partition_articles < 1:
        raise InputError("--partition must be at least 1 article")
    out.mkdir(parents=True, exist_ok=True)
    done = finished(out)
    report = BatchReport()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = {}
        for number, (articles, failures) in enumerate(partitions(iter_inputs(inputs, settings), partition_articles)):
            report.partitions += 1
            report.failures += failures
            if number in done:
                report.skipped.append(number)
                continue
            futures[client.submit(
                extract_partition, number, articles, str(out), settings,
                key=f"claimwatch-partition-{number:05d}", retries=1, pure=False,
            )] = number  # fmt: skip
        for future in as_completed(list(futures)):
            number = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # reported by number after the scheduler's retry
                report.failed[number] = f"{type(exc).__name__}: {exc}"
                continue
            report.done.append(number)
            report.documents += int(result["documents"])
            report.failures += [IngestFailure(s, r) for s, r in result["failures"]]
        if not report.failed:
            groups = find_recycled(out)
            _write_parquet(
                out / RECYCLED, ("group", "doc_id", "start", "end", "text"),
                [(g, s.doc, s.start, s.end, s.text) for g, group in enumerate(groups) for s in group],
            )  # fmt: skip
            report.recycled = len(groups)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report.done.sort()
    return report


def _band_file_rows(path: str) -> list[tuple[Any, ...]]:
    return _read_rows(Path(path))


def _bucket_key(row: tuple[Any, ...]) -> tuple[str, int, int]:
    return row[5], row[6], row[7]


def _bucket_pairs(bucket: tuple[Any, list[tuple[Any, ...]]]) -> list[Any]:
    return bucket_pairs(bucket[1])


def find_recycled(out: Path) -> list[list[RecycledSentence]]:
    """Recycled sentences across every partition: the band rows grouped by (pass, band,
    key) on the cluster (a shuffle, not a comparison of all pairs), the near-exact
    candidates checked and joined here. Runs on the active Dask client."""
    import dask
    import dask.bag as db

    files = sorted(str(f) for f in (out / BANDS).glob("part-*.parquet"))
    if not files:
        return []
    rows = db.from_sequence(files, npartitions=len(files)).map(_band_file_rows).flatten()
    pairs = rows.groupby(_bucket_key, shuffle="tasks").map(_bucket_pairs).flatten().distinct()
    (found,) = dask.compute(pairs)
    near = {end for a, b, is_near in found if is_near for end in (a, b)}
    wanted = rows.filter(lambda r: (r[0], r[1]) in near).map(lambda r: ((r[0], r[1]), (r[2], r[3], r[4])))
    (sentences,) = dask.compute(wanted)
    return recycled_groups(found, dict(sentences))


# ---- into a store ------------------------------------------------------------------------------


def _read_rows(path: Path | str, fs: Any = None) -> list[tuple[Any, ...]]:
    import pyarrow.parquet as pq

    table = pq.read_table(path, filesystem=fs)
    return list(zip(*(table.column(name).to_pylist() for name in table.column_names), strict=True)) if table.num_rows else []


def load_batch(store: Store, out: str | Path, settings: Settings) -> IngestReport:
    """Add the finished partitions of a batch run (a local folder, or a URL fsspec reads)
    to the store, partition by partition in order, deciding wire copies and duplicates as
    ``add`` does."""
    try:
        fs, root = _filesystem(out)
        found = fs.isdir(f"{root}/{DONE}")
    except Exception as exc:  # an unknown scheme, a missing package, an unreachable store
        raise InputError(f"cannot read batch output at {out}: {type(exc).__name__}: {exc}") from exc
    if not found:
        raise InputError(f"{out} holds no batch output (no {DONE}/ folder): run `claimwatch batch` first")
    report = IngestReport()
    run = RunDocuments(store)
    names = TABLE_COLUMNS["documents"]
    for number, done in sorted(finished(out).items()):
        part = f"part-{number:05d}.parquet"
        report.failures += [IngestFailure(s, r) for s, r in done["failures"]]
        keep: list[tuple[Any, ...]] = []
        for row in _read_rows(f"{root}/documents/{part}", fs):
            record = dict(zip(names, row, strict=True))
            placed = run.place(document_from_row(record), report)
            if placed is not None:
                record["copy_of"] = placed.copy_of
                keep.append(tuple(record[n] for n in names))
        ids = {row[0] for row in keep}
        children = {}
        for table in TABLES[1:]:
            at = TABLE_COLUMNS[table].index("doc_id")
            children[table] = [r for r in _read_rows(f"{root}/{table}/{part}", fs) if r[at] in ids]
        if keep:
            store.save_rows(keep, children)
        report.added += [row[0] for row in keep]
    if report.added and settings.link_on_add:
        links.update_index(store, report.added)
    return report
