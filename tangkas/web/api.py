"""The JSON API under ``/api`` (OpenAPI at ``/docs``). Every route needs an API key except health.

Routes parse input, call one service (:mod:`tangkas.services`) and return its result's JSON shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, get_args, get_origin

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, Security
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from tangkas.fairness import ads
from tangkas.fairness.labour import national_figures
from tangkas.models import Lang, Skill
from tangkas.provinces import PROVINCES
from tangkas.rows.report import RowReport, RowsRejectedError
from tangkas.services import (
    coverage,
    fair_ads,
    gender,
    outreach,
    pathways,
    plans,
    protection_records,
    readiness,
    recommend,
    records,
    taxonomy,
    understand,
    vacancies,
)
from tangkas.services import indicators as market
from tangkas.services import interests as interest_service
from tangkas.services import youth as youth_indicators
from tangkas.services.fair_ads import FairAdsIndicator
from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.ad_prevalence import MIN_PAY_ADS, MIN_RELIABLE_ADS, PayGrouping, PrevalenceGrouping
from tangkas.store.audit import audit_entries
from tangkas.store.coverage import PROGRAMMES, Breakdown, Programme
from tangkas.store.gender import Measure
from tangkas.store.interests import worker_profiles
from tangkas.store.keys import ApiKey
from tangkas.store.postings import cached_postings
from tangkas.store.stats import MIN_CELL, WorkerGrouping, store_health, worker_counts
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import Course
from tangkas.web.i18n import PAGES
from tangkas.web.security import DemandStoreDep, Principal, StoreDep, api_key_header, require, verify_key
from tangkas.youth import digital, facilities
from tangkas.youth.profiler import InterestProfile, score_answers


def _query_names(dependant: Dependant) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for inner in dependant.dependencies:
        names |= _query_names(inner)
    return names


_taken: dict[tuple[str, frozenset[str]], frozenset[str]] = {}
"""The query parameters each operation (path and methods) takes: worked out once, not on every request."""


def known_query(request: Request) -> None:
    """Refuse a query parameter the operation does not take (a misspelt ``provinsi=`` would otherwise be
    ignored silently and the answer look like a real one)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    operation = (route.path_format, frozenset(route.methods or ()))
    taken = _taken.get(operation)
    if taken is None:
        taken = _taken[operation] = frozenset(_query_names(route.dependant))
    unknown = sorted(set(request.query_params) - taken)
    if unknown:
        raise RequestValidationError(
            [
                {"loc": ("query", name), "msg": "unknown query parameter", "type": "extra_forbidden"}
                for name in unknown
            ]
        )


router = APIRouter(prefix="/api", dependencies=[Depends(known_query)])
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Text = Annotated[str, Query(min_length=1, max_length=200)]
Rows = Annotated[list[dict[str, Any]], Body(embed=True, max_length=5000)]


async def only_rows(request: Request) -> None:
    """Refuse a rows body with any key beside ``rows`` (a misspelt ``row`` would otherwise vanish)."""
    try:
        body = await request.json()
    except ValueError:
        return  # no JSON at all: the body's own validation says so
    extra = sorted(set(body) - {"rows"}) if isinstance(body, dict) else []
    if extra:
        raise RequestValidationError(
            [{"loc": ("body", name), "msg": "unknown key", "type": "extra_forbidden"} for name in extra]
        )


ROWS_BODY = Depends(only_rows)


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
    report = import_rows(store, kind, namespaced(rows, owner), f"api:{caller.id}", json_types=True)
    return {"rows": report.rows, "inserted": report.inserted, "duplicates": report.duplicates}


@router.post("/courses", tags=["training"], dependencies=[require("provider", "admin")])
def add_courses(caller: Principal, store: StoreDep, rows: Rows, _: None = ROWS_BODY) -> dict[str, Any]:
    """Add courses, all or nothing; a provider may add only its own courses."""
    # Either column name may carry the provider; the validator rejects a row whose two names disagree.
    owners = {str(r.get("provider") or r.get("provider_name") or "") for r in rows}
    if caller.role == "provider" and owners - {caller.provider}:
        raise HTTPException(403, "a provider key may add only its own courses")
    return _import(store, "courses", rows, caller)


@router.post("/postings", tags=["market"], dependencies=[require("admin")])
def add_postings(caller: Principal, store: StoreDep, rows: Rows, _: None = ROWS_BODY) -> dict[str, Any]:
    """Add job postings, all or nothing, idempotent on (source, external_id)."""
    return _import(store, "postings", rows, caller)


class StrictBody(BaseModel):
    """A JSON body read as JSON says it: no key it does not have, no ``false`` or ``"5"`` for a number,
    no number for text (a whole ``5.0`` is a whole number, as in JSON Schema)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def json_types(cls, values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        for name, field in cls.model_fields.items():
            value = values.get(name)
            if value is None:
                continue
            if get_origin(field.annotation) is list:
                if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                    raise ValueError(f"{name}: a list of text is needed")
                continue
            kinds = set(get_args(field.annotation)) or {field.annotation}
            if kinds & {int, float} and isinstance(value, (bool, str)):
                raise ValueError(f"{name}: a number is needed")
            if str in kinds and not isinstance(value, str):
                raise ValueError(f"{name}: text is needed")
        return values


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    """Every error answer: ``{"error": {"code", "message", ...}}``."""

    error: ErrorDetail


DENIED: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No API key, or an unknown or revoked one (audited)"},
    403: {"model": ErrorOut, "description": "The key's role may not do this (audited)"},
}
NOT_YOURS: dict[int | str, dict[str, Any]] = {
    **DENIED,
    404: {"model": ErrorOut, "description": "No such worker in the caller's office (audited)"},
}
REJECTED: dict[int | str, dict[str, Any]] = {
    422: {
        "model": ErrorOut,
        "description": "Rows or fields refused: row number, field and code, never a value",
    }
}


def _denied(
    request: Request, store: Store, caller: ApiKey | None, status: int, entity: str = "worker"
) -> None:
    """Audit a refused attempt on personal data: who (if known), which record, which answer."""
    route = getattr(request.scope.get("route"), "path_format", "")  # the template: never an id or query
    requested = request.path_params.get("worker_id")
    records.record_denied(store, caller, status, request.method, route, requested, entity=entity)


def _gate(entity: str, *roles: str) -> Any:
    """The caller if their key is valid and of ``roles``; any refusal is audited before it is answered."""

    def check(  # a plain def: it runs in the thread pool, as it waits for the store
        request: Request, store: StoreDep, key: Annotated[str | None, Security(api_key_header)] = None
    ) -> ApiKey:
        try:
            caller = verify_key(store, key)
        except HTTPException as refused:
            _denied(request, store, None, refused.status_code, entity)
            raise
        if caller.role not in roles:
            _denied(request, store, caller, 403, entity)
            raise HTTPException(403, f"role {caller.role!r} may not do this")
        return caller

    return Depends(check)


RecordsCaller = Annotated[ApiKey, _gate("worker", *records.RECORD_ROLES)]
AdminCaller = Annotated[ApiKey, _gate("audit_log", "admin")]


def _not_yours(request: Request, store: Store, caller: ApiKey) -> HTTPException:
    _denied(request, store, caller, 404)
    return HTTPException(404, "no such worker in your office")


class WorkerSearch(StrictBody):
    q: str = Field(default="", max_length=100, description="a name, or the start of a NIK")
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=10_000_000)


NAME_QUERY = "a name, without digits (search by NIK with POST /api/workers/search)"
NO_DIGITS = {"pattern": "^[^0-9\\x00]*$"}


@router.get("/workers", tags=["workers"], responses={**DENIED, **REJECTED})
def workers(
    caller: RecordsCaller,
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    q: Annotated[str, Query(max_length=100, description=NAME_QUERY, json_schema_extra=NO_DIGITS)] = "",
) -> dict[str, Any]:
    """Workers with personal data, NIKs masked: a counsellor sees their own office only. Every call is
    audited with the ids returned. A query with digits is refused: a NIK must not travel in a URL
    (it would land in access logs), so search by NIK with ``POST /api/workers/search``."""
    if any(c in "0123456789" for c in q):
        raise HTTPException(
            422, "search by NIK with POST /api/workers/search: a NIK must not be put in a URL"
        )
    return records.list_office_workers(store, caller, query=q, limit=limit, offset=offset).to_dict()


@router.post("/workers/search", tags=["workers"], responses={**DENIED, **REJECTED})
def workers_search(caller: RecordsCaller, store: StoreDep, body: WorkerSearch) -> dict[str, Any]:
    """Workers by name or the start of a NIK, the query in the body (never in the URL); NIKs masked."""
    return records.list_office_workers(
        store, caller, query=body.q, limit=body.limit, offset=body.offset
    ).to_dict()


@router.get("/workers/{worker_id:int}", tags=["workers"], responses=NOT_YOURS)
def worker(request: Request, caller: RecordsCaller, store: StoreDep, worker_id: int) -> dict[str, Any]:
    """One worker's record (full NIK), audited."""
    found = records.read_worker(store, caller, worker_id)
    if found is None:
        raise _not_yours(request, store, caller)
    return found


@router.post("/workers", tags=["workers"], responses={**DENIED, **REJECTED})
def add_workers(caller: RecordsCaller, store: StoreDep, rows: Rows, _: None = ROWS_BODY) -> dict[str, Any]:
    """Register workers, all or nothing; a counsellor registers into their own office. Each row may give
    ``legal_basis`` (default ``public_task``) and ``consent_at``. A NIK must be of sound structure and
    not registered yet at any office (the refusal never says where). A row whose ``(source,
    external_id)`` is registered already is not changed: it is listed in ``existing`` (with its ``id``
    where the caller may see it), to be corrected with ``PATCH /api/workers/{id}``. Audited."""
    if caller.role == "counsellor" and any(str(r.get("office_code")) != caller.office_code for r in rows):
        raise HTTPException(403, "a counsellor may register workers only in their own office")
    owned = namespaced(rows, caller.office_code if caller.role == "counsellor" else None)
    return records.import_workers(store, caller, owned, f"api:{caller.id}").to_dict()


@router.patch("/workers/{worker_id:int}", tags=["workers"], responses={**NOT_YOURS, **REJECTED})
def correct_worker(
    request: Request,
    caller: RecordsCaller,
    store: StoreDep,
    worker_id: int,
    changes: Annotated[dict[str, Any], Body(max_length=50)],
) -> dict[str, Any]:
    """Correct a worker's record (rectification): only the fields given change (``null`` blanks one),
    checked as at registration; audited with the names of the fields changed, never their values."""
    change = records.correct_worker(store, caller, worker_id, changes)
    if change is None:
        raise _not_yours(request, store, caller)
    if change.errors:
        report = RowReport("workers", f"api:{caller.id}", rows=1)
        report.add_errors(change.errors)
        raise RowsRejectedError(report)
    found = records.read_worker(store, caller, worker_id)
    assert found is not None
    return found


@router.get("/workers/{worker_id:int}/export", tags=["workers"], responses=NOT_YOURS)
def export_worker(request: Request, caller: RecordsCaller, store: StoreDep, worker_id: int) -> Response:
    """Everything held about one worker as one JSON document (access and copy): the record, saved plans
    with snapshots, enrolments and the audit entries about them. Audited."""
    document = records.export_worker(store, caller, worker_id)
    if document is None:
        raise _not_yours(request, store, caller)
    headers = {
        "Content-Disposition": f'attachment; filename="tangkas-worker-{worker_id}.json"',
        "Cache-Control": "no-store",
    }
    return JSONResponse(document, headers=headers)


@router.delete("/workers/{worker_id:int}", tags=["workers"], status_code=204, responses=NOT_YOURS)
def erase_worker(request: Request, caller: RecordsCaller, store: StoreDep, worker_id: int) -> Response:
    """Erase a worker's personal data (erasure): the record stays as a non-identifying trace that the
    service was delivered (see docs/privacy.md). Audited without any personal value."""
    if not records.erase(store, caller, worker_id):
        raise _not_yours(request, store, caller)
    return Response(status_code=204)


@router.get("/workers/{worker_id:int}/memberships", tags=["workers"], responses=NOT_YOURS)
def worker_memberships(
    request: Request, caller: RecordsCaller, store: StoreDep, worker_id: int
) -> dict[str, Any]:
    """A worker's social-security membership spells (programme, segment, valid from, paid until):
    counsellors of the worker's office and admins only (analysts see aggregates, never a person's
    spells). Audited with the ids shown."""
    found = protection_records.read_memberships(store, caller, worker_id)
    if found is None:
        raise _not_yours(request, store, caller)
    return {"worker_id": worker_id, "items": found}


@router.get("/workers/{worker_id:int}/placements", tags=["workers"], responses=NOT_YOURS)
def worker_placements(
    request: Request, caller: RecordsCaller, store: StoreDep, worker_id: int
) -> dict[str, Any]:
    """A worker's PMI placements, each with its documents (UU 18/2017 Pasal 13): counsellors of the
    worker's office and admins only. Audited with the ids shown."""
    found = protection_records.read_placements(store, caller, worker_id)
    if found is None:
        raise _not_yours(request, store, caller)
    return {"worker_id": worker_id, "items": found}


@router.get("/workers/{worker_id:int}/enrolments", tags=["workers"], responses=NOT_YOURS)
def worker_enrolments(
    request: Request, caller: RecordsCaller, store: StoreDep, worker_id: int
) -> dict[str, Any]:
    """A worker's course enrolments with their outcomes (status, dates, certified, placed in a job after
    the training: when and in which occupation), each with its course's title and provider: counsellors
    of the worker's office and admins only. Audited with the ids shown."""
    found = protection_records.read_enrolments(store, caller, worker_id)
    if found is None:
        raise _not_yours(request, store, caller)
    return {"worker_id": worker_id, "items": found}


Answer = Annotated[int, Field(ge=0, le=4)]
Education = Literal["SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3"]


class InterestAnswers(BaseModel):
    """A completed questionnaire: every answer 0 (Sangat tidak suka / Strongly dislike) to 4 (Sangat suka /
    Strongly like), in the form's order (``GET /minat`` numbers the items)."""

    model_config = ConfigDict(extra="forbid")
    education: Education | None = Field(
        default=None, description="keeps the occupations up to the O*NET job zone it reaches (null: all)"
    )

    @model_validator(mode="before")
    @classmethod
    def json_types(cls, values: Any) -> Any:
        """Numbers as JSON numbers, ``true``/``false`` as booleans (never ``"3"`` or ``true`` for 3)."""
        if not isinstance(values, dict):
            return values
        answers = values.get("answers")
        if isinstance(answers, list) and any(isinstance(a, bool | str) for a in answers):
            raise ValueError("answers: whole numbers 0-4 are needed")
        for name in ("stretch",):
            if name in values and not isinstance(values[name], bool):
                raise ValueError(f"{name}: true or false is needed")
        if isinstance(values.get("limit"), bool | str):
            raise ValueError("limit: a number is needed")
        return values


class Short60(InterestAnswers):
    form: Literal["short60"] = Field(description="the 60-item Interest Profiler Short Form")
    answers: list[Answer] = Field(min_length=60, max_length=60)


class Mini30(InterestAnswers):
    form: Literal["mini30"] = Field(description="the 30-item Mini-IP")
    answers: list[Answer] = Field(min_length=30, max_length=30)


class ScoreOptions(BaseModel):
    stretch: bool = Field(default=False, description="also occupations one job zone above (with training)")
    limit: int = Field(default=10, ge=1, le=50)
    lang: Literal["id", "en"] = "id"


class ScoreShort60(Short60, ScoreOptions):
    pass


class ScoreMini30(Mini30, ScoreOptions):
    pass


class ConsentField(BaseModel):
    consent_by: Literal["self", "guardian"] = Field(
        description="who agreed to the profile being stored: the person (18 or older) or a parent or guardian"
    )


class SaveShort60(Short60, ConsentField):
    pass


class SaveMini30(Mini30, ConsentField):
    pass


ScoreIn = Annotated[ScoreShort60 | ScoreMini30, Field(discriminator="form")]
SaveIn = Annotated[SaveShort60 | SaveMini30, Field(discriminator="form")]


def _profile(body: Short60 | Mini30) -> InterestProfile:
    return score_answers(body.answers, body.form)


@router.post("/interests/score", tags=["youth"])
def score_interests(_: Principal, body: ScoreIn) -> dict[str, Any]:
    """Score a completed interest questionnaire (O*NET Interest Profiler, in Indonesian): the six RIASEC
    area scores, the three-letter code, pattern warnings, and the occupations that fit best for the
    education's job zone, each with its ESCO occupations (the URIs a plan takes), KBJI titles and the
    answers that drove it. Nothing is stored."""
    profile = _profile(body)
    found = interest_service.journey_matches(
        profile, education=body.education, stretch=body.stretch, limit=body.limit
    )
    return {
        **interest_service.profile_to_dict(profile, body.lang),
        "matches": [interest_service.match_to_dict(m, body.lang) for m in found],
    }


CONSENT_REFUSED: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ErrorOut,
        "description": "Not stored: a worker under 18, or of unknown age, needs a parent's or guardian's "
        "consent (audited)",
    }
}


@router.post(
    "/workers/{worker_id:int}/interest-profiles",
    tags=["workers"],
    status_code=201,
    responses={**NOT_YOURS, **CONSENT_REFUSED},
)
def save_interest_profile(
    request: Request, caller: RecordsCaller, store: StoreDep, worker_id: int, body: SaveIn
) -> dict[str, Any]:
    """Store a young person's interest profile on their record with the consent given: ``self`` only
    for a worker known to be 18 or older; under 18 (or of unknown age) a parent's or guardian's consent
    is required. Counsellors of the worker's office and admins only; audited."""
    try:
        saved = interest_service.save_interest_profile(
            store, caller, worker_id, _profile(body), education=body.education, consent_by=body.consent_by
        )
    except interest_service.ConsentRefusedError as refused:
        raise HTTPException(409, PAGES[refused.reason]["en"]) from None
    if saved is None:
        raise _not_yours(request, store, caller)
    found = worker_profiles(store, worker_id)
    return next(interest_service.stored_to_dict(p) for p in found if p["id"] == saved)


@router.get("/workers/{worker_id:int}/interest-profiles", tags=["workers"], responses=NOT_YOURS)
def worker_interest_profiles(
    request: Request, caller: RecordsCaller, store: StoreDep, worker_id: int
) -> dict[str, Any]:
    """A worker's stored interest profiles (answers, scores, code, consent), newest first: counsellors
    of the worker's office and admins only (analysts never see a person's profile). Audited."""
    found = interest_service.read_interest_profiles(store, caller, worker_id)
    if found is None:
        raise _not_yours(request, store, caller)
    return {"worker_id": worker_id, "items": [interest_service.stored_to_dict(p) for p in found]}


def _import_records(store: Store, caller: ApiKey, kind: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    owner = caller.office_code if caller.role == "counsellor" else None
    report = protection_records.import_records(
        store, caller, kind, namespaced(rows, owner), f"api:{caller.id}"
    )
    return {"rows": report.rows, "inserted": report.inserted, "duplicates": report.duplicates}


@router.post("/memberships", tags=["workers"], responses={**DENIED, **REJECTED})
def add_memberships(
    caller: RecordsCaller, store: StoreDep, rows: Rows, _: None = ROWS_BODY
) -> dict[str, Any]:
    """Add social-security membership spells, all or nothing, idempotent on (source, external_id). Each
    names its worker by ``worker_source`` and ``worker_external_id``; a spell may not overlap another of
    the same programme for the same worker, in the body or stored. A counsellor's ``source`` is put
    under their office (``BDG/...``) and their rows may name only their office's workers (any other is
    refused as not found). Audited with counts and sources."""
    return _import_records(store, caller, "memberships", rows)


@router.post("/placements", tags=["workers"], responses={**DENIED, **REJECTED})
def add_placements(caller: RecordsCaller, store: StoreDep, rows: Rows, _: None = ROWS_BODY) -> dict[str, Any]:
    """Add PMI placements, all or nothing, idempotent on (source, external_id). Each names its worker by
    ``worker_source`` and ``worker_external_id``; ``destination`` is an ISO 3166-1 alpha-2 code,
    ``abroad`` needs ``departed_on``, ``returned`` needs ``returned_on``, and no end date may be before
    its start. A counsellor's ``source`` is put under their office and their rows may name only their
    office's workers. Audited with counts and sources."""
    return _import_records(store, caller, "placements", rows)


@router.post("/placement_documents", tags=["workers"], responses={**DENIED, **REJECTED})
def add_placement_documents(
    caller: RecordsCaller, store: StoreDep, rows: Rows, _: None = ROWS_BODY
) -> dict[str, Any]:
    """Add placement documents (the eight of UU 18/2017 Pasal 13), all or nothing, idempotent on (source,
    external_id). Each names its placement by ``placement_source`` and ``placement_external_id`` (a
    counsellor's own placements are stored under ``BDG/...``); a counsellor may name only placements of
    their office's workers. Audited with counts and sources."""
    return _import_records(store, caller, "placement_documents", rows)


@router.post("/enrolments", tags=["workers"], responses={**DENIED, **REJECTED})
def add_enrolments(caller: RecordsCaller, store: StoreDep, rows: Rows, _: None = ROWS_BODY) -> dict[str, Any]:
    """Add course enrolments and their outcomes, all or nothing, idempotent on (source, external_id). Each
    names its worker by ``worker_source`` and ``worker_external_id`` and its course by ``course_source``
    and ``course_external_id`` (any course of the catalog); ``status`` is enrolled, completed or dropped,
    ``completed`` needs ``completed_on`` (no other status has one), ``placed_on``,
    ``placed_occupation_uri`` and ``placed_isco`` need ``placed`` true, and no date may be before
    ``enrolled_on``. A counsellor's ``source`` is put under their office and their rows may name only
    their office's workers. Audited with counts and sources."""
    return _import_records(store, caller, "enrolments", rows)


ISO_DATE = (
    r"([12][0-9]{3}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    r"|02-(0[1-9]|1[0-9]|2[0-8]))"
    r"|[12][0-9](0[48]|[2468][048]|[13579][26])-02-29|(1[26]|2[048])00-02-29)"
)
"""A calendar date 1000-2999: the days each month has, 29 February only in a leap year (a date the
pattern admits always parses, so schema-valid input is never refused)."""
ISO_TIME = (
    rf"^({ISO_DATE})"
    r"([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?)?$"
)
"""A date or time as ISO 8601 writes it (a bare number is not a time here)."""
SINCE = "entries from this ISO 8601 date or time on (UTC when no zone is given)"


AS_OF = "the day the lists are drawn for, ISO 8601 (default: today)"
LIST_HELP = (
    "lapsing: a membership spell paid until a day from as_of to as_of+days-1 that no later spell of the "
    "same programme continues; no_injury_cover: no JKK spell covering as_of (PMI abroad or prospective "
    "first); returned_pmi: back from a placement by as_of with no plan saved and no contact reached "
    "since the day of return"
)


@router.get("/outreach", tags=["workers"], responses={**DENIED, **REJECTED})
def outreach_list(
    request: Request,
    caller: RecordsCaller,
    store: StoreDep,
    list_: Annotated[outreach.ListName, Query(alias="list", description=LIST_HELP)],
    days: Annotated[int, Query(ge=1, le=366, description="the lapsing list's horizon")] = 30,
    as_of: Annotated[str | None, Query(pattern=f"^({ISO_DATE})$", description=AS_OF)] = None,
    office: Annotated[
        str | None, Query(max_length=20, description="an admin's pick (none: every office)")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """One outreach list of an office, most urgent first, with every list's count: counsellors of that
    office (their own) and admins only; audited with the ids shown. Erased workers are never listed."""
    day = date.fromisoformat(as_of) if as_of else None
    try:
        found = outreach.outreach_list(
            store, caller, list_, as_of=day, days=days, office=office, limit=limit, offset=offset
        )
    except outreach.OfficeRefused:
        _denied(request, store, caller, 403, "outreach")
        raise HTTPException(403, "a counsellor reads their own office's lists only") from None
    return found.to_dict()


@router.get("/audit", tags=["service"], responses={**DENIED, **REJECTED})
def audit_log(
    _: AdminCaller,
    store: StoreDep,
    since: Annotated[
        str | None, Query(pattern=ISO_TIME, description="ISO 8601 date or time (UTC if no zone)")
    ] = None,
    action: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The audit log, oldest first, paged (admins only; any other key's attempt is itself audited)."""
    try:
        moment = datetime.fromisoformat(since) if since else None
    except ValueError:
        raise HTTPException(422, f"since: {since!r} is no date or time") from None
    if moment is not None and moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)  # the log keeps naive UTC times
    return audit_entries(store, since=moment, action=action, limit=limit, offset=offset).to_dict()


class LawOut(BaseModel):
    key: str = Field(description="the law's key in tangkas/data/protection/law.csv")
    title: str = Field(description="the law and article, e.g. UU 18/2017 Pasal 13")


class ReadinessItemOut(BaseModel):
    id: str = Field(description="age, document_<kind>, jkk_jkm_pre_placement, jkk_jkm_placement, ...")
    status: Literal["pass", "fail", "missing"]
    required: bool = Field(description="false for an information item, which never blocks departure")
    law: LawOut | None = Field(description="the legal basis (null: none in force on the day)")
    detail: dict[str, str] = Field(description="one plain sentence, by language (id, en)")
    amount_idr: int | None = Field(description="the amount at stake in rupiah, if any")


class ContributionOut(BaseModel):
    rule: str = Field(description="the Permenaker applied (its key in law.csv)")
    months: int = Field(description="the contract's length in months, a started month counting")
    tier_months: int
    extra_months: int
    per_month_idr: int
    pre_placement_idr: int
    placement_idr: int
    total_idr: int


class ReadinessOut(BaseModel):
    """A placement's pre-departure readiness check as of one day (UU 18/2017, Permenaker 4/2023)."""

    worker_id: int
    placement_id: int
    as_of: str = Field(description="the day checked")
    placement_status: Literal["prospective", "abroad", "returned"]
    departed: bool = Field(
        description="the worker has left already: the check speaks of a departure that is past"
    )
    ready: bool = Field(description="every required item passes")
    to_settle: int = Field(description="required items that do not pass")
    contribution: ContributionOut | None = Field(description="JKK+JKM due for the contract")
    rules_version: str = Field(description="digest of the rule files applied")
    items: list[ReadinessItemOut]


AS_OF = "the day to check as of, YYYY-MM-DD (default: today); from 22 November 2017 (UU 18/2017)"


@router.get(
    "/workers/{worker_id:int}/placements/{placement_id:int}/readiness",
    tags=["workers"],
    responses={**NOT_YOURS, **REJECTED},
)
def placement_readiness(
    request: Request,
    caller: RecordsCaller,
    store: StoreDep,
    worker_id: int,
    placement_id: int,
    as_of: Annotated[str | None, Query(pattern=f"^({ISO_DATE})$", description=AS_OF)] = None,
    lang: Annotated[Lang | None, Query(description="the details' language (default: both)")] = None,
) -> ReadinessOut:
    """The pre-departure readiness check of one of a worker's placements as of a day: each item pass,
    fail or missing with its legal basis, the JKK+JKM contributions due under the Permenaker then in
    force, and whether the worker is ready. Counsellors of the worker's office and admins only; a
    placement that is not the worker's is a 404. Audited with the ids read. The check is made for a
    prospective PMI; for a placement already abroad or returned it is made all the same and
    ``departed`` is true."""
    day = date.fromisoformat(as_of) if as_of else date.today()
    found = readiness.readiness_for(store, caller, worker_id, placement_id, day)
    if found is None:
        raise _not_yours(request, store, caller)
    if found.problem == "no_contract":
        raise HTTPException(422, "the placement's contract start and end are not recorded: add them first")
    if found.problem == "no_rule":
        raise HTTPException(422, f"as_of: no rule of UU 18/2017 was in force on {day.isoformat()}")
    return ReadinessOut.model_validate(found.to_dict((lang,) if lang else ("id", "en")))


class WorkerCellOut(BaseModel):
    """One shown group; a group too small to show is never listed, not even by name."""

    group: str | None = Field(description="the group's value (null: not recorded)")
    count: int = Field(description="its protected count: a multiple of rounding_base, at least min_cell")


class WorkerCountsOut(BaseModel):
    """Registered workers counted by one attribute under statistical disclosure control
    (docs/privacy.md): the same data always gives the same figures, and one more person re-draws them
    all, so comparing two calls does not tell which group a new person joined."""

    by: WorkerGrouping
    method: str = Field(description="the disclosure control applied")
    min_cell: int = Field(description="no published figure is smaller than this")
    rounding_base: int = Field(description="every figure is randomly rounded to a multiple of this")
    max_error: int = Field(
        description="the largest difference between a shown count or the total and the truth"
    )
    total: int | None = Field(
        description="all workers, protected; the same for every grouping (null: too few)"
    )
    cells: list[WorkerCellOut] = Field(description="the shown groups")
    hidden_groups: int = Field(description="how many possible groups are not shown (empty ones included)")
    hidden_count: int | None = Field(
        description="total minus the shown groups: the hidden groups together, at least min_cell "
        "(null when every group is shown)"
    )


@router.get("/stats/workers", tags=["workers"], dependencies=[require("analyst", "counsellor", "admin")])
def worker_stats(store: StoreDep, by: WorkerGrouping = "province_code") -> WorkerCountsOut:
    """Registered workers counted by one attribute, with small groups hidden and every figure randomly
    rounded to base 5 by a key fixed by the people it counts."""
    counts = worker_counts(store, by)
    return WorkerCountsOut(**asdict(counts), max_error=counts.rounding_base - 1)


class GenderTableOut(BaseModel):
    """One measure in one place by gender, protected as ``/api/stats/workers`` protects its tables."""

    measure: Measure = Field(
        description="registered (not erased), enrolled (in at least one course), completed (at least one "
        "course), placed (a job in Indonesia after a course, on record), saved_plan (a plan saved to the "
        "record); each counts people"
    )
    province_code: str | None = Field(description="BPS province code (null: all of Indonesia)")
    total: int | None = Field(description="the place's workers for the measure, protected (null: too few)")
    cells: list[WorkerCellOut] = Field(description="the shown genders (F, M, X; null: not recorded)")
    hidden_groups: int = Field(description="how many possible genders are not shown (empty ones included)")
    hidden_count: int | None = Field(description="total minus the shown genders (null when all are shown)")


class NationalFigureOut(BaseModel):
    """A national figure by sex as published, with where it was read."""

    indicator: str
    geography: str
    sex: str = Field(description="male, female or total")
    period: str = Field(description="YYYY-MM of the survey round")
    value: float
    unit: str
    source: str = Field(description="the web addresses and release the figure was read from")
    note: str


class GenderStatsOut(BaseModel):
    """Workers' registrations, training and saved plans by gender, nationally and per province, under
    statistical disclosure control (docs/privacy.md), beside the national labour-force figures by sex."""

    method: str = Field(description="the disclosure control applied")
    min_cell: int = Field(description="no published count of workers is smaller than this")
    rounding_base: int = Field(description="every count is randomly rounded to a multiple of this")
    max_error: int = Field(description="the largest difference between a shown count or total and the truth")
    tables: list[GenderTableOut] = Field(
        description="per measure: Indonesia first, then each province whose registered total can be shown"
    )
    national: list[NationalFigureOut] = Field(description="BPS figures by sex (Sakernas), with sources")


@router.get("/stats/gender", tags=["workers"], dependencies=[require("analyst", "counsellor", "admin")])
def gender_stats(store: StoreDep) -> GenderStatsOut:
    """Workers registered, in training, who completed training and with a saved plan, by gender and
    province; small groups hidden and every count randomly rounded to base 5 by a key fixed by the people
    it counts (women's count is the one kept in view when one more group must be hidden)."""
    figures = gender.gender_figures(store)
    tables = [
        GenderTableOut(
            measure=measure.measure,
            province_code=place.province_code,
            total=place.counts.total,
            cells=[WorkerCellOut(group=c.group, count=c.count) for c in place.counts.cells],
            hidden_groups=place.counts.hidden_groups,
            hidden_count=place.counts.hidden_count,
        )
        for measure in figures.measures
        for place in measure.places
    ]
    return GenderStatsOut(
        method=figures.method,
        min_cell=figures.min_cell,
        rounding_base=figures.rounding_base,
        max_error=figures.rounding_base - 1,
        tables=tables,
        national=[NationalFigureOut(**asdict(row)) for row in national_figures()],
    )


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


class TextIn(StrictBody):
    text: str = Field(min_length=1, max_length=50_000)


@router.post("/extract", tags=["text"])
def extract(_: Principal, body: TextIn) -> list[dict[str, Any]]:
    """ESCO skills in an ad or CV, with the evidence span, confidence and method."""
    return [understand.mention_to_dict(m) for m in understand.skill_mentions(body.text)]


AD_LANG = "the language of the law and rewrites (default: the ad's own)"


class AdIn(StrictBody):
    title: str = Field(default="", max_length=300)
    text: str = Field(max_length=ads.MAX_CHARS - 300)
    lang: Literal["id", "en"] | None = Field(
        default=None, description="of the law and rewrites (default: the ad's)"
    )


@router.post("/ads/check", tags=["text"])
def check_ad(_: Principal, body: AdIn) -> dict[str, Any]:
    """Discriminatory requirements in a job ad (sex, age, marital status, appearance, religion, ethnicity
    or race, disability or health; nationality as information): each finding with its exact span, strength,
    severity, the law in plain words and a neutral rewrite in the ad's language; ``one_sex`` when the ad
    asks for one sex; ``wording``: gendered words (information only)."""
    found = ads.check_ad(body.title, body.text, body.lang)
    return {
        "lang": found.lang,
        "flagged": sorted(found.flagged),
        "one_sex": found.one_sex,
        "findings": [asdict(finding) for finding in found.findings],
        "wording": [{"lean": lean, "word": word} for lean, word in found.wording],
    }


@router.get("/titles/code", tags=["text"])
def titles(_: Principal, title: Text, limit: Limit = 10) -> list[dict[str, Any]]:
    """Ranked ESCO occupations for a job title in Indonesian, Malay or English."""
    return [understand.title_match_to_dict(m) for m in understand.title_matches(title, limit=limit)]


class PlanIn(StrictBody):
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


INDICATOR_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The indicator's rows: JSON, or CSV with ``format=csv``",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/csv": {"schema": {"type": "string"}},
        },
    }
}


def _fair_ads_answer(store: Store, name: FairAdsIndicator, by: str, format: str) -> Response:
    table = fair_ads.fair_ads_indicator(store, name, by)
    if format == "csv":
        headers = {"Content-Disposition": f'attachment; filename="tangkas-{name}-{by}.csv"'}
        return Response(market.indicator_csv(table), media_type="text/csv", headers=headers)
    return JSONResponse(market.indicator_to_dict(name, by, table))


class CoverageCellOut(BaseModel):
    """One group's published figures; a suppressed figure is null, never 0."""

    group: str | None = Field(
        description="the group (province code, F/M/X, age band, formal/informal/pmi/unknown, ISO country "
        "code; null: not recorded, or in a total: everyone)"
    )
    covered: int | None = Field(
        description="numerator: workers with a spell covering as_of (null: suppressed)"
    )
    workers: int | None = Field(description="denominator: registered workers in the group (null: suppressed)")
    share: float | None = Field(description="covered / workers in percent, from the published figures")


class CoverageTableOut(BaseModel):
    programme: Programme
    total: CoverageCellOut
    groups: list[CoverageCellOut] = Field(description="the groups whose denominator can be shown")
    hidden_workers: int | None = Field(
        description="registered workers of the other groups together (null when every group is shown)"
    )


class CoverageOut(BaseModel):
    """Social-protection coverage (SDG 1.3.1 style) of the registered workers as of a day, by one
    breakdown, under statistical disclosure control (docs/privacy.md)."""

    by: Breakdown
    as_of: date
    method: str = Field(description="the disclosure control applied")
    min_cell: int = Field(description="no published count of workers is smaller than this")
    rounding_base: int = Field(description="every count is randomly rounded to a multiple of this")
    max_error: int = Field(description="the largest difference between a shown count and the truth")
    tables: list[CoverageTableOut]


# Declared before /indicators/{name}, which would otherwise take "coverage" for a name it does not know.
@router.get(
    "/indicators/coverage",
    tags=["workers"],
    dependencies=[require("analyst", "counsellor", "admin")],
    description="Of the registered workers (not erased), those with a membership spell covering ``as_of`` "
    "(default: today; a spell paid until that day covers it), per programme (``JKK+JKM``: both, written "
    "``JKK%2BJKM`` in a URL) and group: by province, sex, ILO age band (birth year), formal/informal work "
    "(derived from the segment of the latest BPJS Ketenagakerjaan spell; PMI their own group), or, for "
    "workers abroad on ``as_of``, destination. Numerator and denominator are always given; every count is "
    f"randomly rounded to base 5 and suppressed (null) under {MIN_CELL}. Aggregates only: no personal data.",
)
def coverage_indicator(
    store: StoreDep,
    by: Breakdown = "province",
    programme: Programme | None = None,
    as_of: Annotated[
        str | None, Query(pattern=f"^({ISO_DATE})$", description="the day, YYYY-MM-DD (default: today)")
    ] = None,
) -> CoverageOut:
    day = date.fromisoformat(as_of) if as_of else date.today()  # the pattern admits only real dates
    figures = coverage.coverage_figures(store, by, day, (programme,) if programme else PROGRAMMES)

    def cell(found: coverage.CoverageCell) -> CoverageCellOut:
        return CoverageCellOut(
            group=found.group, covered=found.covered, workers=found.workers, share=found.share
        )

    tables = [
        CoverageTableOut(
            programme=table.programme,
            total=cell(table.total),
            groups=[cell(c) for c in table.cells],
            hidden_workers=table.hidden_workers,
        )
        for table in figures.tables
    ]
    return CoverageOut(
        by=figures.by,
        as_of=figures.as_of,
        method=figures.method,
        min_cell=figures.min_cell,
        rounding_base=figures.rounding_base,
        max_error=figures.rounding_base - 1,
        tables=tables,
    )


class NeetOut(BaseModel):
    """One shipped official NEET figure, with its source."""

    indicator: str = Field(description="youth_neet_rate_15_24, _15_19 or _20_24")
    geography: str
    province_code: str | None = Field(description="BPS province code (null: Indonesia, urban or rural)")
    sex: str
    period: str
    value: float
    unit: str
    source: str


NEET_FIELDS = ("indicator", "geography", "sex", "period", "value", "unit", "source")


class YouthCellOut(BaseModel):
    group: str | None = Field(description="F, M, X (null: not recorded)")
    count: int


class YouthPlaceOut(BaseModel):
    province_code: str | None = Field(description="BPS province code (null: Indonesia)")
    total: int | None = Field(description="null: under the threshold")
    groups: list[YouthCellOut] = Field(description="the sexes that can be shown")
    hidden_groups: int
    hidden_count: int | None = Field(description="the hidden sexes together (null when none is hidden)")


class YouthMeasureOut(BaseModel):
    measure: Measure = Field(
        description="registered, profiled (an interest profile on record), enrolled (in at least one "
        "course), placed (a job in Indonesia after a course, on record by as_of), placed_pmi (placed abroad "
        "as PMI, on record: a placement abroad or returned that departed by as_of); each counts people"
    )
    places: list[YouthPlaceOut]


class DigitalPostingsOut(BaseModel):
    province_code: str
    postings: int
    digital_skill_share: float = Field(description="share of the postings asking for a digital skill (0-1)")
    digital_occupation_postings: int = Field(description="postings coded to a digital occupation")


class DigitalProvidersOut(BaseModel):
    province_code: str
    providers: list[str] = Field(description="BLK/LPK holding an in-person or hybrid course there")
    courses: int


class InterestGroupOut(BaseModel):
    group: str | None = Field(
        description="ISCO-08 sub-major group (two digits); null: the groups under min_cell matches together"
    )
    demand: int = Field(description="matches of the province's profiles to occupations of the group")
    essential_skills: int
    taught_locally: int = Field(description="of the essential skills, those taught by a course held there")
    taught_online: int = Field(description="of the essential skills, those taught online")
    unmet: float = Field(description="demand * (1 - taught_locally / essential_skills)")


class InterestProvinceOut(BaseModel):
    province_code: str
    profiles: int = Field(description="latest stored profiles of registered workers there (>= min_cell)")
    matches: int
    groups: list[InterestGroupOut] = Field(description="the largest unmet demand first; others last")


class InterestSupplyOut(BaseModel):
    per_profile: int = Field(description="best matches counted from each profile")
    min_cell: int
    provinces: list[InterestProvinceOut]
    left_out_provinces: int = Field(description="provinces with profiles, fewer than min_cell: not shown")
    left_out_profiles: int = Field(description="their profiles, and those with no province on record")


class YouthOut(BaseModel):
    """Youth indicators: official NEET figures and the store's young people, aggregates only."""

    as_of: date
    born_from: int = Field(description="first birth year counted as 15-24 in as_of's year")
    born_to: int
    method: str = Field(description="the disclosure control applied")
    min_cell: int
    rounding_base: int
    neet: list[NeetOut]
    measures: list[YouthMeasureOut]
    digital_postings: list[DigitalPostingsOut]
    providers: list[DigitalProvidersOut]
    online_providers: int
    synthetic_catalog: bool
    interest_supply: InterestSupplyOut = Field(
        description="where young people's interests (stored profiles' best matches) outrun the courses "
        "held in their province"
    )


# Declared before /indicators/{name}, which would otherwise take "youth" for a name it does not know.
@router.get(
    "/indicators/youth",
    tags=["workers"],
    dependencies=[require("analyst", "counsellor", "admin")],
    description="Youth indicators: the shipped official NEET rates of 15-24 year olds (with sources); the "
    "registered workers aged 15-24 in ``as_of``'s year (by birth year) and those of them with an interest "
    "profile on record (profiled), enrolled in a course (enrolled), in a job in Indonesia after a course "
    "(placed: an enrolment marked placed by ``as_of``) and placed abroad as PMI (placed_pmi: a PMI "
    "placement abroad or returned that departed by ``as_of``), by province and sex, every count randomly "
    "rounded to "
    "base 5 and suppressed (null) under "
    f"{MIN_CELL}; postings by province with their digital-skills share and those for digital occupations; "
    "the providers of courses for digital occupations by province; per province with at least "
    f"{MIN_CELL} stored interest profiles, the matches by ISCO sub-major group against the skills its "
    "courses teach. Aggregates only: no personal data.",
)
def youth_indicator(
    store: StoreDep,
    as_of: Annotated[
        str | None, Query(pattern=f"^({ISO_DATE})$", description="the day, YYYY-MM-DD (default: today)")
    ] = None,
) -> YouthOut:
    day = date.fromisoformat(as_of) if as_of else date.today()
    found = youth_indicators.youth_figures(store, day)
    catalog = plans.catalog_for(store)
    providers, online = facilities.digital_providers(catalog, digital.entry_skill_uris())
    measures = [
        YouthMeasureOut(
            measure=m.measure,
            places=[
                YouthPlaceOut(
                    province_code=p.province_code,
                    total=p.counts.total,
                    groups=[YouthCellOut(group=c.group, count=c.count) for c in p.counts.cells],
                    hidden_groups=p.counts.hidden_groups,
                    hidden_count=p.counts.hidden_count,
                )
                for p in m.places
            ],
        )
        for m in found.figures.measures
    ]
    neet = [
        NeetOut(province_code=r.code or None, **{k: getattr(r.figure, k) for k in NEET_FIELDS})
        for r in youth_indicators.neet_figures()
    ]
    return YouthOut(
        as_of=day,
        born_from=youth_indicators.youth_born(day)[0],
        born_to=youth_indicators.youth_born(day)[1],
        method=found.figures.method,
        min_cell=found.figures.min_cell,
        rounding_base=found.figures.rounding_base,
        neet=neet,
        measures=measures,
        digital_postings=[
            DigitalPostingsOut(
                province_code=r.province_code,
                postings=r.postings,
                digital_skill_share=r.digital_skill_share,
                digital_occupation_postings=r.digital_occupations,
            )
            for r in digital.digital_postings(cached_postings(store))
        ],
        providers=[
            DigitalProvidersOut(province_code=p.province_code, providers=list(p.providers), courses=p.courses)
            for p in providers
        ],
        online_providers=online,
        synthetic_catalog=catalog.synthetic,
        interest_supply=_interest_supply(youth_indicators.interest_supply(store, catalog)),
    )


def _interest_supply(found: youth_indicators.InterestSupply) -> InterestSupplyOut:
    return InterestSupplyOut(
        per_profile=found.per_profile,
        min_cell=found.min_cell,
        provinces=[
            InterestProvinceOut(
                province_code=p.province_code,
                profiles=p.profiles,
                matches=p.matches,
                groups=[
                    InterestGroupOut(
                        group=g.group or None,
                        demand=g.demand,
                        essential_skills=g.skills,
                        taught_locally=g.taught_locally,
                        taught_online=g.taught_online,
                        unmet=round(g.unmet, 2),
                    )
                    for g in p.groups
                ],
            )
            for p in found.provinces
        ],
        left_out_provinces=found.left_out_provinces,
        left_out_profiles=found.left_out_profiles,
    )


class PathwaySkillOut(BaseModel):
    uri: str
    label_id: str = Field(description="the Indonesian name (ESCO's English one where none is written)")
    label_en: str


class PathwayCourseOut(BaseModel):
    course_id: str
    title_id: str
    title_en: str
    provider: str
    provider_type: str = Field(description="BLK, LPK, online ...")
    mode: str = Field(description="online, offline or hybrid")
    province_code: str | None
    city: str
    cost_idr: int
    hours: float
    teaches: list[str] = Field(description="the URIs of the skills to learn that this course teaches")


class PostedOut(BaseModel):
    province_code: str
    postings: int
    digital_skill_share: float = Field(description="share of those postings asking for a digital skill (0-1)")


class DigitalPathOut(BaseModel):
    occupation: str = Field(description="ESCO occupation URI")
    label_id: str
    label_en: str
    near_of: str | None = Field(description="null: one of the given occupations; else the one it is near")
    digital_share: float = Field(description="share of its essential skills that are digital (0-1)")
    gaps: list[PathwaySkillOut] = Field(description="its digital essential skills, the most common first")
    plan_cost_idr: int
    plan_complete: bool
    plan: list[PathwayCourseOut] = Field(description="the cheapest courses for the gaps within the budget")
    uncovered: list[str] = Field(description="gap skills no course within the budget teaches")
    posted: list[PostedOut] = Field(description="provinces with stored postings for it, the most first")


class PathwayProviderOut(BaseModel):
    provider: str
    type: str
    online: bool
    score: float = Field(description="fit to the given occupations, best match weighted most (0-1)")
    places: list[str] = Field(description="cities (else province codes) of its courses there; [] online")
    skills: list[PathwaySkillOut] = Field(description="the needed skills its open courses teach")
    courses: list[str] = Field(description="IDs of those courses")


class PathwaysOut(BaseModel):
    """A young person's digital pathways and the training providers that fit them."""

    occupations: list[str]
    province_code: str | None
    budget_idr: int
    nearby: bool = Field(description="none of the occupations is digital: paths are the closest digital ones")
    paths: list[DigitalPathOut]
    needed_skills: int = Field(description="distinct essential skills of the given occupations")
    providers: list[PathwayProviderOut] = Field(description="ranked in the province (none without one)")
    synthetic_catalog: bool
    own_skills: list[PathwaySkillOut] = Field(
        default_factory=list, description="the skills given as already had: no path lists them to learn"
    )


def _skill_out(skill: Skill) -> PathwaySkillOut:
    return PathwaySkillOut(uri=skill.uri, label_id=skill.label("id"), label_en=skill.label_en)


def _course_out(course: Course, teaches: Sequence[str]) -> PathwayCourseOut:
    return PathwayCourseOut(
        course_id=course.id,
        title_id=course.title_id,
        title_en=course.title_en,
        provider=course.provider.name,
        provider_type=course.provider.type,
        mode=course.mode,
        province_code=course.province,
        city=course.city,
        cost_idr=course.cost_idr,
        hours=course.hours,
        teaches=list(teaches),
    )


def _path_out(path: pathways.DigitalPath) -> DigitalPathOut:
    return DigitalPathOut(
        occupation=path.occupation.uri,
        label_id=path.occupation.label("id"),
        label_en=path.occupation.label_en,
        near_of=path.near_of,
        digital_share=path.share,
        gaps=[_skill_out(g.skill) for g in path.gaps],
        plan_cost_idr=path.plan.cost_idr,
        plan_complete=path.plan.complete,
        plan=[_course_out(s.course, s.skills) for s in path.plan.steps],
        uncovered=[u.skill.uri for u in path.plan.uncovered],
        posted=[
            PostedOut(province_code=p.province_code, postings=p.postings, digital_skill_share=p.share)
            for p in path.posted
        ],
    )


PROVINCE_CODE = "^(" + "|".join(p.code for p in PROVINCES) + ")$"


@router.get(
    "/youth/pathways",
    tags=["youth"],
    responses={404: {"model": ErrorOut, "description": "An occupation the taxonomy does not know"}},
    description="A young person's digital pathways, for the occupations their interests matched (ESCO "
    "URIs or codes, best match first): the digital ones among them (or, when none is, the "
    f"{pathways.MAX_PATHS} closest digital occupations: same ISCO sub-major, then major group, then most "
    "shared essential skills), per digital occupation its digital essential skills, the cheapest courses for "
    "them within "
    "the budget held in the province or online, and the provinces where it is posted; and the training "
    f"providers open in the province ranked for all the occupations (at most {pathways.MAX_PROVIDERS}). No "
    "personal data.",
)
def youth_pathways(
    _: Principal,
    store: StoreDep,
    occupation: Annotated[
        list[Annotated[str, StringConstraints(pattern=r"^[!-~]{1,300}$")]],
        Query(min_length=1, max_length=pathways.MAX_OCCUPATIONS, description="ESCO URI or code"),
    ],
    province: Annotated[str | None, Query(pattern=PROVINCE_CODE, description="BPS province code")] = None,
    budget: Annotated[int, Query(ge=0, le=pathways.MAX_BUDGET, description="rupiah")] = 3_500_000,
    skill: Annotated[
        list[Annotated[str, StringConstraints(pattern=r"^[!-~]{1,300}$")]],
        Query(
            max_length=pathways.MAX_SKILLS,
            description="ESCO skill URI or code the young person already has (not listed to learn)",
        ),
    ] = [],
) -> PathwaysOut:
    try:
        found = pathways.youth_pathways(store, occupation, province, budget, skills=skill)
    except pathways.PathwaysError as error:
        if error.problem in ("unknown_occupation", "unknown_skill"):
            raise HTTPException(404, str(error)) from None
        raise HTTPException(422, str(error)) from None
    return PathwaysOut(
        occupations=[o.uri for o in found.occupations],
        province_code=found.province,
        budget_idr=found.budget,
        nearby=found.nearby,
        paths=[_path_out(p) for p in found.paths],
        needed_skills=found.needed_skills,
        providers=[
            PathwayProviderOut(
                provider=c.provider.name,
                type=c.provider.type,
                online=c.online,
                score=c.fit.score,
                places=list(c.places),
                skills=[_skill_out(s) for s in c.skills],
                courses=[course.id for course in c.courses],
            )
            for c in found.providers
        ],
        synthetic_catalog=found.synthetic_catalog,
        own_skills=[_skill_out(s) for s in found.skills],
    )


# Declared before /indicators/{name}, which would otherwise take "fair-ads" for a name it does not know.
@router.get(
    "/indicators/fair-ads",
    tags=["market"],
    responses=INDICATOR_ANSWER,
    description="How common discriminatory requirements are in the checked ads, per group (``all``: "
    "nationally): ads checked, and per ground (sex, age, marital, appearance, religion, ethnicity_race, "
    "disability_health) the ads flagged as unlawful or needing a stated job reason and their share; "
    "``any_ground``; ads asking only women or only men; ``few_ads`` marks a group of under "
    f"{MIN_RELIABLE_ADS} ads, whose shares are unreliable.",
)
def fair_ads_prevalence(
    _: Principal,
    store: StoreDep,
    by: PrevalenceGrouping = "province",
    format: Literal["json", "csv"] = "json",
) -> Response:
    return _fair_ads_answer(store, "fair-ads", by, format)


@router.get(
    "/indicators/fair-ads-pay",
    tags=["market"],
    responses=INDICATOR_ANSWER,
    description="Median stated monthly pay (IDR) of checked ads asking one sex against the other ads, per "
    "occupation or ISCO major group, with both sides' numbers of ads stating pay; only groups where both "
    f"sides have at least {MIN_PAY_ADS} such ads (a median of fewer is one or two employers' pay).",
)
def fair_ads_pay(
    _: Principal,
    store: StoreDep,
    by: PayGrouping = "occupation",
    format: Literal["json", "csv"] = "json",
) -> Response:
    return _fair_ads_answer(store, "fair-ads-pay", by, format)


@router.get("/indicators/{name}", tags=["market"], responses=INDICATOR_ANSWER)
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
