"""Fixtures of the watch tests: a web site on 127.0.0.1, and the model loaded once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimwatch.extract import nlp as nlp_mod
from tests.web import Site


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        yield s


@pytest.fixture(scope="module")
def model_loaded() -> None:
    nlp_mod.load_extraction_model()
