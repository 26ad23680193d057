"""The border map: consulates, Border Patrol sectors and ports of entry on the boundary line."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from kit.apps.base import KitApp
from kit.geo import REGIONS, GeodataError, Projection, load_geodata
from kit.html import error_panel, escape
from kit.i18n import query_parameters
from kit.map_views import (
    in_region,
    marker_label,
    render_legend,
    render_map_svg,
    render_place_detail,
    render_places_table,
    render_source_note,
)
from kit.places import PLACE_KINDS, places_west_to_east


class BorderMap(KitApp):
    """A map of the border drawn from shipped data, with a table of the same places beside it.

    Choose a marker (or a place in the list) to read what the kit knows of it: kind, city,
    sector, the paired Mexican city of a port, the practices tied to it, and sources. Build it
    with :meth:`BorderMap.from_content` and show :attr:`widget`; ``?place=<id>`` opens a place.
    """

    name = "border-map"

    def __init__(self, content, lang, errors=()):
        self.selected: str | None = None
        self._updating = False
        self._markers: dict[str, widgets.Button] = {}
        self._kinds = {
            kind: widgets.Checkbox(value=True, indent=False, layout={"width": "auto"}).add_class(f"kit-show-{kind}")
            for kind in PLACE_KINDS
        }
        self._picker = widgets.Dropdown(layout={"width": "auto"}).add_class("kit-place-picker")
        self._picker.style.description_width = "initial"
        self._region = widgets.Dropdown(layout={"width": "auto"}).add_class("kit-region-picker")
        self._region.style.description_width = "initial"
        self.region = "border"
        self._geodata = None
        self._geo_error = ""
        if content is not None:
            try:
                self._geodata = load_geodata()
            except GeodataError as exc:
                self._geo_error = str(exc)
            self._build_markers(content)
            wanted = query_parameters().get("place", "")
            if wanted in content.records["places"]:
                self.selected = wanted
        super().__init__(content, lang, errors)
        if content is not None:
            for box in self._kinds.values():
                box.observe(self._safe(self._on_control), names="value")
            self._picker.observe(self._safe(self._on_pick), names="value")
            self._region.observe(self._safe(self._on_region), names="value")

    def select(self, place_id: str | None) -> None:
        """Show one place's detail and outline its marker (``None`` clears the choice)."""
        self.selected = place_id
        self._refresh()

    def zoom(self, region: str) -> None:
        """Show one area of the border (a key of :data:`kit.geo.REGIONS`; ``border`` is all of it)."""
        self._region.value = region

    def show_kinds(self, *kinds: str) -> None:
        """Show only the markers and table rows of these kinds of place."""
        for kind, box in self._kinds.items():
            box.value = kind in kinds

    def _shown_kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind, box in self._kinds.items() if box.value)

    def _build_markers(self, content) -> None:
        if self._geodata is None:
            return
        for place in places_west_to_east(content):
            marker = widgets.Button(description="")
            marker.add_class("kit-marker")
            marker.add_class(f"kit-marker-{place.kind}")
            marker.add_class(f"kit-marker-id-{place.id}")
            marker.on_click(self._safe(lambda _b, pid=place.id: self.select(pid)))
            self._markers[place.id] = marker

    def _on_control(self, change: dict[str, Any]) -> None:
        if not self._updating:
            self._refresh()

    def _on_region(self, change: dict[str, Any]) -> None:
        if not self._updating:
            self.region = change["new"]
            self._refresh()

    def _on_pick(self, change: dict[str, Any]) -> None:
        if not self._updating:
            self.select(change["new"] or None)

    def _sync_controls(self) -> None:
        content, lang = self.content, self.lang
        shown = self._shown_kinds()
        places = content.records["places"]
        if self.selected and not self._visible(places[self.selected]):
            self.selected = None
        self._updating = True
        try:
            for kind, box in self._kinds.items():
                box.description = self.t(f"map.show.{kind}")
            self._region.options = [(self.t(f"map.region.{r}"), r) for r in REGIONS]
            self._region.value = self.region
            self._region.description = self.t("map.region")
            options = [(self.t("map.pick.none"), "")] + [
                (f"{p.name.get(lang)} · {self.t(f'map.kind.{p.kind}')}", p.id)
                for p in places_west_to_east(content, shown)
                if in_region(p, self.region)
            ]
            self._picker.options = options
            self._picker.value = self.selected or ""
            self._picker.description = self.t("map.pick")
        finally:
            self._updating = False
        projection = Projection(self._geodata.frame) if self._geodata else None
        area = REGIONS[self.region]
        for place_id, marker in self._markers.items():
            place = places[place_id]
            marker.tooltip = marker_label(place, content, lang)
            marker.layout.display = None if self._visible(place) else "none"
            if projection is not None:
                left, top = projection.percent(place.coordinates.lon, place.coordinates.lat, area)
                marker.layout.left, marker.layout.top = f"{left:.2f}%", f"{top:.2f}%"
            if place_id == self.selected:
                marker.add_class("kit-marker-selected")
            else:
                marker.remove_class("kit-marker-selected")

    def _visible(self, place) -> bool:
        return place.kind in self._shown_kinds() and in_region(place, self.region)

    def _render_body(self) -> list[widgets.Widget]:
        content, lang = self.content, self.lang
        self._sync_controls()
        head = widgets.HTML(
            f"<h1>{escape(self.t('map.title'))}</h1><p>{escape(self.t('map.intro'))}</p>"
        ).add_class("kit-intro")
        controls = widgets.HBox([*self._kinds.values(), self._region, self._picker]).add_class("kit-controls")
        controls.layout.flex_flow = "row wrap"
        if self._geodata is None:
            canvas: widgets.Widget = widgets.HTML(error_panel(self.t("map.geo.error"), self._geo_error))
        else:
            svg = widgets.HTML(render_map_svg(self._geodata, content, lang, self._shown_kinds(), self.region))
            canvas = widgets.Box([svg, *self._markers.values()]).add_class("kit-map-canvas")
        legend = widgets.HTML(render_legend(lang) + (render_source_note(self._geodata, lang) if self._geodata else ""))
        places = content.records["places"]
        if self.selected in places:
            detail = render_place_detail(places[self.selected], content, lang)
        else:
            detail = f"<p class='kit-note'>{escape(self.t('map.prompt'))}</p>"
        label = escape(self.t("map.detail"))
        detail_box = widgets.HTML(f'<div role="region" aria-live="polite" aria-label="{label}">{detail}</div>')
        detail_box.add_class("kit-place-detail")
        rows = render_places_table(content, lang, self._shown_kinds(), self.region)
        table = widgets.HTML(f"<h2>{escape(self.t('map.table.title'))}</h2>{rows}").add_class("kit-places")
        map_column = widgets.VBox([canvas, legend]).add_class("kit-map-column")
        return [head, controls, widgets.HBox([map_column, detail_box]).add_class("kit-map-layout"), table]
