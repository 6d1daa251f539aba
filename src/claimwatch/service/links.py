"""Cross-document work over the store: the talking-point index kept up to date
incrementally, and the read side for the interfaces (talking points, stories,
consistency findings, timelines, the HTML report)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..link.claim_groups import boilerplate_claims, claim_group_records, group_story_claims
from ..link.consistency import Finding, TimelinePoint, check, timeline
from ..link.stories import Story, find_stories
from ..link.subjects import group_subjects
from ..link.talking_points import LinkDocument, TalkingPoint, TalkingPointIndex
from ..report import render_report
from ..store import Store
from . import queries

INDEX_NAME = "talking_points.v1"


def _link_document(store: Store, doc_id: str) -> LinkDocument:
    return LinkDocument.from_document(store.document(doc_id))


def _load_index(store: Store) -> TalkingPointIndex:
    data = store.link_state(INDEX_NAME)
    return TalkingPointIndex.from_bytes(data) if data else TalkingPointIndex()


def _missing(store: Store, index: TalkingPointIndex) -> list[str]:
    indexed = set(index.doc_ids)
    return [d for d in store.document_ids() if d not in indexed]


def update_index(store: Store, doc_ids: Iterable[str] = ()) -> int:
    """Add documents to the stored index: the given ones and any stored document the index
    lacks (a run killed between saving documents and the index heals on the next one)."""
    index = _load_index(store)
    todo = sorted(set(doc_ids) | set(_missing(store, index)))
    indexed = set(index.doc_ids)
    todo = [d for d in todo if d not in indexed]
    if todo:
        index.add(_link_document(store, d) for d in todo)
        store.save_link_state(INDEX_NAME, index.to_bytes())
    return len(todo)


def current_index(store: Store) -> TalkingPointIndex:
    """The stored index, with any unindexed documents added in memory (reads never write)."""
    index = _load_index(store)
    missing = _missing(store, index)
    if missing:
        index.add(_link_document(store, d) for d in missing)
    return index


def talking_points(
    store: Store, min_docs: int = 2, all_points: list[TalkingPoint] | None = None
) -> list[TalkingPoint]:
    """Talking points found in at least ``min_docs`` documents (from ``all_points`` when
    the caller has already read them off the index)."""
    points = current_index(store).talking_points() if all_points is None else all_points
    return [p for p in points if len(set(p.docs)) >= min_docs]


def stories(store: Store, all_points: list[TalkingPoint] | None = None) -> list[Story]:
    docs = [_link_document(store, d) for d in store.document_ids()]
    return find_stories(docs, current_index(store).talking_points() if all_points is None else all_points)


def talking_point_records(points: list[TalkingPoint]) -> list[dict[str, Any]]:
    """The talking-points export contract: id, text, occurrences (doc, start, end, evidence)."""
    return [
        {
            "id": p.id,
            "text": p.text,
            "occurrences": [
                {"doc": o.doc, "start": o.start, "end": o.end, "evidence": o.evidence,
                 "outlet": o.outlet, "similarity": round(o.similarity, 3)}
                for o in p.occurrences
            ],
            "drift": round(p.drift, 3),
            "outlets": list(p.outlets),
            "first_seen": p.first_seen.isoformat() if p.first_seen else None,
            "last_seen": p.last_seen.isoformat() if p.last_seen else None,
        }
        for p in points
    ]


def story_records(found: list[Story], titles: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """The stories export contract: id, label, passages (doc, start, end). The label is the
    title of the first whole-document report when one is known."""
    titles = titles or {}
    records = []
    for s in found:
        label = next((titles[p.doc] for p in s.passages if titles.get(p.doc)), None) or s.label
        passages = [{"doc": p.doc, "start": p.start, "end": p.end} for p in s.passages]
        records.append({"id": s.id, "label": label, "passages": passages})
    return records


# ---- consistency, timelines, report --------------------------------------------------


def findings(store: Store, found_stories: list[Story] | None = None) -> list[Finding]:
    """Conflicts, baseline mismatches, outlet drift and calendar errors across the store."""
    found_stories = stories(store) if found_stories is None else found_stories
    return check(queries.claims(store), queries.documents(store), stories=found_stories, texts=queries.texts(store))


def finding_records(found: list[Finding]) -> list[dict[str, Any]]:
    """The check export contract: id, type, claims (ids), explanation, plus both sides' evidence."""
    return [
        {
            "id": f.id,
            "type": f.type,
            "claims": list(f.claims),
            "explanation": f.explanation,
            "evidence": [{"doc": e.doc, "start": e.start, "end": e.end, "text": e.text} for e in f.evidence],
        }
        for f in found
    ]


def timeline_points(store: Store, subject: str) -> list[TimelinePoint]:
    return timeline(queries.claims(store), subject)


def timeline_records(points: list[TimelinePoint]) -> list[dict[str, Any]]:
    return [
        {
            "when": p.when.isoformat(), "series": p.series, "subject": p.subject_key, "kind": p.kind,
            "value": p.value, "value_high": p.value_high, "unit": p.unit,
            "period_start": p.period_start.isoformat() if p.period_start else None,
            "period_end": p.period_end.isoformat() if p.period_end else None,
            "said_on": p.said_on.isoformat() if p.said_on else None, "doc": p.doc, "claim": p.claim,
        }  # fmt: skip
        for p in points
    ]


def report_html(store: Store, *, top_subjects: int = 6) -> str:
    """The whole store as one self-contained HTML page."""
    claim_rows = queries.claims(store)
    all_points = current_index(store).talking_points()  # read once: points, stories, findings
    found_stories = stories(store, all_points)
    groups = [g for g in group_subjects(claim_rows) if len(g.claims) >= 2][:top_subjects]
    timelines = {g.key: timeline(claim_rows, g.key) for g in groups}
    return render_report(
        claim_rows,
        queries.documents(store),
        quotes=queries.quotes(store),
        speakers=queries.speakers(store),
        talking_points=talking_points(store, all_points=all_points),
        stories=found_stories,
        findings=findings(store, found_stories),
        timelines={k: v for k, v in timelines.items() if v},
    )


def claim_group_rows(store: Store, flt: queries.ClaimFilter | None = None) -> list[dict[str, Any]]:
    """Claims grouped across outlets: one row per claim with all its sources, marking the
    members that sit inside recycled boilerplate (talking points)."""
    all_claims = queries.claims(store)
    docs = queries.documents(store)
    all_points = current_index(store).talking_points()
    groups = group_story_claims(
        all_claims, stories(store, all_points), outlets={d["id"]: d["outlet"] for d in docs}
    )
    flagged = boilerplate_claims(all_claims, talking_points(store, all_points=all_points))
    rows = claim_group_records(groups, flagged)
    if flt is not None:
        keep = {c["id"] for c in queries.claims(store, flt)}
        rows = [r for r in rows if keep & set(r["claims"])]
    return rows
