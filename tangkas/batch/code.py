"""``tangkas batch code``: the job that codes postings, one partition at a time, on any worker.

The job holds options only (it is pickled to the workers); the models and the caches of titles, skills
and checks already done live in each worker process (:mod:`tangkas.market.bulk`), so they load once per
worker and a title coded in one partition is a cache hit in the next.

>>> import pickle
>>> job = CodeJob(checks=False)
>>> pickle.loads(pickle.dumps(job)) == job, job.name
(True, 'code')
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from tangkas.market import bulk


@dataclass(frozen=True, slots=True)
class CodeJob:
    """Code postings (the ``tangkas`` feed format) into :data:`tangkas.market.bulk.OUTPUT` rows: titles,
    skills (the semantic stage too when ``semantic_skills``) and, when ``checks``, the ad checks."""

    semantic_skills: bool = False
    checks: bool = True
    name: str = "code"

    def warm(self) -> None:
        """Load every model into this process (once per worker)."""
        bulk.warm(semantic_skills=self.semantic_skills)

    def run(self, table: pa.Table) -> tuple[pa.Table, dict[str, int]]:
        """One partition of postings -> its coded rows and the work counters."""
        return bulk.code_table(table, semantic_skills=self.semantic_skills, checks=self.checks)
