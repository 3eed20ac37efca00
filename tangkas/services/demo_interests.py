"""Synthetic interest profiles for the demo's young workers, so the analyst's youth page has interests to
set against the demo catalog.

The young are the demo workers aged 15 to 24 in ``today``'s year (by birth year); when fewer than two
provinces would then reach :data:`~tangkas.store.stats.MIN_CELL` profiles (the demo's birth years run
to 2005, so in 2026 only a few dozen are 15-24), the workers aged 25 to 29 are profiled too. Each young
worker answers the 60-item form as a randomly drawn O*NET occupation's interest ratings would, with
noise (:func:`tangkas.youth.simulate.simulate_answers`, rule ``noisy``), seeded by the worker's own
demo id, so the same worker always gets the same answers. Consent is a guardian's under 18 and their own
otherwise (:func:`tangkas.services.interests.is_adult`); the demo records no education, so every job zone
is open. A worker with a profile already is left alone: loading twice adds nothing.

>>> people = [{"external_id": f"w{i}", "province_code": "32", "birth_year": 2004} for i in range(3)]
>>> [p["external_id"] for p in young_workers(people, date(2026, 6, 1))]
['w0', 'w1', 'w2']
>>> demo_answers("w0") == demo_answers("w0"), len(demo_answers("w0"))
(True, 60)
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from tangkas.services.demo_records import SOURCE
from tangkas.services.interests import is_adult
from tangkas.store import Store
from tangkas.store.interests import StoredProfile, save_profile
from tangkas.store.stats import MIN_CELL
from tangkas.youth.matching import load_interests
from tangkas.youth.profiler import Form, load_items, score_answers
from tangkas.youth.simulate import simulate_answers

SEED = 20261129
FORM: Form = "short60"
YOUNG = (15, 24)
WIDER = 29
"""The oldest age profiled when the 15-24 year olds alone leave fewer than :data:`PROVINCES_SHOWN`
provinces with enough profiles."""
PROVINCES_SHOWN = 2


def _aged(people: Sequence[dict[str, Any]], today: date, oldest: int) -> list[dict[str, Any]]:
    born = range(today.year - oldest, today.year - YOUNG[0] + 1)
    return [p for p in people if p.get("birth_year") in born]


def young_workers(people: Sequence[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """The demo workers to profile: those aged 15-24, or 15-29 when 15-24 leaves fewer than
    :data:`PROVINCES_SHOWN` provinces with :data:`MIN_CELL` of them."""
    young = _aged(people, today, YOUNG[1])
    per_province = Counter(p["province_code"] for p in young)
    if sum(n >= MIN_CELL for n in per_province.values()) >= PROVINCES_SHOWN:
        return young
    return _aged(people, today, WIDER)


def demo_answers(external_id: str) -> tuple[int, ...]:
    """A demo worker's 60 answers, in form order: a random O*NET occupation's interest ratings with
    noise, seeded by the worker's demo id."""
    rng = np.random.default_rng([SEED, zlib.crc32(external_id.encode())])
    data = load_interests()
    ratings = data.ratings[int(rng.integers(len(data.socs)))].tolist()
    answers = simulate_answers(ratings, FORM, "noisy", rng)
    return tuple(answers[item.number] for item in load_items(FORM))


def load_demo_profiles(store: Store, people: Sequence[dict[str, Any]], today: date) -> int:
    """Save a synthetic profile for each young demo worker (:func:`young_workers`) stored without one;
    how many were saved."""
    wanted = {p["external_id"]: p for p in young_workers(people, today)}
    with store.lock:
        rows = store.backend.execute(
            "SELECT w.id, w.external_id FROM workers w WHERE w.source = ? AND w.erased_at IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM interest_profiles p WHERE p.worker_id = w.id) ORDER BY w.id",
            [SOURCE],
        )
    saved = 0
    for worker_id, external_id in rows:
        person = wanted.get(str(external_id))
        if person is None:
            continue
        answers = demo_answers(str(external_id))
        scored = score_answers(answers, FORM)
        consent = "self" if is_adult(person, today) else "guardian"
        profile = StoredProfile(FORM, answers, dict(scored.scores), scored.code, None, consent)
        save_profile(store, int(worker_id), profile, key_id=None)
        saved += 1
    return saved
