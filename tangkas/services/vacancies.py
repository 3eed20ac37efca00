"""Stored job postings: vacancies near a worker for their target occupation, and the paged listing.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> vacancies_for(store, "http://data.europa.eu/esco/occupation/x", province_code="32")
[]
"""

from __future__ import annotations

from typing import Any

from tangkas.store import Store
from tangkas.store.queries import Page, list_postings, nearby_postings

NEARBY = 10
"""How many vacancies a plan shows beside the courses."""


def vacancies_for(
    store: Store, occupation_uri: str, *, province_code: str | None = None, limit: int = NEARBY
) -> list[dict[str, Any]]:
    """Postings coded to ``occupation_uri``, best first: those in ``province_code`` (when given), then
    those coded with confidence, then the newest; other provinces' postings follow, never hidden."""
    return nearby_postings(store, occupation_uri, province_code=province_code, limit=limit)


def postings(
    store: Store,
    *,
    province_code: str | None = None,
    isco: str | None = None,
    query: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """One page of stored postings, filtered by province, ISCO group (any level) and title words."""
    return list_postings(
        store, province_code=province_code, isco=isco, query=query, limit=limit, offset=offset
    )
