"""Tests for claimwatch.ingest.files: files, directories, JSONL and every kind of bad input."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.calendars import parse_iso_date
from claimwatch.ingest.files import DecodeError, IngestLimits, decode_bytes, iter_articles
from claimwatch.model import Article, IngestFailure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _split(items: list[Article | IngestFailure]) -> tuple[list[Article], list[IngestFailure]]:
    arts = [i for i in items if isinstance(i, Article)]
    fails = [i for i in items if isinstance(i, IngestFailure)]
    return arts, fails


def _one(path: Path, limits: IngestLimits | None = None) -> Article | IngestFailure:
    items = list(iter_articles([path], limits or IngestLimits()))
    assert len(items) == 1
    return items[0]


# ---- good inputs --------------------------------------------------------------


def test_txt_file_id_is_file_name_and_raw_is_text() -> None:
    item = _one(FIXTURES / "tehran_style.txt")
    assert isinstance(item, Article)
    assert item.id == "tehran_style.txt"
    assert item.fmt == "txt"
    assert item.raw == (FIXTURES / "tehran_style.txt").read_text(encoding="utf-8")


def test_directory_is_recursive_sorted_and_skips_other_extensions() -> None:
    arts, fails = _split(list(iter_articles([FIXTURES / "corpus"], IngestLimits())))
    assert fails == []
    assert [a.id for a in arts] == ["b_first.txt", "c1", "nested/a_second.txt", "nested/page.html"]
    assert [a.fmt for a in arts] == ["txt", "jsonl", "txt", "html"]
    assert all("readme" not in a.source for a in arts)


def test_jsonl_fields_failures_and_line_numbers() -> None:
    arts, fails = _split(list(iter_articles([FIXTURES / "articles.jsonl"], IngestLimits())))
    by_id = {a.id: a for a in arts}
    assert list(by_id) == ["a1", "articles.jsonl:2", "a7", "a9"]
    assert by_id["a1"].published == date(2023, 5, 2)
    assert by_id["a1"].url == "https://www.tehrantimes.com/news/1/x"
    assert by_id["a1"].source.endswith("articles.jsonl:1")
    assert by_id["a7"].outlet == "Given Outlet" and by_id["a7"].title == "Given title"
    reasons = {f.source.rsplit(":", 1)[1]: f.reason for f in fails}
    assert set(reasons) == {"3", "4", "6", "8"}  # line 5 is empty and skipped
    assert reasons["3"].startswith("invalid JSON")
    assert "published" in reasons["4"]
    assert reasons["6"] == "empty text"
    assert "object" in reasons["8"]


def test_unsupported_explicit_file_is_a_failure() -> None:
    item = _one(FIXTURES / "corpus" / "readme.md")
    assert isinstance(item, IngestFailure)
    assert "unsupported file type" in item.reason


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    for name in ("nope.txt", "nope.jsonl", "nope"):
        item = _one(tmp_path / name)
        assert isinstance(item, IngestFailure)
        assert item.reason == "no such file or directory"


def test_bad_inputs_do_not_stop_good_ones(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02garbage")
    paths = [tmp_path / "bin.txt", tmp_path / "missing.txt", FIXTURES / "plain_no_meta.txt"]
    arts, fails = _split(list(iter_articles(paths, IngestLimits())))
    assert [a.id for a in arts] == ["plain_no_meta.txt"]
    assert len(fails) == 2


# ---- bad files ------------------------------------------------------------------


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    item = _one(path)
    assert isinstance(item, IngestFailure) and "binary" in item.reason


def test_control_character_file_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"\x01\x02\x03\x04abc\x05\x06\x07\x08" * 20)
    item = _one(path)
    assert isinstance(item, IngestFailure) and "binary" in item.reason


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", b"\xef\xbb\xbf\n"])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    item = _one(path)
    assert isinstance(item, IngestFailure) and "empty" in item.reason


def test_windows_1252_file_with_curly_quotes_is_decoded(tmp_path: Path) -> None:
    text = "The minister said \u201cexports doubled\u201d and it\u2019s a \u20ac5 million \u2013 deal.\n" * 3
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    item = _one(path)
    assert isinstance(item, Article)
    assert item.raw == text


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    text = "Le ministre a déclaré que les exportations ont augmenté de 5 pour cent à Genève.\n" * 3
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    item = _one(path)
    assert isinstance(item, Article)
    assert item.raw == text


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Output rose 3 percent.".encode("utf-16"))
    item = _one(path)
    assert isinstance(item, Article) and item.raw == "Output rose 3 percent."


def test_over_size_file_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 400, encoding="utf-8")
    item = _one(path, IngestLimits(max_bytes=1000))
    assert isinstance(item, IngestFailure)
    assert "too large" in item.reason and "1000" in item.reason
    assert isinstance(_one(path, IngestLimits(max_bytes=2000)), Article)


def test_over_size_jsonl_line_fails_and_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    lines = [
        json.dumps({"id": "big", "text": "x" * 5000}),
        json.dumps({"id": "ok", "text": "Exports rose 2 percent."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, fails = _split(list(iter_articles([path], IngestLimits(max_bytes=1000))))
    assert [a.id for a in arts] == ["ok"]
    assert [f.source for f in fails] == [f"{path}:1"]
    assert "too large" in fails[0].reason


def test_empty_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    item = _one(path)
    assert isinstance(item, IngestFailure) and "empty" in item.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Exports rose.", encoding="utf-8")
    path.chmod(0)
    try:
        item = _one(path)
    finally:
        path.chmod(0o644)
    assert isinstance(item, IngestFailure) and "permission" in item.reason


# ---- parsers ------------------------------------------------------------------------


@given(st.dates())
def test_parse_iso_date_round_trips(d: date) -> None:
    assert parse_iso_date(d.isoformat()) == d


@pytest.mark.parametrize("bad", ["2023-13-01", "June 3", "02/05/2023", 20230102])
def test_parse_iso_date_rejects(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(bad)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_decode_bytes_round_trips_utf8(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == text


@given(st.binary(min_size=1, max_size=200))
def test_decode_bytes_never_raises_other_errors(data: bytes) -> None:
    try:
        out = decode_bytes(data)
    except DecodeError:
        return
    assert isinstance(out, str)


def test_cyrillic_code_page_is_not_read_as_cp1252(tmp_path: Path) -> None:
    text = "Министр заявил, что экспорт вырос на пять процентов за прошлый год, а импорт упал.\n" * 3
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    item = _one(path)
    assert isinstance(item, Article)
    assert item.raw == text


def test_read_error_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Exports rose.", encoding="utf-8")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    item = _one(path)
    assert isinstance(item, IngestFailure) and "permission" in item.reason


def test_directory_named_like_a_file_is_walked(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.mkdir()
    (odd / "inner.txt").write_text("Inner text with 4 percent.", encoding="utf-8")
    items = list(iter_articles([odd], IngestLimits()))
    assert [i.id for i in items if isinstance(i, Article)] == ["inner.txt"]
