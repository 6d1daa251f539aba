"""Claims as schema.org ``Claim`` nodes in JSON-LD, for fact-checking platforms.

Each claim is a ``Claim`` with what schema.org names: its ``text`` (the evidence), its
``author`` (the speaker as a ``Person``, or the outlet as an ``Organization`` when the
outlet states it), ``datePublished`` (said_on, else the report's date), ``about`` (the
subject), every ``appearance`` (the articles that report the same claim, as
``NewsArticle`` nodes) and the ``firstAppearance`` among them.

What schema.org has no term for is in claimwatch's own namespace (prefix ``cw``): the
normalised figure (kind, value, unit, period), the document and evidence offsets in it
(``evidence == text[start:end]``), and the relations
claimwatch finds between claims: ``cw:sameClaimAs`` (the same claim in other reports),
``cw:conflictsWith`` (claims ``claimwatch check`` finds conflicting) and ``cw:series``
(the series of one speaker's figures about one subject).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from .link.claim_groups import ClaimGroup
from .link.consistency import Finding
from .link.subjects import normalize_subject
from .model import Claim, Document

SCHEMA_ORG = "https://schema.org/"
NAMESPACE = "urn:claimwatch:vocab:"
CONTEXT: dict[str, str] = {"@vocab": SCHEMA_ORG, "cw": NAMESPACE}

Node = dict[str, Any]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _compact(node: Node) -> Node:
    """The node without empty values (JSON-LD drops nulls; leaving them out is clearer)."""
    return {k: v for k, v in node.items() if v is not None and v != [] and v != {}}


def document_iri(doc_id: str) -> str:
    return f"urn:claimwatch:document:{doc_id}"


def claim_iri(claim_id: str) -> str:
    return f"urn:claimwatch:claim:{claim_id}"


def _series_iri(speaker: str, subject_key: str) -> str:
    digest = hashlib.sha1(f"{speaker}\x1f{subject_key}".encode()).hexdigest()[:16]
    return f"urn:claimwatch:series:{digest}"


def _appearance(doc_id: str, doc: Document | None) -> Node:
    """The report a claim appears in: the same node (same @id, same properties) wherever
    it is named, so that a JSON-LD processor merges them into one."""
    return _compact({
        "@type": "NewsArticle",
        "@id": document_iri(doc_id),
        "url": doc.url if doc else None,
        "headline": doc.title if doc else None,
        "datePublished": _iso(doc.published) if doc else None,
        "publisher": _compact({"@type": "Organization", "name": doc.outlet}) if doc and doc.outlet else None,
    })  # fmt: skip


def _author(claim: Claim, doc: Document | None) -> Node | None:
    if claim.speaker:
        return _compact({"@type": "Person", "name": claim.speaker, "jobTitle": claim.speaker_role})
    if doc and doc.outlet:
        return {"@type": "Organization", "name": doc.outlet}
    return None


def claim_graph(
    claims: Sequence[Claim],
    documents: Mapping[str, Document],
    *,
    groups: Iterable[ClaimGroup] = (),
    findings: Iterable[Finding] = (),
    series: Mapping[tuple[str, str], str] | None = None,
) -> list[Node]:
    """One ``Claim`` node per claim. ``groups`` say which claims are the same claim in
    several reports, ``findings`` which conflict, ``series`` the canonical name of each
    (document, speaker as written) for the series of one person's figures."""
    by_id = {c.id: c for c in claims}
    same: dict[str, tuple[str, ...]] = {}
    for g in groups:
        for member in g.claims:
            same[member] = g.claims
    conflicts: dict[str, set[str]] = {}
    for f in findings:
        if f.type == "conflict":
            for a in f.claims:
                conflicts.setdefault(a, set()).update(b for b in f.claims if b != a)
    series = series or {}
    nodes = []
    for c in claims:
        doc = documents.get(c.doc)
        members = [by_id[m] for m in same.get(c.id, (c.id,)) if m in by_id]
        appearances = [_appearance(d, documents.get(d)) for d in dict.fromkeys(m.doc for m in members)]
        dated = [a for a in appearances if a.get("datePublished")]
        first = min(dated, key=lambda a: a["datePublished"]) if dated else appearances[0]
        subject_key = normalize_subject(c.subject, c.evidence).key
        person = series.get((c.doc, c.speaker or ""), c.speaker) if c.speaker else None
        nodes.append(_compact({
            "@type": "Claim",
            "@id": claim_iri(c.id),
            "identifier": c.id,
            "text": c.evidence,
            "author": _author(c, doc),
            "datePublished": _iso(c.said_on) or (_iso(doc.published) if doc else None),
            "about": {"@type": "Thing", "name": c.subject} if c.subject else None,
            "appearance": appearances,
            "firstAppearance": {"@id": first["@id"]},
            "cw:document": document_iri(c.doc),
            "cw:evidenceStart": c.start,
            "cw:evidenceEnd": c.end,
            "cw:kind": c.kind,
            "cw:value": c.value,
            "cw:valueHigh": c.value_high,
            "cw:unit": c.unit,
            "cw:periodStart": _iso(c.period_start),
            "cw:periodEnd": _iso(c.period_end),
            "cw:periodText": c.period_text,
            "cw:confidence": c.confidence,
            "cw:sameClaimAs": [claim_iri(m.id) for m in members if m.id != c.id],
            "cw:conflictsWith": [claim_iri(o) for o in sorted(conflicts.get(c.id, ()))],
            "cw:series": _compact({
                "@id": _series_iri(person, subject_key), "cw:speaker": person, "cw:subject": subject_key,
            }) if person and subject_key else None,
        }))  # fmt: skip
    return nodes
