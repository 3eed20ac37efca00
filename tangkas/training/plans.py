"""Training plans: the cheapest, shortest set of courses that closes a skill gap (a HiGHS MILP).

The objective is lexicographic, folded into one linear objective with these weights:

1. each essential gap skill covered is worth more than every optional skill together
   (weight ``n_optional + 1``);
2. each optional gap skill covered is worth 1, more than any saving in cost and time;
3. among plans with the same coverage, minimise ``cost_idr + HOUR_VALUE_IDR * hours``, scaled
   below 1 — an hour of training is valued at Rp20,000 (about an hour of a provincial minimum wage).

Budget, hours, the number of courses, location, mode, schedule and Kartu Prakerja eligibility are hard
constraints.

>>> from tangkas.training.catalog import Course, CourseCatalog, Provider
>>> p = Provider("p", "LPK Maju", "LPK")
>>> catalog = CourseCatalog([
...     Course("a", p, "Menjahit", "Sewing", ("s1", "s2"), 40, 1_500_000, "offline", "32"),
...     Course("b", p, "Pola", "Patterns", ("s1",), 10, 300_000, "online"),
...     Course("c", p, "Bordir", "Embroidery", ("s3",), 20, 5_000_000, "offline", "32")])
>>> gap = TrainingNeed.from_uris(essential=["s1", "s2", "s3"], optional=["s4"])
>>> plan = plan_training(gap, catalog, province="Jawa Barat")
>>> [s.course.id for s in plan.steps], plan.cost_idr
(['a'], 1500000)
>>> [(u.skill.uri, u.reason) for u in plan.uncovered]
[('s3', 'over_budget'), ('s4', 'no_course')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from tangkas.careers.transitions import Profile, skill_gap
from tangkas.errors import TangkasError
from tangkas.models import Lang, Occupation, Skill
from tangkas.provinces import province as find_province
from tangkas.training.catalog import MODES, Course, CourseCatalog
from tangkas.training.cover import CoverProblem, solve_greedy, solve_milp

PRAKERJA_CREDIT_IDR = 3_500_000
HOUR_VALUE_IDR = 20_000
FOUNDATION_LEVELS = frozenset({"transversal", "cross-sector"})
LEVEL_ORDER = {"basic": 0, None: 1, "intermediate": 1, "advanced": 2}

Reason = Literal[
    "no_course",
    "not_in_province",
    "mode",
    "schedule",
    "not_prakerja",
    "over_budget",
    "over_hours",
    "course_limit",
    "other_place",
]
Stage = Literal["foundation", "specialised"]


@dataclass(frozen=True, slots=True)
class NeededSkill:
    """A skill a worker lacks for a target occupation."""

    uri: str
    label: str = ""
    essential: bool = True
    reuse_level: str = ""
    label_id: str = ""

    def name(self, lang: Lang = "id") -> str:
        """The skill's name in ``lang`` (its URI when it has none)."""
        return (self.label_id if lang == "id" and self.label_id else self.label) or self.uri


@dataclass(frozen=True, slots=True)
class TrainingNeed:
    """The skills to learn: essential ones first, then optional ones."""

    skills: tuple[NeededSkill, ...]

    @classmethod
    def from_uris(cls, essential: Iterable[str], optional: Iterable[str] = ()) -> TrainingNeed:
        """A gap from plain URIs (no labels or reuse levels)."""
        ess = tuple(dict.fromkeys(essential))
        opt = tuple(u for u in dict.fromkeys(optional) if u not in ess)
        return cls(tuple(NeededSkill(u) for u in ess) + tuple(NeededSkill(u, essential=False) for u in opt))

    @classmethod
    def from_skills(cls, essential: Iterable[Skill], optional: Iterable[Skill] = ()) -> TrainingNeed:
        """A need from taxonomy skills, e.g. ``transitions.skill_gap(...).missing_essential`` skills.

        >>> from tangkas.taxonomy import load_taxonomy
        >>> TrainingNeed.from_skills([load_taxonomy().skill("Python (computer programming)")]).skills[0].label
        'Python (computer programming)'
        """

        def need(skill: Skill, is_essential: bool) -> NeededSkill:
            return NeededSkill(skill.uri, skill.label_en, is_essential, skill.reuse_level, skill.label_id)

        ess = [need(s, True) for s in essential]
        seen = {g.uri for g in ess}
        return cls(tuple(ess) + tuple(need(s, False) for s in optional if s.uri not in seen))

    @property
    def essential(self) -> tuple[str, ...]:
        return tuple(s.uri for s in self.skills if s.essential)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(s.uri for s in self.skills if not s.essential)


def training_need(
    profile: Profile, target: Occupation | str, *, max_optional: int | None = 10
) -> TrainingNeed:
    """What to learn to move into ``target``: the transitions engine's gap, most important first.

    >>> from tangkas.careers.transitions import Profile
    >>> training_need(Profile(occupations=("2512.4",)), "2512.4").skills
    ()
    """
    gap = skill_gap(profile, target)
    optional = [g.skill for g in gap.missing_optional]
    return TrainingNeed.from_skills([g.skill for g in gap.missing_essential], optional[:max_optional])


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One course in a plan, with the gap skills it covers, in the order to take it."""

    order: int
    course: Course
    skills: tuple[str, ...]
    stage: Stage


@dataclass(frozen=True, slots=True)
class Uncovered:
    """A gap skill the plan leaves open, and why."""

    skill: NeededSkill
    reason: Reason


@dataclass(frozen=True, slots=True)
class TrainingPlan:
    """An ordered set of courses, what it covers, what it leaves open, and what it costs."""

    steps: tuple[PlanStep, ...]
    covered: tuple[NeededSkill, ...]
    uncovered: tuple[Uncovered, ...]
    cost_idr: int
    hours: float
    budget: int
    max_hours: float | None
    method: Literal["milp", "greedy"]
    optimal: bool
    max_courses: int | None = None

    @property
    def complete(self) -> bool:
        """Every essential gap skill is covered."""
        return all(not u.skill.essential for u in self.uncovered)

    @property
    def courses(self) -> tuple[Course, ...]:
        return tuple(s.course for s in self.steps)

    def score(self) -> tuple[int, int, float]:
        """(essential covered, optional covered, -(cost + hour value)): larger is better."""
        essential = sum(1 for s in self.covered if s.essential)
        return essential, len(self.covered) - essential, -(self.cost_idr + HOUR_VALUE_IDR * self.hours)


@dataclass(frozen=True, slots=True)
class _Problem:
    gap: TrainingNeed
    courses: tuple[Course, ...]
    covers: tuple[tuple[int, ...], ...]  # per course: indices into gap.skills
    unreachable: dict[int, Reason]  # gap skill index -> why no allowed course teaches it
    budget: int
    max_hours: float | None
    max_courses: int | None
    one_place: bool = False  # no province given: in-person courses all in one province

    def places(self) -> tuple[int, ...] | None:
        """Per course, its province as a number (online courses: -1), when courses share one place."""
        if not self.one_place:
            return None
        codes = sorted({c.province or "" for c in self.courses if c.mode != "online"})
        return tuple(-1 if c.mode == "online" else codes.index(c.province or "") for c in self.courses)

    def cover(self) -> CoverProblem:
        n_optional = sum(1 for s in self.gap.skills if not s.essential)
        hours = np.array([c.hours for c in self.courses], dtype=float)
        cost = np.array([c.cost_idr for c in self.courses], dtype=float)
        value = cost + HOUR_VALUE_IDR * hours
        hour_cap = self.max_hours if self.max_hours is not None else float(hours.sum())
        return CoverProblem(
            covers=self.covers,
            weights=np.array([n_optional + 1.0 if s.essential else 1.0 for s in self.gap.skills]),
            value=value,
            cost=cost,
            hours=hours,
            budget=self.budget,
            max_hours=self.max_hours,
            value_bound=min(float(value.sum()), self.budget + HOUR_VALUE_IDR * hour_cap),
            max_sets=self.max_courses,
            places=self.places(),
        )


def plan_training(
    gap: TrainingNeed,
    catalog: CourseCatalog,
    *,
    budget: int = PRAKERJA_CREDIT_IDR,
    max_hours: float | None = None,
    province: str | None = None,
    modes: Sequence[str] | None = None,
    deadline: date | None = None,
    prakerja_only: bool = False,
    max_courses: int | None = None,
) -> TrainingPlan:
    """The optimal plan (MILP, HiGHS) for ``gap`` from ``catalog`` under the given limits.

    ``province`` (name or BPS code) keeps offline and hybrid courses held there plus online courses;
    ``modes`` restricts delivery modes; ``deadline`` keeps courses starting on or before it (undated
    courses are self-paced); ``prakerja_only`` keeps courses payable with the Prakerja credit;
    ``max_courses`` caps how many courses the plan takes (the skills left are ``course_limit``). With no
    ``province``, in-person courses are all held in one province (the skills left are ``other_place``).
    """
    problem = _problem(gap, catalog, budget, max_hours, province, modes, deadline, prakerja_only, max_courses)
    chosen, optimal = solve_milp(problem.cover())
    return _finish(problem, chosen, "milp", optimal)


def plan_training_greedy(
    gap: TrainingNeed,
    catalog: CourseCatalog,
    *,
    budget: int = PRAKERJA_CREDIT_IDR,
    max_hours: float | None = None,
    province: str | None = None,
    modes: Sequence[str] | None = None,
    deadline: date | None = None,
    prakerja_only: bool = False,
    max_courses: int | None = None,
) -> TrainingPlan:
    """A greedy plan for comparison: repeatedly add the course with the best coverage per rupiah.

    >>> from tangkas.training.catalog import Course, CourseCatalog, Provider
    >>> p = Provider("p", "LPK", "LPK")
    >>> cat = CourseCatalog([Course("a", p, "A", "A", ("s1",), 10, 100_000, "online")])
    >>> plan_training_greedy(TrainingNeed.from_uris(["s1"]), cat).complete
    True
    """
    problem = _problem(gap, catalog, budget, max_hours, province, modes, deadline, prakerja_only, max_courses)
    return _finish(problem, solve_greedy(problem.cover()), "greedy", False)


# -- building the problem -------------------------------------------------------------------------


def _filters(
    province: str | None, modes: Sequence[str] | None, deadline: date | None, prakerja_only: bool
) -> list[tuple[Reason, Callable[[Course], bool]]]:
    allowed = set(modes or MODES)
    if not allowed <= set(MODES):
        raise TangkasError(f"unknown mode(s): {sorted(allowed - set(MODES))} (use {', '.join(MODES)})")
    code = find_province(province).code if province else None
    filters: list[tuple[Reason, Callable[[Course], bool]]] = []
    if code is not None:
        filters.append(("not_in_province", lambda c: c.mode == "online" or c.province == code))
    filters.append(("mode", lambda c: c.mode in allowed))
    if deadline is not None:
        filters.append(("schedule", lambda c: c.start_date is None or c.start_date <= deadline))
    if prakerja_only:
        filters.append(("not_prakerja", lambda c: c.prakerja))
    return filters


def _problem(
    gap: TrainingNeed,
    catalog: CourseCatalog,
    budget: int,
    max_hours: float | None,
    province: str | None,
    modes: Sequence[str] | None,
    deadline: date | None,
    prakerja_only: bool,
    max_courses: int | None = None,
) -> _Problem:
    if budget < 0 or (max_hours is not None and max_hours < 0):
        raise TangkasError("budget and max_hours must not be negative")
    if max_courses is not None and max_courses < 1:
        raise TangkasError("max_courses must be at least 1")
    filters = _filters(province, modes, deadline, prakerja_only)
    position = {s.uri: j for j, s in enumerate(gap.skills)}
    unreachable: dict[int, Reason] = {}
    candidates: set[int] = set()
    for j, skill in enumerate(gap.skills):
        remaining = list(catalog.teaching_indices(skill.uri))
        if not remaining:
            unreachable[j] = "no_course"
            continue
        for reason, keep in filters:
            remaining = [i for i in remaining if keep(catalog.courses[i])]
            if not remaining:
                unreachable[j] = reason
                break
        candidates.update(remaining)
    ordered = sorted(candidates)
    courses, covers = _prune(
        [catalog.courses[i] for i in ordered],
        [tuple(sorted({position[u] for u in catalog.courses[i].skills if u in position})) for i in ordered],
    )
    return _Problem(gap, courses, covers, unreachable, budget, max_hours, max_courses, province is None)


def _prune(
    courses: list[Course], covers: list[tuple[int, ...]]
) -> tuple[tuple[Course, ...], tuple[tuple[int, ...], ...]]:
    """Keep, for each set of covered gap skills, only courses not dominated on cost and hours."""
    groups: dict[tuple[int, ...], list[Course]] = {}
    for course, cover in zip(courses, covers, strict=True):
        groups.setdefault(cover, []).append(course)
    kept: list[tuple[Course, tuple[int, ...]]] = []
    for cover, group in groups.items():
        group.sort(key=lambda c: (c.cost_idr, c.hours, c.start_date or date.min, c.id))
        best_hours = float("inf")
        for course in group:
            if course.hours < best_hours:
                kept.append((course, cover))
                best_hours = course.hours
    kept.sort(key=lambda pair: pair[0].id)
    return tuple(c for c, _ in kept), tuple(cover for _, cover in kept)


# -- turning a solution into a plan ---------------------------------------------------------------


def _stage(course: Course, skills: Sequence[NeededSkill]) -> Stage:
    if course.level == "basic" or (skills and all(s.reuse_level in FOUNDATION_LEVELS for s in skills)):
        return "foundation"
    return "specialised"


def _finish(
    problem: _Problem, chosen: list[int], method: Literal["milp", "greedy"], optimal: bool
) -> TrainingPlan:
    skills = problem.gap.skills
    covered_idx = sorted({j for i in chosen for j in problem.covers[i]})
    cost = sum(problem.courses[i].cost_idr for i in chosen)
    hours = float(sum(problem.courses[i].hours for i in chosen))
    steps = []
    for i in chosen:
        taught = [skills[j] for j in problem.covers[i]]
        steps.append((_stage(problem.courses[i], taught), problem.courses[i], tuple(s.uri for s in taught)))
    steps.sort(
        key=lambda s: (s[0] != "foundation", s[1].start_date or date.min, LEVEL_ORDER[s[1].level], s[1].id)
    )
    uncovered = []
    for j, skill in enumerate(skills):
        if j in problem.unreachable:
            uncovered.append(Uncovered(skill, problem.unreachable[j]))
        elif j not in covered_idx:
            uncovered.append(Uncovered(skill, _limit_reason(problem, j, cost, hours, len(chosen))))
    return TrainingPlan(
        steps=tuple(PlanStep(k, course, taught, stage) for k, (stage, course, taught) in enumerate(steps, 1)),
        covered=tuple(skills[j] for j in covered_idx),
        uncovered=tuple(uncovered),
        cost_idr=cost,
        hours=hours,
        budget=problem.budget,
        max_hours=problem.max_hours,
        method=method,
        optimal=optimal,
        max_courses=problem.max_courses,
    )


def _limit_reason(problem: _Problem, j: int, cost: int, hours: float, taken: int) -> Reason:
    teachers = [c for c, cover in zip(problem.courses, problem.covers, strict=True) if j in cover]
    fits = [
        c
        for c in teachers
        if c.cost_idr <= problem.budget - cost
        and (problem.max_hours is None or c.hours <= problem.max_hours - hours)
    ]
    if problem.max_courses is not None and taken >= problem.max_courses and fits:
        return "course_limit"
    if fits and problem.one_place and all(c.mode != "online" for c in fits):
        return "other_place"
    if problem.max_hours is not None and all(c.cost_idr <= problem.budget - cost for c in teachers):
        return "over_hours"
    return "over_budget"


__all__ = [
    "HOUR_VALUE_IDR",
    "PRAKERJA_CREDIT_IDR",
    "NeededSkill",
    "PlanStep",
    "TrainingNeed",
    "TrainingPlan",
    "Uncovered",
    "plan_training",
    "plan_training_greedy",
    "training_need",
]
