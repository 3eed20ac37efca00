"""Interests -> occupations: O*NET's correlation match, a job-zone filter by education, ESCO and KBJI links.

Occupations are ranked by the Pearson correlation between a person's six area scores and each O*NET
occupation's six Occupational Interest ratings (O*NET 29.2, scale OI), as O*NET's own matching does;
equal correlations are ordered by O*NET-SOC code so that the ranking is deterministic. Each match
carries the ESCO occupations the shipped O*NET-ESCO crosswalk links to its code (the URIs the rest of
the journey takes), their KBJI 2014 titles, and the answers that drove it.

>>> from tangkas.youth.profiler import score_answers, load_items
>>> answers = {i.number: 4 if i.area in "RC" else 0 for i in load_items("short60")}
>>> matches = match_interests(score_answers(answers), education="SMA", limit=3)
>>> all(m.job_zone <= 2 for m in matches), matches[0].correlation > 0.9
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from tangkas.errors import TangkasError, UnknownConceptError
from tangkas.loading import load_once
from tangkas.models import Lang
from tangkas.taxonomy import ESCO_CODE, Taxonomy, load_taxonomy
from tangkas.youth.profiler import AREAS, InterestProfile, Item, load_items, top_areas

INTERESTS_FILE = Path(str(resources.files("tangkas") / "data" / "youth" / "onet_interests.parquet"))
AREA_COLUMNS = ("realistic", "investigative", "artistic", "social", "enterprising", "conventional")
LIKED = 3  # Suka / Like and above
REASON_AREAS = 2  # "why this match" looks at the occupation's two highest-rated areas
MAX_REASONS = 6

# Highest O*NET job zone a level of education reaches (docs/youth.md: O*NET zone 1 little or no
# preparation, 2 high school, 3 vocational training or associate's degree, 4 bachelor's, 5 graduate).
EDUCATION_ZONES: dict[str, int] = {
    "SD": 1,
    "SMP": 1,
    "SMA": 2,
    "SMK": 3,
    "D1": 3,
    "D2": 3,
    "D3": 3,
    "D4": 4,
    "S1": 4,
    "S2": 5,
    "S3": 5,
}


@dataclass(frozen=True, slots=True)
class OnetInterests:
    """O*NET occupations with interest ratings: codes, titles, zones, the 6-column rating matrix."""

    socs: tuple[str, ...]
    titles: tuple[str, ...]
    zones: np.ndarray
    ratings: np.ndarray
    standardized: np.ndarray  # each row centred and scaled to unit length: a dot product is Pearson's r


@dataclass(frozen=True, slots=True)
class EscoLink:
    """An ESCO occupation an O*NET match leads to, with its KBJI 2014 titles."""

    uri: str
    code: str
    label_en: str
    label_id: str
    kbji: tuple[tuple[str, str], ...]  # (kode, Indonesian title) of KBJI titles closest to it
    kbji_group: tuple[str, str]  # its KBJI/ISCO unit group: (code, Indonesian name)

    def label(self, lang: Lang = "id") -> str:
        """The occupation's name in ``lang`` (ESCO's English name where no Indonesian one is written)."""
        return self.label_id if lang == "id" and self.label_id else self.label_en


@dataclass(frozen=True, slots=True)
class InterestMatch:
    """One matched O*NET occupation, its links, and the liked items that drove the match."""

    soc: str
    title: str
    correlation: float
    job_zone: int
    with_training: bool  # one zone above what the person's education reaches
    areas: str  # the occupation's top-three code by its O*NET ratings
    esco: tuple[EscoLink, ...]
    reasons: tuple[Item, ...]

    def why(self, lang: Lang = "id") -> list[tuple[int, str]]:
        """The answers that drove the match: (item number, activity) in ``lang``."""
        return [(item.number, item.text(lang)) for item in self.reasons]


class UnrankableProfileError(TangkasError, ValueError):
    """A profile whose six area scores are all equal: no correlation, so no ranking."""


def _standardize(matrix: np.ndarray) -> np.ndarray:
    centred = matrix - matrix.mean(axis=-1, keepdims=True)
    norms = np.linalg.norm(centred, axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: np.ndarray = centred / norms
    return result


@load_once
def load_interests() -> OnetInterests:
    """The shipped O*NET interest ratings (``scripts/build_interests.py``)."""
    columns = pq.ParquetFile(INTERESTS_FILE).read().to_pydict()
    ratings = np.array([columns[c] for c in AREA_COLUMNS], dtype=np.float64).T
    return OnetInterests(
        socs=tuple(columns["soc"]),
        titles=tuple(columns["title"]),
        zones=np.array(columns["job_zone"], dtype=np.int64),
        ratings=ratings,
        standardized=_standardize(ratings),
    )


def correlations(scores: Sequence[float], interests: OnetInterests | None = None) -> np.ndarray:
    """Pearson's r between six area scores (R..C) and every occupation's ratings, in ``socs`` order.

    >>> r = correlations(load_interests().ratings[0])
    >>> round(float(r[0]), 6)
    1.0
    """
    data = interests or load_interests()
    person = _standardize(np.asarray(scores, dtype=np.float64))
    if not np.all(np.isfinite(person)):
        raise UnrankableProfileError(
            "all six area scores are equal: no occupation can be ranked by correlation",
            indonesian="keenam skor bidang sama: pekerjaan tidak bisa diurutkan menurut korelasi",
        )
    result: np.ndarray = data.standardized @ person
    return result


def rank_order(r: np.ndarray, socs: Sequence[str]) -> np.ndarray:
    """Row indices by correlation, highest first; equal correlations by O*NET-SOC code.

    >>> rank_order(np.array([0.5, 0.9, 0.5]), ["b", "c", "a"]).tolist()
    [1, 2, 0]
    """
    return np.lexsort((np.asarray(socs), -r))


@load_once
def _onet_to_esco() -> dict[str, tuple[str, ...]]:
    crosswalk = pq.ParquetFile(INTERESTS_FILE.parent.parent / "esco_onet.parquet").read().to_pydict()
    links: dict[str, list[str]] = {}
    for code, soc in zip(crosswalk["esco_code"], crosswalk["soc"], strict=True):
        if soc and ESCO_CODE.match(code):
            links.setdefault(soc, []).append(code)
    return {soc: tuple(sorted(set(codes))) for soc, codes in links.items()}


def esco_links(soc: str, taxonomy: Taxonomy) -> tuple[EscoLink, ...]:
    """The ESCO occupations (with KBJI titles) the O*NET-ESCO crosswalk links to ``soc``."""
    links = []
    for code in _onet_to_esco().get(soc, ()):
        try:
            occupation = taxonomy.occupation(code)
        except UnknownConceptError:  # the crosswalk names a few ESCO codes the taxonomy leaves out
            continue
        kbji = tuple((k.kode, k.title_id) for k in taxonomy.kbji_titles(occupation))
        group = taxonomy.isco_groups.get(occupation.isco)
        named_group = (occupation.isco, group.label_id if group else "")
        links.append(
            EscoLink(occupation.uri, code, occupation.label_en, occupation.label_id, kbji, named_group)
        )
    return tuple(links)


def match_reasons(profile: InterestProfile, ratings: Sequence[float]) -> tuple[Item, ...]:
    """Items answered Like or Strongly like in the occupation's two highest-rated areas: strongest
    answers first, then the occupation's higher area, then item order; at most six."""
    areas = top_areas(dict(zip(AREAS, ratings, strict=True)), REASON_AREAS)
    liked = [
        item
        for item in load_items(profile.form)
        if item.area in areas and profile.answers[item.number] >= LIKED
    ]
    liked.sort(key=lambda i: (-profile.answers[i.number], areas.index(i.area), i.number))
    return tuple(liked[:MAX_REASONS])


def zone_reach(education: str | None, stretch: bool) -> tuple[int, int]:
    """(highest zone the education reaches, highest zone shown); no education: every zone.

    >>> zone_reach("SMA", False), zone_reach("SMK", True), zone_reach(None, True)
    ((2, 2), (3, 4), (5, 5))
    """
    if education is None:
        return 5, 5
    key = education.strip().upper()
    if key not in EDUCATION_ZONES:
        known = ", ".join(EDUCATION_ZONES)
        raise TangkasError(
            f"unknown education level: {education!r} (one of {known})",
            indonesian=f"jenjang pendidikan tidak dikenal: {education!r} (salah satu dari {known})",
        )
    reach = EDUCATION_ZONES[key]
    return reach, min(5, reach + 1) if stretch else reach


def match_interests(
    profile: InterestProfile,
    *,
    education: str | None = None,
    stretch: bool = False,
    limit: int = 20,
    require_esco: bool = True,
    taxonomy: Taxonomy | None = None,
) -> list[InterestMatch]:
    """The occupations that best fit ``profile``, best first.

    ``education`` (SD, SMP, SMA, SMK, D1-D4, S1-S3) keeps occupations up to the job zone it reaches;
    ``stretch`` adds those one zone above, marked ``with_training``. ``require_esco`` leaves out the
    few O*NET codes the crosswalk links to no ESCO occupation (no plan could open from them).
    """
    data = load_interests()
    reach, shown = zone_reach(education, stretch)
    tax = taxonomy if taxonomy is not None else load_taxonomy()
    r = correlations(profile.vector, data)
    matches: list[InterestMatch] = []
    for row in rank_order(r, data.socs):
        if len(matches) >= limit:
            break
        zone = int(data.zones[row])
        soc = data.socs[row]
        if zone > shown:
            continue
        links = esco_links(soc, tax)
        if require_esco and not links:
            continue
        ratings = data.ratings[row].tolist()
        matches.append(
            InterestMatch(
                soc=soc,
                title=data.titles[row],
                correlation=float(r[row]),
                job_zone=zone,
                with_training=zone > reach,
                areas=top_areas(dict(zip(AREAS, ratings, strict=True))),
                esco=links,
                reasons=match_reasons(profile, ratings),
            )
        )
    return matches
