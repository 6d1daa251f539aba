"""A programmable web site on a loopback address for tests: real HTTP over real sockets.

Each path answers with a ``Reply`` or a function of the request; every request is kept
(path, method, headers, body) so a test can assert what was asked and what never was.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Route = Reply | Callable[["Handler", Request], Reply | None]


class Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _answer(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        req = Request(method, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        site = self.server.site
        with site.lock:
            site.requests.append(req)
            route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
        if route is None:
            reply: Reply | None = Reply(404, b"not here", "text/plain")
        elif isinstance(route, Reply):
            reply = route
        else:
            reply = route(self, req)
        if reply is not None:  # None: the route wrote (or withheld) the answer itself
            self.send(reply)

    def send(self, reply: Reply) -> None:
        body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        self.send_response(reply.status)
        headers = {"Content-Type": reply.content_type, "Content-Length": str(len(body)), **reply.headers}
        for name, value in headers.items():
            if value is not None:
                self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._answer("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._answer("POST")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site


class Site:
    """``with Site() as site: site.routes["/feed"] = Reply(...)``; ``site.url("/feed")``."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()

    def __enter__(self) -> Site:
        self.httpd = _Server((self.host, 0), Handler)
        self.httpd.site = self
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def asked(self, path: str | None = None) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if path is None or r.path == path]


# ---- misbehaving answers ------------------------------------------------------------------


def hang(seconds: float) -> Route:
    """Accept, then say nothing for ``seconds`` (a hanging server)."""

    def route(handler: Handler, req: Request) -> None:
        time.sleep(seconds)

    return route


def trickle_headers(seconds: float, step: float = 0.05) -> Route:
    """Send the status line, then one header byte every ``step`` for ``seconds``, then a page:
    a client without a deadline on headers waits the whole time and gets the page."""

    def route(handler: Handler, req: Request) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: ")
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                handler.wfile.write(b"a")
                handler.wfile.flush()
                time.sleep(step)
            page = b"<html><body><p>finally</p></body></html>"
            handler.wfile.write(b"\r\nContent-Length: %d\r\n\r\n%s" % (len(page), page))
        except (BrokenPipeError, ConnectionResetError):
            pass

    return route


def truncated(declared: int, sent: bytes) -> Route:
    """Declare ``declared`` bytes, send fewer, close."""

    def route(handler: Handler, req: Request) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % declared)
        handler.wfile.write(sent)
        handler.close_connection = True

    return route


def endless(chunk: bytes, count: int) -> Route:
    """A body with no declared length that streams ``count`` chunks (a huge page)."""

    def route(handler: Handler, req: Request) -> None:
        handler.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n")
        try:
            for _ in range(count):
                handler.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        handler.close_connection = True

    return route


def conditional(reply: Reply, etag: str | None = None, last_modified: str | None = None) -> Route:
    """``reply`` with validators; 304 when the request carries them back."""

    def route(handler: Handler, req: Request) -> Reply:
        if (etag and req.headers.get("if-none-match") == etag) or (
            last_modified and req.headers.get("if-modified-since") == last_modified
        ):
            return Reply(304, b"", reply.content_type)
        headers = dict(reply.headers)
        if etag:
            headers["ETag"] = etag
        if last_modified:
            headers["Last-Modified"] = last_modified
        return Reply(reply.status, reply.body, reply.content_type, headers)

    return route
