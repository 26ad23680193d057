"""Build ``kit/geodata/us-mexico-border.json`` from Natural Earth, as redistributed by world-atlas.

The kit ships the result; this script records how it was made, so anyone can rebuild it.
Input: ``countries-50m.json`` from the npm package ``world-atlas@2.0.2`` (Natural Earth 4.1.0,
Admin 0 countries, 1:50m; public domain), e.g. after ``npm pack world-atlas@2.0.2``.

Output: the US–Mexico boundary (the one arc the two countries share, unchanged apart from
rounding to 0.001°) and the two countries' land clipped to the map's frame, as GeoJSON-like
lists of [lon, lat] pairs.

Usage: ``python tools/build_border_geodata.py path/to/countries-50m.json``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FRAME = {"west": -118.6, "east": -94.2, "south": 24.6, "north": 34.4}
US, MX = "840", "484"
OUT = Path(__file__).resolve().parent.parent / "kit" / "geodata" / "us-mexico-border.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return every arc as absolute [lon, lat] points (TopoJSON delta + quantisation)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join a ring's arcs (a negative index ~i means arc i reversed), dropping shared ends."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def clip(polygon: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland–Hodgman clipping of a polygon to the frame."""
    edges = (
        (lambda p: p[0] >= FRAME["west"], 0, FRAME["west"]),
        (lambda p: p[0] <= FRAME["east"], 0, FRAME["east"]),
        (lambda p: p[1] >= FRAME["south"], 1, FRAME["south"]),
        (lambda p: p[1] <= FRAME["north"], 1, FRAME["north"]),
    )
    out = polygon
    for inside, axis, bound in edges:
        points, out = out, []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(_cross(previous, current, axis, bound))
                out.append(current)
            elif inside(previous):
                out.append(_cross(previous, current, axis, bound))
        if not out:
            return []
    return out


def _cross(a, b, axis, bound):
    t = (bound - a[axis]) / (b[axis] - a[axis])
    other = 1 - axis
    point = [0.0, 0.0]
    point[axis] = bound
    point[other] = a[other] + t * (b[other] - a[other])
    return tuple(point)


def rounded(points):
    out = []
    for lon, lat in points:
        p = [round(lon, 3), round(lat, 3)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def build(source: Path) -> dict:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}

    def arc_ids(geometry):
        found = set()

        def walk(a):
            if isinstance(a, int):
                found.add(a if a >= 0 else ~a)
            else:
                for x in a:
                    walk(x)

        walk(geometry["arcs"])
        return found

    shared = sorted(arc_ids(countries[US]) & arc_ids(countries[MX]))
    boundary = [rounded(arcs[i]) for i in shared]
    land = {}
    for code, name in ((US, "us"), (MX, "mx")):
        geometry = countries[code]
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        parts = []
        for polygon in polygons:
            clipped = clip(ring_points(polygon[0], arcs))
            if len(clipped) >= 3:
                parts.append(rounded(clipped))
        land[name] = parts
    return {
        "about": (
            "US–Mexico boundary and land outlines for the kit's border map. Natural Earth 4.1.0, "
            "Admin 0 countries 1:50m (public domain), via the npm package world-atlas 2.0.2 "
            "(countries-50m.json). The boundary is the arc the two countries share; land is "
            "clipped to the frame. Coordinates rounded to 0.001 degrees. Built by "
            "tools/build_border_geodata.py. A small-scale line: not for survey or legal use."
        ),
        "source": {
            "title": "Natural Earth, Admin 0 – Countries, 1:50m, version 4.1.0",
            "url": "https://www.naturalearthdata.com/downloads/50m-cultural-vectors/",
            "redistribution": "https://www.npmjs.com/package/world-atlas/v/2.0.2",
            "license": "Public domain (Natural Earth); world-atlas packaging ISC",
        },
        "frame": FRAME,
        "boundary": boundary,
        "land": land,
    }


if __name__ == "__main__":
    data = build(Path(sys.argv[1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(line) for line in data["boundary"])
    land = {k: sum(len(p) for p in v) for k, v in data["land"].items()}
    print(f"wrote {OUT}: boundary {points} points; land points {land}")
