"""Coding the stored postings: the market's one coding pipeline (:func:`tangkas.market.coding.code_postings`
with its calibrated confidence rule), run batch by batch over the store, resumably.

The CLI's ``tangkas market demand`` over a feed file and ``tangkas import code`` over the store therefore
code a posting the same way and call the same postings confident, so the analyst page and the CLI
report the same demand for the same feed. Coding ends by checking the postings still waiting for the
fair-ads checker (:func:`tangkas.services.fair_ads.check_stored_ads`).
"""

from __future__ import annotations

from collections.abc import Callable

from tangkas.market.coding import (
    SkillExtractor,
    TitleCoding,
    code_postings,
    default_skill_extractor,
    default_title_coder,
)
from tangkas.services.fair_ads import check_stored_ads
from tangkas.store import Store
from tangkas.store.coding import save_codings, uncoded_postings


def code_stored_postings(
    store: Store,
    *,
    coding: TitleCoding | None = None,
    skills: SkillExtractor | None = None,
    semantic: bool = False,
    batch: int = 500,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    checking: Callable[[int], None] | None = None,
) -> int:
    """Code every uncoded posting (at most ``limit``) with ``coding`` (the best installed title coder by
    default) and ``skills`` (the phrase stage, plus the semantic one when ``semantic``), then check the
    postings not yet checked for discriminatory requirements (at most ``limit``; ``checking`` is told
    how many, batch by batch); the number coded."""
    coding = coding or default_title_coder()
    extractor = skills or default_skill_extractor(semantic=semantic)
    method = "semantic" if semantic and skills is None else "phrase"
    done = 0
    while limit is None or done < limit:
        waiting = uncoded_postings(store, batch if limit is None else min(batch, limit - done))
        if not waiting:
            break
        coded = code_postings(
            [posting for _, posting in waiting],
            coding.coder,
            extractor,
            min_score=coding.min_score,
            min_margin=coding.min_margin,
            batch_size=len(waiting),
        )
        save_codings(store, [(pid, c) for (pid, _), c in zip(waiting, coded, strict=True)], method)
        done += len(waiting)
        if progress:
            progress(len(waiting))
    check_stored_ads(store, limit=limit, progress=checking)
    return done
