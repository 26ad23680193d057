"""HTML renderers for the policy comparison: pure functions from content to HTML strings.

They take the DataFrames of :mod:`kit.policies` (or a :class:`~kit.policies.Cell`) and return
escaped HTML; the :class:`~kit.apps.PolicyExplorer` app only places the strings in widgets.
Codes are always written out as text; colour (a CSS class) only repeats them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kit.cells import Cell, get_cell
from kit.content import Content
from kit.html import citation_html, escape
from kit.i18n import translate
from kit.model import NOT_ADDRESSED, UNKNOWN, Dimension
from kit.policies import side_by_side_rows, un_rating

if TYPE_CHECKING:
    import pandas as pd

HANDOUT_CSS = """
body { font-family: system-ui, sans-serif; font-size: 11pt; line-height: 1.4; margin: 1.5cm; color: #111; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.2em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #888; padding: 4px 6px;
vertical-align: top; text-align: left; } thead th { background: #eee; } tr { break-inside: avoid; }
.note { color: #444; font-size: 9pt; } a { color: #1a5fb4; }
@media print { a { color: #111; text-decoration: none; } }
"""


def code_class(dimension: Dimension, code: str) -> str:
    """Return the CSS class that colours a code: unknown, not addressed, or its rank."""
    if code == UNKNOWN:
        return "kit-code-unknown"
    if code == NOT_ADDRESSED:
        return "kit-code-not-addressed"
    rank = dimension.code_ids().index(code)
    return f"kit-code-rank-{min(rank, 3)}"


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], row_header: bool = True) -> str:
    """Return an accessible table; cells in ``rows`` are HTML already escaped by the caller."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = []
    for row in rows:
        first, rest = row[0], row[1:]
        lead = f'<th scope="row">{first}</th>' if row_header else f"<td>{first}</td>"
        body.append("<tr>" + lead + "".join(f"<td>{cell}</td>" for cell in rest) + "</tr>")
    return (
        f'<table class="kit-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def render_cell_detail(cell: Cell, content: Content, lang: str) -> str:
    """Return the detail of one cell: question, code, summary, sources, evidence, notes, UN."""
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    dimension, provision = cell.dimension, cell.provision
    option = dimension.option(provision.code)
    sources = (
        "<ul>" + "".join(f"<li>{citation_html(c, content, lang)}</li>" for c in provision.citations) + "</ul>"
        if provision.citations
        else f"<p>{escape(t('policy.detail.no-sources'))}</p>"
    )
    parts = [
        f"<h3>{escape(cell.instrument.short_name.get(lang))} · {escape(dimension.label.get(lang))}</h3>",
        f"<p><strong>{escape(t('policy.detail.question'))}:</strong> {escape(dimension.question.get(lang))}</p>",
        f"<p><strong>{escape(t('policy.detail.code'))}:</strong> "
        f'<span class="kit-code {code_class(dimension, provision.code)}">{escape(option.label.get(lang))}</span> '
        f"— {escape(option.meaning.get(lang))}</p>",
        f"<p><strong>{escape(t('policy.detail.summary'))}:</strong> {escape(provision.summary.get(lang))}</p>",
        f"<p><strong>{escape(t('policy.detail.evidence'))}:</strong> {escape(t(f'evidence.{cell.evidence}'))}</p>",
        f"<h4>{escape(t('policy.detail.sources'))}</h4>{sources}",
    ]
    if provision.notes:
        parts.append(f"<h4>{escape(t('policy.detail.notes'))}</h4><p>{escape(provision.notes.get(lang))}</p>")
    if dimension.un is not None:
        rating = un_rating(dimension, provision.code)
        parts.append(
            f"<h4>{escape(t('policy.detail.un', principles=', '.join(dimension.un.principles)))}</h4>"
            f"<p>{escape(dimension.un.standard.get(lang))}</p>"
            f"<p><strong>{escape(t('policy.detail.rating'))}:</strong> "
            f'<span class="kit-rating kit-rating-{rating}">{escape(t(f"policy.rating.{rating}"))}</span></p>'
        )
    return '<div class="kit-detail">' + "".join(parts) + "</div>"


def render_side_by_side(content: Content, lang: str, instruments: Sequence[str], dimensions: Sequence[str]) -> str:
    """Return the chosen cells as one table per question, instruments side by side."""
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    all_rows = side_by_side_rows(content, lang, instruments, dimensions)
    sections = []
    for dimension_id in dimensions:
        dimension = content.dimensions[dimension_id]
        rows = [r for r in all_rows if r["dimension"] == dimension.label.get(lang)]
        body = [
            [
                escape(r["instrument"]),
                f'<span class="kit-code {code_class(dimension, r["code"])}">{escape(r["label"])}</span>',
                escape(r["summary"]),
                escape(r["citations"]) or escape(t("policy.detail.no-sources")),
                escape(t(f"evidence.{r['evidence']}")),
            ]
            for r in rows
        ]
        headers = [
            t(k)
            for k in (
                "policy.col.instrument",
                "policy.detail.code",
                "policy.col.summary",
                "policy.col.sources",
                "policy.col.evidence",
            )
        ]
        sections.append(_table(dimension.label.get(lang) + " — " + dimension.question.get(lang), headers, body))
    return "".join(sections)


def render_changes(frame: pd.DataFrame, lang: str, earlier: str, later: str) -> str:
    """Return the what-changed table (from :func:`kit.policies.what_changed`)."""
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    change_keys = {
        "changed": "changed",
        "same code, new wording": "reworded",
        "unchanged": "unchanged",
        "not coded": "not-coded",
    }
    rows = [
        [
            escape(r.dimension),
            escape(r.before),
            escape(r.after),
            f'<span class="kit-change kit-change-{change_keys[r.change]}">'
            f"{escape(t('policy.change.' + change_keys[r.change]))}</span>",
            f"{escape(r.summary_before)}<br><strong>→</strong> {escape(r.summary_after)}",
        ]
        for r in frame.itertuples()
    ]
    headers = [
        t(k)
        for k in (
            "policy.col.dimension",
            "policy.col.before",
            "policy.col.after",
            "policy.col.change",
            "policy.col.summary",
        )
    ]
    return _table(t("policy.changes.caption", earlier=earlier, later=later), headers, rows)


def render_benchmark(frame: pd.DataFrame, lang: str) -> str:
    """Return the UN benchmark as a table: questions down, instruments across, ratings in cells."""
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    if frame.empty:
        return f"<p>{escape(t('policy.none-selected'))}</p>"
    instruments = list(dict.fromkeys(frame["instrument"]))
    rows = []
    for (dimension, principles), group in frame.groupby(["dimension", "principles"], sort=False):
        cells = []
        for name in instruments:
            record = group[group["instrument"] == name].iloc[0]
            cells.append(
                f'<span class="kit-rating kit-rating-{record.rating}" title="{escape(record.reason)}">'
                f"{escape(t('policy.rating.' + record.rating))}</span>"
            )
        rows.append([f"{escape(dimension)}<br><span class='kit-note'>{escape(principles)}</span>", *cells])
    return _table(t("policy.benchmark.caption"), [t("policy.col.dimension"), *instruments], rows)


def render_timeline(frame: pd.DataFrame, lang: str) -> str:
    """Return the timeline table (from :func:`kit.policies.timeline`)."""
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    rows = [
        [
            escape(r.issued or t("policy.date.unknown")),
            escape(r.instrument),
            escape(t(f"policy.jurisdiction.{r.jurisdiction}")),
            escape(t(f"policy.status.{r.status}")),
            escape(r.supersedes),
            escape(r.superseded_by),
        ]
        for r in frame.itertuples()
    ]
    headers = [
        t(k)
        for k in (
            "policy.col.issued",
            "policy.col.instrument",
            "policy.col.jurisdiction",
            "policy.col.status",
            "policy.col.supersedes",
            "policy.col.superseded-by",
        )
    ]
    return _table(t("policy.timeline.caption"), headers, rows)


def render_coverage(frame: pd.DataFrame, content: Content, lang: str) -> str:
    """Return the coverage table (from :func:`kit.policies.coverage`) with percentages."""
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    levels = ("primary", "secondary", "unverified", "unknown")
    rows = []
    for instrument_id, record in frame.iterrows():
        name = t("coverage.all") if instrument_id == "all" else content.instruments[instrument_id].short_name.get(lang)
        rows.append([escape(name), *(f"{record[level]:.0%}" for level in levels), str(int(record["cells"]))])
    headers = [t("policy.col.instrument"), *(t(f"evidence.{level}") for level in levels), t("policy.col.cells")]
    return _table(t("policy.coverage.caption"), headers, rows)


def render_handout(content: Content, lang: str, instruments: Sequence[str], dimensions: Sequence[str]) -> str:
    """Return a standalone, printable HTML page of the chosen cells (no script, no outside file)."""
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    overview_rows = []
    for dimension_id in dimensions:
        dimension = content.dimensions[dimension_id]
        labels = []
        for instrument_id in instruments:
            cell = get_cell(content, instrument_id, dimension_id)
            labels.append(escape(dimension.option(cell.provision.code).label.get(lang)) if cell else "")
        overview_rows.append([escape(dimension.label.get(lang)), *labels])
    overview = _table(
        t("policy.view.matrix"),
        [t("policy.col.dimension"), *(content.instruments[i].short_name.get(lang) for i in instruments)],
        overview_rows,
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(t('policy.handout.title'))}</title><style>{HANDOUT_CSS}</style></head><body>"
        f"<main><h1>{escape(t('policy.handout.title'))}</h1>"
        f"<p class='note'>{escape(t('policy.handout.generated'))}</p>"
        f"{overview}{render_side_by_side(content, lang, instruments, dimensions)}</main></body></html>"
    )
