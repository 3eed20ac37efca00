from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fair_ads_data import store_ads, store_pay_ads
from fastapi.testclient import TestClient

from tangkas.store import Store, open_store
from tangkas.store.ad_prevalence import ad_prevalence
from tangkas.taxonomy import load_taxonomy
from tangkas.web import create_app
from tangkas.web.pages import (
    OccupationPage,
    PlanPage,
    RecommendationsPage,
    SkillPage,
    StartPage,
    UnderstandPage,
)

TAILOR = "7531.5"


@pytest.fixture(scope="module")
def client() -> TestClient:
    store: Store = open_store("duckdb:///:memory:")
    return TestClient(create_app(store))


def test_pages_start_renders_search_in_indonesian_by_default(client: TestClient) -> None:
    response = client.get("/")
    assert response.template.name == "start.html"  # type: ignore[attr-defined]
    assert isinstance(response.context["page"], StartPage)  # type: ignore[attr-defined]
    assert '<html lang="id">' in response.text
    assert "Apa pekerjaan Anda sebelumnya?" in response.text
    assert "/static/vendor/htmx-2.0.11.min.js" in response.text


def test_pages_english_is_one_click_away(client: TestClient) -> None:
    response = client.get("/", params={"lang": "en"})
    assert '<html lang="en">' in response.text and "What was your last job?" in response.text
    assert response.cookies.get("lang") == "en"
    client.cookies.clear()


def test_pages_as_you_type_fragment_lists_occupations(client: TestClient) -> None:
    response = client.get("/fragments/occupations", params={"q": "sopir truk"})
    assert response.template.name == "_occupation_results.html"  # type: ignore[attr-defined]
    page = response.context["page"]  # type: ignore[attr-defined]
    assert page.hits and page.hits[0].occupation.isco == "8332"
    assert "<html" not in response.text
    assert "/recommendations?occ=" in response.text


def test_pages_understand_highlights_evidence(client: TestClient) -> None:
    text = "Saya 8 tahun jadi operator mesin jahit di pabrik garmen. Mampu mengoperasikan Microsoft Excel."
    response = client.post("/understand", data={"text": text})
    assert response.status_code == 200
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, UnderstandPage)
    assert page.titles and page.mentions
    assert "<mark" in response.text
    assert any(m.text.lower() in text.lower() for m in page.mentions)


def test_pages_understand_reads_a_cv_by_its_jobs(client: TestClient) -> None:
    cv = (Path(__file__).parent / "data" / "cv_id.txt").read_text()
    response = client.post("/understand", data={"text": cv, "lang": "id"})
    page = response.context["page"]  # type: ignore[attr-defined]
    assert page.jobs == ["Admin Gudang", "Staff Pengiriman"]
    assert "Dibaca dari pekerjaan di CV: Admin Gudang · Staff Pengiriman" in response.text
    assert not [m for m in page.mentions if "3275010303940001" in m.text]


def test_pages_recommendations_show_viability_and_plan_links(client: TestClient) -> None:
    response = client.get("/recommendations", params={"occ": TAILOR})
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, RecommendationsPage)
    assert page.recommendations and all(r.viable for r in page.recommendations)
    assert "/plan?to=" in response.text
    assert 'role="img"' in response.text, "the viability bar has a text alternative"


def test_pages_recommendations_name_the_fit_the_cut_and_the_inputs(client: TestClient) -> None:
    text = client.get("/recommendations", params={"occ": TAILOR, "lang": "id"}).text
    assert "sangat cocok" in text and "lainnya" in text  # "dan 19 lainnya" after 8 carried skills
    assert "risiko otomasi" in text and "automation_risk" not in text
    english = client.get("/recommendations", params={"occ": TAILOR, "lang": "en"}).text
    assert " more" in english and "automation risk" in english


def test_pages_less_physical_work_is_a_filter(client: TestClient) -> None:
    forklift = "8344.1"
    page = client.get("/recommendations", params={"occ": forklift, "less_physical": "1"})
    labels = {r.occupation.label_en for r in page.context["page"].recommendations}  # type: ignore[attr-defined]
    assert labels and not labels & {"stevedore", "mover", "vehicle cleaner"}
    assert 'name="less_physical" value="1" checked' in page.text


def test_pages_a_move_that_uses_the_workers_own_skills_says_so(client: TestClient) -> None:
    excel = load_taxonomy().skill("use spreadsheets software")
    text = client.get("/recommendations", params={"occ": "5230.1", "skill": excel.uri, "lang": "id"}).text
    assert f"Memakai keterampilan Anda: <strong>{excel.label_id}</strong>" in text


def test_pages_recommendation_filters_apply(client: TestClient) -> None:
    response = client.get(
        "/fragments/recommendations", params={"occ": TAILOR, "max_jump": "0", "province": "32"}
    )
    assert response.template.name == "_recommendations.html"  # type: ignore[attr-defined]
    page = response.context["page"]  # type: ignore[attr-defined]
    assert page.filters.max_jump == 0 and page.filters.province == "32"
    assert all((r.job_zone_rise or 0) <= 0 for r in page.recommendations)


def test_pages_plan_respects_budget_and_labels_demo_catalog(client: TestClient) -> None:
    response = client.get(
        "/plan", params={"occ": TAILOR, "to": "8153.1", "province": "32", "budget": 1_000_000}
    )
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, PlanPage)
    assert page.plan.cost_idr <= 1_000_000
    assert page.synthetic_catalog and "DEMO" in response.text
    printable = client.get("/plan/print", params={"occ": TAILOR, "to": "8153.1", "province": "32"})
    assert printable.template.name == "plan_print.html"  # type: ignore[attr-defined]


def test_pages_occupation_and_skill_pages_link_each_other(client: TestClient) -> None:
    response = client.get(f"/occupation/{TAILOR}")
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, OccupationPage)
    assert page.isco_path[-1].code == "7531" and page.essential and page.related
    assert "/skill?id=" in response.text
    skill = client.get("/skill", params={"id": page.essential[0].uri})
    assert isinstance(skill.context["page"], SkillPage)  # type: ignore[attr-defined]
    assert f"/occupation/{TAILOR}" in skill.text


def test_pages_skill_page_speaks_the_pages_language(client: TestClient) -> None:
    forklift = next(s for s in load_taxonomy().skills if s.label_en == "operate forklift")
    indonesian = client.get("/skill", params={"id": forklift.uri, "lang": "id"})
    path = indonesian.context["page"].path  # type: ignore[attr-defined]
    assert path and all(name.isascii() for name in path)
    groups = load_taxonomy().skill_path(forklift)
    assert path == [g.label_id for g in groups] and path != [g.label_en for g in groups]
    assert "keterampilan" in indonesian.text and "skill/competence" not in indonesian.text
    assert "Deskripsi ESCO (bahasa Inggris)" in indonesian.text
    english = client.get("/skill", params={"id": forklift.uri, "lang": "en"})
    assert english.context["page"].path == [g.label_en for g in groups]  # type: ignore[attr-defined]


def test_pages_unknown_occupation_is_a_404_page_not_json(client: TestClient) -> None:
    response = client.get("/occupation/0000.0")
    assert response.status_code == 404
    assert response.template.name == "error.html"  # type: ignore[attr-defined]


def test_pages_analyst_charts_and_downloads(store_with_demo: Store) -> None:
    client = TestClient(create_app(store_with_demo))
    response = client.get("/analyst")
    page = response.context["page"]  # type: ignore[attr-defined]
    assert response.template.name == "analyst.html"  # type: ignore[attr-defined]
    assert page.total == 3000 and page.synthetic_share == 1.0
    assert "<svg" in response.text and "<polyline" in response.text and "Jawa Barat" in response.text
    assert all(row["suppressed"] or row["median_monthly_idr"] for row in page.pay)
    csv = client.get("/analyst/pay.csv", params={"by": "isco1"})
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.startswith('"isco1"')
    header, first = csv.text.splitlines()[:2]
    assert header.endswith('"isco1_label"') and first.startswith('"2"') and first.endswith('"Profesional"')
    english = client.get("/analyst/demand.csv", params={"by": "province", "lang": "en"}).text
    assert '"province_label"' in english.splitlines()[0] and "West Java" in english


def test_pages_analyst_draws_discriminatory_requirements_in_the_demo(store_with_demo: Store) -> None:
    client = TestClient(create_app(store_with_demo))
    response = client.get("/analyst")
    fair = response.context["page"].fair  # type: ignore[attr-defined]
    national = ad_prevalence(store_with_demo, "all").to_pylist()[0]
    assert (fair.checked, fair.waiting, fair.any_count) == (3000, 0, national["any_ground"])
    assert [(b.key, b.count) for b in fair.grounds][:2] == [
        ("sex", national["sex"]),
        ("age", national["age"]),
    ]
    assert max(b.width for b in fair.grounds) == 100 and 30 <= len(fair.provinces) <= 38
    assert fair.pay_by_group  # major groups with 5+ ads stating pay on both sides
    section = response.text[response.text.index('id="fair-ads"') :]
    assert "Syarat diskriminatif dalam iklan" in section and "3.000 iklan sudah diperiksa." in section
    assert "Data DEMO" in section and "sintetis" in response.text  # the demo is never taken for real ads
    for link in re.findall(r'href="(/analyst/fair-ads[^"]*)"', section):
        download = client.get(html.unescape(link))
        assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
        assert download.headers["content-disposition"].startswith('attachment; filename="tangkas-fair-ads')
    provinces = client.get("/analyst/fair-ads.csv", params={"by": "province", "lang": "en"}).text
    assert provinces.splitlines()[0].endswith('"few_ads","province_label"') and "West Java" in provinces
    assert client.get("/analyst/fair-ads.csv", params={"by": "occupation"}).status_code == 422
    assert client.get("/analyst/fair-ads-pay.csv", params={"by": "month"}).status_code == 422
    assert client.get("/analyst/demand.csv", params={"by": "all"}).status_code == 422


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pages_analyst_shows_exact_shares_and_marks_small_groups(store: Store, lang: str) -> None:
    store_ads(store)
    response = TestClient(create_app(store)).get("/analyst", params={"lang": lang})
    fair = response.context["page"].fair  # type: ignore[attr-defined]
    assert [(b.key, b.count, b.share) for b in fair.grounds[:4]] == [
        ("sex", 3, 0.428571),
        ("age", 1, 0.142857),
        ("marital", 1, 0.142857),
        ("appearance", 1, 0.142857),
    ]
    assert [(p.label, p.ads, p.few, p.sex.count, p.age.count) for p in fair.provinces] == [
        ("DKI Jakarta" if lang == "id" else "Jakarta", 3, True, 0, 0),
        ("Jawa Barat" if lang == "id" else "West Java", 3, True, 2, 1),
    ]  # the ad without a province is in the national figures only
    section = html.unescape(response.text[response.text.index('id="fair-ads"') :])
    words = {
        "id": ("7 iklan sudah diperiksa.", "Jenis kelamin <span", "(3 iklan)", "42,9%", "71,4% iklan (5)"),
        "en": ("7 ads checked.", "Sex <span", "(3 ads)", "42.9%", "71.4% of ads (5)"),
    }[lang]
    assert all(w in section for w in words), section[:3000]
    assert ("Jawa Barat *" if lang == "id" else "West Java *") in section
    assert t_few(lang) in section and 'width="42.9%"' not in section  # bars are scaled to the widest
    assert 'class="sex" width="100.0%"' in section and 'class="age" width="33.3%"' in section


def t_few(lang: str) -> str:
    return {"id": "Kurang dari 30 iklan", "en": "Fewer than 30 ads"}[lang]


def test_pages_analyst_compares_the_pay_of_one_sex_ads(store: Store) -> None:
    store_pay_ads(store)
    response = TestClient(create_app(store)).get("/analyst")
    rows = response.context["page"].fair.pay_by_occupation  # type: ignore[attr-defined]
    assert [(r["occupation_label"], r["difference_idr"]) for r in rows] == [("kasir", -1_000_000)]
    section = html.unescape(response.text[response.text.index('id="fair-ads"') :])
    assert "Rp3.400.000" in section and "Rp4.400.000" in section and "−Rp1.000.000" in section


@pytest.fixture(scope="module")
def store_with_demo() -> Store:
    from tangkas.services.demo import load_demo

    store = open_store("duckdb:///:memory:")
    load_demo(store, postings=3000, workers=20)
    return store


def test_pages_a_worker_can_add_a_skill_in_their_own_words(client: TestClient) -> None:
    response = client.get("/fragments/recommendations", params={"occ": TAILOR, "add_skill": "forklift"})
    page = response.context["page"]  # type: ignore[attr-defined]
    assert [s.label_en for s in page.filters.skills] == ["operate forklift"]
    assert page.recommendations


def test_pages_understand_switches_language_without_losing_the_text(client: TestClient) -> None:
    text = "Saya 8 tahun jadi operator mesin jahit.\nBisa <Excel> & mengemudi."
    indonesian = client.post("/understand", params={"lang": "id"}, data={"text": text})
    switch = re.search(
        r'<form class="lang-switch" action="([^"]+)" method="post">\s*<textarea name="text" '
        r"hidden>\n([^<]*)</textarea>",
        indonesian.text,
    )
    assert switch, "the language switch re-posts the text"
    assert switch.group(1) == "/understand?lang=en" and html.unescape(switch.group(2)) == text
    english = client.post(switch.group(1), data={"text": html.unescape(switch.group(2))})
    assert english.status_code == 200 and '<html lang="en">' in english.text
    assert english.context["page"].text == text  # type: ignore[attr-defined]
    client.cookies.clear()


def test_pages_understand_by_get_goes_back_to_the_start(client: TestClient) -> None:
    response = client.get("/understand", params={"lang": "en"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/?lang=en"
    assert client.get("/understand").template.name == "start.html"  # type: ignore[attr-defined]
    client.cookies.clear()


@pytest.mark.parametrize("typed", ["3.500.000", "Rp 3.500.000", "3,5 juta", "Rp3.500.000"])
def test_pages_plan_reads_a_budget_typed_the_indonesian_way(client: TestClient, typed: str) -> None:
    response = client.get("/plan", params={"occ": TAILOR, "to": "8153.1", "budget": typed})
    assert response.status_code == 200 and response.template.name == "plan.html"  # type: ignore[attr-defined]
    page = response.context["page"]  # type: ignore[attr-defined]
    assert page.budget == 3_500_000 and not page.budget_problem
    assert 'value="3.500.000"' in response.text


@pytest.mark.parametrize(
    ("typed", "lang", "words"),
    [
        ("-500000", "id", "Anggaran tidak boleh negatif."),
        ("-500000", "en", "The budget cannot be negative."),
        ("banyak sekali", "id", "Anggaran “banyak sekali” tidak terbaca."),
        ("9.000.000.000", "en", "The budget can be at most"),
    ],
)
def test_pages_plan_explains_a_bad_budget_on_the_page(
    client: TestClient, typed: str, lang: str, words: str
) -> None:
    for path in ("/plan", "/plan/print"):
        response = client.get(path, params={"occ": TAILOR, "to": "8153.1", "budget": typed, "lang": lang})
        assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
        assert f'<html lang="{lang}">' in response.text and words in response.text
        assert 'role="alert"' in response.text and response.context["page"].budget == 3_500_000  # type: ignore[attr-defined]
    client.cookies.clear()


def test_pages_plan_without_a_target_is_a_page_that_says_so(client: TestClient) -> None:
    response = client.get("/plan", params={"occ": TAILOR})
    assert response.status_code == 400 and response.template.name == "error.html"  # type: ignore[attr-defined]
    assert "Pilih dulu pekerjaan tujuan" in response.text and "/recommendations?occ=" in response.text
    english = client.get("/plan/print", params={"lang": "en"})
    assert english.status_code == 400 and "Choose the job to move into first" in english.text
    client.cookies.clear()


def test_pages_bad_query_on_a_page_is_a_translated_page_not_json(client: TestClient) -> None:
    response = client.get("/recommendations", params={"occ": TAILOR, "province": "x" * 300})
    assert response.status_code == 422 and response.template.name == "error.html"  # type: ignore[attr-defined]
    assert "Periksa isian: province." in response.text
    missing = client.get("/halaman-yang-tidak-ada")
    assert missing.status_code == 404 and "Halaman tidak ditemukan" in missing.text
    assert "Not Found" not in missing.text


def test_pages_print_view_fits_a_phone(client: TestClient) -> None:
    response = client.get("/plan/print", params={"occ": TAILOR, "to": "8153.1"})
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in response.text
    css = client.get("/static/print.css").text
    assert "@media screen and (max-width: 600px)" in css


def test_pages_a_cut_list_says_how_many_more(client: TestClient) -> None:
    response = client.get("/plan", params={"occ": TAILOR, "to": "2512.4", "budget": "0", "province": "91"})
    uncovered = len(response.context["page"].plan.uncovered)  # type: ignore[attr-defined]
    assert uncovered > 15 and f"dan {uncovered - 15} lainnya" in response.text
    tax = load_taxonomy()
    common = max(tax.skills, key=lambda s: len(tax.occupations_requiring(s)))
    skill = client.get("/skill", params={"id": common.uri, "lang": "en"})
    required_by = len(tax.occupations_requiring(common))
    assert required_by > 60 and f"and {required_by - 60} more" in skill.text
    client.cookies.clear()


def test_pages_cv_box_states_its_limit_and_a_longer_text_is_explained(client: TestClient) -> None:
    start = client.get("/")
    assert 'maxlength="20000"' in start.text and "Paling banyak 20.000 karakter" in start.text
    long_cv = "Saya operator mesin jahit. " * 1000
    response = client.post("/understand", params={"lang": "en"}, data={"text": long_cv})
    assert response.status_code == 422 and response.template.name == "start.html"  # type: ignore[attr-defined]
    assert '<html lang="en">' in response.text and 'role="alert"' in response.text
    assert f"This text has {len(long_cv):,} characters, over the limit of 20,000" in response.text
    assert response.context["page"].text == long_cv  # type: ignore[attr-defined]
    client.cookies.clear()


def test_pages_english_counts_agree_with_their_nouns() -> None:
    from tangkas.web.i18n import translator

    t = translator("en")
    assert t("postings", n=1) == "1 recorded vacancy" and t("postings", n=3) == "3 recorded vacancies"
    assert t("prep_rise", n=1) == "needs 1 more level of preparation"
    assert translator("id")("postings", n=1) == "1 lowongan tercatat"


def test_pages_plan_respects_the_course_limit_and_says_what_each_course_closes(client: TestClient) -> None:
    params = {"occ": "8153.1", "to": TAILOR, "lang": "id"}
    default = client.get("/plan", params=params).context["page"]  # type: ignore[attr-defined]
    assert 0 < len(default.plan.steps) <= 3 and default.max_courses == 3
    one = client.get("/plan", params={**params, "max_courses": "1"})
    page = one.context["page"]  # type: ignore[attr-defined]
    assert len(page.plan.steps) <= 1 and 'value="1" selected' in one.text
    closes = [page.gap_names[u].name("id") for u in page.plan.steps[0].skills]
    assert f'Menutup: <span class="gap-skill">{closes[0]}</span>' in one.text
    unlimited = client.get("/plan", params={**params, "max_courses": "0"}).context["page"]  # type: ignore[attr-defined]
    assert unlimited.max_courses is None and len(unlimited.plan.steps) >= len(default.plan.steps)
    prakerja = client.get("/plan", params={**params, "prakerja": "1"}).context["page"]  # type: ignore[attr-defined]
    assert prakerja.prakerja_only and all(s.course.prakerja for s in prakerja.plan.steps)


def test_pages_plan_vacancies_name_employer_place_pay_date_and_link() -> None:
    from tangkas.services.imports import import_rows

    store: Store = open_store("duckdb:///:memory:")
    store.migrate()
    tailor = load_taxonomy().occupation(TAILOR).uri
    base = {"source": "uji", "title": "Penjahit Butik", "occupation_uri": tailor, "isco": "7531"}
    rows = [
        {
            **base,
            "external_id": "1",
            "company": "CV Jahit Rapi",
            "province_code": "35",
            "city": "Surabaya",
            "posted_date": "2026-11-02",
            "salary_min": 3_000_000,
            "salary_max": 3_500_000,
            "url": "https://lowongan.example/1",
        },
        {
            **base,
            "external_id": "2",
            "company": "PT Busana Bandung",
            "province_code": "32",
            "city": "Bandung",
            "posted_date": "2026-10-01",
        },
    ]
    assert import_rows(store, "postings", rows, "uji").ok
    client = TestClient(create_app(store))
    anywhere = client.get("/plan", params={"occ": "8153.1", "to": TAILOR, "lang": "id"})
    assert "Lowongan untuk jabatan ini" in anywhere.text and "Lowongan di dekat Anda" not in anywhere.text
    assert "CV Jahit Rapi · Surabaya · Rp3.000.000–3.500.000 per bulan · 2 Nov 2026" in anywhere.text
    assert 'href="https://lowongan.example/1"' in anywhere.text
    near = client.get("/plan", params={"occ": "8153.1", "to": TAILOR, "province": "32", "lang": "id"})
    postings = near.context["page"].postings  # type: ignore[attr-defined]
    assert [p["company"] for p in postings] == ["PT Busana Bandung", "CV Jahit Rapi"]  # nearest first
    assert "Lowongan di dekat Anda" in near.text


def test_pages_an_added_skill_says_what_it_was_read_as_and_stays(client: TestClient) -> None:
    forklift = load_taxonomy().skill("operate forklift")
    page = client.get("/recommendations", params={"occ": "9333.1", "add_skill": "forklift", "lang": "id"})
    assert f"“forklift” dibaca sebagai keterampilan: {forklift.label_id}." in page.text
    fragment = client.get(
        "/fragments/recommendations", params={"occ": "9333.1", "add_skill": "forklift", "lang": "id"}
    ).text
    assert 'id="filter-skills" hx-swap-oob="true"' in fragment and forklift.uri in fragment
    none = client.get("/recommendations", params={"occ": "9333.1", "add_skill": "qwxz", "lang": "id"})
    assert "Tidak ada keterampilan yang cocok dengan “qwxz”" in none.text


def test_pages_a_cv_preselects_the_province_it_names(client: TestClient) -> None:
    cv = (Path(__file__).parent / "data" / "cvs_id" / "kasir.txt").read_text()  # Depok, Jawa Barat
    page = client.post("/understand?lang=id", data={"text": cv})
    assert '<option value="32" selected>' in page.text
    assert "Provinsi dibaca dari tempat yang disebut di teks" in page.text
