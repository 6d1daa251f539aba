"""The command line end to end, as a user runs it: real subprocesses, a real SQLite file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "claimwatch" / "samples" / "corpus.jsonl"
CONTRACT = {"id", "doc", "evidence", "start", "end", "kind", "value", "value_high", "unit", "subject",
            "speaker", "speaker_role", "period_start", "period_end", "period_text", "said_on", "confidence"}  # fmt: skip


def run(*args: str, db: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimwatch", "--db", str(db), *args],
        capture_output=True, text=True, input=stdin, timeout=300, cwd=ROOT,
    )  # fmt: skip


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()][:4]
    path = tmp_path_factory.mktemp("corpus") / "four.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> Path:
    db = tmp_path_factory.mktemp("db") / "cw.db"
    res = run("add", str(small_corpus), db=db)
    assert res.returncode == 0, res.stderr
    assert "added 4 document(s)" in res.stdout
    return db


def test_add_is_idempotent(store: Path, small_corpus: Path) -> None:
    res = run("add", str(small_corpus), db=store)
    assert res.returncode == 0
    assert "added 0 document(s), 4 unchanged" in res.stdout
    con = sqlite3.connect(store)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 4


def test_claims_jsonl_contract_and_provenance(store: Path) -> None:
    res = run("claims", "--format", "jsonl", db=store)
    assert res.returncode == 0, res.stderr
    claims = [json.loads(line) for line in res.stdout.splitlines()]
    assert claims, "the sample articles hold claims"
    con = sqlite3.connect(store)
    texts = dict(con.execute("SELECT id, text FROM documents").fetchall())
    for c in claims:
        assert CONTRACT <= set(c)
        assert texts[c["doc"]][c["start"] : c["end"]] == c["evidence"]
        assert c["kind"] in {"multiplier", "percent_change", "percent_share", "amount", "count"}
        assert 0.0 <= c["confidence"] <= 1.0


def test_claims_filters_and_formats(store: Path) -> None:
    all_claims = json.loads(run("claims", "--format", "json", db=store).stdout)
    speaker = next(c["speaker"] for c in all_claims if c["speaker"])
    some = json.loads(run("claims", "--speaker", speaker.split()[-1], "--format", "json", db=store).stdout)
    assert some and all(speaker.split()[-1] in c["speaker"] for c in some)
    assert len(some) < len(all_claims)
    csv_out = run("claims", "--format", "csv", db=store).stdout.splitlines()
    assert csv_out[0].startswith("id,doc,evidence") and len(csv_out) == len(all_claims) + 1
    late = json.loads(run("claims", "--since", "2099-01-01", "--format", "json", db=store).stdout)
    assert late == []
    bad = run("claims", "--since", "yesterday", db=store)
    assert bad.returncode == 2 and "not an ISO date" in bad.stderr


def test_docs_show_quotes(store: Path) -> None:
    docs = run("docs", "--format", "json", db=store)
    rows = json.loads(docs.stdout)
    assert {r["id"] for r in rows} == {"s01", "s02", "s03", "s04"}
    shown = run("show", "s01", db=store)
    assert shown.returncode == 0 and "claim(s):" in shown.stdout
    missing = run("show", "nope", db=store)
    assert missing.returncode == 3 and "no document" in missing.stderr
    quotes = json.loads(run("quotes", "--format", "json", db=store).stdout)
    assert quotes and all(q["speaker"] is None or isinstance(q["speaker"], str) for q in quotes)


def test_eval_min_f1_gates(store: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "s01", "claims": [{"evidence": "not there", "kind": "count", "value": 1,
                                                         "value_high": None}]}) + "\n")  # fmt: skip
    res = run("eval", "claims", "--gold", str(gold), "--min-f1", "0.5", db=store)
    assert res.returncode == 6
    assert "gold seen" in res.stdout and "MISS" in res.stdout and "< --min-f1 0.5" in res.stderr


def test_bad_inputs_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Exports rose 40 percent to $2 billion last year, the minister said on Monday.\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 binary" * 50)
    (tmp_path / "empty.txt").write_text("   \n")
    jl = tmp_path / "mixed.jsonl"
    jl.write_text('{"id": "j1", "text": "Sales fell 3% in 2023."}\n{broken\n{"id": "j2", "text": "Output doubled."}\n')
    db = tmp_path / "bad.db"
    res = run("add", str(tmp_path), db=db)
    assert res.returncode == 1
    assert "binary.txt" in res.stderr and "empty.txt" in res.stderr and "mixed.jsonl:2" in res.stderr
    con = sqlite3.connect(db)
    ids = {r[0] for r in con.execute("SELECT id FROM documents")}
    assert ids == {"good.txt", "j1", "j2"}
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_extract_stdin_prints_every_layer(tmp_path: Path) -> None:
    text = "Exports of drones tripled last year, Defense Minister Ana Ruiz said on Saturday."
    res = run("extract", "-", "--published", "2024-06-09", "--format", "json", db=tmp_path / "unused.db", stdin=text)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert set(out) >= {"quantities", "times", "quotes", "claims"}
    claim = out["claims"][0]
    assert (claim["kind"], claim["value"], claim["said_on"]) == ("multiplier", 3, "2024-06-08")
    assert text[claim["start"] : claim["end"]] == claim["evidence"]
    assert not (tmp_path / "unused.db").exists()


def test_every_command_has_help() -> None:
    from typer.testing import CliRunner

    from claimwatch.cli import app

    runner = CliRunner()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    names += [g.name for g in app.registered_groups]  # type: ignore[misc]
    assert {"add", "claims", "eval", "extract", "talking-points", "check", "report", "speakers"} <= set(names)
    for command in app.registered_commands:
        assert command.callback.__doc__, f"{command.name} has no help text"  # type: ignore[union-attr]
    for name in names:
        res = runner.invoke(app, [name, "--help"])
        assert res.exit_code == 0, name
        assert len(res.output) > 100, name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"claimwatch {name}" in readme, f"{name} is missing from the README"


def test_killed_run_rerun_stores_every_document_once(tmp_path: Path) -> None:
    lines = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    corpus = tmp_path / "many.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(6):
            for ln in lines:
                rec = json.loads(ln)
                rec["id"] = f"{rec['id']}-{i}"
                rec["text"] = rec["text"] + f"\n\nEdition {i}."
                fh.write(json.dumps(rec) + "\n")
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "claimwatch", "--db", str(db), "add", str(corpus)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})  # fmt: skip
    deadline = time.time() + 120
    while time.time() < deadline:  # wait until some, not all, documents are in
        time.sleep(0.2)
        if db.exists():
            try:
                n = sqlite3.connect(db, timeout=1).execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                continue
            if n >= 5:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    first = sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < first < 6 * len(lines)
    res = run("add", str(corpus), db=db)
    assert res.returncode == 0, res.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 6 * len(lines)
    assert con.execute("SELECT count(DISTINCT content_hash) FROM documents").fetchone()[0] == 6 * len(lines)
    orphans = con.execute("SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert orphans == 0
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_explain_names_the_rules_behind_a_claim(store: Path) -> None:
    claims = [json.loads(line) for line in run("claims", "--format", "jsonl", db=store).stdout.splitlines()]
    with_speaker = next(c for c in claims if c["speaker"])
    res = run("explain", with_speaker["id"], db=store)
    assert res.returncode == 0, res.stderr
    assert "speaker: " + with_speaker["speaker"] in res.stdout and "source." in res.stdout
    missing = run("explain", "no-such-claim", db=store)
    assert missing.returncode == 3 and "no claim" in missing.stderr
