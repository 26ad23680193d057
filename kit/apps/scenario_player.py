"""The trainee's scenario player: pick a scenario, play it, go back, read the debrief."""

from __future__ import annotations

import logging
from typing import Any

import ipywidgets as widgets

from kit.apps.base import KitApp
from kit.html import escape
from kit.i18n import query_parameters
from kit.model import Scenario
from kit.resume import ResumeStore
from kit.scenario_views import render_debrief, render_feedback, render_map
from kit.scenarios import ScenarioError, ScenarioRun

log = logging.getLogger(__name__)
FEEDBACK_MODES = ("immediate", "end")
AUTO = {"width": "auto"}


class ScenarioPlayer(KitApp):
    """Play branching scenarios with consequence and coaching feedback and a debrief.

    Build it with :meth:`ScenarioPlayer.from_content` and show :attr:`widget`. Progress is
    saved after every step under the browser's key, so a reload resumes; ``?scenario=<id>`` picks one.

    Parameters
    ----------
    content, lang, errors:
        As for :class:`~kit.apps.base.KitApp`.
    browser:
        The browser's key for saving progress (``None``: progress is not saved).
    store:
        Where progress is saved (default: the data folder).
    """

    name = "scenarios"
    remembers_browser = True

    def __init__(self, content, lang, errors=(), browser: str | None = None, store: ResumeStore | None = None):
        self.browser = browser
        self.store = store or ResumeStore()
        self.run: ScenarioRun | None = None
        self.last_choice = None
        self.notice: tuple[str, ...] = ()  # catalog keys, translated when drawn
        self._updating = False
        self._picker = widgets.Dropdown(layout={"width": "32rem"}).add_class("kit-picker")
        self._picker.style.description_width = "initial"
        self._mode = widgets.ToggleButtons(style={"button_width": "auto"}).add_class("kit-feedback-mode")
        self._mode.style.description_width = "initial"
        self._show_map = widgets.ToggleButton(value=False, layout=AUTO).add_class("kit-map-toggle")
        # The play view's widgets are made once and updated in place: a step then sends a few
        # value changes instead of creating a dozen widgets (each a round of comm messages).
        self._head = widgets.HTML().add_class("kit-intro")
        self._controls = widgets.HBox([self._picker, self._mode]).add_class("kit-controls")
        self._progress = widgets.HTML().add_class("kit-progress")
        self._feedback = widgets.HTML().add_class("kit-last-feedback")
        self._narration = widgets.HTML()
        self._discuss = widgets.HTML()
        self._debrief = widgets.HTML().add_class("kit-debrief-panel")
        self._choices = widgets.VBox().add_class("kit-choices")
        self._choice_buttons: list[widgets.Button] = []
        self._choice_of: dict[str, str] = {}  # button model id -> the choice it stands for
        self._back = widgets.Button(icon="undo", layout=AUTO).add_class("kit-back")
        self._restart = widgets.Button(layout=AUTO).add_class("kit-restart")
        self._leave = widgets.Button(layout=AUTO).add_class("kit-leave")
        self._tools = widgets.HBox().add_class("kit-tools")
        self._path_map = widgets.HTML().add_class("kit-map-panel")
        self._back.on_click(self._safe(lambda _b: self.back()))
        self._restart.on_click(self._safe(lambda _b: self.start()))
        self._leave.on_click(self._safe(lambda _b: self.leave()))
        self._options_lang = ""
        super().__init__(content, lang, errors)
        if content is not None:
            self._picker.observe(self._safe(self._on_pick), names="value")
            self._mode.observe(self._safe(lambda _c: self._refresh()), names="value")
            self._show_map.observe(self._safe(lambda _c: self._refresh()), names="value")
            self._resume_last()
            wanted = query_parameters().get("scenario", "")
            if wanted in self.scenarios:
                self._picker.value = wanted

    # --- state ------------------------------------------------------------------------------

    @property
    def scenarios(self) -> dict[str, Scenario]:
        """The scenarios on offer, by id."""
        return dict(self.content.records["scenarios"]) if self.content else {}

    @property
    def scenario(self) -> Scenario | None:
        """The scenario picked."""
        return self.scenarios.get(self._picker.value) if self._picker.value else None

    def pick(self, scenario_id: str) -> None:
        """Pick a scenario (its saved progress, if any, is resumed)."""
        self._picker.value = scenario_id

    def start(self) -> None:
        """Start the picked scenario from the beginning."""
        if self.scenario is None:
            return
        self.run = ScenarioRun(self.scenario)
        self.last_choice, self.notice = None, ()
        self._save()
        self._refresh()

    def choose(self, choice_id: str) -> None:
        """Take a choice at the current node."""
        if self.run is None:
            raise ScenarioError("no scenario is being played")
        self.last_choice = self.run.choose(choice_id)
        self.notice = ()
        self._save()
        self._refresh()

    def back(self) -> None:
        """Go back one step."""
        if self.run and self.run.back():
            self.last_choice, self.notice = None, ()
            self._save()
            self._refresh()

    def leave(self) -> None:
        """Stop playing and return to the scenario's introduction (progress is forgotten)."""
        if self.scenario is not None and self.browser:
            self.store.save(self.browser, self.scenario.id, None)
        self.run, self.last_choice, self.notice = None, None, ()
        self._refresh()

    def _save(self) -> None:
        if self.browser and self.run is not None:
            try:
                self.store.save(self.browser, self.run.scenario.id, self.run.to_json())
            except OSError:
                log.exception("could not save scenario progress")

    def _restore(self, scenario_id: str) -> None:
        saved = self.store.load(self.browser, scenario_id) if self.browser else None
        if saved is None:
            self.run = None
            return
        try:
            self.run = ScenarioRun.from_json(self.scenarios[scenario_id], saved)
        except (ValueError, KeyError):
            self.run = None
            return
        changed = ("scenario.resumed.changed",) if self.run.changed_since_saved else ()
        self.notice = ("scenario.resumed", *changed)

    def _browser_known(self) -> None:
        """The page sent the browser's id: resume its work (or save what was begun meanwhile)."""
        if self.run is not None:
            self._save()
            self._refresh()
            return
        wanted = query_parameters().get("scenario", "")
        target = wanted if wanted in self.scenarios else self.store.last_scenario(self.browser)
        if target not in self.scenarios:
            self._refresh()
        elif self._picker.value == target:
            self._restore(target)
            self._refresh()
        else:
            self._picker.value = target  # _on_pick restores and redraws

    def _resume_last(self) -> None:
        last = self.store.last_scenario(self.browser) if self.browser else None
        if last in self.scenarios:
            self._picker.value = last

    def _on_pick(self, change: dict[str, Any]) -> None:
        if self._updating:
            return
        self.last_choice, self.notice = None, ()
        if change["new"]:
            self._restore(change["new"])
        else:
            self.run = None
        self._refresh()

    # --- drawing ----------------------------------------------------------------------------

    def _sync_controls(self) -> None:
        if self._options_lang == self.lang:
            return  # options and labels change only with the language
        self._options_lang = self.lang
        value = self._picker.value
        options = [(self.t("scenario.pick.none"), "")] + [
            (f"{s.title.get(self.lang)} ({self.t('scenario.minutes', minutes=s.minutes)})", s.id)
            for s in self.scenarios.values()
        ]
        self._updating = True
        try:
            self._picker.options = options
            self._picker.value = value if value in dict(options).values() else ""
        finally:
            self._updating = False
        self._picker.description = self.t("scenario.pick")
        mode = self._mode.value or "immediate"
        self._mode.options = [(self.t(f"scenario.mode.{m}"), m) for m in FEEDBACK_MODES]
        self._mode.value = mode
        self._mode.description = self.t("scenario.mode")
        self._show_map.description = self.t("scenario.map.show")
        self._head.value = f"<h1>{escape(self.t('scenario.title'))}</h1><p>{escape(self.t('scenario.intro'))}</p>"
        self._back.description = self.t("scenario.back")
        self._leave.description = self.t("scenario.leave")

    def _render_body(self) -> list[widgets.Widget]:
        self._sync_controls()
        body: list[widgets.Widget] = [self._head, self._controls]
        if self.notice:
            text = " ".join(self.t(key) for key in self.notice)
            body.append(widgets.HTML(f'<p class="kit-notice" role="status">{escape(text)}</p>'))
        scenario = self.scenario
        if scenario is None:
            body.append(widgets.HTML(self._catalog_html()))
        elif self.run is None:
            body += self._intro_widgets(scenario)
        else:
            body += self._play_widgets()
        return body

    def _catalog_html(self) -> str:
        items = "".join(
            f"<li><strong>{escape(s.title.get(self.lang))}</strong> — {escape(s.summary.get(self.lang))} "
            f'<span class="kit-note">({escape(self.t("scenario.minutes", minutes=s.minutes))})</span></li>'
            for s in self.scenarios.values()
        )
        return f"<h2>{escape(self.t('scenario.catalog'))}</h2><ul class='kit-catalog'>{items}</ul>"

    def _intro_widgets(self, scenario: Scenario) -> list[widgets.Widget]:
        lang = self.lang
        objectives = "".join(f"<li>{escape(o.get(lang))}</li>" for o in scenario.objectives)
        roles = "".join(
            f"<li><strong>{escape(r.name.get(lang))}</strong>: {escape(r.description.get(lang))}</li>"
            for r in scenario.roles
        )
        intro = widgets.HTML(
            f'<div class="kit-scenario-intro"><h2>{escape(scenario.title.get(lang))}</h2>'
            f"<p>{escape(scenario.summary.get(lang))}</p>"
            f"<p><strong>{escape(self.t('scenario.where'))}:</strong> {escape(scenario.setting.location.get(lang))}"
            f" · <strong>{escape(self.t('scenario.audience'))}:</strong> {escape(scenario.audience.get(lang))}"
            f" · {escape(self.t('scenario.minutes', minutes=scenario.minutes))}</p>"
            f"<h3>{escape(self.t('scenario.objectives'))}</h3><ul>{objectives}</ul>"
            f"<h3>{escape(self.t('scenario.roles'))}</h3><ul>{roles}</ul></div>"
        )
        start = widgets.Button(description=self.t("scenario.start"), button_style="primary", layout=AUTO)
        start.add_class("kit-start")
        start.on_click(self._safe(lambda _b: self.start()))
        return [intro, start]

    def _play_widgets(self) -> list[widgets.Widget]:
        run, lang = self.run, self.lang
        assert run is not None and self.content is not None
        node = run.node
        out: list[widgets.Widget] = [self._progress]
        if self.last_choice is not None and self._mode.value == "immediate":
            self._feedback.value = render_feedback(self.last_choice, self.content, lang)
            out.append(self._feedback)
        self._narration.value = f'<div class="kit-narration"><p>{escape(node.narration.get(lang))}</p></div>'
        out.append(self._narration)
        if node.discuss is not None and not run.finished:
            self._discuss.value = (
                f'<p class="kit-discuss"><strong>{escape(self.t("scenario.discuss"))}:</strong> '
                f"{escape(node.discuss.get(lang))}</p>"
            )
            out.append(self._discuss)
        if run.finished:
            self._debrief.value = render_debrief(run, self.content, lang)
            out.append(self._debrief)
        else:
            self._choices.children = [
                self._choice_button(index, choice.id, choice.label.get(lang))
                for index, choice in enumerate(run.available_choices())
            ]
            out.append(self._choices)
        self._restart.description = self.t("scenario.again" if run.finished else "scenario.restart")
        self._tools.children = [*([self._back] if run.steps else []), self._restart, self._leave, self._show_map]
        out.append(self._tools)
        if self._show_map.value or run.finished:
            self._path_map.value = f"<h3>{escape(self.t('scenario.map'))}</h3>{render_map(run, lang)}"
            out.append(self._path_map)
        # The step counter changes last: when it shows the new step, the choices already do.
        percent = round(run.progress() * 100)
        step_text = (
            self.t("scenario.finished") if run.finished else self.t("scenario.progress", step=len(run.steps) + 1)
        )
        self._progress.value = (
            f'<h2>{escape(run.scenario.title.get(lang))}</h2><p class="kit-progress-text">'
            f"<label>{escape(step_text)} "
            f'<progress max="100" value="{percent}">{percent}%</progress></label></p>'
        )
        return out

    def _choice_button(self, index: int, choice_id: str, label: str) -> widgets.Button:
        """The index-th choice button, made once and relabelled for each step."""
        while len(self._choice_buttons) <= index:
            button = widgets.Button(layout={"width": "auto"}).add_class("kit-choice")
            button.on_click(self._safe(self._on_choice_button))
            self._choice_buttons.append(button)
        button = self._choice_buttons[index]
        old = self._choice_of.get(button.model_id)
        if old != choice_id:
            if old is not None:
                button.remove_class(f"kit-choice-{old}")
            button.add_class(f"kit-choice-{choice_id}")
            self._choice_of[button.model_id] = choice_id
        button.description = label
        return button

    def _on_choice_button(self, button: widgets.Button) -> None:
        self.choose(self._choice_of[button.model_id])
