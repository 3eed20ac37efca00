"""``tangkas serve``: the web service (API and pages) with uvicorn."""

from __future__ import annotations

import atexit
import logging
import os
import signal
import sys
from typing import Annotated

import typer

from tangkas.cli.app import app, console, fail
from tangkas.cli.store import DbOption
from tangkas.store import ENV_URL, default_url, open_store


def load_demo_data(db: str | None, *, sign_in_at: str | None = None) -> None:
    """Load the synthetic demo data, saying what it is; with ``sign_in_at`` (the server's address), also
    make a demo counsellor key and say how to sign in with it (it opens only synthetic workers)."""
    from tangkas.services.demo import demo_counsellor_key, load_demo

    with open_store(db) as store:
        console.print("Memuat data DEMO sintetis (bukan data nyata)...")
        report = load_demo(store, progress=lambda part: console.print(f"  {part}"))
        key = demo_counsellor_key(store) if sign_in_at else None
    console.print(
        f"  +{report.postings} lowongan, +{report.courses} kursus, +{report.workers} pekerja, "
        f"+{report.memberships} masa kepesertaan, +{report.placements} penempatan PMI, "
        f"+{report.documents} dokumen, +{report.profiles} profil minat kaum muda (sintetis)"
    )
    if key is not None:
        console.print(
            f"Masuk sebagai konselor demo ({key.office_code}, hanya pekerja DEMO) di {sign_in_at}login "
            f"dengan kunci:\n  {key.secret}\n  (kunci ini diganti setiap 'make run'; kunci nyata: "
            "tangkas keys create --role counsellor --office KANTOR, saat server berhenti)",
            markup=False,
            soft_wrap=True,
        )


@app.command("demo-data")
def demo_data(db: DbOption = None) -> None:
    """Muat data demo sintetis ke basis data (idempoten)."""
    load_demo_data(db)


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
) -> None:
    """Jalankan layanan web Tangkas (API di /api, dokumentasi OpenAPI di /docs)."""
    try:
        import uvicorn

        from tangkas.web import create_app
    except ImportError:
        console.print("galat: layanan web butuh paket tambahan: pip install 'tangkas[web]'")
        raise typer.Exit(2) from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    url = db or default_url()
    if workers > 1 and not url.startswith(("postgresql://", "postgres://")):
        fail("DuckDB hanya bisa dibuka satu proses; pakai PostgreSQL (TANGKAS_DATABASE_URL) untuk --workers")
    if demo:
        load_demo_data(url, sign_in_at=f"http://{host}:{port}/")
    if workers > 1:
        with open_store(url) as store:
            store.migrate()
        os.environ[ENV_URL] = url
        console.print(f"Tangkas berjalan di http://{host}:{port}/  (API: /docs, {workers} proses)")
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
    console.print(f"Tangkas berjalan di http://{host}:{port}/  (API: /docs)")
    uvicorn.run(application, host=host, port=port, access_log=False, log_level="warning")
