"""One way in for every row: one declaration per entity, one reader, one report, one coding rule."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tangkas.errors import TangkasError
from tangkas.market.coding import code_postings, search_title_coder
from tangkas.market.feeds import parse_feed
from tangkas.market.postings import POSTING_FIELDS, POSTINGS, Posting
from tangkas.market.tables import postings_table
from tangkas.rows.entities import SPECS
from tangkas.rows.fields import MAX_TEXT, Spec
from tangkas.rows.read import read_batches
from tangkas.rows.report import RowsRejectedError
from tangkas.services.coding import code_stored_postings
from tangkas.services.imports import import_file, import_postings
from tangkas.store import Store, open_store
from tangkas.store.schema import migrate

MARKET = Path(__file__).parent / "data" / "market"
FAMILIES = {
    "varchar": "text",
    "text": "text",
    "bigint": "int",
    "integer": "int",
    "double": "float",
    "double precision": "float",
    "boolean": "bool",
    "date": "date",
}


def _columns(store: Store, table: str) -> dict[str, str]:
    rows = store.backend.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", (table,)
    )
    return {name: FAMILIES.get(str(kind).lower(), str(kind)) for name, kind in rows}


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_rows_every_store_table_holds_its_spec(store: Store, kind: str) -> None:
    spec = SPECS[kind]
    columns = _columns(store, spec.table)
    assert {f.name: f.type for f in spec.stored} == {f.name: columns.get(f.name) for f in spec.stored}


def test_rows_a_posting_is_declared_once() -> None:
    assert set(POSTING_FIELDS) <= set(POSTINGS.names)
    table = postings_table([Posting("demo", "1", "Kasir", salary_min=3_000_000, skills=("a", "b"))])
    assert table.schema == pa.schema([POSTINGS.arrow_schema.field(name) for name in POSTING_FIELDS])
    assert table.to_pylist()[0]["skills"] == "a|b"


def _write(rows: list[dict[str, Any]], path: Path) -> Path:
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    elif path.suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist(rows), path)
    elif path.suffix == ".json":
        path.write_text(json.dumps(rows), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(str.strip)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.fixed_dictionaries({"source": TEXT, "title": TEXT}), min_size=1, max_size=30))
def test_rows_one_reader_reads_every_format_alike(tmp_path_factory: Any, rows: list[dict[str, str]]) -> None:
    folder = tmp_path_factory.mktemp("formats")
    for suffix in (".csv", ".jsonl", ".json", ".parquet"):
        batches = list(read_batches(_write(rows, folder / f"rows{suffix}"), batch_rows=7))
        assert [b.first_row for b in batches] == list(range(1, len(rows) + 1, 7))
        read = [record for b in batches for _, record, _ in b.records()]
        assert read == rows, suffix


def test_rows_broken_rows_keep_their_numbers_and_no_values(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("source,full_name,nik\nx,Siti,3201\ny,Budi Santoso,3202,extra\nz,Ani,3203\n")
    rows = [(row, why) for b in read_batches(path) for row, _, why in b.records()]
    assert rows == [(1, ""), (2, "4 fields, header has 3"), (3, "")]
    assert "Budi" not in rows[1][1]
    jsonl = tmp_path / "w.jsonl"
    jsonl.write_text('{"source": "x"}\n{broken\n[1]\n')
    reasons = [why for b in read_batches(jsonl) for _, _, why in b.records()]
    assert reasons[0] == "" and reasons[1].startswith("Expecting") and reasons[2] == "not an object"


def test_rows_a_text_over_the_limit_is_refused_whole(store: Store, tmp_path: Path) -> None:
    """A cell longer than MAX_TEXT (the API schema's maxLength) rejects the file, naming the row and the
    limit and never the value; a cell of exactly MAX_TEXT characters is stored."""
    path = tmp_path / "p.csv"
    path.write_text(
        "source,external_id,title,text\n"
        f"x,1,Kasir,{'a' * MAX_TEXT}\nx,2,Kasir,{'b' * (MAX_TEXT + 1)}\n"
    )
    with pytest.raises(RowsRejectedError) as rejected:
        import_file(store, "postings", path)
    [error] = rejected.value.report.errors
    assert (error.row, error.field, error.code, error.allowed, error.detail) == (
        2,
        "text",
        "too_long",
        str(MAX_TEXT),
        "",
    )
    assert store.backend.scalar("SELECT COUNT(*) FROM postings") == 0
    path.write_text(f"source,external_id,title,text\nx,1,Kasir,{'a' * MAX_TEXT}\n")
    assert import_file(store, "postings", path).inserted == 1


def test_rows_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("source,full_name,full_name\nx,Siti,Budi\n")
    with pytest.raises(TangkasError, match="'full_name' appears more than once"):
        list(read_batches(path))


def test_rows_migration_5_keeps_a_version_4_store(store_url: str) -> None:
    with open_store(store_url) as old:
        assert migrate(old.backend, target=4) == [1, 2, 3, 4]
        old.backend.execute(
            "INSERT INTO postings (source, external_id, title, experience_min, occupation_uri, coded_at, "
            "occupation_score, synthetic) VALUES "
            "('lokerid', '1', 'Kasir', 2, 'x', '2026-01-01', 0.4, FALSE), "
            "('synthetic', 's1', 'Kasir', NULL, 'x', '2026-01-01', 1.0, TRUE)"
        )
        assert migrate(old.backend, target=5) == [5]
        rows = old.backend.execute(
            "SELECT source, experience_years_min, coded_at IS NULL, occupation_confident FROM postings "
            "ORDER BY source"
        )
    assert rows == [("lokerid", 2.0, True, None), ("synthetic", None, False, True)]


def test_rows_migration_6_codes_real_postings_again(store_url: str) -> None:
    """Postings coded before the title coder read Indonesian ads are coded again; synthetic ones arrive
    coded and keep their coding."""
    with open_store(store_url) as old:
        assert migrate(old.backend, target=5) == [1, 2, 3, 4, 5]
        old.backend.execute(
            "INSERT INTO postings (source, external_id, title, occupation_uri, coded_at, "
            "occupation_confident, synthetic) VALUES "
            "('lokerid', '1', 'Kasir', 'x', '2026-01-01', FALSE, FALSE), "
            "('synthetic', 's1', 'Kasir', 'x', '2026-01-01', TRUE, TRUE)"
        )
        assert old.migrate()[:2] == [6, 7]
        rows = old.backend.execute("SELECT source, coded_at IS NULL FROM postings ORDER BY source")
    assert rows == [("lokerid", True), ("synthetic", False)]


def test_rows_a_feed_is_coded_alike_in_a_file_and_in_the_store(store: Store) -> None:
    """The CLI's demand over a feed file and the analyst page's over the store share one confidence rule."""
    coding = search_title_coder()
    postings, _ = parse_feed(MARKET / "lokerid.csv")
    in_file = code_postings(postings, coding.coder, min_score=coding.min_score, min_margin=coding.min_margin)
    import_postings(store, MARKET / "lokerid.csv")
    assert code_stored_postings(store, coding=coding, skills=lambda text: []) == len(postings)
    stored = dict(
        store.backend.execute(
            "SELECT external_id, occupation_confident FROM postings WHERE source = 'lokerid'"
        )
    )
    assert {c.posting.external_id: c.confident for c in in_file} == stored
    assert 0 < sum(stored.values()) < len(stored)  # the rule separates: some confident, some not


def test_rows_specs_name_their_key_and_entity() -> None:
    for kind, spec in SPECS.items():
        assert isinstance(spec, Spec) and spec.kind == kind and spec.key == ("source", "external_id")
        assert spec.names[:2] == spec.key and spec.names[-1] == "synthetic"
        assert dataclasses.is_dataclass(spec)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_rows_a_nul_character_is_a_row_error_not_a_crash(store: Store, tmp_path: Path, suffix: str) -> None:
    rows = [
        {"source": "x", "external_id": "1", "title": "Ka\x00sir"},
        {"source": "x", "external_id": "2", "title": "Satpam"},
    ]
    path = _write(rows, tmp_path / f"nul{suffix}")
    with pytest.raises(RowsRejectedError):
        import_file(store, "postings", path)
    report = import_file(store, "postings", path, partial=True)
    assert (report.inserted, [(e.row, e.code) for e in report.errors]) == (1, [(1, "row")])
