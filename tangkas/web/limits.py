"""ASGI middleware: request size limit, NUL characters refused, security headers, and access logs that
never contain personal data; rate limits for sign-in and heavy anonymous work."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tangkas.limiting import Attempts, setting

log = logging.getLogger("tangkas.access")
MAX_BODY_BYTES = 2 * 1024 * 1024


class _TooLargeError(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLargeError
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except _TooLargeError:
            if not started:
                await _too_large(send, self.limit)


class NoNulInQuery:
    """Refuse a query string carrying a NUL character (``%00``) with 422, the same on every store:
    PostgreSQL cannot hold one in text, DuckDB can, and no search or filter needs one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and b"%00" in scope.get("query_string", b""):
            body = json.dumps(
                {"error": {"code": "invalid", "message": "the query string contains a NUL character (%00)"}}
            ).encode()
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 422, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {"error": {"code": "too_large", "message": f"request body over {limit} bytes"}}
    ).encode()
    await send(
        {"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json")]}
    )
    await send({"type": "http.response.body", "body": body})


class AccessLog:
    """Log method, route template, status and duration; never query strings, bodies or keys."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status: dict[str, Any] = {"code": 0}

        async def recording(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", "-")
            elapsed = (time.perf_counter() - start) * 1000
            log.info("%s %s %s %.1fms", scope.get("method"), template, status["code"], elapsed)


class RefusedError(Exception):
    """Heavy work refused: ``status`` 429 (this client asked too often) or 503 (the server is busy)."""

    def __init__(self, status: int, retry_after: int) -> None:
        super().__init__(f"refused with {status}, retry after {retry_after} s")
        self.status, self.retry_after = status, retry_after


class Gate:
    """Admission to heavy anonymous work (reading a CV): at most ``per_client`` requests from one client
    per ``window`` seconds, and at most ``concurrent`` at once over all clients (the rest are refused
    at once rather than queued: a queue would only grow under a flood)."""

    def __init__(self, concurrent: int, per_client: int, window: float, busy_retry: int = 5) -> None:
        self.attempts = Attempts(per_client, window)
        self.slots = threading.BoundedSemaphore(concurrent)
        self.busy_retry = busy_retry

    @contextmanager
    def enter(self, client: str) -> Iterator[None]:
        """Hold a slot for ``client``'s work; raises RefusedError."""
        wait = self.attempts.wait(client)
        if wait:
            raise RefusedError(429, wait)
        self.attempts.add(client)
        if not self.slots.acquire(blocking=False):
            raise RefusedError(503, self.busy_retry)
        try:
            yield
        finally:
            self.slots.release()


LOGIN_FAILURES = setting("TANGKAS_LOGIN_FAILURES", 5)
"""Failed sign-ins from one client, or for one key prefix, before sign-in is refused with 429."""
LOGIN_WINDOW = setting("TANGKAS_LOGIN_WINDOW_SECONDS", 300)
"""The window, in seconds, over which failed sign-ins count."""
UNDERSTAND_CONCURRENT = setting("TANGKAS_UNDERSTAND_CONCURRENT", max(1, (os.cpu_count() or 2) // 2))
"""Texts read at once over all clients (each takes a CPU for up to seconds)."""
UNDERSTAND_PER_MINUTE = setting("TANGKAS_UNDERSTAND_PER_MINUTE", 20)
"""Texts one client may have read per minute."""


def client_of(scope_client: tuple[str, int] | None) -> str:
    """The client's address as this server sees it (run uvicorn with ``--proxy-headers`` and
    ``--forwarded-allow-ips`` behind a reverse proxy, else every client is the proxy)."""
    return scope_client[0] if scope_client else "-"


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
"""The pages load scripts and styles from /static only: no inline script, style element or attribute."""
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""Swagger UI and ReDoc start from an inline script and inject styles: their pages (no personal data)
allow inline code; every other response gets :data:`CSP`."""
DOCS_PATHS = ("/docs", "/redoc")
PERSONAL_PATHS = ("/api/workers", "/workers", "/plans", "/login", "/logout", "/control")
SHARED_PATHS = ("/static/", "/docs-assets/")


class SecurityHeaders:
    """Headers on every response: a Content-Security-Policy, no framing, no MIME sniffing, referrers to
    this site only; and ``Cache-Control: no-store`` on anything personal (records pages, the workers API,
    sign-in) or answered to a signed-in session or an API key, unless the response set its own."""

    def __init__(self, app: ASGIApp, session_cookie: str = "tangkas_session") -> None:
        self.app = app
        self.session_cookie = session_cookie.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        request_headers = dict(scope.get("headers", []))
        private = not path.startswith(SHARED_PATHS) and (
            path.startswith(PERSONAL_PATHS)
            or b"x-api-key" in request_headers
            or self.session_cookie in request_headers.get(b"cookie", b"")
        )
        policy = (DOCS_CSP if path in DOCS_PATHS else CSP).encode()

        async def adding(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = [
                    (b"content-security-policy", policy),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                if private and b"cache-control" not in present:
                    extra.append((b"cache-control", b"no-store"))
                headers += [(name, value) for name, value in extra if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, adding)
