"""docs/: the generated reference pages are current, every command and option has help,
and every page is linked and links only to what exists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
import typer.main

from claimwatch import reference, tables
from claimwatch.cli import cli_command

DOCS = Path(__file__).resolve().parents[1] / "docs"
STALE = "is stale: run `make docs` and commit the result"


def test_the_generated_pages_are_current() -> None:
    for name, render in reference.PAGES.items():
        assert (DOCS / name).read_text(encoding="utf-8") == render(), f"docs/{name} {STALE}"


def test_every_command_and_option_has_help() -> None:
    assert reference.missing_help(cli_command()) == []


def test_every_command_has_a_section_in_the_reference() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    paths = [" ".join(path) for path, _ in reference.walk(cli_command())]
    assert len(paths) > 20
    for path in paths:
        assert f"## `{path}`" in page, f"{path} is missing from docs/cli.md: {STALE}"


def test_every_table_and_column_is_in_the_tables_page() -> None:
    page = (DOCS / "tables.md").read_text(encoding="utf-8")
    for spec in tables.TABLES.values():
        assert f"## `{spec.name}`" in page
        assert all(f"| `{c.name}` |" in page for c in spec.columns)


def test_the_check_finds_a_command_without_help() -> None:
    app = typer.Typer()

    @app.command()
    def described(count: Annotated[int, typer.Option(help="How many.")] = 1) -> None:
        """Has help."""

    @app.command()
    def silent(count: Annotated[int, typer.Option()] = 1) -> None:
        pass

    missing = reference.missing_help(typer.main.get_command(app))
    assert any(m.endswith("silent: no help") for m in missing)
    assert any("silent count: no help" in m for m in missing)
    assert not any("described" in m for m in missing)


LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_every_page_is_linked_from_the_index_and_every_link_resolves() -> None:
    pages = sorted(p.name for p in DOCS.glob("*.md"))
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for name in pages:
        assert name == "README.md" or f"]({name})" in index, f"docs/README.md does not link {name}"
    for page in DOCS.glob("*.md"):
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://")):
                continue
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"
