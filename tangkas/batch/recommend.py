"""``tangkas batch recommend``: job transitions and training plans for every profile of a Parquet input."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from tangkas.careers.similarity import similarity_matrix
from tangkas.careers.transitions import viability_thresholds
from tangkas.services.plans import catalog_for
from tangkas.training.bulk import BulkOptions, recommend_table
from tangkas.training.catalog import CourseCatalog
from tangkas.training.course_rows import read_catalog


@lru_cache(maxsize=2)
def job_catalog(path: str | None) -> CourseCatalog:
    """The catalog plans are made from: the file at ``path``, else the imported catalog file, else the
    synthetic demo catalog (as for a counsellor's plans without a store)."""
    return read_catalog(Path(path)) if path else catalog_for(None)


@dataclass(frozen=True, slots=True)
class RecommendJob:
    """Options of one ``batch recommend`` run (sent to every worker; models are loaded there)."""

    options: BulkOptions = field(default_factory=BulkOptions)
    catalog: str | None = None
    name: str = "recommend"

    def warm(self) -> None:
        similarity_matrix()
        viability_thresholds()
        job_catalog(self.catalog)
        recommend_table(
            pa.table({"profile_id": ["warm"], "occupations": [["7531.5"]]}),
            job_catalog(self.catalog),
            self.options,
        )

    def run(self, table: pa.Table) -> tuple[pa.Table, dict[str, int]]:
        return recommend_table(table, job_catalog(self.catalog), self.options)
