"""The gender view's counts: job ads that ask for one sex, per occupation in a province, and workers'
registrations, training and saved plans by gender and province.

Worker counts leave this module as true counts with the sum of their people's record keys, for
:func:`tangkas.store.stats.protect_counts`; they are never published as they are.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> one_sex_ads(store, ["http://data.europa.eu/esco/occupation/x"], "32")
{}
>>> gender_counts(store)
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from tangkas.store import Store

Measure = Literal["registered", "enrolled", "completed", "placed", "saved_plan", "profiled", "placed_pmi"]
MEASURES: tuple[Measure, ...] = ("registered", "enrolled", "completed", "placed", "saved_plan")
"""What the gender view publishes, each in people (a worker with three courses is one person enrolled):
registered (not erased), enrolled in at least one course, completed at least one course, placed in a job
after a course (:data:`PLACED`), with a saved plan."""
COUNTED: tuple[Measure, ...] = (*MEASURES, "profiled", "placed_pmi")
"""What :func:`gender_counts` counts: the gender view's measures, and for the youth page ``profiled`` (an
interest profile saved to the worker's record) and ``placed_pmi`` (a PMI placement that departed by the
day, :data:`DEPARTED`)."""
COMPLETED = "e.status = 'completed' OR e.completed_on IS NOT NULL"
"""An enrolment that ended in completion: its status says so, or it has a completion date."""
DEPARTED = (
    "p.status IN ('abroad', 'returned') "
    "AND (p.departed_on <= ? OR (p.departed_on IS NULL AND p.returned_on <= ?))"
)
"""A PMI placement (``placements p``) that departed by the day: abroad or returned, with a departure on
or before the day, or, returned without a departure date, back by the day (it went). A prospective
placement has not departed, whatever its dates say. Two parameters: the day, twice."""
PLACED = "e.placed AND (e.placed_on IS NULL OR e.placed_on <= ?)"
"""An enrolment (``enrolments e``) after which the worker found a job in Indonesia, by the day (a job
without a day on record counts). One parameter: the day."""


@dataclass(frozen=True, slots=True)
class OneSexAds:
    """Checked ads for one occupation in one province, and how many of them ask for one sex."""

    occupation_uri: str
    checked: int
    female: int
    male: int

    @property
    def one_sex(self) -> int:
        """Ads that ask for women only or for men only."""
        return self.female + self.male


def one_sex_ads(store: Store, occupation_uris: Sequence[str], province_code: str) -> dict[str, OneSexAds]:
    """For each occupation that has checked ads in the province (``ad_rules`` set), how many there are
    and how many ask for one sex; one query for all the occupations."""
    uris = sorted(set(occupation_uris))
    if not uris or not province_code:
        return {}
    marks = ", ".join("?" * len(uris))
    with store.lock:
        rows = store.backend.execute(
            "SELECT occupation_uri, COUNT(*), COUNT(*) FILTER (WHERE ad_one_sex = 'female'), "
            "COUNT(*) FILTER (WHERE ad_one_sex = 'male') FROM postings "
            f"WHERE ad_rules IS NOT NULL AND province_code = ? AND occupation_uri IN ({marks}) "
            "GROUP BY occupation_uri",
            (province_code, *uris),
        )
    return {str(uri): OneSexAds(str(uri), int(n), int(f), int(m)) for uri, n, f, m in rows}


@dataclass(frozen=True, slots=True)
class GenderCount:
    """The true count of one measure for one province and gender, with its people's key sum."""

    measure: Measure
    province_code: str | None
    gender: str | None
    count: int
    key_sum: int


def gender_counts(
    store: Store, *, born: tuple[int, int] | None = None, day: date | None = None
) -> list[GenderCount]:
    """Every measure by province and gender over the workers not erased (groups of nobody left out);
    with ``born`` (first and last birth year), only the workers born in those years. ``placed_pmi``
    counts the placements departed by ``day`` (default: today), ``placed`` the jobs found by then."""
    flags = {
        "enrolled": "EXISTS (SELECT 1 FROM enrolments e WHERE e.worker_id = w.id)",
        "completed": f"EXISTS (SELECT 1 FROM enrolments e WHERE e.worker_id = w.id AND ({COMPLETED}))",
        "placed": f"EXISTS (SELECT 1 FROM enrolments e WHERE e.worker_id = w.id AND {PLACED})",
        "saved_plan": "EXISTS (SELECT 1 FROM saved_plans p WHERE p.worker_id = w.id)",
        "profiled": "EXISTS (SELECT 1 FROM interest_profiles i WHERE i.worker_id = w.id)",
        "placed_pmi": f"EXISTS (SELECT 1 FROM placements p WHERE p.worker_id = w.id AND {DEPARTED})",
    }
    assert ("registered", *flags) == COUNTED  # the figures below are read in this order
    chosen = ", ".join(f"{sql} AS {name}" for name, sql in flags.items())
    sums = ", ".join(
        f"COUNT(*) FILTER (WHERE {name}), COALESCE(SUM(k) FILTER (WHERE {name}), 0)" for name in flags
    )
    years = " AND w.birth_year BETWEEN ? AND ?" if born else ""
    with store.lock:
        rows = store.backend.execute(
            f"SELECT province_code, gender, COUNT(*), COALESCE(SUM(k), 0), {sums} FROM ("
            f"SELECT w.province_code, w.gender, COALESCE(w.record_key, 0) AS k, {chosen} "
            f"FROM workers w WHERE w.erased_at IS NULL{years}) AS people GROUP BY province_code, gender",
            [*[day or date.today()] * 3, *(born or ())],  # PLACED's day, then DEPARTED's two
        )
    found = []
    for province, gender, *figures in rows:
        for index, measure in enumerate(COUNTED):
            count, keys = int(figures[2 * index]), int(figures[2 * index + 1])
            if count:
                found.append(GenderCount(measure, province, gender, count, keys))
    return found
