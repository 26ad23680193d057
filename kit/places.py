"""Places on the border (consulates, Border Patrol sectors, ports of entry): pure look-ups."""

from __future__ import annotations

from dataclasses import dataclass

from kit.content import Content
from kit.model import Place, Practice
from kit.practices import evidence_rank

PLACE_KINDS = ("consulate", "sector", "port-of-entry")
"""The kinds of place, in the order the map's legend and table list them."""


def places_west_to_east(content: Content, kinds: tuple[str, ...] = PLACE_KINDS) -> list[Place]:
    """Return the places of the given kinds, ordered by kind, then from west to east."""
    places = [p for p in content.records["places"].values() if p.kind in kinds]
    return sorted(places, key=lambda p: (PLACE_KINDS.index(p.kind), p.coordinates.lon))


@dataclass(frozen=True)
class PlacePractices:
    """The practices tied to a place: directly, or through the sector it lies in."""

    direct: tuple[Practice, ...]
    in_sector: tuple[Practice, ...]


def practices_for_place(content: Content, place_id: str) -> PlacePractices:
    """Return the practices whose places name this place, and those naming its sector.

    For a sector, ``direct`` also holds practices tied to the sector's ports (they run in it).
    """
    place: Place = content.records["places"][place_id]
    practices = content.records["practices"].values()
    sector = place.sector if place.kind == "port-of-entry" else None
    members = {place_id}
    if place.kind == "sector":
        members |= {p.id for p in ports_in_sector(content, place_id)}

    def order(found):
        return tuple(sorted(found, key=lambda p: (*evidence_rank(p), p.id)))

    direct = order(p for p in practices if members & set(p.places))
    via_sector = order(p for p in practices if sector and sector in p.places and p not in direct)
    return PlacePractices(direct=direct, in_sector=via_sector)


def ports_in_sector(content: Content, sector_id: str) -> list[Place]:
    """Return the ports of entry in a sector, west to east."""
    ports = [p for p in content.records["places"].values() if p.kind == "port-of-entry" and p.sector == sector_id]
    return sorted(ports, key=lambda p: p.coordinates.lon)
