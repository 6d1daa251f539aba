"""Word lists, patterns and thresholds for the cross-document linkers, as data.

``claimwatch.link.talking_points`` (recycled sentences) and
``claimwatch.link.stories`` (reports of one event) read these tables. Thresholds
were set on the shared gold links (seeds, dev) and checked on the project's
sample corpus; the word lists are general news vocabulary, not phrases of any
one article.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------
# Talking points: which sentences are indexed
# ---------------------------------------------------------------------------
MIN_WORDS = 7  # a substantive sentence has at least this many words ...
MIN_CHARS = 40  # ... and this many characters
MIN_CONTENT_STEMS = 3

# ---------------------------------------------------------------------------
# Talking points: MinHash / LSH (datasketch)
# ---------------------------------------------------------------------------
NUM_PERM = 64
SHINGLE_SIZE = 3
# Near-exact pass over word 3-shingles: 16 bands x 4 rows, so pairs above a
# shingle Jaccard of about 0.5 collide.
EXACT_BANDS, EXACT_ROWS = 16, 4
EXACT_SEED = 1
# Reworded pass over the set of content-word concepts: 32 bands x 2 rows, pairs
# sharing about a fifth of their content words collide.
SEMANTIC_BANDS, SEMANTIC_ROWS = 32, 2
SEMANTIC_SEED = 2
# A band bucket shared by very many sentences (boilerplate in hundreds of
# articles) would make candidates quadratic: a new sentence is paired with the
# most recently indexed of its LSH neighbours only, which keeps clusters connected.
MAX_CANDIDATES_PER_SENTENCE = 64

# ---------------------------------------------------------------------------
# Talking points: when a candidate pair is linked
# ---------------------------------------------------------------------------
NEAR_EXACT_JACCARD = 0.5
# An edited copy keeps most words in order: word-sequence overlap (of the shorter
# sentence) at least this, with a TF-IDF cosine at least SEMANTIC_COSINE.
SEQUENCE_OVERLAP = 0.65
SEMANTIC_COSINE = 0.40
# A reworded piece of background boilerplate keeps its common words (after
# folding synonyms), not its order: between two *generic* sentences, a TF-IDF
# cosine over the lower-case (non-name) concepts at least this, sharing at least
# GENERIC_MIN_SHARED of them.
GENERIC_COSINE = 0.45
GENERIC_MIN_WORDS = 12
GENERIC_MIN_SHARED = 5

REPORTING_VERBS = (
    "said|says|say|added|noted|continued|stressed|told|announced|declared|asserted|underlined|"
    "emphasized|emphasised|highlighted|explained|stated|remarked|warned|reiterated|wrote"
)
# Reporting verbs in the base form, as after "he went on to ..." / "she did not ...".
BASE_REPORTING_VERBS = (
    "say|add|note|stress|tell|announce|declare|assert|underline|emphasize|emphasise|highlight|"
    "explain|state|remark|warn|reiterate|insist|point\\s+out"
)
# Past-tense reporting verbs: a sentence built on one reports what someone said
# on one occasion.
PAST_REPORTING_VERBS = (
    "said|added|noted|continued|stressed|told|announced|declared|asserted|underlined|emphasized|"
    "emphasised|highlighted|explained|stated|remarked|warned|reiterated|wrote|revealed|confirmed|"
    "disclosed|unveiled|pointed\\s+out"
)
# A sentence is *specific* (tied to one speaker, moment or figure, so a rewording of
# it is a report of the same event, not recycled background) when it has a number,
# quotation marks, a question, first-person words, or a named or pronoun speaker
# next to a reporting verb.
SPECIFIC_SENTENCE = re.compile(
    r"\d|[\"\u201c\u201d]|\?"
    r"|\b(?:I|we|We|our|Our|us|my|My)\b"
    rf"|\b(?:he|she|He|She)\b[^.]{{0,20}}?\b(?:{REPORTING_VERBS}|{BASE_REPORTING_VERBS})\b"
    rf"|\b(?:{REPORTING_VERBS}),?\s+(?:he|she)\b"
    rf"|[A-Z][\w\u2019'-]+\s+[A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'-]+)*,?\s+(?:\w+\s+){{0,3}}?(?:{REPORTING_VERBS})\b"
)
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A sentence *anchored to one occasion*: a direct quotation, a past-tense
# reporting verb, or a day named ("on Saturday", "in July", "yesterday"). Two
# reworded anchored sentences in documents that are not copies of each other
# are two reports of one event (a story), not a recycled talking point; timeless
# lines ("The ministry says ...", "According to ...") stay eligible.
ANCHORED_SENTENCE = re.compile(
    r"[\"\u201c\u201d]"
    rf"|\b(?:{PAST_REPORTING_VERBS})\b"
    rf"|\b(?:{WEEKDAYS})\b|\b(?:on|in|since|last|early|late|mid-?)\s+(?:{MONTHS})\b"
    r"|\b(?:yesterday|today|tonight|last\s+(?:week|month|night))\b",
)

# ---------------------------------------------------------------------------
# Talking points: text normalization
# ---------------------------------------------------------------------------
# News function words that carry no topic: they would make unrelated sentences
# look alike ("the spokesman said ..." / "the minister said ...").
EXTRA_STOP_WORDS = frozenset(
    {
        "said", "say", "says", "told", "added", "noted", "according", "also", "stated",
        "stressed", "underscored", "emphasized", "highlighted", "pointed", "mr", "ms", "mrs",
        "year", "years", "week", "month", "time", "new", "just", "like", "including",
    }
)
# Light suffix stripping so "produced"/"production"/"produce" share a stem; longest first.
SUFFIXES = (
    "ations", "ation", "ments", "ment", "ingly", "ings", "ing", "ions", "ion", "ities", "ity",
    "ies", "ied", "ers", "er", "ed", "es", "ly", "s",
)
MIN_STEM = 4

# Multi-word paraphrases folded to one token before words are compared (matched on
# normalized text: lower case, hyphens as spaces). General news wording.
PHRASE_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"\bin spite of\b|\bregardless of\b|\bnotwithstanding\b", "despite"),
    (r"\b(?:ten|10) years\b", "decade"),
    (r"\bself (?:reliance|reliant|sufficiency|sufficient)\b", "selfreliance"),
    (r"\bup for negotiation\b|\bnegotiable\b", "negotiation"),
    (r"\bmade in (?:the )?(?=[a-z])", "made "),
    (r"\bin nature\b", ""),
    (r"\brules? out\b|\bruled out\b", "reject"),
)
# Single words folded to one concept (word -> concept): synonyms a rewriter swaps
# in, and inflections the light stemmer does not align. Only *common* words here:
# names and figures are compared as written.
_SYNONYM_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("expert", ("expert", "experts", "specialist", "specialists", "engineer", "engineers", "technician",
                "technicians", "professional", "professionals", "scientist", "scientists", "researcher",
                "researchers")),
    ("produce", ("produce", "produced", "producing", "production", "manufacture", "manufactured",
                 "manufacturing", "manufacturer", "manufacturers")),
    ("weapon", ("weapon", "weapons", "weaponry", "arms", "armament", "armaments", "hardware", "munitions")),
    ("buy", ("buy", "buying", "bought", "purchase", "purchased", "purchasing", "purchases", "acquire",
             "acquired", "acquiring", "procure", "procured", "procuring")),
    ("broad", ("broad", "wide", "diverse", "varied", "vast")),
    ("progress", ("progress", "strides", "advances", "advance", "breakthroughs", "breakthrough", "headway",
                  "achievements", "gains", "innovations")),
    ("significant", ("significant", "major", "great", "notable", "considerable", "remarkable", "substantial",
                     "important", "huge", "big")),
    ("defense", ("defense", "defence", "defensive", "defend", "defending", "deterrent", "deterrence")),
    ("negotiation", ("negotiation", "negotiations", "negotiate", "negotiated", "negotiating")),
    ("past", ("past", "last", "previous", "recent")),
    ("country", ("country", "countries", "nation", "nations")),
    ("increase", ("increase", "increased", "increasing", "rise", "rose", "risen", "rising", "grow", "grew",
                  "grown", "growing", "climb", "climbed", "boost", "boosted", "raise", "raised")),
    ("decrease", ("decrease", "decreased", "decline", "declined", "fall", "fell", "fallen", "drop", "dropped",
                  "dip", "dipped", "slump", "slumped", "cut")),
    ("strengthen", ("strengthen", "strengthened", "bolster", "bolstered", "bolstering", "reinforce",
                    "reinforced", "enhance", "enhanced")),
    ("only", ("only", "purely", "solely", "exclusively", "entirely")),
    ("insist", ("insist", "insists", "insisted", "stress", "stresses", "maintain", "maintains", "maintained",
                "assert", "asserts", "contend", "contends")),
    ("interest", ("interest", "interested", "interests")),
    ("program", ("program", "programs", "programme", "programmes")),
    ("capability", ("capability", "capabilities", "capacity", "capacities", "power", "might")),
    ("military", ("military", "armed", "forces")),
    ("show", ("show", "shown", "showed", "express", "expressed", "voice", "voiced", "demonstrate",
              "demonstrated")),
    ("reject", ("reject", "rejects", "rejected", "refuse", "refuses", "refused", "never")),
)
WORD_CONCEPTS: dict[str, str] = {word: concept for concept, words in _SYNONYM_GROUPS for word in words}

# ---------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------
# Text similarity (TF-IDF cosine of two units) that makes a link, by how many
# specific figures or facts (claims of equal kind, value and unit) the units share:
# independent reports of one announcement repeat its figures, so the more they
# share the less wording they need in common.
STORY_COSINE_BY_SHARED_FIGURES = (0.33, 0.25, 0.15)  # 0, 1, 2 or more shared figures
SHARED_POINTS = 2
BOILERPLATE_DOCS = 3
SPEAKER_BONUS = 0.05
# ... and for statements of one day (said_on, else the publication date)
DAY_BONUS = 0.05
# One occasion: statements dated further apart than this are two events ...
SAID_DAYS = 2
# ... and so are reports published further apart than this (when no statement date
# tells the occasion: relays run a few days after the event).
PUBLISHED_DAYS = 10
# Blocking: MinHash bands of the unit's terms (a pair of units sharing a fifth of
# their terms collides about two times in three), and each unit paired with at most
# this many earlier units of every block.
STORY_BANDS, STORY_ROWS = 32, 2
STORY_SEED = 3
CANDIDATES_PER_KEY = 24
# A speaker and measure with figures in more stories than this is not one series.
MAX_SERIES_STORIES = 12
# A recap passage starts with a look back at an earlier occasion; only looked for
# after the lead (the first RECAP_MIN_LEAD sentences, and the first RECAP_MIN_SHARE
# of the document), where background sits.
RECAP_CUE = re.compile(
    r"^(?:(?:Weeks|Days|Months|Years)\s+ago|Earlier\s+(?:this|last)\s+(?:week|month|year)"
    r"|Last\s+(?:week|month|year)|Back\s+in\s|Previously,|Earlier,"
    r"|In\s+(?:comments|remarks|an\s+interview|a\s+statement)\s+(?:in|on|last)\s"
    rf"|In\s+(?:early\s+|late\s+|mid-)?(?:{MONTHS})(?:\s+\d{{4}})?,"
    rf"|On\s+(?:{MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?,)",
)
RECAP_MIN_SHARE = 0.25
RECAP_MIN_LEAD = 2
# A recap of this many sentences or more retells the event (a report of it, with its
# occasion and quotes); a shorter one only recalls it.
RECAP_REPORT_SENTENCES = 4
# A specific figure: a number with a decimal part, thousands separator, percent or
# scale word ("1,644", "7.7", "40%", "551 million"); bare integers are too often
# years, days or counts of anything.
FIGURE = re.compile(
    r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+\.\d+\b"
    r"|\b\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b|million\b|billion\b|trillion\b|crore\b|lakh\b)",
    re.I,
)
LABEL_WORDS = 8

# ---------------------------------------------------------------------------
# Headlines
# ---------------------------------------------------------------------------
HEADLINE_MIN_WORDS = 3
# A page title that is a byline or page chrome, not a headline.
NOT_HEADLINE = re.compile(
    r"^(?:by|posted\s+by|written\s+by|photo|image)\b|\bskip\s+to\b|\bmain\s+content\b|\bsign\s+in\b"
    r"|\blog\s*in\b|\bsubscribe\b|\bmenu\b|\bcookies?\b",
    re.I,
)
