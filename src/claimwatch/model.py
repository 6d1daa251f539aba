"""Plain typed records that flow one way through the pipeline.

ingest -> Article; text -> Document; extract -> Extraction (quantities, times,
quotes, claims); store persists them. Every span is a pair of character offsets
into ``Document.text`` (the stored text), never into a derived string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple

QuantityKind = Literal[
    "multiplier", "percent_change", "percent_share", "amount", "count", "duration", "measure", "rate"
]
CLAIM_KINDS: tuple[str, ...] = ("multiplier", "percent_change", "percent_share", "amount", "count")
Change = Literal["up", "down", "equal", "approx", "more-than", "less-than"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article as read from an input, before any text processing."""

    id: str
    raw: str  # decoded file content (plain text, or HTML source for fmt == "html")
    fmt: Literal["txt", "html", "jsonl"]
    source: str  # where it came from: a path, or path:line for JSONL
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    # what reading it changed, for the user to know (invalid bytes replaced, a file name
    # that is not UTF-8): the article is stored, the notes are reported
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """The stored text of an article and what was detected about it.

    ``excluded`` holds metadata lines, datelines and page chrome: they stay in the
    stored text (so offsets never shift) but extraction does not read them.
    """

    id: str
    text: str
    content_hash: str
    source: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    excluded: tuple[Span, ...] = ()
    copy_of: str | None = None  # the first stored document with the same text (a wire copy)
    dateline_date: date | None = None  # the day the dateline names ("TOKYO, Nov 8 (Reuters) -")

    def same_article(self, other: Document) -> bool:
        """The same text with the same URL, outlet, date and title: one article added twice,
        not a copy another outlet ran."""
        return (self.content_hash, self.url, self.outlet, self.published, self.title) == (
            other.content_hash, other.url, other.outlet, other.published, other.title
        )

    def extraction_text(self) -> str:
        """The stored text with excluded spans blanked out (same length, same offsets)."""
        if not self.excluded:
            return self.text
        chars = list(self.text)
        for span in self.excluded:
            for i in range(span.start, span.end):
                if chars[i] not in "\n":
                    chars[i] = " "
        return "".join(chars)


@dataclass(frozen=True)
class Quantity:
    """A number that measures something, with its normalized value."""

    start: int
    end: int
    text: str
    value: float
    value_high: float | None
    unit: str  # "x", "%", ISO 4217 code, or a noun for counts
    kind: QuantityKind
    change: Change | None = None  # up/down/equal/approx/more-than/less-than
    hedge: str | None = None  # "some", "about", "nearly", "at least"...
    # change-of-direction words ("increase", "fell") seen next to a percent
    direction_word: str | None = None
    # the named rules that read it (claimwatch.extract.rules), in the order they fired
    rules: tuple[str, ...] = ()
    surface_unit: str = ""  # the unit as printed ("bpd", "sq m", "$", "tonnes")
    # in a movement "from X to Y": X is the "baseline", Y the "new" value; ``partner_start``
    # is where the other end starts
    role: Literal["baseline", "new"] | None = None
    partner_start: int | None = None
    per: str | None = None  # an amount per unit: "$98 a share" -> "share"


@dataclass(frozen=True)
class TimeExpression:
    """A time expression normalized against the document's publication date.

    ``value`` is TimeML-like: "2023-06-10", "2022", "2022-03", "2022-W23", or an
    interval "2022-03-21/2023-03-20"; None when it cannot be resolved.
    """

    start: int
    end: int
    text: str
    type: Literal["DATE", "DURATION", "TIME", "SET"]
    value: str | None
    period_start: date | None = None
    period_end: date | None = None
    calendar: Literal["gregorian", "persian", "fiscal"] = "gregorian"
    # True when a relative expression was read in the Persian calendar ("last year"
    # said by an Iranian official): the reading is stored with this flag.
    persian_reading: bool = False
    is_baseline: bool = False  # "compared with the previous three years"
    # a gloss in brackets of the time just before it ("the 1403 budget (March 2024 - March
    # 2025)"): the same period restated in another calendar, not a period of its own
    glosses_previous: bool = False


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class Quote:
    """Direct quote or reported speech, with who said it when that is known."""

    start: int  # content span
    end: int
    text: str
    # "act": not speech but a body's own act that states a figure ("the bank raised its
    # rate to 5%"); it credits the figure and is not stored as a quote
    kind: Literal["direct", "reported", "act"]
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None  # fullest form of the person's name in the document
    speaker_start: int | None = None  # the mention that introduces it here
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_title: str | None = None
    rules: tuple[str, ...] = ()  # the named rules that resolved the speaker, outermost first
    doc: str | None = None  # the document it is in (set when read back from the store)


@dataclass(frozen=True)
class Person:
    """A person as seen in one document: fullest name, title/rank, role, organisation.

    Extraction fills the name and what the document says of the person; read back from
    the store, ``doc`` and ``published`` say where and when (the alias linker's input).
    """

    name: str
    title: str | None = None
    role: str | None = None
    org: str | None = None
    mentions: tuple[Span, ...] = ()
    doc: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Claim:
    doc: str
    start: int
    end: int
    evidence: str
    kind: QuantityKind
    value: float
    value_high: float | None
    unit: str
    subject: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_text: str | None = None
    said_on: date | None = None
    confidence: float = 0.5
    hedge: str | None = None
    quantity_start: int = 0
    quantity_end: int = 0
    persian_reading: bool = False
    is_baseline: bool = False
    # id of the first mention of the same figure in the document when this restates it
    restates: str | None = None
    # (field, rule) for every named rule that decided a field, in order: `claimwatch explain`
    rules: tuple[tuple[str, str], ...] = ()
    worthiness: float | None = None  # how clearly the number stage read it as a claim (0..1)

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.quantity_start}-{self.quantity_end}:{self.kind}"


@dataclass(frozen=True)
class Extraction:
    doc: str
    sentences: tuple[Span, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    people: tuple[Person, ...] = ()
    claims: tuple[Claim, ...] = ()
    pipeline_version: str = ""


@dataclass(frozen=True)
class IngestFailure:
    source: str  # path, path:line, or URL
    reason: str


@dataclass(frozen=True)
class IngestNote:
    """Something a user should know about an input that was stored all the same."""

    source: str
    message: str


@dataclass(frozen=True)
class Duplicate:
    """An input that is a document already stored (or earlier in the same run)."""

    source: str
    of: str  # id of the stored document it repeats


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    # wire copies stored as documents of their own: (copy id, id of the first with that text)
    copies: list[tuple[str, str]] = field(default_factory=list)
    notes: list[IngestNote] = field(default_factory=list)


# ---- records read back by the store for cross-document work ------------------------


@dataclass(frozen=True)
class UserDecision:
    """A user's merge or split of two speaker names, kept across re-extraction."""

    kind: Literal["merge", "split"]
    a: str
    b: str


@dataclass(frozen=True)
class IndexedDocument:
    """A document in the talking-point index (a row of ``tp_documents``)."""

    doc: str
    order: int  # position in the order documents were indexed
    outlet: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class IndexedSentence:
    """A substantive sentence in the talking-point index (a row of ``tp_sentences``).

    ``signature`` holds the near-exact pass's MinHash values (little-endian uint64);
    a word-for-word repeat of an indexed sentence has none and is never banded.
    """

    id: int
    doc: str
    position: int  # among the document's indexed sentences
    start: int
    end: int
    text: str
    normalized: str
    gap_before: str  # stored text between the previous indexed sentence and this one
    stems: tuple[str, ...]
    common: tuple[str, ...]
    generic: bool
    specific: bool
    anchored: bool
    signature: bytes | None = None


class SentenceBand(NamedTuple):
    """One LSH band hash of a sentence (a row of ``tp_bands``): sentences sharing a
    (pass, band, key) are candidate pairs."""

    sentence: int
    lsh: str  # "exact" | "semantic"
    band: int
    key: int


class CandidatePair(NamedTuple):
    """Two sentences of different documents proposed by the LSH (a row of ``tp_candidates``)."""

    a: int
    b: int
    near_exact: bool


class CandidateArrays(NamedTuple):
    """Candidate pairs as three parallel arrays, what a load of the whole index reads:
    sentence ids ``a`` < ``b`` (int32) and ``near_exact`` (bool), 9 bytes a pair where a
    ``CandidatePair`` tuple takes over a hundred."""

    a: Any
    b: Any
    near_exact: Any


@dataclass(frozen=True)
class TalkingPointRows:
    """The talking-point index as rows: what a save adds, or everything a load reads."""

    version: str
    documents: tuple[IndexedDocument, ...] = ()
    sentences: tuple[IndexedSentence, ...] = ()
    bands: tuple[SentenceBand, ...] = ()
    candidates: tuple[CandidatePair, ...] = ()
