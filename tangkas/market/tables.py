"""Postings and coded postings as Arrow tables: the columnar form the demand functions and a store use.

:func:`postings_table` has one column per :class:`~tangkas.market.postings.Posting` field (what a store
keeps per ad); :func:`coded_table` has the columns of :data:`SCHEMA` (what the demand indicators read:
place, month, pay, occupation, ISCO group, confidence, skill URIs).

>>> from tangkas.market.postings import Posting
>>> postings_table([Posting("demo", "1", "Kasir", province_code="31")]).num_rows
1
>>> coded_table([]).schema.names[:3]
['source', 'external_id', 'title']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

from tangkas.market.coding import CodedPosting
from tangkas.market.postings import Posting

SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("external_id", pa.string()),
        ("title", pa.string()),
        ("province_code", pa.string()),
        ("city", pa.string()),
        ("month", pa.string()),
        ("posted_date", pa.date32()),
        ("salary_min", pa.int64()),
        ("salary_max", pa.int64()),
        ("category", pa.string()),
        ("occupation", pa.string()),
        ("isco", pa.string()),
        ("score", pa.float32()),
        ("confident", pa.bool_()),
        ("skills", pa.list_(pa.string())),
    ]
)
POSTING_FIELDS = (
    "source",
    "external_id",
    "title",
    "text",
    "province_code",
    "province",
    "city",
    "posted_date",
    "salary_min",
    "salary_max",
    "education",
    "experience_years_min",
    "category",
    "company",
    "url",
    "location",
    "place_kind",
    "country",
    "date_kind",
    "salary_status",
    "other_places",
    "skills",
)


def coded_table(coded: Iterable[CodedPosting]) -> pa.Table:
    """The columnar form of coded postings that every demand function takes."""
    cols: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for c in coded:
        p = c.posting
        for name, value in (
            ("source", p.source),
            ("external_id", p.external_id),
            ("title", p.title),
            ("province_code", p.province_code),
            ("city", p.city),
            ("month", p.month),
            ("posted_date", p.posted_date),
            ("salary_min", p.salary_min),
            ("salary_max", p.salary_max),
            ("category", p.category),
            ("occupation", c.occupation),
            ("isco", c.isco),
            ("score", c.score),
            ("confident", c.confident),
            ("skills", list(c.skills)),
        ):
            cols[name].append(value)
    return pa.table(cols, schema=SCHEMA)


def postings_table(postings: Iterable[Posting]) -> pa.Table:
    """Postings as a table with one column per :class:`Posting` field (skill tags joined by ``|``)."""
    cols: dict[str, list[Any]] = {name: [] for name in POSTING_FIELDS}
    for p in postings:
        for name in POSTING_FIELDS:
            value = getattr(p, name)
            cols[name].append("|".join(value) if name == "skills" else value)
    types = {
        "posted_date": pa.date32(),
        "salary_min": pa.int64(),
        "salary_max": pa.int64(),
        "experience_years_min": pa.int64(),
        "other_places": pa.int64(),
    }
    return pa.table({n: pa.array(v, type=types.get(n, pa.string())) for n, v in cols.items()})


def as_table(data: Any) -> pa.Table:
    """A pyarrow table from a table, a pandas frame, or coded postings; known columns get the
    :data:`SCHEMA` types (pandas' ``large_string`` becomes ``string``)."""
    if isinstance(data, pa.Table):
        table = data
    elif hasattr(data, "iloc"):
        table = pa.Table.from_pandas(data, preserve_index=False)
    else:
        return coded_table(data)
    for i, name in enumerate(table.column_names):
        if name in SCHEMA.names and table.schema.field(name).type != SCHEMA.field(name).type:
            table = table.set_column(i, name, table[name].cast(SCHEMA.field(name).type))
    return table


def write_table(table: pa.Table, path: str | Path) -> Path:
    """Export to CSV or Parquet, by the file's suffix (list columns are joined by ``|`` in CSV)."""
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    path = Path(path)
    if path.suffix == ".parquet":
        pq.write_table(table, path)
        return path
    for i, f in enumerate(table.schema):
        if pa.types.is_list(f.type):
            joined = pa.array(["|".join(v or []) for v in table[f.name].to_pylist()], pa.string())
            table = table.set_column(i, f.name, joined)
    pcsv.write_csv(table, path)
    return path
