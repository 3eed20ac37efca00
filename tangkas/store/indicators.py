"""Demand indicators over the stored postings: the market module's functions fed from the store.

The store hands the postings (with their coded occupation and skills) to
:mod:`tangkas.market.demand` as one Arrow table; the indicators are computed there, the same code the
CLI runs over feed files.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from tangkas.market import demand
from tangkas.market.tables import SCHEMA
from tangkas.store import Store
from tangkas.training.alignment import DemandRow


def postings_arrow(store: Store, *, province_code: str | None = None) -> pa.Table:
    """Stored postings in the shape the demand indicators read (one row per posting, skills as a list);
    ``confident`` is what the coding pipeline's calibrated rule said when the posting was coded."""
    where = "WHERE p.province_code = ?" if province_code else ""
    rows = store.backend.execute(
        "SELECT p.source, p.external_id, p.title, p.province_code, p.city, p.posted_date, p.salary_min, "
        "p.salary_max, p.category, p.occupation_uri, p.isco, p.occupation_score, p.occupation_confident, "
        "ARRAY_AGG(s.skill_uri) FILTER (WHERE s.skill_uri IS NOT NULL) "
        f"FROM postings p LEFT JOIN posting_skills s ON s.posting_id = p.id {where} "
        "GROUP BY p.id, p.source, p.external_id, p.title, p.province_code, p.city, p.posted_date, "
        "p.salary_min, p.salary_max, p.category, p.occupation_uri, p.isco, p.occupation_score, "
        "p.occupation_confident",
        (province_code,) if province_code else (),
    )
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for row in rows:
        (
            source,
            external_id,
            title,
            province,
            city,
            posted,
            low,
            high,
            category,
            occupation,
            isco,
            score,
            confident,
            skills,
        ) = row
        for name, value in (
            ("source", source),
            ("external_id", external_id),
            ("title", title),
            ("province_code", province),
            ("city", city),
            ("month", posted.strftime("%Y-%m") if posted else None),
            ("posted_date", posted),
            ("salary_min", int(low) if low is not None else None),
            ("salary_max", int(high) if high is not None else None),
            ("category", category),
            ("occupation", occupation),
            ("isco", isco),
            ("score", score),
            ("confident", bool(confident)),
            ("skills", list(skills or [])),
        ):
            columns[name].append(value)
    return pa.table(columns, schema=SCHEMA)


def skill_demand_rows(store: Store) -> list[DemandRow]:
    """Skill demand per province from the stored postings, in the form the alignment report reads."""
    table = demand.alignment_demand(postings_arrow(store), by_province=True)
    return [DemandRow(r["skill_uri"], int(r["count"]), r.get("province")) for r in table.to_pylist()]
