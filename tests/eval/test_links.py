"""Talking-point and story floors on every links gold present, each set scored once."""

from __future__ import annotations

import pytest

from claimwatch.eval.links import LinkScores, score_sets


@pytest.fixture(scope="module")
def scores() -> dict[str, LinkScores]:
    return score_sets()


@pytest.mark.parametrize("name", ["samples", "seeds", "dev"])
def test_link_floors(scores: dict[str, LinkScores], name: str) -> None:
    if name not in scores:
        pytest.skip(f"{name} links gold not available")
    assert scores[name].talking_points.f1 >= 0.90
    assert scores[name].stories.f1 >= 0.85
