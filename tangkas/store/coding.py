"""Storage of posting codings: which postings wait to be coded, and each coding's occupation, confidence
and skills. The coding itself is :func:`tangkas.market.coding.code_postings`, run over the store by
:func:`tangkas.services.coding.code_stored_postings`.

Each saved batch commits on its own and marks its postings ``coded_at``, so a run that stops resumes
where it left off.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pyarrow as pa

from tangkas.market.coding import CodedPosting
from tangkas.market.postings import Posting
from tangkas.store import Store


def uncoded_postings(store: Store, size: int) -> list[tuple[int, Posting]]:
    """Up to ``size`` postings not coded yet, oldest first, with their store ids."""
    with store.lock:
        rows = store.backend.execute(
            "SELECT id, source, external_id, title, text, skills FROM postings WHERE coded_at IS NULL "
            "ORDER BY id LIMIT ?",
            (size,),
        )
    return [
        (
            int(pid),
            Posting(
                source, external_id, title, text or "", skills=tuple(t for t in (tags or "").split("|") if t)
            ),
        )
        for pid, source, external_id, title, text, tags in rows
    ]


def save_codings(store: Store, coded: Sequence[tuple[int, CodedPosting]], method: str) -> None:
    """Record codings (occupation, score, margin, confidence, skills found by ``method``) in one
    transaction and mark their postings coded."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.lock, store.backend.transaction():
        store.backend.executemany(
            "UPDATE postings SET occupation_uri = ?, isco = ?, occupation_score = ?, occupation_margin = ?, "
            "occupation_confident = ?, coded_at = ? WHERE id = ?",
            [
                (c.occupation, c.isco, _rounded(c), round(c.margin, 4), c.confident, now, pid)
                for pid, c in coded
            ],
        )
        store.backend.executemany(
            "INSERT INTO posting_skills (posting_id, skill_uri, confidence, method) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (posting_id, skill_uri) DO NOTHING",
            [(pid, uri, None, method) for pid, c in coded for uri in c.skills],
        )
    store.changed()


def _rounded(coded: CodedPosting) -> float | None:
    return round(coded.score, 4) if coded.occupation is not None else None


def save_known_codings(store: Store, source: str, skills: dict[str, list[str]], method: str) -> None:
    """Postings of ``source`` that arrived with their occupation (synthetic feeds) are coded with full
    confidence; ``skills`` maps their external ids to skill URIs."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.lock, store.backend.transaction():
        store.backend.execute(
            "UPDATE postings SET coded_at = ?, occupation_score = 1.0, occupation_margin = 1.0, "
            "occupation_confident = TRUE "
            "WHERE source = ? AND coded_at IS NULL AND occupation_uri IS NOT NULL",
            (now, source),
        )
        ids = dict(store.backend.execute("SELECT external_id, id FROM postings WHERE source = ?", (source,)))
        pairs = [(ids[e], uri) for e, uris in skills.items() if e in ids for uri in dict.fromkeys(uris)]
        existing = store.backend.scalar(
            "SELECT COUNT(*) FROM posting_skills s JOIN postings p ON p.id = s.posting_id WHERE p.source = ?",
            (source,),
        )
        if pairs and not existing:  # one bulk load: tens of thousands of rows
            posting, skill = zip(*pairs, strict=True)
            columns = {
                "posting_id": pa.array(posting, pa.int64()),
                "skill_uri": pa.array(skill, pa.string()),
                "confidence": pa.array([1.0] * len(pairs), pa.float64()),
                "method": pa.array([method] * len(pairs), pa.string()),
            }
            store.backend.load_arrow("posting_skills", pa.table(columns))
    store.changed()


def coding_status(store: Store) -> dict[str, int]:
    """Postings coded, waiting, and coded with an occupation."""
    with store.lock:
        total, coded, with_occupation = store.backend.execute(
            "SELECT COUNT(*), COUNT(coded_at), COUNT(occupation_uri) FROM postings"
        )[0]
    return {
        "total": int(total),
        "coded": int(coded),
        "waiting": int(total - coded),
        "with_occupation": int(with_occupation),
    }
