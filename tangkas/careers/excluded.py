"""Occupations never recommended in Indonesia: unlawful work (gambling) and work that does not exist
there (snow clearing, ski instruction), listed as data with the reason in
``tangkas/data/excluded_occupations.csv``.

They stay in the taxonomy, so a worker's past job can still be one (a migrant worker back from a
casino in Macau); they are never a move, a plan's target or a suggested reading of a CV.

>>> why = excluded_occupations()["http://data.europa.eu/esco/occupation/961cbd1f-2a9b-4756-b227-67a1c23c94b6"]
>>> why.code, why.kind, why.reason("id")
('4212.3', 'gambling', 'perjudian dilarang di Indonesia')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np

from tangkas.loading import load_once
from tangkas.models import Lang
from tangkas.taxonomy import DATA_DIR, load_taxonomy

EXCLUDED = DATA_DIR / "excluded_occupations.csv"


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Why an occupation is never recommended: ``kind`` (``gambling``, ``not-in-indonesia``), the reason
    in both languages and the law, where one applies."""

    code: str
    kind: str
    reason_id: str
    reason_en: str
    law: str

    def reason(self, lang: Lang = "id") -> str:
        return self.reason_id if lang == "id" else self.reason_en


@load_once
def excluded_occupations() -> dict[str, Exclusion]:
    """Occupation URI -> why it is never recommended."""
    with EXCLUDED.open(encoding="utf-8", newline="") as handle:
        return {
            row["uri"]: Exclusion(row["code"], row["kind"], row["reason_id"], row["reason_en"], row["law"])
            for row in csv.DictReader(handle)
        }


@load_once
def excluded_mask() -> np.ndarray:
    """True for the excluded occupations, in taxonomy row order."""
    tax = load_taxonomy()
    mask = np.zeros(len(tax.occupations), dtype=bool)
    for uri in excluded_occupations():
        mask[tax.occupation_index[uri]] = True
    mask.setflags(write=False)
    return mask


def is_excluded(uri: str) -> bool:
    """Whether the occupation is never recommended."""
    return uri in excluded_occupations()
