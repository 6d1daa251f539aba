"""The store: the only package that writes SQL.

Plain tables (schema below) in a SQLite file in WAL mode with foreign keys, readable by
sqlite3 or Datasette, or in a PostgreSQL database a team shares (``--db postgresql://…``):
one SQL for both, the differences kept in backends.py. Every document and all of its
extracted rows are written in one transaction, so a run killed at any point and re-run
leaves every document in exactly once.

One writer per store: a writer holds a lock for its lifetime (a lock file beside a
SQLite file, an advisory lock in PostgreSQL), so a second writer process fails fast with
a clear message; parallel extraction sends its results to the one writer.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import NotFound, QueryTimeout, StoreError
from ..model import (
    CandidateArrays,
    CandidatePair,
    Claim,
    Document,
    Extraction,
    IndexedDocument,
    IndexedSentence,
    Person,
    Quote,
    SentenceBand,
    Span,
    TalkingPointRows,
    TimeExpression,
    UserDecision,
)
from ..watch_records import AlertRule, ClaimRef, Delivery, DocumentVersion, FetchRecord, Source, SourceItem
from .backends import Database, PostgresDatabase, SqliteDatabase, _is_read_only, open_database, store_error

SCHEMA_VERSION = 3

# Versions of SQLite with the WAL-reset bug fixed (see module docstring).
_WAL_RESET_FIXED = ((3, 44, 6), (3, 51, 3))

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- One row per stored article. `text` is the stored text all offsets point into;
-- `raw` is the input as decoded (HTML source for HTML pages). Wire copies share a
-- content_hash: each outlet's copy is its own document (its URL, outlet and date), and
-- `copy_of` names the first document stored with the same text.
CREATE TABLE IF NOT EXISTS documents (
    id               TEXT PRIMARY KEY,
    content_hash     TEXT NOT NULL,
    source           TEXT NOT NULL,
    url              TEXT,
    title            TEXT,
    outlet           TEXT,
    published        TEXT,              -- ISO date or NULL
    raw              TEXT NOT NULL,
    text             TEXT NOT NULL,
    excluded         TEXT NOT NULL,     -- JSON [[start, end], ...]: metadata and chrome
    added_at         TEXT NOT NULL,
    pipeline_version TEXT,             -- extractor version of the rows below
    copy_of          TEXT,             -- id of the first document with the same text, if any
    dateline_date    TEXT              -- ISO date the dateline names, if any
);
CREATE INDEX IF NOT EXISTS documents_content ON documents(content_hash);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS entities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    text   TEXT NOT NULL,
    label  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quantities (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      REAL NOT NULL,
    value_high REAL,
    unit       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    change     TEXT,
    hedge      TEXT,
    rules      TEXT               -- JSON list of the named rules that read it
);
CREATE TABLE IF NOT EXISTS times (
    doc_id          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    text            TEXT NOT NULL,
    type            TEXT NOT NULL,
    value           TEXT,
    period_start    TEXT,
    period_end      TEXT,
    calendar        TEXT NOT NULL,
    persian_reading INTEGER NOT NULL,
    is_baseline     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS people (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,
    name   TEXT NOT NULL,
    title  TEXT,
    role   TEXT,
    org    TEXT,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS quotes (
    doc_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    cue           TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    speaker       TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    speaker_role  TEXT,
    speaker_title TEXT,
    rules         TEXT,             -- JSON list of the named rules that resolved the speaker
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS claims (
    id              TEXT PRIMARY KEY,
    doc_id          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    evidence        TEXT NOT NULL,
    kind            TEXT NOT NULL,
    value           REAL NOT NULL,
    value_high      REAL,
    unit            TEXT NOT NULL,
    subject         TEXT,
    speaker         TEXT,
    speaker_role    TEXT,
    period_start    TEXT,
    period_end      TEXT,
    period_text     TEXT,
    said_on         TEXT,
    confidence      REAL NOT NULL,
    hedge           TEXT,
    quantity_start  INTEGER NOT NULL,
    quantity_end    INTEGER NOT NULL,
    persian_reading INTEGER NOT NULL,
    is_baseline     INTEGER NOT NULL,
    restates        TEXT,             -- id of the first mention of the same claim in the document
    rules           TEXT,             -- JSON [[field, rule], ...]: the named rules that decided each field
    worthiness      REAL              -- how clearly the number stage read it as a claim (0..1)
);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_id);
CREATE INDEX IF NOT EXISTS claims_speaker ON claims(speaker);
-- the web app's filters and sort orders over large stores
CREATE INDEX IF NOT EXISTS claims_kind_value ON claims(kind, value);
CREATE INDEX IF NOT EXISTS claims_said_on ON claims(said_on);
-- The talking-point index (claimwatch.link.talking_points), kept between runs so that adding
-- a batch of documents queries it instead of recomputing every pair. Rows are only ever
-- added (a save writes what the batch added); `meta` key 'talking_points.version' names
-- the code that wrote them, and rows of another version are dropped and rebuilt.
CREATE TABLE IF NOT EXISTS tp_documents (
    doc_id    TEXT PRIMARY KEY,
    ord       INTEGER NOT NULL,          -- order of indexing
    outlet    TEXT,
    published TEXT
);
CREATE TABLE IF NOT EXISTS tp_sentences (
    id         INTEGER PRIMARY KEY,      -- sentence number in the index
    doc_id     TEXT NOT NULL,
    position   INTEGER NOT NULL,         -- among the document's indexed sentences
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    normalized TEXT NOT NULL,
    gap_before TEXT NOT NULL,
    stems      TEXT NOT NULL,            -- space-separated content stems
    common     TEXT NOT NULL,            -- space-separated concepts of the lower-case words
    generic    INTEGER NOT NULL,
    specific   INTEGER NOT NULL,
    anchored   INTEGER NOT NULL,
    signature  BLOB                      -- near-exact MinHash values; NULL for a word-for-word repeat
);
CREATE INDEX IF NOT EXISTS tp_sentences_doc ON tp_sentences(doc_id);
-- LSH band hashes: sentences sharing (lsh, band, key) are candidate pairs.
CREATE TABLE IF NOT EXISTS tp_bands (
    sentence INTEGER NOT NULL,
    lsh      TEXT NOT NULL,              -- 'exact' | 'semantic'
    band     INTEGER NOT NULL,
    key      INTEGER NOT NULL,
    PRIMARY KEY (lsh, band, key, sentence)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tp_candidates (
    a          INTEGER NOT NULL,
    b          INTEGER NOT NULL,
    near_exact INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
-- A user's merge/split of speaker names: inputs to alias resolution, never rewritten by extraction.
CREATE TABLE IF NOT EXISTS speaker_decisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- ---- Watching outlets (service/watch.py, service/alerts.py) -------------------------
-- Times in these tables are ISO 8601 UTC with milliseconds ('2024-06-10T08:00:00.000+00:00').
-- A watched outlet: an RSS/Atom feed, a sitemap or a list page, polled every `every_s` seconds.
CREATE TABLE IF NOT EXISTS sources (
    name          TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    every_s       INTEGER NOT NULL,
    added_at      TEXT NOT NULL,
    next_poll_at  TEXT NOT NULL,              -- due once this time has passed
    kind          TEXT,                       -- feed | sitemap | sitemap-index | page, once polled
    last_poll_at  TEXT,
    last_status   TEXT,                       -- 'ok', 'not modified', or why the last poll failed
    last_new      INTEGER NOT NULL DEFAULT 0, -- links first seen in the last poll
    failures      INTEGER NOT NULL DEFAULT 0, -- failed polls in a row (the backoff doubles with each)
    etag          TEXT,                       -- validators for a conditional GET of the source
    last_modified TEXT
);
-- Every article link a source listed: fetched once, and again when the source marks it updated.
-- 'pending' links are fetched by the next poll; 'failed' ones gave a permanent error or
-- ran out of attempts; 'refused' ones were never requested (address guard, robots.txt, scheme).
CREATE TABLE IF NOT EXISTS source_items (
    source        TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
    url           TEXT NOT NULL,              -- canonical URL
    listed_url    TEXT NOT NULL,              -- as the source gave it
    title         TEXT,
    published     TEXT,                       -- the source's date for it, if any
    updated       TEXT,                       -- the source's stamp of its last change
    first_seen    TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'refused')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    doc_id        TEXT,                       -- the document it became
    etag          TEXT,                       -- validators for a conditional re-fetch
    last_modified TEXT,
    PRIMARY KEY (source, url)
);
CREATE INDEX IF NOT EXISTS source_items_state ON source_items(source, state);
-- Every request the watch made (robots.txt included) and every link it refused to request.
-- `source` is plain text, not a reference: the log outlives a removed source.
CREATE TABLE IF NOT EXISTS fetch_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    source     TEXT,
    purpose    TEXT NOT NULL,                 -- source | article | robots | sitemap
    url        TEXT NOT NULL,
    final_url  TEXT,                          -- after redirects
    status     INTEGER,                       -- HTTP status; NULL when there was no answer
    bytes      INTEGER NOT NULL,              -- body bytes received (decompressed)
    elapsed_ms INTEGER NOT NULL,
    error      TEXT                           -- NULL for a success
);
CREATE INDEX IF NOT EXISTS fetch_log_source ON fetch_log(source, id);
-- Every text a watched document has had, oldest first; `documents` and its extracted rows
-- hold the latest, so every other reader sees one current version. A document first
-- stored by `add` becomes version 1 when the watch stores a new text for it.
CREATE TABLE IF NOT EXISTS document_versions (
    doc_id       TEXT NOT NULL,
    version      INTEGER NOT NULL,            -- 1, 2, ...
    content_hash TEXT NOT NULL,
    url          TEXT,
    title        TEXT,
    published    TEXT,
    raw          TEXT NOT NULL,
    text         TEXT NOT NULL,
    claims       TEXT NOT NULL,               -- JSON list: the claims read from this version
    stored_at    TEXT NOT NULL,
    PRIMARY KEY (doc_id, version)
);
-- An alert: what it matches (NULL matches anything) and where it is delivered.
CREATE TABLE IF NOT EXISTS alert_rules (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL CHECK (kind IN ('claim', 'finding')),
    subject      TEXT,                        -- words that must all be in the subject or evidence
    speaker      TEXT,                        -- part of the speaker's name
    outlet       TEXT,                        -- part of the outlet's name
    finding_type TEXT,                        -- a `check` finding type
    channel      TEXT NOT NULL CHECK (channel IN ('webhook', 'exec', 'file')),
    target       TEXT NOT NULL,               -- URL, command line or file path
    created_at   TEXT NOT NULL
);
-- One alert per rule and matched claim or finding: queued in the transaction that stores
-- what it matched, then delivered once. 'baseline' marks findings that existed when the rule
-- was added (never delivered).
CREATE TABLE IF NOT EXISTS alert_deliveries (
    rule_id    INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,                 -- what matched: 'claim:...' or 'finding:...'
    id         TEXT NOT NULL,                 -- the alert's id, sent with it
    payload    TEXT NOT NULL,                 -- the JSON delivered
    state      TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'baseline')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at    TEXT,
    PRIMARY KEY (rule_id, key)
);
CREATE INDEX IF NOT EXISTS alert_deliveries_state ON alert_deliveries(state);
-- Small facts the watch keeps between runs (e.g. which state of the store findings were last checked in).
CREATE TABLE IF NOT EXISTS watch_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Full-text search over claims (evidence, subject, speaker): an external-content FTS5 table
# kept by triggers, so that every write path (add, reextract, a document replaced) keeps it
# current. A store written before it existed gets it, filled, on the next writer's open.
SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
    evidence, subject, speaker, content='claims', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, evidence, subject, speaker) VALUES (new.rowid, new.evidence, new.subject, new.speaker);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, evidence, subject, speaker)
    VALUES ('delete', old.rowid, old.evidence, old.subject, old.speaker);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_update AFTER UPDATE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, evidence, subject, speaker)
    VALUES ('delete', old.rowid, old.evidence, old.subject, old.speaker);
    INSERT INTO claims_fts(rowid, evidence, subject, speaker) VALUES (new.rowid, new.evidence, new.subject, new.speaker);
END;
"""


def _add_missing_columns(db: Database) -> None:
    """Add, empty, every column SCHEMA declares that an older table lacks (new columns
    are all nullable, so old rows stay valid)."""
    schema = db.schema(SCHEMA)
    for table in ("documents", *_CHILD_TABLES):
        have = set(db.columns(table))
        start = schema.index(f"CREATE TABLE IF NOT EXISTS {table} (")
        body = schema[schema.index("(", start) + 1 : schema.index(");", start)]
        for line in body.splitlines():
            line = line.split("--")[0].strip().rstrip(",")
            if not line or line.upper().startswith(("PRIMARY", "FOREIGN", "UNIQUE", "CHECK")):
                continue
            name, decl = line.split(None, 1)
            name = name.strip('"')
            if name not in have and "NOT NULL" not in decl.upper():
                db.conn.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {decl}')


def _documents_ddl(name: str) -> str:
    """The CREATE TABLE statement of ``documents`` from SCHEMA, under another name."""
    start = SCHEMA.index("CREATE TABLE IF NOT EXISTS documents (")
    return SCHEMA[start : SCHEMA.index(");", start) + 2].replace(
        "CREATE TABLE IF NOT EXISTS documents (", f"CREATE TABLE {name} ("
    )


_CHILD_TABLES = ("sentences", "entities", "quantities", "times", "people", "quotes", "claims")
_TP_TABLES = ("tp_documents", "tp_sentences", "tp_bands", "tp_candidates")
_TP_VERSION_KEY = "talking_points.version"
# every column of `documents` but the raw input, which only re-extraction reads
_DOCUMENT_COLUMNS = "id, content_hash, source, url, title, outlet, published, text, excluded, copy_of, dateline_date"


def sqlite_has_wal_reset_fix(version: str = sqlite3.sqlite_version) -> bool:
    parts = tuple(int(p) for p in version.split(".")[:3])
    return any(parts >= fixed and parts[:2] == fixed[:2] for fixed in _WAL_RESET_FIXED) or parts >= (3, 51, 3)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None




class Store:
    """A claimwatch database: a SQLite file, or a PostgreSQL database named by a
    ``postgresql://`` URL (see backends.py). ``writer=True`` takes the single-writer lock;
    ``read_only=True`` opens a connection the database itself refuses to write through (the
    web app's reads), which any thread may use, one at a time."""

    def __init__(self, location: str | os.PathLike[str], *, writer: bool = False, read_only: bool = False) -> None:
        if writer and read_only:
            raise ValueError("a store is opened either as the writer or read-only")
        self.writer = writer
        self._query_started = 0.0
        self._time_cap: float | None = None
        self.db = open_database(location, writer=writer, read_only=read_only)
        self.location = self.db.location
        self.conn = self.db.conn
        try:
            # decide what the database is before writing anything to it: one that is not a
            # claimwatch store, or one of a newer schema, is refused untouched
            version = self._stored_schema_version()
            if version is None and not writer and isinstance(self.db, PostgresDatabase):
                raise NotFound(f"no store at {self.location}: add articles first (claimwatch add ...)")
            if writer:
                if version is not None and version < SCHEMA_VERSION:
                    self._migrate(version)
                self.db.create_schema(SCHEMA)
                if isinstance(self.db, SqliteDatabase):
                    self._create_search_index()
                self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO NOTHING",
                    (str(SCHEMA_VERSION),),
                )
            self.db.opened()
        except sqlite3.DatabaseError as exc:
            self.close()
            if not writer and isinstance(self.db, SqliteDatabase) and _is_read_only(exc) and self._open_immutable():
                return
            raise store_error(self.location, exc) from exc
        except self.db.errors as exc:
            self.close()
            raise StoreError(f"{self.location} is not a claimwatch store: {exc}") from exc
        except (StoreError, NotFound):
            self.close()
            raise
        try:
            self._check_schema()
        except self.db.errors as exc:
            self.close()
            raise StoreError(f"{self.location} is not a claimwatch store: {exc}") from exc
        except (StoreError, NotFound):
            self.close()
            raise

    @property
    def path(self) -> Path:
        """The SQLite file (a PostgreSQL store has none)."""
        if not isinstance(self.db, SqliteDatabase):
            raise StoreError(f"{self.location} is a {self.db.kind} database, not a file")
        return self.db.path

    def _stored_schema_version(self) -> int | None:
        """The database's schema version; None for an empty one (a new store).

        Raises StoreError for a database that holds other tables and no claimwatch
        version, or a version newer than this program knows."""
        tables = self.db.tables()
        if not tables:
            return None
        row = None
        if "meta" in tables:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or not str(row[0]).isdigit():
            raise StoreError(
                f"{self.location} is a {self.db.kind} database but not a claimwatch store "
                f"(tables: {', '.join(sorted(tables)[:5])}); nothing was changed: use another --db"
            )
        version = int(row[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.location} has store schema {version}, newer than this claimwatch's {SCHEMA_VERSION}; "
                "nothing was changed: upgrade claimwatch to use it"
            )
        return version

    def _migrate(self, version: int) -> None:
        """Bring a store of an older schema to this one, in one transaction.

        Version 1 held one document per distinct text (UNIQUE content_hash), so a wire
        copy could not be stored beside its original; version 2 drops that constraint
        and adds ``copy_of``. SQLite cannot drop a constraint in place: the table is
        rebuilt (foreign keys off meanwhile, as SQLite's ALTER TABLE guide prescribes).
        Columns version 2 added to other tables (``rules``) are added empty. Version 3 keeps
        the talking-point index as rows instead of a pickle in ``link_state``: that table is
        dropped and the index rebuilt from the documents on the next run. PostgreSQL stores
        began at version 3: versions 1 and 2 only ever lived in SQLite files.
        """
        if version not in (1, 2) or not isinstance(self.db, SqliteDatabase):
            raise StoreError(f"{self.location}: no migration from store schema {version}")
        self.conn.execute("PRAGMA foreign_keys = OFF")
        with self.transaction() as c:
            if version == 1:
                self._rebuild_documents(c)
            _add_missing_columns(self.db)
            c.execute("DROP TABLE IF EXISTS link_state")
            c.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            problems = c.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(f"{self.location}: migration to schema {SCHEMA_VERSION} broke references: {problems[:3]}")

    @staticmethod
    def _rebuild_documents(c: Any) -> None:
        """Schema 1 to 2: documents without the UNIQUE content_hash, with ``copy_of``."""
        old_columns = [r[1] for r in c.execute("PRAGMA table_info(documents)")]
        c.execute(_documents_ddl("documents_new"))
        names = ", ".join(f'"{n}"' for n in old_columns)
        c.execute(f"INSERT INTO documents_new({names}) SELECT {names} FROM documents")
        c.execute("DROP TABLE documents")
        c.execute("ALTER TABLE documents_new RENAME TO documents")
        c.execute(
            "UPDATE documents SET copy_of = (SELECT min(d.id) FROM documents d"
            " WHERE d.content_hash = documents.content_hash AND d.id < documents.id)"
        )

    def _open_immutable(self) -> bool:
        """Open a store in a directory this process cannot write, for reading.

        SQLite's WAL mode needs its -shm file beside the store, even to read; where the
        directory is read-only (a store on read-only media, in a shared folder) nothing
        can be writing to it, so the file is read as immutable instead. False: that
        fails as well, and the first error stands."""
        if os.access(self.path.parent, os.W_OK):
            return False
        try:
            self.conn = sqlite3.connect(f"{self.path.absolute().as_uri()}?immutable=1", uri=True,
                                        isolation_level=None)  # fmt: skip
            self.conn.row_factory = sqlite3.Row
            self.db.conn = self.conn
            self._check_schema()
        except (sqlite3.Error, StoreError):
            self.conn.close()
            return False
        return True

    def _create_search_index(self) -> None:
        """The claims' full-text index (SQLite's FTS5), filled from the claims when it is new."""
        new = not self._has_table("claims_fts")
        self.conn.executescript(SEARCH_SCHEMA)
        if new:
            self.conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")

    def _has_table(self, name: str) -> bool:
        return name in self.db.tables()

    def _check_schema(self) -> None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or int(row[0]) != SCHEMA_VERSION:
            hint = " (run a write command such as `claimwatch add` once to upgrade it)" if row and int(row[0]) < SCHEMA_VERSION else ""
            raise StoreError(f"{self.location} has schema {row[0] if row else 'none'}, expected {SCHEMA_VERSION}{hint}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        self.close()
        # a damaged page or a full disk met while reading or writing: one clear error
        if isinstance(exc, sqlite3.DatabaseError):
            raise store_error(self.location, exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        self.conn.execute(self.db.begin_sql)
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ---- writes -----------------------------------------------------------------

    def has_content(self, content_hash: str) -> str | None:
        """The id of the first document stored with this content, if any."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ? ORDER BY copy_of IS NOT NULL, id LIMIT 1", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def documents_with_content(self, content_hash: str) -> list[Document]:
        """Every stored document with this text: an original and its wire copies."""
        rows = self.conn.execute(
            "SELECT * FROM documents WHERE content_hash = ? ORDER BY copy_of IS NOT NULL, id", (content_hash,)
        ).fetchall()
        return [document_from_row(r) for r in rows]

    def content_hash_of(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def save(self, doc: Document, raw: str, extraction: Extraction) -> None:
        """Store a document and its extraction atomically (replacing an older version of the id)."""
        self.save_many([(doc, raw, extraction)])

    def save_many(
        self, items: Sequence[tuple[Document, str, Extraction]], before: Callable[[Any], None] | None = None
    ) -> None:
        """Store several documents and their extractions in one transaction: all or none.

        Parallel runs hand their results over a chunk at a time; one commit per chunk
        instead of per document keeps the writer's share of the CPU small, and a killed
        run still leaves each document either complete or absent. ``before`` (a method of
        this class) writes what belongs in the same transaction, ahead of the documents.
        """
        if len({doc.id for doc, _, _ in items}) != len(items):
            raise ValueError("save_many: the same document id twice in one call")
        added_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.save_rows(
            [document_row(doc, raw, added_at, extraction.pipeline_version) for doc, raw, extraction in items],
            extraction_rows([(doc.id, extraction) for doc, _, extraction in items]),
            before,
        )

    def save_rows(
        self,
        documents: Sequence[tuple[Any, ...]],
        children: dict[str, list[tuple[Any, ...]]],
        before: Callable[[Any], None] | None = None,
    ) -> None:
        """Store rows of ``documents`` (TABLE_COLUMNS order; a stored id is replaced) and
        their extracted rows, in one transaction: what ``save_many`` writes, or rows that
        a batch run wrote to Parquet (``claimwatch load``)."""
        with self.transaction() as c:
            if before is not None:
                before(c)
            c.executemany("DELETE FROM documents WHERE id = ?", [(row[0],) for row in documents])
            _insert_rows(c, "documents", documents)
            for table in _CHILD_TABLES:
                _insert_rows(c, table, children.get(table, []))

    def replace_extraction(self, doc_id: str, extraction: Extraction) -> None:
        """Swap a document's extracted rows for a newer extractor's, atomically."""
        with self.transaction() as c:
            for table in _CHILD_TABLES:
                c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            c.execute(
                "UPDATE documents SET pipeline_version = ? WHERE id = ?", (extraction.pipeline_version, doc_id)
            )
            rows = extraction_rows([(doc_id, extraction)])
            for table in _CHILD_TABLES:
                _insert_rows(c, table, rows[table])

    def add_speaker_decision(self, kind: str, a: str, b: str) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO speaker_decisions(kind, a, b, created_at) VALUES (?,?,?,?)",
                (kind, a, b, datetime.now(UTC).isoformat(timespec="seconds")),
            )

    def save_talking_point_rows(self, rows: TalkingPointRows) -> None:
        """Add the rows an index update produced, in one transaction; rows of another
        index version are dropped first (the caller then saves the whole index)."""
        with self.transaction() as c:
            if self._meta(c, _TP_VERSION_KEY) != rows.version:
                for table in _TP_TABLES:
                    c.execute(f"DELETE FROM {table}")
                c.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (_TP_VERSION_KEY, rows.version))
            c.executemany(
                "INSERT INTO tp_documents(doc_id, ord, outlet, published) VALUES (?,?,?,?)",
                [(d.doc, d.order, d.outlet, _iso(d.published)) for d in rows.documents],
            )
            c.executemany(
                'INSERT INTO tp_sentences(id, doc_id, position, start, "end", text, normalized, gap_before, stems,'
                " common, generic, specific, anchored, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (s.id, s.doc, s.position, s.start, s.end, s.text, s.normalized, s.gap_before, " ".join(s.stems),
                     " ".join(s.common), int(s.generic), int(s.specific), int(s.anchored), s.signature)
                    for s in rows.sentences
                ],
            )  # fmt: skip
            c.executemany("INSERT INTO tp_bands(sentence, lsh, band, key) VALUES (?,?,?,?)", rows.bands)
            c.executemany(
                "INSERT INTO tp_candidates(a, b, near_exact) VALUES (?,?,?)",
                [(p.a, p.b, int(p.near_exact)) for p in rows.candidates],
            )

    # ---- reads ------------------------------------------------------------------

    def talking_point_rows(
        self, version: str, *, bands: bool = True, candidates: bool = True
    ) -> TalkingPointRows | None:
        """The whole stored index, or None when it is empty or of another version. A
        reader that only reads clusters leaves out the band rows (``bands=False``: they
        are only needed to add documents; ``talking_point_bands`` reads them later) and
        the candidate pairs as tuples (``candidates=False``; ``talking_point_candidates``
        reads them as compact arrays)."""
        if self._meta(self.conn, _TP_VERSION_KEY) != version:
            return None
        documents = tuple(
            IndexedDocument(r["doc_id"], r["ord"], r["outlet"], _date(r["published"]))
            for r in self.conn.execute("SELECT * FROM tp_documents ORDER BY ord")
        )
        sentences = tuple(
            IndexedSentence(
                id=r["id"], doc=r["doc_id"], position=r["position"], start=r["start"], end=r["end"], text=r["text"],
                normalized=r["normalized"], gap_before=r["gap_before"], stems=tuple(r["stems"].split()),
                common=tuple(r["common"].split()), generic=bool(r["generic"]), specific=bool(r["specific"]),
                anchored=bool(r["anchored"]), signature=r["signature"],
            )
            for r in self.conn.execute("SELECT * FROM tp_sentences ORDER BY id")
        )  # fmt: skip
        band_rows = tuple(self.talking_point_bands()) if bands else ()
        pairs = (
            tuple(
                CandidatePair(r[0], r[1], bool(r[2]))
                for r in self.conn.execute("SELECT a, b, near_exact FROM tp_candidates")
            )
            if candidates
            else ()
        )
        return TalkingPointRows(version, documents, sentences, band_rows, pairs)

    def talking_point_bands(self) -> Iterator[SentenceBand]:
        """The stored index's band rows, by sentence, one at a time."""
        for r in self.conn.execute("SELECT sentence, lsh, band, key FROM tp_bands ORDER BY sentence"):
            yield SentenceBand(*r)

    def talking_point_candidates(self) -> CandidateArrays:
        """The stored index's candidate pairs as arrays, read without a tuple per pair."""
        a, b, near = array("i"), array("i"), array("b")
        for r in self.conn.execute("SELECT a, b, near_exact FROM tp_candidates"):
            a.append(r[0])
            b.append(r[1])
            near.append(1 if r[2] else 0)
        return CandidateArrays(
            np.frombuffer(a, dtype=np.int32) if a else np.empty(0, np.int32),
            np.frombuffer(b, dtype=np.int32) if b else np.empty(0, np.int32),
            np.frombuffer(near, dtype=np.int8).astype(bool) if near else np.empty(0, bool),
        )

    @staticmethod
    def _meta(c: Any, key: str) -> str | None:
        row = c.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def documents(self) -> list[Document]:
        """Every stored document (without its raw input), by id."""
        return [document_from_row(r) for r in self.conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY id")]

    def claims(self, doc: str | None = None) -> list[Claim]:
        """Stored claims, by document and in the order extraction found them."""
        where, params = ("WHERE doc_id = ?", (doc,)) if doc is not None else ("", ())
        return [claim_from_row(r) for r in self.conn.execute(f"SELECT * FROM claims {where} ORDER BY doc_id, rowid", params)]

    def claim(self, claim_id: str) -> Claim:
        row = self.conn.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
        if row is None:
            raise NotFound(f"no claim {claim_id!r} (ids are listed by `claimwatch claims --format jsonl`)")
        return claim_from_row(row)

    def quotes(self, doc: str | None = None) -> list[Quote]:
        """Stored quotes, by document and position."""
        where, params = ("WHERE doc_id = ?", (doc,)) if doc is not None else ("", ())
        return [quote_from_row(r) for r in self.conn.execute(f"SELECT * FROM quotes {where} ORDER BY doc_id, idx", params)]

    def people(self) -> list[Person]:
        """Every person of every document, with the document and its publication date."""
        rows = self.conn.execute(
            "SELECT p.doc_id, p.name, p.title, p.role, p.org, d.published FROM people p"
            " JOIN documents d ON d.id = p.doc_id ORDER BY p.doc_id, p.idx"
        )
        return [
            Person(name=r["name"], title=r["title"], role=r["role"], org=r["org"], doc=r["doc_id"],
                   published=_date(r["published"]))
            for r in rows
        ]  # fmt: skip

    def times(self, doc: str) -> list[TimeExpression]:
        rows = self.conn.execute('SELECT * FROM times WHERE doc_id = ? ORDER BY start, "end"', (doc,))
        return [
            TimeExpression(start=r["start"], end=r["end"], text=r["text"], type=r["type"], value=r["value"],
                           period_start=_date(r["period_start"]), period_end=_date(r["period_end"]),
                           calendar=r["calendar"], persian_reading=bool(r["persian_reading"]),
                           is_baseline=bool(r["is_baseline"]))
            for r in rows
        ]  # fmt: skip

    def claim_counts(self) -> dict[str, int]:
        """Number of claims per document id (documents without claims left out)."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT doc_id, count(*) FROM claims GROUP BY doc_id")}

    def speaker_counts(self, table: str) -> dict[tuple[str | None, str], int]:
        """(document, speaker as written) -> how many ``claims`` or ``quotes`` rows it has."""
        if table not in ("claims", "quotes"):
            raise ValueError(f"speakers are counted in claims or quotes, not {table!r}")
        rows = self.conn.execute(f"SELECT doc_id, speaker, count(*) FROM {table} WHERE speaker IS NOT NULL GROUP BY doc_id, speaker")
        return {(r[0], r[1]): r[2] for r in rows}

    def speaker_decisions(self) -> list[UserDecision]:
        return [
            UserDecision(kind=r["kind"], a=r["a"], b=r["b"])
            for r in self.conn.execute("SELECT kind, a, b FROM speaker_decisions ORDER BY id")
        ]

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def document(self, doc_id: str) -> Document:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document {doc_id!r} in {self.location}")
        return document_from_row(row)

    def raw(self, doc_id: str) -> str:
        row = self.conn.execute("SELECT raw FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document {doc_id!r} in {self.location}")
        return str(row[0])

    def document_ids(self, *, stale_for: str | None = None) -> list[str]:
        """All document ids, or those not extracted by pipeline version ``stale_for``."""
        if stale_for is None:
            return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM documents WHERE pipeline_version IS DISTINCT FROM ? ORDER BY id", (stale_for,)
            )
        ]

    def build_full_text(self) -> None:
        """Full-text indexes on documents (title, text) and quotes (text, speaker), kept in
        step by triggers from then on. Rebuilt whole here, so an index made by an older
        claimwatch, or one whose triggers were dropped, is right again afterwards. Datasette
        finds them by their ``content="TABLE"`` declaration."""
        with self.transaction() as c:
            for table, columns in FULL_TEXT_COLUMNS.items():
                for statement in _full_text_ddl(table, columns):
                    c.execute(statement)
                c.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")

    def integrity_check(self) -> str:
        return self.db.integrity_check()

    # ---- the web app's reads: limits, pages of claims -------------------------------

    def limit_queries(self, seconds: float) -> None:
        """Interrupt any statement that runs longer than ``seconds`` (QueryTimeout, through
        ``timed_out``), except inside ``uncapped``. The clock restarts when each statement
        starts, and runs while its rows are read."""

        def started(_sql: str) -> None:
            self._query_started = time.monotonic()

        self._time_cap = seconds
        self.conn.set_trace_callback(started)
        self.conn.set_progress_handler(self._past_cap, 5000)

    def cache_reads(self, cache_mb: int = 16, map_mb: int = 256) -> None:
        """Keep more of a SQLite file in reach of this connection: a page cache of
        ``cache_mb`` and up to ``map_mb`` of the file read through memory mapping (shared
        by every connection, no copy per read). A filter selecting thousands of claims
        looks each up by rowid; with SQLite's 2 MB default most lookups were a read call."""
        if isinstance(self.db, SqliteDatabase):
            self.conn.execute(f"PRAGMA cache_size = {-int(cache_mb) * 1024}")
            self.conn.execute(f"PRAGMA mmap_size = {int(map_mb) * 1024 * 1024}")

    def _past_cap(self) -> int:
        cap = self._time_cap
        return int(cap is not None and time.monotonic() - self._query_started > cap)

    @contextmanager
    def uncapped(self) -> Iterator[None]:
        """Statements run here are never interrupted: whole-store reads whose result the
        caller keeps (a reader's request-sized queries stay capped)."""
        saved, self._time_cap = self._time_cap, None
        try:
            yield
        finally:
            self._time_cap = saved

    @staticmethod
    def timed_out(exc: sqlite3.OperationalError) -> QueryTimeout | None:
        """The QueryTimeout an interrupted statement stands for (None: another error)."""
        return QueryTimeout("the query took too long; narrow the filters") if "interrupted" in str(exc) else None

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the store."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def has_search_index(self) -> bool:
        return self._has_table("claims_fts")

    def claims_selected(self, sel: ClaimSelection, offset: int = 0, limit: int | None = None) -> list[Claim]:
        """The claims ``sel`` selects, in its order, ``limit`` of them from ``offset``."""
        where, params = _selection_where(sel)
        join = " JOIN documents d ON d.id = c.doc_id" if sel.sort == "published" else ""
        sql = f"SELECT c.* FROM claims c{join}{where} ORDER BY {_CLAIM_ORDER[sel.sort]} LIMIT ? OFFSET ?"
        return [claim_from_row(r) for r in self.conn.execute(sql, (*params, -1 if limit is None else limit, offset))]

    def count_selected(self, sel: ClaimSelection) -> int:
        where, params = _selection_where(sel)
        return int(self.conn.execute(f"SELECT count(*) FROM claims c{where}", params).fetchone()[0])

    def claim_speakers(self) -> list[str]:
        """Every distinct speaker name claims carry."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT speaker FROM claims WHERE speaker IS NOT NULL")]

    def claim_subjects(self) -> list[tuple[int, str, str | None, str]]:
        """(rowid, document, subject, evidence) of every claim (``ClaimSelection.rowids`` takes the rowids)."""
        return [(r[0], r[1], r[2], r[3]) for r in self.conn.execute("SELECT rowid, doc_id, subject, evidence FROM claims")]

    def document_outlets(self) -> dict[str, str | None]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, outlet FROM documents")}

    def documents_in(self, ids: Iterable[str]) -> list[Document]:
        """The documents with these ids (those that exist), by id."""
        rows = self.conn.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(sorted(set(ids))),),
        )
        return [document_from_row(r) for r in rows]

    def claim_numbers(self, doc_ids: Iterable[str]) -> dict[str, int]:
        """Claim id -> its number in its document (1 for the first, by position), for these documents."""
        rows = self.conn.execute(
            'SELECT id, row_number() OVER (PARTITION BY doc_id ORDER BY start, "end", rowid) FROM claims'
            " WHERE doc_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(doc_ids))),),
        )
        return {r[0]: r[1] for r in rows}

    def claim_numbers_of(self, claim_ids: Iterable[str]) -> dict[str, int]:
        """``claim_numbers`` of these claims only (a page's claims: each counts the claims
        before it in its document, instead of numbering every claim of every cited document)."""
        rows = self.conn.execute(
            'SELECT c.id, (SELECT count(*) FROM claims o WHERE o.doc_id = c.doc_id AND (o.start, o."end", o.rowid)'
            ' <= (c.start, c."end", c.rowid)) FROM claims c WHERE c.id IN (SELECT value FROM json_each(?))',
            (json.dumps(sorted(set(claim_ids))),),
        )
        return {r[0]: r[1] for r in rows}

    # ---- watching outlets: sources, their links, the fetch log, versions, alerts ------------
    # Written by the watch (writer store); read by `sources`, `alerts` and `versions`, which
    # may open a store written before these tables existed: reads of a missing table are empty.

    def _watch_rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        try:
            return list(self.conn.execute(sql, tuple(params)).fetchall())
        except self.db.errors as exc:
            if self.db.is_missing_table(exc):
                return []
            raise

    def add_source(self, source: Source) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO sources(name, url, every_s, added_at, next_poll_at) VALUES (?,?,?,?,?)",
                (source.name, source.url, source.every_s, source.added_at, source.next_poll_at),
            )

    def remove_source(self, name: str) -> bool:
        with self.transaction() as c:
            return c.execute("DELETE FROM sources WHERE name = ?", (name,)).rowcount > 0

    def record_poll(self, source: Source) -> None:
        """Store what a poll learnt about a source: kind, status, validators, schedule."""
        with self.transaction() as c:
            c.execute(
                "UPDATE sources SET kind = ?, last_poll_at = ?, last_status = ?, last_new = ?, failures = ?,"
                " etag = ?, last_modified = ?, next_poll_at = ? WHERE name = ?",
                (source.kind, source.last_poll_at, source.last_status, source.last_new, source.failures,
                 source.etag, source.last_modified, source.next_poll_at, source.name),
            )  # fmt: skip

    def sources(self, name: str | None = None) -> list[Source]:
        """Watched sources by name, with their links counted by state."""
        rows = self._watch_rows(
            "SELECT * FROM sources WHERE CAST(? AS TEXT) IS NULL OR name = ? ORDER BY name", (name, name)
        )
        counts: dict[str, dict[str, int]] = {}
        for r in self._watch_rows("SELECT source, state, count(*) AS n FROM source_items GROUP BY source, state"):
            counts.setdefault(r["source"], {})[r["state"]] = r["n"]
        keys = {f.name for f in dataclass_fields(Source)} - {"items"}
        return [Source(**{k: r[k] for k in keys}, items=counts.get(r["name"], {})) for r in rows]

    def due_sources(self, now: str) -> list[Source]:
        names = [r[0] for r in self._watch_rows("SELECT name FROM sources WHERE next_poll_at <= ? ORDER BY next_poll_at, name", (now,))]
        return [s for n in names for s in self.sources(n)]

    def next_poll_at(self) -> str | None:
        rows = self._watch_rows("SELECT min(next_poll_at) FROM sources")
        return rows[0][0] if rows else None

    def add_source_items(self, items: Sequence[SourceItem]) -> tuple[set[str], int]:
        """Remember the links a poll listed: (the URLs of new links, how many known links the
        source marks updated, which are fetched again)."""
        new: set[str] = set()
        updated = 0
        with self.transaction() as c:
            for it in items:
                cur = c.execute(
                    "INSERT INTO source_items(source, url, listed_url, title, published, updated, first_seen,"
                    " state) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                    (it.source, it.url, it.listed_url, it.title, _iso(it.published), it.updated, it.first_seen, it.state),
                )
                if cur.rowcount:
                    new.add(it.url)
                    continue
                if it.updated is not None:
                    updated += c.execute(
                        "UPDATE source_items SET state = 'pending', attempts = 0, last_error = NULL, updated = ?"
                        " WHERE source = ? AND url = ? AND state = 'done' AND updated IS DISTINCT FROM ?",
                        (it.updated, it.source, it.url, it.updated),
                    ).rowcount
        return new, updated

    def source_items(self, source: str, state: str | None = None, limit: int = -1) -> list[SourceItem]:
        # a negative limit is none (PostgreSQL refuses SQLite's LIMIT -1)
        rows = self._watch_rows(
            "SELECT * FROM source_items WHERE source = ? AND (CAST(? AS TEXT) IS NULL OR state = ?) ORDER BY first_seen, url"
            + (" LIMIT ?" if limit >= 0 else ""),
            (source, state, state, *([limit] if limit >= 0 else [])),
        )
        return [_source_item(r) for r in rows]

    def finish_item(self, item: SourceItem) -> None:
        """Store what became of a link (a document stored with it goes through save_version)."""
        with self.transaction() as c:
            self._update_item(c, item)

    @staticmethod
    def _update_item(c: Any, it: SourceItem) -> None:
        c.execute(
            "UPDATE source_items SET state = ?, attempts = ?, last_error = ?, doc_id = coalesce(?, doc_id),"
            " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE source = ? AND url = ?",
            (it.state, it.attempts, it.last_error, it.doc_id, it.etag, it.last_modified, it.source, it.url),
        )

    def log_fetch(self, rec: FetchRecord) -> None:
        with self.transaction() as c:
            c.execute(
                'INSERT INTO fetch_log(at, source, purpose, url, final_url, status, bytes, elapsed_ms, error)'
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (rec.at, rec.source, rec.purpose, rec.url, rec.final_url, rec.status, rec.bytes, rec.elapsed_ms, rec.error),
            )

    def fetch_log(self, source: str | None = None, limit: int = 50) -> list[FetchRecord]:
        """The latest requests, newest first (of one source when named)."""
        rows = self._watch_rows(
            "SELECT * FROM fetch_log WHERE CAST(? AS TEXT) IS NULL OR source = ? ORDER BY id DESC LIMIT ?", (source, source, limit)
        )
        keys = [f.name for f in dataclass_fields(FetchRecord)]
        return [FetchRecord(**{k: r[k] for k in keys}) for r in rows]

    def next_version(self, doc_id: str) -> int:
        """The version number the next text stored for ``doc_id`` gets."""
        rows = self._watch_rows("SELECT max(version) FROM document_versions WHERE doc_id = ?", (doc_id,))
        if rows and rows[0][0] is not None:
            return int(rows[0][0]) + 1
        return 2 if self.content_hash_of(doc_id) is not None else 1

    def save_version(
        self,
        doc: Document,
        raw: str,
        extraction: Extraction,
        *,
        stored_at: str,
        item: SourceItem | None = None,
        deliveries: Sequence[Delivery] = (),
    ) -> None:
        """Store a new text of a document as its next version, in one transaction with the
        link it came from and the alerts its claims raise; the previous text stays in
        ``document_versions``."""

        def keep_versions(c: Any) -> None:
            # the text stored before the watch's first version of it becomes version 1
            first = c.execute(
                "SELECT d.id, d.content_hash, d.url, d.title, d.published, d.raw, d.text, d.added_at FROM documents d"
                " WHERE d.id = ? AND NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.doc_id = d.id)",
                (doc.id,),
            ).fetchone()
            if first is not None:
                stored = c.execute(
                    f"SELECT {_VERSION_CLAIM_COLUMNS} FROM claims WHERE doc_id = ? ORDER BY rowid", (doc.id,)
                ).fetchall()
                c.execute(
                    "INSERT INTO document_versions(doc_id, version, content_hash, url, title, published, raw, text,"
                    " claims, stored_at) VALUES (?,1,?,?,?,?,?,?,?,?)",
                    (*tuple(first)[:7], json.dumps([dict(zip(_VERSION_CLAIM_FIELDS, r, strict=True)) for r in stored]),
                     first[7]),
                )  # fmt: skip
            claims = [
                {"id": cl.id, "kind": cl.kind, "value": cl.value, "value_high": cl.value_high, "unit": cl.unit,
                 "subject": cl.subject, "speaker": cl.speaker, "evidence": cl.evidence, "start": cl.start, "end": cl.end}
                for cl in extraction.claims
            ]  # fmt: skip
            c.execute(
                "INSERT INTO document_versions(doc_id, version, content_hash, url, title, published, raw, text, claims,"
                " stored_at) VALUES (?, (SELECT coalesce(max(version), 0) + 1 FROM document_versions WHERE doc_id = ?),"
                " ?,?,?,?,?,?,?,?)",
                (doc.id, doc.id, doc.content_hash, doc.url, doc.title, _iso(doc.published), raw, doc.text,
                 json.dumps(claims), stored_at),
            )  # fmt: skip
            if item is not None:
                self._update_item(c, item)
            self._queue_deliveries(c, deliveries)

        self.save_many([(doc, raw, extraction)], before=keep_versions)

    def versions(self, doc_id: str) -> list[DocumentVersion]:
        rows = self._watch_rows(
            "SELECT doc_id, version, content_hash, stored_at, claims, url, title, published"
            " FROM document_versions WHERE doc_id = ? ORDER BY version",
            (doc_id,),
        )
        # the number of claims, counted here: JSON functions differ between the backends
        fields: list[dict[str, Any]] = [{k: r[k] for k in r.keys()} for r in rows]
        return [DocumentVersion(**{**f, "claims": len(json.loads(f["claims"]))}) for f in fields]

    def version_text(self, doc_id: str, version: int) -> str:
        rows = self._watch_rows("SELECT text FROM document_versions WHERE doc_id = ? AND version = ?", (doc_id, version))
        if not rows:
            raise NotFound(f"no version {version} of document {doc_id!r} in {self.location}")
        return str(rows[0][0])

    def add_alert_rule(self, rule: AlertRule, baseline: Sequence[Delivery] = ()) -> int:
        """Store a rule (and, for a finding rule, the findings that already exist, which it
        never delivers); returns its id."""
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO alert_rules(kind, subject, speaker, outlet, finding_type, channel, target, created_at)"
                " VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                (rule.kind, rule.subject, rule.speaker, rule.outlet, rule.finding_type, rule.channel, rule.target,
                 rule.created_at),
            )  # fmt: skip
            rule_id = int(cur.fetchone()[0])
            self._queue_deliveries(c, [replace(d, rule_id=rule_id) for d in baseline])
        return rule_id

    def remove_alert_rule(self, rule_id: int) -> bool:
        with self.transaction() as c:
            return c.execute("DELETE FROM alert_rules WHERE id = ?", (rule_id,)).rowcount > 0

    def alert_rules(self) -> list[AlertRule]:
        keys = [f.name for f in dataclass_fields(AlertRule)]
        return [AlertRule(**{k: r[k] for k in keys}) for r in self._watch_rows("SELECT * FROM alert_rules ORDER BY id")]

    def delivery_counts(self) -> dict[int, dict[str, int]]:
        counts: dict[int, dict[str, int]] = {}
        for r in self._watch_rows("SELECT rule_id, state, count(*) AS n FROM alert_deliveries GROUP BY rule_id, state"):
            counts.setdefault(r["rule_id"], {})[r["state"]] = r["n"]
        return counts

    def queue_deliveries(self, deliveries: Sequence[Delivery], state: tuple[str, str] | None = None) -> int:
        """Queue alerts not queued before (a repeat of a rule and key is ignored); ``state``
        (key, value) is written to ``watch_state`` in the same transaction. Returns how many
        were new."""
        with self.transaction() as c:
            added = self._queue_deliveries(c, deliveries)
            if state is not None:
                c.execute(
                    "INSERT INTO watch_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    state,
                )
        return added

    @staticmethod
    def _queue_deliveries(c: Any, deliveries: Sequence[Delivery]) -> int:
        added = 0
        for d in deliveries:
            added += c.execute(
                "INSERT INTO alert_deliveries(rule_id, key, id, payload, state, attempts, created_at)"
                " VALUES (?,?,?,?,?,0,?) ON CONFLICT DO NOTHING",
                (d.rule_id, d.key, d.id, d.payload, d.state, d.created_at),
            ).rowcount
        return added

    def deliveries(self, state: str | None = None, rule_id: int | None = None) -> list[Delivery]:
        rows = self._watch_rows(
            "SELECT * FROM alert_deliveries WHERE (CAST(? AS TEXT) IS NULL OR state = ?) AND (CAST(? AS INTEGER) IS NULL OR rule_id = ?)"
            " ORDER BY created_at, rule_id, key",
            (state, state, rule_id, rule_id),
        )
        keys = [f.name for f in dataclass_fields(Delivery)]
        return [Delivery(**{k: r[k] for k in keys}) for r in rows]

    def update_delivery(self, d: Delivery) -> None:
        """Store a delivery's state, attempts and error (an attempt is counted before it is made)."""
        with self.transaction() as c:
            c.execute(
                "UPDATE alert_deliveries SET state = ?, attempts = ?, last_error = ?, sent_at = ? WHERE rule_id = ? AND key = ?",
                (d.state, d.attempts, d.last_error, d.sent_at, d.rule_id, d.key),
            )

    def watch_state(self, key: str) -> str | None:
        rows = self._watch_rows("SELECT value FROM watch_state WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def documents_fingerprint(self) -> str:
        """Changes whenever a document is added or replaced (for 'has the store changed?')."""
        row = self.conn.execute("SELECT count(*), max(added_at), coalesce(sum(length(content_hash)), 0) FROM documents").fetchone()
        versions = self._watch_rows("SELECT count(*) FROM document_versions")
        return f"{row[0]}|{row[1]}|{versions[0][0] if versions else 0}"

    def claim_refs(self, ids: Iterable[str]) -> list[ClaimRef]:
        """The stored claims named, with their document's outlet and URL."""
        wanted = sorted(set(ids))
        out: list[ClaimRef] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            out += [
                ClaimRef(r["id"], r["doc_id"], r["subject"], r["speaker"], r["evidence"], r["outlet"], r["url"])
                for r in self.conn.execute(
                    "SELECT c.id, c.doc_id, c.subject, c.speaker, c.evidence, d.outlet, d.url FROM claims c"
                    f" JOIN documents d ON d.id = c.doc_id WHERE c.id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            ]
        return out



# What document_versions keeps of each claim of a version (JSON objects with these keys).
_VERSION_CLAIM_FIELDS = ("id", "kind", "value", "value_high", "unit", "subject", "speaker", "evidence", "start", "end")
_VERSION_CLAIM_COLUMNS = ", ".join(f'"{name}"' for name in _VERSION_CLAIM_FIELDS)

# The columns each table is written with, in order (a PostgreSQL claims table also has its rowid).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("id", "content_hash", "source", "url", "title", "outlet", "published", "raw", "text", "excluded",
                  "added_at", "pipeline_version", "copy_of", "dateline_date"),
    "sentences": ("doc_id", "idx", "start", "end"),
    "entities": ("doc_id", "start", "end", "text", "label"),
    "quantities": ("doc_id", "start", "end", "text", "value", "value_high", "unit", "kind", "change", "hedge", "rules"),
    "times": ("doc_id", "start", "end", "text", "type", "value", "period_start", "period_end", "calendar",
              "persian_reading", "is_baseline"),
    "people": ("doc_id", "idx", "name", "title", "role", "org"),
    "quotes": ("doc_id", "idx", "start", "end", "text", "kind", "cue", "cue_start", "cue_end", "speaker",
               "speaker_start", "speaker_end", "speaker_role", "speaker_title", "rules"),
    "claims": ("id", "doc_id", "start", "end", "evidence", "kind", "value", "value_high", "unit", "subject",
               "speaker", "speaker_role", "period_start", "period_end", "period_text", "said_on", "confidence",
               "hedge", "quantity_start", "quantity_end", "persian_reading", "is_baseline", "restates", "rules",
               "worthiness"),
}  # fmt: skip


def _insert_rows(c: Any, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    # one executemany per table for all the documents: fewer round trips
    columns = TABLE_COLUMNS[table]
    names = ", ".join(f'"{n}"' for n in columns)
    c.executemany(f"INSERT INTO {table}({names}) VALUES ({','.join('?' * len(columns))})", rows)


def document_row(doc: Document, raw: str, added_at: str, pipeline_version: str | None) -> tuple[Any, ...]:
    """The row of ``documents`` for a document (TABLE_COLUMNS order)."""
    return (
        doc.id, doc.content_hash, doc.source, doc.url, doc.title, doc.outlet, _iso(doc.published), raw, doc.text,
        json.dumps([[s.start, s.end] for s in doc.excluded]), added_at, pipeline_version, doc.copy_of,
        _iso(doc.dateline_date),
    )  # fmt: skip


def extraction_rows(items: Sequence[tuple[str, Extraction]]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every extracted table for these documents (TABLE_COLUMNS order)."""
    return {
        "sentences": [(doc_id, i, s.start, s.end) for doc_id, ex in items for i, s in enumerate(ex.sentences)],
        "entities": [(doc_id, e.start, e.end, e.text, e.label) for doc_id, ex in items for e in ex.entities],
        "quantities": [
            (doc_id, q.start, q.end, q.text, q.value, q.value_high, q.unit, q.kind, q.change, q.hedge,
             json.dumps(list(q.rules)))
            for doc_id, ex in items
            for q in ex.quantities
        ],
        "times": [
            (doc_id, t.start, t.end, t.text, t.type, t.value, _iso(t.period_start), _iso(t.period_end),
             t.calendar, int(t.persian_reading), int(t.is_baseline))
            for doc_id, ex in items
            for t in ex.times
        ],
        "people": [(doc_id, i, p.name, p.title, p.role, p.org) for doc_id, ex in items for i, p in enumerate(ex.people)],
        "quotes": [
            (doc_id, i, q.start, q.end, q.text, q.kind, q.cue, q.cue_start, q.cue_end, q.speaker,
             q.speaker_start, q.speaker_end, q.speaker_role, q.speaker_title, json.dumps(list(q.rules)))
            for doc_id, ex in items
            for i, q in enumerate(ex.quotes)
        ],
        "claims": [_claim_row(cl) for _, ex in items for cl in ex.claims],
    }  # fmt: skip


@dataclass(frozen=True)
class ClaimSelection:
    """Which claims to read, as SQL can say it; every field set narrows the selection.

    ``since``/``until`` place a claim by its period or statement date as
    ``claimwatch.service.queries`` does; ``docs``, ``speakers`` and ``ids`` are sets the
    service worked out (a speaker's aliases, an outlet's documents, a subject's claims);
    ``search`` holds words that must all start a word of the evidence, subject or speaker.
    """

    doc: str | None = None
    kind: str | None = None
    min_confidence: float | None = None
    since: date | None = None
    until: date | None = None
    docs: frozenset[str] | None = None
    speakers: frozenset[str] | None = None
    ids: frozenset[str] | None = None
    rowids: frozenset[int] | None = None  # claims by rowid: looked up one by one, not matched against every row
    search: tuple[str, ...] = ()
    sort: str = "doc"


# ORDER BY of each sort key: the order of ``queries.claims`` (nulls last; value and
# confidence highest first), ties by position in the document, then insertion
_CLAIM_POSITION = 'c.doc_id, c.start, c."end", c.rowid'
_CLAIM_ORDER = {
    "doc": _CLAIM_POSITION,
    "published": f"d.published IS NULL, d.published, {_CLAIM_POSITION}",
    "said_on": f"c.said_on IS NULL, c.said_on, {_CLAIM_POSITION}",
    "period": "COALESCE(c.period_start, c.period_end) IS NULL, COALESCE(c.period_start, c.period_end), "
    + _CLAIM_POSITION,
    "value": f"c.value DESC, {_CLAIM_POSITION}",
    "confidence": f"c.confidence DESC, {_CLAIM_POSITION}",
}


def _in_json(column: str, values: frozenset[str] | frozenset[int]) -> tuple[str, str]:
    return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(sorted(values))


def _fts_words(words: Sequence[str]) -> str:
    """An FTS5 query: every word a quoted prefix (no operator or syntax of the user's is read)."""
    # a NUL would end the query string early inside SQLite: it is a separator like any other
    return " ".join('"' + w.replace('"', '""').replace("\x00", " ") + '"*' for w in words)


def _selection_where(sel: ClaimSelection) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for clause, value in (
        ("c.doc_id = ?", sel.doc),
        ("c.kind = ?", sel.kind),
        ("c.confidence >= ?", sel.min_confidence),
        ("COALESCE(c.period_end, c.said_on, c.period_start) >= ?", _iso(sel.since)),
        ("COALESCE(c.period_start, c.said_on, c.period_end) <= ?", _iso(sel.until)),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    for column, values in (("c.doc_id", sel.docs), ("c.speaker", sel.speakers), ("c.id", sel.ids), ("c.rowid", sel.rowids)):
        if values is not None:
            clause, param = _in_json(column, values)
            clauses.append(clause)
            params.append(param)
    words = [w for w in sel.search if re.search(r"\w", w)]
    if words:
        clauses.append("c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)")
        params.append(_fts_words(words))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


# Tables with a full-text index (``Store.build_full_text``) and the columns indexed.
FULL_TEXT_COLUMNS: dict[str, tuple[str, ...]] = {"documents": ("title", "text"), "quotes": ("text", "speaker")}


def _full_text_ddl(table: str, columns: Sequence[str]) -> list[str]:
    """An external-content FTS5 table over ``table`` and the triggers that keep it current
    (deleting a document deletes its quotes by cascade, which fires their trigger)."""
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{col}" for col in columns)
    old = ", ".join(f"old.{col}" for col in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new});"
    return [
        *(f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")),
        f"DROP TABLE IF EXISTS {fts}",
        f'CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content="{table}", content_rowid="rowid")',
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
    ]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def document_from_row(row: Any) -> Document:
    text = row["text"]
    excluded = tuple(Span(s, e, text[s:e]) for s, e in json.loads(row["excluded"]))
    return Document(
        id=row["id"],
        text=text,
        content_hash=row["content_hash"],
        source=row["source"],
        url=row["url"],
        title=row["title"],
        outlet=row["outlet"],
        published=_date(row["published"]),
        excluded=excluded,
        copy_of=row["copy_of"],
        dateline_date=date.fromisoformat(row["dateline_date"]) if row["dateline_date"] else None,
    )


def _source_item(r: Any) -> SourceItem:
    keys = [f.name for f in dataclass_fields(SourceItem)]
    fields = {k: r[k] for k in keys}
    fields["published"] = date.fromisoformat(fields["published"]) if fields["published"] else None
    return SourceItem(**fields)


def claim_from_row(row: Any) -> Claim:
    """The Claim a row of ``claims`` was written from."""
    return Claim(
        doc=row["doc_id"], start=row["start"], end=row["end"], evidence=row["evidence"], kind=row["kind"],
        value=row["value"], value_high=row["value_high"], unit=row["unit"], subject=row["subject"],
        speaker=row["speaker"], speaker_role=row["speaker_role"], period_start=_date(row["period_start"]),
        period_end=_date(row["period_end"]), period_text=row["period_text"], said_on=_date(row["said_on"]),
        confidence=row["confidence"], hedge=row["hedge"], quantity_start=row["quantity_start"],
        quantity_end=row["quantity_end"], persian_reading=bool(row["persian_reading"]),
        is_baseline=bool(row["is_baseline"]), restates=row["restates"],
        rules=tuple((f, r) for f, r in json.loads(row["rules"] or "[]")), worthiness=row["worthiness"],
    )  # fmt: skip


def quote_from_row(row: Any) -> Quote:
    """The Quote a row of ``quotes`` was written from, with its document."""
    return Quote(
        start=row["start"], end=row["end"], text=row["text"], kind=row["kind"], cue=row["cue"],
        cue_start=row["cue_start"], cue_end=row["cue_end"], speaker=row["speaker"],
        speaker_start=row["speaker_start"], speaker_end=row["speaker_end"], speaker_role=row["speaker_role"],
        speaker_title=row["speaker_title"], rules=tuple(json.loads(row["rules"] or "[]")), doc=row["doc_id"],
    )  # fmt: skip


def _claim_row(cl: Claim) -> tuple[Any, ...]:
    # fields read one by one: dataclasses.asdict deep-copies the whole claim, which cost
    # the single writer more than the SQL itself
    return (
        cl.id, cl.doc, cl.start, cl.end, cl.evidence, cl.kind, cl.value, cl.value_high, cl.unit,
        cl.subject, cl.speaker, cl.speaker_role, _iso(cl.period_start), _iso(cl.period_end),
        cl.period_text, _iso(cl.said_on), round(cl.confidence, 3), cl.hedge, cl.quantity_start,
        cl.quantity_end, int(cl.persian_reading), int(cl.is_baseline), cl.restates,
        json.dumps([list(step) for step in cl.rules]), cl.worthiness,
    )  # fmt: skip
