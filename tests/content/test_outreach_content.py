"""Tier 2: the shipped outreach content — places and practices — is complete and sourced."""

from __future__ import annotations

import pytest

from kit.content import load_content

pytestmark = pytest.mark.content

COUNCIL_PRACTICES = {
    "joint-consular-police-cbp-community-outreach",
    "missing-migrant-initiative-and-program",
    "building-stronger-border-communities",
    "training-center-exchanges",
    "consular-cbp-engagement",
    "use-of-force-case-notification",
    "involving-local-and-state-authorities",
}


@pytest.fixture(scope="module")
def content():
    """The kit's own content, strictly validated."""
    return load_content([], strict=True)


def test_at_least_18_practices_with_the_councils_own(content):
    """18+ practices, including every practice the Council's work names, and one to avoid."""
    practices = content.records["practices"]
    assert len(practices) >= 18
    assert COUNCIL_PRACTICES <= set(practices)
    assert any(p.avoid for p in practices.values())


def test_every_rating_is_sourced_or_not_rated(content):
    """A rating other than 'not rated' names its rater and cites its source."""
    for practice in content.records["practices"].values():
        for rating in practice.ratings:
            if rating.rating != "not-rated":
                assert rating.rater and rating.citation, practice.id
                assert content.sources[rating.citation.source].url.startswith(("https://", "http://"))


def test_places_cover_the_consulates_sectors_and_ports(content):
    """13 candidate consulates (the sources' '12' is explained), 9 sectors, ports with sister cities."""
    places = content.records["places"].values()
    consulates = [p for p in places if p.kind == "consulate"]
    assert len(consulates) == 13
    assert any("12" in (p.notes.en if p.notes else "") for p in consulates)
    assert len([p for p in places if p.kind == "sector"]) == 9
    ports = [p for p in places if p.kind == "port-of-entry"]
    assert len(ports) >= 10 and all(p.sister_city for p in ports)
