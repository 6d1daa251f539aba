"""Talking points: recycled sentences across documents (texts written for these tests)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.link.talking_points import (
    TalkingPointIndex,
    find_talking_points,
    index_version,
    normalize,
    sequence_overlap,
)
from claimwatch.model import CandidateArrays, Document, Extraction, Span, TalkingPointRows
from tests.records import document

BOILER = (
    "Harbor engineers and local technicians have in recent seasons made steady progress in building "
    "a wide range of coastal barriers, making the port towns safer from storms."
)
BOILER_REWORDED = (
    "Recent advances by harbor engineers and coastal professionals in the building of a broad set of "
    "locally designed barriers have made the port towns safer from storms."
)
COPY_A = "The lighthouse board said on Monday that visitor numbers rose by 14 percent to 2,300 in the spring season."
COPY_B = "The lighthouse board said on Monday that visitor numbers rose by 14% to 2,300 in the spring season, a record."


def doc(doc_id: str, *sentences: str, published: date | None = None, outlet: str | None = None) -> Document:
    return document(doc_id, "\n\n".join(sentences), published=published, outlet=outlet)


def corpus() -> list[Document]:
    return [
        doc("a", "Storm season opened early this year along the northern coast of the island.", COPY_A, BOILER,
            published=date(2024, 3, 1), outlet="Coast Daily"),
        doc("b", "Fishermen returned to the northern harbor after three calm weeks at sea near the reefs.", COPY_B,
            BOILER_REWORDED, published=date(2024, 3, 4), outlet="Island Post"),
        doc("c", "The harbor bakery sold bread to the fishermen returning from the northern reefs every morning.",
            "A local choir performed songs about storms and the sea at the town hall on Friday evening.",
            published=date(2024, 2, 20), outlet="Town Herald"),
    ]


def test_exact_copy_clusters_with_offsets() -> None:
    docs = corpus()
    points = find_talking_points(docs)
    texts = {d.id: d.text for d in docs}
    copies = [p for p in points if any("visitor numbers" in o.evidence for o in p.occurrences)]
    assert len(copies) == 1
    point = copies[0]
    assert point.docs == ("a", "b")
    for occ in point.occurrences:
        assert texts[occ.doc][occ.start : occ.end] == occ.evidence
    assert point.first_seen == date(2024, 3, 1) and point.last_seen == date(2024, 3, 4)
    assert point.outlets == ("Coast Daily", "Island Post")


def test_reworded_boilerplate_clusters() -> None:
    points = find_talking_points(corpus())
    boiler = [p for p in points if any("barriers" in o.evidence for o in p.occurrences)]
    assert len(boiler) == 1 and boiler[0].docs == ("a", "b")
    assert 0.0 < boiler[0].drift < 1.0


def test_unrelated_sentences_sharing_words_do_not_cluster() -> None:
    points = find_talking_points(corpus())
    assert all("c" not in p.docs for p in points)
    assert len(points) == 2


def test_repeat_within_one_document_is_not_a_talking_point() -> None:
    assert find_talking_points([doc("x", COPY_A, "Something else entirely happened at the old mill today.", COPY_A)]) == []


def test_adjacent_sentences_merge_into_one_occurrence() -> None:
    first = "The river council has warned for years that the old dams need repairs before the floods arrive."
    second = "The council has also asked the provinces to share the repair costs of the dams fairly among towns."
    split = doc("p", "Unrelated opening about a village fair with music and games for the children.", first, second)
    joined_sentence = first[:-1] + ", and it has asked the provinces to share the repair costs of the dams fairly among towns."
    joined = doc("q", "Another opening about the autumn markets in the valley towns and their cheeses.", joined_sentence)
    points = find_talking_points([split, joined])
    assert len(points) == 1
    occ = {o.doc: o for o in points[0].occurrences}
    assert occ["p"].evidence == split.text[occ["p"].start : occ["p"].end]
    assert first in occ["p"].evidence and second in occ["p"].evidence


def test_incremental_add_equals_all_at_once() -> None:
    docs = corpus()
    whole = TalkingPointIndex()
    whole.add(docs)
    batched = TalkingPointIndex()
    batched.add(docs[2:])
    batched.add(docs[:1])
    batched.add(docs[1:2])
    batched.add(docs[:1])  # re-adding a known document is a no-op
    key = lambda points: sorted((p.id, p.occurrences) for p in points)  # noqa: E731
    assert key(whole.talking_points()) == key(batched.talking_points())


def test_rows_round_trip_and_pending_rows_are_the_new_batch_only() -> None:
    index = TalkingPointIndex()
    index.add(corpus()[:2])
    saved = index.pending_rows()
    index.mark_saved()
    restored = TalkingPointIndex.from_rows(saved)
    assert restored.talking_points() == index.talking_points()
    extra = doc("d", "An extra report that repeats the board figures once more for readers.", COPY_A)
    index.add([extra])
    restored.add([extra])
    assert restored.talking_points() == index.talking_points()
    assert any("d" in p.docs for p in restored.talking_points())
    batch = index.pending_rows()
    assert [d.doc for d in batch.documents] == ["d"]
    assert {s.doc for s in batch.sentences} == {"d"} and batch.sentences[0].id == len(saved.sentences)
    assert batch.candidates and all(pair.b >= len(saved.sentences) for pair in batch.candidates)
    assert batch == restored.pending_rows()
    merged = TalkingPointRows(
        saved.version, saved.documents + batch.documents, saved.sentences + batch.sentences,
        saved.bands + batch.bands, saved.candidates + batch.candidates,
    )
    assert TalkingPointIndex.from_rows(merged).talking_points() == index.talking_points()


def test_pairs_and_bands_a_writer_committed_after_the_sentences_were_read_are_left_out() -> None:
    # a reader reads the sentences, then a writer commits a batch, then the reader reads
    # the pairs and bands: the batch's rows name sentences the reader does not hold
    index = TalkingPointIndex()
    index.add(corpus()[:2])
    saved = index.pending_rows()
    index.mark_saved()
    extra = doc("d", "An extra report that repeats the board figures once more for readers.", COPY_A)
    index.add([extra])
    batch = index.pending_rows()
    assert batch.candidates and batch.bands
    pairs = saved.candidates + batch.candidates
    late = CandidateArrays(
        np.array([p.a for p in pairs], dtype=np.int32), np.array([p.b for p in pairs], dtype=np.int32),
        np.array([p.near_exact for p in pairs], dtype=bool),
    )
    reader = TalkingPointIndex.from_rows(replace(saved, bands=[]), late, lsh=False)
    reader.load_bands([*saved.bands, *batch.bands])
    restored = TalkingPointIndex.from_rows(saved)
    assert reader.linked_pairs() == restored.linked_pairs()
    reader.add([extra])  # the batch's document, added in memory as current_index does
    assert reader.talking_points() == index.talking_points()


def test_canonical_text_is_most_frequent_wording() -> None:
    docs = [doc("a", COPY_B), doc("b", COPY_A), doc("c", COPY_A)]
    (point,) = find_talking_points(docs)
    assert point.text == COPY_A
    assert point.id == find_talking_points(list(reversed(docs)))[0].id


def test_excluded_metadata_is_not_indexed() -> None:
    meta = "Source: Coast Daily newsroom wire service feed for registered partner websites only."
    text_a, text_b = meta + "\n\nFirst story about apples in the orchard.", meta + "\n\nSecond story about pears."
    a = document("a", text_a, excluded=(Span(0, len(meta), meta),))
    b = document("b", text_b, excluded=(Span(0, len(meta), meta),))
    assert find_talking_points([a, b]) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=200))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["tide", "harbor", "boat", "storm", "net", "reef", "gull", "pier"]), min_size=1, max_size=30))
def test_sequence_overlap_bounds(words: list[str]) -> None:
    text = " ".join(words)
    assert sequence_overlap(text, text) == 1.0
    assert 0.0 <= sequence_overlap(text, "pier " + text[::-1]) <= 1.0


# --- second round: datasketch index, synonyms, event restatements --------------------------------
EXPERTS_A = (
    "Over the past decade, local boat builders have achieved notable self-reliance in producing a wide "
    "range of fishing vessels despite the import duties."
)
EXPERTS_B = (
    "Regional specialists have, over the last ten years, made great progress in self-sufficient "
    "manufacturing of a broad range of boats, in spite of import duties."
)
TOPICAL_OTHER = (
    "Fishing vessels from the southern bays have long competed for the same narrow range of winter "
    "grounds, and the import duties have been debated for years by the guilds."
)
EVENT_A = "The harbor master said on Monday that 320 boats had left the port before the storm reached the bay."
EVENT_B = "On Monday, the harbor master said that some 320 boats had left the port before the storm hit the bay."
TIMELESS_A = "The fishing council says more than 40 towns have expressed interest in joining the quota scheme."
TIMELESS_B = "According to the fishing council, more than 40 towns have shown interest in joining the quota scheme."


def _docs_with(first: str, second: str, shared: str | None = None) -> list[Document]:
    extra = (shared,) if shared else ()
    return [
        doc("a", "An opening line about the northern valley and its orchards in the early spring.", first, *extra),
        doc("b", "A different opening about the mountain railway and its summer timetable changes.", second, *extra),
    ]


def test_band_keys_collide_exactly_where_datasketch_lsh_does() -> None:
    from datasketch import MinHashLSH

    from claimwatch.lexicon import links as lex
    from claimwatch.link.talking_points import _PASSES, band_keys

    index = TalkingPointIndex()
    index.add(corpus())
    index.add(_docs_with(EXPERTS_A, EXPERTS_B) + _docs_with(EVENT_A, EVENT_B))  # a and b: already indexed, skipped
    more = [doc("x", EXPERTS_A, TIMELESS_A), doc("y", EXPERTS_B, TIMELESS_B, COPY_A)]
    index.add(more)
    minhashes = [s.exact_minhash for s in index._sentences if s.exact_minhash is not None]
    bands, rows = _PASSES["exact"]
    lsh = MinHashLSH(num_perm=lex.NUM_PERM, params=(bands, rows))
    for i, m in enumerate(minhashes):
        lsh.insert(i, m, check_duplication=False)
    keys = [band_keys(m, "exact") for m in minhashes]
    for i, m in enumerate(minhashes):
        ours = {j for j, other in enumerate(keys) if any(a == b for a, b in zip(keys[i], other, strict=True))}
        assert ours == set(lsh.query(m))


def test_synonym_rewording_of_background_clusters() -> None:
    points = find_talking_points(_docs_with(EXPERTS_A, EXPERTS_B))
    assert [p.docs for p in points] == [("a", "b")]


def test_topical_but_different_background_does_not_cluster() -> None:
    assert find_talking_points(_docs_with(EXPERTS_A, TOPICAL_OTHER)) == []


def test_reworded_event_report_in_independent_documents_is_not_a_talking_point() -> None:
    # two outlets restating one dated statement: one story, not a recycled line
    assert find_talking_points(_docs_with(EVENT_A, EVENT_B)) == []


def test_reworded_event_report_in_copied_documents_is_a_talking_point() -> None:
    wire = "Wire copy line: the port authority counted 1,450 containers at the north pier by Tuesday noon."
    points = find_talking_points(_docs_with(EVENT_A, EVENT_B, shared=wire))
    assert sorted(len(p.docs) for p in points) == [2, 2]
    assert any(any("320 boats" in o.evidence for o in p.occurrences) for p in points)


def test_reworded_timeless_line_with_a_figure_is_a_talking_point() -> None:
    points = find_talking_points(_docs_with(TIMELESS_A, TIMELESS_B))
    assert [p.docs for p in points] == [("a", "b")]


def test_synonym_groups_are_disjoint() -> None:
    from claimwatch.lexicon import links as lex

    seen: dict[str, str] = {}
    for concept, words in lex._SYNONYM_GROUPS:
        for word in words:
            assert seen.setdefault(word, concept) == concept, f"{word!r} in two synonym groups"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["experts", "specialists", "engineers", "buy", "purchase", "reef", "tide", "the",
                                 "of", "wide", "broad", "in", "spite", "despite", "ten", "years", "decade"]),
                min_size=1, max_size=25))
def test_concept_stems_fold_synonyms_and_drop_stop_words(words: list[str]) -> None:
    from claimwatch.link.talking_points import STOP_WORDS, concept_stems

    concepts = concept_stems(" ".join(words))
    assert not set(concepts) & {"the", "of", "in"}
    swapped = [{"experts": "specialists", "buy": "purchase", "wide": "broad"}.get(w, w) for w in words]
    assert concepts == concept_stems(" ".join(swapped))
    assert all(c not in STOP_WORDS for c in concepts)


def test_rows_of_another_version_are_refused() -> None:
    from dataclasses import replace

    index = TalkingPointIndex()
    index.add(corpus())
    rows = index.pending_rows()
    with pytest.raises(ValueError, match="version"):
        TalkingPointIndex.from_rows(replace(rows, version="talking_points@older"))
    assert len(TalkingPointIndex.from_rows(rows).talking_points()) == 2


def _whole_bucket_query(self: TalkingPointIndex, lsh: str, keys: list[int], doc: str) -> set[int]:
    """The reference: every sentence of every bucket a key names, whatever its size."""
    found: set[int] = set()
    for table, key in zip(self._tables[lsh], keys, strict=True):
        found.update(table.get(key, ()))
    return found


def test_reading_only_the_newest_of_a_big_bucket_gives_the_candidates_of_reading_it_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # many documents repeat reworded lines of one notice, so its band buckets outgrow the
    # cap (lowered to make them big); each document also has a line of its own
    notices = [BOILER, BOILER_REWORDED, BOILER.replace("steady", "good"), BOILER_REWORDED.replace("broad", "wide")]
    docs = [
        doc(f"d{n:02d}", notices[n % 4], f"Ferry {n} left the quay at dawn with {n + 3} crates of lemons for the islands.",
            notices[(n + 1) % 4] if n % 3 == 0 else COPY_A)
        for n in range(30)
    ]  # fmt: skip
    monkeypatch.setattr("claimwatch.lexicon.links.MAX_CANDIDATES_PER_SENTENCE", 3)
    newest = TalkingPointIndex()
    for i in range(0, len(docs), 7):
        newest.add(docs[i : i + 7])
    monkeypatch.setattr(TalkingPointIndex, "_query", _whole_bucket_query)
    whole = TalkingPointIndex()
    for i in range(0, len(docs), 7):
        whole.add(docs[i : i + 7])
    assert max(len(b) for t in whole._tables["semantic"] for b in t.values()) > 3  # buckets past the cap
    assert newest._candidates == whole._candidates != {}


def test_pair_cosines_in_blocks_equal_the_whole_computation(monkeypatch: pytest.MonkeyPatch) -> None:
    from scipy import sparse
    from sklearn.preprocessing import normalize as l2_rows

    from claimwatch.link import talking_points as tp

    rng = np.random.default_rng(7)
    matrix = l2_rows(sparse.random(40, 30, density=0.2, random_state=7, format="csr"))
    left, right = rng.integers(0, 40, size=23), rng.integers(0, 40, size=23)
    whole = np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()
    monkeypatch.setattr(tp, "COSINE_BLOCK", 5)
    assert np.allclose(tp.row_cosines(matrix, left, right), whole)
    assert len(tp.row_cosines(matrix, left[:0], right[:0])) == 0


def _pairs_one_by_one(index: TalkingPointIndex) -> list[tuple[int, int, float]]:
    """The reference: the accepting rules applied pair by pair, as tuples and sets."""
    from claimwatch.lexicon import links as lex
    from claimwatch.link import talking_points as tp

    arrays = index.candidate_pairs()
    candidates = dict(zip(zip(arrays.a.tolist(), arrays.b.tolist(), strict=True), arrays.near_exact.tolist(), strict=True))
    sentences = index._sentences
    pairs = sorted(candidates)
    jaccards = {p: float(sentences[p[0]].exact_minhash.jaccard(sentences[p[1]].exact_minhash))  # type: ignore[union-attr]
                for p, near in candidates.items() if near}  # fmt: skip
    near_exact = {p for p, value in jaccards.items() if value >= index.near_exact_jaccard}
    copies = {tp._doc_pair(sentences[i].doc, sentences[j].doc) for i, j in near_exact
              if sentences[i].specific or sentences[j].specific}  # fmt: skip
    left, right = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    cosines = tp.row_cosines(index._tfidf([s.stems for s in sentences]), left, right)
    common = tp.row_cosines(index._tfidf([s.common for s in sentences]), left, right)
    accepted = []
    for (i, j), cosine, common_cosine in zip(pairs, cosines, common, strict=True):
        a, b = sentences[i], sentences[j]
        if (i, j) in near_exact:
            accepted.append((i, j, max(jaccards[(i, j)], float(cosine))))
        elif a.generic and b.generic:
            if common_cosine >= lex.GENERIC_COSINE and len(set(a.common) & set(b.common)) >= lex.GENERIC_MIN_SHARED:
                accepted.append((i, j, float(cosine)))
        elif (cosine >= index.semantic_cosine and (tp._doc_pair(a.doc, b.doc) in copies or not (a.anchored or b.anchored))
              and tp.sequence_overlap(a.normalized, b.normalized) >= lex.SEQUENCE_OVERLAP):  # fmt: skip
            accepted.append((i, j, float(cosine)))
    return accepted


def _mixed_corpus() -> list[Document]:
    """Copies, rewordings, background lines and one-off lines across many documents."""
    notices = [BOILER, BOILER_REWORDED, BOILER.replace("steady", "good"), BOILER_REWORDED.replace("broad", "wide")]
    events = [COPY_A, COPY_B, COPY_A.replace("Monday", "Tuesday"), COPY_B.replace("spring", "summer")]
    return [
        doc(f"m{n:02d}", notices[n % 4], events[(n // 2) % 4],
            f"Ferry {n} left the quay at dawn with {n + 3} crates of lemons for the islands.",
            notices[(n + 1) % 4] if n % 3 == 0 else "Storm season opened early this year along the northern coast.",
            published=date(2024, 1, 1 + n % 28), outlet=f"Outlet {n % 5}")
        for n in range(40)
    ]  # fmt: skip


def test_pairs_scored_as_arrays_equal_the_pair_by_pair_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimwatch.link import talking_points as tp

    monkeypatch.setattr(tp, "COSINE_BLOCK", 7)  # several blocks of Jaccards and cosines
    index = TalkingPointIndex()
    index.add(_mixed_corpus())
    expected = _pairs_one_by_one(index)
    assert index.linked_pairs() == expected
    near = {(i, j) for i, j, score in expected if score >= index.near_exact_jaccard}
    assert near and len(expected) > len(near)  # both passes accepted pairs
    assert len(expected) < len(index.candidate_pairs().a)  # and some candidates were refused


def test_stored_pairs_as_arrays_and_bands_read_late_give_the_same_index(tmp_path: Path) -> None:
    from claimwatch.service import links
    from claimwatch.store import Store

    docs = _mixed_corpus()
    whole = TalkingPointIndex()
    whole.add(docs)
    with Store(tmp_path / "s.db", writer=True) as store:
        store.save_many([(d, d.text, Extraction(d.id, pipeline_version="test")) for d in docs[:30]])
        assert links.update_index(store) == 30
        reader = links._load_index(store, lsh=False)
        assert not reader.bands_loaded
        with pytest.raises(ValueError, match="load_bands"):
            reader.add(docs[30:])
        rows = store.talking_point_rows(index_version())
        assert rows is not None and rows.candidates
        as_tuples = TalkingPointIndex.from_rows(rows)
        assert reader.linked_pairs() == as_tuples.linked_pairs() != []
        store.save_many([(d, d.text, Extraction(d.id, pipeline_version="test")) for d in docs[30:]])
        read = links.current_index(store)  # reads the bands, adds the 10 unindexed documents in memory
        assert read.linked_pairs() == whole.linked_pairs()
        assert read.talking_points() == whole.talking_points()
        assert links.update_index(store) == 10
        assert links.current_index(store).talking_points() == whole.talking_points()
