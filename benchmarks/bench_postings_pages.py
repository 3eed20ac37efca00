"""Pages that read every stored posting: the analyst overview, the youth view's digital postings and a
young person's pathways, on a store of ``--postings`` demo postings (DuckDB file, default 200,000).

Each is timed on its first view after a write (the store read in full: ``postings_arrow``) and on the
views after it (``cached_postings``, reused for ``POSTINGS_CACHE_SECONDS``). One BLAS thread.

Usage: python benchmarks/bench_postings_pages.py [--postings 200000] [--views 20]
Prints one JSON line per page.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.services.demo import load_demo  # noqa: E402
from tangkas.services.indicators import market_overview  # noqa: E402
from tangkas.services.pathways import youth_pathways  # noqa: E402
from tangkas.store import Store, open_store  # noqa: E402
from tangkas.store.postings import cached_postings  # noqa: E402
from tangkas.youth.digital import digital_postings  # noqa: E402

SOFTWARE_DEVELOPER = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"


def timed(store: Store, run: Callable[[], object], views: int) -> dict[str, float]:
    store.changed()  # as after an import: the first view reads the store again
    start = time.perf_counter()
    run()
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(views):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "first_ms": round(first, 1),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * len(times)) - 1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=200_000)
    parser.add_argument("--views", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"duckdb:///{Path(folder) / 'bench.duckdb'}")
        started = time.perf_counter()
        load_demo(store, postings=args.postings, workers=400)
        loaded = time.perf_counter() - started
        pages: dict[str, Callable[[], object]] = {
            "analyst_overview": lambda: market_overview(store),
            "youth_digital_postings": lambda: digital_postings(cached_postings(store)),
            "youth_pathways": lambda: youth_pathways(store, [SOFTWARE_DEVELOPER], "32", 3_500_000),
        }
        for name, run in pages.items():
            result = {"bench": f"postings_page_{name}", "postings": args.postings, "views": args.views}
            print(json.dumps({**result, **timed(store, run, args.views), "demo_load_s": round(loaded, 1)}))
        store.close()


if __name__ == "__main__":
    main()
