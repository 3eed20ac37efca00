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
