"""Answers simulated from an occupation's O*NET interest ratings (1-7 per RIASEC area): what the
profiler's self-recovery evaluation (:mod:`tangkas.evaluation.interests`) answers, and what the demo's
synthetic profiles are drawn from (:mod:`tangkas.services.demo_interests`).

* ``spread``: an area rated ``r`` is answered, on average, ``4 * (r - 1) / 6`` per item; the area's total
  is that mean times the number of items, rounded half up, spread over its items as evenly as possible
  (the area's first items in form order take the one-higher answer);
* ``uniform``: every item of the area takes the mean rounded half up;
* ``noisy``: the mean plus Gaussian noise (sd one answer step) per item, rounded half up, clipped to 0-4.

>>> simulate_area(4.45, 10)
[3, 3, 3, 2, 2, 2, 2, 2, 2, 2]
>>> simulate_area(1.0, 5), simulate_area(7.0, 5)
([0, 0, 0, 0, 0], [4, 4, 4, 4, 4])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np

from tangkas.youth.profiler import AREAS, Form, load_items

Rule = Literal["spread", "uniform", "noisy"]
NOISE_SD = 1.0
SEED = 19


def _half_up(value: float) -> int:
    return math.floor(value + 0.5 + 1e-9)


def item_mean(rating: float) -> float:
    """A 1-7 O*NET rating as a mean 0-4 answer.

    >>> item_mean(1.0), item_mean(4.0), item_mean(7.0)
    (0.0, 2.0, 4.0)
    """
    return 4 * (rating - 1) / 6


def simulate_area(rating: float, items: int) -> list[int]:
    """The ``spread`` answers to an area's ``items`` items (in form order) for a 1-7 rating."""
    total = min(4 * items, max(0, _half_up(items * item_mean(rating))))
    base, extra = divmod(total, items)
    return [base + 1 if k < extra else base for k in range(items)]


def simulate_answers(
    ratings: Sequence[float], form: Form, rule: Rule, rng: np.random.Generator | None = None
) -> dict[int, int]:
    """Answers to every item of ``form`` for an occupation's six ratings (R..C) under ``rule``."""
    items = load_items(form)
    per_area = len(items) // len(AREAS)
    answers: dict[int, int] = {}
    for area, rating in zip(AREAS, ratings, strict=True):
        numbers = [i.number for i in items if i.area == area]
        mean = item_mean(rating)
        if rule == "spread":
            values = simulate_area(rating, per_area)
        elif rule == "uniform":
            values = [_half_up(mean)] * per_area
        else:
            noise = (rng or np.random.default_rng(SEED)).normal(0.0, NOISE_SD, per_area)
            values = [min(4, max(0, _half_up(mean + float(e)))) for e in noise]
        answers.update(zip(numbers, values, strict=True))
    return answers
