"""Renderers for the border map: pure functions from content and geography to HTML/SVG strings.

The map is an inline SVG (land, the boundary line, sea and country labels) under a layer of
place markers that the app draws as buttons at the same projected positions; the table and the
place detail carry the same facts as text, for screen readers and for print.
"""

from __future__ import annotations

from kit.content import Content
from kit.geo import REGIONS, Geodata, Projection
from kit.html import citation_html, escape
from kit.i18n import translate
from kit.model import Place
from kit.places import PLACE_KINDS, places_west_to_east, ports_in_sector, practices_for_place
from kit.practices import best_rating

# Label positions (lon, lat) for the country and sea names: cartographic placement, not data.
_LABELS = (
    ("map.label.us", -106.0, 33.4, "kit-map-country", "middle", 18),
    ("map.label.mx", -104.0, 27.2, "kit-map-country", "middle", 18),
    ("map.label.pacific", -116.6, 28.0, "kit-map-sea", "middle", 15),
    ("map.label.gulf", -94.4, 26.6, "kit-map-sea", "end", 15),
)


def _path(points, projection: Projection, close: bool) -> str:
    coords = " L".join(f"{x:.1f},{y:.1f}" for x, y in (projection.xy(lon, lat) for lon, lat in points))
    return f"M{coords}{' Z' if close else ''}"


def render_map_svg(
    geodata: Geodata, content: Content, lang: str, kinds: tuple[str, ...] = PLACE_KINDS, region: str = "border"
) -> str:
    """Return the base map as an accessible inline SVG (the markers are drawn over it).

    Parameters
    ----------
    geodata:
        The shipped boundary and land outlines.
    content:
        The loaded content, to say in the description how many places are shown.
    lang:
        ``"en"`` or ``"es"``.
    kinds:
        The kinds of place shown, for the description.
    region:
        The area shown, a key of :data:`kit.geo.REGIONS` (lines keep their width when zoomed).
    """
    projection = Projection(geodata.frame)
    area = REGIONS[region]
    x0, y0, width, height = projection.view_box(area)
    zoom = projection.width / width
    t = lambda key, **v: translate(key, lang, **v)  # noqa: E731 - local shorthand
    counts = {k: len([p for p in places_west_to_east(content, (k,)) if in_region(p, region)]) for k in kinds}
    shown = ", ".join(t(f"map.count.{k}", count=n) for k, n in counts.items()) or t("map.count.none")
    land = "".join(
        f'<path class="kit-map-land kit-map-land-{country}" vector-effect="non-scaling-stroke" '
        f'd="{_path(part, projection, True)}"/>'
        for country in ("us", "mx")
        for part in geodata.land[country]
    )
    boundary = "".join(
        f'<path class="kit-map-boundary" vector-effect="non-scaling-stroke" d="{_path(line, projection, False)}"/>'
        for line in geodata.boundary
    )
    labels = "".join(
        f'<text class="{css}" x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" '
        f'style="font-size: {size / zoom:.1f}px">{escape(t(key))}</text>'
        for key, lon, lat, css, anchor, size in _LABELS
        for x, y in [projection.xy(lon, lat)]
    )
    area_name = t(f"map.region.{region}")
    return (
        f'<svg class="kit-map-svg" viewBox="{x0:.1f} {y0:.1f} {width:.1f} {height:.1f}" role="img" '
        f'aria-labelledby="kit-map-title kit-map-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="kit-map-title">{escape(t("map.svg.title"))} — {escape(area_name)}</title>'
        f'<desc id="kit-map-desc">{escape(t("map.svg.desc", shown=shown))}</desc>'
        f'<rect class="kit-map-sea-fill" x="0" y="0" width="{projection.width:.0f}" height="{projection.height:.0f}"/>'
        f"{land}{boundary}{labels}</svg>"
    )


def in_region(place: Place, region: str) -> bool:
    """Return whether a place lies inside an area of :data:`kit.geo.REGIONS`."""
    west, east, south, north = REGIONS[region]
    return west <= place.coordinates.lon <= east and south <= place.coordinates.lat <= north


def marker_label(place: Place, content: Content, lang: str) -> str:
    """Return a marker's accessible name: the place's name, its kind and, for a port, its pair."""
    kind = translate(f"map.kind.{place.kind}", lang)
    pair = f" – {place.sister_city.get(lang)}" if place.sister_city else ""
    return f"{place.name.get(lang)}{pair} ({kind})"


def render_legend(lang: str) -> str:
    """Return the legend: one shape and colour per kind of place, and the boundary line."""
    items = "".join(
        f'<li><span class="kit-legend-mark kit-marker-{kind}" aria-hidden="true"></span>'
        f"{escape(translate(f'map.kind.{kind}', lang))}</li>"
        for kind in PLACE_KINDS
    )
    line = (
        f'<li><span class="kit-legend-line" aria-hidden="true"></span>'
        f"{escape(translate('map.legend.boundary', lang))}</li>"
    )
    return f'<ul class="kit-map-legend" aria-label="{escape(translate("map.legend", lang))}">{items}{line}</ul>'


def render_source_note(geodata: Geodata, lang: str) -> str:
    """Return the line that says where the boundary comes from and how exact it is."""
    source = geodata.source
    return (
        f'<p class="kit-note">{escape(translate("map.source.note", lang))} '
        f'<a href="{escape(source["url"])}" rel="noopener noreferrer" target="_blank">'
        f"{escape(source['title'])}</a>.</p>"
    )


def render_place_detail(place: Place, content: Content, lang: str) -> str:
    """Return what the kit knows of one place: where, what, sister city, sector, practices, sources."""
    t = lambda key, **v: translate(key, lang, **v)  # noqa: E731 - local shorthand
    places = content.records["places"]
    rows = [
        (t("map.detail.kind"), escape(t(f"map.kind.{place.kind}"))),
        (t("map.detail.city"), escape(f"{place.city}, {place.state}")),
    ]
    if place.official_name:
        rows.append((t("map.detail.official"), escape(place.official_name)))
    if place.sister_city:
        rows.append((t("map.detail.sister"), escape(place.sister_city.get(lang))))
    if place.sector and place.sector in places:
        rows.append((t("map.detail.sector"), escape(places[place.sector].name.get(lang))))
    count = getattr(place, "council_count", None)
    if count:
        rows.append((t("map.detail.council"), escape(t(f"map.council.{count}"))))
    if place.kind == "sector":
        ports = ports_in_sector(content, place.id)
        names = ", ".join(p.name.get(lang) for p in ports) or t("map.detail.none")
        rows.append((t("map.detail.ports"), escape(names)))
    lat, lon = f"{place.coordinates.lat:.2f}", f"{place.coordinates.lon:.2f}"
    rows.append((t("map.detail.coordinates"), escape(t("map.detail.coordinates.value", lat=lat, lon=lon))))
    facts = "".join(f'<tr><th scope="row">{escape(k)}</th><td>{v}</td></tr>' for k, v in rows)
    notes = f"<p>{escape(place.notes.get(lang))}</p>" if place.notes else ""
    linked = practices_for_place(content, place.id)
    none = f"<h3>{escape(t('map.detail.practices'))}</h3><p>{escape(t('map.detail.practices.none'))}</p>"
    sections = [
        _practice_list(t("map.detail.practices"), linked.direct, content, lang) if linked.direct else none,
        _practice_list(t("map.detail.practices.sector"), linked.in_sector, content, lang) if linked.in_sector else "",
    ]
    sources = "".join(f"<li>{citation_html(c, content, lang)}</li>" for c in place.sources)
    plan = (
        f'<p><a class="kit-plan-here" href="outreach-planner.ipynb?lang={lang}&amp;place={escape(place.id)}">'
        f"{escape(t('map.detail.plan'))}</a></p>"
    )
    return (
        f'<h2 class="kit-place-name">{escape(place.name.get(lang))}</h2>'
        f'<table class="kit-facts"><tbody>{facts}</tbody></table>{notes}{"".join(sections)}{plan}'
        f"<h3>{escape(t('map.detail.sources'))}</h3><ul>{sources}</ul>"
    )


def _practice_list(title: str, practices, content: Content, lang: str) -> str:
    items = []
    for practice in practices:
        rating = translate(f"practice.rating.{best_rating(practice)}", lang)
        avoid = f" <strong>{escape(translate('practice.avoid.short', lang))}</strong>" if practice.avoid else ""
        href = f"outreach-practices.ipynb?lang={lang}&amp;practice={escape(practice.id)}"
        items.append(
            f'<li><a href="{href}">{escape(practice.name.get(lang))}</a> '
            f'<span class="kit-note">({escape(rating)})</span>{avoid}</li>'
        )
    return f"<h3>{escape(title)}</h3><ul>{''.join(items)}</ul>"


def render_places_table(
    content: Content, lang: str, kinds: tuple[str, ...] = PLACE_KINDS, region: str = "border"
) -> str:
    """Return every shown place as a table (the map's text version), west to east by kind."""
    t = lambda key, **v: translate(key, lang, **v)  # noqa: E731 - local shorthand
    places = content.records["places"]
    columns = ("name", "kind", "city", "sister", "sector", "coordinates", "sources")
    head = "".join(f'<th scope="col">{escape(t(f"map.table.{c}"))}</th>' for c in columns)
    rows = []
    for place in (p for p in places_west_to_east(content, kinds) if in_region(p, region)):
        sector = places[place.sector].name.get(lang) if place.sector in places else ""
        sources = "<br>".join(citation_html(c, content, lang) for c in place.sources)
        rows.append(
            f'<tr><th scope="row">{escape(place.name.get(lang))}</th>'
            f"<td>{escape(t(f'map.kind.{place.kind}'))}</td>"
            f"<td>{escape(place.city)}, {escape(place.state)}</td>"
            f"<td>{escape(place.sister_city.get(lang)) if place.sister_city else ''}</td>"
            f"<td>{escape(sector)}</td>"
            f"<td>{place.coordinates.lat:.2f}, {place.coordinates.lon:.2f}</td><td>{sources}</td></tr>"
        )
    return (
        f'<table class="kit-table kit-places-table"><caption>{escape(t("map.table.caption"))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
