"""A young person's digital pathways and the training places that fit them: ``/minat/jalur``, public
like the other journey pages, opened from the interest profiler's results with the matched occupations
(:func:`tangkas.services.pathways.youth_pathways`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tangkas.models import Lang, Skill
from tangkas.provinces import PROVINCES, Province
from tangkas.provinces import province as find_province
from tangkas.services.pathways import DigitalPath, PathwaysError, YouthPathways, youth_pathways
from tangkas.training.catalog import Course
from tangkas.web.i18n import translator
from tangkas.web.pages import Short, Uris, page_lang, read_budget, render
from tangkas.web.security import StoreDep

router = APIRouter(include_in_schema=False)
SHOWN_GAPS = 8
"""Skills to learn listed per occupation before "and N more"."""
SHOWN_COURSES = 4
"""A provider card's courses listed."""


@dataclass(frozen=True)
class PathwaysPage:
    occupations: tuple[str, ...]
    """The occupations as asked (the form carries them on)."""
    skills: tuple[str, ...]
    """The young person's own skills as asked (the form and the plan links carry them on)."""
    province: str
    budget_typed: str
    found: YouthPathways | None
    problem: str = ""
    """What is wrong with the request, in the page's language (``""``: nothing)."""
    provinces: tuple[Province, ...] = PROVINCES
    shown_gaps: int = SHOWN_GAPS
    shown_courses: int = SHOWN_COURSES

    def plan_link(self, path: DigitalPath, lang: Lang) -> str:
        """The plan page for the whole move to the occupation, in the province, within the budget."""
        assert self.found is not None
        pairs = [("to", path.occupation.uri), ("province", self.found.province or "")]
        own = [("skill", s.uri) for s in self.found.skills]
        return "/plan?" + urlencode([*pairs, ("budget", str(self.found.budget)), ("lang", lang), *own])

    @staticmethod
    def taught(path: DigitalPath, skills: Sequence[str], lang: Lang) -> str:
        """The names of the occupation's skills to learn that a course of its plan teaches."""
        return ", ".join(g.label(lang) for g in path.gaps if g.skill.uri in skills)

    @staticmethod
    def mode(course: Course, lang: Lang) -> str:
        """How the course is held: online, or in person (or both) and where."""
        t = translator(lang)
        if course.mode == "online":
            return t("pathways.mode_online")
        place = course.city or (find_province(course.province).label(lang) if course.province else "")
        return t("pathways.mode_hybrid" if course.mode == "hybrid" else "pathways.mode_offline", place=place)

    @staticmethod
    def skill_names(skills: Sequence[Skill], lang: Lang) -> str:
        return ", ".join(s.label(lang) for s in skills)


def _problem(error: PathwaysError, lang: Lang) -> str:
    return translator(lang)(f"pathways.problem.{error.problem}", value=error.value)


@router.get("/minat/jalur", response_class=HTMLResponse)
def pathways(
    request: Request,
    store: StoreDep,
    occupation: Uris = [],
    province: Short = "",
    budget: Short = "",
    skill: Uris = [],
) -> HTMLResponse:
    """The digital occupations the matches lead to, what to learn, the cheapest courses, where the jobs
    are posted, and the training places in the province; a bad request gets the page with what is wrong."""
    lang = page_lang(request)
    amount, budget_problem = read_budget(budget)
    if budget_problem:
        message = translator(lang)(budget_problem, value=budget)
        return render(
            request,
            "pathways.html",
            PathwaysPage(tuple(occupation), tuple(skill), province, budget, None, message),
            422,
        )
    try:
        found = youth_pathways(store, occupation, province or None, amount, lang, skills=skill)
    except PathwaysError as error:
        message = _problem(error, lang)
        return render(
            request,
            "pathways.html",
            PathwaysPage(tuple(occupation), tuple(skill), province, budget, None, message),
            422,
        )
    return render(
        request,
        "pathways.html",
        PathwaysPage(tuple(occupation), tuple(skill), found.province or "", budget, found),
    )
