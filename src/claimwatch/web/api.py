"""The JSON API: every page's data as JSON (``views.py``), documented at
``/api/openapi.json``. Reads are open; writes need ``--allow-writes`` and
``Authorization: Bearer $CLAIMWATCH_TOKEN``. Handlers only parse, call the service and
shape the answer."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from .. import exports
from ..service.add_jobs import MAX_INPUTS, PastedArticle
from ..service.claim_pages import ClaimQuery
from ..service.explore import Explorer
from . import views
from .app import access_of, explorer_dependency, jobs_of
from .params import MAX_WORDS, Id, PageNo, PerPage, claim_query

router = APIRouter(prefix="/api", tags=["api"])
Data = dict[str, Any]
ExplorerDep = Annotated[Explorer, Depends(explorer_dependency)]
QueryDep = Annotated[ClaimQuery, Depends(claim_query)]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "A bad parameter: `{ok: false, error, status}`"},
    404: {"description": "No such record"},
    503: {"description": "The query ran past the server's time cap"},
}


@router.get("/claims", responses=ERRORS, summary="Claims, filtered, sorted and paginated")
def claims(explorer: ExplorerDep, query: QueryDep) -> Data:
    return views.kept_claims_data(explorer, query)


@router.get("/claims.csv", responses=ERRORS, summary="Every claim a query selects, as CSV (up to the row cap)",
            response_class=Response)  # fmt: skip
def claims_csv(explorer: ExplorerDep, query: QueryDep) -> Response:
    found, total, documents = explorer.claims_export(query)
    view = exports.claims_view(found, documents)
    columns = list(view.records[0]) if view.records else [*exports.CLAIM_FIELDS, *exports.CITATION_FIELDS]
    headers = {"content-disposition": 'attachment; filename="claims.csv"', "x-total-count": str(total)}
    if total > len(found):
        headers["x-truncated"] = f"the first {len(found)} of {total} claims"
    return Response(exports.to_csv(view.records, columns), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/docs", responses=ERRORS, summary="Documents with their claim counts")
def documents(explorer: ExplorerDep, page: PageNo = 1, per_page: PerPage = 100) -> Data:
    return views.documents_data(explorer.documents(page, per_page))


@router.get("/docs/{doc_id}", responses=ERRORS, summary="A document with its claims, quotes, speakers and dates")
def document(explorer: ExplorerDep, doc_id: Id) -> Data:
    return views.document_data(explorer.document(doc_id), explorer.speaker_ids(doc_id))


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description="The article's text (or HTML).")
    id: str | None = Field(None, max_length=MAX_WORDS, description="Document id (default: from the text's hash).")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=MAX_WORDS)
    url: str | None = Field(None, max_length=2000)
    published: date | None = None


class AddIn(BaseModel):
    articles: list[ArticleIn] = Field(default_factory=list, max_length=MAX_INPUTS)
    urls: list[Annotated[str, Field(max_length=2000)]] = Field(default_factory=list, max_length=MAX_INPUTS)


@router.post("/docs", status_code=202, responses={**ERRORS, 401: {"description": "No or wrong token"},
             403: {"description": "The server is read-only"}}, summary="Add articles (a job; poll its link)")  # fmt: skip
def add_documents(request: Request, body: AddIn) -> JSONResponse:
    access_of(request).check_api(request)
    pasted = tuple(PastedArticle(a.text, a.id, a.title, a.outlet, a.url, a.published) for a in body.articles)
    job = jobs_of(request).submit(pasted=pasted, urls=tuple(body.urls))
    return JSONResponse(views.job_data(job), status_code=202)


@router.get("/jobs/{job_id}", responses=ERRORS, summary="An add job's progress")
def job(request: Request, job_id: Id) -> Data:
    return views.job_data(jobs_of(request).get(job_id))


@router.get("/speakers", responses=ERRORS, summary="Canonical people with aliases, roles and counts")
def speakers(explorer: ExplorerDep) -> Data:
    return views.speakers_data(explorer.speakers())


@router.get("/speakers/{person_id}", responses=ERRORS, summary="A person: aliases and why merged, quotes, claims")
def speaker(explorer: ExplorerDep, person_id: Id) -> Data:
    return views.speaker_data(explorer.speaker(person_id))


class SpeakerDecisionIn(BaseModel):
    a: str = Field(min_length=1, max_length=MAX_WORDS)
    b: str = Field(min_length=1, max_length=MAX_WORDS)


@router.post("/speakers/{decision}", responses={**ERRORS, 401: {"description": "No or wrong token"},
             403: {"description": "The server is read-only"}}, summary="Merge or split two names")  # fmt: skip
def decide_speakers(request: Request, explorer: ExplorerDep, decision: Literal["merge", "split"],
                    body: SpeakerDecisionIn) -> Data:  # fmt: skip
    access_of(request).check_api(request)
    person = explorer.decide_speakers(decision, body.a, body.b)
    return {"ok": True, "person": person.id, "link": views.speaker_link(person.id)}


@router.get("/subjects", responses=ERRORS, summary="Measured subjects with at least two claims")
def subjects(explorer: ExplorerDep) -> Data:
    return {"ok": True, "subjects": views.subjects_data(explorer.subjects())}


@router.get("/timeline", responses=ERRORS, summary="A subject's dated figures per speaker or outlet")
def timeline(explorer: ExplorerDep, subject: Annotated[str, Query(min_length=1, max_length=MAX_WORDS)],
             by: Literal["speaker", "outlet"] = "speaker") -> Data:  # fmt: skip
    return views.timeline_data(explorer.timeline(subject, by), explorer.subjects())


@router.get("/talking-points", responses=ERRORS, summary="The outlet × talking-point matrix")
def talking_points(explorer: ExplorerDep, min_docs: Annotated[int, Query(ge=1, le=1000)] = 2) -> Data:
    return views.talking_points_data(explorer.talking_points(min_docs))


@router.get("/talking-points/{point_id}", responses=ERRORS, summary="A talking point's occurrences, differences marked")
def talking_point(explorer: ExplorerDep, point_id: Id, outlet: Annotated[str | None, Query(max_length=MAX_WORDS)] = None) -> Data:
    return views.talking_point_data(explorer.talking_point(point_id, outlet))


@router.get("/stories", responses=ERRORS, summary="Reports of one event across documents")
def stories(explorer: ExplorerDep) -> Data:
    found = explorer.stories()
    return views.stories_data(found, explorer.cited([d for s in found for d in s.docs]))


@router.get("/stories/{story_id}", responses=ERRORS, summary="A story with its passages")
def story(explorer: ExplorerDep, story_id: Id) -> Data:
    return views.story_data(explorer.story(story_id))


@router.get("/findings", responses=ERRORS, summary="Conflicts, baseline mismatches, drift, calendar errors")
def findings(explorer: ExplorerDep) -> Data:
    found = explorer.findings()
    return views.findings_data(found, explorer.cited([e.doc for f in found for e in f.evidence]))


@router.get("/findings/{finding_id}", responses=ERRORS, summary="A finding with its evidence in context")
def finding(explorer: ExplorerDep, finding_id: Id) -> Data:
    return views.finding_data(explorer.finding(finding_id))
