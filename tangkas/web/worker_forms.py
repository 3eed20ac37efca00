"""Registering and correcting a worker from the pages (counsellors, in their own office).

The form's fields and checks are the import's: :data:`~tangkas.rows.entities.WORKERS` validates both,
so a worker typed in and a worker imported are held to one rule. Every form carries the session's token
and must come from this site (:func:`~tangkas.web.security.form_is_genuine`); values typed are never
logged, and an error names the field, never its value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tangkas.i18n import duration
from tangkas.provinces import PROVINCES, Province
from tangkas.rows.entities import WORKERS
from tangkas.rows.fields import Field
from tangkas.rows.report import RowError
from tangkas.services import records
from tangkas.services.nik_probes import NikProbeLimitError
from tangkas.store.keys import ApiKey
from tangkas.store.queries import ERASED_FIELDS, WORKER_EDITABLE
from tangkas.web.i18n import PAGES, translator
from tangkas.web.pages import page_lang, render
from tangkas.web.records import not_yours, refuse, require_counsellor
from tangkas.web.security import StoreDep, csrf_token, form_is_genuine

router = APIRouter(include_in_schema=False)
FORM_FIELDS: tuple[Field, ...] = tuple(
    f for f in WORKERS.fields if f.name in WORKER_EDITABLE and f.name != "synthetic"
)
MAX_VALUE = 500
"""Characters any one field of the form may hold."""
ERASED_SHOWN = ("full_name", *(name for name in ERASED_FIELDS if name not in ("notes", "consent_at")))
"""The fields the erasure page lists as erased: those the store blanks, with the name; the notes are
listed with the plans' notes and snapshots."""


@dataclass(frozen=True)
class WorkerFormPage:
    caller: ApiKey
    csrf: str
    worker_id: int | None = None
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    fields: tuple[Field, ...] = FORM_FIELDS
    provinces: tuple[Province, ...] = PROVINCES


async def posted(request: Request) -> dict[str, str]:
    """The form's text fields (read without blocking the server's event loop)."""
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


Posted = Annotated[dict[str, str], Depends(posted)]


def _shown(worker: dict[str, Any]) -> dict[str, str]:
    """A stored worker as the form shows it (booleans as ``ya``/``tidak``)."""
    shown = {}
    for f in FORM_FIELDS:
        value = worker.get(f.name)
        shown[f.name] = (
            "" if value is None else ("ya" if value else "tidak") if f.type == "bool" else str(value)
        )
    return shown


def _messages(request: Request, errors: list[RowError]) -> dict[str, str]:
    """Each field's first error in the page's language (the culprit shown only for taxonomy codes)."""
    t, messages = translator(page_lang(request)), dict[str, str]()
    for error in errors:
        code = "structure" if (error.field, error.detail) == ("nik", "structure") else error.code
        specific = f"field_error.{error.field}.{code}"
        key = specific if specific in PAGES else f"field_error.{error.code}"
        detail = error.detail if error.code == "unknown_concept" else ""
        messages.setdefault(error.field, t(key, detail=detail) if key in PAGES else code)
    return messages


def _guard(request: Request, values: dict[str, str]) -> None:
    if not form_is_genuine(request, values.get("csrf", "")):
        raise refuse(request, 403, "form_expired")
    if any(len(value) > MAX_VALUE for value in values.values()):
        raise refuse(request, 422, "field_too_long")


def _form(request: Request, page: WorkerFormPage, status: int = 200) -> HTMLResponse:
    response = render(request, "worker_form.html", page, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _limited(request: Request, page: WorkerFormPage, limited: NikProbeLimitError) -> HTMLResponse:
    """The form again, as typed, with the NIK limit on the NIK field (429): nothing typed is lost."""
    lang = page_lang(request)
    message = translator(lang)("nik_probe_limit", wait=duration(limited.retry_after, lang))
    response = _form(request, replace(page, errors={"nik": message}), status=429)
    response.headers["Retry-After"] = str(limited.retry_after)
    return response


@router.get("/workers/new", response_class=HTMLResponse)
def new_worker(request: Request, store: StoreDep) -> HTMLResponse:
    caller = require_counsellor(request, store)
    # the employment service's own registration, unless the counsellor records another basis
    defaults = {"legal_basis": "public_task"}
    return _form(request, WorkerFormPage(caller, csrf_token(request), values=defaults))


@router.post("/workers/new")
def register(request: Request, store: StoreDep, values: Posted) -> Response:
    caller = require_counsellor(request, store)
    _guard(request, values)
    try:
        change = records.register_worker(store, caller, values, values.get("office_code"))
    except NikProbeLimitError as limited:
        return _limited(request, WorkerFormPage(caller, csrf_token(request), None, values), limited)
    if change.errors or change.worker_id is None:
        page = WorkerFormPage(caller, csrf_token(request), None, values, _messages(request, change.errors))
        return _form(request, page, status=422)
    return RedirectResponse(f"/workers/{change.worker_id}?lang={page_lang(request)}", status_code=303)


@router.get("/workers/{worker_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, store: StoreDep, worker_id: int) -> HTMLResponse:
    caller = require_counsellor(request, store)
    worker = records.read_worker(store, caller, worker_id)
    if worker is None:
        raise not_yours(request, store, caller)
    return _form(request, WorkerFormPage(caller, csrf_token(request), worker_id, _shown(worker)))


@router.post("/workers/{worker_id}/edit")
def edit(request: Request, store: StoreDep, worker_id: int, values: Posted) -> Response:
    caller = require_counsellor(request, store)
    _guard(request, values)
    try:
        change = records.edit_worker(store, caller, worker_id, values)
    except NikProbeLimitError as limited:
        return _limited(request, WorkerFormPage(caller, csrf_token(request), worker_id, values), limited)
    if change is None:
        raise not_yours(request, store, caller)
    if change.errors:
        page = WorkerFormPage(
            caller, csrf_token(request), worker_id, values, _messages(request, change.errors)
        )
        return _form(request, page, status=422)
    return RedirectResponse(f"/workers/{worker_id}?lang={page_lang(request)}", status_code=303)


@dataclass(frozen=True)
class ErasePage:
    """The confirmation before a worker's personal data is erased: what goes, what stays and why."""

    caller: ApiKey
    csrf: str
    worker: dict[str, Any]
    erased_fields: tuple[str, ...] = ERASED_SHOWN


@router.get("/workers/{worker_id}/erase", response_class=HTMLResponse)
def erase_form(request: Request, store: StoreDep, worker_id: int) -> HTMLResponse:
    caller = require_counsellor(request, store)
    worker = records.visible_worker(store, caller, worker_id)
    if worker is None:
        raise not_yours(request, store, caller)
    response = render(request, "worker_erase.html", ErasePage(caller, csrf_token(request), worker))
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/workers/{worker_id}/erase")
def erase(request: Request, store: StoreDep, worker_id: int, values: Posted) -> Response:
    """Erase the worker's personal data (the form's token and our origin required), then back to the list."""
    caller = require_counsellor(request, store)
    _guard(request, values)
    if not records.erase(store, caller, worker_id):
        raise not_yours(request, store, caller)
    return RedirectResponse(f"/workers?erased=1&lang={page_lang(request)}", status_code=303)
