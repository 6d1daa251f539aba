"""Alerts on new claims and findings, delivered once by file, webhook and command, against
real outlets and a real receiver on 127.0.0.1 and a real store."""

from __future__ import annotations

import json
import shlex
import sqlite3
import sys
from pathlib import Path

import pytest

from claimwatch.errors import InputError
from claimwatch.service import alerts, watch
from claimwatch.watch_records import AlertRule, Delivery
from tests.service.watch_site import (
    PORTS,
    PORTS_REVISED,
    WHEAT,
    article,
    atom,
    open_store,
    options,
    rss,
    settings_for,
)
from tests.web import Handler, Reply, Request, Site

FEED = "application/rss+xml"
GONDOR_A = article("Gondor arms exports", "Gondor's arms exports grew 64 percent in 2023, Trade Minister Elena Marsh "
                   "said on Monday.", published="2024-03-04", site_name="Valley Post")  # fmt: skip
GONDOR_B = article("Gondor exports climb", "Gondor's arms exports grew 46 percent in 2023, Trade Minister Elena Marsh "
                   "said on Monday.", published="2024-03-04", site_name="Harbour Times")  # fmt: skip


pytestmark = pytest.mark.usefixtures("model_loaded")


def _rule(tmp_path: Path, on: str = "claim", **kw: str) -> AlertRule:
    with open_store(settings_for(tmp_path)) as store:
        return alerts.add_rule(store, alerts.rule_from_options(on, **kw))


def _cycle(tmp_path: Path) -> watch.CycleReport:
    settings = settings_for(tmp_path)
    with open_store(settings) as store:
        return watch.Watcher(settings, options()).cycle(store, force=True)


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _serve_ports(tmp_path: Path, site: Site, body: str = PORTS, updated: str = "2024-05-02T08:00:00Z") -> None:
    site.routes["/a/ports-record-exports"] = Reply(body=body)
    site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)
    site.routes["/feed"] = Reply(body=atom([(site.url("/a/ports-record-exports"), updated),
                                            (site.url("/a/wheat-harvest-falls"), "2024-05-03T08:00:00Z")]),
                                 content_type="application/atom+xml")  # fmt: skip


def test_claim_alerts_match_and_are_delivered_once_to_a_file(tmp_path: Path, site: Site) -> None:
    _serve_ports(tmp_path, site)
    with open_store(settings_for(tmp_path)) as store:
        watch.add_source(store, "valley", site.url("/feed"), "30m")
    out = tmp_path / "alerts.jsonl"
    everything = tmp_path / "everything.jsonl"
    _rule(tmp_path, subject="container exports", speaker="ruiz", file=str(out))
    _rule(tmp_path, file=str(everything))
    first = _cycle(tmp_path)
    got = _lines(out)
    assert {a["claim"]["value"] for a in got} == {14, 2_100_000}  # type: ignore[index]
    alert = got[0]
    assert alert["on"] == "claim" and alert["source"] == "valley" and alert["outlet"] == "Valley Post"
    assert "Container exports" in alert["evidence"]["text"]  # type: ignore[index]
    assert alert["evidence"]["link"].startswith(site.url("/a/ports-record-exports") + "#:~:text=")  # type: ignore[index]
    assert first.alerts.sent == len(got) + len(_lines(everything))
    assert {a["doc"] for a in _lines(everything)} == {site.url("/a/ports-record-exports"), site.url("/a/wheat-harvest-falls")}

    assert _cycle(tmp_path).alerts.sent == 0  # nothing new: nothing sent again
    # a revision that keeps the figures about container exports and changes the outlook
    _serve_ports(tmp_path, site, PORTS_REVISED, updated="2024-05-04T10:00:00Z")
    _cycle(tmp_path)
    assert len(_lines(out)) == len(got)
    revised = [a for a in _lines(everything) if a["version"] == 2]
    assert revised and {a["claim"]["value"] for a in revised} <= {9, 3}  # type: ignore[index]
    for path in (out, everything):
        ids = [a["id"] for a in _lines(path)]
        assert len(ids) == len(set(ids))


def test_webhook_alert_retried_until_delivered_once(tmp_path: Path, site: Site) -> None:
    _serve_ports(tmp_path, site)
    with open_store(settings_for(tmp_path)) as store:
        watch.add_source(store, "valley", site.url("/feed"), "30m")
    answers = iter([500, 200, 200, 200])

    def hook(handler: Handler, req: Request) -> Reply:
        return Reply(next(answers, 200), b"")

    site.routes["/hook"] = hook
    _rule(tmp_path, subject="wheat", webhook=site.url("/hook"))
    first = _cycle(tmp_path)  # two claims about wheat: the first POST fails, the second lands
    assert first.alerts.sent == 1 and len(first.alerts.failures) == 1
    assert "HTTP 500" in first.alerts.failures[0] and "attempt 1 of 5" in first.alerts.failures[0]
    second = _cycle(tmp_path)
    assert second.alerts.sent == 1 and not second.alerts.failures
    assert _cycle(tmp_path).alerts.sent == 0
    posts = [json.loads(p.body) for p in site.asked("/hook")]
    assert len(posts) == 3 and posts[0] == posts[2]  # the failed alert again, with the same id
    assert len({p["id"] for p in posts}) == 2
    last = site.asked("/hook")[-1]
    assert last.headers["idempotency-key"] == posts[2]["id"] and last.headers["content-type"] == "application/json"
    by_value = {p["claim"]["value"]: p for p in posts}
    assert set(by_value) == {-8, 4_200_000} and by_value[-8]["claim"]["speaker"] == "Omar Haddad"
    assert all(p["evidence"]["text"] in WHEAT for p in posts)
    states = sqlite3.connect(settings_for(tmp_path).db).execute("SELECT state, attempts FROM alert_deliveries").fetchall()
    assert sorted(states) == [("sent", 1), ("sent", 2)]


def test_command_alert_gets_the_json_and_its_id(tmp_path: Path, site: Site) -> None:
    _serve_ports(tmp_path, site)
    with open_store(settings_for(tmp_path)) as store:
        watch.add_source(store, "valley", site.url("/feed"), "30m")
    received = tmp_path / "received.txt"
    script = "import os, sys; open(sys.argv[1], 'a').write(os.environ['CLAIMWATCH_ALERT_ID'] + ' ' + sys.stdin.read() + '\\n')"
    _rule(tmp_path, subject="wheat", command=shlex.join([sys.executable, "-c", script, str(received)]))
    _rule(tmp_path, subject="wheat", command=shlex.join([sys.executable, "-c", "import sys; sys.exit('no disk left')"]))
    report = _cycle(tmp_path)
    lines = received.read_text().strip().splitlines()
    assert len(lines) == 2  # the two claims about wheat
    for line in lines:
        alert_id, body = line.split(" ", 1)
        assert json.loads(body)["id"] == alert_id
    assert report.alerts.sent == 2 and len(report.alerts.failures) == 2
    assert all("command exited 1: no disk left" in f for f in report.alerts.failures)


def test_finding_alerts_only_for_findings_that_appear_after_the_rule(tmp_path: Path, site: Site) -> None:
    site.routes["/a/gondor-arms-exports"] = Reply(body=GONDOR_A)
    site.routes["/b/gondor-exports-climb"] = Reply(body=GONDOR_B)
    site.routes["/rss"] = Reply(body=rss([(site.url("/a/gondor-arms-exports"), "")]), content_type=FEED)
    with open_store(settings_for(tmp_path)) as store:
        watch.add_source(store, "valley", site.url("/rss"), "30m")
    out = tmp_path / "findings.jsonl"
    _rule(tmp_path, on="finding", finding_type="conflict", file=str(out))
    _cycle(tmp_path)
    assert not out.exists()  # one report: no conflict yet
    site.routes["/rss"] = Reply(body=rss([(site.url("/a/gondor-arms-exports"), ""),
                                          (site.url("/b/gondor-exports-climb"), "")]), content_type=FEED)  # fmt: skip
    report = _cycle(tmp_path)
    (alert,) = _lines(out)
    assert alert["on"] == "finding" and alert["finding"]["type"] == "conflict"  # type: ignore[index]
    texts = {e["text"] for e in alert["evidence"]}  # type: ignore[union-attr]
    assert texts == {"Gondor's arms exports grew 64 percent in 2023", "Gondor's arms exports grew 46 percent in 2023"}
    assert all(e["link"].startswith(e["url"] + "#:~:text=") for e in alert["evidence"])  # type: ignore[union-attr]
    assert report.alerts.sent == 1 and _cycle(tmp_path).alerts.sent == 0
    # a rule added now starts from these findings: it never sends them, even when the
    # findings are read again (the store changed)
    late = tmp_path / "late.jsonl"
    _rule(tmp_path, on="finding", file=str(late))
    with open_store(settings_for(tmp_path)) as store:
        store.queue_deliveries([], state=(alerts.FINDINGS_CHECKED, "forget"))
    _cycle(tmp_path)
    assert not late.exists()


def _queued(tmp_path: Path, out: Path) -> tuple[AlertRule, Delivery]:
    rule = _rule(tmp_path, file=str(out))
    assert rule.id is not None
    d = Delivery(rule.id, "claim:x", f"cw-{rule.id}-test", json.dumps({"id": f"cw-{rule.id}-test", "n": 1}), "2024-01-01")
    with open_store(settings_for(tmp_path)) as store:
        store.queue_deliveries([d])
    return rule, d


def test_file_alert_interrupted_after_writing_is_not_written_twice(tmp_path: Path) -> None:
    out = tmp_path / "alerts.jsonl"
    rule, d = _queued(tmp_path, out)
    # a run wrote the line, then died before marking it sent: the attempt was counted
    out.write_text(d.payload + "\n", encoding="utf-8")
    with open_store(settings_for(tmp_path)) as store:
        store.update_delivery(Delivery(**{**d.__dict__, "attempts": 1}))
        report = alerts.deliver_pending(store)
        assert report.sent == 1 and [x.state for x in store.deliveries()] == ["sent"]
    assert out.read_text(encoding="utf-8") == d.payload + "\n"


def test_file_alert_cut_short_by_a_crash_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "alerts.jsonl"
    rule, d = _queued(tmp_path, out)
    out.write_text(d.payload[:12], encoding="utf-8")  # half a line, no newline
    with open_store(settings_for(tmp_path)) as store:
        store.update_delivery(Delivery(**{**d.__dict__, "attempts": 1}))
        assert alerts.deliver_pending(store).sent == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == [d.payload[:12], d.payload]


@pytest.mark.parametrize(
    "on, kw, message",
    [
        ("claim", {}, "exactly one of"),
        ("claim", {"webhook": "http://h.example/x", "file": "/tmp/x"}, "exactly one of"),
        ("claim", {"webhook": "ftp://h.example/x"}, r"http\(s\) URL"),
        ("claim", {"file": "/no/such/dir/alerts.jsonl"}, "no directory"),
        ("claim", {"command": "'unclosed"}, "cannot split"),
        ("claim", {"finding_type": "conflict", "file": "/tmp/x"}, "applies to finding alerts"),
        ("finding", {"finding_type": "rumour", "file": "/tmp/x"}, "unknown finding type"),
        ("story", {"file": "/tmp/x"}, "claim or finding"),
    ],
)
def test_bad_rules_are_refused_with_a_reason(on: str, kw: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        alerts.rule_from_options(on, **kw)


def test_evidence_link_fragments() -> None:
    assert alerts.evidence_link(None, "x") is None
    assert alerts.evidence_link("https://n.example/a#top", "rose 14 per-cent, the minister said") == (
        "https://n.example/a#:~:text=rose%2014%20per%2Dcent%2C%20the%20minister%20said"
    )
    long = alerts.evidence_link("https://n.example/a", " ".join(f"w{i}" for i in range(20)))
    assert long == "https://n.example/a#:~:text=w0%20w1%20w2%20w3%20w4,w15%20w16%20w17%20w18%20w19"


def test_command_alerts_run_without_a_shell(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    rule = _rule(tmp_path, command=f"{shlex.quote(sys.executable)} -c 'import sys' ; touch {marker}")
    assert rule.id is not None
    d = Delivery(rule.id, "claim:x", "cw-x", "{}", "2024-01-01")
    with open_store(settings_for(tmp_path)) as store:
        store.queue_deliveries([d])
        assert alerts.deliver_pending(store).sent == 1  # ';', 'touch' and the path are arguments to python
    assert not marker.exists()
