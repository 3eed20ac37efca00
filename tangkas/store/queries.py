"""Read access to stored entities with filters and pagination, shared by the API and the pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tangkas.store import Store

POSTING_COLUMNS = (
    "id, source, external_id, title, company, province_code, province, city, posted_date, "
    "salary_min, salary_max, education, experience_min, category, occupation_uri, isco, synthetic"
)
WORKER_PUBLIC = "id, office_code, gender, birth_year, province_code, city, occupations, skills, synthetic"
WORKER_PERSONAL = (
    WORKER_PUBLIC + ", source, external_id, full_name, nik, phone, migrant_status, placement_country, "
    "bpjs_ketenagakerjaan, bpjs_kesehatan"
)
COURSE_COLUMNS = (
    "id, source, external_id, provider, provider_kind, title_id, title_en, skills, hours, cost_idr, mode, "
    "province_code, city, start_date, certification, capacity, prakerja, synthetic"
)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of results and the total matching count."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def _page(
    store: Store, table: str, columns: str, where: list[tuple[str, Any]], limit: int, offset: int
) -> Page:
    clause = " AND ".join(sql for sql, _ in where) or "TRUE"
    params = [value for _, value in where]
    total = int(store.backend.scalar(f"SELECT COUNT(*) FROM {table} WHERE {clause}", params))
    items = store.backend.query(
        f"SELECT {columns} FROM {table} WHERE {clause} ORDER BY id LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return Page(items, total, limit, offset)


def list_postings(
    store: Store,
    *,
    province_code: str | None = None,
    isco: str | None = None,
    query: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Postings, newest id last; ``isco`` matches any level (``83`` finds 8332)."""
    where: list[tuple[str, Any]] = []
    if province_code:
        where.append(("province_code = ?", province_code))
    if isco:
        where.append(("isco LIKE ?", f"{isco}%"))
    if query:
        where.append(("LOWER(title) LIKE ?", f"%{query.lower()}%"))
    return _page(store, "postings", POSTING_COLUMNS, where, limit, offset)


def list_workers(
    store: Store, *, office_code: str | None, personal: bool, limit: int = 50, offset: int = 0
) -> Page:
    """Workers of one office (or all, for ``office_code=None``); personal fields only when asked."""
    where: list[tuple[str, Any]] = [("office_code = ?", office_code)] if office_code else []
    return _page(store, "workers", WORKER_PERSONAL if personal else WORKER_PUBLIC, where, limit, offset)


def get_worker(store: Store, worker_id: int) -> dict[str, Any] | None:
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
    where: list[tuple[str, Any]] = []
    if province_code:
        where.append(("province_code = ?", province_code))
    if provider:
        where.append(("provider = ?", provider))
    return _page(store, "courses", COURSE_COLUMNS, where, limit, offset)
