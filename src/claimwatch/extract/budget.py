"""A per-document time budget for extraction.

Every stage is linear in the length of its input, but a 10 MB text still takes minutes,
and an input nobody foresaw may still hit a slow path. The extractor sets a deadline for
each document; the stages call ``check_budget`` between steps (per sentence, per figure),
and a document that runs past it is skipped with a reason naming the stage, instead of
holding the batch. A context variable carries the deadline, so the stages need no extra
argument and threads or worker processes each keep their own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ..errors import ClaimwatchError

DEFAULT_BUDGET_S = 120.0


class BudgetExceeded(ClaimwatchError):
    """A document's extraction ran past its time budget."""


@dataclass(frozen=True)
class _Deadline:
    at: float  # time.monotonic() value
    seconds: float


_deadline: ContextVar[_Deadline | None] = ContextVar("claimwatch_extract_deadline", default=None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the body under a deadline ``seconds`` from now (None or <= 0: no deadline)."""
    token = _deadline.set(_Deadline(time.monotonic() + seconds, seconds) if seconds and seconds > 0 else None)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_budget(stage: str) -> None:
    """Raise ``BudgetExceeded`` when the current document is past its deadline."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline.at:
        raise BudgetExceeded(
            f"extraction ran past its {deadline.seconds:g} s budget per document (in stage {stage}); "
            "raise --time-budget to extract it"
        )
