"""Speed of coding job-ad titles as the posting coder does (``guess_titles``), on one core by default.

For each real feed: every ad's title in feed order, in batches of 256, in a fresh title cache, so a
title is new the first time it is seen and repeats cost a cache look-up, as in a real import.
``distinct_per_s`` counts only the distinct titles (the cost of titles never seen before);
``exact`` is the share of distinct titles coded from an exact known name without the model.

Usage: [OMP_NUM_THREADS=2] python benchmarks/bench_titles.py [--limit 3000] [--shared ../shared]
Prints one JSON line per feed. Reads ../shared (benchmarks may; the package never does).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: before the model's engine starts

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.reading.titles import exact_occupation, guess_titles  # noqa: E402

FEEDS = {
    "lokerid-2025": ("jobs/lokerid-2025/lokerid_job_postings_processed.csv", "Title"),
    "jobstreet-2020": ("jobs/jobstreet-glints-2020/data_master_16oct.csv", "job_position"),
}
BATCH = 256


def feed_titles(path: Path, column: str, limit: int) -> list[str]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[column] for _, row in zip(range(limit), csv.DictReader(handle), strict=False)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=3000)
    args = parser.parse_args()
    guess_titles(["warm up"])  # load the model and the shipped vectors outside the timing
    for name, (relative, column) in FEEDS.items():
        titles = feed_titles(args.shared / relative, column, args.limit)
        seen: dict[str, tuple[int, float]] = {}
        started = time.perf_counter()
        for start in range(0, len(titles), BATCH):
            batch = [t for t in dict.fromkeys(titles[start : start + BATCH]) if t not in seen]
            seen.update(zip(batch, guess_titles(batch), strict=True))
        seconds = time.perf_counter() - started
        exact = sum(exact_occupation(t) is not None for t in seen) / max(len(seen), 1)
        result = {
            "bench": "title_coding",
            "threads": int(os.environ["OMP_NUM_THREADS"]),
            "feed": name,
            "ads": len(titles),
            "distinct_titles": len(seen),
            "exact": round(exact, 3),
            "ads_per_s": round(len(titles) / seconds, 1),
            "distinct_per_s": round(len(seen) / seconds, 1),
        }
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
