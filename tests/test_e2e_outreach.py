"""End-to-end in real Chromium at phone width, in Indonesian: a counsellor opens the outreach page from
their workers, reads the three lists with their counts and what to do, records a contact that takes a
returned PMI off the list, and starts another returned PMI's journey from their work abroad."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from test_e2e_browser import ARGS, ARTIFACTS, CHROMIUM, SIZES, _need_chromium, _serving
from test_outreach import D, _fill

from tangkas.store import Store, open_store
from tangkas.store.keys import create_key


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Store]]:
    _need_chromium()
    store = open_store("duckdb:///:memory:")
    store.migrate()
    _fill(store)
    with _serving(store) as url:
        yield url, store


def test_e2e_outreach_counsellor_works_the_lists_on_a_phone(served: tuple[str, Store]) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, store = served
    key = create_key(store, "counsellor", office_code="BDG", label="e2e").secret
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=SIZES["phone"])
        page.set_default_timeout(30_000)
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{server}/login?lang=id")
        page.locator("#key").fill(key)
        page.locator("#key").locator("xpath=..").get_by_role("button").click()
        expect(page).to_have_url(re.compile(r"/workers$"))
        page.locator("#outreach-link").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Penjangkauan")
        page.locator("#as_of").fill(D.isoformat())
        page.locator("#days").select_option("30")
        page.get_by_role("button", name="Tampilkan").click()
        expect(page.locator("#tab-lapsing .count")).to_have_text("3")
        expect(page.locator("#tab-no_injury_cover .count")).to_have_text("4")
        expect(page.locator("#tab-returned_pmi .count")).to_have_text("4")
        rows = page.locator(".outreach-row")
        expect(rows).to_have_count(3)
        expect(rows.nth(2)).to_contain_text("JKK & JKM berakhir 30 Jun 2026 — ingatkan untuk membayar iuran")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= SIZES["phone"]["width"], f"the page scrolls sideways ({wide}px)"
        page.screenshot(path=ARTIFACTS / "outreach-1-lapsing-id-phone.png", full_page=True)
        page.locator("#days").select_option("90")
        page.get_by_role("button", name="Tampilkan").click()
        expect(page.locator("#tab-lapsing .count")).to_have_text("4")  # the spell at D+30 is in now
        page.locator("#tab-no_injury_cover").click()
        expect(
            page.get_by_role("heading", name=re.compile("PMI di luar negeri dan calon PMI"))
        ).to_be_visible()
        expect(rows.first).to_contain_text("Bekerja di luar negeri tanpa JKK")
        page.screenshot(path=ARTIFACTS / "outreach-2-no-jkk-id-phone.png", full_page=True)
        page.locator("#tab-returned_pmi").click()
        expect(rows).to_have_count(4)
        expect(rows.first).to_contain_text("Kembali dari Taiwan 21 Feb 2026 (asisten perawatan di rumah)")
        row = rows.filter(has_text="Returned No Answer")
        row.get_by_text("Catat kontak").click()
        row.get_by_label("Hasil").select_option("reached")
        page.screenshot(path=ARTIFACTS / "outreach-3-returned-contact-id-phone.png", full_page=True)
        row.get_by_role("button", name="Simpan").click()
        expect(page.get_by_role("status")).to_have_text("Kontak sudah dicatat.")
        expect(rows).to_have_count(3)
        expect(page.locator("#tab-returned_pmi .count")).to_have_text("3")
        page.get_by_role("link", name="Returned Waiting").click()
        section = page.locator("#returned-pmi")
        expect(section).to_contain_text("Pengalaman kerja di luar negeri")
        expect(section).to_contain_text("asisten perawatan di rumah")
        section.scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / "outreach-4-worker-abroad-id-phone.png", full_page=True)
        page.locator("#overseas-options").click()
        expect(page.locator(".rec").first).to_be_visible()
        page.screenshot(path=ARTIFACTS / "outreach-5-options-id-phone.png")
        browser.close()
    assert not problems, problems
