from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tangkas.store import Store, open_store
from tangkas.taxonomy import Taxonomy, load_taxonomy


@pytest.fixture(scope="session")
def tax() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(autouse=True)
def _own_store_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the user's own store (``make run`` fills ~/.local/share/tangkas)."""
    monkeypatch.setenv("TANGKAS_HOME", str(tmp_path_factory.mktemp("tangkas-home")))
    monkeypatch.delenv("TANGKAS_DATABASE_URL", raising=False)


@pytest.fixture
def rng() -> random.Random:
    """Seeded randomness, the same in every run."""
    return random.Random(20261128)


POSTGRES_ADMIN_URL = os.environ.get("TANGKAS_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


def _postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    try:
        import psycopg

        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except Exception as error:  # any failure to reach the server means: no PostgreSQL here
        reason = f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL} ({error.__class__.__name__}); "
        if os.environ.get("CI"):
            pytest.fail(reason + "CI must run the PostgreSQL backend tests")
        pytest.skip(reason + "set TANGKAS_TEST_POSTGRES to run the PostgreSQL backend tests")
    name = f"tangkas_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE DATABASE {name}")
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture(params=["duckdb", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty store on each backend: the same tests run on both."""
    if request.param == "duckdb":
        yield f"duckdb:///{tmp_path / 'tangkas.duckdb'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    opened.migrate()
    yield opened
    opened.close()
