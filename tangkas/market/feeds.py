"""Vacancy feed adapters: a CSV (or, for the Tangkas format, Parquet) file -> :class:`Posting` stream.

One adapter per published format, chosen by the file's columns (``feed="auto"``):

============== ===================================================================================
feed           format
============== ===================================================================================
lokerid        Loker.id 2025 (``Job ID``, ``Title``, ``Min Salary`` ... ``Description``)
jobstreet-2020 Jobstreet Indonesia, October 2020 snapshot (``id_loker``, ``provinsi``, ``job_position``)
glints-2020    Glints, October 2020 snapshot (``id_loker``, ``kota``, ``job_salary``, ``skills_to_have``)
jobstreet-2022 Jobstreet Indonesia 2021-22 (``title``, ``location``, ``posted_at``, ``source_url``)
id-jobs        id-jobs aggregator 2024: Dealls and Kalibrr (``job_title``, ``base_salary``, ``job_board``)
tangkas        Tangkas' own columns (the :class:`Posting` field names), e.g. a synthetic feed
============== ===================================================================================

Reading streams through the one row reader (:func:`tangkas.rows.read.read_batches`). Every row either
becomes a posting or is recorded in the :class:`FeedReport` as a :class:`~tangkas.rows.report.RowError`
(no row is dropped silently); fields that could not be read (a salary, a place, a date) leave the
posting's field empty and show in the coverage figures.

>>> detect_feed(["Job ID", "Title", "Location", "Min Salary", "Max Salary", "Posted Date"])
'lokerid'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tangkas.errors import TangkasError
from tangkas.market import adapters
from tangkas.market.adapters import RowProblem
from tangkas.market.postings import Posting
from tangkas.rows.read import read_header, read_rows
from tangkas.rows.report import RowError, RowReport
from tangkas.rows.write import write_table

FeedName = Literal["lokerid", "jobstreet-2020", "glints-2020", "jobstreet-2022", "id-jobs", "tangkas"]
FEEDS: dict[FeedName, frozenset[str]] = {
    "lokerid": frozenset({"Job ID", "Title", "Location", "Min Salary", "Max Salary", "Posted Date"}),
    "glints-2020": frozenset({"id_loker", "provinsi", "kota", "job_position", "job_salary"}),
    "jobstreet-2020": frozenset({"id_loker", "provinsi", "job_position", "years_of_experience"}),
    "jobstreet-2022": frozenset({"title", "company", "location", "posted_at", "source_url"}),
    "id-jobs": frozenset({"job_title", "job_location", "job_url", "base_salary", "job_board"}),
    "tangkas": frozenset({"source", "external_id", "title"}),
}
ADAPTERS: dict[FeedName, Callable[[Mapping[str, str]], Posting]] = {
    "lokerid": adapters.lokerid,
    "glints-2020": adapters.glints_2020,
    "jobstreet-2020": adapters.jobstreet_2020,
    "jobstreet-2022": adapters.jobstreet_2022,
    "id-jobs": adapters.id_jobs,
    "tangkas": adapters.tangkas,
}
COVERAGE_FIELDS = ("province", "city", "salary", "date", "education", "experience", "company", "text")


class FeedError(TangkasError):
    """A file that is not a vacancy feed Tangkas can read."""


@dataclass
class FeedReport(RowReport):
    """The :class:`~tangkas.rows.report.RowReport` of reading a feed (``kind`` is the feed's name), with
    the postings made and per-field coverage."""

    postings: int = 0
    filled: Counter[str] = field(default_factory=Counter)
    salary_status: Counter[str] = field(default_factory=Counter)
    place_kind: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)

    def add_posting(self, posting: Posting) -> None:
        self.postings += 1
        self.sources[posting.source] += 1
        self.salary_status[posting.salary_status] += 1
        self.place_kind[posting.place_kind] += 1
        present = {
            "province": posting.province_code is not None,
            "city": posting.city is not None,
            "salary": posting.salary_min is not None or posting.salary_max is not None,
            "date": posting.posted_date is not None,
            "education": posting.education is not None,
            "experience": posting.experience_years_min is not None,
            "company": bool(posting.company),
            "text": bool(posting.text),
        }
        self.filled.update(name for name, ok in present.items() if ok)

    @property
    def feed(self) -> str:
        return self.kind

    def coverage(self) -> dict[str, float]:
        """Share of postings with each field read, 0-1 (``province`` counts remote/abroad ads as unread).

        >>> r = FeedReport("x")
        >>> r.add_posting(Posting("s", "1", "Kasir", province_code="31"))
        >>> r.coverage()["province"], r.coverage()["salary"]
        (1.0, 0.0)
        """
        return {
            name: round(self.filled[name] / self.postings, 4) if self.postings else 0.0
            for name in COVERAGE_FIELDS
        }

    def to_dict(self, *, max_errors: int = 20) -> dict[str, Any]:
        return {
            **super().to_dict(max_errors=max_errors),
            "feed": self.feed,
            "postings": self.postings,
            "coverage": self.coverage(),
            "salary_status": dict(self.salary_status),
            "place_kind": dict(self.place_kind),
            "sources": dict(self.sources),
        }


def detect_feed(columns: Sequence[str]) -> FeedName:
    """The feed format whose required columns are all present (most specific first)."""
    present = {c.strip().lstrip("\ufeff") for c in columns}
    for name, required in FEEDS.items():
        if required <= present:
            return name
    raise FeedError(f"unknown feed format; columns: {', '.join(sorted(present))[:200]}")


def read_postings(
    path: str | Path, feed: FeedName | Literal["auto"] = "auto", report: FeedReport | None = None
) -> Iterator[Posting]:
    """Stream the postings of a feed file; pass a :class:`FeedReport` to collect rejected rows and
    coverage (complete once the iterator is exhausted). Raises :class:`FeedError` at once for a file
    that is missing or in no known format.

    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = Path(tmp.name) / "feed.csv"
    >>> write_postings([Posting("demo", "1", "Kasir", province_code="31")], path)
    1
    >>> report = FeedReport("auto")
    >>> [p.title for p in read_postings(path, report=report)], report.feed, report.rows
    (['Kasir'], 'tangkas', 1)
    >>> tmp.cleanup()
    """
    path = Path(path)
    if not path.is_file():
        raise FeedError(f"file not found: {path}")
    try:
        header = read_header(path)
    except TangkasError as error:
        raise FeedError(str(error)) from None
    name = detect_feed(header) if feed == "auto" else feed
    if not FEEDS[name] <= set(header):
        raise FeedError(f"{path.name} is not a {name} feed: missing {sorted(FEEDS[name] - set(header))}")
    report = report if report is not None else FeedReport(name)
    report.kind, report.path = name, str(path)
    return _stream(path, ADAPTERS[name], report)


def _stream(
    path: Path, adapter: Callable[[Mapping[str, str]], Posting], report: FeedReport
) -> Iterator[Posting]:
    for row, record in read_rows(path, report, text=True):
        try:
            posting = adapter(record)
        except RowProblem as problem:
            report.add_errors([RowError(row, problem.field, problem.code, problem.detail)])
            continue
        report.add_posting(posting)
        yield posting


def parse_feed(
    path: str | Path, feed: FeedName | Literal["auto"] = "auto"
) -> tuple[list[Posting], FeedReport]:
    """All postings of a feed file with the report (for files that fit in memory)."""
    report = FeedReport(feed)
    postings = list(read_postings(path, feed, report))
    return postings, report


def write_postings(postings: Iterable[Posting], path: str | Path) -> int:
    """Write postings in the ``tangkas`` feed format (CSV, or Parquet by suffix); returns the count."""
    from tangkas.market.tables import postings_table

    table = postings_table(postings)
    write_table(table, path)
    return int(table.num_rows)
