"""The row validator shared by every way in: raw rows (strings from CSV, JSON values, Parquet values) ->
typed columns and row errors with a code; values of personal fields never appear in an error.

>>> from tangkas.rows.entities import POSTINGS
>>> row, errors = validate_row(POSTINGS, {"source": "x", "external_id": "1", "title": "Kasir",
...                                       "salary_min": "-5"}, 2)
>>> [(e.row, e.field, e.code) for e in errors]
[(2, 'salary_min', 'range')]
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from typing import Any

from tangkas.errors import UnknownConceptError
from tangkas.rows.fields import MAX_TEXT, PARSERS, Field, FieldType, Spec, control_character
from tangkas.rows.report import ErrorCode, RowError, RowReport, UnknownColumnsError
from tangkas.taxonomy import load_taxonomy

Known = Callable[[str, str], bool]
"""``known(field, uri)``: whether a taxonomy reference in a URI-list field exists."""


def _checker(field: Field) -> Callable[[Any], ErrorCode | None] | None:
    """One function with the field's checks, or None when it has none."""
    if field.choices is None and field.minimum is None and field.maximum is None and field.pattern is None:
        return None
    low = field.minimum if field.minimum is not None else float("-inf")
    high = field.maximum if field.maximum is not None else float("inf")

    def check(value: Any) -> ErrorCode | None:
        if field.choices is not None and value not in field.choices:
            return "choice"
        if (field.minimum is not None or field.maximum is not None) and not low <= value <= high:
            return "range"
        if field.pattern is not None and not field.pattern.match(value):
            return "format"
        return None

    return check


def _shown(field: Field, value: Any) -> str:
    """The culprit value for an error: never a personal field's, never a control character."""
    if field.personal:
        return ""
    return _SHOWN_CONTROL.sub("?", str(value)[:40])


_SHOWN_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _error(field: Field, row: int, code: ErrorCode, value: Any = None) -> RowError:
    """A field's error with what the field accepts; the value only where it may be shown."""
    detail = "" if value is None else _shown(field, value)
    allowed = field.type if code == "type" else field.allowed if code in _RULES else ""
    return RowError(row, field.name, code, detail, allowed)


_RULES = frozenset({"choice", "range", "format"})


def validate_columns(
    spec: Spec,
    columns: Mapping[str, Sequence[Any]],
    size: int,
    first_row: int,
    known: Known | None = None,
    seen: set[object] | None = None,
) -> tuple[dict[str, list[Any]], list[RowError], set[int]]:
    """Typed columns, errors (in row order) and the positions of bad rows, for one batch of rows.

    Works column by column: one parser and one checker per field, so a million rows validate in seconds.
    A spec with a ``row_check`` (courses) goes row by row through it instead; ``seen`` carries the keys
    of earlier batches of the same file, for its duplicate check.
    """
    if spec.row_check is not None:
        uris = None if known is None else _KnownSkills(known)
        typed, problems, rejected = spec.row_check(
            spec, columns, size, first_row, uris, set() if seen is None else seen
        )
        problems += bounds_errors(spec, typed, first_row, rejected)
        return typed, sorted(problems, key=lambda e: e.row), rejected
    values: dict[str, list[Any]] = {}
    errors: list[RowError] = []
    bad: set[int] = set()
    for field in spec.fields:
        raw = columns.get(field.name)
        if raw is None:
            values[field.name] = [field.default] * size
            if field.required:
                errors += [_error(field, first_row + i, "required") for i in range(size)]
                bad.update(range(size))
            continue
        parse, check, column = PARSERS[field.type], _checker(field), [field.default] * size
        for i, value in enumerate(raw):
            if value is None or (value.__class__ is str and not value.strip()):
                if field.required:
                    errors.append(_error(field, first_row + i, "required"))
                    bad.add(i)
                continue
            try:
                parsed = parse(value)
            except (ValueError, TypeError, OverflowError):
                errors.append(_error(field, first_row + i, "type", value))
                bad.add(i)
                continue
            if parsed.__class__ is str:
                control = control_character(parsed)
                if control is not None:
                    errors.append(RowError(first_row + i, field.name, "control", control))
                    bad.add(i)
                    continue
                if len(parsed) > MAX_TEXT:
                    errors.append(RowError(first_row + i, field.name, "too_long", allowed=str(MAX_TEXT)))
                    bad.add(i)
                    continue
            problem = check(parsed) if check else None
            if problem:
                errors.append(_error(field, first_row + i, problem, parsed))
                bad.add(i)
            column[i] = parsed
        values[field.name] = column
    errors += _cross_checks(spec, values, first_row, known, bad)
    order = {f.name: n for n, f in enumerate(spec.fields)}
    errors.sort(key=lambda e: (e.row, order.get(e.field, len(order))))
    return values, errors, bad


def _cross_checks(
    spec: Spec, values: Mapping[str, list[Any]], first_row: int, known: Known | None, bad: set[int]
) -> list[RowError]:
    errors: list[RowError] = []
    for name in spec.uri_lists:
        for i, value in enumerate(values[name]):
            for uri in split_uris(value):
                if known is not None and not known(name, uri):
                    shown = "" if spec.field(name).personal else uri[:80]
                    errors.append(RowError(first_row + i, name, "unknown_concept", shown))
                    bad.add(i)
    if "salary_min" in values:
        for i, (low, high) in enumerate(zip(values["salary_min"], values["salary_max"], strict=True)):
            if low is not None and high is not None and low > high:
                errors.append(RowError(first_row + i, "salary_max", "order"))
                bad.add(i)
    for rule in spec.rules:
        errors += rule(values, first_row, bad)
    return errors


def bounds_errors(
    spec: Spec, values: Mapping[str, Sequence[Any]], first_row: int, bad: set[int]
) -> list[RowError]:
    """Range errors of the typed values of good rows (for specs whose ``row_check`` has its own rules:
    the field bounds hold for every entity, whoever checked the row)."""
    errors: list[RowError] = []
    for field in spec.fields:
        if field.type not in ("int", "float") or (field.minimum is None and field.maximum is None):
            continue
        low = float("-inf") if field.minimum is None else field.minimum
        high = float("inf") if field.maximum is None else field.maximum
        for i, value in enumerate(values[field.name]):
            if i not in bad and value is not None and not low <= value <= high:
                errors.append(_error(field, first_row + i, "range", value))
                bad.add(i)
    return errors


def check_columns(spec: Spec, names: Iterable[str], report: RowReport) -> None:
    """Raise :class:`UnknownColumnsError` when ``names`` (a file's header, the keys of JSON rows or an
    API body) hold a column ``spec`` does not know: a misspelt or mis-capitalised column (``NIK``,
    ``Full_Name``) would otherwise be dropped and its values lost without a word. An error names the
    column meant where one is close; a header naming no known column at all is reported without its
    names, as it is most likely a first data row (a file without header), which may be personal.

    >>> from tangkas.rows.entities import WORKERS
    >>> try:
    ...     check_columns(WORKERS, ["source", "NIK", "Full_Name"], RowReport("workers", "w.csv"))
    ... except UnknownColumnsError as error:
    ...     print(*error.args[0].split("; "), sep="\\n")
    w.csv: column 'NIK' is not known
    did you mean 'nik'?
    column 'Full_Name' is not known
    did you mean 'full_name'?
    nothing was imported
    """
    names = [name for name in dict.fromkeys(names) if name]
    unknown = [name for name in names if name not in spec.columns]
    if not unknown:
        return
    known = ", ".join(spec.names)
    if len(unknown) == len(names):
        report.add_errors([RowError(0, "-", "no_header", allowed=known)])
        raise UnknownColumnsError(report)
    folded = {_folded(name): name for name in spec.columns}
    errors = []
    for name in unknown:
        meant = folded.get(_folded(name))
        if meant is None:
            close = difflib.get_close_matches(_folded(name), list(folded), n=1, cutoff=0.8)
            meant = folded[close[0]] if close else None
        shown = _SHOWN_CONTROL.sub("?", name[:80])
        if meant is None:
            errors.append(RowError(0, shown, "column", allowed=known))
        else:
            errors.append(RowError(0, shown, "column_case", allowed=meant))
    report.add_errors(errors)
    raise UnknownColumnsError(report)


def _folded(name: str) -> str:
    return "_".join(re.split(r"[\s._\-]+", name.strip().lower())).strip("_")


class _KnownSkills(Container[str]):
    """A ``known(field, uri)`` taxonomy check as the container of skill URIs the catalog's rules ask."""

    def __init__(self, known: Known) -> None:
        self.known = known

    def __contains__(self, uri: object) -> bool:
        return isinstance(uri, str) and self.known("skills", uri)


def validate_row(
    spec: Spec, raw: Mapping[str, Any], row: int, known: Known | None = None
) -> tuple[dict[str, Any], list[RowError]]:
    """Typed values for one row and its errors; ``known(field, uri)`` checks taxonomy references."""
    columns, errors, _ = validate_columns(spec, {k: [v] for k, v in raw.items()}, 1, row, known)
    return {name: column[0] for name, column in columns.items()}, errors


def split_uris(value: Any) -> list[str]:
    """The URIs of a ``;``-separated field.

    >>> split_uris("a; b;;"), split_uris(None)
    (['a', 'b'], [])
    """
    if not value:
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


OCCUPATION_FIELDS = frozenset({"occupations", "occupation_uri", "placed_occupation_uri"})
"""The URI-list fields that name occupations; the others name skills."""


def taxonomy_check(spec: Spec) -> Known | None:
    """The ``known(field, uri)`` check of a spec's URI-list fields against the shipped taxonomy (courses
    name skills by ESCO URI only; workers and postings may use any identifier the taxonomy resolves)."""
    if not spec.uri_lists:
        return None
    tax = load_taxonomy()

    def known(field_name: str, identifier: str) -> bool:
        if spec.kind == "courses":
            return identifier in tax.skill_index
        try:
            if field_name in OCCUPATION_FIELDS:
                tax.occupation(identifier)
            else:
                tax.skill(identifier)
        except UnknownConceptError:
            return False
        return True

    return known


JSON_TYPES: dict[FieldType, tuple[type, ...]] = {
    "text": (str,),
    "int": (int, float),
    "float": (int, float),
    "bool": (bool,),
    "date": (str,),
}
"""The JSON values a field takes in an API body (an integer must also be whole)."""


def json_type_errors(spec: Spec, rows: Sequence[Mapping[str, Any]], first_row: int = 1) -> list[RowError]:
    """Errors for values of the wrong JSON type in API rows: JSON says what a value is, so a number
    where text belongs is refused rather than turned into text (a NIK sent as a number has already lost
    its last digits), and text is not read as a number or yes/no. Files keep their own reading rules.

    >>> from tangkas.rows.entities import WORKERS
    >>> [(e.row, e.field, e.allowed) for e in json_type_errors(WORKERS, [{"nik": 3273012345678901}])]
    [(1, 'nik', 'text')]
    >>> json_type_errors(WORKERS, [{"birth_year": 1990.0, "bpjs_kesehatan": True, "city": None}])
    []
    """
    types = {field.name: field.type for field in spec.fields}
    errors = []
    for i, row in enumerate(rows):
        for name, value in row.items():
            kind = types.get(name)
            if kind is None or value is None:
                continue
            wrong = not isinstance(value, JSON_TYPES[kind]) or (isinstance(value, bool) and kind != "bool")
            if not wrong and kind == "int" and isinstance(value, float):
                wrong = not value.is_integer()
            if wrong:
                errors.append(RowError(first_row + i, name, "type", allowed=kind))
    return errors
