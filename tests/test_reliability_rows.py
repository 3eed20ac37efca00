"""Every way in validates fully, reports clearly, and one bad row cannot break anything (issue 16):
bounded numbers, one rule for control characters, strict headers, no personal value in any error, safe
CSV download names, and imports that count their own rows when two run at once."""

from __future__ import annotations

import csv
import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from tangkas.errors import TangkasError
from tangkas.rows.entities import SPECS, WORKERS
from tangkas.rows.nik import NIK_RULE
from tangkas.rows.read import read_batches
from tangkas.rows.report import RowReport, RowsRejectedError, UnknownColumnsError
from tangkas.services.imports import import_file, import_postings, import_rows
from tangkas.store import Store, open_store
from tangkas.store.keys import create_key
from tangkas.web import create_app

ROOT = Path(__file__).parent.parent
KASIR = "http://data.europa.eu/esco/occupation/2b871272-bd61-4206-bd1a-0b96d7023098"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command line in its own process: what a user sees, tracebacks included."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "tangkas", *args], capture_output=True, text=True, env=env, timeout=300
    )


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _worker(i: int, **values: Any) -> dict[str, Any]:
    row = {"source": "t", "external_id": f"w{i}", "office_code": "BDG", "full_name": f"Pekerja {i}"}
    return {**row, "gender": "F", "birth_year": 1990, **values}


def _stored(store: Store, table: str) -> int:
    return int(store.backend.scalar(f"SELECT COUNT(*) FROM {table}"))


def _migrated(url: str) -> str:
    """A store made ready and closed again, for the command line (a DuckDB file takes one process)."""
    with open_store(url) as store:
        store.migrate()
    return url


def _count(url: str, table: str) -> int:
    with open_store(url) as store:
        return _stored(store, table)


# -- 1. bounds -------------------------------------------------------------------------------------


def test_every_numeric_field_declares_its_bounds() -> None:
    unbounded = [
        f"{spec.kind}.{f.name}"
        for spec in SPECS.values()
        for f in spec.fields
        if f.type in ("int", "float") and (f.minimum is None or f.maximum is None)
    ]
    assert unbounded == []


@pytest.mark.parametrize(
    ("kind", "row", "field"),
    [
        ("postings", {"title": "Kasir", "salary_min": 1e19, "salary_max": 1e19}, "salary_min"),
        ("postings", {"title": "Kasir", "salary_max": "99999999999999999999"}, "salary_max"),
        ("postings", {"title": "Kasir", "experience_years_min": 99}, "experience_years_min"),
        ("postings", {"title": "Kasir", "other_places": 10**12}, "other_places"),
        ("workers", {"office_code": "BDG", "full_name": "A", "birth_year": 10**19}, "birth_year"),
    ],
)
def test_a_number_out_of_bounds_is_a_row_error(
    store: Store, kind: str, row: dict[str, Any], field: str
) -> None:
    with pytest.raises(RowsRejectedError) as caught:
        import_rows(store, kind, [{"source": "t", "external_id": "1", **row}], "api")
    assert (field, "range") in {(e.field, e.code) for e in caught.value.report.errors}
    assert _stored(store, kind) == 0


def test_a_course_out_of_bounds_is_a_row_error(store: Store) -> None:
    skill = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
    course = {"source": "blk", "external_id": "c1", "provider": "BLK Bekasi", "title_id": "Las"}
    course |= {"skills": skill, "hours": 40, "mode": "online"}
    for field, value in (("cost_idr", 1e19), ("capacity", 10**9)):
        with pytest.raises(RowsRejectedError) as caught:
            import_rows(store, "courses", [{**course, "cost_idr": 0, field: value}], "api")
        assert [(e.field, e.code) for e in caught.value.report.errors] == [(field, "range")]
    assert import_rows(store, "courses", [{**course, "cost_idr": 2_500_000}], "api").inserted == 1


def test_the_api_refuses_a_posting_with_absurd_pay(store: Store) -> None:
    client = TestClient(create_app(store), raise_server_exceptions=False)
    admin = {"X-API-Key": create_key(store, "admin").secret}
    row = {"source": "p", "external_id": "x", "title": "Kasir", "salary_min": 1e19, "salary_max": 1e19}
    response = client.post("/api/postings", json={"rows": [row]}, headers=admin)
    assert response.status_code == 422
    assert response.json()["error"]["rows"][0]["allowed"] == "0..2000000000"


def test_an_absurd_pay_already_stored_breaks_no_indicator(store: Store) -> None:
    """A row stored before the bounds held (raw SQL: 1e19 rupiah) is left out of pay, never a 500."""
    rows = [(f"{i}", 4_000_000.0 + i, 5_000_000.0 + i) for i in range(12)] + [
        ("huge", 1e19, 1e19),
        ("negative", -1e19, 1e19),
    ]
    for external_id, low, high in rows:
        store.backend.execute(
            "INSERT INTO postings (source, external_id, title, province_code, posted_date, salary_min, "
            "salary_max, occupation_uri, isco) "
            "VALUES ('old', ?, 'Kasir', '32', DATE '2025-06-01', ?, ?, ?, '5230')",
            (external_id, low, high, KASIR),
        )
    store.changed()
    client = TestClient(create_app(store), raise_server_exceptions=False)
    analyst = {"X-API-Key": create_key(store, "analyst").secret}
    for path in ("/api/indicators/pay?by=isco", "/api/indicators/demand", "/api/indicators/pay"):
        response = client.get(path, headers=analyst)
        assert response.status_code == 200, (path, response.text)
    pay = client.get("/api/indicators/pay?by=isco", headers=analyst).json()
    medians = [r["median_monthly_idr"] for r in (pay if isinstance(pay, list) else pay["rows"])]
    assert medians and all(m is None or 4_000_000 <= m <= 6_000_000 for m in medians)
    for path in ("/analyst", "/analyst/pay.csv?by=isco", "/analyst/demand.csv"):
        assert client.get(path).status_code == 200, path


# -- 2. control characters ------------------------------------------------------------------------


def test_nul_in_a_jsonl_import_is_a_row_error_and_partial_keeps_the_rest(
    store_url: str, tmp_path: Path
) -> None:
    _migrated(store_url)
    path = tmp_path / "workers.jsonl"
    rows = [_worker(1), _worker(2, full_name="Budi\u0000Santoso"), _worker(3, city="Ban\u0007dung")]
    rows.append(_worker(4, skills=["keterampilan\u0000"]))  # nested: written escaped, so no NUL reaches SQL
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    whole = _cli("import", "workers", str(path), "--db", store_url, "--lang", "en")
    assert whole.returncode == 2 and "Traceback" not in whole.stderr
    assert (
        "row 2, field -: broken row (column 'full_name' contains a control character (U+0000))"
        in whole.stderr
    )
    assert "row 3, field -: broken row (column 'city' contains a control character (U+0007))" in whole.stderr
    assert "row 4, field skills: unknown ESCO concept" in whole.stderr
    assert _count(store_url, "workers") == 0
    partial = _cli("import", "workers", str(path), "--db", store_url, "--partial", "--json")
    assert partial.returncode == 0, partial.stderr
    report = json.loads(partial.stdout)
    assert (report["inserted"], report["rejected_rows"]) == (1, 3)
    assert _count(store_url, "workers") == 1


def test_control_characters_are_one_rule_in_every_format(tmp_path: Path) -> None:
    header = ["source", "external_id", "title"]
    good, bad, tabbed = ["s", "1", "Kasir"], ["s", "2", "Ka\x0bsir"], ["s", "3", "Kasir\tsenior\r\n"]
    table = pa.table({name: [good[i], bad[i], tabbed[i]] for i, name in enumerate(header)})
    pq.write_table(table, tmp_path / "p.parquet")
    _csv(tmp_path / "p.csv", header, [good, bad, tabbed])
    (tmp_path / "p.json").write_text(json.dumps(table.to_pylist()), encoding="utf-8")
    for name in ("p.parquet", "p.csv", "p.json"):
        broken = {k: v for b in read_batches(tmp_path / name) for k, v in b.broken.items()}
        assert broken == {1: "column 'title' contains a control character (U+000B)"}, name


def test_nul_in_an_api_body_is_a_row_error(store: Store) -> None:
    client = TestClient(create_app(store), raise_server_exceptions=False)
    admin = {"X-API-Key": create_key(store, "admin").secret}
    response = client.post("/api/workers", json={"rows": [_worker(1, city="a\u0000b")]}, headers=admin)
    assert response.status_code == 422
    assert (
        response.json()["error"]["rows"][0]["detail"] == "column 'city' contains a control character (U+0000)"
    )


# -- 3. headers ------------------------------------------------------------------------------------


def _workers_files(tmp_path: Path, header: list[str]) -> list[Path]:
    rows = [["t", "w1", "BDG", "Sari", "3273014506880002"]]
    records = [dict(zip(header, row, strict=True)) for row in rows]
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "w.parquet")
    (tmp_path / "w.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (tmp_path / "w.json").write_text(json.dumps(records), encoding="utf-8")
    return [
        _csv(tmp_path / "w.csv", header, rows),
        tmp_path / "w.parquet",
        tmp_path / "w.jsonl",
        tmp_path / "w.json",
    ]


@pytest.mark.parametrize("partial", [False, True])
def test_a_mis_capitalised_column_is_rejected_naming_the_column_meant(
    store: Store, tmp_path: Path, partial: bool
) -> None:
    header = ["source", "external_id", "office_code", "Full_Name", "NIK"]
    for path in _workers_files(tmp_path, header):
        with pytest.raises(UnknownColumnsError) as caught:
            import_file(store, "workers", path, partial=partial)
        message = str(caught.value)
        assert "column 'NIK' is not known; did you mean 'nik'?" in message, path.name
        assert "column 'Full_Name' is not known; did you mean 'full_name'?" in message
        assert "3273014506880002" not in message and "Sari" not in message
    assert _stored(store, "workers") == 0


def test_an_unknown_column_is_rejected_in_an_api_body(store: Store) -> None:
    client = TestClient(create_app(store), raise_server_exceptions=False)
    admin = {"X-API-Key": create_key(store, "admin").secret}
    response = client.post("/api/workers", json={"rows": [_worker(1, NIK="3273014506880002")]}, headers=admin)
    assert response.status_code == 422
    body = response.json()["error"]
    assert "column 'NIK' is not known; did you mean 'nik'?" in body["message"]
    assert body["rows"] == [{"row": 0, "field": "NIK", "code": "column_case", "detail": "", "allowed": "nik"}]
    response = client.post("/api/workers", json={"rows": [_worker(1, hobby="catur")]}, headers=admin)
    assert (
        response.status_code == 422 and "column 'hobby' is not known" in response.json()["error"]["message"]
    )


def test_an_unknown_column_is_rejected_on_the_command_line(store_url: str, tmp_path: Path) -> None:
    _migrated(store_url)
    path = _csv(
        tmp_path / "w.csv",
        ["source", "external_id", "office_code", "full_name", "NIK"],
        [["t", "1", "B", "S", "1"]],
    )
    english = _cli("import", "workers", str(path), "--db", store_url, "--lang", "en", "--partial")
    assert (
        english.returncode == 2 and "header: column 'NIK' is not known; did you mean 'nik'?" in english.stderr
    )
    indonesian = _cli("import", "workers", str(path), "--db", store_url)
    assert "kepala berkas: kolom 'NIK' tidak dikenal; maksud Anda 'nik'?" in indonesian.stderr
    assert _count(store_url, "workers") == 0


def test_a_file_without_header_is_rejected_without_echoing_its_first_row(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "w.csv"
    path.write_text("t,w1,BDG,Sulastri Wahyuningsih,3273014506880002\n", encoding="utf-8")
    with pytest.raises(UnknownColumnsError) as caught:
        import_file(store, "workers", path)
    assert "Sulastri" not in str(caught.value) and "3273014506880002" not in str(caught.value)
    assert "names no known column" in str(caught.value)


def test_columns_named_twice_are_refused_in_parquet_and_json(tmp_path: Path) -> None:
    table = pa.Table.from_arrays([pa.array(["a"]), pa.array(["b"])], names=["full_name", "full_name"])
    pq.write_table(table, tmp_path / "twice.parquet")
    with pytest.raises(TangkasError, match="'full_name' appears more than once"):
        list(read_batches(tmp_path / "twice.parquet"))
    (tmp_path / "twice.jsonl").write_text('{"full_name": "a", "full_name": "b"}\n{"full_name": "c"}\n')
    (tmp_path / "twice.json").write_text('[{"full_name": "a", "full_name": "b"}, {"full_name": "c"}]')
    for name in ("twice.jsonl", "twice.json"):
        [batch] = read_batches(tmp_path / name)
        assert batch.broken == {0: "key 'full_name' appears more than once"}, name


def test_the_course_catalog_and_feeds_keep_their_own_columns(store: Store, tmp_path: Path) -> None:
    """Older catalog names are still columns of courses; a feed's foreign columns are its adapter's."""
    skill = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
    course = {"id": "c1", "provider_name": "BLK Bekasi", "title_id": "Las", "skills": skill}
    course |= {"hours": "40", "cost_idr": "0", "mode": "offline", "province": "Jawa Barat"}
    path = _csv(tmp_path / "c.csv", list(course), [list(course.values())])
    assert import_file(store, "courses", path).inserted == 1
    feed = ROOT / "tests" / "data" / "market" / "lokerid.csv"
    assert import_postings(store, feed, partial=True).inserted > 0


# -- 4. no personal value in any error ----------------------------------------------------------------

PERSONAL = [
    "Sulastri",
    "Wahyuningsih",
    "S.Pd",
    "3273014506880002",
    "081234567890",
    "Bambang",
    "3273011201790003",
    "081298765432",
    "Perempuan",
    "1890",
    "TKI",
    "Lestari",
    "32730145068800",
    "0812-5555-4444",
    "1776",
    "Rahmat",
    "3273019999990009",
]
WORKER_HEADER = ["source", "external_id", "office_code", "full_name", "nik", "phone", "gender", "birth_year"]
WORKER_HEADER += ["migrant_status", "placement_country"]


def _bad_workers_csv(path: Path) -> Path:
    lines = [
        ",".join(WORKER_HEADER),
        # an unquoted comma in the name: one field too many
        "t,w1,BDG,Sulastri Wahyuningsih, S.Pd,3273014506880002,081234567890,F,1988,none,",
        "t,w2,BDG,Bambang Kusumo,3273011201790003,081298765432,Perempuan,1890,TKI,Malaysia",
        "t,w3,BDG,Dewi Lestari,32730145068800,0812-5555-4444,Z,abc,returned,",
        "t,w4,BDG,Dewi Lestari,3273014506880003,0812,F,1776,current,Taiwan",
        # a quoted field longer than the CSV reader's limit
        't,w5,BDG,"Rahmat 3273019999990009 ' + "x" * 200_000 + '",,,F,1990,none,',
        "t,w6,BDG,Ayu,,,F,1990,none,",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _assert_no_personal(text: str, where: str) -> None:
    leaked = [value for value in PERSONAL if value in text]
    assert leaked == [], f"{where} shows {leaked}"


def test_no_personal_value_reaches_any_error_output(
    store_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _bad_workers_csv(tmp_path / "workers.csv")
    _migrated(store_url)
    for args in ([], ["--partial"], ["--partial", "--json"], ["--lang", "en"], ["--json"]):
        result = _cli("import", "workers", str(path), "--db", store_url, *args)
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        _assert_no_personal(result.stdout + result.stderr, f"the CLI with {args}")
    caplog.set_level(logging.DEBUG)
    with open_store(store_url) as store:
        with pytest.raises(RowsRejectedError) as caught:
            import_file(store, "workers", path)
        report = caught.value.report
        _assert_no_personal(json.dumps(report.to_dict(max_errors=1000)) + str(caught.value), "the report")
        codes = {(e.row, e.field, e.code, e.allowed) for e in report.errors}
        assert (2, "gender", "choice", "F, M, X") in codes and (
            2,
            "birth_year",
            "range",
            "1930..2015",
        ) in codes
        assert (3, "birth_year", "type", "int") in codes and (3, "nik", "format", NIK_RULE) in codes
        assert {(e.row, e.code) for e in report.errors if e.field == "-"} == {(1, "row"), (5, "row")}
        # the same rows through the API, as JSON
        client = TestClient(create_app(store), raise_server_exceptions=False)
        admin = {"X-API-Key": create_key(store, "admin").secret}
        records = [dict(zip(WORKER_HEADER, line.split(","), strict=False)) for line in _lines(path)]
        body = [{k: v for k, v in r.items() if v} for r in records]
        response = client.post("/api/workers", json={"rows": body}, headers=admin)
        assert response.status_code == 422
        _assert_no_personal(response.text, "the API")
        _assert_no_personal(caplog.text, "the logs")
        assert _stored(store, "workers") == 1  # Ayu, from the --partial run


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[1:]


def test_every_personal_worker_field_is_marked_personal() -> None:
    personal = {f.name for f in WORKERS.fields if f.personal}
    assert {
        "full_name",
        "nik",
        "phone",
        "gender",
        "birth_year",
        "migrant_status",
        "placement_country",
    } <= personal


# -- 5. CSV download names -------------------------------------------------------------------------


def test_csv_download_accepts_only_known_groupings(store: Store) -> None:
    client = TestClient(create_app(store), raise_server_exceptions=False)
    for by in ("\U0001f600", 'a"b', "province\r\nSet-Cookie: x=1", "../x"):
        response = client.get("/analyst/demand.csv", params={"by": by})
        assert response.status_code == 422, by
        assert "content-disposition" not in response.headers
    good = client.get("/analyst/demand.csv", params={"by": "isco1"})
    assert good.status_code == 200
    assert good.headers["content-disposition"] == 'attachment; filename="tangkas-demand-isco1.csv"'


# -- 6. concurrent imports count their own rows ------------------------------------------------------


def test_two_imports_at_once_count_only_their_own_rows(store: Store, store_url: str, tmp_path: Path) -> None:
    if store.backend.name != "postgres":
        pytest.skip("one DuckDB file takes one writing process; PostgreSQL takes several")
    count = 20_000
    path = _csv(
        tmp_path / "postings.csv",
        ["source", "external_id", "title"],
        [["t", str(i), f"Kasir {i % 7}"] for i in range(count)],
    )
    staged = threading.Barrier(2, timeout=120)
    reports: list[RowReport] = []
    failures: list[BaseException] = []

    def run() -> None:
        try:
            with open_store(store_url) as own:
                # both loads have staged every row before either merges: they overlap for sure
                reports.append(import_file(own, "postings", path, progress=lambda _: staged.wait()))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == []
    assert sorted(r.inserted for r in reports)[-1] == count
    assert sum(r.inserted for r in reports) == count == _stored(store, "postings")
    assert sum(r.duplicates for r in reports) == count
