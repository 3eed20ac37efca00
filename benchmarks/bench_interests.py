"""Speed of the interest profiler: scoring a 60-item answer set and matching it to occupations.

Each round scores one random answer set (seeded) with ``score_answers`` and ranks every O*NET code with
``match_interests`` (education filter SMK with one zone of stretch, 20 matches with their ESCO and KBJI
links and reasons). The taxonomy and the interest table are loaded before timing; the first round
is timed apart as ``first_ms``. Target (issue 19): p95 < 50 ms.

Usage: python benchmarks/bench_interests.py [--rounds 1000]
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.taxonomy import load_taxonomy  # noqa: E402
from tangkas.youth import load_items, match_interests, score_answers  # noqa: E402
from tangkas.youth.matching import UnrankableProfileError, load_interests  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(19)
    numbers = [item.number for item in load_items("short60")]
    work = [{n: rng.randint(0, 4) for n in numbers} for _ in range(args.rounds)]
    taxonomy = load_taxonomy()
    load_interests()
    times = []
    first = 0.0
    for k, answers in enumerate(work):
        started = time.perf_counter()
        with contextlib.suppress(UnrankableProfileError):
            match_interests(score_answers(answers), education="SMK", stretch=True, taxonomy=taxonomy)
        elapsed = (time.perf_counter() - started) * 1000
        if k == 0:
            first = elapsed
        else:
            times.append(elapsed)
    times.sort()
    print(
        json.dumps(
            {
                "bench": "interest_profiler_score_and_match",
                "rounds": args.rounds,
                "first_ms": round(first, 2),
                "median_ms": round(statistics.median(times), 2),
                "p95_ms": round(times[int(0.95 * len(times)) - 1], 2),
                "max_ms": round(times[-1], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
