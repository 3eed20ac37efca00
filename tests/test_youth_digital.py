"""Digital pathways, facilities matched to talents and youth indicators: the digital rule on known
occupations, entry gaps, provider ranking and supply gap on hand-built catalogs (scores computed by hand),
young people's figures under disclosure control (DuckDB and PostgreSQL), the API and the page."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from tangkas.market import CodedPosting, Posting, coded_table
from tangkas.services.gender import gender_figures_csv
from tangkas.services.youth import neet_by_province, neet_national, neet_places, youth_born, youth_figures
from tangkas.store import Store
from tangkas.store.gender import gender_counts
from tangkas.store.keys import create_key
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import Course, CourseCatalog, Provider
from tangkas.web import create_app
from tangkas.web.youth import YouthPage
from tangkas.youth.digital import (
    BRICKLAYER,
    SOFTWARE_DEVELOPER,
    courses_for,
    digital_collections,
    digital_occupations,
    digital_postings,
    digital_share_of,
    entry_gaps,
    where_posted,
)
from tangkas.youth.facilities import digital_providers, rank_providers, supply_gap

WEB_DEVELOPER = load_taxonomy().occupation("2513.5").uri
AS_OF = date(2026, 6, 1)


def test_youth_digital_rule_on_known_occupations() -> None:
    chosen = digital_occupations()
    assert SOFTWARE_DEVELOPER in chosen and WEB_DEVELOPER in chosen and BRICKLAYER not in chosen
    assert len(chosen) == 187
    assert round(digital_share_of(SOFTWARE_DEVELOPER), 3) == round(14 / 24, 3)
    assert digital_share_of(BRICKLAYER) == 0
    assert digital_occupations([BRICKLAYER, WEB_DEVELOPER, SOFTWARE_DEVELOPER]) == [
        WEB_DEVELOPER,
        SOFTWARE_DEVELOPER,
    ]
    assert all(digital_share_of(uri) >= 0.3 for uri in chosen)


def test_youth_digital_entry_gaps() -> None:
    tax = load_taxonomy()
    gaps = entry_gaps(SOFTWARE_DEVELOPER)
    essential = {s.uri for s in tax.essential_skills(tax.occupation(SOFTWARE_DEVELOPER))}
    assert len(gaps) == 14 and {g.skill.uri for g in gaps} <= essential
    assert all(g.collections and digital_collections(g.skill.uri) == g.collections for g in gaps)
    counts = [g.occupations for g in gaps]
    assert counts == sorted(counts, reverse=True)  # the most common across digital occupations first
    assert gaps[0].skill.label_en == "computer programming" and gaps[0].label("id") == "pemrograman komputer"
    fewer = entry_gaps(SOFTWARE_DEVELOPER, have_skills=[gaps[0].skill.uri])
    assert [g.skill.uri for g in fewer] == [g.skill.uri for g in gaps[1:]]
    assert entry_gaps(BRICKLAYER) == []


def test_youth_digital_courses_for_uses_the_planner() -> None:
    gap = entry_gaps(SOFTWARE_DEVELOPER)[0].skill
    blk, lpk = Provider("b", "BLK Bandung", "BLK"), Provider("l", "LPK Jauh", "LPK")
    catalog = CourseCatalog(
        [
            Course("cheap", blk, "Pemrograman", "Programming", (gap.uri,), 40, 500_000, "offline", "32"),
            Course("far", lpk, "Pemrograman", "Programming", (gap.uri,), 40, 100_000, "offline", "33"),
            Course("dear", blk, "Pemrograman+", "Programming+", (gap.uri,), 40, 9_000_000, "offline", "32"),
        ]
    )
    plan = courses_for([gap], "Jawa Barat", 3_500_000, catalog)
    assert [s.course.id for s in plan.steps] == ["cheap"] and plan.complete
    assert not courses_for([gap.uri], "32", 100_000, catalog).complete  # over budget


def _coded(i: int, occupation: str, province: str, skills: tuple[str, ...]) -> CodedPosting:
    return CodedPosting(
        Posting("s", str(i), "Lowongan", province_code=province), occupation, "2512", 1.0, True, skills
    )


def test_youth_digital_where_posted_and_postings_by_province() -> None:
    python = load_taxonomy().skill("Python (computer programming)").uri
    table = coded_table(
        [_coded(i, SOFTWARE_DEVELOPER, "31", (python,) if i % 2 else ()) for i in range(4)]
        + [_coded(9, SOFTWARE_DEVELOPER, "32", (python,))]
        + [_coded(10 + i, BRICKLAYER, "32", ()) for i in range(3)]
    )
    posted = where_posted(SOFTWARE_DEVELOPER, table)
    assert [(p.province_code, p.postings, p.digital, p.share) for p in posted] == [
        ("31", 4, 2, 0.5),
        ("32", 1, 1, 1.0),
    ]
    assert posted[0].province("en") == "Jakarta"
    assert where_posted(WEB_DEVELOPER, table) == []
    rows = {r.province_code: r for r in digital_postings(table)}
    assert (rows["32"].postings, rows["32"].digital_occupations, rows["32"].digital_skill_share) == (
        4,
        1,
        0.25,
    )
    assert (rows["31"].postings, rows["31"].digital_occupations) == (4, 4)


def _catalog() -> CourseCatalog:
    x, y = Provider("x", "BLK X", "BLK"), Provider("y", "LPK Y", "LPK")
    z, w = Provider("z", "Online Z", "online"), Provider("w", "LPK W", "LPK")
    return CourseCatalog(
        [
            Course("x1", x, "A", "A", ("a", "b"), 40, 0, "offline", "32"),
            Course("x2", x, "C", "C", ("c",), 40, 0, "hybrid", "32"),
            Course("x3", x, "F", "F", ("f",), 40, 0, "offline", "33"),  # elsewhere: not counted in 32
            Course("y1", y, "EF", "EF", ("e", "f"), 40, 0, "offline", "32"),
            Course("z1", z, "AB", "AB", ("a", "b"), 10, 0, "online"),
            Course("w1", w, "All", "All", ("a", "b", "c", "d", "e", "f"), 40, 0, "offline", "33"),
        ]
    )


SKILLS = {"o1": ["a", "b", "c", "d"], "o2": ["c", "e"], "o3": ["f"]}


def test_youth_facilities_ranking_by_hand() -> None:
    ranked = rank_providers(["o1", "o2", "o3"], "32", _catalog(), skills_of=SKILLS)
    # weights 1, 1/2, 1/3 (sum 11/6); X: (3/4 + 1/2 * 1/2) / (11/6) = 12/22;
    # Y: (1/2 * 1/2 + 1/3 * 1) / (11/6) = 7/22; Z: 2/4 / (11/6) = 6/22; W holds its course in Jawa Tengah.
    assert [(f.provider.name, f.online) for f in ranked] == [
        ("BLK X", False),
        ("LPK Y", False),
        ("Online Z", True),
    ]
    assert [f.score for f in ranked] == pytest.approx([12 / 22, 7 / 22, 6 / 22])
    assert ranked[0].covered == (("a", ("x1",)), ("b", ("x1",)), ("c", ("x2",)))
    assert ranked[1].covered == (("e", ("y1",)), ("f", ("y1",)))
    in_33 = rank_providers(["o1", "o2", "o3"], "Jawa Tengah", _catalog(), skills_of=SKILLS)
    assert [f.provider.name for f in in_33][:1] == ["LPK W"] and in_33[0].score == pytest.approx(1.0)


def test_youth_facilities_ranking_on_real_occupations() -> None:
    tax = load_taxonomy()
    skills = [s.uri for s in tax.essential_skills(tax.occupation(SOFTWARE_DEVELOPER))]
    catalog = CourseCatalog(
        [Course("c", Provider("p", "LPK Kode", "LPK"), "K", "K", tuple(skills[:6]), 40, 0, "offline", "32")]
    )
    [fit] = rank_providers([SOFTWARE_DEVELOPER], "32", catalog)
    assert fit.score == pytest.approx(6 / len(skills)) and len(fit.covered) == 6


def test_youth_facilities_supply_gap_by_hand() -> None:
    skills = {SOFTWARE_DEVELOPER: ["a", "b", "c", "d"], WEB_DEVELOPER: ["c", "e"], BRICKLAYER: ["f", "g"]}
    p = Provider("p", "P", "LPK")
    catalog = CourseCatalog(
        [
            Course("1", p, "AC", "AC", ("a", "c"), 40, 0, "offline", "32"),
            Course("2", p, "E", "E", ("e",), 40, 0, "online"),
            Course("3", p, "FG", "FG", ("f", "g"), 40, 0, "offline", "33"),
        ]
    )
    demand = {"32": {SOFTWARE_DEVELOPER: 10, WEB_DEVELOPER: 5, BRICKLAYER: 4}, "33": {BRICKLAYER: 2}}
    gaps = supply_gap(demand, catalog, skills_of=skills)
    assert [
        (g.province_code, g.group, g.demand, g.skills, g.taught_locally, g.taught_online) for g in gaps
    ] == [
        ("32", "25", 15, 5, 2, 1),
        ("32", "71", 4, 2, 0, 0),
        ("33", "71", 2, 2, 2, 0),
    ]
    assert [g.unmet for g in gaps] == pytest.approx([9.0, 4.0, 0.0])


def test_youth_facilities_digital_providers() -> None:
    gap = entry_gaps(SOFTWARE_DEVELOPER)[0].skill.uri
    p, q, o = (
        Provider("p", "BLK P", "BLK"),
        Provider("q", "LPK Q", "LPK"),
        Provider("o", "Daring O", "online"),
    )
    catalog = CourseCatalog(
        [
            Course("1", p, "K", "K", (gap,), 40, 0, "offline", "32"),
            Course("2", q, "K", "K", (gap,), 40, 0, "hybrid", "32"),
            Course("3", q, "K2", "K2", (gap,), 40, 0, "offline", "32"),
            Course("4", p, "Las", "Welding", ("not-digital",), 40, 0, "offline", "33"),
            Course("5", o, "K", "K", (gap,), 40, 0, "online"),
        ]
    )
    rows, online = digital_providers(catalog, frozenset({gap}))
    assert [(r.province_code, r.providers, r.courses) for r in rows] == [("32", ("BLK P", "LPK Q"), 3)]
    assert online == 1


def test_youth_neet_figures_keep_source_and_period() -> None:
    national = neet_national()
    assert [(f.sex, f.value, f.period) for f in national] == [
        ("total", 22.25, "2023-08"),
        ("female", 26.54, "2023-08"),
        ("male", 18.21, "2023-08"),
    ]
    assert [(f.geography, f.value) for f in neet_places()] == [
        ("Indonesia urban", 20.4),
        ("Indonesia rural", 24.79),
    ]
    assert all("BPS" in f.source and f.urls for f in national)
    provinces = neet_by_province()
    assert len(provinces) == 26 and provinces["11"].value == 28.56 and provinces["11"].period == "2024"
    assert youth_born(AS_OF) == (2002, 2011)


def _worker(store: Store, i: int, province: str, gender: str, born: int, erased: bool = False) -> None:
    store.backend.execute(
        "INSERT INTO workers (id, source, external_id, office_code, full_name, gender, birth_year, "
        "province_code, erased_at) VALUES (?, 't', ?, 'BDG', 'Pekerja Muda', ?, ?, ?, ?)",
        (i, f"w{i}", gender, born, province, "2026-01-01 00:00:00" if erased else None),
    )


PLACEMENTS: list[tuple[int, str, date | None, date | None]] = [
    *[(i, "abroad", date(2025, 3, 1), None) for i in range(20, 32)],  # 12 young men, departed
    (20, "returned", date(2023, 1, 5), date(2024, 12, 20)),  # a second placement: one person still
    (32, "prospective", None, None),  # not departed
    (33, "abroad", date(2026, 7, 1), None),  # departs after AS_OF
    (34, "returned", None, date(2026, 1, 10)),  # no departure date, but back by AS_OF: it went
    (0, "returned", date(2024, 2, 1), date(2026, 2, 1)),  # a young woman
    (40, "abroad", date(2025, 1, 1), None),  # born 1990: not young
    (99, "abroad", date(2025, 1, 1), None),  # erased
]
"""PMI placements of :func:`_fill`'s workers: (worker, status, departed, returned)."""


def _fill(store: Store) -> None:
    """In Jawa Barat 20 young women (born 2005; 0-9 in training, 0 in two courses) and 15 young men (born
    2008; 20-29 in training), 30 men born 1990 and an erased young woman; in Jawa Tengah 5 young women
    (born 2002 and 2011, the edges of 15-24 in 2026) and one man born 2001 (25: not young). Twelve
    young women of Jawa Barat (0-11, one of them twice) and the erased one have an interest profile.
    PMI placements (see :data:`PLACEMENTS`): 13 young men and one young woman of Jawa Barat departed by
    :data:`AS_OF`."""
    for i in range(20):
        _worker(store, i, "32", "F", 2005)
    for i in range(20, 35):
        _worker(store, i, "32", "M", 2008)
    for i in range(40, 70):
        _worker(store, i, "32", "M", 1990)
    _worker(store, 99, "32", "F", 2005, erased=True)
    for i in range(100, 105):
        _worker(store, i, "33", "F", 2002 if i % 2 else 2011)
    _worker(store, 110, "33", "M", 2001)
    for worker in (*range(12), 0, 99):
        store.backend.execute(
            "INSERT INTO interest_profiles (worker_id, form, answers, scores, code, consent_by, "
            "consent_recorded_at) VALUES (?, 'short60', '', '', 'SAE', 'self', '2026-01-01 00:00:00')",
            (worker,),
        )
    for n, (worker, status, departed, returned) in enumerate(PLACEMENTS):
        store.backend.execute(
            "INSERT INTO placements (source, external_id, worker_id, destination, sector, status, "
            "departed_on, returned_on) VALUES ('t', ?, ?, 'TW', 'manufacturing', ?, ?, ?)",
            (f"p{n}", worker, status, departed, returned),
        )
    enrolled = [(i, 1) for i in (*range(10), *range(20, 30), 99)] + [(0, 2)]
    for worker, course in enrolled:
        store.backend.execute(
            "INSERT INTO enrolments (source, external_id, worker_id, course_id, status) "
            "VALUES ('t', ?, ?, ?, 'enrolled')",
            (f"e{worker}-{course}", worker, course),
        )
    # six young women of Jawa Barat found a job after their course by AS_OF; worker 20 only later
    store.backend.execute(
        "UPDATE enrolments SET placed = TRUE, placed_on = '2026-02-01' WHERE worker_id < 6 AND course_id = 1"
    )
    store.backend.execute(
        "UPDATE enrolments SET placed = TRUE, placed_on = '2027-01-01' WHERE worker_id = 20"
    )


def test_youth_indicators_true_and_published_counts(store: Store) -> None:
    _fill(store)
    counted = gender_counts(store, born=youth_born(AS_OF), day=AS_OF)
    true = {(c.measure, c.province_code, c.gender): c.count for c in counted}
    assert true == {
        ("registered", "32", "F"): 20,
        ("registered", "32", "M"): 15,
        ("registered", "33", "F"): 5,
        ("enrolled", "32", "F"): 10,
        ("enrolled", "32", "M"): 10,
        ("profiled", "32", "F"): 12,
        ("placed", "32", "F"): 6,
        ("placed_pmi", "32", "M"): 13,
        ("placed_pmi", "32", "F"): 1,
    }
    earlier = gender_counts(store, born=youth_born(AS_OF), day=date(2025, 6, 1))
    placed = {c.gender: c.count for c in earlier if c.measure == "placed_pmi"}
    assert placed == {"M": 12, "F": 1}  # worker 34 was not back yet
    figures = youth_figures(store, AS_OF).figures
    assert [m.measure for m in figures.measures] == [
        "registered",
        "profiled",
        "enrolled",
        "placed",
        "placed_pmi",
    ]
    pmi = figures.measure("placed_pmi")  # 13 men and 1 woman: the woman hidden, so the men too
    assert pmi.national.counts.total in (10, 15) and pmi.national.count("F") is None
    assert pmi.national.count("M") is None and pmi.national.counts.hidden_count in (10, 15)
    assert [p.province_code for p in pmi.provinces] == ["32"]
    profiled = figures.measure("profiled").national  # 12 women, nobody else: rounded, the one group hidden
    assert profiled.counts.total in (10, 15) and profiled.count("M") is None
    registered = figures.measure("registered")
    national = registered.national
    # 25 women and 15 men; no other group to hide with, so men's figure is hidden (women's kept in view)
    assert (national.counts.total, national.count("F"), national.count("M")) == (40, 25, None)
    assert national.counts.hidden_count == 15
    assert [p.province_code for p in registered.provinces] == ["32"]  # Jawa Tengah: 5, under 10
    west_java = registered.provinces[0]
    assert (west_java.counts.total, west_java.count("F"), west_java.count("M")) == (35, 20, None)
    enrolled = figures.measure("enrolled").national
    assert (enrolled.counts.total, enrolled.count("F"), enrolled.counts.hidden_count) == (20, 10, 10)
    text = gender_figures_csv(figures)
    assert "registered,,Indonesia,M,\n" in text and "registered,32,Jawa Barat,F,20\n" in text
    assert "Pekerja Muda" not in text


def test_youth_indicators_of_an_empty_store(store: Store) -> None:
    figures = youth_figures(store, AS_OF).figures
    assert all(m.national.counts.total is None and m.provinces == () for m in figures.measures)


def test_youth_api_answers_and_roles(store: Store) -> None:
    _fill(store)
    client = TestClient(create_app(store))
    url = "/api/indicators/youth"
    for role, status in (("analyst", 200), ("counsellor", 200), ("admin", 200), ("provider", 403)):
        key = create_key(
            store,
            role,
            office_code="BDG" if role == "counsellor" else None,
            provider="P" if role == "provider" else None,
        )
        answer = client.get(url, params={"as_of": AS_OF.isoformat()}, headers={"X-API-Key": key.secret})
        assert answer.status_code == status, role
    assert client.get(url).status_code == 401
    analyst = {"X-API-Key": create_key(store, "analyst").secret}
    body = client.get(url, params={"as_of": AS_OF.isoformat()}, headers=analyst).json()
    assert (body["as_of"], body["born_from"], body["born_to"]) == ("2026-06-01", 2002, 2011)
    registered = next(m for m in body["measures"] if m["measure"] == "registered")
    national = registered["places"][0]
    assert national["province_code"] is None and national["total"] == 40
    assert national["groups"] == [{"group": "F", "count": 25}] and national["hidden_count"] == 15
    placed = next(m for m in body["measures"] if m["measure"] == "placed_pmi")["places"][0]
    assert placed["total"] in (10, 15) and placed["groups"] == [] and placed["hidden_count"] in (10, 15)
    neet = [n for n in body["neet"] if n["province_code"] is None and n["period"] == "2023-08"]
    assert {(n["geography"], n["sex"], n["value"]) for n in neet} >= {("Indonesia", "female", 26.54)}
    assert all(n["source"] for n in body["neet"])
    assert body["providers"] and body["online_providers"] > 0 and body["synthetic_catalog"]
    assert body["digital_postings"] == []
    assert "Pekerja Muda" not in str(body) and "w1" not in str(body)  # aggregates only
    assert client.get(url, params={"as_of": "2026-13-01"}, headers=analyst).status_code == 422


def test_youth_page_in_both_languages(store: Store) -> None:
    _fill(store)
    client = TestClient(create_app(store))
    response = client.get("/analyst/youth", params={"as_of": AS_OF.isoformat()})
    assert response.status_code == 200 and response.template.name == "analyst_youth.html"  # type: ignore[attr-defined]
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, YouthPage)
    assert [b.key for b in page.neet] == ["total", "female", "male", "urban", "rural"]
    assert page.neet_provinces[0][:2] == ("Aceh", "28,56")
    text = response.text
    for words in (
        "Kaum muda",
        "22,25%",
        "26,54%",
        "perdesaan",
        "Kaum muda terdaftar",
        "Kaum muda ditempatkan (PMI, tercatat)",
        "paling lambat 1 Jun 2026",
        "Kaum muda mendapat kerja setelah pelatihan (tercatat)",
        "disembunyikan",
        "Jawa Barat",
        "Lembaga pelatihan untuk pekerjaan digital",
        'href="https://voi.id/',
        "BPS Sakernas",
    ):
        assert words in text, words
    assert text.count("<svg") >= 3 and "None" not in text and "Pekerja Muda" not in text
    english = client.get("/analyst/youth", params={"as_of": AS_OF.isoformat(), "lang": "en"}).text
    for words in (
        "Youth",
        "22.25%",
        "rural",
        "Young people registered",
        "Young people placed (PMI, on record)",
        "Young people in a job after training (on record)",
        "by 1 Jun 2026",
        "suppressed",
        "West Java",
    ):
        assert words in english, words
    assert 'href="/analyst/youth?lang=id"' in client.get("/analyst", params={"lang": "id"}).text
    download = client.get("/analyst/youth/registered.csv", params={"as_of": AS_OF.isoformat()})
    assert download.headers["content-type"].startswith("text/csv")
    assert download.text.startswith("measure,province_code,province,group,count,measure_label\n")
    assert 'placed_pmi,32,Jawa Barat,F,,"Kaum muda ditempatkan (PMI, tercatat)"\n' in download.text
    english = client.get("/analyst/youth/registered.csv", params={"as_of": AS_OF.isoformat(), "lang": "en"})
    assert 'placed_pmi,,Indonesia,F,,"Young people placed (PMI, on record)"\n' in english.text
    neet = client.get("/analyst/youth/neet.csv").text
    assert neet.startswith("code,indicator,geography,sex,period,value,unit,source,note")
    assert client.get("/analyst/youth/other.csv").status_code == 422
