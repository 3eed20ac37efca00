"""Labour-market indicators over the stored postings: the market module's functions fed from the store.

The store hands the postings (with their coded occupation and skills) to :mod:`tangkas.market.demand`
as one Arrow table (:func:`tangkas.store.postings.cached_postings`); the indicators are computed there,
the same code the CLI runs over feed files.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> indicator_to_dict("demand", "province", indicator(store, "demand", "province"))
{'indicator': 'demand', 'by': 'province', 'rows': []}
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import pyarrow as pa
import pyarrow.csv as pacsv

from tangkas.market import demand
from tangkas.models import Lang
from tangkas.provinces import province as find_province
from tangkas.store import Store
from tangkas.store.postings import cached_postings
from tangkas.store.stats import PostingCounts, posting_counts
from tangkas.taxonomy import load_taxonomy
from tangkas.training.alignment import DemandRow

Indicator = Literal["demand", "skills", "pay", "digital"]
INDICATORS: dict[Indicator, Callable[..., pa.Table]] = {
    "demand": demand.demand_by,
    "skills": demand.skill_demand,
    "pay": demand.median_pay,
    "digital": demand.digital_share,
}
"""Each indicator's function over the postings table."""
PROVINCES_SHOWN = 40
"""Enough bars for every Indonesian province (38) on the analyst overview."""


def _postings(store: Store) -> pa.Table:
    return cached_postings(store)


def indicator(store: Store, name: Indicator, by: str = "province", *, top: int | None = 50) -> pa.Table:
    """One indicator over the stored postings, grouped by ``by`` (province, isco1..4, occupation, month)."""
    table = _postings(store)
    if name == "skills":
        return demand.skill_demand(table, by, top=top)
    result = INDICATORS[name](table, by)
    return result.slice(0, top) if top and name == "demand" else result


@dataclass(frozen=True, slots=True)
class MarketOverview:
    """The analyst's overview: demand by province and month, pay by major group, digital share by month."""

    counts: PostingCounts
    provinces: list[dict[str, Any]]
    months: list[tuple[str, int]]
    pay: list[dict[str, Any]]
    digital: list[tuple[str, float]]


def market_overview(store: Store) -> MarketOverview:
    """Every indicator the analyst page draws, from one reading of the stored postings."""
    table = _postings(store)
    months = demand.demand_by(table, "month").to_pylist()
    digital = demand.digital_share(table, "month").to_pylist()
    return MarketOverview(
        posting_counts(store),
        demand.demand_by(table, "province").slice(0, PROVINCES_SHOWN).to_pylist(),
        sorted((str(r["month"]), int(r["postings"])) for r in months if r["month"]),
        demand.median_pay(table, "isco1").to_pylist(),
        sorted((str(r["month"]), float(r["share"])) for r in digital if r["month"]),
    )


def indicator_to_dict(name: str, by: str, table: pa.Table) -> dict[str, Any]:
    """An indicator as JSON: the one shape of ``/api/indicators/{name}`` and ``tangkas indicators --json``."""
    return {"indicator": name, "by": by, "rows": table.to_pylist()}


def indicator_csv(table: pa.Table) -> bytes:
    """An indicator as CSV bytes, with a header row."""
    sink = io.BytesIO()
    pacsv.write_csv(table, sink)
    return sink.getvalue()


def with_labels(table: pa.Table, lang: Lang) -> pa.Table:
    """``table`` with a readable label in ``lang`` beside each code column (province, ISCO group,
    occupation, skill): what the CLI prints and the analyst's CSV downloads carry."""

    def label(column: str, value: str | None) -> str:
        if value is None:
            return ""
        if column == "province":
            return find_province(value).label(lang)
        tax = load_taxonomy()
        if column.startswith("isco"):
            group = tax.isco_groups.get(value)
            return group.label(lang) if group else ""
        if column == "occupation":
            found = value in tax.occupation_index
            return tax.occupations[tax.occupation_index[value]].label(lang) if found else ""
        return tax.skills[tax.skill_index[value]].label(lang) if value in tax.skill_index else ""

    for column in ("province", "isco", "isco1", "isco2", "isco3", "occupation", "skill_uri"):
        if column in table.column_names:
            values = [label(column, v) for v in table[column].to_pylist()]
            table = table.append_column(f"{column}_label", pa.array(values, pa.string()))
    return table


def skill_demand_rows(store: Store) -> list[DemandRow]:
    """Skill demand per province from the stored postings, in the form the alignment report reads."""
    table = demand.alignment_demand(_postings(store), by_province=True)
    return [DemandRow(r["skill_uri"], int(r["count"]), r.get("province")) for r in table.to_pylist()]
