"""Fixtures shared by every tier."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder of test fixture files (broken content and the like)."""
    return FIXTURES
