"""Storage of a batch coding run's results (``tangkas batch code --load``): the occupation, skills and ad
check of stored postings, written by ``(source, external_id)`` in bulk.

A batch of coded rows (:data:`tangkas.market.bulk.OUTPUT`) is staged in temporary tables, matched to the
stored postings in one statement and written by one ``UPDATE ... FROM`` and one ``INSERT ... SELECT`` of
skills, whatever the batch's size: a million rows are a few statements, not a million updates. The values
are those the serial path writes for the same postings (:func:`~tangkas.store.coding.save_codings`,
:func:`~tangkas.store.fair_ads.save_ad_checks`). A posting is coded only while it is uncoded and checked
only when it was not checked under the run's rules (as the serial path picks its postings), so loading a
run twice writes nothing twice, and of a key repeated in the run its first row counts, as the import keeps
its first. A row with a ``problem`` (one the feed reader refuses) was not coded: it is counted and left.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc

from tangkas.store import Store
from tangkas.store.fair_ads import AD_COLUMNS

CODINGS = "staging_batch_codings"
SKILLS = "staging_batch_skills"
READ = ("source", "external_id", "problem", "occupation", "isco", "score", "margin", "confident", "skills")
LOADED = (*READ, *AD_COLUMNS, "ad_one_sex", "skills_method", "ad_rules")
"""The columns of a coded row this module reads (all in :data:`tangkas.market.bulk.OUTPUT`)."""
STAGED = pa.schema(
    [
        ("_row", pa.int64()),
        ("source", pa.string()),
        ("external_id", pa.string()),
        ("occupation", pa.string()),
        ("isco", pa.string()),
        ("score", pa.float64()),
        ("margin", pa.float64()),
        ("confident", pa.bool_()),
        ("method", pa.string()),
        *((column, pa.bool_()) for column in AD_COLUMNS),
        ("ad_one_sex", pa.string()),
        ("ad_rules", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class LoadCounts:
    """What loading coded rows did: rows given, rows with a ``problem`` (not loaded), rows naming no stored
    posting, repeats of a key earlier in the batch, and the postings coded and checked.

    >>> LoadCounts(rows=2, coded=2, checked=2) + LoadCounts(rows=3, problems=1, repeats=1, coded=1)
    LoadCounts(rows=5, problems=1, unmatched=0, repeats=1, coded=3, checked=2)
    """

    rows: int = 0
    problems: int = 0
    unmatched: int = 0
    repeats: int = 0
    coded: int = 0
    checked: int = 0

    def __add__(self, other: LoadCounts) -> LoadCounts:
        return LoadCounts(*(a + b for a, b in zip(_values(self), _values(other), strict=True)))


def _values(counts: LoadCounts) -> tuple[int, ...]:
    return (counts.rows, counts.problems, counts.unmatched, counts.repeats, counts.coded, counts.checked)


def save_batch_codings(store: Store, coded: pa.Table) -> LoadCounts:
    """Write a batch of coded rows (the :data:`LOADED` columns of :data:`tangkas.market.bulk.OUTPUT`) to the
    stored postings they name, in one transaction; what it did."""
    kept = coded.filter(pc.is_null(coded.column("problem")))
    first = _first_of_each_key(kept)
    staged, skills = _staged(first), _skill_rows(first)
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.lock, store.backend.transaction():
        _stage(store, staged, skills)
        _match(store)
        _write(store, now)
        to_code, to_check, unmatched = store.backend.execute(
            f"SELECT COUNT(*) FILTER (WHERE to_code), COUNT(*) FILTER (WHERE to_check), "
            f"COUNT(*) FILTER (WHERE posting_id IS NULL) FROM {CODINGS}"
        )[0]
        store.backend.execute(f"DROP TABLE {CODINGS}")
        store.backend.execute(f"DROP TABLE {SKILLS}")
    store.changed()
    problems = coded.num_rows - kept.num_rows
    return LoadCounts(
        coded.num_rows, problems, int(unmatched), kept.num_rows - first.num_rows, int(to_code), int(to_check)
    )


def _first_of_each_key(table: pa.Table) -> pa.Table:
    """The first row of each ``(source, external_id)``, in order."""
    numbered = table.select(["source", "external_id"]).append_column(
        "_i", pa.array(range(table.num_rows), pa.int64())
    )
    firsts = numbered.group_by(["source", "external_id"], use_threads=False).aggregate([("_i", "min")])
    rows = firsts.column("_i_min")
    return table.take(rows.take(pc.array_sort_indices(rows)))


def _staged(table: pa.Table) -> pa.Table:
    """The rows as the serial path stores them: score (only with an occupation) and margin rounded to
    four places as :func:`~tangkas.store.coding.save_codings` rounds them."""
    occupations = table.column("occupation").to_pylist()
    scores = [
        None if o is None or s is None else round(s, 4)
        for o, s in zip(occupations, table.column("score").to_pylist(), strict=True)
    ]
    margins = [None if m is None else round(m, 4) for m in table.column("margin").to_pylist()]
    columns = {name: table.column(name) for name in STAGED.names if name in table.column_names}
    columns |= {
        "_row": pa.array(range(table.num_rows), pa.int64()),
        "score": pa.array(scores, pa.float64()),
        "margin": pa.array(margins, pa.float64()),
        "method": table.column("skills_method"),
    }
    return pa.table({name: columns[name] for name in STAGED.names}, schema=STAGED)


def _skill_rows(table: pa.Table) -> pa.Table:
    """One row per skill of a row: the row's number and the skill's URI."""
    skills = table.column("skills").combine_chunks()
    return pa.table(
        {
            "_row": pc.list_parent_indices(skills).cast(pa.int64()),
            "skill_uri": pc.list_flatten(skills).cast(pa.string()),
        }
    )


def _stage(store: Store, staged: pa.Table, skills: pa.Table) -> None:
    flags = "".join(f", {column} BOOLEAN" for column in AD_COLUMNS)
    for table in (CODINGS, SKILLS):
        store.backend.execute(f"DROP TABLE IF EXISTS {table}")
    store.backend.execute(
        f"CREATE TEMP TABLE {CODINGS} (_row BIGINT, source TEXT, external_id TEXT, occupation TEXT, "
        f"isco TEXT, score DOUBLE PRECISION, margin DOUBLE PRECISION, confident BOOLEAN, method TEXT"
        f"{flags}, ad_one_sex TEXT, ad_rules TEXT, posting_id BIGINT, to_code BOOLEAN, to_check BOOLEAN)"
    )
    store.backend.execute(f"CREATE TEMP TABLE {SKILLS} (_row BIGINT, skill_uri TEXT)")
    if staged.num_rows:
        store.backend.load_arrow(CODINGS, staged)
    if skills.num_rows:
        store.backend.load_arrow(SKILLS, skills)


def _match(store: Store) -> None:
    """Each staged row's posting, whether it waits to be coded, and whether it waits for the run's check
    (a run without checks has none to give)."""
    s = CODINGS
    store.backend.execute(
        f"UPDATE {s} SET posting_id = p.id, to_code = p.coded_at IS NULL, "
        f"to_check = {s}.ad_rules IS NOT NULL AND (p.ad_rules IS NULL OR p.ad_rules <> {s}.ad_rules) "
        f"FROM postings p WHERE p.source = {s}.source AND p.external_id = {s}.external_id"
    )


CODED = {
    "occupation_uri": "occupation",
    "isco": "isco",
    "occupation_score": "score",
    "occupation_margin": "margin",
    "occupation_confident": "confident",
}
"""The postings' coding columns and the staged column each takes."""


def _write(store: Store, now: datetime) -> None:
    """One ``UPDATE ... FROM`` for every matched posting (its coding, its check, or both), then its skills."""

    def when(flag: str, column: str, value: str) -> str:
        return f"{column} = CASE WHEN s.{flag} THEN {value} ELSE postings.{column} END"

    assignments = [
        *(when("to_code", column, f"s.{value}") for column, value in CODED.items()),
        when("to_code", "coded_at", "?"),
        *(when("to_check", column, f"s.{column}") for column in (*AD_COLUMNS, "ad_one_sex", "ad_rules")),
    ]
    store.backend.execute(
        f"UPDATE postings SET {', '.join(assignments)} FROM {CODINGS} s "
        "WHERE postings.id = s.posting_id AND (s.to_code OR s.to_check)",
        (now,),
    )
    store.backend.execute(
        "INSERT INTO posting_skills (posting_id, skill_uri, confidence, method) "
        f"SELECT s.posting_id, k.skill_uri, CAST(NULL AS DOUBLE PRECISION), s.method FROM {SKILLS} k "
        f"JOIN {CODINGS} s ON s._row = k._row WHERE s.to_code "
        "ON CONFLICT (posting_id, skill_uri) DO NOTHING"
    )
