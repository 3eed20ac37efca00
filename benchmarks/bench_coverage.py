"""Speed of the social-protection coverage indicators over 10 million membership spells (DuckDB).

Builds, with SQL alone (``range``), a DuckDB store of ``--workers`` workers (1% erased, a tenth without a
birth year, gender and province spread) and ``--spells`` membership spells of every programme and
segment around the day measured, and PMI placements for a twentieth of the workers (abroad, returned
or prospective, six destinations); then times each breakdown: its one query (``query_s``) and the
published figures of every programme (``figures_s``, the query plus disclosure control). The store is
written to a temporary folder and deleted afterwards (``--keep FILE`` keeps it there instead; ``*.duckdb``
is ignored by git). Target (issue 18): every indicator over 10 million spells in < 10 s.

Usage: python benchmarks/bench_coverage.py [--spells 10000000] [--workers 4000000]
       [--keep FILE | --reuse FILE]  (``--reuse`` measures a kept store again without building it)
Prints one JSON line per breakdown, then the totals.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.provinces import province_codes  # noqa: E402
from tangkas.services.coverage import coverage_figures  # noqa: E402
from tangkas.store import Store, open_store  # noqa: E402
from tangkas.store.coverage import BREAKDOWNS, coverage_counts  # noqa: E402

AS_OF = date(2025, 6, 30)
PROGRAMMES = "['JKK', 'JKM', 'JHT', 'JP', 'JKP', 'JKN']"
SEGMENTS = "['wage', 'non_wage', 'construction', 'pmi']"
DESTINATIONS = "['TW', 'MY', 'HK', 'KR', 'JP', 'SG']"


def build(store: Store, workers: int, spells: int) -> dict[str, float]:
    """Fill the store with SQL; the seconds each table took."""
    provinces = "[" + ", ".join(f"'{code}'" for code in province_codes()) + "]"
    took = {}
    statements = {
        "workers": (
            "INSERT INTO workers (id, source, external_id, office_code, full_name, gender, birth_year, "
            "province_code, record_key, erased_at, synthetic) "
            f"SELECT i, 'bench', CAST(i AS VARCHAR), 'B' || (i % 50), 'Pekerja', "
            "CASE WHEN i % 97 = 0 THEN NULL WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, "
            "CASE WHEN i % 10 = 0 THEN NULL ELSE 1950 + CAST(hash(i) % 60 AS INTEGER) END, "
            f"list_element({provinces}, 1 + CAST(hash(i * 7) % {len(province_codes())} AS INTEGER)), "
            "CAST(hash(i * 13) % 2147483648 AS BIGINT), "
            "CASE WHEN i % 100 = 0 THEN TIMESTAMP '2025-01-01' END, TRUE "
            f"FROM range(1, {workers + 1}) t(i)"
        ),
        "memberships": (
            "INSERT INTO memberships (id, source, external_id, worker_id, programme, segment, valid_from, "
            "paid_until, synthetic) "
            "SELECT i, 'bench', CAST(i AS VARCHAR), "
            f"1 + CAST(hash(i) % {workers} AS BIGINT), "
            f"list_element({PROGRAMMES}, 1 + CAST(hash(i * 3) % 6 AS INTEGER)), "
            f"list_element({SEGMENTS}, 1 + CAST(hash(i * 5) % 4 AS INTEGER)), "
            f"DATE '{AS_OF}' - CAST(hash(i * 11) % 1500 AS INTEGER), "
            f"DATE '{AS_OF}' + CAST(hash(i * 17) % 700 AS INTEGER) - 350, TRUE "
            f"FROM range(1, {spells + 1}) t(i)"
        ),
        "placements": (
            "INSERT INTO placements (id, source, external_id, worker_id, destination, sector, "
            "contract_start, contract_end, departed_on, returned_on, status, synthetic) "
            "SELECT i, 'bench', CAST(i AS VARCHAR), i * 20, "
            f"list_element({DESTINATIONS}, 1 + CAST(hash(i) % 6 AS INTEGER)), 'manufacturing', "
            f"DATE '{AS_OF}' - CAST(hash(i * 3) % 900 AS INTEGER), "
            f"DATE '{AS_OF}' - CAST(hash(i * 3) % 900 AS INTEGER) + 730, "
            f"DATE '{AS_OF}' - CAST(hash(i * 3) % 900 AS INTEGER) - 2, "
            f"CASE WHEN i % 3 = 0 THEN DATE '{AS_OF}' - CAST(hash(i * 3) % 900 AS INTEGER) + 740 END, "
            "CASE WHEN i % 3 = 0 THEN 'returned' ELSE 'abroad' END, TRUE "
            f"FROM range(1, {workers // 20 + 1}) t(i)"
        ),
    }
    for table, sql in statements.items():
        start = time.perf_counter()
        with store.lock:
            store.backend.execute(sql)
        took[table] = round(time.perf_counter() - start, 2)
    return took


def measure(store: Store) -> list[dict[str, object]]:
    rows = []
    for by in BREAKDOWNS:
        start = time.perf_counter()
        groups = coverage_counts(store, by, AS_OF)
        query = time.perf_counter() - start
        start = time.perf_counter()
        coverage_figures(store, by, AS_OF)
        figures = time.perf_counter() - start
        rows.append(
            {
                "bench": f"coverage_{by}",
                "groups": len(groups),
                "query_s": round(query, 3),
                "figures_s": round(figures, 3),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spells", type=int, default=10_000_000)
    parser.add_argument("--workers", type=int, default=4_000_000)
    parser.add_argument("--keep", type=Path, help="write the store to this file and keep it")
    parser.add_argument("--reuse", type=Path, help="measure a store kept by --keep, without building")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.reuse or args.keep or Path(folder) / "bench_coverage.duckdb"
        store = open_store(f"duckdb:///{path}")
        store.migrate()
        built = {} if args.reuse else build(store, args.workers, args.spells)
        rows = measure(store)
        store.close()
    for row in rows:
        print(json.dumps(row), flush=True)
    queries = sum(float(str(r["query_s"])) for r in rows)
    figures = sum(float(str(r["figures_s"])) for r in rows)
    total = {
        "bench": "coverage_all_indicators",
        "spells": args.spells,
        "workers": args.workers,
        "build_s": built,
        "queries_s": round(queries, 2),
        "figures_s": round(figures, 2),
        "target_s": 10,
    }
    print(json.dumps(total), flush=True)


if __name__ == "__main__":
    main()
