"""Coding postings in bulk (``tangkas.market.bulk``, the job of ``tangkas batch code``) in one process.

1. **A resample of the real feeds**: ``--n`` postings (default 1,000,000) drawn with replacement,
   seeded, from the ads of the six real feed files in ``../shared/jobs`` (labelled: source
   ``<feed>-resample``, ids ``r<n>``), written as Parquet in row groups of ``--row-group`` rows, then
   coded row group by row group as a batch worker does it (read, code, write), caches cold at the
   start. Reports postings/s end to end, distinct title keys, how much the caches saved, new titles/s
   (title keys never seen by the process, the e5 model on one thread), new skill texts/s, new ad
   checks/s and the peak RSS.
2. **Each real feed as it is**, caches emptied before each: the share of the work the once-only
   caches save there (counts only: the e5 vectors of phase 1 are still cached, so no speed is shown).

Usage: python benchmarks/bench_bulk_code.py [--n 1000000] [--row-group 100000] [--shared ../shared]
Prints one JSON line per measurement. Reads ../shared (benchmarks may; the package never does).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: before the model's engine starts
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.market import bulk  # noqa: E402
from tangkas.market.feeds import parse_feed  # noqa: E402
from tangkas.market.tables import postings_table  # noqa: E402
from tangkas.reading.title_words import exact_names, generic_title, with_context  # noqa: E402
from tangkas.reading.titles import title_key  # noqa: E402

FEEDS = {
    "lokerid-2025": "lokerid-2025/lokerid_job_postings_processed.csv",
    "jobstreet-2020": "jobstreet-glints-2020/data_master_16oct.csv",
    "glints-2020": "jobstreet-glints-2020/data_loker_glints_16oct.csv",
    "jobstreet-2022": "jobstreet-id-2022/jobstreet_indonesia_target_roles_5000.csv",
    "dealls-2024": "dealls-kalibrr-2024/dealls.csv",
    "kalibrr-2024": "dealls-kalibrr-2024/kalibrr.csv",
}
SEED = 20
COLUMNS = ("source", "external_id", "title", "text", "skills")


def feed_tables(shared: Path) -> dict[str, pa.Table]:
    """Each real feed as a ``tangkas`` feed-format table (the columns the coder reads)."""
    tables = {}
    for name, relative in FEEDS.items():
        postings, _ = parse_feed(shared / "jobs" / relative)
        tables[name] = postings_table(postings).select(list(COLUMNS))
    return tables


def write_resample(pool: pa.Table, n: int, path: Path, row_group: int, seed: int = SEED) -> int:
    """Write ``n`` ads drawn with replacement from ``pool``, relabelled as a resample, one row group at
    a time (the whole resample is never in memory); the number of row groups."""
    draws = np.random.default_rng(seed).integers(0, pool.num_rows, n)
    with pq.ParquetWriter(path, pool.schema) as writer:
        for start in range(0, n, row_group):
            rows = pool.take(pa.array(draws[start : start + row_group]))
            sources = pc.binary_join_element_wise(rows.column("source"), pa.scalar("resample"), "-")
            ids = pa.array([f"r{i}" for i in range(start, start + rows.num_rows)], pa.string())
            writer.write_table(rows.set_column(0, "source", sources).set_column(1, "external_id", ids))
    return -(-n // row_group)


def exact_share(table: pa.Table) -> float:
    """The share of a table's distinct title keys that an exact known name codes without the model
    (of the pool the resample is drawn from: a million draws hold nearly every one of its ads)."""
    names = exact_names()
    ads = zip(table.column("title").to_pylist(), table.column("text").to_pylist(), strict=True)
    keys = {title_key(with_context(t, x or "") if generic_title(t) else t) for t, x in ads}
    return sum(len(names.get(key.core, ())) == 1 for key in keys) / max(len(keys), 1)


def code_file(source: Path, out_dir: Path) -> tuple[Counter[str], float]:
    """Code every row group of ``source`` in turn (read, code, write), as a batch worker does."""
    counts: Counter[str] = Counter()
    parquet = pq.ParquetFile(source)
    started, cpu = time.perf_counter(), time.process_time()
    for group in range(parquet.num_row_groups):
        output, found = bulk.code_table(parquet.read_row_group(group))
        pq.write_table(output, out_dir / f"rg{group:04d}.parquet", compression="zstd")
        counts.update(found)
        rate = counts["postings"] / (time.perf_counter() - started)
        print(f"row group {group}: {counts['postings']:,} postings, {rate:,.0f}/s", file=sys.stderr)
    counts["cpu_ms"] = round((time.process_time() - cpu) * 1000)
    return counts, time.perf_counter() - started


def per_second(done: int, ms: int) -> float:
    return round(done / ms * 1000, 1) if ms else 0.0


def resample_result(
    counts: Counter[str], seconds: float, pool: pa.Table, row_groups: int
) -> dict[str, object]:
    postings = counts["postings"]
    return {
        "bench": "bulk_code_resample",
        "threads": int(os.environ["OMP_NUM_THREADS"]),
        "postings": postings,
        "row_groups": row_groups,
        "seconds": round(seconds, 1),
        "postings_per_s": round(postings / seconds),
        "cpu_s": round(counts["cpu_ms"] / 1000, 1),
        "postings_per_cpu_s": round(postings / counts["cpu_ms"] * 1000),
        "title_keys_new": counts["titles_new"],
        "pool_ads": pool.num_rows,
        "title_keys_exact_share": round(exact_share(pool), 3),
        "titles_saved": round(1 - counts["titles_new"] / postings, 4),
        "new_titles_per_s": per_second(counts["titles_new"], counts["title_ms"]),
        "new_titles_per_cpu_s": per_second(counts["titles_new"], counts["title_cpu_ms"]),
        "skills_new": counts["skills_new"],
        "skills_saved": round(1 - counts["skills_new"] / postings, 4),
        "new_skills_per_s": per_second(counts["skills_new"], counts["skill_ms"]),
        "new_skills_per_cpu_s": per_second(counts["skills_new"], counts["skill_cpu_ms"]),
        "checks_new": counts["checks_new"],
        "checks_saved": round(1 - counts["checks_new"] / postings, 4),
        "new_checks_per_s": per_second(counts["checks_new"], counts["ad_ms"]),
        "new_checks_per_cpu_s": per_second(counts["checks_new"], counts["ad_cpu_ms"]),
        "other_s": round(seconds - (counts["title_ms"] + counts["skill_ms"] + counts["ad_ms"]) / 1000, 1),
        "rejected": counts["rejected"],
        "ads_flagged": counts["ads_flagged"],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average": [round(load, 1) for load in os.getloadavg()],
    }


def feed_result(name: str, table: pa.Table) -> dict[str, object]:
    bulk.clear_caches()
    _, counts = bulk.code_table(table)
    postings = counts["postings"]
    return {
        "bench": "bulk_code_feed",
        "feed": name,
        "postings": postings,
        "title_keys": counts["title_keys"],
        "distinct_titles": len(set(table.column("title").to_pylist())),
        "titles_saved": round(1 - counts["title_keys"] / postings, 4),
        "skill_texts": counts["skill_texts"],
        "skills_saved": round(1 - counts["skill_texts"] / postings, 4),
        "ad_texts": counts["ad_texts"],
        "checks_saved": round(1 - counts["ad_texts"] / postings, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--row-group", type=int, default=100_000)
    args = parser.parse_args()
    feeds = feed_tables(args.shared)
    pool = pa.concat_tables(feeds.values())
    bulk.warm()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "postings.parquet"
        groups = write_resample(pool, args.n, source, args.row_group)
        (Path(folder) / "out").mkdir()
        counts, seconds = code_file(source, Path(folder) / "out")
    print(json.dumps(resample_result(counts, seconds, pool, groups)), flush=True)
    for name, feed in feeds.items():
        print(json.dumps(feed_result(name, feed)), flush=True)


if __name__ == "__main__":
    main()
