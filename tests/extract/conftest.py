"""Shared by the extraction tests: one extractor per session (loading spaCy is the slow
part) and a helper that extracts the claims of a text written for a test."""

from __future__ import annotations

from datetime import date

import pytest

from claimwatch.extract.pipeline import Extractor
from claimwatch.model import Claim, Document


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def claims_of(extractor: Extractor, text: str, published: date | None = date(2024, 3, 10), **doc: object) -> list[Claim]:
    document = Document(id="t", text=text, content_hash="h", source="test", published=published, **doc)  # type: ignore[arg-type]
    return list(extractor.extract(document).claims)
