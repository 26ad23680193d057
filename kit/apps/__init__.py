"""The kit's apps: one ipywidgets class each, exposing ``.widget`` (imported on first use)."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "BorderMap": "kit.apps.border_map",
    "KitApp": "kit.apps.base",
    "LandingPage": "kit.apps.landing",
    "OutreachPlanner": "kit.apps.outreach_planner",
    "PolicyExplorer": "kit.apps.policy_explorer",
    "PracticeCatalog": "kit.apps.practice_catalog",
    "ScenarioPlayer": "kit.apps.scenario_player",
    "StatisticsLesson": "kit.apps.border_statistics",
}
__all__ = [
    "BorderMap",
    "KitApp",
    "LandingPage",
    "OutreachPlanner",
    "PolicyExplorer",
    "PracticeCatalog",
    "ScenarioPlayer",
    "StatisticsLesson",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'kit.apps' has no attribute {name!r}")
