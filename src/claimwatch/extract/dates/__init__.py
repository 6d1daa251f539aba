"""Time expressions: detection (``detect``) and resolution to intervals (``resolve``).

Calendar arithmetic shared with the linkers is in ``claimwatch.calendars``; the
patterns and word lists are data in ``claimwatch.lexicon.dates``.
"""

from .detect import TimeContext, detect_time_context, find_times

__all__ = ["TimeContext", "detect_time_context", "find_times"]
