"""How extraction time grows with input size (not a test): figures per sentence and
document length. Linear stages keep the time per figure and per megabyte flat.

    .venv/bin/python bench/scaling.py [--max-figures 1600] [--max-mb 2]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench import build_corpus  # noqa: E402

from claimwatch.extract.pipeline import Extractor  # noqa: E402
from claimwatch.model import Document  # noqa: E402


def _time(extractor: Extractor, text: str) -> tuple[float, int]:
    doc = Document(id="b", text=text, content_hash="h", source="bench")
    start = time.perf_counter()
    claims = len(extractor.extract(doc).claims)
    return time.perf_counter() - start, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-figures", type=int, default=1600)
    parser.add_argument("--max-mb", type=float, default=2.0)
    args = parser.parse_args()
    extractor = Extractor(budget_s=None)
    _time(extractor, "Warm-up: exports rose 5 percent, he said.")
    print("figures in one sentence   seconds   ms per figure   claims")
    n = 100
    while n <= args.max_figures:
        secs, claims = _time(extractor, "Exports rose to " + "$1 billion, " * n + "the minister said.")
        print(f"{n:>23}   {secs:7.2f}   {1000 * secs / n:13.2f}   {claims:6}")
        n *= 2
    print("\nordinary text (MB)   seconds   s per MB   claims")
    corpus = "\n\n".join(d["text"] for d in build_corpus(400, 600))
    mb = 0.25
    while mb <= args.max_mb:
        size = int(mb * 1_000_000)
        text = (corpus * (1 + size // len(corpus)))[:size]
        secs, claims = _time(extractor, text)
        print(f"{mb:>18.2f}   {secs:7.1f}   {secs / mb:8.1f}   {claims:6}")
        mb *= 2
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
