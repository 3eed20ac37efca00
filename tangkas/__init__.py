"""Tangkas: skills-based reskilling and upskilling for Indonesia and ASEAN.

>>> from tangkas import Profile, load_taxonomy, recommend_transitions, search_occupations
>>> search_occupations("sopir truk", limit=1)[0].occupation.isco
'8332'
>>> recommend_transitions(Profile(occupations=("7531.5",)), top=1)[0].viable
True
"""

from importlib import import_module
from typing import Any

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

# Heavier parts load on first use, so ``import tangkas`` and the taxonomy stay well under a second.
_LAZY = {
    "tangkas.training.catalog": ("Course", "CourseCatalog", "Provider"),
    "tangkas.reading.extract": ("SkillMention", "extract_skills"),
    "tangkas.reading.titles": ("TitleMatch", "code_title"),
    "tangkas.training.plans": ("TrainingNeed", "TrainingPlan", "plan_training", "training_need"),
    "tangkas.careers.transitions": (
        "DemandTable",
        "Profile",
        "Recommendation",
        "SkillGap",
        "recommend_transitions",
        "skill_gap",
    ),
}
_LAZY_NAMES = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    if name in _LAZY_NAMES:
        return getattr(import_module(_LAZY_NAMES[name]), name)
    raise AttributeError(f"module 'tangkas' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "AutomationRisk",
    "Course",
    "CourseCatalog",
    "DemandTable",
    "IscoGroup",
    "KbjiOccupation",
    "Occupation",
    "OccupationHit",
    "OnetProfile",
    "Profile",
    "Provider",
    "Recommendation",
    "Skill",
    "SkillGap",
    "SkillGroup",
    "SkillHit",
    "SkillMention",
    "TangkasError",
    "Taxonomy",
    "TitleMatch",
    "TrainingNeed",
    "TrainingPlan",
    "UnknownConceptError",
    "code_title",
    "extract_skills",
    "load_taxonomy",
    "plan_training",
    "recommend_transitions",
    "search_occupations",
    "search_skills",
    "skill_gap",
    "training_need",
]
