"""Test-wide settings: property tests draw the same examples on every run, so a CI run
cannot fail on an example no developer has seen. The sample corpus's store is built once
per run for the tests that read one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("claimwatch", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("claimwatch")

SAMPLE_CORPUS = Path(__file__).resolve().parents[1] / "src" / "claimwatch" / "samples" / "corpus.jsonl"


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the bundled sample corpus, built once per run (read it; copy it to change it)."""
    from claimwatch.api import open_store

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    report = open_store(path).add(SAMPLE_CORPUS)
    assert report.added and not report.failures
    return path


@pytest.fixture()
def sample_store_copy(sample_store_path: Path, tmp_path: Path) -> Path:
    """A copy of the sample store this test may write to."""
    copy = tmp_path / "sample.db"
    shutil.copy(sample_store_path, copy)
    return copy
