"""The audit log: denied attempts, list reads with their ids, bulk imports and rights actions are
recorded; it is append-only; admins read it; personal values never enter it. Both stores."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from signing import sign_in as _login

from tangkas.store import Store
from tangkas.store.keys import ApiKey, create_key
from tangkas.web import create_app
from tangkas.web.api import ISO_TIME

NIK = "3273014403880007"
PHONE = "081298765432"
NAME = "Ibu Rahasia Sekali"


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


@pytest.fixture
def keys(store: Store) -> dict[str, ApiKey]:
    return {
        "bdg": create_key(store, "counsellor", office_code="BDG"),
        "sby": create_key(store, "counsellor", office_code="SBY"),
        "admin": create_key(store, "admin"),
        "analyst": create_key(store, "analyst"),
    }


def _h(key: ApiKey) -> dict[str, str]:
    return {"X-API-Key": key.secret}


def _row(external_id: str, **extra: object) -> dict[str, object]:
    return {"source": "simpel", "external_id": external_id, "office_code": "BDG", "full_name": NAME, **extra}


def _entries(store: Store, action: str) -> list[dict[str, object]]:
    rows = store.backend.query(
        "SELECT key_id, role, entity, entity_id, office_code, detail FROM audit_log "
        "WHERE action = ? ORDER BY id",
        (action,),
    )
    return [{**r, "detail": json.loads(str(r["detail"])) if r["detail"] else None} for r in rows]


def test_audit_records_denied_attempts_with_the_key_and_the_requested_id(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    assert client.get("/api/workers/41").status_code == 401
    assert client.get("/api/workers/42", headers={"X-API-Key": "tk_bad_key"}).status_code == 401
    assert client.get("/api/workers", headers=_h(keys["analyst"])).status_code == 403
    assert client.get("/api/workers/43/export", headers=_h(keys["bdg"])).status_code == 404
    assert client.delete("/api/workers/44", headers=_h(keys["analyst"])).status_code == 403
    denied = [(d["key_id"], d["entity_id"], d["detail"]) for d in _entries(store, "denied")]  # type: ignore[index]
    assert denied == [
        (None, "41", {"method": "GET", "route": "/api/workers/{worker_id}", "status": 401}),
        (None, "42", {"method": "GET", "route": "/api/workers/{worker_id}", "status": 401}),
        (keys["analyst"].id, None, {"method": "GET", "route": "/api/workers", "status": 403}),
        (keys["bdg"].id, "43", {"method": "GET", "route": "/api/workers/{worker_id}/export", "status": 404}),
        (keys["analyst"].id, "44", {"method": "DELETE", "route": "/api/workers/{worker_id}", "status": 403}),
    ]
    assert "tk_bad_key" not in json.dumps(store.backend.query("SELECT * FROM audit_log"), default=str)


def test_audit_records_list_reads_with_ids_and_bulk_imports_with_count_and_source(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    rows = [_row("1", nik=NIK), _row("2"), _row("3")]
    assert client.post("/api/workers", json={"rows": rows}, headers=_h(keys["bdg"])).status_code == 200
    imported = _entries(store, "import")
    assert imported == [
        {
            "key_id": keys["bdg"].id,
            "role": "counsellor",
            "entity": "worker",
            "entity_id": None,
            "office_code": "BDG",
            "detail": {"inserted": 3, "rows": 3, "sources": ["BDG/simpel"]},
        }
    ]
    page = client.get("/api/workers", params={"limit": 2, "offset": 1}, headers=_h(keys["bdg"])).json()
    found = client.post("/api/workers/search", json={"q": NIK}, headers=_h(keys["bdg"])).json()
    listed = [e["detail"] for e in _entries(store, "list")]
    assert listed == [{"ids": [w["id"] for w in page["items"]]}, {"ids": [found["items"][0]["id"]]}]
    refused = client.post("/api/workers", json={"rows": [_row("4", nik=NIK)]}, headers=_h(keys["bdg"]))
    assert refused.status_code == 422
    assert [e["detail"] for e in _entries(store, "import_refused")] == [{"errors": 1, "rows": 1}]
    second = int(store.backend.scalar("SELECT id FROM workers WHERE external_id = '2'"))
    taken = client.patch(f"/api/workers/{second}", json={"nik": NIK}, headers=_h(keys["bdg"]))
    assert taken.status_code == 422 and taken.json()["error"]["rows"][0]["code"] == "duplicate"
    assert [e["entity_id"] for e in _entries(store, "nik_refused")] == [str(second)]


def test_audit_is_readable_by_admins_only_paged_and_filtered(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    client.post("/api/workers", json={"rows": [_row("1"), _row("2")]}, headers=_h(keys["bdg"]))
    for _ in range(3):
        client.get("/api/workers", headers=_h(keys["bdg"]))
    assert client.get("/api/audit", headers=_h(keys["bdg"])).status_code == 403
    assert client.get("/api/audit", headers=_h(keys["analyst"])).status_code == 403
    assert client.get("/api/audit").status_code == 401
    denials = _entries(store, "denied")
    assert [(d["key_id"], d["entity"]) for d in denials] == [
        (keys["bdg"].id, "audit_log"),
        (keys["analyst"].id, "audit_log"),
        (None, "audit_log"),
    ]
    lists = client.get("/api/audit", params={"action": "list", "limit": 2}, headers=_h(keys["admin"])).json()
    assert lists["total"] == 3 and len(lists["items"]) == 2 and lists["items"][0]["detail"]["ids"]
    rest = client.get("/api/audit", params={"action": "list", "offset": 2}, headers=_h(keys["admin"])).json()
    assert [e["id"] for e in rest["items"]] == [lists["items"][1]["id"] + 1]
    everything = client.get("/api/audit", params={"limit": 200}, headers=_h(keys["admin"])).json()
    last = everything["items"][-1]["happened_at"]
    since = client.get("/api/audit", params={"since": last}, headers=_h(keys["admin"])).json()
    assert 1 <= since["total"] < everything["total"]
    assert (
        client.get("/api/audit", params={"since": "2999-01-01T00:00:00Z"}, headers=_h(keys["admin"])).json()[
            "total"
        ]
        == 0
    )
    assert (
        client.get("/api/audit", params={"action": "DROP TABLE"}, headers=_h(keys["admin"])).status_code
        == 422
    )


def test_audit_never_holds_a_personal_value_across_every_rights_action(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    client.post(
        "/api/workers",
        json={"rows": [_row("1", nik=NIK, phone=PHONE, city="Cimahi")]},
        headers=_h(keys["bdg"]),
    )
    worker_id = client.post("/api/workers/search", json={"q": NIK}, headers=_h(keys["bdg"])).json()["items"][
        0
    ]["id"]
    client.get(f"/api/workers/{worker_id}", headers=_h(keys["bdg"]))
    client.patch(f"/api/workers/{worker_id}", json={"phone": "0811111111"}, headers=_h(keys["bdg"]))
    client.get(f"/api/workers/{worker_id}/export", headers=_h(keys["bdg"]))
    client.get(f"/api/workers/{worker_id}/export", headers=_h(keys["sby"]))
    client.delete(f"/api/workers/{worker_id}", headers=_h(keys["bdg"]))
    actions = [r[0] for r in store.backend.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["import", "list", "read", "update", "read", "export", "denied", "erase"]
    text = json.dumps(store.backend.query("SELECT * FROM audit_log"), default=str)
    for value in (NIK, NIK[:8], PHONE, "0811111111", NAME, "Rahasia", "Cimahi"):
        assert value not in text


def test_audit_log_cannot_be_changed_on_postgresql(store: Store, keys: dict[str, ApiKey]) -> None:
    from tangkas.store.audit import audit

    audit(store, keys["admin"], "read", "worker", "1")
    if store.backend.name != "postgres":
        pytest.skip("DuckDB has no triggers: append-only is kept by the code (see the next test)")
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
        with pytest.raises(Exception, match="append-only"):
            store.backend.execute(statement)
    assert store.backend.scalar("SELECT action FROM audit_log") == "read"


def test_audit_no_code_path_updates_or_deletes_the_audit_log(store: Store) -> None:
    changes = re.compile(
        r"(UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|TRUNCATE\s+(TABLE\s+)?audit_log)", re.I
    )
    package = Path(__file__).parents[1] / "tangkas"
    found = [str(p) for p in package.rglob("*.py") if changes.search(p.read_text(encoding="utf-8"))]
    assert found == []
    assert store.version() >= 10


def test_audit_records_denied_page_visits_too(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    client.post("/api/workers", json={"rows": [{**_row("1"), "office_code": "SBY"}]}, headers=_h(keys["sby"]))
    other = int(store.backend.scalar("SELECT id FROM workers"))
    assert client.get(f"/workers/{other}").status_code == 401  # not signed in
    _login(client, keys["bdg"].secret)
    assert client.get(f"/workers/{other}").status_code == 404
    assert client.get(f"/workers/{other}/export").status_code == 404
    assert client.get(f"/workers/{other}/edit").status_code == 404
    denied = [(d["key_id"], d["entity_id"], d["detail"]["status"]) for d in _entries(store, "denied")]  # type: ignore[index]
    assert denied == [(None, str(other), 401)] + [(keys["bdg"].id, str(other), 404)] * 3


@pytest.mark.parametrize("century", [1100, 1600, 1900, 2000, 2100, 2400])
def test_since_pattern_admits_exactly_the_real_dates(century: int) -> None:
    """/api/audit's ``since`` pattern admits a date exactly when it parses (30 April, 31 April, 29
    February in leap and common years, across century years): schema-valid input is never refused."""
    pattern = re.compile(ISO_TIME)
    first = date(century - 4, 1, 1)
    real = {(first + timedelta(days=n)).isoformat() for n in range(365 * 9)}
    for year in range(century - 4, century + 4):
        for month in range(1, 13):
            for day in range(1, 32):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                assert bool(pattern.match(text)) == (text in real), text
    assert pattern.match("2024-02-29T10:00:00+07:00") and datetime.fromisoformat("2024-02-29T10:00:00+07:00")
