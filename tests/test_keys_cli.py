from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tangkas.cli import app
from tangkas.store import Store
from tangkas.store.keys import AuthenticationError, authenticate, create_key, list_keys, revoke_key
from tangkas.web import create_app

runner = CliRunner()


def test_keys_revoke_makes_authenticate_fail(store: Store, store_url: str) -> None:
    key, other = create_key(store, "analyst"), create_key(store, "admin")
    prefix = key.secret.split("_")[1]
    result = runner.invoke(app, ["keys", "revoke", prefix, "--db", store_url])
    assert result.exit_code == 0, result.output
    assert f"Kunci API {prefix} dicabut" in result.output
    with pytest.raises(AuthenticationError):
        authenticate(store, key.secret)
    assert authenticate(store, other.secret).role == "admin"
    again = runner.invoke(app, ["keys", "revoke", prefix, "--db", store_url, "--lang", "en"])
    assert again.exit_code == 0 and f"API key {prefix} revoked" in again.output
    assert [k.revoked_at is not None for k in list_keys(store)] == [True, False]


def test_keys_list_never_prints_hashes(store: Store, store_url: str) -> None:
    keys = [create_key(store, "counsellor", office_code="BDG", label="meja 1"), create_key(store, "analyst")]
    revoke_key(store, keys[1].id)
    hashes = [str(h) for (h,) in store.backend.execute("SELECT key_hash FROM api_keys")]
    table = runner.invoke(app, ["keys", "list", "--db", store_url, "--lang", "en"])
    as_json = runner.invoke(app, ["keys", "list", "--db", store_url, "--json"])
    for result in (table, as_json):
        assert result.exit_code == 0, result.output
        assert not any(h in result.output or h[:16] in result.output for h in hashes)
        assert not any(k.secret in result.output for k in keys)
    assert "Revoked" in table.output and "counsellor" in table.output
    rows = json.loads(as_json.output)
    assert [(r["role"], r["office_code"], r["label"]) for r in rows] == [
        ("counsellor", "BDG", "meja 1"),
        ("analyst", None, None),
    ]
    assert [r["prefix"] for r in rows] == [k.secret.split("_")[1] for k in keys]
    assert rows[0]["revoked_at"] is None and rows[1]["revoked_at"]
    assert set(rows[0]) == {
        *("prefix", "role", "office_code", "provider", "label", "created_at", "revoked_at"),
        *("sessions", "last_seen_at"),
    }


def test_keys_revoke_unknown_prefix_exits_2_with_one_line(store: Store, store_url: str) -> None:
    for lang, words in (("id", "tidak ada kunci API"), ("en", "no API key")):
        result = runner.invoke(app, ["keys", "revoke", "deadbeef", "--db", store_url, "--lang", lang])
        assert result.exit_code == 2
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and words in lines[0] and "deadbeef" in lines[0], result.stderr


def test_keys_revoked_in_this_process_is_refused_at_once_despite_the_key_cache(store: Store) -> None:
    key = create_key(store, "analyst")
    client = TestClient(create_app(store))
    headers = {"X-API-Key": key.secret}
    assert client.get("/api/search/occupations", params={"q": "kasir"}, headers=headers).status_code == 200
    revoke_key(store, key.secret.split("_")[1])
    assert client.get("/api/search/occupations", params={"q": "kasir"}, headers=headers).status_code == 401


def test_keys_revoke_help_says_it_works_from_the_next_request() -> None:
    result = runner.invoke(app, ["keys", "revoke", "--help"])
    assert (
        result.exit_code == 0 and "permintaan berikutnya" in result.output and "30 detik" not in result.output
    )


def test_keys_create_while_the_server_holds_the_store_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "tangkas.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        for lang, words in (("id", "sedang dipakai oleh server Tangkas"), ("en", "in use by the running")):
            result = runner.invoke(
                app, ["keys", "create", "--role", "counsellor", "--db", f"duckdb:///{path}", "--lang", lang]
            )
            assert result.exit_code == 2, result.output
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            assert words in " ".join(lines) and "Could not set lock" not in result.stderr
    finally:
        holder.kill()
        holder.communicate(timeout=10)


HOLD_STORE = (
    "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('open', flush=True); time.sleep(60)"
)


def test_keys_readme_creates_a_counsellor_for_the_demo_office() -> None:
    from tangkas.services.demo import load_demo
    from tangkas.store import open_store

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    office = re.search(r"keys create --role counsellor --office (\S+)", readme)
    assert office, "the README shows how to create a counsellor's key"
    with open_store("duckdb:///:memory:") as store:
        load_demo(store, postings=10, workers=20)
        assert store.backend.scalar("SELECT COUNT(*) FROM workers WHERE office_code = ?", [office.group(1)])


def test_keys_are_managed_through_the_running_server_that_holds_the_store(tmp_path: Path) -> None:
    """`tangkas serve` on the embedded store leaves a control file; `tangkas keys` then creates, lists
    and revokes keys through that server instead of failing on DuckDB's lock."""
    import socket
    import time
    import urllib.request

    path = tmp_path / "tangkas.duckdb"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "tangkas", "serve", "--db", f"duckdb:///{path}", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    control = Path(f"{path}.server.json")
    try:
        deadline = time.monotonic() + 90
        while True:
            assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2).close()
                break
            except OSError:
                time.sleep(0.3)
        assert control.exists() and oct(control.stat().st_mode & 0o777) == "0o600"
        db = ["--db", f"duckdb:///{path}"]
        created = runner.invoke(app, ["keys", "create", "--role", "counsellor", "--office", "BDG", *db])
        assert created.exit_code == 0, created.output
        secret = created.output.strip().splitlines()[-1]
        assert secret.startswith("tk_")
        listed = runner.invoke(app, ["keys", "list", "--json", *db])
        assert listed.exit_code == 0 and '"office_code": "BDG"' in listed.output, listed.output
        prefix = secret.split("_")[1]
        revoked = runner.invoke(app, ["keys", "revoke", prefix, *db])
        assert revoked.exit_code == 0 and prefix in revoked.output, revoked.output
        stranger = urllib.request.Request(f"http://127.0.0.1:{port}/control/keys")  # no token
        try:
            urllib.request.urlopen(stranger, timeout=5)
            raise AssertionError("the control channel answered without its token")
        except urllib.error.HTTPError as refused:
            assert refused.code == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not control.exists(), "the control file goes with the server"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ([], "galat: peran tidak dikenal: 'janitor' (pilih "),
        (["--lang", "en"], "error: unknown role: 'janitor' (choose "),
    ],
)
def test_keys_create_refuses_an_unknown_role_in_the_language(lang: list[str], said: str) -> None:
    result = runner.invoke(app, ["keys", "create", "--role", "janitor", *lang])
    assert result.exit_code == 2 and result.stderr.startswith(said) and "counsellor" in result.stderr
