"""Speech and attribution as data: cue verbs, quote marks, titles, roles, organisations.

Used by ``claimwatch.extract.quotes`` (finding quotes and reported speech) and
``claimwatch.extract.people`` (who the speaker is). Everything is lower-case
unless stated; matching code lower-cases the text it compares.
"""

from __future__ import annotations

from . import user as _user

# Lemmas of verbs that report speech or a written statement. A verb from this list
# with a subject and a clause (or a parenthetical position next to a clause) marks
# reported speech. Belief verbs (think, believe) are left out on purpose: news
# claims are about what was *said*, and belief verbs make many false positives.
SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "add", "note", "stress", "announce", "state", "claim",
        "emphasize", "emphasise", "explain", "declare", "report", "insist", "argue",
        "warn", "write", "confirm", "reveal", "underline", "underscore", "assert",
        "remark", "acknowledge", "admit", "predict", "estimate", "indicate", "mention",
        "maintain", "comment", "suggest", "deny", "tweet", "reply", "respond",
        "answer", "continue", "observe", "point", "highlight", "affirm", "allege",
        "boast", "caution", "complain", "concede", "contend", "disclose", "forecast",
        "inform", "proclaim", "recall", "reiterate", "specify", "testify", "vow",
        "promise", "pledge", "project", "show", "describe", "elaborate", "quip",
        "ask", "urge", "accuse", "post", "publish", "put", "propose", "expect", "invite",
        "hail", "tout",
    }
)

# Of those, the verbs that need a particle to be speech ("point out", "put it").
SPEECH_VERB_PARTICLES: dict[str, frozenset[str]] = {
    "point": frozenset({"out"}),
    "put": frozenset({"it", "at"}),  # "put it", "X put the turnout at 50%"
}

# Speech verbs that are something else with a noun object: "employers added 38,000 jobs",
# "the fund continued its buying".
NOT_SPEECH_WITH_OBJECT: frozenset[str] = frozenset({"add", "continue"})

# Verbs whose subject is seldom a speaker unless a clause follows ("show", "project").
# They count only when the subject is an organisation/report or a person and they
# take a clause; kept separate so the pipeline-level cheap test does not fire on them.
WEAK_SPEECH_VERBS: frozenset[str] = frozenset(
    {"show", "project", "put", "post", "publish", "describe", "continue", "propose", "expect", "invite"}
)

# Verbs that credit a figure to a named subject ("Minister Joe Bloggs expects output to
# reach...") without making a quote of it; "the government expected inflation to fall",
# reported by someone else, stays inside that speaker's words.
NAMED_SUBJECT_VERBS: frozenset[str] = frozenset({"expect"})

# Directives whose content is the infinitive after the addressee ("urged members to raise
# spending to 2 percent", "invited investors to double trade").
DIRECTIVE_VERBS: frozenset[str] = frozenset({"urge", "ask", "invite"})

# How far after a described speaker ("the spokesman said") the statement that names
# the person may come, in characters.
IDENTIFIED_LATER_REACH = 600

# Demonstratives that stand for the data just cited when they are a cue's subject ("this
# shows that exports doubled").
DEMONSTRATIVES: frozenset[str] = frozenset({"this", "that", "these", "those"})

# Commitments whose content is the speaker's own infinitive ("promised to clear $2 billion
# of arrears", "pledged to cut emissions by 40 percent").
COMMITMENT_VERBS: frozenset[str] = frozenset({"promise", "pledge", "vow"})

# Surface forms for the cheap per-sentence test (is this sentence worth parsing?).
# Word stems are matched at a word start; "said" covers "said", "says", "saying".
CUE_STEMS: tuple[str, ...] = (
    "said", "says", "saying", "say", "told", "tell", "added", "adds", "adding", "noted", "notes",
    "stress", "announc", "stated", "states", "claim", "emphasi", "explain", "declar",
    "reported", "reports", "insist", "argue", "argui", "warn", "wrote", "writes",
    "confirm", "reveal", "underlin", "underscor", "assert", "remark", "acknowledg",
    "admit", "predict", "estimate", "indicat", "mention", "maintain", "comment",
    "suggest", "denied", "denies", "tweet", "replied", "respond", "answer", "observ",
    "pointed out", "points out", "highlight", "affirm", "alleg", "boast", "caution",
    "complain", "conced", "contend", "disclos", "forecast", "informed", "proclaim",
    "recall", "reiterat", "specif", "testif", "vow", "promis", "pledg", "according to",
    "quoted", "quoting", "in a statement", "spokes", "showed", "shows",
    "proposed", "posted", "speaking", "spoke", "expects", "expected", "invited",
    "hailed", "hailing", "touted", "touting",
)

# Words that introduce a source with a preposition ("according to X").
ACCORDING_TO: tuple[str, ...] = ("according to", "as quoted by", "quoting")

# Quote mark pairs: opening -> closing. Straight quotes open and close with the
# same character, so they are paired by position.
QUOTE_PAIRS: dict[str, str] = {
    "\u201c": "\u201d",  # “ ”
    "\u2018": "\u2019",  # ‘ ’
    "\u00ab": "\u00bb",  # « »
    '"': '"',
}
OPEN_QUOTES: str = "\u201c\u2018\u00ab\""
CLOSE_QUOTES: str = "\u201d\u2019\u00bb\""

# A direct quote shorter than this many words is a scare quote or a name ("the
# so-called “red line”") unless a cue verb stands right next to it.
MIN_QUOTE_WORDS = 4

# Personal titles and military/religious ranks, stripped from names and kept as
# ``Person.title``. Matching is on the lower-cased, dot-less form; longest first.
TITLES: tuple[str, ...] = (
    "second brigadier general", "brigadier general", "major general", "lieutenant general",
    "lieutenant colonel", "rear admiral", "vice admiral", "air chief marshal", "air marshal",
    "brig gen", "maj gen", "lt gen", "lt col", "rear adm", "vice adm",
    "general", "gen", "colonel", "col", "major", "maj", "captain", "capt", "lieutenant", "lt",
    "admiral", "adm", "commodore", "sergeant", "sgt", "commander", "cmdr",
    "brigadier", "sardar", "ayatollah", "grand ayatollah", "hojatoleslam", "hojjatoleslam",
    "sheikh", "imam", "rabbi", "reverend", "rev", "father", "bishop", "cardinal", "pope",
    "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "dame", "lord",
    "lady", "prince", "princess", "king", "queen", "emir", "crown prince", "shri", "smt",
    "datuk seri", "datuk", "dato seri", "dato'", "dato", "tan sri", "tun", "seri", "haji", "hajj",
)

# Canonical spelling of a title for ``Person.title`` (key: lower-case dot-less form).
TITLE_CANONICAL: dict[str, str] = {
    "brig gen": "Brigadier General", "maj gen": "Major General", "lt gen": "Lieutenant General",
    "lt col": "Lieutenant Colonel", "rear adm": "Rear Admiral", "vice adm": "Vice Admiral",
    "gen": "General", "col": "Colonel", "maj": "Major", "capt": "Captain", "lt": "Lieutenant",
    "adm": "Admiral", "sgt": "Sergeant", "cmdr": "Commander", "dr": "Dr.", "doctor": "Dr.",
    "prof": "Prof.", "professor": "Prof.", "mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "rev": "Rev.",
}

# Titles that say nothing beyond politeness: stripped but not stored as a title.
COURTESY_TITLES: frozenset[str] = frozenset({"mr", "mrs", "ms", "miss", "shri", "smt"})

# Military titles (a speaker called "the general" refers to a person with one).
MILITARY_TITLE_WORDS: frozenset[str] = frozenset(
    {"general", "colonel", "major", "captain", "lieutenant", "admiral", "commodore", "brigadier",
     "commander", "sardar", "marshal", "sergeant"}
)

# Head nouns of roles (the last word of "Deputy Defense Minister", "Chief of Staff").
ROLE_HEADS: frozenset[str] = frozenset(
    {
        "minister", "president", "vice-president", "premier", "chancellor", "secretary",
        "spokesperson", "spokesman", "spokeswoman", "commander", "chief", "head", "director",
        "director-general", "governor", "mayor", "chairman", "chairwoman", "chairperson",
        "chair", "ceo", "cfo", "coo", "executive", "officer", "ambassador", "envoy",
        "adviser", "advisor", "lawmaker", "legislator", "mp", "senator", "representative",
        "congressman", "congresswoman", "speaker", "deputy", "official", "analyst",
        "economist", "researcher", "expert", "manager", "founder", "leader", "candidate",
        "nominee", "attorney", "prosecutor", "judge", "justice", "general", "admiral",
        "commissioner", "administrator", "diplomat", "aide", "strategist", "member",
        "fellow", "professor", "author", "governor-general", "treasurer", "auditor",
        "rapporteur", "coordinator", "superintendent", "inspector", "lieutenant",
        "colonel", "captain", "counsel", "lawyer", "king", "queen", "emir", "prince",
        "chief of staff", "deputy minister", "state",
    }
)

# Words inside a role phrase that do not end it ("Head of Research of the Central Bank").
ROLE_CONNECTORS: frozenset[str] = frozenset({"of", "for", "the", "and", "&", "on", "in"})

# Modifiers that may open a role phrase but are not part of the role itself.
ROLE_DROP_WORDS: frozenset[str] = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "country's", "top", "senior",
     "former", "then", "current", "outgoing", "incoming", "new", "acting", "interim"}
)

# Nouns that name an organisation or a collective source rather than a person.
ORG_HEADS: frozenset[str] = frozenset(
    {
        "ministry", "department", "agency", "office", "government", "administration",
        "cabinet", "council", "commission", "committee", "institute", "bureau", "service",
        "army", "military", "navy", "force", "forces", "guard", "guards", "corps",
        "junta", "parliament", "assembly", "congress", "senate", "court", "bank",
        "company", "firm", "group", "organisation", "organization", "association",
        "union", "federation", "party", "campaign", "center", "centre", "authority",
        "authorities", "board", "fund", "embassy", "police", "police force",
        "coalition", "alliance", "network", "media", "newspaper", "agency's",
        "statistics", "regime", "state", "kremlin", "pentagon", "white house",
        "university", "foundation", "industry", "industries", "corporation", "inc",
        "ltd", "exchange", "team", "house", "mission", "delegation",
        "services", "directorate", "body", "regulator", "watchdog", "exporter",
        "corp", "plc", "holdings", "llc",
    }
)

# Nouns for a statement or document: "the statement added" repeats its source.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {"statement", "report", "release", "communique", "communiqué", "announcement",
     "document", "data", "figures", "bulletin", "survey", "study", "letter", "notice",
     "post", "filing", "budget", "bill", "decree"}
)

# Personal pronouns that refer to a speaker, by gender where it helps.
PRONOUNS_MALE: frozenset[str] = frozenset({"he", "him", "his"})
PRONOUNS_FEMALE: frozenset[str] = frozenset({"she", "her", "hers"})
PRONOUNS_OTHER: frozenset[str] = frozenset({"they", "it", "we", "i"})

# Speakers that are unnamed people: the gold convention is ``speaker = None``.
ANONYMOUS_HEADS: frozenset[str] = frozenset(
    {"soldier", "resident", "residents", "witness", "witnesses", "source", "sources",
     "man", "woman", "people", "villager", "villagers", "survivor", "survivors", "worker",
     "workers", "monk", "student", "students", "farmer", "farmers", "driver", "person",
     "local", "locals", "passer-by", "someone", "one", "others", "some", "many", "critics",
     "observers", "insiders", "voter", "voters", "shopkeeper", "trader", "traders",
     "rescuer", "rescuers", "nurse", "doctor", "victim", "relative", "mother", "father",
     "son", "daughter", "neighbour", "neighbor", "friend", "supporter", "supporters",
     "protester", "protesters", "user", "users", "customer", "customers", "participant"}
)

# Heads of a role that leads a body: "the defense chief" may refer to a defence minister,
# "the senior executive" to a deputy CEO named before.
LEADER_HEADS: frozenset[str] = frozenset(
    {"minister", "chief", "head", "director", "director-general", "chairman", "chairwoman", "chairperson",
     "chair", "president", "ceo", "executive", "commander", "boss", "leader", "secretary", "governor",
     "administrator", "manager", "official", "officer"}
)  # fmt: skip
# Leader heads that usually stay unnamed ("a senior official said"): never taken for the
# one person a report happens to name.
UNNAMED_LEADER_HEADS: frozenset[str] = frozenset({"official", "officer", "manager", "executive"})

# What an outlet or a body is, written after its name in lower case ("the Reuters news
# agency", "the Kommersant daily"): not part of the name.
OUTLET_DESCRIPTORS: frozenset[str] = frozenset(
    {"agency", "news", "newspaper", "daily", "weekly", "channel", "website", "broadcaster", "outlet", "service"}
)

# Heads of an unnamed source that speaks for an institution: named by its description
# ("a senior government official"), where other unnamed people ("a soldier") are no source.
OFFICIAL_SOURCE_HEADS: frozenset[str] = frozenset(
    {"official", "officials", "source", "sources", "diplomat", "diplomats", "spokesman", "spokeswoman",
     "spokesperson"}
)  # fmt: skip

# Last words of a body's name ("Al-Jazirah Petrochemicals", "Kaminari Motors"): a name
# ending so is a company or an institution even when the recognizer took it for a person.
BODY_NAME_ENDINGS: frozenset[str] = frozenset(
    {"petrochemicals", "chemicals", "motors", "motor", "industries", "airlines", "airways", "holdings",
     "systems", "technologies", "technology", "group", "corp", "corporation", "inc", "ltd", "plc", "bank",
     "energy", "mining", "steel", "electronics", "pharmaceuticals", "telecom", "telecommunications",
     "partners", "capital", "securities", "insurance", "logistics", "shipping", "automotive", "aerospace",
     "analytics", "consulting", "hospitality", "data", "research", "foods", "cement", "oil", "gas", "power"}
)  # fmt: skip

# Relative pronouns: a cue verb whose subject is one of these speaks for its antecedent
# ("a senior official who said ...").
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})

# "X quoted Y as saying ...": the verb that relays Y's words, and the verb after "as".
RELAY_VERBS: frozenset[str] = frozenset({"quote", "cite"})

# Indefinite determiners: "a soldier", "one official", "some analysts".
INDEFINITE_WORDS: frozenset[str] = frozenset({"a", "an", "one", "some", "several", "many", "two", "three", "another", "other"})

# Verbs of OBJECT_CONTENT_VERBS (below) whose object reports something only when it holds a figure
# ("cited a 12 percent rise", not "cited hundreds of contracts").
FIGURE_OBJECT_VERBS: frozenset[str] = frozenset({"highlight", "hail", "tout"})

# Cue words counted as *speech* cues when scoring PolNeAR (lemma or lower-case text).
# The verbs whose figure is their object ("hailed a 12% rise") stay out, so the scored
# subset is the one the floors were pinned on.
POLNEAR_SPEECH_CUES: frozenset[str] = frozenset(
    SPEECH_VERBS - NAMED_SUBJECT_VERBS - (FIGURE_OBJECT_VERBS - {"highlight"})
    - {"show", "project", "put", "post", "publish", "describe", "continue", "find", "propose"}
    | {"according to", "according", "told", "says", "said", "added", "stated", "announced",
       "noted", "claimed"}
)

# Lower-case words that may stand inside a role written in lower case before a name
# ("defence minister Rajnath Singh", "deputy oil minister X").
ROLE_MODIFIERS: frozenset[str] = frozenset(
    {"defense", "defence", "foreign", "finance", "prime", "deputy", "vice", "interior",
     "health", "oil", "petroleum", "energy", "economy", "economic", "trade", "industry",
     "agriculture", "home", "external", "affairs", "chief", "executive", "general",
     "army", "ground", "force", "navy", "naval", "air", "armed", "forces", "staff",
     "election", "electoral", "commerce", "labour", "labor", "state", "junior",
     "union", "federal", "national", "senior", "top", "ministry", "military", "police",
     "presidential", "press", "information", "treasury", "spokesperson", "spokesman",
     "spokeswoman", "director", "secretary", "managing", "joint", "assistant", "acting"}
)

# First-person possessives: "our sector" inside a quote is not a source we can name.
FIRST_PERSON_POSSESSIVES: frozenset[str] = frozenset({"our", "my"})

# Plural people nouns that stand for their organisation when it owns them
# ("SIPRI's researchers said" -> SIPRI).
COLLECTIVE_SPEAKERS: frozenset[str] = frozenset(
    {"researchers", "analysts", "experts", "officials", "scientists", "economists", "staff",
     "spokesman", "spokeswoman", "spokesperson", "authors", "data", "figures", "report",
     "statement"}
)

# Cue verbs that are speech only with a source-like subject (a name, a pronoun, a
# role, an organisation or a document), never with "serial numbers suggest".
SOURCE_ONLY_VERBS: frozenset[str] = frozenset(
    {"suggest", "indicate", "show", "project", "estimate", "predict", "forecast", "continue", "note",
     "post", "put"}
)

# Verbs whose direct object (and what follows it) may be the reported content:
# "announced a 40% rise in exports", "Apple posted record results with ...".
OBJECT_CONTENT_VERBS: frozenset[str] = frozenset(
    {"announce", "pledge", "promise", "reveal", "disclose", "confirm", "report", "estimate", "forecast", "predict", "post",
     "put", "propose", "publish", "project", "highlight", "hail", "tout"}
)

# "The fund cut its growth forecast to 3.1%": a body revising its own forecast states the
# figure, as if it had said it (the verb, and the noun its object must have).
FORECAST_REVISION_VERBS: frozenset[str] = frozenset(
    {"cut", "raise", "lower", "lift", "trim", "revise", "upgrade", "downgrade", "slash", "boost", "keep",
     "maintain", "reiterate", "issue"}
)
FORECAST_NOUNS: frozenset[str] = frozenset(
    {"forecast", "forecasts", "estimate", "estimates", "outlook", "projection", "projections", "guidance",
     "target", "targets"}
)

# Verbs of a body's own act that states its figure ("the central bank raised its key rate
# by 50 basis points", "the board recommended a dividend of 1.5 a share"): the body is the
# figure's source, as if it had said it. Spending decisions ("approved", "allocated") are
# left out: news credits them to whoever reports them.
ACT_VERBS: frozenset[str] = frozenset(
    {"raise", "cut", "lower", "hike", "hold", "keep", "leave", "recommend", "declare", "book", "record",
     "lift", "trim", "reduce"}
)

# Organisation heads that a description may use for a named body of the document:
# "the agency" / "a Pentagon agency" -> "Defense Security Cooperation Agency", "the
# customs administration" -> "General Administration of Customs". Collective heads
# ("the government", "the army", "the state") are left alone: too many candidates.
RESOLVABLE_ORG_HEADS: frozenset[str] = frozenset(
    {"ministry", "department", "agency", "office", "administration", "bureau", "institute",
     "commission", "committee", "council", "directorate", "authority", "corporation", "company",
     "firm", "bank", "center", "centre", "organisation", "organization", "service", "services",
     "board", "fund", "body", "regulator", "watchdog", "exporter", "institution"}
)

# Kinds of organisation heads: a description with one head may name a body whose
# name has another head of the same kind ("the state arms procurement agency" ->
# "... Program Administration"). Heads outside these groups match only themselves.
ORG_HEAD_KINDS: tuple[frozenset[str], ...] = (
    frozenset({"agency", "administration", "directorate", "bureau", "office", "authority", "service",
               "services", "body", "regulator", "watchdog", "institute", "centre", "center"}),
    frozenset({"ministry", "department"}),
    frozenset({"company", "firm", "corporation", "exporter"}),
    frozenset({"committee", "commission", "council", "board"}),
)

# Heads that refer back to a business by what it is ("the company said", "the group's
# results"), whatever its name ends in.
COMPANY_HEADS: frozenset[str] = frozenset({"company", "firm", "group", "carrier", "airline", "lender", "insurer", "retailer", "manufacturer", "producer", "miner", "exporter"})

# Nouns for a document whose issuer a report names once ("a report by X found") and
# then refers to as "the report".
ISSUED_DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {"report", "study", "survey", "data", "figures", "statement", "analysis", "review", "assessment",
     "yearbook", "factsheet", "fact sheet", "release", "bulletin"}
)

# Modifiers that mark figures as an official release ("official figures released
# Wednesday"): such a document speaks for the institution that issued it.
OFFICIAL_DOCUMENT_MODIFIERS: frozenset[str] = frozenset(
    {"official", "government", "released", "published", "latest", "new", "monthly", "weekly",
     "annual", "quarterly", "provisional", "preliminary"}
)

# Word endings of nationality adjectives that open a role ("Iranian Defense
# Minister", "Israeli", "Chinese", "Turkish"): kept as the organisation, not the role.
NATIONALITY_SUFFIX = r"(?:ian|ean|ese|ish|i|an)$"

# Time words a parse may hang on a subject ("Last year SIPRI said", "On Tuesday the
# ministry said"): never part of a speaker's name, stripped from its start.
TIME_WORDS: frozenset[str] = frozenset(
    {"last", "this", "next", "past", "previous", "coming", "year", "years", "month", "months",
     "week", "weeks", "day", "days", "quarter", "today", "yesterday", "tomorrow", "tonight",
     "earlier", "later", "recently", "meanwhile", "now", "then", "on", "in", "at", "monday",
     "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "morning", "afternoon", "evening", "night", "weekend", "ago", ","}
)

# Possessive clitics as spaCy splits them ("China 's"): not part of a speaker's name.
POSSESSIVE_CLITICS: frozenset[str] = frozenset({"'s", "\u2019s", "'", "\u2019"})

# A trailing cue's speaker is read back to the last comma ("..., Defence Secretary Rakesh
# Varma said") over at most this many tokens of name and title.
NAME_BEFORE_CUE_MAX_TOKENS = 8

# Nouns that describe a body already named ("the carmaker said" after "Kaminari Motor
# Corp said"), beyond the organisation heads: they refer back to the last body that spoke.
ORG_DESCRIPTION_NOUNS: frozenset[str] = frozenset(
    {"carmaker", "automaker", "group", "lender", "miner", "producer", "retailer", "airline", "insurer",
     "operator", "manufacturer", "maker", "conglomerate", "utility", "exchange", "regulator", "watchdog",
     "carrier", "chipmaker", "drugmaker", "shipbuilder", "refiner", "supplier", "brewer", "broadcaster"}
)

# Lowercase words of a description that any body may carry ("the state company", "the
# national agency"): they do not tell one body from another.
GENERIC_BODY_MODIFIERS: frozenset[str] = frozenset(
    {"state", "national", "federal", "central", "regional", "local", "government", "official", "main",
     "new", "top", "country", "country's", "its", "their", "our", "public", "private", "same"}
)

# Last words of a lower-case description that a body's name may follow ("the disaster
# agency AFAD", "the statistics office Statfin", "the carmaker Kaminari").
BODY_DESCRIPTION_HEADS: frozenset[str] = RESOLVABLE_ORG_HEADS | ORG_DESCRIPTION_NOUNS | COMPANY_HEADS | OUTLET_DESCRIPTORS

# ---- the user's additions (claimwatch.toml [lexicon]) ---------------------------------
TITLES = (*TITLES, *(t for t in _user.EXTENSIONS.titles if t not in TITLES))
ROLE_HEADS = ROLE_HEADS | frozenset(_user.EXTENSIONS.roles)
