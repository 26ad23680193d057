"""The benchmarks still run (tiny sizes); their figures are printed by `make benchmark`, not judged here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
BENCHMARKS = Path(__file__).parents[2] / "benchmarks"


def run_benchmark(script: str, *args: str) -> dict:
    """Run a benchmark with --json and return its figures."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args, "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_time_to_interactive_benchmark_runs_once(chromium_path):
    """One visit per page yields a time per page, their ratio and kernel memory."""
    figures = run_benchmark("time_to_interactive.py", "--runs", "1", "--warmup", "0")
    pages = {
        "trivial.ipynb",
        "index.ipynb",
        "policy-comparison.ipynb",
        "scenario-player.ipynb",
        "outreach-practices.ipynb",
        "border-map.ipynb",
        "outreach-planner.ipynb",
        "border-statistics.ipynb",
    }
    assert set(figures["median_seconds"]) == pages
    assert all(0 < s < 120 for s in figures["median_seconds"].values())
    assert figures["ratio_to_trivial"]["trivial.ipynb"] == 1.0
    assert all(rss and rss > 10 for rss in figures["kernel_rss_mib"].values())


def test_scenario_click_benchmark_runs_once(chromium_path):
    """One scenario played and three baseline clicks yield both medians and their ratio."""
    figures = run_benchmark("scenario_click.py", "--scenarios", "1", "--baseline-clicks", "3")
    assert figures["clicks"] >= 1 and figures["median_click_to_next_node_s"] > 0 and figures["ratio"] > 0
