"""Writing rows: an Arrow table to CSV, JSON, JSON Lines or Parquet, by the file's suffix.

>>> import tempfile
>>> tmp = tempfile.TemporaryDirectory()
>>> table = pa.table({"title": ["Kasir"], "skills": [["a", "b"]]})
>>> write_table(table, Path(tmp.name) / "t.csv").read_text(encoding="utf-8")
'"title","skills"\\n"Kasir","a|b"\\n'
>>> tmp.cleanup()
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq


def _flat(table: pa.Table) -> pa.Table:
    """List columns joined by ``|``, as the CSV readers of Tangkas split them."""
    for i, f in enumerate(table.schema):
        if pa.types.is_list(f.type):
            joined = pa.array(["|".join(v or []) for v in table[f.name].to_pylist()], pa.string())
            table = table.set_column(i, f.name, joined)
    return table


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def write_table(table: pa.Table, path: str | Path) -> Path:
    """Export ``table`` to ``path``: ``.parquet``, ``.json`` (one list), ``.jsonl`` or CSV."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        pq.write_table(table, path)
    elif suffix in (".json", ".jsonl", ".ndjson"):
        rows = [{k: _json_value(v) for k, v in row.items()} for row in table.to_pylist()]
        if suffix == ".json":
            text = json.dumps(rows, ensure_ascii=False, indent=1)
        else:
            text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        path.write_text(text, encoding="utf-8")
    else:
        pcsv.write_csv(_flat(table), path)
    return path
