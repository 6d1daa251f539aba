"""The accuracy gate beyond claims: every score printed, floors pinned in eval-floors.json.

``python -m claimwatch.eval.external SHARED_DIR`` scores what is present:
  * TimeBank DATE value accuracy (time normalization against the creation time);
  * PolNeAR attribution: source accuracy and content recall for speech cues;
  * quote gold (``quotes`` fields of ../shared/gold/*.jsonl and the sample gold): speaker accuracy;
  * talking points and stories (``*.links.json``) on the shared and sample corpora: pair F1;
and exits non-zero when a score is under its pinned floor. The floors file also pins
a digest of each gold input, so a changed gold file is noticed rather than silently
re-baselined.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FLOORS_FILE = ROOT / "eval-floors.json"
SAMPLES = ROOT / "src" / "claimwatch" / "samples"

Scores = dict[str, dict[str, float | int]]


def _timebank(external: Path, out: Scores) -> None:
    from .timebank import score_timebank

    tb = score_timebank(external / "timebank")
    out["timebank"] = {"date_value_accuracy": tb.value_accuracy, "detection_recall": tb.recall,
                       "detection_precision": tb.precision, "gold_dates": tb.gold_dates}  # fmt: skip


def _polnear(external: Path, out: Scores) -> None:
    from .polnear import score_polnear

    pn = score_polnear(external / "polnear-dev")
    out["polnear-dev"] = {"source_accuracy": pn.source_accuracy, "content_recall": pn.content_recall,
                          "speech_attributions": pn.gold, "files": pn.files}  # fmt: skip


def _quotes(shared: Path | None, out: Scores) -> None:
    from .polnear import score_quote_gold

    pairs = [
        ("samples.quotes", SAMPLES / "gold.jsonl", SAMPLES / "corpus.jsonl"),
        ("holdout.quotes", SAMPLES / "holdout.gold.jsonl", SAMPLES / "holdout.jsonl"),
    ]
    if shared is not None:
        pairs.append(("dev.quotes", shared / "gold" / "dev.jsonl", shared / "corpus" / "dev.jsonl"))
    for name, gold, corpus in pairs:
        if gold.exists() and corpus.exists():
            q = score_quote_gold(gold, corpus)
            out[name] = {"speaker_accuracy": q.speaker_accuracy, "recall": q.recall, "precision": q.precision,
                         "gold_quotes": q.gold}  # fmt: skip


def _links(shared: Path | None, out: Scores) -> None:
    from .links import gold_sets, score_links

    sets = gold_sets(shared, SAMPLES) if shared is not None else gold_sets(Path("/nonexistent"), SAMPLES)
    for name, (gold, docs) in sets.items():
        s = score_links(gold, docs)
        out[f"{name}.links"] = {
            "talking_point_f1": s.talking_points.f1, "talking_point_precision": s.talking_points.precision,
            "talking_point_recall": s.talking_points.recall, "story_f1": s.stories.f1,
            "story_precision": s.stories.precision, "story_recall": s.stories.recall,
        }  # fmt: skip


def gold_digests(shared: Path | None) -> dict[str, str]:
    """sha256 prefixes of every gold input the gate reads."""
    files = sorted(SAMPLES.glob("*gold*"))
    if shared is not None and (shared / "gold").is_dir():
        files += sorted((shared / "gold").glob("*"))
    return {f.name if f.parent == SAMPLES else f"shared/{f.name}": hashlib.sha256(f.read_bytes()).hexdigest()[:16]
            for f in files}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    summary_out = None
    if "--summary-out" in args:
        i = args.index("--summary-out")
        summary_out = Path(args[i + 1])
        args = args[:i] + args[i + 2 :]
    shared = Path(args[0]) if args else ROOT / ".." / "shared"
    shared_or_none = shared if shared.is_dir() else None
    pinned = json.loads(FLOORS_FILE.read_text()) if FLOORS_FILE.exists() else {}
    floors = pinned.get("floors", {})
    scores: Scores = {}
    external = shared / "external"
    if (external / "timebank").is_dir():
        _timebank(external, scores)
    if (external / "polnear-dev").is_dir():
        _polnear(external, scores)
    _quotes(shared_or_none, scores)
    _links(shared_or_none, scores)
    problems = []
    for name, summary in scores.items():
        print(f"== {name}: " + "  ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}"
                                         for k, v in summary.items()))  # fmt: skip
        for metric, floor in floors.get(name, {}).items():
            if float(summary.get(metric, 0.0)) + 1e-9 < floor:
                problems.append(f"{name}: {metric} {summary.get(metric)} < floor {floor}")
    for name, digest in gold_digests(shared_or_none).items():
        expected = pinned.get("gold_digests", {}).get(name)
        if expected and expected != digest:
            print(f"NOTE: gold input {name} changed since its floors were pinned ({expected} -> {digest})")
    if summary_out is not None:
        summary_out.write_text(json.dumps(scores, indent=2))
    for p in problems:
        print(f"BELOW FLOOR: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
