"""The production backend: PostgreSQL through psycopg 3, bulk loads with COPY."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import psycopg
import pyarrow as pa

from tangkas.store.base import Backend, Params, StoreError

_PLACEHOLDER = re.compile(r"\?")


def _translate(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (our SQL never holds a literal ``?`` or ``%``)."""
    return _PLACEHOLDER.sub("%s", sql)


class PostgresBackend(Backend):
    """A PostgreSQL database given by a ``postgresql://`` URL."""

    name = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self._connection = psycopg.connect(url, autocommit=True, connect_timeout=5)
        except psycopg.Error as error:
            raise StoreError(f"cannot connect to PostgreSQL: {error.__class__.__name__}") from error

    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        with self._connection.cursor() as cursor:
            cursor.execute(_translate(sql), list(params))
            return cursor.fetchall() if cursor.description else []

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            with self._connection.cursor() as cursor:
                cursor.executemany(_translate(sql), [list(r) for r in rows])

    def _query_with_columns(self, sql: str, params: Params) -> tuple[list[tuple[Any, ...]], list[str]]:
        with self._connection.cursor() as cursor:
            cursor.execute(_translate(sql), list(params))
            columns = [c.name for c in cursor.description or []]
            return cursor.fetchall(), columns

    def load_arrow(self, table: str, data: pa.Table) -> None:
        columns = ", ".join(data.column_names)
        with self._connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for batch in data.to_batches(max_chunksize=50_000):
                for row in zip(*(column.to_pylist() for column in batch.columns), strict=True):
                    copy.write_row(row)

    def close(self) -> None:
        self._connection.close()
