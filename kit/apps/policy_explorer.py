"""The policy comparison app: choose instruments and questions, read and compare cells."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from kit.apps.base import KitApp
from kit.cells import get_cell
from kit.export import rows_to_csv
from kit.html import download_link, escape
from kit.i18n import query_parameters
from kit.policies import coverage, lineages, side_by_side_rows, timeline, un_benchmark, what_changed
from kit.policy_views import (
    code_class,
    render_benchmark,
    render_cell_detail,
    render_changes,
    render_coverage,
    render_handout,
    render_side_by_side,
    render_timeline,
)

VIEWS = ("matrix", "side", "changes", "benchmark", "timeline", "coverage")
DEFAULT_INSTRUMENTS = ("cbp-hb-4500-01c-2014", "dhs-ps-044-05-rev01-2023", "lnuf-2024", "un-basic-principles-1990")



class PolicyExplorer(KitApp):
    """Compare use-of-force instruments: matrix, side by side, changes, UN benchmark, timeline.

    Build it with :meth:`PolicyExplorer.from_content` and show :attr:`widget`; ``?dimension=<id>``
    shows that question for every instrument.
    """

    name = "policies"

    def __init__(self, content, lang, errors=()):
        self._updating = False
        self.selected: tuple[str, str] | None = None
        self._instruments = widgets.SelectMultiple(rows=8, layout={"width": "22rem"}).add_class("kit-instruments")
        self._dimensions = widgets.SelectMultiple(rows=8, layout={"width": "22rem"}).add_class("kit-dimensions")
        self._view = widgets.ToggleButtons(style={"button_width": "auto"}).add_class("kit-view")
        self._pair = widgets.Dropdown(layout={"width": "auto"}).add_class("kit-pair")
        self._output = widgets.VBox().add_class("kit-view-body")
        self._downloads = widgets.HTML().add_class("kit-downloads")
        for control in (self._instruments, self._dimensions, self._view, self._pair):
            control.style.description_width = "initial"
        super().__init__(content, lang, errors)
        if content is not None:
            self._instruments.observe(self._safe(self._on_change), names="value")
            self._dimensions.observe(self._safe(self._on_change), names="value")
            self._view.observe(self._safe(self._on_change), names="value")
            self._pair.observe(self._safe(self._on_change), names="value")
            wanted = query_parameters().get("dimension", "")
            if wanted in content.dimensions:
                self.select(dimensions=(wanted,))

    # --- state ------------------------------------------------------------------------------

    def select(
        self,
        instruments: tuple[str, ...] | None = None,
        dimensions: tuple[str, ...] | None = None,
        view: str | None = None,
    ) -> None:
        """Set what the app shows (the same as choosing in the widgets)."""
        if instruments is not None:
            self._instruments.value = tuple(instruments)
        if dimensions is not None:
            self._dimensions.value = tuple(dimensions)
        if view is not None:
            self._view.value = view

    def open_cell(self, instrument: str, dimension: str) -> None:
        """Show the detail of one cell (what a click on a matrix cell does)."""
        self.selected = (instrument, dimension)
        self._refresh()

    def _on_change(self, change: dict[str, Any]) -> None:
        if not self._updating:
            self._refresh()

    # --- drawing ----------------------------------------------------------------------------

    def _sync_controls(self) -> None:
        """Put the current language's labels on the controls, keeping their values."""
        assert self.content is not None
        content, lang = self.content, self.lang
        self._updating = True
        try:
            first_time = not self._instruments.options
            chosen_i = self._instruments.value
            chosen_d = self._dimensions.value
            if first_time:
                chosen_i = tuple(i for i in DEFAULT_INSTRUMENTS if i in content.instruments) or tuple(
                    list(content.instruments)[:4]
                )
                chosen_d = tuple(content.dimensions)
            self._instruments.options = [(i.short_name.get(lang), i.id) for i in content.instruments.values()]
            self._instruments.value = tuple(chosen_i)
            self._instruments.description = self.t("policy.instruments")
            self._dimensions.options = [(d.label.get(lang), d.id) for d in content.dimensions.values()]
            self._dimensions.value = tuple(chosen_d)
            self._dimensions.description = self.t("policy.dimensions")
            view = self._view.value or "matrix"
            self._view.options = [(self.t(f"policy.view.{v}"), v) for v in VIEWS]
            self._view.value = view
            pairs = [
                (
                    f"{content.instruments[a].short_name.get(lang)} → {content.instruments[b].short_name.get(lang)}",
                    (a, b),
                )
                for members in lineages(content).values()
                for n, a in enumerate(members)
                for b in members[n + 1 :]
            ]
            pair = self._pair.value
            self._pair.options = pairs
            if pairs:
                self._pair.value = pair if pair in dict(pairs).values() else pairs[0][1]
            self._pair.description = self.t("policy.changes.pair")
        finally:
            self._updating = False

    def _render_body(self) -> list[widgets.Widget]:
        self._sync_controls()
        instruments, dimensions = list(self._instruments.value), list(self._dimensions.value)
        view = self._view.value
        heading = widgets.HTML(
            f"<h1>{escape(self.t('policy.title'))}</h1><p>{escape(self.t('policy.intro'))}</p>"
        ).add_class("kit-intro")
        controls = widgets.HBox([self._instruments, self._dimensions]).add_class("kit-controls")
        controls.layout.flex_flow = "row wrap"
        if view == "changes":
            children = self._changes_view()
        elif not instruments or (not dimensions and view in ("matrix", "side")):
            children = [widgets.HTML(f"<p role='status'>{escape(self.t('policy.none-selected'))}</p>")]
        elif view == "matrix":
            children = self._matrix_view(instruments, dimensions)
        elif view == "side":
            children = [widgets.HTML(render_side_by_side(self.content, self.lang, instruments, dimensions))]
        elif view == "benchmark":
            children = [widgets.HTML(render_benchmark(un_benchmark(self.content, self.lang, instruments), self.lang))]
        elif view == "timeline":
            children = [widgets.HTML(render_timeline(timeline(self.content, self.lang), self.lang))]
        else:
            children = [widgets.HTML(render_coverage(coverage(self.content, instruments), self.content, self.lang))]
        self._output.children = children
        self._downloads.value = self._download_links(instruments, dimensions)
        return [heading, controls, self._view, self._output, self._downloads]

    def _matrix_view(self, instruments: list[str], dimensions: list[str]) -> list[widgets.Widget]:
        content, lang = self.content, self.lang
        assert content is not None
        cells: list[widgets.Widget] = [widgets.HTML("")]
        cells += [
            widgets.HTML(f'<div class="kit-matrix-head">{escape(content.instruments[i].short_name.get(lang))}</div>')
            for i in instruments
        ]
        for dimension_id in dimensions:
            dimension = content.dimensions[dimension_id]
            cells.append(widgets.HTML(f'<div class="kit-matrix-row">{escape(dimension.label.get(lang))}</div>'))
            for instrument_id in instruments:
                cells.append(self._cell_button(instrument_id, dimension_id))
        grid = widgets.GridBox(
            cells,
            layout={"grid_template_columns": f"minmax(10rem, 14rem) repeat({len(instruments)}, minmax(8rem, 1fr))"},
        ).add_class("kit-matrix")
        legend = widgets.HTML(
            f'<p class="kit-note">{escape(self.t("policy.matrix.caption"))} {escape(self.t("policy.matrix.help"))}</p>'
        )
        if self.selected and self.selected[0] in instruments and self.selected[1] in dimensions:
            cell = get_cell(content, *self.selected)
            detail = render_cell_detail(cell, content, lang) if cell else ""
        else:
            detail = f'<p class="kit-note">{escape(self.t("policy.detail.prompt"))}</p>'
        return [legend, grid, widgets.HTML(detail).add_class("kit-cell-detail")]

    def _cell_button(self, instrument_id: str, dimension_id: str) -> widgets.Button:
        content, lang = self.content, self.lang
        cell = get_cell(content, instrument_id, dimension_id)
        dimension = content.dimensions[dimension_id]
        if cell is None:
            button = widgets.Button(description="—", disabled=True)
        else:
            label = dimension.option(cell.provision.code).label.get(lang)
            instrument_name = cell.instrument.short_name.get(lang)
            button = widgets.Button(
                description=label,
                tooltip=f"{instrument_name} · {dimension.label.get(lang)}: {label}",
                layout={"width": "auto"},
            )
            button.add_class(code_class(dimension, cell.provision.code))
            button.on_click(self._safe(lambda _b: self.open_cell(instrument_id, dimension_id)))
        button.add_class("kit-cell")
        button.add_class(f"kit-cell-{instrument_id}--{dimension_id}")
        if self.selected == (instrument_id, dimension_id):
            button.add_class("kit-selected")
        return button

    def _changes_view(self) -> list[widgets.Widget]:
        if not self._pair.options:
            return [widgets.HTML(f"<p>{escape(self.t('policy.changes.none'))}</p>")]
        earlier, later = self._pair.value
        frame = what_changed(self.content, self.lang, earlier, later)
        names = [self.content.instruments[i].short_name.get(self.lang) for i in (earlier, later)]
        return [self._pair, widgets.HTML(render_changes(frame, self.lang, *names))]

    def _view_frame(self, instruments: list[str], dimensions: list[str]):
        """The current view's data, for the CSV download."""
        view, content, lang = self._view.value, self.content, self.lang
        if view == "changes" and self._pair.options:
            return what_changed(content, lang, *self._pair.value)
        if view == "benchmark":
            return un_benchmark(content, lang, instruments)
        if view == "timeline":
            return timeline(content, lang)
        if view == "coverage":
            return coverage(content, instruments).reset_index()
        return side_by_side_rows(content, lang, instruments, dimensions)

    def _download_links(self, instruments: list[str], dimensions: list[str]) -> str:
        if not instruments or not dimensions:
            return ""
        frame = self._view_frame(instruments, dimensions)
        rows = frame if isinstance(frame, list) else frame.to_dict("records")
        csv_link = download_link(
            rows_to_csv(rows), f"policy-{self._view.value}-{self.lang}.csv", "text/csv", self.t("policy.export.csv")
        )
        handout = render_handout(self.content, self.lang, instruments, dimensions)
        html_link = download_link(
            handout, f"policy-handout-{self.lang}.html", "text/html", self.t("policy.export.handout")
        )
        return f"<p>{csv_link}{html_link}</p>"
