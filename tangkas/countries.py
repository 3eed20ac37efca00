"""The countries of ISO 3166-1 as data: alpha-2 codes with English and Indonesian names.

Shipped as ``tangkas/data/countries.csv`` (built by ``scripts/build_countries.py`` from the Debian
iso-codes tables; see NOTICE). A PMI placement names its destination by code.

>>> country("tw").label("id"), country("KR").label("en"), country("MY").label("id")
('Taiwan', 'South Korea', 'Malaysia')
>>> len(country_codes()), "XX" in country_codes()
(249, False)
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from tangkas.errors import UnknownConceptError
from tangkas.loading import load_once

COUNTRY_RULE = "an ISO 3166-1 alpha-2 country code in capitals (MY, TW, HK, SG, KR, JP, SA ...)"
"""What a country field accepts, for an error message (the list itself has 249 codes)."""


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name_en: str
    name_id: str

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id


@load_once
def countries() -> dict[str, Country]:
    """Every country by its alpha-2 code."""
    text = (resources.files("tangkas") / "data" / "countries.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return {r["code"]: Country(r["code"], r["name_en"], r["name_id"]) for r in rows}


def country_codes() -> frozenset[str]:
    return frozenset(countries())


def country(code: str) -> Country:
    """A country by its alpha-2 code (any letter case); raises UnknownConceptError for another code."""
    found = countries().get(code.strip().upper())
    if found is None:
        raise UnknownConceptError("country", code)
    return found
