"""Server-rendered pages for counsellors and workers. Each page renders from one context dataclass."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from tangkas.careers.transitions import Profile, Recommendation, recommend_transitions
from tangkas.models import AutomationRisk, IscoGroup, KbjiOccupation, Lang, Occupation, OnetProfile, Skill
from tangkas.provinces import PROVINCES, Province
from tangkas.reading.extract import SkillMention, extract_skills
from tangkas.reading.titles import TitleMatch, code_description
from tangkas.search import OccupationHit, search_occupations, search_skills
from tangkas.store import Store
from tangkas.store.keys import ApiKey
from tangkas.store.queries import demand_table, list_postings, list_workers, planning_catalog
from tangkas.taxonomy import load_taxonomy
from tangkas.text.prepare import job_titles
from tangkas.training.catalog import CourseCatalog
from tangkas.training.plans import TrainingPlan, plan_training, training_need
from tangkas.web.i18n import translator
from tangkas.web.security import StoreDep, signed_in

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _replace_lang(params: Any, lang: str) -> str:
    """The query string with ``lang`` switched to the other language."""
    pairs = [(k, v) for k, v in params.multi_items() if k != "lang"]
    return urlencode([*pairs, ("lang", "en" if lang == "id" else "id")])


templates.env.filters["replace_lang"] = _replace_lang
SUGGEST_MIN_Z = 4.0
"""A person corrects what the page understood, so it also offers weaker semantic matches (unticked)."""
Uris = Annotated[list[str], Query(max_length=20)]
Short = Annotated[str, Query(max_length=200)]


@dataclass(frozen=True)
class ErrorPage:
    status: int
    message: str


@dataclass(frozen=True)
class StartPage:
    query: str
    hits: list[OccupationHit]


@dataclass(frozen=True)
class UnderstandPage:
    text: str
    titles: list[TitleMatch]
    mentions: list[SkillMention]
    highlighted: Markup
    jobs: list[str]


@dataclass(frozen=True)
class Filters:
    occupations: list[Occupation]
    skills: list[Skill]
    province: str
    max_jump: int | None
    min_pay: float | None
    provinces: tuple[Province, ...] = PROVINCES


@dataclass(frozen=True)
class RecommendationsPage:
    filters: Filters
    recommendations: list[Recommendation]


@dataclass(frozen=True)
class PlanPage:
    filters: Filters
    target: Occupation
    gap_essential: int
    plan: TrainingPlan
    budget: int
    postings: list[dict[str, Any]]
    synthetic_catalog: bool
    caller: ApiKey | None = None
    workers: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class OccupationPage:
    occupation: Occupation
    isco_path: list[IscoGroup]
    kbji: list[KbjiOccupation]
    essential: list[Skill]
    optional: list[Skill]
    onet: OnetProfile | None
    risk: AutomationRisk | None
    related: list[Recommendation] = field(default_factory=list)


@dataclass(frozen=True)
class SkillPage:
    skill: Skill
    path: list[str]
    occupations: list[Occupation]


def page_lang(request: Request) -> Lang:
    """``?lang=`` wins, then the ``lang`` cookie, then Bahasa Indonesia."""
    value = request.query_params.get("lang") or request.cookies.get("lang") or "id"
    return "en" if value == "en" else "id"


def render(request: Request, template: str, page: object, status: int = 200) -> HTMLResponse:
    lang = page_lang(request)
    response = templates.TemplateResponse(
        request, template, {"page": page, "lang": lang, "t": translator(lang)}, status_code=status
    )
    if request.query_params.get("lang") in ("id", "en"):
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
    return response


def course_catalog(store: Store) -> CourseCatalog:
    """The store's courses when it has any, else a catalog file, else the seeded synthetic demo catalog."""
    with store.lock:
        return planning_catalog(store)


def _filters(occ: list[str], skill: list[str], province: str, max_jump: str, min_pay: str) -> Filters:
    tax = load_taxonomy()
    occupations = [tax.occupation(o) for o in occ if o]
    skills = [tax.skill(s) for s in skill if s]
    jump = int(max_jump) if max_jump.strip().lstrip("-").isdigit() else None
    pay = float(min_pay) if min_pay.strip().replace(".", "", 1).isdigit() else None
    return Filters(occupations, skills, province, jump, pay)


@router.get("/", response_class=HTMLResponse)
def start(request: Request, q: Short = "") -> HTMLResponse:
    return render(request, "start.html", StartPage(q, search_occupations(q, limit=8) if q.strip() else []))


@router.get("/fragments/occupations", response_class=HTMLResponse)
def occupation_results(request: Request, q: Short = "") -> HTMLResponse:
    return render(
        request, "_occupation_results.html", StartPage(q, search_occupations(q, limit=8) if q.strip() else [])
    )


def highlight(text: str, mentions: list[SkillMention]) -> Markup:
    """``text`` with each evidence span wrapped in ``<mark>`` (escaped, spans never overlap)."""
    parts, position = [], 0
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start < position:
            continue
        parts.append(escape(text[position : mention.start]))
        parts.append(
            Markup('<mark title="{}">{}</mark>').format(
                mention.skill.label_en, text[mention.start : mention.end]
            )
        )
        position = mention.end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


@router.post("/understand", response_class=HTMLResponse)
def understand(request: Request, text: Annotated[str, Form(max_length=20_000)] = "") -> HTMLResponse:
    mentions = extract_skills(text, min_z=SUGGEST_MIN_Z) if text.strip() else []
    titles = code_description(text, limit=5) if text.strip() else []
    return render(
        request,
        "understand.html",
        UnderstandPage(text, titles, mentions, highlight(text, mentions), job_titles(text)),
    )


def _recommend(request: Request, filters: Filters) -> list[Recommendation]:
    if not filters.occupations and not filters.skills:
        return []
    profile = Profile(
        occupations=tuple(o.uri for o in filters.occupations),
        skills=tuple(s.uri for s in filters.skills),
        province=filters.province or None,
        min_pay=filters.min_pay,
        max_job_zone_jump=filters.max_jump,
    )
    store = request.app.state.store
    demand = demand_table(store)
    return recommend_transitions(profile, top=12, demand=demand)


def query_filters(
    occ: Uris = [],
    skill: Uris = [],
    province: Short = "",
    max_jump: Short = "",
    min_pay: Short = "",
    add_skill: Short = "",
) -> Filters:
    """The worker's profile and preferences from the query string (shared by every journey page).

    ``add_skill`` is free text (Indonesian or English): its best-matching ESCO skill joins the profile.
    """
    extra = [hit.skill.uri for hit in search_skills(add_skill, limit=1)] if add_skill.strip() else []
    return _filters(occ, [*skill, *extra], province, max_jump, min_pay)


FiltersDep = Annotated[Filters, Depends(query_filters)]
Budget = Annotated[int, Query(ge=0, le=1_000_000_000)]


@router.get("/recommendations", response_class=HTMLResponse)
async def recommendations(request: Request, filters: FiltersDep) -> HTMLResponse:
    return render(request, "recommendations.html", RecommendationsPage(filters, _recommend(request, filters)))


@router.get("/fragments/recommendations", response_class=HTMLResponse)
async def recommendations_fragment(request: Request, filters: FiltersDep) -> HTMLResponse:
    return render(
        request, "_recommendations.html", RecommendationsPage(filters, _recommend(request, filters))
    )


def _plan_page(request: Request, store: Store, filters: Filters, to: str, budget: int) -> PlanPage:
    target = load_taxonomy().occupation(to)
    profile = Profile(
        occupations=tuple(o.uri for o in filters.occupations), skills=tuple(s.uri for s in filters.skills)
    )
    need = training_need(profile, target)
    catalog = course_catalog(store)
    plan = plan_training(need, catalog, budget=budget, province=filters.province or None)
    caller = signed_in(request, store)
    office = caller.office_code if caller and caller.role == "counsellor" else None
    with store.lock:
        postings = list_postings(
            store, occupation_uri=target.uri, province_code=filters.province or None, limit=10
        ).items
        people = list_workers(store, office_code=office, personal=True, limit=200).items if caller else []
    return PlanPage(
        filters, target, len(need.essential), plan, budget, postings, catalog.synthetic, caller, people
    )


@router.get("/plan", response_class=HTMLResponse)
def plan(
    request: Request, store: StoreDep, filters: FiltersDep, to: Short, budget: Budget = 3_500_000
) -> HTMLResponse:
    return render(request, "plan.html", _plan_page(request, store, filters, to, budget))


@router.get("/plan/print", response_class=HTMLResponse)
def plan_print(
    request: Request, store: StoreDep, filters: FiltersDep, to: Short, budget: Budget = 3_500_000
) -> HTMLResponse:
    return render(request, "plan_print.html", _plan_page(request, store, filters, to, budget))


@router.get("/occupation/{identifier}", response_class=HTMLResponse)
def occupation(request: Request, identifier: str) -> HTMLResponse:
    tax = load_taxonomy()
    occ = tax.occupation(identifier)
    related = recommend_transitions(Profile(occupations=(occ.uri,)), top=8)
    return render(
        request,
        "occupation.html",
        OccupationPage(
            occ,
            tax.isco_path(occ.isco),
            tax.kbji_titles(occ),
            tax.essential_skills(occ),
            tax.optional_skills(occ),
            tax.onet(occ),
            tax.automation_risk(occ.isco),
            related,
        ),
    )


@router.get("/skill", response_class=HTMLResponse)
def skill(request: Request, id: Short) -> HTMLResponse:
    tax = load_taxonomy()
    found = tax.skill(id)
    path = [g.label_en for g in tax.skill_path(found)]
    return render(request, "skill.html", SkillPage(found, path, tax.occupations_requiring(found)))


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(status_code=204)
