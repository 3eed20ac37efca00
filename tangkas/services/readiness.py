"""The pre-departure readiness check of a stored placement, for the worker's counsellor.

:func:`readiness_for` reads the worker, one of their placements with its documents, and their
membership spells from the store, turns them into the models of :mod:`tangkas.protection` and runs
:func:`~tangkas.protection.check_readiness` as of a given day. Access is that of a placement read
(:func:`tangkas.services.protection_records.read_placements`): a counsellor of the worker's office or an
admin; every check is audited as ``read_readiness`` with the ids it read, never a value.

The check is made for a prospective PMI. A placement already abroad or returned is checked all the same
(a counsellor may want to see whether the cover ran to the contract's end, or whether the worker was
ready on the day they left), and :attr:`ReadinessCheck.departed` says so, for the page and the API to
tell the reader that the list speaks of departure.

>>> from tangkas.store import open_store
>>> from tangkas.store.keys import create_key
>>> from tangkas.services.imports import import_rows
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> worker = {"source": "t", "external_id": "w1", "office_code": "BDG", "full_name": "Siti",
...           "birth_year": 1990}
>>> _ = import_rows(store, "workers", [worker], "doc")
>>> placement = {"source": "t", "external_id": "p1", "worker_source": "t", "worker_external_id": "w1",
...              "destination": "HK", "sector": "domestic_work", "status": "prospective",
...              "contract_start": "2025-03-01", "contract_end": "2027-02-28", "fee_charged_idr": 0}
>>> _ = import_rows(store, "placements", [placement], "doc")
>>> counsellor = create_key(store, "counsellor", office_code="BDG")
>>> check = readiness_for(store, counsellor, 1, 1, date(2025, 1, 15))
>>> check.readiness.ready, check.readiness.item("jkk_jkm_placement").amount_idr
(False, 332500)
>>> readiness_for(store, create_key(store, "counsellor", office_code="SBY"), 1, 1, date(2025, 1, 15))
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any, Literal

from tangkas.countries import country, country_codes
from tangkas.errors import UnknownConceptError
from tangkas.models import Lang
from tangkas.protection import (
    Candidate,
    Membership,
    NoRuleInForceError,
    Placement,
    PlacementDocument,
    Readiness,
    ReadinessItem,
    check_readiness,
    law,
)
from tangkas.protection.rules import documents as rule_documents
from tangkas.protection.rules import rules_version, words
from tangkas.rows.validate import split_uris
from tangkas.services.protection_records import read_memberships, read_placements
from tangkas.services.records import RECORD_ROLES, visible_worker
from tangkas.services.returned_pmi import OverseasWork, returned_work
from tangkas.store import Store
from tangkas.store.audit import audit
from tangkas.store.keys import ApiKey
from tangkas.store.protection_records import worker_memberships, worker_placements
from tangkas.taxonomy import load_taxonomy

Problem = Literal["no_contract", "no_rule"]


@dataclass(frozen=True, slots=True)
class ReadinessCheck:
    """One placement's check as of one day, with the records it was made from.

    ``readiness`` is ``None`` when no check could be made, ``problem`` saying why: ``no_contract``
    (the contract's first or last day is not recorded) or ``no_rule`` (the day is before UU 18/2017).
    """

    worker: dict[str, Any]
    placement: dict[str, Any]
    """The stored placement, with its ``documents``."""
    as_of: date
    readiness: Readiness | None
    problem: Problem | None = None

    @property
    def departed(self) -> bool:
        """Whether the worker has left already (abroad or returned): the list then speaks of a departure
        that is past."""
        return bool(self.placement["status"] != "prospective")

    @property
    def to_settle(self) -> int:
        """How many required items do not pass (0 when no check could be made)."""
        if self.readiness is None:
            return 0
        return sum(1 for item in self.readiness.items if item.required and item.status != "pass")

    def to_dict(self, langs: tuple[Lang, ...] = ("id", "en")) -> dict[str, Any]:
        """The check as JSON: every item with its status, law, detail (in ``langs``) and amount, whether
        the worker is ready, the contributions due and the version of the rules applied."""
        found = self.readiness
        due = found.contribution if found else None
        return {
            "worker_id": self.worker["id"],
            "placement_id": self.placement["id"],
            "as_of": self.as_of.isoformat(),
            "placement_status": self.placement["status"],
            "departed": self.departed,
            "ready": bool(found and found.ready),
            "to_settle": self.to_settle,
            "contribution": None if due is None else {**asdict(due), "total_idr": due.total_idr},
            "rules_version": found.rules_version if found else rules_version(),
            "items": [_item_dict(item, langs) for item in found.items] if found else [],
        }

    @property
    def departure_eve(self) -> date | None:
        """The day before departure (the recorded departure, else the contract's start): the day to check
        a departed worker's readiness as of."""
        left = self.placement["departed_on"] or self.placement["contract_start"]
        return left - timedelta(days=1) if left else None


def _item_dict(item: ReadinessItem, langs: tuple[Lang, ...]) -> dict[str, Any]:
    cited = law(item.law_key) if item.law_key else None
    return {
        "id": item.id,
        "status": item.status,
        "required": item.required,
        "law": None if cited is None else {"key": cited.key, "title": cited.title},
        "detail": {lang: item.detail(lang) for lang in langs},
        "amount_idr": item.amount_idr,
    }


def candidate_of(worker: dict[str, Any], on: date) -> Candidate:
    """The person the check needs: the birth date from a sound NIK, else the birth year.

    >>> candidate_of({"nik": "3273014403880007", "birth_year": 1988}, date(2025, 1, 1)).birth_date
    datetime.date(1988, 3, 4)
    """
    return Candidate.from_record(worker.get("nik"), worker.get("birth_year"), on)


def placement_of(row: dict[str, Any]) -> Placement:
    """A stored placement (its contract dates recorded) as the check's model."""
    return Placement(
        destination=row["destination"],
        sector=row["sector"],
        contract_start=row["contract_start"],
        contract_end=row["contract_end"],
        status=row["status"],
        departed_on=row["departed_on"],
        returned_on=row["returned_on"],
        agency=row["agency"],
        fee_charged_idr=row["fee_charged_idr"],
        occupation_uri=row["occupation_uri"],
    )


def documents_of(row: dict[str, Any]) -> list[PlacementDocument]:
    """A stored placement's documents as the check's models."""
    return [PlacementDocument(d["document"], d["issued_on"], d["expires_on"]) for d in row["documents"]]


def memberships_of(spells: list[dict[str, Any]]) -> list[Membership]:
    """Stored membership spells as the check's models."""
    return [Membership(s["programme"], s["segment"], s["valid_from"], s["paid_until"]) for s in spells]


def _check(
    worker: dict[str, Any], placement: dict[str, Any], spells: list[dict[str, Any]], as_of: date
) -> ReadinessCheck:
    if placement["contract_start"] is None or placement["contract_end"] is None:
        return ReadinessCheck(worker, placement, as_of, None, "no_contract")
    try:
        found = check_readiness(
            candidate_of(worker, as_of),
            placement_of(placement),
            documents_of(placement),
            memberships_of(spells),
            as_of,
        )
    except NoRuleInForceError:
        return ReadinessCheck(worker, placement, as_of, None, "no_rule")
    return ReadinessCheck(worker, placement, as_of, found)


def readiness_for(
    store: Store, caller: ApiKey, worker_id: int, placement_id: int, as_of: date
) -> ReadinessCheck | None:
    """The readiness check of the worker's placement ``placement_id`` as of ``as_of``; ``None`` when the
    caller may not see the worker (another office, a role without access to records) or the placement
    is not the worker's. Audited as ``read_readiness`` with the ids of the placement, documents and
    spells read."""
    if caller.role not in RECORD_ROLES:
        return None
    worker = visible_worker(store, caller, worker_id)
    if worker is None:
        return None
    placement = next((p for p in worker_placements(store, worker_id) if p["id"] == placement_id), None)
    if placement is None:
        return None
    spells = worker_memberships(store, worker_id)
    read = {
        "placement": placement_id,
        "documents": [d["id"] for d in placement["documents"]],
        "memberships": [s["id"] for s in spells],
        "as_of": as_of.isoformat(),
    }
    audit(store, caller, "read_readiness", "worker", str(worker_id), detail=read)
    return _check(worker, placement, spells, as_of)


LAPSING_DAYS = 30
"""A spell paid until at most this many days ahead is shown as ending soon."""
SpellState = Literal["active", "lapsing", "ended", "not_started"]


def spell_state(valid_from: date, paid_until: date, today: date) -> tuple[SpellState, int]:
    """How a spell stands on ``today``, and the days left until it ends (negative: since it ended).

    >>> day = date(2026, 11, 29)
    >>> spell_state(date(2026, 1, 1), date(2026, 12, 9), day), spell_state(date(2026, 1, 1), day, day)
    (('lapsing', 10), ('lapsing', 0))
    >>> spell_state(date(2026, 1, 1), date(2027, 6, 30), day)[0]
    'active'
    >>> spell_state(date(2026, 1, 1), date(2026, 11, 1), day)
    ('ended', -28)
    >>> spell_state(date(2027, 1, 1), date(2027, 6, 30), day)[0]
    'not_started'
    """
    left = (paid_until - today).days
    if left < 0:
        return "ended", left
    if valid_from > today:
        return "not_started", left
    return ("lapsing" if left <= LAPSING_DAYS else "active"), left


@dataclass(frozen=True, slots=True)
class SpellLine:
    """A membership spell as the worker page lists it."""

    programme: str
    segment: str
    valid_from: date
    paid_until: date
    state: SpellState
    days_left: int
    synthetic: bool


@dataclass(frozen=True, slots=True)
class PlacementLine:
    """A placement as the worker page lists it: names in the page's language, the documents held."""

    id: int
    destination: str
    sector: str
    occupations: list[str]
    agency: str | None
    contract_start: date | None
    contract_end: date | None
    departed_on: date | None
    returned_on: date | None
    status: str
    documents: list[str]
    synthetic: bool
    missing: list[str]
    """The documents of UU 18/2017 Pasal 13 not on file, in the law's order."""


@dataclass(frozen=True, slots=True)
class ProtectionOverview:
    """A worker's membership spells and placements, for the worker page."""

    spells: list[SpellLine]
    placements: list[PlacementLine]
    injury_cover: bool
    """Whether a JKK spell covers the day the page is shown (without it, an accident at work is not
    covered: the outreach list ``no_injury_cover`` holds the worker)."""
    overseas: OverseasWork | None
    """The latest returned placement's work abroad, where its occupation is known (the journey starts
    from it: :mod:`tangkas.services.returned_pmi`)."""


def _occupation_labels(value: str | None, lang: Lang) -> list[str]:
    tax, labels = load_taxonomy(), []
    for uri in split_uris(value):
        try:
            labels.append(tax.occupation(uri).label(lang))
        except UnknownConceptError:
            labels.append(uri)
    return labels


def _placement_line(row: dict[str, Any], lang: Lang) -> PlacementLine:
    code = row["destination"]
    names = {d.document: d.names[None][lang == "en"] for d in rule_documents()}
    held = {d["document"] for d in row["documents"]}
    return PlacementLine(
        row["id"],
        country(code).label(lang) if code in country_codes() else code,
        words()[f"sector_{row['sector']}"][lang == "en"],
        _occupation_labels(row["occupation_uri"], lang),
        row["agency"],
        row["contract_start"],
        row["contract_end"],
        row["departed_on"],
        row["returned_on"],
        row["status"],
        [names.get(d["document"], d["document"]) for d in row["documents"]],
        bool(row["synthetic"]),
        [name for document, name in names.items() if document not in held],
    )


def protection_overview(
    store: Store, caller: ApiKey, worker_id: int, today: date, lang: Lang = "id"
) -> ProtectionOverview | None:
    """The worker's spells, each with how it stands on ``today``, and placements with their documents;
    ``None`` when the caller may not see the worker. Both reads are audited (``read_memberships``,
    ``read_placements``); the placements read once serve the returned PMI's work abroad too."""
    spells = read_memberships(store, caller, worker_id)
    placements = read_placements(store, caller, worker_id)
    if spells is None or placements is None:
        return None
    lines = [
        SpellLine(
            s["programme"],
            s["segment"],
            s["valid_from"],
            s["paid_until"],
            *spell_state(s["valid_from"], s["paid_until"], today),
            bool(s["synthetic"]),
        )
        for s in spells
    ]
    injury = any(s["programme"] == "JKK" and s["valid_from"] <= today <= s["paid_until"] for s in spells)
    return ProtectionOverview(
        lines, [_placement_line(p, lang) for p in placements], injury, returned_work(placements)
    )
