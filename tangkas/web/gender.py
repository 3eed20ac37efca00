"""The analyst's gender page: workers' registrations, training and saved plans by gender and province
(under disclosure control), beside Indonesia's labour-force figures by sex, drawn as inline SVG."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tangkas.fairness.labour import SexFigures, figures_by_sex
from tangkas.i18n import decimal
from tangkas.models import Lang
from tangkas.services.gender import (
    GenderFigures,
    MeasureCounts,
    gender_figures,
    gender_figures_csv,
    province_label,
)
from tangkas.web.i18n import MONTHS
from tangkas.web.pages import page_lang, render, templates
from tangkas.web.security import StoreDep

router = APIRouter(include_in_schema=False)
BAR = 150
"""The longest bar, in the charts' own units (their view box is 320 wide: text stays readable on a phone)."""


@dataclass(frozen=True)
class Bar:
    group: str | None
    """A gender (``F``, ``M``, ``X``; ``None``: not recorded) or, for national figures, ``male`` etc."""
    value: float | None
    """The figure shown, ``None`` when hidden."""
    width: float


@dataclass(frozen=True)
class PlaceChart:
    label: str
    total: int | None
    women_share: int | None
    """Women's share of the place's total in whole percent, when both are shown."""
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class MeasureChart:
    measure: str
    total: int | None
    places: tuple[PlaceChart, ...]

    @property
    def height(self) -> int:
        """The chart's height in its own units: a label line and a bar per group for each place."""
        return sum(24 + 20 * len(place.bars) for place in self.places) + 4


@dataclass(frozen=True)
class NationalChart:
    figures: SexFigures
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class GenderPage:
    figures: GenderFigures
    charts: tuple[MeasureChart, ...]
    national: tuple[NationalChart, ...]


HIDDEN = "hidden"
"""The bar of a place's hidden groups together (their names are the groups drawn with a dash)."""


def measure_chart(measure: MeasureCounts, lang: Lang) -> MeasureChart:
    """One measure's chart: a line per place, a bar per gender (and the hidden groups together)."""
    places = measure.places if measure.national.counts.total is not None else ()
    groups: list[str | None] = ["F", "M"]
    groups += [g for g in ("X", None) if any(place.count(g) is not None for place in places)]
    values = [[place.count(g) for g in groups] + [place.counts.hidden_count] for place in places]
    top = max((v or 0 for row in values for v in row), default=0) or 1
    charts = []
    for place, row in zip(places, values, strict=True):
        women, total = place.count("F"), place.counts.total
        share = round(100 * women / total) if women is not None and total else None
        bars = [Bar(g, v, BAR * (v or 0) / top) for g, v in zip(groups, row[:-1], strict=True)]
        if total is None:
            bars = []  # a place too small for this measure is one line, not a column of dashes
        elif place.counts.hidden_count is not None:
            bars.append(Bar(HIDDEN, row[-1], BAR * (row[-1] or 0) / top))
        charts.append(PlaceChart(province_label(place.province_code, lang), total, share, tuple(bars)))
    return MeasureChart(measure.measure, measure.national.counts.total, tuple(charts))


def _national_chart(figures: SexFigures) -> NationalChart:
    values = [("male", figures.male), ("female", figures.female)]
    if figures.total is not None:
        values.append(("total", figures.total))
    top = max(value for _, value in values) or 1
    return NationalChart(figures, tuple(Bar(sex, value, BAR * value / top) for sex, value in values))


def percent(value: float, lang: Lang = "id") -> str:
    """A rate as the page's language writes it.

    >>> percent(84.66), percent(4.9, "en")
    ('84,66', '4.90')
    """
    return decimal(value, 2, lang)


def period(value: str, lang: Lang = "id") -> str:
    """``2024-08`` as ``Agu 2024``.

    >>> period("2024-08"), period("2023-08", "en")
    ('Agu 2024', 'Aug 2023')
    """
    year, month = value.split("-")[:2]
    return f"{MONTHS[lang][int(month) - 1]} {year}"


templates.env.filters["rate"] = percent
templates.env.filters["period"] = period


@router.get("/analyst/gender", response_class=HTMLResponse)
def gender_view(request: Request, store: StoreDep) -> HTMLResponse:
    lang = page_lang(request)
    figures = gender_figures(store)
    charts = tuple(measure_chart(measure, lang) for measure in figures.measures)
    national = tuple(_national_chart(found) for found in figures_by_sex())
    return render(request, "analyst_gender.html", GenderPage(figures, charts, national))


@router.get("/analyst/gender/{name}.csv")
def gender_csv(
    store: StoreDep, name: Literal["workers", "national"], lang: Literal["id", "en"] = "id"
) -> Response:
    """The workers' figures as published on the page, or the national figures with their sources."""
    if name == "workers":
        body = gender_figures_csv(gender_figures(store), lang)
    else:
        body = (resources.files("tangkas") / "data" / "indicators" / "labour_by_sex.csv").read_text("utf-8")
    disposition = f'attachment; filename="tangkas-gender-{name}.csv"'
    return Response(body, media_type="text/csv", headers={"Content-Disposition": disposition})
