"""Every stored posting is checked by the fair-ads checker, resumably and again when the rules change."""

from __future__ import annotations

import pytest

from tangkas.fairness import ads
from tangkas.services.fair_ads import check_stored_ads
from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.fair_ads import ad_check_status, forget_ad_checks

ADS = [
    ("Kasir", "Kualifikasi:\n- Wanita\n- Usia maks. 25 tahun"),
    ("Sales", "Pria/Wanita, pengalaman 2 tahun"),
    ("Driver", "Dibutuhkan pria, belum menikah"),
    ("Admin", "Berpenampilan menarik, TB min 160 cm"),
]


def _import(store: Store) -> None:
    rows = [
        {"source": "t", "external_id": str(i), "title": title, "text": text, "province_code": "32"}
        for i, (title, text) in enumerate(ADS)
    ]
    assert import_rows(store, "postings", rows, "t").ok


def test_fair_ads_store_keeps_each_postings_grounds_and_sex(store: Store) -> None:
    _import(store)  # an import checks the postings it adds
    assert ad_check_status(store, ads.rules_version()) == {"checked": len(ADS), "waiting": 0}
    assert forget_ad_checks(store) == len(ADS)
    assert check_stored_ads(store, batch=3) == len(ADS)
    rows = store.backend.execute(
        "SELECT external_id, ad_sex, ad_age, ad_marital, ad_appearance, ad_one_sex "
        "FROM postings ORDER BY external_id"
    )
    assert [tuple(r) for r in rows] == [
        ("0", True, True, False, False, "female"),
        ("1", False, False, False, False, None),
        ("2", True, False, True, False, "male"),
        ("3", False, False, False, True, None),
    ]
    assert ad_check_status(store, ads.rules_version()) == {"checked": len(ADS), "waiting": 0}
    assert check_stored_ads(store) == 0


def test_fair_ads_store_checks_again_under_new_rules(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _import(store)
    monkeypatch.setattr("tangkas.services.fair_ads.rules_version", lambda: "other")
    assert check_stored_ads(store, limit=2) == 2
    assert ad_check_status(store, "other") == {"checked": 2, "waiting": 2}
    assert check_stored_ads(store) == 2
