"""CLI commands for labour-market demand: ``tangkas market parse|demand|synthetic``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer
from rich.markup import escape
from rich.table import Table

from tangkas.cli.app import JsonOption, LangOption, app, console, fail, parse_lang, progress_bar
from tangkas.cli.rows import print_errors
from tangkas.i18n import translate
from tangkas.market import demand as indicators
from tangkas.market import tables
from tangkas.market.coding import (
    CodedPosting,
    TitleCoding,
    code_postings,
    coverage,
    default_skill_extractor,
    default_title_coder,
)
from tangkas.market.feeds import FEEDS, FeedError, FeedReport, read_postings, write_postings
from tangkas.market.postings import Posting, dedupe
from tangkas.models import Lang
from tangkas.rows.write import write_table
from tangkas.services.indicators import with_labels

market_app = typer.Typer(
    help="Permintaan pasar kerja dari lowongan: baca feed, hitung indikator.", no_args_is_help=True
)
app.add_typer(market_app, name="market")

MESSAGES = {
    "summary": {
        "id": "{feed}: {rows} baris, {postings} lowongan, {rejected} ditolak, {unique} unik setelah dedup",
        "en": "{feed}: {rows} rows, {postings} postings, {rejected} rejected, {unique} unique after dedupe",
    },
    "field": {"id": "Kolom", "en": "Field"},
    "coverage": {"id": "Terbaca", "en": "Parsed"},
    "rejected": {"id": "Baris ditolak (contoh)", "en": "Rejected rows (sample)"},
    "not_found": {"id": "berkas tidak ditemukan: {path}", "en": "file not found: {path}"},
    "bad_feed": {
        "id": "format feed tidak dikenal atau tidak cocok: {error}",
        "en": "unknown or mismatched feed format: {error}",
    },
    "bad_by": {
        "id": "pengelompokan tidak dikenal: {by!r} (pilih {choices})",
        "en": "unknown grouping: {by!r} (choose {choices})",
    },
    "bad_measure": {
        "id": "ukuran tidak dikenal: {measure!r} (pilih {choices})",
        "en": "unknown measure: {measure!r} (choose {choices})",
    },
    "written": {"id": "Ditulis: {path} ({rows} baris)", "en": "Written: {path} ({rows} rows)"},
    "coding": {"id": "Mengodekan lowongan", "en": "Coding postings"},
    "coded": {"id": "Dikodekan dengan yakin: {share}", "en": "Coded with confidence: {share}"},
    "synthetic": {
        "id": "Feed SINTETIS (bukan data nyata) ditulis: {path} ({rows} lowongan)",
        "en": "SYNTHETIC feed (not real data) written: {path} ({rows} postings)",
    },
    "suppressed": {"id": "(disembunyikan: < {n} iklan)", "en": "(suppressed: < {n} ads)"},
    "kinds": {"id": "gaji: {salary}  tempat: {place}", "en": "salary: {salary}  place: {place}"},
    "bad_period": {
        "id": "periode tidak valid: {period!r} (YYYY-MM atau YYYY-MM:YYYY-MM)",
        "en": "invalid period: {period!r} (YYYY-MM or YYYY-MM:YYYY-MM)",
    },
}
FIELDS_ID = {
    "province": "provinsi",
    "city": "kota/kabupaten",
    "salary": "gaji",
    "date": "tanggal",
    "education": "pendidikan",
    "experience": "pengalaman",
    "company": "perusahaan",
    "text": "teks",
}
HEADERS = {
    "province": {"id": "kode prov.", "en": "prov. code"},
    "province_label": {"id": "provinsi", "en": "province"},
    "month": {"id": "bulan", "en": "month"},
    "postings": {"id": "lowongan", "en": "postings"},
    "share": {"id": "porsi", "en": "share"},
    "with_pay": {"id": "bergaji", "en": "with pay"},
    "median_monthly_idr": {"id": "median gaji/bulan (Rp)", "en": "median pay/month (IDR)"},
    "suppressed": {"id": "disembunyikan", "en": "suppressed"},
    "digital": {"id": "butuh digital", "en": "need digital"},
    "skill_uri_label": {"id": "keterampilan", "en": "skill"},
    "postings_before": {"id": "lowongan awal", "en": "postings before"},
    "postings_after": {"id": "lowongan akhir", "en": "postings after"},
    "share_before": {"id": "porsi awal", "en": "share before"},
    "share_after": {"id": "porsi akhir", "en": "share after"},
    "change": {"id": "perubahan", "en": "change"},
    "direction": {"id": "arah", "en": "direction"},
    "occupation_label": {"id": "jabatan", "en": "occupation"},
    "source": {"id": "sumber", "en": "source"},
    "category": {"id": "kategori", "en": "category"},
    "city": {"id": "kota/kabupaten", "en": "city/regency"},
    **{k: {"id": f"golongan {k.upper()}", "en": k.upper()} for k in ("isco", "isco1", "isco2", "isco3")},
    **{f"{k}_label": {"id": "nama golongan", "en": "group"} for k in ("isco", "isco1", "isco2", "isco3")},
}
GROUPS = ("province", "city", "isco", "isco1", "isco2", "isco3", "occupation", "month", "source", "category")
MEASURES = ("postings", "pay", "skills", "digital")
NEEDS_OCCUPATION = {"isco", "isco1", "isco2", "isco3", "occupation"}

FeedOption = Annotated[str, typer.Option("--feed", help=f"Format feed: auto atau {', '.join(FEEDS)}.")]
FileArgument = Annotated[
    Path, typer.Argument(help="Berkas feed lowongan (CSV; Parquet untuk format tangkas).")
]


def _read(file: Path, feed: str, lang: Lang) -> tuple[list[Posting], FeedReport]:
    if feed != "auto" and feed not in FEEDS:
        fail(translate(MESSAGES, "bad_feed", lang, error=feed), lang)
    if not file.is_file():
        fail(translate(MESSAGES, "not_found", lang, path=file), lang)
    report = FeedReport(feed)
    try:
        postings = list(read_postings(file, feed, report))  # type: ignore[arg-type]
    except FeedError as error:
        fail(translate(MESSAGES, "bad_feed", lang, error=error), lang)
    return postings, report


@market_app.command("parse")
def parse_command(
    file: FileArgument, feed: FeedOption = "auto", as_json: JsonOption = False, lang: LangOption = "id"
) -> None:
    """Baca feed lowongan: jumlah baris, lowongan, baris ditolak, dan cakupan tiap kolom."""
    language = parse_lang(lang)
    postings, report = _read(file, feed, language)
    unique = sum(1 for _ in dedupe(postings))
    if as_json:
        console.print_json(json.dumps({**report.to_dict(), "unique": unique}))
        return
    console.print(
        translate(
            MESSAGES,
            "summary",
            language,
            feed=report.feed,
            rows=report.rows,
            postings=report.postings,
            rejected=report.rejected_rows,
            unique=unique,
        ),
        markup=False,
    )
    table = Table(translate(MESSAGES, "field", language), translate(MESSAGES, "coverage", language))
    for name, share in report.coverage().items():
        table.add_row(FIELDS_ID[name] if language == "id" else name, f"{share:.1%}")
    console.print(table)
    kinds = {"salary": dict(report.salary_status), "place": dict(report.place_kind)}
    console.print(translate(MESSAGES, "kinds", language, **kinds), markup=False)
    if report.errors:
        console.print(translate(MESSAGES, "rejected", language))
        print_errors(report, language, console, limit=10)


def _code(postings: list[Posting], occupations: bool, skills: bool, lang: Lang) -> list[CodedPosting]:
    if not occupations and not skills:
        return [CodedPosting(p, None, None, 0.0, False) for p in postings]
    coding = default_title_coder() if occupations else TitleCoding("none", _no_occupation)
    extractor = default_skill_extractor() if skills else None
    with progress_bar() as bar:
        task = bar.add_task(translate(MESSAGES, "coding", lang), total=len(postings))
        return code_postings(
            postings,
            coding.coder,
            extractor,
            min_score=coding.min_score,
            min_margin=coding.min_margin,
            progress=lambda n: bar.advance(task, n),
        )


def _no_occupation(titles: Any, texts: Any) -> list[None]:
    return [None for _ in titles]


def _measure(coded_table: pa.Table, by: list[str], measure: str, min_count: int) -> pa.Table:
    if measure == "pay":
        return indicators.median_pay(coded_table, by, min_count=min_count)
    if measure == "skills":
        return indicators.skill_demand(coded_table, by)
    if measure == "digital":
        return indicators.digital_share(coded_table, by)
    return indicators.demand_by(coded_table, by)


@market_app.command("demand")
def demand_command(
    file: FileArgument,
    feed: FeedOption = "auto",
    by: Annotated[
        str,
        typer.Option(
            "--by", help="Kelompok: province, isco, occupation, month, ... (boleh beberapa, dipisah koma)."
        ),
    ] = "province",
    measure: Annotated[
        str, typer.Option("--measure", help="postings, pay, skills atau digital.")
    ] = "postings",
    out: Annotated[
        Path | None, typer.Option("--csv", help="Ekspor ke CSV (atau Parquet bila .parquet).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Baris yang dicetak.")] = 20,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Minimum iklan bergaji.")] = 10,
    as_json: JsonOption = False,
    lang: LangOption = "id",
) -> None:
    """Permintaan dari feed lowongan per provinsi, ISCO, jabatan atau bulan; gaji median; keterampilan."""
    language = parse_lang(lang)
    keys = [k.strip() for k in by.split(",") if k.strip()]
    for key in keys:
        if key not in GROUPS:
            fail(translate(MESSAGES, "bad_by", language, by=key, choices=", ".join(GROUPS)), language)
    if measure not in MEASURES:
        fail(
            translate(MESSAGES, "bad_measure", language, measure=measure, choices=", ".join(MEASURES)),
            language,
        )
    postings, _ = _read(file, feed, language)
    unique = list(dedupe(postings))
    coded = _code(unique, bool(NEEDS_OCCUPATION & set(keys)), measure in ("skills", "digital"), language)
    result = with_labels(_measure(tables.coded_table(coded), keys, measure, min_count), language)
    if out is not None:
        write_table(result, out)
    rows = result.slice(0, limit).to_pylist()
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "rows": rows,
                    "total_rows": result.num_rows,
                    "coding": coverage(coded) if NEEDS_OCCUPATION & set(keys) else None,
                },
                default=str,
            )
        )
        return
    _print_rows(rows, result.column_names, language, min_count)
    if NEEDS_OCCUPATION & set(keys):
        confident = sum(c.confident for c in coded)
        share = f"{confident / max(len(coded), 1):.1%}"
        console.print(translate(MESSAGES, "coded", language, share=share), markup=False)
    if out is not None:
        console.print(translate(MESSAGES, "written", language, path=out, rows=result.num_rows), markup=False)


def _print_rows(rows: list[dict[str, Any]], columns: list[str], lang: Lang, min_count: int) -> None:
    hidden = {"occupation", "suppressed", "skill_uri"}
    shown: list[str] = []
    for column in columns:
        if not column.endswith("_label"):
            shown += [column] if column not in hidden else []
            shown += [f"{column}_label"] if f"{column}_label" in columns else []
    table = Table(*(HEADERS.get(c, {}).get(lang, c) for c in shown))
    for row in rows:
        cells = []
        for column in shown:
            value = row[column]
            if column == "median_monthly_idr" and value is None:
                cells.append(translate(MESSAGES, "suppressed", lang, n=min_count))
            elif isinstance(value, float):
                percent = column.startswith("share") or column == "change"
                cells.append(f"{value:.1%}" if percent else f"{value:.4f}")
            elif column == "median_monthly_idr":
                cells.append(f"{value:,}".replace(",", "." if lang == "id" else ","))
            elif column == "direction" and lang == "id":
                cells.append({"rising": "naik", "falling": "turun", "stable": "stabil"}[value])
            else:
                cells.append(escape("—" if value is None else str(value)))
        table.add_row(*cells)
    console.print(table)


@market_app.command("trends")
def trends_command(
    file: FileArgument,
    before: Annotated[str, typer.Option("--before", help="Periode awal: YYYY-MM atau YYYY-MM:YYYY-MM.")],
    after: Annotated[str, typer.Option("--after", help="Periode akhir: YYYY-MM atau YYYY-MM:YYYY-MM.")],
    feed: FeedOption = "auto",
    out: Annotated[
        Path | None, typer.Option("--csv", help="Ekspor ke CSV (atau Parquet bila .parquet).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Baris yang dicetak.")] = 20,
    min_postings: Annotated[int, typer.Option("--min-postings", min=1, help="Minimum lowongan.")] = 5,
    as_json: JsonOption = False,
    lang: LangOption = "id",
) -> None:
    """Keterampilan yang naik dan turun permintaannya di antara dua periode."""
    language = parse_lang(lang)
    periods = [_period(before, language), _period(after, language)]
    postings, _ = _read(file, feed, language)
    coded = _code(list(dedupe(postings)), False, True, language)
    trends = indicators.skill_trends(tables.coded_table(coded), *periods, min_postings=min_postings)
    result = with_labels(trends, language)
    if out is not None:
        write_table(result, out)
    rows = result.slice(0, limit).to_pylist() + result.slice(max(result.num_rows - limit, limit)).to_pylist()
    if as_json:
        console.print_json(json.dumps({"rows": rows, "total_rows": result.num_rows}, default=str))
        return
    _print_rows(rows, result.column_names, language, 0)
    if out is not None:
        console.print(translate(MESSAGES, "written", language, path=out, rows=result.num_rows), markup=False)


def _period(text: str, lang: Lang) -> str | tuple[str, str]:
    parts = text.split(":")
    if len(parts) > 2 or not all(re.fullmatch(r"\d{4}-\d{2}", p) for p in parts):
        fail(translate(MESSAGES, "bad_period", lang, period=text), lang)
    return parts[0] if len(parts) == 1 else (parts[0], parts[1])


@market_app.command("synthetic")
def synthetic_command(
    out: Annotated[Path, typer.Argument(help="Berkas keluaran (CSV atau .parquet).")],
    n: Annotated[int, typer.Option("--n", min=1, max=5_000_000, help="Jumlah lowongan sintetis.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Benih acak (hasil sama untuk benih sama).")] = 0,
    lang: LangOption = "id",
) -> None:
    """Tulis feed lowongan SINTETIS dari taksonomi (untuk demo; bukan data nyata)."""
    from tangkas.market.synthetic import synthetic_postings

    language = parse_lang(lang)
    rows = write_postings(synthetic_postings(n, seed), out)
    console.print(translate(MESSAGES, "synthetic", language, path=out, rows=rows), markup=False)
