"""Read access to stored entities with filters and pagination, shared by the API and the pages."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from weakref import WeakKeyDictionary

from tangkas.careers.transitions import DemandTable
from tangkas.market.postings import POSTINGS
from tangkas.rows.entities import WORKERS
from tangkas.store import Store
from tangkas.training.catalog import CourseCatalog
from tangkas.training.course_rows import COURSES, stored_course

POSTING_COLUMNS = ", ".join(("id", *(name for name in POSTINGS.names if name != "text")))
"""What a list of postings shows: every field but the ad's text."""
WORKER_PUBLIC = ", ".join(
    ("id", *(f.name for f in WORKERS.fields if not (f.personal or f.name in WORKERS.key)))
)
"""What any counsellor may see of a worker: no name, NIK, phone, migration or social-security status."""
WORKER_PERSONAL = ", ".join(("id", *WORKERS.names))
COURSE_COLUMNS = ", ".join(("id", *COURSES.names))


@dataclass(frozen=True, slots=True)
class Page:
    """One page of results and the total matching count."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        """The page as the API returns it.

        >>> Page([{"id": 1}], 1, 50, 0).to_dict()["total"]
        1
        """
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


def _page(
    store: Store, table: str, columns: str, where: list[tuple[str, Any]], limit: int, offset: int
) -> Page:
    clause = " AND ".join(sql for sql, _ in where) or "TRUE"
    params = [part for _, value in where for part in (value if isinstance(value, tuple) else (value,))]
    with store.lock:
        total = int(store.backend.scalar(f"SELECT COUNT(*) FROM {table} WHERE {clause}", params))
        items = store.backend.query(
            f"SELECT {columns} FROM {table} WHERE {clause} ORDER BY id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    return Page(items, total, limit, offset)


def _where(*conditions: tuple[str, Any]) -> list[tuple[str, Any]]:
    """The conditions whose value is given (neither None nor empty)."""
    return [(sql, value) for sql, value in conditions if value]


def list_postings(
    store: Store,
    *,
    province_code: str | None = None,
    isco: str | None = None,
    occupation_uri: str | None = None,
    query: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Postings, newest id last; ``isco`` matches any level (``83`` finds 8332)."""
    where = _where(
        ("occupation_uri = ?", occupation_uri),
        ("province_code = ?", province_code),
        ("isco LIKE ?", isco and f"{isco}%"),
        ("LOWER(title) LIKE ?", query and f"%{query.lower()}%"),
    )
    return _page(store, "postings", POSTING_COLUMNS, where, limit, offset)


def nearby_postings(
    store: Store, occupation_uri: str, *, province_code: str | None = None, limit: int = 10
) -> list[dict[str, Any]]:
    """Postings coded to one occupation, best first: in ``province_code`` first when given, then those
    coded with confidence, then the newest."""
    order = [
        "CASE WHEN province_code = ? THEN 0 ELSE 1 END",
        "CASE WHEN occupation_confident THEN 0 ELSE 1 END",
        "posted_date DESC NULLS LAST",
        "id DESC",
    ]
    with store.lock:
        return store.backend.query(
            f"SELECT {POSTING_COLUMNS} FROM postings WHERE occupation_uri = ? ORDER BY {', '.join(order)} "
            "LIMIT ?",
            (occupation_uri, province_code or "", limit),
        )


def list_workers(
    store: Store,
    *,
    office_code: str | None,
    personal: bool,
    query: str = "",
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Workers of one office (or all, for ``office_code=None``); personal fields only when asked.

    ``query`` searches what the caller may see: name (any part) or NIK (from its start) with personal
    fields, else city, province code or occupation."""
    where: list[tuple[str, Any]] = [("office_code = ?", office_code)] if office_code else []
    words = query.strip().lower()
    if words and personal:
        where.append(("(LOWER(full_name) LIKE ? OR nik LIKE ?)", (f"%{words}%", f"{words}%")))
    elif words:
        where.append(
            (
                "(LOWER(city) LIKE ? OR province_code = ? OR LOWER(occupations) LIKE ?)",
                (f"%{words}%", words, f"%{words}%"),
            )
        )
    return _page(store, "workers", WORKER_PERSONAL if personal else WORKER_PUBLIC, where, limit, offset)


def office_nik_holder(
    store: Store, office_code: str, nik: str, *, other_than: int | None = None
) -> int | None:
    """The id of the worker of ``office_code`` registered with ``nik`` (other than ``other_than``)."""
    with store.lock:
        found = store.backend.scalar(
            "SELECT MIN(id) FROM workers WHERE office_code = ? AND nik = ? AND id <> ?",
            (office_code, nik, other_than or 0),
        )
    return None if found is None else int(found)


WORKER_EDITABLE = tuple(
    f.name for f in WORKERS.fields if f.name not in (*WORKERS.key, "office_code", "synthetic")
)
"""What a counsellor may change of a worker: everything but the row's identity, office and origin."""


def update_worker(store: Store, worker_id: int, values: dict[str, Any]) -> None:
    """Write the editable fields of one worker (the office, source and id stay)."""
    names = [name for name in WORKER_EDITABLE if name in values]
    assignments = ", ".join(f"{name} = ?" for name in names)
    with store.lock:
        store.backend.execute(
            f"UPDATE workers SET {assignments} WHERE id = ?", [*(values[n] for n in names), worker_id]
        )
    store.changed()


def worker_id_of(store: Store, source: str, external_id: str) -> int | None:
    """The id of the worker identified by ``(source, external_id)``."""
    with store.lock:
        found = store.backend.scalar(
            "SELECT id FROM workers WHERE source = ? AND external_id = ?", (source, external_id)
        )
    return None if found is None else int(found)


def get_worker(store: Store, worker_id: int) -> dict[str, Any] | None:
    """One worker with personal fields, or ``None``."""
    with store.lock:
        rows = store.backend.query(f"SELECT {WORKER_PERSONAL} FROM workers WHERE id = ?", (worker_id,))
    return rows[0] if rows else None


def list_courses(
    store: Store,
    *,
    province_code: str | None = None,
    provider: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    where = _where(("province_code = ?", province_code), ("provider = ?", provider))
    return _page(store, "courses", COURSE_COLUMNS, where, limit, offset)


MIN_PAY_POSTINGS = 10
"""A median advertised pay is only given from at least this many postings that state pay."""


DEMAND_CACHE_SECONDS = 300.0
_demand: WeakKeyDictionary[Store, tuple[float, int, DemandTable]] = WeakKeyDictionary()


def demand_table(store: Store) -> DemandTable:
    """``compute_demand_table`` cached per store for a few minutes, and recomputed after this process
    writes to the store (the hot path of recommendations then never waits for the database)."""
    cached = _demand.get(store)
    if cached and cached[1] == store.generation and time.monotonic() - cached[0] < DEMAND_CACHE_SECONDS:
        return cached[2]
    with store.lock:
        table = compute_demand_table(store)
    _demand[store] = (time.monotonic(), store.generation, table)
    return table


def compute_demand_table(store: Store) -> DemandTable:
    """Pay and posting counts per coded occupation (and province) from the stored postings."""
    postings = {
        uri: int(n)
        for uri, n in store.backend.execute(
            "SELECT occupation_uri, COUNT(*) FROM postings WHERE occupation_uri IS NOT NULL "
            "GROUP BY occupation_uri"
        )
    }
    by_province = {
        (uri, code): int(n)
        for uri, code, n in store.backend.execute(
            "SELECT occupation_uri, province_code, COUNT(*) FROM postings "
            "WHERE occupation_uri IS NOT NULL AND province_code IS NOT NULL "
            "GROUP BY occupation_uri, province_code"
        )
    }
    pay = {
        uri: float(median)
        for uri, median, n in store.backend.execute(
            "SELECT occupation_uri, "
            "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY (salary_min + salary_max) / 2), COUNT(*) "
            "FROM postings WHERE occupation_uri IS NOT NULL AND salary_min IS NOT NULL "
            "AND salary_max IS NOT NULL GROUP BY occupation_uri"
        )
        if n >= MIN_PAY_POSTINGS
    }
    group_pay = {
        str(isco): float(median)
        for isco, median, n in store.backend.execute(
            "SELECT isco, "
            "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY (salary_min + salary_max) / 2), COUNT(*) "
            "FROM postings WHERE isco IS NOT NULL AND salary_min IS NOT NULL "
            "AND salary_max IS NOT NULL GROUP BY isco"
        )
        if n >= MIN_PAY_POSTINGS
    }
    return DemandTable(
        median_pay=pay, postings=postings, province_postings=by_province, group_median_pay=group_pay
    )


def save_plan(
    store: Store,
    worker_id: int,
    *,
    occupations: list[str],
    skills: list[str],
    target_uri: str,
    province_code: str | None,
    budget: int,
    key_id: int | None,
    note: str | None = None,
    snapshot: str | None = None,
    created_at: datetime | None = None,
) -> int:
    """Attach a counselling session's plan to a worker's record; the new row's id. ``snapshot`` is the
    plan as shown (JSON), kept as it was whatever happens to the catalog later."""
    row = (";".join(occupations), ";".join(skills), target_uri, province_code, budget, note, key_id, snapshot)
    when = created_at or datetime.now(UTC).replace(tzinfo=None)
    with store.lock:
        store.backend.execute(
            "INSERT INTO saved_plans (worker_id, occupations, skills, target_uri, province_code, budget, "
            "note, key_id, snapshot, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (worker_id, *row, when),
        )
        return int(store.backend.scalar("SELECT MAX(id) FROM saved_plans WHERE worker_id = ?", (worker_id,)))


def worker_plans(store: Store, worker_id: int) -> list[dict[str, Any]]:
    """The plans saved to a worker's record, newest first."""
    with store.lock:
        return store.backend.query(
            "SELECT id, occupations, skills, target_uri, province_code, budget, note, created_at, "
            "snapshot IS NOT NULL AS has_snapshot FROM saved_plans WHERE worker_id = ? ORDER BY id DESC",
            (worker_id,),
        )


def saved_plan(store: Store, worker_id: int, plan_id: int) -> dict[str, Any] | None:
    """One plan saved to a worker's record, with its snapshot, or ``None``."""
    with store.lock:
        rows = store.backend.query(
            "SELECT id, worker_id, target_uri, budget, note, key_id, snapshot, created_at "
            "FROM saved_plans WHERE worker_id = ? AND id = ?",
            (worker_id, plan_id),
        )
    return rows[0] if rows else None


_catalogs: WeakKeyDictionary[Store, tuple[int, CourseCatalog]] = WeakKeyDictionary()
"""Each open store's planning catalog with the course count it was read at."""


def store_catalog(store: Store) -> CourseCatalog | None:
    """The courses in the store as a catalog for planning (``None`` when there are none); cached per count."""
    with store.lock:
        count = int(store.backend.scalar("SELECT COUNT(*) FROM courses"))
        if not count:
            return None
        cached = _catalogs.get(store)
        if cached and cached[0] == count:
            return cached[1]
        rows = store.backend.query(f"SELECT {COURSE_COLUMNS} FROM courses ORDER BY id")
    catalog = CourseCatalog(stored_course(r) for r in rows)
    _catalogs[store] = (count, catalog)
    return catalog
