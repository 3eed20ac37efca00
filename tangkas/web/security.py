"""Authentication by API key and role checks, as FastAPI dependencies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader

from tangkas.store import Store
from tangkas.store.keys import ApiKey, AuthenticationError, authenticate

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="Tangkas API key (tk_...)")


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def principal(store: StoreDep, key: Annotated[str | None, Security(api_key_header)] = None) -> ApiKey:
    """The caller behind the ``X-API-Key`` header."""
    if not key:
        raise HTTPException(401, "missing X-API-Key header", headers={"WWW-Authenticate": "ApiKey"})
    try:
        with store.lock:
            return authenticate(store, key)
    except AuthenticationError as error:
        raise HTTPException(401, str(error), headers={"WWW-Authenticate": "ApiKey"}) from None


Principal = Annotated[ApiKey, Depends(principal)]


def require(*roles: str) -> Any:
    """A dependency that admits only the given roles."""

    def check(caller: Principal) -> ApiKey:
        if caller.role not in roles:
            raise HTTPException(403, f"role {caller.role!r} may not do this")
        return caller

    return Depends(check)
