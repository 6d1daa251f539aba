"""Fetching by URL: bounded in time and size, guarded against internal addresses, every
outcome recorded as a ``FetchResult``.

The rules (README "Fetching", SECURITY.md), each enforced here:

* only ``http`` and ``https`` URLs are fetched;
* every host is resolved and each of its addresses checked before a connection is
  made: loopback, private, link-local, multicast, unspecified, reserved, shared and cloud
  metadata addresses are refused unless the user lists the address or network in
  ``FetchPolicy.allow_addresses``. The connection then goes to the address that was
  checked, never to a second lookup of the name, so a DNS answer cannot change between
  the check and the connection;
* redirects are followed one hop at a time, up to ``max_redirects``, and each hop is
  checked the same way (scheme, address, loops);
* one deadline covers the whole fetch, every hop included: connecting, the TLS handshake,
  the status line and headers, and the body. Each socket read waits at most for what is
  left of it, so a server that trickles its headers a byte at a time is cut off;
* the body is refused past ``max_bytes`` after decompression, while streaming: a 50 MB
  page or a gzip bomb costs at most the limit;
* a body cut short (fewer bytes than its Content-Length, an unfinished chunked or gzip
  stream) is an error, not a page;
* environment proxies are ignored (a proxy would connect on our behalf, unchecked).
"""

from __future__ import annotations

import ipaddress
import queue
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..errors import InputError
from ..model import Article, IngestFailure
from .decode import DecodeError, decode_body

URL_PREFIXES = ("http://", "https://")
USER_AGENT = "claimwatch/0.1 (+news claim tracking; robots.txt respected)"
ROBOTS_AGENT = "claimwatch"  # the token robots.txt rules name
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
ErrorKind = Literal[
    "refused", "robots", "robots_unreadable", "timeout", "network", "http", "too_large", "truncated", "redirects",
    "deferred", "decode",
]

# Cloud instance metadata services: named apart because they hand out credentials.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254")
)


def is_url(value: str) -> bool:
    return value.lower().startswith(URL_PREFIXES)


@dataclass(frozen=True)
class FetchPolicy:
    """What one fetch may cost and reach.

    ``allow_addresses`` lists addresses or networks ("127.0.0.1", "10.0.0.0/8") that the
    address guard lets through; empty (the default) refuses every non-public address.
    """

    timeout_s: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allow_addresses: tuple[str, ...] = ()
    user_agent: str = USER_AGENT

    def networks(self) -> tuple[Network, ...]:
        return parse_networks(self.allow_addresses)


@dataclass(frozen=True)
class FetchResult:
    """What one fetch gave: the body when it succeeded, the reason when it did not.

    ``size`` counts the body bytes received (after decompression) even when the fetch
    failed part way; ``redirects`` lists the URLs each redirect led to, in order.
    """

    url: str
    final_url: str
    status: int | None = None
    body: bytes = b""
    size: int = 0
    elapsed_s: float = 0.0
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    retry_after_s: float | None = None
    redirects: tuple[str, ...] = ()
    error: str | None = None
    error_kind: ErrorKind | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def transient(self) -> bool:
        """A failure worth trying again later (the server or network may recover)."""
        if self.error_kind in ("timeout", "network", "truncated", "deferred", "robots_unreadable"):
            return True
        return self.error_kind == "http" and self.status is not None and (self.status in (408, 429) or self.status >= 500)


class FetchRefused(Exception):
    """A URL or address the rules do not let us fetch; the message says why."""


class _TooLarge(Exception):
    pass


class _Truncated(Exception):
    pass


# ---- the address guard ----------------------------------------------------------------


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or networks as given on the command line; InputError for a bad one."""
    out = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip().strip("[]")
            if not part:
                continue
            try:
                out.append(ipaddress.ip_network(part, strict=False))
            except ValueError as exc:
                raise InputError(f"not an IP address or network: {part!r} (e.g. 127.0.0.1 or 10.0.0.0/8)") from exc
    return tuple(out)


def address_refusal(ip: Address) -> str | None:
    """Why the guard refuses an address, or None for a public one."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            reason = address_refusal(embedded)
            return f"{reason} (inside {ip})" if reason else None
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    return next((reason for hit, reason in checks if hit), None)


def check_address(ip: Address, allowed: tuple[Network, ...]) -> None:
    """Raise FetchRefused unless ``ip`` is public or in an allowed network."""
    if any(ip.version == net.version and ip in net for net in allowed):
        return
    reason = address_refusal(ip)
    if reason:
        raise FetchRefused(f"{ip} is {reason} (allow it with --allow-address {ip})")


def check_url(url: str) -> tuple[str, int]:
    """The host and port of a URL we may try; FetchRefused for another scheme or no host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"not a valid URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(f"scheme {scheme or '(none)'!r} is not fetched (only http and https)")
    if not parts.hostname:
        raise FetchRefused("no host in the URL")
    return parts.hostname, port or (443 if scheme == "https" else 80)


def guard_refusal(url: str, policy: FetchPolicy) -> str | None:
    """Why the fetch rules refuse ``url`` before any request (scheme, host, addresses), or
    None. ``fetch`` checks the same again when it connects, on every hop."""
    try:
        host, port = check_url(url)
        allowed = policy.networks()
        for ip in resolve(host, port, policy.timeout_s):
            check_address(ip, allowed)
    except FetchRefused as exc:
        return f"refused: {exc}"
    except (httpcore.ConnectError, httpcore.ConnectTimeout):
        return None  # not refused: the fetch itself reports what the lookup says
    return None


def resolve(host: str, port: int, timeout_s: float) -> list[Address]:
    """Every address ``host`` resolves to, within ``timeout_s`` (getaddrinfo has no timeout
    of its own, so it runs in a daemon thread that is abandoned when time is up)."""
    host = host.strip("[]")
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    answer: queue.Queue[list[Any] | BaseException] = queue.Queue(maxsize=1)

    def lookup() -> None:
        try:
            answer.put(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the caller
            answer.put(exc)

    threading.Thread(target=lookup, daemon=True, name=f"resolve {host}").start()
    try:
        got = answer.get(timeout=max(timeout_s, 0.001))
    except queue.Empty:
        raise httpcore.ConnectTimeout(f"resolving {host} took too long") from None
    if isinstance(got, BaseException):
        raise httpcore.ConnectError(f"cannot resolve {host}: {got}")
    addresses: list[Address] = []
    for *_, sockaddr in got:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise httpcore.ConnectError(f"cannot resolve {host}: no address")
    return addresses


class _Deadline:
    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self.at = time.monotonic() + timeout_s

    def left(self, timeout: float | None = None) -> float:
        """Seconds a socket operation may wait: what its own timeout and the deadline allow."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout(f"deadline of {self.timeout_s:g}s passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and handshake waits only until the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self.inner = inner
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self.deadline.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self.deadline.left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self.inner.start_tls(ssl_context, server_hostname, self.deadline.left(timeout))
        return _DeadlineStream(inner, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks every address (unless ``allowed`` is None: no guard), connects to
    a checked address, and puts the deadline on the connection."""

    def __init__(self, deadline: _Deadline, allowed: tuple[Network, ...] | None) -> None:
        self.deadline = deadline
        self.allowed = allowed
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port, self.deadline.left(timeout))
        if self.allowed is not None:
            for ip in addresses:  # all of them: a name must not mix public and internal answers
                check_address(ip, self.allowed)
        last: Exception | None = None
        for ip in addresses:
            try:
                stream = self.inner.connect_tcp(
                    str(ip), port, self.deadline.left(timeout), local_address, socket_options
                )
                return _DeadlineStream(stream, self.deadline)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        raise FetchRefused("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    return httpx.create_ssl_context()


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over the guarded backend (httpx takes no backend argument, so the
    connection pool it builds is swapped for one that uses it)."""

    def __init__(self, backend: _GuardedBackend) -> None:
        super().__init__(verify=_ssl_context(), trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=_ssl_context(), network_backend=backend, max_connections=4)


def _client(deadline: _Deadline, allowed: tuple[Network, ...] | None, user_agent: str) -> httpx.Client:
    return httpx.Client(
        transport=_GuardedTransport(_GuardedBackend(deadline, allowed)),
        timeout=deadline.timeout_s,
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
    )


# ---- bodies -----------------------------------------------------------------------------


class _BoundedDecoder:
    """Undo gzip/deflate content-encoding with the size limit applied to the output."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.encoding = encoding.strip().lower()
        self.raw_deflate_tried = False
        self.zlib: Any = None
        if self.encoding in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self.zlib = zlib.decompressobj()

    def check_encoding(self) -> None:
        # we ask for gzip and deflate only; anything else is a body we cannot read
        if self.zlib is None and self.encoding not in ("", "identity"):
            raise _Truncated(f"unsupported content-encoding {self.encoding!r}")

    def feed(self, data: bytes) -> bytes:
        if self.zlib is None:
            return self._count(data)
        out = bytearray()
        while data:
            try:
                chunk = self.zlib.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self.raw_deflate_tried and not out and self.size == 0:
                    # servers send raw deflate under this name as often as zlib-wrapped
                    self.raw_deflate_tried = True
                    self.zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise _Truncated(f"bad {self.encoding} data: {exc}") from exc
            out += self._count(chunk)
            data = self.zlib.unconsumed_tail
        return bytes(out)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge(f"too large: over {self.limit} bytes (limit {self.limit})")
        return data

    def finish(self) -> bytes:
        if self.zlib is None:
            return b""
        if not self.zlib.eof:
            raise _Truncated(f"truncated body: the {self.encoding} stream ended early")
        return self._count(self.zlib.flush())


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), at most a day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), 86400.0)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(when.timestamp() - time.time(), 86400.0))


# ---- fetching ---------------------------------------------------------------------------


def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "*/*",
) -> FetchResult:
    """GET ``url`` under ``policy``; a conditional GET when ``etag`` / ``last_modified`` are given.

    Never raises for a network, HTTP or policy failure: the result carries ``error`` and
    ``error_kind``. An HTTP status of 400 or more is an error; 304 is ``not_modified``.
    """
    started = time.monotonic()
    deadline = _Deadline(policy.timeout_s)
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    state: dict[str, Any] = {"url": url, "redirects": [], "status": None, "size": 0}

    def result(**fields: Any) -> FetchResult:
        return FetchResult(
            url=url, final_url=state["url"], status=state["status"], size=state["size"],
            elapsed_s=round(time.monotonic() - started, 3), redirects=tuple(state["redirects"]), **fields,
        )  # fmt: skip

    try:
        with _client(deadline, policy.networks(), policy.user_agent) as client:
            return _follow(client, url, headers, policy, state, lambda r: _read_response(r, policy, state, result))
    except FetchRefused as exc:
        where = f" (redirected to {state['url']})" if state["redirects"] else ""
        return result(error=f"refused: {exc}{where}", error_kind="refused")
    except _RedirectError as exc:
        return result(error=str(exc), error_kind="redirects")
    except httpx.TimeoutException:
        return result(error=f"timed out after {policy.timeout_s:g}s", error_kind="timeout")
    except httpx.RemoteProtocolError as exc:
        kind: ErrorKind = "truncated" if state["status"] is not None else "network"
        label = "truncated body" if kind == "truncated" else "protocol error"
        return result(error=f"{label}: {exc}", error_kind=kind)
    except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
        return result(error=f"fetch failed: {type(exc).__name__}: {exc}", error_kind="network")


class _RedirectError(Exception):
    pass


def _follow(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    policy: FetchPolicy,
    state: dict[str, Any],
    read: Callable[[httpx.Response], FetchResult],
) -> FetchResult:
    """Request ``url``, following redirects one checked hop at a time, and ``read`` the
    final response while it is still open."""
    seen = [url]
    current = url
    while True:
        check_url(current)
        with client.stream("GET", current, headers=headers) as response:
            state["status"] = response.status_code
            location = response.headers.get("location")
            if response.status_code not in REDIRECT_STATUSES or not location:
                return read(response)
        nxt = urljoin(current, location.strip())
        if nxt in seen:
            raise _RedirectError(f"redirect loop: {' -> '.join([*seen[seen.index(nxt):], nxt])}")
        if len(seen) > policy.max_redirects:
            raise _RedirectError(f"too many redirects (limit {policy.max_redirects}): {' -> '.join(seen)} -> {nxt}")
        seen.append(nxt)
        state["redirects"].append(nxt)
        state["url"] = current = nxt
        state["status"] = None


def _read_response(response: httpx.Response, policy: FetchPolicy, state: dict[str, Any], result: Any) -> FetchResult:
    meta = {
        "content_type": response.headers.get("content-type", ""),
        "etag": response.headers.get("etag"),
        "last_modified": response.headers.get("last-modified"),
        "retry_after_s": _retry_after(response.headers.get("retry-after")),
        "headers": dict(response.headers),
    }
    status = response.status_code
    if status == 304:
        return result(**meta)
    if status >= 400:
        return result(error=f"HTTP {status} {response.reason_phrase}".strip(), error_kind="http", **meta)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        return result(error=f"too large: {int(declared)} bytes (limit {policy.max_bytes})", error_kind="too_large", **meta)
    body = bytearray()
    decoder = _BoundedDecoder(response.headers.get("content-encoding", ""), policy.max_bytes)
    try:
        decoder.check_encoding()
        for chunk in response.iter_raw():
            body += decoder.feed(chunk)
            state["size"] = decoder.size  # kept current: a timeout mid-body still tells how much came
        body += decoder.finish()
    except (_TooLarge, _Truncated) as exc:
        state["size"] = decoder.size
        return result(error=str(exc), error_kind="too_large" if isinstance(exc, _TooLarge) else "truncated", **meta)
    state["size"] = decoder.size
    return result(body=bytes(body), **meta)


def send_json(url: str, payload: bytes, *, timeout_s: float, headers: dict[str, str]) -> FetchResult:
    """POST a JSON body to a URL the user configured (an alert webhook).

    The same deadline and scheme rules as ``fetch``, but no address guard: a webhook is
    named by the user, not by fetched content, and is often on the user's own network.
    Redirects are not followed (a POST is not replayed elsewhere), and at most 64 KiB of
    the answer is read.
    """
    started = time.monotonic()
    deadline = _Deadline(timeout_s)
    status, size = None, 0
    try:
        check_url(url)
        with _client(deadline, None, USER_AGENT) as client:
            with client.stream("POST", url, content=payload, headers={"Content-Type": "application/json", **headers}) as response:
                status, reason = response.status_code, response.reason_phrase
                for chunk in response.iter_raw():
                    size += len(chunk)
                    if size > 65536:
                        break
    except FetchRefused as exc:
        return FetchResult(url, url, error=f"refused: {exc}", error_kind="refused")
    except httpx.TimeoutException:
        return FetchResult(url, url, status=status, error=f"timed out after {timeout_s:g}s", error_kind="timeout")
    except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
        return FetchResult(url, url, status=status, error=f"post failed: {type(exc).__name__}: {exc}", error_kind="network")
    elapsed = round(time.monotonic() - started, 3)
    if status >= 300:
        return FetchResult(url, url, status=status, size=size, elapsed_s=elapsed, error=f"HTTP {status} {reason}".strip(),
                           error_kind="http")  # fmt: skip
    return FetchResult(url, url, status=status, size=size, elapsed_s=elapsed)


def fetch_article(
    url: str, *, timeout_s: float, max_bytes: int, allow_addresses: tuple[str, ...] = ()
) -> Article | IngestFailure:
    """One URL as an Article (``claimwatch add URL``), or the reason it could not be had."""
    try:
        policy = FetchPolicy(timeout_s=timeout_s, max_bytes=max_bytes, allow_addresses=allow_addresses)
        policy.networks()
    except InputError as exc:
        return IngestFailure(url, str(exc))
    got = fetch(url, policy, accept="text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
    return article_from_result(got, doc_id=url)


def article_from_result(got: FetchResult, *, doc_id: str, url: str | None = None) -> Article | IngestFailure:
    """A fetched page as an ``html`` or ``txt`` Article (by content type), or why it is not one."""
    if got.error:
        return IngestFailure(got.url, got.error)
    if not got.ok:
        return IngestFailure(got.url, f"no page: HTTP {got.status}")
    try:
        text = decode_body(got.body, got.content_type)
    except DecodeError as exc:
        return IngestFailure(got.url, str(exc))
    if not text.strip():
        return IngestFailure(got.url, "empty response")
    fmt: Literal["txt", "html"] = "txt" if got.content_type.startswith("text/plain") else "html"
    return Article(id=doc_id, raw=text, fmt=fmt, source=got.url, url=url or got.url)
