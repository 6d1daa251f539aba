"""The pinned floors: the only place accuracy floors live.

``eval-floors.json`` holds, per score set, the floor of each metric, and a digest of
every gold input the gate read when the floors were pinned. The gate fails when a
score is under its floor, when a pinned score is missing, and when a gold input
changed (or appeared) since pinning: a changed gold file must be re-pinned on
purpose (``claimwatch eval pin``), never re-baselined silently. Pinning raises each
floor to what was reached (rounded down to 3 decimals) and never lowers one unless
asked by name (``--lower SET.METRIC``), and says so.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FLOORS_FILE = ROOT / "eval-floors.json"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"

Scores = Mapping[str, Mapping[str, float | int | None]]

# Metrics where lower is better (an error rate): pinned as a ceiling that only comes down.
CEILINGS = frozenset({"expected_calibration_error"})

# Counts printed with the scores, not accuracies: never pinned.
NOT_PINNED = frozenset({"gold_dates", "speech_attributions", "files", "gold_quotes", "documents", "claims", "sentences"})


def gold_digests(shared: Path | None, samples: Path = SAMPLES) -> dict[str, str]:
    """sha256 prefixes of every gold input the gate reads (the shared ones when present)."""
    files = sorted(samples.glob("*gold*"))
    if shared is not None and (shared / "gold").is_dir():
        files += sorted(p for p in (shared / "gold").iterdir() if p.is_file())
    return {
        (f.name if f.parent == samples else f"shared/{f.name}"): hashlib.sha256(f.read_bytes()).hexdigest()[:16]
        for f in files
    }


@dataclass
class Floors:
    floors: dict[str, dict[str, float]] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = FLOORS_FILE) -> Floors:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(data.get("floors", {})), dict(data.get("gold_digests", {})))

    def save(self, path: Path = FLOORS_FILE) -> None:
        out = {"floors": self.floors, "gold_digests": self.digests}
        path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def below(self, scores: Scores) -> list[str]:
        """A line for every pinned metric under its floor or not measured at all."""
        problems = []
        for name, pinned in sorted(self.floors.items()):
            reached = scores.get(name)
            for metric, floor in sorted(pinned.items()):
                value = None if reached is None else reached.get(metric)
                if value is None:
                    problems.append(f"{name}.{metric}: not measured (floor {floor:.3f})")
                elif metric in CEILINGS and float(value) - 1e-9 > floor:
                    problems.append(f"{name}.{metric}: {float(value):.4f} > ceiling {floor:.3f}")
                elif metric not in CEILINGS and float(value) + 1e-9 < floor:
                    problems.append(f"{name}.{metric}: {float(value):.4f} < floor {floor:.3f}")
        return problems

    def changed_gold(self, current: Mapping[str, str]) -> list[str]:
        """Gold inputs that changed or appeared since the floors were pinned."""
        problems = []
        for name, digest in sorted(current.items()):
            pinned = self.digests.get(name)
            if pinned is None:
                problems.append(f"gold input {name} is not pinned yet: run `claimwatch eval pin` to accept it")
            elif pinned != digest:
                problems.append(f"gold input {name} changed since pinning ({pinned} -> {digest}): re-pin on purpose")
        return problems

    def pinned(self, reached: Scores, digests: Mapping[str, str], lower: Iterable[str] = ()) -> tuple[Floors, list[str]]:
        """New floors (raised to what was reached) and a line per change."""
        lower = set(lower)
        floors = {k: dict(v) for k, v in self.floors.items()}
        changes = []
        for name, summary in sorted(reached.items()):
            for metric, value in sorted(summary.items()):
                if metric in NOT_PINNED or value is None or not isinstance(value, (int, float)):
                    continue
                ceiling = metric in CEILINGS
                new = (math.ceil if ceiling else math.floor)(float(value) * 1000) / 1000
                old = floors.get(name, {}).get(metric)
                better = old is None or (new < old if ceiling else new > old)
                if better or f"{name}.{metric}" in lower:
                    floors.setdefault(name, {})[metric] = new
                    if old != new:
                        worse = old is not None and not better
                        changes.append(f"{name}.{metric}: {old} -> {new}{' (LOWERED on request)' if worse else ''}")
        for name, digest in sorted(digests.items()):
            if self.digests.get(name) != digest:
                changes.append(f"gold input {name}: digest {self.digests.get(name)} -> {digest}")
        return Floors(floors, {**self.digests, **digests}), changes
