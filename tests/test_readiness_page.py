"""The pre-departure readiness check of stored placements (issue 18): the service on both stores with
amounts worked out by hand, access by role with every check audited, the API and its refusals, the
worker page's social-security section and the printable checklist page."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from signing import sign_in

from tangkas.rows.entities import DOCUMENTS
from tangkas.services.imports import import_rows
from tangkas.services.readiness import ReadinessCheck, readiness_for
from tangkas.store import Store
from tangkas.store.keys import ApiKey, create_key
from tangkas.taxonomy import load_taxonomy
from tangkas.web import create_app
from tangkas.web.api import ReadinessOut
from tangkas.web.readiness import ReadinessPage
from tangkas.web.records import WorkerPage

AGENCY = "PT Rahasia Jaya"  # a value that must never reach the audit log
AS_OF = date(2025, 1, 15)
HOUSEKEEPER = next(o.uri for o in load_taxonomy().occupations if o.label_en == "domestic housekeeper")


def _rows(store: Store) -> None:
    """Siti (BDG, born 1990): a 24-month contract in Hong Kong from 1 March 2025, all eight documents,
    JKK and JKM paid from 1 January 2025 to 31 March 2027, no fee; an older 12-month contract in Taiwan
    from 1 June 2022; a placement abroad; Budi of another office."""
    workers = [
        {"source": "t", "external_id": "siti", "office_code": "BDG", "full_name": "Siti Aminah"},
        {"source": "t", "external_id": "budi", "office_code": "SBY", "full_name": "Budi Santoso"},
    ]
    import_rows(store, "workers", [w | {"birth_year": 1990} for w in workers], "test")
    base = {"source": "t", "worker_source": "t", "agency": AGENCY, "fee_charged_idr": 0}
    placements = [
        base
        | {"external_id": "hk", "worker_external_id": "siti", "destination": "HK"}
        | {"sector": "domestic_work", "status": "prospective", "occupation_uri": HOUSEKEEPER}
        | {"contract_start": "2025-03-01", "contract_end": "2027-02-28"},
        base
        | {"external_id": "tw", "worker_external_id": "siti", "destination": "TW"}
        | {"sector": "caregiving", "status": "prospective"}
        | {"contract_start": "2022-06-01", "contract_end": "2023-05-31"},
        base
        | {"external_id": "my", "worker_external_id": "siti", "destination": "MY"}
        | {"sector": "plantation", "status": "abroad", "departed_on": "2024-01-10"}
        | {"contract_start": "2024-01-12", "contract_end": "2026-01-11"},
        base
        | {"external_id": "sg", "worker_external_id": "budi", "destination": "SG"}
        | {"sector": "domestic_work", "status": "prospective"}
        | {"contract_start": "2025-03-01", "contract_end": "2027-02-28"},
    ]
    import_rows(store, "placements", placements, "test")
    documents = [
        {"source": "t", "external_id": f"hk-{kind}", "placement_source": "t", "placement_external_id": "hk"}
        | {"document": kind, "issued_on": "2024-10-01"}
        | ({"expires_on": "2034-10-01"} if kind == "passport" else {})
        for kind in DOCUMENTS
    ]
    import_rows(store, "placement_documents", documents, "test")
    spells = [
        {"source": "bpjs", "external_id": f"s-{programme}", "worker_source": "t"}
        | {"worker_external_id": "siti", "programme": programme, "segment": "pmi"}
        | {"valid_from": "2025-01-01", "paid_until": "2027-03-31"}
        for programme in ("JKK", "JKM")
    ]
    import_rows(store, "memberships", spells, "test")


def _id(store: Store, table: str, external_id: str) -> int:
    return int(store.backend.scalar(f"SELECT id FROM {table} WHERE external_id = ?", (external_id,)))


@pytest.fixture
def keys(store: Store) -> dict[str, ApiKey]:
    _rows(store)
    return {
        "bdg": create_key(store, "counsellor", office_code="BDG"),
        "sby": create_key(store, "counsellor", office_code="SBY"),
        "analyst": create_key(store, "analyst"),
        "provider": create_key(store, "provider", provider="BLK Bandung"),
        "admin": create_key(store, "admin"),
    }


def _check(store: Store, key: ApiKey, placement: str = "hk", as_of: date = AS_OF) -> ReadinessCheck:
    found = readiness_for(
        store, key, _id(store, "workers", "siti"), _id(store, "placements", placement), as_of
    )
    assert found is not None
    return found


# --- the service, on DuckDB and PostgreSQL -----------------------------------------------------------


def test_readiness_service_a_24_month_contract_under_permenaker_4_2023(
    store: Store, keys: dict[str, ApiKey]
) -> None:
    check = _check(store, keys["bdg"])
    assert check.readiness is not None and check.problem is None and not check.departed
    found = check.readiness
    assert found.ready and check.to_settle == 0
    # 1 Mar 2025 - 28 Feb 2027 is 24 months: the 24-month package, Rp332,500 (Pasal 18), and Rp37,500
    # before departure; cover must run to 28 Mar 2027 (one month after the contract, Pasal 16).
    due = found.contribution
    assert due is not None
    assert (due.rule, due.months, due.placement_idr, due.pre_placement_idr) == (
        "pmk4_2023",
        24,
        332_500,
        37_500,
    )
    assert found.item("jkk_jkm_placement").amount_idr == 332_500
    assert found.item("jkk_jkm_placement").law_key == "pmk4_2023"
    assert [i.id for i in found.items if i.status != "pass"] == ["jht"]  # optional, never blocks
    assert found.item("destination").law_key == "hk_employees_compensation"


def test_readiness_service_a_check_in_2022_uses_permenaker_18_2018(
    store: Store, keys: dict[str, ApiKey]
) -> None:
    then = _check(store, keys["bdg"], "tw", date(2022, 3, 1))
    assert then.readiness is not None and then.readiness.contribution is not None
    # Under Permenaker 18/2018 one package of Rp332,500 covered any contract up to 24 months ...
    assert then.readiness.contribution.rule == "pmk18_2018"
    assert then.readiness.item("jkk_jkm_placement").amount_idr == 332_500
    # ... under Permenaker 4/2023 the same 12-month contract costs Rp189,000.
    later = _check(store, keys["bdg"], "tw", date(2023, 4, 1))
    assert later.readiness is not None and later.readiness.item("jkk_jkm_placement").amount_idr == 189_000
    # Nothing on file for Taiwan: no documents, no PMI cover in 2022.
    assert not then.readiness.ready
    assert then.readiness.item("document_passport").status == "missing"
    assert then.readiness.item("jkk_jkm_pre_placement").status == "missing"
    assert then.to_settle == 8 + 2


def test_readiness_service_a_gap_in_cover_and_a_lapsed_passport_fail(
    store: Store, keys: dict[str, ApiKey]
) -> None:
    store.backend.execute(
        "UPDATE memberships SET paid_until = ? WHERE programme = 'JKM'", (date(2026, 6, 30),)
    )
    store.backend.execute(
        "UPDATE placement_documents SET expires_on = ? WHERE document = 'passport'", (date(2026, 1, 1),)
    )
    found = _check(store, keys["bdg"]).readiness
    assert found is not None and not found.ready
    assert found.item("jkk_jkm_placement").status == "fail"
    assert "1 Jul 2026" in found.item("jkk_jkm_placement").detail("en")
    assert found.item("document_passport").status == "fail"
    assert found.item("jkk_jkm_pre_placement").status == "pass"


def test_readiness_service_departed_and_undated_placements(store: Store, keys: dict[str, ApiKey]) -> None:
    abroad = _check(store, keys["bdg"], "my", date(2025, 1, 15))
    assert abroad.departed and abroad.readiness is not None
    assert abroad.departure_eve == date(2024, 1, 9)
    store.backend.execute("UPDATE placements SET contract_end = NULL WHERE external_id = 'tw'")
    undated = _check(store, keys["bdg"], "tw")
    assert (undated.readiness, undated.problem, undated.to_settle) == (None, "no_contract", 0)
    before = _check(store, keys["bdg"], "hk", date(2017, 1, 1))
    assert (before.readiness, before.problem) == (None, "no_rule")


def test_readiness_service_access_and_audit(store: Store, keys: dict[str, ApiKey]) -> None:
    siti, hk = _id(store, "workers", "siti"), _id(store, "placements", "hk")
    budi_sg = _id(store, "placements", "sg")
    for name in ("sby", "analyst", "provider"):
        assert readiness_for(store, keys[name], siti, hk, AS_OF) is None, name
    assert readiness_for(store, keys["bdg"], siti, budi_sg, AS_OF) is None  # not Siti's placement
    assert readiness_for(store, keys["bdg"], siti, 999_999, AS_OF) is None
    assert readiness_for(store, keys["admin"], siti, hk, AS_OF) is not None
    assert readiness_for(store, keys["bdg"], siti, hk, AS_OF) is not None
    entries = store.backend.query(
        "SELECT key_id, entity, entity_id, detail FROM audit_log WHERE action = 'read_readiness' ORDER BY id"
    )
    assert [(e["key_id"], e["entity"], e["entity_id"]) for e in entries] == [
        (keys["admin"].id, "worker", str(siti)),
        (keys["bdg"].id, "worker", str(siti)),
    ]
    detail = json.loads(entries[-1]["detail"])
    documents = {int(i) for (i,) in store.backend.execute("SELECT id FROM placement_documents")}
    assert detail["placement"] == hk and set(detail["documents"]) == documents
    assert len(detail["memberships"]) == 2 and detail["as_of"] == "2025-01-15"
    logged = json.dumps(store.backend.query("SELECT * FROM audit_log"), default=str)
    assert AGENCY not in logged and "Siti" not in logged and "2027-02-28" not in logged


# --- the API ---------------------------------------------------------------------------------------------


def _h(key: ApiKey) -> dict[str, str]:
    return {"X-API-Key": key.secret}


def test_readiness_api_answers_only_the_workers_office(store: Store, keys: dict[str, ApiKey]) -> None:
    client = TestClient(create_app(store))
    siti, hk, sg = (
        _id(store, "workers", "siti"),
        _id(store, "placements", "hk"),
        _id(store, "placements", "sg"),
    )
    url = f"/api/workers/{siti}/placements/{hk}/readiness?as_of=2025-01-15"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=_h(keys["analyst"])).status_code == 403
    assert client.get(url, headers=_h(keys["provider"])).status_code == 403
    assert client.get(url, headers=_h(keys["sby"])).status_code == 404
    other = f"/api/workers/{siti}/placements/{sg}/readiness"
    assert client.get(other, headers=_h(keys["bdg"])).status_code == 404
    answer = client.get(url, headers=_h(keys["bdg"]))
    assert answer.status_code == 200, answer.text
    body = ReadinessOut.model_validate(answer.json())
    assert body.ready and body.to_settle == 0 and body.as_of == "2025-01-15" and not body.departed
    assert body.contribution is not None and body.contribution.total_idr == 332_500 + 37_500
    assert len(body.rules_version) == 12
    placed = next(i for i in body.items if i.id == "jkk_jkm_placement")
    assert placed.amount_idr == 332_500 and placed.law is not None and placed.law.key == "pmk4_2023"
    assert set(placed.detail) == {"id", "en"}
    assert [i.id for i in body.items if not i.required] == ["jht", "destination"]
    english = client.get(url + "&lang=en", headers=_h(keys["bdg"])).json()
    assert all(set(i["detail"]) == {"en"} for i in english["items"])
    denied = store.backend.query("SELECT key_id, detail FROM audit_log WHERE action = 'denied'")
    assert {(d["key_id"], json.loads(d["detail"])["status"]) for d in denied} >= {
        (None, 401),
        (keys["analyst"].id, 403),
        (keys["sby"].id, 404),
        (keys["bdg"].id, 404),
    }


def test_readiness_api_refuses_a_malformed_or_too_early_date(store: Store, keys: dict[str, ApiKey]) -> None:
    client = TestClient(create_app(store))
    url = (
        f"/api/workers/{_id(store, 'workers', 'siti')}/placements/{_id(store, 'placements', 'hk')}/readiness"
    )
    for bad in ("2025-02-30", "15-01-2025", "tomorrow", "2025-1-5"):
        answer = client.get(url, params={"as_of": bad}, headers=_h(keys["bdg"]))
        assert answer.status_code == 422, bad
        assert "as_of" in answer.text
    early = client.get(url, params={"as_of": "2017-01-01"}, headers=_h(keys["bdg"]))
    assert early.status_code == 422 and "UU 18/2017" in early.text
    today = client.get(url, headers=_h(keys["bdg"]))
    assert today.status_code == 200 and today.json()["as_of"] == date.today().isoformat()


# --- the pages -------------------------------------------------------------------------------------------


def _signed_in(store: Store, key: ApiKey) -> TestClient:
    client = TestClient(create_app(store))
    assert sign_in(client, key.secret).status_code == 303
    return client


def test_readiness_worker_page_lists_spells_and_placements(store: Store, keys: dict[str, ApiKey]) -> None:
    client, siti = _signed_in(store, keys["bdg"]), _id(store, "workers", "siti")
    response = client.get(f"/workers/{siti}?lang=id")
    page: WorkerPage = response.context["page"]  # type: ignore[attr-defined]
    assert page.protection is not None
    assert [(s.programme, s.state) for s in page.protection.spells] in (
        [("JKK", "active"), ("JKM", "active")],
        [("JKK", "ended"), ("JKM", "ended")],  # run after March 2027
    )
    html = response.text
    assert "Jaminan sosial &amp; penempatan" in html and "JKK (kecelakaan kerja)" in html
    assert "Hong Kong" in html and "Malaysia" in html and "rumah tangga" in html
    assert "Dokumen yang ada (8 dari 8)" in html and "Paspor" in html
    links = [
        f"/workers/{siti}/placements/{_id(store, 'placements', p)}/readiness" for p in ("hk", "tw", "my")
    ]
    assert links[0] in html and links[1] in html and links[2] not in html  # prospective only
    english = client.get(f"/workers/{siti}?lang=en").text
    assert "Social security &amp; placements" in english and "abroad now" in english


def test_readiness_worker_page_spell_states(store: Store, keys: dict[str, ApiKey]) -> None:
    today = date.today()
    store.backend.execute(
        "UPDATE memberships SET valid_from = ?, paid_until = ? WHERE programme = 'JKK'",
        (today - timedelta(days=100), today + timedelta(days=12)),
    )
    store.backend.execute(
        "UPDATE memberships SET valid_from = ?, paid_until = ? WHERE programme = 'JKM'",
        (today - timedelta(days=100), today - timedelta(days=1)),
    )
    client = _signed_in(store, keys["bdg"])
    html = client.get(f"/workers/{_id(store, 'workers', 'siti')}?lang=id").text
    assert "berakhir dalam 12 hari" in html and "sudah berakhir" in html
    assert "no-injury-cover" not in html  # JKK covers today


def test_readiness_worker_page_warns_and_lists_missing_documents(
    store: Store, keys: dict[str, ApiKey]
) -> None:
    """Without a JKK spell covering today the section says so and what to do; a prospective placement
    lists the Pasal 13 documents not on file (the Taiwan one has none, the Hong Kong one all eight)."""
    yesterday = date.today() - timedelta(days=1)
    store.backend.execute("UPDATE memberships SET paid_until = ? WHERE programme = 'JKK'", (yesterday,))
    client, siti = _signed_in(store, keys["bdg"]), _id(store, "workers", "siti")
    page: WorkerPage = client.get(f"/workers/{siti}?lang=id").context["page"]  # type: ignore[attr-defined]
    assert page.protection is not None and not page.protection.injury_cover
    missing = {p.destination: p.missing for p in page.protection.placements}
    assert missing["Hong Kong"] == [] and len(missing["Taiwan"]) == 8 and "Paspor" in missing["Taiwan"]
    html = client.get(f"/workers/{siti}?lang=id").text
    assert "Hari ini tidak ada JKK yang berlaku" in html and "Dokumen yang belum ada" in html
    english = client.get(f"/workers/{siti}?lang=en").text
    assert "No JKK cover today" in english and "Documents not yet on file" in english


def test_readiness_page_in_indonesian_and_english(store: Store, keys: dict[str, ApiKey]) -> None:
    client = _signed_in(store, keys["bdg"])
    url = f"/workers/{_id(store, 'workers', 'siti')}/placements/{_id(store, 'placements', 'hk')}/readiness"
    response = client.get(url, params={"as_of": "2025-01-15", "lang": "id"})
    assert response.status_code == 200 and response.template.name == "readiness.html"  # type: ignore[attr-defined]
    page: ReadinessPage = response.context["page"]  # type: ignore[attr-defined]
    assert [r.id for r in page.information] == ["jht", "destination"]
    assert len(page.required) == 1 + 8 + 2 + 1
    html = response.text
    assert "Siap berangkat" in html and "Siti Aminah" in html and "Hong Kong" in html
    assert "15 Jan 2025" in html and "1 Mar 2025" in html and "28 Feb 2027" in html
    assert "Rp332.500" in html and "Rp37.500" in html and "✔ Sudah" in html
    assert "Permenaker 4/2023 Pasal 16 dan 18" in html and "UU 18/2017 Pasal 13" in html
    assert "Cetak" in html and "data-print" in html and "/static/readiness.css" in html
    english = client.get(url, params={"as_of": "2025-01-15", "lang": "en"}).text
    assert "Ready to leave" in english and "Print" in english and "Rp332.500" in english
    lapsed = client.get(url, params={"as_of": "2024-06-01", "lang": "id"}).text
    assert "Belum siap:" in lapsed and "hal perlu diselesaikan" in lapsed and "○ Belum ada" in lapsed


def test_readiness_page_refusals(store: Store, keys: dict[str, ApiKey]) -> None:
    siti, hk = _id(store, "workers", "siti"), _id(store, "placements", "hk")
    url = f"/workers/{siti}/placements/{hk}/readiness"
    assert TestClient(create_app(store)).get(url).status_code == 401
    assert _signed_in(store, keys["sby"]).get(url).status_code == 404
    bdg = _signed_in(store, keys["bdg"])
    assert (
        bdg.get(f"/workers/{siti}/placements/{_id(store, 'placements', 'sg')}/readiness").status_code == 404
    )
    bad = bdg.get(url, params={"as_of": "2025-02-30"})
    assert bad.status_code == 422 and "2026-11-29" in bad.text
    early = bdg.get(url, params={"as_of": "2017-01-01", "lang": "id"})
    assert early.status_code == 200 and "UU 18/2017 belum berlaku" in early.text
    abroad = bdg.get(f"/workers/{siti}/placements/{_id(store, 'placements', 'my')}/readiness?lang=id").text
    assert "sudah berangkat" in abroad and "as_of=2024-01-09" in abroad


def test_readiness_page_is_audited(store: Store, keys: dict[str, ApiKey]) -> None:
    client = _signed_in(store, keys["bdg"])
    siti = _id(store, "workers", "siti")
    client.get(f"/workers/{siti}/placements/{_id(store, 'placements', 'hk')}/readiness")
    client.get(f"/workers/{siti}")
    actions: list[Any] = [
        r["action"]
        for r in store.backend.query(
            "SELECT action FROM audit_log WHERE key_id = ? ORDER BY id", (keys["bdg"].id,)
        )
    ]
    assert actions[-5:] == [
        "read_readiness",
        "read",
        "read_memberships",
        "read_placements",
        "read_enrolments",
    ]
