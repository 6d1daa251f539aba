"""What a numeral is when it measures nothing: an ordered table of named rules.

A date, a year, a time of day, an ordinal, an id or a model name, an age, page chrome:
each is a rule of ``NOT_A_MEASURE`` (a ``Checks`` table: the first rule that says yes
drops the numeral and is traced). Every rule names a way numbers are printed in news
pages of any outlet; the word lists and patterns are in ``claimwatch.lexicon.numbers``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ...lexicon import numbers as lx
from ..rules import Checks, Rule, Trace
from .count_nouns import plural_noun_next
from .numerals import CUR_PREFIX, HEDGE, is_chrome, is_year, naira_prefix, words_after, words_before
from .units import CUR_SUFFIX as _CUR_SUFFIX_AFTER
from .units import GLUED_UNIT, PERCENT_AFTER, SCALE_AFTER, SCALE_GLUED, scale_follows, unit_after

_AGE_BEFORE = re.compile(lx.AGE_BEFORE_RE, re.IGNORECASE)
_ID_BEFORE = re.compile(lx.ID_BEFORE_RE, re.IGNORECASE)
_TIME_AFTER = re.compile(lx.TIME_AFTER_RE, re.IGNORECASE)
_MONTH_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(lx.MONTHS, key=len, reverse=True)) + r")\.?\s?$", re.IGNORECASE
)
_WEEKDAY_PAREN = re.compile(r"(?:" + "|".join(lx.WEEKDAYS) + r")\w*\s*\($", re.IGNORECASE)


@dataclass(frozen=True)
class Numeral:
    """One numeral and the text around it, as the rules read it."""

    text: str
    start: int
    end: int
    value: float
    is_word: bool

    @cached_property
    def raw(self) -> str:
        return self.text[self.start : self.end]

    @cached_property
    def before(self) -> str:
        return self.text[max(0, self.start - 30) : self.start]

    @cached_property
    def after(self) -> str:
        return self.text[self.end : self.end + 30]

    @cached_property
    def prev_word(self) -> str:
        words = words_before(self.text, self.start, 1)
        return words[0].rstrip(".") if words else ""

    @cached_property
    def next_word(self) -> str:
        words = words_after(self.text, self.end, 1)
        return words[0].rstrip(".") if words else ""

    @cached_property
    def currency_before(self) -> bool:
        return CUR_PREFIX.search(self.before[-9:]) is not None

    @cached_property
    def measured_after(self) -> bool:
        """A scale, percent sign, currency or unit follows: the number is a measure."""
        a = self.after
        return bool(
            SCALE_AFTER.match(a) or PERCENT_AFTER.match(a) or _CUR_SUFFIX_AFTER.match(a) or unit_after(a)
        )


def _digits(rule: Callable[[Numeral], bool]) -> Callable[[Numeral], bool]:
    """Rules about how digits are printed never apply to number words."""
    return lambda n: not n.is_word and rule(n)


def _glued_letters_after(n: Numeral) -> bool:
    # "F16", "6S", "13th", "15November" — a glued scale or unit ("5bn", "50km") is a measure
    a = n.after
    return (
        bool(re.match(r"[A-Za-z]", a))
        and not SCALE_GLUED.match(a)
        and not GLUED_UNIT.match(a)
        and not _CUR_SUFFIX_AFTER.match(a)  # "115USD"
        and not re.match(lx.SCALED_CODE_AFTER_RE, a)  # "30MUSD"
    )


def _glued_letters_before(n: Numeral) -> bool:
    return (
        re.search(r"[A-Za-z]\Z", n.before) is not None
        and not n.currency_before
        and not naira_prefix(n.text, n.start, n.end, scale_follows(n.text, n.end))
        and not (n.before.endswith(lx.MANGLED_POUND_PREFIX) and scale_follows(n.text, n.end))
    )


def _second_of_date_pair(n: Numeral) -> bool:
    """The second part of "2023-24" or "May 3-5"; "320-325" stays (a range)."""
    first = re.search(r"(\S+\s+)?(\d+)\s?[-–]\Z", n.before)
    if first is None:
        return False
    first_value = float(first.group(2))
    month_before = (first.group(1) or "").strip().lower().rstrip(".") in lx.MONTHS
    return month_before or is_year(first.group(2), first_value) or first_value >= n.value


def _age_apposition(n: Numeral) -> bool:
    return (
        re.search(r"[A-Z][a-z]+,\s$", n.before) is not None
        and re.match(r",\s", n.after) is not None
        and n.value < 120
        and "." not in n.raw
    )


def _day_before_month(n: Numeral) -> bool:
    # a lower-case month ("on 1 may", in text printed without capitals) after a preposition of time
    month_cased = re.match(r"\s*(?:of\s+)?[A-Z]", n.after) is not None or n.prev_word in lx.DATE_PREPOSITIONS
    return n.next_word in lx.MONTHS and month_cased and n.value <= 31 and not re.match(r"\s+in\s", n.after)


def _first_of_date_pair(n: Numeral) -> bool:
    return re.match(r"[-–]\d", n.after) is not None and (is_year(n.raw, n.value) or n.prev_word in lx.MONTHS)


def _plain_year(n: Numeral) -> bool:
    return (
        is_year(n.raw, n.value)
        and not HEDGE.search(n.before[-24:])
        and not n.currency_before
        and not (SCALE_AFTER.match(n.after) or PERCENT_AFTER.match(n.after) or _CUR_SUFFIX_AFTER.match(n.after))
    )


def _long_id(n: Numeral) -> bool:
    # "10000 bitcoins": ungrouped digits that count a plural noun are a number, not an id
    counted = plural_noun_next(n.text[n.end : n.end + 40], 0)
    return re.fullmatch(r"\d{5,}", n.raw) is not None and not (n.currency_before or n.measured_after or counted)


NOT_A_MEASURE: Checks[Numeral] = Checks(
    "not_a_measure",
    "quantity",
    [
        Rule("not_a_measure.page_chrome", "a number on a metadata or page-chrome line", lambda n: is_chrome(n.text, n.start)),
        Rule("not_a_measure.age_of_group", "'children under five', 'people over 65': an age", lambda n: n.value <= lx.AGE_MAX and bool(_AGE_BEFORE.search(n.before))),
        Rule("not_a_measure.glued_letters_after", "'F16', '13th', '6S': letters glued after the digits", _digits(_glued_letters_after)),
        Rule("not_a_measure.glued_letters_before", "'A320', 'G7': letters glued before the digits", _digits(_glued_letters_before)),
        Rule("not_a_measure.model_name", "'F-16', 'Su-35': a name, a hyphen, digits", _digits(lambda n: re.search(r"[A-Za-z][-‑–]\Z", n.before) is not None)),
        Rule("not_a_measure.time_or_path", "'10:30', '3/2023', 'id/123': a colon or slash around the digits", _digits(lambda n: bool(re.search(r"[:/]\Z", n.before) or re.match(r"[:/]\d", n.after)))),
        Rule("not_a_measure.second_of_date_pair", "'2023-24', 'May 3-5': the second part of a date pair", _digits(_second_of_date_pair)),
        Rule("not_a_measure.persian_script", "digits next to Persian or Arabic script (page chrome)", _digits(lambda n: bool(re.search(r"[\u0600-\u06ff]\s*$", n.before) or re.match(r"\s*[\u0600-\u06ff]", n.after)))),
        Rule("not_a_measure.phone_or_clock", "'+44 ...', '9 a.m.', '14h': a phone prefix or a time of day", _digits(lambda n: bool(re.search(r"\+\s?$", n.before) or _TIME_AFTER.match(n.after)))),
        Rule("not_a_measure.label", "'No. 5', 'Phase 2', 'Article 5': a label or rank word before", _digits(lambda n: bool(_ID_BEFORE.search(n.before[-16:])) and not n.currency_before)),
        Rule("not_a_measure.month_day", "'May 27', 'Jan. 1': a day after a month", _digits(lambda n: bool(_MONTH_BEFORE.search(n.before[-11:])))),
        Rule("not_a_measure.age_apposition", "'Scott, 69, said': an age between commas after a name", _digits(_age_apposition)),
        Rule("not_a_measure.day_month", "'20 February', '1st of July': a day before a month", _digits(_day_before_month)),
        Rule("not_a_measure.weekday_date", "'Tuesday (26)': a date after a weekday", _digits(lambda n: bool(_WEEKDAY_PAREN.search(n.before)))),
        Rule("not_a_measure.first_of_date_pair", "'2023-24', 'August 22-28': the first part of a date pair", _digits(_first_of_date_pair)),
        Rule("not_a_measure.list_marker", "'1) ... 2) ...': a number that labels an item of a list", _digits(lambda n: bool(re.match(r"\s?\)", n.after)) and not re.search(r"\(\s*$", n.before) and n.value < 100)),
        Rule("not_a_measure.year", "a plain four-digit year with no scale, percent or currency", _digits(_plain_year)),
        Rule("not_a_measure.long_id", "five or more ungrouped digits with no unit: an id", _digits(_long_id)),
    ],
    doc="numerals that measure nothing",
)


def not_a_measure(text: str, start: int, end: int, value: float, is_word: bool, trace: Trace | None = None) -> bool:
    """True for dates, years, times, ordinals, ids, model names, ages and page chrome."""
    return NOT_A_MEASURE.holds(Numeral(text, start, end, value, is_word), trace)
