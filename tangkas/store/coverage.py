"""Social-protection coverage counts (SDG 1.3.1 style): as of a day, registered workers and those of them
with a membership spell of each programme covering that day, per group of one breakdown.

One SQL query per breakdown, run by the database (DuckDB or PostgreSQL). A spell covers day ``D`` when
``valid_from <= D <= paid_until`` (a spell paid until ``D`` still covers ``D``). Counts leave this module
as true counts with the sum of their people's record keys, for
:func:`tangkas.store.stats.protect_counts`; they are never published as they are.

Breakdowns (the group each registered, not erased, worker falls in):

* ``province``: the worker's province; ``sex``: the recorded gender;
* ``age``: the ILO bands 15-24, 25-54, 55-64, 65+ of the age reached in ``D``'s year (only the birth
  year is recorded); ``unknown`` when no birth year is recorded or the worker is under 15;
* ``work``: the workers table records no formal or informal work, so it is derived: ``pmi`` for a
  worker abroad on ``D`` (see :data:`ABROAD`) or whose latest BPJS Ketenagakerjaan spell begun by ``D``
  is of the PMI segment (the latest: begun last; on the same day, PMI before construction, wage and
  non-wage); otherwise ``formal`` when that spell's segment is wage or construction,
  ``informal`` when it is non-wage; ``unknown`` without such a spell (JKN spells do not count: BPJS
  Kesehatan's segments are another classification);
* ``destination``: workers abroad on ``D``, by the destination of their placement (the latest
  departure when two overlap); the ``None`` group holds the number and key sum of the workers who are
  not abroad (its key sum completes the population's key; it is not a destination, and its coverage is
  not counted).

>>> from datetime import date
>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> coverage_counts(store, "province", date(2026, 1, 1))
[]
>>> age_band(2026, 2002), age_band(2026, 1960), age_band(2026, None), age_band(2026, 2015)
('15-24', '65+', 'unknown', 'unknown')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from tangkas.store import Store

Breakdown = Literal["province", "sex", "age", "work", "destination"]
BREAKDOWNS: tuple[Breakdown, ...] = ("province", "sex", "age", "work", "destination")
Programme = Literal["JKK+JKM", "JKK", "JKM", "JHT", "JP", "JKP", "JKN"]
PROGRAMMES: tuple[Programme, ...] = ("JKK+JKM", "JKK", "JKM", "JHT", "JP", "JKP", "JKN")
"""``JKK+JKM``: employment-injury and death cover together, the pair every PMI must hold (both spells
covering the day); the others one programme each."""
AGE_BANDS: tuple[str, ...] = ("15-24", "25-54", "55-64", "65+", "unknown")
AGE_FLOORS: tuple[tuple[int, str], ...] = ((65, "65+"), (55, "55-64"), (25, "25-54"), (15, "15-24"))
WORK_GROUPS: tuple[str, ...] = ("formal", "informal", "pmi", "unknown")
FORMAL_SEGMENTS = ("wage", "construction")
INFORMAL_SEGMENTS = ("non_wage",)
ABROAD = (
    "status IN ('abroad', 'returned') AND departed_on <= ? "
    "AND (returned_on > ? OR (returned_on IS NULL AND status = 'abroad'))"
)
"""A placement abroad on the day: departed on or before it and not back by it (a placement marked
returned without a return date is not counted abroad). Two parameters: the day, twice."""


def age_band(year: int, birth_year: int | None) -> str:
    """The ILO age band of someone born in ``birth_year`` in ``year`` (the SQL below says the same)."""
    if birth_year is None:
        return "unknown"
    return next((band for floor, band in AGE_FLOORS if year - birth_year >= floor), "unknown")


@dataclass(frozen=True, slots=True)
class CoverageCount:
    """One group's registered workers and, per programme, those covered: true counts with key sums."""

    group: str | None
    workers: int
    key_sum: int
    covered: tuple[tuple[int, int], ...]
    """Per programme of :data:`PROGRAMMES`, in that order: (covered workers, their key sum)."""

    def programme(self, name: Programme) -> tuple[int, int]:
        return self.covered[PROGRAMMES.index(name)]


BITS: dict[str, int] = {"JKK": 1, "JKM": 2, "JHT": 4, "JP": 8, "JKP": 16, "JKN": 32}
"""Each programme's bit in a worker's coverage mask (the programmes of the spells covering the day)."""
SEGMENT_CODES: dict[str, int] = {"non_wage": 0, "wage": 1, "construction": 2, "pmi": 3}
"""A segment's code in the latest-spell key; on the same start day the higher code wins (PMI first)."""
MASK = "CASE programme " + " ".join(f"WHEN '{p}' THEN {bit}" for p, bit in BITS.items()) + " ELSE 0 END"
LATEST = (
    "CASE WHEN programme <> 'JKN' THEN (valid_from - DATE '1900-01-01') * 4 + CASE segment "
    + " ".join(f"WHEN '{s}' THEN {code}" for s, code in SEGMENT_CODES.items())
    + " END END"
)
"""A BPJS Ketenagakerjaan spell's start day and segment in one number: its maximum names the segment of
the worker's latest spell (``MOD(latest, 4)``: ``%`` is a placeholder to psycopg), one aggregate in
both engines (PostgreSQL has no ``arg_max``)."""
ABROAD_ONE = (
    "SELECT worker_id, destination FROM (SELECT worker_id, destination, ROW_NUMBER() OVER "
    "(PARTITION BY worker_id ORDER BY departed_on DESC, id DESC) AS n FROM placements "
    f"WHERE {ABROAD}) AS placed WHERE n = 1"
)


def bits(programme: Programme) -> int:
    """The mask bits a worker needs to be covered by ``programme``.

    >>> bits("JKK+JKM"), bits("JKN")
    (3, 32)
    """
    return sum(BITS[part] for part in programme.split("+"))


def _group(by: Breakdown, day: date) -> tuple[str, str, str, list[object]]:
    """The group's SQL expression over ``w`` (workers) and ``c`` (coverage), the ``FROM`` after
    ``workers w``, the coverage CTE and their parameters (coverage first, in SQL order)."""
    cover = (
        f"SELECT worker_id, BIT_OR({MASK}) AS m FROM memberships "
        "WHERE valid_from <= ? AND paid_until >= ? GROUP BY worker_id"
    )
    joined = "LEFT JOIN cover c ON c.worker_id = w.id "
    if by == "province":
        return "w.province_code", joined, cover, [day, day]
    if by == "sex":
        return "w.gender", joined, cover, [day, day]
    if by == "age":
        cases = " ".join(f"WHEN ? - w.birth_year >= {floor} THEN '{band}'" for floor, band in AGE_FLOORS)
        return f"CASE {cases} ELSE 'unknown' END", joined, cover, [day, day, *[day.year] * len(AGE_FLOORS)]
    if by == "work":
        code = {name: SEGMENT_CODES[name] for name in SEGMENT_CODES}
        formal = ", ".join(str(code[s]) for s in FORMAL_SEGMENTS)
        informal = ", ".join(str(code[s]) for s in INFORMAL_SEGMENTS)
        expression = (
            f"CASE WHEN a.worker_id IS NOT NULL OR MOD(c.latest, 4) = {code['pmi']} THEN 'pmi' "
            f"WHEN MOD(c.latest, 4) IN ({formal}) THEN 'formal' "
            f"WHEN MOD(c.latest, 4) IN ({informal}) THEN 'informal' ELSE 'unknown' END"
        )
        cover = (  # one scan: the coverage on the day and the latest spell begun by it
            f"SELECT worker_id, BIT_OR(CASE WHEN paid_until >= ? THEN {MASK} ELSE 0 END) AS m, "
            f"MAX({LATEST}) AS latest FROM memberships WHERE valid_from <= ? GROUP BY worker_id"
        )
        abroad = f"SELECT DISTINCT worker_id FROM placements WHERE {ABROAD}"
        joins = f"{joined}LEFT JOIN ({abroad}) a ON a.worker_id = w.id "
        return expression, joins, cover, [day, day, day, day]
    cover = (  # only the spells of workers abroad
        f"SELECT worker_id, BIT_OR({MASK}) AS m FROM memberships WHERE valid_from <= ? AND paid_until >= ? "
        f"AND worker_id IN (SELECT worker_id FROM placements WHERE {ABROAD}) GROUP BY worker_id"
    )
    joins = f"JOIN ({ABROAD_ONE}) p ON p.worker_id = w.id {joined}"
    return "p.destination", joins, cover, [day, day, day, day, day, day]


def coverage_sql(by: Breakdown, day: date) -> tuple[str, list[object]]:
    """The one query of a breakdown and its parameters: per group, registered workers and their key
    sum, then per programme of :data:`PROGRAMMES` the covered workers and their key sum.

    Workers are first counted per group and coverage mask (at most 64 masks a group), then the masks
    are folded into each programme's figures: two aggregates over the workers, not fifteen."""
    expression, joins, cover, params = _group(by, day)
    sums = ", ".join(
        f"COALESCE(SUM(n) FILTER (WHERE (m & {bits(p)}) = {bits(p)}), 0), "
        f"COALESCE(SUM(ks) FILTER (WHERE (m & {bits(p)}) = {bits(p)}), 0)"
        for p in PROGRAMMES
    )
    sql = (
        f"WITH cover AS ({cover}), "
        f"cells AS (SELECT {expression} AS grp, COALESCE(c.m, 0) AS m, COUNT(*) AS n, "
        f"SUM(COALESCE(w.record_key, 0)) AS ks FROM workers w {joins}"
        "WHERE w.erased_at IS NULL GROUP BY 1, 2) "
        f"SELECT grp, SUM(n), SUM(ks), {sums} FROM cells GROUP BY grp"
    )
    if by == "destination":  # the workers at home: their number and key sum, for the population's key
        zeros = ", ".join("0" for _ in range(2 * len(PROGRAMMES)))
        sql += (
            " UNION ALL SELECT CAST(NULL AS TEXT), "
            "(SELECT COUNT(*) FROM workers WHERE erased_at IS NULL) "
            "- (SELECT COALESCE(SUM(n), 0) FROM cells), "
            "(SELECT COALESCE(SUM(record_key), 0) FROM workers WHERE erased_at IS NULL) "
            f"- (SELECT COALESCE(SUM(ks), 0) FROM cells), {zeros}"
        )
    return sql + " ORDER BY 1", params


def coverage_counts(store: Store, by: Breakdown, day: date) -> list[CoverageCount]:
    """Every group of ``by`` with at least one worker, as of ``day``: one query."""
    sql, params = coverage_sql(by, day)
    with store.lock:
        rows = store.backend.execute(sql, params)
    found = []
    for group, workers, keys, *figures in rows:
        covered = tuple((int(figures[i]), int(figures[i + 1])) for i in range(0, len(figures), 2))
        found.append(CoverageCount(None if group is None else str(group), int(workers), int(keys), covered))
    return found
