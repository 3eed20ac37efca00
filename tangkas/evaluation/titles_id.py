"""Indonesian job-title coding protocol (titles-id, the shared evaluation README).

Each title is coded to its best ESCO occupation (what :func:`tangkas.reading.titles.code_title` puts
first); the occupation's ISCO-08 unit group is compared with the gold one. Metrics: top-1 accuracy at
four digits, ``strict`` (``isco4`` only) and ``lenient`` (``isco4`` or ``isco4_alt``), overall and by
``lang``. Columns are read by name (``title``, ``isco4``, ``isco4_alt``, ``lang``); others are ignored.

>>> accuracy(["5230", "8332", "4321"], [("5230", ""), ("8322", "8332"), ("9333", "")])
{'n': 3, 'strict': 0.3333, 'lenient': 0.6667}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tangkas.errors import TangkasError
from tangkas.evaluation.baselines import TitleMethod, method_title_scores
from tangkas.reading.titles import CONFIDENT_MARGIN, best_guesses, guess_titles
from tangkas.rows.read import read_rows
from tangkas.rows.report import RowReport
from tangkas.taxonomy import load_taxonomy

BATCH = 256
COLUMNS = ("title", "isco4", "isco4_alt", "lang")
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class GoldTitle:
    title: str
    isco4: str
    isco4_alt: str
    lang: str


def load_gold(path: Path) -> list[GoldTitle]:
    """The titles of a titles-id file; a missing column or an unreadable row is an error."""
    report = RowReport("titles-id", str(path))
    rows = [record for _, record in read_rows(path, report, text=True)]
    if not report.ok:
        raise TangkasError(f"{path.name}: {report.error_count} unreadable rows")
    missing = [c for c in ("title", "isco4") if rows and c not in rows[0]]
    if missing:
        raise TangkasError(f"{path.name}: missing column(s) {', '.join(missing)}")
    return [
        GoldTitle(r["title"], r["isco4"].strip(), r.get("isco4_alt", "").strip(), r.get("lang", "").strip())
        for r in rows
        if r["title"].strip() and r["isco4"].strip()
    ]


def accuracy(predicted: Sequence[str], gold: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Top-1 ISCO-4 accuracy, strict and lenient, of predicted codes against ``(isco4, isco4_alt)``."""
    n = len(gold)
    strict = sum(p == g for p, (g, _) in zip(predicted, gold, strict=True))
    lenient = sum(p in (g, alt) for p, (g, alt) in zip(predicted, gold, strict=True))
    return {
        "n": n,
        "strict": round(strict / n, 4) if n else 0.0,
        "lenient": round(lenient / n, 4) if n else 0.0,
    }


def predict(
    titles: Sequence[str], method: TitleMethod = "tangkas", progress: Progress | None = None
) -> list[tuple[str, bool]]:
    """The ISCO-08 unit group of each title's best occupation, and whether the product's rule holds
    it confident (:data:`tangkas.reading.titles.CONFIDENT_MARGIN` over every other unit group)."""
    occupations = load_taxonomy().occupations
    out: list[tuple[str, bool]] = []
    for start in range(0, len(titles), BATCH):
        batch = list(titles[start : start + BATCH])
        if method == "tangkas":
            guesses = guess_titles(batch)  # what the posting coder does
        else:
            guesses = best_guesses(method_title_scores(batch, method))
        out += [(occupations[i].isco, margin >= CONFIDENT_MARGIN) for i, margin in guesses]
        if progress:
            progress(len(out), len(titles))
    return out


def evaluate_titles_id(
    path: Path, method: TitleMethod = "tangkas", progress: Progress | None = None
) -> dict[str, Any]:
    """Run the protocol with one scoring method; returns the JSON-ready result."""
    gold = load_gold(path)
    guesses = predict([g.title for g in gold], method, progress)
    predicted = [code for code, _ in guesses]
    by_lang: dict[str, Any] = {}
    for lang in sorted({g.lang for g in gold if g.lang}):
        pairs = [(p, (g.isco4, g.isco4_alt)) for p, g in zip(predicted, gold, strict=True) if g.lang == lang]
        by_lang[lang] = accuracy([p for p, _ in pairs], [g for _, g in pairs])
    overall = accuracy(predicted, [(g.isco4, g.isco4_alt) for g in gold])
    kept = [(code, (g.isco4, g.isco4_alt)) for (code, sure), g in zip(guesses, gold, strict=True) if sure]
    confident = accuracy([code for code, _ in kept], [pair for _, pair in kept])
    confident = {
        "margin": CONFIDENT_MARGIN,
        "share": round(len(kept) / len(gold), 4) if gold else 0.0,
        "strict": confident["strict"],
        "lenient": confident["lenient"],
    }
    return {"task": "titles-id", "method": method, **overall, "by_lang": by_lang, "confident": confident}
