"""`claimwatch add` writing to the store while the server reads it: the single writer
stays the ingest path, the server's read-only connections never error, and what the
writer commits shows up in the server's answers."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import httpx

from claimwatch.web.app import WebOptions

from .conftest import serving

PATHS = ["/api/claims?per_page=200", "/api/claims?speaker=Varga&outlet=canal", "/api/docs", "/api/speakers", "/api/findings",
         "/api/talking-points", "/api/stories", "/claims?sort=value", "/docs"]  # fmt: skip


def _articles(folder: Path, count: int) -> Path:
    path = folder / "more.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = (f"The canal board said on {i + 1} May 2031 that lock passages rose {10 + i} percent in 2030, "
                    f"its chair Tove Lindqvist said. Dredging cost {i + 2} million euros, the board added.")  # fmt: skip
            out.write(json.dumps({"id": f"canal-{i}", "text": text, "outlet": "Canal Courier"}) + "\n")
    return path


def test_reads_never_fail_while_claimwatch_add_writes(store_copy: Path, tmp_path: Path) -> None:
    inputs = _articles(tmp_path, 12)
    failures: list[str] = []
    statuses: list[int] = []
    stop = threading.Event()

    def read(base: str) -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while not stop.is_set():
                for path in PATHS:
                    response = http.get(path)
                    statuses.append(response.status_code)
                    if response.status_code != 200:
                        failures.append(f"{path}: {response.status_code} {response.text[:200]}")

    with serving(WebOptions(db=store_copy)) as base:
        readers = [threading.Thread(target=read, args=(base,)) for _ in range(3)]
        for r in readers:
            r.start()
        try:
            add = subprocess.run([sys.executable, "-m", "claimwatch", "--db", str(store_copy), "add", str(inputs)],
                                 capture_output=True, text=True, timeout=300)  # fmt: skip
        finally:
            stop.set()
            for r in readers:
                r.join()
        assert add.returncode == 0, add.stderr
        docs = httpx.get(base + "/api/docs?per_page=500").json()["documents"]
        claims = httpx.get(base + "/api/claims", params={"outlet": "canal courier"}).json()
    assert failures == [] and len(statuses) > len(PATHS)
    assert {f"canal-{i}" for i in range(12)} <= {d["id"] for d in docs}
    assert claims["total"] >= 12
