"""The gender view of a worker's journey and of the service's own records.

* A worker's recommendations and plan never take gender as an input: a stored record becomes a profile
  through :func:`tangkas.services.understand.record_profile`, which reads only occupations, skills and
  province.
* Where most of the checked local ads for a recommended occupation ask for one sex, the counsellor sees
  it, with the law that forbids it (:func:`one_sex_notes`). It is about the market, not the worker: the
  same for every worker, and the ranking does not change.
* Workers' registrations, training, jobs after training and saved plans by gender and province, every
  figure through the disclosure control of :mod:`tangkas.store.stats` (:func:`gender_figures`).

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:"); _ = store.migrate()
>>> figures = gender_figures(store)
>>> [m.measure for m in figures.measures], figures.measures[0].national.counts.total
(['registered', 'enrolled', 'completed', 'placed', 'saved_plan'], None)
>>> one_sex_law("id")[:27]
'UU 13/2003 Pasal 5 dan 6: s'
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from tangkas.fairness.ads import rules
from tangkas.models import Lang
from tangkas.provinces import PROVINCES
from tangkas.store import Store
from tangkas.store.gender import MEASURES, GenderCount, Measure, gender_counts, one_sex_ads
from tangkas.store.stats import (
    CLOSED_DOMAINS,
    KEY_MODULUS,
    METHOD,
    MIN_CELL,
    ROUNDING_BASE,
    GroupCount,
    WorkerCounts,
    protect_counts,
)

ONE_SEX_MIN_ADS = 5
"""Checked local ads an occupation needs before a share of them is told: 2 of 3 says little."""
ONE_SEX_LAW = "uu13_p5"
"""The law (``tangkas/data/fair_ads/law.csv``) quoted beside a one-sex note: UU 13/2003 Pasal 5 and 6."""
GENDERS: tuple[str, ...] = ("F", "M", "X")
KEEP = ("F",)
"""Women's figure stays in view when a table must hide one more group (men's then joins the small ones):
the gender gap is read from women's share, and a page that showed women in one province and men in the
next could not be compared."""


@dataclass(frozen=True, slots=True)
class OneSexNote:
    """Of ``ads`` checked local ads for an occupation, how many ask for women only and for men only."""

    ads: int
    female: int
    male: int

    @property
    def one_sex(self) -> int:
        return self.female + self.male

    @property
    def sex(self) -> Literal["female", "male", "mixed"]:
        """Which sex the one-sex ads ask for (``mixed``: some women only, some men only).

        >>> OneSexNote(10, 0, 7).sex, OneSexNote(10, 4, 3).sex
        ('male', 'mixed')
        """
        return "mixed" if self.female and self.male else "female" if self.female else "male"


def one_sex_notes(
    store: Store, occupation_uris: Sequence[str], province_code: str | None
) -> dict[str, OneSexNote]:
    """The occupations (by URI) with at least :data:`ONE_SEX_MIN_ADS` checked ads in the province, more
    than half of which ask for one sex; one query for all of them, nothing without a province."""
    if not province_code:
        return {}
    found = one_sex_ads(store, occupation_uris, province_code)
    return {
        uri: OneSexNote(ads.checked, ads.female, ads.male)
        for uri, ads in found.items()
        if ads.checked >= ONE_SEX_MIN_ADS and 2 * ads.one_sex > ads.checked
    }


def one_sex_law(lang: Lang) -> str:
    """The law against one-sex requirements in plain words, from the shipped law texts."""
    return rules()[2][ONE_SEX_LAW].text(lang)


@dataclass(frozen=True, slots=True)
class PlaceCounts:
    """One place's protected counts by gender (``province_code`` ``None``: all of Indonesia)."""

    province_code: str | None
    counts: WorkerCounts

    def count(self, gender: str | None) -> int | None:
        """The shown figure for ``gender``, ``None`` when hidden."""
        return next((c.count for c in self.counts.cells if c.group == gender), None)


@dataclass(frozen=True, slots=True)
class MeasureCounts:
    """One measure nationally and in each province with enough registered workers to show."""

    measure: Measure
    national: PlaceCounts
    provinces: tuple[PlaceCounts, ...]

    @property
    def places(self) -> tuple[PlaceCounts, ...]:
        return (self.national, *self.provinces)


@dataclass(frozen=True, slots=True)
class GenderFigures:
    """Every measure by gender, with the disclosure control applied to each figure."""

    measures: tuple[MeasureCounts, ...]
    method: str = METHOD
    min_cell: int = MIN_CELL
    rounding_base: int = ROUNDING_BASE

    def measure(self, name: Measure) -> MeasureCounts:
        return next(m for m in self.measures if m.measure == name)


def _protect(counts: Iterable[GenderCount], population: int) -> WorkerCounts:
    groups: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    for found in counts:
        groups[found.gender][0] += found.count
        groups[found.gender][1] += found.key_sum
    return protect_counts(
        "gender",
        [GroupCount(gender, n, keys) for gender, (n, keys) in groups.items()],
        CLOSED_DOMAINS["gender"],
        population_key=population,
        keep=KEEP,
    )


def gender_figures(
    store: Store,
    *,
    born: tuple[int, int] | None = None,
    measures: Sequence[Measure] = MEASURES,
    day: date | None = None,
) -> GenderFigures:
    """Registered workers (not erased), workers enrolled in training, workers who completed a course and
    workers with a saved plan, by gender, nationally and per province. Each table is protected as
    ``/api/stats/workers`` protects its own, and each figure's coin is mixed with the key of all
    registered workers, so one more registration anywhere re-draws every figure. A province is listed
    when its registered workers' total can be shown. ``born`` keeps the workers born in those years (the
    youth page's 15-24 year olds), ``measures`` the measures to publish, ``day`` the day placements are
    counted by (default: today)."""
    found = gender_counts(store, born=born, day=day)
    population = sum(c.key_sum for c in found if c.measure == "registered") % KEY_MODULUS
    by_measure: dict[str, list[GenderCount]] = defaultdict(list)
    for count in found:
        by_measure[count.measure].append(count)
    registered = by_measure["registered"]
    codes = sorted({c.province_code for c in registered if c.province_code is not None})
    shown = [
        code
        for code in codes
        if _protect([c for c in registered if c.province_code == code], population).total is not None
    ]
    published = []
    for measure in measures:
        counts = by_measure[measure]
        provinces = tuple(
            PlaceCounts(code, _protect([c for c in counts if c.province_code == code], population))
            for code in shown
        )
        published.append(MeasureCounts(measure, PlaceCounts(None, _protect(counts, population)), provinces))
    return GenderFigures(tuple(published))


def province_label(code: str | None, lang: Lang = "id") -> str:
    """A province's name (``None``: Indonesia).

    >>> province_label("32"), province_label("32", "en"), province_label(None)
    ('Jawa Barat', 'West Java', 'Indonesia')
    """
    if code is None:
        return "Indonesia"
    return next((p.label(lang) for p in PROVINCES if p.code == code), code)


CSV_COLUMNS = ("measure", "province_code", "province", "group", "count")
CSV_GROUPS: tuple[str | None, ...] = (*GENDERS, None)


def gender_figures_csv(
    figures: GenderFigures, lang: Lang = "id", labels: Mapping[Measure, str] | None = None
) -> str:
    """The figures as CSV, one row per measure, place and group: ``F``, ``M``, ``X``, ``unknown`` (not
    recorded), ``hidden`` (the hidden groups together) and ``total``; a hidden figure has an empty count.
    The national rows have an empty ``province_code``. With ``labels`` (each measure's name as the page
    writes it), a last column ``measure_label`` says what each row counts."""
    sink = io.StringIO()
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow((*CSV_COLUMNS, "measure_label") if labels else CSV_COLUMNS)
    for measure in figures.measures:
        label = (labels[measure.measure],) if labels else ()
        for place in measure.places:
            where = (place.province_code or "", province_label(place.province_code, lang))
            for group in CSV_GROUPS:
                count = place.count(group)
                shown = "" if count is None else count
                writer.writerow((measure.measure, *where, group or "unknown", shown, *label))
            for name, value in (("hidden", place.counts.hidden_count), ("total", place.counts.total)):
                writer.writerow((measure.measure, *where, name, "" if value is None else value, *label))
    return sink.getvalue()
