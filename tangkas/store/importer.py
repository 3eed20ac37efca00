"""Bulk import from CSV, JSON Lines and Parquet: streaming, validated, all-or-nothing, idempotent.

Rows stream in batches into a staging table inside one transaction. A row error rejects the whole
file (the transaction rolls back, nothing is written) unless ``partial=True``, which imports the
valid rows and reports the others. Rows are identified by ``(source, external_id)``: re-importing a
file inserts nothing twice, and an import killed midway leaves the store as it was.

Courses follow the course catalog's rules and column names (see :mod:`tangkas.store.records`): the file
``tangkas catalog import`` takes imports here too.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tangkas.errors import TangkasError, UnknownConceptError
from tangkas.store import Store
from tangkas.store.records import SPECS, SQL_TYPES, RowError, Spec, validate_columns
from tangkas.taxonomy import load_taxonomy

BATCH_ROWS = 50_000
MAX_REPORTED_ERRORS = 1000
Progress = Callable[[int], None]


class ImportRejectedError(TangkasError):
    """The file had row errors and was rejected whole; ``report`` lists them."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(f"{report.error_count} row errors in {report.path}; nothing was imported")
        self.report = report


@dataclass
class ImportReport:
    """What an import read, wrote and refused."""

    kind: str
    path: str
    rows: int = 0
    inserted: int = 0
    duplicates: int = 0
    error_count: int = 0
    rejected_rows: int = 0
    errors: list[RowError] = field(default_factory=list)

    def add(self, errors: list[RowError]) -> None:
        self.error_count += len(errors)
        room = MAX_REPORTED_ERRORS - len(self.errors)
        self.errors += errors[: max(room, 0)]


def detect_format(path: Path) -> str:
    """``csv``, ``jsonl`` or ``parquet`` from the file name."""
    suffixes = "".join(path.suffixes).lower()
    for fmt, endings in (
        ("parquet", (".parquet", ".pq")),
        ("jsonl", (".jsonl", ".ndjson", ".json")),
        ("csv", (".csv",)),
    ):
        if suffixes.endswith(endings):
            return fmt
    raise TangkasError(f"unknown file type {path.name!r}: use .csv, .jsonl or .parquet")


@dataclass(frozen=True, slots=True)
class Batch:
    """Up to ``BATCH_ROWS`` raw rows as columns; ``broken`` maps positions of unreadable rows to why."""

    size: int
    columns: dict[str, list[Any]]
    broken: dict[int, str] = field(default_factory=dict)


def rows_to_batch(rows: list[dict[str, Any]]) -> Batch:
    """A batch from row dictionaries (JSON, API bodies); a row ``{"__error__": why}`` is unreadable."""
    names = list(dict.fromkeys(key for row in rows for key in row if key != "__error__"))
    broken = {i: str(row["__error__"]) for i, row in enumerate(rows) if "__error__" in row}
    return Batch(len(rows), {name: [row.get(name) for row in rows] for name in names}, broken)


def read_batches(path: Path, fmt: str | None = None) -> Iterator[Batch]:
    """The file's rows in batches; raises TangkasError for a missing or malformed file."""
    fmt = fmt or detect_format(path)
    if not path.exists():
        raise TangkasError(f"file not found: {path}")
    if fmt == "parquet":
        for record_batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS):
            yield Batch(record_batch.num_rows, record_batch.to_pydict())
    elif fmt == "csv":
        # utf-8-sig: a spreadsheet's byte-order mark must not rename the first column (nor untype it)
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            header = next(csv.reader(handle), [])
        types = dict.fromkeys(header, pa.string())
        try:
            reader = pacsv.open_csv(
                path,
                read_options=pacsv.ReadOptions(block_size=1 << 24),
                convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False),
            )
            for record_batch in reader:
                yield Batch(record_batch.num_rows, record_batch.to_pydict())
        except pa.ArrowInvalid as error:
            raise TangkasError(f"malformed CSV {path.name}: {str(error).splitlines()[0]}") from error
    else:
        document = _json_document(path)
        chunks = _jsonl(path) if document is None else _chunks(document)
        for rows in chunks:
            yield rows_to_batch(rows)


def _json_document(path: Path) -> list[dict[str, Any]] | None:
    """The rows of a ``.json`` file holding one JSON document (a list of objects, or a catalog's
    ``{"courses": [...]}``); ``None`` for JSON Lines, which are streamed instead."""
    if path.suffix.lower() != ".json":
        return None
    with path.open(encoding="utf-8-sig", errors="replace") as lines:
        first = next((line for line in lines if line.strip()), "")
    if not first.lstrip().startswith("["):
        try:
            json.loads(first)
            return None  # the first line is a whole object: JSON Lines
        except json.JSONDecodeError:
            pass
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig", errors="replace"))
    except json.JSONDecodeError:
        return None  # read as JSON Lines: each broken line is reported as a broken row
    if isinstance(document, dict):
        document = document.get("courses", [document])
    if not isinstance(document, list):
        document = [document]
    return [row if isinstance(row, dict) else {"__error__": "not an object"} for row in document]


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield rows[start : start + BATCH_ROWS]


def _jsonl(path: Path) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if not line.strip():
                continue
            try:
                value = json.loads(line)
                batch.append(value if isinstance(value, dict) else {"__error__": "not an object"})
            except json.JSONDecodeError as error:
                batch.append({"__error__": error.msg})
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
    if batch:
        yield batch


def _known(kind: str) -> Callable[[str, str], bool]:
    tax = load_taxonomy()

    def known(field_name: str, identifier: str) -> bool:
        if kind == "courses":
            return identifier in tax.skill_index  # the catalog's rule: skills are ESCO URIs
        try:
            if field_name in ("occupations", "occupation_uri"):
                tax.occupation(identifier)
            else:
                tax.skill(identifier)
        except UnknownConceptError:
            return False
        return True

    return known


def _stage(store: Store, spec: Spec) -> str:
    staging = f"staging_{spec.table}"
    columns = ", ".join(f"{f.name} {SQL_TYPES[f.type]}" for f in spec.fields)
    store.backend.execute(f"DROP TABLE IF EXISTS {staging}")
    store.backend.execute(f"CREATE TEMP TABLE {staging} (_row BIGINT, {columns})")
    return staging


def import_file(
    store: Store,
    kind: str,
    path: str | Path,
    *,
    partial: bool = False,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``path`` into the ``kind`` table (postings, workers, courses); raises ImportRejectedError."""
    _spec_for(kind)
    return import_batches(
        store, kind, read_batches(Path(path), fmt), str(path), partial=partial, progress=progress
    )


def _spec_for(kind: str) -> Spec:
    if kind not in SPECS:
        raise TangkasError(f"unknown import kind {kind!r}: choose {', '.join(sorted(SPECS))}")
    return SPECS[kind]


def import_rows(store: Store, kind: str, rows: list[dict[str, Any]], label: str) -> ImportReport:
    """Import row dictionaries (an API body), all or nothing."""
    return import_batches(store, kind, [rows_to_batch(rows)], label)


def import_batches(
    store: Store,
    kind: str,
    batches: Iterable[Batch],
    label: str,
    *,
    partial: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate and import batches of raw rows in one transaction (see the module docstring)."""
    spec = _spec_for(kind)
    report = ImportReport(kind, label)
    known = _known(kind) if spec.uri_lists else None
    store.require_latest()
    seen: set[object] = set()  # row keys so far, for the duplicate check of specs that have one
    schema = pa.schema(
        [("_row", pa.int64()), *zip(spec.arrow_schema.names, spec.arrow_schema.types, strict=True)]
    )
    with store.backend.transaction():
        staging = _stage(store, spec)
        for batch in batches:
            first = report.rows + 1
            values, errors, bad = validate_columns(spec, batch.columns, batch.size, first, known, seen)
            errors += [RowError(first + i, "-", "row", why) for i, why in batch.broken.items()]
            bad.update(batch.broken)
            report.rows += batch.size
            report.add(sorted(errors, key=lambda e: e.row))
            report.rejected_rows += len(bad)
            values["_row"] = list(range(first, first + batch.size))
            if bad:
                keep = [i for i in range(batch.size) if i not in bad]
                values = {name: [column[i] for i in keep] for name, column in values.items()}
            if len(values["_row"]):
                table = pa.table(
                    {
                        name: pa.array(values[name], type)
                        for name, type in zip(schema.names, schema.types, strict=True)
                    }
                )
                store.backend.load_arrow(staging, table)
            if progress:
                progress(batch.size)
        if report.error_count and not partial:
            raise ImportRejectedError(report)
        report.inserted = _merge(store, spec, staging)
        report.duplicates = report.rows - report.rejected_rows - report.inserted
        store.backend.execute(f"DROP TABLE {staging}")
    store.changed()
    return report


def _merge(store: Store, spec: Spec, staging: str) -> int:
    columns = ", ".join(f.name for f in spec.fields)
    key = ", ".join(spec.key)
    before = int(store.backend.scalar(f"SELECT COUNT(*) FROM {spec.table}"))
    store.backend.execute(
        f"INSERT INTO {spec.table} ({columns}) SELECT {columns} FROM ("
        f"SELECT *, ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY _row) AS _rank FROM {staging}) ranked "
        f"WHERE _rank = 1 ON CONFLICT ({key}) DO NOTHING"
    )
    return int(store.backend.scalar(f"SELECT COUNT(*) FROM {spec.table}")) - before
