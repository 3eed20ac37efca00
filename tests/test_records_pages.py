from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from signing import sign_in as _login

from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.keys import create_key
from tangkas.web import create_app
from tangkas.web.records import WorkerPage, WorkersPage

TAILOR = "7531.5"


def _worker(i: int, office: str) -> dict[str, object]:
    return {
        "source": "t",
        "external_id": f"{office}{i}",
        "office_code": office,
        "full_name": f"Ibu Contoh {office}{i}",
        "province_code": "32",
        "occupations": TAILOR,
    }


@pytest.fixture
def client(store: Store) -> TestClient:
    import_rows(store, "workers", [_worker(1, "BDG"), _worker(2, "SBY")], "test")
    return TestClient(create_app(store))


def _csrf(client: TestClient) -> str:
    """The signed-in session's form token, as its pages carry it."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/workers").text)
    assert found
    return found.group(1)


def _sign_in(client: TestClient, store: Store, role: str = "counsellor", office: str | None = "BDG") -> None:
    key = create_key(store, role, office_code=office, provider="P" if role == "provider" else None).secret
    response = _login(client, key)
    assert response.status_code == (303 if role in ("counsellor", "admin") else 401)


def test_records_pages_need_a_counsellor(client: TestClient, store: Store) -> None:
    assert client.get("/workers").status_code == 401
    _sign_in(client, store, role="analyst", office=None)
    assert client.get("/workers").status_code == 401


def test_records_counsellor_sees_own_office_and_access_is_audited(client: TestClient, store: Store) -> None:
    _sign_in(client, store)
    response = client.get("/workers")
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, WorkersPage)
    assert [w["full_name"] for w in page.workers] == ["Ibu Contoh BDG1"]
    other = store.backend.scalar("SELECT id FROM workers WHERE office_code = 'SBY'")
    assert client.get(f"/workers/{other}").status_code == 404
    assert store.backend.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'list'") == 1


def test_records_counsellor_saves_a_plan_to_a_worker(client: TestClient, store: Store) -> None:
    _sign_in(client, store)
    own = store.backend.scalar("SELECT id FROM workers WHERE office_code = 'BDG'")
    plan = client.get("/plan", params={"occ": TAILOR, "to": "8153.1"})
    assert 'action="/plans/save"' in plan.text and "Ibu Contoh BDG1" in plan.text
    saved = client.post(
        "/plans/save",
        data={
            **{"worker": own, "to": "8153.1", "occ": [TAILOR], "budget": 2_000_000, "note": "mulai Januari"},
            "csrf": _csrf(client),
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    record = client.get(f"/workers/{own}")
    page = record.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, WorkerPage) and len(page.plans) == 1
    assert "operator mesin jahit" in record.text and "mulai Januari" in record.text
    other = store.backend.scalar("SELECT id FROM workers WHERE office_code = 'SBY'")
    refused = client.post(
        "/plans/save",
        data={"worker": other, "to": "8153.1", "occ": [TAILOR], "csrf": _csrf(client)},
        follow_redirects=False,
    )
    assert refused.status_code == 404
    actions = [a for (a,) in store.backend.execute("SELECT action FROM audit_log ORDER BY id")]
    assert "save_plan" in actions


def test_records_logout_ends_the_session(client: TestClient, store: Store) -> None:
    _sign_in(client, store)
    assert client.post("/logout", data={"csrf": _csrf(client)}, follow_redirects=False).status_code == 303
    client.cookies.clear()
    assert client.get("/workers").status_code == 401


ENGLISH_LEFTOVERS = re.compile(
    r"\bTrue\b|\bFalse\b|\bnone\b|\bNone\b|Not Found|High risk|Low risk|sewing machine operator|"
    r"no such worker|sign in as|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}"
)


def test_records_counsellor_pages_speak_indonesian(client: TestClient, store: Store) -> None:
    store.backend.execute(
        "UPDATE workers SET bpjs_ketenagakerjaan = TRUE, bpjs_kesehatan = FALSE, migrant_status = 'none'"
    )
    assert client.get("/workers").status_code == 401
    refused = client.get("/workers")
    assert "Masuk dulu sebagai konselor" in refused.text and not ENGLISH_LEFTOVERS.search(refused.text)
    _sign_in(client, store)
    own = store.backend.scalar("SELECT id FROM workers WHERE office_code = 'BDG'")
    other = store.backend.scalar("SELECT id FROM workers WHERE office_code = 'SBY'")
    saved = {"worker": own, "to": "8153.1", "occ": [TAILOR], "csrf": _csrf(client)}
    assert client.post("/plans/save", data=saved, follow_redirects=False).status_code == 303
    pages = {
        path: client.get(path, params={"lang": "id"})
        for path in ("/workers", f"/workers/{own}", f"/workers/{other}", "/tidak-ada", "/login", "/analyst")
    }
    for path, response in pages.items():
        text = re.sub(r"<[^>]+>", " ", response.text)
        assert not ENGLISH_LEFTOVERS.search(text), (path, ENGLISH_LEFTOVERS.search(text))
    record = pages[f"/workers/{own}"].text
    assert "Jawa Barat" in record and "ya / tidak" in record and "bukan pekerja migran" in record
    assert "operator mesin jahit" in record
    months = "Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des"
    assert re.search(rf"\d{{1,2}} ({months}) \d{{4}} \d{{2}}:\d{{2}}", record)
    assert "Pekerja ini tidak ada di kantor Anda." in pages[f"/workers/{other}"].text
    assert "Halaman tidak ditemukan" in pages["/tidak-ada"].text
    client.cookies.clear()
