"""Adding articles from the web app: uploads, pasted text and URLs, run one job at a time
in a background thread by the same ``runs.add_paths`` the CLI's ``add`` calls, as the
store's single writer. A job reports its progress as it goes; a store another process
is writing to fails the job with that reason (``WriterBusy``)."""

from __future__ import annotations

import hashlib
import json
import queue
import re
import secrets
import tempfile
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from ..errors import ClaimwatchError, InputError, NotFound
from ..ingest.files import SUPPORTED_EXTENSIONS
from ..settings import Settings
from ..store import Store
from . import runs

MAX_INPUTS = 50  # uploads, pasted articles and URLs in one job
KEPT_JOBS = 100


class UnsupportedUpload(InputError):
    """A file of a type ``add`` does not read."""

    http_status = 415


class UploadTooLarge(InputError):
    http_status = 413


@dataclass(frozen=True)
class PastedArticle:
    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class AddJob:
    """A job's state: queued, running (``processed`` documents so far), done or failed."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    inputs: int
    processed: int = 0
    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # "source: reason"
    error: str | None = None


@dataclass(frozen=True)
class _Work:
    job: str
    uploads: tuple[Upload, ...]
    pasted: tuple[PastedArticle, ...]
    urls: tuple[str, ...]


def _file_name(name: str, taken: set[str]) -> str:
    """An upload's name as a safe file name in the job's folder (its document id)."""
    base = re.sub(r"[^A-Za-z0-9._-]", "_", Path(name.replace("\\", "/")).name).lstrip(".") or "upload"
    stem, suffix = Path(base).stem, Path(base).suffix
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    taken.add(candidate)
    return candidate


def check_inputs(uploads: tuple[Upload, ...], pasted: tuple[PastedArticle, ...], urls: tuple[str, ...],
                 max_bytes: int) -> None:  # fmt: skip
    """Refuse what ``add`` would not read before any work starts: no input, too many,
    a file type other than .txt/.html/.htm/.jsonl, a file or text over ``max_bytes``,
    a URL that is not http(s)."""
    count = len(uploads) + len(pasted) + len(urls)
    if count == 0:
        raise InputError("nothing to add: upload a file, paste a text or give a URL")
    if count > MAX_INPUTS:
        raise InputError(f"at most {MAX_INPUTS} inputs at once, not {count}")
    for up in uploads:
        if Path(up.name).suffix.lower() not in SUPPORTED_EXTENSIONS:
            raise UnsupportedUpload(f"{up.name!r}: only .txt, .html, .htm and .jsonl files are read")
        if len(up.data) > max_bytes:
            raise UploadTooLarge(f"{up.name!r} is {len(up.data):,} bytes; at most {max_bytes:,}")
    for article in pasted:
        if not article.text.strip():
            raise InputError("a pasted article has no text")
        if len(article.text.encode("utf-8")) > max_bytes:
            raise UploadTooLarge(f"a pasted article is over {max_bytes:,} bytes")
    for url in urls:
        if not re.match(r"https?://[^\s/]+", url):
            raise InputError(f"not an http(s) URL: {url!r}")


class AddJobs:
    """The queue of add jobs of one store and the thread that runs them."""

    def __init__(self, db: Path, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self._jobs: dict[str, AddJob] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[_Work | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="claimwatch-add", daemon=True)
        self._thread.start()

    def submit(self, uploads: tuple[Upload, ...] = (), pasted: tuple[PastedArticle, ...] = (),
               urls: tuple[str, ...] = ()) -> AddJob:  # fmt: skip
        check_inputs(uploads, pasted, urls, self.settings.max_bytes)
        job = AddJob(id=secrets.token_hex(8), state="queued", inputs=len(uploads) + len(pasted) + len(urls))
        with self._lock:
            while len(self._jobs) >= KEPT_JOBS:
                self._jobs.pop(next(iter(self._jobs)))
            self._jobs[job.id] = job
        self._queue.put(_Work(job.id, uploads, pasted, urls))
        return job

    def get(self, job_id: str) -> AddJob:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no add job {job_id!r}")
        return job

    def close(self) -> None:
        self._queue.put(None)

    def _update(self, job_id: str, **changes: object) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)  # type: ignore[arg-type]

    def _run(self) -> None:
        while (work := self._queue.get()) is not None:
            self._update(work.job, state="running")
            try:
                self._add(work)
            except ClaimwatchError as exc:
                self._update(work.job, state="failed", error=str(exc))
            except Exception as exc:  # a job never takes the thread down with it
                self._update(work.job, state="failed", error=f"{type(exc).__name__}: {exc}")

    def _add(self, work: _Work) -> None:
        processed: list[str] = []

        def tick(doc_id: str) -> None:
            processed.append(doc_id)
            self._update(work.job, processed=len(processed))

        with tempfile.TemporaryDirectory(prefix="claimwatch-add-") as folder:
            inputs: list[Path | str] = []
            taken: set[str] = set()
            for up in work.uploads:
                path = Path(folder) / _file_name(up.name, taken)
                path.write_bytes(up.data)
                inputs.append(path)
            if work.pasted:
                path = Path(folder) / _file_name("pasted.jsonl", taken)
                path.write_text("".join(json.dumps(_pasted_record(a), ensure_ascii=False) + "\n" for a in work.pasted),
                                encoding="utf-8")  # fmt: skip
                inputs.append(path)
            inputs.extend(work.urls)
            with Store(self.db, writer=True) as store:
                report = runs.add_paths(store, inputs, self.settings, progress=tick)
        self._update(
            work.job, state="done", added=tuple(report.added), unchanged=tuple(report.unchanged),
            duplicates=tuple(f"{Path(d.source).name}: the same article as {d.of}" for d in report.duplicates),
            skipped=tuple(f"{Path(f.source).name if not f.source.startswith('http') else f.source}: {f.reason}"
                          for f in report.failures),
        )  # fmt: skip


def _pasted_record(article: PastedArticle) -> dict[str, str | None]:
    doc_id = article.id or "pasted-" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:12]
    return {
        "id": doc_id, "text": article.text, "title": article.title, "outlet": article.outlet, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
    }  # fmt: skip

