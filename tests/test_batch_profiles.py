"""Registered workers as batch profiles (``tangkas workers profiles``), then ``batch recommend`` over them."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from tangkas.batch.recommend import RecommendJob
from tangkas.batch.runner import SERIAL, read_output, run_job
from tangkas.cli import app
from tangkas.services.batch_profiles import SCHEMA, export_worker_profiles, worker_profiles_table
from tangkas.services.demo import load_demo
from tangkas.store import Store
from tangkas.store.audit import audit_entries
from tangkas.training.bulk import BulkOptions

runner = CliRunner()


def test_registered_workers_become_profiles_without_personal_data(store: Store, tmp_path: Path) -> None:
    load_demo(store, postings=50, workers=60)
    table = worker_profiles_table(store)
    stored = store.backend.query(
        "SELECT id, occupations, skills, province_code, office_code FROM workers ORDER BY id"
    )
    with_work = [r for r in stored if r["occupations"] or r["skills"]]
    assert table.schema == SCHEMA and table.num_rows == len(with_work) > 0
    first = table.slice(0, 1).to_pylist()[0]
    assert first["profile_id"] == f"w{with_work[0]['id']}"
    assert first["occupations"] == [o for o in (with_work[0]["occupations"] or "").split("|") if o]
    assert set(table.column_names) == {"profile_id", "province_code", "occupations", "extra_skills"}
    office = with_work[0]["office_code"]
    assert worker_profiles_table(store, office).num_rows == sum(r["office_code"] == office for r in with_work)

    path = tmp_path / "profiles.parquet"
    assert export_worker_profiles(store, path, row_group=25) == table.num_rows
    assert pq.read_table(path).equals(table) and not list(tmp_path.glob(".*.tmp"))
    entry = next(e for e in audit_entries(store).items if e["action"] == "export_profiles")
    assert entry["detail"]["profiles"] == table.num_rows and "full_name" not in json.dumps(entry["detail"])

    summary = run_job(RecommendJob(BulkOptions(top=3, plans=1)), path, tmp_path / "out", scheduler=SERIAL)
    out = read_output(tmp_path / "out")
    assert summary.rows_in == out.num_rows == table.num_rows
    assert out["profile_id"].to_pylist() == table["profile_id"].to_pylist()
    assert out["problem"].null_count == out.num_rows  # the store's rows were validated on import


def test_cli_workers_profiles(store_url: str, tmp_path: Path) -> None:
    from tangkas.store import open_store

    with open_store(store_url) as store:
        store.migrate()
        load_demo(store, postings=20, workers=30)
    result = runner.invoke(app, ["workers", "profiles", str(tmp_path / "p.parquet"), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "profil pekerja (tanpa nama, NIK, atau telepon)" in result.output
    assert pq.read_table(tmp_path / "p.parquet").num_rows > 0
