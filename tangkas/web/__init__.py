"""The web service: ``create_app()`` builds the FastAPI application (JSON API, and pages as they land)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from tangkas.limiting import Attempts
from tangkas.store import Store, open_store
from tangkas.web import (
    analyst,
    api,
    control,
    coverage,
    docs,
    errors,
    fair_ads,
    gender,
    interests,
    outreach,
    pages,
    pathways,
    readiness,
    records,
    worker_forms,
    youth,
)
from tangkas.web.limits import (
    LOGIN_FAILURES,
    LOGIN_WINDOW,
    MAX_BODY_BYTES,
    UNDERSTAND_CONCURRENT,
    UNDERSTAND_PER_MINUTE,
    AccessLog,
    BodyLimit,
    Gate,
    NoNulInQuery,
    SecurityHeaders,
)
from tangkas.web.security import COOKIE, csrf_token


def create_app(
    store: Store | str | None = None, *, max_body: int = MAX_BODY_BYTES, control_token: str | None = None
) -> FastAPI:
    """The application over ``store`` (a Store, a database URL, or the default store), migrated;
    ``control_token`` opens the local key-management channel (:mod:`tangkas.web.control`)."""
    opened = store if isinstance(store, Store) else open_store(store)
    opened.migrate()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if not isinstance(store, Store):
            opened.close()

    app = FastAPI(
        title="Tangkas API",
        version="0.1.0",
        description="Skills-based reskilling for Indonesia and ASEAN: taxonomy, postings, workers, courses.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = opened
    app.state.control_token = control_token
    app.state.login_attempts = Attempts(LOGIN_FAILURES, LOGIN_WINDOW)
    app.state.understand_gate = Gate(UNDERSTAND_CONCURRENT, UNDERSTAND_PER_MINUTE, 60)
    errors.install(app)
    pages.templates.env.globals["csrf_token"] = csrf_token  # forms of a signed-in session carry it
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(worker_forms.router)  # before records: /workers/new is not a worker id
    app.include_router(records.router)
    app.include_router(interests.router)
    app.include_router(outreach.router)
    app.include_router(readiness.router)
    app.include_router(analyst.router)
    app.include_router(gender.router)
    app.include_router(coverage.router)
    app.include_router(youth.router)
    app.include_router(pathways.router)
    app.include_router(fair_ads.router)
    app.include_router(control.router)
    docs.install(app)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(NoNulInQuery)
    app.add_middleware(AccessLog)
    app.add_middleware(SecurityHeaders, session_cookie=COOKIE)
    return app


def create_app_from_env() -> FastAPI:
    """The application over the store named by ``TANGKAS_DATABASE_URL``: the factory each worker
    process of a multi-process server calls."""
    return create_app(None)
