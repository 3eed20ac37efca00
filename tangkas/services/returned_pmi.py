"""A returned PMI's work abroad as the start of their journey home: recommendations and a training plan.

The occupation of a worker's latest returned placement is read from its ESCO occupation; failing that,
from its ISCO unit group (the group's first ESCO occupation by code), and failing that from its sector
(the sector's usual occupation abroad, :data:`SECTOR_OCCUPATIONS`). A worker whose record names no
occupation of their own starts their journey from it.

>>> placement = {"id": 7, "status": "returned", "destination": "TW", "sector": "caregiving",
...              "occupation_uri": None, "isco": None, "contract_start": date(2022, 1, 10),
...              "departed_on": date(2022, 1, 5), "returned_on": date(2025, 1, 20), "contract_end": None}
>>> work = returned_work([placement])
>>> work.occupation.label_en, work.years, work.country("id")
('home care aide', 3.0, 'Taiwan')
>>> starting_profile({"occupations": "", "skills": "", "province_code": "32"}, work).occupations == (
...     work.occupation.uri,)
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tangkas.careers.transitions import Profile
from tangkas.countries import country
from tangkas.errors import UnknownConceptError
from tangkas.models import Occupation
from tangkas.protection.models import SECTOR_OCCUPATIONS as USUAL_OCCUPATIONS
from tangkas.services.recommend import recommend
from tangkas.services.understand import record_profile, worker_profile
from tangkas.store import Store
from tangkas.taxonomy import load_taxonomy

SECTOR_OCCUPATIONS = {sector: labels[0] for sector, labels in USUAL_OCCUPATIONS.items()}
"""The ESCO occupation (preferred English label) a placement of a sector most often is, for a placement
recorded with its sector only."""


@dataclass(frozen=True)
class OverseasWork:
    """What a returned PMI did abroad on their latest placement."""

    placement_id: int
    destination: str
    sector: str
    occupation: Occupation
    years: float | None
    """Years abroad (departure, or contract start, to return), to one decimal; ``None`` when unknown."""
    returned_on: date | None

    def country(self, lang: str = "id") -> str:
        """The destination's name (its code when not a known country)."""
        try:
            return country(self.destination).label(lang)
        except UnknownConceptError:
            return self.destination


def overseas_occupation(placement: Mapping[str, Any]) -> Occupation | None:
    """The ESCO occupation of a placement: its own, its ISCO group's first, or its sector's usual one.

    >>> overseas_occupation({"occupation_uri": None, "isco": "8212", "sector": "other"}).code
    '8212.1'
    >>> overseas_occupation({"occupation_uri": None, "isco": None, "sector": "other"}) is None
    True
    """
    tax = load_taxonomy()
    for identifier in (placement.get("occupation_uri"), placement.get("isco")):
        if not identifier:
            continue
        try:
            return tax.occupation(str(identifier))
        except UnknownConceptError:
            group = sorted(tax.occupations_in(str(identifier)), key=lambda o: o.code)
            if group and len(str(identifier)) == 4:
                return group[0]
    label = SECTOR_OCCUPATIONS.get(str(placement.get("sector") or ""))
    return next((o for o in tax.occupations if o.label_en == label), None) if label else None


def _years(start: date | None, end: date | None) -> float | None:
    if start is None or end is None or end < start:
        return None
    return round((end - start).days / 365.25, 1)


def returned_work(placements: Sequence[Mapping[str, Any]]) -> OverseasWork | None:
    """The work of the latest returned placement whose occupation is known, or ``None``."""
    returned = [p for p in placements if p.get("status") == "returned"]
    returned.sort(key=lambda p: (p.get("returned_on") or p.get("contract_end") or date.min, p["id"]))
    for placement in reversed(returned):
        occupation = overseas_occupation(placement)
        if occupation is None:
            continue
        back = placement.get("returned_on") or placement.get("contract_end")
        start = placement.get("departed_on") or placement.get("contract_start")
        return OverseasWork(
            placement["id"],
            str(placement["destination"]),
            str(placement["sector"]),
            occupation,
            _years(start, back),
            back,
        )
    return None


def overseas_profile(worker: Mapping[str, Any], work: OverseasWork) -> Profile:
    """The worker's profile started from the work abroad: that occupation, their recorded skills and
    province."""
    own = record_profile(worker)
    return worker_profile([work.occupation.uri], list(own.skills), province=own.province)


def starting_profile(worker: Mapping[str, Any], work: OverseasWork | None) -> Profile:
    """Where the worker's journey starts: their recorded occupations, or, with none recorded, their work
    abroad."""
    own = record_profile(worker)
    if own.occupations or work is None:
        return own
    return overseas_profile(worker, work)


def first_move(profile: Profile, store: Store | None = None) -> Occupation | None:
    """The best-scored move from ``profile`` (the target a one-click training plan starts with)."""
    found = recommend(profile, top=1, store=store)
    return found[0].occupation if found else None
