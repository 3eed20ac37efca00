"""The fair-ads protocol (issue 17): ad-level findings per category against a hand-labelled file.

The file is a CSV (or any row file) with ``id``, ``title``, ``text`` and one 0/1 column per category of
:data:`tangkas.fairness.ads.EVALUATED`; other columns are ignored. An ad counts as flagged in a category
when the checker finds something unlawful or needing a stated reason there (information does not count).
Metrics per category: precision, recall and F1 over ads, with the support (ads labelled) and the ads
predicted; a category with neither has no metrics (``null``) rather than a zero, and ``macro_f1`` is the
mean over the categories that have them; ``n`` ads.

>>> scores([{"sex"}, set(), {"age"}], [{"sex"}, {"sex"}, set()])["sex"]
{'precision': 1.0, 'recall': 0.5, 'f1': 0.6667, 'support': 2, 'predicted': 1}
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tangkas.errors import TangkasError
from tangkas.fairness.ads import EVALUATED, check_ad
from tangkas.rows.read import read_rows
from tangkas.rows.report import RowReport


def load_gold(path: Path) -> list[tuple[str, str, str, set[str]]]:
    """``(id, title, text, labelled categories)`` per ad; a missing column or a label other than 0/1
    is an error naming the column and row."""
    report = RowReport("fair-ads", str(path))
    rows = list(read_rows(path, report, text=True))
    if not report.ok:
        raise TangkasError(f"{path.name}: {report.error_count} unreadable rows")
    needed = ("id", "title", "text", *EVALUATED)
    missing = [c for c in needed if rows and c not in rows[0][1]]
    if missing:
        raise TangkasError(f"{path.name}: missing column(s) {', '.join(missing)}")
    gold = []
    for number, row in rows:
        labels: set[str] = set()
        for category in EVALUATED:
            value = row[category].strip()
            if value not in ("0", "1"):
                raise TangkasError(f"{path.name}: row {number}, column {category!r} must be 0 or 1")
            if value == "1":
                labels.add(category)
        gold.append((row["id"], row["title"], row["text"], labels))
    return gold


def scores(predicted: Sequence[set[str]], gold: Sequence[set[str]]) -> dict[str, Any]:
    """Precision, recall, F1 and support per category, ``macro_f1`` and ``n``."""
    out: dict[str, Any] = {}
    for category in EVALUATED:
        tp = sum(category in p and category in g for p, g in zip(predicted, gold, strict=True))
        fp = sum(category in p and category not in g for p, g in zip(predicted, gold, strict=True))
        fn = sum(category not in p and category in g for p, g in zip(predicted, gold, strict=True))
        if not tp + fp + fn:  # nothing labelled, nothing found: no evidence either way
            out[category] = {"precision": None, "recall": None, "f1": None, "support": 0, "predicted": 0}
            continue
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[category] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
            "predicted": tp + fp,
        }
    measured = [out[c]["f1"] for c in EVALUATED if out[c]["f1"] is not None]
    out["macro_f1"] = round(sum(measured) / len(measured), 4) if measured else None
    out["n"] = len(gold)
    return out


def evaluate_fair_ads(path: Path, out: Path | None = None) -> dict[str, Any]:
    """Check every ad of a labelled file and score it; ``out`` also gets each ad's predicted 0/1."""
    gold = load_gold(path)
    predicted: list[set[str]] = [set(check_ad(title, text).flagged) for _, title, text, _ in gold]
    if out is not None:
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", *EVALUATED])
            for (ad_id, *_), flags in zip(gold, predicted, strict=True):
                writer.writerow([ad_id, *(int(c in flags) for c in EVALUATED)])
    return scores(predicted, [labels for *_, labels in gold])
