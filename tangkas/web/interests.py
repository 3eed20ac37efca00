"""The interest profiler's pages for young people: the questionnaire (``/minat``), its results with the
RIASEC chart and the matched jobs, each opening the existing plan and local vacancies, and a counsellor's
"save to a worker's record" with the consent a minor's profile needs.

Without JavaScript the questionnaire is one long form of radio groups that posts as it is; with
``/static/interests.js`` it shows one activity a screen, keeps the answers in the browser's storage until
the results are shown, and answers keys 1-5. Results are never stored unless a signed-in counsellor saves
them to a worker: a result's link (``GET /minat/hasil?form=...&a=...``) carries the answers themselves.

On the results page the young person can add what they can already do (school or SMK competences,
hobbies) as ESCO skills, read from what they type by the journey's own skill search
(:func:`tangkas.services.understand.find_skills`, as "add a skill" on the recommendations page); the
skills ride in the result's link (``skill=<URI>``) and in each match's plan link, so the plan does not
count them as skills to learn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tangkas.errors import UnknownConceptError
from tangkas.models import Lang, Skill
from tangkas.provinces import PROVINCES, Province
from tangkas.services import interests
from tangkas.services import records as record_service
from tangkas.services.understand import find_skills
from tangkas.store import Store
from tangkas.store.keys import ApiKey
from tangkas.taxonomy import load_taxonomy
from tangkas.web.i18n import translator
from tangkas.web.pages import page_lang, render
from tangkas.web.records import not_yours, refuse, require_counsellor
from tangkas.web.security import StoreDep, csrf_token, form_is_genuine, same_origin, signed_in
from tangkas.youth.matching import EscoLink, InterestMatch
from tangkas.youth.profiler import (
    ANSWER_LABELS,
    AREA_NAMES,
    AREAS,
    IncompleteAnswersError,
    InterestProfile,
    Item,
    load_items,
    score_answers,
)
from tangkas.youth.profiler import (
    Form as FormName,
)

router = APIRouter(include_in_schema=False)
EDUCATION_CHOICES = ("SD", "SMP", "SMA", "SMK", "D3", "S1", "S2")
"""What the page offers (D1-D3 as D3, D4/S1 as S1, S2/S3 as S2: each pair reaches the same job zone)."""
CHART_BAR = 150
"""The longest bar of the profile chart in its own units (the view box is 320 wide)."""
Short = Annotated[str, Query(max_length=200)]
Uris = Annotated[list[str], Query(max_length=20)]
MAX_OWN_SKILLS = 12
"""The most skills a young person adds (the plan page takes 20 ``skill`` parameters)."""
MAX_PIECES = 5
"""The most skills read from one entry (parts separated by commas)."""
SURE = 0.6
"""The skill search's score from which its best hit is added at once. Below it the young person picks
from the hits: on everyday words the best hit under 0.6 is often not what was meant ("main gitar" ->
*types of guitars* 0.43, "menjahit" -> *sew underwear* 0.54, "bengkel" -> *maintain workshop space* 0.55),
while "Microsoft Excel" (0.84), "servis motor" (0.87), "las listrik" (0.83) and "mengedit video" (0.81)
read right. A hit above it can still be wrong ("Canva" -> the learning system *Canvas*, 0.67), so the
other hits are offered beside it."""
CHOICES = 3
"""How many hits a reading offers to choose from."""


@dataclass(frozen=True)
class QuestionnairePage:
    form: FormName
    items: tuple[Item, ...]
    answers: dict[int, int | None]
    education: str
    province: str
    problem: str = ""
    """What is wrong with the answers posted, in the page's language (``""``: nothing)."""
    problem_items: tuple[int, ...] = ()
    labels: tuple[str, ...] = ()
    provinces: tuple[Province, ...] = PROVINCES
    educations: tuple[str, ...] = EDUCATION_CHOICES


@dataclass(frozen=True)
class Reading:
    """How one part of what the young person typed was read: the skill added (``None`` when the search
    was not sure or found nothing) and the other hits to choose from instead."""

    text: str
    added: Skill | None
    choices: tuple[Skill, ...]


@dataclass(frozen=True)
class OwnSkills:
    """The skills a young person says they already have, and how this time's entry was read."""

    skills: tuple[Skill, ...] = ()
    readings: tuple[Reading, ...] = ()
    too_many: bool = False
    """Some were not added: :data:`MAX_OWN_SKILLS` reached."""

    @property
    def uris(self) -> tuple[str, ...]:
        return tuple(s.uri for s in self.skills)

    @property
    def limit(self) -> int:
        return MAX_OWN_SKILLS

    def without(self, uri: str) -> tuple[str, ...]:
        """The skills' URIs with ``uri`` removed (a "remove" link)."""
        return tuple(u for u in self.uris if u != uri)

    def instead(self, wrong: str, right: str) -> tuple[str, ...]:
        """The skills' URIs with ``wrong`` replaced by ``right`` ("not that one: this one")."""
        chosen = [right if u == wrong else u for u in self.uris]
        return tuple(dict.fromkeys(chosen))

    def plus(self, uri: str) -> tuple[str, ...]:
        """The skills' URIs with ``uri`` added (a choice the search was not sure of)."""
        return tuple(dict.fromkeys((*self.uris, uri)))[:MAX_OWN_SKILLS]


def pieces(typed: str) -> list[str]:
    """What was typed, split at commas, semicolons and line breaks, blanks dropped, at most
    :data:`MAX_PIECES`.

    >>> pieces("Microsoft Excel, servis motor;; menjahit")
    ['Microsoft Excel', 'servis motor', 'menjahit']
    """
    return [p.strip() for p in re.split(r"[,;\n]", typed) if p.strip()][:MAX_PIECES]


def own_skills(skill: list[str], add_skill: str = "") -> OwnSkills:
    """The skills named in the query (URIs; unknown ones and repeats dropped, at most
    :data:`MAX_OWN_SKILLS`) and those read from ``add_skill``: each part's best hit is added when the
    search is sure of it (:data:`SURE`), else the young person chooses among the hits."""
    tax = load_taxonomy()
    known: dict[str, Skill] = {}
    for uri in skill:
        try:
            found = tax.skill(uri)
        except UnknownConceptError:
            continue
        known.setdefault(found.uri, found)
    chosen = list(known.values())[:MAX_OWN_SKILLS]
    readings, too_many = [], False
    for text in pieces(add_skill):
        if len(chosen) >= MAX_OWN_SKILLS:
            too_many = True
            break
        hits = find_skills(text, limit=CHOICES)
        best = hits[0].skill if hits and hits[0].score >= SURE else None
        if best is not None and all(best.uri != s.uri for s in chosen):
            chosen.append(best)
        readings.append(Reading(text, best, tuple(h.skill for h in hits if h.skill is not best)))
    return OwnSkills(tuple(chosen), tuple(readings), too_many)


@dataclass(frozen=True)
class ChartBar:
    area: str
    score: int
    width: float
    top: bool
    """One of the three areas of the code."""


@dataclass(frozen=True)
class MatchView:
    match: InterestMatch
    link: EscoLink
    """The ESCO occupation the plan and vacancies open (the first the crosswalk names)."""
    plan: str
    """The plan page's query for this job, from no work history, in the person's province."""
    fit: str
    """``high``, ``good`` or ``some``: the correlation in words."""


@dataclass(frozen=True)
class ResultsPage:
    profile: InterestProfile
    digits: str
    education: str
    province: str
    stretch: bool
    bars: tuple[ChartBar, ...]
    max_score: int
    matches: list[MatchView]
    query: str
    """The result's own link (without ``lang``): answers, education, province, stretch."""
    caller: ApiKey | None = None
    workers: list[dict[str, Any]] = field(default_factory=list)
    csrf: str = ""
    save_problem: str = ""
    """Why the counsellor's save was refused, in the page's language."""
    saved: interests.SavedInterestProfile | None = None
    """When the page shows a profile saved to a worker's record."""
    names: dict[str, str] = field(default_factory=lambda: AREA_NAMES["id"])
    """The six areas' names in the page's language."""
    educations: tuple[str, ...] = EDUCATION_CHOICES
    own: OwnSkills = field(default_factory=OwnSkills)
    """What the young person can already do (carried into every plan link)."""
    base_query: str = ""
    """The result's link without the skills (for links that change them)."""

    def with_skills(self, uris: tuple[str, ...]) -> str:
        """The result's link (without ``lang``) with these skills instead of the current ones."""
        return "&".join(part for part in (self.base_query, urlencode([("skill", u) for u in uris])) if part)

    @property
    def pathways(self) -> str:
        """The digital-pathways page's query (``/minat/jalur?...``) for these matches, best first."""
        pairs = [("occupation", view.link.uri) for view in self.matches]
        place = [("province", self.province)] if self.province else []
        return urlencode([*pairs, *place, *(("skill", uri) for uri in self.own.uris)])


SAME_REACH = {"D1": "D3", "D2": "D3", "D4": "S1", "S3": "S2"}
"""Education levels the page shows together with another of the same reach."""


def _education(value: str) -> str:
    """An education choice of the page, ``""`` for anything else (every job zone).

    >>> _education("smk"), _education("S3"), _education("kuliah")
    ('SMK', 'S2', '')
    """
    key = value.strip().upper()
    key = SAME_REACH.get(key, key)
    return key if key in EDUCATION_CHOICES else ""


def _province(value: str) -> str:
    return value if any(p.code == value for p in PROVINCES) else ""


def fit_of(correlation: float) -> str:
    """The correlation as the page says it.

    >>> fit_of(0.85), fit_of(0.7), fit_of(0.3)
    ('high', 'good', 'some')
    """
    return "high" if correlation >= 0.8 else "good" if correlation >= 0.6 else "some"


def _chart(profile: InterestProfile) -> tuple[tuple[ChartBar, ...], int]:
    per_area = len(load_items(profile.form)) // len(AREAS)
    top = 4 * per_area
    return tuple(
        ChartBar(
            area,
            profile.scores[area],
            CHART_BAR * profile.scores[area] / top,
            area in profile.code,
        )
        for area in AREAS
    ), top


def _match_view(match: InterestMatch, province: str, lang: Lang, skills: tuple[str, ...] = ()) -> MatchView:
    link = match.esco[0]
    pairs = [("to", link.uri), ("province", province), ("lang", lang), *(("skill", u) for u in skills)]
    return MatchView(match, link, urlencode(pairs), fit_of(match.correlation))


def results_query(
    profile: InterestProfile, education: str, province: str, stretch: bool, skills: tuple[str, ...] = ()
) -> str:
    """The result's own link (``/minat/hasil?...``) without the language."""
    pairs = [("form", profile.form), ("a", interests.digits_of(profile))]
    pairs += [("education", education), ("province", province)]
    pairs += [("stretch", "1")] if stretch else []
    return urlencode([*pairs, *(("skill", u) for u in skills)])


def _results(
    request: Request,
    store: Store,
    profile: InterestProfile,
    *,
    education: str,
    province: str,
    stretch: bool,
    save_problem: str = "",
    saved: interests.SavedInterestProfile | None = None,
    own: OwnSkills | None = None,
) -> ResultsPage:
    lang = page_lang(request)
    found = interests.journey_matches(profile, education=education or None, stretch=stretch)
    bars, top = _chart(profile)
    caller = None if saved is not None else signed_in(request, store)
    own = own or OwnSkills()
    return ResultsPage(
        profile,
        interests.digits_of(profile),
        education,
        province,
        stretch,
        bars,
        top,
        [_match_view(m, province, lang, own.uris) for m in found],
        results_query(profile, education, province, stretch, own.uris),
        caller,
        record_service.workers_to_pick(store, caller),
        csrf_token(request) if caller else "",
        save_problem,
        saved,
        AREA_NAMES[lang],
        own=own,
        base_query=results_query(profile, education, province, stretch),
    )


def spans(numbers: tuple[int, ...] | list[int]) -> str:
    """Item numbers as a reader takes them in: runs of three or more as a range.

    >>> spans([3, 4, 5, 6, 9, 11, 12])
    '3–6, 9, 11, 12'
    """
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}–{r[-1]}" if len(r) >= 3 else ", ".join(map(str, r)) for r in runs]
    return ", ".join(parts)


def _questionnaire(
    request: Request,
    form: FormName,
    answers: dict[int, int | None],
    education: str,
    province: str,
    refused: IncompleteAnswersError | None = None,
) -> HTMLResponse:
    t = translator(page_lang(request))
    problem, items = "", tuple[int, ...]()
    if refused is not None:
        items = tuple(sorted((*refused.missing, *refused.invalid)))
        parts = []
        if refused.missing:
            parts.append(t("interest_missing", n=len(refused.missing), items=spans(refused.missing)))
        if refused.invalid:
            parts.append(t("interest_invalid", items=spans(refused.invalid)))
        problem = " ".join(parts)
    labels = ANSWER_LABELS[page_lang(request)]
    page = QuestionnairePage(form, load_items(form), answers, education, province, problem, items, labels)
    return render(request, "interests.html", page, status=422 if refused is not None else 200)


@router.get("/minat", response_class=HTMLResponse)
def questionnaire(
    request: Request, form: Short = "", a: Short = "", education: Short = "", province: Short = ""
) -> HTMLResponse:
    """The questionnaire; ``a`` (answers as digits, e.g. from "answer again") fills it in."""
    chosen = interests.form_of(form)
    return _questionnaire(
        request, chosen, interests.read_digits(a, chosen), _education(education), _province(province)
    )


def _posted_answers(posted: Any, form: FormName) -> dict[int, int | None]:
    """``q1``..``qN`` of a posted form as item number -> answer (anything not 0-4: unanswered)."""
    found: dict[int, int | None] = {}
    for item in load_items(form):
        value = str(posted.get(f"q{item.number}", "")).strip()
        found[item.number] = int(value) if value in interests.ANSWER_DIGITS else None
    return found


@router.post("/minat/hasil", response_class=HTMLResponse)
async def results_posted(request: Request, store: StoreDep) -> HTMLResponse:
    """The results of a posted questionnaire (nothing stored); a form with unanswered items comes back
    with them named and every other answer kept."""
    if not same_origin(request):
        raise refuse(request, 403, "form_expired")
    posted = await request.form()
    form = interests.form_of(str(posted.get("form", "")))
    answers = _posted_answers(posted, form)
    education = _education(str(posted.get("education", "")))
    province = _province(str(posted.get("province", "")))
    try:
        profile = score_answers(answers, form)
    except IncompleteAnswersError as refused:
        return _questionnaire(request, form, answers, education, province, refused)
    stretch = bool(posted.get("stretch"))
    page = _results(request, store, profile, education=education, province=province, stretch=stretch)
    return render(request, "interest_results.html", page)


@router.get("/minat/hasil", response_class=HTMLResponse)
def results(
    request: Request,
    store: StoreDep,
    form: Short = "",
    a: Short = "",
    education: Short = "",
    province: Short = "",
    stretch: Short = "",
    skill: Uris = [],
    add_skill: Short = "",
) -> HTMLResponse:
    """A result from its link: the answers are in the query, nothing is stored. ``skill`` (ESCO URIs)
    are what the young person can already do, ``add_skill`` what they typed to add (see
    :func:`own_skills`)."""
    chosen = interests.form_of(form)
    answers = interests.read_digits(a, chosen)
    try:
        profile = score_answers(answers, chosen)
    except IncompleteAnswersError as refused:
        return _questionnaire(request, chosen, answers, _education(education), _province(province), refused)
    page = _results(
        request,
        store,
        profile,
        education=_education(education),
        province=_province(province),
        stretch=bool(stretch),
        own=own_skills(skill, add_skill),
    )
    return render(request, "interest_results.html", page)


@router.post("/minat/simpan")
def save(
    request: Request,
    store: StoreDep,
    worker: Annotated[int, Form(ge=1)],
    form: Annotated[str, Form(max_length=20)],
    a: Annotated[str, Form(max_length=200)],
    education: Annotated[str, Form(max_length=10)] = "",
    province: Annotated[str, Form(max_length=8)] = "",
    consent_by: Annotated[str, Form(max_length=20)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Save a result to a worker of the counsellor's office with the consent given (audited); refused,
    with the result shown again and the reason, when the consent does not suffice."""
    caller = require_counsellor(request, store)
    if not form_is_genuine(request, csrf):
        raise refuse(request, 403, "form_expired")
    chosen = interests.form_of(form)
    try:
        profile = interests.profile_from_digits(a, chosen)
    except IncompleteAnswersError as refused:
        return _questionnaire(request, chosen, interests.read_digits(a, chosen), "", "", refused)
    chosen_education = _education(education)
    try:
        saved = interests.save_interest_profile(
            store, caller, worker, profile, education=chosen_education or None, consent_by=consent_by
        )
    except interests.ConsentRefusedError as refused:
        problem = translator(page_lang(request))(refused.reason)
        page = _results(
            request,
            store,
            profile,
            education=chosen_education,
            province=_province(province),
            stretch=False,
            save_problem=problem,
        )
        return render(request, "interest_results.html", page, status=409)
    if saved is None:
        raise not_yours(request, store, caller)
    return RedirectResponse(f"/workers/{worker}?lang={page_lang(request)}#minat", status_code=303)


@router.get("/workers/{worker_id}/minat/{profile_id}", response_class=HTMLResponse)
def saved_result(request: Request, store: StoreDep, worker_id: int, profile_id: int) -> HTMLResponse:
    """A profile saved to a worker's record, as its results page (audited)."""
    caller = require_counsellor(request, store)
    found = interests.read_interest_profile(store, caller, worker_id, profile_id)
    if found is None:
        raise not_yours(request, store, caller)
    education = _education(found.row["education"] or "")
    province = _province(found.worker.get("province_code") or "")
    page = _results(
        request, store, found.profile, education=education, province=province, stretch=False, saved=found
    )
    response = render(request, "interest_results.html", page)
    response.headers["Cache-Control"] = "no-store"
    return response
