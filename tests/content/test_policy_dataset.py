"""Tier 2: the shipped use-of-force dataset is complete, cited and honest about unknowns."""

from __future__ import annotations

import pytest

from kit import policies
from kit.content import load_content
from kit.model import UNKNOWN

pytestmark = pytest.mark.content


@pytest.fixture(scope="module")
def content():
    """The kit's own content, strictly validated."""
    return load_content([], strict=True)


def test_at_least_12_instruments_and_18_dimensions_every_cell_coded(content):
    """12+ instruments × 18+ dimensions, and one provision per pair."""
    assert len(content.instruments) >= 12
    assert len(content.dimensions) >= 18
    assert len(content.provisions) == len(content.instruments) * len(content.dimensions)


def test_every_cell_is_cited_or_explicitly_unknown(content):
    """A coded cell has a citation; an unknown cell says what is missing, in both languages."""
    for key, provision in content.provisions.items():
        if provision.code == UNKNOWN:
            assert provision.notes and provision.notes.en and provision.notes.es, key
        else:
            assert provision.citations, key


def test_the_three_lineages_run_oldest_to_newest(content):
    """CBP 2010→2014→2021, DHS 2004→2018→2023, LNUF 2019→2024."""
    assert policies.lineages(content) == {
        "cbp-use-of-force-policy": ["cbp-hb-4500-01b-2010", "cbp-hb-4500-01c-2014", "cbp-uof-policy-2021"],
        "dhs-use-of-force-policy": ["dhs-deadly-force-2004", "dhs-ps-044-05-2018", "dhs-ps-044-05-rev01-2023"],
        "lnuf": ["lnuf-2019", "lnuf-2024"],
    }


def test_unconfirmed_cbp_2021_designation_is_not_asserted(content):
    """The 2021 CBP policy's designation is unknown, and 'HB 4500-01D' appears nowhere."""
    assert content.instruments["cbp-uof-policy-2021"].designation is None
    for provision in content.provisions.values():
        assert "4500-01D" not in provision.summary.en + (provision.notes.en if provision.notes else "")


def test_every_dimension_with_a_un_standard_rates_every_code_but_unknown(content):
    """The codebook's UN mapping leaves no code unrated except 'unknown'."""
    for dimension in content.dimensions.values():
        if dimension.un is None:
            continue
        rated = set(dimension.un.meets) | set(dimension.un.partly_meets) | set(dimension.un.falls_short)
        assert rated == set(dimension.code_ids()) - {UNKNOWN}, dimension.id


def test_coverage_is_reported_for_every_instrument(content):
    """Coverage has a row per instrument and shares that add up to one."""
    frame = policies.coverage(content)
    assert len(frame) == len(content.instruments) + 1
    for _, row in frame.iterrows():
        assert row[["primary", "secondary", "unverified", "unknown"]].sum() == pytest.approx(1.0)
