"""`claimwatch export`: every table in four formats with stable columns; ClaimReview
JSON-LD checked against the schema.org vocabulary; CSV cells a spreadsheet would run
neutralised."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from claimwatch.api import open_store
from claimwatch.claimreview import NAMESPACE, SCHEMA_ORG
from claimwatch.service import links, queries
from claimwatch.service.export import ExportFormat, export_store
from claimwatch.store import Store
from claimwatch.tables import EXPORTED_TABLES, TABLES

ROOT = Path(__file__).resolve().parents[2]

VOCABULARY = Path(__file__).resolve().parents[1] / "fixtures" / "schemaorg" / "vocabulary-subset.jsonld"


def run_cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimwatch", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)  # fmt: skip


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_table_in_every_format_has_the_declared_columns(sample_store_path: Path, tmp_path: Path) -> None:
    with Store(sample_store_path) as store:
        n_claims = len(queries.claims(store))
        for fmt in (ExportFormat.parquet, ExportFormat.csv, ExportFormat.jsonl):
            written = export_store(store, tmp_path / fmt.value, fmt)
            assert [p.name for p in written] == [f"{t}.{fmt.value}" for t in EXPORTED_TABLES]
    counts: dict[str, set[int]] = {}
    for table in EXPORTED_TABLES:
        columns = list(TABLES[table].column_names)
        parquet = pq.read_table(tmp_path / "parquet" / f"{table}.parquet")
        assert parquet.schema.names == columns
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == columns
        records = _jsonl(tmp_path / "jsonl" / f"{table}.jsonl")
        assert all(list(r) == columns for r in records)
        counts[table] = {parquet.num_rows, len(rows) - 1, len(records)}
    assert all(len(c) == 1 for c in counts.values()), counts
    assert counts["claims"] == {n_claims}
    assert min(next(iter(counts[t])) for t in ("documents", "claims", "quotes", "talking_points")) > 0
    # nothing half-written is left behind
    assert not list(tmp_path.rglob(".*.partial"))


def test_parquet_types_survive(sample_store_path: Path, tmp_path: Path) -> None:
    with Store(sample_store_path) as store:
        export_store(store, tmp_path, ExportFormat.parquet)
    claims = pq.read_table(tmp_path / "claims.parquet")
    types = {f.name: str(f.type) for f in claims.schema}
    assert (types["value"], types["start"], types["said_on"]) == ("double", "int64", "date32[day]")
    speakers = pq.read_table(tmp_path / "speakers.parquet").to_pylist()
    assert all(isinstance(s["aliases"], list) for s in speakers)


def test_an_empty_store_exports_tables_with_their_columns(tmp_path: Path) -> None:
    open_store(tmp_path / "empty.db")
    with Store(tmp_path / "empty.db") as store:
        export_store(store, tmp_path / "out", ExportFormat.parquet)
        export_store(store, tmp_path / "csv", ExportFormat.csv)
    table = pq.read_table(tmp_path / "out" / "findings.parquet")
    assert table.num_rows == 0 and table.schema.names == list(TABLES["findings"].column_names)
    assert (tmp_path / "csv" / "claims.csv").read_text().splitlines() == [",".join(TABLES["claims"].column_names)]


def test_export_refuses_a_file_as_folder(sample_store_path: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    result = run_cli(["--db", str(sample_store_path), "export", str(tmp_path / "taken"), "--format", "csv"])
    assert result.returncode == 2 and "not a folder" in result.stderr


def test_the_cli_writes_every_table(sample_store_path: Path, tmp_path: Path) -> None:
    result = run_cli(["--db", str(sample_store_path), "export", str(tmp_path / "out"), "-f", "jsonl"])
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{t}.jsonl" for t in EXPORTED_TABLES)


FORMULA_TEXT = (
    "Ledger figures for Kessmark were revised on Tuesday.\n\n"
    "Fish exports from Kessmark rose 6% in 2023, trade official Ola Vinter said.\n"
)


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    rows = [
        {"id": "f1", "title": "=HYPERLINK(\"http://bad.example\")", "outlet": "+Kessmark Daily", "published": "2024-01-09",
         "text": FORMULA_TEXT},
        {"id": "f2", "title": "@SUM(A1:A9)", "outlet": "-Minus Weekly", "published": "2024-01-10",
         "text": FORMULA_TEXT.replace("6%", "7%")},
        {"id": "f3", "title": "\tTabbed", "outlet": "\rReturn Times", "published": "2024-01-11",
         "text": FORMULA_TEXT.replace("6%", "8%")},
    ]  # fmt: skip
    articles.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    store = open_store(tmp_path / "formula.db")
    assert not store.add(articles).failures
    store.export(tmp_path / "csv", "csv")
    with (tmp_path / "csv" / "documents.csv").open(encoding="utf-8", newline="") as fh:
        documents = {r["id"]: r for r in csv.DictReader(fh)}
    assert documents["f1"]["title"] == "'=HYPERLINK(\"http://bad.example\")"
    assert documents["f1"]["outlet"] == "'+Kessmark Daily"
    assert documents["f2"]["title"] == "'@SUM(A1:A9)" and documents["f2"]["outlet"] == "'-Minus Weekly"
    assert documents["f3"]["title"] in ("Tabbed", "'\tTabbed")  # ingest may strip the title's tab
    for row in documents.values():
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
    # numbers stay numbers: a negative value is not text to neutralise
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8", newline="") as fh:
        claims = list(csv.DictReader(fh))
    assert {c["value"] for c in claims} >= {"6", "7", "8"}
    # the other formats keep the text as it is
    store.export(tmp_path / "jsonl", "jsonl")
    titles = {r["id"]: r["title"] for r in _jsonl(tmp_path / "jsonl" / "documents.jsonl")}
    assert titles["f2"] == "@SUM(A1:A9)"


# ---- ClaimReview -------------------------------------------------------------------


class Vocabulary:
    """The vendored schema.org subset: classes with superclasses, properties with their
    domains and ranges."""

    DATATYPE_PATTERNS = {
        "Text": lambda v: isinstance(v, str),
        "URL": lambda v: isinstance(v, str) and re.match(r"^https?://\S+$", v) is not None,
        "Date": lambda v: isinstance(v, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", v) is not None,
        "DateTime": lambda v: isinstance(v, str) and re.match(r"^\d{4}-\d{2}-\d{2}T", v) is not None,
        "Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    }

    def __init__(self, path: Path) -> None:
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        self.parents: dict[str, str | None] = {}
        self.datatypes: set[str] = set()
        self.properties: dict[str, tuple[set[str], set[str]]] = {}
        for node in graph:
            name = node["@id"].removeprefix("schema:")
            types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            if "rdf:Property" in types:
                self.properties[name] = (
                    {d["@id"].removeprefix("schema:") for d in node["schema:domainIncludes"]},
                    {r["@id"].removeprefix("schema:") for r in node["schema:rangeIncludes"]},
                )
            else:
                parent = node.get("rdfs:subClassOf")
                self.parents[name] = parent["@id"].removeprefix("schema:") if parent else None
                if "schema:DataType" in types:
                    self.datatypes.add(name)

    def is_a(self, cls: str, ancestor: str) -> bool:
        current: str | None = cls
        while current is not None:
            if current == ancestor:
                return True
            current = self.parents.get(current)
        return False

    def errors(self, node: dict[str, Any], where: str = "") -> list[str]:
        """What in a JSON-LD node the vocabulary does not allow ([] when valid)."""
        found: list[str] = []
        types = node.get("@type", [])
        types = types if isinstance(types, list) else [types]
        for t in types:
            if t not in self.parents or t in self.datatypes:
                found.append(f"{where}: unknown type {t!r}")
        for key, value in node.items():
            if key.startswith("@"):
                continue
            values = value if isinstance(value, list) else [value]
            if key.startswith("cw:"):
                found += [e for i, v in enumerate(values) if isinstance(v, dict) for e in self.errors(v, f"{where}.{key}[{i}]")]
                continue
            if ":" in key or key not in self.properties:
                found.append(f"{where}: {key!r} is not a schema.org property")
                continue
            domain, range_ = self.properties[key]
            if not any(self.is_a(t, d) for t in types for d in domain):
                found.append(f"{where}: {key!r} does not apply to {types}")
            for i, v in enumerate(values):
                at = f"{where}.{key}[{i}]"
                if isinstance(v, dict):
                    inner = v.get("@type")
                    inner_types = inner if isinstance(inner, list) else [inner] if inner else []
                    classes = [r for r in range_ if r not in self.datatypes]
                    if not classes:
                        found.append(f"{at}: {key!r} takes a literal, not a node")
                    elif inner_types and not any(self.is_a(t, r) for t in inner_types for r in classes):
                        found.append(f"{at}: {inner_types} is not in the range {sorted(range_)} of {key!r}")
                    elif not inner_types and set(v) != {"@id"}:
                        found.append(f"{at}: a node without @type")
                    found += self.errors(v, at)
                elif not any(r in self.datatypes and self.DATATYPE_PATTERNS[r](v) for r in range_):
                    found.append(f"{at}: {v!r} is not a value of {sorted(range_)} for {key!r}")
        return found


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary(VOCABULARY)


def test_the_vocabulary_check_can_fail(vocabulary: Vocabulary) -> None:
    good = {"@type": "Claim", "text": "x", "appearance": [{"@type": "NewsArticle", "url": "https://a.example/1"}]}
    assert vocabulary.errors(good) == []
    assert vocabulary.errors({**good, "appearances": []})  # a misspelt property
    assert vocabulary.errors({**good, "jobTitle": "minister"})  # a Person's property on a Claim
    assert vocabulary.errors({**good, "datePublished": "16 July 2023"})  # not an ISO date
    assert vocabulary.errors({**good, "author": {"@type": "NewsArticle"}})  # outside author's range
    assert vocabulary.errors({**good, "@type": "Assertion"})


@pytest.fixture(scope="module")
def claimreview(sample_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("claimreview")
    result = run_cli(["--db", str(sample_store_path), "export", str(folder), "--format", "claimreview"])
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads((folder / "claims.jsonld").read_text(encoding="utf-8"))
    return data


def test_claimreview_is_schema_org_with_an_extension_namespace(claimreview: dict[str, Any], vocabulary: Vocabulary) -> None:
    context = claimreview["@context"]
    assert context["@vocab"] == SCHEMA_ORG and context["cw"] == NAMESPACE
    assert not NAMESPACE.startswith(SCHEMA_ORG)
    for node in claimreview["@graph"]:
        assert node["@type"] == "Claim"
        assert vocabulary.errors(node, node["@id"]) == []


def test_claimreview_has_every_claim_with_its_appearances_and_relations(
    claimreview: dict[str, Any], sample_store_path: Path
) -> None:
    graph = {n["@id"]: n for n in claimreview["@graph"]}
    with Store(sample_store_path) as store:
        claims = queries.claims(store)
        texts = queries.texts(store)
        published = {d.id: d.published for d in queries.documents(store)}
        conflicts = [f for f in links.findings(store) if f.type == "conflict"]
    assert len(graph) == len(claims)
    for c in claims:
        node = graph[f"urn:claimwatch:claim:{c.id}"]
        assert node["text"] == c.evidence == texts[c.doc][node["cw:evidenceStart"] : node["cw:evidenceEnd"]]
        appearances = [a["@id"] for a in node["appearance"]]
        assert f"urn:claimwatch:document:{c.doc}" in appearances
        assert node["firstAppearance"]["@id"] in appearances
        if c.speaker:
            assert node["author"] == {"@type": "Person", "name": c.speaker, **({"jobTitle": c.speaker_role} if c.speaker_role else {})}
        said = c.said_on or published[c.doc]
        assert node.get("datePublished") == (said.isoformat() if said else None)
        for other in node.get("cw:sameClaimAs", []):
            assert node["@id"] in graph[other]["cw:sameClaimAs"]  # the relation is symmetric
    assert any(n.get("cw:sameClaimAs") for n in graph.values())
    for f in conflicts:
        for a in f.claims:
            others = {f"urn:claimwatch:claim:{b}" for b in f.claims if b != a}
            assert others <= set(graph[f"urn:claimwatch:claim:{a}"].get("cw:conflictsWith", []))
    series = [n["cw:series"] for n in graph.values() if "cw:series" in n]
    assert series and len({s["@id"] for s in series}) < len(series)  # a series holds several claims
