"""The job-ad checker on the cases the issue names: what is a finding and what is not."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tangkas.cli.app import app as cli
from tangkas.errors import TangkasError
from tangkas.fairness import ads
from tangkas.fairness.ads import MAX_CHARS, check_ad


def _flags(text: str, title: str = "Staf") -> dict[str, tuple[str, str]]:
    return {
        f.category: (f.severity, f.strength) for f in check_ad(title, text).findings if f.severity != "info"
    }


REQUIRED, PREFERRED = ("needs_reason", "required"), ("needs_reason", "preferred")
UNLAWFUL, UNLAWFUL_PREFERRED = ("unlawful", "required"), ("unlawful", "preferred")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kualifikasi:\n- Wanita\n- Usia max 30 th",
            {"sex": UNLAWFUL, "age": REQUIRED},
        ),
        (
            "Diutamakan pria, usia mak. 25 tahun",
            {"sex": UNLAWFUL_PREFERRED, "age": PREFERRED},
        ),
        ("TB min 160 cm, berpenampilan menarik", {"appearance": REQUIRED}),
        (
            "Good looking, female only",
            {"appearance": REQUIRED, "sex": UNLAWFUL},
        ),
        (
            "Belum menikah dan tidak bertato",
            {"marital": REQUIRED, "appearance": REQUIRED},
        ),
        ("Wajib berjilbab", {"religion": UNLAWFUL}),
        ("Chinese preferred", {"ethnicity_race": UNLAWFUL_PREFERRED}),
        ("Tidak cacat fisik", {"disability_health": UNLAWFUL}),
        ("Dibutuhkan SPG untuk pameran", {"sex": UNLAWFUL}),
        ("Usia 18-25 tahun", {"age": REQUIRED}),
        ("Usia Maximal 24 tahun", {"age": REQUIRED}),
        ("maksimal usia 30 tahun", {"age": REQUIRED}),
        ("Usia minimal 25 tahun", {"age": REQUIRED}),
        ("Kami membuka kesempatan bagi talenta muda", {"age": REQUIRED}),
        ("Dibutuhkan Office Boy untuk kantor pusat", {"sex": UNLAWFUL}),
        ("Kami membutuhkan seorang karyawati", {"sex": UNLAWFUL}),
        ("Mampu membaca Al-Qur'an dengan baik", {"religion": UNLAWFUL}),
        ("Tidak buta warna dan tidak alergi debu", {"disability_health": REQUIRED}),
        ("Tidak memiliki tatto dan tindik", {"appearance": REQUIRED}),
        # English and Malay, as in Malaysian and Singaporean ads
        ("Female, 25-35 years old", {"sex": UNLAWFUL, "age": REQUIRED}),
        ("Candidates must be single", {"marital": REQUIRED}),
        ("Jantina: Lelaki", {"sex": UNLAWFUL}),
        ("Berumur antara 20 hingga 35 tahun", {"age": REQUIRED}),
        ("Bumiputera sahaja", {"ethnicity_race": UNLAWFUL}),
        ("Race: Chinese", {"ethnicity_race": UNLAWFUL}),
        ("Height at least 160cm", {"appearance": REQUIRED}),
        ("Sudah berkahwin", {"marital": REQUIRED}),
        # a height for each sex limits height, not sex
        ("Tinggi badan minimal 160 cm untuk pria dan 155 cm untuk wanita", {"appearance": REQUIRED}),
    ],
)
def test_fair_ads_requirements_are_found(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert _flags(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pria/Wanita, pendidikan min SMA",
        "P/W usia produktif",  # both sexes; no number
        "Laki-laki atau perempuan dipersilakan melamar",
        "Perempuan dianjurkan melamar",
        "Pengalaman minimal 2 tahun di bidang yang sama",
        "Perusahaan kami telah berusia 20 tahun",
        "Mampu berbahasa Mandarin, Chinese speaking is an advantage",
        "Sehat jasmani dan rohani",
        "Gaji menarik dan bonus; attractive salary package",
        "Berpenampilan rapi dan sopan",
        "Dibutuhkan SPG/SPB untuk pameran",
        "Kontrak max 12 tahun",
        "Produk fashion muslim dan busana muslimah",
        "Usia minimal 18 tahun",  # the legal working age
        "Lingkungan kerja yang fun bareng tim muda",  # the team, not the applicant
        "Brand perhiasan khusus untuk wanita muda profesional",  # the customers
        "Mengajar siswa siswi SMK",
        "Dibutuhkan salesman / salesgirl",
        "Pengalaman sebagai SPG atau Sales Promotion Boy",  # past experience, not a requirement
        "Must be able to speak Mandarin",
        "Able to create attractive teaching material",
        "PT Tampil Cantik Sempurna adalah brand lokal",
        "Pengalaman 10-20 tahun di bidang konstruksi",
    ],
)
def test_fair_ads_information_and_lawful_wording_is_not_flagged(text: str) -> None:
    assert _flags(text) == {}


def test_fair_ads_a_religious_post_needs_its_reason_rather_than_being_unlawful() -> None:
    found = check_ad("Guru Agama Islam", "Beragama Islam, mampu mengajar Al-Qur'an").findings
    assert [(f.category, f.severity) for f in found] == [("religion", "needs_reason")]
    assert "alasan" in found[0].law


def test_fair_ads_speak_the_ads_language_and_name_the_exact_span() -> None:
    indonesian = check_ad("Kasir", "Syarat: wanita, maksimal 25 tahun").findings
    assert indonesian[0].span == "wanita" and "UU 13/2003" in indonesian[0].law
    assert "Hapus" in indonesian[0].rewrite
    english = check_ad("Cashier", "Requirements: female only, below 30 years old").findings
    assert [f.span for f in english] == ["female", "below 30 years old"]
    assert "Law 13/2003" in english[0].law and english[0].rewrite.startswith("Remove")
    nationality = check_ad("Staff", "Indonesian citizen").findings
    assert [(f.category, f.severity) for f in nationality] == [("nationality", "info")]


def test_fair_ads_bad_input_gives_a_clean_answer() -> None:
    assert check_ad("", "").findings == ()
    assert check_ad("<script>alert(1)</script>", "😀 求人 خادمة").findings == ()
    with pytest.raises(TangkasError, match="100,000"):
        check_ad("", "x" * (MAX_CHARS + 1))


def test_fair_ads_eval_prints_scores_and_writes_predictions(tmp_path: Path) -> None:
    gold = tmp_path / "ads.csv"
    header = "id,title,text,sex,age,marital,appearance,religion,ethnicity_race,disability_health,extra"
    gold.write_text(
        "\n".join(
            [
                header,
                'a1,Kasir,"Wanita, usia max 25 tahun",1,1,0,0,0,0,0,x',
                'a2,Driver,"Pria/Wanita, SIM A",0,0,0,0,0,0,0,x',
                'a3,Admin,"Berpenampilan menarik",0,0,0,0,0,0,0,x',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "predicted.csv"
    result = CliRunner().invoke(cli, ["eval", "fair-ads", str(gold), "--out", str(out)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert scores["n"] == 3
    assert scores["sex"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1, "predicted": 1}
    assert scores["appearance"]["precision"] == 0.0  # a3's label says no: a false positive
    assert scores["religion"]["f1"] is None  # nothing labelled, nothing found: no score, not a zero
    assert scores["macro_f1"] == round((1.0 + 1.0 + 0.0) / 3, 4)
    assert out.read_text(encoding="utf-8").splitlines()[1] == "a1,1,1,0,0,0,0,0"
    broken = tmp_path / "broken.csv"
    broken.write_text("id,title,text\n1,a,b\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["eval", "fair-ads", str(broken)])
    assert refused.exit_code != 0 and "missing column" in refused.output


def test_fair_ads_a_product_for_women_is_not_a_requirement_but_a_candidate_is() -> None:
    assert _flags("Kami produsen jeans untuk wanita modern dan kesehatan pria") == {}
    assert _flags("Membuka kesempatan bagi kandidat pria yang jujur") == {"sex": UNLAWFUL}


def test_fair_ads_api_answers_findings_and_refuses_bad_input_cleanly() -> None:
    from fastapi.testclient import TestClient

    from tangkas.store import open_store
    from tangkas.store.keys import create_key
    from tangkas.web import create_app

    store = open_store("duckdb:///:memory:")
    store.migrate()
    key = {"X-API-Key": create_key(store, "analyst").secret}
    client = TestClient(create_app(store))
    body = {"title": "Kasir", "text": "Wanita, usia max 25 th, berpenampilan menarik"}
    answer = client.post("/api/ads/check", json=body, headers=key).json()
    assert answer["flagged"] == ["age", "appearance", "sex"] and answer["lang"] == "id"
    assert answer["one_sex"] == "female" and answer["wording"] == []
    assert answer["findings"][0] | {"law": "", "rewrite": ""} == {
        "category": "sex",
        "rule": "sex_item",
        "where": "text",
        "start": 0,
        "end": 6,
        "span": "Wanita",
        "strength": "required",
        "severity": "unlawful",
        "law": "",
        "rewrite": "",
    }
    english = client.post("/api/ads/check", json={**body, "lang": "en"}, headers=key).json()
    assert english["findings"][0]["law"].startswith("Law 13/2003")
    assert client.post("/api/ads/check", json={"text": ""}, headers=key).json()["findings"] == []
    too_long = client.post("/api/ads/check", json={"text": "x" * 200_000}, headers=key)
    assert too_long.status_code == 422
    assert client.post("/api/ads/check", json={"text": 5}, headers=key).status_code == 422
    assert client.post("/api/ads/check", json=body).status_code == 401


def test_fair_ads_a_stated_reason_needs_judging_rather_than_being_unlawful() -> None:
    [finding] = check_ad("Staf Butik", "- Perempuan (karena membantu fitting pakaian wanita)").findings
    assert (finding.category, finding.severity) == ("sex", "needs_reason")
    assert "benar-benar membutuhkannya" in finding.law
    assert check_ad("Staf Butik", "- Perempuan").findings[0].severity == "unlawful"


def test_fair_ads_one_sex_says_which_and_none_for_both() -> None:
    assert check_ad("Driver", "Kualifikasi:\n- Pria\n- SIM A").one_sex == "male"
    assert check_ad("SPG", "Dibutuhkan SPG").one_sex == "female"
    assert check_ad("Admin", "Pria/Wanita").one_sex is None
    assert check_ad("Kasir", "Khusus wanita atau khusus pria").one_sex is None


def test_fair_ads_gendered_wording_is_information_in_both_languages() -> None:
    found = check_ad(
        "Team Leader",
        "Kami mencari pribadi yang tangguh, kompetitif dan ramah. Self-confident, supportive, responsible.",
    )
    assert found.wording == (
        ("masculine", "leader"),
        ("masculine", "tangguh"),
        ("masculine", "kompetitif"),
        ("feminine", "ramah"),
        ("masculine", "self confident"),
        ("feminine", "supportive"),
        ("feminine", "responsible"),
    )
    assert found.flagged == frozenset()  # wording is never a finding


AD_PIECES = [
    "Kualifikasi:",
    "- Wanita",
    "- Pria / Wanita",
    "Usia maks. 30 tahun",
    "usia minimal 21 th",
    "Pengalaman 2 tahun",
    "Berpenampilan menarik",
    "tidak bertato",
    "Beragama Islam",
    "Chinese preferred",
    "Tidak buta warna",
    "Belum menikah",
    "SPG",
    "Office Boy",
    "talenta muda",
    "TB min 165",
    "sehat jasmani dan rohani",
    "WNI",
    "Guru Agama",
    "karena pekerjaan ini",
    "Mampu membaca Al-Quran",
]


@given(st.lists(st.sampled_from(AD_PIECES), max_size=8), st.lists(st.sampled_from(AD_PIECES), max_size=2))
@settings(max_examples=200, deadline=None)
def test_fair_ads_the_word_prefilter_never_changes_a_result(text: list[str], title: list[str]) -> None:
    """A rule's ``needs`` words only skip work: checking with every rule tried gives the same answer."""
    fast = check_ad(" ".join(title), "\n".join(text))
    found, context, laws = ads.rules()
    every = (
        tuple(replace(rule, needs=frozenset()) for rule in found),
        {key: replace(rule, needs=frozenset()) for key, rule in context.items()},
        laws,
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ads, "rules", lambda: every)
        assert check_ad(" ".join(title), "\n".join(text)) == fast


def test_fair_ads_every_rule_word_list_and_law_is_well_formed() -> None:
    found, context, laws = ads.rules()
    assert {"preferred", "religious_post", "stated_reason", "female", "male"} <= set(context)
    for rule in found:
        assert rule.category in ads.CATEGORIES and rule.severity in ("unlawful", "needs_reason", "info")
        assert rule.law in laws, rule.id
        if rule.severity != "info":
            assert rule.rewrite_id and rule.rewrite_en, rule.id


def test_fair_ads_page_escapes_what_it_echoes_and_refuses_an_oversized_ad() -> None:
    from fastapi.testclient import TestClient

    from tangkas.store import open_store
    from tangkas.web import create_app

    store = open_store("duckdb:///:memory:")
    store.migrate()
    client = TestClient(create_app(store))
    shown = client.post(
        "/cek-iklan",
        data={"title": "<b>Kasir</b>", "text": "- Wanita\n<script>alert(1)</script> 😀 求人 خادمة"},
    )
    assert shown.status_code == 200
    assert "<script>alert(1)" not in shown.text and "&lt;script&gt;alert(1)" in shown.text
    assert "&lt;b&gt;Kasir" in shown.text and "求人 خادمة" in shown.text
    assert "1 syarat perlu diperbaiki" in shown.text
    big = client.post("/cek-iklan", data={"title": "", "text": "x" * 1_000_000})
    assert big.status_code == 422 and "100.000 karakter" in big.text
    foreign = client.post("/cek-iklan", data={"text": "Wanita"}, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
