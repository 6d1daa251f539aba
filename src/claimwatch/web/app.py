"""The web app: ``build_app(WebOptions)`` gives a FastAPI app over one store.

Pages (``pages.py``) and the JSON API (``api.py``) are thin routes over
``claimwatch.service.explore``; each page renders the dict its API twin returns
(``views.py``). This module holds what every route shares: the one error shape
(``{"ok": false, "error": ..., "status": ...}``, or an HTML page saying the same),
the guard in front of every request (Host header, body size, security headers), and
the templates and static files shipped in the package.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..charts import number_label
from ..errors import ClaimwatchError, InputError, NotFound
from ..service.add_jobs import AddJobs
from ..service.explore import Explorer, ReadLimits
from ..settings import Settings
from .security import WriteAccess

log = logging.getLogger("claimwatch.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
# every page's resources come from this server: no CDN, no inline script
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


@dataclass(frozen=True)
class WebOptions:
    """How to serve a store. ``host`` decides which Host headers are answered (a browser
    page of another site that rebinds its name to this address is refused)."""

    db: Path
    host: str = "127.0.0.1"
    port: int = 8000
    allow_writes: bool = False
    token: str | None = None
    limits: ReadLimits = field(default_factory=ReadLimits)
    settings: Settings | None = None  # for adding articles (model, limits); None: from the environment

    @property
    def max_body_bytes(self) -> int:
        """The largest request body: one article at the size ``add`` accepts, plus the form around it."""
        return (self.settings or Settings()).max_bytes + 64 * 1024

    def allowed_hosts(self) -> set[str] | None:
        """Host names the server answers to; None: any (bound to every interface)."""
        if self.host in ("0.0.0.0", "::", ""):
            return None
        names = {self.host, *LOOPBACK_NAMES} if self.host in LOOPBACK_NAMES else {self.host}
        return {n for name in names for n in (name, f"{name}:{self.port}")}


def explorer_of(request: Request) -> Explorer:
    explorer: Explorer = request.app.state.explorer
    return explorer


async def explorer_dependency(request: Request) -> Explorer:
    """``explorer_of`` for ``Depends``: a coroutine, so FastAPI calls it on the event loop
    instead of handing it to a worker thread (a hop per request)."""
    return explorer_of(request)


def access_of(request: Request) -> WriteAccess:
    access: WriteAccess = request.app.state.access
    return access


def jobs_of(request: Request) -> AddJobs:
    """The add jobs of a server that allows writes (NotFound on a read-only one)."""
    jobs: AddJobs | None = request.app.state.jobs
    if jobs is None:
        raise NotFound("this server is read-only: it runs no add jobs")
    return jobs


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "application/json" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str) -> Response:
    """The one error shape: JSON for the API, a page saying the same for a browser."""
    body = {"ok": False, "error": message, "status": status}
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"data": body, "writes": False}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    async def domain(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ClaimwatchError)
        status = exc.http_status
        if status >= 500:
            log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        return error_response(request, status, str(exc))

    async def validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 400, _validation_message(exc))

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = {404: "no such page", 405: "method not allowed here"}.get(exc.status_code, str(exc.detail))
        return error_response(request, exc.status_code, message)

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error")

    app.add_exception_handler(ClaimwatchError, domain)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(StarletteHTTPException, http)
    app.add_exception_handler(Exception, unexpected)


class Guard:
    """In front of every request: a Host this server answers to, a body no larger than
    ``max_body`` (declared or streamed), and the security headers on every response."""

    def __init__(self, app: ASGIApp, allowed_hosts: set[str] | None, max_body: int) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        if self.allowed_hosts is not None and headers.get("host", "") not in self.allowed_hosts:
            await _plain_error(send_with_headers, 421, "this server does not answer to that Host header")
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            await _plain_error(send_with_headers, 413, f"the request body is over {self.max_body:,} bytes")
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except _BodyTooLarge:
            await _plain_error(send_with_headers, 413, f"the request body is over {self.max_body:,} bytes")


class _BodyTooLarge(Exception):
    pass


async def _plain_error(send: Send, status: int, message: str) -> None:
    body = JSONResponse({"ok": False, "error": message, "status": status}).body
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("claimwatch.web", "templates"), autoescape=select_autoescape(default=True),
        trim_blocks=True, lstrip_blocks=True,
        # the templates ship in the package: compiled once, never checked for changes on disk
        auto_reload=False,
    )  # fmt: skip
    env.filters["figure"] = number_label
    return Jinja2Templates(env=env)


def build_app(options: WebOptions) -> FastAPI:
    """The app over ``options.db`` (NotFound / StoreError when it is no store)."""
    from . import api, pages

    explorer = Explorer(options.db, options.limits)
    access = WriteAccess(options.allow_writes, options.token)
    jobs = AddJobs(options.db, options.settings or Settings(db=options.db)) if options.allow_writes else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # what the claim filters need of the whole store is worked out while the server
        # already answers: a request that needs it meanwhile waits for it, once
        threading.Thread(target=explorer.prepare, name="claimwatch-prepare", daemon=True).start()
        yield
        if jobs is not None:
            jobs.close()
        explorer.close()

    app = FastAPI(
        title="claimwatch", version=package_version("claimwatch"), lifespan=lifespan,
        description="Quantitative claims in the news: who said which number, about what, for which period, said when. "
        "Every page of the web app has a JSON twin here; writes need `Authorization: Bearer $CLAIMWATCH_TOKEN` "
        "and a server started with --allow-writes.",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )  # fmt: skip
    app.state.explorer = explorer
    app.state.access = access
    app.state.jobs = jobs
    app.state.templates = templates()
    app.state.options = options
    _install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("claimwatch.web", "static")]), name="static")
    app.add_middleware(Guard, allowed_hosts=options.allowed_hosts(), max_body=options.max_body_bytes)
    return app


def html(request: Request, template: str, data: dict[str, Any], status: int = 200, **extra: Any) -> HTMLResponse:
    """A page: ``data`` is the dict its API twin returns; ``extra`` what only HTML needs."""
    access = access_of(request)
    session = access.session(request)
    context = {"data": data, "writes": access.enabled, "session": session is not None,
               "csrf": access.csrf_token(session), **extra}  # fmt: skip
    templates_: Jinja2Templates = request.app.state.templates
    response = templates_.TemplateResponse(request, template, context, status_code=status)
    assert isinstance(response, HTMLResponse)
    return response


# the read-only options a worker process builds its app from (``serve`` with workers > 1)
WORKER_OPTIONS = "CLAIMWATCH_SERVE_OPTIONS"


def serve(options: WebOptions, workers: int = 1) -> None:
    """Serve ``options.db`` until interrupted (uvicorn, a thread per request, in ``workers``
    processes: each opens its own read-only connections, so only a read-only server may
    have more than one; the writes of one with --allow-writes go through one process)."""
    import uvicorn

    if workers > 1 and options.allow_writes:
        raise InputError("--workers above 1 serves read-only only: --allow-writes needs one process")
    where = f"http://{options.host}:{options.port}/"
    mode = "writes allowed with CLAIMWATCH_TOKEN" if options.allow_writes else "read-only"
    log.warning("claimwatch serving %s at %s (%s%s)", options.db, where, mode,
                f", {workers} processes" if workers > 1 else "")  # fmt: skip
    settings: dict[str, Any] = {"host": options.host, "port": options.port, "log_level": "warning",
                                "server_header": False, "proxy_headers": False}  # fmt: skip
    if workers == 1:
        uvicorn.run(build_app(options), **settings)
        return
    Explorer(options.db, options.limits).close()  # a missing or foreign store is said once, here
    os.environ[WORKER_OPTIONS] = json.dumps({"db": str(options.db), "host": options.host, "port": options.port})
    uvicorn.run("claimwatch.web.app:worker_app", factory=True, workers=workers, **settings)


def worker_app() -> FastAPI:
    """The app of one worker process of ``serve``, from the options its parent left."""
    given = json.loads(os.environ[WORKER_OPTIONS])
    return build_app(WebOptions(db=Path(given["db"]), host=given["host"], port=int(given["port"])))
