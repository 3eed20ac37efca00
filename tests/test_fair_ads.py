"""The job-ad checker on the cases the issue names: what is a finding and what is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tangkas.cli.app import app as cli
from tangkas.errors import TangkasError
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
    assert scores["n"] == 3 and scores["sex"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert scores["appearance"]["precision"] == 0.0  # a3's label says no: a false positive
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
