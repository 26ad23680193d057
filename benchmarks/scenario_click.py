"""Click-to-next-node time in the scenario player, against a one-button round trip.

One ``kit serve`` run serves the kit's notebooks plus a baseline notebook whose button
rewrites one HTML widget. In headless Chromium the benchmark plays each of N scenarios
to an ending (always the first choice on offer) and times each click until the next
narration is on screen; in the same run it times N×10 baseline clicks until the HTML
changes. It prints both medians and their ratio.

    python benchmarks/scenario_click.py --scenarios 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from common import served_kit
from playwright.sync_api import sync_playwright

from kit.browser import CHROMIUM_ARGS

BASELINE = "click-baseline.ipynb"


BASELINE_SOURCE = (
    "import ipywidgets as widgets\n"
    "out = widgets.HTML('0')\n"
    "out.add_class('kit-baseline-out')\n"
    "button = widgets.Button(description='Next')\n"
    "button.add_class('kit-baseline')\n"
    "button.on_click(lambda _b: setattr(out, 'value', str(int(out.value) + 1)))\n"
    "widgets.VBox([button, out])"
)


def time_baseline(page, base: str, clicks: int) -> list[float]:
    """Seconds from each baseline click to the changed HTML."""
    page.goto(f"{base}voila/render/{BASELINE}")
    out = page.locator(".kit-baseline-out")
    out.wait_for(state="visible", timeout=120_000)
    times = []
    for n in range(1, clicks + 1):
        start = time.perf_counter()
        page.locator("button.kit-baseline").click()
        page.wait_for_function(
            "(n) => document.querySelector('.kit-baseline-out').innerText.trim() === String(n)", arg=n
        )
        times.append(time.perf_counter() - start)
    return times


def time_scenario(page, base: str, index: int) -> list[float]:
    """Seconds from each choice click to the next step drawn, playing scenario ``index``."""
    page.goto(f"{base}voila/render/scenario-player.ipynb")
    page.locator(".kit-picker select").wait_for(state="visible", timeout=120_000)
    page.locator(".kit-picker select").select_option(index=index)
    page.locator("button.kit-start").click()
    page.locator(".kit-narration").wait_for(state="visible")
    times = []
    for _ in range(60):
        if page.locator(".kit-debrief").count():
            break
        before = page.locator(".kit-progress-text").inner_text()
        start = time.perf_counter()
        page.locator("button.kit-choice").first.click()
        # The step counter moves on every decision, even one that loops back to the same node.
        page.wait_for_function(
            "(t) => { const n = document.querySelector('.kit-progress-text');"
            " return n && n.innerText !== t && (document.querySelector('.kit-debrief')"
            " || document.querySelector('button.kit-choice')); }",
            arg=before,
        )
        times.append(time.perf_counter() - start)
    return times


def measure(scenarios: int, baseline_clicks: int) -> dict:
    """Run the benchmark; return the figures."""
    with served_kit(BASELINE, BASELINE_SOURCE) as (base, _port, chromium), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            baseline = time_baseline(browser.new_context().new_page(), base, baseline_clicks)
            clicks: list[float] = []
            for index in range(1, scenarios + 1):
                clicks += time_scenario(browser.new_context().new_page(), base, index)
        finally:
            browser.close()
    return {
        "scenarios": scenarios,
        "clicks": len(clicks),
        "median_click_to_next_node_s": statistics.median(clicks),
        "median_baseline_round_trip_s": statistics.median(baseline),
        "ratio": statistics.median(clicks) / statistics.median(baseline),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", type=int, default=3, help="scenarios to play to an ending")
    parser.add_argument("--baseline-clicks", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = measure(args.scenarios, args.baseline_clicks)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"scenario player: median click → next node {figures['median_click_to_next_node_s'] * 1000:.0f} ms "
            f"over {figures['clicks']} clicks in {figures['scenarios']} scenario(s)\n"
            "baseline (one button rewriting one HTML widget): "
            f"median {figures['median_baseline_round_trip_s'] * 1000:.0f} ms\n"
            f"ratio: {figures['ratio']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
