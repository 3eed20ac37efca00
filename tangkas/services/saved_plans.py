"""A saved plan is a snapshot: what the counsellor was shown (courses, costs, hours, gaps, target, the
kind of catalog), by whom and when, kept as JSON so it reads the same whatever the catalog becomes.

It prints from the snapshot and is shared as short plain-text lines a counsellor can paste into
WhatsApp (``*bold*`` is WhatsApp's own markup; no HTML, no personal data).

>>> from datetime import datetime
>>> from tangkas.careers.transitions import Profile
>>> from tangkas.services.plans import plan_move
>>> from tangkas.store.keys import ApiKey
>>> from tangkas.training.catalog import CourseCatalog
>>> result = plan_move(Profile(occupations=("2512.4",)), "2512.4", CourseCatalog([]))
>>> sari = ApiKey(7, "counsellor", "BDG", None, "Ibu Sari")
>>> shot = plan_snapshot(result, sari, datetime(2026, 11, 29, 14, 5))
>>> shot["by"], shot["catalog"]
({'key_id': 7, 'label': 'Ibu Sari', 'role': 'counsellor', 'office_code': 'BDG'}, 'real')
>>> print(snapshot_text(shot).splitlines()[0])
*Rencana pelatihan: pengembang perangkat lunak*
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tangkas.i18n import translate
from tangkas.models import Lang
from tangkas.services.plans import PlanResult
from tangkas.store.keys import ApiKey
from tangkas.taxonomy import load_taxonomy
from tangkas.training.plans import NeededSkill

SNAPSHOT_VERSION = 1
TEXT: dict[str, dict[str, str]] = {
    "title": {"id": "Rencana pelatihan: {target}", "en": "Training plan: {target}"},
    "from": {"id": "Dari: {jobs}", "en": "From: {jobs}"},
    "demo": {
        "id": "Katalog DEMO: contoh, bukan kursus nyata.",
        "en": "DEMO catalog: examples, not real courses.",
    },
    "online": {"id": "daring", "en": "online"},
    "hours": {"id": "{n} jam", "en": "{n} hours"},
    "closes": {"id": "   Menutup: {skills}", "en": "   Closes: {skills}"},
    "total": {
        "id": "Total: Rp{cost}, {hours} jam (anggaran Rp{budget})",
        "en": "Total: Rp{cost}, {hours} hours (budget Rp{budget})",
    },
    "no_courses": {"id": "Belum ada kursus dalam rencana.", "en": "No course in the plan yet."},
    "open": {"id": "Belum tertutup: {skills}", "en": "Still open: {skills}"},
    "by": {
        "id": "Disusun {when} oleh konselor {who} (Tangkas)",
        "en": "Made {when} by counsellor {who} (Tangkas)",
    },
}
TEXT_SKILLS = 6
"""Skills named per line of the shared text before "+N": a message stays short on a phone."""


def _skill(skill: NeededSkill) -> dict[str, Any]:
    return {
        "uri": skill.uri,
        "en": skill.label,
        "id": skill.label_id or skill.label,
        "essential": skill.essential,
    }


def plan_snapshot(result: PlanResult, caller: ApiKey, when: datetime) -> dict[str, Any]:
    """The plan as shown, in both languages, with who saved it (their key's id, label, role and office;
    never its secret) and when."""
    tax, plan = load_taxonomy(), result.plan
    needed = {s.uri: s for s in result.need.skills}
    occupations = [tax.occupation(uri) for uri in result.profile.occupations]
    return {
        "version": SNAPSHOT_VERSION,
        "at": when.isoformat(timespec="seconds"),
        "by": {
            "key_id": caller.id,
            "label": caller.label,
            "role": caller.role,
            "office_code": caller.office_code,
        },
        "catalog": "DEMO" if result.synthetic_catalog else "real",
        "target": {
            "uri": result.target.uri,
            "id": result.target.label("id"),
            "en": result.target.label("en"),
        },
        "from": [{"uri": o.uri, "id": o.label("id"), "en": o.label("en")} for o in occupations],
        "province": result.profile.province,
        "budget": plan.budget,
        "cost_idr": plan.cost_idr,
        "hours": plan.hours,
        "complete": plan.complete,
        "steps": [
            {
                "order": step.order,
                "id": step.course.title("id"),
                "en": step.course.title("en"),
                "provider": step.course.provider.name,
                "mode": step.course.mode,
                "place": step.course.city or step.course.province or "",
                "start_date": step.course.start_date.isoformat() if step.course.start_date else None,
                "hours": step.course.hours,
                "cost_idr": step.course.cost_idr,
                "prakerja": step.course.prakerja,
                "skills": [_skill(needed[uri]) for uri in step.skills if uri in needed],
            }
            for step in plan.steps
        ],
        "gaps": [_skill(s) for s in result.need.skills],
        "uncovered": [{**_skill(u.skill), "reason": u.reason} for u in plan.uncovered],
    }


def _rupiah(amount: float) -> str:
    return f"{round(amount):,}".replace(",", ".")


def _names(skills: list[dict[str, Any]], lang: Lang) -> str:
    names = [s[lang] for s in skills[:TEXT_SKILLS]]
    more = len(skills) - TEXT_SKILLS
    return ", ".join(names) + (f" +{more}" if more > 0 else "")


def snapshot_text(snapshot: dict[str, Any], lang: Lang = "id") -> str:
    """The saved plan as short plain-text lines for WhatsApp (Indonesian unless ``lang="en"``)."""

    def t(key: str, **values: object) -> str:
        return translate(TEXT, key, lang, **values)

    lines = [f"*{t('title', target=snapshot['target'][lang])}*"]
    if snapshot["from"]:
        lines.append(t("from", jobs=", ".join(o[lang] for o in snapshot["from"])))
    if snapshot["catalog"] == "DEMO":
        lines.append(t("demo"))
    lines.append("")
    for step in snapshot["steps"]:
        where = t("online") if step["mode"] == "online" else step["place"]
        hours, cost = t("hours", n=round(step["hours"])), _rupiah(step["cost_idr"])
        lines.append(f"{step['order']}. {step[lang]} — {step['provider']}, {where}, {hours}, Rp{cost}")
        if step["skills"]:
            lines.append(t("closes", skills=_names(step["skills"], lang)))
    if not snapshot["steps"]:
        lines.append(t("no_courses"))
    cost, budget = _rupiah(snapshot["cost_idr"]), _rupiah(snapshot["budget"])
    lines.append(t("total", cost=cost, hours=round(snapshot["hours"]), budget=budget))
    if snapshot["uncovered"]:
        lines.append(t("open", skills=_names(snapshot["uncovered"], lang)))
    by = snapshot["by"]
    when = datetime.fromisoformat(snapshot["at"]).strftime("%d-%m-%Y %H:%M")
    lines += ["", t("by", when=when, who=by["label"] or by["office_code"] or by["role"])]
    return "\n".join(lines) + "\n"
