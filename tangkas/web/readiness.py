"""The printable pre-departure checklist of a worker's placement, for the counsellor to hand over.

``/workers/{id}/placements/{pid}/readiness?as_of=YYYY-MM-DD`` shows, in plain words and large type, the
verdict first ("Siap berangkat" / "Belum siap: 3 hal perlu diselesaikan"), then one row per required
item with a mark that is a word and a symbol (never colour alone), its meaning in one sentence, its
legal basis and the amount in rupiah; information items apart; then what each cited rule says. Printed
(the "Cetak" button or the browser's menu) it is an A4 page without the site's navigation. Only the
worker's office (or an admin) opens it; each view is audited
(:func:`tangkas.services.readiness.readiness_for`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from tangkas.countries import country, country_codes
from tangkas.models import Lang
from tangkas.protection import ReadinessItem, law
from tangkas.protection.rules import Law, documents, items
from tangkas.services.readiness import ReadinessCheck, readiness_for
from tangkas.store.keys import ApiKey
from tangkas.web.pages import page_lang, render
from tangkas.web.records import not_yours, refuse, require_counsellor
from tangkas.web.security import StoreDep

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class ChecklistRow:
    """One item as the page shows it, in the page's language."""

    id: str
    status: str
    title: str
    detail: str
    law_title: str | None
    amount_idr: int | None


@dataclass(frozen=True)
class ReadinessPage:
    caller: ApiKey
    check: ReadinessCheck
    destination: str
    required: list[ChecklistRow]
    information: list[ChecklistRow]
    laws: list[Law]
    """The rules the rows cite, in the order first cited."""


def item_title(item_id: str, lang: Lang) -> str:
    """An item's name: the document's for ``document_<kind>``, else the item's own.

    >>> item_title("document_passport", "id"), item_title("jht", "en")
    ('Paspor', 'JHT (optional)')
    """
    english = lang == "en"
    for kind in documents():
        if item_id == f"document_{kind.document}":
            return kind.names[None][english]
    rule = items()[item_id]
    return rule.title_en if english else rule.title_id


def checklist_row(item: ReadinessItem, lang: Lang) -> ChecklistRow:
    """A readiness item in the page's language."""
    cited = law(item.law_key).title if item.law_key else None
    return ChecklistRow(
        item.id, item.status, item_title(item.id, lang), item.detail(lang), cited, item.amount_idr
    )


def readiness_page(caller: ApiKey, check: ReadinessCheck, lang: Lang) -> ReadinessPage:
    """The page's context: rows split into required and information items, and the laws they cite."""
    code = check.placement["destination"]
    destination = country(code).label(lang) if code in country_codes() else code
    found = check.readiness.items if check.readiness else ()
    rows = [checklist_row(item, lang) for item in found]
    keys = dict.fromkeys(item.law_key for item in found if item.law_key)
    return ReadinessPage(
        caller,
        check,
        destination,
        [row for row, item in zip(rows, found, strict=True) if item.required],
        [row for row, item in zip(rows, found, strict=True) if not item.required],
        [law(key) for key in keys if key],
    )


@router.get("/workers/{worker_id}/placements/{placement_id}/readiness", response_class=HTMLResponse)
def readiness(
    request: Request,
    store: StoreDep,
    worker_id: int,
    placement_id: int,
    as_of: Annotated[str, Query(max_length=40)] = "",
) -> HTMLResponse:
    """The checklist as of ``as_of`` (default today): a 404 outside the caller's office or for a
    placement that is not the worker's, a 422 page for a date that is not one."""
    caller = require_counsellor(request, store)
    try:
        day = date.fromisoformat(as_of.strip()) if as_of.strip() else date.today()
    except ValueError:
        raise refuse(request, 422, "rd.bad_date") from None
    check = readiness_for(store, caller, worker_id, placement_id, day)
    if check is None:
        raise not_yours(request, store, caller)
    response = render(request, "readiness.html", readiness_page(caller, check, page_lang(request)))
    response.headers["Cache-Control"] = "no-store"
    return response
