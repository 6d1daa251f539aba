"""One Settings object: store path, model, limits, and the user's configuration.

Each value comes from, in order: the command line (the CLI replaces fields it was given),
the environment (``CLAIMWATCH_*``), ``claimwatch.toml``, the default here. ``config.py``
reads the file and the environment; see it for every key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import UserConfig, load_config
from .extract.budget import DEFAULT_BUDGET_S
from .extract.nlp import DEFAULT_MODEL
from .store.backends import is_server_url

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def _env(name: str, default: str) -> str:
    return os.environ.get(f"CLAIMWATCH_{name}", default)


def store_location(value: str | Path) -> str | Path:
    """A ``--db`` value as the store reads it: a PostgreSQL URL stays text, a file is a path."""
    return value if isinstance(value, Path) or is_server_url(value) else Path(value)


def _configured(name: str, default: Any) -> Any:
    """The configuration's value for ``name`` (environment over file), else ``default``."""
    value = getattr(load_config(), name)
    return default if value is None else value


@dataclass(frozen=True)
class Settings:
    # a SQLite file or a postgresql:// URL (claimwatch.store)
    db: str | Path = field(default_factory=lambda: store_location(_configured("db", "claimwatch.db")))
    model: str = field(default_factory=lambda: str(_configured("model", DEFAULT_MODEL)))
    max_bytes: int = field(default_factory=lambda: int(_configured("max_bytes", DEFAULT_MAX_BYTES)))
    html_timeout_s: float = field(default_factory=lambda: float(_configured("html_timeout", 10.0)))
    workers: int = field(default_factory=lambda: int(_configured("workers", 1)))
    # seconds of extraction per document before it is skipped with a reason (0: no bound)
    time_budget_s: float = field(default_factory=lambda: float(_configured("time_budget", DEFAULT_BUDGET_S)))
    # the user's configuration file (claimwatch.toml): outlet names by host, sources,
    # alerts, lexicon extensions
    config: UserConfig = field(default_factory=load_config)
    # addresses or networks URL fetching may reach although they are not public
    # ("127.0.0.1,10.0.0.0/8"); empty: public addresses only (see ingest/fetch.py)
    allow_addresses: tuple[str, ...] = field(
        default_factory=lambda: tuple(a.strip() for a in _env("ALLOW_ADDRESSES", "").split(",") if a.strip())
    )
    # add new documents to the talking-point index as part of ``add`` (the benchmark
    # times extraction and linking apart)
    link_on_add: bool = True
