"""The one loader and validator of the kit's content.

Content is YAML under ``kit/content/`` (package data, found through ``importlib.resources``)
plus any folders named in ``KIT_CONTENT_PATH`` (``:``-separated), e.g. a trainer's own pack.
Each YAML file maps content kinds (``sources``, ``glossary``, …; see :data:`kit.model.KINDS`)
to lists of records. A ``.csv`` file is a table of the one tabular kind, ``statistics``: the
header row names the fields, each further row is one record, an empty cell is an absent field.
Validation runs over everything and reports every problem at once as ``path:line: message``;
:func:`load_content` returns records only when there is none.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import os
import pickle
import tempfile
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from kit.model import KINDS, Record, Ref, Text

CONTENT_PATH_VARIABLE = "KIT_CONTENT_PATH"
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
_FRIENDLY_PATTERNS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "is not a kebab-case id (lower-case letters and digits "
    "joined by hyphens, e.g. 'cbp-hb-4500-01c')",
    r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$": "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
    r"^https?://\S+$": "is not an http(s) address",
}

Location = tuple[str | int, ...]

# libyaml's parser is several times faster than PyYAML's pure-Python one and keeps line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, at a file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentInvalid(Exception):
    """Raised by :func:`load_content` when the content has errors; holds all of them."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors: tuple[ContentError, ...] = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class Content:
    """All validated content: records by kind and id, and where each was defined."""

    records: Mapping[str, Mapping[str, Record]]
    origins: Mapping[tuple[str, str], tuple[str, int]] = field(default_factory=dict)

    @property
    def sources(self) -> Mapping[str, Any]:
        """The source registry, by id."""
        return self.records["sources"]

    @property
    def glossary(self) -> Mapping[str, Any]:
        """Glossary terms, by id."""
        return self.records["glossary"]

    @property
    def instruments(self) -> Mapping[str, Any]:
        """Use-of-force instruments, by id."""
        return self.records["instruments"]

    @property
    def dimensions(self) -> Mapping[str, Any]:
        """Comparison dimensions, by id, in codebook order."""
        return self.records["dimensions"]

    @property
    def provisions(self) -> Mapping[str, Any]:
        """Provisions (cells), by ``instrument/dimension``."""
        return self.records["provisions"]

    def origin(self, kind: str, record_id: str) -> str:
        """Return ``path:line`` where a record was defined."""
        path, line = self.origins[(kind, record_id)]
        return f"{path}:{line}"


def builtin_content_root() -> Path:
    """Return the folder of the content shipped with the kit."""
    return Path(str(files("kit").joinpath("content")))


def content_roots(extra: Iterable[str | os.PathLike[str]] | None = None, builtin: bool = True) -> list[Path]:
    """Return the content folders to load: the kit's own, then ``KIT_CONTENT_PATH``'s.

    Parameters
    ----------
    extra:
        Folders or files to use instead of those named by ``KIT_CONTENT_PATH``.
    builtin:
        Include the kit's own content (tests of self-contained fixtures turn it off).
    """
    if extra is None:
        extra = [p for p in os.environ.get(CONTENT_PATH_VARIABLE, "").split(":") if p.strip()]
    return [*([builtin_content_root()] if builtin else []), *(Path(p) for p in extra)]


def check_content(
    paths: Iterable[str | os.PathLike[str]] | None = None, *, strict: bool = False, builtin: bool = True
) -> list[ContentError]:
    """Validate the content and return every problem found, sorted by file and line.

    Parameters
    ----------
    paths:
        Extra content folders or files (default: ``KIT_CONTENT_PATH``); the kit's own content
        is always included, so references into it resolve.
    strict:
        Also require every text in both languages and every instrument coded on every
        dimension.
    builtin:
        Include the kit's own content (default).
    """
    return sorted(_validate(content_roots(paths, builtin), strict=strict)[1])


def load_content(
    paths: Iterable[str | os.PathLike[str]] | None = None, *, strict: bool = False, builtin: bool = True
) -> Content:
    """Load and validate the content; raise :class:`ContentInvalid` listing every problem.

    Parameters
    ----------
    paths, strict, builtin:
        As for :func:`check_content`.
    """
    roots = content_roots(paths, builtin)
    cached = _read_cache(roots, strict)
    if cached is not None:
        return cached
    content, errors = _validate(roots, strict=strict)
    if errors:
        raise ContentInvalid(sorted(errors))
    _write_cache(roots, strict, content)
    return content


# --- a cache of validated content ----------------------------------------------------------
# Each app kernel loads the content once; parsing and validating ~1 MB of YAML costs about
# 0.4 s of a page's start. Valid content is kept in the data folder under a key made of the
# kit's own loader code and every content file's path, size and modification time, so any
# edit (or a new kit version) misses the cache. Invalid content is never cached.

CACHE_VARIABLE = "KIT_CONTENT_CACHE"


def _cache_path(roots: list[Path], strict: bool) -> Path | None:
    if os.environ.get(CACHE_VARIABLE, "1") == "0":
        return None
    from kit.paths import data_dir

    digest = hashlib.sha256(f"v1 strict={strict}".encode())
    for module in ("content.py", "model.py", "scenarios.py", "statistics.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    for root in roots:
        if not root.exists():
            return None
        for path in _content_files(root):
            stat = path.stat()
            digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return data_dir() / "cache" / f"content-{digest.hexdigest()[:24]}.pickle"


def _read_cache(roots: list[Path], strict: bool) -> Content | None:
    try:
        path = _cache_path(roots, strict)
        if path is None or not path.is_file():
            return None
        records, origins = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a broken cache is only a miss
        return None
    frozen = {kind: MappingProxyType(by_id) for kind, by_id in records.items()}
    return Content(records=MappingProxyType(frozen), origins=MappingProxyType(origins))


def _write_cache(roots: list[Path], strict: bool, content: Content) -> None:
    try:
        path = _cache_path(roots, strict)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(({k: dict(v) for k, v in content.records.items()}, dict(content.origins)))
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
        for old in path.parent.glob("content-*.pickle"):
            if old != path and old.stat().st_mtime < path.stat().st_mtime - 3600:
                old.unlink(missing_ok=True)
    except OSError:
        return


# --- reading YAML with line numbers -------------------------------------------------------


def _display_path(path: Path) -> str:
    """A path as a person would look for it: relative to the working folder or the kit's root."""
    resolved = path.resolve()
    for base in (Path.cwd(), builtin_content_root().parent.parent):
        try:
            return str(resolved.relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def _content_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        if path.suffix in (".yaml", ".yml", ".csv") and path.is_file():
            yield path


def _parse_yaml(path: Path, shown: str) -> tuple[Any, dict[Location, int], list[ContentError]]:
    """Parse one file into plain data plus the line of every key and list item."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, {}, [ContentError(shown, 1, f"not UTF-8 text ({exc.reason})")]
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = "; ".join(str(p) for p in (exc.context, exc.problem) if p)
        return None, {}, [ContentError(shown, mark.line + 1 if mark else 1, f"YAML syntax error: {detail}")]
    except yaml.YAMLError as exc:
        return None, {}, [ContentError(shown, 1, f"YAML error: {exc}")]
    finally:
        loader.dispose()
    lines: dict[Location, int] = {(): 1}
    errors: list[ContentError] = []
    if node is None:
        return {}, lines, errors
    data = _node_to_data(node, (), lines, errors, shown, _LOADER(""))
    return data, lines, errors


def _node_to_data(node, loc, lines, errors, shown, constructor) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                errors.append(ContentError(shown, key_line, f"key {key!r} must be text"))
                continue
            if key == "<<":
                errors.append(ContentError(shown, key_line, "YAML merge keys ('<<') are not supported"))
                continue
            if key in data:
                first = lines[(*loc, key)]
                errors.append(ContentError(shown, key_line, f"duplicate key '{key}' (first at line {first})"))
                continue
            lines[(*loc, key)] = key_line
            data[key] = _node_to_data(value_node, (*loc, key), lines, errors, shown, constructor)
        return data
    if isinstance(node, yaml.SequenceNode):
        return [
            _node_to_data(item, (*loc, index), lines, errors, shown, constructor)
            for index, item in enumerate(node.value)
        ]
    value = constructor.construct_object(node)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _line_of(lines: Mapping[Location, int], loc: Location) -> int:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- reading CSV tables with line numbers -------------------------------------------------

TABULAR_KIND = "statistics"
"""The content kind a ``.csv`` file holds."""


def _parse_csv(path: Path, shown: str) -> tuple[list[tuple[int, dict[str, str]]], list[ContentError]]:
    """Parse one CSV table into ``(line, {field: cell})`` rows, empty cells left out.

    The header must name fields of the tabular kind; a row's line is where it starts, so a
    quoted cell spanning several lines does not shift the lines of the rows after it. Lines
    end only at line breaks (``\n``, ``\r\n``, ``\r``): a form feed, U+2028 or another
    character that ``str.splitlines`` would split on stays inside its cell.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [ContentError(shown, 1, f"not UTF-8 text ({exc.reason})")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    errors: list[ContentError] = []
    rows: list[tuple[int, dict[str, str]]] = []
    allowed = list(KINDS[TABULAR_KIND].model_fields)
    try:
        header = [name.strip() for name in next(reader, [])]
    except csv.Error as exc:
        return [], [ContentError(shown, 1, f"CSV syntax error: {exc}")]
    if not header:
        return [], [ContentError(shown, 1, f"a CSV file needs a header row naming {TABULAR_KIND} fields")]
    for index, name in enumerate(header):
        if name not in allowed:
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            errors.append(ContentError(shown, 1, f"unknown column '{name}'{hint}"))
        elif name in header[:index]:
            errors.append(ContentError(shown, 1, f"duplicate column '{name}'"))
    if errors:
        return [], errors
    previous_end = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(ContentError(shown, previous_end + 1, f"CSV syntax error: {exc}"))
            break
        line, previous_end = previous_end + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            errors.append(ContentError(shown, line, f"row has {len(cells)} cells; the header has {len(header)}"))
            continue
        rows.append((line, {name: cell.strip() for name, cell in zip(header, cells, strict=True) if cell.strip()}))
    return rows, errors


# --- validation ---------------------------------------------------------------------------


def _pydantic_message(error: Mapping[str, Any], model: type[BaseModel]) -> str:
    loc = error["loc"]
    kind = error["type"]
    where = _dotted(loc[:-1]) if loc else ""
    name = loc[-1] if loc else ""
    prefix = f"{where}: " if where else ""
    if kind == "missing":
        return f"{prefix}missing field '{name}'"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{prefix}unknown field '{name}'{hint}"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        text = _FRIENDLY_PATTERNS.get(pattern, f"does not match {pattern}")
        return f"{_dotted(loc)}: {error['input']!r} {text}"
    message = error["msg"].removeprefix("Value error, ")
    return f"{_dotted(loc)}: {message}" if loc else message


def _fields_at(model: type[BaseModel], loc: Location) -> list[str]:
    """Field names of the (sub)model found by following ``loc`` from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _record_type(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _record_type(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _record_type(arg)
        if found is not None:
            return found
    return None


def _refs_in(annotation: Any) -> tuple[Ref, ...]:
    """The :class:`Ref` markers inside a type, e.g. ``tuple[Annotated[Id, Ref("x")], ...]``."""
    found = tuple(m for m in getattr(annotation, "__metadata__", ()) if isinstance(m, Ref))
    for arg in typing.get_args(annotation):
        found += _refs_in(arg)
    return found


def _walk(value: Any, loc: Location) -> Iterator[tuple[Location, Any, tuple[Ref, ...]]]:
    """Yield ``(location, value, references)`` for every field (and list item) of a record.

    ``references`` are the kinds a value (or each item of a list value) must name an id of.
    """
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            refs = tuple(m for m in info.metadata if isinstance(m, Ref)) + _refs_in(info.annotation)
            yield (*loc, name), child, refs
            if isinstance(child, tuple | list) and refs:
                for index, item in enumerate(child):
                    if isinstance(item, str):
                        yield (*loc, name, index), item, refs
            yield from _walk(child, (*loc, name))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))


@dataclass
class _Validation:
    """One validation run: reads every file, then checks references across all of them."""

    strict: bool
    errors: list[ContentError] = field(default_factory=list)
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    origins: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    # Each valid record with its file, line map and location, for the checks after reading.
    placed: list[tuple[Record, str, str, Mapping[Location, int], Location]] = field(default_factory=list)

    def error(self, path: str, line: int, message: str) -> None:
        self.errors.append(ContentError(path, line, message))

    def read_root(self, root: Path) -> None:
        if not root.exists():
            self.error(_display_path(root), 1, "no such content file or folder")
            return
        for path in _content_files(root):
            self.read_file(path)

    def read_table(self, path: Path) -> None:
        """Read a CSV table: each row is validated like a YAML record, at its own line."""
        shown = _display_path(path)
        rows, parse_errors = _parse_csv(path, shown)
        self.errors.extend(parse_errors)
        lines: dict[Location, int] = {(): 1, (TABULAR_KIND,): 1}
        for index, (line, _item) in enumerate(rows):
            lines[(TABULAR_KIND, index)] = line
        for index, (_line, item) in enumerate(rows):
            self.read_item(TABULAR_KIND, index, item, shown, lines)

    def read_file(self, path: Path) -> None:
        if path.suffix == ".csv":
            self.read_table(path)
            return
        shown = _display_path(path)
        data, lines, parse_errors = _parse_yaml(path, shown)
        self.errors.extend(parse_errors)
        if data is None:
            return
        if not isinstance(data, dict):
            self.error(shown, 1, "a content file must map kinds (e.g. 'sources:') to lists")
            return
        for kind, items in data.items():
            if kind not in KINDS:
                known = ", ".join(sorted(KINDS))
                self.error(shown, lines[(kind,)], f"unknown content kind '{kind}' (known: {known})")
            elif not isinstance(items, list):
                self.error(shown, lines[(kind,)], f"'{kind}' must be a list of records")
            else:
                for index, item in enumerate(items):
                    self.read_item(kind, index, item, shown, lines)

    def read_item(self, kind: str, index: int, item: Any, shown: str, lines: Mapping[Location, int]) -> None:
        loc = (kind, index)
        line = _line_of(lines, loc)
        if not isinstance(item, dict):
            self.error(shown, line, f"{kind}[{index}] must be a mapping of fields")
            return
        model = KINDS[kind]
        record_id = model.record_key(item)
        if record_id is not None:
            # Ids are claimed even by invalid records, so a duplicate is reported too.
            if (kind, record_id) in self.origins:
                first_path, first_line = self.origins[(kind, record_id)]
                first = f"{first_path}:{first_line}"
                self.error(shown, line, f"duplicate {kind} id '{record_id}' (first defined at {first})")
                return
            self.origins[(kind, record_id)] = (shown, line)
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            label = f"{kind} '{record_id}'" if record_id is not None else f"{kind}[{index}]"
            for problem in _real_problems(exc.errors()):
                where = _line_of(lines, (*loc, *problem["loc"]))
                self.error(shown, where, f"{label}: {_pydantic_message(problem, model)}")
            return
        self.records[kind][record_id] = record  # type: ignore[index]
        self.placed.append((record, f"{kind} '{record_id}'", shown, lines, loc))

    def check_fields(self) -> None:
        """Check references (and, when strict, both languages) on every valid record."""
        for record, label, shown, lines, loc in self.placed:
            for problem_loc, message in record.cross_check(self.records):
                self.error(shown, _line_of(lines, (*loc, *problem_loc)), f"{label}: {message}")
            for field_loc, value, refs in _walk(record, ()):
                line = _line_of(lines, (*loc, *field_loc))
                for ref in refs:
                    if isinstance(value, str) and value not in self.records.get(ref.kind, {}):
                        where = _dotted(field_loc)
                        self.error(shown, line, f"{label}: {where}: no {ref.kind} record with id '{value}'")
                if self.strict and isinstance(value, Text):
                    for lang in value.missing():
                        name = LANGUAGE_NAMES[lang]
                        self.error(shown, line, f"{label}: {_dotted(field_loc)}: no {name} text ('{lang}')")
            if self.strict and hasattr(record, "strict_problems"):
                for problem_loc, message in record.strict_problems():
                    self.error(shown, _line_of(lines, (*loc, *problem_loc)), f"{label}: {message}")

    def check_completeness(self) -> None:
        """Every instrument is coded on every dimension (a missing cell is an error)."""
        provisions = self.records["provisions"]
        for instrument_id in self.records["instruments"]:
            missing = [d for d in self.records["dimensions"] if f"{instrument_id}/{d}" not in provisions]
            if missing:
                shown, line = self.origins[("instruments", instrument_id)]
                names = ", ".join(missing)
                self.error(shown, line, f"instruments '{instrument_id}': no provision for dimension(s) {names}")

    def content(self) -> Content:
        frozen = {kind: MappingProxyType(by_id) for kind, by_id in self.records.items()}
        origins = {key: where for key, where in self.origins.items() if key[1] in self.records[key[0]]}
        return Content(records=MappingProxyType(frozen), origins=MappingProxyType(origins))


def _real_problems(problems: list[Any]) -> Iterator[Any]:
    """Drop pydantic's 'too short' on a list whose items failed: only the items are wrong."""
    for problem in problems:
        shadowed = problem["type"] == "too_short" and any(
            other is not problem and other["loc"][: len(problem["loc"])] == problem["loc"] for other in problems
        )
        if not shadowed:
            yield problem


def _validate(roots: list[Path], *, strict: bool) -> tuple[Content, list[ContentError]]:
    validation = _Validation(strict=strict)
    for root in roots:
        validation.read_root(root)
    validation.check_fields()
    if strict:
        validation.check_completeness()
    return validation.content(), validation.errors
