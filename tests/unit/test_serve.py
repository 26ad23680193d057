"""Tier 1: the Voila settings ``kit serve`` uses, and the template it ships."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.paths import jupyter_dir
from kit.serve import ServeSettings, check_layout, voila_command

TEMPLATE = jupyter_dir() / "voila" / "templates" / "kit"


def test_command_sets_the_classroom_settings():
    """Preheat, culling, IOPub timeout, hidden tracebacks, our template, loopback only."""
    command = " ".join(voila_command(ServeSettings(port=9999, pool_size=2)))
    for setting in (
        "--port=9999",
        "--Voila.ip=127.0.0.1",
        "--template=kit",
        "--preheat_kernel=True",
        '"pool_size": 2',
        "--MappingKernelManager.cull_idle_timeout=300",
        "--VoilaExecutor.iopub_timeout=60",
        "--VoilaConfiguration.show_tracebacks=False",
        "Content-Security-Policy",
    ):
        assert setting in command, setting
    assert "progressive_rendering" not in command  # refuses to start with preheat


def test_pool_size_zero_turns_preheat_off():
    """Preheating can be switched off (e.g. for a machine short of memory)."""
    assert "--preheat_kernel=True" not in voila_command(ServeSettings(pool_size=0))


def test_template_loads_nothing_from_outside():
    """No template file names an http(s) address to load (links to docs aside)."""
    for path in TEMPLATE.iterdir():
        text = path.read_text(encoding="utf-8")
        loads = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", text)
        assert loads == [], f"{path.name} loads {loads}"
        assert "cdn." not in text.replace("CDN", ""), path.name


def test_template_extends_lab():
    """The kit template is the lab template plus our changes."""
    assert '"base_template": "lab"' in (TEMPLATE / "conf.json").read_text()


def test_refuses_to_serve_a_tree_that_holds_the_data_folder(monkeypatch, tmp_path):
    """The data folder (the results database later) must lie outside the served tree."""
    (tmp_path / "index.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("KIT_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(SystemExit, match="inside the served folder"):
        check_layout(ServeSettings(notebooks=tmp_path))
    monkeypatch.setenv("KIT_DATA_DIR", str(tmp_path.parent / "elsewhere-data"))
    check_layout(ServeSettings(notebooks=tmp_path))


def test_refuses_a_folder_without_landing_page(tmp_path):
    """Serving a folder with no index.ipynb fails with a clear message."""
    with pytest.raises(SystemExit, match="no landing page"):
        check_layout(ServeSettings(notebooks=Path(tmp_path)))


def test_content_security_policy_allows_only_this_server():
    """The pages may connect, load scripts and styles only from the serving host."""
    from kit.serve import CONTENT_SECURITY_POLICY

    assert "default-src 'self'" in CONTENT_SECURITY_POLICY and "connect-src 'self'" in CONTENT_SECURITY_POLICY
    assert not re.search(r"(?<![\w-])(ws|wss|https?):(?!//127)", CONTENT_SECURITY_POLICY)
    assert "*" not in CONTENT_SECURITY_POLICY
