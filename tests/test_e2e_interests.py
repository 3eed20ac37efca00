"""End-to-end in real Chromium at phone width (375 px): a young person answers the whole 60-item interest
questionnaire one activity a screen, by tapping and by keyboard, reloads in the middle without losing
anything, reads the results (chart and matched jobs) and follows a job to its training plan; a counsellor
saves a minor's result with a guardian's consent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from test_e2e_browser import ARGS, ARTIFACTS, CHROMIUM, SIZES, _need_chromium, _serving

from tangkas.services.imports import import_rows
from tangkas.services.interests import journey_matches, profile_from_digits
from tangkas.store import Store, open_store
from tangkas.store.keys import create_key
from tangkas.youth.profiler import load_items

ANSWERS = "".join(
    {"S": "4", "A": "3", "E": "2", "I": "1"}.get(item.area, "0") for item in load_items("short60")
)
"""Likes helping people most, then creative work (code SAE)."""
PHONE = SIZES["phone"]
WORDS = {
    "id": {
        "progress": "{n} dari 60",
        "submit": "Lihat hasil",
        "code": "Kode minatmu: SAE",
        "plan": "Rencana pelatihan",
    },
    "en": {
        "progress": "{n} of 60",
        "submit": "See my results",
        "code": "Your interest code: SAE",
        "plan": "Training plan",
    },
}


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Store]]:
    """A real server whose store has a vacancy in West Java for the young person's best match, and a
    16-year-old registered at the counsellor's office."""
    _need_chromium()
    store = open_store("duckdb:///:memory:")
    store.migrate()
    best = journey_matches(profile_from_digits(ANSWERS, "short60"), education="SMK")[0].esco[0]
    ads = [{"source": "e2e", "external_id": "ad1", "title": "Instruktur Senam (uji)", "province_code": "32"}]
    import_rows(store, "postings", ads, "e2e")
    store.backend.execute("UPDATE postings SET occupation_uri = ?", (best.uri,))
    young = {
        "source": "e2e",
        "external_id": "w1",
        "office_code": "BDG",
        "full_name": "Dinda Lestari",
        "birth_year": date.today().year - 16,
        "province_code": "32",
    }
    import_rows(store, "workers", [young], "e2e")
    with _serving(store) as url:
        yield url, store


def _browser_page(playwright: Any) -> tuple[Any, Any, list[str]]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return browser, page, problems


def _no_sideways_scroll(page: Any) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"the page scrolls sideways ({wide}px)"


def _expect_position(page: Any, lang: str, n: int) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#interest-position")).to_have_text(WORDS[lang]["progress"].format(n=n))


def _tap(page: Any, lang: str, numbers: range) -> None:
    for n in numbers:
        value = int(ANSWERS[n - 1])
        page.locator(".interest-item.current label.answer").nth(value).click()
        if n < 60:
            _expect_position(page, lang, n + 1)


def _results_and_plan(page: Any, lang: str, shot: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", level=2, name=WORDS[lang]["code"])).to_be_visible()
    chart = page.locator("svg.interest-chart")
    expect(chart).to_be_visible()
    widths = chart.locator("rect.bar").evaluate_all("rs => rs.map(r => r.getBBox().width)")
    assert len(widths) == 6 and max(widths) == 150  # Sosial 40/40 fills its bar
    assert page.locator(".interest-match").count() == 10
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tangkas-minat')).length") == 0
    _no_sideways_scroll(page)
    page.screenshot(path=ARTIFACTS / f"interests-4-results-{lang}-{shot}-phone.png", full_page=True)
    for part, name in ((".interest-profile", "4a-profile"), (".interest-match >> nth=0", "4b-first-match")):
        page.locator(part).screenshot(path=ARTIFACTS / f"interests-{name}-{lang}-{shot}-phone.png")
    first = page.locator(".interest-match").first
    title = first.locator("h3").inner_text()
    first.get_by_role("link", name=WORDS[lang]["plan"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title, ignore_case=True)
    expect(page.locator("#no-work-history")).to_be_visible()
    expect(page.locator("#lowongan")).to_contain_text("Instruktur Senam (uji)")
    _no_sideways_scroll(page)
    page.screenshot(path=ARTIFACTS / f"interests-5-plan-{lang}-{shot}-phone.png", full_page=True)


def test_e2e_interests_tapping_through_with_a_reload_in_the_middle(served: tuple[str, Store]) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, _ = served
    lang = "id"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser, page, problems = _browser_page(playwright)
        page.goto(f"{server}/?lang={lang}")
        page.locator("#interest-start").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Kenali minat kerjamu")
        _expect_position(page, lang, 1)
        assert page.locator(".interest-item:visible").count() == 1  # one activity a screen
        group = page.get_by_role("group", name=re.compile("Membuat lemari dapur"))  # fieldset and legend
        expect(group).to_be_visible()
        assert group.get_by_role("radio").count() == 5
        _no_sideways_scroll(page)
        page.screenshot(path=ARTIFACTS / "interests-1-first-item-id-phone.png", full_page=True)
        _tap(page, lang, range(1, 31))
        page.screenshot(path=ARTIFACTS / "interests-2-halfway-id-phone.png")
        page.reload()
        _expect_position(page, lang, 31)  # the position and every answer survive the reload
        for n in (1, 17, 30):
            assert page.locator(f'input[name="q{n}"][value="{ANSWERS[n - 1]}"]').is_checked()
        page.locator(".interest-nav button").first.click()  # back to 30, answered
        _expect_position(page, lang, 30)
        page.locator(".interest-nav button").last.click()
        _expect_position(page, lang, 31)
        _tap(page, lang, range(31, 61))
        page.select_option("#education", "SMK")
        page.select_option("#province", "32")
        submit = page.get_by_role("button", name=WORDS[lang]["submit"])
        expect(submit).to_be_visible()
        page.screenshot(path=ARTIFACTS / "interests-3-last-item-id-phone.png", full_page=True)
        submit.click()
        _results_and_plan(page, lang, "tapped")
        browser.close()
    assert not problems, problems


def test_e2e_interests_by_keyboard_alone(served: tuple[str, Store]) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, _ = served
    lang = "en"
    with sync_playwright() as playwright:
        browser, page, problems = _browser_page(playwright)
        page.goto(f"{server}/minat?lang={lang}")
        _expect_position(page, lang, 1)
        for _ in range(60):  # Tab from the top of the page to the first answer
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.interest-item.current input[type=radio]')"):
                break
        else:
            pytest.fail("Tab never reached the answers")
        ring = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
        assert ring != "none", "a keyboard user must see where the focus is"
        page.screenshot(path=ARTIFACTS / "interests-1-keyboard-focus-en-phone.png")
        for n in range(1, 61):
            page.keyboard.press(str(int(ANSWERS[n - 1]) + 1))
            if n < 60:
                _expect_position(page, lang, n + 1)
        expect(page.locator("#see-results")).to_be_focused()
        page.select_option("#education", "SMK")
        page.select_option("#province", "32")
        page.locator("#see-results").focus()
        page.keyboard.press("Enter")
        _results_and_plan(page, lang, "keyboard")
        browser.close()
    assert not problems, problems


def test_e2e_interests_counsellor_saves_a_minors_result_with_guardian_consent(
    served: tuple[str, Store],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, store = served
    key = create_key(store, "counsellor", office_code="BDG", label="e2e").secret
    with sync_playwright() as playwright:
        browser, page, problems = _browser_page(playwright)
        page.goto(f"{server}/login?lang=id")
        page.locator("#key").fill(key)
        page.locator("#key").locator("xpath=..").get_by_role("button").click()
        expect(page).to_have_url(re.compile(r"/workers$"))
        page.goto(f"{server}/minat/hasil?form=short60&a={ANSWERS}&education=SMK&province=32&lang=id")
        save = page.locator("#simpan")
        save.get_by_label("Yang bersangkutan (18 tahun ke atas) setuju hasil ini disimpan").check()
        save.get_by_role("button", name="Simpan").click()
        expect(page.locator("#simpan [role=alert]")).to_contain_text("belum 18 tahun")
        page.locator("#simpan").scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / "interests-6-consent-refused-id-phone.png")
        page.locator("#simpan").get_by_label(re.compile("Orang tua atau wali setuju")).check()
        page.locator("#simpan").get_by_role("button", name="Simpan").click()
        expect(page.locator("#minat")).to_contain_text("SAE")
        expect(page.locator("#minat")).to_contain_text("persetujuan orang tua/wali")
        page.locator("#minat").scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / "interests-7-worker-record-id-phone.png")
        _no_sideways_scroll(page)
        browser.close()
    refused = "the server responded with a status of 409"  # the refused save, as it should be
    assert not [p for p in problems if refused not in p], problems


def _gap(page: Any) -> list[str]:
    """The skills the plan on screen counts as to learn: those its courses close and those left open."""
    return [name.strip() for name in page.locator("#rencana .gap-skill").all_inner_texts()]


def test_e2e_interests_own_skills_leave_the_plan_by_keyboard(served: tuple[str, Store]) -> None:
    """A young person adds what they can already do from the results page, by keyboard alone: one skill
    the search is sure of ("berempati"), one it is not ("mendengarkan": they pick the right reading);
    the first match's plan then no longer counts either as a skill to learn."""
    from playwright.sync_api import expect, sync_playwright

    server, _ = served
    results = f"{server}/minat/hasil?form=short60&a={ANSWERS}&education=SMK&province=32&lang=id"
    with sync_playwright() as playwright:
        browser, page, problems = _browser_page(playwright)
        page.goto(results)
        first = page.locator(".interest-match").first
        first.get_by_role("link", name=WORDS["id"]["plan"]).click()
        expect(page.locator("#no-work-history")).to_be_visible()
        before = _gap(page)
        assert "berempati" in before and "mendengarkan secara aktif" in before
        page.goto(results)
        section = page.locator("#keterampilan")
        expect(section.get_by_role("heading", level=2)).to_have_text("Yang sudah bisa kamu lakukan")
        field = section.get_by_label("Keterampilan yang sudah kamu punya")
        for _ in range(80):  # Tab from the top of the page to the field
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "add_skill":
                break
        else:
            pytest.fail("Tab never reached the skill field")
        page.keyboard.type("berempati, mendengarkan")
        page.keyboard.press("Enter")
        expect(section.get_by_role("status")).to_contain_text("“berempati” ditambahkan.")
        expect(section.get_by_role("status")).to_contain_text("Kami belum yakin maksud “mendengarkan”")
        expect(section.locator(".own-skill-list li")).to_have_count(1)
        _no_sideways_scroll(page)
        section.screenshot(path=ARTIFACTS / "interests-8-own-skills-read-id-phone.png")
        choice = section.get_by_role("link", name="+ mendengarkan secara aktif")
        choice.focus()
        page.keyboard.press("Enter")
        expect(section.locator(".own-skill-list li")).to_have_count(2)
        expect(section.locator(".own-skill-list")).to_contain_text("mendengarkan secara aktif")
        expect(field).to_be_empty()
        ring = page.evaluate(
            "(() => { const a = document.querySelector('.own-skill-list a.remove'); a.focus();"
            " return getComputedStyle(a).outlineStyle; })()"
        )
        assert ring != "none", "a keyboard user must see where the focus is"
        _no_sideways_scroll(page)
        section.screenshot(path=ARTIFACTS / "interests-9-own-skills-added-id-phone.png")
        page.screenshot(path=ARTIFACTS / "interests-9-own-skills-page-id-phone.png", full_page=True)
        plan = page.locator(".interest-match").first.get_by_role("link", name=WORDS["id"]["plan"])
        plan.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#own-skills")).to_contain_text("berempati")
        expect(page.locator("#own-skills")).to_contain_text("mendengarkan secara aktif")
        after = _gap(page)
        assert "berempati" not in after and "mendengarkan secara aktif" not in after
        assert after, "the rest of the gap is still there"
        _no_sideways_scroll(page)
        page.screenshot(path=ARTIFACTS / "interests-10-plan-with-own-skills-id-phone.png", full_page=True)
        page.screenshot(path=ARTIFACTS / "interests-10-plan-top-id-phone.png")
        page.goto(results.replace("lang=id", "lang=en") + "&add_skill=Microsoft+Excel")
        english = page.locator("#keterampilan")
        expect(english.get_by_role("heading", level=2)).to_have_text("What you can already do")
        read = "We read “Microsoft Excel” as: use spreadsheets"
        expect(english.get_by_role("status")).to_contain_text(read)
        english.screenshot(path=ARTIFACTS / "interests-8-own-skills-read-en-phone.png")
        browser.close()
    assert not problems, problems
