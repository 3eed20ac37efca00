"""Demand indicators over small hand-made coded postings, the synthetic feed, and coding with fake coders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tangkas.market.coding import CodedPosting, OccupationGuess, code_postings, coverage
from tangkas.market.demand import (
    alignment_demand,
    demand_by,
    digital_share,
    digital_skill_uris,
    median_pay,
    monthly_pay,
    skill_demand,
    skill_trends,
)
from tangkas.market.postings import Posting
from tangkas.market.synthetic import SOURCE, synthetic_postings, synthetic_table
from tangkas.market.tables import coded_table
from tangkas.rows.write import write_table


def coded(
    i: int,
    province: str | None,
    month: int,
    isco: str,
    skills: Sequence[str] = (),
    pay: tuple[int | None, int | None] = (None, None),
    source: str = "s",
) -> CodedPosting:
    posting = Posting(
        source,
        str(i),
        f"job {i}",
        province_code=province,
        posted_date=date(2025, month, 1),
        salary_min=pay[0],
        salary_max=pay[1],
    )
    return CodedPosting(posting, f"occ:{isco}", isco, 1.0, True, tuple(skills))


@pytest.fixture
def table() -> pa.Table:
    rows = [coded(i, "31", 6, "2512", ["python", "sql"], (10_000_000 + i * 100_000, None)) for i in range(12)]
    rows += [coded(100 + i, "32", 7, "5223", ["sales"], (4_000_000, 5_000_000)) for i in range(9)]
    rows += [coded(200, None, 7, "2512", ["python"])]
    return coded_table(rows)


def test_market_demand_counts_by_province_and_isco(table: pa.Table) -> None:
    by_province = {r["province"]: r["postings"] for r in demand_by(table, "province").to_pylist()}
    assert by_province == {"31": 12, "32": 9, None: 1}
    rows = demand_by(table, ["isco1", "month"]).to_pylist()
    assert rows[0] == {
        "isco1": "2",
        "month": "2025-06",
        "postings": 12,
        "share": pytest.approx(12 / 22, abs=1e-6),
    }
    assert sum(r["postings"] for r in rows) == 22


def test_market_demand_skills_with_shares(table: pa.Table) -> None:
    overall = {r["skill_uri"]: r["postings"] for r in skill_demand(table).to_pylist()}
    assert overall == {"python": 13, "sql": 12, "sales": 9}
    jakarta = [r for r in skill_demand(table, "province").to_pylist() if r["province"] == "31"]
    assert {r["skill_uri"]: r["share"] for r in jakarta} == {"python": 1.0, "sql": 1.0}
    assert skill_demand(table, top=1).to_pylist()[0]["skill_uri"] == "python"


def test_market_demand_median_pay_is_suppressed_below_min_count(table: pa.Table) -> None:
    rows = {r["isco"]: r for r in median_pay(table, "isco").to_pylist()}
    assert rows["2512"]["with_pay"] == 12 and rows["2512"]["postings"] == 13
    assert rows["2512"]["median_monthly_idr"] == 10_550_000 and not rows["2512"]["suppressed"]
    assert rows["5223"]["with_pay"] == 9
    assert rows["5223"]["median_monthly_idr"] is None and rows["5223"]["suppressed"]
    loose = {r["isco"]: r for r in median_pay(table, "isco", min_count=5).to_pylist()}
    assert loose["5223"]["median_monthly_idr"] == 4_500_000


def test_market_demand_pay_midpoint_and_open_bounds() -> None:
    rows = [
        coded(1, "31", 1, "1", pay=(4_000_000, 6_000_000)),
        coded(2, "31", 1, "1", pay=(None, 8_000_000)),
        coded(3, "31", 1, "1"),
    ]
    pay = monthly_pay(coded_table(rows))
    assert list(pay[:2]) == [5_000_000, 8_000_000] and pay[2] != pay[2]


def test_market_demand_digital_share(table: pa.Table) -> None:
    rows = {r["province"]: r for r in digital_share(table, "province", digital={"python"}).to_pylist()}
    assert (rows["31"]["digital"], rows["31"]["share"]) == (12, 1.0)
    assert rows["32"]["digital"] == 0
    assert digital_share(table, digital={"sql"}).to_pylist()[0]["digital"] == 12


def test_market_demand_digital_collection_comes_from_esco() -> None:
    digital = digital_skill_uris()
    assert 500 < len(digital) < 5000


def test_market_demand_rising_and_falling_skills(table: pa.Table) -> None:
    trends = {
        r["skill_uri"]: r for r in skill_trends(table, "2025-06", "2025-07", min_postings=1).to_pylist()
    }
    assert trends["sales"]["direction"] == "rising" and trends["sales"]["share_after"] == 0.9
    assert trends["sql"]["direction"] == "falling" and trends["sql"]["postings_after"] == 0


def test_market_demand_accepts_pandas(table: pa.Table) -> None:
    frame = table.to_pandas()
    assert demand_by(frame, "province").equals(demand_by(table, "province"))


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_market_demand_export(tmp_path: Path, table: pa.Table, suffix: str) -> None:
    path = write_table(skill_demand(table, "province"), tmp_path / f"skills{suffix}")
    if suffix == ".parquet":
        assert pq.read_table(path).num_rows == 4
    else:
        assert path.read_text(encoding="utf-8").splitlines()[0] == '"province","skill_uri","postings","share"'


def test_market_demand_alignment_format(tmp_path: Path, table: pa.Table) -> None:
    regional = alignment_demand(table)
    assert regional.column_names == ["skill_uri", "count", "province"]
    assert sum(regional["count"].to_pylist()) == 12 * 2 + 9
    assert alignment_demand(table, by_province=False).column_names == ["skill_uri", "count"]


def test_market_demand_confident_only() -> None:
    good = coded(1, "31", 1, "1")
    weak = CodedPosting(Posting("s", "2", "x", province_code="31"), "occ", "2", 0.1, False)
    assert demand_by(coded_table([good, weak]), "province", confident_only=True)["postings"].to_pylist() == [
        1
    ]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["31", "32", None]), st.integers(1, 12), st.sampled_from(["2512", "5223", "9112"])
        ),
        max_size=40,
    )
)
def test_market_demand_group_counts_add_up(rows: list[tuple[str | None, int, str]]) -> None:
    table = coded_table([coded(i, p, m, isco) for i, (p, m, isco) in enumerate(rows)])
    for by in ("province", "month", "isco", ["province", "month"]):
        assert sum(demand_by(table, by)["postings"].to_pylist()) == len(rows)


def test_market_demand_synthetic_is_deterministic_and_labelled() -> None:
    a, b = synthetic_table(2000, seed=7), synthetic_table(2000, seed=7)
    assert a.equals(b) and not a.equals(synthetic_table(2000, seed=8))
    assert set(a["source"].to_pylist()) == {SOURCE}
    assert pa.compute.min(a["month"]).as_py() == "2024-01"
    pay = median_pay(a, "isco1")
    assert all(
        r["median_monthly_idr"] is None or r["median_monthly_idr"] > 1_000_000 for r in pay.to_pylist()
    )
    posting = next(synthetic_postings(1, seed=7))
    assert posting.source == SOURCE and "sintetis" in posting.text


def fake_coder(titles: Sequence[str], texts: Sequence[str]) -> list[OccupationGuess | None]:
    return [
        OccupationGuess(f"occ:{t}", "5223", 0.9 if "sales" in t.lower() else 0.2) if t else None
        for t in titles
    ]


def test_market_demand_code_postings_with_fakes() -> None:
    postings = [
        Posting("a", "1", "Sales Toko", text="Bisa Excel"),
        Posting("a", "2", "Kasir"),
        Posting("b", "3", "Sales", skills=("SQL",)),
    ]
    extracted = code_postings(
        postings,
        fake_coder,
        lambda text: [w.lower() for w in text.split() if w.isupper()],
        min_score=0.5,
        batch_size=2,
    )
    assert [c.confident for c in extracted] == [True, False, True]
    assert extracted[2].skills == ("sql",)
    assert coverage(extracted) == {
        "a": {"postings": 2, "confident": 1, "share": 0.5},
        "b": {"postings": 1, "confident": 1, "share": 1.0},
    }


def test_market_demand_confidence_needs_score_and_margin() -> None:
    def coder(titles: Sequence[str], texts: Sequence[str]) -> list[OccupationGuess | None]:
        return [OccupationGuess("occ", "1", 1.5, 0.01), OccupationGuess("occ", "1", 1.5, 0.2)]

    coded_postings = code_postings([Posting("a", "1", "x"), Posting("a", "2", "y")], coder, min_margin=0.08)
    assert [c.confident for c in coded_postings] == [False, True]
