"""The HTML report: well-formed, self-contained, complete (records written for these tests)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from claimwatch.link.aliases import CanonicalPerson, RoleSighting
from claimwatch.link.consistency import EvidenceSpan, Finding, TimelinePoint, check, timeline
from claimwatch.link.stories import Story, StoryPassage
from claimwatch.link.talking_points import Occurrence, TalkingPoint
from claimwatch.model import Claim, Quote
from claimwatch.report import ReportData, charts_for, passage_id, render_report, timeline_svg
from claimwatch.service.queries import Speaker
from tests.records import claim, document

VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "circle", "line", "polyline", "path"}


class _Checker(HTMLParser):
    """Tracks open tags; records mismatches and remote resource references."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and re.match(r"(?i)\s*(https?:)?//", value):
                self.remote.append(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()


def parse(html_text: str) -> _Checker:
    checker = _Checker()
    checker.feed(html_text)
    checker.close()
    return checker


def _claims() -> list[Claim]:
    def c(doc: str, ev: str, value: float, speaker: str, start: str, end: str) -> Claim:
        return claim(doc, 0, ev, "percent_change", value, "%", "arms exports", speaker=speaker,
                     period_start=start, period_end=end)  # fmt: skip

    return [
        c("a", "arms exports rose 64% <said> & \"more\"", 64, "Arvid Tollan", "2031-01-01", "2031-12-31"),
        c("b", "arms exports rose 46%", 46, "Maren Olsvik", "2031-01-01", "2031-12-31"),
        c("b", "arms exports rose 12%", 12, "Maren Olsvik", "2030-01-01", "2030-12-31"),
    ]


def _report() -> tuple[str, list[Finding], list[Claim]]:
    claims = _claims()
    docs = [document("a", "", outlet="Valley <Post>", published="2032-01-02", title="Exports up", url="https://x.example/a"),
            document("b", "", outlet="Harbour Times", published="2032-01-03", title="Exports")]
    findings = check(claims, docs)
    findings.append(Finding("calendar_error:x", "calendar_error", (), "1402 began elsewhere",
                            (EvidenceSpan("a", 0, 4, "arms"), EvidenceSpan("a", 5, 12, "exports"))))
    tps = [TalkingPoint("tp1", "Our programmes are purely defensive.",
                        (Occurrence("a", 0, 5, "x", "Valley <Post>"), Occurrence("b", 0, 5, "y", "Harbour Times")))]
    stories = [Story("s1", "exports briefing", (StoryPassage("a", 0, 0), StoryPassage("b", 0, 0)))]
    tollan = CanonicalPerson("person:arvid-tollan", "Arvid Tollan", ("A. Tollan", "Arvid Tollan"),
                             (RoleSighting("minister", None, "a", None),), ())
    olsvik = CanonicalPerson("person:maren-olsvik", "Maren Olsvik", ("Maren Olsvik",), (), ())
    speakers = [Speaker(tollan, 1, 1, 1), Speaker(olsvik, 1, 0, 2)]
    quotes = [Quote(0, 14, "we <sell> more", "direct", speaker="Arvid Tollan", doc="a")]
    charts = charts_for(timeline(claims, "arms exports"), "arms exports")
    out = render_report(ReportData(claims, docs, quotes, speakers, tps, stories, findings, charts))
    return out, findings, claims


def test_report_is_well_formed_and_self_contained() -> None:
    out, _, _ = _report()
    checker = parse(out)
    assert checker.errors == []
    assert checker.stack == []
    assert [r for r in checker.remote if r != "https://x.example/a"] == []  # only the cited article's own URL
    assert not re.search(r"""src\s*=\s*["']?\s*(?:https?:)?//""", out, re.I)
    assert "svg" in checker.tags and "circle" in checker.tags
    assert out.count("<script>") == 1  # inline: sorting, searching, opening a passage's document


def test_report_escapes_text_and_lists_everything() -> None:
    out, findings, claims = _report()
    assert "<said>" not in out and "&lt;said&gt;" in out
    assert "Valley &lt;Post&gt;" in out
    assert f"Claims ({len(claims)})" in out
    assert f"Findings ({len(findings)})" in out
    assert any(f.type == "conflict" for f in findings)
    for f in findings:
        assert f'id="{f.id}"' in out
    assert "1402 began elsewhere" in out
    assert out.count('class="hit"') == 2  # spread matrix: two documents repeat the point
    assert "we &lt;sell&gt; more" in out


def test_every_cited_passage_is_linked_and_anchored_in_its_document() -> None:
    out, findings, claims = _report()
    spans = [(c.doc, c.start, c.end) for c in claims] + [(e.doc, e.start, e.end) for f in findings for e in f.evidence]
    for doc, start, end in spans:
        anchor = passage_id(doc, start, end)
        assert f'href="#{anchor}"' in out and f'id="{anchor}"' in out
    for section in ("findings", "charts", "speakers", "talking-points", "stories", "claims", "quotes", "documents"):
        assert f'href="#{section}"' in out and f'id="{section}"' in out
    # findings cite outlets, not document ids
    conflict = next(f for f in findings if f.type == "conflict")
    assert "Valley <Post>" in conflict.explanation and "Harbour Times" in conflict.explanation


def test_charts_compare_one_subject_in_one_country_and_unit() -> None:
    claims = _claims() + [
        claim("c", 0, "Rohan's arms exports were $9bn", "amount", 9e9, "USD", "Rohan's arms exports",
              period_start="2031-01-01", period_end="2031-12-31"),
        claim("c", 40, "Rohan's arms exports were $8bn", "amount", 8e9, "USD", "Rohan's arms exports",
              period_start="2030-01-01", period_end="2030-12-31"),
        claim("d", 0, "arms exports rose 5%", "percent_change", 5, "%", "arms exports"),  # undated: no point
    ]
    charts = charts_for(timeline(claims, "arms exports"), "arms exports")
    assert [len({(p.unit, p.scope) for p in chart.points}) for chart in charts] == [1] * len(charts)
    assert {p.unit for chart in charts for p in chart.points} == {"%", "USD"}
    lone = charts_for(timeline(claims[:1], "arms exports"), "arms exports")
    assert lone == []  # one point compares nothing: no chart


def test_timeline_svg_one_series_per_speaker() -> None:
    points = timeline(_claims(), "arms exports")
    svg = timeline_svg(points, "arms")
    checker = parse(svg)
    assert checker.errors == [] and checker.stack == []
    assert svg.count("<circle") == 3
    assert svg.count("<polyline") == 1  # only Olsvik has two points to join
    assert "Arvid Tollan" in svg and "Maren Olsvik" in svg
    assert "64%" in svg


def test_timeline_svg_other_units_left_out_and_empty() -> None:
    base = dict(claim="c", doc="d", series="S", subject_key="k", kind="amount", value_high=None,
                period_start=None, period_end=None, said_on=None, evidence="")
    from datetime import date

    pts = [TimelinePoint(unit="USD", value=5.0, when=date(2030, 1, 1), label="5 USD", **base),
           TimelinePoint(unit="USD", value=7.0, when=date(2031, 1, 1), label="7 USD", **base),
           TimelinePoint(unit="EUR", value=9.0, when=date(2031, 1, 1), label="9 EUR", **base)]
    svg = timeline_svg(pts)
    assert svg.count("<circle") == 2 and "1 point(s)" in svg
    assert "no dated points" in timeline_svg([])


def test_points_nobody_is_credited_with_are_never_joined() -> None:
    base = dict(claim="c", doc="d", subject_key="k", kind="amount", value_high=None, period_start=None,
                period_end=None, said_on=None, evidence="", unit="USD", label="x")
    from datetime import date

    pts = [TimelinePoint(series="(unattributed)", value=v, when=date(2030 + i, 1, 1), **base) for i, v in enumerate((5.0, 7.0, 6.0))]
    assert "<polyline" not in timeline_svg(pts)


def test_spread_matrix_shows_the_most_repeated_points_only() -> None:
    from claimwatch import report

    docs = [document(f"d{i:02d}", "", outlet=f"Outlet {i}") for i in range(60)]
    # point n is repeated in documents 0..n+1: the last ones are the most repeated
    points = [TalkingPoint(f"tp{n}", f"Line number {n} of the notice.",
                           tuple(Occurrence(f"d{i:02d}", 0, 5, "x") for i in range(n + 2)))
              for n in range(report.SPREAD_POINTS + 5)]  # fmt: skip
    out = render_report(ReportData([], docs, [], [], points, [], [], []))
    matrix = out[out.index('id="spread-matrix"') : out.index("</table>", out.index('id="spread-matrix"'))]
    head = re.findall(r"<th scope=\"col\">(TP\d+)</th>", matrix)
    assert head == [f"TP{n + 1}" for n in range(5, report.SPREAD_POINTS + 5)]
    assert f"the {report.SPREAD_POINTS} repeated in the most documents" in out
    assert matrix.count("<tr>") == 1 + report.SPREAD_POINTS + 5 + 1  # header, then documents d00..d45
