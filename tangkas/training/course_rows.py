"""Courses as rows: the one declaration of a course row (:data:`COURSES`), courses to and from rows of the
store, and catalog files (CSV, JSON, Parquet) read and written through the one row reader and writer.

Importing is all or nothing: any bad row rejects the whole file and the report lists every problem row
by row; the rules are the catalog's (:func:`tangkas.training.catalog.check_record`).

>>> rows = [{"id": "c1", "provider_name": "BLK Bandung", "provider_kind": "BLK", "title_id": "Menjahit",
...          "skills": ["http://data.europa.eu/esco/skill/x"], "hours": "160", "cost_idr": "0",
...          "mode": "offline", "province": "Jawa Barat"}]
>>> report = validate_records(rows, skill_uris={"http://data.europa.eu/esco/skill/x"})
>>> report.ok, report.courses[0].province
(True, '32')
>>> validate_records([{**rows[0], "cost_idr": "-5"}], skill_uris=set()).errors[0].code
'unknown_skill'
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from tangkas.errors import TangkasError
from tangkas.rows.fields import Field, Spec, keyed
from tangkas.rows.read import read_rows
from tangkas.rows.report import RowError, RowReport, RowsRejectedError
from tangkas.rows.validate import bounds_errors, check_columns
from tangkas.rows.write import write_table
from tangkas.training.catalog import (
    ALIASES,
    MAX_HOURS,
    MIN_HOURS,
    Course,
    CourseCatalog,
    Provider,
    check_record,
    duplicate_problem,
)


@dataclass
class CatalogReport(RowReport):
    """A :class:`~tangkas.rows.report.RowReport` of a catalog file with its courses, all of them only
    when every row is valid."""

    courses: tuple[Course, ...] = ()

    def catalog(self) -> CourseCatalog:
        """The imported catalog; raises :class:`RowsRejectedError` if any row was bad."""
        if not self.ok:
            raise RowsRejectedError(self)
        return CourseCatalog(self.courses)


def course_row(course: Course, source: str) -> dict[str, Any]:
    """A valid course as a row under the columns of :data:`COURSES` (empty optional text is None).

    >>> p = Provider("p", "LPK Maju", "LPK")
    >>> row = course_row(Course("a", p, "Las", "", ("s1", "s2"), 40, 0, "offline", "32"), "x")
    >>> row["external_id"], row["provider"], row["skills"], row["province_code"], row["city"]
    ('a', 'LPK Maju', 's1;s2', '32', None)
    """
    return {
        "source": source,
        "external_id": course.id,
        "provider": course.provider.name,
        "provider_id": course.provider.id,
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
    """A stored row of the courses table as a catalog course, ``id`` being ``source:external_id``.

    Rows stored before the catalog's rules applied may lack the provider kind: online courses are then
    taken as from an online platform, others as from an LPK.
    """
    return Course(
        id=f"{row['source']}:{row['external_id']}",
        provider=Provider(
            row.get("provider_id") or row["provider"],
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


def validate_courses(
    spec: Spec,
    columns: Mapping[str, Sequence[Any]],
    size: int,
    first_row: int,
    skill_uris: Container[str] | None,
    seen: set[object],
) -> tuple[dict[str, list[Any]], list[RowError], set[int]]:
    """The row check of :data:`COURSES`: every row through :func:`check_record`.

    ``source`` is optional: it defaults to the provider's id (``provider_id``, else its name), so a
    catalog file keeps one identity per provider and course. A second row with the same
    ``(source, external_id)`` in one file is a ``duplicate`` problem.

    >>> row = {"id": "c1", "provider_name": "BLK Bandung", "title_id": "Las", "skills": "s1",
    ...        "hours": "160", "cost_idr": "0", "mode": "luring", "province": "Jawa Barat"}
    >>> values, errors, bad = validate_courses(COURSES, {k: [v, v] for k, v in row.items()}, 2, 1,
    ...                                        None, set())
    >>> values["source"][0], values["mode"][0], values["province_code"][0], values["provider_kind"][0]
    ('BLK Bandung', 'offline', '32', 'LPK')
    >>> [(e.row, e.field, e.code) for e in errors], bad
    ([(2, 'id', 'duplicate')], {1})
    """
    values: dict[str, list[Any]] = {f.name: [f.default] * size for f in spec.fields}
    errors: list[RowError] = []
    bad: set[int] = set()
    names = list(columns)
    for i in range(size):
        record = {name: columns[name][i] for name in names}
        checked = check_record(record, first_row + i, skill_uris=skill_uris)
        source = str(record.get("source") or "").strip() or checked.provider_id
        problems = list(checked.problems)
        duplicate = duplicate_problem(checked, (source, checked.id), seen)
        if duplicate is not None:
            problems.append(duplicate)
        if problems or checked.course is None:
            errors += problems
            bad.add(i)
            continue
        for name, value in course_row(checked.course, source).items():
            values[name][i] = value
    return values, errors, bad


MAX_COST_IDR = 1_000_000_000
"""A course costing more than a billion rupiah is a typo (the dearest vocational courses cost tens of
millions)."""
MAX_CAPACITY = 100_000
"""More seats than any programme has (Prakerja's largest online courses enrol tens of thousands)."""
COURSES = keyed(
    "courses",
    Field("provider"),
    Field("provider_id"),
    Field("provider_kind"),
    Field("title_id"),
    Field("title_en"),
    Field("skills"),
    Field("hours", "float", minimum=MIN_HOURS, maximum=MAX_HOURS),
    Field("cost_idr", "float", minimum=0, maximum=MAX_COST_IDR),
    Field("mode"),
    Field("province_code"),
    Field("city"),
    Field("start_date", "date"),
    Field("certification"),
    Field("capacity", "int", minimum=1, maximum=MAX_CAPACITY),
    Field("prakerja", "bool", default=False),
    Field("level"),
    uri_lists=("skills",),
    row_check=validate_courses,
    aliases=frozenset(ALIASES),
)
"""A course offering: the columns of the courses table and of catalog files (which may also use the
catalog's older names, :data:`~tangkas.training.catalog.ALIASES`), checked by the course rules
(:func:`check_record`) and the bounds declared here: hours 0.5 .. 5,000, cost 0 .. 1 billion IDR,
capacity 1 .. 100,000 seats."""


# -- whole files --------------------------------------------------------------------------------


def validate_records(
    records: Iterable[Mapping[str, Any]], *, skill_uris: Container[str] | None
) -> CatalogReport:
    """Check every record; the report holds all courses only when no row has a problem.

    ``skill_uris`` is the set of known ESCO skill URIs (``None`` skips that check, for trusted files).
    """
    report = CatalogReport("courses")
    courses: list[Course] = []
    seen: set[object] = set()
    for report.rows, record in enumerate(records, start=1):
        checked = check_record(record, report.rows, skill_uris=skill_uris)
        duplicate = duplicate_problem(checked, checked.id, seen)
        problems = [*checked.problems, *([duplicate] if duplicate else [])]
        if not problems and checked.course is not None:
            row = course_row(checked.course, checked.provider_id)
            problems += bounds_errors(COURSES, {k: [v] for k, v in row.items()}, report.rows, set())
        report.add_errors(problems)
        if not problems and checked.course is not None:
            courses.append(checked.course)
    report.courses = tuple(courses) if report.ok else ()
    return report


def read_records(path: Path) -> list[dict[str, Any]]:
    """Raw records from a ``.csv``, ``.json`` (a list of objects, or JSON Lines), ``.jsonl``/``.ndjson`` or
    ``.parquet``/``.pq`` file (:func:`tangkas.rows.read.read_rows`); rows that cannot be read at all
    raise RowsRejectedError with their numbers, and a column courses do not have
    :class:`~tangkas.rows.report.UnknownColumnsError`."""
    report = RowReport("courses", str(path))
    records = [record for _, record in read_rows(path, report)]
    check_columns(COURSES, (name for record in records for name in record), report)
    if not report.ok:
        raise RowsRejectedError(report)
    return records


def import_catalog(path: Path, *, skill_uris: Container[str] | None) -> CatalogReport:
    """Validate a catalog file into a :class:`CatalogReport` (nothing is written)."""
    return validate_records(read_records(path), skill_uris=skill_uris)


def write_catalog(catalog: Iterable[Course], path: Path) -> Path:
    """Write courses to a CSV, JSON or Parquet file under the columns of :data:`COURSES` (by suffix;
    parent folders are created); the source of each row is its provider's id."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [course_row(c, c.provider.id) for c in catalog]
    return write_table(pa.Table.from_pylist(rows, schema=COURSES.arrow_schema), path)


def read_catalog(path: Path, *, skill_uris: Container[str] | None = None) -> CourseCatalog:
    """Read a catalog written by :func:`write_catalog` (or any valid file), validating every row."""
    if not path.exists():
        raise TangkasError(f"catalog file not found: {path}")
    return import_catalog(path, skill_uris=skill_uris).catalog()


def default_catalog_path() -> Path:
    """Where the CLI keeps the imported catalog when no store is used: ``./.tangkas/catalog.parquet``."""
    return Path.cwd() / ".tangkas" / "catalog.parquet"
