"""CLI commands over workers' records: ``tangkas workers purge`` applies the retention period."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tangkas.cli.app import JsonOption, LangOption, app, console, fail, parse_lang
from tangkas.cli.store import DbOption
from tangkas.i18n import translate
from tangkas.models import Lang
from tangkas.services import records
from tangkas.services.batch_profiles import export_worker_profiles
from tangkas.store import open_store
from tangkas.store.base import StoreBusyError

MESSAGES = {
    "dry_run": {
        "id": "Uji coba (tidak ada yang diubah): {count} pekerja tanpa aktivitas sejak {cutoff} "
        "(masa simpan {years} tahun) akan dihapus data pribadinya.",
        "en": "Dry run (nothing changed): {count} workers without activity since {cutoff} "
        "(retention {years} years) would have their personal data erased.",
    },
    "purged": {
        "id": "{count} pekerja tanpa aktivitas sejak {cutoff} (masa simpan {years} tahun) dihapus data "
        "pribadinya; tiap penghapusan dicatat di log audit.",
        "en": "{count} workers without activity since {cutoff} (retention {years} years) had their "
        "personal data erased; each erasure is in the audit log.",
    },
    "clock_started": {
        "id": "{count} pekerja belum punya waktu aktivitas (diimpor dari berkas): masa simpan mereka mulai "
        "dihitung sekarang.",
        "en": "{count} workers had no activity time (imported from a file): their retention period "
        "starts now.",
    },
    "profiles": {
        "id": "{count} profil pekerja (tanpa nama, NIK, atau telepon) ditulis ke {path}; ekspor dicatat di "
        "log audit. Lanjutkan dengan: tangkas batch recommend {path} HASIL/",
        "en": "{count} worker profiles (no names, NIKs or phones) written to {path}; the export is in the "
        "audit log. Next: tangkas batch recommend {path} RESULTS/",
    },
    "busy": {
        "id": "basis data sedang dipakai oleh server Tangkas yang berjalan: hentikan server dulu, atau "
        "pakai PostgreSQL (TANGKAS_DATABASE_URL).",
        "en": "the database is in use by the running Tangkas server: stop the server first, or use "
        "PostgreSQL (TANGKAS_DATABASE_URL).",
    },
}

workers_app = typer.Typer(help="Data pekerja: masa simpan dan penghapusan.", no_args_is_help=True)
app.add_typer(workers_app, name="workers")


def _t(key: str, lang: Lang, **values: object) -> str:
    return translate(MESSAGES, key, lang, **values)


@workers_app.command("purge")
def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Hanya hitung; tidak ada yang dihapus.")] = False,
    years: Annotated[
        int | None,
        typer.Option(
            "--years",
            min=1,
            max=100,
            help=f"Masa simpan dalam tahun (bawaan: {records.RETENTION_ENV} atau "
            f"{records.DEFAULT_RETENTION_YEARS}).",
        ),
    ] = None,
    db: DbOption = None,
    lang: LangOption = "id",
    as_json: JsonOption = False,
) -> None:
    """Hapus data pribadi pekerja yang tidak aktif lebih lama dari masa simpan (dengan kode yang sama
    seperti permintaan penghapusan)."""
    language = parse_lang(lang)
    try:
        with open_store(db) as store:
            store.require_latest()
            done = records.purge(store, dry_run=dry_run, years=years)
    except StoreBusyError:
        fail(_t("busy", language), language)
    cutoff = done.cutoff.date().isoformat()
    if as_json:
        body = {
            "dry_run": done.dry_run,
            "years": done.years,
            "cutoff": cutoff,
            "count": len(done.worker_ids),
            "worker_ids": done.worker_ids,
            "started_clock": done.started_clock,
        }
        console.print(json.dumps(body), markup=False)
        return
    if done.started_clock:
        console.print(_t("clock_started", language, count=done.started_clock))
    key = "dry_run" if dry_run else "purged"
    console.print(_t(key, language, count=len(done.worker_ids), cutoff=cutoff, years=done.years))


@workers_app.command("profiles")
def profiles_command(
    out: Annotated[Path, typer.Argument(help="Berkas Parquet keluaran (masukan tangkas batch recommend).")],
    office: Annotated[str | None, typer.Option("--office", help="Hanya pekerja kantor ini.")] = None,
    db: DbOption = None,
    lang: LangOption = "id",
) -> None:
    """Tulis profil pekerja terdaftar (jabatan, keterampilan, provinsi; tanpa data pribadi) untuk
    rekomendasi massal."""
    language = parse_lang(lang)
    try:
        with open_store(db) as store:
            store.require_latest()
            count = export_worker_profiles(store, out, office_code=office)
    except StoreBusyError:
        fail(_t("busy", language), language)
    console.print(_t("profiles", language, count=count, path=out), markup=False)
