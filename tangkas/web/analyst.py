"""Analyst pages: demand by province, monthly trend, pay and digital skills, and discriminatory
requirements in the stored ads, drawn as inline SVG."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from tangkas.fairness.ads import EVALUATED
from tangkas.i18n import decimal
from tangkas.models import Lang
from tangkas.provinces import PROVINCES
from tangkas.services.fair_ads import GROUPINGS, fair_ads_indicator, fair_ads_overview
from tangkas.services.indicators import Indicator, indicator, indicator_csv, market_overview, with_labels
from tangkas.store.ad_prevalence import MIN_PAY_ADS, MIN_RELIABLE_ADS
from tangkas.web.pages import page_lang, render, templates
from tangkas.web.security import StoreDep

router = APIRouter(include_in_schema=False)
NAMES = {p.code: p.name for p in PROVINCES}
PROVINCES_OPEN = 10
"""Provinces shown before the rest (most ads first); the others are one click away."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float


@dataclass(frozen=True)
class ShareBar:
    """One share drawn as a bar ``width`` percent of its track long (the chart's largest share fills it)."""

    key: str
    share: float
    count: int
    width: float


@dataclass(frozen=True)
class ProvinceShares:
    label: str
    ads: int
    few: bool
    sex: ShareBar
    age: ShareBar


@dataclass(frozen=True)
class FairAdsSection:
    """Discriminatory requirements in the checked ads: national shares per ground, sex and age shares by
    province (``few``: under ``min_ads`` ads, unreliable), and the pay of one-sex ads against the rest."""

    checked: int
    waiting: int
    grounds: list[ShareBar]
    any_share: float
    any_count: int
    provinces: list[ProvinceShares]
    pay_by_occupation: list[dict[str, Any]]
    pay_by_group: list[dict[str, Any]]
    min_ads: int = MIN_RELIABLE_ADS
    min_pay_ads: int = MIN_PAY_ADS
    provinces_open: int = PROVINCES_OPEN


@dataclass(frozen=True)
class AnalystPage:
    total: int
    provinces: list[Bar]
    months: list[tuple[str, int]]
    trend_points: str
    pay: list[dict[str, object]]
    digital: list[tuple[str, float]]
    synthetic_share: float
    fair: FairAdsSection


def _bars(rows: list[dict[str, object]], key: str) -> list[Bar]:
    top = max((int(r["postings"]) for r in rows), default=1)  # type: ignore[call-overload]
    return [
        Bar(NAMES.get(str(r[key]), str(r[key])), int(r["postings"]), 100 * int(r["postings"]) / top)  # type: ignore[call-overload]
        for r in rows
        if r[key] is not None
    ]


def _points(values: list[int], width: int = 600, height: int = 160) -> str:
    """SVG polyline points for a series, scaled into the box."""
    if not values:
        return ""
    top, step = max(values) or 1, width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - height * v / top:.1f}" for i, v in enumerate(values))


def _share_bar(key: str, row: dict[str, Any], ground: str, top: float) -> ShareBar:
    share = float(row[f"{ground}_share"])
    return ShareBar(key, share, int(row[ground]), round(100 * share / top, 1) if top else 0.0)


def _fair_ads(store: StoreDep, lang: Lang) -> FairAdsSection:
    found = fair_ads_overview(store, lang)
    national = found.national or {}
    top = max((float(national.get(f"{g}_share", 0.0)) for g in EVALUATED), default=0.0)
    grounds = [_share_bar(g, national, g, top) for g in EVALUATED] if national else []
    widest = max((float(r[f"{g}_share"]) for r in found.provinces for g in ("sex", "age")), default=0.0)
    provinces = [
        ProvinceShares(
            str(r["province_label"]),
            int(r["ads"]),
            bool(r["few_ads"]),
            _share_bar("sex", r, "sex", widest),
            _share_bar("age", r, "age", widest),
        )
        for r in found.provinces
    ]
    return FairAdsSection(
        found.checked,
        found.waiting,
        grounds,
        float(national.get("any_ground_share", 0.0)),
        int(national.get("any_ground", 0)),
        provinces,
        found.pay_by_occupation,
        found.pay_by_group,
    )


def _percent(share: float, lang: Lang = "id") -> str:
    """A share as a percentage with one decimal, written as the page's language writes it.

    >>> _percent(0.0769), _percent(0.0769, "en"), _percent(0.25)
    ('7,7%', '7.7%', '25,0%')
    """
    return f"{decimal(share * 100, 1, lang)}%"


templates.env.filters["percent"] = _percent


@router.get("/analyst", response_class=HTMLResponse)
def analyst(request: Request, store: StoreDep) -> HTMLResponse:
    found = market_overview(store)
    return render(
        request,
        "analyst.html",
        AnalystPage(
            found.counts.total,
            _bars(found.provinces, "province"),
            found.months,
            _points([n for _, n in found.months]),
            found.pay,
            found.digital,
            found.counts.synthetic_share,
            _fair_ads(store, page_lang(request)),
        ),
    )


Grouping = Literal["all", "province", "isco1", "isco2", "isco3", "isco", "occupation", "month", "source"]
"""What a CSV download may be grouped by; anything else is a 422, so the file name (built from these
values only) can never carry a quote, a line break or a character a header cannot hold."""
MARKET_GROUPINGS = ("province", "isco1", "isco2", "isco3", "isco", "occupation", "month")
"""The groupings of the market indicators' downloads (the fair-ads ones: :data:`GROUPINGS`)."""


@router.get("/analyst/{name}.csv")
def download(
    store: StoreDep,
    name: Literal["demand", "skills", "pay", "digital", "fair-ads", "fair-ads-pay"],
    by: Grouping = "province",
    lang: Literal["id", "en"] = "id",
) -> Response:
    if name in ("fair-ads", "fair-ads-pay"):
        if by not in GROUPINGS[name]:
            raise HTTPException(422, f"{name} is grouped by one of {', '.join(GROUPINGS[name])}")
        table = fair_ads_indicator(store, name, by)
    elif by in MARKET_GROUPINGS:
        table = indicator(store, cast(Indicator, name), by, top=5000)
    else:
        raise HTTPException(422, f"{name} is grouped by one of {', '.join(MARKET_GROUPINGS)}")
    return Response(
        indicator_csv(with_labels(table, lang)),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="tangkas-{name}-{by}.csv"'},
    )
