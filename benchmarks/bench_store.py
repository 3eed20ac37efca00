"""Store benchmarks: bulk import of synthetic postings from Parquet into DuckDB and PostgreSQL.

Usage: python benchmarks/bench_store.py [--rows 1000000] [--postgres URL] [--skip-postgres]
Prints one JSON line per measurement. The postings are synthetic (generated here, seeded).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tangkas.services.imports import import_file
from tangkas.store import open_store

TITLES = [
    "Kasir",
    "Staff Admin Gudang",
    "Sopir Truk",
    "Penjahit",
    "Operator Produksi",
    "Sales Executive",
    "Software Engineer",
    "Perawat",
    "Teknisi Listrik",
    "Customer Service",
]
PROVINCES = ["11", "12", "13", "31", "32", "33", "34", "35", "36", "51", "52", "61", "64", "71", "73", "94"]


def synthetic_postings(rows: int, seed: int = 20261128) -> pa.Table:
    """``rows`` synthetic postings with realistic field shapes (no text)."""
    rng = np.random.default_rng(seed)
    low = rng.integers(2_000, 12_000, rows) * 1000
    days = rng.integers(0, 730, rows)
    return pa.table(
        {
            "source": pa.array(["synthetic"] * rows),
            "external_id": pa.array(np.char.add("s", np.arange(rows).astype(str))),
            "title": pa.array(np.array(TITLES)[rng.integers(0, len(TITLES), rows)]),
            "province_code": pa.array(np.array(PROVINCES)[rng.integers(0, len(PROVINCES), rows)]),
            "posted_date": pa.array(np.datetime64("2024-01-01") + days.astype("timedelta64[D]")),
            "salary_min": pa.array(low.astype(float)),
            "salary_max": pa.array((low * 1.3).astype(float)),
            "synthetic": pa.array(np.ones(rows, dtype=bool)),
        }
    )


def bench_import(url: str, path: Path, rows: int, label: str) -> dict[str, object]:
    fmt = path.suffix.lstrip(".")
    store = open_store(url)
    store.migrate()
    start = time.perf_counter()
    report = import_file(store, "postings", path)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    again = import_file(store, "postings", path)
    reimport = time.perf_counter() - start
    store.close()
    assert report.inserted == rows and again.inserted == 0
    return {
        "bench": f"import_postings_{fmt}_{label}",
        "rows": rows,
        "seconds": round(elapsed, 1),
        "rows_per_s": round(rows / elapsed),
        "reimport_seconds": round(reimport, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"postings.{args.format}"
        table = synthetic_postings(args.rows)
        if args.format == "csv":
            pacsv.write_csv(table, path)
        else:
            pq.write_table(table, path)
        print(
            json.dumps(bench_import(f"duckdb:///{Path(tmp) / 'bench.duckdb'}", path, args.rows, "duckdb")),
            flush=True,
        )
        if args.skip_postgres:
            return
        import psycopg

        name = f"tangkas_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
            try:
                url = args.postgres.rsplit("/", 1)[0] + f"/{name}"
                print(json.dumps(bench_import(url, path, args.rows, "postgres")), flush=True)
            finally:
                admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
