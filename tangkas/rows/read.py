"""The one reader of row files: CSV, JSON Lines, a JSON document, and Parquet, streamed in batches.

Every way in (store imports, vacancy feeds, course catalog files) reads through :func:`read_batches`.
A row that cannot be read (a CSV line with the wrong number of fields or one the CSV reader refuses, a
broken JSON line, a JSON value that is not an object or that names a key twice, a text cell with a
control character, see :data:`~tangkas.rows.fields.CONTROL`) is kept in its batch as ``broken`` with the
reason, so it is reported with its row number, never dropped silently; no cell value appears in a
reason (it may be personal). Rows are numbered from 1 after the header; blank CSV lines are skipped. A
column named twice (a CSV header, a Parquet schema) rejects the file.

>>> import tempfile
>>> tmp = tempfile.TemporaryDirectory()
>>> path = Path(tmp.name) / "rows.csv"
>>> _ = path.write_text("source,title\\nx,Kasir\\ny\\n\\nz,Satpam\\n", encoding="utf-8")
>>> [(b.first_row, b.size, b.columns["title"], b.broken) for b in read_batches(path)]
[(1, 3, ['Kasir', None, 'Satpam'], {1: '1 fields, header has 2'})]
>>> tmp.cleanup()
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tangkas.errors import TangkasError
from tangkas.rows.fields import CONTROL, control_character
from tangkas.rows.report import RowError, RowReport

Format = Literal["csv", "jsonl", "parquet"]
BATCH_ROWS = 50_000
ENDINGS: dict[Format, tuple[str, ...]] = {
    "parquet": (".parquet", ".pq"),
    "jsonl": (".jsonl", ".ndjson", ".json"),
    "csv": (".csv",),
}
UNREADABLE_CSV = "the CSV reader cannot read this line (a field is too long, or the quoting is broken)"


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A row of a JSON file that could not be read, in place of its dictionary; ``why`` never holds a
    value from the file. Not a dictionary, so no API body can pass one off as a reason."""

    why: str


def control_reason(column: str, text: str) -> str:
    """Why a row whose ``column`` holds ``text`` with a control character is unreadable: the column and
    the character, never the value.

    >>> control_reason("title", "Kasir\\x00")
    "column 'title' contains a control character (U+0000)"
    """
    return f"column {column[:80]!r} contains a control character ({control_character(text)})"


@dataclass(frozen=True, slots=True)
class Batch:
    """Up to ``BATCH_ROWS`` raw rows as columns; ``broken`` maps positions of unreadable rows to why."""

    size: int
    columns: dict[str, list[Any]]
    broken: dict[int, str] = field(default_factory=dict)
    first_row: int = 1

    def records(self) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
        """Each row as ``(row number, values or None when broken, why it is broken)``."""
        names = list(self.columns)
        for i in range(self.size):
            if i in self.broken:
                yield self.first_row + i, None, self.broken[i]
            else:
                yield self.first_row + i, {name: self.columns[name][i] for name in names}, ""


def read_rows(
    path: Path, report: RowReport, fmt: Format | None = None, *, text: bool = False
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The readable rows of a file as ``(row number, values)``, counting every row into ``report`` and
    recording each unreadable one there as a ``row`` error."""
    for batch in read_batches(path, fmt, text=text):
        for row, record, why in batch.records():
            report.rows += 1
            if record is None:
                report.add_errors([RowError(row, "-", "row", why)])
            else:
                yield row, record


def detect_format(path: Path) -> Format:
    """``csv``, ``jsonl`` (also a ``.json`` document) or ``parquet`` from the file name."""
    suffixes = "".join(path.suffixes).lower()
    for fmt, endings in ENDINGS.items():
        if suffixes.endswith(endings):
            return fmt
    raise TangkasError(f"unknown file type {path.name!r}: use .csv, .json, .jsonl or .parquet")


def rows_to_batch(
    rows: list[dict[str, Any]] | list[dict[str, Any] | Unreadable], first_row: int = 1
) -> Batch:
    """A batch from row dictionaries (JSON, API bodies); an :class:`Unreadable` in place of a row is
    a broken row, and so is a row with a control character in a text value."""
    readable = [row if isinstance(row, dict) else {} for row in rows]
    names = list(dict.fromkeys(str(key) for row in readable for key in row))
    broken = {i: row.why for i, row in enumerate(rows) if isinstance(row, Unreadable)}
    for i, row in enumerate(readable):
        found = None if i in broken else _control_cell(row)
        if found is not None:
            broken[i] = control_reason(*found)
    return Batch(len(rows), {name: [row.get(name) for row in readable] for name in names}, broken, first_row)


def _control_cell(row: dict[str, Any]) -> tuple[str, str] | None:
    for name, value in row.items():
        if isinstance(value, str) and CONTROL.search(value):
            return str(name), value
    return None


def read_header(path: Path, fmt: Format | None = None) -> list[str]:
    """The column names of a file (a JSON file's: the keys of its first object)."""
    fmt = fmt or detect_format(path)
    _exists(path)
    if fmt == "parquet":
        return _checked_header(list(pq.ParquetFile(path).schema_arrow.names), path)
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            try:
                return _checked_header(next(csv.reader(handle), []), path)
            except csv.Error:
                raise TangkasError(f"{path.name}: {UNREADABLE_CSV} (the header)") from None
    first = next(read_batches(path, fmt, batch_rows=1), None)
    return list(first.columns) if first else []


def read_batches(
    path: Path, fmt: Format | None = None, *, batch_rows: int = BATCH_ROWS, text: bool = False
) -> Iterator[Batch]:
    """The file's rows in batches; ``text`` gives every value as a string (``""`` for none), as the
    feed adapters read them. Raises TangkasError for a missing file or one that is not rows at all."""
    fmt = fmt or detect_format(path)
    _exists(path)
    if fmt == "parquet":
        batches = _parquet(path, batch_rows)
    elif fmt == "csv":
        batches = _csv(path, batch_rows)
    else:
        document = _json_document(path)
        chunks = _jsonl(path, batch_rows) if document is None else _chunks(document, batch_rows)
        batches = _numbered(chunks)
    for batch in batches:
        yield _as_text(batch) if text else batch


def _exists(path: Path) -> None:
    if not path.is_file():
        raise TangkasError(f"file not found: {path}")


def _checked_header(header: list[str], path: Path) -> list[str]:
    names = [name.strip().lstrip("\ufeff") for name in header]
    twice = sorted({name for name in names if names.count(name) > 1 and name})
    if twice:
        raise TangkasError(f"{path.name}: column {twice[0]!r} appears more than once in the header")
    return names


def _parquet(path: Path, batch_rows: int) -> Iterator[Batch]:
    first = 1
    parquet = pq.ParquetFile(path)
    _checked_header(list(parquet.schema_arrow.names), path)  # to_pydict would keep one of two alike
    for record_batch in parquet.iter_batches(batch_size=batch_rows):
        yield Batch(record_batch.num_rows, record_batch.to_pydict(), _control_rows(record_batch), first)
        first += record_batch.num_rows


def _control_rows(batch: pa.RecordBatch) -> dict[int, str]:
    """Positions of rows with a control character in a text column, with the (first) column's name."""
    broken: dict[int, str] = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            found = pc.fill_null(pc.match_substring_regex(column, CONTROL.pattern), False)
            for i in pc.indices_nonzero(found).to_pylist():
                broken.setdefault(i, control_reason(name, column[i].as_py()))
    return broken


def _csv(path: Path, batch_rows: int) -> Iterator[Batch]:
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = _checked_header(next(reader, []), path)
        except csv.Error:
            raise TangkasError(f"{path.name}: {UNREADABLE_CSV} (the header)") from None
        width, first = len(header), 1
        columns: list[list[Any]] = [[] for _ in header]
        broken: dict[int, str] = {}
        size = 0
        for cells in _csv_lines(reader):
            if cells is not None and not any(cell.strip() for cell in cells):
                continue
            why = _csv_problem(cells, header)
            if why or cells is None:
                broken[size] = why
                cells = [None] * width  # type: ignore[list-item]
            for column, cell in zip(columns, cells, strict=True):
                column.append(cell)
            size += 1
            if size == batch_rows:
                yield Batch(size, dict(zip(header, columns, strict=True)), broken, first)
                first += size
                columns, broken, size = [[] for _ in header], {}, 0
        if size:
            yield Batch(size, dict(zip(header, columns, strict=True)), broken, first)


def _csv_lines(reader: Iterator[list[str]]) -> Iterator[list[str] | None]:
    """The CSV reader's rows, None for a line it refuses (its message is dropped: it may quote the line)."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None


def _csv_problem(cells: list[str] | None, header: list[str]) -> str:
    """Why a CSV row is unreadable ("" when it is not): never a cell's value."""
    if cells is None:
        return UNREADABLE_CSV
    if len(cells) != len(header):
        return f"{len(cells)} fields, header has {len(header)}"
    if CONTROL.search("".join(cells)):
        return next(
            control_reason(name, cell)
            for name, cell in zip(header, cells, strict=True)
            if CONTROL.search(cell)
        )
    return ""


def _as_text(batch: Batch) -> Batch:
    columns = {
        name: ["" if value is None else str(value) for value in values]
        for name, values in batch.columns.items()
    }
    return Batch(batch.size, columns, batch.broken, batch.first_row)


def _numbered(chunks: Iterator[list[dict[str, Any] | Unreadable]]) -> Iterator[Batch]:
    first = 1
    for rows in chunks:
        yield rows_to_batch(rows, first)
        first += len(rows)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any] | Unreadable:
    """A JSON object; one naming a key twice is unreadable (which value counts would be a guess)."""
    row = dict(pairs)
    if len(row) == len(pairs):
        return row
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return Unreadable(f"key {key[:80]!r} appears more than once")
        seen.add(key)
    return row


def _loads(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_object)


def _json_document(path: Path) -> list[dict[str, Any] | Unreadable] | None:
    """The rows of a ``.json`` file holding one JSON document (a list of objects, one object, or a
    catalog's ``{"courses": [...]}``); ``None`` for JSON Lines, which are streamed instead."""
    if path.suffix.lower() != ".json":
        return None
    try:
        document = _loads(path.read_text(encoding="utf-8-sig", errors="replace"))
    except json.JSONDecodeError:
        return None  # JSON Lines (or broken): read line by line, each broken line a broken row
    if isinstance(document, dict):
        courses = document.get("courses")
        document = courses if isinstance(courses, list) else [document]
    if not isinstance(document, list):
        document = [document]
    return [row if isinstance(row, dict | Unreadable) else Unreadable("not an object") for row in document]


def _chunks(
    rows: list[dict[str, Any] | Unreadable], batch_rows: int
) -> Iterator[list[dict[str, Any] | Unreadable]]:
    for start in range(0, len(rows), batch_rows):
        yield rows[start : start + batch_rows]


def _jsonl(path: Path, batch_rows: int) -> Iterator[list[dict[str, Any] | Unreadable]]:
    batch: list[dict[str, Any] | Unreadable] = []
    with path.open(encoding="utf-8-sig", errors="replace") as lines:
        for line in lines:
            if not line.strip():
                continue
            try:
                value = _loads(line)
                batch.append(value if isinstance(value, dict | Unreadable) else Unreadable("not an object"))
            except json.JSONDecodeError as error:
                batch.append(Unreadable(error.msg))
            if len(batch) >= batch_rows:
                yield batch
                batch = []
    if batch:
        yield batch
