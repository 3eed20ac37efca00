"""API keys (stored hashed, with roles) and the audit log of access to personal data.

A key is ``tk_<prefix>_<secret>``: the prefix finds the row, the SHA-256 of the whole key is what is
stored, and the key itself is shown once, at creation.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> key = create_key(store, "analyst", label="dashboard")
>>> authenticate(store, key.secret).role
'analyst'
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from tangkas.errors import TangkasError
from tangkas.store import Store

Role = Literal["counsellor", "analyst", "provider", "admin"]
ROLES: tuple[Role, ...] = ("counsellor", "analyst", "provider", "admin")


class AuthenticationError(TangkasError):
    """A missing, malformed, unknown or revoked API key."""


@dataclass(frozen=True, slots=True)
class ApiKey:
    """An authenticated principal. ``secret`` is set only on the key returned by ``create_key``."""

    id: int
    role: Role
    office_code: str | None
    provider: str | None
    label: str | None
    secret: str = ""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(
    store: Store,
    role: str,
    *,
    office_code: str | None = None,
    provider: str | None = None,
    label: str | None = None,
) -> ApiKey:
    """Create a key; counsellors need an office, providers a provider name."""
    if role not in ROLES:
        raise TangkasError(f"unknown role {role!r}: choose {', '.join(ROLES)}")
    if role == "counsellor" and not office_code:
        raise TangkasError("a counsellor key needs --office")
    if role == "provider" and not provider:
        raise TangkasError("a provider key needs --provider")
    prefix = secrets.token_hex(4)
    secret = f"tk_{prefix}_{secrets.token_urlsafe(24)}"
    with store.lock:
        store.backend.execute(
            "INSERT INTO api_keys (prefix, key_hash, role, office_code, provider, label, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (prefix, _hash(secret), role, office_code, provider, label, _now()),
        )
        key_id = int(store.backend.scalar("SELECT id FROM api_keys WHERE prefix = ?", (prefix,)))
    return ApiKey(key_id, role, office_code, provider, label, secret)


def authenticate(store: Store, secret: str) -> ApiKey:
    """The principal behind ``secret``; raises AuthenticationError."""
    parts = secret.split("_")
    if len(parts) < 3 or parts[0] != "tk":
        raise AuthenticationError("malformed API key")
    with store.lock:
        rows = store.backend.query(
            "SELECT id, key_hash, role, office_code, provider, label, revoked_at FROM api_keys "
            "WHERE prefix = ?",
            (parts[1],),
        )
    if not rows or not hmac.compare_digest(rows[0]["key_hash"], _hash(secret)) or rows[0]["revoked_at"]:
        raise AuthenticationError("unknown or revoked API key")
    row = rows[0]
    return ApiKey(row["id"], row["role"], row["office_code"], row["provider"], row["label"])


def revoke_key(store: Store, key_id: int) -> None:
    """Revoke a key: it authenticates no more (web caches trust a verified key for a few seconds)."""
    with store.lock:
        store.backend.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", (_now(), key_id))


def audit(store: Store, key: ApiKey, action: str, entity: str, entity_id: str | None = None) -> None:
    """Record that ``key`` did ``action`` on personal data (never the data itself)."""
    with store.lock:
        store.backend.execute(
            "INSERT INTO audit_log (happened_at, key_id, role, action, entity, entity_id, office_code) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (_now(), key.id, key.role, action, entity, entity_id, key.office_code),
        )
