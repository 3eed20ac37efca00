"""The counsellor's outreach page (``/outreach``): who to contact about their social-security cover or
their return from abroad, with what to do in plain words, each list downloadable as CSV, and a contact
recorded in one form (docs/counsellors.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tangkas.countries import country
from tangkas.errors import UnknownConceptError
from tangkas.models import Lang
from tangkas.services import outreach
from tangkas.services.outreach import DAYS, DEFAULT_DAYS, ListName, OfficeRefused, OutreachList
from tangkas.services.returned_pmi import overseas_occupation
from tangkas.store import Store
from tangkas.store.keys import ApiKey
from tangkas.store.outreach import OUTCOMES
from tangkas.web.pages import page_lang, render, templates
from tangkas.web.records import not_yours, refuse, require_counsellor
from tangkas.web.security import StoreDep, csrf_token, form_is_genuine

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
"""Workers per page of a list."""
Day = Annotated[date | None, Query()]
Days = Annotated[int, Query(ge=1, le=366)]
Office = Annotated[str, Query(max_length=20)]


@dataclass(frozen=True)
class OutreachPage:
    caller: ApiKey
    found: OutreachList
    csrf: str
    outcomes: tuple[str, ...] = OUTCOMES
    days_offered: tuple[int, ...] = DAYS
    occupations: dict[int, str] = field(default_factory=dict)
    """Returned PMI: the name of each worker's occupation abroad, by worker id."""
    saved: bool = False

    def link(self, **changes: Any) -> str:
        """This page's address with ``changes`` (list, offset ...), the rest kept."""
        found = self.found
        query = {"list": found.name, "days": found.days, "as_of": found.as_of.isoformat()}
        if self.caller.role == "admin" and found.office:
            query["office"] = found.office
        return "/outreach?" + urlencode({**query, **changes})


def country_label(code: str | None, lang: Lang = "id") -> str:
    """A destination's name in ``lang`` (the code itself when unknown, ``-`` for none).

    >>> country_label("HK"), country_label("HK", "en"), country_label(None)
    ('Hong Kong', 'Hong Kong', '-')
    """
    if not code:
        return "-"
    try:
        return country(code).label(lang)
    except UnknownConceptError:
        return code


templates.env.filters["outreach_country"] = country_label


def _occupations(found: OutreachList, lang: Lang) -> dict[int, str]:
    names = {}
    for item in found.page.items if found.name == "returned_pmi" else ():
        occupation = overseas_occupation(item["placement"] or {})
        if occupation is not None:
            names[item["worker_id"]] = occupation.label(lang)
    return names


def _found(request: Request, store: Store, caller: ApiKey, name: ListName, **query: Any) -> OutreachList:
    try:
        return outreach.outreach_list(store, caller, name, **query)
    except OfficeRefused:
        raise refuse(request, 403, "outreach.other_office") from None


@router.get("/outreach", response_class=HTMLResponse)
def outreach_page(
    request: Request,
    store: StoreDep,
    list: Annotated[ListName, Query()] = "lapsing",
    days: Days = DEFAULT_DAYS,
    as_of: Day = None,
    office: Office = "",
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    saved: Annotated[str, Query(max_length=1)] = "",
) -> HTMLResponse:
    """The three lists' counts and one list's page, for the signed-in counsellor's office (an admin
    names one, or sees every office)."""
    caller = require_counsellor(request, store)
    found = _found(
        request, store, caller, list, as_of=as_of, days=days, office=office, limit=PAGE_SIZE, offset=offset
    )
    lang = page_lang(request)
    page = OutreachPage(
        caller, found, csrf_token(request), occupations=_occupations(found, lang), saved=bool(saved)
    )
    response = render(request, "outreach.html", page)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/outreach/{name}.csv")
def outreach_csv(
    request: Request, store: StoreDep, name: ListName, days: Days = DEFAULT_DAYS, as_of: Day = None
) -> Response:
    """A whole list of the counsellor's own office as CSV (names and phones: counsellors only, audited)."""
    caller = require_counsellor(request, store)
    try:
        body = outreach.outreach_csv(store, caller, name, as_of=as_of, days=days)
    except PermissionError:
        raise refuse(request, 403, "outreach.csv_counsellor_only") from None
    headers = {
        "Content-Disposition": f'attachment; filename="tangkas-penjangkauan-{name}.csv"',
        "Cache-Control": "no-store",
    }
    return Response(body, media_type="text/csv", headers=headers)


@router.post("/outreach/contacts")
def add_contact(
    request: Request,
    store: StoreDep,
    worker: Annotated[int, Form(ge=1)],
    reason: Annotated[ListName, Form()],
    outcome: Annotated[str, Form(max_length=20)],
    contacted_on: Annotated[date | None, Form()] = None,
    back: Annotated[str, Form(max_length=300)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Record that the worker was contacted on a day with an outcome code; back to the list."""
    caller = require_counsellor(request, store)
    if not form_is_genuine(request, csrf):
        raise refuse(request, 403, "form_expired")
    try:
        recorded = outreach.record_contact(store, caller, worker, reason, outcome, contacted_on)
    except ValueError:
        raise refuse(request, 422, "outreach.bad_contact") from None
    if recorded is None:
        raise not_yours(request, store, caller)
    target = back if back.startswith("/outreach?") else f"/outreach?list={reason}"
    return RedirectResponse(f"{target}&saved=1&lang={page_lang(request)}", status_code=303)
