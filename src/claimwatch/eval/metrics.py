"""Ratios every scorer shares, with one convention for an empty denominator.

Precision with no system items, recall with no gold items and accuracy with nothing
to compare are undefined: ``None``, printed as ``n/a``, never pinned as a floor and
never silently 1.0. F1 is None only when both precision and recall are; when one is
undefined and the other is not, the set was missed entirely (or invented entirely)
and F1 is 0.
"""

from __future__ import annotations

from dataclasses import dataclass


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def f1_of(precision: float | None, recall: float | None) -> float | None:
    if precision is None and recall is None:
        return None
    if precision is None or recall is None or precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def show(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


@dataclass
class Counts:
    """True positives, false positives and false negatives of one scorer."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return f1_of(self.precision, self.recall)


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return ratio(self.right, self.total)

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += ok


def rounded(summary: dict[str, float | None], digits: int = 4) -> dict[str, float | None]:
    return {k: (round(v, digits) if v is not None else None) for k, v in summary.items()}
