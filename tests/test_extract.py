from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tangkas.reading.extract import _readings_agree, chunks, extract_skills, phrase_matches, score_skills
from tangkas.services.understand import SUGGEST_MIN_Z
from tangkas.taxonomy import Taxonomy

DATA = Path(__file__).parent / "data"
WORDS = [
    "Python",
    "SQL",
    "mampu",
    "mengoperasikan",
    "forklift",
    "Microsoft",
    "Excel",
    "dan",
    "with",
    "SAP",
    "AutoCAD",
    "las",
    "bekerja",
    "tim",
    "Kualifikasi:",
    "\n-",
    "Benefit:",
    "customer service",
    "é",
    ".",
]


def _labels(text: str, semantic: bool = False) -> set[str]:
    return {m.skill.label_en for m in extract_skills(text, semantic=semantic)}


def test_extract_indonesian_ad_finds_requirements_and_skips_benefits() -> None:
    labels = _labels((DATA / "ad_id.txt").read_text(), semantic=True)
    assert {"Python (computer programming)", "SQL", "operate forklift"} <= labels
    assert "Adobe Photoshop" not in labels  # only mentioned as a benefit


def test_extract_english_ad_and_boilerplate_removal() -> None:
    labels = _labels((DATA / "ad_en.txt").read_text())
    assert {"Python (computer programming)", "SQL", "Adobe Photoshop"} <= labels
    assert "project management" not in labels


def test_extract_mixed_text() -> None:
    mentions = extract_skills((DATA / "ad_mixed.txt").read_text(), semantic=False)
    found = {(m.text, m.skill.label_en, m.method) for m in mentions}
    assert ("AutoCAD", "create AutoCAD drawings", "id-vocab") in found
    assert ("Microsoft Excel", "use microsoft office", "id-vocab") in found
    assert ("communication", "communication", "esco-label") in found


def test_extract_spans_point_at_evidence() -> None:
    text = (DATA / "ad_id.txt").read_text()
    for mention in extract_skills(text, semantic=False):
        assert text[mention.start : mention.end] == mention.text
        assert mention.method in ("esco-label", "id-vocab", "id-label")
        assert 0 < mention.confidence <= 1


def test_extract_acronyms_keep_their_case() -> None:
    assert [m.skill.label_en for m in phrase_matches("Menguasai SQL")] == ["SQL"]
    assert phrase_matches("sql") == [] or phrase_matches("sql")[0].skill.label_en == "SQL"
    assert phrase_matches("less is more") == []


def test_extract_empty_and_huge_inputs() -> None:
    assert extract_skills("") == []
    assert extract_skills("   \n\n") == []
    huge = "Kualifikasi:\n" + "- Menguasai Python dan SQL\n" * 3000
    mentions = extract_skills(huge, semantic=False)
    assert len(mentions) == 6000


def test_extract_semantic_stage_reads_indonesian_paraphrase() -> None:
    mentions = extract_skills("Persyaratan:\n- Bisa kerja sama dalam tim")
    assert [(m.method, m.skill.label_en) for m in mentions] == [("semantic", "work in teams")]
    assert extract_skills("Persyaratan:\n- Bisa kerja sama dalam tim", semantic=False) == []


def test_extract_phrase_stage_reads_our_indonesian_skill_names() -> None:
    mentions = phrase_matches("Mampu bekerja dalam tim, bahasa Inggris")
    found = [(m.text, m.skill.label_en, m.method) for m in mentions]
    assert found == [
        ("bekerja dalam tim", "work in teams", "id-label"),
        ("bahasa Inggris", "English", "id-label"),
    ]
    cashier = phrase_matches("Mengoperasikan mesin kasir")
    assert [m.skill.label_en for m in cashier] == ["operate cash register"]


def test_extract_our_names_leave_esco_labels_and_the_vocabulary_alone() -> None:
    assert [m.method for m in phrase_matches("Menguasai Python dan SQL")] == ["esco-label", "esco-label"]
    assert [m.method for m in phrase_matches("Mampu mengoperasikan Microsoft Excel")] == ["id-vocab"]
    assert phrase_matches("Sikap proaktif") == []  # a one-word other name: too vague to read alone


def test_extract_english_language_named_in_indonesian_is_english() -> None:
    for text in ("Keahlian:\n- Bahasa Inggris", "Bahasa:\n- bahasa Inggris aktif"):
        labels = [m.skill.label_en for m in extract_skills(text, min_z=SUGGEST_MIN_Z)]
        assert labels == ["English"], text


def test_extract_cashier_payments_read_as_a_cashier_skill() -> None:
    mentions = extract_skills("Pengalaman Kerja:\n- Melayani transaksi pembayaran")
    assert [m.skill.label_en for m in mentions] in (["process payments"], ["operate cash register"])


def test_extract_online_shop_orders_rank_the_online_shop_skill_first(tax: Taxonomy) -> None:
    scores = score_skills(["Mengelola pesanan di Shopee"])[0]
    assert tax.skills[int(scores.argmax())].label_en == "process orders from online shop"


def test_extract_chunks_split_lists() -> None:
    assert chunks("Python, SQL dan Excel") == ["Python", "SQL", "Excel"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join))
def test_extract_every_skill_is_in_the_taxonomy_and_spans_match(tax: Taxonomy, text: str) -> None:
    for mention in extract_skills(text, semantic=False):
        assert mention.skill.uri in tax.skill_index
        assert text[mention.start : mention.end] == mention.text


def test_extract_reads_a_description_without_headings_but_skips_an_ads_company_intro() -> None:
    description = "Saya 8 tahun jadi operator mesin jahit di pabrik garmen, bisa menjahit baju"
    found = extract_skills(description, min_z=4.0)
    assert found and all(m.method == "semantic" for m in found)
    ad = (
        "PT Contoh adalah pabrik garmen terbesar dengan mesin jahit modern.\n\n"
        "Kualifikasi:\n- Mampu bekerja dalam tim"
    )
    starts = [m.start for m in extract_skills(ad, min_z=4.0)]
    assert starts and min(starts) > ad.index("Kualifikasi"), "the company intro of an ad is not read"


def test_extract_semantic_confidence_does_not_depend_on_the_threshold() -> None:
    text = "Saya 8 tahun jadi operator mesin jahit di pabrik garmen, bisa menjahit baju"
    loose = {m.skill.uri: m.confidence for m in extract_skills(text, min_z=3.5)}
    strict = {m.skill.uri: m.confidence for m in extract_skills(text, min_z=4.5)}
    assert strict and set(strict) <= set(loose)
    assert all(loose[uri] == confidence for uri, confidence in strict.items())
    assert all(0.0 < c < 1.0 for c in loose.values())


def test_extract_reads_a_cv_but_not_its_personal_data_or_job_lines() -> None:
    text = (DATA / "cv_id.txt").read_text()
    mentions = extract_skills(text)
    labels = {m.skill.label_en for m in mentions}
    assert {"operate forklift", "use microsoft office", "communication"} <= labels
    personal = ["3275010303940001", "0812", "Melati", "Sari", "Menikah", "Sinar Logistik", "Maju Jaya"]
    assert not [m.text for m in mentions if any(p in text[m.start : m.end] for p in personal)]


def test_extract_semantic_match_needs_two_readings_to_agree() -> None:
    clauses = [
        "Sudah pengalaman menjadi driver pribadi di Jabodetabek",  # best skill: develop ICT device driver
        "Bisa kerja sama dalam tim",
        "Menguasai TikTok Live & Shopee Live",  # best skill: perform live (on stage)
    ]
    best = score_skills(clauses).argmax(axis=1)
    assert _readings_agree(clauses, best) == [False, True, False]
    found = extract_skills("Kualifikasi:\n- " + "\n- ".join(clauses))
    assert [m.skill.label_en for m in found] == ["work in teams"]
