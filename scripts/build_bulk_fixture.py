"""Build tests/data/market/bulk_postings.parquet: real feed rows for the bulk coding tests.

From five real feeds in ../shared/jobs (read by the feed adapters, written in the ``tangkas`` feed
format), chosen deterministically in feed order: the first ads with a generic title (whose work domain
comes from the ad's text), the first titles that occur three times or more (three ads each), then
every k-th ad up to the feed's quota. Loker.id brings full texts, Jobstreet 2022 snippets, Glints skill
tags, Jobstreet 2020 and Dealls titles only. Test data only: the ads belong to their employers.

Usage: python scripts/build_bulk_fixture.py [--shared ../shared] [--out FILE]
(default FILE: tests/data/market/bulk_postings.parquet)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.market.feeds import parse_feed, write_postings  # noqa: E402
from tangkas.market.postings import Posting  # noqa: E402
from tangkas.reading.title_words import generic_title  # noqa: E402

FEEDS = {
    "lokerid-2025/lokerid_job_postings_processed.csv": (120, 25, 15),
    "jobstreet-glints-2020/data_master_16oct.csv": (80, 8, 10),
    "jobstreet-glints-2020/data_loker_glints_16oct.csv": (40, 5, 6),
    "jobstreet-id-2022/jobstreet_indonesia_target_roles_5000.csv": (60, 5, 10),
    "dealls-kalibrr-2024/dealls.csv": (30, 5, 4),
}
"""Feed file -> (ads, generic-title ads, titles taken three times)."""
REPEATS = 3


def choose(postings: list[Posting], quota: int, generic: int, repeated: int) -> list[Posting]:
    """The generic-title ads, the repeated titles and every k-th ad, in feed order, ``quota`` in all."""
    chosen: dict[int, None] = {}
    chosen.update(dict.fromkeys([i for i, p in enumerate(postings) if generic_title(p.title)][:generic]))
    counts = Counter(p.title for p in postings)
    titles = list(dict.fromkeys(p.title for p in postings if counts[p.title] >= REPEATS))[:repeated]
    for title in titles:
        chosen.update(dict.fromkeys([i for i, p in enumerate(postings) if p.title == title][:REPEATS]))
    step = max(1, len(postings) // quota)
    for i in range(0, len(postings), step):
        if len(chosen) >= quota:
            break
        chosen[i] = None
    return [postings[i] for i in sorted(chosen)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "tests" / "data" / "market" / "bulk_postings.parquet"
    )
    args = parser.parse_args()
    rows: list[Posting] = []
    for relative, (quota, generic, repeated) in FEEDS.items():
        postings, _ = parse_feed(args.shared / "jobs" / relative)
        rows += choose(postings, quota, generic, repeated)
    print(f"{write_postings(rows, args.out)} postings -> {args.out}")


if __name__ == "__main__":
    main()
