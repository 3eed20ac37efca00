"""A lost database under load: 50 clients on PostgreSQL while every connection of the server is killed.

Starts ``tangkas serve`` on a fresh PostgreSQL database holding the demo data. 50 client threads read
(postings, worker statistics) and register workers (one row per request, each with its own id) for
``--seconds``; a third of the way in, ``pg_terminate_backend`` kills every connection the server holds
(``--kills`` times, a few seconds apart). Afterwards every registration answered 200 must be stored and
every request must have been answered 200 or 503 (with ``Retry-After``): nothing else, nothing lost.

Prints one JSON line: answers by status, registrations answered 200 and stored, lost (200 but not
stored), stored after a 503, the first and last 503 relative to the kill, and whether every request
after recovery succeeded. Needs PostgreSQL (``--postgres``, default ``$TANGKAS_TEST_POSTGRES`` or
127.0.0.1): without it the line says why it was skipped.
Usage: python benchmarks/bench_outage.py [--seconds 30] [--clients 50] [--kills 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench_api import _database, _free_port

from tangkas.services.demo import load_demo
from tangkas.store import open_store
from tangkas.store.keys import create_key

POSTGRES = os.environ.get("TANGKAS_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
SOURCE = "bench-outage"
READS = ("/api/postings?limit=5", "/api/stats/workers?by=gender", "/api/health")


@dataclass
class Answers:
    """What the clients saw: (seconds since start, status) per request, and registrations by outcome."""

    seen: list[tuple[float, int]] = field(default_factory=list)
    registered: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    missing_retry_after: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _call(base: str, key: str, path: str, body: dict[str, object] | None) -> tuple[int, str | None]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"X-API-Key": key, "Content-Type": "application/json"}
    request = urllib.request.Request(base + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            answer.read()
            return answer.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After")
    except OSError:
        return 0, None  # no answer at all: counted as lost


def _client(n: int, base: str, key: str, until: float, start: float, answers: Answers) -> None:
    i = 0
    while time.monotonic() < until:
        i += 1
        if i % 3 == 0:
            external_id = f"c{n}-{i}-{uuid.uuid4().hex[:6]}"
            row = {"source": SOURCE, "external_id": external_id, "office_code": "DEMO-BDG"}
            row["full_name"] = "Uji Beban"
            status, retry = _call(base, key, "/api/workers", {"rows": [row]})
        else:
            external_id = ""
            status, retry = _call(base, key, READS[i % len(READS)], None)
        with answers.lock:
            answers.seen.append((time.monotonic() - start, status))
            if status == 503 and retry is None:
                answers.missing_retry_after += 1
            if external_id:
                (answers.registered if status == 200 else answers.refused).append(external_id)


def _kill(admin: str, database: str) -> int:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        ).fetchall()
    return len(rows)


def _serve(url: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tangkas", "serve", "--port", str(port), "--db", url]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(base: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/health", timeout=2)
            return
        except OSError:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.3)


def run(admin: str, seconds: int, clients: int, kills: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp, _database(admin, Path(tmp)) as url:
        with open_store(url) as store:
            load_demo(store, postings=2_000, workers=400)
            key = create_key(store, "admin").secret
        port = _free_port()
        server = _serve(url, port)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(base)
            answers = Answers()
            start = time.monotonic()
            until = start + seconds
            work = [(n, base, key, until, start, answers) for n in range(clients)]
            threads = [threading.Thread(target=_client, args=args) for args in work]
            for thread in threads:
                thread.start()
            kill_times, killed = [], 0
            time.sleep(seconds / 3)
            for _ in range(kills):
                kill_times.append(time.monotonic() - start)
                killed += _kill(admin, url.rsplit("/", 1)[1])
                time.sleep(3)
            for thread in threads:
                thread.join()
            with open_store(url) as store, store.lock:
                rows = store.backend.query("SELECT external_id FROM workers WHERE source = ?", (SOURCE,))
                stored = {row["external_id"] for row in rows}
        finally:
            server.terminate()
            server.wait(timeout=30)
    statuses = Counter(status for _, status in answers.seen)
    unavailable = [t for t, status in answers.seen if status == 503]
    last_outage = max(unavailable, default=kill_times[-1] if kill_times else 0.0)
    after = [status for t, status in answers.seen if t > last_outage]
    return {
        "bench": "api_database_outage",
        "backend": "postgres",
        "clients": clients,
        "seconds": seconds,
        "kills": kills,
        "connections_killed": killed,
        "requests": len(answers.seen),
        "answers": {str(k): v for k, v in sorted(statuses.items())},
        "registered_200": len(answers.registered),
        "lost": len(set(answers.registered) - stored),
        "stored_after_503": len(set(answers.refused) & stored),
        "unexpected": sum(v for k, v in statuses.items() if k not in (200, 503)),
        "missing_retry_after": answers.missing_retry_after,
        "first_503_after_kill_s": round(min(unavailable) - kill_times[0], 3) if unavailable else None,
        "last_503_after_first_kill_s": round(last_outage - kill_times[0], 3) if unavailable else None,
        "all_ok_after_recovery": all(status == 200 for status in after),
        "requests_after_recovery": len(after),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--kills", type=int, default=1)
    parser.add_argument("--postgres", default=POSTGRES, help="admin URL of a PostgreSQL server")
    args = parser.parse_args()
    try:
        import psycopg

        psycopg.connect(args.postgres, connect_timeout=3).close()
    except Exception as error:
        print(json.dumps({"bench": "api_database_outage", "skipped": f"PostgreSQL unreachable: {error}"}))
        return
    print(json.dumps(run(args.postgres, args.seconds, args.clients, args.kills)), flush=True)


if __name__ == "__main__":
    main()
