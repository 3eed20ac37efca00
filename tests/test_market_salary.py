"""Salary parsing on real strings from every feed, and invariants (min <= max, monthly normalisation)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tangkas.market.salary import MONTHLY_FACTOR, parse_number, parse_salary


@pytest.mark.parametrize(
    ("text", "status", "monthly"),
    [
        # Glints 2020 (job_salary)
        ("IDR 4,000,000-6,000,000 / month", "ok", (4_000_000, 6_000_000)),
        ("IDR 1,500,000-1,500,000 / month", "ok", (1_500_000, 1_500_000)),
        ("IDR 0-8,000,000 / month", "ok", (None, 8_000_000)),
        ("IDR 1,000,000-0 / month", "ok", (1_000_000, None)),
        ("IDR 84,000,000-96,000,000 / year", "ok", (7_000_000, 8_000_000)),
        ("IDR 1,234-5,678 / month", "implausible", (None, None)),
        ("IDR 87-100 / year", "implausible", (None, None)),
        ("IDR 5,000,000-20,000,000 / project", "no_monthly", (None, None)),
        ("SGD 1,000-1,600 / month", "foreign", (None, None)),
        ("USD 12,000-20,000 / year", "foreign", (None, None)),
        ("Perusahaan tidak menampilkan gaji", "hidden", (None, None)),
        # Dealls (base_salary, rupiah) and Loker.id (Min/Max Salary)
        ("5000000", "ok", (5_000_000, 5_000_000)),
        ("3475594", "ok", (3_475_594, 3_475_594)),
        ("N/A", "hidden", (None, None)),
        ("", "hidden", (None, None)),
        ("3000000-4000000", "ok", (3_000_000, 4_000_000)),
        # Loker.id's original salary text and forms from the issue
        ("Rp 3 – 4 Juta", "ok", (3_000_000, 4_000_000)),
        ("Rp 20 Juta Lebih", "ok", (20_000_000, None)),
        ("Negosiasi", "hidden", (None, None)),
        ("Rp 4 - 5 juta", "ok", (4_000_000, 5_000_000)),
        ("5jt", "ok", (5_000_000, 5_000_000)),
        ("IDR 4,500,000 - 6,000,000", "ok", (4_500_000, 6_000_000)),
        ("Rp4.500.000", "ok", (4_500_000, 4_500_000)),
        ("Rp. 2.500.000,-", "ok", (2_500_000, 2_500_000)),
        ("Rp 4,5 - 6 juta / bulan", "ok", (4_500_000, 6_000_000)),
        ("Gaji dirahasiakan", "hidden", (None, None)),
        ("up to 8 juta", "ok", (None, 8_000_000)),
        ("mulai dari 3jt", "ok", (3_000_000, None)),
        ("Rp 150rb/hari", "ok", (3_300_000, 3_300_000)),
        ("Rp 25.000 per jam", "ok", (4_325_000, 4_325_000)),
        ("Rp 1 juta / minggu", "ok", (4_333_333, 4_333_333)),
        ("UMR", "unparsed", (None, None)),
        ("Rp 4 - 5 juta, 5 hari kerja", "ok", (4_000_000, 5_000_000)),
        ("3 s/d 5 jt", "ok", (3_000_000, 5_000_000)),
        ("Rp 4 jt - Rp 6 jt", "ok", (4_000_000, 6_000_000)),
        ("Rp 5 juta (nego)", "ok", (5_000_000, 5_000_000)),
    ],
)
def test_market_salary_real_strings(text: str, status: str, monthly: tuple[int | None, int | None]) -> None:
    salary = parse_salary(text)
    assert (salary.status, salary.monthly_idr) == (status, monthly)


def test_market_salary_kalibrr_amounts_are_pesos() -> None:
    salary = parse_salary("32803.91853925474", currency="PHP")
    assert (salary.status, salary.currency, salary.monthly_min) == ("foreign", "PHP", None)
    assert salary.amount_min == pytest.approx(32803.9185)


def test_market_salary_foreign_currency_markers() -> None:
    assert parse_salary("$3k - $5k").currency == "USD"
    assert parse_salary("PHP 25,000").currency == "PHP"
    assert parse_salary("RM 4,000").currency == "MYR"
    assert parse_salary("S$ 4,000").currency == "SGD"


@given(st.integers(1, 99), st.integers(1, 99))
def test_market_salary_range_min_le_max(a: int, b: int) -> None:
    salary = parse_salary(f"Rp {a} - {b} juta")
    assert salary.monthly_min == min(a, b) * 1_000_000
    assert salary.monthly_max == max(a, b) * 1_000_000


@given(st.integers(100_000, 500_000_000), st.integers(100_000, 500_000_000))
def test_market_salary_separators_agree(a: int, b: int) -> None:
    dots = f"Rp {a:,} - Rp {b:,}".replace(",", ".")
    commas = f"IDR {a:,} - {b:,}"
    assert parse_salary(dots).monthly_idr == parse_salary(commas).monthly_idr == (min(a, b), max(a, b))


@given(st.integers(1_000, 200_000), st.sampled_from(["jam", "hari", "minggu", "tahun"]))
def test_market_salary_periods_normalise_to_month(amount: int, unit: str) -> None:
    period = {"jam": "hour", "hari": "day", "minggu": "week", "tahun": "year"}[unit]
    salary = parse_salary(f"Rp {amount:,} / {unit}".replace(",", "."))
    assert salary.period == period
    expected = round(amount * MONTHLY_FACTOR[period])  # type: ignore[index]
    if salary.status == "ok":
        assert salary.monthly_min == salary.monthly_max == expected
    else:
        assert salary.status == "implausible" and not 100_000 <= expected <= 2_000_000_000


@given(st.text(max_size=60))
def test_market_salary_never_raises_and_is_ordered(text: str) -> None:
    salary = parse_salary(text)
    if salary.monthly_min is not None and salary.monthly_max is not None:
        assert salary.monthly_min <= salary.monthly_max
    if salary.has_value:
        assert salary.currency == "IDR" and salary.status == "ok"


def test_market_salary_number_forms() -> None:
    assert parse_number("4.500.000") == parse_number("4,500,000") == 4_500_000
    assert parse_number("4,5", "juta") == parse_number("4.5", "jt") == 4_500_000
    assert parse_number("1.000,50") == 1000.5
