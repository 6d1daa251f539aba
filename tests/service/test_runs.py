"""The batch runner: parallel extraction stores the same rows as one process, in input
order, each document once, and a failing document does not stop its chunk."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimwatch.extract import nlp as nlp_mod
from claimwatch.extract.pipeline import Extractor
from claimwatch.service import runs
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
        report = runs.add_paths(store, [corpus], settings)
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
    monkeypatch.setattr(runs, "BATCH_DOCS", 2)  # more chunks than the pool keeps in flight
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
        first = runs.add_paths(store, [corpus], settings)
        again = runs.add_paths(store, [corpus], settings)
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
    monkeypatch.setattr(runs, "BATCH_DOCS", 3)
    report, tables = _add(tmp_path, f"f{workers}", _corpus(tmp_path, TEXTS[:7]), workers=workers)
    assert [f.reason for f in report.failures] == ["extraction failed: RuntimeError: boom"]
    assert report.added == ["n00", "n01", "n02", "n04", "n05", "n06"]
    assert sorted(r[0] for r in tables["documents"]) == report.added


def _jsonl(tmp_path: Path, rows: list[dict[str, Any]], name: str = "wire.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_wire_copies_in_one_add_are_all_stored(tmp_path: Path, workers: int) -> None:
    # the same wire text run by three outlets, among other documents: every document lands
    wire = TEXTS[0]
    rows = [{"id": f"n{i:02d}", "published": "2024-07-01", "text": t} for i, t in enumerate(TEXTS[1:6])]
    rows.insert(1, {"id": "w1", "url": "https://wire.example/1", "published": "2024-07-01", "text": wire})
    rows.insert(4, {"id": "w2", "url": "https://daily.example/9", "published": "2024-07-02", "text": wire})
    rows.append({"id": "w3", "url": "https://weekly.example/3", "published": "2024-07-05", "text": wire})
    settings = replace(Settings(), db=tmp_path / f"w{workers}.db", workers=workers, link_on_add=False)
    corpus = _jsonl(tmp_path, rows)
    with Store(settings.db, writer=True) as store:
        report = runs.add_paths(store, [corpus], settings)
        again = runs.add_paths(store, [corpus], settings)
        stored = {r["id"]: r["copy_of"] for r in store.rows("SELECT id, copy_of FROM documents")}
        per_doc = {r[0]: r[1] for r in store.rows("SELECT doc_id, count(*) FROM claims GROUP BY doc_id")}
    assert not report.failures and len(report.added) == len(rows)
    assert stored["w1"] is None and stored["w2"] == "w1" and stored["w3"] == "w1"
    assert sorted(report.copies) == [("w2", "w1"), ("w3", "w1")]
    assert per_doc["w1"] == per_doc["w2"] == per_doc["w3"] > 0  # each copy has its own claims
    # a re-run finds every document, copies included, already in
    assert again.added == [] and sorted(again.unchanged) == sorted(r["id"] for r in rows)


def test_the_same_article_twice_is_a_duplicate_and_the_rest_lands(tmp_path: Path) -> None:
    same = {"url": "https://wire.example/1", "published": "2024-07-01", "text": TEXTS[2]}
    rows = [{"id": "a", **same}, {"id": "b", "text": TEXTS[3]}, {"id": "c", **same}, {"id": "d", "text": TEXTS[4]}]
    settings = replace(Settings(), db=tmp_path / "d.db", link_on_add=False)
    with Store(settings.db, writer=True) as store:
        report = runs.add_paths(store, [_jsonl(tmp_path, rows)], settings)
        later = runs.add_paths(store, [_jsonl(tmp_path, [{"id": "e", **same}], "later.jsonl")], settings)
        ids = sorted(r[0] for r in store.rows("SELECT id FROM documents"))
    assert report.added == ["a", "b", "d"] and not report.failures
    assert [(d.source.rsplit(":", 1)[1], d.of) for d in report.duplicates] == [("3", "a")]
    assert [d.of for d in later.duplicates] == ["a"] and later.added == []
    assert ids == ["a", "b", "d"]


def test_one_id_for_two_texts_in_one_run_is_reported(tmp_path: Path) -> None:
    rows = [{"id": "x", "text": TEXTS[0]}, {"id": "x", "text": TEXTS[1]}, {"id": "y", "text": TEXTS[2]}]
    settings = replace(Settings(), db=tmp_path / "i.db", link_on_add=False)
    with Store(settings.db, writer=True) as store:
        report = runs.add_paths(store, [_jsonl(tmp_path, rows)], settings)
    assert report.added == ["x", "y"]
    assert len(report.failures) == 1 and "already used by" in report.failures[0].reason


def test_a_document_past_its_time_budget_is_skipped_with_a_reason(tmp_path: Path) -> None:
    # a sentence with a thousand figures, under a budget too small for it: skipped and
    # named, while the other documents of its chunk are stored
    crowded = "Exports reached " + "$1 billion, " * 1000 + "the minister said."
    rows = [{"id": "a", "text": TEXTS[0]}, {"id": "crowded", "text": crowded}, {"id": "b", "text": TEXTS[1]}]
    settings = replace(Settings(), db=tmp_path / "b.db", link_on_add=False, time_budget_s=0.5)
    with Store(settings.db, writer=True) as store:
        report = runs.add_paths(store, [_jsonl(tmp_path, rows)], settings)
    assert report.added == ["a", "b"]
    [failure] = report.failures
    assert failure.source.endswith(":2") and "0.5 s budget" in failure.reason and "in stage" in failure.reason
