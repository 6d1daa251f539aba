"""The growth curve (not a test): time and peak memory of each stage at 1k / 10k / 100k
generated articles, and the time to add 1,000 more articles to a store of each size.

Articles recombine paragraphs of the bundled sample corpus with every number redrawn
(fixed seed), so sentences rarely repeat word for word and the parse cache does not
flatter the curve. Each stage runs as its own ``claimwatch`` process on a store built by
the previous one, and its peak RSS is that process's own: linear time shows as a flat
seconds-per-1,000-articles column, flat memory as a flat RSS column.

    .venv/bin/python bench/curve.py [--sizes 1000,10000,100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "claimwatch" / "samples" / "corpus.jsonl"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def generated(n: int, start: int = 0, seed: int = 5, words: int = 400) -> list[dict[str, str]]:
    rng = random.Random(seed + start)
    paragraphs = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            paragraphs += [p.strip() for p in json.loads(line)["text"].split("\n\n") if len(p.split()) > 8]
    corpus = []
    for i in range(start, start + n):
        body: list[str] = []
        while sum(len(p.split()) for p in body) < words:
            body.append(_NUMBER.sub(lambda m: str(rng.randint(2, 990)), rng.choice(paragraphs)))
        corpus.append({"id": f"g{i:06d}", "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                       "outlet": f"outlet {i % 50}", "text": "\n\n".join(body)})  # fmt: skip
    return corpus


def run_stage(db: Path, *argv: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one claimwatch process (its worker processes
    included: wait4 reports the largest of the process and its waited-for children)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimwatch", "--db", str(db), *argv],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def write(path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; each stage a claimwatch process of its own")
    print(f"{'articles':>9} {'stage':<22} {'seconds':>9} {'s per 1k':>9} {'peak RSS MB':>12}")
    for n in [int(x) for x in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            db, base, extra = Path(tmp) / "curve.db", Path(tmp) / "base.jsonl", Path(tmp) / "more.jsonl"
            write(base, generated(n))
            write(extra, generated(1000, start=n))
            stages = [
                ("add (extract+store+link)", ("add", str(base), "--workers", str(args.workers))),
                ("claims -f jsonl", ("claims", "-f", "jsonl")),
                ("check", ("check", "-f", "jsonl")),
                ("stories", ("stories", "-f", "jsonl")),
                ("report", ("report", "-o", str(Path(tmp) / "report.html"))),
                ("add 1,000 more", ("add", str(extra), "--workers", str(args.workers))),
            ]
            for name, argv in stages:
                seconds, rss = run_stage(db, *argv)
                per_k = seconds / (1000 if name == "add 1,000 more" else n) * 1000
                print(f"{n:>9} {name:<22} {seconds:>9.1f} {per_k:>9.2f} {rss:>12.0f}", flush=True)


if __name__ == "__main__":
    main()
