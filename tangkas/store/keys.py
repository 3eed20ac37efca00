"""API keys (stored hashed, with roles); the audit log is :mod:`tangkas.store.audit`.

A key is ``tk_<prefix>_<secret>``: the prefix finds the row, the SHA-256 of the whole key is what is
stored, and the key itself is shown once, at creation. Revoking keeps the row and sets ``revoked_at``.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> key = create_key(store, "analyst", label="dashboard")
>>> authenticate(store, key.secret).role
'analyst'
>>> [(k.role, k.label, k.revoked_at is None) for k in list_keys(store)]
[('analyst', 'dashboard', True)]
>>> revoke_key(store, list_keys(store)[0].prefix).revoked_at is not None
True
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
KEY_CACHE_SECONDS = 30.0
"""How long a server trusts a verified key without asking the database again: a key revoked by another
process stops working within this time (one revoked in the same process, at once)."""
_KEY_COLUMNS = "prefix, role, office_code, provider, label, created_at, revoked_at"
_revocations = 0


class AuthenticationError(TangkasError):
    """A missing, malformed, unknown or revoked API key."""


class UnknownKeyError(TangkasError):
    """No API key has this prefix (or id)."""


@dataclass(frozen=True, slots=True)
class ApiKey:
    """An authenticated principal. ``secret`` is set only on the key returned by ``create_key``."""

    id: int
    role: Role
    office_code: str | None
    provider: str | None
    label: str | None
    secret: str = ""


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """A stored key as an administrator sees it: never its hash or secret."""

    prefix: str
    role: Role
    office_code: str | None
    provider: str | None
    label: str | None
    created_at: datetime
    revoked_at: datetime | None


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


def list_keys(store: Store) -> list[KeyRecord]:
    """Every key, oldest first, without its hash."""
    with store.lock:
        rows = store.backend.query(f"SELECT {_KEY_COLUMNS} FROM api_keys ORDER BY created_at, id")
    return [KeyRecord(**row) for row in rows]


def revoke_key(store: Store, key: int | str) -> KeyRecord:
    """Revoke a key by id or prefix (an already revoked key keeps its time); raises UnknownKeyError."""
    global _revocations
    column = "id" if isinstance(key, int) else "prefix"
    with store.lock:
        store.backend.execute(
            f"UPDATE api_keys SET revoked_at = ? WHERE {column} = ? AND revoked_at IS NULL", (_now(), key)
        )
        rows = store.backend.query(f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE {column} = ?", (key,))
    if not rows:
        raise UnknownKeyError(f"no API key with {column} {key!r}")
    _revocations += 1
    return KeyRecord(**rows[0])


def revocations() -> int:
    """How many keys this process has revoked: a cache of verified keys is stale once this changes."""
    return _revocations


from tangkas.store.audit import audit as audit  # noqa: E402  (kept importable from here)
