"""Tier 2: the shipped border statistics — every row cited, the known revisions and unit changes present."""

from __future__ import annotations

import pytest

from kit.content import load_content
from kit.model import METRICS, EvidenceLevel


@pytest.fixture(scope="module")
def content():
    """The shipped content."""
    return load_content([])


@pytest.fixture(scope="module")
def rows(content):
    """Every shipped statistic row."""
    return list(content.records["statistics"].values())


def test_every_metric_has_rows_and_every_row_is_cited(content, rows):
    """Each metric has figures; each row names a registered source with an address and a locator."""
    assert {r.metric for r in rows} == set(METRICS)
    for r in rows:
        source = content.sources[r.source]
        assert source.url.startswith(("http://", "https://")), r.key
        assert r.locator.strip() and isinstance(r.evidence, EvidenceLevel), r.key


def test_missing_figures_are_empty_with_a_note_in_both_languages(rows):
    """A figure that was not found is an empty value with a note, never a zero."""
    missing = [r for r in rows if r.value is None]
    assert missing, "the data should show at least one known gap"
    for r in missing:
        assert r.note_en and r.note_es, r.key
        assert r.evidence is EvidenceLevel.UNVERIFIED, r.key
    assert all(r.value != 0 for r in rows)


@pytest.mark.parametrize(
    ("metric", "year", "earlier", "later"),
    [
        ("uof-firearm", 2012, 58, 55),
        ("uof-total", 2015, 768, 756),
        ("assaults", 2015, 390, 477),
        ("uof-firearm", 2016, 27, 25),
        ("migrant-deaths", 2021, 557, 568),
        ("rescues", 2021, 12854, 12857),
        ("migrant-deaths", 2022, 856, 880),
    ],
)
def test_known_revisions_ship_both_figures(rows, metric, year, earlier, later):
    """Where two figures were published for one year, both rows ship; the later names the earlier."""
    of_year = [r for r in rows if r.metric == metric and r.fiscal_year == year and r.scope != "sector"]
    assert any(r.value == earlier for r in of_year)
    assert any(r.value == later and r.revised_from == earlier for r in of_year)


def test_counting_units_change_in_the_data(rows):
    """Use of force moves from applications to singular uses and incidents; FY2023 rescues are events."""
    units = {(r.metric, r.unit) for r in rows}
    assert {("uof-total", "applications"), ("uof-total", "singular-uses"), ("uof-total", "incidents")} <= units
    (events,) = [r for r in rows if r.metric == "rescues" and r.unit == "events"]
    assert events.fiscal_year == 2023


def test_sector_rows_name_a_border_patrol_sector(content, rows):
    """A sector figure points at a sector place of the outreach data."""
    sector_rows = [r for r in rows if r.scope == "sector"]
    assert sector_rows
    assert all(content.records["places"][r.sector].kind == "sector" for r in sector_rows)


def test_caveats_cover_units_revisions_undercount_causes_and_the_mexico_gap(content):
    """The lesson's plain-words caveats exist in both languages, each with a source."""
    caveats = content.records["statistics-caveats"]
    for needed in ("units-changed", "figures-revised", "deaths-undercounted", "deaths-are-not-use-of-force",
                   "counters-differ", "no-mexican-series"):
        caveat = caveats[needed]
        assert caveat.body.en and caveat.body.es and caveat.citations, needed
    cited = {c.source for c in caveats["deaths-undercounted"].citations}
    assert {"gao-2006-border-crossing-deaths", "gao-22-105053"} <= cited


def test_no_two_charted_figures_fall_on_one_point(rows):
    """Every shipped charted figure is alone at its metric, year, period, unit and scope, or revises the other."""
    from kit.statistics import chart_collision

    assert [r.key for r in rows if chart_collision(r, rows) is not None] == []
