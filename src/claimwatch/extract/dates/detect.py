"""Time expressions in news text: detection, ranges and the public API.

``find_times`` runs the rule patterns of ``claimwatch.lexicon.dates`` over a whole
document, keeps the longest non-overlapping matches, joins "between X and Y" /
"X to Y" into ranges, and hands each expression, in reading order, to the
``Resolver`` of ``resolve.py``, which gives it a TimeML-like ``value``
and a Gregorian interval (``period_start``/``period_end``).
``detect_time_context`` guesses the document's calendar (Persian, fiscal).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from datetime import date, timedelta

from ...calendars import (
    Period,
    add_months,
    day_period,
    decade_period,
    half_period,
    month_period,
    persian_month_bounds,
    quarter_period,
    season_period,
    shift_period_years,
    week_period,
)
from ...lexicon import dates as lex
from ...model import TimeExpression
from .resolve import (
    Cand,
    Res,
    Resolver,
    TimeContext,
    alternation,
    day_number,
    month_number,
)

# --- pattern compilation ---------------------------------------------------


def _month_alternation() -> str:
    names = []
    for name in sorted(lex.MONTHS, key=len, reverse=True):
        names.append(re.escape(name) + (r"\.?" if name in lex.MONTH_ABBREVIATIONS else ""))
    return "(?-i:" + "|".join(names) + ")"


def _build_slots() -> dict[str, str]:
    spoken_tail = alternation(lex.SPOKEN_YEAR_TENS)
    spoken_units = alternation(lex.SPOKEN_YEAR_UNITS)
    slots = {
        "SP": r"[^\S\n]{1,2}",
        "MONTH": _month_alternation(),
        "WD": "(?-i:" + alternation(lex.WEEKDAYS) + ")",
        "PMONTH": "(?-i:" + alternation(lex.PERSIAN_MONTHS) + ")",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"(?:1[89]\d\d|20\d\d)",
        "PYEAR": r"(?:1[34]\d\d)",
        "COUNT": r"(?:\d{1,3}|" + alternation(lex.COUNT_WORDS) + ")",
        "UNIT": alternation(lex.UNITS),
        "UNITS_PL": alternation([u for u in lex.UNITS if u.endswith("s")]),
        "SEASON": alternation(lex.SEASONS),
        "MONTH_ORD": alternation(lex.MONTH_ORDINALS),
        "HEDGE": lex.HEDGE,
        "REF": alternation(lex.REF_WORDS),
        "DAYWORD": alternation(lex.DAY_WORDS),
        "EARLIER": alternation(lex.YEAR_EARLIER_PHRASES),
        "DECADEW": r"(?:the{SP})?(?:" + alternation(lex.DECADE_WORDS) + ")",
        "SPOKEN": r"(?:" + alternation(lex.SPOKEN_CENTURIES) + r")[- ](?:" + spoken_tail + r")(?:[- ](?:"
        + spoken_units + "))?",
    }
    # Composite slots are themselves templates over the basic ones.
    slots["YEARISH"] = lex.YEARISH
    slots["ENDED"] = lex.ENDED_TAIL
    slots["FISCAL_TAIL"] = lex.FISCAL_TAIL
    return slots


def _expand(template: str, slots: dict[str, str]) -> str:
    for _ in range(4):  # composite slots hold further slots
        template = re.sub(r"\{([A-Z_]+)\}", lambda m: slots[m.group(1)], template)
    return template.replace("{{", "{").replace("}}", "}")


def _compile_rules() -> list[tuple[str, re.Pattern[str]]]:
    slots = _build_slots()
    return [(name, re.compile(_expand(template, slots), re.IGNORECASE)) for name, template in lex.RULE_PATTERNS]


def _compile_plain(template: str) -> re.Pattern[str]:
    return re.compile(_expand(template, _build_slots()), re.IGNORECASE)


_RULES = _compile_rules()
_RULE_ORDER = {name: i for i, (name, _) in enumerate(_RULES)}
_RANGE_CONNECTOR = _compile_plain(lex.RANGE_CONNECTOR)
_RANGE_OPENER = _compile_plain(lex.RANGE_OPENER)
_TRIGGER_TOKEN = re.compile(lex.TRIGGER_TOKEN)
_ALL_CLASSES = frozenset(c for classes in lex.RULE_TRIGGERS.values() for c in classes)
_OPEN_END_BEFORE = _compile_plain(lex.OPEN_END_BEFORE)
_OPEN_START_BEFORE = _compile_plain(lex.OPEN_START_BEFORE)
_OVER_BASELINE = _compile_plain(lex.OVER_BASELINE)
_OPEN_FROM_BEFORE = _compile_plain(lex.OPEN_FROM_BEFORE)
_OPEN_END_BEFORE_PART = _compile_plain(lex.OPEN_END_BEFORE_PART)
_OPEN_CLAUSE_BEFORE = _compile_plain(lex.OPEN_CLAUSE_BEFORE)
_POSSESSIVE_EVENT = re.compile(r"['’]s[^\S\n]{1,2}[a-z][a-z-]+\b")
_BASELINE_CUE = re.compile(r"(?:^|\b)(?P<cue>" + alternation(lex.BASELINE_CUES) + r")[^\S\n]{1,2}"
                           r"(?:(?:the|that|those)[^\S\n]{1,2}(?:of[^\S\n]{1,2})?)?$", re.IGNORECASE)


# --- context detection -------------------------------------------------------

_IRAN_WEAK = re.compile(r"\b(?:" + alternation(lex.IRAN_CUES) + r")\b")
_PERSIAN_YEAR_START = re.compile(lex.PERSIAN_YEAR_START)
_IRAN_STRONG = re.compile(r"\b(?:" + alternation(lex.IRAN_STRONG_CUES) + r")\b")
_INDIA = re.compile(r"(?:\b(?:" + alternation(lex.INDIA_CUES) + r")\b|₹)")
_PAKISTAN = re.compile(r"\b(?:" + alternation(lex.PAKISTAN_CUES) + r")\b")
_FISCAL_ENDING = _compile_plain(
    r"\b(?:" + lex.FISCAL_WORDS + r"|(?:fiscal|financial|budget)(?:{SP}year)?{SP}{YEAR}(?:\s?[-–/]\s?\d{{2,4}})?,?)"
    r"[^\S\n]{1,2}(?:ending|ended|that ended|which ended|ends|to)[^\S\n]{1,2}"
    r"(?:on[^\S\n]{1,2})?(?P<mon>{MONTH})(?:[^\S\n]{1,2}(?P<d>{DAY})\b|[^\S\n]{1,2}(?P<y>\d{{4}})\b)"
)
_FISCAL_STARTING = _compile_plain(
    r"\b" + lex.FISCAL_WORDS + r"[^\S\n]{1,2}(?:\([^\S\n]?)?(?:starting|started|beginning|begins|began|"
    r"which began|which begins|that began|that begins|from)[^\S\n]{1,2}(?:on[^\S\n]{1,2})?(?P<mon>{MONTH})"
    r"[^\S\n]{1,2}(?P<d>{DAY})\b"
)
_FISCAL_PAIR = _compile_plain(lex.FISCAL_PAIR)
_COUNTRY_CUES = {country: re.compile(r"\b(?:" + alternation(cues) + r")(?!\w)")
                 for country, cues in lex.COUNTRY_FISCAL_CUES.items()}


def detect_time_context(text: str) -> TimeContext:
    """Guess the document's calendar from cue words (see ``claimwatch.lexicon.dates``).

    Iranian context: one strong cue (IRNA, "Persian calendar", a Persian month) or
    several mentions of Iran/Tehran. Fiscal start: stated ("fiscal year ending
    June 30" -> July 1), or implied by "financial year 2023-24" with Indian
    (April 1) or Pakistani (July 1) cues.
    """
    strong = _IRAN_STRONG.search(text) is not None
    weak = len(_IRAN_WEAK.findall(text))
    # a year counted from March 21 ("from March 21 to May 21") is the Persian year
    year_starts = len(_PERSIAN_YEAR_START.findall(text))
    persian = strong or weak >= lex.IRAN_CUE_THRESHOLD or year_starts >= 2 or (year_starts >= 1 and weak >= 1)
    fiscal_start: tuple[int, int] | None = None
    ending = _FISCAL_ENDING.search(text)
    if ending:
        month = month_number(ending.group("mon"))
        if ending.group("d"):
            next_day = date(2001, month, day_number(ending.group("d"))) + timedelta(days=1)
        else:  # "the fiscal year ending March 2025": the month's last day
            next_day = date(2001 + month // 12, month % 12 + 1, 1)
        fiscal_start = (next_day.month, next_day.day)
    else:
        starting = _FISCAL_STARTING.search(text)
        if starting:
            fiscal_start = (month_number(starting.group("mon")), day_number(starting.group("d")))
        elif _FISCAL_PAIR.search(text):
            fiscal_start = _country_fiscal_start(text)
        elif _consecutive_split_year(text):
            # South Asian outlets write the fiscal year bare ("Rs 21,083 crore in 2023-24")
            fiscal_start = _country_fiscal_start(text, lex.BARE_SPLIT_YEAR_COUNTRIES)
    if persian and fiscal_start is not None and fiscal_start[0] == 3 and fiscal_start[1] >= 20:
        fiscal_start = None  # Iranian fiscal years are Persian years; handled by the persian flag
    return TimeContext(persian=persian, fiscal_start=fiscal_start)


def _country_fiscal_start(text: str, only: Collection[str] | None = None) -> tuple[int, int] | None:
    """The fiscal start of the country the text names most (India, then Pakistan, first on
    ties); None when no country with a known fiscal year is named (or the one named most
    is not among ``only``)."""
    counts = {"india": len(_INDIA.findall(text)), "pakistan": len(_PAKISTAN.findall(text))}
    counts.update({country: len(pattern.findall(text)) for country, pattern in _COUNTRY_CUES.items()})
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] != "india", kv[0] != "pakistan"))
    country, count = ranked[0]
    if not count or (only is not None and country not in only):
        return None
    return lex.COUNTRY_FISCAL_START[country]


_SPLIT_YEAR = re.compile(r"(?<![\d/–-])\b(20\d\d)[-–](\d\d)\b(?![-–/\d])")


def _consecutive_split_year(text: str) -> bool:
    """A bare year pair of consecutive years ("2023-24"): a fiscal year where the country's
    outlets write it so."""
    if _OTHER_SPLIT_YEARS.search(text):
        return False  # crop, marketing, academic years and seasons are split years too
    return any(int(m.group(2)) == (int(m.group(1)) + 1) % 100 for m in _SPLIT_YEAR.finditer(text))


_OTHER_SPLIT_YEARS = re.compile(r"\b(?:" + "|".join(lex.OTHER_SPLIT_YEAR_WORDS) + r")\b", re.IGNORECASE)


def _build_trigger_table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    cased: dict[str, tuple[str, ...]] = {}
    for name in lex.MONTHS:
        cased[name] = ("month",)
    for name in lex.WEEKDAYS:
        cased[name] = ("weekday",)
    for name in lex.PERSIAN_MONTHS:
        cased[name] = ("pmonth",)
    lower: dict[str, tuple[str, ...]] = {}
    for cls, words in lex.TRIGGER_WORDS.items():
        for word in words:
            lower[word] = (*lower.get(word, ()), cls)
    return cased, lower


_CASED_TRIGGERS, _LOWER_TRIGGERS = _build_trigger_table()
_QH_TOKEN = re.compile(r"[QH][1-4]\d*|FY\d*")


def _trigger_classes(token: str) -> tuple[str, ...]:
    """The trigger classes of one word token."""
    classes = _CASED_TRIGGERS.get(token)
    if classes is not None:
        return classes
    first = token[0]
    if first.isdigit() or first in "'’":
        if token[-1] == "s":
            return ("decade",) if token.strip("'’s").endswith("0") else ()
        if len(token) == 4 and "1300" <= token <= "2099":
            return ("year4",)
        return ()
    if first in "QHF" and _QH_TOKEN.fullmatch(token):
        return ("qh",)
    return _LOWER_TRIGGERS.get(token.lower(), ())


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per trigger class, the merged spans of text around its triggers."""
    out: dict[str, list[tuple[int, int]]] = {cls: [] for cls in _ALL_CLASSES}
    for m in _TRIGGER_TOKEN.finditer(text):
        classes = _trigger_classes(m.group(0))
        if not classes:
            continue
        start = max(0, m.start() - lex.TRIGGER_WINDOW_BEFORE)
        end = min(len(text), m.end() + lex.TRIGGER_WINDOW_AFTER)
        for cls in classes:
            spans = out[cls]
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _detect(text: str) -> list[Cand]:
    found: list[Cand] = []
    seen: set[tuple[int, int, str]] = set()
    windows = _windows(text)
    for name, pattern in _RULES:
        classes = lex.RULE_TRIGGERS[name]
        spans = windows[classes[0]] if len(classes) == 1 else _merge([s for c in classes for s in windows[c]])
        for w_start, w_end in spans:
            for m in pattern.finditer(text, w_start, w_end):
                key = (m.start(), m.end(), name)
                if m.end() > m.start() and key not in seen:
                    seen.add(key)
                    found.append(Cand(m.start(), m.end(), name, m))
    # Longest first; on equal length the earlier rule; then keep non-overlapping.
    found.sort(key=lambda c: (-(c.end - c.start), _RULE_ORDER[c.rule], c.start))
    taken: list[Cand] = []
    occupied = bytearray(len(text))  # characters already claimed by a longer candidate
    for cand in found:
        if any(occupied[cand.start : cand.end]):
            continue
        taken.append(cand)
        occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    taken.sort(key=lambda c: c.start)
    return taken



# --- public API -------------------------------------------------------------------


def find_times(text: str, published: date | None, context: TimeContext | None = None) -> list[TimeExpression]:
    """All time expressions in ``text``, normalized; offsets index ``text``.

    ``published`` anchors relative expressions; without it they get value None and
    no interval. ``context`` defaults to ``detect_time_context(text)``.
    """
    ctx = context if context is not None else detect_time_context(text)
    cands = _detect(text)
    resolver = Resolver(text, published, ctx)
    out: list[TimeExpression] = []
    i = 0
    while i < len(cands):
        cand = cands[i]
        merged = _try_range(text, cands, i, resolver)
        if merged is not None:
            expr, consumed = merged
            out.append(expr)
            i += consumed
            continue
        res = resolver.resolve(cand)
        if res is not None:
            start, res = _open_interval(text, cand.start, cand.end, res)
            end = _possessive_event_end(text, cand, res)
            expr = _to_expression(text, start, end, res, resolver)
            out.append(expr)
            if not expr.is_baseline:
                # "up 4% from 2019": the comparison year is not what the text goes on
                # discussing; a later "the quarter"/"the year" refers past it
                resolver.consider_anchor(res)
        i += 1
    return _glosses(text, _windows_compared(text, out))


def _glosses(text: str, times: list[TimeExpression]) -> list[TimeExpression]:
    """ "the 1403 budget (March 2024 - March 2025)", "fiscal 2023 (April 2023 to March 2024)":
    a time in brackets right after another (a word such as "budget" may sit between)
    restates it, in another calendar; the label is what the text names."""
    out = list(times)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if _GLOSS_OPEN.fullmatch(text[a.end : b.start]) and text[b.end : b.end + 3].lstrip().startswith(")"):
            out[k] = replace(b, glosses_previous=True)
    return out


def _windows_compared(text: str, times: list[TimeExpression]) -> list[TimeExpression]:
    """ "grew 17 percent between 2003-07 and 2008-12": two windows of years compared; the
    first is the baseline, the second the period the change is stated for."""
    out = list(times)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if (
            (a.text.lower().startswith("between") or _BETWEEN_BEFORE.search(text[max(0, a.start - 12) : a.start]))
            and text[a.end : b.start].strip().lower() == "and"
            and _spans_years(a)
            and _spans_years(b)
        ):
            out[k] = replace(a, is_baseline=True)
    return out


_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# Between a time and its bracketed gloss: a space, at most one word ("budget"), the bracket.
_GLOSS_OPEN = re.compile(r"\s*(?:[A-Za-z]+\s*)?\(\s*")


def _spans_years(t: TimeExpression) -> bool:
    return _whole_years(t.period_start, t.period_end)


def _period_spans_years(p: Period) -> bool:
    return _whole_years(p.start, p.end)


def _whole_years(start: date | None, end: date | None) -> bool:
    """Two or more whole calendar years ("2003-07")."""
    return (
        start is not None
        and end is not None
        and end.year > start.year
        and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    )


def _possessive_event_end(text: str, cand: Cand, res: Res) -> int:
    """ "Thursday's session", "yesterday's quake": the event noun joins the day, which
    the expression still denotes (a DATE of that day)."""
    if cand.rule not in lex.POSSESSIVE_DAY_RULES or res.period is None:
        return cand.end
    m = _POSSESSIVE_EVENT.match(text, cand.end)
    return m.end() if m else cand.end


def _try_range(text: str, cands: list[Cand], i: int, resolver: Resolver) -> tuple[TimeExpression, int] | None:
    """Join "X to Y", "between X and Y", "from X until Y" into one interval."""
    if i + 1 >= len(cands):
        return None
    left, right = cands[i], cands[i + 1]
    if left.rule in _NO_RANGE_RULES or right.rule in _NO_RANGE_RULES:
        return None
    gap = text[left.end : right.start]
    conn = _RANGE_CONNECTOR.match(gap)
    if not conn:
        return None
    opener = _RANGE_OPENER.search(text[max(0, left.start - 16) : left.start])
    if gap.strip().lower() == lex.RANGE_AND_NEEDS_OPENER and not (opener and opener.group(0).lower().startswith("between")):
        return None
    right_res = resolver.resolve(right)
    if right_res is None or right_res.period is None:
        return None
    hint = right_res.period.start.year if right_res.period.start else None
    left_res = resolver.resolve(left, year_hint=hint)
    if left_res is None or left_res.period is None or left_res.period.start is None:
        return None
    start_date = left_res.period.start
    end_date = right_res.period.end
    if end_date is not None and end_date < start_date:
        return None
    if _period_spans_years(left_res.period) and _period_spans_years(right_res.period):
        return None  # two windows of years are compared, not joined (see _windows_compared)
    begin = left.start - (len(opener.group(0)) if opener else 0)
    persian = resolver.persian_years_between(left_res, right_res)
    if persian is not None:
        res = persian
    else:
        value = f"{start_date.isoformat()}/{end_date.isoformat() if end_date else '..'}"
        res = Res("DATE", value, Period(start_date, end_date, value),
                  calendar=right_res.calendar if right_res.calendar != "gregorian" else left_res.calendar,
                  persian_reading=right_res.persian_reading or left_res.persian_reading,
                  year_explicit=left_res.year_explicit or right_res.year_explicit)
    expr = _to_expression(text, begin, right.end, res, resolver)
    resolver.anchor = res
    return expr, 2


def _open_interval(text: str, start: int, end: int, res: Res) -> tuple[int, Res]:
    """ "until 2026" -> (.., 2026-12-31); "after 2026" -> (2027-01-01, ..); "since March 21"
    -> (March 21, ..): the preposition joins the expression, the value stays that of the
    date itself."""
    if res.type != "DATE" or res.period is None or res.period.start is None or res.period.end is None:
        return start, res
    if text[end : end + 2] in ("'s", "’s"):
        return start, res  # "after Friday's quake": the preposition governs the event, not the day
    before = text[max(0, start - lex.OPEN_LOOKBACK) : start]
    m = _OPEN_END_BEFORE.search(before)
    if m is None and re.match(r"(?:the[^\S\n]{1,2})?end[^\S\n]{1,2}of\b", text[start:end], re.IGNORECASE):
        m = _OPEN_END_BEFORE_PART.search(before)
    if m:
        return start - len(m.group(0)), replace(res, period=Period(None, res.period.end, res.period.value), anchor=False)
    m = _OPEN_FROM_BEFORE.search(before)
    if m:
        return start - len(m.group(0)), replace(res, period=Period(res.period.start, None, res.period.value),
                                                anchor=False)
    m = _OPEN_START_BEFORE.search(before)
    if m:
        following = res.period.end + timedelta(days=1)
        return start - len(m.group(0)), replace(res, period=Period(following, None, res.period.value), anchor=False)
    m = _OPEN_CLAUSE_BEFORE.search(text, max(0, start - lex.OPEN_CLAUSE_LOOKBACK), start)
    if m:
        prep = m.group("prep").lower()
        if prep == "since":
            period = Period(res.period.start, None, res.period.value)
        elif prep == "before":
            period = Period(None, res.period.start - timedelta(days=1), res.period.value)
        else:
            period = Period(None, res.period.end, res.period.value)
        return m.start(), replace(res, period=period, anchor=False)
    return start, res


_NO_RANGE_RULES = frozenset({"ref", "duration", "duration_sing", "ago", "earlier", "dayword", "weekend", "the_year"})


def _to_expression(text: str, start: int, end: int, res: Res, resolver: Resolver) -> TimeExpression:
    period = res.period
    return TimeExpression(
        start=start,
        end=end,
        text=text[start:end],
        type=res.type,
        value=res.value,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        calendar=res.calendar,
        persian_reading=res.persian_reading,
        is_baseline=_is_baseline(text, start),
    )


def _is_baseline(text: str, start: int) -> bool:
    """True when a comparison cue ("compared to", "than", "versus") introduces the expression."""
    before = text[max(0, start - 40) : start]
    m = _BASELINE_CUE.search(before)
    if not m:
        return False
    cue = m.group("cue").lower()
    if cue in lex.BASELINE_WEAK_CUES:
        # "up 5% from a year earlier" is a baseline; "from March to June" is a range
        # (ranges are merged before this check, so only relative pasts remain here).
        tail = text[start : start + 40].lower()
        if cue == "over":  # "32% over the previous fiscal"; not "over the past two years"
            return _OVER_BASELINE.match(tail) is not None
        return bool(re.match(r"(?:the[^\S\n]+)?(?:a[^\S\n]+year|last|year|the[^\S\n]+same|the[^\S\n]+previous|"
                             r"the[^\S\n]+corresponding|the[^\S\n]+year)", tail)) and cue == "from"
    return True


__all__ = ["TimeContext", "detect_time_context", "find_times", "add_months", "day_period", "decade_period",
           "half_period", "month_period", "quarter_period", "season_period", "shift_period_years",
           "week_period", "persian_month_bounds"]
