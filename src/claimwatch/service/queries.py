"""Read-side queries shared by the CLI, the report and the eval: typed records out
(``Claim``, ``Document``, ``Quote``, ``Person`` as the store reads them back, and the
cross-document people of ``claimwatch.link.aliases``). Rendering them is
``claimwatch.exports``'s job."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..link.aliases import CanonicalPerson, resolve_people
from ..model import Claim, Document, Person, Quote, TimeExpression
from ..store import Store


@dataclass(frozen=True)
class ClaimFilter:
    speaker: str | None = None
    subject: str | None = None  # words that must all appear in the subject or evidence
    since: date | None = None  # period or said_on on/after
    until: date | None = None
    doc: str | None = None
    kind: str | None = None


def _claim_order(c: Claim) -> tuple[str, int, int]:
    return (c.doc, c.start, c.end)


def _contains(haystack: str | None, needle: str) -> bool:
    return needle.lower() in (haystack or "").lower()


def _matches(c: Claim, flt: ClaimFilter) -> bool:
    if flt.speaker and not _contains(c.speaker, flt.speaker):
        return False
    if flt.kind and c.kind != flt.kind:
        return False
    if any(not (_contains(c.subject, w) or _contains(c.evidence, w)) for w in (flt.subject or "").split()):
        return False
    # an open period or a claim with only a statement date is placed by what it has
    latest = c.period_end or c.said_on or c.period_start
    earliest = c.period_start or c.said_on or c.period_end
    if flt.since and (latest is None or latest < flt.since):
        return False
    return not (flt.until and (earliest is None or earliest > flt.until))


def claims(store: Store, flt: ClaimFilter = ClaimFilter()) -> list[Claim]:
    """Stored claims that pass ``flt``, by document and position."""
    found = [c for c in store.claims(doc=flt.doc) if _matches(c, flt)]
    return sorted(found, key=_claim_order)


def documents(store: Store) -> list[Document]:
    return store.documents()


def documents_by_id(store: Store) -> dict[str, Document]:
    return {d.id: d for d in store.documents()}


def claim_counts(store: Store) -> dict[str, int]:
    """Number of claims per document (every stored document, 0 when it has none)."""
    counts = store.claim_counts()
    return {d: counts.get(d, 0) for d in store.document_ids()}


def quotes(store: Store, speaker: str | None = None, doc: str | None = None) -> list[Quote]:
    found = store.quotes(doc=doc)
    if speaker:
        found = [q for q in found if _contains(q.speaker, speaker)]
    return sorted(found, key=lambda q: (q.doc or "", q.start))


@dataclass(frozen=True)
class DocumentLayers:
    """A document with its extracted layers (for ``show``)."""

    document: Document
    claims: tuple[Claim, ...]
    quotes: tuple[Quote, ...]
    times: tuple[TimeExpression, ...]


def document_layers(store: Store, doc_id: str) -> DocumentLayers:
    """A document and its claims, quotes and time expressions (raises NotFound)."""
    document = store.document(doc_id)
    return DocumentLayers(
        document=document,
        claims=tuple(sorted(store.claims(doc=doc_id), key=_claim_order)),
        quotes=tuple(store.quotes(doc=doc_id)),
        times=tuple(store.times(doc_id)),
    )


def texts(store: Store) -> dict[str, str]:
    return {d.id: d.text for d in store.documents()}


# ---- speakers across documents ------------------------------------------------------


def person_mentions(store: Store) -> list[Person]:
    """Every person seen in every document, and every quoted source not among them."""
    mentions = store.people()
    seen = {(p.doc, p.name) for p in mentions}
    published = {d.id: d.published for d in store.documents()}
    for q in store.quotes():
        if q.speaker and (q.doc, q.speaker) not in seen:
            seen.add((q.doc, q.speaker))
            mentions.append(Person(name=q.speaker, title=q.speaker_title, role=q.speaker_role, doc=q.doc,
                                   published=published.get(q.doc or "")))  # fmt: skip
    return mentions


def resolved_people(store: Store) -> list[CanonicalPerson]:
    """Canonical people across the store, with the user's merges and splits applied."""
    return resolve_people(person_mentions(store), store.speaker_decisions())


@dataclass(frozen=True)
class Speaker:
    """A canonical person with what the store holds of them."""

    person: CanonicalPerson
    documents: int
    quotes: int
    claims: int

    @property
    def roles(self) -> tuple[str, ...]:
        """Distinct roles with the date they were stated, sorted."""
        return tuple(sorted({
            s.role + (f" ({s.published})" if s.published else "") for s in self.person.roles if s.role
        }))  # fmt: skip


def speakers(store: Store, people: list[CanonicalPerson] | None = None) -> list[Speaker]:
    """One row per canonical person: aliases, roles, documents, quotes and claims."""
    people = resolved_people(store) if people is None else people
    quote_counts: Counter[tuple[str | None, str | None]] = Counter((q.doc, q.speaker) for q in store.quotes())
    claim_counts: Counter[tuple[str | None, str | None]] = Counter((c.doc, c.speaker) for c in store.claims())
    rows = []
    for p in people:
        keys: set[tuple[str | None, str | None]] = {(m.doc, m.name) for m in p.mentions}
        rows.append(Speaker(
            person=p,
            documents=len({m.doc for m in p.mentions}),
            quotes=sum(quote_counts.get(k, 0) for k in keys),
            claims=sum(claim_counts.get(k, 0) for k in keys),
        ))  # fmt: skip
    rows.sort(key=lambda r: (-r.claims, -r.quotes, r.person.name))
    return rows
