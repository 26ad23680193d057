"""Tier 4: playing a scenario in a real browser — clicks, back, language, debrief, reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import app_url
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
TIMEOUT = 90_000


def open_player(page, base, lang="en"):
    """Load the player and wait for its scenario picker."""
    page.goto(app_url(base, "scenario-player.ipynb", lang=lang))
    app = page.locator(".kit-app-scenarios")
    expect(app.locator(".kit-picker select")).to_be_visible(timeout=TIMEOUT)
    return app


def narration(app) -> str:
    """The current narration text."""
    return app.locator(".kit-narration").inner_text()


def choose_first(app) -> None:
    """Click the first choice on offer and wait until the next step is fully drawn.

    The step counter moves on every decision, even one that loops back to the same node;
    the step is drawn once its choices (or the debrief) are on screen too.
    """
    before = app.locator(".kit-progress-text").inner_text()
    app.locator("button.kit-choice").first.click()
    app.page.wait_for_function(
        "(t) => { const p = document.querySelector('.kit-app-scenarios .kit-progress-text');"
        " return p && p.innerText !== t && (document.querySelector('.kit-app-scenarios .kit-debrief')"
        " || document.querySelector('.kit-app-scenarios button.kit-choice')); }",
        arg=before,
    )


def test_play_to_an_ending_with_back_and_language_switch(kit_server, page):
    """Pick a scenario, start, choose, go back, switch to Spanish mid-way, reach the debrief."""
    app = open_player(page, kit_server)
    assert_accessible(page)
    app.locator(".kit-picker select").select_option(index=1)
    app.locator("button.kit-start").click()
    expect(app.locator(".kit-narration")).to_be_visible()
    first = narration(app)
    app.locator("button.kit-choice").first.click()
    expect(app.locator(".kit-last-feedback")).to_be_visible()
    app.locator("button.kit-back").click()
    expect(app.locator(".kit-narration")).to_have_text(first)
    assert_accessible(page)

    page.locator(".kit-lang").get_by_role("button", name="Español").click()
    expect(app.locator("button.kit-back")).to_have_count(0)
    expect(app.locator(".kit-intro h1")).to_have_text("Escenarios de capacitación")
    assert narration(app) != first, "the narration should now be in Spanish"
    for _ in range(40):
        if app.locator(".kit-debrief").count():
            break
        choose_first(app)
    debrief = app.locator(".kit-debrief")
    expect(debrief).to_contain_text("El camino que usted siguió")
    expect(debrief).to_contain_text("Preguntas para el análisis posterior")
    expect(app.locator(".kit-map-panel")).to_contain_text("usted está aquí")
    assert_accessible(page)
    page.requests.assert_all_local()


def assert_reload_resumes(page, app, choices: int) -> None:
    """Start the second scenario, make some choices, reload: the player is back at that step."""
    app.locator(".kit-picker select").select_option(index=2)
    app.locator("button.kit-start").click()
    for _ in range(choices):
        choose_first(app)
    where = narration(app)
    page.reload()
    app = page.locator(".kit-app-scenarios")
    expect(app.locator(".kit-notice")).to_contain_text("Resumed where you left off", timeout=TIMEOUT)
    assert narration(app) == where
    page.requests.assert_all_local()


def test_reload_resumes_where_the_trainee_was(kit_server, page):
    """After two choices, reloading the page comes back to the same step (arriving, as most
    trainees do, through the kit's start page)."""
    page.goto(kit_server)
    expect(page.locator(".kit-app-landing")).to_be_visible(timeout=TIMEOUT)
    app = open_player(page, kit_server)
    assert_reload_resumes(page, app, choices=2)


def test_reload_resumes_even_when_the_player_is_the_first_page_opened(kit_server, page):
    """A trainee who opens a shared link to the player first is given an id in local storage at
    once, so a reload resumes; the id never leaves as anything but a hash."""
    page.goto(app_url(kit_server, "scenario-player.ipynb", lang="en"))
    has_id = "/^[0-9a-f]{32}$/.test(window.localStorage.getItem('kit-browser-id') || '')"
    page.wait_for_function(has_id, timeout=TIMEOUT)
    app = page.locator(".kit-app-scenarios")
    expect(app.locator(".kit-picker select")).to_be_visible(timeout=TIMEOUT)
    assert_reload_resumes(page, app, choices=1)


def test_choices_work_from_the_keyboard(kit_server, page):
    """Tab to a choice and press Enter: the scenario moves on."""
    app = open_player(page, kit_server)
    app.locator(".kit-picker select").select_option(index=3)
    app.locator("button.kit-start").focus()
    page.keyboard.press("Enter")
    expect(app.locator(".kit-narration")).to_be_visible()
    first = narration(app)
    app.locator("button.kit-choice").first.focus()
    page.keyboard.press("Enter")
    expect(app.locator(".kit-narration")).not_to_have_text(first)
