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
        self.notice = ""
        self._updating = False
        self._picker = widgets.Dropdown(layout={"width": "32rem"}).add_class("kit-picker")
        self._picker.style.description_width = "initial"
        self._mode = widgets.ToggleButtons(style={"button_width": "auto"}).add_class("kit-feedback-mode")
        self._mode.style.description_width = "initial"
        self._show_map = widgets.ToggleButton(value=False, layout=AUTO).add_class("kit-map-toggle")
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
        self.last_choice, self.notice = None, ""
        self._save()
        self._refresh()

    def choose(self, choice_id: str) -> None:
        """Take a choice at the current node."""
        if self.run is None:
            raise ScenarioError("no scenario is being played")
        self.last_choice = self.run.choose(choice_id)
        self.notice = ""
        self._save()
        self._refresh()

    def back(self) -> None:
        """Go back one step."""
        if self.run and self.run.back():
            self.last_choice, self.notice = None, ""
            self._save()
            self._refresh()

    def leave(self) -> None:
        """Stop playing and return to the scenario's introduction (progress is forgotten)."""
        if self.scenario is not None and self.browser:
            self.store.save(self.browser, self.scenario.id, None)
        self.run, self.last_choice, self.notice = None, None, ""
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
        self.notice = self.t("scenario.resumed") + (f" {self.run.note}" if self.run.note else "")

    def _resume_last(self) -> None:
        last = self.store.last_scenario(self.browser) if self.browser else None
        if last in self.scenarios:
            self._picker.value = last

    def _on_pick(self, change: dict[str, Any]) -> None:
        if self._updating:
            return
        self.last_choice, self.notice = None, ""
        if change["new"]:
            self._restore(change["new"])
        else:
            self.run = None
        self._refresh()

    # --- drawing ----------------------------------------------------------------------------

    def _sync_controls(self) -> None:
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

    def _render_body(self) -> list[widgets.Widget]:
        self._sync_controls()
        head = widgets.HTML(
            f"<h1>{escape(self.t('scenario.title'))}</h1><p>{escape(self.t('scenario.intro'))}</p>"
        ).add_class("kit-intro")
        body: list[widgets.Widget] = [head, widgets.HBox([self._picker, self._mode]).add_class("kit-controls")]
        if self.notice:
            body.append(widgets.HTML(f'<p class="kit-notice" role="status">{escape(self.notice)}</p>'))
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
        percent = round(run.progress() * 100)
        step_text = (
            self.t("scenario.finished") if run.finished else self.t("scenario.progress", step=len(run.steps) + 1)
        )
        out: list[widgets.Widget] = [
            widgets.HTML(
                f'<h2>{escape(run.scenario.title.get(lang))}</h2><p class="kit-progress-text">'
                f"<label>{escape(step_text)} "
                f'<progress max="100" value="{percent}">{percent}%</progress></label></p>'
            ).add_class("kit-progress")
        ]
        if self.last_choice is not None and self._mode.value == "immediate":
            feedback = render_feedback(self.last_choice, self.content, lang)
            out.append(widgets.HTML(feedback).add_class("kit-last-feedback"))
        out.append(widgets.HTML(f'<div class="kit-narration"><p>{escape(node.narration.get(lang))}</p></div>'))
        if node.discuss is not None and not run.finished:
            out.append(
                widgets.HTML(
                    f'<p class="kit-discuss"><strong>{escape(self.t("scenario.discuss"))}:</strong> '
                    f"{escape(node.discuss.get(lang))}</p>"
                )
            )
        if run.finished:
            out.append(widgets.HTML(render_debrief(run, self.content, lang)).add_class("kit-debrief-panel"))
        else:
            buttons = []
            for choice in run.available_choices():
                button = widgets.Button(description=choice.label.get(lang), layout={"width": "auto"})
                button.add_class("kit-choice")
                button.add_class(f"kit-choice-{choice.id}")
                button.on_click(self._safe(lambda _b, cid=choice.id: self.choose(cid)))
                buttons.append(button)
            out.append(widgets.VBox(buttons).add_class("kit-choices"))
        tools = []
        if run.steps:
            back = widgets.Button(description=self.t("scenario.back"), icon="undo", layout=AUTO).add_class("kit-back")
            back.on_click(self._safe(lambda _b: self.back()))
            tools.append(back)
        restart = widgets.Button(
            description=self.t("scenario.again" if run.finished else "scenario.restart"), layout=AUTO
        ).add_class("kit-restart")
        restart.on_click(self._safe(lambda _b: self.start()))
        leave = widgets.Button(description=self.t("scenario.leave"), layout=AUTO).add_class("kit-leave")
        leave.on_click(self._safe(lambda _b: self.leave()))
        tools += [restart, leave, self._show_map]
        out.append(widgets.HBox(tools).add_class("kit-tools"))
        if self._show_map.value or run.finished:
            path_map = f"<h3>{escape(self.t('scenario.map'))}</h3>{render_map(run, lang)}"
            out.append(widgets.HTML(path_map).add_class("kit-map-panel"))
        return out
