from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tangkas.cli.app import app
from tangkas.errors import TangkasError
from tangkas.taxonomy import Taxonomy
from tangkas.training.alignment import (
    DemandRow,
    align_catalog,
    alignment_rows,
    read_demand_csv,
    write_alignment_csv,
)
from tangkas.training.catalog import Course, CourseCatalog, Provider
from tangkas.training.course_rows import write_catalog

BLK = Provider("blk", "BLK Uji", "BLK")
WEB = Provider("web", "Platform Uji", "online")
runner = CliRunner()


def offline(cid: str, skills: tuple[str, ...], province: str, capacity: int = 16) -> Course:
    return Course(cid, BLK, cid, cid, skills, 160, 0, "offline", province, capacity=capacity)


CATALOG = CourseCatalog(
    [
        offline("weld-jabar", ("weld",), "32"),
        offline("sew-jateng", ("sew",), "33"),
        offline("sew-jatim", ("sew", "cut"), "35", capacity=20),
        Course("cook-web", WEB, "cook", "cook", ("cook",), 10, 100_000, "online"),
    ]
)


def test_alignment_ranks_undersupplied_skills_and_courses_to_open() -> None:
    demand = [
        DemandRow("sew", 50, "32"),
        DemandRow("weld", 10, "32"),
        DemandRow("cut", 40, "32"),
        DemandRow("sew", 999, "33"),
        DemandRow("robots", 5, "32"),
    ]
    report = align_catalog(CATALOG, demand, province="jabar")
    assert report.demand_given and report.total_demand == 105
    assert [a.skill for a in report.skills][:2] == ["sew", "cut"]
    assert report.skills[-1].skill == "weld" and report.skills[-1].gap < 0
    assert [(s.course.id, s.action) for s in report.to_open] == [
        ("sew-jatim", "open"),
        ("sew-jateng", "open"),
    ]
    assert [a.skill for a in report.untaught] == ["robots"]


def test_alignment_without_demand_says_so_and_ranks_nothing_to_open() -> None:
    report = align_catalog(CATALOG, None, province="33")
    assert not report.demand_given
    assert report.to_open == () and report.untaught == ()
    assert [(a.skill, a.local_seats, a.demand) for a in report.skills] == [("sew", 16, 0)]


def test_alignment_national_counts_every_province_and_suggests_expansion() -> None:
    report = align_catalog(CATALOG, [DemandRow("cut", 10), DemandRow("weld", 1)])
    assert report.province is None and report.total_local_seats == 16 + 16 + 40
    assert all(s.action == "expand" for s in report.to_open)
    assert report.skills[0].skill == "cut"


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["sew", "weld", "cut", "cook", "x"]),
            st.integers(0, 100),
            st.sampled_from(["32", "33", "35"]),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_alignment_shares_are_consistent(rows: list[tuple[str, int, str]]) -> None:
    demand = [DemandRow(s, n, p) for s, n, p in rows]
    report = align_catalog(CATALOG, demand, province="32", limit=1000)
    assert report.total_demand == sum(n for _, n, p in rows if p == "32")
    if report.total_demand:
        assert sum(a.demand_share for a in report.skills) == pytest.approx(1.0)
    gaps = [a.gap for a in report.skills]
    assert gaps == sorted(gaps, reverse=True)
    assert all(s.unmet_postings > 0 and s.course.mode != "online" for s in report.to_open)


def test_alignment_demand_csv_validation(tmp_path: Path, tax: Taxonomy) -> None:
    uri = tax.skills[0].uri
    good = tmp_path / "good.csv"
    good.write_text(f"skill_uri,count,province\n{uri},5,Jawa Barat\n{uri},2,\n")
    assert read_demand_csv(good, skill_uris=tax.skill_index) == [DemandRow(uri, 5, "32"), DemandRow(uri, 2)]
    bad = tmp_path / "bad.csv"
    bad.write_text(f"skill_uri,count\nhttp://nope,5\n{uri},-2\n")
    with pytest.raises(TangkasError, match=r"row 1.*row 2"):
        read_demand_csv(bad, skill_uris=tax.skill_index)


def test_alignment_csv_export(tmp_path: Path) -> None:
    report = align_catalog(CATALOG, [DemandRow("sew", 5, "32"), DemandRow("robots", 1, "32")], province="32")
    path = write_alignment_csv(alignment_rows(report, str.upper), tmp_path / "r.csv")
    rows = list(csv.DictReader(path.read_text().splitlines()))
    assert [r["kind"] for r in rows] == ["skill", "skill", "course", "course", "untaught"]
    assert rows[0]["label"] == "SEW" and rows[2]["action"] == "open"


def test_alignment_cli_with_and_without_demand(tmp_path: Path, tax: Taxonomy) -> None:
    skill = tax.skill("computer programming").uri
    catalog = write_catalog([offline("prog", (skill,), "33")], tmp_path / "c.parquet")
    result = runner.invoke(app, ["align", "--province", "Jawa Barat", "--catalog", str(catalog)])
    assert result.exit_code == 0, result.output
    assert "Tidak ada tabel permintaan" in result.output
    demand = tmp_path / "d.csv"
    demand.write_text(f"skill_uri,count,province\n{skill},30,32\n")
    out = tmp_path / "out.csv"
    result = runner.invoke(
        app,
        [
            "align",
            "--province",
            "Jawa Barat",
            "--catalog",
            str(catalog),
            "--demand",
            str(demand),
            "--csv",
            str(out),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Vocational alignment: West Java" in result.output
    assert "prog" in out.read_text()
    result = runner.invoke(app, ["align", "--province", "Atlantis", "--catalog", str(catalog)])
    assert result.exit_code == 2
