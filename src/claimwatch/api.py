"""The Python API: what the command line does, for notebooks and scripts.

    import claimwatch

    store = claimwatch.open_store("news.db")          # created when missing
    store.add(["articles/", "feed.jsonl"])            # files, folders, URLs or plain texts
    claims = store.claims(speaker="Jane Roe", since="2023-01-01", min_confidence=0.6)
    claims[0].value, claims[0].evidence               # typed records (claimwatch.model.Claim)
    claims.to_pandas()                                # the export's `claims` table as a DataFrame

    found = claimwatch.extract("Exports rose 12% last year, the minister said.", published="2024-05-02")
    found.claims.to_pandas()

Every method is a thin call into ``claimwatch.service`` (the functions behind the CLI),
so the API and the CLI filter, sort and shape records identically; ``to_pandas()`` and
``to_polars()`` give the tables of ``claimwatch export`` with the same column names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar, overload
from urllib.parse import unquote, urlsplit

from . import exports, tables
from .errors import InputError, NothingFound
from .extract.pipeline import Extractor
from .ingest import is_url, iter_articles
from .link.claim_groups import ClaimGroup
from .link.consistency import Finding, TimelinePoint
from .link.stories import Story
from .link.talking_points import TalkingPoint
from .model import Article, Claim, Document, Extraction, IngestFailure, IngestReport, Quote
from .service import links, queries, runs
from .service.export import ExportFormat, export_store
from .service.queries import ClaimFilter, Speaker
from .settings import Settings
from .store import Store

T = TypeVar("T")
Record = dict[str, Any]
DateLike = date | str | None


class Results(Sequence[T], Generic[T]):
    """Typed records in order (a sequence: index, slice, iterate), with data-frame views.

    ``to_pandas()`` / ``to_polars()`` / ``to_records()`` give the rows of the export table
    ``table`` (``claimwatch.tables.TABLES``): the same columns ``claimwatch export`` writes."""

    def __init__(self, items: Sequence[T], table: str, rows: Callable[[Sequence[T]], list[Record]]) -> None:
        self._items = list(items)
        self.table = table
        self._rows = rows

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Results[T]: ...
    def __getitem__(self, index: int | slice) -> T | Results[T]:
        if isinstance(index, slice):
            return Results(self._items[index], self.table, self._rows)
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"<{len(self._items)} {self.table} records>"

    @property
    def columns(self) -> tuple[str, ...]:
        return tables.TABLES[self.table].column_names

    def to_records(self) -> list[Record]:
        """Plain dicts with the table's columns (dates as ISO strings)."""
        return self._rows(self._items)

    def to_pandas(self) -> Any:
        """A pandas DataFrame with the table's columns (dates as datetime64)."""
        return tables.to_pandas(self.table, self.to_records())

    def to_polars(self) -> Any:
        """A Polars DataFrame with the table's columns (needs Polars installed)."""
        try:
            return tables.to_polars(self.table, self.to_records())
        except ImportError as exc:
            raise InputError("to_polars() needs Polars: pip install polars") from exc


def _date(value: DateLike, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{name}: not an ISO date (YYYY-MM-DD): {value!r}") from exc


def _text_id(text: str) -> str:
    return "text-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def text_article(
    text: str, *, doc_id: str | None = None, published: DateLike = None, url: str | None = None,
    title: str | None = None, outlet: str | None = None,
) -> Article:  # fmt: skip
    """A plain text as an article (its id: ``doc_id``, else a hash of the text)."""
    if not text.strip():
        raise InputError("the text is empty")
    return Article(id=doc_id or _text_id(text), raw=text, fmt="txt", source=doc_id or "<text>", url=url,
                   title=title, outlet=outlet, published=_date(published, "published"))  # fmt: skip


def _is_path(item: str | Path) -> bool:
    """A Path, a URL, an existing file, or one word (a path that may be missing: reported as
    such) is an input to read; anything else is the text of an article."""
    if isinstance(item, Path):
        return True
    return is_url(item) or not any(ch.isspace() for ch in item) or Path(item).exists()


class ClaimStore:
    """A claimwatch store: add articles, read claims, quotes, people and links.

    Each call opens the SQLite file for its own duration (reads share it; a write takes
    the single-writer lock), so a notebook and the command line can use one store in turn."""

    def __init__(self, path: Path, settings: Settings | None = None) -> None:
        self.path = path
        self.settings = replace(settings or Settings(), db=path)

    def __repr__(self) -> str:
        return f"ClaimStore({str(self.path)!r})"

    def _reader(self) -> Store:
        return Store(self.path)

    # ---- writes ---------------------------------------------------------------------

    def add(
        self, inputs: str | Path | Iterable[str | Path], *, published: DateLike = None, workers: int | None = None
    ) -> IngestReport:
        """Add articles: files, folders (.txt, .html, .jsonl), http(s) URLs, or plain texts
        (a string with spaces that names no file). ``published`` dates the plain texts.
        Idempotent like ``claimwatch add``; failures are in the report, never raised."""
        items = [inputs] if isinstance(inputs, str | Path) else list(inputs)
        settings = self.settings if workers is None else replace(self.settings, workers=workers)
        limits = runs.ingest_limits(settings)

        def articles() -> Iterator[Article | IngestFailure]:
            for item in items:
                if _is_path(item):
                    yield from iter_articles([item], limits)
                else:
                    yield text_article(str(item), published=published)

        with Store(self.path, writer=True) as store:
            return runs.add_articles(store, articles(), settings)

    def add_text(
        self, text: str, *, doc_id: str | None = None, published: DateLike = None, url: str | None = None,
        title: str | None = None, outlet: str | None = None,
    ) -> IngestReport:  # fmt: skip
        """Add one plain text as an article, with what is known of it."""
        article = text_article(text, doc_id=doc_id, published=published, url=url, title=title, outlet=outlet)
        with Store(self.path, writer=True) as store:
            return runs.add_articles(store, [article], self.settings)

    def reextract(self, *, all_docs: bool = False) -> IngestReport:
        """Re-run extraction on documents extracted by an older pipeline (or all)."""
        with Store(self.path, writer=True) as store:
            return runs.reextract(store, self.settings, all_docs=all_docs)

    # ---- reads ----------------------------------------------------------------------

    def documents(self) -> Results[Document]:
        with self._reader() as store:
            docs = queries.documents(store)
            counts = queries.claim_counts(store)
        return Results(docs, "documents", lambda ds: tables.document_rows(ds, counts))

    def document(self, doc_id: str) -> Document:
        with self._reader() as store:
            return store.document(doc_id)

    def claims(
        self, *, speaker: str | None = None, subject: str | None = None, since: DateLike = None,
        until: DateLike = None, doc: str | None = None, kind: str | None = None, outlet: str | None = None,
        country: str | None = None, min_confidence: float | None = None, limit: int | None = None,
        sort: str = "doc",
    ) -> Results[Claim]:  # fmt: skip
        """Claims filtered as ``claimwatch claims`` filters them (same options, same order)."""
        flt = ClaimFilter(
            speaker=speaker, subject=subject, since=_date(since, "since"), until=_date(until, "until"), doc=doc,
            kind=kind, outlet=outlet, country=country, min_confidence=min_confidence, limit=limit,
            sort=sort,  # type: ignore[arg-type]
        )  # fmt: skip
        with self._reader() as store:
            found = queries.claims(store, flt)
            docs = queries.documents_by_id(store)
        return Results(found, "claims", lambda cs: tables.claim_rows(cs, docs))

    def quotes(self, *, speaker: str | None = None, doc: str | None = None) -> Results[Quote]:
        with self._reader() as store:
            found = queries.quotes(store, speaker=speaker, doc=doc)
            docs = queries.documents_by_id(store)
        return Results(found, "quotes", lambda qs: tables.quote_rows(qs, docs))

    def speakers(self) -> Results[Speaker]:
        with self._reader() as store:
            found = queries.speakers(store)
        return Results(found, "speakers", tables.speaker_rows)

    def talking_points(self, *, min_docs: int = 2) -> Results[TalkingPoint]:
        with self._reader() as store:
            found = links.talking_points(store, min_docs=min_docs)
        return Results(found, "talking_points", tables.talking_point_rows)

    def talking_point_matrix(self, *, by: str = "outlet", min_docs: int = 2) -> Any:
        """A pandas DataFrame: one row per talking point (its canonical text), one column per
        outlet (``by="outlet"``) or document (``by="doc"``), the number of times each ran it."""
        import pandas as pd

        if by not in ("outlet", "doc"):
            raise InputError(f"by must be 'outlet' or 'doc', not {by!r}")
        points = self.talking_points(min_docs=min_docs)
        texts = {p.id: p.text for p in points}
        rows = tables.talking_point_occurrence_rows(list(points))
        frame = tables.to_pandas("talking_point_occurrences", rows)
        frame["talking_point"] = frame["talking_point"].map(texts)
        frame[by] = frame[by].fillna("(unknown)")
        return pd.crosstab(frame["talking_point"], frame[by]).rename_axis(index="talking point", columns=by)

    def stories(self) -> Results[Story]:
        with self._reader() as store:
            found = links.stories(store)
        return Results(found, "stories", tables.story_rows)

    def findings(self) -> Results[Finding]:
        with self._reader() as store:
            found = links.findings(store)
        return Results(found, "findings", tables.finding_rows)

    def claim_groups(self) -> Results[ClaimGroup]:
        """One record per claim across outlets, with its sources (``claims --grouped``)."""
        with self._reader() as store:
            found = links.claim_groups(store)
        return Results(found, "claim_groups", tables.claim_group_rows)

    def timeline(self, subject: str) -> Results[TimelinePoint]:
        """The dated figures about ``subject``, one series per speaker (empty when none)."""
        with self._reader() as store:
            try:
                found = links.timeline_points(store, subject)
            except NothingFound:
                found = []
        return Results(found, "timeline", tables.timeline_rows)

    def timeline_svg(self, subject: str) -> str:
        """The timeline of ``subject`` as an SVG chart (``claimwatch timeline --svg``)."""
        from .charts import timeline_svg

        return timeline_svg(self.timeline(subject), title=subject)

    def report_html(
        self, *, speaker: str | None = None, subject: str | None = None, since: DateLike = None, until: DateLike = None
    ) -> str:
        """The self-contained HTML report (``claimwatch report``), focused like it."""
        flt = ClaimFilter(speaker=speaker, subject=subject, since=_date(since, "since"), until=_date(until, "until"))
        with self._reader() as store:
            return links.report_html(store, flt)

    def export(self, folder: str | Path, format: str = "parquet") -> list[Path]:
        """Write every table to ``folder`` (``claimwatch export``): parquet, csv, jsonl or claimreview."""
        try:
            fmt = ExportFormat(format)
        except ValueError as exc:
            raise InputError(f"format must be one of {', '.join(f.value for f in ExportFormat)}, not {format!r}") from exc
        with self._reader() as store:
            return export_store(store, Path(folder), fmt)


def store_path(path_or_url: str | Path) -> Path:
    """The file a store path or URL names: a path, ``file:`` URL, or ``sqlite:///`` URL
    (``sqlite:///rel.db`` is relative, ``sqlite:////abs.db`` absolute, as SQLAlchemy reads them)."""
    if isinstance(path_or_url, Path):
        return path_or_url
    if path_or_url.startswith("sqlite:///"):
        return Path(unquote(path_or_url.removeprefix("sqlite:///")))
    if path_or_url.startswith("file:"):
        parts = urlsplit(path_or_url)
        if parts.netloc not in ("", "localhost"):
            raise InputError(f"a file: URL on another host cannot be opened: {path_or_url!r}")
        return Path(unquote(parts.path))
    if "://" in path_or_url:
        raise InputError(f"a store is a SQLite file: give a path, a file: or sqlite:/// URL, not {path_or_url!r}")
    return Path(path_or_url)


def open_store(path_or_url: str | Path, *, settings: Settings | None = None, create: bool = True) -> ClaimStore:
    """Open (by default create) the store at a path or ``file:`` / ``sqlite:///`` URL."""
    path = store_path(path_or_url)
    if not path.exists():
        if not create:
            raise InputError(f"no store at {path}")
        Store(path, writer=True).close()
    else:
        Store(path).close()  # refuse a file that is not a claimwatch store now, not later
    return ClaimStore(path, settings)


@dataclass(frozen=True)
class Extracted:
    """What the pipeline reads in one text: the document and every layer, with offsets."""

    document: Document
    extraction: Extraction

    @property
    def claims(self) -> Results[Claim]:
        docs = {self.document.id: self.document}
        return Results(self.extraction.claims, "claims", lambda cs: tables.claim_rows(cs, docs))

    @property
    def quotes(self) -> Results[Quote]:
        docs = {self.document.id: self.document}
        quotes = [replace(q, doc=self.document.id) for q in self.extraction.quotes]
        return Results(quotes, "quotes", lambda qs: tables.quote_rows(qs, docs))

    def to_record(self) -> Record:
        """Every layer as ``claimwatch extract`` prints it."""
        return exports.extraction_record(self.document, self.extraction)


@cache
def _extractor(model: str, budget_s: float) -> Extractor:
    return Extractor(model, budget_s)


def extract(
    text: str, *, published: DateLike = None, url: str | None = None, title: str | None = None,
    outlet: str | None = None, doc_id: str = "text", settings: Settings | None = None,
) -> Extracted:  # fmt: skip
    """Run the pipeline on one text without a store (``claimwatch extract``). The model is
    loaded on the first call and kept."""
    settings = settings or Settings()
    article = text_article(text, doc_id=doc_id, published=published, url=url, title=title, outlet=outlet)
    extractor = _extractor(settings.model, settings.time_budget_s)
    for result in runs.extract_stateless([article], settings, extractor=extractor):
        if isinstance(result, IngestFailure):
            raise InputError(f"cannot extract: {result.reason}")
        return Extracted(*result)
    raise InputError("cannot extract: nothing was read")


__all__: Sequence[str] = ("ClaimStore", "Extracted", "Results", "extract", "open_store", "store_path", "text_article")
