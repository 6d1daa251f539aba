"""Reading one numeral: its scale, the currency before it, and the unit after it.

The unit after a number is decided by ``UNIT_AFTER``, an ordered table of named rules
(percentage points before percents, a currency word before a unit of measure, a unit
of measure before a counted noun); the counted noun itself by ``count_nouns.COUNT_NOUN``.
Every rule that fires is recorded on the reading (``Quantity.rules``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lexicon import numbers as lx
from ..rules import FirstMatch, Rule, Trace
from .count_nouns import read_count_noun
from .numerals import HEDGE, WORD, Reading, local_currency, prefix_currency, sentence_bounds
from .units import (
    BASIS_POINT,
    CUR_SUFFIX,
    CUR_SUFFIX_HYPHEN,
    EXCHANGE_AFTER,
    PERCENT_AFTER,
    PERCENT_POINT,
    RATE_AFTER,
    SCALE_AFTER,
    SCALE_GLUED,
    measure_unit,
    time_rate_after,
)

_SHORT_SCALE_AFTER_MONEY = re.compile(r"^\s?(m|b|k|bn|mn)\b\.?", re.IGNORECASE)
_SAME_CURRENCY_AFTER = re.compile(r"^\s+(USD|EUR|U\.S\.\s+dollars)\b")
_TIMES = re.compile(r"^\s?(?:-\s?)?(times|fold)\b", re.IGNORECASE)
_POUNDS = re.compile(r"^\s?(pounds|pound)\b", re.IGNORECASE)
_SUBUNIT = re.compile(rf"^(?:\s?|[-‑])({'|'.join(sorted(lx.MONEY_SUBUNITS, key=len, reverse=True))})\b", re.IGNORECASE)
_PRICE_PER = re.compile(
    rf"^\s?(?:-\s?)?(?:a|an|per)\s?(?:-\s?)?({'|'.join(sorted(lx.PRICE_PER_NOUNS, key=len, reverse=True))})\b",
    re.IGNORECASE,
)
_METRE_GLUED = re.compile(r"^m\s*(?:[a-z]+)", re.IGNORECASE)
_SYMBOL_AFTER = re.compile(rf"^\s?({'|'.join(map(re.escape, lx.CURRENCY_SYMBOLS_AFTER))})(?![\w$€£¥])")
_SCALED_CODE_AFTER = re.compile(lx.SCALED_CODE_AFTER_RE)
_GLUED_M = re.compile(r"m(?![\w/²])(?:\s+([a-z]+))?")
_SCALED_CODE_BEFORE = re.compile(lx.SCALED_CODE_BEFORE_RE)
_PERCENT_PER_TIME = re.compile(
    rf"^\s?(?:per|a|an|each)\s+({'|'.join(sorted(lx.PER_TIME_WORDS, key=len, reverse=True))})\b", re.IGNORECASE
)
_POINTS = re.compile(r"^\s+points?\b(?![-‑])", re.IGNORECASE)
_BRACKETED = re.compile(r"^\s?([\[{(])\s*([^\]})\n]{1,16}?)\s*([\]})])")
_BRACKET_PAIRS = {"[": "]", "{": "}", "(": ")"}
_LETTER_UNIT = re.compile(r"^[^\S\n]([A-Za-z]{1,3})\b")
_BY_AFTER = re.compile(r"[^\S\n]*[x×][^\S\n]*\d")
_BY_BEFORE = re.compile(r"\d[^\S\n]*(?:[A-Za-z]{1,3}\.?[^\S\n]*)?[x×][^\S\n]*\Z")
_FEET_BEFORE = re.compile(rf"\d[^\S\n]?(?:ft\.?|feet|foot|[{''.join(lx.FOOT_MARKS)}])[^\S\n]*\Z", re.IGNORECASE)
# inches after feet: "in", "inches", or nothing before the end of the phrase ("5 feet 10.")
_INCHES_WORD = re.compile(r"^(?:[^\S\n]?(?:in\b\.?|inch(?:es)?\b)|(?=[.,;:)]|[^\S\n]+(?:tall|long|high)\b|$))", re.IGNORECASE)
_PRIME_AFTER = re.compile(rf"^\s?([{''.join(lx.INCH_MARKS | lx.FOOT_MARKS)}])")
_SIZE_NEXT = re.compile(rf"\s*(?:{'|'.join(sorted(lx.METRE_SIZE_WORDS | lx.INCH_SIZE_NOUNS))})\b", re.IGNORECASE)
_INCHES_NEXT = re.compile(rf"\s?\d{{1,2}}(?:\.\d+)?\s?[{''.join(lx.INCH_MARKS)}]")
_FEET_MARK_BEFORE = re.compile(rf"\d\s?[{''.join(lx.FOOT_MARKS)}]\s?\Z")


@dataclass(frozen=True)
class Unit:
    """What the text after a number says it measures."""

    kind: str | None  # None: the number stays bare; "drop": no quantity
    unit: str = ""
    length: int = 0  # characters after the number that the unit takes
    scale: float = 1.0  # multiplies the value ("tomans", "bcm")
    times: bool = False  # "N times": a multiplier only in the right context
    low: bool = False
    surface: str = ""
    claim_unit: str = ""  # the readable unit a claim carries, when it differs
    dimension: str = ""
    before: int = 0  # characters before the number that belong to it ("%81")


@dataclass(frozen=True)
class UnitContext:
    text: str
    r: Reading
    after: str
    glued: bool  # no space between the digits and the unit

    @property
    def clause_words(self) -> set[str]:
        s, e = sentence_bounds(self.text, self.r.start)
        return {w.lower() for w in WORD.findall(self.text[s:e])}


def _percentage_point(c: UnitContext) -> Unit | None:
    m = PERCENT_POINT.match(c.after)
    return Unit("percent_change", "pp", len(m.group()), surface=m.group().strip()) if m else None


def _basis_point(c: UnitContext) -> Unit | None:
    m = BASIS_POINT.match(c.after)
    if m is None or re.match(r"\s+BP\b", c.after):
        return None
    return Unit("percent_change", "bp", len(m.group()), surface=m.group().strip())


def _percent(c: UnitContext) -> Unit | None:
    m = PERCENT_AFTER.match(c.after)
    return Unit("percent_share", "%", len(m.group()), surface=m.group().strip()) if m else None


def _percent_sign_before(c: UnitContext) -> Unit | None:
    """ "%81": the sign printed before the number, as some outlets and languages do."""
    glued = c.r.start > 0 and c.text[c.r.start - 1] == "%" and not c.text[c.r.start - 2 : c.r.start - 1].isdigit()
    return Unit("percent_share", "%", 0, surface="%", before=1) if glued else None


def _currency_symbol_after(c: UnitContext) -> Unit | None:
    m = _SYMBOL_AFTER.match(c.after)
    if m is None:
        return None
    return Unit("amount", lx.CURRENCY_SYMBOLS_AFTER[m.group(1)], len(m.group()), surface=m.group(1))


def _scaled_code(c: UnitContext) -> Unit | None:
    """ "30 MUSD", "MSEK 845", "TEUR 450": a currency code with a scale letter, after or before."""
    m = _SCALED_CODE_AFTER.match(c.after)
    if m is not None:
        return Unit("amount", m.group(2), len(m.group()), lx.SCALED_CODE_LETTERS[m.group(1)], surface=m.group().strip())
    m = _SCALED_CODE_BEFORE.search(c.text[max(0, c.r.start - 6) : c.r.start])
    if m is None:
        return None
    return Unit("amount", m.group(2), 0, lx.SCALED_CODE_LETTERS[m.group(1)], surface=m.group().strip(), before=len(m.group()))


def _rate_per_head(c: UnitContext) -> Unit | None:
    m = RATE_AFTER.match(c.after)
    return Unit("rate", re.sub(r"\s+", " ", m.group().strip()), len(m.group())) if m else None


def _exchange_rate(c: UnitContext) -> Unit | None:
    if not EXCHANGE_AFTER.match(c.after):
        return None
    local = local_currency(c.text, c.r.start)  # so much local money per dollar
    return Unit("amount", local) if local is not None else None


def _currency_word(c: UnitContext) -> Unit | None:
    m = CUR_SUFFIX.match(c.after) or CUR_SUFFIX_HYPHEN.match(c.after)  # "a 10-dollar fee"
    if m is None:
        return None
    word = re.sub(r"\s+", " ", m.group(1).lower())
    grouped = "," in c.text[c.r.start : c.r.num_end] or c.r.scale_given or m.re is CUR_SUFFIX_HYPHEN
    if word in lx.AMBIGUOUS_CURRENCY_SUFFIXES and not grouped:
        return None
    length = len(m.group())
    scale = lx.CURRENCY_FACTORS.get(word, 1.0)
    same = _SAME_CURRENCY_AFTER.match(c.text[c.r.end + length : c.r.end + length + 20])
    if same:  # "crore rupees" then nothing; "1 bln USD" handled as suffix already
        length += len(same.group())
    late_scale = SCALE_AFTER.match(c.after[length:]) if not c.r.scale_given else None
    if late_scale and late_scale.group(2).lower() not in lx.SHORT_SCALES:  # "75 USD million"
        scale *= lx.SCALES[late_scale.group(2).lower()]
        length += len(late_scale.group().rstrip("."))
    return Unit("amount", lx.CURRENCY_SUFFIXES[word], length, scale, surface=m.group(1))


def _pounds(c: UnitContext) -> Unit | None:
    """Pounds are sterling unless the clause is about weight ("lost 25 pounds")."""
    m = _POUNDS.match(c.after)
    if m is None:
        return None
    weight = c.clause_words & lx.WEIGHT_CUES or re.match(r"\s+of\s+[a-z]", c.after[len(m.group()) :])
    if weight and not c.r.scale_given:
        unit = measure_unit(" lb")
        assert unit is not None
        return Unit("measure", unit.unit, len(m.group()), surface=m.group(1), claim_unit="pounds", dimension=unit.dimension)
    return Unit("amount", "GBP", len(m.group()), surface=m.group(1))


def _money_subunit(c: UnitContext) -> Unit | None:
    m = _SUBUNIT.match(c.after)  # "34 cents", "a 12-cent dividend"
    if m is None or (m.group(1).lower() == "p" and not c.glued):
        return None
    return Unit("amount", lx.MONEY_SUBUNITS[m.group(1).lower()], len(m.group()), surface=m.group(1))


def _times(c: UnitContext) -> Unit | None:
    m = _TIMES.match(c.after)
    return Unit("multiplier", "x", len(m.group()), times=m.group(1).lower() == "times") if m else None


def _index_points(c: UnitContext) -> Unit | None:
    """ "the index plummeted 190 points": points of an index, a measure of its own."""
    m = _POINTS.match(c.after)
    return Unit("measure", "index point", len(m.group()), surface=m.group().strip()) if m else None


def _measure(c: UnitContext) -> Unit | None:
    u = measure_unit(c.after, glued=c.glued, sized=metres_not_millions(c.r.value, c.after))
    if u is None:
        return None
    return Unit(u.kind, u.unit, u.length, u.scale, surface=u.surface, claim_unit=u.claim_unit, dimension=u.dimension)


def _dimension_side(c: UnitContext) -> Unit | None:
    """ "1 m x 1 m", "3 ft × 4 ft": a side of a size, where a letter unit ("m", "in") stands
    apart from the digits; the other side is across an "x" before or after it."""
    m = _LETTER_UNIT.match(c.after)
    if m is None:
        return None
    across = _BY_AFTER.match(c.after[m.end() :]) or (
        # "5 x 2 in the final": a word unit only before the "x"
        m.group(1).lower() not in lx.WORD_LIKE_UNITS and _BY_BEFORE.search(c.text[max(0, c.r.start - 16) : c.r.start])
    )
    u = measure_unit(m.group(1), glued=True, sized=True) if across else None
    if u is None or u.length != len(m.group(1)) or u.kind != "measure":
        return None
    return Unit(u.kind, u.unit, m.end(), surface=u.surface, claim_unit=u.claim_unit, dimension=u.dimension)


def _inches_after_feet(c: UnitContext) -> Unit | None:
    """ "12 ft 2 in", "5 feet 10": the inches of a length given in feet and inches."""
    if c.r.value >= 12 or _FEET_BEFORE.search(c.text[max(0, c.r.start - 16) : c.r.start]) is None:
        return None
    m = _INCHES_WORD.match(c.after)
    if m is None:
        return None
    u = measure_unit(" inch")
    assert u is not None
    return Unit(u.kind, u.unit, m.end(), surface=m.group().strip(), claim_unit=u.claim_unit, dimension=u.dimension)


def _bracketed(c: UnitContext) -> Unit | None:
    """ "20 [kg]", "3.5 (km)", "12 {m}": a unit printed in brackets, as tables and data-heavy
    copy write it; only when the brackets hold a unit and nothing else."""
    m = _BRACKETED.match(c.after)
    if m is None or _BRACKET_PAIRS[m.group(1)] != m.group(3):
        return None
    u = measure_unit(" " + m.group(2))
    if u is None or u.length != len(m.group(2)) + 1 or u.kind == "count":
        return None
    return Unit(u.kind, u.unit, len(m.group()), u.scale, surface=u.surface, claim_unit=u.claim_unit, dimension=u.dimension)


def _prime_marks(c: UnitContext) -> Unit | None:
    """ '10" long', "a 6' 2\" player", '55″ screen': feet and inches as prime marks. A double
    prime is always inches; a quote mark only before a word of size, or after a feet mark."""
    m = _PRIME_AFTER.match(c.after)
    if m is None:
        return None
    mark, rest = m.group(1), c.after[m.end() :]
    size_next = _SIZE_NEXT.match(rest) is not None
    if mark in lx.INCH_MARKS:
        feet_before = _FEET_MARK_BEFORE.search(c.text[max(0, c.r.start - 8) : c.r.start]) is not None
        if mark not in lx.UNAMBIGUOUS_PRIMES and not (size_next or feet_before):
            return None
        name = "inch"
    else:
        if mark not in lx.UNAMBIGUOUS_PRIMES and not (size_next or _INCHES_NEXT.match(rest)):
            return None
        name = "foot"
    u = measure_unit(" " + name)
    assert u is not None
    return Unit(u.kind, u.unit, m.end(), surface=mark, claim_unit=u.claim_unit, dimension=u.dimension)


UNIT_AFTER: FirstMatch[UnitContext, Unit] = FirstMatch(
    "unit_after",
    "unit",
    [
        Rule("unit_after.percentage_point", "'2 percentage points', '0.5pp': a change in points", _percentage_point),
        Rule("unit_after.basis_point", "'25 basis points', '50bp'", _basis_point),
        Rule("unit_after.percent", "'27%', '27 %', '27 per cent', '2.4pc'", _percent),
        Rule("unit_after.percent_sign_before", "'%81': the percent sign printed before the number", _percent_sign_before),
        Rule("unit_after.rate_per_head", "'2.1 per 100,000 people', '3.4 per capita'", _rate_per_head),
        Rule("unit_after.exchange_rate", "'86.2 per dollar' after naming the local currency", _exchange_rate),
        Rule("unit_after.currency_word", "'420 million euros', '1.5 trillion won' (a word currency after the number)", _currency_word),
        Rule("unit_after.currency_symbol_after", "'5 €', '100 ₡': a currency symbol after the number", _currency_symbol_after),
        Rule("unit_after.scaled_code", "'30 MUSD', 'MSEK 845', 'TEUR 450': a currency code with a scale letter", _scaled_code),
        Rule("unit_after.pounds", "'361 million pounds' (sterling), 'lost 25 pounds' (weight)", _pounds),
        Rule("unit_after.money_subunit", "'34 cents', '210 pence'", _money_subunit),
        Rule("unit_after.times", "'2.5 times', 'three-fold'", _times),
        Rule("unit_after.index_points", "'fell 190 points': points of an index", _index_points),
        Rule("unit_after.inches_after_feet", "'12 ft 2 in', '5 feet 10': the inches of a length in feet", _inches_after_feet),
        Rule("unit_after.dimension_side", "'1 m x 1 m': a letter unit on a side of a size", _dimension_side),
        Rule("unit_after.prime_marks", "'a 55″ screen', '6′ 2″ tall': feet and inches printed as marks", _prime_marks),
        Rule("unit_after.bracketed", "'20 [kg]', '3.5 (km)': a unit in brackets", _bracketed),
        Rule("unit_after.measure", "'840 sq m', '512GB', '90 Hz', '1.2 million barrels per day', '3 hours'", _measure),
    ],
    doc="what the text right after a number says it measures",
)


def read_numeral(text: str, start: int, end: int, value: float, is_word: bool, trace: Trace) -> Reading | None:
    """Read the scale, currency, unit and hedge around one numeral (None: not a quantity)."""
    r = Reading(start=start, end=end, num_end=end, value=value, is_word=is_word)
    r.trace = trace
    after = text[end : end + 60]
    if not _read_scale(text, r, after):
        return None
    prefix = prefix_currency(text, start, end, r.scale_given)
    if prefix is not None:
        _read_prefixed_amount(text, r, prefix, trace)
    else:
        after = text[r.end : r.end + 60]
        glued = bool(after) and not after[0].isspace() and not is_word
        unit = UNIT_AFTER.decide(UnitContext(text, r, after, glued), trace)
        if unit is None:
            _read_counted(text, r, after, trace)
        elif unit.kind == "drop":
            return None
        else:
            _apply(r, unit)
    if r.kind == "amount" and r.per is None:
        _read_price_per(text, r, trace)
    elif r.unit == "%":
        _read_percent_per_time(text, r, trace)
    _read_hedge(text, r)
    return r


def metres_not_millions(value: float, after: str) -> bool:
    """ "1500m", "the 100m sprint": a glued "m" that is metres by the number's size or the race
    it names."""
    m = _GLUED_M.match(after)
    if m is None:
        return False
    word = (m.group(1) or "").lower()
    if word in lx.METRE_RACE_WORDS:
        return True
    # "2,500m euros", "1,500m shares": millions of what the next word names
    counted = word.endswith("s") or word in lx.CURRENCY_SUFFIXES
    return value >= lx.METRES_NOT_MILLIONS_FROM and not counted


def _read_scale(text: str, r: Reading, after: str) -> bool:
    """ "1.5 billion", "$1.2bn", "Rs 5 lakh", "1.2 lakh crore" (False: a vague "millions of")."""
    if not r.is_word and after[:1].isalpha() and measure_unit(after, glued=True):
        return True  # "1.8m tall", "24703m2": metres, not million
    if not r.is_word and metres_not_millions(r.value, after) and prefix_currency(text, r.start, r.end, True) is None:
        return True
    m = SCALE_GLUED.match(after) if not r.is_word else None
    if m is None:
        m2 = SCALE_AFTER.match(after)
        if m2 and (m2.group(2).lower() not in lx.SHORT_SCALES):
            m = m2
    if m is None:
        return True
    word = m.group(m.lastindex or 0).lower()
    r.scale = lx.SCALES[word]
    r.scale_given = True
    r.end = r.num_end = r.end + len(m.group().rstrip("."))
    m2 = SCALE_AFTER.match(text[r.end : r.end + 20]) if word in lx.COMPOUND_SCALE_FIRST else None
    if m2 and lx.SCALES[m2.group(2).lower()] > r.scale and m2.group(2).lower() not in lx.SHORT_SCALES:
        r.scale *= lx.SCALES[m2.group(2).lower()]  # "1.2 lakh crore"
        r.end = r.num_end = r.end + len(m2.group().rstrip("."))
    return word not in lx.VAGUE_SCALES  # "millions of", "billions of": vague, not a number


def _read_prefixed_amount(text: str, r: Reading, prefix: tuple[str, int], trace: Trace) -> None:
    code, prefix_len = prefix
    r.kind, r.unit, r.surface_unit = "amount", code, text[r.start - prefix_len : r.start].strip()
    r.start -= prefix_len
    trace.add("unit", "unit_after.currency_prefix")
    after = text[r.end : r.end + 60]
    if not r.scale_given:  # short scales are fine right after a currency amount: "$4m", "£3 m"
        ms = _SHORT_SCALE_AFTER_MONEY.match(after)
        if ms:
            r.scale = lx.SCALES[ms.group(1).lower()]
            r.scale_given = True
            r.end = r.num_end = r.end + len(ms.group().rstrip("."))
            after = text[r.end : r.end + 60]
    ms = CUR_SUFFIX.match(after)  # "$5 billion dollars"
    if ms and lx.CURRENCY_SUFFIXES[ms.group(1).lower()] == code:
        r.end += len(ms.group())
        after = text[r.end : r.end + 60]
    _read_price_per(text, r, trace)


def _read_price_per(text: str, r: Reading, trace: Trace) -> None:
    """ "$98 a share", "$70-a-share", "64 cents a dozen", "1,015 francs a share": a price per unit."""
    per = _PRICE_PER.match(text[r.end : r.end + 60])
    if per:
        r.per = per.group(1).lower()
        r.end += len(per.group())
        trace.add("unit", "unit_after.price_per")


def _read_percent_per_time(text: str, r: Reading, trace: Trace) -> None:
    """ "15% per annum", "3 percent a year": a percent per period keeps its period."""
    per = _PERCENT_PER_TIME.match(text[r.end : r.end + 30])
    if per:
        r.per = lx.PER_TIME_WORDS[per.group(1).lower()]
        r.end += len(per.group())
        trace.add("unit", "unit_after.percent_per_time")


def _read_counted(text: str, r: Reading, after: str, trace: Trace) -> None:
    noun = read_count_noun(text, r.start, r.value * r.scale, after, trace)
    if noun.kind is None:
        return
    if noun.kind == "drop":
        r.kind = "drop"
        return
    r.kind, r.unit, r.low = noun.kind, noun.unit, noun.low
    r.end += noun.extend
    if noun.kind == "duration":
        r.surface_unit = after[: noun.extend].lstrip(" -‑")
        return
    # a compound unit as printed ("square-mile" of "5,000-square-mile"); a counted noun by name
    r.surface_unit = after[: noun.extend].lstrip(" -‑") if noun.measure is not None else noun.unit
    rest = text[r.end : r.end + 60]
    per_head = RATE_AFTER.match(rest) if noun.kind == "count" else None
    per_time = time_rate_after(rest) if noun.kind == "count" and per_head is None else None
    per = per_head or per_time
    if per is not None:  # "12 deaths per 1,000 live births", "100 drones per month": one rate
        r.kind = "rate"
        r.unit += " " + re.sub(r"\s+", " ", per.group().strip())
        r.surface_unit = r.unit
        r.end += len(per.group())
        trace.add("unit", "unit_after.count_rate")


def _apply(r: Reading, unit: Unit) -> None:
    r.kind, r.unit, r.times, r.low = unit.kind, unit.unit, unit.times, unit.low
    r.start -= unit.before
    r.scale *= unit.scale
    r.end += unit.length
    r.surface_unit = unit.surface
    r.claim_unit = unit.claim_unit
    r.dimension = unit.dimension


def _read_hedge(text: str, r: Reading) -> None:
    hb = HEDGE.search(text[max(0, r.start - 30) : r.start])
    if hb:
        r.hedge = re.sub(r"\s+", " ", hb.group(1).lower())
        r.start -= len(hb.group())
        r.change = lx.HEDGES[r.hedge]
