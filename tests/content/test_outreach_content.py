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


def test_every_practice_names_its_audience_groups(content):
    """Each practice sorts its audience into at least one closed group, none twice."""
    for practice in content.records["practices"].values():
        assert practice.audiences, practice.id
        assert len(set(practice.audiences)) == len(practice.audiences), practice.id


def test_practices_link_places_where_their_sources_put_them(content):
    """Some practices are tied to places, and a practice tied to a port or consulate cites at least
    one source beyond the place's own (the link is a claim about the practice, not the place)."""
    places = content.records["places"]
    linked = [p for p in content.records["practices"].values() if p.places]
    assert len(linked) >= 5
    for practice in linked:
        own = {c.source for c in practice.sources}
        from_places = {c.source for pid in practice.places for c in places[pid].sources}
        assert own - from_places, practice.id


def test_every_port_has_a_sister_city_and_a_cited_sector(content):
    """Every port of entry names its Mexican sister city in both languages and a Border Patrol sector."""
    places = content.records["places"]
    ports = [p for p in places.values() if p.kind == "port-of-entry"]
    assert len(ports) >= 25
    for port in ports:
        assert port.sister_city and port.sister_city.en and port.sister_city.es, port.id
        assert port.sector in places and places[port.sector].kind == "sector", port.id
        assert len(port.sources) >= 2, port.id


def test_the_13_consulates_carry_the_council_count_honestly(content):
    """All 13 candidate consulates say whether the BVPC's '12' counts them; no source lists the 12,
    so none is 'counted', and the one inferred exclusion (Tucson) says in its notes that it is inferred."""
    consulates = [p for p in content.records["places"].values() if p.kind == "consulate"]
    assert len(consulates) == 13
    counts = {p.id: p.council_count for p in consulates}
    assert None not in counts.values(), counts
    assert "counted" not in counts.values(), counts
    inferred = [p for p in consulates if p.council_count == "not-counted-inferred"]
    assert [p.id for p in inferred] == ["consulate-tucson"]
    assert "inference" in inferred[0].notes.en and "inferencia" in inferred[0].notes.es


def test_council_count_is_refused_on_a_place_that_is_not_a_consulate():
    """The council count belongs to consulates only: a sector carrying it is a validation error."""
    from pydantic import ValidationError

    from kit.model import Place

    sector = {
        "id": "sector-x",
        "kind": "sector",
        "name": {"en": "X Sector", "es": "Sector X"},
        "country": "us",
        "state": "TX",
        "city": "X",
        "coordinates": {"lat": 29.0, "lon": -100.0},
        "sources": [{"source": "kelvins-us-cities-db", "locator": "row for X", "evidence": "secondary"}],
    }
    Place.model_validate(sector)
    with pytest.raises(ValidationError, match="council_count is for consulates only"):
        Place.model_validate({**sector, "council_count": "unknown"})
