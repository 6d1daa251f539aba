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
from dataclasses import replace

from ...lexicon import numbers as lx
from ...model import Quantity
from ..rules import Trace
from .count_nouns import COUNT_STOP, IRREGULAR_PLURALS
from .not_measures import not_a_measure
from .numerals import (
    VALUE_CHANGE_AFTER,
    WORD,
    WORD_NUM_ALT,
    Reading,
    fractions,
    is_chrome,
    multiplier_words,
    numerals,
    ratios,
    rupee_currency,
    sentence_bounds,
    words_after,
    words_before,
)
from .reading import read_numeral
from .units import SCALE_AFTER, pint_unit

# --- compiled patterns (built once from the lexicon) ------------------------

_SHARE_AFTER = re.compile(lx.SHARE_AFTER_RE, re.IGNORECASE)
_SHARE_BEFORE = re.compile(lx.SHARE_BEFORE_RE, re.IGNORECASE)
_CHANGE_BEFORE_SHARE_CUE = re.compile(lx.CHANGE_BEFORE_SHARE_CUE_RE, re.IGNORECASE)
_DESCRIPTOR_BEFORE = re.compile(lx.DESCRIPTOR_BEFORE_RE, re.IGNORECASE)
_BARE_LEAD = re.compile(lx.BARE_COUNT_LEAD_RE, re.IGNORECASE)
_COMPARISON_LEAD = re.compile(lx.COMPARISON_LEAD_RE, re.IGNORECASE)
_PARTITIVE_TOTAL = re.compile(
    rf"(?:\b\d[\d,.]*|\b(?!(?:{'|'.join(lx.PARTITIVE_NOT_NUMERATORS)})\b)(?:{WORD_NUM_ALT}))"
    + lx.PARTITIVE_TOTAL_BEFORE_RE,
    re.IGNORECASE,
)
_LEVEL_LEAD = re.compile(lx.LEVEL_LEAD_RE, re.IGNORECASE)
_CAPACITY_CUE = re.compile(lx.CAPACITY_CUE_RE, re.IGNORECASE)
_CAPACITY_MODAL = re.compile(lx.CAPACITY_MODAL_RE, re.IGNORECASE)
_NUMBER_OF = re.compile(lx.NUMBER_OF_RE, re.IGNORECASE)
_NOT_PLURAL = ("ss", "ous", "us", "is")
_PHRASE_END = re.compile(lx.PHRASE_END_RE, re.IGNORECASE)
_MINOR_GAP = re.compile(r"\s*(?:and\s+)?", re.IGNORECASE)
# after the hundredths: their name if not yet read ("$ 30 cent"), then the end of the phrase
_MINOR_TAIL = re.compile(
    rf"(\s?(?:{'|'.join(sorted(lx.MINOR_UNIT_WORDS, key=len, reverse=True))})\b)?(?=\s*(?:[.,;:!?)]|$))", re.IGNORECASE
)


def _link(text: str, readings: list[Reading]) -> None:
    """Ranges and coordinations between neighbours: "22 to 25%", "10 and 9 billion dollars"."""
    for a, b in zip(readings, readings[1:], strict=False):
        if a.consumed or b.consumed:
            continue
        gap = text[a.num_end if a.kind is None else a.end : b.start]
        gap_b = text[a.end : b.start]
        conn = re.fullmatch(r"\s*(to|and|or|-|–|—|x|×)\s*", gap) or re.fullmatch(r"\s*(to|and|or|-|–)\s*", gap_b)
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
        moved = before_a.endswith("from") and not ranged and word == "to"
        if word in ("x", "×") and (a.kind is not None or b.kind != "measure"):
            continue  # "2 x 3 m": a side of a size takes the other side's unit, nothing else
        if a.kind is None and b.kind is not None:
            scale = a.scale if a.scale_given else b.scale
            alternatives = word == "or" and a.value * scale < b.value * b.scale and not from_a
            if moved and b.kind != "multiplier":  # "rose from 3 to 7 per cent": the baseline takes the new value's unit
                a.kind, a.unit, a.scale, a.surface_unit = b.kind, b.unit, scale, b.surface_unit
                _movement(a, b)
                continue
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
        elif a.kind is not None and a.kind == b.kind and a.unit == b.unit:
            if moved:
                _movement(a, b)
            elif (word in ("to", "-", "–", "—", "or") and not from_a) or between or _by_range(text, a, b, word):
                lo, hi = a.value * a.scale, b.value * b.scale
                if lo < hi and (ranged or not re.search(r"\bfrom\b", text[max(0, a.start - 12) : a.start])):
                    b.consumed = True
                    a.value, a.scale, a.value_high = lo, 1.0, hi
                    a.end = b.end


def _join_minor_units(text: str, readings: list[Reading]) -> None:
    """ "thirteen dollars and forty-five cents", "15 dollars 50", "17 USD 25": an amount in
    whole units and the hundredths after it are one amount (13.45), when nothing but "and"
    stands between them and the hundredths end the phrase."""
    for a, b in zip(readings, readings[1:], strict=False):
        if a.consumed or b.consumed or a.kind != "amount" or a.scale_given or a.value_high is not None:
            continue
        if a.unit in lx.MINOR_UNIT_NAMES:
            continue
        if not float(a.value).is_integer() or not (0 < b.value < 100 and float(b.value).is_integer()):
            continue
        cents = b.kind == "amount" and b.unit in lx.MINOR_UNIT_NAMES
        same = b.kind == "amount" and b.unit == a.unit and b.start < a.end  # "17 USD 25": one mark
        if not (b.kind is None or cents or same) or b.scale_given:
            continue
        if not _MINOR_GAP.fullmatch(text[min(a.end, b.start) : max(a.end, b.start)] if not same else ""):
            continue
        tail = _MINOR_TAIL.match(text[b.end : b.end + 20])
        if tail is None or (tail.group(1) and cents):
            continue
        a.value += b.value / 100
        a.end = b.end + len(tail.group(1) or "")
        b.consumed = True
        a.trace.add("value", "link.minor_units")


def _by_range(text: str, a: Reading, b: Reading, word: str) -> bool:
    """ "increased by 300% to 400%": two percents after "by" are a range of the change,
    unless the clause is about a rate whose new level the second one gives."""
    if word != "to" or a.unit != "%" or a.value_high is not None or words_before(text, a.start, 1) != ["by"]:
        return False
    if not 0 < a.value * a.scale < b.value * b.scale <= lx.BY_RANGE_MAX_RATIO * a.value * a.scale:
        return False
    s, _ = sentence_bounds(text, a.start)
    return not {w.lower() for w in WORD.findall(text[s : a.start])} & lx.RATE_LEVEL_WORDS


def _movement(baseline: Reading, new: Reading) -> None:
    """ "from X to Y": both ends stay, X as the baseline and Y as the new value."""
    baseline.role, new.role = "baseline", "new"
    baseline.partner, new.partner = new, baseline
    baseline.trace.add("role", "link.movement")
    new.trace.add("role", "link.movement")


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
        change_cue = _CHANGE_BEFORE_SHARE_CUE.search(before)
        if VALUE_CHANGE_AFTER.match(after) and w_before and w_before[-1] in lx.VALUE_CHANGE_VERBS:
            kind = "percent_change"  # "lost 20 percent of its value"
        elif change_cue is not None:
            kind = "percent_change"  # "an increase amounting to 200 percent"
            noun = change_cue.group().split()[0].lower()
            r.direction_word = noun
            r.change = "down" if noun in lx.DOWN_WORDS or noun.rstrip("s") in lx.DOWN_WORDS else "up"
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
        if kind is None and r.role is not None:
            # a movement's ends are what their clause is about ("its share ... from 3 to 7 per cent")
            clause_words = {w.lower() for w in WORD.findall(text[s : r.start])}
            kind = "percent_share" if clause_words & lx.SHARE_CONTEXT_WORDS else None
        if (
            kind is None
            and previous is not None
            and s <= previous.start
            and previous.kind in ("percent_share", "percent_change")
        ):
            kind = previous.kind  # lists: "64 percent in the north, 41 percent in ..."
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
        r"\s+of\s+(?:(?:the|those|these|its|their|[A-Z][\w’']*(?:’s|'s))\s+)?(?:\d[\d,]*\s+)?((?:[a-z-]+\s+){0,2}[a-z-]{2,}s)\b",
        after,
    )
    if mo:
        r.kind, r.unit = "count", mo.group(1).split()[-1]
        return
    # unit from "the number of X" of its own sentence, else the closest count before, in
    # this sentence or the previous two
    unit = ""
    of = _NUMBER_OF.search(text[s : r.start])
    for o in [] if of else reversed(readings[:idx]):
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
    elif of:
        unit = of.group(1).lower()
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
    scale = SCALE_AFTER.match(text[end : end + 20])
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
        if (w[0].isupper() and i > 0) or low in COUNT_STOP or low in lx.TIME_NOUNS or low in lx.MONTHS:
            continue
        plural = low in IRREGULAR_PLURALS or (
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
    page chrome are left out (``not_measures.NOT_A_MEASURE``); durations and measures
    are kept with their own kinds (a claim is made only of what ``claim_worthiness``
    promotes).
    """
    readings = ratios(text)
    ratio_spans = [(r.start, r.end) for r in readings]
    for start, end, value, is_word in numerals(text):
        if any(s <= start < e for s, e in ratio_spans):
            continue
        trace = Trace()
        if not_a_measure(text, start, end, value, is_word, trace):
            continue
        r = read_numeral(text, start, end, value, is_word, trace)
        if r is not None and r.kind != "drop":
            readings.append(r)
    readings.sort(key=lambda x: x.start)
    _join_minor_units(text, readings)
    _link(text, readings)
    readings = [r for r in readings if not r.consumed]
    readings.extend(multiplier_words(text))
    readings.extend(fractions(text))
    readings.sort(key=lambda x: x.start)
    out = _settle_kinds(text, readings)
    return [_to_quantity(text, r) for r in _drop_overlaps(out) if _plausible(r)]


def _plausible(r: Reading) -> bool:
    """A figure a text can state: finite and at most ``MAX_FIGURE`` (scale applied)."""
    scale = 1.0 if r.value_high is None else r.scale
    return all(
        math.isfinite(v * scale) and abs(v * scale) <= lx.MAX_FIGURE for v in (r.value, r.value_high) if v is not None
    )


def _settle_kinds(text: str, readings: list[Reading]) -> list[Reading]:
    """Bare numbers take a kind from context, percents become shares or changes, scales apply."""
    out: list[Reading] = []
    previous_percent: Reading | None = None
    for i, r in enumerate(readings):
        if r.kind is None:
            _bare_count(text, r, readings, i)
            if r.kind is None:
                continue
        if r.kind == "multiplier" and r.times and not _times_is_multiplier(text, r):
            r.kind, r.unit, r.times = "count", "times", False  # "called 3 times": occasions
            r.trace.add("unit", "unit_after.occasions")
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
    return out


def _times_is_multiplier(text: str, r: Reading) -> bool:
    """ "N times" is a multiplier after growth verbs or before comparatives."""
    nxt = words_after(text, r.end, 1)
    prev = [w for w in words_before(text, r.start, 4) if w not in lx.HEDGES]
    if nxt and nxt[0] in lx.TIMES_COMPARATIVES | {"compared"}:
        return True
    return bool(prev and prev[-1] in lx.TIMES_VERBS)


def _word_count_ok(text: str, r: Reading) -> bool:
    """Number words are counts only with a real noun; "one" is often a pronoun."""
    # a model name with digits is one word ("three new A321 aircraft")
    nxt = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9’'-]*", re.split(r"[.;!?\n]", text[r.num_end : r.num_end + 80])[0])][:2]
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
    value, high = r.value, r.value_high
    if r.kind == "multiplier" and change is None:
        change = "up" if value >= 1 else "down"
    if r.kind == "percent_change" and value < 0:
        # direction and magnitude stay apart in this layer: a 3% drop is 3, change down
        value, high, change = -value, (-high if high is not None else None), "down"
    return Quantity(
        start=r.start,
        end=r.end,
        text=text[r.start : r.end],
        value=_tidy(value),
        value_high=_tidy(high) if high is not None else None,
        unit=r.unit,
        kind=r.kind,  # type: ignore[arg-type]
        change=change,  # type: ignore[arg-type]
        hedge=r.hedge,
        direction_word=r.direction_word,
        rules=tuple(rule for _, rule in r.trace.steps),
        surface_unit=r.surface_unit,
        role=r.role,  # type: ignore[arg-type]
        partner_start=r.partner.start if r.partner is not None else None,
        per=r.per,
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
    ("the bloc's 12 member states"), back-references ("of these 274 deaths") and
    incidental counts ("one official") score low.
    """
    if is_chrome(text, q.start) or q.unit.lower() in lx.PAGE_COUNT_NOUNS:
        return lx.WORTH_CHROME
    if q.kind in ("duration", "measure", "rate") and not _claim_dimension(q):
        return lx.WORTH_NOT_A_CLAIM_KIND  # "a 776-foot airship", "for two hours"
    if q.kind not in ("count", "measure", "rate"):
        return lx.WORTH_MEASURE_OR_MONEY
    unit = q.unit.lower()
    if unit in lx.MAGNITUDE_NOUNS:
        return lx.WORTH_MAGNITUDE
    before = text[max(0, q.start - 40) : q.start]
    s, e = sentence_bounds(text, q.start)
    sentence_words = {w.lower() for w in WORD.findall(text[s:e])}
    score = lx.WORTH_COUNT
    if _DESCRIPTOR_BEFORE.search(before) and q.value < 1000 and not _reported_total(q, text, before):
        score = lx.WORTH_DESCRIPTOR
    if re.search(r"\bof\s+(?:these|those)\s+$", before, re.I):
        score = lx.WORTH_BACK_REFERENCE
    if unit in lx.INCIDENTAL_COUNT_NOUNS and q.value < lx.INCIDENTAL_MAX_VALUE:
        score = min(score, lx.WORTH_INCIDENTAL)  # "two officials", but "15 million children" is a figure
    if (
        unit in lx.MANNER_COUNT_NOUNS
        and (prev := words_before(text, q.start, 1))
        and prev[0] in lx.MANNER_PREPOSITIONS
    ):
        score = min(score, lx.WORTH_INCIDENTAL)  # "in three phases", "over two rounds"
    prev = words_before(text, q.start, 1)
    if q.value < lx.SMALL_COUNT_MAX and prev and prev[0] in lx.LOCATIVE_INCIDENTAL_PREPOSITIONS:
        score = min(score, lx.WORTH_INCIDENTAL)  # "makes cars at two plants"
    clause = text[s:e]
    if q.value < lx.CAPACITY_MAX and _CAPACITY_CUE.search(clause) and _CAPACITY_MODAL.search(clause):
        score = min(score, lx.WORTH_INCIDENTAL)  # "two vessels could pass at once": a capacity
    if q.value == 1 and not (sentence_words & lx.CASUALTY_WORDS):
        score = min(score, lx.WORTH_INCIDENTAL)
    if "-" in q.text and re.search(r"\d[^\S\n]?[-‑][^\S\n]?[a-z]", q.text) and q.value < 1000:
        score = min(score, lx.WORTH_INCIDENTAL)
    if _is_bare(q):
        score = min(score, _bare_worthiness(q, text))
    return score


def _claim_dimension(q: Quantity) -> bool:
    """A measure or rate of something claims count (tonnes, barrels a day, hectares, megawatts);
    a count per month ("drones per month") too. Durations never."""
    if q.kind == "duration":
        return False
    read = pint_unit(q.unit)
    if read is None:
        return q.kind == "rate"  # a count per head or per time
    dimension = read[1].removesuffix(" / [time]")
    return dimension in lx.CLAIM_DIMENSIONS


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
    earlier = [as_claim(e) for e in find_quantities(text[s:lead_start])]
    if not earlier or earlier[-1].kind != "count" or not q.value:
        return False
    if _is_bare(earlier[-1]) and claim_worthiness(earlier[-1], text[s:lead_start]) < lx.PROMOTE_AT:
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
        return lx.WORTH_BARE_IN_CONTEXT
    if nxt and nxt[0] in lx.BARE_COUNT_VERBS:
        return lx.WORTH_BARE_IN_CONTEXT
    if _BARE_LEAD.search(before):
        return lx.WORTH_BARE_IN_CONTEXT
    if _compared_with_count(q, text, before):
        return lx.WORTH_BARE_IN_CONTEXT
    first_digit = re.search(r"\d", q.text)
    if first_digit and _level_figure(text, q.start + first_digit.start()):
        return lx.WORTH_BARE_IN_CONTEXT
    if re.search(r"[A-Z][\w’']+\s*\($", before) and after.startswith(")"):
        return lx.WORTH_BARE_LISTED  # "Central Luzon (9,426)" in a list of regions
    if len(nxt) >= 2 and nxt[0] == "in" and nxt[1].rstrip(".") in lx.MONTHS:
        return lx.WORTH_BARE_LISTED  # "32 in February" in a month-by-month list
    return lx.WORTH_BARE


def as_claim(q: Quantity) -> Quantity:
    """The quantity as the claims contract reads it: a measure or a rate is a count of its
    unit ("1.2 million barrels per day", "40 lakh tonnes"), and a percent change carries
    its sign (a 3% drop is -3)."""
    if q.kind in ("measure", "rate"):
        unit = lx.PHYSICAL_UNITS.get(q.surface_unit.lower(), q.surface_unit) if q.surface_unit else q.unit
        q = replace(q, kind="count", unit=unit)
    if q.kind == "percent_change" and q.change == "down" and q.value > 0:
        high = -q.value_high if q.value_high is not None else None
        q = replace(q, value=-q.value, value_high=high)
    return q


def with_worthiness(text: str) -> list[tuple[Quantity, float]]:
    """Convenience: every quantity of ``text`` with its worthiness."""
    return [(q, claim_worthiness(q, text)) for q in find_quantities(text)]


__all__ = ["as_claim", "claim_worthiness", "find_quantities", "with_worthiness"]
