"""The PolNeAR reader on a tiny fixture (its scores and floors are in the gate)."""

from __future__ import annotations

from pathlib import Path

from claimwatch.eval.polnear import is_speech_cue, read_ann


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
