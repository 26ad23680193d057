"""Small pure helpers that turn kit data into safe HTML strings.

Everything a person typed is escaped; content Markdown is rendered with raw HTML disabled.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from html import escape

from markdown_it import MarkdownIt

from kit.content import Content
from kit.i18n import translate
from kit.model import Citation

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")

__all__ = ["citation_html", "download_link", "error_panel", "escape", "markdown_html"]


def markdown_html(text: str) -> str:
    """Render content Markdown to HTML with raw HTML and images disabled.

    Parameters
    ----------
    text:
        Markdown from a content file.
    """
    return _MARKDOWN.render(text)


def error_panel(title: str, body: str, items: Iterable[str] = ()) -> str:
    """Return an alert panel: a title, a sentence, and an optional list of problems.

    Parameters
    ----------
    title, body:
        Plain text, escaped here.
    items:
        Plain-text lines (e.g. ``path:line: message``), each escaped and shown in code type.
    """
    listed = "".join(f"<li><code>{escape(item)}</code></li>" for item in items)
    return (
        '<div class="kit-error" role="alert">'
        f"<h2>{escape(title)}</h2><p>{escape(body)}</p>"
        + (f"<ul>{listed}</ul>" if listed else "")
        + "</div>"
    )


def citation_html(citation: Citation, content: Content, lang: str) -> str:
    """Return one citation as HTML: the source's title linked, the locator and evidence level.

    Parameters
    ----------
    citation:
        The citation to show.
    content:
        The loaded content, for the source registry.
    lang:
        ``"en"`` or ``"es"``.
    """
    source = content.sources[citation.source]
    evidence = translate(f"evidence.{citation.evidence.value}", lang)
    return (
        f'<a href="{escape(source.url)}" rel="noopener noreferrer" target="_blank">'
        f"{escape(source.title.get(lang))}</a>, {escape(citation.locator)} "
        f'<span class="kit-evidence kit-evidence-{citation.evidence.value}">({escape(evidence)})</span>'
    )


def download_link(text: str, filename: str, mime: str, label: str) -> str:
    """Return a link that saves ``text`` as ``filename`` from a data: URL (nothing is fetched).

    Parameters
    ----------
    text:
        The file's content (UTF-8).
    filename, mime, label:
        The suggested file name, its media type, and the link's visible text (escaped here).
    """
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f'<a download="{escape(filename)}" href="data:{mime};charset=utf-8;base64,{data}">{escape(label)}</a>'
