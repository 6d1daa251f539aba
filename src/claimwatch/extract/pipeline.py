"""Per-document extraction: stages run in a fixed order over one Document.

Each stage is a registered component with a versioned name and what it requires
and produces; the registry is checked once when the pipeline is built, so a
missing layer fails at start-up, not in the middle of a batch. Each component's
version is a digest of the code and lexicon data it runs (``versions.py``); the
pipeline version, stored with every document, combines them, so ``claimwatch
reextract`` knows which documents a changed extractor should redo.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..lexicon import user as user_lexicon
from ..model import Claim, Document, Entity, Extraction, Person, Quantity, Quote, Span, TimeExpression
from . import claims as claims_stage
from . import dates, numbers, quotes
from .budget import DEFAULT_BUDGET_S, check_budget, time_budget
from .dates import TimeContext
from .nlp import (
    DEFAULT_MODEL,
    ParsedSentence,
    load_extraction_model,
    parse_groups,
    parse_sentences,
    split_sentences,
)
from .parse_cache import DEFAULT_CACHE_BYTES, ParseCache
from .people import merge_name_variants
from .versions import component_version

# Digits or number words: a sentence that may hold a quantity is worth parsing.
_NUMBERISH = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozen|double[ds]?|tripled?|treble[ds]?|quadrupled?|"
    r"twofold|threefold|fourfold|fivefold|tenfold|half|third|quarter|fifth)\b",
    re.IGNORECASE,
)


# Where a name may be: two capitalized words in a row, an acronym ("SIPRI"), or a
# capitalized possessive ("China's customs data").
_NAME_LIKE = re.compile(
    r"[A-Z][\w'’.-]+\s+[A-Z][\w'’.-]+|\b[A-Z]{2,}\b|\b[A-Z][a-z]+['’]s\b"
)


@dataclass
class DocState:
    """What the stages have produced so far for one document: one typed field per layer
    (the names components declare in ``requires`` and ``produces``)."""

    doc: Document
    text: str  # extraction text: stored text with excluded spans blanked
    sentences: list[Span] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    worthiness: list[float] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    time_context: TimeContext | None = None
    parsed: list[ParsedSentence] | None = None  # None until parsed (a batch may parse ahead)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    acts: list[Quote] = field(default_factory=list)  # bodies' acts stating figures (credit only)
    people: list[Person] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


LAYERS = frozenset(f.name for f in fields(DocState)) - {"doc", "text"}


@dataclass(frozen=True)
class Component:
    name: str  # "numbers"
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    run: Callable[[DocState, Any], None]
    # the modules that implement it: its version is a digest of their code and of every
    # claimwatch module they import (lexicon tables included), see versions.py
    code: tuple[str, ...] = ()

    @property
    def version(self) -> str:
        return component_version(self.name, self.code)


def _sentences(state: DocState, nlp: Any) -> None:
    state.sentences = split_sentences(state.text)


def _quantities(state: DocState, nlp: Any) -> None:
    state.quantities = numbers.find_quantities(state.text)
    state.worthiness = [numbers.claim_worthiness(q, state.text) for q in state.quantities]


def _times(state: DocState, nlp: Any) -> None:
    state.time_context = dates.detect_time_context(state.text)
    state.times = dates.find_times(state.text, state.doc.published, state.time_context)


def _parse(state: DocState, nlp: Any) -> None:
    if state.parsed is None:  # a batch may have parsed it already (Extractor.extract_many)
        state.parsed = select_and_parse(nlp, state.sentences)
    state.entities = [
        Entity(p.span.start + e.start_char, p.span.start + e.end_char, e.text, e.label_)
        for p in state.parsed
        for e in p.doc.ents
    ]


def select_sentences(sentences: list[Span]) -> tuple[list[Span], list[Span]]:
    """The sentences worth the model (a figure or speech may be there) and, among them,
    those with no name for the entity recognizer to find ("he added", "exports rose 12%")."""
    speech = [s for s in sentences if quotes.is_speech_candidate(s.text)]
    speech_starts = {s.start for s in speech}
    numeric = [s for s in sentences if s.start not in speech_starts and _NUMBERISH.search(s.text)]
    selected = sorted(speech + numeric, key=lambda s: s.start)
    return selected, [s for s in selected if not _NAME_LIKE.search(s.text)]


def select_and_parse(nlp: Any, sentences: list[Span], cache: ParseCache | None = None) -> list[ParsedSentence]:
    selected, no_names = select_sentences(sentences)
    return list(parse_sentences(nlp, selected, without_ner=no_names, cache=cache))


def _quotes(state: DocState, nlp: Any) -> None:
    found, people = quotes.find_quotes(state.text, state.sentences, state.parsed or [], with_acts=True)
    found, state.people = merge_name_variants(found, people)
    state.quotes = [q for q in found if q.kind != "act"]
    state.acts = [q for q in found if q.kind == "act"]


def _claims(state: DocState, nlp: Any) -> None:
    state.claims = claims_stage.build_claims(
        claims_stage.ClaimInputs(
            doc=state.doc,
            text=state.text,
            sentences=state.sentences,
            parsed=state.parsed or [],
            quantities=state.quantities,
            worthiness=state.worthiness,
            times=state.times,
            quotes=state.quotes,
            people=state.people,
            acts=state.acts,
        )
    )


_PKG = "claimwatch.extract"

COMPONENTS: tuple[Component, ...] = (
    Component("sentences", (), ("sentences",), _sentences, (f"{_PKG}.nlp",)),
    Component("numbers", (), ("quantities", "worthiness"), _quantities, (f"{_PKG}.numbers",)),
    Component("dates", (), ("times", "time_context"), _times, (f"{_PKG}.dates",)),
    Component("parse", ("sentences",), ("parsed", "entities"), _parse, (f"{_PKG}.nlp", f"{_PKG}.quotes")),
    Component("quotes", ("sentences", "parsed"), ("quotes", "acts", "people"), _quotes, (f"{_PKG}.quotes", f"{_PKG}.people")),
    Component(
        "claims",
        ("sentences", "parsed", "quantities", "worthiness", "times", "quotes", "acts", "people"),
        ("claims",),
        _claims,
        (f"{_PKG}.claims",),
    ),
)


def check_components(components: Iterable[Component]) -> None:
    """Every layer a component names is a field of DocState, and every layer it requires
    is produced by an earlier one."""
    available: set[str] = set()
    for comp in components:
        unknown = [n for n in (*comp.requires, *comp.produces) if n not in LAYERS]
        if unknown:
            raise ValueError(f"component {comp.name} names layers DocState does not have: {unknown}")
        missing = [r for r in comp.requires if r not in available]
        if missing:
            raise ValueError(f"component {comp.name} requires {missing}, produced by no earlier component")
        available.update(comp.produces)


check_components(COMPONENTS)
# The version stored with every extraction: the components' versions together, and the
# pipeline module itself (which wires them). A changed rule in any stage changes it.
PIPELINE_VERSION = hashlib.sha1(
    "|".join([*(c.version for c in COMPONENTS), component_version("pipeline", (__name__,))]).encode()
).hexdigest()[:12]


# the component that parses: stages before it run without the model
_PARSE_AT = next(i for i, c in enumerate(COMPONENTS) if "parsed" in c.produces)


def parse_namespace(model: str, nlp: Any) -> str:
    """What a sentence's parse depends on besides its text: the model (name and version),
    spaCy's version and the parse component's code (see parse_cache.py)."""
    import spacy

    parse = COMPONENTS[_PARSE_AT]
    return f"{model}@{nlp.meta.get('version', '?')}|spacy {spacy.__version__}|{parse.version}"


def pipeline_version(model: str) -> str:
    """The version stored with an extraction: the components', the spaCy model's name, and
    the user's lexicon additions when there are any."""
    added = user_lexicon.digest()
    return hashlib.sha1(f"{PIPELINE_VERSION}|{model}{'|' + added if added else ''}".encode()).hexdigest()[:12]


# A document longer than this is extracted on its own, under its own time budget, rather
# than sharing a model pass with the other documents of its batch.
LARGE_DOCUMENT_CHARS = 100_000


class Extractor:
    """Holds the loaded model; ``extract`` runs every component over one document.

    ``budget_s`` bounds each document's extraction (None: no bound); a document past it
    fails with ``BudgetExceeded`` and the batch goes on.
    """

    def __init__(
        self, model: str = DEFAULT_MODEL, budget_s: float | None = DEFAULT_BUDGET_S, cache_bytes: int = DEFAULT_CACHE_BYTES
    ) -> None:
        self.model_name = model
        self.budget_s = budget_s
        self.version = pipeline_version(model)
        # the model's pipeline with a faster, equivalent attribute ruler (see nlp.py)
        self.nlp = load_extraction_model(model)
        # parses of sentences seen before, by content (0 bytes: no cache)
        self.parse_cache = ParseCache(parse_namespace(model, self.nlp), cache_bytes) if cache_bytes > 0 else None

    def extract(self, doc: Document) -> Extraction:
        with time_budget(self.budget_s):
            state = DocState(doc=doc, text=doc.extraction_text())
            self._run(COMPONENTS[:_PARSE_AT], state)
            state.parsed = select_and_parse(self.nlp, state.sentences, self.parse_cache)
            self._run(COMPONENTS[_PARSE_AT:], state)
            return self._extraction(state)

    def _run(self, components: Sequence[Component], state: DocState) -> None:
        for comp in components:
            check_budget(comp.name)
            comp.run(state, self.nlp)

    def _extraction(self, state: DocState) -> Extraction:
        return Extraction(
            doc=state.doc.id,
            sentences=tuple(state.sentences),
            quantities=tuple(state.quantities),
            times=tuple(state.times),
            entities=tuple(state.entities),
            quotes=tuple(state.quotes),
            people=tuple(state.people),
            claims=tuple(state.claims),
            pipeline_version=self.version,
        )

    def extract_many(self, docs: Sequence[Document]) -> list[Extraction | Exception]:
        """Extract several documents with one pass of the model over all their selected
        sentences (larger batches keep it busy); a document that fails gets its error in
        its place and the others go on."""
        parse_at = _PARSE_AT
        states: list[DocState | Exception | Extraction] = []
        for doc in docs:
            try:
                if len(doc.text) > LARGE_DOCUMENT_CHARS:
                    states.append(self.extract(doc))
                    continue
                with time_budget(self.budget_s):
                    state = DocState(doc=doc, text=doc.extraction_text())
                    self._run(COMPONENTS[:parse_at], state)
                states.append(state)
            except Exception as exc:  # per-document error handler: never stop the batch
                states.append(exc)
        ready = [st for st in states if isinstance(st, DocState)]
        selections = [select_sentences(st.sentences) for st in ready]
        for st, parsed in zip(ready, parse_groups(self.nlp, selections, cache=self.parse_cache), strict=True):
            st.parsed = parsed
        results: list[Extraction | Exception] = []
        for item in states:
            if not isinstance(item, DocState):
                results.append(item)
                continue
            try:
                # the shared model pass is bounded by LARGE_DOCUMENT_CHARS per document;
                # the budget covers the stages each document runs alone
                with time_budget(self.budget_s):
                    self._run(COMPONENTS[parse_at:], item)
                results.append(self._extraction(item))
            except Exception as exc:
                results.append(exc)
        return results
