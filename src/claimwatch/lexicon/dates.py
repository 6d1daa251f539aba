"""Rules as data for finding and normalizing time expressions in news text.

``extract/dates/detect.py`` builds its regular expressions from the word lists here and
dispatches on the rule names of ``RULES``; it holds no word lists of its own.
Patterns are compiled case-insensitively; month and weekday names are matched
case-sensitively (capitalized) so that "may", "march" and "sun" as ordinary words
are not read as dates.
"""

from __future__ import annotations

# --- calendar words ---------------------------------------------------------

MONTHS: dict[str, int] = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4, "Apr": 4,
    "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8,
    "September": 9, "Sept": 9, "Sep": 9, "October": 10, "Oct": 10, "November": 11, "Nov": 11,
    "December": 12, "Dec": 12,
}  # fmt: skip
# Abbreviations that may carry a full stop ("Sept. 30").
MONTH_ABBREVIATIONS: frozenset[str] = frozenset(k for k in MONTHS if len(k) <= 4 and k != "June" and k != "July")

WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6,
}  # fmt: skip

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

# Persian (solar hijri) months as transliterated in English-language Iranian media.
PERSIAN_MONTHS: dict[str, int] = {
    "Farvardin": 1, "Ordibehesht": 2, "Khordad": 3, "Tir": 4, "Mordad": 5, "Amordad": 5,
    "Shahrivar": 6, "Mehr": 7, "Aban": 8, "Azar": 9, "Dey": 10, "Dei": 10, "Bahman": 11,
    "Esfand": 12, "Espand": 12,
}  # fmt: skip

# Small counts in relative and duration expressions ("two years ago", "the past 33 months").
COUNT_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "couple of": 2, "a couple of": 2,
}  # fmt: skip
# Vague counts: the expression is still a time expression, but its size is unknown.
VAGUE_COUNTS: frozenset[str] = frozenset({"several", "few", "a few", "many", "some", "recent"})

# A current period this close to its end at publication is reported whole ("contracts
# this year totaled ..." in a 28 December article), not "to date".
PERIOD_NEARLY_OVER_DAYS = 31

# Ordinal months of a year ("the fifth month of the current Iranian year").
MONTH_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": 12, "final": 12,
}  # fmt: skip
# Words before a Persian month name that make it the month: "Mehr", "Dey", "Bahman" and
# "Tir" are also names (Mehr News Agency, Bahman Group), so the month alone needs one.
PERSIAN_MONTH_PRECEDERS: frozenset[str] = frozenset(
    {"in", "of", "since", "during", "until", "till", "by", "from", "to", "through", "early", "late", "mid",
     "last", "this", "before", "after", "and", "between"}
)  # fmt: skip
# Prepositions before "the past/last year" that make it a rolling window.
ROLLING_PREPOSITIONS: frozenset[str] = frozenset({"over", "throughout", "within"})

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4,
}  # fmt: skip

# Time units: the TimeML duration letter and the granularity a "N units ago" date takes.
UNITS: dict[str, str] = {
    "day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
    "quarter": "Q", "quarters": "Q", "year": "Y", "years": "Y", "decade": "DE", "decades": "DE",
}  # fmt: skip

# Number words used in spoken-style years ("nineteen ninety-six").
SPOKEN_CENTURIES: dict[str, int] = {"nineteen": 19, "eighteen": 18}
SPOKEN_YEAR_TENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SPOKEN_YEAR_UNITS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

# --- vague references (TimeML PRESENT_REF / PAST_REF / FUTURE_REF) -----------

REF_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "at the moment": "PRESENT_REF", "the present": "PRESENT_REF",
    "current": "PRESENT_REF", "so far": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "recent": "PAST_REF",
    "in the past": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "recent years": "PAST_REF", "recent months": "PAST_REF",
    "recent weeks": "PAST_REF", "recent days": "PAST_REF", "past years": "PAST_REF",
    "in the future": "FUTURE_REF", "the future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the medium term": "FUTURE_REF", "shortly": "FUTURE_REF",
    "coming months": "FUTURE_REF", "coming years": "FUTURE_REF", "coming weeks": "FUTURE_REF",
    "the coming months": "FUTURE_REF", "the coming years": "FUTURE_REF",
    "the coming weeks": "FUTURE_REF", "future": "FUTURE_REF",
}  # fmt: skip
# "current"/"future"/"recent" are adjectives: they count alone only when they do not
# modify a time noun handled by another rule ("the current year" is a year).
REF_ADJECTIVES: frozenset[str] = frozenset({"current", "future", "recent"})
# ...and only when followed by a noun that is itself about time or state of affairs;
# "current account" or "future contracts" are not time expressions.
REF_ADJECTIVE_BLOCKERS: frozenset[str] = frozenset(
    {"account", "accounts", "contract", "contracts", "affairs", "events", "generations", "trading"}
)

# --- relative words ---------------------------------------------------------

# How a relative modifier shifts the anchor: -1 previous, 0 current, +1 next.
SHIFT_WORDS: dict[str, int] = {
    "last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1,
    "this": 0, "current": 0, "present": 0, "the current": 0, "this past": -1,
    "next": 1, "coming": 1, "following": 1, "upcoming": 1, "this coming": 1,
}  # fmt: skip
# Modifiers of a period that do not change its TimeML value ("early next year" = 1990).
PERIOD_PARTS: tuple[str, ...] = (
    "early", "earlier", "late", "later", "mid", "the middle of", "the end of", "the beginning of",
    "the start of", "the first half of", "the second half of", "the rest of", "the remainder of",
    "the latter part of", "the early part of", "end of", "beginning of", "start of", "middle of",
)  # fmt: skip

# Words of the days around the anchor date.
DAY_WORDS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2,
}  # fmt: skip

# Anaphoric comparisons: "a year earlier" means a year before the period just discussed.
YEAR_EARLIER_PHRASES: tuple[str, ...] = (
    "the year-earlier period", "the year-ago period", "the year-earlier quarter", "the year-ago quarter",
    "the comparable year-ago quarter", "the comparable period last year", "the corresponding period last year",
    "the corresponding period of last year", "the corresponding period of the previous year",
    "the same period last year", "the same period a year ago", "the same period of last year",
    "the same period of the previous year", "the same period a year earlier", "the same quarter last year",
    "the same month last year", "a year earlier", "a year ago", "a year before", "the year before",
    "year-earlier", "year-ago", "last year's quarter", "the quarter a year ago", "the year-ago third quarter",
    "the year-earlier third quarter", "the year-ago second quarter", "the year-ago fourth quarter",
    "the year-ago first quarter", "the year-earlier fourth quarter", "the year-earlier second quarter",
    "the year-earlier first quarter", "the previous year", "the prior year", "the preceding year",
    "the previous fiscal", "the previous fiscal year", "the prior fiscal year", "the previous financial year",
)  # fmt: skip

# --- cues for the document's calendar ----------------------------------------

# Counting cues: one mention is weak (an article about oil may name Iran once).
IRAN_CUES: tuple[str, ...] = (
    "Iran", "Iranian", "Iranians", "Tehran", "Islamic Republic", "IRGC", "Majlis", "Rial", "rials",
    "Raisi", "Rouhani", "Khamenei", "Pezeshkian",
)  # fmt: skip
# Strong cues: Iranian outlets and explicit Persian-calendar wording.
IRAN_STRONG_CUES: tuple[str, ...] = (
    "IRNA", "Tasnim", "Mehr News", "Fars News", "ISNA", "Press TV", "PressTV", "Tehran Times",
    "Persian calendar", "Iranian calendar", "Persian year", "Iranian year", "solar year",
    "Iranian calendar year", "Persian calendar year", "solar hijri", "Hijri Shamsi",
    "Farvardin", "Khordad", "Ordibehesht", "Shahrivar", "Esfand", "Bahman", "Nowruz",
)  # fmt: skip
IRAN_CUE_THRESHOLD = 3  # weak-cue mentions needed without a strong cue
# A period counted from the first day of the Persian year: two of these (or one and a
# weak cue) make an Iranian context even when Iran is not named.
PERSIAN_YEAR_START = (
    r"\b(?:from|since|began[^\S\n]on|beginning|starting|started[^\S\n]on)[^\S\n]{1,2}March[^\S\n]{1,2}2[01]\b"
)

INDIA_CUES: tuple[str, ...] = (
    "India", "Indian", "New Delhi", "crore", "lakh", "Rs", "₹", "INR", "rupee", "rupees", "Modi",
)  # fmt: skip
PAKISTAN_CUES: tuple[str, ...] = (
    "Pakistan", "Pakistani", "Islamabad", "Karachi", "Lahore", "PKR", "Rawalpindi",
)  # fmt: skip
# Where a country's fiscal year starts (month, day), when a cue of it dominates.
COUNTRY_FISCAL_START: dict[str, tuple[int, int]] = {
    "india": (4, 1), "pakistan": (7, 1), "egypt": (7, 1), "australia": (7, 1), "japan": (4, 1),
    "uk": (4, 1), "bangladesh": (7, 1), "new zealand": (7, 1), "kenya": (7, 1),
}  # fmt: skip
# Countries whose outlets write a fiscal year as a bare year pair ("exports in 2023-24").
BARE_SPLIT_YEAR_COUNTRIES: frozenset[str] = frozenset({"india", "pakistan", "bangladesh"})
# ...unless the text speaks of another kind of split year.
OTHER_SPLIT_YEAR_WORDS: tuple[str, ...] = (
    "season", "seasons", "crop", "crops", "marketing", "harvest", "rabi", "kharif", "academic", "school", "sugar",
)
# Cue words of the other countries above (India and Pakistan have their own lists),
# counted to pick the fiscal calendar of a split fiscal year ("2024/25").
COUNTRY_FISCAL_CUES: dict[str, tuple[str, ...]] = {
    "egypt": ("Egypt", "Egyptian", "Cairo", "EGP"),
    "australia": ("Australia", "Australian", "Australians", "Canberra", "RBA"),
    "japan": ("Japan", "Japanese", "Tokyo", "yen"),
    "uk": ("Britain", "British", "UK", "U.K.", "United Kingdom", "HMRC", "Whitehall", "sterling"),
    "bangladesh": ("Bangladesh", "Bangladeshi", "Dhaka", "taka"),
    "new zealand": ("New Zealand", "Wellington"),
    "kenya": ("Kenya", "Kenyan", "Nairobi"),
}  # fmt: skip
# "financial year 2023-24" and "fiscal year ending June 30" state the fiscal calendar.
FISCAL_WORDS = r"(?:fiscal|financial|budget)\s+year"
# A split year that names a fiscal year: "fiscal year 2023-24", "FY2024/25", "fiscal
# 2023/24", "the 2024/25 budget", or a bare slash pair "2023/2024" (slash pairs are
# fiscal, seasonal or academic years; never two separate years).
FISCAL_PAIR = (
    r"(?:\b(?:(?:fiscal|financial|budget)(?:{SP}year)?|(?-i:FY))\s?{YEAR}\s?[-–/]\s?\d{{2,4}}\b"
    r"|\b{YEAR}\s?[-–/]\s?\d{{2,4}}{SP}(?:fiscal|financial|budget)\b"
    r"|(?<![\d/])\b{YEAR}/(?:\d{{2}}|\d{{4}})\b(?![/\d]))"
)

# A month or day named without a year is read as the latest occurrence on or before
# publication, unless it falls within this many days after it (coming events).
FORWARD_DAYS = 62

# --- comparison cues: a period after these is a baseline ---------------------

BASELINE_CUES: tuple[str, ...] = (
    "compared to", "compared with", "in comparison with", "in comparison to", "as against", "against",
    "versus", "vs.", "vs", "than in", "than", "from", "relative to", "over", "compares with", "compares to",
    "comparing with", "up from", "down from", "as much as in", "as many as in", "as much as", "as many as",
    "as high as in", "as large as in",
)  # fmt: skip
# After "from"/"over" only these (otherwise "from March ..." is a range start and
# "over the past two years" is the measured period, not a baseline).
BASELINE_WEAK_CUES: frozenset[str] = frozenset({"from", "over"})
# After "over", a period is a baseline only when it names the previous/same period.
OVER_BASELINE = (
    r"(?:the{SP})?(?:previous|prior|preceding|same|corresponding)\b|last{SP}year\b|the{SP}year{SP}before\b|"
    r"a{SP}year{SP}(?:earlier|ago|before)\b"
)

# Words before a month or day named without a year, in its sentence, that make it a
# coming deadline or event ("expects to finish by the end of March", "will open in
# May"): the next such month after publication, however far, not the latest past one.
DEADLINE_CUES: tuple[str, ...] = (
    "will", "'ll", "shall", "expects", "expected to", "expect", "aims", "aim to", "aiming", "target", "targets",
    "targeting", "plans to", "plan to", "planning to", "scheduled", "due to", "set to", "intends", "hopes to",
    "is to", "are to", "going to", "deadline", "forecast to", "projected to",
)  # fmt: skip

DEADLINE_CUE_REACH = 80  # characters before the date within which the cue counts

# Words in the same sentence that mark a statement about the future: an ongoing
# period is then read whole ("this year" = the full year), not as "to date".
FUTURE_CUES: tuple[str, ...] = (
    "will", "would", "expected", "expects", "expect", "forecast", "forecasts", "projected",
    "projection", "target", "targets", "aims", "plans", "planned", "budget", "budgeted", "estimate",
    "estimated", "anticipated", "likely", "should", "could",
)  # fmt: skip
# Words that mark a period as "to date" regardless of tense.
TO_DATE_CUES: tuple[str, ...] = (
    "so far", "to date", "year to date", "year-to-date", "thus far", "until now", "already",
)  # fmt: skip

# Nouns that, following a bare four-digit number, show it is a count, not a year.
NOT_YEAR_FOLLOWERS: frozenset[str] = frozenset(
    {
        "%", "percent", "per", "people", "troops", "soldiers", "tonnes", "tons", "units", "km", "kilometers",
        "kilometres", "miles", "meters", "metres", "feet", "barrels", "bpd", "mw", "megawatts", "rupees",
        "dollars", "euros", "rials", "tomans", "crore", "lakh", "million", "billion", "thousand", "hours",
        "workers", "employees", "jobs", "cases", "deaths", "houses", "homes", "vehicles", "cars", "points",
        "shares", "students", "patients", "pounds", "kg", "kilograms", "hectares", "acres", "sq", "square",
    }
)  # fmt: skip
# Symbols or words before a four-digit number that make it an amount, not a year.
NOT_YEAR_PRECEDERS: tuple[str, ...] = ("$", "€", "£", "¥", "₹", "Rs", "Rs.", "No.", "#", "page", "Page")

# Four-digit numbers after a Persian year that are still read as a Persian year
# only when followed by punctuation, a capital, or one of these words.
PERSIAN_YEAR_FOLLOWERS: frozenset[str] = frozenset(
    {"and", "to", "compared", "budget", "bill", "fiscal", "through", "until", "till", "in", "was", "were",
     "when", "which", "as", "with", "vs", "versus", "than", "so", "solar", "year", "had", "has", "is"}
)  # fmt: skip
# Words before a bare Persian year number (in an Iranian context) that make it a year.
PERSIAN_YEAR_PRECEDERS: frozenset[str] = frozenset(
    {"in", "since", "during", "until", "of", "from", "between", "and", "to", "for", "year", "the", "by",
     "with", "than", "early", "late", "end", "start", "beginning"}
)  # fmt: skip
# Outside an Iranian context, a bare 1300..1499 is a Persian year only after these.
PERSIAN_YEAR_STRICT_PRECEDERS: frozenset[str] = frozenset({"in", "since", "during", "until", "year", "by"})
# Words before "May" that make it the month rather than the modal verb.
MAY_PRECEDERS: frozenset[str] = frozenset(
    {"in", "of", "since", "until", "by", "from", "to", "through", "and", "between", "during", "early", "late",
     "mid", "before", "after", "last", "next", "this", "till", "or", "on", "each", "every", "-"}
)  # fmt: skip

# --- patterns ---------------------------------------------------------------
# Templates are filled by extract/dates/detect.py: {MONTH} month name, {WD} weekday,
# {SP} a short run of spaces (never a newline or a blanked-out run), {DAY} day of
# month, {YEAR} Gregorian year, {PYEAR} Persian year, {PMONTH} Persian month,
# {COUNT} count word or digits, {UNIT} time unit, {SEASON}, {HEDGE}, {REF} vague
# reference words, {DAYWORD} today/yesterday..., {EARLIER} year-earlier phrases,
# {YEARISH} "2023" / "this year" / "the current fiscal year" (groups y, yrel, yfis).
# Rule names are dispatched to resolvers in extract/dates/; on equal spans the
# earlier rule wins, otherwise the longest match wins.

HEDGE = r"(?:about|nearly|almost|some|roughly|around|approximately|more than|less than|over|just|barely|only)"
YEARISH = (
    r"(?:(?P<y>{YEAR})(?:\s?[-–/]\s?(?P<y2>\d{{2}}))?|(?P<yrel>this|last|next|the{SP}current|the{SP}previous|"
    r"the{SP}next|the{SP}past|the)(?:{SP}(?P<yfis>fiscal|financial|Iranian|Persian))?(?:{SP}calendar)?{SP}year"
    r"(?:{SP}(?:of{SP})?(?P<ypy>{PYEAR})\b)?)"
)

RULE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso_date", r"\b(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("persian_day", r"\b(?P<d>{DAY}){SP}(?P<pm>{PMONTH})(?:,?{SP}(?P<py>{PYEAR}))?\b"),
    ("persian_month", r"\b(?P<pm>{PMONTH}){SP}(?P<py>{PYEAR})\b"),
    ("persian_rel", r"\b(?:the{SP})?(?P<shift>last|past|previous|this|current|next|coming|present)"
     r"{SP}(?:Iranian|Persian|solar)(?:{SP}(?:calendar|hijri))?{SP}year{ENDED}"),
    ("persian_year", r"\b(?:the{SP})?(?:Iranian|Persian|solar)(?:{SP}(?:calendar|hijri))?{SP}year(?:{SP}of)?"
     r"{SP}(?P<py>{PYEAR})\b{ENDED}"),
    ("persian_ended", r"\b(?:the{SP})?(?:Iranian|Persian|solar)(?:{SP}(?:calendar|hijri))?{SP}year{SP}(?:that|which)"
     r"{SP}(?P<verb>ended|ends|began|begins|started|starts){SP}(?:on{SP}|in{SP})?(?P<mon>{MONTH})"
     r"(?:{SP}(?P<d>{DAY})\b)?(?:,?{SP}(?P<y>{YEAR}))?"),
    ("persian_month_alone", r"\b(?P<pm>{PMONTH})\b"),
    ("persian_bare", r"(?<![\d,.])\b(?P<py>{PYEAR})\b(?![,.]\d){ENDED}"),
    ("range_day", r"\b(?P<mon>{MONTH}){SP}(?P<d1>{DAY})\s?(?:-|–|to|through)(?:{SP})?(?P<d2>{DAY})\b(?:,?{SP}(?P<y>{YEAR}))?"),
    ("mdy", r"(?:\b(?P<wd>{WD}),?{SP})?\b(?P<mon>{MONTH}){SP}(?P<d>{DAY})\b(?!:)(?:(?:,?{SP}(?P<y>{YEAR})\b)|"
     r"{SP}(?P<yrel>this|last|next){SP}year)?"),
    ("dmy", r"(?:\b(?P<wd>{WD}),?{SP})?\b(?P<d>{DAY})(?:{SP}of)?\s?(?P<mon>{MONTH})\b(?:(?:,?{SP}(?P<y>{YEAR})\b)|"
     r"{SP}(?P<yrel>this|last|next){SP}year)?"),
    ("month_range", r"\b(?:the{SP})?(?P<m1>{MONTH})\s?[-–]\s?(?P<m2>{MONTH})\b(?:{SP}(?P<unit>period|quarter))?"
     r"(?:,?{SP}\(?(?P<y>{YEAR})(?:\s?[-–/]\s?(?P<y2>\d{{2}}))?\)?)?"),
    ("month_year", r"(?:\b(?P<part>early|late|mid|the{SP}middle{SP}of|the{SP}end{SP}of|the{SP}beginning{SP}of|"
     r"the{SP}start{SP}of)[- ]?)?\b(?P<mon>{MONTH}),?{SP}(?:of{SP})?(?P<y>{YEAR})\b"),
    ("month_rel", r"\b(?P<mon>{MONTH}){SP}(?P<yrel>this|last|next){SP}year"),
    ("month_alone", r"(?:\b(?P<shift>last|next|this|this{SP}past|this{SP}coming|early|late|mid|the{SP}middle{SP}of|"
     r"the{SP}end{SP}of|the{SP}beginning{SP}of|the{SP}start{SP}of)[- ]?)?\b(?P<mon>{MONTH})\b"),
    ("month_ending", r"\b(?:the{SP})?month{SP}(?:ending|ended|that{SP}ended|which{SP}ended|to)(?:{SP}on)?{SP}"
     r"(?P<mon>{MONTH}){SP}(?P<d>{DAY})\b(?:,?{SP}(?P<y>{YEAR}))?"),
    ("window_to", r"\bthe{SP}(?:(?P<n>{COUNT})(?:{SP}|-))?(?:(?:fiscal|financial){SP}(?!year))?"
     r"(?P<unit>weeks?|months?|years?|quarters?)"
     r"(?:{SP}period)?{SP}(?P<conn>to|ending|ended|that{SP}ended|through|till|until|up{SP}to)"
     r"(?:{SP}(?:the{SP})?end{SP}of)?"
     r"{SP}(?P<mon>{MONTH})(?:{SP}(?P<d>{DAY})\b)?(?:,?{SP}(?P<y>{YEAR})\b)?"),
    ("prev_window", r"\b(?:the{SP})?(?P<shift>previous|prior|preceding)(?:{SP}(?P<n>{COUNT}))?(?:{SP}|-)"
     r"(?P<unit>week|month|quarter|year)s?(?:-long)?{SP}period\b"
     r"|\bthe{SP}(?P<shift2>previous|prior|preceding){SP}(?P<n2>{COUNT}){SP}(?P<unit2>weeks|months|years)\b"),
    ("same_period_year", r"\bthe{SP}(?:same|corresponding|comparable)(?:{SP}(?P<what>period|quarter|month|months|"
     r"half|week|time|season))?{SP}(?:of|in|during){SP}(?:(?P<fis>fiscal|financial){SP}(?:year{SP})?)?"
     r"(?P<y>{YEAR})\b"),
    ("persian_the_year", r"\b(?:the{SP})?year{SP}(?P<py>{PYEAR})\b(?![,.]\d){ENDED}"),
    ("month_ord", r"\b(?:the{SP})?(?P<ord>{MONTH_ORD}){SP}month{SP}of{SP}{YEARISH}"),
    ("fiscal_ending", r"\b(?:the{SP})?(?:fiscal|financial|budget){SP}year{SP}(?:ending|ended|that{SP}ended|"
     r"which{SP}ended|that{SP}ends|which{SP}ends|to){SP}(?:on{SP})?(?P<mon>{MONTH})(?:{SP}(?P<d>{DAY})\b)?"
     r"(?:,?{SP}(?P<y>{YEAR}))?"),
    ("fiscal", r"\b(?:the{SP})?(?:(?P<shift>last|past|previous|prior|this|current|next|coming|following|latest)"
     r"{SP})?(?:fiscal|financial|budget)(?:[- ]year)?(?:{SP}(?P<y>{YEAR})(?:\s?[-–/]\s?(?P<y2>\d{{2,4}}))?)?\b"
     r"{FISCAL_TAIL}"),
    ("fy", r"(?-i:\bFY)\s?['’]?(?P<y>\d{{4}}|\d{{2}})(?:\s?[-–/]\s?(?P<y2>\d{{2,4}}))?\b{FISCAL_TAIL}"),
    ("quarter_q", r"(?-i:\bQ)(?P<q>[1-4])(?:(?:\s?['’]?|{SP}|-)(?:FY\s?)?(?P<y>{YEAR}|\d{{2}}\b))?\b"),
    ("quarter_yq", r"\b(?P<y>{YEAR}){SP}(?-i:Q)(?P<q>[1-4])\b"),
    ("quarter_ord", r"\b(?:(?P<det>the|its|this|that|a|next{SP}year['’]s|last{SP}year['’]s|this{SP}year['’]s)"
     r"{SP})?(?:(?P<y0>{YEAR}){SP})?(?:(?P<fis>fiscal|financial)[- ]?)?(?P<ord>first|second|third|fourth|1st|"
     r"2nd|3rd|4th|final)[- ]quarter(?:{SP}of{SP}{YEARISH})?"),
    ("quarter_rel", r"\b(?:(?P<det>the|this|that|last|next|its){SP})(?:(?P<shift>latest|last|past|previous|"
     r"current|next|coming|recent|most{SP}recent|same|fiscal|(?P<y0>{YEAR})){SP})?quarter\b(?!{SP}of\b)"),
    ("half", r"\b(?:the{SP})?(?P<ord>first|second|last|latter)(?:{SP}|-)half(?:{SP}of{SP}{YEARISH})?"),
    ("half_h", r"(?-i:\bH)(?P<h>[12])(?:(?:{SP}|\s?[-/']?\s?)(?:FY\s?)?(?P<y>{YEAR}|\d{{2}}\b))?\b"),
    ("months_of", r"\b(?:the{SP})?(?P<which>first|last|final)(?:{SP}(?P<n>{COUNT}))?{SP}months{SP}of{SP}{YEARISH}"),
    ("to_date", r"\b(?:the{SP})?(?:(?P<unit>year|month)[- ]to[- ]date|so{SP}far{SP}this{SP}(?P<unit2>year|month))"),
    ("earlier", r"\b(?:{EARLIER})\b"),
    ("ago", r"\b(?:{HEDGE}{SP})?(?P<n>{COUNT}|several|a{SP}few|few){SP}(?P<unit>{UNIT})"
     r"{SP}(?P<dir>ago|earlier|before|later|from{SP}now|hence)\b"),
    ("duration", r"\b(?:(?:over|in|during|for|within|throughout){SP})?(?:the{SP})?(?P<shift>past|last|previous|"
     r"next|coming|first|recent|preceding)(?:{SP}(?P<n>{COUNT}|several|few|couple{SP}of))?{SP}(?P<unit>{UNITS_PL})\b"),
    ("duration_sing", r"\b(?:(?:over|in|during|for|within|throughout){SP})?(?:the{SP})?(?P<shift>past|last|previous|"
     r"next|coming){SP}(?P<unit>decade|century)\b"),
    ("rel_unit", r"\b(?:(?P<part>early|late|earlier|later|mid|end|the{SP}end{SP}of|the{SP}beginning{SP}of|"
     r"the{SP}start{SP}of|the{SP}middle{SP}of|the{SP}rest{SP}of|the{SP}remainder{SP}of|sometime)(?:[- ]|{SP}in{SP}))?"
     r"(?:the{SP})?(?P<shift>last|past|previous|this|next|coming|current|present|following|this{SP}past)[- ]?"
     r"(?P<unit>week|weekend|month|year|decade|century)(?:['’]s)?\b"),
    ("the_year", r"\b(?P<det>the{SP}same|the|that){SP}(?P<unit>year|month|week)\b(?![- ](?:to|before|earlier|ago|old))"),
    ("year_end", r"\b(?:(?:the|around){SP})?(?:year[- ]end|year['’]s{SP}end|end{SP}of{SP}the{SP}year)\b"),
    ("season", r"\b(?:(?P<shift>last|next|this|this{SP}past|this{SP}coming|the|early|late)(?:{SP}|-))+"
     r"(?P<season>{SEASON})(?:{SP}of{SP}(?P<y>{YEAR}|{SPOKEN}))?\b"),
    ("decade", r"\b(?:the{SP})?(?:(?P<part>early|mid|late)[- ])?(?:(?P<dec>(?:1[89]|20)\d0)['’]?s|['’](?P<dec2>\d0)s|"
     r"(?P<decw>{DECADEW}))\b"),
    ("century", r"\b(?:the{SP})?(?P<c>\d{{1,2}})(?:st|nd|rd|th){SP}century\b"),
    ("spoken_year", r"\b(?:the{SP}year{SP})?(?P<spoken>{SPOKEN})\b(?!{SP}(?:hundred|thousand|percent|people))"),
    ("year_range", r"\b(?:from{SP}|between{SP})?(?P<y1>{YEAR})\s?(?:-|–|to|and|through)\s?(?P<y2>{YEAR})\b"),
    ("year_pair", r"(?<![\d,.])\b(?P<y1>{YEAR})\s?[-–/]\s?(?P<y2>\d{{2}}|(?<=/)\d{{4}})\b(?![-–/]?\d)"
     r"(?:{SP}(?:fiscal|financial|budget)(?:{SP}year)?\b)?{FISCAL_TAIL}"),
    ("year", r"(?:\b(?P<part>early|late|mid|the{SP}end{SP}of|the{SP}beginning{SP}of|the{SP}start{SP}of|"
     # not a year glued to a name ("the Army-2023 forum", "Expo-2020")
     r"the{SP}middle{SP}of)[- ]?)?(?<![\d,.$€£])(?<!(?-i:[A-Za-ce-z])-)(?<!(?<!\bmi)d-)\b(?P<y>{YEAR})\b(?![,.]\d|%|-\d)"),
    ("weekday", r"(?:\b(?P<shift>last|next|this|this{SP}coming|this{SP}past|the{SP}previous|the{SP}following|"
     r"earlier|late|early){SP})?\b(?P<wd>{WD})\b"),
    ("weekend", r"\b(?P<shift>the|this|last|next|this{SP}past|over{SP}the){SP}weekend\b"),
    ("dayword", r"\b(?:(?P<part>late|early|earlier|later){SP})?(?P<dw>{DAYWORD})\b"),
    ("since_then", r"\bsince{SP}then\b"),
    ("ref", r"\b(?P<ref>{REF})\b"),
)  # fmt: skip
# Every rule match contains a trigger of one of its classes: a rule runs only in
# windows of text around those triggers, which keeps a 600-word article within a
# few milliseconds (scanning every pattern over the whole text costs ~10x more).
# Trigger words per class, matched against the text's word tokens (lower-cased,
# except the capitalized calendar names, which come from MONTHS/WEEKDAYS/PERSIAN_MONTHS).
TRIGGER_WORDS: dict[str, frozenset[str]] = {
    "unit": frozenset({"day", "days", "week", "weeks", "weekend", "month", "months", "quarter", "quarters",
                       "year", "years", "decade", "decades", "century", "half"}),
    "dayword": frozenset({"today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening",
                          "night"}),
    "ref": frozenset({"now", "nowadays", "currently", "current", "present", "presently", "moment", "recent",
                      "recently", "past", "previously", "formerly", "future", "soon", "shortly", "term", "coming",
                      "far"}),
    "fiscal": frozenset({"fiscal", "financial", "budget"}),
    "persian": frozenset({"iranian", "persian", "solar"}),
    "season": frozenset({"spring", "summer", "autumn", "fall", "winter"}),
    "spoken": frozenset({"nineteen", "eighteen"}),
    "then": frozenset({"then"}),
}  # fmt: skip
# Word tokens: letters (with glued digits: "Q3", "FY24", "H1"), digit runs with an
# optional decade "s" ("1990s", "'80s").
TRIGGER_TOKEN = r"[A-Za-z]+\d*|['’]?\d+(?:['’]?s\b)?"
RULE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "iso_date": ("year4",), "persian_day": ("pmonth",), "persian_month": ("pmonth",),
    "persian_rel": ("persian",), "persian_year": ("persian",), "persian_bare": ("year4",),
    "range_day": ("month",), "mdy": ("month",), "dmy": ("month",), "month_range": ("month",),
    "month_year": ("month",), "month_rel": ("month",), "month_alone": ("month",), "fiscal_ending": ("fiscal",),
    "fiscal": ("fiscal",), "fy": ("qh",), "quarter_q": ("qh",), "quarter_yq": ("qh",), "quarter_ord": ("unit",),
    "quarter_rel": ("unit",), "half": ("unit",), "half_h": ("qh",), "months_of": ("unit",), "to_date": ("unit",),
    "earlier": ("unit",), "ago": ("unit",), "duration": ("unit",), "duration_sing": ("unit",),
    "rel_unit": ("unit",), "the_year": ("unit",), "year_end": ("unit",), "season": ("season",),
    "decade": ("decade",), "century": ("unit",), "spoken_year": ("spoken",), "year_range": ("year4",),
    "year_pair": ("year4",), "year": ("year4",), "weekday": ("weekday",), "weekend": ("unit",),
    "dayword": ("dayword",), "ref": ("ref",), "persian_ended": ("persian",), "persian_month_alone": ("pmonth",),
    "month_ending": ("unit",), "month_ord": ("unit",), "since_then": ("then",), "window_to": ("unit",),
    "prev_window": ("unit",), "same_period_year": ("year4",), "persian_the_year": ("unit",),
}  # fmt: skip
TRIGGER_WINDOW_BEFORE = 45  # characters of optional prefix a rule may match before its trigger
TRIGGER_WINDOW_AFTER = 70  # ...and of tail after it ("..., which ended on March 20, 2023")

# Optional tail of Persian-year expressions: "..., which ended on March 20".
ENDED_TAIL = (
    r"(?:,?{SP}(?:which|that){SP}(?:ended|ends|began|begins|started|starts){SP}(?:on{SP})?{MONTH}{SP}{DAY}"
    r"(?:,?{SP}{YEAR})?)?"
)
# Optional tail of a fiscal year that states its end or start: "fiscal 2023/24, which
# ended on June 30", "..., which ended in September" (groups tverb, tmon, td, ty).
FISCAL_TAIL = (
    r"(?:,?{SP}(?:which|that){SP}(?P<tverb>ended|ends|began|begins|started|starts|runs{SP}to|ran{SP}to)"
    r"{SP}(?:on{SP}|in{SP})?(?P<tmon>{MONTH})(?:{SP}(?P<td>{DAY})\b)?(?:,?{SP}(?P<ty>{YEAR})\b)?)?"
)
# Between two date expressions, these words make one range: "March to December 2022".
RANGE_CONNECTOR = r"^,?\s?(?:-|–|to|through|till|until|and|up{SP}to)\s?$"
# ...and these right before the first one belong to the range ("between 2013 and 2016").
RANGE_OPENER = r"(?:\b(?:between|from|starting|beginning|since)){SP}$"
RANGE_AND_NEEDS_OPENER = "and"
# Before a single date, these make it an open interval: "until 2026" ends then,
# "after 2026" starts the day after. (A deadline "by 2020" reads like "until".)
OPEN_END_BEFORE = r"(?:\b(?:until|till|through|by|up{SP}to)(?:{SP}the{SP}end{SP}of)?|\bbefore{SP}the{SP}end{SP}of){SP}$"
# "since March 21", "since the start of the current Iranian year": from then on, open-ended.
OPEN_FROM_BEFORE = r"(?:\bsince(?:{SP}the{SP}(?:start|beginning){SP}of)?){SP}$"
# "before" alone is an open end only for "before the end of ..." (the part is in the match).
OPEN_END_BEFORE_PART = r"(?:\bbefore){SP}$"
# How far before an expression these prepositions are looked for.
OPEN_LOOKBACK = 32
OPEN_START_BEFORE = r"(?:\b(?:after|beyond)){SP}$"
# A clause whose event is dated: "since the rains began on January 12" (open from that
# day), "before the subsidy was cut on July 1" (open, ending the day before), "until the
# ban was lifted in May". The whole clause is one open interval. Up to eight words,
# without punctuation, digits or a speech verb (which would date the statement).
OPEN_CLAUSE_BEFORE = (
    r"\b(?P<prep>since|before|until|till){SP}(?P<clause>(?:(?!(?:said|says|told|and|or|but)\b)[^\W\d][\w'’-]*{SP})"
    r"{{1,8}}?)(?:on|in){SP}$"
)
OPEN_CLAUSE_LOOKBACK = 110
# Rules whose day may own an event noun: "Thursday's session", "yesterday's vote".
POSSESSIVE_DAY_RULES: frozenset[str] = frozenset({"weekday", "dayword"})  # "2013 and 2016" alone is a list, not a range
