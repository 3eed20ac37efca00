"""Fault test: an import killed midway leaves nothing behind, and a re-run imports every row once."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tangkas.store import open_store

ROWS = 300_000


def _write_postings(path: Path) -> None:
    ids = [f"f{i}" for i in range(ROWS)]
    pq.write_table(
        pa.table({"source": ["fault"] * ROWS, "external_id": ids, "title": ["Operator produksi"] * ROWS}),
        path,
    )


def _import(url: str, path: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tangkas", "import", "postings", str(path), "--db", url]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_when(process: subprocess.Popen[bytes], started: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not started():
        assert process.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline, "the import never started"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()


def _check_rerun(url: str, path: Path) -> None:
    with open_store(url) as store:
        assert store.backend.scalar("SELECT COUNT(*) FROM postings") == 0, "a killed import wrote rows"
    rerun = subprocess.run(
        [sys.executable, "-m", "tangkas", "import", "postings", str(path), "--db", url],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    with open_store(url) as store:
        total, distinct = store.backend.execute("SELECT COUNT(*), COUNT(DISTINCT external_id) FROM postings")[
            0
        ]
    assert total == distinct == ROWS


def test_store_killed_import_loses_and_duplicates_nothing(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "postings.parquet"
    _write_postings(path)
    with open_store(store_url) as store:
        store.migrate()
        backend = store.backend.name
    if backend == "duckdb":
        database = Path(store_url.removeprefix("duckdb:///"))
        baseline = database.stat().st_size

        def started() -> bool:
            wal = database.with_name(database.name + ".wal")
            grown = database.stat().st_size - baseline + (wal.stat().st_size if wal.exists() else 0)
            return grown > 2_000_000
    else:
        observer = open_store(store_url)

        def started() -> bool:
            query = "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE ?"
            return bool(observer.backend.scalar(query, ("COPY staging_postings%",)))

    process = _import(store_url, path)
    try:
        _kill_when(process, started)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if backend != "duckdb":
            observer.close()
    _check_rerun(store_url, path)
