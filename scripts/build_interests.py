"""Build tangkas/data/youth/onet_interests.parquet: O*NET 29.2 occupational interests and job zones.

One row per O*NET-SOC code that has interest ratings: its title, the six RIASEC "Occupational
Interests" ratings (Interests.txt, scale OI, 1-7) and its job zone (Job Zones.txt, 1-5; null where O*NET
gives none). The interest profiler (``tangkas.youth.matching``) correlates a person's six area scores
with these ratings. O*NET data: CC BY 4.0 (USDOL/ETA).

Usage: python scripts/build_interests.py [--shared ../shared] [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
AREAS = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")


def interests(onet: Path) -> pd.DataFrame:
    """The OI ratings, one column per area (lower-case names), indexed by O*NET-SOC code."""
    frame = pd.read_csv(onet / "Interests.txt", sep="\t", dtype={"O*NET-SOC Code": str})
    frame = frame[(frame["Scale ID"] == "OI") & frame["Element Name"].isin(AREAS)]
    wide = frame.pivot(index="O*NET-SOC Code", columns="Element Name", values="Data Value")[list(AREAS)]
    wide.columns = [area.lower() for area in AREAS]
    titles = frame.drop_duplicates("O*NET-SOC Code").set_index("O*NET-SOC Code")["Title"]
    return wide.dropna().join(titles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "tangkas" / "data" / "youth" / "onet_interests.parquet"
    )
    args = parser.parse_args()
    onet = args.shared / "data" / "onet-29.2"
    wide = interests(onet)
    zones = pd.read_csv(onet / "Job Zones.txt", sep="\t", dtype={"O*NET-SOC Code": str})
    zone_of = dict(zip(zones["O*NET-SOC Code"], zones["Job Zone"], strict=True))
    codes = sorted(wide.index)
    columns: dict[str, pa.Array] = {
        "soc": pa.array(codes),
        "title": pa.array([wide.at[c, "Title"] for c in codes]),
    }
    for area in AREAS:
        columns[area.lower()] = pa.array([float(wide.at[c, area.lower()]) for c in codes], pa.float32())
    columns["job_zone"] = pa.array([zone_of.get(c) for c in codes], pa.int8())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), args.out, compression="zstd", write_statistics=False)
    missing = sum(c not in zone_of for c in codes)
    print(
        f"{len(codes)} O*NET codes with interest ratings ({missing} without a job zone) -> {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
