"""The landing page app: what the kit is, its apps, and the key terms."""

from __future__ import annotations

import ipywidgets as widgets

from kit.apps.base import KitApp
from kit.landing import APP_CARDS, render_app_cards, render_intro, render_key_terms


class LandingPage(KitApp):
    """The kit's front page, in English or Spanish.

    Build it with :meth:`LandingPage.from_content` and show :attr:`widget`.
    """

    name = "landing"

    def _render_body(self) -> list[widgets.Widget]:
        assert self.content is not None
        return [
            widgets.HTML(render_intro(self.lang)).add_class("kit-intro"),
            widgets.HTML(render_app_cards(APP_CARDS, self.lang)).add_class("kit-apps"),
            widgets.HTML(render_key_terms(self.content, self.lang)).add_class("kit-terms"),
        ]
