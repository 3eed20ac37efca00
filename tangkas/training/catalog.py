"""The course catalog: providers and courses, import from CSV/JSON with row-level validation, Parquet I/O.

A record is a flat mapping (one course per row, skills as a list) — the same shape for CSV, JSON,
Parquet and the store. Importing is all or nothing: any bad row rejects the whole file and the report
lists every problem row by row.

:func:`check_record` holds the course rules, and both ways in use it: ``tangkas catalog import``
(:func:`validate_records`) and the store importer (``tangkas import courses``, the API). The store's
column names are accepted as aliases (:data:`ALIASES`), so either kind of file imports either way.

>>> rows = [{"id": "c1", "provider_name": "BLK Bandung", "provider_type": "BLK", "title_id": "Menjahit",
...          "skills": ["http://data.europa.eu/esco/skill/x"], "hours": "160", "cost_idr": "0",
...          "mode": "offline", "province": "Jawa Barat"}]
>>> report = validate_records(rows, skill_uris={"http://data.europa.eu/esco/skill/x"})
>>> report.ok, report.courses[0].province
(True, '32')
>>> validate_records([{**rows[0], "cost_idr": "-5"}], skill_uris=set()).problems[0].code
'unknown_skill'
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, cast

import pyarrow as pa
import pyarrow.parquet as pq

from tangkas.errors import TangkasError, UnknownConceptError
from tangkas.models import Lang
from tangkas.provinces import province as find_province

ProviderType = Literal["BLK", "LPK", "online"]
Mode = Literal["online", "offline", "hybrid"]
Level = Literal["basic", "intermediate", "advanced"]
PROVIDER_TYPES: tuple[ProviderType, ...] = ("BLK", "LPK", "online")
MODES: tuple[Mode, ...] = ("online", "offline", "hybrid")
LEVELS: tuple[Level, ...] = ("basic", "intermediate", "advanced")
MODE_SYNONYMS = {"daring": "online", "luring": "offline", "tatap muka": "offline", "campuran": "hybrid",
                 "hibrida": "hybrid", "blended": "hybrid"}
LEVEL_SYNONYMS = {"dasar": "basic", "menengah": "intermediate", "lanjut": "advanced", "lanjutan": "advanced"}
TRUE_WORDS = {"1", "true", "yes", "ya", "y"}
# "t" is in neither: it is "tidak" on Indonesian Y/T forms but "true" in PostgreSQL exports, so it is a
# problem to fix rather than a guess.
FALSE_WORDS = {"0", "false", "no", "tidak", "n", "f", ""}
REQUIRED = ("id", "provider_name", "skills", "hours", "cost_idr", "mode")
COLUMNS = ("id", "provider_id", "provider_name", "provider_type", "title_id", "title_en", "skills", "level",
           "hours", "cost_idr", "mode", "province", "city", "start_date", "certification", "capacity",
           "prakerja", "synthetic")
ALIASES = {"external_id": "id", "provider": "provider_name", "provider_kind": "provider_type",
           "province_code": "province"}
"""The store's older column names, accepted for the catalog's (``COLUMNS``) in every file."""
MIN_HOURS, MAX_HOURS = 0.5, 5000.0
MAX_CAPACITY = 2**31 - 1  # what the store's INTEGER column holds
SKILL_SEPARATOR = re.compile(r"[|;\s]+")
THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")
ProblemCode = Literal["missing", "invalid", "negative", "unknown_skill", "unknown_province", "duplicate"]


class CatalogImportError(TangkasError):
    """A catalog file that cannot be imported; ``problems`` says why, row by row."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in catalog; nothing imported")
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class Provider:
    """A training provider: a public BLK, a private LPK or an online platform."""

    id: str
    name: str
    type: ProviderType


@dataclass(frozen=True, slots=True)
class Course:
    """One course offering. ``province`` is a BPS code; ``None`` only for online courses open to all."""

    id: str
    provider: Provider
    title_id: str
    title_en: str
    skills: tuple[str, ...]
    hours: float
    cost_idr: int
    mode: Mode
    province: str | None = None
    city: str = ""
    level: Level | None = None
    start_date: date | None = None
    certification: str = ""
    capacity: int | None = None
    prakerja: bool = False
    synthetic: bool = False

    def title(self, lang: Lang = "id") -> str:
        return self.title_en if lang == "en" and self.title_en else self.title_id or self.title_en


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem in one row (1-based, header excluded): ``code`` names it, ``value`` shows the culprit."""

    row: int
    field: str
    code: ProblemCode
    value: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The outcome of validating a catalog file: the courses if every row is valid, else the problems."""

    rows: int
    courses: tuple[Course, ...]
    problems: tuple[ImportProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> tuple[int, ...]:
        return tuple(sorted({p.row for p in self.problems}))

    def catalog(self) -> CourseCatalog:
        """The imported catalog; raises :class:`CatalogImportError` if any row was bad."""
        if self.problems:
            raise CatalogImportError(self.problems)
        return CourseCatalog(self.courses)


class CourseCatalog:
    """An immutable collection of courses indexed by the ESCO skills they teach.

    >>> p = Provider("p", "LPK Maju", "LPK")
    >>> cat = CourseCatalog([Course("a", p, "Las", "Welding", ("s1", "s2"), 40, 900_000, "offline", "32")])
    >>> len(cat), [c.id for c in cat.teaching("s2")]
    (1, ['a'])
    """

    def __init__(self, courses: Iterable[Course]) -> None:
        self.courses: tuple[Course, ...] = tuple(courses)
        self._by_skill: dict[str, list[int]] = {}
        for i, course in enumerate(self.courses):
            for uri in course.skills:
                self._by_skill.setdefault(uri, []).append(i)

    def __len__(self) -> int:
        return len(self.courses)

    def __iter__(self) -> Iterator[Course]:
        return iter(self.courses)

    @property
    def synthetic(self) -> bool:
        """True when every course is synthetic demo data."""
        return bool(self.courses) and all(c.synthetic for c in self.courses)

    def teaching_indices(self, uri: str) -> Sequence[int]:
        return self._by_skill.get(uri, ())

    def teaching(self, uri: str) -> list[Course]:
        return [self.courses[i] for i in self.teaching_indices(uri)]

    def skills(self) -> frozenset[str]:
        return frozenset(self._by_skill)


# -- parsing one record -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckedRecord:
    """One record after the course rules: its course when the row is valid, else its problems.

    ``id`` is the row's identifier and ``id_field`` the column it came from (``id`` or ``external_id``),
    for the duplicate check across the file; ``provider_id`` is ``provider_id``, else ``provider_name``.
    """

    row: int
    course: Course | None
    problems: tuple[ImportProblem, ...]
    id: str
    id_field: str
    provider_id: str


class _RowErrors:
    def __init__(self, row: int) -> None:
        self.row = row
        self.problems: list[ImportProblem] = []

    def add(self, name: str, code: ProblemCode, value: object = "") -> None:
        self.problems.append(ImportProblem(self.row, name, code, str(value)[:80]))


def _text(record: Mapping[str, Any], name: str) -> str:
    value = record.get(name)
    return "" if value is None else str(value).strip()


def _canonical(record: Mapping[str, Any], errors: _RowErrors) -> tuple[dict[str, Any], dict[str, str]]:
    """The record under the catalog's column names, and the file's own name of each aliased column.

    A row giving both names with different values is a problem (it would be a guess which one counts).
    """
    canonical = dict(record)
    used: dict[str, str] = {}
    for alias, name in ALIASES.items():
        if alias not in record:
            continue
        value, other = _text(record, alias), _text(record, name)
        if not other and (value or name not in record):
            canonical[name] = record[alias]
            used[name] = alias
        elif value and other and not _same(name, value, other):
            errors.add(name, "invalid", f"{other} / {alias}={value}")
    return canonical, used


def _same(name: str, one: str, other: str) -> bool:
    """Whether two values of a column agree (a province may be given once by name and once by code)."""
    if one == other:
        return True
    if name != "province":
        return False
    try:
        return find_province(one).code == find_province(other).code
    except UnknownConceptError:
        return False


def _number(raw: str) -> float:
    if THOUSANDS.match(raw):
        raw = re.sub(r"[.,]", "", raw)
    return float(raw)


def _skills(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, list | tuple):
        return tuple(s for s in SKILL_SEPARATOR.split(str(value).strip()) if s)
    uris = (str(v.get("uri", "")) if isinstance(v, Mapping) else str(v) for v in value if v is not None)
    return tuple(u.strip() for u in uris if u and u.strip())


def _choice(raw: str, options: Sequence[str], synonyms: Mapping[str, str]) -> str | None:
    key = synonyms.get(raw.lower(), raw.lower())
    return next((o for o in options if o.lower() == key), None)


def check_record(
    record: Mapping[str, Any], row: int, *, skill_uris: Container[str] | None
) -> CheckedRecord:
    """The course rules applied to one raw record (``row`` counts data rows from 1).

    Problems name a column as the file spells it (``province_code`` in a file with the store's names).

    >>> ok = check_record({"external_id": "c1", "provider": "LPK Maju", "title_id": "Las", "skills": "s1",
    ...                    "hours": "40", "cost_idr": "1.500.000", "mode": "daring"}, 1, skill_uris=None)
    >>> ok.course.mode, ok.course.cost_idr, ok.course.provider.type, ok.id_field
    ('online', 1500000, 'online', 'external_id')
    >>> bad = check_record({"id": "c2", "mode": "luring", "province_code": "Atlantis"}, 3, skill_uris=None)
    >>> bad.course, bad.problems[-1]
    (None, ImportProblem(row=3, field='province_code', code='unknown_province', value='Atlantis'))
    """
    errors = _RowErrors(row)
    canonical, used = _canonical(record, errors)
    course = _parse(canonical, errors, skill_uris)
    problems = tuple(replace(p, field=used.get(p.field, p.field)) for p in errors.problems)
    provider_id = _text(canonical, "provider_id") or _text(canonical, "provider_name")
    identifier = _text(canonical, "id")
    return CheckedRecord(
        row, None if problems else course, problems, identifier, used.get("id", "id"), provider_id
    )


def duplicate_problem(
    checked: CheckedRecord, key: object, seen: set[object]
) -> ImportProblem | None:
    """A ``duplicate`` problem when ``key``, the row's identity in the file, was seen before (else noted)."""
    if not checked.id:
        return None
    if key in seen:
        return ImportProblem(checked.row, checked.id_field, "duplicate", checked.id[:80])
    seen.add(key)
    return None


def _parse(
    record: Mapping[str, Any], errors: _RowErrors, skill_uris: Container[str] | None
) -> Course | None:
    for name in REQUIRED:
        if name != "skills" and not _text(record, name):
            errors.add(name, "missing")
    if not _text(record, "title_id") and not _text(record, "title_en"):
        errors.add("title_id", "missing")
    skills = _skills(record.get("skills"))
    if not skills:
        errors.add("skills", "missing")
    for uri in skills:
        if skill_uris is not None and uri not in skill_uris:
            errors.add("skills", "unknown_skill", uri)
    mode = _choice(_text(record, "mode"), MODES, MODE_SYNONYMS)
    provider_type = _provider_type(record, mode, errors)
    if _text(record, "mode") and mode is None:
        errors.add("mode", "invalid", _text(record, "mode"))
    level = _choice(_text(record, "level"), LEVELS, LEVEL_SYNONYMS)
    if _text(record, "level") and level is None:
        errors.add("level", "invalid", _text(record, "level"))
    hours = _positive(record, "hours", errors, integer=False, limits=(MIN_HOURS, MAX_HOURS))
    cost = _positive(record, "cost_idr", errors, integer=True, limits=(0, float("inf")))
    capacity = _positive(record, "capacity", errors, integer=True, limits=(1, MAX_CAPACITY))
    province = _province(record, mode, errors)
    start = _date(record, errors)
    prakerja, synthetic = _flag(record, "prakerja", errors), _flag(record, "synthetic", errors)
    if errors.problems or hours is None or cost is None or provider_type is None or mode is None:
        return None
    name = _text(record, "provider_name")
    return Course(
        id=_text(record, "id"),
        provider=Provider(_text(record, "provider_id") or name, name, cast(ProviderType, provider_type)),
        title_id=_text(record, "title_id") or _text(record, "title_en"),
        title_en=_text(record, "title_en") or _text(record, "title_id"),
        skills=tuple(dict.fromkeys(skills)),
        hours=float(hours),
        cost_idr=int(cost),
        mode=cast(Mode, mode),
        province=province,
        city=_text(record, "city"),
        level=cast(Level | None, level),
        start_date=start,
        certification=_text(record, "certification"),
        capacity=None if capacity is None else int(capacity),
        prakerja=prakerja,
        synthetic=synthetic,
    )


def _provider_type(record: Mapping[str, Any], mode: str | None, errors: _RowErrors) -> str | None:
    """The provider type; when not given, ``online`` for online courses, else ``LPK`` (as the store did)."""
    raw = _text(record, "provider_type")
    if not raw:
        return "online" if mode == "online" else "LPK"
    found = _choice(raw, PROVIDER_TYPES, {"platform": "online"})
    if found is None:
        errors.add("provider_type", "invalid", raw)
    return found


def _positive(
    record: Mapping[str, Any], name: str, errors: _RowErrors, *, integer: bool, limits: tuple[float, float]
) -> float | None:
    """A number within ``limits``: below zero is ``negative``; unreadable or out of limits ``invalid``."""
    raw = _text(record, name)
    if not raw:
        return None
    try:
        value = _number(raw)
    except ValueError:
        errors.add(name, "invalid", raw)
        return None
    if value != value or value in (float("inf"), float("-inf")) or (integer and value != int(value)):
        errors.add(name, "invalid", raw)
        return None
    if value < 0 or not limits[0] <= value <= limits[1]:
        errors.add(name, "negative" if value < 0 else "invalid", raw)
        return None
    return value


def _province(record: Mapping[str, Any], mode: str | None, errors: _RowErrors) -> str | None:
    raw = _text(record, "province")
    if not raw:
        if mode in ("offline", "hybrid"):
            errors.add("province", "missing")
        return None
    try:
        return find_province(raw).code
    except UnknownConceptError:
        errors.add("province", "unknown_province", raw)
        return None


def _date(record: Mapping[str, Any], errors: _RowErrors) -> date | None:
    value = record.get("start_date")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = _text(record, "start_date")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        errors.add("start_date", "invalid", raw)
        return None


def _flag(record: Mapping[str, Any], name: str, errors: _RowErrors) -> bool:
    value = record.get(name)
    if isinstance(value, bool):
        return value
    raw = _text(record, name).lower()
    if raw in TRUE_WORDS:
        return True
    if raw not in FALSE_WORDS:
        errors.add(name, "invalid", raw)
    return False


# -- whole files --------------------------------------------------------------------------------


def validate_records(
    records: Iterable[Mapping[str, Any]], *, skill_uris: Container[str] | None
) -> ImportReport:
    """Check every record; the report holds all courses only when no row has a problem.

    ``skill_uris`` is the set of known ESCO skill URIs (``None`` skips that check, for trusted files).
    """
    courses: list[Course] = []
    problems: list[ImportProblem] = []
    seen: set[object] = set()
    count = 0
    for count, record in enumerate(records, start=1):
        checked = check_record(record, count, skill_uris=skill_uris)
        duplicate = duplicate_problem(checked, checked.id, seen)
        problems.extend(checked.problems)
        if duplicate is not None:
            problems.append(duplicate)
        elif checked.course is not None:
            courses.append(checked.course)
    return ImportReport(count, tuple(courses) if not problems else (), tuple(problems))


def read_records(path: Path) -> list[dict[str, Any]]:
    """Raw records from a ``.csv``, ``.json`` (a list of objects, or JSON Lines), ``.jsonl``/``.ndjson`` or
    ``.parquet``/``.pq`` file: the file types the store importer reads."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))
    if suffix in (".json", ".jsonl", ".ndjson"):
        return _json_records(path)
    if suffix in (".parquet", ".pq"):
        rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
        return rows
    raise TangkasError(
        f"{path}: unsupported catalog format {suffix!r} (use .csv, .json, .jsonl, .ndjson or .parquet)"
    )


def _json_records(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as error:
            raise TangkasError(f"{path}: neither JSON nor JSON Lines ({error.msg})") from None
    courses = data.get("courses", [data]) if isinstance(data, dict) else data
    if not isinstance(courses, list) or not all(isinstance(r, dict) for r in courses):
        raise TangkasError(f"{path}: expected a JSON list of course objects")
    return courses


def import_catalog(path: Path, *, skill_uris: Container[str] | None) -> ImportReport:
    """Validate a catalog file into an :class:`ImportReport` (nothing is written)."""
    return validate_records(read_records(path), skill_uris=skill_uris)


def course_record(course: Course) -> dict[str, Any]:
    """The flat record of a course under the catalog's column names, as written to Parquet.

    >>> p = Provider("p", "LPK Maju", "LPK")
    >>> course_record(Course("a", p, "Las", "Welding", ("s1",), 40, 900_000, "offline", "32"))["skills"]
    ['s1']
    """
    return {
        "id": course.id,
        "provider_id": course.provider.id,
        "provider_name": course.provider.name,
        "provider_type": course.provider.type,
        "title_id": course.title_id,
        "title_en": course.title_en,
        "skills": list(course.skills),
        "level": course.level,
        "hours": course.hours,
        "cost_idr": course.cost_idr,
        "mode": course.mode,
        "province": course.province,
        "city": course.city,
        "start_date": course.start_date,
        "certification": course.certification,
        "capacity": course.capacity,
        "prakerja": course.prakerja,
        "synthetic": course.synthetic,
    }


SCHEMA = pa.schema(
    [
        ("id", pa.string()), ("provider_id", pa.string()), ("provider_name", pa.string()),
        ("provider_type", pa.string()), ("title_id", pa.string()), ("title_en", pa.string()),
        ("skills", pa.list_(pa.string())), ("level", pa.string()), ("hours", pa.float64()),
        ("cost_idr", pa.int64()), ("mode", pa.string()), ("province", pa.string()), ("city", pa.string()),
        ("start_date", pa.date32()), ("certification", pa.string()), ("capacity", pa.int64()),
        ("prakerja", pa.bool_()), ("synthetic", pa.bool_()),
    ]
)


def write_catalog(catalog: Iterable[Course], path: Path) -> Path:
    """Write courses to a Parquet file (parent folders are created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist([course_record(c) for c in catalog], schema=SCHEMA)
    pq.write_table(table, path)
    return path


def read_catalog(path: Path, *, skill_uris: Container[str] | None = None) -> CourseCatalog:
    """Read a catalog written by :func:`write_catalog` (or any valid file), validating every row."""
    if not path.exists():
        raise TangkasError(f"catalog file not found: {path}")
    return import_catalog(path, skill_uris=skill_uris).catalog()


def default_catalog_path() -> Path:
    """Where the CLI keeps the imported catalog until the store lands: ``./.tangkas/catalog.parquet``."""
    return Path.cwd() / ".tangkas" / "catalog.parquet"


__all__ = [
    "ALIASES",
    "COLUMNS",
    "CatalogImportError",
    "CheckedRecord",
    "Course",
    "CourseCatalog",
    "ImportProblem",
    "ImportReport",
    "Provider",
    "check_record",
    "course_record",
    "default_catalog_path",
    "duplicate_problem",
    "import_catalog",
    "read_catalog",
    "read_records",
    "validate_records",
    "write_catalog",
]
