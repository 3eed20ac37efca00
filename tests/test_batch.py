"""``tangkas batch recommend``: the batch runner (serial and Dask), resume after a kill, and the same
transitions and plans a counsellor gets one worker at a time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tangkas import cohort
from tangkas.batch.recommend import RecommendJob, job_catalog
from tangkas.batch.runner import SERIAL, plan_pieces, read_output, run_job
from tangkas.careers.transitions import Profile, recommend_transitions
from tangkas.cli import app
from tangkas.errors import TangkasError
from tangkas.services.plans import plan_move
from tangkas.training.bulk import BulkOptions, PlanCache, recommend_table

runner = CliRunner()
ROWS = 240


def _cohort(folder: Path, n: int = ROWS, row_group: int = 60) -> Path:
    """A small synthetic cohort: two files, each of row groups of ``row_group`` profiles."""
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.concat_tables(cohort.generate_cohort(n, seed=3))
    half = n // 2
    for index, part in enumerate((table.slice(0, half), table.slice(half))):
        pq.write_table(part, folder / f"part-{index:05d}.parquet", row_group_size=row_group)
    return folder


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _cohort(tmp_path_factory.mktemp("cohort"))


@pytest.fixture(scope="module")
def serial_out(profiles: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serial")
    summary = run_job(RecommendJob(BulkOptions(top=5, plans=2)), profiles, out, scheduler=SERIAL)
    assert summary.written == 4 and summary.rows_in == ROWS and summary.skipped == 0
    return out


def test_pieces_are_row_groups_named_after_the_input(profiles: Path) -> None:
    pieces = plan_pieces(profiles)
    assert [p.name for p in pieces] == [
        "part-00000-rg0000.parquet",
        "part-00000-rg0001.parquet",
        "part-00001-rg0000.parquet",
        "part-00001-rg0001.parquet",
    ]
    assert sum(p.rows for p in pieces) == ROWS


def test_batch_output_is_one_row_per_profile_in_order(profiles: Path, serial_out: Path) -> None:
    out = read_output(serial_out)
    source = pq.read_table(profiles)
    assert out["profile_id"].to_pylist() == source["profile_id"].to_pylist()
    assert out["problem"].null_count == ROWS
    first = out["transitions"][0].as_py()
    assert 1 <= len(first) <= 5
    assert [t["plan"] is not None for t in first] == [True, True, *[False] * (len(first) - 2)]
    viability = [t["score"] for t in first]
    assert viability == sorted(viability, reverse=True) and all(0 < v <= 1 for v in viability)
    meta = json.loads((serial_out / "_batch.json").read_text())
    assert meta["job"] == "recommend" and meta["rows"] == ROWS and meta["options"]["options"]["plans"] == 2


def test_batch_matches_a_counsellors_recommendations_and_plans(serial_out: Path, profiles: Path) -> None:
    """The same targets, scores and plans as the one-worker path, also with extra skills (their lift)."""
    source = pq.read_table(profiles).to_pylist()
    out = read_output(serial_out).to_pylist()
    catalog = job_catalog(None)
    checked = skilled = 0
    for row, result in zip(source, out, strict=True):
        if checked >= 40:
            break
        profile = Profile(
            occupations=tuple(row["occupations"]),
            skills=tuple(row["extra_skills"] or ()),
            province=row["province_code"],
        )
        skilled += bool(profile.skills)
        expected = recommend_transitions(profile, top=5)
        got = result["transitions"]
        assert [t["occupation"] for t in got] == [r.occupation.uri for r in expected]
        scores = [r.score for r in expected]  # rounded to 4 places
        assert [t["score"] for t in got] == pytest.approx(scores, abs=6e-5)
        for item in got[:2]:
            plan = plan_move(profile, item["occupation"], catalog, province=row["province_code"]).plan
            assert item["plan"]["courses"] == [c.id for c in plan.courses]
            assert item["plan"]["cost_idr"] == plan.cost_idr and item["plan"]["complete"] == plan.complete
        checked += 1
    assert checked == 40 and skilled >= 5


def test_dask_local_cluster_writes_the_same_files(profiles: Path, serial_out: Path, tmp_path: Path) -> None:
    summary = run_job(RecommendJob(BulkOptions(top=5, plans=2)), profiles, tmp_path, workers=2)
    assert summary.written == 4 and len(summary.peak_rss_mb) == 2
    assert max(summary.peak_rss_mb.values()) < 2048
    for piece in plan_pieces(profiles):
        assert pq.read_table(tmp_path / piece.name).equals(pq.read_table(serial_out / piece.name))


def test_rerun_skips_finished_pieces_and_refuses_other_options(profiles: Path, tmp_path: Path) -> None:
    job = RecommendJob(BulkOptions(top=3, plans=1))
    run_job(job, profiles, tmp_path, scheduler=SERIAL)
    (tmp_path / "part-00001-rg0000.parquet").unlink()
    (tmp_path / ".part-00001-rg0001.parquet.tmp").write_bytes(b"half a file")  # a killed write
    again = run_job(job, profiles, tmp_path, scheduler=SERIAL)
    assert (again.written, again.skipped) == (1, 3)
    with pytest.raises(TangkasError, match="another run"):
        run_job(RecommendJob(BulkOptions(top=4, plans=1)), profiles, tmp_path, scheduler=SERIAL)


def test_a_killed_run_resumes_without_duplicates(tmp_path: Path) -> None:
    """Kill the command (SIGKILL) after its first piece; the same command again completes the folder,
    and the result equals an uninterrupted run."""
    profiles = _cohort(tmp_path / "in", n=400, row_group=25)
    command = [
        sys.executable,
        "-m",
        "tangkas",
        "batch",
        "recommend",
        str(profiles),
        str(tmp_path / "out"),
        "--scheduler",
        "serial",
        "--top",
        "3",
        "--plans",
        "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list((tmp_path / "out").glob("part-*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = len(list((tmp_path / "out").glob("part-*.parquet")))
    assert 1 <= done < 16
    subprocess.run(command, check=True, capture_output=True)
    run_job(RecommendJob(BulkOptions(top=3, plans=1)), profiles, tmp_path / "clean", scheduler=SERIAL)
    resumed, clean = read_output(tmp_path / "out"), read_output(tmp_path / "clean")
    assert resumed.num_rows == 400 and resumed.equals(clean)
    assert not list((tmp_path / "out").glob(".*.tmp"))  # the killed piece was written again, then renamed


def test_bad_rows_are_kept_with_their_problem() -> None:
    table = pa.table(
        {
            "profile_id": ["ok", "unknown", "empty", "bad-skill", "bad-province"],
            "occupations": [["7531.5"], ["no-such-job"], [], ["7531.5"], ["7531.5"]],
            "extra_skills": [[], [], [], ["no-such-skill"], []],
            "province_code": ["32", "32", "32", "32", "99"],
        }
    )
    out, counts = recommend_table(table, job_catalog(None), BulkOptions(top=3, plans=1), PlanCache())
    problems = out["problem"].to_pylist()
    assert problems[0] is None and len(out["transitions"][0].as_py()) == 3
    assert "no-such-job" in problems[1] and problems[2] == "no occupation or skill"
    assert "no-such-skill" in problems[3] and "99" in problems[4]
    assert counts["rejected"] == 4 and out["transitions"].to_pylist()[1:] == [None] * 4


def test_missing_column_and_unreadable_input_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TangkasError, match="'occupations' column"):
        recommend_table(pa.table({"profile_id": ["a"]}), job_catalog(None), BulkOptions(), PlanCache())
    (tmp_path / "bad.parquet").write_text("not parquet")
    with pytest.raises(TangkasError, match="not a readable Parquet file"):
        plan_pieces(tmp_path)


def test_repeated_plans_are_solved_once() -> None:
    table = pa.table(
        {"profile_id": ["a", "b", "c"], "occupations": [["7531.5"]] * 3, "province_code": ["32"] * 3}
    )
    cache = PlanCache()
    out, counts = recommend_table(table, job_catalog(None), BulkOptions(top=3, plans=3), cache)
    assert counts["profiles_distinct"] == 1 and counts["plans_asked"] == 9 and counts["plans_solved"] == 3
    assert out["transitions"][0].equals(out["transitions"][2])


def test_cli_reports_in_indonesian_and_english(profiles: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["batch", "recommend", str(profiles), str(tmp_path / "id"), "--scheduler", "serial", "--top", "3"],
    )
    assert result.exit_code == 0, result.output
    assert "4 bagian ditulis" in result.output and "rencana pelatihan" in result.output
    result = runner.invoke(
        app,
        [
            "batch",
            "recommend",
            str(profiles),
            str(tmp_path / "id"),
            "--scheduler",
            "serial",
            "--top",
            "3",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0 and "0 pieces written, 4 skipped" in result.output


BULK = Path(__file__).parent / "data" / "market" / "bulk_postings.parquet"


@pytest.fixture(scope="module")
def postings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("postings")
    pq.write_table(pq.read_table(BULK), folder / "ads.parquet", row_group_size=60)
    return folder


def test_batch_code_codes_each_distinct_title_once_on_any_scheduler(postings: Path, tmp_path: Path) -> None:
    from tangkas.batch.code import CodeJob, code_everything, distinct_titles
    from tangkas.market import bulk

    serial = code_everything(postings, tmp_path / "serial", CodeJob(), scheduler=SERIAL)
    keys = distinct_titles(tmp_path / "serial")
    assert keys == bulk.title_keys(pq.read_table(postings)).num_rows > 100
    assert serial["title-codes"].rows_in == keys  # each distinct title coded once in the whole run
    assert serial["code"].counters["titles_new"] == 0  # pass 3 finds every title coded already
    local = code_everything(postings, tmp_path / "local", CodeJob(), workers=2)
    assert local["title-codes"].rows_in == keys and local["code"].counters["titles_new"] == 0
    bulk.clear_caches()
    alone, _ = bulk.code_table(pq.read_table(postings))
    assert read_output(tmp_path / "serial").equals(alone)
    assert read_output(tmp_path / "local").equals(alone)
    again = code_everything(postings, tmp_path / "serial", CodeJob(), scheduler=SERIAL)
    assert [s.written for s in again.values()] == [0, 0, 0]


def test_cli_batch_code(postings: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["batch", "code", str(postings), str(tmp_path / "out"), "--scheduler", "serial"]
    )
    assert result.exit_code == 0, result.output
    assert "6 bagian ditulis" in result.output and "masing-masing dikodekan sekali" in result.output
    result = runner.invoke(app, ["batch", "code", str(tmp_path / "missing"), str(tmp_path / "x")])
    assert result.exit_code == 2 and "masukan tidak ditemukan" in result.output
