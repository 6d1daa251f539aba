"""Test-wide settings: property tests draw the same examples on every run, so a CI run
cannot fail on an example no developer has seen. The sample corpus's store is built once
per run for the tests that read one; stores in both backends."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

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


# ---- PostgreSQL, for the store's second backend ----------------------------------------


TEST_PG_ENV = "CLAIMWATCH_TEST_PG"
NO_SERVER = (
    f"no PostgreSQL server for the store tests: set {TEST_PG_ENV} to a database URL, e.g. "
    f"`export {TEST_PG_ENV}=$(bash .ci/start-postgres)` (installs and starts one on 127.0.0.1)"
)


@contextmanager
def fresh_postgres_store() -> Iterator[str]:
    """A URL of an empty PostgreSQL store: a schema of its own in the test database,
    dropped afterwards. Skips, saying how to run it, when no server is configured."""
    base = os.environ.get(TEST_PG_ENV)
    if not base:
        pytest.skip(NO_SERVER)
    import psycopg

    schema = f"cw_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-c search_path={schema}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_store() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store in each backend: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    return str(request.getfixturevalue("postgres_url"))
