"""The vacancy model every feed adapter produces, and duplicate detection within and across sources.

A :class:`Posting` is one ad, normalised: location resolved to a BPS province (and regency/city where
the ad names one), pay as a monthly IDR range, minimum education and experience. Two keys find
duplicates: :meth:`Posting.posting_key` (the same ad twice in one source) and
:meth:`Posting.near_duplicate_key` (the same vacancy on two portals: normalised title, company,
city and month).

>>> a = Posting("lokerid", "1", "Staff Admin Gudang", company="PT Maju Jaya", city="Kota Bekasi",
...             posted_date=date(2025, 7, 9))
>>> b = Posting("dealls", "x", "Admin Gudang (Staff)", company="PT. Maju Jaya", city="Kota Bekasi",
...             posted_date=date(2025, 7, 21))
>>> a.near_duplicate_key() == b.near_duplicate_key()
True
>>> [p.source for p in dedupe([a, b, a])]
['lokerid']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

from tangkas.market.salary import MAX_MONTHLY_IDR
from tangkas.rows.fields import Field, keyed

DateKind = Literal["posted", "seen", "snapshot", ""]
EDUCATION_LEVELS: tuple[str, ...] = ("sd", "smp", "sma", "d1", "d2", "d3", "d4", "s1", "profesi", "s2", "s3")
EDUCATION_WORDS: dict[str, str] = {
    "sd": "sd",
    "smp": "smp",
    "sltp": "smp",
    "sma": "sma",
    "smk": "sma",
    "stm": "sma",
    "slta": "sma",
    "ma": "sma",
    "high school": "sma",
    "d1": "d1",
    "d2": "d2",
    "d3": "d3",
    "diploma": "d3",
    "d4": "d4",
    "s1": "s1",
    "sarjana": "s1",
    "bachelor": "s1",
    "profesi": "profesi",
    "s2": "s2",
    "master": "s2",
    "magister": "s2",
    "s3": "s3",
    "doctor": "s3",
    "doktor": "s3",
    "phd": "s3",
}
_EDUCATION = re.compile(r"\b(" + "|".join(sorted(EDUCATION_WORDS, key=len, reverse=True)) + r")\b")
_EXPERIENCE = re.compile(
    r"(?:pengalaman|experience|berpengalaman)[^.\n]{0,40}?(?:min(?:imal|imum)?\.?|at least|minimum of)?\s*"
    r"(\d{1,2})\s*(?:\+\s*)?(?:-\s*\d{1,2}\s*)?(?:tahun|thn|years?|yrs?)"
    r"|(?:min(?:imal|imum)?\.?|at least)\s*(\d{1,2})\s*(?:\+\s*)?(?:tahun|thn|years?|yrs?)",
    re.IGNORECASE,
)
_COMPANY_NOISE = re.compile(r"\b(pt|cv|tbk|persero|ltd|inc|corp|co|limited|indonesia|group)\b\.?")
_TITLE_NOISE = re.compile(
    r"\(.*?\)|\[.*?\]|\b(urgent|dibutuhkan|lowongan|loker|hiring|segera|staff|staf|junior|senior|jr|sr)\b"
)


@dataclass(frozen=True, slots=True)
class Posting:
    """One vacancy, normalised. Pay is monthly IDR (``None`` when hidden, foreign or unparsed);
    ``date_kind`` says what ``posted_date`` is (``posted``, ``seen`` by a crawler, or a feed's
    ``snapshot`` date); ``location`` keeps the ad's own words, ``place_kind`` what they resolved to
    (``city``, ``province``, ``country``, ``remote``, ``abroad``, ``unknown``) and ``other_places``
    how many more places the ad lists (the first is the one kept)."""

    source: str
    external_id: str
    title: str
    text: str = ""
    province_code: str | None = None
    province: str | None = None
    city: str | None = None
    posted_date: date | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    education: str | None = None
    experience_years_min: int | None = None
    category: str | None = None
    company: str | None = None
    url: str | None = None
    location: str = ""
    place_kind: str = "unknown"
    country: str | None = None
    date_kind: DateKind = ""
    salary_status: str = "hidden"
    other_places: int = 0
    skills: tuple[str, ...] = field(default=(), repr=False)

    def posting_key(self) -> tuple[str, str]:
        """Identity within a source: the same ad crawled twice has the same key."""
        return self.source, self.external_id

    def near_duplicate_key(self) -> tuple[str, str, str, str]:
        """The same vacancy on several portals: normalised title, company, city (else province) and month."""
        month = self.posted_date.strftime("%Y-%m") if self.posted_date else ""
        where = self.city or self.province_code or self.place_kind
        return normalize_title(self.title), normalize_company(self.company or ""), where, month

    @property
    def month(self) -> str | None:
        return self.posted_date.strftime("%Y-%m") if self.posted_date else None


MAX_EXPERIENCE_YEARS = 60
"""No ad can ask for more years of work than a working life has."""
MAX_OTHER_PLACES = 10_000
"""An ad listing more places than this is a feed's fault, not a vacancy."""


def monthly_idr(value: float | None) -> int | None:
    """Stored pay as whole rupiah when it is plausible monthly pay (0 .. ``MAX_MONTHLY_IDR``), else
    None: a value stored before the bounds held (``1e19``) is left out of pay figures, not a crash.

    >>> monthly_idr(4_500_000.0), monthly_idr(1e19), monthly_idr(-1.0), monthly_idr(None)
    (4500000, None, None, None)
    """
    if value is None or not 0 <= value <= MAX_MONTHLY_IDR:
        return None
    return int(value)


POSTINGS = keyed(
    "postings",
    Field("title", required=True),
    Field("text"),
    Field("company"),
    Field("province_code"),
    Field("province"),
    Field("city"),
    Field("posted_date", "date"),
    Field("salary_min", "float", minimum=0, maximum=MAX_MONTHLY_IDR),
    Field("salary_max", "float", minimum=0, maximum=MAX_MONTHLY_IDR),
    Field("education"),
    Field("experience_years_min", "float", minimum=0, maximum=MAX_EXPERIENCE_YEARS),
    Field("category"),
    Field("url"),
    Field("location"),
    Field("place_kind"),
    Field("country"),
    Field("date_kind"),
    Field("salary_status"),
    Field("other_places", "int", minimum=0, maximum=MAX_OTHER_PLACES),
    Field("skills"),
    Field("occupation_uri"),
    Field("isco", pattern=re.compile(r"^\d{4}$")),
    uri_lists=("occupation_uri",),
)
"""A vacancy as a row: every :class:`Posting` field (``skills``, the ad's own tags, joined by ``|``) and,
for feeds that come coded, the occupation. Store imports, feed files and the postings table use it.
Every number is bounded: pay is monthly IDR, 0 .. ``MAX_MONTHLY_IDR`` (2 billion, the salary parser's
own limit of plausible pay), experience 0 .. 60 years, other places 0 .. 10,000."""
POSTING_FIELDS = tuple(f.name for f in fields(Posting))


def posting_row(posting: Posting) -> dict[str, Any]:
    """A posting as a row of :data:`POSTINGS` (empty text and tags as None).

    >>> row = posting_row(Posting("demo", "1", "Kasir", skills=("excel", "kasir")))
    >>> row["skills"], row["text"], row["synthetic"]
    ('excel|kasir', None, False)
    """
    row: dict[str, Any] = {name: getattr(posting, name) for name in POSTING_FIELDS}
    row["skills"] = "|".join(posting.skills) or None
    row["text"] = posting.text or None
    return {**row, "occupation_uri": None, "isco": None, "synthetic": False}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def normalize_title(title: str) -> str:
    """Title words that survive portal formatting, sorted (``Admin Gudang (Staff)`` = ``Staff Admin Gudang``).

    >>> normalize_title("URGENT!! Staff Admin Gudang (Cikarang)")
    'admin gudang'
    """
    words = re.sub(r"[^a-z0-9]+", " ", _TITLE_NOISE.sub(" ", _fold(title))).split()
    return " ".join(sorted(words))


def normalize_company(company: str) -> str:
    """Company name without legal forms and punctuation (``PT. Maju Jaya Tbk`` -> ``maju jaya``).

    >>> normalize_company("PT. Maju Jaya Tbk"), normalize_company("Perusahaan Dirahasiakan")
    ('maju jaya', '')
    """
    folded = _fold(company)
    if "dirahasiakan" in folded or "confidential" in folded:
        return ""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", _COMPANY_NOISE.sub(" ", folded)).split())


def education_level(text: str | Iterable[str]) -> str | None:
    """The lowest schooling an ad accepts, on the Indonesian ladder (``sd`` ... ``s3``).

    >>> education_level("D3, S1"), education_level(["Sarjana/S1", "SMA/SMK/STM"]), education_level("-")
    ('d3', 'sma', None)
    """
    joined = text if isinstance(text, str) else " ".join(text)
    found = {EDUCATION_WORDS[m.group(1)] for m in _EDUCATION.finditer(joined.lower())}
    return min(found, key=EDUCATION_LEVELS.index) if found else None


def experience_from_text(text: str) -> int | None:
    """Minimum years of experience stated in ad text (``minimal 2 tahun``, ``at least 3 years``);
    an age limit (``usia minimal 20 tahun``) is not experience.

    >>> experience_from_text("Pengalaman minimal 2 tahun di bidang yang sama")
    2
    >>> experience_from_text("At least 3+ years of experience"), experience_from_text("Fresh graduate")
    (3, None)
    >>> experience_from_text("Usia minimal 20 tahun, maksimal 35 tahun")
    """
    for match in _EXPERIENCE.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()].lower()
        if match.group(2) and re.search(r"(usia|umur|age|berusia)\W*$", before):
            continue
        years = int(match.group(1) or match.group(2))
        return years if years <= MAX_EXPERIENCE_YEARS else None
    return None


def dedupe(postings: Iterable[Posting], *, across_sources: bool = True) -> Iterator[Posting]:
    """Postings with repeats removed, first seen kept: the same source and id, and (unless
    ``across_sources`` is false) an ad from another source with the same near-duplicate key and a named
    company. Streams; memory grows with the number of distinct keys."""
    seen_ids: set[tuple[str, str]] = set()
    first_source: dict[tuple[str, str, str, str], str] = {}
    for posting in postings:
        key = posting.posting_key()
        if key in seen_ids:
            continue
        seen_ids.add(key)
        if across_sources:
            near = posting.near_duplicate_key()
            if near[0] and near[1]:
                source = first_source.setdefault(near, posting.source)
                if source != posting.source:
                    continue
        yield posting
