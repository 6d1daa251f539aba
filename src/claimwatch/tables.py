"""Flat tables with stable columns: what ``claimwatch export`` writes and what the
Python API's ``to_pandas()`` / ``to_polars()`` return.

Every table is declared once here (``TABLES``): its columns in order, each with a type
and a description. Rows are built from the records of ``claimwatch.exports`` (the same
contract the read commands print), flattened where a record nests (the occurrences of a
talking point, the passages of a story, the evidence of a finding become tables of
their own, keyed by the parent's id). Column names and order are a contract: tools
downstream read them, so a column is only ever added at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from . import exports
from .link.claim_groups import ClaimGroup
from .link.consistency import Finding, TimelinePoint
from .link.stories import Story
from .link.talking_points import TalkingPoint
from .model import Claim, Document, Quote
from .service.queries import Speaker

ColumnType = Literal["text", "integer", "real", "boolean", "date", "list"]
Record = dict[str, Any]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _cols(*specs: tuple[str, ColumnType, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in specs)


_CITATION: tuple[tuple[str, ColumnType, str], ...] = (
    ("outlet", "text", "The outlet that published the document."),
    ("url", "text", "The document's URL, when known."),
    ("title", "text", "The document's title."),
    ("published", "date", "The document's publication date."),
)

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        TableSpec("documents", "One row per stored article.", _cols(
            ("id", "text", "Document id: the file name, a JSONL line's id, or a URL's slug."),
            ("outlet", "text", "The outlet: from claimwatch.toml [outlets], the page, or the host name."),
            ("published", "date", "Publication date (ISO), when the input or the page states it."),
            ("title", "text", "The article's title."),
            ("url", "text", "Where the article was read from, when it has a URL."),
            ("source", "text", "The input it came from: a path, path:line for JSONL, or a URL."),
            ("chars", "integer", "Length of the stored text in characters."),
            ("claims", "integer", "Number of claims extracted from it."),
            ("copy_of", "text", "The first stored document with the same text (a wire copy), if any."),
            ("dateline_date", "date", "The day the dateline names, if any."),
            ("text", "text", "The stored text every offset points into."),
        )),
        TableSpec("claims", "One row per quantitative claim: a figure with what it measures, who said it, for which period, said when.", _cols(
            ("id", "text", "Claim id: document, offsets of the figure, kind."),
            ("doc", "text", "The document the claim is in (documents.id)."),
            ("evidence", "text", "The clause stating the claim: exactly text[start:end] of the document."),
            ("start", "integer", "Character offset where the evidence starts."),
            ("end", "integer", "Character offset where the evidence ends."),
            ("kind", "text", "multiplier, percent_change, percent_share, amount or count."),
            ("value", "real", "The normalised value (1.2 billion -> 1200000000; a fall of 3% -> -3)."),
            ("value_high", "real", "The top of a range, else empty."),
            ("unit", "text", "x, %, an ISO 4217 currency code, or the counted noun."),
            ("subject", "text", "What is measured, as the document words it."),
            ("speaker", "text", "Who stated it (fullest form of the name in the document); empty when the outlet states it."),
            ("speaker_role", "text", "The speaker's role as the document gives it."),
            ("period_start", "date", "First day of the period the figure is about."),
            ("period_end", "date", "Last day of the period the figure is about."),
            ("period_text", "text", "The words that state the period."),
            ("said_on", "date", "When the claim was made."),
            ("confidence", "real", "Calibrated probability that every field is right (0..1)."),
            ("hedge", "text", "A hedge word before the figure ('about', 'nearly', 'at least')."),
            ("restates", "text", "Id of the first mention of the same figure in the document, when this restates it."),
            *_CITATION,
        )),
        TableSpec("quotes", "Direct quotes and reported speech, with speaker and cue.", _cols(
            ("doc", "text", "The document the quote is in (documents.id)."),
            ("evidence", "text", "The quoted or reported words: text[start:end]."),
            ("start", "integer", "Character offset where the quoted words start."),
            ("end", "integer", "Character offset where the quoted words end."),
            ("kind", "text", "direct or reported."),
            ("cue", "text", "The speech verb or phrase ('said', 'according to')."),
            ("cue_start", "integer", "Offset of the cue."),
            ("cue_end", "integer", "End offset of the cue."),
            ("speaker", "text", "Who is quoted (fullest form of the name in the document)."),
            ("speaker_start", "integer", "Offset of the mention that introduces the speaker."),
            ("speaker_end", "integer", "End offset of that mention."),
            ("speaker_role", "text", "The speaker's role as the document gives it."),
            ("speaker_title", "text", "The speaker's title or rank."),
            ("rules", "list", "The named rules that resolved the speaker."),
            *_CITATION,
        )),
        TableSpec("speakers", "Canonical people across documents.", _cols(
            ("id", "text", "Stable id of the person."),
            ("name", "text", "The canonical (fullest) name."),
            ("aliases", "list", "Every spelling of the name seen."),
            ("roles", "list", "Roles with the date they were stated."),
            ("documents", "integer", "Documents that mention the person."),
            ("quotes", "integer", "Quotes attributed to the person."),
            ("claims", "integer", "Claims attributed to the person."),
        )),
        TableSpec("talking_points", "Sentences recycled across documents.", _cols(
            ("id", "text", "Stable id: hash of the normalised canonical wording."),
            ("text", "text", "The canonical wording: the most frequent, then the earliest."),
            ("documents", "integer", "Number of documents it occurs in."),
            ("outlets", "list", "Outlets that ran it."),
            ("first_seen", "date", "Earliest publication date of an occurrence."),
            ("last_seen", "date", "Latest publication date of an occurrence."),
            ("drift", "real", "1 - mean similarity of the occurrences to the canonical wording."),
        )),
        TableSpec("talking_point_occurrences", "Each place a talking point occurs.", _cols(
            ("talking_point", "text", "The talking point (talking_points.id)."),
            ("doc", "text", "The document (documents.id)."),
            ("start", "integer", "Character offset of the sentence."),
            ("end", "integer", "End offset of the sentence."),
            ("evidence", "text", "The sentence as this document words it: text[start:end]."),
            ("outlet", "text", "The document's outlet."),
            ("similarity", "real", "Similarity to the canonical wording (0..1)."),
        )),
        TableSpec("stories", "Reports of one event across outlets.", _cols(
            ("id", "text", "Stable id: hash of the passages."),
            ("label", "text", "The earliest headline, else 'Speaker: figure, subject (period)' of its main claim."),
            ("when", "text", "The day of the event (ISO date), when known."),
            ("series", "text", "The series of recurring announcements it belongs to, if any."),
            ("documents", "integer", "Number of documents reporting it."),
        )),
        TableSpec("story_passages", "The passages that report a story.", _cols(
            ("story", "text", "The story (stories.id)."),
            ("doc", "text", "The document (documents.id)."),
            ("start", "integer", "Offset where the passage starts (0 for a whole document)."),
            ("end", "integer", "Offset where the passage ends."),
        )),
        TableSpec("findings", "What `claimwatch check` finds: conflicts, baseline mismatches, outlet drift, calendar errors.", _cols(
            ("id", "text", "Stable id: type and a hash of the evidence."),
            ("type", "text", "conflict, baseline_mismatch, outlet_drift or calendar_error."),
            ("claims", "list", "The claims involved (claims.id)."),
            ("explanation", "text", "What is wrong, in a sentence."),
        )),
        TableSpec("finding_evidence", "Both sides of each finding.", _cols(
            ("finding", "text", "The finding (findings.id)."),
            ("doc", "text", "The document (documents.id)."),
            ("start", "integer", "Offset of the evidence."),
            ("end", "integer", "End offset of the evidence."),
            ("text", "text", "The evidence: text[start:end]."),
        )),
        TableSpec("claim_groups", "One claim as reported by one or more sources.", _cols(
            ("id", "text", "Stable id: hash of the member claim ids."),
            ("story", "text", "The story it belongs to (stories.id), if any."),
            ("kind", "text", "The kind of figure."),
            ("value", "real", "The value of the most precise member."),
            ("value_high", "real", "The top of a range, else empty."),
            ("unit", "text", "The unit."),
            ("subject", "text", "What is measured."),
            ("subject_key", "text", "The normalised subject used to compare claims."),
            ("speaker", "text", "The speaker most members name."),
            ("period_start", "date", "First day of the period."),
            ("period_end", "date", "Last day of the period."),
            ("said_on", "date", "The earliest said_on of the members."),
            ("claims", "list", "Member claims (claims.id), first mentions first."),
            ("sources", "list", "Documents that report it."),
            ("outlets", "list", "Outlets of those documents."),
            ("boilerplate", "list", "Members stated inside recycled talking points."),
            ("all_boilerplate", "boolean", "Every member is inside a recycled talking point."),
        )),
        TableSpec("timeline", "Figures about one subject placed on a time axis, one series per speaker.", _cols(
            ("when", "date", "The period's midpoint, else said_on."),
            ("series", "text", "The speaker (aliases merged)."),
            ("subject", "text", "The normalised subject."),
            ("kind", "text", "The kind of figure."),
            ("value", "real", "The value."),
            ("value_high", "real", "The top of a range, else empty."),
            ("unit", "text", "The unit."),
            ("period_start", "date", "First day of the period."),
            ("period_end", "date", "Last day of the period."),
            ("said_on", "date", "When the claim was made."),
            ("doc", "text", "The document (documents.id)."),
            ("claim", "text", "The claim (claims.id)."),
        )),
    )
}  # fmt: skip

# The tables `claimwatch export` writes (a timeline is one subject's: the API gives it).
EXPORTED_TABLES: tuple[str, ...] = tuple(name for name in TABLES if name != "timeline")


def _shaped(table: str, records: Iterable[Record]) -> list[Record]:
    """Records with exactly the table's columns, in order (missing ones empty)."""
    names = TABLES[table].column_names
    return [{name: r.get(name) for name in names} for r in records]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def document_rows(documents: Sequence[Document], claim_counts: Mapping[str, int]) -> list[Record]:
    extra = {d.id: d for d in documents}
    records = exports.documents_view(documents, claim_counts).records
    return _shaped("documents", (
        {**r, "url": extra[r["id"]].url, "copy_of": extra[r["id"]].copy_of,
         "dateline_date": _iso(extra[r["id"]].dateline_date), "text": extra[r["id"]].text}
        for r in records
    ))  # fmt: skip


def claim_rows(claims: Sequence[Claim], documents: Mapping[str, Document]) -> list[Record]:
    return _shaped("claims", exports.claims_view(claims, documents).records)


def quote_rows(quotes: Sequence[Quote], documents: Mapping[str, Document]) -> list[Record]:
    return _shaped("quotes", exports.quotes_view(quotes, documents).records)


def speaker_rows(speakers: Sequence[Speaker]) -> list[Record]:
    return _shaped("speakers", exports.speakers_view(speakers).records)


def talking_point_rows(points: Sequence[TalkingPoint]) -> list[Record]:
    return _shaped("talking_points", (
        {**exports.talking_point_record(p), "documents": len(p.docs)} for p in points
    ))  # fmt: skip


def talking_point_occurrence_rows(points: Sequence[TalkingPoint]) -> list[Record]:
    return _shaped("talking_point_occurrences", (
        {"talking_point": r["id"], **o} for r in map(exports.talking_point_record, points) for o in r["occurrences"]
    ))  # fmt: skip


def story_rows(stories: Sequence[Story]) -> list[Record]:
    return _shaped("stories", ({**exports.story_record(s), "documents": len(s.docs)} for s in stories))


def story_passage_rows(stories: Sequence[Story]) -> list[Record]:
    return _shaped("story_passages", (
        {"story": s.id, "doc": p.doc, "start": p.start, "end": p.end} for s in stories for p in s.passages
    ))  # fmt: skip


def finding_rows(findings: Sequence[Finding]) -> list[Record]:
    return _shaped("findings", (exports.finding_record(f, {}) for f in findings))


def finding_evidence_rows(findings: Sequence[Finding]) -> list[Record]:
    return _shaped("finding_evidence", (
        {"finding": f.id, "doc": e.doc, "start": e.start, "end": e.end, "text": e.text}
        for f in findings for e in f.evidence
    ))  # fmt: skip


def claim_group_rows(groups: Sequence[ClaimGroup]) -> list[Record]:
    return _shaped("claim_groups", (exports.claim_group_record(g) for g in groups))


def timeline_rows(points: Sequence[TimelinePoint]) -> list[Record]:
    return _shaped("timeline", (exports.timeline_record(p) for p in points))


# ---- data frames ----------------------------------------------------------------------


def _typed_value(value: Any, kind: ColumnType) -> Any:
    if value is None:
        return None
    if kind == "date":
        return date.fromisoformat(value) if isinstance(value, str) else value
    if kind == "real":
        return float(value)
    if kind == "list":
        return [str(v) for v in value]
    return value


def typed_columns(table: str, rows: Sequence[Record]) -> dict[str, list[Any]]:
    """The rows as one list per column, dates as ``date`` and reals as ``float``."""
    return {c.name: [_typed_value(r.get(c.name), c.type) for r in rows] for c in TABLES[table].columns}


def arrow_table(table: str, rows: Sequence[Record]) -> Any:
    """A pyarrow Table with the declared schema (a table without rows keeps its columns)."""
    import pyarrow as pa

    types = {"text": pa.string(), "integer": pa.int64(), "real": pa.float64(), "boolean": pa.bool_(),
             "date": pa.date32(), "list": pa.list_(pa.string())}  # fmt: skip
    spec = TABLES[table]
    schema = pa.schema([pa.field(c.name, types[c.type]) for c in spec.columns],
                       metadata={"description": spec.description})  # fmt: skip
    return pa.Table.from_pydict(typed_columns(table, rows), schema=schema)


def to_pandas(table: str, rows: Sequence[Record]) -> Any:
    """A pandas DataFrame with the table's columns (dates as datetime64, lists as lists)."""
    return arrow_table(table, rows).to_pandas(date_as_object=False)


def to_polars(table: str, rows: Sequence[Record]) -> Any:
    """A Polars DataFrame with the table's columns (raises ImportError without Polars)."""
    import polars as pl

    return pl.from_arrow(arrow_table(table, rows))


# ---- the reference page -----------------------------------------------------------------


def _escaped(text: str) -> str:
    return text.replace("|", "\\|")


def reference_markdown() -> str:
    """docs/tables.md: every table with its columns, types and descriptions (``make docs``)."""
    lines = [
        "# Tables and columns",
        "",
        "Generated from `claimwatch.tables` by `make docs` (`python -m claimwatch.reference docs`); do not",
        "edit by hand. These are the files `claimwatch export` writes (one per table; `timeline` is the API's",
        "`store.timeline(subject)`) and the columns of the Python API's data frames. Types: `text`, `integer`,",
        "`real`, `boolean`, `date` (ISO `YYYY-MM-DD`; Parquet `date32`), `list` (of text; JSON in CSV).",
        "",
    ]
    for spec in TABLES.values():
        lines += [f"## `{spec.name}`", "", spec.description, "", "| Column | Type | Description |", "| --- | --- | --- |"]
        lines += [f"| `{c.name}` | {c.type} | {_escaped(c.description)} |" for c in spec.columns]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"

