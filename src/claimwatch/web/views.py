"""The data of every page as one plain dict: the JSON API returns it, the HTML template
renders it (datasette's JSON twins). Records come from ``claimwatch.exports``, so the API
speaks the export contracts of the CLI; each adds the page that shows it (``link``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any
from urllib.parse import quote, urlencode

from .. import exports
from ..link.consistency import Finding
from ..link.stories import Story
from ..model import Claim, Document
from ..service.add_jobs import AddJob
from ..service.claim_pages import ClaimPage, ClaimQuery
from ..service.explore import (
    DocumentList,
    DocumentView,
    Explorer,
    FindingView,
    Passage,
    SpeakerView,
    StoryView,
    SubjectCount,
    TalkingPointCell,
    TalkingPointMatrix,
    TimelineView,
)
from ..service.queries import Speaker

Data = dict[str, Any]


def _q(value: str) -> str:
    return quote(value, safe="")


def doc_link(doc: str, number: int | None = None) -> str:
    return f"/doc/{_q(doc)}" + (f"#claim-{number}" if number else "")


def passage_link(doc: str, start: int, end: int) -> str:
    return f"/doc/{_q(doc)}?start={start}&end={end}#passage"


def speaker_link(person_id: str) -> str:
    return f"/speakers/{_q(person_id)}"


def query_params(query: ClaimQuery, **changes: Any) -> dict[str, str]:
    """The URL parameters that ask for ``query`` (only those set), with ``changes``."""
    flt = query.filter
    params: dict[str, Any] = {
        "speaker": flt.speaker, "subject": flt.subject, "kind": flt.kind, "since": flt.since, "until": flt.until,
        "outlet": flt.outlet, "country": flt.country, "doc": flt.doc, "min_confidence": flt.min_confidence,
        "q": query.search or None, "sort": flt.sort if flt.sort != "doc" else None,
        "page": query.page if query.page != 1 else None, "per_page": query.per_page if query.per_page != 50 else None,
    }  # fmt: skip
    params.update(changes)
    return {k: str(v) for k, v in params.items() if v is not None and v != ""}


def query_string(params: Mapping[str, str]) -> str:
    return ("?" + urlencode(params)) if params else ""


def claim_records(claims: Sequence[Claim], documents: Mapping[str, Document], numbers: Mapping[str, int]) -> list[Data]:
    """Claims in the export contract with their citation, number in the document and link."""
    records = exports.claims_view(claims, documents).records
    for claim, record in zip(claims, records, strict=True):
        number = numbers.get(claim.id)
        record["number"] = number
        record["link"] = doc_link(claim.doc, number)
    return records


def claims_data(page: ClaimPage) -> Data:
    query = page.query
    params = query_params(query)
    links = {"csv": "/api/claims.csv" + query_string(query_params(query, page=None, per_page=None))}
    if query.page < page.pages:
        links["next"] = "/claims" + query_string(query_params(query, page=query.page + 1))
    if query.page > 1:
        links["previous"] = "/claims" + query_string(query_params(query, page=query.page - 1))
    return {
        "ok": True, "total": page.total, "page": query.page, "per_page": query.per_page, "pages": page.pages,
        "filters": {k: v for k, v in params.items() if k not in ("page", "per_page")},
        "claims": claim_records(page.claims, page.documents, page.numbers), "links": links,
    }  # fmt: skip


def kept_claims_data(explorer: Explorer, query: ClaimQuery) -> Data:
    """``claims_data`` of a query's page, built once per store version (readers ask the same
    pages again and again; the dict is only read after)."""
    return explorer.kept(("claims data", query), lambda: claims_data(explorer.claims(query)))


def documents_data(listing: DocumentList) -> Data:
    records = exports.documents_view(listing.documents, listing.claim_counts).records
    for record in records:
        record["link"] = doc_link(record["id"])
    return {"ok": True, "total": listing.total, "page": listing.page, "per_page": listing.per_page, "documents": records}


def document_data(view: DocumentView, speaker_ids: Mapping[str, str]) -> Data:
    layers = view.layers
    d = layers.document
    numbers = {c.id: i + 1 for i, c in enumerate(layers.claims)}
    speakers = sorted({q.speaker for q in layers.quotes if q.speaker} | {c.speaker for c in layers.claims if c.speaker})
    return {
        "ok": True,
        "document": {
            **exports.citation(d), "id": d.id, "source": d.source, "text": d.text,
            "excluded": [[s.start, s.end] for s in d.excluded], "copy_of": d.copy_of,
        },  # fmt: skip
        "claims": claim_records(layers.claims, {d.id: d}, numbers),
        "quotes": [exports.quote_record(q, d) for q in layers.quotes],
        "times": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             "period_start": exports._iso(t.period_start), "period_end": exports._iso(t.period_end), "calendar": t.calendar}
            for t in layers.times
        ],  # fmt: skip
        "speakers": [
            {"name": s, "id": speaker_ids.get(s), "link": speaker_link(speaker_ids[s]) if s in speaker_ids else None}
            for s in speakers
        ],
        "passage": list(view.passage) if view.passage else None,
    }


def speakers_data(speakers: Sequence[Speaker]) -> Data:
    records = exports.speakers_view(speakers).records
    for record in records:
        record["link"] = speaker_link(record["id"])
    return {"ok": True, "speakers": records}


def speaker_data(view: SpeakerView) -> Data:
    record = exports.speakers_view([view.speaker]).records[0]
    record["link"] = speaker_link(record["id"])
    return {
        "ok": True,
        "speaker": record,
        "explanation": list(view.explanation),
        "roles": [
            {"role": r.role, "title": r.title, "doc": r.doc, "published": exports._iso(r.published)}
            for r in view.speaker.person.roles
        ],
        "claims": claim_records(view.claims, view.documents, view.numbers),
        "quotes": [exports.quote_record(q, view.documents.get(q.doc or "")) for q in view.quotes],
        "merge_with": list(view.others),
    }


def subjects_data(subjects: Iterable[SubjectCount]) -> list[Data]:
    return [
        {"subject": s.key, "country": s.scope, "claims": s.claims, "link": "/timeline?" + urlencode({"subject": s.key})}
        for s in subjects
    ]


def timeline_data(view: TimelineView, subjects: Iterable[SubjectCount]) -> Data:
    points = []
    for p in view.points:
        record = exports.timeline_record(p)
        record["label"] = p.label
        record["link"] = f"/claim/{_q(p.claim)}"
        points.append(record)
    return {
        "ok": True, "subject": view.subject, "by": view.by, "points": points,
        "charts": [{"title": c.title, "points": len(c.points)} for c in view.charts],
        "subjects": subjects_data(subjects),
    }  # fmt: skip


def talking_point_link(point_id: str, outlet: str | None = None) -> str:
    return f"/talking-points/{_q(point_id)}" + (query_string({"outlet": outlet}) if outlet else "")


def talking_points_data(matrix: TalkingPointMatrix) -> Data:
    points = []
    for index, p in enumerate(matrix.points, 1):
        record = exports.talking_point_record(p)
        record["label"] = f"TP{index}"
        record["link"] = talking_point_link(p.id)
        points.append(record)
    return {
        "ok": True, "outlets": list(matrix.outlets), "talking_points": points,
        "cells": [
            {"outlet": outlet, "talking_point": p.id, "occurrences": matrix.cells[outlet].get(p.id, 0),
             "link": talking_point_link(p.id, outlet) if matrix.cells[outlet].get(p.id) else None}
            for outlet in matrix.outlets for p in matrix.points
        ],
    }  # fmt: skip


def talking_point_data(cell: TalkingPointCell) -> Data:
    return {
        "ok": True,
        "talking_point": exports.talking_point_record(cell.point),
        "outlet": cell.outlet,
        "occurrences": [
            {"doc": c.occurrence.doc, "start": c.occurrence.start, "end": c.occurrence.end,
             "evidence": c.occurrence.evidence, "outlet": c.occurrence.outlet,
             "published": exports._iso(c.occurrence.published), "similarity": round(c.occurrence.similarity, 3),
             "diff": [{"op": op, "text": text} for op, text in c.diff],
             "link": passage_link(c.occurrence.doc, c.occurrence.start, c.occurrence.end)}
            for c in cell.occurrences
        ],  # fmt: skip
    }


def stories_data(stories: Sequence[Story], documents: Mapping[str, Document]) -> Data:
    records = [exports.story_record(s) for s in stories]
    for record in records:
        record["link"] = f"/stories/{_q(record['id'])}"
        for p in record["passages"]:
            p.update(exports.citation(documents.get(p["doc"])))
            p["link"] = passage_link(p["doc"], p["start"], p["end"])
    return {"ok": True, "stories": records}


def _passage(p: Passage, documents: Mapping[str, Document]) -> Data:
    return {
        "doc": p.doc, "start": p.start, "end": p.end, "before": p.before, "text": p.text, "after": p.after,
        **exports.citation(documents.get(p.doc)), "link": passage_link(p.doc, p.start, p.end),
    }  # fmt: skip


def story_data(view: StoryView) -> Data:
    record = exports.story_record(view.story)
    return {"ok": True, "story": record, "passages": [_passage(p, view.documents) for p in view.passages]}


def finding_link(finding_id: str) -> str:
    return f"/findings/{_q(finding_id)}"


def findings_data(findings: Sequence[Finding], documents: Mapping[str, Document]) -> Data:
    records = []
    for f in findings:
        record = exports.finding_record(f, documents)
        record["link"] = finding_link(f.id)
        for e in record["evidence"]:
            e["link"] = passage_link(e["doc"], e["start"], e["end"])
        records.append(record)
    return {"ok": True, "counts": dict(Counter(f.type for f in findings)), "findings": records}


def finding_data(view: FindingView) -> Data:
    record = exports.finding_record(view.finding, view.documents)
    record["link"] = finding_link(view.finding.id)
    return {"ok": True, "finding": record, "evidence": [_passage(p, view.documents) for p in view.evidence]}


def job_data(job: AddJob) -> Data:
    return {"ok": True, "job": {**asdict(job), "link": f"/jobs/{_q(job.id)}", "api": f"/api/jobs/{_q(job.id)}"}}
