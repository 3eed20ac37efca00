"""Loading a batch coding run into the store (``tangkas batch code --load``) on DuckDB and PostgreSQL.

Input: ``--n`` postings (default 100,000) drawn with replacement, seeded, from the ads of the six real
feed files in ``../shared/jobs`` with every field of the ``tangkas`` feed format (sources
``<feed>-resample``, ids ``r<n>``, so every row is a new posting), in row groups of ``--row-group``.
They are coded once by ``tangkas batch code``'s three passes in this process (``--scheduler serial``;
the time is reported, not the subject). Then, on a fresh store of each backend:

1. **import**: the validated import of the input, without the serial ad check
   (:func:`tangkas.services.batch_load.load_batch_run` with no pieces);
2. **load**: the run's codings, skills and ad checks written by ``(source, external_id)``, one staging
   table and one ``UPDATE ... FROM`` per 50,000 rows (the same function with no inputs);
3. the same two again: the re-run of an already loaded run (nothing written);
4. for scale, the serial store path's write of ``--serial`` codings (``save_codings``: one ``UPDATE``
   per posting through ``executemany``), the way ``tangkas import code`` stores them.

Usage: python benchmarks/bench_batch_load.py [--n 100000] [--row-group 50000] [--serial 10000]
       [--postgres URL] [--skip-postgres] [--shared ../shared]
Prints one JSON line per measurement. Reads ../shared (benchmarks may; the package never does).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: before the model's engine starts
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_bulk_code import FEEDS, write_resample  # noqa: E402

from tangkas.batch.code import CodeJob, code_everything  # noqa: E402
from tangkas.batch.runner import SERIAL, output_files  # noqa: E402
from tangkas.market.coding import CodedPosting  # noqa: E402
from tangkas.market.feeds import parse_feed  # noqa: E402
from tangkas.market.postings import Posting  # noqa: E402
from tangkas.market.tables import postings_table  # noqa: E402
from tangkas.services.batch_load import load_batch_run  # noqa: E402
from tangkas.store import Store, open_store  # noqa: E402
from tangkas.store.coding import save_codings  # noqa: E402

T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    done = work()
    return done, time.perf_counter() - started


def pool_of_feeds(shared: Path) -> pa.Table:
    """The six real feeds as one table in the ``tangkas`` feed format, every field."""
    return pa.concat_tables(
        postings_table(parse_feed(shared / "jobs" / relative)[0]) for relative in FEEDS.values()
    )


def bench_backend(url: str, label: str, inputs: Path, out: Path, serial: int) -> dict[str, object]:
    pieces = output_files(out)
    with open_store(url) as store:
        store.migrate()
        imported, import_s = timed(lambda: load_batch_run(store, [inputs], []))
        loaded, load_s = timed(lambda: load_batch_run(store, [], pieces))
        again, again_s = timed(lambda: load_batch_run(store, [inputs], pieces))
        rows = imported.imports[0].rows
        assert imported.imported == loaded.counts.coded == rows and again.counts.coded == 0
        skills = int(store.backend.scalar("SELECT COUNT(*) FROM posting_skills"))
    with open_store(url.replace("bench_load", "bench_serial")) as store:
        store.migrate()
        serial_s = serial_writes(store, inputs, pieces[0], serial)
    return {
        "bench": f"batch_load_{label}",
        "rows": rows,
        "import_s": round(import_s, 1),
        "import_per_s": round(rows / import_s),
        "load_s": round(load_s, 1),
        "load_per_s": round(rows / load_s),
        "coded": loaded.counts.coded,
        "checked": loaded.counts.checked,
        "skill_rows": skills,
        "reload_s": round(again_s, 1),
        "serial_rows": serial,
        "serial_save_codings_s": round(serial_s, 1),
        "serial_save_codings_per_s": round(serial / serial_s),
        "load_average": [round(load, 1) for load in os.getloadavg()],
    }


def serial_writes(store: Store, inputs: Path, piece: Path, n: int) -> float:
    """Seconds the serial store path's ``save_codings`` takes for the first ``n`` coded rows."""
    load_batch_run(store, [inputs], [])
    coded = pq.read_table(piece).slice(0, n).to_pylist()
    ids = dict(
        ((source, external_id), pid)
        for pid, source, external_id in store.backend.execute("SELECT id, source, external_id FROM postings")
    )
    rows = [
        (
            ids[(row["source"], row["external_id"])],
            CodedPosting(
                Posting(row["source"], row["external_id"], "-"),
                row["occupation"],
                row["isco"],
                row["score"],
                row["confident"],
                tuple(row["skills"]),
                row["margin"],
            ),
        )
        for row in coded
    ]
    _, seconds = timed(lambda: save_codings(store, rows, "phrase"))
    return seconds


@contextmanager
def postgres_urls(admin_url: str) -> Iterator[str]:
    """A fresh database for the load and one for the serial writes; dropped afterwards."""
    import psycopg

    suffix = uuid.uuid4().hex[:8]
    names = [f"bench_load_{suffix}", f"bench_serial_{suffix}"]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        for name in names:
            admin.execute(f"CREATE DATABASE {name}")
        try:
            yield admin_url.rsplit("/", 1)[0] + f"/{names[0]}"
        finally:
            for name in names:
                admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--row-group", type=int, default=50_000)
    parser.add_argument("--serial", type=int, default=10_000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inputs, out = Path(folder) / "in" / "postings.parquet", Path(folder) / "out"
        inputs.parent.mkdir()
        write_resample(pool_of_feeds(args.shared), args.n, inputs, args.row_group)
        _, coding_s = timed(lambda: code_everything(inputs, out, CodeJob(), scheduler=SERIAL))
        print(json.dumps({"bench": "batch_load_coding", "rows": args.n, "seconds": round(coding_s, 1)}))
        database = Path(folder) / "bench_load.duckdb"
        result = bench_backend(f"duckdb:///{database}", "duckdb", inputs, out, args.serial)
        print(json.dumps(result), flush=True)
        if args.skip_postgres:
            return
        with postgres_urls(args.postgres) as url:
            print(json.dumps(bench_backend(url, "postgres", inputs, out, args.serial)), flush=True)


if __name__ == "__main__":
    main()
