"""The generated bad-input corpus through the ingest stage: every class of trouble gives
a stored article (with a note where reading changed something) or a skip with a reason,
and the good inputs around it are all read."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimwatch.ingest import iter_articles
from claimwatch.ingest.decode import decode_with_note
from claimwatch.ingest.files import printable_name
from claimwatch.model import Article, IngestFailure
from tests.hostile import (
    BAD_NAME_ID,
    JSONL_BROKEN,
    JSONL_LINES,
    Expected,
    file_privileges_droppable,
    run_without_file_privileges,
    unlock,
    write_bad_corpus,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Expected]]]:
    root = tmp_path_factory.mktemp("bad") / "corpus"
    expected = write_bad_corpus(root)
    yield root, expected
    unlock(root)


@pytest.fixture(scope="module")
def read(corpus: tuple[Path, dict[str, Expected]]) -> tuple[dict[str, Article], dict[str, str]]:
    root, _ = corpus
    articles: dict[str, Article] = {}
    failures: dict[str, str] = {}
    for item in iter_articles([root]):
        if isinstance(item, IngestFailure):
            failures[item.source.removeprefix(f"{root}/")] = item.reason
        else:
            articles[item.id] = item
    return articles, failures


def test_every_good_input_and_every_readable_bad_one_is_read(corpus: tuple[Path, dict[str, Expected]],
                                                              read: tuple[dict[str, Article], dict[str, str]]) -> None:  # fmt: skip
    _, expected = corpus
    articles, _ = read
    for name, outcome in expected.items():
        for doc_id in outcome.stored:
            assert doc_id in articles, name


@pytest.mark.parametrize(("name", "reason"), [
    ("nul-bytes.txt", "contains NUL bytes"), ("random-binary.txt", "binary content"),
    ("utf16-no-bom.txt", "UTF-16 without a byte-order mark"), ("empty.txt", "empty"),
])  # fmt: skip
def test_unreadable_content_is_skipped_with_its_reason(read: tuple[dict[str, Article], dict[str, str]],
                                                       name: str, reason: str) -> None:  # fmt: skip
    _, failures = read
    assert reason in failures[name]
    assert "\n" not in failures[name]


def test_jsonl_broken_lines_are_named_and_the_rest_is_read(read: tuple[dict[str, Article], dict[str, str]]) -> None:
    articles, failures = read
    broken = sorted(int(k.split(":")[1]) for k in failures if k.startswith("many.jsonl:"))
    assert broken == list(JSONL_BROKEN)
    assert all("JSON" in failures[f"many.jsonl:{n}"] for n in JSONL_BROKEN)
    assert sum(1 for k in articles if k.startswith("line-")) == JSONL_LINES - len(JSONL_BROKEN)


def test_a_file_name_that_is_not_utf8_is_stored_under_an_escaped_id(read: tuple[dict[str, Article], dict[str, str]]) -> None:
    articles, _ = read
    article = articles[BAD_NAME_ID]
    assert article.source.endswith(BAD_NAME_ID) and article.source.encode("utf-8")
    assert any("not valid UTF-8" in note for note in article.notes)


def test_damaged_utf8_is_read_as_utf8_with_a_note_not_as_a_legacy_code_page(read: tuple[dict[str, Article], dict[str, str]]) -> None:
    articles, _ = read
    article = articles["mostly-utf8.txt"]
    assert "caf\u00e9 owners\u2019 union" in article.raw  # no mojibake around the damage
    assert "\ufffd\ufffd" in article.raw
    assert article.notes == ("not valid UTF-8: 2 invalid byte(s) replaced by U+FFFD",)


def test_legacy_windows_text_is_still_decoded(read: tuple[dict[str, Article], dict[str, str]]) -> None:
    articles, _ = read
    assert articles["windows-1252.txt"].raw.startswith("\u201cTile exports rose 7 percent")
    assert articles["windows-1252.txt"].notes == ()


def test_rtl_and_persian_digits_are_kept_as_written(read: tuple[dict[str, Article], dict[str, str]]) -> None:
    articles, _ = read
    assert "\u06f1\u06f2 percent" in articles["rtl-persian.txt"].raw


@pytest.mark.parametrize(("data", "note"), [
    ("Prices of caf\u00e9 fare rose.".encode() + b"\x92", "1 invalid byte(s)"),
    (b"plain ASCII", None),
    ("\u201cQuoted\u201d".encode("cp1252"), None),  # a legacy file: no valid multi-byte character
])  # fmt: skip
def test_decode_notes(data: bytes, note: str | None) -> None:
    _, said = decode_with_note(data)
    assert (said is None) if note is None else (said is not None and note in said)


def test_printable_name_escapes_only_what_is_not_utf8() -> None:
    assert printable_name("caf\u00e9.txt") == "caf\u00e9.txt"
    assert printable_name(b"a\xffb.txt".decode("utf-8", "surrogateescape")) == "a\\xffb.txt"


@pytest.mark.skipif(not file_privileges_droppable(), reason="needs setpriv to drop root's file capabilities")
def test_an_unreadable_directory_is_reported_and_its_siblings_read(corpus: tuple[Path, dict[str, Expected]]) -> None:
    root, _ = corpus
    code = ("import json, sys; from claimwatch.ingest import iter_articles; from claimwatch.model import IngestFailure;"
            "out = [[i.source, i.reason] if isinstance(i, IngestFailure) else i.id for i in iter_articles([sys.argv[1]])];"
            "print(json.dumps(out))")  # fmt: skip
    done = run_without_file_privileges([sys.executable, "-c", code, str(root)], cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    failures = {source: reason for source, reason in (x for x in out if isinstance(x, list))}
    assert failures[str(root / "locked")] == "directory not read: permission denied"
    assert "good-1.txt" in out and "line-1" in out
    assert "locked/inside.txt" not in out
