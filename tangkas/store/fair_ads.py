"""Storage of what the fair-ads checker found in each posting (migration 12): one flag per ground, the
sex asked for when the ad names one, and the version of the rules that checked it. A posting whose
``ad_rules`` is not the shipped rules' version waits to be checked again, so a change to the rule files
re-checks the store and prevalence is always that of the rules in force.
"""

from __future__ import annotations

from collections.abc import Sequence

from tangkas.fairness.ads import EVALUATED, AdCheck
from tangkas.store import Store

AD_COLUMNS = tuple(f"ad_{ground}" for ground in EVALUATED)
"""The per-ground flag columns of ``postings``, in :data:`tangkas.fairness.ads.EVALUATED` order."""


def unchecked_ads(
    store: Store, version: str, size: int, *, newest_first: bool = False
) -> list[tuple[int, str, str]]:
    """Up to ``size`` postings not checked under rules ``version``, as ``(id, title, text)``, oldest first
    (``newest_first``: the ones stored last, such as those an import has just added)."""
    order = "DESC" if newest_first else "ASC"
    with store.lock:
        rows = store.backend.execute(
            "SELECT id, title, text FROM postings WHERE ad_rules IS NULL OR ad_rules <> ? "
            f"ORDER BY id {order} LIMIT ?",
            (version, size),
        )
    return [(int(pid), title, text or "") for pid, title, text in rows]


def save_ad_checks(store: Store, checks: Sequence[tuple[int, AdCheck]], version: str) -> None:
    """Record the checks of a batch in one transaction. Most ads have no finding: those are marked in
    one statement, the rest row by row (a row-by-row update of every posting is slow on DuckDB)."""
    clean = [pid for pid, check in checks if not check.flagged]
    flagged = [(pid, check) for pid, check in checks if check.flagged]
    assignments = ", ".join(f"{column} = ?" for column in AD_COLUMNS)
    with store.lock, store.backend.transaction():
        if clean:
            falses = ", ".join(f"{column} = FALSE" for column in AD_COLUMNS)
            store.backend.execute(
                f"UPDATE postings SET {falses}, ad_one_sex = NULL, ad_rules = ? "
                f"WHERE id IN ({', '.join('?' * len(clean))})",
                (version, *clean),
            )
        if flagged:
            store.backend.executemany(
                f"UPDATE postings SET {assignments}, ad_one_sex = ?, ad_rules = ? WHERE id = ?",
                [
                    (*(ground in check.flagged for ground in EVALUATED), check.one_sex, version, pid)
                    for pid, check in flagged
                ],
            )
    store.changed()


def ad_check_status(store: Store, version: str) -> dict[str, int]:
    """Postings checked under rules ``version`` and postings waiting."""
    with store.lock:
        total, checked = store.backend.execute(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE ad_rules = ?) FROM postings", (version,)
        )[0]
    return {"checked": int(checked), "waiting": int(total - checked)}


def forget_ad_checks(store: Store) -> int:
    """Mark every posting unchecked, so the next run checks them all again; how many postings there are."""
    with store.lock, store.backend.transaction():
        store.backend.execute("UPDATE postings SET ad_rules = NULL")
        total = int(store.backend.scalar("SELECT COUNT(*) FROM postings"))
    store.changed()
    return total
