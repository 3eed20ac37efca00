"""Workers' social-security membership spells, PMI placements, placement documents and course enrolments,
for counsellors.

Like a worker's record (:mod:`tangkas.services.records`), they are personal: a counsellor reads and
imports them only for their own office's workers, an admin for any office, nobody else (analysts get
aggregates only); every read and import is written to the audit log with ids and counts, never a value.

>>> from tangkas.store import open_store
>>> from tangkas.store.keys import create_key
>>> from tangkas.services.imports import AUDITED_AS, import_rows
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> worker = {"source": "t", "external_id": "w1", "office_code": "BDG", "full_name": "Siti"}
>>> _ = import_rows(store, "workers", [worker], "doc")
>>> counsellor = create_key(store, "counsellor", office_code="BDG")
>>> spell = {"source": "bpjs", "external_id": "m1", "worker_source": "t", "worker_external_id": "w1",
...          "programme": "JKK", "segment": "pmi", "valid_from": "2025-01-01", "paid_until": "2025-06-30"}
>>> import_records(store, counsellor, "memberships", [spell], "doc").inserted
1
>>> [m["programme"] for m in read_memberships(store, counsellor, 1)]
['JKK']
>>> read_memberships(store, create_key(store, "counsellor", office_code="SBY"), 1) is None
True
"""

from __future__ import annotations

from typing import Any

from tangkas.rows.report import RowReport, RowsRejectedError
from tangkas.services.imports import AUDITED_AS, import_rows
from tangkas.services.records import RECORD_ROLES, visible_worker
from tangkas.store import Store
from tangkas.store.audit import audit
from tangkas.store.keys import ApiKey
from tangkas.store.protection_records import worker_memberships, worker_placements
from tangkas.store.queries import worker_enrolments

RECORD_KINDS = {
    kind: AUDITED_AS[kind] for kind in ("memberships", "placements", "placement_documents", "enrolments")
}
"""The importable kinds of these records and the entity name each is audited under."""


def read_memberships(store: Store, caller: ApiKey, worker_id: int) -> list[dict[str, Any]] | None:
    """A worker's membership spells if the caller may see the worker (``None`` otherwise), audited as
    ``read_memberships`` with the ids shown."""
    if visible_worker(store, caller, worker_id) is None:
        return None
    spells = worker_memberships(store, worker_id)
    audit(
        store, caller, "read_memberships", "worker", str(worker_id), detail={"ids": [s["id"] for s in spells]}
    )
    return spells


def read_placements(store: Store, caller: ApiKey, worker_id: int) -> list[dict[str, Any]] | None:
    """A worker's placements with their documents if the caller may see the worker (``None``
    otherwise), audited as ``read_placements`` with the ids of the placements and documents shown."""
    if visible_worker(store, caller, worker_id) is None:
        return None
    placements = worker_placements(store, worker_id)
    shown = {
        "ids": [p["id"] for p in placements],
        "documents": [d["id"] for p in placements for d in p["documents"]],
    }
    audit(store, caller, "read_placements", "worker", str(worker_id), detail=shown)
    return placements


def read_enrolments(store: Store, caller: ApiKey, worker_id: int) -> list[dict[str, Any]] | None:
    """A worker's course enrolments with their outcomes and the course's title if the caller may see
    the worker (``None`` otherwise), audited as ``read_enrolments`` with the ids shown."""
    if visible_worker(store, caller, worker_id) is None:
        return None
    enrolments = worker_enrolments(store, worker_id)
    shown = {"ids": [e["id"] for e in enrolments]}
    audit(store, caller, "read_enrolments", "worker", str(worker_id), detail=shown)
    return enrolments


def import_records(
    store: Store, caller: ApiKey, kind: str, rows: list[dict[str, Any]], label: str
) -> RowReport:
    """Import memberships, placements, placement documents or enrolments, all or nothing, with the checks
    of a file import. A counsellor's rows may name only their own office's workers (and those workers'
    placements; any course): any other is refused as not found, so an import cannot probe another
    office. Audited as ``import`` (or ``import_refused``) with the counts and sources."""
    if caller.role not in RECORD_ROLES:
        raise PermissionError(caller.role)
    office = caller.office_code if caller.role == "counsellor" else None
    entity = RECORD_KINDS[kind]
    try:
        report = import_rows(store, kind, rows, label, json_types=True, office=office)
    except RowsRejectedError as rejected:
        counts = {"rows": len(rows), "errors": rejected.report.error_count}
        audit(store, caller, "import_refused", entity, None, detail=counts)
        raise
    sources = sorted({str(r.get("source") or "") for r in rows})
    detail = {"rows": report.rows, "inserted": report.inserted, "sources": sources}
    audit(store, caller, "import", entity, None, detail=detail)
    return report
