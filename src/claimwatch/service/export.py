"""``claimwatch export``: every table of the store written to a folder, as Parquet, CSV,
JSONL, or schema.org ClaimReview JSON-LD.

The tables and their columns are ``claimwatch.tables``'s; CSV cells go through the one
CSV renderer of ``claimwatch.exports`` (formula-like cells neutralised), JSONL through its
JSONL renderer. A file is written under a temporary name and renamed, so a reader never
sees half a table.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from .. import claimreview, exports, tables
from ..errors import InputError
from ..store import Store
from . import links, queries

Record = dict[str, Any]


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    claimreview = "claimreview"


@dataclass(frozen=True)
class StoreTables:
    """Every exported table of a store, read once."""

    rows: dict[str, list[Record]]
    claimreview: list[Record]


def read_tables(store: Store) -> StoreTables:
    """Read the store into the export tables (one pass over each cross-document link)."""
    documents = queries.documents(store)
    by_id = {d.id: d for d in documents}
    claims = queries.claims(store)
    all_points = links.current_index(store).talking_points()  # read once: points, stories, findings
    points = links.talking_points(store, min_docs=2, all_points=all_points)
    stories = links.stories(store, all_points)
    findings = links.findings(store, found_stories=stories)
    groups = links.claim_groups(store)
    people = queries.resolved_people(store)
    rows = {
        "documents": tables.document_rows(documents, queries.claim_counts(store)),
        "claims": tables.claim_rows(claims, by_id),
        "quotes": tables.quote_rows(queries.quotes(store), by_id),
        "speakers": tables.speaker_rows(queries.speakers(store, people)),
        "talking_points": tables.talking_point_rows(points),
        "talking_point_occurrences": tables.talking_point_occurrence_rows(points),
        "stories": tables.story_rows(stories),
        "story_passages": tables.story_passage_rows(stories),
        "findings": tables.finding_rows(findings),
        "finding_evidence": tables.finding_evidence_rows(findings),
        "claim_groups": tables.claim_group_rows(groups),
    }
    graph = claimreview.claim_graph(
        claims, by_id, groups=groups, findings=findings, series=queries.series_names(people)
    )
    return StoreTables(rows=rows, claimreview=graph)


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    partial = path.with_name(f".{path.name}.partial")
    write(partial)
    os.replace(partial, path)


def _write_text(path: Path, text: str) -> None:
    _write_atomically(path, lambda p: p.write_text(text, encoding="utf-8", newline=""))


def _write_parquet(path: Path, table: str, rows: list[Record]) -> None:
    import pyarrow.parquet as pq

    _write_atomically(path, lambda p: pq.write_table(tables.arrow_table(table, rows), p))


def export_store(store: Store, folder: Path, fmt: ExportFormat) -> list[Path]:
    """Write every table (or the ClaimReview graph) into ``folder``; the files written."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    read = read_tables(store)
    written: list[Path] = []
    if fmt is ExportFormat.claimreview:
        path = folder / "claims.jsonld"
        document = {"@context": claimreview.CONTEXT, "@graph": read.claimreview}
        _write_text(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return [path]
    for name in tables.EXPORTED_TABLES:
        rows = read.rows[name]
        path = folder / f"{name}.{fmt.value}"
        if fmt is ExportFormat.parquet:
            _write_parquet(path, name, rows)
        elif fmt is ExportFormat.csv:
            _write_text(path, exports.to_csv(rows, tables.TABLES[name].column_names))
        else:
            _write_text(path, exports.to_jsonl(rows))
        written.append(path)
    return written
