"""Young people's interest profiles as stored: one row per saved result, with the consent it was saved under.

Every value here is personal (a minor's profile is a child's personal data, UU 27/2022 Pasal 25): the
service (:mod:`tangkas.services.interests`) shows them only to the worker's office and audits each read
and save. Erasure deletes them (:data:`tangkas.store.queries.ERASED_RECORDS`).

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> row = StoredProfile("short60", (4,) * 60, {"R": 40}, "RIA", "SMA", "guardian")
>>> saved = save_profile(store, 7, row, key_id=None)
>>> [(p["code"], p["consent_by"], len(p["answers"])) for p in worker_profiles(store, 7)]
[('RIA', 'guardian', 60)]
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tangkas.store import Store

PROFILE_COLUMNS = (
    "id, worker_id, form, answers, scores, code, education, consent_by, consent_recorded_at, key_id, "
    "created_at"
)


@dataclass(frozen=True, slots=True)
class StoredProfile:
    """What a saved profile holds: the form, the answers in item order, the six scores, the code, the
    education the matches were made for, and who consented (``self`` or ``guardian``)."""

    form: str
    answers: Sequence[int]
    scores: Mapping[str, int]
    code: str
    education: str | None
    consent_by: str


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _answers(text: object) -> list[int]:
    """Stored answers (one digit an item) as numbers."""
    return [int(digit) for digit in str(text)]


def _row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row with its answers as numbers and its scores as a mapping."""
    return {**row, "answers": _answers(row["answers"]), "scores": json.loads(row["scores"])}


def save_profile(store: Store, worker_id: int, profile: StoredProfile, *, key_id: int | None) -> int:
    """Store one profile for ``worker_id``, the consent recorded now; the new row's id."""
    when = _now()
    answers = "".join(str(a) for a in profile.answers)
    with store.lock, store.backend.transaction():
        store.backend.execute(
            "INSERT INTO interest_profiles (worker_id, form, answers, scores, code, education, consent_by, "
            "consent_recorded_at, key_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                worker_id,
                profile.form,
                answers,
                json.dumps(dict(profile.scores), sort_keys=True),
                profile.code,
                profile.education,
                profile.consent_by,
                when,
                key_id,
                when,
            ),
        )
        found = store.backend.scalar(
            "SELECT MAX(id) FROM interest_profiles WHERE worker_id = ?", (worker_id,)
        )
    return int(found)


def worker_profiles(store: Store, worker_id: int) -> list[dict[str, Any]]:
    """A worker's saved profiles, newest first."""
    with store.lock:
        rows = store.backend.query(
            f"SELECT {PROFILE_COLUMNS} FROM interest_profiles WHERE worker_id = ? ORDER BY id DESC",
            (worker_id,),
        )
    return [_row(r) for r in rows]


def worker_profile(store: Store, worker_id: int, profile_id: int) -> dict[str, Any] | None:
    """One saved profile of ``worker_id``, or ``None``."""
    with store.lock:
        rows = store.backend.query(
            f"SELECT {PROFILE_COLUMNS} FROM interest_profiles WHERE worker_id = ? AND id = ?",
            (worker_id, profile_id),
        )
    return _row(rows[0]) if rows else None


def latest_profiles(store: Store) -> list[dict[str, Any]]:
    """The latest profile of each registered (not erased) worker, with the worker's province
    (``province_code``) and record key: form, answers and education, in worker order. Personal data: for
    aggregates only (:func:`tangkas.services.youth.interest_supply`)."""
    with store.lock:
        rows = store.backend.query(
            "SELECT p.worker_id, p.form, p.answers, p.education, w.province_code, "
            "COALESCE(w.record_key, 0) AS record_key "
            "FROM interest_profiles p JOIN workers w ON w.id = p.worker_id "
            "WHERE w.erased_at IS NULL AND p.id = "
            "(SELECT MAX(q.id) FROM interest_profiles q WHERE q.worker_id = p.worker_id) "
            "ORDER BY p.worker_id"
        )
    return [{**r, "answers": _answers(r["answers"])} for r in rows]
