"""Tier 1: the project's own rules — public API, packaging, thin notebooks."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import yaml

import kit

ROOT = Path(__file__).parents[2]


def test_public_api_is_declared_once_and_sorted():
    """kit.__all__ is sorted, and every name in it exists."""
    assert kit.__all__ == sorted(kit.__all__)
    for name in kit.__all__:
        assert getattr(kit, name).__doc__, f"{name} has no docstring"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(requirement: str) -> str:
    return requirement.strip()[len(_name(requirement)):].replace(" ", "")


def test_environment_yml_mirrors_pyproject():
    """Same packages with the same version ranges in environment.yml and pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r): _spec(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {
        _name(d): _spec(d)
        for d in env["dependencies"]
        if isinstance(d, str) and _name(d) not in ("python", "pip")
    }
    assert conda == wanted


def test_notebooks_are_thin_and_committed_without_outputs():
    """No notebook defines a function or class, and none carries outputs."""
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
    assert notebooks, "no notebooks found"
    for path in notebooks:
        nb = json.loads(path.read_text())
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                assert not re.search(r"^\s*(def|class)\s", source, re.M), f"{path.name} defines code"
                assert not cell.get("outputs"), f"{path.name} has outputs"
                assert cell.get("execution_count") is None, f"{path.name} has execution counts"


def test_readme_gives_the_two_commands_first():
    """The README's first lines give `make app` and `make test`; .ci/run calls `make test`."""
    head = (ROOT / "README.md").read_text().split("\n## ")[0]
    assert "make app" in head and "make test" in head
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "KIT_REQUIRE_BROWSER=1" in ci


def test_public_names_match_the_lazy_table():
    """Every public name is in the import table and nothing else is."""
    assert set(kit.__all__) == set(kit._WHERE)


def test_landing_page_does_not_import_pandas():
    """The landing page's notebook stays light: importing its app does not load pandas."""
    import subprocess
    import sys

    code = "import sys; from kit import LandingPage; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
