"""A real server on 127.0.0.1 for the web tests: the bundled sample corpus extracted into
a store once per session, plus a document written here whose title and text carry markup
and a spreadsheet formula, and uvicorn serving it from a thread on a free port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from claimwatch.model import Extraction, Quote
from claimwatch.service import runs
from claimwatch.settings import Settings
from claimwatch.store import Store
from claimwatch.web.app import WebOptions, build_app
from tests.records import claim, document

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "claimwatch" / "samples"
TOKEN = "a-test-token-of-32-characters!!!"
HOSTILE_TEXT = (
    "Harbour officials said the port handled <script>window.hacked = 1</script> 40 ships in 2031, "
    "and =HYPERLINK(\"x\") traffic rose 7 percent, the harbour master Ilse Varga said."
)
HOSTILE_CLAIM = "traffic rose 7 percent"


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's store (read by every read-only server; copy it to write)."""
    db = tmp_path_factory.mktemp("web") / "web.db"
    with Store(db, writer=True) as store:
        runs.add_paths(store, [SAMPLES / "corpus.jsonl"], Settings(db=db))
        doc = document("hostile", HOSTILE_TEXT, title="<b>Port</b> <script>alert(1)</script>", outlet="=Harbour Weekly",
                       published="2032-01-05")  # fmt: skip
        start = HOSTILE_TEXT.index(HOSTILE_CLAIM)
        found = claim("hostile", start, HOSTILE_CLAIM, "percent_change", 7, "%", subject="=HYPERLINK(\"x\") traffic",
                      speaker="Ilse Varga", period_start="2031-01-01", period_end="2031-12-31")  # fmt: skip
        quote = Quote(start, start + len(HOSTILE_CLAIM), HOSTILE_CLAIM, "reported", speaker="Ilse Varga")
        store.save(doc, HOSTILE_TEXT, Extraction(doc="hostile", claims=(found,), quotes=(quote,), pipeline_version="t"))
    return db


@pytest.fixture
def store_copy(store_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.db"
    with Store(store_path) as store:  # a consistent copy of a WAL store
        store.conn.execute("VACUUM INTO ?", (str(copy),))
    return copy


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def serving(options: WebOptions) -> Iterator[str]:
    """``options``' app served by uvicorn on 127.0.0.1 (its port chosen free); the base URL."""
    sock = _free_socket()
    port = sock.getsockname()[1]
    options = WebOptions(**{**options.__dict__, "port": port})
    server = uvicorn.Server(uvicorn.Config(build_app(options), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def base_url(store_path: Path) -> Iterator[str]:
    """A read-only server over the session's store."""
    with serving(WebOptions(db=store_path)) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        yield http
