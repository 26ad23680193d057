"""Tier 1: statistics tables — the CSV loader, series logic, the SVG chart, the table and the app."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kit.apps import StatisticsLesson
from kit.content import check_content, load_content
from kit.export import export_rows, rows_to_csv
from kit.model import StatisticRow
from kit.statistics import (
    Series,
    all_series,
    build_series,
    chart_collision,
    find_revisions,
    find_unit_changes,
    row_counts,
)
from kit.statistics_views import Box, label_box, render_chart, render_table

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


def test_line_separators_inside_a_quoted_note_do_not_shift_the_next_rows_line(tmp_path):
    """U+2028, NEL, a form feed and a record separator inside a quoted note stay in the note: the row
    after it is reported at its real line (3), and the note loads with those characters intact."""
    fixture = FIXTURES / "statistics-separators" / "rows.csv"
    errors = messages(check_content([fixture.parent]))
    assert len(errors) == 1 and "statistics-separators/rows.csv:3: statistics 'rescues/2022/" in errors[0], errors
    assert "no sources record with id 'no-such-source'" in errors[0]
    header, valid, _ = fixture.read_text(encoding="utf-8").split("\n", 2)
    (tmp_path / "rows.csv").write_text(f"{header}\n{valid}\n", encoding="utf-8")
    (loaded,) = [r for r in load_content([tmp_path]).records["statistics"].values() if r.value == 5]
    assert all(char in loaded.note_en for char in "\u2028\x85\x0c\x1e") and "\u2028" in loaded.note_es


def test_chart_collisions_and_non_sector_places_are_reported_at_their_line():
    """A pack row that the chart would draw on a shipped figure it does not revise is an error at its
    line naming the shipped row; two pack rows that collide are reported once, on the later one; a
    sector row must name a sector. A revision, another scope or another unit is no collision."""
    errors = messages(check_content([FIXTURES / "statistics-collisions"]))
    expected = [
        ("rows.csv:2: statistics 'assaults/2016/full-year/unstated/nationwide/gao-25-107548/undated'",
         "statistics 'assaults/2016/full-year/unstated/nationwide/cbp-use-of-force-statistics-fy2016/undated' "
         "as the same point"),
        ("rows.csv:3: statistics 'rescues/2022/", "'consulate-san-diego' is a consulate, not a Border Patrol sector"),
        ("rows.csv:5: statistics 'uof-firearm/2013/full-year/applications/nationwide/dhs-oig-18-76/undated'",
         "statistics 'uof-firearm/2013/full-year/applications/nationwide/gao-25-107548/undated' as the same point"),
    ]
    assert len(errors) == len(expected), "\n".join(errors)
    for error, (where, what) in zip(errors, expected, strict=True):
        assert f"statistics-collisions/{where}" in error and what in error, error


def test_two_revisions_of_one_figure_collide_but_a_chain_of_revisions_does_not():
    """Two rows both revising the same figure would be two points; a revision of a revision is one."""
    original = row(value=10, source="gao-25-107548")
    first = row(value=11, revised_from=10, source="dhs-oig-18-76")
    second = row(value=12, revised_from=10, source="gao-22-105053")
    assert chart_collision(second, [original, first, second]) is first
    chained = row(value=12, revised_from=11, source="gao-22-105053")
    assert chart_collision(chained, [original, first, chained]) is None
    assert chart_collision(first, [original, first]) is None
    assert chart_collision(row(value=9, scope="southwest-border"), [original]) is None


def test_unknown_column_is_an_error_at_line_one_with_a_suggestion():
    """A misspelt header names the column it probably meant, and no row of that file loads."""
    (error,) = messages(check_content([FIXTURES / "statistics-bad-header"]))
    assert error.endswith("statistics-bad-header/table.csv:1: unknown column 'sorce' (did you mean 'source'?)")


def test_csv_with_byte_order_mark_loads(tmp_path):
    """A table saved by a spreadsheet (UTF-8 with BOM) reads the same as without."""
    line = "rescues,2016,southwest-border,usbp,people,12854,,gao-25-107548,text,secondary,,\n"
    (tmp_path / "rows.csv").write_text("\ufeff" + HEADER + line, encoding="utf-8")
    assert check_content([tmp_path]) == []
    content = load_content([tmp_path])
    (loaded,) = [r for r in content.records["statistics"].values() if r.source == "gao-25-107548" and r.value == 12854]
    assert loaded.fiscal_year == 2016 and loaded.revised_from is None


def test_duplicate_row_and_one_language_note_under_strict(tmp_path):
    """The same figure twice is a duplicate; a note in one language fails only --strict."""
    line = "rescues,2016,southwest-border,usbp,people,1,,gao-25-107548,text,secondary,only English,\n"
    (tmp_path / "rows.csv").write_text(HEADER + line + line, encoding="utf-8")
    loose = messages(check_content([tmp_path]))
    assert len(loose) == 1 and "rows.csv:3: duplicate statistics id 'rescues/2016/" in loose[0]
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


def test_a_second_scope_is_a_line_of_its_own_and_makes_no_unit_change(tmp_path, content):
    """Southwest-border firearm figures added by a pack are drawn as their own line, named by scope in the
    legend and the description, and do not turn the nationwide series' other units into a unit change."""
    pack = "".join(
        f"uof-firearm,{year},southwest-border,cbp,applications,{value},,gao-25-107548,test,secondary,,\n"
        for year, value in ((2016, 9), (2017, 8), (2018, 7))
    )
    (tmp_path / "rows.csv").write_text(HEADER + pack, encoding="utf-8")
    shipped, mixed = build_series(content, "uof-firearm"), build_series(load_content([tmp_path]), "uof-firearm")
    assert mixed.scopes == ("nationwide", "southwest-border") and mixed.unit_changes == shipped.unit_changes
    root = ET.fromstring(render_chart(mixed, "en"))
    lines = [(g.get("data-unit"), g.get("data-scope")) for g in root.iter(f"{SVG}g")
             if g.get("class") == "kit-stat-line"]
    assert ("applications", "nationwide") in lines and ("applications", "southwest-border") in lines
    legend = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("applications of force")]
    assert legend == ["applications of force, All of CBP", "applications of force, Southwest border"]
    assert "Each scope has a line of its own: All of CBP, Southwest border." in root.find(f"{SVG}desc").text
    assert "Cada ámbito tiene su propia línea" in render_chart(mixed, "es")
    assert "Each scope" not in render_chart(shipped, "en") and "All of CBP" not in render_chart(shipped, "en")


def test_point_tooltips_are_in_the_chart_language(content):
    """A point's tooltip says 'FY2016' in English and 'Año fiscal 2016' in Spanish, never 'FY'."""
    for lang, start in (("en", "FY2016: 25 (unit not stated)"), ("es", "Año fiscal 2016: 25 (unidad no indicada)")):
        root = ET.fromstring(render_chart(build_series(content, "uof-firearm"), lang))
        tips = [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == "kit-stat-point"]
        assert start in tips, tips
    assert "FY" not in render_chart(build_series(content, "uof-firearm"), "es")


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


SVG = "{http://www.w3.org/2000/svg}"


def chart_boxes(svg: str) -> tuple[Box, list[tuple[str, Box]], list[Box], list[Box]]:
    """Return a chart's view box, each drawn label with its box, the box of each point and earlier
    figure (circles, squares, polygons and the ``<path>`` crosses), and the box of each vertical rule
    (unit changes, years without a figure, the dashed line from an earlier figure to its revision).

    Label boxes come from the ``<text>`` attributes (position, anchor, size, weight), so the
    check does not depend on how the renderer chose them. Label widths are the renderer's own
    estimate; the browser test measures the drawn text instead.
    """
    root = ET.fromstring(svg)
    _, _, width, height = map(float, root.get("viewBox").split())
    size = float(root.get("font-size"))
    labels = [
        (
            text.text,
            label_box(
                float(text.get("x")), float(text.get("y")), text.text, float(text.get("font-size", size)),
                text.get("text-anchor", "start"), text.get("font-weight") == "bold",
            ),
        )
        for text in root.iter(f"{SVG}text")
    ]
    marks = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") not in ("kit-stat-point", "kit-stat-revision"):
            continue
        for shape in group:
            if shape.tag == f"{SVG}circle":
                cx, cy, r = (float(shape.get(a)) for a in ("cx", "cy", "r"))
                marks.append(Box(cx - r, cy - r, cx + r, cy + r))
            elif shape.tag == f"{SVG}rect":
                x, y, w, h = (float(shape.get(a)) for a in ("x", "y", "width", "height"))
                marks.append(Box(x, y, x + w, y + h))
            elif shape.tag == f"{SVG}polygon":
                xs, ys = zip(*(map(float, p.split(",")) for p in shape.get("points").split()), strict=True)
                marks.append(Box(min(xs), min(ys), max(xs), max(ys)))
            elif shape.tag == f"{SVG}path":
                numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d"))]
                xs, ys = numbers[0::2], numbers[1::2]
                marks.append(Box(min(xs), min(ys), max(xs), max(ys)))
    rules = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") not in ("kit-stat-unit-change", "kit-stat-not-found", "kit-stat-revision"):
            continue
        for line in group.iter(f"{SVG}line"):
            x1, y1, x2, y2 = (float(line.get(a)) for a in ("x1", "y1", "x2", "y2"))
            if x1 == x2 and line.get("stroke-width") != "1":  # a leader (width 1) joins a label to its mark
                rules.append(Box(x1 - 1, min(y1, y2), x1 + 1, max(y1, y2)))
    return Box(0, 0, width, height), labels, marks, rules


def crowded_series() -> Series:
    """35 years of zig-zag figures: three units (two in one year), two revisions side by side, a year not found."""
    rows, earlier = [], []
    for i, year in enumerate(range(1990, 2025)):
        unit = "applications" if year < 2005 else ("incidents" if year < 2015 else "singular-uses")
        if year == 2000:
            rows.append(row(fiscal_year=year, unit=unit, value=None, note_en="not found", note_es="no encontrada"))
            continue
        value = 500 + (i % 4) * 35 + i * 6
        if year in (2010, 2011):
            earlier.append(row(fiscal_year=year, unit=unit, value=value + 9))
            rows.append(row(fiscal_year=year, unit=unit, value=value, revised_from=value + 9))
        else:
            rows.append(row(fiscal_year=year, unit=unit, value=value))
    rows.append(row(fiscal_year=2015, unit="incidents", value=505))
    return Series(
        metric="uof-total", rows=tuple(rows + earlier), current=tuple(rows),
        unit_changes=tuple(find_unit_changes(rows)), revisions=tuple(find_revisions(rows + earlier)),
    )


def shipped_and_crowded_charts() -> list:
    """Every shipped series and the crowded one, as test parameters named by metric."""
    shipped = [pytest.param(s, id=s.metric) for s in all_series(load_content([]))]
    return [*shipped, pytest.param(crowded_series(), id="crowded")]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("series", shipped_and_crowded_charts())
def test_chart_labels_fit_and_never_overlap_a_label_a_point_or_a_rule(series, lang):
    """No two labels of a chart overlap, no label covers a point (of any shape) or an earlier (hollow)
    figure or crosses a vertical rule, and every label lies inside the chart, at the width the chart is
    drawn for, in both languages."""
    view, labels, marks, rules = chart_boxes(render_chart(series, lang))
    assert len(labels) > 10 and marks
    for i, (text, box) in enumerate(labels):
        assert box.inside(view), f"{text!r} sticks out of the chart: {box}"
        for other_text, other in labels[i + 1:]:
            assert not box.hits(other, gap=2), f"{text!r} overlaps {other_text!r}"
        for mark in marks:
            assert not box.hits(mark, gap=1), f"{text!r} covers a point at {mark}"
        for rule in rules:
            assert not box.hits(rule, gap=0), f"{text!r} crosses a rule at {rule}"


def test_overlap_check_sees_crosses_and_rules():
    """The overlap test reads ``<path>`` crosses as points and the dashed rules as rules, so a label
    drawn over either would fail it."""
    five_units = [row(fiscal_year=2000 + i, unit=u, value=10 + i) for i, u in
                  enumerate(("applications", "incidents", "people", "events", "singular-uses"))]
    five = Series(metric="uof-total", rows=tuple(five_units), current=tuple(five_units),
                  unit_changes=tuple(find_unit_changes(five_units)), revisions=())
    svg = render_chart(five, "en")
    assert "<path" in svg
    _, _, marks, rules = chart_boxes(svg)
    assert len(marks) == 5 and len(rules) == 4


def test_crowded_chart_leaves_out_labels_but_never_a_figure(content):
    """Where points are too close for every label, some value labels are left out, yet every point
    keeps its figure as a tooltip, each revision keeps its label, and the table lists every figure."""
    series = crowded_series()
    svg = render_chart(series, "en")
    root = ET.fromstring(svg)
    points = [g for g in root.iter(f"{SVG}g") if g.get("class") == "kit-stat-point"]
    charted = [r for r in series.current if r.value is not None]
    assert len(points) == len(charted) == 35
    shown = [t for t in root.iter(f"{SVG}text") if t.get("class") == "kit-stat-value"]
    assert 10 < len(shown) < len(points), "the crowded chart should label some points, not all"
    for group, figure in zip(points, sorted(charted, key=lambda r: (series.units.index(r.unit), r.fiscal_year)),
                             strict=True):
        assert group.find(f"{SVG}title").text.startswith(f"FY{figure.fiscal_year}: {figure.value:,}")
    revision_labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "kit-stat-revision-label"]
    earlier = [f"{r.earlier:,}" for r in series.revisions]
    assert len(revision_labels) == 2 and all(t.endswith(e) for t, e in zip(revision_labels, earlier, strict=True))
    table = render_table(series, content, "en")
    assert all(f">{figure.value:,}<" in table for figure in charted)


def test_revised_points_keep_both_figures_readable(content):
    """FY2012 firearms (58 revised to 55) and FY2015 all uses (768 to 756): the new figure and the
    revision label are both drawn, beside their points, not under the hollow earlier figure."""
    for metric, year, new, earlier in (("uof-firearm", 2012, "55", "58"), ("uof-total", 2015, "756", "768")):
        svg = render_chart(build_series(content, metric), "es")
        root = ET.fromstring(svg)
        (revision,) = [g for g in root.iter(f"{SVG}g") if g.get("data-year") == str(year)
                       and g.get("class") == "kit-stat-revision"]
        circle = revision.find(f"{SVG}circle")
        cx, cy = float(circle.get("cx")), float(circle.get("cy"))
        label = revision.find(f"{SVG}text")
        assert label.text == f"corregida; antes {earlier}"
        box = label_box(float(label.get("x")), float(label.get("y")), label.text, float(label.get("font-size")),
                        label.get("text-anchor"))
        leader = revision.find(f"{SVG}line[@stroke-width='1']")
        near = min(abs(box.x0 - cx), abs(box.x1 - cx)) < 40 and min(abs(box.y0 - cy), abs(box.y1 - cy)) < 40
        assert near and (leader is None or abs(float(leader.get("x1")) - cx) < 9), "label beside its circle"
        (point,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "kit-stat-point"
                    and g.get("data-year") == str(year)]
        assert point.find(f"{SVG}text").text == new
