"""How every command shows row errors and import reports (store imports, feeds, catalog files)."""

from __future__ import annotations

from rich.console import Console

from tangkas.countries import COUNTRY_RULE
from tangkas.i18n import translate
from tangkas.models import Lang
from tangkas.rows.entities import ISCO_RULE
from tangkas.rows.nik import NIK_RULE
from tangkas.rows.report import RowError, RowReport

MESSAGES = {
    "imported": {
        "id": "{inserted} baris baru, {duplicates} sudah ada, {rejected} ditolak, dari {rows} baris.",
        "en": "{inserted} new rows, {duplicates} already present, {rejected} rejected, of {rows} rows.",
    },
    "row_error": {"id": "  baris {row}, kolom {field}: {what}", "en": "  row {row}, field {field}: {what}"},
    "header_error": {"id": "  kepala berkas: {what}", "en": "  header: {what}"},
    "rejected": {
        "id": "galat: {path} ditolak utuh, {count} galat; tidak ada yang diimpor:",
        "en": "error: {path} rejected whole, {count} errors; nothing was imported:",
    },
}
ERROR_CODES = {
    "required": {"id": "wajib diisi", "en": "required"},
    "type": {"id": "jenis nilai salah", "en": "wrong type"},
    "choice": {"id": "nilai tidak diizinkan", "en": "value not allowed"},
    "range": {"id": "di luar rentang", "en": "out of range"},
    "unknown_concept": {"id": "konsep ESCO tidak dikenal", "en": "unknown ESCO concept"},
    "format": {"id": "format salah", "en": "wrong format"},
    "order": {"id": "minimum lebih besar dari maksimum", "en": "minimum above maximum"},
    "row": {"id": "baris rusak", "en": "broken row"},
    "control": {"id": "berisi karakter kontrol", "en": "contains a control character"},
    "too_long": {
        "id": "terlalu panjang (paling banyak {allowed} karakter)",
        "en": "too long (at most {allowed} characters)",
    },
    # records that name other records, with dates and periods (memberships, placements, documents,
    # enrolments)
    "date_order": {"id": "tanggal ini sebelum {allowed}", "en": "this date is before {allowed}"},
    "needed": {"id": "wajib diisi bila {allowed}", "en": "required when {allowed}"},
    "only_when": {"id": "hanya boleh diisi bila {allowed}", "en": "only allowed when {allowed}"},
    "unknown_reference": {
        "id": "tidak cocok dengan baris tersimpan mana pun di {allowed}",
        "en": "matches no stored row of {allowed}",
    },
    "overlap": {
        "id": "masanya tumpang tindih dengan baris {detail} (pekerja dan program yang sama)",
        "en": "its period overlaps row {detail} (the same worker and programme)",
    },
    "overlap_stored": {
        "id": "masanya tumpang tindih dengan data tersimpan ber-id {detail} (pekerja dan program yang sama)",
        "en": "its period overlaps the stored row with id {detail} (the same worker and programme)",
    },
    # the course catalog's rules (courses)
    "missing": {"id": "kosong", "en": "is missing"},
    "invalid": {"id": "tidak valid", "en": "is invalid"},
    "negative": {"id": "negatif", "en": "is negative"},
    "unknown_skill": {"id": "URI keterampilan tidak dikenal", "en": "unknown skill URI"},
    "unknown_province": {"id": "provinsi tidak dikenal", "en": "unknown province"},
    "duplicate": {"id": "duplikat dalam berkas", "en": "duplicate in the file"},
}
HEADER_CODES = {
    "column_case": {
        "id": "kolom {field!r} tidak dikenal; maksud Anda {allowed!r}?",
        "en": "column {field!r} is not known; did you mean {allowed!r}?",
    },
    "column": {
        "id": "kolom {field!r} tidak dikenal (kolom yang dikenal: {allowed})",
        "en": "column {field!r} is not known (known columns: {allowed})",
    },
    "no_header": {
        "id": "tidak ada kolom yang dikenal; baris pertama harus kepala kolom ({allowed})",
        "en": "no column is known; the first line must be the header ({allowed})",
    },
}
ALLOWED = {
    "choice": {"id": "pilihan: {allowed}", "en": "must be one of {allowed}"},
    "range": {"id": "rentang: {allowed}", "en": "must be within {allowed}"},
    "format": {"id": "pola: {allowed}", "en": "must match {allowed}"},
    "type": {"id": "harus {allowed}", "en": "must be {allowed}"},
}
TYPES = {
    "int": {"id": "bilangan bulat", "en": "a whole number"},
    "float": {"id": "angka", "en": "a number"},
    "bool": {"id": "ya/tidak", "en": "yes/no"},
    "date": {"id": "tanggal (TTTT-BB-HH)", "en": "a date (YYYY-MM-DD)"},
    "text": {"id": "teks", "en": "text"},
}
RULES = {
    COUNTRY_RULE: {
        "id": "kode negara ISO 3166-1 alfa-2 dengan huruf kapital (MY, TW, HK, SG, KR, JP, SA ...)",
        "en": COUNTRY_RULE,
    },
    ISCO_RULE: {"id": "kode ISCO-08 dari 1 sampai 4 angka (5322)", "en": ISCO_RULE},
    NIK_RULE: {
        "id": "16 angka: provinsi 11-94, kabupaten/kota, tanggal lahir HHBBTT (perempuan: hari +40), "
        "nomor urut",
        "en": NIK_RULE,
    },
}
"""A field's rule in words (:attr:`~tangkas.rows.fields.Field.rule`), in both languages."""
SHOWN_ERRORS = 50


def error_line(error: RowError, lang: Lang) -> str:
    """One row error in the user's language, with what the field accepts (values of personal fields
    never reach a report); row 0 is the header.

    >>> error_line(RowError(3, "gender", "choice", allowed="F, M, X"), "en")
    '  row 3, field gender: value not allowed; must be one of F, M, X'
    >>> error_line(RowError(0, "NIK", "column_case", allowed="nik"), "id")
    "  kepala berkas: kolom 'NIK' tidak dikenal; maksud Anda 'nik'?"
    >>> error_line(RowError(4, "valid_from", "overlap", "2"), "en")
    '  row 4, field valid_from: its period overlaps row 2 (the same worker and programme)'
    >>> error_line(RowError(2, "contract_end", "date_order", allowed="contract_start"), "id")
    '  baris 2, kolom contract_end: tanggal ini sebelum contract_start'
    >>> error_line(RowError(5, "isco", "format", allowed=ISCO_RULE), "id")
    '  baris 5, kolom isco: format salah; pola: kode ISCO-08 dari 1 sampai 4 angka (5322)'
    """
    if error.code in HEADER_CODES:
        what = translate(HEADER_CODES, error.code, lang, field=error.field, allowed=error.allowed)
        return translate(MESSAGES, "header_error", lang, what=what)
    what = translate(ERROR_CODES, error.code, lang, detail=error.detail, allowed=error.allowed)
    if error.detail and "{detail}" not in ERROR_CODES[error.code]["en"]:
        what += f" ({error.detail})"
    if error.allowed and error.code in ALLOWED:
        if error.code == "type":
            allowed = translate(TYPES, error.allowed, lang)
        else:
            allowed = RULES[error.allowed][lang] if error.allowed in RULES else error.allowed
        what += "; " + translate(ALLOWED, error.code, lang, allowed=allowed)
    return translate(MESSAGES, "row_error", lang, row=error.row, field=error.field, what=what)


def print_errors(report: RowReport, lang: Lang, console: Console, *, limit: int = SHOWN_ERRORS) -> None:
    for error in report.errors[:limit]:
        console.print(error_line(error, lang), markup=False)


def print_rejected(report: RowReport, lang: Lang, console: Console) -> None:
    """A file rejected whole: what and why, row by row."""
    console.print(
        translate(MESSAGES, "rejected", lang, path=report.path, count=report.error_count), markup=False
    )
    print_errors(report, lang, console)


def print_counts(report: RowReport, lang: Lang, console: Console) -> None:
    """What an import wrote and refused."""
    counts = {"inserted": report.inserted, "duplicates": report.duplicates, "rejected": report.rejected_rows}
    console.print(translate(MESSAGES, "imported", lang, rows=report.rows, **counts))
