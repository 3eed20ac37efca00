"""The embedded default backend: one DuckDB file, no server, no setup."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tangkas.store.base import Backend, Params, StoreBusyError, StoreError


class DuckDBBackend(Backend):
    """A DuckDB database file (or ``:memory:``)."""

    name = "duckdb"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            folder = Path(self.path).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(
                    f"cannot create the data folder {folder} ({error.strerror}): set TANGKAS_HOME to a "
                    "folder you can write, or TANGKAS_DATABASE_URL"
                ) from error
        try:
            self._connection = duckdb.connect(self.path)
        except duckdb.Error as error:
            if "lock" in str(error).lower():
                raise StoreBusyError(self.path, str(error)) from error
            raise StoreError(f"cannot open DuckDB file {self.path}: {error}") from error

    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        cursor = self._connection.execute(sql, list(params))
        return cursor.fetchall() if cursor.description else []

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            self._connection.executemany(sql, [list(r) for r in rows])

    def _query_with_columns(self, sql: str, params: Params) -> tuple[list[tuple[Any, ...]], list[str]]:
        cursor = self._connection.execute(sql, list(params))
        columns = [c[0] for c in cursor.description or []]
        return cursor.fetchall(), columns

    def load_arrow(self, table: str, data: pa.Table) -> None:
        columns = ", ".join(data.column_names)
        self._connection.register("_tangkas_batch", data)
        try:
            self._connection.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _tangkas_batch")
        finally:
            self._connection.unregister("_tangkas_batch")

    def close(self) -> None:
        self._connection.close()
