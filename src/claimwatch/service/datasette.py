"""The store in Datasette: a metadata file (table and column descriptions, documents
labelled by title wherever a row points to one, full-text search on documents and quotes),
and ``claimwatch datasette`` starting Datasette on it when the extra is installed.

Column descriptions come from the export tables (``claimwatch.tables``) wherever a
stored column is the same field, so one description serves the export, the API's data
frames and Datasette; other tables and columns are described by the comments of the
store's schema (``store.SCHEMA``), where they are declared.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from .. import tables
from ..errors import InputError
from ..store import SCHEMA, Store

# Stored columns named differently from the export's, or only stored.
_STORED_COLUMNS: dict[str, str] = {
    "doc_id": "The document (documents.id).",
    "content_hash": "Hash of the normalised text: the same text from two inputs has one hash.",
    "raw": "The input as decoded (HTML source for web pages).",
    "excluded": "JSON [[start, end], ...]: metadata lines and page chrome that extraction skips.",
    "added_at": "When the document was stored (UTC).",
    "pipeline_version": "Version of the extractor that produced the document's rows.",
    "quantity_start": "Offset of the figure itself inside the evidence's document.",
    "quantity_end": "End offset of the figure.",
    "persian_reading": "1 when a relative date was read in the Persian calendar.",
    "is_baseline": "1 when the period is a baseline of comparison ('compared with 2019').",
    "rules": "JSON list of the named rules that decided the row (`claimwatch explain`).",
    "worthiness": "How clearly the number stage read the figure as a claim (0..1).",
    "idx": "Position of the row within its document.",
}

_TABLE_DESCRIPTIONS: dict[str, str] = {
    "sentences": "Sentence boundaries of each document.",
    "entities": "Named entities the model found (label: PERSON, ORG, GPE, ...).",
    "quantities": "Every number read, with its normalised value, unit and kind (claims are the subset with a speaker or subject).",
    "times": "Time expressions normalised against the publication date (TimeML-like value, period bounds).",
    "people": "People as each document names them: name, title, role, organisation.",
    "speaker_decisions": "A user's merges and splits of speaker names (`claimwatch speakers merge/split`).",
}

# Internal bookkeeping: hidden from Datasette's table list (still queryable).
_HIDDEN = ("meta", "tp_documents", "tp_sentences", "tp_bands", "tp_candidates")


_CREATE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) \(")


def schema_comments(schema: str = SCHEMA) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """What the store's schema says in its SQL comments: each table's description (the
    comment lines just above its CREATE TABLE) and its columns' (a comment after the column),
    so that a table added to the schema is described where it is declared."""
    lines = schema.splitlines()
    described: dict[str, str] = {}
    columns: dict[str, dict[str, str]] = {}
    for i, line in enumerate(lines):
        created = _CREATE.match(line.strip())
        if not created:
            continue
        table = created.group(1)
        above: list[str] = []
        for previous in reversed(lines[:i]):
            text = previous.strip()
            if not text.startswith("--") or text.startswith("-- ----"):
                break
            above.insert(0, text.removeprefix("--").strip())
        described[table] = " ".join(above)
        columns[table] = {}
        for body in lines[i + 1 :]:
            if body.strip().startswith(")"):
                break
            definition, _, comment = body.partition("--")
            words = definition.split()
            if comment.strip() and words:
                columns[table][words[0].strip('"')] = comment.strip()
    return described, columns


_SCHEMA_TABLES, _SCHEMA_COLUMNS = schema_comments()


def _column_descriptions(store_table: str, stored: list[str]) -> dict[str, str]:
    spec = tables.TABLES.get(store_table)
    known = {c.name: c.description for c in spec.columns} if spec else {}
    if store_table == "quotes":
        known["text"] = known.get("evidence", "")
    from_schema = _SCHEMA_COLUMNS.get(store_table, {})
    out = {}
    for name in stored:
        description = known.get(name) or from_schema.get(name) or _STORED_COLUMNS.get(name)
        if description:
            out[name] = description
    return out


def metadata(store: Store) -> dict[str, Any]:
    """Datasette metadata for the store's database."""
    table_names = [r[0] for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    described: dict[str, Any] = {}
    for name in table_names:
        # full-text indexes and their own tables (documents_fts, documents_fts_data, ...) are
        # no reading matter: their tables' search box uses them
        if name in _HIDDEN or name.startswith(("sqlite_", *(f"{t}_fts" for t in table_names))):
            described[name] = {"hidden": True}
            continue
        stored = [r[1] for r in store.rows(f"PRAGMA table_info({name})")]
        spec = tables.TABLES.get(name)
        entry: dict[str, Any] = {
            "description": spec.description if spec else _TABLE_DESCRIPTIONS.get(name) or _SCHEMA_TABLES.get(name, ""),
            "columns": _column_descriptions(name, stored),
        }
        if f"{name}_fts" in table_names:
            entry.update(fts_table=f"{name}_fts", fts_pk="rowid", searchmode="escaped")
        if name == "documents":
            # rows that point to a document (doc_id) show its title, not only its id
            entry["label_column"] = "title"
        described[name] = entry
    return {
        "title": "claimwatch",
        "description": "Quantitative claims in the news: who said which number, about what, for which period, said when. "
        "Every claim and quote keeps its document and the character offsets of its evidence.",
        "databases": {store.path.stem: {"tables": described}},
    }


def prepare(store: Store) -> dict[str, Any]:
    """Build the full-text indexes and return the metadata (a writer store)."""
    store.build_full_text()
    return metadata(store)


def available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def serve_command(db: Path, metadata_path: Path, *, host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(metadata_path),
            "--host", host, "--port", str(port)]  # fmt: skip


def serve(db: Path, metadata_path: Path, *, host: str = "127.0.0.1", port: int = 8001) -> NoReturn:
    """Become Datasette serving the store: this process is replaced, so signals (Ctrl-C, a
    supervisor's TERM) reach the server itself and no child is left behind."""
    if not available():
        raise InputError("Datasette is not installed: pip install 'claimwatch[datasette]' (or pip install datasette)")
    sys.stdout.flush()
    sys.stderr.flush()
    command = serve_command(db, metadata_path, host=host, port=port)
    os.execv(command[0], command)
