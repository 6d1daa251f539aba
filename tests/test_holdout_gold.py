"""Validation of the hand-written held-out gold (samples/holdout*.jsonl): shape and conventions only."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jdatetime
import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "claimwatch" / "samples"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
KINDS = {"multiplier", "percent_change", "percent_share", "amount", "count"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _load(name: str) -> list[dict]:
    return [json.loads(line) for line in (SAMPLES / name).read_text(encoding="utf-8").splitlines() if line]


ARTICLES = {a["id"]: a for a in _load("holdout.jsonl")}
GOLD = _load("holdout.gold.jsonl")


def test_ids_and_docs_align() -> None:
    assert sorted(ARTICLES) == [f"h{i:02d}" for i in range(1, 21)]
    assert [g["doc"] for g in GOLD] == sorted(ARTICLES)
    for g in GOLD:
        assert g["published"] == ARTICLES[g["doc"]]["published"]
        assert "example.net" in ARTICLES[g["doc"]]["url"]


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g["doc"])
def test_claims_follow_conventions(gold: dict) -> None:
    text = ARTICLES[gold["doc"]]["text"]
    assert gold["claims"], "every holdout article carries claims"
    for claim in gold["claims"]:
        assert claim["evidence"] in text
        assert claim["kind"] in KINDS
        if claim["kind"] in {"percent_change", "percent_share"}:
            assert claim["unit"] == "%"
        if claim["kind"] == "multiplier":
            assert claim["unit"] == "x" and claim["value"] > 0
        if claim["kind"] == "amount":
            assert re.fullmatch(r"[A-Z]{3}", claim["unit"])
        if claim["value_high"] is not None:
            assert claim["value_high"] >= claim["value"]
        for key in ("period_start", "period_end", "said_on"):
            if claim[key] is not None:
                assert ISO_DATE.match(claim[key])
                dt.date.fromisoformat(claim[key])
        if claim["period_start"] and claim["period_end"]:
            assert claim["period_start"] <= claim["period_end"]
        if gold["published"] is None:
            # Without a publication date no relative weekday can be resolved.
            assert claim["said_on"] is None
        elif claim["said_on"]:
            assert claim["said_on"] <= gold["published"]
    for quote in gold["quotes"]:
        assert quote["evidence"] in text and quote["speaker"]


PERSIAN_YEAR = re.compile(r"(?:Iranian year|year) (1[34]\d\d)")


def test_persian_years_match_jdatetime() -> None:
    checked = 0
    for gold in GOLD:
        for claim in gold["claims"]:
            match = PERSIAN_YEAR.search(claim["period_text"] or "")
            if not match or claim["period_start"] is None:
                continue
            year = int(match.group(1))
            start = jdatetime.date(year, 1, 1).togregorian()
            end = jdatetime.date(year + 1, 1, 1).togregorian() - dt.timedelta(days=1)
            assert (claim["period_start"], claim["period_end"]) == (start.isoformat(), end.isoformat())
            checked += 1
    assert checked >= 5


def test_weekday_notes_agree_with_dates() -> None:
    for gold in GOLD:
        for claim in gold["claims"]:
            m = re.search(r"'(?:said )?on (\w+day)'", claim.get("note", ""))
            if m and claim["said_on"]:
                assert dt.date.fromisoformat(claim["said_on"]).strftime("%A") == m.group(1)


def _ten_word_runs(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 10]) for i in range(len(words) - 9)}


def test_no_ten_word_run_from_shared_corpus() -> None:
    dev = SHARED / "corpus" / "dev.jsonl"
    if not dev.exists():
        pytest.skip("../shared is absent")
    shared_runs: set[str] = set()
    for line in dev.read_text(encoding="utf-8").splitlines():
        shared_runs |= _ten_word_runs(json.loads(line)["text"])
    for seed in (SHARED / "corpus" / "seeds").glob("*.txt"):
        shared_runs |= _ten_word_runs(seed.read_text(encoding="utf-8"))
    for article in ARTICLES.values():
        assert not (_ten_word_runs(article["text"]) & shared_runs), article["id"]
