"""Score time-expression normalization on TimeBank (TimeML, TempEval-3 TBAQ-cleaned).

Each ``.tml`` file is stripped of its tags (keeping the character offsets of the
gold TIMEX3 elements in the plain text of its ``<TEXT>`` element) and run through
``find_times(text, dct)``, where the DCT is the TIMEX3 with
``functionInDocument="CREATION_TIME"``. For gold TIMEX3s of type DATE (the DCT
excluded):

* value accuracy: gold DATEs whose overlapping system expression has the same
  value, over all gold DATEs (a gold DATE nothing overlaps counts as wrong);
* detection recall: gold DATEs overlapped by any system expression;
* detection precision: system DATE expressions that overlap any gold TIMEX3
  (of any type: a system DATE inside a gold DURATION is not a false alarm).

The gate (``claimwatch eval gate``) prints these scores.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..extract.dates.detect import find_times
from ..model import TimeExpression

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 with offsets into the stripped text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Miss:
    """A gold DATE the system got wrong: what it said instead (None = not found)."""

    doc: str
    text: str
    gold: str
    system: str | None
    system_text: str | None


@dataclass
class TimebankScore:
    """Counts and rates over a TimeBank directory."""

    documents: int = 0
    gold_dates: int = 0
    value_correct: int = 0
    detected: int = 0  # gold DATEs overlapped by a system expression
    system_dates: int = 0
    system_matched: int = 0  # system DATEs overlapping a gold TIMEX3
    misses: list[Miss] = field(default_factory=list)

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.gold_dates if self.gold_dates else 0.0

    @property
    def recall(self) -> float:
        return self.detected / self.gold_dates if self.gold_dates else 0.0

    @property
    def precision(self) -> float:
        return self.system_matched / self.system_dates if self.system_dates else 0.0


def parse_tml(markup: str) -> tuple[str, date | None, list[GoldTimex]]:
    """Plain text of ``<TEXT>``, the document creation date, and the gold TIMEX3s in it."""
    dct: date | None = None
    dct_match = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', markup)
    if dct_match:
        attrs = dict(_ATTR.findall(dct_match.group(0)))
        value = attrs.get("value", "")
        m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
        if m:
            dct = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    start = markup.find("<TEXT>")
    end = markup.find("</TEXT>")
    body = markup[start + len("<TEXT>") : end] if start >= 0 and end > start else markup
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            begin, attrs = open_timex
            text = "".join(out)[begin:length]
            gold.append(GoldTimex(begin, length, text, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return "".join(out), dct, gold


def score_document(doc_id: str, markup: str, score: TimebankScore) -> None:
    """Add one document's counts to ``score``."""
    text, dct, gold = parse_tml(markup)
    system = find_times(text, dct)
    score.documents += 1
    for g in gold:
        if g.type != "DATE":
            continue
        score.gold_dates += 1
        overlapping = [s for s in system if s.start < g.end and g.start < s.end]
        if overlapping:
            score.detected += 1
        if any(s.value == g.value for s in overlapping):
            score.value_correct += 1
            continue
        best: TimeExpression | None = overlapping[0] if overlapping else None
        score.misses.append(Miss(doc_id, g.text, g.value, best.value if best else None, best.text if best else None))
    for s in system:
        if s.type != "DATE":
            continue
        score.system_dates += 1
        if any(s.start < g.end and g.start < s.end for g in gold):
            score.system_matched += 1


def score_timebank(directory: Path) -> TimebankScore:
    """Score every ``*.tml`` file under ``directory``."""
    score = TimebankScore()
    for path in sorted(Path(directory).glob("*.tml")):
        score_document(path.stem, path.read_text(encoding="utf-8"), score)
    return score
