"""Location parsing on real strings from every feed (Loker.id, Jobstreet, Glints, Dealls, Kalibrr)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tangkas.market.places import parse_location, parse_province
from tangkas.market.regencies import REGENCIES
from tangkas.provinces import PROVINCES


@pytest.mark.parametrize(
    ("text", "kind", "code", "city"),
    [
        # Loker.id 2025
        ("Jakarta Barat", "city", "31", "Kota Jakarta Barat"),
        ("Bandung Kota", "city", "32", "Kota Bandung"),
        ("Bandung Kabupaten", "city", "32", "Kabupaten Bandung"),
        ("Bandung Barat", "city", "32", "Kabupaten Bandung Barat"),
        ("Kabupaten Tangerang", "city", "36", "Kabupaten Tangerang"),
        ("Surakarta / Solo", "city", "33", "Kota Surakarta"),
        ("Pematang Siantar", "city", "12", "Kota Pematangsiantar"),
        ("Bukit tinggi", "city", "13", "Kota Bukittinggi"),
        ("Cikarang", "city", "32", "Kabupaten Bekasi"),
        ("Kota Batu", "city", "35", "Kota Batu"),
        ("Kotawaringin", "province", "62", None),
        ("Lombok", "province", "52", None),
        ("DKI Jakarta", "province", "31", None),
        ("Remote", "remote", None, None),
        ("Barito", "unknown", None, None),
        # Jobstreet 2022
        ("Jakarta Raya", "province", "31", None),
        ("Indonesia", "country", None, None),
        ("Sleman", "city", "34", "Kabupaten Sleman"),
        ("Cikupa", "city", "36", "Kabupaten Tangerang"),
        ("Hong Kong", "abroad", None, None),
        ("Petaling Jaya", "abroad", None, None),
        ("Kota Damansara", "abroad", None, None),
        ("Singapura", "abroad", None, None),
        ("United Arab Emirates", "abroad", None, None),
        ("Central", "unknown", None, None),
        # Dealls / Kalibrr 2024
        ("Lampung Selatan Regency", "city", "18", "Kabupaten Lampung Selatan"),
        ("Sidoarjo Regency", "city", "35", "Kabupaten Sidoarjo"),
        ("Sorong Regency", "city", "92", "Kabupaten Sorong"),
        ("Merauke Regency", "city", "95", "Kabupaten Merauke"),
        ("Tangerang Selatan", "city", "36", "Kota Tangerang Selatan"),
        ("Baubau", "city", "74", "Kota Bau-Bau"),
        ("Tanjung Balai", "city", "12", "Kota Tanjungbalai"),
        ("Central Jakarta", "city", "31", "Kota Jakarta Pusat"),
        ("Tangerang Kota", "city", "36", "Kota Tangerang"),
        ("Quezon City", "abroad", None, None),
        ("Parañaque", "abroad", None, None),
        # Glints 2020 (kota, provinsi)
        ("South Tangerang, Banten", "city", "36", "Kota Tangerang Selatan"),
        ("Jakarta, DKI Jakarta", "province", "31", None),
        ("Singaraja, Bali", "city", "51", "Kabupaten Buleleng"),
        # forms from the issue
        ("Kab. Bekasi", "city", "32", "Kabupaten Bekasi"),
        ("Kota Bandung", "city", "32", "Kota Bandung"),
        ("Bandung, Jawa Barat", "city", "32", "Kota Bandung"),
        ("Work from home", "remote", None, None),
        ("Kuala Lumpur", "abroad", None, None),
        ("Manila", "abroad", None, None),
    ],
)
def test_market_places_real_strings(text: str, kind: str, code: str | None, city: str | None) -> None:
    place = parse_location(text)
    assert (place.kind, place.province_code, place.city) == (kind, code, city)


def test_market_places_foreign_countries() -> None:
    assert parse_location("Kuala Lumpur").country == "MY"
    assert parse_location("Manila").country == "PH"
    assert parse_location("Singapore").country == "SG"
    assert parse_location("Jakarta Selatan").country == "ID"


def test_market_places_jakarta_city_codes() -> None:
    codes = {
        name: parse_location(name).city_code
        for name in ("Jakarta Selatan", "Jakarta Timur", "Jakarta Pusat", "Jakarta Barat", "Jakarta Utara")
    }
    assert codes == {
        "Jakarta Selatan": "3171",
        "Jakarta Timur": "3172",
        "Jakarta Pusat": "3173",
        "Jakarta Barat": "3174",
        "Jakarta Utara": "3175",
    }


def test_market_places_lists_keep_first_and_count_others() -> None:
    place = parse_location("Jakarta Selatan,Bandung,Yogyakarta")
    assert (place.city, place.others) == ("Kota Jakarta Selatan", 2)
    assert parse_location("Badung,Jakarta Raya").province_code == "51"


def test_market_places_unresolved_country_hint() -> None:
    assert parse_location("San Manuel").kind == "unknown"
    assert parse_location("San Manuel", unresolved_country="PH").country == "PH"
    assert parse_location("Jakarta Pusat", unresolved_country="PH").province_code == "31"


def test_market_places_province_field_is_never_a_city() -> None:
    assert parse_location("Bengkulu").kind == "city"
    assert (parse_province("Bengkulu").kind, parse_province("Bengkulu").province_code) == ("province", "17")
    assert parse_province("Daerah Khusus Ibukota Jakarta").province_code == "31"


def test_market_places_every_regency_resolves_to_its_province() -> None:
    for code, (kab, kota) in REGENCIES.items():
        for name in filter(None, kota.split(",")):
            assert parse_location(f"Kota {name}").province_code == code, name
        for name in filter(None, kab.split(",")):
            assert parse_location(f"Kabupaten {name}").province_code == code, name


def test_market_places_every_province_by_name() -> None:
    for province in PROVINCES:
        assert parse_province(province.name).province_code == province.code


@given(st.text(max_size=40))
def test_market_places_never_raise_and_stay_consistent(text: str) -> None:
    place = parse_location(text)
    if place.province_code is not None:
        assert place.country == "ID" and place.province is not None
    if place.kind in ("remote", "unknown"):
        assert place.province_code is None
