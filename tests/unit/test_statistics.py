"""Tier 1: statistics tables — the CSV loader, series logic, the SVG chart, the table and the app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.apps import StatisticsLesson
from kit.content import check_content, load_content
from kit.export import export_rows, rows_to_csv
from kit.model import StatisticRow
from kit.statistics import Series, build_series, find_revisions, find_unit_changes, row_counts
from kit.statistics_views import render_chart, render_table

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"
HEADER = "metric,fiscal_year,scope,component,unit,value,revised_from,source,locator,evidence,note_en,note_es\n"


def messages(errors) -> list[str]:
    """Return errors as the strings ``kit check`` prints."""
    return [str(error) for error in errors]


def row(**fields) -> StatisticRow:
    """A valid row with defaults, overridden by ``fields``."""
    values = dict(
        metric="uof-firearm", fiscal_year=2016, scope="nationwide", component="cbp", unit="applications",
        value=10, source="gao-25-107548", locator="p. 1", evidence="primary",
    )
    values.update(fields)
    return StatisticRow.model_validate(values)


@pytest.fixture(scope="module")
def content():
    """The shipped content."""
    return load_content([])


def test_broken_rows_are_reported_with_file_and_real_line():
    """Missing source, bad number, empty value without a note, dangling source: each at its line.

    Row 5 has a quoted cell over two lines, so the row after it starts on line 7, not 6.
    """
    errors = messages(check_content([FIXTURES / "statistics-broken"]))
    expected = [
        ("rows.csv:2: statistics 'uof-firearm/2016/", "missing field 'source'"),
        ("rows.csv:3: statistics 'rescues/2021/", "value: Input should be a valid integer"),
        ("rows.csv:4: statistics 'migrant-deaths/2018/", "a row without a value needs a note"),
        ("rows.csv:7: statistics 'uof-firearm/2017/", "source: no sources record with id 'no-such-source'"),
    ]
    assert len(errors) == len(expected), "\n".join(errors)
    for error, (where, what) in zip(errors, expected, strict=True):
        assert f"statistics-broken/{where}" in error and what in error, error


def test_unknown_column_is_an_error_at_line_one_with_a_suggestion():
    """A misspelt header names the column it probably meant, and no row of that file loads."""
    (error,) = messages(check_content([FIXTURES / "statistics-bad-header"]))
    assert error.endswith("statistics-bad-header/table.csv:1: unknown column 'sorce' (did you mean 'source'?)")


def test_csv_with_byte_order_mark_loads(tmp_path):
    """A table saved by a spreadsheet (UTF-8 with BOM) reads the same as without."""
    line = "rescues,2021,southwest-border,usbp,people,12854,,gao-25-107548,text,secondary,,\n"
    (tmp_path / "rows.csv").write_text("\ufeff" + HEADER + line, encoding="utf-8")
    assert check_content([tmp_path]) == []
    content = load_content([tmp_path])
    (loaded,) = [r for r in content.records["statistics"].values() if r.source == "gao-25-107548" and r.value == 12854]
    assert loaded.fiscal_year == 2021 and loaded.revised_from is None


def test_duplicate_row_and_one_language_note_under_strict(tmp_path):
    """The same figure twice is a duplicate; a note in one language fails only --strict."""
    line = "rescues,2021,southwest-border,usbp,people,1,,gao-25-107548,text,secondary,only English,\n"
    (tmp_path / "rows.csv").write_text(HEADER + line + line, encoding="utf-8")
    loose = messages(check_content([tmp_path]))
    assert len(loose) == 1 and "rows.csv:3: duplicate statistics id 'rescues/2021/" in loose[0]
    strict = messages(check_content([tmp_path], strict=True))
    assert any("rows.csv:2:" in e and "a note needs both languages ('note_es' is empty)" in e for e in strict)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"period": "year-to-date"}, "'period_end' is required for a year-to-date row"),
        ({"scope": "sector"}, "'sector' is required when scope is 'sector'"),
        ({"value": None, "revised_from": 3, "note_en": "x"}, "'revised_from' needs the revised 'value'"),
        ({"fiscal_year": 1989}, "greater than or equal to 1990"),
        ({"unit": "shots"}, "Input should be 'applications'"),
    ],
)
def test_row_rules(fields, message):
    """Year-to-date needs its end date, a sector scope its sector, a revision its value; closed units."""
    with pytest.raises(ValueError, match=re.escape(message)):
        row(**fields)


def test_unit_changes_are_found_in_the_data_and_unstated_units_do_not_make_one():
    """Years compare by stated unit; an unstated year neither makes nor hides a change."""
    rows = [
        row(fiscal_year=2014, unit="applications"),
        row(fiscal_year=2015, unit="unstated"),
        row(fiscal_year=2016, unit="applications"),
        row(fiscal_year=2018, unit="incidents"),
        row(fiscal_year=2018, unit="singular-uses"),
        row(fiscal_year=2019, unit="incidents", value=None, note_en="not found"),
    ]
    (change,) = find_unit_changes(rows)
    assert (change.fiscal_year, change.before) == (2018, ("applications",))
    assert change.after == ("incidents", "singular-uses")
    assert find_unit_changes([row(unit="unstated"), row(fiscal_year=2017, unit="people")])[0].before == ("unstated",)


def test_revisions_pair_with_the_earlier_row():
    """A row with revised_from is paired with the row of the same year that holds that value."""
    earlier, later, other = row(value=27), row(value=25, revised_from=27, unit="unstated"), row(fiscal_year=2017)
    (revision,) = find_revisions([earlier, later, other])
    assert revision.row is later and revision.earlier == 27 and revision.earlier_row is earlier
    (orphan,) = find_revisions([row(value=5, revised_from=4)])
    assert orphan.earlier_row is None


def test_shipped_series_mark_the_unit_changes_and_revisions(content):
    """Use of force changes unit in FY2018 and rescues in FY2023; revised figures leave the chart."""
    total = build_series(content, "uof-total")
    assert [c.fiscal_year for c in total.unit_changes] == [2018]
    assert [(r.row.fiscal_year, r.earlier, r.row.value) for r in total.revisions] == [(2015, 768, 756)]
    assert 768 not in [r.value for r in total.current]
    rescues = build_series(content, "rescues")
    assert [(c.fiscal_year, c.after) for c in rescues.unit_changes] == [(2023, ("events",))]
    assert all(r.scope != "sector" for r in rescues.current)
    deaths = build_series(content, "migrant-deaths")
    assert 2018 in deaths.missing_years and 2011 in deaths.missing_years
    assert sum(row_counts(content).values()) == len(content.records["statistics"])


def test_chart_marks_unit_change_revision_and_missing_figure_and_never_draws_zero(content):
    """The SVG is an image with title and description, a labelled unit-change rule, a revision mark,
    and a 'no figure' mark where a value was not found, with no point at that year."""
    svg = render_chart(build_series(content, "uof-total"), "en")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="kit-stat-uof-total-en-title">CBP uses of force, all types</title>' in svg
    assert re.search(r'<desc id="kit-stat-uof-total-en-desc">[^<]*From fiscal year 2018 the unit changes', svg)
    assert 'class="kit-stat-unit-change" data-year="2018"' in svg and "Unit changes: incidents + singular uses" in svg
    assert 'class="kit-stat-revision" data-year="2015"' in svg and "revised from 768" in svg
    assert 'class="kit-stat-not-found" data-year="2019"' in svg
    assert "FY2019:" not in svg  # no point (and so no value) is drawn for the year without a figure
    svg_es = render_chart(build_series(content, "rescues"), "es")
    assert "Cambia la unidad: eventos de rescate" in svg_es and "Gráfica de" in svg_es


def test_table_has_one_linked_source_per_row_and_escapes_notes(content):
    """Every figure is a table row with its source link; replaced figures say so; notes are escaped."""
    series = build_series(content, "uof-firearm")
    html = render_table(series, content, "es")
    assert html.count("<tr") == len(series.rows) + 1
    assert html.count('<a href="http') == len(series.rows)
    assert html.count("Sustituida por una cifra posterior.") == 2
    hostile = Series(
        metric="uof-firearm", rows=(row(note_en="<img src=x onerror=alert(1)>"),), current=(), unit_changes=(),
        revisions=(),
    )
    table = render_table(hostile, content, "en")
    assert "<img" not in table and "&lt;img src=x onerror=alert(1)&gt;" in table


def test_app_keeps_the_chosen_series_across_a_language_switch():
    """The app opens on all uses of force; choosing rescues shows its FY2023 unit change, in Spanish too."""
    app = StatisticsLesson.from_content(lang="en")
    html = "".join(getattr(child, "value", "") for child in app._body.children)
    assert app.metric == "uof-total" and "data-metric='uof-total'" in html and "data-metric='rescues'" not in html
    assert "kit-stat-unit-change" in html and "Caveats in plain words" in html
    app.show("rescues")
    app.set_language("es")
    html = "".join(getattr(child, "value", "") for child in app._body.children)
    assert app.metric == "rescues" and app._choice.description == "Cifras"
    assert 'data-year="2023"' in html and "Los rescates del año fiscal 2023 son eventos, no personas" in html
    assert "Un vacío: no hay serie mexicana" in html
    assert "download=\"border-statistics.csv\"" in html


def test_export_statistics_lists_every_row_with_its_source_address(content):
    """`kit export statistics` gives one row per figure, with the source's URL; empty values stay empty."""
    rows = export_rows(content, "statistics")
    assert len(rows) == len(content.records["statistics"])
    assert all(r["source_url"].startswith("http") for r in rows)
    assert any(r["value"] == "" and r["note_en"].startswith("Not found") for r in rows)
    assert rows_to_csv(rows).startswith("id,metric,fiscal_year,period,")
    assert len({r["id"] for r in rows}) == len(rows)
