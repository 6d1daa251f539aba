"""Cross-document work over the store: the talking-point index kept up to date
incrementally, and the read side for the interfaces (talking points, stories,
consistency findings, timelines, the HTML report)."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import NothingFound
from ..link.claim_groups import ClaimGroup, boilerplate_claims, group_story_claims, with_boilerplate
from ..link.consistency import Finding, TimelinePoint, timeline
from ..link.findings import check
from ..link.stories import Story, find_stories
from ..link.subjects import group_subjects
from ..link.talking_points import TalkingPoint, TalkingPointIndex, index_version
from ..report import ReportData, charts_for, render_report
from ..store import Store
from . import queries


def _load_index(store: Store, *, lsh: bool = True) -> TalkingPointIndex:
    """The stored index: its candidate pairs read as compact arrays, and its LSH band
    rows only when documents are to be added (``lsh``; readers only read clusters)."""
    rows = store.talking_point_rows(index_version(), bands=False, candidates=False)
    if rows is None:
        return TalkingPointIndex()
    index = TalkingPointIndex.from_rows(rows, store.talking_point_candidates(), lsh=False)
    if lsh:
        index.load_bands(store.talking_point_bands())
    return index


def _missing(store: Store, index: TalkingPointIndex) -> list[str]:
    indexed = set(index.doc_ids)
    return [d for d in store.document_ids() if d not in indexed]


def update_index(store: Store, doc_ids: Iterable[str] = ()) -> int:
    """Add documents to the stored index: the given ones and any stored document the index
    lacks (a run killed between saving documents and the index heals on the next one).
    Only the rows the new documents add are written."""
    index = _load_index(store)
    indexed = set(index.doc_ids)
    todo = [d for d in sorted(set(doc_ids) | set(_missing(store, index))) if d not in indexed]
    if todo:
        index.add(store.document(d) for d in todo)
        store.save_talking_point_rows(index.pending_rows())
        index.mark_saved()
    return len(todo)


def current_index(store: Store) -> TalkingPointIndex:
    """The stored index, with any unindexed documents added in memory (reads never write;
    the LSH bands are read only when there are documents to add)."""
    index = _load_index(store, lsh=False)
    missing = _missing(store, index)
    if missing:
        if not index.bands_loaded:
            index.load_bands(store.talking_point_bands())
        index.add(store.document(d) for d in missing)
    return index


def talking_points(
    store: Store, min_docs: int = 2, all_points: list[TalkingPoint] | None = None
) -> list[TalkingPoint]:
    """Talking points found in at least ``min_docs`` documents (from ``all_points`` when
    the caller has already read them off the index)."""
    points = current_index(store).talking_points() if all_points is None else all_points
    return [p for p in points if len(set(p.docs)) >= min_docs]


def stories(store: Store, all_points: list[TalkingPoint] | None = None) -> list[Story]:
    """Reports of one event across the store, read with their claims (who spoke, when,
    which figures), each with its readable label."""
    points = current_index(store).talking_points() if all_points is None else all_points
    return find_stories(store.documents(), points, queries.claims(store))


# ---- consistency, timelines, report --------------------------------------------------


def findings(
    store: Store, found_stories: list[Story] | None = None, min_severity: str | None = None
) -> list[Finding]:
    """Every finding family across the store (``link.findings``), at ``min_severity`` or above."""
    found_stories = stories(store) if found_stories is None else found_stories
    return check(queries.claims(store), store.documents(), stories=found_stories, min_severity=min_severity)


def timeline_points(store: Store, subject: str) -> list[TimelinePoint]:
    """The dated figures about ``subject``, one series per person (aliases merged);
    NothingFound when there are none."""
    points = timeline(queries.claims(store), subject, queries.series_names(queries.resolved_people(store)))
    if not points:
        raise NothingFound(f"no dated claims about {subject!r}; nothing written")
    return points


def report_html(store: Store, flt: queries.ClaimFilter | None = None, *, top_subjects: int = 6) -> str:
    """The store as one self-contained HTML page; ``flt`` focuses it on the claims it
    matches, their documents, and the findings, quotes and talking points of those."""
    flt = flt or queries.ClaimFilter()
    focus = flt.describe()
    claims = queries.claims(store, flt)
    docs = store.documents()
    if focus:
        keep = {c.doc for c in claims}
        docs = [d for d in docs if d.id in keep]
    doc_ids = {d.id for d in docs}
    claim_ids = {c.id for c in claims}
    all_points = current_index(store).talking_points()  # read once: points, stories, findings
    found_stories = stories(store, all_points)
    people = queries.resolved_people(store)
    series = queries.series_names(people)
    charts = []
    for g in [g for g in group_subjects(claims) if len(g.claims) >= 2][:top_subjects]:
        # one measured thing in one country: not every key that merely contains the words
        members = set(g.claims)
        points = [p for p in timeline(claims, g.key, series) if p.claim in members]
        charts += charts_for(points, g.key)
    quotes = queries.quotes(store, speaker=flt.speaker)
    speakers = queries.speakers(store, people)
    if focus:
        speakers = [s for s in speakers if any(m.doc in doc_ids for m in s.person.mentions)]
    return render_report(ReportData(
        claims=claims,
        documents=docs,
        quotes=[q for q in quotes if q.doc in doc_ids],
        speakers=speakers,
        talking_points=[p for p in talking_points(store, all_points=all_points) if set(p.docs) & doc_ids],
        stories=[s for s in found_stories if set(s.docs) & doc_ids],
        findings=[f for f in findings(store, found_stories) if not focus or set(f.claims) & claim_ids],
        charts=charts,
        focus=focus,
    ))  # fmt: skip


def claim_groups(store: Store, flt: queries.ClaimFilter | None = None) -> list[ClaimGroup]:
    """Claims grouped across outlets: one group per claim with all its sources, marking the
    members that sit inside recycled boilerplate (talking points)."""
    all_claims = queries.claims(store)
    all_points = current_index(store).talking_points()
    outlets = {d.id: d.outlet for d in store.documents()}
    groups = group_story_claims(all_claims, stories(store, all_points), outlets=outlets)
    flagged = boilerplate_claims(all_claims, talking_points(store, all_points=all_points))
    groups = with_boilerplate(groups, flagged)
    if flt is not None:
        keep = {c.id for c in queries.claims(store, flt)}
        groups = [g for g in groups if keep & set(g.claims)]
    return groups
