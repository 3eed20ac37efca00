"""The synthetic national cohort (``tangkas.cohort``) and ``tangkas cohort generate``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tangkas import cohort
from tangkas.cli import app
from tangkas.taxonomy import Taxonomy

runner = CliRunner()
SAMPLE = 200_000


@pytest.fixture(scope="module")
def sample() -> pa.Table:
    return pa.concat_tables(cohort.generate_cohort(SAMPLE, seed=17))


def test_cohort_is_the_same_whatever_the_chunk_size_and_start() -> None:
    n = 30_000
    whole = pa.concat_tables(cohort.generate_cohort(n, seed=5, chunk_rows=n))
    small = pa.concat_tables(cohort.generate_cohort(n, seed=5, chunk_rows=977))
    pieces = pa.concat_tables(
        pa.concat_tables(cohort.generate_cohort(min(first + 7_000, n), seed=5, start=first))
        for first in range(0, n, 7_000)
    )
    assert whole.equals(small) and whole.equals(pieces)
    assert not whole.equals(pa.concat_tables(cohort.generate_cohort(n, seed=6)))
    assert whole["profile_id"][0].as_py() == "syn-000000000"


def test_cohort_schema_and_labels(sample: pa.Table) -> None:
    assert sample.schema == cohort.SCHEMA and sample.num_rows == SAMPLE
    assert all(sample["synthetic"].to_pylist())
    assert len(set(sample["profile_id"].to_pylist())) == SAMPLE
    ages = [cohort.REFERENCE_YEAR - y for y in sample["birth_year"].to_pylist()]
    assert min(ages) == 18 and max(ages) == 64
    young = sum(a <= 34 for a in ages) / SAMPLE
    assert abs(young - 0.60) < 0.01
    male = sample["sex"].to_pylist().count("M") / SAMPLE
    assert abs(male - cohort.male_share()) < 0.01 and set(sample["sex"].to_pylist()) == {"M", "F"}


def test_cohort_province_shares_follow_the_weights(sample: pa.Table) -> None:
    weights = cohort.cohort_weights().province_shares()
    assert len(weights) == 38 and abs(sum(weights.values()) - 1) < 1e-9
    counts = Counter(sample["province_code"].to_pylist())
    assert set(counts) == set(weights)
    for code, share in weights.items():
        assert abs(counts[code] / SAMPLE - share) < 0.002 + 0.05 * share, code
    assert counts["31"] > counts["32"] > counts["94"]  # Jakarta's BPJS-TK members lead, Papua's few


def test_cohort_uris_exist_and_skills_belong_to_the_first_occupation(sample: pa.Table, tax: Taxonomy) -> None:
    head = sample.slice(0, 20_000)
    for occupations, skills in zip(
        head["occupations"].to_pylist(), head["extra_skills"].to_pylist(), strict=True
    ):
        assert occupations and len(set(occupations)) == len(occupations) <= 3
        assert all(uri in tax.occupation_index for uri in occupations)
        assert len(set(skills)) == len(skills) <= cohort.MAX_EXTRA_SKILLS
        row = tax.optional[tax.occupation_index[occupations[0]]]
        assert all(row[0, tax.skill_index[uri]] for uri in skills)


def test_cohort_occupations_favour_common_ones(sample: pa.Table) -> None:
    firsts = Counter(o[0] for o in sample["occupations"].to_pylist())
    demand = pq.read_table(Path(cohort.__file__).parent / "data" / "occupation_demand.parquet").to_pylist()
    top = max(demand, key=lambda r: r["ads"])
    assert firsts.most_common(1)[0][0] == top["uri"]
    assert set(firsts) <= {r["uri"] for r in demand if r["ads"] > 0}


def test_cohort_mixed_and_extra_skill_shares(sample: pa.Table) -> None:
    sizes = Counter(len(o) for o in sample["occupations"].to_pylist())
    assert abs((sizes[2] + sizes[3]) / SAMPLE - cohort.MIXED_SHARE) < 0.005
    assert abs(sizes[2] - sizes[3]) / (sizes[2] + sizes[3]) < 0.03
    with_skills = sum(bool(s) for s in sample["extra_skills"].to_pylist()) / SAMPLE
    # a few common occupations have no optional skills: slightly under the drawn share
    assert cohort.EXTRA_SKILLS_SHARE - 0.02 < with_skills <= cohort.EXTRA_SKILLS_SHARE + 0.005


def test_cohort_is_generated_in_chunks_never_whole() -> None:
    sizes = [chunk.num_rows for chunk in cohort.generate_cohort(1_000_000, seed=1, chunk_rows=100_000)]
    assert sizes == [100_000] * 10
    chunks = cohort.generate_cohort(1_000_000, seed=1, start=999_990, chunk_rows=4)
    assert [c.num_rows for c in chunks] == [4, 4, 2]


def _generate(out: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["cohort", "generate", "25000", str(out), "--partition-rows", "10000", *extra]
    )
    return result.exit_code, " ".join(result.output.split())


def test_cohort_cli_writes_partitions_and_resumes(tmp_path: Path) -> None:
    out = tmp_path / "kohort"
    code, output = _generate(out)
    assert code == 0, output
    assert "3 bagian ditulis, 0 dilewati" in output and "25000 profil sintetis" in output
    parts = sorted(out.glob("part-*.parquet"))
    assert [p.name for p in parts] == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert not list(out.glob(".*"))  # no temporary file left
    meta = json.loads((out / "_cohort.json").read_text("utf-8"))
    assert (meta["n"], meta["seed"], meta["partitions"], meta["schema_version"]) == (25000, 17, 3, 1)
    assert meta["synthetic"] is True and "province" in meta["rules"]
    table = pq.read_table(parts)
    assert table.num_rows == 25000
    assert table.equals(pa.concat_tables(cohort.generate_cohort(25000, seed=17)))
    before = parts[1].read_bytes()
    parts[1].unlink()
    code, output = _generate(out, "--lang", "en")
    assert code == 0, output
    assert "1 partitions written, 2 skipped (already complete): 25000 synthetic profiles" in output
    assert parts[1].read_bytes() == before


def test_cohort_cli_refuses_another_cohort_in_the_folder(tmp_path: Path) -> None:
    assert _generate(tmp_path)[0] == 0
    code, output = _generate(tmp_path, "--seed", "3")
    assert code == 2 and "berisi kohort lain" in output
    code, output = _generate(tmp_path, "--seed", "3", "--lang", "en")
    assert code == 2 and "holds another cohort" in output
    result = runner.invoke(app, ["cohort", "generate", "0", str(tmp_path / "x"), "--lang", "en"])
    assert result.exit_code == 2 and "must be positive" in result.output
