"""How common discriminatory requirements are in the stored ads, as queries over what the fair-ads checker
recorded in each posting (:mod:`tangkas.store.fair_ads`): the share of checked ads flagged on each ground
by province, ISCO major group, month or source, and the median stated pay of ads asking one sex against
the rest, by occupation or major group.

Only checked postings count (``ad_rules IS NOT NULL``), so the figures are those of the rules the store
was checked with; :func:`tangkas.store.fair_ads.ad_check_status` says how many wait.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> ad_prevalence(store, "province").num_rows, one_sex_pay(store, "isco1").num_rows
(0, 0)
"""

from __future__ import annotations

from typing import Any, Literal

import pyarrow as pa

from tangkas.fairness.ads import EVALUATED
from tangkas.market.demand import median_pay
from tangkas.market.postings import monthly_idr
from tangkas.store import Store

PrevalenceGrouping = Literal["all", "province", "isco1", "month", "source"]
PayGrouping = Literal["occupation", "isco1"]
GROUPS: dict[PrevalenceGrouping, str] = {
    "all": "'all'",
    "province": "province_code",
    "isco1": "SUBSTR(isco, 1, 1)",
    "month": "CAST(EXTRACT(YEAR FROM posted_date) * 100 + EXTRACT(MONTH FROM posted_date) AS INTEGER)",
    "source": "source",
}
"""The SQL expression of each grouping (the month as ``YYYYMM``, written ``YYYY-MM`` in the answer)."""
MIN_RELIABLE_ADS = 30
"""A share over fewer checked ads is marked ``few_ads``: one ad more or less moves it 3 points or more."""
MIN_PAY_ADS = 5
"""An occupation's pay comparison needs at least this many ads stating pay on each side."""
FLAGGED = " OR ".join(f"ad_{ground}" for ground in EVALUATED)


def _key(by: PrevalenceGrouping, value: Any) -> str | None:
    if value is None:
        return None
    return f"{int(value) // 100}-{int(value) % 100:02d}" if by == "month" else str(value)


def ad_prevalence(store: Store, by: PrevalenceGrouping = "all") -> pa.Table:
    """Per group (``all``: one national row), the checked ads (``ads``), and for each ground the ads
    flagged (unlawful or needing a stated reason) with their share; ``any_ground`` counts ads flagged on at
    least one ground; ``asks_women`` and ``asks_men`` the ads that name only that sex; ``few_ads`` marks a
    group under :data:`MIN_RELIABLE_ADS` ads. Months and major groups in order, other groups most ads first;
    a posting without the grouping's value (no province, no ISCO code yet, no date) is the group ``None``."""
    counts = ", ".join(f"COUNT(*) FILTER (WHERE ad_{ground})" for ground in EVALUATED)
    group = "" if by == "all" else " GROUP BY 1"
    with store.lock:
        rows = store.backend.execute(
            f"SELECT {GROUPS[by]}, COUNT(*), {counts}, COUNT(*) FILTER (WHERE {FLAGGED}), "
            "COUNT(*) FILTER (WHERE ad_one_sex = 'female'), COUNT(*) FILTER (WHERE ad_one_sex = 'male') "
            f"FROM postings WHERE ad_rules IS NOT NULL{group}"
        )
    columns: dict[str, list[Any]] = {by: [], "ads": []}
    for ground in (*EVALUATED, "any_ground"):
        columns[ground], columns[f"{ground}_share"] = [], []
    columns |= {"asks_women": [], "asks_men": [], "few_ads": []}
    ordered = sorted(
        (row for row in rows if row[1]),
        key=lambda r: (r[0] is None, r[0] if by in ("month", "isco1") else -int(r[1]), str(r[0])),
    )
    for value, ads, *flagged in ordered:
        *grounds, women, men = (int(n) for n in flagged)
        columns[by].append(_key(by, value))
        columns["ads"].append(int(ads))
        for ground, n in zip((*EVALUATED, "any_ground"), grounds, strict=True):
            columns[ground].append(n)
            columns[f"{ground}_share"].append(round(n / int(ads), 6))
        columns["asks_women"].append(women)
        columns["asks_men"].append(men)
        columns["few_ads"].append(int(ads) < MIN_RELIABLE_ADS)
    types = {by: pa.string(), "few_ads": pa.bool_()}
    return pa.table(
        {
            name: pa.array(values, types.get(name, pa.float64() if name.endswith("_share") else pa.int64()))
            for name, values in columns.items()
        }
    )


def _pay_table(store: Store) -> pa.Table:
    """Checked, coded postings that state pay: occupation, ISCO code, whom they ask for, pay bounds."""
    with store.lock:
        rows = store.backend.execute(
            "SELECT occupation_uri, isco, ad_one_sex, salary_min, salary_max FROM postings "
            "WHERE ad_rules IS NOT NULL AND isco IS NOT NULL "
            "AND (salary_min IS NOT NULL OR salary_max IS NOT NULL) ORDER BY id"
        )
    return pa.table(
        {
            "occupation": pa.array([r[0] for r in rows], pa.string()),
            "isco": pa.array([r[1] for r in rows], pa.string()),
            "asks": pa.array(["rest" if r[2] is None else "one_sex" for r in rows], pa.string()),
            "sex": pa.array([r[2] for r in rows], pa.string()),
            "salary_min": pa.array([monthly_idr(r[3]) for r in rows], pa.int64()),
            "salary_max": pa.array([monthly_idr(r[4]) for r in rows], pa.int64()),
        }
    )


def one_sex_pay(store: Store, by: PayGrouping = "occupation", *, min_ads: int = MIN_PAY_ADS) -> pa.Table:
    """Median stated monthly pay (IDR) of the ads that ask one sex against the other ads, per occupation
    (ESCO URI) or ISCO major group: each side's ads stating pay (``one_sex_with_pay``,
    ``rest_with_pay``) and median, the difference (one sex minus the rest), and how many of the one-sex
    ads stating pay ask women or men.

    Pay is read as every demand indicator reads it (:func:`tangkas.market.demand.median_pay`: the middle
    of the stated range, or its one stated bound, within plausible monthly pay). A group is reported
    only when both sides have at least ``min_ads`` ads stating pay: one-sex ads are few (a few percent
    of ads), and the median of one to four ads is one or two employers' pay, not a pattern, and could
    single out an employer. Most one-sex ads first."""
    table = _pay_table(store)
    found: dict[str, dict[str, tuple[int, int | None]]] = {}
    for row in median_pay(table, [by, "asks"], min_count=1).to_pylist():
        found.setdefault(row[by], {})[row["asks"]] = (row["with_pay"], row["median_monthly_idr"])
    sexes = {(r[by], r["sex"]): r["with_pay"] for r in median_pay(table, [by, "sex"]).to_pylist()}
    rows = []
    for group, side in found.items():
        (n_one, one), (n_rest, rest) = side.get("one_sex", (0, None)), side.get("rest", (0, None))
        if group is None or n_one < min_ads or n_rest < min_ads or one is None or rest is None:
            continue
        rows.append(
            {
                by: group,
                "one_sex_with_pay": n_one,
                "one_sex_median_idr": one,
                "rest_with_pay": n_rest,
                "rest_median_idr": rest,
                "difference_idr": one - rest,
                "asks_women": sexes.get((group, "female"), 0),
                "asks_men": sexes.get((group, "male"), 0),
            }
        )
    rows.sort(key=lambda r: (-int(r["one_sex_with_pay"]), str(r[by])))
    schema = pa.schema(
        [(by, pa.string())]
        + [
            (name, pa.int64())
            for name in (
                "one_sex_with_pay",
                "one_sex_median_idr",
                "rest_with_pay",
                "rest_median_idr",
                "difference_idr",
                "asks_women",
                "asks_men",
            )
        ]
    )
    return pa.Table.from_pylist(rows, schema=schema)
