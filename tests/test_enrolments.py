"""Course enrolments and their outcomes (training, certificate, a job found after it): one way in like every
entity, from files and the API, all or nothing and idempotent, a clear error per bad row that never echoes
a personal value, a counsellor kept to their office's workers (any course), reads audited, the legacy
rows kept by migration 16, and the worker's export and erasure. Every test runs on DuckDB and
PostgreSQL."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tangkas.cli.app import app as cli
from tangkas.rows.entities import ISCO_RULE
from tangkas.rows.report import RowsRejectedError
from tangkas.services.imports import import_file, import_rows
from tangkas.store import Store, open_store
from tangkas.store.keys import ApiKey, create_key
from tangkas.store.schema import LATEST, migrate
from tangkas.web import create_app

SKILL = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97"
TAILOR = "7531.5"
WORKER_REF = "workers (worker_source, worker_external_id)"
COURSE_REF = "courses (course_source, course_external_id)"
SECRET_DAY = "2025-04-17"  # a value that must never reach an error or the audit


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    names = list(dict.fromkeys(name for row in rows for name in row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _workers_and_courses(store: Store) -> None:
    workers = [
        {
            "source": "siapkerja",
            "external_id": f"w{n}",
            "office_code": office,
            "full_name": f"Ibu Rahasia {n}",
        }
        for n, office in ((1, "BDG"), (2, "BDG"), (3, "SBY"))
    ]
    import_rows(store, "workers", workers, "test")
    courses = [
        {
            "source": "lpk",
            "external_id": f"c{n}",
            "provider": provider,
            "title_id": title_id,
            "title_en": title_en,
            "skills": SKILL,
            "hours": 40,
            "cost_idr": 0,
            "mode": "online",
        }
        for n, provider, title_id, title_en in (
            (1, "BLK Bandung", "Menjahit Dasar", "Basic Sewing"),
            (2, "BLK Surabaya", "Menjahit Lanjut", "Advanced Sewing"),
        )
    ]
    import_rows(store, "courses", courses, "test")


def _id(store: Store, table: str, external_id: str) -> int:
    return int(store.backend.scalar(f"SELECT id FROM {table} WHERE external_id = ?", (external_id,)))


def enrolment(external_id: str, worker: str = "w1", course: str = "c1", **extra: Any) -> dict[str, Any]:
    row = {"source": "siakad", "external_id": external_id, "worker_source": "siapkerja"}
    row |= {"worker_external_id": worker, "course_source": "lpk", "course_external_id": course}
    row |= {"status": "completed", "enrolled_on": "2025-01-06", "completed_on": "2025-03-28"}
    row |= {"certified": "ya", "placed": "ya", "placed_on": SECRET_DAY, "placed_occupation_uri": TAILOR}
    return row | {"placed_isco": "7531"} | extra


def posted(external_id: str, worker: str = "w1", course: str = "c1", **extra: Any) -> dict[str, Any]:
    """An enrolment as an API body holds it: yes/no as JSON booleans."""
    return enrolment(external_id, worker, course, **({"certified": True, "placed": True} | extra))


def _count(store: Store) -> int:
    return int(store.backend.scalar("SELECT COUNT(*) FROM enrolments"))


@pytest.fixture
def keys(store: Store) -> dict[str, ApiKey]:
    return {
        "bdg": create_key(store, "counsellor", office_code="BDG"),
        "sby": create_key(store, "counsellor", office_code="SBY"),
        "analyst": create_key(store, "analyst"),
        "provider": create_key(store, "provider", provider="BLK Bandung"),
        "admin": create_key(store, "admin"),
    }


def _h(key: ApiKey) -> dict[str, str]:
    return {"X-API-Key": key.secret}


def _audit(store: Store, action: str) -> list[dict[str, Any]]:
    return store.backend.query(
        "SELECT key_id, action, entity, entity_id, detail FROM audit_log WHERE action = ? ORDER BY id",
        (action,),
    )


# --- the import ---------------------------------------------------------------------------------------


def test_enrolments_import_from_csv_resolves_worker_and_course_and_is_idempotent(
    store: Store, tmp_path: Path
) -> None:
    assert LATEST >= 16
    _workers_and_courses(store)
    rows = [
        enrolment("e1"),
        enrolment("e2", "w2", status="enrolled", completed_on="", certified="", placed="", placed_on="")
        | {"placed_occupation_uri": "", "placed_isco": ""},
        enrolment(
            "e3", "w3", "c2", status="dropped", completed_on="", placed_occupation_uri="", placed_isco=""
        ),
        # the same course again for the same worker: a second enrolment under its own key
        enrolment("e4", completed_on="", status="enrolled", enrolled_on="2025-06-02", placed="tidak")
        | {"placed_on": "", "placed_occupation_uri": "", "placed_isco": ""},
    ]
    path = _write(tmp_path / "enrolments.csv", rows)
    report = import_file(store, "enrolments", path)
    assert (report.rows, report.inserted, report.duplicates, report.errors) == (4, 4, 0, [])
    again = import_file(store, "enrolments", path)
    assert (again.inserted, again.duplicates) == (0, 4) and _count(store) == 4
    stored = store.backend.query(
        "SELECT external_id, worker_id, course_id, status, enrolled_on, completed_on, certified, placed, "
        "placed_on, placed_occupation_uri, placed_isco, synthetic FROM enrolments ORDER BY id"
    )
    w1, c1 = _id(store, "workers", "w1"), _id(store, "courses", "c1")
    assert stored[0] == {
        "external_id": "e1",
        "worker_id": w1,
        "course_id": c1,
        "status": "completed",
        "enrolled_on": date(2025, 1, 6),
        "completed_on": date(2025, 3, 28),
        "certified": True,
        "placed": True,
        "placed_on": date(2025, 4, 17),
        "placed_occupation_uri": TAILOR,
        "placed_isco": "7531",
        "synthetic": False,
    }
    # an empty yes/no is "no" (the table's default), never NULL
    assert [(r["status"], r["certified"], r["placed"]) for r in stored[1:]] == [
        ("enrolled", False, False),
        ("dropped", True, True),
        ("enrolled", True, False),
    ]
    assert [(r["worker_id"], r["course_id"]) for r in stored].count((w1, c1)) == 2
    # a file import of personal records is audited, counts only
    imports = _audit(store, "import")
    assert [(i["key_id"], i["entity"]) for i in imports[-2:]] == [(None, "enrolment"), (None, "enrolment")]
    assert json.loads(imports[-2]["detail"]) == {"rows": 4, "inserted": 4, "rejected_rows": 0, "via": "file"}


BAD_ROWS: list[tuple[dict[str, Any], list[tuple[str, str, str, str]]]] = [
    (enrolment("b", completed_on=""), [("completed_on", "needed", "", "status completed")]),
    (enrolment("b", status="dropped"), [("completed_on", "only_when", "", "status completed")]),
    (
        enrolment("b", placed="tidak"),
        [
            ("placed_on", "only_when", "", "placed true"),
            ("placed_occupation_uri", "only_when", "", "placed true"),
            ("placed_isco", "only_when", "", "placed true"),
        ],
    ),
    (
        enrolment("b", placed="", placed_occupation_uri="", placed_isco=""),
        [("placed_on", "only_when", "", "placed true")],
    ),
    (enrolment("b", completed_on="2024-12-31"), [("completed_on", "date_order", "", "enrolled_on")]),
    (enrolment("b", placed_on="2024-12-31"), [("placed_on", "date_order", "", "enrolled_on")]),
    (enrolment("b", course="c9"), [("course_external_id", "unknown_reference", "", COURSE_REF)]),
    (enrolment("b", worker="w9"), [("worker_external_id", "unknown_reference", "", WORKER_REF)]),
    (
        enrolment("b", placed_occupation_uri="tukang sihir"),
        [("placed_occupation_uri", "unknown_concept", "", "")],
    ),
    (enrolment("b", placed_isco="75311"), [("placed_isco", "format", "", ISCO_RULE)]),
    (  # a status that is not one: completed_on is not allowed for it either
        enrolment("b", status="lulus"),
        [
            ("status", "choice", "", "completed, dropped, enrolled"),
            ("completed_on", "only_when", "", "status completed"),
        ],
    ),
    (enrolment("b", enrolled_on="6 Jan 2025"), [("enrolled_on", "type", "", "date")]),
]


@pytest.mark.parametrize(
    ("bad", "errors"), BAD_ROWS, ids=[f"{e[0][0]}-{e[0][1]}-{n}" for n, (_, e) in enumerate(BAD_ROWS)]
)
def test_enrolments_a_bad_row_rejects_the_file_whole_with_its_exact_errors(
    store: Store, tmp_path: Path, bad: dict[str, Any], errors: list[tuple[str, str, str, str]]
) -> None:
    _workers_and_courses(store)
    path = _write(tmp_path / "enrolments.csv", [enrolment("good"), bad])
    with pytest.raises(RowsRejectedError) as caught:
        import_file(store, "enrolments", path)
    report = caught.value.report
    assert [(e.row, e.field, e.code, e.detail, e.allowed) for e in report.errors] == [(2, *e) for e in errors]
    assert _count(store) == 0  # nothing half-imported: the good row is not in either
    shown = json.dumps(report.to_dict()) + str(caught.value)
    for value in (SECRET_DAY, "2024-12-31", "tukang sihir", "75311", "lulus", "6 Jan", "c9", "w9", "Rahasia"):
        assert value not in shown
    refused = _audit(store, "import_refused")
    assert [(r["entity"], json.loads(r["detail"])["errors"]) for r in refused] == [("enrolment", len(errors))]


def test_enrolments_import_command_reports_each_row_in_indonesian_and_english(
    store_url: str, tmp_path: Path
) -> None:
    with open_store(store_url) as store:
        store.migrate()
        _workers_and_courses(store)
    helped = CliRunner().invoke(cli, ["import", "--help"])
    assert helped.exit_code == 0 and "enrolments" in helped.output
    rows = [enrolment("e1"), enrolment("e2", placed="tidak", placed_occupation_uri="", placed_isco="")]
    path = _write(tmp_path / "enrolments.csv", rows)
    indonesian = CliRunner().invoke(cli, ["import", "enrolments", str(path), "--db", store_url])
    assert indonesian.exit_code == 2, indonesian.output
    assert "baris 2, kolom placed_on: hanya boleh diisi bila placed true" in indonesian.output
    english = CliRunner().invoke(cli, ["import", "enrolments", str(path), "--db", store_url, "--lang", "en"])
    assert "row 2, field placed_on: only allowed when placed true" in english.output
    assert SECRET_DAY not in indonesian.output + english.output
    with open_store(store_url) as store:
        assert _count(store) == 0
    _write(path, rows[:1])
    done = CliRunner().invoke(cli, ["import", "enrolments", str(path), "--db", store_url, "--lang", "en"])
    assert done.exit_code == 0, done.output
    assert "1 new rows, 0 already present, 0 rejected, of 1 rows." in done.output
    with open_store(store_url) as store:
        assert _count(store) == 1


# --- the API ------------------------------------------------------------------------------------------


def test_enrolments_api_import_keeps_a_counsellor_to_their_office_but_not_to_its_courses(
    store: Store, keys: dict[str, ApiKey]
) -> None:
    client = TestClient(create_app(store))
    _workers_and_courses(store)
    # a counsellor of BDG enrols their own worker in any course (c2 is a Surabaya provider's)
    own = client.post("/api/enrolments", json={"rows": [posted("e1", course="c2")]}, headers=_h(keys["bdg"]))
    assert own.status_code == 200 and own.json() == {"rows": 1, "inserted": 1, "duplicates": 0}
    assert store.backend.scalar("SELECT source FROM enrolments") == "BDG/siakad"
    again = client.post(
        "/api/enrolments", json={"rows": [posted("e1", course="c2")]}, headers=_h(keys["bdg"])
    )
    assert again.json() == {"rows": 1, "inserted": 0, "duplicates": 1}
    # another office's worker is refused exactly as one that does not exist: no probing
    answers = [
        client.post("/api/enrolments", json={"rows": [posted("e2", worker)]}, headers=_h(keys["bdg"]))
        for worker in ("w3", "w9")
    ]
    assert [a.status_code for a in answers] == [422, 422]
    assert (
        answers[0].json()["error"]["rows"]
        == answers[1].json()["error"]["rows"]
        == [
            {
                "row": 1,
                "field": "worker_external_id",
                "code": "unknown_reference",
                "detail": "",
                "allowed": WORKER_REF,
            }
        ]
    )
    # the other office's counsellor and an admin may
    for key in ("sby", "admin"):
        body = {"rows": [posted(f"e-{key}", "w3")]}
        assert client.post("/api/enrolments", json=body, headers=_h(keys[key])).status_code == 200
    assert store.backend.scalar("SELECT source FROM enrolments WHERE external_id = 'e-admin'") == "siakad"
    # JSON types as JSON says them, and only the roles that may see records
    typed = client.post(
        "/api/enrolments",
        json={"rows": [posted("e5", placed="yes", certified=1)]},
        headers=_h(keys["bdg"]),
    )
    assert typed.status_code == 422
    assert {r["field"] for r in typed.json()["error"]["rows"]} == {"placed", "certified"}
    body = {"rows": [posted("e6")]}
    for key in ("analyst", "provider"):
        assert client.post("/api/enrolments", json=body, headers=_h(keys[key])).status_code == 403
    assert client.post("/api/enrolments", json=body).status_code == 401
    # a multi-row body is all or nothing
    mixed = [posted("e7"), posted("e8", completed_on="")]
    assert client.post("/api/enrolments", json={"rows": mixed}, headers=_h(keys["bdg"])).status_code == 422
    assert _count(store) == 3
    imports = store.backend.query(
        "SELECT key_id, action, entity, detail FROM audit_log WHERE action LIKE ? ORDER BY id", ("import%",)
    )
    ours = [(i["key_id"], i["action"], i["entity"]) for i in imports if i["entity"] == "enrolment"]
    assert ours == [
        (keys["bdg"].id, "import", "enrolment"),
        (keys["bdg"].id, "import", "enrolment"),
        (keys["bdg"].id, "import_refused", "enrolment"),
        (keys["bdg"].id, "import_refused", "enrolment"),
        (keys["sby"].id, "import", "enrolment"),
        (keys["admin"].id, "import", "enrolment"),
        (keys["bdg"].id, "import_refused", "enrolment"),
        (keys["bdg"].id, "import_refused", "enrolment"),
    ]
    assert json.loads(imports[0]["detail"]) == {"rows": 1, "inserted": 1, "sources": ["BDG/siakad"]}
    assert SECRET_DAY not in json.dumps(store.backend.query("SELECT * FROM audit_log"), default=str)


def test_enrolments_api_only_the_workers_office_reads_them_with_the_course_and_every_read_is_audited(
    store: Store, keys: dict[str, ApiKey]
) -> None:
    client = TestClient(create_app(store))
    _workers_and_courses(store)
    unplaced = {"placed": "tidak", "placed_on": None, "placed_occupation_uri": None, "placed_isco": None}
    second = enrolment("e2", course="c2", status="enrolled", completed_on=None) | unplaced
    import_rows(store, "enrolments", [enrolment("e1"), second], "test")
    import_rows(store, "enrolments", [enrolment("e3", "w2")], "test")  # another worker's: not shown
    worker_id = _id(store, "workers", "w1")
    url = f"/api/workers/{worker_id}/enrolments"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=_h(keys["sby"])).status_code == 404
    assert client.get(url, headers=_h(keys["analyst"])).status_code == 403
    assert client.get(url, headers=_h(keys["provider"])).status_code == 403
    assert client.get("/api/workers/99999/enrolments", headers=_h(keys["bdg"])).status_code == 404
    assert client.get(url, headers=_h(keys["admin"])).status_code == 200
    answer = client.get(url, headers=_h(keys["bdg"])).json()
    assert answer["worker_id"] == worker_id
    items = answer["items"]
    assert [
        (e["external_id"], e["course_title"], e["course_title_en"], e["provider"], e["status"]) for e in items
    ] == [
        ("e1", "Menjahit Dasar", "Basic Sewing", "BLK Bandung", "completed"),
        ("e2", "Menjahit Lanjut", "Advanced Sewing", "BLK Surabaya", "enrolled"),
    ]
    assert (items[0]["placed"], items[0]["placed_on"], items[0]["placed_isco"]) == (True, SECRET_DAY, "7531")
    assert (items[1]["placed"], items[1]["placed_on"], items[1]["completed_on"]) == (False, None, None)
    reads = [r for r in _audit(store, "read_enrolments") if r["key_id"] == keys["bdg"].id]
    assert [(r["entity"], r["entity_id"], json.loads(r["detail"])) for r in reads] == [
        ("worker", str(worker_id), {"ids": [e["id"] for e in items]})
    ]
    denied = store.backend.query("SELECT key_id, detail FROM audit_log WHERE action = 'denied'")
    statuses = {(d["key_id"], json.loads(d["detail"])["status"]) for d in denied}
    assert {
        (None, 401),
        (keys["sby"].id, 404),
        (keys["analyst"].id, 403),
        (keys["provider"].id, 403),
    } <= statuses
    audit = json.dumps(store.backend.query("SELECT * FROM audit_log"), default=str)
    assert SECRET_DAY not in audit and "Menjahit" not in audit


def test_enrolments_api_spec_documents_the_row_body_and_the_read(store: Store) -> None:
    spec = TestClient(create_app(store)).get("/openapi.json").json()
    post = spec["paths"]["/api/enrolments"]["post"]
    assert {"401", "403", "413", "422"} <= set(post["responses"])
    body = post["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    row = spec["components"]["schemas"][body]["properties"]["rows"]["items"]
    assert row["additionalProperties"] is False
    assert set(row["required"]) == {
        "source",
        "external_id",
        "worker_source",
        "worker_external_id",
        "course_source",
        "course_external_id",
        "status",
    }
    assert row["properties"]["status"]["enum"] == ["completed", "dropped", "enrolled"]
    assert {"401", "403", "404"} <= set(
        spec["paths"]["/api/workers/{worker_id}/enrolments"]["get"]["responses"]
    )


# --- migration 16 ---------------------------------------------------------------------------------------


def test_enrolments_migration_16_keeps_legacy_rows_with_their_ids_under_the_source_legacy(
    store_url: str,
) -> None:
    with open_store(store_url) as old:
        assert migrate(old.backend, target=15)[-1] == 15
        old.backend.execute(
            "INSERT INTO workers (source, external_id, office_code, full_name) "
            "VALUES ('siapkerja', 'w1', 'BDG', 'X')"
        )
        old.backend.execute(
            "INSERT INTO enrolments (worker_id, course_id, status, completed_on, certified, placed, "
            "placed_occupation_uri) VALUES (1, 7, 'completed', '2024-05-01', TRUE, TRUE, ?), "
            "(1, 8, 'enrolled', NULL, FALSE, FALSE, NULL)",
            (TAILOR,),
        )
        ids = [int(i) for (i,) in old.backend.execute("SELECT id FROM enrolments ORDER BY id")]
        assert old.migrate() == list(range(16, LATEST + 1))
        rows = old.backend.query(
            "SELECT id, source, external_id, worker_id, course_id, status, completed_on, certified, placed, "
            "placed_on, placed_occupation_uri, placed_isco, synthetic, created_at FROM enrolments ORDER BY id"
        )
        assert rows[0] == {
            "id": ids[0],
            "source": "legacy",
            "external_id": str(ids[0]),
            "worker_id": 1,
            "course_id": 7,
            "status": "completed",
            "completed_on": date(2024, 5, 1),
            "certified": True,
            "placed": True,
            "placed_on": None,
            "placed_occupation_uri": TAILOR,
            "placed_isco": None,
            "synthetic": False,
            "created_at": None,
        }
        assert [(r["id"], r["external_id"], r["status"]) for r in rows[1:]] == [
            (ids[1], str(ids[1]), "enrolled")
        ]
        # the sequence goes on, and a worker may now take the same course twice
        old.backend.execute(
            "INSERT INTO enrolments (source, external_id, worker_id, course_id, status) "
            "VALUES ('siakad', 'again', 1, 7, 'enrolled')"
        )
        assert int(old.backend.scalar("SELECT id FROM enrolments WHERE external_id = 'again'")) > ids[1]
    with open_store(store_url) as store:
        assert store.version() == LATEST
        assert store.backend.scalar("SELECT COUNT(*) FROM enrolments WHERE source = 'legacy'") == 2


# --- export and erasure ---------------------------------------------------------------------------------


def test_enrolments_are_in_the_export_and_stay_after_an_erasure_without_their_external_ids(
    store: Store, keys: dict[str, ApiKey]
) -> None:
    client = TestClient(create_app(store))
    _workers_and_courses(store)
    import_rows(store, "enrolments", [enrolment("e1"), enrolment("e2", "w2")], "test")
    worker_id = _id(store, "workers", "w1")
    document = client.get(f"/api/workers/{worker_id}/export", headers=_h(keys["bdg"])).json()
    [exported] = document["enrolments"]
    assert {k: exported[k] for k in ("external_id", "course_title", "status", "placed", "placed_on")} == {
        "external_id": "e1",
        "course_title": "Menjahit Dasar",
        "status": "completed",
        "placed": True,
        "placed_on": SECRET_DAY,
    }
    assert (exported["placed_occupation_uri"], exported["placed_isco"]) == (TAILOR, "7531")
    assert client.delete(f"/api/workers/{worker_id}", headers=_h(keys["bdg"])).status_code == 204
    kept = store.backend.query(
        "SELECT id, worker_id, external_id, status, placed FROM enrolments ORDER BY id"
    )
    assert [(k["worker_id"], k["external_id"], k["status"], k["placed"]) for k in kept] == [
        (worker_id, f"erased-{kept[0]['id']}", "completed", True),  # the outcome stays, without its id
        (_id(store, "workers", "w2"), "e2", "completed", True),  # another worker's is untouched
    ]
    assert client.get(f"/api/workers/{worker_id}/enrolments", headers=_h(keys["bdg"])).status_code == 404
    # the erased worker cannot be named by a later import either
    with pytest.raises(RowsRejectedError) as caught:
        import_rows(store, "enrolments", [enrolment("e9")], "test")
    assert [e.code for e in caught.value.report.errors] == ["unknown_reference"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_enrolments_the_worker_page_lists_courses_and_outcomes_and_audits_the_read(
    store: Store, lang: str
) -> None:
    from signing import sign_in

    _workers_and_courses(store)
    rows = [
        enrolment(
            "e1",
            status="completed",
            enrolled_on="2026-01-05",
            completed_on="2026-02-20",
            certified=True,
            placed=True,
            placed_on="2026-03-10",
        ),
        enrolment(
            "e2",
            course="c2",
            status="dropped",
            enrolled_on="2026-03-01",
            completed_on="",
            certified="tidak",
            placed="tidak",
            placed_on="",
            placed_occupation_uri="",
            placed_isco="",
        ),
    ]
    import_rows(store, "enrolments", rows, "test")
    client = TestClient(create_app(store))
    key = create_key(store, "counsellor", office_code="BDG")
    assert sign_in(client, key.secret).status_code == 303
    page = client.get(f"/workers/{_id(store, 'workers', 'w1')}", params={"lang": lang})
    assert page.status_code == 200
    words = {
        "id": (
            "Kursus dan hasilnya",
            "Menjahit Dasar",
            "BLK Bandung",
            "Selesai",
            "mulai 5 Jan 2026",
            "bersertifikat",
            "sudah bekerja",
            "Menjahit Lanjut",
            "Berhenti",
        ),
        "en": (
            "Courses and their outcomes",
            "Basic Sewing",
            "Completed",
            "certified",
            "in a job",
            "Advanced Sewing",
            "Dropped out",
        ),
    }[lang]
    for word in words:
        assert word in page.text, word
    shown = store.backend.query("SELECT detail FROM audit_log WHERE action = 'read_enrolments'")
    assert [json.loads(str(r["detail"]))["ids"] for r in shown] == [
        [_id(store, "enrolments", "e1"), _id(store, "enrolments", "e2")]
    ]
    other = client.get(f"/workers/{_id(store, 'workers', 'w2')}", params={"lang": lang})
    assert ("Belum ada kursus yang tercatat." if lang == "id" else "No course on record yet.") in other.text
