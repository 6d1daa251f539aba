"""Consistency checks across the corpus: figures that cannot all be true.

Input is ``Claim`` and ``Document`` records as the store reads them back (a document's
text is scanned for calendar statements; without text, its claims' evidence is). The
finding families checked here (``link.findings`` adds the headline, relay and
arithmetic ones and is the entry point ``claimwatch check`` calls):

* ``conflict`` — same measured thing (subject key and scope), kind and unit, the
  same period, and values that no rounding or hedge reconciles. When a period is
  missing, the same speaker on the same occasion stands in for it, and so do two
  windows of the same speaker running up to their statements with about the same
  length ("since August 2021" against "over the past 33 months").
* ``series`` — a multiplier or percent change for a period against two amounts
  (that period and the one before) whose ratio says otherwise: a figure that
  contradicts the baseline of its own series.
* ``cross_outlet`` — one speaker's figure on one occasion (or in one story)
  reported with different values by different outlets (``link.findings`` adds the
  qualifier and window differences of one story's relays).
* ``calendar_error`` — a Persian (solar hijri) year with a Gregorian start or end
  date in the text that ``jdatetime`` contradicts, or a bracketed gloss of the year
  ("the 1398 plan (April 2017 - April 2018)") naming other months.

Every finding has a severity (``lexicon.findings.SEVERITIES``): values no hedge
reconciles and wrong calendars are high; a baseline that does not fit is medium.

Every finding carries the evidence spans of both sides as ``(doc, start, end,
text)`` with ``text`` the stored-text slice.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import combinations
from typing import NamedTuple

from ..calendars import add_months, persian_year_bounds
from ..extract.nlp import split_sentences
from ..lexicon import findings as flex
from ..lexicon import subjects as lex
from ..model import Claim, Document
from .aliases import parse_name, same_person
from .readings import describe_window, window_months, windows_differ
from .stories import Story
from .subjects import NormalizedSubject, as_change, dominant_scope, key_matches, normalize_subject

FINDING_TYPES = ("calendar_error", "headline_body", "cross_outlet", "conflict", "series", "arithmetic")
# the series of a timeline point without a speaker: its points are never joined by a line
UNATTRIBUTED = "(unattributed)"


class EvidenceSpan(NamedTuple):
    """One side of a finding: a slice of a document's stored text."""

    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    id: str  # stable: type + hash of the evidence spans
    type: str  # one of FINDING_TYPES
    claims: tuple[str, ...]  # claim ids involved (may be empty for calendar errors)
    explanation: str  # one sentence: what is wrong
    evidence: tuple[EvidenceSpan, ...]
    severity: str = "medium"  # one of lexicon.findings.SEVERITIES
    copies: tuple[str, ...] = ()  # exact copies of the documents named, reported with them
    story: str | None = None  # the readable label of the story its evidence belongs to

    @property
    def docs(self) -> tuple[str, ...]:
        """Every document the finding names: its evidence's, then their exact copies."""
        return tuple(dict.fromkeys([e.doc for e in self.evidence] + list(self.copies)))


@dataclass(frozen=True)
class TimelinePoint:
    """One claim placed on a time axis for a subject; ``series`` is the speaker."""

    claim: str
    doc: str
    series: str
    subject_key: str
    kind: str
    unit: str
    value: float
    value_high: float | None
    when: date  # period midpoint, else said_on
    period_start: date | None
    period_end: date | None
    said_on: date | None
    label: str
    evidence: str
    scope: str | None = None  # the subject's country, else the document's


# ---------------------------------------------------------------------------
# Claim view
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Claim:
    claim: Claim
    id: str
    doc: str
    kind: str
    unit: str
    value: float
    value_high: float | None
    subject: NormalizedSubject
    speaker: str | None
    period: tuple[date, date] | None
    said_on: date | None
    occasion: date | None  # said_on, or the document's usual said_on
    hedge: str | None
    restates: str | None
    outlet: str | None
    scope: str | None  # the subject's country, else the document's
    window: float | None = None  # months of a rolling window up to the statement ("past 33 months")

    @property
    def evidence_span(self) -> EvidenceSpan:
        return EvidenceSpan(self.doc, self.claim.start, self.claim.end, self.claim.evidence)

    @property
    def source(self) -> str:
        """How an explanation cites the claim's report: its outlet, else its document."""
        return _cite(self.doc, self.outlet)


def _cite(doc: str, outlet: str | None) -> str:
    return outlet if outlet else f"document {doc}"


def claim_period(claim: Claim) -> tuple[date, date] | None:
    """A claim's period as an ordered pair; an open one reads as its known end point."""
    start, end = claim.period_start, claim.period_end
    if start is None and end is None:
        return None
    # an open period ("since January") is read as its known end point only
    start = start or end
    end = end or start
    assert start is not None and end is not None
    return (start, end) if start <= end else (end, start)


def _claims(
    claims: Iterable[Claim],
    outlets: Mapping[str, str | None],
    doc_scopes: Mapping[str, str | None] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[_Claim]:
    raws = list(claims)
    subjects = [normalize_subject(c.subject, c.evidence) for c in raws]
    # Where a claim names no country, the document's country stands in: the one
    # its text mentions most (when given), else the one its claims name most.
    scopes: dict[str, str | None] = dict(doc_scopes or {})
    by_doc_scopes: dict[str, list[str]] = defaultdict(list)
    for c, subj in zip(raws, subjects, strict=True):
        by_doc_scopes[c.doc].append(subj.scope or "")
    for doc, names in by_doc_scopes.items():
        if scopes.get(doc) is None:
            scopes[doc] = dominant_scope(names, min_mentions=1)
    # A document's usual said_on stands in for claims whose statement date the
    # extractor did not attach (a figure later in the same speech).
    usual: dict[str, date] = {}
    per_doc: dict[str, Counter[date]] = defaultdict(Counter)
    for c in raws:
        if c.said_on is not None and c.speaker:
            per_doc[c.doc][c.said_on] += 1
    for doc, counts in per_doc.items():
        usual[doc] = counts.most_common(1)[0][0]
    out = []
    for c, subject in zip(raws, subjects, strict=True):
        if c.kind == "amount" and _states_change(c):
            subject = as_change(subject)
        out.append(_Claim(
            claim=c, id=c.id, doc=c.doc, kind=c.kind, unit=c.unit or "", value=c.value, value_high=c.value_high,
            subject=subject, speaker=c.speaker or None, period=claim_period(c), said_on=c.said_on,
            occasion=c.said_on or (usual.get(c.doc) if c.speaker else None), hedge=c.hedge or None,
            restates=c.restates, outlet=outlets.get(c.doc), scope=subject.scope or scopes.get(c.doc),
            window=window_months(c, (texts or {}).get(c.doc)) if c.kind in ("multiplier", "percent_change") else None,
        ))  # fmt: skip
    return out


_CHANGE_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+)?(?:" + "|".join(sorted(lex.CHANGE_NOUNS)) + r")\b", re.I
)
_CHANGE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(lex.CHANGE_NOUNS)) + r")\s+of\s+(?:about\s+|some\s+)?\S*$", re.I)


def _states_change(claim: Claim) -> bool:
    """Whether an amount is a change ("a Rs318 billion rise in"), read around its quantity."""
    evidence = claim.evidence
    q_start, q_end = claim.quantity_start - claim.start, claim.quantity_end - claim.start
    if not 0 <= q_start <= q_end <= len(evidence):
        return False
    return bool(_CHANGE_AFTER.match(evidence[q_end:]) or _CHANGE_BEFORE.search(evidence[:q_start]))


# ---------------------------------------------------------------------------
# Value tolerance
# ---------------------------------------------------------------------------
def rounding_half_unit(value: float) -> float:
    """Half a unit of the last non-zero digit of ``value`` (64 -> 0.5, 1.2e9 -> 5e7)."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    # 15 significant digits drop float noise (1.2000000000000002e9 -> 1.2e9)
    exponent = Decimal(f"{abs(value):.15g}").normalize().as_tuple().exponent
    return 0.5 * 10.0 ** int(exponent)


def value_interval(value: float, value_high: float | None = None, hedge: str | None = None) -> tuple[float, float]:
    """The values a stated figure is compatible with, given rounding and its hedge."""
    low, high = value, value if value_high is None else value_high
    low, high = min(low, high), max(low, high)
    low -= min(rounding_half_unit(low), abs(low) * lex.ROUNDING_CAP)
    high += min(rounding_half_unit(high), abs(high) * lex.ROUNDING_CAP)
    words = (hedge or "").lower().strip()
    if words in lex.LOWER_BOUND_HEDGES:
        high = math.inf
    elif words in lex.UPPER_BOUND_HEDGES:
        low = -math.inf if value < 0 else 0.0
    elif words:
        # any other hedge ("some", "about", "an average of") makes the figure approximate
        slack = max(abs(low), abs(high)) * lex.APPROX_TOLERANCE
        low, high = low - slack, high + slack
    return low, high


def compatible_values(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two value intervals overlap."""
    return a[0] <= b[1] and b[0] <= a[1]


def _interval(c: _Claim) -> tuple[float, float]:
    return value_interval(c.value, c.value_high, c.hedge)


def _fmt(c: _Claim) -> str:
    def num(v: float) -> str:
        return f"{v:,.0f}" if abs(v) >= 1000 or float(v).is_integer() else f"{v:g}"

    text = num(c.value) + (f"–{num(c.value_high)}" if c.value_high is not None else "")
    unit = "" if c.unit in ("%", "x") else " "
    hedge = f"{c.hedge} " if c.hedge else ""
    return f"{hedge}{text}{unit}{c.unit}"


# ---------------------------------------------------------------------------
# Matching helpers
# ---------------------------------------------------------------------------
def _overlap_share(a: tuple[date, date], b: tuple[date, date]) -> float:
    inter = (min(a[1], b[1]) - max(a[0], b[0])).days + 1
    union = (max(a[1], b[1]) - min(a[0], b[0])).days + 1
    return max(inter, 0) / union if union > 0 else 0.0


def same_period(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Both periods known and overlapping by at least ``PERIOD_OVERLAP`` of their union."""
    return a is not None and b is not None and _overlap_share(a, b) >= lex.PERIOD_OVERLAP


def _same_speaker(a: _Claim, b: _Claim) -> bool:
    if not a.speaker or not b.speaker:
        return False
    return a.speaker.lower() == b.speaker.lower() or same_person(a.speaker, b.speaker)


def _same_subject(a: _Claim, b: _Claim) -> bool:
    """Same key and compatible scope; a bare head ("exports") matches a fuller key
    ("defense exports") only for the same speaker, who is talking about one thing."""
    if a.scope and b.scope and a.scope != b.scope:
        return False
    if not a.subject.has_measure or not b.subject.has_measure:
        return False
    if a.subject.key == b.subject.key:
        return True
    short, long_ = sorted((a.subject.tokens, b.subject.tokens), key=len)
    return len(short) == 1 and short[0] in long_ and _same_speaker(a, b)


_BASIS = re.compile(lex.BASIS_PATTERN, re.I)


def _basis(c: _Claim) -> str | None:
    m = _BASIS.search(c.claim.evidence)
    return m.group(1).lower() if m else None


def _same_wording(a: _Claim, b: _Claim) -> bool:
    return " ".join(a.claim.evidence.lower().split()) == " ".join(b.claim.evidence.lower().split())


def _restatement(a: _Claim, b: _Claim) -> bool:
    return a.restates == b.id or b.restates == a.id or (a.restates is not None and a.restates == b.restates)


def _stories_by_doc(stories: Iterable[Story]) -> dict[str, set[str]]:
    """Document id -> ids of the stories it is part of."""
    by_doc: dict[str, set[str]] = defaultdict(set)
    for story in stories:
        for passage in story.passages:
            by_doc[passage.doc].add(story.id)
    return by_doc


def _same_story(a: _Claim, b: _Claim, story_of: Mapping[str, set[str]]) -> bool:
    return bool(story_of.get(a.doc, set()) & story_of.get(b.doc, set()))


def _same_time(a: _Claim, b: _Claim, story_of: Mapping[str, set[str]]) -> bool:
    """Whether two claims can be about the same time.

    Both periods known: they must overlap (``same_period``). Otherwise the same
    speaker must have said both on one occasion (same said_on, or the document's
    usual one); a shared story stands in for the occasion only when neither
    claim has a period (one with a period and one without are too often a target
    and a current figure from the same story).
    """
    if a.period is not None and b.period is not None:
        return same_period(a.period, b.period)
    if not _same_speaker(a, b):
        return False
    if a.occasion is not None and a.occasion == b.occasion:
        return True
    if _same_window(a, b):
        return True
    return a.period is None and b.period is None and _same_story(a, b, story_of)


def _same_window(a: _Claim, b: _Claim) -> bool:
    """Two changes of one speaker over windows running up to their statements, of about
    the same length, and not dated to different occasions: one stretch of time told twice
    ("since August 2021" said in July 2024, "over the past 33 months")."""
    if a.window is None or b.window is None:
        return False
    if windows_differ(a.window, b.window, flex.WINDOW_CONFLICT_TOLERANCE):
        return False
    if a.occasion is not None and b.occasion is not None:
        return abs((a.occasion - b.occasion).days) <= flex.WINDOW_CONFLICT_TOLERANCE * 30.44 * min(a.window, b.window)
    return True


def make_finding(
    kind: str, claims: Sequence[str], explanation: str, evidence: Sequence[EvidenceSpan], severity: str = "medium"
) -> Finding:
    """A finding with its stable id (type + hash of its evidence spans)."""
    unique = tuple(dict.fromkeys(evidence))
    digest = hashlib.sha1(
        (kind + "|" + "|".join(f"{e.doc}:{e.start}-{e.end}" for e in sorted(unique))).encode()
    ).hexdigest()[:12]
    return Finding(f"{kind}:{digest}", kind, tuple(dict.fromkeys(claims)), explanation, unique, severity)


def _speaker_block(c: _Claim) -> str | None:
    if not c.speaker:
        return None
    return parse_name(c.speaker).surname_key or " ".join(c.speaker.lower().split())


def _in_time_order(members: Sequence[_Claim]) -> list[_Claim]:
    """Claims by the time they are about, then by when they were said."""
    return sorted(members, key=lambda c: (c.period or (date.min, date.min), c.occasion or date.min, c.id))


def _neighbours(members: Sequence[_Claim]) -> Iterable[tuple[_Claim, _Claim]]:
    """Every two claims of a block no larger than ``BLOCK_NEIGHBOURS`` + 1; in a larger
    one, each claim with the next ``BLOCK_NEIGHBOURS`` in time order."""
    window = lex.BLOCK_NEIGHBOURS
    if len(members) <= window + 1:
        yield from combinations(members, 2)
        return
    ordered = _in_time_order(members)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 : i + 1 + window]:
            yield a, b


def _blocks(items: Sequence[_Claim]) -> Iterable[tuple[_Claim, _Claim]]:
    """Candidate pairs by blocking, never all pairs (see ``_comparable_pairs``).

    A block of at most ``BLOCK_NEIGHBOURS`` + 1 claims gives every pair; a larger one
    (an archive's thousands of reports of one measure in one year) pairs each claim with
    the ``BLOCK_NEIGHBOURS`` nearest after it in time (the ones ``_same_time`` can
    accept), and with the earliest ``BLOCK_NEIGHBOURS`` of each later year, so its cost
    is linear in the block."""
    by_period: dict[tuple[str, str, str], dict[int, list[_Claim]]] = defaultdict(lambda: defaultdict(list))
    by_speaker: dict[tuple[str, str, str, str], list[_Claim]] = defaultdict(list)
    for c in items:
        heads = {t for t in c.subject.tokens if t in lex.MEASURES}
        if not heads:
            continue
        if c.period is not None:
            by_period[(c.kind, c.unit, c.subject.key)][c.period[0].year].append(c)
        speaker = _speaker_block(c)
        if speaker:
            for head in heads:
                by_speaker[(c.kind, c.unit, head, speaker)].append(c)
    window = lex.BLOCK_NEIGHBOURS
    for years in by_period.values():
        for year, members in years.items():
            yield from _neighbours(members)
            for later in range(year + 1, year + 1 + lex.PERIOD_BLOCK_YEARS):
                others = years.get(later, [])
                if len(others) > window:
                    others = _in_time_order(others)[:window]
                for a in members:
                    for b in others:
                        yield a, b
    for members in by_speaker.values():
        yield from _neighbours(members)


def _comparable_pairs(items: Sequence[_Claim]) -> Iterable[tuple[_Claim, _Claim]]:
    """Pairs from different documents with the same kind, unit and measured thing.

    Candidates come from two blocks: the same subject key with periods starting
    within ``PERIOD_BLOCK_YEARS`` of each other (two periods can only overlap by most of
    their union so), and the same speaker and measured head (a claim without a period is
    only compared for the same speaker, on one occasion). A corpus with many reports of
    one measure and year still pairs them all; one with many measures and years does not.
    """
    seen: set[tuple[str, str]] = set()
    for a, b in _blocks(items):
        if a.doc == b.doc or a.id == b.id:
            continue
        pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if pair in seen:
            continue
        seen.add(pair)
        # in yuan terms vs in dollar terms: two bases, not two figures for one thing; the
        # same sentence printed by two outlets states one figure, whatever was read from it
        if _same_subject(a, b) and not _restatement(a, b) and _basis(a) == _basis(b) \
                and not _same_wording(a, b):
            yield (a, b) if a.id < b.id else (b, a)


# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------
def _conflicts(items: Sequence[_Claim], story_of: Mapping[str, set[str]]) -> list[Finding]:
    out = []
    for a, b in _comparable_pairs(items):
        if compatible_values(_interval(a), _interval(b)):
            continue
        if not _same_time(a, b, story_of):
            continue
        if a.kind == "percent_share" and not (_same_speaker(a, b) and a.occasion is not None and a.occasion == b.occasion):
            continue  # shares of one whole ("36% of exports", "9% of exports") are of different parts
        if a.period is not None and b.period is not None:
            when = f"for {a.period[0]}..{a.period[1]}"
        elif a.occasion is not None and a.occasion == b.occasion or a.window is None or b.window is None:
            when = f"by {a.speaker} on the same occasion"
        else:
            when = (f"by {a.speaker} over {describe_window(a.window)} and {describe_window(b.window)} "
                    "up to the statements")
        basis = _basis(a)
        compared = f"both {a.kind.replace('_', ' ')} in {a.unit}" + (f", in {basis} terms" if basis else "")
        explanation = (
            f"{a.subject.key}{' (' + a.scope + ')' if a.scope else ''} {when}: "
            f"{_fmt(a)} in {a.source} vs {_fmt(b)} in {b.source} ({compared}); "
            "no rounding or hedge reconciles them."
        )
        out.append(make_finding("conflict", (a.id, b.id), explanation, (a.evidence_span, b.evidence_span), "high"))
    return out


def _outlet_drift(items: Sequence[_Claim], story_of: Mapping[str, set[str]]) -> list[Finding]:
    out = []
    for a, b in _comparable_pairs(items):
        if a.outlet and b.outlet and a.outlet == b.outlet:
            continue
        if not _same_speaker(a, b) or compatible_values(_interval(a), _interval(b)):
            continue
        same_occasion = a.occasion is not None and a.occasion == b.occasion
        if not _same_time(a, b, story_of) or not (same_occasion or _same_story(a, b, story_of)):
            continue
        occasion = f"on {a.occasion}" if same_occasion else "in the same story"
        explanation = (
            f"{a.speaker}'s figure for {a.subject.key} {occasion} is {_fmt(a)} in {a.source} "
            f"but {_fmt(b)} in {b.source}."
        )
        out.append(make_finding("cross_outlet", (a.id, b.id), explanation, (a.evidence_span, b.evidence_span), "high"))
    return out


def _previous_period(period: tuple[date, date]) -> tuple[date, date]:
    """The period of the same length just before ``period`` (a year -> the year before)."""
    start, end = period
    months = round(((end - start).days + 1) / 30.44)
    if months >= 1:
        return add_months(start, -months), start - timedelta(days=1)
    length = end - start
    return start - length - timedelta(days=1), start - timedelta(days=1)


_OTHER_BASELINE = re.compile("|".join(lex.OTHER_BASELINE_PATTERNS), re.I)


def _pick(candidates: Sequence[_Claim], anchor: _Claim) -> _Claim | None:
    """The amount closest to ``anchor``: same document, then same speaker, then any."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c.doc != anchor.doc, not _same_speaker(c, anchor), c.id))


def _baseline_mismatches(items: Sequence[_Claim]) -> list[Finding]:
    amounts: dict[str, list[_Claim]] = defaultdict(list)  # by subject key: blocked, not all pairs
    for c in items:
        if c.kind == "amount" and c.period is not None and c.subject.has_measure:
            amounts[c.subject.key].append(c)
    out = []
    for m in items:
        if m.kind not in ("multiplier", "percent_change") or m.period is None or not m.subject.has_measure:
            continue
        if _OTHER_BASELINE.search(m.claim.evidence):
            continue
        low, high = _interval(m)
        if m.kind == "percent_change":
            low, high = 1 + low / 100, 1 + high / 100
        previous = _previous_period(m.period)
        subject_amounts = [a for a in amounts.get(m.subject.key, []) if not (a.scope and m.scope and a.scope != m.scope)]
        current = _pick([a for a in subject_amounts if same_period(a.period, m.period)], m)
        if current is None:
            continue
        before = _pick([a for a in subject_amounts if a.unit == current.unit and a.id != current.id
                        and same_period(a.period, previous)], m)
        if before is None or before.value == 0:
            continue
        cur_lo, cur_hi = _interval(current)
        bef_lo, bef_hi = _interval(before)
        if bef_lo <= 0:
            continue
        ratio_lo = cur_lo / bef_hi * (1 - lex.RATIO_TOLERANCE)
        ratio_hi = cur_hi / bef_lo * (1 + lex.RATIO_TOLERANCE)
        if compatible_values((low, high), (ratio_lo, ratio_hi)):
            continue
        stated = f"{m.value:g}x" if m.kind == "multiplier" else f"{m.value:+g}%"
        implied = current.value / before.value
        explanation = (
            f"{m.subject.key}: {stated} for {m.period[0]}..{m.period[1]} in {m.source}, but the amounts "
            f"{_fmt(current)} ({current.source}) and {_fmt(before)} for the period before ({before.source}) "
            f"imply {implied:.2f}x ({(implied - 1) * 100:+.0f}%)."
        )
        out.append(make_finding("series", (m.id, current.id, before.id), explanation,
                               (m.evidence_span, current.evidence_span, before.evidence_span), "medium"))
    return out


# --- calendar statements -------------------------------------------------------
_MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for m in names
}  # fmt: skip
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_GREGORIAN = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})\.?(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d))\b",
    re.I,
)
_PERSIAN_YEAR = re.compile(r"(?<![\d$,.])\b1[34]\d\d\b(?![,.]?\d)")
_CUE = re.compile(r"[A-Za-z]+")


def _gregorian(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    month = m.group("m1") or m.group("m2")
    if month:
        day = int(m.group("d1") or m.group("d2"))
        year = m.group("y1") or m.group("y2")
        month_no = _MONTHS[month.lower()]
    else:
        day, month_no, year = int(m.group("d3")), int(m.group("m3")), m.group("y3")
    if not 1 <= day <= 31:
        return None
    return month_no, day, int(year) if year else None


_YEAR_JOINER = re.compile(r"\s*(?:,|and|or|to|through|-|\u2013)\s*(?:and\s+)?")


def _date_fits(month: int, day: int, year: int | None, expected: date) -> bool:
    """Whether a stated month/day(/year) is within the slack of ``expected``."""
    try:
        stated = date(year if year else expected.year, month, day)
    except ValueError:
        return True  # not a real date: nothing to contradict
    return abs((stated - expected).days) <= lex.CALENDAR_SLACK_DAYS


def _cue_role(before: str) -> str | None:
    """"start"/"end" when one of the last three words before a date is a calendar cue."""
    for word in reversed(_CUE.findall(before)[-3:]):
        w = word.lower()
        if w in lex.CALENDAR_START_CUES:
            return "start"
        if w in lex.CALENDAR_END_CUES:
            return "end"
    return None


def calendar_errors(doc: str, text: str, source: str | None = None) -> list[Finding]:
    """Persian years in ``text`` with a stated Gregorian start/end that the calendar contradicts;
    ``source`` names the report in the explanation (default: the document)."""
    out = []
    for sentence in split_sentences(text):
        years = list(_PERSIAN_YEAR.finditer(sentence.text))
        for index, ym in enumerate(years):
            persian = int(ym.group(0))
            first, last = persian_year_bounds(persian)
            # "the years 1395 and 1396, which ended on ...": the date may belong to any of them
            group = [persian]
            j = index
            while j > 0 and _YEAR_JOINER.fullmatch(sentence.text[years[j - 1].end() : years[j].start()]):
                j -= 1
                group.append(int(years[j].group(0)))
            tail_from = ym.end()
            for dm in _GREGORIAN.finditer(sentence.text, tail_from):
                nxt = _PERSIAN_YEAR.search(sentence.text, ym.end(), dm.start())
                if nxt is not None:
                    break  # the date belongs to a later Persian year
                role = _cue_role(sentence.text[tail_from : dm.start()])
                parsed = _gregorian(dm)
                tail_from = dm.end()
                if role is None or parsed is None:
                    continue
                month, day, year = parsed
                expected = first if role == "start" else last
                if any(_date_fits(month, day, year, persian_year_bounds(py)[0 if role == "start" else 1])
                       for py in group):
                    continue
                verb = "began" if role == "start" else "ended"
                year_span = EvidenceSpan(doc, sentence.start + ym.start(), sentence.start + ym.end(), ym.group(0))
                cue_at = sentence.start + dm.start()
                cues = lex.CALENDAR_START_CUES | lex.CALENDAR_END_CUES
                for word in reversed(list(_CUE.finditer(sentence.text[ym.end() : dm.start()]))[-3:]):
                    if word.group(0).lower() in cues:
                        cue_at = sentence.start + ym.end() + word.start()
                        break
                date_span = EvidenceSpan(doc, cue_at, sentence.start + dm.end(), text[cue_at : sentence.start + dm.end()])
                explanation = (
                    f"Persian year {persian} {verb} on {expected.isoformat()} "
                    f"({first.isoformat()}..{last.isoformat()}), but {source or _cite(doc, None)} says {dm.group(0)!r}."
                )
                out.append(make_finding("calendar_error", (), explanation, (year_span, date_span), "high"))
    return out


_GLOSS = re.compile(r"\(([^()]{4,60})\)")
_GLOSS_POINT = re.compile(rf"(?:\b(?P<month>{_MONTH_RE})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?(?P<year>(?:19|20)\d\d)\b", re.I)


def calendar_glosses(doc: str, text: str, source: str | None = None) -> list[Finding]:
    """A Persian year glossed in brackets with a Gregorian span ("the 1403 budget (March 2023 -
    March 2024)") that is not the year's: the gloss starts or ends more than
    ``GLOSS_SLACK_MONTHS`` away from the year's own bounds."""
    out = []
    for ym in _PERSIAN_YEAR.finditer(text):
        gloss = _GLOSS.search(text, ym.end(), min(len(text), ym.end() + 80))
        if gloss is None or len(_CUE.findall(text[ym.end() : gloss.start()])) > flex.GLOSS_GAP_WORDS:
            continue
        if _PERSIAN_YEAR.search(text, ym.end(), gloss.start()):
            continue
        points = list(_GLOSS_POINT.finditer(gloss.group(1)))
        if len(points) < 2:
            continue
        first, last = persian_year_bounds(int(ym.group(0)))

        def months_off(m: re.Match[str], expected: date) -> int:
            month = _MONTHS[m.group("month").lower()] if m.group("month") else expected.month
            return abs((int(m.group("year")) - expected.year) * 12 + month - expected.month)

        if max(months_off(points[0], first), months_off(points[-1], last)) <= flex.GLOSS_SLACK_MONTHS:
            continue
        explanation = (
            f"Persian year {ym.group(0)} runs {first.isoformat()}..{last.isoformat()}, but "
            f"{source or _cite(doc, None)} glosses it as {gloss.group(0)!r}."
        )
        evidence = (EvidenceSpan(doc, ym.start(), ym.end(), ym.group(0)),
                    EvidenceSpan(doc, gloss.start(), gloss.end(), gloss.group(0)))  # fmt: skip
        out.append(make_finding("calendar_error", (), explanation, evidence, "high"))
    return out


def _calendar_errors_in_evidence(doc: str, items: Sequence[_Claim], source: str) -> list[Finding]:
    """Without the document text, the claims' evidence clauses are scanned instead
    (offsets shifted back into the stored text)."""
    out = []
    seen: set[tuple[int, int]] = set()
    for c in items:
        span = c.evidence_span
        if (span.start, span.end) in seen:
            continue
        seen.add((span.start, span.end))
        for f in calendar_errors(doc, span.text, source) + calendar_glosses(doc, span.text, source):
            moved = tuple(EvidenceSpan(e.doc, e.start + span.start, e.end + span.start, e.text) for e in f.evidence)
            out.append(make_finding(f.type, f.claims, f.explanation, moved, f.severity))
    return out


# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------
def check(claims: Iterable[Claim], documents: Iterable[Document] = (), stories: Iterable[Story] = ()) -> list[Finding]:
    """All findings over a corpus's claims and documents, in a stable order.

    Documents give outlets and the text scanned for calendar errors (a claim of a
    document not given, or of one without text, has its evidence clause scanned
    instead). ``stories`` let ``conflict``/``cross_outlet`` pair up claims without a
    shared statement date.
    """
    docs = list(documents)
    outlets = {d.id: d.outlet for d in docs}
    doc_scopes = {d.id: dominant_scope([d.title, d.text]) for d in docs}
    items = _claims(claims, outlets, doc_scopes, {d.id: d.text for d in docs})
    story_of = _stories_by_doc(stories)
    findings = _conflicts(items, story_of) + _baseline_mismatches(items) + _outlet_drift(items, story_of)
    by_doc: dict[str, list[_Claim]] = defaultdict(list)
    for c in items:
        by_doc[c.doc].append(c)
    doc_ids = list(dict.fromkeys([d.id for d in docs] + list(by_doc)))
    text_of = {d.id: d.text for d in docs}
    for doc_id in doc_ids:
        text = text_of.get(doc_id)
        source = _cite(doc_id, outlets.get(doc_id))
        found = (calendar_errors(doc_id, text, source) + calendar_glosses(doc_id, text, source) if text
                 else _calendar_errors_in_evidence(doc_id, by_doc[doc_id], source))  # fmt: skip
        for f in found:
            start, end = f.evidence[0].start, f.evidence[-1].end
            near = tuple(c.id for c in by_doc[doc_id] if c.claim.start <= end and start <= c.claim.end)
            findings.append(replace(f, claims=near) if near else f)
    order = {t: i for i, t in enumerate(FINDING_TYPES)}
    unique = {f.id: f for f in findings}
    return sorted(unique.values(), key=lambda f: (order[f.type], f.evidence[0].doc, f.evidence[0].start, f.id))


def _midpoint(period: tuple[date, date]) -> date:
    return period[0] + (period[1] - period[0]) / 2


def timeline(
    claims: Iterable[Claim], subject_query: str, series: Mapping[tuple[str, str], str] | None = None
) -> list[TimelinePoint]:
    """Claims about ``subject_query`` as points in time, one series per speaker.

    A claim matches when all of the query's normalized words are in its subject
    key. Restatements are left out (one point per statement); claims with neither
    a period nor a said_on date have no place on the axis and are skipped. Points
    are sorted by period start (else said_on), then series. ``series`` maps a
    (document, speaker name) to the person's canonical name, so that one person
    spelled two ways is one series.
    """
    series = series or {}
    points = []
    for c in _claims(claims, {}):
        if c.restates is not None or not key_matches(c.subject.key, subject_query):
            continue
        if c.period is not None:
            when = _midpoint(c.period)
        elif c.said_on is not None:
            when = c.said_on
        else:
            continue
        name = series.get((c.doc, c.speaker), c.speaker) if c.speaker else None
        points.append(TimelinePoint(
            claim=c.id, doc=c.doc, series=name or UNATTRIBUTED, subject_key=c.subject.key,
            kind=c.kind, unit=c.unit, value=c.value, value_high=c.value_high, when=when,
            period_start=c.period[0] if c.period else None, period_end=c.period[1] if c.period else None,
            said_on=c.said_on, label=_fmt(c), evidence=c.claim.evidence, scope=c.scope,
        ))  # fmt: skip
    return sorted(points, key=lambda p: (p.period_start or p.said_on or p.when, p.series, p.claim))
