"""The generated reference pages of docs/: the command line (cli.md), from the commands'
own help, and the export tables (tables.md), from ``claimwatch.tables``.

Every command and option is read off the click tree behind the Typer app, so the page
says exactly what ``--help`` says, for whatever commands the app has. ``make docs``
regenerates both; a test fails when a page is stale or a command or option has no help.

    python -m claimwatch.reference docs
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from . import tables
from .cli import HELP_OPTIONS, cli_command

HEADER = """# Command-line reference

Generated from the commands' `--help` by `make docs` (`python -m claimwatch.reference docs`);
do not edit by hand. Every command also prints this with `-h` or `--help`.
"""


# Typer's own click classes: commands and parameters are read by what they have.
Command = Any


def subcommands(command: Command) -> dict[str, Command]:
    return {name: sub for name, sub in getattr(command, "commands", {}).items() if not sub.hidden}


def walk(command: Command, path: tuple[str, ...] = ("claimwatch",)) -> Iterator[tuple[tuple[str, ...], Command]]:
    """Every command and group, depth first, in the order the app declares them."""
    yield path, command
    for name, sub in subcommands(command).items():
        yield from walk(sub, (*path, name))


def help_text(command: Command) -> str:
    """The command's help as written, without click's paragraph markers."""
    text = inspect.cleandoc(command.help or command.short_help or "")
    return "\n".join(line for line in text.splitlines() if line.strip() != "\b").strip()


def summary(command: Command) -> str:
    """The first paragraph of the command's help, on one line."""
    return " ".join(help_text(command).split("\n\n")[0].split())


def missing_help(command: Command) -> list[str]:
    """Commands, options and arguments without help text (the reference would be empty there)."""
    missing = []
    for path, cmd in walk(command):
        name = " ".join(path)
        if not help_text(cmd):
            missing.append(f"{name}: no help")
        for param in documented_params(cmd):
            if not getattr(param, "help", None):
                missing.append(f"{name} {param.name}: no help")
    return missing


def _usage(command: Command, path: tuple[str, ...]) -> str:
    ctx = typer.Context(command, info_name=" ".join(path), help_option_names=HELP_OPTIONS)
    pieces = command.collect_usage_pieces(ctx)
    return " ".join(["Usage:", *path, *pieces])


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _portable(default: Any) -> Any:
    """A default path inside the project checkout, written relative to it: the pages read
    the same on every machine ("../shared", not "/home/someone/claimwatch/../shared")."""
    if isinstance(default, Path) and default.is_absolute():
        root = Path(__file__).resolve().parents[2]
        try:
            return default.relative_to(root)
        except ValueError:
            return default
    return default


def _param_row(param: Any) -> tuple[str, str, str, str]:
    if param.param_type_name == "option":
        names = ", ".join(f"`{o}`" for o in (*param.opts, *param.secondary_opts))
        value = param.metavar or ""
        default = _portable(param.default)
        shown = "" if default in (None, False, ()) or param.is_flag and default is False else f"`{getattr(default, 'value', default)}`"
        return names, value, shown, param.help or ""
    return f"`{param.metavar or param.name.upper()}`", "", "", getattr(param, "help", None) or ""


def documented_params(command: Command) -> list[Any]:
    return [p for p in command.params if not getattr(p, "hidden", False)]


def command_markdown(path: tuple[str, ...], command: Command) -> str:
    lines = [f"## `{' '.join(path)}`", "", help_text(command), "", "```", _usage(command, path), "```", ""]
    params = documented_params(command)
    if params:
        lines += ["| Option or argument | Value | Default | Description |", "| --- | --- | --- | --- |"]
        lines += ["| " + " | ".join(_cell(c) for c in _param_row(p)) + " |" for p in params]
        lines.append("")
    subs = list(subcommands(command).items())
    if subs:
        lines += ["Commands:", ""]
        lines += [f"- [`{' '.join((*path, name))}`](#{_anchor((*path, name))}): {summary(sub)}"
                  for name, sub in subs]  # fmt: skip
        lines.append("")
    return "\n".join(lines)


def _anchor(path: tuple[str, ...]) -> str:
    """The anchor GitHub-style Markdown gives a heading `` `claimwatch talking-points` ``."""
    return "-".join(path).lower()


def reference_markdown() -> str:
    command = cli_command()
    sections = [command_markdown(path, cmd) for path, cmd in walk(command)]
    return HEADER + "\n" + "\n".join(sections).rstrip() + "\n"


# docs/ file name -> the function that writes it
PAGES = {"cli.md": reference_markdown, "tables.md": tables.reference_markdown}


def main(argv: list[str] | None = None) -> None:
    """Write every generated page into the folder given (default: docs)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "docs")
    folder.mkdir(parents=True, exist_ok=True)
    for name, render in PAGES.items():
        (folder / name).write_text(render(), encoding="utf-8")
        sys.stdout.write(f"wrote {folder / name}\n")


if __name__ == "__main__":
    main()
