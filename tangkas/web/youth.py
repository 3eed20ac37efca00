"""The analyst's youth page: the NEET rate of 15-24 year olds (official figures, with sources), young
people registered and in training by province and sex (under disclosure control), postings for digital
occupations by province and the providers of courses for them, drawn as inline SVG with tables and CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from tangkas.fairness.labour import NationalFigure
from tangkas.models import Lang
from tangkas.services.gender import GenderFigures, gender_figures_csv, province_label
from tangkas.services.plans import catalog_for
from tangkas.services.youth import neet_by_province, neet_national, neet_places, neet_text, youth_figures
from tangkas.store import Store
from tangkas.store.ad_prevalence import MIN_RELIABLE_ADS
from tangkas.store.postings import postings_arrow
from tangkas.web.coverage import share_text
from tangkas.web.gender import MeasureChart, measure_chart, percent
from tangkas.web.pages import page_lang, render
from tangkas.web.security import StoreDep
from tangkas.youth.digital import DigitalPostings, digital_postings, entry_skill_uris
from tangkas.youth.facilities import ProvinceProviders, digital_providers

router = APIRouter(include_in_schema=False)
BAR = 150
"""The longest bar, in the charts' own units (view box 320 wide, as on the gender page)."""
NEET_TOP = 40.0
"""The NEET chart's full scale in percent (the highest province, Aceh, is 28.56%)."""


@dataclass(frozen=True)
class NeetBar:
    key: str
    """``total``, ``female``, ``male``, ``urban``, ``rural``."""
    value: str
    width: float
    figure: NationalFigure


@dataclass(frozen=True)
class DigitalRow:
    province: str
    postings: int
    share: str
    digital_occupations: int
    width: float
    few: bool
    """Under :data:`~tangkas.store.ad_prevalence.MIN_RELIABLE_ADS` postings: left out of the chart and
    marked in the table (one posting more or less moves the share by 3 points or more)."""


@dataclass(frozen=True)
class ProviderRow:
    province: str
    providers: tuple[str, ...]
    courses: int


@dataclass(frozen=True)
class YouthPage:
    as_of: date
    neet: tuple[NeetBar, ...]
    neet_provinces: tuple[tuple[str, str, str], ...]
    """(province, rate, period) of the provinces the source gives, the highest first."""
    figures: GenderFigures
    charts: tuple[MeasureChart, ...]
    digital: tuple[DigitalRow, ...]
    providers: tuple[ProviderRow, ...]
    online_providers: int
    synthetic_catalog: bool


def _neet(lang: Lang) -> tuple[NeetBar, ...]:
    figures = [*neet_national(), *neet_places()]
    keys = [f.sex if f.geography == "Indonesia" else f.geography.split()[-1] for f in figures]
    return tuple(
        NeetBar(key, f"{percent(f.value, lang)}%", BAR * f.value / NEET_TOP, f)
        for key, f in zip(keys, figures, strict=True)
    )


def _digital(rows: list[DigitalPostings], lang: Lang) -> tuple[DigitalRow, ...]:
    return tuple(
        DigitalRow(
            province_label(r.province_code, lang),
            r.postings,
            share_text(100 * r.digital_skill_share, lang),
            r.digital_occupations,
            BAR * r.digital_skill_share,
            r.postings < MIN_RELIABLE_ADS,
        )
        for r in rows
    )


def _providers(rows: list[ProvinceProviders], lang: Lang) -> tuple[ProviderRow, ...]:
    return tuple(ProviderRow(province_label(r.province_code, lang), r.providers, r.courses) for r in rows)


def youth_page(store: Store, as_of: date, lang: Lang) -> YouthPage:
    """Everything the page shows, from the shipped figures, the store and the catalog plans use."""
    found = youth_figures(store, as_of)
    catalog = catalog_for(store)
    providers, online = digital_providers(catalog, entry_skill_uris())
    provinces = sorted(neet_by_province().items(), key=lambda item: -item[1].value)
    return YouthPage(
        as_of,
        _neet(lang),
        tuple((province_label(code, lang), percent(f.value, lang), f.period) for code, f in provinces),
        found.figures,
        tuple(measure_chart(m, lang) for m in found.figures.measures),
        _digital(digital_postings(postings_arrow(store)), lang),
        _providers(providers, lang),
        online,
        catalog.synthetic,
    )


AsOf = Annotated[date | None, Query(description="the day (default: today)")]


@router.get("/analyst/youth", response_class=HTMLResponse)
def youth_view(request: Request, store: StoreDep, as_of: AsOf = None) -> HTMLResponse:
    return render(request, "analyst_youth.html", youth_page(store, as_of or date.today(), page_lang(request)))


@router.get("/analyst/youth/{name}.csv")
def youth_csv(
    store: StoreDep,
    name: Literal["registered", "neet"],
    as_of: AsOf = None,
    lang: Literal["id", "en"] = "id",
) -> Response:
    """Young people's figures as published on the page, or the shipped NEET figures with their sources."""
    if name == "registered":
        body = gender_figures_csv(youth_figures(store, as_of or date.today()).figures, lang)
    else:
        body = neet_text()
    disposition = f'attachment; filename="tangkas-youth-{name}.csv"'
    return Response(body, media_type="text/csv", headers={"Content-Disposition": disposition})
