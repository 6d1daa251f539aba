"""A document's text with its spans marked, as HTML built here from Python offsets.

Offsets are code points into the stored text; a browser counts UTF-16 units, so marking
spans in JavaScript would shift every span after an emoji or any other character beyond
the Basic Multilingual Plane. The text is cut at every span boundary, each piece escaped
and wrapped in one element naming every span that covers it (``data-refs``), with a
tooltip giving the normalised values; an empty anchor (``id="claim-N"``) opens each claim,
so ``/doc/ID#claim-N`` scrolls to it and the page's script marks its pieces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..charts import number_label
from ..model import Claim, Quote, TimeExpression
from ..service.explore import DocumentView


@dataclass(frozen=True)
class MarkedSpan:
    start: int
    end: int
    kind: str  # claim | quote | speaker | date | excluded | passage
    ref: str  # the id its pieces name: claim-3, quote-2, ...
    tip: str


def _value(c: Claim) -> str:
    value = number_label(c.value) + (f"–{number_label(c.value_high)}" if c.value_high is not None else "")
    return f"{c.hedge + ' ' if c.hedge else ''}{value} {c.unit}"


def claim_tip(number: int, c: Claim) -> str:
    period = f"{c.period_start or '…'} to {c.period_end or '…'}" if c.period_start or c.period_end else "no period"
    parts = [f"claim {number}: {c.kind.replace('_', ' ')} {_value(c)}", f"subject: {c.subject or '—'}",
             f"speaker: {c.speaker or '—'}", f"period: {period}", f"said on: {c.said_on or '—'}",
             f"confidence: {c.confidence:.2f}"]  # fmt: skip
    return "; ".join(parts)


def _quote_tip(number: int, q: Quote) -> str:
    return f"quote {number} ({q.kind}): {q.speaker or 'speaker unknown'}" + (f", cue “{q.cue}”" if q.cue else "")


def _date_tip(t: TimeExpression) -> str:
    span = f"{t.period_start} to {t.period_end}" if t.period_start or t.period_end else (t.value or "unresolved")
    calendar = f", {t.calendar} calendar" if t.calendar != "gregorian" else ""
    return f"date “{t.text}”: {span}{calendar}"


def document_spans(view: DocumentView) -> list[MarkedSpan]:
    layers = view.layers
    spans = [MarkedSpan(s.start, s.end, "excluded", "", "metadata or page furniture, not read for claims")
             for s in layers.document.excluded]  # fmt: skip
    for i, q in enumerate(layers.quotes, 1):
        spans.append(MarkedSpan(q.start, q.end, "quote", f"quote-{i}", _quote_tip(i, q)))
        if q.speaker_start is not None and q.speaker_end is not None and q.speaker:
            spans.append(MarkedSpan(q.speaker_start, q.speaker_end, "speaker", f"speaker-{i}", f"speaker: {q.speaker}"))
    for i, t in enumerate(layers.times, 1):
        spans.append(MarkedSpan(t.start, t.end, "date", f"date-{i}", _date_tip(t)))
    for i, c in enumerate(layers.claims, 1):
        spans.append(MarkedSpan(c.start, c.end, "claim", f"claim-{i}", claim_tip(i, c)))
    if view.passage is not None:
        spans.append(MarkedSpan(*view.passage, "passage", "passage", "the passage linked to"))
    return spans


def marked_text(text: str, spans: Iterable[MarkedSpan]) -> Markup:
    """``text`` with every span marked (see the module docstring); spans outside the text
    are clipped, empty ones dropped."""
    clipped = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in clipped), *(s.end for s in clipped)})
    anchors: dict[int, list[str]] = {}
    for s in clipped:
        if s.kind in ("claim", "passage"):
            anchors.setdefault(s.start, []).append(s.ref)
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        out.extend(f'<a class="anchor" id="{escape(ref)}"></a>' for ref in anchors.get(a, ()))
        covering = [s for s in clipped if s.start <= a and b <= s.end]
        piece = escape(text[a:b])
        if not covering:
            out.append(str(piece))
            continue
        kinds = " ".join(sorted({s.kind for s in covering}))
        refs = " ".join(s.ref for s in covering if s.ref)
        tip = "\n".join(s.tip for s in covering)
        out.append(f'<span class="seg {kinds}" data-refs="{escape(refs)}" title="{escape(tip)}">{piece}</span>')
    return Markup("".join(out))


def document_html(view: DocumentView) -> Markup:
    return marked_text(view.layers.document.text, document_spans(view))


def diff_html(ops: Sequence[Mapping[str, Any]]) -> Markup:
    """A word diff (``op`` same / added / dropped) as text with ``<ins>`` and ``<del>``."""
    tags = {"added": "ins", "dropped": "del"}
    return Markup("".join(
        f"<{tags[o['op']]}>{escape(o['text'])}</{tags[o['op']]}>" if o["op"] in tags else str(escape(o["text"]))
        for o in ops
    ))  # fmt: skip
