"""The job-ad checker: speed on real ads (one core), the share of ads with each ground in every real
feed, and the API's latency for a 5,000-character ad.

Reads the feeds under ``../shared/jobs``: Loker.id 2025 (title and full text), Jobstreet Indonesia 2022
(title and a 150-character snippet), and the title-only feeds (Jobstreet and Glints 2020, Dealls and
Kalibrr 2024). Prints one JSON line per measurement:

- ``fair_ads_speed``: ads per second through :func:`tangkas.fairness.ads.check_ad` (best of three);
- ``fair_ads_feed``: per feed, the share of ads flagged per ground (unlawful or needing a reason) and
  on any ground, beside Ningrum et al.'s shares for 8,969 Central Java ads (PLOS ONE 2020);
- ``fair_ads_api``: p50/p95/p99 of ``POST /api/ads/check`` with a 5,000-character ad, one client on
  loopback with keep-alive, against ``tangkas serve`` on a fresh DuckDB store.

Usage: python benchmarks/bench_fair_ads.py [--requests 1000] [--no-api]
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from tangkas.fairness.ads import EVALUATED, check_ad
from tangkas.store import open_store
from tangkas.store.keys import create_key

JOBS = Path(__file__).resolve().parents[2] / "shared" / "jobs"
FEEDS = {
    "lokerid-2025 (full text)": ("lokerid-2025/lokerid_job_postings_processed.csv", "Title", "Description"),
    "jobstreet-id-2022 (snippet)": (
        "jobstreet-id-2022/jobstreet_indonesia_target_roles_5000.csv",
        "title",
        "description",
    ),
    "jobstreet+glints-2020 (title)": ("jobstreet-glints-2020/data_master_16oct.csv", "job_position", ""),
    "dealls-2024 (title)": ("dealls-kalibrr-2024/dealls.csv", "job_title", ""),
    "kalibrr-2024 (title)": ("dealls-kalibrr-2024/kalibrr.csv", "job_title", ""),
}
NINGRUM = {"age": 0.6627, "sex": 0.3876, "appearance": 0.1842}
"""Shares in Ningrum et al. (2020), 8,969 Central Java ads, 2005-2017."""


def _ads(path: str, title: str, text: str) -> list[tuple[str, str]]:
    with (JOBS / path).open(encoding="utf-8") as handle:
        return [(row[title], row[text] if text else "") for row in csv.DictReader(handle)]


def speed(ads: list[tuple[str, str]]) -> dict[str, object]:
    check_ad("warm", "up")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for title, text in ads:
            check_ad(title, text)
        best = min(best, time.perf_counter() - start)
    mean = round(sum(len(t) + len(x) for t, x in ads) / len(ads))
    return {
        "bench": "fair_ads_speed",
        "ads": len(ads),
        "mean_chars": mean,
        "ads_per_s": round(len(ads) / best),
    }


def feed(name: str, ads: list[tuple[str, str]]) -> dict[str, object]:
    checks = [check_ad(title, text) for title, text in ads]
    flagged = Counter(ground for check in checks for ground in check.flagged)
    one_sex = Counter(check.one_sex for check in checks if check.one_sex)
    return {
        "bench": "fair_ads_feed",
        "feed": name,
        "ads": len(ads),
        "share": {g: round(flagged[g] / len(ads), 4) for g in EVALUATED},
        "any": round(sum(bool(c.flagged) for c in checks) / len(ads), 4),
        "one_sex": dict(one_sex),
        "ningrum_2020": NINGRUM,
    }


def api(ad: str, requests: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"duckdb:///{Path(tmp) / 'bench.duckdb'}"
        with open_store(url) as store:
            store.migrate()
            key = create_key(store, "analyst").secret
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "tangkas", "serve", "--port", str(port), "--db", url],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait(f"http://127.0.0.1:{port}/api/health")
            body = json.dumps({"title": "Admin Gudang", "text": ad})
            headers = {"X-API-Key": key, "Content-Type": "application/json"}
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            times = []
            for i in range(requests + 50):
                start = time.perf_counter()
                connection.request("POST", "/api/ads/check", body, headers)
                answer = connection.getresponse()
                answer.read()
                assert answer.status == 200, answer.status
                if i >= 50:  # the first requests warm the server
                    times.append((time.perf_counter() - start) * 1000)
            cuts = statistics.quantiles(times, n=100)
            return {
                "bench": "fair_ads_api",
                "chars": len(ad),
                "requests": requests,
                "p50_ms": round(cuts[49], 2),
                "p95_ms": round(cuts[94], 2),
                "p99_ms": round(cuts[98], 2),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--no-api", action="store_true")
    args = parser.parse_args()
    if not JOBS.is_dir():
        print(json.dumps({"bench": "fair_ads", "skipped": f"no folder {JOBS}"}))
        return
    csv.field_size_limit(10**8)
    feeds = {name: _ads(*columns) for name, columns in FEEDS.items()}
    loker = feeds["lokerid-2025 (full text)"]
    print(json.dumps(speed(loker)), flush=True)
    for name, ads in feeds.items():
        print(json.dumps(feed(name, ads)), flush=True)
    if not args.no_api:
        # A real 5,000-character ad: the longest Loker.id texts, joined and cut at 5,000.
        longest = sorted((text for _, text in loker), key=len, reverse=True)
        print(json.dumps(api("\n\n".join(longest[:4])[:5000], args.requests)), flush=True)


if __name__ == "__main__":
    main()
