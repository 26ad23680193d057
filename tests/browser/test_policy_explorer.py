"""Tier 4: the policy comparison app in a real browser, in both languages."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import app_url
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
TIMEOUT = 90_000


def open_app(page, base, lang="en"):
    """Load the app and wait for its matrix."""
    page.goto(app_url(base, "policy-comparison.ipynb", lang=lang))
    app = page.locator(".kit-app-policies")
    expect(app.locator(".kit-matrix button").first).to_be_visible(timeout=TIMEOUT)
    return app


def test_choose_two_instruments_open_a_cell_switch_language_and_export(kit_server, page):
    """The full walk a trainer makes: choose, open a cell, read sources, Spanish, download."""
    app = open_app(page, kit_server)
    app.locator(".kit-instruments select").select_option(label=["CBP handbook 2014", "LNUF 2024"])
    expect(app.locator(".kit-matrix .kit-matrix-head")).to_have_count(2)
    cell = app.locator(".kit-cell-cbp-hb-4500-01c-2014--lethal-force-threshold")
    cell.click()
    detail = app.locator(".kit-cell-detail")
    expect(detail).to_contain_text("Lethal-force threshold")
    expect(detail.locator("a").first).to_have_attribute("href", "https://prisonlegalnews.org/news/publications/use-force-handbook-us-customs-and-border-protection-2014")

    page.locator(".kit-lang").get_by_role("button", name="Español").click()
    expect(detail).to_contain_text("Umbral de la fuerza letal")
    expect(app.locator(".kit-matrix .kit-matrix-head")).to_have_count(2)
    expect(page.locator("html")).to_have_attribute("lang", "es")

    with page.expect_download() as info:
        app.locator(".kit-downloads a").first.click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert {r["instrument"] for r in rows} == {"Manual CBP 2014", "LNUF 2024"}
    assert len(rows) == 2 * 19
    page.requests.assert_all_local()
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_view_renders_offline_and_accessible(kit_server, page, lang):
    """Matrix, side by side, what changed, UN benchmark, timeline, coverage: each shows a
    table or grid, no outside request, no serious axe violation."""
    app = open_app(page, kit_server, lang)
    assert_accessible(page)
    views = app.locator(".kit-view button")
    expect(views).to_have_count(6)
    for index in range(1, 6):
        views.nth(index).click()
        expect(app.locator(".kit-view-body table").first).to_be_visible()
        assert_accessible(page)
    page.requests.assert_all_local()


def test_what_changed_shows_the_lnuf_reform(kit_server, page):
    """LNUF 2019 → 2024: the governing standard is among the rows."""
    app = open_app(page, kit_server)
    app.locator(".kit-view button", has_text="What changed").click()
    app.locator(".kit-pair select").select_option(label="LNUF 2019 → LNUF 2024")
    table = app.locator(".kit-view-body table")
    expect(table).to_contain_text("Governing standard")
    expect(table.locator("tbody tr")).to_have_count(19)
