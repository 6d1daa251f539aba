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
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from ..errors import InputError
from ..link.aliases import CanonicalPerson, same_person
from ..link.subjects import NormalizedSubject, dominant_scope, normalize_subject
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

    def people(self, store: Store) -> list[CanonicalPerson]:
        return self.memo.whole(store, "people", lambda: queries.resolved_people(store))

    def speakers(self, store: Store, query: str) -> frozenset[str]:
        """The speaker names of the claims ``--speaker query`` keeps (as ``queries.claims``)."""

        def compute() -> frozenset[str]:
            names = queries.speaker_names(self.people(store), query)
            lowered = query.lower()
            return frozenset(
                s for s in self.memo.whole(store, "claim speakers", store.claim_speakers)
                if s and (s in names or lowered in s.lower() or same_person(query, s))
            )  # fmt: skip

        return self.memo.get(("speaker", query), compute)

    def outlet_docs(self, store: Store, words: str) -> frozenset[str]:
        lowered = words.lower()
        outlets = self.memo.whole(store, "outlets", store.document_outlets)
        return self.memo.get(("outlet", words), lambda: frozenset(d for d, o in outlets.items() if lowered in (o or "").lower()))

    def _subjects(self, store: Store) -> list[tuple[str, str, str | None, str, NormalizedSubject]]:
        def compute() -> list[tuple[str, str, str | None, str, NormalizedSubject]]:
            rows = []
            for claim_id, doc, subject, evidence in store.claim_subjects():
                norm = self.keys.get((subject, evidence))
                if norm is None:
                    norm = self.keys[(subject, evidence)] = normalize_subject(subject, evidence)
                rows.append((claim_id, doc, subject, evidence, norm))
            return rows

        return self.memo.whole(store, "subjects", compute)

    def subject_ids(self, store: Store, query: str) -> frozenset[str]:
        rows = self._subjects(store)
        matches = queries.subject_matcher(query)
        return self.memo.get(("subject", query), lambda: frozenset(r[0] for r in rows if matches(r[2], r[3], r[4].key)))

    def country_ids(self, store: Store, country: str) -> frozenset[str]:
        code = queries.country_code(country)
        rows = self._subjects(store)
        scopes = self.memo.whole(store, "document scopes", lambda: {
            d.id: dominant_scope([d.title, d.text]) for d in store.documents()})  # fmt: skip
        return self.memo.get(("country", code), lambda: frozenset(
            r[0] for r in rows if (r[4].scope or scopes.get(r[1])) == code))  # fmt: skip


def selection(store: Store, query: ClaimQuery, facets: ClaimFacets) -> ClaimSelection:
    """The store's selection for a query: the filters SQL reads as they are, the others as
    the sets ``facets`` works out."""
    flt = query.filter
    ids: frozenset[str] | None = None
    if flt.subject:
        ids = facets.subject_ids(store, flt.subject)
    if flt.country:
        in_country = facets.country_ids(store, flt.country)
        ids = in_country if ids is None else ids & in_country
    return ClaimSelection(
        doc=flt.doc, kind=flt.kind, min_confidence=flt.min_confidence, since=flt.since, until=flt.until,
        docs=facets.outlet_docs(store, flt.outlet) if flt.outlet else None,
        speakers=facets.speakers(store, flt.speaker) if flt.speaker else None,
        ids=ids, search=tuple(query.search.split()), sort=flt.sort,
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
        numbers=store.claim_numbers(doc_ids),
    )


def all_claims(store: Store, query: ClaimQuery, facets: ClaimFacets, limit: int) -> tuple[list[Claim], int]:
    """Every claim the query selects up to ``limit`` (its page ignored), and how many there are."""
    sel = selection(store, query, facets)
    return store.claims_selected(sel, 0, limit), store.count_selected(sel)
