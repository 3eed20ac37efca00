"""The operational schema as numbered migrations, in SQL both DuckDB and PostgreSQL accept.

Personal data (workers' names, NIK, phone, migrant status) lives in ``workers``, and their
social-security membership spells, PMI placements and placement documents in ``memberships``,
``placements`` and ``placement_documents``, their course enrolments and outcomes in ``enrolments``, and
young people's interest profiles in ``interest_profiles`` (which name a worker or placement by id); every
read of it through the service is written to ``audit_log``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tangkas.store.base import Backend, StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]
    postgres_only: tuple[str, ...] = ()
    """Statements run after ``statements`` on PostgreSQL only (triggers DuckDB does not have)."""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "core entities",
        (
            "CREATE SEQUENCE posting_id_seq",
            "CREATE SEQUENCE worker_id_seq",
            "CREATE SEQUENCE course_id_seq",
            "CREATE SEQUENCE provider_id_seq",
            "CREATE SEQUENCE enrolment_id_seq",
            "CREATE SEQUENCE api_key_id_seq",
            "CREATE SEQUENCE audit_id_seq",
            """CREATE TABLE offices (
                code TEXT PRIMARY KEY, name TEXT NOT NULL, province_code TEXT)""",
            """CREATE TABLE postings (
                id BIGINT PRIMARY KEY DEFAULT nextval('posting_id_seq'),
                source TEXT NOT NULL, external_id TEXT NOT NULL, title TEXT NOT NULL, text TEXT,
                company TEXT, province_code TEXT, province TEXT, city TEXT, posted_date DATE,
                salary_min DOUBLE PRECISION, salary_max DOUBLE PRECISION, education TEXT,
                experience_min DOUBLE PRECISION, category TEXT, url TEXT,
                occupation_uri TEXT, isco TEXT, occupation_score DOUBLE PRECISION, coded_at TIMESTAMP,
                synthetic BOOLEAN NOT NULL DEFAULT FALSE,
                UNIQUE (source, external_id))""",
            """CREATE TABLE posting_skills (
                posting_id BIGINT NOT NULL, skill_uri TEXT NOT NULL, confidence DOUBLE PRECISION,
                method TEXT, PRIMARY KEY (posting_id, skill_uri))""",
            """CREATE TABLE workers (
                id BIGINT PRIMARY KEY DEFAULT nextval('worker_id_seq'),
                source TEXT NOT NULL, external_id TEXT NOT NULL, office_code TEXT NOT NULL,
                full_name TEXT NOT NULL, nik TEXT, phone TEXT, gender TEXT, birth_year INTEGER,
                province_code TEXT, city TEXT, occupations TEXT, skills TEXT,
                migrant_status TEXT, placement_country TEXT,
                bpjs_ketenagakerjaan BOOLEAN, bpjs_kesehatan BOOLEAN, notes TEXT,
                synthetic BOOLEAN NOT NULL DEFAULT FALSE, created_at TIMESTAMP,
                UNIQUE (source, external_id))""",
            """CREATE TABLE providers (
                id BIGINT PRIMARY KEY DEFAULT nextval('provider_id_seq'),
                name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, province_code TEXT,
                synthetic BOOLEAN NOT NULL DEFAULT FALSE)""",
            """CREATE TABLE courses (
                id BIGINT PRIMARY KEY DEFAULT nextval('course_id_seq'),
                source TEXT NOT NULL, external_id TEXT NOT NULL, provider TEXT NOT NULL,
                provider_kind TEXT, title_id TEXT NOT NULL, title_en TEXT, skills TEXT NOT NULL,
                hours DOUBLE PRECISION NOT NULL, cost_idr DOUBLE PRECISION NOT NULL, mode TEXT NOT NULL,
                province_code TEXT, city TEXT, start_date DATE, certification TEXT, capacity INTEGER,
                prakerja BOOLEAN NOT NULL DEFAULT FALSE, synthetic BOOLEAN NOT NULL DEFAULT FALSE,
                UNIQUE (source, external_id))""",
            """CREATE TABLE enrolments (
                id BIGINT PRIMARY KEY DEFAULT nextval('enrolment_id_seq'),
                worker_id BIGINT NOT NULL, course_id BIGINT NOT NULL, status TEXT NOT NULL,
                enrolled_on DATE, completed_on DATE, certified BOOLEAN NOT NULL DEFAULT FALSE,
                placed BOOLEAN NOT NULL DEFAULT FALSE, placed_occupation_uri TEXT,
                UNIQUE (worker_id, course_id))""",
            """CREATE TABLE api_keys (
                id BIGINT PRIMARY KEY DEFAULT nextval('api_key_id_seq'),
                prefix TEXT NOT NULL UNIQUE, key_hash TEXT NOT NULL, role TEXT NOT NULL,
                office_code TEXT, provider TEXT, label TEXT, created_at TIMESTAMP NOT NULL,
                revoked_at TIMESTAMP)""",
            """CREATE TABLE audit_log (
                id BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
                happened_at TIMESTAMP NOT NULL, key_id BIGINT, role TEXT, action TEXT NOT NULL,
                entity TEXT NOT NULL, entity_id TEXT, office_code TEXT)""",
        ),
    ),
    Migration(
        2,
        "indexes for demand queries",
        (
            "CREATE INDEX postings_province ON postings (province_code)",
            "CREATE INDEX postings_isco ON postings (isco)",
            "CREATE INDEX postings_uncoded ON postings (coded_at)",
            "CREATE INDEX workers_office ON workers (office_code)",
        ),
    ),
    Migration(
        3,
        "plans saved to a worker's record",
        (
            "CREATE SEQUENCE saved_plan_id_seq",
            """CREATE TABLE saved_plans (
                id BIGINT PRIMARY KEY DEFAULT nextval('saved_plan_id_seq'),
                worker_id BIGINT NOT NULL, occupations TEXT NOT NULL, skills TEXT,
                target_uri TEXT NOT NULL, province_code TEXT, budget BIGINT, note TEXT, key_id BIGINT,
                created_at TIMESTAMP NOT NULL)""",
        ),
    ),
    Migration(
        4,
        "course level, as in the course catalog",
        ("ALTER TABLE courses ADD COLUMN level TEXT",),
    ),
    Migration(
        5,
        "postings keep every field of a posting and one coding confidence; courses their provider id",
        (
            # DuckDB renames a column only when no index depends on the table.
            "DROP INDEX postings_province",
            "DROP INDEX postings_isco",
            "DROP INDEX postings_uncoded",
            "ALTER TABLE postings RENAME COLUMN experience_min TO experience_years_min",
            *(
                f"ALTER TABLE postings ADD COLUMN {column}"
                for column in (
                    "location TEXT",
                    "place_kind TEXT",
                    "country TEXT",
                    "date_kind TEXT",
                    "salary_status TEXT",
                    "other_places BIGINT",
                    "skills TEXT",
                    "occupation_margin DOUBLE PRECISION",
                    "occupation_confident BOOLEAN",
                )
            ),
            # Synthetic postings arrive coded; the others were coded under an older confidence rule and
            # are coded again by the next 'tangkas import code'.
            "UPDATE postings SET occupation_confident = (occupation_score >= 1.0) "
            "WHERE synthetic AND coded_at IS NOT NULL",
            "UPDATE postings SET coded_at = NULL WHERE NOT synthetic",
            "CREATE INDEX postings_province ON postings (province_code)",
            "CREATE INDEX postings_isco ON postings (isco)",
            "CREATE INDEX postings_uncoded ON postings (coded_at)",
            "ALTER TABLE courses ADD COLUMN provider_id TEXT",
        ),
    ),
    Migration(
        6,
        "postings are coded again by the title coder that reads Indonesian ads, with its confidence rule",
        ("UPDATE postings SET coded_at = NULL WHERE NOT synthetic AND coded_at IS NOT NULL",),
    ),
    Migration(
        7,
        "a saved plan keeps a snapshot of what was shown (courses, costs, gaps, catalog kind, by whom)",
        ("ALTER TABLE saved_plans ADD COLUMN snapshot TEXT",),
    ),
    Migration(
        8,
        "every worker carries a random record key, for disclosure control of published counts",
        # A volatile default fills each existing row with its own key (DuckDB and PostgreSQL alike)
        # and every insert that does not name the column: no insert path can forget it.
        (
            "ALTER TABLE workers ADD COLUMN record_key BIGINT "
            "DEFAULT (CAST(FLOOR(random() * 2147483648) AS BIGINT))",
        ),
    ),
    Migration(
        9,
        "sign-in sessions held by the server (the cookie holds a random token, never the API key)",
        (
            "CREATE SEQUENCE session_id_seq",
            """CREATE TABLE sessions (
                id BIGINT PRIMARY KEY DEFAULT nextval('session_id_seq'),
                token_hash TEXT NOT NULL UNIQUE, key_id BIGINT NOT NULL,
                created_at TIMESTAMP NOT NULL, last_seen_at TIMESTAMP NOT NULL,
                expires_at TIMESTAMP NOT NULL, revoked_at TIMESTAMP)""",
            "CREATE INDEX sessions_key ON sessions (key_id)",
        ),
    ),
    Migration(
        10,
        "data-subject rights: each worker's legal basis, consent, last activity and erasure; audit details",
        (
            "ALTER TABLE workers ADD COLUMN legal_basis TEXT",
            "ALTER TABLE workers ADD COLUMN consent_at DATE",
            "ALTER TABLE workers ADD COLUMN last_activity_at TIMESTAMP",
            "ALTER TABLE workers ADD COLUMN erased_at TIMESTAMP",
            # Rows registered before the legal basis was recorded are the employment service's own
            # registrations: a public task (UU 27/2022 Pasal 20 ayat 2 huruf e). See docs/privacy.md.
            "UPDATE workers SET legal_basis = 'public_task' WHERE legal_basis IS NULL",
            # Their retention period runs from their registration, or from this migration when unknown.
            "UPDATE workers SET last_activity_at = "
            "COALESCE(created_at, CAST(CURRENT_TIMESTAMP AS TIMESTAMP))",
            "ALTER TABLE audit_log ADD COLUMN detail TEXT",
            "CREATE INDEX audit_log_happened ON audit_log (happened_at)",
        ),
        postgres_only=(
            """CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only';
            END $$""",
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
        ),
    ),
    Migration(
        11,
        "every way a worker is stored sets when (imports too), so retention runs from it",
        (
            "ALTER TABLE workers ALTER COLUMN created_at SET DEFAULT (timezone('UTC', now()))",
            "ALTER TABLE workers ALTER COLUMN last_activity_at SET DEFAULT (timezone('UTC', now()))",
            "UPDATE workers SET last_activity_at = COALESCE(created_at, timezone('UTC', now())) "
            "WHERE last_activity_at IS NULL AND erased_at IS NULL",
        ),
    ),
    Migration(
        12,
        "every posting keeps what the fair-ads checker found in it, and under which rules",
        (
            *(
                f"ALTER TABLE postings ADD COLUMN ad_{ground} BOOLEAN"
                for ground in (
                    "sex",
                    "age",
                    "marital",
                    "appearance",
                    "religion",
                    "ethnicity_race",
                    "disability_health",
                )
            ),
            "ALTER TABLE postings ADD COLUMN ad_one_sex TEXT",
            "ALTER TABLE postings ADD COLUMN ad_rules TEXT",
        ),
    ),
    Migration(
        13,
        "workers' social-security membership spells, PMI placements and their documents",
        (
            "CREATE SEQUENCE membership_id_seq",
            "CREATE SEQUENCE placement_id_seq",
            "CREATE SEQUENCE placement_document_id_seq",
            """CREATE TABLE memberships (
                id BIGINT PRIMARY KEY DEFAULT nextval('membership_id_seq'),
                source TEXT NOT NULL, external_id TEXT NOT NULL, worker_id BIGINT NOT NULL,
                programme TEXT NOT NULL, segment TEXT NOT NULL,
                valid_from DATE NOT NULL, paid_until DATE NOT NULL,
                synthetic BOOLEAN NOT NULL DEFAULT FALSE,
                created_at TIMESTAMP DEFAULT (timezone('UTC', now())),
                UNIQUE (source, external_id))""",
            "CREATE INDEX memberships_worker ON memberships (worker_id)",
            "CREATE INDEX memberships_paid_until ON memberships (paid_until)",
            """CREATE TABLE placements (
                id BIGINT PRIMARY KEY DEFAULT nextval('placement_id_seq'),
                source TEXT NOT NULL, external_id TEXT NOT NULL, worker_id BIGINT NOT NULL,
                destination TEXT NOT NULL, sector TEXT NOT NULL, occupation_uri TEXT, isco TEXT,
                agency TEXT, contract_start DATE, contract_end DATE, departed_on DATE, returned_on DATE,
                status TEXT NOT NULL, fee_charged_idr DOUBLE PRECISION,
                synthetic BOOLEAN NOT NULL DEFAULT FALSE,
                created_at TIMESTAMP DEFAULT (timezone('UTC', now())),
                UNIQUE (source, external_id))""",
            "CREATE INDEX placements_worker ON placements (worker_id)",
            """CREATE TABLE placement_documents (
                id BIGINT PRIMARY KEY DEFAULT nextval('placement_document_id_seq'),
                source TEXT NOT NULL, external_id TEXT NOT NULL, placement_id BIGINT NOT NULL,
                document TEXT NOT NULL, issued_on DATE NOT NULL, expires_on DATE,
                synthetic BOOLEAN NOT NULL DEFAULT FALSE,
                created_at TIMESTAMP DEFAULT (timezone('UTC', now())),
                UNIQUE (source, external_id))""",
            "CREATE INDEX placement_documents_placement ON placement_documents (placement_id)",
        ),
    ),
    Migration(
        14,
        "outreach contacts: that a counsellor reached (or tried to reach) a worker, when, and the outcome",
        (
            "CREATE SEQUENCE outreach_contact_id_seq",
            """CREATE TABLE outreach_contacts (
                id BIGINT PRIMARY KEY DEFAULT nextval('outreach_contact_id_seq'),
                worker_id BIGINT NOT NULL, reason TEXT NOT NULL, contacted_on DATE NOT NULL,
                outcome TEXT NOT NULL, key_id BIGINT,
                created_at TIMESTAMP DEFAULT (timezone('UTC', now())))""",
            "CREATE INDEX outreach_contacts_worker ON outreach_contacts (worker_id)",
        ),
    ),
    Migration(
        15,
        "young people's interest profiles, each saved with the consent it was given under",
        (
            "CREATE SEQUENCE interest_profile_id_seq",
            """CREATE TABLE interest_profiles (
                id BIGINT PRIMARY KEY DEFAULT nextval('interest_profile_id_seq'),
                worker_id BIGINT NOT NULL, form TEXT NOT NULL, answers TEXT NOT NULL,
                scores TEXT NOT NULL, code TEXT NOT NULL, education TEXT,
                consent_by TEXT NOT NULL, consent_recorded_at TIMESTAMP NOT NULL, key_id BIGINT,
                created_at TIMESTAMP DEFAULT (timezone('UTC', now())))""",
            "CREATE INDEX interest_profiles_worker ON interest_profiles (worker_id)",
        ),
    ),
    Migration(
        16,
        "enrolments are imported like every entity: keyed by (source, external_id), with the placement's "
        "day and ISCO code; a worker may take a course twice",
        # DuckDB cannot drop a constraint (UNIQUE (worker_id, course_id)), so the table is rebuilt on
        # both backends: the rows keep their ids (the sequence goes on) under the source 'legacy'.
        (
            """CREATE TABLE enrolments_rebuilt (
                id BIGINT PRIMARY KEY DEFAULT nextval('enrolment_id_seq'),
                source TEXT NOT NULL, external_id TEXT NOT NULL,
                worker_id BIGINT NOT NULL, course_id BIGINT NOT NULL, status TEXT NOT NULL,
                enrolled_on DATE, completed_on DATE, certified BOOLEAN NOT NULL DEFAULT FALSE,
                placed BOOLEAN NOT NULL DEFAULT FALSE, placed_on DATE, placed_occupation_uri TEXT,
                placed_isco TEXT, synthetic BOOLEAN NOT NULL DEFAULT FALSE,
                created_at TIMESTAMP DEFAULT (timezone('UTC', now())),
                UNIQUE (source, external_id))""",
            # When a legacy row was stored is not known: its created_at stays empty.
            "INSERT INTO enrolments_rebuilt (id, source, external_id, worker_id, course_id, status, "
            "enrolled_on, completed_on, certified, placed, placed_occupation_uri, created_at) "
            "SELECT id, 'legacy', CAST(id AS TEXT), worker_id, course_id, status, enrolled_on, completed_on, "
            "certified, placed, placed_occupation_uri, CAST(NULL AS TIMESTAMP) FROM enrolments",
            "DROP TABLE enrolments",
            "ALTER TABLE enrolments_rebuilt RENAME TO enrolments",
            "CREATE INDEX enrolments_worker ON enrolments (worker_id)",
        ),
        # PostgreSQL keeps the constraints' names through a rename: give them the table's own.
        postgres_only=(
            "ALTER TABLE enrolments RENAME CONSTRAINT enrolments_rebuilt_pkey TO enrolments_pkey",
            "ALTER TABLE enrolments RENAME CONSTRAINT enrolments_rebuilt_source_external_id_key "
            "TO enrolments_source_external_id_key",
        ),
    ),
)
LATEST = MIGRATIONS[-1].version


def current_version(backend: Backend) -> int:
    """The schema version a database is at (0 for an empty database)."""
    backend.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    return int(backend.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version"))


def migrate(backend: Backend, target: int = LATEST) -> list[int]:
    """Apply the pending migrations up to ``target``, each in its own transaction; their versions."""
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= current_version(backend) or migration.version > target:
            continue
        with backend.transaction():
            for statement in migration.statements:
                backend.execute(statement)
            for statement in migration.postgres_only if backend.name == "postgres" else ():
                backend.execute(statement)
            backend.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).replace(tzinfo=None)),
            )
        applied.append(migration.version)
    return applied


def require_latest(backend: Backend) -> None:
    """Fail clearly when the database is behind the code."""
    version = current_version(backend)
    if version < LATEST:
        raise StoreError(
            f"database schema is at version {version}, code needs {LATEST}: run 'tangkas db migrate'",
            indonesian=f"skema basis data di versi {version}, kode butuh {LATEST}: "
            "jalankan 'tangkas db migrate'",
        )
