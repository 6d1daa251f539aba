"""The watch and its alerts on a PostgreSQL store do what they do on a SQLite file: the
same documents and versions stored, the same alerts delivered once (skips without a
server, see tests/conftest.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from claimwatch.service import alerts, watch
from claimwatch.store import Store
from tests.conftest import fresh_postgres_store
from tests.service.watch_site import PORTS, PORTS_REVISED, WHEAT, atom, options, settings_for
from tests.web import Reply, Site

pytestmark = pytest.mark.usefixtures("model_loaded")


def _serve(site: Site, body: str, updated: str) -> None:
    site.routes["/a/ports-record-exports"] = Reply(body=body)
    site.routes["/a/wheat-harvest-falls"] = Reply(body=WHEAT)
    site.routes["/feed"] = Reply(body=atom([(site.url("/a/ports-record-exports"), updated),
                                            (site.url("/a/wheat-harvest-falls"), "2024-05-03T08:00:00Z")]),
                                 content_type="application/atom+xml")  # fmt: skip


def _watch_twice(db: str, site: Site, out: Path) -> tuple[object, ...]:
    settings = replace(settings_for(out.parent), db=db)
    _serve(site, PORTS, "2024-05-02T08:00:00Z")
    with Store(db, writer=True) as store:
        watch.add_source(store, "valley", site.url("/feed"), "30m")
        alerts.add_rule(store, alerts.rule_from_options("claim", file=str(out)))
    sent = []
    for body, updated in ((PORTS, "2024-05-02T08:00:00Z"), (PORTS, "2024-05-02T08:00:00Z"),
                          (PORTS_REVISED, "2024-05-04T10:00:00Z")):  # fmt: skip
        _serve(site, body, updated)
        with Store(db, writer=True) as store:
            sent.append(watch.Watcher(settings, options()).cycle(store, force=True).alerts.sent)
    delivered = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    with Store(db) as store:
        ports = site.url("/a/ports-record-exports")
        versions = [(v.version, v.claims) for v in watch.document_versions(store, ports)]
        return (
            sent, versions, [(d.id, d.content_hash) for d in store.documents()],
            sorted((a["doc"], a["version"], a["claim"]["id"]) for a in delivered),
            [(s.name, s.last_status) for s in store.sources()],
        )  # fmt: skip


def test_the_watch_stores_and_alerts_the_same_on_both_backends(tmp_path: Path, site: Site) -> None:
    with fresh_postgres_store() as url:
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        on_sqlite = _watch_twice(str(tmp_path / "a" / "watch.db"), site, tmp_path / "a" / "alerts.jsonl")
        on_postgres = _watch_twice(url, site, tmp_path / "b" / "alerts.jsonl")
    assert on_postgres == on_sqlite
    sent, versions = on_sqlite[0], on_sqlite[1]
    assert sent[0] > 0 and sent[1] == 0 and versions and versions[-1][0] == 2  # type: ignore[index]
