"""Key management while the server holds the embedded store: a control channel for the local CLI.

DuckDB lets one process open a file for writing, so ``tangkas keys`` cannot open the store while
``tangkas serve`` runs on it. The server then writes a control file beside the database file
(``<file>.server.json``, readable by its owner only) with its address and a random token; the CLI reads
it and asks the server to create, list or revoke keys. The routes answer only requests from the same
machine (loopback) that carry the token (anything else is a plain 404) and are not in the OpenAPI
schema. The file is removed when the server stops; a stale one (server gone) is reported by the CLI.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, Field

from tangkas.store.base import control_file
from tangkas.store.keys import ROLES, UnknownKeyError, create_key, list_keys, revoke_key

HEADER = "X-Tangkas-Control"
LOOPBACK = frozenset({"127.0.0.1", "::1"})
router = APIRouter(prefix="/control", include_in_schema=False)


def write_control_file(database: str, address: str) -> tuple[Path, str]:
    """A fresh token and the file that tells the local CLI how to reach this server (mode 0600)."""
    token = secrets.token_urlsafe(32)
    path = control_file(database)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump({"url": address, "token": token, "pid": os.getpid()}, handle)
    return path, token


def _allowed(request: Request, token: str | None) -> None:
    expected: str | None = getattr(request.app.state, "control_token", None)
    client = request.client.host if request.client else ""
    if not expected or not token or client not in LOOPBACK or not hmac.compare_digest(token, expected):
        raise HTTPException(404, "Not Found")


class KeyIn(BaseModel):
    role: str = Field(max_length=20)
    office: str | None = Field(default=None, max_length=40)
    provider: str | None = Field(default=None, max_length=200)
    label: str | None = Field(default=None, max_length=200)


Token = Annotated[str | None, Header(alias=HEADER)]


@router.post("/keys")
def create(request: Request, body: KeyIn, token: Token = None) -> dict[str, Any]:
    _allowed(request, token)
    if body.role not in ROLES:
        raise HTTPException(422, f"unknown role {body.role!r}")
    key = create_key(
        request.app.state.store, body.role, office_code=body.office, provider=body.provider, label=body.label
    )
    return {"secret": key.secret, "role": key.role}


@router.get("/keys")
def listed(request: Request, token: Token = None) -> list[dict[str, Any]]:
    _allowed(request, token)
    return [
        {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(record).items()}
        for record in list_keys(request.app.state.store)
    ]


@router.delete("/keys/{prefix}")
def revoke(request: Request, prefix: str, token: Token = None) -> dict[str, Any]:
    _allowed(request, token)
    try:
        record = revoke_key(request.app.state.store, prefix)
    except UnknownKeyError as error:
        raise HTTPException(404, "unknown key") from error
    revoked = record.revoked_at.isoformat() if record.revoked_at else None
    return {"prefix": record.prefix, "revoked_at": revoked, "sessions_ended": record.sessions}
