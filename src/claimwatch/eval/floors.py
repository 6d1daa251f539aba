"""Pinned accuracy floors: raised to what is reached, never lowered silently.

``python -m claimwatch.eval.floors SUMMARY.json...`` merges score summaries (written
by ``claimwatch eval --summary-out`` and ``python -m claimwatch.eval.external
--summary-out``) into eval-floors.json: each floor becomes max(old, reached) rounded
down to 3 decimals. Lowering one needs ``--lower NAME.METRIC`` on the command line,
and says so.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from .external import FLOORS_FILE, gold_digests

# Counts printed with the scores, not accuracies: never pinned.
NOT_PINNED = {"gold_dates", "speech_attributions", "files", "gold_quotes"}


def merge(current: dict[str, dict[str, float]], reached: dict[str, dict[str, float]],
          lower: set[str] = frozenset()) -> tuple[dict[str, dict[str, float]], list[str]]:  # type: ignore[assignment]
    """New floors and a line per change."""
    floors = {k: dict(v) for k, v in current.items()}
    changes = []
    for name, summary in reached.items():
        for metric, value in summary.items():
            if metric in NOT_PINNED or not isinstance(value, (int, float)):
                continue
            new = math.floor(float(value) * 1000) / 1000
            old = floors.get(name, {}).get(metric)
            if old is None or new > old or f"{name}.{metric}" in lower:
                floors.setdefault(name, {})[metric] = new
                if old != new:
                    changes.append(f"{name}.{metric}: {old} -> {new}" + (" (LOWERED)" if old is not None and new < old else ""))
    return floors, changes


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    lower = {args[i + 1] for i, a in enumerate(args) if a == "--lower" and i + 1 < len(args)}
    files = [a for i, a in enumerate(args) if a != "--lower" and (i == 0 or args[i - 1] != "--lower")]
    reached: dict[str, dict[str, float]] = {}
    for f in files:
        reached.update(json.loads(Path(f).read_text()))
    pinned = json.loads(FLOORS_FILE.read_text()) if FLOORS_FILE.exists() else {}
    floors, changes = merge(pinned.get("floors", {}), reached, lower)
    shared = FLOORS_FILE.parent / ".." / "shared"
    out = {"floors": floors, "gold_digests": gold_digests(shared if shared.is_dir() else None)}
    FLOORS_FILE.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
    for c in changes:
        print(c)
    print(f"{len(changes)} floor(s) changed in {FLOORS_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
