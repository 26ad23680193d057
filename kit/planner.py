"""The SARA outreach planner: rank practices for a trainer's problem and build a plan.

SARA is the problem-solving model of problem-oriented policing: Scanning, Analysis, Response,
Assessment. The trainer describes a problem (:class:`PlanRequest`); :func:`rank_practices`
suggests practices from the catalog with the reasons in words; :func:`build_plan` turns the
request and the practices chosen into a :class:`Plan` (SARA sections, steps, roles, a timeline
and what to measure). Everything here is pure: content and answers in, frozen records out.
Nothing is invented: ratings, outcomes, steps and partners come from the catalog; the
timeline's split of weeks is a planning template and says so.

Scoring (:func:`score_practice`). Practices marked ``avoid`` are never suggested; when the
trainer gives goals, a practice sharing none of them is not suggested. The score adds

* evidence: +4 if some outcome is rated *effective*, else +2 if one is *promising*; −4 if an
  outcome is rated *harmful*; *not rated* adds nothing and is said plainly;
* fit: +2 per goal shared; +1 per chosen partner that takes part (at most +3); +1 per chosen
  audience group it serves; +2 if it runs at the chosen place, else +1 if it runs near it
  (the port's sector, the sector's ports, or a place in the same city).

Suggestions are ordered by score, then by evidence (:data:`kit.practices.RATING_ORDER`), then
by goals shared, then by id: on equal score the better-evidenced practice comes first.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kit.content import Content
from kit.model import AudienceGroup, Citation, OutcomeRating, Place, Practice
from kit.practices import RATING_ORDER, best_rating

SARA_STEPS: tuple[str, ...] = ("scanning", "analysis", "response", "assessment")
"""The four steps of the SARA model, in order."""

SARA_PRACTICE = "problem-oriented-policing-sara"
"""The catalog's entry for problem-oriented policing; its sources are cited for the SARA model."""

GOALS: tuple[str, ...] = typing.get_args(typing.get_args(Practice.model_fields["goals"].annotation)[0])
"""The goals a practice can serve (the catalog's closed list)."""

AUDIENCES: tuple[str, ...] = typing.get_args(AudienceGroup)
"""The audience groups a practice can be for (the catalog's closed list)."""

PHASES: tuple[tuple[str, int], ...] = (("scan-analyse", 25), ("prepare", 15), ("respond", 40), ("assess", 20))
"""The timeline's phases and their default share of the weeks, in percent (a template)."""

PROCESS_MEASURES: tuple[str, ...] = ("sessions", "participants", "partners", "steps")
"""Process measures every plan lists: was the response carried out as planned."""

MIN_WEEKS, MAX_WEEKS = 4, 104
"""The planning horizon's bounds: one week per phase at least, two years at most."""

EVIDENCE_POINTS = {"effective": 4, "promising": 2}
HARMFUL_POINTS = -4
GOAL_POINTS, PARTNER_POINTS, PARTNER_CAP, AUDIENCE_POINTS = 2, 1, 3, 1
AT_PLACE_POINTS, NEAR_PLACE_POINTS = 2, 1


@dataclass(frozen=True)
class PlanRequest:
    """A trainer's answers: the problem, where, who, what for, with whom, and when.

    Free text (``problem``, ``affected``, ``causes``, ``tried``, ``baseline``) is whatever the
    trainer typed: renderers escape it. Ids are checked against the content by
    :func:`rank_practices` and :func:`build_plan`.

    Parameters
    ----------
    problem:
        The problem in the trainer's words (Scanning).
    place:
        A place id (consulate, Border Patrol sector, port of entry), or ``""`` for none.
    affected:
        Who is affected and how (Scanning).
    goals:
        Goals from :data:`GOALS`.
    causes:
        The working hypothesis of why the problem happens (Analysis).
    tried:
        What has been tried so far and how it went (Analysis).
    partners:
        Partner ids the trainer wants to work with.
    audiences:
        Audience groups from :data:`AUDIENCES`.
    start:
        The start date, ``YYYY-MM-DD``, or ``""`` (the timeline then counts weeks only).
    weeks:
        The planning horizon, :data:`MIN_WEEKS` to :data:`MAX_WEEKS` weeks.
    baseline:
        What data exist today to compare against (Assessment).
    """

    problem: str = ""
    place: str = ""
    affected: str = ""
    goals: tuple[str, ...] = ()
    causes: str = ""
    tried: str = ""
    partners: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    start: str = ""
    weeks: int = 12
    baseline: str = ""

    def __post_init__(self) -> None:
        for name in ("goals", "partners", "audiences"):
            object.__setattr__(self, name, tuple(dict.fromkeys(getattr(self, name))))
        unknown = [g for g in self.goals if g not in GOALS] + [a for a in self.audiences if a not in AUDIENCES]
        if unknown:
            raise ValueError(f"unknown goal or audience: {', '.join(unknown)}")
        if not MIN_WEEKS <= self.weeks <= MAX_WEEKS:
            raise ValueError(f"the horizon must be {MIN_WEEKS} to {MAX_WEEKS} weeks, not {self.weeks}")
        if self.start:
            dt.date.fromisoformat(self.start)

    @property
    def start_date(self) -> dt.date | None:
        """The start as a date, or ``None``."""
        return dt.date.fromisoformat(self.start) if self.start else None

    def to_dict(self) -> dict[str, Any]:
        """Return the answers as JSON-ready data."""
        return {name: list(value) if isinstance(value, tuple) else value for name, value in vars(self).items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any], content: Content | None = None) -> PlanRequest:
        """Rebuild answers saved with :meth:`to_dict`, dropping what no longer fits.

        Parameters
        ----------
        data:
            Saved answers (unknown keys are ignored).
        content:
            When given, place and partner ids missing from it are dropped (content changes).
        """
        values: dict[str, Any] = {}
        for name, default in vars(cls()).items():
            value = data.get(name, default)
            if isinstance(default, tuple):
                value = tuple(str(v) for v in value) if isinstance(value, list) else default
            elif not isinstance(value, type(default)) or isinstance(value, bool):
                value = default
            values[name] = value
        values["goals"] = tuple(g for g in values["goals"] if g in GOALS)
        values["audiences"] = tuple(a for a in values["audiences"] if a in AUDIENCES)
        values["weeks"] = min(max(values["weeks"], MIN_WEEKS), MAX_WEEKS)
        try:
            dt.date.fromisoformat(values["start"]) if values["start"] else None
        except ValueError:
            values["start"] = ""
        if content is not None:
            if values["place"] not in content.records["places"]:
                values["place"] = ""
            values["partners"] = tuple(p for p in values["partners"] if p in content.records["partners"])
        return cls(**values)


@dataclass(frozen=True)
class Reason:
    """One reason a practice is suggested, as data; renderers put it in words.

    ``kind`` is one of ``evidence`` (``items``: the rated :class:`OutcomeRating` s),
    ``harmful`` (the harmful ratings), ``not-rated`` (no items), ``goals`` (goal ids),
    ``partners`` (partner ids), ``audiences`` (group ids), ``at-place`` (the place id) and
    ``near-place`` (ids of the nearby places where it runs).
    """

    kind: str
    points: int
    items: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A practice suggested for the request, its score, and why."""

    practice: Practice
    score: int
    reasons: tuple[Reason, ...]

    @property
    def evidence(self) -> str:
        """The most favourable rating of any of the practice's outcomes."""
        return best_rating(self.practice)


@dataclass(frozen=True)
class AvoidNote:
    """A practice to avoid that matches the trainer's goals, with the ratings that say why."""

    practice: Practice
    goals: tuple[str, ...]
    ratings: tuple[OutcomeRating, ...]


@dataclass(frozen=True)
class Ranking:
    """The suggestions, best first, and the matching practices to avoid."""

    suggested: tuple[Suggestion, ...]
    avoid: tuple[AvoidNote, ...]


@dataclass(frozen=True)
class Dropped:
    """A practice the trainer chose that the current answers no longer suggest, and why.

    ``reason`` is ``goals`` (it shares none of the request's goals; ``goals`` lists the ones
    it serves) or ``avoid`` (the catalog marks it to avoid).
    """

    practice: Practice
    reason: str
    goals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    """A partner's part in the plan: the chosen practices that name it, and whether it was chosen."""

    partner: str
    practices: tuple[str, ...]
    chosen: bool


@dataclass(frozen=True)
class Phase:
    """A phase of the timeline: weeks ``first``–``last`` (1-based), with dates when a start is set."""

    key: str
    first: int
    last: int
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def weeks(self) -> int:
        """How many weeks the phase lasts."""
        return self.last - self.first + 1


@dataclass(frozen=True)
class OutcomeMeasure:
    """An outcome a chosen practice was rated on (or listed as not rated): measure it."""

    practice: str
    rating: OutcomeRating


@dataclass(frozen=True)
class Plan:
    """An outreach plan: the trainer's SARA answers, the practices chosen and what follows.

    ``practices`` keep the ranking's reasons; ``roles`` list the partners; ``phases`` add up
    to the horizon; ``outcome_measures`` come from the chosen practices' ratings,
    ``process_measures`` from :data:`PROCESS_MEASURES` and ``goal_measures`` from the
    trainer's goals; ``sara_citations`` are the sources for the SARA model.
    """

    request: PlanRequest
    place: Place | None
    practices: tuple[Suggestion, ...]
    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    outcome_measures: tuple[OutcomeMeasure, ...]
    process_measures: tuple[str, ...] = PROCESS_MEASURES
    goal_measures: tuple[str, ...] = ()
    avoid: tuple[AvoidNote, ...] = ()
    sara_citations: tuple[Citation, ...] = field(default=())


# --- places ---------------------------------------------------------------------------------


def nearby_places(content: Content, place_id: str) -> tuple[str, ...]:
    """Return the places related to ``place_id``: same sector, or same city (itself excluded).

    A port of entry is near its Border Patrol sector and the sector's other ports; a sector is
    near its ports; any place is near the places in the same city and state.

    Parameters
    ----------
    content:
        The loaded content.
    place_id:
        A place id.
    """
    places: dict[str, Place] = dict(content.records["places"])
    here = places[place_id]
    sector = here.id if here.kind == "sector" else here.sector
    near = []
    for other in places.values():
        if other.id == here.id:
            continue
        same_sector = sector is not None and (other.id == sector or other.sector == sector)
        same_city = (other.city, other.state) == (here.city, here.state)
        if same_sector or same_city:
            near.append(other.id)
    return tuple(near)


def _check_ids(content: Content, request: PlanRequest) -> None:
    if request.place and request.place not in content.records["places"]:
        raise ValueError(f"unknown place '{request.place}'")
    unknown = [p for p in request.partners if p not in content.records["partners"]]
    if unknown:
        raise ValueError(f"unknown partner(s): {', '.join(unknown)}")


# --- ranking --------------------------------------------------------------------------------


def score_practice(content: Content, request: PlanRequest, practice: Practice) -> Suggestion:
    """Score one practice for the request and give the reasons (see the module's rule).

    Parameters
    ----------
    content:
        The loaded content (for places).
    request:
        The trainer's answers.
    practice:
        The practice to score.
    """
    reasons: list[Reason] = []
    rated = tuple(r for r in practice.ratings if r.rating in ("effective", "promising"))
    if rated:
        points = EVIDENCE_POINTS["effective" if any(r.rating == "effective" for r in rated) else "promising"]
        reasons.append(Reason("evidence", points, rated))
    harmful = tuple(r for r in practice.ratings if r.rating == "harmful")
    if harmful:
        reasons.append(Reason("harmful", HARMFUL_POINTS, harmful))
    if all(r.rating == "not-rated" for r in practice.ratings):
        reasons.append(Reason("not-rated", 0))
    goals = tuple(g for g in request.goals if g in practice.goals)
    if goals:
        reasons.append(Reason("goals", GOAL_POINTS * len(goals), goals))
    partners = tuple(p for p in request.partners if p in practice.partners)
    if partners:
        reasons.append(Reason("partners", min(PARTNER_POINTS * len(partners), PARTNER_CAP), partners))
    audiences = tuple(a for a in request.audiences if a in practice.audiences)
    if audiences:
        reasons.append(Reason("audiences", AUDIENCE_POINTS * len(audiences), audiences))
    if request.place:
        if request.place in practice.places:
            reasons.append(Reason("at-place", AT_PLACE_POINTS, (request.place,)))
        else:
            near = tuple(p for p in nearby_places(content, request.place) if p in practice.places)
            if near:
                reasons.append(Reason("near-place", NEAR_PLACE_POINTS, near))
    return Suggestion(practice, sum(r.points for r in reasons), tuple(reasons))


def _order(suggestion: Suggestion) -> tuple[int, int, int, str]:
    goals = next((len(r.items) for r in suggestion.reasons if r.kind == "goals"), 0)
    return (-suggestion.score, RATING_ORDER.index(suggestion.evidence), -goals, suggestion.practice.id)


def rank_practices(content: Content, request: PlanRequest) -> Ranking:
    """Suggest practices for the request, best first, and list the matching ones to avoid.

    Parameters
    ----------
    content:
        The loaded content.
    request:
        The trainer's answers.

    Returns
    -------
    Ranking
        ``suggested``: every practice not marked ``avoid`` that shares a goal (all of them when
        no goal is given), scored and ordered as the module explains; ``avoid``: the practices
        marked ``avoid`` that share a goal, with their unfavourable ratings.
    """
    _check_ids(content, request)
    suggested, avoid = [], []
    for practice in content.records["practices"].values():
        shared = tuple(g for g in request.goals if g in practice.goals)
        if request.goals and not shared:
            continue
        if practice.avoid:
            bad = tuple(r for r in practice.ratings if r.rating in ("harmful", "no-effects"))
            avoid.append(AvoidNote(practice, shared, bad))
        else:
            suggested.append(score_practice(content, request, practice))
    return Ranking(tuple(sorted(suggested, key=_order)), tuple(sorted(avoid, key=lambda a: a.practice.id)))


def dropped_practices(content: Content, request: PlanRequest, chosen_ids: Iterable[str]) -> tuple[Dropped, ...]:
    """Return the chosen practices that :func:`rank_practices` no longer suggests, with why.

    A practice ticked at the Respond step drops out when the answers change (a goal unticked):
    the plan leaves it out, and this says so rather than dropping it silently.

    Parameters
    ----------
    content:
        The loaded content.
    request:
        The trainer's answers.
    chosen_ids:
        Ids of the practices chosen, in order (duplicates ignored).

    Raises
    ------
    ValueError
        For an id that is not in the catalog.
    """
    records, chosen_ids = content.records["practices"], list(dict.fromkeys(chosen_ids))
    unknown = [p for p in chosen_ids if p not in records]
    if unknown:
        raise ValueError(f"unknown practice(s): {', '.join(unknown)}")
    suggested = {s.practice.id for s in rank_practices(content, request).suggested}
    dropped = []
    for practice_id in chosen_ids:
        if practice_id in suggested:
            continue
        practice = records[practice_id]
        if practice.avoid:
            dropped.append(Dropped(practice, "avoid"))
        else:
            dropped.append(Dropped(practice, "goals", tuple(practice.goals)))
    return tuple(dropped)


# --- the plan -------------------------------------------------------------------------------


def split_weeks(weeks: int, shares: Sequence[int] = tuple(s for _, s in PHASES)) -> tuple[int, ...]:
    """Split ``weeks`` into whole weeks by percentage ``shares``, at least one each, summing to ``weeks``.

    Largest remainders get the weeks left after rounding down; ties go to the earlier phase.
    """
    if weeks < len(shares):
        raise ValueError(f"{weeks} weeks cannot hold {len(shares)} phases")
    exact = [weeks * s / sum(shares) for s in shares]
    parts = [max(1, int(x)) for x in exact]
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(exact[i] - int(exact[i])), i))
    i = 0
    while sum(parts) < weeks:
        parts[by_remainder[i % len(parts)]] += 1
        i += 1
    while sum(parts) > weeks:
        largest = max(range(len(parts)), key=lambda j: (parts[j], -j))
        parts[largest] -= 1
    return tuple(parts)


def build_timeline(request: PlanRequest) -> tuple[Phase, ...]:
    """Return the phases of :data:`PHASES` over the request's horizon, dated when it has a start."""
    phases, first = [], 1
    start = request.start_date
    for (key, _share), length in zip(PHASES, split_weeks(request.weeks), strict=True):
        last = first + length - 1
        begin = start + dt.timedelta(weeks=first - 1) if start else None
        end = start + dt.timedelta(weeks=last, days=-1) if start else None
        phases.append(Phase(key, first, last, begin, end))
        first = last + 1
    return tuple(phases)


def build_roles(content: Content, request: PlanRequest, practices: Iterable[Practice]) -> tuple[Role, ...]:
    """Return each partner's part: the chosen partners first, then the others the practices name."""
    practices = list(practices)
    order = list(request.partners) + [p for practice in practices for p in practice.partners]
    roles = []
    for partner in dict.fromkeys(order):
        named_in = tuple(practice.id for practice in practices if partner in practice.partners)
        roles.append(Role(partner, named_in, partner in request.partners))
    return tuple(roles)


def sara_citations(content: Content) -> tuple[Citation, ...]:
    """Return the sources the catalog gives for the SARA model (its problem-oriented policing entry)."""
    practice = content.records["practices"].get(SARA_PRACTICE)
    return tuple(practice.sources) if practice is not None else ()


def build_plan(content: Content, request: PlanRequest, chosen_ids: Iterable[str]) -> Plan:
    """Build the plan for the request and the practices the trainer chose.

    Parameters
    ----------
    content:
        The loaded content.
    request:
        The trainer's answers.
    chosen_ids:
        Ids of the practices to include, in the order to show them (duplicates ignored).

    Raises
    ------
    ValueError
        For an unknown id, or a practice marked ``avoid`` (the planner never plans one).
    """
    _check_ids(content, request)
    records = content.records["practices"]
    chosen: list[Practice] = []
    for practice_id in dict.fromkeys(chosen_ids):
        if practice_id not in records:
            raise ValueError(f"unknown practice '{practice_id}'")
        if records[practice_id].avoid:
            raise ValueError(f"practice '{practice_id}' is marked to avoid and cannot be planned")
        chosen.append(records[practice_id])
    ranking = rank_practices(content, request)
    return Plan(
        request=request,
        place=content.records["places"][request.place] if request.place else None,
        practices=tuple(score_practice(content, request, p) for p in chosen),
        roles=build_roles(content, request, chosen),
        phases=build_timeline(request),
        outcome_measures=tuple(OutcomeMeasure(p.id, r) for p in chosen for r in p.ratings),
        process_measures=PROCESS_MEASURES,
        goal_measures=request.goals,
        avoid=ranking.avoid,
        sara_citations=sara_citations(content),
    )
