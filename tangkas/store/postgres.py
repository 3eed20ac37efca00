"""The production backend: PostgreSQL through psycopg 3, bulk loads with COPY."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import psycopg
import pyarrow as pa

from tangkas.store.base import Backend, Params, StoreError, StoreUnavailableError

_PLACEHOLDER = re.compile(r"\?")
T = TypeVar("T")


def _translate(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (our SQL never holds a literal ``?`` or ``%``)."""
    return _PLACEHOLDER.sub("%s", sql)


class PostgresBackend(Backend):
    """A PostgreSQL database given by a ``postgresql://`` URL."""

    name = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self._connection = self._connect()
        except psycopg.Error as error:
            raise StoreError(f"cannot connect to PostgreSQL: {error.__class__.__name__}") from error

    def _connect(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url, autocommit=True, connect_timeout=5)

    def _run(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the connection; a connection lost outside a transaction (database restart,
        ``pg_terminate_backend``) is re-opened and the statement tried once more; one lost inside a
        transaction is re-opened for the next request and this one fails as unavailable."""
        try:
            return work()
        except psycopg.OperationalError as error:
            if not self._connection.closed and not self._connection.broken:
                raise
            try:
                self._connection = self._connect()
            except psycopg.Error as again:
                raise StoreUnavailableError("PostgreSQL cannot be reached; try again") from again
            if self._depth:
                self._depth = 0
                raise StoreUnavailableError("the connection to PostgreSQL was lost; try again") from error
            return work()

    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        def work() -> list[tuple[Any, ...]]:
            with self._connection.cursor() as cursor:
                cursor.execute(_translate(sql), list(params))
                return cursor.fetchall() if cursor.description else []

        return self._run(work)

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:

            def work() -> None:
                with self._connection.cursor() as cursor:
                    cursor.executemany(_translate(sql), [list(r) for r in rows])

            self._run(work)

    def _query_with_columns(self, sql: str, params: Params) -> tuple[list[tuple[Any, ...]], list[str]]:
        def work() -> tuple[list[tuple[Any, ...]], list[str]]:
            with self._connection.cursor() as cursor:
                cursor.execute(_translate(sql), list(params))
                columns = [c.name for c in cursor.description or []]
                return cursor.fetchall(), columns

        return self._run(work)

    def _rollback(self) -> None:
        if not self._connection.closed and not self._connection.broken:
            super()._rollback()

    def load_arrow(self, table: str, data: pa.Table) -> None:
        columns = ", ".join(data.column_names)
        with self._connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for batch in data.to_batches(max_chunksize=50_000):
                for row in zip(*(column.to_pylist() for column in batch.columns), strict=True):
                    copy.write_row(row)

    def close(self) -> None:
        self._connection.close()
