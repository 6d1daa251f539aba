"""The parse cache: a recycled sentence skips the model and extraction reads the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from claimwatch.extract.parse_cache import ParseCache
from claimwatch.extract.pipeline import Extractor
from claimwatch.ingest.files import iter_articles
from claimwatch.model import Article, Document
from claimwatch.text import build_document

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "claimwatch" / "samples"


def _sample_documents() -> list[Document]:
    """The sample corpus, then wire copies of it: each whole article again under another
    id and outlet, and one article stitched from sentences of the others."""
    docs = [build_document(a) for a in iter_articles([SAMPLES / "corpus.jsonl"]) if isinstance(a, Article)]
    copies = [replace(d, id=f"{d.id}-copy", outlet="Copy Desk") for d in docs[:6]]
    stitched_text = "\n\n".join(d.text.split("\n\n")[-1] for d in docs[:8])
    stitched = replace(docs[0], id="stitched", text=stitched_text, excluded=(), content_hash="stitched")
    return [*docs, *copies, stitched]


def test_extraction_is_the_same_with_and_without_the_cache(extractor: Extractor) -> None:
    docs = _sample_documents()
    uncached = Extractor(cache_bytes=0)
    assert uncached.parse_cache is None
    cached = Extractor()
    assert cached.parse_cache is not None
    without = uncached.extract_many(docs[:8]) + uncached.extract_many(docs[8:])
    with_cache = cached.extract_many(docs[:8]) + cached.extract_many(docs[8:])
    one_by_one = [cached.extract(d) for d in docs]  # every sentence now comes from the cache
    assert all(not isinstance(r, Exception) for r in without)
    assert with_cache == without
    assert one_by_one == without
    assert sum(len(r.claims) for r in without if not isinstance(r, Exception)) > 20
    stats = cached.parse_cache.stats
    assert stats.hits > stats.misses > 0  # copies and the second pass were served from the cache


def test_keys_name_the_text_the_entity_pass_and_the_namespace() -> None:
    cache = ParseCache("model@1|code@a")
    assert cache.key("Prices rose.", True) == cache.key("Prices rose.", True)
    assert cache.key("Prices rose.", True) != cache.key("Prices rose.", False)
    assert cache.key("Prices rose.", True) != cache.key("Prices rose!", True)
    assert cache.key("Prices rose.", True) != ParseCache("model@1|code@b").key("Prices rose.", True)


def test_the_cache_forgets_the_oldest_parses_past_its_size(extractor: Extractor) -> None:
    nlp = extractor.nlp
    texts = [f"The mill at Orrin Ford shipped {n} crates of slate on Tuesday." for n in range(40)]
    size = len(nlp(texts[0]).to_bytes(exclude=["tensor", "user_data"]))
    cache = ParseCache("t", max_bytes=size * 10)
    docs = cache.parse(texts, True, lambda batch: nlp.pipe(batch))
    assert [d.text for d in docs] == texts
    assert len(cache) <= 11 and cache.stats.misses == 40 and cache.stats.hits == 0
    again = cache.parse([texts[-1], texts[-1], texts[0]], True, lambda batch: nlp.pipe(batch))
    assert [d.text for d in again] == [texts[-1], texts[-1], texts[0]]
    assert cache.stats.hits == 2 and cache.stats.misses == 41  # the first text had been forgotten
    assert [t.dep_ for t in again[0]] == [t.dep_ for t in docs[-1]]
