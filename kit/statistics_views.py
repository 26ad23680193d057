"""Renderers for the border statistics: an inline SVG chart and a sourced table per metric.

Pure functions from a :class:`kit.statistics.Series` to HTML strings. A chart marks where the
counting unit changes (a dashed vertical rule with a label) and every revised figure (the
earlier figure hollow, joined to the revision, labelled); years without a figure stay empty,
never zero. Meaning never rests on colour alone: each unit has its own line pattern, point
shape and label. The table beside each chart holds every figure with its source.
"""

from __future__ import annotations

import math

from kit.content import Content
from kit.html import citation_html, escape
from kit.i18n import translate as _t
from kit.model import StatisticCaveat, StatisticRow
from kit.statistics import Series

WIDTH, HEIGHT = 760, 330
LEFT, RIGHT, TOP, BOTTOM = 64, 225, 54, 56
_DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 4")
_SHAPES = ("circle", "square", "triangle", "diamond", "cross")
INK = "#1f2933"
LINE = "#1a4f8b"
MARK = "#8a3b00"


def format_number(value: int | None, lang: str) -> str:
    """Return a count with thousands separators (the same in English and Mexican Spanish)."""
    return _t("statistics.value.not-found", lang) if value is None else f"{value:,}"


def unit_label(unit: str, lang: str) -> str:
    """Return the readable name of a counting unit."""
    return _t(f"statistics.unit.{unit}", lang)


def _units_text(units: tuple[str, ...], lang: str) -> str:
    return " + ".join(unit_label(u, lang) for u in units)


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
    return " ".join(parts)


def render_chart(series: Series, lang: str) -> str:
    """Return one metric's chart as inline SVG (``role="img"`` with a title and description).

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
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kit-stat-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" style="max-width:{WIDTH}px" '
        f'aria-labelledby="{base}-title {base}-desc" font-family="sans-serif" font-size="12">'
        f'<title id="{base}-title">{escape(title)}</title><desc id="{base}-desc">{escape(desc)}</desc>'
    )
    years = series.years
    if not years:
        return head + f'<text x="20" y="40" fill="{INK}">{escape(desc)}</text></svg>'
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(years)
    values = [v for row in series.current for v in (row.value, row.revised_from) if v is not None]
    top, step = _nice_max(max(values, default=1))

    def x_of(year: int) -> float:
        return LEFT + (years.index(year) + 0.5) * slot

    def y_of(value: int) -> float:
        return TOP + plot_h * (1 - value / top)

    parts = [head]
    # Gridlines and the value axis.
    for tick in range(0, top + 1, step):
        y = y_of(tick)
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d7de"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{tick:,}</text>')
    # Fiscal-year axis: every year when there is room, else every second or fifth.
    every = 1 if slot >= 34 else (2 if slot >= 17 else 5)
    for year in years:
        if (year - years[0]) % every == 0:
            parts.append(
                f'<text x="{x_of(year):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="{INK}">{year}</text>'
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="{INK}"/>'
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" fill="{INK}">'
        f"{escape(_t('statistics.chart.axis', lang))}</text>"
    )
    # Unit changes: a dashed rule before the year, labelled with the new unit.
    for number, change in enumerate(series.unit_changes):
        x = x_of(change.fiscal_year) - slot / 2
        label = _t("statistics.chart.unit-change", lang, units=_units_text(change.after, lang))
        anchor, dx = ("end", -4) if x > LEFT + plot_w * 0.55 else ("start", 4)
        y_label = 16 + 15 * (number % 2)
        parts.append(
            f'<g class="kit-stat-unit-change" data-year="{change.fiscal_year}">'
            f"<title>{escape(_t('statistics.chart.unit-change.desc', lang, year=change.fiscal_year, before=_units_text(change.before, lang), after=_units_text(change.after, lang)))}</title>"  # noqa: E501
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_label + 4}" y2="{TOP + plot_h}" stroke="{MARK}" '
            f'stroke-width="2" stroke-dasharray="5 3"/>'
            f'<text x="{x + dx:.1f}" y="{y_label}" text-anchor="{anchor}" fill="{MARK}" font-weight="bold">'
            f"{escape(label)}</text></g>"
        )
    # One line per unit: segments join consecutive years only, so a missing year is a gap.
    for index, unit in enumerate(series.units):
        shape, dash = _SHAPES[index % len(_SHAPES)], _DASHES[index % len(_DASHES)]
        rows = sorted(
            (r for r in series.current if r.unit == unit and r.value is not None), key=lambda r: r.fiscal_year
        )
        group = [f'<g class="kit-stat-line" data-unit="{unit}">']
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
            tip = f"FY{row.fiscal_year}: {format_number(row.value, lang)}{star} ({unit_label(unit, lang)})"
            group.append(
                f'<g class="kit-stat-point"><title>{escape(tip)}</title>{_shape(shape, x, y)}'
                f'<text x="{x:.1f}" y="{y - 9:.1f}" text-anchor="middle" fill="{INK}" font-size="10">'
                f"{format_number(row.value, lang)}{star}</text></g>"
            )
        group.append("</g>")
        parts.extend(group)
        # The legend names each unit with its pattern and shape.
        ly = TOP + 8 + index * 34
        lx = LEFT + plot_w + 14
        parts.append(
            f'<g class="kit-stat-legend">'
            f'<line x1="{lx}" x2="{lx + 26}" y1="{ly}" y2="{ly}" stroke="{LINE}" stroke-width="2" '
            f'stroke-dasharray="{dash}"/>{_shape(shape, lx + 13, ly)}'
            f'<text x="{lx + 32}" y="{ly + 4}" fill="{INK}" font-size="11">{escape(unit_label(unit, lang))}</text></g>'
        )
    # Revisions: the earlier figure hollow, joined to the revised one, labelled.
    for revision in series.revisions:
        row = revision.row
        if row.scope == "sector" or row.value is None:
            continue
        x, y_new, y_old = x_of(row.fiscal_year), y_of(row.value), y_of(revision.earlier)
        # Where years are narrow the hollow point carries only the earlier figure (the legend says why).
        if slot >= 34:
            label = _t("statistics.chart.revised", lang, earlier=format_number(revision.earlier, lang))
            label_at = f'x="{x + 8:.1f}" y="{(y_old + y_new) / 2 + 4:.1f}"'
        else:
            label = format_number(revision.earlier, lang)
            label_at = f'x="{x - 7:.1f}" y="{y_old + 14:.1f}" text-anchor="end"'
        parts.append(
            f'<g class="kit-stat-revision" data-year="{row.fiscal_year}">'
            f"<title>{escape(_t('statistics.chart.revised.desc', lang, year=row.fiscal_year, earlier=format_number(revision.earlier, lang), value=format_number(row.value, lang)))}</title>"  # noqa: E501
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_old:.1f}" y2="{y_new:.1f}" stroke="{MARK}" '
            f'stroke-dasharray="2 2"/>'
            f'<circle cx="{x:.1f}" cy="{y_old:.1f}" r="5" fill="#ffffff" stroke="{MARK}" stroke-width="2"/>'
            f'<text {label_at} fill="{MARK}" font-size="10">{escape(label)}</text></g>'

        )
    # A row whose figure was not found: a dotted rule and a label, never a point at zero.
    for row in series.current:
        if row.value is None:
            x = x_of(row.fiscal_year)
            parts.append(
                f'<g class="kit-stat-not-found" data-year="{row.fiscal_year}">'
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP + plot_h * 0.35:.1f}" y2="{TOP + plot_h:.1f}" '
                f'stroke="{INK}" stroke-dasharray="1 3"/>'
                f'<text x="{x:.1f}" y="{TOP + plot_h * 0.35 - 4:.1f}" text-anchor="middle" fill="{INK}" '
                f'font-size="10">{escape(_t("statistics.chart.no-figure", lang))}</text></g>'
            )
    # Legend entries for the marks, below the units: shape and pattern, never colour alone.
    lx, ly = LEFT + plot_w + 14, TOP + 8 + len(series.units) * 34
    if any(r.row.scope != "sector" and r.row.value is not None for r in series.revisions):
        parts.append(
            f'<g class="kit-stat-legend"><circle cx="{lx + 13}" cy="{ly}" r="5" fill="#ffffff" stroke="{MARK}" '
            f'stroke-width="2"/><text x="{lx + 32}" y="{ly + 4}" fill="{INK}" font-size="11">'
            f"{escape(_t('statistics.chart.legend.revised', lang))}</text></g>"
        )
        ly += 34
    if series.unit_changes:
        parts.append(
            f'<g class="kit-stat-legend"><line x1="{lx + 13}" x2="{lx + 13}" y1="{ly - 9}" y2="{ly + 9}" '
            f'stroke="{MARK}" stroke-width="2" stroke-dasharray="5 3"/><text x="{lx + 32}" y="{ly + 4}" '
            f'fill="{INK}" font-size="11">{escape(_t("statistics.chart.legend.unit-change", lang))}</text></g>'
        )
    if any(row.period == "year-to-date" for row in series.current):
        parts.append(
            f'<text x="{LEFT + plot_w + 14}" y="{HEIGHT - 12}" fill="{INK}" font-size="10">'
            f"{escape(_t('statistics.chart.ytd', lang))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


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
