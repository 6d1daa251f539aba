"""The store in Datasette: metadata, full-text search kept current by triggers, and
`claimwatch datasette` serving it on 127.0.0.1, queried over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimwatch.api import open_store
from claimwatch.errors import InputError
from claimwatch.service import datasette
from claimwatch.store import Store
from claimwatch.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]


def test_metadata_describes_every_table_and_column_readers_see(sample_store_copy: Path) -> None:
    with Store(sample_store_copy, writer=True) as store:
        meta = datasette.prepare(store)
        stored = {
            name: [r[1] for r in store.rows(f"PRAGMA table_info({name})")]
            for (name,) in store.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    tables = meta["databases"]["sample"]["tables"]
    assert set(tables) == set(stored)
    shown = {name: t for name, t in tables.items() if not t.get("hidden")}
    assert {"documents", "claims", "quotes", "people", "times"} <= set(shown)
    assert not any(name.startswith(("tp_", "documents_fts")) or name == "meta" for name in shown)
    for name, table in shown.items():
        assert table["description"], name
    for name in ("documents", "claims", "quotes"):
        undescribed = set(stored[name]) - set(shown[name]["columns"])
        assert not undescribed, (name, undescribed)
    assert shown["claims"]["columns"]["evidence"] == next(c.description for c in TABLES["claims"].columns if c.name == "evidence")
    assert shown["documents"]["label_column"] == "title"
    assert (shown["documents"]["fts_table"], shown["quotes"]["fts_table"]) == ("documents_fts", "quotes_fts")


INVENTED = (
    "Date: 2024-04-02\n\nLighthouse keepers in Orrvik counted 312 storm days in 2023, "
    "coastal agency head Mira Lund said. \"We have never logged so many gales in one winter,\" Lund said.\n"
)


def _search(path: Path, table: str, words: str) -> list[Any]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute(
            f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", (words,))]  # fmt: skip


def test_full_text_indexes_follow_every_change(tmp_path: Path) -> None:
    path = tmp_path / "fts.db"
    store = open_store(path)
    store.add_text(INVENTED.replace("Orrvik", "Brennholm"), doc_id="first")
    with Store(path, writer=True) as writer:
        writer.build_full_text()
    assert len(_search(path, "documents", "Brennholm")) == 1
    store.add_text(INVENTED, doc_id="second")  # added after the index was built: triggers index it
    assert len(_search(path, "documents", "Orrvik")) == 1
    assert len(_search(path, "quotes", "gales")) == 2
    with Store(path, writer=True) as writer:  # deleting a document removes it and its quotes
        with writer.transaction() as c:
            c.execute("DELETE FROM documents WHERE id = 'second'")
    assert _search(path, "documents", "Orrvik") == []
    assert len(_search(path, "quotes", "gales")) == 1
    with Store(path, writer=True) as writer:  # rebuilding is repeatable
        writer.build_full_text()
        writer.build_full_text()
        assert writer.integrity_check() == "ok"
    assert len(_search(path, "documents", "Brennholm")) == 1


def test_serving_without_datasette_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(datasette, "available", lambda: False)
    with pytest.raises(InputError, match=r"claimwatch\[datasette\]"):
        datasette.serve(tmp_path / "x.db", tmp_path / "m.json")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_serving(server: subprocess.Popen[str], base: str, deadline_s: float = 120) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if server.poll() is not None:
            raise AssertionError(f"datasette exited with {server.returncode}: {server.stderr.read() if server.stderr else ''}")
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise AssertionError("datasette did not start in time")


def test_claimwatch_datasette_serves_the_store_over_http(sample_store_copy: Path, tmp_path: Path) -> None:
    port = _free_port()
    meta_path = tmp_path / "metadata.json"
    server = subprocess.Popen(
        [sys.executable, "-m", "claimwatch", "--db", str(sample_store_copy), "datasette", "--port", str(port),
         "--metadata", str(meta_path)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(server, base)
        assert json.loads(meta_path.read_text())["databases"]["sample"]["tables"]["claims"]["description"]
        served_meta = httpx.get(f"{base}/-/metadata.json", timeout=10).json()
        assert served_meta["databases"]["sample"]["tables"]["claims"]["columns"]["evidence"]
        page = httpx.get(f"{base}/sample/claims", timeout=10).text
        assert TABLES["claims"].description.split(":")[0] in page  # the description is shown

        hits = httpx.get(f"{base}/sample/documents.json", params={"_search": "exports", "_shape": "array"}, timeout=10).json()
        assert hits and all("export" in (h["text"] + (h["title"] or "")).lower() for h in hits)
        none = httpx.get(f"{base}/sample/documents.json", params={"_search": "zeppelinmoon", "_shape": "array"}, timeout=10).json()
        assert none == []
        quotes = httpx.get(f"{base}/sample/quotes.json", params={"_search": "exports", "_shape": "array"}, timeout=10).json()
        assert quotes and all("export" in (q["text"] + (q["speaker"] or "")).lower() for q in quotes)

        labelled = httpx.get(f"{base}/sample/claims.json", params={"_labels": "on", "_shape": "array", "_size": "5"}, timeout=10).json()
        with sqlite3.connect(sample_store_copy) as conn:
            titles = dict(conn.execute("SELECT id, title FROM documents"))
        for row in labelled:
            assert row["doc_id"] == {"value": row["doc_id"]["value"], "label": titles[row["doc_id"]["value"]]}
    finally:
        # the command became Datasette itself (exec): ending the one process ends the server
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_tables_are_described_by_the_schema_comments_where_they_are_declared() -> None:
    schema = (
        "-- ---- a section header is no description\n"
        "-- Lighthouses and their keepers.\n-- One row per lighthouse.\n"
        "CREATE TABLE IF NOT EXISTS lighthouses (\n"
        "    name   TEXT PRIMARY KEY,\n"
        "    keeper TEXT,             -- who keeps it\n"
        '    "range" REAL            -- metres the light is seen from\n'
        ");\n"
    )
    tables_described, columns = datasette.schema_comments(schema)
    assert tables_described == {"lighthouses": "Lighthouses and their keepers. One row per lighthouse."}
    assert columns == {"lighthouses": {"keeper": "who keeps it", "range": "metres the light is seen from"}}
