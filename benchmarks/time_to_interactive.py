"""Time to first visible widget: the kit's apps against a trivial one-widget notebook.

One run starts one ``kit serve`` (the kit's real settings) on a folder holding the kit's
notebooks plus a trivial notebook, then loads each app N times in headless Chromium,
alternating, each visit in a fresh browser context. It prints, per page, the median time
from navigation to the first visible widget, the ratio against the trivial notebook, and
the memory (RSS) of the kernel each visit started.

By default kernels are cold (``--pool-size 0``): every visit pays for its own kernel, which is
what the visitors after the preheated ones meet. ``--pool-size 1 --settle 8`` measures
preheated kernels instead (the pause lets the pool refill between visits).

    python benchmarks/time_to_interactive.py --runs 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import psutil
from common import served_kit
from playwright.sync_api import sync_playwright

from kit.browser import CHROMIUM_ARGS

TRIVIAL = "trivial.ipynb"
PAGES = {  # notebook -> CSS selector of the widget whose appearance ends the clock
    TRIVIAL: ".kit-trivial",
    "index.ipynb": ".kit-app-landing h1",
    "policy-comparison.ipynb": ".kit-app-policies .kit-matrix button",
    "scenario-player.ipynb": ".kit-app-scenarios .kit-picker select",
    "outreach-practices.ipynb": ".kit-app-practices button.kit-practice-item",
    "border-map.ipynb": ".kit-app-border-map button.kit-marker",
    "outreach-planner.ipynb": ".kit-app-planner .kit-planner-problem textarea",
    "border-statistics.ipynb": ".kit-app-statistics .kit-stat-figures svg",
}


TRIVIAL_SOURCE = (
    "import ipywidgets as widgets\n"
    "button = widgets.Button(description='Trivial')\n"
    "button.add_class('kit-trivial')\n"
    "button"
)


def kernel_processes(server_pid: int) -> dict[int, psutil.Process]:
    """Return the kernel processes started by the Voila server, by pid."""
    try:
        children = psutil.Process(server_pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return {}
    found = {}
    for child in children:
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found[child.pid] = child
        except psutil.Error:
            continue
    return found


def server_pid(port: int) -> int:
    """Return the pid of the process listening on ``port``."""
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
            return conn.pid
    raise RuntimeError(f"no process listens on port {port}")


def visit(browser, url: str, selector: str, timeout_ms: int) -> float:
    """Load ``url`` in a fresh context; return seconds until ``selector`` is visible."""
    context = browser.new_context()
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.locator(selector).first.wait_for(state="visible", timeout=timeout_ms)
        return time.perf_counter() - start
    finally:
        context.close()


def measure(runs: int, warmup: int, pool_size: int, settle: float) -> dict:
    """Run the benchmark; return the figures as a dict."""
    times: dict[str, list[float]] = {name: [] for name in PAGES}
    memory: dict[str, list[float]] = {name: [] for name in PAGES}
    with served_kit(TRIVIAL, TRIVIAL_SOURCE, pool_size) as (base, port, chromium), sync_playwright() as pw:
        pid = server_pid(port)
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            for round_no in range(warmup + runs):
                for name, selector in PAGES.items():
                    if settle:
                        time.sleep(settle)
                    before = set(kernel_processes(pid))
                    seconds = visit(browser, f"{base}voila/render/{name}", selector, 120_000)
                    if round_no < warmup:
                        continue
                    times[name].append(seconds)
                    new = [p for k, p in kernel_processes(pid).items() if k not in before]
                    # Only a cold visit's new kernel is its own; with a pool, new kernels are refills.
                    if new and pool_size == 0:
                        memory[name].append(sum(p.memory_info().rss for p in new) / 2**20)
        finally:
            browser.close()
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "runs": runs,
        "warmup": warmup,
        "pool_size": pool_size,
        "median_seconds": medians,
        "all_seconds": times,
        "ratio_to_trivial": {name: median / medians[TRIVIAL] for name, median in medians.items()},
        "kernel_rss_mib": {name: statistics.median(v) if v else None for name, v in memory.items()},
    }


def report(figures: dict) -> str:
    """Return the figures as a small table."""
    base = figures["median_seconds"][TRIVIAL]
    lines = [
        f"time to first visible widget — {figures['runs']} run(s) each after {figures['warmup']} warm-up, "
        f"pool size {figures['pool_size']}",
        f"{'page':<26}{'median s':>10}{'ratio':>8}{'kernel RSS MiB':>16}",
    ]
    for name, median in figures["median_seconds"].items():
        rss = figures["kernel_rss_mib"][name]
        rss_text = f"{rss:.0f}" if rss is not None else "n/a"
        lines.append(f"{name:<26}{median:>10.2f}{median / base:>8.2f}{rss_text:>16}")
    lines.append("targets: each app's ratio to the trivial notebook ≤ 1.5")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured visits per page")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured visits per page first")
    parser.add_argument("--pool-size", type=int, default=0, help="preheated kernels per notebook")
    parser.add_argument("--settle", type=float, default=0.0, help="seconds to wait before each visit")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(args.runs, args.warmup, args.pool_size, args.settle)
    print(json.dumps(figures, indent=2) if args.json else report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
