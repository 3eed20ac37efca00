"""End-to-end in real Chromium at phone width: a counsellor follows a worker's record to their moves and
sees that most local ads for one of them ask for men only; an analyst reads the gender page."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_e2e_browser import ARGS, ARTIFACTS, CHROMIUM, SIZES, _need_chromium, _serving

from tangkas.services.imports import import_rows
from tangkas.store import Store, open_store
from tangkas.store.keys import create_key
from tangkas.taxonomy import load_taxonomy

TAILOR, OPERATOR = "7531.5", "8153.1"


def _fill(store: Store) -> None:
    """Ads for sewing machine operators in West Java, 7 of 10 for men only; workers in three provinces,
    some in training and with saved plans; the worker the counsellor opens is a woman, a tailor."""
    tax = load_taxonomy()
    ads = [
        {"source": "e2e", "external_id": f"ad{i}", "title": "Operator jahit", "province_code": "32"}
        for i in range(10)
    ]
    import_rows(store, "postings", ads, "e2e")
    store.backend.execute(
        "UPDATE postings SET occupation_uri = ?, ad_rules = 'e2e', ad_one_sex = NULL, ad_sex = FALSE",
        (tax.occupation(OPERATOR).uri,),
    )
    store.backend.execute(
        "UPDATE postings SET ad_one_sex = 'male', ad_sex = TRUE WHERE external_id IN "
        "('ad0', 'ad1', 'ad2', 'ad3', 'ad4', 'ad5', 'ad6')"
    )
    rng = random.Random(4)
    people = [("32", 60, 48), ("33", 30, 34), ("35", 26, 20), ("31", 4, 3)]
    rows = [
        {
            "source": "e2e",
            "external_id": f"w{province}-{sex}-{i}",
            "office_code": "BDG",
            "full_name": "Sari Rahmawati"
            if (province, sex, i) == ("32", "F", 0)
            else f"Pekerja {province}{sex}{i}",
            "gender": sex if rng.random() > 0.03 else "X",
            "birth_year": rng.randrange(1965, 2005),
            "province_code": province,
            "occupations": TAILOR,
        }
        for province, women, men in people
        for sex, n in (("F", women), ("M", men))
        for i in range(n)
    ]
    import_rows(store, "workers", rows, "e2e")
    for (worker_id,) in store.backend.execute("SELECT id FROM workers"):
        if rng.random() < 0.5:
            status = "completed" if rng.random() < 0.6 else "enrolled"
            store.backend.execute(
                "INSERT INTO enrolments (source, external_id, worker_id, course_id, status) "
                "VALUES ('e2e', ?, ?, 1, ?)",
                (f"e{worker_id}", worker_id, status),
            )
        if rng.random() < 0.3:
            store.backend.execute(
                "INSERT INTO saved_plans (worker_id, occupations, target_uri, created_at) "
                "VALUES (?, 'x', 'y', CURRENT_TIMESTAMP)",
                (worker_id,),
            )


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Store]]:
    _need_chromium()
    store = open_store("duckdb:///:memory:")
    store.migrate()
    _fill(store)
    with _serving(store) as url:
        yield url, store


@pytest.mark.parametrize("lang", ["id", "en"])
def test_e2e_gender_counsellor_sees_one_sex_local_ads_on_a_workers_moves(
    served: tuple[str, Store], lang: str
) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, store = served
    key = create_key(store, "counsellor", office_code="BDG", label="e2e").secret
    words = {
        "id": (
            "7 dari 10 iklan untuk pekerjaan ini di Jawa Barat hanya meminta pelamar laki-laki.",
            "UU 13/2003",
        ),
        "en": ("7 of 10 ads for this job in West Java ask for men only.", "Law 13/2003"),
    }[lang]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=SIZES["phone"])
        page.set_default_timeout(30_000)
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{server}/login?lang={lang}")
        page.locator("#key").fill(key)
        page.locator("#key").locator("xpath=..").get_by_role("button").click()
        expect(page).to_have_url(re.compile(r"/workers$"))
        page.locator("input[name=q]").fill("Sari Rahmawati")
        page.locator("input[name=q]").press("Enter")
        page.get_by_role("link", name="Sari Rahmawati").click()
        page.locator("#see-options").click()
        note = page.locator(".one-sex")
        expect(note).to_have_count(1)
        expect(note).to_contain_text(words[0])
        expect(note).to_contain_text(words[1])
        note.scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / f"gender-1-moves-{lang}-phone.png", full_page=True)
        box = note.bounding_box()
        assert box and box["width"] <= SIZES["phone"]["width"], box
        browser.close()
    assert not problems, problems


@pytest.mark.parametrize("lang", ["id", "en"])
def test_e2e_gender_analyst_reads_the_gender_page_on_a_phone(served: tuple[str, Store], lang: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, _ = served
    heading = {"id": "Perempuan dan laki-laki dalam layanan", "en": "Women and men in the service"}[lang]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=SIZES["phone"])
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{server}/analyst/gender?lang={lang}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.locator("svg.gender-chart").first).to_be_visible()
        assert page.locator("svg.gender-chart").count() == 4 + 4  # national figures, then four measures
        widths = page.locator("svg.gender-chart rect").evaluate_all("rs => rs.map(r => r.getBBox().width)")
        assert max(widths) > 0
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= SIZES["phone"]["width"], f"the page scrolls sideways ({wide}px)"
        page.screenshot(path=ARTIFACTS / f"gender-2-analyst-{lang}-phone.png", full_page=True)
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("CSV")).last.click()
        assert Path(download.value.path()).read_text(encoding="utf-8").startswith("measure,province_code")
        browser.close()
    assert not problems, problems
