from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, timedelta
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tangkas.protection import (
    Candidate,
    InvalidContractError,
    Membership,
    NoRuleInForceError,
    Placement,
    PlacementDocument,
    check_readiness,
    contract_months,
    contribution_due,
    law,
)
from tangkas.protection.contributions import add_months, contribution_rules, rule_in_force
from tangkas.protection.models import DOCUMENTS, PROGRAMMES, SECTORS, SEGMENTS
from tangkas.protection.rules import destinations, laws, messages

AS_OF = date(2025, 1, 15)
START = date(2025, 3, 1)
END = date(2027, 2, 28)  # 24 months


def placement(**changes: object) -> Placement:
    base = Placement("TW", "caregiving", START, END, "prospective", fee_charged_idr=0)
    return replace(base, **changes)  # type: ignore[arg-type]


def all_documents(expires: date | None = date(2032, 1, 1)) -> list[PlacementDocument]:
    return [PlacementDocument(kind, date(2024, 10, 1), expires) for kind in DOCUMENTS]


def covering(start: date = AS_OF, until: date = date(2027, 3, 28)) -> list[Membership]:
    return [Membership(programme, "pmi", start, until) for programme in ("JKK", "JKM")]


ADULT = Candidate(date(1998, 7, 1), 1998, married=False)


# --- contribution tables, by hand -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "expected", "tier", "extra"),
    [
        (6, 108_000, 6, 0),
        (12, 189_000, 12, 0),
        (24, 332_500, 24, 0),
        (30, 332_500 + 6 * 13_500, 24, 6),  # 413,500
        (7, 108_000 + 13_500, 6, 1),  # 121,500: the 6-month package and one month beyond
        (3, 108_000, 6, 0),  # shorter than the smallest package: that package
        (13, 189_000 + 13_500, 12, 1),  # 202,500
        (18, 189_000 + 6 * 13_500, 12, 6),  # 270,000 (= 6 + 12 months, the same)
        (23, 332_500, 24, 0),  # the 24-month package is cheaper than 12 + 11 months (337,500)
        (36, 332_500 + 12 * 13_500, 24, 12),  # 494,500, as BP2MI charged the 2024 Korea G-to-G group
    ],
)
def test_protection_readiness_permenaker_4_2023_amounts(
    months: int, expected: int, tier: int, extra: int
) -> None:
    due = contribution_due(START, add_months(START, months), AS_OF)
    assert (due.rule, due.months, due.placement_idr) == ("pmk4_2023", months, expected)
    assert (due.tier_months, due.extra_months, due.pre_placement_idr) == (tier, extra, 37_500)
    assert due.total_idr == 37_500 + expected


@pytest.mark.parametrize(("months", "expected"), [(6, 332_500), (7, 332_500), (24, 332_500), (30, 413_500)])
def test_protection_readiness_permenaker_18_2018_amounts(months: int, expected: int) -> None:
    start = date(2021, 3, 1)
    due = contribution_due(start, add_months(start, months), date(2021, 1, 10))
    assert (due.rule, due.placement_idr, due.pre_placement_idr) == ("pmk18_2018", expected, 37_500)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2025, 1, 1), date(2025, 6, 30), 6),
        (date(2025, 1, 1), date(2025, 7, 1), 6),
        (date(2025, 1, 1), date(2025, 7, 2), 7),
        (date(2025, 1, 31), date(2025, 2, 28), 1),
        (date(2025, 1, 1), date(2025, 1, 1), 1),
        (date(2024, 3, 10), date(2026, 3, 9), 24),
    ],
)
def test_protection_readiness_contract_months_count_started_months(
    start: date, end: date, months: int
) -> None:
    assert contract_months(start, end) == months


def test_protection_readiness_contract_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidContractError, match="before it starts"):
        contribution_due(date(2025, 3, 1), date(2025, 2, 1), AS_OF)
    with pytest.raises(InvalidContractError):
        check_readiness(ADULT, placement(contract_end=date(2025, 1, 1)), [], [], AS_OF)


def test_protection_readiness_rule_switches_on_its_effective_date() -> None:
    six = (date(2023, 4, 1), date(2023, 10, 1))
    assert contribution_due(*six, date(2023, 3, 9)).placement_idr == 332_500
    assert contribution_due(*six, date(2023, 3, 10)).placement_idr == 108_000
    assert rule_in_force(date(2018, 12, 10)).key == "pmk18_2018"
    with pytest.raises(NoRuleInForceError):
        rule_in_force(date(2018, 12, 9))


def test_protection_readiness_a_2021_contract_uses_permenaker_18_2018() -> None:
    contract = placement(contract_start=date(2021, 4, 1), contract_end=date(2022, 3, 31))
    check = check_readiness(ADULT, contract, all_documents(), [], date(2021, 2, 1))
    item = check.item("jkk_jkm_placement")
    assert (item.law_key, item.amount_idr, item.status) == ("pmk18_2018", 332_500, "missing")
    assert check.item("jkk_jkm_pre_placement").law_key == "pmk18_2018"
    assert check.contribution is not None and check.contribution.months == 12
    later = check_readiness(ADULT, contract, all_documents(), [], date(2023, 6, 1))
    assert later.item("jkk_jkm_placement").law_key == "pmk4_2023"


def test_protection_readiness_before_any_contribution_rule_says_so() -> None:
    contract = placement(contract_start=date(2018, 9, 1), contract_end=date(2019, 8, 31))
    check = check_readiness(ADULT, contract, [], [], date(2018, 6, 1))
    for id in ("jkk_jkm_pre_placement", "jkk_jkm_placement"):
        item = check.item(id)
        assert (item.status, item.law_key, item.amount_idr) == ("missing", None, None)
        assert "not in this data" in item.detail_en
    assert check.contribution is None
    with pytest.raises(NoRuleInForceError):
        check_readiness(ADULT, contract, [], [], date(2017, 1, 1))


# --- age ---------------------------------------------------------------------------------------------


def test_protection_readiness_age_eighteen_on_the_day() -> None:
    born = date(2007, 1, 15)
    assert check_readiness(Candidate(born, 2007), placement(), [], [], AS_OF).item("age").status == "pass"
    under = check_readiness(Candidate(born, 2007), placement(), [], [], AS_OF - timedelta(days=1)).item("age")
    assert under.status == "fail"
    assert under.law_key == "uu18_2017_p5"
    assert "15 Jan 2025" in under.detail_en and "You are 17" in under.detail_en


def test_protection_readiness_age_born_on_29_february() -> None:
    born = Candidate(date(2004, 2, 29), 2004)
    assert check_readiness(born, placement(), [], [], date(2022, 2, 28)).item("age").status == "fail"
    assert "1 Mar 2022" in check_readiness(born, placement(), [], [], date(2022, 2, 28)).item("age").detail_en
    assert check_readiness(born, placement(), [], [], date(2022, 3, 1)).item("age").status == "pass"


@pytest.mark.parametrize(
    ("birth_year", "as_of", "status"),
    [
        (2006, AS_OF, "pass"),  # 18 or 19 on 15 January 2025
        (2007, AS_OF, "missing"),  # 17 or 18: the year cannot decide
        (2007, date(2025, 12, 31), "pass"),  # everyone born in 2007 is 18 by the year's last day
        (2008, AS_OF, "fail"),  # 16 or 17
        (2030, AS_OF, "fail"),  # a birth year in the future
    ],
)
def test_protection_readiness_age_from_a_birth_year_only(birth_year: int, as_of: date, status: str) -> None:
    item = check_readiness(Candidate(None, birth_year), placement(), [], [], as_of).item("age")
    assert item.status == status
    assert str(birth_year) in item.detail_id


def test_protection_readiness_age_unknown_is_missing() -> None:
    assert check_readiness(Candidate(None, None), placement(), [], [], AS_OF).item("age").status == "missing"


@given(st.integers(1960, 2015), st.dates(date(2019, 1, 1), date(2030, 12, 31)), st.data())
def test_protection_readiness_birth_year_never_contradicts_the_birth_date(
    year: int, as_of: date, data: st.DataObject
) -> None:
    by_year = check_readiness(Candidate(None, year), placement(), [], [], as_of).item("age").status
    born = data.draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
    by_date = check_readiness(Candidate(born, year), placement(), [], [], as_of).item("age").status
    assert by_year == "missing" or by_year == by_date


def test_protection_readiness_candidate_from_a_woman_s_nik() -> None:
    candidate = Candidate.from_record("3273015001070002", 2007, AS_OF, married=True)  # 10 January 2007
    assert candidate.birth_date == date(2007, 1, 10)
    assert check_readiness(candidate, placement(), [], [], AS_OF).item("age").status == "pass"
    assert Candidate.from_record("32730150010700", 2007, AS_OF).birth_date is None  # not 16 digits


# --- documents ---------------------------------------------------------------------------------------


def test_protection_readiness_all_eight_documents_pass() -> None:
    check = check_readiness(ADULT, placement(), all_documents(), [], AS_OF)
    ids = [f"document_{kind}" for kind in DOCUMENTS]
    assert [item.id for item in check.items[1:9]] == ids
    assert {check.item(id).status for id in ids} == {"pass"}
    assert {check.item(id).law_key for id in ids} == {"uu18_2017_p13"}


def test_protection_readiness_a_missing_document_is_missing() -> None:
    documents = [d for d in all_documents() if d.document != "work_visa"]
    check = check_readiness(ADULT, placement(), documents, [], AS_OF)
    assert check.item("document_work_visa").status == "missing"
    assert check.item("document_work_visa").detail_id == "Visa kerja: belum ada."


def test_protection_readiness_passport_expiring_before_the_contract_ends_fails() -> None:
    documents = [*all_documents()[:4], PlacementDocument("passport", date(2020, 5, 1), date(2026, 5, 1))]
    item = check_readiness(ADULT, placement(), documents, [], AS_OF).item("document_passport")
    assert item.status == "fail"
    assert "1 May 2026" in item.detail_en and "28 Feb 2027" in item.detail_en
    renewed = [*documents, PlacementDocument("passport", date(2024, 12, 1), date(2034, 12, 1))]
    assert check_readiness(ADULT, placement(), renewed, [], AS_OF).item("document_passport").status == "pass"


def test_protection_readiness_other_documents_need_to_last_until_departure() -> None:
    visa = PlacementDocument("work_visa", date(2024, 12, 1), date(2025, 6, 1))  # after departure: fine
    health = PlacementDocument("health_certificate", date(2024, 9, 1), date(2025, 2, 1))  # before departure
    check = check_readiness(ADULT, placement(), [visa, health], [], AS_OF)
    assert check.item("document_work_visa").status == "pass"
    assert check.item("document_health_certificate").status == "fail"
    assert "the day you leave" in check.item("document_health_certificate").detail_en
    departed = check_readiness(ADULT, placement(departed_on=date(2025, 1, 31)), [health], [], AS_OF)
    assert departed.item("document_health_certificate").status == "pass"


def test_protection_readiness_a_document_issued_after_the_day_checked_was_not_there() -> None:
    later = [PlacementDocument("passport", date(2025, 2, 1), date(2035, 2, 1))]
    assert check_readiness(ADULT, placement(), later, [], AS_OF).item("document_passport").status == "missing"


def test_protection_readiness_marriage_documents_are_worded_for_the_married() -> None:
    married = check_readiness(replace(ADULT, married=True), placement(), [], [], AS_OF)
    assert "buku nikah" in married.item("document_marriage_status").detail_id
    assert "suami atau istri" in married.item("document_family_permission").detail_id
    single = check_readiness(ADULT, placement(), [], [], AS_OF)
    assert "buku nikah" not in single.item("document_marriage_status").detail_id
    assert single.item("document_marriage_status").status == "missing"  # required of everyone
    assert "orang tua atau wali" in single.item("document_family_permission").detail_id


# --- JKK + JKM, JHT ----------------------------------------------------------------------------------


def test_protection_readiness_covering_spells_pass_both_jkk_jkm_items() -> None:
    check = check_readiness(ADULT, placement(), all_documents(), covering(), AS_OF)
    assert check.item("jkk_jkm_pre_placement").status == "pass"
    assert check.item("jkk_jkm_pre_placement").amount_idr == 37_500
    during = check.item("jkk_jkm_placement")
    assert (during.status, during.amount_idr, during.law_key) == ("pass", 332_500, "pmk4_2023")
    assert check.ready


def test_protection_readiness_cover_must_last_a_month_after_the_contract() -> None:
    short = covering(until=END)
    item = check_readiness(ADULT, placement(), all_documents(), short, AS_OF).item("jkk_jkm_placement")
    assert item.status == "fail"
    assert "1 Mar 2027" in item.detail_en and "28 Mar 2027" in item.detail_en


def test_protection_readiness_spells_join_without_a_gap_and_fail_with_one() -> None:
    pre = covering(until=START - timedelta(days=1))
    joined = pre + covering(start=START)
    assert check_readiness(ADULT, placement(), [], joined, AS_OF).item("jkk_jkm_placement").status == "pass"
    gap = pre + covering(start=START + timedelta(days=1))
    item = check_readiness(ADULT, placement(), [], gap, AS_OF).item("jkk_jkm_placement")
    assert item.status == "fail" and "1 Mar 2025" in item.detail_en


def test_protection_readiness_unpaid_cover_is_missing_and_other_segments_do_not_count() -> None:
    wage = [Membership(p, "wage", AS_OF, date(2030, 1, 1)) for p in ("JKK", "JKM")]
    check = check_readiness(ADULT, placement(), [], wage, AS_OF)
    assert check.item("jkk_jkm_pre_placement").status == "missing"
    assert check.item("jkk_jkm_placement").status == "missing"
    only_jkk = [covering()[0]]
    assert (
        check_readiness(ADULT, placement(), [], only_jkk, AS_OF).item("jkk_jkm_placement").status == "missing"
    )


def test_protection_readiness_pre_placement_cover_that_lapsed_fails() -> None:
    lapsed = covering(start=date(2024, 12, 1), until=date(2025, 2, 1))
    item = check_readiness(ADULT, placement(), [], lapsed, AS_OF).item("jkk_jkm_pre_placement")
    assert item.status == "fail" and "2 Feb 2025" in item.detail_en


def test_protection_readiness_jht_is_information_only() -> None:
    without = check_readiness(ADULT, placement(), all_documents(), covering(), AS_OF)
    assert without.item("jht").status == "missing" and not without.item("jht").required
    assert without.ready
    assert "Rp50.000" in without.item("jht").detail_id
    jht = Membership("JHT", "pmi", AS_OF, date(2027, 3, 28), 100_000)
    assert check_readiness(ADULT, placement(), [], [jht], AS_OF).item("jht").status == "pass"


# --- placement fee -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fee", "status", "amount"), [(0, "pass", 0), (4_500_000, "fail", 4_500_000), (None, "missing", None)]
)
def test_protection_readiness_placement_fee(fee: float | None, status: str, amount: int | None) -> None:
    item = check_readiness(ADULT, placement(fee_charged_idr=fee), [], [], AS_OF).item("placement_fee")
    assert (item.status, item.amount_idr, item.law_key) == (status, amount, "uu18_2017_p30")
    if fee:
        assert "Rp4.500.000" in item.detail_id and "Rp4,500,000" in item.detail_en


def test_protection_readiness_a_fee_charged_keeps_the_worker_from_being_ready() -> None:
    ready = check_readiness(ADULT, placement(), all_documents(), covering(), AS_OF)
    assert ready.ready
    assert not check_readiness(ADULT, placement(fee_charged_idr=1), all_documents(), covering(), AS_OF).ready


# --- destination -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "sector", "as_of", "status", "law_key", "words"),
    [
        ("MY", "domestic_work", date(2022, 1, 10), "pass", "my_eis_domestic_2021", "1 Jun 2021"),
        ("MY", "domestic_work", date(2021, 1, 10), "missing", "my_eis_domestic_2021", "only from 1 Jun 2021"),
        ("MY", "manufacturing", date(2021, 1, 10), "pass", "my_eis_foreign_2019", "1 Jan 2019"),
        ("SG", "domestic_work", AS_OF, "pass", "sg_mdw_insurance", "S$60,000"),
        ("SG", "manufacturing", AS_OF, "missing", None, "manufacturing"),
        ("TW", "caregiving", date(2022, 4, 30), "missing", "tw_occupational_accident_2022", "1 May 2022"),
        ("tw", "caregiving", date(2022, 5, 1), "pass", "tw_occupational_accident_2022", "1 May 2022"),
        ("HK", "domestic_work", AS_OF, "pass", "hk_employees_compensation", "employees' compensation"),
        ("SA", "domestic_work", AS_OF, "missing", None, "SA: we have no data"),
    ],
)
def test_protection_readiness_destination_information(
    country: str, sector: str, as_of: date, status: str, law_key: str | None, words: str
) -> None:
    contract = placement(
        destination=country, sector=sector, contract_start=as_of, contract_end=add_months(as_of, 24)
    )
    item = check_readiness(ADULT, contract, [], [], as_of).item("destination")
    assert (item.status, item.law_key, item.required) == (status, law_key, False)
    assert words.lower() in item.detail_en.lower()


# --- the checklist as a whole ------------------------------------------------------------------------


def test_protection_readiness_items_come_in_a_fixed_order_with_resolvable_laws() -> None:
    check = check_readiness(ADULT, placement(), [], [], AS_OF)
    assert [item.id for item in check.items] == [
        "age",
        *(f"document_{kind}" for kind in DOCUMENTS),
        "jkk_jkm_pre_placement",
        "jkk_jkm_placement",
        "jht",
        "placement_fee",
        "destination",
    ]
    for item in check.items:
        assert item.law_key is None or law(item.law_key).text_id
        assert item.detail_id and item.detail_en and "{" not in item.detail_id + item.detail_en
    assert check.rules_version


def test_protection_readiness_shipped_rules_carry_sources_and_reasons() -> None:
    folder = resources.files("tangkas") / "data" / "protection"
    for name in ("law.csv", "contributions.csv"):
        with (folder / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert row["verified"] in {"text", "secondary", "unverified"}, row
                assert row["source"] or row["verified"] == "unverified", row
                assert row["note"] or row["verified"] != "unverified", (
                    f"{name}: an unverified row needs its reason"
                )
    assert {status.status for status in messages().values()} <= {"pass", "fail", "missing", ""}
    assert set(contribution_rules()) <= set(laws())
    for rows in destinations().values():
        for row in rows:
            assert row.law_key in laws()
            assert row.sectors is None or row.sectors <= set(SECTORS)


# --- invariants --------------------------------------------------------------------------------------

days = st.dates(date(2019, 1, 1), date(2027, 12, 31))
spells = st.builds(
    lambda programme, segment, start, length: Membership(
        programme, segment, start, start + timedelta(days=length)
    ),
    st.sampled_from(PROGRAMMES),
    st.sampled_from(SEGMENTS),
    days,
    st.integers(0, 1200),
)
placements = st.builds(
    lambda country, sector, start, months, fee: Placement(
        country, sector, start, add_months(start, months), "prospective", fee_charged_idr=fee
    ),
    st.sampled_from(["MY", "SG", "TW", "HK", "KR", "SA"]),
    st.sampled_from(SECTORS),
    days,
    st.integers(1, 60),
    st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2_000_000.0])),
)
papers = st.lists(
    st.builds(
        PlacementDocument,
        st.sampled_from(DOCUMENTS),
        st.one_of(st.none(), days),
        st.one_of(st.none(), days),
    ),
    max_size=10,
)
candidates = st.builds(
    Candidate,
    st.one_of(st.none(), st.dates(date(1970, 1, 1), date(2012, 12, 31))),
    st.just(None),
    st.booleans(),
)


@settings(max_examples=300)
@given(candidates, placements, papers, st.lists(spells, max_size=6), spells, days)
def test_protection_readiness_adding_a_membership_never_turns_a_pass_into_anything_else(
    candidate: Candidate,
    contract: Placement,
    documents: list[PlacementDocument],
    memberships: list[Membership],
    extra: Membership,
    as_of: date,
) -> None:
    before = check_readiness(candidate, contract, documents, memberships, as_of)
    after = check_readiness(candidate, contract, documents, [*memberships, extra], as_of)
    for old, new in zip(before.items, after.items, strict=True):
        assert old.status != "pass" or new.status == "pass", (old, new)
    assert not before.ready or after.ready


@settings(max_examples=200)
@given(candidates, placements, papers, st.lists(spells, max_size=4), days)
def test_protection_readiness_covering_membership_passes_the_jkk_jkm_items(
    candidate: Candidate,
    contract: Placement,
    documents: list[PlacementDocument],
    memberships: list[Membership],
    as_of: date,
) -> None:
    rule = rule_in_force(as_of)
    cover = covering(
        start=as_of, until=add_months(max(contract.contract_end, as_of), rule.post_placement_months)
    )
    check = check_readiness(candidate, contract, documents, [*memberships, *cover], as_of)
    assert check.item("jkk_jkm_pre_placement").status == "pass"
    assert check.item("jkk_jkm_placement").status == "pass"
    assert check.ready == all(item.status == "pass" for item in check.items if item.required)


@given(st.dates(date(2019, 1, 1), date(2027, 12, 31)), st.integers(1, 72), st.integers(1, 72), days)
def test_protection_readiness_contribution_never_decreases_as_the_contract_lengthens(
    start: date, first: int, second: int, as_of: date
) -> None:
    shorter, longer = sorted((first, second))
    short = contribution_due(start, add_months(start, shorter), as_of)
    long = contribution_due(start, add_months(start, longer), as_of)
    assert short.placement_idr <= long.placement_idr
    assert short.months <= long.months
