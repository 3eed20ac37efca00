"""Importing rows into the store: files of any entity, real vacancy feeds, and API bodies.

Every way in goes through the same pipeline: the one reader (:mod:`tangkas.rows.read`), the entity's
specification and validator (:mod:`tangkas.rows`), and the store's all-or-nothing, idempotent load
(:func:`tangkas.store.importer.load_batches`). Feeds (Loker.id, Jobstreet, Glints, Dealls/Kalibrr) are
first turned into normalised postings by their market adapter; a row the adapter refuses rejects the
file like any row error, unless ``partial=True``. The postings an import adds are then checked for
discriminatory requirements (:func:`tangkas.services.fair_ads.check_stored_ads`), so prevalence is a query.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tangkas.market.feeds import FeedReport, detect_feed, read_postings
from tangkas.market.postings import POSTINGS, dedupe, posting_row
from tangkas.rows.entities import spec_for
from tangkas.rows.fields import Spec
from tangkas.rows.read import BATCH_ROWS, Batch, Format, read_batches, read_header, rows_to_batch
from tangkas.rows.report import RowReport, RowsRejectedError
from tangkas.rows.validate import check_columns, json_type_errors
from tangkas.services.fair_ads import check_stored_ads
from tangkas.store import Store
from tangkas.store.audit import audit
from tangkas.store.importer import Progress, load_batches

AUDITED_AS = {
    "workers": "worker",
    "memberships": "membership",
    "placements": "placement",
    "placement_documents": "placement_document",
    "enrolments": "enrolment",
}
"""The audit log's entity name for each kind of personal record (the API's names)."""


def import_file(
    store: Store,
    kind: str,
    path: str | Path,
    *,
    partial: bool = False,
    fmt: Format | None = None,
    progress: Progress | None = None,
    checking: Progress | None = None,
    check: bool = True,
) -> RowReport:
    """Import ``path`` into the ``kind`` table (any of :data:`~tangkas.rows.entities.SPECS`); raises
    RowsRejectedError, and :class:`~tangkas.rows.report.UnknownColumnsError` for a column ``kind`` does
    not have. New postings are checked for discriminatory requirements (``checking`` is told how many,
    batch by batch) unless ``check`` is false (their checks come from elsewhere, as a batch run's)."""
    spec = spec_for(kind)
    report = RowReport(kind, str(path))
    try:
        check_columns(spec, read_header(Path(path), fmt), report)  # a file with a header and no rows too
        batches = read_batches(Path(path), fmt)
        load_batches(store, spec, batches, report, partial=partial, progress=progress)
    except RowsRejectedError as rejected:
        _audit_file(
            store, spec, "import_refused", {"rows": report.rows, "errors": rejected.report.error_count}
        )
        raise
    counts = {"rows": report.rows, "inserted": report.inserted, "rejected_rows": report.rejected_rows}
    _audit_file(store, spec, "import", counts)
    return check_new_ads(store, report, checking) if check else report


def _audit_file(store: Store, spec: Spec, action: str, counts: dict[str, int]) -> None:
    """A file import of personal records is audited like an API import, as the operator (no key): the
    counts only, never a value or the file's name."""
    if any(f.personal for f in spec.fields):
        audit(
            store, None, action, AUDITED_AS.get(spec.kind, spec.kind), None, detail={**counts, "via": "file"}
        )


def import_rows(
    store: Store,
    kind: str,
    rows: list[dict[str, Any]],
    label: str,
    *,
    json_types: bool = False,
    office: str | None = None,
) -> RowReport:
    """Import row dictionaries, all or nothing. ``json_types`` (an API body): a value of the wrong JSON
    type rejects it (:func:`~tangkas.rows.validate.json_type_errors`); forms and code pass text or
    Python values, read by the field's parser. ``office``: rows may name only that office's workers
    and placements (a counsellor's import). New postings are checked for discriminatory requirements."""
    spec, report = spec_for(kind), RowReport(kind, label)
    wrong = json_type_errors(spec, rows) if json_types else []
    if wrong:
        report.rows = len(rows)
        report.add_errors(wrong)
        raise RowsRejectedError(report)
    load_batches(store, spec, [rows_to_batch(rows)], report, office=office)
    return check_new_ads(store, report)


def check_new_ads(store: Store, report: RowReport, progress: Progress | None = None) -> RowReport:
    """Check the postings an import has just inserted (the newest waiting ones), and return its report."""
    if report.kind == "postings" and report.inserted:
        check_stored_ads(store, limit=report.inserted, newest_first=True, progress=progress)
    return report


def file_feed(path: Path) -> str:
    """The feed format of a file from its columns (``tangkas`` is the store's own, and any JSON file)."""
    if not path.is_file() or path.suffix.lower() in (".json", ".jsonl", ".ndjson"):
        return "tangkas"
    return detect_feed(read_header(path))


def import_postings(
    store: Store,
    path: str | Path,
    *,
    feed: str = "auto",
    partial: bool = False,
    progress: Progress | None = None,
    checking: Progress | None = None,
    check: bool = True,
) -> RowReport:
    """Import a postings file in the store's own format or any supported feed format. For a feed, the
    report is its :class:`~tangkas.market.feeds.FeedReport`: rows read, refused by the adapter or by
    the checks, coverage, and what was inserted (repeats within the feed count as duplicates). The new
    postings are then checked for discriminatory requirements (``checking`` is told how many), unless
    ``check`` is false."""
    source = Path(path)
    name = file_feed(source) if feed == "auto" else feed
    if name == "tangkas":
        return import_file(
            store, "postings", source, partial=partial, progress=progress, checking=checking, check=check
        )
    report = FeedReport(name, str(source))
    load = RowReport("postings", str(source))
    try:
        load_batches(
            store, POSTINGS, _feed_batches(source, report, partial), load, partial=partial, progress=progress
        )
    except RowsRejectedError as rejected:
        if rejected.report is load:
            report.add_errors(load.errors)
        raise RowsRejectedError(report) from None
    report.add_errors(load.errors)
    report.inserted = load.inserted
    report.duplicates = report.rows - report.rejected_rows - load.inserted
    if check:
        check_new_ads(store, load, checking)
    return report


def _feed_batches(path: Path, report: FeedReport, partial: bool) -> Iterator[Batch]:
    rows: list[dict[str, Any]] = []
    first = 1
    for posting in dedupe(read_postings(path, report.kind, report)):  # type: ignore[arg-type]
        rows.append(posting_row(posting))
        if len(rows) >= BATCH_ROWS:
            yield rows_to_batch(rows, first)
            first += len(rows)
            rows = []
    if rows:
        yield rows_to_batch(rows, first)
    if report.error_count and not partial:
        raise RowsRejectedError(report)
