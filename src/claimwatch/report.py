"""One self-contained HTML report of a corpus: findings, charts, speakers, talking points,
stories, claims, quotes and the documents themselves.

Everything is inline (CSS, a small script that sorts and searches the tables and opens
the document a link points into, charts as SVG from ``claimwatch.charts``), so the file
opens offline and can be mailed around; nothing references a remote resource. Every
finding, claim, quote and talking point names its outlet and date and links to the
passage in its document, which the Documents section shows with those passages
marked. Inputs are the typed records the service reads; all text goes through
``html.escape``.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .charts import chart_unit, number_label, timeline_svg
from .link.consistency import EvidenceSpan, Finding, TimelinePoint
from .link.stories import Story
from .link.talking_points import TalkingPoint
from .model import Claim, Document, Quote
from .service.queries import Speaker

__all__ = ["Chart", "ReportData", "render_report", "timeline_svg"]

CSS = """
*{box-sizing:border-box}[id]{scroll-margin-top:3em}
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1200px;
color:#222;line-height:1.4;padding:0 1em 2em}
h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
nav.toc{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.4em 0;z-index:2}
nav.toc a{margin-right:1em;white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#f4f4f4;cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}tr:nth-child(even) td{background:#fafafa}
input.filter{width:100%;max-width:28em;padding:3px 6px;margin:.3em 0;font:inherit}
.num{text-align:right;white-space:nowrap}.muted{color:#777}.small{font-size:.85em}
.finding{border-left:4px solid #d62728;padding:.3em .8em;margin:.8em 0;background:#fff8f8}
.finding.calendar_error{border-color:#ff7f0e;background:#fffaf2}
.finding.cross_outlet{border-color:#9467bd;background:#faf7ff}
.finding.series{border-color:#1f77b4;background:#f5f9ff}
.finding.headline_body{border-color:#2ca02c;background:#f6fbf6}
.finding.arithmetic{border-color:#8c564b;background:#fbf8f7}
.severity{font-size:.8em;color:#555;margin-right:.5em}
.badge{display:inline-block;font-size:.75em;padding:1px 6px;border-radius:8px;background:#eee;margin-right:.4em}
blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #ccc}
.matrix th,.matrix td{text-align:center;white-space:nowrap;padding:2px 4px}
.matrix td.hit{background:#2ca02c;color:#fff}.matrix td.miss{color:#ccc}
.summary span{margin-right:1.2em}svg{background:#fff;border:1px solid #eee;max-width:100%;height:auto}
.doc-text{white-space:pre-wrap;font-size:.9em;background:#fcfcfc;border:1px solid #eee;padding:.6em}
.doc-text mark{background:#fff3a8}.doc-text mark.current{background:#ffb347}
details.document{margin:.4em 0}details.document summary{cursor:pointer}
"""

# Sorting (click a header; numbers by their data-sort value), searching (a box above
# each table), and opening the document a passage link points into.
SCRIPT = """
(function(){
function key(td){var v=td.getAttribute('data-sort');if(v!==null&&v!==''&&!isNaN(v))return[0,parseFloat(v)];
return[1,td.textContent.trim().toLowerCase()];}
document.querySelectorAll('table.sortable').forEach(function(table){
 table.querySelectorAll('thead th').forEach(function(th,col){th.tabIndex=0;
  function sort(){var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
   var asc=th.getAttribute('aria-sort')!=='ascending';
   table.querySelectorAll('thead th').forEach(function(o){o.removeAttribute('aria-sort');});
   th.setAttribute('aria-sort',asc?'ascending':'descending');
   rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);
    var c=x[0]-y[0]||(x[1]<y[1]?-1:x[1]>y[1]?1:0);return asc?c:-c;});
   rows.forEach(function(r){body.appendChild(r);});}
  th.addEventListener('click',sort);th.addEventListener('keydown',function(e){if(e.key==='Enter')sort();});});});
document.querySelectorAll('input.filter').forEach(function(input){
 var table=document.getElementById(input.getAttribute('data-table'));
 input.addEventListener('input',function(){var q=input.value.toLowerCase();
  Array.prototype.forEach.call(table.tBodies[0].rows,function(r){
   r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});});});
function reveal(){var id=decodeURIComponent(location.hash.slice(1));if(!id)return;
 var target=document.getElementById(id);if(!target)return;
 for(var n=target;n;n=n.parentElement){if(n.tagName==='DETAILS')n.open=true;}
 document.querySelectorAll('mark.current').forEach(function(m){m.classList.remove('current');});
 var s=target.getAttribute('data-s'),e=target.getAttribute('data-e');
 if(s!==null){var box=target.closest('.doc-text');box.querySelectorAll('mark').forEach(function(m){
  if(+m.getAttribute('data-s')>=+s&&+m.getAttribute('data-e')<=+e)m.classList.add('current');});}
 target.scrollIntoView();}
window.addEventListener('hashchange',reveal);reveal();
})();
"""


@dataclass(frozen=True)
class Chart:
    """One chart: one subject (and country) in one unit."""

    title: str
    points: tuple[TimelinePoint, ...]


@dataclass(frozen=True)
class ReportData:
    """What the report shows; ``focus`` says how it was narrowed (empty: the whole store)."""

    claims: Sequence[Claim]
    documents: Sequence[Document]
    quotes: Sequence[Quote] = ()
    speakers: Sequence[Speaker] = ()
    talking_points: Sequence[TalkingPoint] = ()
    stories: Sequence[Story] = ()
    findings: Sequence[Finding] = ()
    charts: Sequence[Chart] = ()
    title: str = "claimwatch report"
    focus: str = ""


def charts_for(points: Iterable[TimelinePoint], subject: str) -> list[Chart]:
    """The charts of one subject's points: one per country and unit, at least two points each."""
    groups: dict[tuple[str | None, str], list[TimelinePoint]] = defaultdict(list)
    for p in points:
        groups[(p.scope, p.unit)].append(p)
    charts = []
    for (scope, unit), members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0][0] or "", kv[0][1])):
        if len(members) < 2:
            continue  # nothing to compare: no chart
        where = f" ({scope.title()})" if scope else ""
        charts.append(Chart(f"{subject}{where}, {unit or 'no unit'}", tuple(members)))
    return charts


# ---------------------------------------------------------------------------
# Plain values and links
# ---------------------------------------------------------------------------
def _e(value: Any) -> str:
    """Escaped text of a value ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return html.escape(number_label(value))
    return html.escape(str(value))


def _slug(doc: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", doc)


def passage_id(doc: str, start: int, end: int) -> str:
    return f"p-{_slug(doc)}-{start}-{end}"


def doc_id(doc: str) -> str:
    return f"doc-{_slug(doc)}"


class _Sources:
    """How the report cites a document: outlet and date, linked to its passages."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.by_id = {d.id: d for d in documents}

    def name(self, doc: str) -> str:
        d = self.by_id.get(doc)
        return (d.outlet if d and d.outlet else None) or f"document {doc}"

    def cite(self, doc: str) -> str:
        """Outlet, date and title (linked to its URL when known), escaped."""
        d = self.by_id.get(doc)
        if d is None:
            return _e(doc)
        when = d.published.isoformat() if d.published else "undated"
        title = f"“{_e(d.title)}”" if d.title else ""
        if title and d.url and d.url.startswith(("http://", "https://")):
            title = f'<a href="{html.escape(d.url, quote=True)}" rel="noreferrer">{title}</a>'
        parts = [f"<b>{_e(d.outlet)}</b>" if d.outlet else "", when, title]
        return ", ".join(p for p in parts if p) + f' <span class="muted small">[{_e(doc)}]</span>'

    def link(self, doc: str, start: int, end: int, text: str) -> str:
        return f'<a href="#{passage_id(doc, start, end)}">{text}</a>'


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------
def _table(table_id: str, headers: Sequence[str], rows: Iterable[Sequence[str]], css: str = "sortable",
           search: bool = True) -> str:  # fmt: skip
    """A table from already-escaped cell HTML (a cell may carry its sort value as
    ``data-sort`` by starting with ``<td ...>``), with a search box above it."""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    box = (f'<input class="filter" type="search" placeholder="search this table" aria-label="search {html.escape(table_id)}" '
           f'data-table="{table_id}">' if search else "")  # fmt: skip
    return f'{box}<div class="scroll"><table id="{table_id}" class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _num(value: float | int, shown: str | None = None) -> str:
    return f'<td class="num" data-sort="{value!r}">{html.escape(shown if shown is not None else number_label(value))}</td>'


def _date_cell(d: date | None) -> str:
    return f'<td data-sort="{d.toordinal() if d else ""}">{_e(d)}</td>'


def _period(c: Claim) -> str:
    if not c.period_start and not c.period_end:
        return _e(c.period_text)
    return _e(f"{c.period_start or '…'} – {c.period_end or '…'}")


def _claims_section(claims: Sequence[Claim], src: _Sources) -> str:
    rows = []
    for c in claims:
        value = number_label(c.value) + (f"–{number_label(c.value_high)}" if c.value_high is not None else "")
        if c.hedge:
            value = f"{c.hedge} {value}"
        rows.append([
            src.cite(c.doc), _e(c.kind), _num(c.value, value), _e(c.unit), _e(c.subject), _e(c.speaker),
            _period(c), _date_cell(c.said_on), src.link(c.doc, c.start, c.end, f"<q>{_e(c.evidence)}</q>"),
        ])  # fmt: skip
    headers = ["source", "kind", "value", "unit", "subject", "speaker", "period", "said on", "evidence"]
    return f'<h2 id="claims">Claims ({len(claims)})</h2>' + _table("claims-table", headers, rows)


def _speakers_section(speakers: Sequence[Speaker]) -> str:
    rows = []
    for s in speakers:
        person = s.person
        role_text = "; ".join(sorted({r.role or r.title or "" for r in person.roles} - {""}))
        rows.append([
            _e(person.name), _e(", ".join(a for a in person.aliases if a != person.name)), _e(role_text),
            _num(s.documents, str(s.documents)), _num(s.claims, str(s.claims)), _num(s.quotes, str(s.quotes)),
        ])  # fmt: skip
    return (f'<h2 id="speakers">Speakers ({len(speakers)})</h2>'
            + _table("speakers-table", ["name", "aliases", "roles", "documents", "claims", "quotes"], rows))


def _quotes_section(quotes: Sequence[Quote], src: _Sources) -> str:
    rows = [
        [src.cite(q.doc or ""), _e(q.speaker), _e(q.kind), src.link(q.doc or "", q.start, q.end, f"<q>{_e(q.text)}</q>")]
        for q in quotes
    ]
    return f'<h2 id="quotes">Quotes ({len(quotes)})</h2>' + _table("quotes-table", ["source", "speaker", "kind", "words"], rows)


def _evidence_html(evidence: EvidenceSpan, src: _Sources) -> str:
    doc, start, end, text = evidence
    return f"<blockquote>{src.cite(doc)}: {src.link(doc, start, end, _e(text))}</blockquote>"


def _findings_section(findings: Sequence[Finding], src: _Sources) -> str:
    counts = Counter(f.type for f in findings)
    summary = ", ".join(f"{html.escape(t.replace('_', ' '))}: {n}" for t, n in sorted(counts.items()))
    parts = [f'<h2 id="findings">Findings ({len(findings)})</h2><p>{summary}</p>']
    for f in findings:
        parts.append(
            f'<div class="finding {html.escape(f.type)}" id="{html.escape(f.id)}">'
            f'<span class="badge">{html.escape(f.type.replace("_", " "))}</span>'
            f'<span class="severity">{html.escape(f.severity)}</span>{_e(f.explanation)}'
            + (f'<div class="story">story: {_e(f.story)}</div>' if f.story else "")
            + "".join(_evidence_html(e, src) for e in f.evidence)
            + "</div>"
        )
    return "".join(parts)


def _charts_section(charts: Sequence[Chart]) -> str:
    parts = [f'<h2 id="charts">Charts ({len(charts)})</h2>']
    if not charts:
        parts.append('<p class="muted">No subject has two dated figures in one unit to compare.</p>')
    for index, chart in enumerate(charts):
        unit = chart_unit(chart.points)
        parts.append(f'<h3 id="chart-{index + 1}">{html.escape(chart.title)} '
                     f'<span class="muted">({sum(p.unit == unit for p in chart.points)} points)</span></h3>')  # fmt: skip
        parts.append(f'<div class="scroll">{timeline_svg(chart.points, chart.title)}</div>')
    return "".join(parts)


# columns of the spread matrix (talking points by documents)
SPREAD_POINTS = 40


def _talking_points_section(points: Sequence[TalkingPoint], src: _Sources) -> str:
    parts = [f'<h2 id="talking-points">Talking points ({len(points)})</h2>']
    rows = []
    hits: dict[str, set[int]] = defaultdict(set)
    for index, tp in enumerate(points):
        for o in tp.occurrences:
            hits[o.doc].add(index)
        where = "<br>".join(
            src.link(o.doc, o.start, o.end, _e(f"{src.name(o.doc)}, {o.published or 'undated'}")) for o in tp.occurrences
        )
        rows.append([f'<td id="tp-{index + 1}">TP{index + 1}</td>', _e(tp.text), _num(len(tp.occurrences), str(len(tp.occurrences))), where])
    parts.append(_table("talking-points-table", ["#", "wording", "occurrences", "where"], rows))
    if points:
        # the spread matrix: which report (by outlet) repeats which point; it scrolls
        # inside its own box rather than widening the page. Its columns are the points
        # repeated in the most documents, at most SPREAD_POINTS of them: documents times
        # every point would grow with the square of the archive
        shown = sorted(sorted(range(len(points)), key=lambda i: (-len(points[i].docs), i))[:SPREAD_POINTS])
        columns = set(shown)
        docs = sorted((d for d, held in hits.items() if held & columns), key=lambda d: (src.name(d), d))
        head = ["outlet", "document", *[f"TP{i + 1}" for i in shown]]
        body = [
            [_e(src.name(doc)), _e(doc)]
            + ['<td class="hit" title="repeats it">●</td>' if i in hits[doc] else '<td class="miss">·</td>'
               for i in shown]
            for doc in docs
        ]  # fmt: skip
        of = f" (the {len(shown)} repeated in the most documents)" if len(shown) < len(points) else ""
        parts.append(f"<h3>Spread across outlets{of}</h3>"
                     + _table("spread-matrix", head, body, css="sortable matrix", search=False))  # fmt: skip
    return "".join(parts)


def _stories_section(stories: Sequence[Story], src: _Sources) -> str:
    rows = [
        [_e(s.label or s.id), _e(s.when.isoformat() if s.when else ""),
         "<br>".join(src.link(p.doc, p.start, p.end, src.cite(p.doc)) for p in s.passages),
         "<br>".join(src.link(p.doc, p.start, p.end, src.cite(p.doc)) for p in s.recaps)]
        for s in stories
    ]  # fmt: skip
    return f'<h2 id="stories">Stories ({len(stories)})</h2>' + _table(
        "stories-table", ["story", "when", "reports", "recalled in"], rows)


def _document_text(document: Document, spans: Sequence[tuple[int, int]]) -> str:
    """The stored text with every cited passage marked and anchored."""
    text = document.text
    wanted = sorted({(s, e) for s, e in spans if e > s})
    clipped = [(min(max(0, s), len(text)), min(max(0, e), len(text))) for s, e in wanted]
    cuts = sorted({0, len(text), *(s for s, _ in clipped), *(e for _, e in clipped)})
    starts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (s, e), (at, _) in zip(wanted, clipped, strict=True):
        starts[at].append((s, e))
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:] + [len(text) + 1], strict=True):
        out.extend(f'<span id="{passage_id(document.id, s, e)}" data-s="{s}" data-e="{e}"></span>' for s, e in starts.pop(a, ()))
        if a >= len(text):
            break
        piece = html.escape(text[a:b])
        covered = any(s <= a and b <= e for s, e in clipped)
        out.append(f'<mark data-s="{a}" data-e="{b}">{piece}</mark>' if covered else piece)
    return f'<div class="doc-text">{"".join(out)}</div>'


def _documents_section(data: ReportData, src: _Sources) -> str:
    per_doc = Counter(c.doc for c in data.claims)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in data.claims:
        spans[c.doc].append((c.start, c.end))
    for q in data.quotes:
        spans[q.doc or ""].append((q.start, q.end))
    for f in data.findings:
        for e in f.evidence:
            spans[e.doc].append((e.start, e.end))
    for tp in data.talking_points:
        for o in tp.occurrences:
            spans[o.doc].append((o.start, o.end))
    for s in data.stories:
        for p in s.passages:
            spans[p.doc].append((p.start, p.end))
    parts = [f'<h2 id="documents">Documents ({len(data.documents)})</h2>']
    for d in data.documents:
        parts.append(f'<details class="document" id="{doc_id(d.id)}"><summary>{src.cite(d.id)} — '
                     f"{per_doc[d.id]} claim(s)</summary>{_document_text(d, spans.get(d.id, ()))}</details>")  # fmt: skip
    return "".join(parts)


SECTIONS = (("findings", "Findings"), ("charts", "Charts"), ("speakers", "Speakers"),
            ("talking-points", "Talking points"), ("stories", "Stories"), ("claims", "Claims"),
            ("quotes", "Quotes"), ("documents", "Documents"))  # fmt: skip


def render_report(data: ReportData) -> str:
    """The report as one self-contained HTML document."""
    src = _Sources(data.documents)
    summary = "".join(
        f"<span><b>{n}</b> {html.escape(label)}</span>"
        for label, n in (("documents", len(data.documents)), ("claims", len(data.claims)),
                         ("quotes", len(data.quotes)), ("speakers", len(data.speakers)),
                         ("findings", len(data.findings)), ("talking points", len(data.talking_points)),
                         ("stories", len(data.stories)))
    )  # fmt: skip
    toc = "".join(f'<a href="#{anchor}">{html.escape(name)}</a>' for anchor, name in SECTIONS)
    focus = f'<p class="muted">Focused on claims matching {html.escape(data.focus)}.</p>' if data.focus else ""
    body = [
        f"<h1>{html.escape(data.title)}</h1>",
        f'<nav class="toc" aria-label="contents">{toc}</nav>',
        focus,
        f'<p class="summary">{summary}</p>',
        _findings_section(data.findings, src),
        _charts_section(data.charts),
        _speakers_section(data.speakers),
        _talking_points_section(data.talking_points, src),
        _stories_section(data.stories, src),
        _claims_section(data.claims, src),
        _quotes_section(data.quotes, src),
        _documents_section(data, src),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(data.title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + f"<script>{SCRIPT}</script></body></html>\n"
    )
