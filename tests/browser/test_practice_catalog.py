"""Tier 4: the practice catalog in a real browser, in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import app_url
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
TIMEOUT = 90_000


@pytest.mark.parametrize(
    ("lang", "effective", "download"), [("en", "Effective", "Download"), ("es", "Efectivo", "Descargar")]
)
def test_filter_open_and_export_a_practice(kit_server, page, lang, effective, download):
    """Filter by evidence, open the practice, download its sheet; offline and accessible."""
    page.goto(app_url(kit_server, "outreach-practices.ipynb", lang=lang))
    app = page.locator(".kit-app-practices")
    expect(app.locator("button.kit-practice-item").first).to_be_visible(timeout=TIMEOUT)
    assert_accessible(page)
    app.locator(".kit-filter-rating select").select_option(label=effective)
    expect(app.locator("button.kit-practice-item")).to_have_count(1)
    app.locator("button.kit-practice-item").first.click()
    detail = app.locator(".kit-practice-detail")
    expect(detail).to_contain_text(effective)
    with page.expect_download() as info:
        detail.get_by_text(download).click()
    assert open(info.value.path(), encoding="utf-8").read().startswith(f'<!DOCTYPE html><html lang="{lang}">')
    assert_accessible(page)
    page.requests.assert_all_local()


def test_related_scenario_and_policy_question_open_in_their_apps(kit_server, page):
    """A practice's related scenario opens picked in the player; its policy question opens in the
    comparison with that question alone, for every instrument."""
    from kit.content import load_content

    content = load_content()
    practice = content.records["practices"]["missing-migrant-initiative-and-program"]
    scenario = content.records["scenarios"][practice.scenarios[0]]
    dimension = content.dimensions[practice.dimensions[0]]
    page.goto(app_url(kit_server, "outreach-practices.ipynb", lang="es", practice=practice.id))
    detail = page.locator(".kit-app-practices .kit-practice-detail")
    expect(detail).to_contain_text(practice.name.es, timeout=TIMEOUT)
    detail.get_by_role("link", name=scenario.title.es, exact=True).click()
    picker = page.locator(".kit-app-scenarios .kit-picker select")
    expect(picker).to_be_visible(timeout=TIMEOUT)
    expect(picker.locator("option:checked")).to_contain_text(scenario.title.es)
    page.go_back()
    detail = page.locator(".kit-app-practices .kit-practice-detail")
    expect(detail).to_contain_text(practice.name.es, timeout=TIMEOUT)
    detail.get_by_role("link", name=dimension.label.es, exact=True).click()
    rows = page.locator(".kit-app-policies .kit-matrix-row")
    expect(rows).to_have_count(1, timeout=TIMEOUT)
    expect(rows.first).to_have_text(dimension.label.es)
    page.requests.assert_all_local()
