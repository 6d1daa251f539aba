"""Pages of claims: the filters of ``queries.ClaimFilter`` plus full-text search, counted
and cut into pages by SQL, so that a page of a large store costs what the page holds.

What SQL cannot work out itself (the names a speaker goes by, the documents of an
outlet, the claims about a subject or in a country) is worked out here by the functions
``queries.claims`` uses, once per store version (``Memo``), and handed to the store as
sets: a page lists exactly the claims ``queries.claims`` lists for the same filter, in
the same order (held by a property test).
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ..errors import InputError
from ..link.aliases import CanonicalPerson, name_tokens, same_person
from ..link.subjects import NormalizedSubject, dominant_scope, key_matcher, normalize_subject
from ..model import Claim, Document
from ..store import ClaimSelection, Store
from . import queries

MAX_PER_PAGE = 500
T = TypeVar("T")
SubjectKeys = dict[tuple[str | None, str], NormalizedSubject]


class Memo:
    """Values computed once per key and kept, for the readers of one store version; at most
    ``limit`` keys (the oldest go first). A key is computed by one thread while the others
    asking for it wait; other keys are served meanwhile."""

    def __init__(self, limit: int = 512) -> None:
        self._values: dict[Hashable, object] = {}
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self._limit = limit

    def whole(self, store: Store, key: Hashable, compute: Callable[[], T]) -> T:
        """``get`` of a value read from the whole store: computed once, so its statements
        run without the per-statement time cap."""

        def uncapped() -> T:
            with store.uncapped():
                return compute()

        return self.get(key, uncapped)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                return self._values[key]  # type: ignore[return-value]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]  # type: ignore[return-value]
            value = compute()
            with self._lock:
                if len(self._values) >= self._limit:
                    self._values.pop(next(iter(self._values)))
                self._values[key] = value
                self._computing.pop(key, None)
            return value


@dataclass(frozen=True)
class ClaimQuery:
    """A claims filter, words to search for, and which page of how many claims."""

    filter: queries.ClaimFilter = field(default_factory=queries.ClaimFilter)
    search: str = ""
    page: int = 1
    per_page: int = 50

    def __post_init__(self) -> None:
        if self.page < 1:
            raise InputError(f"page must be 1 or more, not {self.page}")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise InputError(f"per_page must be between 1 and {MAX_PER_PAGE}, not {self.per_page}")
        if self.filter.limit is not None:
            raise InputError("a page of claims is cut by page and per_page, not by a limit")


@dataclass(frozen=True)
class ClaimPage:
    """One page of the claims a query selects, with the documents they cite and each
    claim's number in its document (``/doc/ID#claim-N``)."""

    query: ClaimQuery
    claims: tuple[Claim, ...]
    total: int
    documents: Mapping[str, Document]
    numbers: Mapping[str, int]

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.query.per_page))


class ClaimFacets:
    """What the filters need beyond SQL for one store version, computed on first use.

    ``keys`` (a claim's normalised subject, by subject and evidence) outlives versions:
    the caller hands the same dict to the next version's facets, so that a store growing
    under the reader normalises only what it adds."""

    def __init__(self, memo: Memo, keys: SubjectKeys) -> None:
        self.memo = memo
        self.keys = keys

    def prepare(self, store: Store) -> None:
        """Compute now what filters need of the whole store (people, name indexes, subjects)."""
        self._name_index(store)
        self._lowered_speakers(store)
        self._subjects(store)
        self.memo.whole(store, "outlets", store.document_outlets)

    def people(self, store: Store) -> list[CanonicalPerson]:
        return self.memo.whole(store, "people", lambda: queries.resolved_people(store))

    def _name_index(self, store: Store) -> tuple[dict[str, list[int]], dict[str, set[str]]]:
        """People (by position) and claim speaker names by ``name_tokens``, once per store version."""

        def compute() -> tuple[dict[str, list[int]], dict[str, set[str]]]:
            people: dict[str, list[int]] = defaultdict(list)
            for n, person in enumerate(self.people(store)):
                for token in {t for alias in person.aliases for t in name_tokens(alias)}:
                    people[token].append(n)
            speakers: dict[str, set[str]] = defaultdict(set)
            for name in self.memo.whole(store, "claim speakers", store.claim_speakers):
                for token in name_tokens(name or ""):
                    speakers[token].add(name)
            return people, speakers

        return self.memo.whole(store, "name index", compute)

    def speakers(self, store: Store, query: str) -> frozenset[str]:
        """The speaker names of the claims ``--speaker query`` keeps (as ``queries.claims``);
        only the people and names that share a name key with the query are compared with it."""

        def compute() -> frozenset[str]:
            people = self.people(store)
            people_by_token, speakers_by_token = self._name_index(store)
            tokens = name_tokens(query)
            near = sorted({n for t in tokens for n in people_by_token.get(t, ())})
            names = queries.speaker_names([people[n] for n in near], query)
            close = {s for t in tokens for s in speakers_by_token.get(t, ())}
            lowered = query.lower()
            speakers, known, lowered_speakers = self._lowered_speakers(store)
            containing = {speakers[n] for n in lowered_speakers.containing(lowered)}
            return frozenset((names & known) | containing | {s for s in close if same_person(query, s)})

        return self.memo.get(("speaker", query), compute)

    def _lowered_speakers(self, store: Store) -> tuple[list[str], frozenset[str], JoinedTexts]:
        """Every claim speaker name, as a list and a set, and the names lower-cased for
        searching, once per store version."""

        def compute() -> tuple[list[str], frozenset[str], JoinedTexts]:
            names = [s for s in self.memo.whole(store, "claim speakers", store.claim_speakers) if s]
            return names, frozenset(names), JoinedTexts([s.lower() for s in names])

        return self.memo.whole(store, "lowered speakers", compute)

    def outlet_docs(self, store: Store, words: str) -> frozenset[str]:
        lowered = words.lower()
        outlets = self.memo.whole(store, "outlets", store.document_outlets)
        return self.memo.get(("outlet", words), lambda: frozenset(d for d, o in outlets.items() if lowered in (o or "").lower()))

    def _subjects(self, store: Store) -> _SubjectRows:
        def compute() -> _SubjectRows:
            rows = _SubjectRows()
            for rowid, doc, subject, evidence in store.claim_subjects():
                norm = self.keys.get((subject, evidence))
                if norm is None:
                    norm = self.keys[(subject, evidence)] = normalize_subject(subject, evidence)
                rows.add(rowid, doc, norm, subject, evidence)
            rows.joined()  # built here, once, rather than by the first reader who searches
            return rows

        return self.memo.whole(store, "subjects", compute)

    def subject_rowids(self, store: Store, query: str) -> frozenset[int]:
        """The claims ``--subject query`` keeps (as ``queries.subject_matches``): the query is
        matched once against each distinct normalised key, and its words against the
        lower-cased subject and evidence kept for the store version."""
        rows = self._subjects(store)

        def compute() -> frozenset[int]:
            matches_key = key_matcher(query)
            found = {rowid for key, rowids in rows.by_key.items() if matches_key(key) for rowid in rowids}
            # a word holds no whitespace, so it is in the subject or the evidence exactly when
            # it is in the two joined by a line break
            words = query.lower().split()
            if words:
                found.update(rows.rowids[n] for n in rows.joined().containing_all(words))
            return frozenset(found)

        return self.memo.get(("subject", query), compute)

    def country_rowids(self, store: Store, country: str) -> frozenset[int]:
        code = queries.country_code(country)
        rows = self._subjects(store)
        scopes = self.memo.whole(store, "document scopes", lambda: {
            d.id: dominant_scope([d.title, d.text]) for d in store.documents()})  # fmt: skip
        return self.memo.get(("country", code), lambda: frozenset(
            rowid for rowid, doc, scope in zip(rows.rowids, rows.docs, rows.scopes, strict=True)
            if (scope or scopes.get(doc)) == code))  # fmt: skip


class JoinedTexts:
    """Many texts joined into one string, to find which of them contain some words: one
    ``str.find`` pass over the joined string instead of an ``in`` test per text (a filter's
    words are found in a few of 100,000 texts)."""

    SEPARATOR = "\x00"
    FEW = 20  # a word in more than one text in FEW is searched text by text

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.starts: list[int] = []
        at = 0
        for text in texts:
            self.starts.append(at)
            at += len(text) + 1
        self.joined = self.SEPARATOR.join(texts)

    def containing(self, word: str) -> list[int]:
        """The positions (in ``texts``) of the texts that contain ``word``, in order."""
        # a word that could match across two texts, or one in many texts (a step of
        # Python per match costs more than a test of every text): a test per text
        if not word or self.SEPARATOR in word or self.joined.count(word) > len(self.texts) // self.FEW:
            return [n for n, text in enumerate(self.texts) if word in text]
        found: list[int] = []
        at = self.joined.find(word)
        while at != -1:
            n = bisect_right(self.starts, at) - 1
            found.append(n)
            # the next match after this text (one text is listed once)
            next_start = self.starts[n + 1] if n + 1 < len(self.starts) else len(self.joined)
            at = self.joined.find(word, next_start)
        return found

    def containing_all(self, words: Sequence[str]) -> list[int]:
        """The positions of the texts that contain every word (none given: every text)."""
        if not words:
            return list(range(len(self.texts)))
        selected = self.containing(words[0])
        for word in words[1:]:
            selected = [n for n in selected if word in self.texts[n]]
        return selected


class _SubjectRows:
    """What the subject and country filters read of every claim, worked out once per store
    version: by claim (rowid, document, subject scope, lower-cased subject and evidence)
    and the rowids of each normalised subject key."""

    def __init__(self) -> None:
        self.rowids: list[int] = []
        self.docs: list[str] = []
        self.scopes: list[str | None] = []
        self.texts: list[str] = []
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self._joined: JoinedTexts | None = None

    def add(self, rowid: int, doc: str, norm: NormalizedSubject, subject: str | None, evidence: str) -> None:
        self.rowids.append(rowid)
        self.docs.append(doc)
        self.scopes.append(norm.scope)
        self.texts.append(f"{(subject or '').lower()}\n{evidence.lower()}")
        self.by_key[norm.key].append(rowid)
        self._joined = None  # joined again with this row

    def joined(self) -> JoinedTexts:
        """``texts`` joined for word search (built on first use, once all rows are added)."""
        if self._joined is None:
            self._joined = JoinedTexts(self.texts)
        return self._joined


def selection(store: Store, query: ClaimQuery, facets: ClaimFacets) -> ClaimSelection:
    """The store's selection for a query: the filters SQL reads as they are, the others as
    the sets ``facets`` works out."""
    flt = query.filter
    rowids: frozenset[int] | None = None
    if flt.subject:
        rowids = facets.subject_rowids(store, flt.subject)
    if flt.country:
        in_country = facets.country_rowids(store, flt.country)
        rowids = in_country if rowids is None else rowids & in_country
    return ClaimSelection(
        doc=flt.doc, kind=flt.kind, min_confidence=flt.min_confidence, since=flt.since, until=flt.until,
        docs=facets.outlet_docs(store, flt.outlet) if flt.outlet else None,
        speakers=facets.speakers(store, flt.speaker) if flt.speaker else None,
        rowids=rowids, search=tuple(query.search.split()), sort=flt.sort,
    )  # fmt: skip


def claim_page(store: Store, query: ClaimQuery, facets: ClaimFacets) -> ClaimPage:
    """The page ``query`` asks for (past the last page: no claims, the total still said)."""
    if query.search.split() and not store.has_search_index():
        raise InputError("this store has no full-text index yet: run `claimwatch add` or `claimwatch reextract` once")
    sel = selection(store, query, facets)
    total = store.count_selected(sel)
    offset = (query.page - 1) * query.per_page
    claims = tuple(store.claims_selected(sel, offset, query.per_page)) if offset < total else ()
    doc_ids = {c.doc for c in claims}
    return ClaimPage(
        query=query, claims=claims, total=total, documents={d.id: d for d in store.documents_in(doc_ids)},
        numbers=store.claim_numbers_of(c.id for c in claims),
    )


def all_claims(store: Store, query: ClaimQuery, facets: ClaimFacets, limit: int) -> tuple[list[Claim], int]:
    """Every claim the query selects up to ``limit`` (its page ignored), and how many there are."""
    sel = selection(store, query, facets)
    return store.claims_selected(sel, 0, limit), store.count_selected(sel)
