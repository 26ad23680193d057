"""The SARA outreach planner: describe a problem, pick practices, export a plan."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets

from kit.apps.base import KitApp
from kit.html import citation_html, download_link, escape
from kit.i18n import query_parameters
from kit.paths import data_dir
from kit.places import PLACE_KINDS
from kit.planner import (
    AUDIENCES,
    GOALS,
    MAX_WEEKS,
    MIN_WEEKS,
    Dropped,
    Plan,
    PlanRequest,
    Ranking,
    build_plan,
    dropped_practices,
    rank_practices,
    sara_citations,
)
from kit.planner_views import (
    render_avoid,
    render_dropped,
    render_plan,
    render_plan_markdown,
    render_plan_page,
    render_suggestion,
)
from kit.resume import ResumeStore

log = logging.getLogger(__name__)

STEPS: tuple[str, ...] = ("scan", "analyse", "respond", "assess", "plan")
"""The planner's steps: the four of SARA, then the plan."""

SARA_OF_STEP = {"scan": "scanning", "analyse": "analysis", "respond": "response", "assess": "assessment"}
DRAFT_ID = "outreach-planner"
AUTO = {"width": "auto"}
TEXT_FIELDS = ("problem", "affected", "causes", "tried", "baseline")
RANKING_FIELDS = {"place", "goals", "partners", "audiences"}


class OutreachPlanner(KitApp):
    """Walk a trainer through SARA to an outreach plan, exported as printable HTML and Markdown.

    Build it with :meth:`OutreachPlanner.from_content` and show :attr:`widget`. The answers are
    saved after every change under the browser's key, so a reload keeps them; without a key
    (local storage off in this browser) the app says they last only while the page is open, and a
    failed save is shown, not only logged.

    Parameters
    ----------
    content, lang, errors:
        As for :class:`~kit.apps.base.KitApp`.
    browser:
        The browser's key for saving the draft (``None``: the draft is not saved).
    store:
        Where drafts are saved (default: ``<data folder>/planner``, apart from scenario progress).
    """

    name = "planner"
    remembers_browser = True

    def __init__(self, content, lang, errors=(), browser: str | None = None, store: ResumeStore | None = None):
        self.browser = browser
        self.store = store or ResumeStore(data_dir() / "planner")
        self.chosen: list[str] = []
        self._notice: tuple[str, dict[str, Any]] | None = None  # a locale key and its values
        self.save_failed = False
        self._status = widgets.HTML().add_class("kit-planner-status")
        self._updating = True
        self._step = widgets.ToggleButtons(options=[(s, s) for s in STEPS], value="scan")
        self._step.style.button_width = "auto"
        self._step.add_class("kit-planner-steps")
        self._text = {
            name: widgets.Textarea(continuous_update=False, layout={"width": "40rem", "height": "5rem"}).add_class(
                f"kit-planner-{name}"
            )
            for name in TEXT_FIELDS
        }
        self._place = widgets.Dropdown(options=[("", "")], value="", layout={"width": "40rem"})
        self._place.add_class("kit-planner-place")
        self._goals = {g: self._checkbox(f"kit-planner-goal-{g}") for g in GOALS}
        self._audiences = {a: self._checkbox(f"kit-planner-audience-{a}") for a in AUDIENCES}
        partners = content.records["partners"] if content is not None else {}
        self._partners = {p: self._checkbox(f"kit-planner-partner-{p}") for p in partners}
        self._include: dict[str, widgets.Checkbox] = {}
        self._start = widgets.DatePicker(value=None).add_class("kit-planner-start")
        self._weeks = widgets.BoundedIntText(value=12, min=MIN_WEEKS, max=MAX_WEEKS, layout={"width": "16rem"})
        self._weeks.add_class("kit-planner-weeks")
        for control in (*self._text.values(), self._place, self._start, self._weeks, self._step):
            control.style.description_width = "initial"
        self._suggestions = widgets.VBox().add_class("kit-planner-suggestions")
        super().__init__(content, lang, errors)
        if content is not None:
            for name, control in self._answer_controls():
                control.observe(self._safe(lambda change, n=name: self._on_answer(n)), names="value")
            self._step.observe(self._safe(self._on_step), names="value")
        self._updating = False
        self._touched = False  # the trainer changed an answer since the app was built
        if content is not None:
            if self.browser:
                self._load_draft()
            else:
                self._apply_place_link()  # shown at once; the draft comes when the page sends the id

    def _load_draft(self) -> None:
        """Restore the browser's draft, then apply a ``?place=`` link if the draft has no place.

        A link from the border map picks the place, unless a restored draft already has one:
        otherwise every reload of that link would overwrite the trainer's own choice.
        """
        restored = self._restore()
        if not (restored and self._place.value) and self._apply_place_link():
            self._save()

    def _apply_place_link(self) -> bool:
        """Choose the place a ``?place=`` link names; return whether there was one."""
        wanted = query_parameters().get("place", "")
        if wanted not in self.content.records["places"]:
            return False
        self._updating = True
        try:
            self._sync_places()
            self._place.value = wanted
        finally:
            self._updating = False
        return True

    def _browser_known(self) -> None:
        """The page sent the browser's id: keep what was changed meanwhile, else restore the draft."""
        if self._touched:
            self._save()
        else:
            self._load_draft()
        self._refresh()

    @staticmethod
    def _checkbox(css_class: str) -> widgets.Checkbox:
        box = widgets.Checkbox(value=False, indent=False, layout={"width": "auto", "margin": "0 1.2rem 0 0"})
        return box.add_class("kit-planner-check").add_class(css_class)

    def _answer_controls(self) -> Iterable[tuple[str, widgets.Widget]]:
        yield from self._text.items()
        yield "place", self._place
        yield "start", self._start
        yield "weeks", self._weeks
        for group, name in ((self._goals, "goals"), (self._partners, "partners"), (self._audiences, "audiences")):
            for box in group.values():
                yield name, box

    # --- state ------------------------------------------------------------------------------

    @property
    def step(self) -> str:
        """The step shown: one of :data:`STEPS`."""
        return self._step.value

    @property
    def notice(self) -> str:
        """The passing notice shown under the steps (e.g. answers restored), in the current language."""
        if self._notice is None:
            return ""
        key, values = self._notice
        return self.t(key, **values)

    @property
    def request(self) -> PlanRequest:
        """The trainer's answers as they stand."""
        start = self._start.value
        return PlanRequest(
            problem=self._text["problem"].value,
            place=self._place.value or "",
            affected=self._text["affected"].value,
            goals=tuple(g for g, box in self._goals.items() if box.value),
            causes=self._text["causes"].value,
            tried=self._text["tried"].value,
            partners=tuple(p for p, box in self._partners.items() if box.value),
            audiences=tuple(a for a, box in self._audiences.items() if box.value),
            start=start.isoformat() if isinstance(start, dt.date) else "",
            weeks=min(max(int(self._weeks.value), MIN_WEEKS), MAX_WEEKS),
            baseline=self._text["baseline"].value,
        )

    def ranking(self) -> Ranking:
        """The practices suggested for the answers, best first, and those to avoid."""
        return rank_practices(self.content, self.request)

    def included(self) -> list[str]:
        """The practices chosen for the plan that the current answers still suggest, in order chosen."""
        suggested = {s.practice.id for s in self.ranking().suggested}
        return [p for p in self.chosen if p in suggested]

    def dropped(self) -> tuple[Dropped, ...]:
        """The chosen practices the current answers no longer suggest, with why (see :func:`dropped_practices`)."""
        return dropped_practices(self.content, self.request, self.chosen)

    def plan(self) -> Plan:
        """The plan for the answers and the practices chosen."""
        return build_plan(self.content, self.request, self.included())

    def plan_html(self) -> str:
        """The plan as a standalone, printable HTML page in the current language."""
        return render_plan_page(self.plan(), self.content, self.lang)

    def plan_markdown(self) -> str:
        """The plan as Markdown in the current language."""
        return render_plan_markdown(self.plan(), self.content, self.lang)

    def answer(self, **values: Any) -> None:
        """Set answers by name, as a trainer would in the form (fields of :class:`PlanRequest`).

        ``goals``, ``partners`` and ``audiences`` take the full selection; ``start`` takes a
        date or ``YYYY-MM-DD``.
        """
        for name, value in values.items():
            if name in TEXT_FIELDS:
                self._text[name].value = value
            elif name == "place":
                self._place.value = value
            elif name == "weeks":
                self._weeks.value = value
            elif name == "start":
                self._start.value = dt.date.fromisoformat(value) if isinstance(value, str) and value else value or None
            elif name in ("goals", "partners", "audiences"):
                boxes = getattr(self, f"_{name}")
                unknown = set(value) - set(boxes)
                if unknown:
                    raise ValueError(f"unknown {name}: {', '.join(sorted(unknown))}")
                for key, box in boxes.items():
                    box.value = key in value
            else:
                raise ValueError(f"no answer is called '{name}'")

    def set_problem(self, problem: str, place: str = "", affected: str = "", goals: Iterable[str] = ()) -> None:
        """Answer the Scanning step: the problem, the place, who is affected, the goals."""
        self.answer(problem=problem, place=place, affected=affected, goals=tuple(goals))

    def choose(self, practice_id: str, include: bool = True) -> None:
        """Include a suggested practice in the plan (or leave it out)."""
        if practice_id not in {s.practice.id for s in self.ranking().suggested}:
            raise ValueError(f"'{practice_id}' is not among the suggestions for these answers")
        self._include_box(practice_id).value = include

    def go(self, step: str) -> None:
        """Show a step: one of :data:`STEPS`."""
        if step not in STEPS:
            raise ValueError(f"no step '{step}'")
        self._step.value = step

    def next(self) -> None:
        """Go to the next step."""
        index = STEPS.index(self.step)
        self.go(STEPS[min(index + 1, len(STEPS) - 1)])

    def back(self) -> None:
        """Go to the previous step."""
        self.go(STEPS[max(STEPS.index(self.step) - 1, 0)])

    def reset(self) -> None:
        """Forget every answer and start again (the saved draft too)."""
        self._updating = True
        try:
            self._apply(PlanRequest(), [], "scan")
        finally:
            self._updating = False
        self._notice = None
        self._write(None)
        self._refresh()

    # --- events and the draft ---------------------------------------------------------------

    def _on_answer(self, name: str) -> None:
        if self._updating:
            return
        self._touched = True
        self._save()
        if name in RANKING_FIELDS and self.step == "respond":
            self._draw_suggestions()

    def _on_step(self, change: dict[str, Any]) -> None:
        if self._updating:
            return
        self._notice = None
        self._save()
        self._refresh()

    def _on_include(self, practice_id: str, included: bool) -> None:
        if self._updating:
            return
        if included and practice_id not in self.chosen:
            self.chosen.append(practice_id)
        elif not included and practice_id in self.chosen:
            self.chosen.remove(practice_id)
        self._save()

    def _include_box(self, practice_id: str) -> widgets.Checkbox:
        if practice_id not in self._include:
            box = self._checkbox(f"kit-planner-include-{practice_id}").add_class("kit-planner-include")
            box.value = practice_id in self.chosen
            box.observe(self._safe(lambda change, p=practice_id: self._on_include(p, change["new"])), names="value")
            self._include[practice_id] = box
        return self._include[practice_id]

    def _draft(self) -> str:
        return json.dumps({"request": self.request.to_dict(), "chosen": self.chosen, "step": self.step})

    def _save(self) -> None:
        self._write(self._draft())

    def _write(self, draft: str | None) -> None:
        """Save the draft (``None``: forget it); a failure is shown in the app, not only logged."""
        if not self.browser:
            return
        try:
            self.store.save(self.browser, DRAFT_ID, draft)
        except (OSError, ValueError):
            log.exception("could not save the planner's draft")
            failed = True
        else:
            failed = False
        if failed != self.save_failed:
            self.save_failed = failed
            self._draw_status()

    def _restore(self) -> bool:
        """Put the browser's saved draft into the controls; return whether there was one."""
        saved = self.store.load(self.browser, DRAFT_ID) if self.browser else None
        if saved is None:
            return False
        try:
            data = json.loads(saved)
            request = PlanRequest.from_dict(data.get("request", {}), self.content)
            chosen = [p for p in data.get("chosen", []) if p in self.content.records["practices"]]
            step = data.get("step") if data.get("step") in STEPS else "scan"
        except (ValueError, TypeError, AttributeError):
            log.exception("the planner's saved draft could not be read")
            return False
        self._updating = True
        try:
            self._apply(request, chosen, step)
        finally:
            self._updating = False
        self._notice = ("planner.restored", {})
        self._refresh()
        return True

    def _apply(self, request: PlanRequest, chosen: list[str], step: str) -> None:
        """Put saved answers into the controls (observers are held off by the caller)."""
        for name in TEXT_FIELDS:
            self._text[name].value = getattr(request, name)
        self._sync_places()
        self._place.value = request.place
        self._start.value = request.start_date
        self._weeks.value = request.weeks
        for name in ("goals", "partners", "audiences"):
            for key, box in getattr(self, f"_{name}").items():
                box.value = key in getattr(request, name)
        self.chosen = list(chosen)
        for practice_id, box in self._include.items():
            box.value = practice_id in self.chosen
        self._step.value = step

    # --- drawing ----------------------------------------------------------------------------

    def _sync_places(self) -> None:
        t, places = self.t, self.content.records["places"].values()
        ordered = sorted(places, key=lambda p: (PLACE_KINDS.index(p.kind), p.name.get(self.lang)))
        options = [(t("planner.place.none"), "")] + [
            (f"{t('map.kind.' + p.kind)}: {p.name.get(self.lang)}", p.id) for p in ordered
        ]
        value = self._place.value or ""
        held, self._updating = self._updating, True
        try:
            self._place.options = options
            self._place.value = value if value in dict(options).values() else ""
        finally:
            self._updating = held

    def _sync_labels(self) -> None:
        t, lang = self.t, self.lang
        self._sync_places()
        held, self._updating = self._updating, True
        try:
            step = self._step.value
            self._step.options = [(f"{i}. {t('planner.step.' + s)}", s) for i, s in enumerate(STEPS, start=1)]
            self._step.value = step
        finally:
            self._updating = held
        self._step.description = t("planner.steps")
        for name, control in self._text.items():
            control.description = t(f"planner.q.{name}")
            control.placeholder = t(f"planner.hint.{name}")
        self._place.description = t("planner.q.place")
        self._start.description = t("planner.q.start")
        self._weeks.description = t("planner.q.weeks")
        for g, box in self._goals.items():
            box.description = t(f"practice.goal.{g}")
        for a, box in self._audiences.items():
            box.description = t(f"audience.{a}")
        for p, box in self._partners.items():
            box.description = self.content.records["partners"][p].name.get(lang)
        for p, box in self._include.items():
            box.description = self.t("planner.include", name=self.content.records["practices"][p].name.get(lang))

    def _group(self, label_key: str, boxes: dict[str, widgets.Checkbox], css: str) -> widgets.Widget:
        row = widgets.HBox(list(boxes.values()), layout={"flex_flow": "row wrap"})
        label = widgets.HTML(f"<p class='kit-planner-group-label'><strong>{escape(self.t(label_key))}</strong></p>")
        return widgets.VBox([label, row]).add_class("kit-planner-group").add_class(css)

    def _render_body(self) -> list[widgets.Widget]:
        self._sync_labels()
        t = self.t
        sources = "; ".join(citation_html(c, self.content, self.lang) for c in sara_citations(self.content))
        keep = (
            f"<p class='kit-planner-keep'>{escape(t('planner.keep.saved'))}</p>"
            if self.browser
            else f"<p class='kit-notice kit-planner-keep kit-planner-unsaved'>{escape(t('planner.keep.page-only'))}</p>"
        )
        head = widgets.HTML(
            f"<h1>{escape(t('planner.title'))}</h1><p>{escape(t('planner.intro'))}</p>{keep}"
            + (f"<p class='kit-note'>{escape(t('planner.sara.sources'))} {sources}</p>" if sources else "")
        ).add_class("kit-intro")
        self._draw_status()
        body: list[widgets.Widget] = [head, self._step, self._status]
        step = self.step
        title = f"{STEPS.index(step) + 1}. {t('planner.step.' + step)}"
        about = t(f"planner.sara.{SARA_OF_STEP[step]}.about") if step in SARA_OF_STEP else t("planner.plan.intro")
        body.append(
            widgets.HTML(f"<h2>{escape(title)}</h2><p class='kit-note'>{escape(about)}</p>").add_class(
                "kit-planner-step-head"
            )
        )
        body += getattr(self, f"_step_{step}")()
        body.append(self._navigation())
        return body

    def _draw_status(self) -> None:
        """Show the passing notice and a failed save, in the current language ('' when neither)."""
        notes = [("kit-planner-notice", self.notice)] if self._notice else []
        if self.save_failed:
            notes.append(("kit-planner-save-failed", self.t("planner.save.failed")))
        self._status.value = "".join(
            f'<p class="kit-notice {css}" role="status">{escape(text)}</p>' for css, text in notes
        )

    def _step_scan(self) -> list[widgets.Widget]:
        return [
            self._text["problem"],
            self._place,
            self._text["affected"],
            self._group("planner.q.goals", self._goals, "kit-planner-goals"),
        ]

    def _step_analyse(self) -> list[widgets.Widget]:
        return [self._text["causes"], self._text["tried"]]

    def _step_respond(self) -> list[widgets.Widget]:
        self._draw_suggestions()
        return [
            self._group("planner.q.partners", self._partners, "kit-planner-partners"),
            self._group("planner.q.audiences", self._audiences, "kit-planner-audiences"),
            self._suggestions,
        ]

    def _step_assess(self) -> list[widgets.Widget]:
        return [self._start, self._weeks, self._text["baseline"]]

    def _step_plan(self) -> list[widgets.Widget]:
        plan, lang = self.plan(), self.lang
        html_link = download_link(
            render_plan_page(plan, self.content, lang),
            f"outreach-plan-{lang}.html",
            "text/html",
            self.t("planner.export.html"),
        )
        md_link = download_link(
            render_plan_markdown(plan, self.content, lang),
            f"outreach-plan-{lang}.md",
            "text/markdown",
            self.t("planner.export.markdown"),
        )
        out: list[widgets.Widget] = []
        dropped = render_dropped(self.dropped(), lang)
        if dropped:
            out.append(widgets.HTML(dropped))
        if not plan.practices:
            out.append(widgets.HTML(f"<p class='kit-notice' role='status'>{escape(self.t('planner.chosen.none'))}</p>"))
        downloads = widgets.HTML(f"<p>{html_link}</p><p>{md_link}</p>").add_class("kit-downloads")
        out.append(downloads.add_class("kit-planner-downloads"))
        out.append(widgets.HTML(render_plan(plan, self.content, lang)).add_class("kit-planner-preview"))
        return out

    def _draw_suggestions(self) -> None:
        ranking, lang = self.ranking(), self.lang
        t = self.t
        count = t("planner.suggestions.count", count=len(ranking.suggested))
        children: list[widgets.Widget] = [
            widgets.HTML(
                f"<h3>{escape(t('planner.suggestions'))}</h3><p>{escape(t('planner.suggestions.about'))}</p>"
                f"<p class='kit-note' role='status'>{escape(count)}</p>"
            )
        ]
        for suggestion in ranking.suggested:
            practice = suggestion.practice
            box = self._include_box(practice.id)
            box.description = t("planner.include", name=practice.name.get(lang))
            detail = widgets.HTML(render_suggestion(suggestion, self.content, lang))
            children.append(widgets.VBox([box, detail]).add_class("kit-planner-item"))
        avoid = render_avoid(ranking.avoid, lang)
        if avoid:
            children.append(widgets.HTML(avoid))
        self._suggestions.children = children

    def _navigation(self) -> widgets.Widget:
        index = STEPS.index(self.step)
        buttons = []
        if index > 0:
            back = widgets.Button(description=self.t("planner.back"), icon="arrow-left", layout=AUTO)
            back.add_class("kit-planner-back")
            back.on_click(self._safe(lambda _b: self.back()))
            buttons.append(back)
        if index < len(STEPS) - 1:
            label = self.t("planner.next", step=self.t(f"planner.step.{STEPS[index + 1]}"))
            forward = widgets.Button(description=label, icon="arrow-right", button_style="primary", layout=AUTO)
            forward.add_class("kit-planner-next")
            forward.on_click(self._safe(lambda _b: self.next()))
            buttons.append(forward)
        restart = widgets.Button(description=self.t("planner.reset"), layout=AUTO).add_class("kit-planner-reset")
        restart.on_click(self._safe(lambda _b: self.reset()))
        buttons.append(restart)
        return widgets.HBox(buttons).add_class("kit-tools")
