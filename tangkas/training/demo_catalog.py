"""A synthetic, deterministic demo course catalog across Indonesia's 38 provinces.

Every course is marked ``synthetic=True`` and its provider name starts with ``[DEMO]``: this is
demonstration data, not real offerings. Each course teaches a bundle of skills one ESCO occupation
lists, most of them in one group of the ESCO skills hierarchy, and is named in Indonesian after what it
teaches: the occupation (or, for skills many occupations share, such as managing staff or a language,
their skill group) and its skills' Indonesian names, e.g. "Kursus Operator Forklift: mengoperasikan
forklift, ...". :func:`named_skills` and :func:`unexplained_skills` check a title against its skills.
Three kinds mimic Indonesian supply:

- free BLK competency programmes (160-240 hours, in person, often BNSP-certified) on an occupation's own
  essential skills;
- LPK courses (20-120 hours, Rp500.000-5.000.000, in person or hybrid) on a few related skills;
- Kartu Prakerja online classes (4-20 hours, Rp250.000-1.000.000) on one to three skills.

In-person courses are spread over provinces roughly by population. No course teaches gambling
(:mod:`tangkas.training.gambling`), and none trains for work never recommended in Indonesia
(:mod:`tangkas.careers.excluded`: gambling, ski instruction).

>>> catalog = generate_demo_catalog(seed=7, n_courses=60)
>>> len(catalog), catalog.synthetic, catalog.courses[0].provider.name.startswith("[DEMO]")
(60, True, True)
>>> tax = load_taxonomy()
>>> sum(not named_skills(c, tax) for c in catalog)
0
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from tangkas.careers.excluded import excluded_occupations
from tangkas.loading import load_once
from tangkas.models import Occupation, Skill, SkillGroup
from tangkas.provinces import PROVINCES, Province
from tangkas.taxonomy import Taxonomy, load_taxonomy
from tangkas.training.catalog import Course, CourseCatalog, Level, Mode, Provider
from tangkas.training.gambling import gambling_occupations, is_gambling_skill

DEMO_PREFIX = "[DEMO]"
FIRST_START = date(2027, 1, 4)
KIND_SHARES = {"blk": 0.25, "lpk": 0.4, "online": 0.35}
# Rough population in millions, only to spread synthetic courses in proportion; not a statistic to cite.
DEMO_PROVINCE_WEIGHTS = {
    "11": 5.6, "12": 15.6, "13": 5.8, "14": 7.0, "15": 3.7, "16": 8.8, "17": 2.1, "18": 9.4, "19": 1.5,
    "21": 2.2, "31": 10.7, "32": 50.0, "33": 37.5, "34": 3.8, "35": 41.5, "36": 12.4, "51": 4.4, "52": 5.6,
    "53": 5.7, "61": 5.6, "62": 2.8, "63": 4.2, "64": 4.0, "65": 0.7, "71": 2.7, "72": 3.1, "73": 9.4,
    "74": 2.8, "75": 1.2, "76": 1.5, "81": 1.9, "82": 1.4, "91": 0.6, "92": 0.6, "94": 1.1, "95": 0.5,
    "96": 1.4, "97": 1.5,
}
# Which occupations each kind trains for, by ISCO major group: BLKs and LPKs the trades and services,
# online classes also office and sales work; few courses train managers and professionals.
ISCO_MAJOR_WEIGHTS = {
    "in_person": {"0": 0.0, "1": 0.2, "2": 0.4, "3": 1.0, "4": 1.0, "5": 1.5, "6": 1.0, "7": 2.0, "8": 1.5,
                  "9": 0.8},
    "online": {"0": 0.0, "1": 0.5, "2": 0.8, "3": 1.2, "4": 1.5, "5": 1.5, "6": 0.5, "7": 0.8, "8": 0.6,
               "9": 0.4},
}
# Online classes lean towards knowledge, office, digital and people skills, away from handling,
# building and machine work (ESCO skill groups S6, S7, S8).
HANDS_ON = ("S6", "S7", "S8")
BLK_HOURS = (160, 200, 240)  # for up to 4, 8 and 12 skills
BLK_SKILLS = 12
BLK_MAJORS = "3456789"
GENERAL = 50  # a cross-sector skill this many occupations list is general
# ESCO reuse levels of a trade's own skills
PARTICULAR = frozenset({"occupation-specific", "sector-specific"})
LPK_HOURS = (20, 24, 32, 40, 48, 64, 80, 100, 120)
ONLINE_HOURS = (4, 6, 8, 10, 12, 16, 20)
LPK_COST, ONLINE_COST = (500_000, 5_000_000), (250_000, 1_000_000)
TITLE_LENGTH = 130
SMALL_WORDS = frozenset({"dan", "atau", "untuk", "di", "ke", "dari", "yang", "pada", "dengan"})
LPK_NAMES = ("Mandiri", "Terampil", "Karya Muda", "Cipta Kerja", "Maju Bersama")
LEVELS: tuple[Level, ...] = ("basic", "intermediate", "advanced")


@dataclass(frozen=True, slots=True)
class _Bundle:
    """What a course teaches: skills of one occupation, named after it or (for general skills) their group."""

    topic_id: str
    topic_en: str
    skills: tuple[Skill, ...]
    level: Level
    general: bool = False


@dataclass
class _Sampler:
    tax: Taxonomy
    rng: np.random.Generator
    occupations: list[Occupation]
    occupation_p: dict[str, np.ndarray]
    spread: np.ndarray  # per skill: how many occupations list it
    trades: list[Occupation]  # occupations a BLK programme is opened for first, in a seeded order
    _pools: dict[str, tuple[list[Skill], np.ndarray]] = field(default_factory=dict)
    _groups: dict[str, tuple[SkillGroup | None, str]] = field(default_factory=dict)

    def pick(self, options: Any, p: Any = None) -> Any:
        return options[int(self.rng.choice(len(options), p=p))]

    def group(self, skill: Skill) -> tuple[SkillGroup | None, str]:
        """A narrow skill group and the code of its broad area, e.g. S6.2 "moving and lifting" in S6."""
        if skill.uri not in self._groups:
            path = self.tax.skill_path(skill)
            area = path[min(1, len(path) - 1)].code if path else ""
            self._groups[skill.uri] = (path[min(2, len(path) - 1)] if path else None, area)
        return self._groups[skill.uri]

    def general(self, skill: Skill) -> bool:
        """Whether many occupations use ``skill`` (managing staff, a language): taught under its group."""
        spread = int(self.spread[self.tax.skill_index[skill.uri]])
        return skill.reuse_level == "transversal" or (
            skill.reuse_level == "cross-sector" and spread >= GENERAL
        )

    def pool(self, occupation: Occupation) -> tuple[list[Skill], np.ndarray]:
        """The occupation's skills (essential first) and their weights: 3 for essential, 1 for optional."""
        if occupation.uri not in self._pools:
            essential = [s for s in self.tax.essential_skills(occupation) if not self.gambling(s)]
            optional = [s for s in self.tax.optional_skills(occupation) if not self.gambling(s)]
            weights = np.array([3.0] * len(essential) + [1.0] * len(optional))
            self._pools[occupation.uri] = (essential + optional, weights)
        return self._pools[occupation.uri]

    def specific_first(self, skills: list[Skill]) -> tuple[Skill, ...]:
        """Skills fewest occupations list first, so a title names what is particular to the trade."""
        return tuple(sorted(skills, key=lambda s: int(self.spread[self.tax.skill_index[s.uri]])))

    def gambling(self, skill: Skill) -> bool:
        return is_gambling_skill(self.tax, skill)

    def occupation(self, kind: str) -> Occupation:
        if kind == "blk" and self.trades:
            return self.trades.pop()
        weights = self.occupation_p["in_person" if kind == "blk" else kind]
        occupation: Occupation = self.pick(self.occupations, weights)
        return occupation

    def bundle(self, occupation: Occupation, size: int, level: Level, online: bool) -> _Bundle:
        """``size`` skills of ``occupation`` around one drawn skill: its skill group first, then its area;
        general skills go with general skills, named after their group, the rest after the occupation."""
        skills, weights = self.pool(occupation)
        if online:
            weights = weights * np.array(
                [2.0 if self.general(s) else 0.4 if self.group(s)[1] in HANDS_ON else 1.0 for s in skills]
            )
        anchor = int(self.rng.choice(len(skills), p=weights / weights.sum()))
        general, (group, area) = self.general(skills[anchor]), self.group(skills[anchor])
        chosen = [anchor]
        alike: list[Callable[[Skill], bool]] = [lambda s: self.group(s)[0] == group]
        if not general:  # general skills keep to their group, whose name the title gives
            alike.append(lambda s: self.group(s)[1] == area)
        for same in alike:
            others = [
                i for i, s in enumerate(skills) if i not in chosen and same(s) and self.general(s) == general
            ]
            take = min(size - len(chosen), len(others))
            if take > 0:
                p = weights[others] / weights[others].sum()
                chosen += [int(i) for i in self.rng.choice(others, size=take, replace=False, p=p)]
        taught = self.specific_first([skills[i] for i in chosen])
        if general and group is not None:
            return _Bundle(group.label_id or group.label_en, group.label_en, taught, level, general=True)
        return _Bundle(occupation.label_id, occupation.label_en, taught, level)

    def core(self, occupation: Occupation, level: Level) -> _Bundle:
        """A BLK programme: the occupation's own essential skills (know-how before knowledge), at most
        :data:`BLK_SKILLS`, the same wherever it is held, as a competency standard would fix them."""
        skills, weights = self.pool(occupation)
        essential = [s for s, w in zip(skills, weights, strict=True) if w > 1]
        particular = [s for s in essential if s.reuse_level in PARTICULAR]
        if len(particular) < 3:
            particular = [s for s in essential if not self.general(s)] or essential
        core = sorted(particular, key=lambda s: s.is_knowledge)[:BLK_SKILLS]
        return _Bundle(occupation.label_id, occupation.label_en, self.specific_first(core), level)


def _sampler(tax: Taxonomy, seed: int) -> _Sampler:
    excluded = {o.uri for o in gambling_occupations(tax)} | set(excluded_occupations())
    counts = np.diff(tax.essential.indptr)
    occupations = [
        o for o, n in zip(tax.occupations, counts, strict=True) if n >= 3 and o.uri not in excluded
    ]
    # occupations Indonesia's KBJI names, or Indonesian ads do, are drawn more often
    kbji = [bool(tax.kbji_titles(o)) for o in occupations]
    known = np.array([3.0 if k else 2.0 if o.alt_id else 1.0 for o, k in zip(occupations, kbji, strict=True)])
    occupation_p = {}
    for kind, by_major in ISCO_MAJOR_WEIGHTS.items():
        weights = np.array([by_major.get(o.isco[:1], 1.0) for o in occupations]) * known
        occupation_p[kind] = weights / weights.sum()
    spread = np.diff((tax.essential + tax.optional).tocsc().indptr)
    rng = np.random.default_rng(seed)
    # every KBJI trade, technician and service occupation has a BLK programme somewhere
    trades = [o for o, k in zip(occupations, kbji, strict=True) if k and o.isco[:1] in BLK_MAJORS]
    trades = [trades[int(i)] for i in rng.permutation(len(trades))]
    return _Sampler(tax, rng, occupations, occupation_p, spread, trades)


def _round(value: float, step: int, limits: tuple[int, int]) -> int:
    return int(min(limits[1], max(limits[0], round(value / step) * step)))


def _place(s: _Sampler, provinces: list[Province], p: np.ndarray) -> tuple[Province, str]:
    province = provinces[int(s.rng.choice(len(provinces), p=p))]
    cities = province.cities
    city_p = np.array([2.0] + [1.0] * (len(cities) - 1))
    return province, s.pick(cities, city_p / city_p.sum())


def _capitalised(name: str) -> str:
    return " ".join(w if w in SMALL_WORDS else w[:1].upper() + w[1:] for w in name.split(" "))


def _listed(names: list[str], room: int, more: str, conjunction: str) -> str:
    """Names joined as prose, as many as fit in ``room`` characters (at least one); the rest counted."""
    shown = names[:1]
    for name in names[1:]:
        if sum(len(n) + 2 for n in [*shown, name]) + len(more) + 8 > room:
            break
        shown.append(name)
    rest = len(names) - len(shown)
    if rest:
        return f"{', '.join(shown)} {conjunction} {rest} {more}"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} {conjunction} {shown[-1]}"


def _titles(bundle: _Bundle, kind: str) -> tuple[str, str]:
    """The course's Indonesian and English titles: its kind, its topic, then the skills it teaches."""
    topic_id, topic_en = _capitalised(bundle.topic_id), bundle.topic_en
    prefix_id, prefix_en = {
        "blk": (f"Pelatihan Berbasis Kompetensi {topic_id}", f"Competency-based training for {topic_en}"),
        "lpk": (f"Kursus {topic_id}", f"Course for {topic_en}"),
        "online": (f"Kelas Daring {topic_id}", f"Online class for {topic_en}"),
    }[kind]
    if bundle.general:
        prefix_en = f"Online class on {topic_en}" if kind == "online" else f"Course on {topic_en}"
    names_id = [s.label_id or s.label_en for s in bundle.skills]
    skills_id = _listed(names_id, TITLE_LENGTH - len(prefix_id), "kompetensi lain", "dan")
    skills_en = _listed([s.label_en for s in bundle.skills], TITLE_LENGTH - len(prefix_en), "more", "and")
    return f"{prefix_id}: {skills_id}", f"{prefix_en}: {skills_en}"


def _blk(s: _Sampler, place: tuple[Province, str]) -> dict[str, Any]:
    province, city = place
    bundle = s.core(s.occupation("blk"), s.pick(LEVELS, [0.6, 0.35, 0.05]))
    return {
        "provider": Provider(f"demo-blk-{province.code}-{city}", f"{DEMO_PREFIX} UPTD BLK {city}", "BLK"),
        "bundle": bundle, "hours": float(BLK_HOURS[min(2, (len(bundle.skills) - 1) // 4)]), "cost_idr": 0,
        "mode": "offline", "province": province.code,
        "city": city, "capacity": 16, "certification": "BNSP" if s.rng.random() < 0.7 else "",
        "prakerja": False, "start": True,
    }


def _lpk(s: _Sampler, place: tuple[Province, str]) -> dict[str, Any]:
    province, city = place
    level: Level = s.pick(LEVELS, [0.45, 0.4, 0.15])
    bundle = s.bundle(s.occupation("in_person"), int(s.rng.integers(2, 6)), level, online=False)
    hours = float(s.pick(LPK_HOURS))
    cost = _round(hours * float(s.rng.uniform(25_000, 50_000)), 50_000, LPK_COST)
    name = s.pick(LPK_NAMES)
    return {
        "provider": Provider(f"demo-lpk-{province.code}-{name}", f"{DEMO_PREFIX} LPK {name} {city}", "LPK"),
        "bundle": bundle,
        "hours": hours, "cost_idr": cost, "mode": "offline" if s.rng.random() < 0.75 else "hybrid",
        "province": province.code, "city": city, "capacity": int(s.rng.integers(10, 31)),
        "certification": "BNSP" if s.rng.random() < 0.4 else "",
        "prakerja": cost <= 3_500_000 and s.rng.random() < 0.2, "start": True,
    }


def _online(s: _Sampler) -> dict[str, Any]:
    level: Level = s.pick(LEVELS, [0.6, 0.3, 0.1])
    bundle = s.bundle(s.occupation("online"), int(s.rng.integers(1, 4)), level, online=True)
    platform = int(s.rng.integers(1, 7))
    hours = float(s.pick(ONLINE_HOURS))
    return {
        "provider": Provider(
            f"demo-online-{platform}", f"{DEMO_PREFIX} Platform Daring {platform}", "online"
        ),
        "bundle": bundle,
        "hours": hours,
        "cost_idr": _round(100_000 + hours * float(s.rng.uniform(20_000, 50_000)), 50_000, ONLINE_COST),
        "mode": "online", "province": None, "city": "", "capacity": None,
        "certification": "sertifikat penyelesaian", "prakerja": True, "start": False,
    }


def generate_demo_catalog(
    seed: int = 20261128, n_courses: int = 4000, tax: Taxonomy | None = None
) -> CourseCatalog:
    """``n_courses`` synthetic courses, the same for the same seed and taxonomy version."""
    tax = tax or load_taxonomy()
    s = _sampler(tax, seed)
    provinces = list(PROVINCES)
    weights = np.array([DEMO_PROVINCE_WEIGHTS[p.code] for p in provinces]) ** 0.8 + 1.0
    province_p = weights / weights.sum()
    kinds = list(KIND_SHARES)
    courses = []
    for n in range(n_courses):
        kind = s.pick(kinds, list(KIND_SHARES.values()))
        if kind == "online":
            spec = _online(s)
        else:
            spec = (_blk if kind == "blk" else _lpk)(s, _place(s, provinces, province_p))
        start = FIRST_START + timedelta(weeks=int(s.rng.integers(0, 52))) if spec["start"] else None
        mode: Mode = spec["mode"]
        bundle: _Bundle = spec["bundle"]
        title_id, title_en = _titles(bundle, kind)
        courses.append(
            Course(
                id=f"DEMO-{n + 1:05d}", provider=spec["provider"], title_id=title_id, title_en=title_en,
                skills=tuple(dict.fromkeys(skill.uri for skill in bundle.skills)),
                hours=spec["hours"], cost_idr=spec["cost_idr"], mode=mode, province=spec["province"],
                city=spec["city"], level=bundle.level, start_date=start, certification=spec["certification"],
                capacity=spec["capacity"], prakerja=bool(spec["prakerja"]), synthetic=True,
            )
        )
    return CourseCatalog(courses)


def named_skills(course: Course, tax: Taxonomy) -> list[str]:
    """The skills of ``course`` (URIs) whose Indonesian name its Indonesian title contains."""
    title = course.title_id.casefold()
    skills = (tax.skills[tax.skill_index[uri]] for uri in course.skills if uri in tax.skill_index)
    return [s.uri for s in skills if s.label_id and s.label_id.casefold() in title]


def unexplained_skills(course: Course, tax: Taxonomy) -> list[str]:
    """The skills of ``course`` its Indonesian title neither names nor covers by naming an occupation
    that lists them or a skill group they belong to: what a reader of the title would not expect to learn.

    >>> tax = load_taxonomy()
    >>> p = Provider("p", "LPK", "LPK")
    >>> skills = (tax.skill("operate forklift").uri, tax.skill("operate tote board").uri)
    >>> title = "Kursus Operator Forklift: mengoperasikan forklift"
    >>> course = Course("c", p, title, "", skills, 20, 500_000, "online")
    >>> [tax.skill(uri).label_en for uri in unexplained_skills(course, tax)]
    ['operate tote board']
    """
    title = course.title_id.casefold()
    named = set(named_skills(course, tax))
    topics = _topics(tax)
    return [
        uri for uri in course.skills if uri not in named and not any(t in title for t in topics.get(uri, ()))
    ]


@load_once
def _topics(tax: Taxonomy) -> dict[str, tuple[str, ...]]:
    """Each skill's URI -> the Indonesian names (case-folded) of the occupations that list it and of the
    skill groups above it."""
    listed = (tax.essential + tax.optional).tocsc()
    names = [o.label_id.casefold() for o in tax.occupations]
    topics = {}
    for j, skill in enumerate(tax.skills):
        occupations = (names[r] for r in listed.indices[listed.indptr[j] : listed.indptr[j + 1]])
        groups = (g.label_id.casefold() for g in tax.skill_path(skill))
        topics[skill.uri] = tuple(name for name in (*occupations, *groups) if name)
    return topics


__all__ = ["DEMO_PREFIX", "generate_demo_catalog", "named_skills", "unexplained_skills"]
