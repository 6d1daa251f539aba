"""The generated bad-input corpus through ``claimwatch add`` as a user runs it: one batch,
a reason for every skip on one line each, no traceback, the rest stored with offsets that
hold, output that stays strict JSON, and time and memory bounded (a watchdog, not a
benchmark: speed is measured in bench/)."""

from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimwatch.store import Store
from tests.hostile import (
    JSONL_BROKEN,
    Expected,
    file_privileges_droppable,
    unlock,
    without_file_privileges,
    write_bad_corpus,
)

ROOT = Path(__file__).resolve().parents[1]
# generous bounds that only a runaway stage (cubic time, a whole page in memory per
# node) can cross
WATCHDOG_S = 900
MAX_RSS_MB = 2500


def claimwatch(*argv: str, privileged: bool = True, timeout: float = WATCHDOG_S) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "claimwatch", *argv]
    return subprocess.run(cmd if privileged else without_file_privileges(cmd), capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Expected], subprocess.CompletedProcess[str]]]:
    base = tmp_path_factory.mktemp("batch")
    root = base / "corpus"
    expected = write_bad_corpus(root)
    db = base / "cw.db"
    try:
        done = claimwatch("--db", str(db), "add", str(root), "--time-budget", "120",
                          privileged=not file_privileges_droppable())  # fmt: skip
    finally:
        unlock(root)
    yield db, expected, done


def test_the_batch_ends_with_skips_reported_not_a_traceback(batch: tuple[Path, dict[str, Expected], subprocess.CompletedProcess[str]]) -> None:
    _, expected, done = batch
    assert done.returncode == 1, done.stderr  # some inputs were skipped
    assert "Traceback" not in done.stderr
    for line in done.stderr.splitlines():
        assert line.startswith(("skipped ", "note ")), line
    assert "\x1b" not in done.stderr
    for name, outcome in expected.items():
        if outcome.reason and (name != "locked" or file_privileges_droppable()):
            assert any(outcome.reason in line for line in done.stderr.splitlines() if name in line), name
        if outcome.note:
            assert any(outcome.note in line for line in done.stderr.splitlines() if line.startswith("note ")), name
    for n in JSONL_BROKEN:
        assert f"many.jsonl:{n}: invalid" in done.stderr


def test_the_rest_of_the_batch_lands_with_offsets_that_hold(batch: tuple[Path, dict[str, Expected], subprocess.CompletedProcess[str]]) -> None:
    db, expected, _ = batch
    want = {doc_id for outcome in expected.values() for doc_id in outcome.stored}
    with Store(db) as store:
        stored = set(store.document_ids())
        assert want <= stored
        for doc_id in stored:
            document = store.document(doc_id)
            for claim in store.claims(doc=doc_id):
                assert document.text[claim.start : claim.end] == claim.evidence
                assert math.isfinite(claim.value)


def test_exports_of_the_batch_are_strict_json_and_safe_csv(batch: tuple[Path, dict[str, Expected], subprocess.CompletedProcess[str]]) -> None:
    db, _, _ = batch
    done = claimwatch("--db", str(db), "claims", "-f", "json")
    assert done.returncode == 0, done.stderr
    json.loads(done.stdout, parse_constant=lambda name: pytest.fail(f"not strict JSON: {name}"))
    done = claimwatch("--db", str(db), "docs")
    assert done.returncode == 0 and "Harbour [/b] News" in done.stdout and "\x1b" not in done.stdout


def test_time_and_memory_stay_bounded(batch: tuple[Path, dict[str, Expected], subprocess.CompletedProcess[str]]) -> None:
    # the batch ran under the watchdog's timeout; its peak memory (the largest of this
    # test run's child processes) stays under the bound
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < MAX_RSS_MB
