"""End-to-end in real Chromium: the demo counsellor opens a prospective migrant worker's record, follows
the link to the pre-departure checklist, reads it in Indonesian and English, and prints it (the print
stylesheet hides the site's navigation). Screenshots at phone and desktop width, on screen and in print,
go to artifacts/screenshots/readiness-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from test_e2e_browser import ARGS, ARTIFACTS, CHROMIUM, SIZES, _need_chromium, _serving

from tangkas.countries import country
from tangkas.services.demo import demo_counsellor_key, load_demo
from tangkas.store import Store, open_store

WORDS = {
    "id": {
        "title": "Daftar periksa kesiapan berangkat",
        "verdict": re.compile(r"Siap berangkat|Belum siap: \d+ hal perlu diselesaikan"),
        "marks": ("✔ Sudah", "✘ Tidak memenuhi", "○ Belum ada"),
        "print": "Cetak",
        "basis": "Dasar hukum: UU 18/2017 Pasal 13",
        "section": "Jaminan sosial & penempatan",
    },
    "en": {
        "title": "Ready to leave? Checklist",
        "verdict": re.compile(r"Ready to leave|Not ready yet: \d+ things? to settle"),
        "marks": ("✔ Done", "✘ Not met", "○ Not on file"),
        "print": "Print",
        "basis": "Legal basis: UU 18/2017 Pasal 13",
        "section": "Social security & placements",
    },
}


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Store]]:
    _need_chromium()
    store = open_store("duckdb:///:memory:")
    store.migrate()
    load_demo(store, postings=50, workers=200, today=date.today())
    with _serving(store) as url:
        yield url, store


def _prospective(store: Store) -> dict[str, object]:
    """A prospective PMI of the demo counsellor's office with their placement, one with membership
    spells when there is one (so that the screenshots show them)."""
    rows = store.backend.query(
        "SELECT w.id, w.full_name, p.id AS placement, p.destination FROM workers w "
        "JOIN placements p ON p.worker_id = w.id "
        "WHERE w.office_code = 'DEMO-BDG' AND p.status = 'prospective' "
        "ORDER BY (SELECT count(*) FROM memberships m WHERE m.worker_id = w.id) DESC, w.id LIMIT 1"
    )
    assert rows, "the demo has a prospective PMI in DEMO-BDG"
    return rows[0]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_e2e_readiness_counsellor_opens_and_prints_a_workers_checklist(
    served: tuple[str, Store], lang: str
) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, store = served
    key, worker, words = demo_counsellor_key(store).secret, _prospective(store), WORDS[lang]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in ("phone", "desktop"):
            page = browser.new_page(viewport=SIZES[size])
            page.set_default_timeout(30_000)
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.goto(f"{server}/login?lang={lang}")
            page.locator("#key").fill(key)
            page.locator("#key").locator("xpath=..").get_by_role("button").click()
            expect(page).to_have_url(re.compile(r"/workers$"))
            page.goto(f"{server}/workers/{worker['id']}?lang={lang}")
            section = page.locator("#protection")
            expect(section.get_by_role("heading", level=2)).to_have_text(words["section"])
            expect(section).to_contain_text(country(str(worker["destination"])).label(lang))
            section.scroll_into_view_if_needed()
            page.screenshot(path=ARTIFACTS / f"readiness-1-worker-{lang}-{size}.png", full_page=True)
            page.locator(f"#placement-{worker['placement']} a.readiness-link").click()
            expect(page).to_have_url(re.compile(rf"/placements/{worker['placement']}/readiness"))
            expect(page.get_by_role("heading", level=1)).to_have_text(words["title"])
            expect(page.locator(".verdict-word")).to_have_text(words["verdict"])
            expect(page.locator(".readiness .who")).to_contain_text(str(worker["full_name"]))
            expect(page.locator(".readiness .who")).to_contain_text(date.today().strftime("%Y"))
            marks = page.locator(".checklist .mark").all_inner_texts()
            assert len(marks) == 1 + 8 + 2 + 1 + 2 and set(marks) <= set(words["marks"]), marks
            expect(page.locator("#item-document_passport")).to_contain_text(words["basis"])
            expect(page.locator("#item-jkk_jkm_placement .amount")).to_contain_text(
                re.compile(r"Rp\d+\.\d{3}")
            )
            expect(page.locator("section.information")).to_be_visible()
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= SIZES[size]["width"], f"the page scrolls sideways ({wide}px)"
            page.evaluate("window.print = () => { window.printed = true; }")
            page.get_by_role("button", name=words["print"]).click()
            assert page.evaluate("window.printed === true"), "Cetak opens the print dialog"
            expect(page.locator("header.top")).to_be_visible()
            page.screenshot(path=ARTIFACTS / f"readiness-2-checklist-{lang}-{size}.png", full_page=True)
            page.screenshot(path=ARTIFACTS / f"readiness-2-checklist-{lang}-{size}-top.png")
            page.emulate_media(media="print")
            expect(page.locator("header.top")).to_be_hidden()
            expect(page.locator("nav").first).to_be_hidden()
            expect(page.locator("form.as-of")).to_be_hidden()
            expect(page.locator("footer.foot")).to_be_hidden()
            expect(page.locator(".verdict")).to_be_visible()
            page.screenshot(path=ARTIFACTS / f"readiness-3-print-{lang}-{size}.png", full_page=True)
            page.screenshot(path=ARTIFACTS / f"readiness-3-print-{lang}-{size}-top.png")
            page.close()
        browser.close()
    assert not problems, problems
