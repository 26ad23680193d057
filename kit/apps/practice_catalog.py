"""The outreach practice catalog: filter, search, read a practice, print its sheet."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from kit.apps.base import KitApp
from kit.html import download_link, escape
from kit.i18n import query_parameters
from kit.model import LANGUAGES
from kit.practice_views import render_practice, render_practice_sheet
from kit.practices import RATING_ORDER, audiences, best_rating, filter_practices, goals

KINDS = ("council-initiative", "program", "practice")


class PracticeCatalog(KitApp):
    """Browse outreach practices by goal, partner, evidence and kind; search; open one.

    Build it with :meth:`PracticeCatalog.from_content` and show :attr:`widget`;
    ``?practice=<id>`` opens that practice (the border map links here so).
    """

    name = "practices"

    def __init__(self, content, lang, errors=()):
        self._updating = False
        self.selected: str | None = None
        self._goal = widgets.Dropdown().add_class("kit-filter-goal")
        self._partner = widgets.Dropdown().add_class("kit-filter-partner")
        self._rating = widgets.Dropdown().add_class("kit-filter-rating")
        self._kind = widgets.Dropdown().add_class("kit-filter-kind")
        self._audience = widgets.Dropdown().add_class("kit-filter-audience")
        self._source_language = widgets.Dropdown().add_class("kit-filter-language")
        self._query = widgets.Text(continuous_update=False).add_class("kit-search")
        for control in self._controls():
            control.style.description_width = "initial"
        if content is not None:
            wanted = query_parameters().get("practice", "")
            if wanted in content.records["practices"]:
                self.selected = wanted
        super().__init__(content, lang, errors)
        if content is not None:
            for control in self._controls():
                control.observe(self._safe(self._on_filter), names="value")

    def _controls(self) -> tuple[widgets.Widget, ...]:
        return (self._goal, self._partner, self._rating, self._kind, self._audience, self._source_language, self._query)

    def open(self, practice_id: str) -> None:
        """Show one practice's detail (what a click on its button does)."""
        self.selected = practice_id
        self._refresh()

    def filter(self, **values: str) -> None:
        """Set filters by name: goal, partner, rating, kind, audience, source_language, query."""
        for name, value in values.items():
            getattr(self, f"_{name}").value = value

    def _on_filter(self, change: dict[str, Any]) -> None:
        if not self._updating:
            self._refresh()

    def _sync_controls(self) -> None:
        content, t = self.content, self.t
        self._updating = True
        try:
            any_ = (t("practice.any"), "")
            for control, options, label in (
                (self._goal, [(t(f"practice.goal.{g}"), g) for g in goals(content)], "practice.goal"),
                (
                    self._partner,
                    [(p.name.get(self.lang), p.id) for p in content.records["partners"].values()],
                    "practice.partner",
                ),
                (self._rating, [(t(f"practice.rating.{r}"), r) for r in RATING_ORDER], "practice.rating"),
                (self._kind, [(t(f"practice.kind.{k}"), k) for k in KINDS], "practice.kind"),
                (self._audience, [(t(f"audience.{a}"), a) for a in audiences(content)], "practice.audience.filter"),
                (
                    self._source_language,
                    [(t(f"practice.language.{code}"), code) for code in LANGUAGES],
                    "practice.language",
                ),
            ):
                value = control.value or ""
                control.options = [any_, *options]
                control.value = value
                control.description = t(label)
            self._query.description = t("practice.search")
            self._query.placeholder = t("practice.search.hint")
        finally:
            self._updating = False

    def _render_body(self) -> list[widgets.Widget]:
        self._sync_controls()
        lang = self.lang
        found = filter_practices(
            self.content,
            lang,
            self._goal.value,
            self._partner.value,
            self._rating.value,
            self._kind.value,
            self._query.value,
            self._audience.value,
            self._source_language.value,
        )
        head = widgets.HTML(
            f"<h1>{escape(self.t('practice.title'))}</h1><p>{escape(self.t('practice.intro'))}</p>"
        ).add_class("kit-intro")
        filters = widgets.HBox(list(self._controls()))
        filters.layout.flex_flow = "row wrap"
        count = widgets.HTML(
            f"<p role='status' class='kit-note'>{escape(self.t('practice.count', count=len(found)))}</p>"
        )
        buttons = []
        for practice in found:
            rating = self.t(f"practice.rating.{best_rating(practice)}")
            flag = f" — {self.t('practice.avoid.short')}" if practice.avoid else ""
            button = widgets.Button(description=f"{practice.name.get(lang)} ({rating}){flag}", layout={"width": "auto"})
            button.add_class("kit-practice-item")
            button.add_class(f"kit-practice-{practice.id}")
            button.on_click(self._safe(lambda _b, pid=practice.id: self.open(pid)))
            buttons.append(button)
        listing = widgets.VBox(buttons).add_class("kit-practice-list")
        body: list[widgets.Widget] = [head, filters.add_class("kit-controls"), count, listing]
        practices = self.content.records["practices"]
        if self.selected in practices:
            practice = practices[self.selected]
            sheet = download_link(
                render_practice_sheet(practice, self.content, lang),
                f"practice-{practice.id}-{lang}.html",
                "text/html",
                self.t("practice.export"),
            )
            body.append(
                widgets.HTML(render_practice(practice, self.content, lang, links=True) + f"<p>{sheet}</p>").add_class(
                    "kit-practice-detail"
                )
            )
        else:
            body.append(widgets.HTML(f"<p class='kit-note'>{escape(self.t('practice.prompt'))}</p>"))
        return body
