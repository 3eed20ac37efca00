"""A SYNTHETIC vacancy feed generated from the taxonomy: for demos and benchmarks, never for analysis.

Every posting is invented: source ``synthetic``, ids ``syn-<n>``, titles are the occupations' Indonesian
names, skills are drawn from the occupation's essential skills, places follow a made-up weighting that puts
most ads in Java, pay (stated by 40% of ads) is drawn around a level per ISCO major group, and
professional (ISCO 2) jobs grow over the 24 months from January 2024 so that trends have something
to show. Ad texts, with requirements on sex, age or appearance at set rates, come from
:mod:`tangkas.market.synthetic_ads`. The same ``seed`` always gives the same feed.

>>> t = synthetic_table(1000, seed=1)
>>> t.num_rows, t["source"][0].as_py(), t.equals(synthetic_table(1000, seed=1))
(1000, 'synthetic', True)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tangkas.loading import load_once
from tangkas.market.postings import Posting
from tangkas.market.synthetic_ads import synthetic_ad_texts
from tangkas.market.tables import SCHEMA
from tangkas.provinces import PROVINCES
from tangkas.taxonomy import load_taxonomy

SOURCE = "synthetic"
MONTHS = tuple(f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in range(24))
PAY_BY_ISCO_MAJOR = {
    "0": 6.0,
    "1": 15.0,
    "2": 10.0,
    "3": 7.0,
    "4": 5.0,
    "5": 4.0,
    "6": 3.5,
    "7": 4.5,
    "8": 4.5,
    "9": 3.5,
}  # millions of rupiah a month, invented
MAX_SKILLS = 8
PAY_SHARE = 0.4


@load_once
def _occupation_skills() -> tuple[np.ndarray, np.ndarray, list[str], list[str], list[str], list[str]]:
    """Per occupation, the offsets into a flat array of up to MAX_SKILLS essential skill rows."""
    tax = load_taxonomy()
    essential = tax.essential.tocsr()
    rng = np.random.default_rng(0)
    offsets: list[int] = [0]
    flat: list[int] = []
    for i in range(essential.shape[0]):
        row = essential.indices[essential.indptr[i] : essential.indptr[i + 1]]
        picked = rng.permutation(row)[:MAX_SKILLS] if len(row) else row
        flat.extend(int(s) for s in picked)
        offsets.append(len(flat))
    uris = [s.uri for s in tax.skills]
    occ = tax.occupations
    return (
        np.array(offsets),
        np.array(flat, dtype=np.int64),
        uris,
        [o.uri for o in occ],
        [o.isco for o in occ],
        [o.label("id") for o in occ],
    )


def _province_weights() -> np.ndarray:
    weights = np.array(
        [8.0 if p.code in ("31", "32", "35", "36") else 3.0 if p.code[0] == "3" else 1.0 for p in PROVINCES]
    )
    shares: np.ndarray = weights / weights.sum()
    return shares


def synthetic_table(n: int, seed: int = 0) -> pa.Table:
    """``n`` synthetic coded postings as a demand table (the :func:`~tangkas.market.tables.coded_table`
    schema), built with vectorised numpy: a million rows take a few seconds."""
    offsets, flat, skill_uris, occ_uris, occ_isco, occ_labels = _occupation_skills()
    rng = np.random.default_rng(seed)
    n_occ = len(occ_uris)
    month = rng.integers(0, len(MONTHS), n)
    popularity = 1.0 / (rng.permutation(n_occ) + 20.0)
    occ = rng.choice(n_occ, n, p=popularity / popularity.sum())
    professional = np.array([i.startswith("2") for i in occ_isco])
    growth = rng.random(n) < month / (len(MONTHS) * 4)
    swap = growth & ~professional[occ]
    prof_rows = np.flatnonzero(professional)
    occ[swap] = prof_rows[rng.integers(0, len(prof_rows), int(swap.sum()))]
    isco = np.array(occ_isco, dtype=object)[occ]
    provinces = np.array([p.code for p in PROVINCES], dtype=object)
    province = provinces[rng.choice(len(provinces), n, p=_province_weights())]
    base = np.array([PAY_BY_ISCO_MAJOR.get(i[:1], 5.0) for i in isco]) * 1e6
    level = base * rng.lognormal(0.0, 0.25, n) * np.where(province == "31", 1.25, 1.0)
    stated = rng.random(n) < PAY_SHARE
    low = pa.array(np.round(level * 0.9, -5).astype(np.int64), mask=~stated)
    high = pa.array(np.round(level * 1.2, -5).astype(np.int64), mask=~stated)
    lengths = np.minimum(rng.integers(2, MAX_SKILLS + 1, n), offsets[occ + 1] - offsets[occ])
    list_offsets = np.concatenate([[0], np.cumsum(lengths)])
    starts = np.repeat(offsets[occ] - list_offsets[:-1], lengths) + np.arange(list_offsets[-1])
    skill_values = pc.take(pa.array(skill_uris), pa.array(flat[starts]))
    months = np.array(MONTHS, dtype=object)[month]
    dates = pa.array([date(int(m[:4]), int(m[5:]), 15) for m in MONTHS], pa.date32()).take(pa.array(month))
    return pa.table(
        {
            "source": pa.array([SOURCE] * n, pa.string()),
            "external_id": pa.array([f"syn-{i}" for i in range(n)], pa.string()),
            "title": pc.take(pa.array(occ_labels), pa.array(occ)),
            "province_code": pa.array(province, pa.string()),
            "city": pa.nulls(n, pa.string()),
            "month": pa.array(months, pa.string()),
            "posted_date": dates,
            "salary_min": low,
            "salary_max": high,
            "category": pa.nulls(n, pa.string()),
            "occupation": pc.take(pa.array(occ_uris), pa.array(occ)),
            "isco": pa.array(isco, pa.string()),
            "score": pa.array(np.ones(n, dtype=np.float32)),
            "confident": pa.array(np.ones(n, dtype=bool)),
            "skills": pa.ListArray.from_arrays(pa.array(list_offsets.astype(np.int32)), skill_values),
        },
        schema=SCHEMA,
    )


def synthetic_postings(n: int, seed: int = 0) -> Iterator[Posting]:
    """``n`` synthetic :class:`Posting` rows (an ad text from :mod:`~tangkas.market.synthetic_ads`, then
    the skills by label), e.g. for a demo feed file.

    >>> next(synthetic_postings(1, seed=3)).source
    'synthetic'
    """
    table = synthetic_table(n, seed)
    tax = load_taxonomy()
    by_code = {p.code: p.name for p in PROVINCES}
    for row, ad in zip(table.to_pylist(), synthetic_ad_texts(table, seed), strict=True):
        skills = [tax.skills[tax.skill_index[u]].label_en for u in row["skills"]]
        yield Posting(
            source=SOURCE,
            external_id=row["external_id"],
            title=row["title"],
            text=f"{ad}\nKeterampilan (sintetis / synthetic): " + "; ".join(skills),
            province_code=row["province_code"],
            province=by_code[row["province_code"]],
            posted_date=row["posted_date"],
            salary_min=row["salary_min"],
            salary_max=row["salary_max"],
            location=by_code[row["province_code"]],
            place_kind="province",
            country="ID",
            date_kind="posted",
            salary_status="ok" if row["salary_min"] is not None else "hidden",
            company="Synthetic",
        )
