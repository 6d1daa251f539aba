"""Read-side queries shared by the CLI, the report and the eval: typed records out
(``Claim``, ``Document``, ``Quote``, ``Person`` as the store reads them back, and the
cross-document people of ``claimwatch.link.aliases``). Rendering them is
``claimwatch.exports``'s job."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any, Literal

from ..errors import InputError, NotFound
from ..lexicon import subjects as subjects_lex
from ..lexicon import user as user_lexicon
from ..link.aliases import CanonicalPerson, explain, parse_name, resolve_people, same_person
from ..link.subjects import dominant_scope, key_matcher, normalize_subject
from ..model import CLAIM_KINDS, Claim, Document, Person, Quote, TimeExpression, UserDecision
from ..store import Store

SortKey = Literal["doc", "published", "said_on", "period", "value", "confidence"]
SORT_KEYS: tuple[str, ...] = ("doc", "published", "said_on", "period", "value", "confidence")


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to read. ``speaker`` matches a canonical person by any alias (a surname
    alone when only one person bears it); ``subject`` matches the normalised subject
    ("defence exports" finds "arms exports") or words of the subject or evidence;
    ``country`` the subject's country, else the document's."""

    speaker: str | None = None
    subject: str | None = None
    since: date | None = None  # period or said_on on/after
    until: date | None = None
    doc: str | None = None
    kind: str | None = None
    outlet: str | None = None  # words of the document's outlet
    country: str | None = None
    min_confidence: float | None = None
    limit: int | None = None
    sort: SortKey = "doc"

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InputError(f"--since {self.since} is after --until {self.until}")
        if self.kind is not None and self.kind not in CLAIM_KINDS:
            raise InputError(f"--kind must be one of {', '.join(CLAIM_KINDS)}, not {self.kind!r}")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise InputError(f"--min-confidence must be between 0 and 1, not {self.min_confidence}")
        if self.limit is not None and self.limit < 1:
            raise InputError(f"--limit must be 1 or more, not {self.limit}")
        if self.sort not in SORT_KEYS:
            raise InputError(f"--sort must be one of {', '.join(SORT_KEYS)}, not {self.sort!r}")
        if self.country is not None and country_code(self.country) is None:
            raise InputError(f"--country {self.country!r} is not a country the subject lexicon knows")

    def describe(self) -> str:
        """The filters set, as options ("--speaker 'Farahi' --kind amount")."""
        default = ClaimFilter()
        return " ".join(
            f"--{f.name.replace('_', '-')} {_shown(getattr(self, f.name))}"
            for f in fields(self)
            if getattr(self, f.name) != getattr(default, f.name) and f.name not in ("limit", "sort")
        )


def _shown(value: object, limit: int = 60) -> str:
    """A filter value as a message shows it: a very long one cut, so the message stays one line."""
    text = str(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text)} characters)"


def country_code(name: str) -> str | None:
    """The subject lexicon's name of a country given by any of its names (None: unknown)."""
    words = name.strip().lower()
    return subjects_lex.COUNTRIES.get(words) or (words if words in subjects_lex.COUNTRIES.values() else None)


def _claim_order(c: Claim) -> tuple[str, int, int]:
    return (c.doc, c.start, c.end)


def _contains(haystack: str | None, needle: str) -> bool:
    return needle.lower() in (haystack or "").lower()


def speaker_names(people: Iterable[CanonicalPerson], query: str) -> set[str]:
    """Every name (aliases and as written in each document) of the people ``query`` names.

    A full name matches a person when one of their aliases is the same name in another
    spelling ("Mahdi Farahi" / "Mehdi Farahi"); a surname alone only when one person
    bears it (several: InputError naming them)."""
    found = [p for p in people if any(same_person(query, alias) for alias in p.aliases)]
    if len(found) > 1 and parse_name(query).is_bare:
        names = "; ".join(sorted(p.name for p in found))
        raise InputError(f"{query!r} names {len(found)} people ({names}): give a fuller name")
    return {n for p in found for n in (*p.aliases, *(m.name for m in p.mentions))}


def subject_matches(subject: str | None, evidence: str, query: str, key: str | None = None) -> bool:
    """Whether a claim's subject answers ``query``: its normalised ``key`` (computed when not
    given) has the query's words, else every word is in the subject or evidence."""
    return subject_matcher(query)(subject, evidence, normalize_subject(subject, evidence).key if key is None else key)


def subject_matcher(query: str) -> Callable[[str | None, str, str], bool]:
    """``subject_matches`` of one query for many claims (subject, evidence, normalised key),
    the query normalised once."""
    matches_key = key_matcher(query)
    words = query.split()

    def matches(subject: str | None, evidence: str, key: str) -> bool:
        return matches_key(key) or all(_contains(subject, w) or _contains(evidence, w) for w in words)

    return matches




def _in_time(c: Claim, flt: ClaimFilter) -> bool:
    # an open period or a claim with only a statement date is placed by what it has
    latest = c.period_end or c.said_on or c.period_start
    earliest = c.period_start or c.said_on or c.period_end
    if flt.since and (latest is None or latest < flt.since):
        return False
    return not (flt.until and (earliest is None or earliest > flt.until))


def _tests(store: Store, flt: ClaimFilter, docs: Mapping[str, Document]) -> list[Callable[[Claim], bool]]:
    """One predicate per filter that is set."""
    tests: list[Callable[[Claim], bool]] = []
    if flt.speaker:
        query = flt.speaker
        names = speaker_names(resolved_people(store), query)
        tests.append(lambda c: bool(c.speaker) and (
            c.speaker in names or _contains(c.speaker, query) or same_person(query, c.speaker or "")))  # fmt: skip
    if flt.kind:
        tests.append(lambda c: c.kind == flt.kind)
    if flt.subject:
        subject_matches_query = subject_matcher(flt.subject)
        tests.append(lambda c: subject_matches_query(c.subject, c.evidence, normalize_subject(c.subject, c.evidence).key))
    if flt.since or flt.until:
        tests.append(lambda c: _in_time(c, flt))
    if flt.outlet:
        outlet = flt.outlet
        tests.append(lambda c: c.doc in docs and _contains(docs[c.doc].outlet, outlet))
    if flt.min_confidence is not None:
        floor = flt.min_confidence
        tests.append(lambda c: c.confidence >= floor)
    if flt.country:
        country = country_code(flt.country)
        doc_scope = {d.id: dominant_scope([d.title, d.text]) for d in docs.values()}
        tests.append(lambda c: (normalize_subject(c.subject, c.evidence).scope or doc_scope.get(c.doc)) == country)
    return tests


def _sort_key(flt: ClaimFilter, docs: Mapping[str, Document]) -> Callable[[Claim], Any]:
    last = date.max
    keys: dict[str, Callable[[Claim], Any]] = {
        "doc": _claim_order,
        "published": lambda c: ((docs[c.doc].published if c.doc in docs else None) or last, *_claim_order(c)),
        "said_on": lambda c: (c.said_on or last, *_claim_order(c)),
        "period": lambda c: (c.period_start or c.period_end or last, *_claim_order(c)),
        "value": lambda c: (-c.value, *_claim_order(c)),
        "confidence": lambda c: (-c.confidence, *_claim_order(c)),
    }
    return keys[flt.sort]


def claims(store: Store, flt: ClaimFilter = ClaimFilter()) -> list[Claim]:
    """Stored claims that pass ``flt``, in its order (by document and position unless
    sorted otherwise; value and confidence highest first), at most ``flt.limit``."""
    docs = documents_by_id(store) if flt.outlet or flt.country or flt.sort == "published" else {}
    tests = _tests(store, flt, docs)
    found = [c for c in store.claims(doc=flt.doc) if all(t(c) for t in tests)]
    found.sort(key=_sort_key(flt, docs))
    return found[: flt.limit] if flt.limit else found


def documents(store: Store) -> list[Document]:
    return store.documents()


def documents_by_id(store: Store) -> dict[str, Document]:
    return {d.id: d for d in store.documents()}


def claim_counts(store: Store) -> dict[str, int]:
    """Number of claims per document (every stored document, 0 when it has none)."""
    counts = store.claim_counts()
    return {d: counts.get(d, 0) for d in store.document_ids()}


def quotes(store: Store, speaker: str | None = None, doc: str | None = None) -> list[Quote]:
    """Stored quotes, by document and position; ``speaker`` as for claims."""
    found = store.quotes(doc=doc)
    if speaker:
        names = speaker_names(resolved_people(store), speaker)
        found = [q for q in found if q.speaker and (q.speaker in names or _contains(q.speaker, speaker))]
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


def configured_aliases() -> list[UserDecision]:
    """The names claimwatch.toml ``[lexicon] aliases`` gives one person, as merges."""
    return [UserDecision("merge", name, other) for name, others in user_lexicon.EXTENSIONS.aliases.items() for other in others]


def resolved_people(store: Store) -> list[CanonicalPerson]:
    """Canonical people across the store, with the configured aliases and the user's merges
    and splits applied (a split recorded in the store wins over a configured alias).

    Exact copies of a text (``Document.copy_of``) name the same people as their original:
    people are resolved over the originals' mentions, and each copy's mention joins the
    person its original's mention of that name joined (so a wire text stored a hundred
    times costs one resolution, not a hundred times as many name pairs)."""
    copy_of = {d.id: d.copy_of for d in store.documents() if d.copy_of and d.copy_of != d.id}
    mentions = person_mentions(store)
    own = [m for m in mentions if m.doc not in copy_of]
    people = resolve_people(own, [*configured_aliases(), *store.speaker_decisions()])
    copied: dict[tuple[str | None, str], list[Person]] = defaultdict(list)
    for m in mentions:
        if m.doc in copy_of:
            copied[(copy_of[m.doc], m.name)].append(m)
    if not copied:
        return people
    return [replace(p, mentions=p.mentions + tuple(c for m in p.mentions for c in copied.get((m.doc, m.name), ())))
            for p in people]  # fmt: skip


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
    # counted by SQL: reading every claim and quote back as records cost seconds on a large store
    quote_counts = store.speaker_counts("quotes")
    claim_counts = store.speaker_counts("claims")
    rows = []
    for p in people:
        keys = {(m.doc, m.name) for m in p.mentions}
        rows.append(Speaker(
            person=p,
            documents=len({m.doc for m in p.mentions}),
            quotes=sum(quote_counts.get(k, 0) for k in keys),
            claims=sum(claim_counts.get(k, 0) for k in keys),
        ))  # fmt: skip
    rows.sort(key=lambda r: (-r.claims, -r.quotes, r.person.name))
    return rows


def people_named(people: Iterable[CanonicalPerson], query: str) -> list[CanonicalPerson]:
    """The people ``query`` names, as ``--speaker`` reads it (see ``speaker_names``)."""
    names = speaker_names(people, query)
    return [p for p in people if names & set(p.aliases)]


def explain_speaker(people: list[CanonicalPerson], query: str) -> list[str]:
    """Why each alias of the person ``query`` names is that person (NotFound: nobody)."""
    found = people_named(people, query)
    if not found:
        raise NotFound(f"no speaker named {query!r}")
    return [line for person in found for line in explain(person, people)]


def series_names(people: Iterable[CanonicalPerson]) -> dict[tuple[str, str], str]:
    """(document, name as written there) -> the person's canonical name."""
    return {(m.doc or "", m.name): p.name for p in people for m in p.mentions}
