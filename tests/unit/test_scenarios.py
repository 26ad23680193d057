"""Tier 1: the scenario format's checks, the engine, and ScenarioPlayer, on fixtures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kit.apps import ScenarioPlayer
from kit.content import check_content, load_content
from kit.resume import ResumeStore
from kit.scenario_views import render_debrief, render_map, scenario_map_dot, scenario_map_text
from kit.scenarios import ScenarioError, ScenarioRun, all_paths, fingerprint, graph_report, walk_runs

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"
PACK = [FIXTURES / "policy-mini", FIXTURES / "scenario-mini"]


@pytest.fixture(scope="module")
def content():
    """Policy and scenario miniatures, strictly valid, without the kit's own content."""
    return load_content(PACK, strict=True, builtin=False)


@pytest.fixture()
def scenario(content):
    """The miniature checkpoint scenario."""
    return content.records["scenarios"]["mini-checkpoint"]


def fixed_clock():
    """A clock that always says noon, 1 June 2026 (UTC)."""
    return dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def test_structural_problems_are_reported_with_lines():
    """Missing node, unreachable node, trap loop, undeclared variable, bad link, bad CDM step,
    missing ending score: all reported at their lines."""
    errors = [str(e) for e in check_content([FIXTURES / "policy-mini", FIXTURES / "scenario-broken"], builtin=False)]
    expected = [
        ("broken.yaml:36:", "nodes[0].choices[2].cdm_step: Input should be"),
    ]
    for where, what in expected:
        assert any(where in e and what in e for e in errors), "\n".join(errors)
    # The CDM error makes the record invalid; fix it in a copy to see the graph checks.
    text = (FIXTURES / "scenario-broken" / "broken.yaml").read_text().replace("guess-wildly", "act-review-reassess")
    return_errors = _check_text(text)
    for what in (
        "leads to node 'missing-node', which does not exist",
        "condition uses undeclared variable 'undeclared'",
        "dimension: no dimensions record with id 'no-such-dimension'",
        "node 'orphan' cannot be reached from the start",
        "node 'loop' is a trap: no path from it reaches an ending",
        "scoring is 'ending' but ending 'the-end' has no score",
    ):
        assert any(what in e for e in return_errors), what + "\n" + "\n".join(return_errors)


def _check_text(text: str) -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "s.yaml").write_text(text, encoding="utf-8")
        return [str(e) for e in check_content([FIXTURES / "policy-mini", Path(tmp)], builtin=False)]


def test_every_path_is_walked_to_an_ending(scenario):
    """Automatic walk: every choice sequence the engine allows ends (loops bounded)."""
    assert walk_runs(scenario, max_decisions=20) == {"calm-end": 3, "tense-end": 5}
    assert len(list(all_paths(scenario))) == 4


def test_conditions_and_effects(scenario):
    """A flag set earlier unlocks a choice; a counter caps a repeated warning."""
    run = ScenarioRun(scenario, fixed_clock)
    run.choose("shout")
    assert [c.id for c in run.available_choices()] == ["search", "warn"]
    run.choose("warn")
    assert run.variables == {"asked": False, "warnings": 2}
    assert [c.id for c in run.available_choices()] == ["search"]
    with pytest.raises(ScenarioError, match="not offered"):
        run.choose("warn")
    run.back()
    run.back()
    run.choose("ask")
    assert "reassure" in [c.id for c in run.available_choices()]


def test_back_score_progress_and_transcript(scenario):
    """Going back undoes a step; the score sums choices; the transcript has timestamps."""
    run = ScenarioRun(scenario, fixed_clock)
    assert run.back() is False
    run.choose("ask")
    assert run.progress() == pytest.approx(0.5)
    run.choose("reassure")
    assert run.finished and run.ending.rating == "exemplary" and run.score() == 4
    assert run.progress() == 1.0
    assert run.transcript() == [
        {"node": "arrive", "choice": "ask", "at": "2026-06-01T12:00:00+00:00"},
        {"node": "talk", "choice": "reassure", "at": "2026-06-01T12:00:00+00:00"},
    ]
    assert run.back() and run.node.id == "talk"


def test_state_round_trips_through_json(scenario):
    """A saved state restores to the same node with the same variables."""
    run = ScenarioRun(scenario, fixed_clock)
    run.choose("shout")
    run.choose("warn")
    restored = ScenarioRun.from_json(scenario, run.to_json())
    assert restored.node.id == "talk" and restored.variables == run.variables and restored.note is None
    assert json.loads(run.to_json())["fingerprint"] == fingerprint(scenario)


def test_save_from_a_modified_scenario_resumes_at_the_last_valid_step(scenario):
    """A state saved before a choice was removed resumes at the last step that still exists."""
    run = ScenarioRun(scenario, fixed_clock)
    run.choose("ask")
    run.choose("reassure")
    saved = run.to_json()
    talk = scenario.node("talk")
    edited_talk = talk.model_copy(update={"choices": tuple(c for c in talk.choices if c.id != "reassure")})
    edited = scenario.model_copy(update={"nodes": tuple(edited_talk if n.id == "talk" else n for n in scenario.nodes)})
    restored = ScenarioRun.from_json(edited, saved)
    assert restored.node.id == "talk" and len(restored.steps) == 1
    assert "changed since this was saved" in restored.note
    with pytest.raises(ScenarioError, match="belongs to scenario"):
        ScenarioRun.from_json(scenario, saved.replace("mini-checkpoint", "other"))


def test_graph_report_and_maps(scenario):
    """The report counts nodes, endings and path lengths; the maps name every node."""
    report = graph_report(scenario)
    assert (report.nodes, report.decision_points, report.endings) == (4, 2, 2)
    assert (report.shortest_path, report.longest_path) == (2, 2)
    assert len(report.cdm_steps_used) == 5
    assert "[talk]" in scenario_map_text(scenario) and "END (exemplary)" in scenario_map_text(scenario)
    dot = scenario_map_dot(scenario, path=["arrive", "talk", "calm-end"])
    assert dot.startswith('digraph "mini-checkpoint"') and '"arrive" -> "talk"' in dot and "style=bold" in dot


def test_debrief_is_built_from_the_path_taken(scenario, content):
    """The debrief lists the choices made with their feedback and the linked policy cells."""
    run = ScenarioRun(scenario, fixed_clock)
    run.choose("ask")
    run.choose("reassure")
    html = render_debrief(run, content, "es")
    assert "Hacer preguntas" in html and "Reunir información" in html
    assert "Nuevo · Umbral" in html and "Regla estricta." in html
    assert "¿Qué hizo que el conductor cooperara?" in html and "Ejemplar" in html
    assert "Gritar órdenes" not in html
    assert "✔ Hacer preguntas" in render_map(run, "es")


def test_player_plays_goes_back_switches_language_and_resumes(content, tmp_path):
    """Pick, start, choose, back, Spanish, finish; a new player with the same key resumes."""
    store = ResumeStore(tmp_path)
    key = "ab" * 16
    app = ScenarioPlayer(content, "en", browser=key, store=store)
    app.pick("mini-checkpoint")
    app.start()
    choices = [w for w in app._body.children if "kit-choices" in w._dom_classes][0].children
    assert [b.description for b in choices] == ["Ask questions", "Shout orders"]
    choices[0].click()
    assert "Collecting information first lowers risk." in _html(app)
    app.back()
    assert app.run.node.id == "arrive"
    app.choose("ask")
    app._language.value = "es"
    assert app.run.node.id == "talk" and "El conductor está nervioso." in _html(app)
    resumed = ScenarioPlayer(content, "en", browser=key, store=store)
    assert resumed.scenario.id == "mini-checkpoint" and resumed.run.node.id == "talk"
    assert "Resumed where you left off." in _html(resumed)
    resumed.choose("reassure")
    assert "Debrief questions" in _html(resumed) and "The path you took" in _html(resumed)


def test_player_reuses_its_widgets_and_relabels_choice_buttons(content, tmp_path):
    """A step updates the same widgets in place; a reused button acts for its new choice."""
    app = ScenarioPlayer(content, "en", store=ResumeStore(tmp_path))
    app.pick("mini-checkpoint")
    app.start()
    first = app._choice_buttons[0]
    assert "kit-choice-ask" in first._dom_classes
    first.click()
    assert app.run.node.id == "talk" and app._choice_buttons[0] is first
    assert "kit-choice-ask" not in first._dom_classes and first.description == "Reassure and explain"
    first.click()
    assert app.run.finished


def test_changed_scenario_notice_is_in_the_page_language(content, tmp_path):
    """A state saved before the scenario changed resumes with a note in the player's language."""
    store, key = ResumeStore(tmp_path), "cd" * 16
    scenario = content.records["scenarios"]["mini-checkpoint"]
    saved = '{"scenario": "mini-checkpoint", "steps": [{"node": "arrive", "choice": "gone"}]}'
    store.save(key, scenario.id, saved)
    app = ScenarioPlayer(content, "es", browser=key, store=store)
    assert "Se retomó donde se quedó. El escenario cambió desde entonces" in _html(app)
    app.set_language("en")
    assert "The scenario has changed since then" in _html(app)


def test_feedback_at_the_end_hides_it_during_play(content, tmp_path):
    """With feedback set to the end, a choice shows no coaching until the debrief."""
    app = ScenarioPlayer(content, "en", store=ResumeStore(tmp_path))
    app._mode.value = "end"
    app.pick("mini-checkpoint")
    app.start()
    app.choose("ask")
    assert "Collecting information first lowers risk." not in _html(app)
    app.choose("reassure")
    assert "Collecting information first lowers risk." in _html(app)


def _html(app) -> str:
    return "".join(getattr(w, "value", "") for w in app._body.children)


def test_scenarios_export_as_choice_rows_and_whole_documents(content):
    """CSV: one row per choice; JSON: each scenario whole, both languages."""
    from kit.export import export_rows

    rows = export_rows(content, "scenarios", "csv")
    assert len(rows) == 5 and rows[0]["id"] == "mini-checkpoint/arrive/ask"
    (document,) = export_rows(content, "scenarios", "json")
    assert document["id"] == "mini-checkpoint" and document["nodes"][0]["narration"]["es"] == "Un automóvil se detiene."


def test_a_stuck_run_is_reported(scenario):
    """A state where no choice is offered is an error the walk names."""
    talk = scenario.node("talk")
    stuck_talk = talk.model_copy(update={"choices": tuple(c for c in talk.choices if c.conditions)})
    stuck = scenario.model_copy(update={"nodes": tuple(stuck_talk if n.id == "talk" else n for n in scenario.nodes)})
    with pytest.raises(ScenarioError, match="no choice is offered at 'talk'"):
        walk_runs(stuck)


def test_map_is_drawn_with_the_path_taken(scenario):
    """The SVG map draws every node, the path taken thick, and keeps a text version."""
    from kit.scenario_views import render_map_svg

    run = ScenarioRun(scenario, fixed_clock)
    run.choose("ask")
    svg = render_map_svg(run, "en")
    assert svg.count("<rect") == 4 and 'role="img"' in svg
    assert svg.count('stroke="#1a5fb4" stroke-width="3"') == 1
    assert "Text version of the map" in render_map(run, "en")
