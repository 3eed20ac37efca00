"""Security headers on every response; no-store on anything personal; pages without inline code."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.keys import create_key
from tangkas.web import create_app
from tangkas.web.limits import CSP

TAILOR = "7531.5"


@pytest.fixture
def client(store: Store) -> TestClient:
    worker = {"source": "t", "external_id": "1", "office_code": "BDG", "full_name": "Ibu Contoh"}
    import_rows(store, "workers", [{**worker, "province_code": "32", "occupations": TAILOR}], "test")
    return TestClient(create_app(store))


def _common(headers: object) -> None:
    assert isinstance(headers, dict) or hasattr(headers, "get")
    get = headers.get  # type: ignore[attr-defined]
    assert "default-src 'self'" in get("content-security-policy")
    assert "frame-ancestors 'none'" in get("content-security-policy")
    assert get("x-frame-options") == "DENY"
    assert get("x-content-type-options") == "nosniff"
    assert get("referrer-policy") == "same-origin"


def _sign_in(client: TestClient, store: Store) -> str:
    key = create_key(store, "counsellor", office_code="BDG").secret
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    client.post("/login", data={"key": key, "csrf": token.group(1)}, follow_redirects=False)
    return key


def test_security_headers_on_a_page_an_api_call_and_a_static_file(client: TestClient, store: Store) -> None:
    page = client.get("/", params={"q": "kasir"})
    _common(page.headers)
    assert page.headers["content-security-policy"] == CSP
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    assert "no-store" not in page.headers.get("cache-control", "")  # anonymous and public: cacheable
    health = client.get("/api/health")
    _common(health.headers)
    static = client.get("/static/style.css")
    assert static.status_code == 200
    _common(static.headers)
    assert "no-store" not in static.headers.get("cache-control", "")
    missing = client.get("/tidak-ada")
    _common(missing.headers)
    too_large = client.post("/api/extract", content=b"x" * (3 * 1024 * 1024))
    assert too_large.status_code == 413
    _common(too_large.headers)


def test_security_headers_personal_responses_are_never_stored(client: TestClient, store: Store) -> None:
    key = create_key(store, "counsellor", office_code="BDG").secret
    for path in ("/api/workers", "/api/workers/1"):
        answer = client.get(path, headers={"X-API-Key": key})
        assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store", path
        _common(answer.headers)
    assert client.get("/login").headers["cache-control"] == "no-store"
    assert client.get("/api/workers").headers["cache-control"] == "no-store"  # even the 401
    _sign_in(client, store)
    worker_id = store.backend.scalar("SELECT id FROM workers")
    paths = ["/workers", f"/workers/{worker_id}", f"/workers/{worker_id}/edit", "/workers/new"]
    paths += [f"/plan?occ={TAILOR}&to=8153.1", f"/recommendations?occ={TAILOR}"]  # shows the office's workers
    for path in paths:
        answer = client.get(path)
        assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store", path
        _common(answer.headers)


def test_security_headers_docs_pages_alone_allow_their_inline_code(client: TestClient) -> None:
    docs = client.get("/docs")
    assert "'unsafe-inline'" in docs.headers["content-security-policy"]
    assert docs.headers["x-frame-options"] == "DENY"
    assert "'unsafe-inline'" not in client.get("/openapi.json").headers["content-security-policy"]


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_security_headers_pages_have_no_inline_script_or_style(client: TestClient, store: Store) -> None:
    """The policy allows no inline code, so no page may carry any (it would silently not work)."""
    pages = [
        client.get("/", params={"q": "penjahit"}),
        client.post(
            "/understand", data={"text": "Saya penjahit di konveksi, menjahit baju dan memotong kain."}
        ),
        client.get("/recommendations", params={"occ": TAILOR}),
        client.get("/fragments/recommendations", params={"occ": TAILOR}),
        client.get("/plan", params={"occ": TAILOR, "to": "8153.1"}),
        client.get("/plan/print", params={"occ": TAILOR, "to": "8153.1"}),
        client.get(f"/occupation/{TAILOR}"),
        client.get("/login"),
        client.get("/analyst"),
    ]
    _sign_in(client, store)
    worker_id = store.backend.scalar("SELECT id FROM workers")
    pages += [client.get("/workers"), client.get(f"/workers/{worker_id}"), client.get("/workers/new")]
    pages += [client.get("/plan", params={"occ": TAILOR, "to": "8153.1"})]
    for answer in pages:
        assert answer.status_code == 200, answer.url
        found = INLINE.search(answer.text)
        assert not found, (str(answer.url), found.group(0) if found else "")
    assert 'class="w' in pages[2].text  # the meters still show their width
