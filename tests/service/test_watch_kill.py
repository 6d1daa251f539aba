"""The watch loop as a real process: killed with SIGKILL in the middle of a poll and run
again, it loses nothing and duplicates nothing (documents, links, alerts); Ctrl-C ends
it cleanly with the store intact and free for the next writer."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from claimwatch.service import alerts, watch
from claimwatch.store import Store
from tests.service.watch_site import article, rss
from tests.web import Handler, Reply, Request, Site

ROOT = Path(__file__).resolve().parents[2]
N = 6


def _slow(body: str, seconds: float) -> Callable[[Handler, Request], Reply]:
    def route(handler: Handler, req: Request) -> Reply:
        time.sleep(seconds)
        return Reply(body=body)

    return route


def _watch(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "claimwatch", "--db", str(db), "watch", "--allow-address", "127.0.0.1",
         "--host-interval", "0", "--timeout", "5", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ},
    )  # fmt: skip


def _count(db: Path, sql: str) -> int:
    try:
        return int(sqlite3.connect(db, timeout=1).execute(sql).fetchone()[0])
    except sqlite3.Error:
        return -1


def _wait_for(db: Path, sql: str, at_least: int, proc: subprocess.Popen[str], limit_s: float = 120) -> int:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        n = _count(db, sql)
        if n >= at_least:
            return n
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {sql} >= {at_least}")


def test_killed_watch_restarted_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    out = tmp_path / "alerts.jsonl"
    with Site() as site:
        links = []
        for i in range(N):
            path = f"/a/grain-report-number-{i}"
            text = (f"Grain exports from the {i + 2}th district rose {10 + i} percent in 2023 to {i + 3} million "
                    f"tonnes, Farm Minister Ines Duarte said on Monday.")  # fmt: skip
            site.routes[path] = _slow(article(f"Grain report {i}", text, published="2024-04-0" + str(i + 1)), 0.4)
            links.append((site.url(path), ""))
        site.routes["/rss"] = Reply(body=rss(links), content_type="application/rss+xml")
        with Store(db, writer=True) as store:
            watch.add_source(store, "farm", site.url("/rss"), "30m")
            alerts.add_rule(store, alerts.rule_from_options("claim", subject="grain", file=str(out)))

        first = _watch(db)
        _wait_for(db, "SELECT count(*) FROM documents", 2, first)
        first.send_signal(signal.SIGKILL)
        first.wait()
        stored = _count(db, "SELECT count(*) FROM documents")
        assert 2 <= stored < N, "the kill should land in the middle of the poll"

        second = _watch(db)  # runs the rest, then is stopped with Ctrl-C while it waits
        everything_sent = (
            f"SELECT (SELECT count(*) FROM documents) = {N} AND (SELECT count(*) FROM alert_deliveries) > 0"
            " AND (SELECT count(*) FROM alert_deliveries WHERE state = 'pending') = 0"
        )
        _wait_for(db, everything_sent, 1, second)
        second.send_signal(signal.SIGINT)
        _, err = second.communicate(timeout=30)
        assert second.returncode == 130 and "Aborted!" in err

        once = subprocess.run(
            [sys.executable, "-m", "claimwatch", "--db", str(db), "watch", "--once", "--allow-address", "127.0.0.1"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert once.returncode == 0, once.stderr  # the lock was released; nothing was due

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (N, N)
    assert con.execute("SELECT count(*) FROM document_versions").fetchone()[0] == N  # one version each
    assert con.execute("SELECT state, count(*) FROM source_items GROUP BY state").fetchall() == [("done", N)]
    orphans = con.execute("SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert orphans == 0
    sent = {r[0] for r in con.execute("SELECT id FROM alert_deliveries WHERE state = 'sent'")}
    assert con.execute("SELECT count(*) FROM alert_deliveries WHERE state != 'sent'").fetchone()[0] == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(sent) >= 2 * N  # a percent change and an amount per article, at least
    assert {a["id"] for a in lines} == sent  # every alert once
    for i in range(N):  # every article once
        assert len(site.asked(f"/a/grain-report-number-{i}")) in (1, 2)  # twice only if killed mid-fetch
