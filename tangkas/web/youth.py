"""The analyst's youth page: the NEET rate of 15-24 year olds (official figures, with sources), young
people registered, profiled, in training and placed abroad as PMI by province and sex (under disclosure
control), postings for digital occupations by province and the providers of courses for them, and where
young people's interests outrun the courses held in their province, drawn as inline SVG with tables and
CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from tangkas.fairness.labour import NationalFigure
from tangkas.models import Lang
from tangkas.services.gender import GenderFigures, gender_figures_csv, province_label
from tangkas.services.plans import catalog_for
from tangkas.services.youth import (
    MEASURES,
    OTHER,
    InterestSupply,
    interest_supply,
    neet_by_province,
    neet_national,
    neet_places,
    neet_text,
    youth_figures,
)
from tangkas.store import Store
from tangkas.store.ad_prevalence import MIN_RELIABLE_ADS
from tangkas.store.postings import cached_postings
from tangkas.taxonomy import load_taxonomy
from tangkas.web.coverage import share_text
from tangkas.web.gender import MeasureChart, measure_chart, percent
from tangkas.web.i18n import translator
from tangkas.web.pages import page_lang, render
from tangkas.web.security import StoreDep
from tangkas.youth.digital import DigitalPostings, digital_postings, entry_skill_uris
from tangkas.youth.facilities import ProvinceProviders, SupplyGap, digital_providers

router = APIRouter(include_in_schema=False)
BAR = 150
"""The longest bar, in the charts' own units (view box 320 wide, as on the gender page)."""
NEET_TOP = 40.0
"""The NEET chart's full scale in percent (the highest province, Aceh, is 28.56%)."""
CHARTED_GROUPS = 5
"""How many groups (the most unmet demand first) each province's interest chart draws."""


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
class GroupRow:
    """One ISCO sub-major group (or "kelompok lain") of a province's matches, as shown."""

    group: str
    label: str
    demand: int
    local: str
    online: str
    unmet: int
    demand_width: float
    unmet_width: float


@dataclass(frozen=True)
class InterestRows:
    """One province's interests against its courses: the chart draws the first :data:`CHARTED_GROUPS`
    named groups, the table every row."""

    province_code: str
    province: str
    profiles: int
    matches: int
    groups: tuple[GroupRow, ...]

    @property
    def charted(self) -> tuple[GroupRow, ...]:
        return tuple(g for g in self.groups if g.group != OTHER)[:CHARTED_GROUPS]


@dataclass(frozen=True)
class InterestsView:
    per_profile: int
    min_cell: int
    provinces: tuple[InterestRows, ...]
    left_out_provinces: int
    left_out_profiles: int


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
    interests: InterestsView


def group_label(group: str, lang: Lang) -> str:
    """An ISCO sub-major group's name in ``lang`` (the taxonomy's English where no Indonesian one is
    written), "kelompok lain" for :data:`~tangkas.services.youth.OTHER`.

    >>> group_label("25", "id"), group_label("", "en")
    ('Profesional Teknologi Informasi dan Komunikasi', 'other groups')
    """
    if group == OTHER:
        return translator(lang)("youth.interests.other")
    found = load_taxonomy().isco_group(group)
    return found.label_id if lang == "id" and found.label_id else found.label_en


def _share(part: int, whole: int, lang: Lang) -> str:
    return share_text(100 * part / whole if whole else 0.0, lang)


def _group_row(gap: SupplyGap, top: int, lang: Lang) -> GroupRow:
    return GroupRow(
        gap.group,
        group_label(gap.group, lang),
        gap.demand,
        _share(gap.taught_locally, gap.skills, lang),
        _share(gap.taught_online, gap.skills, lang),
        round(gap.unmet),
        BAR * gap.demand / top,
        BAR * gap.unmet / top,
    )


def interests_view(found: InterestSupply, lang: Lang) -> InterestsView:
    """The interest section's rows, every bar on one scale (the largest demand shown)."""
    top = max((g.demand for p in found.provinces for g in p.groups if g.group != OTHER), default=1)
    provinces = tuple(
        InterestRows(
            p.province_code,
            province_label(p.province_code, lang),
            p.profiles,
            p.matches,
            tuple(_group_row(g, top, lang) for g in p.groups),
        )
        for p in found.provinces
    )
    return InterestsView(
        found.per_profile, found.min_cell, provinces, found.left_out_provinces, found.left_out_profiles
    )


CSV_COLUMNS = (
    "province_code",
    "province",
    "profiles",
    "isco_group",
    "group",
    "demand",
    "essential_skills",
    "taught_locally",
    "taught_online",
    "local_share",
    "online_share",
    "unmet",
)


def interests_csv(found: InterestSupply, lang: Lang) -> str:
    """The interest section's figures, one row a province and group ("kelompok lain": empty code)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in found.provinces:
        for g in p.groups:
            writer.writerow(
                (
                    p.province_code,
                    province_label(p.province_code, lang),
                    p.profiles,
                    g.group,
                    group_label(g.group, lang),
                    g.demand,
                    g.skills,
                    g.taught_locally,
                    g.taught_online,
                    round(g.local_share, 4),
                    round(g.taught_online / g.skills if g.skills else 0.0, 4),
                    round(g.unmet, 2),
                )
            )
    return out.getvalue()


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
        _digital(digital_postings(cached_postings(store)), lang),
        _providers(providers, lang),
        online,
        catalog.synthetic,
        interests_view(interest_supply(store, catalog), lang),
    )


AsOf = Annotated[date | None, Query(description="the day (default: today)")]


@router.get("/analyst/youth", response_class=HTMLResponse)
def youth_view(request: Request, store: StoreDep, as_of: AsOf = None) -> HTMLResponse:
    return render(request, "analyst_youth.html", youth_page(store, as_of or date.today(), page_lang(request)))


@router.get("/analyst/youth/interests.csv")
def youth_interests_csv(store: StoreDep, lang: Literal["id", "en"] = "id") -> Response:
    """Young people's interests against the courses in their province, as on the page."""
    body = interests_csv(interest_supply(store, catalog_for(store)), lang)
    disposition = 'attachment; filename="tangkas-youth-interests.csv"'
    return Response(body, media_type="text/csv", headers={"Content-Disposition": disposition})


@router.get("/analyst/youth/{name}.csv")
def youth_csv(
    store: StoreDep,
    name: Literal["registered", "neet"],
    as_of: AsOf = None,
    lang: Literal["id", "en"] = "id",
) -> Response:
    """Young people's figures as published on the page, or the shipped NEET figures with their sources."""
    if name == "registered":
        t = translator(lang)
        labels = {measure: t(f"youth.measure.{measure}") for measure in MEASURES}
        body = gender_figures_csv(youth_figures(store, as_of or date.today()).figures, lang, labels)
    else:
        body = neet_text()
    disposition = f'attachment; filename="tangkas-youth-{name}.csv"'
    return Response(body, media_type="text/csv", headers={"Content-Disposition": disposition})
