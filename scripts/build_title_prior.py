"""Build tangkas/data/occupation_demand.parquet: how often each ESCO occupation is advertised.

Job titles of the real Indonesian and ASEAN vacancy snapshots in ../shared/jobs (Loker.id 2025,
Jobstreet 2022, Jobstreet/Glints 2020, Dealls/Kalibrr 2024) are coded with ``tangkas.reading.titles`` without
any prior, and each title votes for its top occupation. The shipped table holds only counts per
occupation URI (no ad text). ``code_title`` adds ``log1p(count)`` times a small weight: between two
equally similar occupations, the one that is actually advertised wins ("sales assistant" over
"auctioneer" for "Sale Assistant").

Usage: python scripts/build_title_prior.py [--shared ../shared] [--out tangkas/data/occupation_demand.parquet]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_embeddings import Cache  # noqa: E402

from tangkas.reading import titles  # noqa: E402
from tangkas.taxonomy import load_taxonomy  # noqa: E402
from tangkas.text.normalize import normalize  # noqa: E402

SOURCES = {
    "lokerid-2025/lokerid_job_postings_processed.csv": "Title",
    "jobstreet-id-2022/jobstreet_indonesia_target_roles_5000.csv": "title",
    "jobstreet-glints-2020/data_master_16oct.csv": "job_position",
    "jobstreet-glints-2020/data_loker_glints_16oct.csv": "job_position",
    "dealls-kalibrr-2024/dealls.csv": "job_title",
    "dealls-kalibrr-2024/kalibrr.csv": "job_title",
}
BATCH = 512


def ad_titles(shared: Path) -> list[str]:
    found: list[str] = []
    for name, column in SOURCES.items():
        frame = pd.read_csv(shared / "jobs" / name, usecols=[column])
        found += [str(t) for t in frame[column].dropna()]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "tangkas" / "data" / "occupation_demand.parquet")
    args = parser.parse_args()
    raw = ad_titles(args.shared)
    cleaned = [titles.clean_title(t) or normalize(t) for t in raw]
    cleaned = [c for c in cleaned if c]
    distinct = sorted(set(cleaned))
    print(f"{len(raw)} ad titles, {len(distinct)} distinct cleaned", file=sys.stderr)
    vectors = Cache(ROOT / "build" / "embeddings-cache").embed(distinct)
    votes: Counter[str] = Counter()
    occupations = load_taxonomy().occupations
    weight = Counter(cleaned)
    for start in range(0, len(distinct), BATCH):
        batch = distinct[start : start + BATCH]
        scores = titles.combine_scores(vectors[start : start + BATCH], batch, prior=False)
        for title, row in zip(batch, np.argmax(scores, axis=1), strict=True):
            votes[occupations[int(row)].uri] += weight[title]
    uris = sorted(votes)
    table = pa.table({"uri": pa.array(uris), "ads": pa.array([votes[u] for u in uris], pa.int32())})
    pq.write_table(table, args.out, compression="zstd", write_statistics=False)
    print(f"{len(uris)} occupations with ads -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
