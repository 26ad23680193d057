"""The border statistics lesson's app: choose a series, read its chart, table and caveats."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from kit.apps.base import KitApp
from kit.html import download_link, escape
from kit.statistics import all_series, caveats_for
from kit.statistics_views import render_caveats, render_metric

ALL = "all"


class StatisticsLesson(KitApp):
    """Border statistics by fiscal year, each figure sourced, with unit changes and revisions marked.

    Build it with :meth:`StatisticsLesson.from_content` and show :attr:`widget`. The choice of
    series is kept when the language changes.
    """

    name = "statistics"

    def __init__(self, content, lang, errors=()):
        self._updating = False
        self._choice = widgets.Dropdown(layout={"width": "auto"}).add_class("kit-stat-choose")
        self._choice.style.description_width = "initial"
        super().__init__(content, lang, errors)
        if content is not None:
            self._choice.observe(self._safe(self._on_choice), names="value")

    @property
    def metric(self) -> str:
        """The chosen series: a metric id, or ``"all"``."""
        return self._choice.value or ALL

    def show(self, metric: str) -> None:
        """Show one series (a metric id) or every series (``"all"``)."""
        self._choice.value = metric

    def _on_choice(self, change: dict[str, Any]) -> None:
        if not self._updating:
            self._refresh()

    def _sync_choice(self, metrics: list[str]) -> None:
        self._updating = True
        try:
            value = self._choice.value if self._choice.value in (*metrics, ALL) else metrics[0]
            self._choice.options = [
                *((self.t(f"statistics.metric.{m}"), m) for m in metrics),
                (self.t("statistics.all"), ALL),
            ]
            self._choice.value = value
            self._choice.description = self.t("statistics.choose")
        finally:
            self._updating = False

    def _render_body(self) -> list[widgets.Widget]:
        from kit.export import export_rows, rows_to_csv

        content, lang = self.content, self.lang
        series = all_series(content)
        self._sync_choice([s.metric for s in series])
        shown = [s for s in series if self.metric in (ALL, s.metric)]
        rows = content.records["statistics"].values()
        count = self.t("statistics.count", rows=len(rows), sources=len({r.source for r in rows}))
        csv_link = download_link(
            rows_to_csv(export_rows(content, "statistics")), "border-statistics.csv", "text/csv",
            self.t("statistics.download"),
        )
        head = widgets.HTML(
            f"<h2>{escape(self.t('statistics.title'))}</h2><p>{escape(self.t('statistics.intro'))}</p>"
            f"<p class='kit-note'>{escape(count)} {csv_link}</p>"
        ).add_class("kit-intro")
        metrics = {s.metric for s in shown}
        caveats = [c for c in caveats_for(content) if not c.metrics or metrics & set(c.metrics)]
        figures = widgets.HTML("".join(render_metric(s, content, lang) for s in shown)).add_class("kit-stat-figures")
        notes = widgets.HTML(render_caveats(caveats, content, lang)).add_class("kit-stat-notes")
        return [head, widgets.HBox([self._choice]).add_class("kit-controls"), figures, notes]
