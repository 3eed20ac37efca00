"""Every stored posting is checked by the fair-ads checker: as it is imported (file, feed, API) or coded,
when the demo loads, and on demand; resumably, and again when the rules change."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tangkas.cli import app
from tangkas.fairness import ads
from tangkas.market.coding import search_title_coder
from tangkas.services.coding import code_stored_postings
from tangkas.services.demo import load_demo
from tangkas.services.fair_ads import check_stored_ads
from tangkas.services.imports import import_postings, import_rows
from tangkas.store import Store, open_store
from tangkas.store.fair_ads import ad_check_status, forget_ad_checks
from tangkas.store.keys import create_key
from tangkas.web import create_app

MARKET = Path(__file__).parent / "data" / "market"

ADS = [
    ("Kasir", "Kualifikasi:\n- Wanita\n- Usia maks. 25 tahun"),
    ("Sales", "Pria/Wanita, pengalaman 2 tahun"),
    ("Driver", "Dibutuhkan pria, belum menikah"),
    ("Admin", "Berpenampilan menarik, TB min 160 cm"),
]


def _admin(store: Store) -> str:
    return create_key(store, "admin").secret


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


def test_fair_ads_store_a_feed_import_checks_only_the_postings_it_adds(store: Store, tmp_path: Path) -> None:
    _import(store)
    forget_ad_checks(store)  # stored before the checker ran, as on a store migrated to version 12
    with (MARKET / "lokerid.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["Description"] = "Kualifikasi:\n- Wanita\n- Usia maks. 25 tahun"
    feed = tmp_path / "lokerid.csv"
    with feed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = import_postings(store, feed)
    assert ad_check_status(store, ads.rules_version()) == {"checked": report.inserted, "waiting": len(ADS)}
    flagged = store.backend.execute(
        "SELECT external_id, ad_sex, ad_age, ad_one_sex FROM postings WHERE source = 'lokerid' AND ad_sex"
    )
    assert [tuple(r) for r in flagged] == [(rows[0]["Job ID"], True, True, "female")]


def test_fair_ads_store_an_api_import_checks_its_postings(store: Store) -> None:
    client = TestClient(create_app(store))
    row = {"source": "api", "external_id": "1", "title": "Sopir", "text": "Dibutuhkan pria, usia maks. 30"}
    answer = client.post("/api/postings", json={"rows": [row]}, headers={"X-API-Key": _admin(store)})
    assert answer.status_code == 200 and answer.json()["inserted"] == 1
    stored = store.backend.execute("SELECT ad_sex, ad_age, ad_marital, ad_one_sex, ad_rules FROM postings")
    assert [tuple(r) for r in stored] == [(True, True, False, "male", ads.rules_version())]


def test_fair_ads_store_coding_checks_what_waits(store: Store) -> None:
    _import(store)
    forget_ad_checks(store)
    assert code_stored_postings(store, coding=search_title_coder(), skills=lambda text: []) == len(ADS)
    assert ad_check_status(store, ads.rules_version()) == {"checked": len(ADS), "waiting": 0}


def test_fair_ads_store_the_demo_leaves_nothing_unchecked(store: Store) -> None:
    _import(store)
    forget_ad_checks(store)  # postings waiting before the demo loads are checked too
    load_demo(store, postings=300, workers=0)
    assert ad_check_status(store, ads.rules_version()) == {"checked": 300 + len(ADS), "waiting": 0}
    flagged = store.backend.scalar("SELECT COUNT(*) FROM postings WHERE ad_sex OR ad_age")
    assert 0 < flagged < 150  # the synthetic ads carry requirements, at a few percent each


@pytest.mark.parametrize("lang", ["id", "en"])
def test_fair_ads_store_check_command_checks_again_with_progress(store_url: str, lang: str) -> None:
    with open_store(store_url) as store:
        store.migrate()
        _import(store)
    result = CliRunner().invoke(app, ["import", "check-ads", "--again", "--db", store_url, "--lang", lang])
    assert result.exit_code == 0, result.output
    words = {"id": "4 lowongan sudah diperiksa", "en": "4 postings checked"}[lang]
    assert words in result.stdout and f"({ads.rules_version()}); 0 " in result.stdout
