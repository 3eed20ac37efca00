"""Coding postings in bulk (``tangkas.market.bulk``, ``tangkas batch code``'s job): row for row what the
single-process path gives, with each title key, skill text and ad coded once per process."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tangkas.batch.code import CodeJob
from tangkas.errors import TangkasError
from tangkas.fairness.ads import EVALUATED, check_posting, rules_version
from tangkas.market import bulk
from tangkas.market.coding import code_postings, default_skill_extractor, default_title_coder
from tangkas.market.feeds import FeedReport, read_postings
from tangkas.market.postings import Posting
from tangkas.market.tables import postings_table
from tangkas.reading.titles import score_titles, title_key

FIXTURE = Path(__file__).parent / "data" / "market" / "bulk_postings.parquet"
"""330 real ads of five feeds (scripts/build_bulk_fixture.py): generic titles, repeated titles, texts."""
GUDANG = "Tugas: mencatat stok barang masuk dan keluar gudang, stock opname gudang"
KEUANGAN = "Tugas: membuat laporan keuangan, rekonsiliasi bank, jurnal keuangan"


@pytest.fixture(autouse=True)
def _cold() -> Iterator[None]:
    """Every test starts and ends with the process's caches empty."""
    bulk.clear_caches()
    yield
    bulk.clear_caches()


def _serial(path: Path, *, semantic: bool = False) -> list[dict[str, Any]]:
    """The single-process path: the feed reader, ``code_postings`` and the store's ad check."""
    coding = default_title_coder()
    postings = list(read_postings(path))
    coded = code_postings(
        postings,
        coding.coder,
        default_skill_extractor(semantic=semantic),
        min_score=coding.min_score,
        min_margin=coding.min_margin,
    )
    rows = []
    for c in coded:
        check = check_posting(c.posting.title, c.posting.text)
        rows.append(
            {
                "source": c.posting.source,
                "external_id": c.posting.external_id,
                "problem": None,
                "occupation": c.occupation,
                "isco": c.isco,
                "score": c.score,
                "margin": c.margin,
                "confident": c.confident,
                "skills": list(c.skills),
                **{f"ad_{ground}": ground in check.flagged for ground in EVALUATED},
                "ad_one_sex": check.one_sex,
                "ad_findings": [f.rule for f in check.findings],
            }
        )
    return rows


def _coded(table: pa.Table, **options: bool) -> list[dict[str, Any]]:
    out, _ = bulk.code_table(table, **options)
    assert out.schema == bulk.OUTPUT
    return [
        {k: v for k, v in row.items() if k not in ("title_coder", "skills_method", "ad_rules", "models")}
        for row in out.to_pylist()
    ]


@pytest.fixture(scope="module")
def serial() -> list[dict[str, Any]]:
    return _serial(FIXTURE)


def test_bulk_code_matches_the_serial_path_on_real_ads(serial: list[dict[str, Any]]) -> None:
    table = pq.read_table(FIXTURE)
    assert _coded(table) == serial
    assert len({r["occupation"] for r in serial}) > 50 and sum(bool(r["skills"]) for r in serial) > 100


def test_bulk_code_matches_the_serial_path_in_any_partitions(serial: list[dict[str, Any]]) -> None:
    """Partitions of one row (one new title: another BLAS routine) to hundreds, caches carried over."""
    table = pq.read_table(FIXTURE)
    bounds = [0, 1, 2, 3, 10, 11, 90, 200, table.num_rows]
    rows = [row for a, b in pairwise(bounds) for row in _coded(table.slice(a, b - a))]
    assert rows == serial


def test_bulk_code_counts_the_work_done_once() -> None:
    table = pq.read_table(FIXTURE)
    _, first = bulk.code_table(table)
    _, again = bulk.code_table(table)
    titles = table.column("title").to_pylist()
    assert first["postings"] == table.num_rows and first["rejected"] == 0
    assert first["titles_new"] == first["title_keys"] <= len(set(titles)) < table.num_rows
    assert first["skills_new"] == first["skill_texts"] < table.num_rows
    assert first["checks_new"] == first["ad_texts"] <= first["skill_texts"]
    assert again["titles_new"] == again["skills_new"] == again["checks_new"] == 0
    assert again["title_keys"] == first["title_keys"] and again["ads_flagged"] == first["ads_flagged"] > 0


def test_bulk_code_title_scores_do_not_depend_on_the_batch() -> None:
    """A title scores the same alone as in a batch (a police title uses the no-KBJI fallback)."""
    titles = ["Polisi", "Detektif Kriminal", "Sopir Pribadi", "Staff Admin Gudang", "Barista", "Teknisi AC"]
    together = score_titles(titles)
    for i, title in enumerate(titles):
        assert np.array_equal(score_titles([title])[0], together[i]), title
        assert np.array_equal(score_titles([title, titles[0]])[0], together[i]), title


def test_bulk_code_generic_titles_key_on_the_domain_their_ad_names() -> None:
    ads = [
        Posting("demo", "1", "Staff Admin", GUDANG),
        Posting("demo", "2", "Staff Admin", KEUANGAN),
        Posting("demo", "3", "Staff Admin", "Tugas: " + KEUANGAN),
        Posting("demo", "4", "Staf Admin Gudang (Cikarang)", KEUANGAN),
        Posting("demo", "5", "STAFF ADMIN GUDANG - Rp 5jt"),
        Posting("demo", "6", "Staff Admin"),
    ]
    out, counts = bulk.code_table(postings_table(ads))
    occupations = out.column("occupation").to_pylist()
    # "admin gudang" (named by the title, or by the ad of a generic one), "admin keuangan", no domain
    assert counts["title_keys"] == 3 and counts["titles_new"] == 3
    assert occupations[0] == occupations[3] == occupations[4] != occupations[1] == occupations[2]
    assert title_key("Staf Admin Gudang (Cikarang)") == title_key("STAFF ADMIN GUDANG - Rp 5jt")
    coding = default_title_coder()
    alone = [coding.coder([ad.title], [ad.text])[0] for ad in ads]
    assert occupations == [guess.occupation for guess in alone if guess is not None]
    assert out.column("margin").to_pylist() == [guess.margin for guess in alone if guess is not None]


def test_bulk_code_keeps_rows_the_feed_reader_rejects_with_their_problem(tmp_path: Path) -> None:
    table = pa.table(
        {
            "source": ["demo", "demo", "demo", " ", "demo"],
            "external_id": ["1", "2", "3", "4", "5"],
            "title": ["Kasir", "n/a", "Barista", "Satpam", "Kasir\x00"],
            "company": ["PT A", "PT B", "PT\x07C", "PT D", "PT E"],
        }
    )
    out, counts = bulk.code_table(table)
    assert out.column("problem").to_pylist() == [
        None,
        "title is empty",
        "column 'company' contains a control character (U+0007)",
        "source is empty",
        "column 'title' contains a control character (U+0000)",
    ]
    assert out.column("isco").to_pylist() == ["5230", None, None, None, None]
    assert counts["postings"] == 1 and counts["rejected"] == 4
    path = tmp_path / "feed.parquet"
    pq.write_table(table, path)
    report = FeedReport("tangkas")
    assert [p.external_id for p in read_postings(path, report=report)] == ["1"]
    assert report.rows == 5 and len(report.errors) == 4


@pytest.mark.parametrize(
    ("table", "column"),
    [
        (pa.table({"source": ["demo"], "title": ["Kasir"]}), "external_id"),
        (pa.table({"source": ["demo"], "external_id": ["1"]}), "title"),
        (pa.table({"source": ["demo"], "external_id": ["1"], "title": [42]}), "title"),
        (pa.table({"source": ["demo"], "external_id": ["1"], "title": ["Kasir"], "text": [1.5]}), "text"),
    ],
)
def test_bulk_code_names_a_missing_or_malformed_column(table: pa.Table, column: str) -> None:
    with pytest.raises(TangkasError, match=f"'{column}'") as raised:
        bulk.code_table(table)
    assert f"'{column}'" in raised.value.say("id")


def test_bulk_code_an_empty_table_gives_an_empty_output() -> None:
    out, counts = bulk.code_table(postings_table([]).slice(0, 0))
    assert out.num_rows == 0 and out.schema == bulk.OUTPUT
    assert counts["postings"] == counts["rejected"] == counts["titles_new"] == 0


def test_bulk_code_records_versions_and_leaves_checks_out_when_asked() -> None:
    table = postings_table([Posting("demo", "1", "Kasir", "Wanita, usia maks. 25 tahun")])
    checked, _ = bulk.code_table(table)
    unchecked, counts = bulk.code_table(table, checks=False)
    row, bare = checked.to_pylist()[0], unchecked.to_pylist()[0]
    assert (row["ad_sex"], row["ad_age"], row["ad_one_sex"]) == (True, True, "female")
    assert row["ad_rules"] == rules_version() and row["title_coder"] == "titles" and row["models"]
    assert bare["ad_sex"] is None and bare["ad_findings"] is None and bare["ad_rules"] is None
    assert "checks_new" not in counts and bare["isco"] == row["isco"] == "5230"


def test_bulk_code_semantic_skills_match_the_serial_path(tmp_path: Path) -> None:
    path = tmp_path / "some.parquet"
    pq.write_table(pq.read_table(FIXTURE).slice(0, 6), path)
    coded = _coded(pq.read_table(path), semantic_skills=True)
    assert coded == _serial(path, semantic=True)
    out, _ = bulk.code_table(pq.read_table(path), semantic_skills=True)
    assert set(out.column("skills_method").to_pylist()) == {"semantic"}


def test_code_job_is_options_only_and_runs_the_bulk_coder() -> None:
    job = CodeJob(semantic_skills=False, checks=True)
    assert pickle.loads(pickle.dumps(job)) == job and len(pickle.dumps(job)) < 200
    job.warm()
    table = pq.read_table(FIXTURE).slice(0, 40)
    out, counts = job.run(table)
    bulk.clear_caches()
    assert out.equals(bulk.code_table(table)[0]) and counts["postings"] == 40
