"""One function per feed format: a CSV row (column -> text) -> :class:`Posting`.

Each adapter raises :class:`RowProblem` for a row that cannot be a posting (no title, no id);
fields it cannot read are left empty and counted by the feed report.

>>> p = lokerid({"Job ID": "7", "Title": "Kasir", "Location": "Kab. Bekasi", "Min Salary": "3000000",
...              "Max Salary": "4000000", "Posted Date": "2025-07-09 17:01:00", "SMA/SMK/STM": "1"})
>>> p.province, p.city, p.salary_min, p.education, p.posted_date.isoformat()
('Jawa Barat', 'Kabupaten Bekasi', 3000000, 'sma', '2025-07-09')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from tangkas.market.places import Place, parse_location, parse_province
from tangkas.market.postings import DateKind, Posting, education_level, experience_from_text
from tangkas.market.salary import Salary, parse_salary
from tangkas.rows.report import ErrorCode

# The Jobstreet and Glints files of 2020 carry no dates; they were collected on 16 October 2020.
SNAPSHOT_2020 = date(2020, 10, 16)
MISSING = frozenset({"", "n/a", "na", "nan", "none", "null", "-", "tidak dicantumkan", "tidak tersedia"})
LOKERID_EDUCATION = ("SMA/SMK/STM", "Diploma/D1/D2/D3", "Sarjana/S1", "Master/S2", "Doctor/S3")
_EDUCATION_CONTEXT = re.compile(
    r"(pendidikan|lulusan|minimal|min\.|education|degree|graduate)[^.\n]{0,40}", re.IGNORECASE
)
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%m/%d/%Y %H:%M")


class RowProblem(ValueError):
    """A row that cannot become a posting: the field at fault and a row-error code (no cell values)."""

    def __init__(self, field_name: str, code: ErrorCode, detail: str = "") -> None:
        super().__init__(f"{field_name}: {code}")
        self.field = field_name
        self.code: ErrorCode = code
        self.detail = detail


def clean(value: str | None) -> str | None:
    """A cell's text, or ``None`` for the feeds' many spellings of "missing"."""
    if value is None:
        return None
    value = " ".join(value.split())
    return None if value.lower() in MISSING else value


def parse_date(text: str | None) -> date | None:
    """A date from the feeds' formats (ISO with or without time and zone, ``dd/mm/yyyy hh:mm:ss``).

    >>> parse_date("2021-12-12T17:00:00Z"), parse_date("22/08/2024 11:13:58"), parse_date("kemarin")
    (datetime.date(2021, 12, 12), datetime.date(2024, 8, 22), None)
    """
    text = clean(text)
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _int(text: str | None) -> int | None:
    text = clean(text)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def _required(row: Mapping[str, str], column: str, field_name: str) -> str:
    value = clean(row.get(column))
    if value is None:
        raise RowProblem(field_name, "required")
    return value


def _build(
    source: str, external_id: str, title: str, place: Place, salary: Salary, location: str, **fields: Any
) -> Posting:
    return Posting(
        source=source,
        external_id=external_id,
        title=title,
        province_code=place.province_code,
        province=place.province,
        city=place.city,
        salary_min=salary.monthly_min,
        salary_max=salary.monthly_max,
        salary_status=salary.status,
        location=location,
        place_kind=place.kind,
        country=place.country,
        other_places=place.others,
        **fields,
    )


def _education_from_text(text: str) -> str | None:
    windows = [m.group(0) for m in _EDUCATION_CONTEXT.finditer(text)]
    return education_level(" ".join(windows)) if windows else None


def url_id(url: str) -> str:
    """A portal's job id from its URL: the last long number in the path, else the path itself.

    >>> url_id("https://www.jobstreet.co.id/id/job/software-developer-4742683/origin/my")
    '4742683'
    >>> url_id("https://dealls.com/role/branch-manager-lampung-kalianda")
    'role/branch-manager-lampung-kalianda'
    """
    path = re.sub(r"^[a-z]+://[^/]+/", "", url.split("?")[0]).strip("/")
    numbers = re.findall(r"(?<![0-9])(\d{4,})(?![0-9])", path)
    return numbers[-1] if numbers else path


def lokerid(row: Mapping[str, str]) -> Posting:
    """Loker.id 2025: structured salary, binary education columns, experience, category, full text."""
    location = clean(row.get("Location")) or ""
    if row.get("Salary Negotiation", "").strip() == "1":
        salary = Salary("hidden")
    else:
        low, high = _int(row.get("Min Salary")), _int(row.get("Max Salary"))
        stated = clean(row.get("Min Salary")) or clean(row.get("Max Salary"))
        if low or high:
            salary = parse_salary(f"{low or 0}-{high or 0}")
        else:
            salary = Salary("unparsed" if stated else "hidden")
    levels = [col for col in LOKERID_EDUCATION if row.get(col, "").strip() == "1"]
    experience = _int(row.get("Min Experience"))
    if experience is None and row.get("Fresh Graduate", "").strip() == "1":
        experience = 0
    return _build(
        "lokerid",
        _required(row, "Job ID", "external_id"),
        _required(row, "Title", "title"),
        parse_location(location),
        salary,
        location,
        text=row.get("Description", "").strip(),
        posted_date=parse_date(row.get("Posted Date")),
        date_kind="posted",
        education=education_level(levels),
        experience_years_min=experience,
        category=clean(row.get("Category")),
        company=clean(row.get("Company")),
        url=clean(row.get("Link")),
    )


def jobstreet_2020(row: Mapping[str, str]) -> Posting:
    """Jobstreet Indonesia, October 2020: province only, experience and education, no text or pay;
    ``category`` holds the employer's industry (the feed has no job category)."""
    location = clean(row.get("provinsi")) or ""
    company = clean(row.get("company_name"))
    return _build(
        "jobstreet-2020",
        _required(row, "id_loker", "external_id"),
        _required(row, "job_position", "title"),
        parse_province(location),
        Salary("hidden"),
        location,
        posted_date=SNAPSHOT_2020,
        date_kind="snapshot",
        education=education_level(row.get("pendidikan", "")),
        experience_years_min=_int(row.get("years_of_experience")),
        category=clean(row.get("company_industry")),
        company=None if company and "dirahasiakan" in company.lower() else company,
    )


def glints_2020(row: Mapping[str, str]) -> Posting:
    """Glints, October 2020: city and province, salary text, skill tags, job category."""
    city, prov = clean(row.get("kota")) or "", clean(row.get("provinsi")) or ""
    location = ", ".join(filter(None, (city, prov)))
    skills = tuple(s.strip() for s in row.get("skills_to_have", "").split(",") if s.strip())
    return _build(
        "glints-2020",
        _required(row, "id_loker", "external_id"),
        _required(row, "job_position", "title"),
        parse_location(location),
        parse_salary(row.get("job_salary")),
        location,
        posted_date=SNAPSHOT_2020,
        date_kind="snapshot",
        education=education_level(row.get("pendidikan", "")),
        category=clean(row.get("job_category")),
        company=clean(row.get("company_name")),
        skills=skills,
    )


def jobstreet_2022(row: Mapping[str, str]) -> Posting:
    """Jobstreet Indonesia 2021-22: title, company, place(s), short description, posting time."""
    url = _required(row, "source_url", "external_id")
    location = clean(row.get("location")) or ""
    text = row.get("description", "").strip()
    return _build(
        "jobstreet",
        url_id(url),
        _required(row, "title", "title"),
        parse_location(location),
        Salary("hidden"),
        location,
        text=text,
        posted_date=parse_date(row.get("posted_at")),
        date_kind="posted",
        education=_education_from_text(text),
        experience_years_min=experience_from_text(text),
        company=clean(row.get("company")),
        url=url,
    )


def id_jobs(row: Mapping[str, str]) -> Posting:
    """The id-jobs aggregator (Dealls, Kalibrr): Kalibrr's ``base_salary`` is in Philippine pesos and
    its unresolved places are Philippine; Dealls' is rupiah and its ``last_seen`` is the posting time."""
    url = _required(row, "job_url", "external_id")
    board = (clean(row.get("job_board")) or "id-jobs").lower()
    location = clean(row.get("job_location")) or ""
    kalibrr = board == "kalibrr"
    place = parse_location(location, unresolved_country="PH" if kalibrr else None)
    salary = parse_salary(clean(row.get("base_salary")), currency="PHP" if kalibrr else "IDR")
    when: tuple[date | None, DateKind] = (parse_date(row.get("last_seen")), "posted")
    if when[0] is None:
        when = (parse_date(row.get("first_seen")), "seen")
    department = clean(row.get("job_department"))
    return _build(
        board,
        url_id(url),
        _required(row, "job_title", "title"),
        place,
        salary,
        location,
        posted_date=when[0],
        date_kind=when[1] if when[0] else "",
        category=department,
        company=clean(row.get("company")),
        url=url,
    )


def tangkas(row: Mapping[str, str]) -> Posting:
    """Tangkas' own format (the :class:`Posting` field names), as written by ``write_postings``."""

    def text(name: str) -> str | None:
        return clean(row.get(name))

    kind = text("date_kind") or ""
    return Posting(
        source=_required(row, "source", "source"),
        external_id=_required(row, "external_id", "external_id"),
        title=_required(row, "title", "title"),
        text=row.get("text", "") or "",
        province_code=text("province_code"),
        province=text("province"),
        city=text("city"),
        posted_date=parse_date(row.get("posted_date")),
        salary_min=_int(row.get("salary_min")),
        salary_max=_int(row.get("salary_max")),
        education=text("education"),
        experience_years_min=_int(row.get("experience_years_min")),
        category=text("category"),
        company=text("company"),
        url=text("url"),
        location=row.get("location", "") or "",
        place_kind=text("place_kind") or "unknown",
        country=text("country"),
        date_kind=kind if kind in ("posted", "seen", "snapshot") else "",  # type: ignore[arg-type]
        salary_status=text("salary_status") or "hidden",
        other_places=_int(row.get("other_places")) or 0,
        skills=tuple(s for s in (row.get("skills") or "").split("|") if s),
    )
