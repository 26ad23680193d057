"""Tier 1: UI string catalogs and the page language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit import i18n

KIT = Path(__file__).parents[2] / "kit"


def test_catalogs_have_the_same_keys():
    """Every UI string exists in English and in Spanish."""
    en, es = set(i18n.catalog("en")), set(i18n.catalog("es"))
    assert en - es == set(), f"missing in es.yaml: {sorted(en - es)}"
    assert es - en == set(), f"missing in en.yaml: {sorted(es - en)}"


def test_catalog_strings_are_not_empty_and_fields_match():
    """No empty string, and both languages fill the same {fields}."""
    for key in i18n.catalog("en"):
        en, es = i18n.catalog("en")[key], i18n.catalog("es")[key]
        assert en.strip() and es.strip(), key
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", es)), key


def test_every_key_used_in_the_code_exists():
    """A literal key passed to translate()/t() in kit/ is in the catalogs."""
    used = set()
    for path in KIT.rglob("*.py"):
        used |= set(re.findall(r"""(?:translate|\.t)\(\s*["']([a-z][\w.]+)["']""", path.read_text()))
    assert used, "the scan found no keys: the pattern is broken"
    assert used - set(i18n.catalog("en")) == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("lang=es", "es"), ("lang=es-MX", "es"), ("lang=EN", "en"), ("lang=fr", "en"), ("", "en"), ("x=1&lang=es", "es")],
)
def test_request_language_reads_the_voila_query_string(monkeypatch, query, expected):
    """Voila puts the query string in QUERY_STRING; unknown languages fall back."""
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.delenv("KIT_LANG", raising=False)
    monkeypatch.setenv("QUERY_STRING", query)
    assert i18n.request_language() == expected


def test_default_language_comes_from_kit_lang(monkeypatch):
    """Without ?lang=, KIT_LANG sets the default."""
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setenv("KIT_LANG", "es")
    assert i18n.request_language() == "es"


def test_translate_fills_fields_and_rejects_unknown_language():
    """Fields are filled; a language the kit lacks is an error, not a silent fallback."""
    assert i18n.translate("landing.sources.count", "es", sources=3, terms=6).startswith("3 fuentes")
    with pytest.raises(ValueError, match="unknown language"):
        i18n.catalog("fr")
