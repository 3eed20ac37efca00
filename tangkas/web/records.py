"""Counsellor pages with personal data: sign in with an API key, workers of one's office, saved plans.

The key travels once, in the sign-in form, and lives in an HttpOnly, SameSite=Strict cookie. Every
page that shows a worker is written to the audit log; analysts and providers cannot open these pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tangkas.services import records, understand
from tangkas.store import Store
from tangkas.store.keys import ApiKey
from tangkas.taxonomy import load_taxonomy
from tangkas.web.i18n import translator
from tangkas.web.pages import page_lang, render
from tangkas.web.security import COOKIE, StoreDep, signed_in

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class LoginPage:
    error: bool = False


@dataclass(frozen=True)
class WorkersPage:
    caller: ApiKey
    workers: list[dict[str, Any]]
    total: int


@dataclass(frozen=True)
class WorkerPage:
    caller: ApiKey
    worker: dict[str, Any]
    plans: list[dict[str, Any]]
    target_labels: dict[str, str]


def _refuse(request: Request, status: int, key: str) -> HTTPException:
    return HTTPException(status, translator(page_lang(request))(key))


def _require(request: Request, store: Store) -> ApiKey:
    caller = signed_in(request, store)
    if caller is None:
        raise _refuse(request, 401, "sign_in_first")
    return caller


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html", LoginPage())


@router.post("/login")
def login(request: Request, store: StoreDep, key: Annotated[str, Form(max_length=200)]) -> Response:
    if records.sign_in(store, key) is None:
        return render(request, "login.html", LoginPage(error=True), status=401)
    response = RedirectResponse("/workers", status_code=303)
    response.set_cookie(
        COOKIE, key.strip(), httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/workers", response_class=HTMLResponse)
def workers(request: Request, store: StoreDep) -> HTMLResponse:
    caller = _require(request, store)
    page = records.list_office_workers(store, caller, limit=records.PICK_LIMIT)
    return render(request, "workers.html", WorkersPage(caller, page.items, page.total))


@router.get("/workers/{worker_id}", response_class=HTMLResponse)
def worker(request: Request, store: StoreDep, worker_id: int) -> HTMLResponse:
    caller = _require(request, store)
    found = records.worker_record(store, caller, worker_id)
    if found is None:
        raise _refuse(request, 404, "not_yours")
    tax, lang = load_taxonomy(), page_lang(request)
    labels = {uri: tax.occupation(uri).label(lang) for uri in found.target_labels}
    return render(request, "worker.html", WorkerPage(caller, found.worker, found.plans, labels))


@router.post("/plans/save")
def save(
    request: Request,
    store: StoreDep,
    worker: Annotated[int, Form(ge=1)],
    to: Annotated[str, Form(max_length=300)],
    occ: Annotated[list[str], Form()] = [],
    skill: Annotated[list[str], Form()] = [],
    province: Annotated[str, Form(max_length=8)] = "",
    budget: Annotated[int, Form(ge=0, le=1_000_000_000)] = 3_500_000,
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    caller = _require(request, store)
    profile = understand.worker_profile(occ, skill, province=province)
    if records.save_worker_plan(store, caller, worker, profile, to, budget=budget, note=note) is None:
        raise _refuse(request, 404, "not_yours")
    return RedirectResponse(f"/workers/{worker}", status_code=303)
