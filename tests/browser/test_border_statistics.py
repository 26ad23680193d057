"""Tier 4: the border statistics lesson in a real browser, in both languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import app_url
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser
TIMEOUT = 90_000

# For every chart on the page: each <text>'s getBBox() mapped to page coordinates by getScreenCTM(),
# so the boxes are the drawn glyphs' extents in the browser's own font, not the renderer's estimate.
TEXT_BOXES = """() => [...document.querySelectorAll('.kit-app-statistics svg.kit-stat-svg')].map(svg => {
  const title = svg.querySelector('title').textContent;
  const labels = [...svg.querySelectorAll('text')].map(text => {
    const b = text.getBBox(), m = text.getScreenCTM();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
    const xs = corners.map(p => p.x + window.scrollX), ys = corners.map(p => p.y + window.scrollY);
    return {text: text.textContent, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys)};
  });
  return {title, labels};
})"""


def assert_no_chart_text_overlaps(page) -> int:
    """Assert that no two texts of any chart on the page intersect by more than 1 px; return how many charts."""
    charts = page.evaluate(TEXT_BOXES)
    problems = []
    for chart in charts:
        labels = chart["labels"]
        assert len(labels) > 10 and all(b["x1"] > b["x0"] and b["y1"] > b["y0"] for b in labels), chart["title"]
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                across = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                down = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
                if across > 1 and down > 1:
                    size = f"{across:.1f} x {down:.1f} px"
                    problems.append(f"{chart['title']}: {a['text']!r} overlaps {b['text']!r} ({size})")
    assert not problems, "\n".join(problems)
    return len(charts)


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


def test_no_two_chart_texts_overlap_on_screen_in_either_language(kit_server, page):
    """With every series shown, the drawn box of each text in each chart (axis ticks, values, revision
    and unit-change labels, legend) meets no other by more than 1 px, in Spanish and in English."""
    page.goto(app_url(kit_server, "border-statistics.ipynb", lang="es"))
    app = page.locator(".kit-app-statistics")
    expect(app.locator(".kit-stat-unit-change").first).to_be_visible(timeout=TIMEOUT)
    app.locator(".kit-stat-choose select").select_option(label="Todas las series")
    expect(app.locator("svg.kit-stat-svg")).to_have_count(7)
    assert assert_no_chart_text_overlaps(page) == 7
    app.locator(".kit-lang button", has_text="English").click()
    expect(app.locator(".kit-stat-unit-change").first).to_contain_text("Unit changes")
    expect(app.locator("svg.kit-stat-svg")).to_have_count(7)
    assert assert_no_chart_text_overlaps(page) == 7
    # The check sees real overlap: a value label moved onto an axis tick of its chart fails it.
    page.evaluate("""() => {
      const svg = document.querySelector('.kit-app-statistics svg.kit-stat-svg');
      const [tick, value] = [svg.querySelector('text'), svg.querySelector('text.kit-stat-value')];
      ['x', 'y', 'text-anchor'].forEach(name => value.setAttribute(name, tick.getAttribute(name)));
    }""")
    with pytest.raises(AssertionError, match="overlaps"):
        assert_no_chart_text_overlaps(page)
    page.requests.assert_all_local()
