"""Records of a prospective migrant worker (PMI), as the store keeps them: social-security membership
spells, a placement, its documents, and the few facts about the person the readiness check needs.

Field names match the store's tables. Dates are calendar days; a spell covers ``valid_from`` through
``paid_until``, both included.

>>> spell = Membership("JKK", "pmi", date(2025, 1, 6), date(2027, 2, 5), 332_500)
>>> spell.covers(date(2027, 2, 5)), spell.covers(date(2027, 2, 6))
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from tangkas.rows.nik import nik_problem

Programme = Literal["JKK", "JKM", "JHT", "JP", "JKP", "JKN"]
Segment = Literal["wage", "non_wage", "pmi", "construction"]
Sector = Literal[
    "domestic_work",
    "caregiving",
    "manufacturing",
    "construction",
    "plantation",
    "agriculture",
    "fishing",
    "hospitality",
    "services",
    "other",
]
PlacementStatus = Literal["prospective", "abroad", "returned"]
DocumentKind = Literal[
    "marriage_status",
    "family_permission",
    "competency_certificate",
    "health_certificate",
    "passport",
    "work_visa",
    "placement_agreement",
    "employment_contract",
]
PROGRAMMES: tuple[Programme, ...] = get_args(Programme)
SEGMENTS: tuple[Segment, ...] = get_args(Segment)
SECTORS: tuple[Sector, ...] = get_args(Sector)
PLACEMENT_STATUSES: tuple[PlacementStatus, ...] = get_args(PlacementStatus)
DOCUMENTS: tuple[DocumentKind, ...] = get_args(DocumentKind)
"""The eight documents of UU 18/2017 Pasal 13, in the article's order."""
SECTOR_OCCUPATIONS: dict[str, tuple[str, ...]] = {
    "domestic_work": ("domestic housekeeper", "domestic cleaner"),
    "caregiving": ("home care aide", "nanny"),
    "manufacturing": ("electronic equipment assembler", "factory hand", "hand packer"),
    "construction": ("building construction worker",),
    "plantation": ("crop production worker",),
    "agriculture": ("fruit and vegetable picker", "livestock worker"),
    "fishing": ("fisheries deckhand",),
    "hospitality": ("kitchen assistant", "waiter/waitress"),
}
"""ESCO occupations (preferred English labels) usual in each placement sector, the most usual first:
what a returned PMI's work abroad is taken to be when the placement names no occupation, and what the
demo's placements are drawn from."""


@dataclass(frozen=True, slots=True)
class Membership:
    """One paid spell of one BPJS programme, in one participant segment."""

    programme: Programme
    segment: Segment
    valid_from: date
    paid_until: date
    contribution_idr: float | None = None

    def covers(self, day: date) -> bool:
        """Whether the spell covers ``day`` (both ends included)."""
        return self.valid_from <= day <= self.paid_until


@dataclass(frozen=True, slots=True)
class Placement:
    """A placement abroad: where, in what work, the contract's first and last day, and how it went."""

    destination: str
    """ISO 3166-1 alpha-2 code of the destination country, upper case (``"TW"``)."""
    sector: Sector
    contract_start: date
    contract_end: date
    status: PlacementStatus
    departed_on: date | None = None
    returned_on: date | None = None
    agency: str | None = None
    fee_charged_idr: float | None = None
    occupation_uri: str | None = None

    @property
    def departure(self) -> date:
        """The day of departure: ``departed_on`` when known, else the contract's first day."""
        return self.departed_on or self.contract_start


@dataclass(frozen=True, slots=True)
class PlacementDocument:
    """One of the eight documents; dates unknown are ``None`` (no expiry known: never expired)."""

    document: DocumentKind
    issued_on: date | None = None
    expires_on: date | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the check needs to know about the person: the date of birth when known (from a sound NIK),
    else only the year, and whether they are married (``None``: not recorded)."""

    birth_date: date | None
    birth_year: int | None
    married: bool | None = None

    @classmethod
    def from_record(
        cls, nik: str | None, birth_year: int | None, on: date, married: bool | None = None
    ) -> Candidate:
        """The candidate a stored worker is: the birth date from the NIK when its structure is sound.

        A NIK writes the year with two digits; the century is the one of ``birth_year`` when that year
        ends in the same two digits, else the latest year not after ``on``. A NIK that disagrees with
        ``birth_year`` gives no birth date (the year stands; the check then says "missing", not a guess).

        >>> Candidate.from_record("3273014403880007", None, date(2025, 1, 1))  # a woman, 4 March 1988
        Candidate(birth_date=datetime.date(1988, 3, 4), birth_year=1988, married=None)
        >>> Candidate.from_record("3273010403050007", None, date(2025, 1, 1)).birth_date
        datetime.date(2005, 3, 4)
        >>> Candidate.from_record("3273010403880007", 1990, date(2025, 1, 1)).birth_date is None
        True
        >>> Candidate.from_record(None, 2001, date(2025, 1, 1), married=True)
        Candidate(birth_date=None, birth_year=2001, married=True)
        """
        born = _nik_birth_date(nik, birth_year, on) if nik else None
        return cls(born, born.year if born else birth_year, married)


def _nik_birth_date(nik: str, birth_year: int | None, on: date) -> date | None:
    if nik_problem(nik) is not None:
        return None
    day, month, short = int(nik[6:8]) % 40, int(nik[8:10]), int(nik[10:12])
    if birth_year is not None and birth_year % 100 != short:
        return None
    year = birth_year if birth_year is not None else on.year - (on.year - short) % 100
    try:
        return date(year, month, day)
    except ValueError:  # 29 February of a year that had none (1900)
        return None
