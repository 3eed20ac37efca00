"""Counts over the store: its health, postings, and registered workers under disclosure control.

Counts of workers are published only through :func:`worker_counts`, which applies statistical
disclosure control (see docs/privacy.md):

* **Record keys and cell keys** (the ABS cell key method: Fraser and Wooton, 2005, "A proposed
  method for confidentialising tabular output to protect against differencing"; Thompson, Broadfoot
  and Elazar, 2013, "Methodology for the automatic confidentialisation of statistical outputs from
  remote servers at the Australian Bureau of Statistics"). Every worker row carries a random
  ``record_key`` set when it is stored; a figure's key is the sum of its people's record keys, mixed
  with the key of the whole population, so the same people always give the same published figures and
  one more person re-draws every figure, not only the one they joined.
* **Unbiased random rounding to base 5** (Fellegi, 1975, "Controlled random rounding", Survey
  Methodology 1; as used by Statistics New Zealand and Statistics Canada), its coin drawn from the
  figure's key: a count is published as one of the two multiples of 5 around it, the upper one with a
  probability equal to how far the count is towards it, so the published figure is right on average.
* **Primary suppression**: a group whose rounded figure is under :data:`MIN_CELL` is not shown, not
  even by its name. **Complementary suppression**: the hidden groups are published only as one
  figure, the published total minus the shown groups; while that figure is under :data:`MIN_CELL`
  the smallest shown group is hidden too, so no hidden group can be worked out from the total.
  The total is one protected figure, the same for every grouping.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> store_health(store).backend
'duckdb'
>>> posting_counts(store)
PostingCounts(total=0, synthetic=0)
>>> worker_counts(store, "gender").total is None
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from tangkas.provinces import province_codes
from tangkas.store import Store

WorkerGrouping = Literal["province_code", "gender", "migrant_status", "birth_decade", "office_code"]
GROUPINGS: dict[WorkerGrouping, str] = {
    "province_code": "province_code",
    "gender": "gender",
    "migrant_status": "migrant_status",
    "birth_decade": "CAST(FLOOR(birth_year / 10.0) * 10 AS INTEGER)",
    "office_code": "office_code",
}
"""The SQL expression each worker grouping counts by."""
MIN_CELL = 10
"""No published figure about workers is under this many people (re-identification risk)."""
ROUNDING_BASE = 5
"""Published figures are multiples of this; each is within ``ROUNDING_BASE - 1`` of the true count."""
KEY_MODULUS = 2**31
"""Record keys are integers in ``[0, KEY_MODULUS)``; keys of figures are sums modulo this."""
METHOD = (
    "cell key method (ABS) with unbiased random rounding to base 5, primary suppression under the "
    "threshold and complementary suppression"
)
CLOSED_DOMAINS: dict[WorkerGrouping, tuple[str | None, ...]] = {
    "gender": ("F", "M", "X", None),
    "migrant_status": ("none", "prospective", "current", "returned", None),
    "birth_decade": (*(str(decade) for decade in range(1930, 2020, 10)), None),
}
"""Every value a grouping can take, so a hidden group that is empty and one that holds a person are
counted alike (a new small group must not show up as one more hidden group)."""


@dataclass(frozen=True, slots=True)
class StoreHealth:
    """The schema version and the engine of a reachable store."""

    schema_version: int
    backend: str


@dataclass(frozen=True, slots=True)
class PostingCounts:
    """How many postings the store holds, and how many of them are synthetic."""

    total: int
    synthetic: int

    @property
    def synthetic_share(self) -> float:
        """The synthetic fraction (0 for an empty store)."""
        return self.synthetic / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Cell:
    """One shown group and its protected count (a multiple of the rounding base, at least the threshold)."""

    group: str | None
    count: int


@dataclass(frozen=True, slots=True)
class WorkerCounts:
    """Registered workers counted by one attribute, as published: shown groups, one figure for the
    hidden ones, and the total (``None`` when even the total is too small to show)."""

    by: str
    """The grouping: a :data:`WorkerGrouping`, or another table's own (coverage's ``age_band``)."""
    method: str
    min_cell: int
    rounding_base: int
    total: int | None
    cells: tuple[Cell, ...]
    hidden_groups: int
    hidden_count: int | None


@dataclass(frozen=True, slots=True)
class GroupCount:
    """A group's true count and the sum of its people's record keys (never published)."""

    group: str | None
    count: int
    key_sum: int


def store_health(store: Store) -> StoreHealth:
    """The schema version and engine name (raises when the database cannot be reached); reads only,
    never creates a table (the health check must not write)."""
    with store.lock:
        version = store.backend.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version")
        return StoreHealth(int(version), store.backend.name)


def posting_counts(store: Store) -> PostingCounts:
    """All stored postings and the synthetic ones."""
    with store.lock:
        total, synthetic = store.backend.execute(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE synthetic) FROM postings"
        )[0]
    return PostingCounts(int(total), int(synthetic or 0))


def random_round(count: int, key: str) -> int:
    """``count`` rounded to a multiple of :data:`ROUNDING_BASE`, up with probability (remainder / base),
    the coin drawn from ``key``: the same key always gives the same figure.

    >>> random_round(10, "any"), random_round(0, "any")
    (10, 0)
    >>> random_round(12, "a") in (10, 15)
    True
    """
    below, remainder = divmod(count, ROUNDING_BASE)
    coin = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") / 2**64
    return ROUNDING_BASE * (below + (coin < remainder / ROUNDING_BASE))


def protect_counts(
    by: str,
    groups: Iterable[GroupCount],
    domain: Iterable[str | None] = (),
    *,
    population_key: int | None = None,
    keep: Iterable[str | None] = (),
) -> WorkerCounts:
    """Publishable counts from true group counts and key sums (see the module docstring).

    ``domain`` lists the groups that exist even when empty; they count as hidden unless shown.
    ``population_key`` is the key of the whole population when ``groups`` are only part of it (one
    province's workers, the workers who trained): every figure of such a part is mixed with it too, so one
    more registration anywhere re-draws them all. A table of the whole population gives the same figures
    with or without it. ``keep`` names groups complementary suppression hides last (a gender table keeps
    women's figure in view and hides men's with the small groups, rather than the other way round).

    >>> groups = [GroupCount("F", 120, 7), GroupCount("M", 75, 9), GroupCount("X", 1, 4)]
    >>> published = protect_counts("gender", groups, ("F", "M", "X", None))
    >>> [c.group for c in published.cells], published.hidden_groups
    (['F'], 3)
    >>> published.total - published.cells[0].count == published.hidden_count >= MIN_CELL
    True
    """
    groups = list(groups)
    own_key = sum(g.key_sum for g in groups) % KEY_MODULUS
    table_key = own_key if population_key is None else population_key % KEY_MODULUS
    total_key = f"total|{table_key}" if own_key == table_key else f"total|{own_key}|{table_key}"
    total = random_round(sum(g.count for g in groups), total_key)
    if total < MIN_CELL:
        return WorkerCounts(by, METHOD, MIN_CELL, ROUNDING_BASE, None, (), 0, None)
    shown = {
        g.group: rounded
        for g in groups
        if (rounded := random_round(g.count, f"{by}|{g.group}|{g.key_sum % KEY_MODULUS}|{table_key}"))
        >= MIN_CELL
    }
    hidden, kept = ({g.group for g in groups} | set(domain)) - set(shown), set(keep)
    while hidden and shown and total - sum(shown.values()) < MIN_CELL:
        smallest = min(shown, key=lambda group: (group in kept, shown[group], str(group)))
        del shown[smallest]
        hidden.add(smallest)
    cells = tuple(Cell(group, shown[group]) for group in sorted(shown, key=lambda g: (g is None, str(g))))
    rest = total - sum(shown.values()) if hidden else None
    return WorkerCounts(by, METHOD, MIN_CELL, ROUNDING_BASE, total, cells, len(hidden), rest)


def _domain(store: Store, by: WorkerGrouping) -> tuple[str | None, ...]:
    if by == "province_code":
        return (*province_codes(), None)
    if by == "office_code":
        return tuple(str(code) for (code,) in store.backend.execute("SELECT code FROM offices"))
    return CLOSED_DOMAINS[by]


def worker_counts(store: Store, by: WorkerGrouping = "province_code") -> WorkerCounts:
    """Workers per group of ``by`` under disclosure control: no group under :data:`MIN_CELL` is shown
    or named, and every figure is randomly rounded with a coin fixed by the people it counts."""
    expression = GROUPINGS[by]
    with store.lock:
        rows = store.backend.execute(
            f"SELECT {expression} AS grp, COUNT(*), SUM(COALESCE(record_key, 0)) FROM workers GROUP BY grp"
        )
        domain = _domain(store, by)
    groups = [GroupCount(None if g is None else str(g), int(n), int(keys)) for g, n, keys in rows]
    return protect_counts(by, groups, domain)
