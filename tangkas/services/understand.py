"""Understanding a worker: text, a CV or a query -> skills and occupations, and their profile.

>>> profile = worker_profile(["7531.5"], province="32")
>>> profile.occupations[0].endswith("978ae3a2-0831-415a-8396-b84dde656fc5"), profile.province
(True, '32')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tangkas.careers.excluded import is_excluded
from tangkas.careers.transitions import Profile
from tangkas.reading.extract import SkillMention, extract_skills
from tangkas.reading.titles import TitleMatch, code_description, code_title
from tangkas.search import OccupationHit, SkillHit, search_occupations, search_skills
from tangkas.taxonomy import load_taxonomy
from tangkas.text.prepare import job_titles

SUGGEST_MIN_Z = 4.0
"""A person corrects what is understood, so weaker semantic matches are offered too (unticked)."""


@dataclass(frozen=True, slots=True)
class Understanding:
    """What a free text says about its writer: likely occupations, skills with evidence, CV job lines."""

    text: str
    titles: list[TitleMatch]
    mentions: list[SkillMention]
    jobs: list[str]
    province: str | None = None
    """The BPS code of the province the text names most (a CV's address and workplaces), if any."""


def understand(text: str, *, occupations: int = 5) -> Understanding:
    """Occupations and skills (with weaker suggestions) in a description of someone's work or a CV.

    An occupation never recommended in Indonesia (a casino cashier) is offered only as the best
    reading, where the text says so (a migrant worker back from a casino abroad), never as a runner-up.
    """
    if not text.strip():
        return Understanding(text, [], [], job_titles(text))
    mentions = extract_skills(text, min_z=SUGGEST_MIN_Z)
    found = code_description(text, limit=occupations + 3)
    titles = [m for i, m in enumerate(found) if i == 0 or not is_excluded(m.occupation.uri)][:occupations]
    return Understanding(text, titles, mentions, job_titles(text), guess_province(text))


_PLACE_WORDS = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\b")
NOT_PLACES = frozenset({"batu", "solo", "metro", "kota", "tengah", "timur", "barat", "utara", "selatan"})
"""Capitalised words that name a place but mostly mean something else in a CV."""


def guess_province(text: str) -> str | None:
    """The province a text names most often, from capitalised place names (cities, regencies, towns,
    provinces), or ``None``.

    >>> guess_province("Jl. Kenanga No. 5, Depok | Kasir - Minimarket Segar, Bekasi"), guess_province("Kasir")
    ('32', None)
    """
    from tangkas.market.places import parse_location, place_names

    known = place_names()
    counts: dict[str, int] = {}
    for match in _PLACE_WORDS.finditer(text):
        words = match.group(0).split()
        for size in range(len(words), 0, -1):  # the longest place name in the capitalised run
            name = " ".join(words[:size]).lower()
            if name in known and name not in NOT_PLACES:
                code = parse_location(name).province_code
                if code:
                    counts[code] = counts.get(code, 0) + 1
                break
    return max(counts, key=lambda c: counts[c]) if counts else None


def skill_mentions(text: str, *, semantic: bool = True) -> list[SkillMention]:
    """ESCO skills in an ad or CV at the default confidence, with evidence spans (the phrase stage only
    when ``semantic`` is false: faster, fewer paraphrases found)."""
    return extract_skills(text, semantic=semantic)


def title_matches(title: str, *, limit: int = 10) -> list[TitleMatch]:
    """Ranked occupations for a job title."""
    return code_title(title, limit=limit)


def find_occupations(query: str, *, limit: int = 10) -> list[OccupationHit]:
    """Occupations for what a person typed (nothing for a blank query)."""
    return search_occupations(query, limit=limit) if query.strip() else []


def find_skills(query: str, *, limit: int = 10) -> list[SkillHit]:
    """Skills for what a person typed (nothing for a blank query)."""
    return search_skills(query, limit=limit) if query.strip() else []


def worker_profile(
    occupations: Iterable[str],
    skills: Iterable[str] = (),
    *,
    province: str | None = None,
    min_pay: float | None = None,
    max_job_zone_jump: int | None = None,
    exclude: Iterable[str] = (),
    less_physical: bool = False,
    indoor: bool = False,
) -> Profile:
    """A profile from occupation and skill identifiers (URI, ESCO code, label); unknown ones raise."""
    tax = load_taxonomy()
    return Profile(
        occupations=tuple(tax.occupation(o).uri for o in occupations if o),
        skills=tuple(tax.skill(s).uri for s in skills if s),
        province=province or None,
        exclude=frozenset(tax.occupation(e).uri for e in exclude),
        min_pay=min_pay,
        max_job_zone_jump=max_job_zone_jump,
        less_physical=less_physical,
        indoor=indoor,
    )


PROFILE_FIELDS = ("occupations", "skills", "province_code")
"""The only fields of a stored worker that make their profile: never gender, age, migrant status or
anything else about the person (a property test holds recommendations and plans to it)."""


def record_profile(worker: Mapping[str, Any]) -> Profile:
    """The profile a counsellor starts from for a stored worker: their occupations and skills (``;``
    lists of URIs, as stored) and their province.

    >>> tailor = {"occupations": "7531.5", "skills": "", "province_code": "32", "gender": "F"}
    >>> record_profile(tailor) == record_profile({**tailor, "gender": "M"})
    True
    >>> record_profile(tailor) == worker_profile(["7531.5"], province="32")
    True
    """

    def listed(name: str) -> list[str]:
        return [uri for uri in str(worker.get(name) or "").split(";") if uri]

    return worker_profile(listed("occupations"), listed("skills"), province=worker.get("province_code"))


def mention_to_dict(mention: SkillMention) -> dict[str, Any]:
    """A skill mention as JSON."""
    return {
        "uri": mention.skill.uri,
        "label_en": mention.skill.label_en,
        "label_id": mention.skill.label_id,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "confidence": round(mention.confidence, 4),
        "method": mention.method,
        "matched": mention.matched,
    }


def title_match_to_dict(match: TitleMatch) -> dict[str, Any]:
    """A coded title as JSON."""
    return {
        "uri": match.occupation.uri,
        "code": match.occupation.code,
        "isco": match.isco,
        "label_en": match.occupation.label_en,
        "label_id": match.occupation.label_id,
        "score": round(match.score, 4),
    }


def occupation_hit_to_dict(hit: OccupationHit) -> dict[str, Any]:
    """An occupation search hit as JSON."""
    return {
        "uri": hit.occupation.uri,
        "code": hit.occupation.code,
        "isco": hit.occupation.isco,
        "label_en": hit.occupation.label_en,
        "label_id": hit.occupation.label_id,
        "matched": hit.matched,
        "source": hit.source,
        "score": hit.score,
        "kbji": hit.kbji.kode if hit.kbji else None,
    }


def skill_hit_to_dict(hit: SkillHit) -> dict[str, Any]:
    """A skill search hit as JSON."""
    return {
        "uri": hit.skill.uri,
        "label_en": hit.skill.label_en,
        "label_id": hit.skill.label_id,
        "matched": hit.matched,
        "score": hit.score,
    }
