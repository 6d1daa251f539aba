"""What a speaker mention refers to, as an ordered table of named rules.

A speaker phrase found by the quotes stage ("he", "the defense minister", "a report by
the X Institute", "Ashtiani") is resolved by the first rule of ``SPEAKER_RULES`` that
applies: a person of the document, a named body, or nobody (``Resolved(None)``: an
unnamed source, or a phrase that names no one). Each rule is a pattern that recurs
across outlets; ``claimwatch eval rules`` lists them and ``claimwatch eval ablation``
measures what each contributes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..lexicon import speech as lex
from ..lexicon.places import is_country
from ..model import Span
from .nlp import ParsedSentence
from .rules import FirstMatch, Rule, Trace

if TYPE_CHECKING:
    from .people import PeopleIndex, PersonRecord, Resolved


@dataclass(frozen=True)
class SpeakerMention:
    """One speaker phrase to resolve, and what the rules read about it."""

    index: PeopleIndex
    ps: ParsedSentence
    head: Any  # the spaCy token heading the phrase
    core: tuple[int, int]  # the phrase's token range
    last_speaker: Resolved | None  # the previous quote's speaker

    @cached_property
    def pos(self) -> int:
        return int(self.ps.span.start + self.head.idx)

    @cached_property
    def tokens(self) -> list[Any]:
        return [self.ps.doc[i] for i in range(self.core[0], self.core[1])]

    @cached_property
    def low(self) -> str:
        return str(self.head.lower_)

    @cached_property
    def last_person(self) -> Resolved | None:
        last = self.last_speaker
        return last if last is not None and last.person is not None else None

    @cached_property
    def content(self) -> list[Any]:
        return [
            t for t in self.tokens
            if t.lower_ not in lex.ROLE_DROP_WORDS and t.text not in ",;" and t.text not in lex.POSSESSIVE_CLITICS
        ]  # fmt: skip

    @cached_property
    def content_low(self) -> list[str]:
        from .people import normalize_word

        return [normalize_word(t.text) for t in self.content]

    @cached_property
    def determiner(self) -> str:
        return str(self.tokens[0].lower_) if self.tokens else ""

    @cached_property
    def proper_toks(self) -> list[Any]:
        return [t for t in self.content if t.pos_ == "PROPN" or t.text[:1].isupper()]

    @cached_property
    def proper(self) -> frozenset[str]:
        from .people import _TITLE_WORDS, normalize_word

        words = frozenset(normalize_word(t.text) for t in self.proper_toks)
        return frozenset(w for w in words if w not in _TITLE_WORDS and w not in lex.ROLE_HEADS)

    def again(self, head: Any) -> Resolved:
        """Resolve another phrase of the same sentence (the issuer of a document...)."""
        from .people import _core_range

        return self.index.resolve(self.ps, head, _core_range(head), self.last_speaker)


def _found(rec: PersonRecord | None) -> Resolved | None:
    from .people import Resolved

    return Resolved(rec.name, rec) if rec is not None else None


def _nobody() -> Resolved:
    from .people import Resolved

    return Resolved(None)


def _named(name: str | None) -> Resolved | None:
    from .people import Resolved

    return Resolved(name) if name else None


# ---- persons named or referred to -------------------------------------------------


def _named_in_apposition(m: SpeakerMention) -> Resolved | None:
    # "the consultancy Marwa Data", "the carmaker Kaminari": the name beside the noun
    if m.head.pos_ != "NOUN":
        return None
    name = next((c for c in m.head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > m.head.i), None)
    return m.again(name) if name is not None else None


def _name_after_description(m: SpeakerMention) -> Resolved | None:
    """"the disaster agency AFAD", "the trade group Veloria Steel": a body's description
    ending in a lower-case kind of body, then its name; the name is the source."""
    words = m.content
    split = len(words)  # where the closing run of capitalised words (the name) starts
    while split > 0 and words[split - 1].text[:1].isupper():
        split -= 1
    # an acronym the tagger took for a common noun is a name too ("the UN children's agency UNICEF")
    if not (m.head.pos_ == "PROPN" or m.head.text.isupper()) or split in (0, len(words)):
        return None
    last = words[split - 1]
    if not last.text.islower() or last.lower_ not in lex.BODY_DESCRIPTION_HEADS:
        return None
    return _named(" ".join(t.text for t in words[split:]))


def _known_conjunct(m: SpeakerMention) -> Resolved | None:
    # "Central Luzon (9,426), ... and the DOH noted": a parse error made a listed place
    # the subject; a coordinated known source next to the verb is the speaker
    better = m.index._known_conjunct(m.head)
    return m.again(better) if better is not None else None


def _named_person(m: SpeakerMention) -> Resolved | None:
    return _found(m.index._person_in(m.ps, m.head, m.core))


def _relative_pronoun(m: SpeakerMention) -> Resolved | None:
    # "a senior official who said ...": the antecedent the relative clause hangs on
    verb = m.head.head
    if m.low in lex.RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.i != verb.i:
        return m.again(verb.head)
    return None


def _he_or_she(m: SpeakerMention) -> Resolved | None:
    if m.low not in lex.PRONOUNS_MALE and m.low not in lex.PRONOUNS_FEMALE:
        return None
    if m.last_person is not None:
        return m.last_person
    return _found(m.index.most_recent(m.pos)) or _nobody()


def _other_pronoun(m: SpeakerMention) -> Resolved | None:
    if m.low not in lex.PRONOUNS_OTHER:
        return None
    if m.low == "it" and (m.last_speaker is None or m.last_speaker.person is not None):
        # "The company now expects ..., it said": "it" is a body, never a person; the
        # body the report named last
        return _named(m.index.nearest_body_before(m.pos)) or _nobody()
    return m.last_speaker if m.last_speaker is not None else _nobody()


def _first_person_possessive(m: SpeakerMention) -> Resolved | None:
    return _nobody() if any(t.lower_ in lex.FIRST_PERSON_POSSESSIVES for t in m.tokens) else None


# ---- words whose source is named with them ---------------------------------------------


def _is_words_noun(m: SpeakerMention) -> bool:
    """A common noun that stands for someone's words or figures ("details", "account",
    "figures"), not for a person or a body: its source is named with it."""
    written = m.head.text
    # an acronym or a capitalised word mid-sentence is a name the tagger took for a noun
    if (len(written) > 1 and written.isupper()) or (written[:1].isupper() and m.head.i > m.head.sent.start):
        return False
    return (
        m.head.pos_ == "NOUN"
        and m.low not in lex.ROLE_HEADS
        and m.low not in lex.ANONYMOUS_HEADS
        and m.low not in lex.ORG_HEADS
        and m.low not in lex.RESOLVABLE_ORG_HEADS
        and m.low not in lex.COLLECTIVE_SPEAKERS
    )


def _issued_by(m: SpeakerMention) -> Resolved | None:
    # "according to details provided by the minister", "figures released by X": X
    if not _is_words_noun(m):
        return None
    for child in m.head.children:
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    obj = next((o for o in agent.children if o.dep_ == "pobj"), None)
                    if obj is not None:
                        return m.again(obj)
    return None


def _owner_of_words(m: SpeakerMention) -> Resolved | None:
    # "according to his account", "the ministry's figures": the owner of the words
    if not _is_words_noun(m) or m.low in lex.DOCUMENT_NOUNS:
        return None
    from .people import _is_possessor

    owner = next((c for c in m.head.children if _is_possessor(c) or (c.dep_ == "poss" and c.pos_ == "PRON")), None)
    return m.again(owner) if owner is not None else None


# ---- documents and their issuers ----------------------------------------------------


def _is_document(m: SpeakerMention) -> bool:
    # "Marwa Hospitality Data" is a name, not a document of Marwa's
    return m.low in lex.DOCUMENT_NOUNS and m.head.pos_ != "PROPN"


def _document_topic_issuer(m: SpeakerMention) -> Resolved | None:
    # "China's customs data" -> the named body with that topic in its name
    return _named(m.index._issuer_by_topic(m.head, m.pos)) if _is_document(m) else None


def _document_issuer_child(m: SpeakerMention) -> Resolved | None:
    """"a statement from X", "data compiled by X", "X's report", "DGHS data": the issuer."""
    if not _is_document(m):
        return None
    from .people import _is_possessor

    for child in m.head.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return m.again(obj)
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    for obj in agent.children:
                        if obj.dep_ == "pobj":
                            return m.again(obj)
        if _is_possessor(child) and child.pos_ in {"PROPN", "NOUN"}:
            return m.again(child)
        if child.dep_ == "compound" and (child.pos_ == "PROPN" or child.text.isupper()):
            return m.again(child)
    return None


def _document_repeats_source(m: SpeakerMention) -> Resolved | None:
    """"the statement", "this report": the previous source, or the issuer named with the
    latest earlier mention of that kind of document."""
    if not _is_document(m) or m.determiner not in {"the", "this", "that", "its", "his", "her", "their"}:
        return None
    if m.last_speaker is not None:
        return m.last_speaker
    return _named(m.index._issuer_named_before(m.low, m.pos))


def _official_document(m: SpeakerMention) -> Resolved | None:
    # "official figures released Wednesday": the body that issues them, named elsewhere
    from .people import _is_official_document

    if not _is_document(m) or not _is_official_document(m.head):
        return None
    return _named(m.index._nearest_named_org(None, set(), m.pos))


def _document_of_the_acting_body(m: SpeakerMention) -> Resolved | None:
    """"The ministry allocated $2m, according to a statement": a statement that names no
    issuer, on a sentence whose subject is a body, is that body's."""
    if not _is_document(m) or m.determiner not in {"a", "an"}:
        return None
    root = m.head.sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i in range(*m.core):
        return None
    is_body = subject.lower_ in lex.ORG_HEADS or subject.ent_type_ == "ORG"
    return m.again(subject) if is_body else None


def _unknown_document(m: SpeakerMention) -> Resolved | None:
    return _nobody() if _is_document(m) else None


# ---- groups, unnamed people, roles ---------------------------------------------------


def _collective_of_body(m: SpeakerMention) -> Resolved | None:
    # "SIPRI's researchers", "the ministry's spokesman" -> the organisation
    if m.low not in lex.COLLECTIVE_SPEAKERS:
        return None
    from .people import _is_possessor

    for child in m.head.children:
        if _is_possessor(child) and child.pos_ == "PROPN":
            return m.again(child)
    return None


def _unnamed_person(m: SpeakerMention) -> Resolved | None:
    """"a senior government official", "officials": a described source that speaks for an
    institution, named by its description; "a soldier", "residents", "one analyst":
    unnamed people, no source to name."""
    unnamed = (m.low in lex.ANONYMOUS_HEADS and not m.proper_toks) or (
        m.determiner in lex.INDEFINITE_WORDS and m.head.pos_ != "PROPN" and m.low not in lex.ORG_HEADS
    )
    if not unnamed:
        return None
    if m.low not in lex.OFFICIAL_SOURCE_HEADS:
        return _nobody()
    from .people import Resolved

    words = [t.text for t in m.tokens if t.lower_ not in lex.INDEFINITE_WORDS and t.lower_ != "the" and not t.is_punct]
    return Resolved(" ".join(words) or None)


def _known_name(m: SpeakerMention) -> Resolved | None:
    # a known person by surname or given name without a PERSON label
    if m.proper and m.head.pos_ == "PROPN":
        return _found(m.index.find_by_name(m.proper))
    return None


def _is_role(m: SpeakerMention) -> bool:
    return m.low in lex.ROLE_HEADS or m.low in lex.MILITARY_TITLE_WORDS


def _role_of_person(m: SpeakerMention) -> Resolved | None:
    # "the defense minister", "the top general": the person with that role
    if not _is_role(m):
        return None
    return _found(m.index._by_role(m.content_low, m.low, m.pos, m.last_person))


def _sole_person_for_role(m: SpeakerMention) -> Resolved | None:
    # "The defence minister said ..." and only "Admiral X" named after: the one person named
    if not _is_role(m):
        return None
    return _found(m.index.sole_person_without_role(m.low))


def _unresolved_role(m: SpeakerMention) -> Resolved | None:
    if _is_role(m) and (m.determiner in {"the", "a", "an"} or not m.proper):
        from .people import Resolved

        return Resolved(m.index._plain(m.content) or m.head.text)
    return None


# ---- organisations --------------------------------------------------------------------


def _acronym(m: SpeakerMention) -> Resolved | None:
    return _named(m.index._expand_acronym(m.content_low, m.content))


def _the_org_named_before(m: SpeakerMention) -> Resolved | None:
    # "the ministry" -> the latest organisation entity with that head word
    if m.low in lex.ORG_HEADS and m.determiner == "the" and len(m.content_low) <= 2:
        found = m.index._org_with_head(m.low, m.pos)
        if found is not None and not _describes(m, found):
            return None  # "the meteorological department" is not the Department of Disaster Management
        return _named(found)
    return None


def _describes(m: SpeakerMention, name: str) -> bool:
    """The description's own lowercase words ("health" of "the health ministry") appear in
    the name, by their stem; words any body may carry ("state", "national") do not count.
    Only a name of the same kind written out in English ("Department of ...") is compared:
    an acronym or a name in another language says nothing either way."""
    words = name.lower().split()
    if m.low not in words:
        return True
    for t in m.content:
        if t.i == m.head.i or not t.text.islower() or t.lower_ in lex.GENERIC_BODY_MODIFIERS:
            continue
        stem = t.lower_[:5]
        if not any(w.startswith(stem) for w in words):
            return False
    return True


def _described_body(m: SpeakerMention) -> Resolved | None:
    # "the state arms procurement agency", "a Pentagon agency": a body the report names
    if m.low in lex.RESOLVABLE_ORG_HEADS and m.head.pos_ != "PROPN" and not m.index._is_own_name(m.content):
        found = m.index._nearest_named_org(m.low, set(m.content_low), m.pos)
        return _named(found) if found is None or _describes(m, found) else None
    return None


def _body_that_spoke_before(m: SpeakerMention) -> Resolved | None:
    """"the company said", "the regulator said", "the agency's report": the body that
    spoke before, one of the same kind ("agency") first."""
    if (
        (m.low in lex.RESOLVABLE_ORG_HEADS or m.low in lex.ORG_DESCRIPTION_NOUNS or m.low in lex.ORG_HEADS)
        and m.determiner == "the"
        and [w for w in m.content_low if w != "the"] == [m.low]
    ):
        earlier = [name for at, name in m.index.org_speakers if at < m.pos]
        same_kind = [name for name in earlier if name.lower().split()[-1] == m.low]
        pick = same_kind or earlier
        return _named(pick[-1]) if pick else None
    return None


def _glued_known_name(m: SpeakerMention) -> Resolved | None:
    # "According to Dzulkefly Selangor recorded": a known name glued to the next word
    return _found(m.index._known_prefix(m.content)) if m.head.pos_ == "PROPN" else None


def _unseen_name(m: SpeakerMention) -> Resolved | None:
    # a name the entity recognizer missed ("Abdulaziz"): a person of its own
    from .people import _TITLE_WORDS, normalize_word

    if not (
        m.head.pos_ == "PROPN"
        and m.head.ent_type_ in {"", "PERSON"}
        and m.proper
        and len(m.tokens) <= 4
        and not any(t.text.isupper() for t in m.proper_toks)
        # "Iran says ...": a country speaks for its state, it is no person
        and not is_country(" ".join(t.text for t in m.content))
    ):
        return None
    name = " ".join(t.text for t in m.content if normalize_word(t.text) not in _TITLE_WORDS)
    first, last = m.tokens[0], m.tokens[-1]
    start, end = m.ps.span.start + first.idx, m.ps.span.start + last.idx + len(last)
    rec = m.index.add_person(name or m.head.text, m.proper, Span(start, end, m.index.text[start:end]))
    return _found(rec)


def _phrase_as_written(m: SpeakerMention) -> Resolved | None:
    from .people import Resolved

    words = [t for t in m.content]
    # "the Reuters news agency": the name, without the kind of body it is
    while len(words) > 1 and words[-1].text.islower() and words[-1].lower_ in lex.OUTLET_DESCRIPTORS and any(
        w.text[:1].isupper() for w in words[:-1]
    ):
        words.pop()
    return Resolved(m.index._plain(words) or None)


SPEAKER_RULES: FirstMatch[SpeakerMention, Resolved] = FirstMatch(
    "speaker",
    "speaker",
    [
        Rule("speaker.known_conjunct", "a known source coordinated with a mis-parsed subject", _known_conjunct),
        Rule("speaker.named_person", "a person named in the phrase or its apposition", _named_person),
        Rule("speaker.named_in_apposition", "'the consultancy Marwa Data': the name beside the noun", _named_in_apposition),
        Rule("speaker.name_after_description", "'the disaster agency AFAD': the name after the description", _name_after_description),
        Rule("speaker.relative_pronoun", "'an official who said': the antecedent", _relative_pronoun),
        Rule("speaker.he_or_she", "he/she: the previous speaker, else the latest person", _he_or_she),
        Rule("speaker.other_pronoun", "they/it/we: the previous speaker", _other_pronoun),
        Rule("speaker.first_person_possessive", "'our sector': no source", _first_person_possessive),
        Rule("speaker.issued_by", "'details provided by X', 'figures released by X': X", _issued_by),
        Rule("speaker.owner_of_words", "'his account', 'the ministry's figures': the owner", _owner_of_words),
        Rule("speaker.document_topic_issuer", "'customs data': the body with that topic", _document_topic_issuer),
        Rule("speaker.document_issuer", "'a report by X', 'data compiled by X', 'X data': X", _document_issuer_child),
        Rule("speaker.document_repeats_source", "'the statement': the previous source", _document_repeats_source),
        Rule("speaker.official_document", "'official figures': the body named nearby", _official_document),
        Rule("speaker.document_of_the_acting_body", "'the ministry allocated $2m, according to a statement': the ministry", _document_of_the_acting_body),
        Rule("speaker.unknown_document", "a document with no issuer: no source", _unknown_document),
        Rule("speaker.collective_of_body", "'SIPRI's researchers': the body", _collective_of_body),
        Rule("speaker.unnamed_person", "'a soldier', 'residents': no source", _unnamed_person),
        Rule("speaker.known_name", "a surname of a person named before", _known_name),
        Rule("speaker.role_of_person", "'the defense minister': the person with that role", _role_of_person),
        Rule("speaker.sole_person_for_role", "a leader's role no one holds: the one person the report names", _sole_person_for_role),
        Rule("speaker.unresolved_role", "a role no named person holds: the role", _unresolved_role),
        Rule("speaker.acronym", "an acronym: its expansion", _acronym),
        Rule("speaker.the_org_named_before", "'the ministry': the organisation named before", _the_org_named_before),
        Rule("speaker.described_body", "'the state arms agency': the body named", _described_body),
        Rule("speaker.body_that_spoke_before", "'the company said': the body that spoke", _body_that_spoke_before),
        Rule("speaker.glued_known_name", "a known name glued to the next word", _glued_known_name),
        Rule("speaker.unseen_name", "a capitalised name the recognizer missed", _unseen_name),
        Rule("speaker.phrase_as_written", "otherwise the phrase itself", _phrase_as_written),
    ],
    doc="what a speaker phrase refers to",
)


def resolve_mention(
    index: PeopleIndex, ps: ParsedSentence, head: Any, core: tuple[int, int], last_speaker: Resolved | None
) -> Resolved:
    trace = Trace()
    found = SPEAKER_RULES.decide(SpeakerMention(index, ps, head, core, last_speaker), trace)
    if found is None:
        return _nobody()
    rules = tuple(rule for _, rule in trace.steps)
    return replace(found, rules=rules + tuple(r for r in found.rules if r not in rules))
