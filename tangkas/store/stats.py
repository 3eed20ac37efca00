"""Counts over the store: its health, postings, and registered workers with small cells suppressed.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> store_health(store).backend
'duckdb'
>>> posting_counts(store)
PostingCounts(total=0, synthetic=0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tangkas.store import Store

WorkerGrouping = Literal["province_code", "gender", "migrant_status", "birth_decade", "office_code"]
GROUPINGS: dict[WorkerGrouping, str] = {
    "province_code": "province_code",
    "gender": "gender",
    "migrant_status": "migrant_status",
    "birth_decade": "CAST(FLOOR(birth_year / 10.0) * 10 AS INTEGER)",
    "office_code": "office_code",
}
"""The SQL expression each worker grouping counts by."""
MIN_CELL = 10
"""Aggregates over workers hide any cell with fewer people than this (re-identification risk)."""


@dataclass(frozen=True, slots=True)
class StoreHealth:
    """The schema version and the engine of a reachable store."""

    schema_version: int
    backend: str


@dataclass(frozen=True, slots=True)
class PostingCounts:
    """How many postings the store holds, and how many of them are synthetic."""

    total: int
    synthetic: int

    @property
    def synthetic_share(self) -> float:
        """The synthetic fraction (0 for an empty store)."""
        return self.synthetic / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Cell:
    """One group's count; ``count`` is ``None`` when the group is too small to show."""

    group: str | None
    count: int | None
    suppressed: bool


@dataclass(frozen=True, slots=True)
class WorkerCounts:
    """Registered workers counted by one attribute."""

    by: WorkerGrouping
    min_cell: int
    cells: tuple[Cell, ...]


def store_health(store: Store) -> StoreHealth:
    """The schema version and engine name (raises when the database cannot be reached); reads only,
    never creates a table (the health check must not write)."""
    with store.lock:
        version = store.backend.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version")
        return StoreHealth(int(version), store.backend.name)


def posting_counts(store: Store) -> PostingCounts:
    """All stored postings and the synthetic ones."""
    with store.lock:
        total, synthetic = store.backend.execute(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE synthetic) FROM postings"
        )[0]
    return PostingCounts(int(total), int(synthetic or 0))


def worker_counts(store: Store, by: WorkerGrouping = "province_code") -> WorkerCounts:
    """Workers per group of ``by``; a group under :data:`MIN_CELL` people keeps its name, not its count."""
    expression = GROUPINGS[by]
    with store.lock:
        rows = store.backend.execute(
            f"SELECT {expression} AS grp, COUNT(*) FROM workers GROUP BY grp ORDER BY grp"
        )
    cells = tuple(
        Cell(None if group is None else str(group), int(n) if n >= MIN_CELL else None, n < MIN_CELL)
        for group, n in rows
    )
    return WorkerCounts(by, MIN_CELL, cells)
