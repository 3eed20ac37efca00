"""Tangkas: skills-based reskilling and upskilling for Indonesia and ASEAN.

>>> from tangkas import load_taxonomy, search_occupations
>>> search_occupations("sopir truk", limit=1)[0].occupation.isco
'8332'
"""

from tangkas.errors import TangkasError, UnknownConceptError
from tangkas.models import (
    AutomationRisk,
    IscoGroup,
    KbjiOccupation,
    Occupation,
    OnetProfile,
    Skill,
    SkillGroup,
)
from tangkas.search import OccupationHit, SkillHit, search_occupations, search_skills
from tangkas.taxonomy import Taxonomy, load_taxonomy

__version__ = "0.1.0"

__all__ = [
    "AutomationRisk",
    "IscoGroup",
    "KbjiOccupation",
    "Occupation",
    "OccupationHit",
    "OnetProfile",
    "Skill",
    "SkillGroup",
    "SkillHit",
    "TangkasError",
    "Taxonomy",
    "UnknownConceptError",
    "load_taxonomy",
    "search_occupations",
    "search_skills",
]
