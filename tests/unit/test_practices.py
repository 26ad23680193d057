"""Tier 1: practice filtering and the PracticeCatalog app, on the shipped catalog."""

from __future__ import annotations

import pytest

from kit.apps import PracticeCatalog
from kit.content import load_content
from kit.practice_views import render_practice, render_practice_sheet
from kit.practices import best_rating, filter_practices


@pytest.fixture(scope="module")
def content():
    """The kit's own content."""
    return load_content([])


def test_filters_combine_and_rank_best_evidence_first(content):
    """Each filter narrows the list; practices to avoid come last."""
    everything = filter_practices(content, "en")
    assert len(everything) == len(content.records["practices"])
    assert everything[-1].avoid
    assert best_rating(everything[0]) == "effective"
    effective = filter_practices(content, "en", rating="effective")
    assert effective and all("effective" in {r.rating for r in p.ratings} for p in effective)
    council = filter_practices(content, "en", kind="council-initiative")
    assert council and all(p.kind == "council-initiative" for p in council)
    assert filter_practices(content, "en", query="zzzz-no-such-word") == []


def test_search_works_in_the_chosen_language(content):
    """A Spanish word finds practices in Spanish, not in English."""
    assert filter_practices(content, "es", query="consulado")
    assert not filter_practices(content, "en", query="consulado")


def test_catalog_filters_opens_and_switches_language(content):
    """Filter by evidence, open a practice, switch to Spanish: the same practice, in Spanish."""
    app = PracticeCatalog(content, "en")
    app.filter(rating="effective")
    buttons = [w for w in app._body.children if "kit-practice-list" in w._dom_classes][0].children
    assert len(buttons) == 1
    buttons[0].click()
    assert "Effective" in app._body.children[-1].value and "CrimeSolutions" in app._body.children[-1].value
    app._language.value = "es"
    assert app._rating.value == "effective"
    assert "Efectivo" in app._body.children[-1].value and "Descargar una ficha" in app._body.children[-1].value


def test_practice_sheet_is_standalone(content):
    """The printable sheet has no script and states its language."""
    practice = content.records["practices"]["scared-straight-visits"]
    html = render_practice_sheet(practice, content, "es")
    assert html.startswith('<!DOCTYPE html><html lang="es">') and "<script" not in html
    assert "Evítela" in html


def test_catalog_filters_by_audience_and_by_the_language_of_the_sources(content):
    """Audience keeps practices for that group; 'sources in Spanish' keeps those with a Spanish source."""
    youth = filter_practices(content, "en", audience="youth")
    assert youth and all("youth" in p.audiences for p in youth)
    spanish = filter_practices(content, "en", language="es")
    assert spanish and all(any("es" in content.sources[c.source].language for c in p.sources) for p in spanish)
    assert len(spanish) < len(filter_practices(content, "en"))
    app = PracticeCatalog(content, "es")
    app.filter(audience="youth", source_language="es")
    listed = [w for w in app._body.children if "kit-practice-list" in w._dom_classes][0].children
    assert len(listed) == len([p for p in youth if p in spanish])


def test_practice_detail_links_related_apps_but_the_sheet_does_not(content):
    """In the catalog, related scenarios, questions and places link to their apps; the sheet names them."""
    practice = next(p for p in content.records["practices"].values() if p.scenarios and p.places)
    detail = render_practice(practice, content, "es", links=True)
    assert f'href="scenario-player.ipynb?lang=es&amp;scenario={practice.scenarios[0]}"' in detail
    assert f'href="border-map.ipynb?lang=es&amp;place={practice.places[0]}"' in detail
    sheet = render_practice_sheet(practice, content, "es")
    assert "scenario-player.ipynb" not in sheet
    assert content.records["scenarios"][practice.scenarios[0]].title.es in sheet
