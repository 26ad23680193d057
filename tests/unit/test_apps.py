"""Tier 1: apps headless — build, set values, read the widgets' state."""

from __future__ import annotations

from pathlib import Path

from kit.apps import LandingPage
from kit.content import load_content
from kit.html import error_panel, markdown_html

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"


def body_html(app) -> str:
    """All HTML the app's body shows, joined."""
    return "".join(getattr(child, "value", "") for child in app._body.children)


def test_landing_page_in_both_languages():
    """The landing page shows its title and the key terms in the chosen language."""
    app = LandingPage.from_content(lang="es")
    html = body_html(app)
    assert "Kit de capacitación para la prevención de la violencia en la frontera" in html
    assert "Términos clave en ambos idiomas" in html and "presencia de autoridad" in html
    assert "kit-lang-es" in app.widget._dom_classes


def test_language_switch_redraws_and_moves_the_page_language_class():
    """Setting the switch to English redraws in English and swaps the kit-lang class."""
    app = LandingPage.from_content(lang="es")
    app._language.value = "en"
    assert app.lang == "en"
    assert "Border Violence Prevention Training Kit" in body_html(app)
    assert "kit-lang-en" in app.widget._dom_classes and "kit-lang-es" not in app.widget._dom_classes


def test_broken_content_shows_a_readable_panel_naming_the_file():
    """Fed broken content, the app shows the file:line list, not a traceback."""
    app = LandingPage.from_content(lang="en", paths=[FIXTURES / "yaml-syntax"])
    html = body_html(app)
    assert "The kit&#x27;s content has errors" in html
    assert "yaml-syntax/broken.yaml:8: YAML syntax error" in html
    assert "Traceback" not in html
    app._language.value = "es"
    assert "El contenido del kit tiene errores" in body_html(app)


def test_callback_errors_are_shown_in_the_app(monkeypatch):
    """An exception inside a callback lands in the app's message area, not in a void."""
    app = LandingPage(load_content([]), "en")

    def explode():
        raise RuntimeError("the renderer failed")

    monkeypatch.setattr(app, "_render_body", explode)
    app._language.value = "es"
    assert "Algo salió mal" in app._message.value and "the renderer failed" in app._message.value


def test_user_text_is_escaped_in_panels():
    """Anything shown in a panel is escaped: a script in a message is text."""
    html = error_panel("<b>t</b>", "<img src=x onerror=alert(1)>", ["<script>alert(1)</script>"])
    assert "<img" not in html and "<script>" not in html and "&lt;img src=x" in html


def test_markdown_raw_html_is_disabled():
    """Content Markdown cannot inject HTML."""
    html = markdown_html("**bold** <script>alert(1)</script>")
    assert "<strong>bold</strong>" in html and "<script>" not in html


def test_an_app_that_keeps_work_learns_the_browser_id_from_the_page(tmp_path):
    """The page writes the browser's id into a hidden box: a malformed id is ignored; a good one
    becomes a hash key, and the player resumes the work saved under it."""
    from kit.apps import ScenarioPlayer
    from kit.apps.base import browser_key_from_id
    from kit.resume import ResumeStore

    content = load_content([FIXTURES / "policy-mini", FIXTURES / "scenario-mini"], builtin=False)
    store = ResumeStore(tmp_path)
    first = ScenarioPlayer(content, "en", store=store)
    assert first.browser is None
    first._browser_id.value = "not-an-id"
    assert first.browser is None
    browser_id = "0123456789abcdef" * 2
    first._browser_id.value = browser_id
    assert first.browser == browser_key_from_id(browser_id) and browser_id not in first.browser
    first.pick("mini-checkpoint")
    first.start()
    first.choose("ask")
    again = ScenarioPlayer(content, "en", store=store)
    again._browser_id.value = browser_id
    assert again.run is not None and again.run.node.id == "talk"
