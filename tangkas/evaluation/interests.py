"""Self-recovery of the interest profiler: does an occupation's own interest profile find that occupation?

For every O*NET code with interest ratings, answers are simulated from its own six OI ratings (1-7),
scored with the official rule, matched with no job-zone filter, and the rank of the code itself is
read. The answer rule is fixed and does not look at the ranking:

* ``spread`` (the main figure): an area rated ``r`` is answered, on average, ``4 * (r - 1) / 6`` per
  item (the 1-7 scale laid onto 0-4). The area's total is that mean times the number of items, rounded
  half up to a whole score, and spread over its items as evenly as possible: the area's first items in
  form order take the one-higher answer. A rating of 4.45 on the 60-item form: mean 2.3, total 23,
  three items answered 3 and seven answered 2.
* ``uniform``: every item of the area takes the mean rounded half up (coarser: five levels an area).
* ``noisy``: ``spread``'s mean plus Gaussian noise (sd one answer step, seed 19) per item, rounded half
  up and clipped to 0-4: a respondent who is often one step off.

Ranks follow :func:`tangkas.youth.matching.rank_order` (equal correlations by O*NET-SOC code). The
report also gives the share whose own correlation is among the ten highest values (ties counted in
their favour), the share with any code of the same SOC detailed occupation (``XX-XXXX``, its "family")
in the top ten, and how often the two forms give the same top-three code.

The answer rules are :mod:`tangkas.youth.simulate`'s (the demo's synthetic profiles use them too).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tangkas.youth.matching import OnetInterests, load_interests, rank_order
from tangkas.youth.profiler import AREAS, Form, score_answers, top_areas
from tangkas.youth.simulate import NOISE_SD, SEED, Rule, simulate_answers

CUTOFF = 10


def _standardize_rows(matrix: np.ndarray) -> np.ndarray:
    centred = matrix - matrix.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: np.ndarray = centred / norms
    return result


def self_ranks(scores: np.ndarray, data: OnetInterests) -> dict[str, Any]:
    """Rank figures when row ``i`` of ``scores`` (six area scores) is the answer set of code ``i``."""
    r = _standardize_rows(scores.astype(np.float64)) @ data.standardized.T
    families = [soc[:7] for soc in data.socs]
    strict = optimistic = family = top1 = unrankable = 0
    ranks = []
    for i in range(len(data.socs)):
        row = r[i]
        if not np.all(np.isfinite(row)):
            unrankable += 1
            ranks.append(len(data.socs))
            continue
        order = rank_order(row, data.socs)
        rank = int(np.flatnonzero(order == i)[0]) + 1
        ranks.append(rank)
        strict += rank <= CUTOFF
        top1 += rank == 1
        optimistic += int(np.sum(row > row[i] + 1e-12)) < CUTOFF
        family += any(families[j] == families[i] for j in order[:CUTOFF])
    n = len(data.socs)
    return {
        "top1": round(top1 / n, 4),
        "top10": round(strict / n, 4),
        "top10_ties_counted": round(optimistic / n, 4),
        "top10_family": round(family / n, 4),
        "median_rank": float(np.median(ranks)),
        "unrankable": unrankable,
    }


def _profiles(data: OnetInterests, form: Form, rule: Rule) -> list[dict[str, int]]:
    rng = np.random.default_rng(SEED)
    return [
        dict(score_answers(simulate_answers(ratings, form, rule, rng), form).scores)
        for ratings in data.ratings.tolist()
    ]


def evaluate_interests() -> dict[str, Any]:
    """Self-recovery for both forms and the three rules, and the forms' agreement on the top three."""
    data = load_interests()
    report: dict[str, Any] = {"codes": len(data.socs), "cutoff": CUTOFF, "noise_sd": NOISE_SD, "seed": SEED}
    codes: dict[Form, list[str]] = {}
    for form in ("short60", "mini30"):
        for rule in ("spread", "uniform", "noisy"):
            profiles = _profiles(data, form, rule)
            scores = np.array([[p[a] for a in AREAS] for p in profiles])
            report[f"{form}_{rule}"] = self_ranks(scores, data)
            if rule == "spread":
                codes[form] = [top_areas(p) for p in profiles]
    pairs = list(zip(codes["short60"], codes["mini30"], strict=True))
    report["forms_same_top3_code"] = round(sum(a == b for a, b in pairs) / len(pairs), 4)
    report["forms_same_top3_set"] = round(sum(set(a) == set(b) for a, b in pairs) / len(pairs), 4)
    report["forms_same_first_area"] = round(sum(a[0] == b[0] for a, b in pairs) / len(pairs), 4)
    return report
