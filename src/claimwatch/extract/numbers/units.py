"""Units written after a number: scales, percent signs, currencies named in words, and units
of measure normalized with pint.

``measure_unit`` reads "840 sq m", "512GB", "90 Hz", "1.2 million barrels per day",
"tonnes per hectare", "miles an hour", "3 hours": the unit as printed, its pint form
("meter ** 2", "barrel / day") and the kind that follows from pint's dimensionality
(a time is a ``duration``, something per time or per area a ``rate``, anything else a
``measure``). The tables of surface forms are data in ``claimwatch.lexicon.numbers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...lexicon import numbers as lx

_SCALE_ALT = "|".join(sorted(lx.SCALES, key=len, reverse=True))
SCALE_AFTER = re.compile(rf"^(\s?-?\s?)({_SCALE_ALT})\b\.?", re.IGNORECASE)
SCALE_GLUED = re.compile(rf"^({_SCALE_ALT})(?![a-z])", re.IGNORECASE)
# "27%", "27 %" (a space before the sign, as some outlets print it), "27 per cent", "2.4pc"
PERCENT_AFTER = re.compile(rf"^(?:\s?%|pc\b|{lx.PERCENT_WORDS_RE})", re.IGNORECASE)
PERCENT_POINT = re.compile(rf"^(?:{lx.PERCENTAGE_POINT_RE})", re.IGNORECASE)
BASIS_POINT = re.compile(rf"^(?:{lx.BASIS_POINT_RE})", re.IGNORECASE)
RATE_AFTER = re.compile(lx.RATE_AFTER_RE, re.IGNORECASE)
EXCHANGE_AFTER = re.compile(lx.EXCHANGE_AFTER_RE, re.IGNORECASE)


def _alternation(keys: Any) -> str:
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(keys, key=len, reverse=True))


CUR_SUFFIX = re.compile(rf"^\s?({_alternation(lx.CURRENCY_SUFFIXES)})\b", re.IGNORECASE)
CUR_SUFFIX_HYPHEN = re.compile(rf"^[-‑]({_alternation(lx.CURRENCY_SUFFIXES)})\b", re.IGNORECASE)
_SURFACE = {**{k: lx.PHYSICAL_UNIT_PINT.get(v, "") for k, v in lx.PHYSICAL_UNITS.items()}, **lx.MEASURE_UNITS}
_SURFACE.update({k: v for k, v in lx.PHYSICAL_UNITS.items() if v not in lx.PHYSICAL_UNIT_PINT and k not in lx.MEASURE_UNITS})
_UNIT = re.compile(rf"^(\s?(?:of\s+)?)({_alternation(_SURFACE)})(?![\w²])(?!/\d)", re.IGNORECASE)
_UNIT_CASED = re.compile(rf"^(\s?)({_alternation(lx.MEASURE_UNITS_CASED)})(?![\w/])")
_UNIT_GLUED = re.compile(rf"^()({_alternation(lx.GLUED_ONLY_UNITS)})(?![\w/²])")
# a letter unit apart from the digits ("2 m long", "250 g of flour"): read only where the
# words after it say what it is
_UNIT_SPACED_LETTER = re.compile(rf"^(\s)({_alternation(lx.GLUED_ONLY_UNITS)})(?![\w/²])")
_OF_NEXT = re.compile(r"\s+of\b")
# a letter unit right before a slash is the numerator of a rate, glued or not ("3 m/s", "5g/cm3")
_UNIT_BEFORE_SLASH = re.compile(rf"^(\s?)({_alternation(lx.GLUED_ONLY_UNITS)})(?=\s?/)")
_TIME_SURFACE = [k for k, v in lx.MEASURE_UNITS.items() if v in lx.TIME_UNITS]
_RATE_DENOMINATOR = re.compile(
    rf"^(?:\s*/\s*|\s+per\s+)({_alternation({**_SURFACE, **lx.GLUED_ONLY_UNITS})})(?![\w/])"
    rf"|^\s+an?\s+({_alternation(_TIME_SURFACE)})\b",
    re.IGNORECASE,
)
# "glued to the digits": a unit with no space may stand where a word may not ("50km", "512GB")
_GLUED_KEYS = [k for k in {**_SURFACE, **lx.GLUED_ONLY_UNITS} if re.fullmatch(r"[a-zμµ²/]+\d?", k.lower())]
GLUED_UNIT = re.compile(
    rf"(?:{_alternation(_GLUED_KEYS)}|{_alternation(lx.MEASURE_UNITS_CASED)}|{lx.GLUED_UNITS_RE}|pc)(?![a-z])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class UnitReading:
    """A unit read after a number."""

    kind: str  # "measure", "rate", "duration", or "count" for a counted industry noun
    unit: str  # pint's canonical form ("barrel / day"), or the counted noun
    surface: str  # as printed ("bpd")
    length: int  # characters from the end of the number to the end of the unit
    claim_unit: str  # the readable name claims carry ("barrels per day")
    scale: float = 1.0  # a scale the unit carries ("mb/d": million barrels per day)
    dimension: str = ""


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint  # loaded on the first unit of measure: most texts never need it

    return pint.UnitRegistry()


@lru_cache(maxsize=1024)
def pint_unit(expr: str) -> tuple[str, str] | None:
    """(canonical unit, dimensionality) of a pint expression, or None when pint rejects it."""
    try:
        units = _registry().parse_units(expr)
    except Exception:  # pint raises several error types for text that is no unit
        return None
    return str(units), str(units.dimensionality)


def _kind(expr: str, dimension: str, per: bool) -> str:
    if expr in lx.TIME_UNITS or dimension == "[time]":
        return "duration"
    return "rate" if per or (dimension.endswith("/ [time]") and dimension != "1 / [time]") else "measure"


def _surface_expr(surface: str, cased: bool) -> tuple[str, str]:
    """(pint expression, claim name) of a unit as printed."""
    if cased:
        return lx.MEASURE_UNITS_CASED[surface], surface
    key = re.sub(r"\s+", " ", surface.lower())
    if key in lx.PHYSICAL_UNITS:
        # the claim name groups spellings ("tons", "tonnes": "tonnes"); pint reads the word
        # as printed where it can ("tons" are tons, "tonnes" metric tons)
        name = lx.PHYSICAL_UNITS[key]
        return lx.MEASURE_UNITS.get(key) or lx.PHYSICAL_UNIT_PINT.get(name, ""), name
    if key in lx.MEASURE_UNITS:
        return lx.MEASURE_UNITS[key], key
    return lx.GLUED_ONLY_UNITS.get(surface, lx.GLUED_ONLY_UNITS.get(key, "")), key


def measure_unit(after: str, glued: bool = False, sized: bool = False) -> UnitReading | None:
    """The unit at the start of ``after`` (the text right after a number), if any.

    ``glued``: the unit touches the digits, so a letter unit ("m", "g", "in") may stand;
    ``sized``: the number is known to be a size (a side of "1 m x 2 m"), so "m" is metres.
    """
    m = _UNIT_CASED.match(after) or _UNIT.match(after)
    cased = m is not None and m.re is _UNIT_CASED
    if m is None and glued:
        m = _UNIT_GLUED.match(after)
        if m is not None and m.group(2) == "m" and not sized and not _size_word_next(after[m.end() :]):
            return None  # "1.8m people": million, not metres
    if m is None and not glued:
        m = _UNIT_SPACED_LETTER.match(after)
        rest = after[m.end() :] if m is not None else ""
        if m is not None and not (sized or _size_word_next(rest) or (m.group(2) in lx.LETTER_UNITS_BEFORE_OF and _OF_NEXT.match(rest))):
            m = None
    if m is None:
        m = _UNIT_BEFORE_SLASH.match(after)
        if m is None or _RATE_DENOMINATOR.match(after[m.end() :]) is None:
            return None
    surface = m.group(2)
    expr, name = _surface_expr(surface, cased)
    length = m.end()
    scale = lx.UNIT_BUILTIN_SCALE.get(surface.lower(), 1.0) * lx.MEASURE_BUILTIN_SCALE.get(surface.lower(), 1.0)
    if not expr:  # a counted industry noun ("units", "doses")
        return UnitReading("count", name, surface, length, name, scale)
    per = False
    den = _RATE_DENOMINATOR.match(after[length:])
    if den is not None and " per " not in name:
        den_surface = den.group(1) or den.group(2)
        den_expr, den_name = _surface_expr(den_surface, False)
        if den_expr:
            expr, name, per = f"({expr})/({den_expr})", f"{name} per {lx.SINGULAR_UNITS.get(den_name, den_name)}", True
            length += den.end()
    read = pint_unit(expr)
    if read is None:
        return None
    unit, dimension = read
    return UnitReading(_kind(expr, dimension, per), unit, after[len(m.group(1)) : length], length, name, scale, dimension)


def _size_word_next(rest: str) -> bool:
    m = re.match(r"\s*([a-z]+)\b", rest, re.IGNORECASE)
    return m is not None and m.group(1).lower() in lx.METRE_SIZE_WORDS


def unit_after(after: str) -> bool:
    """Whether a unit of measure starts ``after``."""
    return measure_unit(after) is not None


def scale_follows(text: str, end: int) -> bool:
    """A scale word right after a numeral ("450 billion", "450bn")."""
    after = text[end : end + 20]
    m = SCALE_GLUED.match(after) or SCALE_AFTER.match(after)
    return m is not None and m.group(m.lastindex or 0).lower() not in lx.SHORT_SCALES - {"m", "b"}


def time_rate_after(after: str) -> re.Match[str] | None:
    """ "per month" after a counted noun: "100 drones per month" ("visitors a year" stays a count)."""
    return _TIME_RATE.match(after)


_TIME_RATE = re.compile(rf"^\s+per\s+({_alternation(_TIME_SURFACE)})\b", re.IGNORECASE)
