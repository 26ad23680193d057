"""Branching scenarios: graph checks, the play engine, and its saved state.

Pure Python, no widgets. :class:`ScenarioRun` plays one scenario: available choices (with
conditions applied), choose, go back one step, reach an ending, a timestamped transcript,
and a JSON state that restores — a state saved against an older version of the scenario
resumes at the last step that still exists, with a note, instead of failing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kit.model import CDM_STEPS, Choice, Condition, Ending, Node, Scenario

Clock = Callable[[], dt.datetime]
STATE_VERSION = 1


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- graph -------------------------------------------------------------------------------


def successors(scenario: Scenario) -> dict[str, list[str]]:
    """Return each node's possible next nodes (conditions ignored)."""
    ids = {node.id for node in scenario.nodes}
    return {node.id: [c.next for c in node.choices if c.next in ids] for node in scenario.nodes}


def reachable(scenario: Scenario) -> set[str]:
    """Return the ids of the nodes reachable from the start."""
    graph, seen, queue = successors(scenario), {scenario.start}, deque([scenario.start])
    while queue:
        for nxt in graph.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen if scenario.start in graph else set()


def can_end(scenario: Scenario) -> set[str]:
    """Return the ids of the nodes from which some path reaches an ending."""
    graph = successors(scenario)
    good = {node.id for node in scenario.nodes if node.ending is not None}
    changed = True
    while changed:
        changed = False
        for node_id, nexts in graph.items():
            if node_id not in good and any(n in good for n in nexts):
                good.add(node_id)
                changed = True
    return good


def shortest_to_end(scenario: Scenario) -> dict[str, int]:
    """Return, per node, the fewest decisions from it to an ending."""
    reverse: dict[str, list[str]] = {}
    for node_id, nexts in successors(scenario).items():
        for nxt in nexts:
            reverse.setdefault(nxt, []).append(node_id)
    distance = {node.id: 0 for node in scenario.nodes if node.ending is not None}
    queue = deque(distance)
    while queue:
        current = queue.popleft()
        for earlier in reverse.get(current, []):
            if earlier not in distance:
                distance[earlier] = distance[current] + 1
                queue.append(earlier)
    return distance


def all_paths(scenario: Scenario, limit: int = 100_000) -> Iterator[list[str]]:
    """Yield every simple path (list of node ids) from the start to an ending."""
    graph = {node.id: node for node in scenario.nodes}
    stack: list[tuple[str, list[str]]] = [(scenario.start, [scenario.start])]
    count = 0
    while stack:
        node_id, path = stack.pop()
        node = graph[node_id]
        if node.ending is not None:
            count += 1
            if count > limit:
                return
            yield path
            continue
        for choice in reversed(node.choices):
            if choice.next in graph and choice.next not in path:
                stack.append((choice.next, [*path, choice.next]))


@dataclass(frozen=True)
class GraphReport:
    """Size and shape of a scenario's graph (decisions counted along paths)."""

    scenario: str
    nodes: int
    decision_points: int
    endings: int
    shortest_path: int
    longest_path: int
    cdm_steps_used: tuple[str, ...]


def graph_report(scenario: Scenario) -> GraphReport:
    """Return the graph report of one scenario."""
    lengths = [len(path) - 1 for path in all_paths(scenario)]
    used = {choice.cdm_step for node in scenario.nodes for choice in node.choices}
    return GraphReport(
        scenario=scenario.id,
        nodes=len(scenario.nodes),
        decision_points=sum(1 for node in scenario.nodes if node.choices),
        endings=sum(1 for node in scenario.nodes if node.ending is not None),
        shortest_path=min(lengths, default=0),
        longest_path=max(lengths, default=0),
        cdm_steps_used=tuple(step for step in CDM_STEPS if step in used),
    )


def graph_problems(scenario: Scenario, records: Mapping[str, Mapping[str, Any]]) -> Iterator[tuple[tuple, str]]:
    """Yield ``(location, message)`` for every structural problem of a scenario."""
    ids: dict[str, int] = {}
    for index, node in enumerate(scenario.nodes):
        if node.id in ids:
            yield ("nodes", index, "id"), f"node id '{node.id}' is used twice"
        ids.setdefault(node.id, index)
    if scenario.start not in ids:
        yield ("start",), f"start node '{scenario.start}' does not exist"
        return
    variables = {v.name: v for v in scenario.variables}
    for index, variable in enumerate(scenario.variables):
        if variable.kind == "flag" and not isinstance(variable.initial, bool):
            yield ("variables", index, "initial"), f"flag '{variable.name}' needs true or false"
    provisions = records.get("provisions", {})
    for n, node in enumerate(scenario.nodes):
        seen_choices: set[str] = set()
        for c, choice in enumerate(node.choices):
            where = ("nodes", n, "choices", c)
            if choice.id in seen_choices:
                yield (*where, "id"), f"choice id '{choice.id}' is used twice in node '{node.id}'"
            seen_choices.add(choice.id)
            if choice.next not in ids:
                yield (*where, "next"), f"choice '{choice.id}' leads to node '{choice.next}', which does not exist"
            for k, link in enumerate(choice.policies):
                key = f"{link.instrument}/{link.dimension}"
                if key not in provisions and link.instrument in records.get("instruments", {}):
                    yield (*where, "policies", k), f"no provision {key} in the policy dataset"
            for k, condition in enumerate(choice.conditions):
                if condition.var not in variables:
                    yield (*where, "conditions", k), f"condition uses undeclared variable '{condition.var}'"
            for k, effect in enumerate(choice.effects):
                variable = variables.get(effect.var)
                if variable is None:
                    yield (*where, "effects", k), f"effect uses undeclared variable '{effect.var}'"
                elif effect.add is not None and variable.kind != "counter":
                    yield (*where, "effects", k), f"'add' needs a counter; '{effect.var}' is a flag"
            if scenario.scoring == "choices" and choice.score is None:
                yield (*where,), f"scoring is 'choices' but choice '{choice.id}' has no score"
        if node.ending is not None and scenario.scoring == "ending" and node.ending.score is None:
            yield ("nodes", n, "ending"), f"scoring is 'ending' but ending '{node.id}' has no score"
    live = reachable(scenario)
    ending_reachable = can_end(scenario)
    for n, node in enumerate(scenario.nodes):
        if node.id not in live:
            yield ("nodes", n, "id"), f"node '{node.id}' cannot be reached from the start"
        elif node.id not in ending_reachable:
            yield ("nodes", n, "id"), f"node '{node.id}' is a trap: no path from it reaches an ending"


def fingerprint(scenario: Scenario) -> str:
    """Return a short hash of the scenario's structure (nodes and choices, not wording)."""
    shape = [[node.id, [[c.id, c.next] for c in node.choices]] for node in scenario.nodes]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:12]


# --- play --------------------------------------------------------------------------------


def holds(condition: Condition, variables: Mapping[str, int | bool]) -> bool:
    """Return whether a condition holds for the current variables."""
    value = variables.get(condition.var, 0)
    compare = {
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
    }[condition.op]
    return bool(compare(value, condition.value))


@dataclass
class Step:
    """One decision taken: at which node, which choice, when (UTC, ISO 8601)."""

    node: str
    choice: str
    at: str


class ScenarioError(ValueError):
    """A move the scenario does not allow (e.g. a choice not on offer)."""


@dataclass
class ScenarioRun:
    """One play-through of a scenario.

    Parameters
    ----------
    scenario:
        The scenario to play.
    clock:
        Returns the current time (tests pass a fixed clock).
    """

    scenario: Scenario
    clock: Clock = _now
    steps: list[Step] = field(default_factory=list)
    note: str | None = None
    changed_since_saved: bool = False

    @property
    def node(self) -> Node:
        """The node the run is at."""
        node_id = self.scenario.start
        for step in self.steps:
            node_id = self.scenario.node(step.node).choices[self._index(step)].next
        return self.scenario.node(node_id)

    def _index(self, step: Step) -> int:
        node = self.scenario.node(step.node)
        return next(i for i, c in enumerate(node.choices) if c.id == step.choice)

    @property
    def variables(self) -> dict[str, int | bool]:
        """The scenario variables after the choices made so far."""
        values: dict[str, int | bool] = {v.name: v.initial for v in self.scenario.variables}
        for choice in self.choices_made():
            for effect in choice.effects:
                if effect.set is not None:
                    values[effect.var] = effect.set
                else:
                    values[effect.var] = int(values.get(effect.var, 0)) + int(effect.add or 0)
        return values

    def choices_made(self) -> list[Choice]:
        """The choices taken so far, in order."""
        return [self.scenario.node(s.node).choices[self._index(s)] for s in self.steps]

    def available_choices(self) -> list[Choice]:
        """The choices offered at the current node, conditions applied."""
        values = self.variables
        return [c for c in self.node.choices if all(holds(k, values) for k in c.conditions)]

    def choose(self, choice_id: str) -> Choice:
        """Take a choice offered at the current node; return it."""
        for choice in self.available_choices():
            if choice.id == choice_id:
                self.steps.append(Step(self.node.id, choice.id, self.clock().isoformat(timespec="seconds")))
                return choice
        raise ScenarioError(f"choice '{choice_id}' is not offered at node '{self.node.id}'")

    def back(self) -> bool:
        """Undo the last choice; return False when already at the start."""
        if not self.steps:
            return False
        self.steps.pop()
        return True

    @property
    def finished(self) -> bool:
        """Whether the run has reached an ending."""
        return self.node.ending is not None

    @property
    def ending(self) -> Ending | None:
        """The ending reached, if any."""
        return self.node.ending

    def progress(self) -> float:
        """Share of the way to an ending: decisions made / (made + fewest still needed)."""
        remaining = shortest_to_end(self.scenario).get(self.node.id, 0)
        made = len(self.steps)
        return 1.0 if made + remaining == 0 else made / (made + remaining)

    def score(self) -> int | None:
        """The score under the scenario's scoring model (None when it has none)."""
        if self.scenario.scoring == "none":
            return None
        if self.scenario.scoring == "ending":
            return self.ending.score if self.ending else None
        return sum(c.score or 0 for c in self.choices_made())

    def transcript(self) -> list[dict[str, Any]]:
        """The path taken: node, choice and time of each decision."""
        return [{"node": s.node, "choice": s.choice, "at": s.at} for s in self.steps]

    def to_json(self) -> str:
        """Serialise the run's state."""
        return json.dumps(
            {
                "version": STATE_VERSION,
                "scenario": self.scenario.id,
                "fingerprint": fingerprint(self.scenario),
                "steps": self.transcript(),
            }
        )

    @classmethod
    def from_json(cls, scenario: Scenario, text: str, clock: Clock = _now) -> ScenarioRun:
        """Restore a saved run. Steps that no longer fit the scenario are dropped, with a note."""
        data = json.loads(text)
        if data.get("scenario") != scenario.id:
            raise ScenarioError(f"the saved state belongs to scenario '{data.get('scenario')}'")
        run = cls(scenario, clock)
        for saved in data.get("steps", []):
            if saved.get("node") != run.node.id or saved.get("choice") not in {c.id for c in run.available_choices()}:
                run.note = f"The scenario has changed since this was saved; resumed at '{run.node.id}'."
                run.changed_since_saved = True
                break
            run.steps.append(Step(saved["node"], saved["choice"], saved.get("at", "")))
        return run


def walk_runs(scenario: Scenario, max_decisions: int = 40) -> dict[str, int]:
    """Play every run the engine allows (conditions and effects applied); count endings.

    Returns how many runs end at each ending node. Raises :class:`ScenarioError` if a run
    gets stuck (no choice on offer) or goes past ``max_decisions``.
    """
    endings: dict[str, int] = {}

    def walk(run: ScenarioRun) -> None:
        if len(run.steps) > max_decisions:
            raise ScenarioError(f"a run passed {max_decisions} decisions at '{run.node.id}'")
        if run.finished:
            endings[run.node.id] = endings.get(run.node.id, 0) + 1
            return
        offered = run.available_choices()
        if not offered:
            raise ScenarioError(f"no choice is offered at '{run.node.id}' with {run.variables}")
        for choice in offered:
            run.choose(choice.id)
            walk(run)
            run.back()

    walk(ScenarioRun(scenario))
    return endings
