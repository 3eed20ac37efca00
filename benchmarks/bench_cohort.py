"""Speed of the synthetic national cohort (issue 20): profiles generated and written to Parquet.

Times :func:`tangkas.cohort.generate_cohort` alone (tables in memory, dropped) and writing the same rows
as partitioned Parquet the way ``tangkas cohort generate`` does (temporary name, rename), in one process;
then extrapolates to the 17.6 million Kartu Prakerja participants on one core and on ``--cores`` cores
(partitions are independent, so they split across processes). Reports the peak resident memory.

Usage: python benchmarks/bench_cohort.py [--rows 1000000] [--partition-rows 250000] [--cores 64]
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas import cohort  # noqa: E402
from tangkas.cli.cohort import part_name, write_partition  # noqa: E402

PRAKERJA = 17_600_000


def measure(rows: int, partition_rows: int, cores: int, seed: int = 17) -> dict[str, object]:
    """Seconds to generate ``rows`` profiles, and to write them as Parquet partitions."""
    started = time.perf_counter()
    cohort.cohort_weights()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    generated = sum(chunk.num_rows for chunk in cohort.generate_cohort(rows, seed=seed))
    generate_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        for index, first in enumerate(range(0, rows, partition_rows)):
            write_partition(Path(folder) / part_name(index), seed, first, min(partition_rows, rows - first))
        write_s = time.perf_counter() - started
        size = sum(f.stat().st_size for f in Path(folder).iterdir())
    rate = rows / write_s
    return {
        "bench": "cohort_generate_parquet",
        "rows": generated,
        "partition_rows": partition_rows,
        "load_weights_s": round(load_s, 2),
        "generate_s": round(generate_s, 2),
        "generate_rows_per_s": round(rows / generate_s),
        "parquet_s": round(write_s, 2),
        "parquet_rows_per_s": round(rate),
        "parquet_mb": round(size / 1e6, 1),
        "prakerja_one_core_min": round(PRAKERJA / rate / 60, 1),
        f"prakerja_{cores}_cores_s": round(PRAKERJA / rate / cores, 1),
        "prakerja_parquet_gb": round(size / rows * PRAKERJA / 1e9, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cores_here": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--partition-rows", type=int, default=250_000)
    parser.add_argument("--cores", type=int, default=64)
    args = parser.parse_args()
    print(json.dumps(measure(args.rows, args.partition_rows, args.cores)), flush=True)


if __name__ == "__main__":
    main()
