"""``tangkas batch code``: coding postings on a cluster, each distinct title coded once in the whole run.

Three passes, each an ordinary :func:`~tangkas.batch.runner.run_job` (atomic pieces, resumable):

1. ``title-keys``: every partition's distinct title keys (no model; fast), in ``OUT/_keys``;
2. ``title-codes``: the distinct keys of the whole input that are new, cut into pieces of
   :data:`KEYS_PER_PIECE` and coded by the title model, in ``OUT/_titles`` (each key once, over all
   workers);
3. ``code``: every partition coded (titles from pass 2, loaded once per worker; skills and ad checks
   once per identical text per worker) into ``OUT``.

Without the first two passes each worker would code every title it meets, so a title common in every
partition would be coded once per worker. The jobs hold options only (they are pickled to the
workers); models and caches live in each worker process (:mod:`tangkas.market.bulk`).

>>> import pickle
>>> job = CodeJob(checks=False)
>>> pickle.loads(pickle.dumps(job)) == job, job.name
(True, 'code')
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tangkas.batch.runner import LOCAL, Job, RunSummary, read_output, run_job
from tangkas.market import bulk

KEYS_PER_PIECE = 500
KEYS_DIR = "_keys"
TODO_DIR = "_keys_distinct"
TITLES_DIR = "_titles"


@dataclass(frozen=True, slots=True)
class TitleKeysJob:
    """Pass 1: the distinct title keys of each partition."""

    name: str = "title-keys"

    def warm(self) -> None:
        """Nothing to load: keys are read from the text alone."""

    def run(self, table: pa.Table) -> tuple[pa.Table, dict[str, int]]:
        keys = bulk.title_keys(table)
        return keys, {"title_keys_per_piece": keys.num_rows}


@dataclass(frozen=True, slots=True)
class TitleCodesJob:
    """Pass 2: a piece of distinct title keys, coded by the title model."""

    name: str = "title-codes"

    def warm(self) -> None:
        bulk.warm()

    def run(self, table: pa.Table) -> tuple[pa.Table, dict[str, int]]:
        return bulk.code_keys(table), {"titles_new": table.num_rows}


@dataclass(frozen=True, slots=True)
class CodeJob:
    """Code postings (the ``tangkas`` feed format) into :data:`tangkas.market.bulk.OUTPUT` rows: titles,
    skills (the semantic stage too when ``semantic_skills``) and, when ``checks``, the ad checks.
    ``title_codes``: a folder of coded title keys (pass 2) each worker loads when it starts."""

    semantic_skills: bool = False
    checks: bool = True
    title_codes: str | None = None
    name: str = "code"

    def warm(self) -> None:
        """Load every model into this process (once per worker), and the titles coded already."""
        bulk.warm(semantic_skills=self.semantic_skills)
        if self.title_codes is not None and any(Path(self.title_codes).glob("*.parquet")):
            bulk.preload_titles(read_output(Path(self.title_codes)))

    def run(self, table: pa.Table) -> tuple[pa.Table, dict[str, int]]:
        """One partition of postings -> its coded rows and the work counters."""
        return bulk.code_table(table, semantic_skills=self.semantic_skills, checks=self.checks)


def _distinct_keys(out: Path) -> Path:
    """Pass 1's keys, distinct over the whole input, as one file of :data:`KEYS_PER_PIECE`-row groups
    (sorted, so a re-run writes the same file and pass 2 resumes where it stopped)."""
    keys = read_output(out / KEYS_DIR).group_by(bulk.KEYS.names).aggregate([]).select(bulk.KEYS.names)
    keys = keys.sort_by([(name, "ascending") for name in bulk.KEYS.names])
    folder = out / TODO_DIR
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / ".keys.parquet.tmp"
    pq.write_table(keys.cast(bulk.KEYS), temporary, row_group_size=KEYS_PER_PIECE)
    os.replace(temporary, folder / "keys.parquet")
    return folder


def distinct_titles(out: Path) -> int:
    """How many distinct title keys the input of the run in ``out`` has (after pass 1)."""
    path = out / TODO_DIR / "keys.parquet"
    return int(pq.ParquetFile(path).metadata.num_rows) if path.exists() else 0


def code_everything(
    postings: Path,
    out: Path,
    job: CodeJob,
    *,
    scheduler: str = LOCAL,
    workers: int | None = None,
    memory_limit: str | None = None,
    progress: Callable[[str, int], object] | None = None,
) -> dict[str, RunSummary]:
    """The three passes (see the module); ``progress`` gets the pass's name and rows done."""

    def run(step: Job, inputs: Path, target: Path) -> RunSummary:
        told = None if progress is None else (lambda rows: progress(step.name, rows))
        return run_job(
            step,
            inputs,
            target,
            scheduler=scheduler,
            workers=workers,
            memory_limit=memory_limit,
            progress=told,
        )

    keys = run(TitleKeysJob(), postings, out / KEYS_DIR)
    titles = run(TitleCodesJob(), _distinct_keys(out), out / TITLES_DIR)
    coded = run(CodeJob(job.semantic_skills, job.checks, str((out / TITLES_DIR).resolve())), postings, out)
    return {"title-keys": keys, "title-codes": titles, "code": coded}
