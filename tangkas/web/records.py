"""Counsellor pages with personal data: sign in with an API key, workers of one's office, saved plans.

The key travels once, in the sign-in form; the browser then holds a session the server keeps (an
HttpOnly, SameSite=Strict cookie with a random token), which ends at sign-out, when idle or old, and when
the key is revoked. Every form carries a token and must come from this site; failed sign-ins are rate
limited per client and per key. Every page that shows a worker is written to the audit log; analysts and
providers cannot open these pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response

from tangkas.careers.transitions import Profile
from tangkas.limiting import Attempts
from tangkas.models import Lang
from tangkas.services import interests, protection_records, records, returned_pmi, understand
from tangkas.services.readiness import ProtectionOverview, protection_overview
from tangkas.services.saved_plans import snapshot_text
from tangkas.store import Store
from tangkas.store.keys import ApiKey, end_session, start_session
from tangkas.taxonomy import load_taxonomy
from tangkas.web.i18n import translator
from tangkas.web.limits import client_of
from tangkas.web.pages import page_lang, render
from tangkas.web.security import (
    COOKIE,
    StoreDep,
    csrf_token,
    form_is_genuine,
    local_path,
    login_is_genuine,
    login_token,
    remember_login_token,
    set_cookie,
    signed_in,
)

router = APIRouter(include_in_schema=False)


PAGE_SIZE = 50
"""Workers listed per page."""


@dataclass(frozen=True)
class LoginPage:
    csrf: str
    """The form's double-submit token (see :func:`~tangkas.web.security.login_token`)."""
    error: str = ""
    """What went wrong, as an i18n key (``""``: nothing)."""
    next: str = ""
    """The local page to return to once signed in."""
    seconds: int = 0
    """With ``login_too_many``: when to try again."""


@dataclass(frozen=True)
class WorkersPage:
    caller: ApiKey
    workers: list[dict[str, Any]]
    total: int
    query: str = ""
    offset: int = 0
    limit: int = PAGE_SIZE
    csrf: str = ""
    """The session's form token: a search is posted, so that a NIK never travels in a URL."""
    erased: bool = False


@dataclass(frozen=True)
class SavedPlanPage:
    caller: ApiKey
    worker: dict[str, Any]
    plan: dict[str, Any]
    snapshot: dict[str, Any]
    text: str


@dataclass(frozen=True)
class OverseasView:
    """A returned PMI's work abroad on their worker page, with the links that start a journey from it."""

    work: returned_pmi.OverseasWork
    options: str
    """The recommendations page's query from the overseas occupation (:func:`options_query`)."""
    plan: str = ""
    """The plan page's query to the best move from it (``""``: no move found)."""
    target: str = ""
    """That move's name in the page's language."""


@dataclass(frozen=True)
class WorkerPage:
    caller: ApiKey
    worker: dict[str, Any]
    plans: list[dict[str, Any]]
    target_labels: dict[str, str]
    retention_years: int = records.DEFAULT_RETENTION_YEARS
    options: str = ""
    """The query of the worker's recommendations (``""``: no occupation recorded), from their profile."""
    overseas: OverseasView | None = None
    """A returned PMI's work abroad (``_returned_pmi.html``)."""
    protection: ProtectionOverview | None = None
    """The worker's social-security spells and placements (``_protection.html``)."""
    interests: list[dict[str, Any]] = field(default_factory=list)
    """The interest profiles saved to the worker's record, newest first."""
    enrolments: list[dict[str, Any]] = field(default_factory=list)
    """The worker's courses and their outcomes, in the order they were recorded."""


PROFILE_SKILLS = 20
"""Skills a recommendations link carries: as many as the page reads (``pages.Uris``)."""


def options_query(profile: Profile) -> str:
    """The recommendations page's query for ``profile``: its occupations, skills and province, nothing
    else (``""`` without an occupation)."""
    if not profile.occupations:
        return ""
    pairs = [("occ", uri) for uri in profile.occupations] + [
        ("skill", uri) for uri in profile.skills[:PROFILE_SKILLS]
    ]
    return urlencode([*pairs, ("province", profile.province or "")])


def overseas_view(
    store: Store, worker: dict[str, Any], work: returned_pmi.OverseasWork, lang: Lang
) -> OverseasView:
    """The links a returned PMI's work abroad starts: their moves from that occupation, and a training
    plan to the best of them (saved to this worker by default)."""
    profile = returned_pmi.overseas_profile(worker, work)
    options = options_query(profile)
    target = returned_pmi.first_move(profile, store)
    if target is None:
        return OverseasView(work, options)
    plan = urlencode([("to", target.uri), *parse_qsl(options), ("worker", str(worker["id"]))])
    return OverseasView(work, options, plan, target.label(lang))


def refuse(request: Request, status: int, key: str) -> HTTPException:
    """An HTTP error whose message is ``key`` in the page's language."""
    return HTTPException(status, translator(page_lang(request))(key))


def _denied(request: Request, store: Store, caller: ApiKey | None, status: int) -> None:
    route = getattr(request.scope.get("route"), "path", "")
    records.record_denied(store, caller, status, request.method, route, request.path_params.get("worker_id"))


def require_counsellor(request: Request, store: Store) -> ApiKey:
    """The signed-in counsellor or admin; 401 for anyone else (audited)."""
    caller = signed_in(request, store)
    if caller is None:
        _denied(request, store, None, 401)
        raise refuse(request, 401, "sign_in_first")
    return caller


def not_yours(request: Request, store: Store, caller: ApiKey) -> HTTPException:
    """The 404 for a worker outside the caller's office (or erased), the attempt audited."""
    _denied(request, store, caller, 404)
    return refuse(request, 404, "not_yours")


def _came_from(request: Request) -> str:
    """The page that sent the visitor to sign in, when it is one of ours (its ``Referer``)."""
    referer = urlsplit(request.headers.get("referer", ""))
    if (referer.scheme, referer.netloc) != (request.url.scheme, request.url.netloc):
        return ""
    return local_path(referer.path + (f"?{referer.query}" if referer.query else "")) or ""


def _login_page(request: Request, page: LoginPage, status: int = 200) -> HTMLResponse:
    response = render(request, "login.html", page, status=status)
    remember_login_token(request, response)
    if page.seconds:
        response.headers["Retry-After"] = str(page.seconds)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "") -> HTMLResponse:
    back = local_path(next) or _came_from(request)
    return _login_page(request, LoginPage(login_token(request), next=back))


def _tries(request: Request, key: str) -> tuple[Attempts, tuple[str, ...]]:
    """The sign-in limiter and what it counts: this client, and the key's prefix when it has one."""
    parts = key.strip().split("_")
    names = [f"client:{client_of(request.client)}"]
    if len(parts) >= 3 and parts[0] == "tk":
        names.append(f"prefix:{parts[1][:20]}")
    return request.app.state.login_attempts, tuple(names)


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    key: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Sign in: a form from our own sign-in page, not too many failures, a counsellor's or admin's key."""
    back = local_path(next) or ""
    if not login_is_genuine(request, csrf):
        return _login_page(request, LoginPage(login_token(request), "login_form_expired", back), 403)
    attempts, names = _tries(request, key)
    wait = attempts.wait(*names)
    if wait:
        records.record_denied(store, None, 429, "POST", "/login", entity="session")
        page = LoginPage(login_token(request), "login_too_many", back, seconds=wait)
        return _login_page(request, page, 429)
    caller = records.sign_in(store, key)
    if caller is None:
        attempts.add(*names)
        records.record_denied(store, None, 401, "POST", "/login", entity="session")
        return _login_page(request, LoginPage(login_token(request), "login_failed", back), 401)
    attempts.clear(*names)
    previous = request.cookies.get(COOKIE)
    if previous:
        end_session(store, previous)
    response = RedirectResponse(back or "/workers", status_code=303)
    set_cookie(request, response, COOKIE, start_session(store, caller))
    _forget_key_cookie(request, response)
    return response


LEGACY_COOKIE = "tangkas_key"
"""The cookie that held the API key itself before sessions: it opens nothing now and is removed."""


def _forget_key_cookie(request: Request, response: Response) -> None:
    if LEGACY_COOKIE in request.cookies:
        response.delete_cookie(LEGACY_COOKIE, httponly=True, samesite="strict")


@router.post("/logout")
def logout(request: Request, store: StoreDep, csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    """Sign out: the session ends on the server (its cookie, replayed, no longer signs anyone in)."""
    token = request.cookies.get(COOKIE)
    if token and not form_is_genuine(request, csrf):
        raise refuse(request, 403, "form_expired")
    if token:
        end_session(store, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    _forget_key_cookie(request, response)
    return response


def _workers_page(request: Request, store: Store, caller: ApiKey, query: str, offset: int) -> HTMLResponse:
    page = records.list_office_workers(store, caller, query=query, limit=PAGE_SIZE, offset=offset)
    erased = request.query_params.get("erased") == "1"
    shown = WorkersPage(
        caller, page.items, page.total, query.strip(), offset, csrf=csrf_token(request), erased=erased
    )
    response = render(request, "workers.html", shown)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/workers", response_class=HTMLResponse)
def workers(
    request: Request, store: StoreDep, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0
) -> HTMLResponse:
    """The office's workers, paged. Searching is a POST (:func:`search_workers`): a query in the URL
    (``?q=``, which older links carry) is ignored, as it may be a NIK."""
    return _workers_page(request, store, require_counsellor(request, store), "", offset)


@router.post("/workers", response_class=HTMLResponse)
def search_workers(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Form(max_length=100)] = "",
    offset: Annotated[int, Form(ge=0, le=10_000_000)] = 0,
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    """Workers by name or the start of a NIK, the query posted (kept out of URLs, access logs and the
    browser's history); its pages are posted too."""
    caller = require_counsellor(request, store)
    if not form_is_genuine(request, csrf):
        raise refuse(request, 403, "form_expired")
    return _workers_page(request, store, caller, q, offset)


@router.get("/workers/{worker_id}", response_class=HTMLResponse)
def worker(request: Request, store: StoreDep, worker_id: int) -> HTMLResponse:
    caller = require_counsellor(request, store)
    found = records.worker_record(store, caller, worker_id)
    if found is None:
        raise not_yours(request, store, caller)
    tax, lang = load_taxonomy(), page_lang(request)
    labels = {uri: tax.occupation(uri).label(lang) for uri in found.target_labels}
    protection = protection_overview(store, caller, worker_id, date.today(), lang)
    work = None if protection is None else protection.overseas
    options = options_query(returned_pmi.starting_profile(found.worker, work))
    overseas = None if work is None else overseas_view(store, found.worker, work, lang)
    profiles = interests.read_interest_profiles(store, caller, worker_id, audit_none=False) or []
    enrolments = protection_records.read_enrolments(store, caller, worker_id) or []
    page = WorkerPage(
        caller,
        found.worker,
        found.plans,
        labels,
        records.retention_years(),
        options,
        overseas,
        protection,
        profiles,
        enrolments,
    )
    response = render(request, "worker.html", page)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/workers/{worker_id}/export")
def export(request: Request, store: StoreDep, worker_id: int) -> Response:
    """Everything held about the worker as one JSON file to hand to them (audited)."""
    caller = require_counsellor(request, store)
    document = records.export_worker(store, caller, worker_id)
    if document is None:
        raise not_yours(request, store, caller)
    headers = {
        "Content-Disposition": f'attachment; filename="tangkas-pekerja-{worker_id}.json"',
        "Cache-Control": "no-store",
    }
    return JSONResponse(document, headers=headers)


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
    max_courses: Annotated[int, Form(ge=0, le=50)] = 3,
    prakerja: Annotated[str, Form(max_length=1)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Save the plan as shown (same budget, province, course limit and Prakerja filter) to a worker."""
    caller = require_counsellor(request, store)
    if not form_is_genuine(request, csrf):
        raise refuse(request, 403, "form_expired")
    profile = understand.worker_profile(occ, skill, province=province)
    limits = records.PlanLimits(budget, max_courses or None, bool(prakerja))
    if records.save_worker_plan(store, caller, worker, profile, to, limits=limits, note=note) is None:
        raise not_yours(request, store, caller)
    return RedirectResponse(f"/workers/{worker}", status_code=303)


def _saved(request: Request, store: Store, worker_id: int, plan_id: int) -> SavedPlanPage:
    caller = require_counsellor(request, store)
    found = records.read_saved_plan(store, caller, worker_id, plan_id)
    if found is None:
        raise not_yours(request, store, caller)
    if found.snapshot is None:
        raise refuse(request, 404, "no_snapshot")
    text = snapshot_text(found.snapshot, page_lang(request))
    return SavedPlanPage(caller, found.worker, found.plan, found.snapshot, text)


@router.get("/workers/{worker_id}/plans/{plan_id}", response_class=HTMLResponse)
def saved_plan(request: Request, store: StoreDep, worker_id: int, plan_id: int) -> HTMLResponse:
    """A saved plan as it was shown, printable (the browser's Print menu saves it as PDF)."""
    page = _saved(request, store, worker_id, plan_id)
    response = render(request, "saved_plan.html", page)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/workers/{worker_id}/plans/{plan_id}/text")
def saved_plan_text(request: Request, store: StoreDep, worker_id: int, plan_id: int) -> Response:
    """A saved plan as short plain-text lines to paste into WhatsApp (no HTML, no personal data)."""
    page = _saved(request, store, worker_id, plan_id)
    disposition = f"inline; filename*=UTF-8''{quote(f'rencana-{plan_id}.txt')}"
    headers = {"Content-Disposition": disposition, "Cache-Control": "no-store"}
    return PlainTextResponse(page.text, headers=headers)
