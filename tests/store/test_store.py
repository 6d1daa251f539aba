"""The store: atomic writes, one writer, idempotent content, readable plain tables; the
tests that take ``store_location`` run on a SQLite file and on a PostgreSQL database."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from claimwatch.errors import NotFound, StoreError
from claimwatch.model import Claim, Document, Extraction, Person, Quantity, Quote, Span
from claimwatch.store import SCHEMA, Store, sqlite_has_wal_reset_fix


def _doc(doc_id: str = "a1", text: str = "Exports rose 12 percent last year, he said.") -> Document:
    return Document(
        id=doc_id, text=text, content_hash=f"h-{doc_id}-{len(text)}", source="t.txt",
        published=date(2024, 1, 2), excluded=(Span(0, 0, ""),),
    )  # fmt: skip


def _extraction(doc: Document) -> Extraction:
    q = Quantity(13, 23, "12 percent", 12.0, None, "%", "percent_change", "up")
    claim = Claim(doc=doc.id, start=0, end=33, evidence=doc.text[0:33], kind="percent_change", value=12.0,
                  value_high=None, unit="%", quantity_start=13, quantity_end=23)  # fmt: skip
    return Extraction(doc=doc.id, sentences=(Span(0, len(doc.text), doc.text),), quantities=(q,),
                      claims=(claim,), pipeline_version="test")  # fmt: skip


def test_save_and_read_back(tmp_path):
    doc = _doc()
    with Store(tmp_path / "s.db", writer=True) as store:
        store.save(doc, doc.text, _extraction(doc))
        back = store.document("a1")
        assert back.text == doc.text and back.published == date(2024, 1, 2)
        assert store.has_content(doc.content_hash) == "a1"
        row = store.rows("SELECT * FROM claims")[0]
        assert doc.text[row["start"] : row["end"]] == row["evidence"]
        assert store.integrity_check() == "ok"
    # plain tables, readable by the sqlite3 module alone
    con = sqlite3.connect(tmp_path / "s.db")
    assert con.execute("SELECT count(*) FROM quantities").fetchone()[0] == 1
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_store_reads_back_the_records_it_writes(store_location):
    doc = replace(_doc(), url="https://news.example/a1", title="Exports", outlet="Valley Post", excluded=(Span(0, 7, "Exports"),))
    first = Claim(doc="a1", start=0, end=33, evidence=doc.text[0:33], kind="percent_change", value=12.0,
                  value_high=15.0, unit="%", subject="Exports", speaker="Arvid Tollan", speaker_role="minister",
                  period_start=date(2023, 1, 1), period_end=date(2023, 12, 31), period_text="last year",
                  said_on=date(2024, 1, 1), confidence=0.875, hedge="about", quantity_start=13, quantity_end=23,
                  persian_reading=True, rules=(("value", "percent.v1"), ("speaker", "said-cue")))  # fmt: skip
    again = replace(first, quantity_start=20, hedge=None, restates=first.id, is_baseline=True, rules=())
    quote = Quote(35, 42, "he said", "reported", cue="said", cue_start=38, cue_end=42, speaker="Arvid Tollan",
                  speaker_start=35, speaker_end=37, speaker_role="minister", speaker_title="Dr", rules=("a", "b"))
    person = Person("Arvid Tollan", title="Dr", role="minister", org="ministry", mentions=(Span(35, 37, "he"),))
    ex = Extraction(doc="a1", claims=(first, again), quotes=(quote,), people=(person,), pipeline_version="t")
    with Store(store_location, writer=True) as store:
        store.save(doc, doc.text, ex)
    with Store(store_location) as store:
        assert store.documents() == [doc] and store.document("a1") == doc
        assert store.claims() == [first, again] and store.claims(doc="zz") == []
        assert store.claim(again.id) == again
        assert store.quotes() == [replace(quote, doc="a1")]
        assert store.people() == [replace(person, mentions=(), doc="a1", published=doc.published)]
        assert store.claim_counts() == {"a1": 2}
        with pytest.raises(NotFound):
            store.claim("a1:0-1:count")


def test_talking_point_rows_are_saved_incrementally(store_location):
    from claimwatch.link.talking_points import TalkingPointIndex, index_version

    line = "The harbour board said visitor numbers rose by 14 percent to 2,300 in the spring season."
    docs = [_doc(f"t{i}", f"Opening line number {i} about something else entirely here.\n\n{line}") for i in range(3)]
    index = TalkingPointIndex()
    index.add(docs[:2])
    with Store(store_location, writer=True) as store:
        store.save_talking_point_rows(index.pending_rows())
        index.mark_saved()
        counts = [store.rows(f"SELECT count(*) FROM {t}")[0][0] for t in ("tp_documents", "tp_sentences", "tp_candidates")]
        index.add(docs[2:])
        batch = index.pending_rows()
        assert [d.doc for d in batch.documents] == ["t2"]
        store.save_talking_point_rows(batch)
        after = [store.rows(f"SELECT count(*) FROM {t}")[0][0] for t in ("tp_documents", "tp_sentences", "tp_candidates")]
        assert after == [counts[0] + 1, counts[1] + len(batch.sentences), counts[2] + len(batch.candidates)]
        stored = store.talking_point_rows(index_version())
        assert stored is not None
        assert TalkingPointIndex.from_rows(stored).talking_points() == index.talking_points()
        assert store.talking_point_rows("talking_points@other") is None
        # rows of another version are replaced, not mixed in
        fresh = TalkingPointIndex()
        fresh.add(docs[:1])
        store.save_talking_point_rows(replace(fresh.pending_rows(), version="talking_points@other"))
        assert store.rows("SELECT count(*) FROM tp_documents")[0][0] == 1


def test_saving_same_id_replaces_rows(store_location):
    with Store(store_location, writer=True) as store:
        doc = _doc()
        store.save(doc, doc.text, _extraction(doc))
        doc2 = _doc(text="Imports fell 3 percent in 2023, the ministry said.")
        store.save(doc2, doc2.text, _extraction(doc2))
        assert store.rows("SELECT count(*) FROM documents")[0][0] == 1
        assert store.rows("SELECT count(*) FROM claims")[0][0] == 1


def test_failed_transaction_leaves_nothing(store_location):
    doc = _doc()
    bad = Extraction(doc="a1", claims=(None,), pipeline_version="x")  # type: ignore[arg-type]
    with Store(store_location, writer=True) as store:
        with pytest.raises(AttributeError):
            store.save(doc, doc.text, bad)
        assert store.rows("SELECT count(*) FROM documents")[0][0] == 0


def test_second_writer_is_refused(store_location):
    with Store(store_location, writer=True):
        with pytest.raises(StoreError, match="one writer"):
            Store(store_location, writer=True)
    Store(store_location, writer=True).close()  # the lock is released on close


def test_reader_on_missing_store(tmp_path):
    with pytest.raises(NotFound):
        Store(tmp_path / "none.db")


def test_not_a_store(tmp_path):
    p = tmp_path / "x.db"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store(p, writer=True)


def test_wal_reset_fix_versions():
    assert not sqlite_has_wal_reset_fix("3.40.1")
    assert sqlite_has_wal_reset_fix("3.44.6")
    assert not sqlite_has_wal_reset_fix("3.45.0")
    assert sqlite_has_wal_reset_fix("3.51.3")


def test_save_many_is_one_transaction(store_location):
    docs = [_doc(f"d{i}", f"Exports rose {i} percent last year, he said.") for i in range(3)]
    bad = Extraction(doc="d2", claims=(None,), pipeline_version="x")  # type: ignore[arg-type]
    with Store(store_location, writer=True) as store:
        with pytest.raises(AttributeError):
            store.save_many([(d, d.text, _extraction(d)) for d in docs[:2]] + [(docs[2], docs[2].text, bad)])
        assert store.rows("SELECT count(*) FROM documents")[0][0] == 0  # none of the three
        store.save_many([(d, d.text, _extraction(d)) for d in docs])
        assert store.rows("SELECT count(*) FROM documents")[0][0] == 3
        per_doc = store.rows("SELECT doc_id, count(*) FROM claims GROUP BY doc_id ORDER BY doc_id")
        assert [tuple(r) for r in per_doc] == [("d0", 1), ("d1", 1), ("d2", 1)]
        with pytest.raises(ValueError, match="twice"):
            store.save_many([(docs[0], docs[0].text, _extraction(docs[0]))] * 2)


def test_claim_row_keeps_hedge_and_restatement(store_location):
    doc = _doc()
    first = Claim(doc="a1", start=0, end=33, evidence=doc.text[0:33], kind="percent_change", value=12.0,
                  value_high=None, unit="%", hedge="about", quantity_start=13, quantity_end=23)  # fmt: skip
    again = Claim(doc="a1", start=0, end=33, evidence=doc.text[0:33], kind="percent_change", value=12.0,
                  value_high=None, unit="%", quantity_start=20, quantity_end=23, restates=first.id)  # fmt: skip
    ex = Extraction(doc="a1", claims=(first, again), pipeline_version="t")
    with Store(store_location, writer=True) as store:
        store.save(doc, doc.text, ex)
        rows = store.rows("SELECT id, hedge, restates FROM claims ORDER BY quantity_start")
        assert [tuple(r) for r in rows] == [(first.id, "about", None), (again.id, None, first.id)]


def _schema_1() -> str:
    """Schema 1 as it was: one document per distinct text (UNIQUE content_hash), no copy_of."""
    old = SCHEMA.replace("content_hash     TEXT NOT NULL,", "content_hash     TEXT NOT NULL UNIQUE,")
    old = old.replace("pipeline_version TEXT,", "pipeline_version TEXT")
    old = old.replace("hedge      TEXT,", "hedge      TEXT").replace("restates        TEXT,", "restates        TEXT")
    old = old.replace("speaker_title TEXT,", "speaker_title TEXT,").replace("rules           TEXT,", "rules TEXT")
    old = "\n".join(line for line in old.splitlines() if not line.lstrip().startswith(("copy_of", "dateline_date", "--", "rules", "worthiness")))
    old = old.replace("CREATE INDEX IF NOT EXISTS documents_content ON documents(content_hash);", "")
    assert "UNIQUE" in old and "copy_of" not in old
    return old + """
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO documents VALUES ('a1', 'h1', 's', NULL, NULL, NULL, NULL, 'x', 'x', '[]', 't', 'v');
INSERT INTO claims(id, doc_id, start, "end", evidence, kind, value, unit, confidence, quantity_start,
    quantity_end, persian_reading, is_baseline) VALUES ('a1:0-1:count', 'a1', 0, 1, 'x', 'count', 1, 'n', 1, 0, 1, 0, 0);
"""


def test_a_schema_1_store_is_migrated_and_then_takes_wire_copies(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript(_schema_1())
    con.close()
    with pytest.raises(StoreError, match="write command"):
        Store(path)  # a reader does not migrate
    with Store(path, writer=True) as store:
        assert store.document("a1").text == "x"
        copy = _doc("b1", "x")
        store.save(replace(copy, content_hash="h1"), "x", _extraction(copy))
        assert store.rows("SELECT count(*) FROM documents WHERE content_hash = 'h1'")[0][0] == 2
        assert store.rows("PRAGMA foreign_key_check") == []
        assert "rules" in {r[1] for r in store.rows("PRAGMA table_info(claims)")}
        # the claims table still references documents: deleting a document cascades
        store.conn.execute("DELETE FROM documents WHERE id = 'a1'")
        assert store.rows("SELECT count(*) FROM claims WHERE doc_id = 'a1'")[0][0] == 0
    Store(path).close()  # now a current store for readers too


def test_a_schema_2_store_drops_its_pickled_index(tmp_path):
    path = tmp_path / "v2.db"
    # schema 2 as it began: no dateline_date, the talking-point index pickled in link_state
    old = SCHEMA.replace("copy_of          TEXT,", "copy_of          TEXT")
    old = "\n".join(line for line in old.splitlines() if not line.lstrip().startswith(("dateline_date", "--")))
    con = sqlite3.connect(path)
    con.executescript(old + """
CREATE TABLE link_state (name TEXT PRIMARY KEY, data BLOB NOT NULL, updated_at TEXT NOT NULL);
INSERT INTO link_state VALUES ('talking_points.v1', x'80', 't');
INSERT INTO meta VALUES ('schema_version', '2');
""")
    con.close()
    with Store(path, writer=True) as store:
        tables = {r[0] for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "link_state" not in tables and "tp_sentences" in tables
        assert "dateline_date" in {r[1] for r in store.rows("PRAGMA table_info(documents)")}
        assert store.rows("SELECT value FROM meta WHERE key = 'schema_version'")[0][0] == "3"
        doc = _doc()
        store.save(doc, doc.text, _extraction(doc))
        assert store.documents() == [doc]


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (n INTEGER)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a claimwatch store.*nothing was changed"):
        Store(path, writer=True)
    assert path.read_bytes() == before
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_newer_store_is_refused_before_any_change(tmp_path):
    path = tmp_path / "new.db"
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '99');")
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Store(path, writer=True)
    assert path.read_bytes() == before
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


# ---- PostgreSQL: what differs from a SQLite file -----------------------------------------


def _pg(url: str):  # a plain connection into the store's schema, as another client sees it
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_postgres_save_and_read_back_as_plain_tables(postgres_url):
    doc = _doc()
    with Store(postgres_url, writer=True) as store:
        store.save(doc, doc.text, _extraction(doc))
        assert store.integrity_check() == "ok"
        row = store.rows("SELECT * FROM claims WHERE evidence LIKE ?", ("Exports%",))[0]
        assert doc.text[row["start"] : row["end"]] == row["evidence"] and row[1] == "a1"
    with _pg(postgres_url) as con:
        assert con.execute("SELECT count(*) FROM quantities").fetchone()[0] == 1
        # values keep SQLite's precision: a double, not PostgreSQL's 4-byte REAL
        assert con.execute("SELECT value FROM quantities").fetchone()[0] == 12.0
        kinds = dict(con.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'claims'"
        ).fetchall())  # fmt: skip
        assert kinds["value"] == "double precision" and kinds["start"] == "bigint"


def test_postgres_reader_on_an_empty_database_is_told_to_add_first(postgres_url):
    with pytest.raises(NotFound, match="add articles first"):
        Store(postgres_url)


def test_postgres_foreign_tables_are_refused_untouched(postgres_url):
    with _pg(postgres_url) as con:
        con.execute("CREATE TABLE invoices (n INTEGER)")
    with pytest.raises(StoreError, match="PostgreSQL database but not a claimwatch store.*nothing was changed"):
        Store(postgres_url, writer=True)
    with _pg(postgres_url) as con:
        tables = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        assert [r[0] for r in tables] == ["invoices"]


def test_postgres_newer_store_is_refused(postgres_url):
    with _pg(postgres_url) as con:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '99')")
    with pytest.raises(StoreError, match="newer"):
        Store(postgres_url, writer=True)


def test_postgres_wire_copy_keeps_copy_of_and_orders_like_sqlite(postgres_url, tmp_path):
    """The same writes give the same reads in both backends, ids sorted byte by byte."""
    texts = {"b-2": "Imports fell 3 percent, the ministry said.", "B-1": "Imports fell 3 percent, the ministry said.",
             "a_3": "Exports rose 12 percent last year, he said."}  # fmt: skip
    reads = []
    for location in (str(tmp_path / "s.db"), postgres_url):
        with Store(location, writer=True) as store:
            for doc_id, text in texts.items():
                doc = replace(_doc(doc_id, text), content_hash=f"h{len(text)}")
                original = store.has_content(doc.content_hash)
                store.save(replace(doc, copy_of=original), text, _extraction(doc))
            reads.append((store.documents(), store.claims(), store.document_ids(stale_for="other"),
                          store.has_content(f"h{len(texts['B-1'])}")))  # fmt: skip
    assert reads[0] == reads[1]
    assert [(d.id, d.copy_of) for d in reads[1][0]] == [("B-1", "b-2"), ("a_3", None), ("b-2", None)]


def test_postgres_password_is_not_printed(postgres_url):
    from claimwatch.store.backends import redacted

    assert redacted("postgresql://ann:s3cret@db.example:5432/news") == "postgresql://ann:***@db.example:5432/news"
    with pytest.raises(StoreError) as caught:
        Store("postgresql://ann:s3cret@127.0.0.1:1/none", writer=True)
    assert "s3cret" not in str(caught.value) and "cannot connect" in str(caught.value)


def test_postgres_sql_placeholders():
    from claimwatch.store.backends import postgres_sql

    assert postgres_sql("SELECT * FROM t WHERE a = ? AND b LIKE '50%?' AND \"c?\" = ?") == (
        "SELECT * FROM t WHERE a = %s AND b LIKE '50%%?' AND \"c?\" = %s"
    )
