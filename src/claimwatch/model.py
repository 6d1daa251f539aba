"""Plain typed records that flow one way through the pipeline.

ingest -> Article; text -> Document; extract -> Extraction (quantities, times,
quotes, claims); store persists them. Every span is a pair of character offsets
into ``Document.text`` (the stored text), never into a derived string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

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
    kind: Literal["direct", "reported"]
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None  # fullest form of the person's name in the document
    speaker_start: int | None = None  # the mention that introduces it here
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_title: str | None = None
    rules: tuple[str, ...] = ()  # the named rules that resolved the speaker, outermost first


@dataclass(frozen=True)
class Person:
    """A person as seen in one document: fullest name, title/rank, role, organisation."""

    name: str
    title: str | None = None
    role: str | None = None
    org: str | None = None
    mentions: tuple[Span, ...] = ()


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
    # index in Extraction.claims of the first mention when this restates it
    restates: int | None = None
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
