"""Where young people's interests outrun local course supply: the service on hand-built stores (DuckDB and
PostgreSQL) with known profiles, the 10-profile threshold, group merging, the page section in both
languages, its CSV, the API, and the demo's synthetic profiles (idempotent, enough to show)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from fastapi.testclient import TestClient

from tangkas.services.demo import load_demo
from tangkas.services.demo_interests import young_workers
from tangkas.services.interests import journey_matches, profile_from_digits
from tangkas.services.plans import catalog_for
from tangkas.services.youth import OTHER, interest_supply
from tangkas.store import Store
from tangkas.store.interests import StoredProfile, latest_profiles, save_profile
from tangkas.store.keys import create_key
from tangkas.taxonomy import load_taxonomy
from tangkas.training.catalog import Course, CourseCatalog, Provider
from tangkas.web import create_app
from tangkas.web.youth import YouthPage
from tangkas.youth.profiler import load_items

AS_OF = date(2026, 6, 1)
SOCIAL = "".join("4" if i.area == "S" else "3" if i.area == "A" else "1" for i in load_items("short60"))
HANDS = "".join("4" if i.area == "R" else "3" if i.area == "C" else "1" for i in load_items("short60"))


def _uris(digits: str) -> list[str]:
    """The first ESCO occupation of each of the five best matches (no education given)."""
    profile = profile_from_digits(digits, "short60")
    return [m.esco[0].uri for m in journey_matches(profile, education=None, limit=5)]


def _groups(counts: Counter[str]) -> Counter[str]:
    tax = load_taxonomy()
    found: Counter[str] = Counter()
    for uri, n in counts.items():
        found[tax.occupation(uri).isco[:2]] += n
    return found


def _profiled(store: Store, i: int, province: str | None, digits: str, *, erased: bool = False) -> None:
    store.backend.execute(
        "INSERT INTO workers (id, source, external_id, office_code, full_name, birth_year, province_code, "
        "erased_at) VALUES (?, 't', ?, 'BDG', 'Pemuda Contoh', 2006, ?, ?)",
        (i, f"y{i}", province, "2026-01-01 00:00:00" if erased else None),
    )
    answers = tuple(int(d) for d in digits)
    profile = profile_from_digits(digits, "short60")
    row = StoredProfile("short60", answers, dict(profile.scores), profile.code, None, "self")
    save_profile(store, i, row, key_id=None)


def _fill(store: Store) -> None:
    """Jawa Barat (32): 12 social-artistic profiles, one of them saved over an older realistic one;
    Jawa Timur (35): 5 social and 5 realistic; Jawa Tengah (33): 9 social (under 10: left out); one
    worker with no province and an erased worker in 32 (not counted at all)."""
    for i in range(12):
        if i == 0:
            _profiled(store, i, "32", HANDS)
            save_profile(
                store,
                i,
                StoredProfile("short60", tuple(map(int, SOCIAL)), {}, "SAE", None, "self"),
                key_id=None,
            )
        else:
            _profiled(store, i, "32", SOCIAL)
    for i in range(20, 30):
        _profiled(store, i, "35", SOCIAL if i < 25 else HANDS)
    for i in range(40, 49):
        _profiled(store, i, "33", SOCIAL)
    _profiled(store, 50, None, SOCIAL)
    _profiled(store, 51, "32", HANDS, erased=True)


def test_youth_supply_latest_profiles(store: Store) -> None:
    _fill(store)
    rows = latest_profiles(store)
    assert len(rows) == 12 + 10 + 9 + 1  # the erased worker's left out, worker 0 once
    first = next(r for r in rows if r["worker_id"] == 0)
    assert "".join(map(str, first["answers"])) == SOCIAL and first["province_code"] == "32"
    assert "full_name" not in first and "nik" not in first


def _near(published: int, true: int) -> bool:
    """A published count is the true one randomly rounded to a multiple of 5 (at most 4 off)."""
    return published % 5 == 0 and abs(published - true) < 5


def test_youth_supply_counts_threshold_and_merging(store: Store) -> None:
    _fill(store)
    social, hands = _uris(SOCIAL), _uris(HANDS)
    tax = load_taxonomy()
    teacher = Provider("p", "BLK Contoh", "BLK")
    taught = tuple(s.uri for uri in social for s in tax.essential_skills(tax.occupation(uri)))
    catalog = CourseCatalog([Course("c", teacher, "Semua", "All", taught, 40, 0, "offline", "32")])
    found = interest_supply(store, catalog)
    assert (found.per_profile, found.min_cell) == (5, 10)
    true = [("32", 12, 60), ("35", 10, 50)]
    assert [p.province_code for p in found.provinces] == ["32", "35"]
    for p, (_, profiles, matches) in zip(found.provinces, true, strict=True):
        assert _near(p.profiles, profiles) and _near(p.matches, matches)
    assert (found.left_out_provinces, found.left_out_profiles) == (1, 9 + 1)
    west = found.provinces[0]
    expected = _groups(Counter({uri: 12 for uri in social}))
    demand = {g.group: g.demand for g in west.groups}
    assert demand.keys() == expected.keys()  # every group >= 12 matches: shown
    assert all(_near(demand[group], n) for group, n in expected.items())
    assert all(g.local_share == 1 and g.unmet == 0 for g in west.groups)  # the course teaches them all
    east = found.provinces[1]
    counts = _groups(Counter({uri: 5 for uri in social}) + Counter({uri: 5 for uri in hands}))
    shown = {group: n for group, n in counts.items() if n >= 10}
    named_demand = {g.group: g.demand for g in east.groups if g.group != OTHER}
    assert named_demand.keys() == shown.keys()
    assert all(_near(named_demand[group], n) for group, n in shown.items())
    other = [g for g in east.groups if g.group == OTHER]
    assert _near(other[0].demand if other else 0, sum(n for n in counts.values() if n < 10))
    assert other == [] or east.groups[-1].group == OTHER
    assert all(g.taught_locally == 0 and g.unmet == g.demand for g in east.groups)  # no course in 35
    named = [g for g in east.groups if g.group != OTHER]
    assert [g.unmet for g in named] == sorted((g.unmet for g in named), reverse=True)


def test_youth_supply_of_an_empty_store(store: Store) -> None:
    found = interest_supply(store, CourseCatalog([]))
    assert found.provinces == () and (found.left_out_provinces, found.left_out_profiles) == (0, 0)


def test_youth_supply_page_csv_and_api(store: Store) -> None:
    _fill(store)
    client = TestClient(create_app(store))
    response = client.get("/analyst/youth", params={"as_of": AS_OF.isoformat()})
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, YouthPage)
    rows = page.interests.provinces
    assert [r.province for r in rows] == ["Jawa Barat", "Jawa Timur"]
    assert _near(rows[0].profiles, 12) and rows[1].profiles == 10
    assert all(0 < len(r.charted) <= 5 for r in rows)
    text = response.text
    for words in (
        "Minat kaum muda dan kursus yang tersedia",
        "Kecocokan",
        "Diajarkan di provinsi",
        "Belum terpenuhi",
        "kecocokan minat bukan rencana",
        "Tidak ditampilkan: 10 profil dari 1 provinsi",
        'href="/analyst/youth/interests.csv?lang=id"',
    ):
        assert words in text, words
    assert 'id="interests-32"' in text and "Pemuda Contoh" not in text and "None" not in text
    label = load_taxonomy().isco_group(rows[0].groups[0].group).label_id
    assert label and label in text
    english = client.get("/analyst/youth", params={"as_of": AS_OF.isoformat(), "lang": "en"}).text
    for words in (
        "Young people&#39;s interests and the courses on offer",
        "Taught online",
        "West Java",
        "a match is not a plan",
        "Not shown: 10 profiles from 1 provinces",
    ):
        assert words in english, words
    if any(g.group == OTHER for r in rows for g in r.groups):
        assert "kelompok lain" in text and "other groups" in english
    download = client.get("/analyst/youth/interests.csv")
    assert download.headers["content-type"].startswith("text/csv")
    lines = download.text.splitlines()
    assert lines[0] == (
        "province_code,province,profiles,isco_group,group,demand,essential_skills,taught_locally,"
        "taught_online,local_share,online_share,unmet"
    )
    assert len(lines) == 1 + sum(len(r.groups) for r in rows) and re.match(r"32,Jawa Barat,1[05],", lines[1])
    assert "West Java" in client.get("/analyst/youth/interests.csv", params={"lang": "en"}).text
    analyst = {"X-API-Key": create_key(store, "analyst").secret}
    body = client.get("/api/indicators/youth", headers=analyst).json()["interest_supply"]
    published = [(p["province_code"], p["profiles"], p["matches"]) for p in body["provinces"]]
    assert published == [
        (p.province_code, p.profiles, p.matches) for p in interest_supply(store, catalog_for(store)).provinces
    ]
    assert (body["left_out_provinces"], body["left_out_profiles"], body["min_cell"]) == (1, 10, 10)
    assert all(g["group"] is None or len(g["group"]) == 2 for p in body["provinces"] for g in p["groups"])
    assert "Pemuda" not in str(body) and "y1" not in str(body)


def test_youth_supply_demo_profiles(store: Store) -> None:
    first = load_demo(store, postings=0, workers=400, today=AS_OF)
    assert first.profiles > 0
    again = load_demo(store, postings=0, workers=400, today=AS_OF)
    assert again.profiles == 0
    rows = store.backend.execute("SELECT consent_by, key_id, COUNT(*) FROM interest_profiles GROUP BY 1, 2")
    assert [(c, k) for c, k, _ in rows] == [("self", None)] and rows[0][2] == first.profiles
    found = interest_supply(store, catalog_for(store))
    assert len(found.provinces) >= 2 and all(p.profiles >= 10 for p in found.provinces)


def test_youth_supply_demo_widens_to_29_only_when_needed() -> None:
    people = [{"external_id": f"a{i}", "province_code": "32", "birth_year": 2005} for i in range(10)]
    older = [{"external_id": f"b{i}", "province_code": "35", "birth_year": 1999} for i in range(10)]
    assert len(young_workers(people + older, AS_OF)) == 20  # one province of 15-24s: widened
    more = [{"external_id": f"c{i}", "province_code": "31", "birth_year": 2010} for i in range(10)]
    assert len(young_workers(people + more + older, AS_OF)) == 20  # two provinces: 15-24 only
