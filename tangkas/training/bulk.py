"""Recommendations and training plans for a whole table of profiles: the batch path of ``tangkas batch``.

For each profile (a row of past occupations, extra skills and a province, as the synthetic cohort of
:mod:`tangkas.cohort` writes them) it gives the ``top`` job transitions, ranked as
:func:`~tangkas.careers.transitions.top_transitions` ranks them, and for the first ``plans`` of them the
skills still missing and the optimal training plan, made as a counsellor's plan is made
(:func:`~tangkas.training.plans.training_need` with up to ``max_optional`` optional skills, then
:func:`~tangkas.training.plans.plan_training` in the profile's province with the Prakerja budget and at
most ``max_courses`` courses).

**Work that repeats is done once**: profiles with the same occupations and skills are ranked once, and
a plan is solved once per distinct (missing skills, in-person courses held in the province that teach
them, budget, course limit) in this process (:class:`PlanCache`, kept across tables).

A row that names an unknown occupation or skill, or neither, is not dropped: it is kept with its
``problem`` and no transitions, and counted.

>>> from tangkas.training.demo_catalog import generate_demo_catalog
>>> table = pa.table({"profile_id": ["a", "b"], "occupations": [["7531.5"], ["no-such-occupation"]]})
>>> out, counts = recommend_table(table, generate_demo_catalog(), BulkOptions(top=3, plans=1))
>>> out.column("problem").to_pylist()
[None, "unknown occupation: 'no-such-occupation'"]
>>> len(out.column("transitions")[0]), counts["rejected"]
(3, 1)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from tangkas.careers.similarity import similarity_model
from tangkas.careers.transitions import Profile, known_mask, top_transitions, unit_group_share
from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.provinces import province as find_province
from tangkas.taxonomy import Taxonomy, load_taxonomy
from tangkas.training.catalog import CourseCatalog
from tangkas.training.plans import PRAKERJA_CREDIT_IDR, TrainingNeed, TrainingPlan, plan_training

PLAN_TYPE = pa.struct(
    [
        ("courses", pa.list_(pa.string())),
        ("cost_idr", pa.int64()),
        ("hours", pa.float32()),
        ("complete", pa.bool_()),
        ("uncovered", pa.int16()),
    ]
)
TRANSITION_TYPE = pa.struct(
    [
        ("occupation", pa.string()),
        ("isco", pa.string()),
        ("score", pa.float32()),
        ("missing_essential", pa.int16()),
        ("missing_optional", pa.int16()),
        ("plan", PLAN_TYPE),
    ]
)
OUTPUT_SCHEMA = pa.schema(
    [
        ("profile_id", pa.string()),
        ("province_code", pa.string()),
        ("problem", pa.string()),
        ("transitions", pa.list_(TRANSITION_TYPE)),
    ]
)
PLAN_CACHE_SIZE = 200_000


@dataclass(frozen=True, slots=True)
class BulkOptions:
    """How many transitions per profile, how many of them get a plan, and the plan's limits."""

    top: int = 10
    plans: int = 3
    budget: int = PRAKERJA_CREDIT_IDR
    max_courses: int | None = 3
    max_optional: int = 10

    def __post_init__(self) -> None:
        if self.top < 1 or not 0 <= self.plans <= self.top or self.budget < 0:
            raise TangkasError(
                "top must be at least 1, plans between 0 and top, budget not negative",
                indonesian="top minimal 1, plans antara 0 dan top, anggaran tidak boleh negatif",
            )


class PlanCache:
    """Plans by (missing skills, local courses, budget, course limit), least recently used dropped first."""

    def __init__(self, size: int = PLAN_CACHE_SIZE) -> None:
        self.size = size
        self.plans: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[Any, ...]) -> dict[str, Any] | None:
        plan = self.plans.get(key)
        if plan is not None:
            self.plans.move_to_end(key)
            self.hits += 1
        return plan

    def put(self, key: tuple[Any, ...], plan: dict[str, Any]) -> None:
        self.misses += 1
        self.plans[key] = plan
        if len(self.plans) > self.size:
            self.plans.popitem(last=False)


_CACHES: dict[int, tuple[CourseCatalog, PlanCache]] = {}


def process_plan_cache(catalog: CourseCatalog) -> PlanCache:
    """This process's plan cache for ``catalog`` (a batch worker keeps it across the tables it is given;
    the catalog is held with it, so its identity cannot be reused by another catalog)."""
    held = _CACHES.get(id(catalog))
    if held is None:
        held = _CACHES[id(catalog)] = (catalog, PlanCache())
    return held[1]


@dataclass(frozen=True, slots=True)
class _Row:
    profile: Profile | None
    problem: str | None


def _column(table: pa.Table, name: str) -> list[Any] | None:
    return table.column(name).to_pylist() if name in table.column_names else None


def _rows(table: pa.Table, tax: Taxonomy) -> list[_Row]:
    for name in ("profile_id", "occupations"):
        if name not in table.column_names:
            raise TangkasError(
                f"profiles need a {name!r} column (found: {', '.join(table.column_names)})",
                indonesian=f"profil perlu kolom {name!r} (ada: {', '.join(table.column_names)})",
            )
    occupations = table.column("occupations").to_pylist()
    skills = _column(table, "extra_skills") or [[] for _ in occupations]
    provinces = _column(table, "province_code") or [None] * len(occupations)
    return [
        _row(tax, occ or [], sk or [], prov)
        for occ, sk, prov in zip(occupations, skills, provinces, strict=True)
    ]


def _row(tax: Taxonomy, occupations: Sequence[str], skills: Sequence[str], province: str | None) -> _Row:
    if not occupations and not skills:
        return _Row(None, "no occupation or skill")
    try:
        occupation_uris = tuple(tax.occupation(o).uri for o in occupations)
    except TangkasError as error:
        return _Row(None, str(error))
    try:
        skill_uris = tuple(tax.skill(s).uri for s in skills)
    except TangkasError as error:
        return _Row(None, str(error))
    if province is not None:
        try:
            province = find_province(province).code
        except TangkasError as error:
            return _Row(None, str(error))
    return _Row(Profile(occupations=occupation_uris, skills=skill_uris, province=province), None)


@load_once
def _ordered_requirements() -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per occupation, its essential and optional skill columns in gap order (most important first).

    The order of :func:`~tangkas.careers.transitions.skill_gap` (the unit group's share listing the
    skill, then specificity, then column) does not depend on what the worker knows, so it is computed
    once; a worker's gap is these lists with the known skills taken out.
    """
    model = similarity_model()
    tax = model.tax
    orders: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])
    for row, occupation in enumerate(tax.occupations):
        share = unit_group_share(occupation.isco)
        for matrix, out in ((tax.essential, orders[0]), (tax.optional, orders[1])):
            columns = np.asarray(matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]])
            out.append(columns[np.lexsort((-model.idf_[columns], -share[columns]))])
    return orders


def _plan_dict(plan: TrainingPlan) -> dict[str, Any]:
    return {
        "courses": [c.id for c in plan.courses],
        "cost_idr": plan.cost_idr,
        "hours": plan.hours,
        "complete": plan.complete,
        "uncovered": len(plan.uncovered),
    }


def recommend_table(
    table: pa.Table, catalog: CourseCatalog, options: BulkOptions, cache: PlanCache | None = None
) -> tuple[pa.Table, dict[str, int]]:
    """Transitions and plans for every row of ``table`` (see the module); returns the output table
    (:data:`OUTPUT_SCHEMA`, one row per input row, in order) and counters."""
    tax = load_taxonomy()
    cache = cache if cache is not None else process_plan_cache(catalog)
    rows = _rows(table, tax)
    distinct: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    for row in rows:
        if row.profile is not None:
            distinct.setdefault(
                (row.profile.occupations, tuple(sorted(set(row.profile.skills)))), len(distinct)
            )
    profiles = [Profile(occupations=o, skills=s) for o, s in distinct]
    ranked, scores = top_transitions(profiles, top=options.top, scores=True) if profiles else (None, None)
    essential_order, optional_order = _ordered_requirements() if options.plans else ([], [])
    hits, misses = cache.hits, cache.misses
    known_by_profile: dict[int, np.ndarray] = {}
    transitions: list[list[dict[str, Any]] | None] = []
    for row in rows:
        if row.profile is None or ranked is None or scores is None:
            transitions.append(None)
            continue
        index = distinct[(row.profile.occupations, tuple(sorted(set(row.profile.skills))))]
        found: list[dict[str, Any]] = []
        for rank, column in enumerate(ranked[index].tolist()):
            if column < 0:
                break
            occupation = tax.occupations[column]
            item: dict[str, Any] = {
                "occupation": occupation.uri,
                "isco": occupation.isco,
                "score": float(scores[index, rank]),
                "missing_essential": None,
                "missing_optional": None,
                "plan": None,
            }
            if rank < options.plans:
                known = known_by_profile.get(index)
                if known is None:
                    known = known_by_profile[index] = known_mask(row.profile, tax)
                essential = essential_order[column][~known[essential_order[column]]]
                optional = optional_order[column][~known[optional_order[column]]]
                item["missing_essential"], item["missing_optional"] = len(essential), len(optional)
                item["plan"] = _plan(tax, catalog, options, cache, essential, optional, row.profile.province)
            found.append(item)
        transitions.append(found)
    output = pa.table(
        {
            "profile_id": pa.array(table.column("profile_id").to_pylist(), type=pa.string()),
            "province_code": pa.array([r.profile.province if r.profile else None for r in rows], pa.string()),
            "problem": pa.array([r.problem for r in rows], type=pa.string()),
            "transitions": pa.array(transitions, type=pa.list_(TRANSITION_TYPE)),
        },
        schema=OUTPUT_SCHEMA,
    )
    counters = {
        "profiles": len(rows),
        "rejected": sum(r.profile is None for r in rows),
        "profiles_distinct": len(distinct),
        "plans_asked": cache.hits - hits + cache.misses - misses,
        "plans_solved": cache.misses - misses,
    }
    return output, counters


def _local_courses(catalog: CourseCatalog, skills: Sequence[str], province: str) -> tuple[int, ...]:
    """The in-person (offline or hybrid) courses held in ``province`` that teach any of ``skills``."""
    return tuple(
        sorted(
            {
                i
                for uri in skills
                for i in catalog.teaching_indices(uri)
                if catalog.courses[i].mode != "online" and catalog.courses[i].province == province
            }
        )
    )


def _plan(
    tax: Taxonomy,
    catalog: CourseCatalog,
    options: BulkOptions,
    cache: PlanCache,
    essential: np.ndarray,
    optional: np.ndarray,
    province: str | None,
) -> dict[str, Any]:
    """The plan's summary, from the cache when the same problem was solved before.

    In a province, a plan can use online courses and in-person ones held there, so two provinces where
    the same in-person courses (often none) teach the missing skills pose the same problem: the key
    holds those courses, not the province, and the plan is solved once for both.
    """
    essential_skills = [tax.skills[c] for c in essential.tolist()]
    optional_skills = [tax.skills[c] for c in optional[: options.max_optional].tolist()]
    uris = [s.uri for s in (*essential_skills, *optional_skills)]
    place = _local_courses(catalog, uris, province) if province else "anywhere"
    key = (tuple(uris), len(essential_skills), place, options.budget, options.max_courses)
    plan = cache.get(key)
    if plan is None:  # the need is built only for a problem not solved before
        need = TrainingNeed.from_skills(essential_skills, optional_skills)
        plan = _plan_dict(
            plan_training(
                need, catalog, budget=options.budget, province=province, max_courses=options.max_courses
            )
        )
        cache.put(key, plan)
    return plan
