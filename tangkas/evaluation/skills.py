"""Skill recognition protocol (Decorte et al. TECH/HOUSE, the shared evaluation README).

Rows are (sentence, span, label). Rows labelled ``LABEL NOT PRESENT`` or ``UNDERSPECIFIED`` are
dropped; labels that are not ESCO v1.1.1 preferred labels are dropped and counted. Span mode: the
query is the span text and gold is every label of that span (rows grouped by sentence and span).
Sentence mode: the query is the whole sentence, gold is every label in it. All 13,896 skills are
ranked per query. Metrics: RP@5, RP@10 (gold in the top K / min(K, n gold)) and MRR of the first gold.

>>> import io
>>> text = "sentence,span,sub_span,label\\nKnow SQL well,SQL,,SQL\\nKnow SQL well,well,,UNDERSPECIFIED\\n"
>>> load_queries(io.StringIO(text), sentences=False)
([('SQL', [...])], 0)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from tangkas.evaluation import gold_ranks, r_precision, ranking_metrics
from tangkas.evaluation.baselines import SkillMethod, method_skill_scores
from tangkas.taxonomy import load_taxonomy

IGNORED_LABELS = frozenset({"LABEL NOT PRESENT", "UNDERSPECIFIED"})
BATCH = 128
Progress = Callable[[int, int], None]


def load_queries(source: Path | TextIO, *, sentences: bool) -> tuple[list[tuple[str, list[int]]], int]:
    """Queries with their gold skill rows (first-seen order), and the number of labels not in ESCO."""
    tax = load_taxonomy()
    by_label = {s.label_en: i for i, s in enumerate(tax.skills)}
    handle = io.StringIO(source.read_text(encoding="utf-8")) if isinstance(source, Path) else source
    groups: dict[tuple[str, str], list[int]] = {}
    dropped = 0
    for row in csv.DictReader(handle):
        label = (row.get("label") or "").strip()
        if not label or label in IGNORED_LABELS:
            continue
        if label not in by_label:
            dropped += 1
            continue
        key = (row["sentence"], "" if sentences else row["span"])
        gold = groups.setdefault(key, [])
        if by_label[label] not in gold:
            gold.append(by_label[label])
    return [(sentence if sentences else span, gold) for (sentence, span), gold in groups.items()], dropped


def evaluate_skills(
    path: Path, *, sentences: bool = False, method: SkillMethod = "tangkas", progress: Progress | None = None
) -> dict[str, Any]:
    """Run the protocol in span or sentence mode with one scoring method; returns the JSON-ready result."""
    queries, dropped = load_queries(path, sentences=sentences)
    ranks: list[list[int]] = []
    for start in range(0, len(queries), BATCH):
        batch = queries[start : start + BATCH]
        scores = method_skill_scores([q for q, _ in batch], method, sentences=sentences)
        ranks += gold_ranks(scores, [g for _, g in batch])
        if progress:
            progress(start + len(batch), len(queries))
    mrr = ranking_metrics(ranks, ks=())["mrr"]
    return {
        "task": "skills",
        "mode": "sentences" if sentences else "spans",
        "method": method,
        "n": len(queries),
        "dropped_labels": dropped,
        "rp@5": r_precision(ranks, 5),
        "rp@10": r_precision(ranks, 10),
        "mrr": mrr,
    }
