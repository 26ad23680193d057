"""Tier 4: the border map in a real browser, in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kit.content import load_content
from kit.i18n import translate
from tests.browser.conftest import app_url
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
TIMEOUT = 90_000


@pytest.mark.parametrize(
    ("lang", "paired", "heading"), [("en", "Paired Mexican city", "All places as a table"),
                                    ("es", "Ciudad hermana en México", "Todos los lugares en una tabla")]
)
def test_select_a_place_on_the_map_and_from_the_list(kit_server, page, lang, paired, heading):
    """Click a port's marker: its sister city and sources show; choose a sector in the list;
    the table lists every place; nothing outside the machine is requested; axe finds nothing."""
    page.goto(app_url(kit_server, "border-map.ipynb", lang=lang))
    app = page.locator(".kit-app-border-map")
    marker = app.locator("button.kit-marker-id-port-nogales")
    expect(marker).to_be_visible(timeout=TIMEOUT)
    expect(app.locator("svg.kit-map-svg path.kit-map-boundary")).to_have_count(1)
    expect(app.locator(".kit-places h2")).to_have_text(heading)
    rows = app.locator(".kit-places-table tbody tr")
    assert rows.count() == app.locator("button.kit-marker").count() >= 37
    assert_accessible(page)

    marker.click()
    detail = app.locator(".kit-place-detail")
    expect(detail).to_contain_text(paired)
    expect(detail).to_contain_text("Nogales, Son.")
    expect(app.locator("button.kit-marker-id-port-nogales.kit-marker-selected")).to_have_count(1)

    sector = load_content().records["places"]["sector-el-paso"]
    label = f"{sector.name.get(lang)} · {translate('map.kind.sector', lang)}"
    app.locator(".kit-place-picker select").select_option(label=label)
    expect(detail.locator("h2")).to_contain_text("El Paso")
    expect(app.locator("button.kit-marker-id-sector-el-paso.kit-marker-selected")).to_have_count(1)
    expect(app.locator("button.kit-marker-id-port-nogales.kit-marker-selected")).to_have_count(0)
    assert_accessible(page)
    page.requests.assert_all_local()


def test_a_link_with_a_place_opens_it_and_its_practices_open_in_the_catalog(kit_server, page):
    """``?place=<id>`` opens that place; a practice listed there opens in the practice catalog."""
    page.goto(app_url(kit_server, "border-map.ipynb", lang="es", place="port-nogales"))
    detail = page.locator(".kit-app-border-map .kit-place-detail")
    expect(detail.locator("h2")).to_contain_text("Nogales", timeout=TIMEOUT)
    link = detail.locator("li a[href*='outreach-practices.ipynb']").first
    name = link.inner_text()
    link.click()
    practice = page.locator(".kit-app-practices .kit-practice-detail")
    expect(practice).to_contain_text(name, timeout=TIMEOUT)
    page.requests.assert_all_local()


def test_a_place_opens_the_planner_with_that_place_chosen(kit_server, page):
    """The place detail's planner link opens the SARA planner with the place already chosen."""
    page.goto(app_url(kit_server, "border-map.ipynb", lang="en", place="sector-tucson"))
    detail = page.locator(".kit-app-border-map .kit-place-detail")
    expect(detail.locator("h2")).to_contain_text("Tucson", timeout=TIMEOUT)
    detail.locator("a.kit-plan-here").click()
    chosen = page.locator(".kit-app-planner .kit-planner-place select option:checked")
    expect(chosen).to_contain_text("Tucson", timeout=TIMEOUT)
    page.requests.assert_all_local()


def test_zoom_to_the_lower_rio_grande_and_pick_a_crowded_port(kit_server, page):
    """In Spanish: zoom to the lower Rio Grande; western markers hide; a port there is clickable."""
    page.goto(app_url(kit_server, "border-map.ipynb", lang="es"))
    app = page.locator(".kit-app-border-map")
    expect(app.locator("button.kit-marker").first).to_be_visible(timeout=TIMEOUT)
    app.locator(".kit-region-picker select").select_option(label=translate("map.region.lower-rio-grande", "es"))
    expect(app.locator("button.kit-marker-id-port-san-ysidro")).to_be_hidden()
    app.locator("button.kit-marker-id-port-los-indios").click()
    expect(app.locator(".kit-place-detail h2")).to_contain_text("Los Indios")
    assert_accessible(page)
    page.requests.assert_all_local()
