"""The user's configuration file: ``claimwatch.toml`` (or the file ``CLAIMWATCH_CONFIG`` names).

Knowledge that belongs to a user's sources rather than to the code lives here, for
example the names of the outlets they follow, by the host name of their URLs:

    [outlets]
    "example-times.com" = "Example Times"
    "example-daily.org" = "Example Daily"

A host matches itself and its sub-domains. Without an entry, an outlet's name is what
the page says (its site name) or else the host name.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

CONFIG_FILE = "claimwatch.toml"


@dataclass(frozen=True)
class UserConfig:
    outlets: Mapping[str, str] = field(default_factory=dict)  # host -> outlet name


def config_path() -> Path | None:
    named = os.environ.get("CLAIMWATCH_CONFIG")
    if named:
        return Path(named)
    local = Path(CONFIG_FILE)
    return local if local.is_file() else None


def load_config(path: Path | None = None) -> UserConfig:
    """Read the configuration file (none: an empty configuration)."""
    path = path or config_path()
    if path is None:
        return UserConfig()
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read configuration {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from exc
    outlets = data.get("outlets", {})
    if not isinstance(outlets, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in outlets.items()):
        raise InputError(f"{path}: [outlets] must map host names to outlet names (strings)")
    return UserConfig(outlets={k.lower().removeprefix("www."): v for k, v in outlets.items()})
