"""End-to-end in real Chromium at phone width (375 px): a young person opens their digital pathways from
their matched occupations, reads the skills to learn, the courses with provider, mode and price, where
the jobs are posted and the training places in their province; changes the province with the form; opens
the full plan; and reads a clear message for a link without occupations. Indonesian and English;
screenshots go to the artefacts folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from urllib.parse import urlencode

import pytest
from test_e2e_browser import ARGS, ARTIFACTS, CHROMIUM, SIZES, _need_chromium, _serving

from tangkas.services.demo import load_demo
from tangkas.store import Store, open_store
from tangkas.taxonomy import load_taxonomy
from tangkas.youth.digital import BRICKLAYER, entry_gaps

TODAY = date(2026, 3, 31)
MOBILE_DEVELOPER, GRAPHIC_DESIGNER = (load_taxonomy().occupation(c).uri for c in ("2514.2.2", "2166.9"))
OWN_SKILL = entry_gaps(MOBILE_DEVELOPER)[0].skill


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    _need_chromium()
    store: Store = open_store("duckdb:///:memory:")
    load_demo(store, postings=600, workers=50, today=TODAY)
    with _serving(store) as url:
        yield url


WORDS = {
    "id": {
        "title": "Jalur digital dan tempat pelatihan",
        "means": "Keterampilan digital artinya",
        "learn": "Yang perlu kamu pelajari",
        "online": "Online",
        "places": "Tempat pelatihan di Jawa Barat",
        "places_east": "Tempat pelatihan di Jawa Timur",
        "teaches_of": "keterampilan yang dibutuhkan",
        "posted": "Di mana lowongannya?",
        "plan": "Lihat rencana lengkap",
        "nearby": "bukan pekerjaan digital",
        "empty": "Belum ada pekerjaan yang dipilih",
        "show": "Tampilkan",
        "own": "Yang sudah kamu bisa",
    },
    "en": {
        "title": "Digital pathways and training places",
        "means": "Digital skills means",
        "learn": "What you need to learn",
        "online": "Online",
        "places": "Training places in West Java",
        "places_east": "Training places in East Java",
        "teaches_of": "skills needed",
        "posted": "Where are the jobs?",
        "plan": "See the full plan",
        "nearby": "are not digital jobs",
        "empty": "No job has been chosen yet",
        "show": "Show",
        "own": "What you can already do",
    },
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_e2e_youth_pathways_on_a_phone(served: str, lang: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    words = WORDS[lang]
    query = urlencode(
        [
            ("occupation", MOBILE_DEVELOPER),
            ("occupation", GRAPHIC_DESIGNER),
            ("province", "32"),
            ("skill", OWN_SKILL.uri),
            ("lang", lang),
        ]
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=SIZES["phone"])
        page.set_default_timeout(30_000)
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{served}/minat/jalur?{query}")
        expect(page.get_by_role("heading", level=1)).to_have_text(words["title"])
        expect(page.locator("#digital-means")).to_contain_text(words["means"])
        expect(page.locator("#own-skills")).to_contain_text(f"{words['own']}")
        expect(page.locator("#own-skills")).to_contain_text(OWN_SKILL.label(lang))
        first = page.locator("#path-1")
        assert OWN_SKILL.label(lang) not in first.locator(".gaps").inner_text()
        expect(first.get_by_role("heading", level=3, name=words["learn"])).to_be_visible()
        expect(first.locator(".course").first).to_contain_text("Rp")
        expect(first.locator(".course .mode").first).to_be_visible()
        expect(first).to_contain_text(words["posted"])
        expect(page.locator("#places h2")).to_have_text(words["places"])
        expect(page.locator("#places .place").first).to_contain_text(words["teaches_of"])
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone
        page.screenshot(path=str(ARTIFACTS / f"youth-pathways-{lang}-phone.png"), full_page=True)
        page.screenshot(path=str(ARTIFACTS / f"youth-pathways-{lang}-phone-top.png"))
        page.select_option("#province", "35")
        page.get_by_role("button", name=words["show"]).click()
        expect(page.locator("#places h2")).to_have_text(words["places_east"])
        assert "province=35" in page.url and page.url.count("occupation=") == 2 and "skill=" in page.url
        page.get_by_role("link", name=words["plan"]).first.click()
        page.wait_for_url("**/plan?**")
        assert "province=35" in page.url and "budget=3500000" in page.url and "skill=" in page.url
        page.goto(f"{served}/minat/jalur?" + urlencode([("occupation", BRICKLAYER), ("lang", lang)]))
        expect(page.locator("#pathways-nearby")).to_contain_text(words["nearby"])
        page.screenshot(path=str(ARTIFACTS / f"youth-pathways-{lang}-nearby-phone.png"), full_page=True)
        assert not problems, problems
        page.goto(f"{served}/minat/jalur?lang={lang}")  # answered with 422: the browser logs that
        expect(page.locator("#pathways-problem")).to_contain_text(words["empty"])
        page.screenshot(path=str(ARTIFACTS / f"youth-pathways-{lang}-empty-phone.png"), full_page=True)
        browser.close()
