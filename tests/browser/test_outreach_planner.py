"""Tier 4: the SARA outreach planner in a real browser, in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kit.content import load_content
from kit.i18n import translate
from tests.browser.conftest import app_url
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
TIMEOUT = 90_000
PROBLEM = "Rocks thrown across the fence <script>alert(1)</script>"


def step_head(app, lang: str, number: int, step: str):
    """Wait until the step's heading shows (the step is drawn)."""
    expect(app.locator(".kit-planner-step-head h2")).to_have_text(
        f"{number}. {translate('planner.step.' + step, lang)}"
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_build_and_export_a_plan(kit_server, page, lang):
    """Describe the problem, pick a place and a goal, include a practice, download the plan twice."""
    content = load_content([])
    port = content.records["places"]["port-nogales"]
    t = lambda key, **v: translate(key, lang, **v)  # noqa: E731 - a local shorthand
    page.goto(app_url(kit_server, "outreach-planner.ipynb", lang=lang))
    # A fresh browser opening the app directly gets an id in local storage at once, which the
    # page hands to the app: the answers are kept across reloads.
    app = page.locator(".kit-app-planner")
    problem = app.locator(".kit-planner-problem textarea")
    expect(problem).to_be_visible(timeout=TIMEOUT)
    expect(app.locator(".kit-planner-keep")).to_have_text(t("planner.keep.saved"))
    assert_accessible(page)

    problem.fill(PROBLEM)
    app.locator(".kit-planner-place select").select_option(
        label=f"{t('map.kind.port-of-entry')}: {port.name.get(lang)}"
    )
    app.locator(".kit-planner-goal-safety input[type=checkbox]").check()
    app.locator("button.kit-planner-next").click()
    step_head(app, lang, 2, "analyse")
    app.locator(".kit-planner-causes textarea").fill("Scouts for smugglers")
    app.locator("button.kit-planner-next").click()
    step_head(app, lang, 3, "respond")
    include = app.locator(".kit-planner-include-icat-de-escalation-training input[type=checkbox]")
    expect(include).to_be_visible()
    expect(app.locator(".kit-planner-suggestions")).to_contain_text(t("practice.rating.effective"))
    include.check()
    assert_accessible(page)
    app.locator("button.kit-planner-next").click()
    step_head(app, lang, 4, "assess")
    app.locator("button.kit-planner-next").click()
    step_head(app, lang, 5, "plan")

    preview = app.locator(".kit-planner-preview")
    icat = content.records["practices"]["icat-de-escalation-training"].name.get(lang)
    expect(preview).to_contain_text(icat)
    expect(preview).to_contain_text("<script>alert(1)</script>")  # shown as text, never run
    with page.expect_download() as info:
        app.locator(".kit-planner-downloads").get_by_text(t("planner.export.html")).click()
    html = open(info.value.path(), encoding="utf-8").read()
    assert html.startswith(f'<!DOCTYPE html><html lang="{lang}">')
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and icat in html
    with page.expect_download() as info:
        app.locator(".kit-planner-downloads").get_by_text(t("planner.export.markdown")).click()
    markdown = open(info.value.path(), encoding="utf-8").read()
    assert markdown.startswith(f"# {t('planner.plan.title')}\n") and "&lt;script&gt;" in markdown
    assert_accessible(page)
    page.requests.assert_all_local()


def test_a_reload_keeps_the_answers_even_on_the_first_page_opened(kit_server, page):
    """Open the planner directly in a fresh browser, type the problem, reload: it is still there."""
    page.goto(app_url(kit_server, "outreach-planner.ipynb", lang="es"))
    app = page.locator(".kit-app-planner")
    problem = app.locator(".kit-planner-problem textarea")
    expect(problem).to_be_visible(timeout=TIMEOUT)
    expect(app.locator(".kit-planner-keep")).to_have_text(translate("planner.keep.saved", "es"))
    problem.fill("Piedras sobre el cerco cada fin de semana")
    problem.blur()
    page.wait_for_timeout(500)
    page.reload()
    app = page.locator(".kit-app-planner")
    expect(app.locator(".kit-planner-problem textarea")).to_have_value(
        "Piedras sobre el cerco cada fin de semana", timeout=TIMEOUT
    )
    page.requests.assert_all_local()
