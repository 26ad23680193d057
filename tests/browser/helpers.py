"""Helpers for tier-4 browser tests: request guard, axe-core, waiting for the kit's widgets."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from kit.browser import is_local_url

AXE_VERSION = "4.14.1"
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


class RequestLog:
    """Records every request a page makes, so a test can fail on any that leaves localhost."""

    def __init__(self, page: Page):
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    @property
    def outside(self) -> list[str]:
        """Requests whose host is not this machine."""
        return [url for url in self.urls if not is_local_url(url)]

    def assert_all_local(self) -> None:
        """Fail, listing them, if any request left this machine."""
        assert not self.outside, "requests left localhost:\n" + "\n".join(self.outside)


def blocking_violations(page: Page) -> list[dict]:
    """Run axe-core (vendored, never from a CDN) in the page; return serious/critical violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    """Return axe violations as readable lines: rule, impact, help, and the first targets."""
    lines = []
    for v in violations:
        targets = ", ".join(str(node["target"]) for node in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail when axe-core finds a serious or critical violation in the page."""
    violations = blocking_violations(page)
    assert not violations, "axe-core found:\n" + describe_violations(violations)
