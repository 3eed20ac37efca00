"""End-to-end in real Chromium: an analyst reads the social-protection coverage page on a phone and on a
desktop, in Indonesian and in English, changes the programme, and downloads a breakdown as CSV."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from test_e2e_browser import ARGS, ARTIFACTS, CHROMIUM, SIZES, _need_chromium, _serving

from tangkas.services.demo import load_demo
from tangkas.store import Store, open_store

TODAY = date(2026, 3, 31)


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    _need_chromium()
    store: Store = open_store("duckdb:///:memory:")
    load_demo(store, postings=50, workers=1200, today=TODAY)  # synthetic workers, spells and placements
    with _serving(store) as url:
        yield url


@pytest.mark.parametrize(("lang", "size"), [("id", "phone"), ("en", "phone"), ("id", "desktop")])
def test_e2e_coverage_analyst_reads_the_coverage_page(served: str, lang: str, size: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    words = {
        "id": ("Cakupan jaminan sosial", "Menurut provinsi (berperingkat)", "disembunyikan", "Tampilkan"),
        "en": ("Social-protection coverage", "By province (ranked)", "suppressed", "Show"),
    }[lang]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=SIZES[size], accept_downloads=True)
        page.set_default_timeout(30_000)
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{served}/analyst?lang={lang}")
        page.get_by_role("link", name=words[0]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words[0])
        page.goto(f"{served}/analyst/coverage?lang={lang}&as_of={TODAY.isoformat()}")
        charts = page.locator("svg.coverage-chart")
        assert charts.count() == 6, charts.count()  # programme, province, sex, age, work, destination
        widths = page.locator("svg.coverage-chart rect.share").evaluate_all(
            "rs => rs.map(r => r.getBBox().width)"
        )
        assert widths and max(widths) > 0
        expect(page.get_by_role("heading", name=words[1])).to_be_visible()
        expect(page.locator("table.coverage-table").first).to_contain_text("%")
        expect(page.locator("main")).to_contain_text(words[2])
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= SIZES[size]["width"], f"the page scrolls sideways ({wide}px)"
        page.screenshot(path=ARTIFACTS / f"coverage-1-page-{lang}-{size}.png", full_page=True)
        page.locator("#c-province").screenshot(path=ARTIFACTS / f"coverage-3-province-{lang}-{size}.png")
        page.locator("#c-work").screenshot(path=ARTIFACTS / f"coverage-4-work-{lang}-{size}.png")
        page.locator("#programme").select_option("JKN")
        page.get_by_role("button", name=words[3]).click()
        expect(page).to_have_url(re.compile(r"programme=JKN"))
        expect(page.locator("#c-province")).to_contain_text("JKN")
        with page.expect_download() as download:
            page.locator("#c-destination").get_by_role("link", name=re.compile("CSV")).click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert text.startswith("as_of,breakdown,group,label,programme,covered,workers,share_percent")
        page.locator("#c-destination").scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / f"coverage-2-destination-{lang}-{size}.png")
        browser.close()
    assert not problems, problems
