"""Young people in the digital economy: the O*NET Interest Profiler in Indonesian, matching interests to
occupations, digital pathways, training providers matched to talents, and youth indicators.

The profiler and matching are pure library code (no database, no web): the questionnaire pages, storage
and consent build on them.
"""

from tangkas.youth.matching import (
    EDUCATION_ZONES,
    InterestMatch,
    match_interests,
)
from tangkas.youth.profiler import (
    ANSWER_LABELS,
    AREA_NAMES,
    AREAS,
    FORMS,
    IncompleteAnswersError,
    InterestProfile,
    Item,
    load_items,
    score_answers,
    top_areas,
)

__all__ = [
    "ANSWER_LABELS",
    "AREAS",
    "AREA_NAMES",
    "EDUCATION_ZONES",
    "FORMS",
    "IncompleteAnswersError",
    "InterestMatch",
    "InterestProfile",
    "Item",
    "load_items",
    "match_interests",
    "score_answers",
    "top_areas",
]
