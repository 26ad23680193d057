"""Tier 2: the shipped scenarios are complete, playable to an end, and policy-grounded."""

from __future__ import annotations

import pytest

from kit.content import load_content
from kit.model import CDM_STEPS
from kit.scenarios import all_paths, graph_report, walk_runs

pytestmark = pytest.mark.content

REQUIRED = {
    "rocks-across-the-fence",
    "vehicle-fails-to-yield-at-port",
    "heat-distress-in-the-desert",
    "crowd-at-the-port",
    "unaccompanied-minor",
    "crisis-with-a-blade",
    "injured-national-consular-notification",
    "joint-patrol-contact",
    "community-meeting-after-incident",
    "consular-visit-excessive-force-allegation",
}


@pytest.fixture(scope="module")
def scenarios():
    """The shipped scenarios, strictly validated."""
    return load_content([], strict=True).records["scenarios"]


def test_the_ten_required_scenarios_are_there(scenarios):
    """Every situation the training plan names has its scenario."""
    assert REQUIRED <= set(scenarios)


@pytest.mark.parametrize("scenario_id", sorted(REQUIRED))
def test_scenario_shape(scenarios, scenario_id):
    """3+ endings, 5+ decisions on the path to the best ending, every CDM step used."""
    scenario = scenarios[scenario_id]
    report = graph_report(scenario)
    assert report.endings >= 3
    assert report.cdm_steps_used == CDM_STEPS
    best = {n.id for n in scenario.nodes if n.ending and n.ending.rating == "exemplary"}
    assert best, "no exemplary ending"
    main = [len(p) - 1 for p in all_paths(scenario) if p[-1] in best]
    assert max(main) >= 5, f"main path has {max(main)} decisions"


@pytest.mark.parametrize("scenario_id", sorted(REQUIRED))
def test_every_playable_path_reaches_an_ending(scenarios, scenario_id):
    """The engine, with conditions and effects applied, never strands a trainee."""
    endings = walk_runs(scenarios[scenario_id], max_decisions=40)
    assert len(endings) >= 3


def test_most_choices_cite_the_policy_dataset(scenarios):
    """Feedback is policy-grounded: at least half the choices of each scenario link a cell."""
    for scenario in scenarios.values():
        choices = [c for n in scenario.nodes for c in n.choices]
        linked = [c for c in choices if c.policies]
        assert len(linked) * 2 >= len(choices), f"{scenario.id}: {len(linked)}/{len(choices)} linked"
