"""``tangkas indicators``: labour-market indicators over the stored postings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pyarrow.csv as pacsv
import typer
from rich.table import Table

from tangkas.cli.app import JsonOption, app, console, fail
from tangkas.cli.store import DbOption
from tangkas.services.indicators import INDICATORS, indicator, indicator_to_dict
from tangkas.store import open_store

BY = ("province", "isco1", "isco2", "isco3", "isco", "occupation", "month", "source")


@app.command()
def indicators(
    name: Annotated[str, typer.Argument(help="demand, skills, pay atau digital.")],
    by: Annotated[str, typer.Option("--by", help=f"Dikelompokkan menurut: {', '.join(BY)}.")] = "province",
    top: Annotated[int, typer.Option("--top", min=1, max=100_000)] = 30,
    csv: Annotated[Path | None, typer.Option("--csv", help="Tulis ke berkas CSV.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Indikator pasar kerja dari lowongan di basis data (median gaji hanya dari >=10 iklan bergaji)."""
    if name not in INDICATORS:
        fail(f"indikator tidak dikenal: {name!r} (pilih {', '.join(INDICATORS)})")
    if by not in BY:
        fail(f"pengelompokan tidak dikenal: {by!r} (pilih {', '.join(BY)})")
    with open_store(db) as store:
        store.require_latest()
        table = indicator(store, name, by, top=top)
    if csv:
        pacsv.write_csv(table, csv)
        console.print(f"{table.num_rows} baris ditulis ke {csv}")
        return
    if as_json:
        console.print_json(json.dumps(indicator_to_dict(name, by, table), default=str))
        return
    view = Table(title=f"{name} / {by}")
    for column in table.column_names:
        view.add_column(column)
    for row in table.slice(0, top).to_pylist():
        view.add_row(*("" if v is None else str(v) for v in row.values()))
    console.print(view)
