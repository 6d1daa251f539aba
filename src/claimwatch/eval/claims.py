"""Score extracted claims against a gold file (../shared/gold/*.jsonl format).

A system claim matches a gold claim when doc, kind, value and value_high are equal
and the evidence spans overlap (the gold evidence, or one of its ``alt_evidence``
restatements, located in the stored text). Matching is one-to-one, greedy by
overlap. For matched claims the speaker, period and said_on are compared.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError


@dataclass
class FieldScore:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class ClaimScore:
    gold_file: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    speaker: FieldScore = field(default_factory=FieldScore)
    period: FieldScore = field(default_factory=FieldScore)
    said_on: FieldScore = field(default_factory=FieldScore)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positive_claims: list[dict[str, Any]] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)
    docs_missing: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        n = self.true_positives + self.false_positives
        return self.true_positives / n if n else 1.0

    @property
    def recall(self) -> float:
        n = self.true_positives + self.false_negatives
        return self.true_positives / n if n else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_accuracy": round(self.speaker.accuracy, 4),
            "period_accuracy": round(self.period.accuracy, 4),
            "said_on_accuracy": round(self.said_on.accuracy, 4),
        }


def load_gold(path: Path) -> list[dict[str, Any]]:
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: invalid JSON: {exc.msg}") from exc
    return records


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _spans_of(text: str, evidence: str) -> list[tuple[int, int]]:
    spans = []
    i = text.find(evidence)
    while i >= 0:
        spans.append((i, i + len(evidence)))
        i = text.find(evidence, i + 1)
    return spans


def _norm_name(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-‐]+", name.lower().replace(".", "")) if t]


def default_same_speaker(gold: str | None, system: str | None) -> bool:
    """Both null, one name's words within the other's, or two spellings of one person."""
    if not gold or not system:
        return not gold and not system
    g, s = set(_norm_name(gold)), set(_norm_name(system))
    g.discard("the")
    s.discard("the")
    if g and s and (g <= s or s <= g):
        return True
    from ..link.aliases import same_person  # transliteration variants of one person

    return same_person(gold, system)


def score_claims(
    gold: Sequence[dict[str, Any]],
    system: dict[str, list[dict[str, Any]]],
    texts: dict[str, str],
    gold_file: str = "",
    same_speaker: Callable[[str | None, str | None], bool] = default_same_speaker,
) -> ClaimScore:
    """``system`` maps doc id -> claims in the export format; ``texts`` doc id -> stored text."""
    score = ClaimScore(gold_file=gold_file)
    for rec in gold:
        doc = rec["doc"]
        text = texts.get(doc)
        if text is None:
            score.docs_missing.append(doc)
            score.false_negatives += len(rec.get("claims", []))
            for g in rec.get("claims", []):
                score.misses.append({"doc": doc, **g, "why": "document not in the store"})
            continue
        sys_claims = list(system.get(doc, []))
        used: set[int] = set()
        for g in rec.get("claims", []):
            spans = _spans_of(text, g["evidence"])
            for alt in g.get("alt_evidence") or []:
                spans += _spans_of(text, alt)
            best, best_overlap = None, 0
            for i, s in enumerate(sys_claims):
                if i in used or s["kind"] != g["kind"]:
                    continue
                if not (_same_value(s["value"], g["value"]) and _same_value(s.get("value_high"), g.get("value_high"))):
                    continue
                overlap = max((min(e, s["end"]) - max(b, s["start"]) for b, e in spans), default=0)
                if overlap > best_overlap:
                    best, best_overlap = i, overlap
            if best is None:
                score.false_negatives += 1
                score.misses.append({"doc": doc, **{k: g.get(k) for k in ("evidence", "kind", "value", "value_high", "unit")}})
                continue
            used.add(best)
            score.true_positives += 1
            s = sys_claims[best]
            _compare(score, doc, g, s, same_speaker)
        for i, s in enumerate(sys_claims):
            if i not in used:
                score.false_positives += 1
                score.false_positive_claims.append(s)
    return score


def _compare(
    score: ClaimScore,
    doc: str,
    g: dict[str, Any],
    s: dict[str, Any],
    same_speaker: Callable[[str | None, str | None], bool],
) -> None:
    ok = same_speaker(g.get("speaker"), s.get("speaker"))
    score.speaker.total += 1
    score.speaker.right += ok
    if not ok:
        score.field_errors.append(f"{doc} speaker: gold {g.get('speaker')!r} got {s.get('speaker')!r} | {g['evidence'][:70]}")
    ok = (g.get("period_start"), g.get("period_end")) == (s.get("period_start"), s.get("period_end"))
    score.period.total += 1
    score.period.right += ok
    if not ok:
        score.field_errors.append(
            f"{doc} period: gold {g.get('period_start')}..{g.get('period_end')} ({g.get('period_text')!r})"
            f" got {s.get('period_start')}..{s.get('period_end')} ({s.get('period_text')!r}) | {g['evidence'][:60]}"
        )
    ok = g.get("said_on") == s.get("said_on")
    score.said_on.total += 1
    score.said_on.right += ok
    if not ok:
        score.field_errors.append(f"{doc} said_on: gold {g.get('said_on')} got {s.get('said_on')} | {g['evidence'][:70]}")


# ---- floors --------------------------------------------------------------------------


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.get("floors", {}).items()}


def below_floors(name: str, summary: dict[str, float], floors: dict[str, dict[str, float]]) -> list[str]:
    """Messages for every metric under its pinned floor."""
    pinned = floors.get(name, {})
    return [
        f"{name}: {metric} {summary.get(metric, 0.0):.4f} < floor {floor:.4f}"
        for metric, floor in pinned.items()
        if summary.get(metric, 0.0) + 1e-9 < floor
    ]
