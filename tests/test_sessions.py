"""Sign-in sessions, form tokens, sign-in rate limits, revocation at once, the store lock off the event
loop, and limits on reading CVs anonymously."""

from __future__ import annotations

import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import timedelta

import pytest
import uvicorn
from fastapi.testclient import TestClient
from signing import sign_in as _login
from typer.testing import CliRunner

from tangkas.cli import app as cli
from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.keys import ApiKey, create_key, list_keys, session_principal
from tangkas.web import create_app
from tangkas.web.limits import Gate
from tangkas.web.security import COOKIE, LOGIN_COOKIE

TAILOR = "7531.5"
runner = CliRunner()


@pytest.fixture
def client(store: Store) -> TestClient:
    worker = {
        "source": "t",
        "external_id": "1",
        "office_code": "BDG",
        "full_name": "Ibu Contoh",
        "province_code": "32",
    }
    import_rows(store, "workers", [{**worker, "occupations": TAILOR}], "test")
    return TestClient(create_app(store))


def _counsellor(store: Store) -> ApiKey:
    return create_key(store, "counsellor", office_code="BDG", label="Bu Sari")


def _age(store: Store, minutes: int) -> None:
    """Every session last seen ``minutes`` earlier than it was."""
    for session_id, seen in store.backend.execute("SELECT id, last_seen_at FROM sessions"):
        moved = seen - timedelta(minutes=minutes)
        store.backend.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ?", (moved, session_id))


def _csrf(client: TestClient) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/workers").text)
    assert found
    return found.group(1)


def test_sessions_cookie_holds_a_random_token_never_the_key(client: TestClient, store: Store) -> None:
    key = _counsellor(store)
    response = _login(client, key.secret)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    token = client.cookies[COOKIE]
    assert key.secret not in cookie and key.secret.split("_", 2)[2] not in cookie
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    stored = [str(v) for row in store.backend.execute("SELECT * FROM sessions") for v in row]
    assert token not in stored and len(stored) > 0
    assert client.get("/workers").status_code == 200


def test_sessions_logout_ends_the_session_on_the_server(client: TestClient, store: Store) -> None:
    _login(client, _counsellor(store).secret)
    token = client.cookies[COOKIE]
    assert client.post("/logout", data={"csrf": _csrf(client)}, follow_redirects=False).status_code == 303
    client.cookies.clear()
    client.cookies.set(COOKIE, token)  # the old cookie, replayed
    assert client.get("/workers").status_code == 401
    assert session_principal(store, token) is None


def test_sessions_end_when_idle_or_old(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _login(client, _counsellor(store).secret)
    assert client.get("/workers").status_code == 200
    _age(store, minutes=31)
    assert client.get("/workers").status_code == 401
    monkeypatch.setenv("TANGKAS_SESSION_IDLE_MINUTES", "60")  # configurable: 31 minutes idle is fine now
    assert client.get("/workers").status_code == 200
    _login(client, _counsellor(store).secret)
    store.backend.execute(
        "UPDATE sessions SET expires_at = ?", (store.backend.scalar("SELECT MIN(created_at) FROM sessions"),)
    )
    assert client.get("/workers").status_code == 401


def test_sessions_activity_keeps_a_session_open(client: TestClient, store: Store) -> None:
    _login(client, _counsellor(store).secret)
    _age(store, minutes=20)
    assert client.get("/workers").status_code == 200  # seen now: the idle clock starts again
    _age(store, minutes=20)
    assert client.get("/workers").status_code == 200


def test_sessions_revoking_a_key_elsewhere_stops_it_at_once(
    client: TestClient, store: Store, store_url: str
) -> None:
    """Revoked through the CLI (its own store handle, as another process would be): the very next API
    request and page request are refused, and the CLI says which sessions it ended."""
    key = _counsellor(store)
    api = {"X-API-Key": key.secret}
    assert client.get("/api/workers", headers=api).status_code == 200
    assert client.get("/api/workers", headers=api).status_code == 200  # verified, as a cache would hold it
    _login(client, key.secret)
    assert client.get("/workers").status_code == 200
    listed = runner.invoke(cli, ["keys", "list", "--db", store_url, "--lang", "en"])
    assert f"{key.secret.split('_')[1]} (1, " in listed.output, listed.output
    revoked = runner.invoke(cli, ["keys", "revoke", key.secret.split("_")[1], "--db", store_url])
    assert revoked.exit_code == 0 and "1 sesi masuk dengan kunci ini diakhiri" in revoked.output, (
        revoked.output
    )
    assert client.get("/api/workers", headers=api).status_code == 401
    assert client.get("/workers").status_code == 401
    assert [k.sessions for k in list_keys(store)] == [0]


def test_sessions_login_needs_the_token_of_our_own_sign_in_page(client: TestClient, store: Store) -> None:
    """Login CSRF: another site's form (no token, no cookie to match it, its own Origin) signs no one in."""
    key = _counsellor(store).secret
    assert client.post("/login", data={"key": key}, follow_redirects=False).status_code == 403
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token and client.cookies.get(LOGIN_COOKIE) == token.group(1)
    evil = {"Origin": "https://evil.example"}
    forged = client.post(
        "/login", data={"key": key, "csrf": token.group(1)}, headers=evil, follow_redirects=False
    )
    assert forged.status_code == 403 and COOKIE not in client.cookies
    client.cookies.delete(LOGIN_COOKIE)
    no_cookie = client.post("/login", data={"key": key, "csrf": token.group(1)}, follow_redirects=False)
    assert no_cookie.status_code == 403 and "kedaluwarsa" in no_cookie.text
    assert store.backend.scalar("SELECT COUNT(*) FROM sessions") == 0
    assert _login(client, key).status_code == 303


def test_sessions_logout_and_plan_save_need_the_session_token(client: TestClient, store: Store) -> None:
    _login(client, _counsellor(store).secret)
    own = store.backend.scalar("SELECT id FROM workers")
    plan = {"worker": own, "to": "8153.1", "occ": [TAILOR]}
    assert client.post("/plans/save", data=plan, follow_redirects=False).status_code == 403
    assert (
        client.post("/plans/save", data={**plan, "csrf": "0" * 64}, follow_redirects=False).status_code == 403
    )
    assert client.post("/logout", follow_redirects=False).status_code == 403
    assert client.get("/workers").status_code == 200  # a forged sign-out ends nothing
    token = _csrf(client)
    assert client.post("/plans/save", data={**plan, "csrf": token}, follow_redirects=False).status_code == 303
    _login(client, _counsellor(store).secret)  # a new session: the old token is dead
    assert client.post("/plans/save", data={**plan, "csrf": token}, follow_redirects=False).status_code == 403


def test_sessions_failed_sign_ins_are_limited_per_client_and_per_key(
    client: TestClient, store: Store
) -> None:
    key = _counsellor(store).secret
    prefix = key.split("_")[1]
    for _ in range(5):
        assert _login(client, f"tk_{prefix}_wrong").status_code == 401
    blocked = _login(client, key)
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "Terlalu banyak percobaan masuk" in blocked.text and key not in blocked.text
    other = TestClient(client.app, client=("203.0.113.9", 5000))  # another address, the same key
    assert _login(other, key).status_code == 429
    fresh = TestClient(client.app, client=("203.0.113.10", 5000))
    assert _login(fresh, _counsellor(store).secret).status_code == 303  # other keys and clients: fine


def test_sessions_a_successful_sign_in_resets_the_count(client: TestClient, store: Store) -> None:
    key = _counsellor(store).secret
    for i in range(4):
        assert _login(client, f"tk_nobody{i}_wrong").status_code == 401
    assert _login(client, key).status_code == 303
    for i in range(4):
        assert _login(client, f"tk_someone{i}_wrong").status_code == 401
    assert _login(client, key).status_code == 303


@pytest.fixture
def served(store: Store) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _get(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_sessions_a_held_store_lock_does_not_hold_up_other_pages(served: str, store: Store) -> None:
    """A slow query holds the store for 1 s while a new key is being checked: an anonymous page that needs
    no store still answers at once (the check waits in a thread, not on the event loop); on the embedded
    store, a key verified before answers at once too."""
    verified, new = create_key(store, "analyst").secret, create_key(store, "analyst").secret
    search = f"{served}/api/search/occupations?q=kasir"
    assert _get(f"{served}/?q=kasir") == 200  # warm: taxonomy and templates loaded
    assert _get(search, {"X-API-Key": verified}) == 200
    held = threading.Event()

    def hold() -> None:
        with store.lock:
            held.set()
            time.sleep(1.0)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    keyed: list[int] = []
    waiting = threading.Thread(target=lambda: keyed.append(_get(search, {"X-API-Key": new})))
    waiting.start()
    time.sleep(0.1)  # the new key's check is now waiting for the store
    started = time.perf_counter()
    assert _get(f"{served}/?q=kasir") == 200
    elapsed = time.perf_counter() - started
    if store.url.startswith("duckdb:"):
        started = time.perf_counter()
        assert _get(search, {"X-API-Key": verified}) == 200
        elapsed = max(elapsed, time.perf_counter() - started)
    holder.join()
    waiting.join()
    assert keyed == [200]
    assert elapsed < 0.5, f"a request that needs no store took {elapsed:.2f} s behind a held store lock"


def test_sessions_recommendations_wait_for_the_store_off_the_event_loop(served: str, store: Store) -> None:
    """Recommending is ``async`` (CPU on the event loop, for throughput) but refreshing its demand table
    waits for the store in a thread: an anonymous page still answers while the store is held."""
    assert _get(f"{served}/recommendations?occ={TAILOR}") == 200  # warm
    store.changed()  # a write: the demand table must be read again
    held = threading.Event()

    def hold() -> None:
        with store.lock:
            held.set()
            time.sleep(1.0)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    answers: list[int] = []
    waiting = threading.Thread(target=lambda: answers.append(_get(f"{served}/recommendations?occ={TAILOR}")))
    waiting.start()
    time.sleep(0.1)
    started = time.perf_counter()
    assert _get(f"{served}/?q=kasir") == 200
    elapsed = time.perf_counter() - started
    holder.join()
    waiting.join()
    assert answers == [200]
    assert elapsed < 0.5, f"an anonymous page took {elapsed:.2f} s behind a held store lock"


def test_sessions_reading_texts_is_limited_per_client(client: TestClient) -> None:
    text = {"text": "Saya penjahit di konveksi selama lima tahun."}
    answers = [client.post("/understand", data=text) for _ in range(21)]
    assert [a.status_code for a in answers[:20]] == [200] * 20
    refused = answers[20]
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Tunggu" in refused.text and "<html" in refused.text
    other = TestClient(client.app, client=("203.0.113.7", 5000))
    assert other.post("/understand", data=text).status_code == 200


def test_sessions_reading_texts_has_a_cap_on_work_at_once(client: TestClient) -> None:
    gate = Gate(concurrent=1, per_client=100, window=60)
    client.app.state.understand_gate = gate  # type: ignore[attr-defined]
    text = {"text": "Saya kasir minimarket."}
    assert gate.slots.acquire(blocking=False)  # one text is being read
    try:
        busy = client.post("/understand", data=text, params={"lang": "en"})
        assert busy.status_code == 503 and busy.headers["Retry-After"] == "5"
        assert "reading many texts at once" in busy.text
    finally:
        gate.slots.release()
    assert client.post("/understand", data=text).status_code == 200


def test_sessions_reading_texts_refuses_another_sites_form(client: TestClient) -> None:
    text = {"text": "Saya kasir minimarket."}
    evil = client.post("/understand", data=text, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403
    ours = client.post("/understand", data=text, headers={"Origin": "http://testserver"})
    assert ours.status_code == 200


def test_sessions_old_key_cookie_no_longer_signs_in(client: TestClient, store: Store) -> None:
    """The cookie of the old scheme (the API key itself) opens nothing."""
    key = _counsellor(store).secret
    client.cookies.set("tangkas_key", key)
    client.cookies.set(COOKIE, key)
    assert client.get("/workers").status_code == 401
    client.cookies.delete(COOKIE)
    signed = _login(client, key)
    assert signed.status_code == 303 and 'tangkas_key=""' in str(signed.headers.get_list("set-cookie"))


def test_sessions_expired_rows_are_dropped_at_the_next_sign_in(client: TestClient, store: Store) -> None:
    _login(client, _counsellor(store).secret)
    store.backend.execute(
        "UPDATE sessions SET expires_at = ?",
        (store.backend.scalar("SELECT MIN(created_at) FROM sessions") - timedelta(days=2),),
    )
    _login(client, _counsellor(store).secret)
    assert store.backend.scalar("SELECT COUNT(*) FROM sessions") == 1
