"""Person names as data: titles and ranks, name particles, transliteration variants.

Used by ``claimwatch.link.aliases`` to decide whether two spellings name one person.
Everything here is lower-case; dots in abbreviations are optional where matched
(``brig gen`` matches "Brig. Gen." and "Brig Gen").
"""

from __future__ import annotations

from . import user as _user

# Military and police ranks, mapped to a canonical rank. Two different canonical
# ranks for one name in the same period argue against a merge (a person is not a
# brigadier general and a major general in the same month). Longest forms first
# is handled by the matcher, so order does not matter here.
RANKS: dict[str, str] = {
    "general": "general",
    "gen": "general",
    "major general": "major general",
    "maj gen": "major general",
    "maj-gen": "major general",
    "mg": "major general",
    "lieutenant general": "lieutenant general",
    "lt gen": "lieutenant general",
    "lt-gen": "lieutenant general",
    "lieut gen": "lieutenant general",
    "brigadier general": "brigadier general",
    "brig gen": "brigadier general",
    "brig-gen": "brigadier general",
    "brigadier": "brigadier general",
    "second brigadier general": "second brigadier general",
    "2nd brigadier general": "second brigadier general",
    "second brig gen": "second brigadier general",
    "colonel": "colonel",
    "col": "colonel",
    "lieutenant colonel": "lieutenant colonel",
    "lt col": "lieutenant colonel",
    "major": "major",
    "maj": "major",
    "captain": "captain",
    "capt": "captain",
    "lieutenant": "lieutenant",
    "lt": "lieutenant",
    "admiral": "admiral",
    "adm": "admiral",
    "rear admiral": "rear admiral",
    "rear adm": "rear admiral",
    "vice admiral": "vice admiral",
    "vice adm": "vice admiral",
    "commodore": "commodore",
    "air marshal": "air marshal",
    "air chief marshal": "air chief marshal",
    "field marshal": "field marshal",
    "marshal": "marshal",
    "commander": "commander",
    "cmdr": "commander",
    "sergeant": "sergeant",
    "sgt": "sergeant",
}

# Generic ranks are compatible with any more specific rank of their family:
# "General Bagheri" may be a major general or a brigadier general.
GENERIC_RANKS: dict[str, frozenset[str]] = {
    "general": frozenset(
        {"major general", "lieutenant general", "brigadier general", "second brigadier general", "general"}
    ),
    "admiral": frozenset({"rear admiral", "vice admiral", "admiral"}),
    "marshal": frozenset({"air marshal", "air chief marshal", "field marshal", "marshal"}),
    "commander": frozenset(RANKS.values()),
}

# Civil, religious and courtesy titles: stripped from names, carry no conflict.
HONORIFICS: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "hon", "honourable", "honorable", "rev", "reverend", "father", "imam", "mullah",
        "ayatollah", "grand ayatollah", "hojatoleslam", "hojjatoleslam", "hojjat al-islam",
        "hojatoleslam val-moslemin", "hojjatoleslam val-moslemin", "haj", "hajj", "haji",
        "engineer", "eng", "president", "vice president", "prime minister", "pm", "minister",
        "deputy minister", "foreign minister", "defense minister", "defence minister",
        "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chief",
        "governor", "gov", "senator", "sen", "representative", "rep", "mp", "speaker",
        "ambassador", "secretary", "judge", "justice", "mayor", "dep", "deputy",
        "sheikh", "shaikh", "sheik", "prince", "princess", "king", "queen", "emir",
        "sultan", "crown prince", "his excellency", "her excellency", "he", "cleric",
    }
)

# Titles under which a person is usually named by a given name ("Prince Abdulaziz",
# "Sheikh Tamim"): a one-word name after them may match the first given name.
GIVEN_NAME_TITLES: frozenset[str] = frozenset(
    {"prince", "princess", "king", "queen", "sheikh", "shaikh", "sheik", "emir", "sultan", "crown prince"}
)

# Titles that are also name words ("Haji", "Chief", "Justice"): only stripped when a
# full name (two words or more) follows. "Amir" is not a title here at all: it is
# far more often a given name ("Amir Ali Hajizadeh") than the Iranian rank word.
AMBIGUOUS_TITLES: frozenset[str] = frozenset({"haj", "hajj", "haji", "chief", "speaker", "justice", "he"})

# Words after a name that are not part of it.
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md"})

# Honorific name prefixes that may be present or absent in the same person's name
# ("Seyyed Reza Fatemi Amin" / "Reza Fatemi Amin"). Dropped before comparing.
OPTIONAL_NAME_WORDS: frozenset[str] = frozenset(
    {"seyyed", "seyed", "sayyid", "sayyed", "sayed", "syed", "sayid", "mir"}
)

# First names that news often drops from a compound given name ("[Mohammad] Javad
# Zarif"); a name without them matches only when the role matches too.
DROPPABLE_FIRST_NAMES: frozenset[str] = frozenset({"mohammad", "seyyed"})

# Particles glued to the following word so that "von der Leyen", "bin Salman",
# "Abu Bakr" compare as one unit whatever the spacing or hyphenation.
GLUED_PARTICLES: frozenset[str] = frozenset(
    {
        "bin", "ibn", "bint", "ben", "ould", "abu", "abou", "umm",
        "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das",
        "la", "le", "ter", "ten", "st", "mac",
    }
)

# The Arabic article: "Al-Saud", "al Saud", "El-Sisi", "Saud" are one surname.
ARTICLES: frozenset[str] = frozenset({"al", "el", "ul", "ud", "ad", "as", "ash", "an", "ar", "az"})
# Articles only recognised when hyphenated (as separate words they are English).
HYPHEN_ONLY_ARTICLES: frozenset[str] = frozenset({"ad", "as", "ash", "an", "ar", "az", "ul", "ud"})

# Transliteration variants of common given names and name parts, mapped to one
# spelling. Most variants also fall together under the phonetic skeleton; this list
# covers the ones that differ in consonants (Qasem/Kassem, Abdol/Abdel, Javad/Jawad).
NAME_VARIANTS: dict[str, str] = {
    # Mohammad
    "muhammad": "mohammad", "mohammed": "mohammad", "mohamad": "mohammad", "mohamed": "mohammad",
    "muhammed": "mohammad", "mohamud": "mohammad", "mehmet": "mohammad", "mehmed": "mohammad",
    "mohd": "mohammad", "md": "mohammad",
    # Hossein
    "hussein": "hossein", "hosein": "hossein", "husain": "hossein", "hussain": "hossein",
    "hosain": "hossein", "husein": "hossein", "hüseyin": "hossein", "huseyin": "hossein",
    # Hassan
    "hasan": "hassan",
    # Qasem
    "ghasem": "qasem", "kassem": "qasem", "kasem": "qasem", "qassem": "qasem", "qasim": "qasem",
    "kasim": "qasem", "ghassem": "qasem", "qassim": "qasem",
    # Abdol / Abdul / Abdel
    "abdul": "abdol", "abdel": "abdol", "abd al": "abdol", "abdal": "abdol", "abdolah": "abdollah",
    "abdullah": "abdollah", "abdallah": "abdollah", "abdulla": "abdollah",
    # Others frequent in Iranian and Arab news
    "jawad": "javad", "djavad": "javad", "jawwad": "javad",
    "mahdi": "mehdi", "mehdy": "mehdi",
    "reza": "reza", "riza": "reza", "rida": "reza", "ridha": "reza",
    "saeed": "saeid", "saied": "saeid", "said": "saeid", "saiid": "saeid",
    "hamid": "hamid", "ahmad": "ahmad", "ahmed": "ahmad", "ahmet": "ahmad",
    "ebrahim": "ebrahim", "ibrahim": "ebrahim", "ebraheem": "ebrahim",
    "esmaeil": "esmail", "esmaeel": "esmail", "ismail": "esmail", "ismael": "esmail", "esmaiel": "esmail",
    "yousef": "yousef", "yusuf": "yousef", "youssef": "yousef", "yosef": "yousef",
    "mostafa": "mostafa", "mustafa": "mostafa", "moustafa": "mostafa",
    "hojjat": "hojjat", "hojat": "hojjat",
    "osman": "othman", "uthman": "othman", "usman": "othman",
    "omar": "omar", "umar": "omar",
}

# Word endings that vary by transliteration: "-zadeh"/"-zade", "-allah"/"-ollah".
ENDING_VARIANTS: tuple[tuple[str, str], ...] = (
    ("zadeh", "zade"),
    ("ullah", "ollah"),
    ("allah", "ollah"),
    ("ollah", "ollah"),
)

# Spellings folded together by the phonetic skeleton (applied in order).
SKELETON_CONSONANTS: tuple[tuple[str, str], ...] = (
    ("ee", "i"),  # Talaee/Talaei, Saeed/Saeid: a long i, not two e's
    ("dj", "j"),
    ("gh", "q"),
    ("ph", "f"),
    ("ck", "k"),
    ("w", "v"),
)
# Vowel classes of the skeleton: a/e fold together (Mahdi/Mehdi), o/u
# (Hossein/Hussein), i/ee/y (Baghery/Bagheri).
SKELETON_VOWELS: dict[str, str] = {"a": "A", "e": "A", "o": "U", "u": "U", "i": "I", "y": "I"}

# Role words that make two roles "the same office" after normalisation.
ROLE_SPELLINGS: dict[str, str] = {
    "defence": "defense",
    "armed forces general staff": "armed forces",
    "minister of defense": "defense minister",
    "minister of foreign affairs": "foreign minister",
    "minister of oil": "oil minister",
    "petroleum minister": "oil minister",
    "minister of petroleum": "oil minister",
    "head": "chief",
    "commander-in-chief": "commander",
    "chief of staff": "chief staff",
}
# Words ignored when comparing roles.
ROLE_STOPWORDS: frozenset[str] = frozenset(
    {"of", "the", "for", "and", "in", "s", "'s", "iran", "iranian", "islamic", "republic", "country's"}
)

# Role words that make an office junior to the same office without them: a
# "deputy oil minister" is not the "oil minister", however alike the strings are.
ROLE_GRADE_WORDS: frozenset[str] = frozenset({"deputy", "vice", "assistant", "under", "associate"})

# Rank grades (NATO-style codes): ranks of one grade in different services name the
# same standing, so they do not conflict (an IRGC Navy officer is reported as
# "Second Brigadier General" by one outlet and "Commodore" by another). Ranks whose
# grade depends on the service ("captain", "lieutenant") are left out: they only
# agree with themselves.
RANK_GRADES: dict[str, str] = {
    "second brigadier general": "OF-6",
    "brigadier general": "OF-6",
    "commodore": "OF-6",
    "air commodore": "OF-6",
    "major general": "OF-7",
    "rear admiral": "OF-7",
    "air vice marshal": "OF-7",
    "lieutenant general": "OF-8",
    "vice admiral": "OF-8",
    "air marshal": "OF-8",
    "air chief marshal": "OF-9",
    "field marshal": "OF-10",
    "colonel": "OF-5",
    "lieutenant colonel": "OF-4",
    "major": "OF-3",
}

# Letters that Unicode decomposition does not reduce to ASCII (Turkish dotless i,
# Nordic and Slavic letters): folded by hand before names are compared.
UNICODE_FOLDS: dict[str, str] = {
    "\u0131": "i",  # dotless i (Turkish)
    "\u0130": "I",  # dotted capital I (Turkish)
    "\u00f8": "o", "\u00d8": "O", "\u0142": "l", "\u0141": "L", "\u0111": "d", "\u0110": "D",
    "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE",
    "\u00fe": "th", "\u00de": "Th", "\u00f0": "d", "\u00d0": "D", "\u0127": "h", "\u0126": "H",
}

# Romanization pairs outside the Persian/Arabic family, mapped to one spelling:
# Korean (Revised Romanization vs McCune-Reischauer and habit) and Bengali.
ROMANIZATION_VARIANTS: dict[str, str] = {
    # Korean
    "jeong": "jung", "cheong": "chung", "hoon": "hun", "joon": "jun", "soon": "sun", "yoon": "yun",
    "hyeon": "hyun", "hyoun": "hyun", "myeong": "myung", "seong": "sung", "yeong": "young",
    "choe": "choi", "geun": "keun", "gyu": "kyu",
    # Bengali / Urdu spellings of Arabic Haqq
    "hoque": "haque", "huq": "haque", "haq": "haque", "hoq": "haque",
    # Urdu spellings of Mahmoud
    "mehmood": "mahmood", "mahmud": "mahmood", "mahmoud": "mahmood",
}

# Surnames that come first in East Asian names. "Park Jung-ho" (surname first, a
# hyphenated two-syllable given name) is the same person as "Jung-ho Park".
EAST_ASIAN_SURNAMES: frozenset[str] = frozenset(
    {
        # Korean
        "kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "yun", "jang", "lim", "han",
        "oh", "seo", "shin", "kwon", "hwang", "ahn", "song", "ryu", "yoo", "hong", "jeon", "ko",
        "moon", "yang", "son", "bae", "baek", "heo", "nam", "noh", "roh", "ha", "chung", "suh",
        # Chinese (pinyin and Wade-Giles forms common in news)
        "wang", "li", "zhang", "liu", "chen", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
        "zhu", "hu", "guo", "he", "lin", "gao", "luo", "xi", "deng", "tsai", "lai", "chiang",
    }
)
# Longest syllable of a romanized Korean/Chinese given name ("jung", "hoon", "kyung").
EAST_ASIAN_SYLLABLE_MAX = 6

# Vowel spellings vary freely in romanized Persian and Arabic names (Mahdi/Mehdi,
# Hossein/Hussein, Soleimani/Suleimani) but not in others: Varma and Verma are two
# Indian surnames, Kamal and Kemal are read differently. Vowel folding is applied
# only when a name belongs to this family: one of its words is listed here, or
# carries one of the affixes below. (Lexicon variant spellings count as members.)
PERSO_ARABIC_NAME_WORDS: frozenset[str] = frozenset(
    {
        "mohammad", "ahmad", "mahmood", "mahmoud", "mohsen", "mehdi", "mahdi", "ali", "hossein",
        "hassan", "hasan", "reza", "qasem", "javad", "jafar", "jafari", "abbas", "amir", "hamid",
        "hamed", "majid", "saeid", "masoud", "massoud", "morteza", "mojtaba", "mostafa", "mohammadreza",
        "mohammadali", "gholam", "gholamreza", "gholamhossein", "akbar", "asghar", "bagher", "baqer",
        "bahram", "bahman", "behrouz", "dariush", "davoud", "ebrahim", "esmail", "fatemeh", "farhad",
        "habib", "hadi", "hojjat", "jalal", "jamal", "kamal", "karim", "kazem", "khalil", "mansour",
        "mehran", "mohammed", "nasser", "nasrallah", "omar", "othman", "rahim", "rahman", "rasoul",
        "saleh", "salman", "shahram", "tariq", "tarek", "vahid", "yahya", "yousef", "zahra", "hamza",
        "khaled", "khalid", "walid", "faisal", "fahd", "abdollah", "abdol", "ismail", "nazmul",
        "anisur", "mahmud", "mehmood", "rashid", "sadegh", "sadeq", "taher", "younes", "yunus",
        "mousa", "musa", "issa", "isa", "ayman", "osama", "ibrahim", "bashar", "hafez", "nouri",
        "hosseini", "mousavi", "rezaei", "ahmadi", "karimi", "rahimi", "hashemi", "sadeghi", "shirazi",
        "alavi", "azizi", "ghaffari", "qureshi",
    }
)
PERSO_ARABIC_PREFIXES: tuple[str, ...] = ("abdol", "abdul", "abdel", "gholam", "qolam", "mohammad", "seyyed")
PERSO_ARABIC_SUFFIXES: tuple[str, ...] = (
    "zade", "zadeh", "nejad", "nezhad", "pour", "poor", "ollah", "allah", "ullah", "abadi", "vand",
    "khani", "eddin", "uddin", "oddin",
)

# Spellings that vowel folding would join but that are different names even
# within one family (Varma/Verma, Hamad/Hamed): never folded together.
DISTINCT_SPELLINGS: frozenset[frozenset[str]] = frozenset(
    frozenset(pair) for pair in (
        ("varma", "verma"), ("hamad", "hamed"), ("malik", "melik"), ("saad", "sead"),
    )
)

# ---- the user's additions (claimwatch.toml [lexicon]) ---------------------------------
# a title the user adds is no part of a name when names are compared
HONORIFICS = HONORIFICS | frozenset(_user.EXTENSIONS.titles)
