"""The importable entities: postings (declared beside :class:`~tangkas.market.postings.Posting`), courses
(beside :class:`~tangkas.training.catalog.Course`), workers, and their social-security memberships, PMI
placements, placement documents and course enrolments (here).

Validation (:mod:`tangkas.rows.validate`), the Arrow schema of files and staging tables, and the SQL
columns the store reads and writes are all derived from these specifications; a test holds the store's
tables to them.

>>> POSTINGS.key, WORKERS.field("nik").personal, COURSES.row_check is not None
(('source', 'external_id'), True, True)
"""

from __future__ import annotations

import re

from tangkas.countries import COUNTRY_RULE, country_codes
from tangkas.errors import TangkasError
from tangkas.market.postings import POSTINGS
from tangkas.rows.fields import Field, Overlap, Reference, Spec, keyed
from tangkas.rows.nik import NIK_RULE
from tangkas.rows.rules import in_order, needed_when, only_when
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

PROGRAMMES = ("JKK", "JKM", "JHT", "JP", "JKP", "JKN")
"""Social-security programmes: employment injury, death, old age, pension, job loss (BPJS
Ketenagakerjaan) and national health insurance (BPJS Kesehatan)."""
SEGMENTS = ("wage", "non_wage", "pmi", "construction")
"""BPJS Ketenagakerjaan participant segments: wage earners, non-wage earners, migrant workers, and
construction services."""
SECTORS = (
    "domestic_work",
    "caregiving",
    "manufacturing",
    "construction",
    "plantation",
    "agriculture",
    "fishing",
    "hospitality",
    "services",
    "other",
)
PLACEMENT_STATUSES = ("prospective", "abroad", "returned")
DOCUMENTS = (
    "marriage_status",
    "family_permission",
    "competency_certificate",
    "health_certificate",
    "passport",
    "work_visa",
    "placement_agreement",
    "employment_contract",
)
"""The eight documents a PMI needs to depart, in the order of UU 18/2017 Pasal 13: a marriage certificate
or statement, written permission of the spouse, parents or guardian, a competency certificate, a health
and psychological fitness certificate, passport, work visa, placement agreement, employment contract."""
ISCO = re.compile(r"^[0-9]{1,4}$")
ISCO_RULE = "an ISCO-08 code of 1 to 4 digits (5322)"

WORKER = Reference("worker_id", "workers", ("worker_source", "worker_external_id"), "t.erased_at IS NULL")
"""A membership or placement names its worker by the worker's ``(source, external_id)``."""
PLACEMENT = Reference(
    "placement_id",
    "placements",
    ("placement_source", "placement_external_id"),
    office="t.worker_id IN (SELECT w.id FROM workers w WHERE w.office_code = ?)",
)
"""A document names its placement by the placement's ``(source, external_id)``."""
COURSE = Reference("course_id", "courses", ("course_source", "course_external_id"), office=None)
"""An enrolment names its course by the course's ``(source, external_id)``. The catalog is not bound to
an office: a counsellor may enrol their office's workers in any course."""


def _names(reference: Reference) -> tuple[Field, ...]:
    return tuple(Field(name, required=True, personal=True) for name in reference.fields)


MEMBERSHIPS = keyed(
    "memberships",
    *_names(WORKER),
    Field("programme", required=True, choices=frozenset(PROGRAMMES), personal=True),
    Field("segment", required=True, choices=frozenset(SEGMENTS), personal=True),
    Field("valid_from", "date", required=True, personal=True),
    Field("paid_until", "date", required=True, personal=True),
    references=(WORKER,),
    rules=(in_order("valid_from", "paid_until"),),
    overlap=Overlap(("worker_id", "programme"), "valid_from", "paid_until"),
)
"""A spell of social-security membership: one programme, from ``valid_from`` to the day contributions
are paid until. Two spells of one programme for one worker may not overlap. Every field is personal
(UU 27/2022): no value appears in an error."""

PLACEMENTS = keyed(
    "placements",
    *_names(WORKER),
    Field("destination", required=True, choices=country_codes(), personal=True, rule=COUNTRY_RULE),
    Field("sector", required=True, choices=frozenset(SECTORS), personal=True),
    Field("occupation_uri", personal=True),
    Field("isco", pattern=ISCO, personal=True, rule=ISCO_RULE),
    Field("agency", personal=True),
    Field("contract_start", "date", personal=True),
    Field("contract_end", "date", personal=True),
    Field("departed_on", "date", personal=True),
    Field("returned_on", "date", personal=True),
    Field("status", required=True, choices=frozenset(PLACEMENT_STATUSES), personal=True),
    Field("fee_charged_idr", "float", minimum=0, maximum=1e9, personal=True),
    uri_lists=("occupation_uri",),
    references=(WORKER,),
    rules=(
        in_order("contract_start", "contract_end"),
        in_order("departed_on", "returned_on"),
        needed_when("departed_on", "status", "abroad"),
        needed_when("returned_on", "status", "returned"),
    ),
)
"""A PMI placement: where (ISO 3166-1 alpha-2), in which sector and occupation (ESCO, ISCO-08), through
which placement agency (P3MI), the contract, departure and return, and what the worker was charged
(UU 18/2017 Pasal 30 forbids charging placement costs to the worker). ``abroad`` needs a departure date,
``returned`` a return date. Every field is personal: migration status is sensitive."""

PLACEMENT_DOCUMENTS = keyed(
    "placement_documents",
    *_names(PLACEMENT),
    Field("document", required=True, choices=frozenset(DOCUMENTS), personal=True),
    Field("issued_on", "date", required=True, personal=True),
    Field("expires_on", "date", personal=True),
    references=(PLACEMENT,),
    rules=(in_order("issued_on", "expires_on"),),
)
"""One of the documents of :data:`DOCUMENTS` held for a placement. Every field is personal."""

ENROLMENT_STATUSES = ("enrolled", "completed", "dropped")
"""Where a worker's place on a course stands: enrolled (taking it), completed, or dropped out."""

ENROLMENTS = keyed(
    "enrolments",
    *_names(WORKER),
    *_names(COURSE),
    Field("status", required=True, choices=frozenset(ENROLMENT_STATUSES), personal=True),
    Field("enrolled_on", "date", personal=True),
    Field("completed_on", "date", personal=True),
    Field("certified", "bool", personal=True, default=False),
    Field("placed", "bool", personal=True, default=False),
    Field("placed_on", "date", personal=True),
    Field("placed_occupation_uri", personal=True),
    Field("placed_isco", pattern=ISCO, personal=True, rule=ISCO_RULE),
    uri_lists=("placed_occupation_uri",),
    references=(WORKER, COURSE),
    rules=(
        in_order("enrolled_on", "completed_on"),
        in_order("enrolled_on", "placed_on"),
        needed_when("completed_on", "status", "completed"),
        only_when("completed_on", "status", "completed"),
        only_when("placed_on", "placed", True),
        only_when("placed_occupation_uri", "placed", True),
        only_when("placed_isco", "placed", True),
    ),
)
"""A worker's place on a course (a training outcome): its status, when it started and was completed,
whether it gave a certificate, and whether the worker found a job after it (``placed``: when, in which
occupation, ESCO and ISCO-08). ``completed`` needs ``completed_on``, which no other status may have; the
placement's day and occupation only with ``placed``; a worker may take one course twice (two keys).
Every field is personal: no value appears in an error."""

SPECS: dict[str, Spec] = {
    spec.kind: spec
    for spec in (POSTINGS, WORKERS, COURSES, MEMBERSHIPS, PLACEMENTS, PLACEMENT_DOCUMENTS, ENROLMENTS)
}


def spec_for(kind: str) -> Spec:
    """The specification of an entity; raises TangkasError for an unknown kind."""
    if kind not in SPECS:
        raise TangkasError(f"unknown import kind {kind!r}: choose {', '.join(sorted(SPECS))}")
    return SPECS[kind]
