"""The kit's apps: one ipywidgets class each, exposing ``.widget``."""

from kit.apps.base import KitApp
from kit.apps.landing import LandingPage
from kit.apps.policy_explorer import PolicyExplorer

__all__ = ["KitApp", "LandingPage", "PolicyExplorer"]
