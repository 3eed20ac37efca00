"""Text preparation for job ads and CVs: clauses with offsets, sections, language hints, boilerplate.

Ads are laid out as headed sections ("Kualifikasi :", "Requirements:") of bullets or numbered
lines. ``split_clauses`` cuts the text into clauses (a bullet, a line, or a sentence of a
paragraph), remembers where each came from (``start``/``end`` offsets into the original text), which
section it sits in, a language hint, and whether it is boilerplate (company profile, benefits, how
to apply, diversity statements) rather than about the work.

>>> clauses = split_clauses("Kualifikasi:\\n- Mampu mengoperasikan Microsoft Excel\\n- Familiar with SAP")
>>> [(c.text, c.section, c.lang) for c in clauses]
[('Mampu mengoperasikan Microsoft Excel', 'requirements', 'id'), ('Familiar with SAP', 'requirements', 'en')]
>>> text = "Kualifikasi:\\n- Mampu mengoperasikan Microsoft Excel"
>>> c = clauses[0]; text[c.start:c.end]
'Mampu mengoperasikan Microsoft Excel'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from tangkas.loading import load_once
from tangkas.text.lang import en, id, ms
from tangkas.text.normalize import normalize

Section = Literal[
    "intro",
    "requirements",
    "responsibilities",
    "skills",
    "benefits",
    "company",
    "apply",
    "other",
    "profile",
    "experience",
    "education",
    "personal",
]
LangHint = Literal["id", "en", "ms", "mixed", "unknown"]
BOILERPLATE_SECTIONS: frozenset[str] = frozenset({"benefits", "company", "apply", "personal"})
FIELD_SECTIONS: frozenset[str] = frozenset({"benefits", "other", "education", "personal"})
"""Kinds whose inline heading ("Pendidikan: SMA", "Lokasi: Jakarta", "No HP: ...") is a one-line
field: the lines after it stay in the section they were in."""
MAX_HEADER_WORDS = 6
MAX_CLAUSE_CHARS = 400

_LINE = re.compile(r"[^\n\r]+")
_BULLET = re.compile(r"^\s*(?:[-–—•*·●▪►>+✓✔☑o]\s*|\(?\d{1,2}[.)](?:\s+|(?=[A-Za-z]))|\(?[a-zA-Z][.)]\s+)")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]\"'%][.!?;])\s+(?=[A-Z(\"'])|\s+[•|]\s+")
_ABBREVIATIONS = frozenset(
    "min maks max dll dsb pt cv jl no sr jr dr tbk etc eg ie vs bpk ibu st ms kab kec".split()
)
_WORD = re.compile(r"[a-z]+")
_EMAIL_OR_URL = re.compile(r"\S+@\S+\.\w+|https?://\S+|www\.\S+")
# Personal data on CVs: phone numbers (08.., +62 8..), 16-digit NIK, street addresses ("Jl. ...").
_PERSONAL = re.compile(r"(?:\+62|\b0)\s?8\d{1,3}[\s.-]?\d{3,4}[\s.-]?\d{2,5}|\b\d{16}\b|\bjln?\.?\s")
MAX_JOB_LINE_WORDS = 14
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_EMPLOYER = re.compile(r"(?:^|\s)(?:pt|cv|ud|tbk|ltd|inc|sdn bhd)\.?\s", re.IGNORECASE)
_JOB_TITLE_END = re.compile(
    r"\s+[-–—|@]\s+|\s*[,(|]\s*|\s+(?:di|at|pada)\s+|(?:^|\s)(?:pt|cv)\.?\s|\b(?:19|20)\d\d\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a text, with its place in the original string."""

    text: str
    start: int
    end: int
    section: Section
    lang: LangHint
    boilerplate: bool
    job_line: bool = False
    """A CV's job line ("Admin Gudang - PT Sinar Logistik (2019 - 2022)"): a title, not a skill."""


@load_once
def _boilerplate_patterns() -> re.Pattern[str]:
    return re.compile("|".join(id.BOILERPLATE_PATTERNS + en.BOILERPLATE_PATTERNS))


@load_once
def _headers() -> tuple[dict[str, str], tuple[str, ...], frozenset[str]]:
    """Heading -> kind, the headings longest first, and the words allowed after a heading word."""
    headers = {**id.SECTION_HEADERS, **en.SECTION_HEADERS}
    longest_first = tuple(sorted(headers, key=lambda h: (-len(h), h)))
    words = {w for h in headers for w in h.split()}
    return headers, longest_first, frozenset(words | id.HEADING_WORDS | en.HEADING_WORDS)


def section_of(line: str) -> Section | None:
    """The section a heading line opens, or ``None`` if the line is not a heading.

    A heading is a known heading, or one followed by a colon or by heading words only
    ("Kualifikasi Khusus"); "Kemampuan komunikasi" is a skill, not a heading.

    >>> section_of("Tanggung Jawab Pekerjaan :"), section_of("Requirements"), section_of("Mampu bekerja")
    ('responsibilities', 'requirements', None)
    >>> section_of("Kualifikasi Khusus"), section_of("Kemampuan komunikasi"), section_of("Pengalaman Kerja")
    ('requirements', None, 'experience')
    """
    stripped = line.strip()
    words = normalize(stripped).split()
    if not words or len(words) > MAX_HEADER_WORDS:
        return None
    key = " ".join(words)
    headers, longest_first, heading_words = _headers()
    if key in headers:
        return headers[key]  # type: ignore[return-value]
    for header in longest_first:
        if key.startswith(header + " "):
            rest = key[len(header) + 1 :].split()
            if stripped.endswith(":") or all(w in heading_words for w in rest):
                return headers[header]  # type: ignore[return-value]
            return None
    return None


def language_hint(text: str) -> LangHint:
    """A hint of the language of a clause from its function words: id, en, ms, mixed or unknown.

    >>> language_hint("Mampu bekerja dalam tim"), language_hint("Able to work in a team")
    ('id', 'en')
    >>> language_hint("Pengalaman min. 2 tahun, familiar with SAP and Excel"), language_hint("SAP")
    ('mixed', 'unknown')
    >>> language_hint("Boleh bertutur dalam Bahasa Inggeris dengan fasih")
    'ms'
    """
    words = _WORD.findall(text.lower())
    n_id = sum(w in id.FUNCTION_WORDS for w in words)
    n_en = sum(w in en.FUNCTION_WORDS for w in words)
    n_ms = sum(w in ms.MARKERS for w in words)
    if n_ms and n_ms >= n_en:
        return "ms"
    if n_id and n_en:
        return "mixed"
    if n_id:
        return "id"
    if n_en:
        return "en"
    return "unknown"


def is_boilerplate(text: str) -> bool:
    """Whether a clause is about the employer or the application rather than the work.

    >>> is_boilerplate("Kirim lamaran ke hrd@contoh.co.id"), is_boilerplate("Menguasai Microsoft Excel")
    (True, False)
    """
    lowered = text.lower()
    return bool(
        _EMAIL_OR_URL.search(lowered) or _PERSONAL.search(lowered) or _boilerplate_patterns().search(lowered)
    )


def is_job_line(text: str) -> bool:
    """Whether a line of a CV's experience section names a job: a short line with years or an employer.

    >>> is_job_line("Admin Gudang - PT Sinar Logistik (2019 - sekarang)")
    True
    >>> is_job_line("Mengelola stok barang")
    False
    """
    return len(text.split()) <= MAX_JOB_LINE_WORDS and bool(_YEAR.search(text) or _EMPLOYER.search(text))


def job_title(line: str) -> str:
    """The job title part of a CV job line: the text before the employer, the dates or a separator.

    >>> job_title("Admin Gudang - PT Sinar Logistik (2019 - sekarang)")
    'Admin Gudang'
    >>> job_title("Sales Executive at Acme, 2020")
    'Sales Executive'
    """
    return _JOB_TITLE_END.split(line, maxsplit=1)[0].strip(" -–—|,.:")


def job_titles(text: str) -> list[str]:
    """The titles of a CV's job lines, in reading order, without repeats.

    >>> job_titles("Pengalaman Kerja\\nAdmin Gudang - PT Sinar (2019 - 2022)\\n- Mengelola stok")
    ['Admin Gudang']
    """
    titles = (job_title(c.text) for c in split_clauses(text) if c.job_line)
    return list(dict.fromkeys(t for t in titles if t))


def _sentences(line: str, offset: int) -> list[tuple[str, int]]:
    pieces: list[tuple[str, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        before = line[start : match.start()].rstrip(".!?; ").split()
        last = before[-1].lower().rstrip(".)") if before else ""
        if (len(before) <= 1 and len(last) <= 2) or last in _ABBREVIATIONS:
            continue
        pieces.append((line[start : match.start()], offset + start))
        start = match.end()
    pieces.append((line[start:], offset + start))
    return pieces


def _trimmed(piece: str, offset: int) -> tuple[str, int] | None:
    bullet = _BULLET.match(piece)
    skip = bullet.end() if bullet else 0
    body = piece[skip:]
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    return (body, offset + skip + lead) if body else None


def split_clauses(text: str) -> list[Clause]:
    """Clauses of an ad or CV in reading order, with offsets, section, language hint and boilerplate flag."""
    clauses: list[Clause] = []
    section: Section = "intro"
    for line_match in _LINE.finditer(text):
        line = line_match.group()
        bulleted = _BULLET.match(line) is not None
        heading = section_of(_BULLET.sub("", line))
        if heading is None and ":" in line:
            heading = section_of(_BULLET.sub("", line.split(":", 1)[0]) + ":")
        line_section = section
        if heading is not None:
            rest = line.split(":", 1)[1] if ":" in line else ""
            if not rest.strip():
                section = heading
                continue
            # "Kualifikasi: S1 ..." opens a section; "- Pendidikan: SMA" or "Nama: ..." is one field.
            if not bulleted and heading not in FIELD_SECTIONS:
                section = heading
            line_section = heading
            line_offset = line_match.start() + line.index(":") + 1
            line = rest
        else:
            line_offset = line_match.start()
        for piece, offset in _sentences(line, line_offset):
            for chunk_start in range(0, len(piece), MAX_CLAUSE_CHARS):
                trimmed = _trimmed(piece[chunk_start : chunk_start + MAX_CLAUSE_CHARS], offset + chunk_start)
                if trimmed is None or not any(ch.isalnum() for ch in trimmed[0]):
                    continue
                body, start = trimmed
                clauses.append(
                    Clause(
                        text=body,
                        start=start,
                        end=start + len(body),
                        section=line_section,
                        lang=language_hint(body),
                        boilerplate=line_section in BOILERPLATE_SECTIONS or is_boilerplate(body),
                        job_line=line_section == "experience" and not bulleted and is_job_line(body),
                    )
                )
    return clauses


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """``normalize(text)`` with, for each of its characters, the offset of its source character.

    >>> norm, where = normalize_with_offsets("  Microsoft-Excel!")
    >>> norm, where[norm.index("excel")]
    ('microsoft excel', 12)
    """
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if not low.isascii():
            low = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
        for c in low:
            keep = c.isascii() and (c.isalnum() or c in "+#")
            if keep:
                chars.append(c)
                where.append(i)
            elif chars and chars[-1] != " ":
                chars.append(" ")
                where.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        where.pop()
    return "".join(chars), where
