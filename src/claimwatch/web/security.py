"""Who may write, and how a browser proves it.

The server is read-only unless started with ``--allow-writes``, and then every write
needs the token of ``CLAIMWATCH_TOKEN``: an API client sends it as
``Authorization: Bearer TOKEN``; a browser posts it once to ``/login`` and gets a session
cookie (HttpOnly, SameSite=Strict), and each of its forms carries a CSRF token derived
from that session, checked with the request's origin. Tokens are compared in constant
time (``hmac.compare_digest`` over their SHA-256 digests, so that not even the length
leaks).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from urllib.parse import urlsplit

from starlette.requests import Request

from ..errors import ClaimwatchError

SESSION_COOKIE = "claimwatch_session"
SESSION_SECONDS = 12 * 3600
MAX_SESSIONS = 1000
MIN_TOKEN_LENGTH = 16


class Unauthorized(ClaimwatchError):
    exit_code = 2
    http_status = 401


class Forbidden(ClaimwatchError):
    exit_code = 2
    http_status = 403


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison of two secrets of any length."""
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest())


class WriteAccess:
    """The write policy of one server: off, or on behind ``token``."""

    def __init__(self, allow_writes: bool, token: str | None) -> None:
        if allow_writes and (not token or len(token) < MIN_TOKEN_LENGTH):
            raise Unauthorized(
                f"--allow-writes needs CLAIMWATCH_TOKEN set to a secret of at least {MIN_TOKEN_LENGTH} characters"
            )
        self.enabled = allow_writes
        self._token = token or ""
        self._secret = secrets.token_bytes(32)  # CSRF tokens of this server's sessions
        self._sessions: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def _require_enabled(self) -> None:
        if not self.enabled:
            raise Forbidden("this server is read-only: start it with --allow-writes (and CLAIMWATCH_TOKEN) to change the store")

    # ---- API clients -----------------------------------------------------------------

    def check_api(self, request: Request) -> None:
        """An API write: writes on, and the token in the Authorization header."""
        self._require_enabled()
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not same_secret(given.strip(), self._token):
            raise Unauthorized("a write needs the server's token: Authorization: Bearer $CLAIMWATCH_TOKEN")

    # ---- browsers ----------------------------------------------------------------------

    def login(self, given: str) -> str:
        """A new session id for the right token."""
        self._require_enabled()
        if not same_secret(given, self._token):
            raise Unauthorized("that is not the server's token")
        session = secrets.token_urlsafe(32)
        with self._lock:
            while len(self._sessions) >= MAX_SESSIONS:
                self._sessions.popitem(last=False)
            self._sessions[session] = time.monotonic() + SESSION_SECONDS
        return session

    def logout(self, request: Request) -> None:
        with self._lock:
            self._sessions.pop(request.cookies.get(SESSION_COOKIE, ""), None)

    def session(self, request: Request) -> str | None:
        """The request's live session, if it has one."""
        if not self.enabled:
            return None
        session = request.cookies.get(SESSION_COOKIE, "")
        with self._lock:
            expires = self._sessions.get(session)
            if expires is None:
                return None
            if expires < time.monotonic():
                del self._sessions[session]
                return None
        return session

    def csrf_token(self, session: str | None) -> str | None:
        if session is None:
            return None
        return hmac.new(self._secret, session.encode(), hashlib.sha256).hexdigest()

    def check_form(self, request: Request, csrf: str | None) -> None:
        """A browser's write: writes on, a live session, its CSRF token, and no other site's origin."""
        self._require_enabled()
        session = self.session(request)
        if session is None:
            raise Unauthorized("log in with the server's token first (/login)")
        expected = self.csrf_token(session) or ""
        if not csrf or not same_secret(csrf, expected):
            raise Forbidden("the form's CSRF token is missing or stale: reload the page and try again")
        check_same_origin(request)


def check_same_origin(request: Request) -> None:
    """Refuse a request a page of another site sent (its Origin or Referer names another host)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    # a sandboxed frame or a file sends "null": no page of this server does
    if origin and (origin == "null" or urlsplit(origin).netloc != request.headers.get("host", "")):
        raise Forbidden("a write from another site's page is refused")
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        raise Forbidden("a write from another site's page is refused")
