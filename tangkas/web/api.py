"""The JSON API under ``/api`` (OpenAPI at ``/docs``). Every route needs an API key except health.

Routes parse input, call one service (:mod:`tangkas.services`) and return its result's JSON shape.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, HTTPException, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from tangkas.services import indicators as market
from tangkas.services import plans, recommend, records, taxonomy, understand, vacancies
from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.keys import ApiKey, audit
from tangkas.store.stats import WorkerGrouping, store_health, worker_counts
from tangkas.taxonomy import load_taxonomy
from tangkas.web.security import DemandStoreDep, Principal, StoreDep, require

router = APIRouter(prefix="/api")
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Text = Annotated[str, Query(min_length=1, max_length=200)]
Rows = Annotated[list[dict[str, Any]], Body(embed=True, max_length=5000)]


@router.get("/health", tags=["service"])
def health(store: StoreDep) -> dict[str, Any]:
    """Liveness and schema version; no key needed."""
    return {"status": "ok", **asdict(store_health(store))}


@router.get("/search/occupations", tags=["taxonomy"])
async def occupations_search(_: Principal, q: Text, limit: Limit = 10) -> Response:
    """Occupations for a query in Indonesian or English (typo-tolerant)."""
    hits = understand.find_occupations(q, limit=limit)
    return JSONResponse([understand.occupation_hit_to_dict(h) for h in hits])


@router.get("/search/skills", tags=["taxonomy"])
async def skills_search(_: Principal, q: Text, limit: Limit = 10) -> list[dict[str, Any]]:
    """ESCO skills for a query."""
    return [understand.skill_hit_to_dict(h) for h in understand.find_skills(q, limit=limit)]


@router.get("/occupations/lookup", tags=["taxonomy"])
def occupation_detail(_: Principal, id: Text) -> dict[str, Any]:
    """An occupation by ESCO URI or code, an ISCO group or a KBJI kode, with skills and enrichments."""
    return taxonomy.concept_to_dict(taxonomy.lookup(id))


@router.get("/skills/lookup", tags=["taxonomy"])
def skill_detail(_: Principal, id: Text) -> dict[str, Any]:
    """A skill by ESCO URI or exact English label, with the occupations that require it."""
    return taxonomy.skill_to_dict(load_taxonomy().skill(id))


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
    found = vacancies.postings(
        store, province_code=province_code, isco=isco, query=q, limit=limit, offset=offset
    )
    return found.to_dict()


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
    return plans.courses(
        store, province_code=province_code, provider=provider, limit=limit, offset=offset
    ).to_dict()


def namespaced(rows: list[dict[str, Any]], owner: str | None) -> list[dict[str, Any]]:
    """Rows whose ``source`` is put under ``owner`` (an office or a provider): a key adds rows only in
    its own namespace, so it can neither block another owner's ids nor learn which exist.

    >>> namespaced([{"source": "sim", "external_id": "1"}], "BDG")[0]["source"]
    'BDG/sim'
    >>> [namespaced([{"source": s}], "BDG")[0]["source"] for s in ("BDG/sim", "")]  # empty stays an error
    ['BDG/sim', '']
    >>> namespaced([{"source": "x"}], None)[0]["source"]
    'x'
    """
    if not owner:
        return rows
    prefix = f"{owner}/"

    def owned(source: str) -> str:
        return source if not source or source.startswith(prefix) else prefix + source

    return [{**r, "source": owned(str(r.get("source") or ""))} for r in rows]


def _import(store: Store, kind: str, rows: list[dict[str, Any]], caller: ApiKey) -> dict[str, Any]:
    owner = {"counsellor": caller.office_code, "provider": caller.provider}.get(caller.role)
    report = import_rows(store, kind, namespaced(rows, owner), f"api:{caller.id}")
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
def workers(
    caller: Principal,
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    q: Annotated[str, Query(max_length=100, description="a name, or the start of a NIK")] = "",
) -> dict[str, Any]:
    """Workers with personal data: a counsellor sees their own office only. Every call is audited."""
    return records.list_office_workers(store, caller, query=q, limit=limit, offset=offset).to_dict()


@router.get("/workers/{worker_id}", tags=["workers"], dependencies=[require("counsellor", "admin")])
def worker(caller: Principal, store: StoreDep, worker_id: int) -> dict[str, Any]:
    """One worker's record, audited."""
    found = records.read_worker(store, caller, worker_id)
    if found is None:
        raise HTTPException(404, "no such worker in your office")
    return found


@router.post("/workers", tags=["workers"], dependencies=[require("counsellor", "admin")])
def add_workers(caller: Principal, store: StoreDep, rows: Rows) -> dict[str, Any]:
    """Register workers, all or nothing; a counsellor registers into their own office."""
    if caller.role == "counsellor" and any(str(r.get("office_code")) != caller.office_code for r in rows):
        raise HTTPException(403, "a counsellor may register workers only in their own office")
    result = _import(store, "workers", rows, caller)
    audit(store, caller, "create", "worker", None)
    return result


@router.get("/stats/workers", tags=["workers"], dependencies=[require("analyst", "counsellor", "admin")])
def worker_stats(store: StoreDep, by: WorkerGrouping = "province_code") -> dict[str, Any]:
    """Registered workers counted by one attribute; cells under 10 people are suppressed."""
    return asdict(worker_counts(store, by))


@router.get("/transitions", tags=["transitions"])
async def transitions(
    _: Principal,
    store: DemandStoreDep,
    occupation: Annotated[list[str], Query(min_length=1, max_length=5)],
    skill: Annotated[list[str], Query(max_length=50)] = [],
    province: Annotated[str | None, Query(max_length=8)] = None,
    max_job_zone_jump: Annotated[int | None, Query(ge=0, le=4)] = None,
    min_pay: Annotated[float | None, Query(ge=0, le=1e9)] = None,
    less_physical: bool = False,
    indoor: bool = False,
    top: Limit = 10,
) -> Response:
    """Occupations a worker can move into, with score components, gap and desirability inputs;
    ``less_physical`` and ``indoor`` keep the moves out of manual or outdoor work."""
    profile = understand.worker_profile(
        occupation,
        skill,
        province=province,
        min_pay=min_pay,
        max_job_zone_jump=max_job_zone_jump,
        less_physical=less_physical,
        indoor=indoor,
    )
    found = recommend.recommend(profile, top=top, store=store)
    # Plain JSON types already: skip FastAPI's generic encoder, which costs more than the scoring.
    return JSONResponse([recommend.recommendation_to_dict(r) for r in found])


class TextIn(BaseModel):
    text: str = Field(min_length=1, max_length=50_000)


@router.post("/extract", tags=["text"])
def extract(_: Principal, body: TextIn) -> list[dict[str, Any]]:
    """ESCO skills in an ad or CV, with the evidence span, confidence and method."""
    return [understand.mention_to_dict(m) for m in understand.skill_mentions(body.text)]


@router.get("/titles/code", tags=["text"])
def titles(_: Principal, title: Text, limit: Limit = 10) -> list[dict[str, Any]]:
    """Ranked ESCO occupations for a job title in Indonesian, Malay or English."""
    return [understand.title_match_to_dict(m) for m in understand.title_matches(title, limit=limit)]


class PlanIn(BaseModel):
    occupations: list[str] = Field(min_length=1, max_length=5)
    skills: list[str] = Field(default=[], max_length=50)
    target: str = Field(min_length=1, max_length=300)
    budget: int = Field(default=3_500_000, ge=0, le=1_000_000_000)
    province: str | None = Field(default=None, max_length=8)
    max_courses: int | None = Field(default=plans.MAX_COURSES, ge=1, le=50)


@router.post("/plans", tags=["training"])
def plan(_: Principal, store: StoreDep, body: PlanIn) -> dict[str, Any]:
    """The cheapest course plan that closes the gap to ``target`` within the budget."""
    profile = understand.worker_profile(body.occupations, body.skills)
    catalog = plans.catalog_for(store)
    result = plans.plan_move(
        profile,
        body.target,
        catalog,
        budget=body.budget,
        province=body.province,
        max_courses=body.max_courses,
    )
    return plans.plan_to_dict(result)


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
    table = market.indicator(store, name, by, top=top)
    if format == "csv":
        headers = {"Content-Disposition": f'attachment; filename="tangkas-{name}-{by}.csv"'}
        return Response(market.indicator_csv(table), media_type="text/csv", headers=headers)
    return JSONResponse(market.indicator_to_dict(name, by, table))
