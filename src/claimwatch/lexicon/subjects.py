"""Subject normalization as data: what a claim measures, in canonical words.

Used by ``claimwatch.link.subjects`` to turn free subject phrases ("exports of
military defense products", "Iran's arms exports", "defence exports") into one
key. Everything is lower-case, with typographic apostrophes folded to "'".
Multi-word phrases are matched longest first, so "military equipment" wins over
"military" alone.
"""

from __future__ import annotations

# Words that carry no meaning for what is measured: determiners, possessive
# pronouns, and generic owners whose "'s" only says who reports the figure
# ("the ministry's exports" measures the same thing as "exports").
DROP_WORDS: frozenset[str] = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "our", "his", "her", "my",
    "your", "it", "of", "and", "or", "on", "per", "all", "some", "such", "new", "current", "annual",
    "yearly", "total", "overall", "value", "figure", "level", "amount", "number", "volume", "sum",
    "ministry", "ministry's", "country", "country's", "nation", "nation's", "government",
    "government's", "state", "state's", "agency", "agency's", "department", "department's",
    "company", "company's", "firm", "firm's", "organization", "organization's", "organisation's",
    "bureau", "bureau's", "office", "office's", "year", "year's", "last", "past", "previous", "same",
    "which", "who", "was", "were", "is", "are", "has", "have", "had", "been", "be", "we", "they",
    "he", "she", "them", "us", "also", "about", "around", "nearly", "almost", "roughly",
    "million", "billion", "trillion", "thousand", "crore", "lakh", "percent", "per cent",
})  # fmt: skip

# Generic object nouns that add nothing once the domain is known ("defense
# products" = "defense"; "civilian goods" = "civilian").
GENERIC_OBJECTS: frozenset[str] = frozenset({
    "product", "products", "good", "goods", "item", "items", "equipment", "equipments", "commodity",
    "commodities", "material", "materials", "hardware", "system", "systems", "article", "articles",
})  # fmt: skip

# Phrases (longest first at match time) mapped to one canonical token. The
# canonical token "defense" stands for the whole arms / military sector.
SYNONYMS: dict[str, str] = {
    # the arms sector
    "military defense": "defense",
    "military defence": "defense",
    "defense industry": "defense",
    "defence industry": "defense",
    "defense industries": "defense",
    "defence industries": "defense",
    "defense sector": "defense",
    "defence sector": "defense",
    "military equipment": "defense",
    "military hardware": "defense",
    "military products": "defense",
    "military goods": "defense",
    "military items": "defense",
    "weapons systems": "defense",
    "weapon systems": "defense",
    "defense and aerospace": "defense",
    "defence and aerospace": "defense",
    "arms": "defense",
    "arm": "defense",
    "weapons": "defense",
    "weapon": "defense",
    "weaponry": "defense",
    "armaments": "defense",
    "military": "defense",
    "defense": "defense",
    "defence": "defense",
    "defensive": "defense",
    # selling abroad
    "sales abroad": "exports",
    "foreign sales": "exports",
    "overseas sales": "exports",
    "export": "exports",
    "exports": "exports",
    "exported": "exports",
    "exporting": "exports",
    "shipments": "exports",
    "imports": "imports",
    "import": "imports",
    "imported": "imports",
    "sales": "sales",
    "sale": "sales",
    # making things
    "production": "production",
    "output": "production",
    "manufacture": "production",
    "manufacturing": "production",
    "manufactured": "production",
    # money set aside
    "budget": "budget",
    "budgets": "budget",
    "allocation": "budget",
    "allocations": "budget",
    "appropriation": "budget",
    "spending": "spending",
    "expenditure": "spending",
    "expenditures": "spending",
    "outlay": "spending",
    "outlays": "spending",
    "revenue": "revenue",
    "revenues": "revenue",
    "income": "revenue",
    "earnings": "revenue",
    # prices
    "inflation rate": "inflation",
    "inflation": "inflation",
    "prices": "price",
    "price": "price",
    # people
    "deaths": "deaths",
    "death toll": "deaths",
    "killed": "deaths",
    "dead": "deaths",
    "fatalities": "deaths",
    "injured": "injured",
    "injuries": "injured",
    "wounded": "injured",
    # oil and gas
    "crude oil": "oil",
    "crude": "oil",
    "oil": "oil",
    "gas": "gas",
    "contracts": "contracts",
    "contract": "contracts",
    "deals": "contracts",
}

# "sales ... abroad" are exports: with one of these words anywhere in the
# subject, the canonical "sales" becomes "exports".
ABROAD_WORDS: frozenset[str] = frozenset({"abroad", "overseas", "foreign", "international"})

# Canonical tokens that name the measured quantity itself (the head), as opposed
# to a modifier saying of what. A key keeps modifiers first and heads last.
MEASURES: frozenset[str] = frozenset({
    "exports", "imports", "sales", "production", "budget", "spending", "revenue", "inflation", "price",
    "deaths", "injured", "contracts", "share", "growth", "gdp", "debt", "turnout", "cases",
    "unemployment", "capacity", "reserves", "investment", "trade", "deficit", "surplus",
})  # fmt: skip

# Words that end the subject proper: what follows describes circumstances, not
# the measured thing ("civilian goods made in defense factories").
CUT_WORDS: frozenset[str] = frozenset({
    "in", "at", "by", "from", "to", "with", "during", "since", "for", "over", "between", "under",
    "until", "through", "after", "before", "compared", "than", "while", "when", "made", "produced",
    "rose", "fell", "grew", "increased", "decreased", "reached", "hit", "touched", "stood", "totaled",
    "totalled", "amounted", "tripled", "doubled", "jumped", "dropped", "declined",
})  # fmt: skip

# Country names and adjectives -> canonical scope. Stripped from the key into
# the separate ``scope`` so "Iran's arms exports" and "arms exports" share a key.
COUNTRIES: dict[str, str] = {
    "iran": "iran", "iranian": "iran", "iran's": "iran", "islamic republic": "iran", "persian": "iran",
    "india": "india", "indian": "india", "india's": "india",
    "turkey": "turkey", "turkish": "turkey", "türkiye": "turkey", "turkiye": "turkey",
    "türkiye's": "turkey", "turkey's": "turkey",
    "south korea": "south korea", "korea": "south korea", "korean": "south korea",
    "south korean": "south korea", "south korea's": "south korea", "korea's": "south korea",
    "pakistan": "pakistan", "pakistani": "pakistan", "pakistan's": "pakistan",
    "russia": "russia", "russian": "russia", "russia's": "russia",
    "israel": "israel", "israeli": "israel", "israel's": "israel",
    "brazil": "brazil", "brazilian": "brazil", "brazil's": "brazil",
    "china": "china", "chinese": "china", "china's": "china",
    "united states": "united states", "u.s.": "united states",
    "american": "united states", "america's": "united states", "u.s.'s": "united states",
    "european union": "european union", "eu": "european union", "eu's": "european union",
    "european": "european union", "europe": "european union", "europe's": "european union",
    "bangladesh": "bangladesh", "bangladeshi": "bangladesh", "bangladesh's": "bangladesh",
    "saudi arabia": "saudi arabia", "saudi": "saudi arabia",
    "iraq": "iraq", "iraqi": "iraq", "syria": "syria", "syrian": "syria",
    "ukraine": "ukraine", "ukrainian": "ukraine", "germany": "germany", "german": "germany",
    "france": "france", "french": "france", "britain": "united kingdom", "british": "united kingdom",
    "uk": "united kingdom", "united kingdom": "united kingdom", "japan": "japan", "japanese": "japan",
}  # fmt: skip

# Simple lemmatization: irregular plurals; regular "-s" is stripped by rule for
# words not in the synonym table.
IRREGULAR_LEMMAS: dict[str, str] = {
    "people": "person", "children": "child", "women": "woman", "men": "man",
    "countries": "country", "industries": "industry", "companies": "company",
    "facilities": "facility", "categories": "category", "casualties": "casualty",
    "supplies": "supply", "batteries": "battery",
}  # fmt: skip

# Words never lemmatized by "-s" stripping (the final s is not a plural).
NO_STRIP: frozenset[str] = frozenset({
    "gas", "news", "arms", "analysis", "basis", "crisis", "process", "status", "bus", "series",
    "us", "its", "this", "was", "has", "is", "less", "loss", "press", "aerospace",
})  # fmt: skip


# ---------------------------------------------------------------------------
# Consistency rules (``claimwatch.link.consistency``): how far a stated figure
# may be from another before the two cannot both be true.
# ---------------------------------------------------------------------------

# Hedges that make a figure approximate: the figure may be off by this share of
# itself in either direction ("some one billion" vs "$1.2bn" stay compatible).
APPROX_HEDGES: frozenset[str] = frozenset({
    "about", "around", "some", "roughly", "approximately", "almost", "nearly", "close to", "an estimated",
    "estimated", "an average of", "on average", "circa", "approx", "just over", "just under",
    "more or less", "upward of", "in the region of", "as many as", "as much as",
})  # fmt: skip
APPROX_TOLERANCE = 0.2
# Hedges that make the figure a floor or a ceiling.
LOWER_BOUND_HEDGES: frozenset[str] = frozenset({
    "more than", "over", "at least", "upwards of", "in excess of", "above", "exceeding", "no less than",
    "not less than", "greater than",
})  # fmt: skip
UPPER_BOUND_HEDGES: frozenset[str] = frozenset({
    "less than", "under", "at most", "up to", "below", "no more than", "not more than", "fewer than",
})  # fmt: skip
# A round figure is read as rounded to its last non-zero digit, but never more
# loosely than this share of itself (so "40" is 36..44, not 35..45).
ROUNDING_CAP = 0.1
# Extra slack on a ratio implied by two amounts before it contradicts a stated
# multiplier ("tripled" vs amounts 1.2bn / 0.4bn is fine, vs 1.2bn / 0.8bn is not).
RATIO_TOLERANCE = 0.12
# Periods are "the same period" when their overlap is at least this share of
# their union (a half-year figure is not compared with a full-year one).
PERIOD_OVERLAP = 0.6
# Claims with periods are paired (blocked) only when their periods start within this
# many years of each other: periods further apart cannot overlap by PERIOD_OVERLAP
# unless both run longer than this.
PERIOD_BLOCK_YEARS = 3
# A block of claims (measured thing, kind, unit and period year; or speaker and measure)
# of at most this many + 1 gives every pair; in a bigger one (thousands of reports of one
# country's inflation in one year) each claim is compared with this many after it in
# time order, so the block costs linear time.
BLOCK_NEIGHBOURS = 64

# A multiplier or change measured against something other than the previous
# period: it cannot be checked against last period's amount.
OTHER_BASELINE_PATTERNS: tuple[str, ...] = (
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years?\s+(?:ago|earlier|before)\b",
    r"\b(?:compared|against)\s+(?:with|to)\s+(?:the\s+)?(?:year\s+)?\d{4}\b",
    r"\bsince\s+\d{4}\b",
    r"\bover\s+(?:the\s+)?(?:past|last)\s+(?:two|three|four|five|ten|\d+)\b",
    r"\bdecade\b",
)

# Calendar cues: a Gregorian date said to start or end a Persian (solar hijri) year.
CALENDAR_START_CUES: frozenset[str] = frozenset({
    "began", "begins", "begin", "beginning", "started", "starts", "start", "starting", "commenced",
    "commencing", "from", "opened",
})  # fmt: skip
CALENDAR_END_CUES: frozenset[str] = frozenset({
    "ended", "ends", "end", "ending", "finished", "closed", "to", "until", "through", "till",
})  # fmt: skip
# Days of slack when comparing (outlets commonly write "March 21" for Nowruz
# falling on March 20 or 21).
CALENDAR_SLACK_DAYS = 1

# An amount right before one of these nouns ("a Rs240 billion rise in the
# budget"), or right after "<noun> of", measures a change, not a level: it gets
# the key modifier "change" and is never compared with levels.
CHANGE_NOUNS: frozenset[str] = frozenset({
    "rise", "increase", "hike", "jump", "growth", "gain", "surge", "boost", "drop", "decline", "cut",
    "fall", "reduction", "decrease", "dip", "slump", "increment",
})  # fmt: skip
# Phrases naming both directions of trade: with one of them in the evidence, a
# subject headed "imports" or "exports" measures total trade.
TRADE_PHRASES: tuple[str, ...] = (
    "imports and exports", "exports and imports", "import and export", "export and import",
    "foreign trade", "total trade",
)
# "in yuan terms", "in real terms": a figure on a stated basis is only compared
# with figures on the same stated basis.
BASIS_PATTERN = r"\bin\s+((?:us\s+)?dollar|yuan|rmb|renminbi|real|nominal|volume|value|local[- ]currency|euro|rupee|rial|won|lira)\s+terms\b"
