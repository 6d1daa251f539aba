"""The command line as a journalist meets it: usage errors as one line, help everywhere,
filters that know the store, citations in every format, data printed as text.

Runs ``claimwatch.cli.main`` in this process over stores written here (no NLP), so each
case takes milliseconds."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claimwatch.cli import cli_command, main
from claimwatch.model import Claim, Document, Extraction, Person, Quote
from claimwatch.store import Store

NASTY_TITLE = "Budget [/red] row \x1b[31mred\x1b[0m [bold]"


def _claim(doc: Document, evidence: str, kind: str, value: float, unit: str, subject: str, speaker: str,
           **kw: Any) -> Claim:  # fmt: skip
    start = doc.text.index(evidence)
    return Claim(doc=doc.id, start=start, end=start + len(evidence), evidence=evidence, kind=kind,  # type: ignore[arg-type]
                 value=value, value_high=None, unit=unit, subject=subject, speaker=speaker,
                 quantity_start=start, quantity_end=start + len(evidence), **kw)  # fmt: skip


def _document(doc_id: str, text: str, **kw: Any) -> Document:
    return Document(id=doc_id, text=text, content_hash=f"h-{doc_id}", source="test", **kw)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three reports written for these tests: two Bagheris, one person spelled two ways,
    a title full of markup and escape codes."""
    path = tmp_path_factory.mktemp("cli") / "cw.db"
    a = _document("a1", "Turkey's arms exports rose 64 percent in 2031, Mahdi Farahi said. "
                        "Wheat output was 12 million tonnes, Ali Bagheri said.",
                  url="https://valley.example/a1", title="Arms exports up", outlet="Valley Post",
                  published=date(2032, 1, 5))  # fmt: skip
    b = _document("b1", "Defence exports of Turkey reached $1.2 billion in 2031, Mehdi Farahi told reporters. "
                        "Rice output fell 3 percent, Mohammad Bagheri said.",
                  url="https://harbour.example/b1", title=NASTY_TITLE, outlet="Harbour Times",
                  published=date(2032, 1, 9))  # fmt: skip
    c = _document("c1", "=SUM(A1:A9) of the fleet grew to 40 ships in 2031, \x1b[2J the admiral said.",
                  outlet="@Fleet Weekly", published=date(2032, 2, 1))  # fmt: skip
    claims = {
        "a1": (
            _claim(a, "Turkey's arms exports rose 64 percent in 2031", "percent_change", 64, "%", "Turkey's arms exports",
                   "Mahdi Farahi", period_start=date(2031, 1, 1), period_end=date(2031, 12, 31), confidence=0.95),
            _claim(a, "Wheat output was 12 million tonnes", "count", 1.2e7, "tonnes", "Wheat output", "Ali Bagheri",
                   confidence=0.5),
        ),
        "b1": (
            _claim(b, "Defence exports of Turkey reached $1.2 billion in 2031", "amount", 1.2e9, "USD",
                   "Defence exports of Turkey", "Mehdi Farahi", period_start=date(2031, 1, 1),
                   period_end=date(2031, 12, 31), confidence=0.9),
            _claim(b, "Rice output fell 3 percent", "percent_change", -3, "%", "Rice output", "Mohammad Bagheri",
                   confidence=0.7),
        ),
        "c1": (_claim(c, "=SUM(A1:A9) of the fleet grew to 40 ships in 2031", "count", 40, "ships",
                      "=SUM(A1:A9) of the fleet", "the admiral", said_on=date(2032, 1, 30), confidence=0.6),),
    }  # fmt: skip
    people = {
        "a1": (Person("Mahdi Farahi", role="deputy minister"), Person("Ali Bagheri", role="farm minister")),
        "b1": (Person("Mehdi Farahi", role="deputy minister"), Person("Mohammad Bagheri", role="chief of staff")),
        "c1": (),
    }
    with Store(path, writer=True) as store:
        for d in (a, b, c):
            quotes = tuple(Quote(cl.start, cl.end, cl.evidence, "reported", speaker=cl.speaker) for cl in claims[d.id])
            store.save(d, d.text, Extraction(doc=d.id, claims=claims[d.id], people=people[d.id], quotes=quotes,
                                             pipeline_version="t"))  # fmt: skip
    return path


def cw(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    out = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), out.out, out.err


def _command_paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, sub in getattr(command, "commands", {}).items():
        paths.append((*prefix, name))
        paths += _command_paths(sub, (*prefix, name))
    return paths


COMMANDS = _command_paths(cli_command())


def test_there_are_commands_to_check() -> None:
    assert {("claims",), ("speakers", "merge"), ("eval", "gate"), ("report",)} <= set(COMMANDS)


@pytest.mark.parametrize("argv", [(), ("claim",), ("claims", "-f", "xml"), ("claims", "--kind", "counts"),
                                  ("add",), ("claims", "--since", "2031-06-01", "--until", "2031-01-01"),
                                  ("claims", "--min-confidence", "2"), ("claims", "--limit", "0")])  # fmt: skip
def test_usage_errors_are_one_line_with_exit_2(db: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, out, err = cw(capsys, "--db", str(db), *argv)
    assert code == 2, err
    assert err.startswith("Error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert out == ""


def test_a_misspelt_command_suggests_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cw(capsys, "claim")
    assert code == 2 and "Did you mean 'claims'?" in err


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_refuses_a_bad_option_in_one_line(capsys: pytest.CaptureFixture[str], path: tuple[str, ...]) -> None:
    code, _, err = cw(capsys, *path, "--no-such-option")
    assert code == 2 and err.startswith("Error: No such option: --no-such-option") and err.count("\n") == 1


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "claimwatch")
def test_help_everywhere_shows_words_not_python_types(capsys: pytest.CaptureFixture[str], path: tuple[str, ...]) -> None:
    for flag in ("-h", "--help"):
        code, out, _ = cw(capsys, *path, flag)
        assert code == 0 and "Usage:" in out
        for python_type in ("<str>", "<bool>", "<int>", "<float>", "<list[", "<path>", "<Path>"):
            assert python_type not in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cw(capsys, "--version")
    assert code == 0 and out.startswith("claimwatch ") and out.strip().split()[1][0].isdigit()


def _claims(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> list[dict[str, Any]]:
    code, out, err = cw(capsys, "--db", str(db), "claims", "-f", "jsonl", *args)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_speaker_finds_the_person_by_any_spelling_or_a_unique_surname(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    both = {c["doc"] for c in _claims(capsys, db, "--speaker", "Mahdi Farahi")}
    assert both == {"a1", "b1"}  # "Mehdi Farahi" in b1 is the same deputy minister
    assert {c["doc"] for c in _claims(capsys, db, "--speaker", "Farahi")} == {"a1", "b1"}
    assert [c["speaker"] for c in _claims(capsys, db, "--speaker", "Ali Bagheri")] == ["Ali Bagheri"]
    code, _, err = cw(capsys, "--db", str(db), "claims", "--speaker", "Bagheri")
    assert code == 2 and "2 people" in err and "Ali Bagheri" in err and "Mohammad Bagheri" in err
    code, out, _ = cw(capsys, "--db", str(db), "speakers", "--explain", "Mehdi Farahi")
    assert code == 0 and "Mahdi Farahi" in out and "Mehdi Farahi" in out


def test_subject_is_matched_as_normalised(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = {c["doc"] for c in _claims(capsys, db, "--subject", "defense exports")}
    assert found == {"a1", "b1"}  # "arms exports" and "Defence exports"
    assert {c["doc"] for c in _claims(capsys, db, "--subject", "exports", "--country", "Turkey")} == {"a1", "b1"}
    assert _claims(capsys, db, "--subject", "exports", "--country", "Iran") == []
    code, _, err = cw(capsys, "--db", str(db), "claims", "--country", "Atlantis")
    assert code == 2 and "Atlantis" in err
    assert {c["unit"] for c in _claims(capsys, db, "--subject", "wheat")} == {"tonnes"}


def test_kind_outlet_confidence_limit_and_sort(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert {c["kind"] for c in _claims(capsys, db, "--kind", "count")} == {"count"}
    assert {c["doc"] for c in _claims(capsys, db, "--outlet", "harbour")} == {"b1"}
    assert all(c["confidence"] >= 0.9 for c in _claims(capsys, db, "--min-confidence", "0.9"))
    assert len(_claims(capsys, db, "--min-confidence", "0.9")) == 2
    by_value = _claims(capsys, db, "--sort", "value", "--limit", "2")
    assert [c["value"] for c in by_value] == [1200000000, 12000000]
    by_published = [c["doc"] for c in _claims(capsys, db, "--sort", "published")]
    assert by_published == sorted(by_published, key=["a1", "b1", "c1"].index)


def test_a_filter_that_matches_nothing_says_so_on_stderr(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cw(capsys, "--db", str(db), "claims", "--outlet", "nobody", "-f", "jsonl")
    assert code == 0 and out == "" and "no claims match --outlet nobody" in err


def test_every_format_cites_outlet_url_title_and_date(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (record,) = _claims(capsys, db, "--doc", "a1", "--kind", "percent_change")
    assert (record["outlet"], record["url"], record["title"], record["published"]) == (
        "Valley Post", "https://valley.example/a1", "Arms exports up", "2032-01-05")
    _, out, _ = cw(capsys, "--db", str(db), "claims", "--doc", "a1")
    assert "Valley Post" in out and "https://valley.example/a1" in out and "Arms exports up" in out
    _, out, _ = cw(capsys, "--db", str(db), "quotes", "-f", "json")
    assert {q["outlet"] for q in json.loads(out)} == {"Valley Post", "Harbour Times", "@Fleet Weekly"}


def test_csv_has_no_reprs_no_scientific_notation_and_no_formulas(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cw(capsys, "--db", str(db), "claims", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["value"] for r in rows} >= {"1200000000", "12000000", "-3"}
    assert "e+" not in out and "E+" not in out
    fleet = next(r for r in rows if r["doc"] == "c1")
    assert fleet["evidence"].startswith("'=SUM") and fleet["subject"].startswith("'=") and fleet["outlet"] == "'@Fleet Weekly"
    _, out, _ = cw(capsys, "--db", str(db), "claims", "--grouped", "-f", "csv")
    grouped = list(csv.DictReader(io.StringIO(out)))
    assert grouped and all(json.loads(r["claims"]) for r in grouped)  # lists as JSON, not ['a1:…']
    assert "['" not in out


def test_data_is_printed_as_text_without_escape_codes(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (("docs",), ("claims",), ("show", "b1"), ("show", "c1"), ("quotes",), ("check",)):
        code, out, err = cw(capsys, "--db", str(db), *argv)
        assert code == 0, err
        assert "\x1b" not in out
    _, out, _ = cw(capsys, "--db", str(db), "docs")
    assert "[/red]" in out and "[bold]" in out  # shown as written, not read as markup


def test_show_piped_marks_spans_in_plain_text_and_lists_claims(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cw(capsys, "--db", str(db), "show", "a1")
    assert code == 0
    assert "[[claim: Turkey's arms exports rose 64 percent in 2031]]" in out or "[[claim: Turkey" in out
    assert "2 claim(s):" in out and "a1:" in out and "Valley Post" in out


def test_timeline_without_a_match_says_so_and_writes_nothing(db: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    svg = tmp_path / "t.svg"
    code, _, err = cw(capsys, "--db", str(db), "timeline", "zeppelin sales", "--svg", str(svg))
    assert code == 1 and "no dated claims about 'zeppelin sales'" in err and not svg.exists()
