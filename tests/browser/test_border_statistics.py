"""Tier 4: the border statistics lesson in a real browser, in both languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import app_url
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
TIMEOUT = 90_000


def test_lesson_shows_a_unit_change_and_switches_language(kit_server, page):
    """The lesson opens in Spanish with a chart marking the unit change; prose follows the switch.

    Only the prose of the page's language is visible; switching to English redraws the chart and
    its labels in English and swaps the prose. No request leaves the machine; axe finds nothing
    serious in either language.
    """
    page.goto(app_url(kit_server, "border-statistics.ipynb", lang="es"))
    app = page.locator(".kit-app-statistics")
    change = app.locator(".kit-stat-unit-change").first
    expect(change).to_be_visible(timeout=TIMEOUT)
    expect(change).to_contain_text("Cambia la unidad")
    expect(app.locator("svg[role='img'] title").first).to_have_text("Usos de la fuerza de la CBP, de todo tipo")
    expect(page.locator(".kit-prose-es h2", has_text="Panorama general")).to_be_visible()
    expect(page.locator(".kit-prose-en h2", has_text="Overview")).to_be_hidden()
    assert page.evaluate("document.documentElement.lang") == "es"
    assert_accessible(page)

    app.locator(".kit-stat-choose select").select_option(label="Rescates de la Patrulla Fronteriza, frontera suroeste")
    expect(app.locator(".kit-stat-unit-change[data-year='2023']")).to_be_visible()
    app.locator(".kit-lang button", has_text="English").click()
    expect(app.locator(".kit-stat-unit-change[data-year='2023']")).to_contain_text("Unit changes: rescue events")
    expect(page.locator(".kit-prose-en h2", has_text="Overview")).to_be_visible()
    expect(page.locator(".kit-prose-es h2", has_text="Panorama general")).to_be_hidden()
    expect(app.locator(".kit-stat-table caption").first).to_contain_text("every figure with its source")
    expect(app.locator(".kit-stat-table a").first).to_have_attribute("href", re.compile(r"^https?://"))
    assert_accessible(page)
    page.requests.assert_all_local()
