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
