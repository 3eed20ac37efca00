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
  is of the PMI segment; otherwise ``formal`` when that spell's segment is wage or construction,
  ``informal`` when it is non-wage; ``unknown`` without such a spell (JKN spells do not count: BPJS
  Kesehatan's segments are another classification);
* ``destination``: workers abroad on ``D``, by the destination of their placement (the latest
  departure when two overlap); the ``None`` group holds the workers who are not abroad (its key sum
  completes the population's key; it is not a destination).

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


def _flag(programme: Programme) -> str:
    if programme == "JKK+JKM":
        return "(c.p_jkk AND c.p_jkm)"
    return f"c.p_{programme.lower()}"


def _group(by: Breakdown, day: date) -> tuple[str, str, list[object]]:
    """The SQL expression of the group, the joins it needs, and their parameters (in SQL order)."""
    if by == "province":
        return "w.province_code", "", []
    if by == "sex":
        return "w.gender", "", []
    if by == "age":
        cases = " ".join(f"WHEN ? - w.birth_year >= {floor} THEN '{band}'" for floor, band in AGE_FLOORS)
        return f"CASE {cases} ELSE 'unknown' END", "", [day.year] * len(AGE_FLOORS)
    if by == "work":
        formal = ", ".join(f"'{s}'" for s in FORMAL_SEGMENTS)
        informal = ", ".join(f"'{s}'" for s in INFORMAL_SEGMENTS)
        expression = (
            "CASE WHEN a.worker_id IS NOT NULL OR s.segment = 'pmi' THEN 'pmi' "
            f"WHEN s.segment IN ({formal}) THEN 'formal' "
            f"WHEN s.segment IN ({informal}) THEN 'informal' ELSE 'unknown' END"
        )
        joins = (
            f"LEFT JOIN (SELECT DISTINCT worker_id FROM placements WHERE {ABROAD}) a ON a.worker_id = w.id "
            "LEFT JOIN (SELECT worker_id, segment FROM (SELECT worker_id, segment, ROW_NUMBER() OVER "
            "(PARTITION BY worker_id ORDER BY valid_from DESC, id DESC) AS n FROM memberships "
            "WHERE programme <> 'JKN' AND valid_from <= ?) AS latest WHERE n = 1) s ON s.worker_id = w.id "
        )
        return expression, joins, [day, day, day]
    joins = (  # a left join: the workers at home are the ``None`` group, for the population's key
        "LEFT JOIN (SELECT worker_id, destination FROM (SELECT worker_id, destination, ROW_NUMBER() OVER "
        "(PARTITION BY worker_id ORDER BY departed_on DESC, id DESC) AS n FROM placements "
        f"WHERE {ABROAD}) AS placed WHERE n = 1) p ON p.worker_id = w.id "
    )
    return "p.destination", joins, [day, day]


def coverage_sql(by: Breakdown, day: date) -> tuple[str, list[object]]:
    """The one query of a breakdown and its parameters: per group, registered workers and their key
    sum, then per programme the covered workers and their key sum."""
    programmes = ("JKK", "JKM", "JHT", "JP", "JKP", "JKN")
    flags = ", ".join(f"BOOL_OR(programme = '{p}') AS p_{p.lower()}" for p in programmes)
    sums = ", ".join(
        f"COUNT(*) FILTER (WHERE {_flag(p)}), COALESCE(SUM(k) FILTER (WHERE {_flag(p)}), 0)"
        for p in PROGRAMMES
    )
    expression, joins, params = _group(by, day)
    sql = (
        f"WITH cover AS (SELECT worker_id, {flags} FROM memberships "
        "WHERE valid_from <= ? AND paid_until >= ? GROUP BY worker_id), "
        f"people AS (SELECT w.id, COALESCE(w.record_key, 0) AS k, {expression} AS grp FROM workers w "
        f"{joins}WHERE w.erased_at IS NULL) "
        f"SELECT grp, COUNT(*), COALESCE(SUM(k), 0), {sums} "
        "FROM people LEFT JOIN cover c ON c.worker_id = people.id GROUP BY grp ORDER BY grp"
    )
    return sql, [day, day, *params]


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
