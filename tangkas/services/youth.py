"""Youth indicators: the NEET rate of 15-24 year olds from the shipped official figures, with their
sources, the young people in the store (registered, profiled, enrolled in a course, placed abroad as
PMI) by province and sex under the disclosure control of :mod:`tangkas.store.stats`, and where the
interests of young people with a stored profile outrun the courses held in their province
(:func:`interest_supply`).

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

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources

from tangkas.errors import TangkasError
from tangkas.fairness.labour import NationalFigure
from tangkas.loading import load_once
from tangkas.services.coverage import ReferenceFigure, read_figures
from tangkas.services.gender import GenderFigures, gender_figures
from tangkas.services.interests import form_of, journey_matches
from tangkas.store import Store
from tangkas.store.gender import Measure
from tangkas.store.interests import latest_profiles
from tangkas.store.stats import KEY_MODULUS, MIN_CELL, random_round
from tangkas.training.catalog import CourseCatalog
from tangkas.youth.facilities import SkillsOf, SupplyGap, supply_gap
from tangkas.youth.profiler import score_answers

NEET_FILE = "youth_neet.csv"
NEET = "youth_neet_rate_15_24"
NEET_PERIOD = "2023-08"
"""The latest period with the rate by sex and by urban/rural (BPS Sakernas, August 2023)."""
YOUTH_AGES = (15, 24)
PER_PROFILE = 5
"""How many of each profile's best matches count as its interests."""
OTHER = ""
"""The group code of "kelompok lain": a province's groups under :data:`MIN_CELL` matches, together."""
MEASURES: tuple[Measure, ...] = ("registered", "profiled", "enrolled", "placed", "placed_pmi")
"""What the store can tell of young people: registered, with an interest profile saved to their record,
enrolled in a course, and placed abroad as PMI (a placement that departed by ``as_of``: the only job
placement the store records; see docs/youth.md)."""


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
    """Registered (not erased) workers aged 15-24 in ``as_of``'s year, those of them with an interest
    profile, enrolled in a course, and with a PMI placement departed by ``as_of``, by sex nationally and
    per province, every figure protected as the gender view's are."""
    return YouthFigures(as_of, gender_figures(store, born=youth_born(as_of), measures=MEASURES, day=as_of))


@dataclass(frozen=True, slots=True)
class ProvinceInterests:
    """One province's profiles and the ISCO sub-major groups their matches fall in, as published."""

    province_code: str
    profiles: int
    matches: int
    groups: tuple[SupplyGap, ...]
    """The groups of at least :data:`MIN_CELL` matches, the largest unmet demand first, then (group
    :data:`OTHER`) the others together, their skills counted group by group."""


@dataclass(frozen=True, slots=True)
class InterestSupply:
    """Young people's interests against the course supply, per province with enough profiles."""

    per_profile: int
    min_cell: int
    provinces: tuple[ProvinceInterests, ...]
    left_out_provinces: int
    """Provinces with a profile but fewer than :data:`MIN_CELL`: not shown."""
    left_out_profiles: int
    """Profiles of those provinces, and of workers with no province on record."""


def merge_small(gaps: list[SupplyGap], min_cell: int = MIN_CELL) -> tuple[SupplyGap, ...]:
    """One province's groups with demand of at least ``min_cell`` as they are (largest unmet first), the
    others summed into one group :data:`OTHER` at the end.

    >>> gaps = [SupplyGap("32", "72", 12, 10, 5, 1), SupplyGap("32", "51", 4, 6, 0, 0),
    ...     SupplyGap("32", "25", 3, 4, 2, 4)]
    >>> [(g.group, g.demand, g.skills, g.taught_locally) for g in merge_small(gaps)]
    [('72', 12, 10, 5), ('', 7, 10, 2)]
    """
    shown = sorted((g for g in gaps if g.demand >= min_cell), key=lambda g: (-g.unmet, g.group))
    rest = [g for g in gaps if g.demand < min_cell]
    if not rest:
        return tuple(shown)
    other = SupplyGap(
        rest[0].province_code,
        OTHER,
        sum(g.demand for g in rest),
        sum(g.skills for g in rest),
        sum(g.taught_locally for g in rest),
        sum(g.taught_online for g in rest),
    )
    return (*shown, other)


def interest_supply(
    store: Store,
    catalog: CourseCatalog,
    *,
    per_profile: int = PER_PROFILE,
    skills_of: SkillsOf | None = None,
) -> InterestSupply:
    """Where young people's interests outrun the courses held in their province: the latest stored
    profile of each registered worker is matched as the journey matches it (the education it was saved
    with setting the job zone), its ``per_profile`` best matches counted by their first ESCO occupation,
    and the counts of each province with at least :data:`MIN_CELL` profiles set against ``catalog``
    (:func:`tangkas.youth.facilities.supply_gap`). Only counts leave this function, each randomly rounded
    to a multiple of 5 (which groups are merged is decided on the true counts)."""
    profiles: Counter[str] = Counter()
    interests: dict[str, Counter[str]] = defaultdict(Counter)
    unplaced = 0
    stored = latest_profiles(store)
    key = sum(int(row["record_key"]) for row in stored) % KEY_MODULUS

    def rounded(count: int, *where: str) -> int:
        """A published count, randomly rounded to a multiple of 5 with a coin that one more profile
        anywhere re-draws (as the worker statistics are), so two releases cannot be differenced."""
        return random_round(count, "|".join(("interests", *where, str(key))))

    for row in stored:
        code = row["province_code"]
        if not code:
            unplaced += 1
            continue
        try:
            profile = score_answers(row["answers"], form_of(row["form"]))
            matches = journey_matches(profile, education=row["education"], limit=per_profile)
        except TangkasError:  # answers or education the profiler no longer reads: not counted
            continue
        profiles[code] += 1
        interests[code].update(match.esco[0].uri for match in matches)
    shown = sorted((c for c, n in profiles.items() if n >= MIN_CELL), key=lambda c: (-profiles[c], c))
    gaps = supply_gap({c: interests[c] for c in shown}, catalog, skills_of=skills_of)
    provinces = tuple(
        ProvinceInterests(
            code,
            rounded(profiles[code], "profiles", code),
            rounded(sum(interests[code].values()), "matches", code),
            tuple(
                replace(g, demand=rounded(g.demand, "demand", code, g.group))
                for g in merge_small([g for g in gaps if g.province_code == code])
            ),
        )
        for code in shown
    )
    left = [c for c in profiles if c not in shown]
    left_profiles = sum(profiles[c] for c in left) + unplaced
    return InterestSupply(per_profile, MIN_CELL, provinces, len(left), rounded(left_profiles, "left"))
