"""Open-data export of the kit's content: one table per kind, as CSV or JSON.

Each exporter is a pure function from content to rows; :func:`export_rows` picks one by kind.
CSV cells that a spreadsheet would read as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from kit.content import Content
from kit.model import Citation

Row = dict[str, Any]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _citations(citations: Iterable[Citation]) -> str:
    return "; ".join(f"{c.source} {c.locator} [{c.evidence.value}]" for c in citations)


def source_rows(content: Content) -> list[Row]:
    """Return one row per source of the registry."""
    return [
        {
            "id": s.id,
            "title_en": s.title.en,
            "title_es": s.title.es,
            "official_title": s.official_title or "",
            "issuer": s.issuer,
            "type": s.type,
            "date": s.date or "",
            "url": s.url,
            "language": " ".join(s.language),
        }
        for s in content.sources.values()
    ]


def glossary_rows(content: Content) -> list[Row]:
    """Return one row per glossary term, with its citations in one column."""
    return [
        {
            "id": t.id,
            "term_en": t.term.en,
            "term_es": t.term.es,
            "definition_en": t.definition.en,
            "definition_es": t.definition.es,
            "citations": _citations(t.citations),
        }
        for t in content.glossary.values()
    ]


def _policy_rows(content: Content) -> list[Row]:
    from kit.policies import provision_rows

    return provision_rows(content)


def place_rows(content: Content) -> list[Row]:
    """Return one row per place: kind, names, location, coordinates, sister city, sources."""
    return [
        {
            "id": p.id,
            "kind": p.kind,
            "name_en": p.name.en,
            "name_es": p.name.es,
            "country": p.country,
            "state": p.state,
            "city": p.city,
            "lat": p.coordinates.lat,
            "lon": p.coordinates.lon,
            "sister_city_en": p.sister_city.en if p.sister_city else "",
            "sector": p.sector or "",
            "citations": _citations(p.sources),
        }
        for p in content.records["places"].values()
    ]


def practice_rows(content: Content) -> list[Row]:
    """Return one row per practice and rated outcome, both languages, with the rating's source."""
    rows = []
    for practice in content.records["practices"].values():
        for rating in practice.ratings:
            rows.append(
                {
                    "id": f"{practice.id}/{len(rows)}",
                    "practice": practice.id,
                    "name_en": practice.name.en,
                    "name_es": practice.name.es,
                    "kind": practice.kind,
                    "avoid": practice.avoid,
                    "outcome_en": rating.outcome.en,
                    "outcome_es": rating.outcome.es,
                    "rating": rating.rating,
                    "rater": rating.rater or "",
                    "rating_citation": _citations([rating.citation]) if rating.citation else "",
                    "partners": " ".join(practice.partners),
                    "last_reviewed": practice.last_reviewed,
                }
            )
    return rows


def scenario_choice_rows(content: Content) -> list[Row]:
    """Return one row per choice of every scenario (the flat, spreadsheet view)."""
    rows = []
    for scenario in content.records["scenarios"].values():
        for node in scenario.nodes:
            for choice in node.choices:
                rows.append(
                    {
                        "id": f"{scenario.id}/{node.id}/{choice.id}",
                        "scenario": scenario.id,
                        "node": node.id,
                        "choice": choice.id,
                        "label_en": choice.label.en,
                        "label_es": choice.label.es,
                        "next": choice.next,
                        "cdm_step": choice.cdm_step,
                        "policies": " ".join(f"{p.instrument}/{p.dimension}" for p in choice.policies),
                        "score": "" if choice.score is None else choice.score,
                    }
                )
    return rows


def statistic_export_rows(content: Content) -> list[Row]:
    """Return one export row per published statistic, with its source's title (both languages) and address.

    Rows come in the order of :func:`kit.statistics.statistic_rows`: by fiscal year, then release.
    """
    from kit.statistics import statistic_rows

    sources = content.sources
    return [
        {
            "id": row.key,
            "metric": row.metric,
            "fiscal_year": row.fiscal_year,
            "period": row.period,
            "period_end": row.period_end or "",
            "scope": row.scope,
            "sector": row.sector or "",
            "component": row.component,
            "unit": row.unit,
            "value": "" if row.value is None else row.value,
            "revised_from": "" if row.revised_from is None else row.revised_from,
            "as_of": row.as_of or "",
            "source": row.source,
            "source_title": sources[row.source].title.en,
            "source_title_es": sources[row.source].title.es,
            "source_url": sources[row.source].url,
            "locator": row.locator,
            "evidence": row.evidence.value,
            "note_en": row.note_en or "",
            "note_es": row.note_es or "",
        }
        for row in statistic_rows(content)
    ]


def record_documents(content: Content, kind: str) -> list[Row]:
    """Return every record of a kind whole (nested, both languages), for JSON.

    Parameters
    ----------
    content:
        The loaded content.
    kind:
        A content kind, e.g. ``"scenarios"`` (see :data:`kit.model.KINDS`).
    """
    return [record.model_dump(mode="json") for record in content.records[kind].values()]


EXPORTERS: dict[str, Callable[[Content], list[Row]]] = {
    "glossary": glossary_rows,
    "places": place_rows,
    "policies": _policy_rows,
    "practices": practice_rows,
    "scenarios": scenario_choice_rows,
    "sources": source_rows,
    "statistics": statistic_export_rows,
}
"""Exportable kinds; each later content area adds its own."""

JSON_EXPORTERS: dict[str, Callable[[Content], list[Row]]] = {
    kind: partial(record_documents, kind=kind) for kind in ("places", "practices", "scenarios")
}
"""Kinds whose JSON export is richer than their CSV rows: each record whole."""

FORMATS = ("csv", "json")


def export_rows(content: Content, kind: str, fmt: str = "csv") -> list[Row]:
    """Return the rows of one kind for a format; raise ``KeyError`` for a kind not exported."""
    if fmt == "json" and kind in JSON_EXPORTERS:
        return JSON_EXPORTERS[kind](content)
    return EXPORTERS[kind](content)


def neutralise_formula(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def rows_to_csv(rows: list[Row]) -> str:
    """Return rows as CSV text (header from the first row), formula-safe."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: neutralise_formula(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def rows_to_json(rows: list[Row]) -> str:
    """Return rows as a JSON array (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
