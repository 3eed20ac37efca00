"""Fields and specifications: one declaration per entity, from which validation, the Arrow schema and the
SQL columns are all derived.

>>> spec = Spec("things", (Field("source", required=True), Field("size", "int", minimum=0)))
>>> spec.arrow_schema.types
[DataType(string), DataType(int64)]
>>> spec.sql_columns
'source TEXT, size BIGINT'
>>> parse_bool("Ya"), parse_bool("tidak")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa

if TYPE_CHECKING:
    from tangkas.rows.report import RowError

FieldType = Literal["text", "int", "float", "bool", "date"]
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
YES = frozenset({"1", "true", "yes", "ya", "y"})
# "t" is in neither: it is "tidak" on Indonesian Y/T forms but "true" in PostgreSQL exports, so it is a
# problem to fix rather than a guess.
NO = frozenset({"0", "false", "no", "tidak", "n", "f", ""})
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""The one rule for control characters, on every way in and both backends: a text cell holding NUL or
any other C0 control character except tab, line feed and carriage return is a row error (PostgreSQL
cannot store NUL, and none of them is text a person typed)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One column: its type and checks. ``personal`` values never appear in an error."""

    name: str
    type: FieldType = "text"
    required: bool = False
    choices: frozenset[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    personal: bool = False
    pattern: re.Pattern[str] | None = None
    rule: str = ""
    """The checks in words, when the pattern says them badly (a NIK's structure)."""
    default: Any = None

    @property
    def allowed(self) -> str:
        """What the field accepts, for an error message (never a value from a row): the choices, the
        range or the pattern; empty when any text goes.

        >>> Field("g", choices=frozenset({"M", "F"})).allowed, Field("n", "int", minimum=0, maximum=9).allowed
        ('F, M', '0..9')
        """
        if self.rule:
            return self.rule
        if self.choices is not None:
            return ", ".join(sorted(self.choices))
        if self.minimum is not None or self.maximum is not None:
            return f"{_number(self.minimum)}..{_number(self.maximum)}"
        if self.pattern is not None:
            return self.pattern.pattern
        return ""


def _number(bound: float | None) -> str:
    return "" if bound is None else str(int(bound)) if float(bound).is_integer() else str(bound)


MAX_TEXT = 20_000
"""The most characters a text cell may hold, in files and API bodies alike (a long job ad fits many times
over; one row cannot fill the store); the API's schema says the same (``maxLength``)."""


RowRule = Callable[[Mapping[str, Sequence[Any]], int, set[int]], list["RowError"]]
"""A rule across the fields of each row (a contract ends after it starts): ``(typed columns, first_row,
positions of bad rows)`` -> errors; it adds the positions of the rows it refuses to the set."""


@dataclass(frozen=True, slots=True)
class Reference:
    """Fields of a row that name a stored row of another entity by that entity's ``(source,
    external_id)`` (``fields``, in that order); the store keeps the row's id in ``column`` instead.
    A referenced row must match ``active`` (SQL over its table, aliased ``t``), and, for a caller bound
    to an office, ``office`` (the same, with one ``?`` for the office code): a row of another office is
    not found, exactly as one that does not exist. ``office=None``: the entity is not bound to an office
    (the course catalog), so every caller may name any of its rows."""

    column: str
    table: str
    fields: tuple[str, str]
    active: str = "TRUE"
    office: str | None = "t.office_code = ?"

    @property
    def named(self) -> str:
        """What the reference must name, for an error message.

        >>> Reference("worker_id", "workers", ("worker_source", "worker_external_id")).named
        'workers (worker_source, worker_external_id)'
        """
        return f"{self.table} ({', '.join(self.fields)})"


@dataclass(frozen=True, slots=True)
class Overlap:
    """Periods ``start``..``end`` (both days included) that may not overlap between two rows with the
    same ``group`` (stored columns: a reference's id column, not its fields), within a file or against
    the stored rows; two rows of the same key are one row, not an overlap."""

    group: tuple[str, ...]
    start: str
    end: str


RowCheck = Callable[
    ["Spec", Mapping[str, Sequence[Any]], int, int, Container[str] | None, set[object]],
    tuple[dict[str, list[Any]], list["RowError"], set[int]],
]
"""A whole-row rule set (the course catalog's): ``(spec, columns, size, first_row, skill_uris, seen)`` ->
typed columns, errors, positions of bad rows."""


@dataclass(frozen=True, slots=True)
class Spec:
    """An entity: its table, fields, the fields that identify a row, and the fields holding
    ``;``-separated taxonomy URIs. ``row_check``, when set, replaces the per-field checks (the fields
    then give the columns, their types and their bounds); ``aliases`` are further column names a file
    may use (the course catalog's older names), mapped by the row check; ``unique`` fields hold a value
    at most one stored row may have (a worker's NIK, over every office). ``rules`` are checks across
    the fields of a row, ``references`` name stored rows of other entities (see :class:`Reference`) and
    ``overlap`` forbids overlapping periods (see :class:`Overlap`)."""

    kind: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ("source", "external_id")
    uri_lists: tuple[str, ...] = ()
    row_check: RowCheck | None = None
    aliases: frozenset[str] = frozenset()
    unique: tuple[str, ...] = ()
    rules: tuple[RowRule, ...] = ()
    references: tuple[Reference, ...] = ()
    overlap: Overlap | None = None

    @property
    def columns(self) -> frozenset[str]:
        """Every column name a file or an API body of this entity may have."""
        return frozenset(self.names) | self.aliases

    @property
    def table(self) -> str:
        return self.kind

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(f.name, ARROW_TYPES[f.type]) for f in self.fields])

    @property
    def sql_columns(self) -> str:
        """Column definitions for a staging table: ``name TYPE, ...``."""
        return ", ".join(f"{f.name} {SQL_TYPES[f.type]}" for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def stored(self) -> tuple[Field, ...]:
        """The fields as the store's table holds them: the fields of each reference replaced, where the
        first of them stands, by its id column.

        >>> ref = Reference("worker_id", "workers", ("worker_source", "worker_external_id"))
        >>> spec = keyed("spells", Field("worker_source"), Field("worker_external_id"), references=(ref,))
        >>> [f.name for f in spec.stored]
        ['source', 'external_id', 'worker_id', 'synthetic']
        """
        firsts = {ref.fields[0]: ref for ref in self.references}
        named = {name for ref in self.references for name in ref.fields}
        stored = []
        for field in self.fields:
            if field.name in firsts:
                stored.append(Field(firsts[field.name].column, "int", required=True))
            elif field.name not in named:
                stored.append(field)
        return tuple(stored)


def keyed(
    kind: str,
    *fields: Field,
    uri_lists: tuple[str, ...] = (),
    row_check: RowCheck | None = None,
    aliases: frozenset[str] = frozenset(),
    unique: tuple[str, ...] = (),
    rules: tuple[RowRule, ...] = (),
    references: tuple[Reference, ...] = (),
    overlap: Overlap | None = None,
) -> Spec:
    """An entity identified by ``(source, external_id)`` and marked ``synthetic`` or not, as every
    importable entity is: those three fields around ``fields``."""
    key = (Field("source", required=True), Field("external_id", required=True))
    synthetic = Field("synthetic", "bool", default=False)
    everything = (*key, *fields, synthetic)
    return Spec(
        kind,
        everything,
        uri_lists=uri_lists,
        row_check=row_check,
        aliases=aliases,
        unique=unique,
        rules=rules,
        references=references,
        overlap=overlap,
    )


def control_character(text: str) -> str | None:
    """The first forbidden control character of ``text`` as ``U+XXXX``, or None.

    >>> control_character("a\\x00b"), control_character("baris\\tsatu\\r\\n")
    ('U+0000', None)
    """
    found = CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def parse_text(value: Any) -> str:
    return str(value).strip()


def parse_bool(value: Any) -> bool:
    """A yes/no cell in Indonesian or English (``ya``, ``tidak``, ``1``, ``false`` ...)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in YES or text in NO:
        return text in YES
    raise ValueError(value)


def parse_int(value: Any) -> int:
    number = float(value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def parse_float(value: Any) -> float:
    number = float(value.replace(",", "")) if isinstance(value, str) else float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(value)
    return number


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


PARSERS: dict[FieldType, Callable[[Any], Any]] = {
    "text": parse_text,
    "bool": parse_bool,
    "int": parse_int,
    "float": parse_float,
    "date": parse_date,
}
