"""Analyst pages: demand by province, monthly trend, pay and digital skills, drawn as inline SVG."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tangkas.provinces import PROVINCES
from tangkas.services.indicators import indicator, indicator_csv, market_overview, with_labels
from tangkas.web.pages import render
from tangkas.web.security import StoreDep

router = APIRouter(include_in_schema=False)
NAMES = {p.code: p.name for p in PROVINCES}


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float


@dataclass(frozen=True)
class AnalystPage:
    total: int
    provinces: list[Bar]
    months: list[tuple[str, int]]
    trend_points: str
    pay: list[dict[str, object]]
    digital: list[tuple[str, float]]
    synthetic_share: float


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
        ),
    )


Grouping = Literal["province", "isco1", "isco2", "isco3", "isco", "occupation", "month"]
"""What a CSV download may be grouped by; anything else is a 422, so the file name (built from these
values only) can never carry a quote, a line break or a character a header cannot hold."""


@router.get("/analyst/{name}.csv")
def download(
    store: StoreDep,
    name: Literal["demand", "skills", "pay", "digital"],
    by: Grouping = "province",
    lang: Literal["id", "en"] = "id",
) -> Response:
    table = indicator(store, name, by, top=5000)
    return Response(
        indicator_csv(with_labels(table, lang)),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="tangkas-{name}-{by}.csv"'},
    )
