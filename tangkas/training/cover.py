"""Budgeted weighted coverage: pick sets (courses) covering weighted elements (skills) within limits.

Maximise the weight of covered elements, then minimise the sets' ``value`` (scaled below the smallest
weight, so coverage always comes first), subject to ``cost <= budget``, ``hours <= max_hours`` and at
most ``max_sets`` sets, all held in one place (``places``) when places are given.
Solved exactly as a MILP with HiGHS, or greedily for comparison.

>>> import numpy as np
>>> problem = CoverProblem(covers=((0, 1), (0,), (1,)), weights=np.array([2.0, 1.0]),
...                        value=np.array([5.0, 2.0, 2.0]), cost=np.array([5.0, 2.0, 2.0]),
...                        hours=np.array([1.0, 1.0, 1.0]), budget=10, max_hours=None, value_bound=9.0)
>>> solve_milp(problem)
([1, 2], True)
>>> from dataclasses import replace
>>> solve_milp(replace(problem, max_sets=1)), solve_greedy(replace(problem, max_sets=1))
(([0], True), [1])
>>> solve_milp(replace(problem, places=(-1, 7, 8)))  # sets 1 and 2 are held in different places
([0], True)
>>> solve_greedy(problem)
[1, 2]
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import highspy
import numpy as np

from tangkas.loading import load_once

TIME_LIMIT_SECONDS = 10.0
FEASIBLE = 2  # HiGHS solution status "feasible"


@dataclass(frozen=True, slots=True)
class CoverProblem:
    """Sets (``covers[i]`` = element indices) with value, cost and hours; element weights; limits.

    ``value_bound`` is an upper bound on the total value of any feasible choice (used for scaling).
    """

    covers: tuple[tuple[int, ...], ...]
    weights: np.ndarray
    value: np.ndarray
    cost: np.ndarray
    hours: np.ndarray
    budget: float
    max_hours: float | None
    value_bound: float
    max_sets: int | None = None
    places: tuple[int, ...] | None = None
    """Per set, the place it is held (``-1``: anywhere, e.g. online); chosen sets share one place."""

    def fits(self, chosen: list[int]) -> bool:
        """Whether a choice respects the budget, the hours limit, the number of sets and one place."""
        within_hours = self.max_hours is None or float(self.hours[chosen].sum()) <= self.max_hours + 1e-9
        within_sets = self.max_sets is None or len(chosen) <= self.max_sets
        one_place = self.places is None or len({self.places[i] for i in chosen} - {-1}) <= 1
        return (
            float(self.cost[chosen].sum()) <= self.budget + 1e-9
            and within_hours
            and within_sets
            and one_place
        )


@load_once
def _silence_banner() -> None:
    """HiGHS prints a copyright banner on stdout for its first instance; keep CLI and JSON output clean."""
    sys.stdout.flush()
    saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def _model(problem: CoverProblem) -> highspy.HighsLp:
    n, m = len(problem.covers), len(problem.weights)
    places = sorted({p for p in problem.places or () if p >= 0})
    members: list[list[int]] = [[] for _ in range(m)]
    for i, cover in enumerate(problem.covers):
        for j in cover:
            members[j].append(i)
    rows = [j for j in range(m) if members[j]]
    starts, index, entries = [0], [], []
    for r, j in enumerate(rows):  # y_j <= sum of x_i over the sets covering j
        index += [*members[j], n + r]
        entries += [-1.0] * len(members[j]) + [1.0]
        starts.append(len(index))
    limits = [(problem.cost, float(problem.budget))]
    if problem.max_hours is not None:
        limits.append((problem.hours, float(problem.max_hours)))
    if problem.max_sets is not None:
        limits.append((np.ones(n), float(problem.max_sets)))
    for coefficients, _ in limits:
        index += list(range(n))
        entries += np.asarray(coefficients, dtype=float).tolist()
        starts.append(len(index))
    first_place = n + len(rows)  # z_p: place p is used; x_i <= z_p for a set held at p; sum z_p <= 1
    place_rows = [(i, places.index(p)) for i, p in enumerate(problem.places or ()) if p >= 0]
    for i, k in place_rows:
        index += [i, first_place + k]
        entries += [1.0, -1.0]
        starts.append(len(index))
    if places:
        index += [first_place + k for k in range(len(places))]
        entries += [1.0] * len(places)
        starts.append(len(index))
    bounds = [0.0] * len(rows) + [bound for _, bound in limits] + [0.0] * len(place_rows)
    bounds += [1.0] if places else []
    lp = highspy.HighsLp()
    lp.num_col_ = n + len(rows) + len(places)
    lp.num_row_ = len(bounds)
    lp.col_cost_ = np.concatenate(
        [problem.value / (problem.value_bound + 1.0), -problem.weights[rows], np.zeros(len(places))]
    )
    lp.col_lower_ = np.zeros(lp.num_col_)
    lp.col_upper_ = np.ones(lp.num_col_)
    lp.row_lower_ = np.full(lp.num_row_, -highspy.kHighsInf)
    lp.row_upper_ = np.array(bounds)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(entries)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * lp.num_col_
    return lp


def solve_milp(problem: CoverProblem, *, time_limit: float = TIME_LIMIT_SECONDS) -> tuple[list[int], bool]:
    """The chosen set indices and whether HiGHS proved them optimal (else: best found, or greedy)."""
    n = len(problem.covers)
    if n == 0:
        return [], True
    _silence_banner()
    solver = highspy.Highs()  # type: ignore[no-untyped-call]
    for option, setting in (
        ("output_flag", False),
        ("mip_rel_gap", 0.0),
        ("mip_abs_gap", 1e-12),
        ("time_limit", time_limit),
        ("threads", 1),
    ):
        solver.setOptionValue(option, setting)
    solver.passModel(_model(problem))
    solver.run()
    if solver.getInfo().primal_solution_status != FEASIBLE:
        return solve_greedy(problem), False
    x = np.asarray(solver.getSolution().col_value[:n])
    chosen = [i for i in range(n) if x[i] > 0.5]
    if not problem.fits(chosen):  # guard against solver tolerances after rounding
        return solve_greedy(problem), False
    return chosen, solver.getModelStatus() == highspy.HighsModelStatus.kOptimal


def solve_greedy(problem: CoverProblem) -> list[int]:
    """Repeatedly add the set with the best new weight per unit of value that still fits."""
    covered: set[int] = set()
    chosen: list[int] = []
    cost, hours = 0.0, 0.0
    while problem.max_sets is None or len(chosen) < problem.max_sets:
        best, best_ratio = -1, 0.0
        for i, cover in enumerate(problem.covers):
            gain = sum(problem.weights[j] for j in cover if j not in covered)
            fits = cost + problem.cost[i] <= problem.budget + 1e-9 and (
                problem.max_hours is None or hours + problem.hours[i] <= problem.max_hours + 1e-9
            )
            fits = fits and problem.fits([*chosen, i])
            ratio = gain / (problem.value[i] + 1.0)
            if gain > 0 and fits and ratio > best_ratio:
                best, best_ratio = i, ratio
        if best < 0:
            return chosen
        chosen.append(best)
        covered.update(problem.covers[best])
        cost += float(problem.cost[best])
        hours += float(problem.hours[best])
    return chosen
