"""What reading, checking and importing rows did: one row-error type and one report for every way in
(store imports, vacancy feeds, course catalog files, API bodies).

>>> report = RowReport("postings", "feed.csv", rows=3)
>>> report.add_errors([RowError(2, "title", "required")])
>>> report.rejected_rows, report.ok, report.bad_rows
(1, False, (2,))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from tangkas.errors import TangkasError

FieldCode = Literal[
    "required", "type", "choice", "range", "unknown_concept", "format", "order", "row", "control", "too_long"
]
"""``too_long``: a text longer than :data:`~tangkas.rows.fields.MAX_TEXT` (``allowed``: that length)."""
RecordCode = Literal["date_order", "needed", "only_when", "unknown_reference", "overlap", "overlap_stored"]
"""A date before the date it follows (``allowed`` names that field); a field the row's status needs
(``allowed``: "status abroad"); a field given in a row whose status does not allow it (``allowed``:
"placed true"); a reference to no stored row the caller may use (``allowed`` names the entity and
fields); a period overlapping another of the same group, in the same file (``detail``: the other row's
number) or stored (``detail``: the stored row's id)."""
HeaderCode = Literal["column", "column_case", "no_header"]
"""A column the entity does not have (``column``: ``allowed`` lists the known ones), one of its columns
spelt in other letter case, separators or with a typo (``column_case``: ``allowed`` names the column
meant), or a header naming no known column at all (``no_header``: most likely a file without one)."""
CatalogCode = Literal["missing", "invalid", "negative", "unknown_skill", "unknown_province", "duplicate"]
ErrorCode = FieldCode | RecordCode | CatalogCode | HeaderCode
MAX_REPORTED_ERRORS = 1000


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one field of one row (``row`` counts data rows from 1, the header excluded; row 0
    is the header itself). ``detail`` shows the culprit, except for personal fields, whose values never
    appear; ``allowed`` says what the field accepts (its choices, range or pattern, the type it needs, or
    for a header problem the column meant), so even a personal field's error says how to fix it."""

    row: int
    field: str
    code: ErrorCode
    detail: str = ""
    allowed: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "field": self.field,
            "code": self.code,
            "detail": self.detail,
            "allowed": self.allowed,
        }


@dataclass
class RowReport:
    """What one import read (``rows``), refused (``rejected_rows``, ``errors``) and wrote (``inserted``;
    ``duplicates`` were already there). ``errors`` keeps the first ``MAX_REPORTED_ERRORS``;
    ``error_count`` counts them all."""

    kind: str
    path: str = ""
    rows: int = 0
    inserted: int = 0
    duplicates: int = 0
    error_count: int = 0
    rejected_rows: int = 0
    errors: list[RowError] = field(default_factory=list)

    def add_errors(self, errors: list[RowError]) -> None:
        """Note the errors of one batch (rows with several errors count once)."""
        self.error_count += len(errors)
        self.rejected_rows += len({e.row for e in errors})
        room = MAX_REPORTED_ERRORS - len(self.errors)
        self.errors += errors[: max(room, 0)]

    @property
    def ok(self) -> bool:
        return not self.error_count

    @property
    def accepted(self) -> int:
        """Rows that passed every check."""
        return self.rows - self.rejected_rows

    @property
    def bad_rows(self) -> tuple[int, ...]:
        return tuple(sorted({e.row for e in self.errors}))

    def to_dict(self, *, max_errors: int = 20) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "inserted": self.inserted,
            "duplicates": self.duplicates,
            "rejected_rows": self.rejected_rows,
            "error_count": self.error_count,
            "errors": [e.to_dict() for e in self.errors[:max_errors]],
        }


class RowsRejectedError(TangkasError):
    """Rows had errors and were rejected whole (nothing was written); ``report`` lists them."""

    def __init__(self, report: RowReport) -> None:
        first = "; ".join(f"row {e.row} {e.field}: {e.code}" for e in report.errors[:5])
        more = " ..." if report.error_count > 5 else ""
        super().__init__(
            f"{report.error_count} row errors in {report.path}; nothing was imported ({first}{more})"
        )
        self.report = report


class UnknownColumnsError(RowsRejectedError):
    """A file or API body has columns its entity does not have: rejected whole before any row is read,
    even with ``partial`` (a misspelt column would otherwise be dropped, its values lost in silence).
    The report holds one ``column`` or ``column_case`` error per column, at row 0."""

    def __init__(self, report: RowReport) -> None:
        super().__init__(report)
        problems = [_header_problem(e) for e in report.errors if e.row == 0]
        self.args = (f"{report.path}: {'; '.join(problems)}; nothing was imported",)


def _header_problem(error: RowError) -> str:
    if error.code == "column_case":
        return f"column {error.field!r} is not known; did you mean {error.allowed!r}?"
    if error.code == "column":
        return f"column {error.field!r} is not known (known columns: {error.allowed})"
    return f"the header names no known column; is it missing? (known columns: {error.allowed})"
