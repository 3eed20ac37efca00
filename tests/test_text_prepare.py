from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tangkas.text.normalize import normalize
from tangkas.text.prepare import job_title, language_hint, normalize_with_offsets, split_clauses

DATA = Path(__file__).parent / "data"


def test_prepare_splits_bullets_under_headings_with_sections() -> None:
    clauses = split_clauses((DATA / "ad_id.txt").read_text())
    texts = {c.text: c for c in clauses}
    assert texts["Mampu mengoperasikan forklift"].section == "requirements"
    assert texts["Mengelola stok barang di gudang"].section == "responsibilities"
    assert texts["BPJS Ketenagakerjaan"].boilerplate


def test_prepare_marks_company_profile_and_how_to_apply_as_boilerplate() -> None:
    clauses = split_clauses((DATA / "ad_id.txt").read_text())
    boiler = [c.text for c in clauses if c.boilerplate]
    assert any("bergerak di bidang" in t for t in boiler)
    assert any("hrd@majubersama.co.id" in t for t in boiler)
    english = [c for c in split_clauses((DATA / "ad_en.txt").read_text()) if c.boilerplate]
    assert any("Equal opportunity" in c.text for c in english)


def test_prepare_numbered_lists_and_english_headings() -> None:
    clauses = split_clauses((DATA / "ad_en.txt").read_text())
    req = [c.text for c in clauses if c.section == "requirements"]
    assert req[1] == "Strong knowledge of Python and SQL"


def test_prepare_does_not_split_at_abbreviations() -> None:
    clauses = split_clauses("Pengalaman min. 2 tahun sebagai Admin Gudang. Menguasai Excel.")
    assert [c.text for c in clauses] == ["Pengalaman min. 2 tahun sebagai Admin Gudang.", "Menguasai Excel."]
    office = split_clauses("Menguasai Ms. Excel dan Ms. Word. Siap bekerja shift")
    assert [c.text for c in office] == ["Menguasai Ms. Excel dan Ms. Word.", "Siap bekerja shift"]


def test_prepare_numbered_items_without_a_space_lose_their_number_but_decimals_stay() -> None:
    text = "Tanggung jawab:\n1.Mengatur jadwal konten\n2) Membuat laporan\n4.5 tahun pengalaman"
    clauses = split_clauses(text)
    assert [c.text for c in clauses] == ["Mengatur jadwal konten", "Membuat laporan", "4.5 tahun pengalaman"]


def test_prepare_language_hints_for_indonesian_english_mixed_and_malay() -> None:
    assert language_hint("Mampu mengoperasikan Microsoft Excel dengan baik") == "id"
    assert language_hint("Strong knowledge of Python") == "en"
    assert language_hint("Familiar with SAP dan Microsoft Excel") == "mixed"
    assert language_hint("Calon mesti boleh bertutur dalam bahasa Inggeris") == "ms"


def test_prepare_empty_and_blank_inputs() -> None:
    assert split_clauses("") == []
    assert split_clauses(" \n\n - \n") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Ç-:•\n.1)K:é"), max_size=200))
def test_prepare_clause_offsets_point_at_their_text(text: str) -> None:
    for clause in split_clauses(text):
        assert text[clause.start : clause.end] == clause.text
        assert clause.text == clause.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_prepare_normalize_with_offsets_agrees_with_normalize(text: str) -> None:
    norm, where = normalize_with_offsets(text)
    assert len(norm) == len(where)
    assert where == sorted(where)
    assert all(0 <= i < len(text) for i in where)
    if text.isascii():
        assert norm == normalize(text)


def test_prepare_items_that_start_with_a_heading_word_are_kept() -> None:
    text = "Kualifikasi:\n- Kemampuan komunikasi\n- Keahlian Microsoft Office\nKualifikasi Khusus\n- Teliti"
    clauses = split_clauses(text)
    assert [(c.text, c.section) for c in clauses] == [
        ("Kemampuan komunikasi", "requirements"),
        ("Keahlian Microsoft Office", "requirements"),
        ("Teliti", "requirements"),
    ]


def test_prepare_an_inline_field_does_not_change_the_section_of_later_lines() -> None:
    text = "Persyaratan:\n- Lokasi: Jakarta\n- Pendidikan: SMA\nMampu mengoperasikan Excel"
    clauses = split_clauses(text)
    assert [(c.text, c.section) for c in clauses] == [
        ("Jakarta", "other"),
        ("SMA", "education"),
        ("Mampu mengoperasikan Excel", "requirements"),
    ]


def test_prepare_reads_cv_sections_and_marks_personal_data_as_not_about_the_work() -> None:
    clauses = split_clauses((DATA / "cv_id.txt").read_text())
    by_text = {c.text: c for c in clauses}
    assert by_text["Mengoperasikan forklift"].section == "experience"
    assert by_text["Microsoft Excel"].section == "skills"
    assert by_text["SMK Negeri 1 Bekasi, Jurusan Akuntansi (2013 - 2016)"].section == "education"
    summary = "Admin gudang dengan 5 tahun pengalaman mengelola stok dan pengiriman barang."
    assert by_text[summary].section == "profile"
    personal = ["3275010303940001", "0812-3456-7890", "Jl. Melati No. 12, Bekasi", "Menikah"]
    assert all(by_text[t].boilerplate for t in personal)
    jobs = [job_title(c.text) for c in clauses if c.job_line]
    assert jobs == ["Admin Gudang", "Staff Pengiriman"]
