"""Direct quotes, reported speech and their speakers within one document.

Two passes meet here. Quote marks give the *direct* quotes of the whole text
(pairs of “…”, "…", ‘…’; a quote left open at a paragraph end continues when the
next paragraph opens with a quote mark). The dependency parse of the parsed
sentences gives *attributions*: a cue verb from the lexicon with its subject (the
speaker) and its clause (the content), "according to X", and parenthetical cues
("…, the official emphasized"). An attribution whose content or sentence holds a
direct quote names that quote's speaker; the others are reported speech. Quotes
with no cue of their own continue the previous speaker (the news convention for a
quote that runs on in the next paragraph). ``people.PeopleIndex`` resolves each
speaker mention (pronoun, surname, role, organisation) to a person of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..lexicon import speech as lex
from ..model import Person, Quote, Span
from ..spans import SortedSpans
from .budget import check_budget
from .nlp import ParsedSentence
from .people import PeopleIndex, Resolved, core_range
from .rules import FirstMatch, Rule

_CUE_RE = re.compile(
    r"(?:" + "|".join(re.escape(s) for s in sorted(lex.CUE_STEMS, key=len, reverse=True)) + r")",
    re.IGNORECASE,
)
_CUE_AT_WORD = re.compile(r"\b" + _CUE_RE.pattern, re.IGNORECASE)
_QUOTE_CHARS = re.compile("[\u201c\u201d\u00ab\u00bb\"]|(?:^|\\s)\u2018")
_PARA_BREAK = re.compile(r"\n")
_LEAD_TRIM = re.compile(r"^(?:that\b|[\s,;:\-\u2014\u2013\"\u201c\u201d\u2018\u2019'])+", re.IGNORECASE)
_TRAIL_TRIM = re.compile(r"[\s,;:\-\u2014\u2013\"\u201c\u201d\u2018\u2019'.]+$")
# Dependency labels under which a cue verb's clause is the reported content.
_CONTENT_DEPS = frozenset({"ccomp"})
# Gap (characters) over which a quote with no cue continues the previous speaker.
_CONTINUATION_GAP = 400


def is_speech_candidate(sentence_text: str) -> bool:
    """Cheap test: may this sentence hold a quote or an attribution?"""
    return bool(_QUOTE_CHARS.search(sentence_text) or _CUE_AT_WORD.search(sentence_text))


@dataclass
class _Direct:
    start: int  # content, inside the marks
    end: int
    open_at: int
    close_at: int  # index after the closing mark (== end when unclosed)
    attribution: _Attribution | None = None
    absorbed: bool = False


@dataclass
class _Attribution:
    ps: ParsedSentence
    cue_start: int
    cue_end: int
    cue: str
    speaker_head: Any | None  # spaCy token heading the speaker phrase
    passive_it: bool
    content: tuple[int, int] | None  # stored-text offsets, trimmed
    act: bool = False  # a body's own act stating a figure, not speech
    spoken: bool = False  # an act made by speaking (an expectation, a directive, a promise)


# ---------------------------------------------------------------- direct quotes
def find_direct_quotes(text: str) -> list[tuple[int, int]]:
    """Content spans (inside the quote marks) of the top-level direct quotes in ``text``."""
    return [(d.start, d.end) for d in _direct_quotes(text)]


def _direct_quotes(text: str) -> list[_Direct]:
    found: list[_Direct] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\u201c\u00ab" or (ch == '"' and _opens_straight(text, i)) or (ch == "\u2018" and _opens_single(text, i)):
            close = "\u201d" if ch == "\u201c" else lex.QUOTE_PAIRS[ch]
            d = _scan_quote(text, i, close)
            if d is not None:
                found.append(d)
                i = d.close_at
                continue
        i += 1
    return found


def _opens_straight(text: str, i: int) -> bool:
    """A straight double quote opens when it is not glued to the word before it."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,;:!?%")


def _opens_single(text: str, i: int) -> bool:
    return (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and text[i + 1].isalnum()


def _scan_quote(text: str, open_at: int, close: str) -> _Direct | None:
    """Find the end of the quote opened at ``open_at`` (across paragraphs when reopened)."""
    opener = text[open_at]
    j = open_at + 1
    n = len(text)
    while j < n:
        c = text[j]
        if c == close and (close != "\u2019" or j + 1 >= n or not text[j + 1].isalpha()):
            if close == '"' and j + 1 < n and text[j + 1].isalnum():
                j += 1  # a straight quote glued to a word opens a nested quote; keep going
                continue
            return _Direct(open_at + 1, j, open_at, j + 1)
        if c == "\n":
            # paragraph end inside a quote: it continues if the next paragraph reopens it
            k = j
            while k < n and text[k].isspace():
                k += 1
            if k < n and text[k] == opener and opener in "\u201c\"":
                j = k + 1
                continue
            end = j
            return _Direct(open_at + 1, end, open_at, end) if end - open_at > 1 else None
        j += 1
    return _Direct(open_at + 1, n, open_at, n) if n - open_at > 1 else None


# ----------------------------------------------------------------- attributions
def _attributions(ps: ParsedSentence, inside_quote: Any, text: str = "", with_acts: bool = False) -> list[_Attribution]:
    """Cue verbs and "according to" phrases of one parsed sentence, with speaker and content."""
    found: list[_Attribution] = []
    base = ps.span.start
    for tok in ps.doc:
        if inside_quote(base + tok.idx):
            continue
        if (tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children)) or _based_on_a_document(tok):
            att = _according_to(ps, tok)
            if att is not None:
                found.append(att)
            continue
        if tok.lemma_.lower() in lex.RELAY_VERBS:
            relayed = _quoted_as_saying(ps, tok)
            if relayed is not None:
                found.append(relayed)
            continue
        if not _is_cue_verb(tok):
            act = _act_of(ps, tok) if with_acts else None
            if act is not None:
                found.append(act)
            continue
        speaker, passive_it = _speaker_of(tok)
        if speaker is None or not _is_named_source(speaker):
            speaker = _name_before_cue(tok) or speaker
        speaker = _cited_source(tok, speaker) or speaker
        if speaker is not None and inside_quote(base + speaker.idx):
            speaker = None  # "our sector" inside the quoted words is not the source
        content = _content_of(ps, tok)
        if content is None and ps.span.text.rstrip().endswith(":"):
            content = list_after(text, ps.span.end)  # "X told parliament:" and a list
        # a directive's infinitive ("urged members to raise spending to 2 percent")
        # credits its figures to the speaker but is no quote
        directive = content is None and with_acts and _directive_content(ps, tok)
        if directive:
            content = directive
        if speaker is None and not passive_it:
            continue
        if tok.lemma_.lower() in lex.SOURCE_ONLY_VERBS and not _source_like(speaker):
            continue
        if content is None and tok.lemma_ in lex.WEAK_SPEECH_VERBS:
            continue
        # an expectation credits its figures to a named subject but is no quote
        expectation = tok.lemma_ in lex.NAMED_SUBJECT_VERBS
        if expectation and (not with_acts or speaker is None or speaker.pos_ != "PROPN"):
            continue
        cue_end = tok.idx + len(tok)
        for c in tok.children:
            if c.dep_ == "prt" and c.i == tok.i + 1:
                cue_end = c.idx + len(c)
        found.append(
            _Attribution(
                ps, base + tok.idx, base + cue_end, ps.span.text[tok.idx:cue_end], speaker, passive_it, content,
                act=expectation or bool(directive), spoken=expectation or bool(directive),
            )
        )
    return found


def _directive_content(ps: ParsedSentence, verb: Any) -> tuple[int, int] | None:
    """The infinitive after a directive's addressee ("invited investors to double trade")
    or of a commitment ("pledged to cut emissions by 40 percent")."""
    if verb.lemma_.lower() not in lex.DIRECTIVE_VERBS | lex.COMMITMENT_VERBS:
        return None
    for c in verb.children:
        if c.dep_ == "xcomp" and c.i > verb.i:
            return _trimmed(ps, [t.i for t in c.subtree])
    return None


def _act_of(ps: ParsedSentence, verb: Any) -> _Attribution | None:
    """A named or described body's own act with a figure in its object ("the central bank
    raised its key rate by 50 basis points"): the figure is the body's. A country ("Peru
    sold...") or a person acts without stating anything, so neither counts."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.ACT_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not _is_body(subject) or not any(c.dep_ == "dobj" for c in verb.children):
        return None
    # the content runs to the last complement with a number: "by 50 basis points to 5%",
    # not the "on Tuesday" or "according to X" that may follow it
    with_number = [c for c in verb.children if c.i > verb.i and any(t.like_num for t in c.subtree)]
    if not with_number:
        return None
    last = max(t.i for t in with_number[-1].subtree)
    after = list(range(verb.i + 1, last + 1))
    base = ps.span.start
    return _Attribution(ps, base + verb.idx, base + verb.idx + len(verb), verb.text, subject, False, _trimmed(ps, after), act=True)


def _is_body(tok: Any) -> bool:
    """An organisation by the recognizer's tag or by its head noun; not a place or people."""
    if tok.ent_type_ in {"GPE", "NORP", "PERSON", "LOC"}:
        return False
    return tok.ent_type_ == "ORG" or tok.lower_ in lex.ORG_HEADS


def _revises_a_forecast(tok: Any) -> bool:
    """"The fund cut its growth forecast to 3.1%": the verb revises the subject's own forecast."""
    return tok.lemma_.lower() in lex.FORECAST_REVISION_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.FORECAST_NOUNS for c in tok.children
    )


def _is_cue_verb(tok: Any) -> bool:
    if not (tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")):
        return False
    if _revises_a_forecast(tok):
        return True
    if tok.lemma_.lower() not in lex.SPEECH_VERBS:
        return False
    if tok.lemma_.lower() in lex.NOT_SPEECH_WITH_OBJECT and any(c.dep_ == "dobj" for c in tok.children):
        return False
    need = lex.SPEECH_VERB_PARTICLES.get(tok.lemma_.lower())
    if need is not None:
        return any(c.lower_ in need for c in tok.children)
    return True


def _speaker_of(verb: Any) -> tuple[Any | None, bool]:
    """Subject of a cue verb (through conjunction and "saying" clauses); flag passive "it".

    Of two subjects (a parse that split "Deputy CEO of the company Ivan Petrov said"),
    the one nearest the verb is the speaker. A relative pronoun ("an official who said")
    is the speaker mention; the speaker rules resolve it to its antecedent."""
    v = verb
    for _ in range(3):
        subjects = [c for c in v.children if c.dep_ == "nsubj"]
        if subjects:
            subject = max(subjects, key=lambda c: c.i) if all(c.i < v.i for c in subjects) else subjects[0]
            return subject, False
        for c in v.children:
            if c.dep_ == "nsubjpass":
                if c.lower_ == "it":
                    agent = _agent(v)
                    return agent, agent is None
                return None, False
        agent = _agent(v)
        if agent is not None:
            return agent, False
        if _trailing_cue_as_relative(v):
            return v.head, False
        before = _apposition_before_cue(v)
        if before is not None:
            return before, False
        # "X arrived and said ...", "X issued a statement, saying ..." (only from the
        # main clause: the subject of an embedded clause is what was reported)
        if v.dep_ in {"conj", "advcl", "xcomp"} and v.head.i != v.i and (v.dep_ == "conj" or v.head.dep_ == "ROOT"):
            v = v.head
            continue
        break
    return None, False


def _cited_source(verb: Any, speaker: Any | None) -> Any | None:
    """"..., the news agency reported, citing Defence Minister X": the outlet relays X,
    who is the source."""
    for owner in (verb, speaker):
        if owner is None:
            continue
        for c in owner.children:
            if c.lemma_.lower() == "cite" and c.tag_ == "VBG" and c.i > verb.i:
                cited = next((o for o in c.children if o.dep_ == "dobj"), None)
                if cited is not None and (cited.pos_ == "PROPN" or cited.ent_type_ in {"PERSON", "ORG"}):
                    return cited
    return None


def _apposition_before_cue(verb: Any) -> Any | None:
    """A trailing cue the parser left without a subject because it hung the speaker on the
    noun before it as an apposition ("stands at 2,000 billion, a member of the budget
    committee said"): the phrase between the comma and the cue."""
    doc = verb.doc
    if verb.i < 3 or any(c.dep_ in {"ccomp", "dobj"} and c.i > verb.i for c in verb.children):
        return None
    phrase = next((t for t in doc[: verb.i] if t.dep_ == "appos" and t.right_edge.i == verb.i - 1), None)
    if phrase is None or phrase.left_edge.i == 0 or doc[phrase.left_edge.i - 1].text != ",":
        return None
    return phrase


def _trailing_cue_as_relative(verb: Any) -> bool:
    """A trailing cue after an apposition ("..., the returning officer, Professor Ada Obi,
    announced on Sunday") that the parser hung on the role noun as a relative clause: a
    finite past verb with no object or clause of its own, after a comma."""
    doc = verb.doc
    head_start = verb.head.left_edge.i
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBD"
        and verb.i > 0
        # "..., the officer, Prof. X, announced" / "..., news agency RNA reported"
        and (doc[verb.i - 1].text == "," or (head_start > 0 and doc[head_start - 1].text == ","))
        and not any(c.dep_ in {"dobj", "ccomp", "xcomp", "nsubj"} for c in verb.children)
    )


def _source_like(speaker: Any | None) -> bool:
    """Whether a subject can be a source: a name, pronoun, role, organisation or document."""
    if speaker is None:
        return True  # passive "it was estimated"
    low = speaker.lower_
    return (
        speaker.pos_ in {"PROPN", "PRON"}
        or speaker.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
        or low in lex.ROLE_HEADS
        or low in lex.ORG_HEADS
        or low in lex.DOCUMENT_NOUNS
        or low in lex.COLLECTIVE_SPEAKERS
    )


def _is_named_source(tok: Any) -> bool:
    return tok.pos_ in {"PROPN", "PRON"} or tok.ent_type_ in {"PERSON", "ORG"} or tok.lower_ in lex.ROLE_HEADS


def _name_before_cue(verb: Any) -> Any | None:
    """The name right before a trailing cue ("..., Defence Secretary Rakesh Varma said")
    when the parser hung it on the clause before it: the words between the last comma
    and the verb must be one name with its title, nothing else."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].pos_ != "PROPN" or doc[verb.i - 1].ent_type_ not in {"PERSON", "ORG"}:
        return None
    j = verb.i - 1
    while j > 0 and j > verb.i - lex.NAME_BEFORE_CUE_MAX_TOKENS and doc[j - 1].text != ",":
        if doc[j - 1].pos_ not in {"PROPN", "DET", "PART", "PUNCT"} and doc[j - 1].lower_ not in lex.ROLE_HEADS:
            return None
        j -= 1
    return doc[verb.i - 1] if j > 0 and doc[j - 1].text == "," else None


def _agent(verb: Any) -> Any | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for obj in c.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _content_of(ps: ParsedSentence, verb: Any) -> tuple[int, int] | None:
    """The reported clause of a cue verb, as stored-text offsets."""
    for c in verb.children:
        if c.dep_ in _CONTENT_DEPS and c.i != verb.i:
            return _trimmed(ps, [t.i for t in c.subtree])
    # parenthetical cue: "Exports rose, the minister said" / "…, he added."
    head = verb.head
    if _trailing_cue_as_relative(verb):
        # the content is the clause around the speaker's phrase, not the phrase
        speaker_phrase = {t.i for t in head.subtree}
        return _largest_piece(ps, [t.i for t in head.sent.root.subtree if t.i not in speaker_phrase])
    if verb.dep_ in {"parataxis", "ccomp", "advcl", "conj"} and head.i != verb.i:
        left = verb.left_edge.i
        while left < verb.i and ps.doc[left].is_punct and ps.doc[left].text not in {"\u201d", '"'}:
            left += 1  # ", the data showed": the comma hangs on the cue verb itself
        if verb.dep_ == "parataxis" or (left > 0 and ps.doc[left - 1].text in {",", "\u201d", '"', "\u2014", "--"}):
            own = {t.i for t in verb.subtree}
            return _largest_piece(ps, [t.i for t in head.subtree if t.i not in own])
    if verb.lemma_ in lex.OBJECT_CONTENT_VERBS or _revises_a_forecast(verb):
        for c in verb.children:
            if c.dep_ != "dobj" or (
                verb.lemma_ in lex.FIGURE_OBJECT_VERBS and not any(ch.isdigit() for t in c.subtree for ch in t.text)
            ):
                continue  # "cited hundreds of contracts": no figure, no claim to report
            if sum(1 for t in verb.subtree if t.i > verb.i) >= 3:
                # the object and what the verb attaches after it ("posted record results
                # with 7% growth", "put the turnout at 50%"): the reported figures
                after = [t.i for t in verb.subtree if t.i > verb.i]
                return _trimmed(ps, after) if after else None
    return None


# A line that is an item of a list: a bullet, a dash or a number before it.
_LIST_ITEM = re.compile(r"^[ \t]*(?:[\u2022\u25aa\u25cf\u2023\u2043*\-\u2013\u2014]|\(?\d{1,2}[.)])[ \t]")


def list_after(text: str, pos: int) -> tuple[int, int] | None:
    """The list that follows a line ending with a colon at ``pos``: its item lines (and
    the blank lines between them), as one stored-text span; None when no list follows."""
    end = None
    line_start = text.find("\n", pos)
    while line_start >= 0:
        line_end = text.find("\n", line_start + 1)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start + 1 : line_end]
        if line.strip() and not _LIST_ITEM.match(line):
            break
        if line.strip():
            end = line_end
        if line_end >= len(text):
            break
        line_start = line_end
    if end is None:
        return None
    start = pos
    while start < end and text[start] in " \t\n:":
        start += 1
    return start, end


def _quoted_as_saying(ps: ParsedSentence, verb: Any) -> _Attribution | None:
    """"The agency quoted the minister as saying (that) ...": the quoted person is the
    speaker, what follows "saying" the content; the relaying verb is the cue (a day on
    it, "on Tuesday quoted", dates the statement)."""
    # "quoted the minister as saying", or in the passive "the minister was quoted as saying"
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None) or next(
        (c for c in verb.children if c.dep_ == "nsubjpass"), None
    )
    as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    saying = next((c for c in as_prep.children if c.lemma_.lower() in lex.SPEECH_VERBS), None) if as_prep else None
    if quoted is None or saying is None:
        return None
    content = _content_of(ps, saying) or _content_of(ps, verb)  # "Exports rose, X was quoted as saying"
    if content is None:
        after = [t.i for t in saying.subtree if t.i > saying.i]
        content = _trimmed(ps, after) if after else None
    base = ps.span.start
    return _Attribution(ps, base + verb.idx, base + verb.idx + len(verb), verb.text, quoted, False, content)


def _based_on_a_document(tok: Any) -> bool:
    """"Based on figures from the customs office, exports rose...": a sentence opened by
    "based on" a document reads like "according to" it."""
    if tok.lower_ != "based" or tok.i > 1:
        return False
    on = next((c for c in tok.children if c.lower_ == "on"), None)
    obj = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    return obj is not None and (obj.lower_ in lex.DOCUMENT_NOUNS or obj.ent_type_ == "ORG")


def _according_to(ps: ParsedSentence, according: Any) -> _Attribution | None:
    to = next(c for c in according.children if c.lower_ in ("to", "on"))
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    own = {t.i for t in according.subtree}
    head = according.head
    while head.dep_ not in {"ROOT"} and head.head.i != head.i and head.pos_ not in {"VERB", "AUX"}:
        head = head.head
    root = head if head.i != according.i else according
    content = _largest_piece(ps, [t.i for t in root.subtree if t.i not in own])
    base = ps.span.start
    end = to.idx + len(to)
    return _Attribution(ps, base + according.idx, base + end, ps.span.text[according.idx:end], obj, False, content)


def _largest_piece(ps: ParsedSentence, indices: list[int]) -> tuple[int, int] | None:
    """The longest run of consecutive token indices, as trimmed offsets."""
    if not indices:
        return None
    indices = sorted(set(indices))
    runs: list[list[int]] = [[indices[0]]]
    for i in indices[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    best = max(runs, key=lambda r: sum(len(ps.doc[i]) for i in r))
    return _trimmed(ps, best)


def _trimmed(ps: ParsedSentence, indices: list[int]) -> tuple[int, int] | None:
    doc = ps.doc
    lo, hi = min(indices), max(indices)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    piece = ps.span.text[start:end]
    lead = _LEAD_TRIM.match(piece)
    if lead:
        start += lead.end()
    trail = _TRAIL_TRIM.search(ps.span.text[start:end])
    if trail:
        end = start + trail.start()
    if end - start < 3 or len(ps.span.text[start:end].split()) < 2:
        return None
    return ps.span.start + start, ps.span.start + end


# ---------------------------------------------------------------- putting it together
def find_quotes(
    text: str, sentences: list[Span], parsed: list[ParsedSentence], with_acts: bool = False
) -> tuple[list[Quote], list[Person]]:
    """Quotes and reported speech of one document, and the people who speak in it.

    ``sentences`` are all sentence spans of ``text``; ``parsed`` the parsed subset.
    Every offset of the result points into ``text``. ``with_acts`` adds a body's own acts
    that state a figure (kind ``"act"``), which credit figures but are no quotes.
    """
    people = PeopleIndex(text)
    for ps in parsed:
        people.add_parsed(ps)
    parsed_starts = {ps.span.start for ps in parsed}
    for sent in sentences:
        if sent.start not in parsed_starts:
            people.add_unparsed(sent)
    directs = _direct_quotes(text)
    direct_index = _DirectIndex.of(directs)

    def inside_quote(pos: int) -> bool:
        return bool(direct_index.by_span.containing(pos))

    attributions: list[_Attribution] = []
    for ps in sorted(parsed, key=lambda p: p.span.start):
        check_budget("quotes")
        attributions.extend(_attributions(ps, inside_quote, text, with_acts))

    attributions = _drop_channels(attributions)
    items: list[tuple[int, int, str, _Attribution | None]] = []  # start, end, kind, attribution
    for att in attributions:
        if att.act:
            if att.content is not None:
                items.append((att.content[0], att.content[1], "act", att))
            if att.spoken:
                # its words in quote marks ("promised to build three 'big plants'") are
                # still a quote of the speaker's
                for d in _direct_for(replace(att, content=None), direct_index):
                    if d.attribution is None:
                        d.attribution = att
            continue
        target = _direct_for(att, direct_index)
        if target:
            for d in target:
                if d.attribution is None:
                    d.attribution = att
            continue
        if att.content is None:
            continue
        for d in direct_index.by_span.starting_in(att.content[0], att.content[1]):
            if d.end <= att.content[1]:  # short quotes inside reported speech are part of it
                d.absorbed = True
        items.append((att.content[0], att.content[1], "reported", att))
    for d in directs:
        words = len(text[d.start : d.end].split())
        if d.absorbed and d.attribution is None:
            continue
        if d.attribution is None and words < lex.MIN_QUOTE_WORDS:
            continue
        items.append((d.start, d.end, "direct", d.attribution))
    items.sort(key=lambda it: (it[0], it[1]))
    return _resolve_all(text, items, people), people.people()


def _drop_channels(attributions: list[_Attribution]) -> list[_Attribution]:
    """Drop an attribution that reports another one ("X told reporters, Reuters reported").

    The outer source is the channel; the speaker is the inner one.
    """
    by_sentence: dict[int, list[_Attribution]] = {}
    for a in attributions:
        by_sentence.setdefault(id(a.ps), []).append(a)
    kept = []
    for a in attributions:
        inner = [
            b
            for b in by_sentence[id(a.ps)]
            if b is not a
            and not b.act  # a body's act inside reported speech is what was reported
            and b.ps is a.ps
            and b.speaker_head is not None
            and a.content is not None
            and a.content[0] <= b.cue_start < a.content[1]
            and b.cue_start < a.cue_start  # the channel's cue trails the speaker's
        ]
        if not inner:
            kept.append(a)
    return kept


@dataclass(frozen=True)
class _DirectIndex:
    """A document's direct quotes by their span and by the span up to the closing mark."""

    by_span: SortedSpans[_Direct]
    by_marks: SortedSpans[_Direct]

    @classmethod
    def of(cls, directs: list[_Direct]) -> _DirectIndex:
        return cls(
            SortedSpans(directs, lambda d: d.start, lambda d: d.end),
            SortedSpans(directs, lambda d: d.start, lambda d: d.close_at),
        )


def _direct_for(att: _Attribution, directs: _DirectIndex) -> list[_Direct]:
    """Direct quotes an attribution names: those its content overlaps, else those in its sentence."""
    if att.content is not None:
        hit = directs.by_span.overlapping(att.content[0], att.content[1])
        if hit:
            span_len = att.content[1] - att.content[0]
            covered = sum(min(d.end, att.content[1]) - max(d.start, att.content[0]) for d in hit)
            if covered * 2 >= span_len:
                return hit
            return []
    sent = att.ps.span
    near = directs.by_marks.overlapping(sent.start, sent.end)
    if att.content is None and near:
        # the nearest quote to the cue, on either side
        return [min(near, key=lambda d: min(abs(d.close_at - att.cue_start), abs(d.open_at - att.cue_end)))]
    return []


def _resolve_all(text: str, items: list[tuple[int, int, str, _Attribution | None]], people: PeopleIndex) -> list[Quote]:
    quotes: list[Quote] = []
    last: Resolved | None = None
    last_mention: tuple[int, int] | None = None
    last_end = -(10**9)
    resolved_cache: dict[int, tuple[Resolved, tuple[int, int] | None]] = {}
    for start, end, kind, att in items:
        mention: tuple[int, int] | None = None
        if att is not None:
            key = id(att)
            if key not in resolved_cache:
                resolved_cache[key] = _resolve_attribution(att, people, last)
            res, mention = resolved_cache[key]
        elif last is not None and start - last_end <= _CONTINUATION_GAP:
            # a quote that runs on from the previous speaker: same speaker, and the
            # mention that speaker was named by
            res, mention = last, last_mention
        else:
            res = Resolved(None)
        person = res.person
        if att is not None and not att.act and res.speaker and _may_be_a_body(res):
            people.note_org_speaker(att.cue_start, res.speaker)
        quotes.append(
            Quote(
                start=start,
                end=end,
                text=text[start:end],
                kind="direct" if kind == "direct" else "act" if kind == "act" else "reported",
                cue=att.cue if att else None,
                cue_start=att.cue_start if att else None,
                cue_end=att.cue_end if att else None,
                speaker=res.speaker,
                speaker_start=mention[0] if mention else None,
                speaker_end=mention[1] if mention else None,
                speaker_role=person.role if person else None,
                speaker_title=person.title if person else None,
                rules=res.rules,
            )
        )
        if kind != "act" and (att is not None or res.speaker is not None):
            last, last_mention = res, mention
        last_end = end
    return _named_by_neighbours(text, quotes, [att for _, _, _, att in items])


@dataclass(frozen=True)
class _QuoteInReport:
    """One quote of the report, with the quotes and attributions around it."""

    text: str
    quotes: list[Quote]
    atts: list[_Attribution | None]
    i: int


def _named_in_next_statement(d: _QuoteInReport) -> Quote | None:
    """"The government spokesman said on Monday that... Tom Ode added that...": a role or
    description that no named person of the report holds, followed at once by the first
    statement of a newly named person with no role of his own, is that person (the news
    lead that identifies its source a sentence later)."""
    q, att = d.quotes[d.i], d.atts[d.i]
    if q.rules[-1:] not in (("speaker.unresolved_role",), ("speaker.unnamed_person",)):
        return None
    if att is None or att.speaker_head is None or att.speaker_head.tag_ != "NN" or q.cue_start is None:
        return None  # one person described by a noun ("the spokesman", "a member of...")
    for nq, natt in zip(d.quotes[d.i + 1 :], d.atts[d.i + 1 :], strict=True):
        if natt is None or nq.kind == "act" or nq.cue_start is None or nq.cue_start <= q.cue_start:
            continue
        between = d.text[q.cue_start : nq.cue_start]
        if between.count("\n\n") > 1 or len(between) > lex.IDENTIFIED_LATER_REACH:
            return None
        if nq.rules[-1:] != ("speaker.named_person",) or nq.speaker_role or not nq.speaker:
            return None
        if nq.speaker_end is None or d.text[nq.speaker_end : nq.cue_start].strip():
            return None  # the name then its verb ("Tom Ode added"), no description between
        if re.search(rf"\b{re.escape(nq.speaker.split()[-1])}\b", d.text[: q.cue_start]):
            return None  # named before: not the one the description introduces
        return replace(
            q, speaker=nq.speaker, speaker_role=q.speaker, speaker_title=nq.speaker_title,
            rules=(*q.rules, "speaker_later.named_in_next_statement"),
        )
    return None


def _demonstrative_is_the_source_cited(d: _QuoteInReport) -> Quote | None:
    """"According to X's data, this shows that exports doubled": "this" is the data just
    cited, so the source is the attribution around it (none when there is none)."""
    q = d.quotes[d.i]
    if (q.speaker or "").lower() not in lex.DEMONSTRATIVES or q.cue_start is None:
        return None
    around = [
        o for o in d.quotes
        if o is not q and o.start <= q.cue_start < o.end and o.speaker and o.speaker.lower() not in lex.DEMONSTRATIVES
    ]  # fmt: skip
    source = min(around, key=lambda o: o.end - o.start) if around else None
    return replace(
        q,
        speaker=source.speaker if source else None,
        speaker_role=source.speaker_role if source else None,
        speaker_title=source.speaker_title if source else None,
        rules=(*q.rules, "speaker_later.demonstrative_is_the_source_cited"),
    )


NAMED_BY_NEIGHBOURS: FirstMatch[_QuoteInReport, Quote] = FirstMatch(
    "speaker_later",
    "speaker",
    [
        Rule("speaker_later.named_in_next_statement", "a description named at once by the next statement", _named_in_next_statement),
        Rule("speaker_later.demonstrative_is_the_source_cited", "'this shows that...': the source around it", _demonstrative_is_the_source_cited),
    ],
    doc="a speaker that the statements around it name",
)


def _named_by_neighbours(text: str, quotes: list[Quote], atts: list[_Attribution | None]) -> list[Quote]:
    out = list(quotes)
    for i, q in enumerate(quotes):
        if q.kind != "act":
            named = NAMED_BY_NEIGHBOURS.decide(_QuoteInReport(text, quotes, atts, i))
            if named is not None:
                out[i] = named
    return out


def _may_be_a_body(res: Resolved) -> bool:
    """A resolved speaker that may be the body a later "the company said" refers to: a
    named source that is no known person, a described body ("the national disaster
    agency"), or a capitalised name taken for a person only because no rule knew it."""
    speaker = res.speaker or ""
    last = speaker.lower().split()[-1:]
    if res.person is None:
        return speaker[:1].isupper() or bool(last and last[0] in lex.ORG_HEADS)
    return bool(last and last[0] in lex.BODY_NAME_ENDINGS)


def _resolve_attribution(att: _Attribution, people: PeopleIndex, last: Resolved | None) -> tuple[Resolved, tuple[int, int] | None]:
    if att.speaker_head is None:
        return Resolved(None), None
    lo, hi = core_range(att.speaker_head)
    doc = att.ps.doc
    base = att.ps.span.start
    mention = (base + doc[lo].idx, base + doc[hi - 1].idx + len(doc[hi - 1]))
    return people.resolve(att.ps, att.speaker_head, (lo, hi), last), mention
