"""Component versions that cannot go stale: a digest of the code and data behind each one.

A component's version is its name plus a digest of the source of every claimwatch
module it runs, found by following the package's own imports from the modules that
implement it (so its lexicon tables, the rule framework and the shared helpers are in
it). Any change to a rule, a word list or a threshold changes the version of every
component that reads it, and ``claimwatch reextract`` then refreshes the documents
extracted before; a change elsewhere (the CLI, the report) changes none.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

PACKAGE = "claimwatch"


ROOT = Path(__file__).resolve().parents[1]  # the claimwatch package folder


def _source_path(module: str) -> Path | None:
    """The file of a claimwatch module (read from the package folder, never imported)."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = ROOT.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(module: str, path: Path) -> set[str]:
    """The claimwatch modules ``module`` imports (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.split(".")[0] != PACKAGE:
                continue
            found.add(target)
            # "from . import quotes" names modules, not attributes
            found.update(f"{target}.{a.name}" for a in node.names if _source_path(f"{target}.{a.name}") is not None)
    return found


@cache
def code_closure(modules: tuple[str, ...]) -> tuple[Path, ...]:
    """Source files of ``modules`` and of every claimwatch module they import, transitively."""
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _source_path(name)
        if path is None:
            continue
        seen[name] = path
        todo.extend(_imports(name, path) - set(seen))
    return tuple(seen[n] for n in sorted(seen))


def digest(name: str, files: Iterable[Path]) -> str:
    h = hashlib.sha1(name.encode())
    for f in files:
        h.update(str(f.relative_to(ROOT)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:10]


def component_version(name: str, modules: Iterable[str]) -> str:
    return f"{name}@{digest(name, code_closure(tuple(sorted(modules))))}"
