"""Labour-market demand from coded postings: pure functions over a columnar table.

Input is the table made by :func:`~tangkas.market.tables.coded_table` (or any pyarrow table or
pandas frame with the same columns: ``source``, ``external_id``, ``province_code``, ``month``,
``isco``, ``occupation``, ``confident``, ``salary_min``, ``salary_max``, and ``skills`` as a list
of ESCO skill URIs).
Group keys are named ``province``, ``city``, ``month``, ``source``, ``occupation``, ``isco``
(ISCO-08 unit group) or ``isco1``-``isco3`` (major, sub-major, minor group).

Pay is never reported from too few ads: :func:`median_pay` gives a median only for groups with at
least ``min_count`` ads stating monthly IDR pay (default 10) and marks the rest suppressed.

>>> from tangkas.market.tables import coded_table
>>> demand_by(coded_table([]), "province").num_rows
0
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tangkas.market.salary import MAX_MONTHLY_IDR
from tangkas.market.tables import as_table

MIN_PAY_COUNT = 10
DENSE_LIMIT = 50_000_000  # group-code ranges up to this are counted with bincount, not sorted
GROUP_COLUMNS = {
    "province": "province_code",
    "city": "city",
    "month": "month",
    "source": "source",
    "occupation": "occupation",
    "isco": "isco",
    "isco1": "isco1",
    "isco2": "isco2",
    "isco3": "isco3",
    "category": "category",
}


def _column(table: pa.Table, key: str) -> pa.ChunkedArray:
    name = GROUP_COLUMNS.get(key, key)
    if name in ("isco1", "isco2", "isco3"):
        return pc.utf8_slice_codeunits(table["isco"], 0, int(name[-1]))
    if name not in table.column_names:
        raise KeyError(f"no column for grouping by {key!r}")
    return table[name]


def _group_ids(table: pa.Table, keys: Sequence[str]) -> tuple[np.ndarray, pa.Table]:
    """Per row, the index of its group; and the groups' key values (nulls form their own group)."""
    if not keys:
        return np.zeros(table.num_rows, dtype=np.int64), pa.table({"all": pa.array(["all"])})
    combined = np.zeros(table.num_rows, dtype=np.int64)
    dictionaries, radices = [], []
    for key in keys:
        encoded = pc.dictionary_encode(_column(table, key)).combine_chunks()
        size = len(encoded.dictionary) + 1
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64) + 1
        combined = combined * size + codes
        dictionaries.append(encoded.dictionary)
        radices.append(size)
    bound = float(np.prod(radices, dtype=np.float64))
    if bound > 2**62:
        raise ValueError(f"too many combinations of {', '.join(keys)} to group at once")
    uniques, inverse = _unique(combined, bound)
    key_columns = {}
    for i in range(len(keys) - 1, -1, -1):
        code = uniques % radices[i] - 1
        uniques = uniques // radices[i]
        key_columns[keys[i]] = pc.take(dictionaries[i], pa.array(code, mask=code < 0))
    return inverse.reshape(-1), pa.table({k: key_columns[k] for k in keys})


def _unique(codes: np.ndarray, bound: float) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)`` in linear time when codes lie in a small range."""
    if bound > DENSE_LIMIT or codes.size == 0:
        uniques, inverse = np.unique(codes, return_inverse=True)
        return uniques, inverse.reshape(-1)
    present = np.bincount(codes, minlength=int(bound)) > 0
    position = np.cumsum(present) - 1
    return np.flatnonzero(present), position[codes]


def _keys(by: str | Sequence[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def demand_by(data: Any, by: str | Sequence[str] = "province", *, confident_only: bool = False) -> pa.Table:
    """Postings per group, most first, with each group's share of all postings.

    >>> from datetime import date
    >>> from tangkas.market import CodedPosting, Posting, coded_table
    >>> t = coded_table([CodedPosting(Posting("s", str(i), "Kasir", province_code="31" if i else "32",
    ...     salary_min=4_000_000 + i, posted_date=date(2025, 6 + i % 2, 1)), "occ:kasir", "5230", 1.0, True,
    ...     ("sales", "python") if i % 2 else ("sales",)) for i in range(12)])
    >>> demand_by(t, "province").to_pylist()[0]
    {'province': '31', 'postings': 11, 'share': 0.916667}
    """
    table = as_table(data)
    if confident_only:
        table = table.filter(pc.fill_null(table["confident"], False))
    gid, groups = _group_ids(table, _keys(by))
    counts = np.bincount(gid, minlength=groups.num_rows)
    total = max(int(counts.sum()), 1)
    out = groups.append_column("postings", pa.array(counts, pa.int64()))
    out = out.append_column("share", pa.array(np.round(counts / total, 6), pa.float64()))
    return out.sort_by([("postings", "descending")])


def skill_demand(data: Any, by: str | Sequence[str] = (), *, top: int | None = None) -> pa.Table:
    """Postings asking for each skill per group, with the share of the group's postings.

    >>> from datetime import date
    >>> from tangkas.market import CodedPosting, Posting, coded_table
    >>> t = coded_table([CodedPosting(Posting("s", str(i), "Kasir", province_code="31" if i else "32",
    ...     salary_min=4_000_000 + i, posted_date=date(2025, 6 + i % 2, 1)), "occ:kasir", "5230", 1.0, True,
    ...     ("sales", "python") if i % 2 else ("sales",)) for i in range(12)])
    >>> [(r["skill_uri"], r["postings"]) for r in skill_demand(t).to_pylist()]
    [('sales', 12), ('python', 6)]
    """
    table = as_table(data)
    keys = _keys(by)
    gid, groups = _group_ids(table, keys)
    n_groups = max(groups.num_rows, 1)
    group_size = np.bincount(gid, minlength=n_groups)
    skills = table["skills"].combine_chunks()
    parents = pc.list_parent_indices(skills).to_numpy()
    encoded = pc.dictionary_encode(pc.list_flatten(skills))
    skill_codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    n_skills = max(len(encoded.dictionary), 1)
    pair_codes = gid[parents] * n_skills + skill_codes
    if n_groups * n_skills <= DENSE_LIMIT:
        all_counts = np.bincount(pair_codes, minlength=n_groups * n_skills)
        pair = np.flatnonzero(all_counts)
        counts = all_counts[pair]
    else:
        pair, counts = np.unique(pair_codes, return_counts=True)
    g, s = pair // n_skills, pair % n_skills
    skill_column = pc.take(encoded.dictionary, pa.array(s))
    out = (
        groups.take(pa.array(g)).append_column("skill_uri", skill_column)
        if keys
        else pa.table({"skill_uri": skill_column})
    )
    out = out.append_column("postings", pa.array(counts, pa.int64()))
    out = out.append_column("share", pa.array(np.round(counts / group_size[g], 6), pa.float64()))
    out = out.sort_by([*((k, "ascending") for k in keys), ("postings", "descending")])
    if top is not None and not keys:
        out = out.slice(0, top)
    return out


def alignment_demand(data: Any, *, by_province: bool = True) -> pa.Table:
    """Skill demand as the ``skill_uri,count[,province]`` table that the training alignment report
    reads (``tangkas.training.alignment.read_demand_csv``); ads without a province are left out of the
    regional form.

    >>> from tangkas.market.tables import coded_table
    >>> alignment_demand(coded_table([])).column_names
    ['skill_uri', 'count', 'province']
    """
    table = as_table(data)
    if not by_province:
        counts = skill_demand(table)
        return pa.table({"skill_uri": counts["skill_uri"], "count": counts["postings"]})
    table = table.filter(pc.is_valid(table["province_code"]))
    counts = skill_demand(table, "province")
    return pa.table(
        {"skill_uri": counts["skill_uri"], "count": counts["postings"], "province": counts["province"]}
    )


def _month_filter(table: pa.Table, period: str | tuple[str, str]) -> pa.Table:
    start, end = (period, period) if isinstance(period, str) else period
    month = table["month"]
    return table.filter(pc.and_(pc.greater_equal(month, start), pc.less_equal(month, end)))


def skill_trends(
    data: Any,
    before: str | tuple[str, str],
    after: str | tuple[str, str],
    *,
    min_postings: int = 5,
    threshold: float = 0.001,
) -> pa.Table:
    """Skills rising or falling between two periods (months ``YYYY-MM`` or inclusive month ranges):
    each skill's share of postings in either period, the change in share and its direction
    (``rising``/``falling`` when the change passes ``threshold``, else ``stable``). Skills asked for
    by fewer than ``min_postings`` ads in both periods are left out.

    >>> from datetime import date
    >>> from tangkas.market import CodedPosting, Posting, coded_table
    >>> t = coded_table([CodedPosting(Posting("s", str(i), "Kasir", province_code="31" if i else "32",
    ...     salary_min=4_000_000 + i, posted_date=date(2025, 6 + i % 2, 1)), "occ:kasir", "5230", 1.0, True,
    ...     ("sales", "python") if i % 2 else ("sales",)) for i in range(12)])
    >>> trends = skill_trends(t, "2025-06", "2025-07", min_postings=1)
    >>> list(zip(trends["skill_uri"].to_pylist(), trends["direction"].to_pylist()))
    [('python', 'rising'), ('sales', 'stable')]
    """
    table = as_table(data)
    a, b = _month_filter(table, before), _month_filter(table, after)
    shares: dict[str, list[float]] = {}
    counts: dict[str, list[int]] = {}
    for i, part in enumerate((a, b)):
        for row in skill_demand(part).to_pylist():
            shares.setdefault(row["skill_uri"], [0.0, 0.0])[i] = row["share"]
            counts.setdefault(row["skill_uri"], [0, 0])[i] = row["postings"]
    rows = []
    for skill, (sa, sb) in shares.items():
        if max(counts[skill]) < min_postings:
            continue
        change = sb - sa
        direction = "rising" if change > threshold else "falling" if change < -threshold else "stable"
        rows.append(
            {
                "skill_uri": skill,
                "postings_before": counts[skill][0],
                "postings_after": counts[skill][1],
                "share_before": sa,
                "share_after": sb,
                "change": round(change, 6),
                "direction": direction,
            }
        )
    schema = pa.schema(
        [
            ("skill_uri", pa.string()),
            ("postings_before", pa.int64()),
            ("postings_after", pa.int64()),
            ("share_before", pa.float64()),
            ("share_after", pa.float64()),
            ("change", pa.float64()),
            ("direction", pa.string()),
        ]
    )
    return pa.Table.from_pylist(rows, schema=schema).sort_by([("change", "descending")])


def monthly_pay(table: pa.Table) -> np.ndarray:
    """Per posting, advertised monthly IDR pay: the midpoint of the range, or its one stated bound. A
    bound outside plausible monthly pay (0 .. ``MAX_MONTHLY_IDR``) counts as not stated, so one absurd
    row can neither overflow a median nor drag it.

    >>> t = pa.table({"salary_min": [4_000_000, 10**18], "salary_max": [6_000_000, 10**18]})
    >>> monthly_pay(t).tolist()[0], bool(np.isnan(monthly_pay(t)[1]))
    (5000000.0, True)
    """
    low = pc.cast(table["salary_min"], pa.float64(), safe=False).to_numpy(zero_copy_only=False)
    high = pc.cast(table["salary_max"], pa.float64(), safe=False).to_numpy(zero_copy_only=False)
    with np.errstate(invalid="ignore"):
        low = np.where((low >= 0) & (low <= MAX_MONTHLY_IDR), low, np.nan)
        high = np.where((high >= 0) & (high <= MAX_MONTHLY_IDR), high, np.nan)
    low, high = np.where(np.isnan(low), high, low), np.where(np.isnan(high), low, high)
    pay: np.ndarray = (low + high) / 2
    return pay


def median_pay(
    data: Any, by: str | Sequence[str] = ("occupation", "province"), *, min_count: int = MIN_PAY_COUNT
) -> pa.Table:
    """Median advertised monthly pay (IDR) per group with its counts: ``postings``, ``with_pay``
    (ads stating pay) and ``median_monthly_idr`` — null and ``suppressed`` when ``with_pay < min_count``.

    >>> from datetime import date
    >>> from tangkas.market import CodedPosting, Posting, coded_table
    >>> t = coded_table([CodedPosting(Posting("s", str(i), "Kasir", province_code="31" if i else "32",
    ...     salary_min=4_000_000 + i, posted_date=date(2025, 6 + i % 2, 1)), "occ:kasir", "5230", 1.0, True,
    ...     ("sales", "python") if i % 2 else ("sales",)) for i in range(12)])
    >>> row = median_pay(t, "isco").to_pylist()[0]
    >>> row["with_pay"], row["median_monthly_idr"], median_pay(t, "province").to_pylist()[1]["suppressed"]
    (12, 4000006, True)
    """
    table = as_table(data)
    gid, groups = _group_ids(table, _keys(by))
    n = groups.num_rows
    pay = monthly_pay(table)
    has = ~np.isnan(pay)
    postings = np.bincount(gid, minlength=n)
    with_pay = np.bincount(gid[has], minlength=n)
    order = np.lexsort((pay[has], gid[has]))
    sorted_pay = pay[has][order]
    starts = np.concatenate([[0], np.cumsum(with_pay)[:-1]]).astype(np.int64)
    lo = np.clip(starts + (with_pay - 1) // 2, 0, max(len(sorted_pay) - 1, 0))
    hi = np.clip(starts + with_pay // 2, 0, max(len(sorted_pay) - 1, 0))
    median = (sorted_pay[lo] + sorted_pay[hi]) / 2 if len(sorted_pay) else np.full(n, np.nan)
    suppressed = with_pay < min_count
    values = pa.array(np.round(np.nan_to_num(median)).astype(np.int64), mask=suppressed)
    out = groups.append_column("postings", pa.array(postings, pa.int64()))
    out = out.append_column("with_pay", pa.array(with_pay, pa.int64()))
    out = out.append_column("median_monthly_idr", values)
    out = out.append_column("suppressed", pa.array(suppressed))
    return out.sort_by([("with_pay", "descending")])


def digital_skill_uris() -> frozenset[str]:
    """URIs of the skills in ESCO's digital skills collection (from the shipped taxonomy)."""
    from tangkas.taxonomy import load_taxonomy

    return frozenset(s.uri for s in load_taxonomy().skills if "digital" in s.collections)


def digital_share(
    data: Any, by: str | Sequence[str] = (), *, digital: Collection[str] | None = None
) -> pa.Table:
    """Per group: postings, postings asking for at least one digital skill, and their share.

    >>> from datetime import date
    >>> from tangkas.market import CodedPosting, Posting, coded_table
    >>> t = coded_table([CodedPosting(Posting("s", str(i), "Kasir", province_code="31" if i else "32",
    ...     salary_min=4_000_000 + i, posted_date=date(2025, 6 + i % 2, 1)), "occ:kasir", "5230", 1.0, True,
    ...     ("sales", "python") if i % 2 else ("sales",)) for i in range(12)])
    >>> digital_share(t, digital={"python"}).to_pylist()
    [{'all': 'all', 'postings': 12, 'digital': 6, 'share': 0.5}]
    """
    table = as_table(data)
    digital = digital_skill_uris() if digital is None else digital
    skills = table["skills"].combine_chunks()
    flat = pc.is_in(pc.list_flatten(skills), value_set=pa.array(list(digital), pa.string()))
    parents = pc.list_parent_indices(skills).to_numpy()
    has = np.zeros(table.num_rows, dtype=bool)
    has[parents[flat.to_numpy(zero_copy_only=False)]] = True
    gid, groups = _group_ids(table, _keys(by))
    n = groups.num_rows
    postings = np.bincount(gid, minlength=n)
    digital_n = np.bincount(gid[has], minlength=n)
    out = groups.append_column("postings", pa.array(postings, pa.int64()))
    out = out.append_column("digital", pa.array(digital_n, pa.int64()))
    share = np.round(digital_n / np.maximum(postings, 1), 6)
    return out.append_column("share", pa.array(share, pa.float64())).sort_by([("postings", "descending")])
