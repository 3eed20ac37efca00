"""API latency under load: 50 concurrent clients on loopback, driven by wrk (bounded in time).

Starts ``tangkas serve`` on a free loopback port with a fresh DuckDB store holding the demo data,
creates an analyst key, then runs wrk for each endpoint. Prints one JSON line per endpoint with the
latency percentiles wrk reports. Usage: python benchmarks/bench_api.py [--seconds 20] [--connections 50]
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tangkas.services.demo import load_demo
from tangkas.store import open_store
from tangkas.store.keys import create_key

ENDPOINTS = {
    "search": "/api/search/occupations?q=sopir%20truk&limit=10",
    "transitions": "/api/transitions?occupation=7531.5&top=10",
    "recommendations_fragment": "/fragments/recommendations?occ=7531.5&province=32",
}
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _percentiles(output: str) -> dict[str, float]:
    found = {}
    for pct, value, unit in re.findall(r"^\s+(\d+(?:\.\d+)?)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M):
        found[f"p{float(pct):g}_ms"] = round(float(value) * UNITS[unit], 2)
    requests = re.search(r"Requests/sec:\s+([\d.]+)", output)
    found["requests_per_s"] = float(requests.group(1)) if requests else 0.0
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    found["non_2xx"] = int(errors.group(1)) if errors else 0
    return found


@contextmanager
def _database(postgres: str | None, tmp: Path) -> Iterator[str]:
    """A fresh database URL: a DuckDB file, or a new PostgreSQL database dropped afterwards."""
    if not postgres:
        yield f"duckdb:///{tmp / 'bench.duckdb'}"
        return
    import psycopg

    name = f"tangkas_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
        try:
            yield postgres.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--postgres", help="admin URL: run on a fresh PostgreSQL database instead of DuckDB")
    parser.add_argument("--workers", type=int, default=1, help="server processes (PostgreSQL only)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, _database(args.postgres, Path(tmp)) as url:
        with open_store(url) as store:
            load_demo(store)
            key = create_key(store, "analyst").secret
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tangkas",
                "serve",
                "--port",
                str(port),
                "--db",
                url,
                "--workers",
                str(args.workers),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/health", timeout=2)
                    break
                except OSError:
                    assert time.monotonic() < deadline, "server did not start"
                    time.sleep(0.3)
            for name, path in ENDPOINTS.items():
                warm = urllib.request.Request(base + path, headers={"X-API-Key": key})
                for _ in range(4 * args.workers):  # every worker process builds its caches once
                    urllib.request.urlopen(warm, timeout=120).read()
                command = [
                    "wrk",
                    "-t2",
                    f"-c{args.connections}",
                    f"-d{args.seconds}s",
                    "--timeout",
                    "10s",
                    "--latency",
                    "-H",
                    f"X-API-Key: {key}",
                    base + path,
                ]
                output = subprocess.run(
                    command, capture_output=True, text=True, check=True, timeout=args.seconds + 60
                ).stdout
                print(
                    json.dumps(
                        {
                            "bench": f"api_{name}",
                            "backend": "postgres" if args.postgres else "duckdb",
                            "workers": args.workers,
                            "connections": args.connections,
                            "seconds": args.seconds,
                            **_percentiles(output),
                        }
                    ),
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
