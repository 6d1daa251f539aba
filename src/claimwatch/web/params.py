"""Request parameters as the service's queries: one parser per query, shared by a page
and its API twin, so that a URL means the same on both. Values an HTML form sends
empty mean "not set"; a bad value is an ``InputError`` (400), said in the one error shape."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query

from ..errors import InputError
from ..model import CLAIM_KINDS
from ..service.claim_pages import MAX_PER_PAGE, ClaimQuery
from ..service.queries import SORT_KEYS, ClaimFilter

# a filter's words: long enough for any name or phrase, short enough to cost nothing
MAX_WORDS = 200
Id = Annotated[str, Path(max_length=MAX_WORDS)]
PageNo = Annotated[int, Query(ge=1, le=1_000_000)]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE)]


def _set(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _date(name: str, value: str | None) -> date | None:
    value = _set(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{name} is not an ISO date (YYYY-MM-DD): {value!r}") from exc


def _confidence(value: str | None) -> float | None:
    value = _set(value)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise InputError(f"min_confidence is not a number: {value!r}") from exc
    if not 0.0 <= number <= 1.0:  # NaN fails too
        raise InputError(f"min_confidence must be between 0 and 1, not {value!r}")
    return number


# The parsers are coroutines although they never wait: FastAPI runs a plain function
# dependency on a worker thread, a hop that cost a request more than the parsing itself.
async def claim_query(
    speaker: Annotated[str | None, Query(max_length=MAX_WORDS, description="A person by any alias or spelling.")] = None,
    subject: Annotated[
        str | None, Query(max_length=MAX_WORDS, description="What is measured ('defence exports' finds 'arms exports').")
    ] = None,
    kind: Annotated[str | None, Query(max_length=40, description=f"One of {', '.join(CLAIM_KINDS)}.")] = None,
    since: Annotated[str | None, Query(max_length=40, description="Period or said_on on/after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(max_length=40, description="Period or said_on on/before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, Query(max_length=MAX_WORDS, description="Words of the document's outlet.")] = None,
    country: Annotated[str | None, Query(max_length=MAX_WORDS, description="The subject's country, else the document's.")] = None,
    doc: Annotated[str | None, Query(max_length=MAX_WORDS, description="A document id.")] = None,
    min_confidence: Annotated[str | None, Query(max_length=40, description="A number from 0 to 1.")] = None,
    q: Annotated[
        str | None, Query(max_length=MAX_WORDS, description="Full-text search: words that start words of the evidence, subject or speaker.")
    ] = None,
    sort: Annotated[str | None, Query(max_length=40, description=f"One of {', '.join(SORT_KEYS)}.")] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50,
) -> ClaimQuery:
    """The claims query of a request's parameters (the same on /claims and /api/claims)."""
    flt = ClaimFilter(
        speaker=_set(speaker), subject=_set(subject), since=_date("since", since), until=_date("until", until),
        doc=_set(doc), kind=_set(kind), outlet=_set(outlet), country=_set(country),
        min_confidence=_confidence(min_confidence), sort=_set(sort) or "doc",  # type: ignore[arg-type]
    )  # fmt: skip
    return ClaimQuery(filter=flt, search=_set(q) or "", page=page, per_page=per_page)
