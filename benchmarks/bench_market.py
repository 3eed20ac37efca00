"""Labour-market benchmarks (results in docs/bench/market.md).

    .venv/bin/python benchmarks/bench_market.py [--jobs ../shared/jobs] [--code-sample 300] [--n 1000000]
        [--calibrate ../shared/eval/titles-jobbert/titles.csv] [--coder default|search] [--demand-only]

1. Parsing: every real feed file in the jobs folder — rows/s, rejected rows, and the share of rows
   with a province, a city, a monthly IDR salary, a date; where the ad states pay, the share read.
2. Duplicates: within each source (same id) and across sources (title + company + place + month).
3. Coding: Loker.id end to end (read, dedupe, code titles and skills; ads/s) and, per source, the
   share of a sample of titles coded with high confidence by the installed title coder.
4. Demand aggregation over ``--n`` SYNTHETIC postings (seeded): each indicator's time.

Prints one JSON line per measurement. Real ads are read from the jobs folder only here, never by
the package.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from tangkas.market import coding, demand
from tangkas.market.feeds import FeedReport, read_postings
from tangkas.market.postings import Posting, dedupe
from tangkas.market.synthetic import synthetic_table
from tangkas.taxonomy import load_taxonomy

T = TypeVar("T")
JOBS = Path(__file__).resolve().parents[2] / "shared" / "jobs"
FEED_FILES = (
    "lokerid-2025/lokerid_job_postings_processed.csv",
    "jobstreet-glints-2020/data_master_16oct.csv",
    "jobstreet-glints-2020/data_loker_glints_16oct.csv",
    "jobstreet-id-2022/jobstreet_indonesia_target_roles_5000.csv",
    "dealls-kalibrr-2024/dealls.csv",
    "dealls-kalibrr-2024/kalibrr.csv",
)


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def emit(row: dict[str, Any]) -> None:
    print(json.dumps(row), flush=True)


def bench_parse(jobs: Path) -> dict[str, list[Posting]]:
    by_file: dict[str, list[Posting]] = {}
    for name in FEED_FILES:
        report = FeedReport("auto")
        postings, seconds = timed(lambda: list(read_postings(jobs / name, report=report)))  # noqa: B023
        by_file[name] = postings
        stated = report.postings - report.salary_status["hidden"]
        read = report.salary_status["ok"] + report.salary_status["foreign"]
        located = report.postings - report.place_kind["unknown"]
        emit(
            {
                "bench": "parse",
                "file": name,
                "feed": report.feed,
                "rows": report.rows,
                "postings": report.postings,
                "rejected": report.rejected,
                "rows_per_s": round(report.rows / seconds),
                **{
                    f"{k}_share": v
                    for k, v in report.coverage().items()
                    if k in ("province", "city", "salary", "date")
                },
                "location_resolved_share": round(located / max(report.postings, 1), 4),
                "place_kind": dict(report.place_kind),
                "salary_stated": stated,
                "salary_stated_read_share": round(read / stated, 4) if stated else None,
                "salary_status": dict(report.salary_status),
            }
        )
    return by_file


def bench_dedupe(by_file: dict[str, list[Posting]]) -> None:
    everything = [p for postings in by_file.values() for p in postings]
    within = len(list(dedupe(everything, across_sources=False)))
    across = len(list(dedupe(everything)))
    emit(
        {
            "bench": "dedupe",
            "postings": len(everything),
            "after_same_id": within,
            "after_cross_source": across,
            "cross_source_duplicates": within - across,
        }
    )


def bench_coding(
    jobs: Path, by_file: dict[str, list[Posting]], sample: int, title: coding.TitleCoding
) -> None:
    extractor = coding.default_skill_extractor()
    emit(
        {
            "bench": "coder",
            "coder": title.name,
            "min_score": title.min_score,
            "min_margin": title.min_margin,
            "skill_extractor": extractor is not None,
        }
    )

    def code(postings: Iterable[Posting], skills: bool) -> list[coding.CodedPosting]:
        return coding.code_postings(
            postings,
            title.coder,
            extractor if skills else None,
            min_score=title.min_score,
            min_margin=title.min_margin,
        )

    coded, seconds = timed(lambda: code(dedupe(read_postings(jobs / FEED_FILES[0])), True))
    with_skills = sum(1 for c in coded if c.skills)
    emit(
        {
            "bench": "ingest_and_code_lokerid",
            "coder": title.name,
            "ads": len(coded),
            "seconds": round(seconds, 1),
            "ads_per_s": round(len(coded) / seconds, 1),
            "coverage": coding.coverage(coded),
            "ads_with_skills_share": round(with_skills / max(len(coded), 1), 4),
        }
    )
    for name, postings in by_file.items():
        if name == FEED_FILES[0]:
            continue
        step = max(len(postings) // sample, 1)
        picked = postings[::step][:sample]
        result, seconds = timed(lambda: code(picked, False))  # noqa: B023
        emit(
            {
                "bench": "title_coding_sample",
                "coder": title.name,
                "file": name,
                "titles": len(picked),
                "titles_per_s": round(len(picked) / seconds, 1),
                "coverage": coding.coverage(result),
            }
        )


def bench_calibration(titles_csv: Path, n: int, title: coding.TitleCoding) -> None:
    """What "confident" buys: precision of the coder's best guess when its score or its margin over
    the runner-up passes a cut, on the titles-jobbert dev set (gold ESCO occupation per title)."""
    import csv

    import numpy as np

    with titles_csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows = rows[:: max(len(rows) // n, 1)][:n]
    isco_of = {o.uri: o.isco for o in load_taxonomy().occupations}
    guesses, seconds = timed(lambda: title.coder([r["vacancyTitle"] for r in rows]))
    found = [(g, r) for g, r in zip(guesses, rows, strict=True) if g is not None]
    score = np.array([g.score for g, _ in found])
    margin = np.array([g.margin for g, _ in found])
    right = np.array([g.occupation == r["conceptUri"] for g, r in found])
    right_isco = np.array([g.isco == isco_of.get(r["conceptUri"]) for g, r in found])
    default = (score >= title.min_score) & (margin >= title.min_margin)
    cuts = [("default", default)]
    for q in (50, 70, 80, 90):
        cuts.append((f"score>={np.percentile(score, q):.3f}", score >= np.percentile(score, q)))
        cuts.append((f"margin>={np.percentile(margin, q):.3f}", margin >= np.percentile(margin, q)))
    for label, kept in [("all", np.ones(len(found), dtype=bool)), *cuts]:
        emit(
            {
                "bench": "title_confidence",
                "coder": title.name,
                "cut": label,
                "titles": len(rows),
                "share_kept": round(float(kept.sum()) / len(rows), 4),
                "occupation_precision": round(float(right[kept].mean()), 4) if kept.any() else None,
                "isco4_precision": round(float(right_isco[kept].mean()), 4) if kept.any() else None,
                "titles_per_s": round(len(rows) / seconds, 1),
            }
        )


def bench_demand(n: int, seed: int) -> None:
    table, gen_s = timed(lambda: synthetic_table(n, seed))
    emit({"bench": "synthetic_generate", "postings": n, "seconds": round(gen_s, 2)})
    digital = demand.digital_skill_uris()
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("postings_by_province", lambda: demand.demand_by(table, "province")),
        ("postings_by_isco_month", lambda: demand.demand_by(table, ["isco", "month"])),
        ("postings_by_occupation_province", lambda: demand.demand_by(table, ["occupation", "province"])),
        ("skills_overall", lambda: demand.skill_demand(table)),
        ("skills_by_province", lambda: demand.skill_demand(table, "province")),
        (
            "skill_trends_h1_2024_vs_h2_2025",
            lambda: demand.skill_trends(table, ("2024-01", "2024-06"), ("2025-07", "2025-12")),
        ),
        ("median_pay_occupation_province", lambda: demand.median_pay(table, ["occupation", "province"])),
        ("digital_share_by_province", lambda: demand.digital_share(table, "province", digital=digital)),
    ]
    total = 0.0
    for name, step in steps:
        result, seconds = timed(step)
        total += seconds
        emit(
            {
                "bench": "demand",
                "indicator": name,
                "postings": n,
                "rows_out": result.num_rows,
                "seconds": round(seconds, 2),
            }
        )
    emit({"bench": "demand_total", "postings": n, "seconds": round(total, 2)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=Path, default=JOBS)
    parser.add_argument(
        "--code-sample", type=int, default=300, help="titles coded per other source (0: skip)"
    )
    parser.add_argument(
        "--n", type=int, default=1_000_000, help="synthetic postings for the demand benchmark"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--calibrate", type=Path, default=None, help="titles-jobbert titles.csv (dev set)")
    parser.add_argument("--calibrate-n", type=int, default=1000)
    parser.add_argument("--demand-only", action="store_true", help="only the synthetic demand benchmark")
    parser.add_argument("--coder", choices=["default", "search"], default="default")
    args = parser.parse_args()
    title = coding.default_title_coder() if args.coder == "default" else coding.search_title_coder()
    if not args.demand_only:
        by_file = bench_parse(args.jobs)
        bench_dedupe(by_file)
        if args.code_sample:
            bench_coding(args.jobs, by_file, args.code_sample, title)
        if args.calibrate:
            bench_calibration(args.calibrate, args.calibrate_n, title)
    bench_demand(args.n, args.seed)


if __name__ == "__main__":
    main()
