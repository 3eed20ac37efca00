"""A synthetic national cohort: Prakerja-like worker profiles drawn from the taxonomy and shipped figures.

Every profile is labelled ``synthetic``; none is a person. The rules (see ``docs/scale.md``):

- **province**: BPS code, weighted by BPJS Ketenagakerjaan active participants by province (Dec 2023,
  ``tangkas/data/indicators/coverage_national.csv``). The 10 provinces the source does not capture share
  the rest of the national active total (41.56 million) equally.
- **sex**: ``M`` or ``F`` (the store's gender codes), ``M`` with men's share of the labour force implied
  by participation rates by sex (BPS Sakernas Aug 2024, ``labour_by_sex.csv``), assuming as many men as
  women of working age.
- **birth_year**: an age of 18-64 from :data:`AGE_BANDS` (an assumption: Prakerja drew mostly young
  adults; no age mix is shipped), uniform within a band, counted back from :data:`REFERENCE_YEAR`.
- **occupations**: one ESCO occupation, weighted by its job ads (``occupation_demand.parquet``, the
  postings evidence); a :data:`MIXED_SHARE` of profiles have two or three different ones, each drawn
  by the same weights.
- **extra_skills**: for an :data:`EXTRA_SKILLS_SHARE` of profiles, one to three different optional
  ESCO skills of the first occupation (``occupation_skills.parquet``).

Rows are generated in fixed blocks of :data:`BLOCK_ROWS`, each from its own random stream
``(seed, block)``: row ``i`` is the same whatever the chunk size or ``start``, so partitions can be
generated independently, and only one block and one chunk are ever held.

>>> chunk = next(generate_cohort(5, seed=17))
>>> chunk.num_rows, chunk.column_names[0], chunk["synthetic"][0].as_py()
(5, 'profile_id', True)
>>> next(generate_cohort(5, seed=17, start=2)).equals(chunk.slice(2))
True
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tangkas.loading import load_once
from tangkas.provinces import PROVINCES

SCHEMA_VERSION = 1
BLOCK_ROWS = 8192
CHUNK_ROWS = 100_000
REFERENCE_YEAR = 2024
MIXED_SHARE = 0.15
EXTRA_SKILLS_SHARE = 0.35
MAX_EXTRA_SKILLS = 3
NATIONAL_ACTIVE_PARTICIPANTS = 41_560_000
AGE_BANDS: tuple[tuple[int, int, float], ...] = (
    (18, 24, 0.26),
    (25, 34, 0.34),
    (35, 44, 0.22),
    (45, 54, 0.13),
    (55, 64, 0.05),
)

SCHEMA = pa.schema(
    [
        ("profile_id", pa.string()),
        ("province_code", pa.string()),
        ("sex", pa.string()),
        ("birth_year", pa.int16()),
        ("occupations", pa.list_(pa.string())),
        ("extra_skills", pa.list_(pa.string())),
        ("synthetic", pa.bool_()),
    ]
)


@dataclass(frozen=True, slots=True)
class CohortWeights:
    """What profiles are drawn from: codes, URIs and cumulative weights (each ending at 1)."""

    province_codes: np.ndarray[Any, Any]
    province_cumulative: np.ndarray[Any, Any]
    male_share: float
    occupation_uris: np.ndarray[Any, Any]
    occupation_cumulative: np.ndarray[Any, Any]
    skill_uris: np.ndarray[Any, Any]
    skill_offsets: np.ndarray[Any, Any]

    def province_shares(self) -> dict[str, float]:
        """Each province's weight, by BPS code."""
        shares = np.diff(self.province_cumulative, prepend=0.0)
        return {str(code): float(s) for code, s in zip(self.province_codes, shares, strict=True)}


def _cumulative(weights: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Cumulative shares of ``weights``, the last exactly 1.

    >>> _cumulative(np.array([1.0, 3.0])).tolist()
    [0.25, 1.0]
    """
    cumulative = np.cumsum(weights, dtype=np.float64)
    cumulative /= cumulative[-1]
    cumulative[-1] = 1.0
    return cumulative


def _indicator_rows(name: str) -> list[dict[str, str]]:
    path = resources.files("tangkas") / "data" / "indicators" / name
    return list(csv.DictReader(path.read_text("utf-8").splitlines()))


def province_weights() -> dict[str, float]:
    """Active BPJS Ketenagakerjaan participants by BPS province code; uncaptured provinces share the rest.

    >>> weights = province_weights()
    >>> len(weights), weights["31"], round(sum(weights.values()))
    (38, 7498532.0, 41560000)
    """
    captured = {
        r["code"]: float(r["value"])
        for r in _indicator_rows("coverage_national.csv")
        if r["indicator"] == "bpjs_tk_participants_active" and r["code"]
    }
    missing = [p.code for p in PROVINCES if p.code not in captured]
    rest = max(NATIONAL_ACTIVE_PARTICIPANTS - sum(captured.values()), 0.0) / max(len(missing), 1)
    return {p.code: captured.get(p.code, rest) for p in PROVINCES}


def male_share() -> float:
    """Men's share of the labour force from participation rates by sex (equal working-age populations).

    >>> round(male_share(), 3)
    0.6
    """
    rates = {
        r["sex"]: float(r["value"])
        for r in _indicator_rows("labour_by_sex.csv")
        if r["indicator"] == "labour_force_participation_rate"
    }
    return rates["male"] / (rates["male"] + rates["female"])


def _occupation_skills(uris: list[str]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Optional skill URIs of each occupation in ``uris``: flat (shuffled once, fixed seed) and offsets."""
    data = resources.files("tangkas") / "data"
    occupations = pq.read_table(str(data / "occupations.parquet"), columns=["uri"])["uri"].to_pylist()
    skills = np.array(pq.read_table(str(data / "skills.parquet"), columns=["uri"])["uri"].to_pylist())
    relations = pq.read_table(str(data / "occupation_skills.parquet"))
    optional = ~relations["essential"].to_numpy(zero_copy_only=False)
    occ = relations["occupation"].to_numpy()[optional]
    skill = relations["skill"].to_numpy()[optional]
    index = {uri: i for i, uri in enumerate(occupations)}
    shuffle = np.random.default_rng(0)
    pieces: list[np.ndarray[Any, Any]] = []
    for uri in uris:
        own = np.sort(skill[occ == index[uri]])
        shuffle.shuffle(own)
        pieces.append(own)
    offsets = np.zeros(len(uris) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(p) for p in pieces])
    flat = np.concatenate(pieces) if pieces else np.array([], dtype=np.int64)
    return skills[flat], offsets


@load_once
def cohort_weights() -> CohortWeights:
    """The shipped figures and taxonomy evidence the cohort is drawn from (loaded once)."""
    provinces = province_weights()
    demand = pq.read_table(str(resources.files("tangkas") / "data" / "occupation_demand.parquet"))
    demand = demand.filter(pc.greater(demand["ads"], 0)).sort_by("uri")
    uris = demand["uri"].to_pylist()
    skill_uris, offsets = _occupation_skills(uris)
    return CohortWeights(
        province_codes=np.array(list(provinces)),
        province_cumulative=_cumulative(np.array(list(provinces.values()))),
        male_share=male_share(),
        occupation_uris=np.array(uris, dtype=object),
        occupation_cumulative=_cumulative(demand["ads"].to_numpy().astype(np.float64)),
        skill_uris=skill_uris.astype(object),
        skill_offsets=offsets,
    )


def _distinct_draws(
    rng: np.random.Generator, cumulative: np.ndarray[Any, Any], m: int
) -> np.ndarray[Any, Any]:
    """Three weighted draws per row, the second and third moved to the next index until all differ."""
    draws = np.searchsorted(cumulative, rng.random((m, 3)), side="right")
    size = len(cumulative)
    for column in (1, 2):
        for _ in range(column):  # at most `column` earlier values to step past
            clash = (draws[:, column, None] == draws[:, :column]).any(axis=1)
            draws[clash, column] = (draws[clash, column] + 1) % size
    return draws


def _list_array(values: np.ndarray[Any, Any], counts: np.ndarray[Any, Any]) -> pa.ListArray:
    offsets = np.zeros(len(counts) + 1, dtype=np.int32)
    offsets[1:] = np.cumsum(counts)
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(values, type=pa.string()))


def _block(weights: CohortWeights, seed: int, block: int) -> pa.Table:
    """Rows ``block * BLOCK_ROWS`` onwards, from the random stream ``(seed, block)`` alone."""
    rng = np.random.default_rng([seed, block])
    m = BLOCK_ROWS
    first = block * BLOCK_ROWS
    province = np.searchsorted(weights.province_cumulative, rng.random(m), side="right")
    sex = np.where(rng.random(m) < weights.male_share, "M", "F")
    bands = np.array(AGE_BANDS)
    band = np.searchsorted(_cumulative(bands[:, 2]), rng.random(m), side="right")
    low, high = bands[band, 0], bands[band, 1]
    age = low + np.floor(rng.random(m) * (high - low + 1))
    occupations = _distinct_draws(rng, weights.occupation_cumulative, m)
    mixed = rng.random(m) < MIXED_SHARE
    occupation_count = np.where(mixed, 2 + (rng.random(m) < 0.5), 1)
    keep = np.arange(3)[None, :] < occupation_count[:, None]
    occupation_values = weights.occupation_uris[occupations[keep]]
    first_occupation = occupations[:, 0]
    available = weights.skill_offsets[first_occupation + 1] - weights.skill_offsets[first_occupation]
    wanted = np.where(rng.random(m) < EXTRA_SKILLS_SHARE, 1 + np.floor(rng.random(m) * MAX_EXTRA_SKILLS), 0)
    skill_count = np.minimum(wanted.astype(np.int64), available)
    start = np.floor(rng.random(m) * np.maximum(available, 1)).astype(np.int64)
    step = np.arange(MAX_EXTRA_SKILLS)[None, :]
    position = (
        weights.skill_offsets[first_occupation, None]
        + (start[:, None] + step) % np.maximum(available, 1)[:, None]
    )
    skill_values = weights.skill_uris[position[step < skill_count[:, None]]]
    ids = [f"syn-{i:09d}" for i in range(first, first + m)]
    return pa.Table.from_arrays(
        [
            pa.array(ids, type=pa.string()),
            pa.array(weights.province_codes[province], type=pa.string()),
            pa.array(sex, type=pa.string()),
            pa.array((REFERENCE_YEAR - age).astype(np.int16), type=pa.int16()),
            _list_array(occupation_values, occupation_count),
            _list_array(skill_values, skill_count),
            pa.array(np.ones(m, dtype=bool), type=pa.bool_()),
        ],
        schema=SCHEMA,
    )


def generate_cohort(n: int, *, seed: int, start: int = 0, chunk_rows: int = CHUNK_ROWS) -> Iterator[pa.Table]:
    """Profiles ``start`` to ``n - 1`` of the cohort ``(n, seed)``, in tables of ``chunk_rows`` rows.

    >>> [t.num_rows for t in generate_cohort(10, seed=1, start=3, chunk_rows=4)]
    [4, 3]
    """
    if chunk_rows < 1 or start < 0:
        raise ValueError("chunk_rows must be positive and start not negative")
    weights = cohort_weights()
    block, pending = -1, pa.Table.from_batches([], schema=SCHEMA)
    for chunk_start in range(start, n, chunk_rows):
        chunk_end = min(chunk_start + chunk_rows, n)
        pieces: list[pa.Table] = []
        position = chunk_start
        while position < chunk_end:
            wanted_block = position // BLOCK_ROWS
            if wanted_block != block:
                block, pending = wanted_block, _block(weights, seed, wanted_block)
            offset = position - block * BLOCK_ROWS
            take = min(BLOCK_ROWS - offset, chunk_end - position)
            pieces.append(pending.slice(offset, take))
            position += take
        yield pa.concat_tables(pieces).combine_chunks()
