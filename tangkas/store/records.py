"""Field specifications of the importable entities and the row validator shared by all file formats.

A validator turns one raw row (strings from CSV, JSON values, Parquet values) into typed values or
row errors with a code; values of personal fields never appear in an error.

Courses are checked by the course catalog's own rules (:func:`tangkas.training.catalog.check_record`), so a
file ``tangkas catalog import`` accepts is accepted here and the other way round: the catalog's column
names (``id``, ``provider_name``, ``province`` ...) and the store's (``external_id``, ``provider``,
``province_code`` ...) both work, and problems carry the catalog's codes (``missing``, ``invalid``...).

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

from tangkas.training.catalog import Course, ProblemCode, Provider, check_record, duplicate_problem

FieldType = Literal["text", "int", "float", "bool", "date"]
FieldCode = Literal["required", "type", "choice", "range", "unknown_concept", "format", "order", "row"]
ErrorCode = FieldCode | ProblemCode
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
    rules: Literal["fields", "catalog"] = "fields"
    """``fields``: each field's own checks; ``catalog``: the course catalog's rules (``fields`` then only
    give the table's columns and types)."""

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(f.name, ARROW_TYPES[f.type]) for f in self.fields])


def _spec(
    kind: str,
    *fields: Field,
    uri_lists: tuple[str, ...] = (),
    rules: Literal["fields", "catalog"] = "fields",
) -> Spec:
    common = (Field("source", required=True), Field("external_id", required=True))
    return Spec(
        kind,
        kind,
        common + fields + (Field("synthetic", "bool", default=False),),
        uri_lists=uri_lists,
        rules=rules,
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
    # The columns of the courses table; rows are checked by tangkas.training.catalog.check_record.
    "courses": _spec(
        "courses",
        Field("provider"),
        Field("provider_kind"),
        Field("title_id"),
        Field("title_en"),
        Field("skills"),
        Field("hours", "float"),
        Field("cost_idr", "float"),
        Field("mode"),
        Field("province_code"),
        Field("city"),
        Field("start_date", "date"),
        Field("certification"),
        Field("capacity", "int"),
        Field("prakerja", "bool", default=False),
        Field("level"),
        uri_lists=("skills",),
        rules="catalog",
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
    seen: set[object] | None = None,
) -> tuple[dict[str, list[Any]], list[RowError], set[int]]:
    """Typed columns, errors (in row order) and the positions of bad rows, for one batch of rows.

    Works column by column: one parser and one checker per field, so a million rows validate in seconds.
    Specs with the catalog's rules go row by row instead (:func:`validate_courses`); ``seen`` carries
    the keys of earlier batches of the same file, for their duplicate check.
    """
    if spec.rules == "catalog":
        return validate_courses(spec, columns, size, first_row, known, set() if seen is None else seen)
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


class _KnownSkills:
    """A ``known(field, uri)`` taxonomy check as the container of skill URIs the catalog's rules ask."""

    def __init__(self, known: Callable[[str, str], bool]) -> None:
        self.known = known

    def __contains__(self, uri: object) -> bool:
        return isinstance(uri, str) and self.known("skills", uri)


def validate_courses(
    spec: Spec,
    columns: Mapping[str, Sequence[Any]],
    size: int,
    first_row: int,
    known: Callable[[str, str], bool] | None,
    seen: set[object],
) -> tuple[dict[str, list[Any]], list[RowError], set[int]]:
    """:func:`validate_columns` for courses: every row through :func:`tangkas.training.catalog.check_record`.

    ``source`` is optional: it defaults to the provider's id (``provider_id``, else its name), so a
    catalog file keeps one identity per provider and course. A second row with the same
    ``(source, id)`` in one file is a ``duplicate`` problem, as in the catalog.

    >>> row = {"id": "c1", "provider_name": "BLK Bandung", "title_id": "Las", "skills": "s1",
    ...        "hours": "160", "cost_idr": "0", "mode": "luring", "province": "Jawa Barat"}
    >>> values, errors, bad = validate_courses(SPECS["courses"], {k: [v, v] for k, v in row.items()}, 2, 1,
    ...                                        None, set())
    >>> values["source"][0], values["mode"][0], values["province_code"][0], values["provider_kind"][0]
    ('BLK Bandung', 'offline', '32', 'LPK')
    >>> [(e.row, e.field, e.code) for e in errors], bad
    ([(2, 'id', 'duplicate')], {1})
    """
    skills = None if known is None else _KnownSkills(known)
    values: dict[str, list[Any]] = {f.name: [f.default] * size for f in spec.fields}
    errors: list[RowError] = []
    bad: set[int] = set()
    names = list(columns)
    for i in range(size):
        record = {name: columns[name][i] for name in names}
        checked = check_record(record, first_row + i, skill_uris=skills)
        source = _source(record.get("source")) or checked.provider_id
        problems = list(checked.problems)
        duplicate = duplicate_problem(checked, (source, checked.id), seen)
        if duplicate is not None:
            problems.append(duplicate)
        if problems or checked.course is None:
            errors += [RowError(p.row, p.field, p.code, p.value) for p in problems]
            bad.add(i)
            continue
        for name, value in course_columns(checked.course, source).items():
            values[name][i] = value
    return values, errors, bad


def _source(value: Any) -> str:
    return "" if value is None else str(value).strip()


def course_columns(course: Course, source: str) -> dict[str, Any]:
    """A valid course as a row of the ``courses`` table (empty optional text is stored as NULL).

    >>> p = Provider("p", "LPK Maju", "LPK")
    >>> row = course_columns(Course("a", p, "Las", "", ("s1", "s2"), 40, 0, "offline", "32"), "x")
    >>> row["external_id"], row["provider"], row["skills"], row["province_code"], row["city"]
    ('a', 'LPK Maju', 's1;s2', '32', None)
    """
    return {
        "source": source,
        "external_id": course.id,
        "provider": course.provider.name,
        "provider_kind": course.provider.type,
        "title_id": course.title_id,
        "title_en": course.title_en or None,
        "skills": ";".join(course.skills),
        "hours": course.hours,
        "cost_idr": float(course.cost_idr),
        "mode": course.mode,
        "province_code": course.province,
        "city": course.city or None,
        "start_date": course.start_date,
        "certification": course.certification or None,
        "capacity": course.capacity,
        "prakerja": course.prakerja,
        "level": course.level,
        "synthetic": course.synthetic,
    }


def stored_course(row: Mapping[str, Any]) -> Course:
    """A row of the ``courses`` table as a catalog course, ``id`` being ``source:external_id``.

    Rows stored before the catalog's rules applied may lack the provider kind: online courses are then
    taken as from an online platform, others as from an LPK.
    """
    return Course(
        id=f"{row['source']}:{row['external_id']}",
        provider=Provider(
            row["provider"],
            row["provider"],
            row["provider_kind"] or ("online" if row["mode"] == "online" else "LPK"),
        ),
        title_id=row["title_id"],
        title_en=row["title_en"] or "",
        skills=tuple(u for u in row["skills"].split(";") if u),
        hours=float(row["hours"]),
        cost_idr=int(row["cost_idr"]),
        mode=row["mode"],
        province=row["province_code"],
        city=row["city"] or "",
        level=row.get("level"),
        start_date=row["start_date"],
        certification=row["certification"] or "",
        capacity=row["capacity"],
        prakerja=bool(row["prakerja"]),
        synthetic=bool(row["synthetic"]),
    )


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
