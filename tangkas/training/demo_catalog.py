"""A synthetic, deterministic demo course catalog across Indonesia's 38 provinces.

Every course is marked ``synthetic=True`` and its provider name starts with ``[DEMO]``: this is
demonstration data, not real offerings. Skills are drawn from what ESCO occupations need, weighted by
how many occupations list a skill as essential; related skills are grouped through the ESCO skills
hierarchy. Three kinds of course mimic Indonesian supply: BLK competency programmes built around an
occupation (long, free, offline, often BNSP-certified), LPK courses on a cluster of related skills
(paid, offline or hybrid) and short online classes (often Kartu Prakerja eligible).

>>> catalog = generate_demo_catalog(seed=7, n_courses=60)
>>> len(catalog), catalog.synthetic, catalog.courses[0].provider.name.startswith("[DEMO]")
(60, True, True)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from tangkas.models import Occupation
from tangkas.provinces import PROVINCES, Province
from tangkas.taxonomy import Taxonomy, load_taxonomy
from tangkas.training.catalog import Course, CourseCatalog, Level, Mode, Provider

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
# BLK programmes favour the trades and services over managers and professionals (ISCO major groups).
ISCO_MAJOR_WEIGHTS = {"0": 0.0, "1": 0.2, "2": 0.5, "3": 1.0, "4": 1.0, "5": 1.5, "6": 1.0, "7": 2.0,
                      "8": 1.5, "9": 0.8}
LPK_NAMES = ("Mandiri", "Terampil", "Karya Muda", "Cipta Kerja", "Maju Bersama")
LEVELS: tuple[Level, ...] = ("basic", "intermediate", "advanced")
LEVEL_ID = {"basic": "Dasar", "intermediate": "Menengah", "advanced": "Lanjutan"}
LEVEL_EN = {"basic": "Basic", "intermediate": "Intermediate", "advanced": "Advanced"}


@dataclass
class _Sampler:
    tax: Taxonomy
    rng: np.random.Generator
    frequency: np.ndarray
    group_of: dict[int, str]
    members: dict[str, list[int]]
    occupations: list[Occupation]
    occupation_p: np.ndarray
    anchor_cdf: tuple[np.ndarray, np.ndarray]

    def pick(self, options: Any, p: Any = None) -> Any:
        return options[int(self.rng.choice(len(options), p=p))]

    def anchor(self, online: bool) -> int:
        cdf = self.anchor_cdf[int(online)]
        return int(np.searchsorted(cdf, self.rng.random() * cdf[-1], side="right"))

    def cluster(self, anchor: int, size: int) -> list[int]:
        others = [i for i in self.members.get(self.group_of.get(anchor, ""), []) if i != anchor]
        if not others or size <= 1:
            return [anchor]
        weights = self.frequency[others] + 0.5
        take = min(size - 1, len(others))
        extra = self.rng.choice(others, size=take, replace=False, p=weights / weights.sum())
        return [anchor, *(int(i) for i in extra)]


def _sampler(tax: Taxonomy, seed: int) -> _Sampler:
    frequency = np.asarray(tax.essential.sum(axis=0), dtype=float).ravel()
    group_of: dict[int, str] = {}
    members: dict[str, list[int]] = defaultdict(list)
    for i in np.nonzero(frequency)[0]:
        path = tax.skill_path(tax.skills[int(i)])
        if path:
            group_of[int(i)] = path[-1].uri
            members[path[-1].uri].append(int(i))
    counts = np.diff(tax.essential.indptr)
    occupations = [o for o, n in zip(tax.occupations, counts, strict=True) if n >= 3]
    weights = np.array([ISCO_MAJOR_WEIGHTS.get(o.isco[:1], 1.0) for o in occupations])
    anchor = frequency**0.8
    # online classes lean towards digital and transversal skills
    boost = np.array([2.0 if s.collections & {"digital", "transversal"} else 1.0 for s in tax.skills])
    anchor_cdf = (np.cumsum(anchor), np.cumsum(anchor * boost))
    return _Sampler(tax, np.random.default_rng(seed), frequency, group_of, dict(members), occupations,
                    weights / weights.sum(), anchor_cdf)


def _round(value: float, step: int) -> int:
    return int(max(step, round(value / step) * step))


def _place(s: _Sampler, provinces: list[Province], p: np.ndarray) -> tuple[Province, str]:
    province = provinces[int(s.rng.choice(len(provinces), p=p))]
    cities = province.cities
    city_p = np.array([2.0] + [1.0] * (len(cities) - 1))
    return province, s.pick(cities, city_p / city_p.sum())


def _occupation_title(tax: Taxonomy, occupation: Occupation) -> str:
    if occupation.label_id:
        return occupation.label_id
    titles = tax.kbji_titles(occupation)
    if titles:
        return titles[0].title_id
    group = tax.isco_groups.get(occupation.isco)
    return group.label_id if group and group.label_id else occupation.label_en


def _blk(s: _Sampler, n: int, place: tuple[Province, str]) -> dict[str, Any]:
    province, city = place
    occupation = s.pick(s.occupations, s.occupation_p)
    row = s.tax.occupation_index[occupation.uri]
    essential = s.tax.essential.indices[s.tax.essential.indptr[row] : s.tax.essential.indptr[row + 1]]
    size = min(len(essential), int(s.rng.integers(3, 7)))
    skills = [int(i) for i in s.rng.choice(essential, size=size, replace=False)]
    level: Level = s.pick(LEVELS, [0.5, 0.4, 0.1])
    return {
        "provider": Provider(f"demo-blk-{province.code}-{city}", f"{DEMO_PREFIX} UPTD BLK {city}", "BLK"),
        "title_id": f"Pelatihan Berbasis Kompetensi: {_occupation_title(s.tax, occupation)}"
        f" ({LEVEL_ID[level]})",
        "title_en": f"Competency-based training: {occupation.label_en} ({LEVEL_EN[level]})",
        "skills": skills, "level": level, "hours": float(s.pick([120, 160, 200, 240, 280, 320])),
        "cost_idr": 0, "mode": "offline" if s.rng.random() < 0.9 else "hybrid", "province": province.code,
        "city": city, "capacity": 16, "certification": "BNSP" if s.rng.random() < 0.7 else "",
        "prakerja": False, "start": True,
    }


def _lpk(s: _Sampler, n: int, place: tuple[Province, str]) -> dict[str, Any]:
    province, city = place
    skills = s.cluster(s.anchor(False), int(s.rng.integers(1, 5)))
    label, label_id = s.tax.skills[skills[0]].label("en"), s.tax.skills[skills[0]].label("id")
    level: Level = s.pick(LEVELS, [0.45, 0.4, 0.15])
    hours = float(s.pick([24, 32, 40, 48, 64, 80, 96, 120]))
    cost = min(7_500_000, _round(hours * float(s.rng.uniform(20_000, 60_000)), 50_000))
    name = s.pick(LPK_NAMES)
    return {
        "provider": Provider(f"demo-lpk-{province.code}-{name}", f"{DEMO_PREFIX} LPK {name} {city}", "LPK"),
        "title_id": f"Kursus {label_id} (Tingkat {LEVEL_ID[level]})",
        "title_en": f"{LEVEL_EN[level]} course: {label}",
        "skills": skills, "level": level, "hours": hours, "cost_idr": cost,
        "mode": "offline" if s.rng.random() < 0.6 else "hybrid", "province": province.code, "city": city,
        "capacity": int(s.rng.integers(10, 31)), "certification": "BNSP" if s.rng.random() < 0.4 else "",
        "prakerja": cost <= 3_500_000 and s.rng.random() < 0.3, "start": True,
    }


def _online(s: _Sampler, n: int) -> dict[str, Any]:
    skills = s.cluster(s.anchor(True), int(s.rng.integers(1, 4)))
    label, label_id = s.tax.skills[skills[0]].label("en"), s.tax.skills[skills[0]].label("id")
    level: Level = s.pick(LEVELS, [0.6, 0.3, 0.1])
    platform = int(s.rng.integers(1, 7))
    hours = float(s.pick([3, 4, 6, 8, 10, 12, 16, 20, 24, 30]))
    return {
        "provider": Provider(
            f"demo-online-{platform}", f"{DEMO_PREFIX} Platform Daring {platform}", "online"
        ),
        "title_id": f"Kelas Daring: {label_id} ({LEVEL_ID[level]})",
        "title_en": f"Online class: {label} ({LEVEL_EN[level]})",
        "skills": skills, "level": level, "hours": hours,
        "cost_idr": min(1_500_000, _round(hours * float(s.rng.uniform(25_000, 70_000)), 10_000)),
        "mode": "online", "province": None, "city": "", "capacity": None,
        "certification": "sertifikat penyelesaian" if s.rng.random() < 0.5 else "",
        "prakerja": s.rng.random() < 0.7, "start": False,
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
            spec = _online(s, n)
        else:
            spec = (_blk if kind == "blk" else _lpk)(s, n, _place(s, provinces, province_p))
        start = FIRST_START + timedelta(weeks=int(s.rng.integers(0, 52))) if spec["start"] else None
        mode: Mode = spec["mode"]
        uris = tuple(dict.fromkeys(tax.skills[i].uri for i in spec["skills"]))
        courses.append(
            Course(
                id=f"DEMO-{n + 1:05d}", provider=spec["provider"], title_id=spec["title_id"],
                title_en=spec["title_en"], skills=uris,
                hours=spec["hours"], cost_idr=spec["cost_idr"], mode=mode, province=spec["province"],
                city=spec["city"], level=spec["level"], start_date=start, certification=spec["certification"],
                capacity=spec["capacity"], prakerja=bool(spec["prakerja"]), synthetic=True,
            )
        )
    return CourseCatalog(courses)
