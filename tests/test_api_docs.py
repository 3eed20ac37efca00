from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tangkas.store import open_store
from tangkas.web import create_app

URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|\b(https?://[^\s"'<>)]+)""")


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(open_store("duckdb:///:memory:")))


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_load_nothing_from_outside_our_host(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    found = [a or b for a, b in URL.findall(response.text)]
    outside = [u for u in found if re.match(r"(?:https?:)?//", u) and not u.startswith("http://testserver/")]
    assert not outside, f"{path} loads {outside}"
    assets = [u for u in found if u.startswith("/") and not u.startswith("//")]
    assert any(u.endswith(".js") for u in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert client.get("/openapi.json").json()["info"]["title"] == "Tangkas API"


def test_api_spec_documents_every_error_answer(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    worker = spec["paths"]["/api/workers/{worker_id}"]["get"]["responses"]
    assert {"401", "403", "404", "422", "503"} <= set(worker)
    assert worker["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "413" in spec["paths"]["/api/workers"]["post"]["responses"]
    assert "401" not in spec["paths"]["/api/health"]["get"]["responses"]
    row = spec["components"]["schemas"]["Body_add_workers_api_workers_post"]["properties"]["rows"]["items"]
    assert row["additionalProperties"] is False and "full_name" in row["required"]
    assert row["properties"]["gender"]["anyOf"][0]["enum"] == ["F", "M", "X"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_api_refuses_unknown_query_parameters_and_names_them(client: TestClient) -> None:
    answer = client.get("/api/health", params={"provinsi": "32"})
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"] == [
        {"field": "query.provinsi", "message": "unknown query parameter"}
    ]


def test_api_method_not_allowed_lists_every_method_of_the_path(client: TestClient) -> None:
    answer = client.put("/api/postings")
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, POST, HEAD"
