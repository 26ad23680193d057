"""Renderers for the border statistics: an inline SVG chart and a sourced table per metric.

Pure functions from a :class:`kit.statistics.Series` to HTML strings. A chart marks where the
counting unit changes (a dashed vertical rule with a label) and every revised figure (the
earlier figure hollow, joined to the revision, labelled); years without a figure stay empty,
never zero. Meaning never rests on colour alone: each line has its own pattern, point shape
and label. A chart draws one line per counting unit and scope (see
:data:`kit.statistics.CHART_SCOPES`): figures for the whole of CBP and for the southwest
border are never joined into one line, and the legend names the scope when there are two.
Labels are placed so that none overlaps another or covers a point; a value label with no room
is left out (the point keeps it as a tooltip). The table beside each chart holds every figure
with its source.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from kit.content import Content
from kit.html import citation_html, escape
from kit.i18n import translate as _t
from kit.model import StatisticCaveat, StatisticRow
from kit.statistics import Series

WIDTH = 760
"""Width of the chart's view box; the SVG scales down to narrower screens."""
PLOT_HEIGHT = 220
LEFT, RIGHT = 64, 24
VALUE_SIZE, LABEL_SIZE, MARK_SIZE = 12, 12, 5.5
_DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 4")
_SHAPES = ("circle", "square", "triangle", "diamond", "cross")
INK = "#1f2933"
LINE = "#1a4f8b"
MARK = "#8a3b00"
_HALO = 'paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"'
# Advance widths as a share of the font size, rounded up from DejaVu Sans (wider than Arial or Helvetica).
_ADVANCE = {" ": 0.33, ",": 0.33, ".": 0.33, ":": 0.35, ";": 0.35, "(": 0.4, ")": 0.4, "*": 0.51, "+": 0.84,
            "-": 0.37, "i": 0.29, "l": 0.29, "j": 0.29, "f": 0.36, "t": 0.4, "r": 0.42, "m": 0.98, "w": 0.82}


@dataclass(frozen=True)
class Box:
    """A rectangle in the chart's coordinates (pixels of the view box, y downwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def hits(self, other: Box, gap: float = 1.0) -> bool:
        """Return whether the two boxes overlap or come closer than ``gap``."""
        return (
            self.x0 < other.x1 + gap and other.x0 < self.x1 + gap
            and self.y0 < other.y1 + gap and other.y0 < self.y1 + gap
        )

    def inside(self, other: Box) -> bool:
        """Return whether this box lies wholly within ``other``."""
        return self.x0 >= other.x0 and self.y0 >= other.y0 and self.x1 <= other.x1 and self.y1 <= other.y1


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Return a generous estimate of a label's width in pixels (sans-serif at ``size``)."""
    width = 0.0
    for char in text:
        if char in _ADVANCE:
            width += _ADVANCE[char]
        elif char.isdigit():
            width += 0.64
        elif char in "MW":
            width += 1.0
        elif char.isupper():
            width += 0.76
        else:
            width += 0.64
    return width * size * (1.13 if bold else 1.0)


def label_box(x: float, y: float, text: str, size: float, anchor: str = "start", bold: bool = False) -> Box:
    """Return the box a label drawn at ``x``, baseline ``y`` and ``text-anchor`` ``anchor`` covers.

    Parameters
    ----------
    x, y:
        The ``x`` and ``y`` attributes of the SVG ``<text>``.
    text:
        The label.
    size:
        Its font size in pixels.
    anchor:
        ``"start"``, ``"middle"`` or ``"end"``.
    bold:
        Whether the label is bold.
    """
    width = text_width(text, size, bold)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - 0.77 * size, left + width, y + 0.25 * size)


def _mark_box(x: float, y: float, half: float = MARK_SIZE + 0.5) -> Box:
    return Box(x - half, y - half, x + half, y + half)


def _segment_hits(box: Box, x1: float, y1: float, x2: float, y2: float) -> bool:
    steps = max(1, int(math.hypot(x2 - x1, y2 - y1) / 2))
    for i in range(steps + 1):
        px, py = x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps
        if box.x0 - 1 < px < box.x1 + 1 and box.y0 - 1 < py < box.y1 + 1:
            return True
    return False


@dataclass(frozen=True)
class _Label:
    x: float
    y: float
    anchor: str
    text: str
    box: Box
    leader: tuple[float, float, float, float] | None = None


class _Layout:
    """Where labels may go: boxes already taken (marks and labels) and lines to keep clear of."""

    def __init__(self, area: Box):
        self.area = area
        self.marks: list[Box] = []
        self.labels: list[Box] = []
        self.lines: list[tuple[float, float, float, float]] = []

    def _free(self, label: _Label) -> bool:
        box = label.box
        if not box.inside(self.area) or any(box.hits(o) for o in self.marks) or any(
            box.hits(o, gap=2) for o in self.labels
        ):
            return False
        return label.leader is None or not any(_segment_hits(other, *label.leader) for other in self.labels)

    def place(self, candidates: list[_Label]) -> _Label | None:
        """Take the first free candidate that crosses no line, else the first free one, else none."""
        free = [c for c in candidates if self._free(c)]
        clear = [c for c in free if not any(_segment_hits(c.box, *line) for line in self.lines)]
        chosen = (clear or free or [None])[0]
        if chosen is not None:
            self.labels.append(chosen.box)
            if chosen.leader is not None:
                self.lines.append(chosen.leader)
        return chosen


def _candidates(x: float, y: float, text: str, offsets, size: float = VALUE_SIZE) -> list[_Label]:
    """Labels around a mark at (x, y); an offset far from the mark gets a leader line back to it."""
    out = []
    for dx, dy, anchor, leader in offsets:
        lx, ly = x + dx, y + dy
        box = label_box(lx, ly, text, size, anchor)
        line = None
        if leader:
            end_x = box.x0 - 1 if dx > 0 else (box.x1 + 1 if dx < 0 else lx)
            end_y = ly - 0.35 * size if dx else (box.y1 + 1 if dy < 0 else box.y0 - 1)
            start = MARK_SIZE + 1.5
            angle = math.atan2(end_y - y, end_x - x)
            line = (x + start * math.cos(angle), y + start * math.sin(angle), end_x, end_y)
        out.append(_Label(lx, ly, anchor, text, box, line))
    return out


_ABOVE = (0, -10, "middle", False)
_BELOW = (0, 17, "middle", False)
_RIGHT = (9, 4, "start", False)
_LEFT = (-9, 4, "end", False)
_DIAGONALS = ((8, -8, "start", False), (-8, -8, "end", False), (8, 16, "start", False), (-8, 16, "end", False))
_VALUE_SPOTS = {
    "above": (_ABOVE, _BELOW, _RIGHT, _LEFT, *_DIAGONALS),
    "below": (_BELOW, _ABOVE, _RIGHT, _LEFT, *_DIAGONALS[2:], *_DIAGONALS[:2]),
}
_REVISION_SPOTS = (
    _RIGHT, _LEFT,
    (14, -12, "start", True), (14, 20, "start", True), (-14, -12, "end", True), (-14, 20, "end", True),
    (16, -24, "start", True), (16, 32, "start", True), (-16, -24, "end", True), (-16, 32, "end", True),
    (0, -16, "middle", True), (0, 24, "middle", True), (0, -28, "middle", True), (0, 36, "middle", True),
)


def format_number(value: int | None, lang: str) -> str:
    """Return a count with thousands separators (the same in English and Mexican Spanish)."""
    return _t("statistics.value.not-found", lang) if value is None else f"{value:,}"


def unit_label(unit: str, lang: str) -> str:
    """Return the readable name of a counting unit."""
    return _t(f"statistics.unit.{unit}", lang)


def _units_text(units: tuple[str, ...], lang: str) -> str:
    return " + ".join(unit_label(u, lang) for u in units)


def line_label(series: Series, unit: str, scope: str, lang: str) -> str:
    """Return the name of one line of a chart: its unit, and its scope when the chart has more than one."""
    if len(series.scopes) < 2:
        return unit_label(unit, lang)
    return _t("statistics.chart.line", lang, unit=unit_label(unit, lang), scope=_t(f"statistics.scope.{scope}", lang))


def _nice_max(value: int) -> tuple[int, int]:
    """Return an axis maximum at or above ``value`` and the step between its gridlines."""
    value = max(value, 1)
    magnitude = 10 ** math.floor(math.log10(value))
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = max(1, int(magnitude * factor))
        if math.ceil(value / step) <= 5:
            return step * math.ceil(value / step), step
    return value, value  # pragma: no cover - the loop always finds a step


def _shape(kind: str, x: float, y: float, hollow: bool = False) -> str:
    fill = "#ffffff" if hollow else LINE
    common = f'fill="{fill}" stroke="{LINE}" stroke-width="1.5"'
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" {common}/>'
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" {common}/>'
    if kind == "triangle":
        points = ((x, y - 5.5), (x + 5, y + 4), (x - 5, y + 4))
        return f'<polygon points="{_points(points)}" {common}/>'
    if kind == "diamond":
        points = ((x, y - 5.5), (x + 5.5, y), (x, y + 5.5), (x - 5.5, y))
        return f'<polygon points="{_points(points)}" {common}/>'
    return (
        f'<path d="M{x - 4:.1f},{y - 4:.1f} L{x + 4:.1f},{y + 4:.1f} M{x - 4:.1f},{y + 4:.1f} '
        f'L{x + 4:.1f},{y - 4:.1f}" stroke="{LINE}" stroke-width="2"/>'
    )


def _points(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)


def _text(label: _Label, css: str, fill: str, size: float = VALUE_SIZE) -> str:
    leader = ""
    if label.leader is not None:
        x1, y1, x2, y2 = label.leader
        leader = f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{fill}" stroke-width="1"/>'
    return (
        f'{leader}<text class="{css}" x="{label.x:.1f}" y="{label.y:.1f}" text-anchor="{label.anchor}" '
        f'fill="{fill}" font-size="{size}" {_HALO}>{escape(label.text)}</text>'
    )


def chart_description(series: Series, lang: str) -> str:
    """Return the chart's text alternative: span, unit changes, revisions and gaps."""
    if not series.years:
        return _t("statistics.chart.none", lang)
    parts = [
        _t(
            "statistics.chart.desc",
            lang,
            count=sum(1 for row in series.current if row.value is not None),
            first=series.years[0],
            last=series.years[-1],
        )
    ]
    for change in series.unit_changes:
        parts.append(
            _t(
                "statistics.chart.unit-change.desc",
                lang,
                year=change.fiscal_year,
                before=_units_text(change.before, lang),
                after=_units_text(change.after, lang),
            )
        )
    for revision in series.revisions:
        if revision.row.scope == "sector":
            continue
        parts.append(
            _t(
                "statistics.chart.revised.desc",
                lang,
                year=revision.row.fiscal_year,
                earlier=format_number(revision.earlier, lang),
                value=format_number(revision.row.value, lang),
            )
        )
    if series.missing_years:
        parts.append(_t("statistics.chart.missing.desc", lang, years=", ".join(map(str, series.missing_years))))
    if len(series.scopes) > 1:
        scopes = ", ".join(_t(f"statistics.scope.{scope}", lang) for scope in series.scopes)
        parts.append(_t("statistics.chart.scopes.desc", lang, scopes=scopes))
    return " ".join(parts)


@dataclass(frozen=True)
class _Flag:
    """A unit-change label above the plot: the rule at ``x``, the label at (``text_x``, ``y``)."""

    x: float
    text_x: float
    y: float
    anchor: str
    text: str
    box: Box


def _unit_change_flags(series: Series, x_of: Callable[[int], float], slot: float, lang: str) -> list[_Flag]:
    """Place each unit-change label in the first row above the plot where it meets no other label or rule.

    A label goes right of its rule, else left of it, else shifted along so that it stays inside the
    chart with the rule meeting it from below. A rule runs down from its own label, so a label that
    cannot avoid another change's rule is placed first, in a row above that label: the flags are laid
    out in the series' order, in reverse and widest first, and the layout that crosses fewest rules
    (then uses fewest rows) wins. The flags are returned in the series' order.
    """
    wanted = []
    for change in series.unit_changes:
        x = x_of(change.fiscal_year) - slot / 2
        text = _t("statistics.chart.unit-change", lang, units=_units_text(change.after, lang))
        wanted.append((x, text, text_width(text, LABEL_SIZE, bold=True)))
    indices = list(range(len(wanted)))
    orders = (indices, indices[::-1], sorted(indices, key=lambda i: -wanted[i][2]))
    layouts = [_flag_layout([wanted[i] for i in order]) for order in orders]
    best = min(range(len(orders)), key=lambda k: (layouts[k][1], max((f.y for f in layouts[k][0]), default=0), k))
    by_index = dict(zip(orders[best], layouts[best][0], strict=True))
    return [by_index[i] for i in indices]


def _flag_layout(wanted: list[tuple[float, str, float]]) -> tuple[list[_Flag], int]:
    """Lay out unit-change labels ``(rule x, text, width)`` in this order; return them and how many cross a rule."""
    flags: list[_Flag] = []
    crossings = 0
    for x, text, width in wanted:
        sides = ((x + 5, "start"), (x - 5, "end"))
        sides = sides if x < LEFT + (WIDTH - LEFT - RIGHT) * 0.55 else sides[::-1]
        shifted = (min(max(2.0, x - width / 2), WIDTH - 2 - width), "start")
        chosen = None
        for row in range(len(wanted) + 1):
            y = 16.0 + 16 * row
            for text_x, anchor in (*sides, shifted):
                box = label_box(text_x, y, text, LABEL_SIZE, anchor, bold=True)
                rule = Box(x - 1, y + 4, x + 1, 10_000)
                if (
                    box.x0 >= 2 and box.x1 <= WIDTH - 2
                    and not any(box.hits(f.box, gap=2) or box.hits(Box(f.x - 1, f.y + 4, f.x + 1, 10_000))
                                or rule.hits(f.box) for f in flags)
                ):
                    chosen = _Flag(x, text_x, y, anchor, text, box)
                    break
            if chosen:
                break
        if chosen is None:  # every row meets a rule: a row of its own; the label's halo keeps it readable
            y = max(f.y for f in flags) + 16
            chosen = _Flag(x, shifted[0], y, "start", text, label_box(shifted[0], y, text, LABEL_SIZE, bold=True))
            crossings += 1
        flags.append(chosen)
    return flags, crossings


def _unit_sample(shape: str, dash: str, x: float, y: float) -> str:
    return (
        f'<line x1="{x:.1f}" x2="{x + 26:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{LINE}" stroke-width="2" '
        f'stroke-dasharray="{dash}"/>{_shape(shape, x + 13, y)}'
    )


def _revision_sample(x: float, y: float) -> str:
    return f'<circle cx="{x + 13:.1f}" cy="{y:.1f}" r="5" fill="#ffffff" stroke="{MARK}" stroke-width="2"/>'


def _unit_change_sample(x: float, y: float) -> str:
    return (
        f'<line x1="{x + 13:.1f}" x2="{x + 13:.1f}" y1="{y - 9:.1f}" y2="{y + 9:.1f}" stroke="{MARK}" '
        f'stroke-width="2" stroke-dasharray="5 3"/>'
    )


def _legend(entries: list[tuple[Callable[[float, float], str] | None, str]], top: float) -> tuple[list[str], float]:
    """Lay the legend out in rows under the axis title; return its SVG and the height it ends at."""
    parts, x, y = [], 16.0, top
    for sample, label in entries:
        width = (34 if sample else 0) + text_width(label, LABEL_SIZE) + 22
        if x > 16 and x + width > WIDTH - 8:
            x, y = 16.0, y + 24
        text_x = x + 34 if sample else x
        parts.append(
            f'<g class="kit-stat-legend">{sample(x, y - 4) if sample else ""}'
            f'<text x="{text_x:.1f}" y="{y:.1f}" fill="{INK}">{escape(label)}</text></g>'
        )
        x += width
    return parts, y + 12


def render_chart(series: Series, lang: str) -> str:
    """Return one metric's chart as inline SVG (``role="img"`` with a title and description).

    Labels never overlap: marks are placed first, then the unit-change labels in rows above the
    plot, the "no figure" marks, the revision labels (beside the earlier figure, with a leader
    line when they had to move away) and last the value labels, endpoints and peaks first. A
    value label with no free place is left out; every point keeps its value as a tooltip, and
    the table beside the chart lists every figure.

    Parameters
    ----------
    series:
        The metric's series (see :func:`kit.statistics.build_series`).
    lang:
        ``"en"`` or ``"es"``.
    """
    title = _t(f"statistics.metric.{series.metric}", lang)
    base = f"kit-stat-{series.metric}-{lang}"
    desc = chart_description(series, lang)
    years = series.years

    def head(height: float) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="kit-stat-svg" role="img" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" style="max-width:{WIDTH}px" '
            f'aria-labelledby="{base}-title {base}-desc" font-family="sans-serif" font-size="{LABEL_SIZE}">'
            f'<title id="{base}-title">{escape(title)}</title><desc id="{base}-desc">{escape(desc)}</desc>'
        )

    if not years:
        return head(60) + f'<text x="20" y="36" fill="{INK}">{escape(desc)}</text></svg>'
    plot_w = WIDTH - LEFT - RIGHT
    slot = plot_w / len(years)

    def x_of(year: int) -> float:
        return LEFT + (years.index(year) + 0.5) * slot

    flags = _unit_change_flags(series, x_of, slot, lang)
    top_y = 26 + 16 * (max((int(f.y - 16) // 16 for f in flags), default=-1) + 1)
    bottom_y = top_y + PLOT_HEIGHT
    values = [v for row in series.current for v in (row.value, row.revised_from) if v is not None]
    top, step = _nice_max(max(values, default=1))

    def y_of(value: int) -> float:
        return top_y + PLOT_HEIGHT * (1 - value / top)

    parts: list[str] = []
    # Gridlines and the value axis.
    for tick in range(0, top + 1, step):
        y = y_of(tick)
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d7de"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{tick:,}</text>')
    # Fiscal-year axis: every year when there is room, else every second, fifth or tenth.
    every = next((n for n in (1, 2, 5, 10) if n * slot >= text_width("2000", LABEL_SIZE) + 6), 10)
    for year in years:
        if (year - years[0]) % every == 0:
            parts.append(
                f'<text x="{x_of(year):.1f}" y="{bottom_y + 21}" text-anchor="middle" fill="{INK}">{year}</text>'
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{bottom_y}" y2="{bottom_y}" stroke="{INK}"/>'
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{bottom_y + 42}" text-anchor="middle" fill="{INK}">'
        f"{escape(_t('statistics.chart.axis', lang))}</text>"
    )
    layout = _Layout(Box(LEFT + 2, 2, WIDTH - 2, bottom_y - 2))
    # Unit changes: a dashed rule before the year, labelled with the new unit.
    for change, flag in zip(series.unit_changes, flags, strict=True):
        layout.labels.append(flag.box)
        layout.marks.append(Box(flag.x - 1.5, flag.y + 4, flag.x + 1.5, bottom_y))
        about = _t(
            "statistics.chart.unit-change.desc", lang, year=change.fiscal_year,
            before=_units_text(change.before, lang), after=_units_text(change.after, lang),
        )
        parts.append(
            f'<g class="kit-stat-unit-change" data-year="{change.fiscal_year}"><title>{escape(about)}</title>'
            f'<line x1="{flag.x:.1f}" x2="{flag.x:.1f}" y1="{flag.y + 4}" y2="{bottom_y}" stroke="{MARK}" '
            f'stroke-width="2" stroke-dasharray="5 3"/>'
            f'<text x="{flag.text_x:.1f}" y="{flag.y}" text-anchor="{flag.anchor}" fill="{MARK}" font-weight="bold" '
            f"{_HALO}>"
            f"{escape(flag.text)}</text></g>"
        )
    # Every mark first, so that no label covers a point or an earlier figure.
    line_rows: dict[tuple[str, str], list[StatisticRow]] = {}
    for unit, scope in series.lines:
        rows = sorted(
            (r for r in series.current if (r.unit, r.scope) == (unit, scope) and r.value is not None),
            key=lambda r: r.fiscal_year,
        )
        line_rows[(unit, scope)] = rows
        layout.marks.extend(_mark_box(x_of(r.fiscal_year), y_of(r.value)) for r in rows)
        for before, after in zip(rows, rows[1:], strict=False):
            if after.fiscal_year - before.fiscal_year == 1:
                layout.lines.append(
                    (x_of(before.fiscal_year), y_of(before.value), x_of(after.fiscal_year), y_of(after.value))
                )
    revisions = [r for r in series.revisions if r.row.scope != "sector" and r.row.value is not None]
    layout.marks.extend(_mark_box(x_of(r.row.fiscal_year), y_of(r.earlier), 6.5) for r in revisions)
    # A row whose figure was not found: a dotted rule and a label, never a point at zero.
    for row in series.current:
        if row.value is None:
            x = x_of(row.fiscal_year)
            text = _t("statistics.chart.no-figure", lang)
            spots = [
                _Label(x, y, "middle", text, label_box(x, y, text, VALUE_SIZE, "middle"))
                for y in (top_y + PLOT_HEIGHT * share for share in (0.3, 0.15, 0.5, 0.05, 0.7))
            ]
            label = layout.place(spots) or spots[0]
            layout.marks.append(Box(x - 1, label.y + 4, x + 1, bottom_y))
            parts.append(
                f'<g class="kit-stat-not-found" data-year="{row.fiscal_year}">'
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{label.y + 4:.1f}" y2="{bottom_y:.1f}" '
                f'stroke="{INK}" stroke-dasharray="1 3"/>{_text(label, "kit-stat-no-figure", INK)}</g>'
            )
    # Revisions: the earlier figure hollow, joined to the revised one, labelled beside it.
    revision_parts = []
    for revision in revisions:
        row = revision.row
        x, y_new, y_old = x_of(row.fiscal_year), y_of(row.value), y_of(revision.earlier)
        earlier = format_number(revision.earlier, lang)
        # Where there is no room for the words, fewer words, then the number alone (the legend names the circle).
        label = None
        for text in (
            _t("statistics.chart.revised", lang, earlier=earlier),
            _t("statistics.chart.revised.short", lang, earlier=earlier),
            earlier,
        ):
            label = label or layout.place(_candidates(x, y_old, text, _REVISION_SPOTS))
        about = _t("statistics.chart.revised.desc", lang, year=row.fiscal_year, earlier=earlier,
                   value=format_number(row.value, lang))
        revision_parts.append(
            f'<g class="kit-stat-revision" data-year="{row.fiscal_year}"><title>{escape(about)}</title>'
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_old:.1f}" y2="{y_new:.1f}" stroke="{MARK}" '
            f'stroke-dasharray="2 2"/>'
            f'<circle cx="{x:.1f}" cy="{y_old:.1f}" r="5" fill="#ffffff" stroke="{MARK}" stroke-width="2"/>'
            f"{_text(label, 'kit-stat-revision-label', MARK) if label else ''}</g>"
        )
    # Value labels: endpoints, peaks, troughs and year-to-date figures first; a label with no room is left out.
    wanted = []
    for rows in line_rows.values():
        for i, row in enumerate(rows):
            prev = rows[i - 1].value if i and rows[i - 1].fiscal_year == row.fiscal_year - 1 else None
            nxt = rows[i + 1].value if i + 1 < len(rows) and rows[i + 1].fiscal_year == row.fiscal_year + 1 else None
            trough = (prev is None or row.value < prev) and (nxt is None or row.value < nxt) and (prev or nxt)
            peak = (prev is None or row.value > prev) and (nxt is None or row.value > nxt)
            first = i in (0, len(rows) - 1) or row.period == "year-to-date" or row.revised_from is not None
            wanted.append((0 if first else (1 if peak or trough else 2), row.fiscal_year, row, bool(trough)))
    labels = {}
    for _, _, row, trough in sorted(wanted, key=lambda w: w[:2]):
        star = "*" if row.period == "year-to-date" else ""
        text = f"{format_number(row.value, lang)}{star}"
        spots = _VALUE_SPOTS["below" if trough else "above"]
        labels[id(row)] = layout.place(_candidates(x_of(row.fiscal_year), y_of(row.value), text, spots))
    # One line per unit and scope: segments join consecutive years only, so a missing year is a gap.
    legend: list[tuple[Callable[[float, float], str] | None, str]] = []
    for index, ((unit, scope), rows) in enumerate(line_rows.items()):
        shape, dash = _SHAPES[index % len(_SHAPES)], _DASHES[index % len(_DASHES)]
        name = line_label(series, unit, scope, lang)
        group = [f'<g class="kit-stat-line" data-unit="{unit}" data-scope="{scope}">']
        for before, after in zip(rows, rows[1:], strict=False):
            if after.fiscal_year - before.fiscal_year == 1:
                group.append(
                    f'<line x1="{x_of(before.fiscal_year):.1f}" y1="{y_of(before.value):.1f}" '
                    f'x2="{x_of(after.fiscal_year):.1f}" y2="{y_of(after.value):.1f}" stroke="{LINE}" '
                    f'stroke-width="2" stroke-dasharray="{dash}"/>'
                )
        for row in rows:
            x, y = x_of(row.fiscal_year), y_of(row.value)
            star = "*" if row.period == "year-to-date" else ""
            tip = _t("statistics.chart.point", lang, year=row.fiscal_year,
                     value=f"{format_number(row.value, lang)}{star}", unit=name)
            label = labels.get(id(row))
            group.append(
                f'<g class="kit-stat-point" data-year="{row.fiscal_year}"><title>{escape(tip)}</title>'
                f"{_shape(shape, x, y)}{_text(label, 'kit-stat-value', INK) if label else ''}</g>"
            )
        group.append("</g>")
        parts.extend(group)
        legend.append((partial(_unit_sample, shape, dash), name))
    parts.extend(revision_parts)
    # Legend entries for the marks: shape and pattern, never colour alone.
    if revisions:
        legend.append((_revision_sample, _t("statistics.chart.legend.revised", lang)))
    if series.unit_changes:
        legend.append((_unit_change_sample, _t("statistics.chart.legend.unit-change", lang)))
    if any(row.period == "year-to-date" for row in series.current):
        legend.append((None, _t("statistics.chart.ytd", lang)))
    legend_parts, height = _legend(legend, bottom_y + 66)
    return head(height) + "".join(parts) + "".join(legend_parts) + "</svg>"


def _place(row: StatisticRow, content: Content, lang: str) -> str:
    if row.sector:
        return content.records["places"][row.sector].name.get(lang)
    return _t(f"statistics.scope.{row.scope}", lang)


def render_table(series: Series, content: Content, lang: str) -> str:
    """Return every figure of a metric as an accessible table, one source per row.

    Parameters
    ----------
    series:
        The metric's series.
    content:
        The loaded content, for sources and place names.
    lang:
        ``"en"`` or ``"es"``.
    """
    replaced = {id(row) for row in series.superseded()}
    columns = ("year", "value", "unit", "period", "revised", "place", "source", "note")
    head = "".join(f"<th scope='col'>{escape(_t(f'statistics.col.{c}', lang))}</th>" for c in columns)
    body = []
    for row in series.rows:
        period = _t(f"statistics.period.{row.period}", lang)
        if row.period_end:
            period += " " + _t("statistics.period.until", lang, date=row.period_end)
        notes = []
        if id(row) in replaced:
            notes.append(f"<strong>{escape(_t('statistics.row.replaced', lang))}</strong>")
        if row.note is not None:
            notes.append(escape(row.note.get(lang)))
        css = " class='kit-stat-replaced'" if id(row) in replaced else ""
        body.append(
            f"<tr{css}><th scope='row'>{row.fiscal_year}</th>"
            f"<td class='kit-num'>{escape(format_number(row.value, lang))}</td>"
            f"<td>{escape(unit_label(row.unit, lang))}</td><td>{escape(period)}</td>"
            f"<td class='kit-num'>{escape(format_number(row.revised_from, lang)) if row.revised_from is not None else ''}</td>"  # noqa: E501
            f"<td>{escape(_place(row, content, lang))}</td>"
            f"<td>{citation_html(row.citation, content, lang)}</td><td>{' '.join(notes)}</td></tr>"
        )
    caption = _t("statistics.table.caption", lang, metric=_t(f"statistics.metric.{series.metric}", lang))
    return (
        f"<div class='kit-table-wrap'><table class='kit-table kit-stat-table' data-metric='{series.metric}'>"
        f"<caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
        f"</table></div>"
    )


def render_caveats(caveats: list[StatisticCaveat], content: Content, lang: str) -> str:
    """Return the caveats as a section: a heading, each caveat's words and its sources."""
    items = []
    for caveat in caveats:
        sources = "; ".join(citation_html(c, content, lang) for c in caveat.citations)
        label = escape(_t("statistics.caveats.sources", lang))
        cited = f"<p class='kit-note'>{label}: {sources}</p>" if sources else ""
        items.append(
            f"<div class='kit-stat-caveat' data-caveat='{caveat.id}'><h4>{escape(caveat.title.get(lang))}</h4>"
            f"<p>{escape(caveat.body.get(lang))}</p>{cited}</div>"
        )
    return (
        f"<section class='kit-stat-caveats'><h3>{escape(_t('statistics.caveats.title', lang))}</h3>"
        f"{''.join(items)}</section>"
    )


def render_metric(series: Series, content: Content, lang: str) -> str:
    """Return one metric's heading, chart and table together."""
    return (
        f"<section class='kit-stat-metric' data-metric='{series.metric}'>"
        f"<h3>{escape(_t(f'statistics.metric.{series.metric}', lang))}</h3>"
        f"<figure class='kit-stat-chart'>{render_chart(series, lang)}</figure>"
        f"{render_table(series, content, lang)}</section>"
    )
