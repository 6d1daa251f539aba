"""Who a figure is credited to, as ordered tables of named rules.

``SOURCE_RULES`` finds the quote or attribution a figure belongs to (the first rule that
applies decides): the quote holding it, its own sentence's attribution, a body whose own
figures these are, the paragraph's speaker, the lead's source of a single-source report.
``SOURCE_VETOES`` then drop sources that name no one (an unnamed source, a market
estimate). ``credited_speakers`` afterwards credits a headline figure to the body speaker
of the same figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ...lexicon.claims import (
    DESCRIBED_SOURCE_WORDS,
    LEAD_SENTENCES,
    MARKET_FIGURE_BEFORE,
    MARKET_PRICED_NOUNS,
    POSSESSOR_SEARCH_ARCS,
    SENTENCE_END,
    TRIM_LEADING,
    VAGUE_SPEAKER_WORDS,
)
from ...lexicon.speech import ORG_DESCRIPTION_NOUNS, ORG_HEADS, RESOLVABLE_ORG_HEADS
from ...model import Claim, Person, Quantity, Quote, Span
from ..rules import KEEP, Adjustments, FirstMatch, Rule
from .context import ClaimInputs, DocumentFrame, Figure, is_background
from .periods import is_baseline_time

# A rule's outcome "no source" (distinct from "this rule does not apply").
NO_SOURCE = Quote(start=0, end=0, text="", kind="reported")


def _holding_quote(f: Figure) -> Quote | None:
    return _quote_for(f.inp, f.q)


def _own_sentence(f: Figure) -> Quote | None:
    return _attribution_in_sentence(f.inp, f.sentence, f.q)


def _background_is_the_outlets(f: Figure) -> Quote | None:
    """An unattributed figure for an earlier period than the report's is the outlet's
    background ("In 2022, trade grew..."): no source, and from here on the lead's source
    is silent."""
    stated = [t for t in f.candidates if not is_baseline_time(f.text, t)]
    if not is_background(stated, f.frame.report_period):
        return None
    f.frame.lead_source = None
    return NO_SOURCE


def _possessor(f: Figure) -> Quote | None:
    return _possessor_source(f.inp, f.frame, f.tokens)


def _earlier_in_paragraph(f: Figure) -> Quote | None:
    return _attribution_earlier_in_paragraph(f.inp, f.q)


def _lead_source_of_report(f: Figure) -> Quote | None:
    return f.frame.lead_source


SOURCE_RULES: FirstMatch[Figure, Quote] = FirstMatch(
    "source",
    "speaker",
    [
        Rule("source.holding_quote", "the innermost quote or reported speech holding the figure", _holding_quote),
        Rule("source.own_sentence", "the attribution of the figure's sentence ('..., the agency said')", _own_sentence),
        Rule("source.background_is_the_outlets", "an unattributed figure before the report's period", _background_is_the_outlets),
        Rule("source.possessor", "a body's own figures ('the carmaker's net income') when it speaks", _possessor),
        Rule("source.earlier_in_paragraph", "the paragraph's speaker keeps the floor", _earlier_in_paragraph),
        Rule("source.lead_source", "the lead's body of a single-source data report", _lead_source_of_report),
    ],
    doc="the quote or attribution a figure is credited to",
)


def _unnamed_source(f: Figure, current: Quote | None) -> Quote | None:
    # attributed to an unnamed source: no speaker, and no fallback either
    return None if current is not None and is_vague_speaker(current.speaker) else KEEP


def _market_figure(f: Figure, current: Quote | None) -> Quote | None:
    # "above the market estimate of 3.1%": the market's figure, no one's statement
    return None if MARKET_FIGURE_BEFORE.search(f.text[max(0, f.q.start - 50) : f.q.start]) else KEEP


SOURCE_VETOES: Adjustments[Figure, Quote] = Adjustments(
    "source_veto",
    "speaker",
    [
        Rule("source_veto.unnamed_source", "an unnamed source ('analysts', 'documents') names no one", _unnamed_source),
        Rule("source_veto.market_figure", "a market estimate is no one's statement", _market_figure),
    ],
    doc="sources that name no one",
)


def source_of(f: Figure) -> Quote | None:
    """The quote or attribution a figure is credited to (see the module docstring)."""
    found = SOURCE_RULES.decide(f, f.trace)
    quote = None if found is NO_SOURCE else found
    return SOURCE_VETOES.revise(f, quote, f.trace)


def _possessor_source(inp: ClaimInputs, frame: DocumentFrame, tokens: list[Any]) -> Quote | None:
    """A body's own figures ("the carmaker's net income quadrupled", "Apple's revenue"):
    credited to that body when it speaks in the report; a bare description ("the
    company's") is the first body that spoke. What a market prices ("the carmaker's
    shares") is no one's statement."""
    if not tokens:
        return None
    # a company kept as a speaking name ("Zenko Motor Corp", "Zeta") is still a body
    bodies = [x for x in inp.attribution_index.items if _is_body(inp, frame, x.speaker or "")]
    if not bodies:
        return None
    node = tokens[0]
    for _ in range(POSSESSOR_SEARCH_ARCS):
        # the owner of the node itself, or of the subject of the verb it hangs on
        near = [*node.children, *(g for c in node.children if c.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        owner = next((c for c in near if c.dep_ == "poss"), None)
        if owner is not None:
            if owner.head.lower_ in MARKET_PRICED_NOUNS:
                return NO_SOURCE  # "the carmaker's shares": the market's figure
            if owner.lower_ in ORG_DESCRIPTION_NOUNS | RESOLVABLE_ORG_HEADS:
                return min(bodies, key=lambda x: x.cue_start)  # type: ignore[arg-type,return-value]
            if owner.pos_ == "PROPN":
                named = [x for x in bodies if owner.text in (x.speaker or "").split()]
                return min(named, key=lambda x: x.cue_start) if named else None  # type: ignore[arg-type,return-value]
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _is_body(inp: ClaimInputs, frame: DocumentFrame, speaker: str) -> bool:
    """A speaker that is an organisation: no person of the report, an institution by its
    head word, or a name the recognizer tagged as an organisation."""
    return speaker not in frame.person_names or _is_institution(speaker) or speaker in inp.organisation_names


def _quote_for(inp: ClaimInputs, q: Quantity) -> Quote | None:
    """The innermost quote or attribution whose content holds the quantity; a body's act
    only when no speech holds it ("the bank cut rates to 4%, the governor said": the
    governor's)."""
    holding = [x for x in inp.quote_index.containing(q.start) if q.end <= x.end]
    if not holding:
        return None
    speech = [x for x in holding if x.kind != "act"]
    holding = speech or holding
    return min(holding, key=lambda x: x.end - x.start)


def _attribution_in_sentence(inp: ClaimInputs, sentence: Span, q: Quantity) -> Quote | None:
    """For a figure outside every quote: the attribution of its own sentence ("..., the
    agency said"), the one whose cue is nearest the figure."""
    same = inp.attributions_cued_in(sentence.start, sentence.end)
    return min(same, key=lambda x: abs((x.cue_start or 0) - q.start)) if same else None


def _attribution_earlier_in_paragraph(inp: ClaimInputs, q: Quantity) -> Quote | None:
    """The latest attribution earlier in the figure's paragraph: a speaker keeps the floor
    until the paragraph ends."""
    paragraph_start = inp.text.rfind("\n", 0, q.start)
    earlier = inp.attributions_cued_in(paragraph_start + 1, q.start)
    return max(earlier, key=lambda x: x.cue_start or 0) if earlier else None


def lead_sentences(inp: ClaimInputs) -> list[Span]:
    """The lead: the first sentences of the body, after any headline (a line with no
    closing punctuation)."""
    body = [s for s in inp.sentences if s.text.rstrip().endswith(SENTENCE_END)]
    return body[:LEAD_SENTENCES]


def lead_speakers(inp: ClaimInputs, lead: list[Span]) -> set[str]:
    """Speakers of the attributions in the lead sentences: the report's own sources."""
    if not lead:
        return set()
    return {x.speaker for x in inp.quotes if x.speaker and x.cue_start is not None and x.cue_start < lead[-1].end}


def _is_institution(name: str) -> bool:
    """A ministry, agency, company... rather than a person, by its head words."""
    return bool(set(name.lower().replace(",", " ").split()) & ORG_HEADS)


def lead_source(inp: ClaimInputs, lead: list[Span]) -> Quote | None:
    """An institution cited in the lead of a data report ("..., the Bureau of Statistics said")
    is the source of the report's unattributed figures. An article that quotes anyone else
    is not a single-source data report: its unattributed figures stay the outlet's."""
    if not lead:
        return None
    found = None
    for x in sorted(inp.quotes, key=lambda x: x.cue_start if x.cue_start is not None else x.start):
        if x.cue_start is None or x.cue_start >= lead[-1].end:
            break
        if x.speaker and _is_institution(x.speaker):
            found = x
            break
    if found is None:
        return None
    others = {x.speaker for x in inp.quotes if x.speaker and x.speaker != found.speaker}
    if _relays_a_document(found) and found.speaker:
        # "according to new data published by X": the report relays X's document; its own
        # people quoted beside it (X's programme director) do not make it many-voiced
        members = {p.name for p in inp.people if _belongs_to(p, found.speaker)}
        others -= members
    return None if any(not is_vague_speaker(s) and not is_described_source(s) for s in others) else found


def _belongs_to(person: Person, body: str) -> bool:
    """The person's role or organisation names the body, in full or by its initials
    ("Director of the BITS Shipping Programme" for the Baltic Institute for Trade
    Studies)."""
    where = f"{person.role or ''} {person.org or ''}"
    if not where.strip():
        return False
    caps = [w for w in re.findall(r"[\w'’-]+", body) if w[:1].isupper()]
    initials = "".join(w[0] for w in caps)
    return body.lower() in where.lower() or (len(initials) >= 3 and bool(re.search(rf"\b{initials}\b", where)))


# The speaker rules that credit a document's issuer: "according to data published by X".
_DOCUMENT_RULES = frozenset(
    {"speaker.document_issuer", "speaker.document_topic_issuer", "speaker.issued_by", "speaker.official_document"}
)


def _relays_a_document(quote: Quote) -> bool:
    return bool(_DOCUMENT_RULES & set(quote.rules))


def credited_headlines(claims: list[Claim], headline: set[int]) -> list[Claim]:
    """A headline figure credited to a source ("Shipbuilder's order book passes
    $52bn - General Director") that the body restates with a named speaker ("exceeds $52
    billion, director general Ivan Petrov said") is that speaker's claim."""
    out = list(claims)
    for i in sorted(headline):
        c = out[i]
        if c.speaker is not None:
            continue
        same = next(
            (b for b in out[i + 1 :] if b.speaker is not None and (b.kind, b.value, b.value_high, b.unit) == (c.kind, c.value, c.value_high, c.unit)),
            None,
        )
        if same is not None:
            out[i] = replace(c, speaker=same.speaker, speaker_role=same.speaker_role, said_on=same.said_on)
    return out


def is_described_source(speaker: str) -> bool:
    """An unnamed source described by role ("senior government official", "analysts")."""
    words = [w for w in speaker.replace(",", " ").split() if w.lower() not in TRIM_LEADING]
    return bool(words) and words[-1].lower() in DESCRIBED_SOURCE_WORDS and not any(w[0].isupper() for w in words)


def is_vague_speaker(speaker: str | None) -> bool:
    """An unnamed source: a generic head with no proper word before it ("Analysts",
    "budget documents", "the government" but not "Iranian government"), or a phrase
    with a number ("over 800 members of 35 delegations")."""
    if not speaker:
        return False
    words = [w for w in speaker.replace(",", " ").split() if w.lower() not in TRIM_LEADING]
    if not words or any(ch.isdigit() for ch in speaker):
        return True
    head, modifiers = words[-1], words[:-1]
    return head.lower() in VAGUE_SPEAKER_WORDS and not any(w[0].isupper() for w in modifiers)
