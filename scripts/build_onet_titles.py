"""Build tangkas/data/onet_titles.parquet: O*NET 29.2 titles and alternate titles -> O*NET-SOC codes.

Titles are stored cleaned the way ``tangkas.reading.titles.clean_title`` cleans a query, so that
``code_title`` can look a cleaned job title up exactly and reach ESCO occupations through the
O*NET-ESCO crosswalk already shipped in ``esco_onet.parquet``. O*NET data: CC BY 4.0 (USDOL/ETA).

Usage: python scripts/build_onet_titles.py [--shared ../shared] [--out tangkas/data/onet_titles.parquet]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.reading.titles import clean_title  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "tangkas" / "data" / "onet_titles.parquet")
    args = parser.parse_args()
    frame = pd.read_csv(args.shared / "data" / "onet-29.2" / "Alternate Titles.txt", sep="\t", dtype=str)
    pairs = set(zip(frame["Alternate Title"], frame["O*NET-SOC Code"], strict=True))
    pairs |= set(zip(frame["Title"], frame["O*NET-SOC Code"], strict=True))
    rows = sorted({(clean_title(title), soc) for title, soc in pairs if isinstance(title, str)})
    rows = [(title, soc) for title, soc in rows if title]
    table = pa.table({"title": pa.array([t for t, _ in rows]), "soc": pa.array([s for _, s in rows])})
    pq.write_table(table, args.out, compression="zstd", write_statistics=False)
    print(f"{len(rows)} title -> SOC rows -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
