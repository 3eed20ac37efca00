"""Authentication by API key and role checks, as FastAPI dependencies."""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader

from tangkas.services.records import sign_in
from tangkas.store import Store
from tangkas.store.keys import KEY_CACHE_SECONDS, ApiKey, AuthenticationError, authenticate, revocations

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="Tangkas API key (tk_...)")


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


# Verified keys skip the database for KEY_CACHE_SECONDS: keeps the hot path off the single store connection.
_verified: dict[str, tuple[float, ApiKey]] = {}


async def principal(store: StoreDep, key: Annotated[str | None, Security(api_key_header)] = None) -> ApiKey:
    """The caller behind the ``X-API-Key`` header."""
    if not key:
        raise HTTPException(401, "missing X-API-Key header", headers={"WWW-Authenticate": "ApiKey"})
    digest = hashlib.sha256(f"{store.url}:{revocations()}:{key}".encode()).hexdigest()
    cached = _verified.get(digest)
    if cached and time.monotonic() - cached[0] < KEY_CACHE_SECONDS:
        return cached[1]
    try:
        caller = authenticate(store, key)
    except AuthenticationError as error:
        raise HTTPException(401, str(error), headers={"WWW-Authenticate": "ApiKey"}) from None
    if len(_verified) > 10_000:
        _verified.clear()
    _verified[digest] = (time.monotonic(), caller)
    return caller


Principal = Annotated[ApiKey, Depends(principal)]


def require(*roles: str) -> Any:
    """A dependency that admits only the given roles."""

    def check(caller: Principal) -> ApiKey:
        if caller.role not in roles:
            raise HTTPException(403, f"role {caller.role!r} may not do this")
        return caller

    return Depends(check)


COOKIE = "tangkas_key"
"""The session cookie of a signed-in counsellor (HttpOnly, SameSite=Strict): holds their API key."""


def signed_in(request: Request, store: Store) -> ApiKey | None:
    """The counsellor or admin behind the session cookie, if any."""
    secret = request.cookies.get(COOKIE)
    return sign_in(store, secret) if secret else None


def csrf_token(request: Request) -> str:
    """The token the signed-in session's forms carry: derived from the session's secret, so a page of
    another site can neither read nor compute it (``""`` when nobody is signed in)."""
    secret = request.cookies.get(COOKIE)
    return hmac.new(secret.encode(), b"tangkas-form", hashlib.sha256).hexdigest() if secret else ""


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
