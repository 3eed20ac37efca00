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
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tangkas.careers.transitions import Profile
from tangkas.errors import TangkasError
from tangkas.rows.entities import WORKERS
from tangkas.rows.nik import NIK_RULE, nik_problem
from tangkas.rows.report import RowError, RowReport, RowsRejectedError
from tangkas.rows.validate import json_type_errors, taxonomy_check, validate_row
from tangkas.services import plans
from tangkas.services.imports import import_rows
from tangkas.services.nik_probes import check_nik_allowance, count_nik_refusals
from tangkas.services.saved_plans import plan_snapshot
from tangkas.store import Store
from tangkas.store.audit import audit, entries_about
from tangkas.store.interests import worker_profiles
from tangkas.store.keys import ApiKey, AuthenticationError, authenticate
from tangkas.store.outreach import worker_contacts
from tangkas.store.protection_records import worker_memberships, worker_placements
from tangkas.store.queries import (
    WORKER_EDITABLE,
    Page,
    erase_worker,
    existing_worker_ids,
    expired_workers,
    get_worker,
    list_workers,
    nik_holder,
    nik_holders,
    save_plan,
    saved_plan,
    start_unknown_activity,
    touch_workers,
    update_worker,
    worker_enrolments,
    worker_id_of,
    worker_plans,
    worker_saved_plans,
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


def record_denied(
    store: Store,
    caller: ApiKey | None,
    status: int,
    method: str,
    route: str,
    requested: object = None,
    *,
    entity: str = "worker",
) -> None:
    """Audit a refused attempt on personal data: who (``None``: no valid key), the route template (ids
    only, never a query string), the requested id and the answer's status."""
    detail = {"status": status, "method": method, "route": route}
    audit(store, caller, "denied", entity, None if requested is None else str(requested), detail=detail)


def visible_worker(store: Store, caller: ApiKey, worker_id: int) -> dict[str, Any] | None:
    """The worker if ``caller`` may see them (not audited: callers audit what they show)."""
    worker = get_worker(store, worker_id)
    if worker is None or worker["erased_at"] is not None:
        return None
    if caller.role == "counsellor" and worker["office_code"] != caller.office_code:
        return None
    return worker


def mask_nik(nik: str | None) -> str | None:
    """A NIK as every list shows it: the regency code and the serial, the birth date hidden.

    >>> mask_nik("3273014403880007"), mask_nik(None), mask_nik("123")
    ('3273********0007', None, '***')
    """
    if not nik:
        return nik
    return f"{nik[:4]}{'*' * 8}{nik[-4:]}" if len(nik) == 16 else "*" * len(nik)


def _masked(workers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**w, "nik": mask_nik(w.get("nik"))} for w in workers]


def workers_to_pick(store: Store, caller: ApiKey | None) -> list[dict[str, Any]]:
    """The workers a signed-in counsellor can save a plan to (none for nobody signed in)."""
    if caller is None:
        return []
    return _masked(list_workers(store, office_code=_office(caller), personal=True, limit=PICK_LIMIT).items)


def list_office_workers(
    store: Store, caller: ApiKey, *, query: str = "", limit: int = 50, offset: int = 0
) -> Page:
    """The caller's office's workers with personal data (``query``: a name or the start of a NIK),
    audited with the ids returned (never the query: it may be a NIK)."""
    office = _office(caller)
    page = list_workers(store, office_code=office, personal=True, query=query, limit=limit, offset=offset)
    audit(store, caller, "list", "worker", None, detail={"ids": [w["id"] for w in page.items]})
    return Page(_masked(page.items), page.total, page.limit, page.offset)


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
    touch_workers(store, [worker_id], when)
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
    errors += _nik_errors(values.get("nik"), 1)
    if values.get("legal_basis") == "consent" and values.get("consent_at") is None:
        values["consent_at"] = date.today()  # consent recorded now, by the counsellor who registers
    return values, errors


def _nik_errors(nik: Any, row: int) -> list[RowError]:
    """A NIK of 16 digits but unsound structure (``detail`` says which rule, never the value)."""
    if nik and nik_problem(str(nik)) == "structure":
        return [RowError(row, "nik", "format", "structure", NIK_RULE)]
    return []


def _duplicate_nik(store: Store, nik: Any, worker_id: int | None) -> list[RowError]:
    """A NIK already registered, at any office: the error says nothing about who holds it or where."""
    if nik and nik_holder(store, str(nik), other_than=worker_id) is not None:
        return [RowError(1, "nik", "duplicate")]
    return []


def register_worker(
    store: Store, caller: ApiKey, raw: Mapping[str, str], office_code: str | None = None
) -> WorkerChange:
    """Register one worker from a form, checked by the same row specification as imports. A counsellor
    registers into their own office; an admin names the office. A NIK already registered (at any office)
    is refused."""
    office = caller.office_code if caller.role == "counsellor" else office_code
    if caller.role not in RECORD_ROLES or not office:
        return WorkerChange(None, [RowError(1, "office_code", "required")])
    external_id = uuid.uuid4().hex
    values, errors = _checked(raw, office, FORM_SOURCE, external_id)
    if not errors and values["nik"]:
        check_nik_allowance(store, caller)
    if not errors and (taken := _duplicate_nik(store, values["nik"], None)):
        audit(store, caller, "nik_refused", "worker", None)  # a probe for a registered NIK is on record
        count_nik_refusals(store, caller, [str(values["nik"])])
        errors += taken
    if errors:
        return WorkerChange(None, errors)
    try:
        import_rows(store, "workers", [{k: v for k, v in values.items() if v is not None}], FORM_SOURCE)
    except RowsRejectedError as rejected:
        return WorkerChange(None, rejected.report.errors)
    worker_id = worker_id_of(store, FORM_SOURCE, external_id)
    if worker_id is not None:
        touch_workers(store, [worker_id])
    audit(store, caller, "create", "worker", str(worker_id))
    return WorkerChange(worker_id, [])


def _as_form(worker: Mapping[str, Any]) -> dict[str, str]:
    """A stored worker's editable fields as text, as a form would post them."""
    shown = {}
    for name in WORKER_EDITABLE:
        value = worker.get(name)
        shown[name] = (
            "" if value is None else ("ya" if value else "tidak") if isinstance(value, bool) else str(value)
        )
    return shown


def edit_worker(store: Store, caller: ApiKey, worker_id: int, raw: Mapping[str, str]) -> WorkerChange | None:
    """Correct one worker of the caller's office from a form (the office and origin stay), audited;
    ``None`` when the worker is outside the caller's office."""
    worker = visible_worker(store, caller, worker_id)
    if worker is None:
        return None
    values, errors = _checked(raw, worker["office_code"], worker["source"], worker["external_id"])
    if not errors and values["nik"] and values["nik"] != worker["nik"]:
        check_nik_allowance(store, caller)
    if not errors and (taken := _duplicate_nik(store, values["nik"], worker_id)):
        audit(store, caller, "nik_refused", "worker", str(worker_id))
        count_nik_refusals(store, caller, [str(values["nik"])])
        errors += taken
    if errors:
        return WorkerChange(worker_id, errors)
    update_worker(store, worker_id, values)
    changed = sorted(name for name in WORKER_EDITABLE if name in values and values[name] != worker.get(name))
    audit(store, caller, "update", "worker", str(worker_id), detail={"fields": changed})
    return WorkerChange(worker_id, [])


def correct_worker(
    store: Store, caller: ApiKey, worker_id: int, changes: Mapping[str, Any]
) -> WorkerChange | None:
    """Rectification (API ``PATCH``): change only the fields given (``None`` or ``""`` blanks one), with
    the checks of registration, audited with the names of the fields changed (never their values);
    ``None`` when the worker is outside the caller's office."""
    worker = visible_worker(store, caller, worker_id)
    if worker is None:
        return None
    unknown = sorted(set(changes) - set(WORKER_EDITABLE))
    if unknown:
        return WorkerChange(worker_id, [RowError(1, name, "row", "not editable") for name in unknown])
    raw = _as_form(worker)
    raw.update(
        {
            k: "" if v is None else ("ya" if v else "tidak") if isinstance(v, bool) else str(v)
            for k, v in changes.items()
        }
    )
    return edit_worker(store, caller, worker_id, raw)


RETENTION_ENV = "TANGKAS_RETENTION_YEARS"
DEFAULT_RETENTION_YEARS = 5
"""Years a worker's record is kept after their last activity, unless TANGKAS_RETENTION_YEARS says
otherwise (see docs/privacy.md: a setting for the ministry to confirm, not a period the law fixes)."""


def retention_years() -> int:
    """The configured retention period in years; raises TangkasError for a value that is not a whole
    number from 1 to 100."""
    raw = os.environ.get(RETENTION_ENV, "").strip()
    if not raw:
        return DEFAULT_RETENTION_YEARS
    if not raw.isdigit() or not 1 <= int(raw) <= 100:
        raise TangkasError(f"{RETENTION_ENV} must be a whole number of years from 1 to 100")
    return int(raw)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _plain_placement(placement: dict[str, Any]) -> dict[str, Any]:
    documents = [{k: _plain(v) for k, v in d.items()} for d in placement["documents"]]
    return {**{k: _plain(v) for k, v in placement.items()}, "documents": documents}


def export_worker(store: Store, caller: ApiKey, worker_id: int) -> dict[str, Any] | None:
    """Everything held about one worker as one JSON-ready document (the right of access and to a copy):
    their record, saved plans with snapshots, enrolments, social-security membership spells, PMI
    placements with their documents, the outreach contacts recorded, their interest profiles, and the
    audit entries about them.
    Audited; ``None`` outside the caller's office."""
    worker = visible_worker(store, caller, worker_id)
    if worker is None:
        return None
    saved = worker_saved_plans(store, worker_id)
    plans = [
        {
            **{k: _plain(v) for k, v in p.items() if k != "snapshot"},
            "snapshot": json.loads(p["snapshot"]) if p["snapshot"] else None,
        }
        for p in saved
    ]
    entries = entries_about(store, worker_id, [p["id"] for p in saved])
    document = {
        "exported_at": datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
        "worker": {k: _plain(v) for k, v in worker.items()},
        "saved_plans": plans,
        "enrolments": [{k: _plain(v) for k, v in e.items()} for e in worker_enrolments(store, worker_id)],
        "memberships": [{k: _plain(v) for k, v in m.items()} for m in worker_memberships(store, worker_id)],
        "placements": [_plain_placement(p) for p in worker_placements(store, worker_id)],
        "outreach_contacts": [
            {k: _plain(v) for k, v in c.items()} for c in worker_contacts(store, worker_id)
        ],
        "interest_profiles": [
            {k: _plain(v) for k, v in p.items()} for p in worker_profiles(store, worker_id)
        ],
        "audit": [{k: _plain(v) for k, v in e.items()} for e in entries],
        "retention_years": retention_years(),
    }
    audit(store, caller, "export", "worker", str(worker_id))
    return document


def erase(store: Store, caller: ApiKey, worker_id: int) -> bool:
    """Erase one worker of the caller's office (the right to erasure); ``False`` when not theirs or
    erased already. Audited without any personal value."""
    if visible_worker(store, caller, worker_id) is None or not erase_worker(store, worker_id):
        return False
    audit(store, caller, "erase", "worker", str(worker_id))
    return True


@dataclass(frozen=True, slots=True)
class Purge:
    """What a retention run found (``dry_run``) or erased."""

    years: int
    cutoff: datetime
    worker_ids: list[int]
    dry_run: bool
    started_clock: int = 0
    """Workers without a recorded activity whose retention period started with this run."""


def purge(store: Store, *, dry_run: bool, years: int | None = None, now: datetime | None = None) -> Purge:
    """Erase, by the same code as a request, every worker whose last activity is more than the retention
    period ago; a dry run only counts them. Each erasure is audited as ``purge``."""
    years = retention_years() if years is None else years
    now = now or datetime.now(UTC).replace(tzinfo=None)
    cutoff = now - timedelta(days=round(365.25 * years))
    started = 0 if dry_run else start_unknown_activity(store, now)
    expired = expired_workers(store, cutoff)
    if dry_run:
        return Purge(years, cutoff, expired, True)
    erased = [worker_id for worker_id in expired if erase_worker(store, worker_id, now)]
    for worker_id in erased:
        audit(store, None, "purge", "worker", str(worker_id), detail={"retention_years": years})
    return Purge(years, cutoff, erased, False, started)


EXISTING_NOTE = "existing, not changed: use PATCH /api/workers/{id} to correct"


@dataclass(frozen=True, slots=True)
class WorkerImport:
    """What a bulk registration did: counts, and the rows whose key was already registered (``id`` only
    where the caller may see that worker)."""

    rows: int
    inserted: int
    duplicates: int
    existing: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"rows": self.rows, "inserted": self.inserted, "duplicates": self.duplicates}
        body["existing"] = self.existing
        if self.existing:
            body["note"] = EXISTING_NOTE
        return body


def import_workers(store: Store, caller: ApiKey, rows: list[dict[str, Any]], label: str) -> WorkerImport:
    """Register workers in bulk, all or nothing: each NIK of sound structure and not registered yet
    (at any office, nor twice in the batch: refused with the row number only). A row whose
    ``(source, external_id)`` is registered already changes nothing and is listed in ``existing``.
    Audited as ``import`` with the count and the source (never a value). Values are read as JSON types
    (a NIK sent as a number is refused: it has lost digits already)."""
    errors: list[RowError] = json_type_errors(WORKERS, rows)
    niks: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        nik = str(row.get("nik") or "").strip()
        if not nik:
            continue
        if nik_problem(nik) == "structure":
            errors.append(RowError(number, "nik", "format", "structure", NIK_RULE))
        elif nik in niks:
            errors.append(RowError(number, "nik", "duplicate"))
        niks.setdefault(nik, number)
    keys = [(str(r.get("source") or ""), str(r.get("external_id") or "")) for r in rows]
    existing = existing_worker_ids(store, keys)
    if niks:
        check_nik_allowance(store, caller)
    # a re-post of a registered row keeps its own NIK: not a duplicate of someone else's
    taken = [nik for nik in nik_holders(store, list(niks)) if keys[niks[nik] - 1] not in existing]
    count_nik_refusals(store, caller, taken)
    errors += [RowError(niks[nik], "nik", "duplicate") for nik in taken]
    if errors:
        report = RowReport("workers", label, rows=len(rows))
        report.add_errors(sorted(errors, key=lambda e: e.row))
        audit(
            store, caller, "import_refused", "worker", None, detail={"rows": len(rows), "errors": len(errors)}
        )
        raise RowsRejectedError(report)
    report = import_rows(store, "workers", rows, label, json_types=True)
    new_ids = [worker_id_of(store, *key) for key in keys if key not in existing]
    touch_workers(store, [i for i in new_ids if i is not None])
    office = _office(caller)
    found = [
        {"row": n, "id": existing[key][0] if office in (None, existing[key][1]) else None}
        for n, key in enumerate(keys, start=1)
        if key in existing
    ]
    sources = sorted({key[0] for key in keys})
    audit(
        store,
        caller,
        "import",
        "worker",
        None,
        detail={"rows": report.rows, "inserted": report.inserted, "sources": sources},
    )
    return WorkerImport(report.rows, report.inserted, report.duplicates, found)
