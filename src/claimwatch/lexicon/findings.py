"""What ``claimwatch check`` reads and tolerates, as data: qualifier words, rolling
windows, measured wholes, severities and every numeric tolerance behind a finding.

The value tolerances shared with the older checks (rounding, hedges, ratios, period
overlap) live in ``lexicon.subjects``; the ones here belong to the relay, headline,
arithmetic and calendar-gloss checks. Each is documented where it is set.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------
# Severities, lowest first: `check --min-severity` keeps a finding at or above one.
# ---------------------------------------------------------------------------
SEVERITIES: tuple[str, ...] = ("low", "medium", "high")

# ---------------------------------------------------------------------------
# Qualifiers: the words in front of a figure ("about", "more than") and the verbs
# that carry one in a headline ("Exports Surpass $1B"). Each maps to a class:
#   gt     a floor: the figure is exceeded ("more than", "surpass", "over")
#   lt     a ceiling ("less than", "under", "up to")
#   near   just under ("almost", "nearly", "close to")
#   approx either side ("about", "approximately", "some")
#   (none) the figure as stated
# ---------------------------------------------------------------------------
QUALIFIER_CLASSES: dict[str, str] = {
    **{w: "gt" for w in (
        "more than", "over", "at least", "upwards of", "upward of", "in excess of", "above", "exceeding",
        "exceeds", "exceeded", "exceed", "surpass", "surpasses", "surpassed", "surpassing", "top", "tops",
        "topped", "topping", "no less than", "not less than", "greater than", "beyond", "just over",
    )},
    **{w: "lt" for w in (
        "less than", "under", "at most", "up to", "below", "no more than", "not more than", "fewer than",
    )},
    **{w: "near" for w in ("almost", "nearly", "close to", "just under", "just shy of", "short of")},
    **{w: "approx" for w in (
        "about", "around", "some", "roughly", "approximately", "an estimated", "estimated", "circa",
        "approx", "more or less", "in the region of", "an average of", "on average",
    )},
}  # fmt: skip
# Words looked at before a figure for its qualifier (when the extractor left none).
QUALIFIER_WINDOW_WORDS = 3
# Two qualifiers that describe different figures, and how serious the difference is:
# a floor against a ceiling or "just under" cannot both hold; a floor against "about"
# overstates; "about" against a bare figure only hedges it (not reported).
QUALIFIER_CLASHES: dict[frozenset[str], str] = {
    frozenset({"gt", "lt"}): "medium",
    frozenset({"gt", "near"}): "medium",
    frozenset({"gt", "approx"}): "low",
    frozenset({"lt", "approx"}): "low",
}

# ---------------------------------------------------------------------------
# Rolling windows: "over the past 27 months", "in three years", "in the past year".
# A calendar phrase ("last year", "in 2023") is a period, not a window.
# ---------------------------------------------------------------------------
WINDOW = re.compile(
    r"\b(?:in|over|during|within|for|across)\s+(?:the\s+)?(?:(?P<rel>past|last|previous|preceding)\s+)?"
    r"(?P<count>\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)?\s*(?P<unit>years?|months?|weeks?|days?|decades?)\b",
    re.I,
)
WINDOW_MONTHS: dict[str, float] = {"year": 12, "month": 1, "week": 12 / 52, "day": 12 / 365, "decade": 120}
# Two windows differ when their lengths differ by more than this share of the longer
# one ("33 months" against "three years" differ; "35 months" against "three years" not).
WINDOW_TOLERANCE = 0.05
# Windows of the same speaker ending at their statements are "the same time" for a
# conflict when their lengths are this close (a since-date window against "N months").
WINDOW_CONFLICT_TOLERANCE = 0.12

# ---------------------------------------------------------------------------
# Measured wholes: the nouns that say what a figure measures, folded to one word each,
# compared between a headline and its body ("industry grew" against "exports grew").
# ---------------------------------------------------------------------------
MEASURED_WHOLES: dict[str, str] = {
    "export": "exports", "exports": "exports", "exported": "exports", "sales": "exports",
    "import": "imports", "imports": "imports",
    "production": "production", "output": "production", "produced": "production",
    "manufacturing": "production",
    "industry": "industry", "industries": "industry", "sector": "industry",
    "budget": "budget", "spending": "budget", "expenditure": "budget",
    "revenue": "revenue", "revenues": "revenue", "income": "revenue",
    "orders": "orders", "contracts": "orders", "deals": "orders", "agreements": "orders",
    "investment": "investment", "investments": "investment",
    "economy": "economy", "gdp": "economy",
    "trade": "trade",
    "inflation": "inflation", "prices": "inflation",
    "profit": "profit", "profits": "profit", "earnings": "profit",
}  # fmt: skip
# Wholes that contain another ("industry" holds its exports): never a mismatch alone,
# only when the other side names none of the parts.
MEASURED_CONTAINERS: dict[str, frozenset[str]] = {
    "industry": frozenset({"production"}),
    "economy": frozenset({"trade", "exports", "imports", "investment", "production"}),
    "trade": frozenset({"exports", "imports"}),
}

# ---------------------------------------------------------------------------
# Cross-outlet alignment: within one story, a claim is the "same figure" as another
# outlet's claim of the same kind and unit when their values are this close (ratio):
# a rounding or a relay slip, not another figure. Larger gaps between one speaker's
# figures on one occasion are ``consistency``'s value check.
# ---------------------------------------------------------------------------
RELAY_VALUE_RATIO = 0.05
# A rounding-level difference (both figures hedged into agreement) is low; values no
# hedge reconciles are high.

# ---------------------------------------------------------------------------
# Arithmetic: a stated share or change against the figures stated beside it.
# ---------------------------------------------------------------------------
# Percentage points of slack for a stated share ("about 25%" for 3,000 of 12,000).
SHARE_SLACK_POINTS = 1.0
# ... and for a stated percent change against "from X to Y".
CHANGE_SLACK_POINTS = 1.5
# Relative slack for a stated multiplier against "from X to Y".
MULTIPLIER_SLACK = 0.08
# A part named "of" a whole: "3,000 of its 12,000 jobs".
PART_OF_WHOLE = re.compile(r"^\s*(?:of|out\s+of)\s+(?:its|their|the|all|a\s+total\s+of)?\s*$", re.I)
# A change stated from one value to another: "from $4 billion to $5 billion".
FROM_TO = re.compile(r"\bfrom\s*$", re.I)
TO_BETWEEN = re.compile(r"^\s*(?:to|up\s+to)\s*$", re.I)

# ---------------------------------------------------------------------------
# Calendar glosses: "the 1398 plan (April 2017 - April 2018)". A bracketed span after
# a Persian year, within this many words of it, restates that year.
# ---------------------------------------------------------------------------
GLOSS_GAP_WORDS = 3
# Months of slack at each end of a glossed span (Nowruz falls on March 20 or 21).
GLOSS_SLACK_MONTHS = 1
