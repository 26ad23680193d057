"""Tier 1: the outreach content rules (practices, partners, places) on a broken fixture."""

from __future__ import annotations

from pathlib import Path

from kit.content import check_content
from tests.expect import assert_reported

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"


def test_bad_outreach_content_is_reported_with_file_and_line():
    """A rating without rater and source, an unknown partner or place, a coordinate outside
    the border region, a port whose sector is no sector, a sector inside a sector: each an
    error at its line."""
    errors = [str(e) for e in check_content([FIXTURES / "outreach-broken"])]
    expected = [
        ("broken.yaml:15:", "lies outside the border region"),
        ("broken.yaml:25:", "partners[1]: no partners record with id 'no-such-partner'"),
        ("broken.yaml:35:", "places[0]: no places record with id 'no-such-place'"),
        ("broken.yaml:53:", "a rating of 'effective' needs the rater and a citation of its source"),
        ("sectors.yaml:19:", "places 'fixture-port': 'fixture-consulate' is a consulate, not a Border Patrol sector"),
        ("sectors.yaml:28:", "places 'fixture-nested-sector': a sector does not lie in another sector"),
    ]
    assert_reported(errors, expected)
    assert len(errors) == len(expected), "\n".join(errors)
