"""The kit's apps: one ipywidgets class each, exposing ``.widget`` (imported on first use)."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "KitApp": "kit.apps.base",
    "LandingPage": "kit.apps.landing",
    "PolicyExplorer": "kit.apps.policy_explorer",
    "PracticeCatalog": "kit.apps.practice_catalog",
    "ScenarioPlayer": "kit.apps.scenario_player",
}
__all__ = ["KitApp", "LandingPage", "PolicyExplorer", "PracticeCatalog", "ScenarioPlayer"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'kit.apps' has no attribute {name!r}")
