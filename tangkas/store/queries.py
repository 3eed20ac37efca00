"""Read access to stored entities with filters and pagination, shared by the API and the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from weakref import WeakKeyDictionary

from tangkas.careers.transitions import DemandTable
from tangkas.market.postings import POSTINGS
from tangkas.rows.entities import WORKERS
from tangkas.store import Store
from tangkas.store.derived import PerStore
from tangkas.training.catalog import CourseCatalog
from tangkas.training.course_rows import COURSES, stored_course

POSTING_COLUMNS = ", ".join(("id", *(name for name in POSTINGS.names if name != "text")))
"""What a list of postings shows: every field but the ad's text."""
WORKER_PUBLIC = ", ".join(
    ("id", *(f.name for f in WORKERS.fields if not (f.personal or f.name in WORKERS.key)))
)
"""What any counsellor may see of a worker: no name, NIK, phone, migration or social-security status."""
WORKER_PERSONAL = ", ".join(("id", *WORKERS.names))
WORKER_RECORD = f"{WORKER_PERSONAL}, created_at, last_activity_at, erased_at"
"""One worker's whole row as the worker's own page and an access request show it."""
ACTIVE = "erased_at IS NULL"
"""Erased workers are left out of every list and search."""
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
    where: list[tuple[str, Any]] = [(ACTIVE, ())]
    if office_code:
        where.append(("office_code = ?", office_code))
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


def nik_holder(store: Store, nik: str, *, other_than: int | None = None) -> int | None:
    """The id of the worker of any office registered with ``nik`` (other than ``other_than``), erased
    workers aside: a NIK is one person's, whichever office registered them."""
    with store.lock:
        found = store.backend.scalar(
            f"SELECT MIN(id) FROM workers WHERE nik = ? AND id <> ? AND {ACTIVE}", (nik, other_than or 0)
        )
    return None if found is None else int(found)


def nik_holders(store: Store, niks: list[str]) -> set[str]:
    """Which of ``niks`` are already registered (erased workers aside)."""
    if not niks:
        return set()
    marks = ", ".join("?" for _ in niks)
    with store.lock:
        rows = store.backend.execute(
            f"SELECT DISTINCT nik FROM workers WHERE nik IN ({marks}) AND {ACTIVE}", niks
        )
    return {str(r[0]) for r in rows}


def nik_offices(store: Store, niks: list[str]) -> dict[str, set[str]]:
    """The offices holding each of ``niks`` that is registered (erased workers aside)."""
    if not niks:
        return {}
    marks = ", ".join("?" for _ in niks)
    with store.lock:
        rows = store.backend.execute(
            f"SELECT DISTINCT nik, office_code FROM workers WHERE nik IN ({marks}) AND {ACTIVE}", niks
        )
    offices: dict[str, set[str]] = {}
    for nik, office in rows:
        offices.setdefault(str(nik), set()).add(str(office))
    return offices


WORKER_EDITABLE = tuple(
    f.name for f in WORKERS.fields if f.name not in (*WORKERS.key, "office_code", "synthetic")
)
"""What a counsellor may change of a worker: everything but the row's identity, office and origin."""


def update_worker(store: Store, worker_id: int, values: dict[str, Any]) -> None:
    """Write the editable fields of one worker (the office, source and id stay); the worker's last
    activity is now."""
    names = [name for name in WORKER_EDITABLE if name in values]
    assignments = "".join(f"{name} = ?, " for name in names)
    with store.lock:
        store.backend.execute(
            f"UPDATE workers SET {assignments}last_activity_at = ? WHERE id = ? AND {ACTIVE}",
            [*(values[n] for n in names), _now(), worker_id],
        )
    store.changed()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def touch_workers(store: Store, worker_ids: list[int], when: datetime | None = None) -> None:
    """Mark the workers as active now (registration, a correction, a plan saved): their retention
    period starts again."""
    if not worker_ids:
        return
    marks = ", ".join("?" for _ in worker_ids)
    with store.lock:
        store.backend.execute(
            f"UPDATE workers SET last_activity_at = ? WHERE id IN ({marks})", [when or _now(), *worker_ids]
        )


def existing_worker_ids(store: Store, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, str]]:
    """``(source, external_id)`` -> ``(id, office_code)`` of the keys already stored."""
    found: dict[tuple[str, str], tuple[int, str]] = {}
    with store.lock:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = " OR ".join("(source = ? AND external_id = ?)" for _ in chunk)
            params = [part for key in chunk for part in key]
            for source, external_id, worker_id, office in store.backend.execute(
                f"SELECT source, external_id, id, office_code FROM workers WHERE {marks}", params
            ):
                found[(str(source), str(external_id))] = (int(worker_id), str(office))
    return found


ERASED_NAME = "-"
"""What an erased worker's (required) name becomes."""
ERASED_FIELDS = (
    "nik",
    "phone",
    "gender",
    "birth_year",
    "city",
    "skills",
    "migrant_status",
    "placement_country",
    "bpjs_ketenagakerjaan",
    "bpjs_kesehatan",
    "notes",
    "consent_at",
)
"""Blanked on erasure with the name; kept: id, office, province, occupations, legal basis and the
registration, activity and erasure times (see docs/privacy.md)."""


ERASED_RECORDS = (
    "DELETE FROM placement_documents WHERE placement_id IN (SELECT id FROM placements WHERE worker_id = ?)",
    "DELETE FROM placements WHERE worker_id = ?",
    "DELETE FROM memberships WHERE worker_id = ?",
    "DELETE FROM outreach_contacts WHERE worker_id = ?",
    "DELETE FROM interest_profiles WHERE worker_id = ?",
)
"""Deleted on erasure: a worker's social-security spells, placements and their documents, the
counsellors' outreach contacts with them, and their interest profiles (see docs/privacy.md)."""
ERASED_ENROLMENT_IDS = "UPDATE enrolments SET external_id = 'erased-' || CAST(id AS TEXT) WHERE worker_id = ?"
"""On erasure a worker's enrolments stay (the training outcome is a service delivered), but each loses
its external id, as the worker's record does: a source system's id may itself identify the person."""


def erase_worker(store: Store, worker_id: int, when: datetime | None = None) -> bool:
    """Blank one worker's personal fields and the free text and snapshots of their saved plans, keeping
    a non-identifying record that the service was delivered (their enrolments stay, without their
    external ids), and delete their membership spells, placements and placement documents (every field
    of which is personal); ``False`` when there is no such worker or they were erased already."""
    when = when or _now()
    blanks = ", ".join(f"{name} = NULL" for name in ERASED_FIELDS)
    with store.lock, store.backend.transaction():
        if store.backend.scalar(f"SELECT COUNT(*) FROM workers WHERE id = ? AND {ACTIVE}", (worker_id,)) == 0:
            return False
        store.backend.execute(
            f"UPDATE workers SET full_name = ?, external_id = ?, {blanks}, erased_at = ? WHERE id = ?",
            (ERASED_NAME, f"erased-{worker_id}", when, worker_id),
        )
        store.backend.execute(
            "UPDATE saved_plans SET note = NULL, snapshot = NULL, skills = NULL WHERE worker_id = ?",
            (worker_id,),
        )
        for statement in ERASED_RECORDS:
            store.backend.execute(statement, (worker_id,))
        store.backend.execute(ERASED_ENROLMENT_IDS, (worker_id,))
    store.changed()
    return True


def expired_workers(store: Store, before: datetime) -> list[int]:
    """Workers (not yet erased) whose last activity is older than ``before``, by id."""
    with store.lock:
        rows = store.backend.execute(
            f"SELECT id FROM workers WHERE {ACTIVE} AND last_activity_at < ? ORDER BY id", (before,)
        )
    return [int(r[0]) for r in rows]


def start_unknown_activity(store: Store, when: datetime | None = None) -> int:
    """Give workers imported without an activity time (file imports) one: ``when`` starts their
    retention period. How many there were."""
    with store.lock:
        count = int(store.backend.scalar("SELECT COUNT(*) FROM workers WHERE last_activity_at IS NULL"))
        if count:
            store.backend.execute(
                "UPDATE workers SET last_activity_at = COALESCE(created_at, ?) "
                "WHERE last_activity_at IS NULL",
                (when or _now(),),
            )
    return count


def worker_enrolments(store: Store, worker_id: int) -> list[dict[str, Any]]:
    """The courses a worker enrolled in (with the course's title and provider), with their outcome, in
    the order they were stored."""
    with store.lock:
        return store.backend.query(
            "SELECT e.id, e.source, e.external_id, e.course_id, c.title_id AS course_title, "
            "c.title_en AS course_title_en, c.provider, e.status, e.enrolled_on, e.completed_on, "
            "e.certified, e.placed, e.placed_on, e.placed_occupation_uri, e.placed_isco, e.synthetic, "
            "e.created_at FROM enrolments e LEFT JOIN courses c ON c.id = e.course_id "
            "WHERE e.worker_id = ? ORDER BY e.id",
            (worker_id,),
        )


def worker_saved_plans(store: Store, worker_id: int) -> list[dict[str, Any]]:
    """Every plan saved to a worker's record with its snapshot (JSON text), oldest first."""
    with store.lock:
        return store.backend.query(
            "SELECT id, occupations, skills, target_uri, province_code, budget, note, key_id, snapshot, "
            "created_at FROM saved_plans WHERE worker_id = ? ORDER BY id",
            (worker_id,),
        )


def worker_id_of(store: Store, source: str, external_id: str) -> int | None:
    """The id of the worker identified by ``(source, external_id)``."""
    with store.lock:
        found = store.backend.scalar(
            "SELECT id FROM workers WHERE source = ? AND external_id = ?", (source, external_id)
        )
    return None if found is None else int(found)


def get_worker(store: Store, worker_id: int) -> dict[str, Any] | None:
    """One worker with personal fields (erased workers too: see ``erased_at``), or ``None``."""
    with store.lock:
        rows = store.backend.query(f"SELECT {WORKER_RECORD} FROM workers WHERE id = ?", (worker_id,))
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
_DEMAND = PerStore[DemandTable](DEMAND_CACHE_SECONDS)


def fresh_demand_table(store: Store) -> DemandTable | None:
    """The cached demand table while it is fresh, else ``None``; never touches the database."""
    return _DEMAND.fresh(store)


def demand_table(store: Store) -> DemandTable:
    """``compute_demand_table`` cached per store for a few minutes, and recomputed after this process
    writes to the store (the hot path of recommendations then never waits for the database)."""
    return _DEMAND.get(store, _locked_demand_table)


def _locked_demand_table(store: Store) -> DemandTable:
    with store.lock:
        return compute_demand_table(store)


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


def worker_profile_rows(store: Store, office_code: str | None = None) -> list[tuple[int, str, str, str]]:
    """``(id, occupations, skills, province_code)`` of every worker with an occupation or a skill on
    record (lists as stored, ``|``-joined), in id order; only ``office_code``'s when given."""
    where = "WHERE (occupations <> '' OR skills <> '')" + (" AND office_code = ?" if office_code else "")
    with store.lock:
        rows = store.backend.execute(
            f"SELECT id, COALESCE(occupations, ''), COALESCE(skills, ''), province_code FROM workers {where} "
            "ORDER BY id",
            (office_code,) if office_code else (),
        )
    return [(int(i), str(o), str(s), p) for i, o, s, p in rows]
