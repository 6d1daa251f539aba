"""The worked notebooks in examples/ run from top to bottom on the sample corpus and show
what they promise: a claims table, a timeline chart, a talking-point matrix."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))


def _outputs(nb: nbformat.NotebookNode, mime: str) -> list[str]:
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.get("output_type") in ("execute_result", "display_data") and mime in o.get("data", {})]  # fmt: skip


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    # a stored notebook carries no outputs: what the tests check is what this run produced
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), f"{path.name}: clear its outputs"
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert not errors
    tables = _outputs(nb, "text/html")
    assert sum("<table" in t for t in tables) >= 4  # claims, kinds, a speaker's claims, points, matrix...
    charts = _outputs(nb, "image/svg+xml")
    assert charts and all("<svg" in c for c in charts)
    text = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "added 17 documents, 0 failures" in text
