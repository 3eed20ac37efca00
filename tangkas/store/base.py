"""The small interface every storage backend implements (DuckDB embedded, PostgreSQL).

SQL is written once, in the portable subset both engines share, with ``?`` placeholders; a backend
translates placeholders and does bulk loading its own fastest way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa

from tangkas.errors import TangkasError

Params = Sequence[Any]


class StoreError(TangkasError):
    """A storage problem the user can act on (bad URL, missing migration, unreachable server)."""


class StoreUnavailableError(StoreError):
    """The database cannot be reached right now (a lost connection that could not be re-opened, or one
    lost inside a transaction, which was rolled back): the request may be tried again."""


class StoreBusyError(StoreError):
    """The embedded store's file is held by another process, such as a running ``tangkas serve``:
    DuckDB lets one process at a time open a file for writing."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(
            f"DuckDB file {path} is in use by another process: {detail}",
            indonesian=f"berkas DuckDB {path} sedang dipakai proses lain: {detail}",
        )
        self.path = path

    @property
    def control_file(self) -> Path:
        """Where a ``tangkas serve`` holding the file says how the local CLI may reach it."""
        return control_file(self.path)


def control_file(database: str) -> Path:
    """The control file of a server on the DuckDB file ``database`` (:mod:`tangkas.web.control`)."""
    return Path(f"{database}.server.json")


class Backend(ABC):
    """A connection to one database, with transactions and bulk loading."""

    name: str

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Run one statement; rows for a query, ``[]`` otherwise."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        """Run one statement for many parameter rows."""

    @abstractmethod
    def load_arrow(self, table: str, data: pa.Table) -> None:
        """Append ``data`` (columns named as in ``table``) to an existing table, in bulk."""

    def _begin(self) -> None:
        self.execute("BEGIN")

    def _commit(self) -> None:
        self.execute("COMMIT")

    def _rollback(self) -> None:
        self.execute("ROLLBACK")

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    _depth = 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All statements inside commit together or not at all (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        self._commit()

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        rows, columns = self._query_with_columns(sql, params)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    @abstractmethod
    def _query_with_columns(self, sql: str, params: Params) -> tuple[list[tuple[Any, ...]], list[str]]: ...

    def scalar(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or ``None``."""
        rows = self.execute(sql, params)
        return rows[0][0] if rows else None
