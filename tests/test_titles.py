from __future__ import annotations

from pathlib import Path

import pytest

from tangkas.reading.title_words import title_level, with_context
from tangkas.reading.titles import (
    CONFIDENT_MARGIN,
    best_guesses,
    clean_title,
    code_description,
    code_title,
    score_titles,
)
from tangkas.taxonomy import Taxonomy


@pytest.mark.parametrize(
    ("title", "isco_prefix"),
    [
        ("Staff Admin Gudang (Cikarang)", "4321"),
        ("Perawat", "2221"),
        ("Pekerja Kilang", "9329"),
        ("Sr. Sales Exec - Otomotif", "3"),
        ("URGENT!! Sopir Pribadi", "832"),
        ("Software Engineer", "25"),
        ("Juru Masak", "51"),
    ],
)
def test_titles_noisy_indonesian_and_english_titles(title: str, isco_prefix: str) -> None:
    top = code_title(title, limit=3)
    assert any(m.isco.startswith(isco_prefix) for m in top), [(m.occupation.label_en, m.isco) for m in top]


def test_titles_ranked_and_scored(tax: Taxonomy) -> None:
    matches = code_title("Perawat", limit=5)
    assert len(matches) == 5
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(m.occupation.uri in tax.occupation_index and m.isco == m.occupation.isco for m in matches)


def test_titles_clean_title_removes_noise() -> None:
    assert clean_title("MARKETING ASSISTANT (SELANGOR)") == "marketing assistant"
    assert clean_title("Apprentice For Marketing - RM1000* | FOC") == "for marketing"
    assert clean_title("") == ""


def test_titles_empty_title_gives_nothing() -> None:
    assert code_title("") == []
    assert code_title("!!!") == []


def test_titles_onet_alternate_titles_reach_esco_through_the_crosswalk() -> None:
    assert code_title("Forklift Driver", limit=1)[0].isco == "8344"


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("saya 8 tahun jadi operator mesin jahit di pabrik garmen", "8153"),
        ("Pengalaman 5 tahun sebagai sopir truk, bisa merawat kendaraan", "833"),
        ("dulu kerja jadi satpam di mall", "5414"),
        ("I worked as a cashier in a supermarket for 3 years", "5230"),
    ],
)
def test_titles_code_description_reads_free_descriptions(text: str, isco: str) -> None:
    best = code_description(text, limit=1)[0]
    assert best.isco.startswith(isco), best.occupation.label_en


def test_titles_indonesian_abbreviations_and_words_are_read() -> None:
    assert code_title("Teknisi AC")[0].isco in {"3115", "7127"}  # AC = air conditioning
    assert code_title("Staf Ekspor")[0].occupation.label_en == "import export specialist"
    assert code_title("General Affairs")[0].isco != "0110"  # an office job, not an army general
    assert code_title("Staff Admin Medsos")[0].isco in {"2431", "2432"}  # medsos = social media


@pytest.mark.parametrize(
    ("title", "isco"),
    [
        ("Satpam", "5414"),  # not a security-alarm technician
        ("Staff Toko", "5223"),  # not a chief technology officer
        ("Tentor Bimbel", "2359"),  # not a software tester
        ("Crew Outlet", "5223"),  # not a decksman
        ("Operator Bordir", "8153"),  # not a camera operator
        ("Driver Ojol", "8321"),  # not a hearse driver
        ("Staf Gudang", "4321"),  # not a warehouse manager
        ("Staf PPIC", "4322"),
        ("Sales Motoris", "3322"),
    ],
)
def test_titles_words_indonesian_ads_use(title: str, isco: str) -> None:
    assert code_title(title, limit=1)[0].isco == isco


def test_titles_a_staff_title_is_no_manager() -> None:
    assert title_level("Staf Exim") == "staff" and title_level("Kepala Gudang") == "manager"
    assert not code_title("Staff Exim", limit=1)[0].isco.startswith("1")
    assert code_title("Warehouse Manager", limit=1)[0].isco.startswith("1")


def test_titles_a_generic_title_takes_the_domain_of_its_ad(tax: Taxonomy) -> None:
    ad = "Tugas: mencatat barang masuk dan keluar gudang, stock opname gudang setiap bulan"
    occupations = tax.occupations
    with_ad = score_titles(["Staff Admin"], [ad])
    assert occupations[best_guesses(with_ad)[0][0]].isco == "4321"
    assert with_context("Admin Gudang", ad) == "Admin Gudang"  # a specific title keeps its words


def test_titles_confidence_is_a_margin_over_other_unit_groups(tax: Taxonomy) -> None:
    (column, margin), (_, vague) = best_guesses(score_titles(["Kasir", "Staff"]))
    assert tax.occupations[column].isco == "5230" and margin >= CONFIDENT_MARGIN
    assert vague < margin


def test_titles_code_description_of_a_cv_reads_its_job_lines() -> None:
    cv = (Path(__file__).parent / "data" / "cv_id.txt").read_text()
    top = [m.isco for m in code_description(cv, limit=3)]
    assert any(isco.startswith("93") or isco.startswith("43") for isco in top), top  # warehouse work
    assert not any(isco.startswith("2") for isco in top), top  # not accountant from "Jurusan Akuntansi"


def test_titles_a_cv_job_line_with_a_generic_title_takes_the_cvs_domain() -> None:
    cv = (
        "Pengalaman Kerja\nStaff - PT Sinar Logistik (2019 - 2023)\n"
        "- Mencatat barang masuk dan keluar gudang\n- Stock opname gudang setiap bulan\n"
    )
    assert code_description(cv, limit=1)[0].isco == "4321"
