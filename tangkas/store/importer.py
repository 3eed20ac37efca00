"""Bulk loading into the store: validated, all-or-nothing, idempotent.

Batches of raw rows (from :func:`tangkas.rows.read.read_batches`, a feed, or an API body) are checked
against their entity's specification (:mod:`tangkas.rows.validate`) and streamed into a staging table
inside one transaction. A row error rejects the whole load (the transaction rolls back, nothing is
written) unless ``partial=True``, which keeps the valid rows and reports the others. A column the
entity does not have (``NIK`` for ``nik``) rejects the load whole, even with ``partial``. Rows are
identified by the spec's key: loading a file twice inserts nothing twice, and a load killed midway
leaves the store as it was. The report counts the rows this load inserted itself, so two loads of the
same rows at once (PostgreSQL) report their own shares, which add up to the rows stored.

Rows that name a stored row of another entity (a membership its worker, a document its placement, an
enrolment its worker and course: :class:`~tangkas.rows.fields.Reference`) are resolved to that row's id
once staged; a row naming none, or one outside the caller's ``office`` (where the entity is bound to
offices: a worker is, a course is not), is a row error that says which fields to fix and never their
values. An entity whose periods may not overlap (:class:`~tangkas.rows.fields.Overlap`) has each staged
row checked against the rows before it in the load and against the stored rows: the error names the
other row's number, or the stored row's id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyarrow as pa

from tangkas.rows.fields import Reference, Spec
from tangkas.rows.read import Batch
from tangkas.rows.report import RowError, RowReport, RowsRejectedError
from tangkas.rows.validate import check_columns, taxonomy_check, validate_columns
from tangkas.store import Store

Progress = Callable[[int], None]


def _stage(store: Store, spec: Spec) -> str:
    staging = f"staging_{spec.table}"
    store.backend.execute(f"DROP TABLE IF EXISTS {staging}")
    ids = "".join(f", {reference.column} BIGINT" for reference in spec.references)
    store.backend.execute(f"CREATE TEMP TABLE {staging} (_row BIGINT, {spec.sql_columns}{ids})")
    return staging


def load_batches(
    store: Store,
    spec: Spec,
    batches: Iterable[Batch],
    report: RowReport,
    *,
    partial: bool = False,
    progress: Progress | None = None,
    office: str | None = None,
) -> RowReport:
    """Validate and load batches of raw rows in one transaction, counting into ``report`` (a feed's
    report may already hold the rows its adapter refused); raises RowsRejectedError unless ``partial``.
    With ``office``, rows may name only stored rows of that office (a counsellor's import)."""
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
        for reference in spec.references:
            missing = _resolve(store, staging, reference, office)
            field, named = reference.fields[-1], reference.named
            report.add_errors([RowError(r, field, "unknown_reference", allowed=named) for r in missing])
            _drop(store, staging, missing if partial else [])
        if spec.overlap is not None:
            clashes = _overlaps(store, spec, staging)
            report.add_errors(clashes)
            _drop(store, staging, sorted({e.row for e in clashes}) if partial else [])
        for field in spec.unique:
            taken = _taken(store, spec, staging, field)
            report.add_errors([RowError(row, field, "duplicate") for row in taken])
            _drop(store, staging, taken if partial else [])
        report.errors.sort(key=lambda e: e.row)  # the checks after staging report in row order too
        if report.error_count and not partial:
            raise RowsRejectedError(report)
        report.inserted = _merge(store, spec, staging)
        report.duplicates = report.rows - report.rejected_rows - report.inserted
        store.backend.execute(f"DROP TABLE {staging}")
    store.changed()
    return report


def _drop(store: Store, staging: str, rows: list[int]) -> None:
    """Take refused rows out of a partial load."""
    if rows:
        marks = ", ".join("?" * len(rows))
        store.backend.execute(f"DELETE FROM {staging} WHERE _row IN ({marks})", rows)


def _resolve(store: Store, staging: str, reference: Reference, office: str | None) -> list[int]:
    """Give each staged row the id of the row its reference names (of ``office``, when given and the
    referenced entity is bound to offices); the numbers of the rows that name none."""
    first, second = reference.fields
    scoped = office is not None and reference.office is not None
    scope = f" AND ({reference.office})" if scoped else ""
    store.backend.execute(
        f"UPDATE {staging} SET {reference.column} = t.id FROM {reference.table} t "
        f"WHERE t.source = {staging}.{first} AND t.external_id = {staging}.{second} "
        f"AND ({reference.active}){scope}",
        [office] if scoped else [],
    )
    rows = store.backend.execute(f"SELECT _row FROM {staging} WHERE {reference.column} IS NULL ORDER BY _row")
    return [int(row) for (row,) in rows]


def _overlaps(store: Store, spec: Spec, staging: str) -> list[RowError]:
    """Staged rows whose period overlaps that of an earlier staged row or of a stored row of the same
    group and another key: the other row's number, or the stored row's id (never a value)."""
    assert spec.overlap is not None
    group, start, end = spec.overlap.group, spec.overlap.start, spec.overlap.end
    same = " AND ".join(f"a.{name} = b.{name}" for name in group)
    meet = f"a.{start} <= b.{end} AND b.{start} <= a.{end}"
    other = "NOT (a.source = b.source AND a.external_id = b.external_id)"
    in_load = store.backend.execute(
        f"SELECT a._row, MIN(b._row) FROM {staging} a JOIN {staging} b "
        f"ON {same} AND b._row < a._row AND {meet} AND {other} GROUP BY a._row"
    )
    stored = store.backend.execute(
        f"SELECT a._row, MIN(b.id) FROM {staging} a JOIN {spec.table} b "
        f"ON {same} AND {meet} AND {other} GROUP BY a._row"
    )
    errors = [RowError(int(row), start, "overlap", str(earlier)) for row, earlier in in_load]
    errors += [RowError(int(row), start, "overlap_stored", str(found)) for row, found in stored]
    return sorted(errors, key=lambda e: (e.row, e.code))


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
    columns = ", ".join(f.name for f in spec.stored)
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
