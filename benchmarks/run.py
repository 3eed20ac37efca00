"""Speed benchmarks: ``make bench`` runs every ``benchmarks/bench_*.py`` and this file's own checks.

Prints one JSON line per measurement; results are recorded by hand in docs/benchmarks.md.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
LOAD = (
    "import time; t=time.perf_counter(); import tangkas; tangkas.load_taxonomy(); "
    "print(time.perf_counter()-t)"
)
QUERIES = [
    "penjahit",
    "sopir truk",
    "software developer",
    "satpam",
    "perawat",
    "tukang las",
    "kasir",
    "admin gudang",
    "operator mesin jahit",
    "akuntan",
    "nurse",
    "softwre develper",
    "guru sekolah dasar",
    "pengemudi ojek",
    "heavy truck driver",
    "customer service",
    "koki",
    "teknisi listrik",
]


def bench_load(runs: int = 7) -> dict[str, object]:
    """Time to import tangkas and load the taxonomy in a fresh process."""
    times = [float(subprocess.check_output([sys.executable, "-c", LOAD], text=True)) for _ in range(runs)]
    return {
        "bench": "taxonomy_load_fresh_process",
        "runs": runs,
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
    }


def bench_search(rounds: int = 20) -> list[dict[str, object]]:
    """Warm search latency per query (occupations and skills) and the one-off index build time."""
    from tangkas import search

    results = []
    for name, build, run in (
        ("occupations", search.occupation_search, search.search_occupations),
        ("skills", search.skill_search, search.search_skills),
    ):
        start = time.perf_counter()
        build()
        built = time.perf_counter() - start
        latencies = []
        for _ in range(rounds):
            for query in QUERIES:
                start = time.perf_counter()
                run(query, limit=10)
                latencies.append((time.perf_counter() - start) * 1000)
        latencies.sort()
        results.append(
            {
                "bench": f"search_{name}_warm",
                "queries": len(latencies),
                "index_build_s": round(built, 3),
                "median_ms": round(statistics.median(latencies), 2),
                "p95_ms": round(latencies[int(0.95 * len(latencies))], 2),
                "max_ms": round(latencies[-1], 2),
            }
        )
    return results


def main() -> None:
    print(json.dumps(bench_load()), flush=True)
    for row in bench_search():
        print(json.dumps(row), flush=True)
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"# {script.name}", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, str(script)], check=True)


if __name__ == "__main__":
    main()
