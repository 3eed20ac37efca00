"""The analyst's social-protection coverage page (SDG 1.3.1 style): the registered workers' coverage by
programme, province, sex, age band, formal/informal work and, for PMI abroad, destination, each drawn as
inline SVG with its numbers table (numerator, denominator, share) and a CSV, beside the national figures
with their sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from tangkas.fairness.labour import NationalFigure
from tangkas.i18n import decimal
from tangkas.models import Lang
from tangkas.services.coverage import (
    CoverageCell,
    CoverageFigures,
    coverage_csv,
    coverage_figures,
    group_label,
    national_text,
    reference,
)
from tangkas.store.coverage import BREAKDOWNS, PROGRAMMES, Breakdown, Programme
from tangkas.web.i18n import MONTHS
from tangkas.web.pages import page_lang, render
from tangkas.web.security import StoreDep

router = APIRouter(include_in_schema=False)
BAR = 200
"""A 100% bar, in the charts' own units (their view box is 330 wide): every chart has the same scale."""
PMI_PROGRAMME: Programme = "JKK+JKM"
"""PMI abroad are counted covered when both employment-injury and death cover run (UU 18/2017)."""
CHARTED: tuple[Breakdown, ...] = ("province", "sex", "age", "work")


def share_text(value: float | None, lang: Lang = "id") -> str:
    """A share in percent with one decimal, as the page's language writes it (``""`` when suppressed).

    >>> share_text(27.5), share_text(100.0, "en"), share_text(None)
    ('27,5%', '100.0%', '')
    """
    return "" if value is None else f"{decimal(value, 1, lang)}%"


@dataclass(frozen=True)
class Row:
    """One line of a chart and of its table."""

    label: str
    covered: int | None
    workers: int | None
    share: str
    width: float
    extra: tuple[str, ...] = ()
    """Further columns of the table (the destination's national figures)."""

    @property
    def suppressed(self) -> bool:
        return self.covered is None or self.workers is None


@dataclass(frozen=True)
class Chart:
    key: str
    """``programme`` or a breakdown."""
    programme: Programme
    total: Row | None
    rows: tuple[Row, ...]
    hidden_workers: int | None
    extra_columns: tuple[str, ...] = ()
    """The i18n keys of the national columns beside the rows."""

    @property
    def height(self) -> int:
        return 36 * len(self.rows) + 4


@dataclass(frozen=True)
class Reference:
    """A national figure as shown: what (an i18n key), the value in words, when, and the source."""

    key: str
    value: str
    when: str
    figure: NationalFigure


@dataclass(frozen=True)
class CoveragePage:
    as_of: date
    programme: Programme
    programmes: tuple[Programme, ...]
    charts: tuple[Chart, ...]
    national: tuple[Reference, ...]
    national_share: str
    """Active BPJS Ketenagakerjaan participants (Dec 2023) in percent of the employed (Aug 2023)."""
    min_cell: int
    rounding_base: int


def _row(cell: CoverageCell, label: str, lang: Lang, extra: tuple[str, ...] = ()) -> Row:
    share = None if cell.workers is None else cell.share
    return Row(label, cell.covered, cell.workers, share_text(share, lang), BAR * (share or 0) / 100, extra)


PROVINCE_COLUMNS = ("coverage.col.bpjs_active", "coverage.col.bpjs_active_share")


def _province_extra(code: str | None, lang: Lang) -> tuple[str, ...]:
    """A province's active BPJS Ketenagakerjaan participants (Dec 2023) and their share of its registered
    participants, when the reference file has the province (28 of 38)."""
    active = reference("bpjs_tk_participants_active", "2023-12").get(code or "")
    inactive = reference("bpjs_tk_participants_nonactive", "2023-12").get(code or "")
    if active is None or inactive is None or code is None:
        return ("", "")
    return _number(active.value, lang), share_text(100 * active.value / (active.value + inactive.value), lang)


def _national_active(lang: Lang) -> tuple[str, str]:
    """Indonesia's active BPJS Ketenagakerjaan participants (Dec 2023), and their share of all registered."""
    active = reference("bpjs_tk_participants_active", "2023-12")[""].value
    registered = reference("bpjs_tk_participants_total", "2023-12")[""].value
    return _millions(active, lang), share_text(100 * active / registered, lang)


def _chart(figures: CoverageFigures, programme: Programme, lang: Lang) -> Chart:
    table = figures.table(programme)
    province = figures.by == "province"
    rows = [
        _row(
            c,
            group_label(figures.by, c.group, lang),
            lang,
            _province_extra(c.group, lang) if province else (),
        )
        for c in table.cells
    ]
    if province:  # ranked: the best covered first, suppressed shares last
        rows.sort(key=lambda r: (r.suppressed, -(r.width)))
    total = None
    if table.total.workers:
        national = _national_active(lang) if province else ()
        total = _row(table.total, group_label(figures.by, None, lang), lang, national)
    columns = PROVINCE_COLUMNS if province else ()
    return Chart(figures.by, programme, total, tuple(rows), table.hidden_workers, columns)


def _programme_chart(figures: CoverageFigures, lang: Lang) -> Chart:
    """Every programme's national share (the totals of any breakdown: the same people)."""
    rows = tuple(_row(t.total, t.programme, lang) for t in figures.tables if t.total.workers)
    return Chart("programme", PMI_PROGRAMME, None, rows, None)


def _number(value: float, lang: Lang) -> str:
    shown = f"{value:,.0f}" if value >= 1000 else f"{value:g}"
    return shown.replace(",", ".") if lang == "id" else shown


def _destination_chart(figures: CoverageFigures, lang: Lang) -> Chart:
    """PMI abroad by destination, beside BP2MI's 2023 placements and BPJS Ketenagakerjaan's split of its
    PMI participants by destination."""
    placed = reference("pmi_placements_by_destination", "2023")
    split = reference("bpjs_tk_pmi_participants_share_by_destination")
    table = figures.table(PMI_PROGRAMME)

    def extra(code: str | None) -> tuple[str, str]:
        found, share = placed.get(code or ""), split.get(code or "")
        return (
            _number(found.value, lang) if found else "",
            share_text(share.value, lang) if share else "",
        )

    rows = tuple(
        _row(c, group_label("destination", c.group, lang), lang, extra(c.group)) for c in table.cells
    )
    total = _row(table.total, group_label("destination", None, lang), lang) if table.total.workers else None
    columns = ("coverage.col.placed_2023", "coverage.col.bpjs_split")
    return Chart("destination", PMI_PROGRAMME, total, rows, table.hidden_workers, columns)


def when(period: str, lang: Lang = "id") -> str:
    """A reference period as people write it.

    >>> when("2023-12"), when("2023-12-31", "en"), when("2023")
    ('Des 2023', '31 Dec 2023', '2023')
    """
    parts = period.split("-")
    if len(parts) == 1:
        return period
    month = f"{MONTHS[lang][int(parts[1]) - 1]} {parts[0]}"
    return f"{int(parts[2])} {month}" if len(parts) == 3 else month


def _millions(value: float, lang: Lang) -> str:
    words = {"id": "juta", "en": "million"}[lang]
    shown = f"{value:g}"
    return f"{shown.replace('.', ',') if lang == 'id' else shown} {words}"


NATIONAL: tuple[tuple[str, str | None], ...] = (
    ("bpjs_tk_participants_active", "2023-12"),
    ("bpjs_tk_participants_total", "2023-12"),
    ("employed", "2023-08"),
    ("jkn_coverage", None),
    ("pmi_placements", "2023"),
    ("bpjs_tk_pmi_participants", "2024-06"),
)
"""The national figures told beside ours, in order (the one row of each indicator and period)."""


def _national(lang: Lang) -> tuple[Reference, ...]:
    found = []
    for indicator, period in NATIONAL:
        figure = reference(indicator, period)[""]
        if figure.unit.startswith("million"):
            value = _millions(figure.value, lang)
        elif figure.unit.startswith("%"):
            value = f"{figure.value:g}".replace(".", "," if lang == "id" else ".") + "%"
        else:
            value = _number(figure.value, lang)
        found.append(Reference(indicator, value, when(figure.period, lang), figure))
    return tuple(found)


def coverage_page(store: StoreDep, as_of: date, programme: Programme, lang: Lang) -> CoveragePage:
    """Every chart of the page: one query per breakdown."""
    figures = {by: coverage_figures(store, by, as_of) for by in BREAKDOWNS}
    charts = (
        _programme_chart(figures["province"], lang),
        *(_chart(figures[by], programme, lang) for by in CHARTED),
        _destination_chart(figures["destination"], lang),
    )
    first = figures["province"]
    active = reference("bpjs_tk_participants_active", "2023-12")[""].value
    employed = reference("employed", "2023-08")[""].value
    national_share = share_text(100 * active / employed, lang)
    return CoveragePage(
        as_of,
        programme,
        PROGRAMMES,
        charts,
        _national(lang),
        national_share,
        first.min_cell,
        first.rounding_base,
    )


AsOf = Annotated[date | None, Query(description="the day (default: today)")]


@router.get("/analyst/coverage", response_class=HTMLResponse)
def coverage_view(
    request: Request, store: StoreDep, as_of: AsOf = None, programme: Programme = PMI_PROGRAMME
) -> HTMLResponse:
    page = coverage_page(store, as_of or date.today(), programme, page_lang(request))
    return render(request, "analyst_coverage.html", page)


@router.get("/analyst/coverage/{name}.csv")
def coverage_download(
    store: StoreDep,
    name: Literal["province", "sex", "age", "work", "destination", "national"],
    as_of: AsOf = None,
    lang: Literal["id", "en"] = "id",
) -> Response:
    """A breakdown's figures for every programme as published on the page, or the national figures with
    their sources (the shipped file as it is)."""
    if name == "national":
        body = national_text()
    else:
        body = coverage_csv(coverage_figures(store, name, as_of or date.today()), lang)
    disposition = f'attachment; filename="tangkas-coverage-{name}.csv"'
    return Response(body, media_type="text/csv", headers={"Content-Disposition": disposition})
