"""HTML renderers for the practice catalog: a practice's detail and its printable sheet."""

from __future__ import annotations

from kit.content import Content
from kit.html import citation_html, escape
from kit.i18n import translate as _t
from kit.model import Practice
from kit.policy_views import HANDOUT_CSS


def render_ratings(practice: Practice, content: Content, lang: str) -> str:
    """Return the evidence table: one row per outcome with rating, rater and source."""
    rows = []
    for rating in practice.ratings:
        source = citation_html(rating.citation, content, lang) if rating.citation else ""
        note = f"<br><span class='kit-note'>{escape(rating.note.get(lang))}</span>" if rating.note else ""
        rows.append(
            f"<tr><th scope='row'>{escape(rating.outcome.get(lang))}</th>"
            f"<td><span class='kit-rating kit-practice-rating-{rating.rating}'>"
            f"{escape(_t('practice.rating.' + rating.rating, lang))}</span>{note}</td>"
            f"<td>{escape(rating.rater or '—')}</td><td>{source}</td></tr>"
        )
    head = "".join(
        f"<th scope='col'>{escape(_t(k, lang))}</th>"
        for k in ("practice.col.outcome", "practice.col.rating", "practice.col.rater", "practice.col.source")
    )
    return (
        f"<table class='kit-table'><caption>{escape(_t('practice.evidence', lang))}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def render_practice(practice: Practice, content: Content, lang: str, links: bool = False) -> str:
    """Return everything about one practice, for the catalog's detail view and the sheet.

    Parameters
    ----------
    links:
        Link the related scenarios, policy questions and places to their apps (in the
        catalog); the printable sheet, read away from the kit, names them as plain text.
    """

    def items(texts) -> str:
        return "<ul>" + "".join(f"<li>{escape(x.get(lang))}</li>" for x in texts) + "</ul>"

    partners = ", ".join(content.records["partners"][p].name.get(lang) for p in practice.partners)
    records = content.records
    scenarios = _related(
        [(records["scenarios"][s].title.get(lang), f"scenario-player.ipynb?lang={lang}&scenario={s}")
         for s in practice.scenarios], links)
    dimensions = _related(
        [(content.dimensions[d].label.get(lang), f"policy-comparison.ipynb?lang={lang}&dimension={d}")
         for d in practice.dimensions], links)
    places = _related(
        [(records["places"][p].name.get(lang), f"border-map.ipynb?lang={lang}&place={p}") for p in practice.places],
        links,
    )
    avoid = f"<p class='kit-error' role='note'>{escape(_t('practice.avoid', lang))}</p>" if practice.avoid else ""
    sections = [
        ("practice.problem", f"<p>{escape(practice.problem.get(lang))}</p>"),
        ("practice.mechanism", f"<p>{escape(practice.mechanism.get(lang))}</p>"),
        ("practice.components", items(practice.components)),
        ("practice.partners", f"<p>{escape(partners)}</p>"),
        ("practice.audience", items(practice.audience)),
        ("practice.setting", f"<p>{escape(practice.setting.get(lang))}</p>"),
        ("practice.steps", "<ol>" + "".join(f"<li>{escape(s.get(lang))}</li>" for s in practice.steps) + "</ol>"),
        ("practice.cost", f"<p>{escape(practice.cost.get(lang))}</p>"),
        ("practice.moderators", f"<p>{escape(practice.moderators.get(lang))}</p>"),
    ]
    body = "".join(f"<h4>{escape(_t(k, lang))}</h4>{html}" for k, html in sections)
    related = "".join(
        f"<p class='kit-related'><strong>{escape(_t(key, lang))}:</strong> {html}</p>"
        for key, html in (("practice.scenarios", scenarios), ("practice.dimensions", dimensions),
                          ("practice.places", places))
        if html
    )
    sources = "<ul>" + "".join(f"<li>{citation_html(c, content, lang)}</li>" for c in practice.sources) + "</ul>"
    return (
        f"<div class='kit-practice'><h3>{escape(practice.name.get(lang))}</h3>{avoid}"
        f"{render_ratings(practice, content, lang)}{body}{related}"
        f"<h4>{escape(_t('practice.sources', lang))}</h4>{sources}"
        f"<p class='kit-note'>{escape(_t('practice.reviewed', lang, date=practice.last_reviewed))}</p></div>"
    )


def _related(named: list[tuple[str, str]], links: bool) -> str:
    """Names joined by commas, each linked to its app when ``links`` (addresses are escaped)."""
    if links:
        return ", ".join(f'<a href="{escape(href)}">{escape(name)}</a>' for name, href in named)
    return escape(", ".join(name for name, _href in named))


def render_practice_sheet(practice: Practice, content: Content, lang: str) -> str:
    """Return a standalone, printable HTML page of one practice (no script, no outside file)."""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(practice.name.get(lang))}</title><style>{HANDOUT_CSS}</style></head><body><main>"
        f"{render_practice(practice, content, lang)}</main></body></html>"
    )
