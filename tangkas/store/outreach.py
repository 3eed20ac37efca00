"""The outreach lists of an office as of a day: coverage lapsing soon, no employment-injury cover, and
returned PMI nobody has followed up; and the counsellors' record of contacting a worker.

Every row is personal: the service (:mod:`tangkas.services.outreach`) shows them only to the office's
counsellor (or an admin) and audits each read. Erased workers are never listed.

``office`` ``None`` means every office (an admin's view). Dates are plain :class:`datetime.date` values;
the same SQL runs on DuckDB and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tangkas.store import Store
from tangkas.store.queries import ACTIVE, Page

FOLLOWED_UP = ("reached", "referred", "declined")
"""Contact outcomes that count as a follow-up (the worker was spoken to); ``no_answer`` and
``unreachable`` are attempts, kept on record, that do not."""
OUTCOMES = ("reached", "referred", "declined", "no_answer", "unreachable")
"""The outcome codes a counsellor records with a contact (no free text about the person)."""
REASONS = ("lapsing", "no_injury_cover", "returned_pmi")
"""The outreach lists, each also the reason a contact is recorded under."""


def _office(office: str | None) -> tuple[str, tuple[Any, ...]]:
    """The workers' filter (alias ``w``) for one office or every office, never an erased worker."""
    if office is None:
        return f"w.{ACTIVE}", ()
    return f"w.{ACTIVE} AND w.office_code = ?", (office,)


def _lapsing_where(office: str | None, as_of: date, days: int) -> tuple[str, tuple[Any, ...]]:
    """Spells ``m`` paid until a day in ``[as_of, as_of + days)`` that no later spell of the same worker
    and programme continues (one starting by the day after and paid until later)."""
    where, params = _office(office)
    sql = (
        f"FROM memberships m JOIN workers w ON w.id = m.worker_id WHERE {where} "
        "AND m.paid_until >= ? AND m.paid_until < ? AND NOT EXISTS (SELECT 1 FROM memberships n "
        "WHERE n.worker_id = m.worker_id AND n.programme = m.programme AND n.id <> m.id "
        "AND n.paid_until > m.paid_until AND n.valid_from <= m.paid_until + 1)"
    )
    return sql, (*params, as_of, as_of + timedelta(days=days))


def lapsing(store: Store, office: str | None, as_of: date, days: int, limit: int, offset: int) -> Page:
    """Workers whose cover lapses within ``days`` of ``as_of``, soonest first: per worker ``lapses_on``
    (the first day paid until) and ``spells`` (programme, segment, paid_until of each lapsing spell)."""
    sql, params = _lapsing_where(office, as_of, days)
    with store.lock:
        total = int(store.backend.scalar(f"SELECT COUNT(DISTINCT m.worker_id) {sql}", params))
        rows = store.backend.query(
            f"SELECT m.worker_id, MIN(m.paid_until) AS lapses_on {sql} GROUP BY m.worker_id "
            "ORDER BY lapses_on, m.worker_id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        ids = [r["worker_id"] for r in rows]
        spells = store.backend.query(
            f"SELECT m.worker_id, m.programme, m.segment, m.paid_until {sql} AND m.worker_id IN "
            f"({', '.join('?' * len(ids)) or 'NULL'}) ORDER BY m.paid_until, m.programme",
            (*params, *ids),
        )
    held: dict[int, list[dict[str, Any]]] = {}
    for spell in spells:
        held.setdefault(spell["worker_id"], []).append(
            {k: spell[k] for k in ("programme", "segment", "paid_until")}
        )
    items = [{**r, "spells": held.get(r["worker_id"], [])} for r in rows]
    return Page(_with_workers(store, items), total, limit, offset)


STANDING = (
    "CASE WHEN EXISTS (SELECT 1 FROM placements p WHERE p.worker_id = w.id AND p.status = 'abroad') "
    "OR w.migrant_status = 'current' THEN 'abroad' "
    "WHEN EXISTS (SELECT 1 FROM placements p WHERE p.worker_id = w.id AND p.status = 'prospective') "
    "OR w.migrant_status = 'prospective' THEN 'prospective' ELSE 'other' END"
)
"""A worker's standing as a PMI: abroad, prospective (preparing to leave) or other (at home)."""


def _uncovered(office: str | None, as_of: date) -> tuple[str, tuple[Any, ...]]:
    """Workers with no JKK spell covering ``as_of``, with their ``standing``, the last day of their
    latest JKK spell before it (``last_jkk``) and the start of a prospective placement (``departs_on``)."""
    where, params = _office(office)
    sql = (
        f"SELECT w.id AS worker_id, {STANDING} AS standing, "
        "(SELECT MAX(m.paid_until) FROM memberships m WHERE m.worker_id = w.id AND m.programme = 'JKK' "
        "AND m.valid_from <= ?) AS last_jkk, "
        "(SELECT MIN(p.contract_start) FROM placements p WHERE p.worker_id = w.id "
        "AND p.status = 'prospective') AS departs_on "
        f"FROM workers w WHERE {where} AND NOT EXISTS (SELECT 1 FROM memberships m "
        "WHERE m.worker_id = w.id AND m.programme = 'JKK' AND m.valid_from <= ? AND m.paid_until >= ?)"
    )
    return sql, (as_of, *params, as_of, as_of)


NO_COVER_ORDER = (
    "CASE standing WHEN 'abroad' THEN 0 WHEN 'prospective' THEN 1 ELSE 2 END, "
    "departs_on NULLS LAST, last_jkk DESC NULLS LAST, worker_id"
)
"""PMI abroad first, then those about to leave (soonest first), then the rest (the most recently
lapsed first: their cover is the easiest to take up again)."""


def no_injury_cover(
    store: Store, office: str | None, as_of: date, limit: int, offset: int, *, pmi: bool | None = None
) -> Page:
    """Workers with no employment-injury (JKK) cover on ``as_of``, by urgency (:data:`NO_COVER_ORDER`);
    ``pmi`` True keeps PMI abroad or prospective only, False the others, None both."""
    sql, params = _uncovered(office, as_of)
    kept = {True: "WHERE standing <> 'other'", False: "WHERE standing = 'other'", None: ""}[pmi]
    with store.lock:
        total = int(store.backend.scalar(f"SELECT COUNT(*) FROM ({sql}) u {kept}", params))
        rows = store.backend.query(
            f"SELECT * FROM ({sql}) u {kept} ORDER BY {NO_COVER_ORDER} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
    return Page(_with_workers(store, rows), total, limit, offset)


def no_cover_counts(store: Store, office: str | None, as_of: date) -> dict[str, int]:
    """How many workers without JKK cover on ``as_of`` are PMI (abroad or prospective) and how many not."""
    sql, params = _uncovered(office, as_of)
    with store.lock:
        rows = store.backend.execute(
            f"SELECT standing = 'other', COUNT(*) FROM ({sql}) u GROUP BY standing = 'other'", params
        )
    found = {bool(other): int(n) for other, n in rows}
    return {"pmi": found.get(False, 0), "other": found.get(True, 0)}


def _returned_where(office: str | None, as_of: date) -> tuple[str, tuple[Any, ...]]:
    """Workers back from a placement by ``as_of`` (its status ``returned``; the day of return, or the
    contract's end when none is recorded) who are not abroad again and had no follow-up since: no plan
    saved to their record and no contact in which they were spoken to (:data:`FOLLOWED_UP`) from the day
    of return to ``as_of``."""
    where, params = _office(office)
    back = "COALESCE(p.returned_on, p.contract_end)"
    outcomes = ", ".join(f"'{o}'" for o in FOLLOWED_UP)
    sql = (
        f"FROM (SELECT p.worker_id, MAX({back}) AS returned_on FROM placements p "
        f"JOIN workers w ON w.id = p.worker_id WHERE {where} AND p.status = 'returned' AND {back} <= ? "
        "GROUP BY p.worker_id) r WHERE NOT EXISTS (SELECT 1 FROM placements a "
        "WHERE a.worker_id = r.worker_id AND a.status = 'abroad') "
        "AND NOT EXISTS (SELECT 1 FROM saved_plans s WHERE s.worker_id = r.worker_id "
        "AND s.created_at >= r.returned_on AND s.created_at < ?) "
        "AND NOT EXISTS (SELECT 1 FROM outreach_contacts c WHERE c.worker_id = r.worker_id "
        f"AND c.contacted_on >= r.returned_on AND c.contacted_on <= ? AND c.outcome IN ({outcomes}))"
    )
    return sql, (*params, as_of, as_of + timedelta(days=1), as_of)


def returned_without_follow_up(
    store: Store, office: str | None, as_of: date, limit: int, offset: int
) -> Page:
    """Returned PMI with no follow-up (see :func:`_returned_where`), the longest waiting first: per
    worker ``returned_on`` and the ``placement`` they came back from (destination, sector, occupation)."""
    sql, params = _returned_where(office, as_of)
    with store.lock:
        total = int(store.backend.scalar(f"SELECT COUNT(*) {sql}", params))
        rows = store.backend.query(
            f"SELECT r.worker_id, r.returned_on {sql} ORDER BY r.returned_on, r.worker_id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        ids = [r["worker_id"] for r in rows]
        placements = store.backend.query(
            "SELECT worker_id, destination, sector, occupation_uri, isco, contract_start, departed_on, "
            "COALESCE(returned_on, contract_end) AS returned_on FROM placements WHERE status = 'returned' "
            f"AND worker_id IN ({', '.join('?' * len(ids)) or 'NULL'}) ORDER BY id",
            tuple(ids),
        )
    last = {(p["worker_id"], p["returned_on"]): p for p in placements}
    items = [{**r, "placement": last.get((r["worker_id"], r["returned_on"]))} for r in rows]
    return Page(_with_workers(store, items), total, limit, offset)


def list_total(store: Store, name: str, office: str | None, as_of: date, days: int) -> int:
    """How many workers list ``name`` holds (one of :data:`REASONS`)."""
    if name == "lapsing":
        sql, params = _lapsing_where(office, as_of, days)
        query = f"SELECT COUNT(DISTINCT m.worker_id) {sql}"
    elif name == "no_injury_cover":
        sql, params = _uncovered(office, as_of)
        query = f"SELECT COUNT(*) FROM ({sql}) u"
    else:
        sql, params = _returned_where(office, as_of)
        query = f"SELECT COUNT(*) {sql}"
    with store.lock:
        return int(store.backend.scalar(query, params))


WORKER_COLUMNS = ("full_name", "phone", "migrant_status", "synthetic")


def _with_workers(store: Store, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item with its worker's name, phone, migrant status and synthetic mark."""
    ids = [item["worker_id"] for item in items]
    if not ids:
        return items
    with store.lock:
        rows = store.backend.query(
            f"SELECT id, {', '.join(WORKER_COLUMNS)} FROM workers WHERE id IN ({', '.join('?' * len(ids))})",
            tuple(ids),
        )
    found = {r["id"]: r for r in rows}
    return [{**item, **{k: found[item["worker_id"]][k] for k in WORKER_COLUMNS}} for item in items]


def add_contact(
    store: Store, worker_id: int, reason: str, contacted_on: date, outcome: str, key_id: int | None
) -> int:
    """Record that a worker was contacted (or tried) on ``contacted_on`` with ``outcome``; its id."""
    with store.lock, store.backend.transaction():
        store.backend.execute(
            "INSERT INTO outreach_contacts (worker_id, reason, contacted_on, outcome, key_id) "
            "VALUES (?, ?, ?, ?, ?)",
            (worker_id, reason, contacted_on, outcome, key_id),
        )
        found = store.backend.scalar(
            "SELECT MAX(id) FROM outreach_contacts WHERE worker_id = ?", (worker_id,)
        )
    store.changed()
    return int(found)


def worker_contacts(store: Store, worker_id: int) -> list[dict[str, Any]]:
    """A worker's recorded outreach contacts, the latest first."""
    with store.lock:
        return store.backend.query(
            "SELECT id, reason, contacted_on, outcome, created_at FROM outreach_contacts "
            "WHERE worker_id = ? ORDER BY contacted_on DESC, id DESC",
            (worker_id,),
        )
