"""The journey counts of issue 15 over many workers, not just the three walked in the browser.

For every ``--step``-th ESCO occupation as a worker's past job: its 12 best moves (what the
recommendations page shows) and, for the first 3 of them, the default plan from the demo catalog.
Counts: unlawful or absent work among the moves, plans over the course limit, plan courses whose title
does not explain one of their skills, and gap skills the worker already has (from the past job or
extra skills).

Usage: python benchmarks/bench_journeys.py [--step 10]
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.careers.excluded import is_excluded  # noqa: E402
from tangkas.careers.transitions import Profile, known_skills, recommend_transitions  # noqa: E402
from tangkas.services.plans import MAX_COURSES, catalog_for, plan_move  # noqa: E402
from tangkas.taxonomy import load_taxonomy  # noqa: E402
from tangkas.training.demo_catalog import unexplained_skills  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", type=int, default=10)
    args = parser.parse_args()
    tax = load_taxonomy()
    catalog = catalog_for(None)
    started = time.perf_counter()
    counts = {"workers": 0, "moves": 0, "unlawful_moves": 0, "plans": 0, "plans_over_limit": 0}
    counts |= {"plan_courses": 0, "courses_title_mismatch": 0, "gap_skills": 0, "gaps_already_had": 0}
    for occupation in tax.occupations[:: args.step]:
        if is_excluded(occupation.uri):
            continue
        profile = Profile(occupations=(occupation.uri,))
        moves = recommend_transitions(profile, top=12)
        counts["workers"] += 1
        counts["moves"] += len(moves)
        counts["unlawful_moves"] += sum(is_excluded(m.occupation.uri) for m in moves)
        known = {tax.skills[i].uri for i in known_skills(profile, tax)}
        for move in moves[:3]:
            result = plan_move(profile, move.occupation, catalog)
            counts["plans"] += 1
            counts["plans_over_limit"] += len(result.plan.steps) > MAX_COURSES
            counts["plan_courses"] += len(result.plan.steps)
            mismatched = [c for c in result.plan.courses if unexplained_skills(c, tax)]
            counts["courses_title_mismatch"] += len(mismatched)
            gap = [s.uri for s in result.need.skills]
            counts["gap_skills"] += len(gap)
            counts["gaps_already_had"] += sum(uri in known for uri in gap)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
