from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from signing import sign_in as _login

from tangkas.services.demo import demo_counsellor_key
from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.keys import authenticate, create_key
from tangkas.web import create_app
from tangkas.web.records import SavedPlanPage, WorkersPage
from tangkas.web.worker_forms import WorkerFormPage

TAILOR = "7531.5"
NIK = "3273014403880007"
PHONE = "081234567890"
OWN_NIK = "3273010403880011"  # NIK is registered at SBY: a NIK is unique across offices


def _worker(i: int, office: str, **extra: object) -> dict[str, object]:
    return {
        "source": "t",
        "external_id": f"{office}{i}",
        "office_code": office,
        "full_name": f"Ibu Contoh {office}{i}",
        "province_code": "32",
        "occupations": TAILOR,
        **extra,
    }


@pytest.fixture
def client(store: Store) -> TestClient:
    import_rows(store, "workers", [_worker(1, "BDG"), _worker(2, "SBY", nik=NIK)], "test")
    return TestClient(create_app(store))


def _csrf(client: TestClient) -> str:
    """The signed-in session's form token, as its pages carry it."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/workers").text)
    assert found
    return found.group(1)


def _sign_in(client: TestClient, store: Store, office: str = "BDG", role: str = "counsellor") -> str:
    key = create_key(store, role, office_code=office if role == "counsellor" else None, label="Bu Sari")
    assert _login(client, key.secret).status_code == 303
    return key.secret


def _token(response_text: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', response_text)
    assert found
    return found.group(1)


def _errors(text: str) -> list[str]:
    return re.findall(r'class="field-error"[^>]*>([^<]+)<', text)


def _id(store: Store, name: str) -> int:
    return int(store.backend.scalar("SELECT id FROM workers WHERE full_name = ?", (name,)))


def test_counsellor_registers_a_worker_in_their_own_office(client: TestClient, store: Store) -> None:
    assert client.get("/workers/new").status_code == 401
    _sign_in(client, store)
    form = client.get("/workers/new")
    assert form.template.name == "worker_form.html"  # type: ignore[attr-defined]
    assert isinstance(form.context["page"], WorkerFormPage)  # type: ignore[attr-defined]
    assert form.headers["cache-control"] == "no-store"
    data = {
        "csrf": _token(form.text),
        "full_name": "Pak Baru",
        "nik": OWN_NIK,
        "phone": PHONE,
        "gender": "M",
        "birth_year": "1988",
        "province_code": "32",
        "occupations": TAILOR,
        "bpjs_kesehatan": "ya",
        "office_code": "SBY",  # ignored: a counsellor registers into their own office
    }
    created = client.post("/workers/new", data=data, follow_redirects=False)
    assert created.status_code == 303
    row = store.backend.query("SELECT * FROM workers WHERE full_name = 'Pak Baru'")[0]
    assert (row["office_code"], row["nik"], row["birth_year"], row["bpjs_kesehatan"]) == (
        "BDG",
        OWN_NIK,
        1988,
        True,
    )
    assert created.headers["location"].startswith(f"/workers/{row['id']}")
    assert "Pak Baru" in client.get(created.headers["location"]).text
    audit = store.backend.query("SELECT action, entity_id FROM audit_log WHERE action = 'create'")
    assert audit == [{"action": "create", "entity_id": str(row["id"])}]


def test_counsellor_form_errors_are_translated_and_never_show_or_log_personal_values(
    client: TestClient, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    _sign_in(client, store)
    token = _token(client.get("/workers/new").text)
    caplog.set_level(logging.DEBUG)
    bad = {
        "csrf": token,
        "full_name": "",
        "nik": "12345-9876",
        "phone": PHONE,
        "birth_year": "1800",
        "occupations": "bukan-kode-apa-pun",
        "gender": "Q",
    }
    refused = client.post("/workers/new", data=bad)
    assert refused.status_code == 422
    assert _errors(refused.text) == [
        "Wajib diisi.",
        "NIK harus 16 angka.",
        "Pilih salah satu pilihan.",
        "Tahun lahir antara 1930 dan 2015.",
        "“bukan-kode-apa-pun” bukan kode atau nama yang dikenal.",
    ]
    assert "Data belum disimpan" in refused.text
    english = client.post("/workers/new?lang=en", data=bad)
    assert "A NIK has 16 digits." in _errors(english.text)
    assert store.backend.scalar("SELECT COUNT(*) FROM workers") == 2
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "12345-9876" not in logged and PHONE not in logged and "1800" not in logged


def test_counsellor_forms_need_the_session_token_and_our_own_origin(client: TestClient, store: Store) -> None:
    _sign_in(client, store)
    token = _token(client.get("/workers/new").text)
    data = {"full_name": "Pak Palsu"}
    assert client.post("/workers/new", data=data).status_code == 403
    assert client.post("/workers/new", data={**data, "csrf": "0" * 64}).status_code == 403
    elsewhere = client.post(
        "/workers/new", data={**data, "csrf": token}, headers={"Origin": "https://evil.example"}
    )
    assert elsewhere.status_code == 403 and "kedaluwarsa" in elsewhere.text
    own = _id(store, "Ibu Contoh BDG1")
    saved = client.post(
        "/plans/save",
        data={"worker": own, "to": "8153.1", "occ": [TAILOR]},
        headers={"Origin": "https://evil.example"},
    )
    assert saved.status_code == 403
    assert store.backend.scalar("SELECT COUNT(*) FROM workers") == 2
    assert store.backend.scalar("SELECT COUNT(*) FROM saved_plans") == 0


def test_counsellor_edits_a_worker_keeping_the_office_and_refusing_a_duplicate_nik(
    client: TestClient, store: Store
) -> None:
    import_rows(store, "workers", [_worker(3, "BDG", nik="3273014403880009")], "test")
    _sign_in(client, store)
    own, other = _id(store, "Ibu Contoh BDG1"), _id(store, "Ibu Contoh SBY2")
    form = client.get(f"/workers/{own}/edit")
    assert form.status_code == 200 and 'value="Ibu Contoh BDG1"' in form.text
    assert client.get(f"/workers/{other}/edit").status_code == 404
    token = _token(form.text)
    taken = client.post(
        f"/workers/{own}/edit", data={"csrf": token, "full_name": "Ibu Contoh", "nik": "3273014403880009"}
    )
    assert taken.status_code == 422
    assert _errors(taken.text) == ["NIK ini sudah terdaftar; hubungi administrator."]
    # a NIK is one person's: registered at another office, it is refused too, without saying where
    elsewhere = client.post(
        f"/workers/{own}/edit", data={"csrf": token, "full_name": "Ibu Contoh", "nik": NIK}
    )
    assert _errors(elsewhere.text) == ["NIK ini sudah terdaftar; hubungi administrator."]
    assert "SBY" not in elsewhere.text and "Ibu Contoh SBY2" not in elsewhere.text
    changed = client.post(
        f"/workers/{own}/edit",
        data={
            "csrf": token,
            "full_name": "Ibu Contoh Baru",
            "nik": OWN_NIK,
            "office_code": "SBY",
            "city": "Bandung",
        },
        follow_redirects=False,
    )
    assert changed.status_code == 303
    row = store.backend.query(
        f"SELECT full_name, nik, office_code, city, source FROM workers WHERE id = {own}"
    )[0]
    assert row == {
        "full_name": "Ibu Contoh Baru",
        "nik": OWN_NIK,
        "office_code": "BDG",
        "city": "Bandung",
        "source": "t",
    }
    assert client.post(f"/workers/{other}/edit", data={"csrf": token, "full_name": "X"}).status_code == 404
    assert store.backend.scalar("SELECT full_name FROM workers WHERE id = ?", (other,)) == "Ibu Contoh SBY2"


def test_counsellor_searches_their_office_by_name_or_nik_paged(client: TestClient, store: Store) -> None:
    rows = [
        _worker(i, "BDG", full_name=f"Siti Demo {i:02d}", nik=f"32730144038800{i:02d}") for i in range(10, 75)
    ]
    import_rows(store, "workers", rows, "test")
    _sign_in(client, store)
    first = client.get("/workers")
    page = first.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, WorkersPage) and page.total == 66 and len(page.workers) == 50
    assert 'rel="next"' in first.text and "Halaman 1 dari 2" in first.text
    second = client.get("/workers", params={"offset": 50}).context["page"]  # type: ignore[attr-defined]
    assert len(second.workers) == 16
    token = _token(first.text)  # searches are posted: a NIK never travels in a URL

    def search(q: str, offset: int = 0) -> object:
        return client.post("/workers", data={"csrf": token, "q": q, "offset": offset})

    by_name = search("siti demo 1").context["page"]  # type: ignore[attr-defined]
    assert by_name.total == 10
    by_nik = search("3273014403880042")
    assert [w["full_name"] for w in by_nik.context["page"].workers] == ["Siti Demo 42"]  # type: ignore[attr-defined]
    assert "<td>3273********0042</td>" in by_nik.text  # the list masks NIKs
    assert "3273014403880042" not in by_nik.text.replace('value="3273014403880042"', "")
    other_office = search(NIK).context["page"]  # type: ignore[attr-defined]
    assert other_office.total == 0
    paged = search("siti", 50)
    assert 'name="offset" value="0"' in paged.text and "q=" not in paged.text  # pages are posted too
    assert client.post("/workers", data={"q": "siti"}).status_code == 403  # no token, no search


def test_store_worker_search_without_personal_fields_uses_only_public_ones(store: Store) -> None:
    from tangkas.store.queries import list_workers

    import_rows(store, "workers", [_worker(1, "BDG", city="Bandung", nik=NIK)], "test")
    assert list_workers(store, office_code=None, personal=False, query="bandung").total == 1
    assert list_workers(store, office_code=None, personal=False, query="Ibu Contoh").total == 0
    assert list_workers(store, office_code=None, personal=False, query=NIK).total == 0
    assert list_workers(store, office_code="BDG", personal=True, query="ibu contoh").total == 1


def test_counsellor_saved_plan_is_a_snapshot_printable_and_shareable(
    client: TestClient, store: Store
) -> None:
    secret = _sign_in(client, store)
    own = _id(store, "Ibu Contoh BDG1")
    shown = client.get("/plan", params={"occ": TAILOR, "to": "8153.1"}).context["page"]  # type: ignore[attr-defined]
    saved = {"worker": own, "to": "8153.1", "occ": [TAILOR], "csrf": _csrf(client)}
    assert client.post("/plans/save", data=saved, follow_redirects=False).status_code == 303
    plan_id = int(store.backend.scalar("SELECT id FROM saved_plans"))
    stored = store.backend.scalar("SELECT snapshot FROM saved_plans")
    assert secret not in stored and secret.split("_", 2)[2] not in stored
    snapshot = json.loads(stored)
    assert snapshot["catalog"] == "DEMO" and snapshot["by"]["label"] == "Bu Sari"
    assert [s["id"] for s in snapshot["steps"]] == [s.course.title("id") for s in shown.plan.steps]
    assert snapshot["cost_idr"] == shown.plan.cost_idr and snapshot["hours"] == shown.plan.hours

    # The catalog changes later: the saved plan does not.
    course = {
        "source": "lpk",
        "external_id": "c1",
        "provider": "LPK Nyata",
        "title_id": "Kursus Nyata",
        "skills": shown.plan.steps[0].skills[0],
        "hours": 10,
        "cost_idr": 100000,
        "mode": "online",
    }
    import_rows(store, "courses", [course], "test")
    today = client.get("/plan", params={"occ": TAILOR, "to": "8153.1"}).context["page"]  # type: ignore[attr-defined]
    assert not today.synthetic_catalog
    view = client.get(f"/workers/{own}/plans/{plan_id}")
    page = view.context["page"]  # type: ignore[attr-defined]
    assert view.template.name == "saved_plan.html" and isinstance(page, SavedPlanPage)  # type: ignore[attr-defined]
    assert page.snapshot == snapshot and "Kursus Nyata" not in view.text
    assert shown.plan.steps[0].course.title("id") in view.text and "DEMO" in view.text
    assert "Bu Sari" in view.text and "print.css" in view.text and "Ctrl+P" in view.text

    text = client.get(f"/workers/{own}/plans/{plan_id}/text")
    assert text.headers["content-type"].startswith("text/plain")
    assert "<" not in text.text and text.text.startswith("*Rencana pelatihan: operator mesin jahit*")
    assert "Katalog DEMO" in text.text and "Ibu Contoh" not in text.text
    assert all(len(line) < 400 for line in text.text.splitlines())
    assert client.get(f"/workers/{own}/plans/{plan_id}/text?lang=en").text.startswith("*Training plan:")
    record = client.get(f"/workers/{own}").text
    assert f"/workers/{own}/plans/{plan_id}/text" in record


def test_counsellor_cannot_open_another_office_saved_plan(client: TestClient, store: Store) -> None:
    _sign_in(client, store, office="SBY")
    other = _id(store, "Ibu Contoh SBY2")
    client.post(
        "/plans/save",
        data={"worker": other, "to": "8153.1", "occ": [TAILOR], "csrf": _csrf(client)},
        follow_redirects=False,
    )
    plan_id = int(store.backend.scalar("SELECT id FROM saved_plans"))
    client.cookies.clear()
    _sign_in(client, store, office="BDG")
    assert client.get(f"/workers/{other}/plans/{plan_id}").status_code == 404
    assert client.get(f"/workers/{other}/plans/{plan_id}/text").status_code == 404
    own = _id(store, "Ibu Contoh BDG1")
    assert client.get(f"/workers/{own}/plans/{plan_id}").status_code == 404


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "/login",
        "http:/x",
    ],
)
def test_sign_in_never_sends_you_to_another_site(client: TestClient, store: Store, target: str) -> None:
    key = create_key(store, "counsellor", office_code="BDG").secret
    response = _login(client, key, next=target)
    assert response.headers["location"] == "/workers"


def test_sign_in_returns_to_the_plan_you_were_on(client: TestClient, store: Store) -> None:
    plan = f"/plan?occ={TAILOR}&to=8153.1&budget=2000000"
    nav = client.get(plan)
    assert "/login?lang=id&next=/plan%3Focc%3D7531.5%26to%3D8153.1%26budget%3D2000000" in nav.text
    form = client.get("/login", params={"next": plan})
    assert f'name="next" value="{plan.replace("&", "&amp;")}"' in form.text
    from_referer = client.get("/login", headers={"Referer": f"http://testserver{plan}"})
    assert from_referer.context["page"].next == plan  # type: ignore[attr-defined]
    elsewhere = client.get("/login", headers={"Referer": "https://evil.example/plan"})
    assert elsewhere.context["page"].next == ""  # type: ignore[attr-defined]
    key = create_key(store, "counsellor", office_code="BDG").secret
    failed = _login(client, "tk_bad_key", next=plan)
    assert failed.status_code == 401 and 'name="next"' in failed.text
    signed = _login(client, key, next=plan)
    assert signed.headers["location"] == plan
    assert 'action="/plans/save"' in client.get(plan).text


def test_demo_counsellor_key_signs_in_to_the_demo_office_and_replaces_the_last(store: Store) -> None:
    first = demo_counsellor_key(store)
    second = demo_counsellor_key(store)
    assert authenticate(store, second.secret).office_code == "DEMO-BDG"
    from tangkas.store.keys import AuthenticationError

    with pytest.raises(AuthenticationError):
        authenticate(store, first.secret)


def test_api_workers_search_stays_in_the_office(client: TestClient, store: Store) -> None:
    key = create_key(store, "counsellor", office_code="BDG").secret
    headers = {"X-API-Key": key}
    assert client.get("/api/workers", params={"q": "contoh"}, headers=headers).json()["total"] == 1
    assert client.get("/api/workers", params={"q": NIK}, headers=headers).status_code == 422  # not in a URL
    assert client.post("/api/workers/search", json={"q": NIK}, headers=headers).json()["total"] == 0


def test_serve_demo_says_how_to_sign_in(
    store_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tangkas.cli import serve
    from tangkas.services import demo

    def quick_demo(store: Store, progress: object = None) -> demo.DemoReport:
        store.migrate()
        return demo.DemoReport(0, 0, 0)

    monkeypatch.setattr(demo, "load_demo", quick_demo)
    serve.load_demo_data(store_url, sign_in_at="http://127.0.0.1:8000/")
    said = capsys.readouterr().out
    secret = re.search(r"tk_\w+_\S+", said)
    assert secret and "http://127.0.0.1:8000/login" in said and "DEMO-BDG" in said
    from tangkas.store import open_store

    with open_store(store_url) as opened:
        assert authenticate(opened, secret.group(0)).office_code == "DEMO-BDG"
    serve.load_demo_data(store_url)
    assert "tk_" not in capsys.readouterr().out


def test_serve_demo_says_what_it_loads_in_the_language(
    store_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tangkas.cli import serve
    from tangkas.services import demo

    def quick_demo(store: Store, progress: Callable[[str], None] | None = None) -> demo.DemoReport:
        store.migrate()
        if progress is not None:
            progress("postings")
        return demo.DemoReport(2, 0, 0)

    monkeypatch.setattr(demo, "load_demo", quick_demo)
    serve.load_demo_data(store_url)
    indonesian = capsys.readouterr().out
    assert "Memuat data DEMO sintetis" in indonesian and "  lowongan\n" in indonesian
    assert "+2 lowongan" in indonesian
    serve.load_demo_data(store_url, sign_in_at="http://127.0.0.1:8000/", lang="en")
    english = capsys.readouterr().out
    assert "Loading synthetic DEMO data" in english and "  postings\n" in english and "+2 postings" in english
    assert "Sign in as the demo counsellor (DEMO-BDG" in english and "http://127.0.0.1:8000/login" in english
    assert "lowongan" not in english and "Masuk" not in english
