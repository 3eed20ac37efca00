"""Checking the stored postings for discriminatory requirements, batch by batch and resumably: what the
import and coding steps run after storing postings, so prevalence is a query over the store."""

from __future__ import annotations

from collections.abc import Callable

from tangkas.fairness.ads import MAX_CHARS, check_ad, rules_version
from tangkas.store import Store
from tangkas.store.fair_ads import save_ad_checks, unchecked_ads


def check_stored_ads(
    store: Store,
    *,
    batch: int = 1000,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Check every posting not yet checked under the shipped rules (at most ``limit``); the number checked."""
    version = rules_version()
    done = 0
    while limit is None or done < limit:
        waiting = unchecked_ads(store, version, batch if limit is None else min(batch, limit - done))
        if not waiting:
            break
        checks = [
            (pid, check_ad(title[:MAX_CHARS], text[: max(0, MAX_CHARS - len(title))], lang="id"))
            for pid, title, text in waiting
        ]
        save_ad_checks(store, checks, version)
        done += len(waiting)
        if progress:
            progress(len(waiting))
    return done
