"""Outreach lists of an office (issue 18): cover lapsing within N days, no employment-injury (JKK) cover,
returned PMI with no follow-up; their access and audit, the API, the CSV, recorded contacts, and a
returned PMI's work abroad starting their journey. The lists run against hand-built records on DuckDB
and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from signing import sign_in

from tangkas.careers.transitions import Profile
from tangkas.services import outreach
from tangkas.services.demo import load_demo
from tangkas.services.imports import import_rows
from tangkas.services.recommend import recommend
from tangkas.services.records import erase, export_worker
from tangkas.services.returned_pmi import overseas_occupation, returned_work
from tangkas.store import Store, open_store
from tangkas.store.audit import audit_entries
from tangkas.store.keys import ApiKey, create_key
from tangkas.store.outreach import add_contact
from tangkas.taxonomy import load_taxonomy
from tangkas.web import create_app

D = date(2026, 6, 1)
"""The day the lists are drawn for (in the past, so that contacts on days before it are allowed)."""
N = 30
CARER = "5322.1"  # home care aide: the returned carer's occupation abroad
TAILOR = "7531.5"


def _day(offset: int) -> str:
    return (D + timedelta(days=offset)).isoformat()


def _spell(worker: str, programme: str, start: int, end: int, tag: str = "1") -> dict[str, Any]:
    return {
        "source": "bpjs",
        "external_id": f"{worker}-{programme}-{tag}",
        "worker_source": "t",
        "worker_external_id": worker,
        "programme": programme,
        "segment": "wage",
        "valid_from": _day(start),
        "paid_until": _day(end),
    }


def _placement(
    worker: str, status: str, back: int | None = None, tag: str = "p1", **more: Any
) -> dict[str, Any]:
    row = {
        "source": "bp2mi",
        "external_id": f"{worker}-{tag}",
        "worker_source": "t",
        "worker_external_id": worker,
        "destination": "TW",
        "sector": "caregiving",
        "status": status,
    }
    if back is not None:
        row.update(contract_start=_day(back - 1000), departed_on=_day(back - 1003), returned_on=_day(back))
    return {**row, **more}


NAMES = {
    "w1": "Lapsing Both",
    "w2": "Lapsing At Horizon",
    "w3": "Lapsed Yesterday",
    "w4": "Continued Spell",
    "w5": "Gap After Spell",
    "w6": "Erased Person",
    "w7": "Never Covered",
    "w8": "Abroad Uncovered",
    "w9": "Leaving Soon",
    "w10": "Returned Waiting",
    "w11": "Returned With Plan",
    "w12": "Returned Reached",
    "w13": "Returned No Answer",
    "w14": "Returned Contact Before",
    "w15": "Returns After D",
    "w16": "Abroad Again",
    "w17": "Returned Today",
}


def _fill(store: Store) -> dict[str, int]:
    """Workers of BDG (and one of SBY) with the spells and placements each list's rules turn on; their
    ids by external id."""
    workers = [
        {
            "source": "t",
            "external_id": ref,
            "office_code": "BDG",
            "full_name": name,
            "phone": "0812000" + ref[1:],
        }
        for ref, name in NAMES.items()
    ]
    workers.append({"source": "t", "external_id": "s1", "office_code": "SBY", "full_name": "Other Office"})
    workers[0]["occupations"] = TAILOR
    import_rows(store, "workers", workers, "test")
    spells = [
        _spell("w1", "JKK", -300, N - 1),  # paid until D+N-1: listed
        _spell("w1", "JKM", -300, N - 1),
        _spell("w2", "JKK", -300, N),  # paid until exactly D+N: not listed
        _spell("w3", "JKK", -300, -1),  # lapsed the day before D: not lapsing, and no JKK on D
        _spell("w3", "JKM", -300, 0),  # paid until D itself: listed
        _spell("w4", "JKK", -300, 10),
        _spell("w4", "JKK", 11, 400, "2"),  # continues the first from the next day: not listed
        _spell("w5", "JKK", -300, 10),
        _spell("w5", "JKK", 12, 400, "2"),  # a day's gap: the first is listed
        _spell("w6", "JKK", -300, 5),  # erased below: never listed
        _spell("w16", "JKK", -300, 400),
        _spell("s1", "JKK", -300, 3),  # another office
    ]
    for worker in ("w10", "w11", "w12", "w13", "w14", "w15", "w17"):
        spells.append(_spell(worker, "JKK", -300, 400))
    import_rows(store, "memberships", spells, "test")
    placements = [
        _placement("w8", "abroad", departed_on=_day(-100), contract_start=_day(-99)),
        _placement("w9", "prospective", contract_start=_day(40)),
        _placement("w10", "returned", -100, occupation_uri=load_taxonomy().occupation(CARER).uri),
        _placement("w11", "returned", -50),
        _placement("w12", "returned", -50),
        _placement("w13", "returned", -50),
        _placement("w14", "returned", -50),
        _placement("w15", "returned", 5),
        _placement("w16", "returned", -500),
        _placement("w16", "abroad", tag="p2", departed_on=_day(-100)),
        _placement("w17", "returned", 0, sector="construction"),
    ]
    import_rows(store, "placements", placements, "test")
    ids = {r["external_id"]: r["id"] for r in store.backend.query("SELECT id, external_id FROM workers")}
    store.backend.execute("UPDATE workers SET erased_at = ? WHERE id = ?", (datetime(2026, 1, 1), ids["w6"]))
    target = load_taxonomy().occupation(TAILOR).uri
    store.backend.execute(
        "INSERT INTO saved_plans (worker_id, occupations, target_uri, created_at) VALUES (?, 'x', ?, ?)",
        (ids["w11"], target, datetime(2026, 5, 1, 9)),
    )
    store.backend.execute(
        "INSERT INTO saved_plans (worker_id, occupations, target_uri, created_at) VALUES (?, 'x', ?, ?)",
        (ids["w10"], target, datetime(2025, 1, 1, 9)),  # before the return: no follow-up of it
    )
    add_contact(store, ids["w12"], "returned_pmi", D - timedelta(days=10), "reached", None)
    add_contact(store, ids["w13"], "returned_pmi", D - timedelta(days=10), "no_answer", None)
    add_contact(store, ids["w14"], "returned_pmi", D - timedelta(days=60), "reached", None)  # before return
    return ids


@pytest.fixture
def filled(store: Store) -> tuple[Store, dict[str, int], ApiKey]:
    ids = _fill(store)
    return store, ids, create_key(store, "counsellor", office_code="BDG")


def _names(found: outreach.OutreachList) -> list[str]:
    return [item["full_name"] for item in found.page.items]


def test_lapsing_within_n_days_not_at_the_horizon_not_continued_never_erased(filled: Any) -> None:
    store, _, counsellor = filled
    found = outreach.outreach_list(store, counsellor, "lapsing", as_of=D, days=N)
    assert _names(found) == ["Lapsed Yesterday", "Gap After Spell", "Lapsing Both"]  # soonest first
    both = found.page.items[2]
    assert [(s["programme"], s["paid_until"]) for s in both["spells"]] == [
        ("JKK", D + timedelta(days=N - 1)),
        ("JKM", D + timedelta(days=N - 1)),
    ]
    assert both["lapses_on"] == D + timedelta(days=N - 1)
    assert [s["programme"] for s in found.page.items[0]["spells"]] == ["JKM"]  # JKK lapsed before D
    wider = outreach.outreach_list(store, counsellor, "lapsing", as_of=D, days=N + 1)
    assert "Lapsing At Horizon" in _names(wider)
    assert found.counts == {"lapsing": 3, "no_injury_cover": 4, "returned_pmi": 4}


def test_no_injury_cover_puts_pmi_abroad_and_leaving_first(filled: Any) -> None:
    store, _, counsellor = filled
    found = outreach.outreach_list(store, counsellor, "no_injury_cover", as_of=D)
    assert _names(found) == ["Abroad Uncovered", "Leaving Soon", "Lapsed Yesterday", "Never Covered"]
    assert [i["standing"] for i in found.page.items] == ["abroad", "prospective", "other", "other"]
    assert found.page.items[1]["departs_on"] == D + timedelta(days=40)
    assert found.page.items[2]["last_jkk"] == D - timedelta(days=1)
    assert found.no_cover == {"pmi": 2, "other": 2}
    # the day after w1 and w2's JKK ends they are uncovered; a day before everyone's start, all are
    later = outreach.outreach_list(store, counsellor, "no_injury_cover", as_of=D + timedelta(days=N))
    assert "Lapsing Both" in _names(later) and "Lapsing At Horizon" not in _names(later)


def test_returned_pmi_without_follow_up(filled: Any) -> None:
    store, ids, counsellor = filled
    found = outreach.outreach_list(store, counsellor, "returned_pmi", as_of=D)
    # w11 has a plan since, w12 was reached, w15 returns after D, w16 is abroad again
    assert _names(found) == [
        "Returned Waiting",
        "Returned No Answer",
        "Returned Contact Before",
        "Returned Today",
    ]
    first = found.page.items[0]
    assert first["returned_on"] == D - timedelta(days=100)
    assert first["placement"]["destination"] == "TW"
    assert outreach.record_contact(store, counsellor, ids["w10"], "returned_pmi", "referred", D) is not None
    assert "Returned Waiting" not in _names(
        outreach.outreach_list(store, counsellor, "returned_pmi", as_of=D)
    )
    before = outreach.outreach_list(store, counsellor, "returned_pmi", as_of=D - timedelta(days=1))
    assert "Returned Waiting" in _names(before)  # the contact on D is not a follow-up as of the day before


def test_paging_and_admin_offices(filled: Any) -> None:
    store, _, counsellor = filled
    page = outreach.outreach_list(store, counsellor, "no_injury_cover", as_of=D, limit=3, offset=3)
    assert (_names(page), page.total) == (["Never Covered"], 4)
    admin = create_key(store, "admin")
    everyone = outreach.outreach_list(store, admin, "lapsing", as_of=D)
    assert "Other Office" in _names(everyone) and everyone.office is None
    sby = outreach.outreach_list(store, admin, "lapsing", as_of=D, office="SBY")
    assert _names(sby) == ["Other Office"]
    with pytest.raises(outreach.OfficeRefused):
        outreach.outreach_list(store, counsellor, "lapsing", as_of=D, office="SBY")


def test_erased_workers_never_listed_and_their_contacts_go(filled: Any) -> None:
    store, ids, counsellor = filled
    assert erase(store, counsellor, ids["w13"])
    for name in outreach.LIST_NAMES:
        found = outreach.outreach_list(store, counsellor, name, as_of=D, days=400)
        assert not {"Erased Person", "Returned No Answer"} & set(_names(found)), name
    assert (
        store.backend.scalar("SELECT COUNT(*) FROM outreach_contacts WHERE worker_id = ?", (ids["w13"],)) == 0
    )


def test_only_counsellors_and_admins_and_every_read_audited(filled: Any) -> None:
    store, ids, counsellor = filled
    for role in ("analyst", "provider"):
        key = create_key(store, role, provider="p" if role == "provider" else None)
        with pytest.raises(PermissionError):
            outreach.outreach_list(store, key, "lapsing", as_of=D)
    found = outreach.outreach_list(store, counsellor, "lapsing", as_of=D)
    entry = audit_entries(store, action="read_outreach").items[-1]
    assert entry["detail"]["ids"] == [i["worker_id"] for i in found.page.items]
    assert entry["detail"]["list"] == "lapsing" and "Lapsing" not in str(entry)
    text = outreach.outreach_csv(store, counsellor, "returned_pmi", as_of=D)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["full_name"] for r in rows][:1] == ["Returned Waiting"] and rows[0]["phone"] == "081200010"
    assert audit_entries(store, action="export_outreach").items[-1]["detail"]["rows"] == 4
    with pytest.raises(PermissionError):
        outreach.outreach_csv(store, create_key(store, "admin"), "lapsing", as_of=D)
    other = create_key(store, "counsellor", office_code="SBY")
    assert outreach.record_contact(store, other, ids["w10"], "returned_pmi", "reached", D) is None
    with pytest.raises(ValueError):
        outreach.record_contact(store, counsellor, ids["w10"], "returned_pmi", "free text", D)
    with pytest.raises(ValueError):
        outreach.record_contact(
            store, counsellor, ids["w10"], "returned_pmi", "reached", date.today() + timedelta(1)
        )
    contact = audit_entries(store, action="outreach_contact").items
    assert contact == [] or all("reached" in str(e["detail"]) for e in contact)
    assert export_worker(store, counsellor, ids["w12"])["outreach_contacts"][0]["outcome"] == "reached"  # type: ignore[index]


def _h(key: ApiKey) -> dict[str, str]:
    return {"X-API-Key": key.secret}


def test_api_outreach(filled: Any) -> None:
    store, _, counsellor = filled
    client = TestClient(create_app(store))
    answer = client.get(f"/api/outreach?list=lapsing&days={N}&as_of={D}", headers=_h(counsellor))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [i["full_name"] for i in body["items"]] == ["Lapsed Yesterday", "Gap After Spell", "Lapsing Both"]
    assert body["counts"] == {"lapsing": 3, "no_injury_cover": 4, "returned_pmi": 4}
    assert body["items"][2]["spells"][0]["paid_until"] == _day(N - 1) and body["as_of"] == D.isoformat()
    assert client.get("/api/outreach?list=lapsing&office=SBY", headers=_h(counsellor)).status_code == 403
    assert (
        client.get("/api/outreach?list=lapsing", headers=_h(create_key(store, "analyst"))).status_code == 403
    )
    assert client.get("/api/outreach?list=lapsing").status_code == 401
    assert client.get("/api/outreach?list=nobody", headers=_h(counsellor)).status_code == 422
    assert (
        client.get("/api/outreach?list=lapsing&as_of=2026-02-30", headers=_h(counsellor)).status_code == 422
    )
    denied = [e for e in audit_entries(store, action="denied").items if e["entity"] == "outreach"]
    assert denied and denied[-1]["detail"]["status"] == 403
    spec = client.get("/openapi.json").json()["paths"]["/api/outreach"]["get"]
    listed = {p["name"]: p for p in spec["parameters"]}
    assert listed["list"]["schema"]["enum"] == ["lapsing", "no_injury_cover", "returned_pmi"]


def test_outreach_page_csv_and_contact(filled: Any) -> None:
    store, ids, counsellor = filled
    client = TestClient(create_app(store))
    assert client.get("/outreach").status_code == 401
    assert sign_in(client, counsellor.secret).status_code == 303
    assert 'href="/outreach?lang=id"' in client.get("/workers").text
    page = client.get(f"/outreach?list=lapsing&days={N}&as_of={D}")
    assert page.status_code == 200 and "Penjangkauan" in page.text
    assert "JKK &amp; JKM berakhir 30 Jun 2026 — ingatkan untuk membayar iuran" in page.text
    assert f'href="/workers/{ids["w1"]}?lang=id"' in page.text
    english = client.get(f"/outreach?list=no_injury_cover&as_of={D}&lang=en")
    assert "Working abroad without JKK" in english.text and "PMI abroad and prospective PMI" in english.text
    returned = client.get(f"/outreach?list=returned_pmi&as_of={D}&lang=id")
    assert "Kembali dari Taiwan 21 Feb 2026 (asisten perawatan di rumah)" in returned.text
    download = client.get(f"/outreach/returned_pmi.csv?as_of={D}")
    assert download.status_code == 200 and download.text.startswith("worker_id,full_name,phone")
    token = returned.text.split('name="csrf" value="')[1].split('"')[0]
    form = {
        "worker": str(ids["w10"]),
        "reason": "returned_pmi",
        "outcome": "reached",
        "contacted_on": D.isoformat(),
    }
    saved = client.post("/outreach/contacts", data={**form, "csrf": token}, follow_redirects=False)
    assert saved.status_code == 303 and "saved=1" in saved.headers["location"]
    assert client.post("/outreach/contacts", data=form, follow_redirects=False).status_code == 403
    assert "Returned Waiting" not in client.get(f"/outreach?list=returned_pmi&as_of={D}").text
    s1 = ids["s1"]
    stranger = client.post("/outreach/contacts", data={**form, "worker": str(s1), "csrf": token})
    assert stranger.status_code == 404


def test_returned_pmi_journey_starts_from_the_work_abroad(filled: Any) -> None:
    store, ids, counsellor = filled
    tax = load_taxonomy()
    client = TestClient(create_app(store))
    sign_in(client, counsellor.secret)
    page = client.get(f"/workers/{ids['w10']}").text
    assert "Pengalaman kerja di luar negeri" in page and "Taiwan" in page and "2,7 tahun" in page
    start = page.split('id="see-options" href="')[1].split('"')[0].replace("&amp;", "&")
    assert parse_qs(urlsplit(start).query)["occ"] == [tax.occupation(CARER).uri]  # no occupation of their own
    options = page.split('id="overseas-options" href="')[1].split('"')[0].replace("&amp;", "&")
    shown = client.get(options).text
    expected = recommend(Profile(occupations=(tax.occupation(CARER).uri,)), top=3)
    assert all(r.occupation.label("id") in shown for r in expected)
    plan = page.split('id="overseas-plan" href="')[1].split('"')[0].replace("&amp;", "&")
    assert parse_qs(urlsplit(plan).query)["to"] == [expected[0].occupation.uri]
    planned = client.get(plan).text
    assert f'<option value="{ids["w10"]}" selected>' in planned  # saved to this worker by default
    # a worker's own occupation stays the start; the sector fills in a placement with no occupation
    store.backend.execute("UPDATE workers SET occupations = ? WHERE id = ?", (TAILOR, ids["w10"]))
    own = client.get(f"/workers/{ids['w10']}").text
    assert "Pengalaman kerja di luar negeri" in own
    assert (
        tax.occupation(TAILOR).uri.replace(":", "%3A").replace("/", "%2F")
        in own.split('id="see-options"')[1][:300]
    )
    assert "buruh konstruksi bangunan" in client.get(f"/workers/{ids['w17']}").text
    assert "Pengalaman kerja di luar negeri" not in client.get(f"/workers/{ids['w1']}").text


def test_demo_returned_pmi_have_occupations_the_recommender_knows() -> None:
    store = open_store("duckdb:///:memory:")
    load_demo(store, postings=300, workers=120, today=D)
    returned = store.backend.query(
        "SELECT p.*, w.occupations AS own FROM placements p JOIN workers w ON w.id = p.worker_id "
        "WHERE p.status = 'returned'"
    )
    assert returned
    for placement in returned:
        occupation = overseas_occupation(placement)
        assert occupation is not None and recommend(Profile(occupations=(occupation.uri,)), top=1)
    assert any(not p["own"] for p in returned) and any(p["own"] for p in returned)
    assert returned_work([{**returned[0], "documents": []}]) is not None
