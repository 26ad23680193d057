"""Fixtures shared by every tier."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder of test fixture files (broken content and the like)."""
    return FIXTURES


@pytest.fixture(scope="session", autouse=True)
def isolated_data_folder(tmp_path_factory):
    """Keep everything the tests write (content cache, saved progress) out of the user's folder."""
    import os

    previous = os.environ.get("KIT_DATA_DIR")
    os.environ["KIT_DATA_DIR"] = str(tmp_path_factory.mktemp("kit-data"))
    yield
    if previous is None:
        os.environ.pop("KIT_DATA_DIR", None)
    else:
        os.environ["KIT_DATA_DIR"] = previous
