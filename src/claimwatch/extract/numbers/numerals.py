"""Numerals in news text, and the small text-window helpers the number finder shares.

This module finds where numbers are written — digits ("1,644", "12 241"), number
words ("two hundred", "a dozen"), fractions ("a third"), ratios ("one in every
five") and multiplier words ("tripled") — and parses their values. What a number
measures (its unit, kind and claim worthiness) is decided in ``quantities.py``;
the currency marks written before a number ("$", "Rp", "N450 billion" for naira) and
the currency an exchange rate is quoted in are read here too.
Offsets are into the text given; page chrome lines are recognised here because
both the finder and the scorer skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...lexicon import numbers as lx
from ..rules import Trace

# --- compiled patterns (built once from the lexicon) ------------------------

_WORD_NUMS = sorted([*lx.UNIT_WORDS, *lx.TENS_WORDS, lx.HUNDRED_WORD, lx.DOZEN_WORD], key=len, reverse=True)
WORD_NUM_ALT = "|".join(_WORD_NUMS)
# Digits: Western and Indian grouping ("1,644", "1,00,000", "15,57.6"); a single
# ", " or space grouping only before a word ("40, 849 cases", "12 241 warheads");
# a decimal broken by a paragraph break only before a scale word ("$399.\n\n17 billion").
_DIGITS = re.compile(
    r"(?<![\d,])(?<!\d\.)(?:"
    r"\d{1,3}(?:,\s\d{3})(?![\d,])(?=\s+[a-z])"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])(?=\s+[a-z])"
    r"|\d+\.\s*\n\s*\d+(?=\s+(?:billion|million|trillion)\b)"
    # a decimal comma ("$28,5 billion", "12,5%"): one or two digits after the comma, then a
    # scale or a percent, which no thousands grouping ends with
    rf"|\d{{1,3}},\d{{1,2}}(?![\d,])(?=\s?(?:{lx.DECIMAL_COMMA_NEXT_RE}))"
    r"|\d+(?:,\d{2,3})*(?:\.\d+)?"
    r")"
)
_WORD_SCALE_ALT = "|".join(lx.WORD_SCALES)
# Number words; a scale word inside counts when more number words follow it ("thirty-one
# thousand four hundred and six"), a trailing one is read as the number's scale; a decimal
# may be spelled ("one-point-five").
_WORDS = re.compile(
    rf"\b(?:(?:{WORD_NUM_ALT})(?:[\s-]+(?:and\s+)?(?:{WORD_NUM_ALT}|(?:{_WORD_SCALE_ALT})(?=[\s-]+(?:and\s+)?(?:{WORD_NUM_ALT})\b)))*"
    rf"(?:[\s-]+point(?:[\s-]+(?:{'|'.join(lx.UNIT_WORDS)}))+)?"
    r"|an?\s+(?:dozen|hundred)|an?\s+(?=(?:thousand|million|billion|trillion)\b))\b",
    re.IGNORECASE,
)
# A decimal spelled with "point" where digits stand on either side ("14-point-eight",
# "nine-point-02", "one-point-17"), as broadcasters' scripts print figures; with digits on
# both sides only when hyphenated ("14-point-8"), never "won 21 point 5" in a score.
_UNIT_WORD_ALT = "|".join(sorted(lx.UNIT_WORDS, key=len, reverse=True))
_SPELLED_WHOLE = rf"(?:{WORD_NUM_ALT})(?:[\s-]+(?:{WORD_NUM_ALT}))*"
_SPELLED_DECIMAL = re.compile(
    rf"(?<![\w.,])(?:(\d{{1,3}})-point-(\d+)|(?:(\d{{1,3}})|({_SPELLED_WHOLE}))[\s-]+point[\s-]+"
    rf"(?:(\d+)|((?:{_UNIT_WORD_ALT})(?:[\s-]+(?:{_UNIT_WORD_ALT}))*)))(?![\w.,]*\d)\b",
    re.IGNORECASE,
)
# A whole number and a fraction: "one and a half", "2 and a half", "three-and-a-quarter",
# "five and three quarters" (the fraction below one).
_WHOLE_AND_FRACTION = re.compile(
    rf"(?<![\w.,])(?:(\d+)|({_SPELLED_WHOLE}))[\s-]+and[\s-]+"
    rf"({'|'.join(lx.FRACTION_NUMERATORS)})[\s-]+({'|'.join(lx.FRACTION_DENOMINATORS)})\b",
    re.IGNORECASE,
)
# "half a million", "a quarter million", "three quarters of a billion": a fraction of a scale
_FRACTION_OF_SCALE = re.compile(
    rf"\b(?:(a|one|two|three)\s+)?({'|'.join(lx.FRACTION_DENOMINATORS)})(?:\s+(?:of\s+)?an?)?"
    r"(?=\s+(?:thousand|million|billion|trillion|lakh|crore)\b)",
    re.IGNORECASE,
)
_LOOSE_AND = re.compile(rf"(?<!{lx.HUNDRED_WORD})(?<!thousand)(?<!million)(?<!billion)(?<!lakh)(?<!crore)\s+and\s", re.IGNORECASE)
_INNER_SCALE = re.compile(rf"\b(?:{_WORD_SCALE_ALT})\b", re.IGNORECASE)
_TRAILING_SCALE = re.compile(rf"^[\s-]+((?:{_WORD_SCALE_ALT}))\b", re.IGNORECASE)
# "1/4 mile", "10 1/2 miles", "½ teaspoon", "10½": a whole number and a common fraction
_VULGAR = "".join(lx.VULGAR_FRACTIONS)
_SLASH_FRACTION = re.compile(
    rf"(?<![\d/.,])(?:(\d+)(?:\s+|(?=[{_VULGAR}])))?(?:(\d)/(\d{{1,2}})|([{_VULGAR}]))(?![\d/])"
)
_FRACTION = re.compile(
    r"\b(?:(?:"
    + "|".join(lx.FRACTION_NUMERATORS)
    + r")[\s-](?:"
    + "|".join(sorted(lx.FRACTION_DENOMINATORS, key=len, reverse=True))
    + r")|half)\b",
    re.IGNORECASE,
)
_FRACTION_RATIO_AFTER = re.compile(lx.FRACTION_RATIO_AFTER_RE, re.IGNORECASE)
_RATIO_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})*|\d+|(?:{WORD_NUM_ALT})(?:[\s-]+(?:{WORD_NUM_ALT}))?)"
_RATIO = re.compile(rf"\b({_RATIO_NUM}){lx.RATIO_LINK_RE}({_RATIO_NUM})\b(?![.,]\d)", re.IGNORECASE)
_MULT_WORD = re.compile(
    r"\b(?:(?:" + "|".join(sorted(lx.MULTIPLIER_WORDS, key=len, reverse=True)) + r"))\b", re.IGNORECASE
)
VALUE_CHANGE_AFTER = re.compile(lx.VALUE_CHANGE_AFTER_RE, re.IGNORECASE)
_CHROME_LINE = re.compile(lx.CHROME_LINE_RE, re.IGNORECASE)
_CHROME_ANY = re.compile(lx.CHROME_ANYWHERE_RE, re.IGNORECASE)
_MACHINE_VALUES_LINE = re.compile(lx.MACHINE_VALUES_LINE_RE, re.IGNORECASE)
_LONE_NUMBER_LINE = re.compile(lx.LONE_NUMBER_LINE_RE)
_DATE_OR_TIME_LINE = re.compile(lx.DATE_OR_TIME_LINE_RE, re.IGNORECASE)
DATES = re.compile("|".join(lx.DATE_RES))
PHONE = re.compile(lx.PHONE_RE)
WORD = re.compile(r"[A-Za-z][A-Za-z’'.-]*[A-Za-z]|[A-Za-z]")
_CLAUSE_BREAK = re.compile(r"[.!?;]\s|\n")


def _hedge_pattern() -> re.Pattern[str]:
    alt = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(lx.HEDGES, key=len, reverse=True))
    return re.compile(rf"\b({alt})\s+$", re.IGNORECASE)


HEDGE = _hedge_pattern()


# --- intermediate readings --------------------------------------------------


@dataclass
class Reading:
    """One numeral and what was read around it, before linking and scoring."""

    start: int
    end: int  # end of the whole quantity (unit included)
    num_end: int  # end of the numeral and its scale
    value: float
    is_word: bool
    kind: str | None = None  # None while bare
    unit: str = ""
    scale: float = 1.0
    value_high: float | None = None
    hedge: str | None = None
    change: str | None = None
    direction_word: str | None = None
    scale_given: bool = False
    times: bool = False  # "N times": a multiplier only in the right context
    consumed: bool = False
    low: bool = False  # a kind of count that is rarely a claim (magnitude, compound)
    inherit: Reading | None = None  # a percent without its sign takes this one's kind
    kind_settled: bool = False  # the reading itself fixed the kind ("one in five")
    surface_unit: str = ""  # the unit as printed ("bpd", "$", "sq m")
    claim_unit: str = ""  # the readable unit a claim carries when it differs ("barrels per day")
    dimension: str = ""  # pint's dimensionality of a measure or rate
    per: str | None = None  # an amount per unit: "$98 a share" -> "share"
    role: str | None = None  # "baseline" or "new" in a movement "from X to Y"
    partner: Reading | None = None  # the other end of that movement
    trace: Trace = field(default_factory=Trace)


# --- currency marks ------------------------------------------------------------

CURRENCY_NAME_RE = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(lx.CURRENCY_NAMES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def _prefix_pattern() -> re.Pattern[str]:
    parts = []
    for p in sorted([*lx.CURRENCY_PREFIXES, *lx.LOWERCASE_CODE_PREFIXES], key=len, reverse=True):
        esc = re.escape(p).replace(r"\ ", r"\s?")
        # letter prefixes need a boundary so "Mrs 5" or "thRs" never read as rupees
        esc = rf"\b{esc}" if p[0].isalpha() else esc
        # a symbol with its letters ("HK$", "C $") is money in any case; bare letters keep theirs
        parts.append(f"(?i:{esc})" if re.search(r"[^\w\s.]", p) else esc)
    return re.compile(rf"(?:{'|'.join(parts)})\s?$")


CUR_PREFIX = _prefix_pattern()
_PREFIX_CODES = {re.sub(r"\s", "", k).lower(): v for k, v in {**lx.LOWERCASE_CODE_PREFIXES, **lx.CURRENCY_PREFIXES}.items()}


@lru_cache(maxsize=64)
def rupee_currency(text: str) -> str:
    """Which currency "Rs"/"rupees" means in this document (most cues wins)."""
    best, best_n = lx.RUPEE_DEFAULT, 0
    for code, cues in lx.RUPEE_CUES.items():
        n = sum(len(re.findall(rf"\b{re.escape(c)}", text)) for c in cues)
        if n > best_n:
            best, best_n = code, n
    return best


def naira_prefix(text: str, start: int, end: int, scale_given: bool) -> bool:
    """ "N450 billion", "N1,200" in a Nigerian story: a naira amount, unlike "N95 masks"."""
    if start < 1 or text[start - 1] != lx.NAIRA_LETTER_PREFIX:
        return False
    if start >= 2 and (text[start - 2].isalnum() or text[start - 2] in "-‑"):
        return False  # part of a word or a model name ("GN450", "B-N450")
    if scale_given:
        return True
    return "," in text[start:end] and _nigerian(text)


@lru_cache(maxsize=64)
def _nigerian(text: str) -> bool:
    """Whether the document is about Nigeria (so a bare "N" before a number is naira)."""
    return any(re.search(rf"\b{re.escape(c)}\b", text) for c in lx.NAIRA_CUES)


def prefix_currency(text: str, start: int, end: int, scale_given: bool) -> tuple[str, int] | None:
    """The currency written before a number, as (ISO code, length of the prefix)."""
    pm = CUR_PREFIX.search(text[max(0, start - 9) : start])
    if pm:
        return _PREFIX_CODES.get(re.sub(r"\s", "", pm.group()).lower(), "USD"), len(pm.group())
    if naira_prefix(text, start, end, scale_given):
        return "NGN", 1
    mangled = lx.MANGLED_POUND_PREFIX
    if scale_given and text[max(0, start - len(mangled)) : start] == mangled and not text[start - len(mangled) - 1 : start - len(mangled)].isalnum():
        return "GBP", len(mangled)  # "PS3.2m": a pound sign a feed turned into letters
    return None


def local_currency(text: str, pos: int) -> str | None:
    """The currency named in the sentence before an exchange rate ("the rupee fell to 86.2")."""
    s, _ = sentence_bounds(text, pos)
    names = list(CURRENCY_NAME_RE.finditer(text[s:pos]))
    if not names:
        return None
    code = lx.CURRENCY_NAMES[re.sub(r"\s+", " ", names[-1].group(1).lower())]
    return rupee_currency(text) if code == "INR" else code


# --- parsing and text windows ----------------------------------------------


def parse_digits(raw: str) -> float:
    if re.fullmatch(r"\d{1,3},\d{1,2}", raw):
        return float(raw.replace(",", "."))  # a decimal comma ("28,5")
    cleaned = re.sub(r"[,\s\u00a0\u202f]", "", raw)
    return float(cleaned)


def fraction_value(m: re.Match[str]) -> float | None:
    """The value of a common fraction match ("10 1/2" -> 10.5, "½" -> 0.5); None for "9/11"."""
    whole = float(m.group(1)) if m.group(1) else 0.0
    if m.group(4):
        return whole + lx.VULGAR_FRACTIONS[m.group(4)]
    num, den = int(m.group(2)), int(m.group(3))
    if den not in lx.FRACTION_SLASH_DENOMINATORS or not 0 < num < den:
        return None
    return whole + num / den


def parse_words(raw: str) -> float | None:
    """ "thirty-one thousand four hundred and six" -> 31406; "one-point-five" -> 1.5."""
    total = 0.0
    current = 0.0
    seen = False
    decimals: list[int] | None = None
    for word in re.split(r"[\s-]+", raw.lower()):
        if word in ("and", ""):
            continue
        if decimals is not None:
            if word in lx.UNIT_WORDS:
                decimals.append(lx.UNIT_WORDS[word])
            continue
        if word == "point" and seen:
            decimals = []
        elif word in ("a", "an"):
            current = 1
            seen = True
        elif word in lx.UNIT_WORDS:
            current += lx.UNIT_WORDS[word]
            seen = True
        elif word in lx.TENS_WORDS:
            current += lx.TENS_WORDS[word]
            seen = True
        elif word == lx.HUNDRED_WORD:
            current = (current or 1) * 100
            seen = True
        elif word == lx.DOZEN_WORD:
            current = (current or 1) * 12
            seen = True
        elif word in lx.WORD_SCALES:
            total += (current or 1) * lx.SCALES[word]
            current = 0.0
    total += current
    if decimals:
        total += float("0." + "".join(str(d % 10) for d in decimals))
    return total if seen else None


def spelled_decimal(m: re.Match[str]) -> float | None:
    """The value of a ``_SPELLED_DECIMAL`` match ("14-point-eight" -> 14.8); None when both
    sides are digits with spaces, or both are words (``parse_words`` reads those)."""
    if m.group(1):
        return float(f"{m.group(1)}.{m.group(2)}")
    if m.group(4) and m.group(6):
        return None
    if m.group(3) and m.group(5):
        return None
    whole = float(m.group(3)) if m.group(3) else parse_words(m.group(4))
    if whole is None:
        return None
    if m.group(5):
        return whole + float("0." + m.group(5))
    digits = "".join(str(lx.UNIT_WORDS[w] % 10) for w in re.split(r"[\s-]+", m.group(6).lower()) if w)
    return whole + float("0." + digits)


def whole_and_fraction(m: re.Match[str]) -> float | None:
    """The value of a ``_WHOLE_AND_FRACTION`` match ("two and a half" -> 2.5); None when
    the fraction is not below one ("three and four thirds")."""
    whole = float(m.group(1)) if m.group(1) else parse_words(m.group(2))
    numerator = lx.FRACTION_NUMERATORS[m.group(3).lower()]
    denominator = lx.FRACTION_DENOMINATORS[m.group(4).lower()]
    if whole is None or numerator >= denominator:
        return None
    return whole + numerator / denominator


def words_before(text: str, pos: int, n: int) -> list[str]:
    """The last ``n`` words before ``pos`` within its clause, lower-cased."""
    left = text[max(0, pos - 80) : pos]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(left)), default=0)
    return [w.lower() for w in WORD.findall(left[cut:])][-n:]


def words_after(text: str, pos: int, n: int) -> list[str]:
    right = text[pos : pos + 80]
    m = _CLAUSE_BREAK.search(right)
    if m:
        right = right[: m.start()]
    return [w.lower() for w in WORD.findall(right)][:n]


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """A cheap sentence window around ``pos`` (clauses end at . ! ? or a newline)."""
    left = text[max(0, pos - 300) : pos]
    starts = [m.end() for m in re.finditer(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“0-9])|\n", left)]
    start = max(0, pos - 300) + (starts[-1] if starts else 0)
    right = text[pos : pos + 300]
    m = re.search(r"[.!?](?=[\"'”’)]*\s+[A-Z\"“]|\s*$)|\n", right)
    end = pos + (m.start() if m else len(right))
    return start, end


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def is_chrome(text: str, pos: int) -> bool:
    """A number on a short metadata/page-chrome line ("Updated: ...", "2 min read")."""
    line = _line_at(text, pos)
    if text.rfind("\n", 0, pos) + 1 in _repeated_title_lines(text):
        return True
    if _MACHINE_VALUES_LINE.match(line):
        return True  # "1920 1080 true": an image's size and a flag
    if _LONE_NUMBER_LINE.match(line) and _next_to_date_line(text, pos):
        return True  # "• 469" under the page's date line: a counter of views or shares
    # long lines are paragraphs that merely begin with a metadata token ("date 2023-06-11 TEHRAN- ...")
    return len(line) <= 100 and bool(_CHROME_LINE.match(line) or _CHROME_ANY.search(line))


def _next_to_date_line(text: str, pos: int) -> bool:
    """Whether the nearest non-blank line before or after the one at ``pos`` is a short
    date or time line."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    before = text[max(0, start - 300) : start].rstrip().rsplit("\n", 1)[-1]
    after = text[end : end + 300].lstrip().split("\n", 1)[0] if end >= 0 else ""
    return any(
        0 < len(line.strip()) <= lx.DATE_OR_TIME_LINE_MAX_CHARS and _DATE_OR_TIME_LINE.search(line)
        for line in (before, after)
    )


@lru_cache(maxsize=64)
def _repeated_title_lines(text: str) -> frozenset[int]:
    """Start offsets of short lines that repeat an earlier line word for word.

    Scraped pages often print the headline twice (page title and article title):
    the copy is page chrome, the first one stays.
    """
    seen: set[str] = set()
    repeats: set[int] = set()
    pos = 0
    for line in text.split("\n"):
        key = line.strip()
        if lx.TITLE_MIN_CHARS <= len(key) <= lx.TITLE_MAX_CHARS:
            if key in seen:
                repeats.add(pos)
            seen.add(key)
        pos += len(line) + 1
    return frozenset(repeats)


def is_year(raw: str, value: float) -> bool:
    return bool(re.fullmatch(r"\d{4}", raw)) and lx.YEAR_MIN <= value <= lx.YEAR_MAX


def numerals(text: str) -> list[tuple[int, int, float, bool]]:
    """All numerals (start, end, value, is_word), digits and words, not overlapping."""
    found: list[tuple[int, int, float, bool]] = []
    taken: list[tuple[int, int]] = []
    for m in _FRACTION.finditer(text):
        taken.append((m.start(), m.end()))
    dates = [(m.start(), m.end()) for m in DATES.finditer(text)]
    dates += [(m.start(), m.end()) for m in PHONE.finditer(text)]
    with_fraction: list[tuple[int, int]] = []
    for m in _WHOLE_AND_FRACTION.finditer(text):
        value = whole_and_fraction(m)
        if value is not None:
            found.append((m.start(), m.end(), value, m.group(2) is not None))
            with_fraction.append((m.start(), m.end()))
    taken += with_fraction
    for m in _SPELLED_DECIMAL.finditer(text):
        value = spelled_decimal(m)
        if value is not None:
            found.append((m.start(), m.end(), value, True))
            taken.append((m.start(), m.end()))
    for m in _DIGITS.finditer(text):
        if any(s <= m.start() < e for s, e in dates + taken):
            continue
        found.append((m.start(), m.end(), parse_digits(m.group()), False))
    for m in _FRACTION_OF_SCALE.finditer(text):
        if any(s <= m.start() < e for s, e in with_fraction):
            continue
        numerator = lx.FRACTION_NUMERATORS.get((m.group(1) or "a").lower(), 1)
        denominator = lx.FRACTION_DENOMINATORS[m.group(2).lower()]
        if numerator < denominator:
            found.append((m.start(), m.end(), numerator / denominator, True))
            taken.append((m.start(), m.end()))
    for m in _SLASH_FRACTION.finditer(text):
        if any(s <= m.start() < e for s, e in dates):
            continue
        value = fraction_value(m)
        if value is not None:
            found = [f for f in found if not m.start() <= f[0] < m.end()]
            found.append((m.start(), m.end(), value, False))
    for m in _WORDS.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if m.group().strip().lower() in (lx.HUNDRED_WORD, lx.DOZEN_WORD):
            prev = words_before(text, m.start(), 1)
            if prev and prev[0] in lx.VAGUE_BEFORE:
                continue  # "several hundred guests"
        end = m.start() + len(m.group().rstrip())
        raw = text[m.start() : end]
        loose_and = _LOOSE_AND.search(raw)
        if loose_and:  # "three and five": two numbers; "a hundred and six" is one
            end = m.start() + loose_and.start()
            raw = text[m.start() : end]
        trailing = _TRAILING_SCALE.match(text[end : end + 20]) if _INNER_SCALE.search(raw) else None
        if trailing:  # "two million three hundred thousand": the last scale belongs to the tail
            end += trailing.end()
            raw = text[m.start() : end]
        value = parse_words(raw.strip())
        if value is not None:
            found.append((m.start(), end, value, True))
    return sorted(found)


# --- numbers written as words -----------------------------------------------


def multiplier_words(text: str) -> list[Reading]:
    """Multiplier verbs and adjectives: "tripled", "threefold", "at least treble"."""
    out: list[Reading] = []
    for m in _MULT_WORD.finditer(text):
        word = m.group().lower()
        after = text[m.end() : m.end() + 20]
        if re.match(r"[-‑]", after):  # "double-digit", "triple-A"
            continue
        nxt = words_after(text, m.end(), 1)
        if nxt and nxt[0] in lx.MULTIPLIER_IDIOM_AFTER:
            continue  # "doubling down"
        if word in lx.MULTIPLIER_COMPARISON_ONLY and not (nxt and nxt[0] in lx.MULTIPLIER_COMPARISON_NEXT):
            continue  # "met twice": occasions, not a multiplier
        bare = word in ("double", "triple", "treble", "quadruple", "quintuple", "halve")
        prev = words_before(text, m.start(), 1)
        size_of_change = bool(nxt and nxt[0] in lx.MULTIPLIER_CHANGE_NOUNS)  # "a treble increase"
        if bare and not (prev and prev[0] in lx.MULTIPLIER_VERB_CONTEXT) and not size_of_change:
            continue
        r = Reading(
            m.start(), m.end(), m.end(), float(lx.MULTIPLIER_WORDS[word]), True, kind="multiplier", unit="x"
        )
        r.change = "down" if r.value < 1 else "up"
        r.direction_word = word
        hb = HEDGE.search(text[max(0, r.start - 30) : r.start])
        if hb:
            r.hedge = re.sub(r"\s+", " ", hb.group(1).lower())
            r.start -= len(hb.group())
        out.append(r)
    return out


def _ratio_part(raw: str) -> float | None:
    return parse_digits(raw) if raw[0].isdigit() else parse_words(raw)


def ratios(text: str) -> list[Reading]:
    """Ratios as shares: "one in every five dollars" (20 %), "three out of 10 voters" (30 %)."""
    out: list[Reading] = []
    for m in _RATIO.finditer(text):
        part, whole = _ratio_part(m.group(1)), _ratio_part(m.group(2))
        if part is None or not whole or part > whole or whole < 2:
            continue
        if is_year(m.group(2), whole) or is_chrome(text, m.start()):
            continue  # "two in 2023"
        nxt = words_after(text, m.end(), 1)
        if nxt and nxt[0] in lx.TIME_NOUNS | lx.NOT_COUNT_NOUNS - {"the"}:
            continue  # "one in three days", "two in ten of the ..."
        r = Reading(
            m.start(), m.end(), m.end(), round(100 * part / whole, 2), True, kind="percent_share", unit="%"
        )
        r.kind_settled = True  # a ratio is a share whatever the clause says
        hb = HEDGE.search(text[max(0, r.start - 30) : r.start])
        if hb:
            r.hedge = re.sub(r"\s+", " ", hb.group(1).lower())
            r.change = lx.HEDGES[r.hedge]
            r.start -= len(hb.group())
        out.append(r)
    return out


def fraction_percent(phrase: str) -> float | None:
    """The percent a fraction phrase stands for: "two-thirds" -> 66.67, "half" -> 50."""
    parts = re.split(r"[\s-]+", phrase.strip().lower())
    if parts == ["half"]:
        return 50.0
    if len(parts) != 2 or parts[0] not in lx.FRACTION_NUMERATORS or parts[1] not in lx.FRACTION_DENOMINATORS:
        return None
    numerator, denominator = lx.FRACTION_NUMERATORS[parts[0]], lx.FRACTION_DENOMINATORS[parts[1]]
    if numerator >= denominator:
        return None  # "four quarters", "two halves": a whole, or periods
    return round(100 * numerator / denominator, 2)


def _fraction_change(prev: list[str]) -> str | None:
    """The direction verb governing a bare fraction ("having fallen about a fifth")."""
    verb = next((w for w in reversed(prev) if w not in lx.HEDGES and w not in ("by", "a", "an")), None)
    if verb is None or verb in lx.FRACTION_CHANGE_EXCLUDED:
        return None
    if verb in lx.DOWN_WORDS or verb in lx.UP_WORDS:
        return verb
    return None


def fractions(text: str) -> list[Reading]:
    """Fractions as percents or multipliers.

    "a third of" is a share; "fell by a fifth" and "having fallen about a fifth"
    are changes; "half of what we earned" compares with an earlier amount, so it is
    a multiplier (0.5).
    """
    out: list[Reading] = []
    for m in _FRACTION.finditer(text):
        percent = fraction_percent(m.group())
        if percent is None:
            continue
        prev = words_before(text, m.start(), 4)
        if m.group().lower() == "half" and prev and prev[-1] in lx.HALF_PERIOD_WORDS:
            continue
        after = text[m.end() : m.end() + 60]
        hb = HEDGE.search(text[max(0, m.start() - 30) : m.start()])
        hedge = re.sub(r"\s+", " ", hb.group(1).lower()) if hb else None
        verb = next((w for w in reversed(prev) if w not in lx.HEDGES), None)
        change_verb = _fraction_change(prev)
        r = Reading(m.start(), m.end(), m.end(), percent, True, kind="percent_share", unit="%")
        if VALUE_CHANGE_AFTER.match(after) and verb in lx.VALUE_CHANGE_VERBS:
            down = verb in lx.DOWN_WORDS  # "shed a third of its value"
            r.kind, r.value = "percent_change", -percent if down else percent
            r.change, r.direction_word = ("down" if down else "up"), verb
        elif _FRACTION_RATIO_AFTER.match(after):
            r.kind, r.unit, r.value = "multiplier", "x", round(percent / 100, 3)
            r.change = lx.HEDGES[hedge] if hedge else "down"
        elif re.match(r"\s+of\b", after):
            r.change = lx.HEDGES[hedge] if hedge else None
        elif change_verb is not None:
            down = change_verb in lx.DOWN_WORDS
            r.kind, r.value = "percent_change", -percent if down else percent
            r.change, r.direction_word = ("down" if down else "up"), change_verb
        else:
            continue
        if hb:
            r.hedge = hedge
            r.start -= len(hb.group())
        r.kind_settled = True
        out.append(r)
    return out
