"""Build tangkas/data/youth/digital_skills.parquet and digital_occupations.parquet from ESCO 1.1.1.

* ``digital_skills``: every skill of ESCO's digital skills collection (``digitalSkillsCollection_en.csv``)
  or DigComp collection (``digCompSkillsCollection_en.csv``), which collection(s) it is in, and in how many
  digital occupations it is essential (``occupations``).
* ``digital_occupations``: every ESCO occupation with essential skills, their number (``essential``),
  how many are digital (``digital_essential``), the share, and ``digital``: the rule of
  :data:`SHARE` and :data:`MIN_DIGITAL` (see docs/youth.md for what the rule and its alternatives select).

Usage: python scripts/build_digital.py [--shared ../shared] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
SHARE = 0.3
"""An occupation is digital when at least this share of its essential skills are digital ..."""
MIN_DIGITAL = 3
"""... and at least this many (one digital skill of three is not a digital occupation)."""
COLLECTIONS = {"digital": "digitalSkillsCollection_en.csv", "digcomp": "digCompSkillsCollection_en.csv"}


def _uris(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {row["conceptUri"] for row in csv.DictReader(handle)}


def _essential(path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["relationType"] == "essential":
                found[row["occupationUri"]].add(row["skillUri"])
    return found


def is_digital(essential: int, digital: int) -> bool:
    """The rule.

    >>> is_digital(24, 14), is_digital(3, 1), is_digital(18, 0), is_digital(10, 3)
    (True, False, False, True)
    """
    return digital >= MIN_DIGITAL and digital >= SHARE * essential


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "tangkas" / "data" / "youth")
    args = parser.parse_args()
    esco = args.shared / "data" / "esco-1.1.1"
    members = {name: _uris(esco / file) for name, file in COLLECTIONS.items()}
    digital_uris = members["digital"] | members["digcomp"]
    essential = _essential(esco / "occupationSkillRelations.csv")
    rows = []
    for occupation in sorted(essential):
        skills = essential[occupation]
        n_digital = len(skills & digital_uris)
        rows.append((occupation, len(skills), n_digital, is_digital(len(skills), n_digital)))
    common = Counter(s for occ, _, _, dig in rows if dig for s in essential[occ] & digital_uris)
    args.out.mkdir(parents=True, exist_ok=True)
    occupations = pa.table(
        {
            "occupation_uri": [r[0] for r in rows],
            "essential": pa.array([r[1] for r in rows], pa.int16()),
            "digital_essential": pa.array([r[2] for r in rows], pa.int16()),
            "digital": [r[3] for r in rows],
        }
    )
    pq.write_table(occupations, args.out / "digital_occupations.parquet", compression="zstd")
    skills = sorted(digital_uris)
    pq.write_table(
        pa.table(
            {
                "skill_uri": skills,
                "digital": [s in members["digital"] for s in skills],
                "digcomp": [s in members["digcomp"] for s in skills],
                "occupations": pa.array([common[s] for s in skills], pa.int32()),
            }
        ),
        args.out / "digital_skills.parquet",
        compression="zstd",
    )
    chosen = sum(r[3] for r in rows)
    print(f"{chosen} digital occupations of {len(rows)}; {len(skills)} digital skills -> {args.out}")


if __name__ == "__main__":
    main()
