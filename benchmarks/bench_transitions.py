"""Job-transitions speed: similarity matrix build (cold and cached), recommendation latency, batch throughput.

Prints one JSON line per measurement; results go in docs/benchmarks.md and docs/bench/transitions.md.
Usage: .venv/bin/python benchmarks/bench_transitions.py [--profiles 100000] [--mixed 20000] [--cohort 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUILD = """
import time
t = time.perf_counter()
from tangkas.taxonomy import load_taxonomy
load_taxonomy()
loaded = time.perf_counter()
from tangkas.careers.similarity import similarity_matrix
similarity_matrix()
done = time.perf_counter()
print(loaded - t, done - loaded)
"""


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def bench_build() -> list[dict[str, object]]:
    """Fresh processes: an empty cache (full build), then the same cache again (load only)."""
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        env = {"TANGKAS_CACHE": cache, "PATH": "/usr/bin:/bin"}
        for kind in ("cold_build", "cached_load"):
            out = subprocess.check_output([sys.executable, "-c", BUILD], text=True, env=env, cwd=ROOT)
            taxonomy_s, matrix_s = (float(x) for x in out.split())
            size = sum(p.stat().st_size for p in Path(cache).glob("*.npz"))
            rows.append({"bench": f"similarity_matrix_{kind}", "taxonomy_load_s": round(taxonomy_s, 2),
                         "matrix_s": round(matrix_s, 2), "cache_bytes": size})
    return rows


def bench_recommend(rng: random.Random, runs: int = 300) -> list[dict[str, object]]:
    """Warm latency of one worker's recommendations (top 10 with gaps), with and without extra skills;
    wall time, and this process's CPU time (what other jobs on a shared machine do not change)."""
    from tangkas.careers.transitions import Profile, recommend_transitions
    from tangkas.taxonomy import load_taxonomy

    tax = load_taxonomy()
    recommend_transitions(Profile(occupations=(tax.occupations[0].uri,)))
    rows = []
    for name, extra in (("occupation_only", 0), ("occupation_plus_5_skills", 5)):
        times, cpu_times = [], []
        for _ in range(runs):
            profile = Profile(
                occupations=(tax.occupations[rng.randrange(len(tax.occupations))].uri,),
                skills=tuple(tax.skills[rng.randrange(len(tax.skills))].uri for _ in range(extra)),
            )
            start, cpu = time.perf_counter(), time.process_time()
            recommend_transitions(profile, top=10)
            times.append((time.perf_counter() - start) * 1000)
            cpu_times.append((time.process_time() - cpu) * 1000)
        rows.append({"bench": f"recommend_{name}_warm", "runs": runs,
                     "median_ms": round(statistics.median(times), 2),
                     "p95_ms": round(_percentile(times, 0.95), 2), "max_ms": round(max(times), 2),
                     "cpu_median_ms": round(statistics.median(cpu_times), 2),
                     "cpu_p95_ms": round(_percentile(cpu_times, 0.95), 2)})
    return rows


def _cohort_profiles(n: int) -> list[Any]:
    """The first ``n`` profiles of the synthetic cohort (``tangkas.cohort``, seed 1)."""
    from tangkas.careers.transitions import Profile
    from tangkas.cohort import generate_cohort

    profiles = []
    for table in generate_cohort(n, seed=1):
        columns = (table["occupations"].to_pylist(), table["extra_skills"].to_pylist())
        for occupations, skills in zip(*columns, strict=True):
            profiles.append(Profile(occupations=tuple(occupations), skills=tuple(skills)))
    return profiles


def bench_batch(
    rng: random.Random, n_simple: int, n_mixed: int, n_cohort: int, chunk: int | None = None
) -> list[dict[str, object]]:
    """Batch top-10 in this one process with single-threaded BLAS, for three kinds of worker: one past
    occupation; 1-2 occupations plus 0-3 random skills; the synthetic cohort's mix (15% with several
    occupations, 35% with 1-3 extra skills of their first occupation)."""
    from threadpoolctl import threadpool_limits

    from tangkas.careers.transitions import Profile, top_transitions
    from tangkas.taxonomy import load_taxonomy

    tax = load_taxonomy()
    n_occ, n_skills = len(tax.occupations), len(tax.skills)
    simple = [Profile(occupations=(tax.occupations[rng.randrange(n_occ)].uri,)) for _ in range(n_simple)]
    mixed = [
        Profile(
            occupations=tuple(tax.occupations[rng.randrange(n_occ)].uri for _ in range(rng.randint(1, 2))),
            skills=tuple(tax.skills[rng.randrange(n_skills)].uri for _ in range(rng.randint(0, 3))),
        )
        for _ in range(n_mixed)
    ]
    cohort = _cohort_profiles(n_cohort)
    rows: list[dict[str, object]] = []
    with threadpool_limits(1):
        start = time.perf_counter()
        top_transitions(simple[:1])  # builds the tables once per process
        rows.append({"bench": "batch_tables_build", "seconds": round(time.perf_counter() - start, 2)})
        for name, profiles in (("one_occupation", simple), ("mixed", mixed), ("cohort", cohort)):
            start, cpu = time.perf_counter(), time.process_time()
            top_transitions(profiles, top=10, **({"chunk": chunk} if chunk else {}))
            elapsed, cpu_s = time.perf_counter() - start, time.process_time() - cpu
            rows.append({"bench": f"batch_top10_{name}", "profiles": len(profiles),
                         "seconds": round(elapsed, 2), "cpu_seconds": round(cpu_s, 2),
                         "profiles_per_s": round(len(profiles) / elapsed),
                         "profiles_per_cpu_s": round(len(profiles) / cpu_s), "processes": 1,
                         "blas_threads": 1, "chunk": chunk or "default"})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--mixed", type=int, default=20_000)
    parser.add_argument("--cohort", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, help="profiles ranked together (default: top_transitions')")
    parser.add_argument("--skip-build", action="store_true", help="leave out the cold matrix build")
    args = parser.parse_args()
    rng = random.Random(20261128)
    rows = [] if args.skip_build else bench_build()
    rows += bench_recommend(rng)
    rows += bench_batch(rng, args.profiles, args.mixed, args.cohort, args.chunk)
    for row in rows:
        print(json.dumps(row), flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"bench": "transitions_peak_rss", "mb": round(peak_mb)}), flush=True)


if __name__ == "__main__":
    main()
