"""The gender view: one-sex local ads on a worker's recommendations, workers' figures by gender and
province under disclosure control (service, API, page, CSV), and the national figures by sex."""

from __future__ import annotations

import csv
import io
import math
import random
import re
from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient
from signing import sign_in

from tangkas.fairness.ads import rules
from tangkas.fairness.labour import figures_by_sex, national_figures
from tangkas.services import gender
from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.keys import create_key
from tangkas.store.queries import erase_worker
from tangkas.store.stats import (
    CLOSED_DOMAINS,
    KEY_MODULUS,
    MIN_CELL,
    ROUNDING_BASE,
    GroupCount,
    protect_counts,
)
from tangkas.web import create_app
from tangkas.web.gender import GenderPage
from tangkas.web.pages import RecommendationsPage

TAILOR = "7531.5"
OPERATOR = "8153.1"
"""Sewing machine operator: a move every tailor is offered."""
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def _uri(code: str) -> str:
    from tangkas.taxonomy import load_taxonomy

    return load_taxonomy().occupation(code).uri


def _ads(
    store: Store,
    code: str,
    province: str,
    *,
    checked: int,
    male: int = 0,
    female: int = 0,
    unchecked: int = 0,
) -> None:
    """``checked`` ads the checker has read (``male`` + ``female`` of them ask for one sex) and
    ``unchecked`` ones it has not, for one occupation in one province; the checker's columns are set
    directly, whatever an import does."""
    start = int(store.backend.scalar("SELECT COUNT(*) FROM postings"))
    rows = [
        {"source": "t", "external_id": f"ad{start + i}", "title": "Operator jahit", "province_code": province}
        for i in range(checked + unchecked)
    ]
    assert import_rows(store, "postings", rows, "t").ok
    ids = [i for (i,) in store.backend.execute("SELECT id FROM postings ORDER BY id")][start:]
    sexes = ["male"] * male + ["female"] * female + [None] * (checked - male - female)
    for posting, sex in zip(ids, sexes + [None] * unchecked, strict=True):
        rules_version = "test" if posting in ids[:checked] else None
        store.backend.execute(
            "UPDATE postings SET occupation_uri = ?, ad_rules = ?, ad_one_sex = ?, ad_sex = ? WHERE id = ?",
            (_uri(code), rules_version, sex, sex is not None, posting),
        )


def _recommendations(client: TestClient, province: str = "32", lang: str = "id") -> Any:
    response = client.get("/recommendations", params={"occ": TAILOR, "province": province, "lang": lang})
    assert response.status_code == 200
    return response


def _page(response: Any) -> RecommendationsPage:
    page = response.context["page"]
    assert isinstance(page, RecommendationsPage)
    return page


def _notes(response: Any) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", n).split())
        for n in re.findall(r'<div class="notice one-sex" role="note">(.*?)</div>', response.text, re.S)
    ]


def test_gender_note_tells_how_many_local_ads_ask_for_men_only_with_the_law(store: Store) -> None:
    _ads(store, OPERATOR, "32", checked=10, male=7)
    client = TestClient(create_app(store))
    response = _recommendations(client)
    page = _page(response)
    assert _uri(OPERATOR) in [r.occupation.uri for r in page.recommendations]
    assert page.one_sex == {_uri(OPERATOR): gender.OneSexNote(10, 0, 7)}
    law = rules()[2]["uu13_p5"]
    assert page.law == law.text_id
    [note] = _notes(response)
    assert note == (
        "7 dari 10 iklan untuk pekerjaan ini di Jawa Barat hanya meminta pelamar laki-laki. "
        f"{law.text_id} Pekerja boleh tetap melamar, dan Anda dapat melaporkan iklan seperti ini ke "
        "pengawas ketenagakerjaan."
    )
    english = _notes(_recommendations(client, lang="en"))
    assert english[0].startswith("7 of 10 ads for this job in West Java ask for men only. " + law.text_en)
    fragment = client.get(
        "/fragments/recommendations", params={"occ": TAILOR, "province": "32", "lang": "id"}
    )
    assert _notes(fragment) == [note]


def test_gender_note_names_both_sexes_when_ads_ask_for_either(store: Store) -> None:
    _ads(store, OPERATOR, "32", checked=10, female=3, male=4)
    [note] = _notes(_recommendations(TestClient(create_app(store))))
    assert note.startswith(
        "7 dari 10 iklan untuk pekerjaan ini di Jawa Barat hanya meminta satu jenis kelamin "
        "(3 hanya perempuan, 4 hanya laki-laki)."
    )


@pytest.mark.parametrize(
    ("checked", "one_sex", "unchecked"),
    [(4, 4, 0), (10, 5, 0), (4, 4, 6)],
    ids=["under-the-minimum", "half-is-not-most", "unchecked-ads-do-not-count"],
)
def test_gender_note_not_shown_without_enough_checked_ads_or_a_majority(
    store: Store, checked: int, one_sex: int, unchecked: int
) -> None:
    assert gender.ONE_SEX_MIN_ADS == 5
    _ads(store, OPERATOR, "32", checked=checked, male=one_sex, unchecked=unchecked)
    store.backend.execute("UPDATE postings SET ad_one_sex = 'male' WHERE ad_rules IS NULL")
    response = _recommendations(TestClient(create_app(store)))
    assert _page(response).one_sex == {} and _notes(response) == []


def test_gender_note_counts_only_the_workers_province(store: Store) -> None:
    _ads(store, OPERATOR, "33", checked=10, male=10)
    client = TestClient(create_app(store))
    assert _notes(_recommendations(client, "32")) == []
    assert len(_notes(_recommendations(client, "33"))) == 1
    assert _notes(client.get("/recommendations", params={"occ": TAILOR})) == []  # no province: no note


def test_gender_note_never_changes_the_ranking(store: Store) -> None:
    _ads(store, OPERATOR, "32", checked=10, male=8)
    client = TestClient(create_app(store))
    with_note = _page(_recommendations(client))
    store.backend.execute("UPDATE postings SET ad_one_sex = NULL, ad_sex = FALSE")
    without = _page(_recommendations(client))
    assert with_note.one_sex and not without.one_sex
    assert with_note.recommendations == without.recommendations


def test_gender_note_asks_the_store_once_for_every_recommended_occupation(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ads(store, OPERATOR, "32", checked=6, male=6)
    _ads(store, "7531.2", "32", checked=5, female=5)
    calls: list[str] = []
    execute = store.backend.execute
    monkeypatch.setattr(store.backend, "execute", lambda sql, *a: calls.append(sql) or execute(sql, *a))
    uris = [_uri(code) for code in (OPERATOR, "7531.2", "7533.5", "7533.2", "9121.2")]
    notes = gender.one_sex_notes(store, uris, "32")
    assert len(calls) == 1
    assert notes == {_uri(OPERATOR): gender.OneSexNote(6, 0, 6), _uri("7531.2"): gender.OneSexNote(5, 5, 0)}


def _worker(
    i: int, sex: str | None, province: str = "32", office: str = "BDG", **more: object
) -> dict[str, object]:
    return {
        "source": "t",
        "external_id": f"w{i}",
        "office_code": office,
        "full_name": f"Pekerja {i}",
        "gender": sex,
        "birth_year": 1990,
        "province_code": province,
        "occupations": TAILOR,
        **more,
    }


def test_gender_note_is_the_same_for_a_woman_and_a_man(store: Store) -> None:
    """The counsellor opens each worker's record and follows it to their moves: the note is about the
    market, so a woman and a man in the same province and trade see the same one."""
    _ads(store, OPERATOR, "32", checked=10, male=7)
    import_rows(store, "workers", [_worker(1, "F"), _worker(2, "M")], "t")
    client = TestClient(create_app(store))
    assert sign_in(client, create_key(store, "counsellor", office_code="BDG").secret).status_code == 303
    shown = []
    for worker_id in [i for (i,) in store.backend.execute("SELECT id FROM workers ORDER BY id")]:
        record = client.get(f"/workers/{worker_id}")
        link = re.search(r'id="see-options" href="([^"]+)"', record.text)
        assert link, record.text
        shown.append(_notes(client.get(link.group(1).replace("&amp;", "&"))))
    assert shown[0] == shown[1] and len(shown[0]) == 1 and shown[0][0].startswith("7 dari 10 iklan")


# --- workers' figures by gender and province ----------------------------------------------------------


def _population(store: Store) -> dict[str, Counter[tuple[str, str | None]]]:
    """Workers in three provinces (the third too small to show), one erased, some in training and with
    saved plans; the true count of each measure by (province, gender)."""
    rng = random.Random(17)
    rows, truth = (
        [],
        {m: Counter[tuple[str, str | None]]() for m in gender.MEASURES},
    )
    plan = [
        ("32", "F", 40),
        ("32", "M", 35),
        ("32", "X", 2),
        ("33", "F", 25),
        ("33", "M", 22),
        ("35", "F", 3),
        ("35", "M", 2),
    ]
    for province, sex, n in plan:
        for _ in range(n):
            rows.append(_worker(len(rows), sex, province))
    import_rows(store, "workers", rows, "t")
    ids = {str(e): i for i, e in store.backend.execute("SELECT id, external_id FROM workers")}
    erased = ids["w0"]
    assert erase_worker(store, erased)
    for number, row in enumerate(rows):
        worker_id, key = ids[f"w{number}"], (str(row["province_code"]), row["gender"])
        if worker_id == erased:
            continue
        truth["registered"][key] += 1
        if rng.random() < 0.6:
            done = rng.random() < 0.5
            status, on = (
                ("completed", None)
                if done and rng.random() < 0.5
                else ("enrolled", "2026-01-05" if done else None)
            )
            placed = done and rng.random() < 0.6
            later = placed and rng.random() < 0.2  # a job after the day counted: not yet placed
            store.backend.execute(
                "INSERT INTO enrolments (source, external_id, worker_id, course_id, status, completed_on, "
                "placed, placed_on) VALUES ('t', ?, ?, 1, ?, ?, ?, ?)",
                (f"e{worker_id}", worker_id, status, on, placed, "2999-01-01" if later else None),
            )
            truth["placed"][key] += placed and not later
            if rng.random() < 0.3:  # a second course counts the person once
                store.backend.execute(
                    "INSERT INTO enrolments (source, external_id, worker_id, course_id, status) "
                    "VALUES ('t', ?, ?, 2, 'enrolled')",
                    (f"e{worker_id}-2", worker_id),
                )
            truth["enrolled"][key] += 1
            truth["completed"][key] += done
        if rng.random() < 0.25:
            store.backend.execute(
                "INSERT INTO saved_plans (worker_id, occupations, target_uri, created_at) "
                "VALUES (?, 'x', 'y', CURRENT_TIMESTAMP)",
                (worker_id,),
            )
            truth["saved_plan"][key] += 1
    return truth


def _true(truth: Counter[tuple[str, str | None]], province: str | None, sex: str | None = "*") -> int:
    return sum(n for (p, g), n in truth.items() if province in (None, p) and sex in ("*", g))


def test_gender_figures_hide_small_groups_and_protect_every_total(store: Store) -> None:
    truth = _population(store)
    figures = gender.gender_figures(store)
    assert [m.measure for m in figures.measures] == [
        "registered",
        "enrolled",
        "completed",
        "placed",
        "saved_plan",
    ]
    for measure in figures.measures:
        counts = truth[measure.measure]
        assert [p.province_code for p in measure.provinces] == ["32", "33"]  # 35 has too few to show
        for place in measure.places:
            published = place.counts
            true_total = _true(counts, place.province_code)
            if published.total is None:
                assert true_total < MIN_CELL and not published.cells
                continue
            assert published.total % ROUNDING_BASE == 0 and abs(published.total - true_total) < ROUNDING_BASE
            for cell in published.cells:
                true = _true(counts, place.province_code, cell.group)
                assert cell.group != "X" and cell.count >= MIN_CELL and cell.count % ROUNDING_BASE == 0
                assert abs(cell.count - true) < ROUNDING_BASE and true > MIN_CELL - ROUNDING_BASE
            shown = sum(c.count for c in published.cells)
            if published.hidden_groups:
                assert (
                    published.hidden_count == published.total - shown >= MIN_CELL
                )  # no small group from the total
            else:
                assert published.hidden_count is None
    national = figures.measure("registered").national
    women, men, hidden = national.count("F"), national.count("M"), national.counts.hidden_count
    assert women is not None  # women stay in view
    # the small X group is hidden with enough beside it: men, unless the rounded figures alone already
    # leave 10 or more hidden (the coin is drawn from random record keys, so either can happen)
    assert hidden is not None and hidden >= MIN_CELL
    if men is not None:
        assert national.counts.total == women + men + hidden
    assert gender.gender_figures(store) == figures  # the same people, the same figures


def test_gender_figures_leave_out_erased_workers(store: Store) -> None:
    import_rows(store, "workers", [_worker(i, "F") for i in range(12)], "t")
    assert gender.gender_figures(store).measure("registered").national.counts.total in (10, 15)
    for (worker_id,) in store.backend.execute("SELECT id FROM workers ORDER BY id LIMIT 9"):
        erase_worker(store, worker_id)
    assert gender.gender_figures(store).measure("registered").national.counts.total is None  # 3 left


def test_gender_figures_csv_has_every_place_and_group_with_hidden_figures_empty(store: Store) -> None:
    _population(store)
    figures = gender.gender_figures(store)
    rows = list(csv.DictReader(io.StringIO(gender.gender_figures_csv(figures, "en"))))
    assert tuple(rows[0]) == gender.CSV_COLUMNS
    assert len(rows) == 5 * 3 * 6  # measures x (Indonesia, 32, 33) x (F, M, X, unknown, hidden, total)
    national = {
        r["group"]: r["count"] for r in rows if r["measure"] == "registered" and not r["province_code"]
    }
    assert national["X"] == "" and national["total"] == str(
        figures.measure("registered").national.counts.total
    )
    assert {r["province"] for r in rows} == {"Indonesia", "West Java", "Central Java"}


BOUND = 0.5 + (1 - (1 - 3 / 25) ** 2) / 2
"""As in tests/test_disclosure.py: the most a test of two snapshots may win when one person joins."""


def test_gender_the_page_beside_the_api_does_not_tell_a_new_persons_gender() -> None:
    """The page keeps women in view where ``/api/stats/workers?by=gender`` may show men instead, so the two
    together show both large groups: their total minus both estimates the small ones. Every figure is
    rounded afresh when someone joins, so the differencing game of tests/test_disclosure.py (is the new
    person of gender X or a woman?) is still not won more often than one figure's rounding allows."""

    def tables(people: list[tuple[str, int]]) -> tuple[int | None, dict[str | None, int]]:
        groups: dict[str, list[int]] = {}
        for sex, key in people:
            groups.setdefault(sex, [0, 0])
            groups[sex][0] += 1
            groups[sex][1] += key
        found = [GroupCount(g, n, k) for g, (n, k) in groups.items()]
        api = protect_counts("gender", found, CLOSED_DOMAINS["gender"])
        page = protect_counts("gender", found, CLOSED_DOMAINS["gender"], keep=gender.KEEP)
        return api.total, {c.group: c.count for c in (*api.cells, *page.cells)}

    wins, games, both = Counter[str](), 1500, 0
    for trial in range(games):
        rng = random.Random(trial)
        people = [
            (rng.choices("FMX", [44, 55, 1])[0], rng.randrange(KEY_MODULUS))
            for _ in range(rng.randrange(190, 211))
        ]
        unusual = rng.random() < 0.5
        before, after = (
            tables(people),
            tables([*people, ("X" if unusual else "F", rng.randrange(KEY_MODULUS))]),
        )
        rest = [t - s.get("F", t) - s.get("M", t) if t is not None else 0 for t, s in (before, after)]
        wins["small groups grew"] += (rest[1] > rest[0]) == unusual
        women = [s.get("F", 0) for _, s in (before, after)]
        wins["women did not grow"] += (women[1] <= women[0]) == unusual
        both += "M" in before[1] and "F" in before[1]
    assert both > games / 2  # mostly the case that matters: both large groups in view
    best = max(wins.values()) / games
    assert best < BOUND + 3 * math.sqrt(0.25 / games), wins


# --- API and page ---------------------------------------------------------------------------------------


def test_gender_api_publishes_protected_tables_and_the_national_figures(store: Store) -> None:
    _population(store)
    client = TestClient(create_app(store))
    analyst = {"X-API-Key": create_key(store, "analyst").secret}
    answer = client.get("/api/stats/gender", headers=analyst)
    assert answer.status_code == 200
    body = answer.json()
    assert (
        "cell key" in body["method"]
        and body["min_cell"] == MIN_CELL
        and body["max_error"] == ROUNDING_BASE - 1
    )
    figures = gender.gender_figures(store)
    assert [(t["measure"], t["province_code"]) for t in body["tables"]] == [
        (m.measure, p.province_code) for m in figures.measures for p in m.places
    ]
    assert body["tables"][0]["total"] == figures.measure("registered").national.counts.total
    assert all(c["count"] >= MIN_CELL for t in body["tables"] for c in t["cells"])
    assert {
        (f["sex"], f["value"])
        for f in body["national"]
        if f["indicator"] == "labour_force_participation_rate"
    } == {("male", 84.66), ("female", 56.42), ("total", 70.63)}
    assert all(f["source"].startswith("http") for f in body["national"])


def test_gender_api_roles_and_unknown_parameters(store: Store) -> None:
    client = TestClient(create_app(store))
    for role, status in (("analyst", 200), ("counsellor", 200), ("admin", 200), ("provider", 403)):
        key = create_key(
            store,
            role,
            office_code="BDG" if role == "counsellor" else None,
            provider="P" if role == "provider" else None,
        )
        assert client.get("/api/stats/gender", headers={"X-API-Key": key.secret}).status_code == status, role
    assert client.get("/api/stats/gender").status_code == 401
    analyst = {"X-API-Key": create_key(store, "analyst").secret}
    refused = client.get("/api/stats/gender", params={"provinsi": "32"}, headers=analyst)
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == [
        {"field": "query.provinsi", "message": "unknown query parameter"}
    ]
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/stats/gender"]["get"]
    assert {"401", "403", "422"} <= set(operation["responses"])
    assert "GenderStatsOut" in spec["components"]["schemas"]


def test_gender_page_draws_the_figures_with_dashes_and_the_national_context(store: Store) -> None:
    _population(store)
    client = TestClient(create_app(store))
    response = client.get("/analyst/gender")
    assert response.status_code == 200 and response.template.name == "analyst_gender.html"  # type: ignore[attr-defined]
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, GenderPage)
    assert [c.measure for c in page.charts] == ["registered", "enrolled", "completed", "placed", "saved_plan"]
    assert [p.label for p in page.charts[0].places] == ["Indonesia", "Jawa Barat", "Jawa Tengah"]
    text = response.text
    assert "Pekerja terdaftar" in text and "<svg" in text and "—" in text and "gabungan" in text
    assert "84,66%" in text and "56,42%" in text and "28,24 poin persen" in text
    assert 'href="http://feed.ilidea.com/index.php/Index/details.html?id=7322285"' in text
    assert "Sumber: BPS, Sakernas Agu 2024, seperti dikutip di" in text and not INLINE.search(text)
    assert not re.search(r"\bNone\b|\bquoting\b|\bAug\b", re.sub(r"<[^>]+>", " ", text))  # no English left
    english = client.get("/analyst/gender", params={"lang": "en"}).text
    assert "Registered workers" in english and "84.66%" in english and "West Java" in english
    workers = client.get("/analyst/gender/workers.csv", params={"lang": "en"})
    assert (
        workers.headers["content-type"].startswith("text/csv")
        and "attachment" in workers.headers["content-disposition"]
    )
    assert workers.text.splitlines()[0] == "measure,province_code,province,group,count"
    national = client.get("/analyst/gender/national.csv").text
    assert (
        national.startswith("indicator,geography,sex,period,value,unit,source,note") and "84.66" in national
    )
    assert client.get("/analyst/gender/other.csv").status_code == 422


def test_gender_page_of_an_empty_store_says_there_is_too_little_yet(store: Store) -> None:
    response = TestClient(create_app(store)).get("/analyst/gender")
    assert response.status_code == 200
    assert response.text.count("Belum ditampilkan: kurang dari 10 orang.") == 5


def test_gender_national_figures_keep_their_sources() -> None:
    rows = national_figures()
    assert all(row.urls and row.geography == "Indonesia" for row in rows)
    participation = figures_by_sex()[0]
    assert (participation.male, participation.female, participation.period) == (84.66, 56.42, "2024-08")
    assert {f.indicator for f in figures_by_sex()} == {
        "labour_force_participation_rate",
        "open_unemployment_rate",
        "youth_neet_rate_15_24",
    }
