"""Authentication by API key or sign-in session, role checks and form tokens, as FastAPI dependencies."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request, Response, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader

from tangkas.services.records import RECORD_ROLES
from tangkas.store import Store
from tangkas.store.keys import ApiKey, AuthenticationError, authenticate, revocations, session_principal
from tangkas.store.queries import demand_table, fresh_demand_table

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="Tangkas API key (tk_...)")


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


async def store_with_demand(store: StoreDep) -> Store:
    """The store, its demand table made fresh first: from memory when it is, else in the thread pool, so
    an ``async`` route that recommends (CPU-bound, kept on the event loop for throughput) then reads the
    cached table and never waits for the store lock on the event loop."""
    if fresh_demand_table(store) is None:
        await run_in_threadpool(demand_table, store)
    return store


DemandStoreDep = Annotated[Store, Depends(store_with_demand)]


KEY_CACHE_SECONDS = 30.0
"""How long a server on an embedded DuckDB file trusts a key it verified (unless this process revokes a
key meanwhile: only this process can write that file while it serves)."""
_verified: dict[str, tuple[float, int, ApiKey]] = {}


def _remembered(store: Store, key: str) -> ApiKey | None:
    """A key this process verified on an embedded store, while it may still be trusted; from memory."""
    if not store.url.startswith("duckdb:"):
        return None
    known = _verified.get(hashlib.sha256(f"{id(store)}:{key}".encode()).hexdigest())
    if known and known[1] == revocations() and time.monotonic() - known[0] < KEY_CACHE_SECONDS:
        return known[2]
    return None


def _verify(store: Store, key: str) -> ApiKey:
    """``authenticate``, remembered on an embedded store (a database point query costs DuckDB about 2 ms;
    PostgreSQL about 0.3 ms, and there other processes may revoke keys, so it is always asked)."""
    if not store.url.startswith("duckdb:"):
        return authenticate(store, key)
    remembered = _remembered(store, key)
    if remembered is not None:
        return remembered
    digest = hashlib.sha256(f"{id(store)}:{key}".encode()).hexdigest()
    generation = revocations()
    caller = authenticate(store, key)
    if len(_verified) > 10_000:
        _verified.clear()
    _verified[digest] = (time.monotonic(), generation, caller)
    return caller


def verify_key(store: Store, key: str | None) -> ApiKey:
    """The caller behind an ``X-API-Key`` value, or a 401; may wait for the store (call from a thread)."""
    if not key:
        raise HTTPException(401, "missing X-API-Key header", headers={"WWW-Authenticate": "ApiKey"})
    try:
        return _verify(store, key)
    except AuthenticationError as error:
        raise HTTPException(401, str(error), headers={"WWW-Authenticate": "ApiKey"}) from None


async def principal(store: StoreDep, key: Annotated[str | None, Security(api_key_header)] = None) -> ApiKey:
    """The caller behind the ``X-API-Key`` header; a key revoked anywhere is refused on the next request.
    A key this process already trusts is answered from memory; any check that needs the store runs in
    the thread pool, so waiting for it never holds up the event loop (and the other requests it serves)."""
    remembered = _remembered(store, key) if key else None
    if remembered is not None:
        return remembered
    caller: ApiKey = await run_in_threadpool(verify_key, store, key)
    return caller


Principal = Annotated[ApiKey, Depends(principal)]


def require(*roles: str) -> Any:
    """A dependency that admits only the given roles."""

    def check(caller: Principal) -> ApiKey:
        if caller.role not in roles:
            raise HTTPException(403, f"role {caller.role!r} may not do this")
        return caller

    return Depends(check)


COOKIE = "tangkas_session"
"""The session cookie of a signed-in counsellor (HttpOnly, SameSite=Strict): a random token naming a
session the server holds (:func:`~tangkas.store.keys.start_session`), never the API key."""
LOGIN_COOKIE = "tangkas_login"
"""Before a session exists: a random value the sign-in form repeats (a double-submit token), so another
site cannot sign a browser in with the other site's key (login CSRF)."""


def signed_in(request: Request, store: Store) -> ApiKey | None:
    """The counsellor or admin behind the session cookie, if the session is open (call from a thread)."""
    token = request.cookies.get(COOKIE)
    caller = session_principal(store, token) if token else None
    return caller if caller is not None and caller.role in RECORD_ROLES else None


def set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    """An HttpOnly, SameSite=Strict cookie for this site's pages (Secure over https)."""
    secure = request.url.scheme == "https"
    response.set_cookie(name, value, httponly=True, samesite="strict", secure=secure)


def _derive(secret: str) -> str:
    return hmac.new(secret.encode(), b"tangkas-form", hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The token the signed-in session's forms carry: derived from the session's random token, so a page
    of another site can neither read nor compute it, and it dies with the session (``""`` when nobody is
    signed in)."""
    token = request.cookies.get(COOKIE)
    return _derive(token) if token else ""


def login_token(request: Request) -> str:
    """The sign-in form's token: from the ``LOGIN_COOKIE`` already set, else a fresh one that the page
    sets (see :func:`remember_login_token`)."""
    existing = request.cookies.get(LOGIN_COOKIE, "")
    token = existing if 20 <= len(existing) <= 100 else secrets.token_urlsafe(24)
    request.state.login_token = token
    return token


def remember_login_token(request: Request, response: Response) -> None:
    """Set the sign-in form's cookie when :func:`login_token` made a new token for this page."""
    token = getattr(request.state, "login_token", "")
    if token and token != request.cookies.get(LOGIN_COOKIE):
        set_cookie(request, response, LOGIN_COOKIE, token)


def same_origin(request: Request) -> bool:
    """Whether a posted form comes from this site: its ``Origin`` (else ``Referer``) names our host.
    A request with neither (not a browser) passes: the token and the SameSite cookie still hold."""
    sender = request.headers.get("origin") or request.headers.get("referer")
    if not sender:
        return True
    parts = urlsplit(sender)
    return (parts.scheme, parts.netloc) == (request.url.scheme, request.url.netloc)


def form_is_genuine(request: Request, token: str) -> bool:
    """A form posted by the signed-in session from our own pages."""
    expected = csrf_token(request)
    return bool(expected) and hmac.compare_digest(expected, token) and same_origin(request)


def login_is_genuine(request: Request, token: str) -> bool:
    """A sign-in form posted from our own sign-in page (its token matches this browser's cookie)."""
    expected = request.cookies.get(LOGIN_COOKIE, "")
    return bool(expected) and hmac.compare_digest(expected, token) and same_origin(request)


def local_path(target: str | None) -> str | None:
    """``target`` when it is a path on this site (``/plan?to=...``), else ``None``: never another host.

    >>> local_path("/plan?to=7531.5"), local_path("//evil.example/x"), local_path("https://evil.example")
    ('/plan?to=7531.5', None, None)
    >>> local_path("/\\\\evil.example"), local_path("/login"), local_path("")
    (None, None, None)
    """
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ord(c) < 32 or c == "\\" for c in target) or len(target) > 2000:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path in ("/login", "/logout"):
        return None
    return target
