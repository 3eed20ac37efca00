"""The interest profiler in the web app and API: the questionnaire (with and without JavaScript), its
results, matches opening the existing plan and vacancies, and profiles saved with consent (both stores)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from signing import sign_in

from tangkas.services.imports import import_rows
from tangkas.services.interests import is_adult, journey_matches, profile_from_digits
from tangkas.store import Store
from tangkas.store.keys import create_key
from tangkas.taxonomy import load_taxonomy
from tangkas.web import create_app
from tangkas.web.interests import MAX_OWN_SKILLS, QuestionnairePage, ResultsPage, own_skills
from tangkas.web.pages import PlanPage
from tangkas.youth.profiler import load_items

THIS_YEAR = date.today().year
SOCIAL_ARTISTIC = "".join(
    {"S": "4", "A": "3", "E": "2", "I": "1"}.get(item.area, "0") for item in load_items("short60")
)
"""A young person who likes helping people most, then creative work."""


def _worker(external_id: str, office: str, name: str, birth_year: int | None) -> dict[str, object]:
    row: dict[str, object] = {
        "source": "t",
        "external_id": external_id,
        "office_code": office,
        "full_name": name,
        "province_code": "32",
    }
    if birth_year is not None:
        row["birth_year"] = birth_year
    return row


@pytest.fixture
def client(store: Store) -> TestClient:
    rows = [
        _worker("minor", "BDG", "Dinda Remaja", THIS_YEAR - 16),
        _worker("adult", "BDG", "Bayu Dewasa", THIS_YEAR - 24),
        _worker("unknown", "BDG", "Tanpa Tahun", None),
        _worker("other", "SBY", "Orang Surabaya", THIS_YEAR - 30),
    ]
    import_rows(store, "workers", rows, "test")
    return TestClient(create_app(store))


def _id(store: Store, external_id: str) -> int:
    return int(store.backend.scalar("SELECT id FROM workers WHERE external_id = ?", (external_id,)))


def _sign_in(client: TestClient, store: Store, role: str = "counsellor", office: str | None = "BDG") -> str:
    key = create_key(store, role, office_code=office).secret
    sign_in(client, key)
    return key


def _posted(digits: str, **fields: str) -> dict[str, str]:
    return {"form": "short60", **{f"q{n}": d for n, d in enumerate(digits, start=1) if d != "-"}, **fields}


def _page(response: object) -> object:
    return response.context["page"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ("Kenali minat kerjamu", "Sangat tidak suka", "Seberapa suka kamu melakukan ini?")),
        ("en", ("Discover your work interests", "Strongly dislike", "How much would you like doing this?")),
    ],
)
def test_interest_questionnaire_is_the_whole_form_in_both_languages(
    client: TestClient, lang: str, words: tuple[str, ...]
) -> None:
    response = client.get("/minat", params={"lang": lang})
    assert response.status_code == 200
    for word in words:
        assert word in response.text
    page = _page(response)
    assert isinstance(page, QuestionnairePage) and len(page.items) == 60
    assert response.text.count('type="radio"') == 60 * 5  # every item a radio group: works without JS
    assert 'name="q60"' in response.text and "<fieldset>" in response.text
    assert '<script src="/static/interests.js" defer></script>' in response.text
    assert not re.search(r"<script(?![^>]*\bsrc=)", response.text), "inline scripts are blocked by the CSP"
    assert client.get("/static/interests.js").status_code == 200
    short = client.get("/minat", params={"lang": lang, "form": "mini30"})
    assert short.text.count('type="radio"') == 30 * 5
    assert ("versi singkat" if lang == "id" else "short version") in short.text


def test_interest_start_page_leads_young_people_to_the_questionnaire(client: TestClient) -> None:
    assert 'href="/minat?lang=id"' in client.get("/").text


def test_interest_no_js_form_posts_to_results(client: TestClient) -> None:
    response = client.post("/minat/hasil", data=_posted(SOCIAL_ARTISTIC, education="SMK", province="32"))
    assert response.status_code == 200
    page = _page(response)
    assert isinstance(page, ResultsPage)
    assert page.profile.code == "SAE" and page.profile.scores["S"] == 40
    text = unescape(response.text)
    assert "Kode minatmu: SAE" in text
    assert text.count('class="track"') == 6 and "<svg" in text and ">40</text>" in text  # numbers as text
    assert "Sosial 40/40" in text  # the chart's title reads every score
    assert "Suka membantu, mengajar, merawat" in text and "guru, perawat, bidan" in text
    assert "Catatan tentang jawabanmu" not in text  # a clear profile earns no warning
    assert page.matches and all(m.match.job_zone <= 3 for m in page.matches)
    assert 'data-clear="tangkas-minat"' in text  # the browser forgets the answers once results show


def test_interest_unanswered_items_are_named_and_the_other_answers_kept(client: TestClient) -> None:
    digits = SOCIAL_ARTISTIC[:11] + "-" + SOCIAL_ARTISTIC[12:29] + "-" + SOCIAL_ARTISTIC[30:44] + "-" * 16
    response = client.post("/minat/hasil", data=_posted(digits, q13="9"))
    assert response.status_code == 422
    text = unescape(response.text)
    assert "Masih ada 19 kegiatan yang belum dijawab: nomor 12, 13, 30, 45–60." in text
    assert "Jawabanmu yang lain tetap ada." in text
    page = _page(response)
    assert isinstance(page, QuestionnairePage) and page.problem_items[0] == 12
    first = SOCIAL_ARTISTIC[0]
    assert f'name="q1" value="{first}" checked' in response.text
    assert 'id="butir-12"' in response.text and "interest-item missing" in response.text
    english = client.get("/minat/hasil", params={"a": SOCIAL_ARTISTIC[:59] + "7", "lang": "en"})
    assert english.status_code == 422
    assert "1 activity is not answered yet: number 60." in unescape(english.text)


def test_interest_results_link_is_bookmarkable_and_warns_kindly(client: TestClient) -> None:
    same = "3" * 60
    response = client.get("/minat/hasil", params={"form": "short60", "a": same, "lang": "id"})
    assert response.status_code == 200
    text = unescape(response.text)
    assert "Coba jawab lagi dengan lebih membedakan" in text
    assert "Hampir semua kegiatan kamu beri jawaban yang sama." in text
    assert "Belum ada pekerjaan yang bisa dicocokkan" in text  # six equal scores: nothing to correlate
    assert "/minat?form=short60" in text  # "Jawab lagi"
    english = client.get("/minat/hasil", params={"form": "short60", "a": SOCIAL_ARTISTIC, "lang": "en"})
    assert "Your interest code: SAE" in english.text and "Jobs that fit your interests" in english.text
    assert f"a={SOCIAL_ARTISTIC}" in english.text  # the share link and the language switch keep the answers


def test_interest_stretch_shows_jobs_one_zone_up_marked(client: TestClient) -> None:
    params = {"form": "short60", "a": SOCIAL_ARTISTIC, "education": "SMA"}
    plain = _page(client.get("/minat/hasil", params=params))
    stretched = _page(client.get("/minat/hasil", params={**params, "stretch": "1"}))
    assert isinstance(plain, ResultsPage) and isinstance(stretched, ResultsPage)
    assert not any(m.match.with_training for m in plain.matches)
    assert any(m.match.with_training for m in stretched.matches)
    assert all(m.match.job_zone <= 3 for m in stretched.matches)


def test_interest_matches_open_a_real_plan_and_local_vacancies(client: TestClient, store: Store) -> None:
    profile = profile_from_digits(SOCIAL_ARTISTIC, "short60")
    target = journey_matches(profile, education="SMK")[0].esco[0]
    ads = [{"source": "t", "external_id": "ad1", "title": "Lowongan Uji Minat", "province_code": "32"}]
    import_rows(store, "postings", ads, "test")
    store.backend.execute("UPDATE postings SET occupation_uri = ?", (target.uri,))
    results = client.get("/minat/hasil", params={"a": SOCIAL_ARTISTIC, "education": "SMK", "province": "32"})
    links = [unescape(h) for h in re.findall(r'href="(/plan\?[^"]+)"', results.text)]
    assert len(links) >= 2 and links[1] == links[0] + "#lowongan"
    plan = client.get(links[0])
    assert plan.status_code == 200
    page = _page(plan)
    assert isinstance(page, PlanPage)
    assert page.target.uri == target.uri and page.filters.province == "32" and not page.filters.occupations
    assert page.gap_essential > 0  # from no work history every essential skill is to learn
    assert "Belum ada riwayat kerja" in plan.text
    vacancies = client.get(links[1].split("#")[0])
    assert 'id="lowongan"' in vacancies.text and "Lowongan Uji Minat" in vacancies.text
    [pathways] = [unescape(h) for h in re.findall(r'href="(/minat/jalur\?[^"]+)"', results.text)]
    assert "province=32" in pathways and pathways.count("occupation=") == len(links) // 2
    assert f"occupation={quote(target.uri, safe='')}" in pathways  # the best match first
    digital = client.get(pathways)
    assert digital.status_code == 200 and "Jalur digital" in digital.text


def _gap_names(page: object, lang: str = "id") -> set[str]:
    assert isinstance(page, PlanPage)
    return {s.name(lang) for s in page.gap_names.values()}


def test_interest_own_skills_are_read_as_the_journey_reads_them() -> None:
    found = own_skills([], "berempati, mendengarkan, asdfgh")
    assert [s.label("id") for s in found.skills] == ["berempati"]  # sure (score 0.86): added
    sure, unsure, none = found.readings
    assert sure.added is not None and sure.added.label("id") == "berempati"
    assert unsure.added is None and "mendengarkan secara aktif" in [c.label("id") for c in unsure.choices]
    assert (none.added, none.choices) == (None, ())
    listen = next(c for c in unsure.choices if c.label("id") == "mendengarkan secara aktif")
    assert found.plus(listen.uri) == (sure.added.uri, listen.uri)
    assert found.without(sure.added.uri) == ()
    other = sure.choices[0].uri  # "Bukan itu maksudmu? Ganti dengan: ..."
    assert found.instead(sure.added.uri, other) == (other,)
    again = own_skills([*found.uris, "http://example.org/not-a-skill", *found.uris], "berempati")
    assert again.uris == found.uris  # unknown and repeated skills dropped, nothing added twice
    tax = load_taxonomy()
    many = [s.uri for s in tax.skills[: MAX_OWN_SKILLS + 3]]
    full = own_skills(many, "berempati")
    assert len(full.skills) == MAX_OWN_SKILLS and full.too_many and not full.readings


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "id",
            ("Yang sudah bisa kamu lakukan", "“berempati” ditambahkan.", "belum yakin", "Hapus berempati"),
        ),
        ("en", ("What you can already do", "We read", "not sure", "Remove relate empathetically")),
    ],
)
def test_interest_own_skills_ride_into_every_plan(
    client: TestClient, lang: str, words: tuple[str, ...]
) -> None:
    params = {"a": SOCIAL_ARTISTIC, "education": "SMK", "province": "32", "lang": lang}
    results = client.get("/minat/hasil", params={**params, "add_skill": "berempati, mendengarkan"})
    assert results.status_code == 200
    text = unescape(results.text)
    for word in words:
        assert word in text, word
    page = _page(results)
    assert isinstance(page, ResultsPage)
    [empathise] = page.own.uris
    plans = [unescape(h) for h in re.findall(r'href="(/plan\?[^"]+)"', results.text)]
    assert len(plans) == 2 * len(page.matches)
    assert all(f"skill={quote(empathise, safe='')}" in plan for plan in plans)
    [pathways] = [unescape(h) for h in re.findall(r'href="(/minat/jalur\?[^"]+)"', results.text)]
    assert f"skill={quote(empathise, safe='')}" in pathways  # and into the digital pathways
    assert f'name="skill" value="{empathise}"' in results.text  # the education form and "add" keep it
    assert "skill=" in page.query  # so do the share link and the language switch
    choice = next(c for c in page.own.readings[1].choices if c.label("id") == "mendengarkan secara aktif")
    picked = client.get(f"/minat/hasil?{page.with_skills(page.own.plus(choice.uri))}&lang={lang}")
    picked_page = _page(picked)
    assert isinstance(picked_page, ResultsPage) and picked_page.own.uris == (empathise, choice.uri)
    assert not picked_page.own.readings  # nothing typed this time: no reading shown again
    removed = _page(client.get(f"/minat/hasil?{page.with_skills(page.own.without(empathise))}"))
    assert isinstance(removed, ResultsPage) and removed.own.uris == ()


def test_interest_own_skills_leave_the_plans_gap(client: TestClient) -> None:
    params = {"a": SOCIAL_ARTISTIC, "education": "SMK", "province": "32"}
    plain = _page(client.get("/minat/hasil", params=params))
    assert isinstance(plain, ResultsPage)
    before = _gap_names(_page(client.get(f"/plan?{plain.matches[0].plan}")))
    assert {"berempati", "mendengarkan secara aktif"} <= before  # from no work history: both to learn
    tax = load_taxonomy()
    own = [tax.skill("relate empathetically").uri, tax.skill("listen actively").uri]
    results = _page(client.get("/minat/hasil", params={**params, "skill": own}))
    assert isinstance(results, ResultsPage) and results.matches[0].link == plain.matches[0].link
    plan = client.get(f"/plan?{results.matches[0].plan}")  # the match's own link, skills in it
    after = _gap_names(_page(plan))
    assert before - after == {"berempati", "mendengarkan secara aktif"} and after < before
    assert 'id="own-skills"' in plan.text and "Belum ada riwayat kerja" in plan.text
    assert "<strong>berempati</strong>" in plan.text and "no-work-history" not in plan.text
    printed = client.get("/plan/print", params={"to": plain.matches[0].link.uri, "skill": own, "lang": "en"})
    assert "These skills are already mastered" in printed.text
    assert "relate empathetically, listen actively" in printed.text


def test_interest_save_needs_a_counsellor_and_consent(client: TestClient, store: Store) -> None:
    anonymous = client.get("/minat/hasil", params={"a": SOCIAL_ARTISTIC})
    assert "Simpan ke data pekerja" not in anonymous.text
    assert (
        client.post("/minat/simpan", data={"worker": 1, "form": "short60", "a": SOCIAL_ARTISTIC}).status_code
        == 401
    )
    _sign_in(client, store)
    results = client.get("/minat/hasil", params={"a": SOCIAL_ARTISTIC, "education": "SMK"})
    assert "Simpan ke data pekerja" in results.text and "Dinda Remaja" in results.text
    assert "Orang Surabaya" not in results.text  # only the counsellor's own office
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', results.text)
    assert csrf
    adult, minor, unknown = _id(store, "adult"), _id(store, "minor"), _id(store, "unknown")

    def save(worker: int, consent: str) -> object:
        form = {"worker": worker, "form": "short60", "a": SOCIAL_ARTISTIC, "education": "SMK"}
        return client.post(
            "/minat/simpan",
            data={**form, "consent_by": consent, "csrf": csrf.group(1)},
            follow_redirects=False,
        )

    missing = save(adult, "")
    assert missing.status_code == 409 and "Pilih dulu siapa yang memberi persetujuan" in missing.text  # type: ignore[attr-defined]
    refused = save(minor, "self")
    assert refused.status_code == 409  # type: ignore[attr-defined]
    assert "belum 18 tahun" in unescape(refused.text) and "Kode minatmu: SAE" in refused.text  # type: ignore[attr-defined]
    unsure = save(unknown, "self")
    assert unsure.status_code == 409 and "tahun lahir belum dicatat" in unsure.text  # type: ignore[attr-defined]
    assert store.backend.scalar("SELECT COUNT(*) FROM interest_profiles") == 0
    assert store.backend.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'interest_refused'") == 3
    assert save(adult, "self").status_code == 303  # type: ignore[attr-defined]
    guardian = save(minor, "guardian")
    assert guardian.status_code == 303  # type: ignore[attr-defined]
    assert guardian.headers["location"].startswith(f"/workers/{minor}")  # type: ignore[attr-defined]
    rows = store.backend.query(
        "SELECT worker_id, form, answers, code, education, consent_by, consent_recorded_at, key_id "
        "FROM interest_profiles ORDER BY id"
    )
    assert [(r["worker_id"], r["consent_by"], r["code"]) for r in rows] == [
        (adult, "self", "SAE"),
        (minor, "guardian", "SAE"),
    ]
    assert rows[1]["answers"] == SOCIAL_ARTISTIC and rows[1]["education"] == "SMK"
    assert rows[1]["consent_recorded_at"] is not None and rows[1]["key_id"] is not None
    record = client.get(f"/workers/{minor}")
    assert "Profil minat" in record.text and "persetujuan orang tua/wali" in record.text
    shown = re.search(rf'href="(/workers/{minor}/minat/\d+)\?lang=id"', record.text)
    assert shown
    opened = client.get(shown.group(1))
    assert opened.status_code == 200 and "Disimpan untuk Dinda Remaja" in opened.text
    assert "Simpan ke data pekerja" not in opened.text
    actions = [r[0] for r in store.backend.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions.count("save_interest_profile") == 2 and actions.count("read_interest_profiles") >= 2
    details = [
        str(r[0]) for r in store.backend.execute("SELECT detail FROM audit_log WHERE detail IS NOT NULL")
    ]
    assert not any(SOCIAL_ARTISTIC in d or "SAE" in d for d in details)  # ids only, never the profile


def test_interest_profiles_stay_in_the_office(client: TestClient, store: Store) -> None:
    admin = create_key(store, "admin").secret
    other = _id(store, "other")
    body = {"form": "short60", "answers": [int(d) for d in SOCIAL_ARTISTIC], "consent_by": "self"}
    saved = client.post(f"/api/workers/{other}/interest-profiles", json=body, headers={"X-API-Key": admin})
    assert saved.status_code == 201
    _sign_in(client, store)
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/workers").text)
    assert csrf
    form = {
        "worker": other,
        "form": "short60",
        "a": SOCIAL_ARTISTIC,
        "consent_by": "self",
        "csrf": csrf.group(1),
    }
    assert client.post("/minat/simpan", data=form).status_code == 404
    assert client.get(f"/workers/{other}/minat/{saved.json()['id']}").status_code == 404
    analyst = create_key(store, "analyst").secret
    listed = client.get(f"/api/workers/{other}/interest-profiles", headers={"X-API-Key": analyst})
    assert listed.status_code == 403
    bdg = create_key(store, "counsellor", office_code="BDG").secret
    assert (
        client.get(f"/api/workers/{other}/interest-profiles", headers={"X-API-Key": bdg}).status_code == 404
    )
    assert store.backend.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'denied'") >= 3


def test_interest_api_scores_and_stores_with_consent(client: TestClient, store: Store) -> None:
    key = create_key(store, "counsellor", office_code="BDG").secret
    headers = {"X-API-Key": key}
    answers = [int(d) for d in SOCIAL_ARTISTIC]
    scored = client.post(
        "/api/interests/score",
        json={"form": "short60", "answers": answers, "education": "SMA", "limit": 3, "lang": "en"},
        headers=headers,
    )
    assert scored.status_code == 200
    body = scored.json()
    assert body["code"] == "SAE" and body["scores"]["S"] == 40 and len(body["matches"]) == 3
    assert all(m["job_zone"] <= 2 and m["esco"] and m["why"] for m in body["matches"])
    assert (
        client.post("/api/interests/score", json={"form": "short60", "answers": answers}).status_code == 401
    )
    short = client.post("/api/interests/score", json={"form": "mini30", "answers": answers}, headers=headers)
    assert short.status_code == 422
    assert store.backend.scalar("SELECT COUNT(*) FROM interest_profiles") == 0  # scoring stores nothing
    minor = _id(store, "minor")
    path = f"/api/workers/{minor}/interest-profiles"
    refused = client.post(
        path, json={"form": "short60", "answers": answers, "consent_by": "self"}, headers=headers
    )
    assert refused.status_code == 409 and "under 18" in refused.json()["error"]["message"]
    stored = client.post(
        path,
        json={"form": "short60", "answers": answers, "consent_by": "guardian", "education": "SMK"},
        headers=headers,
    )
    assert stored.status_code == 201
    assert stored.json()["consent_by"] == "guardian" and stored.json()["code"] == "SAE"
    listed = client.get(path, headers=headers).json()
    assert [p["id"] for p in listed["items"]] == [stored.json()["id"]]
    assert listed["items"][0]["answers"] == answers


def test_interest_profiles_are_exported_and_erased(client: TestClient, store: Store) -> None:
    key = create_key(store, "counsellor", office_code="BDG").secret
    headers = {"X-API-Key": key}
    adult = _id(store, "adult")
    body = {"form": "short60", "answers": [int(d) for d in SOCIAL_ARTISTIC], "consent_by": "self"}
    assert (
        client.post(f"/api/workers/{adult}/interest-profiles", json=body, headers=headers).status_code == 201
    )
    exported = client.get(f"/api/workers/{adult}/export", headers=headers).json()
    assert [p["code"] for p in exported["interest_profiles"]] == ["SAE"]
    assert client.delete(f"/api/workers/{adult}", headers=headers).status_code == 204
    assert store.backend.scalar("SELECT COUNT(*) FROM interest_profiles") == 0


def test_interest_age_rule_reads_the_birth_year_and_the_nik() -> None:
    today = date(2026, 6, 1)
    assert is_adult({"birth_year": 2008, "nik": "3273014409080007"}, today) is False  # 4 Sep 2008, a woman
    assert is_adult({"birth_year": 2008, "nik": "3273010106080007"}, today) is True  # 1 June 2008
    assert is_adult({"birth_year": 2008, "nik": "3273010106090007"}, today) is None  # NIK disagrees
    assert is_adult({"birth_year": 2009}, today) is False
