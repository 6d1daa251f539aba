"""One place for --format: table, json, jsonl, csv renderings of lists of dicts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from rich.table import Table


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def to_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str)


def to_jsonl(rows: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    buf = io.StringIO()
    cols = list(columns or (rows[0].keys() if rows else []))
    writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if r.get(k) is None else r.get(k) for k in cols})
    return buf.getvalue()


def to_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold", max_width=60 if col in ("evidence", "subject") else None)
    for r in rows:
        table.add_row(*("" if r.get(c) is None else _short(r.get(c)) for c in columns))
    return table


def table_view(claim: dict[str, Any]) -> dict[str, Any]:
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


def _short(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, int) and abs(v) >= 100000:
        return f"{v:,}"
    return str(v)


def render(rows: Sequence[dict[str, Any]], fmt: Format, columns: Sequence[str]) -> str | Table:
    """Text for json/jsonl/csv (all fields); a Rich table of ``columns`` for table."""
    if fmt is Format.json:
        return to_json(rows)
    if fmt is Format.jsonl:
        return to_jsonl(rows)
    if fmt is Format.csv:
        return to_csv(rows, list(rows[0].keys()) if rows else columns)
    return to_table(rows, columns)
