"""The JKK+JKM contribution a prospective migrant worker owes, under the Permenaker in force on a day.

Permenaker 4/2023 Pasal 18 prices the cover during and after work by packages of 6, 12 and 24 months
and charges Rp13,500 for each month a contract runs beyond its package. A contract between packages is
read as the cheapest way to cover all of it: the package it fits plus the months beyond (7 months =
6-month package + 1 month = Rp121,500), or a longer package when that costs less (23 months = the
24-month package, Rp332,500, not 12 + 11 months = Rp337,500). So the amount never falls as a contract
lengthens. A started month counts as a month. Permenaker 18/2018 (in force until March 2023) had one
package: Rp332,500 for any contract up to 24 months. The figures, their sources and how far each was
verified are in ``tangkas/data/protection/contributions.csv``.

>>> due = contribution_due(date(2025, 1, 1), date(2025, 7, 31), as_of=date(2024, 11, 1))
>>> due.rule, due.months, due.pre_placement_idr, due.placement_idr, due.total_idr
('pmk4_2023', 7, 37500, 121500, 159000)
>>> contribution_due(date(2021, 3, 1), date(2021, 8, 31), as_of=date(2021, 2, 1)).placement_idr
332500
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.protection.rules import NoRuleInForceError, data_rows, laws


class InvalidContractError(TangkasError, ValueError):
    """A contract that ends before it starts."""


@dataclass(frozen=True, slots=True)
class ContributionRule:
    """The JKK+JKM amounts of one Permenaker; ``key`` is its key in ``law.csv``."""

    key: str
    pre_placement_idr: int
    pre_placement_max_months: int
    tiers: tuple[tuple[int, int], ...]
    """(months, amount) packages for the cover during and after work."""
    per_month_beyond_idr: int
    post_placement_months: int
    """How long after the contract's end the cover during work lasts (the journey home)."""
    jht_min_idr: int
    jht_max_idr: int


@dataclass(frozen=True, slots=True)
class ContributionDue:
    """What a contract costs in JKK+JKM: before placement, and during and after it."""

    rule: str
    months: int
    tier_months: int
    """The package the amount is built on."""
    extra_months: int
    """Months beyond the package, each at ``per_month_idr``."""
    per_month_idr: int
    pre_placement_idr: int
    placement_idr: int

    @property
    def total_idr(self) -> int:
        return self.pre_placement_idr + self.placement_idr


@load_once
def contribution_rules() -> dict[str, ContributionRule]:
    """Every shipped contribution rule, by the key of its regulation."""
    fields: dict[str, dict[str, int]] = {}
    tiers: dict[str, list[tuple[int, int]]] = {}
    for row in data_rows("contributions.csv"):
        if row["field"] == "tier":
            tiers.setdefault(row["rule"], []).append((int(row["months"]), int(row["value"])))
        else:
            fields.setdefault(row["rule"], {})[row["field"]] = int(row["value"])
    return {
        key: ContributionRule(key=key, tiers=tuple(sorted(tiers[key])), **values)
        for key, values in fields.items()
    }


def rule_in_force(day: date) -> ContributionRule:
    """The contribution rule in force on ``day``.

    >>> rule_in_force(date(2021, 6, 1)).key, rule_in_force(date(2023, 6, 1)).key
    ('pmk18_2018', 'pmk4_2023')
    """
    found = [rule for key, rule in contribution_rules().items() if laws()[key].in_force(day)]
    if not found:
        raise NoRuleInForceError(f"no JKK+JKM contribution rule in force on {day.isoformat()}")
    return found[0]


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day of month clamped to the month's length.

    >>> add_months(date(2024, 1, 31), 1), add_months(date(2024, 11, 15), 3)
    (datetime.date(2024, 2, 29), datetime.date(2025, 2, 15))
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contract_months(start: date, end: date) -> int:
    """The contract's length in months, a started month counting as one (at least 1).

    A contract that ends on the day-of-month it started, or the day before, is whole months long.

    >>> start = date(2025, 1, 1)
    >>> contract_months(start, date(2025, 12, 31)), contract_months(start, date(2026, 1, 1))
    (12, 12)
    >>> contract_months(start, date(2026, 1, 2))
    13
    """
    if end < start:
        raise InvalidContractError(
            f"the contract ends ({end.isoformat()}) before it starts ({start.isoformat()})"
        )
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) < end:
        months += 1
    return max(months, 1)


def placement_amount(rule: ContributionRule, months: int) -> tuple[int, int, int]:
    """(amount, package months, months beyond) of the cheapest cover of a ``months``-long contract."""
    options = []
    for tier, amount in rule.tiers:
        extra = max(0, months - tier)
        options.append((amount + extra * rule.per_month_beyond_idr, extra, -tier))
    amount, extra, tier = min(options)
    return amount, -tier, extra


def contribution_due(contract_start: date, contract_end: date, as_of: date) -> ContributionDue:
    """The JKK+JKM contributions due for a contract, under the rule in force on ``as_of``.

    Raises :class:`InvalidContractError` for a contract ending before it starts and
    :class:`~tangkas.protection.rules.NoRuleInForceError` before December 2018.

    >>> [contribution_due(date(2025, 1, 1), add_months(date(2025, 1, 1), m), date(2024, 12, 1)).placement_idr
    ...  for m in (6, 12, 24, 30)]
    [108000, 189000, 332500, 413500]
    """
    months = contract_months(contract_start, contract_end)
    rule = rule_in_force(as_of)
    amount, tier, extra = placement_amount(rule, months)
    return ContributionDue(
        rule.key, months, tier, extra, rule.per_month_beyond_idr, rule.pre_placement_idr, amount
    )
