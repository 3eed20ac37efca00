"""Social-security membership spells, PMI placements and placement documents (issue 18, records): the
same validated, all-or-nothing, idempotent import as every entity, a clear error per bad row that never
echoes a personal value, the demo's synthetic records, access by role with every read audited, and the
worker's export and erasure. Every test runs on DuckDB and PostgreSQL."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from signing import sign_in
from typer.testing import CliRunner

from tangkas.cli.app import app as cli
from tangkas.countries import COUNTRY_RULE
from tangkas.rows.entities import DOCUMENTS
from tangkas.rows.report import RowsRejectedError
from tangkas.services.demo import load_demo
from tangkas.services.demo_records import DESTINATIONS, demo_records
from tangkas.services.imports import import_file, import_rows
from tangkas.store import Store, open_store
from tangkas.store.keys import ApiKey, create_key
from tangkas.store.schema import LATEST
from tangkas.web import create_app

AGENCY = "PT Rahasia Jaya"  # a value that must never reach an error, a log or the audit
WORKER_REF = "workers (worker_source, worker_external_id)"
PLACEMENT_REF = "placements (placement_source, placement_external_id)"


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    names = list(dict.fromkeys(name for row in rows for name in row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _workers(store: Store) -> None:
    rows = [
        {
            "source": "siapkerja",
            "external_id": f"w{n}",
            "office_code": office,
            "full_name": f"Ibu Rahasia {n}",
        }
        for n, office in ((1, "BDG"), (2, "BDG"), (3, "SBY"))
    ]
    import_rows(store, "workers", rows, "test")


def _id(store: Store, external_id: str) -> int:
    return int(store.backend.scalar("SELECT id FROM workers WHERE external_id = ?", (external_id,)))


def spell(external_id: str, worker: str = "w1", **extra: Any) -> dict[str, Any]:
    row = {"source": "bpjs", "external_id": external_id, "worker_source": "siapkerja"}
    row |= {"worker_external_id": worker, "programme": "JKK", "segment": "pmi"}
    return row | {"valid_from": "2025-01-01", "paid_until": "2025-06-30"} | extra


def placement(external_id: str, worker: str = "w1", **extra: Any) -> dict[str, Any]:
    row = {"source": "siskop2mi", "external_id": external_id, "worker_source": "siapkerja"}
    row |= {"worker_external_id": worker, "destination": "TW", "sector": "caregiving", "agency": AGENCY}
    row |= {"occupation_uri": "5322.1", "isco": "5322", "status": "abroad", "contract_start": "2025-02-01"}
    return row | {"contract_end": "2028-01-31", "departed_on": "2025-01-30", "fee_charged_idr": "0"} | extra


def document(external_id: str, kind: str = "passport", **extra: Any) -> dict[str, Any]:
    row = {"source": "siskop2mi", "external_id": external_id, "placement_source": "siskop2mi"}
    row |= {"placement_external_id": "p1", "document": kind, "issued_on": "2024-06-01"}
    return row | {"expires_on": "2034-06-01"} | extra


def _count(store: Store, table: str) -> int:
    return int(store.backend.scalar(f"SELECT COUNT(*) FROM {table}"))


# --- the import ---------------------------------------------------------------------------------------


def test_records_import_from_csv_resolves_workers_and_is_idempotent(store: Store, tmp_path: Path) -> None:
    assert LATEST >= 13
    _workers(store)
    spells = [
        spell("m1"),
        spell("m2", programme="JKM"),
        spell("m3", valid_from="2025-07-01", paid_until="2025-12-31"),
    ]
    files = {
        "memberships": _write(tmp_path / "m.csv", spells),
        "placements": _write(
            tmp_path / "p.csv", [placement("p1"), placement("p2", "w3", status="prospective")]
        ),
        "placement_documents": _write(
            tmp_path / "d.csv", [document("d1"), document("d2", "work_visa", expires_on="")]
        ),
    }
    for kind, path in files.items():
        report = import_file(store, kind, path)
        assert (report.inserted, report.duplicates, report.errors) == (_count(store, kind), 0, [])
        again = import_file(store, kind, path)
        assert (again.inserted, again.duplicates) == (0, report.rows)
    assert store.backend.query("SELECT worker_id, programme, valid_from FROM memberships ORDER BY id")[0] == {
        "worker_id": _id(store, "w1"),
        "programme": "JKK",
        "valid_from": date(2025, 1, 1),
    }
    stored = store.backend.query(
        "SELECT worker_id, destination, status, fee_charged_idr FROM placements ORDER BY id"
    )
    assert [(p["worker_id"], p["destination"], p["status"]) for p in stored] == [
        (_id(store, "w1"), "TW", "abroad"),
        (_id(store, "w3"), "TW", "prospective"),
    ]
    documents = store.backend.query(
        "SELECT placement_id, document, expires_on FROM placement_documents ORDER BY id"
    )
    first = int(store.backend.scalar("SELECT id FROM placements WHERE external_id = 'p1'"))
    assert [(d["placement_id"], d["document"], d["expires_on"]) for d in documents] == [
        (first, "passport", date(2034, 6, 1)),
        (first, "work_visa", None),
    ]


BAD_ROWS: list[tuple[str, dict[str, Any], tuple[str, str, str, str]]] = [
    ("memberships", spell("b", paid_until="2024-12-31"), ("paid_until", "date_order", "", "valid_from")),
    ("memberships", spell("b", programme="JKX"), ("programme", "choice", "", "JHT, JKK, JKM, JKN, JKP, JP")),
    ("memberships", spell("b", worker="nobody"), ("worker_external_id", "unknown_reference", "", WORKER_REF)),
    ("memberships", spell("b", valid_from="1 Jan"), ("valid_from", "type", "", "date")),
    (
        "placements",
        placement("b", contract_end="2024-01-31"),
        ("contract_end", "date_order", "", "contract_start"),
    ),
    (
        "placements",
        placement("b", returned_on="2025-01-01", status="returned"),
        ("returned_on", "date_order", "", "departed_on"),
    ),
    ("placements", placement("b", destination="XX"), ("destination", "choice", "", COUNTRY_RULE)),
    ("placements", placement("b", destination="Taiwan"), ("destination", "choice", "", COUNTRY_RULE)),
    ("placements", placement("b", departed_on=""), ("departed_on", "needed", "", "status abroad")),
    ("placements", placement("b", status="returned"), ("returned_on", "needed", "", "status returned")),
    (
        "placements",
        placement("b", occupation_uri="tukang sihir"),
        ("occupation_uri", "unknown_concept", "", ""),
    ),
    ("placements", placement("b", fee_charged_idr="-5"), ("fee_charged_idr", "range", "", "0..1000000000")),
    ("placements", placement("b", worker="w9"), ("worker_external_id", "unknown_reference", "", WORKER_REF)),
    (
        "placement_documents",
        document("b", expires_on="2020-01-01"),
        ("expires_on", "date_order", "", "issued_on"),
    ),
    (
        "placement_documents",
        document("b", "visa"),
        (
            "document",
            "choice",
            "",
            ", ".join(sorted(DOCUMENTS)),
        ),
    ),
    (
        "placement_documents",
        document("b", placement_external_id="p9"),
        ("placement_external_id", "unknown_reference", "", PLACEMENT_REF),
    ),
    (
        "workers",
        {"office_code": "BDG", "full_name": "Ibu Rahasia", "birth_year": str(date.today().year + 1)},
        ("birth_year", "range", "", "1930..2015"),
    ),
]


@pytest.mark.parametrize(
    ("kind", "bad", "error"), BAD_ROWS, ids=[f"{k}-{e[0]}-{e[1]}" for k, _, e in BAD_ROWS]
)
def test_records_a_bad_row_rejects_the_file_whole_with_its_exact_error(
    store: Store, tmp_path: Path, kind: str, bad: dict[str, Any], error: tuple[str, str, str, str]
) -> None:
    _workers(store)
    import_rows(store, "placements", [placement("p1")], "test")
    before = _count(store, kind)
    good = {"memberships": spell("g"), "placements": placement("g"), "placement_documents": document("g")}
    good["workers"] = {"office_code": "BDG", "full_name": "Pak Baik"}
    rows = [
        {"source": "t", "external_id": "good", **good[kind]},
        {"source": "t", "external_id": "bad", **bad},
    ]
    path = _write(tmp_path / f"{kind}.csv", rows)
    with pytest.raises(RowsRejectedError) as caught:
        import_file(store, kind, path)
    report = caught.value.report
    assert [(e.row, e.field, e.code, e.detail, e.allowed) for e in report.errors] == [(2, *error)]
    assert _count(store, kind) == before  # nothing half-imported: the good row is not in either
    shown = json.dumps(report.to_dict()) + str(caught.value)
    for value in (AGENCY, "Taiwan", "tukang sihir", "nobody", "Rahasia"):
        assert value not in shown


def test_records_overlapping_spells_name_the_rows_in_the_file_and_the_stored_spell(
    store: Store, tmp_path: Path
) -> None:
    _workers(store)
    import_rows(store, "memberships", [spell("m1")], "test")
    stored = int(store.backend.scalar("SELECT id FROM memberships"))
    rows = [
        spell("m1"),  # the stored spell again: not an overlap
        spell("m2", valid_from="2025-07-01", paid_until="2025-12-31"),  # follows it: fine
        spell("m3", valid_from="2025-06-30", paid_until="2025-08-31"),  # overlaps both
        spell("m4", valid_from="2025-09-01", paid_until="2025-09-30", programme="JKM"),  # another programme
        spell("m5", worker="w2", valid_from="2025-03-01", paid_until="2025-03-31"),  # another worker
        spell("m6", valid_from="2025-12-31", paid_until="2026-03-31"),  # the last day of row 2
    ]
    path = _write(tmp_path / "spells.csv", rows)
    with pytest.raises(RowsRejectedError) as caught:
        import_file(store, "memberships", path)
    errors = [(e.row, e.field, e.code, e.detail) for e in caught.value.report.errors]
    assert errors == [
        (3, "valid_from", "overlap", "1"),  # row 1 is the stored spell posted again, under its own key
        (3, "valid_from", "overlap_stored", str(stored)),
        (6, "valid_from", "overlap", "2"),
    ]
    assert caught.value.report.rejected_rows == 2 and _count(store, "memberships") == 1
    partial = import_file(store, "memberships", path, partial=True)
    assert (partial.inserted, partial.duplicates, partial.rejected_rows) == (3, 1, 2)


def test_records_import_command_reports_each_row_in_indonesian_and_english(
    store_url: str, tmp_path: Path
) -> None:
    with open_store(store_url) as store:
        store.migrate()
        _workers(store)
    rows = [
        spell("m1"),
        spell("m2", valid_from="2025-03-01", paid_until="2025-04-30"),
        spell("m3", paid_until="2024-01-01"),
    ]
    path = _write(tmp_path / "spells.csv", rows)
    indonesian = CliRunner().invoke(cli, ["import", "memberships", str(path), "--db", store_url])
    assert indonesian.exit_code == 2, indonesian.output
    assert "baris 2, kolom valid_from: masanya tumpang tindih dengan baris 1" in indonesian.output
    assert "baris 3, kolom paid_until: tanggal ini sebelum valid_from" in indonesian.output
    english = CliRunner().invoke(cli, ["import", "memberships", str(path), "--db", store_url, "--lang", "en"])
    assert (
        "row 2, field valid_from: its period overlaps row 1 (the same worker and programme)" in english.output
    )
    assert "row 3, field paid_until: this date is before valid_from" in english.output
    with open_store(store_url) as store:
        assert _count(store, "memberships") == 0


# --- the demo -----------------------------------------------------------------------------------------


def test_records_demo_has_every_case_labelled_synthetic_and_loads_once(store: Store) -> None:
    today = date(2026, 3, 2)
    report = load_demo(store, postings=0, workers=80, today=today)
    assert report.memberships > 0 and report.placements > 0 and report.documents > 0
    for table in ("memberships", "placements", "placement_documents"):
        assert store.backend.scalar(f"SELECT COUNT(*) FROM {table} WHERE NOT synthetic") == 0
    statuses = store.backend.query(
        "SELECT w.migrant_status, p.status, p.destination FROM placements p "
        "JOIN workers w ON w.id = p.worker_id"
    )
    assert {(r["migrant_status"], r["status"]) for r in statuses} == {
        ("prospective", "prospective"),
        ("current", "abroad"),
        ("returned", "returned"),
    }
    assert {r["destination"] for r in statuses} <= set(DESTINATIONS)
    migrants = store.backend.scalar("SELECT COUNT(*) FROM workers WHERE migrant_status <> 'none'")
    assert len(statuses) == migrants
    soon, lapsed = today + timedelta(days=30), today - timedelta(days=1)
    assert store.backend.scalar(
        "SELECT COUNT(*) FROM memberships WHERE paid_until BETWEEN ? AND ?", (today, soon)
    )
    assert store.backend.scalar("SELECT COUNT(*) FROM memberships WHERE paid_until <= ?", (lapsed,))
    no_jkk = (
        "SELECT COUNT(*) FROM workers w WHERE NOT EXISTS "
        "(SELECT 1 FROM memberships m WHERE m.worker_id = w.id AND m.programme = 'JKK')"
    )
    assert 0 < store.backend.scalar(no_jkk) < 80
    missing = store.backend.scalar(
        "SELECT COUNT(*) FROM placements p WHERE p.status = 'prospective' AND "
        "(SELECT COUNT(*) FROM placement_documents d WHERE d.placement_id = p.id) < 8"
    )
    assert missing > 0
    again = load_demo(store, postings=0, workers=80, today=today + timedelta(days=200))
    assert (again.memberships, again.placements, again.documents) == (0, 0, 0)


def test_records_demo_is_deterministic() -> None:
    workers = [
        {
            "source": "demo",
            "external_id": f"w{n:04d}",
            "migrant_status": status,
            "bpjs_ketenagakerjaan": n % 2 == 0,
            "bpjs_kesehatan": True,
        }
        for n, status in enumerate(["none", "prospective", "current", "returned"] * 5)
    ]
    first, second = demo_records(workers, date(2026, 1, 1)), demo_records(workers, date(2026, 1, 1))
    assert first == second and len(first.placements) == 15


# --- access, audit, export and erasure -----------------------------------------------------------------


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


def _with_records(store: Store) -> int:
    _workers(store)
    import_rows(store, "memberships", [spell("m1"), spell("m2", programme="JKM")], "test")
    import_rows(store, "placements", [placement("p1")], "test")
    import_rows(store, "placement_documents", [document("d1"), document("d2", "work_visa")], "test")
    return _id(store, "w1")


def test_records_api_only_the_workers_office_reads_them_and_every_read_is_audited(
    store: Store, keys: dict[str, ApiKey]
) -> None:
    client, worker_id = TestClient(create_app(store)), _with_records(store)
    for part in ("memberships", "placements"):
        url = f"/api/workers/{worker_id}/{part}"
        assert client.get(url).status_code == 401
        assert client.get(url, headers=_h(keys["sby"])).status_code == 404
        assert client.get(url, headers=_h(keys["analyst"])).status_code == 403
        assert client.get(url, headers=_h(keys["provider"])).status_code == 403
        assert client.get(url, headers=_h(keys["admin"])).status_code == 200
    spells = client.get(f"/api/workers/{worker_id}/memberships", headers=_h(keys["bdg"])).json()
    assert spells["worker_id"] == worker_id
    assert [(s["programme"], s["valid_from"], s["paid_until"]) for s in spells["items"]] == [
        ("JKK", "2025-01-01", "2025-06-30"),
        ("JKM", "2025-01-01", "2025-06-30"),
    ]
    placements = client.get(f"/api/workers/{worker_id}/placements", headers=_h(keys["bdg"])).json()["items"]
    assert [(p["destination"], p["agency"], p["status"]) for p in placements] == [("TW", AGENCY, "abroad")]
    assert [d["document"] for d in placements[0]["documents"]] == ["passport", "work_visa"]
    reads = store.backend.query(
        "SELECT key_id, action, entity, entity_id, detail FROM audit_log WHERE action LIKE ? ORDER BY id",
        ("read_%",),
    )
    ours = [r for r in reads if r["key_id"] == keys["bdg"].id]
    assert [(r["action"], r["entity"], r["entity_id"]) for r in ours] == [
        ("read_memberships", "worker", str(worker_id)),
        ("read_placements", "worker", str(worker_id)),
    ]
    assert json.loads(ours[1]["detail"]) == {
        "ids": [p["id"] for p in placements],
        "documents": [d["id"] for d in placements[0]["documents"]],
    }
    denied = store.backend.query("SELECT key_id, entity_id, detail FROM audit_log WHERE action = 'denied'")
    statuses = {(d["key_id"], json.loads(d["detail"])["status"]) for d in denied}
    assert {
        (None, 401),
        (keys["sby"].id, 404),
        (keys["analyst"].id, 403),
        (keys["provider"].id, 403),
    } <= statuses
    audit = json.dumps(store.backend.query("SELECT * FROM audit_log"), default=str)
    assert AGENCY not in audit and "caregiving" not in audit and "2025-06-30" not in audit


def test_records_api_import_keeps_a_counsellor_to_their_office(store: Store, keys: dict[str, ApiKey]) -> None:
    client = TestClient(create_app(store))
    _workers(store)
    own = client.post("/api/memberships", json={"rows": [spell("m1")]}, headers=_h(keys["bdg"]))
    assert own.status_code == 200 and own.json() == {"rows": 1, "inserted": 1, "duplicates": 0}
    assert store.backend.scalar("SELECT source FROM memberships") == "BDG/bpjs"
    # another office's worker is refused exactly as one that does not exist: no probing
    other = client.post(
        "/api/placements", json={"rows": [placement("p1", "w3", fee_charged_idr=0)]}, headers=_h(keys["bdg"])
    )
    assert other.status_code == 422
    assert other.json()["error"]["rows"] == [
        {
            "row": 1,
            "field": "worker_external_id",
            "code": "unknown_reference",
            "detail": "",
            "allowed": WORKER_REF,
        }
    ]
    assert (
        client.post(
            "/api/placements",
            json={"rows": [placement("p1", "w3", fee_charged_idr=0)]},
            headers=_h(keys["sby"]),
        ).status_code
        == 200
    )
    mine = document("d1", placement_source="SBY/siskop2mi")
    assert (
        client.post("/api/placement_documents", json={"rows": [mine]}, headers=_h(keys["bdg"])).status_code
        == 422
    )
    assert (
        client.post("/api/placement_documents", json={"rows": [mine]}, headers=_h(keys["sby"])).status_code
        == 200
    )
    typed = client.post(
        "/api/memberships", json={"rows": [spell("m9", valid_from=20250101)]}, headers=_h(keys["bdg"])
    )
    assert typed.status_code == 422 and typed.json()["error"]["rows"][0]["field"] == "valid_from"
    assert (
        client.post("/api/memberships", json={"rows": [spell("m2")]}, headers=_h(keys["analyst"])).status_code
        == 403
    )
    imports = store.backend.query(
        "SELECT action, entity, detail FROM audit_log WHERE action LIKE ? ORDER BY id",
        ("import%",),
    )
    assert [(i["action"], i["entity"]) for i in imports] == [
        ("import", "membership"),
        ("import_refused", "placement"),
        ("import", "placement"),
        ("import_refused", "placement_document"),
        ("import", "placement_document"),
        ("import_refused", "membership"),
    ]
    assert json.loads(imports[0]["detail"]) == {"rows": 1, "inserted": 1, "sources": ["BDG/bpjs"]}


def test_records_are_in_the_workers_export_and_deleted_with_an_erasure(
    store: Store, keys: dict[str, ApiKey]
) -> None:
    client, worker_id = TestClient(create_app(store)), _with_records(store)
    client.get(f"/api/workers/{worker_id}/placements", headers=_h(keys["bdg"]))
    document_ = client.get(f"/api/workers/{worker_id}/export", headers=_h(keys["bdg"])).json()
    assert [(m["programme"], m["valid_from"]) for m in document_["memberships"]] == [
        ("JKK", "2025-01-01"),
        ("JKM", "2025-01-01"),
    ]
    assert document_["placements"][0]["agency"] == AGENCY
    assert [d["document"] for d in document_["placements"][0]["documents"]] == ["passport", "work_visa"]
    assert "read_placements" in {e["action"] for e in document_["audit"]}
    # the erasure page says they go, in either language
    sign_in(client, keys["bdg"].secret)
    assert (
        "Masa kepesertaan jaminan sosial, penempatan PMI dan dokumennya"
        in client.get(f"/workers/{worker_id}/erase").text
    )
    english = client.get(f"/workers/{worker_id}/erase?lang=en").text
    assert "Social-security membership spells, PMI placements and their documents" in english
    # another worker's records stay; this worker's go
    import_rows(store, "memberships", [spell("o1", "w2")], "test")
    assert client.delete(f"/api/workers/{worker_id}", headers=_h(keys["bdg"])).status_code == 204
    assert (_count(store, "placements"), _count(store, "placement_documents")) == (0, 0)
    assert store.backend.query("SELECT external_id FROM memberships") == [{"external_id": "o1"}]
    assert client.get(f"/api/workers/{worker_id}/memberships", headers=_h(keys["bdg"])).status_code == 404
    # the erased worker cannot be named by a later import either
    with pytest.raises(RowsRejectedError):
        import_rows(
            store, "memberships", [spell("m7", valid_from="2027-01-01", paid_until="2027-02-01")], "t"
        )
