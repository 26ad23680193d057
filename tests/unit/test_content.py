"""Tier 1: the loader and validator, on real fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.content import ContentInvalid, check_content, content_roots, load_content
from kit.model import EvidenceLevel, Text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"


def messages(errors) -> list[str]:
    """Return errors as the strings ``kit check`` prints."""
    return [str(error) for error in errors]


def test_shipped_content_loads_as_frozen_records():
    """The kit's own content loads; records cannot be changed."""
    content = load_content([])
    term = content.glossary["use-of-force"]
    assert term.term.es == "uso de la fuerza"
    assert term.citations[0].evidence is EvidenceLevel.SECONDARY
    with pytest.raises(Exception, match="frozen"):
        term.id = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        content.sources["new"] = None  # type: ignore[index]


def test_yaml_syntax_error_is_reported_with_file_and_line():
    """A broken YAML file gives path:LINE: and nothing is loaded."""
    (error,) = messages(check_content([FIXTURES / "yaml-syntax"]))
    # The wording after this comes from the YAML parser (libyaml or PyYAML's own).
    assert "yaml-syntax/broken.yaml:8: YAML syntax error: while parsing a block mapping; " in error
    with pytest.raises(ContentInvalid):
        load_content([FIXTURES / "yaml-syntax"])


def test_every_problem_is_reported_in_one_run_with_its_line():
    """Unknown field, missing field, duplicate ids, dangling reference, bad values: all at once."""
    errors = messages(check_content([FIXTURES / "many-problems"]))
    expected = [
        ("glossary.yaml:8:", "citations[0].source: no sources record with id 'no-such-source'"),
        ("glossary.yaml:17:", "citations[0].evidence: Input should be 'primary', 'secondary' or 'unverified'"),
        ("sources.yaml:10:", "unknown field 'pubisher'"),
        ("sources.yaml:11:", "duplicate sources id 'fixture-report-2020' (first defined at "),
        ("sources.yaml:18:", "duplicate sources id 'lnuf-2019' (first defined at "),
        ("sources.yaml:25:", "'Fixture_Bad_Id' is not a kebab-case id"),
        ("sources.yaml:25:", "missing field 'issuer'"),
        ("sources.yaml:28:", "'05/2020' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ]
    assert len(errors) == len(expected), "\n".join(errors)
    for error, (where, what) in zip(errors, expected, strict=True):
        assert f"many-problems/{where}" in error and what in error, error


def test_unknown_field_suggests_the_close_name(tmp_path):
    """A misspelt field names the field it probably meant."""
    (tmp_path / "s.yaml").write_text(
        "sources:\n  - id: x-1\n    title: {en: T, es: T}\n    issuer: I\n    type: report\n"
        "    date: '2020'\n    url: https://example.org\n    language: [en]\n    isuer: typo\n",
        encoding="utf-8",
    )
    (error,) = messages(check_content([tmp_path]))
    assert error.endswith("s.yaml:9: sources 'x-1': unknown field 'isuer' (did you mean 'issuer'?)")


def test_strict_mode_requires_both_languages():
    """An English-only text passes a normal check and fails --strict, naming the field."""
    path = FIXTURES / "english-only"
    assert check_content([path]) == []
    (error,) = messages(check_content([path], strict=True))
    assert error.endswith("glossary.yaml:3: glossary 'fixture-english-only': term: no Spanish text ('es')")


def test_content_path_variable_adds_a_trainer_pack(monkeypatch, tmp_path):
    """KIT_CONTENT_PATH folders are loaded after the kit's own and obey the same rules."""
    (tmp_path / "pack.yaml").write_text(
        "glossary:\n  - id: pack-term\n    term: {en: pack term, es: término del paquete}\n"
        "    definition: {en: From a trainer's pack., es: De un paquete del instructor.}\n"
        "    citations: [{source: lnuf-2019, locator: art. 1, evidence: unverified}]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("KIT_CONTENT_PATH", f"{tmp_path}:")
    assert content_roots()[1] == tmp_path
    assert "pack-term" in load_content().glossary


def test_missing_content_folder_is_an_error(tmp_path):
    """A KIT_CONTENT_PATH entry that does not exist is reported, not ignored."""
    (error,) = messages(check_content([tmp_path / "nowhere"]))
    assert error.endswith("nowhere:1: no such content file or folder")


def test_unknown_kind_and_non_list_are_errors(tmp_path):
    """A top-level key that is no content kind, or a kind that is not a list, is reported."""
    (tmp_path / "k.yaml").write_text("scenaros: []\nsources: {id: x}\n", encoding="utf-8")
    errors = messages(check_content([tmp_path]))
    assert errors[0].endswith(
        "k.yaml:1: unknown content kind 'scenaros' (known: dimensions, glossary, instruments, partners, places, "
        "practices, provisions, scenarios, sources, statistics, statistics-caveats)"
    )
    assert errors[1].endswith("k.yaml:2: 'sources' must be a list of records")


def test_duplicate_key_in_one_record_is_an_error(tmp_path):
    """YAML would silently keep the last of two equal keys; the kit reports it."""
    (tmp_path / "d.yaml").write_text(
        "glossary:\n  - id: dup\n    id: dup-again\n", encoding="utf-8"
    )
    assert any("d.yaml:3: duplicate key 'id' (first at line 2)" in e for e in messages(check_content([tmp_path])))


def test_text_falls_back_to_the_other_language():
    """A text missing one language shows the other rather than nothing."""
    assert Text(en="only English").get("es") == "only English"
    assert Text(en="a", es="b").get("es") == "b"
    assert Text(es="solo").missing() == ("en",)
    with pytest.raises(ValueError, match="at least one language"):
        Text()


def test_valid_content_is_cached_and_an_edit_misses_the_cache(tmp_path, monkeypatch):
    """The second load comes from the cache; editing a file (or breaking it) is seen at once."""
    import os

    from kit import content as content_module

    monkeypatch.setenv("KIT_DATA_DIR", str(tmp_path / "data"))
    pack = tmp_path / "pack"
    pack.mkdir()
    term = (
        "glossary:\n  - id: cached-term\n    term: {en: cached, es: en caché}\n"
        "    definition: {en: A term., es: Un término.}\n"
        "    citations: [{source: lnuf-2019, locator: art. 1, evidence: unverified}]\n"
    )
    (pack / "t.yaml").write_text(term, encoding="utf-8")
    first = load_content([pack])
    assert list((tmp_path / "data" / "cache").glob("content-*.pickle"))
    assert content_module._read_cache(content_roots([pack]), False) is not None
    assert load_content([pack]).glossary["cached-term"] == first.glossary["cached-term"]
    path = pack / "t.yaml"
    path.write_text(term.replace("cached-term", "edited-term"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert "edited-term" in load_content([pack]).glossary
    path.write_text("glossary: [", encoding="utf-8")
    with pytest.raises(ContentInvalid):
        load_content([pack])
