"""Rows: one way in for every entity.

:mod:`.fields` declares fields and specifications, :mod:`.entities` lists the entities (postings,
workers, courses, memberships, placements, placement documents, enrolments), :mod:`.rules` holds the
rules across a row's fields (dates in order, a field a status needs or only a status allows),
:mod:`.read` reads CSV, JSON Lines, JSON and Parquet files in batches (:mod:`.write` writes them),
:mod:`.validate` checks raw rows against a specification, and :mod:`.report` holds the one row-error and
report type. Store imports, vacancy feeds, course catalog files, API bodies and demand tables all go
through them.

Adding an entity: declare its spec once with :func:`~tangkas.rows.fields.keyed` beside its model, list
it in :data:`.entities.SPECS`, and write the migration that creates its table in
:mod:`tangkas.store.schema` (migrations are frozen SQL, never generated from a spec that may change
later); ``tests/test_rows.py`` then holds the table to the spec (:attr:`~.fields.Spec.stored`: a
reference to another entity is stored as its id) on both backends, and ``tangkas import <kind>``, the
API and the reports work for it unchanged.
"""
