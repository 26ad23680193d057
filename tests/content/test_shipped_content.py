"""Tier 2: content QA on what the kit ships."""

from __future__ import annotations

import pytest

from kit.content import check_content, load_content

pytestmark = pytest.mark.content


def test_shipped_content_passes_strict_check():
    """`kit check --strict`: valid, both languages everywhere."""
    errors = check_content([], strict=True)
    assert errors == [], "\n".join(map(str, errors))


def test_every_citation_is_located_and_levelled():
    """Every citation has a locator and an evidence level, and its source a URL."""
    content = load_content([])
    for term in content.glossary.values():
        for citation in term.citations:
            assert citation.locator.strip()
            assert content.sources[citation.source].url.startswith("https://")

