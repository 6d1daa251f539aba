"""Cross-document linking over the store: the talking-point index kept up to date
incrementally, and the read side (talking points, stories) for the interfaces."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .link.stories import Story, find_stories
from .link.talking_points import LinkDocument, TalkingPoint, TalkingPointIndex
from .store import Store

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


def talking_points(store: Store, min_docs: int = 2) -> list[TalkingPoint]:
    points = current_index(store).talking_points()
    return [p for p in points if len(set(p.docs)) >= min_docs]


def stories(store: Store) -> list[Story]:
    docs = [_link_document(store, d) for d in store.document_ids()]
    return find_stories(docs, current_index(store).talking_points())


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


def story_records(found: list[Story]) -> list[dict[str, Any]]:
    """The stories export contract: id, label, passages (doc, start, end)."""
    return [
        {"id": s.id, "label": s.label, "passages": [{"doc": p.doc, "start": p.start, "end": p.end} for p in s.passages]}
        for s in found
    ]
