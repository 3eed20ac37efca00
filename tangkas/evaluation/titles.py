"""Job-title coding protocol (JobBERT titles, the shared evaluation README).

For each title rank all ESCO v1.1.1 occupations; gold is the one ``conceptUri``; titles whose URI
is not in v1.1.1 are dropped and counted. Metrics: MRR, recall@1, recall@5, recall@10.

>>> import io
>>> rows = io.StringIO(",vacancyTitle,conceptUri\\n0,Truck Driver,http://data.europa.eu/esco/occupation/x\\n")
>>> load_titles(rows)
([], [], 1)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from tangkas.evaluation import gold_ranks, ranking_metrics
from tangkas.evaluation.baselines import TitleMethod, method_title_scores
from tangkas.taxonomy import load_taxonomy

BATCH = 256
Progress = Callable[[int, int], None]


def load_titles(source: Path | TextIO) -> tuple[list[str], list[int], int]:
    """Titles, gold occupation rows, and how many rows were dropped (URI not in ESCO v1.1.1)."""
    index = load_taxonomy().occupation_index
    handle = io.StringIO(source.read_text(encoding="utf-8")) if isinstance(source, Path) else source
    titles: list[str] = []
    gold: list[int] = []
    dropped = 0
    for row in csv.DictReader(handle):
        uri = (row.get("conceptUri") or "").strip()
        if uri not in index:
            dropped += 1
            continue
        titles.append(row["vacancyTitle"])
        gold.append(index[uri])
    return titles, gold, dropped


def evaluate_titles(
    path: Path, method: TitleMethod = "tangkas", progress: Progress | None = None
) -> dict[str, Any]:
    """Run the protocol with one scoring method; returns the JSON-ready result."""
    titles, gold, dropped = load_titles(path)
    ranks: list[list[int]] = []
    for start in range(0, len(titles), BATCH):
        batch = titles[start : start + BATCH]
        ranks += gold_ranks(method_title_scores(batch, method), [[g] for g in gold[start : start + BATCH]])
        if progress:
            progress(start + len(batch), len(titles))
    return {
        "task": "titles",
        "method": method,
        "n": len(titles),
        "dropped": dropped,
        **ranking_metrics(ranks),
    }
