"""The read side of the web app over one store, and its two writes (speaker decisions and
added articles, see ``add_jobs``).

Every read runs on a read-only connection of the calling thread, whose statements are
interrupted past a time cap (``QueryTimeout``); listings are capped in rows. Results
computed from the whole store (people, talking points, stories, findings, subjects) and pages of claims are
kept until the store changes: a watcher connection's ``data_version`` says when another
connection, such as ``claimwatch add`` beside the server, has committed. Every function
returns typed records, rendered by ``claimwatch.exports`` and the web layer.
"""

from __future__ import annotations

import difflib
import gc
import logging
import re
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, TypeVar

from ..errors import ClaimwatchError, InputError, NotFound, NothingFound
from ..link.aliases import CanonicalPerson, explain, find_person
from ..link.consistency import Finding, TimelinePoint
from ..link.stories import Story
from ..link.subjects import group_subjects
from ..link.talking_points import Occurrence, TalkingPoint
from ..model import Claim, Document, Quote
from ..report import Chart, charts_for
from ..store import ClaimSelection, Store
from . import claim_pages, links, queries
from .claim_pages import ClaimFacets, ClaimPage, ClaimQuery, Memo, SubjectKeys

T = TypeVar("T")
log = logging.getLogger("claimwatch.web")

SeriesBy = Literal["speaker", "outlet"]
UNKNOWN_OUTLET = "outlet unknown"


@dataclass(frozen=True)
class ReadLimits:
    """Caps on what one request may cost: seconds per SQL statement, rows per listing."""

    query_seconds: float = 2.0
    max_rows: int = 10_000


@dataclass(frozen=True)
class DocumentList:
    documents: tuple[Document, ...]
    claim_counts: dict[str, int]
    total: int
    page: int
    per_page: int


@dataclass(frozen=True)
class DocumentView:
    """A document with its layers, each claim numbered by position (``#claim-N``), and the
    passage a link points at, if any."""

    layers: queries.DocumentLayers
    passage: tuple[int, int] | None = None


@dataclass(frozen=True)
class SpeakerView:
    speaker: queries.Speaker
    explanation: tuple[str, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    others: tuple[str, ...]  # names of everyone else, to merge with
    documents: dict[str, Document]
    numbers: dict[str, int]  # claim id -> number in its document


@dataclass(frozen=True)
class TimelineView:
    subject: str
    by: SeriesBy
    points: tuple[TimelinePoint, ...]
    charts: tuple[Chart, ...]


@dataclass(frozen=True)
class SubjectCount:
    key: str
    scope: str | None
    claims: int


@dataclass(frozen=True)
class TalkingPointMatrix:
    """Talking points by outlet: ``cells[outlet][point id]`` occurrences."""

    points: tuple[TalkingPoint, ...]
    outlets: tuple[str, ...]
    cells: dict[str, dict[str, int]]


DiffOp = Literal["same", "added", "dropped"]


@dataclass(frozen=True)
class ComparedOccurrence:
    """An occurrence beside the canonical wording: its words marked ``added`` (in the
    occurrence only) or ``dropped`` (in the canonical wording only)."""

    occurrence: Occurrence
    diff: tuple[tuple[DiffOp, str], ...]


@dataclass(frozen=True)
class TalkingPointCell:
    point: TalkingPoint
    outlet: str | None
    occurrences: tuple[ComparedOccurrence, ...]


@dataclass(frozen=True)
class Passage:
    """A span of a document with some text around it."""

    doc: str
    start: int
    end: int
    before: str
    text: str
    after: str


@dataclass(frozen=True)
class StoryView:
    story: Story
    passages: tuple[Passage, ...]
    documents: dict[str, Document]


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    evidence: tuple[Passage, ...]
    documents: dict[str, Document]


def word_diff(canonical: str, other: str) -> tuple[tuple[DiffOp, str], ...]:
    """``other`` against ``canonical`` word by word: runs of equal, added and dropped words."""
    a, b = re.findall(r"\S+\s*", canonical), re.findall(r"\S+\s*", other)
    ops: list[tuple[DiffOp, str]] = []
    matcher = difflib.SequenceMatcher(a=[w.strip().lower() for w in a], b=[w.strip().lower() for w in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("dropped", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("added", "".join(b[j1:j2])))
    return tuple(ops)


def passage(document: Document, start: int, end: int, context: int = 160) -> Passage:
    """The span and up to ``context`` characters either side, cut at a space."""
    text = document.text
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo = max(0, start - context)
    if lo > 0 and " " in text[lo:start]:
        lo = text.index(" ", lo, start) + 1
    hi = min(len(text), end + context)
    if hi < len(text) and " " in text[end:hi]:
        hi = text.rindex(" ", end, hi)
    return Passage(document.id, start, end, text[lo:start], text[start:end], text[end:hi])


@dataclass
class _Version:
    number: int
    facets: ClaimFacets
    links: Memo
    pages: Memo  # claim pages by query: readers ask the same few again and again
    kept: Memo  # what the web layer derives from them (a page's data, its rendered rows)


class Explorer:
    """Reads over one store for many threads; see the module docstring."""

    def __init__(self, path: str | Path, limits: ReadLimits | None = None) -> None:
        self.path = Path(path)
        self.limits = limits or ReadLimits()
        self._watch = Store(self.path, read_only=True)  # NotFound / StoreError: said at start
        self._lock = threading.Lock()
        self._local = threading.local()
        self._opened: list[Store] = [self._watch]
        self._keys: SubjectKeys = {}
        self._version: _Version | None = None

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """This thread's read-only store; an interrupted statement raises QueryTimeout."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, read_only=True)
            store.cache_reads()
            store.limit_queries(self.limits.query_seconds)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        try:
            yield store
        except sqlite3.OperationalError as exc:
            timeout = Store.timed_out(exc)
            if timeout is None:
                raise
            raise timeout from exc

    def version(self) -> _Version:
        """What is cached for the store as it is now (new when another connection committed)."""
        with self._lock:
            number = self._watch.data_version()
            if self._version is None or self._version.number != number:
                self._version = _Version(number, ClaimFacets(Memo(), self._keys), Memo(), Memo(limit=2048),
                                         Memo(limit=4096))  # fmt: skip
            return self._version

    # ---- claims and documents --------------------------------------------------------

    def claims(self, query: ClaimQuery) -> ClaimPage:
        version = self.version()
        with self.reading() as store:
            return version.pages.get(query, lambda: claim_pages.claim_page(store, query, version.facets))

    def claims_export(self, query: ClaimQuery) -> tuple[list[Claim], int, dict[str, Document]]:
        """Every claim the query selects, at most ``max_rows`` of them; how many there are;
        the documents they cite."""
        with self.reading() as store:
            found, total = claim_pages.all_claims(store, query, self.version().facets, self.limits.max_rows)
            documents = {d.id: d for d in store.documents_in({c.doc for c in found})}
        return found, total, documents

    def documents(self, page: int = 1, per_page: int = 100) -> DocumentList:
        if page < 1 or not 1 <= per_page <= claim_pages.MAX_PER_PAGE:
            raise InputError(f"page must be 1 or more and per_page between 1 and {claim_pages.MAX_PER_PAGE}")
        with self.reading() as store:
            docs = self._documents(store)
            counts = self.version().links.whole(store, "claim counts", lambda: queries.claim_counts(store))
        ordered = sorted(docs.values(), key=lambda d: d.id)
        start = (page - 1) * per_page
        return DocumentList(tuple(ordered[start : start + per_page]), counts, len(ordered), page, per_page)

    def document(self, doc_id: str, passage: tuple[int, int] | None = None) -> DocumentView:
        with self.reading() as store:
            layers = queries.document_layers(store, doc_id)
        if passage is not None:
            start, end = passage
            if not 0 <= start < end <= len(layers.document.text):
                raise InputError(f"a passage of {doc_id!r} runs from 0 to {len(layers.document.text)}, not {start}-{end}")
        return DocumentView(layers, passage)

    def claim_location(self, claim_id: str) -> tuple[str, int]:
        """The document of a claim and the claim's number in it (NotFound: no such claim)."""
        with self.reading() as store:
            claim = store.claim(claim_id)
            return claim.doc, store.claim_numbers([claim.doc])[claim.id]

    def speaker_ids(self, doc_id: str) -> dict[str, str]:
        """Names as written in a document -> the id of the person each is."""
        with self.reading() as store:
            return {m.name: p.id for p in self._people(store) for m in p.mentions if m.doc == doc_id}

    def _documents(self, store: Store) -> dict[str, Document]:
        return self.version().links.whole(store, "documents", lambda: queries.documents_by_id(store))

    # ---- speakers ----------------------------------------------------------------------

    def _people(self, store: Store) -> list[CanonicalPerson]:
        return self.version().facets.people(store)

    def prepare(self) -> None:
        """Work out now what the claim filters and the speaker list need of the whole store
        (people, subjects, name indexes), so that the first readers do not wait for it."""
        try:
            with self.reading() as store:
                facets = self.version().facets
                facets.prepare(store)
            self.speakers()
            # what was just built lives as long as the store version: kept out of the
            # collector's full passes, which otherwise walk its hundreds of thousands of objects and stop
            # every request meanwhile
            gc.freeze()
        except (ClaimwatchError, sqlite3.Error) as exc:  # said again to the reader who needs it (or closed)
            log.warning("could not prepare the store's filters: %s", exc)

    def kept(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, computed once per store version (what a page derives from the store
        alone, such as its list of every speaker's name, or a page of claims as data)."""
        return self.version().kept.get(key, compute)

    def speakers(self) -> list[queries.Speaker]:
        with self.reading() as store:
            people = self._people(store)
            return self.version().links.whole(store, "speakers", lambda: queries.speakers(store, people))

    def speaker(self, person_id: str) -> SpeakerView:
        with self.reading() as store:
            people = self._people(store)
            row = next((s for s in self.speakers() if s.person.id == person_id), None)
            if row is None:
                raise NotFound(f"no speaker {person_id!r}")
            person = row.person
            keys = {(m.doc, m.name) for m in person.mentions}
            names = frozenset(name for _, name in keys)
            claims = [c for c in store.claims_selected(ClaimSelection(speakers=names)) if (c.doc, c.speaker) in keys]
            doc_ids = {doc for doc, _ in keys if doc}
            quotes = [q for doc in sorted(doc_ids) for q in store.quotes(doc) if (q.doc, q.speaker) in keys]
            documents = {d.id: d for d in store.documents_in(doc_ids)}
            numbers = store.claim_numbers(doc_ids)
        return SpeakerView(
            speaker=row, explanation=tuple(explain(person, people)), quotes=tuple(quotes), claims=tuple(claims),
            others=tuple(sorted(p.name for p in people if p.id != person.id)), documents=documents, numbers=numbers,
        )  # fmt: skip

    def person_named(self, name: str) -> CanonicalPerson:
        """The person an alias (or id) names, as the store now resolves people."""
        with self.reading() as store:
            found = find_person(name, self._people(store))
        if found is None:
            raise NotFound(f"no speaker named {name!r}")
        return found

    # ---- timelines ---------------------------------------------------------------------

    def subjects(self, min_claims: int = 2) -> list[SubjectCount]:
        """Measured subjects (with their country) that at least ``min_claims`` claims are about."""
        with self.reading() as store:
            groups = self.version().links.whole(store, "subjects", lambda: group_subjects(store.claims()))
        return [SubjectCount(g.key, g.scope, len(g.claims)) for g in groups if len(g.claims) >= min_claims]

    def timeline(self, subject: str, by: SeriesBy = "speaker") -> TimelineView:
        """One subject's dated figures, one series per person (aliases merged) or per outlet,
        and the charts they make (one per country and unit, two points or more)."""
        if not subject.strip():
            raise InputError("name a subject, e.g. 'exports'")
        if by not in ("speaker", "outlet"):
            raise InputError(f"a timeline's series are by speaker or outlet, not {by!r}")

        def compute() -> TimelineView:
            with self.reading() as store, store.uncapped():
                try:
                    points = links.timeline_points(store, subject)
                except NothingFound:
                    points = []
                if by == "outlet":
                    docs = self._documents(store)
                    points = [replace(p, series=(docs[p.doc].outlet if p.doc in docs else None) or UNKNOWN_OUTLET)
                              for p in points]  # fmt: skip
            return TimelineView(subject, by, tuple(points), tuple(charts_for(points, subject)))

        return self.version().links.get(("timeline", subject, by), compute)

    # ---- talking points, stories, findings ---------------------------------------------

    def _all_points(self, store: Store) -> list[TalkingPoint]:
        return self.version().links.whole(store, "all points", lambda: links.current_index(store).talking_points())

    def talking_points(self, min_docs: int = 2) -> TalkingPointMatrix:
        with self.reading() as store:
            points = links.talking_points(store, min_docs=min_docs, all_points=self._all_points(store))
        cells: dict[str, dict[str, int]] = defaultdict(dict)
        for p in points:
            for outlet, n in Counter(o.outlet or UNKNOWN_OUTLET for o in p.occurrences).items():
                cells[outlet][p.id] = n
        return TalkingPointMatrix(tuple(points), tuple(sorted(cells)), dict(cells))

    def talking_point(self, point_id: str, outlet: str | None = None) -> TalkingPointCell:
        with self.reading() as store:
            point = next((p for p in self._all_points(store) if p.id == point_id), None)
        if point is None:
            raise NotFound(f"no talking point {point_id!r}")
        chosen = [o for o in point.occurrences if outlet is None or (o.outlet or UNKNOWN_OUTLET) == outlet]
        if not chosen:
            raise NotFound(f"talking point {point_id!r} has no occurrence in {outlet!r}")
        return TalkingPointCell(point, outlet, tuple(ComparedOccurrence(o, word_diff(point.text, o.evidence)) for o in chosen))

    def stories(self) -> list[Story]:
        with self.reading() as store:
            points = self._all_points(store)
            return self.version().links.whole(store, "stories", lambda: links.stories(store, points))

    def story(self, story_id: str) -> StoryView:
        story = next((s for s in self.stories() if s.id == story_id), None)
        if story is None:
            raise NotFound(f"no story {story_id!r}")
        with self.reading() as store:
            docs = self._documents(store)
        passages = tuple(passage(docs[p.doc], p.start, p.end, context=0) for p in story.passages if p.doc in docs)
        return StoryView(story, passages, {p.doc: docs[p.doc] for p in passages})

    def findings(self) -> list[Finding]:
        stories = self.stories()
        with self.reading() as store:
            return self.version().links.whole(store, "findings", lambda: links.findings(store, stories))

    def finding(self, finding_id: str) -> FindingView:
        found = next((f for f in self.findings() if f.id == finding_id), None)
        if found is None:
            raise NotFound(f"no finding {finding_id!r}")
        with self.reading() as store:
            docs = self._documents(store)
        evidence = tuple(passage(docs[e.doc], e.start, e.end) for e in found.evidence if e.doc in docs)
        return FindingView(found, evidence, {p.doc: docs[p.doc] for p in evidence})

    def cited(self, doc_ids: Sequence[str]) -> dict[str, Document]:
        """The documents these ids name (for citing records)."""
        with self.reading() as store:
            docs = self._documents(store)
        return {d: docs[d] for d in doc_ids if d in docs}

    # ---- writes (the web layer checks that they are allowed) ----------------------------

    def decide_speakers(self, kind: Literal["merge", "split"], a: str, b: str) -> CanonicalPerson:
        """Record a merge or split of two names (kept across re-extraction); the person
        ``a`` now names."""
        a, b = a.strip(), b.strip()
        if not a or not b or a == b:
            raise InputError("a merge or split needs two different names")
        self.person_named(a)
        self.person_named(b)
        with Store(self.path, writer=True) as store:
            store.add_speaker_decision(kind, a, b)
        return self.person_named(a)
