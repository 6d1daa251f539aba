"""The two databases a store can live in: a SQLite file (the embedded default) or a
PostgreSQL database named by a ``postgresql://`` URL (a store a team shares).

Each backend opens a connection that takes the store's SQL as written for SQLite (``?``
placeholders, the SQLite schema) and knows what differs: how the schema is declared,
how tables and columns are listed, how a writer is kept alone, what "begin" means.
The Store (``claimwatch.store``) writes one SQL for both.
"""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import NotFound, StoreError, WriterBusy

URL_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: str | os.PathLike[str]) -> bool:
    """Whether ``--db`` names a PostgreSQL database rather than a SQLite file."""
    return str(location).startswith(URL_SCHEMES)


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class Database:
    """What a store needs from the database under it (see the two subclasses)."""

    kind: str  # "SQLite" | "PostgreSQL", as messages name it
    location: str  # the path or the URL without its password
    conn: Any  # has execute(sql, params), executemany(sql, rows), executescript(sql)
    begin_sql = "BEGIN"
    # errors that mean "this is not a database the store can read"
    errors: tuple[type[Exception], ...] = ()

    def tables(self) -> set[str]:
        raise NotImplementedError

    def columns(self, table: str) -> list[str]:
        raise NotImplementedError

    def schema(self, sqlite_schema: str) -> str:
        """The store's DDL (written for SQLite) as this database declares it."""
        return sqlite_schema

    def create_schema(self, sqlite_schema: str) -> None:
        self.conn.executescript(self.schema(sqlite_schema))

    def opened(self) -> None:
        """Settings every connection needs once the schema is known good."""

    def integrity_check(self) -> str:
        raise NotImplementedError

    def is_missing_table(self, exc: Exception) -> bool:
        """Whether a failed statement read a table the database does not have."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


def _is_read_only(exc: sqlite3.Error) -> bool:
    message = str(exc).lower()
    return "readonly" in message or "read-only" in message or "unable to open" in message


def store_error(path: str | Path, exc: sqlite3.Error) -> StoreError:
    """What SQLite's error means for the user of a store, as one line."""
    message = str(exc)
    low = message.lower()
    if "disk is full" in low or "disk i/o error" in low:
        return StoreError(
            f"cannot write to the store {path}: {message} (is the disk full?); the unfinished "
            "batch was rolled back, what was stored before it is kept: free space and run again"
        )
    if _is_read_only(exc):
        return StoreError(f"cannot write to the store {path}: {message} (is the file or its directory read-only?)")
    if "malformed" in low or "corrupt" in low or "could not decode" in low:
        reason = message if len(message) <= 80 else message[:77] + "..."
        return StoreError(
            f"the store {path} is damaged ({reason}): restore it from a backup, or move it aside "
            "and add the articles to a new store"
        )
    if "not a database" in low or "no such table" in low or "no such column" in low:
        return StoreError(f"{path} is not a claimwatch store: {message}")
    if "locked" in low or "busy" in low:
        return StoreError(f"the store {path} is busy ({message}): another process holds it; try again")
    return StoreError(f"the store {path}: {message}")


class SqliteDatabase(Database):
    """A SQLite file in WAL mode with foreign keys. One writer per file: SQLite before
    3.44.6 / 3.51.3 has the WAL-reset race (sqlite.org/wal.html#walresetbug) when two
    connections write or checkpoint at once, so a writer takes an exclusive lock on
    ``<db>.lock`` for its lifetime and a second writer process fails fast."""

    kind = "SQLite"
    begin_sql = "BEGIN IMMEDIATE"
    errors = (sqlite3.DatabaseError,)

    def __init__(self, path: str | os.PathLike[str], *, writer: bool, read_only: bool = False) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._lock_fd: int | None = None
        if writer:
            self._take_writer_lock()
        elif not self.path.exists():
            raise NotFound(f"no store at {self.path}: add articles first (claimwatch add ...)")
        try:
            if read_only:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            self._release_writer_lock()
            raise store_error(self.path, exc) from exc
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA busy_timeout = 30000")
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"{self.path} is not a claimwatch store: {exc}") from exc

    def tables(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def create_schema(self, sqlite_schema: str) -> None:
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        super().create_schema(sqlite_schema)

    def opened(self) -> None:
        self.conn.execute("PRAGMA foreign_keys = ON")

    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    def is_missing_table(self, exc: Exception) -> bool:
        return isinstance(exc, sqlite3.OperationalError) and "no such table" in str(exc)

    def _take_writer_lock(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(f"{self.path}.lock", os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as exc:
            raise StoreError(
                f"cannot write to the store {self.path}: {exc.strerror or exc} "
                f"(the store and its directory must be writable to add to it)"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise WriterBusy(
                f"another claimwatch process is writing to {self.path}; SQLite "
                f"{sqlite3.sqlite_version} allows one writer at a time"
            ) from exc
        self._lock_fd = fd

    def _release_writer_lock(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def close(self) -> None:
        if hasattr(self, "conn"):
            self.conn.close()
        self._release_writer_lock()


class Row:
    """A PostgreSQL result row read like sqlite3.Row: by position or by column name."""

    __slots__ = ("_values", "_index")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = tuple(values)
        self._index = index

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._index[key] if isinstance(key, str) else key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Row | tuple) else other)

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=False))!r})"


def _row_factory(cursor: Any) -> Any:
    names = [c.name for c in cursor.description or ()]
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # the first column of a name, as sqlite3.Row reads it
    return lambda values: Row(values, index)


# A ``?`` placeholder outside a quoted literal or identifier.
_PLACEHOLDER = re.compile(r"""('(?:[^']|'')*'|"[^"]*")|\?|%""")


@lru_cache(maxsize=512)
def postgres_sql(sql: str) -> str:
    """The store's SQL with psycopg's placeholders: ``?`` becomes ``%s`` (not inside a
    quoted literal or name) and every ``%`` is doubled (psycopg reads them everywhere)."""
    return _PLACEHOLDER.sub(
        lambda m: m.group(1).replace("%", "%%") if m.group(1) else ("%s" if m.group(0) == "?" else "%%"), sql
    )


class _PostgresConnection:
    """psycopg's connection behind the sqlite3 calls the store makes."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if params:
            return self.raw.execute(postgres_sql(sql), tuple(params))
        return self.raw.execute(sql)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.raw.cursor() as cur:
                cur.executemany(postgres_sql(sql), rows)

    def executescript(self, sql: str) -> None:
        self.raw.execute(sql)

    def close(self) -> None:
        self.raw.close()


class PostgresDatabase(Database):
    """A store in a PostgreSQL database (its current schema, ``public`` unless the URL's
    ``options`` set a search_path). Columns keep SQLite's types where PostgreSQL has them
    (TEXT dates, INTEGER flags), widened where SQLite's are wider (BIGINT, DOUBLE
    PRECISION) and compared byte by byte (COLLATE "C"), so both backends sort and read
    back the same values. One writer at a time, as with SQLite: a writer holds an
    advisory lock on the store's schema for its lifetime."""

    kind = "PostgreSQL"

    def __init__(self, url: str, *, writer: bool, read_only: bool = False) -> None:
        import psycopg

        self.location = redacted(url)
        self.errors = (psycopg.DatabaseError,)
        try:
            raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=30)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to store {self.location}: {str(exc).strip()}") from exc
        self.conn = _PostgresConnection(raw)
        if read_only:
            self.conn.execute("SET default_transaction_read_only = on")
        if writer:
            self._take_writer_lock()

    def _take_writer_lock(self) -> None:
        got = self.conn.execute(
            "SELECT pg_try_advisory_lock(hashtext('claimwatch writer ' || current_schema()))"
        ).fetchone()[0]
        if not got:
            self.close()
            raise WriterBusy(
                f"another claimwatch process is writing to {self.location}; one writer at a time "
                "(readers are never blocked)"
            )

    def tables(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        return {r[0] for r in rows}

    def columns(self, table: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [r[0] for r in rows]

    def schema(self, sqlite_schema: str) -> str:
        return postgres_schema(sqlite_schema)

    def integrity_check(self) -> str:
        # PostgreSQL checks every constraint on write and has no whole-database check
        # without extensions: a store that answers a query over every table is "ok"
        for table in sorted(self.tables()):
            self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        return "ok"

    def is_missing_table(self, exc: Exception) -> bool:
        from psycopg import errors

        return isinstance(exc, errors.UndefinedTable)

    def close(self) -> None:
        self.conn.close()  # closing the session releases its advisory lock


def postgres_schema(sqlite_schema: str) -> str:
    """The SQLite DDL as PostgreSQL declares it (see PostgresDatabase)."""
    ddl = sqlite_schema.replace(") WITHOUT ROWID;", ");")
    ddl = ddl.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
    ddl = re.sub(r"\bINTEGER\b", "BIGINT", ddl)
    ddl = re.sub(r"\bREAL\b", "DOUBLE PRECISION", ddl)
    ddl = re.sub(r"\bBLOB\b", "BYTEA", ddl)
    ddl = re.sub(r"(?m)^(\s+\"?\w+\"?\s+)TEXT\b", r'\1TEXT COLLATE "C"', ddl)
    # claims are read back in the order they were written (SQLite's rowid): a last column
    start = ddl.index("CREATE TABLE IF NOT EXISTS claims (")
    end = ddl.index("\n);", start)
    last = ddl.rindex("\n", start, end) + 1
    column, _, comment = ddl[last:end].partition("--")
    rowid = f"{column.rstrip()},\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY" + (f"  --{comment}" if comment else "")
    return ddl[:last] + rowid + ddl[end:]


def open_database(location: str | os.PathLike[str], *, writer: bool, read_only: bool = False) -> Database:
    if is_server_url(location):
        return PostgresDatabase(str(location), writer=writer, read_only=read_only)
    return SqliteDatabase(location, writer=writer, read_only=read_only)
