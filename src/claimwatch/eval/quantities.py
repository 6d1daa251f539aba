"""Score the quantity layer (``find_quantities`` + ``claim_worthiness``) against gold claims.

Quantities of a stored text with worthiness >= the promotion threshold, read as claims read
them (``as_claim``: measures and rates as counts, a drop negative), are matched
one-to-one to its gold claims: same kind, value and value_high (relative tolerance)
and a span overlapping the gold evidence (or an ``alt_evidence`` restatement). The
gate prints precision, recall and F1 per gold set; a promoted quantity that restates
a gold claim's figure over one of its spans is not a false positive.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..extract.numbers.quantities import as_claim, claim_worthiness, find_quantities
from ..model import Quantity
from .metrics import Counts

PROMOTE_AT = 0.5
REL_TOL = 1e-4


@dataclass
class QuantityScore:
    counts: Counts = field(default_factory=Counts)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(needle)
    while pos >= 0 and needle:
        out.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + 1)
    return out


def _fits(q: Quantity, claim: dict[str, Any], spans: list[tuple[int, int]]) -> bool:
    return (
        q.kind == claim["kind"]
        and _same(q.value, claim["value"])
        and _same(q.value_high, claim.get("value_high"))
        and any(q.start < e and s < q.end for s, e in spans)
    )


def score_document(doc: str, text: str, gold: Sequence[dict[str, Any]], score: QuantityScore) -> None:
    """Match promoted quantities of one document to its gold claims (greedy, one-to-one)."""
    promoted: list[Quantity] = [as_claim(q) for q in find_quantities(text) if claim_worthiness(q, text) >= PROMOTE_AT]
    spans = []
    for claim in gold:
        found = _occurrences(text, claim["evidence"])
        for alt in claim.get("alt_evidence") or []:
            found += _occurrences(text, alt)
        spans.append(found)
    used: set[int] = set()
    for claim, claim_spans in zip(gold, spans, strict=True):
        hit = next((i for i, q in enumerate(promoted) if i not in used and _fits(q, claim, claim_spans)), None)
        if hit is None:
            score.counts.fn += 1
            score.misses.append(
                f"{doc}: {claim['kind']} {claim['value']} {claim.get('value_high')} {claim['unit']} | {claim['evidence'][:90]!r}"
            )
        else:
            used.add(hit)
            score.counts.tp += 1
    for i, q in enumerate(promoted):
        if i in used or any(_fits(q, c, sp) for c, sp in zip(gold, spans, strict=True)):
            continue
        score.counts.fp += 1
        score.false_positives.append(
            f"{doc}: {q.kind} {q.value} {q.value_high} {q.unit} | {q.text!r} @{q.start} | {text[max(0, q.start - 40) : q.end + 30]!r}"
        )


def score_records(records: Sequence[dict[str, Any]], texts: dict[str, str]) -> QuantityScore:
    score = QuantityScore()
    for rec in records:
        if rec["doc"] in texts:
            score_document(rec["doc"], texts[rec["doc"]], rec.get("claims", []), score)
    return score
