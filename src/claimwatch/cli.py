"""The command line: thin commands over the library (batch, queries, exports, eval)."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from enum import StrEnum
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from . import exports
from .errors import ClaimwatchError, InputError
from .eval.commands import eval_app
from .exports import Format
from .extract.nlp import DEFAULT_MODEL
from .model import Article, IngestReport
from .service import alerts as alert_service
from .service import batch as batch_service
from .service import links, queries, runs, watch
from .service.export import ExportFormat, export_store
from .settings import Settings, store_location
from .store import Store
from .store.backends import is_server_url

HELP_OPTIONS = ["-h", "--help"]
app = typer.Typer(
    help="claimwatch: quantitative claims in the news — who said which number, about what, for which period, said when.",
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": HELP_OPTIONS},
)
app.add_typer(eval_app, name="eval")
# Piped output is not cut at 80 columns: tables stay readable in files and CI logs.
console = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

class Kind(StrEnum):
    multiplier = "multiplier"
    percent_change = "percent_change"
    percent_share = "percent_share"
    amount = "amount"
    count_ = "count"  # "count" would shadow str.count


class SortOrder(StrEnum):
    doc = "doc"
    published = "published"
    said_on = "said_on"
    period = "period"
    value = "value"
    confidence = "confidence"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
SpeakerOpt = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="A person by any alias or spelling; a surname alone when only one person bears it."),
]
SubjectOpt = Annotated[
    str | None, typer.Option(metavar="WORDS", help="What is measured, normalised ('defence exports' finds 'arms exports').")
]
SinceOpt = Annotated[str | None, typer.Option(metavar="DATE", help="Period or said_on on/after (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option(metavar="DATE", help="Period or said_on on/before (YYYY-MM-DD).")]
AllowOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--allow-address",
        help="An address or network fetching may reach although it is not public (e.g. 127.0.0.1); repeatable.",
    ),
]


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def _version(value: bool) -> None:
    if value:
        console.print(f"claimwatch {package_version('claimwatch')}", highlight=False)
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar="PATH|URL",
            help="The store: a SQLite file (WAL), or a PostgreSQL database (postgresql://user@host/dbname). "
            "Default: CLAIMWATCH_DB, claimwatch.toml [store] db, claimwatch.db.",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", metavar="NAME", help=f"spaCy pipeline to load. Default: CLAIMWATCH_MODEL, claimwatch.toml [model] name, {DEFAULT_MODEL}."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        raise InputError("missing command; `claimwatch --help` lists them")
    settings = Settings()
    ctx.obj = replace(settings, db=store_location(db) if db else settings.db, model=model or settings.model)


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.obj
    return obj if isinstance(obj, Settings) else Settings()


def _allowing(settings: Settings, addresses: list[str] | None) -> Settings:
    """The settings with more addresses URL fetching may reach (``--allow-address``)."""
    return replace(settings, allow_addresses=(*settings.allow_addresses, *(addresses or ())))


@contextmanager
def _progress(total: int | None, label: str) -> Iterator[Callable[[str], None]]:
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[doc]}"), console=err, transient=True, disable=not err.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task(label, total=total, doc="")
        yield lambda doc_id: bar.update(task, advance=1, doc=doc_id)


def _report(rep: IngestReport, verb: str) -> None:
    # input names and reasons are data: printed as text, never read as markup, without
    # the control characters a hostile file name could carry
    for f in rep.failures:
        err.print(Text.assemble(("skipped", "red"), " ", exports.terminal_text(f"{f.source}: {f.reason}")))
    for n in rep.notes:
        err.print(Text.assemble(("note", "yellow"), " ", exports.terminal_text(f"{n.source}: {n.message}")))
    for d in rep.duplicates:
        err.print(Text.assemble(("duplicate", "yellow"), " ",
                                exports.terminal_text(f"{d.source}: the same article as {d.of}, not stored again")))  # fmt: skip
    copies = f" ({len(rep.copies)} wire cop{'y' if len(rep.copies) == 1 else 'ies'} of stored text)" if rep.copies else ""
    duplicates = f", {len(rep.duplicates)} duplicate(s)" if rep.duplicates else ""
    console.print(
        f"{verb} {len(rep.added)} document(s){copies}, {len(rep.unchanged)} unchanged{duplicates}, "
        f"{len(rep.failures)} skipped",
        highlight=False,
    )
    if rep.failures:
        raise typer.Exit(1)


def _write_file(path: Path, text: str) -> None:
    """Write an output file; a failure (a full disk) names the file."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _emit(view: exports.View, fmt: Format, nothing: str | None = None) -> None:
    """Print a view; ``nothing`` is said on stderr when it has no records (a filter that
    matched nothing)."""
    out = exports.render(view, fmt)
    if isinstance(out, str):
        # CSV holds the data as stored; a terminal gets it without escape sequences
        sys.stdout.write(exports.without_controls(out) if sys.stdout.isatty() else out)
    else:
        console.print(out)
    if nothing and not view.records:
        err.print(exports.terminal_text(nothing))


@app.command()
def add(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files, directories (.txt, .html, .jsonl) or http(s) URLs.")
    ],
    workers: Annotated[
        int | None, typer.Option(metavar="N", help="Extraction processes (default: CLAIMWATCH_WORKERS, [limits] workers, 1).")
    ] = None,
    max_bytes: Annotated[int | None, typer.Option(metavar="BYTES", help="Skip inputs larger than this.")] = None,
    time_budget: Annotated[
        float | None,
        typer.Option(metavar="SECONDS", help="Seconds of extraction per document before it is skipped (0: no bound)."),
    ] = None,
    allow_address: AllowOpt = None,
) -> None:
    """Add articles to the store (idempotent: the same document is stored once)."""
    settings = _allowing(_settings(ctx) if workers is None else replace(_settings(ctx), workers=workers), allow_address)
    if max_bytes is not None:
        settings = replace(settings, max_bytes=max_bytes)
    if time_budget is not None:
        settings = replace(settings, time_budget_s=time_budget)
    with Store(settings.db, writer=True) as store, _progress(None, "extracting") as tick:
        rep = runs.add_paths(store, paths, settings, progress=tick)
    _report(rep, "added")


@app.command()
def reextract(
    ctx: typer.Context,
    all_docs: Annotated[bool, typer.Option("--all", help="Re-run on every document.")] = False,
    workers: Annotated[
        int | None, typer.Option(metavar="N", help="Extraction processes (default: CLAIMWATCH_WORKERS, [limits] workers, 1).")
    ] = None,
) -> None:
    """Re-run extraction on documents extracted by an older pipeline version."""
    settings = _settings(ctx) if workers is None else replace(_settings(ctx), workers=workers)
    with Store(settings.db, writer=True) as store, _progress(None, "re-extracting") as tick:
        rep = runs.reextract(store, settings, all_docs=all_docs, progress=tick)
    _report(rep, "re-extracted")


@app.command()
def batch(
    ctx: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(metavar="INPUT", help="JSONL or Parquet files or folders: paths or URLs (file://, https://, s3://, ...).")
    ],
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder of the partitioned Parquet output.")],
    scheduler: Annotated[
        str | None, typer.Option(metavar="ADDRESS", help="A Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
    ] = None,
    workers: Annotated[int, typer.Option(metavar="N", help="Worker processes of the local cluster.")] = 2,
    partition: Annotated[int, typer.Option(metavar="N", help="Articles per task.")] = batch_service.PARTITION_ARTICLES,
    allow_address: AllowOpt = None,
) -> None:
    """Extract large archives on Dask into partitioned Parquet (no store); `load` adds them to one."""
    rep = batch_service.run_batch(
        inputs, out, _allowing(_settings(ctx), allow_address), scheduler=scheduler, workers=workers, partition_articles=partition
    )
    for f in rep.failures:
        err.print(Text.assemble(("skipped", "red"), f" {f.source}: {f.reason}"), highlight=False)
    for number, reason in sorted(rep.failed.items()):
        err.print(Text.assemble(("failed", "red"), f" partition {number}: {reason}"), highlight=False)
    console.print(
        f"{rep.partitions} partition(s): {len(rep.done)} extracted ({rep.documents} document(s)), "
        f"{len(rep.skipped)} already done, {len(rep.failed)} failed; {len(rep.failures)} article(s) skipped",
        highlight=False,
    )
    if rep.failed or rep.failures:
        raise typer.Exit(1)


@app.command()
def load(
    ctx: typer.Context,
    out: Annotated[str, typer.Argument(metavar="DIR", help="The --out folder of `claimwatch batch` (a path or a URL, e.g. s3://bucket/run1).")],
) -> None:
    """Add the output of `claimwatch batch` to the store, as `add` would have stored it."""
    settings = _settings(ctx)
    with Store(settings.db, writer=True) as store:
        rep = batch_service.load_batch(store, out, settings)
    _report(rep, "loaded")


@app.command()
def docs(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Documents in the store: id, outlet, published, title, number of claims."""
    with Store(_settings(ctx).db) as store:
        view = exports.documents_view(queries.documents(store), queries.claim_counts(store))
    _emit(view, fmt)


@app.command()
def claims(
    ctx: typer.Context,
    speaker: SpeakerOpt = None,
    subject: SubjectOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    doc: Annotated[str | None, typer.Option(metavar="DOC", help="Only this document.")] = None,
    kind: Annotated[Kind | None, typer.Option(help="Only this kind of figure.")] = None,
    outlet: Annotated[str | None, typer.Option(metavar="WORDS", help="Words of the outlet's name.")] = None,
    country: Annotated[
        str | None, typer.Option(metavar="COUNTRY", help="The subject's country (else the document's).")
    ] = None,
    min_confidence: Annotated[float | None, typer.Option(metavar="P", help="Only claims this confident (0..1).")] = None,
    limit: Annotated[int | None, typer.Option(metavar="N", help="At most this many claims.")] = None,
    sort: Annotated[
        SortOrder, typer.Option(help="Order: by document, publication, said_on or period date, or value or confidence (highest first).")
    ] = SortOrder.doc,
    grouped: Annotated[
        bool, typer.Option("--grouped", help="One row per claim across outlets, with its sources.")
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Claims in the store, filtered; every format cites each claim's outlet, URL, title and date."""
    flt = queries.ClaimFilter(
        speaker=speaker, subject=subject, since=_date(since), until=_date(until), doc=doc,
        kind=kind.value if kind else None, outlet=outlet, country=country, min_confidence=min_confidence,
        limit=limit, sort=sort.value,  # type: ignore[arg-type]
    )  # fmt: skip
    with Store(_settings(ctx).db) as store:
        if grouped:
            view = exports.claim_groups_view(links.claim_groups(store, flt))
        else:
            view = exports.claims_view(queries.claims(store, flt), queries.documents_by_id(store))
    _emit(view, fmt, f"no claims match {flt.describe()}" if flt.describe() else "no claims in the store")


@app.command()
def quotes(
    ctx: typer.Context,
    speaker: SpeakerOpt = None,
    doc: Annotated[str | None, typer.Option(metavar="DOC", help="Only this document.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Quotes and reported speech with speaker, cue and evidence offsets, and their sources."""
    with Store(_settings(ctx).db) as store:
        view = exports.quotes_view(queries.quotes(store, speaker=speaker, doc=doc), queries.documents_by_id(store))
    _emit(view, fmt, "no quotes match" if speaker or doc else "no quotes in the store")


@app.command("talking-points")
def talking_points(
    ctx: typer.Context,
    min_docs: Annotated[
        int, typer.Option(metavar="N", help="Only talking points found in at least this many documents.")
    ] = 2,
    fmt: FormatOpt = Format.table,
) -> None:
    """Recycled sentences across documents, with every occurrence, outlets and dates."""
    with Store(_settings(ctx).db) as store:
        view = exports.talking_points_view(links.talking_points(store, min_docs=min_docs))
    _emit(view, fmt)


@app.command()
def stories(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Reports of one event across outlets: whole documents or passages."""
    with Store(_settings(ctx).db) as store:
        view = exports.stories_view(links.stories(store))
    _emit(view, fmt)


@app.command("check")
def check_command(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option(help="Exit non-zero when there are conflicts.")] = False,
    min_severity: Annotated[
        str | None,
        typer.Option("--min-severity", metavar="LEVEL", help="Only findings at this severity or above: low, medium, high."),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Calendar errors, headline/body and cross-outlet differences, conflicts, series and
    arithmetic that do not add up, each with its evidence and severity."""
    with Store(_settings(ctx).db) as store:
        found = links.findings(store, min_severity=min_severity)
        view = exports.findings_view(found, queries.documents_by_id(store))
    _emit(view, fmt)
    if strict and any(f.type != "calendar_error" for f in found):
        raise typer.Exit(1)


@app.command()
def timeline(
    ctx: typer.Context,
    subject: Annotated[str, typer.Argument(metavar="SUBJECT", help="Words of the measured thing, e.g. 'exports'.")],
    svg: Annotated[Path | None, typer.Option("--svg", metavar="PATH", help="Also write the chart as an SVG file.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The series of figures about one subject, per speaker, on one time axis (exit 1: none)."""
    from .report import timeline_svg

    with Store(_settings(ctx).db) as store:
        points = links.timeline_points(store, subject)
    if svg is not None:
        _write_file(svg, timeline_svg(points, title=subject))
    _emit(exports.timeline_view(points), fmt)


@app.command()
def report(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="PATH", help="HTML file to write.")] = Path(
        "report.html"
    ),
    speaker: SpeakerOpt = None,
    subject: SubjectOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """One self-contained HTML report: claims, speakers, timelines, talking points, findings."""
    flt = queries.ClaimFilter(speaker=speaker, subject=subject, since=_date(since), until=_date(until))
    with Store(_settings(ctx).db) as store:
        html = links.report_html(store, flt)
    _write_file(output, html)
    console.print(exports.terminal_text(f"wrote {output} ({len(html) // 1024} KiB)"))


@app.command("export")
def export_command(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the files into (created if missing).")],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="parquet, csv or jsonl: one file per table; claimreview: schema.org JSON-LD."),
    ] = ExportFormat.parquet,
) -> None:
    """Write every table (documents, claims, quotes, speakers, talking points, stories,
    findings, claim groups) with stable columns, or the claims as ClaimReview JSON-LD."""
    with Store(_settings(ctx).db) as store:
        written = export_store(store, folder, fmt)
    for path in written:
        console.print(Text(f"wrote {path}"))


@app.command("datasette")
def datasette_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(metavar="HOST", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on (0: any free port).")] = 8001,
    metadata: Annotated[
        Path | None, typer.Option(metavar="PATH", help="Also write the metadata file here (JSON).")
    ] = None,
    prepare_only: Annotated[
        bool, typer.Option("--prepare-only", help="Build the search index and metadata, then exit without serving.")
    ] = False,
) -> None:
    """Open the store in Datasette: table and column descriptions, full-text search on
    documents and quotes, documents labelled by title (needs the datasette extra)."""
    from .service import datasette

    settings = _settings(ctx)
    if is_server_url(settings.db):
        raise InputError("Datasette opens a SQLite store; a PostgreSQL store has its own tools")
    db = Path(settings.db)
    with Store(db, writer=True) as store:
        meta = datasette.prepare(store)
    path = metadata or db.with_name(db.name + ".datasette.json")
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    err.print(Text(f"metadata: {path}"))
    if prepare_only:
        return
    datasette.serve(db, path, host=host, port=port)


speakers_app = typer.Typer(help="Canonical people across documents: list, explain, merge, split.")
NameArg = Annotated[str, typer.Argument(metavar="NAME", help="A name as written in a document.")]
app.add_typer(speakers_app, name="speakers")


@speakers_app.callback(invoke_without_command=True)
def speakers(
    ctx: typer.Context,
    explain: Annotated[
        str | None, typer.Option(metavar="NAME", help="Why this person's aliases are one person (any alias or spelling).")
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Canonical people with aliases, roles, and numbers of documents, quotes and claims."""
    if ctx.invoked_subcommand is not None:
        return
    with Store(_settings(ctx).db) as store:
        people = queries.resolved_people(store)
        if explain:
            for line in queries.explain_speaker(people, explain):
                console.print(exports.terminal_text(line))
            return
        view = exports.speakers_view(queries.speakers(store, people))
    _emit(view, fmt)


@speakers_app.command("merge")
def speakers_merge(ctx: typer.Context, a: NameArg, b: NameArg) -> None:
    """Record that names A and B are one person (kept across re-extraction)."""
    with Store(_settings(ctx).db, writer=True) as store:
        store.add_speaker_decision("merge", a, b)
    console.print(exports.terminal_text(f"merged {a!r} and {b!r}"))


@speakers_app.command("split")
def speakers_split(ctx: typer.Context, a: NameArg, b: NameArg) -> None:
    """Record that names A and B are different people (kept across re-extraction)."""
    with Store(_settings(ctx).db, writer=True) as store:
        store.add_speaker_decision("split", a, b)
    console.print(exports.terminal_text(f"split {a!r} from {b!r}"))


_STYLES = {"claims": "bold black on yellow", "quotes": "italic cyan", "times": "bold magenta"}


@app.command()
def serve(
    ctx: typer.Context,
    db: Annotated[Path | None, typer.Option("--db", help="SQLite store (default: the global --db).")] = None,
    host: Annotated[str, typer.Option(metavar="ADDRESS", help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.")] = 8000,
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Allow adding articles and merging speakers, with CLAIMWATCH_TOKEN.")
    ] = False,
    workers: Annotated[
        int, typer.Option(min=1, metavar="N", help="Server processes, each with its own read-only connections (read-only servers only).")
    ] = 1,
) -> None:
    """Serve the store as a web app and JSON API (read-only unless --allow-writes)."""
    from .web.app import WebOptions
    from .web.app import serve as serve_web

    settings = _settings(ctx)
    settings = replace(settings, db=db) if db is not None else settings
    if is_server_url(settings.db):
        # the web app's reads use SQLite's full-text index and statement interrupts
        raise InputError("`serve` reads a SQLite store; a PostgreSQL store has no web app yet")
    token = os.environ.get("CLAIMWATCH_TOKEN")
    serve_web(WebOptions(db=Path(settings.db), host=host, port=port, allow_writes=allow_writes, token=token, settings=settings),
              workers=workers)  # fmt: skip


@app.command()
def show(ctx: typer.Context, doc_id: Annotated[str, typer.Argument(metavar="DOC", help="A document id.")]) -> None:
    """A document with its claims (yellow), quotes (cyan) and dates (magenta) highlighted; piped,
    the spans are marked in plain text ([[claim: …]]) and the claims listed under it."""
    with Store(_settings(ctx).db) as store:
        layers = queries.document_layers(store, doc_id)
    if not console.is_terminal:
        sys.stdout.write(exports.marked_document(layers))
        return
    document = layers.document
    text = exports.terminal_text(document.text)
    for span in document.excluded:
        text.stylize("dim strike", span.start, span.end)
    for name, spans in (("quotes", layers.quotes), ("claims", layers.claims), ("times", layers.times)):
        for item in spans:
            text.stylize(_STYLES[name], item.start, item.end)
    console.rule(exports.terminal_text(exports.document_heading(document)))
    console.print(text)
    console.rule(f"{len(layers.claims)} claims, {len(layers.quotes)} quotes, {len(layers.times)} time expressions")


@app.command()
def explain(ctx: typer.Context, claim_id: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="A claim id.")]) -> None:
    """Why a claim reads as it does: the named rules behind its value, speaker, period and said_on."""
    from .service.explain import FIELDS, explain_claim

    with Store(_settings(ctx).db) as store:
        found = explain_claim(store, claim_id)
    console.print(exports.terminal_text(f"{found.claim_id}  ({found.doc})"))
    console.print(exports.terminal_text(f"evidence: {found.evidence}"))
    for name in FIELDS:
        value = found.values[name] if found.values[name] is not None else "—"
        console.print(exports.terminal_text(f"{name}: {value}"), style="bold")
        steps = found.for_field(name)
        if not steps:
            console.print(Text("    no named rule decided it"))
        for step in steps:
            console.print(exports.terminal_text(f"    {step.rule}: {step.doc}"))


@app.command()
def extract(
    ctx: typer.Context,
    path: Annotated[
        str, typer.Argument(metavar="PATH", help="A .txt/.html/.jsonl file, an http(s) URL, or - for standard input.")
    ],
    published: Annotated[
        str | None, typer.Option(metavar="DATE", help="Publication date for plain text (YYYY-MM-DD).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json or jsonl.")] = Format.jsonl,
    allow_address: AllowOpt = None,
) -> None:
    """Run the pipeline without a store and print every layer with offsets."""
    settings = _allowing(_settings(ctx), allow_address)
    from . import ingest

    pub = _date(published)
    if path == "-":
        articles: Any = [Article(id="stdin", raw=sys.stdin.read(), fmt="txt", source="-", published=pub)]
    else:
        limits = runs.ingest_limits(settings)
        articles = (
            replace(a, published=a.published or pub) if isinstance(a, Article) else a
            for a in ingest.iter_articles([path], limits)
        )
    failed = 0
    records = []
    for item in _articles_then_extract(articles, settings):
        if isinstance(item, dict):
            records.append(item)
            if fmt is Format.jsonl:
                sys.stdout.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")
        else:
            failed += 1
            err.print(Text.assemble(("skipped", "red"), " ", exports.terminal_text(f"{item.source}: {item.reason}")))
    if fmt is not Format.jsonl:
        sys.stdout.write(json.dumps(records if len(records) != 1 else records[0], ensure_ascii=False, indent=2, default=str) + "\n")
    if failed:
        raise typer.Exit(1)


def _articles_then_extract(articles: Any, settings: Settings) -> Iterator[Any]:
    from .model import IngestFailure

    def only_articles() -> Iterator[Article]:
        for a in articles:
            if isinstance(a, IngestFailure):
                pending.append(a)
            else:
                yield a

    pending: list[Any] = []
    for result in runs.extract_stateless(only_articles(), settings):
        while pending:
            yield pending.pop(0)
        if isinstance(result, tuple):
            yield exports.extraction_record(*result)
        else:
            yield result
    yield from pending


# ---- watching outlets: sources, the watch loop, alerts, versions ---------------------------


sources_app = typer.Typer(help="Watched outlets: RSS/Atom feeds, sitemaps and list pages.")
app.add_typer(sources_app, name="sources")


@sources_app.callback(invoke_without_command=True)
def sources(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Each watched source: last poll, status, new links, links by state, next poll."""
    if ctx.invoked_subcommand is not None:
        return
    with Store(_settings(ctx).db) as store:
        view = exports.sources_view(watch.list_sources(store))
    _emit(view, fmt, nothing="no sources: add one with claimwatch sources add NAME URL")


@sources_app.command("add")
def sources_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A short name for the source.")],
    url: Annotated[str, typer.Argument(help="An RSS/Atom feed, a sitemap.xml, or a list page.")],
    every: Annotated[str, typer.Option("--every", help="How often to poll it: 90s, 30m, 6h, 1d.")] = "30m",
) -> None:
    """Watch a source (polled by `claimwatch watch`; due at once)."""
    with Store(_settings(ctx).db, writer=True) as store:
        source = watch.add_source(store, name, url, every)
    console.print(Text(f"watching {source.name}: {source.url} every {every}"))


@sources_app.command("remove")
def sources_remove(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The source's name.")]) -> None:
    """Stop watching a source (its documents stay in the store)."""
    with Store(_settings(ctx).db, writer=True) as store:
        watch.remove_source(store, name)
    console.print(Text(f"removed {name}"))


@sources_app.command("links")
def sources_links(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The source's name.")],
    state: Annotated[str | None, typer.Option(help="Only links in this state: pending, done, failed, refused.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The links a source listed and what became of each (failures with their reason)."""
    with Store(_settings(ctx).db) as store:
        view = exports.source_items_view(watch.source_items(store, name, state))
    _emit(view, fmt)


@sources_app.command("log")
def sources_log(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Only this source's requests.")] = None,
    limit: Annotated[int, typer.Option(help="How many of the latest requests.")] = 50,
    fmt: FormatOpt = Format.table,
) -> None:
    """The latest requests the watch made: status, bytes, time, error."""
    with Store(_settings(ctx).db) as store:
        view = exports.fetch_log_view(watch.fetch_history(store, name, limit))
    _emit(view, fmt)


def _print_cycle(report: watch.CycleReport) -> None:
    # source names, URLs and reasons are data: printed as text, never read as markup
    if report.busy:
        err.print(Text.assemble(("busy", "yellow"), f" {report.busy}; trying again shortly"))
    for s in report.sources:
        for f in s.failures:
            err.print(Text.assemble(("failed", "red"), f" {s.name} {f.source}: {f.reason}"))
        line = (f"{s.name}: {s.status}; {s.new_links} new link(s), {len(s.stored)} stored, "
                f"{len(s.versions)} new version(s), {s.unchanged} unchanged, {len(s.failures)} failed")  # fmt: skip
        if s.deferred:
            line += f", {s.deferred} left for later"
        console.print(Text(line, style="red" if s.failed else ""))
    for failure in report.alerts.failures:
        err.print(Text.assemble(("alert failed", "red"), f" {failure}"))
    if report.alerts.sent or report.queued_alerts:
        console.print(Text(f"alerts: {report.alerts.sent} delivered"))


@app.command("watch")
def watch_command(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Poll what is due, deliver alerts, and exit (for cron).")] = False,
    force: Annotated[bool, typer.Option("--force", help="With --once: poll every source now, due or not.")] = False,
    allow_address: AllowOpt = None,
    timeout: Annotated[float, typer.Option(help="Seconds one request may take, headers and body.")] = 20.0,
    host_interval: Annotated[float, typer.Option(help="Seconds between two requests to one host.")] = 1.0,
    max_items: Annotated[int, typer.Option(help="Links fetched per source per poll.")] = 50,
) -> None:
    """Poll the watched sources when due and deliver alerts; Ctrl-C stops it cleanly."""
    settings = _settings(ctx)
    options = watch.watch_options(
        settings, allow_addresses=tuple(allow_address or ()), timeout_s=timeout,
        host_interval_s=host_interval, max_items_per_poll=max_items,
    )  # fmt: skip
    if force and not once:
        raise InputError("--force goes with --once")
    if once:
        report = watch.run_once(settings, options, force=force)
        _print_cycle(report)
        if report.failed:
            raise typer.Exit(1)
        return
    watch.run_forever(settings, options, _print_cycle)


alerts_app = typer.Typer(help="Alerts on new claims and findings: by webhook, command or file.")
app.add_typer(alerts_app, name="alerts")


@alerts_app.callback(invoke_without_command=True)
def alerts_list(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Each alert rule: what it matches, where it goes, alerts sent, pending and failed."""
    if ctx.invoked_subcommand is not None:
        return
    with Store(_settings(ctx).db) as store:
        view = exports.alert_rules_view(alert_service.rules_with_counts(store))
    _emit(view, fmt, nothing="no alerts: add one with claimwatch alerts add")


@alerts_app.command("add")
def alerts_add(
    ctx: typer.Context,
    on: Annotated[str, typer.Option("--on", help="claim (new claims) or finding (new `check` findings).")] = "claim",
    subject: Annotated[str | None, typer.Option(help="Words that must all be in the subject or evidence.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Part of the outlet's (or source's) name.")] = None,
    finding_type: Annotated[
        str | None, typer.Option("--type", help="Finding type: calendar_error, headline_body, cross_outlet, conflict, series, arithmetic.")
    ] = None,
    webhook: Annotated[str | None, typer.Option(help="POST each alert as JSON to this URL.")] = None,
    command: Annotated[str | None, typer.Option("--exec", help="Run this command with the alert's JSON on stdin.")] = None,
    file: Annotated[str | None, typer.Option(help="Append each alert as a JSON line to this file.")] = None,
) -> None:
    """Alert on new claims or findings that match, delivered once by webhook, command or file."""
    rule = alert_service.rule_from_options(
        on, subject=subject, speaker=speaker, outlet=outlet, finding_type=finding_type,
        webhook=webhook, command=command, file=file,
    )  # fmt: skip
    with Store(_settings(ctx).db, writer=True) as store:
        rule = alert_service.add_rule(store, rule)
    console.print(Text(f"alert {rule.id}: {exports.describe_rule(rule)} -> {rule.channel} {rule.target}"))


@alerts_app.command("remove")
def alerts_remove(ctx: typer.Context, rule_id: Annotated[int, typer.Argument(metavar="ID", help="The rule's id.")]) -> None:
    """Delete an alert rule and its queue."""
    with Store(_settings(ctx).db, writer=True) as store:
        alert_service.remove_rule(store, rule_id)
    console.print(Text(f"removed alert {rule_id}"))


@app.command()
def versions(
    ctx: typer.Context, doc_id: Annotated[str, typer.Argument(metavar="DOC", help="A document id.")], fmt: FormatOpt = Format.table
) -> None:
    """Every text a watched document has had: version, when stored, content hash, claims."""
    with Store(_settings(ctx).db) as store:
        view = exports.versions_view(watch.document_versions(store, doc_id))
    _emit(view, fmt, nothing=f"{doc_id} has one text: no versions kept (the watch keeps them)")


def _plain_metavars(command: Any) -> None:
    """Show every option's value as a word (TEXT, INTEGER, PATH, a list of choices) and
    flags with none, instead of Python types (<str>, <list[str]>, <bool>)."""
    # the help option is made on first use: make it now, to give it no metavar too
    help_option = command.get_help_option(typer.Context(command, help_option_names=HELP_OPTIONS))
    if help_option is not None:
        help_option.metavar = ""
    for param in command.params:
        if param.param_type_name == "argument":
            # an argument's name column already shows its metavar: no type column
            param.display_type_rich = lambda ctx: None
        if param.metavar is not None:
            continue
        descriptor = param.type_descriptor
        if getattr(param, "is_flag", False):
            param.metavar = ""
        elif descriptor.is_choice:
            param.metavar = "[" + "|".join(str(getattr(c, "value", c)) for c in descriptor.choices or ()) + "]"
        elif descriptor.is_path:
            param.metavar = "PATH"
        else:
            base = descriptor.annotation
            name = {int: "INTEGER", float: "NUMBER", bool: ""}.get(base, "TEXT") if isinstance(base, type) else "TEXT"
            param.metavar = name + ("..." if param.nargs != 1 and name else "")
    for sub in getattr(command, "commands", {}).values():
        _plain_metavars(sub)


def cli_command() -> Any:
    """The click command behind ``app``, with plain metavars."""
    command = typer.main.get_command(app)
    _plain_metavars(command)
    return command


def main(argv: list[str] | None = None) -> None:
    """Entry point: one error handler at the edge. Domain errors and usage errors print one
    line ``Error: ...`` and exit with their code (2 for usage); Ctrl-C and closed pipes end
    cleanly."""
    try:
        # with standalone_mode off, click returns the code of a typer.Exit instead of exiting
        code = cli_command().main(args=argv, prog_name="claimwatch", standalone_mode=False)
        if code == 130:  # typer turns Ctrl-C into a silent exit code 130
            err.print("Aborted!")
        sys.stdout.flush()  # a full disk or closed pipe is met here, not at interpreter exit
        sys.exit(code if isinstance(code, int) else 0)
    except ClaimwatchError as exc:
        _error(str(exc))
        sys.exit(exc.exit_code)
    except OSError as exc:  # a file that cannot be written: a full disk, a read-only directory
        if exc.filename is None:
            _drop_stdout()  # what is still buffered for it cannot be written either
        if isinstance(exc, BrokenPipeError):
            sys.stderr.close()
            sys.exit(0)
        _error(_os_message(exc))
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("Aborted!")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("Aborted!")
        sys.exit(130)
    except typer.exceptions.TyperException as exc:  # click's usage errors: unknown command or option, bad value
        _error(" ".join(exc.format_message().split()))
        sys.exit(exc.exit_code)


# An error is one line: a value the user gave (a 100,000-character filter) is shown cut.
_MAX_ERROR_CHARS = 400


def _error(message: str) -> None:
    if len(message) > _MAX_ERROR_CHARS:
        message = f"{message[: _MAX_ERROR_CHARS - 60]} … {message[-40:]}"
    err.print(Text.assemble(("Error:", "red"), " ", exports.terminal_text(" ".join(message.split()))))


def _os_message(exc: OSError) -> str:
    """``report.html: No space left on device``, without a traceback."""
    where = exc.filename if exc.filename is not None else "cannot write the output"
    return f"{where}: {exc.strerror or exc}"


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so exiting does not try to flush it again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (a test's capture): nothing to drop
