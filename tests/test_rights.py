"""Data-subject rights under UU 27/2022 (UU PDP): legal basis, access/export, rectification, erasure,
retention, and the NIK rules. Every test runs on DuckDB and PostgreSQL."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from signing import sign_in as _login
from typer.testing import CliRunner

from tangkas.cli.app import app as cli
from tangkas.rows.nik import NIK_RULE
from tangkas.rows.report import RowsRejectedError
from tangkas.services import records, understand
from tangkas.services.imports import import_file, import_rows
from tangkas.store import Store, open_store
from tangkas.store.keys import ApiKey, create_key
from tangkas.store.schema import migrate
from tangkas.web import create_app

TAILOR = "7531.5"
NIK = "3273014403880007"  # a woman born 4 March 1988, Kota Bandung
OTHER_NIK = "3578010101900001"
PHONE = "081234567890"


def _row(external_id: str, office: str = "BDG", **extra: object) -> dict[str, object]:
    return {
        "source": "t",
        "external_id": external_id,
        "office_code": office,
        "full_name": f"Ibu Rahasia {external_id}",
        "province_code": "32",
        "occupations": TAILOR,
        **extra,
    }


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


@pytest.fixture
def keys(store: Store) -> dict[str, ApiKey]:
    return {
        "bdg": create_key(store, "counsellor", office_code="BDG", label="Bu Sari"),
        "sby": create_key(store, "counsellor", office_code="SBY"),
        "admin": create_key(store, "admin"),
        "analyst": create_key(store, "analyst"),
    }


def _h(key: ApiKey) -> dict[str, str]:
    return {"X-API-Key": key.secret}


def _id(store: Store, external_id: str) -> int:
    return int(store.backend.scalar("SELECT id FROM workers WHERE external_id = ?", (external_id,)))


def _token(text: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', text)
    assert found
    return found.group(1)


def _audit_text(store: Store) -> str:
    return json.dumps(store.backend.query("SELECT * FROM audit_log"), default=str)


# --- NIK rules --------------------------------------------------------------------------------------


def test_rights_nik_of_bad_structure_or_registered_elsewhere_is_refused_without_saying_where(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    import_rows(store, "workers", [_row("s1", "SBY", nik=NIK)], "test")
    # 16 digits, but province 00 / day 00 of month 00: the old check (16 digits) let them in
    for bad in ("0073014403880007", "3273010000880007"):
        refused = client.post("/api/workers", json={"rows": [_row("b1", nik=bad)]}, headers=_h(keys["bdg"]))
        assert refused.status_code == 422
        assert refused.json()["error"]["rows"] == [
            {"row": 1, "field": "nik", "code": "format", "detail": "structure", "allowed": NIK_RULE}
        ]
        assert bad not in refused.text
    # registered at SBY: BDG is refused, and told nothing about the holder or the office
    taken = client.post("/api/workers", json={"rows": [_row("b2", nik=NIK)]}, headers=_h(keys["bdg"]))
    assert taken.status_code == 422
    duplicate = {"row": 1, "field": "nik", "code": "duplicate", "detail": "", "allowed": ""}
    assert taken.json()["error"]["rows"] == [duplicate]
    assert "SBY" not in taken.text and "Rahasia" not in taken.text and NIK not in taken.text
    twice = [_row("b3", nik=OTHER_NIK), _row("b4", nik=OTHER_NIK)]
    repeated = client.post("/api/workers", json={"rows": twice}, headers=_h(keys["bdg"]))
    assert repeated.status_code == 422 and repeated.json()["error"]["rows"][0]["row"] == 2
    assert store.backend.scalar("SELECT COUNT(*) FROM workers WHERE office_code = 'BDG'") == 0
    # the page form says the same words, in both languages
    _login(client, keys["bdg"].secret)
    token = _token(client.get("/workers/new").text)
    form = {"csrf": token, "full_name": "Pak Baru", "nik": NIK}
    assert "NIK ini sudah terdaftar; hubungi administrator." in client.post("/workers/new", data=form).text
    english = client.post("/workers/new?lang=en", data=form).text
    assert "This NIK is already registered; contact the administrator." in english and "SBY" not in english
    structure = client.post("/workers/new?lang=id", data={**form, "nik": "3273013002880007"}).text
    assert "NIK tidak sah: periksa kode provinsi dan tanggal lahir di dalamnya." in structure


def test_rights_nik_is_masked_in_every_list_and_whole_only_on_the_workers_own_record(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    import_rows(store, "workers", [_row("m1", nik=NIK)], "test")
    listed = client.get("/api/workers", headers=_h(keys["bdg"])).json()["items"]
    assert [w["nik"] for w in listed] == ["3273********0007"]
    found = client.post("/api/workers/search", json={"q": NIK[:8]}, headers=_h(keys["bdg"])).json()
    assert [w["nik"] for w in found["items"]] == ["3273********0007"]
    assert client.get(f"/api/workers/{_id(store, 'm1')}", headers=_h(keys["bdg"])).json()["nik"] == NIK
    # a NIK in a URL is refused: it would land in access logs and the browser's history
    assert client.get("/api/workers", params={"q": NIK}, headers=_h(keys["bdg"])).status_code == 422
    _login(client, keys["bdg"].secret)
    page = client.get("/workers").text
    assert "3273********0007" in page and NIK not in page
    assert NIK in client.get(f"/workers/{_id(store, 'm1')}").text


def test_rights_a_nik_search_on_the_page_never_reaches_a_url_or_a_log(
    client: TestClient, store: Store, keys: dict[str, ApiKey], caplog: pytest.LogCaptureFixture
) -> None:
    rows = [_row(f"p{i}", nik=f"32730144038800{i:02d}", full_name=f"Siti {i:02d}") for i in range(10, 70)]
    import_rows(store, "workers", rows, "test")
    _login(client, keys["bdg"].secret)
    urls: list[str] = []
    client.event_hooks["request"] = [lambda request: urls.append(str(request.url))]
    with caplog.at_level(logging.DEBUG):
        token = _token(client.get("/workers").text)
        found = client.post("/workers", data={"csrf": token, "q": "3273014403"})
        assert found.status_code == 200 and found.context["page"].total == 60  # type: ignore[attr-defined]
        second = client.post("/workers", data={"csrf": token, "q": "3273014403", "offset": 50})
        assert len(second.context["page"].workers) == 10  # type: ignore[attr-defined]
    assert urls and not any("3273014403" in url for url in urls)
    assert "3273014403" not in caplog.text and "POST /workers 200" in caplog.text
    hrefs = re.findall(r'(?:href|action)="([^"]+)"', found.text + second.text)
    assert hrefs and not any("3273014403" in href for href in hrefs)
    # an old bookmark with ?q= shows the plain list, not a search
    assert client.get("/workers", params={"q": "Siti 10"}).context["page"].query == ""  # type: ignore[attr-defined]


# --- legal basis ------------------------------------------------------------------------------------


def test_rights_legal_basis_is_recorded_at_registration_and_shown(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    api = client.post(
        "/api/workers",
        json={"rows": [_row("l1"), _row("l2", legal_basis="contract")]},
        headers=_h(keys["bdg"]),
    )
    assert api.status_code == 200
    bases = store.backend.execute("SELECT external_id, legal_basis FROM workers ORDER BY external_id")
    assert bases == [("l1", "public_task"), ("l2", "contract")]  # blank: the documented default
    wrong = client.post(
        "/api/workers", json={"rows": [_row("l3", legal_basis="because")]}, headers=_h(keys["bdg"])
    )
    assert wrong.status_code == 422 and wrong.json()["error"]["rows"][0]["field"] == "legal_basis"
    _login(client, keys["bdg"].secret)
    form = client.get("/workers/new")
    assert (
        'value="public_task" selected' in form.text and "Persetujuan yang sah secara eksplisit" in form.text
    )
    data = {"csrf": _token(form.text), "full_name": "Pak Setuju", "legal_basis": "consent"}
    created = client.post("/workers/new", data=data, follow_redirects=False)
    assert created.status_code == 303
    row = store.backend.query(
        "SELECT id, legal_basis, consent_at, last_activity_at FROM workers WHERE full_name = 'Pak Setuju'"
    )[0]
    assert row["legal_basis"] == "consent" and row["consent_at"] == date.today()
    assert row["last_activity_at"] is not None
    shown = client.get(f"/workers/{row['id']}").text
    assert "Persetujuan yang sah secara eksplisit" in shown and "Dasar pemrosesan data" in shown
    assert "Explicit, valid consent" in client.get(f"/workers/{row['id']}?lang=en").text


def test_rights_migration_10_gives_existing_workers_a_documented_basis_and_a_retention_clock(
    store_url: str,
) -> None:
    with open_store(store_url) as old:
        assert migrate(old.backend, target=7)[-1] == 7
        old.backend.execute(
            "INSERT INTO workers (source, external_id, office_code, full_name, created_at) "
            "VALUES ('t', '1', 'BDG', 'Lama', '2020-01-02 03:04:05'), ('t', '2', 'BDG', 'Tanpa', NULL)"
        )
        assert 10 in old.migrate()
        rows = old.backend.query("SELECT legal_basis, last_activity_at FROM workers ORDER BY external_id")
    assert [r["legal_basis"] for r in rows] == ["public_task", "public_task"]
    assert rows[0]["last_activity_at"] == datetime(2020, 1, 2, 3, 4, 5)
    assert rows[1]["last_activity_at"] is not None  # unknown registration time: the clock starts now


# --- access / export --------------------------------------------------------------------------------


def _with_history(store: Store, keys: dict[str, ApiKey]) -> int:
    import_rows(store, "workers", [_row("e1", nik=NIK, phone=PHONE), _row("e2", "SBY")], "test")
    worker_id = _id(store, "e1")
    profile = understand.worker_profile([TAILOR], [])
    plan_id = records.save_worker_plan(store, keys["bdg"], worker_id, profile, "8153.1", note="anak sakit")
    assert plan_id is not None
    store.backend.execute(
        "INSERT INTO enrolments (source, external_id, worker_id, course_id, status, certified, placed) "
        "VALUES ('siakad', 'e1', ?, 77, 'completed', TRUE, TRUE)",
        (worker_id,),
    )
    return worker_id


def test_rights_export_holds_everything_about_the_worker_and_is_audited(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    worker_id = _with_history(store, keys)
    answer = client.get(f"/api/workers/{worker_id}/export", headers=_h(keys["bdg"]))
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    document = answer.json()
    assert document["worker"]["nik"] == NIK and document["worker"]["legal_basis"] == "public_task"
    assert [p["note"] for p in document["saved_plans"]] == ["anak sakit"]
    assert document["saved_plans"][0]["snapshot"]["by"]["label"] == "Bu Sari"
    assert document["enrolments"][0]["status"] == "completed" and document["enrolments"][0]["placed"] is True
    assert {"save_plan"} <= {e["action"] for e in document["audit"]}
    again = client.get(f"/api/workers/{worker_id}/export", headers=_h(keys["admin"])).json()
    assert "export" in {e["action"] for e in again["audit"]}  # the first export is on record
    # another office: 404, and the attempt is audited with the key and the requested id
    other = client.get(f"/api/workers/{worker_id}/export", headers=_h(keys["sby"]))
    assert other.status_code == 404
    denied = store.backend.query("SELECT key_id, entity_id, detail FROM audit_log WHERE action = 'denied'")
    assert [(d["key_id"], d["entity_id"], json.loads(d["detail"])["status"]) for d in denied] == [
        (keys["sby"].id, str(worker_id), 404)
    ]
    # the page: a download button, the same document
    _login(client, keys["bdg"].secret)
    assert f'href="/workers/{worker_id}/export' in client.get(f"/workers/{worker_id}").text
    download = client.get(f"/workers/{worker_id}/export")
    assert download.json()["worker"]["id"] == worker_id and download.headers["cache-control"] == "no-store"
    exports = store.backend.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'export'")
    assert exports == 3
    assert NIK not in _audit_text(store) and "anak sakit" not in _audit_text(store)


# --- rectification ----------------------------------------------------------------------------------


def test_rights_correction_is_explicit_checked_and_audited_and_a_repost_says_so(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    first = client.post("/api/workers", json={"rows": [_row("r1", phone=PHONE)]}, headers=_h(keys["bdg"]))
    assert first.json() == {"rows": 1, "inserted": 1, "duplicates": 0, "existing": []}
    worker_id = _id(store, "r1")
    # a re-post of the same key changes nothing and says so (it used to be a silent "duplicate")
    again = client.post("/api/workers", json={"rows": [_row("r1", phone="0899")]}, headers=_h(keys["bdg"]))
    body = again.json()
    assert body["inserted"] == 0 and body["existing"] == [{"row": 1, "id": worker_id}]
    assert "PATCH" in body["note"]
    assert store.backend.scalar("SELECT phone FROM workers WHERE id = ?", (worker_id,)) == PHONE
    fixed = client.patch(
        f"/api/workers/{worker_id}", json={"phone": "0899", "city": "Cimahi"}, headers=_h(keys["bdg"])
    )
    assert fixed.status_code == 200 and (fixed.json()["phone"], fixed.json()["city"]) == ("0899", "Cimahi")
    assert fixed.json()["full_name"] == "Ibu Rahasia r1"  # fields not given stay
    blanked = client.patch(f"/api/workers/{worker_id}", json={"city": None}, headers=_h(keys["bdg"]))
    assert blanked.json()["city"] is None and blanked.json()["phone"] == "0899"
    bad = client.patch(
        f"/api/workers/{worker_id}", json={"birth_year": 1800, "nik": "1"}, headers=_h(keys["bdg"])
    )
    assert bad.status_code == 422 and {r["field"] for r in bad.json()["error"]["rows"]} == {
        "birth_year",
        "nik",
    }
    frozen = client.patch(f"/api/workers/{worker_id}", json={"office_code": "SBY"}, headers=_h(keys["bdg"]))
    assert frozen.status_code == 422
    assert (
        client.patch(f"/api/workers/{worker_id}", json={"city": "X"}, headers=_h(keys["sby"])).status_code
        == 404
    )
    updates = store.backend.query("SELECT detail FROM audit_log WHERE action = 'update' ORDER BY id")
    assert [json.loads(u["detail"])["fields"] for u in updates] == [["city", "phone"], ["city"]]
    assert "0899" not in _audit_text(store) and "Cimahi" not in _audit_text(store)


# --- erasure ----------------------------------------------------------------------------------------


def test_rights_erasure_blanks_personal_data_keeps_the_service_record_and_hides_the_worker(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    worker_id = _with_history(store, keys)
    assert client.delete(f"/api/workers/{worker_id}", headers=_h(keys["sby"])).status_code == 404
    assert client.delete(f"/api/workers/{worker_id}", headers=_h(keys["analyst"])).status_code == 403
    assert client.delete(f"/api/workers/{worker_id}", headers=_h(keys["bdg"])).status_code == 204
    row = store.backend.query("SELECT * FROM workers WHERE id = ?", (worker_id,))[0]
    assert (row["full_name"], row["nik"], row["phone"], row["migrant_status"]) == ("-", None, None, None)
    assert row["erased_at"] is not None and row["external_id"] == f"erased-{worker_id}"
    assert (row["office_code"], row["province_code"], row["occupations"]) == ("BDG", "32", TAILOR)
    plan = store.backend.query("SELECT note, snapshot, target_uri FROM saved_plans")[0]
    assert plan["note"] is None and plan["snapshot"] is None and plan["target_uri"]
    assert (
        store.backend.scalar("SELECT COUNT(*) FROM enrolments WHERE worker_id = ? AND placed", (worker_id,))
        == 1
    )
    # gone from every list, search and read; a second erasure finds nothing
    assert client.get("/api/workers", headers=_h(keys["bdg"])).json()["total"] == 0
    assert client.post("/api/workers/search", json={"q": "-"}, headers=_h(keys["admin"])).json()["total"] == 0
    assert client.get(f"/api/workers/{worker_id}", headers=_h(keys["bdg"])).status_code == 404
    assert client.delete(f"/api/workers/{worker_id}", headers=_h(keys["bdg"])).status_code == 404
    # the same NIK may be registered again (an erased record holds no NIK)
    assert (
        client.post("/api/workers", json={"rows": [_row("n1", nik=NIK)]}, headers=_h(keys["bdg"])).status_code
        == 200
    )
    erased = store.backend.query("SELECT key_id, entity_id FROM audit_log WHERE action = 'erase'")
    assert erased == [{"key_id": keys["bdg"].id, "entity_id": str(worker_id)}]
    text = _audit_text(store)
    assert NIK not in text and "Rahasia" not in text and PHONE not in text


def test_rights_erasure_page_says_what_goes_what_stays_and_needs_the_form_token(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    worker_id = _with_history(store, keys)
    _login(client, keys["bdg"].secret)
    assert f'href="/workers/{worker_id}/erase' in client.get(f"/workers/{worker_id}").text
    confirm = client.get(f"/workers/{worker_id}/erase")
    assert confirm.status_code == 200 and confirm.headers["cache-control"] == "no-store"
    for words in ("Yang dihapus", "Yang tetap disimpan, tanpa identitas", "dikonfirmasi oleh", "Nomor HP"):
        assert words in confirm.text
    assert "to be confirmed by the ministry" in client.get(f"/workers/{worker_id}/erase?lang=en").text
    assert client.post(f"/workers/{worker_id}/erase", data={"csrf": "x"}).status_code == 403
    assert store.backend.scalar("SELECT erased_at FROM workers WHERE id = ?", (worker_id,)) is None
    done = client.post(
        f"/workers/{worker_id}/erase?lang=id", data={"csrf": _token(confirm.text)}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"].startswith("/workers?erased=1")
    listed = client.get(done.headers["location"])
    assert "Data pribadi pekerja telah dihapus." in listed.text and "Ibu Rahasia e1" not in listed.text
    assert client.get(f"/workers/{worker_id}").status_code == 404
    other = _id(store, "e2")  # SBY's worker: not this office's to erase
    assert client.get(f"/workers/{other}/erase").status_code == 404


# --- retention --------------------------------------------------------------------------------------


def test_rights_purge_erases_records_past_retention_by_the_same_code(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_rows(store, "workers", [_row("old", nik=NIK), _row("new"), _row("unknown")], "test")
    now = datetime.now(UTC).replace(tzinfo=None)
    store.backend.execute(
        "UPDATE workers SET last_activity_at = ? WHERE external_id = 'old'", (now - timedelta(days=6 * 366),)
    )
    store.backend.execute(
        "UPDATE workers SET last_activity_at = ? WHERE external_id = 'new'", (now - timedelta(days=30),)
    )
    # a row from before migration 11 may have no time at all
    store.backend.execute("UPDATE workers SET last_activity_at = NULL WHERE external_id = 'unknown'")
    old = _id(store, "old")
    dry = records.purge(store, dry_run=True)
    assert (dry.years, dry.worker_ids) == (5, [old])
    assert store.backend.scalar("SELECT COUNT(*) FROM workers WHERE erased_at IS NOT NULL") == 0
    monkeypatch.setenv("TANGKAS_RETENTION_YEARS", "10")
    assert records.purge(store, dry_run=True).worker_ids == []
    monkeypatch.setenv("TANGKAS_RETENTION_YEARS", "lima")
    with pytest.raises(Exception, match="TANGKAS_RETENTION_YEARS"):
        records.retention_years()
    monkeypatch.delenv("TANGKAS_RETENTION_YEARS")
    done = records.purge(store, dry_run=False)
    assert done.worker_ids == [old] and done.started_clock == 1  # 'unknown' starts its clock now
    row = store.backend.query("SELECT full_name, nik, erased_at FROM workers WHERE id = ?", (old,))[0]
    assert (row["full_name"], row["nik"]) == ("-", None) and row["erased_at"] is not None
    purged = store.backend.query("SELECT key_id, entity_id, detail FROM audit_log WHERE action = 'purge'")
    assert purged == [{"key_id": None, "entity_id": str(old), "detail": '{"retention_years": 5}'}]
    assert records.purge(store, dry_run=False).worker_ids == []


def test_rights_purge_command_counts_in_a_dry_run_and_speaks_both_languages(
    store: Store, store_url: str
) -> None:
    import_rows(store, "workers", [_row("old"), _row("new")], "test")
    long_ago = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=3 * 366)
    store.backend.execute("UPDATE workers SET last_activity_at = ?", (long_ago,))
    store.backend.execute(
        "UPDATE workers SET last_activity_at = ? WHERE external_id = 'new'",
        (datetime.now(UTC).replace(tzinfo=None),),
    )
    store.close()
    runner = CliRunner()
    dry = runner.invoke(cli, ["workers", "purge", "--dry-run", "--years", "2", "--db", store_url])
    assert dry.exit_code == 0, dry.output
    assert "Uji coba (tidak ada yang diubah): 1 pekerja" in dry.output
    english = runner.invoke(
        cli, ["workers", "purge", "--dry-run", "--years", "2", "--db", store_url, "--lang", "en"]
    )
    assert "Dry run (nothing changed): 1 workers" in english.output
    real = runner.invoke(cli, ["workers", "purge", "--years", "2", "--db", store_url, "--json"])
    assert real.exit_code == 0 and json.loads(real.output)["count"] == 1
    with open_store(store_url) as reopened:
        assert reopened.backend.scalar("SELECT COUNT(*) FROM workers WHERE erased_at IS NOT NULL") == 1
    bad = runner.invoke(cli, ["workers", "purge", "--years", "0", "--db", store_url])
    assert bad.exit_code == 2


def test_rights_a_file_import_holds_a_nik_to_one_worker_over_every_office(
    store: Store, tmp_path: Path
) -> None:
    """The command-line import keeps the rule the API and the forms keep: a NIK held by a worker of any
    office, or by an earlier row of the same file, is a row error naming only the row; the same row
    imported again keeps its own NIK; ``--partial`` stores the others."""
    import_rows(store, "workers", [_row("s1", "SBY", nik=NIK)], "test")
    path = tmp_path / "workers.csv"
    header = "source,external_id,office_code,full_name,nik"
    lines = [header, f"t,s1,SBY,Ibu A,{NIK}", f"f,b1,BDG,Ibu B,{NIK}", f"f,b2,BDG,Ibu C,{OTHER_NIK}"]
    lines.append(f"f,b3,BDG,Ibu D,{OTHER_NIK}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RowsRejectedError) as rejected:
        import_file(store, "workers", path)
    errors = [(e.row, e.field, e.code) for e in rejected.value.report.errors]
    assert errors == [(2, "nik", "duplicate"), (4, "nik", "duplicate")]
    assert NIK not in str(rejected.value) and OTHER_NIK not in str(rejected.value)
    report = import_file(store, "workers", path, partial=True)
    assert (report.inserted, report.duplicates, report.rejected_rows) == (1, 1, 2)
    held = store.backend.execute("SELECT external_id FROM workers WHERE nik = ? ORDER BY id", (OTHER_NIK,))
    assert held == [("b2",)]


def test_rights_an_imported_worker_has_a_registration_and_activity_time(store: Store) -> None:
    """Retention runs from a time every stored worker has (imports and demo data too, not only the forms)."""
    import_rows(store, "workers", [_row("i1", nik=OTHER_NIK)], "test")
    created, active = store.backend.execute(
        "SELECT created_at, last_activity_at FROM workers WHERE external_id = 'i1'"
    )[0]
    now = datetime.now(UTC).replace(tzinfo=None)
    assert created is not None and active is not None
    assert abs((now - active).total_seconds()) < 120
