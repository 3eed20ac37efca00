"""The synthetic national cohort on disk: ``tangkas cohort generate N OUT_DIR``.

Partitioned Parquet (``part-00000.parquet`` ...), each written to a temporary name and renamed when
complete, so a re-run skips the partitions already there and a killed run resumes without duplicates.
``_cohort.json`` records n, seed, partition size, schema version and the rules used.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import pyarrow.parquet as pq
import typer

from tangkas import cohort
from tangkas.cli.app import LangOption, app, console, fail, parse_lang, progress_bar
from tangkas.i18n import translate
from tangkas.models import Lang

cohort_app = typer.Typer(help="Kohort nasional sintetis untuk uji skala.", no_args_is_help=True)
app.add_typer(cohort_app, name="cohort")

META_FILE = "_cohort.json"
MESSAGES = {
    "progress": {"id": "Membuat profil sintetis", "en": "Generating synthetic profiles"},
    "done": {
        "id": "{written} bagian ditulis, {skipped} dilewati (sudah lengkap): "
        "{total} profil sintetis di {out}",
        "en": "{written} partitions written, {skipped} skipped (already complete): "
        "{total} synthetic profiles in {out}",
    },
    "mismatch": {
        "id": "{out} berisi kohort lain ({found}); pakai folder kosong atau parameter yang sama",
        "en": "{out} holds another cohort ({found}); use an empty folder or the same parameters",
    },
    "bad_number": {
        "id": "N dan --partition-rows harus positif",
        "en": "N and --partition-rows must be positive",
    },
}


def part_name(index: int) -> str:
    """The file name of partition ``index``.

    >>> part_name(3)
    'part-00003.parquet'
    """
    return f"part-{index:05d}.parquet"


def cohort_metadata(n: int, seed: int, partition_rows: int) -> dict[str, Any]:
    """What ``_cohort.json`` records: the cohort's parameters and the rules it was drawn by."""
    return {
        "n": n,
        "seed": seed,
        "partition_rows": partition_rows,
        "partitions": -(-n // partition_rows),
        "schema_version": cohort.SCHEMA_VERSION,
        "synthetic": True,
        "columns": cohort.SCHEMA.names,
        "rules": {
            "province": "BPJS Ketenagakerjaan active participants by province, Dec 2023 "
            "(coverage_national.csv); the 10 uncaptured provinces share the rest of 41.56 million equally",
            "sex": f"male share {cohort.male_share():.4f} from labour-force participation by sex, "
            "BPS Sakernas Aug 2024 (labour_by_sex.csv), equal working-age populations assumed",
            "age": {"bands": [list(b) for b in cohort.AGE_BANDS], "reference_year": cohort.REFERENCE_YEAR},
            "occupations": "ESCO occupations weighted by job ads (occupation_demand.parquet); "
            f"{cohort.MIXED_SHARE:.0%} mixed with two or three different occupations",
            "extra_skills": f"{cohort.EXTRA_SKILLS_SHARE:.0%} of profiles: 1-{cohort.MAX_EXTRA_SKILLS} "
            "different optional skills of the first occupation (occupation_skills.parquet)",
            "determinism": f"row i from the random stream (seed, i // {cohort.BLOCK_ROWS})",
        },
    }


def _write_json_atomically(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def write_partition(path: Path, seed: int, first: int, rows: int) -> None:
    """Rows ``first`` to ``first + rows - 1`` of the cohort to ``path``, via a temporary file and a rename."""
    temporary = path.with_name(f".{path.name}.tmp")
    with pq.ParquetWriter(temporary, cohort.SCHEMA) as writer:
        for chunk in cohort.generate_cohort(first + rows, seed=seed, start=first):
            writer.write_table(chunk)
    os.replace(temporary, path)


def _check_existing(out: Path, meta: dict[str, Any], lang: Lang) -> None:
    path = out / META_FILE
    if not path.exists():
        return
    found = json.loads(path.read_text("utf-8"))
    keys = ("n", "seed", "partition_rows", "schema_version")
    if any(found.get(k) != meta[k] for k in keys):
        described = ", ".join(f"{k}={found.get(k)}" for k in keys)
        fail(translate(MESSAGES, "mismatch", lang, out=out, found=described), lang)


@cohort_app.command("generate")
def generate_command(
    n: Annotated[int, typer.Argument(help="Jumlah profil sintetis.")],
    out_dir: Annotated[Path, typer.Argument(help="Folder keluaran Parquet berpartisi.")],
    seed: Annotated[int, typer.Option("--seed", help="Benih acak.")] = 17,
    partition_rows: Annotated[
        int, typer.Option("--partition-rows", help="Baris per berkas partisi.")
    ] = 1_000_000,
    lang: LangOption = "id",
) -> None:
    """Buat kohort nasional sintetis (profil mirip Prakerja) sebagai Parquet berpartisi; bisa dilanjutkan."""
    language = parse_lang(lang)
    if n < 1 or partition_rows < 1:
        fail(translate(MESSAGES, "bad_number", language), language)
    meta = cohort_metadata(n, seed, partition_rows)
    _check_existing(out_dir, meta, language)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_json_atomically(out_dir / META_FILE, meta)
    written = skipped = 0
    with progress_bar() as bar:
        task = bar.add_task(translate(MESSAGES, "progress", language), total=n)
        for index, first in enumerate(range(0, n, partition_rows)):
            rows = min(partition_rows, n - first)
            path = out_dir / part_name(index)
            if path.exists():
                skipped += 1
            else:
                write_partition(path, seed, first, rows)
                written += 1
            bar.advance(task, rows)
    console.print(
        translate(MESSAGES, "done", language, written=written, skipped=skipped, total=n, out=out_dir),
        markup=False,
    )
