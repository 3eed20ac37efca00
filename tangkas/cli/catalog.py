"""CLI commands for training: plan, catalog import/demo, align."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tangkas.careers.transitions import Profile
from tangkas.cli.app import JsonOption, LangOption, app, console, fail, parse_lang
from tangkas.cli.rows import print_errors
from tangkas.errors import UnknownConceptError
from tangkas.i18n import translate
from tangkas.models import Lang
from tangkas.provinces import province as find_province
from tangkas.search import resolve_occupation
from tangkas.services.plans import MAX_COURSES, catalog_at, plan_move, plan_to_dict
from tangkas.taxonomy import Taxonomy, load_taxonomy
from tangkas.training.alignment import (
    AlignmentReport,
    DemandRow,
    align_catalog,
    alignment_rows,
    read_demand_csv,
    write_alignment_csv,
)
from tangkas.training.catalog import CourseCatalog
from tangkas.training.course_rows import CatalogReport, default_catalog_path, import_catalog, write_catalog
from tangkas.training.demo_catalog import generate_demo_catalog
from tangkas.training.plans import PRAKERJA_CREDIT_IDR, TrainingPlan

MESSAGES = {
    "demo_notice": {
        "id": "Memakai katalog DEMO sintetis (bukan kursus nyata). Impor: tangkas catalog import FILE",
        "en": "Using the synthetic DEMO catalog (not real courses). Import one: tangkas catalog import FILE",
    },
    "plan_title": {
        "id": "Rencana pelatihan: {source} -> {target}",
        "en": "Training plan: {source} -> {target}",
    },
    "gap": {
        "id": "Kesenjangan: {essential} esensial, {optional} opsional",
        "en": "Gap: {essential} essential, {optional} optional",
    },
    "summary": {
        "id": "Biaya Rp{cost} dari anggaran Rp{budget}; {hours:g} jam; {covered} keterampilan tertutup",
        "en": "Cost Rp{cost} of a Rp{budget} budget; {hours:g} hours; {covered} skills covered",
    },
    "any_province": {
        "id": "Tanpa --province: kursus tatap muka dari provinsi mana pun ikut dipertimbangkan.",
        "en": "No --province: face-to-face courses in any province are considered.",
    },
    "complete": {"id": "Semua keterampilan esensial tertutup.", "en": "Every essential skill is covered."},
    "uncovered": {"id": "Belum tertutup", "en": "Left uncovered"},
    "essential": {"id": "esensial", "en": "essential"},
    "optional": {"id": "opsional", "en": "optional"},
    "online": {"id": "daring", "en": "online"},
    "self_paced": {"id": "kapan saja", "en": "self-paced"},
    "optional_left": {
        "id": "  - {n} keterampilan opsional: {reason}",
        "en": "  - {n} optional skills: {reason}",
    },
    "columns": {
        "id": "No|Kursus|Tempat|Mulai|Jam|Biaya (Rp)|Ket.",
        "en": "No|Course|Where|Starts|Hours|Cost (Rp)|Skills",
    },
    "no_course": {"id": "tidak ada kursus yang mengajarkannya", "en": "no course teaches it"},
    "not_in_province": {
        "id": "tidak ada kursus di provinsi ini atau daring",
        "en": "no course in this province or online",
    },
    "mode": {"id": "tidak ada kursus dengan moda yang dipilih", "en": "no course in the chosen mode"},
    "schedule": {
        "id": "tidak ada kursus yang mulai sebelum tenggat",
        "en": "no course starts before the deadline",
    },
    "not_prakerja": {"id": "tidak ada kursus yang layak Prakerja", "en": "no Prakerja-eligible course"},
    "over_budget": {"id": "melebihi anggaran", "en": "over budget"},
    "over_hours": {"id": "melebihi batas jam", "en": "over the hours limit"},
    "course_limit": {"id": "melebihi jumlah kursus", "en": "over the number of courses"},
    "other_place": {"id": "kelasnya di provinsi lain", "en": "its class is in another province"},
    "import_ok": {
        "id": "{n} kursus valid, disimpan ke {path}",
        "en": "{n} valid courses, saved to {path}",
        "en_one": "1 valid course, saved to {path}",
    },
    "import_bad": {
        "id": "{bad} dari {rows} baris bermasalah; tidak ada yang diimpor.",
        "en": "{bad} of {rows} rows have problems; nothing was imported.",
    },
    "demo_written": {
        "id": "{n} kursus DEMO sintetis ditulis ke {path}",
        "en": "{n} synthetic DEMO courses written to {path}",
        "en_one": "1 synthetic DEMO course written to {path}",
    },
    "align_title": {"id": "Keselarasan vokasi: {where}", "en": "Vocational alignment: {where}"},
    "national": {"id": "nasional", "en": "national"},
    "no_demand": {
        "id": "Tidak ada tabel permintaan (--demand): kesenjangan tidak dapat dinilai. Di bawah ini hanya "
        "pasokan kursus lokal, bukan permintaan.",
        "en": "No demand table (--demand): gaps cannot be assessed. Below is local course supply only, "
        "not demand.",
    },
    "skill_columns": {
        "id": "No|Keterampilan|Permintaan|Kursus lokal|Kursi|Daring|Kesenjangan",
        "en": "No|Skill|Demand|Local courses|Seats|Online|Gap",
    },
    "open_columns": {
        "id": "No|Kursus untuk dibuka|Contoh di|Tindakan|Lowongan belum terpenuhi",
        "en": "No|Course to open|Example in|Action|Unmet postings",
    },
    "open": {"id": "buka", "en": "open"},
    "expand": {"id": "perluas", "en": "expand"},
    "untaught": {
        "id": "Diminta tetapi tidak diajarkan kursus mana pun: {n}",
        "en": "Demanded but taught by no course: {n}",
    },
    "csv_written": {"id": "CSV ditulis ke {path}", "en": "CSV written to {path}"},
    "bad_province": {"id": "provinsi tidak dikenal: {name!r}", "en": "unknown province: {name!r}"},
    "bad_date": {
        "id": "tanggal tidak valid: {value!r} (YYYY-MM-DD)",
        "en": "invalid date: {value!r} (YYYY-MM-DD)",
    },
    "no_occupation": {
        "id": "jabatan tidak ditemukan: {source!r} / {target!r}",
        "en": "occupation not found: {source!r} / {target!r}",
    },
}
CatalogOption = Annotated[
    Path | None,
    typer.Option("--catalog", help="Berkas katalog (.parquet/.csv/.json); bawaan: katalog impor/demo."),
]
catalog_app = typer.Typer(help="Katalog kursus: impor dan demo.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Basis data Tangkas: kursus dan lowongan (bawaan: TANGKAS_DATABASE_URL)."),
]


def _t(key: str, lang: Lang, **values: object) -> str:
    return translate(MESSAGES, key, lang, **values)


def _catalog(path: Path | None, lang: Lang, quiet: bool, db: str | None = None) -> CourseCatalog:
    """A catalog file given on the command line, else the one catalog every part of Tangkas plans with."""
    catalog = catalog_at(db, path)
    if catalog.synthetic and not quiet:
        console.print(_t("demo_notice", lang), style="yellow", markup=False)
    return catalog


def _stored_demand(db: str | None) -> list[DemandRow] | None:
    """Skill demand from the coded postings in the store, or None when it holds none."""
    from tangkas.services.indicators import skill_demand_rows
    from tangkas.store import StoreError, open_store, store_exists

    if not store_exists(db):
        return None
    try:
        with open_store(db) as store:
            if store.version() == 0:
                return None
            rows = skill_demand_rows(store)
    except StoreError:
        return None
    return rows or None


def _rupiah(amount: int, lang: Lang) -> str:
    """Thousands separated the local way: 3.500.000 in Indonesian, 3,500,000 in English."""
    text = f"{amount:,}"
    return text.replace(",", ".") if lang == "id" else text


def _check_province(name: str | None, lang: Lang) -> None:
    if name:
        try:
            find_province(name)
        except UnknownConceptError:
            fail(_t("bad_province", lang, name=name), lang)


def _print_plan(plan: TrainingPlan, lang: Lang) -> None:
    table = Table(*_t("columns", lang).split("|"))
    for step in plan.steps:
        course = step.course
        where = _t("online", lang) if course.mode == "online" else escape(f"{course.city} ({course.mode})")
        start = course.start_date.isoformat() if course.start_date else _t("self_paced", lang)
        title = f"{escape(course.title(lang))}\n[dim]{escape(course.provider.name)}[/dim]"
        table.add_row(
            str(step.order),
            title,
            where,
            start,
            f"{course.hours:g}",
            _rupiah(course.cost_idr, lang),
            str(len(step.skills)),
        )
    if plan.steps:
        console.print(table)
    console.print(
        _t(
            "summary",
            lang,
            cost=_rupiah(plan.cost_idr, lang),
            budget=_rupiah(plan.budget, lang),
            hours=plan.hours,
            covered=len(plan.covered),
        ),
        markup=False,
    )
    if plan.complete:
        console.print(_t("complete", lang), style="green")
    if not plan.uncovered:
        return
    console.print(f"{_t('uncovered', lang)}:", style="bold")
    for u in plan.uncovered:
        if u.skill.essential:
            console.print(f"  - {u.skill.label or u.skill.uri}: {_t(u.reason, lang)}", markup=False)
    optional = Counter(u.reason for u in plan.uncovered if not u.skill.essential)
    for reason, count in optional.most_common():
        console.print(_t("optional_left", lang, n=count, reason=_t(reason, lang)), markup=False)


@app.command()
def plan(
    source: Annotated[str, typer.Option("--from", help="Jabatan asal: teks, kode ESCO/ISCO/KBJI atau URI.")],
    target: Annotated[str, typer.Option("--to", help="Jabatan tujuan.")],
    budget: Annotated[int, typer.Option("--budget", min=0, help="Anggaran (Rp).")] = PRAKERJA_CREDIT_IDR,
    max_hours: Annotated[
        float | None, typer.Option("--max-hours", min=0, help="Batas jam pelatihan.")
    ] = None,
    province: Annotated[str | None, typer.Option("--province", help="Provinsi (nama atau kode BPS).")] = None,
    mode: Annotated[
        list[str] | None, typer.Option("--mode", help="online, offline, hybrid (bisa diulang).")
    ] = None,
    deadline: Annotated[
        str | None, typer.Option("--deadline", help="Mulai paling lambat (YYYY-MM-DD).")
    ] = None,
    prakerja: Annotated[bool, typer.Option("--prakerja", help="Hanya kursus layak Prakerja.")] = False,
    max_courses: Annotated[
        int, typer.Option("--max-courses", min=0, help="Jumlah kursus paling banyak (0: tanpa batas).")
    ] = MAX_COURSES,
    catalog_file: CatalogOption = None,
    db: DbOption = None,
    lang: LangOption = "id",
    as_json: JsonOption = False,
) -> None:
    """Rencana kursus termurah untuk pindah dari satu jabatan ke jabatan lain.

    Kursus dibaca dari --catalog, atau dari basis data Tangkas, atau dari katalog demo.
    """
    language = parse_lang(lang)
    try:
        until = date.fromisoformat(deadline) if deadline else None
    except ValueError:
        fail(_t("bad_date", language, value=deadline), language)
    _check_province(province, language)
    try:
        src, dst = resolve_occupation(source), resolve_occupation(target)
    except UnknownConceptError:
        fail(_t("no_occupation", language, source=source, target=target), language)
    catalog = _catalog(catalog_file, language, quiet=as_json, db=db)
    result = plan_move(
        Profile(occupations=(src.uri,)),
        dst,
        catalog,
        budget=budget,
        max_hours=max_hours,
        province=province,
        modes=mode,
        deadline=until,
        prakerja_only=prakerja,
        max_courses=max_courses or None,
    )
    if as_json:
        console.print_json(json.dumps(plan_to_dict(result)))
        return
    names = {"source": src.label(language), "target": dst.label(language)}
    console.print(_t("plan_title", language, **names), style="bold")
    console.print(_t("gap", language, essential=result.essential_gap, optional=len(result.need.optional)))
    if not province:
        console.print(_t("any_province", language), style="yellow", markup=False)
    _print_plan(result.plan, language)


def _print_problems(report: CatalogReport, lang: Lang) -> None:
    console.print(
        _t("import_bad", lang, bad=report.rejected_rows, rows=report.rows), style="red", markup=False
    )
    print_errors(report, lang, console, limit=len(report.errors))


@catalog_app.command("import")
def catalog_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Berkas CSV/JSON kursus.")],
    out: Annotated[Path | None, typer.Option("--out", help="Tujuan Parquet.")] = None,
    lang: LangOption = "id",
) -> None:
    """Validasi dan impor katalog kursus; satu baris salah = tidak ada yang diimpor."""
    language = parse_lang(lang)
    tax = load_taxonomy()
    report = import_catalog(file, skill_uris=tax.skill_index)
    if not report.ok:
        _print_problems(report, language)
        raise typer.Exit(2)
    path = write_catalog(report.courses, out or default_catalog_path())
    console.print(_t("import_ok", language, n=len(report.courses), path=path), markup=False)


@catalog_app.command("demo")
def catalog_demo(
    out: Annotated[Path | None, typer.Option("--out", help="Tujuan (.parquet, .csv atau .json).")] = None,
    seed: Annotated[int, typer.Option("--seed")] = 20261128,
    courses: Annotated[int, typer.Option("--courses", min=1, max=100_000)] = 4000,
    lang: LangOption = "id",
) -> None:
    """Buat katalog DEMO sintetis (deterministik) di 38 provinsi."""
    language = parse_lang(lang)
    catalog = generate_demo_catalog(seed=seed, n_courses=courses)
    path = out or default_catalog_path()
    write_catalog(catalog, path)
    console.print(_t("demo_written", language, n=len(catalog), path=path), markup=False)


def _print_alignment(report: AlignmentReport, tax: Taxonomy, lang: Lang) -> None:
    where = report.province.label(lang) if report.province else _t("national", lang)
    console.print(_t("align_title", lang, where=where), style="bold")
    if not report.demand_given:
        console.print(_t("no_demand", lang), style="yellow", markup=False)
    skills = Table(*_t("skill_columns", lang).split("|"))
    for rank, a in enumerate(report.skills[:20], start=1):
        demand = str(a.demand) if report.demand_given else "-"
        gap = f"{a.gap:+.3f}" if report.demand_given else "-"
        skills.add_row(
            str(rank),
            escape(tax.skill(a.skill).label(lang)),
            demand,
            str(a.local_courses),
            str(a.local_seats),
            str(a.online_courses),
            gap,
        )
    console.print(skills)
    if report.to_open:
        table = Table(*_t("open_columns", lang).split("|"))
        for rank, s in enumerate(report.to_open[:15], start=1):
            place = s.course.city or _t("online", lang)
            table.add_row(
                str(rank),
                escape(s.course.title(lang)),
                escape(place),
                _t(s.action, lang),
                f"{s.unmet_postings:.0f}",
            )
        console.print(table)
    if report.demand_given:
        console.print(_t("untaught", lang, n=len(report.untaught)), markup=False)


@app.command()
def align(
    province: Annotated[str | None, typer.Option("--province", help="Provinsi; tanpa ini: nasional.")] = None,
    demand: Annotated[
        Path | None,
        typer.Option("--demand", exists=True, dir_okay=False, help="CSV skill_uri,count[,province]."),
    ] = None,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="Ekspor laporan ke CSV.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000)] = 50,
    catalog_file: CatalogOption = None,
    db: DbOption = None,
    lang: LangOption = "id",
) -> None:
    """Keterampilan dan kursus yang perlu dibuka di sebuah provinsi (laporan untuk kepala BLK).

    Permintaan dibaca dari --demand, atau dari lowongan yang sudah dikodekan di basis data.
    """
    language = parse_lang(lang)
    tax = load_taxonomy()
    _check_province(province, language)
    catalog = _catalog(catalog_file, language, quiet=False, db=db)
    rows = read_demand_csv(demand, skill_uris=tax.skill_index) if demand else _stored_demand(db)
    report = align_catalog(catalog, rows, province=province, limit=limit)
    _print_alignment(report, tax, language)
    if csv_out:
        label = lambda uri: tax.skill(uri).label(language)  # noqa: E731
        write_alignment_csv(alignment_rows(report, label, language), csv_out)
        console.print(_t("csv_written", language, path=csv_out), markup=False)
