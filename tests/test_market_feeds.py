"""Feed adapters on small fixtures copied from each real feed (structured fields; texts paraphrased)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tangkas.market.feeds import FeedError, FeedReport, detect_feed, parse_feed, read_postings, write_postings
from tangkas.market.postings import Posting, dedupe, normalize_title

DATA = Path(__file__).parent / "data" / "market"


@pytest.mark.parametrize(
    ("name", "feed", "rows"),
    [
        ("lokerid.csv", "lokerid", 9),
        ("jobstreet_2020.csv", "jobstreet-2020", 6),
        ("glints_2020.csv", "glints-2020", 9),
        ("jobstreet_2022.csv", "jobstreet-2022", 9),
        ("id_jobs.csv", "id-jobs", 14),
    ],
)
def test_market_feeds_detect_and_read_every_row(name: str, feed: str, rows: int) -> None:
    postings, report = parse_feed(DATA / name)
    assert report.feed == feed
    assert (report.rows, report.postings, report.rejected_rows) == (rows, rows, 0)
    assert len(postings) == rows
    assert all(p.title and p.external_id for p in postings)


def test_market_feeds_lokerid_fields() -> None:
    postings, report = parse_feed(DATA / "lokerid.csv")
    first = postings[0]
    assert (first.source, first.external_id, first.title) == ("lokerid", "15758013", "Staff Engineering")
    assert (first.province_code, first.city) == ("31", "Kota Jakarta Barat")
    assert (first.salary_min, first.salary_max, first.salary_status) == (3_000_000, 4_000_000, "ok")
    assert (first.posted_date, first.date_kind, first.education) == (date(2025, 7, 9), "posted", "sma")
    assert first.experience_years_min == 1 and first.category == "Teknik"
    negotiable = postings[1]
    assert (negotiable.salary_min, negotiable.salary_status) == (None, "hidden")
    assert [p.place_kind for p in postings].count("remote") == 1
    assert report.coverage()["date"] == 1.0


def test_market_feeds_jobstreet_2020_province_only_with_snapshot_date() -> None:
    postings, _ = parse_feed(DATA / "jobstreet_2020.csv")
    assert [p.province_code for p in postings] == ["31", "17", "34", "91", "32", "65"]
    assert all(p.city is None and p.date_kind == "snapshot" for p in postings)
    assert postings[0].education == "d3" and postings[0].experience_years_min == 3


def test_market_feeds_glints_salary_and_skills() -> None:
    postings, report = parse_feed(DATA / "glints_2020.csv")
    by_status = {p.salary_status for p in postings}
    assert by_status == {"hidden", "ok", "foreign", "implausible", "no_monthly"}
    assert postings[1].salary_min == 4_000_000 and postings[1].city == "Kota Tangerang"
    assert ".NET" in postings[0].skills
    assert postings[-1].city == "Kota Tangerang Selatan"
    assert report.salary_status["foreign"] == 2


def test_market_feeds_jobstreet_2022_ids_places_and_text_fields() -> None:
    postings, _ = parse_feed(DATA / "jobstreet_2022.csv")
    assert postings[0].external_id.isdigit() and postings[0].source == "jobstreet"
    assert postings[0].education == "s1" and postings[0].experience_years_min == 2
    assert postings[1].experience_years_min == 3
    assert [p.place_kind for p in postings[:7]] == [
        "province",
        "city",
        "country",
        "province",
        "abroad",
        "abroad",
        "unknown",
    ]
    assert (postings[3].province_code, postings[3].other_places) == ("31", 1)
    assert len(list(dedupe(postings))) == len(postings) - 1


def test_market_feeds_dealls_and_kalibrr() -> None:
    postings, _ = parse_feed(DATA / "id_jobs.csv")
    dealls = [p for p in postings if p.source == "dealls"]
    kalibrr = [p for p in postings if p.source == "kalibrr"]
    assert len(dealls) == 8 and len(kalibrr) == 6
    assert dealls[0].province_code == "18" and dealls[0].date_kind == "posted"
    assert {p.salary_min for p in dealls} >= {3_000_000, 5_000_000}
    assert all(p.salary_min is None for p in kalibrr)
    assert [p.country for p in kalibrr] == ["PH", "PH", "PH", "ID", "PH", "SG"]
    assert next(p for p in kalibrr if p.country == "ID").salary_status == "foreign"


def test_market_feeds_bad_rows_are_reported_not_dropped(tmp_path: Path) -> None:
    lines = (DATA / "lokerid.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    blank_title = ["99", ""] + ["x"] * (len(header) - 2)
    broken = tmp_path / "lokerid.csv"
    broken.write_text(
        "\n".join([*lines[:3], ",".join(blank_title), "1,2,3", *lines[3:]]) + "\n", encoding="utf-8"
    )
    report = FeedReport("auto")
    postings = list(read_postings(broken, report=report))
    assert (report.rows, report.postings, report.rejected_rows) == (11, 9, 2)
    assert [(e.row, e.field, e.code, e.detail) for e in report.errors] == [
        (3, "title", "required", ""),
        (4, "-", "row", "3 fields, header has 24"),
    ]
    assert len(postings) == 9


def test_market_feeds_unknown_format_and_missing_file(tmp_path: Path) -> None:
    other = tmp_path / "regencies.csv"
    other.write_text("Pulau,Provinsi,Kabupaten/Kota\nJawa,Banten,Kota Serang\n", encoding="utf-8")
    with pytest.raises(FeedError, match="unknown feed format"):
        list(read_postings(other))
    with pytest.raises(FeedError, match="not found"):
        list(read_postings(tmp_path / "none.csv"))
    with pytest.raises(FeedError, match="not a glints-2020 feed"):
        list(read_postings(DATA / "lokerid.csv", "glints-2020"))


def test_market_feeds_detect_by_columns() -> None:
    assert detect_feed(["\ufeffsource", "external_id", "title"]) == "tangkas"
    assert (
        detect_feed(["id_loker", "pulau", "provinsi", "kota", "job_position", "job_salary"]) == "glints-2020"
    )


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_market_feeds_tangkas_format_round_trip(tmp_path: Path, suffix: str) -> None:
    postings, _ = parse_feed(DATA / "glints_2020.csv")
    path = tmp_path / f"feed{suffix}"
    assert write_postings(postings, path) == len(postings)
    again, report = parse_feed(path)
    assert report.feed == "tangkas"
    assert again == postings


def test_market_feeds_cross_source_near_duplicates() -> None:
    a = Posting(
        "lokerid",
        "1",
        "Staff Admin Gudang",
        company="PT Maju Jaya",
        city="Kota Bekasi",
        posted_date=date(2025, 7, 9),
    )
    b = Posting(
        "dealls",
        "x",
        "Admin Gudang (Staff)",
        company="PT. Maju Jaya",
        city="Kota Bekasi",
        posted_date=date(2025, 7, 21),
    )
    same_source = Posting(
        "lokerid",
        "2",
        "Admin Gudang",
        company="PT Maju Jaya",
        city="Kota Bekasi",
        posted_date=date(2025, 7, 1),
    )
    other_month = Posting(
        "dealls",
        "y",
        "Admin Gudang",
        company="PT Maju Jaya",
        city="Kota Bekasi",
        posted_date=date(2025, 8, 1),
    )
    hidden_company = Posting(
        "dealls",
        "z",
        "Admin Gudang",
        company="Perusahaan Dirahasiakan",
        city="Kota Bekasi",
        posted_date=date(2025, 7, 1),
    )
    kept = list(dedupe([a, b, same_source, other_month, hidden_company]))
    assert kept == [a, same_source, other_month, hidden_company]
    assert list(dedupe([a, b], across_sources=False)) == [a, b]


titles = st.sampled_from(["Admin Gudang", "Kasir", "Sales", "Staff Admin Gudang", "Driver"])


@given(
    st.lists(
        st.builds(
            Posting,
            st.sampled_from(["a", "b"]),
            st.sampled_from(["1", "2", "3"]),
            titles,
            company=st.sampled_from(["PT X", "CV Y", None]),
        )
    )
)
def test_market_feeds_dedupe_is_idempotent(postings: list[Posting]) -> None:
    once = list(dedupe(postings))
    assert list(dedupe(once)) == once
    assert len({p.posting_key() for p in once}) == len(once) <= len(postings)


def test_market_feeds_title_normalisation() -> None:
    assert normalize_title("Admin Gudang (Staff)") == normalize_title("STAFF ADMIN GUDANG") == "admin gudang"
