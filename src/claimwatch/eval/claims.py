"""Score extracted claims against a gold file (../shared/gold/*.jsonl format).

Matching. A system claim matches a gold claim when doc, kind, value and value_high
are equal and its evidence overlaps the gold ``evidence`` or one of its
``alt_evidence`` restatements (headline, lead, quote), located in the stored text.
Matching is one-to-one, greedy by overlap. A further system claim that states the
same figure over one of those spans is a restatement of a gold claim: neither a
true nor a false positive (the gold convention merges restatements through
``alt_evidence``); so is the figure in another currency the gold keeps as an
``equivalent`` of it. Everything else the system found is a false positive.

Fields of matched claims. The speaker is compared by ``names.same_speaker`` (the
gold name, a ``speaker_alt``, or the same referent's fuller or shorter form); the
period (start and end) and said_on must be equal, a null gold field requiring a
null system field.

The blind part. Every third document of a gold file (the 3rd, 6th, ...) is blind:
rules are written while reading the errors of the other documents only, and the
gate prints blind and seen scores apart, listing errors for seen documents only.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .metrics import Accuracy, Counts, rounded
from .names import same_speaker

# Every BLIND_EVERY-th document of a gold file (1-based position) is blind.
BLIND_EVERY = 3

GoldRecord = dict[str, Any]
SystemClaim = dict[str, Any]


@dataclass
class ClaimScore:
    gold_file: str
    counts: Counts = field(default_factory=Counts)
    restatements: int = 0
    speaker: Accuracy = field(default_factory=Accuracy)
    period: Accuracy = field(default_factory=Accuracy)
    said_on: Accuracy = field(default_factory=Accuracy)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positive_claims: list[SystemClaim] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)
    docs_missing: list[str] = field(default_factory=list)
    # (confidence, the claim is right in every field) for each system claim scored
    calibration: list[tuple[float, bool]] = field(default_factory=list)
    # each system claim scored (matched or false), with whether it is right in every field
    outcomes: list[tuple[SystemClaim, bool]] = field(default_factory=list)
    # wrong fields of matched claims by kind ("speaker missed", "period spurious", ...): which
    # mechanism fails can be told on blind documents without reading their errors
    error_kinds: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, float | None]:
        c = self.counts
        return rounded(
            {
                "precision": c.precision,
                "recall": c.recall,
                "f1": c.f1,
                "speaker_accuracy": self.speaker.value,
                "period_accuracy": self.period.value,
                "said_on_accuracy": self.said_on.value,
            }
        )

    def merge(self, other: ClaimScore) -> None:
        for mine, theirs in ((self.counts, other.counts),):
            mine.tp += theirs.tp
            mine.fp += theirs.fp
            mine.fn += theirs.fn
        self.restatements += other.restatements
        for a, b in ((self.speaker, other.speaker), (self.period, other.period), (self.said_on, other.said_on)):
            a.right += b.right
            a.total += b.total
        self.misses += other.misses
        self.false_positive_claims += other.false_positive_claims
        self.field_errors += other.field_errors
        self.docs_missing += other.docs_missing
        self.calibration += other.calibration
        self.outcomes += other.outcomes
        self.error_kinds += other.error_kinds


def load_gold(path: Path) -> list[GoldRecord]:
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


def is_blind(position: int) -> bool:
    """Whether the document at 0-based ``position`` of its gold file is blind."""
    return (position + 1) % BLIND_EVERY == 0


def split_blind(records: Sequence[GoldRecord]) -> tuple[list[GoldRecord], list[GoldRecord]]:
    """(seen, blind) documents of one gold file."""
    seen = [r for i, r in enumerate(records) if not is_blind(i)]
    blind = [r for i, r in enumerate(records) if is_blind(i)]
    return seen, blind


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _spans_of(text: str, evidence: str) -> list[tuple[int, int]]:
    spans = []
    i = text.find(evidence)
    while i >= 0 and evidence:
        spans.append((i, i + len(evidence)))
        i = text.find(evidence, i + 1)
    return spans


def _gold_spans(text: str, g: dict[str, Any]) -> list[tuple[int, int]]:
    spans = _spans_of(text, g["evidence"])
    for alt in g.get("alt_evidence") or []:
        spans += _spans_of(text, alt)
    return spans


def _overlap(spans: Iterable[tuple[int, int]], s: SystemClaim) -> int:
    return max((min(e, s["end"]) - max(b, s["start"]) for b, e in spans), default=0)


def _same_figure(g: dict[str, Any], s: SystemClaim) -> bool:
    return (
        s["kind"] == g["kind"]
        and _same_value(s["value"], g["value"])
        and _same_value(s.get("value_high"), g.get("value_high"))
    )


def _an_equivalent(g: dict[str, Any], s: SystemClaim) -> bool:
    """The system claim is the gold claim's figure in another currency, which the gold keeps
    as an ``equivalent`` of it ("120 trillion tomans ($2.9 billion)")."""
    return any(
        _same_value(s["value"], e.get("value")) and str(s.get("unit", "")).upper() == str(e.get("unit", "")).upper()
        for e in g.get("equivalent") or []
        if isinstance(e, dict)
    )


def score_claims(
    gold: Sequence[GoldRecord],
    system: dict[str, list[SystemClaim]],
    texts: dict[str, str],
    gold_file: str = "",
) -> ClaimScore:
    """``system`` maps doc id -> claims in the export format; ``texts`` doc id -> stored text."""
    score = ClaimScore(gold_file=gold_file)
    for rec in gold:
        _score_document(score, rec, system, texts)
    return score


def _score_document(
    score: ClaimScore, rec: GoldRecord, system: dict[str, list[SystemClaim]], texts: dict[str, str]
) -> None:
    doc = rec["doc"]
    gold_claims = rec.get("claims", [])
    text = texts.get(doc)
    if text is None:
        score.docs_missing.append(doc)
        score.counts.fn += len(gold_claims)
        score.misses += [{"doc": doc, **g, "why": "document not in the store"} for g in gold_claims]
        return
    sys_claims = list(system.get(doc, []))
    spans = [_gold_spans(text, g) for g in gold_claims]
    used: set[int] = set()
    for g, g_spans in zip(gold_claims, spans, strict=True):
        best, best_overlap = None, 0
        for i, s in enumerate(sys_claims):
            if i in used or not _same_figure(g, s):
                continue
            overlap = _overlap(g_spans, s)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            score.counts.fn += 1
            score.misses.append({"doc": doc, **{k: g.get(k) for k in ("evidence", "kind", "value", "value_high", "unit")}})
            continue
        used.add(best)
        score.counts.tp += 1
        s = sys_claims[best]
        right = _compare(score, doc, g, s)
        score.calibration.append((float(s.get("confidence") or 0.0), right))
        score.outcomes.append((s, right))
    for i, s in enumerate(sys_claims):
        if i in used:
            continue
        if any(
            (_same_figure(g, s) or _an_equivalent(g, s)) and _overlap(g_spans, s) > 0
            for g, g_spans in zip(gold_claims, spans, strict=True)
        ):
            score.restatements += 1  # the gold merges restatements (and equivalents) into one claim
            continue
        score.counts.fp += 1
        score.false_positive_claims.append(s)
        score.calibration.append((float(s.get("confidence") or 0.0), False))
        score.outcomes.append((s, False))


def _compare(score: ClaimScore, doc: str, g: dict[str, Any], s: SystemClaim) -> bool:
    """Compare the fields of a matched claim; True when all of them are right."""
    speaker_ok = same_speaker(g.get("speaker"), s.get("speaker"), g.get("speaker_alt") or ())
    score.speaker.add(speaker_ok)
    if not speaker_ok:
        score.error_kinds[f"speaker {error_kind(g.get('speaker'), s.get('speaker'))}"] += 1
        alts = f" (or {g['speaker_alt']})" if g.get("speaker_alt") else ""
        score.field_errors.append(
            f"{doc} speaker: gold {g.get('speaker')!r}{alts} got {s.get('speaker')!r} | {g['evidence'][:70]}"
        )
    period_ok = (g.get("period_start"), g.get("period_end")) == (s.get("period_start"), s.get("period_end"))
    score.period.add(period_ok)
    if not period_ok:
        gold_period = g.get("period_start") or g.get("period_end")
        got_period = s.get("period_start") or s.get("period_end")
        score.error_kinds[f"period {error_kind(gold_period, got_period)}"] += 1
        score.field_errors.append(
            f"{doc} period: gold {g.get('period_start')}..{g.get('period_end')} ({g.get('period_text')!r})"
            f" got {s.get('period_start')}..{s.get('period_end')} ({s.get('period_text')!r}) | {g['evidence'][:60]}"
        )
    said_ok = g.get("said_on") == s.get("said_on")
    score.said_on.add(said_ok)
    if not said_ok:
        score.error_kinds[f"said_on {error_kind(g.get('said_on'), s.get('said_on'))}"] += 1
        score.field_errors.append(f"{doc} said_on: gold {g.get('said_on')} got {s.get('said_on')} | {g['evidence'][:70]}")
    return speaker_ok and period_ok and said_ok


def error_kind(gold: object, got: object) -> str:
    """``missed``: the gold has a value and the system none; ``spurious``: the other way
    round; ``wrong``: both have one and they differ."""
    if not got:
        return "missed"
    return "spurious" if not gold else "wrong"


# ---- calibration -------------------------------------------------------------------


@dataclass(frozen=True)
class ReliabilityBin:
    low: float
    high: float
    claims: int
    mean_confidence: float | None
    right: float | None  # share of the bin's claims right in every field


def reliability(points: Sequence[tuple[float, bool]], bins: int = 10) -> tuple[float | None, list[ReliabilityBin]]:
    """Expected calibration error and the reliability table: is a claim of confidence
    0.8 right in every field (matched, speaker, period, said_on) four times in five?"""
    table = []
    ece = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in points if low <= c < high or (b == bins - 1 and c == 1.0)]
        if not inside:
            table.append(ReliabilityBin(low, high, 0, None, None))
            continue
        mean_c = sum(c for c, _ in inside) / len(inside)
        acc = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(points) * abs(mean_c - acc)
        table.append(ReliabilityBin(low, high, len(inside), mean_c, acc))
    return (ece if points else None), table
