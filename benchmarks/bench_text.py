"""Speed of reading text: extraction on Loker.id 2025 ads, title coding with and without a cache.

Usage: python benchmarks/bench_text.py [--ads 300] [--titles 300] [--shared ../shared]
Prints one JSON object. Reads ../shared (benchmarks may; the package never does).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.reading.embeddings import embed  # noqa: E402
from tangkas.reading.extract import extract_skills  # noqa: E402
from tangkas.reading.minilm import embed_english  # noqa: E402
from tangkas.reading.titles import code_title, score_titles  # noqa: E402
from tangkas.text.prepare import split_clauses  # noqa: E402


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--ads", type=int, default=300)
    parser.add_argument("--titles", type=int, default=300)
    args = parser.parse_args()
    frame = pd.read_csv(args.shared / "jobs" / "lokerid-2025" / "lokerid_job_postings_processed.csv")
    ads = [str(t) for t in frame["Description"].fillna("")[: args.ads]]
    titles = [str(t) for t in frame["Title"].fillna("")[: args.titles]]
    sentences = sum(len(split_clauses(ad)) for ad in ads)
    extract_skills("Menguasai Python", semantic=False)  # build the automaton outside the timing
    embed(["warm up"])
    embed_english(["warm up"])
    score_titles(["warm up"])

    started = time.perf_counter()
    phrase_mentions = sum(len(extract_skills(ad, semantic=False)) for ad in ads)
    phrase_seconds = time.perf_counter() - started

    started = time.perf_counter()
    full_mentions = sum(len(extract_skills(ad)) for ad in ads)
    full_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for title in titles:
        code_title(title)
    cold_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for title in titles:
        code_title(title)
    warm_seconds = time.perf_counter() - started

    result = {
        "ads": len(ads),
        "clauses": sentences,
        "phrase_ads_per_s": _rate(len(ads), phrase_seconds),
        "phrase_clauses_per_s": _rate(sentences, phrase_seconds),
        "phrase_mentions_per_ad": round(phrase_mentions / len(ads), 2),
        "semantic_ads_per_s": _rate(len(ads), full_seconds),
        "semantic_clauses_per_s": _rate(sentences, full_seconds),
        "semantic_mentions_per_ad": round(full_mentions / len(ads), 2),
        "titles": len(titles),
        "titles_per_s_uncached": _rate(len(titles), cold_seconds),
        "titles_per_s_cached": _rate(len(titles), warm_seconds),
        "title_latency_ms_uncached": round(1000 * cold_seconds / len(titles), 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
