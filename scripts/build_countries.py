"""Build tangkas/data/countries.csv: the ISO 3166-1 alpha-2 codes with English and Indonesian names.

The codes and names come from the Debian iso-codes project through the ``pycountry`` package (LGPL-2.1;
not a dependency of Tangkas: install it in a scratch environment to run this script). English names are
the common ones where iso-codes has one ("South Korea", not "Korea, Republic of"); Indonesian names are
iso-codes' own Indonesian translations, with the few names the Indonesian government writes otherwise
(:data:`OFFICIAL_NAMES`).

Usage: python scripts/build_countries.py [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import gettext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFICIAL_NAMES = {
    "TW": ("Taiwan", "Taiwan"),
    "CN": ("China", "Tiongkok"),
    "TL": ("Timor-Leste", "Timor Leste"),
}
"""Names as the Indonesian government writes them: (English, Indonesian). Taiwan as in BP2MI's placement
tables; Tiongkok since Keppres 12/2014; Timor Leste, the independent state (iso-codes: "Timor Timur")."""


def countries() -> list[tuple[str, str, str]]:
    """``(code, English name, Indonesian name)`` for every ISO 3166-1 country, by code."""
    import pycountry

    indonesian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    rows = []
    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        english = common or country.name
        # a common name iso-codes does not translate reads the same in Indonesian (Bolivia, Iran, Laos)
        translated = indonesian.gettext(english)
        rows.append((country.alpha_2, *OFFICIAL_NAMES.get(country.alpha_2, (english, translated))))
    return sorted(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tangkas" / "data" / "countries.csv")
    args = parser.parse_args()
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("code", "name_en", "name_id"))
        writer.writerows(countries())
    print(f"{args.out}: {len(countries())} countries")


if __name__ == "__main__":
    main()
