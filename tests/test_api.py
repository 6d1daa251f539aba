"""The Python API: the same records the CLI reads, typed, with data frames whose columns
are the export's."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

import claimwatch
from claimwatch.api import ClaimStore, Results, open_store, store_path
from claimwatch.errors import InputError, StoreError
from claimwatch.model import Claim, Document
from claimwatch.service import queries
from claimwatch.store import Store
from claimwatch.tables import TABLES

# invented reports
HARBOUR_TEXT = (
    "Container traffic at the port of Veldmark rose 14% in 2023, harbour director Anna Brekke said on Monday. "
    "She said the port handled 2.4 million containers last year."
)


def test_open_store_creates_a_store_and_reads_urls(tmp_path: Path) -> None:
    created = open_store(tmp_path / "new.db")
    assert isinstance(created, ClaimStore) and (tmp_path / "new.db").exists()
    assert len(created.documents()) == 0
    assert store_path(f"sqlite:///{tmp_path}/a.db") == tmp_path / "a.db"
    assert store_path(f"file://{tmp_path}/b.db") == tmp_path / "b.db"
    assert store_path("sqlite:///relative.db") == Path("relative.db")
    with pytest.raises(InputError, match="SQLite file"):
        store_path("postgresql://db.example/claims")
    with pytest.raises(InputError, match="no store"):
        open_store(tmp_path / "missing.db", create=False)


def test_open_store_refuses_a_database_that_is_not_a_store(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(StoreError, match="not a claimwatch store"):
        open_store(other)


def test_claims_filter_as_the_cli_does(sample_store_path: Path) -> None:
    store = open_store(sample_store_path)
    everything = store.claims()
    assert len(everything) > 20 and all(isinstance(c, Claim) for c in everything)
    speaker = next(c.speaker for c in everything if c.speaker)
    found = store.claims(speaker=speaker, kind="multiplier", since="2020-01-01", min_confidence=0.3, sort="value")
    with Store(sample_store_path) as raw:
        expected = queries.claims(raw, queries.ClaimFilter(
            speaker=speaker, kind="multiplier", since=date(2020, 1, 1), min_confidence=0.3, sort="value"))  # fmt: skip
    assert [c.id for c in found] == [c.id for c in expected]
    limited = store.claims(limit=3)
    assert [c.id for c in limited] == [c.id for c in everything[:3]]
    with pytest.raises(InputError, match="ISO date"):
        store.claims(since="last spring")
    with pytest.raises(InputError, match="--kind"):
        store.claims(kind="ratio")


def test_results_are_sequences_with_data_frames_of_the_export_columns(sample_store_path: Path) -> None:
    claims = open_store(sample_store_path).claims()
    assert isinstance(claims[1:3], Results) and len(claims[1:3]) == 2
    frame = claims.to_pandas()
    assert tuple(frame.columns) == TABLES["claims"].column_names
    assert len(frame) == len(claims)
    assert pd.api.types.is_datetime64_any_dtype(frame["published"])
    assert frame["value"].dtype == "float64"
    first = claims[0]
    row = frame.iloc[0]
    assert (row["id"], row["evidence"], row["value"]) == (first.id, first.evidence, first.value)
    polars_frame = claims.to_polars()
    assert isinstance(polars_frame, pl.DataFrame)
    assert tuple(polars_frame.columns) == TABLES["claims"].column_names
    assert polars_frame.height == len(claims)


def test_every_reader_gives_its_table(sample_store_path: Path) -> None:
    store = open_store(sample_store_path)
    readers = {
        "documents": store.documents(), "quotes": store.quotes(), "speakers": store.speakers(),
        "talking_points": store.talking_points(), "stories": store.stories(), "findings": store.findings(),
        "claim_groups": store.claim_groups(),
    }  # fmt: skip
    for table, results in readers.items():
        assert results.table == table
        frame = results.to_pandas()
        assert tuple(frame.columns) == TABLES[table].column_names, table
        assert len(frame) == len(results)
    assert all(isinstance(d, Document) for d in readers["documents"])
    assert len(readers["talking_points"]) > 0 and len(readers["quotes"]) > 0


def test_an_empty_result_keeps_its_columns(sample_store_path: Path) -> None:
    nothing = open_store(sample_store_path).claims(subject="submarine cheese exports")
    assert len(nothing) == 0
    assert tuple(nothing.to_pandas().columns) == TABLES["claims"].column_names
    assert open_store(sample_store_path).timeline("submarine cheese exports").to_records() == []


def test_timeline_and_its_chart(sample_store_path: Path) -> None:
    store = open_store(sample_store_path)
    points = store.timeline("exports")
    assert len(points) >= 2
    assert tuple(points.to_pandas().columns) == TABLES["timeline"].column_names
    svg = store.timeline_svg("exports")
    assert svg.startswith("<svg") and "</svg>" in svg


def test_add_paths_and_plain_texts_idempotently(tmp_path: Path) -> None:
    store = open_store(tmp_path / "mixed.db")
    article = tmp_path / "article.txt"
    article.write_text("Date: 2024-02-01\n\nWheat output in Norland fell 8% in 2023, the farm ministry said.\n")
    report = store.add([article, HARBOUR_TEXT], published="2024-03-04")
    assert len(report.added) == 2 and not report.failures
    again = store.add([article, HARBOUR_TEXT], published="2024-03-04")
    assert len(again.unchanged) == 2 and not again.added
    missing = store.add(tmp_path / "no-such-file.txt")
    assert missing.failures and "no such file" in missing.failures[0].reason
    harbour = store.claims(subject="container traffic")
    assert [(c.value, c.unit) for c in harbour] == [(14.0, "%")]
    doc = store.document(harbour[0].doc)
    assert doc.published == date(2024, 3, 4)
    assert doc.text[harbour[0].start : harbour[0].end] == harbour[0].evidence


def test_add_text_keeps_what_is_known_of_it(tmp_path: Path) -> None:
    store = open_store(tmp_path / "one.db")
    store.add_text(HARBOUR_TEXT, doc_id="veldmark-1", published=date(2024, 3, 4), outlet="Veldmark Post")
    (doc,) = store.documents()
    assert (doc.id, doc.outlet, doc.published) == ("veldmark-1", "Veldmark Post", date(2024, 3, 4))
    with pytest.raises(InputError, match="empty"):
        store.add_text("   ")


def test_extract_one_text_without_a_store() -> None:
    found = claimwatch.extract(HARBOUR_TEXT, published="2024-03-04")
    by_value = {c.value: c for c in found.claims}
    rise = by_value[14.0]
    assert (rise.kind, rise.unit, rise.speaker) == ("percent_change", "%", "Anna Brekke")
    assert (rise.period_start, rise.period_end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert rise.said_on == date(2024, 3, 4)  # "on Monday": the publication day is a Monday
    for c in found.claims:
        assert found.document.text[c.start : c.end] == c.evidence
    assert tuple(found.claims.to_pandas().columns) == TABLES["claims"].column_names
    assert found.to_record()["claims"][0]["id"] == found.claims[0].id
    with pytest.raises(InputError, match="ISO date"):
        claimwatch.extract(HARBOUR_TEXT, published="03/04/2024")


def test_the_extract_function_and_the_extract_package_live_side_by_side() -> None:
    from claimwatch.extract import pipeline

    assert callable(claimwatch.extract) and pipeline.Extractor is not None


def test_talking_point_matrix(sample_store_path: Path) -> None:
    store = open_store(sample_store_path)
    points = store.talking_points()
    by_doc = store.talking_point_matrix(by="doc")
    assert sorted(by_doc.index) == sorted(p.text for p in points)
    assert ((by_doc > 0).sum(axis=1) >= 2).all()  # every talking point ran in two documents or more
    by_outlet = store.talking_point_matrix()
    assert by_outlet.to_numpy().sum() == by_doc.to_numpy().sum() == sum(len(p.occurrences) for p in points)
    outlets = {o.outlet or "(unknown)" for p in points for o in p.occurrences}
    assert set(by_outlet.columns) == outlets
    with pytest.raises(InputError, match="by must be"):
        store.talking_point_matrix(by="speaker")
