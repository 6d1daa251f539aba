"""Quantities in news text, and how likely each one is a claim.

``find_quantities`` scans a whole document with regular expressions and the word
lists of ``claimwatch.lexicon.numbers``: it finds numerals (digits or words, fractions,
ratios, multiplier words: see ``numerals.py``), drops what is
not a measure (dates, years, times, ordinals, ids, model names, page chrome), reads
what the number measures (percent, money, multiplier, count noun), and links pairs
("22 to 25%", "10 and 9 billion dollars"). ``claim_worthiness`` then scores each
quantity by how it is used. Offsets are into the text given, which may contain
blanked runs of spaces (excluded metadata): they are simply not matched.
"""

from __future__ import annotations

import math
import re

from ...lexicon import numbers as lx
from ...model import Quantity
from .numerals import (
    CUR_PREFIX,
    HEDGE,
    VALUE_CHANGE_AFTER,
    WORD,
    WORD_NUM_ALT,
    Reading,
    fractions,
    is_chrome,
    is_year,
    local_currency,
    multiplier_words,
    naira_prefix,
    numerals,
    prefix_currency,
    ratios,
    rupee_currency,
    sentence_bounds,
    words_after,
    words_before,
)

# --- compiled patterns (built once from the lexicon) ------------------------

_SCALE_ALT = "|".join(sorted(lx.SCALES, key=len, reverse=True))
_SCALE_AFTER = re.compile(rf"^(\s?-?\s?)({_SCALE_ALT})\b\.?", re.IGNORECASE)
_SCALE_GLUED = re.compile(rf"^({_SCALE_ALT})(?![a-z])", re.IGNORECASE)
_PERCENT = re.compile(rf"^(?:{lx.PERCENT_WORDS_RE})", re.IGNORECASE)
_PERCENT_POINT = re.compile(rf"^(?:{lx.PERCENTAGE_POINT_RE})", re.IGNORECASE)
_BASIS_POINT = re.compile(rf"^(?:{lx.BASIS_POINT_RE})", re.IGNORECASE)
_GLUED_UNIT = re.compile(lx.GLUED_UNITS_RE, re.IGNORECASE)
_RATE_AFTER = re.compile(lx.RATE_AFTER_RE, re.IGNORECASE)
_EXCHANGE_AFTER = re.compile(lx.EXCHANGE_AFTER_RE, re.IGNORECASE)
_SHARE_AFTER = re.compile(lx.SHARE_AFTER_RE, re.IGNORECASE)
_SHARE_BEFORE = re.compile(lx.SHARE_BEFORE_RE, re.IGNORECASE)
_ID_BEFORE = re.compile(lx.ID_BEFORE_RE, re.IGNORECASE)
_TIME_AFTER = re.compile(lx.TIME_AFTER_RE, re.IGNORECASE)
_DESCRIPTOR_BEFORE = re.compile(lx.DESCRIPTOR_BEFORE_RE, re.IGNORECASE)
_BARE_LEAD = re.compile(lx.BARE_COUNT_LEAD_RE, re.IGNORECASE)
_COMPARISON_LEAD = re.compile(lx.COMPARISON_LEAD_RE, re.IGNORECASE)
_PARTITIVE_TOTAL = re.compile(
    rf"(?:\b\d[\d,.]*|\b(?!(?:{'|'.join(lx.PARTITIVE_NOT_NUMERATORS)})\b)(?:{WORD_NUM_ALT}))"
    + lx.PARTITIVE_TOTAL_BEFORE_RE,
    re.IGNORECASE,
)
_LEVEL_LEAD = re.compile(lx.LEVEL_LEAD_RE, re.IGNORECASE)
_AGE_BEFORE = re.compile(lx.AGE_BEFORE_RE, re.IGNORECASE)
_CAPACITY_CUE = re.compile(lx.CAPACITY_CUE_RE, re.IGNORECASE)
_CAPACITY_MODAL = re.compile(lx.CAPACITY_MODAL_RE, re.IGNORECASE)
_NUMBER_OF = re.compile(lx.NUMBER_OF_RE, re.IGNORECASE)
_NOT_PLURAL = ("ss", "ous", "us", "is")
_PHRASE_END = re.compile(lx.PHRASE_END_RE, re.IGNORECASE)
_MONTH_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(lx.MONTHS, key=len, reverse=True)) + r")\.?\s?$", re.IGNORECASE
)


def _suffix_pattern() -> re.Pattern[str]:
    alt = "|".join(
        re.escape(s).replace(r"\ ", r"\s+") for s in sorted(lx.CURRENCY_SUFFIXES, key=len, reverse=True)
    )
    return re.compile(rf"^\s?({alt})\b", re.IGNORECASE)


def _unit_pattern() -> re.Pattern[str]:
    alt = "|".join(
        re.escape(s).replace(r"\ ", r"\s+") for s in sorted(lx.PHYSICAL_UNITS, key=len, reverse=True)
    )
    return re.compile(rf"^\s?(?:of\s+)?({alt})(?![\w/])", re.IGNORECASE)


_CUR_SUFFIX = _suffix_pattern()
_PHYS_UNIT = _unit_pattern()


# --- intermediate readings --------------------------------------------------


# --- small helpers -----------------------------------------------------------


# --- the finder ---------------------------------------------------------------


def _not_a_measure(text: str, start: int, end: int, value: float, is_word: bool) -> bool:
    """True for dates, years, times, ordinals, ids, model names and chrome."""
    raw = text[start:end]
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if is_chrome(text, start):
        return True
    if value <= lx.AGE_MAX and _AGE_BEFORE.search(before):
        return True  # "children under five", "people over 65": an age
    if is_word:
        return False
    # glued to letters: "F16", "6S", "13th", "15November", "the13th" (currency prefixes aside)
    if re.match(r"[A-Za-z]", after) and not _SCALE_GLUED.match(after) and not _GLUED_UNIT.match(after):
        return True
    if (
        re.search(r"[A-Za-z]$", before)
        and not CUR_PREFIX.search(before[-9:])
        and not naira_prefix(text, start, end, _scale_follows(text, end))
    ):
        return True
    if re.search(r"[A-Za-z][-‑–]$", before):  # model names: "F-16", "Su-35", "Shahed-136"
        return True
    if re.search(r"\d/$", before) or re.search(r"[:/]$", before) or re.match(r"[:/]\d", after):
        return True  # times, ids, fractions of dates
    first = re.search(r"(\S+\s+)?(\d+)\s?[-–]$", before)
    if first:  # second part of "320-325": dropped only when the pair is a date or fiscal year
        first_value = float(first.group(2))
        month_before = (first.group(1) or "").strip().lower().rstrip(".") in lx.MONTHS
        if month_before or is_year(first.group(2), first_value) or first_value >= value:
            return True
    if re.search(r"[\u0600-\u06ff]\s*$", before) or re.match(r"\s*[\u0600-\u06ff]", after):
        return True  # Persian/Arabic page chrome ("کد خبر 53805")
    if re.search(r"\+\s?$", before) or _TIME_AFTER.match(after):
        return True
    if _ID_BEFORE.search(before[-16:]) and not CUR_PREFIX.search(before[-9:]):
        return True
    prev_words = words_before(text, start, 1)
    next_words = words_after(text, end, 1)
    if _MONTH_BEFORE.search(before[-11:]):
        return True  # "May 27", "Jan. 1"
    if re.search(r"[A-Z][a-z]+,\s$", before) and re.match(r",\s", after) and value < 120 and "." not in raw:
        return True  # ages: "Scott, 69, said"
    if (
        next_words
        and next_words[0].rstrip(".") in lx.MONTHS
        and re.match(r"\s*(?:of\s+)?[A-Z]", after)
        and value <= 31
    ):
        if not re.match(r"\s+in\s", after):
            return True  # "20 February", "1st of July"
    if re.search(r"(?:" + "|".join(lx.WEEKDAYS) + r")\w*\s*\($", before, re.I):
        return True  # "Tuesday (26)"
    if re.match(r"[-–]\d", after):
        second = re.match(r"[-–](\d+)", after)
        if second and (is_year(raw, value) or (prev_words and prev_words[0].rstrip(".") in lx.MONTHS)):
            return True  # fiscal years "2023-24", date ranges "August 22-28"
    plain = re.fullmatch(r"\d+", raw) is not None
    if is_year(raw, value) and not HEDGE.search(before[-24:]) and not CUR_PREFIX.search(before[-9:]):
        if not (_SCALE_AFTER.match(after) or _PERCENT.match(after) or _CUR_SUFFIX.match(after)):
            return True
    if (
        plain
        and len(raw) >= 5
        and not (_SCALE_AFTER.match(after) or CUR_PREFIX.search(before[-9:]) or _CUR_SUFFIX.match(after))
    ):
        return not _PHYS_UNIT.match(after)  # long ungrouped integers are ids
    return False


def _scale_follows(text: str, end: int) -> bool:
    """A scale word right after a numeral ("450 billion", "450bn")."""
    after = text[end : end + 20]
    m = _SCALE_GLUED.match(after) or _SCALE_AFTER.match(after)
    return m is not None and m.group(m.lastindex or 0).lower() not in lx.SHORT_SCALES - {"m", "b"}


def _read(text: str, start: int, end: int, value: float, is_word: bool) -> Reading | None:
    """Read the unit, scale, currency and hedge around one numeral."""
    r = Reading(start=start, end=end, num_end=end, value=value, is_word=is_word)
    after = text[end : end + 60]
    # scale: "1.5 billion", "$1.2bn", "Rs 5 lakh", "$15.8b."
    m = _SCALE_GLUED.match(after) if not is_word else None
    if m is None:
        m2 = _SCALE_AFTER.match(after)
        if m2 and (m2.group(2).lower() not in lx.SHORT_SCALES):
            m = m2
    if m is not None:
        word = m.group(m.lastindex or 0).lower()
        r.scale = lx.SCALES[word]
        r.scale_given = True
        r.end = r.num_end = end + len(m.group().rstrip("."))
        m2 = _SCALE_AFTER.match(text[r.end : r.end + 20]) if word in lx.COMPOUND_SCALE_FIRST else None
        if m2 and lx.SCALES[m2.group(2).lower()] > r.scale and m2.group(2).lower() not in lx.SHORT_SCALES:
            r.scale *= lx.SCALES[m2.group(2).lower()]  # "1.2 lakh crore"
            r.end = r.num_end = r.end + len(m2.group().rstrip("."))
        # "millions of", "billions of": vague, not a number
        if word.endswith("s") and word in ("millions", "billions", "trillions", "lakhs", "crores"):
            return None
    prefix = prefix_currency(text, start, end, r.scale_given)
    after = text[r.end : r.end + 60]
    if prefix is not None:
        code, prefix_len = prefix
        r.kind, r.unit = "amount", code
        r.start = start - prefix_len
        # short scales are fine right after a currency amount: "$4m", "£3 m"
        if not r.scale_given:
            ms = re.match(r"^\s?(m|b|k|bn|mn)\b\.?", after, re.I)
            if ms:
                r.scale = lx.SCALES[ms.group(1).lower()]
                r.scale_given = True
                r.end = r.num_end = r.end + len(ms.group().rstrip("."))
                after = text[r.end : r.end + 60]
        ms = _CUR_SUFFIX.match(after)  # "$5 billion dollars"
        if ms and lx.CURRENCY_SUFFIXES[ms.group(1).lower()] == code:
            r.end += len(ms.group())
    else:
        if _PERCENT_POINT.match(after):
            r.kind, r.unit = "percent_change", "pp"
            r.end += len(_PERCENT_POINT.match(after).group())  # type: ignore[union-attr]
        elif (bp := _BASIS_POINT.match(after)) is not None and not re.match(r"\s+BP\b", after):
            r.kind, r.unit = "percent_change", "bp"
            r.end += len(bp.group())
        elif (pct := _PERCENT.match(after)) is not None:
            r.kind, r.unit = "percent_share", "%"
            r.end += len(pct.group())
        elif (rate := _RATE_AFTER.match(after)) is not None:
            r.kind, r.unit = "count", re.sub(r"\s+", " ", rate.group().strip())
            r.end += len(rate.group())
        elif _EXCHANGE_AFTER.match(after) and (local := local_currency(text, start)) is not None:
            r.kind, r.unit = "amount", local  # an exchange rate: so much local money per dollar
        elif (cs := _CUR_SUFFIX.match(after)) is not None:
            word = re.sub(r"\s+", " ", cs.group(1).lower())
            grouped = "," in text[start:end] or r.scale_given
            if word not in lx.AMBIGUOUS_CURRENCY_SUFFIXES or grouped:
                r.kind, r.unit = "amount", lx.CURRENCY_SUFFIXES[word]
                r.scale *= lx.CURRENCY_FACTORS.get(word, 1.0)
                r.end += len(cs.group())
                mu = re.match(r"^\s+(USD|EUR|U\.S\.\s+dollars)\b", text[r.end : r.end + 20])
                if mu:  # "crore rupees" then nothing; "1 bln USD" handled as suffix already
                    r.end += len(mu.group())
        elif re.match(r"^\s?(?:-\s?)?(?:times|fold)\b", after, re.I):
            mt = re.match(r"^\s?(?:-\s?)?(times|fold)\b", after, re.I)
            assert mt is not None
            r.end += len(mt.group())
            r.kind, r.unit = "multiplier", "x"
            r.times = mt.group(1).lower() == "times"
        elif (pu := _PHYS_UNIT.match(after)) is not None:
            key = re.sub(r"\s+", " ", pu.group(1).lower())
            r.kind, r.unit = "count", lx.PHYSICAL_UNITS[key]
            r.scale *= lx.UNIT_BUILTIN_SCALE.get(key, 1.0)
            r.end += len(pu.group())
            # "2.106 million barrels" said after "per day" figures keeps its plain unit
            mpd = re.match(r"^\s+(?:per|a)\s+day\b", text[r.end : r.end + 12], re.I)
            if mpd and "per day" not in r.unit:
                r.unit += " per day"
                r.end += len(mpd.group())
        else:
            _read_count_noun(text, r, after)
            rate = _RATE_AFTER.match(text[r.end : r.end + 60]) if r.kind == "count" else None
            if rate:  # "12 deaths per 1,000 live births": one rate, not two counts
                r.unit += " " + re.sub(r"\s+", " ", rate.group().strip())
                r.end += len(rate.group())
    # hedge before (currency) number
    hb = HEDGE.search(text[max(0, r.start - 30) : r.start])
    if hb:
        r.hedge = re.sub(r"\s+", " ", hb.group(1).lower())
        r.start -= len(hb.group())
        r.change = lx.HEDGES[r.hedge]
    return r


_IRREGULAR_PLURALS = frozenset(
    {
        "people",
        "personnel",
        "police",
        "children",
        "men",
        "women",
        "staff",
        "troops",
        "cattle",
        "livestock",
        "fish",
        "sheep",
    }
)
# a number word ends the noun phrase: "3,000 five years ago" is not "3,000 years"
_COUNT_STOP = (
    lx.NOT_COUNT_NOUNS
    | lx.CASUALTY_WORDS
    | {"died", "said", "told", "came", "went", "made", "took", "left"}
    | set(lx.UNIT_WORDS)
    | set(lx.TENS_WORDS)
)


# a lower-case word that can be a noun ahead (after a modifier or a conjunction)
_NOUN_AHEAD = re.compile(r"\s+(?!(?:of|and|or|to|in|than|the|a|an)\b)[a-z][a-z’'-]+\b")
_PLURAL_AHEAD = re.compile(r"\s+(?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]+s\b")


def _plural_noun_next(seg: str, pos: int) -> bool:
    """Whether the next word of ``seg`` after ``pos`` is a plural noun (not "is", "class")."""
    m = _NEXT_WORD.match(seg, pos)
    if m is None:
        return False
    w = m.group(1)
    return (
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "ous", "us", "is")) and w not in _COUNT_STOP
    )


_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")


def _read_count_noun(text: str, r: Reading, after: str) -> None:
    """A count noun after the number: "three satellites", "3,408 people injured"."""
    if re.search(r"magnitude\s+(?:of\s+)?$", text[max(0, r.start - 40) : r.start], re.I):
        r.kind, r.unit, r.low = "count", "magnitude", True
        return
    hyph = re.match(r"^[-‑]([A-Za-z]+(?:-[A-Za-z]+)*)", after)
    if hyph:  # compounds: "7.7-magnitude", "30-year-long", "million-barrel cut", "three-fold"
        first = hyph.group(1).split("-")[0].lower()
        if first in lx.TIME_NOUNS or first in lx.AGE_WORDS or hyph.group(1).lower() in lx.AGE_WORDS:
            r.kind = "duration"
            return
        if first in lx.MAGNITUDE_NOUNS:
            r.kind, r.unit, r.low = "count", "magnitude", True
            r.end += len(hyph.group())
            return
        if first in ("digit", "digits", "point", "member", "way", "party", "nation", "story", "page"):
            r.kind = "duration" if first != "member" else None
            if first != "member":
                return
        r.kind, r.unit = "count", first + ("" if first.endswith("s") else "s")
        r.low = r.value * r.scale < 1000
        r.end += len(hyph.group())
        return
    if not float(_tidy(r.value * r.scale)).is_integer():
        return  # "6.4 hit": things are counted in whole numbers; leave it bare
    words: list[tuple[str, int]] = []
    pos = 0
    seg = after
    for m in re.finditer(r"[\s“”\"‘’']*([A-Za-z][A-Za-z’'-]*)([\s“”\"‘’']*,)?", seg):
        if m.start() != pos:
            break
        w = m.group(1)
        low_w = w.lower()
        if not words and low_w in lx.COUNT_MODIFIERS and _NOUN_AHEAD.match(seg, m.end()):
            pos = m.end()  # "14 new export contracts": the modifier is not the noun
            continue
        if words and low_w in lx.COUNT_NOUN_CONJUNCTIONS and _PLURAL_AHEAD.match(seg, m.end()):
            pos = m.end()  # "11 air defense and radar systems"
            continue
        if low_w in lx.NOT_COUNT_NOUNS or (words and low_w in _COUNT_STOP):
            break  # casualty words end a noun phrase but can head one ("61 fatalities")
        if not words and low_w in _COUNT_STOP - lx.CASUALTY_WORDS:
            break
        words.append((w, m.end(1)))
        pos = m.end()
        if m.group(2) and (w.lower().endswith("s") or len(words) >= 1 and w[0].isupper()):
            break
        if len(words) >= 4 or (w.lower().endswith("s") and len(w) > 3) or w.lower() in _IRREGULAR_PLURALS:
            if len(words) < 4 and _plural_noun_next(seg, m.end()):
                continue  # a plural modifier of a plural head: "measles cases", "arms sales"
            break
    if not words:
        return
    if words[0][0].lower() in lx.TIME_NOUNS:
        r.kind = "duration"
        return
    if words[0][0].lower() in lx.MAGNITUDE_NOUNS:
        r.kind, r.unit, r.low = "count", "magnitude", True
        r.end += words[0][1]
        return
    plural = [
        (w.lower().endswith("s") and len(w) > 3 and not w.lower().endswith("ous"))
        or w.lower() in _IRREGULAR_PLURALS
        for w, _ in words
    ]
    head_i = next((i for i, p in enumerate(plural) if p), len(words) - 1)
    while head_i + 1 < len(words) and plural[head_i + 1]:
        head_i += 1  # the last of a run of plurals heads it
    head = words[head_i][0]
    if head.lower() in lx.TIME_NOUNS:
        r.kind = "duration"
        return
    # a capitalized single word after a small number is a name or label ("Phase 2 Abadan")
    if (head[0].isupper() and head_i == 0 and not head.lower().endswith("s")) or (
        head.isupper() and len(head) > 1
    ):
        return
    r.kind, r.unit = "count", head
    r.end += words[head_i][1]


def _link(text: str, readings: list[Reading]) -> None:
    """Ranges and coordinations between neighbours: "22 to 25%", "10 and 9 billion dollars"."""
    for a, b in zip(readings, readings[1:], strict=False):
        if a.consumed or b.consumed:
            continue
        gap = text[a.num_end if a.kind is None else a.end : b.start]
        gap_b = text[a.end : b.start]
        conn = re.fullmatch(r"\s*(to|and|or|-|–|—)\s*", gap) or re.fullmatch(r"\s*(to|and|or|-|–)\s*", gap_b)
        if not conn:
            continue
        word = conn.group(1)
        words_a = words_before(text, a.start, 2)
        before_a = " ".join(words_a)
        # "from X to Y" and "by X to Y" are a change and a new level, not a range,
        # unless a range verb governs it ("ranged from 1.3 to 1.5 million bpd")
        ranged = len(words_a) == 2 and words_a[0] in lx.RANGE_VERBS and words_a[1] == "from" and word == "to"
        from_a = before_a.endswith(("from", "by")) and not ranged
        between = before_a.endswith("between") and word == "and"
        if a.kind is None and b.kind not in (None, "duration"):
            scale = a.scale if a.scale_given else b.scale
            alternatives = word == "or" and a.value * scale < b.value * b.scale and not from_a
            if word in ("to", "-", "–", "—") or between or alternatives:  # "17 or 18 percent"
                if before_a.endswith("from") and not ranged:
                    continue
                lo, hi = a.value * scale, b.value * b.scale
                if lo >= hi:
                    continue
                b.consumed = True
                a.kind, a.unit, a.times = b.kind, b.unit, b.times
                a.value, a.scale, a.value_high = lo, 1.0, hi
                a.end = b.end
                a.hedge = a.hedge or b.hedge
                a.change = a.change or b.change
            else:  # "10 and 9 billion dollars": a takes b's unit and scale
                a.kind, a.unit, a.times = b.kind, b.unit, b.times
                if not a.scale_given:
                    a.scale = b.scale
        elif a.kind is not None and a.kind == b.kind and a.unit == b.unit and a.kind != "duration":
            if (word in ("to", "-", "–", "—", "or") and not from_a) or between:
                lo, hi = a.value * a.scale, b.value * b.scale
                if lo < hi and (ranged or not re.search(r"\bfrom\b", text[max(0, a.start - 12) : a.start])):
                    b.consumed = True
                    a.value, a.scale, a.value_high = lo, 1.0, hi
                    a.end = b.end


def _percent_kind(text: str, r: Reading, previous: Reading | None) -> None:
    """Decide change vs share for a percent and set the sign of a change."""
    if r.unit == "pp":
        kind = "percent_change"
    else:
        kind = None
        after = text[r.end : r.end + 40]
        before = text[max(0, r.start - 60) : r.start]
        w_after = words_after(text, r.end, 2)
        w_before = words_before(text, r.start, 4)
        if VALUE_CHANGE_AFTER.match(after) and w_before and w_before[-1] in lx.VALUE_CHANGE_VERBS:
            kind = "percent_change"  # "lost 20 percent of its value"
        elif _SHARE_AFTER.match(after) or _SHARE_BEFORE.search(before):
            kind = "percent_share"
        if kind is None and any(w in lx.CHANGE_CONTEXT_WORDS for w in w_after):
            kind = "percent_change"
        if kind is None and _direction_before(w_before, len(w_before)) is not None:
            kind = "percent_change"  # "Sales slipped 14%", "the stock retreated 3 percent"
        if kind is None and w_before and (w_before[-1] in lx.CHANGE_CONTEXT_WORDS or (w_before[-1] == "by")):
            kind = "percent_change"
        if (
            kind is None
            and w_before
            and w_before[-1] in ("of", "at")
            and len(w_before) > 1
            and w_before[-2] in lx.CHANGE_CONTEXT_WORDS
        ):
            kind = "percent_change"
        s, e = sentence_bounds(text, r.start)
        if (
            kind is None
            and previous is not None
            and s <= previous.start
            and previous.kind in ("percent_share", "percent_change")
        ):
            kind = previous.kind  # lists: "79 percent in West Bengal, 55 percent in ..."
        if kind is None:
            words = [w.lower() for w in WORD.findall(text[s:e])]
            share = any(w in lx.SHARE_CONTEXT_WORDS for w in words)
            change = any(w in lx.CHANGE_CONTEXT_WORDS for w in words)
            kind = "percent_share" if share else "percent_change" if change else "percent_share"
    r.kind = kind
    if kind != "percent_change":
        return
    # direction: the word right after ("4.7% less", "a 60% increase"), else the verb before
    w_after = words_after(text, r.end, 1)
    direction = None
    if w_after and w_after[0] in lx.DOWN_WORDS:
        direction = ("down", w_after[0])
    elif w_after and w_after[0] in lx.UP_WORDS:
        direction = ("up", w_after[0])
    else:
        words = words_before(text, r.start, lx.BY_VERB_REACH + 5)
        left = text[max(0, r.start - 80) : r.start]
        in_clause = len(WORD.findall(left[left.rfind(",") + 1 :])) if "," in left else len(words)
        direction = _direction_before(words, in_clause)
        if direction is None and r.unit in lx.POINT_CHANGE_UNITS:
            direction = _direction_in_clause(words[len(words) - min(in_clause, lx.BY_VERB_REACH) :])
    if direction:
        r.change, r.direction_word = direction
        if direction[0] == "down":
            r.value = -abs(r.value)
            if r.value_high is not None:
                r.value_high = -abs(r.value_high)


def _direction_before(words: list[str], in_clause: int) -> tuple[str, str] | None:
    """The direction verb governing a percent, from the words before it (in order).

    "fell by 3%" and "down 32%" give a direction; "fell to 12%" does not (a new
    level); after "by" the verb may stand past its object ("cut imports by 70%"),
    but not past a comma (the last ``in_clause`` words are after the last comma).
    """
    via_by = False
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w == "from" or w in lx.LEVEL_BEFORE_WORDS:
            return None
        if w in lx.DOWN_WORDS:
            return ("down", w)
        if w in lx.UP_WORDS:
            return ("up", w)
        via_by = via_by or w == "by"
        if w not in lx.DIRECTION_LINK_WORDS:
            break
    else:
        return None
    if not via_by:
        return None
    for w in reversed(words[max(0, i - lx.BY_VERB_REACH, len(words) - in_clause) : i]):
        if w in lx.LEVEL_BEFORE_WORDS or w == "from":
            return None
        if w in lx.DOWN_WORDS:
            return ("down", w)
        if w in lx.UP_WORDS:
            return ("up", w)
    return None


def _direction_in_clause(words: list[str]) -> tuple[str, str] | None:
    """The nearest direction verb among ``words`` (a point change needs no "by":
    "cut its rate 25 basis points"), unless a new level or a baseline intervenes."""
    for w in reversed(words):
        if w == "from" or w in lx.LEVEL_BEFORE_WORDS:
            return None
        if w in lx.DOWN_WORDS and w not in lx.COMPARATIVE_DIRECTION_WORDS:
            return ("down", w)
        if w in lx.UP_WORDS and w not in lx.COMPARATIVE_DIRECTION_WORDS:
            return ("up", w)
    return None


def _bare_count(text: str, r: Reading, readings: list[Reading], idx: int) -> None:
    """Give a unit to a bare digit numeral when its context makes it a count or percent."""
    if r.is_word:
        return
    s, e = sentence_bounds(text, r.start)
    raw = text[r.start : r.num_end]
    before = text[max(0, r.start - 40) : r.start]
    if re.search(r"magnitude\s+(?:of\s+)?$", before, re.I):
        r.kind, r.unit, r.low = "count", "magnitude", True
        return
    # a decimal in a sentence of percents is a percent written without its sign
    if "." in raw and r.scale == 1.0:
        for o in readings:
            if o is not r and s <= o.start < e and o.kind in ("percent_share", "percent_change"):
                r.kind, r.unit, r.inherit = o.kind, "%", o
                return
    after = text[r.num_end : r.num_end + 80]
    mo = re.match(
        r"\s+of\s+(?:(?:the|those|these|its|their|[A-Z][\w’']*(?:’s|'s))\s+)?(?:\d[\d,]*\s+)?((?:[a-z-]+\s+){0,2}[a-z-]+s)\b",
        after,
    )
    if mo:
        r.kind, r.unit = "count", mo.group(1).split()[-1]
        return
    # unit from the closest count before, in this sentence or the previous two
    unit = ""
    for o in reversed(readings[:idx]):
        if o.kind == "count" and o.start >= s - 400 and o.unit and (not o.low or o.start >= s):
            unit = o.unit
            break
    lead = _BARE_LEAD.search(text[max(0, r.start - 120) : r.start])
    if _level_figure(text, r.start):
        # "Unemployment stood at 9.3 million": the subject names what is counted
        same_sentence = next(
            (
                o.unit
                for o in reversed(readings[:idx])
                if o.kind == "count" and o.start >= s and o.unit != "items"
            ),
            "",
        )
        unit = same_sentence or _clause_subject(text, s, r.start) or unit
    if lead:
        low = lead.group().lower()
        unit = next((u for k, u in lx.TOLL_UNITS.items() if k in low), unit) or "deaths"
    r.kind, r.unit = "count", unit or "items"
    r.low = True  # scored from context in claim_worthiness


def _level_figure(text: str, start: int) -> bool:
    """A large bare number given as the level of something ("stood at 9.3 million",
    "visitors from China at 2.2 million", "fell to 841,000"): a count with no noun.

    ``start`` is where the numeral's digits begin (after any hedge).
    """
    digits = re.match(r"\d[\d,.]*\d|\d", text[start : start + 30])
    if digits is None:
        return False
    end = start + len(digits.group())
    scale = _SCALE_AFTER.match(text[end : end + 20])
    if scale and scale.group(2).lower() in lx.SHORT_SCALES:
        scale = None
    if not (scale or re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits.group())):
        return False
    if _LEVEL_LEAD.search(text[max(0, start - 40) : start]) is not None:
        return True
    # "expects to sell 15 million this year": a scaled figure that ends its phrase, as the
    # object of a verb (after a preposition it is a vaguer aside: "a levy for 20 million")
    prev = words_before(text, start, 1)
    if not scale or not prev or prev[0] in lx.NOT_COUNT_NOUNS or prev[0] in lx.HEDGES:
        return False
    return bool(_PHRASE_END.match(text[end + len(scale.group()) : end + len(scale.group()) + 20]))


def _clause_subject(text: str, s: int, pos: int) -> str | None:
    """What a bare level counts: the nearest plural noun before it in its sentence
    ("visitors from China at 2.2 million"), else the sentence's first noun
    ("Unemployment stood at 9.3 million" -> "unemployment")."""
    left = text[s:pos]
    of = _NUMBER_OF.search(left)
    if of:  # "the number of jobless fell to 841,000"
        return of.group(1).lower()
    noun_of = re.search(r"\b([a-z]{4,})\s+of\s+(?:\w+\s+)?$", left)
    if noun_of and noun_of.group(1) not in lx.NOT_COUNT_NOUNS:
        return noun_of.group(1)  # "a population of 9 million"
    words = WORD.findall(left)
    for i in range(len(words) - 1, -1, -1):
        w, low = words[i], words[i].lower()
        if (w[0].isupper() and i > 0) or low in _COUNT_STOP or low in lx.TIME_NOUNS or low in lx.MONTHS:
            continue
        plural = low in _IRREGULAR_PLURALS or (
            len(low) > 3 and low.endswith("s") and not low.endswith(_NOT_PLURAL)
        )
        # a plural after a determiner or preposition is a noun; "the firm expects" is a verb
        if plural and (i == 0 or words[i - 1].lower() in lx.NOUN_LEFT_WORDS):
            return low
    for w in words:
        low = w.lower()
        if low not in lx.NOT_COUNT_NOUNS and low not in lx.SUBJECT_SKIP_WORDS:
            return low
    return None


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` that measures something, normalized, in text order.

    Offsets are into ``text``. Dates, years, times, ordinals, ids, model names and
    page chrome are left out; durations belong to the time-expression stage.
    """
    readings = ratios(text)
    ratio_spans = [(r.start, r.end) for r in readings]
    for start, end, value, is_word in numerals(text):
        if any(s <= start < e for s, e in ratio_spans):
            continue
        if _not_a_measure(text, start, end, value, is_word):
            continue
        r = _read(text, start, end, value, is_word)
        if r is not None and r.kind != "duration":
            readings.append(r)
    readings.sort(key=lambda x: x.start)
    _link(text, readings)
    readings = [r for r in readings if not r.consumed]
    readings.extend(multiplier_words(text))
    readings.extend(fractions(text))
    readings.sort(key=lambda x: x.start)

    out: list[Reading] = []
    previous_percent: Reading | None = None
    for i, r in enumerate(readings):
        if r.kind is None:
            _bare_count(text, r, readings, i)
            if r.kind is None:
                continue
        if r.kind == "multiplier" and r.times and not _times_is_multiplier(text, r):
            continue
        if r.kind == "count" and r.is_word and not _word_count_ok(text, r):
            continue
        if r.kind == "amount" and r.unit == "INR":
            r.unit = rupee_currency(text)
        if r.value_high is None:
            r.value *= r.scale
            r.scale = 1.0
        if (
            r.kind in ("percent_share", "percent_change")
            and r.direction_word is None
            and r.inherit is None
            and not r.kind_settled
        ):
            _percent_kind(text, r, previous_percent)
        if r.kind in ("percent_share", "percent_change"):
            previous_percent = r
        out.append(r)
    for r in out:
        if r.inherit is not None:
            r.kind = r.inherit.kind
    return [_to_quantity(text, r) for r in _drop_overlaps(out)]


def _times_is_multiplier(text: str, r: Reading) -> bool:
    """ "N times" is a multiplier after growth verbs or before comparatives."""
    nxt = words_after(text, r.end, 1)
    prev = [w for w in words_before(text, r.start, 4) if w not in lx.HEDGES]
    if nxt and nxt[0] in lx.TIMES_COMPARATIVES | {"compared"}:
        return True
    return bool(prev and prev[-1] in lx.TIMES_VERBS)


def _word_count_ok(text: str, r: Reading) -> bool:
    """Number words are counts only with a real noun; "one" is often a pronoun."""
    nxt = words_after(text, r.num_end, 2)
    if nxt and nxt[0] in lx.COUNT_MODIFIERS and len(nxt) > 1:
        nxt = nxt[1:]  # "two new production lines"
    if not nxt or nxt[0] in lx.NOT_COUNT_NOUNS:
        return False
    if r.value == 1 and not r.scale_given:
        prev = words_before(text, r.start, 1)
        if nxt[0] in lx.ONE_IDIOMS_AFTER or (prev and prev[0] in lx.ONE_IDIOMS_BEFORE):
            return False
    return True


def _drop_overlaps(readings: list[Reading]) -> list[Reading]:
    out: list[Reading] = []
    for r in sorted(readings, key=lambda x: (x.start, -(x.end - x.start))):
        if out and r.start < out[-1].end and r.num_end <= out[-1].end:
            continue
        out.append(r)
    return out


def _to_quantity(text: str, r: Reading) -> Quantity:
    change = r.change
    value = r.value
    if r.kind == "multiplier" and change is None:
        change = "up" if value >= 1 else "down"
    value = _tidy(value)
    high = _tidy(r.value_high) if r.value_high is not None else None
    return Quantity(
        start=r.start,
        end=r.end,
        text=text[r.start : r.end],
        value=value,
        value_high=high,
        unit=r.unit,
        kind=r.kind,  # type: ignore[arg-type]
        change=change,  # type: ignore[arg-type]
        hedge=r.hedge,
        direction_word=r.direction_word,
    )


def _tidy(value: float) -> float:
    """Round away float noise from scaling ("1.140 * 1e9")."""
    if value == 0 or not math.isfinite(value):
        return value
    digits = 12 - int(math.floor(math.log10(abs(value))))
    return round(value, max(0, digits)) if digits > 0 else float(round(value))


# --- worthiness -------------------------------------------------------------


def claim_worthiness(q: Quantity, text: str) -> float:
    """How likely ``q`` is a substantive claim, in [0, 1] (claims promote at >= 0.5).

    Money, percents and multipliers are nearly always claims; counts depend on
    their noun and how they are introduced. Magnitudes, page chrome, descriptors
    ("the EU's 27 member states"), back-references ("of these 274 deaths") and
    incidental counts ("one official") score low.
    """
    if is_chrome(text, q.start):
        return 0.02
    if q.kind != "count":
        return 0.9
    unit = q.unit.lower()
    if unit in lx.MAGNITUDE_NOUNS:
        return 0.05
    before = text[max(0, q.start - 40) : q.start]
    s, e = sentence_bounds(text, q.start)
    sentence_words = {w.lower() for w in WORD.findall(text[s:e])}
    score = 0.8
    if _DESCRIPTOR_BEFORE.search(before) and q.value < 1000 and not _reported_total(q, text, before):
        score = 0.2
    if re.search(r"\bof\s+(?:these|those)\s+$", before, re.I):
        score = 0.15
    if unit in lx.INCIDENTAL_COUNT_NOUNS and q.value < lx.INCIDENTAL_MAX_VALUE:
        score = min(score, 0.3)  # "two officials", but "15 million children" is a figure
    if (
        unit in lx.MANNER_COUNT_NOUNS
        and (prev := words_before(text, q.start, 1))
        and prev[0] in lx.MANNER_PREPOSITIONS
    ):
        score = min(score, 0.3)  # "in three phases", "over two rounds"
    prev = words_before(text, q.start, 1)
    if q.value < lx.SMALL_COUNT_MAX and prev and prev[0] in lx.LOCATIVE_INCIDENTAL_PREPOSITIONS:
        score = min(score, 0.3)  # "makes cars at two plants"
    clause = text[s:e]
    if q.value < lx.CAPACITY_MAX and _CAPACITY_CUE.search(clause) and _CAPACITY_MODAL.search(clause):
        score = min(score, 0.3)  # "two vessels could pass at once": a capacity
    if q.value == 1 and not (sentence_words & lx.CASUALTY_WORDS):
        score = min(score, 0.3)
    if "-" in q.text and re.search(r"\d[-‑][a-z]", q.text) and q.value < 1000:
        score = min(score, 0.3)
    if _is_bare(q):
        score = min(score, _bare_worthiness(q, text))
    return score


def _reported_total(q: Quantity, text: str, before: str) -> bool:
    """ "the 281 deaths recorded", "40 of the 52 villages": a figure despite its determiner."""
    nxt = words_after(text, q.end, 1)
    return bool((nxt and nxt[0] in lx.EVENT_PARTICIPLES) or _PARTITIVE_TOTAL.search(before))


def _compared_with_count(q: Quantity, text: str, before: str) -> bool:
    """A bare number compared with a count named earlier in its sentence, of the same order.

    "1,620 contracts, compared with 1,414 a year earlier": the noun is implied by the
    parallel figure, so the bare number is a count claim too.
    """
    lead = _COMPARISON_LEAD.search(before)
    if lead is None:
        return False
    s, _ = sentence_bounds(text, q.start)
    lead_start = q.start - (len(before) - lead.start())
    if lead_start <= s:
        return False
    earlier = find_quantities(text[s:lead_start])
    if not earlier or earlier[-1].kind != "count" or not q.value:
        return False
    if _is_bare(earlier[-1]) and claim_worthiness(earlier[-1], text[s:lead_start]) < 0.5:
        return False  # "rose to 3.1 million, from 2.8 million": the first level names the count
    ratio = earlier[-1].value / q.value
    return 1 / lx.COMPARISON_MAX_RATIO <= ratio <= lx.COMPARISON_MAX_RATIO


def _is_bare(q: Quantity) -> bool:
    """A count whose noun was not written after the number ("1,414", "20 million")."""
    if q.unit == "items" and not q.text.lower().endswith("items"):
        return True
    return (
        not re.search(r"[A-Za-z]", q.text.split()[-1] if q.text.split() else "")
        or q.text.strip()[-1].isdigit()
    )


def _bare_worthiness(q: Quantity, text: str) -> float:
    after = text[q.end : q.end + 40]
    before = text[max(0, q.start - 120) : q.start]
    nxt = words_after(text, q.end, 2)
    if re.match(r"\s+of\s", after):
        return 0.75
    if nxt and nxt[0] in lx.BARE_COUNT_VERBS:
        return 0.75
    if _BARE_LEAD.search(before):
        return 0.75
    if _compared_with_count(q, text, before):
        return 0.75
    first_digit = re.search(r"\d", q.text)
    if first_digit and _level_figure(text, q.start + first_digit.start()):
        return 0.75
    if re.search(r"[A-Z][\w’']+\s*\($", before) and after.startswith(")"):
        return 0.7  # "Central Luzon (9,426)" in a list of regions
    if len(nxt) >= 2 and nxt[0] == "in" and nxt[1].rstrip(".") in lx.MONTHS:
        return 0.7  # "32 in February" in a month-by-month list
    return 0.25


def with_worthiness(text: str) -> list[tuple[Quantity, float]]:
    """Convenience: every quantity of ``text`` with its worthiness."""
    return [(q, claim_worthiness(q, text)) for q in find_quantities(text)]


__all__ = ["claim_worthiness", "find_quantities", "with_worthiness"]
