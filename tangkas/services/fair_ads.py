"""Checking the stored postings for discriminatory requirements, batch by batch and resumably: what the
import and coding steps run after storing postings, so prevalence is a query over the store; and that
prevalence, as the tables the API, the CLI and the analyst page show.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> fair_ads_indicator(store, "fair-ads", "province").column_names[:4]
['province', 'ads', 'sex', 'sex_share']
>>> fair_ads_overview(store).checked
0
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, cast

import pyarrow as pa

from tangkas.fairness.ads import check_posting, rules_version
from tangkas.models import Lang
from tangkas.services.indicators import with_labels
from tangkas.store import Store
from tangkas.store.ad_prevalence import PayGrouping, PrevalenceGrouping, ad_prevalence, one_sex_pay
from tangkas.store.fair_ads import ad_check_status, save_ad_checks, unchecked_ads

FairAdsIndicator = Literal["fair-ads", "fair-ads-pay"]
GROUPINGS: dict[FairAdsIndicator, tuple[str, ...]] = {
    "fair-ads": ("all", "province", "isco1", "month", "source"),
    "fair-ads-pay": ("occupation", "isco1"),
}
"""What each fair-ads indicator may be grouped by."""


def check_stored_ads(
    store: Store,
    *,
    batch: int = 1000,
    limit: int | None = None,
    newest_first: bool = False,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Check every posting not yet checked under the shipped rules (at most ``limit``, the ones stored last
    first when ``newest_first``); the number checked."""
    version = rules_version()
    done = 0
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        waiting = unchecked_ads(store, version, size, newest_first=newest_first)
        if not waiting:
            break
        checks = [(pid, check_posting(title, text)) for pid, title, text in waiting]
        save_ad_checks(store, checks, version)
        done += len(waiting)
        if progress:
            progress(len(waiting))
    return done


def fair_ads_indicator(store: Store, name: FairAdsIndicator, by: str) -> pa.Table:
    """``fair-ads``: the share of checked ads flagged on each ground per group
    (:func:`~tangkas.store.ad_prevalence.ad_prevalence`); ``fair-ads-pay``: median stated pay of ads asking
    one sex against the rest (:func:`~tangkas.store.ad_prevalence.one_sex_pay`). ``by`` must be one of
    :data:`GROUPINGS` for the indicator (a ``ValueError`` otherwise)."""
    if by not in GROUPINGS[name]:
        raise ValueError(f"{name} is grouped by one of {', '.join(GROUPINGS[name])}, not {by!r}")
    if name == "fair-ads":
        return ad_prevalence(store, cast(PrevalenceGrouping, by))
    return one_sex_pay(store, cast(PayGrouping, by))


@dataclass(frozen=True, slots=True)
class FairAdsOverview:
    """What the analyst page shows: ads checked (``checked``) and still waiting for the rules in force,
    the national shares (``None`` before any ad is checked), shares by province, and the pay comparison
    by occupation and by ISCO major group."""

    checked: int
    waiting: int
    national: dict[str, Any] | None
    provinces: list[dict[str, Any]]
    pay_by_occupation: list[dict[str, Any]]
    pay_by_group: list[dict[str, Any]]


def fair_ads_overview(store: Store, lang: Lang = "id") -> FairAdsOverview:
    """Every fair-ads figure the analyst page draws, provinces and occupations named in ``lang``."""
    national = ad_prevalence(store, "all").to_pylist()
    provinces = with_labels(ad_prevalence(store, "province"), lang).to_pylist()
    return FairAdsOverview(
        national[0]["ads"] if national else 0,
        ad_check_status(store, rules_version())["waiting"],
        national[0] if national else None,
        [r for r in provinces if r["province"] is not None],
        with_labels(one_sex_pay(store, "occupation"), lang).to_pylist(),
        with_labels(one_sex_pay(store, "isco1"), lang).to_pylist(),
    )
