"""The stored talking-point index: saved as rows a batch at a time, read back as it was."""

from __future__ import annotations

from pathlib import Path

from claimwatch.link.talking_points import find_talking_points
from claimwatch.model import Extraction
from claimwatch.service import links
from claimwatch.store import Store
from tests.records import document

LINE = "The harbour board said visitor numbers rose by 14 percent to 2,300 in the spring season."
OPENINGS = (
    "Fishermen returned to the northern harbour after three calm weeks at sea near the reefs.",
    "A local choir performed songs about storms and the sea at the town hall on Friday evening.",
    "The bakery by the quay sold out of bread before noon as the ferry brought day visitors.",
)
DOCS = [
    document(f"d{i}", f"{opening}\n\n{LINE}", outlet=f"Outlet {i}", published=f"2024-03-0{i + 1}")
    for i, opening in enumerate(OPENINGS)
]


def _save(store: Store, n: int) -> None:
    for d in DOCS[:n]:
        store.save(d, d.text, Extraction(doc=d.id, pipeline_version="t"))


def _count(store: Store, table: str) -> int:
    return int(store.rows(f"SELECT count(*) FROM {table}")[0][0])


def test_update_index_writes_only_the_new_documents_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db", writer=True) as store:
        _save(store, 2)
        assert links.update_index(store, ["d0", "d1"]) == 2
        sentences = _count(store, "tp_sentences")
        assert links.update_index(store) == 0 and _count(store, "tp_sentences") == sentences
        _save(store, 3)
        assert links.update_index(store, ["d2"]) == 1
        assert _count(store, "tp_documents") == 3 and _count(store, "tp_sentences") == sentences * 3 // 2
        assert links.talking_points(store) == find_talking_points(DOCS)
        (point,) = links.talking_points(store)
        assert point.docs == ("d0", "d1", "d2") and point.outlets == ("Outlet 0", "Outlet 1", "Outlet 2")


def test_reads_index_missing_documents_in_memory_without_writing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db", writer=True) as store:
        _save(store, 2)
        links.update_index(store)
        _save(store, 3)  # stored, not yet indexed (a run killed before its index update)
    with Store(tmp_path / "s.db") as store:
        assert [p.docs for p in links.talking_points(store)] == [("d0", "d1", "d2")]
        assert _count(store, "tp_documents") == 2
