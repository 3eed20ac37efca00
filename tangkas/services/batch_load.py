"""Loading a batch coding run into the store (``tangkas batch code --load``).

The run's input postings go through the store's validated import
(:func:`~tangkas.services.imports.import_postings`, file by file and partial: a row it refuses is counted
and the others load; a posting stored already is a duplicate), without the import's serial ad check.
The run's codings and checks are then written in bulk by ``(source, external_id)``
(:func:`~tangkas.store.batch_codings.save_batch_codings`), batch by batch, each batch committed on its own,
so a load that stops is resumed by running it again. The postings the run coded and checked no longer
wait for ``tangkas import code`` or ``tangkas import check-ads``; rows the run could not code (with a
``problem``) and postings it did not check (a run with ``--no-checks``) still do.

Imports are not audited (the audit log records access to workers' personal records), so neither is this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tangkas.rows.entities import spec_for
from tangkas.rows.read import BATCH_ROWS, read_header
from tangkas.rows.report import RowReport
from tangkas.rows.validate import check_columns
from tangkas.services.imports import import_postings
from tangkas.store import Store
from tangkas.store.batch_codings import LOADED, LoadCounts, save_batch_codings

Progress = Callable[[int], None]


@dataclass(slots=True)
class BatchLoad:
    """What a load did: the import's report of each input file, and what the coded rows wrote."""

    imports: list[RowReport] = field(default_factory=list)
    counts: LoadCounts = field(default_factory=LoadCounts)

    @property
    def imported(self) -> int:
        """Postings the load added to the store."""
        return sum(report.inserted for report in self.imports)

    @property
    def already(self) -> int:
        """Input rows whose posting was stored already (before the load, or earlier in the input)."""
        return sum(report.duplicates for report in self.imports)

    @property
    def rejected(self) -> int:
        """Input rows the import refused (their errors are in :attr:`imports`)."""
        return sum(report.rejected_rows for report in self.imports)


def check_importable(inputs: Sequence[Path]) -> None:
    """Raise :class:`~tangkas.rows.report.UnknownColumnsError` when an input file has a column the
    store's postings do not: the import would refuse it whole, so say so before a long run."""
    spec = spec_for("postings")
    for path in inputs:
        check_columns(spec, read_header(path), RowReport("postings", str(path)))


def load_batch_run(
    store: Store,
    inputs: Sequence[Path],
    pieces: Sequence[Path],
    *,
    batch_rows: int = BATCH_ROWS,
    importing: Progress | None = None,
    loading: Progress | None = None,
) -> BatchLoad:
    """Import the postings of ``inputs`` (Parquet files in the ``tangkas`` feed format, in order) and
    write the codings and checks of ``pieces`` (the run's output files, in input order) to them,
    ``batch_rows`` coded rows per transaction. ``importing`` is told the input rows read, ``loading``
    the coded rows written."""
    load = BatchLoad()
    for path in inputs:
        report = import_postings(store, path, feed="tangkas", partial=True, progress=importing, check=False)
        load.imports.append(report)
    for piece in pieces:
        for batch in pq.ParquetFile(piece).iter_batches(batch_size=batch_rows, columns=list(LOADED)):
            load.counts += save_batch_codings(store, pa.Table.from_batches([batch]))
            if loading:
                loading(batch.num_rows)
    return load
