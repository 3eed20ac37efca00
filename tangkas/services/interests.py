"""The interest profiler in the journey: scoring a questionnaire, matches that open a plan, and saving a
young person's profile to their record with the consent it needs.

A profile of someone under 18 is a child's personal data (UU 27/2022 Pasal 25): it is saved only with a
parent's or guardian's consent recorded. Consent ``self`` is accepted only for a worker known to be 18 or
older (by birth year, and the day and month of birth the NIK carries when the year alone leaves it open);
a worker of unknown age needs a guardian's consent too. Every save, refusal and read is audited (ids only).

>>> answers = "".join("4" if i.area == "S" else "1" for i in load_items("short60"))
>>> profile = profile_from_digits(answers, "short60")
>>> profile.code, digits_of(profile) == answers
('SRI', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Literal

from tangkas.careers.excluded import excluded_occupations
from tangkas.errors import TangkasError
from tangkas.models import Lang
from tangkas.services.records import visible_worker
from tangkas.store import Store
from tangkas.store.audit import audit
from tangkas.store.interests import StoredProfile, save_profile, worker_profile, worker_profiles
from tangkas.store.keys import ApiKey
from tangkas.store.queries import touch_workers
from tangkas.youth.matching import LIKED, EscoLink, InterestMatch, UnrankableProfileError, match_interests
from tangkas.youth.profiler import (
    AREAS,
    FORMS,
    WARNINGS,
    Form,
    InterestProfile,
    Item,
    load_items,
    score_answers,
)

ConsentBy = Literal["self", "guardian"]
CONSENTS: tuple[ConsentBy, ...] = ("self", "guardian")
ADULT_AGE = 18
ANSWER_DIGITS = ("0", "1", "2", "3", "4")
MATCHES = 10
REASONS = 3
"""How many liked activities a match names as its reasons."""
"""How many matched occupations the results page lists."""


class ConsentRefusedError(TangkasError):
    """A profile that may not be saved under the consent given; ``reason`` is an i18n key of the pages."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"interest profile not saved: {reason}")
        self.reason = reason


def form_of(value: str | None) -> Form:
    """A form name as given, the 60-item Short Form for anything else (it is the recommended one).

    >>> form_of("mini30"), form_of(""), form_of("x")
    ('mini30', 'short60', 'short60')
    """
    return next((f for f in FORMS if f == value), "short60")


def read_digits(text: str, form: Form) -> dict[int, int | None]:
    """Answers written one digit an item in form order (``-`` or any other character: unanswered), as
    item number -> answer; digits beyond the form are ignored.

    >>> read_digits("40-", "mini30")[1], read_digits("40-", "mini30")[3], read_digits("40-", "mini30")[4]
    (4, None, None)
    """
    numbers = [item.number for item in load_items(form)]
    given = list(text[: len(numbers)]) + [""] * len(numbers)
    return {n: int(c) if c in ANSWER_DIGITS else None for n, c in zip(numbers, given, strict=False)}


def digits_of(profile: InterestProfile) -> str:
    """A scored profile's answers as one digit an item, in form order (what a result's link carries)."""
    return "".join(str(profile.answers[item.number]) for item in load_items(profile.form))


def profile_from_digits(text: str, form: Form) -> InterestProfile:
    """Score answers written as digits; raises ``IncompleteAnswersError`` naming what is missing."""
    return score_answers(read_digits(text, form), form)


def warning_messages(profile: InterestProfile, lang: Lang = "id") -> list[dict[str, str]]:
    """The profile's pattern warnings as codes with the profiler's messages."""
    return [{"code": code, "message": WARNINGS[code][lang]} for code in profile.warnings]


def _words(text: str) -> set[str]:
    """Lower-case words of a title without a plural ``s`` (``Instructors`` and ``instructor`` agree)."""
    return {w.removesuffix("s") for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


def closest_first(title: str, links: tuple[EscoLink, ...]) -> tuple[EscoLink, ...]:
    """The ESCO occupations of a match, the one whose English name shares most words with the O*NET
    title first (the crosswalk does not rank its links; ties keep ESCO code order).

    >>> a = EscoLink("u1", "3255.3", "shiatsu therapist", "", (), ("", ""))
    >>> b = EscoLink("u2", "3423.2", "fitness instructor", "", (), ("", ""))
    >>> [link.code for link in closest_first("Exercise Trainers and Group Fitness Instructors", (a, b))]
    ['3423.2', '3255.3']
    """
    wanted = _words(title)
    return tuple(sorted(links, key=lambda link: -len(wanted & _words(link.label_en))))


def balanced_reasons(profile: InterestProfile, areas: str, count: int = REASONS) -> tuple[Item, ...]:
    """The liked items (Suka or Sangat suka) behind a match, taking turns between the occupation's two
    highest-rated ``areas`` (strongest answer first within each), so that an actor's match names an
    artistic activity even when every social answer is stronger.

    >>> digits = "".join("4" if i.area == "S" else "3" for i in load_items("short60"))
    >>> profile = profile_from_digits(digits, "short60")
    >>> [item.area for item in balanced_reasons(profile, "ASE")]
    ['A', 'S', 'A']
    """
    queues = [
        sorted(
            (i for i in load_items(profile.form) if i.area == area and profile.answers[i.number] >= LIKED),
            key=lambda i: (-profile.answers[i.number], i.number),
        )
        for area in areas[:2]
    ]
    taken: list[Item] = []
    while len(taken) < count and any(queues):
        for queue in queues:
            if queue and len(taken) < count:
                taken.append(queue.pop(0))
    return tuple(taken)


def journey_matches(
    profile: InterestProfile, *, education: str | None, stretch: bool = False, limit: int = MATCHES
) -> list[InterestMatch]:
    """The matches a plan can open from: occupations never recommended in Indonesia (gambling, snow
    clearing) are dropped from each match's ESCO links, and a match left without one is left out. A
    profile with six equal scores matches nothing (no correlation): an empty list. Each match's ESCO
    links come closest to its O*NET title first (:func:`closest_first`): the first is the one to plan to;
    its reasons take turns between the occupation's two highest areas (:func:`balanced_reasons`)."""
    excluded = excluded_occupations()
    try:
        found = match_interests(profile, education=education, stretch=stretch, limit=limit * 2)
    except UnrankableProfileError:
        return []
    kept = [
        replace(
            m,
            esco=closest_first(m.title, tuple(link for link in m.esco if link.uri not in excluded)),
            reasons=balanced_reasons(profile, m.areas),
        )
        for m in found
    ]
    return [m for m in kept if m.esco][:limit]


def match_to_dict(match: InterestMatch, lang: Lang = "id") -> dict[str, Any]:
    """A match as the API answers it."""
    return {
        "soc": match.soc,
        "title": match.title,
        "correlation": round(match.correlation, 4),
        "job_zone": match.job_zone,
        "with_training": match.with_training,
        "areas": match.areas,
        "esco": [
            {
                "uri": link.uri,
                "code": link.code,
                "label": link.label(lang),
                "kbji": [{"kode": kode, "title": title} for kode, title in link.kbji],
            }
            for link in match.esco
        ],
        "why": [{"item": number, "text": text} for number, text in match.why(lang)],
    }


def profile_to_dict(profile: InterestProfile, lang: Lang = "id") -> dict[str, Any]:
    """A scored profile as the API answers it: form, scores, code and warnings."""
    return {
        "form": profile.form,
        "scores": {area: profile.scores[area] for area in AREAS},
        "code": profile.code,
        "warnings": warning_messages(profile, lang),
    }


def is_adult(worker: dict[str, Any], today: date) -> bool | None:
    """Whether the worker is 18 or older on ``today``; ``None`` when the record cannot say (no birth
    year, or 18 this year with no NIK whose day and month of birth settle it).

    >>> is_adult({"birth_year": 2000}, date(2026, 1, 1)), is_adult({"birth_year": 2010}, date(2026, 1, 1))
    (True, False)
    >>> is_adult({"birth_year": 2008}, date(2026, 6, 1)), is_adult({"birth_year": None}, date(2026, 6, 1))
    (None, None)
    >>> is_adult({"birth_year": 2008, "nik": "3273014403080007"}, date(2026, 6, 1))  # born 4 March 2008
    True
    """
    year = worker.get("birth_year")
    if not year:
        return None
    age = today.year - int(year)
    if age != ADULT_AGE:
        return age > ADULT_AGE
    born = _nik_birthday(str(worker.get("nik") or ""), int(year))
    return None if born is None else born <= (today.month, today.day)


def _nik_birthday(nik: str, year: int) -> tuple[int, int] | None:
    """(month, day) of birth from a NIK (digits 7-12: day, +40 for women; month; year), when its year
    agrees with ``year``."""
    if len(nik) != 16 or not nik.isdigit() or int(nik[10:12]) != year % 100:
        return None
    day, month = int(nik[6:8]) % 40, int(nik[8:10])
    try:
        date(year, month, day)
    except ValueError:
        return None
    return month, day


def consent_problem(worker: dict[str, Any], consent_by: str, today: date) -> str | None:
    """Why a profile may not be saved for ``worker`` under ``consent_by`` (an i18n key), or ``None``."""
    if consent_by not in CONSENTS:
        return "interest_consent_missing"
    if consent_by == "self":
        adult = is_adult(worker, today)
        if adult is False:
            return "interest_consent_minor"
        if adult is None:
            return "interest_consent_age_unknown"
    return None


def save_interest_profile(
    store: Store,
    caller: ApiKey,
    worker_id: int,
    profile: InterestProfile,
    *,
    education: str | None,
    consent_by: str,
    today: date | None = None,
) -> int | None:
    """Save a scored profile to a worker of the caller's office with the consent given, audited; its id,
    or ``None`` when the worker is not the caller's. Raises :class:`ConsentRefusedError` (audited as
    ``interest_refused``) when the consent does not suffice: a minor, or a worker of unknown age,
    needs a parent's or guardian's consent."""
    worker = visible_worker(store, caller, worker_id)
    if worker is None:
        return None
    problem = consent_problem(worker, consent_by, today or datetime.now(UTC).date())
    if problem is not None:
        audit(store, caller, "interest_refused", "worker", str(worker_id), detail={"reason": problem})
        raise ConsentRefusedError(problem)
    answers = tuple(profile.answers[item.number] for item in load_items(profile.form))
    row = StoredProfile(profile.form, answers, dict(profile.scores), profile.code, education, consent_by)
    profile_id = save_profile(store, worker_id, row, key_id=caller.id)
    touch_workers(store, [worker_id])
    audit(store, caller, "save_interest_profile", "worker", str(worker_id), detail={"profile": profile_id})
    return profile_id


def read_interest_profiles(
    store: Store, caller: ApiKey, worker_id: int, *, audit_none: bool = True
) -> list[dict[str, Any]] | None:
    """A worker's saved profiles if the worker is the caller's, audited with the ids shown (a read that
    finds none is audited too, unless ``audit_none`` is false: the worker page, audited already)."""
    if visible_worker(store, caller, worker_id) is None:
        return None
    found = worker_profiles(store, worker_id)
    ids = [p["id"] for p in found]
    if ids or audit_none:
        audit(store, caller, "read_interest_profiles", "worker", str(worker_id), detail={"profiles": ids})
    return found


@dataclass(frozen=True, slots=True)
class SavedInterestProfile:
    """One saved profile, rescored from its answers, with its row and the worker it belongs to."""

    worker: dict[str, Any]
    row: dict[str, Any]
    profile: InterestProfile


def read_interest_profile(
    store: Store, caller: ApiKey, worker_id: int, profile_id: int
) -> SavedInterestProfile | None:
    """One saved profile of a worker of the caller's office, audited; ``None`` otherwise."""
    worker = visible_worker(store, caller, worker_id)
    row = worker_profile(store, worker_id, profile_id) if worker is not None else None
    if worker is None or row is None:
        return None
    audit(
        store, caller, "read_interest_profiles", "worker", str(worker_id), detail={"profiles": [profile_id]}
    )
    form = form_of(row["form"])
    return SavedInterestProfile(worker, row, score_answers(row["answers"], form))


def stored_to_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A saved profile as the API and an export give it (times as ISO text)."""
    plain = {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in row.items()}
    return {**plain, "scores": {area: row["scores"][area] for area in AREAS}}
