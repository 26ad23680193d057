"""The shipped border geography: the US–Mexico boundary line, land outlines, and the map frame.

The data is ``kit/geodata/us-mexico-border.json``, built from Natural Earth (1:50m, public
domain) by ``tools/build_border_geodata.py``; nothing is fetched at run time. The map uses a
plain equirectangular projection scaled by the cosine of the frame's middle latitude: simple,
honest at this scale, and the same for the SVG and for the clickable markers laid over it.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

GEODATA_FILE = "us-mexico-border.json"

Point = tuple[float, float]
"""A ``(lon, lat)`` pair in decimal degrees."""


class GeodataError(ValueError):
    """The shipped geography file is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class Geodata:
    """The boundary line, the two countries' land (clipped to the frame) and the frame."""

    about: str
    source: dict[str, str]
    frame: dict[str, float]
    boundary: tuple[tuple[Point, ...], ...]
    land: dict[str, tuple[tuple[Point, ...], ...]]

    def boundary_points(self) -> int:
        """Return how many points the boundary line has."""
        return sum(len(line) for line in self.boundary)


@functools.cache
def load_geodata() -> Geodata:
    """Read and check the shipped geography; raise :class:`GeodataError` naming the file."""
    resource = files("kit").joinpath("geodata", GEODATA_FILE)
    shown = f"kit/geodata/{GEODATA_FILE}"
    try:
        raw = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GeodataError(f"{shown}: cannot read the border geography ({exc})") from exc
    return parse_geodata(raw, shown)


def parse_geodata(raw: Any, shown: str) -> Geodata:
    """Check a decoded geography file and return it as :class:`Geodata`.

    Parameters
    ----------
    raw:
        The decoded JSON.
    shown:
        The file name to put in error messages.
    """
    try:
        frame = {k: float(raw["frame"][k]) for k in ("west", "east", "south", "north")}
        boundary = tuple(_line(line, frame, f"{shown}: boundary") for line in raw["boundary"])
        land = {
            country: tuple(_line(part, frame, f"{shown}: land.{country}") for part in raw["land"][country])
            for country in ("us", "mx")
        }
        about, source = str(raw["about"]), {str(k): str(v) for k, v in raw["source"].items()}
    except (KeyError, TypeError) as exc:
        raise GeodataError(f"{shown}: missing or malformed part {exc}") from exc
    if not boundary or sum(len(line) for line in boundary) < 2:
        raise GeodataError(f"{shown}: the boundary line has no points")
    return Geodata(about=about, source=source, frame=frame, boundary=boundary, land=land)


def _line(points: Any, frame: dict[str, float], where: str) -> tuple[Point, ...]:
    line = []
    for point in points:
        lon, lat = float(point[0]), float(point[1])
        inside_lon = frame["west"] - 1e-6 <= lon <= frame["east"] + 1e-6
        if not (inside_lon and frame["south"] - 1e-6 <= lat <= frame["north"] + 1e-6):
            raise GeodataError(f"{where}: point ({lon}, {lat}) lies outside the map frame")
        line.append((lon, lat))
    if len(line) < 2:
        raise GeodataError(f"{where}: a line needs at least two points")
    return tuple(line)


REGIONS: dict[str, tuple[float, float, float, float]] = {
    "border": (-118.6, -94.2, 24.6, 34.4),
    "california-arizona": (-118.2, -108.6, 30.6, 33.4),
    "new-mexico-west-texas": (-109.4, -100.2, 28.6, 32.4),
    "lower-rio-grande": (-101.2, -96.8, 25.5, 29.2),
}
"""Areas the map can zoom to, as ``(west, east, south, north)``; ``border`` is the whole frame."""


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection of the frame onto a ``width`` × ``height`` drawing."""

    frame: dict[str, float]
    width: float = 1000.0

    @property
    def _scale(self) -> float:
        middle = math.radians((self.frame["north"] + self.frame["south"]) / 2)
        return self.width / ((self.frame["east"] - self.frame["west"]) * math.cos(middle))

    @property
    def height(self) -> float:
        """The drawing's height for the frame at this width."""
        return (self.frame["north"] - self.frame["south"]) * self._scale

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """Return the drawing coordinates of a point."""
        middle = math.radians((self.frame["north"] + self.frame["south"]) / 2)
        return (lon - self.frame["west"]) * math.cos(middle) * self._scale, (self.frame["north"] - lat) * self._scale

    def view_box(self, region: tuple[float, float, float, float] | None = None) -> tuple[float, float, float, float]:
        """Return ``(x, y, width, height)`` of an area in drawing units (default: the whole frame)."""
        if region is None:
            return 0.0, 0.0, self.width, self.height
        west, east, south, north = region
        (x0, y0), (x1, y1) = self.xy(west, north), self.xy(east, south)
        return x0, y0, x1 - x0, y1 - y0

    def percent(
        self, lon: float, lat: float, region: tuple[float, float, float, float] | None = None
    ) -> tuple[float, float]:
        """Return a point's position as percentages of an area's width and height (default: the frame)."""
        x, y = self.xy(lon, lat)
        x0, y0, width, height = self.view_box(region)
        return 100 * (x - x0) / width, 100 * (y - y0) / height
