"""Tier-4 fixtures: a real ``kit serve`` on a free port and headless Chromium pages.

Chromium is Playwright's own if installed, else the system's. When none is found the browser
tests are skipped with a loud reason, unless ``KIT_REQUIRE_BROWSER=1`` (CI), where that fails.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from kit.browser import CHROMIUM_ARGS, find_chromium
from kit.serve import ServeSettings, free_port, running_server
from tests.browser.helpers import RequestLog

REQUIRE_BROWSER = os.environ.get("KIT_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[object]:
    """A running Playwright driver (sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium_path(playwright_instance) -> str:
    """The Chromium executable, or a loud skip (a failure when KIT_REQUIRE_BROWSER=1)."""
    try:
        own = playwright_instance.chromium.executable_path
    except Exception:  # noqa: BLE001 - Playwright raises when it has no browser of its own
        own = None
    path = find_chromium(own)
    if path is None:
        reason = (
            "NO CHROMIUM FOUND: browser tests (tier 4) did not run. Install Debian's "
            "'chromium' (apt-get install chromium) or Playwright's browser."
        )
        if REQUIRE_BROWSER:
            pytest.fail(reason + " KIT_REQUIRE_BROWSER=1 makes this an error.")
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path):
    """One headless Chromium for the session."""
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def kit_server(tmp_path_factory, chromium_path) -> Iterator[str]:
    """``kit serve`` on a free port, as a user runs it; yields its base URL."""
    root = tmp_path_factory.mktemp("server")
    os.environ["KIT_DATA_DIR"] = str(root / "data")
    log_path = root / "voila.log"
    settings = ServeSettings(port=free_port(), open_browser=False)
    try:
        with running_server(settings, log_path=log_path) as url:
            yield url
    finally:
        print(f"\n[kit serve log: {log_path}]")


@pytest.fixture(scope="module")
def broken_content_server(tmp_path_factory, chromium_path) -> Iterator[str]:
    """``kit serve`` with a trainer pack that has a YAML syntax error (KIT_CONTENT_PATH)."""
    root = tmp_path_factory.mktemp("broken-server")
    pack = Path(__file__).parents[1] / "fixtures" / "content" / "yaml-syntax"
    settings = ServeSettings(port=free_port(), open_browser=False, pool_size=0)
    env = {"KIT_CONTENT_PATH": str(pack), "KIT_DATA_DIR": str(root / "data")}
    with running_server(settings, log_path=root / "voila.log", env=env) as url:
        yield url


@pytest.fixture()
def page(browser):
    """A fresh page (own context) with a :class:`RequestLog` attached as ``page.requests``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.requests = RequestLog(page)
    yield page
    context.close()


def app_url(base: str, notebook: str, **query: str) -> str:
    """Return the URL of an app notebook, with a query string."""
    from urllib.parse import urlencode

    suffix = f"?{urlencode(query)}" if query else ""
    return f"{base}voila/render/{notebook}{suffix}"


@pytest.fixture(scope="session")
def notebooks_dir() -> Path:
    """The served notebooks folder."""
    from kit.paths import notebooks_dir

    return notebooks_dir()
