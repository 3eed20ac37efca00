"""Demo data for ``make run``: synthetic postings, courses and workers, with the workers'
social-security spells, PMI placements and placement documents, and the young workers' interest profiles;
every row marked synthetic.

Nothing here is real: postings come from the seeded synthetic feed (titles are ESCO labels, ad texts
from templates, checked by the fair-ads checker like any imported posting), courses
from the seeded demo catalog (providers named ``[DEMO] ...``), workers are invented (names ``Pekerja
Demo NNN``, NIKs with serial ``0000``, which no one is issued), and their records come from
:mod:`tangkas.services.demo_records`, their interest profiles from :mod:`tangkas.services.demo_interests`.
Loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from tangkas.countries import country
from tangkas.market.synthetic import synthetic_table
from tangkas.market.synthetic_ads import synthetic_ad_texts
from tangkas.services.demo_interests import load_demo_profiles
from tangkas.services.demo_records import SOURCE, demo_records
from tangkas.services.fair_ads import check_stored_ads
from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.coding import save_known_codings
from tangkas.store.keys import ApiKey, create_key, list_keys, revoke_key
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import CourseCatalog
from tangkas.training.course_rows import course_row
from tangkas.training.demo_catalog import generate_demo_catalog

SEED = 20261128
DEMO_KEY_LABEL = "demo counsellor (make run)"
"""The label of the counsellor key ``serve --demo`` makes: only such keys are replaced by the next run."""
OFFICES = (("DEMO-BDG", "32"), ("DEMO-SBY", "35"), ("DEMO-JKT", "31"), ("DEMO-MKS", "73"))
# Occupations common among registered job seekers (ESCO preferred labels).
WORKER_OCCUPATIONS = (
    "tailor",
    "sewing machine operator",
    "taxi driver",
    "cargo vehicle driver",
    "cashier",
    "warehouse worker",
    "cook",
    "building cleaner",
    "welder",
    "shop assistant",
)


@dataclass(frozen=True)
class DemoReport:
    postings: int
    courses: int
    workers: int
    memberships: int = 0
    placements: int = 0
    documents: int = 0
    profiles: int = 0
    enrolments: int = 0


def _posting_rows(count: int) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    table = synthetic_table(count, seed=SEED)
    texts = synthetic_ad_texts(table, seed=SEED)
    rows = [
        {
            "source": r["source"],
            "external_id": r["external_id"],
            "title": r["title"],
            "text": text,
            "province_code": r["province_code"],
            "city": r["city"],
            "posted_date": r["posted_date"],
            "salary_min": r["salary_min"],
            "salary_max": r["salary_max"],
            "category": r["category"],
            "occupation_uri": r["occupation"],
            "isco": r["isco"],
            "synthetic": True,
        }
        for r, text in zip(table.to_pylist(), texts, strict=True)
    ]
    skills = dict(zip(table["external_id"].to_pylist(), table["skills"].to_pylist(), strict=True))
    return rows, skills


def _course_rows(catalog: CourseCatalog) -> list[dict[str, Any]]:
    return [{**course_row(c, "demo"), "synthetic": True} for c in catalog]


def demo_nik(province: str, n: int, gender: str, born: int, rng: np.random.Generator) -> str:
    """A NIK of sound structure for the ``n``-th demo worker of an office: its province, a district
    numbered from ``n`` (unique within the office), a random birth date in ``born`` (day + 40 for women),
    and serial ``0000``, the mark of a demo NIK (issued serials start at 0001).

    >>> nik = demo_nik("32", 7, "F", 1990, np.random.default_rng(1))
    >>> nik[:6], int(nik[6:8]) > 40, nik[10:], len(nik)
    ('320108', True, '900000', 16)
    """
    day, month = int(rng.integers(1, 29)), int(rng.integers(1, 13))
    regency, district = n // 99 + 1, n % 99 + 1
    birth = f"{day + 40 * (gender == 'F'):02d}{month:02d}{born % 100:02d}"
    return f"{province}{regency:02d}{district:02d}{birth}0000"


def _worker_rows(count: int) -> list[dict[str, Any]]:
    rng = np.random.default_rng(SEED)
    tax = load_taxonomy()
    by_label = {o.label_en: o.uri for o in tax.occupations}
    uris = [by_label[label] for label in WORKER_OCCUPATIONS]
    rows = []
    for i in range(count):
        office, province = OFFICES[i % len(OFFICES)]
        migrant = rng.choice(["none", "none", "none", "none", "returned", "prospective", "current"])
        gender, born = str(rng.choice(["F", "M"])), int(rng.integers(1965, 2006))
        rows.append(
            {
                "source": "demo",
                "external_id": f"w{i:04d}",
                "office_code": office,
                "full_name": f"Pekerja Demo {i:03d}",
                "nik": demo_nik(province, i // len(OFFICES), gender, born, rng),
                "phone": None,
                "gender": gender,
                "birth_year": born,
                "province_code": province,
                "occupations": uris[int(rng.integers(len(uris)))],
                "migrant_status": migrant,
                "placement_country": None,  # the destination of the worker's demo placement
                "bpjs_ketenagakerjaan": bool(rng.random() < 0.45),
                "bpjs_kesehatan": bool(rng.random() < 0.8),
                "synthetic": True,
            }
        )
        if migrant == "returned" and i % 2 == 0:
            # no occupation at home on record: their work abroad is where their journey starts
            # (tangkas.services.returned_pmi)
            rows[-1]["occupations"] = None
    return rows


ENROLLED_SHARE = 0.35
"""Demo workers who took a course. Of them: completed 55%, dropped 10%, still enrolled; of those who
completed, 70% certified and 45% in a job after it (invented shares, for a demo that shows every case)."""


def _enrolment_rows(
    people: list[dict[str, Any]], courses: list[dict[str, Any]], day: date
) -> list[dict[str, Any]]:
    """One synthetic enrolment for about a third of the demo workers, in a course of their province or
    online when there is one, its dates before ``day`` (the same workers and day give the same rows)."""
    rng = np.random.default_rng(SEED + 5)
    near: dict[str, list[dict[str, Any]]] = {}
    for course in courses:
        near.setdefault(str(course.get("province_code") or ""), []).append(course)
    rows = []
    for person in people:
        if rng.random() >= ENROLLED_SHARE:
            continue
        choices = near.get(str(person["province_code"]), []) + near.get("", []) or courses
        course = choices[int(rng.integers(len(choices)))]
        started = day - timedelta(days=int(rng.integers(30, 400)))
        draw = rng.random()
        status = "completed" if draw < 0.55 else "dropped" if draw < 0.65 else "enrolled"
        done = started + timedelta(days=int(rng.integers(14, 60))) if status == "completed" else None
        placed = done is not None and rng.random() < 0.45
        job = min(day, done + timedelta(days=int(rng.integers(7, 120)))) if placed and done else None
        rows.append(
            {
                "source": SOURCE,
                "external_id": f"e-{person['external_id']}",
                "worker_source": person["source"],
                "worker_external_id": person["external_id"],
                "course_source": course["source"],
                "course_external_id": course["external_id"],
                "status": status,
                "enrolled_on": started,
                "completed_on": done,
                "certified": done is not None and rng.random() < 0.7,
                "placed": placed,
                "placed_on": job,
                "synthetic": True,
            }
        )
    return rows


def _new(store: Store, table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The demo rows not stored yet: records drawn around another day would otherwise overlap the
    spells stored on the first."""
    stored = {
        k for (k,) in store.backend.execute(f"SELECT external_id FROM {table} WHERE source = ?", [SOURCE])
    }
    return [row for row in rows if row["external_id"] not in stored]


def load_demo(
    store: Store,
    *,
    postings: int = 20_000,
    workers: int = 400,
    progress: Callable[[str], None] | None = None,
    today: date | None = None,
) -> DemoReport:
    """Load the synthetic demo data (idempotent), the workers' records drawn around ``today``, and check
    every posting still waiting for the fair-ads checker (the demo's and any other), so the analyst
    page's prevalence covers the whole store."""
    say = progress or (lambda _: None)
    store.migrate()
    say("postings")
    rows, skills = _posting_rows(postings)
    inserted = import_rows(store, "postings", rows, "demo:postings").inserted
    if inserted:
        save_known_codings(store, "synthetic", skills, "synthetic")
    say("ad checks")
    check_stored_ads(store)
    say("courses")
    course_rows = _course_rows(generate_demo_catalog())
    courses = import_rows(store, "courses", course_rows, "demo:courses").inserted
    say("workers")
    people = _worker_rows(workers)
    day = today or date.today()
    records = demo_records(people, day)
    for person in people:
        destination = records.destinations.get(person["external_id"])
        person["placement_country"] = destination and country(destination).name_en
    registered = import_rows(store, "workers", people, "demo:workers").inserted
    say("memberships, placements, documents")
    counts = [
        import_rows(store, kind, _new(store, kind, rows), f"demo:{kind}").inserted
        for kind, rows in (
            ("memberships", records.memberships),
            ("placements", records.placements),
            ("placement_documents", records.documents),
        )
    ]
    say("enrolments")
    enrolled = _new(store, "enrolments", _enrolment_rows(people, course_rows, day))
    enrolments = import_rows(store, "enrolments", enrolled, "demo:enrolments").inserted
    say("interest profiles")
    profiles = load_demo_profiles(store, people, day)
    store.changed()
    memberships, placements, documents = counts
    return DemoReport(inserted, courses, registered, memberships, placements, documents, profiles, enrolments)


def demo_counsellor_key(store: Store) -> ApiKey:
    """A fresh counsellor key for the first demo office, to sign in to the demo; earlier demo keys are
    revoked, so one works at a time. It opens only the synthetic workers of ``DEMO-BDG``."""
    for key in list_keys(store):
        if key.label == DEMO_KEY_LABEL and key.revoked_at is None:
            revoke_key(store, key.prefix)
    return create_key(store, "counsellor", office_code=OFFICES[0][0], label=DEMO_KEY_LABEL)
