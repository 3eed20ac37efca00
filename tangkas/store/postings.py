"""The stored postings as the analysis frame the demand indicators read.

The store hands the postings (with their coded occupation, confidence and skills) to
:mod:`tangkas.market.demand` as one Arrow table of :data:`tangkas.market.tables.SCHEMA`; the indicators
are computed there (:mod:`tangkas.services.indicators`), the same code the CLI runs over feed files.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from tangkas.market.postings import monthly_idr
from tangkas.market.tables import SCHEMA
from tangkas.store import Store
from tangkas.store.derived import PerStore

POSTINGS_CACHE_SECONDS = 300.0
"""How long a process reuses its reading of all postings when it has not written to the store itself
(another process's import shows within this time), as the demand table does."""
_TABLES = PerStore[pa.Table](POSTINGS_CACHE_SECONDS)


def postings_arrow(store: Store, *, province_code: str | None = None) -> pa.Table:
    """Stored postings in the shape the demand indicators read (one row per posting, skills as a list);
    ``confident`` is what the coding pipeline's calibrated rule said when the posting was coded. Rows come
    in the order postings were stored, so every indicator breaks ties the same way."""
    where = "WHERE p.province_code = ?" if province_code else ""
    with store.lock:
        rows = store.backend.execute(
            "SELECT p.source, p.external_id, p.title, p.province_code, p.city, p.posted_date, p.salary_min, "
            "p.salary_max, p.category, p.occupation_uri, p.isco, p.occupation_score, p.occupation_confident, "
            "ARRAY_AGG(s.skill_uri) FILTER (WHERE s.skill_uri IS NOT NULL) "
            f"FROM postings p LEFT JOIN posting_skills s ON s.posting_id = p.id {where} "
            "GROUP BY p.id, p.source, p.external_id, p.title, p.province_code, p.city, p.posted_date, "
            "p.salary_min, p.salary_max, p.category, p.occupation_uri, p.isco, p.occupation_score, "
            "p.occupation_confident ORDER BY p.id",
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
            ("salary_min", monthly_idr(low)),  # None for a value no bound let in (an old row's 1e19)
            ("salary_max", monthly_idr(high)),
            ("category", category),
            ("occupation", occupation),
            ("isco", isco),
            ("score", score),
            ("confident", bool(confident)),
            ("skills", list(skills or [])),
        ):
            columns[name].append(value)
    return pa.table(columns, schema=SCHEMA)


def cached_postings(store: Store) -> pa.Table:
    """All stored postings as :func:`postings_arrow` reads them, read once per store for a few minutes and
    again after this process writes to the store: the analyst pages, the youth view and a young
    person's pathways read the whole table, which must not happen on every page view."""
    return _TABLES.get(store, postings_arrow)
