"""Parse-cache benchmark (not a test): hit rate and speed-up on news with wire copies.

Originals are the real articles in ../shared (the dev corpora and PolNeAR's news texts,
read at run time). The corpus adds what an archive of many outlets holds: a share of
articles republished whole by another outlet, and a share that take an agency article's
opening paragraphs and add paragraphs of their own (here: of another article). The same
documents are extracted twice in one process, with the cache and without it; the results
must be equal, and the cache's hits, the share of parsed sentences that repeat, and the
CPU time of each pass are printed.

    .venv/bin/python bench/parse_cache.py [--articles 600] [--copies 0.3] [--partial 0.2]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
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


def wire_corpus(n: int, copies: float, partial: float, seed: int = 11) -> list[Document]:
    """``n`` documents: originals, whole republications (``copies``) and partial ones
    (``partial``: an original's first paragraphs and another's last), with fixed seed."""
    rng = random.Random(seed)
    originals = [build_document(a) for a in real_articles()]
    docs: list[Document] = []
    for i in range(n):
        roll = rng.random()
        base = originals[i % len(originals)] if i < len(originals) else rng.choice(originals)
        if i < len(originals) or roll >= copies + partial:
            doc = base
        elif roll < copies:
            doc = replace(base, outlet=f"outlet {i}")
        else:
            paras_a = base.text.split("\n\n")
            paras_b = rng.choice(originals).text.split("\n\n")
            text = "\n\n".join(paras_a[: max(1, len(paras_a) // 2)] + paras_b[len(paras_b) // 2 :])
            doc = replace(base, text=text, excluded=(), content_hash=f"partial{i}")
        docs.append(replace(doc, id=f"w{i:05d}"))
    return docs


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
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--copies", type=float, default=0.3, help="share republished whole by another outlet")
    ap.add_argument("--partial", type=float, default=0.2, help="share that reuse an article's first half")
    args = ap.parse_args()
    docs = wire_corpus(args.articles, args.copies, args.partial)
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
