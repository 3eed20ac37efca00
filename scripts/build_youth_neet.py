"""Build tangkas/data/indicators/youth_neet.csv: the NEET rate of 15-24 year olds, with sources.

Takes from ../shared/data/indicators-id/indicators.csv every ``youth_neet_rate_*`` row: Indonesia by sex
and urban/rural (Aug 2023), the 15-19 and 20-24 bands, the national series points (2015, 2024) and the
provinces the source gives (2024, partial). Columns are kept as they are (source URLs and notes
included), with ``code`` in front: the BPS province code (empty for Indonesia and its urban or rural
part), as in ``coverage_national.csv``.

Usage: python scripts/build_youth_neet.py [--shared ../shared] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from build_coverage_national import code

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "youth_neet_rate_"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "tangkas" / "data" / "indicators" / "youth_neet.csv"
    )
    args = parser.parse_args()
    with (args.shared / "data" / "indicators-id" / "indicators.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or ()), list(reader)
    chosen = [r for r in rows if r["indicator"].startswith(PREFIX)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["code", *columns], lineterminator="\n")
        writer.writeheader()
        writer.writerows({"code": code(r["geography"]), **r} for r in chosen)
    print(f"{len(chosen)} rows -> {args.out}")


if __name__ == "__main__":
    main()
