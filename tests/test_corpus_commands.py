"""Cross-document commands on the real seed articles (read from ../shared when present)
and on the sample corpus: speakers, quotes, talking points, stories, timeline, check, report."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "corpus" / "seeds"
SAMPLE = ROOT / "src" / "claimwatch" / "samples" / "corpus.jsonl"
runner = CliRunner()


def cw(db: Path, *args: str) -> str:
    res = runner.invoke(app, ["--db", str(db), *args])
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared is not present")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    cw(db, "add", str(SEEDS))
    return db


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    cw(db, "add", str(SAMPLE))
    return db


def test_seeds_one_bagheri_one_ashtiani(seeds_db: Path) -> None:
    people = json.loads(cw(seeds_db, "speakers", "--format", "json"))
    bagheri = [p for p in people if any("agher" in a or "aqer" in a for a in p["aliases"])]
    ashtiani = [p for p in people if any("Ashtiani" in a for a in p["aliases"])]
    assert len(bagheri) == 1 and len(ashtiani) == 1
    assert {"Mohammad Reza Ashtiani", "Mohammad-Reza Ashtiani"} <= set(ashtiani[0]["aliases"])
    explained = cw(seeds_db, "speakers", "--explain", "Mohammad-Reza Ashtiani")
    assert "Mohammad Reza Ashtiani" in explained
    quotes = json.loads(cw(seeds_db, "quotes", "--speaker", "Ashtiani", "--format", "json"))
    assert len({q["doc"] for q in quotes}) >= 3


def test_seeds_talking_points_and_stories(seeds_db: Path) -> None:
    points = [json.loads(line) for line in cw(seeds_db, "talking-points", "--format", "jsonl").splitlines()]
    widest = max(len({o["doc"] for o in p["occurrences"]}) for p in points)
    assert widest >= 4  # recycled sentences shared by most of the five articles
    for p in points:
        for o in p["occurrences"]:
            assert set(o) >= {"doc", "start", "end", "evidence"}
    stories = json.loads(cw(seeds_db, "stories", "--format", "json"))
    linked = [s for s in stories if {p["doc"][:3] for p in s["passages"]} >= {"000", "003"}]
    assert linked, "the two reports of the Chief of Staff's address are one story"
    partial = [p for p in linked[0]["passages"] if p["doc"].startswith("000")][0]
    assert partial["start"] > 0  # seed 000 reports it only in its closing paragraphs


def test_seeds_timeline_exports_has_both_officials(seeds_db: Path, tmp_path: Path) -> None:
    svg = tmp_path / "exports.svg"
    series = json.loads(cw(seeds_db, "timeline", "exports", "--svg", str(svg), "--format", "json"))
    speakers = {p["series"] for p in series}
    assert any("Ashtiani" in s for s in speakers) and any("Farahi" in s for s in speakers)
    assert svg.read_text().lstrip().startswith("<svg")


def test_sample_check_finds_conflict_and_calendar_error(sample_db: Path) -> None:
    findings = json.loads(cw(sample_db, "check", "--format", "json"))
    types = {f["type"] for f in findings}
    assert {"conflict", "calendar_error"} <= types
    for f in findings:
        assert f["severity"] in ("low", "medium", "high") and f["docs"] and f["explanation"] and "story" in f
        for e in f["evidence"]:
            assert e["text"]
    strict = runner.invoke(app, ["--db", str(sample_db), "check", "--strict"])
    assert strict.exit_code == 1
    high = json.loads(cw(sample_db, "check", "--min-severity", "high", "--format", "json"))
    assert high and all(f["severity"] == "high" for f in high) and len(high) <= len(findings)
    bad = runner.invoke(app, ["--db", str(sample_db), "check", "--min-severity", "urgent"])
    assert bad.exit_code != 0 and "severity" in bad.output + str(bad.exception)


def test_sample_stories_have_readable_labels(sample_db: Path) -> None:
    stories = json.loads(cw(sample_db, "stories", "--format", "json"))
    assert stories
    for s in stories:
        # a headline or "Speaker: figure, subject (period)": words as written, never stems
        assert s["label"] and s["label"][0].isupper()
        assert set(s) >= {"id", "label", "when", "series", "passages", "recaps"}
    table = cw(sample_db, "stories")
    assert stories[0]["label"][:20] in table


def test_sample_report_is_self_contained(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    cw(sample_db, "report", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    HTMLParser().feed(html)
    assert "<svg" in html and "http://" not in html.replace("http://www.w3.org", "")
    assert 'src="http' not in html and "<script src" not in html


def test_speaker_decisions_survive_reextraction(sample_db: Path) -> None:
    people = json.loads(cw(sample_db, "speakers", "--format", "json"))
    a, b = people[0]["name"], people[1]["name"]
    cw(sample_db, "speakers", "merge", a, b)
    merged = json.loads(cw(sample_db, "speakers", "--format", "json"))
    assert any(a in p["aliases"] and b in p["aliases"] for p in merged)
    cw(sample_db, "reextract", "--all")
    again = json.loads(cw(sample_db, "speakers", "--format", "json"))
    assert any(a in p["aliases"] and b in p["aliases"] for p in again)
    cw(sample_db, "speakers", "split", a, b)
    split = json.loads(cw(sample_db, "speakers", "--format", "json"))
    assert not any(a in p["aliases"] and b in p["aliases"] for p in split)


def test_sample_claims_grouped_across_outlets(sample_db: Path) -> None:
    groups = json.loads(cw(sample_db, "claims", "--grouped", "--format", "json"))
    multi = [g for g in groups if len(g["sources"]) >= 2]
    assert multi, "a figure reported by several outlets is one claim with several sources"
    assert all(set(g) >= {"claims", "sources", "boilerplate"} for g in groups)
    singles = json.loads(cw(sample_db, "claims", "--format", "json"))
    assert len(groups) < len(singles)


def test_copies_join_their_originals_people_and_findings(tmp_path: Path) -> None:
    # the first sample article stored again by another outlet on another day: a wire copy
    first = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    copy = {**first, "id": "copy1", "url": first["url"] + "?copy", "outlet": "Lake Courier", "published": "2023-07-18"}
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(SAMPLE.read_text(encoding="utf-8").rstrip("\n") + "\n" + json.dumps(copy) + "\n", encoding="utf-8")
    db = tmp_path / "copies.db"
    cw(db, "add", str(corpus))
    people = json.loads(cw(db, "speakers", "--format", "json"))
    minister = [p for p in people if any("Karimabadi" in a for a in p["aliases"])]
    assert len(minister) == 1 and minister[0]["documents"] >= 2
    findings = json.loads(cw(db, "check", "--format", "json"))
    # nothing is reported between a text and its copy, and a finding naming the
    # original names its copy with it
    assert not any(set(f["docs"]) == {first["id"], "copy1"} for f in findings)
    assert any(first["id"] in f["docs"] and "copy1" in f["docs"] for f in findings)
