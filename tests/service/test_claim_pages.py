"""Pages of claims as SQL reads them list exactly what ``queries.claims`` lists for the
same filter, in the same order: property-tested over filters on a store written here."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.model import Extraction, Person
from claimwatch.service import queries
from claimwatch.service.claim_pages import ClaimQuery, JoinedTexts
from claimwatch.service.explore import Explorer, word_diff
from claimwatch.store import Store
from tests.records import claim, document

ROWS = [
    # (speaker, subject, kind, value, unit, period year or None, said_on, confidence, outlet)
    ("Mara Okafor", "Ruritania's arms exports", "percent_change", 12, "%", 2030, "2031-02-01", 0.9, "Valley Post"),
    ("Mara Okafor", "wheat output", "count", 4e6, "tonnes", 2029, None, 0.4, "Valley Post"),
    ("M. Okafor", "defence exports", "amount", 2.5e9, "USD", 2030, "2031-03-09", 0.7, "Harbour Times"),
    ("Tomas Brel", "rice exports", "percent_change", -3, "%", None, "2030-06-30", 0.55, "Harbour Times"),
    ("Tomas Brel", "defence budget", "amount", 9e8, "USD", 2031, None, 0.95, "North Wire"),
    (None, "inflation", "percent_change", 7.5, "%", 2030, "2030-12-01", 0.6, "North Wire"),
    ("Ines Valk", "arms exports", "multiplier", 3, "x", 2028, "2029-01-15", 0.8, None),
    ("Ines Valk", "port traffic", "count", 40, "ships", None, None, 0.3, None),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "pages.db"
    with Store(path, writer=True) as store:
        for i, (speaker, subject, kind, value, unit, year, said_on, confidence, outlet) in enumerate(ROWS):
            for repeat in range(3):  # three documents per row: ties in every sort order
                doc_id = f"d{i}-{repeat}"
                evidence = f"{subject} figure {value} {unit}"
                text = f"Intro. {evidence}, {speaker or 'the office'} said."
                period = {"period_start": date(year, 1, 1), "period_end": date(year, 12, 31)} if year else {}
                found = claim(doc_id, text.index(evidence), evidence, kind, value, unit, subject=subject,
                              speaker=speaker, said_on=said_on, confidence=confidence, **period)  # fmt: skip
                doc = document(doc_id, text, outlet=outlet, published=f"2031-0{1 + repeat}-0{1 + i % 9}")
                people = (Person(speaker, role="minister"),) if speaker else ()
                store.save(doc, text, Extraction(doc=doc_id, claims=(found,), people=people, pipeline_version="t"))
    return path


filters = st.builds(
    queries.ClaimFilter,
    speaker=st.sampled_from([None, "Okafor", "Mara Okafor", "Brel", "valk"]),
    subject=st.sampled_from([None, "exports", "defence exports", "budget"]),
    kind=st.sampled_from([None, "amount", "percent_change"]),
    since=st.sampled_from([None, date(2030, 1, 1)]),
    until=st.sampled_from([None, date(2030, 12, 31)]),
    outlet=st.sampled_from([None, "harbour", "post"]),
    min_confidence=st.sampled_from([None, 0.5, 0.9]),
    sort=st.sampled_from(queries.SORT_KEYS),
)


@settings(max_examples=80)
@given(flt=filters, per_page=st.integers(1, 7))
def test_pages_list_what_the_library_lists(db: Path, flt: queries.ClaimFilter, per_page: int) -> None:
    with Store(db) as store:
        expected = [c.id for c in queries.claims(store, flt)]
    explorer = Explorer(db)
    try:
        first = explorer.claims(ClaimQuery(filter=flt, per_page=per_page))
        listed = list(first.claims)
        for page in range(2, first.pages + 1):
            listed += explorer.claims(ClaimQuery(filter=flt, page=page, per_page=per_page)).claims
    finally:
        explorer.close()
    assert first.total == len(expected)
    assert [c.id for c in listed] == expected


def test_a_word_diff_marks_added_and_dropped_words() -> None:
    ops = word_diff("Exports rose sharply last year", "Exports rose 40 percent last year")
    assert [(op, text.strip()) for op, text in ops] == [
        ("same", "Exports rose"), ("dropped", "sharply"), ("added", "40 percent"), ("same", "last year")]  # fmt: skip


# texts with the separator, line breaks and repeated words; words that span two texts
# when joined, or hold the separator themselves
TEXT_ALPHABET = st.sampled_from(["ab", "b", "a", " ", "\n", "\x00", "ba", "c"])
texts = st.lists(st.lists(TEXT_ALPHABET, max_size=6).map("".join), max_size=12)
words = st.lists(TEXT_ALPHABET, min_size=1, max_size=3).map("".join)


@settings(max_examples=300)
@given(texts=texts, searched=st.lists(words, max_size=3))
def test_joined_texts_find_what_a_test_per_text_finds(texts: list[str], searched: list[str]) -> None:
    joined = JoinedTexts(texts)
    assert joined.containing_all(searched) == [n for n, t in enumerate(texts) if all(w in t for w in searched)]


def test_speaker_counts_are_what_the_rows_say(db: Path) -> None:
    with Store(db) as store:
        claims_by_speaker = Counter((c.doc, c.speaker) for c in store.claims() if c.speaker)
        assert store.speaker_counts("claims") == claims_by_speaker
        rows = queries.speakers(store)
    okafor = next(r for r in rows if "Mara Okafor" in r.person.aliases)
    assert okafor.claims == sum(n for (_, name), n in claims_by_speaker.items() if name in okafor.person.aliases)
    with Store(db) as store, pytest.raises(ValueError):
        store.speaker_counts("documents")


def test_a_pages_claims_are_numbered_as_their_documents_number_them(db: Path) -> None:
    with Store(db) as store:
        claims = store.claims()
        every = store.claim_numbers({c.doc for c in claims})
        some = [c.id for c in claims[::3]]
        assert store.claim_numbers_of(some) == {i: every[i] for i in some}
        assert store.claim_numbers_of([]) == {}
