"""One Settings object: store path, model, limits. Environment: CLAIMWATCH_*."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import UserConfig, load_config
from .extract.budget import DEFAULT_BUDGET_S
from .extract.nlp import DEFAULT_MODEL

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def _env(name: str, default: str) -> str:
    return os.environ.get(f"CLAIMWATCH_{name}", default)


@dataclass(frozen=True)
class Settings:
    db: Path = field(default_factory=lambda: Path(_env("DB", "claimwatch.db")))
    model: str = field(default_factory=lambda: _env("MODEL", DEFAULT_MODEL))
    max_bytes: int = field(default_factory=lambda: int(_env("MAX_BYTES", str(DEFAULT_MAX_BYTES))))
    html_timeout_s: float = field(default_factory=lambda: float(_env("HTML_TIMEOUT", "10")))
    workers: int = field(default_factory=lambda: int(_env("WORKERS", "1")))
    # seconds of extraction per document before it is skipped with a reason (0: no bound)
    time_budget_s: float = field(default_factory=lambda: float(_env("TIME_BUDGET", str(DEFAULT_BUDGET_S))))
    # the user's configuration file (claimwatch.toml): outlet names by host
    config: UserConfig = field(default_factory=load_config)
    # addresses or networks URL fetching may reach although they are not public
    # ("127.0.0.1,10.0.0.0/8"); empty: public addresses only (see ingest/fetch.py)
    allow_addresses: tuple[str, ...] = field(
        default_factory=lambda: tuple(a.strip() for a in _env("ALLOW_ADDRESSES", "").split(",") if a.strip())
    )
    # add new documents to the talking-point index as part of ``add`` (the benchmark
    # times extraction and linking apart)
    link_on_add: bool = True
