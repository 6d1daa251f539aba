"""Subject keys: one name for one measured thing across wordings and outlets.

"exports of military defense products", "Iran's arms exports", "defence
exports" and "the ministry's sales of defense goods abroad" all measure the same
thing; ``subject_key`` maps each to "defense exports". Countries ("Iran's",
"Turkish") are taken out of the key into a separate ``scope`` so that
consistency checks can compare like with like (Iran's exports with Iran's).

The rules are word lists in ``claimwatch.lexicon.subjects``; this module
only applies them: fold and tokenize, match phrases longest first, stop at the
first word that starts a circumstance ("in", "by", "compared"...), lemmatize
plurals, and order the key as sorted modifiers followed by sorted heads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..lexicon import subjects as lex
from ..model import Claim

_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2013": " ", "\u2014": " ", "-": " "})
_TOKEN = re.compile(r"[^\W\d_][\w'.]*|\d[\d.,]*", re.UNICODE)
_MAX_PHRASE = max(len(p.split()) for p in (*lex.SYNONYMS, *lex.COUNTRIES))


@dataclass(frozen=True)
class NormalizedSubject:
    """A subject phrase reduced to its measured thing (``key``) and where (``scope``)."""

    key: str  # "defense exports"; "" when nothing measurable was recognised
    scope: str | None  # canonical country, e.g. "iran"
    tokens: tuple[str, ...]  # the key's words

    @property
    def has_measure(self) -> bool:
        """Whether the key names a measured head ("exports", "budget"...)."""
        return any(t in lex.MEASURES for t in self.tokens)


@dataclass(frozen=True)
class SubjectGroup:
    """Claims whose subjects normalize to the same key and scope."""

    key: str
    scope: str | None
    subjects: tuple[str, ...]  # distinct original wordings, in first-seen order
    claims: tuple[str, ...]  # claim ids


def _tokens(text: str) -> list[str]:
    folded = text.translate(_FOLD).lower()
    out = []
    for tok in _TOKEN.findall(folded):
        tok = tok.rstrip(".,")
        if tok.endswith("'") and not tok.endswith("''"):
            tok = tok[:-1]  # plural possessive "forces'" -> "forces"
        if tok:
            out.append(tok)
    return out


def lemma(word: str) -> str:
    """A simple singular: irregular table, then "-ies" -> "-y" and "-s" stripping."""
    if word in lex.IRREGULAR_LEMMAS:
        return lex.IRREGULAR_LEMMAS[word]
    if word in lex.NO_STRIP or len(word) <= 3:
        return word
    if word.endswith("'s"):
        return lemma(word[:-2])
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses") or word.endswith("ches") or word.endswith("shes") or word.endswith("xes"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and not word.endswith("us"):
        return word[:-1]
    return word


def _scan(tokens: Sequence[str], *, cut: bool) -> tuple[list[str], list[str], bool]:
    """Canonical content words, countries, and whether the phrase speaks of "abroad".

    With ``cut`` the content stops at the first circumstance word once something
    was kept (countries are still collected from the whole phrase).
    """
    words: list[str] = []
    countries: list[str] = []
    abroad = any(t in lex.ABROAD_WORDS for t in tokens)
    stopped = False
    i = 0
    while i < len(tokens):
        matched = False
        for n in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + n])
            bare = phrase[:-2] if phrase.endswith("'s") else phrase
            if phrase in lex.COUNTRIES or bare in lex.COUNTRIES:
                countries.append(lex.COUNTRIES.get(phrase) or lex.COUNTRIES[bare])
            elif phrase in lex.SYNONYMS or bare in lex.SYNONYMS:
                if not stopped:
                    words.append(lex.SYNONYMS.get(phrase) or lex.SYNONYMS[bare])
            else:
                continue
            i += n
            matched = True
            break
        if matched:
            continue
        tok = tokens[i]
        i += 1
        if cut and tok in lex.CUT_WORDS and words:
            stopped = True
        if stopped or tok in lex.DROP_WORDS or tok in lex.GENERIC_OBJECTS or tok[0].isdigit():
            continue
        if tok in lex.CUT_WORDS or tok in lex.ABROAD_WORDS:
            continue
        base = lemma(tok)
        if base in lex.DROP_WORDS or base in lex.GENERIC_OBJECTS:
            continue
        words.append(base)
    return words, countries, abroad


def _known(words: Iterable[str]) -> list[str]:
    """Only the words the lexicon knows (canonical synonyms and heads)."""
    canon = set(lex.SYNONYMS.values()) | lex.MEASURES
    return [w for w in words if w in canon]


def _key(words: Iterable[str], abroad: bool) -> tuple[str, ...]:
    unique = []
    for w in words:
        if w == "sales" and abroad:
            w = "exports"
        if w not in unique:
            unique.append(w)
    heads = sorted(w for w in unique if w in lex.MEASURES)
    mods = sorted(w for w in unique if w not in lex.MEASURES)
    return (*mods, *heads)


def normalize_subject(subject: str | None, evidence: str | None = "") -> NormalizedSubject:
    """Key and scope of a claim's subject; the evidence fills in what the subject lacks.

    When the subject names no measured head ("figure", "Iran", None), the words the
    lexicon knows from the evidence's first phrase (up to a verb or circumstance
    word such as "rose", "in") are used instead.
    """
    words, countries, abroad = _scan(_tokens(subject or ""), cut=True)
    ev_tokens = _tokens(evidence or "")
    if not any(w in lex.MEASURES for w in words) and ev_tokens:
        ev_words, ev_countries, ev_abroad = _scan(ev_tokens, cut=True)
        known = _known(ev_words)
        if any(w in lex.MEASURES for w in known):
            words = [w for w in words if w in set(lex.SYNONYMS.values())] + known
            abroad = abroad or ev_abroad
        countries = countries or ev_countries
    elif not countries and ev_tokens:
        countries = _scan(ev_tokens, cut=False)[1]
    folded_evidence = " ".join(ev_tokens)
    if any(p in folded_evidence for p in lex.TRADE_PHRASES) and {"imports", "exports"} & set(words):
        words = [w for w in words if w not in ("imports", "exports")] + ["trade"]
    tokens = _key(words, abroad)
    return NormalizedSubject(" ".join(tokens), countries[0] if countries else None, tokens)


def as_change(subject: NormalizedSubject) -> NormalizedSubject:
    """The same subject read as a change of it ("a Rs240 billion rise in the budget")."""
    if "change" in subject.tokens:
        return subject
    tokens = ("change", *subject.tokens)
    return NormalizedSubject(" ".join(tokens), subject.scope, tokens)


def subject_key(subject: str | None, evidence: str | None = "") -> str:
    """The canonical key of what a claim measures ("defense exports"); "" if unknown."""
    return normalize_subject(subject, evidence).key


def key_matches(key: str, query: str) -> bool:
    """Whether a subject key answers a query (itself normalized): all query words present."""
    return key_matcher(query)(key)


def key_matcher(query: str) -> Callable[[str], bool]:
    """``key_matches`` of one query, the query normalized once (for many keys)."""
    wanted = set(normalize_subject(query).tokens) or set(_tokens(query))
    return lambda key: bool(wanted) and wanted <= set(key.split())


def group_subjects(claims: Iterable[Claim]) -> list[SubjectGroup]:
    """Claims grouped by subject key and scope, largest first."""
    order: dict[tuple[str, str | None], tuple[list[str], list[str]]] = {}
    for claim in claims:
        norm = normalize_subject(claim.subject, claim.evidence)
        if not norm.key:
            continue
        subjects, ids = order.setdefault((norm.key, norm.scope), ([], []))
        wording = claim.subject or ""
        if wording and wording not in subjects:
            subjects.append(wording)
        ids.append(claim.id)
    groups = [SubjectGroup(k, s, tuple(subj), tuple(ids)) for (k, s), (subj, ids) in order.items()]
    return sorted(groups, key=lambda g: (-len(g.claims), g.key, g.scope or ""))


def dominant_scope(texts: Iterable[str | None], min_mentions: int = 2) -> str | None:
    """The country a document is mostly about: the most mentioned one, if it is
    mentioned at least ``min_mentions`` times and more often than any other."""
    counts: dict[str, int] = {}
    for text in texts:
        for country in _scan(_tokens(text or ""), cut=False)[1]:
            counts[country] = counts.get(country, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    best, n = ranked[0]
    if n < min_mentions or (len(ranked) > 1 and ranked[1][1] == n):
        return None
    return best
