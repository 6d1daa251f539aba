"""One place for --format: records in, table / json / jsonl / csv out.

Every read command hands typed records (``Claim``, ``Document``, ``Quote``, the
cross-document ``TalkingPoint``, ``Story``, ``Finding``, ``ClaimGroup``,
``TimelinePoint``, ``Speaker``) to a ``*_view`` function here, which turns them into
a ``View``: plain records with every field (json, jsonl, csv) and the shaped rows and
columns of the terminal table. ``render`` prints a view in the chosen format.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .link.claim_groups import ClaimGroup
from .link.consistency import Finding, TimelinePoint
from .link.stories import Story, StoryPassage
from .link.talking_points import TalkingPoint
from .model import Claim, Document, Extraction, Quote
from .service.queries import DocumentLayers, Speaker
from .watch_records import AlertRule, DocumentVersion, FetchRecord, Source, SourceItem

# The claims export contract: field names and order (later tools depend on it).
CLAIM_FIELDS = (
    "id", "doc", "evidence", "start", "end", "kind", "value", "value_high", "unit", "subject",
    "speaker", "speaker_role", "period_start", "period_end", "period_text", "said_on", "confidence",
)  # fmt: skip
# What cites a record's document, appended to claims, quotes and finding evidence.
CITATION_FIELDS = ("outlet", "url", "title", "published")


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


Record = dict[str, Any]


@dataclass(frozen=True)
class View:
    """Records ready to print: ``records`` for json/jsonl/csv, ``rows`` and ``columns`` for
    the table (``rows`` default to the records), or a ``renderable`` for a table that is
    not a grid."""

    records: list[Record]
    columns: tuple[str, ...]
    rows: list[Record] | None = None
    renderable: RenderableType | None = None
    title: str | None = None
    wide: tuple[str, ...] = field(default=("evidence", "subject"))
    footer: tuple[str, ...] = ()  # lines under the table: the sources its rows cite


# ---- plain values -------------------------------------------------------------------


def _number(v: Any) -> Any:
    """Whole floats as ints (1200000000.0 -> 1200000000), for JSON that reads as written;
    no NaN or Infinity, which strict JSON cannot hold (null instead)."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _plain(obj: Any) -> Record:
    """A record's fields with dates as ISO strings."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(obj).items()}


def plain_number(v: float) -> str:
    """A number as written out in full, never in scientific notation (1.2e-05 -> 0.000012)."""
    if v != v or v in (float("inf"), float("-inf")):
        return str(v)
    if float(v).is_integer():
        return str(int(v))
    text = format(Decimal(repr(float(v))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _short(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float):
        v = _number(v)
        if isinstance(v, float):
            return plain_number(round(v, 6))
    if isinstance(v, int) and abs(v) >= 100000:
        return f"{v:,}"
    return str(v)


# C0 and C1 control characters but tab and newline: an article's ESC sequences must not
# reach a terminal
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_text(value: Any) -> Text:
    """Data for the terminal: plain text (never Rich markup), control characters removed."""
    return Text(_CONTROL.sub("", "" if value is None else _short(value)))


def without_controls(text: str) -> str:
    """Text for a terminal: control characters (escape sequences) removed, tab and newline kept."""
    return _CONTROL.sub("", text)


def citation(doc: Document | None) -> Record:
    """The fields that cite a document: outlet, URL, title, publication date."""
    if doc is None:
        return dict.fromkeys(CITATION_FIELDS)
    return {"outlet": doc.outlet, "url": doc.url, "title": doc.title, "published": _iso(doc.published)}


def cited_as(doc: Document | None, doc_id: str) -> str:
    """How a table names a document: its outlet and date, else its id."""
    if doc is None or not (doc.outlet or doc.published):
        return doc_id
    return ", ".join(x for x in (doc.outlet, _iso(doc.published)) if x)


def _sources(documents: Mapping[str, Document], doc_ids: Iterable[str]) -> list[str]:
    """One citation line per document, for under a table."""
    lines = []
    for doc_id in dict.fromkeys(doc_ids):
        d = documents.get(doc_id)
        if d is None:
            continue
        title = f"\u201c{d.title}\u201d" if d.title else None
        parts = [x for x in (d.outlet, title, _iso(d.published), d.url) if x]
        lines.append(f"{doc_id}: {', '.join(parts) if parts else 'no outlet, title or date known'}")
    return lines


# ---- records -------------------------------------------------------------------------


def claim_record(c: Claim) -> Record:
    """A Claim in the export contract's shape."""
    rec: Record = {
        "id": c.id, "doc": c.doc, "evidence": c.evidence, "start": c.start, "end": c.end, "kind": c.kind,
        "value": _number(c.value), "value_high": _number(c.value_high), "unit": c.unit, "subject": c.subject,
        "speaker": c.speaker, "speaker_role": c.speaker_role, "period_start": _iso(c.period_start),
        "period_end": _iso(c.period_end), "period_text": c.period_text, "said_on": _iso(c.said_on),
        "confidence": _number(c.confidence),
    }  # fmt: skip
    return rec


Documents = Mapping[str, Document]


def claim_records_by_doc(claims: Iterable[Claim]) -> dict[str, list[Record]]:
    """Claims in the export contract, by document (what the eval scores)."""
    by_doc: dict[str, list[Record]] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(claim_record(c))
    return by_doc


def claims_view(claims: Sequence[Claim], documents: Documents) -> View:
    """The contract's fields, then hedge, restates and the document's citation."""
    records = [
        {**claim_record(c), "hedge": c.hedge, "restates": c.restates, **citation(documents.get(c.doc))} for c in claims
    ]
    return View(records, ("doc", "kind", "value", "unit", "subject", "speaker", "period", "said_on", "evidence"),
                rows=[_claim_row(r) for r in records], footer=tuple(_sources(documents, (c.doc for c in claims))))  # fmt: skip


def _claim_row(claim: Record) -> Record:
    """A claim squeezed for a terminal table: value range, period as one column, short evidence."""
    value = _short(claim["value"])
    if claim.get("value_high") is not None:
        value += f"–{_short(claim['value_high'])}"
    period = None
    if claim.get("period_start") or claim.get("period_end"):
        period = f"{claim.get('period_start') or '…'}..{claim.get('period_end') or '…'}"
    evidence = claim["evidence"] if len(claim["evidence"]) <= 80 else claim["evidence"][:77] + "..."
    doc = claim["doc"] if len(claim["doc"]) <= 16 else claim["doc"][:15] + "…"
    return {**claim, "value": value, "period": period, "evidence": evidence, "doc": doc}


def claim_group_record(g: ClaimGroup) -> Record:
    return {
        "id": g.id, "story": g.story, "kind": g.kind, "value": _number(g.value), "value_high": _number(g.value_high),
        "unit": g.unit, "subject": g.subject, "subject_key": g.subject_key, "speaker": g.speaker,
        "period_start": _iso(g.period_start), "period_end": _iso(g.period_end), "said_on": _iso(g.said_on),
        "claims": list(g.claims), "sources": list(g.sources), "outlets": list(g.outlets),
        "boilerplate": list(g.boilerplate), "all_boilerplate": g.all_boilerplate,
    }  # fmt: skip


def claim_groups_view(groups: Sequence[ClaimGroup]) -> View:
    records = [claim_group_record(g) for g in groups]
    rows = [{**r, "sources": ", ".join(r["sources"]), "claims": len(r["claims"])} for r in records]
    return View(records, ("kind", "value", "unit", "subject", "speaker", "period_start", "sources", "claims"), rows)


def documents_view(documents: Sequence[Document], claim_counts: Mapping[str, int]) -> View:
    records = [
        {"id": d.id, "outlet": d.outlet, "published": _iso(d.published), "title": d.title, "source": d.source,
         "chars": len(d.text), "claims": claim_counts.get(d.id, 0)}
        for d in documents
    ]  # fmt: skip
    return View(records, ("id", "outlet", "published", "title", "claims"))


def quote_record(q: Quote, doc: Document | None = None) -> Record:
    rec = {k: v for k, v in _plain(q).items() if k not in ("text", "doc")}
    return {"doc": q.doc, "evidence": q.text, **rec, "rules": list(q.rules), **citation(doc)}


def quotes_view(quotes: Sequence[Quote], documents: Documents) -> View:
    records = [quote_record(q, documents.get(q.doc or "")) for q in quotes]
    return View(records, ("doc", "speaker", "cue", "kind", "start", "end", "evidence"),
                footer=tuple(_sources(documents, (q.doc or "" for q in quotes))))  # fmt: skip


def speakers_view(speakers: Sequence[Speaker]) -> View:
    records: list[Record] = [
        {"id": s.person.id, "name": s.person.name, "aliases": list(s.person.aliases), "roles": list(s.roles),
         "documents": s.documents, "quotes": s.quotes, "claims": s.claims}
        for s in speakers
    ]  # fmt: skip
    rows = [{**r, "aliases": "; ".join(r["aliases"]), "roles": "; ".join(r["roles"])} for r in records]
    return View(records, ("name", "aliases", "roles", "documents", "quotes", "claims"), rows)


def talking_point_record(p: TalkingPoint) -> Record:
    """The talking-points export contract: id, text, occurrences (doc, start, end, evidence)."""
    return {
        "id": p.id,
        "text": p.text,
        "occurrences": [
            {"doc": o.doc, "start": o.start, "end": o.end, "evidence": o.evidence,
             "outlet": o.outlet, "similarity": round(o.similarity, 3)}
            for o in p.occurrences
        ],  # fmt: skip
        "drift": round(p.drift, 3),
        "outlets": list(p.outlets),
        "first_seen": _iso(p.first_seen),
        "last_seen": _iso(p.last_seen),
    }


def talking_points_view(points: Sequence[TalkingPoint]) -> View:
    records = [talking_point_record(p) for p in points]
    rows = [
        {"id": r["id"][:10], "docs": len({o["doc"] for o in r["occurrences"]}), "outlets": ", ".join(r["outlets"]),
         "first_seen": r["first_seen"], "last_seen": r["last_seen"], "drift": r["drift"], "text": r["text"]}
        for r in records
    ]  # fmt: skip
    return View(records, ("id", "docs", "outlets", "first_seen", "last_seen", "drift", "text"), rows)


def story_record(s: Story) -> Record:
    """The stories export contract: id, readable label, passages (doc, start, end), the
    recaps that recall the event in later articles, its series and its date."""
    def spans(ps: Iterable[StoryPassage]) -> list[Record]:
        return [{"doc": p.doc, "start": p.start, "end": p.end} for p in ps]

    return {"id": s.id, "label": s.label, "when": _iso(s.when), "series": s.series,
            "passages": spans(s.passages), "recaps": spans(s.recaps)}  # fmt: skip


def stories_view(stories: Sequence[Story]) -> View:
    records = [story_record(s) for s in stories]
    rows = [
        {"id": r["id"][:10], "label": r["label"], "when": r["when"] or "",
         "passages": "; ".join(f"{p['doc']}[{p['start']}:{p['end']}]" for p in r["passages"]),
         "series": (r["series"] or "")[:10]}
        for r in records
    ]  # fmt: skip
    return View(records, ("id", "label", "when", "passages", "series"), rows)


def finding_record(f: Finding, documents: Documents) -> Record:
    """The check export contract: id, type, claims (ids), explanation, plus both sides' evidence
    with the citation of its document."""
    return {
        "id": f.id,
        "type": f.type,
        "severity": f.severity,
        "docs": list(f.docs),
        "story": f.story,
        "claims": list(f.claims),
        "explanation": f.explanation,
        "evidence": [
            {"doc": e.doc, "start": e.start, "end": e.end, "text": e.text, **citation(documents.get(e.doc))}
            for e in f.evidence
        ],
    }


def findings_view(findings: Sequence[Finding], documents: Documents) -> View:
    records = [finding_record(f, documents) for f in findings]
    parts: list[RenderableType] = []
    for r in records:
        parts.append(Rule(Text.assemble((r["type"], "bold"), f" [{r['severity']}] {r['id']}")))
        parts.append(terminal_text(r["explanation"]))
        if r["story"]:
            parts.append(terminal_text(f"  story: {r['story']}"))
        if len(r["docs"]) > len({e["doc"] for e in r["evidence"]}):
            parts.append(terminal_text("  documents: " + ", ".join(r["docs"])))
        for e in r["evidence"]:
            where = cited_as(documents.get(e["doc"]), e["doc"])
            parts.append(terminal_text(f"  {where} ({e['doc']}[{e['start']}:{e['end']}]): {e['text']}"))
    parts.append(Text(f"{len(records)} finding(s)"))
    sources = _sources(documents, (e["doc"] for r in records for e in r["evidence"]))
    parts.extend(terminal_text(line) for line in (["sources:"] + sources if sources else []))
    return View(records, ("id", "type", "severity", "story", "explanation"), renderable=Group(*parts))


def timeline_record(p: TimelinePoint) -> Record:
    return {
        "when": p.when.isoformat(), "series": p.series, "subject": p.subject_key, "kind": p.kind,
        "value": p.value, "value_high": p.value_high, "unit": p.unit, "period_start": _iso(p.period_start),
        "period_end": _iso(p.period_end), "said_on": _iso(p.said_on), "doc": p.doc, "claim": p.claim,
    }  # fmt: skip


def timeline_view(points: Sequence[TimelinePoint]) -> View:
    return View([timeline_record(p) for p in points], ("when", "series", "subject", "kind", "value", "unit", "doc"))


def extraction_record(doc: Document, ex: Extraction) -> Record:
    """Every layer of a stateless extraction, with offsets into the stored text."""
    return {
        "doc": doc.id,
        "published": _iso(doc.published),
        "outlet": doc.outlet,
        "title": doc.title,
        "quantities": [
            {k: _plain(q)[k] for k in ("start", "end", "text", "value", "value_high", "unit", "kind", "change", "hedge")}
            for q in ex.quantities
        ],
        "times": [
            {k: _plain(t)[k] for k in ("start", "end", "text", "type", "value", "period_start", "period_end", "calendar")}
            for t in ex.times
        ],
        "quotes": [{k: v for k, v in _plain(q).items() if k != "doc"} for q in ex.quotes],
        "people": [{k: v for k, v in _plain(p).items() if k not in ("mentions", "doc", "published")} for p in ex.people],
        "claims": [claim_record(c) for c in ex.claims],
    }


# ---- renderers ----------------------------------------------------------------------


def to_json(rows: Any) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str)


def to_jsonl(rows: Iterable[Record]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)


# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """One CSV cell: nested values as JSON, numbers written out in full, text that a
    spreadsheet would run as a formula prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return plain_number(value) if isinstance(value, float) else str(value)
    if isinstance(value, list | tuple | dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: Sequence[Record], columns: Sequence[str] | None = None) -> str:
    buf = io.StringIO()
    cols = list(columns or (rows[0].keys() if rows else []))
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for r in rows:
        writer.writerow([csv_cell(r.get(k)) for k in cols])
    return buf.getvalue()


def to_table(rows: Sequence[Record], columns: Sequence[str], title: str | None = None,
             wide: Sequence[str] = ("evidence", "subject")) -> Table:  # fmt: skip
    table = Table(title=title, show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold", max_width=60 if col in wide else None)
    for r in rows:
        # cells are data: plain Text, never read as Rich markup
        table.add_row(*(terminal_text(r.get(c)) for c in columns))
    return table


def render(view: View, fmt: Format) -> str | RenderableType:
    """Text for json/jsonl/csv (all fields); a Rich renderable for table."""
    if fmt is Format.json:
        return to_json(view.records) + "\n"
    if fmt is Format.jsonl:
        return to_jsonl(view.records)
    if fmt is Format.csv:
        return to_csv(view.records, list(view.records[0].keys()) if view.records else view.columns)
    if view.renderable is not None:
        return view.renderable
    table = to_table(view.rows if view.rows is not None else view.records, view.columns, view.title, view.wide)
    if not view.footer:
        return table
    return Group(table, Text("sources:"), *(terminal_text(line) for line in view.footer))


# ---- a document with its spans ---------------------------------------------------------


def document_heading(document: Document) -> str:
    when = _iso(document.published) or "no date"
    return " | ".join(x for x in (document.id, document.outlet or "-", when, document.title or "", document.url or "") if x)


_MARKS = {"claims": "claim", "quotes": "quote", "times": "date"}


def marked_document(layers: DocumentLayers) -> str:
    """A document as plain text with its spans marked ([[claim: ...]], [[quote: ...]],
    [[date: ...]]) and its claims listed under it: ``show`` when piped."""
    document = layers.document
    opens: dict[int, list[tuple[int, str]]] = {}
    closes: dict[int, int] = {}
    for name, spans in (("quotes", layers.quotes), ("claims", layers.claims), ("times", layers.times)):
        for item in spans:
            if item.end > item.start:
                opens.setdefault(item.start, []).append((item.end, _MARKS[name]))
                closes[item.end] = closes.get(item.end, 0) + 1
    out: list[str] = []
    text = _CONTROL.sub(" ", document.text)
    for i, ch in enumerate(text):
        out.append("]]" * closes.get(i, 0))
        # the longer span opens first, so that nested marks close in order
        out.extend(f"[[{mark}: " for _end, mark in sorted(opens.get(i, []), reverse=True))
        out.append(ch)
    out.append("]]" * closes.get(len(text), 0))
    lines = [document_heading(document), "", "".join(out), "", f"{len(layers.claims)} claim(s):"]
    for c in layers.claims:
        row = _claim_row(claim_record(c))
        lines.append(f"  {c.id}  {row['kind']} {row['value']} {c.unit}  speaker: {c.speaker or '-'}  "
                     f"period: {row['period'] or '-'}  said_on: {row['said_on'] or '-'}")  # fmt: skip
    return _CONTROL.sub("", "\n".join(lines)) + "\n"


# ---- watching outlets: sources, their links, the fetch log, alert rules, versions ---------


def _every(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def sources_view(sources: Sequence[Source]) -> View:
    """Watched sources: schedule, last poll and its status, links by state."""
    records = [
        {
            "name": s.name, "url": s.url, "kind": s.kind, "every": _every(s.every_s), "last_poll": s.last_poll_at,
            "status": s.last_status, "new": s.last_new, "done": s.items.get("done", 0),
            "pending": s.items.get("pending", 0), "failed": s.items.get("failed", 0),
            "refused": s.items.get("refused", 0), "failures_in_a_row": s.failures, "next_poll": s.next_poll_at,
        }  # fmt: skip
        for s in sources
    ]
    columns = ("name", "kind", "every", "last_poll", "status", "new", "done", "pending", "failed", "refused", "next_poll")
    return View(records, columns, wide=("status",))


def source_items_view(items: Sequence[SourceItem]) -> View:
    """A source's links and what became of each, failures with their reason."""
    records = [
        {"url": it.url, "listed_url": it.listed_url, "state": it.state, "attempts": it.attempts, "doc": it.doc_id,
         "error": it.last_error, "first_seen": it.first_seen, "title": it.title, "published": _iso(it.published)}
        for it in items
    ]  # fmt: skip
    return View(records, ("url", "state", "attempts", "doc", "error"), wide=("url", "doc", "error"))


def fetch_log_view(records: Sequence[FetchRecord]) -> View:
    """Requests the watch made, newest first."""
    return View([asdict(r) for r in records], ("at", "source", "purpose", "status", "bytes", "elapsed_ms", "url", "error"),
                wide=("url", "error"))  # fmt: skip


def describe_rule(rule: AlertRule) -> str:
    """What a rule matches, in one line."""
    parts = [f"{name} ~ {value!r}" for name, value in
             (("subject", rule.subject), ("speaker", rule.speaker), ("outlet", rule.outlet), ("type", rule.finding_type))
             if value]  # fmt: skip
    return f"new {rule.kind}s" + (f" where {', '.join(parts)}" if parts else "")


def alert_rules_view(rules: Sequence[tuple[AlertRule, Mapping[str, int]]]) -> View:
    """Alert rules with their alerts counted by state."""
    records = [
        {"id": r.id, "on": r.kind, "matches": describe_rule(r), "subject": r.subject, "speaker": r.speaker,
         "outlet": r.outlet, "type": r.finding_type, "channel": r.channel, "target": r.target,
         "sent": n.get("sent", 0), "pending": n.get("pending", 0), "failed": n.get("failed", 0),
         "created_at": r.created_at}
        for r, n in rules
    ]  # fmt: skip
    return View(records, ("id", "on", "matches", "channel", "target", "sent", "pending", "failed"), wide=("matches", "target"))


def versions_view(versions: Sequence[DocumentVersion]) -> View:
    """Every text a document has had."""
    return View([asdict(v) for v in versions], ("version", "stored_at", "content_hash", "claims", "title", "published"),
                wide=("title",))  # fmt: skip

