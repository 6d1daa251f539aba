"""Batch extraction on Dask into Parquet, loaded into a store, equals ``add`` on the same
inputs; recycled sentences found by a group-by on LSH band keys equal those of all pairs
compared; a re-run skips finished partitions; Parquet inputs read like JSONL ones."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimwatch.errors import InputError
from claimwatch.link.band_groups import NEAR_EXACT_PASSES, band_rows, recycled_groups
from claimwatch.service import batch, runs
from claimwatch.settings import Settings
from claimwatch.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "claimwatch" / "samples" / "corpus.jsonl"
TABLES = ("documents", "sentences", "entities", "quantities", "times", "people", "quotes", "claims",
          "tp_documents", "tp_sentences", "tp_bands", "tp_candidates")  # fmt: skip


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store(db) as store:
        return {
            t: sorted((tuple(v for k, v in zip(r.keys(), r, strict=True) if k != "added_at") for r in store.rows(f"SELECT * FROM {t}")), key=repr)
            for t in TABLES
        }


def test_batch_then_load_equals_add_and_a_rerun_skips_finished_partitions(tmp_path: Path) -> None:
    lines = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    # a wire copy in another partition than its original, and one line that is no article
    copy = {**json.loads(lines[0]), "id": "wire-copy", "outlet": "Other Desk"}
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("\n".join([*lines, json.dumps(copy), '{"id": "bad"}']) + "\n", encoding="utf-8")
    settings = Settings(db=str(tmp_path / "add.db"))
    with Store(settings.db, writer=True) as store:
        added = runs.add_paths(store, [corpus], settings)
    out = tmp_path / "out"
    report = batch.run_batch([corpus], out, settings, workers=2, partition_articles=6, processes=False)
    assert report.partitions == 4 and report.done == [0, 1, 2, 3] and not report.failed
    assert [f.reason for f in report.failures] == [f.reason for f in added.failures] != []
    with Store(tmp_path / "loaded.db", writer=True) as store:
        loaded = batch.load_batch(store, out, settings)
    assert loaded.added == added.added and loaded.copies == added.copies == [("wire-copy", json.loads(lines[0])["id"])]
    assert _dump(tmp_path / "loaded.db") == _dump(tmp_path / "add.db")
    # recycled sentences by a group-by on band keys across partitions == all pairs compared here
    assert report.recycled == len(_all_pairs_groups(tmp_path / "add.db")) > 0
    found = _read_groups(out / batch.RECYCLED)
    assert found == _all_pairs_groups(tmp_path / "add.db")
    original = json.loads(lines[0])["id"]
    assert any({original, "wire-copy"} <= {doc for doc, _ in group} for group in found)
    # a re-run after one partition's output was lost redoes that partition alone
    (out / batch.DONE / "part-00002.json").unlink()
    again = batch.run_batch([corpus], out, settings, workers=2, partition_articles=6, processes=False)
    assert again.skipped == [0, 1, 3] and again.done == [2]


def _all_pairs_groups(db: Path) -> list[list[tuple[str, int]]]:
    """Recycled-sentence groups from every pair of sentences of different documents that
    share a near-exact band key: the reference the distributed group-by must equal."""
    with Store(db) as store:
        rows = band_rows(store.documents())
    pairs = [((a[0], a[1]), (b[0], b[1]), True)
             for a, b in combinations(rows, 2)
             if a[0] != b[0] and a[5] == b[5] and a[5] in NEAR_EXACT_PASSES and a[6:] == b[6:]]  # fmt: skip
    sentences = {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}
    return [[(s.doc, s.start) for s in g] for g in recycled_groups(pairs, sentences)]


def _read_groups(path: Path) -> list[list[tuple[str, int]]]:
    groups: dict[int, list[tuple[str, int]]] = {}
    for row in pq.read_table(path).to_pylist():
        groups.setdefault(row["group"], []).append((row["doc_id"], row["start"]))
    return [groups[g] for g in sorted(groups)]


def test_parquet_inputs_read_like_jsonl(tmp_path: Path) -> None:
    records = [json.loads(ln) for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()][:3]
    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(records), path)
    from_parquet = list(batch.iter_inputs([path], Settings()))
    from_jsonl = list(batch.iter_inputs([SAMPLE], Settings()))[:3]
    strip = lambda a: (a.id, a.raw, a.url, a.title, a.outlet, a.published)  # noqa: E731
    assert [strip(a) for a in from_parquet] == [strip(a) for a in from_jsonl]


def test_a_partition_that_keeps_failing_is_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(SAMPLE.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "documents").mkdir(parents=True)
    (out / "documents" / "part-00000.tmp").mkdir()  # the partition cannot write its file
    report = batch.run_batch([corpus], out, Settings(), workers=1, partition_articles=5, processes=False)
    assert report.done == [] and list(report.failed) == [0]
    assert not (out / batch.DONE / "part-00000.json").exists()


def test_url_inputs_and_a_url_output_folder_load_like_local_ones(tmp_path: Path) -> None:
    import fsspec

    from tests.web import Reply, Site

    lines = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()][:3]
    fs = fsspec.filesystem("memory")
    fs.pipe("/inputs/first.jsonl", (lines[0] + "\n").encode())
    settings = Settings(db=str(tmp_path / "add.db"), allow_addresses=("127.0.0.1",))
    with Site() as site:
        site.routes["/more.jsonl"] = Reply(body="\n".join(lines[1:]) + "\n", content_type="application/x-ndjson")
        inputs = ["memory://inputs", site.url("/missing.jsonl"), site.url("/more.jsonl")]
        report = batch.run_batch(inputs, tmp_path / "out", settings, workers=1, partition_articles=2, processes=False)
    # the unreadable URL is named, the inputs after it are extracted
    assert [(f.source, f.reason) for f in report.failures] == [(site.url("/missing.jsonl"), "cannot read: HTTP 404 Not Found")]
    assert report.documents == 3 and report.done == [0, 1] and not report.failed
    fs.put(str(tmp_path / "out"), "/run", recursive=True)
    try:
        with Store(tmp_path / "from-url.db", writer=True) as store:
            by_url = batch.load_batch(store, "memory://run", settings)
    finally:
        fs.rm(["/run", "/inputs"], recursive=True)
    with Store(tmp_path / "local.db", writer=True) as store:
        local = batch.load_batch(store, tmp_path / "out", settings)
    assert by_url.added == local.added == [json.loads(ln)["id"] for ln in lines]
    assert _dump(tmp_path / "from-url.db") == _dump(tmp_path / "local.db")
    with Store(tmp_path / "none.db", writer=True) as store, pytest.raises(InputError, match="memory://nothing"):
        batch.load_batch(store, "memory://nothing", settings)
