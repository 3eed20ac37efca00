"""Field specifications of the importable entities and the row validator shared by all file formats.

A validator turns one raw row (strings from CSV, JSON values, Parquet values) into typed values or
row errors with a code; values of personal fields never appear in an error.

>>> row, errors = validate_row(SPECS["postings"], {"source": "x", "external_id": "1", "title": "Kasir",
...                                              "salary_min": "-5"}, 2)
>>> [(e.row, e.field, e.code) for e in errors]
[(2, 'salary_min', 'range')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import pyarrow as pa

FieldType = Literal["text", "int", "float", "bool", "date"]
ErrorCode = Literal["required", "type", "choice", "range", "unknown_concept", "format", "order", "row"]
ARROW_TYPES: dict[FieldType, pa.DataType] = {
    "text": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}
SQL_TYPES: dict[FieldType, str] = {
    "text": "TEXT",
    "int": "BIGINT",
    "float": "DOUBLE PRECISION",
    "bool": "BOOLEAN",
    "date": "DATE",
}
TRUE = {"1", "true", "yes", "ya", "y", "t"}
FALSE = {"0", "false", "no", "tidak", "n", "f", ""}
NIK = re.compile(r"^\d{16}$")


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: FieldType = "text"
    required: bool = False
    choices: frozenset[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    personal: bool = False
    pattern: re.Pattern[str] | None = None
    default: Any = None


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one field of one row (``row`` counts data rows from 1)."""

    row: int
    field: str
    code: ErrorCode
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Spec:
    """An importable entity: its table, fields, and the fields that identify a row."""

    kind: str
    table: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ("source", "external_id")
    uri_lists: tuple[str, ...] = ()

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(f.name, ARROW_TYPES[f.type]) for f in self.fields])


def _spec(kind: str, *fields: Field, uri_lists: tuple[str, ...] = ()) -> Spec:
    common = (Field("source", required=True), Field("external_id", required=True))
    return Spec(
        kind, kind, common + fields + (Field("synthetic", "bool", default=False),), uri_lists=uri_lists
    )


SPECS: dict[str, Spec] = {
    "postings": _spec(
        "postings",
        Field("title", required=True),
        Field("text"),
        Field("company"),
        Field("province_code"),
        Field("province"),
        Field("city"),
        Field("posted_date", "date"),
        Field("salary_min", "float", minimum=0),
        Field("salary_max", "float", minimum=0),
        Field("education"),
        Field("experience_min", "float", minimum=0, maximum=60),
        Field("category"),
        Field("url"),
        Field("occupation_uri"),
        Field("isco", pattern=re.compile(r"^\d{4}$")),
        uri_lists=("occupation_uri",),
    ),
    "workers": _spec(
        "workers",
        Field("office_code", required=True),
        Field("full_name", required=True, personal=True),
        Field("nik", personal=True, pattern=NIK),
        Field("phone", personal=True),
        Field("gender", choices=frozenset({"F", "M", "X"})),
        Field("birth_year", "int", minimum=1930, maximum=2015),
        Field("province_code"),
        Field("city"),
        Field("occupations"),
        Field("skills"),
        Field(
            "migrant_status", choices=frozenset({"none", "prospective", "current", "returned"}), personal=True
        ),
        Field("placement_country", personal=True),
        Field("bpjs_ketenagakerjaan", "bool", personal=True),
        Field("bpjs_kesehatan", "bool", personal=True),
        uri_lists=("occupations", "skills"),
    ),
    "courses": _spec(
        "courses",
        Field("provider", required=True),
        Field("provider_kind", choices=frozenset({"BLK", "LPK", "online"})),
        Field("title_id", required=True),
        Field("title_en"),
        Field("skills", required=True),
        Field("hours", "float", required=True, minimum=0.5, maximum=5000),
        Field("cost_idr", "float", required=True, minimum=0),
        Field("mode", required=True, choices=frozenset({"online", "offline", "hybrid"})),
        Field("province_code"),
        Field("city"),
        Field("start_date", "date"),
        Field("certification"),
        Field("capacity", "int", minimum=0),
        Field("prakerja", "bool", default=False),
        uri_lists=("skills",),
    ),
}


def _text(value: Any) -> str:
    return str(value).strip()


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE or text in FALSE:
        return text in TRUE
    raise ValueError(value)


def _int(value: Any) -> int:
    number = float(value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _float(value: Any) -> float:
    number = float(value.replace(",", "")) if isinstance(value, str) else float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(value)
    return number


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


PARSERS: dict[FieldType, Callable[[Any], Any]] = {
    "text": _text,
    "bool": _bool,
    "int": _int,
    "float": _float,
    "date": _date,
}


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


def validate_columns(
    spec: Spec,
    columns: Mapping[str, Sequence[Any]],
    size: int,
    first_row: int,
    known: Callable[[str, str], bool] | None = None,
) -> tuple[dict[str, list[Any]], list[RowError], set[int]]:
    """Typed columns, errors (in row order) and the positions of bad rows, for one batch of rows.

    Works column by column: one parser and one checker per field, so a million rows validate in seconds.
    """
    values: dict[str, list[Any]] = {}
    errors: list[RowError] = []
    bad: set[int] = set()
    for field in spec.fields:
        raw = columns.get(field.name)
        if raw is None:
            values[field.name] = [field.default] * size
            if field.required:
                errors += [RowError(first_row + i, field.name, "required") for i in range(size)]
                bad.update(range(size))
            continue
        parse, check, column = PARSERS[field.type], _checker(field), [field.default] * size
        for i, value in enumerate(raw):
            if value is None or (value.__class__ is str and not value.strip()):
                if field.required:
                    errors.append(RowError(first_row + i, field.name, "required"))
                    bad.add(i)
                continue
            try:
                parsed = parse(value)
            except (ValueError, TypeError):
                errors.append(
                    RowError(first_row + i, field.name, "type", "" if field.personal else str(value)[:40])
                )
                bad.add(i)
                continue
            problem = check(parsed) if check else None
            if problem:
                errors.append(
                    RowError(first_row + i, field.name, problem, "" if field.personal else str(parsed)[:40])
                )
                bad.add(i)
            column[i] = parsed
        values[field.name] = column
    errors += _cross_checks(spec, values, size, first_row, known, bad)
    order = {f.name: n for n, f in enumerate(spec.fields)}
    errors.sort(key=lambda e: (e.row, order.get(e.field, len(order))))
    return values, errors, bad


def _cross_checks(
    spec: Spec,
    values: Mapping[str, list[Any]],
    size: int,
    first_row: int,
    known: Callable[[str, str], bool] | None,
    bad: set[int],
) -> list[RowError]:
    errors: list[RowError] = []
    for name in spec.uri_lists:
        for i, value in enumerate(values[name]):
            for uri in _uris(value):
                if known is not None and not known(name, uri):
                    errors.append(RowError(first_row + i, name, "unknown_concept", uri[:80]))
                    bad.add(i)
    if "salary_min" in values:
        for i, (low, high) in enumerate(zip(values["salary_min"], values["salary_max"], strict=True)):
            if low is not None and high is not None and low > high:
                errors.append(RowError(first_row + i, "salary_max", "order"))
                bad.add(i)
    return errors


def validate_row(
    spec: Spec, raw: Mapping[str, Any], row: int, known: Callable[[str, str], bool] | None = None
) -> tuple[dict[str, Any], list[RowError]]:
    """Typed values for one row and its errors; ``known(field, uri)`` checks taxonomy references."""
    columns, errors, _ = validate_columns(spec, {k: [v] for k, v in raw.items()}, 1, row, known)
    return {name: column[0] for name, column in columns.items()}, errors


def _uris(value: Any) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]
