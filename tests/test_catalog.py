from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tangkas.cli.app import app
from tangkas.errors import UnknownConceptError
from tangkas.provinces import PROVINCES, province
from tangkas.rows.report import RowsRejectedError
from tangkas.taxonomy import Taxonomy
from tangkas.training.catalog import CourseCatalog
from tangkas.training.course_rows import (
    course_row,
    import_catalog,
    read_catalog,
    validate_records,
    write_catalog,
)
from tangkas.training.demo_catalog import generate_demo_catalog

SKILL = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97"
KNOWN = {SKILL}
runner = CliRunner()


def valid_record(n: int) -> dict[str, Any]:
    return {
        "id": f"c{n}",
        "provider_name": "LPK Maju",
        "provider_type": "LPK",
        "title_id": "Pemrograman",
        "title_en": "Programming",
        "skills": SKILL,
        "hours": "40",
        "cost_idr": "1.500.000",
        "mode": "luring",
        "province": "Jawa Barat",
        "city": "Bandung",
        "start_date": "2027-02-01",
        "certification": "BNSP",
        "capacity": "20",
        "prakerja": "ya",
        "level": "dasar",
    }


@pytest.fixture(scope="module")
def demo() -> CourseCatalog:
    return generate_demo_catalog(seed=11, n_courses=1500)


def test_catalog_valid_record_is_parsed_with_indonesian_values() -> None:
    report = validate_records([valid_record(1)], skill_uris=KNOWN)
    assert report.ok
    c = report.courses[0]
    assert (c.cost_idr, c.mode, c.province, c.level, c.prakerja) == (
        1_500_000,
        "offline",
        "32",
        "basic",
        True,
    )
    assert c.start_date == date(2027, 2, 1)


BREAKERS: dict[str, tuple[str, Any, str]] = {
    "negative_cost": ("cost_idr", "-5000", "negative"),
    "unknown_skill": ("skills", "http://data.europa.eu/esco/skill/nope", "unknown_skill"),
    "missing_title": ("title_id", "", "missing"),
    "missing_hours": ("hours", "", "missing"),
    "bad_mode": ("mode", "kapal", "invalid"),
    "bad_province": ("province", "Atlantis", "unknown_province"),
    "bad_date": ("start_date", "besok", "invalid"),
    "zero_hours": ("hours", "0", "invalid"),
}


def _break(record: dict[str, Any], kind: str) -> dict[str, Any]:
    name, value, _ = BREAKERS[kind]
    broken = {**record, name: value}
    if kind == "missing_title":
        broken["title_en"] = ""
    return broken


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.just(n), st.dictionaries(st.integers(0, n - 1), st.sampled_from(sorted(BREAKERS)), max_size=n)
        )
    )
)
def test_catalog_import_rejects_bad_rows_whole_with_row_report(case: tuple[int, dict[int, str]]) -> None:
    n, broken = case
    records = [_break(valid_record(i), broken[i]) if i in broken else valid_record(i) for i in range(n)]
    report = validate_records(records, skill_uris=KNOWN)
    assert report.rows == n
    assert report.bad_rows == tuple(sorted(i + 1 for i in broken))
    for i, kind in broken.items():
        assert any(p.row == i + 1 and p.code == BREAKERS[kind][2] for p in report.errors)
    if broken:
        assert report.courses == ()
        with pytest.raises(RowsRejectedError):
            report.catalog()
    else:
        assert len(report.catalog()) == n


def test_catalog_duplicate_ids_and_missing_province_for_offline_are_problems() -> None:
    second = {**valid_record(1), "province": ""}
    report = validate_records([valid_record(1), second], skill_uris=KNOWN)
    assert {(p.row, p.field, p.code) for p in report.errors} == {
        (2, "id", "duplicate"),
        (2, "province", "missing"),
    }


def test_catalog_json_accepts_skill_objects(tmp_path: Path) -> None:
    record = {
        **valid_record(1),
        "skills": [{"uri": SKILL, "level": "basic"}],
        "prakerja": True,
        "capacity": 12,
    }
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"courses": [record]}))
    report = import_catalog(path, skill_uris=KNOWN)
    assert report.ok and report.courses[0].skills == (SKILL,) and report.courses[0].capacity == 12


def test_catalog_parquet_round_trip_keeps_every_field(tmp_path: Path, demo: CourseCatalog) -> None:
    path = write_catalog(demo, tmp_path / "cat.parquet")
    again = read_catalog(path)
    assert again.courses == demo.courses


def test_catalog_csv_written_by_cli_imports_cleanly(tmp_path: Path) -> None:
    out, store = tmp_path / "demo.csv", tmp_path / "store.parquet"
    result = runner.invoke(app, ["catalog", "demo", "--out", str(out), "--courses", "40"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["catalog", "import", str(out), "--out", str(store), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "40 valid courses" in result.output
    assert len(read_catalog(store)) == 40


def test_catalog_cli_import_reports_bad_rows_and_writes_nothing(tmp_path: Path) -> None:
    path, store = tmp_path / "bad.csv", tmp_path / "store.parquet"
    rows = [
        valid_record(1),
        _break(valid_record(2), "negative_cost"),
        _break(valid_record(3), "unknown_skill"),
    ]
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(app, ["catalog", "import", str(path), "--out", str(store)])
    assert result.exit_code == 2
    assert "baris 2, kolom cost_idr: negatif (-5000)" in result.output and "baris 3" in result.output
    assert "tidak ada yang diimpor" in result.output
    assert not store.exists()


def test_catalog_demo_is_deterministic_synthetic_and_national(tax: Taxonomy, demo: CourseCatalog) -> None:
    again = generate_demo_catalog(seed=11, n_courses=1500)
    assert again.courses == demo.courses
    assert generate_demo_catalog(seed=12, n_courses=50).courses != demo.courses[:50]
    assert demo.synthetic
    assert all(c.provider.name.startswith("[DEMO]") for c in demo)
    assert {c.province for c in demo if c.province} == {p.code for p in PROVINCES}
    assert all(uri in tax.skill_index for c in demo for uri in c.skills)
    for c in demo:
        assert c.hours > 0 and c.cost_idr >= 0
        assert (c.province is None) == (c.mode == "online")
        if c.provider.type == "BLK":
            assert c.cost_idr == 0 and 160 <= c.hours <= 240 and c.mode == "offline"
        if c.provider.type == "LPK":
            assert 500_000 <= c.cost_idr <= 5_000_000 and 20 <= c.hours <= 120 and c.mode != "online"
        if c.mode == "online":
            assert c.prakerja and 4 <= c.hours <= 20 and 250_000 <= c.cost_idr <= 1_000_000
    assert validate_records([course_row(c, c.provider.id) for c in demo], skill_uris=tax.skill_index).ok


def test_provinces_are_38_with_unique_codes_and_lookups() -> None:
    assert len(PROVINCES) == 38
    assert len({p.code for p in PROVINCES}) == 38 and len({p.name for p in PROVINCES}) == 38
    assert province("Provinsi Jawa Timur").code == "35"
    assert province("DKI").name == "DKI Jakarta"
    assert province("97").name == "Papua Pegunungan"
    with pytest.raises(UnknownConceptError):
        province("Atlantis")
