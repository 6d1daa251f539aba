"""TimeBank scorer: parsing TimeML and counting on a tiny sample (scores and floors are in the gate)."""

from __future__ import annotations

from datetime import date

from claimwatch.eval.timebank import TimebankScore, parse_tml, score_document

_SAMPLE = """<?xml version="1.0" ?>
<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-04" functionInDocument="CREATION_TIME">20010504</TIMEX3></DCT>
<TEXT>The mill closed <TIMEX3 tid="t1" type="DATE" value="2001-05-03">yesterday</TIMEX3> &amp; will reopen
<TIMEX3 tid="t2" type="DATE" value="2002">next year</TIMEX3> after <TIMEX3 tid="t3" type="DURATION" value="P2W">two weeks</TIMEX3>.</TEXT>
</TimeML>"""


def test_parse_keeps_gold_offsets() -> None:
    text, dct, gold = parse_tml(_SAMPLE)
    assert dct == date(2001, 5, 4)
    assert [g.text for g in gold] == ["yesterday", "next year", "two weeks"]
    for g in gold:
        assert text[g.start : g.end] == g.text
    assert "&" in text and "<" not in text


def test_score_document_counts() -> None:
    score = TimebankScore()
    score_document("sample", _SAMPLE, score)
    assert score.gold_dates == 2
    assert score.value_correct == 2
    assert score.value_accuracy == 1.0
