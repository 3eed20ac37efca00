"""National-scale batch recommend (issue 20): per-core throughput, speed-up from 1 to 2 Dask workers, the
work saved by doing repeated work once, memory per worker, and the extrapolation to 17.6 million profiles
on a 64-core cluster.

Prints one JSON line per measurement. Usage:
    .venv/bin/python benchmarks/bench_batch.py [--sample 20000] [--full 1000000] [--folder /tmp/tangkas-bench]

``--sample`` profiles (synthetic cohort, seed 17) run serially in this process, then on a LocalCluster of
1 and of 2 workers; ``--full`` profiles (0 to skip) run on a LocalCluster of all cores through the same
code as ``tangkas batch recommend``. Each run starts from empty caches (fresh worker processes; the
serial run in a fresh subprocess).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PRAKERJA = 17_600_000
CLUSTER_CORES = 64
ROW_GROUP = 2_500


def cohort_file(folder: Path, n: int) -> Path:
    """``n`` synthetic profiles (seed 17) in one Parquet file of ``ROW_GROUP``-row groups (made once)."""
    from tangkas.cohort import generate_cohort

    path = folder / f"cohort-{n}" / "profiles.parquet"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(".profiles.parquet.tmp")
        with pq.ParquetWriter(temporary, next(generate_cohort(1, seed=17)).schema) as writer:
            for chunk in generate_cohort(n, seed=17, chunk_rows=ROW_GROUP):
                writer.write_table(chunk, row_group_size=ROW_GROUP)
        os.replace(temporary, path)
    return path.parent


SERIAL = """
import json, sys
from pathlib import Path
from tangkas.batch.recommend import RecommendJob
from tangkas.batch.runner import run_job
job = RecommendJob()
summary = run_job(job, Path(sys.argv[1]), Path(sys.argv[2]), scheduler="serial")
print(json.dumps(summary.to_dict()))
"""


def run(inputs: Path, out: Path, workers: int | None) -> dict[str, object]:
    """One run from empty caches: serial in a fresh process, or a fresh LocalCluster of ``workers``."""
    shutil.rmtree(out, ignore_errors=True)
    if workers is None:
        command = [sys.executable, "-c", SERIAL, str(inputs), str(out)]
        text = subprocess.check_output(command, text=True, cwd=ROOT)
        return dict(json.loads(text.strip().splitlines()[-1]))
    from tangkas.batch.recommend import RecommendJob
    from tangkas.batch.runner import run_job

    start = time.perf_counter()
    summary = run_job(RecommendJob(), inputs, out, workers=workers).to_dict()
    summary["wall_s"] = time.perf_counter() - start  # includes starting the cluster and warming workers
    return summary


def describe(name: str, result: dict[str, object], cores: int) -> dict[str, object]:
    counters = dict(result["counters"])  # type: ignore[call-overload]
    rows = int(result["rows_in"])  # type: ignore[call-overload]
    seconds = float(result["seconds"]) - float(result["startup_s"])  # type: ignore[arg-type]
    task_s = float(result["task_s"])  # type: ignore[arg-type]
    asked, solved = counters.get("plans_asked", 0), counters.get("plans_solved", 0)
    peaks = dict(result["peak_rss_mb"])  # type: ignore[call-overload]
    return {
        "bench": name,
        "profiles": rows,
        "cores": cores,
        "seconds_after_startup": round(seconds, 1),
        "startup_s": round(float(result["startup_s"]), 1),  # type: ignore[arg-type]
        "wall_s": round(float(result.get("wall_s", seconds)), 1),  # type: ignore[arg-type]
        "profiles_per_s": round(rows / seconds),
        "profiles_per_s_per_core": round(rows / task_s),
        "distinct_profiles_share": round(counters.get("profiles_distinct", 0) / rows, 3),
        "plans_asked": asked,
        "plans_solved": solved,
        "plan_reuse_share": round(1 - solved / asked, 3) if asked else 0.0,
        "peak_rss_mb_max_worker": round(max(peaks.values())),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--full", type=int, default=0)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/tangkas-bench"))
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    sample = cohort_file(args.folder, args.sample)
    serial = describe("recommend_top3_plans_serial", run(sample, args.folder / "out-serial", None), 1)
    print(json.dumps(serial), flush=True)
    one = describe("recommend_top3_plans_dask_1_worker", run(sample, args.folder / "out-1", 1), 1)
    print(json.dumps(one), flush=True)
    two = describe("recommend_top3_plans_dask_2_workers", run(sample, args.folder / "out-2", 2), 2)
    print(json.dumps(two), flush=True)
    speedup = float(two["profiles_per_s"]) / float(one["profiles_per_s"])  # type: ignore[arg-type]
    per_core = float(one["profiles_per_s_per_core"])  # type: ignore[arg-type]
    efficiency = speedup / 2
    hours = PRAKERJA / (per_core * CLUSTER_CORES * efficiency) / 3600
    print(
        json.dumps(
            {
                "bench": "extrapolation_17_6_million_on_64_cores",
                "per_core_profiles_per_s": round(per_core),
                "speedup_1_to_2_workers": round(speedup, 2),
                "parallel_efficiency": round(efficiency, 2),
                "hours": round(hours, 2),
                "note": "per-core rate from a sample with caches starting empty; a worker's plan cache "
                "only fills further over 275,000 profiles, so this is an upper bound",
            }
        ),
        flush=True,
    )
    if args.full:
        full = cohort_file(args.folder, args.full)
        result = describe("recommend_top3_plans_full", run(full, args.folder / "out-full", cores), cores)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
