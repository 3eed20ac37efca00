"""Gambling skills, which no course teaches: gambling is a crime in Indonesia.

ESCO describes work in casinos, betting shops and lotteries; a training catalog for Indonesian workers
must not offer it. The gambling occupations are those :mod:`tangkas.careers.excluded` lists as gambling,
and any other whose ESCO name says gambling or gaming or whose description says gambling.

A skill is gambling when its English name says so ("operate tote board", "place bets", "manage gaming
cash desk"), or when its description does and most occupations that list it are gambling occupations
("deal cards"); a general skill whose description only mentions gambling in passing ("apply conflict
management") stays, and so does one about video games ("sell gaming software").

>>> from tangkas.taxonomy import load_taxonomy
>>> tax = load_taxonomy()
>>> is_gambling_skill(tax, tax.skill("operate tote board")), is_gambling_skill(tax, tax.skill("deal cards"))
(True, True)
>>> is_gambling_skill(tax, tax.skill("apply conflict management"))
False
>>> sorted(o.code for o in gambling_occupations(tax))[:3]
['1213.1', '1431.2', '1431.2.2']
"""

from __future__ import annotations

import re

from tangkas.careers.excluded import excluded_occupations
from tangkas.loading import load_once
from tangkas.models import Occupation, Skill
from tangkas.taxonomy import Taxonomy

GAMBLING_WORDS = (
    r"gambl\w*|betting|bets?|wager\w*|lotter(?:y|ies)|casinos?|totes?|bookmak\w*|croupiers?|bingo|poker"
    r"|roulette|blackjack|slot machines?|parimutuel|odds"
)
GAMBLING = re.compile(rf"\b(?:{GAMBLING_WORDS})\b", re.IGNORECASE)
GAMBLING_OR_GAMING = re.compile(rf"\b(?:{GAMBLING_WORDS}|gaming)\b", re.IGNORECASE)
VIDEO_GAMES = re.compile(r"\b(?:video|computer|console)", re.IGNORECASE)


def _gambling_occupation(occupation: Occupation) -> bool:
    listed = excluded_occupations().get(occupation.uri)
    return (listed is not None and listed.kind == "gambling") or bool(
        GAMBLING_OR_GAMING.search(occupation.label_en) or GAMBLING.search(occupation.description_en)
    )


def gambling_occupations(tax: Taxonomy) -> list[Occupation]:
    """The occupations ``tangkas/data/excluded_occupations.csv`` lists as gambling, and those whose ESCO
    name says gambling or gaming or whose description says gambling."""
    return [o for o in tax.occupations if _gambling_occupation(o)]


@load_once
def _gambling_skill_uris(tax: Taxonomy) -> frozenset[str]:
    gambling = {tax.occupation_index[o.uri] for o in gambling_occupations(tax)}
    listed = (tax.essential + tax.optional).tocsc()
    found = set()
    for j, skill in enumerate(tax.skills):
        words = GAMBLING if VIDEO_GAMES.search(skill.description_en) else GAMBLING_OR_GAMING
        if words.search(skill.label_en):
            found.add(skill.uri)
        elif words.search(" ".join((*skill.alt_en, skill.description_en))):
            rows = listed.indices[listed.indptr[j] : listed.indptr[j + 1]]
            if 2 * sum(int(r) in gambling for r in rows) >= len(rows):
                found.add(skill.uri)
    return frozenset(found)


def is_gambling_skill(tax: Taxonomy, skill: Skill) -> bool:
    """Whether ``skill`` is gambling work, by the rules above."""
    return skill.uri in _gambling_skill_uris(tax)


__all__ = ["GAMBLING", "gambling_occupations", "is_gambling_skill"]
