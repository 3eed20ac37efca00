from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tangkas.errors import TangkasError
from tangkas.market.coding import search_title_coder
from tangkas.market.feeds import FeedReport
from tangkas.rows.report import RowsRejectedError
from tangkas.search import search_skills
from tangkas.services.coding import code_stored_postings
from tangkas.services.imports import import_file, import_postings
from tangkas.services.plans import catalog_for
from tangkas.store import LATEST, Store, StoreError, open_store
from tangkas.store.coding import coding_status
from tangkas.store.keys import AuthenticationError, audit, authenticate, create_key, revoke_key
from tangkas.store.queries import (
    get_worker,
    list_courses,
    list_postings,
    list_workers,
    store_catalog,
)
from tangkas.taxonomy import load_taxonomy
from tangkas.training.plans import TrainingNeed, plan_training

CASHIER = load_taxonomy().occupation("5230.1").uri
FORKLIFT = load_taxonomy().skill("operate forklift").uri


def _postings(n: int, start: int = 0) -> list[dict[str, object]]:
    return [
        {
            "source": "demo",
            "external_id": str(i),
            "title": f"Kasir toko {i}",
            "province_code": "32" if i % 2 else "31",
            "posted_date": "2025-06-01",
            "salary_min": 4_000_000,
            "salary_max": 5_000_000,
        }
        for i in range(start, start + n)
    ]


def _write_csv(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_store_migrations_are_versioned_and_idempotent(store: Store) -> None:
    assert store.version() == LATEST
    assert store.migrate() == []
    assert store.version() == LATEST


def test_store_requires_latest_schema(store_url: str) -> None:
    fresh = open_store(store_url)
    with pytest.raises(StoreError, match="tangkas db migrate"):
        fresh.require_latest()
    fresh.close()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_store_import_every_format_and_reimport_is_idempotent(store: Store, tmp_path: Path, fmt: str) -> None:
    rows = _postings(120)
    path = tmp_path / f"postings.{fmt}"
    if fmt == "csv":
        _write_csv(path, rows)
    elif fmt == "jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    else:
        pq.write_table(pa.Table.from_pylist(rows), path)
    first = import_file(store, "postings", path)
    assert (first.rows, first.inserted, first.duplicates) == (120, 120, 0)
    again = import_file(store, "postings", path)
    assert (again.inserted, again.duplicates) == (0, 120)
    assert list_postings(store, limit=5).total == 120


def test_store_import_rejects_bad_file_whole_with_row_report(store: Store, tmp_path: Path) -> None:
    rows = _postings(10)
    rows[3]["salary_min"] = "-1"
    rows[7]["title"] = ""
    rows[8]["posted_date"] = "kemarin"
    with pytest.raises(RowsRejectedError) as caught:
        import_file(store, "postings", _write_csv(tmp_path / "bad.csv", rows))
    report = caught.value.report
    assert [(e.row, e.field, e.code) for e in report.errors] == [
        (4, "salary_min", "range"),
        (8, "title", "required"),
        (9, "posted_date", "type"),
    ]
    assert list_postings(store).total == 0, "nothing is half-imported"


def test_store_partial_import_keeps_valid_rows_and_reports_the_rest(store: Store, tmp_path: Path) -> None:
    rows = _postings(10)
    rows[2]["salary_max"] = 1
    report = import_file(store, "postings", _write_csv(tmp_path / "p.csv", rows), partial=True)
    assert (report.inserted, report.rejected_rows) == (9, 1)
    assert report.errors[0].code == "order"


def test_store_jsonl_with_broken_line_is_reported(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(_postings(1)[0]) + "\n{not json\n")
    with pytest.raises(RowsRejectedError) as caught:
        import_file(store, "postings", path)
    assert caught.value.report.errors[0].row == 2


def test_store_workers_validate_taxonomy_and_hide_personal_values(store: Store, tmp_path: Path) -> None:
    worker = {
        "source": "disnaker-bdg",
        "external_id": "w1",
        "office_code": "BDG",
        "full_name": "Siti Aminah",
        "nik": "32730112345",
        "gender": "F",
        "birth_year": "1990",
        "occupations": f"{CASHIER};bogus",
        "migrant_status": "returned",
        "placement_country": "Malaysia",
        "bpjs_ketenagakerjaan": "ya",
    }
    with pytest.raises(RowsRejectedError) as caught:
        import_file(store, "workers", _write_csv(tmp_path / "w.csv", [worker]))
    errors = {(e.field, e.code): e.detail for e in caught.value.report.errors}
    assert ("nik", "format") in errors and errors[("nik", "format")] == "", "a NIK never appears in a report"
    assert ("occupations", "unknown_concept") in errors
    worker["nik"], worker["occupations"] = "3273011203900001", "5230.1"
    assert import_file(store, "workers", _write_csv(tmp_path / "w2.csv", [worker])).inserted == 1
    page = list_workers(store, office_code="BDG", personal=False)
    assert page.total == 1 and "full_name" not in page.items[0]
    full = get_worker(store, page.items[0]["id"])
    assert full is not None and full["full_name"] == "Siti Aminah" and full["bpjs_ketenagakerjaan"] is True


def test_store_courses_import_and_filter(store: Store, tmp_path: Path) -> None:
    course = {
        "source": "blk",
        "external_id": "c1",
        "provider": "BLK Bandung",
        "provider_kind": "BLK",
        "title_id": "Operator forklift",
        "skills": FORKLIFT,
        "hours": "40",
        "cost_idr": "0",
        "mode": "offline",
        "province_code": "32",
        "prakerja": "true",
    }
    try:
        report = import_file(store, "courses", _write_csv(tmp_path / "c.csv", [course]))
    except RowsRejectedError as error:
        pytest.fail(str(error.report.errors))
    assert report.inserted == 1
    assert list_courses(store, province_code="32").total == 1
    assert list_courses(store, province_code="31").total == 0


def test_store_unknown_kind_and_missing_file_are_clear_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(TangkasError, match="unknown import kind"):
        import_file(store, "vacancies", tmp_path / "x.csv")
    with pytest.raises(TangkasError, match="file not found"):
        import_file(store, "postings", tmp_path / "missing.csv")
    with pytest.raises(TangkasError, match="unknown file type"):
        import_file(store, "postings", tmp_path / "x.xlsx")


def test_store_pagination(store: Store, tmp_path: Path) -> None:
    import_file(store, "postings", _write_csv(tmp_path / "p.csv", _postings(25)))
    page = list_postings(store, province_code="32", limit=5, offset=10)
    assert page.total == 12 and len(page.items) == 2
    assert all(item["province_code"] == "32" for item in page.items)


def test_store_keys_are_hashed_and_revocable(store: Store) -> None:
    key = create_key(store, "counsellor", office_code="BDG")
    stored = store.backend.scalar("SELECT key_hash FROM api_keys WHERE id = ?", (key.id,))
    assert key.secret not in str(stored)
    principal = authenticate(store, key.secret)
    assert (principal.role, principal.office_code) == ("counsellor", "BDG")
    audit(store, principal, "read", "worker", "1")
    assert store.backend.scalar("SELECT COUNT(*) FROM audit_log") == 1
    revoke_key(store, key.id)
    with pytest.raises(AuthenticationError):
        authenticate(store, key.secret)
    with pytest.raises(AuthenticationError):
        authenticate(store, "tk_nope_nope")
    with pytest.raises(TangkasError):
        create_key(store, "counsellor")


def test_store_bad_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://root@localhost/x")


def _search_skills(text: str) -> list[str]:
    """A real, deterministic skill reader built on the shipped search (the product's default is extract)."""
    return [hit.skill.uri for hit in search_skills(text, limit=2)]


def code_postings(store: Store, *, batch: int = 500, limit: int | None = None) -> int:
    """The store's coding step with the search coder (the product's default uses title coding)."""
    return code_stored_postings(
        store, coding=search_title_coder(), skills=_search_skills, batch=batch, limit=limit
    )


def test_store_coding_step_resumes_where_it_stopped(store: Store, tmp_path: Path) -> None:
    rows = _postings(7)
    for row in rows:
        row["text"] = "Mampu mengoperasikan forklift"
    import_file(store, "postings", _write_csv(tmp_path / "p.csv", rows))
    assert code_postings(store, batch=2, limit=3) == 3
    assert coding_status(store) == {"total": 7, "coded": 3, "waiting": 4, "with_occupation": 3}
    assert code_postings(store, batch=2) == 4
    assert code_postings(store) == 0
    isco = store.backend.execute("SELECT DISTINCT isco FROM postings")
    assert isco == [("5230",)]
    assert store.backend.scalar("SELECT COUNT(DISTINCT posting_id) FROM posting_skills") == 7


MARKET = Path(__file__).parent / "data" / "market"


@pytest.mark.parametrize("fixture", sorted(p.name for p in MARKET.glob("*.csv")))
def test_store_imports_every_real_feed_format_idempotently(store: Store, fixture: str) -> None:
    report = import_postings(store, MARKET / fixture)
    assert isinstance(report, FeedReport) and report.feed != "tangkas"
    assert report.inserted > 0 and report.rejected_rows == 0
    again = import_postings(store, MARKET / fixture)
    assert again.inserted == 0
    assert store.backend.scalar("SELECT COUNT(*) FROM postings WHERE title IS NULL") == 0


def test_store_courses_become_the_planning_catalog(store: Store, tmp_path: Path) -> None:
    assert store_catalog(store) is None
    course = {
        "source": "blk",
        "external_id": "c9",
        "provider": "BLK Bekasi",
        "provider_kind": "BLK",
        "title_id": "Operator forklift",
        "skills": FORKLIFT,
        "hours": "24",
        "cost_idr": "500000",
        "mode": "offline",
        "province_code": "32",
    }
    import_file(store, "courses", _write_csv(tmp_path / "c.csv", [course]))
    catalog = store_catalog(store)
    assert catalog is not None and len(catalog) == 1
    plan = plan_training(TrainingNeed.from_uris([FORKLIFT]), catalog, province="32")
    assert plan.complete and plan.steps[0].course.id == "blk:c9"
    assert catalog_for(store) is catalog and catalog_for(None).synthetic  # web and CLI agree


def test_store_courses_are_what_the_plan_command_uses(store: Store, store_url: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tangkas.cli import app

    course = {"source": "blk", "external_id": "c9", "provider": "BLK Bekasi", "title_id": "Operator forklift"}
    course |= {"skills": FORKLIFT, "hours": "24", "cost_idr": "500000", "mode": "offline"}
    course["province_code"] = "32"  # an offline course says where it is held
    import_file(store, "courses", _write_csv(tmp_path / "c.csv", [course]))
    args = ["plan", "--from", "cleaner", "--to", "forklift operator", "--json", "--db", store_url]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert {step["course_id"] for step in json.loads(result.output)["steps"]} == {"blk:c9"}


def test_store_demand_feeds_alignment_and_indicators(store: Store) -> None:
    from tangkas.services.demo import load_demo
    from tangkas.services.indicators import indicator, skill_demand_rows

    report = load_demo(store, postings=400, workers=5)
    assert report.postings == 400 and load_demo(store, postings=400, workers=5).postings == 0
    rows = skill_demand_rows(store)
    assert rows and all(r.count > 0 and r.province for r in rows)
    by_province = indicator(store, "demand", "province", top=100)
    assert sum(by_province["postings"].to_pylist()) == 400
    pay = indicator(store, "pay", "isco1").to_pylist()
    assert all(r["suppressed"] == (r["with_pay"] < 10) for r in pay)


def test_store_an_uncreatable_home_is_a_clear_error_not_a_traceback() -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "TANGKAS_DATABASE_URL"}
    env["TANGKAS_HOME"] = "/proc/tangkas-cannot-be-here"
    result = subprocess.run(
        [sys.executable, "-m", "tangkas", "db", "init"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, result.stderr
    assert "cannot create the data folder" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
