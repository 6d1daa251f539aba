"""SECURITY.md names the test behind every statement: each named test exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _find(name: str) -> str:
    """A test file named without its folder, found under tests/ (the name is unique there)."""
    found = sorted(ROOT.glob(f"tests/**/{name}"))
    return found[0].relative_to(ROOT).as_posix() if len(found) == 1 else name


def _named_tests() -> list[tuple[str, str]]:
    """(file, test) for every ``path::test`` and ``::test`` named in a table row; a bare
    ``::test`` belongs to the file named before it in the same cell."""
    named = []
    for line in (ROOT / "SECURITY.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| Statement"):
            continue
        cell = line.rstrip(" |").rsplit(" | ", 1)[-1]
        current = None
        for ref in re.findall(r"`([^`]+)`", cell):
            path, _, test = ref.partition("::")
            if path:
                current = path if "/" in path else _find(path)
            if test and current:
                named.append((current, test))
    return named


def test_security_statements_name_tests_that_exist() -> None:
    named = _named_tests()
    assert len(named) > 20
    for path, test in named:
        source = ROOT / path
        assert source.is_file(), path
        assert re.search(rf"def {re.escape(test)}\b", source.read_text(encoding="utf-8")), f"{path}::{test}"
