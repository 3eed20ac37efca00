"""Importing real vacancy feeds (Loker.id, Jobstreet, Glints, Dealls/Kalibrr) into the store.

The market adapters turn each feed's rows into normalised postings (province, city, monthly IDR pay,
dates); this module streams them through the same all-or-nothing, idempotent import as any file.
A feed row the adapter rejects rejects the file, unless ``partial=True``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from tangkas.market import FeedReport, Posting, dedupe, read_postings
from tangkas.market.feeds import detect_feed
from tangkas.store import Store
from tangkas.store.importer import (
    BATCH_ROWS,
    Batch,
    ImportRejectedError,
    ImportReport,
    Progress,
    detect_format,
    import_batches,
    import_file,
    rows_to_batch,
)
from tangkas.store.records import RowError


def file_feed(path: Path) -> str:
    """The feed format of a CSV or Parquet file from its columns (``tangkas`` is the store's own)."""
    fmt = detect_format(path)
    if fmt == "jsonl" or not path.exists():
        return "tangkas"
    if fmt == "parquet":
        columns = pq.ParquetFile(path).schema_arrow.names
    else:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            columns = next(csv.reader(handle), [])
    return detect_feed(columns)


def posting_row(posting: Posting) -> dict[str, Any]:
    """A store row for a normalised posting."""
    return {
        "source": posting.source,
        "external_id": posting.external_id,
        "title": posting.title,
        "text": posting.text or None,
        "company": posting.company,
        "province_code": posting.province_code,
        "province": posting.province,
        "city": posting.city,
        "posted_date": posting.posted_date,
        "salary_min": posting.salary_min,
        "salary_max": posting.salary_max,
        "education": posting.education,
        "experience_min": posting.experience_years_min,
        "category": posting.category,
        "url": posting.url,
    }


def _batches(
    path: Path, feed: str, report: FeedReport, partial: bool, rejected: ImportReport
) -> Iterator[Batch]:
    rows: list[dict[str, Any]] = []
    for posting in dedupe(read_postings(path, feed, report)):  # type: ignore[arg-type]
        rows.append(posting_row(posting))
        if len(rows) >= BATCH_ROWS:
            yield rows_to_batch(rows)
            rows = []
    if rows:
        yield rows_to_batch(rows)
    if report.rejected and not partial:
        rejected.error_count = report.rejected
        rejected.errors = [RowError(e.line - 1, e.field, "row", e.reason) for e in report.errors]
        raise ImportRejectedError(rejected)


def import_postings(
    store: Store,
    path: str | Path,
    *,
    feed: str = "auto",
    partial: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportReport, FeedReport | None]:
    """Import a postings file in the store's own format or any supported feed format."""
    source = Path(path)
    name = file_feed(source) if feed == "auto" else feed
    if name == "tangkas":
        return import_file(store, "postings", source, partial=partial, progress=progress), None
    report = FeedReport(name)
    rejected = ImportReport("postings", str(source), rows=0)
    result = import_batches(
        store,
        "postings",
        _batches(source, name, report, partial, rejected),
        str(source),
        partial=partial,
        progress=progress,
    )
    return result, report
