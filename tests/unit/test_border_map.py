"""Tier 1: the border geography, place look-ups, map renderers and the BorderMap app headless."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from kit.apps.border_map import BorderMap
from kit.content import load_content
from kit.geo import GeodataError, Projection, load_geodata, parse_geodata
from kit.map_views import render_map_svg, render_place_detail, render_places_table
from kit.places import PLACE_KINDS, places_west_to_east, ports_in_sector, practices_for_place


@pytest.fixture(scope="module")
def content():
    return load_content()


def body_html(app) -> str:
    """Every HTML widget's text in the app's body, depth first."""
    import ipywidgets as widgets

    def walk(widget):
        if isinstance(widget, widgets.HTML):
            yield widget.value
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    return "".join(walk(app._body))


def test_shipped_boundary_runs_from_the_pacific_to_the_gulf():
    """The boundary line's ends are near Tijuana/San Diego and near the Rio Grande's mouth."""
    geodata = load_geodata()
    points = [p for line in geodata.boundary for p in line]
    west, east = min(points), max(points)
    assert geodata.boundary_points() >= 100
    assert -117.2 < west[0] < -117.0 and 32.4 < west[1] < 32.6
    assert -97.2 < east[0] < -97.0 and 25.8 < east[1] < 26.1
    assert "Natural Earth" in geodata.source["title"] and geodata.land["us"] and geodata.land["mx"]


def test_every_place_lies_inside_the_map_frame(content):
    """Each place projects onto the drawing (0–100 % across and down)."""
    projection = Projection(load_geodata().frame)
    for place in content.records["places"].values():
        left, top = projection.percent(place.coordinates.lon, place.coordinates.lat)
        assert 0 < left < 100 and 0 < top < 100, place.id


def test_projection_keeps_west_left_and_north_up():
    projection = Projection({"west": -118.0, "east": -96.0, "south": 25.0, "north": 34.0})
    assert projection.xy(-118.0, 34.0) == pytest.approx((0.0, 0.0))
    x_east, y_south = projection.xy(-96.0, 25.0)
    assert x_east == pytest.approx(1000.0) and y_south == pytest.approx(projection.height)


def test_broken_geography_is_reported_with_the_file_name():
    """A point outside the frame, or a missing part, raises an error naming the file."""
    raw = json.loads(files("kit").joinpath("geodata", "us-mexico-border.json").read_text(encoding="utf-8"))
    good = list(raw["boundary"][0][3])
    raw["boundary"][0][3] = [-80.0, 40.0]
    with pytest.raises(GeodataError, match=r"border\.json: boundary: point \(-80\.0, 40\.0\) lies outside"):
        parse_geodata(raw, "border.json")
    raw["boundary"][0][3] = good
    assert parse_geodata(raw, "border.json").boundary_points() == load_geodata().boundary_points()
    del raw["land"]
    with pytest.raises(GeodataError, match="border.json: missing or malformed part"):
        parse_geodata(raw, "border.json")


def test_places_are_listed_by_kind_then_west_to_east(content):
    places = places_west_to_east(content)
    kinds = [p.kind for p in places]
    assert kinds == sorted(kinds, key=PLACE_KINDS.index)
    ports = places_west_to_east(content, ("port-of-entry",))
    assert [p.coordinates.lon for p in ports] == sorted(p.coordinates.lon for p in ports)
    assert ports[0].id == "port-san-ysidro"


def test_a_sector_lists_its_ports_and_a_port_finds_practices_through_its_sector(content):
    ports = ports_in_sector(content, "sector-san-diego")
    assert "port-san-ysidro" in [p.id for p in ports]
    assert all(p.sector == "sector-san-diego" for p in ports)
    for place in content.records["places"].values():
        found = practices_for_place(content, place.id)
        assert not set(found.direct) & set(found.in_sector)
        for practice in found.direct:
            assert place.id in practice.places or (
                place.kind == "sector" and set(practice.places) & {p.id for p in ports_in_sector(content, place.id)}
            )


def test_port_detail_names_its_sister_city_sector_and_sources_in_both_languages(content):
    port = content.records["places"]["port-san-ysidro"]
    english = render_place_detail(port, content, "en")
    spanish = render_place_detail(port, content, "es")
    assert "Paired Mexican city" in english and "Tijuana" in english and "San Diego" in english
    assert "Ciudad hermana en México" in spanish and "Fuentes" in spanish
    assert english.count("<li>") >= len(port.sources)


def test_map_svg_is_labelled_and_counts_what_it_shows(content):
    svg = render_map_svg(load_geodata(), content, "es", ("consulate",))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
    consulates = len(places_west_to_east(content, ("consulate",)))
    assert f"{consulates} consulados" in svg and "puertos" not in svg.split("</desc>")[0]
    assert 'class="kit-map-boundary"' in svg and "MÉXICO" in svg


def test_places_table_has_one_row_per_shown_place(content):
    table = render_places_table(content, "en", ("sector",))
    assert table.count('<th scope="row">') == 9
    assert "<caption>" in table


def test_app_selects_a_place_by_marker_and_by_list(content):
    """A marker click and the list both open the place; the marker is outlined."""
    app = BorderMap(content, "en")
    app._markers["port-nogales"].click()
    assert app.selected == "port-nogales" and app._picker.value == "port-nogales"
    assert "kit-marker-selected" in app._markers["port-nogales"]._dom_classes
    assert "Nogales, Son." in body_html(app)
    app._picker.value = "sector-el-paso"
    assert app.selected == "sector-el-paso"
    assert "kit-marker-selected" not in app._markers["port-nogales"]._dom_classes


def test_app_language_switch_keeps_the_place_and_renames_markers(content):
    app = BorderMap(content, "en")
    app.select("consulate-laredo")
    app.set_language("es")
    assert app.selected == "consulate-laredo"
    assert "Consulado de México" in app._markers["consulate-laredo"].tooltip
    assert "Datos del lugar" in body_html(app)


def test_hiding_a_kind_hides_its_markers_rows_and_clears_its_selection(content):
    app = BorderMap(content, "en")
    app.select("port-tecate")
    app.show_kinds("consulate", "sector")
    assert app.selected is None
    assert app._markers["port-tecate"].layout.display == "none"
    assert app._markers["sector-yuma"].layout.display is None
    assert "Tecate" not in body_html(app).split("kit-places-table")[1]


def test_zooming_to_an_area_keeps_only_its_places_and_spreads_their_markers(content):
    """The lower Rio Grande view hides western places, keeps Brownsville, and spreads the
    markers that crowd the whole-border view."""
    app = BorderMap(content, "en")
    brownsville, hidalgo = app._markers["port-brownsville"], app._markers["port-hidalgo"]

    def gap():
        return abs(float(brownsville.layout.left[:-1]) - float(hidalgo.layout.left[:-1]))

    whole = gap()
    app.select("port-san-ysidro")
    app.zoom("lower-rio-grande")
    assert app.selected is None
    assert app._markers["port-san-ysidro"].layout.display == "none" and brownsville.layout.display is None
    assert gap() > 3 * whole
    assert "San Ysidro" not in body_html(app).split("kit-places-table")[1]
    assert "port-san-ysidro" not in [value for _label, value in app._picker.options]
    svg = render_map_svg(load_geodata(), content, "es", region="lower-rio-grande")
    assert "Río Bravo" in svg.split("</title>")[0]


def test_a_place_without_its_own_practices_says_so_even_when_its_sector_has_some(content):
    port = content.records["places"]["port-los-indios"]
    linked = practices_for_place(content, port.id)
    assert not linked.direct and linked.in_sector
    html = render_place_detail(port, content, "en")
    assert "No practice in the catalog is tied to this place" in html
    assert "Practices in this place&#x27;s sector" in html
