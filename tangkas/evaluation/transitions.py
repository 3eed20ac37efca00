"""The job-transitions evaluation protocol (the shared evaluation README), as pure functions.

O*NET "Related Occupations" lists are the ground truth. ESCO occupations map to O*NET-SOC codes
through the shipped crosswalk (``tangkas/data/esco_onet.parquet``, rows with a full ESCO code only).
For each O*NET code X with ESCO occupations, every other code Y with ESCO occupations is scored by
``max S[e, f]`` over ESCO occupations ``e`` of X and ``f != e`` of Y, where ``S`` is the product's own
viability score (``tangkas.careers.similarity``); positives are X's Primary-Short and Primary-Long
codes that have ESCO occupations. Codes without any such positive are skipped and counted.

>>> related = {"A": {"B"}}
>>> socs = {"A": [0], "B": [1], "C": [2]}
>>> scores = np.array([[1, 0.2, 0.9], [0.2, 1, 0.1], [0.9, 0.1, 1]], dtype=np.float32)
>>> report = score_protocol(related, socs, scores)
>>> report["mrr"], report["recall@1"], report["n"]
(0.5, 0.0, 1)
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq

from tangkas.taxonomy import DATA_DIR, ESCO_CODE, Taxonomy, load_taxonomy

POSITIVE_TIERS = frozenset({"Primary-Short", "Primary-Long"})
CUTOFF = 10
Progress = Callable[[int, int], None]


def read_related(path: Path | str) -> dict[str, set[str]]:
    """O*NET code -> its Primary-Short and Primary-Long related codes, from the dev/test TSV."""
    related: dict[str, set[str]] = {}
    with Path(path).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            positives = related.setdefault(row["O*NET-SOC Code"], set())
            if row["Relatedness Tier"] in POSITIVE_TIERS:
                positives.add(row["Related O*NET-SOC Code"])
    return related


def soc_occupations(tax: Taxonomy, data_dir: Path = DATA_DIR) -> dict[str, list[int]]:
    """O*NET-SOC code -> row indices of the ESCO occupations the crosswalk maps to it."""
    by_code = {o.code: i for i, o in enumerate(tax.occupations)}
    mapping: dict[str, set[int]] = {}
    for row in pq.read_table(data_dir / "esco_onet.parquet").to_pylist():
        code, soc = row["esco_code"], row["soc"]
        if ESCO_CODE.match(code) and soc and code in by_code:
            mapping.setdefault(soc, set()).add(by_code[code])
    return {soc: sorted(rows) for soc, rows in mapping.items()}


def _dcg(hits: Iterable[int]) -> float:
    return sum(1.0 / math.log2(rank + 2) for rank in hits)


def score_protocol(
    related: Mapping[str, set[str]],
    socs: Mapping[str, Sequence[int]],
    scores: np.ndarray,
    *,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Recall@1/5/10, nDCG@10 and MRR of ``scores`` (source row x target column) under the protocol."""
    codes = sorted(socs)
    column_of = {code: i for i, code in enumerate(codes)}
    order = np.concatenate([np.asarray(socs[c], dtype=np.int64) for c in codes])
    starts = np.cumsum([0] + [len(socs[c]) for c in codes[:-1]])
    sums = {"recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0, "ndcg@10": 0.0, "mrr": 0.0}
    queries = [x for x in sorted(related) if x in socs]
    n = 0
    for done, x in enumerate(queries, 1):
        positives = {column_of[y] for y in related[x] if y in socs and y != x}
        if progress:
            progress(done, len(queries))
        if not positives:
            continue
        rows = np.asarray(socs[x])
        block = scores[rows][:, order].astype(np.float32)
        block[order[None, :] == rows[:, None]] = -np.inf
        best = np.maximum.reduceat(block.max(axis=0), starts)
        best[column_of[x]] = -np.inf
        hit_ranks = sorted(int((best >= best[c]).sum()) - 1 for c in positives)  # ties count against
        sums["mrr"] += 1.0 / (hit_ranks[0] + 1)
        for k in (1, 5, 10):
            sums[f"recall@{k}"] += sum(r < k for r in hit_ranks) / len(positives)
        ideal = _dcg(range(min(len(positives), CUTOFF)))
        sums["ndcg@10"] += _dcg(r for r in hit_ranks if r < CUTOFF) / ideal
        n += 1
    report: dict[str, Any] = {k: round(v / n, 4) if n else 0.0 for k, v in sums.items()}
    report.update(n=n, skipped_no_positive=len(queries) - n, skipped_no_esco=len(related) - len(queries))
    return report


def evaluate_transitions(
    path: Path | str, *, method: str = "combined", progress: Progress | None = None
) -> dict[str, Any]:
    """Run the protocol on ``path`` with a similarity ``method``; ``combined`` is what recommend ranks by."""
    from tangkas.evaluation.baselines import method_matrix

    tax = load_taxonomy()
    scores = method_matrix(method)
    report = score_protocol(read_related(path), soc_occupations(tax), scores, progress=progress)
    return {"task": "transitions", "method": method, **report}
