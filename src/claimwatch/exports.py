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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .link.claim_groups import ClaimGroup
from .link.consistency import Finding, TimelinePoint
from .link.stories import Story
from .link.talking_points import TalkingPoint
from .model import Claim, Document, Extraction, Quote
from .service.queries import Speaker

# The claims export contract: field names and order (later tools depend on it).
CLAIM_FIELDS = (
    "id", "doc", "evidence", "start", "end", "kind", "value", "value_high", "unit", "subject",
    "speaker", "speaker_role", "period_start", "period_end", "period_text", "said_on", "confidence",
)  # fmt: skip


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


# ---- plain values -------------------------------------------------------------------


def _number(v: Any) -> Any:
    """Whole floats as ints (1200000000.0 -> 1200000000), for JSON that reads as written."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _plain(obj: Any) -> Record:
    """A record's fields with dates as ISO strings."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(obj).items()}


def _short(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, int) and abs(v) >= 100000:
        return f"{v:,}"
    return str(v)


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


def claim_records_by_doc(claims: Iterable[Claim]) -> dict[str, list[Record]]:
    """Claims in the export contract, by document (what the eval scores)."""
    by_doc: dict[str, list[Record]] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(claim_record(c))
    return by_doc


def claims_view(claims: Sequence[Claim]) -> View:
    records = [{**claim_record(c), "hedge": c.hedge, "restates": c.restates} for c in claims]
    return View(records, ("doc", "kind", "value", "unit", "subject", "speaker", "period", "said_on", "evidence"),
                rows=[_claim_row(r) for r in records])  # fmt: skip


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


def quote_record(q: Quote) -> Record:
    rec = {k: v for k, v in _plain(q).items() if k not in ("text", "doc")}
    return {"doc": q.doc, "evidence": q.text, **rec, "rules": list(q.rules)}


def quotes_view(quotes: Sequence[Quote]) -> View:
    return View([quote_record(q) for q in quotes], ("doc", "speaker", "cue", "kind", "start", "end", "evidence"))


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


def story_record(s: Story, titles: Mapping[str, str | None]) -> Record:
    """The stories export contract: id, label, passages (doc, start, end). The label is the
    title of the first whole-document report when one is known."""
    label = next((titles[p.doc] for p in s.passages if titles.get(p.doc)), None) or s.label
    return {"id": s.id, "label": label, "passages": [{"doc": p.doc, "start": p.start, "end": p.end} for p in s.passages]}


def stories_view(stories: Sequence[Story], documents: Iterable[Document]) -> View:
    titles = {d.id: d.title for d in documents}
    records = [story_record(s, titles) for s in stories]
    rows = [
        {"id": r["id"][:10], "label": r["label"],
         "passages": "; ".join(f"{p['doc']}[{p['start']}:{p['end']}]" for p in r["passages"])}
        for r in records
    ]  # fmt: skip
    return View(records, ("id", "label", "passages"), rows)


def finding_record(f: Finding) -> Record:
    """The check export contract: id, type, claims (ids), explanation, plus both sides' evidence."""
    return {
        "id": f.id,
        "type": f.type,
        "claims": list(f.claims),
        "explanation": f.explanation,
        "evidence": [{"doc": e.doc, "start": e.start, "end": e.end, "text": e.text} for e in f.evidence],
    }


def findings_view(findings: Sequence[Finding]) -> View:
    records = [finding_record(f) for f in findings]
    parts: list[RenderableType] = []
    for r in records:
        parts.append(Rule(Text.assemble((r["type"], "bold"), f" {r['id']}")))
        parts.append(Text(r["explanation"]))
        parts.extend(Text(f"  {e['doc']}[{e['start']}:{e['end']}] {e['text']}") for e in r["evidence"])
    parts.append(Text(f"{len(records)} finding(s)"))
    return View(records, ("id", "type", "explanation"), renderable=Group(*parts))


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


def to_csv(rows: Sequence[Record], columns: Sequence[str] | None = None) -> str:
    buf = io.StringIO()
    cols = list(columns or (rows[0].keys() if rows else []))
    writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if r.get(k) is None else r.get(k) for k in cols})
    return buf.getvalue()


def to_table(rows: Sequence[Record], columns: Sequence[str], title: str | None = None,
             wide: Sequence[str] = ("evidence", "subject")) -> Table:  # fmt: skip
    table = Table(title=title, show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold", max_width=60 if col in wide else None)
    for r in rows:
        # cells are data: Text, never read as Rich markup
        table.add_row(*(Text("" if r.get(c) is None else _short(r.get(c))) for c in columns))
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
    return to_table(view.rows if view.rows is not None else view.records, view.columns, view.title, view.wide)
