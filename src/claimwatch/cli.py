"""The command line: thin commands over the library (batch, queries, exports, eval)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
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
from .service import alerts as alert_service
from .service import links, queries, runs, watch
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


def _emit(rows: list[dict[str, Any]], fmt: Format, columns: list[str], title: str | None = None) -> None:
    out = exports.render(rows, fmt, columns)
    if isinstance(out, str):
        sys.stdout.write(out if fmt is not Format.json else out + "\n")
    else:
        if title:
            out.title = title
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
    allow_address: AllowOpt = None,
) -> None:
    """Add articles to the store (idempotent: the same document is stored once)."""
    settings = _allowing(replace(_settings(ctx), workers=workers), allow_address)
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
        rows = queries.documents(store)
    _emit(rows, fmt, ["id", "outlet", "published", "title", "claims"])


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
    if grouped:
        with Store(_settings(ctx).db) as store:
            groups = links.claim_group_rows(store, flt)
        if fmt is Format.table:
            groups = [{**g, "sources": ", ".join(g["sources"]), "claims": len(g["claims"])} for g in groups]
        _emit(groups, fmt, ["kind", "value", "unit", "subject", "speaker", "period_start", "sources", "claims"])
        return
    with Store(_settings(ctx).db) as store:
        rows = queries.claims(store, flt)
    if fmt is Format.table:
        rows = [exports.table_view(r) for r in rows]
    _emit(rows, fmt, ["doc", "kind", "value", "unit", "subject", "speaker", "period", "said_on", "evidence"])


@app.command()
def quotes(
    ctx: typer.Context,
    speaker: Annotated[str | None, typer.Option(help="Speaker name contains.")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Quotes and reported speech with speaker, cue and evidence offsets."""
    with Store(_settings(ctx).db) as store:
        rows = queries.quotes(store, speaker=speaker, doc=doc)
    _emit(rows, fmt, ["doc", "speaker", "cue", "kind", "start", "end", "evidence"])


@app.command("talking-points")
def talking_points(
    ctx: typer.Context,
    min_docs: Annotated[int, typer.Option(help="Only talking points found in at least this many documents.")] = 2,
    fmt: FormatOpt = Format.table,
) -> None:
    """Recycled sentences across documents, with every occurrence, outlets and dates."""
    with Store(_settings(ctx).db) as store:
        rows = links.talking_point_records(links.talking_points(store, min_docs=min_docs))
    if fmt is Format.table:
        rows = [
            {"id": r["id"][:10], "docs": len({o["doc"] for o in r["occurrences"]}), "outlets": ", ".join(r["outlets"]),
             "first_seen": r["first_seen"], "last_seen": r["last_seen"], "drift": r["drift"], "text": r["text"]}
            for r in rows
        ]  # fmt: skip
    _emit(rows, fmt, ["id", "docs", "outlets", "first_seen", "last_seen", "drift", "text"])


@app.command()
def stories(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Reports of one event across outlets: whole documents or passages."""
    with Store(_settings(ctx).db) as store:
        titles = {d["id"]: d["title"] for d in queries.documents(store)}
        rows = links.story_records(links.stories(store), titles)
    if fmt is Format.table:
        rows = [
            {"id": r["id"][:10], "label": r["label"],
             "passages": "; ".join(f"{p['doc']}[{p['start']}:{p['end']}]" for p in r["passages"])}
            for r in rows
        ]  # fmt: skip
    _emit(rows, fmt, ["id", "label", "passages"])


@app.command("check")
def check_command(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option(help="Exit non-zero when there are conflicts.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Conflicting figures, baseline mismatches, outlet drift and calendar errors, with evidence."""
    with Store(_settings(ctx).db) as store:
        rows = links.finding_records(links.findings(store))
    if fmt is Format.table:
        for r in rows:
            console.rule(f"[bold]{r['type']}[/bold] {r['id']}")
            console.print(r["explanation"], highlight=False)
            for e in r["evidence"]:
                console.print(f"  {e['doc']}[{e['start']}:{e['end']}] {e['text']}", highlight=False)
        console.print(f"{len(rows)} finding(s)")
    else:
        _emit(rows, fmt, ["id", "type", "explanation"])
    if strict and any(r["type"] != "calendar_error" for r in rows):
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
    _emit(links.timeline_records(points), fmt, ["when", "series", "subject", "kind", "value", "unit", "doc"])


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
        rows = queries.speakers(store, people)
    if fmt is Format.table:
        rows = [{**r, "aliases": "; ".join(r["aliases"]), "roles": "; ".join(r["roles"])} for r in rows]
    _emit(rows, fmt, ["name", "aliases", "roles", "documents", "quotes", "claims"])


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
        document = store.document(doc_id)
        layers = queries.document_layers(store, doc_id)
    text = Text(document.text)
    for span in document.excluded:
        text.stylize("dim strike", span.start, span.end)
    for layer in ("quotes", "claims", "times"):
        for row in layers[layer]:
            text.stylize(_STYLES[layer], row["start"], row["end"])
    head = f"{document.id} | {document.outlet or '-'} | {document.published or 'no date'} | {document.title or ''}"
    console.rule(head)
    console.print(text)
    console.rule(f"{len(layers['claims'])} claims, {len(layers['quotes'])} quotes, {len(layers['times'])} time expressions")


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
            yield queries.extraction_record(*result)
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
        rows = watch.source_rows(watch.list_sources(store))
    _emit(rows, fmt, ["name", "kind", "every", "last_poll", "status", "new", "done", "pending", "failed", "refused", "next_poll"])


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
        rows = watch.item_rows(store, name, state)
    _emit(rows, fmt, ["url", "state", "attempts", "doc", "error"])


@sources_app.command("log")
def sources_log(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Only this source's requests.")] = None,
    limit: Annotated[int, typer.Option(help="How many of the latest requests.")] = 50,
    fmt: FormatOpt = Format.table,
) -> None:
    """The latest requests the watch made: status, bytes, time, error."""
    with Store(_settings(ctx).db) as store:
        rows = [asdict(r) for r in watch.fetch_history(store, name, limit)]
    _emit(rows, fmt, ["at", "source", "purpose", "status", "bytes", "elapsed_ms", "url", "error"])


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
    if once:
        report = watch.run_once(settings, options)
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
        rows = alert_service.rule_rows(store)
    _emit(rows, fmt, ["id", "on", "matches", "channel", "target", "sent", "pending", "failed"])


@alerts_app.command("add")
def alerts_add(
    ctx: typer.Context,
    on: Annotated[str, typer.Option("--on", help="claim (new claims) or finding (new `check` findings).")] = "claim",
    subject: Annotated[str | None, typer.Option(help="Words that must all be in the subject or evidence.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Part of the outlet's (or source's) name.")] = None,
    finding_type: Annotated[
        str | None, typer.Option("--type", help="Finding type: conflict, baseline_mismatch, outlet_drift, calendar_error.")
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
    console.print(Text(f"alert {rule.id}: {alert_service.describe(rule)} -> {rule.channel} {rule.target}"))


@alerts_app.command("remove")
def alerts_remove(ctx: typer.Context, rule_id: Annotated[int, typer.Argument(metavar="ID", help="The rule's id.")]) -> None:
    """Delete an alert rule and its queue."""
    with Store(_settings(ctx).db, writer=True) as store:
        alert_service.remove_rule(store, rule_id)
    console.print(Text(f"removed alert {rule_id}"))


@app.command()
def versions(
    ctx: typer.Context, doc_id: Annotated[str, typer.Argument(metavar="DOC")], fmt: FormatOpt = Format.table
) -> None:
    """Every text a watched document has had: version, when stored, content hash, claims."""
    with Store(_settings(ctx).db) as store:
        rows = [asdict(v) for v in watch.document_versions(store, doc_id)]
    _emit(rows, fmt, ["version", "stored_at", "content_hash", "claims", "title", "published"])


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
