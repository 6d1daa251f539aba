"""Scoring ``claimwatch check`` against a gold list of source problems (``NAME.findings.json``).

**Recall.** A gold finding (``type``, ``docs``) is found when ``check`` reports findings
of its type whose documents all lie among the gold finding's documents and together
name every one of them (a problem across three outlets may be shown as two pairwise
differences). Recall is given per family, for the seen and blind parts (every third
gold finding, in file order, is blind, as every third document of a claims gold file
is) and for all.

**Precision** comes from a hand-checked sample: ``tests/fixtures/findings/NAME.judged.json``
lists reported findings by type and documents with a verdict (``correct``) and why. A
reported finding that matches a gold finding is correct; one the sample judges counts
as the sample says; the rest are counted as unjudged and left out of precision (the
gate prints how many, so a growing unjudged share shows).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..link.consistency import FINDING_TYPES, Finding
from .claims import is_blind
from .floors import ROOT

JUDGED = ROOT / "tests" / "fixtures" / "findings"


@dataclass(frozen=True)
class GoldFinding:
    type: str
    docs: frozenset[str]
    blind: bool


@dataclass
class FindingScores:
    found: dict[str, list[bool]] = field(default_factory=dict)  # part -> found flags
    by_family: dict[str, list[bool]] = field(default_factory=dict)
    correct: int = 0
    judged: int = 0
    unjudged: int = 0
    reported: dict[str, int] = field(default_factory=dict)
    missed: list[GoldFinding] = field(default_factory=list)  # seen part only

    def recall(self, part: str = "all") -> float | None:
        flags = self.found.get(part, [])
        return sum(flags) / len(flags) if flags else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.judged if self.judged else None


def load_gold_findings(path: Path) -> list[GoldFinding]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        GoldFinding(f["type"], frozenset(f["docs"]), is_blind(i)) for i, f in enumerate(data.get("findings", []))
    ]


def load_judged(name: str, folder: Path = JUDGED) -> dict[tuple[str, frozenset[str]], bool]:
    """The hand-checked verdicts for gold set ``name``: (type, docs) -> correct."""
    path = folder / f"{name}.judged.json"
    if not path.exists():
        return {}
    rows = json.loads(path.read_text(encoding="utf-8"))["judged"]
    return {(r["type"], frozenset(r["docs"])): bool(r["correct"]) for r in rows}


def is_found(gold: GoldFinding, findings: Sequence[Finding]) -> bool:
    covered: set[str] = set()
    for f in findings:
        docs = set(f.docs)
        if f.type == gold.type and docs <= gold.docs:
            covered |= docs
    return covered == set(gold.docs)


def score_findings(
    gold: Sequence[GoldFinding], findings: Sequence[Finding], judged: Mapping[tuple[str, frozenset[str]], bool]
) -> FindingScores:
    scores = FindingScores()
    for g in gold:
        hit = is_found(g, findings)
        for part in ("blind" if g.blind else "seen", "all"):
            scores.found.setdefault(part, []).append(hit)
        scores.by_family.setdefault(g.type, []).append(hit)
        if not hit and not g.blind:
            scores.missed.append(g)
    for f in findings:
        scores.reported[f.type] = scores.reported.get(f.type, 0) + 1
        docs = frozenset(f.docs)
        if any(g.type == f.type and docs <= g.docs for g in gold):
            scores.correct += 1
            scores.judged += 1
        elif (f.type, docs) in judged:
            scores.correct += judged[(f.type, docs)]
            scores.judged += 1
        else:
            scores.unjudged += 1
    return scores


def summary(scores: FindingScores) -> dict[str, float | int | None]:
    """The pinned numbers: recall of all, seen and blind; precision of the judged sample."""
    out: dict[str, float | int | None] = {
        "recall": scores.recall("all"), "recall_seen": scores.recall("seen"), "recall_blind": scores.recall("blind"),
        "precision": scores.precision,
    }  # fmt: skip
    for family in FINDING_TYPES:
        flags = scores.by_family.get(family)
        if flags:
            out[f"recall_{family}"] = sum(flags) / len(flags)
    return out
