"""Bulk loading into the store: validated, all-or-nothing, idempotent.

Batches of raw rows (from :func:`tangkas.rows.read.read_batches`, a feed, or an API body) are checked
against their entity's specification (:mod:`tangkas.rows.validate`) and streamed into a staging table
inside one transaction. A row error rejects the whole load (the transaction rolls back, nothing is
written) unless ``partial=True``, which keeps the valid rows and reports the others. A column the
entity does not have (``NIK`` for ``nik``) rejects the load whole, even with ``partial``. Rows are
identified by the spec's key: loading a file twice inserts nothing twice, and a load killed midway
leaves the store as it was. The report counts the rows this load inserted itself, so two loads of the
same rows at once (PostgreSQL) report their own shares, which add up to the rows stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyarrow as pa

from tangkas.rows.fields import Spec
from tangkas.rows.read import Batch
from tangkas.rows.report import RowError, RowReport, RowsRejectedError
from tangkas.rows.validate import check_columns, taxonomy_check, validate_columns
from tangkas.store import Store

Progress = Callable[[int], None]


def _stage(store: Store, spec: Spec) -> str:
    staging = f"staging_{spec.table}"
    store.backend.execute(f"DROP TABLE IF EXISTS {staging}")
    store.backend.execute(f"CREATE TEMP TABLE {staging} (_row BIGINT, {spec.sql_columns})")
    return staging


def load_batches(
    store: Store,
    spec: Spec,
    batches: Iterable[Batch],
    report: RowReport,
    *,
    partial: bool = False,
    progress: Progress | None = None,
) -> RowReport:
    """Validate and load batches of raw rows in one transaction, counting into ``report`` (a feed's
    report may already hold the rows its adapter refused); raises RowsRejectedError unless ``partial``."""
    known = taxonomy_check(spec)
    store.require_latest()
    seen: set[object] = set()  # row keys so far, for the duplicate check of specs that have one
    schema = pa.schema([("_row", pa.int64()), *zip(spec.names, spec.arrow_schema.types, strict=True)])
    with store.lock, store.backend.transaction():
        staging = _stage(store, spec)
        for batch in batches:
            check_columns(spec, batch.columns, report)
            first = batch.first_row
            values, errors, bad = validate_columns(spec, batch.columns, batch.size, first, known, seen)
            errors = [e for e in errors if e.row - first not in batch.broken]  # the row error says it all
            errors += [RowError(first + i, "-", "row", why) for i, why in batch.broken.items()]
            bad.update(batch.broken)
            report.rows += batch.size
            report.add_errors(sorted(errors, key=lambda e: e.row))
            values["_row"] = list(range(first, first + batch.size))
            if bad:
                keep = [i for i in range(batch.size) if i not in bad]
                values = {name: [column[i] for i in keep] for name, column in values.items()}
            if values["_row"]:
                table = pa.table({f.name: pa.array(values[f.name], f.type) for f in schema})
                store.backend.load_arrow(staging, table)
            if progress:
                progress(batch.size)
        for field in spec.unique:
            taken = _taken(store, spec, staging, field)
            report.add_errors([RowError(row, field, "duplicate") for row in taken])
            if taken and partial:
                marks = ", ".join("?" * len(taken))
                store.backend.execute(f"DELETE FROM {staging} WHERE _row IN ({marks})", taken)
        if report.error_count and not partial:
            raise RowsRejectedError(report)
        report.inserted = _merge(store, spec, staging)
        report.duplicates = report.rows - report.rejected_rows - report.inserted
        store.backend.execute(f"DROP TABLE {staging}")
    store.changed()
    return report


def _taken(store: Store, spec: Spec, staging: str, field: str) -> list[int]:
    """Staged rows whose ``field`` another row holds already: a stored row, or an earlier staged row, of
    another key (the same row loaded again keeps its own value). Only row numbers: never the value."""
    other = " OR ".join(f"o.{k} <> s.{k}" for k in spec.key)
    rows = store.backend.execute(
        f"SELECT s._row FROM {staging} s WHERE s.{field} IS NOT NULL AND ("
        f"EXISTS (SELECT 1 FROM {spec.table} o WHERE o.{field} = s.{field} AND ({other})) OR "
        f"EXISTS (SELECT 1 FROM {staging} o WHERE o.{field} = s.{field} AND o._row < s._row AND ({other})))"
        " ORDER BY s._row"
    )
    return [int(row) for (row,) in rows]


def _merge(store: Store, spec: Spec, staging: str) -> int:
    """Insert the staged rows not yet stored (first of each key); the number this statement inserted,
    not a difference of counts, which would include what another load committed meanwhile."""
    columns = ", ".join(spec.names)
    key = ", ".join(spec.key)
    insert = (
        f"INSERT INTO {spec.table} ({columns}) SELECT {columns} FROM ("
        f"SELECT *, ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY _row) AS _rank FROM {staging}) ranked "
        f"WHERE _rank = 1 ON CONFLICT ({key}) DO NOTHING"
    )
    if store.backend.name == "postgres":
        counted = store.backend.execute(
            f"WITH inserted AS ({insert} RETURNING 1) SELECT COUNT(*) FROM inserted"
        )
    else:
        counted = store.backend.execute(insert)  # DuckDB answers an INSERT with the rows it inserted
    return int(counted[0][0])
