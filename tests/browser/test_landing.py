"""Tier 4: the landing page in a real browser, served by ``kit serve``."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import app_url
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
WIDGET_TIMEOUT = 60_000


def test_root_redirects_to_the_landing_page(kit_server, page):
    """The bare server address opens the landing page, not a file listing."""
    page.goto(kit_server)
    expect(page.locator(".kit-app-landing")).to_be_visible(timeout=WIDGET_TIMEOUT)
    assert "/voila/render/index.ipynb" in page.url
    page.requests.assert_all_local()


@pytest.mark.parametrize(
    ("lang", "title", "html_lang"),
    [
        ("en", "Border Violence Prevention Training Kit", "en"),
        ("es", "Kit de capacitación para la prevención de la violencia en la frontera", "es"),
    ],
)
def test_landing_page_renders_offline_and_accessible(kit_server, page, lang, title, html_lang):
    """?lang= picks the language; nothing loads from outside; axe finds nothing serious."""
    page.goto(app_url(kit_server, "index.ipynb", lang=lang))
    app = page.locator(".kit-app-landing")
    expect(app.locator("h1")).to_have_text(title, timeout=WIDGET_TIMEOUT)
    expect(app.locator(".kit-terms table tbody tr")).to_have_count(6)
    card = app.locator(".kit-cards a").first
    expect(card).to_have_attribute("href", f"policy-comparison.ipynb?lang={lang}")
    assert page.evaluate("document.documentElement.lang") == html_lang
    page.requests.assert_all_local()
    assert_accessible(page)


def test_language_switch_changes_the_page_in_place(kit_server, page):
    """Clicking Español turns the page Spanish without a reload; English turns it back."""
    page.goto(app_url(kit_server, "index.ipynb"))
    app = page.locator(".kit-app-landing")
    expect(app.locator("h1")).to_have_text("Border Violence Prevention Training Kit", timeout=WIDGET_TIMEOUT)
    page.locator(".kit-lang").get_by_role("button", name="Español").click()
    expect(app.locator("h1")).to_have_text("Kit de capacitación para la prevención de la violencia en la frontera")
    expect(app.locator(".kit-terms caption")).to_contain_text("Términos clave")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.locator(".kit-lang").get_by_role("button", name="English").click()
    expect(app.locator("h1")).to_have_text("Border Violence Prevention Training Kit")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.requests.assert_all_local()
    assert_accessible(page)


def test_app_card_opens_the_app_in_the_current_language(kit_server, page):
    """Following the policy card from the Spanish landing page opens the app in Spanish."""
    page.goto(app_url(kit_server, "index.ipynb", lang="es"))
    page.locator(".kit-cards a").first.click(timeout=WIDGET_TIMEOUT)
    expect(page.locator(".kit-app-policies h1")).to_have_text(
        "Comparación de normas sobre el uso de la fuerza", timeout=WIDGET_TIMEOUT
    )
    page.requests.assert_all_local()


def test_data_folder_is_not_served(kit_server, page):
    """Content files, notebooks and Python sources are not downloadable from the server."""
    for path in ("index.ipynb", "voila/files/index.ipynb", "files/index.ipynb"):
        response = page.request.get(kit_server + path)
        assert response.status in (403, 404), f"{path} answered {response.status}"


def test_broken_content_shows_an_error_panel_naming_the_file(broken_content_server, page):
    """With a broken trainer pack, the page lists file:line problems instead of a traceback."""
    page.goto(app_url(broken_content_server, "index.ipynb", lang="es"))
    panel = page.locator(".kit-content-errors")
    expect(panel).to_contain_text("El contenido del kit tiene errores", timeout=WIDGET_TIMEOUT)
    expect(panel).to_contain_text("broken.yaml:8: YAML syntax error")
    assert "Traceback" not in page.content()
    assert_accessible(page)
