"""Timeline charts as inline SVG: one subject in one unit, one series per person.

What a chart must not do (and the report's browser test measures): mix units on one
axis, join the points of different speakers with a line, leave its x axis unexplained,
let two labels overlap, or cut a legend. So only the most common unit is drawn (the
caption counts what was left out), points without a speaker are never joined, the axis
says what x is, point labels are placed only where their box is free (every point
keeps its tooltip), and the legend sits under the plot, one row per series, the SVG
growing to hold it.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .link.consistency import UNATTRIBUTED, TimelinePoint

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
WIDTH, PLOT_HEIGHT = 680, 240
LEFT, RIGHT, TOP = 70, 50, 16
FONT = 10  # px, tick and point labels
LEGEND_FONT = 11
LEGEND_ROW = 16
# A generous width per character (px per px of font size): wide enough for the fonts a
# browser falls back to, so that an estimated box always holds the drawn text.
CHAR_WIDTH = 0.68
X_AXIS_TITLE = "time: middle of the period the figure is for, else the day it was said"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> bool:
        return self.x < other.x + other.w and other.x < self.x + self.w and self.y < other.y + other.h \
            and other.y < self.y + self.h  # fmt: skip

    def inside(self, other: Box) -> bool:
        return other.x <= self.x and other.y <= self.y and self.x + self.w <= other.x + other.w \
            and self.y + self.h <= other.y + other.h  # fmt: skip


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def compact_number(value: float) -> str:
    """A short axis label: 1.2bn, 350m, 12k, 0.5."""
    v = float(value)
    if not math.isfinite(v):
        return str(v)
    for limit, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(v) >= limit:
            return f"{v / limit:.3g}{suffix}"
    return f"{v:.3g}"


def number_label(value: float) -> str:
    """A figure as a reader says it: 1.2 billion, 64, 0.5."""
    v = float(value)
    if not math.isfinite(v):
        return str(v)
    for limit, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(v) >= limit:
            return f"{v / limit:.4g} {word}"
    return f"{v:,.0f}" if v.is_integer() else f"{v:.4g}"


def ticks(low: float, high: float, count: int = 5) -> list[float]:
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
    out, v = [], first
    while v <= high + step * 0.001:
        out.append(v)
        v += step
    return out


def chart_unit(points: Iterable[TimelinePoint]) -> str:
    """The unit a chart of these points draws: the most common one."""
    units = Counter(p.unit for p in points)
    return units.most_common(1)[0][0] if units else ""


def timeline_svg(points: Iterable[TimelinePoint], title: str = "") -> str:
    """An inline SVG chart of timeline points: x = time, y = value, one series per speaker."""
    rows = list(points)
    unit = chart_unit(rows)
    # a value no axis can hold (infinite, from a store written before figures were capped) is left out
    drawn = sorted((p for p in rows if p.unit == unit and math.isfinite(p.value)), key=lambda p: (p.when, p.series, p.claim))
    left_out = len(rows) - len(drawn)
    label = html.escape(title or "timeline")
    if not drawn:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="40" viewBox="0 0 {WIDTH} 40" '
                f'role="img" aria-label="{label}"><text x="20" y="24" font-size="13">{label}: no dated points'
                "</text></svg>")  # fmt: skip
    series: dict[str, list[TimelinePoint]] = defaultdict(list)
    for p in drawn:
        series[p.series].append(p)
    names = sorted(series, key=lambda n: (n == UNATTRIBUTED, n))
    plot = Box(LEFT, TOP, WIDTH - LEFT - RIGHT, PLOT_HEIGHT)
    bottom = plot.y + plot.h
    legend_top = bottom + 62
    height = int(legend_top + LEGEND_ROW * len(names) + 8)

    xs = [p.when.toordinal() for p in drawn]
    ys = [p.value for p in drawn]
    x_lo, x_hi = min(xs), max(xs)
    if x_hi == x_lo:
        x_lo, x_hi = x_lo - 180, x_hi + 180
    y_ticks = ticks(min(0.0, min(ys)), max(ys) if max(ys) > 0 else 1.0)
    y_lo, y_hi = y_ticks[0], max(y_ticks[-1], max(ys))
    if y_hi == y_lo:
        y_hi = y_lo + 1

    def px(x: float) -> float:
        return plot.x + (x - x_lo) / (x_hi - x_lo) * plot.w

    def py(y: float) -> float:
        return plot.y + plot.h - (y - y_lo) / (y_hi - y_lo) * plot.h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{label}">']  # fmt: skip
    parts.append(f'<line x1="{plot.x}" y1="{bottom}" x2="{plot.x + plot.w}" y2="{bottom}" stroke="#999"/>')
    parts.append(f'<line x1="{plot.x}" y1="{plot.y}" x2="{plot.x}" y2="{bottom}" stroke="#999"/>')
    for t in y_ticks:
        y = py(t)
        parts.append(f'<line x1="{plot.x - 4}" y1="{y:.1f}" x2="{plot.x + plot.w}" y2="{y:.1f}" stroke="#eee"/>'
                     f'<text class="tick" x="{plot.x - 6}" y="{y + 4:.1f}" font-size="{FONT}" text-anchor="end">'
                     f"{html.escape(compact_number(t))}</text>")  # fmt: skip
    days = sorted({x_lo, (x_lo + x_hi) // 2, x_hi})
    for day in days:
        # the first date starts at the axis and the last ends at the plot's edge: neither
        # reaches the value labels left of the axis nor past the chart
        anchor = "start" if day == days[0] else "end" if day == days[-1] else "middle"
        parts.append(f'<text class="tick" x="{px(day):.1f}" y="{bottom + 16}" font-size="{FONT}" '
                     f'text-anchor="{anchor}">{date.fromordinal(int(day)).isoformat()}</text>')  # fmt: skip
    caption = X_AXIS_TITLE + (f"; y: {unit}" if unit else "")
    parts.append(f'<text class="axis" x="{plot.x}" y="{bottom + 30}" font-size="{FONT}" fill="#555">'
                 f"{html.escape(caption)}</text>")  # fmt: skip
    taken: list[Box] = []
    for index, name in enumerate(names):
        color = PALETTE[index % len(PALETTE)]
        members = series[name]
        coords = [(px(p.when.toordinal()), py(p.value)) for p in members]
        # one person's figures form a line; points nobody is credited with stand alone
        if len(coords) > 1 and name != UNATTRIBUTED:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="1.5"/>')
        for p, (x, y) in zip(members, coords, strict=True):
            tip = f"{name}, {p.when.isoformat()}: {p.label} ({p.doc})"
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}">'
                         f"<title>{html.escape(tip)}</title></circle>")  # fmt: skip
            placed = _place_label(p.label, x, y, plot, taken)
            if placed is not None:
                taken.append(placed)
                parts.append(f'<text class="point-label" x="{placed.x:.1f}" y="{placed.y + placed.h - 2:.1f}" '
                             f'font-size="{FONT}" fill="{color}">{html.escape(p.label)}</text>')  # fmt: skip
    room = WIDTH - plot.x - 20 - 8
    for index, name in enumerate(names):
        color = PALETTE[index % len(PALETTE)]
        y = legend_top + LEGEND_ROW * index
        shown = name if text_width(name, LEGEND_FONT) <= room else name[: int(room / (LEGEND_FONT * CHAR_WIDTH)) - 1] + "…"
        dash = ' stroke-dasharray="2,2"' if name == UNATTRIBUTED else ""
        parts.append(f'<rect x="{plot.x}" y="{y - 9}" width="10" height="10" fill="{color}"{dash}/>'
                     f'<text class="legend" x="{plot.x + 16}" y="{y}" font-size="{LEGEND_FONT}">'
                     f"<title>{html.escape(name)}</title>{html.escape(shown)}</text>")  # fmt: skip
    if left_out:
        parts.append(f'<text class="axis" x="{plot.x}" y="{bottom + 44}" font-size="{FONT}" fill="#555">'
                     f"{left_out} point(s) in other units not shown</text>")  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def _place_label(text: str, x: float, y: float, plot: Box, taken: list[Box]) -> Box | None:
    """A free box for a point's label: right, left, above or below the point, inside the
    plot and clear of every label already placed; None when there is none."""
    w, h = text_width(text, FONT) + 2, FONT + 3
    for bx, by in ((x + 6, y - h - 2), (x + 6, y + 2), (x - 6 - w, y - h - 2), (x - 6 - w, y + 2), (x - w / 2, y - h - 6)):
        box = Box(bx, by, w, h)
        if box.inside(plot) and not any(box.overlaps(t) for t in taken):
            return box
    return None
