"""Speed and memory benchmark (not a test): claimwatch's extraction vs spaCy's default pipeline.

The corpus is real news with wire copies (``--corpus news``, the default: the real
articles of ../shared once each, then republications of them, see parse_cache.py; 300
articles) or a synthetic one (``--corpus synthetic``: 2,000 articles of ~600 words
recombining paragraphs of the bundled sample corpus, so nearly every sentence repeats
and the parse cache serves most of them). It times, for 1 and 2 processes:
  * spaCy alone: ``nlp.pipe`` of the same model over the same texts;
  * claimwatch: the full extraction written into a fresh SQLite store;
and ``claimwatch batch`` on a local Dask cluster of 2 worker processes (Parquet out,
cluster start and model loading included), and reports articles/s, words/s, peak RSS
and the ratio claimwatch / spaCy.

    .venv/bin/python bench/bench.py [--corpus news|synthetic] [--articles N] [--words 600]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimwatch.extract.nlp import DEFAULT_MODEL, load_model  # noqa: E402
from claimwatch.service import runs  # noqa: E402
from claimwatch.settings import Settings  # noqa: E402
from claimwatch.store import Store  # noqa: E402

SAMPLE = ROOT / "src" / "claimwatch" / "samples" / "corpus.jsonl"


def build_corpus(n_articles: int, words: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    paragraphs = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            paragraphs += [p.strip() for p in json.loads(line)["text"].split("\n\n") if len(p.split()) > 8]
    corpus = []
    for i in range(n_articles):
        body: list[str] = []
        while sum(len(p.split()) for p in body) < words:
            body.append(rng.choice(paragraphs))
        corpus.append({"id": f"b{i:05d}", "published": f"2024-05-0{1 + i % 9}", "text": "\n\n".join(body)})
    return corpus


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def _spacy_worker(args: tuple[str, list[str]]) -> int:
    model, texts = args
    nlp = load_model(model)
    return sum(len(d) for d in nlp.pipe(texts, batch_size=32))


def time_spacy(texts: list[str], processes: int, model: str) -> float:
    t0 = time.perf_counter()
    if processes == 1:
        nlp = load_model(model)
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    else:
        chunks = [texts[i::processes] for i in range(processes)]
        with mp.get_context("fork").Pool(processes) as pool:
            pool.map(_spacy_worker, [(model, c) for c in chunks])
    return time.perf_counter() - t0


def time_claimwatch(corpus_file: Path, processes: int, model: str) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        # extraction into the store; the talking-point index is timed apart (time_link_batches)
        settings = replace(Settings(), db=Path(tmp) / "bench.db", model=model, workers=processes, link_on_add=False)
        t0 = time.perf_counter()
        with Store(settings.db, writer=True) as store:
            report = runs.add_paths(store, [corpus_file], settings)
            claims = store.rows("SELECT count(*) FROM claims")[0][0]
        elapsed = time.perf_counter() - t0
    if report.failures:
        raise SystemExit(f"benchmark corpus had failures: {report.failures[:3]}")
    return elapsed, int(claims)


def time_batch(corpus_file: Path, workers: int, model: str) -> tuple[float, int]:
    """``claimwatch batch`` on a local cluster: wall seconds and documents extracted."""
    from claimwatch.service import batch

    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings(), model=model)
        t0 = time.perf_counter()
        report = batch.run_batch([corpus_file], Path(tmp) / "out", settings, workers=workers)
        elapsed = time.perf_counter() - t0
    if report.failed or report.failures:
        raise SystemExit(f"batch failed: {report.failed or report.failures[:3]}")
    return elapsed, report.documents


def time_link_batches(corpus: list[dict[str, str]], batch: int = 100) -> list[tuple[int, float, int]]:
    """Time to add each batch of documents to the talking-point index as it grows, and the
    number of rows the batch adds to the store: adding a batch queries the LSH band tables,
    it does not redo all pairs, and a save writes only the new rows."""
    from claimwatch.link.talking_points import TalkingPointIndex
    from claimwatch.model import Document

    index = TalkingPointIndex()
    rows = []
    for i in range(0, len(corpus), batch):
        docs = [Document(id=a["id"], text=a["text"], content_hash=a["id"], source="bench") for a in corpus[i : i + batch]]
        t0 = time.perf_counter()
        index.add(docs)
        added = index.pending_rows()
        index.mark_saved()
        rows.append((i, time.perf_counter() - t0, len(added.sentences) + len(added.bands) + len(added.candidates)))
    return rows


def time_quantities(texts: list[str]) -> tuple[float, int]:
    """The quantity layer alone (numbers, units, kinds and worthiness), one process, warmed up."""
    from claimwatch.extract.numbers import claim_worthiness, find_quantities

    for text in texts[:5]:  # load the unit registry and compile the patterns first
        find_quantities(text)
    found = 0
    t0 = time.perf_counter()
    for text in texts:
        qs = find_quantities(text)
        found += len(qs)
        for q in qs:
            claim_worthiness(q, text)
    return time.perf_counter() - t0, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=("news", "synthetic"), default="news")
    ap.add_argument("--articles", type=int, default=None, help="default: 300 news articles, 2,000 synthetic ones")
    ap.add_argument("--words", type=int, default=600, help="words per synthetic article")
    ap.add_argument("--batch-workers", type=int, default=2, help="0: skip the batch run")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--processes", default="1,2")
    args = ap.parse_args()
    if args.corpus == "news":
        from parse_cache import wire_records

        corpus = wire_records(args.articles or 300, partial=0.4)
    else:
        corpus = build_corpus(args.articles or 2000, args.words)
    texts = [a["text"] for a in corpus]
    n_words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {n_words} words ({n_words / len(texts):.0f} per article)")
    q_seconds, n_quantities = time_quantities(texts)
    print(
        f"quantity layer alone (1 process): {len(texts) / q_seconds:7.1f} art/s {n_words / q_seconds:8.0f} words/s "
        f"{n_quantities / q_seconds:8.0f} quantities/s ({n_quantities} quantities)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "bench.jsonl"
        corpus_file.write_text("".join(json.dumps(a) + "\n" for a in corpus), encoding="utf-8")
        results = {}
        for p in [int(x) for x in args.processes.split(",")]:
            s = time_spacy(texts, p, args.model)
            c, n_claims = time_claimwatch(corpus_file, p, args.model)
            results[p] = (s, c)
            print(
                f"{p} process(es): spaCy default pipeline {len(texts) / s:7.1f} art/s {n_words / s:8.0f} words/s | "
                f"claimwatch full extraction + store {len(texts) / c:7.1f} art/s {n_words / c:8.0f} words/s "
                f"({n_claims} claims) | claimwatch/spaCy speed ratio {s / c:.2f}"
            )
        if 1 in results and 2 in results:
            print(f"claimwatch scaling 1 -> 2 processes: {results[1][1] / results[2][1]:.2f}x")
        if args.batch_workers:
            b, n_docs = time_batch(corpus_file, args.batch_workers, args.model)
            s = results.get(args.batch_workers, (None, None))[0]
            ratio = f" | claimwatch/spaCy speed ratio {s / b:.2f}" if s else ""
            print(
                f"batch on Dask, {args.batch_workers} local workers: {n_docs / b:7.1f} art/s {n_words / b:8.0f} words/s "
                f"(cluster start and model loading included){ratio}"
            )
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    print("talking-point index: time to add a batch of 100 documents vs documents already indexed")
    for size, seconds, added in time_link_batches(corpus)[:: max(1, len(corpus) // 1000)]:
        print(f"  {size:6d} indexed: {seconds * 1000:8.1f} ms per batch ({added} rows added)")


if __name__ == "__main__":
    main()
