"""One configuration file with environment overrides: model, limits, sources, alerts,
outlet names and lexicon extensions a user adds without touching code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimwatch.config import AlertConfig, SourceConfig, load_config
from claimwatch.errors import InputError
from claimwatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

FULL = """
[store]
db = "harbour.db"

[model]
name = "en_core_web_sm"

[limits]
max_bytes = 2048
time_budget = 7.5
html_timeout = 3
workers = 2

[outlets]
"www.harbour-post.example" = "Harbour Post"

[[sources]]
name = "harbour-post"
url = "https://harbour-post.example/feed.xml"
every = "6h"

[[alerts]]
on = "finding"
type = "conflict"
file = "alerts.jsonl"

[lexicon]
titles = ["Ombudsperson", "Harbour Capt."]
roles = ["harbourmaster"]
currencies = { Lempiras = "HNL" }
currency_symbols = { "L" = "HNL" }
aliases = { "Anna Brekke" = ["Anna Brekke-Holm"] }
"""


@pytest.fixture()
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No CLAIMWATCH_* variable set, the working folder an empty temporary one."""
    for name in list(os.environ):
        if name.startswith("CLAIMWATCH_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_section_is_read_from_the_file_in_the_working_folder(clean_env: Path) -> None:
    (clean_env / "claimwatch.toml").write_text(FULL)
    config = load_config()
    assert config.path == Path("claimwatch.toml")
    assert (config.db, config.model, config.max_bytes, config.time_budget, config.html_timeout, config.workers) == (
        "harbour.db", "en_core_web_sm", 2048, 7.5, 3.0, 2)  # fmt: skip
    assert config.outlets == {"harbour-post.example": "Harbour Post"}
    assert config.sources == (SourceConfig("harbour-post", "https://harbour-post.example/feed.xml", "6h"),)
    assert config.alerts == (AlertConfig(on="finding", type="conflict", file="alerts.jsonl"),)
    lexicon = config.lexicon
    assert lexicon.titles == ("ombudsperson", "harbour capt")
    assert lexicon.roles == ("harbourmaster",)
    assert dict(lexicon.currencies) == {"lempiras": "HNL"} and dict(lexicon.currency_symbols) == {"L": "HNL"}
    assert dict(lexicon.aliases) == {"Anna Brekke": ("Anna Brekke-Holm",)}
    settings = Settings()
    assert (settings.db, settings.max_bytes, settings.time_budget_s, settings.html_timeout_s, settings.workers) == (
        Path("harbour.db"), 2048, 7.5, 3.0, 2)  # fmt: skip


def test_no_file_means_defaults(clean_env: Path) -> None:
    config = load_config()
    assert config.path is None and config.db is None and not config.sources and not config.lexicon.titles
    assert Settings().db == Path("claimwatch.db") and Settings().workers == 1


def test_the_environment_overrides_the_file(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    named = clean_env / "elsewhere.toml"
    named.write_text(FULL)
    monkeypatch.setenv("CLAIMWATCH_CONFIG", str(named))
    monkeypatch.setenv("CLAIMWATCH_DB", "other.db")
    monkeypatch.setenv("CLAIMWATCH_TIME_BUDGET", "0")
    monkeypatch.setenv("CLAIMWATCH_WORKERS", "3")
    monkeypatch.setenv("CLAIMWATCH_OUTLETS", '{"fjord-news.example" = "Fjord News"}')
    monkeypatch.setenv("CLAIMWATCH_LEXICON", '{roles = ["lock keeper"]}')
    monkeypatch.setenv("CLAIMWATCH_SOURCES", '[{name = "fjord", url = "https://fjord-news.example/rss"}]')
    config = load_config()
    assert config.path == named
    assert (config.db, config.time_budget, config.workers, config.max_bytes) == ("other.db", 0.0, 3, 2048)
    # tables merge over the file's keys; arrays replace the file's
    assert config.outlets == {"harbour-post.example": "Harbour Post", "fjord-news.example": "Fjord News"}
    assert config.lexicon.roles == ("lock keeper",) and config.lexicon.titles == ("ombudsperson", "harbour capt")
    assert config.sources == (SourceConfig("fjord", "https://fjord-news.example/rss"),)
    assert Settings().db == Path("other.db") and Settings().time_budget_s == 0.0


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        ("[stores]\ndb = 'x'", {}, "unknown section"),
        ("[limits]\ntime_budget = 'soon'", {}, "must be a number"),
        ("[limits]\nworkers = -1", {}, "0 or more"),
        ("[limits]\nthreads = 2", {}, "unknown key"),
        ("[lexicon]\ncurrencies = { lempiras = 'lempira' }", {}, "three-letter currency code"),
        ("[lexicon]\nslogans = ['x']", {}, "unknown key"),
        ("[lexicon]\ntitles = 'ombudsperson'", {}, "list of words"),
        ("[[sources]]\nname = 'a'\nurl = 'ftp://a.example/feed'", {}, "http"),
        ("[[sources]]\nname = 'a'\nurl = 'https://a.example/feed'\nevery = 'hourly'", {}, "every"),
        ("[[alerts]]\nfile = 'a.jsonl'\nwebhook = 'https://hooks.example/x'", {}, "exactly one"),
        ("[[alerts]]\non = 'quote'\nfile = 'a.jsonl'", {}, "'claim' or 'finding'"),
        ("[outlets]\n'a.example' = 3", {}, "outlet names"),
        ("[outlets", {}, "not valid TOML"),
        ("", {"CLAIMWATCH_LEXICON": "{roles = [", }, "CLAIMWATCH_LEXICON: not a TOML value"),
        ("", {"CLAIMWATCH_OUTLETS": '"a.example"'}, "must be a TOML table"),
        ("", {"CLAIMWATCH_MAX_BYTES": "lots"}, "CLAIMWATCH_MAX_BYTES must be a number"),
    ],
)
def test_bad_configuration_is_a_clear_error(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, text: str, env: dict[str, str], message: str
) -> None:
    (clean_env / "claimwatch.toml").write_text(text)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(InputError, match=message):
        load_config()


def _cli(args: list[str], cwd: Path, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")} | env
    return subprocess.run([sys.executable, "-m", "claimwatch", *args], capture_output=True, text=True, cwd=cwd,
                          env=environment, input=stdin, timeout=300)  # fmt: skip


def test_the_command_line_reads_the_file_and_its_options_win(tmp_path: Path) -> None:
    (tmp_path / "claimwatch.toml").write_text('[store]\ndb = "harbour.db"\n')
    from_file = _cli(["docs"], tmp_path)
    assert from_file.returncode == 3 and "harbour.db" in from_file.stderr
    from_option = _cli(["--db", "given.db", "docs"], tmp_path)
    assert from_option.returncode == 3 and "given.db" in from_option.stderr
    (tmp_path / "claimwatch.toml").write_text("[limits]\nworkers = 'many'\n")
    broken = _cli(["docs"], tmp_path)
    assert broken.returncode == 2 and broken.stderr.startswith("Error:") and "Traceback" not in broken.stderr


INVENTED = (
    "The council of Varnhold set aside 40 million lempiras for roads in 2024, Ombudsperson Tove Aasen said on Monday. "
    "Nils Brekke, the harbourmaster of Varnhold, said 312 ships docked there in 2023. "
    "The port handled 4 million tonnes of cargo, the harbourmaster said."
)


def _extract(cwd: Path, **env: str) -> dict[str, object]:
    result = _cli(["extract", "-", "--published", "2024-03-05", "-f", "json"], cwd, stdin=INVENTED, **env)
    assert result.returncode == 0, result.stderr
    record: dict[str, object] = json.loads(result.stdout)
    return record


def test_lexicon_extensions_teach_the_extractor_titles_roles_and_currencies(tmp_path: Path) -> None:
    plain = _extract(tmp_path)
    (tmp_path / "claimwatch.toml").write_text(
        '[lexicon]\ntitles = ["ombudsperson"]\nroles = ["harbourmaster"]\ncurrencies = { lempiras = "HNL" }\n'
    )
    extended = _extract(tmp_path)

    def claims(record: dict[str, object]) -> dict[float, tuple[object, ...]]:
        return {c["value"]: (c["kind"], c["unit"], c["speaker"], c["speaker_role"]) for c in record["claims"]}  # type: ignore[attr-defined]

    assert claims(plain)[40_000_000][:2] == ("count", "lempiras")
    assert claims(extended)[40_000_000] == ("amount", "HNL", "Tove Aasen", None)
    assert {p["name"]: p["title"] for p in extended["people"]}["Tove Aasen"] == "Ombudsperson"  # type: ignore[attr-defined]
    assert claims(plain)[4_000_000][2] != "Nils Brekke"
    assert claims(extended)[4_000_000][2:] == ("Nils Brekke", "harbourmaster")
    # the same additions from the environment alone
    (tmp_path / "claimwatch.toml").unlink()
    from_env = _extract(tmp_path, CLAIMWATCH_LEXICON='{currencies = {lempiras = "HNL"}}')
    assert claims(from_env)[40_000_000][:2] == ("amount", "HNL")


def test_lexicon_extensions_change_the_extraction_version(tmp_path: Path) -> None:
    code = "from claimwatch.extract.pipeline import pipeline_version; print(pipeline_version('m'))"

    def version(**env: str) -> str:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")} | env
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=environment, check=True)
        return out.stdout.strip()

    plain = version()
    assert version(CLAIMWATCH_LEXICON='{roles = ["harbourmaster"]}') != plain
    # aliases act when people are linked, not when a document is read
    assert version(CLAIMWATCH_LEXICON='{aliases = {"Anna Brekke" = ["A. Brekke-Holm"]}}') == plain


def test_configured_aliases_make_one_person(tmp_path: Path) -> None:
    texts = [
        ("a1", "2024-01-08", "Ferry traffic to Varnhold rose 9% in 2023, port director Anna Brekke said on Monday."),
        ("a2", "2024-02-12", "Cargo volumes at Varnhold fell 4% in January, port director Anna Holm-Vik said on Monday."),
    ]
    corpus = tmp_path / "two.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "published": p, "text": t}) + "\n" for i, p, t in texts))
    code = (
        "import claimwatch, json, sys; s = claimwatch.open_store('two.db'); s.add(sys.argv[1]);"
        "print(json.dumps([sp.person.aliases for sp in s.speakers()]))"
    )

    def people(**env: str) -> list[list[str]]:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")} | env
        out = subprocess.run([sys.executable, "-c", code, str(corpus)], capture_output=True, text=True, cwd=tmp_path,
                             env=environment, timeout=300)  # fmt: skip
        assert out.returncode == 0, out.stderr
        found: list[list[str]] = json.loads(out.stdout)
        return sorted(sorted(aliases) for aliases in found if any(a.startswith("Anna") for a in aliases))

    assert people() == [["Anna Brekke"], ["Anna Holm-Vik"]]
    assert people(CLAIMWATCH_LEXICON='{aliases = {"Anna Brekke" = ["Anna Holm-Vik"]}}') == [["Anna Brekke", "Anna Holm-Vik"]]
