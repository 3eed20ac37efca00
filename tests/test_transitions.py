from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tangkas.careers.similarity import similarity_matrix
from tangkas.careers.transitions import (
    DemandTable,
    Profile,
    profile_scores,
    recommend_transitions,
    score_profiles,
    skill_gap,
    top_transitions,
    viability_thresholds,
)
from tangkas.cli import app
from tangkas.errors import TangkasError, UnknownConceptError
from tangkas.taxonomy import Taxonomy, load_taxonomy

TAX = load_taxonomy()
N_OCC, N_SKILLS = len(TAX.occupations), len(TAX.skills)
occupation_rows = st.integers(0, N_OCC - 1)
skill_rows = st.integers(0, N_SKILLS - 1)
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
runner = CliRunner()


def _uri(row: int) -> str:
    return TAX.occupations[row].uri


@FAST
@given(occupation_rows)
def test_transitions_gap_to_own_occupation_is_empty(row: int) -> None:
    gap = skill_gap(Profile(occupations=(_uri(row),)), _uri(row))
    assert gap.missing_essential == () and gap.missing_optional == ()
    assert len(gap.transferable) == len(TAX.essential_skills(TAX.occupations[row])) + len(
        TAX.optional_skills(TAX.occupations[row])
    )


@FAST
@given(occupation_rows, st.lists(skill_rows, min_size=1, max_size=3))
@example(83, [0, 0])  # a repeated skill once summed its credit, and float order once broke monotonicity
def test_transitions_adding_a_skill_never_makes_a_target_less_viable(row: int, skills: list[int]) -> None:
    base = Profile(occupations=(_uri(row),))
    more = Profile(occupations=(_uri(row),), skills=tuple(TAX.skills[s].uri for s in skills))
    before, _ = profile_scores(base)
    after, _ = profile_scores(more)
    assert (after >= before - 1e-6).all()


@FAST
@given(occupation_rows, occupation_rows)
def test_transitions_adding_a_past_occupation_never_loses_skills(first: int, second: int) -> None:
    one, _ = profile_scores(Profile(occupations=(_uri(first),)))
    both, parts = profile_scores(Profile(occupations=(_uri(first), _uri(second))))
    single, single_parts = profile_scores(Profile(occupations=(_uri(first),)))
    assert (parts["skills"] >= single_parts["skills"] - 1e-6).all()
    assert np.isfinite(both).all() and np.array_equal(one, single)


def test_transitions_single_occupation_profile_scores_its_matrix_row(tax: Taxonomy) -> None:
    matrix = similarity_matrix()
    rows = [0, 17, tax.occupation_index[tax.occupation("7531.5").uri]]
    scores, _ = score_profiles([Profile(occupations=(_uri(r),)) for r in rows])
    np.testing.assert_allclose(scores, matrix[rows], atol=1e-5)


def test_transitions_missing_essential_skills_are_ordered_by_importance(tax: Taxonomy) -> None:
    gap = skill_gap(Profile(occupations=("7531.5",)), "7533.5")
    importance = [g.importance for g in gap.missing_essential]
    assert importance == sorted(importance, reverse=True)
    essential = {s.uri for s in tax.essential_skills(tax.occupation("7533.5"))}
    assert set(gap.missing_essential_uris) <= essential
    assert not set(gap.missing_essential_uris) & {s.uri for s in gap.transferable}


def test_transitions_extra_skills_close_the_gap() -> None:
    before = skill_gap(Profile(occupations=("7531.5",)), "7533.5")
    after = skill_gap(Profile(occupations=("7531.5",), skills=before.missing_essential_uris), "7533.5")
    assert before.missing_essential and after.missing_essential == ()


def test_transitions_recommendations_are_viable_sorted_and_explained() -> None:
    recs = recommend_transitions(Profile(occupations=("7531.5",)), top=8)
    thresholds = viability_thresholds()
    assert len(recs) == 8
    assert [r.score for r in recs] == sorted((r.score for r in recs), reverse=True)
    for rec in recs:
        assert rec.viable and rec.score >= thresholds.viable
        assert rec.highly_viable == (rec.score >= thresholds.highly_viable)
        assert set(rec.components) >= {"skills", "semantic", "onet", "jobzone"}
        assert rec.desirability_inputs == ("automation_risk",)
        assert rec.raises_automation_risk == (rec.automation_risk_change > 0)  # type: ignore[operator]
        assert rec.occupation.code != "7531.5"


def test_transitions_preferences_filter_targets() -> None:
    plain = recommend_transitions(Profile(occupations=("7531.5",)), top=3)
    excluded = recommend_transitions(
        Profile(occupations=("7531.5",), exclude=frozenset({plain[0].occupation.uri})), top=3
    )
    assert plain[0].occupation not in [r.occupation for r in excluded]
    flat = recommend_transitions(Profile(occupations=("5321.1",), max_job_zone_jump=0), top=20)
    assert all(r.job_zone_rise == 0 for r in flat)


def test_transitions_demand_table_drives_desirability_and_minimum_pay(tax: Taxonomy) -> None:
    plain = recommend_transitions(Profile(occupations=("7531.5",)), top=4)
    tailor = tax.occupation("7531.5").uri
    first, second = plain[0].occupation.uri, plain[1].occupation.uri
    demand = DemandTable(
        median_pay={tailor: 3_000_000, first: 2_000_000, second: 4_000_000},
        postings={first: 10},
        province_postings={(second, "Jawa Barat"): 5},
    )
    profile = Profile(occupations=("7531.5",), province="Jawa Barat", min_pay=2_500_000)
    recs = recommend_transitions(profile, top=4, demand=demand)
    uris = [r.occupation.uri for r in recs]
    assert first not in uris and second in uris
    rec = recs[uris.index(second)]
    assert rec.pay_ratio == pytest.approx(4 / 3, rel=1e-3)
    assert rec.postings == 5
    assert rec.desirability_inputs == ("automation_risk", "pay", "demand_province")
    only_first = DemandTable(postings={first: 1})
    nowhere = recommend_transitions(Profile(occupations=("7531.5",)), top=4, demand=only_first)
    assert [r.desirable for r in nowhere if r.occupation.uri != first] == [False] * 3


def test_transitions_batch_ranking_matches_recommend() -> None:
    profiles = [Profile(occupations=(c,)) for c in ("7531.5", "2512.4", "8332.2")]
    rows = top_transitions(profiles, top=5)
    for profile, ranked in zip(profiles, rows, strict=True):
        expected = [r.occupation.uri for r in recommend_transitions(profile, top=5)]
        assert [_uri(r) for r in ranked if r >= 0] == expected


def test_transitions_bad_profiles_are_typed_errors() -> None:
    with pytest.raises(TangkasError):
        recommend_transitions(Profile())
    with pytest.raises(UnknownConceptError):
        recommend_transitions(Profile(occupations=("9999.9",)))


def test_transitions_cli_table_in_indonesian_by_default() -> None:
    result = runner.invoke(app, ["transitions", "penjahit", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Kelayakan" in result.output and "layak" in result.output


def test_transitions_cli_json_in_english_with_extra_skills() -> None:
    result = runner.invoke(
        app, ["transitions", "2512.4", "--top", "2", "--json", "--lang", "en", "--skills", "cut fabrics"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["source"]["code"] == "2512.4" and len(payload["skills"]) == 1
    rec = payload["recommendations"][0]
    assert {"score", "components", "missing_essential", "transferable", "desirability_inputs"} <= set(rec)


def test_transitions_cli_english_table() -> None:
    result = runner.invoke(app, ["transitions", "nurse", "--top", "2", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Viability" in result.output


def test_transitions_cli_unknown_code_exits_2() -> None:
    result = runner.invoke(app, ["transitions", "9999.9"])
    assert result.exit_code == 2


def test_transitions_never_recommend_unlawful_or_absent_work() -> None:
    from tangkas.careers.excluded import excluded_mask, excluded_occupations

    cashier = recommend_transitions(Profile(occupations=("5230.1",)), top=12)
    labels = {r.occupation.label_en for r in cashier}
    assert not labels & {"lottery cashier", "casino cashier", "race track operator"}, labels
    rows = top_transitions([Profile(occupations=(o.uri,)) for o in TAX.occupations[::7]], top=12)
    assert not excluded_mask()[rows[rows >= 0]].any()
    assert len(excluded_occupations()) >= 18 and all(e.reason("id") for e in excluded_occupations().values())


def test_transitions_fit_bands_separate_a_list() -> None:
    from tangkas.careers.transitions import fit_band, fit_bands

    very_good, good = fit_bands()
    assert fit_band(very_good) == "very_good" and fit_band(good) == "good" and fit_band(good - 0.01) == "fair"
    cashier = recommend_transitions(Profile(occupations=("5230.1",)), top=12)
    assert len({r.fit for r in cashier}) >= 2, [r.fit for r in cashier]
    lists = top_transitions([Profile(occupations=(o.uri,)) for o in TAX.occupations[::31]], top=12)
    scores = similarity_matrix()[np.arange(0, len(TAX.occupations), 31)[:, None], np.maximum(lists, 0)]
    share = float((scores[lists >= 0] >= very_good).mean())
    assert 0.2 < share < 0.5, share  # about a third of listed moves are "very good", not all


def test_transitions_a_worker_who_wants_less_strain_or_indoor_work_gets_it() -> None:
    from tangkas.careers.conditions import manual_mask, outdoor_mask

    forklift = next(o.uri for o in TAX.occupations if o.label_en == "forklift operator")
    default = {r.occupation.label_en for r in recommend_transitions(Profile(occupations=(forklift,)), top=10)}
    assert {"stevedore", "mover", "vehicle cleaner"} & default  # what the issue saw
    lighter = recommend_transitions(Profile(occupations=(forklift,), less_physical=True), top=10)
    assert lighter and not any(manual_mask()[TAX.occupation_index[r.occupation.uri]] for r in lighter)
    gardener = next(o.uri for o in TAX.occupations if o.label_en == "landscape gardener")
    indoor = recommend_transitions(Profile(occupations=(gardener,), indoor=True), top=10)
    assert indoor and not any(outdoor_mask()[TAX.occupation_index[r.occupation.uri]] for r in indoor)
    outdoor = recommend_transitions(Profile(occupations=(gardener,)), top=10)
    assert any(outdoor_mask()[TAX.occupation_index[r.occupation.uri]] for r in outdoor)


def test_transitions_the_workers_own_skills_lift_moves_that_use_them() -> None:
    cashier = ("5230.1",)
    excel = TAX.skill("use spreadsheets software").uri
    plain = [r.occupation.label_en for r in recommend_transitions(Profile(occupations=cashier), top=12)]
    with_excel = recommend_transitions(Profile(occupations=cashier, skills=(excel,)), top=12)
    labels = [r.occupation.label_en for r in with_excel]
    assert "office clerk" in labels and "office clerk" not in plain, labels
    assert all(r.score <= 1.0 for r in with_excel)


def test_transitions_pay_falls_back_to_the_unit_group_and_filters() -> None:
    cashier, clerk = TAX.occupation("5230.1"), TAX.occupation("4110.1")
    demand = DemandTable(group_median_pay={"5230": 3_000_000.0, "4110": 5_000_000.0})
    assert demand.pay(clerk) == 5_000_000.0 and demand.pay(TAX.occupation("7531.5")) is None
    excel = TAX.skill("use spreadsheets software").uri
    profile = Profile(occupations=(cashier.uri,), skills=(excel,), min_pay=4_000_000)
    recs = recommend_transitions(profile, top=30, demand=demand)
    assert not {r.occupation.isco for r in recs} & {"5230"}  # the group's 3.0M is below 4.0M
    office = next(r for r in recs if r.occupation.uri == clerk.uri)
    assert office.median_pay == 5_000_000.0 and office.pay_ratio == round(5 / 3, 3)
