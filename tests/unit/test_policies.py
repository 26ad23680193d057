"""Tier 1: the policy dataset's rules, the comparison API and PolicyExplorer, on fixtures.

The fixtures (tests/fixtures/content/policy-mini, policy-broken) are loaded without the
kit's own content, so these tests do not move when the shipped dataset is edited.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from kit import policies
from kit.apps import PolicyExplorer
from kit.content import check_content, load_content
from kit.policy_views import render_handout
from tests.expect import assert_reported

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"
MINI = FIXTURES / "policy-mini"


@pytest.fixture(scope="module")
def mini():
    """The miniature policy dataset."""
    return load_content([MINI], strict=True, builtin=False)


def test_bad_policy_content_is_reported_with_file_and_line():
    """Self-supersession, cycles, dangling dimension and source, code outside the vocabulary,
    missing citation, unknown without notes, missing Spanish: each is an error at its line."""
    errors = [str(e) for e in check_content([MINI, FIXTURES / "policy-broken"], strict=True, builtin=False)]
    expected = [
        ("broken.yaml:10:", "instrument 'broken-self' cannot supersede itself"),
        ("broken.yaml:19:", "supersession forms a cycle"),
        ("broken.yaml:28:", "supersession forms a cycle"),
        ("broken.yaml:32:", "dimension: no dimensions record with id 'no-such-dimension'"),
        ("broken.yaml:38:", "'very-strict' is not a code of dimension 'mini-threshold'"),
        ("broken.yaml:40:", "citations[0].source: no sources record with id 'no-such-source'"),
        ("broken.yaml:43:", "a cell coded 'strict' needs at least one citation"),
        ("broken.yaml:44:", "summary: no Spanish text ('es')"),
        ("broken.yaml:47:", "a cell coded 'unknown' needs notes saying what is missing"),
    ]
    assert_reported(errors, expected)
    missing_cells = [e for e in errors if "no provision for dimension(s) mini-vehicles" in e]
    assert len(missing_cells) == 3, "strict mode must require every instrument × dimension cell"


def test_a_missing_cell_is_only_an_error_in_strict_mode():
    """An incomplete trainer pack loads normally; --strict asks for every cell."""
    errors = check_content([MINI, FIXTURES / "policy-broken"], builtin=False)
    assert not any("no provision for dimension" in str(e) for e in errors)


def test_matrix_holds_labels_codes_and_evidence(mini):
    """The matrix is dimensions × instruments in the chosen language."""
    labels = policies.policy_matrix(mini, "es")
    assert list(labels.columns) == ["Antiguo", "Nuevo", "Ley"]
    assert labels.loc["Umbral", "Nuevo"] == "Estricto"
    codes = policies.policy_matrix(mini, "en", ["mini-law"], ["mini-vehicles"], value="code")
    assert codes.iloc[0, 0] == "restricted"
    evidence = policies.policy_matrix(mini, "en", value="evidence")
    assert evidence.loc["Vehicles", "Old"] == "unknown" and evidence.loc["Threshold", "New"] == "primary"
    with pytest.raises(policies.ComparisonError, match="no instrument with id nope"):
        policies.policy_matrix(mini, "en", ["nope"])


def test_side_by_side_lists_summaries_and_citations(mini):
    """Side by side: one row per chosen cell, with its sources and evidence."""
    frame = policies.side_by_side(mini, "en", ["mini-old", "mini-law"], ["mini-threshold"])
    assert list(frame["instrument"]) == ["Old", "Law"]
    assert frame.iloc[0]["citations"] == "Mini source A, p. 2 (primary)"
    assert frame.iloc[1]["evidence"] == "secondary"


def test_what_changed_within_a_lineage(mini):
    """Old → New: the threshold changed, vehicles stayed unknown; other pairs are refused."""
    assert policies.lineages(mini) == {"mini-line": ["mini-old", "mini-new"]}
    frame = policies.what_changed(mini, "en", "mini-old", "mini-new")
    changes = dict(zip(frame["dimension_id"], frame["change"], strict=True))
    assert changes == {"mini-threshold": "changed", "mini-vehicles": "unchanged"}
    assert len(policies.what_changed(mini, "en", "mini-old", "mini-new", changed_only=True)) == 1
    with pytest.raises(policies.ComparisonError, match="not versions of one instrument"):
        policies.what_changed(mini, "en", "mini-old", "mini-law")


def test_un_benchmark_rates_by_the_codebook(mini):
    """Ratings follow the dimension's UN mapping; dimensions without one are left out."""
    frame = policies.un_benchmark(mini, "en")
    assert set(frame["dimension_id"]) == {"mini-threshold"}
    ratings = dict(zip(frame["instrument_id"], frame["rating"], strict=True))
    assert ratings == {"mini-old": "partly-meets", "mini-new": "meets", "mini-law": "falls-short"}
    assert frame.iloc[0]["reason"].startswith("Loose: Loose rule.")


def test_coverage_counts_the_strongest_evidence_per_cell(mini):
    """A cell counts once, under its strongest citation; unknown cells count as unknown."""
    frame = policies.coverage(mini)
    assert frame.loc["mini-new", "primary"] == 0.5 and frame.loc["mini-new", "unknown"] == 0.5
    assert frame.loc["mini-law", "unverified"] == 0.5
    assert frame.loc["all", "cells"] == 6
    assert frame.loc["all", ["primary", "secondary", "unverified", "unknown"]].sum() == pytest.approx(1.0)


def test_timeline_orders_by_date_and_shows_supersession(mini):
    """Known dates first, oldest first; each row says what it replaces and what replaced it."""
    frame = policies.timeline(mini, "en")
    assert list(frame["instrument_id"]) == ["mini-old", "mini-new", "mini-law"]
    assert frame.iloc[0]["superseded_by"] == "New" and frame.iloc[1]["supersedes"] == "Old"


def test_open_data_rows_carry_both_languages(mini):
    """Export rows: one per cell with summary_en, summary_es, citations (with URL) and evidence."""
    rows = policies.provision_rows(mini)
    assert len(rows) == 6
    row = next(r for r in rows if r["instrument"] == "mini-new" and r["dimension"] == "mini-threshold")
    assert row["summary_es"] == "Regla estricta." and "https://example.org/b" in row["citations"]
    assert row["evidence"] == "primary"


def test_explorer_opens_a_cell_and_switches_language_keeping_the_choice(mini):
    """Choose two instruments, open a cell, switch to Spanish: same choice, Spanish detail."""
    app = PolicyExplorer(mini, "en")
    app.select(instruments=("mini-old", "mini-new"))
    app.open_cell("mini-new", "mini-threshold")
    detail = app._output.children[-1].value
    assert "Strict rule." in detail and "Mini source A" in detail and "Meets" in detail
    app._language.value = "es"
    assert app._instruments.value == ("mini-old", "mini-new")
    detail = app._output.children[-1].value
    assert "Regla estricta." in detail and "Cumple" in detail


def test_explorer_matrix_buttons_open_their_cell(mini):
    """Each matrix cell is a button labelled with its code; clicking it shows that cell."""
    app = PolicyExplorer(mini, "en")
    grid = app._output.children[1]
    buttons = [w for w in grid.children if hasattr(w, "click")]
    assert len(buttons) == 3 * 2
    target = next(b for b in buttons if "kit-cell-mini-law--mini-vehicles" in b._dom_classes)
    assert target.description == "Restricted"
    target.click()
    assert "Restricted." in app._output.children[-1].value


def test_explorer_views_and_downloads(mini):
    """Every view renders; the CSV follows the view and the handout is printable HTML."""
    app = PolicyExplorer(mini, "en")
    for view in ("side", "changes", "benchmark", "timeline", "coverage", "matrix"):
        app.select(view=view)
        assert app._output.children, view
        assert "Something went wrong" not in app._message.value
    app.select(view="benchmark")
    link = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', app._downloads.value)
    csv_text = base64.b64decode(link.group(1)).decode()
    assert csv_text.startswith("instrument,instrument_id,dimension,dimension_id,principles,rating,reason")


def test_handout_is_standalone_and_escaped(mini):
    """The handout has no script and no outside file, and states its language."""
    html = render_handout(mini, "es", ["mini-old", "mini-law"], ["mini-threshold"])
    assert html.startswith('<!DOCTYPE html><html lang="es">')
    assert "<script" not in html and "http://" not in html.replace("https://example.org", "")
    assert "Regla laxa." in html


def test_explorer_with_nothing_chosen_says_so(mini):
    """Clearing the instruments shows a prompt, not an error."""
    app = PolicyExplorer(mini, "en")
    app.select(instruments=())
    assert "Choose at least one instrument" in app._output.children[0].value


def test_superseding_an_instrument_that_does_not_exist_is_an_error(tmp_path):
    """An id inside a list of references (supersedes) is checked like a single reference."""
    text = (MINI / "policy.yaml").read_text(encoding="utf-8")
    text = text.replace("supersedes: [mini-old]", "supersedes: [mini-gone]")
    (tmp_path / "policy.yaml").write_text(text, encoding="utf-8")
    errors = [str(e) for e in check_content([tmp_path], builtin=False)]
    assert any("supersedes[0]: no instruments record with id 'mini-gone'" in e for e in errors), errors
