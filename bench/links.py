"""Cost of the cross-document commands as the corpus grows (not a test).

Extracts the real articles once (the bundled sample and, when present, ../shared's seeds,
dev and dev2 corpora), then grows the store to 1k, 2k and 5k documents by repeating them
as ``add`` stores a wire copy (same text from another outlet and date: ``copy_of`` names
the original) and times, in this process, what ``check``, ``stories``, ``report`` and
``speakers`` run. Each doubling should cost under 2.3x.

    .venv/bin/python bench/links.py [--sizes 1000,2000,5000] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import math
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimwatch.service import links, queries, runs  # noqa: E402
from claimwatch.settings import Settings  # noqa: E402
from claimwatch.store import Store  # noqa: E402

SAMPLE = ROOT / "src" / "claimwatch" / "samples" / "corpus.jsonl"
# tables holding one document's layers, keyed by doc_id (the index is rebuilt apart)
LAYERS = ("sentences", "entities", "quantities", "times", "people", "quotes")


def inputs(shared: Path) -> list[Path]:
    found = [SAMPLE]
    for p in (shared / "corpus" / "seeds", shared / "corpus" / "dev.jsonl", shared / "corpus" / "dev2.jsonl"):
        if p.exists():
            found.append(p)
    return found


def build_base(db: Path, shared: Path) -> int:
    settings = replace(Settings(), db=db, link_on_add=False, workers=2)
    with Store(db, writer=True) as store:
        report = runs.add_paths(store, inputs(shared), settings)
    return len(report.added)


def _columns(c: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in c.execute(f"PRAGMA table_info({table})")]


def grow(base: Path, db: Path, size: int) -> None:
    """Copy the base store and add wire copies of its documents up to ``size`` documents."""
    shutil.copy(base, db)
    c = sqlite3.connect(db)
    originals = [r[0] for r in c.execute("SELECT id FROM documents WHERE copy_of IS NULL ORDER BY id")]
    have = c.execute("SELECT count(*) FROM documents").fetchone()[0]
    doc_cols = _columns(c, "documents")
    claim_cols = _columns(c, "claims")
    k = 0
    with c:
        while have < size:
            k += 1
            for original in originals:
                if have >= size:
                    break
                new = f"{original}~{k}"
                # (expression, parameter) per column, in the table's column order
                changed: dict[str, tuple[str, object]] = {
                    "id": ("?", new), "copy_of": ("?", original), "url": ("coalesce(url, '') || ?", f"#{k}"),
                    "outlet": ("'copy' || ? || '.example'", k),
                    "published": ("CASE WHEN published IS NULL THEN NULL ELSE date(published, ?) END", f"+{k} days"),
                }
                exprs = [changed[col][0] if col in changed else col for col in doc_cols]
                params: list[object] = [changed[col][1] for col in doc_cols if col in changed]
                c.execute(f"INSERT INTO documents ({', '.join(doc_cols)}) SELECT {', '.join(exprs)} "
                          "FROM documents WHERE id = ?", [*params, original])  # fmt: skip
                for table in LAYERS:
                    cols = _columns(c, table)
                    select = ", ".join("?" if col == "doc_id" else col for col in cols)
                    c.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM {table} WHERE doc_id = ?",
                              [new, original])  # fmt: skip
                ids = {"id": "? || substr(id, length(doc_id) + 1)", "doc_id": "?",
                       "restates": "CASE WHEN restates IS NULL THEN NULL ELSE ? || substr(restates, length(doc_id) + 1) END"}
                select = ", ".join(ids.get(col, col) for col in claim_cols)
                params = [new for col in claim_cols if col in ids]
                c.execute(f"INSERT INTO claims ({', '.join(claim_cols)}) SELECT {select} FROM claims WHERE doc_id = ?",
                          [*params, original])  # fmt: skip
                have += 1
    c.close()


def timed(what: Callable[[], object]) -> float:
    start = time.process_time()
    what()
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,5000")
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    commands: dict[str, Callable[[Store], object]] = {
        "check": lambda s: links.findings(s),
        "stories": lambda s: links.stories(s),
        "report": lambda s: links.report_html(s),
        "speakers": lambda s: queries.speakers(s),
    }
    with tempfile.TemporaryDirectory(prefix="claimwatch-bench-") as tmp:
        base = Path(tmp) / "base.db"
        t0 = time.perf_counter()
        n = build_base(base, args.shared)
        print(f"base store: {n} real articles extracted in {time.perf_counter() - t0:.0f} s")
        rows: dict[str, list[float]] = {name: [] for name in commands}
        for size in sizes:
            db = Path(tmp) / f"bench-{size}.db"
            grow(base, db, size)
            with Store(db, writer=True) as store:
                index_s = timed(lambda: links.update_index(store))  # noqa: B023 - called at once
            with Store(db) as store:
                docs = len(store.document_ids())
                for name, run in commands.items():
                    rows[name].append(timed(lambda: run(store)))  # noqa: B023 - called at once
            print(f"{docs:>6} documents: index {index_s:6.1f} s  " + "  ".join(
                f"{name} {rows[name][-1]:6.1f} s" for name in commands), flush=True)  # fmt: skip
        print("\nCPU seconds per command; growth per step (goal: under 2.3x per doubling)")
        print(f"{'command':<10}" + "".join(f"{s:>10}" for s in sizes) + "   growth")
        for name, times in rows.items():
            growth = []
            for (s0, t_0), (s1, t_1) in pairwise(zip(sizes, times, strict=True)):
                if t_0 <= 0:
                    growth.append("n/a")
                    continue
                per_doubling = (t_1 / t_0) ** (1 / math.log2(s1 / s0))
                growth.append(f"{t_1 / t_0:.2f}x ({per_doubling:.2f}x per doubling)")
            print(f"{name:<10}" + "".join(f"{t:>10.1f}" for t in times) + "   " + ", ".join(growth))


if __name__ == "__main__":
    main()
