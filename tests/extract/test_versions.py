"""Component versions follow the code and data they run: a changed rule changes them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from claimwatch.extract.pipeline import COMPONENTS, pipeline_version

SRC = Path(__file__).resolve().parents[2] / "src"

_PRINT_VERSIONS = (
    "from claimwatch.extract.pipeline import COMPONENTS, PIPELINE_VERSION\n"
    "print(PIPELINE_VERSION)\n"
    "for c in COMPONENTS: print(c.version)\n"
)


def _versions(src: Path) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-c", _PRINT_VERSIONS], env={"PYTHONPATH": str(src)}, capture_output=True, text=True, check=True
    ).stdout.split()
    return {"pipeline": out[0], **{v.split("@")[0]: v for v in out[1:]}}


def test_a_changed_rule_changes_the_versions_of_the_components_that_read_it(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(SRC / "claimwatch", copy / "claimwatch", ignore=shutil.ignore_patterns("__pycache__", "samples"))
    before = _versions(copy)
    lexicon = copy / "claimwatch" / "lexicon" / "claims.py"
    text = lexicon.read_text(encoding="utf-8")
    assert "WORTHINESS_FLOOR = 0.5" in text
    lexicon.write_text(text.replace("WORTHINESS_FLOOR = 0.5", "WORTHINESS_FLOOR = 0.6"), encoding="utf-8")
    after = _versions(copy)
    assert after["claims"] != before["claims"] and after["pipeline"] != before["pipeline"]
    # the number finder does not read the claims lexicon: its version stays
    assert after["numbers"] == before["numbers"] and after["dates"] == before["dates"]


def test_the_versions_name_their_component_and_the_model_counts() -> None:
    assert [c.version.split("@")[0] for c in COMPONENTS] == [c.name for c in COMPONENTS]
    assert pipeline_version("model_a") != pipeline_version("model_b")
