"""Indonesia's labour-force figures by sex (BPS Sakernas), shipped with the source of every row: the
national context for workers' figures by gender. ``tangkas/data/indicators/labour_by_sex.csv`` is built
by ``scripts/build_labour_by_sex.py`` from the project's reference indicators.

>>> participation = figures_by_sex()[0]
>>> participation.indicator, participation.period, participation.male, participation.female
('labour_force_participation_rate', '2024-08', 84.66, 56.42)
>>> round(participation.gap, 2)
28.24
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources

from tangkas.loading import load_once

URL = re.compile(r"https?://[^\s;,)]+")


@dataclass(frozen=True, slots=True)
class NationalFigure:
    """One published figure: what, where, for whom, when, how much, and where it was read."""

    indicator: str
    geography: str
    sex: str
    period: str
    value: float
    unit: str
    source: str
    note: str

    @property
    def urls(self) -> tuple[str, ...]:
        """The web addresses in the source.

        >>> source = "https://a.id/x ; http://b.id (BPS)"
        >>> row = NationalFigure("i", "Indonesia", "male", "2024-08", 1.0, "%", source, "")
        >>> row.urls, row.cited
        (('https://a.id/x', 'http://b.id'), 'BPS')
        """
        return tuple(URL.findall(self.source))

    @property
    def cited(self) -> str:
        """The source's words beside its addresses (who published the figure, in which release)."""
        words = URL.sub("", self.source)
        return " ".join(re.sub(r"[;()]", " ", words).split())


@dataclass(frozen=True, slots=True)
class SexFigures:
    """One indicator in one period for men, women and everyone, with the rows they come from."""

    indicator: str
    period: str
    unit: str
    male: float
    female: float
    total: float | None
    rows: tuple[NationalFigure, ...]

    @property
    def gap(self) -> float:
        """Men's figure minus women's, in the indicator's unit (percentage points for a rate)."""
        return self.male - self.female

    @property
    def urls(self) -> tuple[str, ...]:
        """Every address the figures were read from, each once."""
        return tuple(dict.fromkeys(url for row in self.rows for url in row.urls))


@load_once
def national_figures() -> tuple[NationalFigure, ...]:
    """Every shipped row, in file order."""
    path = resources.files("tangkas") / "data" / "indicators" / "labour_by_sex.csv"
    with path.open(encoding="utf-8") as handle:
        return tuple(
            NationalFigure(
                row["indicator"],
                row["geography"],
                row["sex"],
                row["period"],
                float(row["value"]),
                row["unit"],
                row["source"],
                row["note"],
            )
            for row in csv.DictReader(handle)
        )


def figures_by_sex() -> list[SexFigures]:
    """The rows grouped by indicator and period (latest period first within an indicator)."""
    grouped: dict[tuple[str, str], dict[str, NationalFigure]] = {}
    for row in national_figures():
        grouped.setdefault((row.indicator, row.period), {})[row.sex] = row
    order = list(dict.fromkeys(row.indicator for row in national_figures()))
    keys = sorted(grouped, key=lambda key: (order.index(key[0]), [-int(p) for p in key[1].split("-")]))
    found = []
    for indicator, period in keys:
        rows = grouped[(indicator, period)]
        total = rows.get("total")
        found.append(
            SexFigures(
                indicator,
                period,
                rows["male"].unit,
                rows["male"].value,
                rows["female"].value,
                total.value if total else None,
                tuple(rows[sex] for sex in ("male", "female", "total") if sex in rows),
            )
        )
    return found
