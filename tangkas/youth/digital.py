"""Digital pathways: ESCO's digital skills and the digital occupations, what a young person lacks to
enter one, the courses for it, and where such jobs are posted.

A skill is digital when it is in ESCO 1.1.1's digital skills collection or its DigComp collection. An
occupation is digital when at least 30% of its essential skills, and at least three, are digital (the
rule of ``scripts/build_digital.py``; docs/youth.md gives what it and the alternatives select).

>>> SOFTWARE_DEVELOPER in digital_occupations(), BRICKLAYER in digital_occupations()
(True, False)
>>> [g.collections for g in entry_gaps(SOFTWARE_DEVELOPER)][:1]
[('digital', 'digcomp')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tangkas.loading import load_once
from tangkas.market.demand import digital_share
from tangkas.models import Lang, Skill
from tangkas.provinces import province as find_province
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import CourseCatalog
from tangkas.training.plans import TrainingNeed, TrainingPlan, plan_training

SOFTWARE_DEVELOPER = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
BRICKLAYER = "http://data.europa.eu/esco/occupation/05f321f8-055b-407d-bf19-e0ddabda56b7"
MAX_COURSES = 3
"""As many courses as a plan takes by default (``tangkas.services.plans.MAX_COURSES``)."""


def _table(name: str) -> pa.Table:
    return pq.read_table(str(resources.files("tangkas") / "data" / "youth" / f"{name}.parquet"))


@load_once
def _occupations() -> dict[str, tuple[int, int, bool]]:
    rows = _table("digital_occupations").to_pylist()
    return {r["occupation_uri"]: (r["essential"], r["digital_essential"], r["digital"]) for r in rows}


@load_once
def _skills() -> dict[str, tuple[tuple[str, ...], int]]:
    rows = _table("digital_skills").to_pylist()
    return {
        r["skill_uri"]: (tuple(c for c in ("digital", "digcomp") if r[c]), r["occupations"]) for r in rows
    }


def digital_collections(skill_uri: str) -> tuple[str, ...]:
    """The ESCO collections (``digital``, ``digcomp``) a skill is in; ``()`` for a skill that is not digital.

    >>> digital_collections("http://data.europa.eu/esco/skill/14832d87-2f2f-4895-b290-e4760ebae42a")
    ('digital', 'digcomp')
    """
    return _skills().get(skill_uri, ((), 0))[0]


def digital_share_of(occupation_uri: str) -> float:
    """The share of an occupation's essential skills that are digital (0 when it has none)."""
    essential, digital, _ = _occupations().get(occupation_uri, (0, 0, False))
    return digital / essential if essential else 0.0


def digital_occupations(among: Iterable[str] | None = None) -> list[str]:
    """The digital occupations' URIs: of ``among`` in its order (a profile's matches, best first), else
    all of them, the most digital first."""
    found = _occupations()
    if among is not None:
        return [uri for uri in among if found.get(uri, (0, 0, False))[2]]
    chosen = [uri for uri, (_, _, digital) in found.items() if digital]
    return sorted(chosen, key=lambda uri: (-digital_share_of(uri), uri))


@dataclass(frozen=True, slots=True)
class EntryGap:
    """A digital essential skill of an occupation that the young person does not have yet."""

    skill: Skill
    collections: tuple[str, ...]
    occupations: int
    """In how many digital occupations the skill is essential: the more, the more basic it is."""

    def label(self, lang: Lang = "id") -> str:
        return self.skill.label(lang)


def entry_gaps(occupation_uri: str, have_skills: Iterable[str] = ()) -> list[EntryGap]:
    """The occupation's essential digital skills not in ``have_skills``, the most common across digital
    occupations first (a young person entering lacks the basic ones first and finds them most used)."""
    tax = load_taxonomy()
    have = set(have_skills)
    skills = _skills()
    gaps = [
        EntryGap(skill, *skills[skill.uri])
        for skill in tax.essential_skills(tax.occupation(occupation_uri))
        if skill.uri in skills and skill.uri not in have
    ]
    return sorted(gaps, key=lambda g: (-g.occupations, g.skill.label_en))


def courses_for(
    skills: Sequence[str | Skill],
    province: str | None,
    budget: int,
    catalog: CourseCatalog,
) -> TrainingPlan:
    """The cheapest plan (the training planner's, :func:`tangkas.training.plans.plan_training`) that teaches
    ``skills`` within ``budget`` (e.g. :data:`~tangkas.training.plans.PRAKERJA_CREDIT_IDR`), from courses
    of ``catalog`` (the one every plan uses: ``tangkas.services.plans.catalog_for``) held in ``province``
    or online."""
    tax = load_taxonomy()
    need = TrainingNeed.from_skills(s if isinstance(s, Skill) else tax.skill(s) for s in skills)
    return plan_training(need, catalog, budget=budget, province=province, max_courses=MAX_COURSES)


@dataclass(frozen=True, slots=True)
class Posted:
    """An occupation's postings in one province, and the share of them asking for a digital skill."""

    province_code: str
    postings: int
    digital: int
    share: float

    def province(self, lang: Lang = "id") -> str:
        return find_province(self.province_code).label(lang)


def where_posted(occupation_uri: str, postings: pa.Table) -> list[Posted]:
    """The provinces where ``postings`` (the demand indicators' table,
    :func:`tangkas.store.postings.postings_arrow`) hold ads for the occupation, the most first, each with
    the digital-skills share of those ads (:func:`tangkas.market.demand.digital_share`)."""
    mine = postings.filter(pc.equal(postings["occupation"], occupation_uri))
    rows = digital_share(mine, "province").to_pylist() if mine.num_rows else []
    return [Posted(r["province"], r["postings"], r["digital"], r["share"]) for r in rows if r["province"]]


def entry_skill_uris() -> frozenset[str]:
    """The digital skills essential to at least one digital occupation: what a course must teach to count
    as a course for digital occupations."""
    return frozenset(uri for uri, (_, occupations) in _skills().items() if occupations)


@dataclass(frozen=True, slots=True)
class DigitalPostings:
    """A province's postings: all of them, the share asking for a digital skill, those for digital
    occupations."""

    province_code: str
    postings: int
    digital_skill_share: float
    digital_occupations: int


def digital_postings(postings: pa.Table) -> list[DigitalPostings]:
    """Per province (the most postings first): every posting and the digital-skills share of them
    (:func:`tangkas.market.demand.digital_share`), and the postings coded to a digital occupation."""
    chosen = pa.array(digital_occupations(), pa.string())
    mine = postings.filter(pc.is_in(postings["occupation"], value_set=chosen))
    of_digital = {r["province"]: r["postings"] for r in digital_share(mine, "province").to_pylist()}
    return [
        DigitalPostings(r["province"], r["postings"], r["share"], of_digital.get(r["province"], 0))
        for r in digital_share(postings, "province").to_pylist()
        if r["province"]
    ]
