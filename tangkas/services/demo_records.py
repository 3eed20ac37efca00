"""Synthetic social-security spells, PMI placements and placement documents for the demo workers.

Nothing here is real: every row is marked synthetic, agencies are named ``[DEMO] ...``, and the dates
are drawn around the day the demo is loaded so that the demo shows every case a counsellor meets:
spells that lapse within 30 days, spells that lapsed, workers with no employment-injury (JKK) cover,
prospective PMI with documents missing, PMI abroad and returned PMI. The same workers and day always
give the same rows (seeded).

>>> workers = [{"source": "demo", "external_id": "w1", "migrant_status": "current",
...             "bpjs_ketenagakerjaan": True, "bpjs_kesehatan": False}]
>>> records = demo_records(workers, date(2026, 1, 15))
>>> [(p["status"], p["destination"] in DESTINATIONS) for p in records.placements]
[('abroad', True)]
>>> all(row["synthetic"] for row in records.memberships + records.placements + records.documents)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from tangkas.models import Occupation
from tangkas.protection.contributions import add_months, rule_in_force
from tangkas.protection.models import SECTOR_OCCUPATIONS
from tangkas.rows.entities import DOCUMENTS
from tangkas.taxonomy import load_taxonomy

SEED = 20261128
SOURCE = "demo"
DESTINATIONS = {"TW": 83_216, "MY": 72_260, "HK": 65_916, "KR": 12_580, "JP": 9_673, "SG": 7_898}
"""PMI placed in 2023 in the six largest destinations (BP2MI, "Data Penempatan dan Pelindungan PMI Tahun
2023": 274,965 placements in all): demo placements are drawn in these proportions."""
SECTORS = {
    "TW": {"caregiving": 0.55, "manufacturing": 0.3, "fishing": 0.1, "domestic_work": 0.05},
    "MY": {"plantation": 0.35, "manufacturing": 0.25, "domestic_work": 0.25, "construction": 0.15},
    "HK": {"domestic_work": 0.9, "caregiving": 0.1},
    "KR": {"manufacturing": 0.75, "fishing": 0.2, "agriculture": 0.05},
    "JP": {"caregiving": 0.35, "manufacturing": 0.35, "agriculture": 0.15, "hospitality": 0.15},
    "SG": {"domestic_work": 0.85, "caregiving": 0.15},
}
"""Plausible sectors per destination: carers and factory work in Taiwan, plantations in Malaysia,
domestic work in Hong Kong and Singapore, the Korean EPS in manufacturing and fishing, Japan's care and
industry fields. Shares are invented for the demo, not statistics."""
CONTRACT_MONTHS = {"TW": 36, "MY": 24, "HK": 24, "KR": 36, "JP": 36, "SG": 24}
AGENCIES = tuple(f"[DEMO] PT Penempatan Contoh {n}" for n in range(1, 9))
EXPIRY_DAYS = {"passport": 3652, "health_certificate": 365, "competency_certificate": 1095}
"""Documents that expire, and after how long (a work visa ends with its contract)."""


@dataclass
class DemoRecords:
    memberships: list[dict[str, Any]] = field(default_factory=list)
    placements: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    destinations: dict[str, str] = field(default_factory=dict)
    """Each migrant demo worker's destination, by the worker's ``external_id``."""


def _days(n: int) -> timedelta:
    return timedelta(days=n)


class _Draw:
    """The seeded draws of one worker's records."""

    def __init__(self, worker: dict[str, Any], today: date) -> None:
        number = int("".join(c for c in str(worker["external_id"]) if c.isdigit()) or 0)
        self.rng = np.random.default_rng([SEED, number])
        self.worker, self.today = worker, today

    def days(self, low: int, high: int) -> timedelta:
        return _days(int(self.rng.integers(low, high)))

    def pick(self, weights: dict[str, float] | dict[str, int]) -> str:
        names = list(weights)
        shares = np.array([float(weights[n]) for n in names])
        return str(names[int(self.rng.choice(len(names), p=shares / shares.sum()))])

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def paid_until(self) -> date:
        """A spell's end: lapsed (a fifth), lapsing within 30 days (a quarter) or running on."""
        roll = self.rng.random()
        if roll < 0.2:
            return self.today - self.days(1, 180)
        if roll < 0.45:
            return self.today + self.days(0, 31)
        return self.today + self.days(31, 330)


def _spell(
    worker: dict[str, Any], programme: str, tag: str, segment: str, start: date, end: date
) -> dict[str, Any]:
    return {
        "source": SOURCE,
        "external_id": f"{worker['external_id']}-{programme}-{tag}",
        "worker_source": worker["source"],
        "worker_external_id": worker["external_id"],
        "programme": programme,
        "segment": segment,
        "valid_from": start,
        "paid_until": end,
        "synthetic": True,
    }


HOME_PROGRAMMES = {
    "wage": ("JKK", "JKM", "JHT", "JP"),
    "non_wage": ("JKK", "JKM"),
    "construction": ("JKK", "JKM"),
}


def _home_spells(draw: _Draw, after: date | None = None) -> list[dict[str, Any]]:
    """Spells of a worker at home (from ``after``, a returned PMI's last cover): JKK and JKM (and JHT,
    JP for wage earners) when registered with BPJS Ketenagakerjaan, some with an earlier lapsed spell,
    some non-wage earners without JKK; JKN when with BPJS Kesehatan."""
    worker, spells = draw.worker, []
    if worker.get("bpjs_ketenagakerjaan"):
        segment = draw.pick({"wage": 0.55, "non_wage": 0.35, "construction": 0.1})
        programmes = HOME_PROGRAMMES[segment]
        if segment == "non_wage" and draw.chance(0.2):
            programmes = ("JKM", "JHT")  # no employment-injury cover
        end = draw.paid_until()
        start = end - draw.days(90, 1400)
        earlier, gap = draw.chance(0.3) and after is None, draw.days(2, 90)
        start = start if after is None else max(start, after + _days(1))
        for programme in programmes if start <= end else ():
            if earlier:
                spells.append(_spell(worker, programme, "1", segment, start - gap - _days(365), start - gap))
            spells.append(_spell(worker, programme, "2", segment, start, end))
    if worker.get("bpjs_kesehatan"):
        end = draw.paid_until()
        spells.append(_spell(worker, "JKN", "1", "non_wage", end - draw.days(180, 2000), end))
    return spells


def _documents(draw: _Draw, placement: dict[str, Any], start: date, missing: float) -> list[dict[str, Any]]:
    rows = []
    for document in DOCUMENTS:
        if draw.chance(missing):
            continue
        issued = min(start - draw.days(5, 400), draw.today)
        expires = issued + _days(EXPIRY_DAYS[document]) if document in EXPIRY_DAYS else None
        if document == "work_visa":
            expires = placement["contract_end"]
        rows.append(
            {
                "source": SOURCE,
                "external_id": f"{placement['external_id']}-{document}",
                "placement_source": SOURCE,
                "placement_external_id": placement["external_id"],
                "document": document,
                "issued_on": issued,
                "expires_on": expires,
                "synthetic": True,
            }
        )
    return rows


def _placement(draw: _Draw, records: DemoRecords, occupations: dict[str, Occupation]) -> date:
    """A migrant worker's placement, its documents and its PMI spells (JKK and JKM before, during and
    after the placement, paid for the whole contract; about 60% of PMI are not registered, DJSN); the
    last day of that cover (or of the contract)."""
    worker, today = draw.worker, draw.today
    destination = draw.pick(DESTINATIONS)
    sector = draw.pick(SECTORS[destination])
    usual = SECTOR_OCCUPATIONS[sector]
    occupation = occupations[usual[int(draw.rng.integers(len(usual)))]]
    length = _days(round(CONTRACT_MONTHS[destination] * 30.44))
    status = {"prospective": "prospective", "current": "abroad", "returned": "returned"}[
        worker["migrant_status"]
    ]
    if status == "prospective":
        start = today + draw.days(20, 150)
    elif status == "abroad":
        start = today - draw.days(20, length.days - 5)
    else:
        start = today - length - draw.days(20, 900)
    end = start + length
    departed = start - draw.days(1, 5) if status != "prospective" else None
    placement = {
        "source": SOURCE,
        "external_id": f"{worker['external_id']}-p1",
        "worker_source": worker["source"],
        "worker_external_id": worker["external_id"],
        "destination": destination,
        "sector": sector,
        "occupation_uri": occupation.uri,
        "isco": occupation.isco,
        "agency": AGENCIES[int(draw.rng.integers(len(AGENCIES)))],
        "contract_start": start,
        "contract_end": end,
        "departed_on": departed,
        "returned_on": min(end + draw.days(0, 20), today - _days(1)) if status == "returned" else None,
        "status": status,
        "fee_charged_idr": float(draw.rng.integers(3, 30)) * 1_000_000 if draw.chance(0.12) else 0.0,
        "synthetic": True,
    }
    records.placements.append(placement)
    records.destinations[worker["external_id"]] = destination
    records.documents += _documents(draw, placement, start, 0.08 if status == "prospective" else 0.04)
    paid_through = add_months(end, rule_in_force(start).post_placement_months)  # cover after the contract
    cover_to = paid_through if status != "prospective" or draw.chance(0.5) else start - _days(1)
    if status == "abroad" and draw.chance(0.25):
        cover_to = today + draw.days(0, 31)  # paid for part of the contract: lapsing while abroad
    if draw.chance(0.4):
        # registered before the contract starts; a prospective PMI on the day they registered, before today
        cover_from = start - draw.days(20, 120) if status != "prospective" else today - draw.days(1, 60)
        for programme in ("JKK", "JKM"):
            records.memberships.append(_spell(worker, programme, "pmi", "pmi", cover_from, cover_to))
        if draw.chance(0.3):
            records.memberships.append(_spell(worker, "JHT", "pmi", "pmi", cover_from, cover_to))
    return max(cover_to, placement["returned_on"] or end)


def demo_records(workers: list[dict[str, Any]], today: date) -> DemoRecords:
    """Spells for every demo worker; a placement with its documents for each migrant worker
    (``migrant_status`` prospective, current or returned)."""
    records = DemoRecords()
    occupations = {o.label_en: o for o in load_taxonomy().occupations}
    for worker in workers:
        draw = _Draw(worker, today)
        if worker.get("migrant_status") in ("prospective", "current", "returned"):
            covered_to = _placement(draw, records, occupations)
            if worker["migrant_status"] == "returned":
                records.memberships += _home_spells(draw, after=covered_to)
        else:
            records.memberships += _home_spells(draw)
    return records
