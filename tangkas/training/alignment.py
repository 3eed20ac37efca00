"""Vocational alignment: which skills a province's job postings demand that its courses do not teach.

Demand comes from a table of postings per skill (``skill_uri,count[,province]``) — later from the
store. Supply is the seats of offline and hybrid courses held in the province (capacity, or
``DEFAULT_SEATS`` when unknown); online courses are listed but not counted as local seats, since a
training office decides what to open on site. A skill's gap is its share of demand minus its share
of local seats; courses to open are catalog courses held elsewhere (or, nationally, existing courses
to expand) ranked by the unmet demand of the skills they teach. Without a demand table there is no
gap to rank: the report says so and only describes supply.

>>> from tangkas.training.catalog import Course, CourseCatalog, Provider
>>> p = Provider("p", "BLK", "BLK")
>>> catalog = CourseCatalog([
...     Course("a", p, "Las", "Welding", ("s1",), 160, 0, "offline", "32", capacity=16),
...     Course("b", p, "Jahit", "Sewing", ("s2",), 160, 0, "offline", "33", capacity=16)])
>>> report = align_catalog(catalog, [DemandRow("s1", 10), DemandRow("s2", 30)], province="Jawa Barat")
>>> [(s.skill, round(s.gap, 2)) for s in report.skills]
[('s2', 0.75), ('s1', -0.75)]
>>> [(c.course.id, c.action) for c in report.to_open]
[('b', 'open')]
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tangkas.errors import UnknownConceptError
from tangkas.models import Lang
from tangkas.provinces import Province
from tangkas.provinces import province as find_province
from tangkas.rows.read import read_rows
from tangkas.rows.report import RowError, RowReport, RowsRejectedError
from tangkas.training.catalog import Course, CourseCatalog

DEFAULT_SEATS = 20


@dataclass(frozen=True, slots=True)
class DemandRow:
    """Postings that ask for a skill, nationally (``province=None``) or in one province (BPS code)."""

    skill: str
    count: int
    province: str | None = None


@dataclass(frozen=True, slots=True)
class SkillAlignment:
    """Demand and local supply of one skill; ``gap`` > 0 means under-supplied."""

    skill: str
    demand: int
    demand_share: float
    local_courses: int
    local_seats: int
    online_courses: int
    supply_share: float

    @property
    def gap(self) -> float:
        return self.demand_share - self.supply_share


@dataclass(frozen=True, slots=True)
class CourseSuggestion:
    """A catalog course worth opening (held elsewhere) or expanding (already held here)."""

    course: Course
    skills: tuple[str, ...]
    unmet_postings: float
    action: Literal["open", "expand"]


@dataclass(frozen=True, slots=True)
class AlignmentReport:
    """The report a BLK head reads: skills ranked by gap, courses to open, demand nobody teaches."""

    province: Province | None
    demand_given: bool
    total_demand: int
    total_local_seats: int
    skills: tuple[SkillAlignment, ...]
    to_open: tuple[CourseSuggestion, ...]
    untaught: tuple[SkillAlignment, ...]


def read_demand_csv(path: Path, *, skill_uris: Collection[str] | None = None) -> list[DemandRow]:
    """Read ``skill_uri,count[,province]`` rows (CSV, JSON or Parquet, through the one row reader); any
    bad row raises :class:`~tangkas.rows.report.RowsRejectedError` listing all of them."""
    rows: list[DemandRow] = []
    report = RowReport("demand", str(path))
    for n, record in read_rows(path, report, text=True):
        row, errors = _demand_row(record, n, skill_uris)
        report.add_errors(errors)
        if row is not None:
            rows.append(row)
    if not report.ok:
        raise RowsRejectedError(report)
    return rows


def _demand_row(
    record: dict[str, str], n: int, skill_uris: Collection[str] | None
) -> tuple[DemandRow | None, list[RowError]]:
    uri, raw_count = record.get("skill_uri", "").strip(), record.get("count", "").strip()
    raw_province = record.get("province", "").strip()
    errors: list[RowError] = []
    if not uri or (skill_uris is not None and uri not in skill_uris):
        errors.append(RowError(n, "skill_uri", "unknown_skill", uri[:80]))
    if not raw_count.isdigit():
        errors.append(RowError(n, "count", "invalid", raw_count[:40]))
    code = None
    if raw_province:
        try:
            code = find_province(raw_province).code
        except UnknownConceptError:
            errors.append(RowError(n, "province", "unknown_province", raw_province[:40]))
    return (None if errors else DemandRow(uri, int(raw_count), code)), errors


def _demand(rows: Iterable[DemandRow], code: str | None) -> Counter[str]:
    rows = list(rows)
    regional = any(r.province for r in rows)
    counts: Counter[str] = Counter()
    for row in rows:
        if code is None or not regional or row.province == code:
            counts[row.skill] += row.count
    return counts


def _local(course: Course, code: str | None) -> bool:
    return course.mode != "online" and (code is None or course.province == code)


def align_catalog(
    catalog: CourseCatalog,
    demand: Sequence[DemandRow] | None,
    *,
    province: str | None = None,
    limit: int = 50,
) -> AlignmentReport:
    """Compare demand with local supply for ``province`` (name or BPS code), or nationally.

    A demand table without a province column is taken as the demand of the area asked about.
    """
    place = find_province(province) if province else None
    code = place.code if place else None
    seats: Counter[str] = Counter()
    local_courses: Counter[str] = Counter()
    online: Counter[str] = Counter()
    for course in catalog:
        for uri in course.skills:
            if _local(course, code):
                local_courses[uri] += 1
                seats[uri] += course.capacity or DEFAULT_SEATS
            elif course.mode == "online":
                online[uri] += 1
    counts = _demand(demand or (), code)
    total_demand, total_seats = sum(counts.values()), sum(seats.values())
    universe = set(counts) if demand is not None else set(seats)

    def row(uri: str) -> SkillAlignment:
        return SkillAlignment(
            uri, counts[uri], counts[uri] / total_demand if total_demand else 0.0, local_courses[uri],
            seats[uri], online[uri], seats[uri] / total_seats if total_seats else 0.0,
        )

    ranking: Callable[[SkillAlignment], tuple[float, ...]]
    if demand is not None:
        ranking = lambda a: (-a.gap, -a.demand)  # noqa: E731
    else:
        ranking = lambda a: (-a.local_seats, -a.local_courses)  # noqa: E731
    skills = sorted((row(u) for u in universe), key=lambda a: (*ranking(a), a.skill))
    untaught = tuple(a for a in skills if a.demand and not catalog.teaching_indices(a.skill))
    to_open = _suggestions(catalog, skills, total_demand, code, limit) if demand is not None else ()
    return AlignmentReport(
        place, demand is not None, total_demand, total_seats, tuple(skills[:limit]), tuple(to_open),
        untaught[:limit],
    )


def _suggestions(
    catalog: CourseCatalog, skills: Sequence[SkillAlignment], total: int, code: str | None, limit: int
) -> list[CourseSuggestion]:
    unmet = {a.skill: a.gap * total for a in skills if a.gap > 0}
    scored: dict[str, CourseSuggestion] = {}
    for index in sorted({i for uri in unmet for i in catalog.teaching_indices(uri)}):
        course = catalog.courses[index]
        if course.mode == "online":  # already open to everyone; the question is what to hold on site
            continue
        taught = tuple(u for u in course.skills if u in unmet)
        suggestion = CourseSuggestion(
            course, taught, sum(unmet[u] for u in taught), "expand" if _local(course, code) else "open"
        )
        key = course.title_en or course.title_id
        best = scored.get(key)
        # one suggestion per title: a local offering ("expand") wins over the same course elsewhere
        rank = (suggestion.action, -suggestion.unmet_postings)
        if best is None or rank < (best.action, -best.unmet_postings):
            scored[key] = suggestion
    ranked = sorted(scored.values(), key=lambda s: (-s.unmet_postings, s.action != "open", s.course.id))
    return ranked[:limit]


def alignment_rows(
    report: AlignmentReport, labels: Callable[[str], str], lang: Lang = "id"
) -> list[dict[str, object]]:
    """Flat rows for CSV export: ``kind`` is ``skill``, ``course`` or ``untaught``."""
    rows: list[dict[str, object]] = []
    for rank, a in enumerate(report.skills, start=1):
        rows.append({"kind": "skill", "rank": rank, "skill_uri": a.skill, "label": labels(a.skill),
                     "demand": a.demand if report.demand_given else "", "local_courses": a.local_courses,
                     "local_seats": a.local_seats, "online_courses": a.online_courses,
                     "gap": round(a.gap, 6) if report.demand_given else ""})
    for rank, s in enumerate(report.to_open, start=1):
        rows.append({"kind": "course", "rank": rank, "course_id": s.course.id, "label": s.course.title(lang),
                     "provider": s.course.provider.name, "province": s.course.province or "",
                     "action": s.action, "skill_uri": "|".join(s.skills),
                     "unmet_postings": round(s.unmet_postings, 1)})
    for rank, a in enumerate(report.untaught, start=1):
        rows.append({"kind": "untaught", "rank": rank, "skill_uri": a.skill, "label": labels(a.skill),
                     "demand": a.demand})
    return rows


CSV_COLUMNS = ("kind", "rank", "skill_uri", "label", "course_id", "provider", "province", "action", "demand",
               "local_courses", "local_seats", "online_courses", "gap", "unmet_postings")


def write_alignment_csv(rows: Iterable[dict[str, object]], path: Path) -> Path:
    """Write :func:`alignment_rows` output as CSV (UTF-8, header first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path

