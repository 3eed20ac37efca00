"""Facilities matched to talents: training providers ranked by how well their courses cover a young
person's matched occupations, and where young people's interests outrun local course supply.

A provider's **fit** to matches ``o_1 .. o_n`` (best first) in a province::

    fit = sum_r w_r * |E_r ∩ T| / |E_r|  /  sum_r w_r,      w_r = 1 / r

``E_r``: the essential skills of ``o_r``; ``T``: the skills taught by the provider's courses open in the
province (held there, or online). Online providers count in every province and are labelled as such.

>>> from tangkas.training.catalog import Course, CourseCatalog, Provider
>>> blk, web = Provider("b", "BLK Bandung", "BLK"), Provider("w", "Kelas Daring", "online")
>>> catalog = CourseCatalog([Course("c1", blk, "Las", "Welding", ("a", "b"), 40, 0, "offline", "32"),
...     Course("c2", web, "Excel", "Excel", ("c",), 10, 0, "online")])
>>> ranked = rank_providers(["o1", "o2"], "32", catalog, skills_of={"o1": ["a", "b"], "o2": ["c", "d"]})
>>> [(f.provider.name, round(f.score, 4), f.online) for f in ranked]
[('BLK Bandung', 0.6667, False), ('Kelas Daring', 0.1667, True)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tangkas.provinces import province as find_province
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import Course, CourseCatalog, Provider

SkillsOf = Mapping[str, Sequence[str]]
"""An occupation's essential skills by its URI (the taxonomy's unless given)."""


@dataclass(frozen=True, slots=True)
class ProviderFit:
    """A provider's fit to the matches, the matches' skills it teaches and the courses teaching each."""

    provider: Provider
    score: float
    covered: tuple[tuple[str, tuple[str, ...]], ...]
    """(skill URI, IDs of the provider's courses teaching it), for each covered skill."""

    @property
    def online(self) -> bool:
        return self.provider.type == "online"


def _essential(uris: Sequence[str], skills_of: SkillsOf | None) -> list[frozenset[str]]:
    if skills_of is not None:
        return [frozenset(skills_of.get(uri, ())) for uri in uris]
    tax = load_taxonomy()
    return [frozenset(s.uri for s in tax.essential_skills(tax.occupation(uri))) for uri in uris]


def open_in(course: Course, province_code: str) -> bool:
    """Whether a young person in the province can take the course: online, or held there."""
    return course.mode == "online" or course.province == province_code


def rank_providers(
    occupations: Sequence[str],
    province: str,
    catalog: CourseCatalog,
    *,
    skills_of: SkillsOf | None = None,
) -> list[ProviderFit]:
    """The providers whose courses open in ``province`` teach at least one essential skill of the
    ``occupations`` (best match first), by fit (module docstring), then name."""
    code = find_province(province).code
    essential = _essential(occupations, skills_of)
    wanted = frozenset().union(*essential)
    taught: dict[Provider, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for course in catalog:
        if open_in(course, code):
            for uri in wanted.intersection(course.skills):
                taught[course.provider][uri].append(course.id)
    weights = [1 / rank for rank in range(1, len(essential) + 1)]
    fits = []
    for provider, skills in taught.items():
        shares = (len(e.intersection(skills)) / len(e) if e else 0.0 for e in essential)
        score = sum(w * s for w, s in zip(weights, shares, strict=True)) / sum(weights)
        covered = tuple((uri, tuple(skills[uri])) for uri in sorted(skills))
        fits.append(ProviderFit(provider, score, covered))
    return sorted(fits, key=lambda f: (-f.score, f.provider.name))


@dataclass(frozen=True, slots=True)
class SupplyGap:
    """One group of matched occupations in one province: the demand from completed profiles against
    the course supply there."""

    province_code: str
    group: str
    """The ISCO-08 sub-major group (two digits) of the matched occupations."""
    demand: int
    """Matches of young people in the province to occupations of the group."""
    skills: int
    """Essential skills of the group's matched occupations."""
    taught_locally: int
    """Of them, those taught by a course held in the province."""
    taught_online: int
    """Of them, those taught online (open to every province)."""

    @property
    def local_share(self) -> float:
        return self.taught_locally / self.skills if self.skills else 0.0

    @property
    def unmet(self) -> float:
        """The demand the local courses leave uncovered: ``demand * (1 - local_share)``."""
        return self.demand * (1 - self.local_share)


def supply_gap(
    interests_by_province: Mapping[str, Mapping[str, int]],
    catalog: CourseCatalog,
    *,
    skills_of: SkillsOf | None = None,
) -> list[SupplyGap]:
    """Per province and ISCO sub-major group of the matched occupations (``interests_by_province``: per
    province code, how many completed profiles matched each occupation URI), the demand against the
    skills taught locally and online; the largest unmet demand first."""
    tax = load_taxonomy()
    online = frozenset(s for c in catalog if c.mode == "online" for s in c.skills)
    gaps = []
    for code, counts in interests_by_province.items():
        local = frozenset(s for c in catalog if c.mode != "online" and c.province == code for s in c.skills)
        groups: dict[str, tuple[int, set[str]]] = {}
        for uri, count in counts.items():
            group = tax.occupation(uri).isco[:2]
            demand, skills = groups.get(group, (0, set()))
            groups[group] = (demand + count, skills | set(_essential([uri], skills_of)[0]))
        gaps += [
            SupplyGap(code, group, demand, len(skills), len(skills & local), len(skills & online))
            for group, (demand, skills) in groups.items()
            if demand
        ]
    return sorted(gaps, key=lambda g: (-g.unmet, g.province_code, g.group))


@dataclass(frozen=True, slots=True)
class ProvinceProviders:
    """The providers holding courses for digital occupations in a province, and how many courses."""

    province_code: str
    providers: tuple[str, ...]
    courses: int


def digital_providers(catalog: CourseCatalog, skills: frozenset[str]) -> tuple[list[ProvinceProviders], int]:
    """Per province (the most providers first), the providers holding a course there (offline or hybrid)
    that teaches one of ``skills`` (:func:`tangkas.youth.digital.entry_skill_uris`), and the number of
    online providers with such a course (open to every province)."""
    local: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    online: set[str] = set()
    for course in catalog:
        if skills.isdisjoint(course.skills):
            continue
        if course.mode == "online":
            online.add(course.provider.name)
        elif course.province:
            local[course.province][course.provider.name] += 1
    found = [
        ProvinceProviders(code, tuple(sorted(names)), sum(names.values())) for code, names in local.items()
    ]
    return sorted(found, key=lambda p: (-len(p.providers), p.province_code)), len(online)
