"""A young person's digital pathways (tangkas.services.pathways, /minat/jalur, /api/youth/pathways): the
service on the demo catalog and on a hand-built one (gaps, the plan within budget, provider order worked
out by hand), the closest digital occupations when no match is digital, the postings part on both stores,
the page in both languages with its error messages, and the API."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tangkas.services.pathways import MAX_PATHS, PathwaysError, closest_digital, youth_pathways
from tangkas.services.plans import catalog_for
from tangkas.store import Store
from tangkas.store.keys import create_key
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import Course, CourseCatalog, Provider
from tangkas.web import create_app
from tangkas.web.pathways import PathwaysPage
from tangkas.youth.digital import BRICKLAYER, SOFTWARE_DEVELOPER, digital_occupations, entry_gaps

TAX = load_taxonomy()
WEB_DEVELOPER, GRAPHIC_DESIGNER = (TAX.occupation(c).uri for c in ("2513.5", "2166.9"))


def _essential(uri: str) -> set[str]:
    return {s.uri for s in TAX.essential_skills(TAX.occupation(uri))}


def test_youth_pathways_on_the_demo_catalog() -> None:
    catalog = catalog_for(None)
    found = youth_pathways(None, [GRAPHIC_DESIGNER, WEB_DEVELOPER], "Jawa Barat", 3_500_000, catalog=catalog)
    assert found.province == "32" and not found.nearby and found.synthetic_catalog
    assert [p.occupation.uri for p in found.paths] == [GRAPHIC_DESIGNER, WEB_DEVELOPER]
    for path in found.paths:
        assert path.near_of is None and path.posted == ()  # no store: no postings
        assert [g.skill.uri for g in path.gaps] == [g.skill.uri for g in entry_gaps(path.occupation.uri)]
        assert path.plan.cost_idr <= 3_500_000 and len(path.plan.steps) <= 3 and path.plan.steps
        assert all(s.course.mode == "online" or s.course.province == "32" for s in path.plan.steps)
        taught = {u for s in path.plan.steps for u in s.skills}
        assert taught <= {g.skill.uri for g in path.gaps}
    needed = _essential(GRAPHIC_DESIGNER) | _essential(WEB_DEVELOPER)
    assert found.needed_skills == len(needed)
    scores = [c.fit.score for c in found.providers]
    assert scores == sorted(scores, reverse=True) and 0 < len(found.providers) <= 10
    for card in found.providers:
        assert {s.uri for s in card.skills} <= needed and card.courses
        assert all(
            c.provider == card.provider and (c.mode == "online" or c.province == "32") for c in card.courses
        )
        assert card.online == (card.provider.type == "online") and (card.places == ()) == card.online


def _hand_catalog() -> tuple[CourseCatalog, list[str]]:
    """Software developer's first three entry gaps g0, g1, g2, taught in Jawa Barat by a BLK (g0+g1,
    Rp500.000) and a dearer LPK (g0+g1, Rp2.000.000), online (g2, Rp300.000), and cheapest in Jawa Tengah
    (g0+g1, Rp100.000: not open to a young person in Jawa Barat)."""
    g = [gap.skill.uri for gap in entry_gaps(SOFTWARE_DEVELOPER)[:3]]
    blk, lpk = Provider("b", "BLK Bandung", "BLK"), Provider("l", "LPK Mahal", "LPK")
    web, far = Provider("o", "Kelas Daring", "online"), Provider("f", "LPK Semarang", "LPK")
    courses = [
        Course(
            "blk",
            blk,
            "Dasar pemrograman",
            "Programming basics",
            (g[0], g[1]),
            40,
            500_000,
            "offline",
            "32",
            "Bandung",
        ),
        Course(
            "lpk", lpk, "Pemrograman", "Programming", (g[0], g[1]), 40, 2_000_000, "offline", "32", "Bekasi"
        ),
        Course("web", web, "Debugging", "Debugging", (g[2],), 10, 300_000, "online"),
        Course(
            "far", far, "Pemrograman", "Programming", (g[0], g[1]), 40, 100_000, "offline", "33", "Semarang"
        ),
    ]
    return CourseCatalog(courses), g


def test_youth_pathways_on_a_hand_built_catalog() -> None:
    catalog, g = _hand_catalog()
    found = youth_pathways(None, [SOFTWARE_DEVELOPER], "32", 1_000_000, catalog=catalog)
    [path] = found.paths
    assert len(path.gaps) == 14 and [x.skill.uri for x in path.gaps[:3]] == g
    assert [s.course.id for s in path.plan.steps] == ["blk", "web"]  # far is in Jawa Tengah, lpk dearer
    assert path.plan.cost_idr == 800_000 and not path.plan.complete and len(path.plan.uncovered) == 11
    tight = youth_pathways(None, [SOFTWARE_DEVELOPER], "32", 700_000, catalog=catalog).paths[0].plan
    assert [s.course.id for s in tight.steps] == ["blk"] and tight.cost_idr == 500_000  # both: Rp800.000
    # 24 essential skills: BLK and LPK teach 2 each (tie: by name), the online class 1; Semarang is away
    assert found.needed_skills == 24
    assert [(c.provider.name, c.fit.score, c.places) for c in found.providers] == [
        ("BLK Bandung", pytest.approx(2 / 24), ("Bandung",)),
        ("LPK Mahal", pytest.approx(2 / 24), ("Bekasi",)),
        ("Kelas Daring", pytest.approx(1 / 24), ()),
    ]
    assert found.providers[2].online and [c.id for c in found.providers[0].courses] == ["blk"]
    in_central_java = youth_pathways(None, [SOFTWARE_DEVELOPER], "33", 1_000_000, catalog=catalog)
    assert [s.course.id for s in in_central_java.paths[0].plan.steps] == ["far", "web"]
    assert [c.provider.name for c in in_central_java.providers] == ["LPK Semarang", "Kelas Daring"]
    # ranked for all the matches, the best weighted most: a bricklayer first halves every fit's weight
    both = youth_pathways(None, [BRICKLAYER, SOFTWARE_DEVELOPER], "32", 1_000_000, catalog=catalog)
    assert [p.occupation.uri for p in both.paths] == [SOFTWARE_DEVELOPER] and not both.nearby
    assert both.providers[0].fit.score == pytest.approx((0.5 * 2 / 24) / 1.5)
    assert youth_pathways(None, [SOFTWARE_DEVELOPER], None, 1_000_000, catalog=catalog).providers == ()


def test_youth_pathways_closest_digital_when_no_match_is() -> None:
    found = youth_pathways(None, [BRICKLAYER], "32", 3_500_000, catalog=CourseCatalog([]))
    assert found.nearby and len(found.paths) == MAX_PATHS
    digital = set(digital_occupations())
    assert all(p.occupation.uri in digital and p.near_of == BRICKLAYER for p in found.paths)
    assert all(not p.plan.steps for p in found.paths)  # an empty catalog: nothing to take
    ranked = closest_digital([TAX.occupation(BRICKLAYER)], limit=len(digital))
    # no digital occupation in the bricklayer's sub-major group 71: those of major group 7 first
    tiers = [TAX.occupation(u).isco[:1] != "7" for u, _ in ranked]
    assert (
        tiers == sorted(tiers)
        and not tiers[0]
        and TAX.occupation(ranked[0][0]).label_en == "smart home installer"
    )
    shared = [
        len(_essential(u) & _essential(BRICKLAYER)) for u, _ in ranked if TAX.occupation(u).isco[:1] != "7"
    ]
    assert shared == sorted(shared, reverse=True) and shared[0] > 0  # then the most shared skills
    tailor = closest_digital([TAX.occupation("7531.5")], limit=1)  # a tailor: the same sub-major group
    assert [TAX.occupation(u).label_en for u, _ in tailor] == ["digital prototyper"]
    # two matches: each closest occupation names the match it is near
    pair = closest_digital([TAX.occupation(BRICKLAYER), TAX.occupation("5223.1")])
    assert {near for _, near in pair} <= {BRICKLAYER, TAX.occupation("5223.1").uri}


@pytest.mark.parametrize(
    ("occupations", "province", "budget", "problem"),
    [
        ([], "32", 0, "no_occupation"),
        (["  "], "32", 0, "no_occupation"),
        (["not-an-occupation"], "32", 0, "unknown_occupation"),
        ([SOFTWARE_DEVELOPER], "Atlantis", 0, "unknown_province"),
        ([SOFTWARE_DEVELOPER], "32", -1, "bad_budget"),
        ([SOFTWARE_DEVELOPER] * 21, "32", 0, "too_many"),
    ],
)
def test_youth_pathways_refuses_bad_requests(
    occupations: list[str], province: str, budget: int, problem: str
) -> None:
    with pytest.raises(PathwaysError) as refused:
        youth_pathways(None, occupations, province, budget, catalog=CourseCatalog([]))
    assert refused.value.problem == problem and refused.value.say("id") != str(refused.value)


def _posting(store: Store, i: int, occupation: str, province: str) -> None:
    store.backend.execute(
        "INSERT INTO postings (source, external_id, title, province_code, occupation_uri, isco) "
        "VALUES ('t', ?, 'Lowongan', ?, ?, '2512')",
        (str(i), province, occupation),
    )


def test_youth_pathways_where_jobs_are_posted(store: Store) -> None:
    for i in range(3):
        _posting(store, i, SOFTWARE_DEVELOPER, "31")
    _posting(store, 5, SOFTWARE_DEVELOPER, "32")
    _posting(store, 6, BRICKLAYER, "32")
    store.changed()
    catalog, _ = _hand_catalog()
    found = youth_pathways(store, [SOFTWARE_DEVELOPER], "32", 3_500_000, catalog=catalog)
    assert [(p.province_code, p.postings) for p in found.paths[0].posted] == [("31", 3), ("32", 1)]
    assert found.paths[0].posted[0].province("id") == "DKI Jakarta"
    assert not found.synthetic_catalog


@pytest.fixture(scope="module")
def client() -> TestClient:
    from tangkas.store import open_store

    opened = open_store("duckdb:///:memory:")
    opened.migrate()
    return TestClient(create_app(opened))


def test_youth_pathways_page_in_both_languages(client: TestClient) -> None:
    params = {"occupation": [GRAPHIC_DESIGNER, WEB_DEVELOPER], "province": "32", "budget": "3.500.000"}
    response = client.get("/minat/jalur", params=params)
    assert response.status_code == 200 and response.template.name == "pathways.html"  # type: ignore[attr-defined]
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, PathwaysPage) and page.found is not None
    text = response.text
    for words in (
        "Jalur digital dan tempat pelatihan",
        "Keterampilan digital artinya",
        "desainer grafis",
        "Desainer grafis",
        "Yang perlu kamu pelajari",
        "desain grafis",
        "Kursus termurah (anggaran Rp3.500.000)",
        "Kamu belajar:",
        "Online",
        "Tempat pelatihan di Jawa Barat",
        "keterampilan yang dibutuhkan",
        "online, bisa dari mana saja",
        "Lihat rencana lengkap",
        "Katalog kursus ini DEMO",
    ):
        assert words in text, words
    assert "None" not in text and "{" not in text.split("<main", 1)[1]
    plan = parse_qs(urlsplit(page.plan_link(page.found.paths[0], "id")).query)
    assert plan == {"to": [GRAPHIC_DESIGNER], "province": ["32"], "budget": ["3500000"], "lang": ["id"]}
    assert client.get("/plan", params=plan).status_code == 200  # the full plan opens
    english = client.get("/minat/jalur", params={**params, "lang": "en"}).text
    for words in (
        "Digital pathways and training places",
        "Digital skills means",
        "graphic designer",
        "What you need to learn",
        "The cheapest courses (budget Rp3.500.000)",
        "Training places in West Java",
        "skills needed",
        "See the full plan",
    ):
        assert words in english, words
    bricklayer = client.get("/minat/jalur", params={"occupation": BRICKLAYER, "lang": "id"}).text
    assert "bukan pekerjaan digital" in bricklayer and "Dekat dengan: tukang tembok" in bricklayer
    assert "Pilih provinsimu" in bricklayer  # no province: no training places, a prompt
    helpdesk = client.get("/minat/jalur", params={"occupation": TAX.occupation("3512.1").uri, "lang": "id"})
    assert "<h2>Petugas helpdesk TI</h2>" in helpdesk.text  # capitalised, "TI" kept


@pytest.mark.parametrize(
    ("params", "id_words", "en_words"),
    [
        ({}, "Belum ada pekerjaan yang dipilih", "No job has been chosen yet"),
        (
            {"occupation": "tukang sulap"},
            "Pekerjaan “tukang sulap” tidak kami kenal",
            "know the job “tukang sulap”",
        ),
        (
            {"occupation": WEB_DEVELOPER, "province": "99"},
            "Provinsi “99” tidak kami kenal",
            "the province “99”",
        ),
        (
            {"occupation": WEB_DEVELOPER, "budget": "banyak"},
            "Anggaran “banyak” tidak terbaca",
            "could not be read",
        ),
        ({"occupation": WEB_DEVELOPER, "budget": "-5"}, "Anggaran tidak boleh negatif", "cannot be negative"),
    ],
)
def test_youth_pathways_page_says_what_is_wrong(
    client: TestClient, params: dict[str, str], id_words: str, en_words: str
) -> None:
    response = client.get("/minat/jalur", params={**params, "lang": "id"})
    assert response.status_code == 422 and 'id="pathways-problem"' in response.text
    assert id_words in response.text and "Traceback" not in response.text
    assert en_words in client.get("/minat/jalur", params={**params, "lang": "en"}).text


def test_youth_pathways_api(store: Store) -> None:
    client = TestClient(create_app(store))
    key = {"X-API-Key": create_key(store, "analyst").secret}
    url = "/api/youth/pathways"
    params = {"occupation": [BRICKLAYER, WEB_DEVELOPER], "province": "32", "budget": 2_000_000}
    assert client.get(url, params=params).status_code == 401
    body = client.get(url, params=params, headers=key).json()
    assert body["occupations"] == [BRICKLAYER, WEB_DEVELOPER] and body["province_code"] == "32"
    assert not body["nearby"] and [p["occupation"] for p in body["paths"]] == [WEB_DEVELOPER]
    path = body["paths"][0]
    assert path["label_id"] == "pengembang web" and path["gaps"][0]["label_id"]
    assert path["plan_cost_idr"] <= 2_000_000 and all(c["teaches"] for c in path["plan"])
    assert body["providers"] and body["synthetic_catalog"] and body["needed_skills"] > 0
    for bad in (
        {"occupation": [WEB_DEVELOPER], "province": "99"},
        {"province": "32"},
        {"occupation": [WEB_DEVELOPER], "budget": -1},
    ):
        refused = client.get(url, params=bad, headers=key)
        assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid"
    unknown = client.get(url, params={"occupation": "tukang-sulap"}, headers=key)
    assert unknown.status_code == 404 and "tukang-sulap" in unknown.json()["error"]["message"]


def test_youth_pathways_own_skills_are_not_listed_to_learn_nor_paid_for() -> None:
    catalog, g = _hand_catalog()
    found = youth_pathways(None, [SOFTWARE_DEVELOPER], "32", 1_000_000, catalog=catalog, skills=[g[0], g[1]])
    [path] = found.paths
    assert [s.uri for s in found.skills] == [g[0], g[1]]
    assert len(path.gaps) == 12 and g[0] not in {x.skill.uri for x in path.gaps}
    assert [s.course.id for s in path.plan.steps] == ["web"] and path.plan.cost_idr == 300_000
    label = TAX.skill(g[2]).label_en
    by_label = youth_pathways(
        None, [SOFTWARE_DEVELOPER], "32", 1_000_000, catalog=catalog, skills=[label, g[2]]
    )
    assert [s.uri for s in by_label.skills] == [g[2]]
    with pytest.raises(PathwaysError) as unknown:
        youth_pathways(None, [SOFTWARE_DEVELOPER], "32", 1_000_000, catalog=catalog, skills=["main layangan"])
    assert unknown.value.problem == "unknown_skill"
    with pytest.raises(PathwaysError) as many:
        youth_pathways(None, [SOFTWARE_DEVELOPER], "32", 1_000_000, catalog=catalog, skills=g[:1] * 13)
    assert many.value.problem == "too_many_skills"


def test_youth_pathways_page_and_api_carry_own_skills(client: TestClient, store: Store) -> None:
    known = entry_gaps(GRAPHIC_DESIGNER)[0].skill
    params = {"occupation": [GRAPHIC_DESIGNER], "province": "32", "skill": [known.uri]}
    response = client.get("/minat/jalur", params={**params, "lang": "id"})
    assert response.status_code == 200
    page = response.context["page"]  # type: ignore[attr-defined]
    assert page.found is not None and known not in [g.skill for g in page.found.paths[0].gaps]
    assert f"Yang sudah kamu bisa (tidak perlu dipelajari lagi): {known.label('id')}" in response.text
    assert f'<input type="hidden" name="skill" value="{known.uri}">' in response.text
    plan = parse_qs(urlsplit(page.plan_link(page.found.paths[0], "id")).query)
    assert plan["skill"] == [known.uri]
    english = client.get("/minat/jalur", params={**params, "lang": "en"}).text
    assert f"What you can already do (no need to learn it again): {known.label_en}" in english
    wrong = client.get("/minat/jalur", params={**params, "skill": "main layangan", "lang": "id"})
    assert wrong.status_code == 422 and "Keterampilan “main layangan” tidak kami kenal" in wrong.text
    api = TestClient(create_app(store))
    key = {"X-API-Key": create_key(store, "analyst").secret}
    body = api.get("/api/youth/pathways", params=params, headers=key).json()
    assert [s["uri"] for s in body["own_skills"]] == [known.uri]
    assert known.uri not in {g["uri"] for p in body["paths"] for g in p["gaps"]}
    unknown = api.get("/api/youth/pathways", params={**params, "skill": "x-y"}, headers=key)
    assert unknown.status_code == 404
