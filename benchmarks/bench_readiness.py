"""Speed of the pre-departure readiness check (``check_readiness``), one core, rules already loaded.

Each check is a realistic one: a 36-month contract, the eight documents, JKK, JKM and JHT spells in
two parts with the pre-placement one separate; the candidates cycle through birth dates, birth years
only, destinations and sectors so that every branch of the check runs. The first check of the process
(which reads the rule files) is timed apart as ``first_check_ms``. Target (issue 18): < 5 ms a check.

Usage: python benchmarks/bench_readiness.py [--checks 20000]
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.protection import (  # noqa: E402
    Candidate,
    Membership,
    Placement,
    PlacementDocument,
    check_readiness,
)
from tangkas.protection.models import DOCUMENTS, SECTORS  # noqa: E402

AS_OF = date(2025, 1, 15)
COUNTRIES = ("TW", "MY", "HK", "SG", "KR", "JP", "SA")


def cases(count: int) -> list[tuple[Candidate, Placement, list[PlacementDocument], list[Membership]]]:
    built = []
    for i in range(count):
        start = AS_OF + timedelta(days=30 + i % 90)
        end = date(start.year + 3, start.month, 1) - timedelta(days=1)
        born = date(1985 + i % 22, 1 + i % 12, 1 + i % 28)
        candidate = Candidate(born, born.year, i % 3 == 0) if i % 4 else Candidate(None, born.year)
        placement = Placement(
            COUNTRIES[i % len(COUNTRIES)],
            SECTORS[i % len(SECTORS)],
            start,
            end,
            "prospective",
            fee_charged_idr=(0.0, None, 1_500_000.0)[i % 3],
        )
        papers = [PlacementDocument(kind, date(2024, 9, 1), date(2026 + i % 4, 6, 1)) for kind in DOCUMENTS]
        spells = (
            [
                Membership(programme, "pmi", AS_OF - timedelta(days=10), start - timedelta(days=1), 18_750.0)
                for programme in ("JKK", "JKM")
            ]
            + [
                Membership(programme, "pmi", start, end + timedelta(days=31 - i % 3), 247_250.0)
                for programme in ("JKK", "JKM", "JHT")
            ]
            + [Membership("JKN", "non_wage", date(2020, 1, 1), date(2025, 12, 31))]
        )
        built.append((candidate, placement, papers, spells))
    return built


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks", type=int, default=20_000)
    args = parser.parse_args()
    work = cases(args.checks)
    started = time.perf_counter()
    check_readiness(*work[0], AS_OF)
    first = (time.perf_counter() - started) * 1000
    times = []
    ready = 0
    for candidate, placement, papers, spells in work:
        started = time.perf_counter()
        check = check_readiness(candidate, placement, papers, spells, AS_OF)
        times.append((time.perf_counter() - started) * 1000)
        ready += check.ready
    cuts = statistics.quantiles(times, n=100)
    print(
        json.dumps(
            {
                "bench": "readiness_check",
                "checks": len(times),
                "items_per_check": len(check.items),
                "ready_share": round(ready / len(times), 3),
                "first_check_ms": round(first, 2),
                "mean_ms": round(statistics.fmean(times), 4),
                "p50_ms": round(cuts[49], 4),
                "p99_ms": round(cuts[98], 4),
                "max_ms": round(max(times), 4),
                "target_ms": 5,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
