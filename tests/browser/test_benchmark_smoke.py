"""The benchmark still runs (N=1); its figures are printed by `make benchmark`, not judged here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SCRIPT = Path(__file__).parents[2] / "benchmarks" / "time_to_interactive.py"


def test_time_to_interactive_benchmark_runs_once(chromium_path):
    """One visit per page yields a time per page, their ratio and kernel memory."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--runs", "1", "--warmup", "0", "--json"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout)
    assert set(figures["median_seconds"]) == {"trivial.ipynb", "index.ipynb", "policy-comparison.ipynb"}
    assert all(0 < s < 120 for s in figures["median_seconds"].values())
    assert figures["ratio_to_trivial"]["trivial.ipynb"] == 1.0
    assert all(rss and rss > 10 for rss in figures["kernel_rss_mib"].values())
