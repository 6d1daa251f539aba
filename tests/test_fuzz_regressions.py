"""Every fuzz seed and every input a fuzz run or a probe once crashed a stage with,
replayed through the fuzz targets (``fuzz/targets.py``): each must now end in a result
or a skip with a one-line reason, with the stage's contract held."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz.targets import TARGETS

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "fuzz" / "seeds", ROOT / "tests" / "fixtures" / "fuzz")
CASES = [(target, path) for folder in FOLDERS for target in TARGETS for path in sorted((folder / target).glob("*"))]


def test_every_target_has_inputs_to_replay() -> None:
    assert {target for target, _ in CASES} == set(TARGETS)


@pytest.mark.parametrize(("target", "path"), CASES, ids=[f"{t}/{p.parent.parent.name}/{p.name}" for t, p in CASES])
def test_a_kept_fuzz_input_replays_cleanly(target: str, path: Path) -> None:
    TARGETS[target](path.read_bytes())
