"""Social-protection coverage indicators (SDG 1.3.1 style) over the service's own records, under
disclosure control, beside the national figures shipped with their sources.

The indicator: of the registered workers (not erased) in a group, the share with a membership spell of
a programme covering the day ``as_of`` (numerator: covered workers; denominator: registered workers; both
always published with the share). Groups and the formal/informal derivation: :mod:`tangkas.store.coverage`.

Every count goes through :func:`tangkas.store.stats.protect_counts`, as the gender page's do: randomly
rounded to base 5 by a key fixed by the people it counts, and hidden (suppressed, never shown as 0) under
:data:`~tangkas.store.stats.MIN_CELL`. Numerators and denominators of a breakdown are protected with the
same grouping name, so the same people always give the same figure (a fully covered group shows 100%),
and a group is listed only when its denominator can be shown; its numerator and share may still be
suppressed. A share is computed from the published figures.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> figures = coverage_figures(store, "sex", date(2026, 1, 1))
>>> [t.programme for t in figures.tables][:3], figures.tables[0].total.workers
(['JKK+JKM', 'JKK', 'JKM'], None)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources

from tangkas.countries import countries
from tangkas.fairness.labour import NationalFigure
from tangkas.loading import load_once
from tangkas.models import Lang
from tangkas.provinces import province_codes
from tangkas.services.gender import KEEP, province_label
from tangkas.store import Store
from tangkas.store.coverage import (
    AGE_BANDS,
    PROGRAMMES,
    WORK_GROUPS,
    Breakdown,
    CoverageCount,
    Programme,
    coverage_counts,
)
from tangkas.store.stats import (
    CLOSED_DOMAINS,
    KEY_MODULUS,
    METHOD,
    MIN_CELL,
    ROUNDING_BASE,
    GroupCount,
    protect_counts,
)

GROUPING: dict[Breakdown, str] = {
    "province": "province_code",
    "sex": "gender",
    "age": "age_band",
    "work": "work",
    "destination": "destination",
}
"""The name each breakdown's figures are protected under: a province's or a sex's registered workers
get the same figure here as on ``/api/stats/workers`` and the gender page."""
NATIONAL_FILE = "coverage_national.csv"


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """A group's published figures (``None``: suppressed); ``group`` ``None`` in a table's total."""

    group: str | None
    covered: int | None
    workers: int | None

    @property
    def share(self) -> float | None:
        """Covered workers in percent of the group's workers, from the published figures (at most 100).

        >>> CoverageCell("F", 40, 160).share, CoverageCell("F", None, 160).share
        (25.0, None)
        """
        if self.covered is None or not self.workers:
            return None
        return min(100.0, 100 * self.covered / self.workers)


@dataclass(frozen=True, slots=True)
class CoverageTable:
    """One programme's coverage by one breakdown: the total, the groups that can be shown, and the
    workers of the other groups together (``None`` when every group is shown or the total is hidden)."""

    programme: Programme
    total: CoverageCell
    cells: tuple[CoverageCell, ...]
    hidden_workers: int | None


@dataclass(frozen=True, slots=True)
class CoverageFigures:
    by: Breakdown
    as_of: date
    tables: tuple[CoverageTable, ...]
    method: str = METHOD
    min_cell: int = MIN_CELL
    rounding_base: int = ROUNDING_BASE

    def table(self, programme: Programme) -> CoverageTable:
        return next(t for t in self.tables if t.programme == programme)


def _domain(by: Breakdown) -> tuple[str | None, ...]:
    if by == "province":
        return (*province_codes(), None)
    if by == "sex":
        return CLOSED_DOMAINS["gender"]
    if by == "age":
        return AGE_BANDS
    if by == "work":
        return WORK_GROUPS
    return ()


def _table(
    by: Breakdown, programme: Programme, counts: Sequence[CoverageCount], population: int
) -> CoverageTable:
    name, domain, keep = GROUPING[by], _domain(by), KEEP if by == "sex" else ()
    workers = protect_counts(
        name,
        [GroupCount(c.group, c.workers, c.key_sum) for c in counts],
        domain,
        population_key=population,
        keep=keep,
    )
    covered = protect_counts(
        name,
        [GroupCount(c.group, *c.programme(programme)) for c in counts],
        domain,
        population_key=population,
        keep=keep,
    )
    shown = {cell.group: cell.count for cell in covered.cells}
    cells = tuple(CoverageCell(cell.group, shown.get(cell.group), cell.count) for cell in workers.cells)
    total = CoverageCell(None, covered.total if workers.total is not None else None, workers.total)
    return CoverageTable(programme, total, cells, workers.hidden_count)


def coverage_figures(
    store: Store, by: Breakdown, as_of: date, programmes: Sequence[Programme] = PROGRAMMES
) -> CoverageFigures:
    """Coverage of each programme by ``by`` as of ``as_of``, protected: one query for all programmes."""
    counts = coverage_counts(store, by, as_of)
    population = sum(c.key_sum for c in counts) % KEY_MODULUS
    if by == "destination":
        counts = [c for c in counts if c.group is not None]  # None: the workers at home
    tables = tuple(_table(by, programme, counts, population) for programme in programmes)
    return CoverageFigures(by, as_of, tables)


SEX_LABELS: dict[str, dict[Lang, str]] = {
    "F": {"id": "Perempuan", "en": "Women"},
    "M": {"id": "Laki-laki", "en": "Men"},
    "X": {"id": "Lainnya", "en": "Other"},
}
WORK_LABELS: dict[str, dict[Lang, str]] = {
    "formal": {"id": "Formal (penerima upah, jasa konstruksi)", "en": "Formal (wage earners, construction)"},
    "informal": {"id": "Informal (bukan penerima upah)", "en": "Informal (non-wage earners)"},
    "pmi": {"id": "Pekerja migran Indonesia (PMI)", "en": "Indonesian migrant workers (PMI)"},
    "unknown": {"id": "Belum diketahui (tanpa kepesertaan)", "en": "Not known (no membership)"},
}
UNKNOWN: dict[Lang, str] = {"id": "Tidak tercatat", "en": "Not recorded"}
ALL: dict[Lang, str] = {"id": "Semua", "en": "All"}


def group_label(by: Breakdown, group: str | None, lang: Lang = "id") -> str:
    """A group's name in the page's language (``None`` in a table's total: Indonesia, or all).

    >>> group_label("province", "32"), group_label("sex", "F", "en"), group_label("destination", "TW")
    ('Jawa Barat', 'Women', 'Taiwan')
    >>> group_label("age", "unknown"), group_label("work", "pmi", "en"), group_label("sex", None)
    ('Tidak tercatat atau di bawah 15 tahun', 'Indonesian migrant workers (PMI)', 'Semua')
    """
    if group is None:
        if by == "destination":
            return {"id": "Semua PMI di luar negeri", "en": "All PMI abroad"}[lang]
        return province_label(None, lang) if by == "province" else ALL[lang]
    if by == "province":
        return province_label(group, lang)
    if by == "sex":
        return SEX_LABELS.get(group, UNKNOWN)[lang]
    if by == "age":
        if group == "unknown":
            return {"id": "Tidak tercatat atau di bawah 15 tahun", "en": "Not recorded or under 15"}[lang]
        return f"{group} {'tahun' if lang == 'id' else 'years'}"
    if by == "work":
        return WORK_LABELS[group][lang]
    found = countries().get(group)
    return found.label(lang) if found else group


CSV_COLUMNS = (
    "as_of",
    "breakdown",
    "group",
    "label",
    "programme",
    "covered",
    "workers",
    "share_percent",
    "suppressed",
)


def coverage_csv(figures: CoverageFigures, lang: Lang = "id") -> str:
    """The figures as CSV: per programme, the total (group empty) then each shown group, with covered
    workers (numerator), registered workers (denominator) and the share; a suppressed figure is empty and
    ``suppressed`` says ``yes`` (it is never written as 0). The other groups together end each programme
    with ``group`` ``other`` and only their workers."""
    sink = io.StringIO()
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for table in figures.tables:
        for cell in (table.total, *table.cells):
            share = "" if cell.share is None else f"{cell.share:.1f}"
            writer.writerow(
                (
                    figures.as_of.isoformat(),
                    figures.by,
                    cell.group or "",
                    group_label(figures.by, cell.group, lang),
                    table.programme,
                    "" if cell.covered is None else cell.covered,
                    "" if cell.workers is None else cell.workers,
                    share,
                    "yes" if cell.covered is None or cell.workers is None else "no",
                )
            )
        if table.hidden_workers is not None:
            other = {
                "id": "Kelompok lain yang disembunyikan, digabung",
                "en": "The other, suppressed groups together",
            }
            row = (figures.as_of.isoformat(), figures.by, "other", other[lang], table.programme)
            writer.writerow((*row, "", table.hidden_workers, "", "yes"))
    return sink.getvalue()


@dataclass(frozen=True, slots=True)
class ReferenceFigure:
    """A national figure and the code of its geography (BPS province or ISO country; ``""``: Indonesia
    or a group of people)."""

    code: str
    figure: NationalFigure


def national_text() -> str:
    """The shipped national figures' file as it is (for its CSV download)."""
    return (resources.files("tangkas") / "data" / "indicators" / NATIONAL_FILE).read_text("utf-8")


@load_once
def reference_figures() -> tuple[ReferenceFigure, ...]:
    """Every row of the shipped national figures (BPJS Ketenagakerjaan, BP2MI, BPJS Kesehatan, BPS), in
    file order, with its source.

    >>> active = next(r for r in reference_figures() if r.figure.indicator == "bpjs_tk_participants_active")
    >>> active.figure.value, active.figure.period, active.figure.urls[0][:17]
    (41.56, '2023-12', 'https://spn.or.id')
    """
    return read_figures(national_text())


def read_figures(text: str) -> tuple[ReferenceFigure, ...]:
    """The rows of a shipped figures file (``code`` then the reference file's columns), in file order."""
    rows = csv.DictReader(io.StringIO(text))
    return tuple(
        ReferenceFigure(
            row["code"],
            NationalFigure(
                row["indicator"],
                row["geography"],
                row["sex"],
                row["period"],
                float(row["value"]),
                row["unit"],
                row["source"],
                row["note"],
            ),
        )
        for row in rows
    )


def reference(indicator: str, period: str | None = None) -> dict[str, NationalFigure]:
    """The rows of one indicator (of one period, when given) by their geography's code.

    >>> reference("pmi_placements_by_destination")["TW"].value
    83216.0
    """
    return {
        r.code: r.figure
        for r in reference_figures()
        if r.figure.indicator == indicator and (period is None or r.figure.period == period)
    }
