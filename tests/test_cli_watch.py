"""The watch commands as a user types them: sources, watch --once, alerts, versions, with
their exit codes and errors, against an outlet on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimwatch.cli import main
from tests.service.watch_site import PORTS, PORTS_REVISED, atom
from tests.web import Reply, Site

pytestmark = pytest.mark.usefixtures("model_loaded")


@pytest.fixture(scope="module")
def model_loaded() -> None:
    from claimwatch.extract import nlp

    nlp.load_extraction_model()


@pytest.fixture
def outlet() -> Iterator[Site]:
    with Site() as site:
        site.routes["/a/ports-record-exports"] = Reply(body=PORTS)
        site.routes["/feed"] = Reply(body=atom([(site.url("/a/ports-record-exports"), "2024-05-02T08:00:00Z")]),
                                     content_type="application/atom+xml")  # fmt: skip
        yield site


@pytest.fixture
def cw(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``claimwatch --db DB ARGS...`` through the real entry point: (exit code, stdout, stderr)."""

    def run(db: Path, *args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exit_info:
            main(["--db", str(db), *args])
        out = capsys.readouterr()
        return int(exit_info.value.code or 0), out.out, out.err

    return run


def test_sources_commands_and_their_errors(tmp_path: Path, cw: Callable[..., tuple[int, str, str]]) -> None:
    db = tmp_path / "cw.db"
    code, out, err = cw(db, "sources")
    assert code == 3 and "no store" in err
    assert cw(db, "sources", "add", "valley", "https://valley.example/rss", "--every", "2h")[0] == 0
    code, out, err = cw(db, "sources", "add", "valley", "https://valley.example/other")
    assert code == 2 and "exists already" in err
    code, out, err = cw(db, "sources", "add", "x", "https://valley.example/rss", "--every", "soon")
    assert code == 2 and "not an interval" in err
    code, out, _ = cw(db, "sources", "--format", "json")
    (row,) = json.loads(out)
    assert (row["name"], row["every"], row["kind"], row["pending"]) == ("valley", "2h", None, 0)
    code, _, err = cw(db, "sources", "remove", "nope")
    assert code == 3 and "no source named 'nope'" in err
    assert cw(db, "sources", "remove", "valley")[0] == 0
    code, out, err = cw(db, "sources")
    assert code == 0 and "no sources" in err


def test_watch_once_stores_alerts_and_logs(tmp_path: Path, outlet: Site, cw: Callable[..., tuple[int, str, str]]) -> None:
    db = tmp_path / "cw.db"
    alerts_file = tmp_path / "alerts.jsonl"
    cw(db, "sources", "add", "valley", outlet.url("/feed"))
    code, out, _ = cw(db, "alerts", "add", "--subject", "container exports", "--file", str(alerts_file))
    assert code == 0 and "alert 1: new claims where subject ~ 'container exports'" in out

    code, out, err = cw(db, "watch", "--once")  # no --allow-address: 127.0.0.1 is refused
    assert code == 1 and "refused: 127.0.0.1 is a loopback address" in out
    assert not outlet.asked("/feed")

    code, out, err = cw(db, "watch", "--once", "--force", "--allow-address", "127.0.0.1", "--host-interval", "0")
    assert code == 0, err
    assert "valley: ok; 1 new link(s), 1 stored" in out and "alerts: 2 delivered" in out
    assert len(alerts_file.read_text().splitlines()) == 2

    log = json.loads(cw(db, "sources", "log", "valley", "--format", "json")[1])
    assert [r["purpose"] for r in log][:2] == ["article", "source"] and log[0]["status"] == 200
    links = json.loads(cw(db, "sources", "links", "valley", "--format", "json")[1])
    assert [(r["state"], r["doc"]) for r in links] == [("done", outlet.url("/a/ports-record-exports"))]
    rules = json.loads(cw(db, "alerts", "--format", "json")[1])
    assert rules[0]["sent"] == 2 and rules[0]["channel"] == "file"

    # the article changes: a new version, kept beside the first
    outlet.routes["/a/ports-record-exports"] = Reply(body=PORTS_REVISED)
    outlet.routes["/feed"] = Reply(body=atom([(outlet.url("/a/ports-record-exports"), "2024-05-04T08:00:00Z")]),
                                   content_type="application/atom+xml")  # fmt: skip
    code, out, _ = cw(db, "watch", "--once", "--force", "--allow-address", "127.0.0.1", "--host-interval", "0")
    assert code == 0 and "1 new version(s)" in out
    versions = json.loads(cw(db, "versions", outlet.url("/a/ports-record-exports"), "--format", "json")[1])
    assert [v["version"] for v in versions] == [1, 2]
    assert cw(db, "alerts", "remove", "1")[0] == 0 and cw(db, "alerts", "remove", "1")[0] == 3


def test_watch_option_errors(tmp_path: Path, cw: Callable[..., tuple[int, str, str]]) -> None:
    db = tmp_path / "cw.db"
    code, _, err = cw(db, "watch", "--once", "--allow-address", "localhost")
    assert code == 2 and "not an IP address or network: 'localhost'" in err
    code, _, err = cw(db, "alerts", "add", "--webhook", "http://hooks.example/x", "--file", str(tmp_path / "a"))
    assert code == 2 and "exactly one of" in err
