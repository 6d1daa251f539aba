"""The command line: thin commands over the library (batch, queries, exports, eval)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from . import exports
from .errors import ClaimwatchError, InputError, NotFound
from .eval.commands import eval_app
from .exports import Format
from .extract.nlp import DEFAULT_MODEL
from .link import aliases
from .model import Article, IngestReport
from .service import links, queries, runs
from .settings import Settings
from .store import Store

app = typer.Typer(
    help="claimwatch: quantitative claims in the news — who said which number, about what, for which period, said when.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(eval_app, name="eval")
# Piped output is not cut at 80 columns: tables stay readable in files and CI logs.
console = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[Path, typer.Option("--db", help="SQLite store (WAL).", envvar="CLAIMWATCH_DB")] = Path(
        "claimwatch.db"
    ),
    model: Annotated[
        str, typer.Option("--model", help="spaCy pipeline to load.", envvar="CLAIMWATCH_MODEL")
    ] = DEFAULT_MODEL,
) -> None:
    ctx.obj = replace(Settings(), db=db, model=model)


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.obj
    return obj if isinstance(obj, Settings) else Settings()


@contextmanager
def _progress(total: int | None, label: str) -> Iterator[Callable[[str], None]]:
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[doc]}"), console=err, transient=True, disable=not err.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task(label, total=total, doc="")
        yield lambda doc_id: bar.update(task, advance=1, doc=doc_id)


def _report(rep: IngestReport, verb: str) -> None:
    # input names and reasons are data: printed as text, never read as markup
    for f in rep.failures:
        err.print(Text.assemble(("skipped", "red"), f" {f.source}: {f.reason}"), highlight=False)
    for d in rep.duplicates:
        err.print(Text.assemble(("duplicate", "yellow"), f" {d.source}: the same article as {d.of}, not stored again"))
    copies = f" ({len(rep.copies)} wire cop{'y' if len(rep.copies) == 1 else 'ies'} of stored text)" if rep.copies else ""
    duplicates = f", {len(rep.duplicates)} duplicate(s)" if rep.duplicates else ""
    console.print(
        f"{verb} {len(rep.added)} document(s){copies}, {len(rep.unchanged)} unchanged{duplicates}, "
        f"{len(rep.failures)} skipped",
        highlight=False,
    )
    if rep.failures:
        raise typer.Exit(1)


def _emit(view: exports.View, fmt: Format) -> None:
    out = exports.render(view, fmt)
    if isinstance(out, str):
        sys.stdout.write(out)
    else:
        console.print(out)


@app.command()
def add(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories (.txt, .html, .jsonl) or http(s) URLs.")],
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
    max_bytes: Annotated[int | None, typer.Option(help="Skip inputs larger than this.")] = None,
    time_budget: Annotated[
        float | None, typer.Option(help="Seconds of extraction per document before it is skipped (0: no bound).")
    ] = None,
) -> None:
    """Add articles to the store (idempotent: the same document is stored once)."""
    settings = replace(_settings(ctx), workers=workers)
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
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
) -> None:
    """Re-run extraction on documents extracted by an older pipeline version."""
    settings = replace(_settings(ctx), workers=workers)
    with Store(settings.db, writer=True) as store, _progress(None, "re-extracting") as tick:
        rep = runs.reextract(store, settings, all_docs=all_docs, progress=tick)
    _report(rep, "re-extracted")


@app.command()
def docs(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Documents in the store: id, outlet, published, title, number of claims."""
    with Store(_settings(ctx).db) as store:
        view = exports.documents_view(queries.documents(store), queries.claim_counts(store))
    _emit(view, fmt)


@app.command()
def claims(
    ctx: typer.Context,
    speaker: Annotated[str | None, typer.Option(help="Speaker name contains.")] = None,
    subject: Annotated[str | None, typer.Option(help="Words in the subject or evidence.")] = None,
    since: Annotated[str | None, typer.Option(help="Period or said_on on/after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Period or said_on on/before (YYYY-MM-DD).")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document.")] = None,
    grouped: Annotated[
        bool, typer.Option("--grouped", help="One row per claim across outlets, with its sources.")
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Claims in the store, filtered."""
    flt = queries.ClaimFilter(speaker=speaker, subject=subject, since=_date(since), until=_date(until), doc=doc)
    with Store(_settings(ctx).db) as store:
        view = exports.claim_groups_view(links.claim_groups(store, flt)) if grouped else exports.claims_view(
            queries.claims(store, flt))
    _emit(view, fmt)


@app.command()
def quotes(
    ctx: typer.Context,
    speaker: Annotated[str | None, typer.Option(help="Speaker name contains.")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Quotes and reported speech with speaker, cue and evidence offsets."""
    with Store(_settings(ctx).db) as store:
        view = exports.quotes_view(queries.quotes(store, speaker=speaker, doc=doc))
    _emit(view, fmt)


@app.command("talking-points")
def talking_points(
    ctx: typer.Context,
    min_docs: Annotated[int, typer.Option(help="Only talking points found in at least this many documents.")] = 2,
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
        view = exports.stories_view(links.stories(store), queries.documents(store))
    _emit(view, fmt)


@app.command("check")
def check_command(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option(help="Exit non-zero when there are conflicts.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Conflicting figures, baseline mismatches, outlet drift and calendar errors, with evidence."""
    with Store(_settings(ctx).db) as store:
        found = links.findings(store)
    _emit(exports.findings_view(found), fmt)
    if strict and any(f.type != "calendar_error" for f in found):
        raise typer.Exit(1)


@app.command()
def timeline(
    ctx: typer.Context,
    subject: Annotated[str, typer.Argument(help="Words of the measured thing, e.g. 'exports'.")],
    svg: Annotated[Path | None, typer.Option("--svg", help="Also write the chart as an SVG file.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The series of figures about one subject, per speaker, on one time axis."""
    from .report import timeline_svg

    with Store(_settings(ctx).db) as store:
        points = links.timeline_points(store, subject)
    if svg is not None:
        svg.write_text(timeline_svg(points, title=subject), encoding="utf-8")
    _emit(exports.timeline_view(points), fmt)


@app.command()
def report(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("report.html"),
) -> None:
    """One self-contained HTML report: claims, speakers, timelines, talking points, findings."""
    with Store(_settings(ctx).db) as store:
        html = links.report_html(store)
    output.write_text(html, encoding="utf-8")
    console.print(f"wrote {output} ({len(html) // 1024} KiB)")


speakers_app = typer.Typer(help="Canonical people across documents: list, explain, merge, split.")
app.add_typer(speakers_app, name="speakers")


@speakers_app.callback(invoke_without_command=True)
def speakers(
    ctx: typer.Context,
    explain: Annotated[str | None, typer.Option(help="Why this person's aliases are one person.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Canonical people with aliases, roles, and numbers of documents, quotes and claims."""
    if ctx.invoked_subcommand is not None:
        return
    with Store(_settings(ctx).db) as store:
        people = queries.resolved_people(store)
        if explain:
            lines = aliases.explain(explain, people)
            if not lines:
                raise NotFound(f"no speaker named {explain!r}")
            for line in lines:
                console.print(line, highlight=False)
            return
        view = exports.speakers_view(queries.speakers(store, people))
    _emit(view, fmt)


@speakers_app.command("merge")
def speakers_merge(ctx: typer.Context, a: str, b: str) -> None:
    """Record that names A and B are one person (kept across re-extraction)."""
    with Store(_settings(ctx).db, writer=True) as store:
        store.add_speaker_decision("merge", a, b)
    console.print(f"merged {a!r} and {b!r}")


@speakers_app.command("split")
def speakers_split(ctx: typer.Context, a: str, b: str) -> None:
    """Record that names A and B are different people (kept across re-extraction)."""
    with Store(_settings(ctx).db, writer=True) as store:
        store.add_speaker_decision("split", a, b)
    console.print(f"split {a!r} from {b!r}")


_STYLES = {"claims": "bold black on yellow", "quotes": "italic cyan", "times": "bold magenta"}


@app.command()
def show(ctx: typer.Context, doc_id: Annotated[str, typer.Argument(metavar="DOC")]) -> None:
    """A document with its claims (yellow), quotes (cyan) and dates (magenta) highlighted."""
    with Store(_settings(ctx).db) as store:
        layers = queries.document_layers(store, doc_id)
    document = layers.document
    text = Text(document.text)
    for span in document.excluded:
        text.stylize("dim strike", span.start, span.end)
    for name, spans in (("quotes", layers.quotes), ("claims", layers.claims), ("times", layers.times)):
        for item in spans:
            text.stylize(_STYLES[name], item.start, item.end)
    head = f"{document.id} | {document.outlet or '-'} | {document.published or 'no date'} | {document.title or ''}"
    console.rule(Text(head))
    console.print(text)
    console.rule(f"{len(layers.claims)} claims, {len(layers.quotes)} quotes, {len(layers.times)} time expressions")


@app.command()
def explain(ctx: typer.Context, claim_id: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="A claim id.")]) -> None:
    """Why a claim reads as it does: the named rules behind its value, speaker, period and said_on."""
    from .service.explain import FIELDS, explain_claim

    with Store(_settings(ctx).db) as store:
        found = explain_claim(store, claim_id)
    console.print(Text(f"{found.claim_id}  ({found.doc})"), Text(f"evidence: {found.evidence}"), sep="\n")
    for name in FIELDS:
        console.print(Text(f"{name}: {found.values[name] if found.values[name] is not None else '—'}", style="bold"))
        steps = found.for_field(name)
        if not steps:
            console.print(Text("    no named rule decided it"))
        for step in steps:
            console.print(Text(f"    {step.rule}: {step.doc}"))


@app.command()
def extract(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(help="A .txt/.html/.jsonl file, an http(s) URL, or - for standard input.")],
    published: Annotated[str | None, typer.Option(help="Publication date for plain text (YYYY-MM-DD).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json or jsonl.")] = Format.jsonl,
) -> None:
    """Run the pipeline without a store and print every layer with offsets."""
    settings = _settings(ctx)
    from . import ingest

    pub = _date(published)
    if path == "-":
        articles: Any = [Article(id="stdin", raw=sys.stdin.read(), fmt="txt", source="-", published=pub)]
    else:
        limits = ingest.IngestLimits(max_bytes=settings.max_bytes, html_timeout_s=settings.html_timeout_s)
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
            err.print(f"[red]skipped[/red] {item.source}: {item.reason}", highlight=False)
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


def main() -> None:
    """Entry point: one error handler at the edge; Ctrl-C and closed pipes end cleanly."""
    try:
        # with standalone_mode off, click returns the code of a typer.Exit instead of exiting
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except ClaimwatchError as exc:
        err.print(f"[red]Error:[/red] {exc}", highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("Aborted!")
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            err.print("Aborted!")
            sys.exit(130)
        raise
