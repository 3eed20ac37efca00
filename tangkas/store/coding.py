"""The resumable coding step: stored postings get an occupation and skills, batch by batch.

Each batch commits on its own and marks its postings ``coded_at``; a run that stops (killed, or a
bad model) resumes where it left off, and re-running on a fully coded store does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from tangkas.store import Store


@dataclass(frozen=True, slots=True)
class Coding:
    """What a coder says of one posting."""

    occupation_uri: str | None
    isco: str | None
    score: float | None
    skills: list[tuple[str, float, str]] = field(default_factory=list)


Coder = Callable[[str, str | None], Coding]


def default_coder(*, semantic: bool = False) -> Coder:
    """Title coding with ``code_title`` and skills with ``extract_skills`` (phrase stage unless asked)."""
    from tangkas.reading.extract import extract_skills
    from tangkas.reading.titles import code_title

    def code(title: str, text: str | None) -> Coding:
        matches = code_title(title, limit=1)
        best = matches[0] if matches else None
        mentions = extract_skills(text or "", semantic=semantic) if text else []
        skills = {m.skill.uri: (m.skill.uri, round(m.confidence, 4), m.method) for m in mentions}
        return Coding(
            best.occupation.uri if best else None,
            best.isco if best else None,
            round(best.score, 4) if best else None,
            list(skills.values()),
        )

    return code


def code_postings(
    store: Store,
    coder: Coder,
    *,
    batch: int = 500,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Code every uncoded posting (at most ``limit``); the number coded in this run."""
    done = 0
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        rows = store.backend.execute(
            "SELECT id, title, text FROM postings WHERE coded_at IS NULL ORDER BY id LIMIT ?", (size,)
        )
        if not rows:
            break
        now = datetime.now(UTC).replace(tzinfo=None)
        codings = [(posting_id, coder(title, text)) for posting_id, title, text in rows]
        with store.backend.transaction():
            store.backend.executemany(
                "UPDATE postings SET occupation_uri = ?, isco = ?, occupation_score = ?, coded_at = ? "
                "WHERE id = ?",
                [(c.occupation_uri, c.isco, c.score, now, posting_id) for posting_id, c in codings],
            )
            skills = [
                (posting_id, uri, conf, method) for posting_id, c in codings for uri, conf, method in c.skills
            ]
            store.backend.executemany(
                "INSERT INTO posting_skills (posting_id, skill_uri, confidence, method) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (posting_id, skill_uri) DO NOTHING",
                skills,
            )
        done += len(rows)
        store.changed()
        if progress:
            progress(len(rows))
    return done


def coding_status(store: Store) -> dict[str, int]:
    """Postings coded, waiting, and coded with an occupation."""
    total, coded, with_occupation = store.backend.execute(
        "SELECT COUNT(*), COUNT(coded_at), COUNT(occupation_uri) FROM postings"
    )[0]
    return {
        "total": int(total),
        "coded": int(coded),
        "waiting": int(total - coded),
        "with_occupation": int(with_occupation),
    }
