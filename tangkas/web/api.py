"""The JSON API under ``/api`` (OpenAPI at ``/docs``). Every route needs an API key except health."""

from __future__ import annotations

import io
from dataclasses import asdict
from typing import Annotated, Any, Literal

import pyarrow.csv as pacsv
from fastapi import APIRouter, Body, HTTPException, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from tangkas.careers.transitions import Profile, Recommendation, recommend_transitions
from tangkas.reading.extract import extract_skills
from tangkas.reading.titles import code_title
from tangkas.search import search_occupations, search_skills
from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.indicators import indicator
from tangkas.store.keys import ApiKey, audit
from tangkas.store.queries import Page, demand_table, get_worker, list_courses, list_postings, list_workers
from tangkas.taxonomy import load_taxonomy
from tangkas.training.plans import plan_training, training_need
from tangkas.web.pages import course_catalog
from tangkas.web.security import Principal, StoreDep, require

router = APIRouter(prefix="/api")
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Text = Annotated[str, Query(min_length=1, max_length=200)]
Rows = Annotated[list[dict[str, Any]], Body(embed=True, max_length=5000)]
MIN_CELL = 10
"""Aggregates over workers hide any cell with fewer people than this (re-identification risk)."""
GROUPINGS = {
    "province_code": "province_code",
    "gender": "gender",
    "migrant_status": "migrant_status",
    "birth_decade": "CAST(FLOOR(birth_year / 10.0) * 10 AS INTEGER)",
    "office_code": "office_code",
}


def _page(page: Page) -> dict[str, Any]:
    return {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/health", tags=["service"])
def health(store: StoreDep) -> dict[str, Any]:
    """Liveness and schema version; no key needed."""
    with store.lock:
        return {"status": "ok", "schema_version": store.version(), "backend": store.backend.name}


@router.get("/search/occupations", tags=["taxonomy"])
async def occupations_search(_: Principal, q: Text, limit: Limit = 10) -> Response:
    """Occupations for a query in Indonesian or English (typo-tolerant)."""
    hits = [
        {
            "uri": h.occupation.uri,
            "code": h.occupation.code,
            "isco": h.occupation.isco,
            "label_en": h.occupation.label_en,
            "matched": h.matched,
            "source": h.source,
            "score": h.score,
            "kbji": h.kbji.kode if h.kbji else None,
        }
        for h in search_occupations(q, limit=limit)
    ]
    return JSONResponse(hits)


@router.get("/search/skills", tags=["taxonomy"])
async def skills_search(_: Principal, q: Text, limit: Limit = 10) -> list[dict[str, Any]]:
    """ESCO skills for a query."""
    return [
        {"uri": h.skill.uri, "label_en": h.skill.label_en, "matched": h.matched, "score": h.score}
        for h in search_skills(q, limit=limit)
    ]


@router.get("/occupations/lookup", tags=["taxonomy"])
def occupation_detail(_: Principal, id: Text) -> dict[str, Any]:
    """An occupation by ESCO URI or code, an ISCO group or a KBJI kode, with skills and enrichments."""
    tax = load_taxonomy()
    found = tax.lookup(id)
    data: dict[str, Any] = asdict(found)
    if hasattr(found, "uri"):
        occupation = tax.occupation(found.uri)
        onet, risk = tax.onet(occupation), tax.automation_risk(occupation.isco)
        data.pop("hidden_en", None)
        data["essential_skills"] = [
            {"uri": s.uri, "label_en": s.label_en} for s in tax.essential_skills(occupation)
        ]
        data["optional_skills"] = [
            {"uri": s.uri, "label_en": s.label_en} for s in tax.optional_skills(occupation)
        ]
        data["isco_path"] = [
            {"code": g.code, "label_en": g.label_en, "label_id": g.label_id}
            for g in tax.isco_path(occupation.isco)
        ]
        data["onet"] = asdict(onet) if onet else None
        data["automation_risk"] = asdict(risk) if risk else None
    return data


@router.get("/skills/lookup", tags=["taxonomy"])
def skill_detail(_: Principal, id: Text) -> dict[str, Any]:
    """A skill by ESCO URI or exact English label."""
    skill = load_taxonomy().skill(id)
    data = asdict(skill)
    data["collections"] = sorted(skill.collections)
    data.pop("hidden_en", None)
    return data


@router.get("/postings", tags=["market"])
def postings(
    _: Principal,
    store: StoreDep,
    province_code: Annotated[str | None, Query(max_length=8)] = None,
    isco: Annotated[str | None, Query(pattern=r"^\d{1,4}$")] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored job postings, filtered and paginated."""
    with store.lock:
        return _page(
            list_postings(store, province_code=province_code, isco=isco, query=q, limit=limit, offset=offset)
        )


@router.get("/courses", tags=["training"])
def courses(
    _: Principal,
    store: StoreDep,
    province_code: Annotated[str | None, Query(max_length=8)] = None,
    provider: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The course catalog, filtered and paginated."""
    with store.lock:
        return _page(
            list_courses(store, province_code=province_code, provider=provider, limit=limit, offset=offset)
        )


def _import(store: Store, kind: str, rows: list[dict[str, Any]], caller: ApiKey) -> dict[str, Any]:
    report = import_rows(store, kind, rows, f"api:{caller.id}")
    return {"rows": report.rows, "inserted": report.inserted, "duplicates": report.duplicates}


@router.post("/courses", tags=["training"], dependencies=[require("provider", "admin")])
def add_courses(caller: Principal, store: StoreDep, rows: Rows) -> dict[str, Any]:
    """Add courses, all or nothing; a provider may add only its own courses."""
    # Either column name may carry the provider; the validator rejects a row whose two names disagree.
    owners = {str(r.get("provider") or r.get("provider_name") or "") for r in rows}
    if caller.role == "provider" and owners - {caller.provider}:
        raise HTTPException(403, "a provider key may add only its own courses")
    return _import(store, "courses", rows, caller)


@router.post("/postings", tags=["market"], dependencies=[require("admin")])
def add_postings(caller: Principal, store: StoreDep, rows: Rows) -> dict[str, Any]:
    """Add job postings, all or nothing, idempotent on (source, external_id)."""
    return _import(store, "postings", rows, caller)


@router.get("/workers", tags=["workers"], dependencies=[require("counsellor", "admin")])
def workers(caller: Principal, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Workers with personal data: a counsellor sees their own office only. Every call is audited."""
    office = caller.office_code if caller.role == "counsellor" else None
    with store.lock:
        page = list_workers(store, office_code=office, personal=True, limit=limit, offset=offset)
        audit(store, caller, "list", "worker", None)
    return _page(page)


@router.get("/workers/{worker_id}", tags=["workers"], dependencies=[require("counsellor", "admin")])
def worker(caller: Principal, store: StoreDep, worker_id: int) -> dict[str, Any]:
    """One worker's record, audited."""
    with store.lock:
        found = get_worker(store, worker_id)
        if found is None or (caller.role == "counsellor" and found["office_code"] != caller.office_code):
            raise HTTPException(404, "no such worker in your office")
        audit(store, caller, "read", "worker", str(worker_id))
    return found


@router.post("/workers", tags=["workers"], dependencies=[require("counsellor", "admin")])
def add_workers(caller: Principal, store: StoreDep, rows: Rows) -> dict[str, Any]:
    """Register workers, all or nothing; a counsellor registers into their own office."""
    if caller.role == "counsellor" and any(str(r.get("office_code")) != caller.office_code for r in rows):
        raise HTTPException(403, "a counsellor may register workers only in their own office")
    result = _import(store, "workers", rows, caller)
    with store.lock:
        audit(store, caller, "create", "worker", None)
    return result


@router.get("/stats/workers", tags=["workers"], dependencies=[require("analyst", "counsellor", "admin")])
def worker_stats(
    store: StoreDep,
    by: Literal["province_code", "gender", "migrant_status", "birth_decade", "office_code"] = "province_code",
) -> dict[str, Any]:
    """Registered workers counted by one attribute; cells under 10 people are suppressed."""
    expression = GROUPINGS[by]
    with store.lock:
        rows = store.backend.execute(
            f"SELECT {expression} AS grp, COUNT(*) FROM workers GROUP BY grp ORDER BY grp"
        )
    cells = [
        {
            "group": None if g is None else str(g),
            "count": n if n >= MIN_CELL else None,
            "suppressed": n < MIN_CELL,
        }
        for g, n in rows
    ]
    return {"by": by, "min_cell": MIN_CELL, "cells": cells}


@router.get("/transitions", tags=["transitions"])
async def transitions(
    _: Principal,
    store: StoreDep,
    occupation: Annotated[list[str], Query(min_length=1, max_length=5)],
    skill: Annotated[list[str], Query(max_length=50)] = [],
    province: Annotated[str | None, Query(max_length=8)] = None,
    max_job_zone_jump: Annotated[int | None, Query(ge=0, le=4)] = None,
    min_pay: Annotated[float | None, Query(ge=0, le=1e9)] = None,
    top: Limit = 10,
) -> Response:
    """Occupations a worker can move into, with score components, gap and desirability inputs."""
    tax = load_taxonomy()
    profile = Profile(
        occupations=tuple(tax.occupation(o).uri for o in occupation),
        skills=tuple(tax.skill(s).uri for s in skill),
        province=province,
        min_pay=min_pay,
        max_job_zone_jump=max_job_zone_jump,
    )
    demand = demand_table(store)
    # Plain JSON types already: skip FastAPI's generic encoder, which costs more than the scoring.
    return JSONResponse([_recommendation(r) for r in recommend_transitions(profile, top=top, demand=demand)])


def _recommendation(rec: Recommendation) -> dict[str, Any]:
    return {
        "uri": rec.occupation.uri,
        "code": rec.occupation.code,
        "label_en": rec.occupation.label_en,
        "score": round(rec.score, 4),
        "components": {k: round(v, 4) for k, v in rec.components.items()},
        "viable": rec.viable,
        "highly_viable": rec.highly_viable,
        "desirable": rec.desirable,
        "transferable": [s.uri for s in rec.gap.transferable],
        "missing_essential": [
            {"uri": g.skill.uri, "label_en": g.skill.label_en, "importance": round(g.importance, 4)}
            for g in rec.gap.missing_essential
        ],
        "automation_risk_change": rec.automation_risk_change,
        "raises_automation_risk": rec.raises_automation_risk,
        "job_zone_rise": rec.job_zone_rise,
        "pay_ratio": rec.pay_ratio,
        "postings": rec.postings,
        "desirability_inputs": list(rec.desirability_inputs),
    }


class TextIn(BaseModel):
    text: str = Field(min_length=1, max_length=50_000)


@router.post("/extract", tags=["text"])
def extract(_: Principal, body: TextIn) -> list[dict[str, Any]]:
    """ESCO skills in an ad or CV, with the evidence span, confidence and method."""
    return [
        {
            "uri": m.skill.uri,
            "label_en": m.skill.label_en,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "confidence": round(m.confidence, 4),
            "method": m.method,
        }
        for m in extract_skills(body.text)
    ]


@router.get("/titles/code", tags=["text"])
def titles(_: Principal, title: Text, limit: Limit = 10) -> list[dict[str, Any]]:
    """Ranked ESCO occupations for a job title in Indonesian, Malay or English."""
    return [
        {
            "uri": m.occupation.uri,
            "code": m.occupation.code,
            "isco": m.isco,
            "label_en": m.occupation.label_en,
            "score": round(m.score, 4),
        }
        for m in code_title(title, limit=limit)
    ]


class PlanIn(BaseModel):
    occupations: list[str] = Field(min_length=1, max_length=5)
    skills: list[str] = Field(default=[], max_length=50)
    target: str = Field(min_length=1, max_length=300)
    budget: int = Field(default=3_500_000, ge=0, le=1_000_000_000)
    province: str | None = Field(default=None, max_length=8)


@router.post("/plans", tags=["training"])
def plan(_: Principal, store: StoreDep, body: PlanIn) -> dict[str, Any]:
    """The cheapest course plan that closes the gap to ``target`` within the budget."""
    tax = load_taxonomy()
    profile = Profile(
        occupations=tuple(tax.occupation(o).uri for o in body.occupations),
        skills=tuple(tax.skill(s).uri for s in body.skills),
    )
    need = training_need(profile, tax.occupation(body.target), max_optional=None)
    result = plan_training(need, course_catalog(store), budget=body.budget, province=body.province)
    return {
        "steps": [
            {
                "order": s.order,
                "course_id": s.course.id,
                "title_id": s.course.title_id,
                "provider": s.course.provider.name,
                "hours": s.course.hours,
                "cost_idr": s.course.cost_idr,
                "skills": list(s.skills),
                "stage": s.stage,
                "synthetic": s.course.synthetic,
            }
            for s in result.steps
        ],
        "cost_idr": result.cost_idr,
        "hours": result.hours,
        "budget": result.budget,
        "complete": result.complete,
        "uncovered": [
            {
                "uri": u.skill.uri,
                "label_en": u.skill.label,
                "essential": u.skill.essential,
                "reason": u.reason,
            }
            for u in result.uncovered
        ],
    }


@router.get("/indicators/{name}", tags=["market"])
def indicators(
    _: Principal,
    store: StoreDep,
    name: Literal["demand", "skills", "pay", "digital"],
    by: Literal["province", "isco1", "isco2", "isco3", "isco", "occupation", "month", "source"] = "province",
    top: Annotated[int, Query(ge=1, le=5000)] = 50,
    format: Literal["json", "csv"] = "json",
) -> Response:
    """Labour-market indicators over the stored postings (pay medians only from 10+ ads that state pay)."""
    with store.lock:
        table = indicator(store, name, by, top=top)
    if format == "csv":
        sink = io.BytesIO()
        pacsv.write_csv(table, sink)
        headers = {"Content-Disposition": f'attachment; filename="tangkas-{name}-{by}.csv"'}
        return Response(sink.getvalue(), media_type="text/csv", headers=headers)
    return JSONResponse({"indicator": name, "by": by, "rows": table.to_pylist()})
