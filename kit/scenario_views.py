"""Renderers for scenarios: maps (text, DOT, HTML), the debrief, pure functions."""

from __future__ import annotations

from collections.abc import Sequence

from kit.cells import get_cell
from kit.content import Content
from kit.html import escape
from kit.i18n import translate as _t
from kit.model import Scenario
from kit.scenarios import ScenarioRun


def scenario_map_text(scenario: Scenario, lang: str = "en") -> str:
    """Return the scenario's map as an indented outline: node, its choices and where they go."""
    lines = [f"{scenario.id}: {scenario.title.get(lang)} (start: {scenario.start})"]
    for node in scenario.nodes:
        if node.ending is not None:
            lines.append(f"  [{node.id}] END ({node.ending.rating}): {node.ending.outcome.get(lang)}")
            continue
        lines.append(f"  [{node.id}]")
        for choice in node.choices:
            extra = " (conditional)" if choice.conditions else ""
            lines.append(f"    - {choice.label.get(lang)} -> {choice.next}  [{choice.cdm_step}]{extra}")
    return "\n".join(lines)


def scenario_map_dot(scenario: Scenario, lang: str = "en", path: Sequence[str] = ()) -> str:
    """Return the scenario's map in Graphviz DOT; edges on ``path`` (node ids) are bold."""
    taken = set(zip(path, path[1:], strict=False))

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"digraph {quote(scenario.id)} {{", "  rankdir=TB;"]
    for node in scenario.nodes:
        shape = "doubleoctagon" if node.ending else "box"
        label = f"{node.id}\\n({node.ending.rating})" if node.ending else node.id
        lines.append(f"  {quote(node.id)} [shape={shape}, label={quote(label)}];")
        for choice in node.choices:
            style = ", style=bold" if (node.id, choice.next) in taken else ""
            lines.append(f"  {quote(node.id)} -> {quote(choice.next)} [label={quote(choice.label.get(lang))}{style}];")
    lines.append("}")
    return "\n".join(lines)



def render_policy_links(choice, content: Content, lang: str) -> str:
    """Return the policy cells a choice links to: instrument · question: code — summary (evidence)."""
    items = []
    for link in choice.policies:
        cell = get_cell(content, link.instrument, link.dimension)
        if cell is None:
            continue
        label = cell.dimension.option(cell.provision.code).label.get(lang)
        items.append(
            f"<li><strong>{escape(cell.instrument.short_name.get(lang))} · {escape(cell.dimension.label.get(lang))}"
            f"</strong>: {escape(label)} — {escape(cell.provision.summary.get(lang))} "
            f'<span class="kit-evidence">({escape(_t("evidence." + cell.evidence, lang))})</span></li>'
        )
    if not items:
        return ""
    return (
        f'<div class="kit-policy-links"><h4>{escape(_t("scenario.policy", lang))}</h4><ul>{"".join(items)}</ul></div>'
    )


def render_feedback(choice, content: Content, lang: str, live: bool = True) -> str:
    """Return the feedback on one choice: consequence, coaching, CDM step and policy cells.

    ``live`` marks it as a status message, so screen readers announce it when it appears.
    """
    role = ' role="status"' if live else ""
    return (
        f'<div class="kit-feedback"{role}>'
        f"<p><strong>{escape(_t('scenario.consequence', lang))}:</strong> {escape(choice.consequence.get(lang))}</p>"
        f"<p><strong>{escape(_t('scenario.coaching', lang))}:</strong> {escape(choice.coaching.get(lang))}</p>"
        f'<p class="kit-note">{escape(_t("scenario.cdm", lang))}: {escape(_t("cdm." + choice.cdm_step, lang))}</p>'
        f"{render_policy_links(choice, content, lang)}</div>"
    )


def render_debrief(run: ScenarioRun, content: Content, lang: str) -> str:
    """Return the debrief of a finished run, built from the path actually taken."""
    ending = run.ending
    steps = []
    for number, choice in enumerate(run.choices_made(), start=1):
        feedback = render_feedback(choice, content, lang, live=False)
        steps.append(
            f"<li><p><strong>{number}. {escape(choice.label.get(lang))}</strong> "
            f'<span class="kit-note">({escape(_t("cdm." + choice.cdm_step, lang))})</span></p>{feedback}</li>'
        )
    parts = []
    if ending is not None:
        parts.append(
            f"<h3>{escape(_t('scenario.outcome', lang))}</h3><p>{escape(ending.outcome.get(lang))}</p>"
            f"<p><strong>{escape(_t('scenario.rating', lang))}:</strong> "
            f'<span class="kit-rating kit-ending-{ending.rating}">'
            f"{escape(_t('scenario.rating.' + ending.rating, lang))}</span></p>"
        )
        score = run.score()
        if score is not None:
            parts.append(f"<p><strong>{escape(_t('scenario.score', lang))}:</strong> {score}</p>")
    parts.append(f'<h3>{escape(_t("scenario.path", lang))}</h3><ol class="kit-path">{"".join(steps)}</ol>')
    if ending is not None:
        questions = "".join(f"<li>{escape(q.get(lang))}</li>" for q in ending.debrief)
        parts.append(f"<h3>{escape(_t('scenario.questions', lang))}</h3><ol>{questions}</ol>")
    return '<div class="kit-debrief">' + "".join(parts) + "</div>"


def render_map_svg(run: ScenarioRun, lang: str) -> str:
    """Return the scenario graph as an inline SVG: columns by distance from the start, the path
    taken drawn thick, visited nodes shaded, the current node outlined, endings by rating."""
    scenario = run.scenario
    depth = {scenario.start: 0}
    queue = [scenario.start]
    for node_id in queue:
        for choice in scenario.node(node_id).choices:
            if choice.next not in depth:
                depth[choice.next] = depth[node_id] + 1
                queue.append(choice.next)
    columns: dict[int, list[str]] = {}
    for node in scenario.nodes:
        columns.setdefault(depth.get(node.id, max(depth.values(), default=0) + 1), []).append(node.id)
    box_w, box_h, gap_x, gap_y, pad, top = 150, 34, 60, 18, 10, 36
    where = {
        node_id: (pad + col * (box_w + gap_x), top + row * (box_h + gap_y))
        for col, ids in columns.items()
        for row, node_id in enumerate(ids)
    }
    width = pad * 2 + (max(columns) + 1) * (box_w + gap_x)
    height = top + pad + max(len(ids) for ids in columns.values()) * (box_h + gap_y)
    taken = {(s.node, s.choice) for s in run.steps}
    visited = {s.node for s in run.steps} | {run.node.id}
    edges, edges_on_path, boxes = [], [], []
    for node in scenario.nodes:
        x1, y1 = where[node.id]
        for choice in node.choices:
            x2, y2 = where[choice.next]
            on_path = (node.id, choice.id) in taken
            colour, stroke = ("#1a5fb4", 3) if on_path else ("#9a9a9a", 1)
            if x2 > x1:
                path = f"M{x1 + box_w},{y1 + box_h / 2} L{x2},{y2 + box_h / 2}"
            else:  # back or same-column edge: a curve above the boxes
                sx, tx = x1 + box_w / 2, x2 + box_w / 2
                path = f"M{sx},{y1} C{sx},{y1 - 30} {tx},{y2 - 30} {tx},{y2}"
            edge = f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{stroke}"/>'
            (edges_on_path if on_path else edges).append(edge)  # the path is drawn on top
        fill = {"exemplary": "#d7efd9", "acceptable": "#fdf1c7", "problematic": "#f7d7d4"}.get(
            node.ending.rating if node.ending else "", "#fff7e0" if node.id in visited else "#ffffff"
        )
        border = 'stroke="#111" stroke-width="3"' if node.id == run.node.id else 'stroke="#7a7a7a" stroke-width="1"'
        label = node.id if len(node.id) <= 22 else node.id[:21] + "…"
        boxes.append(
            f'<rect x="{x1}" y="{y1}" width="{box_w}" height="{box_h}" rx="{12 if node.ending else 3}" '
            f'fill="{fill}" {border}/><text x="{x1 + 6}" y="{y1 + 21}" font-size="12">{escape(label)}</text>'
        )
    title = escape(_t("scenario.map", lang))
    return (
        f'<div class="kit-map-svg" style="overflow-x:auto"><svg role="img" aria-label="{title}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{title}</title>{''.join(edges)}{''.join(edges_on_path)}{''.join(boxes)}</svg></div>"
    )


def render_map(run: ScenarioRun, lang: str) -> str:
    """Return the scenario's map: the graph drawn, and an outline of it as the text version."""
    scenario = run.scenario
    taken = {(s.node, s.choice) for s in run.steps}
    visited = {s.node for s in run.steps} | {run.node.id}
    items = []
    for node in scenario.nodes:
        here = " kit-map-here" if node.id == run.node.id else ""
        seen = " kit-map-visited" if node.id in visited else ""
        marker = f" <strong>({escape(_t('scenario.map.here', lang))})</strong>" if node.id == run.node.id else ""
        if node.ending is not None:
            title = f"{escape(_t('scenario.map.ending', lang))}: {escape(node.ending.outcome.get(lang))}"
            items.append(f'<li class="kit-map-node{seen}{here}">{escape(node.id)} — {title}{marker}</li>')
            continue
        first = node.narration.get(lang).split(". ")[0]
        choices = "".join(
            f'<li class="{"kit-map-taken" if (node.id, c.id) in taken else ""}">'
            f"{'✔ ' if (node.id, c.id) in taken else ''}{escape(c.label.get(lang))} → {escape(c.next)}"
            + (
                f' <span class="kit-visually-hidden">({escape(_t("scenario.map.taken", lang))})</span>'
                if (node.id, c.id) in taken
                else ""
            )
            + "</li>"
            for c in node.choices
        )
        items.append(
            f'<li class="kit-map-node{seen}{here}"><strong>{escape(node.id)}</strong>: {escape(first)}{marker}'
            f"<ul>{choices}</ul></li>"
        )
    outline = f'<ul class="kit-map">{"".join(items)}</ul>'
    return (
        render_map_svg(run, lang)
        + f"<details><summary>{escape(_t('scenario.map.text', lang))}</summary>{outline}</details>"
    )
