"""A young person's digital pathways: of the occupations their interests matched (best first), the
digital ones (or, when none is, the digital occupations closest to them), per digital occupation the
digital skills they lack to enter it, the cheapest courses for those within a budget in their province
or online, and where such jobs are posted; and the training providers in their province ranked by how
well they teach the essential skills of all the matched occupations.

**Closest digital occupations** (when none of the matches is digital), for the matches ``o_1 .. o_n``:
first those sharing the ISCO-08 sub-major group (two digits) with a match, then those sharing its major
group (one digit), then the rest; within each, those near an earlier match first; then those sharing
more essential skills with the matches (counted over all of them); then those with fewer digital
essential skills to learn (the easier to enter); ties by URI. Each is shown as near the match whose
group it shares (for the rest: the match it shares the most essential skills with). Occupations never
recommended in Indonesia (:func:`tangkas.careers.excluded.excluded_occupations`) are left out. The
first :data:`MAX_PATHS` are shown.

Pure reads: the shipped taxonomy, the catalog plans use and the stored postings; nothing personal.

>>> from tangkas.training.catalog import CourseCatalog
>>> from tangkas.youth.digital import BRICKLAYER, SOFTWARE_DEVELOPER
>>> found = youth_pathways(None, [SOFTWARE_DEVELOPER], "32", 3_500_000, catalog=CourseCatalog([]))
>>> [p.occupation.uri == SOFTWARE_DEVELOPER for p in found.paths], found.paths[0].near_of
([True], None)
>>> near = youth_pathways(None, [BRICKLAYER], None, 0, catalog=CourseCatalog([]))
>>> len(near.paths), all(p.near_of == BRICKLAYER for p in near.paths), near.nearby
(3, True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

import pyarrow as pa

from tangkas.careers.excluded import excluded_occupations
from tangkas.errors import TangkasError, UnknownConceptError
from tangkas.models import Lang, Occupation, Skill
from tangkas.provinces import province as find_province
from tangkas.services.plans import catalog_for
from tangkas.store import Store
from tangkas.store.postings import cached_postings
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import Course, CourseCatalog, Provider
from tangkas.training.plans import TrainingPlan
from tangkas.youth.digital import (
    EntryGap,
    Posted,
    courses_for,
    digital_collections,
    digital_occupations,
    digital_share_of,
    entry_gaps,
    where_posted,
)
from tangkas.youth.facilities import ProviderFit, open_in, rank_providers

MAX_OCCUPATIONS = 20
"""Matched occupations a request may name (as many as the journey pages read)."""
MAX_PATHS = 3
"""Digital occupations shown: a young person reads three pathways, not thirty."""
MAX_PROVIDERS = 10
"""Training providers shown, the best fit first."""
MAX_BUDGET = 1_000_000_000
MAX_SKILLS = 12
"""Own skills a request may name (as many as the interest results page keeps)."""
Problem = Literal[
    "no_occupation",
    "too_many",
    "unknown_occupation",
    "unknown_province",
    "bad_budget",
    "too_many_skills",
    "unknown_skill",
]


Concept = TypeVar("Concept", Occupation, Skill)


class PathwaysError(TangkasError):
    """A request the pathways cannot answer; ``problem`` says which part is wrong (the pages' message key).

    >>> PathwaysError("bad_budget", "budget out of range").problem
    'bad_budget'
    """

    def __init__(
        self, problem: Problem, message: str, *, indonesian: str | None = None, value: str = ""
    ) -> None:
        super().__init__(message, indonesian=indonesian)
        self.problem: Problem = problem
        self.value = value
        """The identifier not known, for an unknown occupation or province."""


@dataclass(frozen=True, slots=True)
class DigitalPath:
    """One digital occupation: what to learn to enter it, the plan for that, where it is posted."""

    occupation: Occupation
    near_of: str | None
    """``None`` when the occupation is one of the matches; else the URI of the match it is closest to."""
    share: float
    """The share of its essential skills that are digital."""
    gaps: tuple[EntryGap, ...]
    plan: TrainingPlan
    posted: tuple[Posted, ...]


@dataclass(frozen=True, slots=True)
class ProviderCard:
    """A provider open in the province, how many of the needed skills it teaches, and with which courses."""

    fit: ProviderFit
    skills: tuple[Skill, ...]
    courses: tuple[Course, ...]
    places: tuple[str, ...]
    """The cities (else province codes) where its courses open to the young person are held; ``()`` online."""

    @property
    def provider(self) -> Provider:
        return self.fit.provider

    @property
    def online(self) -> bool:
        return self.fit.online


@dataclass(frozen=True, slots=True)
class YouthPathways:
    """Everything the pathways page and API show."""

    occupations: tuple[Occupation, ...]
    province: str | None
    """The BPS province code (``None``: not given; providers then are not ranked)."""
    budget: int
    paths: tuple[DigitalPath, ...]
    nearby: bool
    """True when none of the matches is digital and ``paths`` are the closest digital occupations."""
    providers: tuple[ProviderCard, ...]
    needed_skills: int
    """The distinct essential skills of all the matches: what a provider's count is out of."""
    synthetic_catalog: bool
    skills: tuple[Skill, ...] = ()
    """What the young person can already do (no path lists these to learn)."""

    def label(self, lang: Lang = "id") -> str:
        """The matches' names, best first."""
        return ", ".join(o.label(lang) for o in self.occupations)


def _occupations(uris: Sequence[str]) -> tuple[Occupation, ...]:
    if not any(u.strip() for u in uris):
        raise PathwaysError(
            "no_occupation", "no occupation given", indonesian="tidak ada pekerjaan yang diberikan"
        )
    find = load_taxonomy().occupation
    return _concepts(uris, find, MAX_OCCUPATIONS, ("too_many", "unknown_occupation"), OCCUPATION_WORDS)


def _skills(uris: Sequence[str]) -> tuple[Skill, ...]:
    """The young person's own skills (ESCO URIs or codes); raises PathwaysError for an unknown one."""
    find = load_taxonomy().skill
    return _concepts(uris, find, MAX_SKILLS, ("too_many_skills", "unknown_skill"), SKILL_WORDS)


OCCUPATION_WORDS = ("occupation", "occupations", "pekerjaan")
SKILL_WORDS = ("skill", "skills", "keterampilan")
"""How the errors name a concept: English singular and plural, Indonesian."""


def _concepts(
    uris: Sequence[str],
    find: Callable[[str], Concept],
    limit: int,
    problems: tuple[Problem, Problem],
    words: tuple[str, str, str],
) -> tuple[Concept, ...]:
    """The concepts ``uris`` name (URIs or codes, blanks skipped, each once, in order); raises
    PathwaysError (``problems``: too many, unknown) for more than ``limit`` or an unknown one."""
    one, many, indonesian = words
    chosen = [u.strip() for u in uris if u.strip()]
    if len(chosen) > limit:
        raise PathwaysError(
            problems[0], f"at most {limit} {many}", indonesian=f"paling banyak {limit} {indonesian}"
        )
    found: dict[str, Concept] = {}
    for uri in chosen:
        try:
            concept = find(uri)
        except UnknownConceptError:
            raise PathwaysError(
                problems[1],
                f"unknown {one}: {uri!r}",
                indonesian=f"{indonesian} tidak dikenal: {uri!r}",
                value=uri,
            ) from None
        found.setdefault(concept.uri, concept)
    return tuple(found.values())


def _province(identifier: str | None) -> str | None:
    if identifier is None or not identifier.strip():
        return None
    try:
        return find_province(identifier).code
    except UnknownConceptError:
        raise PathwaysError(
            "unknown_province",
            f"unknown province: {identifier!r}",
            indonesian=f"provinsi tidak dikenal: {identifier!r}",
            value=identifier,
        ) from None


def _essential(occupation: Occupation) -> frozenset[str]:
    tax = load_taxonomy()
    return frozenset(s.uri for s in tax.essential_skills(occupation))


GROUP_DIGITS = (2, 1)
"""The ISCO-08 levels a closest digital occupation may share with a match: sub-major, then major group."""


def _tier(isco: str, other: str) -> int:
    """0: the same ISCO-08 sub-major group; 1: the same major group; 2: neither.

    >>> _tier("7112", "7126"), _tier("7112", "7421"), _tier("7112", "2512")
    (0, 1, 2)
    """
    return next(
        (t for t, digits in enumerate(GROUP_DIGITS) if isco[:digits] == other[:digits]), len(GROUP_DIGITS)
    )


def closest_digital(matches: Sequence[Occupation], limit: int = MAX_PATHS) -> list[tuple[str, str]]:
    """The digital occupations closest to ``matches`` (module docstring), each with the URI of the
    match it is closest to: ``[(digital URI, match URI), ...]``.

    >>> from tangkas.youth.digital import BRICKLAYER
    >>> [m for _, m in closest_digital([load_taxonomy().occupation(BRICKLAYER)], 2)] == [BRICKLAYER] * 2
    True
    """
    excluded = excluded_occupations()
    skills = [_essential(m) for m in matches]
    tax = load_taxonomy()
    ranked = []
    for uri in digital_occupations():
        if uri in excluded:
            continue
        occupation = tax.occupation(uri)
        essential = _essential(occupation)
        shared = [len(essential & s) for s in skills]
        tier, nearest = min((_tier(occupation.isco, m.isco), i) for i, m in enumerate(matches))
        if tier == len(GROUP_DIGITS):
            nearest = max(range(len(shared)), key=lambda i: (shared[i], -i))
        key = (
            tier,
            nearest if tier < len(GROUP_DIGITS) else 0,
            -sum(shared),
            sum(1 for s in essential if digital_collections(s)),
            uri,
        )
        ranked.append((key, uri, matches[nearest].uri))
    return [(uri, match) for _, uri, match in sorted(ranked)[:limit]]


def _path(
    occupation: Occupation,
    near_of: str | None,
    province: str | None,
    budget: int,
    catalog: CourseCatalog,
    postings: pa.Table | None,
    known: frozenset[str],
) -> DigitalPath:
    gaps = tuple(entry_gaps(occupation.uri, known))
    plan = courses_for([g.skill for g in gaps], province, budget, catalog)
    posted = tuple(where_posted(occupation.uri, postings)) if postings is not None else ()
    return DigitalPath(occupation, near_of, digital_share_of(occupation.uri), gaps, plan, posted)


def _card(fit: ProviderFit, province: str, courses: dict[str, Course]) -> ProviderCard:
    tax = load_taxonomy()
    ids = list(dict.fromkeys(i for _, taught in fit.covered for i in taught))
    mine = tuple(courses[i] for i in ids)
    places = (
        ()
        if fit.online
        else tuple(dict.fromkeys(c.city or c.province or "" for c in mine if open_in(c, province)))
    )
    return ProviderCard(fit, tuple(tax.skill(uri) for uri, _ in fit.covered), mine, places)


def youth_pathways(
    store: Store | None,
    occupations: Sequence[str],
    province: str | None,
    budget: int,
    lang: Lang = "id",
    *,
    catalog: CourseCatalog | None = None,
    skills: Sequence[str] = (),
) -> YouthPathways:
    """The digital pathways and training places for a young person matched to ``occupations`` (ESCO
    URIs or codes, best match first) in ``province`` (BPS code or name; ``None``: not given) with
    ``budget`` rupiah; the catalog is :func:`~tangkas.services.plans.catalog_for` the store unless given,
    the postings the store's (none without a store). ``skills`` (URIs or codes) are what the young person
    can already do: no path lists them to learn, nor pays for a course for them. ``lang`` orders
    nothing: the result carries both languages; it is taken so that callers need not know that.
    Raises :class:`PathwaysError`."""
    del lang  # every label is kept in both languages
    if not 0 <= budget <= MAX_BUDGET:
        raise PathwaysError(
            "bad_budget",
            f"the budget must be 0 to {MAX_BUDGET} rupiah",
            indonesian=f"anggaran harus 0 sampai {MAX_BUDGET} rupiah",
        )
    matches = _occupations(occupations)
    own = _skills(skills)
    known = frozenset(s.uri for s in own)
    code = _province(province)
    catalog = catalog if catalog is not None else catalog_for(store)
    postings = cached_postings(store) if store is not None else None
    digital = digital_occupations(o.uri for o in matches)
    chosen: list[tuple[str, str | None]] = [(uri, None) for uri in digital[:MAX_PATHS]]
    if not chosen:
        chosen = [(uri, near) for uri, near in closest_digital(matches)]
    tax = load_taxonomy()
    paths = tuple(
        _path(tax.occupation(uri), near, code, budget, catalog, postings, known) for uri, near in chosen
    )
    needed = frozenset().union(*(_essential(m) for m in matches))
    cards: tuple[ProviderCard, ...] = ()
    if code is not None:
        by_id = {c.id: c for c in catalog}
        fits = rank_providers([m.uri for m in matches], code, catalog)[:MAX_PROVIDERS]
        cards = tuple(_card(f, code, by_id) for f in fits)
    return YouthPathways(
        matches, code, budget, paths, not digital, cards, len(needed), catalog.synthetic, own
    )
