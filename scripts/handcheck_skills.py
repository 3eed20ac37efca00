"""Run ``extract_skills`` on a seeded sample of Loker.id ads and our Indonesian CVs: one CSV row per mention.

The sample: ``--n`` ads drawn with ``--seed`` from the rows of the Loker.id 2025 ``Description`` column
(empty descriptions skipped); the CVs: ``tests/data/cvs_id/*.txt`` (written by the team). Only the
matched span is written (cut at ``MAX_SPAN`` characters), never the rest of an ad. Columns:
``source`` (``lokerid:<row>`` or ``cv:<file>``), ``method``, ``span``, ``uri``, ``label_en``,
``confidence`` and ``correct``, filled from ``--judged`` files (same source, span and skill) so that
only new mentions are left to judge by hand.

    python scripts/handcheck_skills.py --out docs/handcheck/skills_after.csv \
        --judged docs/handcheck/skills_before.csv
    python scripts/handcheck_skills.py --summary docs/handcheck/skills_after.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.reading.extract import SEMANTIC_MIN_Z, extract_skills  # noqa: E402

LOKERID = ROOT.parent / "shared" / "jobs" / "lokerid-2025" / "lokerid_job_postings_processed.csv"
CVS = ROOT / "tests" / "data" / "cvs_id"
SEED = 20261130
MAX_SPAN = 100
COLUMNS = ["source", "method", "span", "uri", "label_en", "confidence", "correct"]
Key = tuple[str, str, str]


def sample_ads(path: Path, n: int, seed: int) -> list[tuple[str, str]]:
    """(``lokerid:<row>``, description) of ``n`` ads drawn with ``seed``, in row order."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [row["Description"] or "" for row in csv.DictReader(handle)]
    rows = sorted(random.Random(seed).sample([i for i, t in enumerate(texts) if t.strip()], n))
    return [(f"lokerid:{i}", texts[i]) for i in rows]


def read_cvs(folder: Path) -> list[tuple[str, str]]:
    return [(f"cv:{path.stem}", path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SPAN else text[: MAX_SPAN - 1] + "…"


def mention_rows(
    sources: list[tuple[str, str]], judged: dict[Key, str], min_z: float = SEMANTIC_MIN_Z
) -> list[dict[str, str]]:
    rows = []
    for source, text in sources:
        for m in extract_skills(text, min_z=min_z):
            span = _short(m.text)
            key = (source, span, m.skill.uri)
            rows.append(
                {
                    "source": source,
                    "method": m.method,
                    "span": span,
                    "uri": m.skill.uri,
                    "label_en": m.skill.label_en,
                    "confidence": f"{m.confidence:.3f}",
                    "correct": judged.get(key, ""),
                }
            )
    return rows


def read_judged(paths: list[Path]) -> dict[Key, str]:
    judged: dict[Key, str] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["correct"]:
                    judged[(row["source"], row["span"], row["uri"])] = row["correct"]
    return judged


def summary(path: Path) -> None:
    """Precision by method and mentions per text, for the ads, the CVs and both, of a judged CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for kind in ("lokerid", "cv", ""):
        part = [r for r in rows if r["source"].startswith(kind)]
        texts = len({r["source"] for r in part})
        name, per_text = kind or "all", len(part) / max(texts, 1)
        print(f"{name}: {len(part)} mentions in {texts} texts ({per_text:.1f} per text)")
        for method in [*sorted({r["method"] for r in part}), "all"]:
            chosen = [r for r in part if method in ("all", r["method"])]
            right = sum(r["correct"] == "1" for r in chosen)
            unjudged = sum(r["correct"] == "" for r in chosen)
            share = f"{right / max(len(chosen), 1):.0%}"
            print(f"  {method:10} {len(chosen):4} mentions, {right:4} correct ({share})", end="")
            print(f", {unjudged} not judged" if unjudged else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--judged", type=Path, nargs="*", default=[])
    parser.add_argument("--summary", type=Path)
    parser.add_argument("--lokerid", type=Path, default=LOKERID)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--min-z", type=float, default=SEMANTIC_MIN_Z, help="semantic threshold (for tuning)")
    args = parser.parse_args()
    if args.summary:
        summary(args.summary)
        return
    ads = sample_ads(args.lokerid, args.n, args.seed)
    print(f"seed {args.seed}, Loker.id rows: {' '.join(s.split(':')[1] for s, _ in ads)}", file=sys.stderr)
    rows = mention_rows(ads + read_cvs(CVS), read_judged(args.judged), args.min_z)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} mentions -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
