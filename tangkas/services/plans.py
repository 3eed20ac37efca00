"""A profile and a target occupation -> the training need and the cheapest course plan within a budget.

Every edge plans the same way: the same need (essential gap skills, then the ten most important
optional ones) and the same catalog (:func:`catalog_for`).

>>> from tangkas.careers.transitions import Profile
>>> from tangkas.training.catalog import CourseCatalog
>>> result = plan_move(Profile(occupations=("2512.4",)), "2512.4", CourseCatalog([]))
>>> result.plan.complete, plan_to_dict(result)["cost_idr"]
(True, 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from tangkas.careers.excluded import excluded_occupations
from tangkas.careers.transitions import Profile
from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.models import Occupation
from tangkas.store import Store, StoreError, open_store, store_exists
from tangkas.store.queries import Page, list_courses, store_catalog
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import CourseCatalog
from tangkas.training.course_rows import default_catalog_path, read_catalog
from tangkas.training.demo_catalog import generate_demo_catalog
from tangkas.training.plans import (
    PRAKERJA_CREDIT_IDR,
    PlanStep,
    TrainingNeed,
    TrainingPlan,
    plan_training,
    training_need,
)

MAX_OPTIONAL = 10
"""Optional gap skills a plan tries to cover (the most important first); essential ones are all tried."""


MAX_COURSES = 3
"""A plan's default number of courses: a Kartu Prakerja participant takes one or a few courses, not a
basket of thirteen; the counsellor can raise or drop the limit."""


@dataclass(frozen=True, slots=True)
class PlanResult:
    """A worker's move to ``target``: what they need to learn, the plan, and whether its catalog is a demo."""

    profile: Profile
    target: Occupation
    need: TrainingNeed
    plan: TrainingPlan
    synthetic_catalog: bool

    @property
    def essential_gap(self) -> int:
        """How many essential skills the worker lacks for the target."""
        return len(self.need.essential)


def catalog_for(store: Store | None) -> CourseCatalog:
    """The one catalog plans use, everywhere: the store's courses when it has any, else the imported
    catalog file (``default_catalog_path()``), else the seeded synthetic demo catalog."""
    stored = store_catalog(store) if store is not None else None
    if stored is not None:
        return stored
    path = default_catalog_path()
    return _file_catalog(str(path), path.stat().st_mtime_ns) if path.exists() else _demo_catalog()


@lru_cache(maxsize=2)
def _file_catalog(path: str, modified: int) -> CourseCatalog:
    return read_catalog(Path(path))  # keyed by modification time: a re-import is read again


@load_once
def _demo_catalog() -> CourseCatalog:
    return generate_demo_catalog()


def catalog_at(url: str | None, file: Path | None = None) -> CourseCatalog:
    """The catalog a command line plans with: ``file`` when given, else :func:`catalog_for` the store at
    ``url`` (when there is one with a schema and it can be opened; a locked embedded file is skipped)."""
    if file is not None:
        return read_catalog(file)
    if store_exists(url):
        try:
            with open_store(url) as store:
                return catalog_for(store if store.version() else None)
        except StoreError:
            pass  # e.g. the embedded store is locked by a running server: plan from the file or demo
    return catalog_for(None)


def plan_move(
    profile: Profile,
    target: Occupation | str,
    catalog: CourseCatalog,
    *,
    budget: int = PRAKERJA_CREDIT_IDR,
    province: str | None = None,
    max_hours: float | None = None,
    modes: Sequence[str] | None = None,
    deadline: date | None = None,
    prakerja_only: bool = False,
    max_courses: int | None = MAX_COURSES,
) -> PlanResult:
    """The training need from ``profile`` to ``target`` and the cheapest plan for it from ``catalog``;
    a target never recommended in Indonesia (gambling, no such work there) is refused. At most
    ``max_courses`` courses (:data:`MAX_COURSES` unless the counsellor changes it; ``None``: no limit)."""
    occupation = load_taxonomy().occupation(target) if isinstance(target, str) else target
    if why := excluded_occupations().get(occupation.uri):
        raise TangkasError(
            f"{occupation.label('id')}: tidak direkomendasikan, {why.reason('id')}"
            + (f" ({why.law})" if why.law else "")
            + f" / not recommended: {why.reason('en')}"
        )
    need = training_need(profile, occupation, max_optional=MAX_OPTIONAL)
    plan = plan_training(
        need,
        catalog,
        budget=budget,
        max_hours=max_hours,
        province=province or None,
        modes=modes,
        deadline=deadline,
        prakerja_only=prakerja_only,
        max_courses=max_courses,
    )
    return PlanResult(profile, occupation, need, plan, catalog.synthetic)


def courses(
    store: Store,
    *,
    province_code: str | None = None,
    provider: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """One page of the stored course catalog."""
    return list_courses(store, province_code=province_code, provider=provider, limit=limit, offset=offset)


def step_to_dict(step: PlanStep) -> dict[str, Any]:
    """A plan step as JSON."""
    course = step.course
    return {
        "order": step.order,
        "course_id": course.id,
        "title_id": course.title_id,
        "title_en": course.title_en,
        "provider": course.provider.name,
        "mode": course.mode,
        "province": course.province,
        "city": course.city,
        "start_date": course.start_date.isoformat() if course.start_date else None,
        "hours": course.hours,
        "cost_idr": course.cost_idr,
        "stage": step.stage,
        "skills": list(step.skills),
        "synthetic": course.synthetic,
    }


def plan_to_dict(result: PlanResult) -> dict[str, Any]:
    """A plan as JSON: the one shape of ``POST /api/plans`` and ``tangkas plan --json``."""
    plan = result.plan
    return {
        "from": result.profile.occupations[0] if result.profile.occupations else None,
        "occupations": list(result.profile.occupations),
        "skills": list(result.profile.skills),
        "to": result.target.uri,
        "need": {"essential": list(result.need.essential), "optional": list(result.need.optional)},
        "synthetic_catalog": result.synthetic_catalog,
        "method": plan.method,
        "optimal": plan.optimal,
        "complete": plan.complete,
        "cost_idr": plan.cost_idr,
        "hours": plan.hours,
        "budget_idr": plan.budget,
        "steps": [step_to_dict(s) for s in plan.steps],
        "covered": [s.uri for s in plan.covered],
        "uncovered": [
            {
                "uri": u.skill.uri,
                "label_en": u.skill.label,
                "label_id": u.skill.label_id,
                "essential": u.skill.essential,
                "reason": u.reason,
            }
            for u in plan.uncovered
        ],
    }
