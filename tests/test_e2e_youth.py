"""End-to-end in real Chromium: an analyst reads the youth page on a phone (Indonesian and English) and
on a desktop: the NEET chart with its source, young people by province and sex with hidden cells marked,
digital postings and providers by province, young people's interests against the courses in their province
(the demo's synthetic profiles), and the CSV downloads."""

from __future__ import annotations

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
    load_demo(store, postings=600, workers=1200, today=TODAY)
    with _serving(store) as url:
        yield url


@pytest.mark.parametrize(("lang", "size"), [("id", "phone"), ("en", "phone"), ("id", "desktop")])
def test_e2e_youth_analyst_reads_the_youth_page(served: str, lang: str, size: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    words = {
        "id": (
            "Kaum muda",
            "perempuan",
            "disembunyikan",
            "Kaum muda terdaftar",
            "Ditambah",
            "terpenuhi",
            "Kaum muda ditempatkan (PMI, tercatat)",
            "Pekerjaan di dalam negeri ada di angka sebelumnya",
        ),
        "en": (
            "Youth",
            "women",
            "suppressed",
            "Young people registered",
            "Plus",
            "Unmet",
            "Young people placed (PMI, on record)",
            "Jobs in Indonesia are in the figure before",
        ),
    }[lang]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=SIZES[size], accept_downloads=True)
        page.set_default_timeout(30_000)
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{served}/analyst?lang={lang}")
        page.get_by_role("link", name=words[0], exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words[0])
        page.goto(f"{served}/analyst/youth?lang={lang}&as_of={TODAY.isoformat()}")
        neet = page.locator("#neet svg rect")
        assert neet.count() == 5
        widths = neet.evaluate_all("rs => rs.map(r => r.getBBox().width)")
        assert min(widths) > 0
        expect(page.locator("#neet")).to_contain_text(words[1])
        expect(page.locator("#neet")).to_contain_text("voi.id")
        expect(page.get_by_role("heading", name=words[3])).to_be_visible()
        expect(page.locator("main")).to_contain_text(words[2])
        expect(page.locator("#digital svg.coverage-chart")).to_be_visible()
        expect(page.locator("#providers")).to_contain_text(words[4])
        interests = page.locator("#interests")
        expect(interests.locator("svg.coverage-chart").first).to_be_visible()
        assert interests.locator("svg.coverage-chart").count() >= 2  # a chart a province shown
        bars = interests.locator("svg rect.share").evaluate_all("rs => rs.map(r => r.getBBox().width)")
        assert bars and max(bars) > 0
        expect(interests.locator("table").first).to_contain_text(words[5])
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= SIZES[size]["width"], f"the page scrolls sideways ({wide}px)"
        page.screenshot(path=ARTIFACTS / f"youth-1-page-{lang}-{size}.png", full_page=True)
        page.locator("#neet").screenshot(path=ARTIFACTS / f"youth-2-neet-{lang}-{size}.png")
        page.locator("#digital").screenshot(path=ARTIFACTS / f"youth-4-digital-{lang}-{size}.png")
        page.locator("#providers").screenshot(path=ARTIFACTS / f"youth-5-providers-{lang}-{size}.png")
        interests.screenshot(path=ARTIFACTS / f"youth-6-interests-{lang}-{size}.png")
        page.locator("#m-registered-card").screenshot(
            path=ARTIFACTS / f"youth-3-registered-{lang}-{size}.png"
        )
        placed = page.locator("#m-placed_pmi-card")
        expect(placed.get_by_role("heading", level=2)).to_have_text(words[6])
        expect(placed).to_contain_text(words[7])
        placed.screenshot(path=ARTIFACTS / f"youth-3b-placed-{lang}-{size}.png")
        with page.expect_download() as download:
            page.get_by_role("link", name="CSV", exact=False).filter(
                has_text="muda" if lang == "id" else "young"
            ).click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert text.startswith("measure,province_code,province,group,count")
        with page.expect_download() as download:
            interests.get_by_role("link", name="CSV", exact=False).click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert text.startswith("province_code,province,profiles,isco_group,group,demand")
        browser.close()
    assert not problems, problems
