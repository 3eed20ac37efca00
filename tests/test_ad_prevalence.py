"""Prevalence of discriminatory requirements over a small hand-built set of stored ads, on both stores:
exact counts and shares by every grouping, and the pay of one-sex ads against the rest."""

from __future__ import annotations

from typing import Any

import pytest

from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.ad_prevalence import PrevalenceGrouping, ad_prevalence, one_sex_pay
from tangkas.store.fair_ads import forget_ad_checks

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


def _store_ads(store: Store) -> None:
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


def _counts(store: Store, by: PrevalenceGrouping) -> list[tuple[Any, ...]]:
    table = ad_prevalence(store, by)
    names = [by, "ads", "sex", "age", "marital", "appearance", "any_ground", "asks_women", "asks_men"]
    return [tuple(row[n] for n in names) for row in table.to_pylist()]


def test_ad_prevalence_counts_each_ground_in_every_grouping(store: Store) -> None:
    _store_ads(store)
    assert _counts(store, "all") == [("all", 7, 3, 1, 1, 1, 5, 2, 1)]
    assert _counts(store, "province") == [
        ("31", 3, 0, 0, 1, 1, 2, 0, 0),  # most ads first; ties by code
        ("32", 3, 2, 1, 0, 0, 2, 1, 1),
        (None, 1, 1, 0, 0, 0, 1, 1, 0),  # no province: last
    ]
    assert _counts(store, "isco1") == [
        ("2", 1, 0, 0, 0, 0, 0, 0, 0),
        ("5", 3, 2, 1, 0, 0, 2, 2, 0),
        ("8", 2, 1, 0, 0, 1, 2, 0, 1),
        (None, 1, 0, 0, 1, 0, 1, 0, 0),  # not coded yet
    ]
    assert _counts(store, "month") == [
        ("2025-01", 2, 1, 1, 0, 0, 1, 1, 0),
        ("2025-02", 3, 1, 0, 0, 1, 2, 0, 1),
        ("2025-03", 1, 1, 0, 0, 0, 1, 1, 0),
        (None, 1, 0, 0, 1, 0, 1, 0, 0),
    ]
    assert _counts(store, "source") == [("b", 4, 1, 0, 1, 1, 3, 1, 0), ("a", 3, 2, 1, 0, 0, 2, 1, 1)]


def test_ad_prevalence_gives_shares_and_marks_small_groups(store: Store) -> None:
    _store_ads(store)
    national = ad_prevalence(store, "all").to_pylist()[0]
    assert (national["sex_share"], national["any_ground_share"], national["religion_share"]) == (
        0.428571,
        0.714286,
        0.0,
    )
    assert national["few_ads"]  # 7 ads: under 30
    assert ad_prevalence(store, "province")["province"].to_pylist()[-1] is None


def test_ad_prevalence_counts_only_checked_ads(store: Store) -> None:
    _store_ads(store)
    forget_ad_checks(store)
    assert ad_prevalence(store, "all").num_rows == 0
    assert one_sex_pay(store, "isco1").num_rows == 0


def _pay_ad(i: int, isco: str, text: str, low: int | None, high: int | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"source": "pay", "external_id": str(i), "title": "Lowongan", "text": text}
    row["isco"] = isco
    row |= {"occupation_uri": OCCUPATION[isco], "salary_min": low, "salary_max": high}
    return {k: v for k, v in row.items() if v is not None}


def _store_pay_ads(store: Store) -> None:
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


def test_ad_prevalence_compares_the_pay_of_one_sex_ads_with_the_rest(store: Store) -> None:
    _store_pay_ads(store)
    assert one_sex_pay(store, "occupation").to_pylist() == [
        {
            "occupation": CASHIER,
            "one_sex_with_pay": 5,
            "one_sex_median_idr": 3_400_000,
            "rest_with_pay": 5,
            "rest_median_idr": 4_400_000,
            "difference_idr": -1_000_000,
            "asks_women": 4,
            "asks_men": 1,
        }
    ]  # the taxi drivers' 4 one-sex ads are too few


@pytest.mark.parametrize(("min_ads", "groups"), [(4, ["5", "8"]), (5, ["5"]), (6, [])])
def test_ad_prevalence_reports_pay_only_with_enough_ads_on_both_sides(
    store: Store, min_ads: int, groups: list[str]
) -> None:
    _store_pay_ads(store)
    table = one_sex_pay(store, "isco1", min_ads=min_ads)
    assert table["isco1"].to_pylist() == groups
    if "8" in groups:
        driver = table.to_pylist()[1]
        assert (driver["one_sex_median_idr"], driver["rest_median_idr"], driver["asks_men"]) == (
            5_000_000,
            6_000_000,
            4,
        )
