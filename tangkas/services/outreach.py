"""Outreach lists for an office, as of a day, for its counsellors: who to call this week.

Three lists (docs/counsellors.md):

- ``lapsing``: workers (PMI abroad included) with a social-security spell paid until a day from D to
  D+N-1 that no later spell of the same programme continues;
- ``no_injury_cover``: workers with no JKK spell covering D, PMI (abroad or about to leave) apart;
- ``returned_pmi``: PMI back from a placement by D with no follow-up since the day of return (a plan
  saved to their record, or a recorded contact in which they were spoken to).

A counsellor sees their own office, an admin any office (or all); analysts and providers nothing. Every
list read, download and recorded contact is audited with ids and counts, never a value.

>>> from tangkas.store import open_store
>>> from tangkas.store.keys import create_key
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> counsellor = create_key(store, "counsellor", office_code="BDG")
>>> found = outreach_list(store, counsellor, "lapsing", as_of=date(2026, 12, 1))
>>> found.office, found.total, found.counts
('BDG', 0, {'lapsing': 0, 'no_injury_cover': 0, 'returned_pmi': 0})
>>> outreach_list(store, create_key(store, "analyst"), "lapsing")
Traceback (most recent call last):
...
PermissionError: analyst
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tangkas.services.records import RECORD_ROLES, visible_worker
from tangkas.store import Store
from tangkas.store import outreach as lists
from tangkas.store.audit import audit
from tangkas.store.keys import ApiKey
from tangkas.store.queries import Page

ListName = Literal["lapsing", "no_injury_cover", "returned_pmi"]
LIST_NAMES: tuple[ListName, ...] = ("lapsing", "no_injury_cover", "returned_pmi")
DAYS = (7, 30, 60, 90)
"""The horizons the page offers for ``lapsing`` (the API takes any from 1 to 366)."""
DEFAULT_DAYS = 30


class OfficeRefused(PermissionError):
    """A counsellor asked for another office's list."""


@dataclass(frozen=True)
class OutreachList:
    """One page of one list for one office (``None``: every office, for an admin), with every list's count."""

    name: ListName
    office: str | None
    as_of: date
    days: int
    page: Page
    counts: dict[ListName, int] = field(default_factory=dict)
    no_cover: dict[str, int] = field(default_factory=dict)
    """``no_injury_cover`` split: PMI abroad or prospective (``pmi``) and the others."""

    @property
    def total(self) -> int:
        return self.page.total

    def to_dict(self) -> dict[str, Any]:
        """The JSON the API returns (dates as ISO text)."""
        return {
            "list": self.name,
            "office": self.office,
            "as_of": self.as_of.isoformat(),
            "days": self.days,
            "counts": self.counts,
            "no_injury_cover": self.no_cover,
            **Page(
                [_plain(i) for i in self.page.items], self.total, self.page.limit, self.page.offset
            ).to_dict(),
        }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def office_of(caller: ApiKey, office: str | None = None) -> str | None:
    """The office whose lists ``caller`` reads: a counsellor's own (asking for another is refused), the
    one an admin names (``None``: every office); anyone else is refused."""
    if caller.role not in RECORD_ROLES:
        raise PermissionError(caller.role)
    if caller.role == "admin":
        return office or None
    if office and office != caller.office_code:
        raise OfficeRefused(caller.role)
    return caller.office_code


def _page(
    store: Store, name: ListName, office: str | None, as_of: date, days: int, limit: int, offset: int
) -> Page:
    if name == "lapsing":
        return lists.lapsing(store, office, as_of, days, limit, offset)
    if name == "no_injury_cover":
        return lists.no_injury_cover(store, office, as_of, limit, offset)
    return lists.returned_without_follow_up(store, office, as_of, limit, offset)


def outreach_list(
    store: Store,
    caller: ApiKey,
    name: ListName,
    *,
    as_of: date | None = None,
    days: int = DEFAULT_DAYS,
    office: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> OutreachList:
    """One page of list ``name`` for the caller's office (an admin's pick) as of ``as_of`` (today),
    with the count of every list; audited as ``read_outreach`` with the list and the worker ids shown."""
    where = office_of(caller, office)
    day = as_of or date.today()
    page = _page(store, name, where, day, days, limit, offset)
    counts = {
        n: page.total if n == name else lists.list_total(store, n, where, day, days) for n in LIST_NAMES
    }
    detail = {"list": name, "office": where, "ids": [i["worker_id"] for i in page.items]}
    audit(store, caller, "read_outreach", "outreach", None, detail=detail)
    return OutreachList(name, where, day, days, page, counts, lists.no_cover_counts(store, where, day))


CSV_LIMIT = 100_000
"""The most rows a download holds (an office has far fewer)."""


def _csv_rows(name: ListName, items: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    head = ["worker_id", "full_name", "phone", "synthetic"]
    if name == "lapsing":
        return [*head, "lapses_on", "programmes"], [
            [*(i[k] for k in head), i["lapses_on"], " ".join(s["programme"] for s in i["spells"])]
            for i in items
        ]
    if name == "no_injury_cover":
        return [*head, "standing", "last_jkk", "departs_on"], [
            [*(i[k] for k in head), i["standing"], i["last_jkk"], i["departs_on"]] for i in items
        ]
    return [*head, "returned_on", "destination", "sector", "occupation_uri"], [
        [
            *(i[k] for k in head),
            i["returned_on"],
            *((i["placement"] or {}).get(k) for k in ("destination", "sector", "occupation_uri")),
        ]
        for i in items
    ]


def outreach_csv(
    store: Store, caller: ApiKey, name: ListName, *, as_of: date | None = None, days: int = DEFAULT_DAYS
) -> str:
    """A whole list of the caller's own office as CSV, for its counsellor only (an admin, who has no
    office of their own, is refused: the names and phones leave the service with the file); audited as
    ``export_outreach`` with the list and the count."""
    if caller.role != "counsellor":
        raise PermissionError(caller.role)
    day = as_of or date.today()
    page = _page(store, name, caller.office_code, day, days, CSV_LIMIT, 0)
    names, rows = _csv_rows(name, page.items)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([[_plain(v) for v in row] for row in rows])
    detail = {"list": name, "office": caller.office_code, "rows": len(rows)}
    audit(store, caller, "export_outreach", "outreach", None, detail=detail)
    return out.getvalue()


def record_contact(
    store: Store,
    caller: ApiKey,
    worker_id: int,
    reason: str,
    outcome: str,
    contacted_on: date | None = None,
) -> int | None:
    """Record that the caller contacted (or tried to contact) a worker of their office, with an outcome
    code of :data:`~tangkas.store.outreach.OUTCOMES`; its id (``None``: not the caller's worker).
    Audited as ``outreach_contact`` with the reason and outcome codes."""
    if reason not in lists.REASONS or outcome not in lists.OUTCOMES:
        raise ValueError("unknown reason or outcome")
    if visible_worker(store, caller, worker_id) is None:
        return None
    day = contacted_on or date.today()
    if day > date.today():
        raise ValueError("a contact cannot be in the future")
    contact = lists.add_contact(store, worker_id, reason, day, outcome, caller.id)
    detail = {"reason": reason, "outcome": outcome, "contact": contact}
    audit(store, caller, "outreach_contact", "worker", str(worker_id), detail=detail)
    return contact
