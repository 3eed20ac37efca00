"""Registered workers as batch profiles: the input of ``tangkas batch recommend`` for every worker on record.

Only what a recommendation reads leaves the store: a pseudonymous ``profile_id`` (``w`` and the worker's
record id, which only the store can link back to a person), past occupations, extra skills and the
province. No name, NIK, phone or status. The export is audited with its count.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tangkas.cohort import SCHEMA as COHORT_SCHEMA
from tangkas.store import Store
from tangkas.store.audit import audit
from tangkas.store.queries import worker_profile_rows

SCHEMA = pa.schema(
    [COHORT_SCHEMA.field(n) for n in ("profile_id", "province_code", "occupations", "extra_skills")]
)
"""The cohort's columns a recommendation reads (see docs/scale.md)."""


def _split(value: str) -> list[str]:
    return [part for part in value.split("|") if part]


def worker_profiles_table(store: Store, office_code: str | None = None) -> pa.Table:
    """Every worker with an occupation or skill on record (only ``office_code``'s when given), as
    :data:`SCHEMA` rows in record order."""
    rows = worker_profile_rows(store, office_code)
    return pa.table(
        {
            "profile_id": [f"w{worker_id}" for worker_id, *_ in rows],
            "province_code": [province for *_, province in rows],
            "occupations": [_split(occupations) for _, occupations, _, _ in rows],
            "extra_skills": [_split(skills) for _, _, skills, _ in rows],
        },
        schema=SCHEMA,
    )


def export_worker_profiles(
    store: Store, path: Path, *, office_code: str | None = None, row_group: int = 50_000
) -> int:
    """Write :func:`worker_profiles_table` to ``path`` (Parquet, ``row_group`` rows a batch task; written to
    a temporary name, then renamed) and audit it; returns how many profiles."""
    table = worker_profiles_table(store, office_code)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary, row_group_size=row_group)
    os.replace(temporary, path)
    audit(
        store,
        None,
        "export_profiles",
        "workers",
        detail={"profiles": table.num_rows, "office_code": office_code, "fields": SCHEMA.names},
    )
    return int(table.num_rows)
