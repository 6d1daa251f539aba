"""Resolution of detected time expressions: TimeML values and Gregorian intervals.

``Resolver`` reads the candidates found by ``detect.py`` in text order and turns each
into a value and an interval. Three things need more than the expression itself:

* the publication date (news convention: "on Saturday" is the latest Saturday on
  or before it; "last year" is the year before it). Without it, relative
  expressions stay unresolved: value None, no interval.
* the document's calendar (``TimeContext``): in an Iranian context "last year"
  means the previous Persian year, and fiscal years start on a known day.
* the discourse: "a year earlier", "the quarter", "the same year" refer to the
  period the text was just talking about (the anchor), not to the publication date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ...calendars import (
    CalendarFrame,
    Period,
    Res,
    TimeContext,
    add_months,
    century_period,
    day_period,
    decade_period,
    half_period,
    interval_period,
    is_persian_month_end,
    month_period,
    persian_month_bounds,
    persian_month_of,
    persian_year_bounds,
    persian_year_of,
    season_period,
    week_period,
    weekend_period,
    year_period,
)
from ...calendars import pair as _pair
from ...lexicon import dates as lex

__all__ = ["Cand", "Res", "Resolver", "TimeContext", "alternation", "day_number", "month_number"]

# A fiscal year stated as over: "the fiscal year ended June 30", "the financial year to March".
_PAST_END = re.compile(r"\b(?:ended|to)\b", re.IGNORECASE)
_FISCAL_WORD = re.compile(r"\b(?:fiscal|financial)\b", re.IGNORECASE)


def alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first so that prefixes do not win."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"[^\S\n]{1,2}") for w in items)


def month_number(word: str) -> int:
    """The number of a month name or abbreviation ("Sept." -> 9)."""
    return lex.MONTHS[word.rstrip(".").strip().capitalize() if word[:1].isupper() else word.rstrip(".")]


def day_number(word: str) -> int:
    """The day of month in "21st", "3"."""
    return int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]


@dataclass
class Cand:
    """A rule match found by ``detect.py``, before resolution."""

    start: int
    end: int
    rule: str
    match: re.Match[str]


# --- the resolver --------------------------------------------------------------


class Resolver(CalendarFrame):
    """Resolves candidates in reading order (one ``_r_<rule>`` per rule of the lexicon),
    on top of the calendar and discourse state of ``CalendarFrame``."""

    # ----- dispatch
    def resolve(self, cand: Cand, year_hint: int | None = None) -> Res | None:
        handler = getattr(self, "_r_" + cand.rule)
        res: Res | None = handler(cand.match, cand.start, year_hint)
        return res


    # ----- rule resolvers: one per rule name in lexicon.RULE_PATTERNS -----------
    # Each takes the match, its start offset and an optional year hint (from the
    # other end of a range) and returns a resolution or None (not a time expression).

    def _r_iso_date(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        try:
            d = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        return Res("DATE", d.isoformat(), day_period(d), year_explicit=True)

    def _day_of_month(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        month = month_number(m["mon"])
        day = day_number(m["d"])
        explicit = bool(m["y"])
        if m["y"]:
            year: int | None = int(m["y"])
        elif m["yrel"] and self.pub is not None:
            year = self.pub.year + lex.SHIFT_WORDS.get(m["yrel"].lower(), 0)
        elif hint is not None:
            year, explicit = hint, True
        elif self.pub is not None:
            # "will take effect on January 1": a coming day, however far ahead
            year = self.next_year_of(month, day) if self.deadline_before(pos) else self.nearest_year(month, day)
        else:
            year = self.sentence_year(pos)
        if year is None:
            return Res("DATE", None, None, anchor=False)
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return Res("DATE", d.isoformat(), day_period(d), year_explicit=explicit, anchor=explicit)

    _r_mdy = _day_of_month
    _r_dmy = _day_of_month

    def _r_range_day(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        month = month_number(m["mon"])
        year = int(m["y"]) if m["y"] else hint if hint is not None else (
            self.nearest_year(month, 1) if self.pub else self.sentence_year(pos))
        if year is None:
            return Res("DATE", None, None, anchor=False)
        try:
            start, end = date(year, month, day_number(m["d1"])), date(year, month, day_number(m["d2"]))
        except ValueError:
            return None
        if end < start:
            return None
        return Res("DATE", interval_period(start, end).value, interval_period(start, end), year_explicit=bool(m["y"]))

    def _r_month_year(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        p = month_period(int(m["y"]), month_number(m["mon"]))
        return Res("DATE", p.value, p, year_explicit=True)

    def _r_month_rel(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        year = self.pub.year + lex.SHIFT_WORDS.get(m["yrel"].lower(), 0)
        p = month_period(year, month_number(m["mon"]))
        return Res("DATE", p.value, p)

    def _r_month_alone(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        word = m["mon"]
        shift = (m["shift"] or "").lower()
        shift = re.sub(r"\s+", " ", shift)
        if len(word.rstrip(".")) <= 3 and not word.endswith(".") and word != "May":
            return None  # "Mar", "Jan" without a full stop alone are too often names
        if word == "May" and not shift and self.previous_word(m.start("mon")) not in lex.MAY_PRECEDERS:
            return None
        if not shift and self.previous_word(m.start("mon")) in ("the", "a"):
            return None  # "the March (rally)" reads as a name more often than a date
        month = month_number(word)
        year_shift = shift if shift in ("last", "next", "this", "this past", "this coming") else None
        if hint is not None:
            year: int | None = hint
        elif year_shift is None and self.deadline_before(pos):
            year = self.next_year_of(month, None)  # "expects to finish by the end of March"
        else:
            year = self.guess_year_for_month(month, pos, year_shift)
        if year is None:
            return Res("DATE", None, None, anchor=False)
        p = month_period(year, month)
        if self.pub is not None and hint is None and year_shift is None:
            return self.open_if_ongoing(Res("DATE", p.value, p, shift=0), pos) if (
                p.start is not None and p.start <= self.pub <= (p.end or self.pub)) else Res("DATE", p.value, p)
        return Res("DATE", p.value, p, year_explicit=hint is not None)

    def _r_month_range(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        m1, m2 = month_number(m["m1"]), month_number(m["m2"])
        if m["y"] and m["y2"]:
            # "July-December (2023-24)": months of a split (fiscal) year
            y1 = int(m["y"])
            start_year = y1 if m1 >= (self.ctx.fiscal_start or (m1, 1))[0] else y1 + 1
        elif m["y"]:
            start_year = int(m["y"])
        elif hint is not None:
            start_year = hint
        elif self.pub is not None:
            # the latest such span already over ("the January-March quarter" in May), or
            # the coming one in a forecast
            end_year = self.next_year_of(m2, None) if self.deadline_before(pos) else self.completed_year_of(m2, None)
            assert end_year is not None
            start_year = end_year if m1 <= m2 else end_year - 1
        else:
            start_year_opt = self.sentence_year(pos)
            if start_year_opt is None:
                return Res("DATE", None, None, anchor=False)
            start_year = start_year_opt
        end_year = start_year if m2 >= m1 else start_year + 1
        if (m["unit"] or "").lower() == "quarter" and m1 % 3 == 1 and m2 == m1 + 2 and not m["y2"]:
            return self.quarter(m2 // 3, start_year, bool(m["y"]))  # "the July-September quarter"
        start = month_period(start_year, m1).start
        end = month_period(end_year, m2).end
        p = interval_period(start, end)
        return Res("DATE", p.value, p, year_explicit=bool(m["y"]))

    def _r_persian_rel(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        if self.pub is None:
            return Res("DATE", None, None, calendar="persian", anchor=False)
        shift = lex.SHIFT_WORDS.get(m["shift"].lower(), 0)
        res = replace(self.persian_year(persian_year_of(self.pub) + shift), year_explicit=False, shift=shift)
        return self.open_if_ongoing(res, pos) if shift == 0 else res

    def _r_persian_year(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        return self.persian_year(int(m["py"]))

    def _r_persian_bare(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        before = self.previous_word(m.start())
        after = self.next_word(m.end("py"))
        if not self.ctx.persian and (before not in lex.PERSIAN_YEAR_STRICT_PRECEDERS or after[:1].islower()):
            # a year 1300..1499 is Persian anywhere, but outside an Iranian context only
            # where it reads as a year ("in 1404,"), not a count ("in 1400 villages")
            return None
        if before not in lex.PERSIAN_YEAR_PRECEDERS and not m.group(0)[len(m["py"]):].strip():
            if before not in ("(", ","):
                return None
        if after and after[0].islower() and after.lower() not in lex.PERSIAN_YEAR_FOLLOWERS:
            return None
        return self.persian_year(int(m["py"]))

    def _r_persian_the_year(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        """ "in the year 1404", "the year 1404, which begins on March 21, 2025"."""
        return self.persian_year(int(m["py"]))

    def _r_persian_month(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        start, end = persian_month_bounds(int(m["py"]), lex.PERSIAN_MONTHS[m["pm"]])
        p = interval_period(start, end)
        return Res("DATE", p.value, p, calendar="persian", year_explicit=True)

    def _r_persian_day(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        month = lex.PERSIAN_MONTHS[m["pm"]]
        if m["py"]:
            py = int(m["py"])
        elif self.pub is not None:
            py = persian_year_of(self.pub)
        else:
            return Res("DATE", None, None, calendar="persian", anchor=False)
        start, _ = persian_month_bounds(py, month)
        d = start + timedelta(days=day_number(m["d"]) - 1)
        return Res("DATE", d.isoformat(), day_period(d), calendar="persian", year_explicit=bool(m["py"]))

    def _r_fiscal_ending(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        month = month_number(m["mon"])
        if m["y"]:
            year = int(m["y"])
        elif _PAST_END.search(m.group(0)):
            # "revenue for the fiscal year ended June 30": reported results, the latest
            # such year already over at publication
            completed = self.completed_year_of(month, day_number(m["d"]) if m["d"] else None)
            if completed is None:
                return None  # no publication date: it only states the calendar
            year = completed
        else:
            return None  # "the fiscal year ending in June": states the calendar (see detect_time_context)
        # "ending March 2025" without a day: the month's last day
        end = date(year, month, day_number(m["d"])) if m["d"] else add_months(date(year, month, 1), 1) - timedelta(days=1)
        start = add_months(end, -12) + timedelta(days=1)
        p = interval_period(start, end)
        return Res("DATE", p.value, p, calendar="fiscal", year_explicit=True)

    def _split_fiscal_year(self, m: re.Match[str], y: int, y2: str | None) -> Res | None:
        """A fiscal year named by its years ("2024", "2023/24"), its bounds taken from a
        stated end or start ("..., which ended on June 30") before the document's calendar."""
        if y2 and not _is_next_year(y, y2):
            return None
        start_year, end_year = (y, y + 1) if y2 else (y - 1, y)
        if m["tmon"]:
            month = month_number(m["tmon"])
            ended = m["tverb"].lower().startswith(("end", "run", "ran"))
            year = int(m["ty"]) if m["ty"] else end_year if ended else start_year
            # "which ended in September": the month's last day (its first for a start)
            day = day_number(m["td"]) if m["td"] else calendar.monthrange(year, month)[1] if ended else 1
            try:
                stated = date(year, month, day)
            except ValueError:
                return None
            if ended:
                first, last = add_months(stated, -12) + timedelta(days=1), stated
            else:
                first, last = stated, add_months(stated, 12) - timedelta(days=1)
            p = interval_period(first, last)
            return Res("DATE", p.value, p, calendar="fiscal", year_explicit=True)
        return self.fiscal_year(None, start_year=y) if y2 else self.fiscal_year(y)

    def _r_fiscal(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        text = m.group(0).lower()
        if m["y"]:
            return self._split_fiscal_year(m, int(m["y"]), m["y2"])
        if "year" not in text and not m["shift"]:
            return None  # "fiscal" alone is an adjective ("fiscal policy")
        if "year" not in text and self.next_word(m.end()).lower() not in ("", ",", ".", ";", ")", "and"):
            return None  # "the previous fiscal deficit"
        shift_word = (m["shift"] or "").lower()
        if not shift_word:
            if self.anchor is not None and self.anchor.calendar in ("fiscal", "persian"):
                return replace(self.anchor, year_explicit=False)
            return None
        shift = lex.SHIFT_WORDS.get(shift_word, -1 if shift_word == "latest" else 0)
        if shift_word in ("previous", "prior", "following") and self.anchor is not None \
                and self.anchor.calendar in ("fiscal", "persian") and self.anchor.period is not None:
            return self.shifted_anchor(shift)
        res = self.fiscal_relative(shift)
        if res is None:
            return Res("DATE", None, None, calendar="fiscal", anchor=False)
        return self.open_if_ongoing(res, pos) if shift == 0 else res

    def _r_fy(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        return self._split_fiscal_year(m, expand_year(m["y"]), m["y2"])

    def _r_quarter_q(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        q = int(m["q"])
        if m["y"]:
            return self.quarter(q, expand_year(m["y"]), True, fiscal="FY" in m.group(0))
        return self.quarter(q, hint if hint is not None else self.quarter_year(q, pos), hint is not None)

    def _r_quarter_yq(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        return self.quarter(int(m["q"]), int(m["y"]), True)

    def _r_quarter_ord(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        q = lex.ORDINALS[m["ord"].lower()]
        det = (m["det"] or "").lower()
        fiscal = bool(m["fis"]) or bool(m["yfis"] and m["yfis"].lower() in ("fiscal", "financial"))
        if m["y0"]:
            return self.quarter(q, int(m["y0"]), True, fiscal)
        year, explicit, _ = self.yearish(m, pos)
        if year is not None:
            return self.quarter(q, year, explicit, fiscal)
        if det.startswith(("next", "last", "this")) and "year" in det and self.pub is not None:
            shift = lex.SHIFT_WORDS[det.split()[0]]
            return self.quarter(q, self.pub.year + shift, False, fiscal)
        if hint is not None:
            return self.quarter(q, hint, True, fiscal)
        return self.quarter(q, self.quarter_year(q, pos), False, fiscal)

    def _r_quarter_rel(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        det = (m["det"] or "").lower()
        shift = re.sub(r"\s+", " ", (m["shift"] or "").lower())
        if m["y0"]:
            # "the 1988 quarter": the quarter under discussion, in that year
            if self.anchor is not None and self.anchor.period is not None and re.search(r"-Q\d", self.anchor.value or ""):
                q = int((self.anchor.value or "")[-1])
                return self.quarter(q, int(m["y0"]), True)
            return None
        if det in ("last", "next") and not shift:
            shift = det
        anchor_q = self.anchor if self.quarter_like(self.anchor) else None
        if shift in ("", "latest", "recent", "most recent", "same", "fiscal") or (shift == "" and det in ("this", "that")):
            if anchor_q is not None:
                return replace(anchor_q, year_explicit=False)
            if self.pub is None:
                return Res("DATE", None, None, anchor=False)
            if shift in ("latest", "recent", "most recent"):
                return self.quarter_containing(add_months(self.pub, -3))
            return self.quarter_containing(self.pub) if det == "this" else (
                self.quarter_containing(add_months(self.pub, -3)))
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        step = {"last": -1, "past": -1, "previous": -1, "current": 0, "next": 1, "coming": 1}.get(shift, 0)
        return self.quarter_containing(add_months(self.pub, 3 * step))

    def _r_half(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        half = 1 if m["ord"].lower() == "first" else 2
        frame = self.year_frame(m, hint, pos)
        if frame is None or frame.period is None or frame.period.start is None:
            return Res("DATE", None, None, anchor=False)
        return self.months_of_frame(frame, 6 * half - 5, 6 * half)

    def _r_half_h(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        half = int(m["h"])
        if m["y"]:
            year: int | None = expand_year(m["y"])
        else:
            year = hint if hint is not None else (self.pub.year if self.pub else self.sentence_year(pos))
        if year is None:
            return Res("DATE", None, None, anchor=False)
        p = half_period(year, half)
        return Res("DATE", p.value, p, year_explicit=bool(m["y"]))

    def _r_months_of(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        n = count_word(m["n"]) if m["n"] else 1
        if n is None or not 1 <= n <= 12:
            return None
        frame = self.year_frame(m, hint, pos)
        if frame is None or frame.period is None or frame.period.start is None:
            return Res("DATE", None, None, anchor=False)
        first = 1 if m["which"].lower() == "first" else 13 - n
        return self.months_of_frame(frame, first, first + n - 1)

    def _r_month_ord(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        month = lex.MONTH_ORDINALS[m["ord"].lower()]
        frame = self.year_frame(m, hint, pos)
        if frame is None or frame.period is None or frame.period.start is None:
            return Res("DATE", None, None, anchor=False)
        return self.months_of_frame(frame, month, month)

    def _r_to_date(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        unit = (m["unit"] or m["unit2"] or "year").lower()
        if unit == "month":
            start = date(self.pub.year, self.pub.month, 1)
            value = f"{self.pub.year:04d}-{self.pub.month:02d}"
        elif self.ctx.persian:
            start = persian_year_bounds(persian_year_of(self.pub))[0]
            value = interval_period(start, self.pub).value
        else:
            start = date(self.pub.year, 1, 1)
            value = str(self.pub.year)
        # open end: the figures run up to publication, not to the end of the year
        return Res("DATE", value, Period(start, None, value), calendar="persian" if self.ctx.persian and unit == "year" else "gregorian")

    def _r_earlier(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        phrase = re.sub(r"\s+", " ", m.group(0).lower())
        whole_year = phrase.endswith(("year", "fiscal", "fiscal year", "financial year")) and "period" not in phrase
        a = self.anchor
        if a is not None and a.period is not None and a.period.start is not None:
            if whole_year:
                if a.calendar in ("fiscal", "persian"):
                    return self.shifted_anchor(-1)
                p = year_period(a.period.start.year - 1)
                return Res("DATE", p.value, p, year_explicit=False)
            return self.shifted_anchor(-1)
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        if "fiscal" in phrase or "financial" in phrase:
            return self.fiscal_relative(-1)
        return self.year_calendar(-1)

    def _r_ago(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        unit = lex.UNITS[m["unit"].lower()]
        n = count_word(m["n"])
        direction = -1 if m["dir"].lower() in ("ago", "earlier", "before") else 1
        if n is None:
            return Res("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None, anchor=False)
        if m["dir"].lower() in ("earlier", "before", "later") and self.anchor is not None and \
                self.anchor.period is not None and self.anchor.period.start is not None and unit in ("Y", "DE"):
            return self.shifted_anchor(direction * n * (10 if unit == "DE" else 1))
        if m["dir"].lower() in ("earlier", "before", "later") and unit == "M" and self.month_like(self.anchor):
            return self.shifted_months(direction * n)
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        if unit == "D":
            return Res("DATE", *_pair(day_period(self.pub + timedelta(days=direction * n))))
        if unit == "W":
            return Res("DATE", *_pair(week_period(self.pub + timedelta(weeks=direction * n))))
        if unit == "M":
            d = add_months(self.pub, direction * n)
            return Res("DATE", *_pair(month_period(d.year, d.month)))
        if unit == "Q":
            return self.quarter_containing(add_months(self.pub, 3 * direction * n))
        years = n * (10 if unit == "DE" else 1)
        return Res("DATE", *_pair(year_period(self.pub.year + direction * years)))

    def _duration(self, m: re.Match[str], n: int | None, unit: str) -> Res:
        letter = "Y" if unit == "DE" else ("M" if unit == "Q" else unit)
        amount = None if n is None else n * (10 if unit == "DE" else 3 if unit == "Q" else 1)
        value = f"P{amount if amount is not None else 'X'}{letter}"
        # A rolling window ("over the past three years") is a length, not a calendar
        # period: figures measured over it have no period (the gold convention too).
        return Res("DURATION", value, None, anchor=False)

    def _r_duration(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        unit = lex.UNITS[m["unit"].lower()]
        n = count_word(m["n"]) if m["n"] else None
        if m["n"] is None and m["shift"].lower() in ("past", "recent"):
            return Res("DATE", "PAST_REF", None, anchor=False)  # "the past years", "recent months"
        if m["n"] is None and m["shift"].lower() in ("next", "coming"):
            return Res("DATE", "FUTURE_REF", None, anchor=False)
        if n is not None and m["shift"].lower() in ("previous", "preceding", "prior") and \
                self.anchor_lasts(n, unit):
            # "in the week to October 13, faster than in the preceding two weeks"
            return self.previous_window(n, unit)
        return self._duration(m, n, unit)

    def _r_duration_sing(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        unit = m["unit"].lower()
        if unit == "century":
            return self._duration(m, 100, "Y")
        return self._duration(m, 1, "DE")

    def _r_rel_unit(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        shift_word = re.sub(r"\s+", " ", m["shift"].lower())
        unit = m["unit"].lower()
        part = (m["part"] or "").lower()
        if shift_word == "following":
            if self.anchor is not None and self.anchor.period is not None and unit == "year":
                return self.shifted_anchor(1)
            return Res("DATE", None, None, anchor=False) if self.pub is None else None
        shift = lex.SHIFT_WORDS.get(shift_word, 0)
        # "over the past year" is a rolling window: TimeML still values it as the last
        # year, but it covers no calendar period (the interval is dropped below)
        rolling = shift_word in ("past", "last") and not part and self.previous_word(m.start()) in \
            lex.ROLLING_PREPOSITIONS
        if shift_word == "next" and unit == "year" and m.group(0).lower().startswith("the") and self.anchor_in_past():
            return self.shifted_anchor(1)  # "fell the next year": the year after the one discussed
        if shift_word == "past" and unit == "year" and self.anchor is None:
            shift = -1
        if shift == 0 and unit == "year" and self.ctx.fiscal_start is not None and _FISCAL_WORD.search(
                self.sentence(pos)):
            res0 = self.fiscal_relative(0)  # "in the next fiscal year from 24 percent this year"
            return self.open_if_ongoing(res0, pos) if res0 is not None else None
        if self.pub is None:
            return Res("DATE", None, None, anchor=False, calendar="persian" if self.ctx.persian and unit == "year" else "gregorian")
        if unit == "year":
            res = self.year_calendar(shift)
            assert res is not None
        elif unit == "month":
            d = add_months(self.pub, shift)
            res = Res("DATE", *_pair(month_period(d.year, d.month)), shift=shift)
        elif unit == "week":
            res = Res("DATE", *_pair(week_period(self.pub + timedelta(weeks=shift))), shift=shift)
        elif unit == "weekend":
            res = Res("DATE", *_pair(weekend_period(self.pub + timedelta(weeks=shift))), shift=shift)
        elif unit == "decade":
            first = (self.pub.year // 10 + shift) * 10
            res = Res("DATE", *_pair(decade_period(first)), shift=shift)
        else:
            res = Res("DATE", *_pair(century_period(self.pub.year // 100 + 1 + shift)), shift=shift)
        res = replace(res, year_explicit=False)
        if rolling:
            return replace(res, period=None, anchor=False)
        if shift == 0 and not part.startswith(("early", "earlier", "the beginning", "the start")):
            res = self.open_if_ongoing(res, pos)
        return res

    def _r_the_year(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        unit = m["unit"].lower()
        nxt = self.next_word(m.end()).lower()
        if nxt in ("of", "in", "when", "that", "after", "before", "ended", "ending", "following", "earlier", "ago"):
            return None  # "the year of ...", "the year when ..." carry their own anchor
        a = self.anchor
        if a is not None and a.period is not None and a.period.start is not None:
            if unit == "year":
                return self.anchor_year()
            if unit == "month" and self.month_like(a):
                return replace(a, year_explicit=False)
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        if unit == "year":
            return self.year_calendar(0)
        if unit == "month":
            return Res("DATE", *_pair(month_period(self.pub.year, self.pub.month)))
        return Res("DATE", *_pair(week_period(self.pub)))

    def _r_year_end(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        return Res("DATE", *_pair(year_period(self.pub.year)), anchor=False)

    def _r_season(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        words = re.findall(r"[a-z]+", m.group(0).lower())
        code = lex.SEASONS[m["season"].lower()]
        if m["season"].lower() == "fall" and not (set(words) & {"last", "next", "this", "the", "early", "late"}):
            return None
        if m["y"]:
            year = int(m["y"]) if m["y"].isdigit() else spoken_year(m["y"])
            if year is None:
                return None
            return Res("DATE", *_pair(season_period(year, code)), year_explicit=True)
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        year = self.pub.year
        if "last" in words or ("past" in words and "this" in words):
            year = year - 1 if season_period(year, code).start > self.pub else year  # type: ignore[operator]
            if "last" in words and season_period(year, code).end >= self.pub:  # type: ignore[operator]
                year -= 1
        elif "next" in words or "coming" in words:
            year = year + 1 if season_period(year, code).start <= self.pub else year  # type: ignore[operator]
        return Res("DATE", *_pair(season_period(year, code)))

    def _r_decade(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        if m["dec"]:
            first = int(m["dec"])
        elif m["dec2"]:
            century = (self.pub.year // 100 * 100) if self.pub else 1900
            first = century + int(m["dec2"])
            if self.pub and first > self.pub.year:
                first -= 100
        else:
            word = re.sub(r"^the\s+", "", m["decw"].lower())
            century = (self.pub.year // 100 * 100) if self.pub else 1900
            first = century + 10 * lex.DECADE_WORDS[word]
            if self.pub and first > self.pub.year:
                first -= 100
        return Res("DATE", *_pair(decade_period(first)), year_explicit=True)

    def _r_century(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        n = int(m["c"])
        if not 1 <= n <= 21:
            return None
        return Res("DATE", *_pair(century_period(n)), anchor=False)

    def _r_spoken_year(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        year = spoken_year(m["spoken"])
        if year is None:
            return None
        return Res("DATE", *_pair(year_period(year)), year_explicit=True)

    def _r_year_range(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        y1, y2 = int(m["y1"]), int(m["y2"])
        joiner = re.search(r"\s?(-|–|to|and|through)\s?", m.group(0)[m.end("y1") - m.start():])
        if joiner and joiner.group(1) == "and" and not m.group(0).lower().startswith("between"):
            return None
        if y2 <= y1:
            return None
        p = interval_period(date(y1, 1, 1), date(y2, 12, 31))
        return Res("DATE", p.value, p, year_explicit=True)

    def _r_year_pair(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        y1, y2 = int(m["y1"]), m["y2"]
        if len(y2) == 2 and not _is_next_year(y1, y2) and not m["tmon"]:
            # "2008-12", "in the period 2003-07": a window of whole years, not a fiscal year
            end = y1 - y1 % 100 + int(y2)
            if end < y1:
                end += 100
            if end - y1 > 1 and end - y1 <= 30:
                p = interval_period(date(y1, 1, 1), date(end, 12, 31))
                return Res("DATE", p.value, p, year_explicit=True)
            return None
        return self._split_fiscal_year(m, y1, y2)

    def _r_window_to(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        """ "the three months to August", "the week to October 13", "the 12 months to March"."""
        unit = lex.UNITS[m["unit"].lower()]
        n = count_word(m["n"]) if m["n"] else 1
        if n is None or unit == "D" or n > 60:
            return None
        month = month_number(m["mon"])
        day = day_number(m["d"]) if m["d"] else None
        # reported data: the latest such window already over at publication
        year = int(m["y"]) if m["y"] else hint if hint is not None else self.completed_year_of(month, day)
        if year is None:
            year = self.sentence_year(pos)
        if year is None:
            return Res("DATE", None, None, anchor=False)
        last = calendar.monthrange(year, month)[1]
        if day is not None and day > last:
            return None
        end = date(year, month, day or last)
        p = self.window_ending(end, n, unit, day is not None)
        if m["conn"].lower() in ("to", "through", "till", "until") or m["conn"].lower().startswith("up"):
            return Res("DATE", p.value, p, year_explicit=bool(m["y"]))
        # "the quarter ended Sept. 30": TimeML values the stated day (the window is its period)
        value = end.isoformat() if day is not None else f"{year:04d}-{month:02d}"
        return Res("DATE", value, Period(p.start, p.end, value), year_explicit=bool(m["y"]))

    def _r_prev_window(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        """ "the previous three-month period": the window before the one under discussion."""
        words = m["n"] or m["n2"]
        unit = lex.UNITS[(m["unit"] or m["unit2"]).lower()]
        n = count_word(words) if words else None
        res = self.previous_window(n, unit if n is not None else None)
        if res is not None:
            return res
        if m["unit2"]:  # "the preceding three months" with nothing before: a length
            return self._duration(m, n, unit)
        return Res("DATE", None, None, anchor=False)

    def _r_same_period_year(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        """ "the same period of 2023": the period under discussion, in 2023."""
        return self.anchor_moved_to_year(int(m["y"]))

    def _r_year(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        y_start = m.start("y")
        before = self.text[max(0, y_start - 4) : y_start].rstrip()
        if before.endswith(lex.NOT_YEAR_PRECEDERS):
            return None
        nxt = self.next_word(m.end())
        if nxt.lower() in lex.NOT_YEAR_FOLLOWERS:
            return None
        year = int(m["y"])
        res = Res("DATE", *_pair(year_period(year)), year_explicit=True)
        # "exports for 2023 already amount to..." in a September 2023 article: to date
        return self.open_if_ongoing(res, pos) if self.to_date_statement(pos) else res

    def _r_weekday(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        target = lex.WEEKDAYS[m["wd"]]
        shift = re.sub(r"\s+", " ", (m["shift"] or "").lower())
        back = (self.pub.weekday() - target) % 7
        if shift in ("next", "this coming", "the following"):
            ahead = (target - self.pub.weekday()) % 7 or 7
            d = self.pub + timedelta(days=ahead)
        elif shift in ("last", "this past", "the previous"):
            d = self.pub - timedelta(days=back or 7)
        elif back and self.will_before(m.start("wd")):
            d = self.pub + timedelta(days=(target - self.pub.weekday()) % 7)
        else:
            d = self.pub - timedelta(days=back)
        return Res("DATE", d.isoformat(), day_period(d), anchor=False)

    def _r_weekend(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        shift = m["shift"].lower()
        step = -1 if shift == "last" else 1 if shift == "next" else 0
        base = self.pub + timedelta(weeks=step)
        if step == 0 and self.pub.weekday() < 5 and not self.will_before(m.start()):
            base = self.pub - timedelta(weeks=1)  # "the weekend" in a weekday report is the one just past
        return Res("DATE", *_pair(weekend_period(base)), anchor=False)

    def _r_dayword(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        if self.pub is None:
            return Res("DATE", None, None, anchor=False)
        offset = lex.DAY_WORDS[re.sub(r"\s+", " ", m["dw"].lower())]
        d = self.pub + timedelta(days=offset)
        return Res("DATE", d.isoformat(), day_period(d), anchor=False)

    def _r_since_then(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        a = self.anchor
        if a is None or a.period is None or a.period.end is None:
            return Res("DATE", "PAST_REF", None, anchor=False)
        start = a.period.end + timedelta(days=1)
        return Res("DATE", start.isoformat(), Period(start, None, start.isoformat()), calendar=a.calendar, anchor=False)

    def _r_month_ending(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        month, day = month_number(m["mon"]), day_number(m["d"])
        year = int(m["y"]) if m["y"] else hint if hint is not None else (
            self.nearest_year(month, day) if self.pub is not None else self.sentence_year(pos))
        if year is None:
            return Res("DATE", None, None, anchor=False)
        try:
            end = date(year, month, day)
        except ValueError:
            return None
        if self.ctx.persian and is_persian_month_end(end):
            py, pm = persian_month_of(end)
            return Res("DATE", *_pair(interval_period(*persian_month_bounds(py, pm))), calendar="persian",
                       year_explicit=bool(m["y"]))
        return Res("DATE", *_pair(interval_period(add_months(end, -1) + timedelta(days=1), end)),
                   year_explicit=bool(m["y"]))

    def _r_persian_ended(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        """ "the Iranian year that ended in March", "..., which begins on March 21"."""
        month = month_number(m["mon"])
        verb = m["verb"].lower()
        ended = verb in ("ended", "ends")
        day = day_number(m["d"]) if m["d"] else (19 if ended else 25)
        if m["y"]:
            year = int(m["y"])
        elif self.pub is not None:
            past = verb in ("ended", "began", "started")
            year = self.pub.year
            if past and date(year, month, min(day, 28)) > self.pub:
                year -= 1
            elif not past and date(year, month, min(day, 28)) < self.pub:
                year += 1
        else:
            return Res("DATE", None, None, calendar="persian", anchor=False)
        try:
            stated = date(year, month, day)
        except ValueError:
            return None
        # "ended March 20, 2024": outlets print Nowruz, the new year's first day, as the end
        return self.persian_year(persian_year_of(stated - timedelta(days=1) if ended else stated))

    def _r_persian_month_alone(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        """ "in Mordad": the Persian month of the year under discussion, else the latest one."""
        if self.previous_word(m.start()) not in lex.PERSIAN_MONTH_PRECEDERS:
            return None
        nxt = self.next_word(m.end())
        if nxt[:1].isupper():
            return None  # "Mehr News", "Bahman Group"
        month = lex.PERSIAN_MONTHS[m["pm"]]
        a = self.anchor
        if a is not None and a.calendar == "persian" and a.period is not None and a.period.start is not None:
            py = persian_year_of(a.period.start)
        elif self.pub is not None:
            py = persian_year_of(self.pub)
            if persian_month_bounds(py, month)[0] > self.pub:
                py -= 1
        else:
            return Res("DATE", None, None, calendar="persian", anchor=False)
        return Res("DATE", *_pair(interval_period(*persian_month_bounds(py, month))), calendar="persian")

    def _r_ref(self, m: re.Match[str], pos: int, hint: int | None) -> Res | None:
        word = re.sub(r"\s+", " ", m["ref"].lower())
        if word in lex.REF_ADJECTIVES:
            nxt = self.next_word(m.end()).lower()
            if nxt in lex.REF_ADJECTIVE_BLOCKERS:
                return None
        if word == "so far" and self.previous_word(m.start()) in ("and",):
            return None
        return Res("DATE", lex.REF_WORDS[word], None, anchor=False)


def _is_next_year(y: int, second: str) -> bool:
    """ "2023/24", "2023-2024": the second year follows the first."""
    return int(second) == (y + 1 if len(second) == 4 else (y + 1) % 100)


def count_word(word: str | None) -> int | None:
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w.isdigit():
        return int(w)
    return lex.COUNT_WORDS.get(w)


def expand_year(text: str) -> int:
    """A two- or four-digit year; two digits are read in 1950..2049."""
    y = int(text)
    if len(text) <= 2:
        return 2000 + y if y < 50 else 1900 + y
    return y


def spoken_year(text: str) -> int | None:
    """ "nineteen ninety-six" -> 1996."""
    words = re.split(r"[\s-]+", text.lower())
    if len(words) < 2 or words[0] not in lex.SPOKEN_CENTURIES:
        return None
    year = lex.SPOKEN_CENTURIES[words[0]] * 100
    rest = 0
    for w in words[1:]:
        if w in lex.SPOKEN_YEAR_TENS:
            rest += lex.SPOKEN_YEAR_TENS[w]
        elif w in lex.SPOKEN_YEAR_UNITS:
            rest += lex.SPOKEN_YEAR_UNITS[w]
        else:
            return None
    return year + rest if rest < 100 else None

