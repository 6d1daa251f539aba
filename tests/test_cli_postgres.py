"""Every command on a PostgreSQL store prints what it prints on a SQLite store holding
the same articles (``--db postgresql://…``). Runs ``claimwatch.cli.main`` in this process;
skips without a server (see tests/conftest.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimwatch.cli import main
from tests.conftest import fresh_postgres_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "claimwatch" / "samples"


def cw(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", db, *argv])
    out = capsys.readouterr().out
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [ln for ln in (SAMPLES / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()][:6]
    path = tmp_path_factory.mktemp("corpus") / "six.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def stores(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[tuple[str, str]]:
    """(SQLite file, PostgreSQL URL), each with the same articles added by ``add``."""
    with fresh_postgres_store() as url:
        sqlite = str(tmp_path / "cw.db")
        outs = [cw(capsys, db, "add", str(corpus)) for db in (sqlite, url)]
        assert outs[0] == outs[1] and "added 6 document(s)" in outs[0][1]
        yield sqlite, url


def test_every_command_reads_the_same_from_both_backends(stores: tuple[str, str], tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    sqlite, url = stores
    first = json.loads(cw(capsys, sqlite, "claims", "-f", "jsonl")[1].splitlines()[0])
    speaker = first["speaker"] or "minister"
    reads = [
        ("docs",), ("docs", "-f", "csv"), ("claims", "-f", "jsonl"), ("claims", "--speaker", speaker),
        ("claims", "--sort", "value", "--min-confidence", "0.5"), ("quotes", "-f", "jsonl"),
        ("talking-points", "-f", "jsonl"), ("stories", "-f", "jsonl"), ("check", "-f", "jsonl"),
        ("timeline", first["subject"] or "exports", "-f", "jsonl"), ("show", first["doc"]),
        ("explain", first["id"]), ("speakers",), ("speakers", "--explain", speaker),
        ("eval", "claims", "--gold", str(SAMPLES / "gold.jsonl"), "--show-errors", "0"),
    ]  # fmt: skip
    for argv in reads:
        assert cw(capsys, sqlite, *argv) == cw(capsys, url, *argv), argv
    htmls = []
    for n, db in enumerate((sqlite, url)):
        out = tmp_path / f"report{n}.html"
        assert cw(capsys, db, "report", "-o", str(out))[0] == 0
        htmls.append(out.read_text(encoding="utf-8"))
    assert htmls[0] == htmls[1]


def test_writes_land_the_same_in_both_backends(stores: tuple[str, str], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    sqlite, url = stores
    people = [ln for ln in cw(capsys, sqlite, "speakers", "-f", "jsonl")[1].splitlines() if ln.strip()]
    names = [json.loads(ln)["name"] for ln in people][:2]
    more = tmp_path / "more.jsonl"
    lines = [ln for ln in (SAMPLES / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    more.write_text("\n".join(lines[5:8]) + "\n", encoding="utf-8")  # one stored already, two new
    writes = [("reextract", "--all"), ("add", str(more))]
    if len(names) == 2:
        writes += [("speakers", "merge", *names), ("speakers", "split", *names)]
    for argv in writes:
        assert cw(capsys, sqlite, *argv) == cw(capsys, url, *argv), argv
        assert cw(capsys, sqlite, "claims", "-f", "jsonl") == cw(capsys, url, "claims", "-f", "jsonl"), argv
        assert cw(capsys, sqlite, "speakers") == cw(capsys, url, "speakers"), argv


def test_a_second_writer_on_the_same_postgres_store_is_refused(stores: tuple[str, str], corpus: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    from claimwatch.store import Store

    _, url = stores
    with Store(url, writer=True):
        with pytest.raises(SystemExit) as exit_info:
            main(["--db", url, "add", str(corpus)])
        assert exit_info.value.code != 0
        assert "one writer at a time" in capsys.readouterr().err
