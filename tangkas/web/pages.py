"""Server-rendered pages for counsellors and workers. Each page renders from one context dataclass."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from tangkas.careers.transitions import Recommendation
from tangkas.market.salary import parse_amount
from tangkas.models import AutomationRisk, IscoGroup, KbjiOccupation, Lang, Occupation, OnetProfile, Skill
from tangkas.provinces import PROVINCES, Province
from tangkas.reading.extract import SkillMention
from tangkas.reading.titles import TitleMatch
from tangkas.search import OccupationHit
from tangkas.services import gender, plans, recommend, records, vacancies
from tangkas.services import understand as understanding
from tangkas.services.gender import OneSexNote
from tangkas.store import Store
from tangkas.store.keys import ApiKey
from tangkas.taxonomy import load_taxonomy
from tangkas.training.plans import NeededSkill, TrainingPlan
from tangkas.web.i18n import PAGES, format_when, translator
from tangkas.web.limits import Gate, RefusedError, client_of
from tangkas.web.security import DemandStoreDep, StoreDep, same_origin, signed_in

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _replace_lang(params: Any, lang: str) -> str:
    """The query string with ``lang`` switched to the other language."""
    pairs = [(k, v) for k, v in params.multi_items() if k != "lang"]
    return urlencode([*pairs, ("lang", "en" if lang == "id" else "id")])


def _rupiah(amount: float) -> str:
    """``3500000`` -> ``3.500.000``: rupiah as Indonesians write them, on pages in either language."""
    return f"{round(amount):,}".replace(",", ".")


def _number(value: float, lang: Lang = "id") -> str:
    """A count as the page's language writes it: ``20.000`` in Indonesian, ``20,000`` in English."""
    return f"{round(value):,}" if lang == "en" else _rupiah(value)


def _province_name(code: str | None, lang: Lang = "id") -> str:
    """A BPS province code as the province's name (an unknown code as it is)."""
    return next((p.label(lang) for p in PROVINCES if p.code == code), code or "")


templates.env.filters["replace_lang"] = _replace_lang
templates.env.filters["rupiah"] = _rupiah
templates.env.filters["number"] = _number
templates.env.filters["when"] = format_when
templates.env.filters["province_name"] = _province_name
Uris = Annotated[list[str], Query(max_length=20)]
Short = Annotated[str, Query(max_length=200)]


@dataclass(frozen=True)
class ErrorPage:
    status: int
    title: str
    message: str = ""
    back: str = "/"


MAX_TEXT = 20_000
"""Characters of a CV or a description the understand page reads."""


@dataclass(frozen=True)
class StartPage:
    query: str
    hits: list[OccupationHit]
    text: str = ""
    """A text refused for being longer than ``MAX_TEXT``, given back to be shortened."""
    max_text: int = MAX_TEXT


@dataclass(frozen=True)
class UnderstandPage:
    text: str
    titles: list[TitleMatch]
    mentions: list[SkillMention]
    highlighted: Markup
    jobs: list[str]
    province: str | None = None
    provinces: tuple[Province, ...] = PROVINCES


@dataclass(frozen=True)
class Filters:
    occupations: list[Occupation]
    skills: list[Skill]
    province: str
    max_jump: int | None
    min_pay: float | None
    provinces: tuple[Province, ...] = PROVINCES
    less_physical: bool = False
    indoor: bool = False
    added_text: str = ""
    """What the counsellor typed in "add a skill" this time, and the skill it was read as (or none)."""
    added: Skill | None = None


@dataclass(frozen=True)
class RecommendationsPage:
    filters: Filters
    recommendations: list[Recommendation]
    one_sex: dict[str, OneSexNote] = field(default_factory=dict)
    """Recommended occupations (by URI) most of whose checked ads in the province ask for one sex."""
    law: str = ""
    """The law against it, in the page's language, when there is such an occupation."""


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
    budget_problem: str = ""
    """The i18n key of what is wrong with the budget typed (the plan then uses the default)."""
    budget_typed: str = ""
    max_courses: int | None = plans.MAX_COURSES
    prakerja_only: bool = False

    @property
    def gap_names(self) -> dict[str, NeededSkill]:
        """Every gap skill of the plan by URI (to say which gaps each course closes)."""
        return {s.uri: s for s in (*self.plan.covered, *(u.skill for u in self.plan.uncovered))}


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


def error_page(request: Request, status: int, message: str = "", back: str = "/") -> HTMLResponse:
    """The error page in the page's language: the status in words, then what went wrong, if known."""
    t = translator(page_lang(request))
    title = t(f"error.{status}") if f"error.{status}" in PAGES else f"{status} {HTTPStatus(status).phrase}"
    shown = "" if message == HTTPStatus(status).phrase else message
    return render(request, "error.html", ErrorPage(status, title, shown, back), status=status)


def _filters(occ: list[str], skill: list[str], province: str, max_jump: str, min_pay: str) -> Filters:
    tax = load_taxonomy()
    occupations = [tax.occupation(o) for o in occ if o]
    skills = [tax.skill(s) for s in skill if s]
    jump = int(max_jump) if max_jump.strip().lstrip("-").isdigit() else None
    return Filters(occupations, skills, province, jump, parse_amount(min_pay))


@router.get("/", response_class=HTMLResponse)
def start(request: Request, q: Short = "") -> HTMLResponse:
    return render(request, "start.html", StartPage(q, understanding.find_occupations(q, limit=8)))


@router.get("/fragments/occupations", response_class=HTMLResponse)
def occupation_results(request: Request, q: Short = "") -> HTMLResponse:
    return render(
        request, "_occupation_results.html", StartPage(q, understanding.find_occupations(q, limit=8))
    )


def highlight(text: str, mentions: list[SkillMention], lang: Lang = "id") -> Markup:
    """``text`` with each evidence span wrapped in ``<mark>`` titled with the skill's name in ``lang``
    (escaped, spans never overlap)."""
    parts, position = [], 0
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start < position:
            continue
        parts.append(escape(text[position : mention.start]))
        parts.append(
            Markup('<mark title="{}">{}</mark>').format(
                mention.skill.label(lang), text[mention.start : mention.end]
            )
        )
        position = mention.end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


@router.get("/understand")
def understand_again(request: Request) -> RedirectResponse:
    """The understand page only answers a posted text: a bookmark or a reload goes back to the start."""
    return RedirectResponse(f"/?lang={page_lang(request)}", status_code=303)


@router.post("/understand", response_class=HTMLResponse)
def understand(request: Request, text: Annotated[str, Form()] = "") -> HTMLResponse:
    """Read a CV or a description. Anonymous but heavy (seconds of CPU for a long text): a form from
    this site only, a few per client per minute, and a few at once (the rest get 429/503 and a page
    that says when to try again)."""
    t = translator(page_lang(request))
    if not same_origin(request):
        raise HTTPException(403, t("form_expired"))
    if len(text) > MAX_TEXT:
        return render(request, "start.html", StartPage("", [], text), status=422)
    gate: Gate = request.app.state.understand_gate
    try:
        with gate.enter(client_of(request.client)):
            found = understanding.understand(text)
    except RefusedError as refused:
        said = "understand_too_many" if refused.status == 429 else "understand_busy"
        retry = {"Retry-After": str(refused.retry_after)}
        raise HTTPException(refused.status, t(said, seconds=refused.retry_after), headers=retry) from None
    evidence = highlight(text, found.mentions, page_lang(request))
    return render(
        request,
        "understand.html",
        UnderstandPage(text, found.titles, found.mentions, evidence, found.jobs, found.province),
    )


def _recommend(store: Store, filters: Filters) -> list[Recommendation]:
    profile = understanding.worker_profile(
        [o.uri for o in filters.occupations],
        [s.uri for s in filters.skills],
        province=filters.province,
        min_pay=filters.min_pay,
        max_job_zone_jump=filters.max_jump,
        less_physical=filters.less_physical,
        indoor=filters.indoor,
    )
    return recommend.recommend(profile, top=RECOMMENDATIONS, store=store)


def query_filters(
    occ: Uris = [],
    skill: Uris = [],
    province: Short = "",
    max_jump: Short = "",
    min_pay: Short = "",
    add_skill: Short = "",
    less_physical: Short = "",
    indoor: Short = "",
) -> Filters:
    """The worker's profile and preferences from the query string (shared by every journey page).

    ``add_skill`` is free text (Indonesian or English): its best-matching ESCO skill joins the profile.
    ``less_physical`` and ``indoor`` (any value) keep moves out of manual or outdoor work.
    """
    hits = understanding.find_skills(add_skill, limit=1) if add_skill.strip() else []
    found = _filters(occ, [*skill, *(hit.skill.uri for hit in hits)], province, max_jump, min_pay)
    return replace(
        found,
        less_physical=bool(less_physical),
        indoor=bool(indoor),
        added_text=add_skill.strip(),
        added=hits[0].skill if hits else None,
    )


FiltersDep = Annotated[Filters, Depends(query_filters)]
RECOMMENDATIONS = 12
"""How many moves the recommendations page lists."""
DEFAULT_BUDGET = 3_500_000
"""Rupiah: the Kartu Prakerja training budget."""
MAX_BUDGET = 1_000_000_000


def read_budget(text: str) -> tuple[int, str]:
    """The budget typed on the plan page (``3.500.000``, ``Rp 3.500.000``, ``3,5 juta``) and the i18n
    key of what is wrong with it (``""`` when nothing is; the default budget stands in then).

    >>> read_budget("Rp 3.500.000"), read_budget("3,5 juta"), read_budget("")
    ((3500000, ''), (3500000, ''), (3500000, ''))
    >>> read_budget("-5"), read_budget("banyak")
    ((3500000, 'budget_negative'), (3500000, 'budget_invalid'))
    """
    typed = text.strip()
    if not typed:
        return DEFAULT_BUDGET, ""
    if typed.startswith("-"):
        return DEFAULT_BUDGET, "budget_negative"
    amount = parse_amount(typed)
    if amount is None:
        return DEFAULT_BUDGET, "budget_invalid"
    if amount > MAX_BUDGET:
        return DEFAULT_BUDGET, "budget_too_large"
    return round(amount), ""


async def _recommendations_page(request: Request, store: Store, filters: Filters) -> RecommendationsPage:
    """The moves, ranked as always, then the one-sex notes for them (read in the thread pool: a query
    that may wait for the store must not hold up the event loop)."""
    found = _recommend(store, filters)
    uris = [rec.occupation.uri for rec in found]
    notes = await run_in_threadpool(gender.one_sex_notes, store, uris, filters.province)
    law = gender.one_sex_law(page_lang(request)) if notes else ""
    return RecommendationsPage(filters, found, notes, law)


@router.get("/recommendations", response_class=HTMLResponse)
async def recommendations(request: Request, store: DemandStoreDep, filters: FiltersDep) -> HTMLResponse:
    return render(request, "recommendations.html", await _recommendations_page(request, store, filters))


@router.get("/fragments/recommendations", response_class=HTMLResponse)
async def recommendations_fragment(
    request: Request, store: DemandStoreDep, filters: FiltersDep
) -> HTMLResponse:
    return render(request, "_recommendations.html", await _recommendations_page(request, store, filters))


@dataclass(frozen=True)
class PlanQuery:
    """What the plan page's own form asks, as typed: the target, the budget, the most courses
    (a number, ``"0"`` for none, else the default) and Prakerja only (any value)."""

    to: str = ""
    budget: str = ""
    max_courses: str = ""
    prakerja: str = ""

    @property
    def course_limit(self) -> int | None:
        if self.max_courses.strip().isdigit():
            return int(self.max_courses) or None
        return plans.MAX_COURSES


def plan_query(
    to: Short = "", budget: Short = "", max_courses: Short = "", prakerja: Short = ""
) -> PlanQuery:
    """The plan form's fields from the query string (shared by the plan page and its print view)."""
    return PlanQuery(to, budget, max_courses, prakerja)


PlanQueryDep = Annotated[PlanQuery, Depends(plan_query)]


def _plan_page(request: Request, store: Store, filters: Filters, query: PlanQuery) -> PlanPage:
    budget, problem = read_budget(query.budget)
    profile = understanding.worker_profile(
        [o.uri for o in filters.occupations], [s.uri for s in filters.skills], province=filters.province
    )
    limit, prakerja = query.course_limit, bool(query.prakerja)
    result = plans.plan_move(
        profile,
        query.to,
        plans.catalog_for(store),
        budget=budget,
        province=profile.province,
        max_courses=limit,
        prakerja_only=prakerja,
    )
    caller = signed_in(request, store)
    nearby = vacancies.vacancies_for(store, result.target.uri, province_code=profile.province)
    return PlanPage(
        filters,
        result.target,
        result.essential_gap,
        result.plan,
        budget,
        nearby,
        result.synthetic_catalog,
        caller,
        records.workers_to_pick(store, caller),
        problem,
        query.budget,
        limit,
        prakerja,
    )


def _plan_response(
    request: Request, store: Store, filters: Filters, query: PlanQuery, template: str
) -> HTMLResponse:
    if not query.to.strip():
        pairs = [("occ", o.uri) for o in filters.occupations] + [("skill", s.uri) for s in filters.skills]
        back = f"/recommendations?{urlencode([*pairs, ('lang', page_lang(request))])}" if pairs else "/"
        return error_page(request, 400, translator(page_lang(request))("no_target"), back)
    page = _plan_page(request, store, filters, query)
    return render(request, template, page, status=422 if page.budget_problem else 200)


@router.get("/plan", response_class=HTMLResponse)
def plan(request: Request, store: StoreDep, filters: FiltersDep, query: PlanQueryDep) -> HTMLResponse:
    """A plan to ``to``; ``max_courses`` caps the courses (``0``: no cap), ``prakerja`` keeps only
    courses payable with the Kartu Prakerja credit."""
    return _plan_response(request, store, filters, query, "plan.html")


@router.get("/plan/print", response_class=HTMLResponse)
def plan_print(request: Request, store: StoreDep, filters: FiltersDep, query: PlanQueryDep) -> HTMLResponse:
    return _plan_response(request, store, filters, query, "plan_print.html")


@router.get("/occupation/{identifier}", response_class=HTMLResponse)
def occupation(request: Request, identifier: str) -> HTMLResponse:
    tax = load_taxonomy()
    occ = tax.occupation(identifier)
    related = recommend.related_occupations(occ)
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
    path = [g.label(page_lang(request)) for g in tax.skill_path(found)]
    return render(request, "skill.html", SkillPage(found, path, tax.occupations_requiring(found)))


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(status_code=204)
