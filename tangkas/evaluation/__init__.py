"""Evaluation protocols of the shared evaluation README as pure functions over score matrices.

Each protocol reads its file, asks a scoring function for one row of scores per query over all
candidates (occupations or skills), and reduces the ranks of the gold items to metrics. Baselines and
the product go through the same code: only the scoring ``method`` changes.

>>> scores = np.array([[0.9, 0.1, 0.5], [0.2, 0.3, 0.1]])
>>> gold_ranks(scores, [[2], [1, 0]])
[[2], [1, 2]]
>>> ranking_metrics([[2], [1, 2]], ks=(1, 5))
{'mrr': 0.75, 'recall@1': 0.5, 'recall@5': 1.0}
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def gold_ranks(scores: np.ndarray, gold: Sequence[Sequence[int]]) -> list[list[int]]:
    """1-based rank of each gold column in its row; ties count against the gold (pessimistic)."""
    ranks = []
    for row, columns in zip(scores, gold, strict=True):
        ranks.append([int((row >= row[c]).sum()) for c in columns])
    return ranks


def ranking_metrics(ranks: Sequence[Sequence[int]], ks: Sequence[int] = (1, 5, 10)) -> dict[str, float]:
    """MRR of the best-ranked gold item and recall@k (any gold item in the top k), averaged over queries."""
    if not ranks:
        return {"mrr": 0.0, **{f"recall@{k}": 0.0 for k in ks}}
    best = np.array([min(r) for r in ranks], dtype=np.float64)
    metrics = {"mrr": float(np.mean(1.0 / best))}
    for k in ks:
        metrics[f"recall@{k}"] = float(np.mean(best <= k))
    return {name: round(value, 4) for name, value in metrics.items()}


def r_precision(ranks: Sequence[Sequence[int]], k: int) -> float:
    """Mean R-Precision@k: gold items in the top k / min(k, number of gold items).

    >>> r_precision([[1, 7], [3]], 5)
    0.75
    """
    if not ranks:
        return 0.0
    values = [sum(r <= k for r in row) / min(k, len(row)) for row in ranks]
    return round(float(np.mean(values)), 4)
