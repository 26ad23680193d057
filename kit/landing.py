"""Renderers for the landing page: pure functions from content to HTML strings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kit.content import Content
from kit.html import citation_html, escape
from kit.i18n import translate


@dataclass(frozen=True)
class AppCard:
    """One app on the landing page: its notebook and the catalog keys of its texts."""

    notebook: str
    title_key: str
    summary_key: str


APP_CARDS: tuple[AppCard, ...] = (
    AppCard("policy-comparison.ipynb", "policy.title", "landing.card.policies"),
    AppCard("scenario-player.ipynb", "scenario.title", "landing.card.scenarios"),
    AppCard("outreach-practices.ipynb", "practice.title", "landing.card.practices"),
    AppCard("border-map.ipynb", "map.title", "landing.card.map"),
    AppCard("outreach-planner.ipynb", "planner.title", "landing.card.planner"),
    AppCard("border-statistics.ipynb", "statistics.title", "landing.card.statistics"),
)
"""The apps the landing page links to; each app adds its card here when it lands."""


def render_intro(lang: str) -> str:
    """Return the page's heading, subtitle and introduction."""
    return (
        f'<h1>{escape(translate("landing.title", lang))}</h1>'
        f'<p class="kit-subtitle">{escape(translate("landing.subtitle", lang))}</p>'
        f'<p>{escape(translate("landing.intro", lang))}</p>'
    )


def render_app_cards(cards: Sequence[AppCard], lang: str) -> str:
    """Return the list of app cards, each linking to its notebook in the current language."""
    heading = f'<h2>{escape(translate("landing.apps.title", lang))}</h2>'
    if not cards:
        return heading + f'<p>{escape(translate("landing.apps.none", lang))}</p>'
    items = "".join(
        f'<li class="kit-card"><h3>{escape(translate(card.title_key, lang))}</h3>'
        f'<p>{escape(translate(card.summary_key, lang))}</p>'
        f'<a href="{escape(card.notebook)}?lang={lang}">{escape(translate("landing.apps.open", lang))}'
        f'<span class="kit-visually-hidden">: {escape(translate(card.title_key, lang))}</span></a></li>'
        for card in cards
    )
    return heading + f'<ul class="kit-cards">{items}</ul>'


def render_key_terms(content: Content, lang: str) -> str:
    """Return the glossary as an accessible table: both forms, meaning, and source."""
    columns = ("en", "es", "definition", "source")
    head = "".join(
        f'<th scope="col">{escape(translate(f"landing.terms.col.{c}", lang))}</th>' for c in columns
    )
    rows = []
    for term in content.glossary.values():
        sources = "<br>".join(citation_html(c, content, lang) for c in term.citations)
        rows.append(
            f'<tr><th scope="row" lang="en">{escape(term.term.en)}</th>'
            f'<td lang="es">{escape(term.term.es)}</td>'
            f"<td>{escape(term.definition.get(lang))}</td><td>{sources}</td></tr>"
        )
    count = translate(
        "landing.sources.count", lang, sources=len(content.sources), terms=len(content.glossary)
    )
    return (
        f'<h2>{escape(translate("landing.terms.title", lang))}</h2>'
        f'<table class="kit-table"><caption>{escape(translate("landing.terms.caption", lang))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p class="kit-note">{escape(count)}</p>'
    )
