"""Rules across the fields of one row, declared with an entity (:attr:`~tangkas.rows.fields.Spec.rules`):
dates in order, a field a status needs, a field only a status allows. Their errors name the fields,
never a value.

>>> check = in_order("contract_start", "contract_end")
>>> bad: set[int] = set()
>>> columns = {"contract_start": [date(2024, 5, 1), None], "contract_end": [date(2024, 4, 30), None]}
>>> [(e.row, e.field, e.code, e.allowed) for e in check(columns, 7, bad)], bad
([(7, 'contract_end', 'date_order', 'contract_start')], {0})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tangkas.rows.fields import RowRule
from tangkas.rows.report import RowError


def in_order(start: str, end: str) -> RowRule:
    """``end`` may not be before ``start`` (where both are given: the same day is fine)."""

    def check(columns: Mapping[str, Sequence[Any]], first_row: int, bad: set[int]) -> list[RowError]:
        errors = []
        for i, (early, late) in enumerate(zip(columns[start], columns[end], strict=True)):
            if isinstance(early, date) and isinstance(late, date) and late < early:
                errors.append(RowError(first_row + i, end, "date_order", allowed=start))
                bad.add(i)
        return errors

    return check


def needed_when(field: str, when: str, value: str) -> RowRule:
    """``field`` must be given in a row whose ``when`` is ``value`` (``abroad`` needs ``departed_on``).

    >>> rule = needed_when("departed_on", "status", "abroad")
    >>> [(e.field, e.code, e.allowed) for e in rule({"status": ["abroad"], "departed_on": [None]}, 1, set())]
    [('departed_on', 'needed', 'status abroad')]
    """

    def check(columns: Mapping[str, Sequence[Any]], first_row: int, bad: set[int]) -> list[RowError]:
        errors = []
        for i, (state, given) in enumerate(zip(columns[when], columns[field], strict=True)):
            if state == value and given is None:
                errors.append(RowError(first_row + i, field, "needed", allowed=f"{when} {value}"))
                bad.add(i)
        return errors

    return check


def only_when(field: str, when: str, value: str | bool) -> RowRule:
    """``field`` may be given only in a row whose ``when`` is ``value`` (a placement date only for a
    placed enrolment); a row whose ``when`` is missing has its own error already.

    >>> rule = only_when("placed_on", "placed", True)
    >>> columns = {"placed": [False, True], "placed_on": [date(2025, 3, 1), date(2025, 3, 1)]}
    >>> [(e.row, e.field, e.code, e.allowed) for e in rule(columns, 1, set())]
    [(1, 'placed_on', 'only_when', 'placed true')]
    """
    said = str(value).lower() if isinstance(value, bool) else value

    def check(columns: Mapping[str, Sequence[Any]], first_row: int, bad: set[int]) -> list[RowError]:
        errors = []
        for i, (state, given) in enumerate(zip(columns[when], columns[field], strict=True)):
            if given is not None and state is not None and state != value:
                errors.append(RowError(first_row + i, field, "only_when", allowed=f"{when} {said}"))
                bad.add(i)
        return errors

    return check
