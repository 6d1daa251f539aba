"""Rules as data for finding quantities in news text.

Everything the number finder knows about English number words, scale words,
currencies, units, hedges, direction words and page chrome lives here, so the
algorithm in ``extract/numbers/`` stays free of word lists. All patterns are
matched case-insensitively unless noted.
"""

from __future__ import annotations

from . import user as _user

# --- number words -----------------------------------------------------------

UNIT_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# "a dozen", "five dozen": dozen multiplies what precedes it ("a" = 1)
DOZEN_WORD = "dozen"
HUNDRED_WORD = "hundred"

# Scale words after a number. Lower-cased keys; "m"/"b"/"k" only count when glued
# to the number or to a currency amount ("$4m", "$15.8b"), see SHORT_SCALES.
SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mil": 1e6,
    "crore": 1e7, "crores": 1e7, "cr": 1e7,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12, "trln": 1e12, "tln": 1e12, "tril": 1e12,
}  # fmt: skip
# Two scale words in a row multiply ("1.2 lakh crore" = 1.2e12, "5 thousand crore"):
# only when the second is the larger, so "a million" after "thousand" is never read.
COMPOUND_SCALE_FIRST: frozenset[str] = frozenset({"thousand", "lakh", "lakhs", "lac", "lacs"})
# Scale abbreviations that are too ambiguous to stand after a space ("5 m" is metres).
SHORT_SCALES: frozenset[str] = frozenset({"k", "m", "b", "mil"})

# Fractions read as percents ("a third of" -> 33.33 %; "fell by a fifth" -> -20 %):
# a numerator word (or "a"/"an") and a denominator word, "two-thirds", "three fifths".
FRACTION_NUMERATORS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
# After a fraction, a comparison with an earlier amount makes it a ratio of amounts
# (a multiplier: "less than half of what we earned", "a third of last year's level"),
# not a part of a whole.
FRACTION_RATIO_AFTER_RE = (
    r"^\s+of\s+(?:what\b|(?:last|the\s+previous|the\s+prior|a\s+year\s+earlier)\b|"
    r"(?:the|its|their|his|her|our)\s+(?:previous|prior|former|earlier|pre-[\w-]+|peak|usual|normal|"
    r"record|\d{4})\b|(?:the|its|their)\s+levels?\b)"
)
# Direction words that do not make a bare fraction a change ("make up half the staff").
FRACTION_CHANGE_EXCLUDED: frozenset[str] = frozenset({"up", "more", "less", "higher", "lower"})
# Words before "hundred"/"dozen" that make it vague ("several hundred guests").
VAGUE_BEFORE: frozenset[str] = frozenset(
    {"several", "few", "many", "some", "hundreds", "dozens", "thousands"}
)
# Words after a multiplier verb that make it an idiom ("doubling down").
MULTIPLIER_IDIOM_AFTER: frozenset[str] = frozenset({"down", "agent", "agents", "standards", "standard"})
# Words before "half" that make it a period, not a fraction ("the first half of 2023").
HALF_PERIOD_WORDS: frozenset[str] = frozenset({"first", "second", "latter", "former", "other", "back", "top"})

# --- ratios and ranges ---------------------------------------------------------

# "one in every five dollars", "three out of 10 voters": a share (20 %, 30 %).
RATIO_LINK_RE = r"\s+(?:in|out\s+of)\s+(?:every\s+)?"
# "grew by 300% to 400%" is a range of the change; "inflation rose by 0.5% to 3.2%" is a
# change and the new level of a rate. The clause names a rate with one of these words.
RATE_LEVEL_WORDS: frozenset[str] = frozenset({
    "inflation", "unemployment", "rate", "rates", "share", "yield", "yields", "turnout",
    "margin", "margins", "ratio", "approval", "literacy", "occupancy", "interest",
})  # fmt: skip
# The top of a range "by X% to Y%" is at most this many times its bottom.
BY_RANGE_MAX_RATIO = 5.0
# Verbs before "from X to Y" that make it a range, not a change from X to a new level Y.
RANGE_VERBS: frozenset[str] = frozenset({
    "ranged", "ranging", "range", "ranges", "varied", "varying", "varies", "vary",
    "fluctuated", "fluctuating", "fluctuates", "oscillated", "swung", "spanned",
})  # fmt: skip

# --- multipliers ------------------------------------------------------------

# Verbs and adjectives that are themselves a multiplier.
MULTIPLIER_WORDS: dict[str, float] = {
    "doubled": 2, "doubling": 2, "doubles": 2, "double": 2,
    "tripled": 3, "tripling": 3, "triples": 3, "triple": 3,
    "trebled": 3, "trebling": 3, "trebles": 3, "treble": 3,
    "quadrupled": 4, "quadrupling": 4, "quadruples": 4, "quadruple": 4,
    "quintupled": 5, "quintuple": 5,
    "halved": 0.5, "halving": 0.5, "halve": 0.5,
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6,
    "sevenfold": 7, "eightfold": 8, "ninefold": 9, "tenfold": 10, "hundredfold": 100,
    "twice": 2, "thrice": 3,
}  # fmt: skip
# Adverbs that are a multiplier only in a comparison ("twice as much as", "twice the size
# of", "twice that"), not as a count of occasions ("met twice").
MULTIPLIER_COMPARISON_ONLY: frozenset[str] = frozenset({"twice", "thrice"})
MULTIPLIER_COMPARISON_NEXT: frozenset[str] = frozenset({"as", "the", "that", "what", "its", "their", "his", "her"})
# Bare forms ("double", "triple") are verbs only after these words; otherwise they
# are adjectives ("double standards", "triple jump").
MULTIPLIER_VERB_CONTEXT: frozenset[str] = frozenset({
    "to", "can", "could", "will", "would", "should", "may", "might", "must", "shall",
    "least", "than", "nearly", "almost", "more", "roughly", "about", "and", "or", "also",
    "expected", "set", "likely", "plans", "aims", "want", "wants", "seeks", "hopes",
})  # fmt: skip
# Change nouns after a bare form that make it a multiplier of that change ("a treble
# increase in exports", "a double rise in output"): an adjective of size, not a verb.
MULTIPLIER_CHANGE_NOUNS: frozenset[str] = frozenset({
    "increase", "increases", "rise", "rises", "growth", "jump", "gain", "gains", "hike",
    "surge", "expansion", "boost",
})  # fmt: skip
# Words after "N times" that make it a multiplier ("2.5 times higher", "ten times the").
TIMES_COMPARATIVES: frozenset[str] = frozenset({
    "higher", "more", "larger", "bigger", "greater", "lower", "less", "smaller", "faster",
    "as", "the", "that", "than", "over", "increase", "growth", "rise", "jump",
})  # fmt: skip
# Verbs before "N times" that make it a multiplier ("rose by some three to four times").
TIMES_VERBS: frozenset[str] = frozenset({
    "increased", "increase", "increases", "grew", "grown", "rose", "risen", "jumped",
    "multiplied", "expanded", "surged", "by", "up", "boosted", "climbed",
})  # fmt: skip

# --- percents ---------------------------------------------------------------

PERCENT_WORDS_RE = r"%|\s?per\s?cent\b|\s?percent(?:age)?\b|\s?pct\b"
PERCENTAGE_POINT_RE = r"\s?(?:percentage|percent|per\s?cent)\s+points?\b|\s?pp\b"
# Basis points are a change of an interest rate or yield ("cut rates by 50 basis points").
BASIS_POINT_RE = r"\s?(?:basis[\s-]+points?|bps|bp)\b"
# Units glued to a number that do not make it a model name ("50bp", "2pp", "5km").
GLUED_UNITS_RE = r"(?:km|kg|mw|gw|bps?|pp)\b"

# A percent is a share when one of these is next to it ("X% of", "accounted for X%").
SHARE_AFTER_RE = (
    r"^\s*(?:of\b|share\b|stake\b|each\b|of\s+(?:the|its|their|total)\b|"
    r"(?:case\s+)?fatality\s+rate|turnout|majority|ownership|of\s+GDP)"
)
SHARE_BEFORE_RE = (
    r"\b(?:accounts?\s+for|accounted\s+for|accounting\s+for|makes?\s+up|made\s+up|making\s+up|"
    r"represents?|represented|representing|comprises?|comprised|constitutes?|constituted|"
    r"share\s+(?:of|at|to|was|is|stood\s+at)|turnout(?:\s+rate)?\s+(?:of|was|is|at|stood\s+at)|"
    r"turnout\s+at|put\s+the\s+turnout\s+at|a\s+minimum\s+of|a\s+maximum\s+of|stake\s+of|"
    r"owns?|holds?|equal\s+to|equivalent\s+to|amounting\s+to)\s*(?:about|around|some|nearly|almost|over|"
    r"more\s+than|less\s+than|roughly|approximately|just|only)?\s*$"
)
# Words anywhere in the clause that make a bare percent a share or a change.
SHARE_CONTEXT_WORDS: frozenset[str] = frozenset({
    "turnout", "share", "electorate", "gdp", "stake", "majority", "proportion", "fatality",
    "accounted", "accounts", "represents", "represented", "voted", "unemployment",
    "literacy", "approval", "poll", "polls", "support", "vote", "votes",
})  # fmt: skip
CHANGE_CONTEXT_WORDS: frozenset[str] = frozenset({
    "increase", "increased", "increases", "increasing", "rise", "rose", "risen", "rising",
    "rises", "growth", "grew", "grow", "grows", "growing", "grown", "up", "down", "fell",
    "fall", "falls", "fallen", "falling", "decline", "declined", "declines", "declining",
    "drop", "dropped", "drops", "dropping", "jump", "jumped", "jumps", "surge", "surged",
    "higher", "lower", "gain", "gained", "gains", "inflation", "cpi", "index", "decrease",
    "decreased", "decreases", "expanded", "expand", "contracted", "shrank", "slumped",
    "plunged", "climbed", "edged", "easing", "eased", "more", "less",
    "year-on-year", "month-on-month", "year-over-year", "quarter-on-quarter",
    "boost", "boosted", "cut", "reduction", "reduced", "hike", "hiked", "soared", "tumbled",
    "unrevised", "revised", "slipped", "slid", "dipped", "retreated", "shed", "lost",
    "ticked", "advanced", "rallied", "weakened", "strengthened", "depreciated", "appreciated",
})  # fmt: skip

# Direction words next to a percent. Down-words make a change negative.
DOWN_WORDS: frozenset[str] = frozenset({
    "fell", "fall", "falls", "fallen", "falling", "decline", "declined", "declines",
    "declining", "drop", "dropped", "drops", "dropping", "down", "decrease", "decreased",
    "decreases", "decreasing", "less", "lower", "slumped", "slump", "plunged", "plunge",
    "plummeted", "shrank", "shrunk", "shrinking", "contracted", "contraction", "cut", "cuts",
    "reduced", "reduction", "lost", "loss", "slid", "slide", "tumbled", "sank", "dipped",
    "dip", "eased", "slowed", "negative", "retreated", "downturn", "shed", "wiped", "erased",
    "trimmed", "trim", "slashed", "slash", "lowered", "curbed", "narrowed", "lose", "loses",
    "losing", "sheds", "shedding", "slipped", "slip", "slips", "slipping", "slides", "sliding",
    "dips", "dipping", "eases", "easing", "retreat", "retreats", "retreating", "weakened",
    "depreciated", "sagged", "softened", "plunges", "plunging", "tumbles",
    "slumps", "sinks",
})  # fmt: skip
UP_WORDS: frozenset[str] = frozenset({
    "rose", "rise", "rises", "risen", "rising", "increase", "increased", "increases",
    "increasing", "growth", "grew", "grow", "grows", "growing", "grown", "up", "jump",
    "jumped", "jumps", "surge", "surged", "surges", "higher", "more", "gain", "gained",
    "gains", "climbed", "climb", "soared", "soar", "expanded", "expansion", "boost",
    "boosted", "hike", "hiked", "rebounded", "spike", "spiked", "added", "advanced",
    "raised", "raise", "upturn", "increment", "lifted", "accelerated", "widened", "gaining",
    "climbs", "climbing", "advance", "advances", "advancing", "rallied", "rally", "rallies",
    "firmed", "strengthened", "appreciated", "soars", "soaring", "jumping", "surging",
})  # fmt: skip
# How far back (in words) a direction verb may stand: "fell by about 3%".
DIRECTION_LINK_WORDS: frozenset[str] = frozenset({
    "by", "about", "around", "some", "nearly", "almost", "roughly", "approximately", "over",
    "more", "than", "just", "only", "a", "an", "at", "least", "edged", "sharply", "further",
    "slightly", "of", "steeply", "another", "marginally", "ticked", "inched", "crept",
    "modestly",
})  # fmt: skip
# Units that are themselves a change: their direction verb may stand anywhere before
# them in the clause ("cut its benchmark rate 25 basis points").
POINT_CHANGE_UNITS: frozenset[str] = frozenset({"pp", "bp"})
# Direction words that compare rather than act ("more", "less"): never read from afar.
COMPARATIVE_DIRECTION_WORDS: frozenset[str] = frozenset({"more", "less", "higher", "lower", "up", "down"})
# A percent right after one of these is the new level, not the size of the change
# ("fell to 12 percent", "slowed to 2.9 percent", "down to 30 percent"): never negated.
LEVEL_BEFORE_WORDS: frozenset[str] = frozenset({"to", "at"})
# After "by", the verb that governs the change may stand further back, past its
# object ("cut their dependence on imports by 70 percent"): how many words to look.
BY_VERB_REACH = 8
# A percent "of its value" after a loss or gain verb is a change, not a share
# ("the currency lost 20 percent of its value").
VALUE_CHANGE_AFTER_RE = r"^\s*of\s+(?:its|their|the|his|her|our)\s+(?:market\s+|total\s+)?(?:value|worth)\b"
VALUE_CHANGE_VERBS: frozenset[str] = frozenset({
    "lost", "lose", "loses", "losing", "shed", "sheds", "shedding", "gained", "gain", "gains",
    "gaining", "wiped", "erased",
})  # fmt: skip

# --- hedges -----------------------------------------------------------------

# Phrase before a number -> normalized change. Longest phrases are tried first.
HEDGES: dict[str, str] = {
    "some": "approx", "about": "approx", "around": "approx", "approximately": "approx",
    "roughly": "approx", "nearly": "approx", "almost": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx", "circa": "approx", "approx.": "approx",
    "approx": "approx", "an average of": "approx", "on average": "approx", "some of": "approx",
    "more than": "more-than", "over": "more-than", "at least": "more-than",
    "upwards of": "more-than", "in excess of": "more-than", "a minimum of": "more-than",
    "exceeding": "more-than", "exceeds": "more-than", "exceeded": "more-than",
    "exceed": "more-than", "just over": "more-than", "well over": "more-than",
    "greater than": "more-than", "no less than": "more-than", "not less than": "more-than",
    "at least some": "more-than",
    "less than": "less-than", "fewer than": "less-than", "under": "less-than",
    "up to": "less-than", "at most": "less-than", "as many as": "less-than",
    "as much as": "less-than", "a maximum of": "less-than", "below": "less-than",
    "just under": "less-than", "no more than": "less-than", "not more than": "less-than",
    "as few as": "more-than", "as little as": "more-than",
}  # fmt: skip

# --- currencies -------------------------------------------------------------

# Symbols and codes written before the number. Longest first when matching.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "US $": "USD", "U.S. $": "USD", "USD": "USD", "$": "USD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "BRL": "BRL", "NT$": "TWD",
    "Mex$": "MXN", "MXN": "MXN",
    "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY", "JPY": "JPY",
    "CNY": "CNY", "RMB": "CNY", "₩": "KRW", "KRW": "KRW", "₹": "INR", "INR": "INR",
    "PKR": "PKR", "₨": "INR", "Rs.": "INR", "Rs": "INR", "Re.": "INR", "Re": "INR",
    "₺": "TRY", "TL": "TRY", "TRY": "TRY", "₽": "RUB", "RUB": "RUB", "₪": "ILS",
    "NIS": "ILS", "ILS": "ILS", "SAR": "SAR", "SR": "SAR", "AED": "AED", "Dh": "AED",
    "IRR": "IRR", "CHF": "CHF", "ZAR": "ZAR", "NGN": "NGN", "₦": "NGN", "EGP": "EGP",
    "LKR": "LKR", "NPR": "NPR", "BDT": "BDT", "Tk": "BDT", "IDR": "IDR", "Rp": "IDR",
    "MYR": "MYR", "RM": "MYR", "PHP": "PHP", "₱": "PHP", "THB": "THB", "฿": "THB",
    "VND": "VND", "UAH": "UAH", "₴": "UAH", "KZT": "KZT", "QAR": "QAR", "KWD": "KWD",
    "E£": "EGP", "LE": "EGP", "KSh": "KES", "Ksh": "KES", "KES": "KES", "GH₵": "GHS",
    "GHS": "GHS", "₵": "GHS",
    "$US": "USD", "$A": "AUD", "$NZ": "NZD", "HK $": "HKD", "C $": "CAD", "USD$": "USD",
    "CAD$": "CAD", "AUD$": "AUD", "NZD$": "NZD", "MXN$": "MXN", "SGD$": "SGD", "HKD$": "HKD",
    "₡": "CRC", "₭": "LAK", "元": "CNY", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK",
    "SFr": "CHF", "SFr.": "CHF", "PLN": "PLN", "zł": "PLN", "HUF": "HUF", "CZK": "CZK",
    "₿": "XBT", "৳": "BDT", "₫": "VND", "₮": "MNT", "₸": "KZT", "₼": "AZN", "₾": "GEL",
    "֏": "AMD",
}  # fmt: skip
# ISO codes written in lower case before a number in some feeds ("usd 20"); only codes
# that are no English word.
LOWERCASE_CODE_PREFIXES: dict[str, str] = {
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "rmb": "CNY", "jpy": "JPY", "cny": "CNY",
    "inr": "INR", "aud": "AUD", "chf": "CHF", "krw": "KRW",
}  # fmt: skip
# A pound sign some feeds turn into "PS" ("PS3.2m"): money only with a scale word.
MANGLED_POUND_PREFIX = "PS"
# Currency symbols printed after the number ("5 €", "100 ₡").
CURRENCY_SYMBOLS_AFTER: dict[str, str] = {
    "€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₺": "TRY",
    "₽": "RUB", "₪": "ILS", "₦": "NGN", "₱": "PHP", "฿": "THB", "₴": "UAH", "₡": "CRC",
    "₭": "LAK", "元": "CNY", "₫": "VND", "₿": "XBT", "৳": "BDT", "zł": "PLN", "₸": "KZT",
    "₾": "GEL", "₼": "AZN", "₮": "MNT", "֏": "AMD",
}  # fmt: skip
# ISO codes with a scale letter, as financial filings and Nordic reports print them:
# M for millions, T or K for thousands ("30 MUSD", "MSEK 845", "TEUR 450", "KSEK 120").
SCALED_CODE_LETTERS: dict[str, float] = {"M": 1e6, "T": 1e3, "K": 1e3}
SCALED_CODES: frozenset[str] = frozenset({
    "USD", "EUR", "GBP", "AUD", "CAD", "NZD", "CHF", "JPY", "CNY", "SEK", "NOK", "DKK", "ISK",
    "PLN", "CZK", "HUF", "INR", "ZAR", "BRL", "RUB", "HKD", "SGD",
})  # fmt: skip
_SCALED_CODE = rf"([{''.join(SCALED_CODE_LETTERS)}])({'|'.join(sorted(SCALED_CODES))})"
SCALED_CODE_AFTER_RE = rf"^\s?{_SCALED_CODE}\b"
SCALED_CODE_BEFORE_RE = rf"\b{_SCALED_CODE}\s?\Z"
# Nigerian naira written "N450 billion": a bare "N" is a currency only when glued to a
# number that carries a scale word or comma grouping ("N1,200") and the document is
# Nigerian (or a scale word follows), never in "N95 masks".
NAIRA_LETTER_PREFIX = "N"
NAIRA_CUES: tuple[str, ...] = (
    "Nigeria", "Nigerian", "naira", "Abuja", "Lagos", "CBN", "Tinubu", "Buhari", "Kano",
    "Port Harcourt", "NNPC", "Ibadan",
)  # fmt: skip
# Prefixes written as letters: they need a word boundary before them.
ALPHA_PREFIX_NEEDS_BOUNDARY = True

# Currency words or codes written after the number (and its scale).
CURRENCY_SUFFIXES: dict[str, str] = {
    "u.s. dollars": "USD", "us dollars": "USD", "american dollars": "USD", "dollars": "USD",
    "dollar": "USD", "usd": "USD", "canadian dollars": "CAD", "australian dollars": "AUD",
    "hong kong dollars": "HKD", "singapore dollars": "SGD", "taiwan dollars": "TWD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "pounds sterling": "GBP",
    "sterling": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "cny": "CNY", "won": "KRW", "krw": "KRW", "rupees": "INR",
    "rupee": "INR", "inr": "INR", "pkr": "PKR", "lira": "TRY", "liras": "TRY",
    "turkish lira": "TRY", "try": "TRY", "rubles": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rouble": "RUB", "rub": "RUB", "shekels": "ILS", "shekel": "ILS", "ils": "ILS",
    "riyals": "SAR", "riyal": "SAR", "sar": "SAR", "rials": "IRR", "rial": "IRR",
    "irr": "IRR", "tomans": "IRT", "toman": "IRT", "reais": "BRL", "reals": "BRL",
    "brl": "BRL", "dirhams": "AED", "dirham": "AED", "naira": "NGN", "rand": "ZAR",
    "francs": "CHF", "ringgit": "MYR", "baht": "THB", "pesos": "MXN", "hryvnias": "UAH",
    "hryvnia": "UAH", "taka": "BDT", "dinars": "KWD", "dong": "VND", "rupiah": "IDR",
    "egyptian pounds": "EGP", "egyptian pound": "EGP", "cedis": "GHS", "kenyan shillings": "KES",
    "us dollar": "USD", "u.s. dollar": "USD", "swiss francs": "CHF", "swiss franc": "CHF",
    "chinese yuan": "CNY", "japanese yen": "JPY", "hong kong dollar": "HKD",
    "canadian dollar": "CAD", "australian dollar": "AUD", "new zealand dollars": "NZD",
    "new zealand dollar": "NZD", "mexican pesos": "MXN", "mexican peso": "MXN",
    "indian rupees": "INR", "pakistani rupees": "PKR", "sri lankan rupees": "LKR",
    "south korean won": "KRW", "turkish liras": "TRY", "russian rubles": "RUB",
    "russian roubles": "RUB", "iranian rials": "IRR", "saudi riyals": "SAR",
    "brazilian reais": "BRL", "euro cents": "EUR", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
    "chf": "CHF", "aud": "AUD", "cad": "CAD",
    # informal names of the dollar and the pound
    "bucks": "USD", "quid": "GBP", "rmb": "CNY",
    # European currencies outside the euro
    "zloty": "PLN", "zlotys": "PLN", "złoty": "PLN", "złotys": "PLN", "zł": "PLN", "pln": "PLN",
    "forint": "HUF", "forints": "HUF", "huf": "HUF", "lei": "RON", "czech crowns": "CZK",
    "koruna": "CZK", "korunas": "CZK", "czk": "CZK", "leva": "BGN", "kronor": "SEK",
    "swedish kronor": "SEK", "swedish krona": "SEK", "swedish crowns": "SEK",
    "norwegian kroner": "NOK", "norwegian krone": "NOK", "norwegian crowns": "NOK",
    "danish kroner": "DKK", "danish krone": "DKK", "danish crowns": "DKK",
    "icelandic kronur": "ISK", "icelandic krona": "ISK",
    # pesos and dollars named by their country
    "philippine pesos": "PHP", "argentine pesos": "ARS", "chilean pesos": "CLP",
    "colombian pesos": "COP", "new taiwan dollars": "TWD", "costa rican colones": "CRC",
    # the currencies the euro replaced, as older wire copy prints them
    "deutsche marks": "DEM", "deutschmarks": "DEM", "german marks": "DEM", "d-marks": "DEM",
    "pesetas": "ESP", "peseta": "ESP", "markka": "FIM", "markkaa": "FIM", "finnish markka": "FIM", "finnish marks": "FIM",
    "french francs": "FRF", "belgian francs": "BEF", "italian lire": "ITL", "lire": "ITL",
    "guilders": "NLG", "dutch guilders": "NLG", "escudos": "PTE", "drachmas": "GRD",
    "drachmae": "GRD", "austrian schillings": "ATS", "schillings": "ATS", "irish punts": "IEP",
    # bitcoin, by its informal code
    "bitcoins": "XBT", "bitcoin": "XBT",
}  # fmt: skip
# Currencies named in a sentence that quotes an exchange rate ("the rupee fell to 86.2
# per dollar"): the rate is an amount of that currency. Lower-cased singular and plural.
CURRENCY_NAMES: dict[str, str] = {
    "rupee": "INR", "rupees": "INR", "naira": "NGN", "rial": "IRR", "rials": "IRR",
    "riyal": "SAR", "lira": "TRY", "yen": "JPY", "won": "KRW", "yuan": "CNY",
    "renminbi": "CNY", "ruble": "RUB", "rouble": "RUB", "peso": "MXN", "reais": "BRL",
    "ringgit": "MYR", "baht": "THB", "rand": "ZAR", "dong": "VND", "taka": "BDT",
    "hryvnia": "UAH", "shekel": "ILS", "dirham": "AED", "rupiah": "IDR", "cedi": "GHS",
    "shilling": "KES", "tenge": "KZT", "toman": "IRT",
    "egyptian pound": "EGP", "sterling": "GBP", "pound": "GBP", "euro": "EUR",
}  # fmt: skip
# After a number, the base currency of an exchange rate ("86.2 per dollar", "1,500 to
# the U.S. dollar", "at 150 against the greenback").
EXCHANGE_AFTER_RE = (
    r"^\s?(?:per|to\s+the|to\s+one|to\s+a|against\s+the|a)\s+(?:U\.?S\.?\s+|US\s+|American\s+)?"
    r"(?:dollar|greenback|euro)\b"
)
# Currency words that are ordinary English words too: only read as money after a
# scale word or a comma-grouped number ("1.5 trillion won", not "Biden won").
AMBIGUOUS_CURRENCY_SUFFIXES: frozenset[str] = frozenset({"won", "try", "rand", "dong", "cad"})
# Units that are multiplied into the value. Tomans are not: a toman (ten rials) keeps
# its own informal code, IRT, so the figure stays as the source printed it.
CURRENCY_FACTORS: dict[str, float] = {}
# Codes that are not ISO 4217 but name a currency unit outlets print (the toman; bitcoin
# by the code exchanges use).
INFORMAL_CURRENCY_CODES: frozenset[str] = frozenset({"IRT", "XBT"})
# ISO 4217 codes withdrawn when the euro replaced these currencies (the standard's list of
# historic denominations): older wire copy prices in them.
WITHDRAWN_CURRENCY_CODES: frozenset[str] = frozenset({
    "DEM", "ESP", "FIM", "FRF", "BEF", "ITL", "NLG", "PTE", "GRD", "ATS", "IEP", "BGN",
})  # fmt: skip

# "Rs"/"rupees" is ambiguous: the document decides. Cue words per currency; the
# currency with most cues wins, INR when none is seen.
RUPEE_DEFAULT = "INR"
RUPEE_CUES: dict[str, tuple[str, ...]] = {
    "PKR": ("Pakistan", "Pakistani", "Islamabad", "Karachi", "Lahore", "Rawalpindi", "Peshawar",
            "Quetta", "PBS", "State Bank of Pakistan", "SBP", "Sindh", "Balochistan",
            "Khyber Pakhtunkhwa", "FBR", "Dawn", "PTI", "PML-N", "Sharif", "Faisalabad"),
    "INR": ("India", "Indian", "New Delhi", "Delhi", "Mumbai", "Lok Sabha", "Rajya Sabha",
            "RBI", "Reserve Bank of India", "Modi", "Sensex", "Nifty", "Kolkata", "Chennai",
            "Bengaluru", "Press Trust of India", "PTI)", "Union minister"),
    "LKR": ("Sri Lanka", "Sri Lankan", "Colombo"),
    "NPR": ("Nepal", "Nepali", "Nepalese", "Kathmandu"),
}  # fmt: skip
RUPEE_CODES: frozenset[str] = frozenset({"INR"})  # prefixes/suffixes that trigger the decision

# --- count units ------------------------------------------------------------

# Physical units written after the number: text -> unit name. Longest first.
PHYSICAL_UNITS: dict[str, str] = {
    "barrels per day": "barrels per day", "barrels a day": "barrels per day",
    "barrels of oil per day": "barrels per day", "barrels of oil a day": "barrels per day",
    "bpd": "barrels per day", "b/d": "barrels per day", "mb/d": "barrels per day",
    "mbpd": "barrels per day", "bopd": "barrels per day",
    "cubic meters per day": "cubic meters per day", "cubic metres per day": "cubic meters per day",
    "cubic meters a day": "cubic meters per day", "cubic metres a day": "cubic meters per day",
    "cubic meters": "cubic meters", "cubic metres": "cubic meters", "bcm": "cubic meters",
    "tonnes per day": "tonnes per day", "tons per day": "tonnes per day",
    "metric tonnes": "tonnes", "metric tons": "tonnes", "tonnes": "tonnes", "tons": "tonnes",
    "tonne": "tonnes", "ton": "tonnes", "mt": "tonnes", "mmt": "tonnes",
    "litres": "litres", "liters": "litres", "litre": "litres", "liter": "litres",
    "gallons": "gallons", "barrels": "barrels", "barrel": "barrels",
    "megawatts": "megawatts", "mw": "megawatts", "gigawatts": "gigawatts", "gw": "gigawatts",
    "kilowatt hours": "kilowatt hours", "kwh": "kilowatt hours", "twh": "terawatt hours",
    "kilometres": "kilometres", "kilometers": "kilometres", "km": "kilometres",
    "miles": "miles", "hectares": "hectares", "acres": "acres", "square kilometres": "square kilometres",
    "square kilometers": "square kilometres", "kilograms": "kilograms", "kg": "kilograms",
    "units": "units", "doses": "doses",
}  # fmt: skip
# A rate per head of population: "2.1 per 100,000 people", "12 deaths per 1,000 live
# births", "3.4 per capita". The whole "per ..." phrase is the unit.
RATE_AFTER_RE = (
    r"^\s+per\s+(?:capita|head|person|(?:(?:\d{1,3}(?:,\d{3})+|\d+|a|one|ten)\s*"
    r"(?:hundred|thousand|million|lakh)?\s+(?:[a-z]+\s+){0,2}?"
    r"(?:people|persons|population|residents|inhabitants|births|women|men|children|adults|"
    r"patients|households|vehicles|cases|deaths|workers|pupils|students)))\b"
)
# "mb/d", "mbpd", "mmt" already include the million.
UNIT_BUILTIN_SCALE: dict[str, float] = {"mb/d": 1e6, "mbpd": 1e6, "mmt": 1e6}
# The pint unit of each industry unit name above ("units" and "doses" are counted nouns).
PHYSICAL_UNIT_PINT: dict[str, str] = {
    "barrels per day": "barrel/day", "cubic meters per day": "meter**3/day",
    "cubic meters": "meter**3", "tonnes per day": "metric_ton/day", "tonnes": "metric_ton",
    "litres": "liter", "gallons": "gallon", "barrels": "barrel", "megawatts": "megawatt",
    "gigawatts": "gigawatt", "kilowatt hours": "kilowatt_hour", "terawatt hours": "terawatt_hour",
    "kilometres": "kilometer", "miles": "mile", "hectares": "hectare", "acres": "acre",
    "square kilometres": "kilometer**2", "kilograms": "kilogram",
}  # fmt: skip

# Nouns after a number that make it a duration or a time, not a count.
TIME_NOUNS: frozenset[str] = frozenset({
    "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days",
    "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "second", "seconds",
    "sec", "secs", "decade", "decades", "century", "centuries", "millennia", "quarter",
    "quarters", "night", "nights", "morning", "evening", "am", "pm", "a.m.", "p.m.",
    "o'clock", "o’clock", "gmt", "utc", "ist", "times", "time", "fold", "weekend", "weekends",
    "semester", "term", "terms", "season", "seasons", "percent", "per", "pct",
})  # fmt: skip
# Nouns that measure something other than a claim-worthy count.
MAGNITUDE_NOUNS: frozenset[str] = frozenset({"magnitude", "richter"})
AGE_WORDS: frozenset[str] = frozenset({"year-old", "years-old", "aged", "age", "ages"})

# Words that cannot be the noun of a count ("one of the", "three in May", "40 to").
NOT_COUNT_NOUNS: frozenset[str] = frozenset({
    "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "as", "than",
    "the", "a", "an", "this", "that", "these", "those", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "will", "would", "can", "could", "may", "might", "should",
    "said", "says", "say", "per", "another", "other", "others", "such", "more", "less",
    "fewer", "each", "all", "both", "but", "if", "so", "not", "no", "only", "also", "after",
    "before", "since", "until", "into", "over", "under", "about", "around", "up", "down",
    "out", "off", "who", "which", "what", "where", "when", "while", "it", "its", "his",
    "her", "their", "our", "my", "your", "we", "they", "he", "she", "i", "you", "them",
    "us", "him", "there", "here", "then", "now", "yet", "just", "even", "still", "too",
    "very", "way", "ways", "thing", "things", "point", "points", "side", "sides", "hand",
    "respectively", "compared", "against", "between", "among", "through",
    "including", "new", "old", "same", "previous", "next", "last", "first", "second",
    "set", "recorded", "reached", "rose", "fell", "increased", "mark", "level",
    "billion", "million", "trillion", "thousand", "hundred", "lakh", "crore", "bn", "mn",
    "x",
})  # fmt: skip
# Modifiers that may stand between a number and its noun ("14 new export contracts",
# "two more ships", "the 52 affected villages"); several are in NOT_COUNT_NOUNS because
# they never head a count themselves.
COUNT_MODIFIERS: frozenset[str] = frozenset({
    "new", "more", "additional", "other", "extra", "further", "fresh", "separate",
    "different", "affected", "confirmed", "suspected", "registered", "active", "total",
    "major", "main", "key", "old", "existing", "remaining", "domestic", "foreign",
})  # fmt: skip
# A model number in a name ("the Mohajer 10 drone") stays below this.
MODEL_NUMBER_MAX = 10000
# Conjunctions inside a count's noun phrase ("11 air defense and radar systems").
COUNT_NOUN_CONJUNCTIONS: frozenset[str] = frozenset({"and", "or"})
# Verbs right after a bare number that make it a count of something named before
# ("30 are missing", "36 occurred in January", "about 9614 were in stockpiles").
BARE_COUNT_VERBS: frozenset[str] = frozenset({
    "are", "were", "have", "has", "had", "occurred", "died", "remain", "remained", "was", "is", "who", "killed", "injured", "wounded", "dead", "missing", "more",
})  # fmt: skip
# Words before a bare number that make it the value of a toll or total.
BARE_COUNT_LEAD_RE = (
    r"(?:toll|tally|total|number|count|figure|casualties|deaths|cases)\b[^.;\n]{0,80}?"
    r"(?:reached|reaches|rose\s+to|risen\s+to|rises\s+to|climbed\s+to|jumped\s+to|stood\s+at|"
    r"stands\s+at|is|was|of|at|hit|hits|to)\s*(?:about|around|some|nearly|almost|over|at\s+least|"
    r"more\s+than)?\s*$"
)
# Words before a large bare number (with a scale word or comma grouping) that give it
# as the level of something: "stood at 9.3 million", "fell to 841,000", "visitors from
# China at 2.2 million", "a workforce of 1.2 million".
LEVEL_LEAD_RE = (
    r"\b(?:at|to|of|reached|reaching|hit|hitting|totaled|totalled|totaling|totalling|"
    r"numbered|numbering|was|were|is|are|be|been|stood\s+at|stands\s+at|around|about|some|"
    r"nearly|almost|roughly|approximately|over|more\s+than|less\s+than|fewer\s+than|"
    r"at\s+least|an\s+estimated|estimated)\s*$"
)
# After a scaled bare figure ("15 million"), what ends its phrase: punctuation, or a
# time or place adjunct ("this year", "in the quarter", "by 2030").
PHRASE_END_RE = (
    r"^\s*(?:[.,;:)]|$|(?:in|on|this|last|next|by|during|over|since|a\s+year|per|each|"
    r"annually|every|so\s+far|until|through|before|after)\b)"
)
# "the number of jobless fell to 841,000": the noun after "number of" is what is counted.
NUMBER_OF_RE = r"\b(?:number|total|count|tally)\s+of\s+([a-z][a-z-]+)"
# Words that stand before a noun (not a verb): "with visitors", "the subscribers".
NOUN_LEFT_WORDS: frozenset[str] = frozenset({
    "the", "a", "an", "its", "their", "our", "his", "her", "of", "from", "for", "with",
    "and", "or", "by", "among", "new", "foreign", "total", "all", "these", "those", "many",
    "more", "fewer", "registered", "active", "international", "domestic", "monthly",
    "annual", "daily", "unique", "paying", "online",
})  # fmt: skip
# Sentence-initial words that are not the subject noun of a level figure.
SUBJECT_SKIP_WORDS: frozenset[str] = frozenset({
    "however", "meanwhile", "overall", "total", "some", "many", "most", "last", "this", "that",
    "according", "in", "by", "at",
})  # fmt: skip
# What a bare count is about when the lead says so ("death toll ... 1,644").
TOLL_UNITS: dict[str, str] = {"death toll": "deaths", "toll": "deaths", "cases": "cases"}

# Determiners before a small count that mark it as a descriptor, not a claim
# ("the bloc's 12 member states", "all four big provinces", "of these 180 cases").
DESCRIPTOR_BEFORE_RE = (
    r"(?:\b(?:the|all|these|those|its|their|his|her|our|both|each|every|whose)|\w's|\w’s)"
    r"\s+(?:(?:other|remaining|first|last|top|entire|original)\s+)?$"
)
# Participles after a count that make "the N NOUN" a reported figure, not a descriptor
# ("the 281 deaths recorded last year").
EVENT_PARTICIPLES: frozenset[str] = frozenset({
    "recorded", "reported", "registered", "confirmed", "counted", "logged", "documented",
    "tallied", "detected", "identified",
})  # fmt: skip
# "40 of the 52 villages": the total of a partitive is itself a figure (a number
# pattern is put in front of this by the finder).
PARTITIVE_TOTAL_BEFORE_RE = r"\s+of\s+(?:the|its|their|all)\s+$"
# "one of the two candidates" picks one member of a group: the group is a descriptor.
PARTITIVE_NOT_NUMERATORS: tuple[str, ...] = ("one",)
# Before a bare number that is compared with a figure named earlier in the sentence
# ("1,620 contracts, compared with 1,414 a year earlier", "up from about 3,000").
COMPARISON_LEAD_RE = (
    r"\b(?:compared\s+(?:with|to)|as\s+against|up\s+from|down\s+from|against|versus|vs\.?|from)"
    r"\s+(?:about|around|some|nearly|almost|roughly|approximately|over|more\s+than|just|only)?\s*$"
)
# A compared figure is of the same order as the one it is compared with.
COMPARISON_MAX_RATIO = 10.0
# Casualty and event words that make even a count of one substantive.
CASUALTY_WORDS: frozenset[str] = frozenset({
    "killed", "died", "dead", "death", "deaths", "injured", "wounded", "missing", "arrested",
    "detained", "trapped", "rescued", "kidnapped", "abducted", "executed", "displaced",
    "evacuated", "hospitalised", "hospitalized", "infected", "fatalities", "casualties",
})  # fmt: skip
# Count nouns that are incidental in news (people who talk, places that host).
INCIDENTAL_COUNT_NOUNS: frozenset[str] = frozenset({
    "officials", "official", "sources", "source", "analysts", "analyst", "reporters",
    "journalists", "experts", "diplomats", "men", "women", "children", "sons", "daughters",
    "brothers", "sisters", "occasions", "times", "ways", "reasons", "steps", "words",
    "pages", "pictures", "photos", "videos", "minutes", "stories", "tips", "things",
    "questions", "editions", "issues", "meetings",
})  # fmt: skip
# Incidental nouns stop being incidental in large numbers ("15 million children").
INCIDENTAL_MAX_VALUE = 1000
# Nouns that are incidental only as the manner of an action ("in three phases", "over
# two rounds", "on four occasions"); as a subject or object they are counted
# ("14 phases of the field are operational").
MANNER_COUNT_NOUNS: frozenset[str] = frozenset({
    "phases", "rounds", "stages", "parts", "sessions", "instalments",
    "installments", "tranches", "batches", "shifts", "legs",
})  # fmt: skip
# A small count after these prepositions is where something happens, not a figure
# ("makes cars at two plants"); "in three villages" and "on three continents" stay claims.
LOCATIVE_INCIDENTAL_PREPOSITIONS: frozenset[str] = frozenset({"at"})
SMALL_COUNT_MAX = 10
# A clause describing what something can hold or do at once ("two vessels could pass at
# once", "seats 12 people at a time") states a capacity, not a reported figure.
CAPACITY_CUE_RE = r"\b(?:at\s+once|at\s+a\s+time|simultaneously|side\s+by\s+side|at\s+the\s+same\s+time)\b"
CAPACITY_MODAL_RE = r"\b(?:can|could|cannot|able|capable|enough|allows?|allowing|would|may)\b"
CAPACITY_MAX = 100
# Before a number, a group of people and a comparison make it an age ("children under
# five", "people over 65", "adults aged 18"), not a count.
AGE_BEFORE_RE = (
    r"\b(?:children|kids|babies|infants|toddlers|adults|people|persons|those|anyone|everyone|"
    r"girls|boys|men|women|patients|residents|citizens|youths|pupils|workers|voters|drivers)"
    r"\s+(?:aged\s+)?(?:under|over|below|above|older\s+than|younger\s+than|aged|of\s+age)"
    r"\s+(?:the\s+age\s+of\s+)?$"
)
AGE_MAX = 120
MANNER_PREPOSITIONS: frozenset[str] = frozenset({
    "in", "on", "over", "across", "through", "during", "for", "after", "into", "within", "at",
})  # fmt: skip

# --- things that are not quantities ----------------------------------------

MONTHS: frozenset[str] = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "farvardin", "ordibehesht", "khordad", "tir",
    "mordad", "shahrivar", "mehr", "aban", "azar", "dey", "bahman", "esfand",
})  # fmt: skip
# Prepositions that put a day and month after them ("on 1 may", "by 3 june").
DATE_PREPOSITIONS: frozenset[str] = frozenset({"on", "by", "until", "till", "since", "from", "before", "after"})
WEEKDAYS: frozenset[str] = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
})  # fmt: skip
# A plain 4-digit number in this range is a year (Persian years run 1300-1499).
YEAR_MIN, YEAR_MAX = 1300, 2100
# The largest figure read as a measure: a sextillion is beyond any budget, trade or toll
# in any currency; a longer run of digits is an id, a code or noise (and past ~1e308 a
# float is infinite, which no JSON or chart can hold).
MAX_FIGURE = 1e21
# Words before a number that make it an identifier, a label or a rank.
ID_BEFORE_RE = (
    r"(?:\b(?:no|nos|number|id|code|page|pages|phase|article|chapter|section|clause|item|"
    r"resolution|flight|route|highway|room|platform|gate|level|grade|class|ward|district|"
    r"unit|block|tier|stage|version|v|edition|episode|season|part|vol|volume|issue|"
    r"ref|reference|top|rank|ranked|ranking|no\.|#|week|session|day|model|type|series|"
    r"mark|mk|sector|zone|area|plot|lot|box|tel|phone|fax|ext|bill|act|amendment|round|"
    r"covid|cop|g|fortune|inc|index|figure|fig|table|cell|line|row|channel|term|"
    r"sura|verse|psalm|apollo|windows|iphone|galaxy|boeing|airbus)\.?\s*[:#]?\s*|[#№]\s*)$"
)
# Line prefixes of page chrome: numbers on such lines are never claims.
CHROME_LINE_RE = (
    r"^\s*(?:[•·\-–—*]\s*)?(?:"
    r"(?:date|published|publish\s+date|posted|news\s+id|story\s+code|source|sources|photo|image|"
    r"credit|copyright|tags?|read\s+more|related|share|follow\s+us|subscribe|advertisement|"
    r"comments?|views?|print|email|week)\s*(?::|\||$|\d)"
    r"|updated\b|last\s+updated\b|first\s+published\b|posted\s+by\b|©"
    r"|\d+\s+min(?:ute)?s?\s+read|\d+\s+minutes?\s+ago|[A-Z]{2,}/[A-Z0-9]+\s*$)"
)
# A line of machine values only (an image's width, height and a flag: "1920 1080 true"):
# two or more numbers or booleans and no word.
MACHINE_VALUES_LINE_RE = (
    r"^\s*(?:[•·*\-–—]\s*)?(?:\d[\d.,]*|true|false|null)(?:\s+(?:\d[\d.,]*|true|false|null))+\s*$"
)
# A line holding one number and nothing else ("• 469"): a page counter (views, shares,
# comments) when the line next to it is a date or time line of the page's header.
LONE_NUMBER_LINE_RE = r"^\s*(?:[•·*\-–—]\s*)?\d[\d.,]*\s*[kKmM]?\s*$"
# A short line that gives a date or a time ("09:40 AM, March 4, 2021", "Feb 2, 2022").
DATE_OR_TIME_LINE_RE = (
    r"\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b"
)
DATE_OR_TIME_LINE_MAX_CHARS = 60
# A line of this length that repeats an earlier line word for word is a printed-twice
# headline (page title + article title), i.e. chrome.
TITLE_MIN_CHARS, TITLE_MAX_CHARS = 20, 200
# Substrings that make the whole line chrome wherever they stand.
CHROME_ANYWHERE_RE = (
    r"\.(?:jpe?g|png|gif|webp|html?|php|aspx?)\b|https?://|www\.|\bmin\s+read\b|"
    r"\b(?:AM|PM)\s+(?:IST|GMT|UTC|ET|EST|EDT|PST|PDT|CET|CEST)\b|\|\s*\d{1,2}:\d{2}|"
    r"\bminutes\s+ago\b|\bhours\s+ago\b|\bRelated\s+News\b"
)
# Whole date forms whose digits are never quantities: ISO dates, numeric dates.
DATE_RES: tuple[str, ...] = (
    r"\b\d{4}-\d{1,2}-\d{1,2}\b",
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
    r"\b\d{4}/\d{1,2}/\d{1,2}\b",
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b",
)
# Phone numbers: three or more digit groups, optionally with a country code.
PHONE_RE = r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}\b"
# Tokens after a number that make it a time of day or a label.
TIME_AFTER_RE = r"^\s*(?:a\.?m\b\.?|p\.?m\b\.?|hrs\b|GMT|UTC|IST|o'clock|h\b)"
# "one" in these phrases is a pronoun or idiom, not a count.
ONE_IDIOMS_AFTER: frozenset[str] = frozenset({
    "of", "another", "by", "way", "day", "point", "side", "hand", "thing", "time",
    "such", "more", "less", "or", "and", "another's", "ever", "too", "who", "that", "which",
    "is", "was", "has", "had", "can", "could", "will", "would", "should", "must", "might",
    "may", "does", "did", "in", "on", "to", "for", "with", "at", "as", "the", "a",
})  # fmt: skip
ONE_IDIOMS_BEFORE: frozenset[str] = frozenset({
    "no", "only", "the", "any", "some", "every", "each", "someone", "anyone", "this", "that",
    "which", "little", "loved", "last", "no-", "number", "day", "at", "as",
})  # fmt: skip

# --- units of measure (normalized with pint) ----------------------------------------

# Units written after a number, as printed -> the pint unit they are. Matched
# case-insensitively, longest first; a plural or British spelling is its own key so the
# finder never guesses at inflections. Kind follows from pint's dimensionality: time is a
# duration, something per time a rate, anything else a measure.
MEASURE_UNITS: dict[str, str] = {
    # length
    "millimetres": "millimeter", "millimeters": "millimeter", "millimetre": "millimeter",
    "millimeter": "millimeter", "mm": "millimeter",
    "centimetres": "centimeter", "centimeters": "centimeter", "centimetre": "centimeter",
    "centimeter": "centimeter", "cm": "centimeter",
    "metres": "meter", "meters": "meter", "metre": "meter", "meter": "meter",
    "kilometres": "kilometer", "kilometers": "kilometer", "kilometre": "kilometer",
    "kilometer": "kilometer", "kms": "kilometer", "km": "kilometer",
    "micrometres": "micrometer", "micrometers": "micrometer", "microns": "micrometer",
    "nanometres": "nanometer", "nanometers": "nanometer", "nanometre": "nanometer",
    "nanometer": "nanometer", "micrometre": "micrometer", "micrometer": "micrometer",
    "decimetres": "decimeter", "decimeters": "decimeter", "decimetre": "decimeter",
    "decimeter": "decimeter", "dm": "decimeter", "picometres": "picometer",
    "picometers": "picometer", "picometre": "picometer", "picometer": "picometer",
    "inches": "inch", "inch": "inch", "feet": "foot", "foot": "foot", "ft": "foot",
    "yards": "yard", "yard": "yard", "yds": "yard", "miles": "mile", "mile": "mile",
    "nautical miles": "nautical_mile", "nautical mile": "nautical_mile",
    "light years": "light_year", "light-years": "light_year",
    # area
    "square metres": "meter**2", "square meters": "meter**2", "square metre": "meter**2",
    "square meter": "meter**2", "sq m": "meter**2", "sqm": "meter**2", "m2": "meter**2",
    "m²": "meter**2", "square kilometres": "kilometer**2", "square kilometers": "kilometer**2",
    "square kilometre": "kilometer**2", "square kilometer": "kilometer**2",
    "sq km": "kilometer**2", "km2": "kilometer**2", "km²": "kilometer**2",
    "square feet": "foot**2", "square foot": "foot**2", "sq ft": "foot**2",
    "square miles": "mile**2", "square mile": "mile**2", "sq mi": "mile**2",
    "sq miles": "mile**2", "sq. miles": "mile**2", "sq. mi": "mile**2", "sq. m": "meter**2",
    "sq. km": "kilometer**2", "sq. ft": "foot**2", "sq.ft": "foot**2", "sq.m": "meter**2",
    "sq.km": "kilometer**2", "ft2": "foot**2", "ft²": "foot**2", "cm2": "centimeter**2",
    "cm²": "centimeter**2", "mm2": "millimeter**2", "mm²": "millimeter**2",
    "square centimetres": "centimeter**2", "square centimeters": "centimeter**2",
    "square yards": "yard**2", "square yard": "yard**2",
    "hectares": "hectare", "hectare": "hectare", "ha": "hectare", "acres": "acre", "acre": "acre",
    # volume
    "millilitres": "milliliter", "milliliters": "milliliter", "millilitre": "milliliter",
    "milliliter": "milliliter", "ml": "milliliter", "litres": "liter", "liters": "liter",
    "litre": "liter", "liter": "liter", "gallons": "gallon", "gallon": "gallon",
    "barrels": "barrel", "barrel": "barrel", "cubic metres": "meter**3",
    "cubic meters": "meter**3", "cubic metre": "meter**3", "cubic meter": "meter**3",
    "cubic feet": "foot**3", "cubic foot": "foot**3", "cu ft": "foot**3", "cu. ft": "foot**3",
    "m3": "meter**3", "m³": "meter**3", "cu m": "meter**3", "cu. m": "meter**3",
    "km3": "kilometer**3", "km³": "kilometer**3", "cm3": "centimeter**3", "cm³": "centimeter**3",
    "cc": "centimeter**3", "cubic centimetres": "centimeter**3", "cubic centimeters": "centimeter**3",
    "cubic kilometres": "kilometer**3", "cubic kilometers": "kilometer**3",
    "cubic yards": "yard**3", "cubic yard": "yard**3",
    "fluid ounces": "fluid_ounce", "fluid ounce": "fluid_ounce", "fl oz": "fluid_ounce",
    "fl. oz": "fluid_ounce", "pints": "pint", "quarts": "quart", "quart": "quart",
    "cups": "cup", "centilitres": "centiliter", "centiliters": "centiliter", "cl": "centiliter",
    "decilitres": "deciliter", "deciliters": "deciliter", "dl": "deciliter",
    "hectolitres": "hectoliter", "hectoliters": "hectoliter", "hl": "hectoliter",
    "teaspoons": "teaspoon", "teaspoon": "teaspoon", "tsp": "teaspoon",
    "tablespoons": "tablespoon", "tablespoon": "tablespoon", "tbsp": "tablespoon",
    # mass
    "milligrams": "milligram", "milligram": "milligram", "mg": "milligram",
    "micrograms": "microgram", "microgram": "microgram", "microgrammes": "microgram",
    "microgramme": "microgram", "μg": "microgram", "µg": "microgram", "mcg": "microgram",
    "grams": "gram", "gram": "gram", "grammes": "gram", "gramme": "gram",
    "kilograms": "kilogram", "kilogram": "kilogram", "kilogrammes": "kilogram",
    "kilos": "kilogram", "kgs": "kilogram", "kg": "kilogram",
    "metric tonnes": "metric_ton", "metric tons": "metric_ton", "metric ton": "metric_ton",
    "tonnes": "metric_ton", "tonne": "metric_ton", "tons": "ton", "ton": "ton",
    "lbs": "pound", "lb": "pound", "ounces": "ounce", "ounce": "ounce", "oz": "ounce",
    "carats": "carat", "carat": "carat",
    # time (durations)
    "milliseconds": "millisecond", "millisecond": "millisecond", "seconds": "second",
    "second": "second", "secs": "second", "sec": "second", "minutes": "minute",
    "minute": "minute", "mins": "minute", "min": "minute", "hours": "hour", "hour": "hour",
    "hrs": "hour", "hr": "hour", "days": "day", "day": "day", "weeks": "week", "week": "week",
    "months": "month", "month": "month", "years": "year", "year": "year", "yrs": "year",
    "decades": "decade", "decade": "decade", "centuries": "century", "century": "century",
    # speed
    "mph": "mile/hour", "kph": "kilometer/hour", "kmph": "kilometer/hour",
    "km/h": "kilometer/hour", "km/hr": "kilometer/hour", "kmh": "kilometer/hour",
    "knots": "knot", "knot": "knot",
    # power and energy
    "watts": "watt", "watt": "watt", "kilowatts": "kilowatt", "kilowatt": "kilowatt",
    "kw": "kilowatt", "megawatts": "megawatt", "megawatt": "megawatt", "mw": "megawatt",
    "gigawatts": "gigawatt", "gigawatt": "gigawatt", "gw": "gigawatt",
    "kilowatt hours": "kilowatt_hour", "kilowatt-hours": "kilowatt_hour", "kwh": "kilowatt_hour",
    "megawatt hours": "megawatt_hour", "mwh": "megawatt_hour", "gigawatt hours": "gigawatt_hour",
    "gwh": "gigawatt_hour", "terawatt hours": "terawatt_hour", "twh": "terawatt_hour",
    "horsepower": "horsepower", "hp": "horsepower", "bhp": "horsepower", "kilocalories": "kilocalorie",
    "kcal": "kilocalorie", "calories": "calorie", "calorie": "calorie", "joules": "joule",
    "joule": "joule", "kilojoules": "kilojoule", "kj": "kilojoule", "megajoules": "megajoule",
    "volts": "volt", "volt": "volt", "kilovolts": "kilovolt", "kv": "kilovolt", "mah": "milliampere_hour",
    "amps": "ampere", "amperes": "ampere", "ampere": "ampere", "milliamps": "milliampere",
    "milliamperes": "milliampere", "kelvins": "kelvin", "kelvin": "kelvin",
    # pressure and loudness
    "psi": "psi", "pascals": "pascal", "pascal": "pascal", "kilopascals": "kilopascal",
    "kpa": "kilopascal", "hectopascals": "hectopascal", "hpa": "hectopascal",
    "megapascals": "megapascal", "mpa": "megapascal", "millibars": "millibar", "mbar": "millibar",
    "atmospheres": "atmosphere", "decibels": "decibel", "decibel": "decibel",
    "rpm": "revolutions_per_minute",
    # frequency, angle, temperature
    "hz": "hertz", "khz": "kilohertz", "mhz": "megahertz", "ghz": "gigahertz",
    "hertz": "hertz", "radians": "radian", "radian": "radian", "rad": "radian",
    "degrees celsius": "degree_Celsius", "degrees centigrade": "degree_Celsius",
    "° celsius": "degree_Celsius", "°celsius": "degree_Celsius", "°c": "degree_Celsius",
    "degrees fahrenheit": "degree_Fahrenheit", "° fahrenheit": "degree_Fahrenheit",
    "°fahrenheit": "degree_Fahrenheit", "°f": "degree_Fahrenheit",
    "degrees": "degree", "degree": "degree", "°": "degree",
    # data sizes and rates
    "kilobytes": "kilobyte", "megabytes": "megabyte", "gigabytes": "gigabyte",
    "terabytes": "terabyte", "megabits": "megabit", "gigabits": "gigabit", "kilobits": "kilobit",
    "megabit": "megabit", "gigabit": "gigabit", "kilobit": "kilobit", "mbps": "megabit/second", "gbps": "gigabit/second",
    "kbps": "kilobit/second",
}  # fmt: skip
# Case decides these: a capital B is a byte, a small b a bit ("512GB", "100 Mb").
MEASURE_UNITS_CASED: dict[str, str] = {
    "KB": "kilobyte", "kB": "kilobyte", "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte",
    "PB": "petabyte", "Kb": "kilobit", "kb": "kilobit", "Mb": "megabit", "mb": "megabit",
    "Gb": "gigabit", "gb": "gigabit", "Tb": "terabit",
    "MB/s": "megabyte/second", "GB/s": "gigabyte/second", "kB/s": "kilobyte/second",
    "Mb/s": "megabit/second", "Gb/s": "gigabit/second", "kb/s": "kilobit/second",
    "Mbit/s": "megabit/second", "Gbit/s": "gigabit/second", "kbit/s": "kilobit/second",
    "Mbit": "megabit", "Gbit": "gigabit", "dB": "decibel", "Pa": "pascal", "mA": "milliampere",
    "MJ": "megajoule",
}  # fmt: skip
# Units that are ordinary words or letters too: a unit only glued to the digits
# ("1.8m tall", "50g", "3h", "10s") or, for "m", before a word of size.
GLUED_ONLY_UNITS: dict[str, str] = {
    "m": "meter", "g": "gram", "l": "liter", "t": "metric_ton", "h": "hour", "s": "second",
    "ms": "millisecond", "w": "watt", "v": "volt", "in": "inch",
    # the capital letters of the SI symbols, glued: "60W", "12V", "2L"
    "W": "watt", "V": "volt", "L": "liter",
}  # fmt: skip
# Letter units that are English words too ("in"): read apart from the digits only where
# nothing else can be meant.
WORD_LIKE_UNITS: frozenset[str] = frozenset({"in", "t", "s", "h", "l", "g", "v", "w"})
# Letter units that stand apart from the digits before "of" ("250 g of flour", "2 l of milk").
LETTER_UNITS_BEFORE_OF: frozenset[str] = frozenset({"g", "l", "L"})
# "m" glued to a number is million in news ("1.8m people") unless a size word follows.
METRE_SIZE_WORDS: frozenset[str] = frozenset({
    "tall", "long", "high", "wide", "deep", "thick", "away", "apart", "above", "below",
    "x", "by", "across",
})  # fmt: skip
# "100m" before a word of a race or a pool is metres ("the 100m sprint", "400m freestyle"),
# and so is a glued "m" after a four-digit number ("1500m", "8,848m"): millions that large
# are printed in billions.
METRE_RACE_WORDS: frozenset[str] = frozenset({
    "sprint", "sprints", "hurdles", "freestyle", "backstroke", "breaststroke", "butterfly",
    "medley", "relay", "dash", "race", "final", "heats", "steeplechase", "individual",
})  # fmt: skip
METRES_NOT_MILLIONS_FROM = 1000
# Feet and inches written as marks after the number (6' 2", 55″). The primes ′ ″ are
# always units; the quote marks only before a word of size or one after the other.
INCH_MARKS: frozenset[str] = frozenset({'"', "″", "”"})
FOOT_MARKS: frozenset[str] = frozenset({"'", "′"})
UNAMBIGUOUS_PRIMES: frozenset[str] = frozenset({"″", "′"})
# Nouns a size in inches describes ('a 65" screen').
INCH_SIZE_NOUNS: frozenset[str] = frozenset({
    "screen", "screens", "display", "displays", "monitor", "monitors", "tv", "tvs",
    "television", "laptop", "tablet", "wheels", "rims", "pipe",
})  # fmt: skip
# Units built from the number's own scale ("bcm": billion cubic metres).
MEASURE_BUILTIN_SCALE: dict[str, float] = {"bcm": 1e9, "tcf": 1e12}
# "per" links of a rate: "per day", "a day", "an hour", "/h".
RATE_LINK_RE = r"\s*(?:/|\s+per\s+|\s+an?\s+)"
# Dimensions whose measures are figures worth a claim (production, trade, land, energy):
# a length in feet, a speed, a temperature or a file size is description, not a claim.
CLAIM_DIMENSIONS: frozenset[str] = frozenset({
    "[mass]", "[length] ** 3", "[length] ** 2", "[length]",
    "[length] ** 2 * [mass] / [time] ** 2", "[length] ** 2 * [mass] / [time] ** 3",
})  # fmt: skip
# Pounds are money unless their clause is about weight ("lost 25 pounds", "weighs").
WEIGHT_CUES: frozenset[str] = frozenset({
    "weigh", "weighs", "weighed", "weighing", "weight", "heavy", "heavier", "lighter",
    "lose", "lost", "losing", "gain", "gained", "drop", "dropped", "shed", "baby", "fish", "beef", "meat", "flour", "sugar", "cocaine", "heroin",
})  # fmt: skip
# Sub-units of money: a price in cents or pence keeps its own unit.
MONEY_SUBUNITS: dict[str, str] = {
    "cents": "cent", "cent": "cent", "pence": "penny", "penny": "penny", "p": "penny",
    "paise": "paisa",
}  # fmt: skip
# Units of the hundredths of a currency, as read (MONEY_SUBUNITS' values) and as printed:
# "13 dollars and 45 cents" is 13.45 dollars.
MINOR_UNIT_NAMES: frozenset[str] = frozenset({"cent", "penny"})
MINOR_UNIT_WORDS: frozenset[str] = frozenset({"cents", "cent", "pence", "penny"})
# pint's units of time: a number of them is a duration.
TIME_UNITS: frozenset[str] = frozenset({
    "millisecond", "second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
})  # fmt: skip
# The singular a rate's denominator is named by ("barrels per day", "miles per hour").
SINGULAR_UNITS: dict[str, str] = {
    "days": "day", "hours": "hour", "weeks": "week", "months": "month", "years": "year",
    "minutes": "minute", "seconds": "second", "hectares": "hectare", "acres": "acre",
    "grams": "gram", "grammes": "gram", "gramme": "gram", "kilograms": "kilogram",
    "litres": "litre", "liters": "litre", "tonnes": "tonne", "metres": "metre", "meters": "metre",
}  # fmt: skip
# First words of a number compound that make no quantity ("double-digit", "a three-point plan").
NOT_COUNT_COMPOUNDS: frozenset[str] = frozenset({
    "digit", "digits", "point", "way", "party", "nation", "story", "page",
})  # fmt: skip
# Plural scale words are vague ("millions of people"), never a number.
VAGUE_SCALES: frozenset[str] = frozenset({"millions", "billions", "trillions", "lakhs", "crores"})
# A price per unit after an amount: "$98 a share", "$70-a-share", "$80 per barrel".
PRICE_PER_NOUNS: tuple[str, ...] = (
    "share", "barrel", "tonne", "ton", "litre", "liter", "gallon", "kilogram", "kg", "kilo",
    "dozen", "head", "person", "unit", "square metre", "square meter", "sq m", "ounce", "pound", "bushel", "megawatt hour", "mwh",
)  # fmt: skip
# A percent per period keeps its period ("15% per annum", "3 percent a year").
PER_TIME_WORDS: dict[str, str] = {
    "annum": "year", "year": "year", "month": "month", "quarter": "quarter", "week": "week",
    "day": "day",
}  # fmt: skip
# A change noun before a share cue keeps the percent a change: "an increase amounting to
# 200 percent", "a rise equal to 5 percent".
CHANGE_BEFORE_SHARE_CUE_RE = (
    r"\b(?:increase|rise|growth|jump|surge|hike|gain|decrease|decline|drop|fall|reduction|cut)s?"
    r"\s+(?:(?:that\s+)?(?:is|was)\s+)?(?:amounting|equal|equivalent)\s+to\s*"
    r"(?:about|around|some|nearly|almost|over|more\s+than|roughly|approximately)?\s*$"
)
# Counts a page prints about itself (views, likes, comments): never a claim.
PAGE_COUNT_NOUNS: frozenset[str] = frozenset({
    "views", "view", "likes", "comments", "reads", "clicks", "retweets", "reactions", "pixels", "px",
})  # fmt: skip
# Worthiness of a quantity: named so a rule's weight can be seen. Claims promote at PROMOTE_AT.
PROMOTE_AT = 0.5
WORTH_CHROME = 0.02  # on a page-chrome line, or a page's own counter
WORTH_MAGNITUDE = 0.05  # an earthquake's magnitude
WORTH_NOT_A_CLAIM_KIND = 0.0  # a duration, or a measure in a dimension claims do not use
WORTH_MEASURE_OR_MONEY = 0.9  # money, percents and multipliers are nearly always claims
WORTH_COUNT = 0.8  # a count with its noun
WORTH_DESCRIPTOR = 0.2  # "the bloc's 12 member states"
WORTH_BACK_REFERENCE = 0.15  # "of these 274 deaths"
WORTH_INCIDENTAL = 0.3  # "two officials", "in three phases", "a 30-year-old"
WORTH_BARE_IN_CONTEXT = 0.75  # a bare number its sentence names ("the toll rose to 1,644")
WORTH_BARE_LISTED = 0.7  # "Central Luzon (9,426)", "32 in February"
WORTH_BARE = 0.25  # a bare number nothing names
# Scale words that may stand inside a number written in words.
WORD_SCALES: tuple[str, ...] = ("thousand", "million", "billion", "trillion", "lakh", "crore")
# After a decimal comma: a scale word or a percent.
DECIMAL_COMMA_NEXT_RE = r"(?:billion|million|trillion|bn|mn|crore|lakh)\b|%|per\s?cent\b|percent\b"
# Common fractions: "1/4", "3/8" (a denominator outlets print), and the Unicode ones.
FRACTION_SLASH_DENOMINATORS: frozenset[int] = frozenset({2, 3, 4, 8, 16})
VULGAR_FRACTIONS: dict[str, float] = {
    "½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375,
    "⅝": 0.625, "⅞": 0.875, "⅕": 0.2,
}  # fmt: skip

# ---- the user's additions (claimwatch.toml [lexicon]) ---------------------------------
CURRENCY_SUFFIXES.update(_user.EXTENSIONS.currencies)
CURRENCY_NAMES.update(_user.EXTENSIONS.currencies)
CURRENCY_PREFIXES.update(_user.EXTENSIONS.currency_symbols)
