"""Read-side queries shared by the CLI, the web app and the eval: plain dicts out."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ..calendars import as_date
from ..link.aliases import CanonicalPerson, PersonMention, UserDecision, resolve_people
from ..model import Claim, Document, Extraction
from ..store import Store

# The claims export contract: field names and order (later tools depend on it).
CLAIM_FIELDS = (
    "id", "doc", "evidence", "start", "end", "kind", "value", "value_high", "unit", "subject",
    "speaker", "speaker_role", "period_start", "period_end", "period_text", "said_on", "confidence",
)  # fmt: skip


@dataclass(frozen=True)
class ClaimFilter:
    speaker: str | None = None
    subject: str | None = None  # words that must all appear in the subject or evidence
    since: date | None = None  # period or said_on on/after
    until: date | None = None
    doc: str | None = None
    kind: str | None = None


def _number(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def claims(store: Store, flt: ClaimFilter = ClaimFilter()) -> list[dict[str, Any]]:
    sql = ["SELECT * FROM claims WHERE 1=1"]
    params: list[Any] = []
    if flt.speaker:
        sql.append("AND speaker LIKE ?")
        params.append(f"%{flt.speaker}%")
    if flt.doc:
        sql.append("AND doc_id = ?")
        params.append(flt.doc)
    if flt.kind:
        sql.append("AND kind = ?")
        params.append(flt.kind)
    for word in (flt.subject or "").split():
        sql.append("AND (lower(coalesce(subject, '')) LIKE ? OR lower(evidence) LIKE ?)")
        params += [f"%{word.lower()}%", f"%{word.lower()}%"]
    if flt.since:
        sql.append("AND coalesce(period_end, said_on, period_start) >= ?")
        params.append(flt.since.isoformat())
    if flt.until:
        sql.append("AND coalesce(period_start, said_on, period_end) <= ?")
        params.append(flt.until.isoformat())
    sql.append('ORDER BY doc_id, start, "end"')
    out = []
    for row in store.rows(" ".join(sql), params):
        d = {k: row[k] for k in row.keys()}
        d["doc"] = d.pop("doc_id")
        rec = {k: _number(d.get(k)) for k in CLAIM_FIELDS}
        rec["hedge"] = d["hedge"]
        rec["restates"] = d["restates"]
        out.append(rec)
    return out


def documents(store: Store) -> list[dict[str, Any]]:
    rows = store.rows(
        "SELECT d.id, d.outlet, d.published, d.title, d.source, length(d.text) AS chars,"
        " (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims"
        " FROM documents d ORDER BY d.id"
    )
    return [{k: r[k] for k in r.keys()} for r in rows]


def quotes(store: Store, speaker: str | None = None, doc: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM quotes WHERE 1=1"
    params: list[Any] = []
    if speaker:
        sql += " AND speaker LIKE ?"
        params.append(f"%{speaker}%")
    if doc:
        sql += " AND doc_id = ?"
        params.append(doc)
    out = []
    for r in store.rows(sql + ' ORDER BY doc_id, start', params):
        d = {k: r[k] for k in r.keys()}
        d["doc"] = d.pop("doc_id")
        d["evidence"] = d.pop("text")
        out.append(d)
    return out


def document_layers(store: Store, doc_id: str) -> dict[str, list[dict[str, Any]]]:
    """A document's extracted layers (for ``show``): claims, quotes, times, entities."""
    store.document(doc_id)  # raises NotFound
    layers: dict[str, list[dict[str, Any]]] = {}
    for table in ("claims", "quotes", "times", "entities", "quantities"):
        rows = store.rows(f'SELECT * FROM {table} WHERE doc_id = ? ORDER BY start', (doc_id,))
        layers[table] = [{k: r[k] for k in r.keys()} for r in rows]
    return layers


def claims_by_doc(store: Store) -> dict[str, list[dict[str, Any]]]:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for c in claims(store):
        by_doc.setdefault(c["doc"], []).append(c)
    return by_doc


def texts(store: Store) -> dict[str, str]:
    return {r[0]: r[1] for r in store.rows("SELECT id, text FROM documents")}


def claim_record(c: Claim) -> dict[str, Any]:
    """A Claim in the export contract's shape."""
    d = asdict(c)
    rec = {k: d.get(k) for k in CLAIM_FIELDS if k != "id"}
    rec["id"] = c.id
    for k in ("period_start", "period_end", "said_on"):
        value = rec[k]
        rec[k] = value.isoformat() if isinstance(value, date) else None
    rec["value"], rec["value_high"] = _number(c.value), _number(c.value_high)
    return {k: rec[k] for k in CLAIM_FIELDS}


def extraction_record(doc: Document, ex: Extraction) -> dict[str, Any]:
    """Every layer of a stateless extraction, with offsets into the stored text."""

    def plain(obj: Any) -> dict[str, Any]:
        d = asdict(obj)
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in d.items()}

    return {
        "doc": doc.id,
        "published": doc.published.isoformat() if doc.published else None,
        "outlet": doc.outlet,
        "title": doc.title,
        "quantities": [
            {k: plain(q)[k] for k in ("start", "end", "text", "value", "value_high", "unit", "kind", "change", "hedge")}
            for q in ex.quantities
        ],
        "times": [
            {k: plain(t)[k] for k in ("start", "end", "text", "type", "value", "period_start", "period_end", "calendar")}
            for t in ex.times
        ],
        "quotes": [plain(q) for q in ex.quotes],
        "people": [{k: v for k, v in plain(p).items() if k != "mentions"} for p in ex.people],
        "claims": [claim_record(c) for c in ex.claims],
    }


# ---- speakers across documents ------------------------------------------------------


def person_mentions(store: Store) -> list[PersonMention]:
    """Every person seen in every document, and every quoted source not among them."""
    mentions = []
    seen: set[tuple[str, str]] = set()
    for r in store.rows(
        "SELECT p.doc_id, p.name, p.title, p.role, p.org, d.published FROM people p"
        " JOIN documents d ON d.id = p.doc_id ORDER BY p.doc_id, p.idx"
    ):
        seen.add((r["doc_id"], r["name"]))
        mentions.append(PersonMention(doc=r["doc_id"], name=r["name"], title=r["title"], role=r["role"],
                                      org=r["org"], published=as_date(r["published"])))  # fmt: skip
    for r in store.rows(
        "SELECT DISTINCT q.doc_id, q.speaker, q.speaker_title, q.speaker_role, d.published FROM quotes q"
        " JOIN documents d ON d.id = q.doc_id WHERE q.speaker IS NOT NULL ORDER BY q.doc_id"
    ):
        if (r["doc_id"], r["speaker"]) not in seen:
            seen.add((r["doc_id"], r["speaker"]))
            mentions.append(PersonMention(doc=r["doc_id"], name=r["speaker"], title=r["speaker_title"],
                                          role=r["speaker_role"], published=as_date(r["published"])))  # fmt: skip
    return mentions


def speaker_decisions(store: Store) -> list[UserDecision]:
    return [
        UserDecision(kind=r["kind"], a=r["a"], b=r["b"])
        for r in store.rows("SELECT kind, a, b FROM speaker_decisions ORDER BY id")
    ]


def resolved_people(store: Store) -> list[CanonicalPerson]:
    """Canonical people across the store, with the user's merges and splits applied."""
    return resolve_people(person_mentions(store), speaker_decisions(store))


def speakers(store: Store, people: list[CanonicalPerson] | None = None) -> list[dict[str, Any]]:
    """One row per canonical person: aliases, roles, documents, quotes and claims."""
    people = resolved_people(store) if people is None else people
    quote_counts = {(r[0], r[1]): r[2] for r in store.rows(
        "SELECT doc_id, speaker, count(*) FROM quotes WHERE speaker IS NOT NULL GROUP BY doc_id, speaker")}  # fmt: skip
    claim_counts = {(r[0], r[1]): r[2] for r in store.rows(
        "SELECT doc_id, speaker, count(*) FROM claims WHERE speaker IS NOT NULL GROUP BY doc_id, speaker")}  # fmt: skip
    rows = []
    for p in people:
        keys = {(m.doc, m.name) for m in p.mentions}
        roles = sorted({f"{s.role}" + (f" ({s.published})" if s.published else "") for s in p.roles if s.role})
        rows.append({
            "id": p.id,
            "name": p.name,
            "aliases": list(p.aliases),
            "roles": roles,
            "documents": len({m.doc for m in p.mentions}),
            "quotes": sum(quote_counts.get(k, 0) for k in keys),
            "claims": sum(claim_counts.get(k, 0) for k in keys),
        })  # fmt: skip
    rows.sort(key=lambda r: (-r["claims"], -r["quotes"], r["name"]))
    return rows



