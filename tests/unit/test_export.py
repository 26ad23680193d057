"""Tier 1: open-data export."""

from __future__ import annotations

from kit.content import load_content
from kit.export import (
    EXPORTERS,
    JSON_EXPORTERS,
    export_rows,
    neutralise_formula,
    record_documents,
    rows_to_csv,
    statistic_export_rows,
)


def test_every_kind_with_records_exports_one_row_per_record():
    """Each exporter returns a row per record, with an id column."""
    content = load_content([])
    records = {"policies": "provisions"}  # the policy export is one row per provision (cell)
    # scenarios: one row per choice; practices: one row per rated outcome
    for kind in (k for k in EXPORTERS if k not in ("scenarios", "practices")):
        rows = export_rows(content, kind)
        assert len(rows) == len(content.records[records.get(kind, kind)]), kind
        key = ("instrument", "dimension") if kind == "policies" else ("id",)
        assert all(all(row[k] for k in key) for row in rows), kind


def test_csv_neutralises_formula_injection():
    """Cells starting with = + - @ are prefixed so spreadsheets show them as text."""
    text = rows_to_csv([{"id": "x", "note": "=HYPERLINK(\"http://evil\")"}, {"id": "y", "note": "@SUM(A1)"}])
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert neutralise_formula("plain") == "plain" and neutralise_formula(3) == 3


def test_statistics_export_names_each_source_in_both_languages():
    """The statistics table carries the source's English and Spanish titles side by side, then its address."""
    content = load_content([])
    rows = statistic_export_rows(content)
    assert rows == export_rows(content, "statistics")
    assert list(rows[0])[13:16] == ["source_title", "source_title_es", "source_url"]
    for row in rows:
        title = content.sources[row["source"]].title
        assert (row["source_title"], row["source_title_es"]) == (title.en, title.es), row["id"]


def test_json_export_gives_each_record_whole_for_the_richer_kinds():
    """Places, practices and scenarios export as JSON documents: every record, nested, both languages."""
    content = load_content([])
    assert sorted(JSON_EXPORTERS) == ["places", "practices", "scenarios"]
    for kind in JSON_EXPORTERS:
        documents = export_rows(content, kind, "json")
        assert documents == record_documents(content, kind) != export_rows(content, kind, "csv"), kind
        assert [d["id"] for d in documents] == list(content.records[kind]), kind
        name = "title" if kind == "scenarios" else "name"
        assert all(d[name]["en"] and d[name]["es"] for d in documents), kind
