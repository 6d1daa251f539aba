"""Score quantity finding + claim worthiness against the gold claims.

``python -m claimwatch.eval.quantities [SHARED_DIR] [--quiet]`` runs
``find_quantities`` and ``claim_worthiness`` over the seed articles and the dev
corpus (and the project's own sample corpus, ``src/claimwatch/samples``), keeps quantities with worthiness >= the promotion threshold, and matches
them one-to-one to gold claims: same kind, value and value_high (relative
tolerance) and a span overlapping the gold evidence. Prints precision, recall and
F1 per gold file and every miss and false positive.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.numbers.quantities import claim_worthiness, find_quantities
from ..model import Quantity

PROMOTE_AT = 0.5
REL_TOL = 1e-4
DEFAULT_SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
# The fictional sample corpus ships with the package: it was annotated independently
# of the rules, so it is the fairest check of how they generalize.
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
GOLD_NAMES: tuple[str, ...] = ("seeds", "dev", "samples")


@dataclass
class Score:
    """Counts and the listed errors for one gold file."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(needle)
    while pos >= 0:
        out.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + 1)
    return out


def _read_gold(path: Path) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            gold[rec["doc"]] = rec.get("claims", [])
    return gold


def _jsonl_documents(corpus: Path, gold: dict[str, list[dict]]) -> Iterator[tuple[str, str, list[dict]]]:
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            yield rec["id"], rec["text"], gold.get(rec["id"], [])


def documents(shared: Path, name: str) -> Iterator[tuple[str, str, list[dict]]]:
    """(doc id, text, gold claims) for gold file ``name`` ("seeds", "dev" or "samples").

    "samples" reads the package's own sample corpus (``SAMPLES_DIR``), not ``shared``.
    """
    if name == "samples":
        yield from _jsonl_documents(SAMPLES_DIR / "corpus.jsonl", _read_gold(SAMPLES_DIR / "gold.jsonl"))
        return
    gold = _read_gold(shared / "gold" / f"{name}.jsonl")
    if name == "seeds":
        for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
            yield path.name, path.read_text(encoding="utf-8"), gold.get(path.name, [])
    else:
        yield from _jsonl_documents(shared / "corpus" / f"{name}.jsonl", gold)


def score_document(doc: str, text: str, gold: list[dict], score: Score) -> None:
    """Match promoted quantities of one document to its gold claims (greedy, one-to-one)."""
    promoted: list[Quantity] = [q for q in find_quantities(text) if claim_worthiness(q, text) >= PROMOTE_AT]
    used: set[int] = set()
    for claim in gold:
        spans = _occurrences(text, claim["evidence"])
        hit = None
        for i, q in enumerate(promoted):
            if i in used or q.kind != claim["kind"]:
                continue
            if not (_same(q.value, claim["value"]) and _same(q.value_high, claim.get("value_high"))):
                continue
            if any(q.start < e and s < q.end for s, e in spans):
                hit = i
                break
        if hit is None:
            score.fn += 1
            score.misses.append(
                f"{doc}: {claim['kind']} {claim['value']} {claim.get('value_high')} {claim['unit']} | {claim['evidence'][:90]!r}"
            )
        else:
            used.add(hit)
            score.tp += 1
    for i, q in enumerate(promoted):
        if i not in used:
            score.fp += 1
            score.false_positives.append(
                f"{doc}: {q.kind} {q.value} {q.value_high} {q.unit} | {q.text!r} @{q.start} | {text[max(0, q.start - 40) : q.end + 30]!r}"
            )


def evaluate(shared: Path, name: str) -> Score:
    """Score one gold file."""
    score = Score(name)
    for doc, text, gold in documents(shared, name):
        score_document(doc, text, gold, score)
    return score


def main(argv: list[str] | None = None) -> int:
    """Print scores and errors for seeds, dev and the samples.

    Without the shared folder only the samples are scored (and the exit code is 1).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    quiet = "--quiet" in args
    args = [a for a in args if a != "--quiet"]
    shared = Path(args[0]) if args else DEFAULT_SHARED
    names = list(GOLD_NAMES)
    missing = not (shared / "gold").is_dir()
    if missing:
        print(f"no gold files under {shared}; scoring the samples only", file=sys.stderr)
        names = ["samples"]
    for name in names:
        s = evaluate(shared, name)
        print(
            f"== {name}: precision {s.precision:.3f} recall {s.recall:.3f} F1 {s.f1:.3f} (tp {s.tp} fp {s.fp} fn {s.fn})"
        )
        if not quiet:
            for m in s.misses:
                print("  MISS", m)
            for f in s.false_positives:
                print("  FP  ", f)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
