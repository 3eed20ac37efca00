"""Postings and coded postings as Arrow tables: the columnar form the demand functions and a store use.

:func:`postings_table` has one column per :class:`~tangkas.market.postings.Posting` field (typed as in
:data:`~tangkas.market.postings.POSTINGS`, the posting's one declaration); :func:`coded_table` has the
columns of :data:`SCHEMA` (what the demand indicators read: place, month, pay, occupation, ISCO group,
confidence, skill URIs).

>>> from tangkas.market.postings import Posting
>>> postings_table([Posting("demo", "1", "Kasir", province_code="31")]).num_rows
1
>>> coded_table([]).schema.names[:3]
['source', 'external_id', 'title']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from tangkas.market.coding import CodedPosting
from tangkas.market.postings import POSTING_FIELDS, POSTINGS, Posting, posting_row

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
    """Postings as a table under the :class:`Posting` columns of :data:`POSTINGS` (tags joined by ``|``)."""
    schema = pa.schema([POSTINGS.arrow_schema.field(name) for name in POSTING_FIELDS])
    rows = [posting_row(p) for p in postings]
    return pa.Table.from_pylist([{n: r[n] for n in POSTING_FIELDS} for r in rows], schema=schema)


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
