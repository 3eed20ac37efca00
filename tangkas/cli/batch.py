"""``tangkas batch recommend|code``: national-scale batch work on Dask, partitioned Parquet in and out.

One task per input row group; each output piece is written atomically, so a killed run is resumed by
running the same command again (finished pieces are skipped). See docs/scale.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TaskID

from tangkas.batch.code import CodeJob, code_everything, distinct_titles
from tangkas.batch.recommend import RecommendJob
from tangkas.batch.runner import LOCAL, Job, RunSummary, input_files, output_files, plan_pieces, run_job
from tangkas.cli.app import LangOption, app, console, errors, fail, parse_lang, progress_bar
from tangkas.cli.rows import print_errors, print_rejected
from tangkas.cli.store import DbOption
from tangkas.errors import TangkasError
from tangkas.i18n import decimal, translate
from tangkas.models import Lang
from tangkas.rows.report import RowsRejectedError
from tangkas.services.batch_load import BatchLoad, check_importable, load_batch_run
from tangkas.store import open_store
from tangkas.training.bulk import BulkOptions
from tangkas.training.plans import PRAKERJA_CREDIT_IDR

batch_app = typer.Typer(
    help="Pekerjaan massal skala nasional (Dask): Parquet berpartisi masuk dan keluar.", no_args_is_help=True
)
app.add_typer(batch_app, name="batch")

MESSAGES = {
    "progress": {"id": "Memproses {job}", "en": "Running {job}"},
    "done": {
        "id": "{written} bagian ditulis, {skipped} dilewati (sudah lengkap) dari {pieces}; "
        "{rows} baris dalam {seconds} detik ({rate} baris/detik) -> {out}",
        "en": "{written} pieces written, {skipped} skipped (already complete) of {pieces}; "
        "{rows} rows in {seconds} s ({rate} rows/s) -> {out}",
    },
    "rejected": {
        "id": "{n} baris ditolak (kolom problem menyebut sebabnya; tidak ada rekomendasi untuknya)",
        "en": "{n} rows rejected (the problem column says why; they have no recommendations)",
    },
    "rejected_code": {
        "id": "{n} baris ditolak (kolom problem menyebut sebabnya; tidak dikodekan)",
        "en": "{n} rows rejected (the problem column says why; they were not coded)",
    },
    "pass": {
        "id": "Tahap {step}",
        "en": "Pass {step}",
    },
    "titles": {
        "id": "judul berbeda: {keys}, masing-masing dikodekan sekali ({new} baru dalam proses ini); "
        "teks keterampilan baru: {skills}; cek iklan baru: {checks}; iklan ditandai: {flagged}",
        "en": "distinct titles: {keys}, each coded once ({new} new in this run); new skill texts: "
        "{skills}; new ad checks: {checks}; ads flagged: {flagged}",
    },
    "distinct": {
        "id": "profil berbeda (dihitung per bagian): {distinct} dari {profiles}; rencana pelatihan: "
        "{solved} dihitung, {reused} dipakai ulang ({share}% dari {asked})",
        "en": "distinct profiles (counted per piece): {distinct} of {profiles}; training plans: "
        "{solved} solved, {reused} reused ({share}% of {asked})",
    },
    "memory": {
        "id": "memori puncak per proses: {peak} MB (maks.) pada {workers} proses",
        "en": "peak memory per process: {peak} MB (max) over {workers} processes",
    },
    "importing": {"id": "Mengimpor lowongan", "en": "Importing postings"},
    "loading": {"id": "Memuat kode dan cek iklan", "en": "Loading codings and ad checks"},
    "loaded": {
        "id": "Dimuat ke {url}: {imported} lowongan baru diimpor, {already} sudah ada, {rejected} ditolak "
        "impor; {coded} dikodekan dan {checked} diperiksa dari hasil ini",
        "en": "Loaded into {url}: {imported} new postings imported, {already} already there, {rejected} "
        "rejected by the import; {coded} coded and {checked} checked from these results",
    },
    "not_loaded": {
        "id": "{n} baris hasil tidak dikodekan (kolom problem), jadi tidak dimuat",
        "en": "{n} result rows were not coded (the problem column), so they were not loaded",
    },
    "import_errors": {
        "id": "{path}: {n} baris ditolak impor:",
        "en": "{path}: {n} rows rejected by the import:",
    },
    "unchecked": {
        "id": "tanpa cek iklan (--no-checks): lowongan baru menunggu 'tangkas import check-ads'",
        "en": "no ad checks (--no-checks): new postings wait for 'tangkas import check-ads'",
    },
    "db_without_load": {"id": "--db hanya berlaku bersama --load", "en": "--db only applies with --load"},
}
SchedulerOption = Annotated[
    str,
    typer.Option(
        "--scheduler",
        help="local (LocalCluster di semua inti, bawaan), serial (proses ini, tanpa Dask), "
        "atau alamat penjadwal Dask, mis. tcp://host:8786.",
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", min=1, help="Jumlah proses pekerja Dask di LocalCluster (bawaan: semua inti)."),
]
MemoryOption = Annotated[
    str | None, typer.Option("--memory-limit", help="Batas memori per proses pekerja Dask, mis. 2GiB.")
]


def _t(key: str, lang: Lang, **values: object) -> str:
    return translate(MESSAGES, key, lang, **values)


def _number(value: float, lang: Lang) -> str:
    return f"{value:,.0f}".replace(",", "." if lang == "id" else ",")


@contextmanager
def _said(lang: Lang) -> Iterator[None]:
    """A library error for bad input as one line in the user's language, exit code 2."""
    try:
        yield
    except TangkasError as error:
        fail(error.say(lang), lang)


def _run(
    job: Job, inputs: Path, out: Path, scheduler: str, workers: int | None, memory: str | None, lang: Lang
) -> None:
    with _said(lang):
        total = sum(p.rows for p in plan_pieces(inputs))
    with progress_bar() as bar, _said(lang):
        task = bar.add_task(_t("progress", lang, job=job.name), total=total)
        summary = run_job(
            job,
            inputs,
            out,
            scheduler=scheduler,
            workers=workers,
            memory_limit=memory,
            progress=lambda rows: bar.advance(task, rows),
        )
    _report(summary, out, lang)


def _report(summary: RunSummary, out: Path, lang: Lang, rejected: str = "rejected") -> None:
    rate = summary.rows_in / summary.seconds if summary.seconds else 0.0
    console.print(
        _t(
            "done",
            lang,
            written=summary.written,
            skipped=summary.skipped,
            pieces=summary.pieces,
            rows=_number(summary.rows_in, lang),
            seconds=decimal(summary.seconds, 1, lang),
            rate=_number(rate, lang),
            out=out,
        ),
        markup=False,
    )
    counters = summary.counters
    if counters.get("rejected"):
        console.print(_t(rejected, lang, n=_number(counters["rejected"], lang)), markup=False)
    if "profiles_distinct" in counters:
        asked, solved = counters.get("plans_asked", 0), counters.get("plans_solved", 0)
        console.print(
            _t(
                "distinct",
                lang,
                distinct=_number(counters["profiles_distinct"], lang),
                profiles=_number(counters["profiles"], lang),
                solved=_number(solved, lang),
                reused=_number(asked - solved, lang),
                share=decimal(100 * (asked - solved) / asked if asked else 0.0, 1, lang),
                asked=_number(asked, lang),
            ),
            markup=False,
        )
    if summary.peak_rss_mb:
        peak = max(summary.peak_rss_mb.values())
        console.print(
            _t("memory", lang, peak=_number(peak, lang), workers=len(summary.peak_rss_mb)), markup=False
        )


@batch_app.command("recommend")
def recommend_command(
    profiles: Annotated[Path, typer.Argument(help="Profil: berkas Parquet atau folder berisi Parquet.")],
    out_dir: Annotated[Path, typer.Argument(help="Folder keluaran Parquet berpartisi.")],
    top: Annotated[int, typer.Option("--top", min=1, max=50, help="Jabatan tujuan per profil.")] = 10,
    plans: Annotated[
        int,
        typer.Option("--plans", min=0, max=50, help="Berapa tujuan teratas yang diberi rencana pelatihan."),
    ] = 3,
    budget: Annotated[
        int, typer.Option("--budget", min=0, help="Anggaran pelatihan (rupiah).")
    ] = PRAKERJA_CREDIT_IDR,
    catalog: Annotated[
        Path | None,
        typer.Option("--catalog", help="Katalog kursus (CSV/Parquet); bawaan: katalog terimpor/demo."),
    ] = None,
    scheduler: SchedulerOption = LOCAL,
    workers: WorkersOption = None,
    memory_limit: MemoryOption = None,
    lang: LangOption = "id",
) -> None:
    """Rekomendasi pindah jabatan dan rencana pelatihan untuk setiap profil (mis. kohort sintetis)."""
    language = parse_lang(lang)
    job = RecommendJob(
        BulkOptions(top=top, plans=min(plans, top), budget=budget),
        str(catalog.resolve()) if catalog is not None else None,
    )
    _run(job, profiles, out_dir, scheduler, workers, memory_limit, language)


@batch_app.command("code")
def code_command(
    postings: Annotated[Path, typer.Argument(help="Lowongan (format tangkas): berkas Parquet atau folder.")],
    out_dir: Annotated[Path, typer.Argument(help="Folder keluaran Parquet berpartisi.")],
    semantic_skills: Annotated[
        bool, typer.Option("--semantic-skills", help="Juga tahap semantik keterampilan (jauh lebih lambat).")
    ] = False,
    checks: Annotated[bool, typer.Option("--checks/--no-checks", help="Cek iklan diskriminatif.")] = True,
    load: Annotated[
        bool,
        typer.Option(
            "--load",
            help="Lalu muat ke basis data: impor lowongan masukan (yang sudah ada dilewati, baris tidak "
            "sah ditolak) beserta kode dan cek iklannya dari hasil ini.",
        ),
    ] = False,
    db: DbOption = None,
    scheduler: SchedulerOption = LOCAL,
    workers: WorkersOption = None,
    memory_limit: MemoryOption = None,
    lang: LangOption = "id",
) -> None:
    """Kodekan lowongan massal: jabatan (tiap judul berbeda sekali), keterampilan, dan cek iklan."""
    language = parse_lang(lang)
    if db is not None and not load:
        fail(_t("db_without_load", language), language)
    with _said(language):
        total = sum(p.rows for p in plan_pieces(postings))
        if load:
            _check_load(postings, db, language)
    with progress_bar() as bar, _said(language):
        tasks: dict[str, TaskID] = {}

        def advance(step: str, rows: int) -> None:
            if step not in tasks:
                size = total if step != "title-codes" else distinct_titles(out_dir)
                tasks[step] = bar.add_task(_t("pass", language, step=step), total=size)
            bar.advance(tasks[step], rows)

        summaries = code_everything(
            postings,
            out_dir,
            CodeJob(semantic_skills, checks),
            scheduler=scheduler,
            workers=workers,
            memory_limit=memory_limit,
            progress=advance,
        )
    coded = summaries["code"]
    _report(coded, out_dir, language, "rejected_code")
    counters = coded.counters
    console.print(
        _t(
            "titles",
            language,
            keys=_number(distinct_titles(out_dir), language),
            new=_number(summaries["title-codes"].rows_in, language),
            skills=_number(counters.get("skills_new", 0), language),
            checks=_number(counters.get("checks_new", 0), language),
            flagged=_number(counters.get("ads_flagged", 0), language),
        ),
        markup=False,
    )
    if load:
        _load(postings, out_dir, db, checks, language)


def _check_load(postings: Path, db: str | None, lang: Lang) -> None:
    """Before a long run: the store opens at the latest schema, and the import takes the input's columns."""
    try:
        check_importable(input_files(postings))
    except RowsRejectedError as rejected:
        print_rejected(rejected.report, lang, errors)
        raise typer.Exit(2) from None
    with open_store(db) as store:
        store.require_latest()


def _load(postings: Path, out_dir: Path, db: str | None, checks: bool, lang: Lang) -> None:
    """Import the input postings and load the run's codings and checks into the store, then say what."""
    inputs, pieces = input_files(postings), output_files(out_dir)
    total = sum(p.rows for p in plan_pieces(postings))
    with (
        _said(lang),
        open_store(db) as store,
        progress_bar() as bar,
    ):
        reading = bar.add_task(_t("importing", lang), total=total)
        writing = bar.add_task(_t("loading", lang), total=total)
        done = load_batch_run(
            store,
            inputs,
            pieces,
            importing=lambda n: bar.advance(reading, n),
            loading=lambda n: bar.advance(writing, n),
        )
        url = store.url.split("@")[-1]
    _report_load(done, url, checks, lang)


def _report_load(done: BatchLoad, url: str, checks: bool, lang: Lang) -> None:
    for report in done.imports:
        if report.rejected_rows:
            errors.print(_t("import_errors", lang, path=report.path, n=report.rejected_rows), markup=False)
            print_errors(report, lang, errors, limit=10)
    counts = done.counts
    numbers = {
        "imported": done.imported,
        "already": done.already,
        "rejected": done.rejected,
        "coded": counts.coded,
        "checked": counts.checked,
    }
    said = {name: _number(value, lang) for name, value in numbers.items()}
    console.print(_t("loaded", lang, url=url, **said), markup=False)
    if counts.problems:
        console.print(_t("not_loaded", lang, n=_number(counts.problems, lang)), markup=False)
    if not checks:
        console.print(_t("unchecked", lang), markup=False)
