"""A small hand-built set of job ads, each with a known finding, stored through the import (which checks
them), and ads stating pay for the one-sex pay comparison: shared by the prevalence, API and
analyst-page tests."""

from __future__ import annotations

from typing import Any

from tangkas.services.imports import import_rows
from tangkas.store import Store

CASHIER = "http://data.europa.eu/esco/occupation/2b871272-bd61-4206-bd1a-0b96d7023098"
TAXI = "http://data.europa.eu/esco/occupation/6f7c1e84-8162-4c20-a575-b57ff624eef5"
DEVELOPER = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
OCCUPATION = {"5230": CASHIER, "8322": TAXI, "2512": DEVELOPER}
ADS = [
    # province, ISCO, posted, source, text -> what the checker finds
    ("32", "5230", "2025-01-05", "a", "Wanita, usia maks. 25 tahun"),  # sex (women), age
    ("32", "5230", "2025-01-20", "a", "Pria/Wanita"),  # both sexes: nothing
    ("32", "8322", "2025-02-01", "a", "Pria"),  # sex (men)
    ("31", "8322", "2025-02-02", "b", "Berpenampilan menarik"),  # appearance
    ("31", "2512", "2025-02-03", "b", "Pengalaman 2 tahun"),  # nothing
    ("31", None, None, "b", "Belum menikah"),  # marital
    (None, "5230", "2025-03-01", "b", "Wanita"),  # sex (women)
]


def store_ads(store: Store) -> None:
    rows: list[dict[str, Any]] = []
    for i, (province, isco, posted, source, text) in enumerate(ADS):
        row = {
            "source": source,
            "external_id": str(i),
            "title": "Lowongan",
            "text": f"Kualifikasi:\n- {text}",
        }
        row |= {"province_code": province, "posted_date": posted}
        row |= {"isco": isco, "occupation_uri": OCCUPATION[isco]} if isco else {}
        rows.append({k: v for k, v in row.items() if v is not None})
    assert import_rows(store, "postings", rows, "test").inserted == len(ADS)


def _pay_ad(i: int, isco: str, text: str, low: int | None, high: int | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"source": "pay", "external_id": str(i), "title": "Lowongan", "text": text}
    row["isco"] = isco
    row |= {"occupation_uri": OCCUPATION[isco], "salary_min": low, "salary_max": high}
    return {k: v for k, v in row.items() if v is not None}


def store_pay_ads(store: Store) -> None:
    millions = 1_000_000
    rows = [_pay_ad(i, "5230", "Wanita", int(pay * millions)) for i, pay in enumerate((3.0, 3.2, 3.4, 3.6))]
    rows.append(_pay_ad(4, "5230", "Pria", int(3.8 * millions)))  # one-sex: 5 ads, median 3.4 million
    rows += [
        _pay_ad(5 + i, "5230", "Pria/Wanita", int(pay * millions)) for i, pay in enumerate((4.0, 4.2, 4.4))
    ]
    rows.append(_pay_ad(8, "5230", "Pengalaman 1 tahun", None, 4_600_000))  # only a maximum: 4.6 million
    rows.append(_pay_ad(9, "5230", "Jujur", 4_000_000, 6_000_000))  # a range: its middle, 5.0 million
    rows.append(_pay_ad(10, "5230", "Teliti", None))  # no pay: not counted
    rows += [_pay_ad(11 + i, "8322", "Pria", 5_000_000) for i in range(4)]  # one-sex: only 4 ads
    rows += [_pay_ad(15 + i, "8322", "Sopir", 6_000_000) for i in range(6)]
    assert import_rows(store, "postings", rows, "test").inserted == len(rows)
