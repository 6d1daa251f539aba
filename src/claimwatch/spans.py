"""Offset lookups shared by every stage: which sentence holds an offset, which spans
start in a range, whether an offset lies inside any of a set of spans.

Each is a binary search over spans sorted once, so a stage that asks once per figure
or per time expression stays O(n log n) in document length instead of O(n^2).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class SortedSpans(Generic[T]):
    """Items with a start and an end offset, sorted by start."""

    def __init__(self, items: Sequence[T], start: Callable[[T], int], end: Callable[[T], int]) -> None:
        self.items = sorted(items, key=start)
        self._starts = [start(x) for x in self.items]
        self._end = end
        # the largest end among the first i items: an item ending after an offset may
        # start anywhere before it, so containment walks back only while this allows
        self._max_end: list[int] = []
        best = -1
        for x in self.items:
            best = max(best, end(x))
            self._max_end.append(best)

    def __len__(self) -> int:
        return len(self.items)

    def starting_in(self, lo: int, hi: int) -> list[T]:
        """Items whose start is in ``[lo, hi)``, in start order."""
        return self.items[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]

    def containing(self, offset: int) -> list[T]:
        """Items with ``start <= offset < end``."""
        found = []
        i = bisect_right(self._starts, offset) - 1
        while i >= 0 and self._max_end[i] > offset:
            if self._end(self.items[i]) > offset:
                found.append(self.items[i])
            i -= 1
        return found

    def overlapping(self, lo: int, hi: int) -> list[T]:
        """Items with ``start < hi`` and ``end > lo``, in start order."""
        found = []
        i = bisect_left(self._starts, hi) - 1
        while i >= 0 and self._max_end[i] > lo:
            if self._end(self.items[i]) > lo:
                found.append(self.items[i])
            i -= 1
        found.reverse()
        return found

    def first_containing(self, offset: int) -> int | None:
        """Index (in start order) of the item holding ``offset`` when items do not
        overlap (sentences); None when it falls between them."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._end(self.items[i]):
            return i
        return None
