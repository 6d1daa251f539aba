"""Golden-file test: claims of three sample-corpus articles, field by field.

Rewrite the golden file after an intended change with ``CLAIMWATCH_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from claimwatch import ingest, text
from claimwatch.extract.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "src" / "claimwatch" / "samples" / "corpus.jsonl"
GOLDEN = ROOT / "tests" / "golden" / "claims_sample.jsonl"
DOC_IDS = ("s01", "s06", "s13")
FIELDS = ("kind", "value", "value_high", "unit", "period_start", "period_end", "said_on", "speaker", "start", "end")


def _records() -> list[dict[str, Any]]:
    extractor = Extractor()
    records: list[dict[str, Any]] = []
    for article in ingest.iter_articles([CORPUS]):
        if article.id not in DOC_IDS:
            continue
        doc = text.build_document(article)
        for c in extractor.extract(doc).claims:
            rec: dict[str, Any] = {"doc": doc.id}
            for name in FIELDS:
                value = getattr(c, name)
                rec[name] = value.isoformat() if hasattr(value, "isoformat") else value
            records.append(rec)
    return records


def test_claims_match_golden_file() -> None:
    if not CORPUS.exists():
        pytest.skip("sample corpus absent")
    records = _records()
    assert {r["doc"] for r in records} == set(DOC_IDS)
    if os.environ.get("CLAIMWATCH_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) == len(expected)
    for got, want in zip(records, expected, strict=True):
        assert got == want, f"{want['doc']} {want['start']}-{want['end']}: expected {want}, got {got}"
