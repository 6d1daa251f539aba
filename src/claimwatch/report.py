"""One self-contained HTML report of a corpus: claims, speakers, timelines,
talking points, stories and consistency findings.

Everything is inline (CSS in a <style> block, charts as SVG drawn here), so the
file opens offline and can be mailed around; nothing references a remote
resource. Inputs are the typed records the service reads (claims, documents,
quotes, speakers, and the linkers' talking points, stories, findings and timeline
points), so this module does not depend on the store. All text goes through
``html.escape``.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from .link.consistency import EvidenceSpan, Finding, TimelinePoint
from .link.stories import Story
from .link.talking_points import TalkingPoint
from .model import Claim, Document, Quote
from .service.queries import Speaker

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
SVG_WIDTH, SVG_HEIGHT = 680, 300
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 80, 170, 20, 40

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1200px;
color:#222;line-height:1.4;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f4f4f4}tr:nth-child(even) td{background:#fafafa}
.num{text-align:right;white-space:nowrap}.muted{color:#777}
.finding{border-left:4px solid #d62728;padding:.3em .8em;margin:.8em 0;background:#fff8f8}
.finding.calendar_error{border-color:#ff7f0e;background:#fffaf2}
.finding.outlet_drift{border-color:#9467bd;background:#faf7ff}
.finding.baseline_mismatch{border-color:#1f77b4;background:#f5f9ff}
.badge{display:inline-block;font-size:.75em;padding:1px 6px;border-radius:8px;background:#eee;margin-right:.4em}
blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #ccc;font-style:italic}
.matrix td.hit{background:#2ca02c;color:#fff;text-align:center}.matrix td.miss{text-align:center;color:#ccc}
.summary span{margin-right:1.2em}svg{background:#fff;border:1px solid #eee}
"""


# ---------------------------------------------------------------------------
# Plain values
# ---------------------------------------------------------------------------
def _e(value: Any) -> str:
    """Escaped text of a value ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return html.escape(_number(value))
    return html.escape(str(value))


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    v = float(value)
    if not math.isfinite(v):
        return str(v)
    if abs(v) >= 1e12:
        return f"{v / 1e12:g} trillion"
    if abs(v) >= 1e9:
        return f"{v / 1e9:g} billion"
    if abs(v) >= 1e6:
        return f"{v / 1e6:g} million"
    return f"{v:,.0f}" if v.is_integer() else f"{v:g}"




# ---------------------------------------------------------------------------
# Timeline chart
# ---------------------------------------------------------------------------
def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high."""
    if high <= low:
        return [low]
    raw = (high - low) / max(count - 1, 1)
    step = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= step * mult:
            step *= mult
            break
    first = math.floor(low / step) * step
    ticks, v = [], first
    while v <= high + step * 0.001:
        ticks.append(v)
        v += step
    return ticks


def timeline_svg(points: Iterable[TimelinePoint], title: str = "") -> str:
    """An inline SVG chart of timeline points: x = time, y = value, one series per speaker.

    Only the most common unit is drawn (values of different units share no axis);
    the caption says how many points were left out.
    """
    rows = list(points)
    units = Counter(p.unit for p in rows)
    unit = units.most_common(1)[0][0] if units else ""
    drawn = [(p, p.when) for p in rows if p.unit == unit]
    left_out = len(rows) - len(drawn)
    label = html.escape(title or "timeline")
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH}" height="{SVG_HEIGHT}" '
            f'viewBox="0 0 {SVG_WIDTH} {SVG_HEIGHT}" role="img" aria-label="{label}">')
    if not drawn:
        return head + f'<text x="20" y="40" font-size="13">{label}: no dated points</text></svg>'
    xs = [w.toordinal() for _, w in drawn]
    ys = [r.value for r, _ in drawn]
    x_lo, x_hi = min(xs), max(xs)
    if x_hi == x_lo:
        x_lo, x_hi = x_lo - 180, x_hi + 180
    y_ticks = _ticks(min(0.0, min(ys)), max(ys) if max(ys) > 0 else 1.0)
    y_lo, y_hi = y_ticks[0], max(y_ticks[-1], max(ys))
    if y_hi == y_lo:
        y_hi = y_lo + 1
    plot_w = SVG_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = SVG_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def px(x: float) -> float:
        return MARGIN_LEFT + (x - x_lo) / (x_hi - x_lo) * plot_w

    def py(y: float) -> float:
        return MARGIN_TOP + plot_h - (y - y_lo) / (y_hi - y_lo) * plot_h

    parts = [head]
    bottom = MARGIN_TOP + plot_h
    parts.append(f'<line x1="{MARGIN_LEFT}" y1="{bottom}" x2="{MARGIN_LEFT + plot_w}" y2="{bottom}" stroke="#999"/>')
    parts.append(f'<line x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" x2="{MARGIN_LEFT}" y2="{bottom}" stroke="#999"/>')
    for t in y_ticks:
        y = py(t)
        parts.append(f'<line x1="{MARGIN_LEFT - 4}" y1="{y:.1f}" x2="{MARGIN_LEFT + plot_w}" y2="{y:.1f}" '
                     f'stroke="#eee"/><text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" font-size="10" '
                     f'text-anchor="end">{html.escape(_number(t))}</text>')
    for day in sorted({x_lo, (x_lo + x_hi) // 2, x_hi}):
        parts.append(f'<text x="{px(day):.1f}" y="{bottom + 16}" font-size="10" text-anchor="middle">'
                     f'{date.fromordinal(int(day)).isoformat()}</text>')
    parts.append(f'<text x="{MARGIN_LEFT}" y="{SVG_HEIGHT - 4}" font-size="10" fill="#555">'
                 f'{html.escape(unit)}{f"; {left_out} point(s) in other units or undated not shown" if left_out else ""}'
                 f'</text>')
    series: dict[str, list[tuple[TimelinePoint, date]]] = defaultdict(list)
    for r, w in drawn:
        series[r.series].append((r, w))
    for index, (name, members) in enumerate(sorted(series.items())):
        color = PALETTE[index % len(PALETTE)]
        members.sort(key=lambda rw: rw[1])
        coords = [(px(w.toordinal()), py(r.value)) for r, w in members]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="1.5"/>')
        for (r, w), (x, y) in zip(members, coords, strict=True):
            text = r.label or _number(r.value)
            tip = f"{name}, {w.isoformat()}: {text} ({r.doc})"
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}">'
                         f'<title>{html.escape(tip)}</title></circle>'
                         f'<text x="{x + 6:.1f}" y="{y - 6:.1f}" font-size="10" fill="{color}">'
                         f'{html.escape(text)}</text>')
        legend_y = MARGIN_TOP + 14 * index + 8
        legend_x = MARGIN_LEFT + plot_w + 12
        parts.append(f'<rect x="{legend_x}" y="{legend_y - 8}" width="10" height="10" fill="{color}"/>'
                     f'<text x="{legend_x + 14}" y="{legend_y + 1}" font-size="11">{html.escape(name[:26])}</text>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------
def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], css: str = "") -> str:
    """A table from already-escaped cell HTML."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _period(c: Claim) -> str:
    if not c.period_start and not c.period_end:
        return _e(c.period_text)
    return _e(f"{c.period_start or '…'} – {c.period_end or '…'}")


def _claims_section(claims: Sequence[Claim]) -> str:
    rows = []
    for c in claims:
        value = _number(c.value) + (f"–{_number(c.value_high)}" if c.value_high is not None else "")
        if c.hedge:
            value = f"{c.hedge} {value}"
        rows.append([
            _e(c.doc), _e(c.kind), f'<span class="num">{html.escape(value)}</span>', _e(c.unit),
            _e(c.subject), _e(c.speaker), _period(c), _e(c.said_on), f"<q>{_e(c.evidence)}</q>",
        ])  # fmt: skip
    headers = ["doc", "kind", "value", "unit", "subject", "speaker", "period", "said on", "evidence"]
    return f"<h2 id=\"claims\">Claims ({len(claims)})</h2>" + _table(headers, rows)


def _speakers_section(speakers: Sequence[Speaker]) -> str:
    rows = []
    for s in speakers:
        person = s.person
        role_text = "; ".join(sorted({r.role or r.title or "" for r in person.roles} - {""}))
        rows.append([
            _e(person.name), _e(", ".join(a for a in person.aliases if a != person.name)), _e(role_text),
            f'<span class="num">{s.claims}</span>', f'<span class="num">{s.quotes}</span>',
        ])  # fmt: skip
    return (f"<h2 id=\"speakers\">Speakers ({len(speakers)})</h2>"
            + _table(["name", "aliases", "role", "claims", "quotes"], rows))


def _quotes_section(quotes: Sequence[Quote]) -> str:
    rows = [[_e(q.doc), _e(q.speaker), _e(q.kind), f"<q>{_e(q.text)}</q>"] for q in quotes]
    return f"<h2 id=\"quotes\">Quotes ({len(quotes)})</h2>" + _table(["doc", "speaker", "kind", "words"], rows)


def _evidence_html(evidence: EvidenceSpan) -> str:
    """One evidence span as a labelled blockquote."""
    doc, start, end, text = evidence
    return f'<blockquote><span class="muted">{_e(doc)}:{_e(start)}–{_e(end)}</span> {_e(text)}</blockquote>'


def _findings_section(findings: Sequence[Finding]) -> str:
    counts = Counter(f.type for f in findings)
    summary = ", ".join(f"{html.escape(t)}: {n}" for t, n in sorted(counts.items()))
    parts = [f"<h2 id=\"findings\">Findings ({len(findings)})</h2><p>{summary}</p>"]
    for f in findings:
        claims = ", ".join(f.claims)
        parts.append(
            f'<div class="finding {html.escape(f.type)}" id="{html.escape(f.id)}">'
            f'<span class="badge">{html.escape(f.type)}</span>{_e(f.explanation)}'
            + "".join(_evidence_html(e) for e in f.evidence)
            + (f'<div class="muted">claims: {html.escape(claims)}</div>' if claims else "")
            + "</div>"
        )
    return "".join(parts)


def _timelines_section(timelines: Mapping[str, Sequence[TimelinePoint]]) -> str:
    parts = [f"<h2 id=\"timelines\">Timelines ({len(timelines)})</h2>"]
    for title, points in timelines.items():
        parts.append(f"<h3>{html.escape(title)} <span class=\"muted\">({len(points)} points)</span></h3>")
        parts.append(timeline_svg(points, title))
    return "".join(parts)


def _talking_points_section(points: Sequence[TalkingPoint], documents: Sequence[Document]) -> str:
    outlet_of = {d.id: d.outlet for d in documents}
    parts = [f"<h2 id=\"talking-points\">Talking points ({len(points)})</h2>"]
    rows = []
    hits: dict[str, set[int]] = defaultdict(set)
    for index, tp in enumerate(points):
        for o in tp.occurrences:
            hits[o.doc].add(index)
            if o.outlet:
                outlet_of.setdefault(o.doc, o.outlet)
        outlets = sorted({o.outlet or outlet_of.get(o.doc) or "?" for o in tp.occurrences})
        rows.append([f"TP{index + 1}", _e(tp.text),
                     f'<span class="num">{len(tp.occurrences)}</span>', _e(", ".join(outlets))])
    parts.append(_table(["#", "wording", "occurrences", "outlets"], rows))
    if points:
        # the spread matrix: which document (grouped by outlet) repeats which point
        docs = sorted(hits, key=lambda d: (outlet_of.get(d) or "~", d))
        head = "".join(f"<th>{html.escape(h)}</th>"
                       for h in ["outlet", "doc", *[f"TP{i + 1}" for i in range(len(points))]])
        body = "".join(
            f"<tr><td>{_e(outlet_of.get(doc) or '?')}</td><td>{_e(doc)}</td>"
            + "".join('<td class="hit">●</td>' if i in hits[doc] else '<td class="miss">·</td>'
                      for i in range(len(points)))
            + "</tr>"
            for doc in docs
        )
        parts.append(f'<h3>Spread across outlets</h3><table class="matrix"><thead><tr>{head}</tr></thead>'
                     f"<tbody>{body}</tbody></table>")
    return "".join(parts)


def _stories_section(stories: Sequence[Story], documents: Sequence[Document]) -> str:
    outlet_of = {d.id: d.outlet for d in documents}
    rows = [
        [_e(s.label or s.id), _e(", ".join(f"{d} ({outlet_of.get(d) or '?'})" for d in s.docs))] for s in stories
    ]
    return f"<h2 id=\"stories\">Stories ({len(stories)})</h2>" + _table(["story", "documents"], rows)


def _documents_section(documents: Sequence[Document], claims: Sequence[Claim]) -> str:
    per_doc = Counter(c.doc for c in claims)
    rows = [[_e(d.id), _e(d.outlet), _e(d.published), _e(d.title), f'<span class="num">{per_doc[d.id]}</span>']
            for d in documents]  # fmt: skip
    return (f"<h2 id=\"documents\">Documents ({len(documents)})</h2>"
            + _table(["id", "outlet", "published", "title", "claims"], rows))


def render_report(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    quotes: Sequence[Quote] = (),
    speakers: Sequence[Speaker] = (),
    talking_points: Sequence[TalkingPoint] = (),
    stories: Sequence[Story] = (),
    findings: Sequence[Finding] = (),
    timelines: Mapping[str, Sequence[TimelinePoint]] | None = None,
    title: str = "claimwatch report",
) -> str:
    """The whole corpus report as one self-contained HTML document; ``timelines`` maps
    a subject to its points."""
    timelines = timelines or {}
    summary = "".join(
        f"<span><b>{n}</b> {html.escape(label)}</span>"
        for label, n in (("documents", len(documents)), ("claims", len(claims)), ("quotes", len(quotes)),
                         ("speakers", len(speakers)), ("findings", len(findings)),
                         ("talking points", len(talking_points)), ("stories", len(stories)))
    )  # fmt: skip
    body = [
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="summary">{summary}</p>',
        _findings_section(findings),
        _timelines_section(timelines),
        _speakers_section(speakers),
        _talking_points_section(talking_points, documents),
        _stories_section(stories, documents),
        _claims_section(claims),
        _quotes_section(quotes),
        _documents_section(documents, claims),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
