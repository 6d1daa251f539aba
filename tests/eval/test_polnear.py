"""PolNeAR and quote-gold scorers: unit tests on tiny fixtures, floors on the real data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimwatch.eval.polnear import (
    is_speech_cue,
    read_ann,
    same_speaker,
    score_polnear,
    score_quote_gold,
)
from claimwatch.extract import nlp as nlp_mod

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
POLNEAR = SHARED / "external" / "polnear-dev"


@pytest.fixture(scope="module")
def nlp() -> Any:
    return nlp_mod.load_model()


def test_read_ann_and_speech_cues(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tSource 0 5\tMaria\n"
        "T2\tCue 6 10\tsaid\n"
        "T3\tContent 11 20;25 30\tprices up\n"
        "T4\tAttribution 6 10\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tCue 40 46\tthinks\n"
        "T6\tContent 47 60\tit will rain\n"
        "T7\tAttribution 40 46\tthinks\n"
        "E2\tAttribution:T7 Content:T6 Cue:T5\n",
        encoding="utf-8",
    )
    first, second = read_ann(ann)
    assert first.content == ((11, 20), (25, 30)) and first.source == ((0, 5),) and first.cue == "said"
    assert second.source == ()
    assert is_speech_cue(first.cue) and not is_speech_cue(second.cue)
    for cue in ("told", "according to", "has stated", "announced", "claims"):
        assert is_speech_cue(cue), cue


def test_same_speaker() -> None:
    assert same_speaker("Ashtiani", "Mohammad Reza Ashtiani")
    assert same_speaker(None, None)
    assert not same_speaker("Ashtiani", None)
    assert not same_speaker("Reza Farzin", "Mohammad Reza Ashtiani")


def test_polnear_floor(nlp: Any) -> None:
    if not POLNEAR.is_dir():
        pytest.skip("PolNeAR dev split not available")
    score = score_polnear(POLNEAR, limit=40, nlp=nlp)
    assert score.gold > 100
    assert score.source_accuracy >= 0.85
    assert score.content_recall >= 0.75


def test_quote_gold_floor(nlp: Any) -> None:
    gold, corpus = SHARED / "gold" / "dev.jsonl", SHARED / "corpus" / "dev.jsonl"
    if not gold.is_file() or not corpus.is_file():
        pytest.skip("shared gold not available")
    score = score_quote_gold(gold, corpus, nlp=nlp)
    assert score.recall >= 0.85
    # target 0.90 (measured 0.91); a small margin for changes in the shared sentence splitter
    assert score.speaker_accuracy >= 0.88
