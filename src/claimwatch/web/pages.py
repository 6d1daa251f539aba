"""The HTML pages: each renders the data dict its ``/api`` twin returns (``views.py``),
plus what only a page needs (the marked-up text, the charts). Writes are forms posted
with the session's CSRF token (``security.py``); each answers with a redirect."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from ..charts import timeline_svg
from ..errors import InputError, NotFound
from ..model import CLAIM_KINDS
from ..service.add_jobs import MAX_INPUTS, PastedArticle, Upload
from ..service.claim_pages import ClaimQuery
from ..service.explore import Explorer, TimelineView
from ..service.queries import SORT_KEYS
from . import views
from .app import access_of, explorer_dependency, explorer_of, html, jobs_of
from .highlight import diff_html, document_html
from .params import MAX_WORDS, Id, PageNo, PerPage, claim_query
from .security import SESSION_COOKIE, SESSION_SECONDS, check_same_origin

router = APIRouter(include_in_schema=False)
ExplorerDep = Annotated[Explorer, Depends(explorer_dependency)]
Offset = Annotated[int | None, Query(ge=0)]


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/")
def home() -> RedirectResponse:
    return _see("/claims")


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, explorer: ExplorerDep, query: Annotated[ClaimQuery, Depends(claim_query)]) -> HTMLResponse:
    data = views.kept_claims_data(explorer, query)
    sort_links = {key: "/claims" + views.query_string(views.query_params(query, sort=key, page=None)) for key in SORT_KEYS}
    return html(request, "claims.html", data, kinds=CLAIM_KINDS, sort_keys=SORT_KEYS, sort_links=sort_links,
                speaker_options=speaker_options(explorer), rows=claim_rows(request, explorer, query, data))  # fmt: skip


def claim_rows(request: Request, explorer: Explorer, query: ClaimQuery, data: views.Data) -> Markup:
    """The table of a page of claims, rendered once per query and store version: the rows
    are most of what a claims page renders."""
    macros = request.app.state.templates.get_template("_macros.html").module
    return explorer.kept(("claim rows", query), lambda: Markup(macros.claim_rows(data["claims"])))


def speaker_options(explorer: Explorer) -> Markup:
    """The options of the speaker box's list of names, rendered once per store version: every
    speaker's name is most of what a claims page would render each time."""
    return explorer.kept("speaker options", lambda: Markup("").join(
        Markup('<option value="{}">').format(s.person.name) for s in explorer.speakers()))  # fmt: skip


@router.get("/claim/{claim_id}")
def claim(explorer: ExplorerDep, claim_id: Id) -> RedirectResponse:
    doc, number = explorer.claim_location(claim_id)
    return _see(views.doc_link(doc, number))


@router.get("/docs", response_class=HTMLResponse)
def documents(request: Request, explorer: ExplorerDep, page: PageNo = 1, per_page: PerPage = 100) -> HTMLResponse:
    return html(request, "documents.html", views.documents_data(explorer.documents(page, per_page)))


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document(request: Request, explorer: ExplorerDep, doc_id: Id, start: Offset = None, end: Offset = None) -> HTMLResponse:
    if (start is None) != (end is None):
        raise InputError("a passage needs both start and end")
    view = explorer.document(doc_id, (start, end) if start is not None and end is not None else None)
    data = views.document_data(view, explorer.speaker_ids(doc_id))
    return html(request, "document.html", data, marked=document_html(view))


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, explorer: ExplorerDep) -> HTMLResponse:
    return html(request, "speakers.html", views.speakers_data(explorer.speakers()))


@router.get("/speakers/{person_id}", response_class=HTMLResponse)
def speaker(request: Request, explorer: ExplorerDep, person_id: Id) -> HTMLResponse:
    return html(request, "speaker.html", views.speaker_data(explorer.speaker(person_id)))


@router.post("/speakers/{person_id}")
async def decide_speakers(request: Request, person_id: Id) -> RedirectResponse:
    form = await _form(request)
    decisions: dict[str, Literal["merge", "split"]] = {"merge": "merge", "split": "split"}
    decision, other = decisions.get(_field(form, "decision")), _field(form, "other")
    if decision is None:
        raise InputError("choose merge or split")
    explorer = explorer_of(request)
    name = (await run_in_threadpool(explorer.speaker, person_id)).speaker.person.name
    person = await run_in_threadpool(explorer.decide_speakers, decision, name, other)
    return _see(views.speaker_link(person.id))


def _charts(view: TimelineView) -> list[Markup]:
    # the SVG is built from escaped strings by claimwatch.charts
    return [Markup(timeline_svg(c.points, c.title)) for c in view.charts]


SubjectParam = Annotated[str | None, Query(max_length=MAX_WORDS)]


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, explorer: ExplorerDep, subject: SubjectParam = None,
             by: Literal["speaker", "outlet"] = "speaker") -> HTMLResponse:  # fmt: skip
    subjects = explorer.subjects()
    if not (subject or "").strip():
        return html(request, "timeline.html", {"ok": True, "subject": None, "by": by, "points": [], "charts": [],
                                               "subjects": views.subjects_data(subjects)}, charts=[])  # fmt: skip
    view = explorer.timeline(subject or "", by)
    return html(request, "timeline.html", views.timeline_data(view, subjects), charts=_charts(view))


@router.get("/timeline.svg")
def timeline_chart(explorer: ExplorerDep, subject: Annotated[str, Query(min_length=1, max_length=MAX_WORDS)],
                   by: Literal["speaker", "outlet"] = "speaker", chart: Annotated[int, Query(ge=1)] = 1) -> Response:  # fmt: skip
    charts = _charts(explorer.timeline(subject, by))
    if chart > len(charts):
        raise NotFound(f"the timeline of {subject!r} has {len(charts)} chart(s)")
    return Response(str(charts[chart - 1]), media_type="image/svg+xml")


@router.get("/talking-points", response_class=HTMLResponse)
def talking_points(request: Request, explorer: ExplorerDep, min_docs: Annotated[int, Query(ge=1, le=1000)] = 2) -> HTMLResponse:
    return html(request, "talking_points.html", views.talking_points_data(explorer.talking_points(min_docs)))


@router.get("/talking-points/{point_id}", response_class=HTMLResponse)
def talking_point(request: Request, explorer: ExplorerDep, point_id: Id,
                  outlet: Annotated[str | None, Query(max_length=MAX_WORDS)] = None) -> HTMLResponse:  # fmt: skip
    data = views.talking_point_data(explorer.talking_point(point_id, outlet))
    return html(request, "talking_point.html", data, diffs=[diff_html(o["diff"]) for o in data["occurrences"]])


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, explorer: ExplorerDep) -> HTMLResponse:
    found = explorer.stories()
    return html(request, "stories.html", views.stories_data(found, explorer.cited([d for s in found for d in s.docs])))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, explorer: ExplorerDep, story_id: Id) -> HTMLResponse:
    return html(request, "story.html", views.story_data(explorer.story(story_id)))


@router.get("/findings", response_class=HTMLResponse)
def findings(request: Request, explorer: ExplorerDep) -> HTMLResponse:
    found = explorer.findings()
    cited = explorer.cited([e.doc for f in found for e in f.evidence])
    return html(request, "findings.html", views.findings_data(found, cited))


@router.get("/findings/{finding_id}", response_class=HTMLResponse)
def finding(request: Request, explorer: ExplorerDep, finding_id: Id) -> HTMLResponse:
    return html(request, "finding.html", views.finding_data(explorer.finding(finding_id)))


# ---- writes: adding articles, logging in ---------------------------------------------------


async def _form(request: Request) -> FormData:
    """A posted form, once its CSRF token, session and origin are checked."""
    access = access_of(request)
    max_bytes = request.app.state.options.max_body_bytes
    form = await request.form(max_files=MAX_INPUTS, max_fields=MAX_INPUTS + 20, max_part_size=max_bytes)
    access.check_form(request, _field(form, "csrf"))
    return form


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    if not access_of(request).enabled:
        raise NotFound("this server is read-only: start it with --allow-writes to add articles")
    return html(request, "add.html", {"ok": True, "max_bytes": request.app.state.options.max_body_bytes, "max_inputs": MAX_INPUTS})


@router.post("/add")
async def add(request: Request) -> RedirectResponse:
    form = await _form(request)
    uploads = []
    for item in form.getlist("files"):
        if isinstance(item, UploadFile) and item.filename:
            uploads.append(Upload(item.filename, await item.read()))
    text = form.get("text")
    pasted: tuple[PastedArticle, ...] = ()
    if isinstance(text, str) and text.strip():
        pasted = (PastedArticle(text, title=_field(form, "title") or None, outlet=_field(form, "outlet") or None),)
    urls = tuple(u for u in _field(form, "urls").split() if u)
    job = jobs_of(request).submit(tuple(uploads), pasted, urls)
    return _see(f"/jobs/{job.id}")


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job(request: Request, job_id: Id) -> HTMLResponse:
    return html(request, "job.html", views.job_data(jobs_of(request).get(job_id)))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    if not access_of(request).enabled:
        raise NotFound("this server is read-only: there is nothing to log in to")
    return html(request, "login.html", {"ok": True})


@router.post("/login")
async def login(request: Request) -> RedirectResponse:
    access = access_of(request)
    form = await request.form(max_files=0, max_fields=5)
    check_same_origin(request)
    session = access.login(_field(form, "token"))
    response = _see("/claims")
    response.set_cookie(SESSION_COOKIE, session, max_age=SESSION_SECONDS, httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
async def logout(request: Request) -> RedirectResponse:
    await _form(request)
    access_of(request).logout(request)
    response = _see("/claims")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
