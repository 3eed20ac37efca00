"""Build tangkas/data/indicators/labour_by_sex.csv: Indonesia's labour-force figures by sex, with sources.

Takes from ../shared/data/indicators-id/indicators.csv the rows for Indonesia that have a figure for men
and for women (labour-force participation, open unemployment, youth NEET), with the total of the same
indicator and period beside them, and keeps every column as it is (the source URLs and notes included).
The file has no provincial figures by sex, so none are shipped.

Usage: python scripts/build_labour_by_sex.py [--shared ../shared] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INDICATORS = (
    "labour_force_participation_rate",
    "open_unemployment_rate",
    "youth_neet_rate_15_24",
)
"""Indicators of Indonesia's own survey (BPS Sakernas) that put workers' figures by gender in context."""


def select(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The Indonesian rows of :data:`INDICATORS` for periods that have both sexes, totals kept beside."""
    ours = [r for r in rows if r["indicator"] in INDICATORS and r["geography"] == "Indonesia"]
    both = {
        (r["indicator"], r["period"])
        for r in ours
        if {"male", "female"}
        <= {o["sex"] for o in ours if (o["indicator"], o["period"]) == (r["indicator"], r["period"])}
    }
    order = {"male": 0, "female": 1, "total": 2}
    chosen = [r for r in ours if (r["indicator"], r["period"]) in both]
    return sorted(chosen, key=lambda r: (INDICATORS.index(r["indicator"]), r["period"], order[r["sex"]]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "tangkas" / "data" / "indicators" / "labour_by_sex.csv"
    )
    args = parser.parse_args()
    with (args.shared / "data" / "indicators-id" / "indicators.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or ()), list(reader)
    chosen = select(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(chosen)
    print(f"{len(chosen)} rows -> {args.out}")


if __name__ == "__main__":
    main()
