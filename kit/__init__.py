"""Border Violence Prevention Training Kit: content, comparisons and Voila apps.

The public API is the names in ``__all__``; notebooks import only these. Names are imported
on first use, so an app notebook loads only what its app needs (the landing page does not
pay for pandas).
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "BorderMap": "kit.apps.border_map",
    "Citation": "kit.model",
    "Content": "kit.content",
    "ContentError": "kit.content",
    "ContentInvalid": "kit.content",
    "EvidenceLevel": "kit.model",
    "GlossaryTerm": "kit.model",
    "LandingPage": "kit.apps.landing",
    "OutreachPlanner": "kit.apps.outreach_planner",
    "PolicyExplorer": "kit.apps.policy_explorer",
    "PracticeCatalog": "kit.apps.practice_catalog",
    "ScenarioPlayer": "kit.apps.scenario_player",
    "Source": "kit.model",
    "StatisticsLesson": "kit.apps.border_statistics",
    "Text": "kit.model",
    "check_content": "kit.content",
    "load_content": "kit.content",
}

__all__ = [
    "BorderMap",
    "Citation",
    "Content",
    "ContentError",
    "ContentInvalid",
    "EvidenceLevel",
    "GlossaryTerm",
    "LandingPage",
    "OutreachPlanner",
    "PolicyExplorer",
    "PracticeCatalog",
    "ScenarioPlayer",
    "Source",
    "StatisticsLesson",
    "Text",
    "check_content",
    "load_content",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
