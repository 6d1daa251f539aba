"""People (and named sources) inside one document, and what a speaker mention refers to.

A news article introduces a person once with a role and a rank ("Iranian Defense
Minister Brigadier General Hamid Karimi") and then refers to them by a
surname ("Ashtiani"), a rank ("the general"), a role ("the defense minister") or a
pronoun ("he added"). ``PeopleIndex`` collects the person mentions spaCy finds in
the parsed sentences, keeps the fullest name with its title, role and organisation,
and ``resolve`` maps a speaker mention to a person (salience: the most recent
compatible one) or to a non-person source text. Nothing crosses documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import jellyfish
from spacy.tokens import Span as TokenSpan

from ..lexicon import names as names_lex
from ..lexicon import speech as lex
from ..model import Person, Quote, Span
from .nlp import ParsedSentence
from .speakers import resolve_mention

# Jaro-Winkler similarity above which two name words are one spelling variant.
_NAME_SIMILARITY = 0.93
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")
_TRAILING_ACRONYM = re.compile(r"\s*\(\s*[A-Z][A-Za-z]{1,9}\s*\)?\s*$")


def normalize_word(word: str) -> str:
    """Lower-case a word and drop dots and a possessive ending ("Gen." -> "gen")."""
    return _POSSESSIVE.sub("", word.lower()).replace(".", "")


def name_tokens(name: str) -> list[str]:
    """Words of a name, normalized, without titles or courtesy words."""
    words = [normalize_word(w) for w in _WORD.findall(name)]
    return [w for w in words if w and w not in _TITLE_WORDS]


_TITLE_WORDS: frozenset[str] = frozenset(w for t in lex.TITLES for w in t.split())
_TITLES_LONGEST_FIRST: tuple[tuple[str, ...], ...] = tuple(
    sorted((tuple(t.split()) for t in lex.TITLES), key=len, reverse=True)
)


def split_title(words: list[str]) -> tuple[str | None, int]:
    """Find titles at the start of ``words`` ("Datuk Seri Dr X"); return (first real title, words used)."""
    first: str | None = None
    used = 0
    while True:
        title, n = _one_title(words[used:])
        if n == 0:
            return first, used
        first = first or title
        used += n


def _one_title(words: list[str]) -> tuple[str | None, int]:
    norm = [normalize_word(w) for w in words]
    for title in _TITLES_LONGEST_FIRST:
        n = len(title)
        # a title must be followed by at least one name word
        if len(norm) > n and tuple(norm[:n]) == title:
            key = " ".join(title)
            if key in lex.COURTESY_TITLES:
                return None, n
            return lex.TITLE_CANONICAL.get(key, " ".join(w.capitalize() for w in title)), n
    return None, 0


@dataclass
class PersonRecord:
    """A person being assembled from the mentions in one document."""

    name: str
    tokens: frozenset[str]
    title: str | None = None
    role: str | None = None
    org: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_person(self) -> Person:
        """Freeze into a ``Person``, mentions in text order."""
        return Person(self.name, self.title, self.role, self.org, tuple(sorted(set(self.mentions), key=lambda s: s.start)))

    def last_mention_before(self, pos: int) -> int:
        """Start of the latest mention before ``pos`` (-1 when none)."""
        starts = [m.start for m in self.mentions if m.start < pos]
        return max(starts) if starts else -1


@dataclass(frozen=True)
class Resolved:
    """What a speaker mention refers to: a person, a non-person source, or nobody."""

    speaker: str | None
    person: PersonRecord | None = None
    rules: tuple[str, ...] = ()  # the named rules that decided it, outermost first


class PeopleIndex:
    """The people of one document, built from spaCy PERSON entities in parsed sentences."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.records: list[PersonRecord] = []
        self.orgs: list[Span] = []  # ORG entities, for "the ministry" -> "Defence Ministry"
        self._acronyms = _acronym_table(text)
        self._named_orgs: list[Span] | None = None
        self.org_speakers: list[tuple[int, str]] = []  # (cue offset, name) of bodies that spoke

    def note_org_speaker(self, pos: int, name: str) -> None:
        """Record a named organisation that spoke at ``pos``: "the company said" later
        in the report refers back to it."""
        words = set(name.lower().split())
        if words & lex.ROLE_HEADS:
            return  # "Agency spokesman Rahmat Wibisono": a person the parse did not name
        self.org_speakers.append((pos, name))

    # ---- building -------------------------------------------------------
    def add_parsed(self, ps: ParsedSentence) -> None:
        """Register the PERSON and ORG entities of one parsed sentence."""
        covered = 0  # the end token of the last name read: a name can swallow the next entity
        for ent in ps.doc.ents:
            start = ps.span.start + ent.start_char
            end = ps.span.start + ent.end_char
            if ent.start < covered:
                continue
            if ent.label_ == "PERSON":
                whole = _whole_name(ent)
                covered = whole.end
                self._add_person_ent(ps, whole, start, ps.span.start + whole.end_char)
            elif ent.label_ == "ORG":
                self.orgs.append(Span(start, end, self.text[start:end]))

    def add_unparsed(self, sentence: Span) -> None:
        """Register people introduced in a sentence the model did not parse.

        The pipeline parses only sentences with numbers or speech, yet a person is
        often introduced elsewhere ("Deputy Trade Minister X visited the port").
        A role or title followed by capitalised words is read as role + name.
        """
        for m in _INTRO_RE.finditer(sentence.text):
            name_words = m.group("name").split()
            title, used = split_title(name_words)
            name_words = name_words[used:]
            while name_words and normalize_word(name_words[-1]) in _NAME_STOP:
                name_words.pop()
            if not name_words:
                continue
            name = _POSSESSIVE.sub("", " ".join(name_words))
            toks = frozenset(name_tokens(name))
            if not toks:
                continue
            prefix = m.group("role").split()
            rank, rank_used = _trailing_title(prefix)
            prefix = prefix[: len(prefix) - rank_used]
            org = None
            if len(prefix) > 1 and re.search(lex.NATIONALITY_SUFFIX, prefix[0]) and normalize_word(prefix[0]) not in lex.ROLE_MODIFIERS:
                org = prefix.pop(0)
            role = " ".join(prefix) if prefix and normalize_word(prefix[-1]) in lex.ROLE_HEADS else None
            start = sentence.start + m.start("name")
            end = start + len(" ".join(m.group("name").split()[: used + len(name_words)]))
            self.add_person(name, toks, Span(start, end, self.text[start:end]), title or rank, role, org)

    def _add_person_ent(self, ps: ParsedSentence, ent: Any, start: int, end: int) -> None:
        words = ent.text.split()
        title, used = split_title(words)
        name_words = [w for w in words[used:] if normalize_word(w) not in lex.ROLE_HEADS or w[:1].isupper()]
        name = _POSSESSIVE.sub("", " ".join(name_words)).strip(" ,.")
        toks = frozenset(name_tokens(name))
        if not toks or all(t in lex.ROLE_HEADS or t in lex.ROLE_MODIFIERS for t in toks):
            return
        if self.find_by_name(toks) is None:
            glued = self._known_prefix(list(ent))
            if glued is not None:
                # "Dzulkefly Selangor recorded": a known name glued to a place (a
                # missing comma) is a mention of the known person, not a new one
                glued.mentions.append(Span(start, end, self.text[start:end]))
                return
        role, prefix_title, org = _prefix_role(ps, ent)
        title = title or prefix_title
        if role is None:
            role, org2 = _appositive_role(ent)
            org = org or org2
        self.add_person(name, toks, Span(start, end, self.text[start:end]), title, role, org)

    def add_person(
        self,
        name: str,
        toks: frozenset[str],
        mention: Span,
        title: str | None = None,
        role: str | None = None,
        org: str | None = None,
    ) -> PersonRecord:
        """Add a mention to the person it names (by name words), or start a new person."""
        rec = self.find_by_name(toks)
        if rec is None:
            rec = PersonRecord(name, toks)
            self.records.append(rec)
        elif len(toks) > len(rec.tokens) and rec.tokens <= toks:
            rec.name, rec.tokens = name, toks  # the fullest form of the name wins
        rec.title = rec.title or title
        rec.role = rec.role or role
        rec.org = rec.org or org
        rec.mentions.append(mention)
        return rec

    # ---- lookup ---------------------------------------------------------
    def find_by_name(self, toks: frozenset[str]) -> PersonRecord | None:
        """The person whose name words include ``toks`` (or are included in them): one
        whose words match as written before one that matches only as a spelling variant
        ("Rezaei" is the "Mohammad-Hossein Rezaei" of the lead, not a later "Rezaie"), then
        the fullest name."""
        best: PersonRecord | None = None
        best_key = (False, -1)
        for rec in self.records:
            if _fuzzy_subset(toks, rec.tokens) or _fuzzy_subset(rec.tokens, toks):
                key = (toks <= rec.tokens or rec.tokens <= toks, len(rec.tokens))
                if key > best_key:
                    best, best_key = rec, key
        return best

    def most_recent(self, pos: int, want: Any = None) -> PersonRecord | None:
        """The person mentioned last before ``pos`` that passes ``want`` (salience)."""
        best, best_pos = None, -1
        for rec in self.records:
            p = rec.last_mention_before(pos)
            if p > best_pos and (want is None or want(rec)):
                best, best_pos = rec, p
        return best

    def people(self) -> list[Person]:
        """All people, in order of first mention."""
        recs = sorted(self.records, key=lambda r: min((m.start for m in r.mentions), default=0))
        return [r.to_person() for r in recs]

    # ---- resolution -----------------------------------------------------
    def resolve(self, ps: ParsedSentence, head: Any, core: tuple[int, int], last_speaker: Resolved | None) -> Resolved:
        """Resolve the speaker phrase headed by token ``head`` (core token range ``core``).

        ``last_speaker`` is the speaker of the previous quote in the document: "he
        added" and "the statement added" usually continue it. The rules, in order, are
        the table ``SPEAKER_RULES`` of ``speakers.py``; the result names the rules that
        decided it.
        """
        return resolve_mention(self, ps, head, core, last_speaker)

    def _known_conjunct(self, head: Any) -> Any | None:
        """A coordinated noun of ``head`` that is a known source when ``head`` is not."""
        conjuncts = list(head.conjuncts) if head.pos_ in {"PROPN", "NOUN"} else []
        if not conjuncts or self._is_known_source(head):
            return None
        known = [c for c in conjuncts if c.i > head.i and self._is_known_source(c)]
        return known[-1] if known else None

    def _is_known_source(self, tok: Any) -> bool:
        """A person of the document, a defined acronym, or an organisation word."""
        if tok.text in self._acronyms or tok.lower_ in lex.ORG_HEADS:
            return True
        toks = frozenset(name_tokens(tok.text))
        return bool(toks) and tok.pos_ == "PROPN" and self.find_by_name(toks) is not None

    def _known_prefix(self, content: list[Any]) -> PersonRecord | None:
        """"According to Dzulkefly Selangor recorded": a known person's name glued to the
        next word (a missing comma). The name's first words must name a known person,
        the rest none, and a verb must follow the phrase."""
        words = [t for t in content if t.pos_ == "PROPN"]
        if len(words) < 2 or len(words) != len(content):
            return None
        last = words[-1]
        nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
        if nxt is None or nxt.pos_ not in {"VERB", "AUX"}:
            return None
        for cut in range(len(words) - 1, 0, -1):
            toks = frozenset(name_tokens(" ".join(t.text for t in words[:cut])))
            rest = frozenset(name_tokens(" ".join(t.text for t in words[cut:])))
            rec = self.find_by_name(toks) if toks else None
            if rec is not None and not (rest & rec.tokens) and self.find_by_name(rest) is None:
                return rec
        return None

    def _is_own_name(self, content: list[Any]) -> bool:
        """Whether a phrase is itself a name ("Defense Security Cooperation Agency"):
        two or more capitalised words, not just a modifier ("a Pentagon agency")."""
        caps = [t for t in content if t.text[:1].isupper() and t.lower_ not in lex.ROLE_DROP_WORDS]
        return len(caps) >= 2

    def named_orgs(self) -> list[Span]:
        """Organisations the text names in full: capitalised runs holding an organisation
        head ("Labor Department", "Department of Health") and expanded acronyms."""
        if self._named_orgs is None:
            found: list[Span] = []
            for m in _CAP_RUN.finditer(self.text):
                words = m.group(0).split()
                start = m.start()
                while words and words[0].lower() in _ORG_RUN_LEADS:
                    start = self.text.index(words[1], start + len(words[0])) if len(words) > 1 else start
                    words = words[1:]
                heads = [w for w in words if w.lower() in lex.RESOLVABLE_ORG_HEADS]
                if len(words) < 2 or len(words) > _MAX_ORG_WORDS or not heads:
                    continue
                if any(w.endswith(("'s", "’s")) for w in words):
                    continue
                name = " ".join(words)
                found.append(Span(start, start + len(name), name))
            for full in self._acronyms.values():
                at = self.text.find(full)
                if at >= 0 and not any(o.start == at and o.text == full for o in found):
                    found.append(Span(at, at + len(full), full))
            self._named_orgs = found
        return self._named_orgs

    def named_companies(self) -> list[Span]:
        """Businesses the text names: organisation entities and capitalised runs that end in
        a business word ("Acme Motors", "Kestrel Holdings")."""
        found = [o for o in self.orgs if o.text.lower().split()[-1:] != ["the"]]
        for m in _CAP_RUN.finditer(self.text):
            words = m.group(0).split()
            while words and words[0].lower() in _ORG_RUN_LEADS:
                words = words[1:]
            if 2 <= len(words) <= _MAX_ORG_WORDS and words[-1].lower().strip(".") in lex.BODY_NAME_ENDINGS:
                name = " ".join(words)
                start = m.start() + m.group(0).index(name) if name in m.group(0) else m.start()
                found.append(Span(start, start + len(name), name))
        return found

    def nearest_body_before(self, pos: int) -> str | None:
        """The organisation or business named last before ``pos``."""
        before = [o for o in [*self.named_orgs(), *self.named_companies()] if o.end <= pos]
        return _clean_org(max(before, key=lambda o: o.start).text) if before else None

    def _nearest_named_org(self, head: str | None, words: set[str], pos: int) -> str | None:
        """The named organisation a description at ``pos`` refers to.

        With a head ("agency"): a named body with that head word, best one sharing
        another word ("customs administration"), nearest first, earlier before later;
        else a body defined with an acronym. Without a head: the nearest named body.
        """
        orgs = [o for o in self.named_orgs() if not (o.start <= pos < o.end)]

        def distance(o: Span) -> tuple[int, int]:
            return (0, pos - o.start) if o.start < pos else (1, o.start - pos)

        if head is not None:
            same_head = [o for o in orgs if head in o.text.lower().split()]
            shared = [o for o in same_head if (words - {head}) & set(o.text.lower().split())]
            pool = shared or same_head
            if not pool:
                kin = next((k for k in lex.ORG_HEAD_KINDS if head in k), frozenset())
                pool = [o for o in orgs if _org_head(o.text) in kin]
            if not pool and head in lex.COMPANY_HEADS:
                # "Net profit at Acme Motors rose ..., the company said": a company's name
                # rarely holds the word "company"; the nearest business named before it
                pool = [o for o in self.named_companies() if o.start < pos]
        else:
            pool = orgs
        if not pool:
            return None
        return _clean_org(min(pool, key=distance).text)

    def _issuer_by_topic(self, head: Any, pos: int) -> str | None:
        """"China's customs data" -> the named body with that topic word in its name
        ("General Administration of Customs"); a possessor country is not the source."""
        topics = {
            c.lower_ for c in head.children
            if c.dep_ in {"compound", "amod"} and c.pos_ in {"NOUN", "ADJ"} and c.text.islower()
        } - lex.OFFICIAL_DOCUMENT_MODIFIERS
        if not topics:
            return None
        hits = [o for o in self.named_orgs() if topics & set(o.text.lower().split()) and not (o.start <= pos < o.end)]
        if not hits:
            return None
        return min(hits, key=lambda o: abs(o.start - pos)).text

    def _issuer_named_before(self, noun: str, pos: int) -> str | None:
        """"the report" after "a report by the X Institute (XI) found": the issuer named
        with the latest earlier mention of that kind of document."""
        if noun not in lex.ISSUED_DOCUMENT_NOUNS:
            return None
        issuer: str | None = None
        for m in _ISSUED_BY.finditer(self.text, 0, pos):
            if normalize_word(m.group("noun")) == noun or m.group("noun").lower() == noun:
                issuer = m.group("org")
        if issuer is None:
            return None
        issuer = re.sub(r"^(?:the|The)\s+", "", issuer)
        return self._acronyms.get(issuer, issuer)

    def _person_in(self, ps: ParsedSentence, head: Any, core: tuple[int, int]) -> PersonRecord | None:
        """A known person named by a PERSON entity in the phrase or an apposition of it."""
        spans = [core]
        for child in head.children:
            if child.dep_ == "appos":
                spans.append((child.left_edge.i, child.right_edge.i + 1))
        for lo, hi in spans:
            for ent in ps.doc.ents:
                if ent.label_ == "PERSON" and ent.start >= lo and ent.end <= hi and not _of_a_role(ent):
                    toks = frozenset(name_tokens(ent.text))
                    rec = self.find_by_name(toks) if toks else None
                    if rec is not None:
                        return rec
        return None

    def _plain(self, content: list[Any]) -> str:
        """Source text without determiners and possessive endings ("Saudi's ministry" -> "Saudi ministry")."""
        if not content:
            return ""
        out = ""
        previous = None
        for t in content:
            word = _POSSESSIVE.sub("", t.text) if t.text not in {"'s", "’s"} else ""
            if not word:
                continue
            if out:
                # words as printed: "state-run", not "state - run"
                glued = previous is not None and t.i == previous.i + 1 and not previous.whitespace_
                out += "" if glued else " "
            out += word
            previous = t
        # "Food Corporation of India (FCI": the name, without the acronym it defines
        return _TRAILING_ACRONYM.sub("", out).strip(" ,-")

    def _expand_acronym(self, content_low: list[str], content: list[Any]) -> str | None:
        """Full name of an acronym speaker ("the EDA" -> "European Defence Agency")."""
        if len(content) != 1 or not content[0].text.isupper() or len(content[0].text) < 2:
            return None
        acr = content[0].text
        if acr in self._acronyms:
            return self._acronyms[acr]
        return find_acronym_expansion(self.text, acr)

    def _by_role(self, content_low: list[str], head: str, pos: int, last_person: Resolved | None) -> PersonRecord | None:
        """The person a role phrase like "the defense minister" refers to.

        Best: the most recent person whose role has all the phrase's role words;
        then one whose role has the head word ("the Union minister" -> a Defence
        Minister); then the current speaker when nothing else is known about their role.
        """
        role_words = [w for w in content_low if w in lex.ROLE_HEADS or w in lex.ROLE_MODIFIERS or w == head]

        def words_of(rec: PersonRecord) -> set[str]:
            return {normalize_word(w) for w in f"{rec.role or ''} {rec.title or ''}".split()}

        def strong(rec: PersonRecord) -> bool:
            if head == "official":
                return rec.role is not None or rec.title is not None
            have = words_of(rec)
            if head in lex.MILITARY_TITLE_WORDS and rec.title and head in rec.title.lower():
                return True
            return bool(role_words) and all(w in have or _spelling_variant(w) in have for w in role_words)

        def weak(rec: PersonRecord) -> bool:
            return head in words_of(rec)

        domain = {w for w in role_words if w not in lex.ROLE_HEADS and w != head}

        def kin(rec: PersonRecord) -> bool:
            # "the defense chief" for a Defense Minister: two leader roles of one domain
            have = words_of(rec) | {normalize_word(w) for w in (rec.org or "").split()}
            if head not in lex.LEADER_HEADS or not (have & lex.LEADER_HEADS):
                return False
            return not domain or bool({w for w in domain} & (have | {_spelling_variant(w) for w in have}))

        for test in (strong, weak, kin):
            rec = self.most_recent(pos, test) or self.most_recent(len(self.text) + 1, test)
            if rec is not None:
                return rec
        if last_person is not None and last_person.person is not None and last_person.person.role is None:
            return last_person.person
        return None

    def sole_person_without_role(self, head: str) -> PersonRecord | None:
        """The one person a report names, when a leader's role quoted first ("the defence
        minister said ...") is held by nobody named and nothing is known of that person's
        role: a lead that gives the role and names the person only after it."""
        if head not in lex.LEADER_HEADS or head in lex.UNNAMED_LEADER_HEADS or len(self.records) != 1:
            return None
        only = self.records[0]
        return only if only.role is None else None

    def _org_with_head(self, head: str, pos: int) -> str | None:
        """The latest ORG entity before ``pos`` that contains the head word ("Ministry");
        else the first one after it (a report may name the body only further down)."""
        named = [o for o in self.orgs if head in o.text.lower().split() and len(o.text.split()) > 1]
        before = [o for o in named if o.start < pos]
        after = [o for o in named if o.start > pos]
        best = max(before, key=lambda o: o.start) if before else min(after, key=lambda o: o.start) if after else None
        if best is None:
            return None
        return re.sub(r"^(?:the|The)\s+", "", _clean_org(best.text))


# Words a capitalised run may open with that are not part of an organisation's name.
_ORG_RUN_LEADS = frozenset({"the", "according", "in", "on", "at", "but", "and", "a", "an", "as", "by", "from", "said"})
# Longest organisation name read from a capitalised run (longer runs are headlines).
_MAX_ORG_WORDS = 7


# "a report by the Stockholm ... Institute", "a study from SIPRI": a document and its issuer.
_ISSUED_BY = re.compile(
    r"\b(?P<noun>[a-z]+)\s+(?:by|from|of|released by|published by)\s+"
    r"(?P<org>(?:the\s+)?[A-Z][\w&-]*(?:\s+(?:(?:of|for|and|on|&)\s+)?[A-Z][\w&-]*)*)"
)


def _org_head(name: str) -> str:
    """The organisation word of a name: its last word, or the word before "of"
    ("Department of Health" -> "department")."""
    words = name.lower().split()
    if "of" in words and words.index("of") > 0:
        return words[words.index("of") - 1]
    return words[-1] if words else ""


def _is_official_document(head: Any) -> bool:
    """"official figures released Wednesday", "the latest data": a document that an
    institution issued, not an opinion piece."""
    mods = {c.lower_ for c in head.children if c.dep_ in {"amod", "compound", "acl", "nmod"}}
    return bool(mods & lex.OFFICIAL_DOCUMENT_MODIFIERS)


def _is_possessor(tok: Any) -> bool:
    """"SIPRI" in "SIPRI's researchers" (parsed as poss, or nmod with a case marker)."""
    return tok.dep_ == "poss" or (tok.dep_ == "nmod" and any(c.dep_ == "case" for c in tok.children))


def _clean_org(text: str) -> str:
    """An ORG entity's text without an unbalanced bracket ("Department of Health (DOH")."""
    if text.count("(") != text.count(")"):
        text = text.split("(")[0]
    return text.strip(" ,")


def _whole_name(ent: Any) -> Any:
    """A person's name the recognizer cut short ("Siti Nurhaliza" of "Minister Siti
    Nurhaliza Prasetyo said"): the parse still chains the words as compounds of the last
    one, so the name runs on over the capitalised words its last word is a compound of."""
    doc, end = ent.doc, ent.end
    while end < len(doc):
        if (
            doc[end - 1].dep_ == "compound"
            and doc[end - 1].head.i == end
            and doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and doc[end].ent_type_ in ("", "PERSON", "ORG")
            and normalize_word(doc[end].text) not in lex.ROLE_HEADS
        ):
            end += 1
        elif _particles_then_name(doc, end) > end:
            # "Prince Abdulaziz | bin Salman", "Ursula von der | Leyen": the recognizer
            # often breaks a name at its lowercase particles
            end = _particles_then_name(doc, end)
        else:
            break
    return ent if end == ent.end else TokenSpan(doc, ent.start, end, label="PERSON")


# Lowercase particles inside a name, as printed ("bin", "von", "al").
_NAME_PARTICLES = frozenset(names_lex.GLUED_PARTICLES | (names_lex.ARTICLES - names_lex.HYPHEN_ONLY_ARTICLES))


def _particles_then_name(doc: Any, end: int) -> int:
    """The end of a name that runs on at token ``end`` over lowercase particles to a
    capitalised name word ("... bin Salman", "... van der Linden"); ``end`` when it does not."""
    j = end
    while j < len(doc) and doc[j].text in _NAME_PARTICLES:
        j += 1
    ran_on = j > end or doc[end - 1].text in _NAME_PARTICLES
    if ran_on and j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        if normalize_word(doc[j].text) not in lex.ROLE_HEADS:
            return j + 1
    return end


def _of_a_role(ent: Any) -> bool:
    """"the chief executive of operator Minera Sur": a name after "of" a role is where the
    role is held (a body the recognizer took for a person), not who holds it."""
    of = ent.root.head
    if of.lower_ != "of" or ent.root.dep_ != "pobj":
        return False
    return normalize_word(of.head.text) in lex.ROLE_HEADS


def _fuzzy_subset(small: frozenset[str], big: frozenset[str]) -> bool:
    """Every word of ``small`` is in ``big``, allowing transliteration variants ("Galant"/"Gallant")."""
    if not small:
        return False
    if small <= big:
        return True
    for w in small:
        if w in big:
            continue
        if len(w) < 4 or not any(len(b) >= 4 and jellyfish.jaro_winkler_similarity(w, b) >= _NAME_SIMILARITY for b in big):
            return False
    return True


def _spelling_variant(word: str) -> str:
    """British/American spelling twin ("defence" <-> "defense")."""
    if word.endswith("ence"):
        return word[:-4] + "ense"
    if word.endswith("ense"):
        return word[:-4] + "ence"
    return word


def _core_range(head: Any) -> tuple[int, int]:
    """Token range of a noun phrase without clauses, appositions or adverbials.

    Only noun-phrase dependents are kept ("the Iranian defense minister",
    "spokesman of the ministry"); a parse that hangs "Last year" or "In a
    factsheet, ..." on the subject does not leak into the speaker.
    """
    keep = {head.i}
    for child in head.children:
        if child.dep_ in _NP_DEPS or (child.dep_ == "prep" and child.i > head.i and child.lower_ in _NP_PREPS):
            keep.update(t.i for t in child.subtree)
    # dates the parser hung on the subject ("Last year SIPRI said") are not the speaker
    keep = {i for i in keep if i == head.i or head.doc[i].ent_type_ not in {"DATE", "TIME"}}
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    # "Last year SIPRI", "Monday the ministry": time words before the name are not it
    # (sentences without entities get no DATE label, so this is by word list)
    while lo < head.i and (head.doc[lo].lower_ in lex.TIME_WORDS or head.doc[lo].like_num):
        lo += 1
    # "China 's" as a phrase end: the clitic is not part of the name
    while hi > head.i and head.doc[hi].text in lex.POSSESSIVE_CLITICS:
        hi -= 1
    return lo, hi + 1


_NP_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "case", "flat", "quantmod", "predet", "nn"})
_NP_PREPS = frozenset({"of", "for", "at", "from"})


def core_range(head: Any) -> tuple[int, int]:
    """Public wrapper: the token range of a speaker phrase, without clauses added to it."""
    return _core_range(head)


def _trailing_title(words: list[str]) -> tuple[str | None, int]:
    """A title at the end of ``words`` ("... Commander Brigadier General") and its length."""
    norm = [normalize_word(w) for w in words]
    for t in _TITLES_LONGEST_FIRST:
        if len(norm) > len(t) - 1 and len(norm) >= len(t) and tuple(norm[-len(t):]) == t:
            key = " ".join(t)
            if key in lex.COURTESY_TITLES:
                return None, len(t)
            return lex.TITLE_CANONICAL.get(key, " ".join(x.capitalize() for x in t)), len(t)
    return None, 0


def _intro_pattern() -> re.Pattern[str]:
    heads = sorted({*lex.ROLE_HEADS, *(t for t in lex.TITLES if " " not in t)}, key=len, reverse=True)
    head_alt = "|".join(re.escape(h) for h in heads)
    cap = r"[A-Z][\w'’.-]*"
    return re.compile(
        rf"(?P<role>(?:{cap}\s+){{0,5}}(?i:{head_alt})\.?(?:\s+(?:{cap}))*?)\s+"
        rf"(?P<name>{cap}(?:\s+{cap}){{1,4}})"
    )


_INTRO_RE = _intro_pattern()
# Capitalised words that end a name run ("X Said", "X On").
_NAME_STOP = frozenset({"said", "says", "told", "on", "in", "the", "at", "and", "of", "for", "who", "has", "was"})


def _prefix_role(ps: ParsedSentence, ent: Any) -> tuple[str | None, str | None, str | None]:
    """Role, title and organisation written right before a name.

    "Iranian Defense Minister Brigadier General X" -> ("Defense Minister",
    "Brigadier General", "Iranian"). Capitalised words and lower-case role words are
    read backwards from the name; a title at the end of that run is the rank.
    """
    doc = ps.doc
    i = ent.start - 1
    run: list[Any] = []
    while i >= 0:
        tok = doc[i]
        w = normalize_word(tok.text)
        if tok.text[:1].isupper() or w in lex.ROLE_HEADS or w in lex.ROLE_MODIFIERS or (
            w in lex.ROLE_CONNECTORS and run and i > 0 and doc[i - 1].text[:1].isupper()
        ):
            if tok.ent_type_ in {"DATE", "TIME", "CARDINAL"} or (i == 0 and w in {"on", "in", "the"}):
                break
            run.insert(0, tok)
            i -= 1
            continue
        break
    while run and normalize_word(run[0].text) in lex.ROLE_CONNECTORS | lex.ROLE_DROP_WORDS:
        run.pop(0)
    if not run:
        return None, None, None
    words = [t.text for t in run]
    # a title directly before the name ("... Commander Brigadier General X")
    title: str | None = None
    norm = [normalize_word(w) for w in words]
    for t in _TITLES_LONGEST_FIRST:
        if len(norm) >= len(t) and tuple(norm[-len(t):]) == t:
            key = " ".join(t)
            title = None if key in lex.COURTESY_TITLES else lex.TITLE_CANONICAL.get(key, " ".join(x.capitalize() for x in t))
            words, run = words[: -len(t)], run[: -len(t)]
            break
    org_words: list[str] = []
    while run and (run[0].ent_type_ in {"NORP", "GPE", "ORG"} or run[0].text.endswith(("'s", "’s"))) and len(run) > 1:
        org_words.append(_POSSESSIVE.sub("", run[0].text))
        run = run[1:]
    role_words = [t.text for t in run]
    role = None
    if role_words and any(normalize_word(w) in lex.ROLE_HEADS for w in role_words):
        role = " ".join(role_words).strip(" ,")
    org = " ".join(org_words) or None
    return role, title, org


def _appositive_role(ent: Any) -> tuple[str | None, str | None]:
    """Role from an apposition: "X, the deputy defense minister," / "X, spokesman for Y"."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.lower_ in lex.ROLE_HEADS | {"spokesman", "spokeswoman"} | lex.ROLE_MODIFIERS:
            words = [t for t in child.subtree if t.dep_ not in {"punct", "relcl"}]
            words = [t for t in words if t.i <= child.i or t.dep_ in {"prep", "pobj", "compound", "det", "amod"}]
            text = " ".join(t.text for t in words if t.lower_ not in lex.ROLE_DROP_WORDS)
            org = None
            for t in child.subtree:
                if t.ent_type_ == "ORG":
                    org = " ".join(x.text for x in child.subtree if x.ent_type_ == "ORG")
                    break
            head_role = " ".join(t.text for t in child.subtree if t.i <= child.i and t.lower_ not in lex.ROLE_DROP_WORDS)
            return (head_role or text).strip(" ,") or None, org
    return None, None


_CAP_RUN = re.compile(r"[A-Z][\w&-]*(?:\s+(?:(?:of|for|and|the|on|de|&)\s+)*[A-Z][\w&-]*)*")


def _initials_match(words: list[str], acr: str) -> bool:
    """Whether ``acr`` abbreviates ``words`` (capitalised initials, with or without "of")."""
    caps = "".join(w[0] for w in words if w[:1].isupper())
    every = "".join(w[0] for w in words).upper()
    target = acr.upper()
    return len(words) > 1 and (caps.upper() == target or every == target)


def find_acronym_expansion(text: str, acr: str) -> str | None:
    """A run of capitalised words in ``text`` that ``acr`` abbreviates ("SIPRI")."""
    for m in _CAP_RUN.finditer(text):
        words = m.group(0).split()
        # try every suffix: "Earlier the Stockholm International ..." has extra words first
        for i in range(len(words)):
            if words[i][:1].isupper() and _initials_match(words[i:], acr):
                return " ".join(words[i:])
    return None


def _acronym_table(text: str) -> dict[str, str]:
    """Acronyms defined in the text: "Baltic Institute for Trade Studies (BITS)"."""
    table: dict[str, str] = {}
    for m in re.finditer(r"\(([A-Z][A-Za-z]{1,9})\)", text):
        before = text[max(0, m.start() - 200) : m.start()].rstrip()
        full = find_acronym_expansion(before, m.group(1))
        if full:
            table[m.group(1)] = full
    return table


def _name_word_set(name: str) -> frozenset[str]:
    return frozenset(t for t in re.split(r"[\s\-\u2010.]+", name.lower()) if t)


def _spelled_twice(a: str, b: str) -> bool:
    """One full name in two spellings ("Mohammad-Hossein Rezaei" / "Mohammad Hossein
    Rezaie"): as many words, each the same or a transliteration variant."""
    wa = [t for t in re.split(r"[\s\-\u2010.]+", a.lower()) if t]
    wb = [t for t in re.split(r"[\s\-\u2010.]+", b.lower()) if t]
    return (
        len(wa) == len(wb) >= 2
        and wa != wb
        and all(x == y or (min(len(x), len(y)) >= 4 and jellyfish.jaro_winkler_similarity(x, y) >= _NAME_SIMILARITY)
                for x, y in zip(wa, wb, strict=True))
    )  # fmt: skip


def _first_spelling(quotes: list[Quote], people: list[Person]) -> dict[str, str]:
    """Each later spelling of a person's full name -> the spelling the document used first."""
    first_seen = {p.name: min((m.start for m in p.mentions), default=0) for p in people}
    for q in quotes:
        if q.speaker and q.speaker not in first_seen:
            first_seen[q.speaker] = q.speaker_start if q.speaker_start is not None else q.start
    order = sorted(first_seen, key=lambda n: (first_seen[n], n))
    canonical: dict[str, str] = {}
    for i, name in enumerate(order):
        earlier = next((e for e in order[:i] if e not in canonical and _spelled_twice(e, name)), None)
        if earlier is not None:
            canonical[name] = earlier
    return canonical


def merge_name_variants(quotes: list[Quote], people: list[Person]) -> tuple[list[Quote], list[Person]]:
    """One person per document under the fullest form of the name: "Reza X" and
    "Mohammad-Reza X" are one person when one name's words are within the other's
    and no other candidate is as close; a full name spelled two ways is one person
    under its first spelling."""
    twins = _first_spelling(quotes, people)
    if twins:
        people = [replace(p, name=twins.get(p.name, p.name)) for p in people]
        quotes = [replace(q, speaker=twins.get(q.speaker, q.speaker)) if q.speaker else q for q in quotes]
    names = sorted({p.name for p in people} | {q.speaker for q in quotes if q.speaker}, key=len, reverse=True)
    fullest: dict[str, str] = {}
    for name in names:
        words = _name_word_set(name)
        supers = [n for n in names if len(n) > len(name) and words <= _name_word_set(n)]
        fullest[name] = supers[0] if len({_name_word_set(n) for n in supers}) == 1 else name
    merged: dict[str, Person] = {}
    for person in people:
        target = fullest.get(person.name, person.name)
        prev = merged.get(target)
        if prev is None:
            merged[target] = replace(person, name=target)
        else:
            merged[target] = replace(
                prev,
                title=prev.title or person.title,
                role=prev.role or person.role,
                org=prev.org or person.org,
                mentions=tuple(sorted(prev.mentions + person.mentions, key=lambda m: m.start)),
            )
    new_quotes = [replace(q, speaker=fullest.get(q.speaker, q.speaker)) if q.speaker else q for q in quotes]
    return new_quotes, list(merged.values())
