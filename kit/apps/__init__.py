"""The kit's apps: one ipywidgets class each, exposing ``.widget``."""

from kit.apps.base import KitApp
from kit.apps.landing import LandingPage

__all__ = ["KitApp", "LandingPage"]
