"""Youth indicators: the NEET rate of 15-24 year olds from the shipped official figures, with their
sources, and the young people in the store (registered, enrolled in a course) by province and sex under
the disclosure control of :mod:`tangkas.store.stats`.

Young means 15 to 24 years old in the year of ``as_of``, by birth year (the only age the store records):
the workers born from ``as_of.year - 24`` to ``as_of.year - 15``.

>>> from datetime import date
>>> youth_born(date(2026, 6, 1))
(2002, 2011)
>>> [f.sex for f in neet_national()]
['total', 'female', 'male']
>>> [f.geography for f in neet_places()]
['Indonesia urban', 'Indonesia rural']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources

from tangkas.fairness.labour import NationalFigure
from tangkas.loading import load_once
from tangkas.services.coverage import ReferenceFigure, read_figures
from tangkas.services.gender import GenderFigures, gender_figures
from tangkas.store import Store
from tangkas.store.gender import Measure

NEET_FILE = "youth_neet.csv"
NEET = "youth_neet_rate_15_24"
NEET_PERIOD = "2023-08"
"""The latest period with the rate by sex and by urban/rural (BPS Sakernas, August 2023)."""
YOUTH_AGES = (15, 24)
MEASURES: tuple[Measure, ...] = ("registered", "profiled", "enrolled")
"""What the store can tell of young people: registered, with an interest profile saved to their record,
enrolled in a course. Placed: see docs/youth.md."""


def neet_text() -> str:
    """The shipped NEET figures' file as it is (for its CSV download)."""
    return (resources.files("tangkas") / "data" / "indicators" / NEET_FILE).read_text("utf-8")


@load_once
def neet_figures() -> tuple[ReferenceFigure, ...]:
    """Every shipped NEET figure (15-24, 15-19, 20-24; Indonesia, urban, rural, provinces), with source."""
    return read_figures(neet_text())


def neet_national(period: str = NEET_PERIOD) -> list[NationalFigure]:
    """Indonesia's NEET rate of 15-24 year olds in ``period``: everyone, women, men."""
    found = [r.figure for r in neet_figures() if r.figure.indicator == NEET and r.figure.period == period]
    return [f for f in found if f.geography == "Indonesia"]


def neet_places(period: str = NEET_PERIOD) -> list[NationalFigure]:
    """The urban and rural NEET rates of 15-24 year olds in ``period``."""
    found = [r.figure for r in neet_figures() if r.figure.indicator == NEET and r.figure.period == period]
    return [f for f in found if f.geography.startswith("Indonesia ")]


def neet_by_province() -> dict[str, NationalFigure]:
    """The provinces' NEET rates of 15-24 year olds the source gives (2024, not every province), by code."""
    return {r.code: r.figure for r in neet_figures() if r.code and r.figure.indicator == NEET}


def youth_born(as_of: date) -> tuple[int, int]:
    """The first and last birth year of the people aged 15 to 24 in ``as_of``'s year."""
    return as_of.year - YOUTH_AGES[1], as_of.year - YOUTH_AGES[0]


@dataclass(frozen=True, slots=True)
class YouthFigures:
    """Young people registered and enrolled, by province and sex, as published."""

    as_of: date
    figures: GenderFigures


def youth_figures(store: Store, as_of: date) -> YouthFigures:
    """Registered (not erased) workers aged 15-24 in ``as_of``'s year, and those of them enrolled in a
    course, by sex nationally and per province, every figure protected as the gender view's are."""
    return YouthFigures(as_of, gender_figures(store, born=youth_born(as_of), measures=MEASURES))
