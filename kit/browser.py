"""Finding and launching a headless Chromium for the browser tests and the benchmarks.

Playwright's own Chromium is used when it is installed; otherwise the system's (Debian's
``chromium``). ``playwright install`` cannot download a browser on offline machines.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SYSTEM_CHROMIUMS = ("/usr/lib/chromium/chromium", "chromium", "chromium-browser", "google-chrome")


def find_chromium(playwright_chromium_path: str | None = None) -> str | None:
    """Return a Chromium executable: Playwright's own if present, else the system's, else None.

    Parameters
    ----------
    playwright_chromium_path:
        ``playwright.chromium.executable_path``, if Playwright knows one.
    """
    if playwright_chromium_path and Path(playwright_chromium_path).is_file():
        return playwright_chromium_path
    for name in SYSTEM_CHROMIUMS:
        found = name if os.path.isabs(name) and os.access(name, os.X_OK) else shutil.which(name)
        if found:
            return found
    return None


def is_local_url(url: str) -> bool:
    """Return whether a request URL stays on this machine (loopback, data: or blob:)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in {"127.0.0.1", "localhost", "::1"}
