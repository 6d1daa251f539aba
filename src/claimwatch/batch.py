"""The batch runner: inputs -> documents -> extractions -> store.

The CLI, the web app and the benchmark call these functions. Extraction may run
in worker processes (each loads the model once); the store is written by this
process alone, one transaction per document, so a run killed at any point and
re-run ends with every document stored exactly once.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import ingest, linking, text
from .extract.pipeline import PIPELINE_VERSION, Extractor
from .model import Article, Document, Extraction, IngestFailure, IngestReport
from .settings import Settings
from .store import Store

Progress = Callable[[str], None]


@dataclass(frozen=True)
class _Job:
    doc: Document
    raw: str


def _documents(
    paths: Sequence[Path | str], settings: Settings, store: Store, report: IngestReport
) -> Iterator[_Job]:
    limits = ingest.IngestLimits(max_bytes=settings.max_bytes, html_timeout_s=settings.html_timeout_s)
    seen_ids: set[str] = set()
    for item in ingest.iter_articles(paths, limits):
        if isinstance(item, IngestFailure):
            report.failures.append(item)
            continue
        built = _build(item, limits)
        if isinstance(built, IngestFailure):
            report.failures.append(built)
            continue
        existing = store.has_content(built.content_hash)
        if existing is not None or built.id in seen_ids:
            report.unchanged.append(existing or built.id)
            continue
        seen_ids.add(built.id)
        yield _Job(built, item.raw)


def _build(article: Article, limits: ingest.IngestLimits | None = None) -> Document | IngestFailure:
    try:
        return text.build_document(article, limits)
    except Exception as exc:  # one bad article never stops the batch
        return IngestFailure(article.source, str(exc) or type(exc).__name__)


# ---- extraction, in this process or in workers ------------------------------------------

# Documents extracted together: one model pass over all their selected sentences.
BATCH_DOCS = 8

_worker_extractor: Extractor | None = None


def _init_worker(model: str) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(model)


def _extract_chunk(extractor: Extractor, jobs: list[_Job]) -> list[tuple[_Job, Extraction | str]]:
    results = extractor.extract_many([j.doc for j in jobs])
    return [
        (job, r if isinstance(r, Extraction) else f"extraction failed: {type(r).__name__}: {r}")
        for job, r in zip(jobs, results, strict=True)
    ]


def _extract_chunk_in_worker(jobs: list[_Job]) -> list[tuple[_Job, Extraction | str]]:
    assert _worker_extractor is not None
    return _extract_chunk(_worker_extractor, jobs)


def _extract_all(jobs: Iterable[_Job], settings: Settings) -> Iterator[tuple[_Job, Extraction | str]]:
    if settings.workers <= 1:
        extractor = Extractor(settings.model)
        for chunk in _chunks(jobs, BATCH_DOCS):
            yield from _extract_chunk(extractor, chunk)
        return
    ctx = mp.get_context("fork")
    with ctx.Pool(settings.workers, initializer=_init_worker, initargs=(settings.model,)) as pool:
        # The pool reads its input from a thread of its own, and the jobs generator asks the
        # store (one connection, this thread) whether each document is new: so hand the pool
        # bounded chunks read here, which also keeps memory flat in corpus size.
        for window in _chunks(jobs, BATCH_DOCS * settings.workers * 2):
            batches = [window[i : i + BATCH_DOCS] for i in range(0, len(window), BATCH_DOCS)]
            for results in pool.imap(_extract_chunk_in_worker, batches):
                yield from results


def _chunks(items: Iterable[_Job], size: int) -> Iterator[list[_Job]]:
    chunk: list[_Job] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def add_paths(
    store: Store, paths: Sequence[Path | str], settings: Settings, progress: Progress | None = None
) -> IngestReport:
    """Ingest files and directories into the store; failures are collected, never fatal."""
    report = IngestReport()
    for job, result in _extract_all(_documents(paths, settings, store, report), settings):
        if isinstance(result, str):
            report.failures.append(IngestFailure(job.doc.source, result))
        else:
            store.save(job.doc, job.raw, result)
            report.added.append(job.doc.id)
        if progress:
            progress(job.doc.id)
    if report.added and settings.link_on_add:
        linking.update_index(store, report.added)
    return report


def reextract(
    store: Store, settings: Settings, *, all_docs: bool = False, progress: Progress | None = None
) -> IngestReport:
    """Re-run extraction on documents extracted by another pipeline version (or all)."""
    report = IngestReport()
    ids = store.document_ids(stale_for=None if all_docs else PIPELINE_VERSION)
    jobs = (_Job(store.document(i), "") for i in ids)
    for job, result in _extract_all(jobs, settings):
        if isinstance(result, str):
            report.failures.append(IngestFailure(job.doc.id, result))
        else:
            store.replace_extraction(job.doc.id, result)
            report.added.append(job.doc.id)
        if progress:
            progress(job.doc.id)
    return report


def extract_stateless(
    articles: Iterable[Article], settings: Settings
) -> Iterator[tuple[Document, Extraction] | IngestFailure]:
    """Extraction without a store: for ``claimwatch extract`` and external benchmarks."""
    extractor: Any = None
    limits = ingest.IngestLimits(max_bytes=settings.max_bytes, html_timeout_s=settings.html_timeout_s)
    for article in articles:
        built = _build(article, limits)
        if isinstance(built, IngestFailure):
            yield built
            continue
        if extractor is None:
            extractor = Extractor(settings.model)
        try:
            yield built, extractor.extract(built)
        except Exception as exc:
            yield IngestFailure(article.source, f"extraction failed: {type(exc).__name__}: {exc}")
