"""Border statistics: series by metric, counting-unit changes and revisions, from the shipped rows.

Every figure is a :class:`kit.model.StatisticRow` read from ``kit/content/statistics/*.csv``
with its source. The functions here are pure: content in, small frozen records out. Unit
changes and revisions are found in the data (a row's ``unit`` and ``revised_from``), never
listed by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kit.content import Content
from kit.model import METRICS, StatisticCaveat, StatisticRow

NOT_STATED = "unstated"
CHART_SCOPES = ("nationwide", "southwest-border")
"""Scopes drawn in a metric's chart; sector rows appear in its table only.

A chart draws one line per counting unit and scope: a nationwide figure and a southwest-border
figure count different things, so they are never joined into one line, even in the same unit.
"""


@dataclass(frozen=True)
class UnitChange:
    """The counting unit of a series changes at ``fiscal_year`` from ``before`` to ``after``."""

    fiscal_year: int
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class Revision:
    """A figure that replaces an earlier published one for the same year."""

    row: StatisticRow
    earlier: int
    earlier_row: StatisticRow | None


@dataclass(frozen=True)
class Series:
    """All figures of one metric, ordered by fiscal year, with what changed along the way.

    ``rows`` are every row of the metric (sector rows included); ``current`` are the rows the
    chart draws: in the chart's scopes and not replaced by a revision.
    """

    metric: str
    rows: tuple[StatisticRow, ...]
    current: tuple[StatisticRow, ...]
    unit_changes: tuple[UnitChange, ...]
    revisions: tuple[Revision, ...]

    @property
    def years(self) -> tuple[int, ...]:
        """Every fiscal year from the first to the last charted row (gaps included)."""
        charted = [row.fiscal_year for row in self.current]
        return tuple(range(min(charted), max(charted) + 1)) if charted else ()

    @property
    def missing_years(self) -> tuple[int, ...]:
        """Years in the chart's span with no figure (no row, or a row whose value was not found)."""
        found = {row.fiscal_year for row in self.current if row.value is not None}
        return tuple(year for year in self.years if year not in found)

    @property
    def units(self) -> tuple[str, ...]:
        """The units of the charted rows, in order of first appearance."""
        return tuple(dict.fromkeys(row.unit for row in self.current))

    @property
    def scopes(self) -> tuple[str, ...]:
        """The scopes of the charted rows, in order of first appearance."""
        return tuple(dict.fromkeys(row.scope for row in self.current))

    @property
    def lines(self) -> tuple[tuple[str, str], ...]:
        """The chart's lines as ``(unit, scope)`` pairs, in order of first appearance."""
        return tuple(dict.fromkeys((row.unit, row.scope) for row in self.current))

    def superseded(self) -> tuple[StatisticRow, ...]:
        """Rows a later figure replaced (shown hollow in the chart, kept in the table)."""
        return tuple(rev.earlier_row for rev in self.revisions if rev.earlier_row is not None)


def _order(row: StatisticRow) -> tuple:
    return (row.fiscal_year, row.scope not in CHART_SCOPES, row.as_of or "", row.unit)


def statistic_rows(content: Content, metric: str | None = None) -> list[StatisticRow]:
    """Return the rows of a metric (all metrics by default), ordered by fiscal year and release.

    Parameters
    ----------
    content:
        The loaded content.
    metric:
        A metric id such as ``"uof-firearm"``, or ``None`` for every row.
    """
    rows = [row for row in content.records["statistics"].values() if metric in (None, row.metric)]
    return sorted(rows, key=_order)


def find_revisions(rows: Iterable[StatisticRow]) -> list[Revision]:
    """Return each row that revises an earlier figure, with the earlier row when it is shipped.

    The earlier row is the row of the same metric, year, period and place whose value is the
    revising row's ``revised_from``.
    """
    rows = list(rows)
    found = []
    for row in rows:
        if row.revised_from is None:
            continue
        earlier = next(
            (
                other
                for other in rows
                if other is not row
                and other.value == row.revised_from
                and (other.metric, other.fiscal_year, other.period, other.scope, other.sector)
                == (row.metric, row.fiscal_year, row.period, row.scope, row.sector)
            ),
            None,
        )
        found.append(Revision(row=row, earlier=row.revised_from, earlier_row=earlier))
    return found


def chart_key(row: StatisticRow) -> tuple:
    """Return what places a row in a chart: metric, fiscal year, period, unit and scope."""
    return (row.metric, row.fiscal_year, row.period, row.unit, row.scope)


def chart_collision(row: StatisticRow, rows: Iterable[StatisticRow]) -> StatisticRow | None:
    """Return an earlier row the chart would draw at the same point as ``row``, if there is one.

    Two charted rows collide when they share :func:`chart_key` and neither is replaced by a
    revision (directly or through a chain of them). Only rows before ``row`` in ``rows`` are
    considered, so a collision is found once, from the later row.

    Parameters
    ----------
    row:
        A row of ``rows``.
    rows:
        Every row, in load order.
    """
    if row.scope not in CHART_SCOPES:
        return None
    same_year = [other for other in rows if (other.metric, other.fiscal_year) == (row.metric, row.fiscal_year)]
    replaced = {id(rev.earlier_row) for rev in find_revisions(same_year) if rev.earlier_row is not None}
    if id(row) in replaced:
        return None
    for other in same_year:
        if other is row:
            return None
        if id(other) not in replaced and chart_key(other) == chart_key(row):
            return other
    return None


def find_unit_changes(rows: Iterable[StatisticRow]) -> list[UnitChange]:
    """Return where the stated counting unit of a series changes, year by year.

    Years are compared by the set of units their figures state; a year whose figures do not
    state a unit neither makes nor hides a change. The first stated unit after years of
    unstated ones is a change from ``unstated``.

    Parameters
    ----------
    rows:
        The rows of one series (usually :attr:`Series.current`).
    """
    by_year: dict[int, set[str]] = {}
    for row in rows:
        if row.value is not None:
            by_year.setdefault(row.fiscal_year, set()).add(row.unit)
    changes = []
    previous: frozenset[str] | None = None
    for year in sorted(by_year):
        stated = frozenset(by_year[year] - {NOT_STATED})
        if not stated:
            previous = previous or frozenset({NOT_STATED})
            continue
        if previous is not None and stated != previous:
            changes.append(UnitChange(year, tuple(sorted(previous)), tuple(sorted(stated))))
        previous = stated
    return changes


def build_series(content: Content, metric: str) -> Series:
    """Return the series of one metric: rows, charted rows, unit changes and revisions.

    Unit changes are found within each charted scope, so a metric with nationwide and
    southwest-border figures in different units does not show a change where one scope ends.

    Parameters
    ----------
    content:
        The loaded content.
    metric:
        A metric id (see :data:`kit.model.METRICS`).
    """
    rows = statistic_rows(content, metric)
    revisions = find_revisions(rows)
    replaced = {id(rev.earlier_row) for rev in revisions if rev.earlier_row is not None}
    current = tuple(row for row in rows if row.scope in CHART_SCOPES and id(row) not in replaced)
    # Units are compared within a scope: a second scope in other units is another line, not a change.
    changes = {
        change: None
        for scope in dict.fromkeys(row.scope for row in current)
        for change in find_unit_changes(row for row in current if row.scope == scope)
    }
    return Series(
        metric=metric,
        rows=tuple(rows),
        current=current,
        unit_changes=tuple(sorted(changes, key=lambda change: change.fiscal_year)),
        revisions=tuple(revisions),
    )


def all_series(content: Content) -> list[Series]:
    """Return the series of every metric that has rows, in the kit's metric order."""
    present = {row.metric for row in content.records["statistics"].values()}
    return [build_series(content, metric) for metric in METRICS if metric in present]


def caveats_for(content: Content, metric: str | None = None) -> list[StatisticCaveat]:
    """Return the caveats that apply to a metric (those naming it, and those naming none).

    Parameters
    ----------
    content:
        The loaded content.
    metric:
        A metric id, or ``None`` for every caveat.
    """
    caveats: Mapping[str, StatisticCaveat] = content.records["statistics-caveats"]
    return [c for c in caveats.values() if metric is None or not c.metrics or metric in c.metrics]


def row_counts(content: Content) -> dict[str, int]:
    """Return how many rows each metric has (for reports and the lesson's summary)."""
    counts: dict[str, int] = {}
    for row in statistic_rows(content):
        counts[row.metric] = counts.get(row.metric, 0) + 1
    return counts
