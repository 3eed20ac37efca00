"""Rows: one way in for every entity.

:mod:`.fields` declares fields and specifications, :mod:`.entities` the entities (postings, workers,
courses) once each, :mod:`.read` reads CSV, JSON Lines, JSON and Parquet files in batches,
:mod:`.validate` checks raw rows against a specification, and :mod:`.report` holds the one row-error
and report type. Store imports, vacancy feeds, course catalog files and API bodies all go through them.
"""
