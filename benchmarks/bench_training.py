"""Training-plan and alignment benchmarks (results in docs/bench/training.md).

    .venv/bin/python benchmarks/bench_training.py [--plans 200] [--instances 100] [--seed 1]

1. Plan latency: 20-skill gaps from real ESCO occupation pairs over the 5,000-course demo catalog,
   half of them restricted to a province (MILP and greedy).
2. Optimiser vs greedy on larger random instances (dense catalogs): how often and by how much the
   greedy heuristic is worse.
3. Alignment: a synthetic demand table (top skills x 38 provinces) against the demo catalog,
   nationally and for every province.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from tangkas.careers.transitions import Profile
from tangkas.provinces import PROVINCES
from tangkas.taxonomy import Taxonomy, load_taxonomy
from tangkas.training.alignment import DemandRow, align_catalog
from tangkas.training.catalog import Course, CourseCatalog, Provider
from tangkas.training.demo_catalog import generate_demo_catalog
from tangkas.training.plans import (
    HOUR_VALUE_IDR,
    TrainingNeed,
    plan_training,
    plan_training_greedy,
    training_need,
)

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, (time.perf_counter() - start) * 1000


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def gaps_of_size(tax: Taxonomy, rng: random.Random, count: int, size: int = 20) -> list[TrainingNeed]:
    gaps: list[TrainingNeed] = []
    while len(gaps) < count:
        source, target = rng.sample(tax.occupations, 2)
        gap = training_need(Profile(occupations=(source.uri,)), target, max_optional=None)
        if len(gap.skills) >= size:
            gaps.append(TrainingNeed(gap.skills[:size]))
    return gaps


def bench_latency(tax: Taxonomy, catalog: CourseCatalog, plans: int, seed: int) -> None:
    rng = random.Random(seed)
    gaps = gaps_of_size(tax, rng, plans)
    provinces = [rng.choice(PROVINCES).code if i % 2 else None for i in range(plans)]
    plan_training(gaps[0], catalog)  # warm-up: HiGHS start, catalog index
    milp, greedy, complete, n_steps = [], [], 0, []
    for gap, province in zip(gaps, provinces, strict=True):
        plan, ms = timed(lambda: plan_training(gap, catalog, province=province))  # noqa: B023
        _, gms = timed(lambda: plan_training_greedy(gap, catalog, province=province))  # noqa: B023
        milp.append(ms)
        greedy.append(gms)
        complete += plan.complete
        n_steps.append(len(plan.steps))
    print(f"## Plan latency: {plans} plans, 20-skill gaps, {len(catalog)}-course demo catalog")
    print("| method | p50 ms | p95 ms | max ms |\n|---|---|---|---|")
    for name, values in (("MILP (HiGHS)", milp), ("greedy", greedy)):
        print(f"| {name} | {percentile(values, 50):.1f} | {percentile(values, 95):.1f} | {max(values):.1f} |")
    print(f"\nmean courses per plan {statistics.mean(n_steps):.1f}; complete plans {complete}/{plans}\n")


def random_instance(
    rng: random.Random, n_courses: int, n_skills: int
) -> tuple[TrainingNeed, CourseCatalog, int]:
    provider = Provider("p", "P", "LPK")
    skills = [f"s{i}" for i in range(n_skills)]
    courses = []
    for i in range(n_courses):
        taught = tuple(rng.sample(skills, rng.randint(1, 5)))
        hours = rng.choice([8, 16, 24, 40, 80])
        cost = int(round(hours * rng.uniform(10_000, 60_000), -4))
        courses.append(Course(f"c{i}", provider, "c", "c", taught, hours, cost, "online"))
    essential = rng.sample(skills, n_skills * 2 // 3)
    optional = [s for s in skills if s not in essential]
    budget = rng.choice([3_500_000, 7_000_000, 15_000_000])
    return TrainingNeed.from_uris(essential, optional), CourseCatalog(courses), budget


def bench_greedy_gap(instances: int, seed: int) -> None:
    rng = random.Random(seed)
    worse_coverage = worse_cost = greedy_better = 0
    cost_gaps: list[float] = []
    coverage_lost: list[int] = []
    times: list[float] = []
    for _ in range(instances):
        gap, catalog, budget = random_instance(rng, rng.choice([100, 200, 400]), rng.choice([20, 30, 40]))
        best, ms = timed(lambda: plan_training(gap, catalog, budget=budget))  # noqa: B023
        times.append(ms)
        greedy = plan_training_greedy(gap, catalog, budget=budget)
        greedy_better += greedy.score() > best.score()
        if greedy.score()[:2] < best.score()[:2]:
            worse_coverage += 1
            coverage_lost.append(len(best.covered) - len(greedy.covered))
        elif greedy.score() < best.score():
            worse_cost += 1
            value = best.cost_idr + HOUR_VALUE_IDR * best.hours
            cost_gaps.append((greedy.cost_idr + HOUR_VALUE_IDR * greedy.hours) / value - 1)
    print(
        f"## Optimiser vs greedy: {instances} random instances "
        "(100-400 courses, 20-40 skills, 1-5 skills/course)"
    )
    print(
        f"- greedy covers fewer skills in {worse_coverage}/{instances} instances "
        f"(mean {statistics.mean(coverage_lost) if coverage_lost else 0:.1f} skills fewer)"
    )
    print(
        f"- same coverage but costlier in {worse_cost}/{instances} instances; cost+time gap "
        f"mean {100 * statistics.mean(cost_gaps) if cost_gaps else 0:.1f}%, "
        f"max {100 * max(cost_gaps, default=0):.1f}%"
    )
    print(
        f"- greedy better than the MILP in {greedy_better}/{instances}; "
        f"MILP p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms\n"
    )


def bench_alignment(tax: Taxonomy, catalog: CourseCatalog, seed: int) -> None:
    rng = np.random.default_rng(seed)
    frequency = np.asarray(tax.essential.sum(axis=0)).ravel()
    top = np.argsort(-frequency)[:5000]
    demand = [
        DemandRow(tax.skills[int(i)].uri, int(rng.poisson(frequency[i])), p.code)
        for p in PROVINCES
        for i in top
    ]
    national, ms = timed(lambda: align_catalog(catalog, demand))
    print(f"## Alignment: demand table of {len(demand):,} rows (5,000 skills x 38 provinces)")
    print(f"- national report: {ms:.0f} ms ({len(national.to_open)} courses to expand listed)")
    _, ms_all = timed(lambda: [align_catalog(catalog, demand, province=p.code) for p in PROVINCES])
    print(f"- all 38 provincial reports: {ms_all / 1000:.1f} s ({ms_all / 38:.0f} ms each)\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--instances", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    tax = load_taxonomy()
    catalog, ms = timed(lambda: generate_demo_catalog(n_courses=5000, tax=tax))
    print(f"demo catalog: 5,000 courses generated in {ms:.0f} ms\n")
    bench_latency(tax, catalog, args.plans, args.seed)
    bench_greedy_gap(args.instances, args.seed)
    bench_alignment(tax, catalog, args.seed)


if __name__ == "__main__":
    main()
