"""The command line against hostile data and a hostile machine: damaged stores, read-only
directories and full disks give one-line errors; escape sequences in the data never reach
the terminal, markup in it is printed as written; every CSV export neutralises formulas;
filters of any length and with SQL wildcards are literal.

Stores are written here without NLP (milliseconds); the cases that need a real full disk
or real file permissions run a child process."""

from __future__ import annotations

import csv
import io
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from claimwatch import cli
from claimwatch.cli import main
from claimwatch.exports import csv_cell
from claimwatch.model import Extraction, IngestFailure, IngestNote, IngestReport, Person, Quote
from claimwatch.store import Store
from tests.hostile import file_privileges_droppable, run_without_file_privileges
from tests.test_cli_usage import _claim, _document

ROOT = Path(__file__).resolve().parents[1]
# what an article could carry to clear the screen, retitle the window or ring the bell
HOSTILE_SEQUENCES = ("\x1b[2J", "\x1b]0;", "\x07", "\x1b[5m")
MARKUP = "[/red] [bold]"


def _write_store(path: Path) -> None:
    hostile = _document(
        "h1", "=HYPERLINK(1) fleet [/red] grew to 40 ships in 2031, \x1b[2J\x1b]0;owned\x07 Amir [bold] Sadri said. "
              "\tTariffs fell 3 percent, Sadri said.",
        title="Fleet [/red] \x1b]0;retitled\x07 review", outlet="@Harbour 100% Times", published=date(2032, 1, 5))  # fmt: skip
    plain = _document("p1", "Tile exports rose 7 percent in 2031, Lina Varga said.", outlet="Valley_Post",
                      url="https://valley.example/p1", published=date(2032, 2, 1))  # fmt: skip
    claims = {
        "h1": (_claim(hostile, "=HYPERLINK(1) fleet [/red] grew to 40 ships in 2031", "count", 40, "ships",
                      "=HYPERLINK(1) fleet [/red]", "Amir [bold] Sadri", confidence=0.6),
               _claim(hostile, "\tTariffs fell 3 percent", "percent_change", -3, "%", "+tariffs", "-Sadri",
                      confidence=0.5)),
        "p1": (_claim(plain, "Tile exports rose 7 percent in 2031", "percent_change", 7, "%", "Tile exports",
                      "Lina Varga", confidence=0.9),),
    }  # fmt: skip
    people = {"h1": (Person("Amir [bold] Sadri", role="[/red] envoy"),), "p1": (Person("Lina Varga"),)}
    with Store(path, writer=True) as store:
        for d in (hostile, plain):
            quotes = tuple(Quote(c.start, c.end, c.evidence, "reported", speaker=c.speaker) for c in claims[d.id])
            store.save(d, d.text, Extraction(doc=d.id, claims=claims[d.id], people=people[d.id], quotes=quotes,
                                             pipeline_version="t"))  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "cw.db"
    _write_store(path)
    return path


def cw(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    out = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), out.out, out.err


def _one_line_error(err: str) -> None:
    assert err.startswith("Error: ") and err.count("\n") == 1 and "Traceback" not in err, err


# ---- damaged stores, read-only directories, full disks --------------------------------


def _damage_tables(path: Path) -> None:
    """Break the first page of every table but ``meta``: the store opens (its schema
    version reads), and whatever a command reads next is damaged."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r[0] for r in conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name != 'meta'")]
    conn.close()
    data = bytearray(path.read_bytes())
    for root in roots:
        offset = (root - 1) * page_size
        data[offset : offset + 12] = b"\xa5" * 12  # the b-tree page header: no valid page type
    path.write_bytes(bytes(data))


READ_COMMANDS = (("docs",), ("claims",), ("quotes",), ("show", "h1"), ("speakers",), ("check",), ("talking-points",),
                 ("claims", "--grouped"))  # fmt: skip


@pytest.mark.parametrize("argv", READ_COMMANDS)
def test_a_damaged_store_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    path = tmp_path / "damaged.db"
    _write_store(path)
    _damage_tables(path)
    code, out, err = cw(capsys, "--db", str(path), *argv)
    assert code == 5 and out == ""
    _one_line_error(err)
    assert "is damaged" in err


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + b"\x00" * 200, bytes(range(256)) * 40])
def test_a_file_that_is_no_store_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(content)
    for argv in (("docs",), ("speakers", "merge", "A", "B")):
        code, _, err = cw(capsys, "--db", str(path), *argv)
        assert code == 5
        _one_line_error(err)


needs_permissions = pytest.mark.skipif(not file_privileges_droppable(), reason="needs setpriv to drop root's file capabilities")


@needs_permissions
def test_a_store_in_a_read_only_directory_is_read_and_refuses_writes_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    _write_store(folder / "cw.db")
    folder.chmod(0o555)
    try:
        args = [sys.executable, "-m", "claimwatch", "--db", str(folder / "cw.db")]
        read = run_without_file_privileges([*args, "docs", "-f", "jsonl"], cwd=ROOT, timeout=300)
        write = run_without_file_privileges([*args, "speakers", "merge", "A", "B"], cwd=ROOT, timeout=300)
        new = run_without_file_privileges([sys.executable, "-m", "claimwatch", "--db", str(folder / "new.db"), "add",
                                           str(folder / "missing.txt")], cwd=ROOT, timeout=300)  # fmt: skip
    finally:
        folder.chmod(0o755)
    assert read.returncode == 0, read.stderr
    assert len(read.stdout.splitlines()) == 2
    for done in (write, new):
        assert done.returncode == 5, done.stderr
        _one_line_error(done.stderr)
        assert "cannot write to the store" in done.stderr


FILL_STORE = """
import sys
from claimwatch.errors import StoreError
from claimwatch.model import Document, Extraction
from claimwatch.store import Store
saved = 0
try:
    with Store(sys.argv[1], writer=True) as store:
        for i in range(100000):
            text = f"Report {i}: cargo rose {i} percent. " * 200
            store.save(Document(id=f"d{i}", text=text, content_hash=f"h{i}", source="t"), text,
                       Extraction(doc=f"d{i}", pipeline_version="t"))
            saved += 1
except StoreError as exc:
    print(saved)
    print(exc)
    sys.exit(5)
"""


def _file_size_limit(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_is_one_line_error_and_keeps_what_was_stored(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    # the file size limit stands in for a full disk: writes past it fail as they would
    done = subprocess.run([sys.executable, "-c", FILL_STORE, str(path)], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, preexec_fn=lambda: _file_size_limit(2_000_000), check=False)  # fmt: skip
    assert done.returncode == 5, done.stderr
    saved_text, message = done.stdout.splitlines()
    assert "cannot write to the store" in message and "is the disk full?" in message
    with Store(path) as store:
        assert len(store.document_ids()) >= int(saved_text) > 0


def test_an_output_file_on_a_full_disk_is_one_line_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    code, _, err = cw(capsys, "--db", str(db), "report", "-o", "/dev/full")
    assert code == 1
    _one_line_error(err)
    assert "/dev/full: No space left on device" in err


def test_standard_output_on_a_full_disk_is_one_line_error(db: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "claimwatch", "--db", str(db), "claims", "-f", "csv"],
                              stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 1
    _one_line_error(done.stderr)
    assert "No space left on device" in done.stderr


# ---- escape sequences and markup --------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[_Terminal, _Terminal]]:
    """The command line's consoles and standard output as a colour terminal."""
    out, err = _Terminal(), _Terminal()
    monkeypatch.setattr(cli, "console", Console(file=out, force_terminal=True, width=200))
    monkeypatch.setattr(cli, "err", Console(file=err, force_terminal=True, width=200))
    monkeypatch.setattr(sys, "stdout", out)
    yield out, err


def _clean(text: str) -> None:
    for seq in HOSTILE_SEQUENCES:
        assert seq not in text, repr(seq)


TERMINAL_COMMANDS = (("docs",), ("claims",), ("quotes",), ("show", "h1"), ("speakers",), ("check",),
                     ("speakers", "--explain", "Sadri"), ("speakers", "merge", "Amir [bold] Sadri", "[/red] x"),
                     ("speakers", "split", "[/b]", "\x1b[2J"), ("claims", "-f", "csv"), ("quotes", "-f", "csv"),
                     ("docs", "-f", "csv"), ("show", "\x1b]0;x\x07"), ("claims", "--speaker", "\x1b[2J[/red]"),
                     ("timeline", "[/red]\x1b[2J"))  # fmt: skip


@pytest.mark.parametrize("argv", TERMINAL_COMMANDS)
def test_no_escape_sequence_from_the_data_reaches_the_terminal(tmp_path: Path, terminal: tuple[_Terminal, _Terminal],
                                                                argv: tuple[str, ...]) -> None:  # fmt: skip
    path = tmp_path / "cw.db"
    _write_store(path)
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(path), *argv])
    out, err = terminal
    assert exit_info.value.code in (0, 1, 3), err.getvalue()
    assert "Traceback" not in err.getvalue()
    _clean(out.getvalue())
    _clean(err.getvalue())


@pytest.mark.parametrize("argv", [("docs",), ("show", "h1"), ("speakers",), ("quotes",), ("claims",)])
def test_markup_in_the_data_is_printed_as_written(db: Path, terminal: tuple[_Terminal, _Terminal], argv: tuple[str, ...]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db), *argv])
    assert exit_info.value.code == 0
    out, _ = terminal
    assert "[/red]" in out.getvalue() or "[bold]" in out.getvalue()


def test_speakers_merge_prints_names_with_markup_as_written(tmp_path: Path, terminal: tuple[_Terminal, _Terminal]) -> None:
    path = tmp_path / "cw.db"
    _write_store(path)
    with pytest.raises(SystemExit):
        main(["--db", str(path), "speakers", "merge", "[/red]", "[bold]x"])
    out, _ = terminal
    assert "merged '[/red]' and '[bold]x'" in out.getvalue()


def test_skip_messages_carry_no_escape_sequences_or_markup(terminal: tuple[_Terminal, _Terminal]) -> None:
    report = IngestReport(failures=[IngestFailure("bad\x1b[2Jname.txt", "odd [/red] \x1b]0;t\x07 reason")],
                          notes=[IngestNote("n\x1b[5m.txt", "note [/b]")])  # fmt: skip
    with pytest.raises(cli.typer.Exit):
        cli._report(report, "added")
    _, err = terminal
    _clean(err.getvalue())
    assert "bad[2Jname.txt: odd [/red] ]0;t reason" in err.getvalue() and "note [/b]" in err.getvalue()


def test_csv_to_a_file_keeps_the_data_as_stored(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cw(capsys, "--db", str(db), "docs", "-f", "csv")
    assert code == 0 and "\x1b]0;retitled\x07" in out  # not a terminal: the data is exported whole


# ---- CSV formula injection ----------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-Sadri", "@SUM(A1)", "\t=1", "\r=1", "\tTariffs"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize(("value", "cell"), [(-3, "-3"), (-2.5, "-2.5"), ("a=b", "a=b"), (None, "")])
def test_numbers_and_inner_signs_stay_as_they_are(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


CSV_COMMANDS = (("docs",), ("claims",), ("claims", "--grouped"), ("quotes",), ("speakers",), ("talking-points", "--min-docs", "1"),
                ("stories",), ("check",), ("timeline", "tariffs"))  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("argv", CSV_COMMANDS)
def test_every_csv_export_neutralises_formulas(db: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, out, err = cw(capsys, "--db", str(db), *argv, "-f", "csv")
    assert code in (0, 1), err
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            if cell.startswith(FORMULA_START):
                float(cell)  # only a number may start with a sign
    if argv == ("claims",):
        assert "'=HYPERLINK(1) fleet [/red]" in out and "'\tTariffs fell 3 percent" in out and "'@Harbour" in out


# ---- filters --------------------------------------------------------------------------------

LONG = "a" * 100_000
FILTERS = (("claims", "--subject", LONG), ("claims", "--speaker", LONG), ("claims", "--outlet", LONG),
           ("claims", "--doc", LONG), ("claims", "--country", LONG), ("quotes", "--speaker", LONG),
           ("quotes", "--doc", LONG), ("timeline", LONG), ("speakers", "--explain", LONG), ("show", LONG),
           ("explain", LONG), ("claims", "--grouped", "--subject", LONG))  # fmt: skip


@pytest.mark.parametrize("argv", FILTERS, ids=lambda a: " ".join(x[:12] for x in a))
def test_a_100000_character_filter_is_an_answer_or_a_short_error(db: Path, capsys: pytest.CaptureFixture[str],
                                                                 argv: tuple[str, ...]) -> None:  # fmt: skip
    code, _, err = cw(capsys, "--db", str(db), *argv)
    assert code in (0, 1, 2, 3), err
    assert "Traceback" not in err
    assert all(len(line) < 500 for line in err.splitlines())


@pytest.mark.parametrize(("option", "value", "docs"), [
    ("--outlet", "%", {"h1"}), ("--outlet", "_", {"p1"}), ("--subject", "%", set()), ("--speaker", "%", set()),
    ("--outlet", "100%", {"h1"}), ("--outlet", "Valley_", {"p1"}),
])  # fmt: skip
def test_sql_wildcards_in_filters_are_literal(db: Path, capsys: pytest.CaptureFixture[str], option: str, value: str,
                                              docs: set[str]) -> None:  # fmt: skip
    code, out, _ = cw(capsys, "--db", str(db), "claims", option, value, "-f", "csv")
    assert code == 0
    assert {r["doc"] for r in csv.DictReader(io.StringIO(out))} == docs
