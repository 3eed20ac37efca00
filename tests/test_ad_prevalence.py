"""Prevalence of discriminatory requirements over a small hand-built set of stored ads, on both stores:
exact counts and shares by every grouping, and the pay of one-sex ads against the rest."""

from __future__ import annotations

from typing import Any

import pytest
from fair_ads_data import CASHIER, store_ads, store_pay_ads

from tangkas.store import Store
from tangkas.store.ad_prevalence import PrevalenceGrouping, ad_prevalence, one_sex_pay
from tangkas.store.fair_ads import forget_ad_checks


def _counts(store: Store, by: PrevalenceGrouping) -> list[tuple[Any, ...]]:
    table = ad_prevalence(store, by)
    names = [by, "ads", "sex", "age", "marital", "appearance", "any_ground", "asks_women", "asks_men"]
    return [tuple(row[n] for n in names) for row in table.to_pylist()]


def test_ad_prevalence_counts_each_ground_in_every_grouping(store: Store) -> None:
    store_ads(store)
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
    store_ads(store)
    national = ad_prevalence(store, "all").to_pylist()[0]
    assert (national["sex_share"], national["any_ground_share"], national["religion_share"]) == (
        0.428571,
        0.714286,
        0.0,
    )
    assert national["few_ads"]  # 7 ads: under 30
    assert ad_prevalence(store, "province")["province"].to_pylist()[-1] is None


def test_ad_prevalence_counts_only_checked_ads(store: Store) -> None:
    store_ads(store)
    forget_ad_checks(store)
    assert ad_prevalence(store, "all").num_rows == 0
    assert one_sex_pay(store, "isco1").num_rows == 0


def test_ad_prevalence_compares_the_pay_of_one_sex_ads_with_the_rest(store: Store) -> None:
    store_pay_ads(store)
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
    store_pay_ads(store)
    table = one_sex_pay(store, "isco1", min_ads=min_ads)
    assert table["isco1"].to_pylist() == groups
    if "8" in groups:
        driver = table.to_pylist()[1]
        assert (driver["one_sex_median_idr"], driver["rest_median_idr"], driver["asks_men"]) == (
            5_000_000,
            6_000_000,
            4,
        )
