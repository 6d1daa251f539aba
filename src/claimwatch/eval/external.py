"""Score the external benchmarks found under a directory and print every score.

``python -m claimwatch.eval.external ../shared/external`` runs each scorer whose
data is present (TimeBank dates, PolNeAR attribution) and exits non-zero when a
score is under its floor in eval-floors.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FLOORS_FILE = Path(__file__).resolve().parents[3] / "eval-floors.json"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path("../shared/external")
    floors = json.loads(FLOORS_FILE.read_text()).get("floors", {}) if FLOORS_FILE.exists() else {}
    problems: list[str] = []
    results: dict[str, dict[str, float | int]] = {}
    if (root / "timebank").is_dir():
        from .timebank import score_timebank

        tb = score_timebank(root / "timebank")
        results["timebank"] = {
            "date_value_accuracy": tb.value_accuracy, "detection_recall": tb.recall,
            "detection_precision": tb.precision, "gold_dates": tb.gold_dates,
        }  # fmt: skip
    if (root / "polnear-dev").is_dir():
        from .polnear import score_polnear

        pn = score_polnear(root / "polnear-dev")
        results["polnear-dev"] = {
            "source_accuracy": pn.source_accuracy, "content_recall": pn.content_recall,
            "speech_attributions": pn.gold, "files": pn.files,
        }  # fmt: skip
    for name, summary in results.items():
        print(f"== {name}: " + "  ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in summary.items()))
        for metric, floor in floors.get(name, {}).items():
            if float(summary.get(metric, 0.0)) + 1e-9 < floor:
                problems.append(f"{name}: {metric} {summary.get(metric)} < floor {floor}")
    for p in problems:
        print(f"BELOW FLOOR: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
