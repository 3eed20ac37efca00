"""Counsellor pages with personal data: sign in with an API key, workers of one's office, saved plans.

The key travels once, in the sign-in form, and lives in an HttpOnly, SameSite=Strict cookie. Every
page that shows a worker is written to the audit log; analysts and providers cannot open these pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tangkas.store import Store
from tangkas.store.keys import ApiKey, AuthenticationError, audit, authenticate
from tangkas.store.queries import get_worker, list_workers, save_plan, worker_plans
from tangkas.taxonomy import load_taxonomy
from tangkas.web.pages import render
from tangkas.web.security import COOKIE, StoreDep, signed_in

router = APIRouter(include_in_schema=False)
RECORD_ROLES = ("counsellor", "admin")


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


def _require(request: Request, store: Store) -> ApiKey:
    caller = signed_in(request, store)
    if caller is None:
        raise HTTPException(401, "masuk dulu sebagai konselor / sign in as a counsellor")
    return caller


def _own_worker(store: Store, caller: ApiKey, worker_id: int) -> dict[str, Any]:
    with store.lock:
        worker = get_worker(store, worker_id)
    if worker is None or (caller.role == "counsellor" and worker["office_code"] != caller.office_code):
        raise HTTPException(404, "no such worker in your office")
    return worker


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html", LoginPage())


@router.post("/login")
def login(request: Request, store: StoreDep, key: Annotated[str, Form(max_length=200)]) -> Response:
    try:
        with store.lock:
            caller = authenticate(store, key.strip())
    except AuthenticationError:
        caller = None
    if caller is None or caller.role not in RECORD_ROLES:
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
    office = caller.office_code if caller.role == "counsellor" else None
    with store.lock:
        page = list_workers(store, office_code=office, personal=True, limit=200)
        audit(store, caller, "list", "worker", None)
    return render(request, "workers.html", WorkersPage(caller, page.items, page.total))


@router.get("/workers/{worker_id}", response_class=HTMLResponse)
def worker(request: Request, store: StoreDep, worker_id: int) -> HTMLResponse:
    caller = _require(request, store)
    found = _own_worker(store, caller, worker_id)
    with store.lock:
        plans = worker_plans(store, worker_id)
        audit(store, caller, "read", "worker", str(worker_id))
    tax = load_taxonomy()
    labels = {p["target_uri"]: tax.occupation(p["target_uri"]).label_en for p in plans}
    return render(request, "worker.html", WorkerPage(caller, found, plans, labels))


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
    worker_id = worker
    _own_worker(store, caller, worker_id)
    tax = load_taxonomy()
    target = tax.occupation(to).uri
    with store.lock:
        save_plan(
            store,
            worker_id,
            occupations=[tax.occupation(o).uri for o in occ],
            skills=[tax.skill(s).uri for s in skill],
            target_uri=target,
            province_code=province or None,
            budget=budget,
            key_id=caller.id,
            note=note or None,
        )
        audit(store, caller, "save_plan", "worker", str(worker_id))
    return RedirectResponse(f"/workers/{worker_id}", status_code=303)
