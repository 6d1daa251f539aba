"""The user's configuration: one file, ``claimwatch.toml`` in the working folder (or the
file ``CLAIMWATCH_CONFIG`` names), every part of it overridable from the environment.

    [store]
    db = "news.db"                       # CLAIMWATCH_DB

    [model]
    name = "en_core_web_sm"              # CLAIMWATCH_MODEL

    [limits]
    max_bytes = 10485760                 # CLAIMWATCH_MAX_BYTES: larger inputs are skipped
    time_budget = 20                     # CLAIMWATCH_TIME_BUDGET: seconds per document (0: none)
    html_timeout = 10                    # CLAIMWATCH_HTML_TIMEOUT: seconds to read one page
    workers = 2                          # CLAIMWATCH_WORKERS: extraction processes

    [outlets]                            # CLAIMWATCH_OUTLETS
    "example-times.com" = "Example Times"

    [[sources]]                          # CLAIMWATCH_SOURCES: outlets to watch
    name = "example-times"
    url = "https://example-times.com/feed.xml"
    every = "30m"

    [[alerts]]                           # CLAIMWATCH_ALERTS: where new claims or findings go
    on = "claim"
    subject = "exports"
    file = "alerts.jsonl"

    [lexicon]                            # CLAIMWATCH_LEXICON: words the extractor learns
    titles = ["ombudsperson"]            # stripped from names, kept as the person's title
    roles = ["harbourmaster"]            # heads of role phrases ("the harbourmaster said")
    currencies = { lempiras = "HNL" }    # currency words after a number -> ISO 4217 code
    currency_symbols = { "L" = "HNL" }   # currency symbols before a number
    aliases = { "Anna Brekke" = ["Anna Brekke-Holm"] }   # one person's other names

An ``[outlets]`` host matches itself and its sub-domains; without an entry an outlet's
name is what the page says (its site name) or else the host name.

A section's environment variable holds a TOML value: a table for ``[outlets]`` and
``[lexicon]`` (``CLAIMWATCH_OUTLETS='{"example.org" = "Example"}'``), merged over the file's
keys; an array of tables for ``sources`` and ``alerts``, replacing the file's. Scalar
settings (``CLAIMWATCH_DB``, ``CLAIMWATCH_TIME_BUDGET``...) replace the file's value.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

CONFIG_FILE = "claimwatch.toml"
ENV_PREFIX = "CLAIMWATCH_"

# section -> key -> (environment variable, type)
SCALARS: dict[str, dict[str, tuple[str, type]]] = {
    "store": {"db": ("DB", str)},
    "model": {"name": ("MODEL", str)},
    "limits": {
        "max_bytes": ("MAX_BYTES", int),
        "time_budget": ("TIME_BUDGET", float),
        "html_timeout": ("HTML_TIMEOUT", float),
        "workers": ("WORKERS", int),
    },
}
SECTIONS = ("store", "model", "limits", "outlets", "sources", "alerts", "lexicon")
_LEXICON_KEYS = ("titles", "roles", "currencies", "currency_symbols", "aliases")
_ALERT_KEYS = ("on", "subject", "speaker", "outlet", "type", "webhook", "exec", "file")
_CHANNELS = ("webhook", "exec", "file")
_EVERY = re.compile(r"^\d+[smhd]$")
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class SourceConfig:
    """An outlet to watch: a feed, a sitemap or a list page, polled every ``every``."""

    name: str
    url: str
    every: str = "30m"


@dataclass(frozen=True)
class AlertConfig:
    """Where new claims (``on = "claim"``) or findings (``"finding"``) that match go:
    one of ``webhook`` (URL), ``exec`` (a command) or ``file`` (JSON lines)."""

    on: str = "claim"
    subject: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    type: str | None = None
    webhook: str | None = None
    exec: str | None = None
    file: str | None = None


@dataclass(frozen=True)
class LexiconExtensions:
    """Words the user adds to the extractor's lexicon (lower-case where matched so)."""

    titles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    currencies: Mapping[str, str] = field(default_factory=dict)  # word after a number -> code
    currency_symbols: Mapping[str, str] = field(default_factory=dict)  # symbol before -> code
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name -> other names

    def digest_source(self) -> str:
        """What of the extensions changes extraction, as text (empty: nothing added).
        Aliases are applied when people are linked, not when a document is read."""
        changes = {"titles": self.titles, "roles": self.roles, "currencies": dict(self.currencies),
                   "currency_symbols": dict(self.currency_symbols)}  # fmt: skip
        return json.dumps(changes, sort_keys=True) if any(changes.values()) else ""


@dataclass(frozen=True)
class UserConfig:
    outlets: Mapping[str, str] = field(default_factory=dict)  # host -> outlet name
    db: str | None = None
    model: str | None = None
    max_bytes: int | None = None
    time_budget: float | None = None
    html_timeout: float | None = None
    workers: int | None = None
    sources: tuple[SourceConfig, ...] = ()
    alerts: tuple[AlertConfig, ...] = ()
    lexicon: LexiconExtensions = field(default_factory=LexiconExtensions)
    path: Path | None = None  # the file read, if any


def config_path() -> Path | None:
    named = os.environ.get(f"{ENV_PREFIX}CONFIG")
    if named:
        return Path(named)
    local = Path(CONFIG_FILE)
    return local if local.is_file() else None


def _env_value(name: str) -> Any:
    """The TOML value an environment variable holds (None when unset)."""
    text = os.environ.get(ENV_PREFIX + name)
    if text is None or not text.strip():
        return None
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{ENV_PREFIX}{name}: not a TOML value: {exc}") from exc


def _scalar(raw: str, kind: type, where: str) -> Any:
    try:
        value = kind(raw)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where} must be {'a number' if kind is not str else 'text'}, not {raw!r}") from exc
    if kind is not str and value < 0:
        raise InputError(f"{where} must be 0 or more, not {raw!r}")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{where} must be a list of words")
    return tuple(v.strip() for v in value)


def _string_map(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise InputError(f"{where} must map words to words (strings)")
    return dict(value)


def _currencies(value: Any, where: str, *, lower: bool) -> dict[str, str]:
    found = _string_map(value, where)
    for code in found.values():
        if not _CURRENCY_CODE.match(code):
            raise InputError(f"{where}: {code!r} is not a three-letter currency code (ISO 4217, e.g. 'HNL')")
    return {(k.lower() if lower else k).strip(): v for k, v in found.items()}


def _lexicon(data: Any, where: str) -> LexiconExtensions:
    if not isinstance(data, dict):
        raise InputError(f"{where} must be a table")
    unknown = sorted(set(data) - set(_LEXICON_KEYS))
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(_LEXICON_KEYS)}")
    aliases = data.get("aliases", {})
    if not isinstance(aliases, dict):
        raise InputError(f"{where}.aliases must map a name to a list of its other names")
    return LexiconExtensions(
        titles=tuple(t.lower().replace(".", "") for t in _strings(data.get("titles", []), f"{where}.titles")),
        roles=tuple(r.lower() for r in _strings(data.get("roles", []), f"{where}.roles")),
        currencies=_currencies(data.get("currencies", {}), f"{where}.currencies", lower=True),
        currency_symbols=_currencies(data.get("currency_symbols", {}), f"{where}.currency_symbols", lower=False),
        aliases={name: _strings(others, f"{where}.aliases.{name!r}") for name, others in aliases.items()},
    )


def _sources(data: Any, where: str) -> tuple[SourceConfig, ...]:
    if not isinstance(data, list):
        raise InputError(f"{where} must be an array of tables ([[sources]])")
    found = []
    for i, item in enumerate(data):
        at = f"{where}[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not isinstance(item.get("url"), str):
            raise InputError(f"{at} needs a name and a url")
        if not item["url"].startswith(("http://", "https://")):
            raise InputError(f"{at}: url must be http(s), not {item['url']!r}")
        every = str(item.get("every", "30m"))
        if not _EVERY.match(every):
            raise InputError(f"{at}: every must be a number and s, m, h or d (90s, 30m, 6h, 1d), not {every!r}")
        unknown = sorted(set(item) - {"name", "url", "every"})
        if unknown:
            raise InputError(f"{at}: unknown key(s) {', '.join(unknown)}")
        found.append(SourceConfig(name=item["name"], url=item["url"], every=every))
    names = [s.name for s in found]
    if len(set(names)) != len(names):
        raise InputError(f"{where}: two sources share a name")
    return tuple(found)


def _alerts(data: Any, where: str) -> tuple[AlertConfig, ...]:
    if not isinstance(data, list):
        raise InputError(f"{where} must be an array of tables ([[alerts]])")
    found = []
    for i, item in enumerate(data):
        at = f"{where}[{i}]"
        if not isinstance(item, dict) or not all(isinstance(v, str) for v in item.values()):
            raise InputError(f"{at} must be a table of strings")
        unknown = sorted(set(item) - set(_ALERT_KEYS))
        if unknown:
            raise InputError(f"{at}: unknown key(s) {', '.join(unknown)}; known: {', '.join(_ALERT_KEYS)}")
        if item.get("on", "claim") not in ("claim", "finding"):
            raise InputError(f"{at}: on must be 'claim' or 'finding', not {item['on']!r}")
        if sum(1 for c in _CHANNELS if item.get(c)) != 1:
            raise InputError(f"{at}: give exactly one of {', '.join(_CHANNELS)}")
        found.append(AlertConfig(**item))
    return tuple(found)


def _outlets(data: Any, where: str) -> dict[str, str]:
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise InputError(f"{where} must map host names to outlet names (strings)")
    return {k.lower().removeprefix("www."): v for k, v in data.items()}


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read configuration {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise InputError(f"{path}: unknown section(s) {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    return data


def load_config(path: Path | None = None) -> UserConfig:
    """The configuration file (none: defaults) with the environment's overrides applied."""
    path = path or config_path()
    data = _read_file(path) if path is not None else {}
    where = str(path) if path else "configuration"
    values: dict[str, Any] = {}
    for section, keys in SCALARS.items():
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise InputError(f"{where}: [{section}] must be a table")
        unknown = sorted(set(table) - set(keys))
        if unknown:
            raise InputError(f"{where}: [{section}] has unknown key(s) {', '.join(unknown)}; known: {', '.join(keys)}")
        for key, (env, kind) in keys.items():
            raw = os.environ.get(ENV_PREFIX + env)
            if raw is not None and raw.strip():
                values[key if section != "model" else "model"] = _scalar(raw, kind, ENV_PREFIX + env)
            elif key in table:
                values[key if section != "model" else "model"] = _scalar(table[key], kind, f"{where}: [{section}] {key}")
    merged: dict[str, Any] = {}
    for section in ("outlets", "lexicon"):
        over = _env_value(section.upper())
        if over is not None and not isinstance(over, dict):
            raise InputError(f"{ENV_PREFIX}{section.upper()} must be a TOML table ({{key = value, ...}})")
        merged[section] = {**data.get(section, {}), **(over or {})}
    lists = {s: (_env_value(s.upper()) if os.environ.get(ENV_PREFIX + s.upper()) else data.get(s, [])) for s in ("sources", "alerts")}
    return UserConfig(
        outlets=_outlets(merged["outlets"], f"{where}: [outlets]"),
        sources=_sources(lists["sources"], f"{where}: sources"),
        alerts=_alerts(lists["alerts"], f"{where}: alerts"),
        lexicon=_lexicon(merged["lexicon"], f"{where}: [lexicon]"),
        path=path,
        **values,
    )
