"""Build tangkas/data/indicators/coverage_national.csv: national social-protection figures, with sources.

Takes from ../shared/data/indicators-id/indicators.csv the rows that put the coverage indicators in
context: BPJS Ketenagakerjaan participants (registered, active, non-active; nationally and the provinces
given), BPJS Ketenagakerjaan PMI participants and their split by destination, BP2MI placements of PMI
(national totals and by destination, full year 2023), JKN (BPJS Kesehatan) participants and coverage, and
the employed population. Every column is kept as it is (source URLs and notes included); one column is
added in front, ``code``: the BPS province code or ISO 3166-1 alpha-2 country code of the geography
(empty for Indonesia and for groups of people).

Usage: python scripts/build_coverage_national.py [--shared ../shared] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from tangkas.countries import countries
from tangkas.errors import UnknownConceptError
from tangkas.provinces import province

ROOT = Path(__file__).resolve().parents[1]
INDICATORS = (
    "bpjs_tk_participants_total",
    "bpjs_tk_participants_active",
    "bpjs_tk_participants_nonactive",
    "bpjs_tk_pmi_participants",
    "bpjs_tk_pmi_participants_share_by_destination",
    "pmi_placements",
    "pmi_placements_by_destination",
    "jkn_participants",
    "jkn_coverage",
    "employed",
)
ALIASES = {"Turkey": "TR"}
"""Countries the reference file names otherwise than ISO 3166-1's English short name (Türkiye)."""
FULL_YEAR = "2023"
"""Placements by destination are shipped for the last full year the reference file has."""


def code(geography: str) -> str:
    """The province or country code of a geography, ``""`` for Indonesia and groups of people.

    >>> code("Jawa Barat"), code("South Korea"), code("Indonesia"), code("Indonesian migrant workers")
    ('32', 'KR', '', '')
    """
    if geography == "Indonesia":
        return ""
    by_name = {c.name_en: c.code for c in countries().values()} | ALIASES
    if geography in by_name:
        return by_name[geography]
    try:
        return province(geography).code
    except UnknownConceptError:
        return ""


def select(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows of :data:`INDICATORS` (placements by destination: :data:`FULL_YEAR` only), in order."""
    chosen = [
        r
        for r in rows
        if r["indicator"] in INDICATORS
        and (r["indicator"] != "pmi_placements_by_destination" or r["period"] == FULL_YEAR)
        and (r["indicator"] != "pmi_placements" or r["sex"] == "total")
    ]
    return sorted(chosen, key=lambda r: INDICATORS.index(r["indicator"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "tangkas" / "data" / "indicators" / "coverage_national.csv"
    )
    args = parser.parse_args()
    with (args.shared / "data" / "indicators-id" / "indicators.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or ()), list(reader)
    chosen = select(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["code", *columns], lineterminator="\n")
        writer.writeheader()
        writer.writerows({"code": code(r["geography"]), **r} for r in chosen)
    print(f"{len(chosen)} rows -> {args.out}")


if __name__ == "__main__":
    main()
