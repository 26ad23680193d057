"""What every kit app shares: the language switch, the error panels, one refresh.

An app is one object built from content with ``from_content(...)`` and shown through its
``.widget``. Every observer routes to :meth:`KitApp._refresh`; callbacks are wrapped so an
exception is shown in the app (Voila hides tracebacks, and ipywidgets would drop it).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable
from importlib.resources import files
from typing import Any, Self

import ipywidgets as widgets

from kit.content import Content, ContentError, ContentInvalid, load_content
from kit.html import error_panel
from kit.i18n import request_language, translate
from kit.model import LANGUAGES

log = logging.getLogger(__name__)

_CSS = files("kit").joinpath("apps", "kit.css").read_text(encoding="utf-8")


def browser_key_from_id(value: str) -> str | None:
    """Return the key work is saved under for a browser's id, or ``None`` for a malformed id.

    The id is 32 hexadecimal digits the page keeps in the browser's local storage; only a hash
    of it is used, so the saved files never hold the id itself.
    """
    if not re.fullmatch(r"[0-9a-f]{32}", value or ""):
        return None
    return hashlib.sha256(f"kit-browser:{value}".encode()).hexdigest()[:32]


class KitApp:
    """Base of the kit's apps.

    Subclasses set :attr:`name` and implement :meth:`_render_body`, returning the widgets of
    the app's body for the current language; they call :meth:`_refresh` after any change.

    Parameters
    ----------
    content:
        Validated content, or ``None`` when loading failed.
    lang:
        ``"en"`` or ``"es"``.
    errors:
        The content errors to show instead of the app, when ``content`` is ``None``.
    """

    name = "app"
    remembers_browser = False
    """True for apps that save work per browser. The page gives such an app an id it keeps in
    the browser's local storage (through a hidden text widget, see the Voila template); the app
    learns it a moment after it is drawn, as :attr:`browser` (a hash), and then calls
    :meth:`_browser_known` to restore saved work."""

    def __init__(self, content: Content | None, lang: str, errors: Iterable[ContentError] = ()):
        self.content = content
        self.lang = lang
        self.errors: tuple[ContentError, ...] = tuple(errors)
        self._language = widgets.ToggleButtons(
            options=[(translate(f"app.language.{code}", code), code) for code in LANGUAGES],
            value=lang,
            tooltips=[translate(f"app.language.{code}", code) for code in LANGUAGES],
            style={"button_width": "6rem"},
        )
        self._language.add_class("kit-lang")
        self._language.observe(self._safe(self._on_language), names="value")
        self._message = widgets.HTML().add_class("kit-message")
        self._browser_id = widgets.Text(layout={"display": "none"}).add_class("kit-browser-id")
        if self.remembers_browser:
            self._browser_id.observe(self._safe(self._on_browser_id), names="value")
        self._body = widgets.VBox().add_class("kit-body")
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<style>{_CSS}</style>"),
                widgets.HBox([self._language, *([self._browser_id] if self.remembers_browser else [])]).add_class(
                    "kit-header"
                ),
                self._message,
                self._body,
            ]
        )
        self.widget.add_class("kit-app")
        self.widget.add_class(f"kit-app-{self.name}")
        self.widget.add_class(f"kit-lang-{lang}")
        self._refresh()

    @classmethod
    def from_content(
        cls, lang: str | None = None, paths: Iterable[str | os.PathLike[str]] | None = None
    ) -> Self:
        """Build the app from the kit's content; on content errors, an app that lists them.

        Parameters
        ----------
        lang:
            ``"en"`` or ``"es"``; by default the page's ``?lang=`` (see
            :func:`kit.i18n.request_language`).
        paths:
            Extra content folders (default: ``KIT_CONTENT_PATH``).
        """
        try:
            content: Content | None = load_content(paths)
            errors: tuple[ContentError, ...] = ()
        except ContentInvalid as exc:
            content, errors = None, exc.errors
        return cls(content, lang or request_language(), errors)

    def _on_browser_id(self, change: dict[str, Any]) -> None:
        key = browser_key_from_id(change["new"])
        if key is None or key == getattr(self, "browser", None) or self.content is None:
            return
        self.browser = key
        self._browser_known()

    def _browser_known(self) -> None:
        """Restore the work saved under :attr:`browser` (apps that remember a browser override)."""
        self._refresh()

    def t(self, key: str, **values: Any) -> str:
        """Return the UI string ``key`` in the app's current language."""
        return translate(key, self.lang, **values)

    def set_language(self, lang: str) -> None:
        """Switch the app to ``lang``, keeping the place the user is at."""
        self._language.value = lang

    def _on_language(self, change: dict[str, Any]) -> None:
        self.widget.remove_class(f"kit-lang-{change['old']}")
        self.widget.add_class(f"kit-lang-{change['new']}")
        self.lang = change["new"]
        self._refresh()

    def _refresh(self) -> None:
        """Redraw the body for the current state and language."""
        self._message.value = ""
        if self.content is None:
            self._body.children = [
                widgets.HTML(
                    error_panel(
                        self.t("content.error.title"),
                        self.t("content.error.body"),
                        (str(error) for error in self.errors),
                    )
                ).add_class("kit-content-errors")
            ]
            return
        self._body.children = list(self._render_body())

    def _render_body(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def _show_failure(self, exc: BaseException) -> None:
        message = str(exc) or type(exc).__name__
        self._message.value = error_panel(
            self.t("app.error.title"), self.t("app.error.body", message=message)
        )

    def _safe(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a callback so an exception is logged and shown in the app, never lost."""

        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - shown to the user, logged in full
                log.exception("%s: callback %s failed", self.name, callback.__name__)
                self._show_failure(exc)
                return None

        return wrapper
