"""Tangkas: skills-based reskilling and upskilling for Indonesia and ASEAN.

>>> from tangkas import Profile, load_taxonomy, recommend_transitions, search_occupations
>>> search_occupations("sopir truk", limit=1)[0].occupation.isco
'8332'
>>> recommend_transitions(Profile(occupations=("7531.5",)), top=1)[0].viable
True
"""

from tangkas.catalog import Course, CourseCatalog, Provider
from tangkas.errors import TangkasError, UnknownConceptError
from tangkas.extract import SkillMention, extract_skills
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
from tangkas.titles import TitleMatch, code_title
from tangkas.training import TrainingNeed, TrainingPlan, plan_training, training_need
from tangkas.transitions import (
    DemandTable,
    Profile,
    Recommendation,
    SkillGap,
    recommend_transitions,
    skill_gap,
)

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
