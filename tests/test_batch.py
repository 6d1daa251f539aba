"""The batch runner: parallel extraction stores the same rows as one process, in input
order, each document once, and a failing document does not stop its chunk."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimwatch import batch
from claimwatch.extract import nlp as nlp_mod
from claimwatch.extract.pipeline import Extractor
from claimwatch.settings import Settings
from claimwatch.store import Store

# Short made-up news items: figures, dates and speech for every stage to find something.
TEXTS = [
    "Exports rose 12 percent in 2023, the trade minister, Lena Ortiz, said on Monday.",
    '"We expect 4,500 new jobs by March," said Omar Haddad, the mayor of Rivertown.',
    "Rice prices doubled last year, according to the national statistics office.",
    "The company said revenue fell 3.4% to $2.1 billion in the second quarter.",
    "About 300 people were evacuated on Friday, police said.",
    "Unemployment stood at 7 percent in May, down from 8 percent a year earlier.",
    "The council approved a budget of 45 million euros for 2025, a spokesman said.",
    "Nearly half of the 1,200 farms reported losses, the survey found.",
    "Inflation slowed to 2.9% in June, the central bank governor told reporters.",
    "Ticket sales tripled since 2021, the festival's director, Mia Chen, said.",
    "The port handled 18 million tonnes of cargo last year, up 6 percent.",
    "Officials said at least 40 schools would reopen next week.",
    "Coal output dropped by a third in 2022, the energy ministry reported.",
]
TABLES = ("documents", "sentences", "entities", "quantities", "times", "people", "quotes", "claims")


@pytest.fixture(scope="module", autouse=True)
def _model_loaded() -> None:
    # forked workers inherit the loaded model instead of loading their own
    nlp_mod.load_extraction_model()


def _corpus(tmp_path: Path, texts: list[str]) -> Path:
    path = tmp_path / "items.jsonl"
    rows = [{"id": f"n{i:02d}", "published": "2024-07-01", "text": t} for i, t in enumerate(texts)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _add(tmp_path: Path, name: str, corpus: Path, workers: int) -> tuple[Any, dict[str, list[tuple[Any, ...]]]]:
    settings = replace(Settings(), db=tmp_path / f"{name}.db", workers=workers, link_on_add=False)
    with Store(settings.db, writer=True) as store:
        report = batch.add_paths(store, [corpus], settings)
    con = sqlite3.connect(settings.db)
    tables = {}
    for table in TABLES:
        rows = con.execute(f"SELECT * FROM {table}").fetchall()
        if table == "documents":  # added_at is the clock
            cols = [d[0] for d in con.execute("SELECT * FROM documents").description]
            rows = [tuple(v for c, v in zip(cols, r, strict=True) if c != "added_at") for r in rows]
        tables[table] = sorted(rows, key=repr)
    return report, tables


def test_two_workers_store_what_one_process_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "BATCH_DOCS", 2)  # more chunks than the pool keeps in flight
    corpus = _corpus(tmp_path, TEXTS)
    one_report, one = _add(tmp_path, "one", corpus, workers=1)
    two_report, two = _add(tmp_path, "two", corpus, workers=2)
    assert one_report.added == two_report.added == [f"n{i:02d}" for i in range(len(TEXTS))]  # input order
    assert not one_report.failures and not two_report.failures
    assert one["claims"], "the fixture should produce claims"
    for table in TABLES:
        assert two[table] == one[table], table


def test_rerun_adds_nothing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, TEXTS[:5])
    settings = replace(Settings(), db=tmp_path / "r.db", workers=2, link_on_add=False)
    with Store(settings.db, writer=True) as store:
        first = batch.add_paths(store, [corpus], settings)
        again = batch.add_paths(store, [corpus], settings)
        assert store.rows("SELECT count(*) FROM documents")[0][0] == 5
    assert len(first.added) == 5 and again.added == [] and len(again.unchanged) == 5


@pytest.mark.parametrize("workers", [1, 2])
def test_failed_document_is_reported_and_its_chunk_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    real = Extractor.extract_many

    def failing(self: Extractor, docs: Any) -> list[Any]:
        results = real(self, docs)
        return [RuntimeError("boom") if d.id == "n03" else r for d, r in zip(docs, results, strict=True)]

    monkeypatch.setattr(Extractor, "extract_many", failing)
    monkeypatch.setattr(batch, "BATCH_DOCS", 3)
    report, tables = _add(tmp_path, f"f{workers}", _corpus(tmp_path, TEXTS[:7]), workers=workers)
    assert [f.reason for f in report.failures] == ["extraction failed: RuntimeError: boom"]
    assert report.added == ["n00", "n01", "n02", "n04", "n05", "n06"]
    assert sorted(r[0] for r in tables["documents"]) == report.added
