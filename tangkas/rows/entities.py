"""The importable entities: postings (declared beside :class:`~tangkas.market.postings.Posting`), courses
(beside :class:`~tangkas.training.catalog.Course`) and workers (here).

Validation (:mod:`tangkas.rows.validate`), the Arrow schema of files and staging tables, and the SQL
columns the store reads and writes are all derived from these specifications; a test holds the store's
tables to them.

>>> POSTINGS.key, WORKERS.field("nik").personal, COURSES.row_check is not None
(('source', 'external_id'), True, True)
"""

from __future__ import annotations

import re

from tangkas.errors import TangkasError
from tangkas.market.postings import POSTINGS
from tangkas.rows.fields import Field, Spec, keyed
from tangkas.rows.nik import NIK_RULE
from tangkas.training.course_rows import COURSES

NIK = re.compile(
    r"^(1[1-9]|[2-8][0-9]|9[0-4])[0-9]{4}(0[1-9]|[1-2][0-9]|3[01]|4[1-9]|[5-6][0-9]|7[01])(0[1-9]|1[0-2])[0-9]{6}$"
)
"""A NIK's shape: 16 digits, a province code 11-94, a day of birth 01-31 (41-71 for women) and a month;
:func:`tangkas.rows.nik.nik_problem` also checks the date itself (no 30 February)."""
LEGAL_BASES = frozenset(
    {"consent", "contract", "legal_obligation", "vital_interest", "public_task", "legitimate_interest"}
)
"""Why a worker's data is processed: the bases of UU 27/2022 Pasal 20 ayat (2) (see docs/privacy.md)."""


WORKERS = keyed(
    "workers",
    Field("office_code", required=True),
    Field("full_name", required=True, personal=True),
    Field("nik", personal=True, pattern=NIK, rule=NIK_RULE),
    Field("phone", personal=True),
    Field("gender", choices=frozenset({"F", "M", "X"}), personal=True),
    Field("birth_year", "int", minimum=1930, maximum=2015, personal=True),
    Field("province_code"),
    Field("city"),
    Field("occupations"),
    Field("skills"),
    Field("migrant_status", choices=frozenset({"none", "prospective", "current", "returned"}), personal=True),
    Field("placement_country", personal=True),
    Field("bpjs_ketenagakerjaan", "bool", personal=True),
    Field("bpjs_kesehatan", "bool", personal=True),
    Field("legal_basis", choices=LEGAL_BASES, default="public_task"),
    Field("consent_at", "date"),
    uri_lists=("occupations", "skills"),
    unique=("nik",),
)
"""A registered worker; the personal fields are readable only by their office's counsellors, and their
values never appear in an error (which says what the field accepts instead). ``birth_year`` is bounded
to people of working age or older in the years Tangkas serves (1930..2015)."""

SPECS: dict[str, Spec] = {spec.kind: spec for spec in (POSTINGS, WORKERS, COURSES)}


def spec_for(kind: str) -> Spec:
    """The specification of an entity; raises TangkasError for an unknown kind."""
    if kind not in SPECS:
        raise TangkasError(f"unknown import kind {kind!r}: choose {', '.join(sorted(SPECS))}")
    return SPECS[kind]
