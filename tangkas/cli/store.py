"""CLI commands over the store: db init/migrate/status, import, keys create/list/revoke."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from tangkas.cli.app import JsonOption, LangOption, app, console, errors, fail, parse_lang
from tangkas.cli.rows import print_counts, print_errors
from tangkas.fairness.ads import rules_version
from tangkas.i18n import translate
from tangkas.market.feeds import FeedReport
from tangkas.models import Lang
from tangkas.rows.entities import SPECS
from tangkas.rows.report import MAX_REPORTED_ERRORS, RowReport, RowsRejectedError
from tangkas.services.coding import code_stored_postings
from tangkas.services.fair_ads import check_stored_ads
from tangkas.services.imports import import_file, import_postings
from tangkas.store import Store, open_store
from tangkas.store.base import StoreBusyError
from tangkas.store.coding import coding_status
from tangkas.store.fair_ads import ad_check_status, forget_ad_checks
from tangkas.store.keys import (
    ROLES,
    KeyRecord,
    UnknownKeyError,
    create_key,
    list_keys,
    revoke_key,
)

MESSAGES = {
    "migrated": {
        "id": "Skema basis data versi {version} ({url}).",
        "en": "Database schema at version {version} ({url}).",
    },
    "applied": {"id": "Migrasi diterapkan: {versions}", "en": "Migrations applied: {versions}"},
    "rejected": {
        "id": "Berkas ditolak utuh: {count} galat, tidak ada yang diimpor. Perbaiki baris berikut "
        "atau pakai --partial:",
        "en": "File rejected whole: {count} errors, nothing imported. Fix these rows or use --partial:",
    },
    "reading": {"id": "Membaca {name}", "en": "Reading {name}"},
    "coding": {"id": "Mengodekan lowongan", "en": "Coding postings"},
    "checking": {"id": "Memeriksa syarat diskriminatif", "en": "Checking for discriminatory requirements"},
    "checked": {
        "id": "{checked} lowongan sudah diperiksa dengan aturan yang berlaku ({rules}); {waiting} menunggu.",
        "en": "{checked} postings checked under the rules in force ({rules}); {waiting} waiting.",
    },
    "coded": {
        "id": "{coded} dari {total} lowongan sudah dikodekan ({with_occupation} dengan jabatan); "
        "{waiting} menunggu.",
        "en": "{coded} of {total} postings coded ({with_occupation} with an occupation); {waiting} waiting.",
    },
    "key_created": {
        "id": "Kunci API dibuat (peran {role}). Simpan sekarang, kunci ini tidak ditampilkan lagi:",
        "en": "API key created (role {role}). Store it now, it is not shown again:",
    },
    "columns": {
        "id": "Awalan|Peran|Kantor|Lembaga|Label|Dibuat|Dicabut",
        "en": "Prefix|Role|Office|Provider|Label|Created|Revoked",
    },
    "no_keys": {"id": "Belum ada kunci API.", "en": "No API keys yet."},
    "revoked": {
        "id": "Kunci API {prefix} dicabut sejak {when} UTC; server menolaknya mulai permintaan berikutnya.",
        "en": "API key {prefix} revoked since {when} UTC; servers refuse it from the next request.",
    },
    "open_sessions": {
        "id": "Sesi masuk yang terbuka (kunci, jumlah, terakhir aktif): {keys}",
        "en": "Open sign-in sessions (key, count, last active): {keys}",
    },
    "sessions_ended": {
        "id": "{n} sesi masuk dengan kunci ini diakhiri.",
        "en": "{n} signed-in sessions of this key ended.",
        "en_one": "1 signed-in session of this key ended.",
    },
    "store_busy": {
        "id": "basis data {path} sedang dipakai oleh server Tangkas yang berjalan (berkas DuckDB hanya "
        "bisa dibuka satu proses). Hentikan server dulu (Ctrl+C pada 'tangkas serve'), jalankan perintah "
        "ini lagi, lalu nyalakan server kembali; atau pakai PostgreSQL (TANGKAS_DATABASE_URL), yang bisa "
        "dikelola selagi server berjalan.",
        "en": "the database {path} is in use by the running Tangkas server (a DuckDB file can be opened "
        "by one process only). Stop the server first (Ctrl+C on 'tangkas serve'), run this command again, "
        "then start the server again; or use PostgreSQL (TANGKAS_DATABASE_URL), which can be managed "
        "while the server runs.",
    },
    "unknown": {
        "id": "tidak ada kunci API dengan awalan {prefix!r}",
        "en": "no API key with prefix {prefix!r}",
    },
    "bad_role": {
        "id": "peran tidak dikenal: {role!r} (pilih {choices})",
        "en": "unknown role: {role!r} (choose {choices})",
    },
    "feed_read": {
        "id": "{feed}: {n} lowongan terbaca; {coverage}",
        "en": "{feed}: {n} postings read; {coverage}",
        "en_one": "{feed}: 1 posting read; {coverage}",
    },
}
T = TypeVar("T")
Tick = Callable[[int], None]
COLUMNS = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
DbOption = Annotated[
    str | None, typer.Option("--db", help="URL basis data (bawaan: TANGKAS_DATABASE_URL atau DuckDB).")
]
db_app = typer.Typer(help="Basis data: buat dan migrasikan skema.", no_args_is_help=True)
import_app = typer.Typer(help="Impor massal dari CSV, JSON Lines atau Parquet.", no_args_is_help=True)
keys_app = typer.Typer(help="Kunci API dan perannya.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(import_app, name="import")
app.add_typer(keys_app, name="keys")


def _t(key: str, lang: Lang, **values: object) -> str:
    return translate(MESSAGES, key, lang, **values)


def _migrate(db: str | None, lang: LangOption) -> None:
    language = parse_lang(lang)
    with open_store(db) as store:
        applied = store.migrate()
        if applied:
            console.print(_t("applied", language, versions=", ".join(map(str, applied))))
        console.print(_t("migrated", language, version=store.version(), url=store.url.split("@")[-1]))


@db_app.command("init")
def db_init(db: DbOption = None, lang: LangOption = "id") -> None:
    """Buat basis data (bila belum ada) dan terapkan semua migrasi."""
    _migrate(db, lang)


@db_app.command("migrate")
def db_migrate(db: DbOption = None, lang: LangOption = "id") -> None:
    """Terapkan migrasi yang belum dijalankan."""
    _migrate(db, lang)


def _run_import(kind: str, path: Path, db: str | None, partial: bool, lang: Lang, as_json: bool) -> None:
    with open_store(db) as store:
        report = _import_with_progress(store, kind, path, partial, lang)
    _print_report(report, lang, as_json)


def _print_report(report: RowReport, lang: Lang, as_json: bool) -> None:
    """The rows a partial import refused, then what it wrote (or the whole report as JSON)."""
    if as_json:
        console.print_json(json.dumps(report.to_dict(max_errors=MAX_REPORTED_ERRORS), default=str))
        return
    if isinstance(report, FeedReport):
        coverage = ", ".join(f"{k} {v:.0%}" for k, v in report.coverage().items())
        console.print(
            _t("feed_read", lang, feed=report.feed, n=report.postings, coverage=coverage), markup=False
        )
    print_errors(report, lang, errors)
    print_counts(report, lang, console)


def _import_with_progress(store: Store, kind: str, path: Path, partial: bool, lang: Lang) -> RowReport:
    return _with_progress(
        path,
        lang,
        lambda tick, check: import_file(store, kind, path, partial=partial, progress=tick, checking=check),
    )


def _with_progress(path: Path, lang: Lang, run: Callable[[Tick, Tick], T]) -> T:
    """Run an import with a progress bar for the rows read and one for the new postings checked; a
    rejected file ends with its row report and exit code 2."""
    with Progress(*COLUMNS, console=errors, transient=True) as progress:
        task = progress.add_task(_t("reading", lang, name=path.name), total=None)
        checks: list[TaskID] = []

        def check(n: int) -> None:
            if not checks:
                checks.append(progress.add_task(_t("checking", lang), total=None))
            progress.advance(checks[0], n)

        try:
            return run(lambda n: progress.advance(task, n), check)
        except RowsRejectedError as rejected:
            progress.stop()
            errors.print(_t("rejected", lang, count=rejected.report.error_count), markup=False)
            print_errors(rejected.report, lang, errors)
            raise typer.Exit(2) from None


def _import_command(kind: str) -> None:
    def command(
        path: Path,
        db: DbOption = None,
        partial: Annotated[
            bool, typer.Option("--partial", help="Impor baris yang sah, laporkan sisanya.")
        ] = False,
        lang: LangOption = "id",
        as_json: JsonOption = False,
    ) -> None:
        _run_import(kind, path, db, partial, parse_lang(lang), as_json)

    command.__doc__ = f"Impor {kind} dari berkas (semua-atau-tidak-sama-sekali; idempoten)."
    import_app.command(kind)(command)


for _kind in sorted(set(SPECS) - {"postings"}):  # postings have their own command (feeds)
    _import_command(_kind)


@import_app.command("postings")
def import_postings_command(
    path: Path,
    db: DbOption = None,
    feed: Annotated[
        str,
        typer.Option(
            "--feed",
            help="Format: auto, tangkas, lokerid, jobstreet-2020, glints-2020, jobstreet-2022, id-jobs.",
        ),
    ] = "auto",
    partial: Annotated[
        bool, typer.Option("--partial", help="Impor baris yang sah, laporkan sisanya.")
    ] = False,
    lang: LangOption = "id",
    as_json: JsonOption = False,
) -> None:
    """Impor lowongan dari berkas Tangkas atau umpan nyata (Loker.id, Jobstreet, Glints, Dealls/Kalibrr)."""
    language = parse_lang(lang)
    with open_store(db) as store:
        report = _with_progress(
            path,
            language,
            lambda tick, check: import_postings(
                store, path, feed=feed, partial=partial, progress=tick, checking=check
            ),
        )
    _print_report(report, language, as_json)


class _LocalKeys:
    """Key management on a store this process opened."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, role: str, office: str | None, provider: str | None, label: str | None) -> str:
        return create_key(self.store, role, office_code=office, provider=provider, label=label).secret

    def list(self) -> list[KeyRecord]:
        return list_keys(self.store)

    def revoke(self, prefix: str) -> tuple[str, datetime | None, int]:
        key = revoke_key(self.store, prefix)
        return key.prefix, key.revoked_at, key.sessions


class _ServerKeys:
    """Key management through the running server that holds the store (``tangkas.web.control``)."""

    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url.rstrip("/"), token

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.url}/control{path}", data=data, method=method, headers={"X-Tangkas-Control": self.token}
        )
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            if error.code == 404 and path.startswith("/keys/"):
                raise UnknownKeyError(path.rsplit("/", 1)[-1]) from error
            raise

    def create(self, role: str, office: str | None, provider: str | None, label: str | None) -> str:
        body = {"role": role, "office": office, "provider": provider, "label": label}
        return str(self._call("POST", "/keys", body)["secret"])

    def list(self) -> list[KeyRecord]:
        moments = ("created_at", "revoked_at", "last_seen_at")
        return [
            KeyRecord(**{**row, **{name: _moment(row.get(name)) for name in moments}})
            for row in self._call("GET", "/keys")
        ]

    def revoke(self, prefix: str) -> tuple[str, datetime | None, int]:
        found = self._call("DELETE", f"/keys/{urllib.parse.quote(prefix)}")
        return found["prefix"], _moment(found["revoked_at"]), int(found.get("sessions_ended", 0))


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@contextmanager
def _keys(db: str | None, lang: Lang) -> Iterator[_LocalKeys | _ServerKeys]:
    """Key management on the store, or, when a running server holds the embedded store, through that
    server's local control channel; a store held by something else ends the command with what to do."""
    try:
        store = open_store(db)
    except StoreBusyError as busy:
        try:
            control = json.loads(busy.control_file.read_text())
            server = _ServerKeys(control["url"], control["token"])
            server.list()  # the server is there and answers
        except (OSError, ValueError, KeyError, urllib.error.URLError):
            fail(_t("store_busy", lang, path=busy.path), lang)
        yield server
        return
    with store:
        store.require_latest()
        yield _LocalKeys(store)


@keys_app.command("create")
def keys_create(
    role: Annotated[str, typer.Option("--role", help=f"Peran: {', '.join(ROLES)}.")],
    office: Annotated[str | None, typer.Option("--office", help="Kode kantor (untuk konselor).")] = None,
    provider: Annotated[str | None, typer.Option("--provider", help="Nama lembaga (untuk penyedia).")] = None,
    label: Annotated[str | None, typer.Option("--label")] = None,
    db: DbOption = None,
    lang: LangOption = "id",
) -> None:
    """Buat kunci API dengan satu peran; kunci hanya ditampilkan sekali."""
    language = parse_lang(lang)
    if role not in ROLES:
        fail(_t("bad_role", language, role=role, choices=", ".join(ROLES)), language)
    with _keys(db, language) as keys:
        secret = keys.create(role, office, provider, label)
    console.print(_t("key_created", language, role=role))
    console.print(secret, markup=False, soft_wrap=True)


def _when(moment: datetime | None, form: str = "%Y-%m-%d %H:%M") -> str:
    return moment.strftime(form) if moment else ""


@keys_app.command("list")
def keys_list(db: DbOption = None, lang: LangOption = "id", as_json: JsonOption = False) -> None:
    """Daftar kunci API: awalan, peran, kantor, lembaga, label, tanggal dibuat dan dicabut, sesi masuk yang
    terbuka (--json: juga waktu aktif terakhir); tanpa hash."""
    language = parse_lang(lang)
    with _keys(db, language) as found:
        keys = found.list()
    if as_json:
        console.print_json(json.dumps([asdict(k) for k in keys], default=datetime.isoformat))
        return
    if not keys:
        console.print(_t("no_keys", language))
        return
    table = Table(*_t("columns", language).split("|"))
    for k in keys:
        dates = [_when(k.created_at, "%Y-%m-%d"), _when(k.revoked_at, "%Y-%m-%d")]
        table.add_row(*(v or "" for v in (k.prefix, k.role, k.office_code, k.provider, k.label)), *dates)
    console.print(table)
    signed_in = [f"{k.prefix} ({k.sessions}, {_when(k.last_seen_at)} UTC)" for k in keys if k.sessions]
    console.print(_t("open_sessions", language, keys="; ".join(signed_in) or "-"))


@keys_app.command(
    "revoke",
    help="Cabut kunci API menurut awalannya (tk_<awalan>_...): setiap server yang berjalan langsung "
    "menolaknya mulai permintaan berikutnya, dan sesi masuk dengan kunci itu berakhir.",
)
def keys_revoke(
    prefix: Annotated[str, typer.Argument(help="Awalan kunci, lihat 'tangkas keys list'.")],
    db: DbOption = None,
    lang: LangOption = "id",
) -> None:
    language = parse_lang(lang)
    wanted = prefix.split("_")[1] if prefix.startswith("tk_") else prefix  # a whole key works too
    with _keys(db, language) as keys:
        try:
            revoked, when, ended = keys.revoke(wanted)
        except UnknownKeyError:
            fail(_t("unknown", language, prefix=wanted), language)
    console.print(_t("revoked", language, prefix=revoked, when=_when(when)))
    console.print(_t("sessions_ended", language, n=ended))


@import_app.command("code")
def import_code(
    db: DbOption = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Paling banyak sekian lowongan.")
    ] = None,
    semantic: Annotated[
        bool, typer.Option("--semantic", help="Pakai juga tahap semantik (lebih lambat).")
    ] = False,
    lang: LangOption = "id",
) -> None:
    """Kodekan jabatan dan keterampilan lowongan yang sudah diimpor, lalu periksa syarat diskriminatif
    yang belum diperiksa; bisa dilanjutkan bila terhenti."""
    language = parse_lang(lang)
    with open_store(db) as store:
        store.require_latest()
        waiting = coding_status(store)["waiting"]
        unchecked = ad_check_status(store, rules_version())["waiting"]
        with Progress(*COLUMNS, console=errors, transient=True) as progress:
            task = progress.add_task(_t("coding", language), total=min(waiting, limit or waiting))
            check = progress.add_task(_t("checking", language), total=min(unchecked, limit or unchecked))
            code_stored_postings(
                store,
                semantic=semantic,
                limit=limit,
                progress=lambda n: progress.advance(task, n),
                checking=lambda n: progress.advance(check, n),
            )
        status = coding_status(store)
        checked = ad_check_status(store, rules_version())
    console.print(_t("coded", language, **status))
    console.print(_t("checked", language, rules=rules_version(), **checked))


@import_app.command("check-ads")
def import_check_ads(
    db: DbOption = None,
    again: Annotated[
        bool, typer.Option("--again", help="Periksa ulang semua lowongan, juga yang sudah diperiksa.")
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Paling banyak sekian lowongan.")
    ] = None,
    lang: LangOption = "id",
) -> None:
    """Periksa syarat diskriminatif (jenis kelamin, usia, status perkawinan, penampilan, agama, suku/ras,
    disabilitas/kesehatan) pada lowongan yang belum diperiksa dengan aturan yang berlaku; bisa
    dilanjutkan bila terhenti. Impor dan pengodean sudah menjalankannya sendiri."""
    language = parse_lang(lang)
    with open_store(db) as store:
        store.require_latest()
        if again:
            forget_ad_checks(store)
        waiting = ad_check_status(store, rules_version())["waiting"]
        with Progress(*COLUMNS, console=errors, transient=True) as progress:
            task = progress.add_task(_t("checking", language), total=min(waiting, limit or waiting))
            check_stored_ads(store, limit=limit, progress=lambda n: progress.advance(task, n))
        status = ad_check_status(store, rules_version())
    console.print(_t("checked", language, rules=rules_version(), **status))
