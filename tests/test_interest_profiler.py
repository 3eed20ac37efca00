"""The interest profiler: items, official scoring, warnings, matching, crosswalk, why-this-match, eval."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from tangkas.cli import app
from tangkas.evaluation.interests import evaluate_interests, simulate_answers
from tangkas.youth import (
    AREAS,
    EDUCATION_ZONES,
    IncompleteAnswersError,
    load_items,
    match_interests,
    score_answers,
    top_areas,
)
from tangkas.youth.matching import UnrankableProfileError, load_interests
from tangkas.youth.profiler import ITEMS_FILE

runner = CliRunner()


def _numbers(area: str) -> list[int]:
    return [item.number for item in load_items("short60") if item.area == area]


def _own_profile(soc: str, form: str = "short60") -> dict[int, int]:
    data = load_interests()
    return simulate_answers(data.ratings[data.socs.index(soc)].tolist(), form, "spread")  # type: ignore[arg-type]


# -- items --------------------------------------------------------------------------------------


def test_interest_items_file_has_both_forms_complete_and_in_order() -> None:
    with ITEMS_FILE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for form, total, per_area in (("short60", 60, 10), ("mini30", 30, 5)):
        items = [r for r in rows if r["form"] == form]
        assert sorted(int(r["number"]) for r in items) == list(range(1, total + 1))
        assert {a: sum(r["area"] == a for r in items) for a in AREAS} == dict.fromkeys(AREAS, per_area)
        assert all(r["text_en"].strip() and r["text_id"].strip() and r["source"] for r in items)
        assert {r["verification"] for r in items} <= {"text", "secondary", "unverified"}
        assert len({r["text_en"] for r in items}) == total
    short = load_items("short60")
    assert [i.area for i in short[:14]] == list("RRIIAASSEECCRR")  # two a area, cycling R..C
    assert [i.area for i in load_items("mini30")[:7]] == list("RIASECR")
    assert [i.text_en for i in load_items("mini30")[:2]] == [
        "Build kitchen cabinets",
        "Develop a new medicine",
    ]


def test_interest_items_adaptations_are_noted() -> None:
    adapted = [i for i in load_items("short60") if i.note.startswith("adapted")]
    assert len(adapted) >= 10
    dance = next(i for i in load_items("short60") if i.text_en == "Perform jazz or tap dance")
    assert "tari" in dance.text_id and dance.note


# -- scoring ------------------------------------------------------------------------------------


def test_score_all_strongly_like_is_forty_per_area() -> None:
    assert score_answers([4] * 60).scores == dict.fromkeys(AREAS, 40)
    assert score_answers([0] * 60).scores == dict.fromkeys(AREAS, 0)
    assert score_answers([4] * 30, "mini30").scores == dict.fromkeys(AREAS, 20)


def test_score_mixed_pattern_computed_by_hand() -> None:
    # R = items 1,2,13,14,25,26,37,38,49,50; I = 3,4,15,16,...; the form cycles two items an area.
    assert _numbers("R") == [1, 2, 13, 14, 25, 26, 37, 38, 49, 50]
    assert _numbers("C") == [11, 12, 23, 24, 35, 36, 47, 48, 59, 60]
    answers = dict.fromkeys(range(1, 61), 0)
    answers.update(dict.fromkeys(_numbers("R"), 3))
    answers[1] = 0  # R: nine 3s and one 0 = 27
    answers.update(dict.fromkeys(_numbers("I"), 1))  # I: 10
    answers.update({5: 4, 6: 4})  # A: two 4s = 8
    answers.update(dict.fromkeys(_numbers("S"), 2))  # S: 20
    answers.update(dict.fromkeys(_numbers("E"), 4))  # E: 40
    answers[11] = 4  # C: one 4 = 4
    profile = score_answers(answers)
    assert profile.scores == {"R": 27, "I": 10, "A": 8, "S": 20, "E": 40, "C": 4}
    assert profile.code == "ERS"
    assert profile.vector == (27, 10, 8, 20, 40, 4)
    assert score_answers([answers[n] for n in range(1, 61)]).scores == profile.scores


def test_score_refuses_missing_items_by_number() -> None:
    answers: dict[int, object] = dict.fromkeys(range(1, 61), 2)
    del answers[17]
    answers[5] = None
    with pytest.raises(IncompleteAnswersError) as raised:
        score_answers(answers)
    assert raised.value.missing == (5, 17)
    assert "items not answered: 5, 17" in str(raised.value)
    assert "butir belum dijawab: 5, 17" in raised.value.say("id")


@pytest.mark.parametrize("bad", [5, -1, 2.5, True, "3"])
def test_score_refuses_answers_outside_zero_to_four(bad: object) -> None:
    answers: dict[int, object] = dict.fromkeys(range(1, 61), 2)
    answers[9] = bad
    with pytest.raises(IncompleteAnswersError) as raised:
        score_answers(answers)
    assert raised.value.invalid == (9,)
    assert str(bad) not in str(raised.value).split(":")[-1].replace("0-4", "")


def test_score_refuses_unknown_items_and_a_short_form() -> None:
    with pytest.raises(IncompleteAnswersError) as raised:
        score_answers({**dict.fromkeys(range(1, 61), 2), 61: 3})
    assert raised.value.unknown == (61,)
    with pytest.raises(IncompleteAnswersError):
        score_answers([2] * 60, "mini30")


# -- warnings -----------------------------------------------------------------------------------


def test_warnings_flat_same_and_extreme() -> None:
    assert score_answers([2] * 60).warnings == ("flat", "same_answer")
    cycling = {n: (k % 5) for a in AREAS for k, n in enumerate(_numbers(a))}
    assert score_answers(cycling).warnings == ("flat",)  # every area 20
    extreme = {n: 4 if a in "RIA" else 0 for a in AREAS for n in _numbers(a)}
    assert score_answers(extreme).warnings == ("all_extreme",)
    clear = {n: {"R": 3, "I": 3, "A": 1, "S": 2, "E": 1, "C": 2}[a] for a in AREAS for n in _numbers(a)}
    clear[1] = 4
    assert score_answers(clear).warnings == ()


def test_top_three_ties_keep_riasec_order() -> None:
    assert top_areas(dict.fromkeys(AREAS, 7)) == "RIA"
    assert top_areas({"R": 1, "I": 2, "A": 9, "S": 9, "E": 2, "C": 9}) == "ASC"


# -- matching -----------------------------------------------------------------------------------


@pytest.mark.parametrize("soc", ["15-1252.00", "29-1141.00", "47-2111.00", "27-1024.00"])
def test_match_own_profile_ranks_first_among_its_zone(soc: str) -> None:
    data = load_interests()
    zone = int(data.zones[data.socs.index(soc)])
    matches = match_interests(score_answers(_own_profile(soc)), limit=len(data.socs), require_esco=False)
    same_zone = [m for m in matches if m.job_zone == zone]
    assert same_zone[0].soc == soc
    assert same_zone[0].correlation == pytest.approx(1.0, abs=0.02)


def test_match_job_zone_filter_and_stretch() -> None:
    profile = score_answers(_own_profile("15-1252.00"))
    plain = match_interests(profile, education="SMA", limit=30)
    assert plain and all(m.job_zone <= EDUCATION_ZONES["SMA"] == 2 and not m.with_training for m in plain)
    stretched = match_interests(profile, education="sma", stretch=True, limit=30)
    assert max(m.job_zone for m in stretched) == 3
    assert all(m.with_training == (m.job_zone == 3) for m in stretched)
    everything = match_interests(profile, limit=5)
    assert everything[0].soc == "15-1252.00" and everything[0].job_zone == 4
    with pytest.raises(Exception, match="unknown education level"):
        match_interests(profile, education="SLTA")


def test_match_crosswalks_to_esco_and_kbji() -> None:
    match = match_interests(score_answers(_own_profile("15-1252.00")), limit=1)[0]
    codes = {link.code for link in match.esco}
    assert "2512.4" in codes
    developer = next(link for link in match.esco if link.code == "2512.4")
    assert developer.uri.startswith("http://data.europa.eu/esco/occupation/")
    assert developer.label("id") and developer.label("en") == "software developer"
    assert developer.kbji_group[0] == "2512" and developer.kbji_group[1]
    assert all(
        link.uri for m in match_interests(score_answers(_own_profile("47-2111.00"))) for link in m.esco
    )


def test_match_explains_itself_with_liked_items_of_the_top_areas() -> None:
    answers = _own_profile("27-1024.00")  # Graphic Designers: Artistic first
    profile = score_answers(answers)
    match = match_interests(profile, limit=1)[0]
    assert match.reasons
    top_two = match.areas[:2]
    assert all(item.area in top_two and answers[item.number] >= 3 for item in match.reasons)
    number, text = match.why("id")[0]
    assert text == next(i.text_id for i in load_items("short60") if i.number == number)
    assert match.why("en")[0][1] == next(i.text_en for i in load_items("short60") if i.number == number)


def test_match_refuses_a_profile_without_differences() -> None:
    with pytest.raises(UnrankableProfileError):
        match_interests(score_answers([2] * 60))


# -- evaluation ---------------------------------------------------------------------------------


def test_eval_interests_meets_the_self_recovery_goal() -> None:
    report = evaluate_interests()
    assert report["codes"] == len(load_interests().socs) > 900
    assert report["short60_spread"]["top10"] >= 0.9
    assert 0 <= report["short60_noisy"]["top10"] <= report["short60_spread"]["top10"]
    assert 0.5 < report["forms_same_top3_code"] <= 1


def test_eval_interests_command_prints_both_languages() -> None:
    result = runner.invoke(app, ["eval", "interests", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["mini30_spread"]["top10"] > 0
    indonesian = runner.invoke(app, ["eval", "interests"])
    assert "Kesepakatan" in indonesian.output and "10 teratas" in indonesian.output
    english = runner.invoke(app, ["eval", "interests", "--lang", "en"])
    assert "Agreement" in english.output
