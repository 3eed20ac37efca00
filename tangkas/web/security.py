"""Authentication by API key and role checks, as FastAPI dependencies."""

from __future__ import annotations

import hashlib
import time
from typing import Annotated, Any

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
