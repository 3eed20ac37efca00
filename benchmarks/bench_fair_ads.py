"""Speed of the job-ad checker on real ads, one core, and the share of ads with each category flagged.

Reads the Loker.id 2025 feed (title and full description of 2,229 ads) from ``../shared/jobs``, checks every
ad three times through the library (:func:`tangkas.fairness.ads.check_ad`) and prints one JSON line: ads
per second (best of three) and the share of ads flagged per category (unlawful or needing a reason).
Usage: python benchmarks/bench_fair_ads.py [FILE]
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

from tangkas.fairness.ads import EVALUATED, check_ad

FEED = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "jobs"
    / "lokerid-2025"
    / "lokerid_job_postings_processed.csv"
)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else FEED
    if not path.is_file():
        print(json.dumps({"bench": "fair_ads", "skipped": f"no file {path}"}))
        return
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8") as handle:
        ads = [(row["Title"], row["Description"]) for row in csv.DictReader(handle)]
    check_ad("warm", "up")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        checks = [check_ad(title, text) for title, text in ads]
        best = min(best, time.perf_counter() - start)
    flagged = Counter(category for check in checks for category in check.flagged)
    print(
        json.dumps(
            {
                "bench": "fair_ads",
                "ads": len(ads),
                "mean_chars": round(sum(len(t) + len(x) for t, x in ads) / len(ads)),
                "ads_per_s": round(len(ads) / best),
                "share_flagged": {c: round(flagged[c] / len(ads), 4) for c in EVALUATED},
            }
        )
    )


if __name__ == "__main__":
    main()
