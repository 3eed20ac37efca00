"""NIK uniqueness across offices must not become a lookup of the register: a counsellor's key may try
only a few NIKs held at other offices before its NIKs are refused unread (429), audited. Also: failed
sign-ins and file imports of personal records are in the audit log. Both stores."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from signing import sign_in

from tangkas.rows.report import RowsRejectedError
from tangkas.services import nik_probes
from tangkas.services.imports import import_file, import_rows
from tangkas.store import Store
from tangkas.store.keys import ApiKey, create_key
from tangkas.web import create_app

HELD = [f"32730144038800{n:02d}" for n in range(11, 17)]
"""Six NIKs registered at BDG."""
FREE = "3273014403880042"


@pytest.fixture
def client(store: Store, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(nik_probes, "NIK_REFUSALS", 3)
    rows = [_row(f"b{i}", "BDG", nik) for i, nik in enumerate(HELD)]
    import_rows(store, "workers", rows, "test")
    return TestClient(create_app(store))


@pytest.fixture
def keys(store: Store) -> dict[str, ApiKey]:
    return {
        "sby": create_key(store, "counsellor", office_code="SBY"),
        "sby2": create_key(store, "counsellor", office_code="SBY"),
        "bdg": create_key(store, "counsellor", office_code="BDG"),
        "admin": create_key(store, "admin"),
    }


def _row(external_id: str, office: str, nik: str | None = None) -> dict[str, object]:
    row: dict[str, object] = {"source": "t", "external_id": external_id, "office_code": office}
    return {**row, "full_name": f"Ibu {external_id}", **({"nik": nik} if nik else {})}


def _post(client: TestClient, key: ApiKey, *rows: dict[str, object]) -> tuple[int, dict[str, object]]:
    answer = client.post("/api/workers", json={"rows": list(rows)}, headers={"X-API-Key": key.secret})
    return answer.status_code, answer.json()


def _actions(store: Store, action: str) -> list[dict[str, object]]:
    rows = store.backend.query(
        "SELECT key_id, entity, detail FROM audit_log WHERE action = ? ORDER BY id", (action,)
    )
    return [{**r, "detail": json.loads(str(r["detail"])) if r["detail"] else None} for r in rows]


def test_nik_probes_a_key_that_tried_too_many_niks_held_elsewhere_is_refused_unread(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    for i, nik in enumerate(HELD[:3]):
        status, body = _post(client, keys["sby"], _row(f"s{i}", "SBY", nik))
        assert status == 422 and body["error"]["rows"][0]["code"] == "duplicate"  # type: ignore[index]
    answer = client.post(
        "/api/workers", json={"rows": [_row("s9", "SBY", FREE)]}, headers={"X-API-Key": keys["sby"].secret}
    )
    assert answer.status_code == 429 and answer.json()["error"]["code"] == "too_many_requests"
    assert 86_000 < int(answer.headers["retry-after"]) <= 86_400
    assert FREE not in answer.text and store.backend.scalar("SELECT COUNT(*) FROM workers") == len(HELD)
    # a worker without a NIK may still be registered, by this key; other keys and admins are not limited
    assert _post(client, keys["sby"], _row("s10", "SBY"))[0] == 200
    assert _post(client, keys["sby2"], _row("s11", "SBY", FREE))[0] == 200
    assert _post(client, keys["admin"], _row("a1", "SBY", HELD[4]))[0] == 422
    limited = _actions(store, "nik_probe_limited")
    assert [(e["key_id"], e["entity"]) for e in limited] == [(keys["sby"].id, "worker")]


def test_nik_probes_own_office_niks_do_not_count(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    for i, nik in enumerate(HELD):
        assert _post(client, keys["bdg"], _row(f"again{i}", "BDG", nik))[0] == 422
    assert _post(client, keys["bdg"], _row("new", "BDG", FREE))[0] == 200


def test_nik_probes_a_bulk_registration_over_the_allowance_names_no_row(
    client: TestClient, keys: dict[str, ApiKey]
) -> None:
    rows = [_row(f"s{i}", "SBY", nik) for i, nik in enumerate(HELD[:5])]
    status, body = _post(client, keys["sby"], *rows)
    assert status == 429 and "rows" not in body["error"]  # type: ignore[operator]
    assert _post(client, keys["sby"], _row("later", "SBY", FREE))[0] == 429


def test_nik_probes_a_limited_counsellor_keeps_what_they_typed_and_may_still_correct_other_fields(
    client: TestClient, store: Store, keys: dict[str, ApiKey]
) -> None:
    for i, nik in enumerate(HELD[:3]):
        _post(client, keys["sby"], _row(f"s{i}", "SBY", nik))
    assert _post(client, keys["sby"], _row("own", "SBY"))[0] == 200
    assert sign_in(client, keys["sby"].secret).status_code == 303
    form = client.get("/workers/new")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', form.text)
    assert token
    typed = {"csrf": token.group(1), "full_name": "Pak Ketikan Panjang", "nik": FREE, "phone": "081234567890"}
    refused = client.post("/workers/new", data=typed)
    assert refused.status_code == 429 and refused.headers["retry-after"]
    assert "Pak Ketikan Panjang" in refused.text and "Terlalu banyak NIK" in refused.text
    worker = int(
        store.backend.scalar("SELECT id FROM workers WHERE source = 'SBY/t' AND external_id = 'own'")
    )
    edit = client.get(f"/workers/{worker}/edit")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', edit.text)
    assert token
    fixed = client.post(
        f"/workers/{worker}/edit",
        data={"csrf": token.group(1), "full_name": "Ibu Benar", "phone": "081234567890"},
        follow_redirects=False,
    )
    assert fixed.status_code == 303
    assert store.backend.scalar("SELECT full_name FROM workers WHERE id = ?", (worker,)) == "Ibu Benar"
    changed = client.patch(
        f"/api/workers/{worker}", json={"nik": FREE}, headers={"X-API-Key": keys["sby"].secret}
    )
    assert changed.status_code == 429


def test_nik_probes_failed_sign_ins_are_audited_without_the_key(
    client: TestClient, store: Store, keys: dict[str, ApiKey], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sign_in(client, "tk_abc_not-a-real-secret").status_code == 401
    assert sign_in(client, keys["sby"].secret).status_code == 303
    denied = _actions(store, "denied")
    assert denied == [
        {"key_id": None, "entity": "session", "detail": {"method": "POST", "route": "/login", "status": 401}}
    ]
    assert "not-a-real-secret" not in json.dumps(store.backend.query("SELECT * FROM audit_log"), default=str)


def test_nik_probes_file_imports_of_personal_records_are_audited_as_the_operator(
    store: Store, tmp_path: Path
) -> None:
    good = tmp_path / "workers.csv"
    good.write_text("source,external_id,office_code,full_name,nik\nf,1,BDG,Ibu Berkas,3273014403880051\n")
    import_file(store, "workers", good)
    bad = tmp_path / "bad.csv"
    bad.write_text("source,external_id,office_code,full_name,nik\nf,2,BDG,Ibu Salah,12345\n")
    with pytest.raises(RowsRejectedError):
        import_file(store, "workers", bad)
    courses = tmp_path / "courses.csv"
    courses.write_text("source,external_id,title\n")
    with pytest.raises(RowsRejectedError):
        import_file(store, "courses", courses)  # not personal: not in the audit log
    entries = [(e["key_id"], e["entity"], e["detail"]) for e in _actions(store, "import")]
    assert entries == [(None, "worker", {"inserted": 1, "rejected_rows": 0, "rows": 1, "via": "file"})]
    refused = [(e["entity"], e["detail"]) for e in _actions(store, "import_refused")]
    assert refused == [("worker", {"errors": 1, "rows": 1, "via": "file"})]
    logged = json.dumps(store.backend.query("SELECT * FROM audit_log"), default=str)
    assert "Ibu Berkas" not in logged and "workers.csv" not in logged and "12345" not in logged


@pytest.mark.parametrize("lang", ["id", "en"])
def test_nik_probes_the_limited_form_in_chromium_keeps_the_typing_and_says_why(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import expect, sync_playwright
    from test_e2e_browser import ARGS, ARTIFACTS, CHROMIUM, SIZES, _need_chromium, _serving

    from tangkas.store import open_store

    _need_chromium()
    monkeypatch.setattr(nik_probes, "NIK_REFUSALS", 1)
    store = open_store("duckdb:///:memory:")
    store.migrate()
    import_rows(store, "workers", [_row("b1", "BDG", HELD[0])], "test")
    key = create_key(store, "counsellor", office_code="SBY", label="Bu Sari")
    import_rows(store, "workers", [_row("s1", "SBY")], "probe")
    words = {"id": ("Simpan", "Terlalu banyak NIK"), "en": ("Save", "Too many NIKs")}[lang]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with _serving(store) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=SIZES["phone"])
        page.goto(f"{url}/login?lang={lang}")
        page.locator("input[name=key]").fill(key.secret)
        page.locator("form button[type=submit]").click()
        for nik in (HELD[0], FREE):
            page.goto(f"{url}/workers/new?lang={lang}")
            page.locator("input[name=full_name]").fill("Ibu Siti Rahmawati")
            page.locator("input[name=nik]").fill(nik)
            page.locator("input[name=phone]").fill("081234567890")
            page.get_by_role("button", name=words[0]).click()
        expect(page.locator("input[name=full_name]")).to_have_value("Ibu Siti Rahmawati")
        expect(page.locator("input[name=nik]")).to_have_value(FREE)
        expect(page.locator("main")).to_contain_text(words[1])
        page.screenshot(path=str(ARTIFACTS / f"nik-probe-limit-{lang}-phone.png"), full_page=True)
        browser.close()
    assert store.backend.scalar("SELECT COUNT(*) FROM workers") == 2
