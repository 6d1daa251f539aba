"""The batch runner: inputs -> documents -> extractions -> store.

The CLI, the web app and the benchmark call these functions. Extraction may run
in worker processes (each loads the model once); the store is written by this
process alone, one transaction per chunk of documents, so a run killed at any point
and re-run ends with every document stored exactly once.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from multiprocessing.pool import AsyncResult
from pathlib import Path

from .. import ingest, text
from ..extract.budget import BudgetExceeded
from ..extract.pipeline import Extractor, pipeline_version
from ..model import Article, Document, Duplicate, Extraction, IngestFailure, IngestNote, IngestReport
from ..settings import Settings
from ..store import Store
from . import links

Progress = Callable[[str], None]


@dataclass(frozen=True)
class _Job:
    doc: Document
    raw: str


def _documents(
    items: Iterable[Article | IngestFailure], settings: Settings, store: Store, report: IngestReport
) -> Iterator[_Job]:
    limits = ingest_limits(settings)
    run = _RunDocuments(store)
    for item in items:
        if isinstance(item, IngestFailure):
            report.failures.append(item)
            continue
        report.notes.extend(IngestNote(item.source, note) for note in item.notes)
        built = _build(item, limits, settings.config.outlets)
        if isinstance(built, IngestFailure):
            report.failures.append(built)
            continue
        placed = run.place(built, report)
        if placed is not None:
            yield _Job(placed, item.raw)


class _RunDocuments:
    """Decides what one run does with each built document, by id and by text.

    * the id is stored with the same text: unchanged;
    * the id was already taken by another input of this run: a failure (two inputs
      cannot both be that document), named so the user can give one a distinct id;
    * the same article (text, URL, outlet, date, title) is stored or queued under another
      id: a duplicate of it, reported and not stored again;
    * the same text from another outlet, URL or date (a wire copy): stored as a document
      of its own, ``copy_of`` naming the first document with that text.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.ids: dict[str, str] = {}  # id -> source, for this run
        # documents queued in this run, by text: their metadata only (no text kept)
        self.by_content: dict[str, list[Document]] = {}

    def place(self, doc: Document, report: IngestReport) -> Document | None:
        if doc.id in self.ids:
            report.failures.append(
                IngestFailure(doc.source, f"id {doc.id!r} is already used by {self.ids[doc.id]} in this run")
            )
            return None
        if self.store.content_hash_of(doc.id) == doc.content_hash:
            self.ids[doc.id] = doc.source
            report.unchanged.append(doc.id)
            return None
        same_text = [*self.store.documents_with_content(doc.content_hash), *self.by_content.get(doc.content_hash, [])]
        same_text = [d for d in same_text if d.id != doc.id]
        repeat = next((d for d in same_text if d.same_article(doc)), None)
        if repeat is not None:
            report.duplicates.append(Duplicate(doc.source, repeat.id))
            return None
        if same_text:
            original = same_text[0].copy_of or same_text[0].id
            doc = replace(doc, copy_of=original)
            report.copies.append((doc.id, original))
        self.ids[doc.id] = doc.source
        self.by_content.setdefault(doc.content_hash, []).append(replace(doc, text="", excluded=()))
        return doc


def ingest_limits(settings: Settings) -> ingest.IngestLimits:
    """The bounds every input is read under, from the settings."""
    return ingest.IngestLimits(
        max_bytes=settings.max_bytes, html_timeout_s=settings.html_timeout_s, allow_addresses=settings.allow_addresses
    )


def build(article: Article, settings: Settings) -> Document | IngestFailure:
    """The Document of one article, or why there is none (for other services: the watch)."""
    return _build(article, ingest_limits(settings), settings.config.outlets)


# For the watch, which builds, places and extracts one fetched article at a time.
RunDocuments = _RunDocuments


def failure_reason(exc: Exception) -> str:
    """Why a document's extraction failed, for the user."""
    return _failure_reason(exc)


def _build(
    article: Article, limits: ingest.IngestLimits | None = None, outlets: Mapping[str, str] | None = None
) -> Document | IngestFailure:
    try:
        return text.build_document(article, limits, outlets)
    except Exception as exc:  # one bad article never stops the batch
        return IngestFailure(article.source, str(exc) or type(exc).__name__)


# ---- extraction, in this process or in workers ------------------------------------------

# Documents extracted together: one model pass over all their selected sentences.
BATCH_DOCS = 8
# Chunks handed to the pool ahead of the one being stored, per worker: enough that a
# worker finishing a chunk always finds the next one queued (no idle gap while this
# process builds documents or writes), few enough that memory stays flat in corpus size.
CHUNKS_AHEAD_PER_WORKER = 2

Result = tuple[_Job, Extraction | str]

_worker_extractor: Extractor | None = None


def _init_worker(model: str, budget_s: float) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(model, budget_s)


def extract_docs(extractor: Extractor, docs: list[Document]) -> list[Extraction | str]:
    return [r if isinstance(r, Extraction) else _failure_reason(r) for r in extractor.extract_many(docs)]


def _failure_reason(exc: Exception) -> str:
    if isinstance(exc, BudgetExceeded):
        return str(exc)
    return f"extraction failed: {type(exc).__name__}: {exc}"


def _extract_docs_in_worker(docs: list[Document]) -> list[Extraction | str]:
    assert _worker_extractor is not None
    return extract_docs(_worker_extractor, docs)


def _extract_all(jobs: Iterable[_Job], settings: Settings) -> Iterator[list[Result]]:
    """Extraction results a chunk at a time, in input order."""
    if settings.workers <= 1:
        extractor = Extractor(settings.model, settings.time_budget_s)
        for chunk in _chunks(jobs, BATCH_DOCS):
            yield list(zip(chunk, extract_docs(extractor, [j.doc for j in chunk]), strict=True))
        return
    ctx = mp.get_context("fork")
    with ctx.Pool(settings.workers, initializer=_init_worker, initargs=(settings.model, settings.time_budget_s)) as pool:
        # Chunks are submitted from this thread (the jobs generator asks the store, whose
        # connection belongs to this thread, whether each document is new) and a bounded
        # number stay in flight, so the workers never wait for this process to finish
        # storing one window before the next starts. Workers get only the documents: the
        # raw input stays here, where it is stored.
        in_flight: deque[tuple[list[_Job], AsyncResult[list[Extraction | str]]]] = deque()
        ahead = CHUNKS_AHEAD_PER_WORKER * settings.workers
        for chunk in _chunks(jobs, BATCH_DOCS):
            in_flight.append((chunk, pool.apply_async(_extract_docs_in_worker, ([j.doc for j in chunk],))))
            if len(in_flight) > ahead:
                done, result = in_flight.popleft()
                yield list(zip(done, result.get(), strict=True))
        while in_flight:
            done, result = in_flight.popleft()
            yield list(zip(done, result.get(), strict=True))


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
    return add_articles(store, ingest.iter_articles(paths, ingest_limits(settings)), settings, progress)


def add_articles(
    store: Store, articles: Iterable[Article | IngestFailure], settings: Settings, progress: Progress | None = None
) -> IngestReport:
    """Store articles already read (or the failures of reading them) with their extractions."""
    report = IngestReport()
    for results in _extract_all(_documents(articles, settings, store, report), settings):
        extracted = [(job.doc, job.raw, r) for job, r in results if isinstance(r, Extraction)]
        # one transaction per chunk: each document is in the store complete or not at all
        if extracted:
            store.save_many(extracted)
        for job, result in results:
            if isinstance(result, str):
                report.failures.append(IngestFailure(job.doc.source, result))
            else:
                report.added.append(job.doc.id)
            if progress:
                progress(job.doc.id)
    if report.added and settings.link_on_add:
        links.update_index(store, report.added)
    return report


def reextract(
    store: Store, settings: Settings, *, all_docs: bool = False, progress: Progress | None = None
) -> IngestReport:
    """Re-run extraction on documents extracted by another pipeline version (or all)."""
    report = IngestReport()
    ids = store.document_ids(stale_for=None if all_docs else pipeline_version(settings.model))
    jobs = (_Job(store.document(i), "") for i in ids)
    for results in _extract_all(jobs, settings):
        for job, result in results:
            if isinstance(result, str):
                report.failures.append(IngestFailure(job.doc.id, result))
            else:
                store.replace_extraction(job.doc.id, result)
                report.added.append(job.doc.id)
            if progress:
                progress(job.doc.id)
    return report


def extract_stateless(
    articles: Iterable[Article], settings: Settings, extractor: Extractor | None = None
) -> Iterator[tuple[Document, Extraction] | IngestFailure]:
    """Extraction without a store: for ``claimwatch extract``, the Python API and external
    benchmarks (``extractor``: one already loaded, to keep between calls)."""
    limits = ingest_limits(settings)
    for article in articles:
        built = _build(article, limits, settings.config.outlets)
        if isinstance(built, IngestFailure):
            yield built
            continue
        if extractor is None:
            extractor = Extractor(settings.model, settings.time_budget_s)
        try:
            yield built, extractor.extract(built)
        except Exception as exc:
            yield IngestFailure(article.source, _failure_reason(exc))
