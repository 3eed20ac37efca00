"""The audit log of access to personal data: who did what to which record, and when; never the data.

The service only ever appends to ``audit_log``: no code path updates or deletes a row, and on PostgreSQL a
trigger (migration 10) refuses any UPDATE, DELETE or TRUNCATE. ``detail`` holds non-personal facts as
JSON: the ids a list returned, a row count, an import's source, the HTTP status of a denied attempt.

>>> from tangkas.store import open_store
>>> from tangkas.store.keys import create_key
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> key = create_key(store, "admin")
>>> audit(store, key, "list", "worker", detail={"ids": [3, 4]})
>>> [(e["action"], e["detail"]) for e in audit_entries(store).items]
[('list', {'ids': [3, 4]})]
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tangkas.store import Store

if TYPE_CHECKING:
    from tangkas.store.keys import ApiKey
    from tangkas.store.queries import Page

AUDIT_COLUMNS = "id, happened_at, key_id, role, action, entity, entity_id, office_code, detail"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def audit(
    store: Store,
    key: ApiKey | None,
    action: str,
    entity: str,
    entity_id: str | None = None,
    *,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Record that ``key`` (``None``: an unknown caller) did ``action`` on personal data. ``detail``
    must hold no personal value: ids, counts, sources, statuses."""
    with store.lock:
        store.backend.execute(
            "INSERT INTO audit_log (happened_at, key_id, role, action, entity, entity_id, office_code, "
            "detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _now(),
                key.id if key else None,
                key.role if key else None,
                action,
                entity,
                entity_id,
                key.office_code if key else None,
                json.dumps(dict(detail), sort_keys=True) if detail else None,
            ),
        )


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "detail": json.loads(row["detail"]) if row["detail"] else None}


def audit_entries(
    store: Store,
    *,
    since: datetime | None = None,
    action: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page:
    """Audit entries, oldest first, from ``since`` and of one ``action`` when given."""
    from tangkas.store.queries import Page

    where, params = ["TRUE"], list[Any]()
    if since is not None:
        where.append("happened_at >= ?")
        params.append(since)
    if action:
        where.append("action = ?")
        params.append(action)
    clause = " AND ".join(where)
    with store.lock:
        total = int(store.backend.scalar(f"SELECT COUNT(*) FROM audit_log WHERE {clause}", params))
        rows = store.backend.query(
            f"SELECT {AUDIT_COLUMNS} FROM audit_log WHERE {clause} ORDER BY id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    return Page([_entry(r) for r in rows], total, limit, offset)


def entries_about(store: Store, worker_id: int, plan_ids: list[int]) -> list[dict[str, Any]]:
    """The audit entries about one worker and the plans saved to their record, oldest first."""
    plans = ", ".join("?" for _ in plan_ids)
    about_plans = f" OR (entity = 'saved_plan' AND entity_id IN ({plans}))" if plan_ids else ""
    with store.lock:
        rows = store.backend.query(
            f"SELECT {AUDIT_COLUMNS} FROM audit_log WHERE (entity = 'worker' AND entity_id = ?){about_plans} "
            "ORDER BY id",
            [str(worker_id), *(str(p) for p in plan_ids)],
        )
    return [_entry(r) for r in rows]
