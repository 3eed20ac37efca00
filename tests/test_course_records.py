"""One set of course rules and column names for both ways in: ``tangkas catalog import``
(:func:`tangkas.training.catalog.validate_records`) and the store importer (``tangkas import courses``,
the API)."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tangkas.cli.app import app
from tangkas.rows.report import RowsRejectedError
from tangkas.services.imports import import_file
from tangkas.store import Store
from tangkas.store.queries import list_courses, store_catalog
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import Course
from tangkas.training.course_rows import read_records, validate_records, write_catalog
from tangkas.training.demo_catalog import generate_demo_catalog

TAX = load_taxonomy()
FORKLIFT = TAX.skill("operate forklift").uri
SEW = TAX.skill("sew pieces of fabric").uri


def catalog_row(n: int, **changes: str) -> dict[str, str]:
    """A course as a provider exports it for ``tangkas catalog import``: catalog names, Indonesian values."""
    row = {
        "id": f"c{n}",
        "provider_id": "lpk-maju",
        "provider_name": "LPK Maju",
        "provider_type": "LPK",
        "title_id": f"Operator forklift {n}",
        "title_en": "",
        "skills": f"{FORKLIFT}|{SEW}",
        "level": "dasar",
        "hours": "40",
        "cost_idr": "1.500.000",
        "mode": "luring",
        "province": "Jawa Barat",
        "city": "Bekasi",
        "start_date": "2027-02-01",
        "certification": "BNSP",
        "capacity": "20",
        "prakerja": "ya",
    }
    return row | changes


def store_row(n: int, **changes: str) -> dict[str, str]:
    """A course under the store's older column names (now aliases)."""
    row = {
        "source": "blk",
        "external_id": f"s{n}",
        "provider": "BLK Bekasi",
        "provider_kind": "BLK",
        "title_id": "Menjahit",
        "skills": FORKLIFT,
        "hours": "160",
        "cost_idr": "0",
        "mode": "daring",
        "province_code": "",
    }
    return row | changes


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    names = list(dict.fromkeys(name for row in rows for name in row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _store_ids(course: Course, source: str) -> Course:
    """A catalog course as the store gives it back: id ``source:id`` (the store keeps the provider's id)."""
    return replace(course, id=f"{source}:{course.id}")


def _catalog_problems(path: Path) -> set[tuple[int, str, str]]:
    return {(p.row, p.field, p.code) for p in validate_records(read_records(path), skill_uris=None).errors}


def _store_errors(store: Store, path: Path) -> set[tuple[int, str, str]]:
    with pytest.raises(RowsRejectedError) as caught:
        import_file(store, "courses", path)
    return {(e.row, e.field, e.code) for e in caught.value.report.errors}


def test_catalog_file_imports_both_ways_to_the_same_courses(store: Store, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "katalog.csv", [catalog_row(1), catalog_row(2, mode="daring", province="")])
    report = validate_records(read_records(path), skill_uris=TAX.skill_index)
    assert report.ok, report.errors
    first = import_file(store, "courses", path)
    assert (first.rows, first.inserted, first.rejected_rows) == (2, 2, 0)
    stored = store_catalog(store)
    assert stored is not None
    assert stored.courses == tuple(_store_ids(c, "lpk-maju") for c in report.courses)
    c1 = stored.courses[0]
    assert (c1.mode, c1.province, c1.cost_idr, c1.level) == ("offline", "32", 1_500_000, "basic")
    assert (c1.prakerja, c1.hours, c1.start_date is not None) == (True, 40.0, True)
    assert list_courses(store, province_code="32").total == 1
    again = import_file(store, "courses", path)
    assert (again.inserted, again.duplicates) == (0, 2), "re-importing inserts nothing twice"


def test_store_named_file_imports_both_ways_to_the_same_courses(store: Store, tmp_path: Path) -> None:
    rows = [store_row(1), store_row(2, mode="offline", province_code="jabar", provider_kind="")]
    path = _write_csv(tmp_path / "store.csv", rows)
    report = validate_records(read_records(path), skill_uris=TAX.skill_index)
    assert report.ok, report.errors
    assert import_file(store, "courses", path).inserted == 2
    stored = store_catalog(store)
    assert stored is not None and stored.courses == tuple(_store_ids(c, "blk") for c in report.courses)
    assert [(c.province, c.provider.type) for c in stored] == [(None, "BLK"), ("32", "LPK")]


BREAKERS: list[tuple[dict[str, str], tuple[str, str]]] = [
    ({"cost_idr": "-5.000"}, ("cost_idr", "negative")),
    ({"cost_idr": "1,5"}, ("cost_idr", "invalid")),
    ({"province": "Atlantis"}, ("province", "unknown_province")),
    ({"province": ""}, ("province", "missing")),
    ({"mode": "kapal"}, ("mode", "invalid")),
    ({"level": "mahir sekali"}, ("level", "invalid")),
    ({"skills": "http://data.europa.eu/esco/skill/nope"}, ("skills", "unknown_skill")),
    ({"skills": "operate forklift"}, ("skills", "unknown_skill")),
    ({"hours": "0"}, ("hours", "invalid")),
    ({"hours": "6000"}, ("hours", "invalid")),
    ({"capacity": "0"}, ("capacity", "invalid")),
    ({"start_date": "besok"}, ("start_date", "invalid")),
    ({"prakerja": "t"}, ("prakerja", "invalid")),
    ({"title_id": ""}, ("title_id", "missing")),
    ({"provider_name": ""}, ("provider_name", "missing")),
    ({"provider_type": "kursus"}, ("provider_type", "invalid")),
    ({"id": "c0"}, ("id", "duplicate")),
]


def test_bad_rows_are_rejected_by_both_with_the_same_problems(store: Store, tmp_path: Path) -> None:
    rows = [catalog_row(0)] + [catalog_row(n, **change) for n, (change, _) in enumerate(BREAKERS, start=1)]
    path = _write_csv(tmp_path / "bad.csv", rows)
    expected = {(n, *problem) for n, (_, problem) in enumerate(BREAKERS, start=2)}
    report = validate_records(read_records(path), skill_uris=TAX.skill_index)
    assert {(p.row, p.field, p.code) for p in report.errors} == expected
    assert _store_errors(store, path) == expected
    assert store.backend.scalar("SELECT COUNT(*) FROM courses") == 0, "all or nothing"
    partial = import_file(store, "courses", path, partial=True)
    assert (partial.inserted, partial.rejected_rows) == (1, len(BREAKERS))


def test_problems_name_the_column_the_file_used(store: Store, tmp_path: Path) -> None:
    row = store_row(1, mode="hybrid", province_code="Atlantis", external_id="")
    path = _write_csv(tmp_path / "s.csv", [row])
    expected = {(1, "external_id", "missing"), (1, "province_code", "unknown_province")}
    assert _catalog_problems(path) == expected
    assert _store_errors(store, path) == expected


def test_a_row_giving_both_names_different_values_is_rejected(store: Store, tmp_path: Path) -> None:
    # e.g. an API row whose ``provider`` passes the provider-key check while ``provider_name`` names another
    path = _write_csv(tmp_path / "both.csv", [store_row(1, provider_name="LPK Lain")])
    expected = {(1, "provider_name", "invalid")}
    assert _catalog_problems(path) == expected
    assert _store_errors(store, path) == expected
    # the same value twice is fine, and so is one province given by code and by name
    same = [store_row(1, provider_name="BLK Bekasi", mode="luring", province_code="32", province="jabar")]
    assert import_file(store, "courses", _write_csv(tmp_path / "same.csv", same)).inserted == 1


def test_catalog_parquet_and_json_files_import_into_the_store(store: Store, tmp_path: Path) -> None:
    demo = generate_demo_catalog(seed=5, n_courses=120)
    parquet = write_catalog(demo, tmp_path / "demo.parquet")
    assert import_file(store, "courses", parquet).inserted == 120
    stored = store_catalog(store)
    assert stored is not None
    by_id = {c.id: c for c in stored}
    assert all(by_id[f"{c.provider.id}:{c.id}"] == _store_ids(c, c.provider.id) for c in demo)
    assert {c.level for c in stored} == {c.level for c in demo} != {None}, "levels survive the store"
    document = tmp_path / "katalog.json"
    document.write_text(json.dumps({"courses": [catalog_row(1)]}, indent=1), encoding="utf-8")
    assert validate_records(read_records(document), skill_uris=TAX.skill_index).ok
    assert import_file(store, "courses", document).inserted == 1


def test_csv_with_a_byte_order_mark_keeps_its_first_column(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    row = store_row(1, external_id="007")
    names = ["external_id", *(name for name in row if name != "external_id")]  # the id comes first
    text = ",".join(names) + "\n" + ",".join(row[name] for name in names) + "\n"
    path.write_text(text, encoding="utf-8-sig")
    assert import_file(store, "courses", path).inserted == 1
    assert store.backend.scalar("SELECT external_id FROM courses") == "007"
    assert validate_records(read_records(path), skill_uris=None).courses[0].id == "007"


def test_cli_import_courses_reports_catalog_problems_in_indonesian(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    path = _write_csv(tmp_path / "bad.csv", [catalog_row(1, cost_idr="-5.000", province="Atlantis")])
    result = CliRunner().invoke(app, ["import", "courses", str(path), "--db", store_url])
    assert result.exit_code == 2, result.output
    assert "baris 1, kolom cost_idr: negatif (-5.000)" in result.output
    assert "kolom province: provinsi tidak dikenal (Atlantis)" in result.output
    good = _write_csv(tmp_path / "good.csv", [catalog_row(1)])
    result = CliRunner().invoke(app, ["import", "courses", str(good), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "1 baris baru" in result.output


def test_a_store_from_before_course_levels_migrates_and_keeps_its_courses(store_url: str) -> None:
    from tangkas.store import open_store
    from tangkas.store.schema import MIGRATIONS, migrate

    with open_store(store_url) as old:
        assert migrate(old.backend, target=3) == [1, 2, 3]
        old.backend.execute(
            "INSERT INTO courses (source, external_id, provider, title_id, skills, hours, cost_idr, mode) "
            "VALUES ('blk', 'c1', 'BLK Bekasi', 'Las', ?, 40, 0, 'online')",
            (FORKLIFT,),
        )
        assert old.migrate() == [m.version for m in MIGRATIONS if m.version > 3]
        stored = store_catalog(old)
        assert stored is not None
        (course,) = stored.courses
        assert (course.id, course.level, course.provider.type) == ("blk:c1", None, "online")
