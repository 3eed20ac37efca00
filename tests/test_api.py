from __future__ import annotations

import logging

import pytest
from fair_ads_data import CASHIER, store_ads, store_pay_ads
from fastapi.testclient import TestClient

from tangkas.rows.nik import NIK_RULE
from tangkas.store import Store
from tangkas.store.keys import create_key
from tangkas.web import create_app


def _worker(i: int, office: str = "BDG", province: str = "32") -> dict[str, object]:
    return {
        "source": "test",
        "external_id": f"{office}-{i}",
        "office_code": office,
        "full_name": f"Pekerja {i}",
        "nik": f"3273010101{90 + i % 10:02d}{i:04d}",  # a sound NIK (born 1 January 19xx), one per i
        "phone": "0812000000",
        "gender": "F" if i % 2 else "M",
        "birth_year": 1990,
        "province_code": province,
        "migrant_status": "none",
    }


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


@pytest.fixture
def keys(store: Store) -> dict[str, str]:
    return {
        "counsellor": create_key(store, "counsellor", office_code="BDG").secret,
        "other_office": create_key(store, "counsellor", office_code="SBY").secret,
        "analyst": create_key(store, "analyst").secret,
        "provider": create_key(store, "provider", provider="BLK Bandung").secret,
        "admin": create_key(store, "admin").secret,
    }


def _h(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def test_api_health_needs_no_key(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["schema_version"] >= 1


def test_api_requires_a_valid_key(client: TestClient) -> None:
    assert client.get("/api/search/occupations", params={"q": "kasir"}).status_code == 401
    response = client.get("/api/search/occupations", params={"q": "kasir"}, headers=_h("tk_bad_key"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_api_search_and_lookup(client: TestClient, keys: dict[str, str]) -> None:
    hits = client.get(
        "/api/search/occupations", params={"q": "sopir truk", "limit": 3}, headers=_h(keys["analyst"])
    )
    assert hits.status_code == 200 and hits.json()[0]["isco"] == "8332"
    detail = client.get(
        "/api/occupations/lookup", params={"id": "2512.4"}, headers=_h(keys["analyst"])
    ).json()
    assert detail["essential_skills"] and detail["onet"]["job_zone"] == 4
    missing = client.get("/api/occupations/lookup", params={"id": "0000.0"}, headers=_h(keys["analyst"]))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_api_counsellor_sees_only_own_office_and_reads_are_audited(
    client: TestClient, keys: dict[str, str], store: Store
) -> None:
    created = client.post(
        "/api/workers", json={"rows": [_worker(i) for i in range(3)]}, headers=_h(keys["counsellor"])
    )
    assert created.status_code == 200, created.text
    client.post("/api/workers", json={"rows": [_worker(9, "SBY", "35")]}, headers=_h(keys["other_office"]))
    page = client.get("/api/workers", headers=_h(keys["counsellor"])).json()
    assert page["total"] == 3 and {w["office_code"] for w in page["items"]} == {"BDG"}
    assert page["items"][0]["full_name"].startswith("Pekerja")
    sby_id = client.get("/api/workers", headers=_h(keys["other_office"])).json()["items"][0]["id"]
    assert client.get(f"/api/workers/{sby_id}", headers=_h(keys["counsellor"])).status_code == 404
    assert client.get(f"/api/workers/{sby_id}", headers=_h(keys["admin"])).status_code == 200
    actions = store.backend.execute("SELECT action, entity, entity_id FROM audit_log ORDER BY id")
    assert ("read", "worker", str(sby_id)) in actions
    assert sum(a[0] == "list" for a in actions) == 2


def test_api_counsellor_cannot_register_into_another_office(client: TestClient, keys: dict[str, str]) -> None:
    response = client.post("/api/workers", json={"rows": [_worker(1, "SBY")]}, headers=_h(keys["counsellor"]))
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["analyst", "provider"])
def test_api_analysts_and_providers_never_see_personal_data(
    client: TestClient, keys: dict[str, str], role: str
) -> None:
    assert client.get("/api/workers", headers=_h(keys[role])).status_code == 403
    assert client.get("/api/workers/1", headers=_h(keys[role])).status_code == 403


def test_api_aggregates_suppress_small_cells(client: TestClient, keys: dict[str, str]) -> None:
    rows = [_worker(i) for i in range(20)] + [_worker(100 + i, province="33") for i in range(15)]
    rows += [_worker(200 + i, province="35") for i in range(3)]
    client.post("/api/workers", json={"rows": rows}, headers=_h(keys["counsellor"]))
    body = client.get(
        "/api/stats/workers", params={"by": "province_code"}, headers=_h(keys["analyst"])
    ).json()
    # 35 is never named; 33 is hidden with it, so the total minus 32 does not give 35 away
    assert body["cells"] == [{"group": "32", "count": 20}]
    assert body["hidden_count"] == body["total"] - 20 >= body["min_cell"]


def test_api_invalid_rows_are_rejected_whole_with_row_errors(
    client: TestClient, keys: dict[str, str], store: Store
) -> None:
    rows = [_worker(1), {**_worker(2), "nik": "123"}]
    response = client.post("/api/workers", json={"rows": rows}, headers=_h(keys["counsellor"]))
    assert response.status_code == 422
    body = response.json()["error"]
    assert body["rows"] == [{"row": 2, "field": "nik", "code": "format", "detail": "", "allowed": NIK_RULE}]
    assert store.backend.scalar("SELECT COUNT(*) FROM workers") == 0


def test_api_provider_adds_only_its_own_courses(client: TestClient, keys: dict[str, str]) -> None:
    from tangkas.taxonomy import load_taxonomy

    course = {
        "source": "api",
        "external_id": "c1",
        "provider": "BLK Bandung",
        "title_id": "Operator forklift",
        "skills": load_taxonomy().skill("operate forklift").uri,
        "hours": 40,
        "cost_idr": 0,
        "mode": "offline",
        "province_code": "32",  # an offline course says where it is held (the catalog's rule)
    }
    ok = client.post("/api/courses", json={"rows": [course]}, headers=_h(keys["provider"]))
    assert ok.status_code == 200 and ok.json()["inserted"] == 1
    other = {**course, "external_id": "c2", "provider": "LPK Lain"}
    assert (
        client.post("/api/courses", json={"rows": [other]}, headers=_h(keys["provider"])).status_code == 403
    )
    named = {k: v for k, v in course.items() if k != "provider"} | {"external_id": "c3"}
    for name, status in (("BLK Bandung", 200), ("LPK Lain", 403)):  # the catalog's column name
        row = named | {"provider_name": name}
        answer = client.post("/api/courses", json={"rows": [row]}, headers=_h(keys["provider"]))
        assert answer.status_code == status, answer.text
    assert (
        client.post("/api/courses", json={"rows": [course]}, headers=_h(keys["analyst"])).status_code == 403
    )
    listed = client.get(
        "/api/courses", params={"provider": "BLK Bandung"}, headers=_h(keys["analyst"])
    ).json()
    assert listed["total"] == 2  # c1, and c3 sent with provider_name


def test_api_bad_input_gets_consistent_error_bodies(client: TestClient, keys: dict[str, str]) -> None:
    for response in (
        client.get("/api/search/occupations", params={"q": ""}, headers=_h(keys["admin"])),
        client.get("/api/postings", params={"limit": 0}, headers=_h(keys["admin"])),
        client.get("/api/postings", params={"isco": "abc"}, headers=_h(keys["admin"])),
        client.post(
            "/api/postings",
            content=b"{not json",
            headers={**_h(keys["admin"]), "content-type": "application/json"},
        ),
    ):
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "invalid"


def test_api_request_size_is_limited(store: Store, keys: dict[str, str]) -> None:
    client = TestClient(create_app(store, max_body=1000))
    response = client.post("/api/postings", content=b"x" * 5000, headers=_h(keys["admin"]))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_api_logs_never_contain_personal_data(
    client: TestClient, keys: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        client.post("/api/workers", json={"rows": [_worker(7)]}, headers=_h(keys["counsellor"]))
        client.get("/api/workers", params={"limit": 5}, headers=_h(keys["counsellor"]))
    text = caplog.text
    assert "GET /api/workers 200" in text
    for secret in ("Pekerja 7", "3273000000000007", "0812000000", keys["counsellor"]):
        assert secret not in text


def test_api_a_nul_character_in_the_query_is_refused_on_every_store(store: Store) -> None:
    """`?q=a%00b` was a 500 on PostgreSQL (text cannot hold NUL) and fine on DuckDB: now 422 on both."""
    client = TestClient(create_app(store), raise_server_exceptions=False)
    headers = {"X-API-Key": create_key(store, "analyst").secret}
    for url in ("/api/postings?q=a%00b", "/api/search/occupations?q=%00", "/?q=a%00b"):
        answer = client.get(url, headers=headers)
        assert answer.status_code == 422 and "NUL" in answer.text, (url, answer.status_code)
    assert client.get("/api/postings?q=kasir", headers=headers).status_code == 200


def test_api_health_reads_and_never_writes(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    client = TestClient(create_app(store))
    seen: list[str] = []
    execute = store.backend.execute

    def recording(sql: str, params: object = ()) -> object:
        seen.append(sql)
        return execute(sql, params)  # type: ignore[arg-type]

    monkeypatch.setattr(store.backend, "execute", recording)
    assert client.get("/api/health").status_code == 200
    writes = [sql for sql in seen if sql.lstrip().upper().startswith(("CREATE", "ALTER", "INSERT"))]
    assert seen and not writes


def test_api_an_office_can_neither_block_nor_probe_another_offices_ids(
    client: TestClient, keys: dict[str, str], store: Store
) -> None:
    row = {"source": "simpel", "external_id": "W-1", "full_name": "Siti"}
    bandung = client.post(
        "/api/workers",
        json={"rows": [{**row, "office_code": "BDG", "nik": "3201011203560001"}]},
        headers=_h(keys["counsellor"]),
    )
    assert bandung.status_code == 200 and bandung.json()["inserted"] == 1
    surabaya = client.post(
        "/api/workers",
        json={"rows": [{**row, "office_code": "SBY", "nik": "3578015203560002"}]},
        headers=_h(keys["other_office"]),
    )
    # the same (source, external_id) from another office is its own row: not "duplicate", not blocked
    assert surabaya.status_code == 200
    assert surabaya.json() == {"rows": 1, "inserted": 1, "duplicates": 0, "existing": []}
    sources = sorted(r[0] for r in store.backend.execute("SELECT source FROM workers"))
    assert sources == ["BDG/simpel", "SBY/simpel"]
    course = {
        "source": "blk-bdg",
        "external_id": "C-1",
        "provider": "BLK Bandung",
        "title_id": "Las",
        "skills": "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da",
        "hours": 40,
        "cost_idr": 0,
        "mode": "online",
    }
    added = client.post("/api/courses", json={"rows": [course]}, headers=_h(keys["provider"]))
    assert added.status_code == 200, added.text
    assert store.backend.scalar("SELECT source FROM courses") == "BLK Bandung/blk-bdg"


def test_api_fair_ads_indicator_counts_each_ground(
    client: TestClient, keys: dict[str, str], store: Store
) -> None:
    store_ads(store)
    url = "/api/indicators/fair-ads"
    answer = client.get(url, params={"by": "province"}, headers=_h(keys["analyst"]))
    assert answer.status_code == 200
    body = answer.json()
    assert (body["indicator"], body["by"], len(body["rows"])) == ("fair-ads", "province", 3)
    assert body["rows"][1] == {
        "province": "32",
        "ads": 3,
        **{"sex": 2, "sex_share": 0.666667, "age": 1, "age_share": 0.333333},
        **{"marital": 0, "marital_share": 0.0, "appearance": 0, "appearance_share": 0.0},
        **{"religion": 0, "religion_share": 0.0, "ethnicity_race": 0, "ethnicity_race_share": 0.0},
        **{"disability_health": 0, "disability_health_share": 0.0},
        **{"any_ground": 2, "any_ground_share": 0.666667, "asks_women": 1, "asks_men": 1, "few_ads": True},
    }
    national = client.get(url, params={"by": "all"}, headers=_h(keys["analyst"])).json()["rows"]
    assert [(r["ads"], r["sex"], r["any_ground"]) for r in national] == [(7, 3, 5)]
    csv = client.get(url, params={"by": "month", "format": "csv"}, headers=_h(keys["analyst"]))
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["content-disposition"] == 'attachment; filename="tangkas-fair-ads-month.csv"'
    assert csv.text.splitlines()[1].startswith('"2025-01",2,1,0.5,')
    for by in ("planet", "occupation"):
        refused = client.get(url, params={"by": by}, headers=_h(keys["analyst"]))
        assert refused.status_code == 422 and refused.json()["error"]["fields"][0]["field"] == "query.by"
    assert client.get(url).status_code == 401


def test_api_fair_ads_pay_compares_one_sex_ads_with_the_rest(
    client: TestClient, keys: dict[str, str], store: Store
) -> None:
    store_pay_ads(store)
    url = "/api/indicators/fair-ads-pay"
    rows = client.get(url, params={"by": "occupation"}, headers=_h(keys["counsellor"])).json()["rows"]
    assert [(r["occupation"], r["one_sex_median_idr"], r["rest_median_idr"]) for r in rows] == [
        (CASHIER, 3_400_000, 4_400_000)
    ]
    groups = client.get(url, params={"by": "isco1"}, headers=_h(keys["analyst"])).json()["rows"]
    assert [(r["isco1"], r["one_sex_with_pay"], r["rest_with_pay"]) for r in groups] == [("5", 5, 5)]
    assert client.get(url, params={"by": "province"}, headers=_h(keys["analyst"])).status_code == 422
