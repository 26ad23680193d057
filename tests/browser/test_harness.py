"""Tier 4: the browser helpers themselves can fail, so a green run means something."""

from __future__ import annotations

import pytest

from tests.browser.helpers import RequestLog, blocking_violations

pytestmark = pytest.mark.browser


def test_axe_reports_a_serious_violation(page):
    """An image without alternative text is a critical axe violation the helper returns."""
    page.set_content('<html lang="en"><body><main><img src="data:image/png;base64,iVBORw0KGgo="></main></body></html>')
    assert "image-alt" in {v["id"] for v in blocking_violations(page)}


def test_request_log_catches_a_request_off_the_machine(page):
    """A page that asks for a CDN file is caught, even though the request cannot succeed."""
    log = RequestLog(page)
    page.set_content('<html><body><img src="https://cdn.example.org/x.png"></body></html>')
    page.wait_for_timeout(200)
    assert log.outside == ["https://cdn.example.org/x.png"]
    with pytest.raises(AssertionError, match="requests left localhost"):
        log.assert_all_local()
