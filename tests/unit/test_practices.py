"""Tier 1: practice filtering and the PracticeCatalog app, on the shipped catalog."""

from __future__ import annotations

import pytest

from kit.apps import PracticeCatalog
from kit.content import load_content
from kit.practice_views import render_practice_sheet
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
