"""The course catalog: providers, courses, and the course rules.

A record is a flat mapping (one course per row) under the columns of
:data:`tangkas.training.course_rows.COURSES` — the same shape for CSV, JSON, Parquet and the store.
:func:`check_record` holds the course rules, and every way in uses it: ``tangkas catalog import``
(:func:`~tangkas.training.course_rows.validate_records`) and the store importer (``tangkas import
courses``, the API), through :func:`~tangkas.training.course_rows.validate_courses`. The catalog's
older column names (``id``, ``provider_name``, ``province`` ...) are accepted as aliases (:data:`ALIASES`),
so files written before still import.

"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Literal, cast

from tangkas.errors import UnknownConceptError
from tangkas.models import Lang
from tangkas.provinces import province as find_province
from tangkas.rows.fields import NO, YES
from tangkas.rows.report import CatalogCode, RowError

ProviderType = Literal["BLK", "LPK", "online"]
Mode = Literal["online", "offline", "hybrid"]
Level = Literal["basic", "intermediate", "advanced"]
PROVIDER_TYPES: tuple[ProviderType, ...] = ("BLK", "LPK", "online")
MODES: tuple[Mode, ...] = ("online", "offline", "hybrid")
LEVELS: tuple[Level, ...] = ("basic", "intermediate", "advanced")
MODE_SYNONYMS = {
    "daring": "online",
    "luring": "offline",
    "tatap muka": "offline",
    "campuran": "hybrid",
    "hibrida": "hybrid",
    "blended": "hybrid",
}
LEVEL_SYNONYMS = {"dasar": "basic", "menengah": "intermediate", "lanjut": "advanced", "lanjutan": "advanced"}
REQUIRED = ("external_id", "provider", "skills", "hours", "cost_idr", "mode")
ALIASES = {
    "id": "external_id",
    "provider_name": "provider",
    "provider_type": "provider_kind",
    "province": "province_code",
}
"""The catalog's older column names, accepted for the columns of :data:`COURSES` in every file."""
MIN_HOURS, MAX_HOURS = 0.5, 5000.0
MAX_CAPACITY = 2**31 - 1  # what the store's INTEGER column holds
SKILL_SEPARATOR = re.compile(r"[|;\s]+")
THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")


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

    ``id`` is the row's identifier and ``id_field`` the column it came from (``external_id`` or ``id``),
    for the duplicate check across the file; ``provider_id`` is ``provider_id``, else the provider's name.
    """

    row: int
    course: Course | None
    problems: tuple[RowError, ...]
    id: str
    id_field: str
    provider_id: str


class _RowErrors:
    def __init__(self, row: int) -> None:
        self.row = row
        self.problems: list[RowError] = []

    def add(self, name: str, code: CatalogCode, value: object = "") -> None:
        self.problems.append(RowError(self.row, name, code, str(value)[:80]))


def _text(record: Mapping[str, Any], name: str) -> str:
    value = record.get(name)
    return "" if value is None else str(value).strip()


def _canonical(record: Mapping[str, Any], errors: _RowErrors) -> tuple[dict[str, Any], dict[str, str]]:
    """The record under the columns of :data:`COURSES`, and the file's own name of each aliased column.

    A row giving both names with different values is a problem (it would be a guess which one counts),
    reported on the older name.
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
            errors.add(alias, "invalid", f"{value} / {name}={other}")
    return canonical, used


def _same(name: str, one: str, other: str) -> bool:
    """Whether two values of a column agree (a province may be given once by name and once by code)."""
    if one == other:
        return True
    if name != "province_code":
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


def check_record(record: Mapping[str, Any], row: int, *, skill_uris: Container[str] | None) -> CheckedRecord:
    """The course rules applied to one raw record (``row`` counts data rows from 1).

    Problems name a column as the file spells it (``province`` in a file with the catalog's older names).

    >>> ok = check_record({"external_id": "c1", "provider": "LPK Maju", "title_id": "Las", "skills": "s1",
    ...                    "hours": "40", "cost_idr": "1.500.000", "mode": "daring"}, 1, skill_uris=None)
    >>> ok.course.mode, ok.course.cost_idr, ok.course.provider.type, ok.id_field
    ('online', 1500000, 'online', 'external_id')
    >>> bad = check_record({"id": "c2", "mode": "luring", "province_code": "Atlantis"}, 3, skill_uris=None)
    >>> bad.course, bad.problems[-1]
    (None, RowError(row=3, field='province_code', code='unknown_province', detail='Atlantis', allowed=''))
    """
    errors = _RowErrors(row)
    canonical, used = _canonical(record, errors)
    course = _parse(canonical, errors, skill_uris)
    problems = tuple(replace(p, field=used.get(p.field, p.field)) for p in errors.problems)
    provider_id = _text(canonical, "provider_id") or _text(canonical, "provider")
    identifier = _text(canonical, "external_id")
    id_field = used.get("external_id", "external_id")
    return CheckedRecord(row, None if problems else course, problems, identifier, id_field, provider_id)


def duplicate_problem(checked: CheckedRecord, key: object, seen: set[object]) -> RowError | None:
    """A ``duplicate`` problem when ``key``, the row's identity in the file, was seen before (else noted)."""
    if not checked.id:
        return None
    if key in seen:
        return RowError(checked.row, checked.id_field, "duplicate", checked.id[:80])
    seen.add(key)
    return None


def _parse(record: Mapping[str, Any], errors: _RowErrors, skill_uris: Container[str] | None) -> Course | None:
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
    name = _text(record, "provider")
    return Course(
        id=_text(record, "external_id"),
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
    raw = _text(record, "provider_kind")
    if not raw:
        return "online" if mode == "online" else "LPK"
    found = _choice(raw, PROVIDER_TYPES, {"platform": "online"})
    if found is None:
        errors.add("provider_kind", "invalid", raw)
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
    raw = _text(record, "province_code")
    if not raw:
        if mode in ("offline", "hybrid"):
            errors.add("province_code", "missing")
        return None
    try:
        return find_province(raw).code
    except UnknownConceptError:
        errors.add("province_code", "unknown_province", raw)
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
    if raw in YES:
        return True
    if raw not in NO:
        errors.add(name, "invalid", raw)
    return False


__all__ = [
    "ALIASES",
    "CheckedRecord",
    "Course",
    "CourseCatalog",
    "Provider",
    "check_record",
    "duplicate_problem",
]
