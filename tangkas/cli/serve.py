"""``tangkas serve``: the web service (API and pages) with uvicorn."""

from __future__ import annotations

import atexit
import logging
import os
import signal
import sys
from typing import Annotated

import typer

from tangkas.cli.app import LangOption, app, console, fail, parse_lang
from tangkas.cli.store import DbOption
from tangkas.i18n import translate
from tangkas.models import Lang
from tangkas.store import ENV_URL, default_url, open_store

MESSAGES = {
    "loading": {
        "id": "Memuat data DEMO sintetis (bukan data nyata)...",
        "en": "Loading synthetic DEMO data (not real data)...",
    },
    "loaded": {
        "id": "  +{postings} lowongan, +{courses} kursus, +{workers} pekerja, +{memberships} masa "
        "kepesertaan, +{placements} penempatan PMI, +{documents} dokumen, +{enrolments} pendaftaran "
        "kursus, +{profiles} profil minat kaum muda (sintetis)",
        "en": "  +{postings} postings, +{courses} courses, +{workers} workers, +{memberships} programme "
        "memberships, +{placements} migrant worker placements, +{documents} documents, +{enrolments} "
        "course enrolments, +{profiles} young people's interest profiles (synthetic)",
    },
    "sign_in": {
        "id": "Masuk sebagai konselor demo ({office}, hanya pekerja DEMO) di {url}login dengan kunci:\n"
        "  {secret}\n  (kunci ini diganti setiap 'make run'; kunci nyata: tangkas keys create --role "
        "counsellor --office KANTOR, saat server berhenti)",
        "en": "Sign in as the demo counsellor ({office}, DEMO workers only) at {url}login with the key:\n"
        "  {secret}\n  (this key changes on every 'make run'; a real key: tangkas keys create --role "
        "counsellor --office OFFICE, while the server is stopped)",
    },
    "needs_web": {
        "id": "layanan web butuh paket tambahan: pip install 'tangkas[web]'",
        "en": "the web service needs extra packages: pip install 'tangkas[web]'",
    },
    "one_process": {
        "id": "DuckDB hanya bisa dibuka satu proses; pakai PostgreSQL (TANGKAS_DATABASE_URL) untuk --workers",
        "en": "DuckDB can be opened by one process only; use PostgreSQL (TANGKAS_DATABASE_URL) for --workers",
    },
    "running": {
        "id": "Tangkas berjalan di {url}  (API: /docs)",
        "en": "Tangkas running at {url}  (API: /docs)",
    },
    "running_workers": {
        "id": "Tangkas berjalan di {url}  (API: /docs, {n} proses)",
        "en": "Tangkas running at {url}  (API: /docs, {n} processes)",
    },
}
PARTS = {
    "postings": {"id": "lowongan", "en": "postings"},
    "ad checks": {"id": "pemeriksaan iklan", "en": "ad checks"},
    "courses": {"id": "kursus", "en": "courses"},
    "workers": {"id": "pekerja", "en": "workers"},
    "memberships, placements, documents": {
        "id": "masa kepesertaan, penempatan, dokumen",
        "en": "memberships, placements, documents",
    },
    "interest profiles": {"id": "profil minat", "en": "interest profiles"},
    "enrolments": {"id": "pendaftaran kursus", "en": "course enrolments"},
}
"""The parts :func:`tangkas.services.demo.load_demo` reports as it loads them."""


def _t(key: str, lang: Lang, **values: object) -> str:
    return translate(MESSAGES, key, lang, **values)


def _part(part: str, lang: Lang) -> str:
    return translate(PARTS, part, lang) if part in PARTS else part


def load_demo_data(db: str | None, *, sign_in_at: str | None = None, lang: Lang = "id") -> None:
    """Load the synthetic demo data, saying what it is; with ``sign_in_at`` (the server's address), also
    make a demo counsellor key and say how to sign in with it (it opens only synthetic workers)."""
    from tangkas.services.demo import demo_counsellor_key, load_demo

    with open_store(db) as store:
        console.print(_t("loading", lang))
        report = load_demo(store, progress=lambda part: console.print(f"  {_part(part, lang)}", markup=False))
        key = demo_counsellor_key(store) if sign_in_at else None
    counts = {
        "postings": report.postings,
        "courses": report.courses,
        "workers": report.workers,
        "memberships": report.memberships,
        "placements": report.placements,
        "documents": report.documents,
        "profiles": report.profiles,
        "enrolments": report.enrolments,
    }
    console.print(_t("loaded", lang, **counts))
    if key is not None:
        console.print(
            _t("sign_in", lang, office=key.office_code, url=sign_in_at, secret=key.secret),
            markup=False,
            soft_wrap=True,
        )


@app.command("demo-data")
def demo_data(db: DbOption = None, lang: LangOption = "id") -> None:
    """Muat data demo sintetis ke basis data (idempoten)."""
    load_demo_data(db, lang=parse_lang(lang))


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Alamat yang didengar.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    db: DbOption = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="Jumlah proses (lebih dari 1 hanya dengan PostgreSQL)."
        ),
    ] = 1,
    demo: Annotated[
        bool, typer.Option("--demo", help="Muat dulu data demo sintetis (lowongan, kursus, pekerja).")
    ] = False,
    lang: LangOption = "id",
) -> None:
    """Jalankan layanan web Tangkas (API di /api, dokumentasi OpenAPI di /docs)."""
    language = parse_lang(lang)
    try:
        import uvicorn

        from tangkas.web import create_app
    except ImportError:
        fail(_t("needs_web", language), language)
    url = db or default_url()
    if workers > 1 and not url.startswith(("postgresql://", "postgres://")):
        fail(_t("one_process", language), language)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if demo:
        load_demo_data(url, sign_in_at=f"http://{host}:{port}/", lang=language)
    if workers > 1:
        with open_store(url) as store:
            store.migrate()
        os.environ[ENV_URL] = url
        console.print(_t("running_workers", language, url=f"http://{host}:{port}/", n=workers), markup=False)
        uvicorn.run(
            "tangkas.web:create_app_from_env",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            access_log=False,
            log_level="warning",
        )
        return
    token = None
    if url.startswith("duckdb:///") and url != "duckdb:///:memory:":
        # The CLI's key commands reach this server through the control file while it holds the store.
        from tangkas.web.control import write_control_file

        local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        path, token = write_control_file(url.removeprefix("duckdb:///"), f"http://{local}:{port}")
        atexit.register(path.unlink, missing_ok=True)
        # uvicorn re-raises SIGTERM after its shutdown; exit cleanly then, so the file is removed.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    application = create_app(url, control_token=token)
    console.print(_t("running", language, url=f"http://{host}:{port}/"), markup=False)
    uvicorn.run(application, host=host, port=port, access_log=False, log_level="warning")
