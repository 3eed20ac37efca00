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


def _check_rerun(url: str, path: Path, *, surely_midway: bool) -> None:
    with open_store(url) as store:
        after_kill = store.backend.scalar("SELECT COUNT(*) FROM postings")
    # All or nothing: a kill leaves no rows, or (if the commit won the race) every row, never a part.
    assert after_kill in ((0,) if surely_midway else (0, ROWS)), f"a killed import left {after_kill} rows"
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
        # DuckDB keeps an open transaction in memory, so nothing on disk shows the import running:
        # time a full import into a scratch file and kill the real one halfway through.
        scratch = f"duckdb:///{tmp_path / 'scratch.duckdb'}"
        with open_store(scratch) as other:
            other.migrate()
        begun = time.monotonic()
        _import(scratch, path).wait()
        halfway = (time.monotonic() - begun) / 2
        launched = time.monotonic()

        def started() -> bool:
            return time.monotonic() - launched > halfway
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
    _check_rerun(store_url, path, surely_midway=backend != "duckdb")


def test_store_a_lost_postgres_connection_is_reopened() -> None:
    """After `pg_terminate_backend` (or a database restart) the next request works again; a request
    caught inside a transaction answers 503 and leaves nothing half-written."""
    import psycopg
    import pytest
    from conftest import POSTGRES_ADMIN_URL, _postgres_database
    from fastapi.testclient import TestClient

    from tangkas.store.base import StoreUnavailableError
    from tangkas.web import create_app

    databases = _postgres_database()
    url = next(databases)
    try:
        with open_store(url) as store:
            store.migrate()
            client = TestClient(create_app(store), raise_server_exceptions=False)

            def kill() -> None:
                pid = store.backend.scalar("SELECT pg_backend_pid()")
                with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", [pid])

            kill()
            assert client.get("/api/health").status_code == 200  # was 500 until a restart
            kill()
            assert store.backend.scalar("SELECT COUNT(*) FROM postings") == 0
            with pytest.raises(StoreUnavailableError), store.backend.transaction():
                store.backend.execute(
                    "INSERT INTO postings (source, external_id, title) VALUES ('x', '1', 'Kasir')"
                )
                kill()
                store.backend.execute(
                    "INSERT INTO postings (source, external_id, title) VALUES ('x', '2', 'Kasir')"
                )
            assert store.backend.scalar("SELECT COUNT(*) FROM postings") == 0
    finally:
        databases.close()
