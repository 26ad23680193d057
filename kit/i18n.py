"""UI strings in the kit's two languages, and the language a Voila page asked for.

Strings live in one catalog per language (``kit/locales/en.yaml``, ``es.yaml``), never in the
apps. :func:`request_language` reads ``?lang=`` from the Voila query string, so
``…/index.ipynb?lang=es`` opens in Spanish.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from urllib.parse import parse_qs

import yaml

from kit.model import LANGUAGES

DEFAULT_LANGUAGE = "en"
_request_received = False
LANGUAGE_VARIABLE = "KIT_LANG"


@cache
def catalog(lang: str) -> Mapping[str, str]:
    """Return the UI string catalog of a language.

    Parameters
    ----------
    lang:
        ``"en"`` or ``"es"``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; the kit speaks {', '.join(LANGUAGES)}")
    text = files("kit").joinpath("locales", f"{lang}.yaml").read_text(encoding="utf-8")
    return {str(key): str(value) for key, value in yaml.safe_load(text).items()}


def translate(key: str, lang: str, **values: object) -> str:
    """Return the UI string ``key`` in ``lang``, with ``{name}`` fields filled from ``values``.

    Parameters
    ----------
    key:
        A key of the catalogs, e.g. ``"landing.title"``.
    lang:
        ``"en"`` or ``"es"``.
    values:
        Values for the string's ``{name}`` fields.
    """
    text = catalog(lang)[key]
    return text.format(**values) if values else text


def normalise_language(value: str | None) -> str:
    """Map a requested language (``"es"``, ``"es-MX"``, ``"EN"``, junk) to one the kit has."""
    if value:
        base = value.strip().lower().split("-")[0].split("_")[0]
        if base in LANGUAGES:
            return base
    return normalise_language_default()


def normalise_language_default() -> str:
    """The language used when none is asked for: ``KIT_LANG`` if valid, else English."""
    value = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def query_parameters() -> dict[str, str]:
    """Return the page's query-string parameters when running under Voila, else ``{}``.

    With preheated kernels Voila runs a notebook before anyone asks for it; there this call
    waits until the visitor's request arrives, so code above it (imports, content loading)
    is what the preheat saves.
    """
    global _request_received
    if os.environ.get("VOILA_PREHEAT") == "True" and not _request_received:
        from voila.utils import wait_for_request

        # Voila hands the request over once; a second wait would never return.
        wait_for_request()
        _request_received = True
    query = os.environ.get("QUERY_STRING", "")
    return {key: values[-1] for key, values in parse_qs(query).items()}


def request_language() -> str:
    """Return the language the page asked for with ``?lang=``, else the default."""
    return normalise_language(query_parameters().get("lang"))
