"""Parse-cache benchmark (not a test): hit rate and speed-up on news with wire copies.

Originals are the real articles in ../shared (the dev corpora and PolNeAR's news texts,
read at run time), each once. The corpus adds what an archive of many outlets holds:
republications, some whole, some (``--partial``) taking an agency article's opening
paragraphs and adding paragraphs of their own (here: of another article). With the
default 300 documents about half are republications; the share of parsed sentences
that repeat one seen before is printed. The same
documents are extracted twice in one process, with the cache and without it; the results
must be equal, and the cache's hits, the share of parsed sentences that repeat, and the
CPU time of each pass are printed.

    .venv/bin/python bench/parse_cache.py [--articles 300] [--partial 0.4]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimwatch.extract.nlp import split_sentences  # noqa: E402
from claimwatch.extract.pipeline import Extractor, select_sentences  # noqa: E402
from claimwatch.model import Article, Document  # noqa: E402
from claimwatch.text import build_document  # noqa: E402

SHARED = ROOT / ".." / "shared"


def real_articles() -> list[Article]:
    """Every real article text under ../shared/corpus and PolNeAR's text folder."""
    out = []
    for name in ("dev.jsonl", "dev2.jsonl"):
        for line in (SHARED / "corpus" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out.append(Article(id=rec["id"], raw=rec["text"], fmt="txt", source=name))
    for path in sorted((SHARED / "external" / "polnear-dev" / "text").glob("*.txt")):
        out.append(Article(id=path.stem, raw=path.read_text(encoding="utf-8"), fmt="txt", source=path.name))
    return out


def wire_records(n: int, partial: float, seed: int = 11) -> list[dict[str, str]]:
    """JSONL records: every original once, then ``n`` minus their number republications,
    each whole or (a ``partial`` share) an original's first paragraphs and another's last,
    drawn with a fixed seed."""
    rng = random.Random(seed)
    originals = [(a.id, a.raw) for a in real_articles()]
    records = []
    for i in range(max(n, len(originals))):
        doc_id, text = originals[i] if i < len(originals) else rng.choice(originals)
        if i >= len(originals) and rng.random() < partial:
            paras_a = text.split("\n\n")
            paras_b = rng.choice(originals)[1].split("\n\n")
            text = "\n\n".join(paras_a[: max(1, len(paras_a) // 2)] + paras_b[len(paras_b) // 2 :])
        records.append({"id": f"w{i:05d}", "text": text, "outlet": f"outlet {i % 40}",
                        "published": f"2024-05-{1 + i % 28:02d}"})  # fmt: skip
    return records


def wire_corpus(n: int, partial: float, seed: int = 11) -> list[Document]:
    return [
        build_document(Article(id=r["id"], raw=r["text"], fmt="txt", source="bench", outlet=r["outlet"]))
        for r in wire_records(n, partial, seed)
    ]


def repeated_share(docs: list[Document]) -> float:
    """The share of sentences sent to the model that an earlier document already had."""
    seen: set[str] = set()
    total = repeats = 0
    for d in docs:
        for s in select_sentences(split_sentences(d.extraction_text()))[0]:
            total += 1
            repeats += s.text in seen
            seen.add(s.text)
    return repeats / total if total else 0.0


def timed(extractor: Extractor, docs: list[Document], batch: int = 8) -> tuple[float, list[object]]:
    """CPU seconds of this process (steadier than wall time on a shared machine)."""
    t0 = time.process_time()
    results: list[object] = []
    for i in range(0, len(docs), batch):
        results += extractor.extract_many(docs[i : i + batch])
    return time.process_time() - t0, results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--partial", type=float, default=0.4, help="share of republications that keep only the first half")
    args = ap.parse_args()
    docs = wire_corpus(args.articles, args.partial)
    words = sum(len(d.text.split()) for d in docs)
    print(f"corpus: {len(docs)} documents, {words} words; {repeated_share(docs):.0%} of parsed sentences repeat one seen before")
    plain = Extractor(cache_bytes=0)
    plain.extract_many(docs[:4])  # load and warm the model before timing
    cached = Extractor()
    t_plain, r_plain = timed(plain, docs)
    t_cached, r_cached = timed(cached, docs)
    assert cached.parse_cache is not None
    stats = cached.parse_cache.stats
    same = r_plain == r_cached
    print(f"without cache: {t_plain:6.1f} s  {len(docs) / t_plain:6.1f} art/s  {words / t_plain:7.0f} words/s")
    print(f"with cache:    {t_cached:6.1f} s  {len(docs) / t_cached:6.1f} art/s  {words / t_cached:7.0f} words/s")
    print(f"cache hit rate {stats.hit_rate:.1%} ({stats.hits} hits, {stats.misses} parses), "
          f"speed-up {t_plain / t_cached:.2f}x, results identical: {same}")  # fmt: skip
    if not same:
        raise SystemExit("the cache changed extraction results")


if __name__ == "__main__":
    main()
