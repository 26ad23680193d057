"""Renderers for the outreach planner: suggestions and a plan as HTML, a plan as Markdown.

Pure functions: a :class:`kit.planner.Plan` (or a suggestion) in, a string out. What the trainer
typed is escaped in HTML (:func:`kit.html.escape`) and neutralised in Markdown
(:func:`markdown_text`), so a plan cannot carry markup into a page or a document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kit.content import Content
from kit.html import citation_html, escape
from kit.i18n import translate as _t
from kit.model import Citation, OutcomeRating
from kit.planner import SARA_STEPS, AvoidNote, Dropped, Phase, Plan, Reason, Suggestion
from kit.policy_views import HANDOUT_CSS

PLAN_CSS = HANDOUT_CSS + "dt { font-weight: 600; margin-top: 0.4em; } dd { margin-left: 1em; white-space: pre-wrap; }\n"
"""The printable plan's style: the kit's handout style, with the answers' line breaks kept."""

# Characters that CommonMark or GFM give a meaning inside a line: escapes, code, emphasis,
# links and images (``[``), table cells and strikethrough. ``<`` and ``&`` become references.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# What starts a block at a line's start: heading, list, heading underline, numbered list.
_MD_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])", re.M)


def markdown_text(text: str) -> str:
    """Return ``text`` safe to put in Markdown: no HTML, no emphasis, links, lists or tables.

    ``&``, ``<`` and ``>`` become character references (shown as themselves, never parsed as
    tags); Markdown punctuation is backslash-escaped; a line that would start a list, quote or
    heading is escaped too. Line breaks are kept; indentation is dropped.

    Parameters
    ----------
    text:
        Plain text, e.g. what a trainer typed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"^[ \t]+", "", text, flags=re.M)  # indentation would make a code block
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + _escape_block_start(m.group(2)), text)


def _escape_block_start(marker: str) -> str:
    # A digit cannot be escaped in CommonMark; the '.' or ')' after it can.
    return marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker


def _md_cell(text: str) -> str:
    return markdown_text(text).replace("\n", " ")


def _names(kind: str, ids: Iterable[str], content: Content, lang: str) -> list[str]:
    records = content.records[kind]
    return [records[i].name.get(lang) for i in ids]


def rating_text(rating: OutcomeRating, lang: str) -> str:
    """Return one rating in words: rating, outcome and rater."""
    return _t(
        "planner.reason.rating",
        lang,
        rating=_t(f"practice.rating.{rating.rating}", lang),
        outcome=rating.outcome.get(lang),
        rater=rating.rater or "—",
    )


def reason_text(reason: Reason, content: Content, lang: str) -> str:
    """Return one reason a practice is suggested, in words, with its points.

    Parameters
    ----------
    reason:
        A reason from :func:`kit.planner.score_practice`.
    content:
        The loaded content, for partner and place names.
    lang:
        ``"en"`` or ``"es"``.
    """
    kind = reason.kind
    if kind in ("evidence", "harmful"):
        items = [rating_text(r, lang) for r in reason.items]
    elif kind == "goals":
        items = [_t(f"practice.goal.{g}", lang) for g in reason.items]
    elif kind == "partners":
        items = _names("partners", reason.items, content, lang)
    elif kind == "audiences":
        items = [_t(f"audience.{a}", lang) for a in reason.items]
    elif kind in ("at-place", "near-place"):
        items = _names("places", reason.items, content, lang)
    else:
        items = []
    text = _t(f"planner.reason.{kind}", lang, items="; ".join(items)) if items else _t(f"planner.reason.{kind}", lang)
    return f"{text} ({reason.points:+d})" if reason.points else text


def render_suggestion(suggestion: Suggestion, content: Content, lang: str) -> str:
    """Return a suggestion's evidence, score and reasons as HTML (the app shows its checkbox)."""
    practice = suggestion.practice
    reasons = "".join(f"<li>{escape(reason_text(r, content, lang))}</li>" for r in suggestion.reasons)
    rating = suggestion.evidence
    return (
        f"<div class='kit-planner-suggestion'><p><span class='kit-rating kit-practice-rating-{rating}'>"
        f"{escape(_t('practice.rating.' + rating, lang))}</span> · "
        f"{escape(_t('planner.score', lang, score=suggestion.score))} · "
        f"{escape(practice.problem.get(lang))}</p>"
        f"<ul class='kit-planner-reasons'>{reasons}</ul></div>"
    )


def avoid_text(note: AvoidNote, lang: str) -> str:
    """Return why a matching practice is to be avoided, in words."""
    why = "; ".join(rating_text(r, lang) for r in note.ratings) or _t("practice.avoid", lang)
    goals = ", ".join(_t(f"practice.goal.{g}", lang) for g in note.goals)
    return _t("planner.avoid.item", lang, name=note.practice.name.get(lang), goals=goals or "—", why=why)


def render_avoid(notes: Iterable[AvoidNote], lang: str) -> str:
    """Return the practices to avoid, with why, as HTML ('' when there is none)."""
    items = "".join(f"<li>{escape(avoid_text(n, lang))}</li>" for n in notes)
    if not items:
        return ""
    return (
        f"<div class='kit-planner-avoid' role='note'><h3>{escape(_t('planner.avoid.title', lang))}</h3>"
        f"<p>{escape(_t('planner.avoid.intro', lang))}</p><ul>{items}</ul></div>"
    )


def dropped_text(dropped: Dropped, lang: str) -> str:
    """Return why a chosen practice is left out of the plan, in words."""
    name = dropped.practice.name.get(lang)
    if dropped.reason == "avoid":
        return _t("planner.dropped.avoid", lang, name=name)
    goals = ", ".join(_t(f"practice.goal.{g}", lang) for g in dropped.goals) or "—"
    return _t("planner.dropped.goals", lang, name=name, goals=goals)


def render_dropped(dropped: Iterable[Dropped], lang: str) -> str:
    """Return the chosen practices the plan leaves out, with why, as HTML ('' when there is none)."""
    items = "".join(f"<li>{escape(dropped_text(d, lang))}</li>" for d in dropped)
    if not items:
        return ""
    return (
        f"<div class='kit-notice kit-planner-dropped' role='status'><p>{escape(_t('planner.dropped.intro', lang))}</p>"
        f"<ul>{items}</ul></div>"
    )


def phase_weeks(phase: Phase, lang: str) -> str:
    """Return a phase's weeks (and dates, when the plan has a start) in words."""
    weeks = _t("planner.timeline.weeks", lang, first=phase.first, last=phase.last, count=phase.weeks)
    if phase.start is None or phase.end is None:
        return weeks
    return f"{weeks} ({phase.start.isoformat()} – {phase.end.isoformat()})"


def phase_work(phase: Phase, plan: Plan, lang: str) -> str:
    """Return what happens in a phase; the response phase names the chosen practices."""
    text = _t(f"planner.phase.{phase.key}.do", lang)
    if phase.key == "respond" and plan.practices:
        text += ": " + "; ".join(s.practice.name.get(lang) for s in plan.practices)
    return text + "."


def _answer(text: str, lang: str) -> str:
    return text.strip() or _t("planner.unanswered", lang)


def _place_text(plan: Plan, lang: str) -> str:
    place = plan.place
    if place is None:
        return _t("planner.unanswered", lang)
    return f"{place.name.get(lang)} ({_t('map.kind.' + place.kind, lang)}, {place.city}, {place.state})"


def _all_citations(plan: Plan) -> list[Citation]:
    seen, out = set(), []
    for citation in [*plan.sara_citations, *(c for s in plan.practices for c in s.practice.sources)]:
        key = (citation.source, citation.locator)
        if key not in seen:
            seen.add(key)
            out.append(citation)
    return out


def _answer_rows(plan: Plan, content: Content, lang: str) -> dict[str, list[tuple[str, str]]]:
    """The trainer's answers by SARA step, as (question, answer) pairs of plain text."""
    request, t = plan.request, (lambda key, **v: _t(key, lang, **v))
    unanswered = t("planner.unanswered")
    return {
        "scanning": [
            (t("planner.q.problem"), _answer(request.problem, lang)),
            (t("planner.q.place"), _place_text(plan, lang)),
            (t("planner.q.affected"), _answer(request.affected, lang)),
            (t("planner.q.goals"), ", ".join(t(f"practice.goal.{g}") for g in request.goals) or unanswered),
        ],
        "analysis": [
            (t("planner.q.causes"), _answer(request.causes, lang)),
            (t("planner.q.tried"), _answer(request.tried, lang)),
        ],
        "response": [
            (t("planner.q.partners"), ", ".join(_names("partners", request.partners, content, lang)) or unanswered),
            (t("planner.q.audiences"), ", ".join(t(f"audience.{a}") for a in request.audiences) or unanswered),
        ],
        "assessment": [
            (t("planner.q.start"), request.start or unanswered),
            (t("planner.q.weeks"), str(request.weeks)),
            (t("planner.q.baseline"), _answer(request.baseline, lang)),
        ],
    }


def _html_answers(rows: Iterable[tuple[str, str]]) -> str:
    items = "".join(
        f"<dt>{escape(label)}</dt><dd class='kit-planner-answer'>{escape(value)}</dd>" for label, value in rows
    )
    return f"<dl class='kit-planner-answers'>{items}</dl>"


def _html_table(caption: str, headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table whose cells are already HTML; the first cell of each row is its header."""
    head = "".join(f"<th scope='col'>{escape(h)}</th>" for h in headers)
    body = ""
    for row in rows:
        cells = list(row)
        body += f"<tr><th scope='row'>{cells[0]}</th>" + "".join(f"<td>{c}</td>" for c in cells[1:]) + "</tr>"
    return (
        f"<table class='kit-table'><caption>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _sara_heading(index: int, step: str, lang: str) -> str:
    return f"{index}. {_t('planner.sara.' + step, lang)}"


def render_plan(plan: Plan, content: Content, lang: str) -> str:
    """Return the plan as an HTML fragment (the app's preview and the printable page's body).

    Parameters
    ----------
    plan:
        A plan from :func:`kit.planner.build_plan`.
    content:
        The loaded content, for names and the source registry.
    lang:
        ``"en"`` or ``"es"``.
    """
    t = lambda key, **v: _t(key, lang, **v)  # noqa: E731 - a local shorthand
    out = [
        f"<h2>{escape(t('planner.plan.title'))}</h2>",
        f"<p class='kit-note'>{escape(t('planner.plan.about'))}</p>",
    ]
    sections = _answer_rows(plan, content, lang)
    for index, step in enumerate(SARA_STEPS, start=1):
        out.append(f"<h3>{escape(_sara_heading(index, step, lang))}</h3>")
        out.append(f"<p class='kit-note'>{escape(t('planner.sara.' + step + '.about'))}</p>")
        out.append(_html_answers(sections[step]))
        if step == "response":
            out.append(_html_response(plan, content, lang))
        if step == "assessment":
            out.append(_html_assessment(plan, content, lang))
    citations = "".join(f"<li>{citation_html(c, content, lang)}</li>" for c in _all_citations(plan))
    out.append(f"<h3>{escape(t('planner.sources'))}</h3><p>{escape(t('planner.sources.about'))}</p><ul>{citations}</ul>")
    return f"<div class='kit-planner-plan'>{''.join(out)}</div>"


def _html_response(plan: Plan, content: Content, lang: str) -> str:
    t = lambda key, **v: _t(key, lang, **v)  # noqa: E731 - a local shorthand
    out = [f"<h4>{escape(t('planner.chosen'))}</h4>"]
    if not plan.practices:
        out.append(f"<p class='kit-note'>{escape(t('planner.chosen.none'))}</p>")
    for suggestion in plan.practices:
        practice = suggestion.practice
        steps = "".join(f"<li>{escape(s.get(lang))}</li>" for s in practice.steps)
        components = "".join(f"<li>{escape(c.get(lang))}</li>" for c in practice.components)
        reasons = "".join(f"<li>{escape(reason_text(r, content, lang))}</li>" for r in suggestion.reasons)
        out.append(
            f"<div class='kit-planner-practice'><h5>{escape(practice.name.get(lang))}</h5>"
            f"<p><strong>{escape(t('planner.why'))}</strong></p><ul>{reasons}</ul>"
            f"<p><strong>{escape(t('practice.steps'))}</strong></p><ol>{steps}</ol>"
            f"<p><strong>{escape(t('planner.components'))}</strong></p><ul>{components}</ul>"
            f"<p><strong>{escape(t('practice.cost'))}:</strong> {escape(practice.cost.get(lang))}</p>"
            f"<p><strong>{escape(t('practice.moderators'))}:</strong> {escape(practice.moderators.get(lang))}</p></div>"
        )
    if plan.roles:
        names = {p.id: p.name.get(lang) for p in (s.practice for s in plan.practices)}
        rows = [
            (
                escape(content.records["partners"][role.partner].name.get(lang)),
                escape(t("planner.roles.yes" if role.chosen else "planner.roles.no")),
                escape(", ".join(names[p] for p in role.practices) or t("planner.roles.none")),
            )
            for role in plan.roles
        ]
        out.append(f"<h4>{escape(t('planner.roles'))}</h4><p>{escape(t('planner.roles.about'))}</p>")
        out.append(
            _html_table(
                t("planner.roles"),
                (t("planner.roles.partner"), t("planner.roles.chosen"), t("planner.roles.named")),
                rows,
            )
        )
    out.append(render_avoid(plan.avoid, lang))
    return "".join(out)


def _html_assessment(plan: Plan, content: Content, lang: str) -> str:
    t = lambda key, **v: _t(key, lang, **v)  # noqa: E731 - a local shorthand
    rows = [
        (escape(t(f"planner.phase.{p.key}")), escape(phase_weeks(p, lang)), escape(phase_work(p, plan, lang)))
        for p in plan.phases
    ]
    out = [
        f"<h4>{escape(t('planner.timeline'))}</h4>",
        f"<p class='kit-note'>{escape(t('planner.timeline.about'))}</p>",
        _html_table(
            t("planner.timeline"),
            (t("planner.timeline.phase"), t("planner.timeline.when"), t("planner.timeline.do")),
            rows,
        ),
        f"<h4>{escape(t('planner.measure'))}</h4>",
    ]
    names = {s.practice.id: s.practice.name.get(lang) for s in plan.practices}
    if plan.outcome_measures:
        rows = [
            (
                escape(m.rating.outcome.get(lang)),
                escape(names[m.practice]),
                f"<span class='kit-rating kit-practice-rating-{m.rating.rating}'>"
                f"{escape(t('practice.rating.' + m.rating.rating))}</span>",
                escape(m.rating.rater or "—"),
                citation_html(m.rating.citation, content, lang) if m.rating.citation else "—",
            )
            for m in plan.outcome_measures
        ]
        out.append(f"<p>{escape(t('planner.measure.outcomes.about'))}</p>")
        out.append(
            _html_table(
                t("planner.measure.outcomes"),
                (t("practice.col.outcome"), t("planner.col.practice"), t("practice.col.rating"),
                 t("practice.col.rater"), t("practice.col.source")),
                rows,
            )
        )
    process = "".join(f"<li>{escape(t('planner.measure.process.' + k))}</li>" for k in plan.process_measures)
    out.append(f"<h5>{escape(t('planner.measure.process'))}</h5><ul>{process}</ul>")
    if plan.goal_measures:
        goals = "".join(
            f"<li><strong>{escape(t('practice.goal.' + g))}:</strong> {escape(t('planner.measure.goal.' + g))}</li>"
            for g in plan.goal_measures
        )
        out.append(f"<h5>{escape(t('planner.measure.goals'))}</h5><ul>{goals}</ul>")
    out.append(f"<p class='kit-planner-baseline'>{escape(t('planner.measure.baseline'))}</p>")
    return "".join(out)


def render_plan_page(plan: Plan, content: Content, lang: str) -> str:
    """Return the plan as a standalone, printable HTML page (no script, nothing fetched)."""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(_t('planner.plan.title', lang))}</title><style>{PLAN_CSS}</style></head>"
        f"<body><main>{render_plan(plan, content, lang)}</main></body></html>"
    )


def _md_citation(citation: Citation, content: Content, lang: str) -> str:
    source = content.sources[citation.source]
    url = source.url.replace("<", "%3C").replace(">", "%3E")
    evidence = _t(f"evidence.{citation.evidence.value}", lang)
    return f"[{_md_cell(source.title.get(lang))}](<{url}>), {_md_cell(citation.locator)} ({_md_cell(evidence)})"


def _md_table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """Table lines; cells are already Markdown-safe."""
    headers = list(headers)
    lines = ["| " + " | ".join(_md_cell(h) for h in headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _md_answers(rows: Iterable[tuple[str, str]]) -> list[str]:
    lines = []
    for label, value in rows:
        # Keep the trainer's line breaks: paragraphs stay paragraphs, single breaks become hard breaks.
        paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", markdown_text(value)) if p.strip()]
        lines += [f"**{_md_cell(label)}**", "", "\n\n".join(p.replace("\n", "\\\n") for p in paragraphs), ""]
    return lines


def render_plan_markdown(plan: Plan, content: Content, lang: str) -> str:
    """Return the plan as a Markdown document (user text neutralised, see :func:`markdown_text`).

    Parameters
    ----------
    plan, content, lang:
        As for :func:`render_plan`.
    """
    t = lambda key, **v: _t(key, lang, **v)  # noqa: E731 - a local shorthand
    md = markdown_text
    lines = [f"# {md(t('planner.plan.title'))}", "", f"_{_md_cell(t('planner.plan.about'))}_", ""]
    answers = _answer_rows(plan, content, lang)
    for index, step in enumerate(SARA_STEPS, start=1):
        about = _md_cell(t(f"planner.sara.{step}.about"))
        lines += [f"## {md(_sara_heading(index, step, lang))}", "", f"_{about}_", ""]
        lines += _md_answers(answers[step])
        if step == "response":
            lines += _md_response(plan, content, lang)
        if step == "assessment":
            lines += _md_assessment(plan, content, lang)
    lines += [f"## {md(t('planner.sources'))}", "", md(t("planner.sources.about")), ""]
    lines += [f"- {_md_citation(c, content, lang)}" for c in _all_citations(plan)] + [""]
    return "\n".join(lines)


def _md_response(plan: Plan, content: Content, lang: str) -> list[str]:
    t = lambda key, **v: _t(key, lang, **v)  # noqa: E731 - a local shorthand
    md = markdown_text
    lines = [f"### {md(t('planner.chosen'))}", ""]
    if not plan.practices:
        lines += [md(t("planner.chosen.none")), ""]
    for suggestion in plan.practices:
        practice = suggestion.practice
        lines += [f"#### {_md_cell(practice.name.get(lang))}", "", f"**{md(t('planner.why'))}**", ""]
        lines += [f"- {_md_cell(reason_text(r, content, lang))}" for r in suggestion.reasons] + [""]
        lines += [f"**{md(t('practice.steps'))}**", ""]
        lines += [f"{i}. {_md_cell(s.get(lang))}" for i, s in enumerate(practice.steps, start=1)] + [""]
        lines += [f"**{md(t('planner.components'))}**", ""]
        lines += [f"- {_md_cell(c.get(lang))}" for c in practice.components] + [""]
        lines += [f"**{md(t('practice.cost'))}:** {_md_cell(practice.cost.get(lang))}", ""]
        lines += [f"**{md(t('practice.moderators'))}:** {_md_cell(practice.moderators.get(lang))}", ""]
    if plan.roles:
        names = {s.practice.id: s.practice.name.get(lang) for s in plan.practices}
        lines += [f"### {md(t('planner.roles'))}", "", md(t("planner.roles.about")), ""]
        lines += _md_table(
            (t("planner.roles.partner"), t("planner.roles.chosen"), t("planner.roles.named")),
            (
                (
                    _md_cell(content.records["partners"][r.partner].name.get(lang)),
                    _md_cell(t("planner.roles.yes" if r.chosen else "planner.roles.no")),
                    _md_cell(", ".join(names[p] for p in r.practices) or t("planner.roles.none")),
                )
                for r in plan.roles
            ),
        )
    if plan.avoid:
        lines += [f"### {md(t('planner.avoid.title'))}", "", md(t("planner.avoid.intro")), ""]
        lines += [f"- {_md_cell(avoid_text(n, lang))}" for n in plan.avoid] + [""]
    return lines


def _md_assessment(plan: Plan, content: Content, lang: str) -> list[str]:
    t = lambda key, **v: _t(key, lang, **v)  # noqa: E731 - a local shorthand
    md = markdown_text
    lines = [f"### {md(t('planner.timeline'))}", "", f"_{_md_cell(t('planner.timeline.about'))}_", ""]
    lines += _md_table(
        (t("planner.timeline.phase"), t("planner.timeline.when"), t("planner.timeline.do")),
        (
            (_md_cell(t(f"planner.phase.{p.key}")), _md_cell(phase_weeks(p, lang)), _md_cell(phase_work(p, plan, lang)))
            for p in plan.phases
        ),
    )
    lines += [f"### {md(t('planner.measure'))}", ""]
    names = {s.practice.id: s.practice.name.get(lang) for s in plan.practices}
    if plan.outcome_measures:
        lines += [f"#### {md(t('planner.measure.outcomes'))}", "", md(t("planner.measure.outcomes.about")), ""]
        lines += _md_table(
            (t("practice.col.outcome"), t("planner.col.practice"), t("practice.col.rating"),
             t("practice.col.rater"), t("practice.col.source")),
            (
                (
                    _md_cell(m.rating.outcome.get(lang)),
                    _md_cell(names[m.practice]),
                    _md_cell(t(f"practice.rating.{m.rating.rating}")),
                    _md_cell(m.rating.rater or "—"),
                    _md_citation(m.rating.citation, content, lang) if m.rating.citation else "—",
                )
                for m in plan.outcome_measures
            ),
        )
    lines += [f"#### {md(t('planner.measure.process'))}", ""]
    lines += [f"- {_md_cell(t('planner.measure.process.' + k))}" for k in plan.process_measures] + [""]
    if plan.goal_measures:
        lines += [f"#### {md(t('planner.measure.goals'))}", ""]
        lines += [
            f"- **{_md_cell(t('practice.goal.' + g))}:** {_md_cell(t('planner.measure.goal.' + g))}"
            for g in plan.goal_measures
        ] + [""]
    lines += [md(t("planner.measure.baseline")), ""]
    return lines
