"""Looking up the taxonomy: an occupation, an ISCO group, a KBJI occupation or a skill, in one JSON shape
for ``/api/occupations/lookup``, ``/api/skills/lookup``, ``tangkas occupation show --json`` and
``tangkas skill show --json``.

>>> data = concept_to_dict(lookup("7531.5"))
>>> data["isco"], data["isco_path"][0]["code"], bool(data["essential_skills"])
('7531', '7', True)
>>> skill_to_dict(load_taxonomy().skill("operate forklift"))["label_en"]
'operate forklift'
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from tangkas.models import IscoGroup, KbjiOccupation, Occupation, Skill
from tangkas.taxonomy import load_taxonomy


def lookup(identifier: str) -> Occupation | IscoGroup | KbjiOccupation:
    """An occupation by ESCO URI or code, an ISCO group by code, or a KBJI occupation by kode."""
    return load_taxonomy().lookup(identifier)


def concept_to_dict(found: Occupation | IscoGroup | KbjiOccupation) -> dict[str, Any]:
    """A concept as JSON; an occupation with its ISCO path, KBJI titles, skills, O*NET data and
    automation risk."""
    data: dict[str, Any] = asdict(found)
    if not isinstance(found, Occupation):
        return data
    tax = load_taxonomy()
    onet, risk = tax.onet(found), tax.automation_risk(found.isco)
    data.pop("hidden_en", None)
    data["alt_en"] = list(found.alt_en)
    data["isco_path"] = [
        {"code": g.code, "label_en": g.label_en, "label_id": g.label_id} for g in tax.isco_path(found.isco)
    ]
    data["kbji"] = [asdict(k) for k in tax.kbji_titles(found)]
    data["essential_skills"] = [_named(s) for s in tax.essential_skills(found)]
    data["optional_skills"] = [_named(s) for s in tax.optional_skills(found)]
    data["onet"] = asdict(onet) if onet else None
    data["automation_risk"] = asdict(risk) if risk else None
    return data


def _named(skill: Skill) -> dict[str, str]:
    return {"uri": skill.uri, "label_en": skill.label_en, "label_id": skill.label_id}


def skill_to_dict(skill: Skill) -> dict[str, Any]:
    """A skill as JSON, with the occupations that require it."""
    data: dict[str, Any] = asdict(skill)
    data.pop("hidden_en", None)
    data["collections"] = sorted(skill.collections)
    data["essential_for"] = [o.uri for o in load_taxonomy().occupations_requiring(skill)]
    return data
