"""``tangkas batch code --load``: a batch coding run loaded into the store writes, column for column, what
coding the same postings in the store one batch at a time writes (DuckDB and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tangkas.batch.code import CodeJob, code_everything
from tangkas.batch.runner import SERIAL, input_files, output_files
from tangkas.cli import app
from tangkas.fairness.ads import rules_version
from tangkas.market import bulk
from tangkas.market.coding import CodedPosting
from tangkas.market.postings import Posting
from tangkas.market.tables import postings_table
from tangkas.services.batch_load import BatchLoad, load_batch_run
from tangkas.services.coding import code_stored_postings
from tangkas.services.imports import import_postings
from tangkas.store import Store, open_store
from tangkas.store.batch_codings import LOADED
from tangkas.store.coding import coding_status, save_codings, uncoded_postings
from tangkas.store.fair_ads import ad_check_status

runner = CliRunner()
FIXTURE = Path(__file__).parent / "data" / "market" / "bulk_postings.parquet"
"""330 real ads of five feeds (scripts/build_bulk_fixture.py); 18 rows repeat a posting's key."""
SPLIT = 265
"""The first file's rows: a posting repeated at rows 262 and 270 is in both files."""
STORED = 312
"""Distinct postings of the fixture."""


@pytest.fixture(scope="module")
def postings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture as two files of row groups of 60 rows."""
    folder = tmp_path_factory.mktemp("postings")
    table = pq.read_table(FIXTURE)
    for index, part in enumerate((table.slice(0, SPLIT), table.slice(SPLIT))):
        pq.write_table(part, folder / f"part-{index}.parquet", row_group_size=60)
    return folder


@pytest.fixture(scope="module")
def run(postings: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch run's output folder."""
    out = tmp_path_factory.mktemp("run")
    code_everything(postings, out, CodeJob(), scheduler=SERIAL)
    return out


@pytest.fixture
def reference(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """A second empty store on the same backend as ``store``, for the serial path."""
    if store_url.startswith("duckdb"):
        with open_store(f"duckdb:///{tmp_path / 'serial.duckdb'}") as opened:
            opened.migrate()
            yield opened
        return
    from conftest import _postgres_database

    databases = _postgres_database()
    try:
        with open_store(next(databases)) as opened:
            opened.migrate()
            yield opened
    finally:
        databases.close()


def _load(store: Store, postings: Path, run: Path, **options: Any) -> BatchLoad:
    return load_batch_run(store, input_files(postings), output_files(run), **options)


def _coded(tmp_path: Path, table: pa.Table, job: CodeJob) -> tuple[Path, Path]:
    """A batch run over ``table``: its input and output folders."""
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "ads.parquet")
    code_everything(tmp_path / "in", tmp_path / "out", job, scheduler=SERIAL)
    return tmp_path / "in", tmp_path / "out"


def _tables(store: Store) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """Every stored posting (``coded_at`` as whether it is set) and every posting skill, by key."""
    postings = store.backend.query("SELECT * FROM postings ORDER BY id")
    for row in postings:
        row["coded_at"] = row["coded_at"] is not None
    skills = store.backend.execute(
        "SELECT p.source, p.external_id, s.skill_uri, s.confidence, s.method FROM posting_skills s "
        "JOIN postings p ON p.id = s.posting_id ORDER BY 1, 2, 3"
    )
    return postings, skills


def test_batch_load_writes_what_the_serial_store_path_writes(
    store: Store, reference: Store, postings: Path, run: Path
) -> None:
    for path in input_files(postings):
        import_postings(reference, path, partial=True)
    code_stored_postings(reference)
    # stopped after three pieces, then resumed; 25 coded rows per transaction
    part = load_batch_run(store, input_files(postings), output_files(run)[:3], batch_rows=25)
    rest = _load(store, postings, run, batch_rows=25)
    assert (part.imported, part.already, part.rejected, rest.imported) == (STORED, 330 - STORED, 0, 0)
    assert part.counts.coded + rest.counts.coded == STORED == part.counts.checked + rest.counts.checked
    assert 0 < part.counts.coded < STORED and rest.counts.rows == 330 and rest.counts.problems == 0
    served, loaded = _tables(reference), _tables(store)
    for want, got in zip(served[0], loaded[0], strict=True):  # column by column, ids too
        assert got == want, got["external_id"]
    assert loaded[1] == served[1]
    assert sum(row["occupation_confident"] for row in loaded[0]) > 100 and len(loaded[1]) > 500
    assert sum(row["ad_sex"] or row["ad_age"] for row in loaded[0]) > 0
    assert coding_status(store)["waiting"] == ad_check_status(store, rules_version())["waiting"] == 0
    again = _load(store, postings, run)
    assert (again.imported, again.already, again.counts.coded, again.counts.checked) == (0, 330, 0, 0)
    assert _tables(store) == loaded


def test_batch_load_counts_rows_with_a_problem_and_rows_the_import_refuses(
    store: Store, tmp_path: Path
) -> None:
    table = pa.table(
        {
            "source": ["demo"] * 6,
            "external_id": ["1", "2", "3", "4", "5", "6"],
            "title": ["Kasir", "n/a", "Barista", " ", "Satpam", "Kasir"],
            "company": ["PT A", "PT B", "PT\x07C", "PT D", "PT E", "PT F"],
            "salary_min": [None, None, None, None, -5.0, None],
        }
    )
    done = _load(store, *_coded(tmp_path, table, CodeJob()))
    # the feed reader refuses "n/a", the control character and the empty title; the import the last
    # two and the negative pay, so "n/a" is stored uncoded and the coded row 5 names no posting
    assert (done.imported, done.already, done.rejected) == (3, 0, 3)
    assert [(e.row, e.field) for e in done.imports[0].errors] == [(3, "-"), (4, "title"), (5, "salary_min")]
    counts = done.counts
    assert (counts.rows, counts.problems, counts.unmatched, counts.coded, counts.checked) == (6, 3, 1, 2, 2)
    assert coding_status(store)["waiting"] == 1 == ad_check_status(store, rules_version())["waiting"]
    waiting = store.backend.execute("SELECT title FROM postings WHERE coded_at IS NULL")
    assert waiting == [("n/a",)]


def test_batch_load_of_a_run_without_checks_leaves_the_checks_waiting(store: Store, tmp_path: Path) -> None:
    table = pa.table(
        {"source": ["demo"], "external_id": ["1"], "title": ["Kasir"], "text": ["Wanita, maks. 25"]}
    )
    done = _load(store, *_coded(tmp_path, table, CodeJob(checks=False)))
    assert (done.imported, done.counts.coded, done.counts.checked) == (1, 1, 0)
    assert ad_check_status(store, rules_version())["waiting"] == 1
    assert store.backend.execute("SELECT isco, ad_sex, ad_rules FROM postings") == [("5230", None, None)]


def test_batch_load_leaves_a_posting_coded_before_as_it_is(store: Store, tmp_path: Path) -> None:
    """As the serial path, which codes only postings waiting: an earlier coding (here by hand, with
    no skills) stays, and so does a check under the rules in force."""
    posting = Posting("demo", "1", "Kasir", "Wanita, maks. 25 tahun. Mampu mengoperasikan Microsoft Excel")
    table = postings_table([posting])
    inputs, out = _coded(tmp_path, table, CodeJob())
    import_postings(store, inputs / "ads.parquet")  # checked on import
    (pid, _), *_ = uncoded_postings(store, 1)
    by_hand = CodedPosting(posting, "http://example.org/occupation", "9999", 0.5, False, (), 0.25)
    save_codings(store, [(pid, by_hand)], "phrase")
    stored = _tables(store)
    done = _load(store, inputs, out)
    assert (done.already, done.counts.coded, done.counts.checked) == (1, 0, 0)
    assert _tables(store) == stored and stored[1] == [] and stored[0][0]["ad_sex"] is True
    assert (
        pq.read_table(output_files(out)[0], columns=["skills"]).column("skills")[0].as_py()
    )  # the run found skills


def test_batch_load_reads_only_columns_of_the_coded_rows() -> None:
    assert set(LOADED) <= set(bulk.OUTPUT.names)


def _said(output: str) -> str:
    """The command's output as one line (the console wraps long lines)."""
    return " ".join(output.split())


def test_cli_batch_code_load(store_url: str, postings: Path, tmp_path: Path) -> None:
    with open_store(store_url) as store:
        store.migrate()
    command = ["batch", "code", str(postings), str(tmp_path / "out"), "--scheduler", "serial", "--load"]
    result = runner.invoke(app, [*command, "--db", store_url])
    assert result.exit_code == 0, result.output
    said = f"{STORED} lowongan baru diimpor, 18 sudah ada, 0 ditolak impor; {STORED} dikodekan"
    assert said in _said(result.output)
    result = runner.invoke(app, [*command, "--db", store_url, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "0 new postings imported, 330 already there, 0 rejected by the import; 0 coded" in _said(
        result.output
    )
    with open_store(store_url) as store:
        status = coding_status(store)
    assert status == {"total": STORED, "coded": STORED, "waiting": 0, "with_occupation": STORED}


def test_cli_batch_code_load_refuses_an_input_the_import_would_refuse_before_coding(
    store_url: str, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    table = pa.table({"source": ["demo"], "external_id": ["1"], "title": ["Kasir"], "Gaji": ["5jt"]})
    pq.write_table(table, tmp_path / "in" / "ads.parquet")
    with open_store(store_url) as store:
        store.migrate()
    command = ["batch", "code", str(tmp_path / "in"), str(tmp_path / "out"), "--db", store_url]
    result = runner.invoke(app, [*command, "--load"])
    assert result.exit_code == 2 and "'Gaji'" in _said(result.output) and not (tmp_path / "out").exists()
    result = runner.invoke(app, command)
    assert result.exit_code == 2 and "--db hanya berlaku bersama --load" in _said(result.output)
