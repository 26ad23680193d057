"""Comparing use-of-force instruments: pure functions from content to DataFrames.

Every function takes the loaded :class:`~kit.content.Content`, a language and the ids to
compare, and returns a pandas ``DataFrame`` (or plain data); nothing here draws or displays.
A cell is one :class:`~kit.model.Provision` (instrument × dimension).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from kit.cells import EVIDENCE_ORDER, cell_evidence, get_cell
from kit.content import Content
from kit.model import UNKNOWN, Dimension, Instrument, Provision

if TYPE_CHECKING:
    import pandas as pd

SIDE_BY_SIDE_COLUMNS = ["dimension", "instrument", "code", "label", "summary", "citations", "evidence", "notes"]


def _pandas():
    """Import pandas when a DataFrame is first built (the matrix view and exports do without)."""
    import pandas

    return pandas

RATINGS = ("meets", "partly-meets", "falls-short", "unknown")
"""Ratings against the UN standards, in display order."""


class ComparisonError(ValueError):
    """A comparison was asked for ids that do not exist or do not belong together."""


def _checked_ids(records: Mapping[str, object], ids: Iterable[str] | None, what: str) -> list[str]:
    chosen = list(records) if ids is None else list(ids)
    missing = [i for i in chosen if i not in records]
    if missing:
        raise ComparisonError(f"no {what} with id {', '.join(missing)}")
    return chosen


def instrument_ids(content: Content, ids: Iterable[str] | None = None) -> list[str]:
    """Return instrument ids (all, by default) after checking they exist."""
    return _checked_ids(content.instruments, ids, "instrument")


def dimension_ids(content: Content, ids: Iterable[str] | None = None) -> list[str]:
    """Return dimension ids (all, in codebook order, by default) after checking they exist."""
    return _checked_ids(content.dimensions, ids, "dimension")


def citations_text(content: Content, provision: Provision, lang: str) -> str:
    """Return a cell's citations as one line: ``title, locator (evidence); …``."""
    parts = []
    for citation in provision.citations:
        source = content.sources[citation.source]
        parts.append(f"{source.title.get(lang)}, {citation.locator} ({citation.evidence.value})")
    return "; ".join(parts)


def policy_matrix(
    content: Content,
    lang: str,
    instruments: Sequence[str] | None = None,
    dimensions: Sequence[str] | None = None,
    value: str = "label",
) -> pd.DataFrame:
    """Return the matrix: one row per dimension, one column per instrument.

    Parameters
    ----------
    content:
        Loaded content.
    lang:
        ``"en"`` or ``"es"`` for labels and summaries.
    instruments, dimensions:
        Ids to include (default: all, in content order).
    value:
        What each cell holds: ``"label"`` (the code's label), ``"code"`` (the code id),
        ``"summary"`` or ``"evidence"``.
    """
    if value not in ("label", "code", "summary", "evidence"):
        raise ComparisonError(f"unknown matrix value {value!r}")
    inst, dims = instrument_ids(content, instruments), dimension_ids(content, dimensions)
    rows = {}
    for dimension_id in dims:
        dimension = content.dimensions[dimension_id]
        row = {}
        for instrument_id in inst:
            cell = get_cell(content, instrument_id, dimension_id)
            if cell is None:
                row[instrument_id] = None
            elif value == "code":
                row[instrument_id] = cell.provision.code
            elif value == "label":
                row[instrument_id] = dimension.option(cell.provision.code).label.get(lang)
            elif value == "summary":
                row[instrument_id] = cell.provision.summary.get(lang)
            else:
                row[instrument_id] = cell.evidence
        rows[dimension.label.get(lang)] = row
    frame = _pandas().DataFrame.from_dict(rows, orient="index", columns=inst)
    frame.columns = [content.instruments[i].short_name.get(lang) for i in inst]
    frame.index.name = "dimension"
    return frame


def side_by_side(
    content: Content, lang: str, instruments: Sequence[str], dimensions: Sequence[str] | None = None
) -> pd.DataFrame:
    """Return chosen instruments × dimensions in long form, with summaries and citations.

    Columns: ``dimension``, ``instrument``, ``code``, ``label``, ``summary``, ``citations``,
    ``evidence``, ``notes``.
    """
    rows = side_by_side_rows(content, lang, instruments, dimensions)
    return _pandas().DataFrame(rows, columns=SIDE_BY_SIDE_COLUMNS)


def side_by_side_rows(
    content: Content, lang: str, instruments: Sequence[str], dimensions: Sequence[str] | None = None
) -> list[dict[str, str]]:
    """The rows of :func:`side_by_side` as plain dictionaries (no pandas)."""
    rows = []
    for dimension_id in dimension_ids(content, dimensions):
        dimension = content.dimensions[dimension_id]
        for instrument_id in instrument_ids(content, instruments):
            cell = get_cell(content, instrument_id, dimension_id)
            if cell is None:
                continue
            provision = cell.provision
            rows.append(
                {
                    "dimension": dimension.label.get(lang),
                    "instrument": cell.instrument.short_name.get(lang),
                    "code": provision.code,
                    "label": dimension.option(provision.code).label.get(lang),
                    "summary": provision.summary.get(lang),
                    "citations": citations_text(content, provision, lang),
                    "evidence": cell.evidence,
                    "notes": provision.notes.get(lang) if provision.notes else "",
                }
            )
    return rows


def superseded_by(content: Content, instrument: str) -> list[str]:
    """Return the ids of the instruments that supersede ``instrument``."""
    return [i.id for i in content.instruments.values() if instrument in i.supersedes]


def lineages(content: Content) -> dict[str, list[str]]:
    """Return each lineage's instrument ids, oldest first (by supersession, then date)."""
    groups: dict[str, list[Instrument]] = {}
    for instrument in content.instruments.values():
        if instrument.lineage:
            groups.setdefault(instrument.lineage, []).append(instrument)

    def depth(instrument: Instrument) -> int:
        seen, count, current = set(), 0, instrument
        while current.supersedes and current.id not in seen:
            seen.add(current.id)
            count += 1
            current = content.instruments[current.supersedes[0]]
        return count

    return {
        lineage: [i.id for i in sorted(members, key=lambda i: (depth(i), i.issued or ""))]
        for lineage, members in groups.items()
    }


def what_changed(content: Content, lang: str, earlier: str, later: str, changed_only: bool = False) -> pd.DataFrame:
    """Compare two instruments of one lineage, dimension by dimension.

    Returns columns ``dimension``, ``before``, ``after`` (code labels), ``change`` (one of
    ``changed``, ``same code, new wording``, ``unchanged``, ``not coded``), ``summary_before``
    and ``summary_after``.

    Raises
    ------
    ComparisonError
        If the two are not of the same lineage.
    """
    first, second = (content.instruments[i] for i in instrument_ids(content, [earlier, later]))
    if not first.lineage or first.lineage != second.lineage:
        raise ComparisonError(f"'{earlier}' and '{later}' are not versions of one instrument")
    rows = []
    for dimension_id, dimension in content.dimensions.items():
        before, after = get_cell(content, earlier, dimension_id), get_cell(content, later, dimension_id)
        if before is None or after is None:
            change = "not coded"
        elif before.provision.code != after.provision.code:
            change = "changed"
        elif before.provision.summary != after.provision.summary:
            change = "same code, new wording"
        else:
            change = "unchanged"
        if changed_only and change == "unchanged":
            continue
        rows.append(
            {
                "dimension": dimension.label.get(lang),
                "dimension_id": dimension_id,
                "before": dimension.option(before.provision.code).label.get(lang) if before else "",
                "after": dimension.option(after.provision.code).label.get(lang) if after else "",
                "change": change,
                "summary_before": before.provision.summary.get(lang) if before else "",
                "summary_after": after.provision.summary.get(lang) if after else "",
            }
        )
    return _pandas().DataFrame(
        rows, columns=["dimension", "dimension_id", "before", "after", "change", "summary_before", "summary_after"]
    )


def un_rating(dimension: Dimension, code: str) -> str:
    """Return how ``code`` stands against the dimension's UN standard (see :data:`RATINGS`)."""
    if dimension.un is None:
        raise ComparisonError(f"dimension '{dimension.id}' has no UN benchmark")
    if code in dimension.un.meets:
        return "meets"
    if code in dimension.un.partly_meets:
        return "partly-meets"
    if code in dimension.un.falls_short:
        return "falls-short"
    return "unknown"


def un_benchmark(content: Content, lang: str, instruments: Sequence[str] | None = None) -> pd.DataFrame:
    """Rate each instrument on each dimension that has a UN standard.

    Columns: ``instrument``, ``instrument_id``, ``dimension``, ``dimension_id``,
    ``principles``, ``rating`` and ``reason`` (the cell's code and summary).
    """
    rows = []
    for instrument_id in instrument_ids(content, instruments):
        instrument = content.instruments[instrument_id]
        for dimension_id, dimension in content.dimensions.items():
            if dimension.un is None:
                continue
            cell = get_cell(content, instrument_id, dimension_id)
            code = cell.provision.code if cell else UNKNOWN
            reason = f"{dimension.option(code).label.get(lang)}: {cell.provision.summary.get(lang)}" if cell else ""
            rows.append(
                {
                    "instrument": instrument.short_name.get(lang),
                    "instrument_id": instrument_id,
                    "dimension": dimension.label.get(lang),
                    "dimension_id": dimension_id,
                    "principles": ", ".join(dimension.un.principles),
                    "rating": un_rating(dimension, code),
                    "reason": reason,
                }
            )
    return _pandas().DataFrame(
        rows, columns=["instrument", "instrument_id", "dimension", "dimension_id", "principles", "rating", "reason"]
    )


def coverage(content: Content, instruments: Sequence[str] | None = None) -> pd.DataFrame:
    """Share of cells by evidence (primary, secondary, unverified, unknown), per instrument.

    One row per instrument plus an ``all`` row; columns are the evidence levels (shares,
    0–1) and ``cells`` (how many cells were coded).
    """
    chosen = instrument_ids(content, instruments)
    counts = {i: dict.fromkeys(EVIDENCE_ORDER, 0) for i in chosen}
    for provision in content.provisions.values():
        if provision.instrument in counts:
            counts[provision.instrument][cell_evidence(provision)] += 1
    frame = _pandas().DataFrame.from_dict(counts, orient="index", columns=list(EVIDENCE_ORDER))
    frame.loc["all"] = frame.sum()
    cells = frame.sum(axis=1)
    shares = frame.div(cells.where(cells > 0, 1), axis=0)
    shares["cells"] = cells
    shares.index.name = "instrument"
    return shares


def timeline(content: Content, lang: str) -> pd.DataFrame:
    """Return the instruments by date of issue, with status and what they replace.

    Instruments whose date is unknown come last. Columns: ``issued``, ``instrument``,
    ``instrument_id``, ``jurisdiction``, ``status``, ``supersedes``, ``superseded_by``.
    """
    rows = []
    for instrument in content.instruments.values():
        rows.append(
            {
                "issued": instrument.issued or "",
                "instrument": instrument.short_name.get(lang),
                "instrument_id": instrument.id,
                "jurisdiction": instrument.jurisdiction,
                "status": instrument.status,
                "supersedes": ", ".join(content.instruments[i].short_name.get(lang) for i in instrument.supersedes),
                "superseded_by": ", ".join(
                    content.instruments[i].short_name.get(lang) for i in superseded_by(content, instrument.id)
                ),
            }
        )
    frame = _pandas().DataFrame(rows)
    frame["_unknown"] = frame["issued"] == ""
    return frame.sort_values(["_unknown", "issued"]).drop(columns="_unknown").reset_index(drop=True)


def provision_rows(content: Content) -> list[dict[str, str]]:
    """Open-data rows: one per cell, with both languages, citations and evidence."""
    rows = []
    for provision in content.provisions.values():
        rows.append(
            {
                "instrument": provision.instrument,
                "dimension": provision.dimension,
                "code": provision.code,
                "summary_en": provision.summary.en,
                "summary_es": provision.summary.es,
                "citations": "; ".join(
                    f"{c.source} {c.locator} [{c.evidence.value}] {content.sources[c.source].url}"
                    for c in provision.citations
                ),
                "evidence": cell_evidence(provision),
                "notes_en": provision.notes.en if provision.notes else "",
                "notes_es": provision.notes.es if provision.notes else "",
            }
        )
    return rows
