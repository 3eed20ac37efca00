"""API keys (stored hashed, with roles); the audit log is :mod:`tangkas.store.audit`.

A key is ``tk_<prefix>_<secret>``: the prefix finds the row, the SHA-256 of the whole key is what is
stored, and the key itself is shown once, at creation. Revoking keeps the row and sets ``revoked_at``.

A signed-in browser holds a *session*, never the key: :func:`start_session` returns a random token for
the cookie and stores only its hash. A session ends when it is idle for ``TANGKAS_SESSION_IDLE_MINUTES``
(30), at ``TANGKAS_SESSION_HOURS`` (12) after sign-in, at sign-out, and when its key is revoked.

A key revoked by any process (the CLI, another server) is refused on the very next request: a server
on PostgreSQL asks the database every time (a fraction of a millisecond); one on an embedded DuckDB file,
which no other process can write while it runs, may trust a key it verified until :func:`revocations`
changes (every revocation and sign-out in this process counts).

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> key = create_key(store, "analyst", label="dashboard")
>>> authenticate(store, key.secret).role
'analyst'
>>> [(k.role, k.label, k.revoked_at is None) for k in list_keys(store)]
[('analyst', 'dashboard', True)]
>>> counsellor = create_key(store, "counsellor", office_code="BDG")
>>> token = start_session(store, counsellor)
>>> session_principal(store, token).office_code
'BDG'
>>> revoked = revoke_key(store, counsellor.id)
>>> revoked.revoked_at is not None, revoked.sessions, session_principal(store, token)
(True, 1, None)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from tangkas.errors import TangkasError
from tangkas.store import Store

Role = Literal["counsellor", "analyst", "provider", "admin"]
ROLES: tuple[Role, ...] = ("counsellor", "analyst", "provider", "admin")
_KEY_COLUMNS = "prefix, role, office_code, provider, label, created_at, revoked_at"
ENV_IDLE = "TANGKAS_SESSION_IDLE_MINUTES"
ENV_LIFETIME = "TANGKAS_SESSION_HOURS"
SESSION_IDLE_MINUTES = 30.0
"""A session unused this long ends (``TANGKAS_SESSION_IDLE_MINUTES``)."""
SESSION_HOURS = 12.0
"""A session ends this long after sign-in however busy it is (``TANGKAS_SESSION_HOURS``)."""
TOUCH_SECONDS = 60.0
"""A session's ``last_seen_at`` is written at most this often (not on every request)."""
MAX_TOKEN = 200
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
    sessions: int = 0
    """Sessions open on the key (signed-in browsers); on a key just revoked, the sessions that ended."""
    last_seen_at: datetime | None = None
    """The latest activity of a session on the key (use by API header is not recorded)."""


def _minutes(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name) or default)
    except ValueError:
        return default
    return value if value > 0 else default


def session_idle() -> timedelta:
    """How long an unused session lives (``TANGKAS_SESSION_IDLE_MINUTES``, default 30)."""
    return timedelta(minutes=_minutes(ENV_IDLE, SESSION_IDLE_MINUTES))


def session_lifetime() -> timedelta:
    """How long any session lives (``TANGKAS_SESSION_HOURS``, default 12)."""
    return timedelta(hours=_minutes(ENV_LIFETIME, SESSION_HOURS))


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


_OPEN = "s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ?"


def _open_since(now: datetime) -> tuple[datetime, datetime]:
    """The parameters of ``_OPEN``: sessions not past their end nor idle too long at ``now``."""
    return now, now - session_idle()


def list_keys(store: Store) -> list[KeyRecord]:
    """Every key, oldest first, without its hash; with its open sessions and their latest activity."""
    columns = ", ".join(f"k.{c}" for c in _KEY_COLUMNS.split(", "))
    with store.lock:
        rows = store.backend.query(
            f"SELECT {columns}, "
            f"COUNT(s.id) AS sessions, MAX(s.last_seen_at) AS last_seen_at FROM api_keys k "
            f"LEFT JOIN sessions s ON s.key_id = k.id AND {_OPEN} "
            f"GROUP BY {columns}, k.id ORDER BY k.created_at, k.id",
            _open_since(_now()),
        )
    return [KeyRecord(**{**row, "sessions": int(row["sessions"])}) for row in rows]


def revoke_key(store: Store, key: int | str) -> KeyRecord:
    """Revoke a key by id or prefix and end its sessions at once (an already revoked key keeps its time);
    the record's ``sessions`` is how many sessions this ended. Raises UnknownKeyError."""
    column = "id" if isinstance(key, int) else "prefix"
    now = _now()
    owner = f"key_id IN (SELECT id FROM api_keys WHERE {column} = ?)"
    with store.lock, store.backend.transaction():
        ended = int(
            store.backend.scalar(
                f"SELECT COUNT(*) FROM sessions s WHERE s.{owner} AND {_OPEN}", (key, *_open_since(now))
            )
        )
        store.backend.execute(
            f"UPDATE sessions SET revoked_at = ? WHERE {owner} AND revoked_at IS NULL", (now, key)
        )
        store.backend.execute(
            f"UPDATE api_keys SET revoked_at = ? WHERE {column} = ? AND revoked_at IS NULL", (now, key)
        )
        rows = store.backend.query(f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE {column} = ?", (key,))
    if not rows:
        raise UnknownKeyError(f"no API key with {column} {key!r}")
    _revoked()
    return KeyRecord(**rows[0], sessions=ended)


def _revoked() -> None:
    global _revocations
    _revocations += 1


def revocations() -> int:
    """How many keys and sessions this process has revoked or ended: a cache of verified keys is stale
    once this changes."""
    return _revocations


def start_session(store: Store, key: ApiKey) -> str:
    """A new session for ``key``: the random token the browser's cookie holds (only its hash is stored).
    Sessions ended more than a day ago are dropped on the way."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with store.lock, store.backend.transaction():
        store.backend.execute(
            "DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?",
            (now - timedelta(days=1), now - timedelta(days=1)),
        )
        store.backend.execute(
            "INSERT INTO sessions (token_hash, key_id, created_at, last_seen_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (_hash(token), key.id, now, now, now + session_lifetime()),
        )
    return token


def session_principal(store: Store, token: str) -> ApiKey | None:
    """The key behind an open session (not ended, expired, idle too long, nor on a revoked key)."""
    if not token or len(token) > MAX_TOKEN:
        return None
    now = _now()
    with store.lock:
        rows = store.backend.query(
            "SELECT s.id AS session_id, s.last_seen_at, k.id, k.role, k.office_code, k.provider, k.label "
            f"FROM sessions s JOIN api_keys k ON k.id = s.key_id WHERE s.token_hash = ? AND {_OPEN} "
            "AND k.revoked_at IS NULL",
            (_hash(token), *_open_since(now)),
        )
        if not rows:
            return None
        row = rows[0]
        if now - row["last_seen_at"] > timedelta(seconds=TOUCH_SECONDS):
            store.backend.execute(
                "UPDATE sessions SET last_seen_at = ? WHERE id = ?", (now, row["session_id"])
            )
    return ApiKey(row["id"], row["role"], row["office_code"], row["provider"], row["label"])


def end_session(store: Store, token: str) -> bool:
    """End the session behind ``token`` (sign-out); whether one was open."""
    if not token or len(token) > MAX_TOKEN:
        return False
    with store.lock:
        open_ = store.backend.scalar(
            "SELECT COUNT(*) FROM sessions WHERE token_hash = ? AND revoked_at IS NULL", (_hash(token),)
        )
        store.backend.execute(
            "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
            (_now(), _hash(token)),
        )
    _revoked()
    return bool(open_)


from tangkas.store.audit import audit as audit  # noqa: E402  (kept importable from here)
