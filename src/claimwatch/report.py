"""One self-contained HTML report of a corpus: claims, speakers, timelines,
talking points, stories and consistency findings.

Everything is inline (CSS in a <style> block, charts as SVG drawn here), so the
file opens offline and can be mailed around; nothing references a remote
resource. Inputs are plain dicts (or the dataclass records of the linkers,
converted on the way in), so this module does not depend on the store. All text
goes through ``html.escape``.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date
from typing import Any

from .calendars import as_date

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
def _plain(obj: Any) -> dict[str, Any]:
    """A record as a dict: dicts as they are, dataclasses and named tuples converted."""
    if isinstance(obj, Mapping):
        return dict(obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    if hasattr(obj, "_asdict"):
        return dict(obj._asdict())
    raise TypeError(f"cannot read a record from {type(obj).__name__}")


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
def _point_when(p: Mapping[str, Any]) -> date | None:
    when = as_date(p.get("when"))
    if when is not None:
        return when
    start, end = as_date(p.get("period_start")), as_date(p.get("period_end"))
    if start and end:
        return start + (end - start) / 2
    return start or end or as_date(p.get("said_on"))


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


def timeline_svg(points: Iterable[Any], title: str = "") -> str:
    """An inline SVG chart of timeline points: x = time, y = value, one series per speaker.

    Points are ``TimelinePoint`` records or dicts with ``when`` (or a period /
    said_on), ``value``, ``series`` (or ``speaker``), ``unit`` and optional ``label``.
    Only the most common unit is drawn (values of different units share no axis);
    the caption says how many points were left out.
    """
    rows = [_plain(p) for p in points]
    placed: list[tuple[dict[str, Any], date]] = []
    for r in rows:
        when = _point_when(r)
        if r.get("value") is not None and when is not None:
            placed.append((r, when))
    units = Counter(str(r.get("unit") or "") for r, _ in placed)
    unit = units.most_common(1)[0][0] if units else ""
    drawn = [(r, w) for r, w in placed if str(r.get("unit") or "") == unit]
    left_out = len(rows) - len(drawn)
    label = html.escape(title or "timeline")
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH}" height="{SVG_HEIGHT}" '
            f'viewBox="0 0 {SVG_WIDTH} {SVG_HEIGHT}" role="img" aria-label="{label}">')
    if not drawn:
        return head + f'<text x="20" y="40" font-size="13">{label}: no dated points</text></svg>'
    xs = [w.toordinal() for _, w in drawn]
    ys = [float(r["value"]) for r, _ in drawn]
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
    series: dict[str, list[tuple[dict[str, Any], date]]] = defaultdict(list)
    for r, w in drawn:
        series[str(r.get("series") or r.get("speaker") or "(unattributed)")].append((r, w))
    for index, (name, members) in enumerate(sorted(series.items())):
        color = PALETTE[index % len(PALETTE)]
        members.sort(key=lambda rw: rw[1])
        coords = [(px(w.toordinal()), py(float(r["value"]))) for r, w in members]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="1.5"/>')
        for (r, w), (x, y) in zip(members, coords, strict=True):
            text = str(r.get("label") or _number(r.get("value")))
            tip = f"{name}, {w.isoformat()}: {text} ({r.get('doc') or ''})"
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


def _period(c: Mapping[str, Any]) -> str:
    start, end = c.get("period_start"), c.get("period_end")
    if not start and not end:
        return _e(c.get("period_text"))
    return _e(f"{start or '…'} – {end or '…'}")


def _claims_section(claims: Sequence[dict[str, Any]]) -> str:
    rows = []
    for c in claims:
        value = _number(c.get("value")) + (f"–{_number(c['value_high'])}" if c.get("value_high") is not None else "")
        if c.get("hedge"):
            value = f"{c['hedge']} {value}"
        rows.append([
            _e(c.get("doc")), _e(c.get("kind")), f'<span class="num">{html.escape(value)}</span>', _e(c.get("unit")),
            _e(c.get("subject")), _e(c.get("speaker")), _period(c), _e(c.get("said_on")),
            f"<q>{_e(c.get('evidence'))}</q>",
        ])  # fmt: skip
    headers = ["doc", "kind", "value", "unit", "subject", "speaker", "period", "said on", "evidence"]
    return f"<h2 id=\"claims\">Claims ({len(claims)})</h2>" + _table(headers, rows)


def _speakers_section(speakers: Sequence[dict[str, Any]], claims: Sequence[dict[str, Any]],
                      quotes: Sequence[dict[str, Any]]) -> str:
    claim_count = Counter(str(c.get("speaker")) for c in claims if c.get("speaker"))
    quote_count = Counter(str(q.get("speaker")) for q in quotes if q.get("speaker"))
    rows = []
    for s in speakers:
        name = str(s.get("name") or s.get("speaker") or s.get("id") or "")
        aliases = [str(a) for a in (s.get("aliases") or ()) if a]
        names = {name, *aliases}
        roles = s.get("roles") or ()
        role_text = s.get("role") or "; ".join(
            sorted({str(r.get("role") or r.get("title") or "") for r in roles if isinstance(r, Mapping)} - {""}))
        rows.append([
            _e(name), _e(", ".join(a for a in aliases if a != name)), _e(role_text),
            f'<span class="num">{sum(claim_count[n] for n in names)}</span>',
            f'<span class="num">{sum(quote_count[n] for n in names)}</span>',
        ])  # fmt: skip
    return (f"<h2 id=\"speakers\">Speakers ({len(speakers)})</h2>"
            + _table(["name", "aliases", "role", "claims", "quotes"], rows))


def _quotes_section(quotes: Sequence[dict[str, Any]]) -> str:
    rows = [[_e(q.get("doc")), _e(q.get("speaker")), _e(q.get("kind")),
             f"<q>{_e(q.get('evidence') or q.get('text'))}</q>"] for q in quotes]
    return f"<h2 id=\"quotes\">Quotes ({len(quotes)})</h2>" + _table(["doc", "speaker", "kind", "words"], rows)


def _evidence_html(evidence: Any) -> str:
    """One evidence span (tuple or dict) as a labelled blockquote."""
    if isinstance(evidence, Mapping):
        doc, start, end, text = (evidence.get(k) for k in ("doc", "start", "end", "text"))
    else:
        doc, start, end, text = tuple(evidence)[:4]
    return f'<blockquote><span class="muted">{_e(doc)}:{_e(start)}–{_e(end)}</span> {_e(text)}</blockquote>'


def _findings_section(findings: Sequence[dict[str, Any]]) -> str:
    counts = Counter(str(f.get("type")) for f in findings)
    summary = ", ".join(f"{html.escape(t)}: {n}" for t, n in sorted(counts.items()))
    parts = [f"<h2 id=\"findings\">Findings ({len(findings)})</h2><p>{summary}</p>"]
    for f in findings:
        kind = str(f.get("type") or "")
        claims = ", ".join(str(c) for c in f.get("claims") or ())
        parts.append(
            f'<div class="finding {html.escape(kind)}" id="{html.escape(str(f.get("id") or ""))}">'
            f'<span class="badge">{html.escape(kind)}</span>{_e(f.get("explanation"))}'
            + "".join(_evidence_html(e) for e in f.get("evidence") or ())
            + (f'<div class="muted">claims: {html.escape(claims)}</div>' if claims else "")
            + "</div>"
        )
    return "".join(parts)


def _timelines_section(timelines: Mapping[str, Sequence[Any]] | Sequence[Sequence[Any]]) -> str:
    items = list(timelines.items()) if isinstance(timelines, Mapping) else [
        (f"timeline {i + 1}", pts) for i, pts in enumerate(timelines)]
    parts = [f"<h2 id=\"timelines\">Timelines ({len(items)})</h2>"]
    for title, points in items:
        points = list(points)
        parts.append(f"<h3>{html.escape(str(title))} <span class=\"muted\">({len(points)} points)</span></h3>")
        parts.append(timeline_svg(points, str(title)))
    return "".join(parts)


def _talking_points_section(points: Sequence[dict[str, Any]], documents: Sequence[dict[str, Any]]) -> str:
    outlet_of = {str(d.get("id")): d.get("outlet") for d in documents}
    parts = [f"<h2 id=\"talking-points\">Talking points ({len(points)})</h2>"]
    rows = []
    hits: dict[str, set[int]] = defaultdict(set)
    for index, tp in enumerate(points):
        occurrences = [_plain(o) for o in tp.get("occurrences") or ()]
        for o in occurrences:
            hits[str(o.get("doc"))].add(index)
            if o.get("outlet"):
                outlet_of.setdefault(str(o.get("doc")), o.get("outlet"))
        outlets = sorted({str(o.get("outlet") or outlet_of.get(str(o.get("doc"))) or "?") for o in occurrences})
        rows.append([f"TP{index + 1}", _e(tp.get("text")),
                     f'<span class="num">{len(occurrences)}</span>', _e(", ".join(outlets))])
    parts.append(_table(["#", "wording", "occurrences", "outlets"], rows))
    if points:
        # the spread matrix: which document (grouped by outlet) repeats which point
        docs = sorted(hits, key=lambda d: (str(outlet_of.get(d) or "~"), d))
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


def _stories_section(stories: Sequence[dict[str, Any]], documents: Sequence[dict[str, Any]]) -> str:
    outlet_of = {str(d.get("id")): d.get("outlet") for d in documents}
    rows = []
    for s in stories:
        passages = [_plain(p) for p in s.get("passages") or ()]
        docs = sorted({str(p.get("doc")) for p in passages} | {str(d) for d in s.get("docs") or ()})
        rows.append([_e(s.get("label") or s.get("event") or s.get("id")),
                     _e(", ".join(f"{d} ({outlet_of.get(d) or '?'})" for d in docs))])
    return f"<h2 id=\"stories\">Stories ({len(stories)})</h2>" + _table(["story", "documents"], rows)


def _documents_section(documents: Sequence[dict[str, Any]], claims: Sequence[dict[str, Any]]) -> str:
    per_doc = Counter(str(c.get("doc")) for c in claims)
    rows = [[_e(d.get("id")), _e(d.get("outlet")), _e(d.get("published")), _e(d.get("title")),
             f'<span class="num">{per_doc[str(d.get("id"))]}</span>'] for d in documents]
    return (f"<h2 id=\"documents\">Documents ({len(documents)})</h2>"
            + _table(["id", "outlet", "published", "title", "claims"], rows))


def render_report(
    claims: Iterable[Any],
    documents: Iterable[Any],
    quotes: Iterable[Any] = (),
    speakers: Iterable[Any] = (),
    talking_points: Iterable[Any] = (),
    stories: Iterable[Any] = (),
    findings: Iterable[Any] = (),
    timelines: Mapping[str, Sequence[Any]] | Sequence[Sequence[Any]] = (),
    title: str = "claimwatch report",
) -> str:
    """The whole corpus report as one self-contained HTML document.

    Every argument is a sequence of dicts or dataclass records (claims in the
    export contract; ``Finding``/``TalkingPoint``/``Story``/``CanonicalPerson``
    records work as they are). ``timelines`` maps a title to its points.
    """
    claim_rows = [_plain(c) for c in claims]
    doc_rows = [_plain(d) for d in documents]
    quote_rows = [_plain(q) for q in quotes]
    speaker_rows = [_plain(s) for s in speakers]
    point_rows = [_plain(t) for t in talking_points]
    story_rows = [_plain(s) for s in stories]
    finding_rows = [_plain(f) for f in findings]
    timeline_map = timelines if isinstance(timelines, Mapping) else list(timelines)
    summary = "".join(
        f"<span><b>{n}</b> {html.escape(label)}</span>"
        for label, n in (("documents", len(doc_rows)), ("claims", len(claim_rows)), ("quotes", len(quote_rows)),
                         ("speakers", len(speaker_rows)), ("findings", len(finding_rows)),
                         ("talking points", len(point_rows)), ("stories", len(story_rows)))
    )  # fmt: skip
    body = [
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="summary">{summary}</p>',
        _findings_section(finding_rows),
        _timelines_section(timeline_map),
        _speakers_section(speaker_rows, claim_rows, quote_rows),
        _talking_points_section(point_rows, doc_rows),
        _stories_section(story_rows, doc_rows),
        _claims_section(claim_rows),
        _quotes_section(quote_rows),
        _documents_section(doc_rows, claim_rows),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
