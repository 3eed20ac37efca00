"""Operational data (workers, postings, courses, enrolments, keys, audit) behind one small interface.

The default is an embedded DuckDB file that needs no setup; PostgreSQL is selected by one setting,
``TANGKAS_DATABASE_URL=postgresql://user@host/db``.

>>> store = open_store("duckdb:///:memory:")
>>> store.migrate()
[1, 2, 3, 4, 5, 6, 7, 9]
>>> store.version()
9
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from tangkas.store.base import Backend, StoreError
from tangkas.store.schema import LATEST, current_version, migrate, require_latest

ENV_URL = "TANGKAS_DATABASE_URL"
ENV_HOME = "TANGKAS_HOME"


def default_url() -> str:
    """``TANGKAS_DATABASE_URL``, else a DuckDB file under ``TANGKAS_HOME`` (``~/.local/share/tangkas``)."""
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    home = Path(os.environ.get(ENV_HOME) or Path.home() / ".local" / "share" / "tangkas")
    return f"duckdb:///{home / 'tangkas.duckdb'}"


class Store:
    """A database holding Tangkas' operational data."""

    def __init__(self, backend: Backend, url: str) -> None:
        self.backend = backend
        self.url = url
        # One connection per store: threads (web workers) take turns on it.
        self.lock = threading.RLock()
        # Bumped by every write through this process, so caches of derived tables know to refresh.
        self.generation = 0

    def changed(self) -> None:
        """Note a write (imports, coding) so caches derived from the data refresh."""
        self.generation += 1

    def migrate(self) -> list[int]:
        """Bring the schema to the latest version; the versions applied."""
        return migrate(self.backend)

    def version(self) -> int:
        return current_version(self.backend)

    def require_latest(self) -> None:
        require_latest(self.backend)

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _duckdb_path(url: str) -> str | None:
    """The file (or ``:memory:``) of a ``duckdb://`` URL; ``None`` for other URLs."""
    if not url.startswith("duckdb://"):
        return None
    return url.removeprefix("duckdb://").removeprefix("/") or ":memory:"


def store_exists(url: str | None = None) -> bool:
    """Whether there is a store at ``url`` to read: a server database, or an embedded file already made.

    >>> store_exists("duckdb:////nowhere/tangkas.duckdb"), store_exists("postgresql://db/tangkas")
    (False, True)
    """
    path = _duckdb_path(url or default_url())
    return path is None or path == ":memory:" or Path(path).exists()


def open_store(url: str | None = None) -> Store:
    """Open the store at ``url`` (``duckdb:///path``, ``duckdb:///:memory:`` or ``postgresql://...``)."""
    url = url or default_url()
    path = _duckdb_path(url)
    if path is not None:
        from tangkas.store.duckdb import DuckDBBackend

        return Store(DuckDBBackend(path), url)
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from tangkas.store.postgres import PostgresBackend
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise StoreError("PostgreSQL needs psycopg: pip install 'tangkas[store]'") from error
        return Store(PostgresBackend(url), url)
    raise StoreError(f"unsupported database URL (use duckdb:/// or postgresql://): {url.split('@')[-1]!r}")


__all__ = ["LATEST", "Store", "StoreError", "default_url", "open_store", "store_exists"]
