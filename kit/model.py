"""The kit's content model: typed, frozen records for everything authors write.

Every record is a pydantic model with ``frozen=True`` and ``extra="forbid"``, so an unknown
field in a content file is an error and a loaded record cannot be changed. Bilingual text is
one type, :class:`Text`; a :class:`Citation` always names a :class:`Source` from the registry
by id, and the loader checks that the id exists (see :class:`Ref`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

LANGUAGES: tuple[str, ...] = ("en", "es")
"""The kit's languages, in display order."""

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A kebab-case identifier: lower-case letters and digits joined by single hyphens."""

PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")]
"""A date as precise as the source allows: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
"""An absolute http(s) address."""


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of a record of another kind.

    Parameters
    ----------
    kind:
        The content kind the id must exist in, e.g. ``"sources"``.
    """

    kind: str


class Record(BaseModel):
    """Base of every content record: frozen, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @classmethod
    def record_key(cls, item: Mapping[str, Any]) -> str | None:
        """Return the key that identifies a raw record of this kind (default: its ``id``)."""
        value = item.get("id")
        return value if isinstance(value, str) else None

    @property
    def key(self) -> str:
        """The record's key among the records of its kind."""
        return str(self.record_key(self.model_dump()))

    def cross_check(self, records: Mapping[str, Mapping[str, Record]]) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Yield ``(location, message)`` for rules that need other records (none by default).

        Parameters
        ----------
        records:
            All valid records, by kind and key.
        """
        return iter(())


class Text(Record):
    """A text in the kit's two languages.

    At least one language must be present; ``kit check --strict`` requires both.
    """

    en: str = ""
    es: str = ""

    @model_validator(mode="after")
    def _has_some_text(self) -> Text:
        if not (self.en or self.es):
            raise ValueError("needs text in at least one language (en, es)")
        return self

    def get(self, lang: str) -> str:
        """Return the text in ``lang``, or in the other language when that one is missing.

        Parameters
        ----------
        lang:
            ``"en"`` or ``"es"``.
        """
        if lang == "es":
            return self.es or self.en
        return self.en or self.es

    def missing(self) -> tuple[str, ...]:
        """Return the languages this text lacks, e.g. ``("es",)``."""
        return tuple(lang for lang in LANGUAGES if not getattr(self, lang))


class EvidenceLevel(StrEnum):
    """How firmly a cited fact is established.

    ``primary``: read in the original document at the cited place. ``secondary``: taken from
    a report, article or summary about the document. ``unverified``: stated somewhere but not
    confirmed in any source we could read; the apps show it as unverified.
    """

    PRIMARY = "primary"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"


class Citation(Record):
    """A pointer to the place in a source that supports a fact."""

    source: Annotated[Id, Ref("sources")]
    locator: str = Field(min_length=1, description="Where in the source: 'art. 11', 'p. 4'.")
    evidence: EvidenceLevel
    note: Text | None = None


SourceType = Literal[
    "statute",
    "regulation",
    "handbook",
    "policy-statement",
    "protocol",
    "international-standard",
    "report",
    "evaluation",
    "web-page",
    "dataset",
    "reference-work",
]


class Source(Record):
    """A document in the source registry, cited by id from everywhere else."""

    id: Id
    title: Text
    official_title: str | None = Field(
        default=None, description="The title exactly as the issuer gives it, in its language."
    )
    issuer: str = Field(min_length=1)
    type: SourceType
    date: PartialDate | None = Field(default=None, description="None when the source gives no date.")
    url: Url
    language: tuple[Literal["en", "es"], ...] = Field(min_length=1)
    notes: Text | None = None


class GlossaryTerm(Record):
    """A term with its English and Mexican-Spanish forms, what it means and where it is used.

    ``term`` holds the two forms; ``definition`` explains the meaning in each language;
    ``notes`` warns of false friends or where the two legal systems differ.
    """

    id: Id
    term: Text
    definition: Text
    notes: Text | None = None
    citations: tuple[Citation, ...] = Field(min_length=1)


# --- use-of-force policy comparison -------------------------------------------------------

UNKNOWN = "unknown"
"""The code every dimension has for a cell nobody could verify."""

NOT_ADDRESSED = "not-addressed"
"""The code for an instrument whose full text was read and is silent on the question."""


class CodeOption(Record):
    """One code of a dimension's closed vocabulary, with what it means."""

    code: Id
    label: Text
    meaning: Text


class UnBenchmark(Record):
    """How a dimension's codes stand against the UN standards it corresponds to.

    Codes in none of the lists (``unknown`` always) give *unknown* in the benchmark.
    """

    principles: tuple[str, ...] = Field(min_length=1, description="e.g. 'BP 9', 'CC art. 3'")
    standard: Text
    meets: tuple[Id, ...] = ()
    partly_meets: tuple[Id, ...] = ()
    falls_short: tuple[Id, ...] = ()


class Dimension(Record):
    """A question every instrument is coded on, with its codebook."""

    id: Id
    label: Text
    question: Text
    codes: tuple[CodeOption, ...] = Field(min_length=3)
    coding_rules: Text
    un: UnBenchmark | None = None

    def code_ids(self) -> tuple[str, ...]:
        """The codes of the vocabulary, in order."""
        return tuple(option.code for option in self.codes)

    def option(self, code: str) -> CodeOption:
        """Return the vocabulary entry of ``code``."""
        return next(option for option in self.codes if option.code == code)

    def cross_check(self, records):
        codes = self.code_ids()
        for index, code in enumerate(codes):
            if code in codes[:index]:
                yield ("codes", index, "code"), f"code '{code}' appears twice in the vocabulary"
        for required in (UNKNOWN, NOT_ADDRESSED):
            if required not in codes:
                yield ("codes",), f"the vocabulary must include '{required}'"
        if self.un is not None:
            for name in ("meets", "partly_meets", "falls_short"):
                for index, code in enumerate(getattr(self.un, name)):
                    if code not in codes:
                        yield ("un", name, index), f"'{code}' is not a code of this dimension"
                    if code == UNKNOWN:
                        yield ("un", name, index), "'unknown' cannot be rated against the UN standard"


Jurisdiction = Literal["us-federal", "mexico-federal", "international", "review"]
InstrumentType = Literal[
    "statute",
    "handbook",
    "policy-statement",
    "protocol",
    "agreement",
    "international-standard",
    "review-recommendations",
]
InstrumentStatus = Literal["in-force", "superseded", "historical", "recommendations"]


class Instrument(Record):
    """A use-of-force instrument (law, handbook, policy, protocol, standard, review).

    ``issued`` is ``None`` when the date could not be verified; ``designation`` is ``None``
    when the official number is unknown — the apps show both as unknown.
    """

    id: Id
    short_name: Text
    title: Text
    official_title: str | None = None
    designation: str | None = None
    issuer: str = Field(min_length=1)
    jurisdiction: Jurisdiction
    type: InstrumentType
    issued: PartialDate | None = None
    effective: PartialDate | None = None
    status: InstrumentStatus
    lineage: Id | None = None
    supersedes: tuple[Annotated[Id, Ref("instruments")], ...] = ()
    sources: tuple[Citation, ...] = Field(min_length=1)
    notes: Text | None = None

    def cross_check(self, records):
        instruments = records.get("instruments", {})
        for index, earlier in enumerate(self.supersedes):
            if earlier == self.id:
                yield ("supersedes", index), f"instrument '{self.id}' cannot supersede itself"
                continue
            seen, queue = {self.id}, [earlier]
            while queue:
                current = queue.pop()
                if current in seen:
                    yield ("supersedes", index), f"supersession forms a cycle through '{current}'"
                    break
                seen.add(current)
                record = instruments.get(current)
                queue.extend(record.supersedes if record else ())


class Provision(Record):
    """One cell of the comparison: what an instrument says on a dimension.

    ``code`` comes from the dimension's vocabulary; a coded cell is cited; a cell coded
    ``unknown`` says in ``notes`` what is missing.
    """

    instrument: Annotated[Id, Ref("instruments")]
    dimension: Annotated[Id, Ref("dimensions")]
    code: Id
    summary: Text
    citations: tuple[Citation, ...] = ()
    notes: Text | None = None

    @classmethod
    def record_key(cls, item):
        instrument, dimension = item.get("instrument"), item.get("dimension")
        if isinstance(instrument, str) and isinstance(dimension, str):
            return f"{instrument}/{dimension}"
        return None

    def cross_check(self, records):
        dimension = records.get("dimensions", {}).get(self.dimension)
        if dimension is not None and self.code not in dimension.code_ids():
            allowed = ", ".join(dimension.code_ids())
            yield ("code",), f"'{self.code}' is not a code of dimension '{self.dimension}' (allowed: {allowed})"
        if self.code == UNKNOWN and self.notes is None:
            yield ("code",), "a cell coded 'unknown' needs notes saying what is missing"
        if self.code != UNKNOWN and not self.citations:
            yield ("code",), f"a cell coded '{self.code}' needs at least one citation"


# --- training scenarios ----------------------------------------------------------------------

CDM_STEPS: tuple[str, ...] = (
    "collect-information",
    "assess-threats-and-risks",
    "consider-powers-and-policy",
    "identify-options",
    "act-review-reassess",
)
"""The Critical Decision-Making Model's five steps, in order (ethics and values at the core)."""

CdmStep = Literal[
    "collect-information",
    "assess-threats-and-risks",
    "consider-powers-and-policy",
    "identify-options",
    "act-review-reassess",
]
VariableName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class Variable(Record):
    """A scenario variable: a flag (true/false) or a counter (whole number)."""

    name: VariableName
    kind: Literal["flag", "counter"]
    initial: int | bool = 0


class Condition(Record):
    """A test on a variable; a choice is offered only when all its conditions hold."""

    var: VariableName
    op: Literal["==", "!=", ">=", "<=", ">", "<"] = "=="
    value: int | bool = True


class Effect(Record):
    """A change to a variable when a choice is made: ``set`` a value or ``add`` to a counter."""

    var: VariableName
    set: int | bool | None = None
    add: int | None = None

    @model_validator(mode="after")
    def _one_change(self) -> Effect:
        if (self.set is None) == (self.add is None):
            raise ValueError("an effect needs exactly one of 'set' or 'add'")
        return self


class PolicyLink(Record):
    """A pointer from a choice to a cell of the policy dataset."""

    instrument: Annotated[Id, Ref("instruments")]
    dimension: Annotated[Id, Ref("dimensions")]


class Choice(Record):
    """An option at a decision point, with what follows and why."""

    id: Id
    label: Text
    next: Id
    consequence: Text
    coaching: Text
    cdm_step: CdmStep
    policies: tuple[PolicyLink, ...] = ()
    score: int | None = None
    conditions: tuple[Condition, ...] = ()
    effects: tuple[Effect, ...] = ()


class Ending(Record):
    """How a path ends: what happened, how it is rated, and the debrief questions."""

    outcome: Text
    rating: Literal["exemplary", "acceptable", "problematic"]
    score: int | None = None
    debrief: tuple[Text, ...] = Field(min_length=1)


class Node(Record):
    """A step of a scenario: narration, then either choices or an ending."""

    id: Id
    narration: Text
    discuss: Text | None = Field(default=None, description="A stop-and-discuss prompt for the trainer.")
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None

    @model_validator(mode="after")
    def _choices_or_ending(self) -> Node:
        if bool(self.choices) == (self.ending is not None):
            raise ValueError("a node has either choices or an ending, not both and not neither")
        return self


class Role(Record):
    """A person in the scenario (the trainee's role is the first)."""

    id: Id
    name: Text
    description: Text


class Setting(Record):
    """Where the scenario happens: a place id once places exist, else a named location."""

    place: Id | None = None
    location: Text


class Scenario(Record):
    """A branching training scenario (a fictional composite, never a real person's case)."""

    id: Id
    title: Text
    summary: Text
    audience: Text
    minutes: int = Field(gt=0, le=240)
    objectives: tuple[Text, ...] = Field(min_length=1)
    setting: Setting
    roles: tuple[Role, ...] = Field(min_length=1)
    scoring: Literal["none", "ending", "choices"]
    variables: tuple[Variable, ...] = ()
    start: Id
    nodes: tuple[Node, ...] = Field(min_length=2)

    def node(self, node_id: str) -> Node:
        """Return the node with id ``node_id``."""
        return next(node for node in self.nodes if node.id == node_id)

    def cross_check(self, records):
        from kit.scenarios import graph_problems

        yield from graph_problems(self, records)


# --- outreach practices and places ---------------------------------------------------------

BORDER_REGION = {"lat": (25.0, 34.0), "lon": (-118.0, -96.0)}
"""The box the kit's places must lie in: the US–Mexico border region, both sides."""


class Coordinates(Record):
    """A point in decimal degrees (WGS 84), inside the border region."""

    lat: float
    lon: float

    @model_validator(mode="after")
    def _in_border_region(self) -> Coordinates:
        (lat_lo, lat_hi), (lon_lo, lon_hi) = BORDER_REGION["lat"], BORDER_REGION["lon"]
        if not (lat_lo <= self.lat <= lat_hi and lon_lo <= self.lon <= lon_hi):
            raise ValueError(
                f"({self.lat}, {self.lon}) lies outside the border region "
                f"(latitude {lat_lo}–{lat_hi}, longitude {lon_lo}–{lon_hi})"
            )
        return self


class Place(Record):
    """A consulate, Border Patrol sector or port of entry, with where it is and its sources."""

    id: Id
    kind: Literal["consulate", "sector", "port-of-entry"]
    name: Text
    official_name: str | None = None
    country: Literal["us", "mx"]
    state: str = Field(min_length=2)
    city: str = Field(min_length=1)
    coordinates: Coordinates
    sister_city: Text | None = Field(default=None, description="For a port: the paired Mexican city.")
    sector: Annotated[Id, Ref("places")] | None = None
    council_count: Literal["counted", "not-counted-inferred", "unknown"] | None = Field(
        default=None, description="For a consulate: is it one of the '12 border consulates' the BVPC counts?"
    )
    notes: Text | None = None
    sources: tuple[Citation, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _council_count_only_for_consulates(self) -> Place:
        if self.council_count is not None and self.kind != "consulate":
            raise ValueError(f"council_count is for consulates only, not for a {self.kind}")
        return self

    def cross_check(self, records):
        sector = records.get("places", {}).get(self.sector) if self.sector else None
        if sector is not None and sector.kind != "sector":
            yield ("sector",), f"'{self.sector}' is a {sector.kind}, not a Border Patrol sector"
        if self.sector and self.kind == "sector":
            yield ("sector",), "a sector does not lie in another sector"


class Partner(Record):
    """An agency or community group that takes part in outreach practices."""

    id: Id
    name: Text
    country: Literal["us", "mx", "binational", "international"]
    type: Literal["federal-agency", "state-or-local-agency", "consulate", "community", "ngo", "academic", "other"]


AudienceGroup = Literal[
    "residents",
    "migrants",
    "families",
    "youth",
    "officers",
    "consular-staff",
    "local-officials",
    "community-leaders",
]
"""Who a practice is for, as closed groups (the free-text ``audience`` says it in words)."""

RatingValue = Literal["effective", "promising", "no-effects", "harmful", "inconclusive", "not-rated"]


class OutcomeRating(Record):
    """An evidence rating for one outcome, by a named rater, with its source; or 'not rated'."""

    outcome: Text
    rating: RatingValue
    rater: str | None = None
    citation: Citation | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _rated_by_someone(self) -> OutcomeRating:
        if self.rating != "not-rated" and (not self.rater or self.citation is None):
            raise ValueError(f"a rating of '{self.rating}' needs the rater and a citation of its source")
        return self


class Practice(Record):
    """An outreach practice: what problem it meets, how it works, and how good the evidence is."""

    id: Id
    name: Text
    kind: Literal["council-initiative", "program", "practice"]
    avoid: bool = Field(default=False, description="True for a practice the evidence says to avoid.")
    goals: tuple[
        Literal[
            "trust",
            "safety",
            "rescue",
            "identification",
            "accountability",
            "communication",
            "prevention",
            "cooperation",
        ],
        ...,
    ] = Field(min_length=1)
    problem: Text
    mechanism: Text
    components: tuple[Text, ...] = Field(min_length=1)
    partners: tuple[Annotated[Id, Ref("partners")], ...] = Field(min_length=1)
    audience: tuple[Text, ...] = Field(min_length=1)
    audiences: tuple[AudienceGroup, ...] = Field(
        min_length=1, description="The audience as closed groups, for filters and the planner."
    )
    setting: Text
    steps: tuple[Text, ...] = Field(min_length=1)
    cost: Text
    moderators: Text = Field(description="Where it works and where it fails.")
    ratings: tuple[OutcomeRating, ...] = Field(min_length=1)
    places: tuple[Annotated[Id, Ref("places")], ...] = ()
    scenarios: tuple[Annotated[Id, Ref("scenarios")], ...] = ()
    dimensions: tuple[Annotated[Id, Ref("dimensions")], ...] = ()
    sources: tuple[Citation, ...] = Field(min_length=1)
    last_reviewed: PartialDate


# --- border statistics -----------------------------------------------------------------------

Metric = Literal[
    "uof-total",
    "uof-less-lethal",
    "uof-firearm",
    "assaults",
    "migrant-deaths",
    "rescues",
    "cbp-related-deaths",
]
"""What a statistic counts (closed list; the lesson charts one series per metric)."""

METRICS: tuple[str, ...] = get_args(Metric)
"""The metrics in display order."""

CountingUnit = Literal[
    "applications", "singular-uses", "singular-assaults", "incidents", "people", "events", "unstated"
]
"""What one count means, as the source states it (``unstated`` when it does not say)."""


class StatisticRow(Record):
    """One published figure for one fiscal year, with the source that published it.

    A row is read from a CSV file under ``kit/content/statistics/`` (header = field names).
    ``value`` is empty when the figure was not found (a note then says so); ``revised_from``
    holds the earlier published figure this row replaces. U.S. fiscal years run 1 October to
    30 September.
    """

    metric: Metric
    fiscal_year: int = Field(ge=1990, le=2035)
    period: Literal["full-year", "year-to-date"] = "full-year"
    period_end: PartialDate | None = None
    scope: Literal["southwest-border", "nationwide", "sector"]
    sector: Annotated[Id, Ref("places")] | None = None
    component: Literal["cbp", "usbp", "ofo", "amo"]
    unit: CountingUnit
    value: int | None = Field(default=None, ge=0)
    revised_from: int | None = Field(default=None, ge=0)
    as_of: PartialDate | None = Field(default=None, description="When the source published the figure.")
    source: Annotated[Id, Ref("sources")]
    locator: str = Field(min_length=1)
    evidence: EvidenceLevel
    note_en: str | None = None
    note_es: str | None = None

    @classmethod
    def record_key(cls, item):
        metric, year = item.get("metric"), item.get("fiscal_year")
        if metric is None or year is None:
            return None
        place = item.get("sector") or item.get("scope") or "?"
        parts = (metric, year, item.get("period") or "full-year", item.get("unit") or "?", place,
                 item.get("source") or "?", item.get("as_of") or "undated")
        return "/".join(str(part) for part in parts)

    @model_validator(mode="after")
    def _consistent(self) -> StatisticRow:
        if self.value is None and not (self.note_en or self.note_es):
            raise ValueError("a row without a value needs a note (note_en, note_es) saying why")
        if self.value is None and self.revised_from is not None:
            raise ValueError("'revised_from' needs the revised 'value'")
        if (self.period == "year-to-date") != (self.period_end is not None):
            raise ValueError("'period_end' is required for a year-to-date row and only for one")
        if (self.scope == "sector") != (self.sector is not None):
            raise ValueError("'sector' is required when scope is 'sector' and only then")
        return self

    @property
    def citation(self) -> Citation:
        """The row's source as a :class:`Citation` (for :func:`kit.html.citation_html`)."""
        return Citation(source=self.source, locator=self.locator, evidence=self.evidence)

    @property
    def note(self) -> Text | None:
        """The row's note in both languages, or ``None``."""
        if not (self.note_en or self.note_es):
            return None
        return Text(en=self.note_en or "", es=self.note_es or "")

    def cross_check(self, records):
        """Yield a problem when ``sector`` names a place that is not a sector, or when the chart
        would draw this row on top of an earlier row of the same series that it does not revise.

        A collision is reported once, on the later of the two rows (in load order, so on a
        trainer's pack rather than on the shipped row it meets), naming the earlier row's key.
        """
        from kit.statistics import chart_collision

        place = records.get("places", {}).get(self.sector) if self.sector else None
        if place is not None and place.kind != "sector":
            yield ("sector",), f"'{self.sector}' is a {place.kind}, not a Border Patrol sector"
        other = chart_collision(self, records.get("statistics", {}).values())
        if other is not None:
            yield ("value",), (
                f"the chart would draw this figure and statistics '{other.key}' as the same point (same metric, "
                "fiscal year, period, unit and scope) and neither revises the other: set 'revised_from' to the "
                "figure this row replaces, or keep only one of the two rows"
            )

    def strict_problems(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Yield ``(location, message)`` for what ``kit check --strict`` also requires."""
        if (self.note_en or self.note_es) and not (self.note_en and self.note_es):
            missing = "note_es" if self.note_en else "note_en"
            yield (missing,), f"a note needs both languages ('{missing}' is empty)"


class StatisticCaveat(Record):
    """A caveat the statistics lesson states in plain words, with its sources.

    ``metrics`` names the series it applies to (empty: all of them).
    """

    id: Id
    title: Text
    body: Text
    metrics: tuple[Metric, ...] = ()
    citations: tuple[Citation, ...] = ()


KINDS: dict[str, type[Record]] = {
    "dimensions": Dimension,
    "glossary": GlossaryTerm,
    "instruments": Instrument,
    "partners": Partner,
    "places": Place,
    "practices": Practice,
    "provisions": Provision,
    "scenarios": Scenario,
    "sources": Source,
    "statistics": StatisticRow,
    "statistics-caveats": StatisticCaveat,
}
"""Content kinds by the top-level key that holds them in a content file."""
