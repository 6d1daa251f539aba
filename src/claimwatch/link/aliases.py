"""One person, many spellings: cross-document speaker entities.

Person mentions from many documents ("Mohammad Bagheri", "Major General Bagheri",
"Mohammad Hossein Baqeri") are resolved into canonical people. The rules are
conservative because a false merge (two officials' figures attributed to one) is
worse than a missed one:

* titles and ranks are stripped and kept as evidence;
* words are compared by a transliteration-aware key (lexicon variants, then a
  phonetic skeleton that folds q/gh, a/e, o/u, i/y and doubled letters); vowel
  folding is only trusted for Persian/Arabic names (Mahdi/Mehdi), elsewhere
  (Varma/Verma) it needs the same role or organisation;
* hyphenated given names are given names ("Mohammad-Hossein"), East Asian names
  written surname first ("Park Jung-ho") are put in given-name-first order;
* the surname must match; the given names of one must be contained in the other's
  (a word may also match two words written together, "Mohammadreza" / "Mohammad
  Reza", or an initial);
* a bare surname joins a person only when exactly one candidate fits, or when
  role/rank evidence singles one out;
* conflicting ranks in the same period, or conflicting roles AND organisations in
  the same period, are hard conflicts; conflicting roles alone lower the score;
  merging is agglomerative and never joins two groups that hold an incompatible
  pair ("Mohammad Bagheri" and "Hossein Bagheri" both fit "Mohammad Hossein
  Bagheri", but never end up together).

Each merge keeps a ``MergeEvidence`` record; user decisions (merge/split of two
names) are inputs applied on top of the automatic result on every run.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from itertools import combinations

from rapidfuzz import fuzz

from ..lexicon import names as lex
from ..model import Person, UserDecision

# Score of a name match by how the spellings relate; evidence adjusts it.
SCORE_EXACT = 1.0
SCORE_VARIANT = 0.9  # same after lexicon variants / the phonetic skeleton
SCORE_SUBSET_PENALTY = 0.1  # one has given names the other lacks
SCORE_INITIAL_PENALTY = 0.2  # a given name matched only by its initial
SCORE_DROPPED_FIRST = 0.5  # "Javad Zarif" / "Mohammad Javad Zarif": needs role support
SCORE_TRUNCATED = 0.5  # "Ali Bagheri" / "Ali Bagheri Kani": needs role support to pass
ROLE_SUPPORT = 0.2
RANK_SUPPORT = 0.1
ROLE_CONFLICT = 0.3
RANK_CONFLICT = 0.5
MERGE_THRESHOLD = 0.65
# Ranks and roles are compared only between mentions this close in time.
SAME_PERIOD_DAYS = 365
ROLE_SAME_RATIO = 80.0
ROLE_CONFLICT_RATIO = 45.0


@dataclass(frozen=True)
class RoleSighting:
    """A role or title held by a person, as stated in one document."""

    role: str | None
    title: str | None
    doc: str
    published: date | None


@dataclass(frozen=True)
class MergeEvidence:
    """Why two aliases were joined: the rule, its score and the reasons."""

    a: str
    b: str
    rule: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class CanonicalPerson:
    """One real person across documents; ``mentions`` are the per-document ``Person``
    records (with ``doc`` and ``published``) that were resolved into it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[RoleSighting, ...]
    mentions: tuple[Person, ...]
    evidence: tuple[MergeEvidence, ...] = field(default=())


# --------------------------------------------------------------------------- names


@dataclass(frozen=True)
class ParsedName:
    """A name with titles removed, as display words and comparison keys."""

    display: str  # the name without title, as written
    words: tuple[str, ...]  # normalised words (variants applied, particles glued)
    keys: tuple[str, ...]  # phonetic skeleton of each word
    rank: str | None  # canonical military rank seen in the name or title
    given_name_title: bool  # "Prince X": a single word may be a given name
    strict: tuple[str, ...] = ()  # per word: consonants folded, vowels as written
    folds_vowels: bool = False  # a Persian/Arabic name: vowel spellings vary freely

    @property
    def surname_key(self) -> str:
        return self.keys[-1] if self.keys else ""

    @property
    def is_bare(self) -> bool:
        """A single word: a surname (or a given name after "Prince")."""
        return len(self.keys) == 1


_WORD_SPLIT = re.compile(r"[\s,]+")
_UNICODE_FOLDS = str.maketrans(lex.UNICODE_FOLDS)
# Spelling variants of whole words or hyphen parts: Persian/Arabic, Korean, Bengali.
_VARIANTS: dict[str, str] = {**lex.NAME_VARIANTS, **lex.ROMANIZATION_VARIANTS}
_PERSO_ARABIC = lex.PERSO_ARABIC_NAME_WORDS | frozenset(lex.NAME_VARIANTS) | frozenset(lex.NAME_VARIANTS.values())
_TITLE_CLEAN = re.compile(r"[.\u2019'`]")


def _ascii_fold(text: str) -> str:
    """Lower-case ASCII: diacritics removed, apostrophes and ayn marks dropped."""
    text = text.translate(_UNICODE_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("\u02bf", "").replace("\u02be", "").replace("\u2018", "")
    return stripped.lower()


# All title phrases as word tuples, longest first: (words, rank, key).
_TITLES: list[tuple[tuple[str, ...], str | None, str]] = sorted(
    [(tuple(key.replace("-", " ").split()), rank, key)
     for key, rank in [*lex.RANKS.items(), *((h, None) for h in lex.HONORIFICS)]],
    key=lambda p: -len(p[0]))


def _strip_titles(words: list[str]) -> tuple[list[str], str | None, bool]:
    """Remove leading titles/ranks and trailing suffixes; return rank and given-name flag."""
    rank: str | None = None
    given_title = False
    changed = True
    while changed and len(words) > 1:
        changed = False
        folded = [_TITLE_CLEAN.sub("", w).lower() for w in words]
        for phrase, phrase_rank, key in _TITLES:
            n = len(phrase)
            if n >= len(words) or tuple(folded[:n]) != phrase:
                continue
            # "Amir Ali Hajizadeh": an ambiguous title is only a title when a full name follows.
            if key in lex.AMBIGUOUS_TITLES and len(words) - n < 2:
                continue
            words = words[n:]
            rank = rank or phrase_rank
            given_title = given_title or key in lex.GIVEN_NAME_TITLES
            changed = True
            break
    while len(words) > 1 and _TITLE_CLEAN.sub("", words[-1]).lower() in lex.NAME_SUFFIXES:
        words = words[:-1]
    return words, rank, given_title


def _rank_of(title: str | None) -> tuple[str | None, bool]:
    """Canonical rank in a free-text title field ("Brig. Gen.", "Major General")."""
    if not title:
        return None, False
    words = [_TITLE_CLEAN.sub("", w).lower() for w in _WORD_SPLIT.split(title.replace("-", " ")) if w]
    given_title = any(" ".join(words[i : i + 2]) in lex.GIVEN_NAME_TITLES or words[i] in lex.GIVEN_NAME_TITLES
                      for i in range(len(words)))
    for phrase, rank, _key in _TITLES:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if rank and tuple(words[i : i + n]) == phrase:
                return rank, given_title
    return None, given_title


def _normalise_parts(word: str) -> tuple[str, ...]:
    """One name word in a canonical spelling, as its hyphen parts.

    Variants are looked up per part ("Abdul-Rahim" maps "abdul" like "Abdul Rahim")
    and parts stay apart so that letters at a hyphen never form a digraph (g-h).
    """
    whole = word.replace("-", "")
    if whole in _VARIANTS:
        parts = [_VARIANTS[whole]]
    else:
        parts = [_VARIANTS.get(part, part) for part in word.split("-") if part]
    if parts:
        last = parts[-1]
        for ending, canonical in lex.ENDING_VARIANTS:
            if last.endswith(ending) and len(last) > len(ending):
                parts[-1] = last[: -len(ending)] + canonical
                break
    return tuple(parts)


@lru_cache(maxsize=65536)
def skeleton(word: str, fold_vowels: bool = True) -> str:
    """Phonetic skeleton of one normalised word: q/gh, a/e, o/u, i/y folded, doubles collapsed.

    With ``fold_vowels=False`` only consonant spellings and i/y fold: the strict
    key, which tells Varma from Verma.
    """
    word = _VARIANTS.get(word, word)
    if word.endswith("eh") and len(word) > 3:  # -zadeh/-zade, Ali-Akbar-eh
        word = word[:-1]
    for spelling, folded in lex.SKELETON_CONSONANTS:
        word = word.replace(spelling, folded)
    vowels = lex.SKELETON_VOWELS if fold_vowels else {"y": "i"}
    out: list[str] = []
    for ch in word:
        if not ch.isalpha():
            continue
        mapped = vowels.get(ch, ch)
        if not out or out[-1] != mapped:
            out.append(mapped)
    if not fold_vowels:
        return "".join(out)
    # a run of vowels is one sound spelled in either order: Rezaei/Rezaie, Hosein/Hosien
    vowel_class = "[" + "".join(sorted(set(vowels.values()))) + "]{2,}"
    return re.sub(vowel_class, lambda m: "".join(sorted(set(m.group()))), "".join(out))


@lru_cache(maxsize=65536)
def joined_key(keys: tuple[str, ...]) -> str:
    """Skeleton of words written together: doubled letters at the joins collapse too."""
    return re.sub(r"(.)\1+", r"\1", "".join(keys))


def _split_words(name: str) -> list[str]:
    """Words of a name: "P.K." and "PK" become initials, hyphens kept for now."""
    words: list[str] = []
    # In an all-capitals name ("ALI BAGHERI") short words are not initials.
    all_caps = name.upper() == name
    for raw in _WORD_SPLIT.split(name.strip()):
        if not raw:
            continue
        if re.fullmatch(r"(?:[A-Z]\.){2,3}", raw) or (not all_caps and re.fullmatch(r"[A-Z]{2,3}", raw)):
            words.extend(ch for ch in raw if ch.isalpha())
            continue
        words.append(raw.strip("\"'()"))
    return [w for w in words if w]


@lru_cache(maxsize=65536)
def parse_name(name: str, title: str | None = None) -> ParsedName:
    """Strip titles and ranks from ``name`` and compute comparison keys."""
    words, rank, given_title = _strip_titles(_split_words(name))
    title_rank, title_given = _rank_of(title)
    rank = title_rank or rank
    given_title = given_title or title_given
    # Display keeps the words as written ("P.K. Dash"), only titles removed.
    display = " ".join(_strip_titles([w for w in _WORD_SPLIT.split(name.strip()) if w])[0])
    folded = [_ascii_fold(_TITLE_CLEAN.sub("", w)) if len(w) > 2 or not w.endswith(".") else _ascii_fold(w[0])
              for w in words]
    folded = [w for w in folded if w]
    # Optional honorific name words ("Seyyed") are dropped when a name remains.
    kept = [w for w in folded if w not in lex.OPTIONAL_NAME_WORDS]
    folded = kept if len(kept) >= 1 else folded
    # Arabic article: "Al-Saud" / "al Saud" -> "saud".
    unarticled: list[str] = []
    for i, w in enumerate(folded):
        head, sep, tail = w.partition("-")
        if sep and head in lex.ARTICLES and tail:
            unarticled.append(tail)
            continue
        if w in lex.ARTICLES and w not in lex.HYPHEN_ONLY_ARTICLES and i + 1 < len(folded) and i > 0:
            continue
        unarticled.append(w)
    # Glue particles to the next word so "bin Salman" / "bin-Salman" compare alike.
    glued: list[str] = []
    carry = ""
    for i, w in enumerate(unarticled):
        if w in lex.GLUED_PARTICLES and 0 < i < len(unarticled) - 1:
            carry += w
            continue
        glued.append(carry + w)
        carry = ""
    glued, east_asian = _east_asian_order(glued)
    split = [parts for parts in (_normalise_parts(w) for w in glued) if parts]
    if not east_asian:
        # "Mohammad-Hossein Sadeghi" and "Mohammadhossein Sadeghi" are "Mohammad Hossein
        # Sadeghi"; a hyphenated surname ("Alavi-Nejad") stays one word, and so does a
        # Korean given name.
        split = [(w,) for parts in split[:-1] for part in parts for w in _split_compound(part)] + split[-1:]
    normal = tuple("".join(parts) for parts in split)
    keys = tuple(joined_key(tuple(skeleton(part) for part in parts)) for parts in split)
    strict = tuple(joined_key(tuple(skeleton(part, False) for part in parts)) for parts in split)
    return ParsedName(display=display, words=normal, keys=keys, rank=rank, given_name_title=given_title,
                      strict=strict, folds_vowels=_is_perso_arabic(split))


def _split_compound(word: str) -> tuple[str, ...]:
    """A given name written as one word from two listed names ("alireza" -> ali, reza)."""
    for cut in range(3, len(word) - 2):
        head, tail = _VARIANTS.get(word[:cut], word[:cut]), _VARIANTS.get(word[cut:], word[cut:])
        if head in _PERSO_ARABIC and tail in _PERSO_ARABIC:
            return head, tail
    return (word,)


def _east_asian_order(words: list[str]) -> tuple[list[str], bool]:
    """Given-name-first order for "Park Jung-ho"; whether the name is East Asian.

    Only the unambiguous shape is read: a listed surname and a hyphenated given
    name of romanized syllables, in either order.
    """
    if len(words) != 2:
        return words, False

    def syllabic(word: str) -> bool:
        parts = word.split("-")
        return len(parts) >= 2 and all(p.isalpha() and len(p) <= lex.EAST_ASIAN_SYLLABLE_MAX for p in parts)

    first, last = words
    if _VARIANTS.get(first, first) in lex.EAST_ASIAN_SURNAMES and syllabic(last):
        return [last, first], True
    if _VARIANTS.get(last, last) in lex.EAST_ASIAN_SURNAMES and syllabic(first):
        return words, True
    return words, False


def _is_perso_arabic(split: Sequence[tuple[str, ...]]) -> bool:
    """Whether a name belongs to the family where vowel spellings vary freely."""
    for parts in split:
        for word in (*parts, "".join(parts)):
            if word in _PERSO_ARABIC or word.startswith(lex.PERSO_ARABIC_PREFIXES) \
                    or word.endswith(lex.PERSO_ARABIC_SUFFIXES):
                return True
    return False


def vowels_agree(a: ParsedName, b: ParsedName) -> bool:
    """Whether two names agree once vowel folding is limited to where it is trusted.

    Listed distinct spellings (Varma/Verma) never agree. Otherwise a Persian/Arabic
    name on either side allows folded vowels; for other names every word of the
    shorter name must be spelled alike (consonant folds only) in the longer one. Of two
    names of as many words either may be read as the shorter ("N. Keller" / "Nora
    Keler"): the answer does not depend on which is given first.
    """
    if any(frozenset({x, y}) in lex.DISTINCT_SPELLINGS for x in a.words for y in b.words):
        return False
    if a.folds_vowels or b.folds_vowels:
        return True
    if len(a.strict) == len(b.strict):
        return _spelled_within(a, b) or _spelled_within(b, a)
    return _spelled_within(a, b) if len(a.strict) < len(b.strict) else _spelled_within(b, a)


def _spelled_within(short: ParsedName, long_: ParsedName) -> bool:
    """Every word of ``short`` spelled alike (consonant folds only) in ``long_``."""
    if not short.strict:
        return False
    ls = long_.strict
    pool = set(ls) | {joined_key(ls[i : i + 2]) for i in range(len(ls) - 1)}
    given_ok = all(len(word) == 1 or key in pool for word, key in zip(short.words[:-1], short.strict[:-1], strict=True))
    last = short.strict[-1]
    # The last word is a surname, or a given name after "Prince" ("Prince Abdulaziz").
    return given_ok and (last in {ls[-1], joined_key(ls[-2:])} or (short.given_name_title and last == ls[0]))


# ---------------------------------------------------------------------- similarity


@dataclass(frozen=True)
class NameMatch:
    """How two parsed names align, if they can name one person."""

    score: float
    rule: str
    reasons: tuple[str, ...]


def _align_given(a_keys: tuple[str, ...], a_words: tuple[str, ...], b_keys: tuple[str, ...],
                 b_words: tuple[str, ...]) -> tuple[bool, bool, bool]:
    """Embed given names A into B: (fits, B has extra words, an initial was used).

    A word of one side may equal two adjacent words of the other joined together
    ("mohammadreza" / "mohammad reza"); a single letter matches a word it starts.
    """
    @cache
    def walk(i: int, j: int) -> tuple[bool, bool, bool] | None:
        # Match A[:i] into B[:j] from the right; returns (extra, initial) flags.
        if i == 0:
            return (True, j > 0, False)
        if j == 0:
            return None
        options: list[tuple[bool, bool, bool]] = []
        for ka in (1, 2):
            for kb in (1, 2):
                if ka == 2 and kb == 2 or ka > i or kb > j:
                    continue
                left = joined_key(a_keys[i - ka : i])
                right = joined_key(b_keys[j - kb : j])
                initial = False
                if left != right:
                    if ka == kb == 1 and (len(a_words[i - 1]) == 1 or len(b_words[j - 1]) == 1):
                        if a_words[i - 1][0] != b_words[j - 1][0]:
                            continue
                        initial = True
                    else:
                        continue
                rest = walk(i - ka, j - kb)
                if rest is not None:
                    options.append((True, rest[1], rest[2] or initial))
        # B may hold given names A lacks ("Mohammad [Hossein] Bagheri").
        skipped = walk(i, j - 1)
        if skipped is not None:
            options.append((True, True, skipped[2]))
        if not options:
            return None
        # Prefer alignments without initials, then without extra words.
        return min(options, key=lambda o: (o[2], o[1]))

    result = walk(len(a_keys), len(b_keys))
    return result if result is not None else (False, False, False)


def _surname_starts(p: ParsedName) -> list[int]:
    """Where the surname may start: the last word, or the last two written apart ("Talaee Nik")."""
    starts = [len(p.keys) - 1]
    if len(p.keys) >= 3:
        starts.append(len(p.keys) - 2)
    return starts


@lru_cache(maxsize=262144)
def match_names(a: ParsedName, b: ParsedName) -> NameMatch | None:
    """Whether two full names (two words or more each) can name one person, and how well.

    A match that rests on untrusted vowel folding comes back as "vowel-variant",
    which callers believe only with the same role or organisation.
    """
    found = _match_keys(a, b)
    if found is None or vowels_agree(a, b):
        return found
    return NameMatch(found.score, "vowel-variant",
                     found.reasons + ("vowels differ in a name outside the Persian/Arabic family",))


def _match_keys(a: ParsedName, b: ParsedName) -> NameMatch | None:
    """``match_names`` on the folded keys alone."""
    if not a.keys or not b.keys:
        return None
    if a.keys == b.keys:
        if a.words == b.words:
            return NameMatch(SCORE_EXACT, "same-name", ("identical after titles removed",))
        return NameMatch(SCORE_VARIANT, "transliteration", (f"same phonetic key {' '.join(a.keys)}",))
    for ai in _surname_starts(a):
        for bi in _surname_starts(b):
            if joined_key(a.keys[ai:]) != joined_key(b.keys[bi:]):
                continue
            a_given, b_given = a.keys[:ai], b.keys[:bi]
            if not a_given or not b_given:
                continue  # bare surnames are resolved separately, with context
            # The shorter given-name list must fit inside the longer one.
            if len(a_given) <= len(b_given):
                fits, extra, initial = _align_given(a_given, a.words[:ai], b_given, b.words[:bi])
            else:
                fits, extra, initial = _align_given(b_given, b.words[:bi], a_given, a.words[:ai])
            if not fits:
                continue
            # Given names must share a first word unless one is only an initial of it:
            # "Hossein Bagheri" is not read as a short form of "Mohammad Hossein Bagheri".
            # Only a conventionally dropped first name ("[Mohammad] Javad Zarif") may be
            # missing, and callers then require the same role as well.
            first_a, first_b = a.words[0], b.words[0]
            dropped_first = False
            if a.keys[0] != b.keys[0] and not (len(first_a) == 1 or len(first_b) == 1) and \
                    not (a.keys[0].startswith(b.keys[0]) or b.keys[0].startswith(a.keys[0])):
                longer = a if ai > bi else b
                if ai == bi or longer.words[0] not in lex.DROPPABLE_FIRST_NAMES:
                    continue
                dropped_first = True
            if dropped_first:
                return NameMatch(SCORE_DROPPED_FIRST, "dropped-first-name",
                                 (f"{' '.join(longer.words)} without its first name {longer.words[0]}",))
            score = SCORE_VARIANT if a.words[ai:] != b.words[bi:] or a.words != b.words else SCORE_EXACT
            reasons = [f"surname {'/'.join(sorted({' '.join(a.words[ai:]), ' '.join(b.words[bi:])}))}"]
            rule = "given-names-compatible"
            if extra:
                score -= SCORE_SUBSET_PENALTY
                reasons.append("given names of one contained in the other")
                rule = "given-names-subset"
            if initial:
                score -= SCORE_INITIAL_PENALTY
                reasons.append("a given name matched by its initial")
                rule = "initials"
            similarity = fuzz.ratio(" ".join(a.words), " ".join(b.words)) / 100.0
            reasons.append(f"string similarity {similarity:.2f}")
            return NameMatch(round(score, 3), rule, tuple(reasons))
    return None


def truncated_surname(a: ParsedName, b: ParsedName) -> NameMatch | None:
    """One name is the other minus its last word: a compound surname cut short.

    "Ali Bagheri" for "Ali Bagheri Kani". Weak on its own ("Mohammad Reza" is also
    "Mohammad Reza Ashtiani" minus a word), so callers require the same role too.
    """
    short, long_ = (a, b) if len(a.keys) < len(b.keys) else (b, a)
    if len(short.keys) < 2 or len(long_.keys) != len(short.keys) + 1:
        return None
    if long_.keys[:-1] != short.keys:
        return None
    return NameMatch(SCORE_TRUNCATED, "truncated-surname",
                     (f"{' '.join(short.words)} is {' '.join(long_.words)} without its last word",))


@lru_cache(maxsize=65536)
def _role_norm(role: str | None) -> str:
    if not role:
        return ""
    text = _ascii_fold(role)
    for spelling, canonical in lex.ROLE_SPELLINGS.items():
        text = text.replace(spelling, canonical)
    words = [w for w in re.findall(r"[a-z]+", text) if w not in lex.ROLE_STOPWORDS]
    return " ".join(words)


def _role_ratio(ra: str, rb: str) -> float:
    """Similarity of two normalised roles; 0 when one is a deputy of the other's office."""
    grades_a = {w for w in ra.split() if w in lex.ROLE_GRADE_WORDS}
    grades_b = {w for w in rb.split() if w in lex.ROLE_GRADE_WORDS}
    if grades_a != grades_b:
        return 0.0  # "deputy oil minister" / "oil minister": two offices
    return float(fuzz.token_set_ratio(ra, rb))


def _same_period(a: Person, b: Person) -> bool:
    """Whether two mentions are close enough in time for rank/role conflicts to count."""
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= SAME_PERIOD_DAYS


def ranks_conflict(a: str | None, b: str | None) -> bool:
    """Two different specific ranks; a generic rank ("General") fits its family."""
    if not a or not b or a == b:
        return False
    if b in lex.GENERIC_RANKS.get(a, frozenset()) or a in lex.GENERIC_RANKS.get(b, frozenset()):
        return False
    # One grade in two services ("Commodore" / "Second Brigadier General").
    grade = lex.RANK_GRADES.get(a)
    return grade is None or grade != lex.RANK_GRADES.get(b)


def context_evidence(a: Person, b: Person) -> tuple[float, list[str], bool]:
    """Role/rank/org evidence between two mentions: (score change, reasons, hard conflict)."""
    delta, reasons, hard = _context_evidence(_Stated(a.name, a.title, a.role, a.org),
                                             _Stated(b.name, b.title, b.role, b.org), _same_period(a, b))
    return delta, list(reasons), hard


@dataclass(frozen=True)
class _Stated:
    """What a mention says of a person, apart from where and when: the inputs of
    ``context_evidence`` besides the period, so that many mentions share one result."""

    name: str
    title: str | None
    role: str | None
    org: str | None


@lru_cache(maxsize=262144)
def _context_evidence(a: _Stated, b: _Stated, same_period: bool) -> tuple[float, tuple[str, ...], bool]:
    delta = 0.0
    reasons: list[str] = []
    hard = False
    pa, pb = parse_name(a.name, a.title), parse_name(b.name, b.title)
    if pa.rank and pb.rank:
        if pa.rank == pb.rank:
            delta += RANK_SUPPORT
            reasons.append(f"same rank {pa.rank}")
        elif ranks_conflict(pa.rank, pb.rank) and same_period:
            delta -= RANK_CONFLICT
            reasons.append(f"ranks differ in the same period: {pa.rank} / {pb.rank}")
            hard = True
    ra, rb = _role_norm(a.role), _role_norm(b.role)
    role_conflict = False
    if ra and rb:
        ratio = _role_ratio(ra, rb)
        if ratio >= ROLE_SAME_RATIO:
            delta += ROLE_SUPPORT
            reasons.append(f"same role ({a.role})")
        elif ratio < ROLE_CONFLICT_RATIO and same_period:
            delta -= ROLE_CONFLICT
            role_conflict = True
            reasons.append(f"different roles in the same period: {a.role} / {b.role}")
    oa, ob = _role_norm(a.org), _role_norm(b.org)
    if oa and ob:
        org_ratio = fuzz.token_set_ratio(oa, ob)
        if org_ratio >= ROLE_SAME_RATIO and not (ra and rb):
            delta += ROLE_SUPPORT / 2
            reasons.append(f"same organisation ({a.org})")
        elif org_ratio < ROLE_CONFLICT_RATIO and role_conflict:
            # Another office in another organisation at the same time: another person,
            # however alike the names ("Reza Ghaffari" the statistician and the officer).
            reasons.append(f"different organisations in the same period: {a.org} / {b.org}")
            hard = True
    return delta, tuple(reasons), hard


# ---------------------------------------------------------------------- resolution


def _identity_key(p: ParsedName) -> tuple[str, ...]:
    """Keys under which two written names count as the same name (strict outside Persian/Arabic)."""
    return p.keys if p.folds_vowels else p.strict


def _decision_key(name: str) -> tuple[str, ...]:
    """What a user decision's name refers to: the name's keys, titles removed."""
    return _identity_key(parse_name(name))


@dataclass
class _Days:
    """When the mentions of one stated class in a group were published: sorted day numbers,
    and how many are undated (an undated mention is in every period)."""

    undated: int = 0
    days: list[int] = field(default_factory=list)

    def add(self, other: _Days) -> None:
        self.undated += other.undated
        self.days = sorted(self.days + other.days)

    @property
    def size(self) -> int:
        return self.undated + len(self.days)


def _periods_between(a: _Days, b: _Days) -> set[bool]:
    """The values ``_same_period`` takes over pairs of one mention of ``a`` and one of ``b``."""
    found: set[bool] = set()
    if (a.undated and b.size) or (b.undated and a.size):
        found.add(True)
    if a.days and b.days:
        if a.days[-1] - b.days[0] > SAME_PERIOD_DAYS or b.days[-1] - a.days[0] > SAME_PERIOD_DAYS:
            found.add(False)
        if True not in found:
            short, long_ = (a.days, b.days) if len(a.days) <= len(b.days) else (b.days, a.days)
            for day in short:
                k = bisect_left(long_, day - SAME_PERIOD_DAYS)
                if k < len(long_) and long_[k] <= day + SAME_PERIOD_DAYS:
                    found.add(True)
                    break
    return found


def _periods_within(a: _Days) -> set[bool]:
    """The values ``_same_period`` takes over pairs of two mentions of ``a``."""
    found: set[bool] = set()
    if a.undated and a.size >= 2:
        found.add(True)
    days = a.days
    if len(days) >= 2:
        if days[-1] - days[0] > SAME_PERIOD_DAYS:
            found.add(False)
        if any(later - earlier <= SAME_PERIOD_DAYS for earlier, later in zip(days, days[1:], strict=False)):
            found.add(True)
    return found


class _Clusters:
    """Union of mention groups that refuses unions holding an incompatible pair.

    Whether two mentions may share a person depends only on what each states (name,
    title, role, organisation: its class) and on whether they are in the same period;
    a group is kept as its classes with their publication days, so that joining two
    groups checks pairs of classes, not pairs of mentions (one name quoted in a thousand
    documents is one class, whatever the number of its mentions)."""

    def __init__(self, mentions: Sequence[Person], cannot: set[frozenset[int]]) -> None:
        self.mentions = mentions
        self.parsed = [parse_name(m.name, m.title) for m in mentions]
        self.parent = list(range(len(mentions)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
        self.cannot = cannot
        self.cannot_with: dict[int, set[int]] = defaultdict(set)
        for pair in cannot:
            x, y = tuple(pair)
            self.cannot_with[x].add(y)
            self.cannot_with[y].add(x)
        self.evidence: dict[int, list[MergeEvidence]] = defaultdict(list)
        ids: dict[_Stated, int] = {}
        self.classes: list[_Stated] = []
        self.stated: list[int] = []
        for m in mentions:
            stated = _Stated(m.name, m.title, m.role, m.org)
            if stated not in ids:
                ids[stated] = len(self.classes)
                self.classes.append(stated)
            self.stated.append(ids[stated])
        self.profile: dict[int, dict[int, _Days]] = {i: {self.stated[i]: self._days_of(i)} for i in range(len(mentions))}
        self._pair_cache: dict[tuple[int, int, bool], bool] = {}
        self._context_cache: dict[tuple[int, int, bool], tuple[float, bool]] = {}
        self._score_cache: dict[tuple[int, int, bool], tuple[float, MergeEvidence] | None] = {}

    def _days_of(self, i: int) -> _Days:
        published = self.mentions[i].published
        return _Days(1, []) if published is None else _Days(0, [published.toordinal()])

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, i: int, j: int) -> bool:
        """Whether mentions i and j may share a person (names fit, no hard conflict)."""
        if j in self.cannot_with.get(i, ()):
            return False
        return self._classes_fit(self.stated[i], self.stated[j], _same_period(self.mentions[i], self.mentions[j]))

    def _classes_fit(self, a: int, b: int, same_period: bool) -> bool:
        """``compatible`` for a mention of class a and one of class b, in the same period or not."""
        a, b = min(a, b), max(a, b)
        key = (a, b, same_period)
        ok = self._pair_cache.get(key)
        if ok is None:
            sa, sb = self.classes[a], self.classes[b]
            pa, pb = parse_name(sa.name, sa.title), parse_name(sb.name, sb.title)
            if pa.keys == pb.keys and vowels_agree(pa, pb):
                ok = True
            elif pa.is_bare or pb.is_bare:
                bare, full = (pa, pb) if pa.is_bare else (pb, pa)
                ok = _bare_fits(bare, full)
            elif (found := match_names(pa, pb)) is not None and found.rule not in _NEEDS_SUPPORT:
                ok = True
            else:
                ok = _score_stated(pa, pb, sa, sb, same_period) is not None
            ok = ok and not self._classes_context(a, b, same_period)[1]
            self._pair_cache[key] = ok
        return ok

    def score(self, i: int, j: int, match: NameMatch) -> tuple[float, MergeEvidence] | None:
        """``_score_pair`` of mentions i and j whose names match as ``match``; computed once per
        two classes and period, as it depends on nothing else."""
        a, b = self.stated[i], self.stated[j]
        key = (a, b, _same_period(self.mentions[i], self.mentions[j]))
        if key not in self._score_cache:
            sa, sb = self.classes[a], self.classes[b]
            self._score_cache[key] = _score_stated(self.parsed[i], self.parsed[j], sa, sb, key[2], match)
        return self._score_cache[key]

    def context(self, i: int, j: int) -> tuple[float, bool]:
        """Role/rank evidence between mentions i and j: (score change, hard conflict), cached."""
        return self._classes_context(self.stated[i], self.stated[j], _same_period(self.mentions[i], self.mentions[j]))

    def _classes_context(self, a: int, b: int, same_period: bool) -> tuple[float, bool]:
        a, b = min(a, b), max(a, b)
        key = (a, b, same_period)
        found = self._context_cache.get(key)
        if found is None:
            delta, _reasons, hard = _context_evidence(self.classes[a], self.classes[b], same_period)
            found = self._context_cache[key] = (delta, hard)
        return found

    def _cross_periods(self, x: Mapping[int, _Days], y: Mapping[int, _Days]) -> Iterator[tuple[int, int, bool]]:
        """(class, class, same period) of every kind of pair across two groups' profiles."""
        for a, days_a in x.items():
            for b, days_b in y.items():
                for same in _periods_between(days_a, days_b):
                    yield a, b, same

    def _cannot_across(self, xs: Iterable[int], root: int) -> bool:
        return any(self.find(y) == root for x in xs for y in self.cannot_with.get(x, ()))

    def joinable(self, i: int, root: int) -> bool:
        """Whether mention i may join the group of ``root`` (compatible with every member)."""
        if self._cannot_across([i], root):
            return False
        single = {self.stated[i]: self._days_of(i)}
        return all(self._classes_fit(a, b, same) for a, b, same in self._cross_periods(single, self.profile[root]))

    def best_context(self, i: int, root: int) -> float:
        """The best role/rank evidence between mention i and a member of the group of ``root``."""
        single = {self.stated[i]: self._days_of(i)}
        return max(self._classes_context(a, b, same)[0] for a, b, same in self._cross_periods(single, self.profile[root]))

    def all_compatible(self, items: Sequence[int]) -> bool:
        """Whether every two of these mentions may share a person."""
        if self.cannot_with and any(y in items for x in items for y in self.cannot_with.get(x, ())):
            return False
        profile: dict[int, _Days] = {}
        for i in items:
            profile.setdefault(self.stated[i], _Days()).add(self._days_of(i))
        classes = sorted(profile)
        for x, a in enumerate(classes):
            if not all(self._classes_fit(a, a, same) for same in _periods_within(profile[a])):
                return False
            for b in classes[x + 1 :]:
                if not all(self._classes_fit(a, b, same) for same in _periods_between(profile[a], profile[b])):
                    return False
        return True

    def union(self, i: int, j: int, evidence: MergeEvidence | None, force: bool = False) -> bool:
        """Join the groups of i and j unless some pair across them is incompatible.

        The link must also survive the worst role conflict across the groups: a short
        name may fit a long one in a year when their offices do not clash.
        """
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        if not force:
            smaller, other = (ri, rj) if len(self.members[ri]) <= len(self.members[rj]) else (rj, ri)
            if self.cannot_with and self._cannot_across(self.members[smaller], other):
                return False
            worst = float("inf")
            for a, b, same in self._cross_periods(self.profile[ri], self.profile[rj]):
                if not self._classes_fit(a, b, same):
                    return False
                worst = min(worst, self._classes_context(a, b, same)[0])
            # The link's own score already holds its pair's evidence: count only what is worse.
            if evidence is not None and evidence.score + min(0.0, worst - self.context(i, j)[0]) < MERGE_THRESHOLD:
                return False
        self.parent[rj] = ri
        self.members[ri].extend(self.members.pop(rj))
        for stated, days in self.profile.pop(rj).items():
            self.profile[ri].setdefault(stated, _Days()).add(days)
        self.evidence[ri].extend(self.evidence.pop(rj, []))
        if evidence is not None:
            self.evidence[ri].append(evidence)
        return True

    def groups(self) -> list[list[int]]:
        return [sorted(members) for members in self.members.values()]


@lru_cache(maxsize=262144)
def _bare_fits(bare: ParsedName, full: ParsedName) -> bool:
    """A one-word name fits a full name by surname (or first given name after "Prince")."""
    if not full.keys:
        return False
    fits = bare.surname_key == full.surname_key \
        or (len(full.keys) >= 3 and bare.surname_key == "".join(full.keys[-2:])) \
        or (bare.given_name_title and bare.surname_key == full.keys[0])
    return fits and vowels_agree(bare, full)


def _blocks(parsed: Sequence[ParsedName]) -> dict[str, list[int]]:
    """Full-name mentions grouped by surname key, so only plausible pairs are compared.

    One-word names are attached later (``_attach_bare``) with their own index.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(parsed):
        if not p.keys:
            continue
        keys = {p.surname_key}
        if len(p.keys) >= 2:
            keys.add(joined_key(p.keys[-2:]))  # "Talaee Nik" meets "Talaeinik"
        if len(p.keys) >= 3:
            keys.add(p.keys[-2])  # "Ali Bagheri Kani" meets "Ali Bagheri"
        for key in keys:
            blocks[key].append(i)
    return blocks


def _decision_pairs(
    mentions: Sequence[Person], parsed: Sequence[ParsedName], decisions: Sequence[UserDecision]
) -> tuple[set[frozenset[int]], list[tuple[int, int, UserDecision]]]:
    """Cannot-link pairs from splits and forced pairs from merges; the later decision wins."""
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, p in enumerate(parsed):
        by_key[_identity_key(p)].append(i)
    latest: dict[frozenset[tuple[str, ...]], UserDecision] = {}
    for decision in decisions:
        pair = frozenset({_decision_key(decision.a), _decision_key(decision.b)})
        latest[pair] = decision
    cannot: set[frozenset[int]] = set()
    forced: list[tuple[int, int, UserDecision]] = []
    for decision in latest.values():
        side_a = by_key.get(_decision_key(decision.a), [])
        side_b = by_key.get(_decision_key(decision.b), [])
        if not side_a or not side_b:
            continue
        if decision.kind == "split":
            cannot.update(frozenset({i, j}) for i in side_a for j in side_b if i != j)
        else:  # every mention of either name: the user said they are one person
            forced.extend((side_a[0], k, decision) for k in side_a[1:] + side_b)
    return cannot, forced


def _matching_pairs(parsed: Sequence[ParsedName], blocked: bool = True) -> Iterator[tuple[int, int, NameMatch]]:
    """Pairs of full-name mentions (i < j) whose names can name one person, with how they match.

    Names are compared, not mentions: a name written in a thousand documents is matched
    once against each other name of its surname block (``_blocks``), and only the
    mentions of matching names are paired. ``blocked=False`` compares every pair of
    names: the reference the blocks are tested against (same pairs, far slower).
    """
    by_name: dict[ParsedName, list[int]] = defaultdict(list)
    for i, p in enumerate(parsed):
        if p.keys and not p.is_bare:
            by_name[p].append(i)
    names = list(by_name)
    if blocked:
        name_pairs = {(a, b) for members in _blocks(names).values()
                      for x, a in enumerate(members) for b in members[x:]}  # fmt: skip
    else:
        name_pairs = {(a, b) for a in range(len(names)) for b in range(a, len(names))}
    for a, b in sorted(name_pairs):
        # matched in the mentions' order, as the reasons name the first mention first
        forward = match_names(names[a], names[b]) or truncated_surname(names[a], names[b])
        if a == b:
            if forward is not None:
                yield from ((i, j, forward) for i, j in combinations(by_name[names[a]], 2))
            continue
        backward = match_names(names[b], names[a]) or truncated_surname(names[b], names[a])
        if forward is None and backward is None:
            continue
        for i in by_name[names[a]]:
            for j in by_name[names[b]]:
                match = forward if i < j else backward
                if match is not None:
                    yield min(i, j), max(i, j), match


def resolve_people(
    mentions: Sequence[Person], decisions: Sequence[UserDecision] = (), *, blocked: bool = True
) -> list[CanonicalPerson]:
    """Group person mentions across documents into canonical people.

    Full names are joined by name compatibility plus role/rank evidence (best pairs
    first); bare surnames join only an unambiguous candidate. ``decisions`` (user
    merges and splits, by name or alias) are applied on top on every run. Only names
    that share a surname key are compared (``blocked=False``: every pair, the reference).
    """
    parsed = [parse_name(m.name, m.title) for m in mentions]
    cannot, forced = _decision_pairs(mentions, parsed, decisions)
    clusters = _Clusters(mentions, cannot)
    candidates: list[tuple[float, int, int, MergeEvidence]] = []
    for i, j, match in _matching_pairs(parsed, blocked):
        scored = clusters.score(i, j, match)
        if scored is not None and scored[0] >= MERGE_THRESHOLD:
            candidates.append((scored[0], i, j, scored[1]))
    candidates = _drop_ambiguous(candidates, parsed, clusters)
    # Best pairs first: a strong pair decides a group before a weak one can spoil it.
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for _score, i, j, evidence in candidates:
        clusters.union(i, j, evidence)
    _attach_bare(mentions, parsed, clusters)
    for i, j, decision in forced:
        clusters.union(i, j, MergeEvidence(decision.a, decision.b, "user-merge", 1.0, ("user decision",)),
                       force=True)
    return _build_people(mentions, parsed, clusters)


# Rules under which the shorter name could also fit someone else.
_PARTIAL_RULES = frozenset({"given-names-subset", "initials", "truncated-surname", "dropped-first-name"})
# Rules too weak to merge on their own: the two mentions must state the same role.
_NEEDS_ROLE = frozenset({"truncated-surname", "dropped-first-name"})
# Rules that need the same role or organisation; not believed by name alone.
_NEEDS_SUPPORT = _NEEDS_ROLE | {"vowel-variant"}


def _drop_ambiguous(
    candidates: list[tuple[float, int, int, MergeEvidence]], parsed: Sequence[ParsedName], clusters: _Clusters
) -> list[tuple[float, int, int, MergeEvidence]]:
    """Remove partial-name links of a name that fits two different people.

    "Mohammad Bagheri" fits "Mohammad Hossein Bagheri" and "Mohammad Ali Bagheri";
    when those two cannot be one person, the short name keeps only the links that
    role/rank evidence supports, and none at all if that still leaves both.
    """
    partners: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for _score, i, j, evidence in candidates:
        if evidence.rule not in _PARTIAL_RULES:
            continue
        supported = len(evidence.reasons) > 0 and any(r.startswith("same ") for r in evidence.reasons)
        short, other = (i, j) if len(parsed[i].keys) <= len(parsed[j].keys) else (j, i)
        partners[short].append((other, supported))
    dropped: set[frozenset[int]] = set()
    for short, links in partners.items():
        others = [o for o, _s in links]
        if clusters.all_compatible(others):
            continue
        kept = [o for o, supported in links if supported]
        if not clusters.all_compatible(kept):
            kept = []
        dropped.update(frozenset({short, o}) for o in others if o not in kept)
    return [c for c in candidates if frozenset({c[1], c[2]}) not in dropped]


def _score_pair(
    mentions: Sequence[Person], parsed: Sequence[ParsedName], i: int, j: int, match: NameMatch | None = None
) -> tuple[float, MergeEvidence] | None:
    """The merge score of mentions i and j (None: they cannot merge); ``match``: their names' match, if known."""
    a, b = mentions[i], mentions[j]
    return _score_stated(parsed[i], parsed[j], _Stated(a.name, a.title, a.role, a.org),
                         _Stated(b.name, b.title, b.role, b.org), _same_period(a, b), match)  # fmt: skip


def _score_stated(
    pa: ParsedName, pb: ParsedName, a: _Stated, b: _Stated, same_period: bool, match: NameMatch | None = None
) -> tuple[float, MergeEvidence] | None:
    """``_score_pair`` of two mentions given by what they state and whether they are in the same period."""
    match = match or match_names(pa, pb) or truncated_surname(pa, pb)
    if match is None:
        return None
    delta, reasons, hard = _context_evidence(a, b, same_period)
    if hard:
        return None
    if match.rule in _NEEDS_ROLE and not any(r.startswith("same role") for r in reasons):
        return None  # a dropped name part is only believed with the same office
    if match.rule == "vowel-variant" and not any(r.startswith(("same role", "same organisation"))
                                                 for r in reasons):
        return None  # Varma / Verma: another vowel is another name unless the office says otherwise
    score = round(match.score + delta, 3)
    evidence = MergeEvidence(pa.display, pb.display, match.rule, score, match.reasons + reasons)
    return score, evidence


def _attach_bare(mentions: Sequence[Person], parsed: Sequence[ParsedName], clusters: _Clusters) -> None:
    """Join each one-word name to the single group it can belong to, if there is one."""
    bare = [i for i, p in enumerate(parsed) if p.is_bare]
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(parsed):
        if p.is_bare:
            continue
        for key in {p.surname_key, joined_key(p.keys[-2:]), "first:" + p.keys[0]}:
            by_key[key].append(i)
    for i in bare:
        p = parsed[i]
        keys = [p.surname_key, "first:" + p.surname_key] if p.given_name_title else [p.surname_key]
        roots = sorted({clusters.find(j) for key in keys for j in by_key.get(key, [])
                        if _bare_fits(p, parsed[j])})
        fitting = [r for r in roots if clusters.joinable(i, r)]
        rule = "unique-surname"
        reasons: list[str] = [f"only person named {p.display}"]
        if len(fitting) > 1:
            # Several people share the surname: role or rank evidence must single one out.
            supported = []
            for root in fitting:
                best = clusters.best_context(i, root)
                if best > 0:
                    supported.append(root)
            if len(supported) != 1:
                continue
            fitting = supported
            rule = "surname-with-role"
            reasons = [f"{p.display}: role or rank singles out one of several people with that surname"]
        if len(fitting) == 1:
            root = fitting[0]
            target = clusters.members[root][0]
            delta, extra, _hard = context_evidence(mentions[i], mentions[target])
            clusters.union(i, target, MergeEvidence(
                p.display, parsed[target].display, rule, round(0.7 + delta, 3), tuple(reasons + extra)))
    # One-word names with no full-name candidate join each other only with support.
    loose: dict[str, list[int]] = defaultdict(list)
    for i in bare:
        if len(clusters.members[clusters.find(i)]) == 1:
            loose[parsed[i].surname_key].append(i)
    for group in loose.values():
        for x, i in enumerate(group):
            for j in group[x + 1 :]:
                delta, reasons, hard = context_evidence(mentions[i], mentions[j])
                if delta > 0 and not hard:
                    clusters.union(i, j, MergeEvidence(parsed[i].display, parsed[j].display,
                                                       "surname-with-role", round(0.6 + delta, 3),
                                                       tuple(reasons)))


def _lexicon_spelling(name: str) -> int:
    """How many words of ``name`` are already in the lexicon's canonical spelling."""
    raw = [_ascii_fold(w).replace("-", "") for w in _split_words(name)]
    return sum(1 for w in raw if w in lex.NAME_VARIANTS.values())


def _canonical_name(parsed: Sequence[ParsedName], members: Sequence[int]) -> str:
    """The fullest, most frequent spelling: most words, most mentions, lexicon spelling, longest."""
    counts: dict[str, int] = defaultdict(int)
    for i in members:
        counts[parsed[i].display] += 1
    return max(counts, key=lambda n: (len(parse_name(n).keys), counts[n], _lexicon_spelling(n), len(n), n))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii_fold(name)).strip("-") or "person"


def _build_people(
    mentions: Sequence[Person], parsed: Sequence[ParsedName], clusters: _Clusters
) -> list[CanonicalPerson]:
    people: list[CanonicalPerson] = []
    used_ids: dict[str, int] = defaultdict(int)
    groups = sorted(clusters.groups(), key=lambda g: (_canonical_name(parsed, g), g[0]))
    for members in groups:
        root = clusters.find(members[0])
        name = _canonical_name(parsed, members)
        aliases = tuple(sorted({parsed[i].display for i in members} | {mentions[i].name for i in members}))
        base = "person:" + _slug(name)
        used_ids[base] += 1
        person_id = base if used_ids[base] == 1 else f"{base}-{used_ids[base]}"
        sightings = sorted(
            {RoleSighting(mentions[i].role, mentions[i].title or parsed[i].rank, mentions[i].doc or "",
                          mentions[i].published)
             for i in members if mentions[i].role or mentions[i].title or parsed[i].rank},
            key=lambda s: (s.published or date.min, s.doc, s.role or "", s.title or ""),
        )
        people.append(CanonicalPerson(
            id=person_id, name=name, aliases=aliases, roles=tuple(sightings),
            mentions=tuple(mentions[i] for i in members), evidence=tuple(clusters.evidence.get(root, [])),
        ))
    return people


# ------------------------------------------------------------------ explain / eval


def find_person(name: str, people: Iterable[CanonicalPerson]) -> CanonicalPerson | None:
    """The person whose id or one of whose aliases is ``name`` (titles ignored)."""
    key = _decision_key(name)
    for person in people:
        if person.id == name or any(_decision_key(alias) == key for alias in person.aliases):
            return person
    return None


def explain(person_or_name: CanonicalPerson | str, people: Sequence[CanonicalPerson]) -> list[str]:
    """Human-readable lines saying why each alias belongs to the person."""
    person = person_or_name if isinstance(person_or_name, CanonicalPerson) else find_person(
        person_or_name, people)
    if person is None:
        return [f"no person known as {person_or_name!r}"]
    lines = [f"{person.name} ({person.id}): {len(person.mentions)} mentions, aliases: "
             + ", ".join(person.aliases)]
    for ev in person.evidence:
        lines.append(f"{ev.a} = {ev.b} by {ev.rule} (score {ev.score:.2f}): " + "; ".join(ev.reasons))
    for sighting in person.roles:
        when = sighting.published.isoformat() if sighting.published else "undated"
        held = ", ".join(x for x in (sighting.title, sighting.role) if x)
        lines.append(f"{when} {sighting.doc}: {held}")
    return lines


def name_tokens(name: str) -> frozenset[str]:
    """Keys one of which two names share whenever ``same_person`` can hold for them: each
    word's key and each two neighbouring words' joined key (for indexing many names)."""
    keys = parse_name(name).keys
    return frozenset(keys) | {joined_key(keys[i : i + 2]) for i in range(len(keys) - 1)}


def same_person(name_a: str, name_b: str, people: Sequence[CanonicalPerson] | None = None) -> bool:
    """Whether two names can denote one person (for scoring speakers).

    With ``people`` (a resolution), the names must belong to the same resolved
    person. Without, the names alone decide: full names must be compatible, and a
    one-word name must be the other's surname (or given name after "Prince").
    """
    if people is not None:
        pa, pb = find_person(name_a, people), find_person(name_b, people)
        if pa is not None and pb is not None:
            return pa.id == pb.id
    a, b = parse_name(name_a), parse_name(name_b)
    if not a.keys or not b.keys:
        return False
    if a.keys == b.keys and vowels_agree(a, b):
        return True
    if a.is_bare or b.is_bare:
        bare, full = (a, b) if a.is_bare else (b, a)
        return not full.is_bare and _bare_fits(bare, full)
    found = match_names(a, b)
    return found is not None and found.rule not in _NEEDS_SUPPORT
