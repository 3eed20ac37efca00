"""Social-protection coverage indicators: hand-computed numerators and denominators on a small store
(DuckDB and PostgreSQL), boundary days, erased workers, suppression under 10, access, the API and the
page in both languages."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from fastapi.testclient import TestClient

from tangkas.services.coverage import coverage_csv, coverage_figures, reference_figures
from tangkas.store import Store
from tangkas.store.coverage import coverage_counts
from tangkas.store.keys import create_key
from tangkas.web import create_app
from tangkas.web.coverage import CoveragePage

D = date(2026, 3, 31)


def _worker(store: Store, i: int, province: str, gender: str, born: int, erased: bool = False) -> None:
    store.backend.execute(
        "INSERT INTO workers (id, source, external_id, office_code, full_name, gender, birth_year, "
        "province_code, erased_at) VALUES (?, 't', ?, 'BDG', 'Pekerja', ?, ?, ?, ?)",
        (i, f"w{i}", gender, born, province, "2026-01-01 00:00:00" if erased else None),
    )


def _spell(store: Store, i: int, programme: str, segment: str, start: str, end: str) -> None:
    store.backend.execute(
        "INSERT INTO memberships (source, external_id, worker_id, programme, segment, valid_from, "
        "paid_until) VALUES ('t', ?, ?, ?, ?, ?, ?)",
        (f"m{i}-{programme}-{start}", i, programme, segment, start, end),
    )


def _placement(store: Store, i: int, status: str, departed: str | None, returned: str | None) -> None:
    store.backend.execute(
        "INSERT INTO placements (source, external_id, worker_id, destination, sector, departed_on, "
        "returned_on, status) VALUES ('t', ?, ?, 'TW', 'manufacturing', ?, ?, ?)",
        (f"p{i}", i, departed, returned, status),
    )


def _fill(store: Store) -> None:
    """65 registered workers; every shown group a multiple of 5, so rounding to base 5 changes nothing.

    * 0-39 in Jawa Barat (even: women, odd: men), born 2005 (0-9) or 1990 (10-39);
      0-19: JKK and JKM, wage, paid until exactly D; 20-24: JKK and JKM, non-wage; 25-29: JKK only,
      non-wage; 30-39: JKN covering D, and JKK and JKM (wage) that start the day after D.
    * 40-54 in Jawa Tengah, women born 1960, abroad in Taiwan since 2025; 40-49 JKK and JKM (PMI).
    * 60-64 in Jawa Timur and 65-69 in Banten, men born 1990, JKK and JKM (wage): two provinces under
      10 people, hidden together (10) so the provinces above can both be shown.
    * one erased worker in Jawa Barat with JKK and JKM covering D (never counted); worker 0 has a
      returned placement and worker 1 a prospective one (neither abroad on D).
    """
    for i in range(40):
        _worker(store, i, "32", "F" if i % 2 == 0 else "M", 2005 if i < 10 else 1990)
    for i in range(40, 55):
        _worker(store, i, "33", "F", 1960)
        _placement(store, i, "abroad", "2025-06-01", None)
    for i in range(60, 70):
        _worker(store, i, "35" if i < 65 else "36", "M", 1990)
    _worker(store, 99, "32", "F", 1990, erased=True)
    for i in (*range(20), *range(60, 70), 99):
        for programme in ("JKK", "JKM"):
            _spell(store, i, programme, "wage", "2025-01-01", D.isoformat())
    for i in range(20, 30):
        for programme in ("JKK", "JKM") if i < 25 else ("JKK",):
            _spell(store, i, programme, "non_wage", "2026-01-01", "2026-12-31")
    for i in range(30, 40):
        _spell(store, i, "JKN", "non_wage", "2024-01-01", "2026-12-31")
        for programme in ("JKK", "JKM"):
            _spell(store, i, programme, "wage", "2026-04-01", "2026-12-31")
    for i in range(40, 50):
        for programme in ("JKK", "JKM"):
            _spell(store, i, programme, "pmi", "2025-05-01", "2027-06-30")
    _placement(store, 0, "returned", "2024-01-01", "2026-01-01")
    _placement(store, 1, "prospective", None, None)


def _true(store: Store, by: str, programme: str, day: date = D) -> dict[str | None, tuple[int, int]]:
    """True (unpublished) counts: group -> (covered, workers)."""
    found = coverage_counts(store, by, day)  # type: ignore[arg-type]
    return {c.group: (c.programme(programme)[0], c.workers) for c in found}  # type: ignore[arg-type]


def _cells(store: Store, by: str, programme: str) -> dict[str | None, tuple[int | None, int | None]]:
    table = coverage_figures(store, by, D).table(programme)  # type: ignore[arg-type]
    return {None: (table.total.covered, table.total.workers)} | {
        c.group: (c.covered, c.workers) for c in table.cells
    }


def test_coverage_true_counts_hand_computed(store: Store) -> None:
    _fill(store)
    assert _true(store, "province", "JKK+JKM") == {
        "32": (25, 40),
        "33": (10, 15),
        "35": (5, 5),
        "36": (5, 5),
    }
    assert _true(store, "province", "JKK")["32"] == (30, 40)
    assert _true(store, "sex", "JKK+JKM") == {"F": (23, 35), "M": (22, 30)}
    assert _true(store, "age", "JKK+JKM") == {"15-24": (10, 10), "25-54": (25, 40), "65+": (10, 15)}
    assert _true(store, "work", "JKK+JKM") == {
        "formal": (30, 30),
        "informal": (5, 10),
        "pmi": (10, 15),
        "unknown": (0, 10),
    }
    assert _true(store, "work", "JKN")["unknown"] == (10, 10)  # JKN spells do not decide the work group
    assert _true(store, "destination", "JKK+JKM") == {None: (0, 50), "TW": (10, 15)}  # None: at home


def test_coverage_leaves_out_erased_workers(store: Store) -> None:
    _fill(store)
    assert sum(workers for _, workers in _true(store, "province", "JKK").values()) == 65  # not 66


def test_coverage_boundary_days(store: Store) -> None:
    _fill(store)
    # a spell paid until D covers D (0-19); spells starting the day after D do not (30-39)
    assert _true(store, "province", "JKK+JKM")["32"] == (25, 40)
    assert _true(store, "province", "JKK+JKM", date(2026, 4, 1))["32"] == (15, 40)
    before = coverage_figures(store, "province", date(2024, 12, 31)).table("JKK+JKM")
    assert before.total.covered is None  # nobody covered: suppressed, not 0
    assert before.total.workers == 65


def test_coverage_published_figures_hand_computed(store: Store) -> None:
    _fill(store)
    # Jawa Timur and Banten (5 each) are hidden together; both big provinces stay in view
    assert _cells(store, "province", "JKK+JKM") == {None: (45, 65), "32": (25, 40), "33": (10, 15)}
    assert _cells(store, "province", "JKK") == {None: (50, 65), "32": (30, 40), "33": (10, 15)}
    assert coverage_figures(store, "province", D).table("JKK+JKM").hidden_workers == 10
    # JKN: only Jawa Barat's 10 are covered; shown, they would tell the hidden provinces have none
    assert _cells(store, "province", "JKN") == {None: (10, 65), "32": (None, 40), "33": (None, 15)}
    # 15-24 (10 people) is hidden with the empty bands so that no band can be worked out from the total
    assert _cells(store, "age", "JKK+JKM") == {None: (45, 65), "25-54": (25, 40), "65+": (10, 15)}
    # informal's 5 and unknown's 0 are hidden; PMI's 10 with them (together 15, not a lone 5)
    assert _cells(store, "work", "JKK+JKM") == {
        None: (45, 65),
        "formal": (30, 30),
        "informal": (None, 10),
        "pmi": (None, 15),
        "unknown": (None, 10),
    }
    assert _cells(store, "destination", "JKK+JKM") == {None: (10, 15), "TW": (10, 15)}
    # the gender table keeps women in view and hides men with the empty groups (as the gender page)
    sex = coverage_figures(store, "sex", D).table("JKK+JKM")
    assert [(c.group, c.workers) for c in sex.cells] == [("F", 35)] and sex.hidden_workers == 30
    assert sex.cells[0].covered in (20, 25)  # 23, randomly rounded
    assert coverage_figures(store, "province", D).table("JKK+JKM").cells[0].share == 62.5


def test_coverage_suppresses_small_cells_and_never_writes_zero(store: Store) -> None:
    _fill(store)
    figures = coverage_figures(store, "work", D)
    informal = next(c for c in figures.table("JKK+JKM").cells if c.group == "informal")
    assert informal.covered is None and informal.share is None and informal.workers == 10
    rows = list(csv.DictReader(io.StringIO(coverage_csv(figures, "en"))))
    row = next(r for r in rows if r["group"] == "informal" and r["programme"] == "JKK+JKM")
    assert row["covered"] == "" and row["share_percent"] == "" and row["suppressed"] == "yes"
    assert all(r["covered"] != "0" for r in rows)
    # Jawa Timur grows to 9 people: still not shown
    for i in range(100, 104):
        _worker(store, i, "35", "M", 1980)
    small = coverage_figures(store, "province", D).table("JKK+JKM")
    assert "35" not in {c.group for c in small.cells}


def test_coverage_of_an_empty_store(store: Store) -> None:
    table = coverage_figures(store, "province", D).table("JKK+JKM")
    assert table.total.workers is None and table.cells == ()


def test_coverage_api_answers_and_roles(store: Store) -> None:
    _fill(store)
    client = TestClient(create_app(store))
    url = "/api/indicators/coverage"
    for role, status in (("analyst", 200), ("counsellor", 200), ("admin", 200), ("provider", 403)):
        key = create_key(
            store,
            role,
            office_code="BDG" if role == "counsellor" else None,
            provider="P" if role == "provider" else None,
        )
        answer = client.get(url, params={"as_of": D.isoformat()}, headers={"X-API-Key": key.secret})
        assert answer.status_code == status, role
    assert client.get(url).status_code == 401
    analyst = {"X-API-Key": create_key(store, "analyst").secret}
    body = client.get(
        url, params={"by": "work", "programme": "JKK+JKM", "as_of": D.isoformat()}, headers=analyst
    ).json()
    assert body["by"] == "work" and body["as_of"] == "2026-03-31" and body["max_error"] == 4
    [table] = body["tables"]
    assert table["programme"] == "JKK+JKM" and table["total"]["covered"] == 45
    groups = {g["group"]: g for g in table["groups"]}
    assert groups["formal"] == {"group": "formal", "covered": 30, "workers": 30, "share": 100.0}
    assert groups["informal"]["covered"] is None
    assert "full_name" not in str(body) and "w1" not in str(body)  # aggregates only
    every = client.get(url, params={"by": "sex"}, headers=analyst).json()
    assert [t["programme"] for t in every["tables"]] == ["JKK+JKM", "JKK", "JKM", "JHT", "JP", "JKP", "JKN"]
    assert client.get(url, params={"by": "nik"}, headers=analyst).status_code == 422
    assert client.get(url, params={"programme": "XYZ"}, headers=analyst).status_code == 422


def test_coverage_page_in_both_languages(store: Store) -> None:
    _fill(store)
    client = TestClient(create_app(store))
    response = client.get("/analyst/coverage", params={"as_of": D.isoformat()})
    assert response.status_code == 200 and response.template.name == "analyst_coverage.html"  # type: ignore[attr-defined]
    page = response.context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, CoveragePage)
    assert [c.key for c in page.charts] == ["programme", "province", "sex", "age", "work", "destination"]
    province = page.charts[1]
    assert [r.label for r in province.rows] == ["Jawa Tengah", "Jawa Barat"]  # ranked: 66.7% above 62.5%
    text = response.text
    for words in (
        "Cakupan jaminan sosial",
        "SDG 1.3.1",
        "sintetis",
        "disembunyikan",
        "66,7%",
        "Terlindungi (pembilang)",
        "Pekerja terdaftar (penyebut)",
        "segmen kepesertaan BPJS Ketenagakerjaan",
        "41,56 juta",
        "83.216",
        'href="https://spn.or.id/',
    ):
        assert words in text, words
    assert "<svg" in text and "None" not in text
    english = client.get("/analyst/coverage", params={"as_of": D.isoformat(), "lang": "en"}).text
    for words in ("Social-protection coverage", "suppressed", "66.7%", "Central Java", "83,216"):
        assert words in english, words
    analyst = client.get("/analyst", params={"lang": "id"}).text
    assert 'href="/analyst/coverage?lang=id"' in analyst
    download = client.get("/analyst/coverage/work.csv", params={"as_of": D.isoformat()})
    assert download.headers["content-type"].startswith("text/csv")
    assert download.text.splitlines()[0].startswith("as_of,breakdown,group,label,programme,covered,workers")
    national = client.get("/analyst/coverage/national.csv").text
    assert national.startswith("code,indicator,geography,sex,period,value,unit,source,note")
    assert client.get("/analyst/coverage/other.csv").status_code == 422


def test_coverage_national_figures_keep_source_and_period() -> None:
    rows = reference_figures()
    assert rows and all(r.figure.urls and r.figure.period for r in rows)
    indicators = {r.figure.indicator for r in rows}
    assert {
        "bpjs_tk_participants_active",
        "bpjs_tk_participants_nonactive",
        "pmi_placements_by_destination",
        "bpjs_tk_pmi_participants_share_by_destination",
        "jkn_coverage",
        "employed",
    } <= indicators
    codes = {r.code for r in rows if r.figure.indicator == "pmi_placements_by_destination"}
    assert {"TW", "MY", "HK", "KR", "JP", "SG", "TR"} <= codes


@pytest.mark.parametrize("programme", ["JKK+JKM", "JKP"])
def test_coverage_programme_pair_needs_both(store: Store, programme: str) -> None:
    _fill(store)
    for i in range(40, 50):  # JKK alone does not make JKK+JKM
        store.backend.execute("DELETE FROM memberships WHERE worker_id = ? AND programme = 'JKM'", (i,))
    cells = _cells(store, "destination", programme)
    assert cells["TW"] == (None, 15)
