"""Tier 1: the ``kit`` command line, run as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"


def kit(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kit`` with arguments; capture its output."""
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True, check=False)


def test_check_passes_on_shipped_content():
    """`kit check --strict` exits 0 on the kit's own content."""
    result = kit("check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Content is valid" in result.stdout


def test_check_lists_every_error_and_exits_1():
    """`kit check PATH` prints path:line: lines for every problem and exits 1."""
    result = kit("check", str(FIXTURES / "many-problems"))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 8
    assert all(":" in line and line.split(":")[1].isdigit() for line in lines)
    assert "8 problem(s) found." in result.stderr


def test_check_reports_yaml_syntax_error_with_line():
    """A YAML syntax error is path:LINE: and exit 1."""
    result = kit("check", str(FIXTURES / "yaml-syntax"))
    assert result.returncode == 1
    assert "broken.yaml:8: YAML syntax error" in result.stdout


def test_export_unknown_kind_is_a_usage_error():
    """`kit export no-such-kind` explains the choices and exits 2."""
    result = kit("export", "no-such-kind")
    assert result.returncode == 2
    assert "unknown kind 'no-such-kind'" in result.stderr and "sources" in result.stderr


def test_unknown_command_is_a_usage_error():
    """A command the kit does not have exits 2."""
    assert kit("frobnicate").returncode == 2


def test_export_sources_as_csv_and_json(tmp_path):
    """Sources export as CSV (to a file) and JSON (to stdout) with the same rows."""
    out = tmp_path / "sources.csv"
    assert kit("export", "sources", "--format", "csv", "-o", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    data = json.loads(kit("export", "sources", "--format", "json").stdout)
    assert [r["id"] for r in rows] == [d["id"] for d in data]
    assert {"lnuf-2019", "idconline-2019-lnuf"} <= {r["id"] for r in rows}


def test_console_script_is_installed():
    """The `kit` console script exists next to the interpreter and answers --help."""
    script = Path(sys.executable).with_name("kit")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "check" in result.stdout
