"""Validate the project's own sample corpus, its gold files and the confusable-names fixture.

The sample corpus (``src/claimwatch/samples``) is hand-written fiction annotated with the same
conventions as the real gold in ``../shared/gold``. These tests keep the annotations honest:
every evidence string must be found in its document, dates must be real ISO dates that agree
with the weekday named in the text and with the Persian calendar, and nothing may be copied
from the real articles.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.ingest.files import iter_articles
from claimwatch.model import Article
from claimwatch.text import build_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "claimwatch" / "samples"
PEOPLE = Path(__file__).resolve().parent / "fixtures" / "people_confusable.jsonl"
SHARED = ROOT / ".." / "shared"

KINDS = {"multiplier", "percent_change", "percent_share", "amount", "count"}
CLAIM_KEYS = {
    "evidence",
    "kind",
    "value",
    "value_high",
    "unit",
    "subject",
    "speaker",
    "period_text",
    "period_start",
    "period_end",
    "said_on",
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Wording that states a fall *by* an amount (a negative change), as opposed to "fell to" a level.
DECLINE_BY = re.compile(
    r"\b(fell by|fallen by|down(?! to)|lost|cut\b.*\bby|decreased by|declined by)\b", re.I
)
IRANIAN_YEAR = re.compile(r"\b(?:Iranian|Persian) year (?:of )?(1[34]\d\d)\b")
WORD = re.compile(r"\w+")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _iso(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def persian_year_bounds(year: int) -> tuple[date, date]:
    """First and last Gregorian day of Persian (Solar Hijri) year ``year``."""
    first = jdatetime.date(year, 1, 1).togregorian()
    last = jdatetime.date(year + 1, 1, 1).togregorian() - timedelta(days=1)
    return first, last


@pytest.fixture(scope="module")
def corpus() -> dict[str, dict[str, Any]]:
    rows = _jsonl(SAMPLES / "corpus.jsonl")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate article ids"
    return {r["id"]: r for r in rows}


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    return _jsonl(SAMPLES / "gold.jsonl")


@pytest.fixture(scope="module")
def links() -> dict[str, Any]:
    with (SAMPLES / "gold.links.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    return _jsonl(PEOPLE)


# --------------------------------------------------------------------------- corpus


def test_corpus_shape(corpus: dict[str, dict[str, Any]]) -> None:
    assert 16 <= len(corpus) <= 18
    undated = [i for i, r in corpus.items() if "published" not in r]
    assert 2 <= len(undated) <= 3, undated
    for doc_id, row in corpus.items():
        assert re.fullmatch(r"s\d\d", doc_id)
        assert set(row) <= {"id", "url", "title", "outlet", "published", "text"}
        assert row["title"] and row["outlet"] and row["text"].strip()
        host = urlparse(row["url"]).hostname or ""
        assert host.endswith(("example.org", "example.com")), row["url"]
        if "published" in row:
            date.fromisoformat(row["published"])
        words = len(row["text"].split())
        assert 150 <= words <= 400, (doc_id, words)


def test_corpus_reads_through_ingest(corpus: dict[str, dict[str, Any]], gold: list[dict[str, Any]]) -> None:
    """The shipped JSONL is valid project input, and no gold evidence sits inside page chrome."""
    articles = [a for a in iter_articles([SAMPLES / "corpus.jsonl"]) if isinstance(a, Article)]
    assert [a.id for a in articles] == list(corpus)
    by_doc = {g["doc"]: g for g in gold}
    for article in articles:
        assert article.published == _iso(corpus[article.id].get("published"))
        document = build_document(article)
        excluded = [(s.start, s.end) for s in document.excluded]
        for item in by_doc[article.id]["claims"] + by_doc[article.id]["quotes"]:
            start = document.text.find(item["evidence"])
            assert start >= 0, (article.id, item["evidence"])
            end = start + len(item["evidence"])
            assert not any(s < end and start < e for s, e in excluded), (article.id, item["evidence"])


# --------------------------------------------------------------------------- gold claims


def test_gold_documents_match_corpus(corpus: dict[str, dict[str, Any]], gold: list[dict[str, Any]]) -> None:
    assert [g["doc"] for g in gold] == list(corpus)
    for g in gold:
        assert set(g) == {"doc", "published", "outlet", "claims", "quotes"}
        row = corpus[g["doc"]]
        assert g["published"] == row.get("published")
        assert g["outlet"] == row["outlet"]


def test_every_evidence_is_a_substring(corpus: dict[str, dict[str, Any]], gold: list[dict[str, Any]]) -> None:
    for g in gold:
        text = corpus[g["doc"]]["text"]
        for item in g["claims"] + g["quotes"]:
            assert item["evidence"] and item["evidence"] in text, (g["doc"], item["evidence"])
        for quote in g["quotes"]:
            assert set(quote) == {"evidence", "speaker"}


def test_claim_fields_and_units(gold: list[dict[str, Any]]) -> None:
    for g in gold:
        for c in g["claims"]:
            where = (g["doc"], c["evidence"])
            assert CLAIM_KEYS <= set(c) <= CLAIM_KEYS | {"note"}, where
            assert c["kind"] in KINDS, where
            assert isinstance(c["value"], int | float) and not isinstance(c["value"], bool), where
            if c["value_high"] is not None:
                assert c["value_high"] >= c["value"], where
            if c["kind"] in {"percent_change", "percent_share"}:
                assert c["unit"] == "%", where
            elif c["kind"] == "multiplier":
                assert c["unit"] == "x" and c["value"] > 0, where
            elif c["kind"] == "amount":
                assert re.fullmatch(r"[A-Z]{3}", c["unit"]), where
            else:
                assert c["unit"] and c["unit"] not in {"%", "x"} and c["value"] >= 0, where
            if c["kind"] == "percent_share":
                assert 0 <= c["value"] <= 100, where
            assert c["subject"], where


def test_claim_dates_are_iso_and_ordered(gold: list[dict[str, Any]]) -> None:
    for g in gold:
        published = _iso(g["published"])
        for c in g["claims"]:
            where = (g["doc"], c["evidence"])
            start, end, said = _iso(c["period_start"]), _iso(c["period_end"]), _iso(c["said_on"])
            if start and end:
                assert start <= end, where
            if said and published:
                assert said <= published, where
            if c["period_text"] is None and c["period_start"] is None and c["period_end"] is None:
                continue
            assert c["period_text"] is None or isinstance(c["period_text"], str), where


def test_period_and_speaker_are_grounded_in_the_text(
    corpus: dict[str, dict[str, Any]], gold: list[dict[str, Any]]
) -> None:
    """Period phrases are quoted from the document; speakers are named (or their body referred to) in it."""
    for g in gold:
        text = corpus[g["doc"]]["text"].lower()
        for c in g["claims"]:
            if c["period_text"]:
                assert c["period_text"].lower() in text, (g["doc"], c["period_text"])
            if c["speaker"]:
                speaker = c["speaker"].lower()
                assert speaker in text or speaker.split()[-1] in text, (g["doc"], c["speaker"])
        for q in g["quotes"]:
            if q["speaker"]:
                assert q["speaker"].lower() in text or q["speaker"].split()[-1].lower() in text


def test_said_on_matches_a_weekday_in_the_text(
    corpus: dict[str, dict[str, Any]], gold: list[dict[str, Any]]
) -> None:
    """A resolved said-on day is the publication day or a weekday the text names, within a week."""
    for g in gold:
        published = _iso(g["published"])
        text = corpus[g["doc"]]["text"]
        named = {day for day in WEEKDAYS if re.search(rf"\bon {day}\b", text)}
        for c in g["claims"]:
            said = _iso(c["said_on"])
            if said is None:
                continue
            assert published is not None, (g["doc"], "said_on without a publication date")
            assert timedelta(0) <= published - said < timedelta(days=7), (g["doc"], c["evidence"])
            assert said == published or WEEKDAYS[said.weekday()] in named, (g["doc"], c["evidence"])


def test_persian_year_periods_follow_the_calendar(gold: list[dict[str, Any]]) -> None:
    checked = 0
    for g in gold:
        for c in g["claims"]:
            match = IRANIAN_YEAR.search(c["period_text"] or "")
            if not match:
                continue
            first, last = persian_year_bounds(int(match.group(1)))
            start, end = _iso(c["period_start"]), _iso(c["period_end"])
            if start:
                assert first <= start <= last, (g["doc"], c["evidence"])
            if end:
                assert first <= end <= last, (g["doc"], c["evidence"])
            checked += 1
    assert checked >= 4


def test_declines_are_negative(gold: list[dict[str, Any]]) -> None:
    declines = 0
    for g in gold:
        for c in g["claims"]:
            if c["kind"] == "percent_change" and DECLINE_BY.search(c["evidence"]):
                assert c["value"] < 0, (g["doc"], c["evidence"])
                declines += 1
    assert declines >= 3


def test_gold_covers_the_required_phenomena(gold: list[dict[str, Any]]) -> None:
    claims = [c for g in gold for c in g["claims"]]
    kinds = Counter(c["kind"] for c in claims)
    assert all(kinds[k] >= 5 for k in KINDS), kinds
    currencies = {c["unit"] for c in claims if c["kind"] == "amount"}
    assert {"USD", "IRR", "INR", "PKR", "KRW", "EUR"} <= currencies
    assert any(c["value_high"] is not None for c in claims)
    assert any(c["kind"] == "percent_change" and c["value"] < 0 for c in claims)
    assert sum(1 for g in gold if g["published"] is None) >= 2

    # One figure given in two currencies: two amount claims of one document, one noted as a conversion.
    def is_conversion(c: dict[str, Any]) -> bool:
        note = c.get("note", "")
        return c["kind"] == "amount" and ("conversion" in note or "same figure" in note)

    assert any(
        len({c["unit"] for c in g["claims"] if c["kind"] == "amount"}) >= 2
        and any(map(is_conversion, g["claims"]))
        for g in gold
    )


# --------------------------------------------------------------------------- links


def test_links_point_at_existing_passages(corpus: dict[str, dict[str, Any]], links: dict[str, Any]) -> None:
    assert set(links) == {"talking_points", "stories"}
    assert 2 <= len(links["talking_points"]) <= 3
    for tp in links["talking_points"]:
        docs = [o["doc"] for o in tp["occurrences"]]
        assert 3 <= len(docs) <= 5 and len(set(docs)) == len(docs)
        exact = sum(1 for o in tp["occurrences"] if o["evidence"] == tp["text"])
        assert 2 <= exact < len(docs), "each talking point should recur both verbatim and reworded"
        for o in tp["occurrences"]:
            assert o["evidence"] in corpus[o["doc"]]["text"]
    assert 2 <= len(links["stories"]) <= 3
    for story in links["stories"]:
        docs = [p["doc"] for p in story["passages"]]
        assert len(set(docs)) >= 2 and story["event"]
        for p in story["passages"]:
            assert p["doc"] in corpus
            assert p["evidence"] is None or p["evidence"] in corpus[p["doc"]]["text"]


def test_talking_point_figures_are_gold_claims(links: dict[str, Any], gold: list[dict[str, Any]]) -> None:
    """A number inside a recycled sentence is still a claim in every document that repeats it."""
    by_doc = {g["doc"]: g["claims"] for g in gold}
    for tp in links["talking_points"]:
        for o in tp["occurrences"]:
            if not re.search(r"\d", o["evidence"]):
                continue
            assert any(
                c["evidence"] in o["evidence"] or o["evidence"] in c["evidence"] for c in by_doc[o["doc"]]
            )


# --------------------------------------------------------------------------- no copying


def _ngrams(text: str, n: int = 10) -> set[tuple[str, ...]]:
    words = [w.lower() for w in WORD.findall(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_nothing_copied_from_the_real_corpus(corpus: dict[str, dict[str, Any]]) -> None:
    corpus_dir = SHARED / "corpus"
    if not corpus_dir.is_dir():
        pytest.skip("../shared is not available")
    real: set[tuple[str, ...]] = set()
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        real |= _ngrams(path.read_text(encoding="utf-8"))
    for row in _jsonl(corpus_dir / "dev.jsonl"):
        real |= _ngrams(row["text"])
    ours = "\n".join(r["text"] for r in corpus.values())
    ours += "\n" + (SAMPLES / "gold.links.json").read_text(encoding="utf-8")
    ours += "\n" + PEOPLE.read_text(encoding="utf-8")
    copied = _ngrams(ours) & real
    assert not copied, sorted(" ".join(g) for g in copied)[:5]


# --------------------------------------------------------------------------- confusable people


def test_people_fixture_shape(people: list[dict[str, Any]]) -> None:
    keys = {"person_id", "name", "title", "role", "org", "doc", "published"}
    published_by_doc: dict[str, str] = {}
    for m in people:
        assert set(m) == keys
        assert re.fullmatch(r"P\d\d", m["person_id"]) and m["name"].strip() and m["role"]
        date.fromisoformat(m["published"])
        assert published_by_doc.setdefault(m["doc"], m["published"]) == m["published"]
    mentions = Counter(m["person_id"] for m in people)
    assert len(mentions) >= 40
    assert all(n >= 2 for n in mentions.values())
    seen = Counter((m["person_id"], m["doc"]) for m in people)
    assert max(seen.values()) == 1, "one mention per person per document"


def test_people_fixture_is_confusable(people: list[dict[str, Any]]) -> None:
    spellings: dict[str, set[str]] = defaultdict(set)
    for m in people:
        spellings[m["person_id"]].add(m["name"])
    # Recall side: many people appear under several spellings that must merge.
    assert sum(1 for names in spellings.values() if len(names) >= 3) >= 25
    # Precision side: different people share first names, and some share a full name outright.
    owners: dict[str, set[str]] = defaultdict(set)
    first_owners: dict[str, set[str]] = defaultdict(set)
    for pid, names in spellings.items():
        for name in names:
            owners[name].add(pid)
            first_owners[name.split()[0]].add(pid)
    assert any(len(p) >= 2 for p in owners.values()), "expected at least one exact-name collision"
    assert max(len(p) for p in first_owners.values()) >= 6, "expected a crowded first name (Mohammad)"
    expected_variants = [
        ("Bagheri", "Baqeri"),
        ("Mohammad-Reza", "Mohammad Reza"),
        ("Hosseini", "Hosseyni"),
        ("Qasem", "Ghasem"),
    ]
    for a, b in expected_variants:
        assert any(
            any(a in n for n in names) and any(b in n for n in names) for names in spellings.values()
        ), (a, b)


@given(st.integers(min_value=1300, max_value=1450))
def test_persian_year_bounds_are_contiguous(year: int) -> None:
    """The helper the calendar checks rely on: consecutive Persian years tile the timeline."""
    first, last = persian_year_bounds(year)
    next_first, _ = persian_year_bounds(year + 1)
    assert next_first == last + timedelta(days=1)
    assert 365 <= (last - first).days + 1 <= 366
    assert first.month == 3 and 19 <= first.day <= 22
