"""Words the claim stage reads: speech verbs, nouns of change, dependency labels."""

from __future__ import annotations

import re

# Quantities scored at least this by the numbers stage become claims.
WORTHINESS_FLOOR = 0.5

# Lemmas of verbs (and nouns) that introduce speech: a clause headed by one of these
# is the attribution, not the claim, so the evidence stops below it.
SPEECH_LEMMAS = frozenset(
    """say tell add note stress emphasize emphasise underscore announce state declare claim report
    reiterate highlight point explain assert affirm confirm reveal disclose insist maintain argue warn
    caution mention remark observe indicate suggest write tweet post estimate predict forecast
    acknowledge admit deny pledge promise vow urge announcement statement speak talk brief""".split()
)

# Nouns that name a change: their "in"/"of" complement is the measured thing.
CHANGE_NOUNS = frozenset(
    """increase rise growth jump surge hike boost gain climb decline drop fall decrease cut reduction
    slump dip contraction expansion spike leap upturn downturn increment""".split()
)
SUBJECT_PREPS = frozenset({"in", "of"})

# Children that start another clause: left out of a claim's evidence when they hold no
# part of its number.
CLAUSE_BREAK_DEPS = frozenset({"conj", "advcl", "parataxis", "ccomp", "relcl", "cc"})

SUBJECT_DEPS = ("nsubj", "nsubjpass", "dobj", "attr")
SUBJECT_MAX_TOKENS = 10
TRIM_LEADING = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"})

# A day-dated time expression dates a statement only when it is this close before
# the publication date (news reports what was said in the last days).
SAID_ON_MAX_DAYS = 10

# Comparison words, changes measured "over" a figure, and earlier records: the pieces of
# the baseline patterns below.
_COMPARED = r"compared\s+(?:to|with)|as\s+against|against|versus|vs\.?|than|from"
_CHANGE_OVER = r"(?:increase|rise|growth|gain|jump|decline|drop|fall|decrease)\s+over"
_EARLIER_RECORD = r"(?:previous|prior|former|old)\s+(?:record|high|peak|low)"

# Words just before a time expression (or a figure) that make it the baseline of a
# comparison rather than the period the figure covers.
BASELINE_BEFORE = re.compile(
    r"(?:compared\s+(?:to|with)|in\s+comparison\s+(?:to|with)|relative\s+to|as\s+against|against|versus|vs\.?"
    r"|than|from|since|as\s+(?:much|many|high|large|big|great)\s+as)\s+(?:(?:that|those|the|a|an|its|in|of|during|for|about|around|some|nearly|almost)\s+){0,3}$",
    re.IGNORECASE,
)
# "compared with the whole of 2020", "a jump from the last local election in 2014":
# a comparison word, a short noun phrase, then the time.
BASELINE_PHRASE_BEFORE = re.compile(
    r"(?:in\s+comparison\s+(?:to|with)|relative\s+to|" + _COMPARED + r")\s+the\s+(?:[\w-]+\s+){1,3}(?:of|in)\s+$",
    re.IGNORECASE,
)
# A preposition that makes even a year-earlier period the frame of the figure
# before it ("counted 21,310 cases in the same period last year"), when no
# comparison word stands before it.
OWN_FRAME_BEFORE = re.compile(
    r"^(?:(?!\b(?:compared|comparison|than|against|versus|from|over|up|down|rose|fell|increase|decrease)\b).)*"
    r"\b(?:during|for)\s+$",
    re.IGNORECASE | re.DOTALL,
)
# A day that bounds another period ("the fiscal year 2020 (which began April 1)").
BOUNDARY_DAY_BEFORE = re.compile(
    r"(?:\(\s*|\bwhich\s+|\bthat\s+)(?:began|begins|started|starts|ended|ends|closed|closes)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# A baseline time and the figure it dates: "from the last election in 2014, when 61.4
# percent voted", "the same period of 2023, which recorded 38,100 cases".
BASELINE_TIME_THEN_FIGURE = re.compile(r"^\s*,?\s*(?:when|where|which|that)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# A time right after a figure that a comparison is made with dates that figure, the
# baseline: "as against Rs 517 million in October 2022", "from 61 fatalities last year",
# "the previous record of 380 million set four years ago" (a currency abbreviation's dot,
# "Rs. 734", is not a sentence end).
BASELINE_FIGURE_BEFORE = re.compile(
    r"(?:" + _COMPARED + "|" + _EARLIER_RECORD + r"(?:\s+of)?|" + _CHANGE_OVER + r")\s+"
    r"(?:[^,;.()]|\.(?=\s?\d)){0,35}\d[\d,.]*[^,;()]{0,40}?\s(?:in|during|for|of|over)?\s*$",
    re.IGNORECASE,
)
# The figure after a comparison word and a noun phrase naming what is compared is itself
# the baseline: "compared to the sales of Rs 902 million", "the previous record of 71".
BASELINE_FIGURE_OF = re.compile(
    r"(?:(?:" + _COMPARED + "|" + _CHANGE_OVER + r")\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){1,3}"
    r"|" + _EARLIER_RECORD + r"\s+)(?:of|at)\s+$",
    re.IGNORECASE,
)
BASELINE_IN_TIME = re.compile(
    r"\b(?:same|corresponding)\s+(?:period|quarter|month|time)|\ba\s+year\s+(?:earlier|ago|before)\b"
    r"|\b(?:previous|preceding|prior)\s+(?:fiscal\s+|financial\s+|calendar\s+)?(?:year|fiscal|quarter|month)\b",
    re.IGNORECASE,
)

# How many sentences a stated period carries over to figures that name none.
CARRY_PERIOD_SENTENCES = 1

# An institution cited in this many opening sentences sources the article's unattributed figures.
LEAD_SENTENCES = 2
# What a market prices, not what its owner states: "the carmaker's shares fell 2%" is the
# market's figure even when the carmaker speaks in the report.
MARKET_PRICED_NOUNS = frozenset(
    # ("its share of exports" is a part of a whole: "share" alone is not here)
    {"shares", "stock", "stocks", "bonds", "valuation", "capitalisation", "capitalization"}
)
# A figure that is the market's expectation, not the source's statement.
MARKET_FIGURE_BEFORE = re.compile(
    r"\b(?:market|markets'?|analysts'?|economists'?|consensus|poll)\s+(?:estimates?|expectations?|forecasts?|consensus)"
    r"\s+(?:of\s+)?(?:about\s+|around\s+)?$"
    # "Analysts had expected operating profit of ...": what the market expected, not a statement
    r"|\b(?:analysts?|economists?|markets?|traders?|investors?)\s+(?:had\s+|now\s+)?"
    r"(?:expect(?:s|ed)?|forecast(?:s|ed)?|predict(?:s|ed)?|anticipate[sd]?|see|saw|price[sd]?\s+in)"
    r"\b[^.;]{0,60}$",
    re.IGNORECASE,
)
# Arcs climbed from a figure to find the owner of the measured thing ("the carmaker's net
# income ... quadrupled to 412 billion yen": five arcs from "412" to the verb).
POSSESSOR_SEARCH_ARCS = 5

# A headline that credits its figure to a source after a dash: "... Exceeds $52Bln - General Director".
HEADLINE_ATTRIBUTION = re.compile(r"\s[-\u2013\u2014]\s*[A-Z][\w.'\u2019 -]{2,50}\s*$")
# How a body sentence ends; a headline line does not.
SENTENCE_END = (".", "!", "?", "\"", "\u201d", "\u2019", "'", ")")

# A time in the figure's sentence that frames it on its own terms: no period carries over.
NO_CARRY_TIME = re.compile(r"^\s*(?:since|over\s+the\s+(?:past|last)|in\s+the\s+(?:past|last))\b", re.IGNORECASE)

# Penn tags of a present-tense verb, and of a participle that a present auxiliary makes
# present ("is pumping", "have shown").
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
PRESENT_AUX_VERB_TAGS = frozenset({"VBG", "VBN"})

# Words before "since X" that make X the last time a level was reached, not the start of
# a period the figure covers: "its highest level since 2008", "the first rise since
# March", "a pace not seen since the 1990s".
RECORD_BEFORE_SINCE = re.compile(
    r"\b(?:highest|lowest|biggest|largest|smallest|strongest|weakest|fastest|slowest|sharpest|steepest"
    r"|deepest|greatest|best|worst|most|least|first|record|not\s+seen|unseen)\b[^.;:!?]{0,50}$",
    re.IGNORECASE,
)

# Several years counted back from another figure's year ("Three years earlier, sales
# stood at 40,000 units", "two decades before that"): a chain of arithmetic on another period,
# left open as the text leaves it ("a year earlier", a baseline of the same window, and
# "five years ago", counted from the report, are resolved).
YEARS_BEFORE_ANOTHER = re.compile(
    r"^\s*(?:(?:some|about|around|nearly|almost)\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|[2-9]|\d\d)"
    r"\s+(?:years|decades)\s+(?:earlier|before)\b",
    re.IGNORECASE,
)

# A window counted back (or forward) from an unstated day: "the past year", "last three months".
ROLLING_WINDOW = re.compile(
    r"\b(?:past|last|previous|coming|next)\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|quarters?)\b",
    re.IGNORECASE,
)

# Sources gold (and readers) do not count as a named speaker: a bare plural of experts,
# a document, an estimate, when no proper word says whose ("budget documents", "the
# government", but not "Iranian government"); see ``claims._is_vague_speaker``.
# Heads of a "speaker" that names no source: words, figures and documents without an
# issuer, pronouns left unresolved, and an unnamed government.
VAGUE_SPEAKER_WORDS = frozenset(
    """analyst analysts economist economists expert experts observer observers insider insiders critic
    critics resident residents witness witnesses people data document documents estimate estimates figure
    figures report reports law laws government this that it they he she we study survey statistics media""".split()
)
# Heads of a described unnamed source that speaks for an institution ("a senior
# government official", "officials", "a source close to the ministry"): a speaker in its
# own right, named by its description, but not one that makes a report many-voiced.
DESCRIBED_SOURCE_WORDS = frozenset(
    """official officials source sources diplomat diplomats spokesman spokeswoman spokesperson""".split()
)
LEAD_PERIOD_SENTENCES = 1

# Words that put a figure in the present: no stated or carried period applies to it.
PRESENT_MARKER = re.compile(r"\b(?:now|currently|today|at present|presently)\b", re.IGNORECASE)


# A day named as the occasion itself ("Thursday's session", "Friday's quake") is the
# period of what happened then, even for a percent or an amount.
EVENT_DAY = re.compile(r"['\u2019]s\s*$|['\u2019]s\b", re.IGNORECASE)
