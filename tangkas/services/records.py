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

from dataclasses import dataclass
from typing import Any

from tangkas.careers.transitions import Profile
from tangkas.store import Store
from tangkas.store.keys import ApiKey, AuthenticationError, audit, authenticate
from tangkas.store.queries import Page, get_worker, list_workers, save_plan, worker_plans
from tangkas.taxonomy import load_taxonomy

RECORD_ROLES = ("counsellor", "admin")
"""Roles that may open workers' records."""
PICK_LIMIT = 200
"""How many workers a counsellor can pick from on one page."""


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


def list_office_workers(store: Store, caller: ApiKey, *, limit: int = 50, offset: int = 0) -> Page:
    """The caller's office's workers with personal data, audited."""
    page = list_workers(store, office_code=_office(caller), personal=True, limit=limit, offset=offset)
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


def save_worker_plan(
    store: Store,
    caller: ApiKey,
    worker_id: int,
    profile: Profile,
    target: str,
    *,
    budget: int,
    note: str | None = None,
) -> int | None:
    """Save a plan (profile, target, province, budget) to a worker's record, audited; its id, or
    ``None`` when the worker is outside the caller's office."""
    if visible_worker(store, caller, worker_id) is None:
        return None
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
    )
    audit(store, caller, "save_plan", "worker", str(worker_id))
    return plan_id
