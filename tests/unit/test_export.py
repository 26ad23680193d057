"""Tier 1: open-data export."""

from __future__ import annotations

from kit.content import load_content
from kit.export import EXPORTERS, export_rows, neutralise_formula, rows_to_csv


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
