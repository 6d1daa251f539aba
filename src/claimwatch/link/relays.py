"""One figure told twice: a headline against its own body, and outlets relaying one story.

**headline_body.** A document's headline (``labels.headline_span``) states figures; each
is aligned with the body's figure it restates: the first body claim of the same family
(a multiplier and a percent change are one family, read "+300%" = 4x) with an equal value,
else the first one measuring the same whole. Reported: values no rounding reconciles, one
end of a body range given as the figure, a qualifier the body does not carry ("Surpass
$1B" against "approximately $1 billion"), another window ("in three years" against "over
the past 33 months"), or another measured whole ("industry grew" against "exports grew").

**cross_outlet.** Within one story, each pair of documents from different outlets has
its claims aligned: same kind and unit, values within ``RELAY_VALUE_RATIO``, no two
different calendar periods. Reported: values that differ beyond rounding (low when a
hedge reconciles them, high when none does), clashing qualifiers, different windows.

Tolerances and severities are in ``lexicon.findings``; value rounding in
``consistency.value_interval``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from ..lexicon import findings as lex
from ..model import Claim, Document
from .consistency import (
    EvidenceSpan,
    Finding,
    claim_period,
    compatible_values,
    make_finding,
    same_period,
    value_interval,
)
from .labels import figure, headline_span
from .readings import (
    describe_window,
    measured_wholes,
    qualifier_class,
    wholes_clash,
    window_months,
    windows_differ,
)
from .stories import Story

_CHANGE = ("multiplier", "percent_change")
_RANK = {s: i for i, s in enumerate(lex.SEVERITIES)}


def _family(c: Claim) -> tuple[str, str]:
    return ("change", "x") if c.kind in _CHANGE else (c.kind, (c.unit or "").lower())


def _times(c: Claim) -> tuple[float, float]:
    """A change as a multiplier range: "+300%" is 4x; a multiplier is itself."""
    low, high = c.value, c.value if c.value_high is None else c.value_high
    if c.kind == "percent_change":
        low, high = 1 + low / 100, 1 + high / 100
    return min(low, high), max(low, high)


def _interval(c: Claim, hedged: bool) -> tuple[float, float]:
    low, high = _times(c)
    lo = value_interval(low, None, c.hedge if hedged else None)[0]
    hi = value_interval(high, None, c.hedge if hedged else None)[1]
    return lo, hi


def _equal(a: Claim, b: Claim) -> bool:
    """The same figure up to the rounding of how it is written."""
    return compatible_values(_interval(a, False), _interval(b, False))


def _stated(c: Claim) -> str:
    hedge = f"{c.hedge} " if c.hedge else ""
    return hedge + figure(c.kind, c.value, c.value_high, c.unit or "")


def _span(c: Claim) -> EvidenceSpan:
    return EvidenceSpan(c.doc, c.start, c.end, c.evidence)


def _cite(doc: Document | None, doc_id: str) -> str:
    return doc.outlet if doc is not None and doc.outlet else f"document {doc_id}"


_RANGE_JOINER = re.compile(r"^\s*(?:%|percent|per\s+cent)?\s*(?:to|-|–|—)\s*$", re.I)


def with_ranges(claims: Sequence[Claim], texts: Mapping[str, str]) -> list[Claim]:
    """Claims with one figure read as two ("by 300% to 400%" as 300 and 400 in one clause)
    joined back into one range claim."""
    groups: dict[tuple[str, int, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        groups[(c.doc, c.start, c.kind, c.unit or "")].append(c)
    out = []
    for members in groups.values():
        pair = sorted(members, key=lambda m: m.quantity_start)
        text = texts.get(pair[0].doc, "")
        if len(pair) == 2 and all(m.value_high is None for m in pair) and pair[0].value < pair[1].value \
                and _RANGE_JOINER.match(text[pair[0].quantity_end : pair[1].quantity_start]):
            out.append(replace(pair[0], value_high=pair[1].value))
        else:
            out.extend(members)
    return sorted(out, key=lambda c: (c.doc, c.start, c.kind, c.value))


# ---------------------------------------------------------------------------
# Differences between two statements of one figure
# ---------------------------------------------------------------------------
def differences(a: Claim, b: Claim, texts: Mapping[str, str], *, check_values: bool = True) -> list[tuple[str, str]]:
    """(severity, what differs) between two statements taken as one figure."""
    out: list[tuple[str, str]] = []
    if check_values and not _equal(a, b):
        hedged = compatible_values(_interval(a, True), _interval(b, True))
        out.append(("low" if hedged else "high", f"{_stated(a)} against {_stated(b)}"))
    qa, qb = qualifier_class(a, texts.get(a.doc)), qualifier_class(b, texts.get(b.doc))
    if qa != qb and qa and qb:
        severity = lex.QUALIFIER_CLASHES.get(frozenset({qa, qb}))
        if severity:
            out.append((severity, f"qualified as {_qualifier_words(a, qa)} against {_qualifier_words(b, qb)}"))
    wa, wb = window_months(a, texts.get(a.doc)), window_months(b, texts.get(b.doc))
    if wa is not None and wb is not None and windows_differ(wa, wb):
        out.append(("medium", f"over {describe_window(wa)} against over {describe_window(wb)}"))
    return out


def _qualifier_words(c: Claim, cls: str) -> str:
    names = {"gt": "more than", "lt": "less than", "near": "just under", "approx": "approximate"}
    return f"'{c.hedge}'" if c.hedge else names[cls]


def _worst(found: Sequence[tuple[str, str]]) -> str:
    return max((s for s, _ in found), key=_RANK.__getitem__)


# ---------------------------------------------------------------------------
# headline_body
# ---------------------------------------------------------------------------
def headline_body(documents: Iterable[Document], claims: Iterable[Claim]) -> list[Finding]:
    """Headlines whose figures the body states otherwise (see module docstring)."""
    docs = list(documents)
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in with_ranges(list(claims), {d.id: d.text for d in docs}):
        by_doc[c.doc].append(c)
    out = []
    for doc in docs:
        span = headline_span(doc)
        if span is None or span.end <= span.start or not by_doc.get(doc.id):
            continue
        texts = {doc.id: doc.text}
        head = [c for c in by_doc[doc.id] if span.start <= c.quantity_start < span.end]
        body = [c for c in by_doc[doc.id] if c.start >= span.end]
        head_wholes = measured_wholes(span.text)
        for h in head:
            aligned = _body_match(h, body, head_wholes)
            if aligned is None:
                continue
            b, same = aligned
            found = differences(h, b, texts, check_values=not same)
            if same and b.value_high is not None and h.value_high is None and (
                    _times(h) != _times(b)):  # fmt: skip
                found.append(("low", f"one end of the body's range {_stated(b)} given as the figure"))
            own = measured_wholes(h.evidence) or head_wholes
            if same and wholes_clash(own, measured_wholes(b.evidence)):
                found.append(("medium", f"said of {', '.join(sorted(own))} against "
                                        f"{', '.join(sorted(measured_wholes(b.evidence)))} in the body"))  # fmt: skip
            if not found:
                continue
            explanation = (f"The headline of {_cite(doc, doc.id)} says {_stated(h)} where its body says {_stated(b)}: "
                           + "; ".join(w for _, w in found) + ".")  # fmt: skip
            out.append(make_finding("headline_body", (h.id, b.id), explanation, (_span(h), _span(b)), _worst(found)))
    return out


def _body_match(h: Claim, body: Sequence[Claim], head_wholes: frozenset[str]) -> tuple[Claim, bool] | None:
    """The body claim a headline figure restates, and whether their values are equal."""
    family = [b for b in body if _family(b) == _family(h) and _periods_agree(h, b)]
    for b in family:
        if _equal(h, b) or (b.value_high is not None and _touches_range(h, b)):
            return b, True
    for b in family:
        if head_wholes and head_wholes & measured_wholes(b.evidence):
            return b, False
    return None


def _touches_range(h: Claim, b: Claim) -> bool:
    low, high = _times(b)
    h_low, h_high = _interval(h, False)
    return h_low <= low <= h_high or h_low <= high <= h_high


def _periods_agree(a: Claim, b: Claim) -> bool:
    pa, pb = claim_period(a), claim_period(b)
    return pa is None or pb is None or same_period(pa, pb)


# ---------------------------------------------------------------------------
# cross_outlet
# ---------------------------------------------------------------------------
def _close(a: Claim, b: Claim) -> bool:
    if a.kind != b.kind or (a.unit or "").lower() != (b.unit or "").lower():
        return False
    if not _periods_agree(a, b):
        return False
    x, y = a.value, b.value
    return x * y > 0 and abs(x - y) <= lex.RELAY_VALUE_RATIO * max(abs(x), abs(y))


def _figures(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Claims of one story grouped into figures: same kind and unit, values within
    ``RELAY_VALUE_RATIO`` of a neighbour, periods that agree (one sorted sweep)."""
    ordered = sorted(claims, key=lambda c: (c.kind, (c.unit or "").lower(), c.value))
    parent = list(range(len(ordered)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if b.kind != a.kind or (b.unit or "").lower() != (a.unit or "").lower() or \
                    abs(b.value - a.value) > lex.RELAY_VALUE_RATIO * max(abs(a.value), abs(b.value)):
                break
            if _close(a, b):
                parent[find(j)] = find(i)
    groups: dict[int, list[Claim]] = defaultdict(list)
    for i, c in enumerate(ordered):
        groups[find(i)].append(c)
    return [g for g in groups.values() if len({c.doc for c in g}) > 1]


def _reading(c: Claim, texts: Mapping[str, str]) -> tuple[object, ...]:
    """How a report states a figure: value, qualifier and window."""
    window = window_months(c, texts.get(c.doc))
    return (c.value, c.value_high, qualifier_class(c, texts.get(c.doc)), None if window is None else round(window, 1))


def cross_outlet(stories: Iterable[Story], documents: Iterable[Document], claims: Iterable[Claim]) -> list[Finding]:
    """Figures of one story relayed differently by different outlets (see module docstring).

    Each figure's statements are grouped by how they state it (value, qualifier, window);
    two ways of stating it that differ make one finding naming the reports on each side,
    so a figure relayed by a hundred outlets costs a hundred readings, not all their pairs."""
    docs = {d.id: d for d in documents}
    texts = {d.id: d.text for d in docs.values()}
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in with_ranges(list(claims), texts):
        by_doc[c.doc].append(c)

    def outlet(doc_id: str) -> str:
        d = docs.get(doc_id)
        return d.outlet if d is not None and d.outlet else doc_id

    out: dict[str, Finding] = {}
    for story in stories:
        members = [c for p in story.passages for c in by_doc.get(p.doc, []) if p.start <= c.start < p.end]
        for group in _figures(members):
            readings: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
            for c in group:
                readings[_reading(c, texts)].append(c)
            for (_, left), (_, right) in combinations(readings.items(), 2):
                pair = next(((a, b) for a in left for b in right
                             if outlet(a.doc) != outlet(b.doc) and _close(a, b)), None)  # fmt: skip
                if pair is None:
                    continue  # one outlet states it two ways, or two periods: not a relay difference
                a, b = pair
                if not _equal(a, b) and (_states(by_doc[b.doc], a, b) or _states(by_doc[a.doc], b, a)):
                    continue
                found = differences(a, b, texts)
                if not found:
                    continue
                sides = [_first_per_doc(left), _first_per_doc(right)]
                explanation = (f"{_cite(docs.get(a.doc), a.doc)} and {_cite(docs.get(b.doc), b.doc)} relay one figure "
                               "differently: " + "; ".join(w for _, w in found) + ".")  # fmt: skip
                finding = make_finding("cross_outlet", [c.id for side in sides for c in side], explanation,
                                       [_span(c) for side in sides for c in side], _worst(found))  # fmt: skip
                out[finding.id] = finding
    return list(out.values())


def _states(report: Sequence[Claim], figure: Claim, other: Claim) -> bool:
    """Whether a report also states ``figure`` itself (not as a rounding of ``other``): then
    its ``other`` is another figure (this year's against last year's), not a relay slip."""
    return any(c.kind == figure.kind and _equal(c, figure) and not _equal(c, other)
               for c in report)  # fmt: skip


def _first_per_doc(claims: Sequence[Claim]) -> list[Claim]:
    first: dict[str, Claim] = {}
    for c in sorted(claims, key=lambda c: (c.doc, c.start)):
        first.setdefault(c.doc, c)
    return list(first.values())
