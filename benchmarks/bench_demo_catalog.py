"""The demo course catalog as a worker meets it (issue 15; results in docs/benchmarks.md).

    .venv/bin/python benchmarks/bench_demo_catalog.py [--catalog FILE] [--province "Jawa Barat"]

Without ``--catalog`` it generates the default demo catalog (seed 20261128, 4,000 courses); with one
(e.g. written by ``tangkas catalog demo --out`` on another branch) it measures that file. Prints
courses by kind with hours and price ranges, courses whose title names none of its skills, courses
with a skill the title does not explain, courses with a gambling skill, and three plans (courses,
hours, cost, provinces) with their course titles.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from tangkas.careers.transitions import Profile
from tangkas.services.plans import plan_move
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import Course, CourseCatalog
from tangkas.training.course_rows import read_catalog
from tangkas.training.demo_catalog import generate_demo_catalog, named_skills, unexplained_skills
from tangkas.training.gambling import is_gambling_skill

MOVES = (
    ("8153.1", "7531.5", "sewing machine operator -> tailor"),
    ("8344.1", "9333.8", "forklift operator -> warehouse worker"),
    ("5230.1", "5222.1", "cashier -> shop supervisor"),
)


def kind(course: Course) -> str:
    if course.provider.type == "online":
        return "online (Prakerja)" if course.prakerja else "online"
    return course.provider.type


def catalog_table(catalog: CourseCatalog) -> None:
    by_kind: dict[str, list[Course]] = defaultdict(list)
    for course in catalog:
        by_kind[kind(course)].append(course)
    print("| kind | courses | hours | price (Rp) | Prakerja |")
    print("|---|---:|---|---|---:|")
    for name, courses in sorted(by_kind.items()):
        hours = [c.hours for c in courses]
        costs = [c.cost_idr for c in courses]
        print(
            f"| {name} | {len(courses)} | {min(hours):g}-{max(hours):g} | {min(costs):,}-{max(costs):,} "
            f"| {sum(c.prakerja for c in courses)} |"
        )


def title_counts(catalog: CourseCatalog) -> None:
    tax = load_taxonomy()
    unnamed = sum(not named_skills(c, tax) for c in catalog)
    unexplained = sum(bool(unexplained_skills(c, tax)) for c in catalog)
    gambling = sum(any(is_gambling_skill(tax, tax.skill(u)) for u in c.skills) for c in catalog)
    skills = len(catalog.skills())
    print(f"\ncourses {len(catalog)}, distinct skills taught {skills}")
    print(f"title names none of its skills: {unnamed}; a skill the title does not explain: {unexplained}")
    print(f"courses with a gambling skill: {gambling}")


def plans(catalog: CourseCatalog, province: str | None) -> None:
    print(f"\nplans (budget Rp3,500,000, province {province or 'any'}):")
    print("| move | courses | hours | cost (Rp) | provinces | essential gaps covered |")
    print("|---|---:|---:|---:|---:|---|")
    details = []
    for source, target, name in MOVES:
        result = plan_move(Profile(occupations=(source,)), target, catalog, province=province)
        plan = result.plan
        provinces = {c.province for c in plan.courses if c.province}
        covered = sum(s.essential for s in plan.covered)
        print(
            f"| {name} | {len(plan.steps)} | {plan.hours:g} | {plan.cost_idr:,} | {len(provinces)} "
            f"| {covered}/{result.essential_gap} |"
        )
        titles = [f"{s.course.title_id} ({s.course.hours:g} h, Rp{s.course.cost_idr:,})" for s in plan.steps]
        details.append((name, titles))
    for name, titles in details:
        print(f"\n{name}:")
        for title in titles:
            print(f"  - {title}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path)
    parser.add_argument("--province")
    args = parser.parse_args()
    catalog = read_catalog(args.catalog) if args.catalog else generate_demo_catalog()
    catalog_table(catalog)
    title_counts(catalog)
    plans(catalog, args.province)


if __name__ == "__main__":
    main()
