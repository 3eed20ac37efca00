"""A worker's profile -> the occupations they can move into, scored, explained, in one JSON shape.

>>> from tangkas.careers.transitions import Profile
>>> recs = recommend(Profile(occupations=("7531.5",)), top=1)
>>> sorted(recommendation_to_dict(recs[0]))[:4]
['automation_risk_change', 'code', 'components', 'desirability_inputs']
"""

from __future__ import annotations

from typing import Any

from tangkas.careers.transitions import DemandTable, Profile, Recommendation, recommend_transitions
from tangkas.models import Occupation
from tangkas.store import Store
from tangkas.store.queries import demand_table
from tangkas.taxonomy import load_taxonomy

RELATED_TOP = 8
"""How many related occupations an occupation's page lists."""


def recommend(profile: Profile, *, top: int = 10, store: Store | None = None) -> list[Recommendation]:
    """The best ``top`` moves for ``profile``; with a store, pay and demand come from its postings.

    A profile with neither occupations nor skills has no recommendations.
    """
    if not profile.occupations and not profile.skills:
        return []
    demand: DemandTable | None = demand_table(store) if store is not None else None
    return recommend_transitions(profile, top=top, demand=demand)


def related_occupations(occupation: Occupation, *, top: int = RELATED_TOP) -> list[Recommendation]:
    """The occupations someone in ``occupation`` most readily moves into."""
    return recommend(Profile(occupations=(occupation.uri,)), top=top)


def occupation_label_id(occupation: Occupation) -> str:
    """The Indonesian (KBJI/ISCO) name of the occupation's unit group, or ``""``."""
    group = load_taxonomy().isco_groups.get(occupation.isco)
    return group.label_id if group else ""


def recommendation_to_dict(rec: Recommendation) -> dict[str, Any]:
    """A recommendation as JSON: one shape for ``/api/transitions`` and ``tangkas transitions --json``."""
    return {
        "uri": rec.occupation.uri,
        "code": rec.occupation.code,
        "label_en": rec.occupation.label_en,
        "label_id": rec.occupation.label_id,
        "group_label_id": occupation_label_id(rec.occupation),
        "score": round(rec.score, 4),
        "components": {k: round(v, 4) for k, v in rec.components.items()},
        "viable": rec.viable,
        "highly_viable": rec.highly_viable,
        "fit": rec.fit,
        "desirable": rec.desirable,
        "desirability_inputs": list(rec.desirability_inputs),
        "automation_risk_change": rec.automation_risk_change,
        "raises_automation_risk": rec.raises_automation_risk,
        "job_zone_rise": rec.job_zone_rise,
        "pay_ratio": rec.pay_ratio,
        "median_pay": rec.median_pay,
        "postings": rec.postings,
        "transferable": [
            {"uri": s.uri, "label_en": s.label_en, "label_id": s.label_id} for s in rec.gap.transferable
        ],
        "missing_essential": [
            {
                "uri": g.skill.uri,
                "label_en": g.skill.label_en,
                "label_id": g.skill.label_id,
                "importance": round(g.importance, 4),
                "related": g.related.label_en if g.related else None,
            }
            for g in rec.gap.missing_essential
        ],
        "missing_optional": [g.skill.uri for g in rec.gap.missing_optional],
    }
