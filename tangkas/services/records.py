"""Workers' records for counsellors: their office's workers, saved plans, and the audit of every access.

A counsellor sees only their own office; an admin sees every office. Each read of personal data is
written to the audit log (who, what, which record; never the data itself).

>>> from tangkas.store import open_store
>>> from tangkas.store.keys import create_key
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> key = create_key(store, "counsellor", office_code="BDG")
>>> sign_in(store, key.secret).office_code, sign_in(store, "tk_bad_key")
('BDG', None)
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tangkas.careers.transitions import Profile
from tangkas.rows.entities import WORKERS
from tangkas.rows.report import RowError, RowsRejectedError
from tangkas.rows.validate import taxonomy_check, validate_row
from tangkas.services import plans
from tangkas.services.imports import import_rows
from tangkas.services.saved_plans import plan_snapshot
from tangkas.store import Store
from tangkas.store.keys import ApiKey, AuthenticationError, audit, authenticate
from tangkas.store.queries import (
    WORKER_EDITABLE,
    Page,
    get_worker,
    list_workers,
    office_nik_holder,
    save_plan,
    saved_plan,
    update_worker,
    worker_id_of,
    worker_plans,
)
from tangkas.taxonomy import load_taxonomy
from tangkas.training.plans import PRAKERJA_CREDIT_IDR

RECORD_ROLES = ("counsellor", "admin")
"""Roles that may open workers' records."""
PICK_LIMIT = 200
"""How many workers a counsellor can pick from on one page."""
FORM_SOURCE = "tangkas-form"
"""The ``source`` of workers registered through the pages (imports name their own)."""


@dataclass(frozen=True, slots=True)
class WorkerRecord:
    """One worker with the plans saved to their record and the names of those plans' targets."""

    worker: dict[str, Any]
    plans: list[dict[str, Any]]
    target_labels: dict[str, str]


def sign_in(store: Store, secret: str) -> ApiKey | None:
    """The counsellor or admin behind ``secret``; ``None`` for any other key or none at all."""
    try:
        caller = authenticate(store, secret.strip())
    except AuthenticationError:
        return None
    return caller if caller.role in RECORD_ROLES else None


def _office(caller: ApiKey) -> str | None:
    return caller.office_code if caller.role == "counsellor" else None


def visible_worker(store: Store, caller: ApiKey, worker_id: int) -> dict[str, Any] | None:
    """The worker if ``caller`` may see them (not audited: callers audit what they show)."""
    worker = get_worker(store, worker_id)
    if worker is None or (caller.role == "counsellor" and worker["office_code"] != caller.office_code):
        return None
    return worker


def workers_to_pick(store: Store, caller: ApiKey | None) -> list[dict[str, Any]]:
    """The workers a signed-in counsellor can save a plan to (none for nobody signed in)."""
    if caller is None:
        return []
    return list_workers(store, office_code=_office(caller), personal=True, limit=PICK_LIMIT).items


def list_office_workers(
    store: Store, caller: ApiKey, *, query: str = "", limit: int = 50, offset: int = 0
) -> Page:
    """The caller's office's workers with personal data (``query``: a name or the start of a NIK),
    audited (never the query: it may be a NIK)."""
    office = _office(caller)
    page = list_workers(store, office_code=office, personal=True, query=query, limit=limit, offset=offset)
    audit(store, caller, "list", "worker", None)
    return page


def read_worker(store: Store, caller: ApiKey, worker_id: int) -> dict[str, Any] | None:
    """One worker's personal record if the caller may see it, audited."""
    worker = visible_worker(store, caller, worker_id)
    if worker is not None:
        audit(store, caller, "read", "worker", str(worker_id))
    return worker


def worker_record(store: Store, caller: ApiKey, worker_id: int) -> WorkerRecord | None:
    """A worker with their saved plans, audited; ``None`` outside the caller's office."""
    worker = visible_worker(store, caller, worker_id)
    if worker is None:
        return None
    plans = worker_plans(store, worker_id)
    audit(store, caller, "read", "worker", str(worker_id))
    tax = load_taxonomy()
    labels = {p["target_uri"]: tax.occupation(p["target_uri"]).label_en for p in plans}
    return WorkerRecord(worker, plans, labels)


@dataclass(frozen=True, slots=True)
class PlanLimits:
    """The limits a plan was made under on the plan page: budget, most courses, Prakerja only."""

    budget: int = PRAKERJA_CREDIT_IDR
    max_courses: int | None = plans.MAX_COURSES
    prakerja_only: bool = False


def save_worker_plan(
    store: Store,
    caller: ApiKey,
    worker_id: int,
    profile: Profile,
    target: str,
    *,
    limits: PlanLimits | None = None,
    note: str | None = None,
) -> int | None:
    """Save a plan (profile, target, province, limits) to a worker's record with a snapshot of the plan
    as the plan page shows it, audited; its id, or ``None`` when the worker is outside the caller's office."""
    if visible_worker(store, caller, worker_id) is None:
        return None
    limits = limits or PlanLimits()
    budget = limits.budget
    result = plans.plan_move(
        profile,
        target,
        plans.catalog_for(store),
        budget=budget,
        province=profile.province,
        max_courses=limits.max_courses,
        prakerja_only=limits.prakerja_only,
    )
    when = datetime.now(UTC).replace(tzinfo=None)
    plan_id = save_plan(
        store,
        worker_id,
        occupations=list(profile.occupations),
        skills=list(profile.skills),
        target_uri=load_taxonomy().occupation(target).uri,
        province_code=profile.province,
        budget=budget,
        key_id=caller.id,
        note=note or None,
        snapshot=json.dumps(plan_snapshot(result, caller, when), ensure_ascii=False),
        created_at=when,
    )
    audit(store, caller, "save_plan", "worker", str(worker_id))
    return plan_id


@dataclass(frozen=True, slots=True)
class SavedPlan:
    """A saved plan's row and its snapshot (``None`` for plans saved before snapshots were kept)."""

    worker: dict[str, Any]
    plan: dict[str, Any]
    snapshot: dict[str, Any] | None


def read_saved_plan(store: Store, caller: ApiKey, worker_id: int, plan_id: int) -> SavedPlan | None:
    """One plan saved to a worker of the caller's office, audited; ``None`` otherwise."""
    worker = visible_worker(store, caller, worker_id)
    found = saved_plan(store, worker_id, plan_id) if worker is not None else None
    if worker is None or found is None:
        return None
    audit(store, caller, "read", "saved_plan", str(plan_id))
    snapshot = json.loads(found["snapshot"]) if found["snapshot"] else None
    return SavedPlan(worker, found, snapshot)


@dataclass(frozen=True, slots=True)
class WorkerChange:
    """What registering or editing a worker did: the worker's id, or the errors (no personal value)."""

    worker_id: int | None
    errors: list[RowError]


def _checked(
    raw: Mapping[str, str], office: str, source: str, external_id: str
) -> tuple[dict[str, Any], list[RowError]]:
    row = {name: raw.get(name, "") for name in WORKER_EDITABLE if name != "synthetic"}
    row.update(office_code=office, source=source, external_id=external_id)
    values, errors = validate_row(WORKERS, row, 1, taxonomy_check(WORKERS))
    return values, errors


def _duplicate_nik(store: Store, office: str, nik: Any, worker_id: int | None) -> list[RowError]:
    if nik and office_nik_holder(store, office, str(nik), other_than=worker_id) is not None:
        return [RowError(1, "nik", "duplicate")]
    return []


def register_worker(
    store: Store, caller: ApiKey, raw: Mapping[str, str], office_code: str | None = None
) -> WorkerChange:
    """Register one worker from a form, checked by the same row specification as imports. A counsellor
    registers into their own office; an admin names the office. A NIK already in the office is refused."""
    office = caller.office_code if caller.role == "counsellor" else office_code
    if caller.role not in RECORD_ROLES or not office:
        return WorkerChange(None, [RowError(1, "office_code", "required")])
    external_id = uuid.uuid4().hex
    values, errors = _checked(raw, office, FORM_SOURCE, external_id)
    errors += _duplicate_nik(store, office, values["nik"], None)
    if errors:
        return WorkerChange(None, errors)
    try:
        import_rows(store, "workers", [{k: v for k, v in values.items() if v is not None}], FORM_SOURCE)
    except RowsRejectedError as rejected:
        return WorkerChange(None, rejected.report.errors)
    worker_id = worker_id_of(store, FORM_SOURCE, external_id)
    audit(store, caller, "create", "worker", str(worker_id))
    return WorkerChange(worker_id, [])


def edit_worker(store: Store, caller: ApiKey, worker_id: int, raw: Mapping[str, str]) -> WorkerChange | None:
    """Correct one worker of the caller's office from a form (the office and origin stay), audited;
    ``None`` when the worker is outside the caller's office."""
    worker = visible_worker(store, caller, worker_id)
    if worker is None:
        return None
    values, errors = _checked(raw, worker["office_code"], worker["source"], worker["external_id"])
    errors += _duplicate_nik(store, worker["office_code"], values["nik"], worker_id)
    if errors:
        return WorkerChange(worker_id, errors)
    update_worker(store, worker_id, values)
    audit(store, caller, "update", "worker", str(worker_id))
    return WorkerChange(worker_id, [])
