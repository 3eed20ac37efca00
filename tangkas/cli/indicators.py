"""``tangkas indicators``: labour-market indicators over the stored postings, and how common
discriminatory requirements are in them (``fair-ads``, ``fair-ads-pay``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import pyarrow.csv as pacsv
import typer
from rich.table import Table

from tangkas.cli.app import JsonOption, LangOption, app, console, fail, parse_lang
from tangkas.cli.store import DbOption
from tangkas.i18n import translate
from tangkas.models import Lang
from tangkas.services.fair_ads import GROUPINGS, fair_ads_indicator
from tangkas.services.indicators import INDICATORS, indicator, indicator_to_dict
from tangkas.store import open_store

BY = ("province", "isco1", "isco2", "isco3", "isco", "occupation", "month", "source")
GROUPED_BY: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(INDICATORS, BY),
    **{str(name): groups for name, groups in GROUPINGS.items()},
}
"""What each indicator may be grouped by."""
MESSAGES = {
    "bad_name": {
        "id": "indikator tidak dikenal: {name!r} (pilih {choices})",
        "en": "unknown indicator: {name!r} (choose {choices})",
    },
    "bad_by": {
        "id": "pengelompokan tidak dikenal: {by!r} (pilih {choices})",
        "en": "unknown grouping: {by!r} (choose {choices})",
    },
    "written": {
        "id": "{n} baris ditulis ke {path}",
        "en": "{n} rows written to {path}",
        "en_one": "1 row written to {path}",
    },
}
BY_HELP = (
    f"Dikelompokkan menurut: {', '.join(BY)}; fair-ads: {', '.join(GROUPINGS['fair-ads'])}; "
    f"fair-ads-pay: {', '.join(GROUPINGS['fair-ads-pay'])}."
)


def _t(key: str, lang: Lang, **values: object) -> str:
    return translate(MESSAGES, key, lang, **values)


@app.command()
def indicators(
    name: Annotated[
        str,
        typer.Argument(
            help="demand, skills, pay, digital; fair-ads (porsi iklan dengan syarat diskriminatif) atau "
            "fair-ads-pay (gaji iklan satu jenis kelamin dibanding iklan lain)."
        ),
    ],
    by: Annotated[str, typer.Option("--by", help=BY_HELP)] = "province",
    top: Annotated[int, typer.Option("--top", min=1, max=100_000)] = 30,
    csv: Annotated[Path | None, typer.Option("--csv", help="Tulis ke berkas CSV.")] = None,
    db: DbOption = None,
    lang: LangOption = "id",
    as_json: JsonOption = False,
) -> None:
    """Indikator pasar kerja dari lowongan di basis data (median gaji hanya dari >=10 iklan bergaji;
    fair-ads-pay hanya bila kedua kelompok punya >=5 iklan bergaji)."""
    language = parse_lang(lang)
    if name not in GROUPED_BY:
        fail(_t("bad_name", language, name=name, choices=", ".join(GROUPED_BY)), language)
    if by not in GROUPED_BY[name]:
        fail(_t("bad_by", language, by=by, choices=", ".join(GROUPED_BY[name])), language)
    with open_store(db) as store:
        store.require_latest()
        if name in GROUPINGS:
            table = fair_ads_indicator(store, name, by)
        elif name in INDICATORS:
            table = indicator(store, name, by, top=top)
    if csv:
        pacsv.write_csv(table, csv)
        console.print(_t("written", language, n=table.num_rows, path=csv), markup=False)
        return
    if as_json:
        console.print_json(json.dumps(indicator_to_dict(name, by, table), default=str))
        return
    if name == "fair-ads":
        table = _shares(table)
    view = Table(title=f"{name} / {by}")
    for column in table.column_names:
        view.add_column(column)
    for row in table.slice(0, top).to_pylist():
        view.add_row(*("" if v is None else str(v) for v in row.values()))
    console.print(view)


def _shares(table: pa.Table) -> pa.Table:
    """The fair-ads table as a terminal shows it: each ground's share as a percentage (the counts are in
    ``--json`` and ``--csv``), and a group of too few ads to trust marked ``*``."""
    columns = {table.column_names[0]: table.column(0), "ads": table["ads"]}
    for name in table.column_names:
        if name.endswith("_share"):
            values = [f"{100 * v:.1f}%" for v in table[name].to_pylist()]
            columns[name.removesuffix("_share")] = pa.array(values, pa.string())
    columns["few"] = pa.array(["*" if few else "" for few in table["few_ads"].to_pylist()], pa.string())
    return pa.table(columns)
